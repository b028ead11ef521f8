"""My data and my account's deletion, beside allauth's own account pages."""

from django.urls import path

from capisce.accounts import views

urlpatterns = [
    path("profile/", views.profile, name="account_profile"),
    path("export/", views.data_export, name="account_export"),
    path("export/<uuid:token>/", views.data_export_download, name="account_export_download"),
    path("delete/", views.account_delete, name="account_delete"),
    path("deleted/", views.account_deleted, name="account_deleted"),
]
