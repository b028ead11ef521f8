import json
import re
import uuid
from types import SimpleNamespace

import pytest
from django import forms
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils.datastructures import MultiValueDict
from django.utils.html import escape

from quizzes import tokens
from quizzes.forms import quiz_form
from quizzes.models import QuizAttempt
from quizzes.questions import KINDS
from tests import factories


@pytest.fixture
def setup(db, catalogue):
    course = factories.make_course(catalogue)
    quiz = factories.make_quiz()
    module = factories.make_module(
        course, body=[factories.paragraph("<p>Read this.</p>"), factories.quiz_block(quiz)]
    )
    learner = factories.make_user()
    return module, quiz, learner


def token_from(html):
    return re.search(r'name="token" value="([^"]+)"', html).group(1)


def option(field, label):
    """The value of the option a learner picks by its label."""
    return next(value for value, text in field.field.choices if str(text) == label)


def right_answers(quiz, token):
    """POST data answering every question right, each option picked by its label."""
    data = {"token": token}
    for question, fields, _errors in quiz_form(quiz, token).bound_questions():
        kind, value = question["type"], question["value"]
        field = fields[0]
        if kind == "single_choice":
            right = next(c["text"] for c in value["choices"] if c["correct"])
            data[field.html_name] = option(field, right)
        elif kind == "multiple_choice":
            rights = [c["text"] for c in value["choices"] if c["correct"]]
            data[field.html_name] = [option(field, text) for text in rights]
        elif kind == "true_false":
            data[field.html_name] = option(field, "True" if value["answer"] else "False")
        elif kind == "ordering":
            positions = {item["text"]: n for n, item in enumerate(value["items"], start=1)}
            for field in fields:
                data[field.html_name] = option(field, str(positions[field.label]))
        elif kind == "matching":
            matches = {pair["left"]: pair["right"] for pair in value["pairs"]}
            for field in fields:
                data[field.html_name] = option(field, matches[field.label])
        elif kind == "reflection":
            data[field.html_name] = "I would ask for a briefing."
    return data


def fields_of(quiz, token, kind):
    """The form fields of the quiz's question of this kind, as the token's form has them."""
    return next(
        fields
        for question, fields, _errors in quiz_form(quiz, token).bound_questions()
        if question["type"] == kind
    )


def open_quiz(client, module, learner):
    client.force_login(learner)
    response = client.get(module.url)
    assert response.status_code == 200
    return response.content.decode()


def submit_url(module, quiz):
    return module.url + f"quiz/{quiz.pk}/"


FIXED_NONCE = uuid.UUID("00000000-0000-4000-8000-000000000005")


def quiz_form_html(html):
    """The quiz form's markup, with what changes on every rendering (the tokens) taken out."""
    form = re.search(r'<form [^>]*class="quiz-form".*?</form>', html, re.S).group(0)
    return re.sub(r'(name="(?:token|csrfmiddlewaretoken)" value=)"[^"]*"', r'\1""', form)


def other_right_answers(stream):
    """The same questions, items and texts, with every right answer and feedback changed.

    What a trainer does in the editor: ticks other choices, flips a statement, moves the
    items of an ordering, pairs the matches differently; every id stays where it was.
    """
    for block in stream:
        kind, value = block["type"], block["value"]
        value["feedback"] = f"Changed general feedback {block['id']}"
        if kind in ("single_choice", "multiple_choice"):
            choices = [item["value"] for item in value["choices"]]
            flags = [choice["correct"] for choice in choices]
            flags = flags[-1:] + flags[:-1] if kind == "single_choice" else [not f for f in flags]
            for number, (choice, flag) in enumerate(zip(choices, flags, strict=True)):
                choice["correct"] = flag
                choice["feedback"] = f"Changed feedback {number}"
        elif kind == "true_false":
            value["answer"] = not value["answer"]
            value["feedback_true"], value["feedback_false"] = "Changed true", "Changed false"
        elif kind == "ordering":
            value["items"] = value["items"][::-1]
        elif kind == "matching":
            rights = [item["value"]["right"] for item in value["pairs"]]
            for item, right in zip(value["pairs"], rights[1:] + rights[:1], strict=True):
                item["value"]["right"] = right
    return stream


