"""Excerpts point at their ExcerptMedia item (filled by 0009) instead of wagtailmedia's Media."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("modules", "0009_move_private_files")]

    operations = [
        migrations.RemoveField(model_name="interviewexcerpt", name="media"),
        migrations.RenameField(
            model_name="interviewexcerpt", old_name="private_media", new_name="media"
        ),
        migrations.AlterField(
            model_name="interviewexcerpt",
            name="media",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="modules.excerptmedia",
                verbose_name="audio or video",
            ),
        ),
    ]
