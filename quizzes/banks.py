"""Question banks in and out of a quiz: GIFT and Moodle XML, through the pure parsers."""

import json

from django.core.exceptions import ValidationError
from django.db import transaction

from quizzes.gift import GiftError, export_gift, parse_gift
from quizzes.models import Quiz, question_stream
from quizzes.moodle_xml import MoodleXmlError, export_moodle_xml, parse_moodle_xml

FORMATS = {"gift": "GIFT", "xml": "Moodle XML"}


class QuestionRefused(ValueError):
    """A question the file describes well but the quiz refuses (too long, no right choice…)."""


BankError = (GiftError, MoodleXmlError, QuestionRefused)


def _check(questions, report):
    """Validate the new questions with the blocks' own rules, as the admin form would."""
    stream_block = Quiz._meta.get_field("questions").stream_block
    created = [line for line in report if line.status == "created"]
    for number, question in enumerate(questions):
        child = stream_block.child_blocks[question["type"]]
        try:
            child.clean(child.to_python(question_stream([question])[0]["value"]))
        except ValidationError as error:
            line = created[number] if number < len(created) else None
            where = f"line {line.line}" if line and line.line else f"question {number + 1}"
            detail = "; ".join(
                f"{name}: {' '.join(e.messages) if hasattr(e, 'messages') else e}"
                for name, e in getattr(error, "block_errors", {}).items()
            ) or "; ".join(error.messages)
            raise QuestionRefused(f"{where.capitalize()}: {detail}") from error


def format_for(filename: str, given: str | None = None) -> str:
    if given:
        return given
    return "xml" if filename.lower().endswith(".xml") else "gift"


def bank_questions(quiz: Quiz) -> list[dict]:
    """The quiz's questions in the plain shape of a question bank (no ids, no excerpt links)."""
    bank = []
    for question in quiz.question_data():
        value = {k: v for k, v in question["value"].items() if k not in ("excerpt", "segment")}
        if "choices" in value:
            value["choices"] = [
                {"text": c["text"], "correct": c["correct"], "feedback": c.get("feedback", "")}
                for c in value["choices"]
            ]
        if "items" in value:
            value["items"] = [item["text"] for item in value["items"]]
        if "pairs" in value:
            value["pairs"] = [{"left": p["left"], "right": p["right"]} for p in value["pairs"]]
        bank.append({"type": question["type"], "value": value})
    return bank


def quiz_questions_import(*, quiz: Quiz, content: bytes, fmt: str):
    """Add a file's questions to the quiz, all or nothing; return the parser's report.

    A file with an error raises GiftError or MoodleXmlError and changes nothing.
    """
    if fmt == "xml":
        result = parse_moodle_xml(content)
    else:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise GiftError(1, "the file is not UTF-8 text") from error
        result = parse_gift(text)
    added = [
        {"type": q["type"], "value": {**q["value"], "excerpt": None, "segment": None}}
        for q in result.questions
    ]
    _check(added, result.report)
    with transaction.atomic():
        quiz = Quiz.objects.select_for_update().get(pk=quiz.pk)
        existing = quiz.questions.get_prep_value()
        quiz.questions = json.dumps([*existing, *question_stream(added)])
        quiz.save()
    return result


def quiz_questions_export(*, quiz: Quiz, fmt: str):
    export = export_moodle_xml if fmt == "xml" else export_gift
    return export(bank_questions(quiz))
