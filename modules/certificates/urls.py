from django.urls import path

from modules.certificates import views

app_name = "certificates"
urlpatterns = [
    path("certificates/", views.certificate_lookup, name="lookup"),
    path("certificates/<str:code>/", views.certificate_verify, name="verify"),
    path("certificates/<str:code>/pdf/", views.certificate_pdf, name="pdf"),
]
