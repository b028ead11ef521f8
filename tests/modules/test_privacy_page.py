"""The privacy notice: an editable page under the catalogue, its retention table read from the
settings, linked from every page's footer, from sign-up and from the recording notice, at no
query per request."""

import io
import re
import shutil

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text

from modules.demo.loader import DEMO_DATA, read_demo
from modules.models import CourseIndexPage, ExcerptMedia, PrivacyPage
from tests import factories
from tests.modules.test_demo_data import edit, load_fails


def make_privacy(catalogue, title="Privacy notice", slug="privacy"):
    page = PrivacyPage(title=title, slug=slug, body="<p>We keep what your training needs.</p>")
    catalogue.add_child(instance=page)
    page.save_revision().publish()
    return page


def footer_link(html):
    """The privacy link of the page's footer, or None."""
    footer = html[html.index('<footer class="site-footer">') :]
    found = re.search(r'<a href="([^"]+)">Privacy notice</a>', footer)
    return found.group(1) if found else None


@pytest.fixture
def privacy(catalogue):
    return make_privacy(catalogue)


class PrivacyPageRules(WagtailPageTestCase):
    def test_a_leaf_under_the_catalogue_one_per_catalogue(self):
        self.assertAllowedParentPageTypes(PrivacyPage, {CourseIndexPage})
        self.assertAllowedSubpageTypes(PrivacyPage, set())
        catalogue = factories.make_catalogue()
        self.assertTrue(PrivacyPage.can_create_at(catalogue))
        make_privacy(catalogue)
        self.assertFalse(PrivacyPage.can_create_at(catalogue))

    def test_an_editor_writes_it_in_the_admin(self):
        catalogue = factories.make_catalogue()
        self.login()
        self.assertCanCreate(
            catalogue,
            PrivacyPage,
            nested_form_data(
                {"title": "Privacy", "slug": "privacy", "body": rich_text("<p>What we keep.</p>")}
            ),
        )
        page = PrivacyPage.objects.get()
        self.assertPageIsRenderable(page)


def test_every_page_links_to_it_from_the_footer(client, course, privacy, learner):
    module = factories.make_module(course)
    pages = ["/", course.url, "/accounts/login/", "/certificates/"]
    for url in pages:
        assert footer_link(client.get(url).content.decode()) == privacy.url, url
    client.force_login(learner)
    for url in (module.url, "/dashboard/", "/accounts/profile/"):
        assert footer_link(client.get(url).content.decode()) == privacy.url, url
    notice = client.get(privacy.url)
    assert notice.status_code == 200
    assert "<h1>Privacy notice</h1>" in notice.content.decode()


def test_sign_up_says_what_is_kept_and_links_to_it(client, privacy):
    html = client.get("/accounts/signup/").content.decode()
    form = html[html.index("<form") : html.index("</form>")]
    assert f'<a href="{privacy.url}">The privacy notice</a>' in form
    assert form.index("The privacy notice") < form.index('type="submit"')


def test_the_recording_notice_links_to_it(client, course, privacy, learner):
    media = ExcerptMedia.objects.create(
        title="Source", type="audio", duration=12, file=ContentFile(b"\0" * 64, name="s.ogg")
    )
    exercise = factories.make_exercise(factories.make_excerpt(media=media))
    module = factories.make_module(course, body=[factories.exercise_block(exercise)])
    client.force_login(learner)
    html = client.get(module.url).content.decode()
    consent = html[html.index('class="exercise__consent"') :]
    consent = consent[: consent.index("</form>")]
    assert f'<a href="{privacy.url}">' in consent
    assert client.get(privacy.url).status_code == 200


def test_without_a_live_notice_there_is_no_link(client, catalogue):
    assert footer_link(client.get("/").content.decode()) is None
    assert "The privacy notice" not in client.get("/accounts/signup/").content.decode()


def test_the_link_costs_no_query_once_cached(client, privacy, django_assert_num_queries):
    client.get("/accounts/signup/")
    with django_assert_num_queries(0):
        html = client.get("/accounts/signup/").content.decode()
    assert footer_link(html) == privacy.url

    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        assert footer_link(client.get("/").content.decode()) == privacy.url
    assert not [q["sql"] for q in queries if "privacypage" in q["sql"]]


def test_publishing_unpublishing_and_deleting_the_notice_updates_the_link(client, privacy):
    assert footer_link(client.get("/").content.decode()) == "/privacy/"
    privacy.slug = "your-data"
    privacy.save_revision().publish()
    assert footer_link(client.get("/").content.decode()) == "/your-data/"
    privacy.refresh_from_db()
    privacy.unpublish()
    assert footer_link(client.get("/").content.decode()) is None
    privacy.save_revision().publish()
    assert footer_link(client.get("/").content.decode()) == "/your-data/"
    privacy.delete()
    assert footer_link(client.get("/").content.decode()) is None


def test_the_periods_come_from_the_settings(client, privacy):
    html = client.get(privacy.url).content.decode()
    assert "How long we keep it" in html
    for period in ("1 year (365 days)", "2 years (730 days)", "3 years (1,095 days)"):
        assert period in html
    with override_settings(RETENTION_EXCERPT_OPENING_DAYS=90, RETENTION_RENDITION_DAYS=400):
        html = client.get(privacy.url).content.decode()
    assert "90 days after the opening" in html
    assert "400 days after a trainer has reviewed the rendition" in html


@pytest.mark.django_db
def test_the_demo_loads_its_notice_once_without_a_period_written_in_it(client):
    for _ in range(2):
        call_command("load_initial_data", stdout=io.StringIO())
    page = PrivacyPage.objects.get()
    assert page.live and page.title == read_demo().privacy.fields["title"]
    assert not re.search(r"\d", re.sub(r"<[^>]+>", "", page.body))  # the table gives them
    html = client.get(page.url).content.decode()
    for kept in ("Your recordings", "Openings of sensitive excerpts", "Who sees it"):
        assert kept in html
    assert footer_link(client.get("/").content.decode()) == page.url


@pytest.mark.django_db
def test_a_mistake_in_the_notice_file_is_named_and_nothing_is_loaded(tmp_path):
    data = tmp_path / "en"
    shutil.copytree(DEMO_DATA, data)
    edit(data / "privacy.json", lambda content: content.update(intro="Hello"))
    message = load_fails(data)
    assert message.startswith(f"{data / 'privacy.json'}: unknown field “intro”")
