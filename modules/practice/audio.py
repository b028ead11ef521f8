"""What an uploaded recording is, read from its content with ffprobe (never from its name).

Browsers record WebM/Opus (Chromium, Firefox) or MP4/AAC (Safari); a learner without
MediaRecorder may upload a file of their own. A file is a recording when ffprobe finds an
audio stream, no picture, in a container browsers play. Its length is read from the
container, or, for a browser's WebM that has none in its header, from its last packet.
"""

import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured

PROBE_TIMEOUT = 60
# ffprobe's format name -> (the type served to browsers, the stored file's extension).
CONTAINERS = {
    "matroska,webm": ("audio/webm", ".webm"),
    "mov,mp4,m4a,3gp,3g2,mj2": ("audio/mp4", ".m4a"),
    "ogg": ("audio/ogg", ".ogg"),
    "wav": ("audio/wav", ".wav"),
    "mp3": ("audio/mpeg", ".mp3"),
    "flac": ("audio/flac", ".flac"),
}


class NotAudio(Exception):
    """The file is not a recording this site can keep and play."""


@dataclass(frozen=True)
class Probe:
    content_type: str
    extension: str
    duration: float


def ffprobe():
    path = shutil.which("ffprobe")
    if path is None:
        raise ImproperlyConfigured(
            "ffprobe is needed to check uploaded recordings: install Debian's ffmpeg package."
        )
    return path


def _run(arguments):
    try:
        result = subprocess.run(  # noqa: S603 (a fixed program, arguments we built)
            [ffprobe(), "-v", "error", *arguments],
            capture_output=True,
            timeout=PROBE_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise NotAudio() from None
    if result.returncode != 0:
        raise NotAudio()
    return result.stdout


def probe_path(path) -> Probe:
    """The container, type and length of the recording at `path`; NotAudio if it is none."""
    output = _run(
        ["-show_entries", "format=format_name,duration", "-show_streams", "-of", "json", path]
    )
    try:
        data = json.loads(output or b"{}")
    except ValueError:
        raise NotAudio() from None
    streams = data.get("streams") or []
    kinds = [stream.get("codec_type") for stream in streams]
    pictures = [
        stream
        for stream in streams
        if stream.get("codec_type") == "video"
        and not (stream.get("disposition") or {}).get("attached_pic")
    ]
    if "audio" not in kinds or pictures:
        raise NotAudio()
    container = CONTAINERS.get((data.get("format") or {}).get("format_name", ""))
    if container is None:
        raise NotAudio()
    duration = _number((data.get("format") or {}).get("duration"))
    if not duration:
        duration = _last_packet_end(path)
    if not duration or duration <= 0:
        raise NotAudio()
    return Probe(content_type=container[0], extension=container[1], duration=duration)


def _number(value):
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number == number and number != float("inf") else None


def _last_packet_end(path):
    """The end of the last audio packet: a recording's length when its header has none."""
    output = _run(
        [
            "-select_streams",
            "a:0",
            "-show_entries",
            "packet=pts_time,duration_time",
            "-of",
            "csv=p=0",
            path,
        ]
    )
    end = None
    for line in output.decode("ascii", "replace").splitlines():
        parts = [_number(part) for part in line.split(",")]
        if parts and parts[0] is not None:
            end = max(end or 0.0, parts[0] + (parts[1] if len(parts) > 1 and parts[1] else 0.0))
    return end


def probe_upload(upload) -> Probe:
    """Probe an uploaded file, from its temporary file or from a copy of it in memory."""
    if hasattr(upload, "temporary_file_path"):
        return probe_path(upload.temporary_file_path())
    with tempfile.NamedTemporaryFile(suffix=".upload") as copy:
        for chunk in upload.chunks():
            copy.write(chunk)
        copy.flush()
        return probe_path(copy.name)
