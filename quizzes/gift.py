"""GIFT question banks: read into our question data, and write from it.

GIFT is Moodle's plain-text format. `parse_gift` reads a bank into plain
question dicts (see `quizzes.questions`); `export_gift` writes them back.

Reading
-------
Questions are separated by blank lines. Lines starting with ``//`` are comments,
except that ``// points: N`` sets the points of the next question (GIFT has no
points; Moodle ignores the comment). Without it a question gets 1 point; a
reflection always gets 0 (reflections are never scored). ``$CATEGORY: path``
sets the category of the questions after it; `ImportResult.category` is the
last one seen and `ImportResult.categories` holds each created question's own.

A question is ``::title::`` (optional), an optional markup prefix, its text and
one answer block ``{…}``. Markup: ``[html]`` text is cleaned to the tags a prompt
may hold (see `quizzes.questions.clean_prompt_html`; HTML with no paragraph is
wrapped in <p>); ``[plain]``, ``[moodle]`` and no prefix are escaped and wrapped
in <p>; ``[markdown]`` likewise, after turning **bold** and *italic* into
<strong> and <em> (nothing more of Markdown). With ``[html]``, answers and
feedback are HTML: tags are stripped and entities unescaped; otherwise they are
taken as plain text. Escapes ``\\~ \\= \\# \\{ \\} \\: \\\\`` give the character,
``\\n`` a new line.

Inside the braces, ``####text`` at the end is the general feedback. Then:

- ``{}``: an essay, imported as a reflection;
- ``{T}``, ``{TRUE}``, ``{F}``, ``{FALSE}``: true/false. As in Moodle,
  ``{T#wrong#right}`` shows "wrong" to a learner who answers incorrectly and
  "right" to one who answers correctly, so for ``T`` feedback_true = right and
  feedback_false = wrong, and for ``F`` the other way round;
- ``=left -> right`` pairs: matching (two pairs or more; no feedback per pair);
- ``=`` and ``~`` answers, each with an optional weight ``%n%`` (-100 to 100)
  and feedback ``#text``. As in Moodle, a question with an ``=`` answer is single
  choice: the one answer worth 100% (an ``=`` without a weight is) is right, the
  others wrong (a negative weight's penalty is dropped). A question with only ``~``
  answers is multiple choice: weighted answers above 0% are right; the scoring
  follows the weights as `quizzes.questions` describes.

Skipped, with a reason in the report: short answer (only ``=`` answers),
numerical (``{#…}``), missing word (text after the closing brace), description
(no braces), single choice with partial credit (an answer weighted between 0
and 100%), and matching with extra wrong matches (``= -> extra``).

Errors: a malformed question raises `GiftError` with the line where the
question starts: unclosed or stray braces, an unclosed title, no question text,
text before the first answer, a malformed weight or one out of range, an empty
answer, fewer than two choices or pairs, no right answer, more than one ``=``
answer in a single-choice question, a matching pair without ``->``.

Writing
-------
The category, if given, is written first as a ``$CATEGORY:`` line. Prompts are
written as ``[html]`` with their HTML as is, so a clean prompt comes back
unchanged; answers and feedback are HTML-escaped accordingly (a leading ``%``
becomes ``&#37;``, so that it is not read as a weight), then GIFT-escaped, and
new lines are written ``\\n``. Points other than the kind's default are written
as a ``// points: N`` comment line just above the question. True/false is
written ``{TRUE#…#…}`` / ``{FALSE#…#…}``; multiple choice always with weights
(``~%50%…``), never with ``=``; single choice with one ``=``. Ordering questions
have no GIFT form and are skipped.

What does not round trip
------------------------
Ordering questions (skipped); reflection points other than 0; a multiple-choice
question whose every choice is right (it comes back proportional); leading and
trailing white space in texts; a prompt that is not HTML with a paragraph (it
comes back cleaned and wrapped in <p>); keys that are not ours (e.g. the "listen
again" excerpt).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quizzes.questions import (
    ALL_OR_NOTHING,
    CREATED,
    SKIPPED,
    ExportResult,
    ImportResult,
    ReportLine,
    choice_weights,
    default_points,
    format_weight,
    html_to_plain,
    make_question,
    plain_to_html,
    report_title,
    scoring_from_weights,
    text_to_html,
)

__all__ = ["GiftError", "export_gift", "parse_gift"]


class GiftError(ValueError):
    """A malformed question: nothing from the file should be imported."""

    def __init__(self, line: int, message: str):
        self.line = line
        self.message = message
        super().__init__(f"Line {line}: {message}")


class _Skip(Exception):
    """A well-formed question with no equivalent here."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


