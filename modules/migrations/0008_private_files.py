"""Private files: certificate PDFs, captions and (in a new media model) interview audio and
video are kept in the private storage; 0009 moves the files already stored."""

import capisce.storage
import django.core.validators
import django.db.models.deletion
import modelsearch.index
import modules.captions
import taggit.managers
import wagtail.models.media
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('modules', '0007_trainer_certificate_permissions'),
        ('taggit', '0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx'),
        ('wagtailcore', '0098_apitoken'),
        ('wagtailmedia', '0005_alter_media_options'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='certificatefile',
            name='file',
            field=models.FileField(storage=capisce.storage.private_storage, upload_to=capisce.storage.RandomName('certificates')),
        ),
        migrations.AlterField(
            model_name='interviewexcerpt',
            name='captions',
            field=models.FileField(blank=True, help_text='A .vtt file with the captions for the audio or video.', storage=capisce.storage.private_storage, upload_to=capisce.storage.RandomName('captions'), validators=[modules.captions.validate_webvtt_file], verbose_name='captions (WebVTT)'),
        ),
        migrations.CreateModel(
            name='ExcerptMedia',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=255, verbose_name='title')),
                ('type', models.CharField(choices=[('audio', 'Audio file'), ('video', 'Video file')], max_length=255)),
                ('duration', models.FloatField(blank=True, default=0, help_text='Duration in seconds', validators=[django.core.validators.MinValueValidator(0)], verbose_name='duration')),
                ('width', models.PositiveIntegerField(blank=True, null=True, verbose_name='width')),
                ('height', models.PositiveIntegerField(blank=True, null=True, verbose_name='height')),
                ('thumbnail', models.FileField(blank=True, upload_to='media_thumbnails', verbose_name='thumbnail')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('file', models.FileField(storage=capisce.storage.private_storage, upload_to=capisce.storage.RandomName('excerpt-media'), verbose_name='file')),
                ('collection', models.ForeignKey(default=wagtail.models.media.get_root_collection_id, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='wagtailcore.collection', verbose_name='collection')),
                ('tags', taggit.managers.TaggableManager(blank=True, help_text=None, through='taggit.TaggedItem', to='taggit.Tag', verbose_name='tags')),
                ('uploaded_by_user', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, to=settings.AUTH_USER_MODEL, verbose_name='uploaded by user')),
            ],
            options={
                'verbose_name': 'media',
                'verbose_name_plural': 'media items',
                'abstract': False,
            },
            bases=(modelsearch.index.Indexed, models.Model),
        ),
        # A new column for the new model's rows; 0009 fills it, 0010 puts it in place of `media`.
        migrations.AddField(
            model_name='interviewexcerpt',
            name='private_media',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='modules.excerptmedia'),
        ),
    ]
