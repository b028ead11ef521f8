"""Trainers see certificates, revoke and re-issue them, and edit certificate templates."""

from django.db import migrations

PERMISSIONS = [
    "view_certificate",
    "change_certificate",
    "add_certificatetemplate",
    "change_certificatetemplate",
    "delete_certificatetemplate",
]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("modules")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    trainers, _ = Group.objects.get_or_create(name="Trainers")
    trainers.permissions.add(
        *Permission.objects.filter(content_type__app_label="modules", codename__in=PERMISSIONS)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    trainers = Group.objects.filter(name="Trainers").first()
    if trainers:
        trainers.permissions.remove(
            *Permission.objects.filter(content_type__app_label="modules", codename__in=PERMISSIONS)
        )


class Migration(migrations.Migration):
    dependencies = [("modules", "0006_certificates")]

    operations = [migrations.RunPython(grant, revoke)]
