"""What certificates keep about a person, and how they are exported and erased.

A certificate is the holder's proof of a course: when they erase their account they choose
whether it stays verifiable (its public page then shows name, course, date and status,
nothing else) or is withdrawn (its page says so, its name is removed). Either way the
certificate's row stays, pointing at the account's anonymous placeholder, so a verifier who
holds the code is never told "no such certificate", and its stored PDFs are deleted: the
holder downloaded them with their data.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from wagtail.models import ModelLogEntry

from capisce.accounts.personal_data import Choice, Part, plain, register, register_choice
from modules.certificates.documents import certificate_file
from modules.certificates.models import Certificate, CertificateFile

KEEP, WITHDRAW = "keep", "withdraw"


def _export_certificates(user):
    part = Part()
    certificates = Certificate.objects.filter(learner=user).order_by("issued_at", "pk")
    for certificate in certificates:
        if certificate.status == "valid":
            # Its PDF in its own language, rendered now if the task has not stored it yet.
            certificate_file(certificate=certificate, language=certificate.language)
        files = []
        for stored in CertificateFile.objects.filter(certificate=certificate).order_by("pk"):
            name = f"certificates/{certificate.code}-{stored.language}.pdf"
            part.files.append((name, stored.file))
            files.append(name)
        part.records.append(
            {
                "code": certificate.code,
                "status": certificate.status,
                "name_on_the_certificate": certificate.learner_name,
                "course": certificate.course_title,
                "hours": plain(certificate.course_hours),
                "language": certificate.language,
                "issued_at": plain(certificate.issued_at),
                "revoked_at": plain(certificate.revoked_at),
                "revoked_reason": certificate.revoked_reason,
                "verification_url": certificate.verification_url,
                "pdf": files,
            }
        )
    return part


def _erase_certificates(erasure):
    certificates = Certificate.objects.filter(learner=erasure.user)
    ids = list(certificates.values_list("pk", flat=True))
    stored = CertificateFile.objects.filter(certificate_id__in=ids)
    erasure.delete_files([row.file for row in stored])
    stored.delete()
    # The audit log of revocations named the holder (a certificate's label): now its code.
    logs = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Certificate),
        object_id__in=[str(pk) for pk in ids],
    )
    for pk, code in certificates.values_list("pk", "code"):
        logs.filter(object_id=str(pk)).update(label=code)
    if erasure.answer("certificates") == WITHDRAW:
        certificates.update(
            learner=erasure.placeholder,
            learner_name="",
            revoked_reason="",
            withdrawn_at=erasure.now,
        )
    else:
        certificates.update(learner=erasure.placeholder)


register(
    "certificates.Certificate",
    fields=("learner",),
    section="certificates",
    export=_export_certificates,
    erase=_erase_certificates,
    note="Kept verifiable or withdrawn, as the holder chooses; PDFs deleted.",
)
register_choice(
    Choice(
        name="certificates",
        label=_("Your certificates"),
        options=(
            (
                KEEP,
                _("Keep them verifiable"),
                _(
                    "Anyone with a certificate's code can still check it. Its page shows "
                    "your name, the course, the date and whether it is valid, nothing else."
                ),
            ),
            (
                WITHDRAW,
                _("Withdraw them"),
                _(
                    "Their pages will say they were withdrawn at the holder's request, "
                    "without your name."
                ),
            ),
        ),
        # A deletion in the admin, or for inactivity, never takes a credential away.
        default=KEEP,
        applies=lambda user: Certificate.objects.filter(learner=user).exists(),
    )
)
