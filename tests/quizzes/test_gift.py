"""GIFT import and export: plain functions, no database."""

import json
from pathlib import Path

import pytest

from quizzes.gift import GiftError, export_gift, parse_gift
from quizzes.moodle_xml import export_moodle_xml, parse_moodle_xml
from quizzes.questions import ReportLine

DATA = Path(__file__).parent / "data"
LAW = "$course$/top/Module 2: The child and the law"
PRACTICE = "$course$/top/Module 2: Practice"


@pytest.fixture(scope="module")
def bank():
    return parse_gift((DATA / "bank.gift").read_text(encoding="utf-8"))


@pytest.fixture
def every_kind():
    return json.loads((DATA / "every_kind.json").read_text(encoding="utf-8"))


def by_title(result, title):
    (question,) = [q for q in result.questions if q["value"]["title"] == title]
    return question


def only(text):
    result = parse_gift(text)
    assert len(result.questions) == 1, result.report
    return result.questions[0]


# --- The sample bank ---------------------------------------------------------------------------


def test_bank_report_has_one_line_per_question_in_order(bank):
    created = "created"
    assert bank.report == [
        ReportLine(8, "Element not to prove", created, ""),
        ReportLine(16, "Signs to pass on", created, ""),
        ReportLine(23, "Sight translation", created, ""),
        ReportLine(27, "Side conversations", created, ""),
        ReportLine(29, "Ages", created, ""),
        ReportLine(31, "Age, short form", created, ""),
        ReportLine(33, "Roles", created, ""),
        ReportLine(40, "Reflect", created, ""),
        ReportLine(42, "Debrief", created, ""),
        ReportLine(47, "Escapes: a test", created, ""),
        ReportLine(
            53, "Protocol name", "skipped", "short-answer questions have no equivalent here"
        ),
        ReportLine(55, "Age of majority", "skipped", "numerical questions have no equivalent here"),
        ReportLine(
            57,
            "Missing word",
            "skipped",
            "missing-word questions (text after the answers) have no equivalent here",
        ),
    ]
    assert len(bank.questions) == 10


def test_bank_categories(bank):
    assert bank.category == PRACTICE
    assert bank.categories == [LAW] * 9 + [PRACTICE]


def test_single_choice_with_feedback_per_choice_and_general_feedback(bank):
    assert by_title(bank, "Element not to prove") == {
        "type": "single_choice",
        "value": {
            "title": "Element not to prove",
            "prompt": "<p>Which element of trafficking need <strong>not</strong> be proven "
            "when the victim is a child?</p>",
            "points": 1,
            "feedback": "Under the Palermo Protocol, consent and means do not matter "
            "when the person is under 18.",
            "choices": [
                {
                    "text": "the means",
                    "correct": True,
                    "feedback": "Right: for a child, the means (threat, deception, abuse of "
                    "vulnerability) are irrelevant.",
                },
                {
                    "text": "the act",
                    "correct": False,
                    # [html] answers and feedback are HTML: entities are unescaped.
                    "feedback": "No: the act (recruiting, transporting & harbouring…) "
                    "is still part of the definition.",
                },
                {
                    "text": "the exploitation purpose",
                    "correct": False,
                    "feedback": "No: the purpose of exploitation must still be shown.",
                },
            ],
        },
    }


def test_weighted_multiple_choice_in_markdown_with_points_comment(bank):
    assert by_title(bank, "Signs to pass on") == {
        "type": "multiple_choice",
        "value": {
            "title": "Signs to pass on",
            "prompt": "<p>Which of these should the interpreter <strong>report</strong> to the "
            "case worker, rather than act on <em>alone</em>?</p>",
            "points": 2,
            "feedback": "",
            "choices": [
                {
                    "text": 'The child says an "uncle" keeps her passport',
                    "correct": True,
                    "feedback": "Yes: withheld documents are a classic indicator.",
                },
                {
                    "text": "The child seems to follow a script",
                    "correct": True,
                    "feedback": "Yes: rehearsed answers can point to coaching.",
                },
                {
                    "text": "The child prefers a female interpreter",
                    "correct": False,
                    "feedback": "No: a reasonable preference, not an indicator in itself.",
                },
                {
                    "text": "The child asks for a glass of water",
                    "correct": False,
                    "feedback": "No.",
                },
            ],
            "scoring": "proportional",
        },
    }


