"""Delete my account: personal data and recordings erased, learning records kept without
identity, certificates as the holder chose; the same erasure from the admin."""

import json
import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from wagtail.models import ModelLogEntry

from capisce.accounts import personal_data, services
from capisce.accounts.models import DataExport
from modules.certificates.models import Certificate, CertificateFile
from modules.practice.models import RecordingConsent, Remark, Rendition, Review
from modules.progress.models import Cohort, Enrolment, ModuleProgress
from modules.progress.reports import course_summary, progress_rows
from quizzes.models import AttemptGrant, QuizAttempt, ReflectionReply
from tests import factories
from tests.accounts.conftest import (
    EMAIL,
    NAME,
    OTHER_NOTE,
    OTHER_REFLECTION,
    SECRETS,
)
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

TEXT_TYPES = {"CharField", "TextField", "JSONField", "FileField", "SlugField", "URLField"}


def models_pointing_at_a_user():
    """The user model and every model with a key to it: the tables a person's data is in."""
    user_model = get_user_model()
    return [user_model] + [
        model
        for model in apps.get_models()
        if model is not user_model and personal_data.user_keys(model)
    ]


def where_found(texts):
    """`app.Model.field` for every text column, in every model pointing at a user, holding
    one of `texts`."""
    found = set()
    for model in models_pointing_at_a_user():
        fields = [f for f in model._meta.concrete_fields if f.get_internal_type() in TEXT_TYPES]
        for field in fields:
            for value in model._default_manager.values_list(field.attname, flat=True):
                text = (
                    json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
                )
                for secret in texts:
                    if secret and secret.lower() in (text or "").lower():
                        found.add(f"{model._meta.label}.{field.name}")
    return found


def stored_files(learning, export=None):
    """The learner's files in the private storage: recording, certificate PDFs, export."""
    files = [learning.rendition.audio]
    files += [
        row.file for row in CertificateFile.objects.filter(certificate__learner=learning.learner)
    ]
    if export is not None:
        files.append(export.file)
    return [(f.storage, f.name) for f in files]


def delete_account(client, *, certificates="withdraw", password=PASSWORD, capture=None):
    data = {"password": password}
    if certificates:
        data["choice_certificates"] = certificates
    if capture is None:
        return client.post("/accounts/delete/", data)
    with capture(execute=True):
        return client.post("/accounts/delete/", data)


def counts(learning):
    course = learning.course
    summary = course_summary(course)
    _modules, rows = progress_rows(course, Enrolment.objects.filter(course=course))
    return {
        "enrolled": summary["enrolled"],
        "completed": summary["completed"],
        "tried": [q["tried"] for q in summary["quizzes"]],
        "passed": [q["passed"] for q in summary["quizzes"]],
        "rows": len(rows),
        "done": sorted(row["done"] for row in rows),
    }


