"""Uploading a 3-minute rendition against writing the same bytes to the private storage.

Before anything is timed, ffmpeg makes one recording: espeak-ng's speech (a sine where
espeak-ng is missing), looped to 180 seconds, in Opus at 32 kbit/s, mono, in a WebM
written as a live stream: no length in its header and no cues, as Chromium's
MediaRecorder writes it. A learner who accepted the recording notice is signed in to a
`django.test.Client`; the exercise, placed in a live module, allows 240 seconds.

- Upload: the client POSTs the recorder's multipart form (`audio`, `take_id`,
  `turn_marks` with six turns) to `/practice/exercises/<id>/in/<module id>/renditions/`,
  through every middleware, and gets 201. Every POST carries a take_id of its own, so
  every one stores a new rendition. The bodies are encoded before the timing (the
  client sends them as they are), so the time is what the site does with them:
  parsing the multipart body into an upload held in memory (the recording, some
  0.75 MB, is under FILE_UPLOAD_MAX_MEMORY_SIZE); the view's checks (the exercise
  opens to the learner in this module, which reads the course's progress; no take of
  that id yet; consent); copying the upload to a temporary file and running ffprobe
  on it twice, each a process of its own (the container and its streams, then, since
  a browser's WebM has no length in its header, every packet's time to find its
  end); writing the file to the private storage under a random name; inserting the
  rendition's row; and the JSON answer.
- Baseline: `capisce.storage.private_storage().save(...)` of the same bytes (a
  `ContentFile`) under a random name: what storing the recording costs with nothing
  else.
- And, to tell how much of the upload ffprobe takes: `modules.practice.audio.probe_path`
  on a file of the same bytes (both ffprobe runs, and reading their output).

All three are timed by the same harness, interleaved, in the same run. The ratio of the
medians (upload / baseline) is what taking a rendition costs over writing its file.
Before the timing, one upload is checked to answer 201 with a new draft of the
recording's length that stores the very bytes sent; after it, every timed upload is
checked to have stored a rendition of its own. The query count is one upload's.

Memory, in this process. One upload, one probe and one baseline write, each traced on
its own with `tracemalloc`: the Python memory it needed at most, and what it still
holds after a garbage collection (a leak would show there). The upload's peak holds
the test client's copy of the request body (a server reads it from its socket
instead), the upload held in memory and ffprobe's list of packets, read as text. Then
100 uploads in a row: the process's resident memory, its peak (reset before the first
upload where Linux allows it) and Python's allocated blocks, after a garbage
collection, at the 1st, 25th, 50th, 75th and 100th. The first uploads settle the
allocator (some MB), so a leak is looked for in the second half: more than 8 MB from
the 50th to the 100th is flagged, reported, not raised (keeping each recording would
add 37 MB there). ffprobe's own memory, in its process, is not counted.

The files this benchmark stores, renditions and baseline copies, are removed at its end.
"""

import gc
import json
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import BOUNDARY, encode_multipart
from django.urls import reverse

from benchmarks.common import (
    MB,
    TIMING_HEADINGS,
    count_queries,
    environment,
    flag,
    growth_of,
    mb,
    measure_many,
    peak_rss_kb,
    ratio,
    reset_peak_rss,
    results_head,
    rss_kb,
    signed_in,
    site_catalogue,
    table,
    timing_cells,
    traced,
)
from capisce.storage import private_storage, random_name
from modules.models import ExcerptMedia
from modules.practice.audio import probe_path
from modules.practice.models import Rendition
from modules.practice.services import consent_record
from tests.factories import (
    exercise_block,
    make_course,
    make_excerpt,
    make_exercise,
    make_module,
    make_user,
)

NAME = "rendition_upload"
SECONDS = 180
BITRATE = "32k"
MAX_SECONDS = SECONDS + 60
TURNS = 6
BASELINE_FOLDER = "bench-renditions"
MEMORY_UPLOADS = 100
CHECKPOINTS = (1, 25, 50, 75, MEMORY_UPLOADS)
SETTLED = 50  # growth is looked for from this upload to the last
GROWTH_MB = 8  # more resident memory than this after the last upload than after SETTLED
# Given as its own string, the client sends the body as it is instead of encoding a dict.
MULTIPART = f"multipart/form-data; boundary={BOUNDARY}"
SPEECH = (
    "The officer asks the child where she slept last night, and whether anyone was with "
    "her. She answers that she does not remember the name of the street, only that there "
    "was a shop with green shutters and a dog that barked at night."
)


