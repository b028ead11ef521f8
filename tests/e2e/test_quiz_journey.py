"""A learner takes quizzes by keyboard alone: fails, reads the feedback, tries again, passes."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from modules.models import ModulePage
from tests.e2e.conftest import (
    COURSE_PATH,
    LEARNER_EMAIL,
    MODULE_1_PATH,
    SUBMIT,
    assert_accessible,
    plain,
    quiz_answers,
    quiz_form,
    sign_in,
)

pytestmark = pytest.mark.e2e

MODULE_1 = "what-is-child-trafficking"
# Feedback from modules/demo/data/en/quizzes/ that the wrong answers below bring up (review: full).
FEEDBACK_WRONG_CHOICE = "The act is still needed: it is what links the person to the exploitation."
FEEDBACK_TRUE = "It is easy to think so, but a child's apparent consent does not count"
GENERAL_FEEDBACK = "For a child, recruiting, moving or holding them in order to exploit them"


def is_focused(locator):
    return locator.evaluate("element => element === document.activeElement")


def tab_to(page, locator, limit):
    """Press Tab until `locator` has the focus, as a keyboard user would, at most `limit` times."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if is_focused(locator):
            return
    active = page.evaluate("document.activeElement.outerHTML.slice(0, 200)")
    pytest.fail(f"{limit} presses of Tab did not reach {locator}; the focus is on {active}")


def answer_by_keyboard(page, answers):
    """Answer the quiz form with the keyboard alone, from its first control to the submit button.

    The focus must be on the form's first control. Each step checks where the focus is, so the
    walk fails as soon as the keyboard order differs from the order of the questions.
    """
    form = quiz_form(page)
    questions = form.locator("fieldset.question")
    for index in range(questions.count()):
        question = questions.nth(index)
        kind, answer = answers[plain(question.locator(".question__prompt").inner_text())]
        if kind in ("single_choice", "true_false"):
            # A radio group is one tab stop: Space picks the first choice, arrows move and pick.
            radios = question.get_by_role("radio")
            labels = [plain(text) for text in question.locator(".choice label").all_inner_texts()]
            wanted = labels.index(answer)
            expect(radios.first).to_be_focused()
            if wanted == 0:
                page.keyboard.press("Space")
            for _ in range(wanted):
                page.keyboard.press("ArrowDown")
            expect(radios.nth(wanted)).to_be_focused()
            expect(radios.nth(wanted)).to_be_checked()
        elif kind == "multiple_choice":
            boxes = question.get_by_role("checkbox")
            labels = [plain(text) for text in question.locator(".choice label").all_inner_texts()]
            for box_index, label in enumerate(labels):
                box = boxes.nth(box_index)
                expect(box).to_be_focused()
                if label in answer:
                    page.keyboard.press("Space")
                expect(box).to_be_checked(checked=label in answer)
                if box_index < len(labels) - 1:
                    page.keyboard.press("Tab")
        elif kind in ("ordering", "matching"):
            selects = question.get_by_role("combobox")
            rows = question.locator(".question__row label").all_inner_texts()
            for row_index, label in enumerate(rows):
                select = selects.nth(row_index)
                expect(select).to_be_focused()
                option = answer[plain(label)]
                if kind == "ordering":
                    # Type-ahead: typing the position picks it.
                    page.keyboard.type(option)
                else:
                    options = [plain(text) for text in select.locator("option").all_inner_texts()]
                    for _ in range(options.index(option)):
                        page.keyboard.press("ArrowDown")
                expect(select.locator("option:checked")).to_have_text(option)
                if row_index < len(rows) - 1:
                    page.keyboard.press("Tab")
        else:
            textarea = question.get_by_role("textbox")
            expect(textarea).to_be_focused()
            page.keyboard.type(answer)
            expect(textarea).to_have_value(answer)
        page.keyboard.press("Tab")
    submit = form.get_by_role("button", name=SUBMIT)
    expect(submit).to_be_focused()
    page.keyboard.press("Enter")


def quiz_anchor(slug):
    """The fragment of the module's quiz: its id counts on across tests, so ask the database."""
    return f"quiz-{ModulePage.objects.get(slug=slug).quizzes()[0].pk}"


def review_item(page, prompt_start):
    return page.locator(".review__item").filter(has_text=prompt_start)


