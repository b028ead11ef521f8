from django.urls import path

from modules.practice import views

app_name = "practice"
urlpatterns = [
    path("practice/consent/", views.consent, name="consent"),
    path(
        "practice/exercises/<int:exercise_id>/in/<int:module_id>/renditions/",
        views.upload,
        name="upload",
    ),
    path("practice/renditions/export/", views.export, name="export"),
    path("practice/renditions/<int:pk>/", views.rendition, name="rendition"),
    path("practice/renditions/<int:pk>/audio/", views.rendition_audio, name="rendition_audio"),
    path("practice/renditions/<int:pk>/model/", views.model_audio, name="model_audio"),
    path("practice/renditions/<int:pk>/delete/", views.delete, name="delete"),
]
