"""The demo's interpreting exercises: real audio that lasts as long as its captions, turns where
the source pauses, hard moments inside the source, and a model rendition where one is named.
The files are made by modules/demo/make_practice_audio.sh; these tests catch an edit to a
transcript, an exercise or an audio file that was not followed by a new run of the script."""

import json
import struct

import pytest

from modules.demo.loader import DEMO_DATA, read_demo

EXERCISE_KEYS = {
    "title",
    "excerpt",
    "briefing",
    "mode",
    "source_language",
    "target_language",
    "turns",
    "hard_moments",
    "model_audio",
    "model_transcript",
    "max_seconds",
    "review_required",
}
EXERCISES = sorted((DEMO_DATA / "exercises").glob("*.json"))
MAX_BYTES = 300 * 1024


def opus_seconds(path):
    """How long an Ogg Opus file plays: the last page's granule position less the pre-skip."""
    data = path.read_bytes()
    assert data.startswith(b"OggS"), f"{path.name} is not an Ogg file"
    head = data.find(b"OpusHead")
    assert head > 0, f"{path.name} is not Ogg Opus"
    (pre_skip,) = struct.unpack_from("<H", data, head + 10)
    (granule,) = struct.unpack_from("<q", data, data.rfind(b"OggS") + 6)
    return (granule - pre_skip) / 48000


def exercise(path):
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def demo():
    return read_demo()


def test_the_demo_has_the_three_exercises_the_course_needs(demo):
    exercises = [exercise(path) for path in EXERCISES]
    police = [
        e for e in exercises if demo.excerpts[e["excerpt"]].fields["setting"] == "police_interview"
    ]
    therapy = [
        e
        for e in exercises
        if demo.excerpts[e["excerpt"]].fields["setting"] == "therapeutic_session"
    ]
    assert any(e["mode"] == "consecutive" and e["model_audio"] for e in police)
    assert any(e["mode"] == "consecutive" for e in therapy)
    assert any(e["mode"] == "simultaneous" for e in exercises)
    assert {e["review_required"] for e in exercises} == {True, False}


@pytest.mark.parametrize("path", EXERCISES, ids=lambda path: path.stem)
def test_an_exercise_follows_its_audio(path, demo):
    data = exercise(path)
    assert set(data) == EXERCISE_KEYS
    excerpt = demo.excerpts[data["excerpt"]]
    assert excerpt.audio is not None, "an exercise needs an excerpt with audio"
    assert excerpt.audio.stat().st_size < MAX_BYTES

    # The audio plays as long as its captions run (to 10 ms: the script pads every turn).
    length = opus_seconds(excerpt.audio)
    assert length == pytest.approx(excerpt.duration, abs=0.01)
    assert 45 <= length <= 90
    assert length < data["max_seconds"]

    # Consecutive: the source pauses at the end of each turn; simultaneous: it never pauses.
    starts = [float(segment["start"]) for segment in excerpt.segments]
    if data["mode"] == "consecutive":
        # One end a turn, inside its turn: after the turn starts, before the next one does.
        nexts = [*starts[1:], length]
        assert len(data["turns"]) == len(starts)
        for start, end, following in zip(starts, data["turns"], nexts, strict=True):
            assert start < end <= following
        assert data["turns"][-1] == pytest.approx(length, abs=0.01)
    else:
        assert data["mode"] == "simultaneous"
        assert data["turns"] == []

    assert 1 <= len(data["hard_moments"]) <= 3
    for moment in data["hard_moments"]:
        assert set(moment) == {"at", "label"}
        assert 0 <= moment["at"] <= length and moment["label"]

    # The model rendition: one numbered line a turn, and its audio beside the source's.
    lines = data["model_transcript"].split("\n")
    assert [line.split(". ", 1)[0] for line in lines] == [
        str(n) for n in range(1, len(excerpt.segments) + 1)
    ]
    if data["model_audio"]:
        model = DEMO_DATA / "media" / data["model_audio"]
        assert model.stat().st_size < MAX_BYTES
        assert 0.5 * length < opus_seconds(model) < data["max_seconds"]
