"""In French, a click on a transcript turn seeks to where the turn starts, to the hundredth."""

import re

import pytest
from playwright.sync_api import expect

from modules.demo.loader import read_demo
from tests.e2e.conftest import demo_in, sign_in

pytestmark = pytest.mark.e2e

# The excerpt with audio in module 3, and its first turn that starts between two seconds.
SEGMENTS = read_demo().excerpts["tam_open_questions"].segments
TURN = next(index for index, segment in enumerate(SEGMENTS) if segment["start"] % 1)
START = float(SEGMENTS[TURN]["start"])
FRENCH = demo_in("fr")
MODULE_3_IN_FRENCH = f"/fr/{FRENCH.course.fields['slug']}/{FRENCH.modules[2].fields['slug']}/"


def test_a_turn_plays_from_its_start_in_french(demo_site, learner, page):
    sign_in(page.context, learner, demo_site)
    page.goto(demo_site + MODULE_3_IN_FRENCH)
    expect(page.locator("html")).to_have_attribute("lang", "fr")

    figure = page.locator("[data-excerpt]").filter(has=page.locator("audio"))
    page.locator("details").filter(has=figure).locator("summary").click()
    segment = figure.locator(".segment").nth(TURN)
    expect(segment).to_contain_text(SEGMENTS[TURN]["text"])
    audio = figure.locator("audio")
    # Where the player lands, read when the seek is done (playback moves on after that).
    audio.evaluate(
        """audio => {
            audio.seekedTo = null;
            audio.addEventListener("seeked", () => { audio.seekedTo = audio.currentTime; },
                                   { once: true });
        }"""
    )
    segment.locator("button.segment__play").click()
    page.wait_for_function("audio => audio.seekedTo !== null", arg=audio.element_handle())
    landed = audio.evaluate("audio => audio.seekedTo")
    assert abs(landed - START) <= 0.05, (
        f"the player landed at {landed} s, the turn starts at {START} s"
    )
    expect(segment).to_have_class(re.compile(r"\bis-current\b"))