@pytest.mark.parametrize("shuffle_questions", [False, True])
def test_the_form_is_the_same_whatever_the_right_answers(
    client, setup, monkeypatch, shuffle_questions
):
    """Nothing in the form of any kind tells what is right: change every right answer and
    feedback, render the quiz again for the same attempt (same shuffle), get the same form."""
    module, quiz, learner = setup
    quiz.shuffle_questions = shuffle_questions
    quiz.save()
    monkeypatch.setattr(tokens, "uuid", SimpleNamespace(uuid4=lambda: FIXED_NONCE, UUID=uuid.UUID))
    first = open_quiz(client, module, learner)
    first_right = right_answers(quiz, token_from(first))
    kinds = re.findall(r'<fieldset class="question question--(\w+)"', first)
    assert sorted(kinds) == sorted(KINDS)

    quiz.questions = json.dumps(other_right_answers(quiz.questions.get_prep_value()))
    quiz.save()
    second = client.get(module.url).content.decode()

    assert quiz_form_html(second) == quiz_form_html(first)
    # The change is real: what was right in the first version is wrong in the second.
    response = client.post(submit_url(module, quiz), {**first_right, "token": token_from(second)})
    attempt = QuizAttempt.objects.get()
    assert attempt.percent == 0
    assert {r["correct"] for r in attempt.results} == {False, None}  # None: the reflection
    # The review reads back what was answered.
    review = client.get(response["Location"]).content.decode()
    picked = re.findall(r'<li class="review__line is-picked[^"]*">(.*?)</li>', review, re.S)
    picked = " | ".join(" ".join(re.sub(r"<[^>]+>", " ", line).split()) for line in picked)
    for answered in ("The means", "Forced begging", "False", "1. Introduction", "voogd → guardian"):
        assert answered in picked, (answered, picked)
    assert "Crossing a border" not in picked


def test_a_match_that_two_items_share_is_offered_once_and_right_for_both(client, catalogue):
    pairs = [
        {"left": "Palermo Protocol", "right": "International law"},
        {"left": "Lanzarote Convention", "right": "International law"},
        {"left": "Directive 2011/36/EU", "right": "EU law"},
    ]
    quiz = factories.make_quiz(questions=[factories.question("matching", pairs=pairs)])
    module = factories.make_module(
        factories.make_course(catalogue), body=[factories.quiz_block(quiz)]
    )
    html = open_quiz(client, module, factories.make_user())
    options = re.findall(r"<option value=\"[^\"]+\">([^<]+)</option>", quiz_form_html(html))
    assert sorted(options) == sorted(["International law", "EU law"] * 3)
    response = client.post(submit_url(module, quiz), right_answers(quiz, token_from(html)))
    assert response.status_code == 302
    assert QuizAttempt.objects.get().percent == 100


def test_a_right_attempt_is_stored_scored_and_shown(client, setup):
    module, quiz, learner = setup
    token = token_from(open_quiz(client, module, learner))
    response = client.post(submit_url(module, quiz), right_answers(quiz, token))
    assert response.status_code == 302
    attempt = QuizAttempt.objects.get()
    assert (attempt.learner, attempt.quiz, attempt.module_id) == (learner, quiz, module.pk)
    assert attempt.passed and attempt.percent == 100
    assert attempt.max_score == 11  # 1 + 2 + 1, 4 items and 3 pairs at 1 each, reflection 0
    result = client.get(response["Location"])
    html = result.content.decode()
    assert "Passed" in html
    assert "Right: for children the means are not needed." in html  # feedback after submitting
    assert "I would ask for a briefing." in html


def test_the_same_token_twice_stores_one_attempt_and_shows_the_same_result(client, setup):
    module, quiz, learner = setup
    data = right_answers(quiz, token_from(open_quiz(client, module, learner)))
    first = client.post(submit_url(module, quiz), data)
    second = client.post(submit_url(module, quiz), data)
    assert QuizAttempt.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_attempt_limit_is_enforced_on_the_server(client, setup):
    module, quiz, learner = setup
    quiz.attempts_allowed = 1
    quiz.save()
    first_token = token_from(open_quiz(client, module, learner))
    second_token = token_from(client.get(module.url).content.decode())  # an older open tab
    client.post(submit_url(module, quiz), right_answers(quiz, first_token))
    response = client.post(submit_url(module, quiz), right_answers(quiz, second_token))
    assert response.status_code == 302
    assert QuizAttempt.objects.count() == 1
    page = client.get(module.url).content.decode()
    assert "You have used every attempt this quiz allows" in page
    assert 'name="token"' not in page


