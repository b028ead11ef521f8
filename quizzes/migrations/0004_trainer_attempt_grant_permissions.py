"""Trainers grant learners more attempts at a quiz, and read who granted them."""

from django.db import migrations

from capisce.permissions import grant_to_trainers, revoke_from_trainers

PERMISSIONS = ["add_attemptgrant", "view_attemptgrant"]


def grant(apps, schema_editor):
    grant_to_trainers(apps, "quizzes", PERMISSIONS)


def revoke(apps, schema_editor):
    revoke_from_trainers(apps, "quizzes", PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("quizzes", "0003_attempt_grants"), ("modules", "0002_trainers_group")]

    operations = [migrations.RunPython(grant, revoke)]
