"""The Trainers group may read the log of sensitive excerpts' openings (never change it).

Self-contained: it creates the permission it grants (permissions are otherwise made only after
all migrations), with nothing but the historical models.
"""

from django.db import migrations

TRAINERS = "Trainers"
APP_LABEL = "modules"
MODEL = "excerptopening"
CODENAME, NAME = "view_excerptopening", "Can view sensitive excerpt opening"


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    trainers, _ = Group.objects.get_or_create(name=TRAINERS)
    content_type, _ = ContentType.objects.get_or_create(app_label=APP_LABEL, model=MODEL)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=CODENAME, defaults={"name": NAME}
    )
    trainers.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    trainers = Group.objects.filter(name=TRAINERS).first()
    if trainers is not None:
        trainers.permissions.remove(
            *Permission.objects.filter(content_type__app_label=APP_LABEL, codename=CODENAME)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("modules", "0005_sensitive_excerpts_openings_privacy_page"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
