import datetime
import re
import subprocess
import threading
from io import BytesIO
from unittest import mock

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, default_storage, storages
from django.test import override_settings
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject
from wagtail.models import ModelLogEntry

from modules.certificates import documents
from modules.certificates import services as certificate_services
from modules.certificates.models import Certificate, CertificateFile, CertificateTemplate
from modules.certificates.pdf import (
    CODE_ALPHABET,
    PDF_BASE_URL,
    RefusedURL,
    fill_placeholders,
    make_url_fetcher,
    new_code,
    normalize_code,
    unknown_placeholders,
)
from modules.management.commands.make_dev_signing_key import make_key_pair
from modules.progress import services as progress_services
from tests import factories


def test_codes_are_long_grouped_and_unambiguous():
    codes = {new_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert re.fullmatch(r"CAP(-[2-9A-HJKMNP-Z]{4}){5}", code)
        assert not set(code.replace("CAP-", "").replace("-", "")) - set(CODE_ALPHABET)
    assert len(CODE_ALPHABET) == 31 and not set("01OIL") & set(CODE_ALPHABET)


def test_typed_codes_are_forgiven_but_nonsense_is_not():
    code = new_code()
    assert normalize_code(code.lower().replace("-", " ")) == code
    assert normalize_code(code.replace("CAP-", "")) == code
    assert normalize_code(" " + code.replace("-", "") + " ") == code
    for bad in ("", "CAP-1234", "x" * 500, code[:-1] + "0", "<script>", code + "A"):
        assert normalize_code(bad) is None


def test_placeholders_fill_once_and_unknown_ones_are_named():
    assert unknown_placeholders("{name} did {course} on {dat} {nope}") == ["dat", "nope"]
    assert fill_placeholders("{name}: {course}", {"name": "{course}", "course": "X"}) == (
        "{course}: X"
    )


@pytest.mark.django_db
def test_a_template_with_an_unknown_placeholder_is_refused():
    template = CertificateTemplate(title="T", body="Well done {name} on {when}")
    with pytest.raises(ValidationError, match=r"\{when\}"):
        template.full_clean()


def test_the_fetcher_serves_our_files_and_refuses_everything_else(tmp_path):
    (tmp_path / "font.ttf").write_bytes(b"font")
    fetcher = make_url_fetcher(lambda p: (tmp_path / p).open("rb"), lambda p: 1 / 0)
    assert fetcher(PDF_BASE_URL + "static/font.ttf").read() == b"font"
    for url in (
        "file:///etc/passwd",
        "http://127.0.0.1:9/",
        "http://127.0.0.1/static/font.ttf",
        PDF_BASE_URL + "static/../../etc/passwd",
        PDF_BASE_URL + "elsewhere/x",
    ):
        with pytest.raises(RefusedURL):
            fetcher(url)


@pytest.fixture
def completed(catalogue):
    """A learner who completes a one-module course, and the course."""

    def complete(full_name="Amira Haddad", email="amira@example.test", **course_extra):
        course = factories.make_course(
            catalogue,
            title=course_extra.pop("title", "Interpreting for child victims of trafficking"),
            slug=course_extra.pop("slug", "interpreting"),
            **course_extra,
        )
        module = factories.make_module(course)
        learner = factories.make_user(email=email, full_name=full_name)
        progress_services.module_complete(learner=learner, module=module, course=course)
        return learner, course

    return complete


def pdf_of(client, certificate, lang=""):
    response = client.get(
        f"/certificates/{certificate.code}/pdf/" + (f"?lang={lang}" if lang else "")
    )
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content), response


def text_of(pdf):
    return " ".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)


@pytest.mark.django_db
def test_completing_a_course_issues_one_certificate(completed, django_capture_on_commit_callbacks):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        learner, course = completed()
    certificate = Certificate.objects.get()
    assert (certificate.learner_name, certificate.course_title) == ("Amira Haddad", course.title)
    assert certificate.course_hours == course.hours
    assert certificate.template["version"]
    assert certificate_services.certificate_issue(learner=learner, course=course) == certificate
    assert Certificate.objects.count() == 1
    assert CertificateFile.objects.filter(certificate=certificate).count() == 1  # the task ran
    assert mail.outbox[0].to == ["amira@example.test"]
    assert f"/certificates/{certificate.code}/" in mail.outbox[0].body


