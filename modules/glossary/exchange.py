"""The glossary in and out of files: CSV for spreadsheets, TBX for terminology tools.

CSV: one row per concept. A `concept` column holds the concept's key (empty for a new one);
then, for each language code `xx` of the site, the columns `term_xx`, `variants_xx`,
`definition_xx`, `notes_xx`, `avoid_xx` and `source_xx`. Variants are one per line; terms to
avoid are one per line as “term | why”. The file is UTF-8 with a byte-order mark, so that
spreadsheets open it with its accents right; a cell that a spreadsheet would run as a formula
(starting with = + - @) is written with a leading apostrophe, which reading takes off again.

TBX: TBX-Basic in the TBX 2008 shape (ISO 30042:2008, root `martif`): `termEntry` per concept,
`langSet` per language, `tig` per term. It is the TBX that memoQ, Trados MultiTerm (through
MultiTerm Convert), Phrase and Weblate import; TBX v3 (`tbx`/`conceptEntry`) is newer and
still read by fewer tools. The preferred term is `preferredTerm-admn`, a variant
`admittedTerm-admn` and a term to avoid `deprecatedTerm-admn`, which the tools flag as
forbidden, with the reason in its note. The file is built with xml.etree, which escapes
markup; characters that XML cannot carry (control characters) are taken out first.
"""

from __future__ import annotations

import csv
import io
import re
import uuid
import xml.etree.ElementTree as ET  # noqa: S405 - this module writes XML, it parses none

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from modules.glossary.entries import Avoided, Concept, Side

FIELDS = ("term", "variants", "definition", "notes", "avoid", "source")
MAX_LENGTHS = {"term": 200, "source": 300, "avoided term": 200, "reason": 300}
AVOID_SEPARATOR = "|"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# What XML 1.0 cannot hold: C0 controls but tab and newline, lone surrogates, U+FFFE/U+FFFF.
NOT_XML = re.compile("[\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]")
# Controls a line of text has no use for (tab and newline are kept where lines are allowed).
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
FORMULA_START = ("=", "+", "-", "@")


class GlossaryFileError(ValueError):
    """What is wrong with a glossary file, one message per problem; nothing was saved."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


# --- CSV ------------------------------------------------------------------------------------


def _cell(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_START) else text


def _uncell(text: str) -> str:
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_START) else text


def csv_columns(languages) -> list[str]:
    return ["concept", *(f"{name}_{language}" for language in languages for name in FIELDS)]


def write_csv(concepts, languages) -> str:
    """The concepts as CSV text (with its byte-order mark), every language a set of columns."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(csv_columns(languages))
    for concept in concepts:
        row = [concept.key or ""]
        for language in languages:
            side = concept.side(language)
            if side is None:
                row.extend([""] * len(FIELDS))
                continue
            row.extend(
                [
                    side.term,
                    "\n".join(side.variants),
                    side.definition,
                    side.notes,
                    "\n".join(f"{a.term} {AVOID_SEPARATOR} {a.reason}" for a in side.avoided),
                    side.source,
                ]
            )
        writer.writerow([_cell(CONTROLS.sub("", value).replace("\r", "")) for value in row])
    return out.getvalue()


def _line(text: str) -> str:
    return " ".join(CONTROLS.sub(" ", text).split())


def _lines(text: str) -> list[str]:
    return [line for line in (_line(part) for part in text.splitlines()) if line]


def _paragraphs(text: str) -> str:
    return "\n".join(_lines(text))


def read_csv(text: str, languages, names=None) -> list[Concept]:
    """The concepts a CSV file describes, checked; raises GlossaryFileError with every problem.

    `languages` are the site's language codes; `names` their names, for the messages.
    """
    names = names or {}
    text = text.removeprefix("\ufeff")
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise GlossaryFileError([_("The file is not CSV: %(error)s.") % {"error": error}]) from None
    if not rows:
        raise GlossaryFileError([_("The file is empty.")])
    header = [column.strip().lstrip("\ufeff") for column in rows[0]]
    problems, columns = [], {}
    for index, column in enumerate(header):
        name, _sep, language = column.rpartition("_")
        if column == "concept":
            columns[column] = index
        elif name in FIELDS and language:
            if language not in languages:
                problems.append(
                    _(
                        "Column “%(column)s” is for the language “%(code)s”, which the site "
                        "does not have (it has: %(languages)s)."
                    )
                    % {"column": column, "code": language, "languages": ", ".join(languages)}
                )
            columns[column] = index
        elif column:
            problems.append(
                _(
                    "Column “%(column)s” is not one the glossary knows: use “concept” and "
                    "term_xx, variants_xx, definition_xx, notes_xx, avoid_xx, source_xx for "
                    "each language xx."
                )
                % {"column": column}
            )
    if not any(f"term_{language}" in columns for language in languages) and not problems:
        problems.append(_("The file has no term column (term_en, term_fr…)."))
    if problems:
        raise GlossaryFileError(problems)

    records = [
        (
            _("row %(number)s") % {"number": number},
            {column: row[index] for column, index in columns.items() if index < len(row)},
        )
        for number, row in enumerate(rows[1:], start=2)
    ]
    return read_records(records, languages, names)


