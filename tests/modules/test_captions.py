import pytest

from modules.captions import parse_webvtt

GOOD = (
    "WEBVTT\n\n00:00:00.000 --> 00:00:02.500\n<v Officer>Hello.\n\n"
    "00:00:03.000 --> 00:00:04.000\nHi.\n"
)


def test_notes_identifiers_and_hours_are_understood():
    text = (
        "WEBVTT - demo\n\nNOTE a comment\n\n"
        "cue-1\n01:00:00.250 --> 01:00:01.000 align:start\nLate.\n"
    )
    assert parse_webvtt(text) == [(3600.25, 3601.0, "Late.")]


def test_good_file_gives_its_cues():
    assert parse_webvtt(GOOD) == [(0.0, 2.5, "Hello."), (3.0, 4.0, "Hi.")]


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "must begin"),
        ("1\n00:00:00,000 --> 00:00:01,000\nSRT, not VTT\n", "must begin"),
        ("WEBVTT\n\n", "no cues"),
        ("WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nBackwards\n", "Line 3: the cue ends before"),
        ("WEBVTT\n\n00:00 --> banana\nBroken\n", "Line 3: expected a cue timing"),
        ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nok\n\nstray text\n", "Line 7: expected"),
    ],
)
def test_malformed_files_are_refused_with_a_reason(text, message):
    with pytest.raises(ValueError, match=message):
        parse_webvtt(text)
