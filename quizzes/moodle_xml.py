"""Moodle XML question banks: read into our question data, and write from it.

`parse_moodle_xml` reads ``<quiz><question type="…">…</question></quiz>`` into
plain question dicts (see `quizzes.questions`); `export_moodle_xml` writes them.

Safety
------
Files are parsed with defusedxml (a dependency of Willow, hence of Wagtail),
with DOCTYPE declarations forbidden outright: no entity, internal or external,
is ever declared, expanded or fetched. A file with a DOCTYPE is refused with a
`MoodleXmlError` before anything in it is read. Malformed XML raises
`MoodleXmlError` with the parser's line.

Reading
-------
- ``<name><text>`` is the title; ``<questiontext format="html"><text>`` the
  prompt, cleaned to the tags a prompt may hold
  (`quizzes.questions.clean_prompt_html`); other formats are escaped and
  wrapped in <p> (markdown gets **bold** and *italic*); ``<generalfeedback>``
  the feedback; ``<defaultgrade>`` the points (rounded to a whole number; for
  matching and per-item ordering our points are per pair or item, Moodle's
  mark is for the whole question, and the number is carried over as is).
- Answer and feedback texts are plain here: in ``plain_text`` (or markdown)
  format they are taken as they are; in HTML or Moodle auto-format tags are
  stripped if there are any and entities unescaped. Matching answers (the
  right-hand side), which Moodle keeps as plain text, are taken as they are.
- multichoice, ``<single>true`` (the default): single choice; the answer at
  fraction 100 is right, others wrong (negative fractions' penalties are
  dropped; an answer between 0 and 100 means partial credit: skipped).
  ``<single>false``: multiple choice, answers with a fraction above 0 right, and
  the scoring read from the fractions as `quizzes.questions` describes.
  multichoiceset (the all-or-nothing plugin): multiple choice, all or nothing.
- truefalse: the answer ``true`` or ``false`` at fraction 100 is the right one;
  each answer's feedback is feedback_true / feedback_false.
- matching: ``<subquestion><text>left</text><answer><text>right</text>``;
  subquestions with no text (extra wrong matches) make the question skipped.
- ordering (qtype_ordering): the answers, sorted by their fraction (which the
  plugin uses for the position) when every answer has one, else in file order;
  ``<gradingtype>ALL_OR_NOTHING`` is all or nothing, any other grading type
  (ABSOLUTE_POSITION, the relative ones, or none) per item.
- essay: reflection, always 0 points (reflections are never scored).
- category pseudo-questions set the category of the questions after them:
  `ImportResult.category` is the last one, `ImportResult.categories` each
  created question's own.
- Every other type (shortanswer, numerical, cloze, description, calculated,
  ddwtos, …) is skipped with a reason. Images and other ``<file>`` attachments
  are not imported.

Report lines carry the line of the ``<question>`` element. Errors name the
question by its number in the file (categories not counted), its name and line.

Writing
-------
UTF-8, indented with two spaces. Prompts go out as HTML; answers, feedback and
matching items as ``plain_text``. Multiple-choice fractions follow the mapping
in `quizzes.questions`; single choice is 100 / 0. Ordering is written for
qtype_ordering with ``ALL_OR_NOTHING`` or ``ABSOLUTE_POSITION``; reflection as
an essay.

What does not round trip
------------------------
A multiple-choice question whose every choice is right (it comes back
proportional); leading and trailing white space in texts; reflection points
other than 0; a prompt that is not HTML with a paragraph (it comes back
cleaned and wrapped in <p>); keys that are not ours.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# Only the tree-building half of ElementTree is used from the standard library:
# parsing goes through defusedxml (see _parse_tree).
from xml.etree.ElementTree import Element, SubElement, TreeBuilder, indent, tostring  # noqa: S405

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser, ParseError

from quizzes.questions import (
    ALL_OR_NOTHING,
    CREATED,
    PER_ITEM,
    SKIPPED,
    ExportResult,
    ImportResult,
    ReportLine,
    choice_weights,
    default_points,
    format_weight,
    html_to_plain,
    make_question,
    report_title,
    scoring_from_weights,
    text_to_html,
)

__all__ = ["MoodleXmlError", "export_moodle_xml", "parse_moodle_xml"]

_FULL = 99.9995  # a fraction of 100%, give or take Moodle's five decimals


class MoodleXmlError(ValueError):
    """A file that cannot be read, or a malformed question: nothing should be imported."""

    def __init__(
        self,
        message: str,
        *,
        question: int | None = None,
        name: str | None = None,
        line: int | None = None,
    ):
        self.message = message
        self.question = question
        self.name = name or None
        self.line = line
        head = " ".join(
            part
            for part in (f"Question {question}" if question else "", f"“{name}”" if name else "")
            if part
        )
        if line:
            head = f"{head} (line {line})" if head else f"Line {line}"
        super().__init__(f"{head}: {message}" if head else message)


class _Invalid(Exception):
    """A malformed question; turned into a MoodleXmlError naming the question."""


class _Skip(Exception):
    """A well-formed question with no equivalent here."""


# --- Reading -------------------------------------------------------------------------------------


class _LineRecorder:
    """Builds the tree, noting the line of each child of the root element."""

    def __init__(self):
        self._builder = TreeBuilder()
        self._depth = 0
        self.expat = None
        self.lines: list[int | None] = []

    def start(self, tag, attrs):
        self._depth += 1
        if self._depth == 2:
            self.lines.append(getattr(self.expat, "CurrentLineNumber", None))
        return self._builder.start(tag, attrs)

    def end(self, tag):
        self._depth -= 1
        return self._builder.end(tag)

    def data(self, data):
        self._builder.data(data)

    def close(self):
        return self._builder.close()


def _parse_tree(data: bytes | str) -> tuple[Element, list[int | None]]:
    recorder = _LineRecorder()
    parser = DefusedXMLParser(
        target=recorder, forbid_dtd=True, forbid_entities=True, forbid_external=True
    )
    recorder.expat = getattr(parser, "parser", None)  # the expat parser, for line numbers
    try:
        parser.feed(data)
        root = parser.close()
    except DefusedXmlException as error:
        raise MoodleXmlError(
            "refused: the file has a DOCTYPE or entity declaration, "
            f"which a question bank never needs ({type(error).__name__})"
        ) from None
    except ParseError as error:
        line = error.position[0] if getattr(error, "position", None) else None
        raise MoodleXmlError(f"malformed XML ({error})", line=line) from None
    return root, recorder.lines


def _plain(text: str | None, markup: str | None) -> str:
    if markup in ("plain_text", "markdown"):
        return (text or "").strip()
    return html_to_plain(text or "")


def _field(parent: Element, tag: str) -> str:
    """The plain text of a ``<tag format="…"><text>…</text></tag>`` child."""
    element = parent.find(tag)
    if element is None:
        return ""
    return _plain(element.findtext("text"), element.get("format", "html"))


def _prompt(question: Element) -> str:
    element = question.find("questiontext")
    if element is None:
        return ""
    markup = element.get("format", "html")
    markup = markup if markup in ("html", "markdown") else "plain"
    return text_to_html(element.findtext("text") or "", markup)


def _number(raw: str | None, what: str) -> Decimal | None:
    if raw is None or not raw.strip():
        return None
    try:
        number = Decimal(raw.strip())
    except InvalidOperation:
        raise _Invalid(f"{what} {raw.strip()!r} is not a number") from None
    if not number.is_finite():
        raise _Invalid(f"{what} {raw.strip()!r} is not a number")
    return number


def _fraction(answer: Element) -> float:
    fraction = _number(answer.get("fraction"), "the fraction")
    if fraction is None:
        return 0.0
    if not -100 <= fraction <= 100:
        raise _Invalid(f"the fraction {fraction} is not between -100 and 100")
    return float(fraction)


def _points(question: Element, kind: str) -> int:
    if kind == "reflection":
        return 0
    grade = _number(question.findtext("defaultgrade"), "the default grade")
    if grade is None:
        return default_points(kind)
    if grade < 0:
        raise _Invalid(f"the default grade {grade} is negative")
    return int(grade.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _yes(raw: str | None, default: bool) -> bool:
    if raw is None or not raw.strip():
        return default
    return raw.strip().lower() in ("1", "true", "yes")


def _choices(question: Element) -> tuple[list[dict], list[float]]:
    answers = question.findall("answer")
    if len(answers) < 2:
        raise _Invalid("a choice question needs at least two answers")
    choices, weights = [], []
    for answer in answers:
        text = _plain(answer.findtext("text"), answer.get("format", "html"))
        if not text:
            raise _Invalid("an answer with no text")
        choices.append({"text": text, "correct": False, "feedback": _field(answer, "feedback")})
        weights.append(_fraction(answer))
    return choices, weights


def _read_multichoice(question: Element) -> tuple[str, dict]:
    choices, weights = _choices(question)
    if _yes(question.findtext("single"), default=True):
        right = [weight >= _FULL for weight in weights]
        if sum(right) > 1:
            raise _Invalid("more than one answer at 100% in a single-choice question")
        if any(0 < weight < _FULL for weight in weights):
            raise _Skip("partial credit in a single-choice question has no equivalent here")
        if not any(right):
            raise _Invalid("no answer at 100% (no right answer)")
        for choice, is_right in zip(choices, right, strict=True):
            choice["correct"] = is_right
        return "single_choice", {"choices": choices}
    correct, scoring = scoring_from_weights(weights)
    return _multiple(choices, correct, scoring)


def _read_multichoiceset(question: Element) -> tuple[str, dict]:
    choices, weights = _choices(question)
    return _multiple(choices, [weight > 0 for weight in weights], ALL_OR_NOTHING)


def _multiple(choices: list[dict], correct: list[bool], scoring: str) -> tuple[str, dict]:
    if not any(correct):
        raise _Invalid("no answer with a fraction above 0 (no right answer)")
    for choice, is_right in zip(choices, correct, strict=True):
        choice["correct"] = is_right
    return "multiple_choice", {"choices": choices, "scoring": scoring}


def _read_truefalse(question: Element) -> tuple[str, dict]:
    answers = {}
    for answer in question.findall("answer"):
        text = (answer.findtext("text") or "").strip().lower()
        if text not in ("true", "false") or text in answers:
            raise _Invalid("a true/false question takes one answer 'true' and one 'false'")
        answers[text] = answer
    if len(answers) != 2:
        raise _Invalid("a true/false question takes one answer 'true' and one 'false'")
    true_right = _fraction(answers["true"]) >= _FULL
    false_right = _fraction(answers["false"]) >= _FULL
    if true_right == false_right:
        raise _Invalid("exactly one of 'true' and 'false' must have the fraction 100")
    return "true_false", {
        "answer": true_right,
        "feedback_true": _field(answers["true"], "feedback"),
        "feedback_false": _field(answers["false"], "feedback"),
    }


def _read_matching(question: Element) -> tuple[str, dict]:
    pairs, extra = [], False
    for sub in question.findall("subquestion"):
        left = _plain(sub.findtext("text"), sub.get("format", "html"))
        right = (sub.findtext("answer/text") or "").strip()
        if not right:
            raise _Invalid("a matching subquestion with no answer")
        extra = extra or not left
        pairs.append({"left": left, "right": right})
    if len(pairs) < 2:
        raise _Invalid("a matching question needs at least two subquestions")
    if extra:
        raise _Skip("extra wrong matches (subquestions with no text) have no equivalent here")
    return "matching", {"pairs": pairs}


def _read_ordering(question: Element) -> tuple[str, dict]:
    answers = question.findall("answer")
    if all(answer.get("fraction") is not None for answer in answers):
        # Stable: equal fractions keep their order in the file.
        answers = sorted(
            answers, key=lambda answer: _number(answer.get("fraction"), "the fraction")
        )
    items = [_plain(answer.findtext("text"), answer.get("format", "html")) for answer in answers]
    if len(items) < 2:
        raise _Invalid("an ordering question needs at least two items")
    if not all(items):
        raise _Invalid("an ordering item with no text")
    grading = (question.findtext("gradingtype") or "").strip().upper()
    scoring = ALL_OR_NOTHING if grading in ("ALL_OR_NOTHING", "-1") else PER_ITEM
    return "ordering", {"items": items, "scoring": scoring}


def _read_essay(question: Element) -> tuple[str, dict]:
    return "reflection", {}


_READERS = {
    "multichoice": _read_multichoice,
    "multichoiceset": _read_multichoiceset,
    "truefalse": _read_truefalse,
    "matching": _read_matching,
    "ordering": _read_ordering,
    "essay": _read_essay,
}

_SKIPPED_TYPES = {
    "shortanswer": "short-answer questions",
    "numerical": "numerical questions",
    "cloze": "cloze (embedded answers) questions",
    "multianswer": "cloze (embedded answers) questions",
    "description": "descriptions (nothing to answer)",
    "calculated": "calculated questions",
    "calculatedsimple": "calculated questions",
    "calculatedmulti": "calculated questions",
    "ddwtos": "drag-and-drop into text questions",
    "gapselect": "select-missing-words questions",
    "ddimageortext": "drag-and-drop onto image questions",
    "ddmarker": "drag-and-drop markers questions",
    "randomsamatch": "random short-answer matching questions",
    "random": "random questions",
}


def parse_moodle_xml(data: bytes | str) -> ImportResult:
    """Read a Moodle XML bank. Raises MoodleXmlError if the file or a question is malformed."""
    root, lines = _parse_tree(data)
    if root.tag != "quiz":
        raise MoodleXmlError(f"the root element is <{root.tag}>, not <quiz>")
    if len(lines) != len(root):  # no line numbers from this parser
        lines = [None] * len(root)
    result = ImportResult()
    number = 0
    for element, line in zip(root, lines, strict=True):
        if element.tag != "question":
            continue
        qtype = (element.get("type") or "").strip()
        if qtype == "category":
            result.category = (element.findtext("category/text") or "").strip() or None
            continue
        number += 1
        name = (element.findtext("name/text") or "").strip()
        prompt = _prompt(element)
        shown = report_title(name, prompt)
        reader = _READERS.get(qtype)
        if reader is None:
            what = _SKIPPED_TYPES.get(qtype, f"{qtype or 'untyped'} questions")
            result.report.append(
                ReportLine(line, shown, SKIPPED, f"{what} have no equivalent here")
            )
            continue
        try:
            kind, value = reader(element)
            if not prompt:
                raise _Invalid("the question has no text")
            points = _points(element, kind)
        except _Skip as skip:
            result.report.append(ReportLine(line, shown, SKIPPED, str(skip)))
            continue
        except _Invalid as error:
            raise MoodleXmlError(str(error), question=number, name=name, line=line) from None
        result.questions.append(
            make_question(
                kind,
                title=name,
                prompt=prompt,
                points=points,
                feedback=_field(element, "generalfeedback"),
                **value,
            )
        )
        result.categories.append(result.category)
        result.report.append(ReportLine(line, shown, CREATED))
    return result


# --- Writing -------------------------------------------------------------------------------------

_QTYPES = {
    "single_choice": "multichoice",
    "multiple_choice": "multichoice",
    "true_false": "truefalse",
    "matching": "matching",
    "ordering": "ordering",
    "reflection": "essay",
}
_PENALTIES = {
    "multichoice": "0.3333333",
    "truefalse": "1.0000000",
    "matching": "0.3333333",
    "ordering": "0.3333333",
    "essay": "0",
}


def _text(parent: Element, tag: str, text: str, markup: str | None = None) -> Element:
    element = SubElement(parent, tag, {"format": markup} if markup else {})
    SubElement(element, "text").text = text
    return element


def _simple(parent: Element, tag: str, text: str) -> None:
    SubElement(parent, tag).text = text


def _answer(parent: Element, fraction: float, text: str, feedback: str, markup: str) -> None:
    answer = SubElement(parent, "answer", {"fraction": format_weight(fraction), "format": markup})
    SubElement(answer, "text").text = text
    _text(answer, "feedback", feedback, "plain_text")


def _write_choices(element: Element, value: dict, kind: str) -> None:
    choices = value["choices"]
    if kind == "single_choice":
        weights = [100.0 if choice["correct"] else 0.0 for choice in choices]
    else:
        weights = choice_weights(choices, value.get("scoring") or ALL_OR_NOTHING)
    _simple(element, "single", "true" if kind == "single_choice" else "false")
    _simple(element, "shuffleanswers", "true")
    _simple(element, "answernumbering", "abc")
    for choice, weight in zip(choices, weights, strict=True):
        _answer(element, weight, choice["text"], choice.get("feedback") or "", "plain_text")


def _write_true_false(element: Element, value: dict, kind: str) -> None:
    answer = bool(value.get("answer"))
    for text, right, feedback in (
        ("true", answer, value.get("feedback_true") or ""),
        ("false", not answer, value.get("feedback_false") or ""),
    ):
        _answer(element, 100.0 if right else 0.0, text, feedback, "moodle_auto_format")


def _write_matching(element: Element, value: dict, kind: str) -> None:
    _simple(element, "shuffleanswers", "true")
    for pair in value["pairs"]:
        sub = _text(element, "subquestion", pair["left"], "plain_text")
        _text(sub, "answer", pair["right"])


def _write_ordering(element: Element, value: dict, kind: str) -> None:
    grading = "ABSOLUTE_POSITION" if value.get("scoring") == PER_ITEM else "ALL_OR_NOTHING"
    for tag, text in (
        ("layouttype", "VERTICAL"),
        ("selecttype", "ALL"),
        ("selectcount", "0"),
        ("gradingtype", grading),
        ("showgrading", "SHOW"),
        ("numberingstyle", "none"),
    ):
        _simple(element, tag, text)
    for position, item in enumerate(value["items"], start=1):
        answer = SubElement(element, "answer", {"fraction": str(position), "format": "plain_text"})
        SubElement(answer, "text").text = item


def _write_essay(element: Element, value: dict, kind: str) -> None:
    for tag, text in (
        ("responseformat", "editor"),
        ("responserequired", "1"),
        ("responsefieldlines", "10"),
        ("attachments", "0"),
        ("attachmentsrequired", "0"),
    ):
        _simple(element, tag, text)
    _text(element, "graderinfo", "", "html")
    _text(element, "responsetemplate", "", "html")


_WRITERS = {
    "single_choice": _write_choices,
    "multiple_choice": _write_choices,
    "true_false": _write_true_false,
    "matching": _write_matching,
    "ordering": _write_ordering,
    "reflection": _write_essay,
}


def export_moodle_xml(questions: list[dict], category: str | None = None) -> ExportResult:
    """Write questions as a Moodle XML bank; every kind of ours has a Moodle form."""
    quiz = Element("quiz")
    report = []
    if category:
        _text(SubElement(quiz, "question", {"type": "category"}), "category", category)
    for position, question in enumerate(questions, start=1):
        kind = question.get("type")
        value = question.get("value") or {}
        title = value.get("title") or ""
        shown = report_title(title, value.get("prompt") or "")
        if kind not in _WRITERS:
            report.append(ReportLine(position, shown, SKIPPED, f"unknown question type {kind!r}"))
            continue
        qtype = _QTYPES[kind]
        element = SubElement(quiz, "question", {"type": qtype})
        _text(element, "name", title)
        _text(element, "questiontext", value.get("prompt") or "", "html")
        _text(element, "generalfeedback", value.get("feedback") or "", "plain_text")
        points = 0 if kind == "reflection" else value.get("points", default_points(kind))
        _simple(element, "defaultgrade", str(points))
        _simple(element, "penalty", _PENALTIES[qtype])
        _simple(element, "hidden", "0")
        _WRITERS[kind](element, value, kind)
        report.append(ReportLine(position, shown, CREATED))
    indent(quiz, space="  ")
    text = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + tostring(quiz, encoding="unicode", short_empty_elements=False)
        + "\n"
    )
    return ExportResult(text=text, report=report)
