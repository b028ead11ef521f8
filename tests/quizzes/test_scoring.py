from decimal import Decimal

import pytest

from quizzes.scoring import score_attempt, score_question


def q(kind, qid="q1", points=1, **value):
    return {"id": qid, "type": kind, "value": {"points": points, **value}}


def choices(*flags):
    return [{"id": f"c{n}", "text": f"C{n}", "correct": flag} for n, flag in enumerate(flags)]


SINGLE = q("single_choice", choices=choices(False, True, False))
MULTI_ALL = q("multiple_choice", points=2, scoring="all_or_nothing", choices=choices(1, 1, 0, 0))
MULTI_PROP = q("multiple_choice", points=2, scoring="proportional", choices=choices(1, 1, 0, 0))
TF = q("true_false", answer=False)
ITEMS = [{"id": f"i{n}", "text": f"I{n}"} for n in range(4)]
ORDER_ALL = q("ordering", points=3, scoring="all_or_nothing", items=ITEMS)
ORDER_EACH = q("ordering", points=1, scoring="per_item", items=ITEMS)
PAIRS = [{"id": f"p{n}", "left": f"L{n}", "right": f"R{n}"} for n in range(3)]
MATCH = q("matching", points=1, pairs=PAIRS)
REFLECT = q("reflection", points=0)


def score(question, answer):
    return score_question(question, answer).score


@pytest.mark.parametrize(
    "question, answer, expected",
    [
        (SINGLE, "c1", "1.00"),
        (SINGLE, "c0", "0.00"),
        (SINGLE, None, "0.00"),
        (SINGLE, "c9", "0.00"),  # not one of its choices
        (MULTI_ALL, ["c0", "c1"], "2.00"),
        (MULTI_ALL, ["c1", "c0", "c1"], "2.00"),  # the same choice twice counts once
        (MULTI_ALL, ["c0"], "0.00"),
        (MULTI_ALL, ["c0", "c1", "c2"], "0.00"),
        (MULTI_PROP, ["c0"], "1.00"),  # half the right picks
        (MULTI_PROP, ["c0", "c1"], "2.00"),
        (MULTI_PROP, ["c0", "c1", "c2"], "1.00"),  # one wrong pick of two costs half
        (MULTI_PROP, ["c0", "c2", "c3"], "0.00"),  # never below zero
        (MULTI_PROP, ["c0", "c0"], "1.00"),
        (MULTI_PROP, ["c0", "other-question-choice"], "1.00"),  # foreign ids count for nothing
        (MULTI_PROP, [], "0.00"),
        (TF, False, "1.00"),
        (TF, True, "0.00"),
        (TF, None, "0.00"),
        (ORDER_ALL, ["i0", "i1", "i2", "i3"], "3.00"),
        (ORDER_ALL, ["i1", "i0", "i2", "i3"], "0.00"),
        (ORDER_EACH, ["i0", "i1", "i3", "i2"], "2.00"),  # two in their place
        (ORDER_EACH, ["i3", "i2", "i1", "i0"], "0.00"),
        (ORDER_EACH, None, "0.00"),
        (MATCH, {"p0": "p0", "p1": "p1", "p2": "p2"}, "3.00"),
        (MATCH, {"p0": "p0", "p1": "p2", "p2": "p1"}, "1.00"),  # one point per right pair
        (MATCH, {"p0": "p0", "p1": "p0", "p2": "p0"}, "1.00"),  # one answer given to all
        (MATCH, {}, "0.00"),
        (REFLECT, "My thoughts", "0.00"),
    ],
)
def test_each_kind_scores_as_documented(question, answer, expected):
    assert score(question, answer) == Decimal(expected)


def test_maxima_follow_the_scoring_mode():
    assert score_question(ORDER_EACH, None).max_score == Decimal("4.00")
    assert score_question(ORDER_ALL, None).max_score == Decimal("3.00")
    assert score_question(MATCH, None).max_score == Decimal("3.00")
    assert score_question(REFLECT, "x").max_score == Decimal("0.00")


def test_correct_flag_and_answered():
    assert score_question(SINGLE, "c1").correct is True
    assert score_question(MULTI_PROP, ["c0"]).correct is False
    assert score_question(REFLECT, "text").correct is None
    assert score_question(REFLECT, "   ").answered is False
    assert score_question(SINGLE, None).answered is False


def test_attempt_total_percent_and_pass_mark():
    questions = [SINGLE, {**MULTI_PROP, "id": "q2"}, {**TF, "id": "q3"}]
    result = score_attempt(questions, {"q1": "c1", "q2": ["c0"], "q3": True}, pass_mark=50)
    assert (result.score, result.max_score) == (Decimal("2.00"), Decimal("4.00"))
    assert result.percent == Decimal("50.00")
    assert result.passed is True
    assert score_attempt(questions, {"q1": "c1"}, pass_mark=50).passed is False


def test_a_quiz_of_reflections_alone_is_passed_when_submitted():
    result = score_attempt([REFLECT], {"q1": "What I learned."}, pass_mark=80)
    assert result.passed is True
    assert result.percent == Decimal("100.00")
    assert score_attempt([REFLECT], {"q1": ""}, pass_mark=80).passed is False
