import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from modules.models import CourseIndexPage, CoursePage, InterviewExcerpt, ModulePage, PrivacyPage
from tests import factories


class TreeRulesTests(WagtailPageTestCase):
    def test_catalogue_holds_courses_and_the_privacy_notice(self):
        self.assertAllowedSubpageTypes(CourseIndexPage, {CoursePage, PrivacyPage})
        self.assertAllowedParentPageTypes(CourseIndexPage, {Page})

    def test_course_holds_only_modules(self):
        self.assertAllowedSubpageTypes(CoursePage, {ModulePage})
        self.assertAllowedParentPageTypes(CoursePage, {CourseIndexPage})

    def test_module_is_a_leaf_under_a_course(self):
        self.assertAllowedSubpageTypes(ModulePage, set())
        self.assertAllowedParentPageTypes(ModulePage, {CoursePage})

    def test_only_one_catalogue(self):
        factories.make_catalogue()
        self.assertFalse(CourseIndexPage.can_create_at(Page.get_first_root_node()))


class RenderTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.catalogue = factories.make_catalogue()
        cls.course = factories.make_course(cls.catalogue)
        cls.excerpt = factories.make_excerpt()
        cls.module = factories.make_module(cls.course, body=factories.mixed_body([cls.excerpt], 6))
        cls.learner = factories.make_user()

    def setUp(self):
        self.client.force_login(self.learner)

    def test_every_page_type_renders(self):
        for page in (self.catalogue, self.course, self.module):
            self.assertPageIsRenderable(page, user=self.learner)
        self.assertPageIsRenderable(self.course)  # course pages are public

    def test_module_pages_ask_for_sign_in_and_come_back(self):
        self.client.logout()
        response = self.client.get(self.module.url)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(response["Location"], f"/accounts/login/?next={self.module.url}")

    def test_catalogue_lists_live_courses_with_module_count(self):
        factories.make_module(self.course, title="Two", slug="two")
        draft = factories.make_course(self.catalogue, title="Hidden draft", slug="draft")
        draft.unpublish()
        html = self.client.get("/").content.decode()
        self.assertIn("Interpreting for children", html)
        self.assertNotIn("Hidden draft", html)
        self.assertRegex(html, r"<dt>Modules</dt><dd>2</dd>")

    def test_course_page_lists_modules_in_tree_order(self):
        factories.make_module(self.course, title="Second module", slug="second")
        html = self.client.get(self.course.url).content.decode()
        self.assertLess(html.index("Module one"), html.index("Second module"))

    def test_excerpt_renders_segments_in_order_with_speakers(self):
        html = self.client.get(self.module.url).content.decode()
        found = re.findall(
            r'segment__speaker[^"]*">([^<]+)</span>\s*'
            r'<span class="segment__text" lang="en">([^<]+)<',
            html,
        )
        self.assertEqual(
            found[:3],
            [
                ("Interviewer", "Hello, I am Officer B."),
                ("Interpreter", "Hello, I am Officer B."),
                ("Child", "Hello."),
            ],
        )

    def test_excerpt_without_media_still_shows_transcript(self):
        html = self.client.get(self.module.url).content.decode()
        self.assertNotIn("<audio", html)
        self.assertIn('class="transcript__list"', html)

    def test_segment_range_shows_only_the_chosen_turns(self):
        module = factories.make_module(
            self.course,
            title="Range",
            slug="range",
            body=[factories.excerpt_block(self.excerpt, first_segment=2, last_segment=3)],
        )
        html = self.client.get(module.url).content.decode()
        self.assertEqual(html.count('class="segment"'), 2)
        self.assertIn("Hello.", html)

    def test_content_note_hides_content_behind_a_control(self):
        html = self.client.get(self.module.url).content.decode()
        self.assertIn("This part describes exploitation in general terms.", html)
        self.assertRegex(html, r"<details class=\"content-note__details\">\s*<summary>")


@pytest.mark.django_db
def test_module_page_costs_the_same_queries_with_2_or_20_blocks(client, catalogue):
    client.force_login(factories.make_user())
    course = factories.make_course(catalogue, modules_in_order=False)
    excerpts = [factories.make_excerpt(title=f"Excerpt {n}") for n in range(3)]
    small = factories.make_module(course, slug="small", body=factories.mixed_body(excerpts, 2))
    large = factories.make_module(course, slug="large", body=factories.mixed_body(excerpts, 20))
    client.get(small.url)  # warm the site-root cache and record both as started
    client.get(large.url)
    with CaptureQueriesContext(connection) as small_queries:
        small_html = client.get(small.url).content.decode()
    with CaptureQueriesContext(connection) as large_queries:
        large_html = client.get(large.url).content.decode()
    assert small_html.count('class="segment"') == 6
    assert large_html.count('class="segment"') == 24
    assert len(large_queries) == len(small_queries), [q["sql"] for q in large_queries]


@pytest.mark.django_db
def test_malformed_webvtt_is_refused_in_the_admin(client, django_user_model):
    admin = django_user_model.objects.create_superuser(
        email="admin@example.test", password=factories.PASSWORD, full_name="Admin"
    )
    client.force_login(admin)
    data = {
        "title": "Broken captions",
        "speaker": "Officer B",
        "role": "",
        "organisation": "",
        "setting": "police_interview",
        "media": "",
        "segments-TOTAL_FORMS": "1",
        "segments-INITIAL_FORMS": "0",
        "segments-MIN_NUM_FORMS": "0",
        "segments-MAX_NUM_FORMS": "1000",
        "segments-0-start": "0",
        "segments-0-speaker_label": "Child",
        "segments-0-text": "Hello.",
        "segments-0-language": "en",
        "segments-0-translation": "",
        "segments-0-ORDER": "1",
        "segments-0-id": "",
        "segments-0-DELETE": "",
        "captions": SimpleUploadedFile("bad.vtt", b"00:01 --> nonsense\nhello", "text/vtt"),
    }
    response = client.post("/admin/snippets/modules/interviewexcerpt/add/", data)
    assert response.status_code == 200
    assert "must begin with the line" in response.content.decode()
    assert not InterviewExcerpt.objects.filter(title="Broken captions").exists()

    data["captions"] = SimpleUploadedFile(
        "good.vtt", b"WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n<v Child>Hello.\n", "text/vtt"
    )
    response = client.post("/admin/snippets/modules/interviewexcerpt/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    turns = InterviewExcerpt.objects.get(title="Broken captions").segments.all()
    # A turn in the excerpt's language gets its words as its translation, to translate.
    assert [(turn.text, turn.translation) for turn in turns] == [("Hello.", "Hello.")]
