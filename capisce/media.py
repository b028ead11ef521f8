"""Serves uploaded media when no proxy or object store does (development, tests, `make run`).

Browsers seek in audio and video with HTTP range requests, which Django's own
static view does not answer, so a click on a transcript segment would not move
the player. This view answers a single byte range. Production serves media
from object storage or the proxy instead (SERVE_MEDIA off).
"""

import mimetypes
import re

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.utils._os import safe_join
from django.views.decorators.http import require_GET

RANGE_RE = re.compile(r"^bytes=(\d*)-(\d*)$")


@require_GET
def serve_media(request, path):
    try:
        full_path = safe_join(str(settings.MEDIA_ROOT), path)
    except Exception as error:  # a path that leaves the media root
        raise Http404() from error
    try:
        handle = open(full_path, "rb")  # noqa: SIM115 - FileResponse closes it
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError) as error:
        raise Http404() from error
    size = handle.seek(0, 2)
    content_type = mimetypes.guess_type(full_path)[0] or "application/octet-stream"
    match = RANGE_RE.match(request.headers.get("Range", ""))
    if not match or (not match.group(1) and not match.group(2)):
        handle.seek(0)
        response = FileResponse(handle, content_type=content_type)
        response["Accept-Ranges"] = "bytes"
        return response
    first, last = match.groups()
    if first:
        start, end = int(first), min(int(last) if last else size - 1, size - 1)
    else:
        start, end = max(size - int(last), 0), size - 1
    if start >= size or start > end:
        handle.close()
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    handle.seek(start)
    body = handle.read(end - start + 1)
    handle.close()
    response = HttpResponse(body, status=206, content_type=content_type)
    response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Accept-Ranges"] = "bytes"
    return response
