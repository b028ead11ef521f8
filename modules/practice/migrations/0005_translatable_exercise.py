"""Translatable with wagtail-localize: existing rows get the default locale and a key."""

import uuid

import django.db.models.deletion
from django.db import migrations, models
from wagtail.models.i18n import (
    BootstrapLocaleField,
    BootstrapTranslatableModel,
    BootstrapTranslationKeyField,
)


class Migration(migrations.Migration):
    dependencies = [('practice', '0004_feedback_seen_remark_delete'),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        BootstrapLocaleField("practice.InterpretingExercise"),
        BootstrapTranslationKeyField("practice.InterpretingExercise"),
        BootstrapTranslatableModel("practice.InterpretingExercise"),
        migrations.AlterField(
            model_name="interpretingexercise",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="interpretingexercise",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(
            name="interpretingexercise", unique_together={("translation_key", "locale")}
        ),
    ]