def test_a_token_from_another_learner_or_quiz_is_refused(client, setup, catalogue):
    module, quiz, learner = setup
    other_quiz = factories.make_quiz(title="Another quiz")
    other = factories.make_user(email="other@example.test")
    token = token_from(open_quiz(client, module, learner))
    client.force_login(other)
    response = client.post(submit_url(module, quiz), right_answers(quiz, token))
    assert response.status_code == 400
    assert "does not belong to you" in response.content.decode()
    client.force_login(learner)
    response = client.post(submit_url(module, other_quiz), right_answers(other_quiz, token))
    assert response.status_code == 404  # that quiz is not on this page
    forged = {**right_answers(quiz, token), "token": "forged", "x": 1}
    response = client.post(submit_url(module, quiz), forged)
    assert response.status_code == 400
    assert QuizAttempt.objects.count() == 0


@pytest.mark.parametrize(
    "mutate, status, message",
    [
        ("missing", 200, "Please answer this question."),
        ("another_attempts_sheet", 200, "Please answer this question."),
        ("unknown_choice", 400, "not one of this question"),
        ("the_choice_id_itself", 400, "not one of this question"),
        ("foreign_choice", 400, "not one of this question"),
        ("another_attempts_choice", 400, "not one of this question"),
        ("unknown_statement", 400, "not one of this question"),
        ("not_a_permutation", 400, "Give each item a different position"),
        ("non_numeric", 400, "not one of this question"),
        ("unknown_match", 400, "not one of this question"),
        ("the_pair_id_itself", 400, "not one of this question"),
    ],
)
def test_bad_answers_get_a_message_and_store_nothing(client, setup, mutate, status, message):
    module, quiz, learner = setup
    token = token_from(open_quiz(client, module, learner))
    other_token = token_from(client.get(module.url).content.decode())
    data = right_answers(quiz, token)
    single = fields_of(quiz, token, "single_choice")[0].html_name
    multi = fields_of(quiz, token, "multiple_choice")[0].html_name
    statement = fields_of(quiz, token, "true_false")[0].html_name
    ordering = fields_of(quiz, token, "ordering")
    matching = fields_of(quiz, token, "matching")
    single_question = next(q for q in quiz.question_data() if q["type"] == "single_choice")
    matching_question = next(q for q in quiz.question_data() if q["type"] == "matching")
    if mutate == "missing":
        del data[single]
    elif mutate == "another_attempts_sheet":
        data = {**right_answers(quiz, other_token), "token": token}
    elif mutate == "unknown_choice":
        data[single] = "no-such-choice"
    elif mutate == "the_choice_id_itself":
        data[single] = next(c["id"] for c in single_question["value"]["choices"] if c["correct"])
    elif mutate == "foreign_choice":
        data[single] = data[multi][0]
    elif mutate == "another_attempts_choice":
        other_single = fields_of(quiz, other_token, "single_choice")[0].html_name
        data[single] = right_answers(quiz, other_token)[other_single]
    elif mutate == "unknown_statement":
        data[statement] = "true"
    elif mutate == "not_a_permutation":
        for field in ordering:
            data[field.html_name] = option(field, "1")
    elif mutate == "non_numeric":
        data[ordering[0].html_name] = "first"
    elif mutate == "unknown_match":
        data[matching[0].html_name] = "nope"
    elif mutate == "the_pair_id_itself":
        data[matching[0].html_name] = matching_question["value"]["pairs"][0]["id"]
    response = client.post(submit_url(module, quiz), data)
    assert response.status_code == status
    assert message in response.content.decode()
    assert QuizAttempt.objects.count() == 0
    # The answer sheet can still be sent right, once.
    for _ in range(2):
        client.post(submit_url(module, quiz), right_answers(quiz, token))
    assert QuizAttempt.objects.get().percent == 100


