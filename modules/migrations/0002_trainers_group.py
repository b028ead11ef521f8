"""The Trainers group: may use the admin, write courses and excerpts, upload media.

Learners (everyone who signs up) are in no group, so they never reach the admin.
"""

from django.db import migrations

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
MODEL_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("modules", "add_interviewexcerpt"),
    ("modules", "change_interviewexcerpt"),
    ("modules", "delete_interviewexcerpt"),
]
COLLECTION_PERMISSIONS = [
    ("wagtailmedia", "add_media"),
    ("wagtailmedia", "change_media"),
    ("wagtailmedia", "choose_media"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def create_trainers_group(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    def permission(app_label, codename):
        return Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()

    trainers, _ = Group.objects.get_or_create(name="Trainers")
    for app_label, codename in MODEL_PERMISSIONS:
        perm = permission(app_label, codename)
        if perm:
            trainers.permissions.add(perm)

    root_page = Page.objects.filter(depth=1).first()
    if root_page:
        for codename in PAGE_PERMISSIONS:
            perm = permission("wagtailcore", codename)
            if perm:
                GroupPagePermission.objects.get_or_create(
                    group=trainers, page=root_page, permission=perm
                )

    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection:
        for app_label, codename in COLLECTION_PERMISSIONS:
            perm = permission(app_label, codename)
            if perm:
                GroupCollectionPermission.objects.get_or_create(
                    group=trainers, collection=root_collection, permission=perm
                )


def remove_trainers_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Trainers").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("modules", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailmedia", "0005_alter_media_options"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_trainers_group, remove_trainers_group)]
