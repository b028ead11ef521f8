"""The first-mention linker: whole words, any case, once per page, never inside a link, a
heading or an attribute, and everything it writes escaped."""

from html.parser import HTMLParser

from modules.glossary.links import LinkedTerm, TermLinker, link_first_mentions

URL = "/course/glossary/"


def term(key, text, definition="Its meaning.", variants=(), language="en"):
    return LinkedTerm(
        key=key, language=language, term=text, definition=definition, forms=(text, *variants)
    )


GUARDIAN = term("g", "guardian", "An adult who represents the child.", variants=("guardians",))
SMUGGLING = term("s", "migrant smuggling", "Helping someone cross a border.")
EXPLOITATION = term("e", "exploitation", "Using a person for gain.")
SEXUAL = term("x", "sexual exploitation", "Exploiting a person sexually.")


def links(html):
    """(href, text) of each glossary link in `html`."""

    class Links(HTMLParser):
        def __init__(self):
            super().__init__()
            self.found, self.open = [], None

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "a" and "glossary-link" in (attrs.get("class") or ""):
                self.open = [attrs["href"], ""]

        def handle_data(self, data):
            if self.open is not None:
                self.open[1] += data

        def handle_endtag(self, tag):
            if tag == "a" and self.open is not None:
                self.found.append(tuple(self.open))
                self.open = None

    parser = Links()
    parser.feed(html)
    return parser.found


def test_the_first_mention_is_linked_to_its_entry_with_its_definition():
    html = link_first_mentions("<p>Ask the guardian. The guardian decides.</p>", [GUARDIAN], URL)
    assert links(html) == [("/course/glossary/#term-g", "guardian")]
    assert 'id="glossary-g" popover="auto"' in html
    assert '<span class="glossary-popover__definition" lang="en">An adult who' in html
    assert html.endswith("The guardian decides.</p>")


def test_whole_words_only_any_case_and_variants():
    assert links(link_first_mentions("<p>Guardianship is not it.</p>", [GUARDIAN], URL)) == []
    assert links(link_first_mentions("<p>A co-guardian is not it.</p>", [GUARDIAN], URL)) == []
    assert links(link_first_mentions("<p>GUARDIAN first.</p>", [GUARDIAN], URL)) == [
        ("/course/glossary/#term-g", "GUARDIAN")
    ]
    assert links(link_first_mentions("<p>Two guardians.</p>", [GUARDIAN], URL)) == [
        ("/course/glossary/#term-g", "guardians")
    ]


def test_a_term_across_a_line_break_and_with_a_curly_apostrophe():
    rights = term("r", "droit d'être entendu", language="fr")
    html = link_first_mentions("<p>Le droit d’être\n entendu.</p>", [rights], URL)
    assert links(html) == [("/course/glossary/#term-r", "droit d’être\n entendu")]


def test_the_longest_term_wins_and_its_words_are_not_linked_again_inside_it():
    html = link_first_mentions(
        "<p>Sexual exploitation is one form of exploitation.</p>", [EXPLOITATION, SEXUAL], URL
    )
    assert links(html) == [
        ("/course/glossary/#term-x", "Sexual exploitation"),
        ("/course/glossary/#term-e", "exploitation"),
    ]


def test_each_term_once_per_page_across_blocks():
    linker = TermLinker([GUARDIAN, SMUGGLING], URL)
    first = linker.link("<p>The guardian came.</p>")
    second = linker.link("<p>The guardian and migrant smuggling.</p>")
    third = linker.link("<p>Migrant smuggling again.</p>")
    assert links(first) == [("/course/glossary/#term-g", "guardian")]
    assert links(second) == [("/course/glossary/#term-s", "migrant smuggling")]
    assert third == "<p>Migrant smuggling again.</p>"


def test_never_inside_a_link_a_heading_a_button_or_an_attribute():
    html = (
        '<h2>The guardian</h2><p><a href="/x" title="guardian">a guardian link</a> '
        '<img alt="guardian"><button>guardian</button></p>'
    )
    assert link_first_mentions(html, [GUARDIAN], URL) == html
    after = link_first_mentions(html + "<p>Then the guardian.</p>", [GUARDIAN], URL)
    assert after.startswith(html)
    assert links(after) == [("/course/glossary/#term-g", "guardian")]


def test_text_and_definitions_are_escaped():
    risky = term("k", "guardian", 'A "guardian" <script>alert(1)</script> & co.')
    html = link_first_mentions("<p>1 &lt; 2 &amp; the guardian.</p>", [risky], URL)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co." in html
    assert html.startswith("<p>1 &lt; 2 &amp; the ")


def test_markup_in_a_term_is_matched_as_text_not_as_a_pattern():
    odd = term("o", "a.b (c)")
    assert links(link_first_mentions("<p>axb c and a.b (c).</p>", [odd], URL)) == [
        ("/course/glossary/#term-o", "a.b (c)")
    ]


def test_no_terms_or_no_mention_leaves_the_html_as_it_was():
    html = "<p>Nothing<br>here &amp; <em>there</em>.</p>"
    assert link_first_mentions(html, [], URL) == html
    assert link_first_mentions(html, [GUARDIAN], URL) == html