# Escaped characters are swapped for Unicode noncharacters while the question's
# structure is read, then swapped back for the character they stand for.
_ESCAPABLE = "\\~=#{}:n"
_PLACEHOLDERS = {char: chr(0xFDD0 + index) for index, char in enumerate(_ESCAPABLE)}
_RESTORE = str.maketrans(
    {mark: ("\n" if char == "n" else char) for char, mark in _PLACEHOLDERS.items()}
)
_ESCAPE_RE = re.compile(r"\\([\\~=#{}:n])")
_NONCHARACTERS_RE = re.compile("[\ufdd0-\ufddf]")

_POINTS_RE = re.compile(r"//\s*points\s*:\s*(\d+)\s*", re.IGNORECASE)
_MARKUP_RE = re.compile(r"\[(html|moodle|plain|markdown)\]", re.IGNORECASE)
_TRUE_FALSE_RE = re.compile(r"(TRUE|FALSE|T|F)\s*(?:#(.*))?", re.IGNORECASE | re.DOTALL)
_WEIGHT_RE = re.compile(r"\s*%(-?\d+(?:\.\d+)?)%")
_CATEGORY = "$CATEGORY:"
_FULL = 99.9995  # a weight of 100%, give or take Moodle's five decimals


def _protect(text: str) -> str:
    text = _NONCHARACTERS_RE.sub("", text)
    return _ESCAPE_RE.sub(lambda match: _PLACEHOLDERS[match.group(1)], text)


def _restore(text: str) -> str:
    return text.translate(_RESTORE)


def _escape(text: str) -> str:
    """Text as GIFT writes it: special characters escaped, new lines as \\n."""
    out = []
    for char in text.replace("\r\n", "\n").replace("\r", "\n"):
        if char in "\\~=#{}:":
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        else:
            out.append(char)
    return "".join(out)


# --- Reading -------------------------------------------------------------------------------------


@dataclass
class _Answer:
    marker: str  # "=" or "~"
    weight: float | None
    text: str  # still protected (escapes as placeholders)
    feedback: str


def parse_gift(text: str) -> ImportResult:
    """Read a GIFT bank. Raises GiftError on the first malformed question."""
    result = ImportResult()
    state = {"category": None, "points": None}
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    block: list[tuple[int, str]] = []
    for number, line in enumerate([*text.split("\n"), ""], start=1):
        if line.strip():
            block.append((number, line))
        elif block:
            _read_block(block, state, result)
            block = []
    result.category = state["category"]
    return result


def _read_block(block: list[tuple[int, str]], state: dict, result: ImportResult) -> None:
    lines = []
    for number, line in block:
        stripped = line.strip()
        if stripped.startswith("//"):
            match = _POINTS_RE.fullmatch(stripped)
            if match:
                state["points"] = int(match.group(1))
            continue
        lines.append((number, line))
    if lines and lines[0][1].strip().startswith(_CATEGORY):
        state["category"] = lines[0][1].strip()[len(_CATEGORY) :].strip() or None
        lines = lines[1:]
    if not lines:
        return
    start = lines[0][0]
    points, state["points"] = state["points"], None
    title, prompt, kind, value = _read_question("\n".join(line for _, line in lines), start)
    shown = report_title(title, prompt)
    if kind is None:
        result.report.append(ReportLine(start, shown, SKIPPED, value))
        return
    if points is not None and kind != "reflection":  # reflections are never scored
        value["points"] = points
    result.questions.append(make_question(kind, title=title, prompt=prompt, **value))
    result.categories.append(state["category"])
    result.report.append(ReportLine(start, shown, CREATED))


