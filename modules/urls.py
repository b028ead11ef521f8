from django.urls import path

from modules import views

app_name = "modules"
urlpatterns = [
    path("excerpts/<int:pk>/media/", views.excerpt_media, name="excerpt_media"),
    path("excerpts/<int:pk>/captions/", views.excerpt_captions, name="excerpt_captions"),
]
