"""No learner stuck for good: a reset gives attempts back, a trainer grants more, the spent
page says whom to ask, and a course may let learners restart it themselves."""

import re
from html import unescape

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.formats import date_format

from modules.certificates.models import Certificate
from modules.progress.models import Enrolment, ModuleProgress
from quizzes.models import AttemptGrant, QuizAttempt
from tests import factories
from tests.quizzes.test_taking import submit_url, token_from

STATEMENT = "<p>A child has the right to be heard in any proceedings that concern them.</p>"


@pytest.fixture
def limited(catalogue):
    """A course whose one module holds a one-question quiz with two attempts."""

    def build(attempts=2, **course_extra):
        course = factories.make_course(catalogue, **course_extra)
        quiz = factories.make_quiz(
            title="The right to be heard",
            questions=[factories.question("true_false", STATEMENT, answer=True)],
            attempts_allowed=attempts,
        )
        module = factories.make_module(course, body=[factories.quiz_block(quiz)])
        return course, quiz, module

    return build


def answer(html, label):
    """The POST a browser sends after ticking the radio labelled `label` in the quiz form."""
    ident = re.search(rf'<label for="([^"]+)">{label}</label>', html).group(1)
    tag = re.search(rf'<input[^>]*\bid="{re.escape(ident)}"[^>]*>', html).group(0)
    name = re.search(r'\bname="([^"]+)"', tag).group(1)
    value = re.search(r'\bvalue="([^"]*)"', tag).group(1)
    return {"token": token_from(html), name: unescape(value)}


def take(client, module, quiz, label):
    """Open the module, answer the quiz; return the response to the submission."""
    html = client.get(module.url).content.decode()
    return client.post(submit_url(module, quiz), answer(html, label))


def fail(client, module, quiz):
    response = take(client, module, quiz, "False")
    assert response.status_code == 302
    assert "/quiz/attempts/" in response["Location"]
    return response


def page_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def test_after_a_trainer_reset_a_learner_who_used_every_attempt_can_submit_again(
    client, limited, learner, trainer
):
    course, quiz, module = limited(attempts=2)
    client.force_login(learner)
    fail(client, module, quiz)
    stale = page_of(client, module.url)  # a tab still open with the last answer sheet
    fail(client, module, quiz)
    spent = page_of(client, module.url)
    assert "You have used all 2 attempts this quiz allows." in spent
    assert "ask your trainer to grant you more attempts or to reset your progress" in spent
    assert 'class="quiz-form"' not in spent and 'name="token"' not in spent
    client.post(submit_url(module, quiz), answer(stale, "True"))
    assert QuizAttempt.objects.filter(learner=learner).count() == 2  # the limit holds

    client.force_login(trainer)
    reset_url = f"/admin/reports/learners/{learner.pk}/reset/{course.pk}/"
    assert "Yes, reset the progress" in page_of(client, reset_url)
    assert client.post(reset_url).status_code == 302
    report = page_of(client, f"/admin/reports/learners/{learner.pk}/")
    reset_on = date_format(
        timezone.localtime(Enrolment.objects.get(learner=learner).reset_at), "j F Y"
    )
    assert report.count(f"No: before the reset on {reset_on}") == 2
    # the failed attempts are history, not the module's best score
    assert "<tr><td>Module one</td><td>not started</td><td>—</td></tr>" in report

    client.force_login(learner)
    fresh = page_of(client, module.url)
    assert "You have 2 attempts left." in fresh and 'class="quiz-form"' in fresh
    response = take(client, module, quiz, "True")
    assert response.status_code == 302 and "/quiz/attempts/" in response["Location"]
    assert QuizAttempt.objects.filter(learner=learner).count() == 3
    assert ModuleProgress.objects.get(learner=learner, module=module).completed_at is not None
    assert "You have 1 attempt left." in page_of(client, module.url)

    dashboard = page_of(client, "/dashboard/")
    assert "100% · passed" in dashboard
    assert f"Before the reset on {reset_on}: 2 attempts, best 0%" in dashboard
    assert f"Started again on {reset_on}" in dashboard
    client.force_login(trainer)
    report = page_of(client, f"/admin/reports/learners/{learner.pk}/")
    assert "<tr><td>Module one</td><td>done</td><td>100%</td></tr>" in report
    assert report.count("before the reset on") == 2  # the new attempt counts