def read_records(records, languages, names=None) -> list[Concept]:
    """The concepts that records in the CSV's shape describe, checked (see `read_csv`).

    Each record is (where it is, e.g. “row 3”; {column: text}) with the CSV's column names.
    """
    names = names or {}
    problems = []
    concepts, seen_terms, seen_keys = [], {}, {}
    for label, record in records:
        if not any(str(cell).strip() for cell in record.values()):
            continue
        where = capfirst(label)

        def value(column, record=record):
            return _uncell(str(record.get(column) or ""))

        key = value("concept").strip() or None
        if key is not None:
            try:
                key = str(uuid.UUID(key))
            except ValueError:
                problems.append(
                    _("%(where)s: the concept “%(key)s” is not a concept key from an export.")
                    % {"where": where, "key": key}
                )
                key = None
            else:
                if key in seen_keys:
                    problems.append(
                        _("%(where)s: the same concept as %(other)s.")
                        % {"where": where, "other": seen_keys[key]}
                    )
                seen_keys.setdefault(key, label)
        sides = {}
        for language in languages:
            name = names.get(language, language)
            term = _line(value(f"term_{language}"))
            definition = _paragraphs(value(f"definition_{language}"))
            rest = {f: value(f"{f}_{language}").strip() for f in ("variants", "notes", "source")}
            avoid_lines = _lines(value(f"avoid_{language}"))
            if not (term or definition or avoid_lines or any(rest.values())):
                continue
            place = f"{where}, {name}"
            if not term:
                problems.append(
                    _("%(place)s: a definition or note but no term.") % {"place": place}
                )
                continue
            if not definition:
                problems.append(
                    _("%(place)s: “%(term)s” has no definition.") % {"place": place, "term": term}
                )
            avoided = []
            for line in avoid_lines:
                avoided_term, separator, reason = (part.strip() for part in line.partition("|"))
                if not (separator and avoided_term and reason):
                    problems.append(
                        _("%(place)s: write each term to avoid as “term | why” (not “%(line)s”).")
                        % {"place": place, "line": line}
                    )
                    continue
                avoided.append(Avoided(avoided_term, reason))
                problems.extend(_too_long(place, "avoided term", avoided_term))
                problems.extend(_too_long(place, "reason", reason))
            source = _line(rest["source"])
            problems.extend(_too_long(place, "term", term))
            problems.extend(_too_long(place, "source", source))
            folded = (language, term.casefold())
            if folded in seen_terms:
                problems.append(
                    _("%(place)s: “%(term)s” is also in %(other)s: a term is given once.")
                    % {"place": place, "term": term, "other": seen_terms[folded]}
                )
            seen_terms.setdefault(folded, label)
            sides[language] = Side(
                language=language,
                term=term,
                definition=definition,
                variants=tuple(_lines(rest["variants"])),
                notes=_paragraphs(rest["notes"]),
                source=source,
                avoided=tuple(avoided),
            )
        if not sides:
            problems.append(_("%(where)s: no term in any language.") % {"where": where})
            continue
        concepts.append(Concept(key=key, sides=sides))
    if problems:
        raise GlossaryFileError(problems)
    if not concepts:
        raise GlossaryFileError([_("The file has no terms.")])
    return concepts


def _too_long(place, what, text):
    limit = MAX_LENGTHS[what]
    if len(text) > limit:
        labels = {
            "term": _("the term"),
            "source": _("the source"),
            "avoided term": _("a term to avoid"),
            "reason": _("a reason"),
        }
        yield _("%(place)s: %(what)s is longer than %(limit)s characters.") % {
            "place": place,
            "what": labels[what],
            "limit": limit,
        }


# --- TBX ------------------------------------------------------------------------------------


def _xml_text(text: str) -> str:
    return NOT_XML.sub("", text)


def _sub(parent, tag, text=None, **attributes):
    element = ET.SubElement(parent, tag, {k: _xml_text(v) for k, v in attributes.items()})
    if text is not None:
        element.text = _xml_text(text)
    return element


def write_tbx(concepts, *, title: str, source_language: str, subject: str = "") -> bytes:
    """The concepts as a TBX-Basic file (UTF-8 bytes)."""
    root = ET.Element("martif", {"type": "TBX-Basic", XML_LANG: source_language})
    header = _sub(root, "martifHeader")
    file_desc = _sub(header, "fileDesc")
    _sub(_sub(file_desc, "titleStmt"), "title", title)
    _sub(_sub(file_desc, "sourceDesc"), "p", "CAPISCE Academy")
    _sub(_sub(header, "encodingDesc"), "p", "TBXBasicXCSV02.xcs", type="XCSURI")
    body = _sub(_sub(root, "text"), "body")
    for concept in concepts:
        entry = _sub(body, "termEntry", **({"id": f"c-{concept.key}"} if concept.key else {}))
        if subject:
            _sub(entry, "descrip", subject, type="subjectField")
        for language, side in concept.sides.items():
            lang_set = _sub(entry, "langSet", **{XML_LANG: language})
            group = _sub(lang_set, "descripGrp")
            _sub(group, "descrip", side.definition, type="definition")
            if side.source:
                _sub(group, "admin", side.source, type="source")
            if side.notes:
                _sub(lang_set, "note", side.notes)
            tig = _sub(lang_set, "tig")
            _sub(tig, "term", side.term)
            _sub(tig, "termNote", "preferredTerm-admn", type="administrativeStatus")
            for variant in side.variants:
                tig = _sub(lang_set, "tig")
                _sub(tig, "term", variant)
                _sub(tig, "termNote", "admittedTerm-admn", type="administrativeStatus")
            for avoided in side.avoided:
                tig = _sub(lang_set, "tig")
                _sub(tig, "term", avoided.term)
                _sub(tig, "termNote", "deprecatedTerm-admn", type="administrativeStatus")
                _sub(tig, "note", avoided.reason)
    ET.indent(root)
    declaration = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">\n'
    )
    return (declaration + ET.tostring(root, encoding="unicode") + "\n").encode("utf-8")
