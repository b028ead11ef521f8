"""Storing glossary concepts: the import, and the demo loader, go through `glossary_import`."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Locale

from modules.glossary.entries import Concept, Side
from modules.glossary.languages import site_languages
from modules.models.glossary import AvoidedTerm, GlossaryTerm


class GlossaryImportRefused(ValueError):
    """Why the concepts cannot be stored, one message per problem; nothing was saved."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


@dataclass(frozen=True)
class ImportReport:
    created: int  # new concepts
    updated: int  # stored concepts whose text the import replaced
    translations_added: int  # languages added to concepts that were stored already


def glossary_import(
    *, concepts: list[Concept], course=None, keep_existing: bool = False
) -> ImportReport:
    """Store `concepts` (checked plain data, e.g. from `exchange.read_csv`), in one transaction.

    A concept whose key is stored updates that concept, language by language (a language it
    lacks is added as a translation of the concept's first row); any other concept is new,
    written for `course` (None: every course), its first language the source and the others
    its translations (`copy_for_translation`). With `keep_existing` (the demo), a stored
    concept, found by key or by its first term, keeps its text and only gets the languages it
    lacks. Refused, with every problem and nothing saved: a language the site does not have,
    or a term that another concept has in the same language.
    """
    languages = site_languages()
    used = sorted({language for concept in concepts for language in concept.sides})
    unknown = [language for language in used if language not in languages]
    if unknown:
        raise GlossaryImportRefused(
            [
                _("“%(code)s” is not a language of the site (it has: %(languages)s).")
                % {"code": code, "languages": ", ".join(languages)}
                for code in unknown
            ]
        )
    owners = {
        (code, term.strip().casefold()): str(key)
        for term, key, code in GlossaryTerm.objects.filter(
            locale__language_code__in=used
        ).values_list("term", "translation_key", "locale__language_code")
    }
    stored_keys = set(owners.values())
    stored_keys |= {
        str(key)
        for key in GlossaryTerm.objects.filter(
            translation_key__in=[c.key for c in concepts if c.key]
        ).values_list("translation_key", flat=True)
    }
    plans, problems = [], []
    for concept in concepts:
        key = concept.key if concept.key in stored_keys else None
        if key is None and keep_existing:
            first = next(iter(concept.sides.values()))
            key = owners.get((first.language, first.term.casefold()))
        for side in concept.sides.values():
            owner = owners.get((side.language, side.term.casefold()))
            if owner is not None and owner != key:
                problems.append(
                    _(
                        "“%(term)s” (%(language)s) is already in the glossary for another "
                        "concept: edit that entry, or give this one its concept key to update it."
                    )
                    % {"term": side.term, "language": languages[side.language]}
                )
        plans.append((concept, key))
    if problems:
        raise GlossaryImportRefused(problems)

    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in used}
    created = updated = added = 0
    with transaction.atomic():
        rows_by_key = {}
        stored = GlossaryTerm.objects.filter(
            translation_key__in=[key for _concept, key in plans if key]
        ).select_related("locale")
        for row in stored.prefetch_related("avoided_terms"):
            rows_by_key.setdefault(str(row.translation_key), {})[row.locale.language_code] = row
        for concept, key in plans:
            rows = rows_by_key.get(key, {}) if key else {}
            if not rows:
                _create(concept, concept.key or str(uuid.uuid4()), locales, course)
                created += 1
                continue
            source = next(rows[code] for code in languages if code in rows)
            changed = False
            for code, side in concept.sides.items():
                if code in rows:
                    if not keep_existing:
                        _fill(rows[code], side, source)
                        rows[code].save()
                        changed = True
                else:
                    translation = source.copy_for_translation(locales[code])
                    _fill(translation, side, source)
                    translation.save()
                    added += 1
            updated += changed
    return ImportReport(created=created, updated=updated, translations_added=added)


def _create(concept: Concept, key: str, locales, course):
    sides = list(concept.sides.values())
    source = GlossaryTerm(translation_key=key, locale=locales[sides[0].language], course=course)
    _fill(source, sides[0], None)
    source.save()
    for side in sides[1:]:
        translation = source.copy_for_translation(locales[side.language])
        _fill(translation, side, source)
        translation.save()


def _fill(row: GlossaryTerm, side: Side, source: GlossaryTerm | None):
    """Put a side's text in a row, its terms to avoid matched by position to the rows it has
    (and, for a translation, to the source's, whose translation keys they share)."""
    row.term = side.term
    row.variants = "\n".join(side.variants)
    row.definition = side.definition
    row.notes = side.notes
    row.source = side.source
    current = list(row.avoided_terms.all())
    source_keys = (
        [child.translation_key for child in source.avoided_terms.all()]
        if source is not None and source is not row
        else []
    )
    keys_in_use = {child.translation_key for child in current}
    children = []
    for position, avoided in enumerate(side.avoided):
        if position < len(current):
            child = current[position]
        else:
            key = source_keys[position] if position < len(source_keys) else None
            if key is None or key in keys_in_use:
                key = uuid.uuid4()
            keys_in_use.add(key)
            child = AvoidedTerm(translation_key=key)
        child.locale = row.locale
        child.term, child.reason, child.sort_order = avoided.term, avoided.reason, position
        children.append(child)
    row.avoided_terms = children
