import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection
from django.db.migrations.recorder import MigrationRecorder
from django.template.loader import render_to_string
from wagtail.models import Page, Revision
from wagtailmedia.models import get_media_model

from modules.demo.loader import read_demo
from modules.models import CourseIndexPage, CoursePage, ExcerptSegment, InterviewExcerpt, ModulePage
from modules.practice.models import (
    ExerciseTurn,
    HardMoment,
    InterpretingExercise,
    RecordingConsent,
    Remark,
    Rendition,
    Review,
)
from modules.progress.models import Enrolment, ModuleProgress
from quizzes.models import QuizAttempt

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_unknown_url_gets_the_404_page(client, catalogue):
    response = client.get("/no-such-course/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert 'href="#main"' in response.content.decode()


def test_500_page_renders_without_a_request():
    html = render_to_string("500.html")
    assert "Something went wrong" in html
    assert "Nothing you have done is lost" in html


@pytest.mark.django_db
def test_healthz_checks_the_database(client, monkeypatch):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}

    def broken(*args, **kwargs):
        raise DatabaseError("down")

    monkeypatch.setattr("django.db.backends.utils.CursorWrapper.execute", broken)
    assert client.get("/healthz").status_code == 503


def run_manage(*args, **env):
    full_env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    full_env.update(env)
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="capisce.settings.production",
        SECRET_KEY="k3V9s!q2-long-random-production-secret-value-for-the-check-0123456789",
        ALLOWED_HOSTS="academy.example.org",
        SITE_URL="https://academy.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


PRODUCTION_ESSENTIALS = {
    "SECRET_KEY": "x" * 60,
    "ALLOWED_HOSTS": "academy.example.org",
    "SITE_URL": "https://academy.example.org",
}


@pytest.mark.parametrize("missing", PRODUCTION_ESSENTIALS)
def test_production_settings_refuse_to_start_without_essentials(missing):
    env = {**PRODUCTION_ESSENTIALS, missing: ""}
    result = run_manage("check", DJANGO_SETTINGS_MODULE="capisce.settings.production", **env)
    assert result.returncode != 0
    assert f"Set {missing}" in result.stderr


def site_urls(**env):
    """SITE_URL and WAGTAILADMIN_BASE_URL as the settings read them from this environment."""
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; "
        "print(settings.SITE_URL, settings.WAGTAILADMIN_BASE_URL)",
        **{"DJANGO_SETTINGS_MODULE": "capisce.settings.dev", "SITE_URL": "", **env},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_one_site_url_from_the_environment_gives_every_public_address():
    assert site_urls() == ["http://127.0.0.1:8000"] * 2
    assert site_urls(SITE_URL="http://127.0.0.1:8202/") == ["http://127.0.0.1:8202"] * 2
    assert site_urls(WAGTAILADMIN_BASE_URL="http://elsewhere:9") == ["http://127.0.0.1:8000"] * 2


@pytest.mark.parametrize(
    "value",
    [
        "academy.example.org",
        "ftp://academy.example.org",
        "https://",
        "https://a.org/academy",
        "http://127.0.0.1:port",
        "https://a.org/?next=x",
    ],
)
def test_a_site_url_that_is_not_an_address_stops_the_start(value):
    result = run_manage("check", DJANGO_SETTINGS_MODULE="capisce.settings.dev", SITE_URL=value)
    assert result.returncode != 0
    assert "SITE_URL must be the site's address" in result.stderr


