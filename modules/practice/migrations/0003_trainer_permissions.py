"""The Trainers group may write exercises and grids, hear renditions, review and remark.

Self-contained: it creates the permissions it grants (they are otherwise made only after
all migrations), with nothing but the historical models.
"""

from django.db import migrations

TRAINERS = "Trainers"
APP_LABEL = "practice"
PERMISSIONS = {
    "interpretingexercise": [
        ("add_interpretingexercise", "Can add interpreting exercise"),
        ("change_interpretingexercise", "Can change interpreting exercise"),
        ("delete_interpretingexercise", "Can delete interpreting exercise"),
        ("view_interpretingexercise", "Can view interpreting exercise"),
    ],
    "assessmentgrid": [
        ("add_assessmentgrid", "Can add assessment grid"),
        ("change_assessmentgrid", "Can change assessment grid"),
        ("delete_assessmentgrid", "Can delete assessment grid"),
        ("view_assessmentgrid", "Can view assessment grid"),
    ],
    "rendition": [("view_rendition", "Can view rendition")],
    "review": [
        ("add_review", "Can add review"),
        ("change_review", "Can change review"),
        ("view_review", "Can view review"),
    ],
    "remark": [
        ("add_remark", "Can add remark"),
        ("change_remark", "Can change remark"),
        ("view_remark", "Can view remark"),
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
            *Permission.objects.filter(content_type__app_label=APP_LABEL, codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("practice", "0002_default_grid"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