@pytest.mark.django_db
def test_the_pdf_says_the_truth_and_its_qr_code_leads_to_the_check(client, completed, tmp_path):
    learner, course = completed()
    certificate = Certificate.objects.get()
    client.force_login(learner)
    pdf, response = pdf_of(client, certificate)
    assert response["Content-Disposition"].endswith(
        'filename="capisce-certificate-interpreting.pdf"'
    )
    text = text_of(pdf)
    url = f"http://testserver/certificates/{certificate.code}/"
    for expected in ("Amira Haddad", course.title, certificate.code, url):
        assert expected in " ".join(text.split()), expected
    assert certificate.issued_at.strftime("%B %Y") in text
    reader = PdfReader(BytesIO(pdf))
    assert reader.metadata.title.startswith("Certificate of completion")
    assert reader.metadata.author == "CAPISCE Academy"
    assert "Amira Haddad" in reader.metadata.subject
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "en"
    assert bool(catalog["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in catalog
    assert b"pdfaid:part" in catalog["/Metadata"].get_object().get_data()
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert width > height  # A4 landscape
    (tmp_path / "c.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "150", tmp_path / "c.pdf", tmp_path / "c"], check=True
    )
    decoded = subprocess.run(
        ["zbarimg", "-q", "--raw", tmp_path / "c-1.png"], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert decoded == url


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    [
        '<img src="file:///etc/passwd">',
        "Eve <style>body{background:url(http://127.0.0.1:9/)}</style>",
        "{course}",
    ],
)
def test_hostile_names_are_printed_literally_and_nothing_is_fetched(client, completed, name):
    learner, _course = completed(full_name=name)
    certificate = Certificate.objects.get()
    client.force_login(learner)
    from weasyprint.urls import URLFetcher

    documents._font_config.cache_clear()  # a fresh process fetches the fonts: watch it do so
    seen = []
    original = URLFetcher.__call__

    def spy(self, url, *args, **kwargs):
        seen.append(url)
        return original(self, url, *args, **kwargs)

    with mock.patch.object(URLFetcher, "__call__", spy):
        pdf, _ = pdf_of(client, certificate)
    assert "".join(name.split()) in "".join(text_of(pdf).split())
    assert seen and all(url.startswith(PDF_BASE_URL + "static/fonts/") for url in seen), seen


@pytest.mark.django_db
def test_download_is_for_the_learner_and_trainers_only(client, completed):
    learner, _course = completed()
    certificate = Certificate.objects.get()
    assert client.get(f"/certificates/{certificate.code}/pdf/").status_code == 302
    client.force_login(factories.make_user(email="nosy@example.test"))
    assert client.get(f"/certificates/{certificate.code}/pdf/").status_code == 404
    trainer = factories.make_user(email="tess@example.test", full_name="Tess")
    trainer.groups.add(Group.objects.get(name="Trainers"))
    client.force_login(trainer)
    pdf_of(client, certificate)
    client.force_login(learner)
    assert client.get("/certificates/CAP-NOPE/pdf/").status_code == 404


@pytest.mark.django_db
def test_the_pdf_is_a_private_file_with_no_public_url(client, completed):
    learner, _course = completed()
    certificate = Certificate.objects.get()
    client.force_login(learner)
    pdf, response = pdf_of(client, certificate)
    assert pdf.startswith(b"%PDF")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="capisce-certificate-interpreting.pdf"'
    )
    assert response["Cache-Control"] == "private, no-cache"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Accept-Ranges"] == "bytes"
    part = client.get(f"/certificates/{certificate.code}/pdf/", headers={"range": "bytes=0-3"})
    assert part.status_code == 206 and b"".join(part.streaming_content) == b"%PDF"

    stored = CertificateFile.objects.get(certificate=certificate).file.name
    assert re.fullmatch(r"certificates/[0-9a-f]{32}\.pdf", stored), stored
    assert storages["private"].exists(stored) and not default_storage.exists(stored)
    code_parts = certificate.code.split("-")[1:]
    assert not any(part in stored.upper() for part in code_parts)
    for url in (f"/media/certificates/{certificate.code}-en.pdf", f"/media/{stored}"):
        assert client.get(url).status_code == 404, url
    client.logout()
    for url in (f"/media/certificates/{certificate.code}-en.pdf", f"/media/{stored}"):
        assert client.get(url).status_code == 404, url


@pytest.mark.django_db
def test_crafted_pdf_urls_give_404(client, completed):
    learner, _course = completed()
    certificate = Certificate.objects.get()
    client.force_login(learner)
    for code in (
        certificate.code[:-1],
        certificate.code[:12],
        certificate.code + "2",
        "..%2F..%2Fmedia",
        "%2E%2E",
        "%2Fetc%2Fpasswd",
        certificate.code.replace("-", "%2F"),
    ):
        assert client.get(f"/certificates/{code}/pdf/").status_code == 404, code


class SignedURLStorage(FileSystemStorage):
    """Object storage as django-storages' S3 backend answers url(): signed, expiring soon."""

    def url(self, name):
        return f"https://files.example.test/{name}?X-Amz-Expires=60&X-Amz-Signature=abc"


@pytest.mark.django_db
def test_with_object_storage_the_learner_is_sent_to_a_short_lived_signed_url(
    client, completed, settings
):
    learner, _course = completed()
    certificate = Certificate.objects.get()
    client.force_login(learner)
    # The field resolved STORAGES["private"] at start-up, as it would to the S3 backend.
    field = CertificateFile._meta.get_field("file")
    signing = SignedURLStorage(location=settings.PRIVATE_ROOT)
    with (
        override_settings(PRIVATE_FILES_SERVE="redirect"),
        mock.patch.object(field, "storage", signing),
    ):
        response = client.get(f"/certificates/{certificate.code}/pdf/")
        stored = CertificateFile.objects.get(certificate=certificate).file.name
    assert response.status_code == 302
    assert response["Location"] == (
        f"https://files.example.test/{stored}?X-Amz-Expires=60&X-Amz-Signature=abc"
    )
    assert response["Cache-Control"] == "private, no-cache"


@pytest.mark.django_db
def test_a_stored_pdf_is_served_without_rendering_again(client, completed):
    learner, _course = completed()
    certificate = Certificate.objects.get()
    client.force_login(learner)
    render = documents.certificate_render
    with mock.patch.object(documents, "certificate_render", wraps=render) as r:
        first, _ = pdf_of(client, certificate)
        second, _ = pdf_of(client, certificate)
        french, _ = pdf_of(client, certificate, lang="fr")
    assert first == second
    assert r.call_count == 2  # English once, French once
    assert CertificateFile.objects.filter(certificate=certificate).count() == 2
    assert french != first


@pytest.mark.django_db
def test_the_verification_page_tells_the_status_and_nothing_more(client, completed):
    learner, _course = completed()
    certificate = Certificate.objects.get()
    html = client.get(f"/certificates/{certificate.code}/").content.decode()
    assert "This certificate is valid" in html
    assert "Amira Haddad" in html and "Interpreting for child victims" in html
    assert learner.email not in html
    typed = client.get("/certificates/", {"code": certificate.code.lower().replace("-", " ")})
    assert typed.status_code == 302 and typed["Location"].endswith(f"/{certificate.code}/")
    for bad in ("CAP-2222-2222-2222-2222-2222", "nonsense", "%3Cscript%3E", "x" * 300):
        response = client.get(f"/certificates/{bad}/")
        assert response.status_code == 404
        assert "No certificate has this code" in response.content.decode()
    assert client.get("/certificates/", {"code": "no"}).status_code == 404


@pytest.mark.django_db
def test_revoke_and_reissue_in_the_admin(client, completed):
    learner, course = completed()
    certificate = Certificate.objects.get()
    trainer = factories.make_user(email="tess@example.test", full_name="Tess")
    trainer.groups.add(Group.objects.get(name="Trainers"))
    client.force_login(trainer)
    assert client.get(f"/admin/certificates/inspect/{certificate.pk}/").status_code == 200
    empty = client.post(f"/admin/certificates/{certificate.pk}/revoke/", {"reason": " "})
    assert empty.status_code == 200
    certificate.refresh_from_db()
    assert certificate.revoked_at is None
    client.post(f"/admin/certificates/{certificate.pk}/revoke/", {"reason": "Issued in error."})
    certificate.refresh_from_db()
    assert certificate.status == "revoked"
    page = client.get(f"/certificates/{certificate.code}/").content.decode()
    assert "has been revoked" in page and "Issued in error." in page
    client.force_login(learner)
    assert client.get(f"/certificates/{certificate.code}/pdf/").status_code == 404
    client.force_login(trainer)
    client.post(f"/admin/certificates/{certificate.pk}/reissue/")
    new = Certificate.objects.current().get(learner=learner, course=course)
    assert new.code != certificate.code
    page = client.get(f"/certificates/{certificate.code}/").content.decode()
    assert "has been replaced" in page and new.code in page
    history = client.get(f"/admin/certificates/inspect/{new.pk}/").content.decode()
    assert certificate.code in history and "Issued in error." in history
    assert client.get(f"/certificates/{certificate.code}/pdf/").status_code == 404
    client.force_login(learner)
    assert client.get(f"/certificates/{new.code}/pdf/").status_code == 200
    assert client.get(f"/admin/certificates/{new.pk}/revoke/").status_code == 302


@pytest.mark.django_db
def test_revoking_and_reissuing_are_in_the_audit_log_with_who_and_why(client, completed):
    completed()
    certificate = Certificate.objects.get()
    trainer = factories.make_user(email="tess@example.test", full_name="Tess")
    trainer.groups.add(Group.objects.get(name="Trainers"))
    client.force_login(trainer)
    client.post(f"/admin/certificates/{certificate.pk}/revoke/", {"reason": "Issued in error."})
    client.post(f"/admin/certificates/{certificate.pk}/reissue/")
    entries = ModelLogEntry.objects.filter(object_id=str(certificate.pk)).order_by("timestamp")
    assert [(e.action, e.user, e.data) for e in entries] == [
        ("certificates.revoke", trainer, {"reason": "Issued in error."}),
        (
            "certificates.reissue",
            trainer,
            {"replaced_by": Certificate.objects.current().get().code},
        ),
    ]
    history = client.get(f"/admin/certificates/history/{certificate.pk}/").content.decode()
    assert "Revoked: Issued in error." in history and "Re-issued as" in history


@pytest.mark.django_db
def test_a_trainer_without_the_revoke_permission_cannot_revoke(client, completed):
    completed()
    certificate = Certificate.objects.get()
    reader = factories.make_user(email="reader@example.test", full_name="Rea Reader")
    reader.groups.add(Group.objects.get(name="Trainers"))
    reader.groups.get().permissions.remove(Permission.objects.get(codename="revoke_certificate"))
    reader = type(reader).objects.get(pk=reader.pk)
    client.force_login(reader)
    assert client.get(f"/admin/certificates/inspect/{certificate.pk}/").status_code == 200
    response = client.post(f"/admin/certificates/{certificate.pk}/revoke/", {"reason": "No."})
    assert response.status_code in (302, 403)
    certificate.refresh_from_db()
    assert certificate.status == "valid"
    assert not ModelLogEntry.objects.filter(action="certificates.revoke").exists()


@pytest.mark.django_db
def test_a_learner_without_a_full_name_is_asked_for_it_first(client, completed):
    learner, course = completed(full_name="")
    assert not Certificate.objects.exists()
    client.force_login(learner)
    assert "Add your full name" in client.get("/dashboard/").content.decode()
    client.post("/accounts/profile/", {"full_name": "Amira Haddad", "preferred_language": "en"})
    assert Certificate.objects.get().learner_name == "Amira Haddad"


@pytest.mark.django_db
def test_the_verification_page_is_rate_limited(client, completed):
    completed()
    code = Certificate.objects.get().code
    statuses = [client.get(f"/certificates/{code}/").status_code for _ in range(31)]
    assert statuses[:30] == [200] * 30
    assert statuses[30] == 429


@pytest.mark.django_db
def test_the_certificate_keeps_the_template_it_was_issued_with(client, completed):
    learner, course = completed()
    certificate = Certificate.objects.get()
    CertificateTemplate.objects.create(course=course, title="A new title", body="Changed {name}")
    client.force_login(learner)
    pdf, _ = pdf_of(client, certificate)
    assert "Certificate of completion" in text_of(pdf)
    assert "A new title" not in text_of(pdf)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_ten_learners_finishing_at_once_on_postgresql(catalogue):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (make test-postgres) for real concurrency")
    course = factories.make_course(catalogue)
    module = factories.make_module(course)
    learner = factories.make_user()
    progress_services.module_open(learner=learner, module=module, course=course)
    barrier = threading.Barrier(10)
    errors = []

    def finish():
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            progress_services.module_complete(learner=learner, module=module, course=course)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=finish) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert Certificate.objects.filter(learner=learner, course=course).count() == 1

    certificate = Certificate.objects.get()
    renders = []
    original = documents.certificate_render

    def counting(*args, **kwargs):
        renders.append(1)
        return original(*args, **kwargs)

    barrier = threading.Barrier(10)

    def download():
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            documents.certificate_file(certificate=certificate, language="nl")
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            thread_connection.close()

    with mock.patch.object(documents, "certificate_render", counting):
        threads = [threading.Thread(target=download) for _ in range(10)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert not errors
    assert len(renders) == 1
    assert CertificateFile.objects.filter(certificate=certificate, language="nl").count() == 1


@pytest.fixture
def signing_key(settings, tmp_path):
    """A key and self-signed certificate configured for signing; the certificate's path."""
    key_path, cert_path = make_key_pair(tmp_path)
    settings.CERTIFICATE_SIGNING_KEY = str(key_path)
    settings.CERTIFICATE_SIGNING_CERT = str(cert_path)
    return cert_path


@pytest.mark.django_db
def test_with_a_key_configured_the_pdf_is_signed_and_validates(client, completed, signing_key):
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    cert_path = signing_key
    learner, _course = completed()
    client.force_login(learner)
    pdf, _ = pdf_of(client, Certificate.objects.get())
    signatures = PdfFileReader(BytesIO(pdf)).embedded_signatures
    assert len(signatures) == 1
    trust = ValidationContext(trust_roots=[load_cert_from_pemder(str(cert_path))])
    status = validate_pdf_signature(signatures[0], trust)
    assert status.intact and status.valid and status.bottom_line
    assert "Amira Haddad" in text_of(pdf)


@pytest.mark.django_db
def test_without_a_key_the_pdf_is_unsigned(client, completed, settings):
    from pyhanko.pdf_utils.reader import PdfFileReader

    settings.CERTIFICATE_SIGNING_KEY = ""
    learner, _course = completed()
    client.force_login(learner)
    pdf, _ = pdf_of(client, Certificate.objects.get())
    assert PdfFileReader(BytesIO(pdf)).embedded_signatures == []


def reachable(root):
    """Every dictionary and stream reachable from the PDF's trailer, once each."""
    seen, found, todo = set(), [], [root]
    while todo:
        item = todo.pop()
        if isinstance(item, IndirectObject):
            if item.idnum in seen:
                continue
            seen.add(item.idnum)
            item = item.get_object()
        if isinstance(item, DictionaryObject):  # streams included
            found.append(item)
            todo.extend(item.values())
        elif isinstance(item, ArrayObject):
            todo.extend(item)
    return found


def naive_utc(moment):
    return moment and moment.astimezone(datetime.UTC).replace(tzinfo=None)


@pytest.mark.django_db
def test_the_signed_pdf_a_learner_downloads_is_still_a_tagged_pdf_a(client, completed, signing_key):
    learner, _course = completed()
    client.force_login(learner)
    pdf, _ = pdf_of(client, Certificate.objects.get())
    reader = PdfReader(BytesIO(pdf))
    assert reader.trailer["/Root"]["/AcroForm"]["/Fields"]  # it is the signed file
    catalog = reader.trailer["/Root"]
    xmp = reader.xmp_metadata
    assert (xmp.pdfaid_part, xmp.pdfaid_conformance) == ("3", "B")
    (intent,) = catalog["/OutputIntents"]
    assert intent["/S"] == "/GTS_PDFA1"
    assert intent["/DestOutputProfile"].get_data()[36:40] == b"acsp"  # an ICC profile
    descriptors = [d for d in reachable(reader.trailer) if d.get("/Type") == "/FontDescriptor"]
    assert descriptors
    for descriptor in descriptors:
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), descriptor
    assert "/StructTreeRoot" in catalog and bool(catalog["/MarkInfo"]["/Marked"])
    assert catalog["/Lang"] == "en"
    info = reader.metadata
    assert info.producer == xmp.pdf_producer
    assert info.title == xmp.dc_title["x-default"]
    assert [info.author] == xmp.dc_creator
    assert info.subject == xmp.dc_description["x-default"]
    assert info.get("/Keywords") == xmp.pdf_keywords
    assert info.get("/Creator") == xmp.xmp_creator_tool
    assert naive_utc(info.creation_date) == xmp.xmp_create_date  # pypdf reads XMP in UTC
    assert info.modification_date and naive_utc(info.modification_date) == xmp.xmp_modify_date