def _ffmpeg(*arguments, stdout=None):
    subprocess.run(  # noqa: S603 (a fixed program, arguments we built)
        [shutil.which("ffmpeg") or "ffmpeg", "-v", "error", "-y", *arguments],
        check=True,
        stdout=stdout,
        stderr=subprocess.PIPE,
    )


def recording(folder):
    """SECONDS of Opus at BITRATE, mono, in a streamed WebM made in `folder`: (path, source)."""
    espeak = shutil.which("espeak-ng")
    if espeak:
        speech = folder / "speech.wav"
        subprocess.run(  # noqa: S603 (a fixed program, arguments we built)
            [espeak, "-v", "en", "-s", "150", "-w", str(speech), SPEECH],
            check=True,
            capture_output=True,
        )
        source, what = ["-stream_loop", "-1", "-i", str(speech)], "espeak-ng speech"
    else:
        source, what = ["-f", "lavfi", "-i", "sine=frequency=220"], "a 220 Hz sine"
    take = folder / "take.webm"
    with take.open("wb") as out:
        _ffmpeg(
            *source,
            *["-t", str(SECONDS), "-ac", "1", "-ar", "48000"],
            *["-c:a", "libopus", "-b:a", BITRATE, "-f", "webm", "-live", "1", "pipe:1"],
            stdout=out,
        )
    return take, what


def turn_marks():
    """TURNS consecutive turns, the rendition's spans sharing the recording."""
    span = SECONDS / TURNS
    return [
        {
            "turn": number,
            "source_end": round(number * 20.0, 1),
            "rendition_start": round((number - 1) * span, 1),
            "rendition_end": round(number * span - 0.5, 1),
        }
        for number in range(1, TURNS + 1)
    ]


def build():
    """A consenting learner and a live module placing an exercise: (learner, exercise, module)."""
    course = make_course(site_catalogue(), title="Rendition upload", slug="rendition-upload")
    media = ExcerptMedia.objects.create(
        title="Source", type="audio", duration=120, file=ContentFile(b"\0" * 64, name="src.ogg")
    )
    excerpt = make_excerpt(title="Where she slept", media=media)
    exercise = make_exercise(
        excerpt,
        title="Interpret where she slept",
        turns=[20 * number for number in range(1, TURNS + 1)],
        max_seconds=MAX_SECONDS,
    )
    module = make_module(course, body=[exercise_block(exercise)])
    learner = make_user(email="rendition-bench@example.test", full_name="Bench Interpreter")
    consent_record(learner=learner)
    return learner, exercise, module, media


class Recorder:
    """The learner's browser: makes the recorder's bodies, posts them."""

    def __init__(self, learner, exercise, module, data):
        self.client = signed_in(learner)
        self.url = reverse("practice:upload", args=[exercise.pk, module.pk])
        self.data = data
        self.marks = json.dumps(turn_marks())

    def body(self):
        """The multipart form of one new take, as bytes."""
        fields = {
            "audio": SimpleUploadedFile("take.webm", self.data, content_type="audio/webm"),
            "take_id": str(uuid.uuid4()),
            "turn_marks": self.marks,
        }
        return encode_multipart(BOUNDARY, fields)

    def post(self, body):
        return self.client.post(self.url, body, content_type=MULTIPART)


def run(repeat=50, warmup=5):
    with tempfile.TemporaryDirectory(prefix="capisce-bench-take-") as folder:
        take, source = recording(Path(folder))
        learner, exercise, module, media = build()
        recorder = Recorder(learner, exercise, module, take.read_bytes())
        baseline_names = []
        try:
            return _run(repeat, warmup, recorder, take, source, exercise, baseline_names)
        finally:
            _remove(exercise, media, baseline_names)


def _remove(exercise, media, baseline_names):
    """Remove the files this benchmark stored, and their folders if left empty."""
    for rendition in Rendition.objects.filter(exercise=exercise):
        rendition.audio.delete(save=False)
    storage = private_storage()
    for name in baseline_names:
        storage.delete(name)
    media.file.delete(save=False)
    for folder in ("renditions", BASELINE_FOLDER, "excerpt-media"):
        try:
            Path(storage.path(folder)).rmdir()
        except OSError:
            pass


