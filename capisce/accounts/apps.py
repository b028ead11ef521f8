from django.apps import AppConfig
from django.core import checks
from django.utils.module_loading import autodiscover_modules

from capisce import content_cache
from capisce.accounts import permission_cache
from capisce.accounts.personal_data import uncovered


class AccountsConfig(AppConfig):
    name = "capisce.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        # Every app's personal_data.py: what it keeps about a person, how it is exported
        # and erased (capisce.accounts.personal_data).
        autodiscover_modules("personal_data")
        checks.register(every_user_key_covered)
        permission_cache.connect()
        # The bottom layer's shared cache (capisce.content_cache): this is its only app.
        content_cache.connect()


def every_user_key_covered(app_configs=None, **kwargs):
    """A key to the user that no personal-data entry covers would escape export and erasure."""
    return [
        checks.Error(
            f"{name} points at a user but is not in the personal-data registry.",
            hint=(
                "Say how it is exported and erased: register it in its app's "
                "personal_data.py (see capisce/accounts/personal_data.py)."
            ),
            obj=name,
            id="accounts.E001",
        )
        for name in uncovered()
    ]
