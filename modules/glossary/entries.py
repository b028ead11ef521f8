"""The glossary as plain data: concepts with one side per language, and how to search them.

Everything here works on plain values (no query, no page), so the glossary page, the
exports, the import and the demo loader share it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Avoided:
    term: str
    reason: str


@dataclass(frozen=True)
class Side:
    """A concept in one language."""

    language: str
    term: str
    definition: str
    variants: tuple[str, ...] = ()
    notes: str = ""
    source: str = ""
    avoided: tuple[Avoided, ...] = ()

    def texts(self):
        """What a search looks through."""
        yield self.term
        yield from self.variants
        yield self.definition
        yield self.notes
        for avoided in self.avoided:
            yield avoided.term


@dataclass(frozen=True)
class Concept:
    """One glossary entry: its key (the rows' shared translation key, when stored) and its
    sides by language, in the site's order of languages."""

    key: str | None
    sides: dict[str, Side] = field(default_factory=dict)

    @property
    def anchor(self):
        """The entry's id on the glossary page (an id starts with a letter)."""
        return f"term-{self.key}"

    def side(self, language):
        return self.sides.get(language)

    def heading_side(self, language):
        """The side to name the entry by: the reader's language, or the first there is."""
        return self.sides.get(language) or next(iter(self.sides.values()))


def fold(text: str) -> str:
    """Text as a search compares it: case and accents ignored (“etre” finds “être”), and
    typographic apostrophes read as plain ones."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("’", "'"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def side_of(row) -> Side:
    """A GlossaryTerm row (its locale and avoided terms loaded) as plain data."""
    return Side(
        language=row.locale.language_code,
        term=row.term,
        definition=row.definition,
        variants=tuple(row.variant_list),
        notes=row.notes,
        source=row.source,
        avoided=tuple(Avoided(a.term, a.reason) for a in row.avoided_terms.all()),
    )


def concepts_from_rows(rows, languages, reading_language) -> list[Concept]:
    """Group GlossaryTerm rows by concept, each concept's sides in the order of `languages`
    (the site's), the concepts in the alphabetical order of their term in the reader's
    language (or their first term)."""
    by_key: dict[str, dict[str, Side]] = {}
    for row in rows:
        side = side_of(row)
        if side.language in languages:
            by_key.setdefault(str(row.translation_key), {})[side.language] = side
    concepts = [
        Concept(key=key, sides={lang: sides[lang] for lang in languages if lang in sides})
        for key, sides in by_key.items()
    ]
    return sorted(concepts, key=lambda c: fold(c.heading_side(reading_language).term))


def search(concepts, query: str = "", languages=None) -> list[Concept]:
    """The concepts with every word of `query` in one of their sides in `languages` (all when
    None), each keeping only those sides. An empty query keeps every concept that has a side
    in those languages."""
    words = fold(query).split()
    found = []
    for concept in concepts:
        sides = {
            language: side
            for language, side in concept.sides.items()
            if languages is None or language in languages
        }
        if not sides:
            continue
        haystack = " ".join(fold(text) for side in sides.values() for text in side.texts())
        if all(word in haystack for word in words):
            found.append(Concept(key=concept.key, sides=sides))
    return found
