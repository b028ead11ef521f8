"""axe-core finds no serious or critical accessibility problem on the learner's pages."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.e2e.conftest import COURSE_PATH, MODULE_2_PATH, MODULE_3_PATH, PHONE, sign_in

pytestmark = pytest.mark.e2e

BLOCKING = ("serious", "critical")


def open_content_notes(page):
    summaries = page.locator("details.content-note__details > summary")
    for index in range(summaries.count()):
        summaries.nth(index).click()
    expect(page.locator("details.content-note__details:not([open])")).to_have_count(0)


def wait_for_excerpts(page):
    """The excerpt script has turned every transcript turn of a playable excerpt into a button."""
    playable = page.locator("[data-excerpt]:has([data-player])")
    for index in range(playable.count()):
        expect(playable.nth(index).locator(".segment__play").first).to_be_attached()


# name: (path, signed in as the demo learner, what to do before the check, also at phone width)
PAGES = {
    "catalogue": ("/", False, None, True),
    "course": (COURSE_PATH, False, None, False),
    "signup": ("/accounts/signup/", False, None, False),
    "login": ("/accounts/login/", False, None, False),
    "course-signed-in": (COURSE_PATH, True, None, False),
    "module-2": (MODULE_2_PATH, True, None, False),
    "module-3-note-opened": (MODULE_3_PATH, True, open_content_notes, True),
    "dashboard": ("/dashboard/", True, None, False),
}


def blocking_violations(page):
    results = Axe().run(page)
    return [v for v in results.response["violations"] if v["impact"] in BLOCKING]


def report(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"  - {', '.join(map(str, node['target']))}: {node['html'][:200]}")
            if node.get("failureSummary"):
                lines.extend(f"      {line}" for line in node["failureSummary"].splitlines())
    return "\n".join(lines)


def assert_no_blocking_violations(page, where):
    violations = blocking_violations(page)
    assert not violations, f"axe found serious or critical problems on {where}:\n" + report(
        violations
    )


@pytest.mark.parametrize("name", list(PAGES))
def test_page_has_no_serious_accessibility_problem(request, demo_site, page, name):
    path, signed_in, prepare, phone = PAGES[name]
    if signed_in:
        sign_in(page.context, request.getfixturevalue("learner"), demo_site)
    page.goto(demo_site + path)
    expect(page.get_by_role("main")).to_be_visible()
    if signed_in:
        expect(page.get_by_role("banner").get_by_role("button", name="Sign out")).to_be_visible()
    wait_for_excerpts(page)
    if prepare:
        prepare(page)
    assert_no_blocking_violations(page, name)
    if phone:
        page.set_viewport_size(PHONE)
        assert_no_blocking_violations(page, f"{name} at phone width")