def _read_question(source: str, line: int) -> tuple[str, str, str | None, dict | str]:
    """(title, prompt, kind, value), or (title, prompt, None, reason) for a skipped question."""
    src = _protect(source).strip()
    title = ""
    if src.startswith("::"):
        end = src.find("::", 2)
        if end < 0:
            raise GiftError(line, "the title has no closing ::")
        title = _restore(src[2:end]).strip()
        src = src[end + 2 :].lstrip()
    markup = "plain"
    match = _MARKUP_RE.match(src)
    if match:
        markup = match.group(1).lower()
        src = src[match.end() :]
    prompt_markup = markup if markup in ("html", "markdown") else "plain"
    opening, closing = src.find("{"), src.find("}")
    if opening < 0:
        if closing >= 0:
            raise GiftError(line, "a closing brace } with no opening brace {")
        prompt = text_to_html(_restore(src), prompt_markup)
        reason = "a question with no answers {…} is a description; nothing to answer here"
        return title, prompt, None, reason
    if closing < 0:
        raise GiftError(
            line, "unclosed brace: { has no matching } (a question ends at a blank line)"
        )
    if closing < opening:
        raise GiftError(line, "a closing brace } before the opening brace {")
    body, after = src[opening + 1 : closing], src[closing + 1 :]
    if "{" in body:
        raise GiftError(line, "a brace { inside the answers (write \\{ for a literal brace)")
    if "{" in after or "}" in after:
        raise GiftError(line, "more than one answer block {…} in a question")
    prompt = text_to_html(_restore(src[:opening]), prompt_markup)
    if after.strip():
        reason = "missing-word questions (text after the answers) have no equivalent here"
        return title, prompt, None, reason
    if not prompt:
        raise GiftError(line, "the question has no text")
    plain = html_to_plain if markup == "html" else str.strip
    try:
        kind, value = _read_answers(body, line, lambda text: plain(_restore(text)))
    except _Skip as skip:
        return title, prompt, None, skip.reason
    return title, prompt, kind, value


def _read_answers(body: str, line: int, plain) -> tuple[str, dict]:
    body, has_general, general = body.partition("####")
    value: dict = {"feedback": plain(general) if has_general else ""}
    body = body.strip()
    if not body:
        return "reflection", value
    if body.startswith("#"):
        raise _Skip("numerical questions have no equivalent here")
    match = _TRUE_FALSE_RE.fullmatch(body)
    if match:
        answer = match.group(1).upper().startswith("T")
        wrong, _, right = (match.group(2) or "").partition("#")
        wrong, right = plain(wrong), plain(right)
        value["answer"] = answer
        value["feedback_true"] = right if answer else wrong
        value["feedback_false"] = wrong if answer else right
        return "true_false", value
    answers = _split_answers(body, line)
    if any(answer.marker == "=" and "->" in answer.text for answer in answers):
        value["pairs"] = _read_pairs(answers, line, plain)
        return "matching", value
    if all(answer.marker == "=" for answer in answers):
        raise _Skip("short-answer questions have no equivalent here")
    if len(answers) < 2:
        raise GiftError(line, "a choice question needs at least two choices")
    choices = []
    for answer in answers:
        text = plain(answer.text)
        if not text:
            raise GiftError(line, "an answer with no text")
        choices.append({"text": text, "correct": False, "feedback": plain(answer.feedback)})
    if any(answer.marker == "=" for answer in answers):
        weights = [
            answer.weight if answer.weight is not None else (100.0 if answer.marker == "=" else 0)
            for answer in answers
        ]
        right = [weight >= _FULL for weight in weights]
        if sum(right) > 1:
            raise GiftError(
                line,
                "more than one right answer in a single-choice question; "
                "for several right answers use only ~ answers with weights such as ~%50%",
            )
        if any(0 < weight < _FULL for weight in weights):
            raise _Skip("partial credit in a single-choice question has no equivalent here")
        if not any(right):
            raise GiftError(line, "no right answer (mark it with =)")
        for choice, is_right in zip(choices, right, strict=True):
            choice["correct"] = is_right
        value["choices"] = choices
        return "single_choice", value
    correct, scoring = scoring_from_weights([answer.weight or 0.0 for answer in answers])
    if not any(correct):
        raise GiftError(
            line,
            "no right answer (mark it with =, or give the right answers weights such as ~%50%)",
        )
    for choice, is_right in zip(choices, correct, strict=True):
        choice["correct"] = is_right
    value["choices"] = choices
    value["scoring"] = scoring
    return "multiple_choice", value


def _split_answers(body: str, line: int) -> list[_Answer]:
    lead, *parts = re.split(r"(?=[=~])", body)
    if lead.strip():
        raise GiftError(
            line, f"unexpected text {_restore(lead.strip())!r} before the first answer (= or ~)"
        )
    answers = []
    for part in parts:
        marker, rest = part[0], part[1:]
        weight = None
        match = _WEIGHT_RE.match(rest)
        if match:
            weight = float(match.group(1))
            if not -100 <= weight <= 100:
                raise GiftError(line, f"the weight %{match.group(1)}% is not between -100 and 100")
            rest = rest[match.end() :]
        elif rest.lstrip().startswith("%"):
            raise GiftError(line, "a malformed weight: write it %n%, n between -100 and 100")
        text, _, feedback = rest.partition("#")
        answers.append(_Answer(marker, weight, text, feedback))
    return answers


