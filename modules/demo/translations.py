"""The demo course's French and Dutch versions, recorded as wagtail-localize translations.

A translation folder (``fr/``, ``nl/``) mirrors the English one file for file. For each
English object the loader made, the translated file is built into an unsaved object of
the same kind, and wagtail-localize extracts the texts to translate from both: the two
lists match one for one (the same fields, the same paragraphs, the same transcript turns),
so each translated text becomes the translation of its English one. Then
wagtail-localize's own translation makes the French or Dutch object, as a trainer's would
in the admin's translation editor, which therefore shows the demo course fully translated.
"""

from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from modules.demo.loader import DemoDataError


def texts(instance) -> list:
    """The texts wagtail-localize would give a translator for this object, in order."""
    return [
        segment.string.data
        for segment in extract_segments(instance)
        if isinstance(segment, StringSegmentValue)
    ]


def translate(source, translated, locale, file: str):
    """Record `translated` (an unsaved object built from the translation's file) as the
    translation of `source` into `locale` and make it; the object in that locale.

    A translation already made is left as it is, as the loader leaves what exists.
    """
    existing = source.get_translation_or_none(locale)
    if existing is not None:
        return existing
    record, _created = TranslationSource.get_or_create_from_instance(source)
    strings = list(
        StringSegment.objects.filter(source=record)
        .select_related("string", "context")
        .order_by("order")
    )
    translations = texts(translated)
    if len(translations) != len(strings):
        raise DemoDataError(
            file,
            "",
            f"{len(translations)} texts to translate where the English has {len(strings)}: "
            "keep the same fields, paragraphs and list items as the English file",
        )
    for segment, text in zip(strings, translations, strict=True):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
        )
    translation, _created = Translation.objects.get_or_create(source=record, target_locale=locale)
    if isinstance(source, Page):
        # wagtail-localize would publish a page once the transaction commits, from a revision
        # taken before its children exist; the loader publishes it now, children to come.
        translation.save_target(publish=False)
        made = source.get_translation(locale)
        made.get_latest_revision().publish()
        return made.specific
    translation.save_target(publish=True)
    return source.get_translation(locale)
