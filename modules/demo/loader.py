"""The demo course as data files: read them, check them with the code's own rules.

`read_demo` reads one language folder (``modules/demo/data/en/``; a French or
Dutch version sits beside it as ``fr/`` or ``nl/``) into plain data and checks
it without writing anything. `stream_data` turns a body or a quiz's questions
into the stream data a page or quiz stores: it resolves references to the rows
``load_initial_data`` made and runs the blocks' own validation (which looks the
rows up), inside the command's transaction, before anything is stored on disk.
Any mistake raises `DemoDataError`: the file, the place in it, the reason.
The files are described in ``modules/demo/README.md``.

What the checks use:

- every model field (titles, slugs, summaries, pass marks, settings...) is
  cleaned by the model field itself (length, choices, numbers, booleans);
- a body is checked against `modules.blocks.ModuleStreamBlock` and questions
  against `quizzes.blocks.QuestionStreamBlock`: block types and field names
  must be ones the blocks declare (Wagtail would drop the others silently),
  then ``to_python`` and ``clean`` apply every block rule (a question with no
  right answer, a list that is too short, a text that is too long...);
- a reference (``"excerpt": "<slug>"``, ``"quiz": "<slug>"``) must name a file
  in ``excerpts/`` or ``quizzes/``; a "listen again" turn must exist in its
  excerpt;
- an excerpt with audio needs its captions beside it (same name, ``.vtt``),
  whose cues match the transcript turn by turn (start and text);
- an exercise needs an excerpt with audio; its turns end in order within that
  audio (a consecutive exercise needs them, a simultaneous one has none), its
  hard moments lie within it, and its model audio is a sound file (ffprobe
  reads it, as it reads a learner's upload);
- a demo rendition is of an exercise that its module places; its audio is a
  sound file no longer than the exercise allows, its turn marks fall within
  that audio and pause where the exercise's turns end, and each remark lies
  within the recording, in one of the fixed categories (practice's own rules).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from wagtail import blocks

from modules.captions import parse_webvtt
from modules.glossary.entries import Concept
from modules.glossary.exchange import AVOID_SEPARATOR, GlossaryFileError, read_records
from modules.glossary.exchange import FIELDS as GLOSSARY_COLUMNS
from modules.glossary.languages import site_languages
from modules.models import (
    CourseIndexPage,
    CourseOutcome,
    CoursePage,
    ExcerptSegment,
    InterviewExcerpt,
    ModulePage,
    PrivacyPage,
)
from modules.models.excerpts import filled_translation
from modules.practice import rules
from modules.practice.audio import NotAudio, probe_path
from modules.practice.models import (
    ExerciseTurn,
    HardMoment,
    InterpretingExercise,
    Remark,
    Rendition,
    Review,
)
from quizzes.blocks import QuestionStreamBlock
from quizzes.models import Quiz

DEMO_DATA = Path(__file__).resolve().parent / "data" / "en"
# The glossary holds every language at once: it sits beside the language folders.
DEMO_GLOSSARY = Path(__file__).resolve().parent / "data" / "glossary.json"
GLOSSARY_KEYS = ("term", "definition")
GLOSSARY_OPTIONAL = ("variants", "notes", "avoid", "source")
# A demo concept's key is made from its English term: a second run finds it again.
DEMO_CONCEPTS = uuid.uuid5(uuid.NAMESPACE_URL, "capisce:demo/glossary")

CATALOGUE_FIELDS = ("title", "slug", "introduction")
PRIVACY_FIELDS = ("title", "slug", "body")
COURSE_FIELDS = (
    "title",
    "slug",
    "summary",
    "introduction",
    "hours",
    "audience",
    "modules_in_order",
)
EXCERPT_FIELDS = ("title", "speaker", "role", "organisation", "setting")
MODULE_FIELDS = ("title", "slug", "summary")
QUIZ_FIELDS = (
    "title",
    "introduction",
    "pass_mark",
    "attempts_allowed",
    "shuffle_questions",
    "shuffle_choices",
    "review_policy",
)
SEGMENT_KEYS = ("start", "speaker", "text")
SEGMENT_OPTIONAL = ("language", "translation")
EXERCISE_FIELDS = (
    "title",
    "briefing",
    "mode",
    "source_language",
    "target_language",
    "model_transcript",
    "max_seconds",
    "review_required",
)
EXERCISE_KEYS = (*EXERCISE_FIELDS, "excerpt", "turns", "hard_moments", "model_audio")
RENDITION_KEYS = (
    "exercise",
    "module",
    "learner",
    "audio",
    "transcript",
    "turn_marks",
    "self_assessment",
    "note",
    "review",
)
REVIEW_KEYS = ("trainer", "scores", "summary", "remarks")
REMARK_KEYS = ("at", "category", "comment")


def body_block():
    return ModulePage._meta.get_field("body").stream_block


def questions_block():
    return Quiz._meta.get_field("questions").stream_block


class DemoDataError(ValueError):
    """A mistake in a demo data file: which file, where in it, and why."""

    def __init__(self, file: str, place: str, reason: str):
        self.file, self.place, self.reason = file, place, reason
        super().__init__(f"{file}, {place}: {reason}" if place else f"{file}: {reason}")


@dataclass(frozen=True)
class PageData:
    file: str
    fields: dict


@dataclass(frozen=True)
class CourseData:
    file: str
    fields: dict
    outcomes: list[str]


@dataclass(frozen=True)
class ExcerptData:
    file: str
    fields: dict
    segments: list[dict]  # start, speaker_label, text: ExcerptSegment's fields
    audio: Path | None
    captions: Path | None
    duration: float | None  # where the last caption ends


@dataclass(frozen=True)
class QuizData:
    file: str
    fields: dict
    questions: list[dict]  # the question-bank shape, excerpts named by slug


@dataclass(frozen=True)
class ModuleData:
    file: str
    fields: dict
    body: list[dict]  # StreamField JSON, excerpts and quizzes named by slug


@dataclass(frozen=True)
class ExerciseData:
    file: str
    fields: dict
    excerpt: str  # the excerpt's slug
    turns: list[Decimal]  # where each turn of the source ends
    hard_moments: list[dict]  # at, label: HardMoment's fields
    model_audio: Path | None
    model_duration: float | None  # as ffprobe reads it


@dataclass(frozen=True)
class ReviewData:
    trainer: str  # the email of a demo account
    scores: dict  # {criterion label: score}
    summary: str
    remarks: list[dict]  # at, category, comment: Remark's fields


@dataclass(frozen=True)
class RenditionData:
    file: str
    name: str  # the file's name without .json: what makes the take the same from run to run
    exercise: str  # the exercise's slug
    module: str  # the module's slug
    learner: str  # the email of a demo account
    audio: Path
    turn_marks: list[dict]  # as practice.rules.check_turn_marks cleans them
    self_scores: dict  # {criterion label: score}
    note: str
    review: ReviewData


@dataclass(frozen=True)
class Demo:
    catalogue: PageData
    course: CourseData
    excerpts: dict[str, ExcerptData]  # by slug (the file name)
    exercises: dict[str, ExerciseData]  # by slug (the file name)
    quizzes: dict[str, QuizData]  # by slug (the file name)
    modules: list[ModuleData]  # in the order of their file names
    renditions: list[RenditionData]  # in the order of their file names
    privacy: PageData | None  # the privacy notice, when the folder has privacy.json


def read_demo(root: Path = DEMO_DATA, *, sounds: Path | None = None) -> Demo:
    """Read and check every file of one language folder; raises DemoDataError.

    A translation's folder (``fr/``, ``nl/``) has no sound files of its own: `sounds` names
    the folder whose recordings it shares (the English ``media/``). Its captions are those
    of its own language, so they follow each turn's translation, not the words spoken.
    """
    root = Path(root)
    translated = sounds is not None
    sounds = Path(sounds) if translated else root / "media"
    catalogue_file, catalogue = _read(root / "catalogue.json")
    _keys(catalogue_file, [], catalogue, CATALOGUE_FIELDS)
    course_file, course = _read(root / "course.json")
    _keys(course_file, [], course, (*COURSE_FIELDS, "outcomes"))
    privacy = _privacy(root / "privacy.json")
    excerpts = {
        path.stem: _excerpt(path, sounds, root / "media", translated)
        for path in _files(root / "excerpts", "*.json")
    }
    segments = {slug: len(excerpt.segments) for slug, excerpt in excerpts.items()}
    exercises = {
        path.stem: _exercise(path, excerpts, sounds)
        for path in _files(root / "exercises", "*.json")
    }
    quiz_files = _files(root / "quizzes", "*.json")
    names = {
        InterviewExcerpt: {slug: slug for slug in excerpts},
        InterpretingExercise: {slug: slug for slug in exercises},
        Quiz: {path.stem: path.stem for path in quiz_files},
    }
    quizzes = {path.stem: _quiz(path, names, segments) for path in quiz_files}
    modules = [_module(path, names, segments) for path in _files(root / "modules", "*.json")]
    _unique(excerpts.values(), "title", "another excerpt has the same title")
    _unique(exercises.values(), "title", "another exercise has the same title")
    _unique(quizzes.values(), "title", "another quiz has the same title")
    _unique(modules, "slug", "another module has the same slug")
    # A learner's rendition is theirs, in no language of the site: only the English folder has
    # the demo's.
    renditions = (
        []
        if translated
        else [
            _rendition(path, exercises, modules, root / "media")
            for path in _files(root / "renditions", "*.json")
        ]
    )
    return Demo(
        catalogue=PageData(catalogue_file, _fields(catalogue_file, [], CourseIndexPage, catalogue)),
        course=CourseData(
            course_file,
            _fields(course_file, [], CoursePage, {k: course[k] for k in COURSE_FIELDS}),
            _outcomes(course_file, course["outcomes"]),
        ),
        excerpts=excerpts,
        exercises=exercises,
        quizzes=quizzes,
        modules=modules,
        renditions=renditions,
        privacy=privacy,
    )


def read_glossary(path: Path = DEMO_GLOSSARY, languages=None) -> list[Concept]:
    """The demo glossary's concepts, checked as an import checks a CSV file (languages the site
    has, a definition for each term, no term twice); raises DemoDataError.

    The file is ``{"concepts": [{"en": {...}, "fr": {...}, "nl": {...}}, ...]}``, each language
    with `term` and `definition`, and optionally `variants` (a list), `notes`, `source` and
    `avoid` (a list of ``{"term": ..., "reason": ...}``).
    """
    languages = list(languages or site_languages())
    file, data = _read(Path(path))
    _keys(file, [], data, ("concepts",))
    records = []
    for number, concept in enumerate(_list(file, ["concepts"], data["concepts"]), start=1):
        place = f"concept {number}"
        if not isinstance(concept, dict) or not concept:
            raise DemoDataError(file, place, "should be a JSON object of languages { … }")
        record = {}
        for language, side in concept.items():
            if language not in languages:
                known = ", ".join(languages)
                raise DemoDataError(
                    file, place, f"“{language}” is not a language of the site (it has: {known})"
                )
            _keys(file, [place, language], side, GLOSSARY_KEYS, optional=GLOSSARY_OPTIONAL)
            variants = _list(file, [place, language, "variants"], side.get("variants", []))
            avoided = []
            for item in _list(file, [place, language, "avoid"], side.get("avoid", [])):
                _keys(file, [place, language, "avoid"], item, ("term", "reason"))
                avoided.append(f"{item['term']} {AVOID_SEPARATOR} {item['reason']}")
            values = {
                "term": side["term"],
                "variants": "\n".join(variants),
                "definition": side["definition"],
                "notes": side.get("notes", ""),
                "avoid": "\n".join(avoided),
                "source": side.get("source", ""),
            }
            record.update({f"{name}_{language}": values[name] for name in GLOSSARY_COLUMNS})
        first = next(iter(concept.values()))["term"]
        record["concept"] = str(uuid.uuid5(DEMO_CONCEPTS, first.casefold()))
        records.append((place, record))
    try:
        return read_records(records, languages)
    except GlossaryFileError as error:
        raise DemoDataError(file, "", "; ".join(error.problems)) from None


def exercise_slugs(body) -> list[str]:
    """The exercises a module's body places (by slug, as read from its file), in order."""
    return [
        child["value"]["exercise"]
        for child in body
        if child["type"] == "interpreting_exercise" and child["value"].get("exercise")
    ]