def _read_pairs(answers: list[_Answer], line: int, plain) -> list[dict]:
    pairs, extra = [], False
    for answer in answers:
        if answer.marker != "=":
            raise GiftError(line, "a matching question takes only =left -> right pairs, not ~")
        if answer.weight is not None or answer.feedback:
            raise GiftError(line, "matching pairs take no weight and no feedback")
        left, arrow, right = answer.text.partition("->")
        if not arrow:
            raise GiftError(line, "a matching pair without ->")
        left, right = plain(left), plain(right)
        if not right:
            raise GiftError(line, "a matching pair with nothing after ->")
        if not left:
            extra = True
        pairs.append({"left": left, "right": right})
    if len(pairs) < 2:
        raise GiftError(line, "a matching question needs at least two pairs")
    if extra:
        raise _Skip("extra wrong matches (pairs with nothing before ->) have no equivalent here")
    return pairs


# --- Writing -------------------------------------------------------------------------------------


def _answer_text(text: str) -> str:
    return _escape(plain_to_html(text))


def _general(value: dict) -> str:
    feedback = value.get("feedback") or ""
    return f"####{_answer_text(feedback)}" if feedback else ""


def _choice_line(marker: str, choice: dict) -> str:
    feedback = choice.get("feedback") or ""
    tail = f"#{_answer_text(feedback)}" if feedback else ""
    return f"\t{marker}{_answer_text(choice['text'])}{tail}"


def _block(lines: list[str], value: dict) -> str:
    general = _general(value)
    if general:
        lines = [*lines, f"\t{general}"]
    return "{\n" + "\n".join(lines) + "\n}"


def _write_single_choice(value: dict) -> str:
    choices = value["choices"]
    return _block([_choice_line("=" if c["correct"] else "~", c) for c in choices], value)


def _write_multiple_choice(value: dict) -> str:
    choices = value["choices"]
    weights = choice_weights(choices, value.get("scoring") or ALL_OR_NOTHING)
    lines = [
        _choice_line(f"~%{format_weight(weight)}%", choice)
        for choice, weight in zip(choices, weights, strict=True)
    ]
    return _block(lines, value)


def _write_true_false(value: dict) -> str:
    answer = bool(value.get("answer"))
    feedback_true = value.get("feedback_true") or ""
    feedback_false = value.get("feedback_false") or ""
    right, wrong = (feedback_true, feedback_false) if answer else (feedback_false, feedback_true)
    feedback = ""
    if right:
        feedback = f"#{_answer_text(wrong)}#{_answer_text(right)}"
    elif wrong:
        feedback = f"#{_answer_text(wrong)}"
    return "{" + ("TRUE" if answer else "FALSE") + feedback + _general(value) + "}"


def _write_matching(value: dict) -> str:
    lines = [
        f"\t={_answer_text(pair['left'])} -> {_answer_text(pair['right'])}"
        for pair in value["pairs"]
    ]
    return _block(lines, value)


def _write_reflection(value: dict) -> str:
    return "{" + _general(value) + "}"


_WRITERS = {
    "single_choice": _write_single_choice,
    "multiple_choice": _write_multiple_choice,
    "true_false": _write_true_false,
    "matching": _write_matching,
    "reflection": _write_reflection,
}


def export_gift(questions: list[dict], category: str | None = None) -> ExportResult:
    """Write questions as a GIFT bank; ordering questions are skipped (see the report)."""
    chunks = [f"{_CATEGORY} {category}"] if category else []
    report = []
    for position, question in enumerate(questions, start=1):
        kind = question.get("type")
        value = question.get("value") or {}
        title = value.get("title") or ""
        prompt = value.get("prompt") or ""
        shown = report_title(title, prompt)
        if kind == "ordering":
            report.append(
                ReportLine(position, shown, SKIPPED, "ordering questions have no GIFT form")
            )
            continue
        if kind not in _WRITERS:
            report.append(ReportLine(position, shown, SKIPPED, f"unknown question type {kind!r}"))
            continue
        lines = []
        points = value.get("points", default_points(kind))
        if kind != "reflection" and points != default_points(kind):
            lines.append(f"// points: {points}")
        head = f"::{_escape(title)}::" if title else ""
        lines.append(f"{head}[html]{_escape(prompt)} {_WRITERS[kind](value)}")
        chunks.append("\n".join(lines))
        report.append(ReportLine(position, shown, CREATED))
    return ExportResult(text="\n\n".join(chunks) + "\n" if chunks else "", report=report)
