"""Interview media and captions: private files, for those who may open a module that shows them.

Over HTTP, as a browser's player asks: sign-in, locked modules, drafts, range requests, and
every way of reaching a file without asking the view.
"""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.core.management import call_command
from django.test import override_settings

from modules.models import ExcerptMedia, InterviewExcerpt
from modules.progress import services as progress_services
from tests import factories

AUDIO = bytes(range(256)) * 4  # 1024 bytes, each position telling where it is
CAPTIONS = b"WEBVTT\n\n00:00.000 --> 00:04.000\nHello, I am Officer B.\n"


def excerpt_with_media(title):
    media = ExcerptMedia.objects.create(
        title=title, type="audio", duration=12, file=ContentFile(AUDIO, name="talk.ogg")
    )
    return factories.make_excerpt(
        title=title, media=media, captions=ContentFile(CAPTIONS, name="talk.vtt")
    )


def body_of(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def course_with_excerpts(catalogue):
    """Module one shows excerpt `open`; module two (locked until one is done) shows `locked`;
    `unused` is in no module, `draft` only in an unpublished one."""
    course = factories.make_course(catalogue, modules_in_order=True)
    excerpts = {key: excerpt_with_media(key) for key in ("open", "locked", "unused", "draft")}
    one = factories.make_module(course, body=[factories.excerpt_block(excerpts["open"])])
    two = factories.make_module(
        course,
        title="Module two",
        slug="module-two",
        body=[
            {
                "type": "content_note",
                "value": {
                    "note": "Hard.",
                    "content": [factories.excerpt_block(excerpts["locked"])],
                },
            }
        ],
    )
    draft = factories.make_module(
        course, title="Draft", slug="draft", body=[factories.excerpt_block(excerpts["draft"])]
    )
    draft.unpublish()
    return course, one, two, excerpts


def media_url(excerpt):
    return f"/excerpts/{excerpt.pk}/media/"


def captions_url(excerpt):
    return f"/excerpts/{excerpt.pk}/captions/"


@pytest.mark.django_db
def test_the_module_page_plays_the_excerpt_from_its_checked_urls(client, course_with_excerpts):
    _course, one, _two, excerpts = course_with_excerpts
    client.force_login(factories.make_user())
    html = client.get(one.url).content.decode()
    assert f'<source src="{media_url(excerpts["open"])}">' in html
    assert f'src="{captions_url(excerpts["open"])}"' in html
    assert excerpts["open"].media.file.name not in html
    assert '"/media/' not in html


@pytest.mark.django_db
def test_media_and_captions_are_for_learners_who_may_open_a_module_showing_them(
    client, course_with_excerpts
):
    course, one, _two, excerpts = course_with_excerpts
    open_ = excerpts["open"]
    for url in (media_url(open_), captions_url(open_)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"/accounts/login/?next={url}"

    learner = factories.make_user()
    client.force_login(learner)
    response = client.get(media_url(open_))
    assert response.status_code == 200
    assert body_of(response) == AUDIO
    assert response["Content-Type"] == "audio/ogg"
    assert response["Content-Disposition"] == 'inline; filename="open.ogg"'
    assert response["Cache-Control"] == "private, no-cache"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Accept-Ranges"] == "bytes"
    captions = client.get(captions_url(open_))
    assert captions.status_code == 200 and body_of(captions) == CAPTIONS
    assert captions["Content-Type"] == "text/vtt"

    # Locked module, no live module, a draft module only, no such excerpt: all the same 404.
    for excerpt in (excerpts["locked"], excerpts["unused"], excerpts["draft"]):
        assert client.get(media_url(excerpt)).status_code == 404
        assert client.get(captions_url(excerpt)).status_code == 404
    assert client.get("/excerpts/999999/media/").status_code == 404

    progress_services.module_complete(learner=learner, module=one, course=course)
    assert client.get(media_url(excerpts["locked"])).status_code == 200
    assert client.get(captions_url(excerpts["locked"])).status_code == 200

    trainer = factories.make_user(email="tess@example.test", full_name="Tess")
    trainer.groups.add(Group.objects.get(name="Trainers"))
    client.force_login(trainer)
    for excerpt in excerpts.values():
        assert client.get(media_url(excerpt)).status_code == 200


@pytest.mark.django_db
def test_stored_media_and_captions_have_no_public_url(client, course_with_excerpts):
    _course, _one, _two, excerpts = course_with_excerpts
    excerpt = excerpts["open"]
    client.force_login(factories.make_user())
    stored = [excerpt.media.file.name, excerpt.captions.name]
    assert all(name.startswith(("excerpt-media/", "captions/")) for name in stored)
    assert not any("talk" in name or "open" in name for name in stored)
    assert not any(default_storage.exists(name) for name in stored)
    for url in (
        *(f"/media/{name}" for name in stored),
        "/media/media/talk.ogg",
        "/media/captions/talk.vtt",
    ):
        assert client.get(url).status_code == 404, url
    with pytest.raises(ValueError, match="no public URL"):
        excerpt.captions.url  # noqa: B018


@pytest.mark.django_db
def test_range_requests_seek_and_bad_ranges_never_fail(client, course_with_excerpts):
    _course, _one, _two, excerpts = course_with_excerpts
    client.force_login(factories.make_user())
    url = media_url(excerpts["open"])
    for header, (first, last) in {
        "bytes=0-9": (0, 9),
        "bytes=1000-": (1000, 1023),
        "bytes=-4": (1020, 1023),
        "bytes=1020-5000": (1020, 1023),
        " bytes=512-512 ": (512, 512),
    }.items():
        response = client.get(url, headers={"range": header})
        assert response.status_code == 206, header
        assert response["Content-Range"] == f"bytes {first}-{last}/1024"
        assert response["Content-Length"] == str(last - first + 1)
        assert body_of(response) == AUDIO[first : last + 1]
        assert response["Cache-Control"] == "private, no-cache"
    for header in ("bytes=1024-", "bytes=99999-100000", "bytes=-0"):
        response = client.get(url, headers={"range": header})
        assert response.status_code == 416, header
        assert response["Content-Range"] == "bytes */1024"
    for header in (
        "bytes=abc",
        "bytes=5-2",
        "items=0-1",
        "bytes=0-1,4-5",
        "bytes=" + "9" * 40 + "-",
        "bytes=--1",
        "bytes=-",
        "bytes=\x00",
    ):
        response = client.get(url, headers={"range": header})
        assert response.status_code == 200, header
        assert body_of(response) == AUDIO


@pytest.mark.django_db
def test_guessed_and_crafted_file_urls_give_404(client, course_with_excerpts):
    _course, _one, _two, excerpts = course_with_excerpts
    client.force_login(factories.make_user())
    default_storage.save("original_images/picture.png", ContentFile(b"\x89PNG picture"))
    public = client.get("/media/original_images/picture.png")
    assert public.status_code == 200 and body_of(public) == b"\x89PNG picture"
    secret = excerpts["open"].media.file.name
    for url in (
        "/excerpts/abc/media/",
        "/excerpts/-1/media/",
        f"/excerpts/{excerpts['open'].pk}.0/media/",
        f"/excerpts/{excerpts['open'].pk}/media/../captions/",
        "/media/original_images/../../../etc/passwd",
        f"/media/original_images/../../private/{secret}",
        "/media/original_images/%2e%2e/%2e%2e/etc/passwd",
        "/media/original_images/..%2f..%2fetc/passwd",
        "/media//etc/passwd",
        "/media/original_images//etc/passwd",
        "/media/original_images/./picture.png",
        "/media/original_images/picture.png%00",
        "/media/original_images/pict",
        "/media/original_images/",
        "/media/%2Fetc%2Fpasswd",
    ):
        assert client.get(url).status_code == 404, url


@pytest.mark.django_db
def test_trainers_reach_media_files_from_the_admin_and_learners_do_not(
    client, course_with_excerpts
):
    _course, _one, _two, excerpts = course_with_excerpts
    excerpt = excerpts["open"]
    trainer = factories.make_user(email="tess@example.test", full_name="Tess")
    trainer.groups.add(Group.objects.get(name="Trainers"))
    client.force_login(trainer)
    edit = client.get(f"/admin/media/edit/{excerpt.media.pk}/")
    assert edit.status_code == 200
    assert excerpt.media.url in edit.content.decode()
    file = client.get(excerpt.media.url)
    assert file.status_code == 200 and body_of(file) == AUDIO
    snippet = client.get(f"/admin/snippets/modules/interviewexcerpt/edit/{excerpt.pk}/")
    assert snippet.status_code == 200
    assert excerpt.captions.name in snippet.content.decode()
    client.force_login(factories.make_user())
    assert client.get(excerpt.media.url).status_code != 200


@pytest.mark.django_db
@override_settings(PRIVATE_FILES_SERVE="accel", PRIVATE_FILES_ACCEL_REDIRECT="/_private/")
def test_behind_the_proxy_the_file_is_handed_over_with_x_accel_redirect(
    client, course_with_excerpts
):
    _course, _one, _two, excerpts = course_with_excerpts
    client.force_login(factories.make_user())
    response = client.get(media_url(excerpts["open"]), headers={"range": "bytes=0-9"})
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/_private/{excerpts['open'].media.file.name}"
    assert response.content == b""
    assert response["Content-Type"] == "audio/ogg"
    assert response["Cache-Control"] == "private, no-cache"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_the_demo_loader_puts_its_media_and_captions_in_the_private_storage():
    call_command("load_initial_data", stdout=io.StringIO())
    excerpt = next(e for e in InterviewExcerpt.objects.all() if e.media_id)
    for name in (excerpt.media.file.name, excerpt.captions.name):
        assert storages["private"].exists(name)
        assert not default_storage.exists(name)
