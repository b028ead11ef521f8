"""Trainers read progress reports, reset progress and manage cohorts."""

from django.db import migrations

from capisce.permissions import grant_to_trainers, revoke_from_trainers

PERMISSIONS = [
    "view_enrolment",
    "change_enrolment",
    "view_moduleprogress",
    "add_cohort",
    "change_cohort",
    "delete_cohort",
    "view_cohort",
]


def grant(apps, schema_editor):
    grant_to_trainers(apps, "modules", PERMISSIONS)


def revoke(apps, schema_editor):
    revoke_from_trainers(apps, "modules", PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("modules", "0004_progress")]

    operations = [migrations.RunPython(grant, revoke)]
