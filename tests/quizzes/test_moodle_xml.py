"""Moodle XML import and export: plain functions, no database."""

import json
from pathlib import Path

import pytest

from quizzes.gift import export_gift, parse_gift
from quizzes.moodle_xml import MoodleXmlError, export_moodle_xml, parse_moodle_xml
from quizzes.questions import ReportLine

DATA = Path(__file__).parent / "data"
CATEGORY = "$course$/top/Module 3: In the interview room"


@pytest.fixture(scope="module")
def bank():
    return parse_moodle_xml((DATA / "bank.xml").read_bytes())


@pytest.fixture
def every_kind():
    return json.loads((DATA / "every_kind.json").read_text(encoding="utf-8"))


def by_title(result, title):
    (question,) = [q for q in result.questions if q["value"]["title"] == title]
    return question


def quiz(*questions):
    return '<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n' + "\n".join(questions) + "\n</quiz>\n"


def question(qtype, body, name="Q", text="<p>Question?</p>", text_format="html"):
    return (
        f'<question type="{qtype}"><name><text>{name}</text></name>'
        f'<questiontext format="{text_format}"><text><![CDATA[{text}]]></text></questiontext>'
        f"{body}</question>"
    )


def answer(fraction, text, feedback=""):
    return (
        f'<answer fraction="{fraction}" format="html"><text>{text}</text>'
        f'<feedback format="html"><text>{feedback}</text></feedback></answer>'
    )


# --- The sample bank ---------------------------------------------------------------------------


def test_bank_report(bank):
    created = "created"
    assert bank.report == [
        ReportLine(15, "Who speaks first", created, ""),
        ReportLine(57, "Breaks", created, ""),
        ReportLine(88, "First person", created, ""),
        ReportLine(116, "Modes", created, ""),
        ReportLine(151, "Interview steps", created, ""),
        ReportLine(188, "Your own limits", created, ""),
        ReportLine(215, "Protocol", "skipped", "short-answer questions have no equivalent here"),
    ]
    assert bank.category == CATEGORY
    assert bank.categories == [CATEGORY] * 6


def test_single_choice(bank):
    assert by_title(bank, "Who speaks first") == {
        "type": "single_choice",
        "value": {
            "title": "Who speaks first",
            "prompt": "<p>At the start of an interview with a child, who explains the "
            "<strong>interpreter's role</strong>?</p>",
            "points": 1,
            "feedback": "The interviewer introduces everyone; "
            "the interpreter then interprets that introduction.",
            "choices": [
                {
                    "text": "The interviewer",
                    "correct": True,
                    "feedback": "Yes: the interviewer leads & introduces.",
                },
                {
                    "text": "The interpreter, in the child's language",
                    "correct": False,
                    "feedback": "No: a private exchange in the child's language "
                    "would not be interpreted.",
                },
                {"text": "The guardian", "correct": False, "feedback": ""},
            ],
        },
    }


def test_multiple_choice(bank):
    assert by_title(bank, "Breaks") == {
        "type": "multiple_choice",
        "value": {
            "title": "Breaks",
            "prompt": "<p>When should the interpreter ask for a break?</p>",
            "points": 2,
            "feedback": "",
            "choices": [
                {
                    "text": "When the child is visibly exhausted",
                    "correct": True,
                    "feedback": "Yes.",
                },
                {
                    "text": "When the interpreter can no longer interpret accurately",
                    "correct": True,
                    "feedback": "Yes: accuracy comes first.",
                },
                {
                    "text": "Whenever the child cries",
                    "correct": False,
                    "feedback": "No: that is for the interviewer to decide.",
                },
            ],
            "scoring": "all_or_nothing",
        },
    }


def test_true_false(bank):
    assert by_title(bank, "First person") == {
        "type": "true_false",
        "value": {
            "title": "First person",
            # moodle_auto_format text is escaped and wrapped.
            "prompt": "<p>The interpreter speaks in the first person, as the child does.</p>",
            "points": 1,
            "feedback": "",
            "answer": True,
            "feedback_true": 'Right: "I", not "she says".',
            "feedback_false": "The third person puts distance between the child "
            "and the interviewer.",
        },
    }


def test_matching(bank):
    assert by_title(bank, "Modes")["value"]["pairs"] == [
        {"left": "Consecutive", "right": "short turns in an interview"},
        {"left": "Whispered (chuchotage)", "right": "one listener in a court room"},
        {"left": "Sight translation", "right": "a written document, read out"},
    ]


