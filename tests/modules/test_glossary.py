"""The glossary: terms per language, the course's glossary page, its downloads, the import,
the links from a module, and the demo's terms."""

import io
import uuid

import pytest
from defusedxml import ElementTree
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from modules.demo.loader import read_glossary
from modules.glossary.exchange import read_csv
from modules.glossary.services import GlossaryImportRefused, glossary_import
from modules.management.commands.load_initial_data import Command as LoadInitialData
from modules.models import AvoidedTerm, GlossaryTerm
from tests import factories
from tests.factories import glossary_concept, glossary_side, make_glossary

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

pytestmark = pytest.mark.django_db


def guardian():
    return glossary_concept(
        en=glossary_side(
            "en",
            "guardian",
            "An adult appointed to represent an unaccompanied child.",
            variants=["guardians"],
            notes="Not a parent.",
            source="Belgian law",
            avoid=[("minder", "It makes the role sound like babysitting.")],
        ),
        fr=glossary_side(
            "fr",
            "tuteur",
            "Un adulte désigné pour représenter un enfant non accompagné.",
            avoid=[("gardien", "Le terme évoque la surveillance, pas la représentation.")],
        ),
        nl=("voogd", "Een volwassene die een niet-begeleid kind vertegenwoordigt."),
    )


def smuggling():
    return glossary_concept(
        en=("migrant smuggling", "Helping someone cross a border irregularly."),
        fr=("trafic de migrants", "Aider une personne à franchir une frontière."),
        nl=("mensensmokkel", "Iemand helpen een grens over te steken."),
    )


def rows_of(term):
    key = GlossaryTerm.objects.get(term=term).translation_key
    return {
        row.locale.language_code: row
        for row in GlossaryTerm.objects.filter(translation_key=key).select_related("locale")
    }


# --- The model and the import's service -----------------------------------------------------


def test_a_concept_is_an_english_source_with_french_and_dutch_translations(course):
    make_glossary(course, guardian())
    rows = rows_of("guardian")
    assert {code: row.term for code, row in rows.items()} == {
        "en": "guardian",
        "fr": "tuteur",
        "nl": "voogd",
    }
    assert {row.course_id for row in rows.values()} == {course.pk}
    assert rows["fr"].get_translation(Locale.objects.get(language_code="en")) == rows["en"]
    english, french = rows["en"].avoided_terms.get(), rows["fr"].avoided_terms.get()
    assert (english.term, french.term) == ("minder", "gardien")
    # A translation tool matches the terms to avoid one by one, by their shared key.
    assert english.translation_key == french.translation_key
    assert french.locale.language_code == "fr"
    assert not rows["nl"].avoided_terms.exists()


def test_a_term_another_concept_has_in_that_language_is_refused_and_nothing_saved(course):
    make_glossary(course, guardian())
    before = GlossaryTerm.objects.count()
    with pytest.raises(GlossaryImportRefused) as refused:
        glossary_import(
            concepts=[smuggling(), glossary_concept(en="Guardian", fr="tutelle")], course=course
        )
    assert refused.value.problems == [
        "“Guardian” (English) is already in the glossary for another concept: edit that "
        "entry, or give this one its concept key to update it."
    ]
    assert GlossaryTerm.objects.count() == before
    assert not GlossaryTerm.objects.filter(term="migrant smuggling").exists()


def test_a_language_the_site_does_not_have_is_refused(course):
    with pytest.raises(GlossaryImportRefused) as refused:
        glossary_import(concepts=[glossary_concept(en="guardian", de="Vormund")], course=course)
    assert refused.value.problems == ["“de” is not a language of the site (it has: en, fr, nl)."]
    assert not GlossaryTerm.objects.exists()
    assert not Locale.objects.filter(language_code="de").exists()


def test_an_import_with_a_concept_key_updates_that_concept(course):
    make_glossary(course, guardian())
    key = str(rows_of("guardian")["en"].translation_key)
    report = glossary_import(
        concepts=[
            glossary_concept(
                key=key,
                en=glossary_side("en", "guardian", "A new definition."),
                nl=("voogd", "Een nieuwe definitie."),
            )
        ]
    )
    assert (report.created, report.updated) == (0, 1)
    rows = rows_of("guardian")
    assert rows["en"].definition == "A new definition."
    assert not rows["en"].avoided_terms.exists()
    assert rows["fr"].definition.startswith("Un adulte")  # not in the file: left as it was
    assert rows["en"].course_id == course.pk


