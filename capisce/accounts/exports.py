"""A person's data as one zip: `data.json`, readable, and their own files.

Built by a task (capisce.accounts.tasks) into the private storage, from what every app's
`personal_data.py` exports (capisce.accounts.personal_data).
"""

import datetime
import json
import logging
import tempfile
import zipfile

from django.conf import settings
from django.core.files import File
from django.core.mail import EmailMessage
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from capisce.accounts import personal_data
from capisce.accounts.models import DataExport
from capisce.links import absolute_url
from capisce.mail import send_later

logger = logging.getLogger(__name__)

DEFAULT_EXPORT_EXPIRY_DAYS = 7


def export_expiry_days() -> int:
    return getattr(settings, "DATA_EXPORT_EXPIRY_DAYS", DEFAULT_EXPORT_EXPIRY_DAYS)


def data_export_build(*, export_id) -> DataExport | None:
    """Build the zip of an export asked for and store it in the private storage; mail its
    person. None when there is nothing to build (done already, or the account is gone)."""
    export = DataExport.objects.filter(pk=export_id, ready_at=None, failed_at=None).first()
    if export is None:
        return None
    user = export.user
    try:
        with tempfile.TemporaryFile() as archive:
            data_archive(user=user, into=archive)
            size = archive.tell()
            archive.seek(0)
            export.file.save("data.zip", File(archive), save=False)
    except Exception:
        logger.exception("The data export %s could not be built.", export_id)
        DataExport.objects.filter(pk=export_id).update(failed_at=timezone.now())
        return None
    now = timezone.now()
    expires = now + datetime.timedelta(days=export_expiry_days())
    updated = DataExport.objects.filter(pk=export_id, ready_at=None).update(
        file=export.file.name, size=size, ready_at=now, expires_at=expires
    )
    if not updated:  # erased or replaced meanwhile: keep nothing of it
        export.file.delete(save=False)
        return None
    export.refresh_from_db()
    send_later(export_ready_mail(export))
    return export


def data_document(*, user) -> tuple[dict, list]:
    """Everything every app holds about the user, as one readable document, and their files
    as (name in the zip, file)."""
    with translation.override(user.preferred_language or None):
        about = gettext(
            "Everything CAPISCE Academy holds about you, exported at your request. The files "
            "named here (certificates, recordings) are in the same zip."
        )
    document = {"about": about, "exported_at": timezone.now().isoformat()}
    files = []
    for entry in personal_data.entries():
        if entry.export is None:
            continue
        part = entry.export(user)
        document[entry.section] = part.records
        files.extend(part.files)
    return document, files


def data_archive(*, user, into) -> None:
    """Write the zip of the user's data into the open binary file `into`: `data.json`, and
    their own files (certificate PDFs, recordings, an avatar) under the names it gives."""
    document, files = data_document(user=user)
    with zipfile.ZipFile(into, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "data.json",
            json.dumps(document, indent=2, ensure_ascii=False, cls=DjangoJSONEncoder),
        )
        seen = set()
        for name, stored in files:
            if name in seen:
                continue
            seen.add(name)
            with stored.open("rb") as source, archive.open(name, "w") as target:
                while chunk := source.read(1024 * 1024):
                    target.write(chunk)


def export_ready_mail(export) -> EmailMessage:
    user = export.user
    with translation.override(user.preferred_language or None):
        return EmailMessage(
            gettext("Your data is ready to download"),
            gettext(
                "Hello %(name)s,\n\n"
                "The copy of your data that you asked for is ready. Download it, signed in, "
                "from this page until %(until)s: %(url)s\n\n"
                "If you did not ask for it, change your password.\n"
            )
            % {
                "name": user.full_name or user.email,
                "until": date_format(timezone.localtime(export.expires_at), "j F Y"),
                "url": absolute_url(reverse("account_export")),
            },
            to=[user.email],
        )
