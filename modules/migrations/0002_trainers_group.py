"""The Trainers group: may use the admin, write courses, modules and excerpts, upload media.

Learners (everyone who signs up) are in no group, so they never reach the admin. The other
apps add their own grants to the same group in their own migrations.

Self-contained: it creates the permissions it grants (they are otherwise made only after
all migrations), with nothing but the historical models.
"""

from django.db import migrations

TRAINERS = "Trainers"
MODEL_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"),
    ("modules", "interviewexcerpt", "add_interviewexcerpt", "Can add interview excerpt"),
    ("modules", "interviewexcerpt", "change_interviewexcerpt", "Can change interview excerpt"),
    ("modules", "interviewexcerpt", "delete_interviewexcerpt", "Can delete interview excerpt"),
]
# On the root page: every course and module.
PAGE_PERMISSIONS = [
    ("add_page", "Can add page"),
    ("change_page", "Can change page"),
    ("publish_page", "Can publish page"),
    ("lock_page", "Can lock page"),
    ("unlock_page", "Can unlock page"),
]
# In the root collection: interview media, images, documents.
COLLECTION_PERMISSIONS = [
    ("wagtailmedia", "media", "add_media", "Can add media"),
    ("wagtailmedia", "media", "change_media", "Can change media"),
    ("wagtailmedia", "media", "choose_media", "Can choose media"),
    ("wagtailimages", "image", "add_image", "Can add image"),
    ("wagtailimages", "image", "change_image", "Can change image"),
    ("wagtailimages", "image", "choose_image", "Can choose image"),
    ("wagtaildocs", "document", "add_document", "Can add document"),
    ("wagtaildocs", "document", "change_document", "Can change document"),
    ("wagtaildocs", "document", "choose_document", "Can choose document"),
]


def create_trainers_group(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    def permission(app_label, model, codename, name):
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        found, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        return found

    trainers, _ = Group.objects.get_or_create(name=TRAINERS)
    for app_label, model, codename, name in MODEL_PERMISSIONS:
        trainers.permissions.add(permission(app_label, model, codename, name))

    root_page = Page.objects.filter(depth=1).first()
    if root_page is not None:
        for codename, name in PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=trainers,
                page=root_page,
                permission=permission("wagtailcore", "page", codename, name),
            )

    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for app_label, model, codename, name in COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=trainers,
                collection=root_collection,
                permission=permission(app_label, model, codename, name),
            )


def remove_trainers_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=TRAINERS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("modules", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailmedia", "0005_alter_media_options"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_trainers_group, remove_trainers_group)]