def test_make_run_serves_and_prints_links_for_the_same_host_and_port():
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    result = subprocess.run(  # noqa: S603
        ["make", "-n", "run", "HOST=127.0.0.1", "PORT=8202"],  # noqa: S607
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    lines = result.stdout.splitlines()
    for command in ("manage.py load_initial_data", "manage.py runserver 127.0.0.1:8202"):
        [line] = [line for line in lines if command in line]
        assert line.startswith("SITE_URL=http://127.0.0.1:8202 "), line


@pytest.mark.django_db
def test_load_initial_data_twice_changes_nothing(client):
    def snapshot():
        return {
            "pages": list(Page.objects.order_by("path").values_list("path", "title", "live")),
            "revisions": Revision.objects.count(),
            "excerpts": InterviewExcerpt.objects.count(),
            "segments": ExcerptSegment.objects.count(),
            "exercises": list(
                InterpretingExercise.objects.filter(locale__language_code="en")
                .order_by("pk")
                .values_list("title", "model_media_id", "grid_id")
            ),
            # The English exercises'; their translations share them (synchronised copies).
            "turns": ExerciseTurn.objects.filter(exercise__locale__language_code="en").count(),
            "hard moments": HardMoment.objects.filter(exercise__locale__language_code="en").count(),
            "media": get_media_model().objects.count(),
            "renditions": list(
                Rendition.objects.values_list("learner__email", "status", "audio", "reviewed_at")
            ),
            "reviews": list(Review.objects.values_list("pk", "updated_at")),
            "remarks": Remark.objects.count(),
            "consents": RecordingConsent.objects.count(),
            "enrolments": Enrolment.objects.count(),
            "private files": sorted(
                str(path) for path in settings.PRIVATE_ROOT.rglob("*") if path.is_file()
            ),
            "users": sorted(
                __import__("django.contrib.auth", fromlist=["get_user_model"])
                .get_user_model()
                .objects.values_list("email", "password")
            ),
        }

    call_command("load_initial_data", stdout=open(os.devnull, "w"))  # noqa: SIM115
    first = snapshot()
    call_command("load_initial_data", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert snapshot() == first

    # One catalogue per language: the English one and its French and Dutch translations.
    assert sorted(CourseIndexPage.objects.values_list("locale__language_code", flat=True)) == [
        "en",
        "fr",
        "nl",
    ]
    course = CoursePage.objects.get(locale__language_code="en")
    modules = ModulePage.objects.child_of(course)
    assert modules.count() == 8
    assert first["excerpts"] >= 8
    assert len(first["exercises"]) == 3 and first["turns"] == 20 and first["hard moments"] == 9
    assert [status for _email, status, *_ in first["renditions"]] == ["reviewed"]
    assert first["remarks"] == 3
    assert InterviewExcerpt.objects.exclude(media=None).exclude(captions="").exists()
    assert client.get("/").status_code == 200
    # Through the sign-in form, as the README tells: the demo addresses need no confirming.
    response = client.post(
        "/accounts/login/", {"login": "learner@example.org", "password": "capisce-learner-demo"}
    )
    assert response.status_code == 302 and response["Location"] == "/", response
    first, *others = modules
    assert client.get(first.url).status_code == 200
    for module in others:  # the demo course is taken in order
        assert client.get(module.url).status_code == 403


@pytest.mark.django_db
def test_load_initial_data_again_keeps_what_a_learner_did(client):
    """A second `make run` runs load_initial_data again: a learner's visits, progress and
    attempts stay as they were."""
    call_command("load_initial_data", stdout=io.StringIO())
    client.post(
        "/accounts/login/", {"login": "learner@example.org", "password": "capisce-learner-demo"}
    )
    course = CoursePage.objects.get(locale__language_code="en")
    first = ModulePage.objects.child_of(course).first()
    assert client.get(first.url).status_code == 200

    def learner_records():
        return {
            "enrolments": list(Enrolment.objects.values_list("pk", "learner__email", "course")),
            "progress": list(
                ModuleProgress.objects.values_list("pk", "module", "started_at", "completed_at")
            ),
            "attempts": list(QuizAttempt.objects.values_list("pk", "percent")),
        }

    before = learner_records()
    assert [module for _pk, module, *_ in before["progress"]] == [first.pk]

    call_command("load_initial_data", stdout=io.StringIO())

    assert learner_records() == before
    assert client.get("/dashboard/").status_code == 200


def test_production_sends_the_language_cookie_over_https_only():
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; "
        "print(settings.LANGUAGE_COOKIE_SECURE, settings.LANGUAGE_COOKIE_SAMESITE)",
        DJANGO_SETTINGS_MODULE="capisce.settings.production",
        **PRODUCTION_ESSENTIALS,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.split() == ["True", "Lax"]


@pytest.mark.django_db
def test_a_database_from_before_the_apps_were_split_is_refused_with_what_to_do():
    call_command("check_database_history", stdout=io.StringIO())
    MigrationRecorder(connection).record_applied("modules", "0004_progress")
    with pytest.raises(CommandError, match=r"modules\.0004_progress.*make reset-db"):
        call_command("check_database_history")


@pytest.mark.django_db
def test_the_demo_transcripts_keep_their_order_on_every_database():
    call_command("load_initial_data", stdout=io.StringIO())
    demo = read_demo()
    for slug, data in demo.excerpts.items():
        excerpt = InterviewExcerpt.objects.get(title=data.fields["title"])
        shown = [(s.start, s.text) for s in excerpt.segments.all()]
        assert shown == [(s["start"], s["text"]) for s in data.segments], slug
