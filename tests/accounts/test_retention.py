"""Retention: the daily `erase_expired` erases only what is past its time."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from capisce.accounts import services
from modules.certificates.models import Certificate
from quizzes.models import QuizAttempt, ReflectionReply
from tests import factories
from tests.accounts.conftest import REFLECTION, reflection_id

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def test_attempts_free_text_goes_after_its_time_and_the_scores_stay(everything, settings):
    settings.RETENTION_ATTEMPT_TEXT_DAYS = 365
    attempt = everything.attempt
    qid = reflection_id(everything.quiz)
    now = timezone.now()
    QuizAttempt.objects.filter(pk=attempt.pk).update(submitted_at=now - 364 * DAY)
    assert services.expired_erase(now=now)["quiz_free_text"] == 0
    assert QuizAttempt.objects.get(pk=attempt.pk).answers[qid] == REFLECTION

    QuizAttempt.objects.filter(pk=attempt.pk).update(submitted_at=now - 366 * DAY)
    assert services.expired_erase(now=now)["quiz_free_text"] == 1
    kept = QuizAttempt.objects.get(pk=attempt.pk)
    assert kept.answers[qid] == "" and not kept.has_reflections
    assert (kept.percent, kept.passed, kept.learner) == (attempt.percent, True, attempt.learner)
    assert kept.answers.keys() == attempt.answers.keys()
    assert not ReflectionReply.objects.exists()
    assert services.expired_erase(now=now)["quiz_free_text"] == 0  # once


def test_an_inactive_account_is_warned_a_month_before_then_erased(
    learner, settings, django_capture_on_commit_callbacks
):
    settings.RETENTION_INACTIVE_ACCOUNT_DAYS = 1095
    settings.INACTIVE_ACCOUNT_WARNING_DAYS = 30
    now = timezone.now()
    get_user_model().objects.filter(pk=learner.pk).update(last_login=now - 1064 * DAY)
    mail.outbox.clear()
    assert services.inactive_accounts_warn(now=now) == 0  # not yet a month before

    get_user_model().objects.filter(pk=learner.pk).update(last_login=now - 1066 * DAY)
    assert services.expired_erase(now=now)["inactive_accounts_warned"] == 1
    [warning] = mail.outbox
    assert warning.to == [learner.email] and "will be deleted" in warning.subject
    assert "/accounts/login/" in warning.body and "/accounts/profile/" in warning.body
    assert services.expired_erase(now=now)["inactive_accounts_warned"] == 0  # told once
    assert services.expired_erase(now=now + 29 * DAY)["inactive_accounts_erased"] == 0
    assert get_user_model().objects.filter(pk=learner.pk).exists()

    with django_capture_on_commit_callbacks(execute=True):
        done = services.expired_erase(now=now + 31 * DAY)
    assert done["inactive_accounts_erased"] == 1
    assert not get_user_model().objects.filter(pk=learner.pk).exists()


def test_an_account_signed_in_to_after_the_warning_is_kept_and_warned_again_later(
    learner, settings
):
    settings.RETENTION_INACTIVE_ACCOUNT_DAYS = 1095
    settings.INACTIVE_ACCOUNT_WARNING_DAYS = 30
    now = timezone.now()
    users = get_user_model().objects.filter(pk=learner.pk)
    users.update(last_login=now - 1070 * DAY)
    assert services.inactive_accounts_warn(now=now) == 1
    users.update(last_login=now + 10 * DAY)  # came back
    assert services.inactive_accounts_erase(now=now + 40 * DAY) == 0
    assert users.exists()
    # Gone again for years: told again.
    assert services.inactive_accounts_warn(now=now + 10 * DAY + 1070 * DAY) == 1


def test_administrators_and_the_recently_active_are_never_erased_for_inactivity(learner, settings):
    settings.RETENTION_INACTIVE_ACCOUNT_DAYS = 1095
    now = timezone.now()
    admin = factories.make_user(email="root@example.test", is_superuser=True)
    get_user_model().objects.filter(pk=admin.pk).update(last_login=now - 5000 * DAY)
    get_user_model().objects.filter(pk=learner.pk).update(last_login=now - 10 * DAY)
    assert services.inactive_accounts_warn(now=now) == 0
    get_user_model().objects.update(inactivity_warned_at=now - 100 * DAY)
    assert services.inactive_accounts_erase(now=now) == 0
    assert get_user_model().objects.count() == 2


def test_an_account_never_signed_in_counts_from_its_sign_up(learner, settings):
    settings.RETENTION_INACTIVE_ACCOUNT_DAYS = 1095
    now = timezone.now()
    get_user_model().objects.filter(pk=learner.pk).update(
        last_login=None, date_joined=now - 1080 * DAY
    )
    assert services.inactive_accounts_warn(now=now) == 1


def test_zero_days_never_erases_accounts(learner, settings):
    settings.RETENTION_INACTIVE_ACCOUNT_DAYS = 0
    now = timezone.now()
    get_user_model().objects.filter(pk=learner.pk).update(
        last_login=now - 5000 * DAY, inactivity_warned_at=now - 100 * DAY
    )
    done = services.expired_erase(now=now)
    assert done["inactive_accounts_warned"] == done["inactive_accounts_erased"] == 0


def test_an_inactive_learners_certificate_stays_verifiable(
    everything, settings, django_capture_on_commit_callbacks
):
    settings.RETENTION_INACTIVE_ACCOUNT_DAYS = 1095
    now = timezone.now()
    get_user_model().objects.filter(pk=everything.learner.pk).update(
        last_login=now - 2000 * DAY, inactivity_warned_at=now - 31 * DAY
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.inactive_accounts_erase(now=now) == 1
    certificate = Certificate.objects.get(pk=everything.certificate.pk)
    assert certificate.status == "valid" and certificate.learner.is_erased


def test_the_daily_command_says_what_it_erased(db):
    out = io.StringIO()
    call_command("erase_expired", stdout=out)
    lines = out.getvalue().splitlines()
    assert {line.split(":")[0] for line in lines} == {
        "renditions",
        "sensitive_excerpt_openings",
        "quiz_free_text",
        "data_exports",
        "inactive_accounts_warned",
        "inactive_accounts_erased",
    }
