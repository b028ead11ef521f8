"""Every page sends a Content-Security-Policy: strict on learners' pages, looser in the admin."""

import pytest
from django.contrib.auth.models import Group

from modules.certificates.models import Certificate
from modules.progress import services as progress_services
from tests import factories

HEADER = "Content-Security-Policy"
# What learners' pages allow, directive by directive (a nonce may join scripts and styles).
STRICT = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "media-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}


def directives(response):
    """The policy the response sends, as {directive: [sources]}."""
    assert HEADER in response, f"no {HEADER} header"
    policy = {}
    for part in response[HEADER].split(";"):
        name, *sources = part.split()
        policy[name] = sources
    return policy


def only_self_or_nonce(sources):
    return "'self'" in sources and all(
        source == "'self'" or (source.startswith("'nonce-") and source.endswith("'"))
        for source in sources
    )


@pytest.fixture
def site(catalogue):
    """A course with a module holding an excerpt and a quiz, a learner who has a certificate."""
    course = factories.make_course(catalogue)
    excerpt = factories.make_excerpt()
    quiz = factories.make_quiz()
    module = factories.make_module(
        course, body=[factories.excerpt_block(excerpt), factories.quiz_block(quiz)]
    )
    learner = factories.make_user()
    holder = factories.make_user(email="holder@example.test", full_name="Holder")
    other_course = factories.make_course(catalogue, title="Done", slug="done")
    progress_services.module_complete(
        learner=holder, module=factories.make_module(other_course), course=other_course
    )
    return {
        "course": course,
        "module": module,
        "learner": learner,
        "certificate": Certificate.objects.get(learner=holder),
    }


# name: (path from the site fixture, signed in)
LEARNER_PAGES = {
    "catalogue": (lambda site: "/", False),
    "course": (lambda site: site["course"].url, False),
    "module": (lambda site: site["module"].url, True),
    "dashboard": (lambda site: "/dashboard/", True),
    "signup": (lambda site: "/accounts/signup/", False),
    "login": (lambda site: "/accounts/login/", False),
    "password-reset": (lambda site: "/accounts/password/reset/", False),
    "certificate-lookup": (lambda site: "/certificates/", False),
    "certificate-verify": (lambda site: f"/certificates/{site['certificate'].code}/", False),
}


@pytest.mark.parametrize("name", list(LEARNER_PAGES))
def test_learner_pages_allow_no_inline_script_or_style_and_no_other_origin(client, site, name):
    path, signed_in = LEARNER_PAGES[name]
    if signed_in:
        client.force_login(site["learner"])
    response = client.get(path(site))
    assert response.status_code == 200
    policy = directives(response)
    for directive, sources in STRICT.items():
        assert policy.get(directive) == sources, (directive, response[HEADER])
    assert only_self_or_nonce(policy["script-src"]), response[HEADER]
    assert only_self_or_nonce(policy["style-src"]), response[HEADER]


def test_an_unknown_page_is_strict_too(client, catalogue):
    response = client.get("/no-such-course/")
    assert response.status_code == 404
    assert only_self_or_nonce(directives(response)["script-src"])


@pytest.fixture
def trainer(db):
    user = factories.make_user(email="trainer@example.test", full_name="Tess Trainer")
    user.groups.add(Group.objects.get(name="Trainers"))
    return user


def test_the_admin_alone_allows_its_inline_scripts_and_frames_its_preview(client, site, trainer):
    client.force_login(trainer)
    response = client.get(f"/admin/pages/{site['module'].pk}/edit/")
    assert response.status_code == 200
    policy = directives(response)
    assert "'unsafe-inline'" in policy["script-src"]
    assert "'unsafe-inline'" in policy["style-src"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    # No nonce beside 'unsafe-inline': a browser would then ignore 'unsafe-inline'.
    assert not any(source.startswith("'nonce-") for source in policy["script-src"])

    # The same trainer on the learners' site gets the strict policy.
    public = directives(client.get(site["module"].url))
    assert only_self_or_nonce(public["script-src"])
    assert public["frame-ancestors"] == ["'none'"]
