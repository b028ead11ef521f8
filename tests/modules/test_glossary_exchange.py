"""The glossary's files: CSV (export and import check) and TBX (well-formed, every language)."""

import csv
import io

import pytest
from defusedxml import ElementTree

from modules.glossary.entries import Avoided, Concept, Side
from modules.glossary.exchange import GlossaryFileError, read_csv, write_csv, write_tbx

LANGUAGES = ["en", "fr", "nl"]
NAMES = {"en": "English", "fr": "French", "nl": "Dutch"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
KEY = "0b7f4a52-2f7e-4d0e-9a55-3c6f1f0a7d21"


def sexual_exploitation(key=KEY):
    return Concept(
        key=key,
        sides={
            "en": Side(
                "en",
                "sexual exploitation",
                "Exploiting a person sexually.",
                variants=("exploitation for sex",),
                notes="A note.",
                source="Luxembourg Guidelines",
                avoided=(Avoided("child prostitute", "It blames the child."),),
            ),
            "fr": Side(
                "fr",
                "exploitation sexuelle",
                "Le fait d'exploiter sexuellement.",
                avoided=(Avoided("enfant prostitué", "Le terme rend l'enfant responsable."),),
            ),
            "nl": Side("nl", "seksuele uitbuiting", "Iemand seksueel uitbuiten."),
        },
    )


def parse_tbx(data):
    return ElementTree.fromstring(data)


def test_the_tbx_is_well_formed_tbx_basic_with_every_language():
    root = parse_tbx(write_tbx([sexual_exploitation()], title="Glossary", source_language="en"))
    assert root.tag == "martif" and root.get("type") == "TBX-Basic"
    entry = root.find("text/body/termEntry")
    assert entry.get("id") == f"c-{KEY}"
    lang_sets = {ls.get(XML_LANG): ls for ls in entry.findall("langSet")}
    assert set(lang_sets) == set(LANGUAGES)
    english = lang_sets["en"]
    assert english.find("descripGrp/descrip[@type='definition']").text == (
        "Exploiting a person sexually."
    )
    assert english.find("descripGrp/admin[@type='source']").text == "Luxembourg Guidelines"
    statuses = [
        (tig.find("term").text, tig.find("termNote[@type='administrativeStatus']").text)
        for tig in english.findall("tig")
    ]
    assert statuses == [
        ("sexual exploitation", "preferredTerm-admn"),
        ("exploitation for sex", "admittedTerm-admn"),
        ("child prostitute", "deprecatedTerm-admn"),
    ]
    assert english.findall("tig")[2].find("note").text == "It blames the child."
    assert lang_sets["fr"].find("tig/term").text == "exploitation sexuelle"
    assert lang_sets["nl"].find("tig/term").text == "seksuele uitbuiting"


def test_markup_and_control_characters_keep_the_tbx_well_formed():
    nasty = Concept(
        key=None,
        sides={
            "en": Side(
                "en",
                '<b>bold</b> & "quoted" ]]> term\x00\x07',
                "A definition with <script>alert('x')</script>\x0b\x1f and \ufffe.",
                notes="&amp; &#x0; <!-- -->",
                avoided=(Avoided("bad\x08 term", "because <i>it</i> & that"),),
            )
        },
    )
    data = write_tbx([nasty], title="Title <with> & \x01", source_language="en")
    root = parse_tbx(data)
    tig = root.find("text/body/termEntry/langSet/tig")
    assert tig.find("term").text == '<b>bold</b> & "quoted" ]]> term'
    definition = root.find("text/body/termEntry/langSet/descripGrp/descrip").text
    assert definition == "A definition with <script>alert('x')</script> and ."
    assert root.find("martifHeader/fileDesc/titleStmt/title").text == "Title <with> & "
    assert b"<script>" not in data


def test_the_csv_has_every_language_and_reads_back_the_same():
    text = write_csv([sexual_exploitation()], LANGUAGES)
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows[0]["term_fr"] == "exploitation sexuelle"
    assert rows[0]["avoid_en"] == "child prostitute | It blames the child."
    assert read_csv(text, LANGUAGES) == [sexual_exploitation()]


def test_a_cell_a_spreadsheet_would_run_is_defused_and_read_back():
    concept = Concept(key=None, sides={"en": Side("en", "=HYPERLINK(1)", "-1 or +1 @ once")})
    text = write_csv([concept], ["en"])
    assert "'=HYPERLINK(1)" in text and "'-1 or +1 @ once" in text
    assert read_csv(text, ["en"]) == [concept]


def csv_text(header, *rows):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def problems(text):
    with pytest.raises(GlossaryFileError) as refused:
        read_csv(text, LANGUAGES, NAMES)
    return refused.value.problems


def test_a_language_the_site_does_not_have_is_refused():
    text = csv_text(["term_en", "definition_en", "term_de"], ["guardian", "An adult.", "Vormund"])
    assert problems(text) == [
        "Column “term_de” is for the language “de”, which the site does not have "
        "(it has: en, fr, nl)."
    ]


def test_an_unknown_column_is_refused():
    assert problems(csv_text(["term_en", "definiton_en"], ["a", "b"]))[0].startswith(
        "Column “definiton_en” is not one the glossary knows"
    )


def test_a_term_given_twice_in_a_file_is_refused():
    text = csv_text(
        ["term_en", "definition_en"], ["Guardian", "An adult."], ["guardian ", "Another."]
    )
    assert problems(text) == ["Row 3, English: “guardian” is also in row 2: a term is given once."]


def test_missing_definition_bad_avoid_line_and_bad_concept_key_are_each_named():
    text = csv_text(
        ["concept", "term_en", "definition_en", "avoid_en", "notes_fr"],
        ["not-a-key", "guardian", "", "child minder", "Une note."],
    )
    assert problems(text) == [
        "Row 2: the concept “not-a-key” is not a concept key from an export.",
        "Row 2, English: “guardian” has no definition.",
        "Row 2, English: write each term to avoid as “term | why” (not “child minder”).",
        "Row 2, French: a definition or note but no term.",
    ]


def test_an_empty_file_or_one_with_no_terms_is_refused():
    assert problems("") == ["The file is empty."]
    assert problems(csv_text(["term_en", "definition_en"])) == ["The file has no terms."]
    assert problems(csv_text(["concept"], ["x"])) == [
        "The file has no term column (term_en, term_fr…)."
    ]