def test_learner_fails_then_passes_a_quiz_with_the_keyboard_alone(demo_site, page):
    learner = get_user_model().objects.get(email=LEARNER_EMAIL)
    sign_in(page.context, learner, demo_site)
    module_url = demo_site + MODULE_1_PATH
    anchor = quiz_anchor(MODULE_1)

    # The quiz closes the module: a link to its anchor puts the keyboard at its start.
    page.goto(f"{module_url}#{anchor}")
    quiz = page.locator(f"#{anchor}")
    expect(quiz.get_by_role("heading", level=2)).to_be_visible()
    first_control = quiz_form(page).get_by_role("radio").first
    assert_accessible(page, "module 1 with its quiz form")
    tab_to(page, first_control, limit=1)

    answer_by_keyboard(page, quiz_answers(MODULE_1, right=False))

    expect(page).to_have_url(re.compile(r"/quiz/attempts/\d+/$"))
    expect(page.locator(".result__verdict")).to_have_text("Not passed yet")
    expect(page.get_by_text("You scored 0 out of 6 (0%). The pass mark is 70%.")).to_be_visible()
    # Full review: each picked choice with its feedback, the right answer and the explanation.
    first = review_item(page, "EU law builds the trafficking offence")
    expect(first.locator(".review__status")).to_have_text(
        re.compile(r"^\s*Not right\s*·\s*0 of 1 points\s*$")
    )
    expect(first.locator(".review__line.is-wrong")).to_contain_text(FEEDBACK_WRONG_CHOICE)
    expect(first.locator(".review__line", has_text="Right answer")).to_contain_text(
        "The means (threats, force, deception, abuse of vulnerability)"
    )
    expect(first.locator(".review__general")).to_contain_text(GENERAL_FEEDBACK)
    true_false = review_item(page, "a 15-year-old who says she agreed")
    expect(true_false.locator(".review__line.is-wrong")).to_contain_text(FEEDBACK_TRUE)
    assert_accessible(page, "the result page of a failed attempt")

    # Try again, with the keyboard: back to the quiz, whose panel now recalls the last score.
    try_again = page.get_by_role("link", name="Try again")
    tab_to(page, try_again, limit=40)
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{module_url}#{anchor}")
    expect(quiz.get_by_role("status")).to_contain_text("You have not passed this quiz yet.")
    last_result = quiz.get_by_role("link", name="See your last result")
    tab_to(page, last_result, limit=1)
    tab_to(page, quiz_form(page).get_by_role("radio").first, limit=1)

    answer_by_keyboard(page, quiz_answers(MODULE_1, right=True))

    expect(page.locator(".result__verdict")).to_have_text("Passed")
    expect(page.get_by_text("You scored 6 out of 6 (100%).")).to_be_visible()
    expect(review_item(page, "EU law builds the trafficking offence")).to_contain_text(
        "Correct. A child cannot be expected to resist"
    )
    assert_accessible(page, "the result page of a passed attempt")
    page.get_by_role("link", name="Back to the module").click()
    expect(page.get_by_text("You have completed this module.")).to_be_visible()


# Module 2's quiz matches items, module 3's puts them in order; both are open to `learner`.
SELECT_QUESTIONS = {
    "matching": ("rights-and-law", "Match each legal instrument with what it covers."),
    "ordering": ("interviewing-children", "Put the phases of an interview following the NICHD"),
}


@pytest.mark.parametrize("kind", list(SELECT_QUESTIONS))
def test_learner_answers_a_question_of_dropdowns_with_the_keyboard(demo_site, learner, page, kind):
    slug, prompt_start = SELECT_QUESTIONS[kind]
    sign_in(page.context, learner, demo_site)
    page.goto(f"{demo_site}{COURSE_PATH}{slug}/#{quiz_anchor(slug)}")
    form = quiz_form(page)
    first_question = form.locator("fieldset.question").first
    tab_to(page, first_question.locator("input, select, textarea").first, limit=1)

    answer_by_keyboard(page, quiz_answers(slug, right=True))

    expect(page.locator(".result__verdict")).to_have_text("Passed")
    row = review_item(page, prompt_start)
    expect(row.locator(".review__status")).to_have_text(
        re.compile(r"^\s*Right\s*·\s*(\d+) of \1 points\s*$")
    )
