"""WebVTT captions, checked before they are stored so players never get a broken track.

A strict reading of the parts of WebVTT that captions use: the header, cues with
an optional identifier and a timing line, and NOTE, STYLE and REGION blocks,
which are skipped. Anything else is an error that names its line.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_CAPTIONS_BYTES = 512 * 1024
TIMESTAMP = r"(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})"
TIMING_RE = re.compile(rf"^{TIMESTAMP}[ \t]+-->[ \t]+{TIMESTAMP}(?:[ \t]+.*)?$")


def _seconds(hours, minutes, secs, millis):
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(secs) + int(millis) / 1000


def parse_webvtt(text: str) -> list[tuple[float, float, str]]:
    """Return the cues of a WebVTT document as (start, end, text); ValueError if malformed."""
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not re.match(r"^WEBVTT([ \t].*)?$", lines[0]):
        raise ValueError(_("A WebVTT file must begin with the line “WEBVTT”."))
    cues = []
    number = 1
    while number < len(lines):
        if not lines[number].strip():
            number += 1
            continue
        block_start = number
        block = []
        while number < len(lines) and lines[number].strip():
            block.append(lines[number])
            number += 1
        if re.match(r"^(NOTE|STYLE|REGION)([ \t]|$)", block[0]):
            continue
        timing_index = 0 if "-->" in block[0] else 1
        timing = TIMING_RE.match(block[timing_index].strip()) if len(block) > timing_index else None
        if timing is None:
            raise ValueError(
                _("Line %(line)s: expected a cue timing such as 00:00:01.000 --> 00:00:04.000.")
                % {"line": block_start + timing_index + 1}
            )
        start = _seconds(*timing.groups()[:4])
        end = _seconds(*timing.groups()[4:])
        if end <= start:
            raise ValueError(
                _("Line %(line)s: the cue ends before it starts.")
                % {"line": block_start + timing_index + 1}
            )
        body = "\n".join(block[timing_index + 1 :])
        cues.append((start, end, re.sub(r"<[^>]+>", "", body)))
    if not cues:
        raise ValueError(_("The WebVTT file has no cues."))
    return cues


def validate_webvtt_file(uploaded) -> None:
    """Model-field validator: refuse a captions file that is not well-formed WebVTT."""
    if uploaded.size > MAX_CAPTIONS_BYTES:
        raise ValidationError(_("A captions file may be at most 512 KB."))
    uploaded.seek(0)
    raw = uploaded.read()
    uploaded.seek(0)
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        parse_webvtt(text)
    except UnicodeDecodeError as error:
        raise ValidationError(_("A captions file must be UTF-8 text.")) from error
    except ValueError as error:
        raise ValidationError(str(error)) from error
