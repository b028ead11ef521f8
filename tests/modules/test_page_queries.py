"""What a learner's pages cost in queries, and that what is cached for them stays true.

Counted on a repeat visit (the first records the module as opened and fills the caches):
the module page runs at most MODULE_PAGE_QUERIES, the same with 2 blocks or 20, a course of
2 modules or 8, in English or in French (the same count); the course page the same with 2
modules or 8. A trainer's publish shows at once, and a preview never serves the cached body.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from modules.progress.models import Enrolment, ModuleProgress
from tests import factories

# The user and the learner's progress (their module states, their enrolment); the session is
# read from the cache (cached_db).
# The page's route and view restrictions are remembered (capisce.routing), the user's
# permissions too (capisce.accounts.permission_cache): nothing per block, module, course or
# language.
MODULE_PAGE_QUERIES = 3

pytestmark = pytest.mark.django_db


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), response.content.decode(), [q["sql"] for q in queries]


def repeat_visit(client, url):
    client.get(url)
    return count(client, url)


@pytest.fixture
def excerpts():
    return [factories.make_excerpt(title=f"Interview {n}") for n in range(3)]


def test_the_module_page_costs_the_same_whatever_its_blocks_and_modules(
    client, catalogue, learner, excerpts
):
    client.force_login(learner)
    short = factories.make_course(catalogue, title="Short", slug="short", modules_in_order=False)
    small = factories.make_module(short, slug="small", body=factories.mixed_body(excerpts, 2))
    factories.make_module(short, slug="other", body=factories.mixed_body(excerpts, 2))
    long = factories.make_course(catalogue, title="Long", slug="long", modules_in_order=False)
    large = factories.make_module(long, slug="large", body=factories.mixed_body(excerpts, 20))
    for number in range(7):
        factories.make_module(long, title=f"M{number}", slug=f"m{number}")

    few, few_html, _sql = repeat_visit(client, small.url)
    many, many_html, sql = repeat_visit(client, large.url)
    assert many_html.count('class="segment"') > few_html.count('class="segment"')
    assert many == few, sql
    assert many <= MODULE_PAGE_QUERIES, sql


def test_a_repeat_visit_writes_nothing(client, course, learner, excerpts):
    client.force_login(learner)
    module = factories.make_module(course, body=factories.mixed_body(excerpts, 4))
    client.get(module.url)
    assert ModuleProgress.objects.filter(learner=learner, module=module).count() == 1
    _count, _html, sql = repeat_visit(client, module.url)
    writes = [q for q in sql if not q.lstrip().upper().startswith("SELECT")]
    assert writes == []
    assert Enrolment.objects.get(learner=learner).last_activity_at is not None


def test_the_french_module_page_costs_what_the_english_one_does(
    client, catalogue, learner, excerpts
):
    client.force_login(learner)
    course = factories.make_course(catalogue, modules_in_order=False)
    module = factories.make_module(course, body=factories.mixed_body(excerpts, 6))
    french = Locale.objects.get_or_create(language_code="fr")[0]
    # Translated as trainers do: every page on the way, none of them an alias.
    for page in (catalogue, course, module):
        translated = page.copy_for_translation(french)
        translated.save_revision().publish()
    translated.refresh_from_db()
    assert translated.url.startswith("/fr/")

    english, _html, _sql = repeat_visit(client, module.url)
    in_french, html, sql = repeat_visit(client, translated.url)
    assert 'lang="fr"' in html
    assert in_french == english, "\n".join(q[:150] for q in sql)
    # Progress is kept on the English source, whichever language the learner reads.
    assert ModuleProgress.objects.filter(learner=learner, module=module).exists()
    assert not ModuleProgress.objects.filter(module=translated).exists()


def test_the_course_page_costs_the_same_with_2_modules_or_8(client, catalogue, learner):
    client.force_login(learner)
    two = factories.make_course(catalogue, title="Two", slug="two")
    for number in range(2):
        factories.make_module(two, title=f"T{number}", slug=f"t{number}")
    eight = factories.make_course(catalogue, title="Eight", slug="eight")
    for number in range(8):
        factories.make_module(eight, title=f"E{number}", slug=f"e{number}")
    few, _html, _sql = repeat_visit(client, two.url)
    many, html, sql = repeat_visit(client, eight.url)
    assert "E7" in html
    assert many == few, sql


def test_a_trainers_publish_is_read_by_learners_at_once(client, course, learner, excerpts):
    client.force_login(learner)
    module = factories.make_module(course, body=factories.mixed_body(excerpts, 4))
    assert "Paragraph 3" in client.get(module.url).content.decode()
    module.body = [factories.paragraph("<p>Rewritten by the trainer.</p>")]
    module.save_revision().publish()
    html = client.get(module.url).content.decode()
    assert "Rewritten by the trainer." in html and "Paragraph 3" not in html


def test_an_excerpt_edited_shows_at_once_on_the_pages_using_it(client, course, learner):
    client.force_login(learner)
    excerpt = factories.make_excerpt(title="First contact")
    module = factories.make_module(course, body=[factories.excerpt_block(excerpt)])
    assert "First contact" in client.get(module.url).content.decode()
    excerpt.title = "A new title"
    excerpt.save()
    assert "A new title" in client.get(module.url).content.decode()


def test_a_preview_never_serves_the_cached_body(client, course, trainer, learner, excerpts):
    module = factories.make_module(course, body=factories.mixed_body(excerpts, 4))
    client.force_login(learner)
    assert "Paragraph 3" in client.get(module.url).content.decode()  # cached now
    draft = [factories.paragraph("<p>A draft not published.</p>")]
    html = factories.preview_html(module, draft, by=trainer)
    assert "A draft not published." in html and "Paragraph 3" not in html
    # The learner still reads what is published.
    client.force_login(learner)
    assert "A draft not published." not in client.get(module.url).content.decode()
