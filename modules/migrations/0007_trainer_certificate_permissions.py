"""Trainers see certificates, revoke and re-issue them, and edit certificate templates."""

from django.db import migrations

from capisce.permissions import grant_to_trainers, revoke_from_trainers

PERMISSIONS = [
    "view_certificate",
    "change_certificate",
    "add_certificatetemplate",
    "change_certificatetemplate",
    "delete_certificatetemplate",
]


def grant(apps, schema_editor):
    grant_to_trainers(apps, "modules", PERMISSIONS)


def revoke(apps, schema_editor):
    revoke_from_trainers(apps, "modules", PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("modules", "0006_certificates")]

    operations = [migrations.RunPython(grant, revoke)]