def test_ordering(bank):
    assert by_title(bank, "Interview steps") == {
        "type": "ordering",
        "value": {
            "title": "Interview steps",
            "prompt": "<p>Put the steps of an interview in order.</p>",
            "points": 1,
            "feedback": "",
            "items": [
                "Briefing with the interviewer",
                "Introductions and ground rules",
                "The child's free account",
                "Questions & clarifications",
                "Closing and debriefing",
            ],
            "scoring": "per_item",
        },
    }


def test_essay_is_a_reflection_with_no_points(bank):
    assert by_title(bank, "Your own limits") == {
        "type": "reflection",
        "value": {
            "title": "Your own limits",
            "prompt": "<p>Describe a situation in which you would withdraw from an assignment.</p>",
            "points": 0,
            "feedback": "A trainer will read your answer.",
        },
    }


# --- Reading: details -------------------------------------------------------------------------


def test_ordering_follows_fractions_and_reads_all_or_nothing():
    body = (
        "<gradingtype>ALL_OR_NOTHING</gradingtype>"
        '<answer fraction="2"><text>second</text></answer>'
        '<answer fraction="1"><text>first</text></answer>'
        '<answer fraction="3"><text>third</text></answer>'
    )
    value = parse_moodle_xml(quiz(question("ordering", body))).questions[0]["value"]
    assert value["items"] == ["first", "second", "third"]
    assert value["scoring"] == "all_or_nothing"


@pytest.mark.parametrize(
    ("text", "text_format", "prompt"),
    [
        ("Is 3 < 4?\n\nYes & no.", "plain_text", "<p>Is 3 &lt; 4?</p><p>Yes &amp; no.</p>"),
        ("Say **this** *gently*", "markdown", "<p>Say <strong>this</strong> <em>gently</em></p>"),
        ("<p>Hi<script>x()</script></p><iframe>y</iframe>", "html", "<p>Hi</p>"),
        ("Hi <i>there</i>", "html", "<p>Hi <i>there</i></p>"),
    ],
)
def test_prompt_formats(text, text_format, prompt):
    source = quiz(question("essay", "", text=text, text_format=text_format))
    assert parse_moodle_xml(source).questions[0]["value"]["prompt"] == prompt


def test_multichoiceset_is_all_or_nothing_and_partial_multiple_is_proportional():
    choices = answer(50, "a") + answer(50, "b") + answer(0, "c")
    result = parse_moodle_xml(
        quiz(
            question("multichoiceset", choices, name="set"),
            question("multichoice", "<single>false</single>" + choices, name="multi"),
        )
    )
    assert [q["value"]["scoring"] for q in result.questions] == ["all_or_nothing", "proportional"]
    assert [c["correct"] for c in result.questions[0]["value"]["choices"]] == [True, True, False]


def test_points_from_default_grade():
    choices = answer(100, "a") + answer(0, "b")
    result = parse_moodle_xml(
        quiz(
            question("multichoice", "<defaultgrade>2.5000000</defaultgrade>" + choices),
            question("multichoice", choices),
            question("essay", "<defaultgrade>5</defaultgrade>"),
        )
    )
    assert [q["value"]["points"] for q in result.questions] == [3, 1, 0]


@pytest.mark.parametrize(
    ("xml", "reason"),
    [
        (question("numerical", answer(100, "18")), "numerical questions have no equivalent here"),
        (
            question("cloze", ""),
            "cloze (embedded answers) questions have no equivalent here",
        ),
        (question("description", ""), "descriptions (nothing to answer) have no equivalent here"),
        (question("ddwtos", ""), "drag-and-drop into text questions have no equivalent here"),
        (question("somethingnew", ""), "somethingnew questions have no equivalent here"),
        (
            question("multichoice", answer(100, "a") + answer(50, "b")),
            "partial credit in a single-choice question has no equivalent here",
        ),
        (
            question(
                "matching",
                "".join(
                    f"<subquestion><text>{left}</text><answer><text>{right}</text></answer>"
                    "</subquestion>"
                    for left, right in (("a", "1"), ("b", "2"), ("", "3"))
                ),
            ),
            "extra wrong matches (subquestions with no text) have no equivalent here",
        ),
    ],
)
def test_skipped_questions(xml, reason):
    result = parse_moodle_xml(quiz(xml))
    assert result.questions == []
    assert result.report == [ReportLine(3, "Q", "skipped", reason)]


# --- Reading: errors --------------------------------------------------------------------------


