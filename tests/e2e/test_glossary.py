"""The glossary in Chromium: a term's first mention in a module shows its definition in place,
by mouse and by keyboard, and leads to the glossary without script; the glossary page has no
serious or critical accessibility problem, desktop and phone."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    COURSE_PATH,
    DESKTOP,
    MODULE_1_PATH,
    PHONE,
    TIMEOUT_MS,
    assert_accessible,
    sign_in,
)

pytestmark = pytest.mark.e2e

GLOSSARY_PATH = COURSE_PATH + "glossary/"
SMUGGLING = "Helping a person cross a border or stay in a country irregularly"


def test_a_glossary_term_shows_its_definition_in_place(demo_site, learner, page):
    sign_in(page.context, learner, demo_site)
    page.goto(demo_site + MODULE_1_PATH)
    term = page.get_by_role("button", name="migrant smuggling")
    expect(term).to_have_attribute("aria-expanded", "false")
    definition = page.locator(".glossary-popover", has_text=SMUGGLING)
    expect(definition).to_be_hidden()

    term.click()
    expect(definition).to_be_visible()
    expect(term).to_have_attribute("aria-expanded", "true")
    expect(definition.locator(".glossary-popover__definition")).to_have_attribute("lang", "en")
    assert page.url == demo_site + MODULE_1_PATH  # in place: the page did not change
    box, anchor = definition.bounding_box(), term.bounding_box()
    assert abs(box["y"] - (anchor["y"] + anchor["height"])) < 40  # next to the word
    assert_accessible(page, "module 1 with a glossary definition open")

    page.keyboard.press("Escape")
    expect(definition).to_be_hidden()
    expect(term).to_have_attribute("aria-expanded", "false")

    term.focus()
    page.keyboard.press("Enter")
    expect(definition).to_be_visible()
    page.keyboard.press("Tab")
    expect(definition.get_by_role("link", name="Full entry in the glossary")).to_be_focused()
    page.keyboard.press("Tab")
    close = definition.get_by_role("button", name="Close")
    expect(close).to_be_focused()
    page.keyboard.press("Enter")
    expect(definition).to_be_hidden()

    page.set_viewport_size(PHONE)
    term.click()
    expect(definition).to_be_visible()
    box = definition.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert_accessible(page, "module 1 with a glossary definition open, at phone width")


def test_without_script_a_glossary_term_leads_to_its_entry(demo_site, learner, browser):
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        sign_in(context, learner, demo_site)
        page.goto(demo_site + MODULE_1_PATH)
        page.get_by_role("link", name="migrant smuggling").click()
        expect(page).to_have_url(re.compile(re.escape(GLOSSARY_PATH) + r"#term-[0-9a-f-]+$"))
        entry = page.locator(".glossary-entry:target")
        expect(entry.get_by_role("heading", level=2)).to_have_text("migrant smuggling")
        expect(entry.locator('[lang="fr"]', has_text="trafic de migrants")).to_be_visible()
        expect(entry.locator('[lang="nl"]', has_text="mensensmokkel")).to_be_visible()
    finally:
        context.close()


def test_the_glossary_page_searches_filters_and_has_no_serious_accessibility_problem(
    demo_site, page
):
    page.goto(demo_site + COURSE_PATH)
    page.get_by_role("link", name="Glossary").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Glossary")
    expect(page.get_by_text("40 terms.")).to_be_visible()
    assert_accessible(page, "the glossary")
    page.set_viewport_size(PHONE)
    assert_accessible(page, "the glossary at phone width")
    page.set_viewport_size(DESKTOP)

    page.get_by_label("Search the glossary").fill("prostitu")
    page.get_by_label("French").check()
    page.get_by_label("Dutch").check()
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("1 term of 40 found.")).to_be_visible()
    entry = page.locator(".glossary-entry")
    expect(entry.locator('[lang="fr"]', has_text="enfant prostitué")).to_be_visible()
    expect(entry.locator('[lang="nl"]', has_text="kinderprostituee")).to_be_visible()
    expect(entry.locator('[lang="en"]')).to_have_count(0)
    assert_accessible(page, "the glossary, searched in French and Dutch")

    with page.expect_download() as download:
        page.get_by_role("link", name="download as TBX").click()
    assert download.value.suggested_filename.endswith("-glossary.tbx")
