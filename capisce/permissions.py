"""Permission helpers shared by the apps: the Trainers group's grants, read-only admin models."""

from wagtail.permission_policies import ModelPermissionPolicy

TRAINERS = "Trainers"


def grant_to_trainers(apps, app_label, codenames):
    """For a data migration: give the Trainers group these permissions of one app.

    Permissions are normally created after all migrations, so they are created here first.
    """
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    trainers, _ = Group.objects.get_or_create(name=TRAINERS)
    trainers.permissions.add(
        *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    )


def revoke_from_trainers(apps, app_label, codenames):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    trainers = Group.objects.filter(name=TRAINERS).first()
    if trainers:
        trainers.permissions.remove(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )


class ReadOnlyPolicy(ModelPermissionPolicy):
    """History the site writes (attempts, certificates): read in the admin, never edited."""

    def __init__(self, model, forbidden=("add", "change"), **kwargs):
        super().__init__(model, **kwargs)
        self.forbidden = set(forbidden)

    def user_has_permission(self, user, action):
        if action in self.forbidden:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)
