"""Quizzes: snippets of questions any page can place, scored on the server."""

from django.conf import settings


def get_excerpt_model_string():
    """The snippet model a question's "listen again" points at, as "app_label.ModelName".

    Named by the QUIZZES_EXCERPT_MODEL setting, the way Wagtail names its image model,
    so that quizzes know nothing of the pages that place them. Without the setting
    (None), questions have no "listen again".
    """
    return getattr(settings, "QUIZZES_EXCERPT_MODEL", None)
