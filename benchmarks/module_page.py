"""A module page with 20 blocks against a bare Wagtail page holding the same text.

Both sides are served the way a visitor gets them: `django.test.Client().get(url)`,
through every middleware, Wagtail's page routing and a real template, and both
are timed by the same harness, interleaved, in the same run.

- Module page: a `ModulePage` built with `tests.factories.mixed_body(excerpts, 20)`
  (blocks of every kind; 3 excerpts of 8 transcript turns each), rendered with the
  site's own `modules/module_page.html` (base layout, header, footer, table of
  contents, block templates).
- Bare page: a plain `wagtail.models.Page`, the sibling of the module page (so the
  URL is as deep), served by Wagtail's own serve view (`bench/wagtail/…`,
  benchmarks/urls.py), which walks the page tree on every request: what Wagtail
  costs to serve a page. The same page served by the site's serve view, which
  remembers routes (capisce.routing), is timed too: over it, the module page's ratio
  is what its layout, blocks and learner's parts cost on top of serving a page.
  A plain Page has no body, so its rich text is kept in its one free text field,
  `search_description`, and loaded with the page like the module's body is. It is
  the module's text written out as rich text: the paragraph blocks' HTML as they
  are, and every other block's text (headings, key points, reflection prompts,
  content notes, excerpt titles, speakers and every transcript turn shown, with its
  time) as plain paragraphs. Its template, `benchmarks/templates/wagtailcore/page.html`,
  is a minimal HTML document that renders it with `|richtext`, as the paragraph blocks do.

The ratio of the medians (module / bare) is what the site's page layout, blocks
and queries cost over Wagtail serving the same words. Query counts are taken on
warm requests; the module page's count must not grow with its blocks, so it is
also taken for a module of 2 blocks (with excerpts, so that the excerpts' bulk
queries are in both).
"""

from typing import NamedTuple

from wagtail.models import Locale, Page

from benchmarks.common import (
    check_same_words,
    count_queries,
    environment,
    flag,
    getter,
    measure_many,
    page_results,
    page_rows,
    paragraph,
    ratio,
    results_head,
    signed_in,
    site_catalogue,
    timing_cells,
    wagtail_served,
)
from modules.models import CoursePage, ModulePage
from tests.factories import make_course, make_excerpt, make_module, mixed_body

NAME = "module_page"
BLOCKS = 20
FEW_BLOCKS = 2
TURNS = [
    ("Interviewer", "Good morning. My name is Officer B and I work with the police here."),
    ("Interpreter", "I will say in your language everything that is said in this room."),
    ("Child", "Do I have to answer every question you ask me today?"),
    ("Interviewer", "You can say you do not know, or that you do not understand."),
    ("Interpreter", "If a word is not clear to you, tell me and I will say so out loud."),
    ("Child", "I came here with a man who said he was my uncle, but he was not."),
    ("Interviewer", "Thank you. Take your time and tell me what happened after that."),
    ("Child", "We stayed in a house with other children, and we worked at night."),
]


def translate(page, locale):
    """The page's translation into `locale`, published (its parent must be translated)."""
    translated = page.copy_for_translation(locale)
    translated.save_revision().publish()
    return translated.specific_class.objects.get(pk=translated.pk)


class Pages(NamedTuple):
    module: ModulePage  # of BLOCKS blocks
    few: ModulePage  # of FEW_BLOCKS blocks
    bare: Page  # the module's text in a plain Page, its sibling
    course: CoursePage
    french: ModulePage  # the module's French translation


def build():
    """The pages, in the site's catalogue (made here when no other benchmark has made it)."""
    catalogue = site_catalogue()
    course = make_course(catalogue)
    excerpts = [
        make_excerpt(
            title=f"Interview {n}",
            segments=[
                (4 * i, label, f"{text} ({n}.{i + 1})") for i, (label, text) in enumerate(TURNS)
            ],
        )
        for n in range(1, 4)
    ]
    module = make_module(course, body=mixed_body(excerpts, BLOCKS))
    few = make_module(
        course, title="Module two", slug="module-two", body=mixed_body(excerpts, FEW_BLOCKS)
    )
    module = module.specific_class.objects.get(pk=module.pk)
    bare = course.add_child(
        instance=Page(title=module.title, slug="bare-page", search_description=rich_text(module))
    )
    # The French tree, translated as trainers do it: catalogue, course and module.
    french = Locale.objects.get_or_create(language_code="fr")[0]
    for page in (catalogue, course):
        translate(page, french)
    french_module = translate(module, french)
    return Pages(module, few, bare, course, french_module)


