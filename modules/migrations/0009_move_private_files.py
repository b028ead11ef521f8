"""Move the files already stored into the private storage, under random names.

Certificate PDFs leave media/certificates/ (a PDF whose file is gone is dropped: it is
rendered again at the next download); captions leave media/captions/; each wagtailmedia
Media item becomes an ExcerptMedia item, its file out of media/media/, its tags and the
excerpts that use it following it. Thumbnails stay public, where they are.
"""

from django.core.files.storage import storages
from django.db import migrations

from capisce.storage import move_to_private


def move_files(apps, schema_editor):
    public = storages["default"]
    CertificateFile = apps.get_model("modules", "CertificateFile")
    InterviewExcerpt = apps.get_model("modules", "InterviewExcerpt")
    ExcerptMedia = apps.get_model("modules", "ExcerptMedia")
    Media = apps.get_model("wagtailmedia", "Media")
    ContentType = apps.get_model("contenttypes", "ContentType")
    TaggedItem = apps.get_model("taggit", "TaggedItem")
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")

    for stored in CertificateFile.objects.all():
        new_name = move_to_private(public, stored.file.name, "certificates")
        if new_name is None:
            stored.delete()
        else:
            CertificateFile.objects.filter(pk=stored.pk).update(file=new_name)

    for excerpt in InterviewExcerpt.objects.exclude(captions=""):
        new_name = move_to_private(public, excerpt.captions.name, "captions")
        if new_name is not None:
            InterviewExcerpt.objects.filter(pk=excerpt.pk).update(captions=new_name)

    old_type = ContentType.objects.filter(app_label="wagtailmedia", model="media").first()
    new_type, _ = ContentType.objects.get_or_create(app_label="modules", model="excerptmedia")
    for media in Media.objects.all():
        new_name = move_to_private(public, media.file.name, "excerpt-media")
        moved = ExcerptMedia.objects.create(
            title=media.title,
            file=new_name or media.file.name,
            type=media.type,
            duration=media.duration,
            width=media.width,
            height=media.height,
            thumbnail=media.thumbnail.name,
            collection_id=media.collection_id,
            uploaded_by_user_id=media.uploaded_by_user_id,
        )
        ExcerptMedia.objects.filter(pk=moved.pk).update(created_at=media.created_at)
        InterviewExcerpt.objects.filter(media_id=media.pk).update(private_media=moved)
        if old_type is not None:
            TaggedItem.objects.filter(content_type=old_type, object_id=media.pk).update(
                content_type=new_type, object_id=moved.pk
            )
            ReferenceIndex.objects.filter(
                to_content_type=old_type, to_object_id=str(media.pk)
            ).update(to_content_type=new_type, to_object_id=str(moved.pk))
    Media.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("modules", "0008_private_files"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(move_files, elidable=False)]