def stream_data(file: str, place: str, stream_block, raw, references) -> list[dict]:
    """`raw` with its references resolved, checked by `stream_block`'s own rules.

    `references` maps a model to {slug: primary key}. The result is what a
    StreamField stores (without block ids); the blocks' ``clean`` looks the
    references up in the database.
    """
    resolved = _resolve(file, stream_block, raw, [place], references)
    try:
        stream_block.clean(stream_block.to_python(resolved))
    except ValidationError as error:
        where, reason = _problem(error, stream_block, resolved, [place])
        raise DemoDataError(file, _where(where), reason) from error
    return resolved


def with_ids(stream_block, data) -> list[dict]:
    """Stream data with an id on every block and list item, as Wagtail's editor saves it:
    translations find a block's texts by its id (Wagtail gives ids to the top level only)."""

    def fill(node):
        if isinstance(node, list):
            for item in node:
                fill(item)
        elif isinstance(node, dict):
            if "type" in node and "value" in node and not node.get("id"):
                node["id"] = str(uuid.uuid4())
            for value in node.values():
                fill(value)
        return node

    # A cleaned value is bound block by block (to_python's is lazy and would give the data
    # back as it came, lists of plain values included).
    return fill(stream_block.get_prep_value(stream_block.clean(stream_block.to_python(data))))


