"""When the learner opened a review's feedback (the dashboard says "feedback waiting" until
then), and the Trainers group may delete the remarks they drop on a recording.

Self-contained: the permission is created here with the historical models only.
"""

from django.db import migrations, models

TRAINERS = "Trainers"
CODENAME = "delete_remark"


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    trainers, _ = Group.objects.get_or_create(name=TRAINERS)
    content_type, _ = ContentType.objects.get_or_create(app_label="practice", model="remark")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=CODENAME, defaults={"name": "Can delete remark"}
    )
    trainers.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    trainers = Group.objects.filter(name=TRAINERS).first()
    if trainers is not None:
        trainers.permissions.remove(
            *Permission.objects.filter(content_type__app_label="practice", codename=CODENAME)
        )


class Migration(migrations.Migration):
    dependencies = [("practice", "0003_trainer_permissions")]

    operations = [
        migrations.AddField(
            model_name="rendition",
            name="feedback_seen_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="feedback read"),
        ),
        migrations.RunPython(grant, revoke),
    ]