def _check(recorder, write):
    """One upload stores a new draft of the recording's length, the bytes sent; the
    baseline writes them too."""
    data = recorder.data
    response = recorder.post(recorder.body())
    if response.status_code != 201:
        raise RuntimeError(f"The upload answered {response.status_code}: {response.content!r}")
    answer = response.json()
    rendition = Rendition.objects.get(pk=answer["id"])
    with rendition.audio.open("rb") as handle:
        stored = handle.read()
    if not answer["created"] or rendition.status != Rendition.Status.DRAFT:
        raise RuntimeError(f"The upload stored {answer}, not a new draft")
    if abs(float(rendition.duration) - SECONDS) > 0.5 or rendition.content_type != "audio/webm":
        raise RuntimeError(f"The upload stored {rendition.duration} s of {rendition.content_type}")
    if stored != data or rendition.size != len(data) or len(rendition.turn_marks) != TURNS:
        raise RuntimeError("The upload did not store the recording and its turn marks as sent")
    with private_storage().open(write(), "rb") as handle:
        if handle.read() != data:
            raise RuntimeError("The baseline did not write the recording's bytes")


def _run(repeat, warmup, recorder, take, source, exercise, baseline_names):
    data = recorder.data
    storage = private_storage()

    def write():
        name = storage.save(random_name(BASELINE_FOLDER, "take.webm"), ContentFile(data))
        baseline_names.append(name)
        return name

    def probe():
        return probe_path(str(take))

    _check(recorder, write)
    if abs(probe().duration - SECONDS) > 0.5:
        raise RuntimeError("ffprobe does not find the recording's length")

    # One body per timed upload, each a take of its own, made before the timing.
    bodies = iter([recorder.body() for _ in range(warmup + repeat)])
    body_bytes = len(recorder.body())
    statuses = set()

    def upload():
        statuses.add(recorder.post(next(bodies)).status_code)

    renditions = Rendition.objects.filter(exercise=exercise)
    before = renditions.count()
    timed = measure_many({"upload": upload, "probe": probe, "baseline": write}, repeat, warmup)
    added = renditions.count() - before
    if statuses != {201} or added != warmup + repeat:
        raise RuntimeError(f"Timed uploads answered {statuses} and stored {added} renditions")
    ratios = ratio(timed, "upload", "baseline")
    probe_share = timed["probe"].median / timed["upload"].median
    probe_share_min = timed["probe"].min / timed["upload"].min

    body = recorder.body()
    queries = {
        "upload": count_queries(lambda: recorder.post(body)),
        "probe": count_queries(probe),
        "baseline": count_queries(write),
    }

    # Memory: one of each, traced on its own (only the status leaves the upload: its
    # response would keep the request, and the request its upload).
    body = recorder.body()
    status, *upload_memory = traced(lambda: recorder.post(body).status_code)
    if status != 201:
        raise RuntimeError(f"The traced upload answered {status}")
    traced_memory = {
        "upload": upload_memory,
        "probe": traced(probe)[1:],
        "baseline": traced(write)[1:],
    }
    points, before_run, seconds = _uploads_in_a_row(recorder)
    first, last = points[0], points[-1]
    settled = next(p for p in points if p["upload"] == SETTLED)
    growth = {
        "rss_mb": mb(growth_of(last["rss_kb"], first["rss_kb"])),
        "peak_rss_mb": mb(growth_of(last["peak_rss_kb"], first["peak_rss_kb"])),
        "python_blocks": last["python_blocks"] - first["python_blocks"],
    }
    settled_growth = {
        "rss_mb": mb(growth_of(last["rss_kb"], settled["rss_kb"])),
        "peak_rss_mb": mb(growth_of(last["peak_rss_kb"], settled["peak_rss_kb"])),
        "python_blocks": last["python_blocks"] - settled["python_blocks"],
    }
    growing = settled_growth["rss_mb"] is not None and settled_growth["rss_mb"] > GROWTH_MB

    peak_ratio = traced_memory["upload"][0] / traced_memory["baseline"][0]
    data_out = results_head(
        NAME,
        repeat,
        warmup,
        ratios,
        queries,
        recording={
            "seconds": SECONDS,
            "bitrate": BITRATE,
            "bytes": len(data),
            "source": source,
            "container": "WebM written as a stream (no length in its header, no cues)",
        },
        probe_share_of_upload=round(probe_share, 3),
        probe_share_of_upload_min=round(probe_share_min, 3),
        traced_peak_ratio=round(peak_ratio, 1),
    )
    sizes = {"upload": body_bytes, "probe": len(data), "baseline": len(data)}
    for name, (peak, kept) in traced_memory.items():
        data_out[name] = {
            **timed[name].as_dict(),
            "queries": queries[name],
            "bytes": sizes[name],
            "traced_peak_bytes": peak,
            "traced_kept_bytes": kept,
        }
    data_out["memory"] = {
        "uploads": MEMORY_UPLOADS,
        "seconds": round(seconds, 1),
        "before": before_run,
        "checkpoints": points,
        "growth_first_to_last": growth,
        f"growth_{SETTLED}_to_last": settled_growth,
        "growing": growing,
        "growing_above_mb": GROWTH_MB,
    }
    data_out.update(environment())

    rows = [["side", *TIMING_HEADINGS, "queries", "bytes", "traced peak MB", "kept KB"]]
    labels = [
        ("upload", f"upload, {SECONDS} s of Opus (POST …/renditions/)"),
        ("probe", "of which: ffprobe (probe_path, same file)"),
        ("baseline", "private_storage().save, same bytes"),
    ]
    for name, label in labels:
        side = data_out[name]
        rows.append(
            [
                label,
                *timing_cells(timed[name]),
                side["queries"],
                side["bytes"],
                round(side["traced_peak_bytes"] / MB, 3),
                round(side["traced_kept_bytes"] / 1024, 1),
            ]
        )
    memory_rows = [["after upload", "RSS MB", "peak RSS MB", "blocks"]]
    memory_rows += [
        [p["upload"], mb(p["rss_kb"]), mb(p["peak_rss_kb"]), p["python_blocks"]] for p in points
    ]
    notes = [
        ratios.note("upload/baseline", repeat, warmup)
        + f"; {len(data)} bytes ({SECONDS} s of {source}, {BITRATE}bit/s Opus)",
        f"ffprobe takes {probe_share:.0%} of the upload's median, {probe_share_min:.0%} of its"
        " minimum",
        f"traced peak: upload {traced_memory['upload'][0] / MB:.2f} MB, baseline"
        f" {traced_memory['baseline'][0] / MB:.2f} MB ({peak_ratio:.1f}x);"
        f" the recording is {len(data) / MB:.2f} MB",
        f"queries per upload: {queries['upload']} (baseline: {queries['baseline']})",
        "",
        f"memory over {MEMORY_UPLOADS} uploads in a row ({seconds:.1f} s):",
        table(memory_rows),
        f"growth from upload 1 to {MEMORY_UPLOADS}: RSS {growth['rss_mb']} MB, peak RSS"
        f" {growth['peak_rss_mb']} MB, {growth['python_blocks']} Python blocks",
        f"growth from upload {SETTLED} to {MEMORY_UPLOADS}: RSS {settled_growth['rss_mb']} MB,"
        f" peak RSS {settled_growth['peak_rss_mb']} MB,"
        f" {settled_growth['python_blocks']} Python blocks" + flag(growing, "GROWING"),
        "peak RSS reset before upload 1"
        if before_run["peak_rss_kb"] is not None and before_run["peak_reset"]
        else "peak RSS not reset: it includes everything this process did before",
    ]
    return rows, notes, data_out


def _uploads_in_a_row(recorder):
    """MEMORY_UPLOADS uploads, memory read at CHECKPOINTS: (checkpoints, before, seconds)."""
    gc.collect()
    reset = reset_peak_rss()
    before = {"rss_kb": rss_kb(), "peak_rss_kb": peak_rss_kb(), "peak_reset": reset}
    points = []
    begun = time.perf_counter()
    for number in range(1, MEMORY_UPLOADS + 1):
        status = recorder.post(recorder.body()).status_code
        if status != 201:
            raise RuntimeError(f"Upload {number} in a row answered {status}")
        if number in CHECKPOINTS:
            gc.collect()
            points.append(
                {
                    "upload": number,
                    "rss_kb": rss_kb(),
                    "peak_rss_kb": peak_rss_kb(),
                    "python_blocks": sys.getallocatedblocks(),
                }
            )
    return points, before, time.perf_counter() - begun
