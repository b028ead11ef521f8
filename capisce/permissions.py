"""Permission policies shared by the apps: models the site writes and trainers only read."""

from wagtail.permission_policies import ModelPermissionPolicy


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