def test_malformed_xml_gives_the_parser_line():
    with pytest.raises(MoodleXmlError) as caught:
        parse_moodle_xml("<quiz>\n<question type='essay'>\n<name>\n</question>\n</quiz>")
    assert caught.value.line == 4
    assert str(caught.value).startswith("Line 4: malformed XML (mismatched tag")


def test_root_must_be_quiz():
    with pytest.raises(MoodleXmlError, match="the root element is <questions>, not <quiz>"):
        parse_moodle_xml("<questions/>")


@pytest.mark.parametrize(
    ("body", "qtype", "message"),
    [
        (answer(100, "a") + answer(100, "b"), "multichoice", "more than one answer at 100%"),
        (answer(0, "a") + answer(-50, "b"), "multichoice", "no answer at 100%"),
        (
            "<single>false</single>" + answer(0, "a") + answer(-50, "b"),
            "multichoice",
            "no answer with a fraction above 0",
        ),
        (answer(100, "a"), "multichoice", "at least two answers"),
        (answer(100, "a") + answer(0, ""), "multichoice", "an answer with no text"),
        (answer(100, "a") + answer(150, "b"), "multichoice", "not between -100 and 100"),
        (
            answer("lots", "a") + answer(0, "b"),
            "multichoice",
            "the fraction 'lots' is not a number",
        ),
        (answer(0, "true") + answer(0, "false"), "truefalse", "exactly one of 'true' and 'false'"),
        (
            answer(100, "true") + answer(0, "maybe"),
            "truefalse",
            "one answer 'true' and one 'false'",
        ),
        (
            "<subquestion><text>a</text><answer><text>1</text></answer></subquestion>",
            "matching",
            "at least two subquestions",
        ),
        (
            "<subquestion><text>a</text><answer><text></text></answer></subquestion>" * 2,
            "matching",
            "a matching subquestion with no answer",
        ),
        ('<answer fraction="1"><text>only</text></answer>', "ordering", "at least two items"),
        (
            "<defaultgrade>-1</defaultgrade>" + answer(100, "a") + answer(0, "b"),
            "multichoice",
            "the default grade -1 is negative",
        ),
    ],
)
def test_malformed_question_names_the_question(body, qtype, message):
    source = quiz(
        '<question type="category"><category><text>top</text></category></question>',
        question("essay", "", name="Fine"),
        question(qtype, body, name="Broken"),
    )
    with pytest.raises(MoodleXmlError) as caught:
        parse_moodle_xml(source)
    error = caught.value
    assert (error.question, error.name, error.line) == (2, "Broken", 5)
    assert message in error.message
    assert str(error) == f"Question 2 “Broken” (line 5): {error.message}"


def test_question_without_text_is_an_error():
    with pytest.raises(MoodleXmlError, match="the question has no text"):
        parse_moodle_xml(quiz(question("essay", "", text="  ")))


# --- Security ----------------------------------------------------------------------------------


def test_external_entity_is_refused_and_nothing_is_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-PASSWORD", encoding="utf-8")
    for target in (secret.as_uri(), "file:///etc/passwd"):
        source = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<!DOCTYPE quiz [<!ENTITY xxe SYSTEM "{target}">]>\n'
            "<quiz>"
            + question("essay", "", name="&xxe;", text="<p>Q</p>")
            + "<question type='category'><category><text>&xxe;</text></category></question>"
            + "</quiz>"
        )
        for data in (source, source.encode("utf-8")):
            with pytest.raises(MoodleXmlError, match="refused") as caught:
                parse_moodle_xml(data)
            assert "TOP-SECRET" not in str(caught.value)
            assert "root:" not in str(caught.value)


def test_internal_entities_and_any_doctype_are_refused():
    bomb = (
        '<?xml version="1.0"?>\n<!DOCTYPE quiz [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<quiz><!-- &b; --></quiz>'
    )
    with pytest.raises(MoodleXmlError, match="refused"):
        parse_moodle_xml(bomb)
    with pytest.raises(MoodleXmlError, match="refused"):
        parse_moodle_xml('<?xml version="1.0"?>\n<!DOCTYPE quiz SYSTEM "quiz.dtd">\n<quiz/>')


# --- Writing -----------------------------------------------------------------------------------


