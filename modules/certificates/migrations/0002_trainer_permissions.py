"""The Trainers group may read certificates, revoke and re-issue them, and edit their templates.

Self-contained: it creates the permissions it grants (they are otherwise made only after
all migrations), with nothing but the historical models.
"""

from django.db import migrations

TRAINERS = "Trainers"
APP_LABEL = "certificates"
PERMISSIONS = {
    "certificate": [
        ("view_certificate", "Can view certificate"),
        ("revoke_certificate", "Can revoke and re-issue certificates"),
    ],
    "certificatetemplate": [
        ("add_certificatetemplate", "Can add certificate template"),
        ("change_certificatetemplate", "Can change certificate template"),
        ("delete_certificatetemplate", "Can delete certificate template"),
    ],
}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    trainers, _ = Group.objects.get_or_create(name=TRAINERS)
    for model, codenames in PERMISSIONS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label=APP_LABEL, model=model)
        for codename, name in codenames:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=codename, defaults={"name": name}
            )
            trainers.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    trainers = Group.objects.filter(name=TRAINERS).first()
    if trainers is not None:
        codenames = [codename for items in PERMISSIONS.values() for codename, _ in items]
        trainers.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label=APP_LABEL, codename__in=codenames
            )
        )


class Migration(migrations.Migration):
    dependencies = [("certificates", "0001_initial"), ("contenttypes", "0002_remove_content_type_name"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(grant, revoke)]