def test_a_full_clean_refuses_a_duplicate_in_any_case_and_accent_and_an_unknown_language(course):
    make_glossary(course, glossary_concept(fr=("Être entendu", "Le droit de parler.")))
    french = Locale.objects.get(language_code="fr")
    twin = GlossaryTerm(term="être entendu", definition="Encore.", locale=french)
    with pytest.raises(ValidationError) as refused:
        twin.full_clean()
    assert refused.value.message_dict["term"] == [
        "“Être entendu” is already in the glossary in this language: edit that entry rather "
        "than add it twice."
    ]
    german = Locale.objects.create(language_code="de")
    with pytest.raises(ValidationError) as refused:
        GlossaryTerm(term="Vormund", definition="Ein Erwachsener.", locale=german).full_clean()
    assert refused.value.messages == [
        "This term is in “de”, a language the site does not have (it has: en, fr, nl)."
    ]


def test_the_admin_refuses_a_duplicate_term_with_a_message(client, trainer, course):
    make_glossary(course, guardian())
    client.force_login(trainer)
    url = reverse("wagtailsnippets_modules_glossaryterm:add")
    response = client.post(
        url,
        nested_form_data(
            {
                "term": "Guardian",
                "variants": "",
                "definition": "Again.",
                "notes": "",
                "source": "",
                "course": "",
                "avoided_terms": inline_formset([]),
            }
        ),
    )
    assert response.status_code == 200
    assert "is already in the glossary in this language" in response.content.decode()
    assert GlossaryTerm.objects.filter(term__iexact="guardian").count() == 1


def test_the_admin_lists_the_terms_with_their_language(client, trainer, course):
    make_glossary(course, guardian())
    client.force_login(trainer)
    html = client.get(reverse("wagtailsnippets_modules_glossaryterm:list")).content.decode()
    for text in ("guardian", "tuteur", "voogd", "French", "Dutch"):
        assert text in html
    french = Locale.objects.get(language_code="fr")
    html = client.get(
        reverse("wagtailsnippets_modules_glossaryterm:list"), {"locale": french.language_code}
    ).content.decode()
    assert "tuteur" in html and "voogd" not in html


# --- The glossary page and its downloads ------------------------------------------------------


def glossary_url(course):
    return course.url + course.reverse_subpage("glossary")


def test_the_course_page_links_to_its_glossary(client, course):
    html = client.get(course.url).content.decode()
    assert f'href="{glossary_url(course)}"' in html


def test_the_glossary_shows_each_concept_in_every_language_with_its_lang(client, course):
    make_glossary(course, guardian(), smuggling())
    other = factories.make_course(course.get_parent(), title="Another", slug="another")
    make_glossary(other, glossary_concept(en=("barnahus", "A child's house.")))
    make_glossary(None, glossary_concept(en=("interpreter", "Someone who interprets.")))
    response = client.get(glossary_url(course))
    html = response.content.decode()
    assert response.status_code == 200
    assert "3 terms." in html  # the course's two and the one every course shares
    assert "barnahus" not in html
    assert '<span class="glossary-side__term" lang="fr">tuteur</span>' in html
    assert '<p class="glossary-side__definition" lang="nl">Een volwassene' in html
    assert '<span class="glossary-side__avoided" lang="en">minder</span>' in html
    assert "It makes the role sound like babysitting." in html
    assert "Belgian law" in html and "Not a parent." in html
    key = rows_of("guardian")["en"].translation_key
    assert f'id="term-{key}"' in html
    assert html.index(">guardian<") < html.index(">interpreter<") < html.index(">migrant smug")


def test_the_search_finds_words_in_any_case_and_accent_without_script(client, course):
    make_glossary(course, guardian(), smuggling())
    html = client.get(glossary_url(course), {"q": "FRONTIERE"}).content.decode()
    assert "1 term of 2 found." in html
    assert "trafic de migrants" in html and "tuteur" not in html
    html = client.get(glossary_url(course), {"q": "gardien"}).content.decode()
    assert "tuteur" in html  # found by a term to avoid
    html = client.get(glossary_url(course), {"q": "nothing like it"}).content.decode()
    assert "No term matches." in html


