from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "capisce.accounts"
    label = "accounts"
    verbose_name = "Accounts"