def test_true_with_feedback_for_wrong_then_right_answer(bank):
    value = by_title(bank, "Sight translation")["value"]
    assert value["prompt"] == (
        "<p>You may sight-translate a written statement for the child during the interview.</p>"
    )
    assert value["answer"] is True
    # {T#shown to a wrong answer (False)#shown to a right answer (True)}
    assert value["feedback_false"].startswith("Sight translation is part of the job")
    assert value["feedback_true"] == (
        "Right: you translate what is written, without adding or leaving out."
    )


def test_false_with_feedback_for_wrong_then_right_answer(bank):
    value = by_title(bank, "Side conversations")["value"]
    assert value["answer"] is False
    assert value["feedback_true"] == (
        "Side conversations break the transparency of the interview: "
        "the interviewer must hear everything."
    )
    assert value["feedback_false"] == "Right: everything said is interpreted, both ways."


def test_true_false_without_feedback_and_with_general_feedback(bank):
    assert by_title(bank, "Ages")["value"] == {
        "title": "Ages",
        "prompt": "<p>A child is anyone under 18.</p>",
        "points": 1,
        "feedback": "",
        "answer": True,
        "feedback_true": "",
        "feedback_false": "",
    }
    short = by_title(bank, "Age, short form")["value"]
    assert short["answer"] is False
    assert short["feedback"] == (
        "The rules for children apply when age is uncertain too: "
        "the person is presumed to be a child."
    )


def test_matching(bank):
    assert by_title(bank, "Roles") == {
        "type": "matching",
        "value": {
            "title": "Roles",
            # [html] text without a paragraph is wrapped in one.
            "prompt": "<p>Match each person with their role in the interview.</p>",
            "points": 1,
            "feedback": "Roles are explained to the child at the start, "
            "in words the child understands.",
            "pairs": [
                {"left": "Interpreter", "right": "renders everything said, in the first person"},
                {"left": "Interviewer", "right": "leads the interview and asks the questions"},
                {"left": "Guardian", "right": "looks after the child's best interests"},
            ],
        },
    }


def test_essays_are_reflections_with_no_points(bank):
    assert by_title(bank, "Reflect") == {
        "type": "reflection",
        "value": {
            "title": "Reflect",
            "prompt": "<p>Think of a time when a child did not understand your role. "
            "What would you say now?</p>",
            "points": 0,
            "feedback": "",
        },
    }
    assert by_title(bank, "Debrief")["value"]["feedback"] == (
        "A trainer will read your answer; there is no right answer."
    )


def test_every_escape(bank):
    assert by_title(bank, "Escapes: a test")["value"] == {
        "title": "Escapes: a test",
        "prompt": "<p>Which symbol marks a tilde (~) or equals (=) in GIFT: hash (#) or "
        "braces ({ })?<br>Pick one.</p>",
        "points": 1,
        "feedback": "",
        "choices": [
            {"text": "a backslash \\ before it", "correct": True, "feedback": "Yes: \\~ gives ~."},
            {"text": "nothing", "correct": False, "feedback": "No."},
        ],
    }


# --- Reading: details -------------------------------------------------------------------------


def test_plain_prompt_is_escaped_and_wrapped():
    question = only("[plain]Is 3 < 4 & 5 > 2? {T}")
    assert question["value"]["prompt"] == "<p>Is 3 &lt; 4 &amp; 5 &gt; 2?</p>"