@pytest.mark.django_db
def test_a_long_name_and_a_long_course_title_still_fit_one_page(client, completed):
    name = "Maria-Fernanda Alexandrovna de la Cruz-Vanderbeken Ollivier-Sørensen Ab"
    title = "Interpreting for child victims of trafficking in police, judicial and " * 3
    learner, _course = completed(full_name=name, title=title.strip())
    client.force_login(learner)
    pdf, _ = pdf_of(client, Certificate.objects.get())
    reader = PdfReader(BytesIO(pdf))
    assert len(reader.pages) == 1
    flat = "".join(text_of(pdf).split())
    assert "".join(name.split()) in flat and "".join(title.split()) in flat


@pytest.mark.django_db
def test_the_learner_picks_the_certificate_language(client, completed):
    learner, _course = completed()
    client.force_login(learner)
    certificate = Certificate.objects.get()
    french, _ = pdf_of(client, certificate, lang="fr")
    dutch, _ = pdf_of(client, certificate, lang="nl")
    assert "Certificat de réussite" in text_of(french)
    assert "Certificaat van voltooiing" in text_of(dutch)
    assert PdfReader(BytesIO(french)).trailer["/Root"]["/Lang"] == "fr"
    english, _ = pdf_of(client, certificate, lang="xx")  # unknown: the certificate's own
    assert "Certificate of completion" in text_of(english)
    dashboard = client.get("/dashboard/").content.decode()
    for lang in ("en", "fr", "nl"):
        assert f"/certificates/{certificate.code}/pdf/?lang={lang}" in dashboard


@pytest.mark.django_db
def test_the_admin_refuses_a_template_with_an_unknown_placeholder(client):
    trainer = factories.make_user(email="tess@example.test", full_name="Tess")
    trainer.groups.add(Group.objects.get(name="Trainers"))
    client.force_login(trainer)
    data = {
        "course": "",
        "title": "Certificate",
        "body": "{name} finished {course} in {duration}",
        "logo": "",
        "accent_colour": "#123456",
        "signatories-TOTAL_FORMS": "0",
        "signatories-INITIAL_FORMS": "0",
        "signatories-MIN_NUM_FORMS": "0",
        "signatories-MAX_NUM_FORMS": "3",
    }
    url = "/admin/snippets/certificates/certificatetemplate/add/"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Unknown placeholder(s): {duration}" in response.content.decode()
    assert not CertificateTemplate.objects.exists()
    response = client.post(url, {**data, "body": "{name} finished {course}"})
    assert response.status_code == 302
    assert CertificateTemplate.objects.get().body == "{name} finished {course}"
