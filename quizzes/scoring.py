"""Scoring: plain functions of the questions (as shown) and the learner's answers.

Questions are plain dicts ``{"id", "type", "value"}`` as `Quiz.question_data()`
and attempt snapshots give them: choices, items and pairs carry their own ids.
Answers are already cleaned by the form, one per question id:

- single_choice: a choice id, or None
- multiple_choice: a list of choice ids
- true_false: True, False, or None
- ordering: the item ids in the learner's order, or None
- matching: {pair id of the item: pair id of the chosen match}
- reflection: the text

Anything that does not belong to the question (another question's choice, an
unknown id) earns nothing and costs nothing; the form refuses it before this.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0")


def _money(value) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class QuestionResult:
    question_id: str
    kind: str
    score: Decimal
    max_score: Decimal
    answered: bool
    correct: bool | None  # None: not scored automatically (reflection)

    def as_dict(self):
        return {
            "question_id": self.question_id,
            "kind": self.kind,
            "score": str(self.score),
            "max_score": str(self.max_score),
            "answered": self.answered,
            "correct": self.correct,
        }


@dataclass(frozen=True)
class AttemptResult:
    questions: list[QuestionResult]
    score: Decimal
    max_score: Decimal
    percent: Decimal
    passed: bool


def max_score(question) -> Decimal:
    kind, value = question["type"], question["value"]
    points = Decimal(value.get("points") or 0)
    if kind == "reflection":
        return ZERO
    if kind == "matching":
        return _money(points * len(value["pairs"]))
    if kind == "ordering" and value.get("scoring") == "per_item":
        return _money(points * len(value["items"]))
    return _money(points)


def score_question(question, answer) -> QuestionResult:
    kind, value = question["type"], question["value"]
    top = max_score(question)
    points = Decimal(value.get("points") or 0)
    answered = answer not in (None, "", [], {})
    earned = ZERO
    correct: bool | None = False

    if kind == "single_choice":
        right = {c["id"] for c in value["choices"] if c["correct"]}
        correct = answer in right
        earned = top if correct else ZERO
    elif kind == "multiple_choice":
        ids = {c["id"] for c in value["choices"]}
        right = {c["id"] for c in value["choices"] if c["correct"]}
        wrong = ids - right
        picked = set(answer or []) & ids
        correct = picked == right
        if value.get("scoring") == "proportional":
            share = Decimal(len(picked & right)) / len(right)
            penalty = Decimal(len(picked & wrong)) / len(wrong) if wrong else ZERO
            earned = max(ZERO, top * (share - penalty))
        else:
            earned = top if correct else ZERO
    elif kind == "true_false":
        correct = answer is not None and bool(answer) == bool(value["answer"])
        earned = top if correct else ZERO
    elif kind == "ordering":
        expected = [item["id"] for item in value["items"]]
        given = list(answer or [])
        placed = sum(1 for a, b in zip(given, expected, strict=False) if a == b)
        correct = given == expected
        if value.get("scoring") == "per_item":
            earned = points * placed
        else:
            earned = top if correct else ZERO
    elif kind == "matching":
        given = answer or {}
        pair_ids = [pair["id"] for pair in value["pairs"]]
        right_pairs = sum(1 for pair_id in pair_ids if given.get(pair_id) == pair_id)
        correct = right_pairs == len(pair_ids)
        earned = points * right_pairs
    elif kind == "reflection":
        correct = None
        answered = bool((answer or "").strip())
    else:
        raise ValueError(f"Unknown question kind: {kind}")
    return QuestionResult(
        question_id=question["id"],
        kind=kind,
        score=_money(min(earned, top)),
        max_score=top,
        answered=answered,
        correct=correct,
    )


def score_attempt(questions, answers, pass_mark) -> AttemptResult:
    """Score every question; a quiz with nothing to score (reflections only) is passed."""
    results = [score_question(q, answers.get(q["id"])) for q in questions]
    total = sum((r.score for r in results), ZERO)
    top = sum((r.max_score for r in results), ZERO)
    if top == 0:
        percent = Decimal("100.00")
        passed = all(r.answered for r in results)
    else:
        percent = _money(total * 100 / top)
        passed = percent >= Decimal(pass_mark)
    return AttemptResult(
        questions=results,
        score=_money(total),
        max_score=_money(top),
        percent=percent,
        passed=passed,
    )
