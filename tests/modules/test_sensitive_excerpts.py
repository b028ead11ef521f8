"""Sensitive excerpts: heard and read only by trainers and the course's enrolled learners,
streamed without a download control, and every opening logged for trainers, for a time."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import RequestFactory, override_settings
from django.utils import timezone

from modules import services
from modules.models import ExcerptMedia, ExcerptOpening, InterviewExcerpt
from modules.models.openings import OPENING_WINDOW
from modules.progress.models import Enrolment
from tests import factories

AUDIO = bytes(range(256)) * 4
CAPTIONS = b"WEBVTT\n\n00:00.000 --> 00:04.000\nHello, I am Officer B.\n"
SECRET_TURN = "They took my passport at the flat."
REPORT = "/admin/reports/excerpt-openings/"


def body_of(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def media_url(excerpt):
    return f"/excerpts/{excerpt.pk}/media/"


def captions_url(excerpt):
    return f"/excerpts/{excerpt.pk}/captions/"


def make_sensitive(title="A disclosure", sensitive=True):
    media = ExcerptMedia.objects.create(
        title=title, type="audio", duration=12, file=ContentFile(AUDIO, name="talk.ogg")
    )
    return factories.make_excerpt(
        title=title,
        media=media,
        captions=ContentFile(CAPTIONS, name="talk.vtt"),
        sensitive=sensitive,
        segments=[(0, "Interviewer", "Where did you live?"), (4, "Child", SECRET_TURN)],
    )


@pytest.fixture
def sensitive(db):
    return make_sensitive()


@pytest.fixture
def module(course, sensitive):
    return factories.make_module(course, body=[factories.excerpt_block(sensitive)])


def make_trainer(email="tess@example.test"):
    trainer = factories.make_user(email=email, full_name="Tess Trainer")
    trainer.groups.add(Group.objects.get(name="Trainers"))
    return trainer


# --- Who hears and reads it ---------------------------------------------------------------


def test_anonymous_visitors_get_neither_page_nor_media_nor_captions(client, module, sensitive):
    for url in (module.url, media_url(sensitive), captions_url(sensitive)):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/")
    assert not ExcerptOpening.objects.exists()


def test_a_learner_not_enrolled_gets_a_404_for_its_media_and_captions(
    client, module, sensitive, learner
):
    """The same excerpt, not sensitive, would play for them (the module is open to anyone)."""
    client.force_login(learner)
    assert not Enrolment.objects.filter(learner=learner).exists()
    assert client.get(media_url(sensitive)).status_code == 404
    assert client.get(captions_url(sensitive)).status_code == 404
    InterviewExcerpt.objects.filter(pk=sensitive.pk).update(sensitive=False)
    assert client.get(media_url(sensitive)).status_code == 200


def test_the_page_rendered_for_someone_not_enrolled_shows_a_note_not_the_transcript(
    module, sensitive, learner
):
    request = RequestFactory().get(module.url)
    request.user = learner
    html = module.serve_preview(request, "").render().content.decode()
    assert "This excerpt is sensitive" in html
    assert SECRET_TURN not in html
    assert media_url(sensitive) not in html
    assert captions_url(sensitive) not in html
    assert sensitive.title in html  # what it is stays readable


def test_an_enrolled_learner_reads_it_and_hears_it_streamed_without_a_download_control(
    client, module, sensitive, learner
):
    client.force_login(learner)
    html = client.get(module.url).content.decode()  # opening a module enrols the learner
    assert Enrolment.objects.filter(learner=learner, course=module.get_parent()).exists()
    assert SECRET_TURN in html
    assert "Sensitive excerpt: listen somewhere private" in html
    player = html[html.index("<audio") : html.index("</audio>")]
    assert 'controlslist="nodownload"' in player
    assert 'preload="none"' in player  # nothing is fetched until the learner plays it
    assert "data-sensitive-media" in player
    assert "sensitive-media.js" in html
    assert " download" not in html  # no download link anywhere

    response = client.get(media_url(sensitive), headers={"range": "bytes=0-9"})
    assert response.status_code == 206 and body_of(response) == AUDIO[:10]
    assert response["Content-Disposition"] == 'inline; filename="a-disclosure.ogg"'
    assert response["Cache-Control"] == "private, no-cache"
    assert body_of(client.get(captions_url(sensitive))) == CAPTIONS


def test_enrolment_in_another_course_does_not_open_it(client, catalogue, module, sensitive):
    other = factories.make_course(catalogue, title="Another course", slug="another")
    learner = factories.make_user(email="omar@example.test", full_name="Omar Other")
    Enrolment.objects.create(learner=learner, course=other, course_title=other.title)
    client.force_login(learner)
    assert client.get(media_url(sensitive)).status_code == 404


def test_a_locked_module_keeps_it_closed_even_to_the_enrolled(client, catalogue, sensitive):
    course = factories.make_course(
        catalogue, title="In order", slug="in-order", modules_in_order=True
    )
    factories.make_module(course, title="First", slug="first")
    factories.make_module(
        course, title="Second", slug="second", body=[factories.excerpt_block(sensitive)]
    )
    learner = factories.make_user(email="lou@example.test", full_name="Lou Locked")
    Enrolment.objects.create(learner=learner, course=course, course_title=course.title)
    client.force_login(learner)
    assert client.get(media_url(sensitive)).status_code == 404


def test_trainers_keep_access_and_their_openings_are_not_logged(client, module, sensitive):
    client.force_login(make_trainer())
    assert client.get(media_url(sensitive)).status_code == 200
    assert client.get(captions_url(sensitive)).status_code == 200
    assert SECRET_TURN in client.get(module.url).content.decode()
    assert not ExcerptOpening.objects.exists()


def test_an_excerpt_that_is_not_sensitive_keeps_its_player_and_is_not_logged(
    client, course, learner
):
    plain = make_sensitive(title="A plain one", sensitive=False)
    module = factories.make_module(course, body=[factories.excerpt_block(plain)])
    client.force_login(learner)
    html = client.get(module.url).content.decode()
    assert 'preload="metadata"' in html and "controlslist" not in html
    assert "Sensitive excerpt" not in html
    assert client.get(media_url(plain)).status_code == 200
    assert not ExcerptOpening.objects.exists()


# --- The log of openings --------------------------------------------------------------------


def test_each_opening_is_logged_once_per_learner_excerpt_and_window(
    client, module, sensitive, learner
):
    client.force_login(learner)
    for _ in range(3):
        client.get(module.url)
    for first in range(0, 1000, 100):  # a player's many range requests
        client.get(media_url(sensitive), headers={"range": f"bytes={first}-"})
    client.get(captions_url(sensitive))
    rows = list(ExcerptOpening.objects.order_by("what").values_list("learner", "excerpt", "what"))
    assert rows == [
        (learner.pk, sensitive.pk, ExcerptOpening.What.MEDIA),
        (learner.pk, sensitive.pk, ExcerptOpening.What.PAGE),
    ]
    opening = ExcerptOpening.objects.get(what=ExcerptOpening.What.PAGE)
    assert opening.excerpt_title == sensitive.title
    assert timezone.now() - opening.opened_at < datetime.timedelta(minutes=1)

    # In the next window, a new row; the same window again, nothing.
    later = timezone.now() + OPENING_WINDOW
    for _ in range(2):
        services.excerpt_openings_record(
            learner=learner, excerpts=[sensitive], what=ExcerptOpening.What.PAGE, now=later
        )
    assert ExcerptOpening.objects.filter(what=ExcerptOpening.What.PAGE).count() == 2


def test_trainers_read_the_log_in_the_admin_and_filter_and_export_it(
    client, module, sensitive, learner
):
    other = factories.make_user(email="bea@example.test", full_name="Bea Other")
    for person in (learner, other):
        client.force_login(person)
        client.get(module.url)
    old = ExcerptOpening.objects.get(learner=other)
    old.opened_at = timezone.now() - datetime.timedelta(days=40)
    old.save()

    client.force_login(make_trainer())
    html = client.get(REPORT).content.decode()
    assert "Sensitive excerpt openings" in html
    assert learner.full_name in html and other.full_name in html
    assert sensitive.title in html
    assert "Page with its transcript" in html

    by_learner = client.get(REPORT, {"learner": "bea@"}).content.decode()
    assert other.full_name in by_learner and learner.full_name not in by_learner
    since = (timezone.localdate() - datetime.timedelta(days=7)).isoformat()
    recent = client.get(REPORT, {"opened_at_from": since}).content.decode()
    assert learner.full_name in recent and other.full_name not in recent
    another = make_sensitive(title="Another disclosure")
    by_excerpt = client.get(REPORT, {"excerpt": another.pk}).content.decode()
    assert learner.full_name not in by_excerpt

    export = client.get(REPORT, {"export": "csv"})
    assert export.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert rows[0] == ["Opened at", "Learner", "Email", "Excerpt", "Opened"]
    assert {row[2] for row in rows[1:]} == {learner.email, other.email}
    assert all(row[4] == "Page with its transcript" for row in rows[1:])
    assert client.get(REPORT, {"export": "xlsx"}).status_code == 200

    assert REPORT in client.get("/admin/").content.decode()  # in the Reports menu


def test_learners_never_reach_the_log(client, module, learner):
    client.force_login(learner)
    client.get(module.url)
    for url in (REPORT, REPORT + "?export=csv"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_the_log_follows_the_retention_setting(sensitive, learner):
    now = timezone.now()
    for days in (400, 366, 364, 1):
        services.excerpt_openings_record(
            learner=learner,
            excerpts=[sensitive],
            what=ExcerptOpening.What.PAGE,
            now=now - datetime.timedelta(days=days),
        )
    with override_settings(RETENTION_EXCERPT_OPENING_DAYS=365):
        assert services.excerpt_openings_expire(now) == 2
        assert services.excerpt_openings_expire(now) == 0
    kept = sorted((now - row.opened_at).days for row in ExcerptOpening.objects.all())
    assert kept == [1, 364]
    with override_settings(RETENTION_EXCERPT_OPENING_DAYS=30):
        assert services.excerpt_openings_expire(now) == 1
    assert ExcerptOpening.objects.count() == 1


def test_a_learners_openings_are_exported_and_erased_and_no_one_elses(sensitive, learner):
    other = factories.make_user(email="bea@example.test", full_name="Bea Other")
    when = timezone.now()
    for person in (learner, other):
        services.excerpt_openings_record(
            learner=person, excerpts=[sensitive], what=ExcerptOpening.What.MEDIA, now=when
        )
    exported = services.excerpt_openings_export(learner)
    assert exported == [
        {
            "excerpt": sensitive.title,
            "opened": "media",
            "opened_at": when.isoformat(timespec="seconds"),
        }
    ]
    assert services.excerpt_openings_erase(learner) == 1
    assert services.excerpt_openings_erase(learner) == 0
    assert services.excerpt_openings_export(learner) == []
    assert ExcerptOpening.objects.filter(learner=other).count() == 1


def test_deleting_the_excerpt_keeps_the_log_with_its_title(sensitive, learner):
    services.excerpt_openings_record(
        learner=learner, excerpts=[sensitive], what=ExcerptOpening.What.PAGE
    )
    sensitive.delete()
    opening = ExcerptOpening.objects.get()
    assert opening.excerpt is None and opening.excerpt_title == "A disclosure"


# --- The admin and the demo -------------------------------------------------------------------


def test_a_trainer_marks_an_excerpt_sensitive_in_the_admin(client, sensitive):
    client.force_login(make_trainer())
    html = client.get(f"/admin/snippets/modules/interviewexcerpt/edit/{sensitive.pk}/").content
    html = html.decode()
    assert 'name="sensitive"' in html
    assert "every opening is logged for trainers" in html
    listing = client.get("/admin/snippets/modules/interviewexcerpt/?sensitive=true").content
    assert sensitive.title in listing.decode()


def test_the_demo_marks_its_hearing_of_a_minor_and_its_support_session_sensitive(db):
    call_command("load_initial_data", stdout=io.StringIO())
    marked = set(
        InterviewExcerpt.objects.filter(sensitive=True, locale__language_code="en").values_list(
            "title", flat=True
        )
    )
    assert marked == {
        "Open questions in a video-recorded hearing",
        "Laughter and silence in a support session",
    }
