"""Trainers write quizzes, read attempts and answer reflections."""

from django.db import migrations

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
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("quizzes")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    trainers, _ = Group.objects.get_or_create(name="Trainers")
    trainers.permissions.add(
        *Permission.objects.filter(content_type__app_label="quizzes", codename__in=PERMISSIONS)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    trainers = Group.objects.filter(name="Trainers").first()
    if trainers:
        trainers.permissions.remove(
            *Permission.objects.filter(content_type__app_label="quizzes", codename__in=PERMISSIONS)
        )


class Migration(migrations.Migration):
    dependencies = [("quizzes", "0001_initial"), ("modules", "0002_trainers_group")]

    operations = [migrations.RunPython(grant, revoke)]