def test_the_language_filter_shows_only_the_chosen_languages(client, course):
    make_glossary(course, guardian(), glossary_concept(en=("barnahus", "A child's house.")))
    html = client.get(glossary_url(course), {"lang": ["fr", "nl"]}).content.decode()
    assert "1 term of 2 found." in html
    assert 'lang="fr">tuteur' in html and 'lang="nl">voogd' in html
    assert 'lang="en">guardian</span>' not in html
    assert "barnahus" not in html
    html = client.get(glossary_url(course), {"q": "guardian", "lang": "fr"}).content.decode()
    assert "No term matches." in html  # the English term is not searched when hidden
    response = client.get(glossary_url(course), {"lang": "de"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_the_tbx_download_carries_every_language(client, course):
    make_glossary(course, guardian(), smuggling())
    response = client.get(course.url + course.reverse_subpage("glossary_tbx"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/x-tbx+xml")
    assert "attachment" in response["Content-Disposition"]
    root = ElementTree.fromstring(response.content)
    entries = root.findall("text/body/termEntry")
    assert len(entries) == 2
    for entry in entries:
        assert {ls.get(XML_LANG) for ls in entry.findall("langSet")} == {"en", "fr", "nl"}
    terms = {term.text for term in root.iter("term")}
    assert {"guardian", "tuteur", "voogd", "mensensmokkel", "minder", "gardien"} <= terms


def test_the_csv_download_reads_back_as_an_import_would(client, course):
    make_glossary(course, guardian(), smuggling())
    response = client.get(course.url + course.reverse_subpage("glossary_csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    concepts = read_csv(response.content.decode("utf-8"), ["en", "fr", "nl"])
    assert [c.sides["en"].term for c in concepts] == ["guardian", "migrant smuggling"]
    assert concepts[0].sides["fr"].avoided[0].term == "gardien"


# --- The import command -----------------------------------------------------------------------


def write(tmp_path, text):
    path = tmp_path / "terms.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_import_command_adds_terms_to_a_course(tmp_path, course):
    path = write(
        tmp_path,
        "term_en,definition_en,avoid_en,term_fr,definition_fr\n"
        'guardian,An adult.,"minder | Not the role.",tuteur,Un adulte.\n',
    )
    out = io.StringIO()
    call_command("import_glossary", str(path), course=course.slug, stdout=out)
    assert "1 new concepts" in out.getvalue()
    rows = rows_of("guardian")
    assert set(rows) == {"en", "fr"} and rows["fr"].course_id == course.pk
    assert AvoidedTerm.objects.get().reason == "Not the role."


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "term_en,definition_en,term_xx,definition_xx\nguardian,An adult.,g,d\n",
            "Column “term_xx” is for the language “xx”, which the site does not have",
        ),
        (
            "term_en,definition_en\nguardian,An adult.\nGuardian,Again.\n",
            "Row 3, English: “Guardian” is also in row 2: a term is given once.",
        ),
        (
            "term_en,definition_en\nwhispered interpreting,Whispering.\n",
            "“whispered interpreting” (English) is already in the glossary for another concept",
        ),
    ],
)
def test_the_import_command_refuses_a_bad_file_and_saves_nothing(tmp_path, course, text, message):
    make_glossary(course, glossary_concept(en=("whispered interpreting", "Chuchotage.")))
    before = GlossaryTerm.objects.count()
    with pytest.raises(CommandError) as refused:
        call_command("import_glossary", str(write(tmp_path, text)), stdout=io.StringIO())
    assert message in str(refused.value)
    assert "nothing was saved" in str(refused.value)
    assert GlossaryTerm.objects.count() == before


def test_the_import_command_names_an_unknown_course(tmp_path, course):
    path = write(tmp_path, "term_en,definition_en\nguardian,An adult.\n")
    with pytest.raises(CommandError, match="No course “nope”"):
        call_command("import_glossary", str(path), course="nope")


# --- Links from a module ----------------------------------------------------------------------


def module_with(course, slug, blocks, text="Block {n}: the guardian and migrant smuggling."):
    """A module with an excerpt whose transcript mentions the guardian, then `blocks`
    paragraphs of `text`."""
    excerpt = factories.make_excerpt(
        title=f"Excerpt {slug}",
        segments=[(0, "Interviewer", "Your guardian is here."), (4, "Child", "Who is that?")],
    )
    body = [factories.excerpt_block(excerpt)]
    body += [factories.paragraph(f"<p>{text.format(n=n)}</p>") for n in range(blocks)]
    return factories.make_module(course, slug=slug, body=body)


def test_a_module_links_the_first_mention_of_each_term_in_transcripts_and_text(client, course):
    make_glossary(course, guardian(), smuggling())
    module = module_with(course, "one", 3)
    client.force_login(factories.make_user())
    html = client.get(module.url).content.decode()
    key = rows_of("guardian")["en"].translation_key
    entry = f"{glossary_url(course)}#term-{key}"
    link = f'<a class="glossary-link" data-glossary-popover="glossary-{key}" href="{entry}">'
    assert html.count('class="glossary-link"') == 2
    assert html.count(link) == 1
    assert f"Your {link}guardian</a>" in html  # the transcript comes first
    assert 'Block 0: the guardian and <a class="glossary-link"' in html
    assert "An adult appointed to represent an unaccompanied child." in html
    assert f'<a href="{glossary_url(course)}">Glossary</a>' in html


def test_a_module_page_costs_the_same_queries_with_2_or_40_terms_and_blocks(client, course):
    small_course, large_course = (
        course,
        factories.make_course(course.get_parent(), title="Large", slug="large"),
    )
    make_glossary(small_course, guardian(), smuggling())
    make_glossary(
        large_course,
        *[
            glossary_concept(en=(f"term{n}", f"Definition {n}."), fr=(f"terme{n}", "Déf."))
            for n in range(38)
        ],
        glossary_concept(en=("guardians' office", "The office.")),
        glossary_concept(en=("smuggling ring", "A ring.")),
    )
    small = module_with(small_course, "small", 2)
    large = module_with(large_course, "large-module", 40, "The term{n} and the term{n} again.")
    client.force_login(factories.make_user())
    client.get(small.url)  # warm the site-root cache and record both as started
    client.get(large.url)
    with CaptureQueriesContext(connection) as small_queries:
        small_html = client.get(small.url).content.decode()
    with CaptureQueriesContext(connection) as large_queries:
        large_html = client.get(large.url).content.decode()
    assert small_html.count('class="glossary-link"') == 2
    assert large_html.count('class="glossary-link"') == 38
    assert len(large_queries) == len(small_queries), [q["sql"] for q in large_queries]


# --- The demo's glossary ------------------------------------------------------------------------


def test_the_demo_glossary_has_forty_concepts_in_english_french_and_dutch():
    concepts = read_glossary()
    assert len(concepts) == 40
    assert all(set(c.sides) == {"en", "fr", "nl"} for c in concepts)
    assert all(side.definition for c in concepts for side in c.sides.values())
    exploitation = next(c for c in concepts if c.sides["en"].term == "sexual exploitation")
    assert exploitation.sides["en"].avoided[0].term == "child prostitute"
    assert "blames the child" in exploitation.sides["en"].avoided[0].reason
    assert len({c.key for c in concepts}) == 40


def test_the_demo_glossary_loads_as_translations_of_english_and_loads_once(course):
    loader = LoadInitialData()
    loader.glossary(read_glossary(), course)
    assert GlossaryTerm.objects.count() == 120
    english = Locale.objects.get(language_code="en")
    sources = GlossaryTerm.objects.filter(locale=english)
    assert sources.count() == 40
    guardian_fr = GlossaryTerm.objects.get(term="tuteur")
    assert guardian_fr.get_translation(english).term == "guardian"
    guardian_fr.definition = "Edited by a trainer."
    guardian_fr.save()
    GlossaryTerm.objects.get(term="voogd").delete()
    loader.glossary(read_glossary(), course)
    assert GlossaryTerm.objects.count() == 120  # the Dutch row is back, nothing doubled
    assert GlossaryTerm.objects.get(term="tuteur").definition == "Edited by a trainer."
    assert str(GlossaryTerm.objects.get(term="voogd").translation_key) == str(
        guardian_fr.translation_key
    )


def test_a_demo_glossary_with_an_unknown_language_stops_the_loader(tmp_path):
    path = tmp_path / "glossary.json"
    path.write_text(
        '{"concepts": [{"en": {"term": "a", "definition": "b"}, "de": {"term": "c", '
        '"definition": "d"}}]}',
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="“de” is not a language of the site"):
        read_glossary(path)


def test_uuid_keys_of_the_demo_concepts_are_stable():
    first = [c.key for c in read_glossary()]
    assert first == [c.key for c in read_glossary()]
    assert all(uuid.UUID(key).version == 5 for key in first)


def test_a_trainer_imports_a_csv_in_the_admin_and_a_bad_one_saves_nothing(client, trainer, course):
    client.force_login(trainer)
    listing = client.get(reverse("wagtailsnippets_modules_glossaryterm:list")).content.decode()
    url = reverse("wagtailsnippets_modules_glossaryterm:import")
    assert url in listing
    bad = SimpleUploadedFile(
        "terms.csv", b"term_en,definition_en,term_de\nguardian,An adult.,Vormund\n"
    )
    response = client.post(url, {"file": bad, "course": course.pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert "nothing was saved" in html and "“term_de” is for the language “de”" in html
    assert not GlossaryTerm.objects.exists()
    good = SimpleUploadedFile(
        "terms.csv",
        "\ufeffterm_en,definition_en,term_nl,definition_nl\nguardian,An adult.,"
        "voogd,Een volwassene.\n".encode(),
    )
    response = client.post(url, {"file": good, "course": course.pk})
    assert response.status_code == 302
    assert set(rows_of("guardian")) == {"en", "nl"}
    assert rows_of("guardian")["nl"].course_id == course.pk


def test_a_learner_cannot_reach_the_glossary_import(client, learner):
    client.force_login(learner)
    response = client.get(reverse("wagtailsnippets_modules_glossaryterm:import"))
    assert response.status_code in (302, 403)
    assert not GlossaryTerm.objects.exists()
