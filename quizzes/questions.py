"""Plain-data definitions shared by the question-bank formats (GIFT, Moodle XML).

A question bank is a list of ``{"type": kind, "value": {...}}`` dicts: the raw
JSON of a quiz's question StreamField without block ids (see `quizzes.blocks`).
Every value has ``prompt`` (narrow rich-text HTML), ``points``, ``feedback``
(plain text) and ``title``; the kinds add their own keys (``choices``,
``scoring``, ``answer``, ``items``, ``pairs``). Nothing here touches the
database: the import functions return plain data and a report, and the caller
decides what to save.

Importers return an `ImportResult`:

- ``questions``: the questions that can be created, in file order;
- ``categories``: for each of those questions, the category it was found under
  (GIFT ``$CATEGORY:``, Moodle XML category pseudo-question), or None;
- ``category``: the last category seen in the file, or None;
- ``report``: one `ReportLine` per question found in the file, created or
  skipped, in file order (categories are not questions and get no line).

Exporters return an `ExportResult`: the text, and one `ReportLine` per question
given, whose ``line`` is the question's 1-based position in the list given.

Also here: the HTML helpers both formats use (prompts are cleaned to the tags a
prompt may hold; answers and feedback are plain text) and the mapping between
multiple-choice scoring and Moodle's answer weights, which both formats share:

- the right choices share 100% equally (100/k each for k right choices);
- ``all_or_nothing``: every wrong choice weighs -100%;
- ``proportional``: every wrong choice weighs -100/w % for w wrong choices (a
  wrong pick costs one share of the wrong ones, as our scoring does), except
  that a single wrong choice weighs -50%, so that it cannot be read back as
  all or nothing.

Reading weights back: a choice is right when its weight is above 0. The question
is ``all_or_nothing`` when it has at least one wrong choice and every wrong
choice weighs -100%; otherwise it is ``proportional``. Unequal positive weights
(70% / 30%) become equal shares. A question whose choices are all right reads
back as ``proportional`` (Moodle adds the weights of the ticked choices).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Literal

KINDS = (
    "single_choice",
    "multiple_choice",
    "true_false",
    "ordering",
    "matching",
    "reflection",
)
ALL_OR_NOTHING = "all_or_nothing"
PROPORTIONAL = "proportional"
PER_ITEM = "per_item"

Status = Literal["created", "skipped"]
CREATED: Status = "created"
SKIPPED: Status = "skipped"


@dataclass(frozen=True)
class ReportLine:
    """What happened to one question: imported ("created") or left out ("skipped")."""

    line: int | None
    title: str
    status: Status
    reason: str = ""


@dataclass
class ImportResult:
    questions: list[dict] = field(default_factory=list)
    category: str | None = None
    report: list[ReportLine] = field(default_factory=list)
    categories: list[str | None] = field(default_factory=list)


@dataclass
class ExportResult:
    text: str
    report: list[ReportLine] = field(default_factory=list)


def default_points(kind: str) -> int:
    """Points a question gets when the file does not say: reflections are never scored."""
    return 0 if kind == "reflection" else 1


def make_question(kind: str, **value) -> dict:
    """A question dict with the common keys first, in the order our blocks declare them."""
    base = {"title": "", "prompt": "", "points": default_points(kind), "feedback": ""}
    base.update(value)
    return {"type": kind, "value": base}


# --- Text and HTML ------------------------------------------------------------------------------

PROMPT_TAGS = frozenset({"p", "b", "strong", "i", "em", "a", "ul", "ol", "li", "br"})
_BLOCK_TAGS = frozenset({"p", "ul", "ol", "li"})
_VOID_TAGS = frozenset({"br"})
# Whose content is dropped with them, not just the tags.
_DROPPED_WITH_CONTENT = frozenset(
    {"script", "style", "template", "iframe", "object", "noscript", "svg", "math"}
)
# Attributes kept: links (external, and Wagtail's page and document links), and the
# block keys Wagtail's editor puts on paragraphs and list items.
_ATTRIBUTES = {
    "a": frozenset({"href", "linktype", "id"}),
    "p": frozenset({"data-block-key"}),
    "li": frozenset({"data-block-key"}),
}
_SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_TAG_RE = re.compile(r"<[A-Za-z/!][^>]*>")


def _safe_href(value: str) -> bool:
    compact = re.sub(r"[\x00-\x20]", "", value).lower()
    scheme, colon, _rest = compact.partition(":")
    if not colon or any(char in scheme for char in "/?#"):
        return True  # relative, or an anchor
    return scheme in _SAFE_SCHEMES


class _PromptCleaner(HTMLParser):
    """Keeps the tags a prompt may hold; drops other tags, keeping their text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.dropping = 0
        self.has_block = False

    def handle_starttag(self, tag, attrs):
        if tag in _DROPPED_WITH_CONTENT:
            self.dropping += 1
            return
        if self.dropping or tag not in PROMPT_TAGS:
            return
        kept = ""
        allowed = _ATTRIBUTES.get(tag, frozenset())
        for name, value in attrs:
            if name not in allowed or value is None:
                continue
            if name == "href" and not _safe_href(value):
                continue
            kept += f' {name}="{html.escape(value, quote=True)}"'
        self.has_block = self.has_block or tag in _BLOCK_TAGS
        self.out.append(f"<{tag}{kept}>")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in _DROPPED_WITH_CONTENT:
            self.dropping = max(0, self.dropping - 1)
            return
        if self.dropping or tag not in PROMPT_TAGS or tag in _VOID_TAGS:
            return
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if not self.dropping:
            self.out.append(html.escape(data, quote=False))


