"""Build the peer's lesson: a wagtail-lms course with one lesson of the given paragraphs.

    python manage.py build_peer_lesson --text paragraphs.json --title "Module one" \
        --username learner --password secret

The text file is a JSON list of HTML paragraphs (`make bench-peer` writes our benchmark
module's text there, one paragraph per block). The learner is created and enrolled in the
course, as wagtail-lms's enrol view would (`CourseEnrollment`), so that the lesson opens for
them. Prints the lesson's URL. Run it once, on a new database.
"""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from wagtail.models import Site
from wagtail_lms.models import CourseEnrollment, CoursePage, H5PLessonPage


class Command(BaseCommand):
    help = "Build a wagtail-lms course and lesson with the given paragraphs; print its URL."

    def add_arguments(self, parser):
        parser.add_argument("--text", required=True, type=Path)
        parser.add_argument("--title", default="Module one")
        parser.add_argument("--username", required=True)
        parser.add_argument("--password", required=True)

    def handle(self, *args, text, title, username, password, **options):
        paragraphs = json.loads(text.read_text(encoding="utf-8"))
        home = Site.objects.get(is_default_site=True).root_page
        course = home.add_child(
            instance=CoursePage(
                title="Interpreting for children",
                slug="interpreting",
                description="<p>A course for interpreters.</p>",
            )
        )
        course.save_revision().publish()
        lesson = course.add_child(
            instance=H5PLessonPage(
                title=title,
                slug="module-one",
                body=json.dumps([{"type": "paragraph", "value": html} for html in paragraphs]),
            )
        )
        lesson.save_revision().publish()
        learner = get_user_model().objects.create_user(username=username, password=password)
        CourseEnrollment.objects.create(user=learner, course=course)
        self.stdout.write(lesson.url)
