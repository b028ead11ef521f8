"""Trainers write quizzes, read attempts and answer reflections."""

from django.db import migrations

from capisce.permissions import grant_to_trainers, revoke_from_trainers

PERMISSIONS = [
    "add_quiz",
    "change_quiz",
    "delete_quiz",
    "view_quizattempt",
    "view_reflectionreply",
    "add_reflectionreply",
    "change_reflectionreply",
]


def grant(apps, schema_editor):
    grant_to_trainers(apps, "quizzes", PERMISSIONS)


def revoke(apps, schema_editor):
    revoke_from_trainers(apps, "quizzes", PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("quizzes", "0001_initial"), ("modules", "0002_trainers_group")]

    operations = [migrations.RunPython(grant, revoke)]
