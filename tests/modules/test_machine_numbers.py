"""Numbers that scripts and browsers read are written the same in every interface language."""

import re

import pytest
from django.core.files.base import ContentFile
from wagtail.models import Locale
from wagtailmedia.models import get_media_model

from modules.progress import services as progress_services
from tests import factories

CAPTIONS = b"WEBVTT\n\n00:00.000 --> 00:04.000\nHello, I am Officer B.\n"


def excerpt_with_audio(**extra):
    excerpt = factories.make_excerpt(
        segments=[
            (0, "Interviewer", "Hello, I am Officer B."),
            (4.5, "Interpreter", "Hello, I am Officer B."),
            (17.65, "Child", "Hello."),
        ],
        **extra,
    )
    excerpt.media = get_media_model().objects.create(
        title="First contact",
        type="audio",
        duration=20,
        file=ContentFile(b"OggS", name="first-contact.ogg"),
    )
    excerpt.captions.save("first-contact.vtt", ContentFile(CAPTIONS), save=False)
    excerpt.save()
    return excerpt


def page_in(client, url, language):
    """The page at its address in `language` (the address decides the language)."""
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    return html


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "fr", "nl"])
def test_segment_starts_and_the_progress_bar_are_written_with_a_dot(client, course, language):
    excerpt = excerpt_with_audio()
    module = factories.make_module(course, body=[factories.excerpt_block(excerpt)])
    factories.make_module(course, title="Module two", slug="module-two")
    learner = factories.make_user()
    progress_services.module_complete(learner=learner, module=module, course=course)
    client.force_login(learner)

    shown = factories.translated(module, language) if language != "en" else module
    html = page_in(client, shown.url, language)
    starts = re.findall(r'data-start="([^"]*)"', html)
    assert starts == ["0.00", "4.50", "17.65"]
    assert f'id="excerpt-{excerpt.pk}-turn-3"' in html

    # The learner's progress, made on the English module, counts on the translated pages too.
    prefix = "" if language == "en" else f"/{language}"
    for url in (shown.get_parent().url, f"{prefix}/dashboard/"):
        assert 'max="100" value="50"' in page_in(client, url, language)


@pytest.mark.django_db
def test_captions_are_labelled_with_the_excerpts_language_not_the_interfaces(client, course):
    english = excerpt_with_audio(title="English excerpt")
    french = excerpt_with_audio(
        title="Extrait en français", locale=Locale.objects.get_or_create(language_code="fr")[0]
    )
    module = factories.make_module(
        course, body=[factories.excerpt_block(english), factories.excerpt_block(french)]
    )
    client.force_login(factories.make_user())
    for language in ("en", "fr", "nl"):
        shown = factories.translated(module, language) if language != "en" else module
        html = page_in(client, shown.url, language)
        assert re.findall(r'<track kind="captions"[^>]* srclang="([^"]*)"', html) == ["en", "fr"]