def test_a_trainer_grants_one_more_attempt_with_a_reason_shown_in_the_report(
    client, limited, learner, trainer
):
    course, quiz, module = limited(attempts=1)
    client.force_login(learner)
    fail(client, module, quiz)
    assert 'class="quiz-form"' not in page_of(client, module.url)
    grant_url = f"/admin/reports/learners/{learner.pk}/grant-attempts/"
    assert client.get(grant_url).status_code in (302, 403)  # learners grant nothing

    client.force_login(trainer)
    report = page_of(client, f"/admin/reports/learners/{learner.pk}/")
    assert f'href="{grant_url}?quiz={quiz.pk}"' in report
    form = page_of(client, f"{grant_url}?quiz={quiz.pk}")
    assert "The right to be heard" in form
    token = re.search(r'name="token" value="([^"]+)"', form).group(1)
    data = {"quiz": quiz.pk, "extra_attempts": 1, "token": token}
    refused = client.post(grant_url, {**data, "reason": "   "})
    assert refused.status_code == 200 and "Say why you grant more attempts." in refused.text
    for bad in ({"extra_attempts": 0}, {"extra_attempts": "many"}, {"quiz": "nope"}):
        assert client.post(grant_url, {**data, "reason": "x", **bad}).status_code == 200
    assert not AttemptGrant.objects.exists()
    reason = "Her internet connection failed during the second question."
    assert client.post(grant_url, {**data, "reason": reason}).status_code == 302
    assert client.post(grant_url, {**data, "reason": reason}).status_code == 302  # sent twice
    grant = AttemptGrant.objects.get()
    assert (grant.learner, grant.quiz, grant.extra_attempts) == (learner, quiz, 1)
    report = page_of(client, f"/admin/reports/learners/{learner.pk}/")
    assert reason in report and "Tess Trainer" in report
    assert str(timezone.localtime(grant.granted_at).year) in report

    client.force_login(learner)
    page = page_of(client, module.url)
    assert "You have 1 attempt left." in page and 'class="quiz-form"' in page
    assert take(client, module, quiz, "True").status_code == 302
    assert QuizAttempt.objects.filter(learner=learner).count() == 2
    spent = page_of(client, module.url)
    assert "You have used all 2 attempts this quiz allows." in spent
    assert 'class="quiz-form"' not in spent

    # Grants add up; a reset gives the quiz's own attempts back, and older grants are spent.
    client.force_login(trainer)
    token = re.search(r'name="token" value="([^"]+)"', page_of(client, grant_url)).group(1)
    more = {"quiz": quiz.pk, "extra_attempts": 2, "reason": "A second chance.", "token": token}
    assert client.post(grant_url, more).status_code == 302
    client.force_login(learner)
    assert "You have 2 attempts left." in page_of(client, module.url)
    client.force_login(trainer)
    client.post(f"/admin/reports/learners/{learner.pk}/reset/{course.pk}/")
    client.force_login(learner)
    assert "You have 1 attempt left." in page_of(client, module.url)


def test_a_spent_quiz_says_so_and_whom_to_ask_on_the_module_and_the_result(
    client, limited, learner
):
    _course, quiz, module = limited(attempts=1, trainer_contact="Tess Trainer, tess@example.test")
    client.force_login(learner)
    result = page_of(client, fail(client, module, quiz)["Location"])
    page = page_of(client, module.url)
    for html in (page, result):
        assert "You have used your only attempt at this quiz." in html
        assert "ask Tess Trainer, " in html
        assert '<a href="mailto:tess@example.test">tess@example.test</a>' in html
        assert "start the course again yourself" not in html  # this course does not allow it
    assert 'class="quiz-form"' not in page and 'name="token"' not in page
    assert "Try again" not in result


def test_a_learner_restarts_a_course_that_allows_it_and_their_certificate_stays_valid(
    client, limited, learner, django_capture_on_commit_callbacks
):
    closed, closed_quiz, closed_module = limited(slug="closed", title="Closed")
    client.force_login(learner)
    fail(client, closed_module, closed_quiz)
    assert "Restart this course" not in page_of(client, closed.url)
    assert client.get(closed.url + "restart/").status_code == 404
    assert client.post(closed.url + "restart/").status_code == 404
    assert Enrolment.objects.get(learner=learner, course=closed).reset_at is None

    course, quiz, module = limited(attempts=1, learners_may_restart=True)
    restart_url = course.url + "restart/"
    client.force_login(factories.make_user(email="stranger@example.test"))
    assert client.get(restart_url).status_code == 404  # not enrolled
    client.logout()
    assert client.get(restart_url).status_code == 302  # to the sign-in page

    client.force_login(learner)
    with django_capture_on_commit_callbacks(execute=True):
        assert take(client, module, quiz, "True").status_code == 302
    certificate = Certificate.objects.get(learner=learner)
    spent = page_of(client, module.url)
    assert f'href="{restart_url}"' in spent  # the spent quiz points to the restart
    course_page = page_of(client, course.url)
    assert f'href="{restart_url}"' in course_page and "Restart this course" in course_page

    confirm = page_of(client, restart_url)
    assert "Yes, start the course again" in confirm and "stays valid" in confirm
    assert Enrolment.objects.get(learner=learner, course=course).completed_at  # GET: no change
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(learner)
    assert strict.post(restart_url).status_code == 403
    assert Enrolment.objects.get(learner=learner, course=course).reset_at is None

    response = client.post(restart_url)
    assert response.status_code == 302 and response["Location"] == course.url
    enrolment = Enrolment.objects.get(learner=learner, course=course)
    assert enrolment.completed_at is None and enrolment.reset_at is not None
    assert not ModuleProgress.objects.filter(module=module, completed_at__isnull=False).exists()
    again = page_of(client, module.url)
    assert "You have 1 attempt left." in again and 'class="quiz-form"' in again

    certificate.refresh_from_db()
    assert certificate.status == "valid"
    assert "This certificate is valid" in page_of(client, f"/certificates/{certificate.code}/")
    assert f"/certificates/{certificate.code}/pdf/" in page_of(client, course.url)
    assert f"/certificates/{certificate.code}/pdf/" in page_of(client, "/dashboard/")
    pdf = client.get(f"/certificates/{certificate.code}/pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")

    with django_capture_on_commit_callbacks(execute=True):
        assert take(client, module, quiz, "True").status_code == 302
    assert Enrolment.objects.get(learner=learner, course=course).completed_at is not None
    assert Certificate.objects.filter(learner=learner).get() == certificate  # no second one
