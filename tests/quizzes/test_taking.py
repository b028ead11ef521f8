import json
import re
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quizzes.models import QuizAttempt
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


def right_answers(quiz, token):
    """POST data answering every question right."""
    data = {"token": token}
    for question in quiz.question_data():
        qid, kind, value = question["id"], question["type"], question["value"]
        if kind == "single_choice":
            data[f"q_{qid}"] = next(c["id"] for c in value["choices"] if c["correct"])
        elif kind == "multiple_choice":
            data[f"q_{qid}"] = [c["id"] for c in value["choices"] if c["correct"]]
        elif kind == "true_false":
            data[f"q_{qid}"] = "true" if value["answer"] else "false"
        elif kind == "ordering":
            for position, item in enumerate(value["items"], start=1):
                data[f"q_{qid}__{item['id']}"] = str(position)
        elif kind == "matching":
            for pair in value["pairs"]:
                data[f"q_{qid}__{pair['id']}"] = pair["id"]
        elif kind == "reflection":
            data[f"q_{qid}"] = "I would ask for a briefing."
    return data


def open_quiz(client, module, learner):
    client.force_login(learner)
    response = client.get(module.url)
    assert response.status_code == 200
    return response.content.decode()


def submit_url(module, quiz):
    return module.url + f"quiz/{quiz.pk}/"


class FormText(HTMLParser):
    """Everything inside the quiz form: attribute names and values, and text."""

    def __init__(self):
        super().__init__()
        self.inside = 0
        self.seen = []

    def handle_starttag(self, tag, attrs):
        if tag == "form" and ("class", "quiz-form") in attrs:
            self.inside += 1
        if self.inside:
            self.seen.append(tag)
            for name, value in attrs:
                self.seen.extend([name, value or ""])

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside -= 1

    def handle_data(self, data):
        if self.inside:
            self.seen.append(data)


def test_the_form_carries_nothing_about_the_right_answers(client, setup):
    module, quiz, learner = setup
    html = open_quiz(client, module, learner)
    parser = FormText()
    parser.feed(html)
    form_text = " ".join(parser.seen).lower()
    assert "fieldset" in form_text and "the means" in form_text  # the form is there
    for word in ("correct", "right answer", "feedback", "points", "score"):
        assert word not in form_text, word
    for question in quiz.question_data():
        value = question["value"]
        secrets = [c["feedback"] for c in value.get("choices", [])]
        secrets += [value.get("feedback_true", ""), value.get("feedback_false", "")]
        for secret in filter(None, secrets):
            assert secret not in html, secret
        if question["type"] == "ordering":
            shown = re.findall(r'<label for="id_q_[^"]+__[^"]+">([^<]+)</label>', html)
            items = [item["text"] for item in value["items"]]
            assert [s for s in shown if s in items] != items  # not shown in the right order


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
    response = client.post(submit_url(module, quiz), {**right_answers(quiz, "forged"), "x": 1})
    assert response.status_code == 400
    assert QuizAttempt.objects.count() == 0


def _question(quiz, kind):
    return next(q for q in quiz.question_data() if q["type"] == kind)


@pytest.mark.parametrize(
    "mutate, status, message",
    [
        ("missing", 200, "Please answer this question."),
        ("unknown_choice", 400, "not one of this question"),
        ("foreign_choice", 400, "not one of this question"),
        ("not_a_permutation", 400, "Give each item a different position"),
        ("non_numeric", 400, "not one of this question"),
        ("unknown_match", 400, "not one of this question"),
    ],
)
def test_bad_answers_get_a_message_and_store_nothing(client, setup, mutate, status, message):
    module, quiz, learner = setup
    data = right_answers(quiz, token_from(open_quiz(client, module, learner)))
    single = _question(quiz, "single_choice")
    multi = _question(quiz, "multiple_choice")
    ordering = _question(quiz, "ordering")
    matching = _question(quiz, "matching")
    if mutate == "missing":
        del data[f"q_{single['id']}"]
    elif mutate == "unknown_choice":
        data[f"q_{single['id']}"] = "no-such-choice"
    elif mutate == "foreign_choice":
        data[f"q_{single['id']}"] = multi["value"]["choices"][0]["id"]
    elif mutate == "not_a_permutation":
        for item in ordering["value"]["items"]:
            data[f"q_{ordering['id']}__{item['id']}"] = "1"
    elif mutate == "non_numeric":
        data[f"q_{ordering['id']}__{ordering['value']['items'][0]['id']}"] = "first"
    elif mutate == "unknown_match":
        data[f"q_{matching['id']}__{matching['value']['pairs'][0]['id']}"] = "nope"
    response = client.post(submit_url(module, quiz), data)
    assert response.status_code == status
    assert message in response.content.decode()
    assert QuizAttempt.objects.count() == 0


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