def test_a_ten_megabyte_body_is_refused_without_an_error_page(client, setup):
    module, quiz, learner = setup
    data = right_answers(quiz, token_from(open_quiz(client, module, learner)))
    data["padding"] = "x" * (10 * 1024 * 1024)
    response = client.post(submit_url(module, quiz), data)
    assert response.status_code == 400
    assert QuizAttempt.objects.count() == 0


def test_signed_out_visitors_are_asked_to_sign_in(client, setup):
    module, quiz, _learner = setup
    assert client.get(module.url).status_code == 302
    response = client.post(submit_url(module, quiz), {"token": "x"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_editing_the_quiz_never_changes_an_earlier_attempt(client, setup):
    module, quiz, learner = setup
    token = token_from(open_quiz(client, module, learner))
    response = client.post(submit_url(module, quiz), right_answers(quiz, token))
    before = client.get(response["Location"]).content.decode()
    stream = quiz.questions.get_prep_value()
    stream[0]["value"]["prompt"] = "<p>A reworded question</p>"
    for choice in stream[0]["value"]["choices"]:
        choice["value"]["correct"] = not choice["value"]["correct"]
    quiz.questions = json.dumps(stream)
    quiz.review_policy = "score"
    quiz.save()
    after = client.get(response["Location"]).content.decode()
    assert "Which element need not be proven for a child?" in after
    assert "A reworded question" not in after
    assert QuizAttempt.objects.get().percent == 100
    assert before.count("Right answer") == after.count("Right answer")


def test_nobody_sees_another_learners_result(client, setup):
    module, quiz, learner = setup
    token = token_from(open_quiz(client, module, learner))
    location = client.post(submit_url(module, quiz), right_answers(quiz, token))["Location"]
    client.force_login(factories.make_user(email="nosy@example.test"))
    assert client.get(location).status_code == 404


def test_module_page_queries_do_not_grow_with_quizzes(client, catalogue):
    course = factories.make_course(catalogue)
    learner = factories.make_user()
    quizzes = [factories.make_quiz(title=f"Quiz {n}") for n in range(4)]
    one = factories.make_module(course, slug="one", body=[factories.quiz_block(quizzes[0])])
    four = factories.make_module(
        course, slug="four", body=[factories.quiz_block(q) for q in quizzes]
    )
    client.force_login(learner)
    client.get(one.url)
    client.get(four.url)
    with CaptureQueriesContext(connection) as one_queries:
        client.get(one.url)
    with CaptureQueriesContext(connection) as four_queries:
        html = client.get(four.url).content.decode()
    assert html.count('class="quiz-form"') == 4
    assert len(four_queries) == len(one_queries)


def _questions(count):
    """`count` questions, cycling through every kind."""
    kinds = factories.every_kind_of_question()
    return [kinds[n % len(kinds)] for n in range(count)]


def test_a_submission_costs_the_same_queries_for_5_or_40_questions(client, catalogue):
    """Reading, scoring and storing an attempt costs no query per question: a quiz of 5 and
    one of 40 (every kind) cost the same, on a first attempt (which completes the module
    and the course) and on a later one."""
    learner = factories.make_user()
    client.force_login(learner)
    counts = {}
    for size in (5, 40):
        course = factories.make_course(catalogue, title=f"Of {size}", slug=f"of-{size}")
        quiz = factories.make_quiz(title=f"Quiz of {size}", questions=_questions(size))
        module = factories.make_module(course, body=[factories.quiz_block(quiz)])
        for attempt in ("first", "later"):
            token = token_from(open_quiz(client, module, learner))
            data = right_answers(quiz, token)
            with CaptureQueriesContext(connection) as queries:
                response = client.post(submit_url(module, quiz), data)
            assert response.status_code == 302
            counts[size, attempt] = len(queries)
        assert QuizAttempt.objects.filter(quiz=quiz, percent=100).count() == 2
    assert counts[5, "first"] == counts[40, "first"]
    assert counts[5, "later"] == counts[40, "later"]


def test_a_quiz_edited_is_shown_and_scored_as_edited(client, setup):
    """What the module keeps of its quizzes between requests is forgotten when a quiz is
    saved: the next form shows the new question and the next attempt is scored on it."""
    module, quiz, learner = setup
    token = token_from(open_quiz(client, module, learner))
    client.post(submit_url(module, quiz), right_answers(quiz, token))
    stream = quiz.questions.get_prep_value()
    stream[0]["value"]["prompt"] = "<p>A reworded question</p>"
    quiz.questions = json.dumps(stream)
    quiz.save()
    html = open_quiz(client, module, learner)
    assert "A reworded question" in html
    response = client.post(submit_url(module, quiz), right_answers(quiz, token_from(html)))
    assert response.status_code == 302
    latest = QuizAttempt.objects.order_by("-pk").first()
    assert latest.percent == 100 and "A reworded question" in latest.questions[0]["value"]["prompt"]


def test_a_preview_shows_the_quiz_the_draft_places(client, setup, trainer):
    """A draft that places another quiz previews with that quiz's form, though the published
    module's quizzes are kept for learners."""
    module, quiz, learner = setup
    open_quiz(client, module, learner)  # the published module's quizzes are kept now
    other = factories.make_quiz(title="A quiz only the draft places")
    html = factories.preview_html(module, [factories.quiz_block(other)], by=trainer)
    assert "A quiz only the draft places" in html and quiz.title not in html
    assert quiz.title in open_quiz(client, module, learner)


def _between_tags(html):
    """Markup with the white space between tags taken out (it shows nothing)."""
    return re.sub(r">\s+<", "><", str(html)).strip()


def _some_answers(quiz, token):
    """A sheet half filled in: some questions left out, a value no control sends, a
    reflection with characters that need escaping."""
    right = right_answers(quiz, token)
    names = [name for name in right if name != "token"]
    data = MultiValueDict({k: v if isinstance(v, list) else [v] for k, v in right.items()})
    for name in names[::3]:
        del data[name]
    data.setlist(names[1], ['not "offered" <&>'])
    for name in names:
        if data.get(name) == "I would ask for a briefing.":
            data[name] = 'I would ask <b>"why"</b> & wait.'
    return data


@pytest.mark.parametrize("sheet", ["unsent", "empty", "half filled", "all right"])
def test_the_form_writes_every_input_as_djangos_widgets_render_it(setup, sheet):
    """The quiz form writes its inputs in its own template, and each is the markup Django's
    widget templates give (names, values, ids, what is checked or selected, `required`,
    `aria-invalid`, escaping): the hidden token, the radio buttons and check boxes, the
    selects and the text areas, before and after a submission with errors."""
    module, quiz, learner = setup
    token = tokens.make_token(quiz_id=quiz.pk, learner_id=learner.pk, module_id=module.pk)
    data = {
        "unsent": None,
        "empty": {"token": token},
        "half filled": _some_answers(quiz, token),
        "all right": right_answers(quiz, token),
    }[sheet]
    form = quiz_form(quiz, token, data)
    if data is not None:
        assert form.is_valid() is (sheet == "all right")
    html = _between_tags(
        render_to_string("quizzes/quiz_form.html", {"form": form, "submit_url": "/x/"})
    )
    expected = [str(form["token"])]
    for _question, fields, _errors in form.bound_questions():
        for field in fields:
            if isinstance(field.field.widget, forms.RadioSelect):  # check boxes too
                expected += [
                    f'{option.tag()} <label for="{option.id_for_label}">'
                    f"{escape(option.choice_label)}</label>"
                    for option in field
                ]
            else:
                expected.append(str(field))
    assert len(expected) > len(form.questions)
    for markup in expected:
        assert _between_tags(markup) in html
    if sheet == "half filled":
        assert "aria-invalid" in html and "&lt;b&gt;&quot;why&quot;&lt;/b&gt; &amp;" in html
    # What an input is described by is on the page: its question's list of errors.
    ids = set(re.findall(r' id="([^"]+)"', html))
    described_by = {i for v in re.findall(r'aria-describedby="([^"]+)"', html) for i in v.split()}
    assert described_by <= ids
    assert bool(described_by) is (sheet in ("empty", "half filled"))