def test_no_markup_prefix_reads_as_plain_text():
    question = only("Say <b>hello</b>\\n\\nthen goodbye {T}")
    assert question["value"]["prompt"] == ("<p>Say &lt;b&gt;hello&lt;/b&gt;</p><p>then goodbye</p>")


def test_html_prompt_is_cleaned():
    question = only(
        '[html]<p onclick\\="x()">Hi <script>alert(1)</script><a href\\="javascript\\:x()">a</a> '
        '<a href\\="https\\://example.org/" target\\="_blank">b</a><img src\\="x.png"></p> {T}'
    )
    assert question["value"]["prompt"] == (
        '<p>Hi <a>a</a> <a href="https://example.org/">b</a></p>'
    )


def test_wagtail_prompt_html_round_trips():
    prompt = (
        '<p data-block-key="x1a2">See <a linktype="page" id="12">the module</a> and '
        '<a href="mailto:help@example.org">write</a>.</p>'
        '<ul><li data-block-key="b3">one</li><li data-block-key="c4"><i>two</i></li></ul>'
    )
    question = only(export_gift([{"type": "reflection", "value": {"prompt": prompt}}]).text)
    assert question["value"]["prompt"] == prompt


def test_no_category():
    result = parse_gift("Q {T}")
    assert (result.category, result.categories) == (None, [None])


def test_html_answers_lose_their_tags_but_plain_answers_keep_them():
    html = only("[html]Q {=<p>Yes &amp; <b>no</b></p>#<i>fb</i> ~No}")
    assert html["value"]["choices"][0] == {"text": "Yes & no", "correct": True, "feedback": "fb"}
    plain = only("Q {=<b>Yes</b> &amp; ~No}")
    assert plain["value"]["choices"][0]["text"] == "<b>Yes</b> &amp;"


def test_all_or_nothing_when_every_wrong_choice_weighs_minus_100():
    question = only("Q {~%50%a ~%50%b ~%-100%c ~%-100%d}")
    assert question["value"]["scoring"] == "all_or_nothing"
    assert [c["correct"] for c in question["value"]["choices"]] == [True, True, False, False]


@pytest.mark.parametrize(
    "answers",
    [
        "~%50%a ~%50%b ~c",  # wrong choices with no penalty
        "~%70%a ~%30%b ~%-100%c ~d",  # one wrong choice without the full penalty
        "~%100%a ~%-50%b",
    ],
)
def test_proportional_otherwise(answers):
    assert only(f"Q {{{answers}}}")["value"]["scoring"] == "proportional"


def test_single_choice_drops_penalties_on_wrong_answers():
    question = only("Q {=a ~%-50%b ~c}")
    assert question["type"] == "single_choice"
    assert [c["correct"] for c in question["value"]["choices"]] == [True, False, False]


def test_points_comment_applies_to_the_next_question_only():
    result = parse_gift("// points: 5\n// another comment\nA {T}\n\nB {T}\n\n// points: 3\nC {}")
    assert [q["value"]["points"] for q in result.questions] == [5, 1, 0]


def test_category_may_share_a_block_with_a_question_and_crlf_and_bom_are_fine():
    result = parse_gift("\ufeff$CATEGORY: top/A\r\nQ {T}\r\n")
    assert result.categories == ["top/A"]
    assert result.report == [ReportLine(2, "Q", "created", "")]