def test_erasure_leaves_no_personal_data_in_any_table_and_no_file(
    client, everything, other, django_capture_on_commit_callbacks
):
    learner = everything.learner
    client.force_login(learner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/export/")
    export = DataExport.objects.get(user=learner)
    files = stored_files(everything, export)
    assert all(storage.exists(name) for storage, name in files)
    assert where_found(SECRETS)  # the scan finds what is there
    before = counts(everything)

    mail.outbox.clear()
    response = delete_account(client, capture=django_capture_on_commit_callbacks)

    assert response.status_code == 302 and response["Location"] == "/accounts/deleted/"
    page = client.get("/accounts/deleted/").content.decode()
    assert "Your account has been deleted" in page
    assert where_found(SECRETS) == set()
    assert not any(storage.exists(name) for storage, name in files)
    assert not get_user_model().objects.filter(pk=learner.pk).exists()
    [goodbye] = mail.outbox
    assert goodbye.to == [EMAIL] and "deleted" in goodbye.subject

    # What trainers' statistics need is kept, anonymous, counted once.
    assert counts(everything) == before
    placeholder = get_user_model().objects.get(erased_at__isnull=False)
    assert not placeholder.is_active and not placeholder.has_usable_password()
    assert placeholder.full_name == "" and placeholder.email.endswith("@erased.invalid")
    assert Enrolment.objects.filter(learner=placeholder).count() == 1
    assert ModuleProgress.objects.filter(learner=placeholder).count() == 1
    attempt = QuizAttempt.objects.get(learner=placeholder)
    assert attempt.percent == everything.attempt.percent and attempt.passed
    assert not attempt.has_reflections and not ReflectionReply.objects.filter(attempt=attempt)
    assert list(Cohort.objects.get().learners.all()) == [placeholder]
    assert not Rendition.objects.exclude(learner=other.learner).exists()
    assert not Review.objects.exists() and not Remark.objects.exists()
    assert not RecordingConsent.objects.exclude(learner=other.learner).exists()
    assert not AttemptGrant.objects.exists() and not DataExport.objects.exists()

    # The other learner keeps everything.
    assert where_found([OTHER_REFLECTION, OTHER_NOTE]) == {
        "quizzes.QuizAttempt.answers",
        "practice.Rendition.note",
    }
    assert Rendition.objects.get(learner=other.learner).audio.storage.exists(
        other.rendition.audio.name
    )


def test_a_certificate_kept_verifiable_still_verifies_and_shows_nothing_else(
    client, everything, django_capture_on_commit_callbacks
):
    certificate = everything.certificate
    client.force_login(everything.learner)
    delete_account(client, certificates="keep", capture=django_capture_on_commit_callbacks)

    # The name on the certificate is the only thing left, where the holder chose to keep it.
    assert where_found(SECRETS) == {"certificates.Certificate.learner_name"}
    assert not CertificateFile.objects.exists()
    page = Client().get(f"/certificates/{certificate.code}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "This certificate is valid" in html
    facts = dict(re.findall(r"<dt>([^<]+)</dt><dd[^>]*>([^<]+)</dd>", html))
    assert facts == {
        "Awarded to": NAME,
        "Course": everything.course.title,
        "Completed on": facts["Completed on"],
    }
    assert EMAIL not in html
    kept = Certificate.objects.get(pk=certificate.pk)
    assert kept.status == "valid" and kept.learner.is_erased


def test_a_withdrawn_certificate_says_so(client, everything, django_capture_on_commit_callbacks):
    certificate = everything.certificate
    client.force_login(everything.learner)
    delete_account(client, certificates="withdraw", capture=django_capture_on_commit_callbacks)
    page = Client().get(f"/certificates/{certificate.code}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "This certificate has been withdrawn" in html
    assert "It was withdrawn at the holder's request on" in html
    assert NAME not in html and everything.course.title not in html
    assert Certificate.objects.get(pk=certificate.pk).status == "withdrawn"
    # Its audit log names it by its code now, not by its holder.
    labels = ModelLogEntry.objects.filter(object_id=str(certificate.pk)).values_list(
        "label", flat=True
    )
    assert set(labels) == {certificate.code}


def test_without_certificates_the_page_asks_nothing_about_them(client, learner):
    client.force_login(learner)
    page = client.get("/accounts/delete/").content.decode()
    assert "Your certificates" not in page
    assert 'autocomplete="current-password"' in page
    response = delete_account(client, certificates=None)
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=learner.pk).exists()


def test_a_wrong_password_erases_nothing(client, everything):
    client.force_login(everything.learner)
    response = delete_account(client, password="not-my-password")
    assert response.status_code == 400
    assert "This is not your password. Nothing was deleted." in response.content.decode()
    assert get_user_model().objects.filter(pk=everything.learner.pk).exists()
    assert Rendition.objects.filter(learner=everything.learner).exists()
    assert not get_user_model().objects.filter(erased_at__isnull=False).exists()
    assert client.get("/accounts/profile/").status_code == 200  # still signed in


def test_the_certificates_choice_must_be_made(client, everything):
    client.force_login(everything.learner)
    response = delete_account(client, certificates="")
    assert response.status_code == 400
    assert "Please choose one." in response.content.decode()
    response = delete_account(client, certificates="burn-them")
    assert response.status_code == 400
    assert get_user_model().objects.filter(pk=everything.learner.pk).exists()


def test_too_many_wrong_passwords_are_refused_even_with_the_right_one_after(client, learner):
    client.force_login(learner)
    for _attempt in range(5):
        assert delete_account(client, password="wrong", certificates=None).status_code == 400
    response = delete_account(client, certificates=None)
    assert response.status_code == 429
    assert "Too many wrong passwords" in response.content.decode()
    assert get_user_model().objects.filter(pk=learner.pk).exists()


def test_a_double_click_erases_once_and_says_so(
    client, everything, django_capture_on_commit_callbacks
):
    client.force_login(everything.learner)
    stale = Client()
    stale.cookies = client.cookies.__class__(client.cookies)  # the same session, sent twice
    first = delete_account(client, capture=django_capture_on_commit_callbacks)
    second = delete_account(stale, capture=django_capture_on_commit_callbacks)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == "/accounts/deleted/"
    assert "If you have just asked to delete your account, it has been deleted" in (
        stale.get("/accounts/deleted/").content.decode()
    )
    # The same browser clicking again after the first answer.
    third = delete_account(client, capture=django_capture_on_commit_callbacks)
    assert third["Location"] == "/accounts/deleted/"
    assert get_user_model().objects.filter(erased_at__isnull=False).count() == 1


def test_the_service_erases_once_and_a_second_call_does_nothing(everything):
    learner = everything.learner
    assert services.account_erase(user=learner, by=learner) is True
    assert services.account_erase(user=learner, by=learner) is False
    assert get_user_model().objects.filter(erased_at__isnull=False).count() == 1
    [entry] = ModelLogEntry.objects.filter(action="accounts.erase")
    assert entry.data == {"by_holder": True, "inactivity": False} and entry.user is None


def test_an_erased_learner_can_no_longer_sign_in_and_other_sessions_end(
    client, learner, django_capture_on_commit_callbacks
):
    elsewhere = Client()
    elsewhere.force_login(learner)
    client.force_login(learner)
    delete_account(client, certificates=None, capture=django_capture_on_commit_callbacks)
    assert elsewhere.get("/accounts/profile/").status_code == 302
    response = Client().post(
        "/accounts/login/", {"login": learner.email, "password": PASSWORD}, follow=True
    )
    assert not response.context["user"].is_authenticated
    from django.contrib.sessions.models import Session

    assert all(
        s.get_decoded().get("_auth_user_id") != str(learner.pk) for s in Session.objects.all()
    )


def test_an_administrators_account_is_not_deleted_here(client):
    admin = factories.make_user(email="root@example.test", is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.post("/accounts/delete/", {"password": PASSWORD}, follow=True)
    assert "account is deleted by another administrator, in the admin" in (
        response.content.decode()
    )
    assert get_user_model().objects.filter(pk=admin.pk).exists()


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get("/accounts/delete/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get("/accounts/deleted/").status_code == 200


def test_an_erased_trainer_leaves_their_reviews_and_replies_without_a_name(
    everything, trainer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert services.account_erase(user=trainer, by=None)
    review = Review.objects.get()
    assert review.trainer is None and review.summary
    assert Remark.objects.get().trainer is None
    assert ReflectionReply.objects.get().trainer is None
    assert AttemptGrant.objects.get().granted_by is None
    assert where_found(["Tess Trainer", "tess@example.test"]) == set()


# --- In the admin: the same erasure, never a bare cascade ---------------------------------


@pytest.fixture
def admin_client(client):
    admin = factories.make_user(email="admin@example.test", is_superuser=True, is_staff=True)
    client.force_login(admin)
    return client


def test_opening_the_admins_delete_page_erases_nothing(admin_client, everything):
    learner = everything.learner
    page = admin_client.get(f"/admin/users/delete/{learner.pk}/")
    assert page.status_code == 200
    assert "their certificates stay verifiable" in page.content.decode()
    assert Rendition.objects.filter(learner=learner).exists()
    assert get_user_model().objects.filter(pk=learner.pk).exists()


def test_a_user_deleted_in_the_admin_is_erased_and_their_certificate_kept(
    admin_client, everything, django_capture_on_commit_callbacks
):
    learner, certificate = everything.learner, everything.certificate
    files = stored_files(everything)
    before = counts(everything)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/users/delete/{learner.pk}/", follow=True)
    assert response.status_code == 200
    assert "The account was erased." in response.content.decode()
    assert not get_user_model().objects.filter(pk=learner.pk).exists()
    assert where_found(SECRETS) == {"certificates.Certificate.learner_name"}
    assert not any(storage.exists(name) for storage, name in files)
    assert counts(everything) == before
    assert Certificate.objects.get(pk=certificate.pk).status == "valid"
    [entry] = ModelLogEntry.objects.filter(action="accounts.erase")
    assert entry.user.email == "admin@example.test"
    assert entry.data == {"by_holder": False, "inactivity": False}


def test_users_deleted_in_bulk_are_erased(
    admin_client, everything, other, django_capture_on_commit_callbacks
):
    ids = [everything.learner.pk, other.learner.pk]
    url = "/admin/bulk/accounts/user/delete/?" + "&".join(f"id={pk}" for pk in ids)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, follow=True)
    assert response.status_code == 200
    assert "2 accounts were erased." in response.content.decode()
    assert get_user_model().objects.filter(erased_at__isnull=False).count() == 2
    assert Certificate.objects.count() == 1 and Enrolment.objects.count() == 2
    assert not Rendition.objects.exists()


def test_a_bare_delete_cannot_take_certificates_with_it(everything):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        everything.learner.delete()