def clean_prompt_html(markup: str) -> str:
    """Prompt HTML reduced to p, b/strong, i/em, a, ul/ol/li and br.

    Other tags are dropped (script, style and the like with their content), links
    keep only href (http, https, mailto, tel or relative), linktype and id,
    paragraphs and list items only Wagtail's data-block-key, and text is
    re-escaped. HTML with no paragraph or list is wrapped in <p>. The
    result is stable: cleaning it again gives it back unchanged.
    """
    cleaner = _PromptCleaner()
    cleaner.feed(markup)
    cleaner.close()
    cleaned = "".join(cleaner.out).strip()
    if cleaned and not cleaner.has_block:
        cleaned = f"<p>{cleaned}</p>"
    return cleaned


def _markdown_inline(escaped: str) -> str:
    escaped = re.sub(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", r"<strong>\1</strong>", escaped)
    return re.sub(r"\*(?=\S)(.+?)(?<=\S)\*", r"<em>\1</em>", escaped)


def text_to_html(text: str, markup: str = "plain") -> str:
    """A prompt written in ``markup`` ("html", "markdown", or plain text) as prompt HTML.

    HTML is cleaned (`clean_prompt_html`). Anything else is escaped; blank lines
    separate paragraphs, each wrapped in <p>, and single line breaks become <br>.
    Markdown gets only a minimal conversion: **bold** and *italic*.
    """
    text = text.replace("\r\n", "\n").strip()
    if not text:
        return ""
    if markup == "html":
        return clean_prompt_html(text)
    paragraphs = []
    for paragraph in re.split(r"\n[ \t]*\n\s*", text):
        escaped = html.escape(paragraph.strip(), quote=False)
        if markup == "markdown":
            escaped = _markdown_inline(escaped)
        paragraphs.append("<p>" + escaped.replace("\n", "<br>") + "</p>")
    return "".join(paragraphs)


def html_to_plain(text: str) -> str:
    """Plain text from an answer or feedback written as HTML.

    Conservative: tags are only stripped when there are some (line breaks and the
    ends of paragraphs and list items become new lines, other white space in the
    markup collapses); entities are always unescaped.
    """
    if _TAG_RE.search(text):
        text = re.sub(r"\s+", " ", text)
        text = re.sub(r"(?i)<br\s*/?>|</(?:p|div|li|h[1-6])\s*>", "\n", text)
        text = _TAG_RE.sub("", text)
        text = "\n".join(part.strip() for part in text.split("\n"))
        text = re.sub(r"\n{2,}", "\n", text)
    return html.unescape(text).strip()


def plain_to_html(text: str) -> str:
    """Plain text escaped for an HTML-format field (the inverse of `html_to_plain`)."""
    escaped = html.escape(text, quote=False)
    if escaped.startswith("%"):  # GIFT would read a leading %n% as a weight
        escaped = "&#37;" + escaped[1:]
    return escaped


def report_title(title: str, prompt_html: str, limit: int = 60) -> str:
    """The title for a report: the question's own, or the start of its prompt."""
    if title:
        return title
    words = " ".join(html_to_plain(prompt_html).split())
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"


# --- Multiple-choice weights (see the module docstring) -----------------------------------------


def format_weight(weight: float) -> str:
    """A weight in percent as Moodle writes it: at most five decimals, no trailing zeros."""
    text = f"{weight:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def choice_weights(choices: list[dict], scoring: str) -> list[float]:
    """The weight in percent of each choice of a multiple-choice question."""
    right = sum(1 for choice in choices if choice["correct"])
    wrong = len(choices) - right
    share = 100 / right if right else 0.0
    if scoring == ALL_OR_NOTHING:
        penalty = -100.0
    else:
        penalty = -100 / max(wrong, 2)
    return [share if choice["correct"] else penalty for choice in choices]


def scoring_from_weights(weights: list[float]) -> tuple[list[bool], str]:
    """Which choices are right, and the scoring, from the weights in percent."""
    correct = [weight > 0 for weight in weights]
    wrong = [weight for weight in weights if weight <= 0]
    if wrong and all(weight <= -99.9995 for weight in wrong):
        return correct, ALL_OR_NOTHING
    return correct, PROPORTIONAL