def rich_text(module):
    """The text of a module's body as one piece of rich text."""
    return "\n".join(_block_html(child) for child in module.body)


def _block_html(child):
    value = child.value
    match child.block_type:
        case "paragraph":
            return value.source
        case "heading":
            return paragraph(value)
        case "key_points":
            return "\n".join(paragraph(text) for text in [value["title"], *value["points"]])
        case "reflection":
            return paragraph(value["prompt"])
        case "content_note":
            return "\n".join(
                [paragraph(value["note"]), *(_block_html(inner) for inner in value["content"])]
            )
        case "interview_excerpt":
            excerpt = value["excerpt"]
            head = [excerpt.title, f"{excerpt.speaker}, {excerpt.role} ({excerpt.organisation})"]
            turns = [
                f"{segment.timestamp} {segment.speaker_label}: {segment.text}"
                for segment in value.segments
            ]
            return "\n".join(paragraph(text) for text in [*head, *turns])
    raise ValueError(f"No text for a {child.block_type} block")


def _learner():
    from django.contrib.auth import get_user_model

    user, _created = get_user_model().objects.get_or_create(
        email="bench-learner@example.test", defaults={"full_name": "Bench Learner"}
    )
    return user


def _getter(url):
    # Module pages ask for sign-in: both sides are fetched by the same signed-in learner.
    return getter(signed_in(_learner()), url)


def run(repeat=50, warmup=5):
    module, few, bare, course, french = build()
    sides = {
        "module_page": _getter(module.get_url()),
        "bare_page": _getter(wagtail_served(bare.get_url())),
        "bare_page_site": _getter(bare.get_url()),
        "course_page": _getter(course.get_url()),
        "french_module_page": _getter(french.get_url()),
    }
    few_blocks = _getter(few.get_url())

    # Check that both serve what they should, with the same words, before timing them.
    responses = {name: get() for name, get in sides.items()}
    if b"<figure" not in responses["module_page"].content:
        raise RuntimeError("The module page shows no interview excerpt")
    check_same_words(responses["bare_page"], responses["module_page"], "the module page")
    check_same_words(responses["bare_page_site"], responses["bare_page"], "the bare page")

    timed = measure_many(sides, repeat=repeat, warmup=warmup)
    queries = {name: count_queries(get) for name, get in sides.items()}
    few_blocks()  # the first visit records the module as started; count a later one
    queries_few = count_queries(few_blocks)
    ratios = ratio(timed, "module_page", "bare_page")
    course_ratio = ratio(timed, "course_page", "bare_page")
    french_ratio = ratio(timed, "french_module_page", "bare_page")
    site_ratio = ratio(timed, "module_page", "bare_page_site")

    query_counts = {
        f"module_page_{BLOCKS}_blocks": queries["module_page"],
        f"module_page_{FEW_BLOCKS}_blocks": queries_few,
        "bare_page": queries["bare_page"],
        "bare_page_site": queries["bare_page_site"],
        "module_page_constant": queries["module_page"] == queries_few,
        "course_page": queries["course_page"],
        "french_module_page": queries["french_module_page"],
    }
    data = results_head(NAME, repeat, warmup, ratios, query_counts)
    data["course_page_ratio"] = course_ratio.as_dict()
    data["french_module_page_ratio"] = french_ratio.as_dict()
    data["module_page_over_site_bare_ratio"] = site_ratio.as_dict()
    data.update(page_results(timed, queries, responses))
    data["module_page"]["blocks"] = BLOCKS
    data.update(environment())

    labels = [
        ("module_page", f"module ({BLOCKS} blocks)"),
        ("french_module_page", f"module in French ({BLOCKS} blocks)"),
        ("course_page", "course page (2 modules)"),
        ("bare_page", "bare Page (Wagtail's serve)"),
        ("bare_page_site", "bare Page (the site's serve)"),
    ]
    rows = page_rows(labels, timed, data)
    rows.append([f"module ({FEW_BLOCKS} blocks)", *timing_cells(None), queries_few, None, None])
    notes = [
        ratios.note("module/bare", repeat, warmup),
        course_ratio.note("course/bare", repeat, warmup),
        french_ratio.note("French module/bare", repeat, warmup),
        site_ratio.note("module/bare served as the site serves pages", repeat, warmup),
        f"module page queries, English vs French: {queries['module_page']} vs "
        f"{queries['french_module_page']}",
        f"module page queries, {FEW_BLOCKS} vs {BLOCKS} blocks: {queries_few} vs "
        f"{queries['module_page']}"
        + flag(not data["queries"]["module_page_constant"], "NOT CONSTANT"),
    ]
    return rows, notes, data
