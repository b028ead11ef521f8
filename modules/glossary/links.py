"""The first mention of each glossary term on a page, linked to its definition.

`link_first_mentions` takes HTML as a block renders it and the terms of the page's language,
and wraps the first mention of each term (its preferred form or an accepted variant; whole
words, any case) in a link to its entry on the glossary page, followed by the definition in a
popover that the page's script opens in place. It reads the HTML with a real parser and
touches text only: never an attribute, never the inside of a link, a button or a heading,
and everything it writes is escaped. `TermLinker` keeps, for one page, which terms are
linked already, so that each is linked once however many blocks mention it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, NavigableString
from bs4.dammit import EntitySubstitution
from bs4.formatter import HTMLFormatter
from django.utils.translation import gettext

# Text inside these is never linked: a link in a link, a term in a heading or a control.
SKIPPED = frozenset(
    ["a", "button", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style", "code", "pre"]
    + ["textarea", "select", "option", "label", "summary", "svg", "math", "template"]
)
APOSTROPHES = "'’"
# Text and attributes escaped as XML needs (& < > and quotes), void elements as HTML writes
# them (<br>, not <br/>): what comes out is the markup that went in, plus the links.
OUTPUT = HTMLFormatter(
    entity_substitution=EntitySubstitution.substitute_xml, void_element_close_prefix=None
)


@dataclass(frozen=True)
class LinkedTerm:
    """What a link needs of a concept, in the page's language."""

    key: str
    language: str
    term: str
    definition: str
    forms: tuple[str, ...]  # the preferred term and its accepted variants


def _form_key(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).casefold()


def _form_pattern(form: str) -> str:
    parts = []
    for char in " ".join(form.split()):
        if char == " ":
            parts.append(r"\s+")
        elif char in APOSTROPHES:
            parts.append("['’]")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


class TermLinker:
    """Links the first mention of each term on one page (create one per page rendered)."""

    def __init__(self, terms, glossary_url: str, linked: set[str] | None = None):
        self.glossary_url = glossary_url
        self.linked: set[str] = set() if linked is None else linked
        self._by_form = {}
        for term in terms:
            for form in term.forms:
                if form.strip():
                    self._by_form.setdefault(_form_key(form), term)
        forms = sorted(self._by_form, key=len, reverse=True)
        self._pattern = (
            re.compile(
                r"(?<![\w-])(?:" + "|".join(_form_pattern(f) for f in forms) + r")(?![\w-])",
                re.IGNORECASE,
            )
            if forms
            else None
        )

    def link(self, html: str) -> str:
        """`html` with the first mention of each term not linked yet on the page wrapped in a
        link and followed by its definition (see the module's docstring)."""
        pattern = self._pattern
        if pattern is None or not pattern.search(html):
            return html
        return _link_text_nodes(html, self)


def link_first_mentions(html: str, terms, glossary_url: str, linked=None) -> str:
    """`html` with the first mention of each of `terms` (LinkedTerm, in the page's language)
    linked to its entry at `glossary_url`, except the keys in `linked`, which it adds to."""
    return TermLinker(terms, glossary_url, linked).link(html)


def _link_text_nodes(html: str, linker: TermLinker) -> str:
    pattern = linker._pattern
    soup = BeautifulSoup(html, "html.parser")
    changed = False
    for node in list(soup.find_all(string=True)):
        if type(node) is not NavigableString or any(p.name in SKIPPED for p in node.parents):
            continue
        text = str(node)
        pieces, last = [], 0
        for match in pattern.finditer(text):
            term = linker._by_form.get(_form_key(match.group(0)))
            if term is None or term.key in linker.linked:
                continue
            linker.linked.add(term.key)
            pieces.append(NavigableString(text[last : match.start()]))
            pieces.extend(_link(soup, match.group(0), term, linker.glossary_url))
            last = match.end()
        if pieces:
            pieces.append(NavigableString(text[last:]))
            node.replace_with(*pieces)
            changed = True
    return soup.decode(formatter=OUTPUT) if changed else html


def _link(soup, mention: str, term: LinkedTerm, glossary_url: str):
    """The link to the entry, and the popover with the definition that the script opens."""
    entry_url = f"{glossary_url}#term-{term.key}"
    popover_id = f"glossary-{term.key}"
    link = soup.new_tag(
        "a",
        attrs={"class": "glossary-link", "href": entry_url, "data-glossary-popover": popover_id},
    )
    link.string = mention
    popover = soup.new_tag(
        "span", attrs={"class": "glossary-popover", "id": popover_id, "popover": "auto"}
    )
    name = soup.new_tag("span", attrs={"class": "glossary-popover__term", "lang": term.language})
    name.string = term.term
    definition = soup.new_tag(
        "span", attrs={"class": "glossary-popover__definition", "lang": term.language}
    )
    definition.string = term.definition
    actions = soup.new_tag("span", attrs={"class": "glossary-popover__actions"})
    more = soup.new_tag("a", attrs={"href": entry_url})
    more.string = gettext("Full entry in the glossary")
    close = soup.new_tag(
        "button",
        attrs={
            "type": "button",
            "class": "glossary-popover__close",
            "popovertarget": popover_id,
            "popovertargetaction": "hide",
        },
    )
    close.string = gettext("Close")
    actions.extend([more, NavigableString(" "), close])
    popover.extend([name, NavigableString(" "), definition, NavigableString(" "), actions])
    return [link, popover]
