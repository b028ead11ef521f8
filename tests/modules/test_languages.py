"""Courses in every learner's language: translations made with wagtail-localize, served at
/fr/ and /nl/, and one record of the learner's work whatever language they read it in."""

import re

import pytest
from django.utils import translation
from wagtail.models import Locale
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from modules.certificates.documents import certificate_html
from modules.certificates.services import certificate_issue
from modules.progress import services as progress
from modules.progress.models import Enrolment, ModuleProgress
from quizzes.models import QuizAttempt
from tests import factories
from tests.quizzes.test_taking import right_answers, submit_url, token_from


def localize(instance, language):
    """Translate `instance` with wagtail-localize as a trainer does in its editor: every text
    given a translation (here, marked with its language), then the translation published."""
    locale, _created = Locale.objects.get_or_create(language_code=language)
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        text = segment.string.data
        StringTranslation.objects.get_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": f"{language}-{text}"
                if segment.context.path == "slug"
                else f"[{language}] {text}"
            },
        )
    translation_, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    translation_.save_target(publish=True)
    translated = instance.get_translation(locale)
    return getattr(translated, "specific", translated)


@pytest.fixture
def site(db, catalogue, django_capture_on_commit_callbacks):
    """A course of two modules (the first with a quiz) in English, and in French and Dutch
    the catalogue, the course, the quiz and the first module; the second is not translated."""
    course = factories.make_course(catalogue)
    quiz = factories.make_quiz(
        questions=[
            factories.question(
                "single_choice",
                "<p>Who answers the child?</p>",
                choices=[factories.choice("The interviewer", True), factories.choice("You")],
            )
        ]
    )
    first = factories.make_module(
        course, body=[factories.paragraph("<p>Read this.</p>"), factories.quiz_block(quiz)]
    )
    second = factories.make_module(course, title="Module two", slug="module-two")
    pages = {}
    for language in ("fr", "nl"):
        made = {}
        # Each translation is published once saved, as after the editor's request.
        for name, instance in (("quiz", quiz), ("catalogue", catalogue), ("course", course)):
            with django_capture_on_commit_callbacks(execute=True):
                made[name] = localize(instance, language)
        with django_capture_on_commit_callbacks(execute=True):
            made["first"] = localize(first, language)
        pages[language] = {"course": made["course"].specific, "first": made["first"]}
    return course, quiz, first, second, pages


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_page_translated_with_wagtail_localize_is_served_at_its_language_prefix(
    client, site, learner
):
    _course, _quiz, first, _second, pages = site
    client.force_login(learner)
    french = pages["fr"]["first"]
    assert french.url == "/fr/fr-interpreting/fr-module-one/"
    html = html_of(client, french.url)
    assert '<html lang="fr">' in html
    assert "[fr] Module one" in html and "[fr] Read this." in html
    # Its alternates name every language and each one resolves.
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', html))
    assert set(alternates) == {"en", "fr", "nl", "x-default"}
    assert alternates["en"] == alternates["x-default"] == "http://testserver" + first.url
    for url in alternates.values():
        assert client.get(url.removeprefix("http://testserver")).status_code == 200
    # The switcher names each language in itself and goes to the same page.
    assert f'<a href="{pages["nl"]["first"].url}" hreflang="nl" lang="nl">Nederlands</a>' in html
    assert '<span aria-current="true" lang="fr">Français</span>' in html


def test_french_work_counts_on_the_dutch_pages_and_is_recorded_once(client, site, learner):
    course, quiz, first, second, pages = site
    client.force_login(learner)
    french = pages["fr"]["first"]
    token = token_from(html_of(client, french.url))
    french_quiz = quiz.get_translation(Locale.objects.get(language_code="fr"))
    response = client.post(submit_url(french, french_quiz), right_answers(french_quiz, token))
    assert response.status_code == 302
    # One attempt, one enrolment, one module done: all on the English source.
    attempt = QuizAttempt.objects.get()
    assert (attempt.quiz, attempt.module_id, attempt.passed) == (quiz, first.pk, True)
    assert list(Enrolment.objects.values_list("course_id", flat=True)) == [course.pk]
    assert list(
        ModuleProgress.objects.filter(completed_at__isnull=False).values_list(
            "module_id", flat=True
        )
    ) == [first.pk]
    # The Dutch pages know it: the module is done, its quiz passed, the course half done.
    dutch = html_of(client, pages["nl"]["first"].url)
    with translation.override("nl"):
        assert translation.gettext("You have completed this module.") in dutch
    assert 'max="100" value="50"' in html_of(client, pages["nl"]["course"].url)
    dashboard = html_of(client, "/nl/dashboard/")
    assert 'max="100" value="50"' in dashboard and '<html lang="nl">' in dashboard
    # The module not translated yet: a 404 in Dutch, and the course lists the English one.
    assert client.get("/nl/nl-interpreting/module-two/").status_code == 404
    assert f'href="{second.url}"' in html_of(client, pages["nl"]["course"].url)
    assert QuizAttempt.objects.count() == 1 and Enrolment.objects.count() == 1


def test_a_certificate_prints_the_course_title_in_its_own_language(site):
    course, _quiz, first, second, _pages = site
    reader = factories.make_user(email="dutch@example.test", preferred_language="nl")
    for module in (first, second):
        progress.module_complete(learner=reader, module=module, course=course)
    certificate = certificate_issue(learner=reader, course=course)
    assert certificate.language == "nl"
    assert "[nl] Interpreting for children" in certificate_html(certificate, "nl")
    assert "[fr] Interpreting for children" in certificate_html(certificate, "fr")
    assert ">Interpreting for children<" in certificate_html(certificate, "en").replace("\n", "")


def test_a_language_the_site_does_not_have_is_a_404(client, site):
    assert client.get("/de/interpreting/").status_code == 404
    assert client.get("/xx/").status_code == 404
