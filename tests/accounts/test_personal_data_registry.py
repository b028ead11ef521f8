"""Every model that points at a user says how it is exported and erased, or the build fails."""

import pytest
from django.conf import settings
from django.db import models

from capisce.accounts import personal_data
from capisce.accounts.apps import every_user_key_covered


def test_every_key_to_a_user_is_covered_by_the_registry():
    assert personal_data.uncovered() == []
    assert every_user_key_covered() == []


def test_the_libraries_models_are_covered_too():
    covered = {(entry.model, name) for entry in personal_data.entries() for name in entry.fields}
    for key in [
        ("account.EmailAddress", "user"),
        ("wagtailusers.UserProfile", "user"),
        ("wagtailcore.Revision", "user"),
        ("wagtailcore.PageLogEntry", "user"),
        ("wagtailcore.ModelLogEntry", "user"),
        ("wagtailcore.Comment", "user"),
        ("wagtailcore.WorkflowState", "requested_by"),
        ("wagtailcore.Page", "owner"),
    ]:
        assert key in covered


class Throwaway(models.Model):
    """A model added later, with a user key and no entry."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    title = models.CharField(max_length=20)

    class Meta:
        app_label = "tests_throwaway"

    def __str__(self):
        return self.title


def test_a_new_model_with_a_user_key_is_named():
    assert personal_data.uncovered([Throwaway]) == ["tests_throwaway.Throwaway.owner"]


def test_a_model_whose_entry_is_missing_fails_the_check():
    [entry] = [e for e in personal_data.entries() if e.model == "practice.Rendition"]
    personal_data.unregister(entry)
    try:
        assert personal_data.uncovered() == ["practice.Rendition.learner"]
        [error] = every_user_key_covered()
        assert error.id == "accounts.E001" and "practice.Rendition.learner" in error.msg
    finally:
        personal_data.register(
            entry.model,
            fields=entry.fields,
            erase=entry.erase,
            export=entry.export,
            section=entry.section,
            note=entry.note,
        )
    assert personal_data.uncovered() == []


def test_a_key_registered_twice_is_a_mistake_said_at_once():
    with pytest.raises(Exception, match="registered twice"):
        personal_data.register("practice.Rendition", fields=("learner",), erase=lambda e: None)
