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
    dependencies = [('modules', '0003_module_body_exercise'),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="courseoutcome",
            options={"abstract": False, "ordering": ["sort_order"], "verbose_name": "learning outcome"},
        ),
        migrations.AddField(
            model_name="excerptsegment",
            name="language",
            field=models.CharField(
                choices=[("en", "English"), ("fr", "French"), ("nl", "Dutch"), ("ro", "Romanian"), ("ar", "Arabic"), ("ti", "Tigrinya"), ("so", "Somali"), ("sq", "Albanian"), ("vi", "Vietnamese")],
                default="en",
                help_text="The language of the words spoken in the recording.",
                max_length=16,
                verbose_name="language spoken",
            ),
        ),
        migrations.AddField(
            model_name="excerptsegment",
            name="translation",
            field=models.TextField(
                blank=True,
                help_text="What the turn says, in the excerpt's language. Left empty for a turn spoken in that language, it is filled with the words spoken.",
                verbose_name="translation",
            ),
        ),
        migrations.AlterField(
            model_name="excerptsegment",
            name="text",
            field=models.TextField(verbose_name="words spoken"),
        ),
        BootstrapLocaleField("modules.CourseOutcome"),
        BootstrapTranslationKeyField("modules.CourseOutcome"),
        BootstrapTranslatableModel("modules.CourseOutcome"),
        migrations.AlterField(
            model_name="courseoutcome",
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
            model_name="courseoutcome",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(
            name="courseoutcome", unique_together={("translation_key", "locale")}
        ),
        BootstrapLocaleField("modules.ExcerptSegment"),
        BootstrapTranslationKeyField("modules.ExcerptSegment"),
        BootstrapTranslatableModel("modules.ExcerptSegment"),
        migrations.AlterField(
            model_name="excerptsegment",
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
            model_name="excerptsegment",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(
            name="excerptsegment", unique_together={("translation_key", "locale")}
        ),
    ]