def test_no_title_reports_the_start_of_the_prompt():
    result = parse_gift("[html]<p>A <b>very</b> long question " + "about interpreting " * 5 + "{}")
    (line,) = result.report
    assert line.title == "A very long question about interpreting about interpreting…"
    assert len(line.title) <= 60


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("Q {=a =b}", "short-answer questions have no equivalent here"),
        ("Q {#3:1}", "numerical questions have no equivalent here"),
        ("Q {#1..5####fb}", "numerical questions have no equivalent here"),
        (
            "Q {=a ~b} rest",
            "missing-word questions (text after the answers) have no equivalent here",
        ),
        (
            "Just some text",
            "a question with no answers {…} is a description; nothing to answer here",
        ),
        ("Q {=a ~%50%b}", "partial credit in a single-choice question has no equivalent here"),
        (
            "Q {=a -> 1 =b -> 2 = -> 3}",
            "extra wrong matches (pairs with nothing before ->) have no equivalent here",
        ),
    ],
)
def test_skipped_questions(source, reason):
    result = parse_gift(f"// comment\n\n{source}\n")
    assert result.questions == []
    assert result.report == [
        ReportLine(3, "Q" if source.startswith("Q") else source, "skipped", reason)
    ]


# --- Reading: errors --------------------------------------------------------------------------

ERRORS = [
    ("Q {=a ~b", "unclosed brace"),
    ("Q {=a ~b\n\n}", "unclosed brace"),
    ("Q {~a ~b ~c}", "no right answer"),
    ("Q {=%0%a ~b}", "no right answer"),
    ("Q {=a -> b =c}", "a matching pair without ->"),
    ("Q {=a -> b ~c -> d}", "takes only =left -> right pairs"),
    ("Q {=a -> b}", "at least two pairs"),
    ("Q {=a -> b =c -> }", "nothing after ->"),
    ("Q {=a -> b#well =c -> d}", "no weight and no feedback"),
    ("Q {~%100%only}", "at least two choices"),
    ("Q {=a ~}", "an answer with no text"),
    ("Q {=a =b ~c}", "more than one right answer"),
    ("::Title with no end {=a ~b}", "the title has no closing ::"),
    ("Q } {=a ~b}", "a closing brace } before the opening brace {"),
    ("Q }", "a closing brace } with no opening brace {"),
    ("Q {=a {~b}", "a brace { inside the answers"),
    ("Q {=a ~b} and {=c ~d}", "more than one answer block"),
    ("{=a ~b}", "the question has no text"),
    ("Q {abc =a ~b}", "unexpected text 'abc' before the first answer"),
    ("Q {~%150%a ~b}", "is not between -100 and 100"),
    ("Q {~%half%a ~b}", "a malformed weight"),
]


@pytest.mark.parametrize(("source", "message"), ERRORS)
def test_malformed_question_raises_with_its_line(source, message):
    text = f"// A good question first.\nGood {{T}}\n\n\n{source}\n\nAnother good one {{F}}\n"
    with pytest.raises(GiftError) as caught:
        parse_gift(text)
    assert caught.value.line == 5
    assert message in caught.value.message
    assert str(caught.value) == f"Line 5: {caught.value.message}"


def test_gift_error_is_a_value_error():
    with pytest.raises(ValueError, match=r"^Line 1: unclosed brace"):
        parse_gift("Q {=a ~b")


# --- Writing -----------------------------------------------------------------------------------


def test_export_text(every_kind):
    result = export_gift(every_kind[:4], category="top/Practice")
    assert result.text == (
        "$CATEGORY: top/Practice\n"
        "\n"
        "// points: 3\n"
        "::Consent\\: \\{a\\} \\= b \\~ c \\# d \\\\ e::[html]<p>Does a child's <em>consent</em> "
        "to being moved change anything? "
        'See <a href\\="https\\://www.unodc.org/">UNODC</a>.</p> {\n'
        "\t=No, it is irrelevant#Right &amp; well done\\: &lt;b&gt; is not a tag here\n"
        "\t~&\\#37;100% yes, if written\n"
        "\t~Only if the child is over 16 -&gt; no#&amp;amp; stays as typed\n"
        "\t####Line one\\: consent is irrelevant."
        "\\nLine two \\~ \\= \\# \\{ \\} \\\\ still plain.\n"
        "}\n"
        "\n"
        "// points: 2\n"
        "::Indicators, all or nothing::[html]<p>Which are indicators of trafficking?</p>"
        "<ul><li>Tick all that apply.</li></ul> {\n"
        "\t~%50%No identity papers#Yes.\n"
        '\t~%50%Debt to a "sponsor"\n'
        "\t~%-100%Likes football#No.\n"
        "}\n"
        "\n"
        "::Indicators, proportional::[html]<p>Which are signs that a child may be controlled "
        "by someone else?</p> {\n"
        "\t~%50%Answers seem rehearsed\n"
        "\t~%50%An adult always answers for the child\n"
        "\t~%-33.33333%The child is hungry\n"
        "\t~%-33.33333%The child speaks two languages\n"
        "\t~%-33.33333%The child is shy\n"
        "\t####Each right pick earns a share.\n"
        "}\n"
        "\n"
        "[html]<p>The interpreter may comfort the child between questions.</p> "
        "{FALSE#No\\: step out of role only with the interviewer's agreement."
        "####Ask the interviewer first.}\n"
    )
    assert [line.status for line in result.report] == ["created"] * 4


