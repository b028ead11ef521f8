"""A learner signs up in French, follows the demo course in French, switches to Dutch half-way
and finishes there, and downloads a French certificate; on the way, a bilingual transcript
shows both columns with their languages, and a glossary term shows its definition in place.

Modules 1 and 2 are taken in the browser (module 1's quiz in French, module 2's in Dutch);
the other six are recorded done through the progress services, as the other journeys do, so
that the test stays about languages.
"""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect
from pypdf import PdfReader

from modules.certificates.models import Certificate
from modules.progress.models import Enrolment, ModuleProgress
from quizzes.models import QuizAttempt
from tests.e2e.conftest import (
    answer_quiz,
    assert_accessible,
    complete_modules,
    demo_in,
    in_language,
)

pytestmark = pytest.mark.e2e

EMAIL = "camille@example.test"
PASSWORD = "Un-mot-de-passe-solide-42"
MODULE_SLUGS = ("what-is-child-trafficking", "rights-and-law")


def test_a_learner_signs_up_in_french_finishes_in_dutch_and_gets_a_french_certificate(
    demo_site, page, mailoutbox
):
    french, dutch = demo_in("fr"), demo_in("nl")
    fr = lambda text: in_language("fr", text)  # noqa: E731
    nl = lambda text: in_language("nl", text)  # noqa: E731

    # The French catalogue, then sign-up from its header, in French.
    page.goto(demo_site + "/fr/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.get_by_role("link", name=french.course.fields["title"]).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(french.course.fields["title"])
    page.locator("header").get_by_role("link", name=fr("Sign up")).click()
    assert page.url.startswith(demo_site + "/fr/accounts/signup/")
    page.locator("input[name=full_name]").fill("Camille Interprète")
    page.locator("input[name=email]").fill(EMAIL)
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)
    page.locator("select[name=preferred_language]").select_option("fr")
    page.get_by_role("main").locator("button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")

    # The confirmation mail is French and opens the French page.
    [message] = [message for message in mailoutbox if message.to == [EMAIL]]
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)
    assert "/fr/accounts/confirm-email/" in link
    page.goto(link)
    page.get_by_role("main").locator("button[type=submit]").click()
    page.wait_for_load_state()
    page.goto(demo_site + "/fr/")
    expect(page.locator("header").get_by_role("link", name=fr("My account"))).to_be_visible()
    learner = get_user_model().objects.get(email=EMAIL)
    assert learner.preferred_language == "fr"

    # Module 1 in French: its excerpt's transcript is bilingual, its terms link to the glossary.
    page.goto(demo_site + "/fr/")
    page.get_by_role("link", name=french.course.fields["title"]).first.click()
    page.get_by_role("link", name=french.modules[0].fields["title"]).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(french.modules[0].fields["title"])
    page.locator("details.content-note__details > summary").first.click()
    transcript = page.locator("[data-bilingual]").first
    spoken = transcript.locator(".segment__spoken").first
    rendered = transcript.locator(".segment__translation").first
    expect(spoken).to_have_attribute("lang", "en")
    expect(rendered).to_have_attribute("lang", "fr")
    expect(spoken).to_be_visible()
    expect(rendered).to_be_visible()
    transcript.get_by_label(fr("Words spoken")).uncheck()
    expect(spoken).to_be_hidden()
    expect(rendered).to_be_visible()
    transcript.get_by_label(fr("Words spoken")).check()
    term = page.locator("button.glossary-link").first
    term.click()
    expect(page.locator(".glossary-popover:popover-open")).to_be_visible()
    page.keyboard.press("Escape")
    assert_accessible(page, "the French module 1")
    answer_quiz(page, MODULE_SLUGS[0], language="fr")
    page.goto(page.url.split("quiz/")[0])
    expect(page.get_by_text(fr("You have completed this module."))).to_be_visible()

    # Half-way, the switcher takes them to the same module in Dutch: still done.
    page.locator("footer").get_by_role("link", name="Nederlands").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("heading", level=1)).to_have_text(dutch.modules[0].fields["title"])
    expect(page.get_by_text(nl("You have completed this module."))).to_be_visible()
    assert_accessible(page, "the Dutch module 1")

    # Module 2 in Dutch, then the rest of the course.
    page.get_by_role("link", name=dutch.modules[1].fields["title"]).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(dutch.modules[1].fields["title"])
    answer_quiz(page, MODULE_SLUGS[1], language="nl")
    assert QuizAttempt.objects.filter(learner=learner, passed=True).count() == 2
    complete_modules(learner, 8)

    # One record whatever the language: one enrolment, eight modules done, one certificate.
    assert Enrolment.objects.filter(learner=learner).count() == 1
    assert ModuleProgress.objects.filter(learner=learner, completed_at__isnull=False).count() == 8
    certificate = Certificate.objects.get(learner=learner)
    assert certificate.language == "fr"

    # The Dutch dashboard offers the certificate; its PDF is French, with the French title.
    page.goto(demo_site + "/nl/dashboard/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    response = page.request.get(demo_site + f"/nl/certificates/{certificate.code}/pdf/")
    assert response.status == 200
    text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(response.body())).pages
    )
    assert french.course.fields["title"] in text
    assert "Camille Interprète" in text