def test_export_text_for_one_question(every_kind):
    result = export_moodle_xml([every_kind[4]], category="top/Practice")
    assert result.report == [ReportLine(1, "Steps", "created", "")]
    assert result.text == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        "<quiz>\n"
        '  <question type="category">\n'
        "    <category>\n"
        "      <text>top/Practice</text>\n"
        "    </category>\n"
        "  </question>\n"
        '  <question type="ordering">\n'
        "    <name>\n"
        "      <text>Steps</text>\n"
        "    </name>\n"
        '    <questiontext format="html">\n'
        "      <text>&lt;p&gt;Put these in order.&lt;/p&gt;</text>\n"
        "    </questiontext>\n"
        '    <generalfeedback format="plain_text">\n'
        "      <text></text>\n"
        "    </generalfeedback>\n"
        "    <defaultgrade>1</defaultgrade>\n"
        "    <penalty>0.3333333</penalty>\n"
        "    <hidden>0</hidden>\n"
        "    <layouttype>VERTICAL</layouttype>\n"
        "    <selecttype>ALL</selecttype>\n"
        "    <selectcount>0</selectcount>\n"
        "    <gradingtype>ABSOLUTE_POSITION</gradingtype>\n"
        "    <showgrading>SHOW</showgrading>\n"
        "    <numberingstyle>none</numberingstyle>\n"
        '    <answer fraction="1" format="plain_text">\n'
        "      <text>Brief</text>\n"
        "    </answer>\n"
        '    <answer fraction="2" format="plain_text">\n'
        "      <text>Introduce &amp; explain</text>\n"
        "    </answer>\n"
        '    <answer fraction="3" format="plain_text">\n'
        "      <text>Interpret</text>\n"
        "    </answer>\n"
        '    <answer fraction="4" format="plain_text">\n'
        "      <text>Debrief</text>\n"
        "    </answer>\n"
        "  </question>\n"
        "</quiz>\n"
    )


def test_export_fractions(every_kind):
    text = export_moodle_xml(every_kind[:3]).text
    assert text.count('<answer fraction="100" format="plain_text">') == 1
    assert text.count('<answer fraction="0" format="plain_text">') == 2
    assert text.count('<answer fraction="50" format="plain_text">') == 4
    assert text.count('<answer fraction="-100" format="plain_text">') == 1
    assert text.count('<answer fraction="-33.33333" format="plain_text">') == 3
    assert "<single>true</single>" in text
    assert text.count("<single>false</single>") == 2


def test_export_skips_unknown_kinds():
    result = export_moodle_xml([{"type": "poll", "value": {"title": "P"}}])
    assert result.report == [ReportLine(1, "P", "skipped", "unknown question type 'poll'")]
    assert parse_moodle_xml(result.text).questions == []


# --- Round trips -------------------------------------------------------------------------------


def test_bank_round_trip(bank):
    exported = export_moodle_xml(bank.questions, category=bank.category)
    assert {line.status for line in exported.report} == {"created"}
    again = parse_moodle_xml(exported.text.encode("utf-8"))
    assert again.questions == bank.questions
    assert again.category == bank.category
    assert export_moodle_xml(again.questions, category=again.category).text == exported.text


def test_every_kind_round_trip(every_kind):
    exported = export_moodle_xml(every_kind, category="top/Practice")
    again = parse_moodle_xml(exported.text)
    assert again.questions == every_kind
    assert again.categories == ["top/Practice"] * 7


def test_scoring_round_trips_for_any_number_of_wrong_choices():
    for wrong in range(4):
        for scoring in ("all_or_nothing", "proportional"):
            if wrong == 0 and scoring == "all_or_nothing":
                continue  # every choice right: reads back as proportional (documented)
            choices = [
                {"text": f"right {n}", "correct": True, "feedback": ""} for n in range(2)
            ] + [{"text": f"wrong {n}", "correct": False, "feedback": ""} for n in range(wrong)]
            q = {
                "type": "multiple_choice",
                "value": {"title": "", "prompt": "<p>Q</p>", "points": 1, "feedback": ""}
                | {"choices": choices, "scoring": scoring},
            }
            assert parse_moodle_xml(export_moodle_xml([q]).text).questions == [q]
            assert parse_gift(export_gift([q]).text).questions == [q]


def test_moodle_xml_to_gift_to_moodle_xml(bank):
    representable = [q for q in bank.questions if q["type"] != "ordering"]
    gift = export_gift(representable, category=bank.category).text
    from_gift = parse_gift(gift)
    assert from_gift.questions == representable
    again = parse_moodle_xml(export_moodle_xml(from_gift.questions).text)
    assert again.questions == representable