def grid_scores(file: str, place: str, scores: dict, criteria) -> dict:
    """{criterion id: score} from `scores` keyed by the criteria's labels, checked by the grid's
    own rule. `criteria` is the grid's criteria (with pk, label and scale_max)."""
    ids = {criterion.label: criterion.pk for criterion in criteria}
    unknown = [label for label in scores if label not in ids]
    if unknown:
        known = ", ".join(f"“{label}”" for label in ids) or "none"
        raise DemoDataError(
            file, place, f"no criterion “{unknown[0]}” in the grid (there are: {known})"
        )
    by_id = {ids[label]: score for label, score in scores.items()}
    try:
        return rules.check_scores([(c.pk, c.scale_max) for c in criteria], by_id)
    except ValueError as error:
        raise DemoDataError(file, place, str(error)) from None


# --- Files ---------------------------------------------------------------------------------------


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path(settings.BASE_DIR).resolve()))
    except ValueError:
        return str(path)


def _files(folder: Path, pattern: str) -> list[Path]:
    if not folder.is_dir():
        raise DemoDataError(_shown(folder), "", "the folder is missing")
    return sorted(folder.glob(pattern))


def _read(path: Path) -> tuple[str, dict]:
    file = _shown(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DemoDataError(file, "", "the file is missing") from None
    except UnicodeDecodeError:
        raise DemoDataError(file, "", "the file is not UTF-8 text") from None
    try:
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as error:
        raise DemoDataError(
            file, f"line {error.lineno}, column {error.colno}", f"not valid JSON ({error.msg})"
        ) from None
    if not isinstance(data, dict):
        raise DemoDataError(file, "", "the file should hold one JSON object { … }")
    return file, data


def _where(place) -> str:
    return ", ".join(str(part) for part in place if part != "")


def _keys(file, place, data, keys, optional=()) -> None:
    """`data` is an object with every key of `keys`, some of `optional`, and nothing else."""
    if not isinstance(data, dict):
        raise DemoDataError(file, _where(place), "should be a JSON object { … }")
    for key in data:
        if key not in keys and key not in optional:
            known = ", ".join([*keys, *optional])
            raise DemoDataError(file, _where(place), f"unknown field “{key}” (known: {known})")
    for key in keys:
        if key not in data:
            raise DemoDataError(file, _where(place), f"the field “{key}” is missing")


def _list(file, place, value) -> list:
    if not isinstance(value, list):
        raise DemoDataError(file, _where(place), "should be a JSON list [ … ]")
    return value


def _fields(file, place, model, values, shown=None) -> dict:
    """`values` cleaned by the model's own fields (type, length, choices, range)."""
    cleaned = {}
    for name, value in values.items():
        try:
            cleaned[name] = model._meta.get_field(name).clean(value, None)
        except ValidationError as error:
            where = _where([*place, (shown or {}).get(name, name)])
            raise DemoDataError(file, where, " ".join(error.messages)) from None
    return cleaned


def _unique(items, key, reason) -> None:
    seen = set()
    for item in items:
        value = item.fields[key]
        if value in seen:
            raise DemoDataError(item.file, key, f"{reason} (“{value}”)")
        seen.add(value)


# --- One file each -------------------------------------------------------------------------------


def _outcomes(file, outcomes) -> list[str]:
    return [
        _fields(file, [f"outcomes, outcome {n}"], CourseOutcome, {"text": text})["text"]
        for n, text in enumerate(_list(file, ["outcomes"], outcomes), start=1)
    ]


def _privacy(path: Path) -> PageData | None:
    """The privacy notice (optional: a folder without privacy.json adds none)."""
    if not path.is_file():
        return None
    file, data = _read(path)
    _keys(file, [], data, PRIVACY_FIELDS)
    return PageData(file, _fields(file, [], PrivacyPage, data))


def _excerpt(path: Path, media: Path, captions_dir: Path, translated: bool) -> ExcerptData:
    file, data = _read(path)
    _keys(file, [], data, (*EXCERPT_FIELDS, "segments"), optional=("audio", "sensitive"))
    fields = _fields(file, [], InterviewExcerpt, {k: data[k] for k in EXCERPT_FIELDS})
    if "sensitive" in data:
        if not isinstance(data["sensitive"], bool):
            raise DemoDataError(file, "sensitive", "should be true or false")
        fields["sensitive"] = data["sensitive"]
    segments = []
    for n, segment in enumerate(_list(file, ["segments"], data["segments"]), start=1):
        place = ["segments", f"turn {n}"]
        _keys(file, place, segment, SEGMENT_KEYS, optional=SEGMENT_OPTIONAL)
        if translated and not str(segment.get("translation", "")).strip():
            raise DemoDataError(file, _where(place), "a translated turn needs its “translation”")
        values = {
            "start": segment["start"],
            "speaker_label": segment["speaker"],
            "language": segment.get("language", settings.LANGUAGE_CODE),
            "text": segment["text"],
            "translation": filled_translation(segment["text"], segment.get("translation", "")),
        }
        cleaned = _fields(file, place, ExcerptSegment, values, {"speaker_label": "speaker"})
        if segments and cleaned["start"] < segments[-1]["start"]:
            raise DemoDataError(file, _where([*place, "start"]), "starts before the turn before it")
        segments.append(cleaned)
    if not segments:
        raise DemoDataError(file, "segments", "an excerpt needs at least one turn")
    if data.get("audio"):
        audio, vtt, duration = _audio(
            file,
            media,
            captions_dir,
            data["audio"],
            segments,
            "translation" if translated else "text",
        )
        return ExcerptData(file, fields, segments, audio, vtt, duration)
    return ExcerptData(file, fields, segments, None, None, None)


def _audio(file, media: Path, captions_in: Path, name, segments, captioned: str):
    """The audio file and its captions, which must follow the transcript turn by turn (the
    words spoken, or in a translation their `translation`)."""
    audio = _media_file(file, "audio", media, name)
    captions = captions_in / audio.with_suffix(".vtt").name
    if not captions.is_file():
        raise DemoDataError(file, "audio", f"{_shown(captions)} is missing")
    try:
        cues = parse_webvtt(captions.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise DemoDataError(_shown(captions), "", str(error)) from None
    if len(cues) != len(segments):
        raise DemoDataError(
            file,
            "segments",
            f"{len(segments)} turns, but {captions.name} has {len(cues)} captions: "
            "regenerate the audio with make_audio.sh",
        )
    for n, ((start, _end, text), segment) in enumerate(zip(cues, segments, strict=True), 1):
        if round(Decimal(str(start)), 2) != segment["start"] or text != segment[captioned]:
            raise DemoDataError(
                file,
                f"segments, turn {n}",
                f"does not match caption {n} of {captions.name} ({start} s: {text}): "
                "regenerate the audio with make_audio.sh",
            )
    return audio, captions, cues[-1][1]


def _media_file(file, place, media: Path, name) -> Path:
    """A file of media/ named in a data file."""
    if not isinstance(name, str) or not name or Path(name).name != name:
        raise DemoDataError(file, place, "should be the name of a file in media/")
    path = media / name
    if not path.is_file():
        raise DemoDataError(file, place, f"{_shown(path)} is missing")
    return path


def _sound(file, place, path: Path) -> float:
    """How long a sound file plays, read from its content as an upload is; not sound: an error."""
    try:
        return probe_path(path).duration
    except NotAudio:
        raise DemoDataError(
            file, place, f"{_shown(path)} is not a sound file (ffprobe finds no audio in it)"
        ) from None


def _exercise(path: Path, excerpts, media: Path) -> ExerciseData:
    file, data = _read(path)
    _keys(file, [], data, EXERCISE_KEYS)
    fields = _fields(file, [], InterpretingExercise, {k: data[k] for k in EXERCISE_FIELDS})
    slug = data["excerpt"]
    if slug not in excerpts:
        known = ", ".join(sorted(excerpts)) or "none"
        raise DemoDataError(file, "excerpt", f"no interview excerpt “{slug}” (there are: {known})")
    excerpt = excerpts[slug]
    if excerpt.audio is None:
        raise DemoDataError(
            file, "excerpt", f"“{slug}” has no audio: the source of an exercise must be heard"
        )
    length = round(Decimal(str(excerpt.duration)), 2)
    turns = []
    for n, value in enumerate(_list(file, ["turns"], data["turns"]), start=1):
        place = ["turns", f"turn {n}"]
        end = _fields(file, place, ExerciseTurn, {"end": value})["end"]
        if end <= (turns[-1] if turns else 0):
            raise DemoDataError(file, _where(place), "should end after the turn before it")
        if end > length:
            raise DemoDataError(
                file,
                _where(place),
                f"ends at {end} s, after the end of the audio ({length} s): "
                "regenerate the audio with make_practice_audio.sh",
            )
        turns.append(end)
    if fields["mode"] == InterpretingExercise.Mode.CONSECUTIVE and not turns:
        raise DemoDataError(
            file, "turns", "a consecutive exercise pauses where each turn ends: give the ends"
        )
    if fields["mode"] == InterpretingExercise.Mode.SIMULTANEOUS and turns:
        raise DemoDataError(file, "turns", "a simultaneous exercise plays on: should be []")
    moments = []
    for n, moment in enumerate(_list(file, ["hard_moments"], data["hard_moments"]), start=1):
        place = ["hard_moments", f"moment {n}"]
        _keys(file, place, moment, ("at", "label"))
        cleaned = _fields(file, place, HardMoment, moment)
        if cleaned["at"] > length:
            raise DemoDataError(
                file,
                _where([*place, "at"]),
                f"{cleaned['at']} s is after the end of the audio ({length} s)",
            )
        moments.append(cleaned)
    model_audio = model_duration = None
    if data["model_audio"] is not None:
        model_audio = _media_file(file, "model_audio", media, data["model_audio"])
        model_duration = _sound(file, "model_audio", model_audio)
    return ExerciseData(file, fields, slug, turns, moments, model_audio, model_duration)


def _rendition(path: Path, exercises, modules, media: Path) -> RenditionData:
    """A learner's rendition for the demo accounts, checked by practice's own rules."""
    file, data = _read(path)
    _keys(file, [], data, RENDITION_KEYS)
    slug = data["exercise"]
    if slug not in exercises:
        known = ", ".join(sorted(exercises)) or "none"
        raise DemoDataError(
            file, "exercise", f"no interpreting exercise “{slug}” (there are: {known})"
        )
    exercise = exercises[slug]
    module = next((m for m in modules if m.fields["slug"] == data["module"]), None)
    if module is None:
        known = ", ".join(m.fields["slug"] for m in modules) or "none"
        raise DemoDataError(file, "module", f"no module “{data['module']}” (there are: {known})")
    if slug not in exercise_slugs(module.body):
        raise DemoDataError(
            file, "module", f"{module.file} places no interpreting exercise “{slug}”"
        )
    for key in ("learner", "transcript"):
        if not isinstance(data[key], str):
            raise DemoDataError(file, key, "should be a text")
    audio = _media_file(file, "audio", media, data["audio"])
    duration = _sound(file, "audio", audio)
    max_seconds = exercise.fields["max_seconds"]
    if rules.too_long(duration, max_seconds):
        raise DemoDataError(
            file,
            "audio",
            f"plays {duration:.2f} s, longer than the exercise allows ({max_seconds} s)",
        )
    try:
        marks = rules.check_turn_marks(data["turn_marks"], duration)
    except ValueError as error:
        raise DemoDataError(file, "turn_marks", str(error)) from None
    if len(marks) != len(exercise.turns):
        raise DemoDataError(
            file,
            "turn_marks",
            f"{len(marks)} marks for the {len(exercise.turns)} turns of the exercise: "
            "regenerate the audio with make_practice_audio.sh",
        )
    for mark, end in zip(marks, exercise.turns, strict=True):
        if round(Decimal(str(mark["source_end"])), 2) != end:
            raise DemoDataError(
                file,
                f"turn_marks, turn {mark['turn']}, source_end",
                f"the source pauses at {end} s in {exercise.file}, not at {mark['source_end']} s: "
                "regenerate the audio with make_practice_audio.sh",
            )
    self_scores = _scores(file, ["self_assessment"], data["self_assessment"])
    note = _fields(file, [], Rendition, {"note": data["note"]})["note"]
    review = data["review"]
    _keys(file, ["review"], review, REVIEW_KEYS)
    if not isinstance(review["trainer"], str):
        raise DemoDataError(file, "review, trainer", "should be a text")
    remarks = []
    for n, remark in enumerate(_list(file, ["review", "remarks"], review["remarks"]), start=1):
        place = ["review", "remarks", f"remark {n}"]
        _keys(file, place, remark, REMARK_KEYS)
        cleaned = _fields(file, place, Remark, remark)
        try:
            # Against the length the upload stores (to the hundredth), as remark_add checks.
            rules.check_remark_time(cleaned["at"], round(Decimal(str(duration)), 2))
        except ValueError as error:
            raise DemoDataError(file, _where([*place, "at"]), str(error)) from None
        remarks.append(cleaned)
    return RenditionData(
        file=file,
        name=path.stem,
        exercise=slug,
        module=data["module"],
        learner=data["learner"],
        audio=audio,
        turn_marks=marks,
        self_scores=self_scores,
        note=note,
        review=ReviewData(
            trainer=review["trainer"],
            scores=_scores(file, ["review", "scores"], review["scores"]),
            summary=_fields(file, ["review"], Review, {"summary": review["summary"]})["summary"],
            remarks=remarks,
        ),
    )


def _scores(file, place, scores) -> dict:
    """{criterion label: score}; the grid's own rule checks them once the grid is known."""
    if not isinstance(scores, dict):
        raise DemoDataError(file, _where(place), "should be a JSON object { … }")
    return scores


def _quiz(path: Path, names, segments) -> QuizData:
    file, data = _read(path)
    _keys(file, [], data, (*QUIZ_FIELDS, "questions"))
    fields = _fields(file, [], Quiz, {k: data[k] for k in QUIZ_FIELDS})
    questions = _resolve(file, questions_block(), data["questions"], ["questions"], names)
    for n, question in enumerate(questions, start=1):
        value = question["value"]
        place = ["questions", _label(n, question, questions_block()), "segment"]
        _turn(file, place, value, "segment", segments)
    return QuizData(file, fields, questions)


def _module(path: Path, names, segments) -> ModuleData:
    file, data = _read(path)
    _keys(file, [], data, (*MODULE_FIELDS, "body"))
    fields = _fields(file, [], ModulePage, {k: data[k] for k in MODULE_FIELDS})
    body = _resolve(file, body_block(), data["body"], ["body"], names)
    for place, value in _excerpt_blocks(body, ["body"]):
        for key in ("first_segment", "last_segment"):
            _turn(file, [*place, key], value, key, segments)
    return ModuleData(file, fields, body)


def _excerpt_blocks(stream, place):
    """(place, value) of every interview excerpt in a body, content notes included."""
    for n, child in enumerate(stream, start=1):
        here = [*place, _label(n, child, body_block())]
        if child["type"] == "interview_excerpt":
            yield here, child["value"]
        elif child["type"] == "content_note":
            yield from _excerpt_blocks(child["value"].get("content") or [], [*here, "content"])


def _turn(file, place, value, key, segments) -> None:
    """A turn number given with an excerpt must be one of the excerpt's turns."""
    number, excerpt = value.get(key), value.get("excerpt")
    if isinstance(number, int) and excerpt in segments and number > segments[excerpt]:
        raise DemoDataError(
            file, _where(place), f"“{excerpt}” has {segments[excerpt]} turns, not {number}"
        )


# --- Streams -------------------------------------------------------------------------------------


def _noun(stream_block) -> str:
    return "question" if isinstance(stream_block, QuestionStreamBlock) else "block"


def _label(number, child, stream_block) -> str:
    """How a place names a block: "block 3 (heading)", "question 2 (true_false “Title”)"."""
    value = child.get("value")
    title = value.get("title") if isinstance(value, dict) else None
    kind = f"{child['type']} “{title}”" if title else child["type"]
    return f"{_noun(stream_block)} {number} ({kind})"


def _resolve(file, block, raw, place, references):
    """`raw` checked against `block`'s declaration, with each reference replaced by its key."""
    if isinstance(block, blocks.StreamBlock):
        resolved = []
        for number, child in enumerate(_list(file, place, raw), start=1):
            if not isinstance(child, dict) or set(child) - {"type", "value", "id"}:
                raise DemoDataError(
                    file,
                    _where([*place, f"{_noun(block)} {number}"]),
                    'should be written {"type": …, "value": …}',
                )
            kind = child.get("type")
            if kind not in block.child_blocks:
                known = ", ".join(block.child_blocks)
                raise DemoDataError(
                    file,
                    _where([*place, f"{_noun(block)} {number}"]),
                    f"unknown {_noun(block)} type “{kind}” (known: {known})",
                )
            here = [*place, _label(number, child, block)]
            value = _resolve(file, block.child_blocks[kind], child.get("value"), here, references)
            resolved.append({**child, "value": value})
        return resolved
    if isinstance(block, blocks.StructBlock):
        _keys(file, place, raw, (), optional=tuple(block.child_blocks))
        return {
            name: _resolve(file, block.child_blocks[name], value, [*place, name], references)
            for name, value in raw.items()
        }
    if isinstance(block, blocks.ListBlock):
        return [
            _resolve(file, block.child_block, item, [*place, f"item {number}"], references)
            for number, item in enumerate(_list(file, place, raw), start=1)
        ]
    if isinstance(block, blocks.ChooserBlock) and raw is not None:
        model = block.model_class
        known = references.get(model, {})
        if raw not in known:
            files = ", ".join(sorted(known)) or "none"
            raise DemoDataError(
                file,
                _where(place),
                f"no {model._meta.verbose_name} “{raw}” (there are: {files})",
            )
        return known[raw]
    return raw


def _problem(error, block, raw, place):
    """Where in `raw` the first message of a (nested) block validation error belongs."""
    non_block = getattr(error, "non_block_errors", None)
    if non_block:
        return place, " ".join(m for e in non_block.as_data() for m in e.messages)
    for key, child_error in (getattr(error, "block_errors", None) or {}).items():
        if isinstance(block, blocks.StreamBlock):
            child = raw[key]
            inner = block.child_blocks[child["type"]]
            here = [*place, _label(key + 1, child, block)]
            return _problem(child_error, inner, child["value"], here)
        if isinstance(block, blocks.ListBlock):
            return _problem(child_error, block.child_block, raw[key], [*place, f"item {key + 1}"])
        if isinstance(block, blocks.StructBlock):
            return _problem(child_error, block.child_blocks[key], raw.get(key), [*place, key])
    return place, " ".join(error.messages)
