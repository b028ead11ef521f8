"""Pages are served from a remembered route, and what changes content or rights shows at once.

The route of an address (the page, its parents, the view restrictions on its way) is kept in
the shared cache until content changes (capisce.routing), and a user's permissions until they
change (capisce.accounts.permission_cache). These tests change what the cache remembers the
way trainers and administrators do and check the very next request sees it.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from capisce.accounts.permission_cache import STAMP_KEY
from capisce.content_cache import GENERATION_KEY, content_changed, generation, kept
from capisce.routing import route_key
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def module(course):
    return factories.make_module(course, body=[factories.paragraph("<p>The first turn.</p>")])


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, [query["sql"] for query in captured]


def test_a_remembered_route_reads_no_page_from_the_database(client, module, learner):
    client.force_login(learner)
    client.get(module.url)
    response, sql = queries(client, module.url)
    assert response.status_code == 200
    assert "The first turn." in response.content.decode()
    assert not [query for query in sql if "wagtailcore_page" in query], sql


def test_an_unpublished_module_is_gone_at_once(client, module, learner):
    client.force_login(learner)
    assert client.get(module.url).status_code == 200
    module.unpublish()
    assert client.get(module.url).status_code == 404


def test_a_renamed_address_moves_at_once(client, module, learner):
    client.force_login(learner)
    old_url = module.url
    assert client.get(old_url).status_code == 200
    module.slug = "renamed"
    module.save_revision().publish()
    assert client.get(old_url).status_code == 404
    assert client.get("/interpreting/renamed/").status_code == 200


def test_a_restriction_on_the_course_applies_at_once(client, course, module, learner):
    trainers = Group.objects.get(name="Trainers")
    trainer = factories.make_user(email="tess@example.test")
    trainer.groups.add(trainers)
    client.force_login(trainer)
    assert client.get(module.url).status_code == 200
    restriction = PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.GROUPS
    )
    # A restriction to no group yet lets nobody in...
    response = client.get(module.url)
    assert response.status_code == 302 and "login" in response["Location"]
    # ...and its group, added as the admin's privacy dialog does (after saving it), at once.
    restriction.groups.add(trainers)
    assert client.get(module.url).status_code == 200
    # Checked against each request, never remembered as an answer.
    client.force_login(learner)
    assert client.get(module.url).status_code == 302


def test_a_password_is_asked_of_every_reader(client, course, module, learner):
    PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.PASSWORD, password="open sesame"
    )
    client.force_login(learner)
    assert "password" in client.get(module.url).content.decode().lower()
    other = factories.make_user(email="other@example.test")
    client.force_login(other)
    assert "password" in client.get(module.url).content.decode().lower()


def remembered_paths(*paths):
    """Which of `paths` (as a page's path parts) have a route kept for them now."""
    request = RequestFactory().get("/")
    keys = {route_key(request, tuple(part for part in p.split("/") if part)): p for p in paths}
    return {keys[key] for key in kept(keys, generation())}


def test_only_pages_are_remembered_never_an_address_below_one_or_nowhere(client, module, learner):
    client.force_login(learner)
    assert client.get("/no-such-course/").status_code == 404
    assert client.get("/interpreting/module-one/no-such-page/").status_code == 404
    for attempt in (998, 999):
        client.get(f"/interpreting/module-one/quiz/attempts/{attempt}/")
    assert remembered_paths(
        "no-such-course",
        "interpreting/module-one",
        "interpreting/module-one/no-such-page",
        "interpreting/module-one/quiz/attempts/998",
        "interpreting/module-one/quiz/attempts/999",
    ) == {"interpreting/module-one"}


def test_a_page_routed_from_a_remembered_parent_is_remembered_too(client, course, learner):
    client.force_login(learner)
    assert client.get(course.url).status_code == 200
    assert remembered_paths("interpreting") == {"interpreting"}
    module = factories.make_module(course, slug="later", body=[factories.paragraph("<p>x</p>")])
    client.get(course.url)
    assert client.get(module.url).status_code == 200
    assert remembered_paths("interpreting/later") == {"interpreting/later"}
    _response, sql = queries(client, module.url)
    assert not [query for query in sql if "wagtailcore_page" in query], sql


def test_a_learner_made_trainer_may_use_the_admin_at_once(client, module, learner):
    client.force_login(learner)
    assert 'id="wagtail-userbar"' not in client.get(module.url).content.decode()
    learner.groups.add(Group.objects.get(name="Trainers"))
    assert "wagtail-userbar" in client.get(module.url).content.decode()
    assert client.get("/admin/").status_code == 200
    learner.groups.remove(Group.objects.get(name="Trainers"))
    assert client.get("/admin/").status_code == 302


def test_a_groups_permission_taken_away_applies_to_its_members_at_once(client, trainer):
    client.force_login(trainer)
    assert client.get("/admin/").status_code == 200
    trainers = Group.objects.get(name="Trainers")
    trainers.permissions.remove(Permission.objects.get(codename="access_admin"))
    assert client.get("/admin/").status_code == 302


def test_permissions_cost_no_query_once_read(client, module, learner):
    client.force_login(learner)
    client.get(module.url)
    _response, sql = queries(client, module.url)
    assert not [query for query in sql if "auth_permission" in query], sql


def cache_reads(monkeypatch):
    """The keys every cache read asks for, in order (get and get_many)."""
    asked = []
    get, get_many = cache.get, cache.get_many

    def spy_get(key, *args, **kwargs):
        asked.append(key)
        return get(key, *args, **kwargs)

    def spy_get_many(keys, *args, **kwargs):
        asked.extend(keys)
        return get_many(keys, *args, **kwargs)

    monkeypatch.setattr(cache, "get", spy_get)
    monkeypatch.setattr(cache, "get_many", spy_get_many)
    return asked


def test_a_request_reads_each_stamp_once(client, module, learner, monkeypatch):
    client.force_login(learner)
    client.get(module.url)
    asked = cache_reads(monkeypatch)
    assert client.get(module.url).status_code == 200
    assert asked.count(GENERATION_KEY) == 1, asked
    assert asked.count(STAMP_KEY) == 1, asked
    # Outside a request every read goes to the cache again.
    generation()
    assert asked.count(GENERATION_KEY) == 2


def test_a_change_by_another_process_is_seen_by_the_next_request(
    client, module, learner, monkeypatch
):
    client.force_login(learner)
    client.get(module.url)
    cache.set(GENERATION_KEY, "made-by-another-process", None)
    asked = cache_reads(monkeypatch)
    response, sql = queries(client, module.url)
    assert response.status_code == 200
    assert any(key.startswith("content:made-by-another-process:") for key in asked), asked
    # A new generation remembers nothing yet: the route is walked again, and kept for it.
    assert [query for query in sql if "wagtailcore_page" in query]
    assert not [query for query in queries(client, module.url)[1] if "wagtailcore_page" in query]


def test_a_change_a_request_makes_is_seen_by_the_same_request(db):
    request_started.send(sender=None)
    try:
        before = generation()
        content_changed()
        after = generation()
        assert after != before
        assert after == cache.get(GENERATION_KEY)
    finally:
        request_finished.send(sender=None)
