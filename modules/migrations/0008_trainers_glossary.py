"""Trainers write the glossary: they may add, change and delete its terms.

Self-contained, as 0002: it creates the permissions it grants with historical models only.
"""

from django.db import migrations

TRAINERS = "Trainers"
MODEL_PERMISSIONS = [
    ("modules", "glossaryterm", "add_glossaryterm", "Can add glossary term"),
    ("modules", "glossaryterm", "change_glossaryterm", "Can change glossary term"),
    ("modules", "glossaryterm", "delete_glossaryterm", "Can delete glossary term"),
]


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    trainers, _ = Group.objects.get_or_create(name=TRAINERS)
    for app_label, model, codename, name in MODEL_PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        trainers.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    trainers = Group.objects.filter(name=TRAINERS).first()
    if trainers is not None:
        codenames = [codename for _app, _model, codename, _name in MODEL_PERMISSIONS]
        trainers.permissions.remove(
            *Permission.objects.filter(content_type__app_label="modules", codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("modules", "0007_glossary_terms"),
        ("modules", "0002_trainers_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