def test_export_skips_ordering_and_unknown_kinds(every_kind):
    result = export_gift([every_kind[4], {"type": "poll", "value": {"title": "P"}}])
    assert result.text == ""
    assert result.report == [
        ReportLine(1, "Steps", "skipped", "ordering questions have no GIFT form"),
        ReportLine(2, "P", "skipped", "unknown question type 'poll'"),
    ]


def test_proportional_with_one_wrong_choice_is_not_written_as_all_or_nothing():
    choices = [
        {"text": "a", "correct": True, "feedback": ""},
        {"text": "b", "correct": False, "feedback": ""},
    ]
    for scoring, weight in (("proportional", "-50"), ("all_or_nothing", "-100")):
        question = {
            "type": "multiple_choice",
            "value": {"title": "", "prompt": "<p>Q</p>", "points": 1, "feedback": ""}
            | {"choices": choices, "scoring": scoring},
        }
        text = export_gift([question]).text
        assert f"~%{weight}%b" in text
        assert parse_gift(text).questions == [question]


@pytest.mark.parametrize("answer", [True, False])
@pytest.mark.parametrize("feedback_true", ["", "shown for True"])
@pytest.mark.parametrize("feedback_false", ["", "shown for False"])
@pytest.mark.parametrize("feedback", ["", "general"])
def test_true_false_feedback_round_trips(answer, feedback_true, feedback_false, feedback):
    question = {
        "type": "true_false",
        "value": {
            "title": "TF",
            "prompt": "<p>Statement.</p>",
            "points": 1,
            "feedback": feedback,
            "answer": answer,
            "feedback_true": feedback_true,
            "feedback_false": feedback_false,
        },
    }
    assert parse_gift(export_gift([question]).text).questions == [question]


# --- Round trips -------------------------------------------------------------------------------


def test_bank_round_trip(bank):
    exported = export_gift(bank.questions, category=bank.category)
    assert {line.status for line in exported.report} == {"created"}
    again = parse_gift(exported.text)
    assert again.questions == bank.questions
    assert again.category == bank.category
    # And the export of the export is the same text.
    assert export_gift(again.questions, category=again.category).text == exported.text


def test_every_kind_round_trip(every_kind):
    exported = export_gift(every_kind, category="top/Practice")
    again = parse_gift(exported.text)
    assert again.questions == [q for q in every_kind if q["type"] != "ordering"]
    assert again.categories == ["top/Practice"] * 6


def test_gift_to_moodle_xml_to_gift(bank, every_kind):
    for questions in (bank.questions, [q for q in every_kind if q["type"] != "ordering"]):
        xml = export_moodle_xml(questions, category="top/Practice").text
        from_xml = parse_moodle_xml(xml)
        assert from_xml.questions == questions
        gift = export_gift(from_xml.questions, category=from_xml.category).text
        assert parse_gift(gift).questions == questions
