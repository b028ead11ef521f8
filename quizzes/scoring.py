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
Each kind scores its own questions (`quizzes.kinds`); this module adds them up.
"""

from dataclasses import dataclass
from decimal import Decimal

from quizzes.kinds import ZERO, kind_for, money


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


def score_question(question, answer) -> QuestionResult:
    """The question's result: what its kind gives the answer, never more than its maximum."""
    kind = kind_for(question["type"])
    value = question["value"]
    top = kind.max_score(value)
    earned, correct = kind.score(value, answer, top)
    return QuestionResult(
        question_id=question["id"],
        kind=question["type"],
        score=money(min(earned, top)),
        max_score=top,
        answered=kind.answered(answer),
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
        percent = money(total * 100 / top)
        passed = percent >= Decimal(pass_mark)
    return AttemptResult(
        questions=results,
        score=money(total),
        max_score=money(top),
        percent=percent,
        passed=passed,
    )
