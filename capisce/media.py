"""Serving files: private ones after a view's check, public uploads where nothing else does.

Browsers seek in audio and video with HTTP range requests, which Django's own
static view does not answer, so a click on a transcript segment would not move
the player. Both helpers here answer a single byte range (206), say 416 for a
range past the end, and send the whole file for a header they cannot read.

Private files (capisce.storage) are served by `serve_private_file` only, from a
view that has checked who asks. It streams the file itself, hands it to the
proxy with X-Accel-Redirect, or redirects to the storage's short-lived signed
URL (PRIVATE_FILES_SERVE: django, accel or redirect).

`serve_media` answers public uploads (images and renditions, admin avatars, media
thumbnails) in development, tests and `make run` (SERVE_MEDIA); production
serves those from the proxy or object storage.
"""

import mimetypes
import posixpath
import re
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    HttpResponseRedirect,
    StreamingHttpResponse,
)
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

# At most 18 digits: longer numbers are past any file and are read as no range at all.
RANGE_RE = re.compile(r"^bytes=(\d{0,18})-(\d{0,18})$")
CHUNK_SIZE = 64 * 1024
# Everything else under MEDIA_ROOT is private or served by a view (Wagtail's documents).
PUBLIC_MEDIA_FOLDERS = ("images/", "original_images/", "media_thumbnails/", "avatar_images/")


class Unsatisfiable(Exception):
    """The range asked for starts past the end of the file."""


def requested_range(header, size):
    """(first, last) byte of the one range asked for, or None to send the whole file.

    A missing, malformed or multiple range is None (RFC 9110 lets a server ignore
    it); a range that starts past the end raises Unsatisfiable.
    """
    match = RANGE_RE.match(header.strip())
    if not match or match.groups() == ("", ""):
        return None
    first, last = match.groups()
    if first:
        start = int(first)
        if last and int(last) < start:
            return None
        end = min(int(last), size - 1) if last else size - 1
    else:
        length = int(last)
        if length == 0:
            raise Unsatisfiable()
        start, end = max(size - length, 0), size - 1
    if start >= size:
        raise Unsatisfiable()
    return start, end


def read_span(storage, name, start, length):
    with storage.open(name, "rb") as handle:
        handle.seek(start)
        while length > 0:
            chunk = handle.read(min(CHUNK_SIZE, length))
            if not chunk:
                return
            length -= len(chunk)
            yield chunk


def storage_response(request, storage, name, content_type):
    """The stored file, or the byte range the request asks for; 404 if there is no such file."""
    try:
        size = storage.size(name)
    except (OSError, SuspiciousFileOperation, ValueError):  # missing, a folder, a NUL byte
        raise Http404() from None
    try:
        span = requested_range(request.headers.get("Range", ""), size)
    except Unsatisfiable:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    if span is None:
        response = FileResponse(storage.open(name, "rb"), content_type=content_type)
    else:
        start, end = span
        response = StreamingHttpResponse(
            read_span(storage, name, start, end - start + 1),
            status=206,
            content_type=content_type,
        )
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
        response["Content-Length"] = str(end - start + 1)
    response["Accept-Ranges"] = "bytes"
    return response


def serve_private_file(request, field_file, *, filename, as_attachment=False, content_type=None):
    """Serve a file of the private storage to someone the calling view has let in.

    `filename` is the name the browser shows or saves, never the stored one.
    """
    storage, name = field_file.storage, field_file.name
    if not name:
        raise Http404()
    content_type = content_type or mimetypes.guess_type(name)[0] or "application/octet-stream"
    mode = settings.PRIVATE_FILES_SERVE
    if mode == "redirect":
        # Object storage (django-storages with querystring_auth) signs a URL that expires soon.
        response = HttpResponseRedirect(storage.url(name))
    elif mode == "accel":
        if not storage.exists(name):
            raise Http404()
        response = HttpResponse(content_type=content_type)
        prefix = settings.PRIVATE_FILES_ACCEL_REDIRECT.rstrip("/")
        response["X-Accel-Redirect"] = f"{prefix}/{quote(name)}"
    else:
        response = storage_response(request, storage, name, content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
    response["Cache-Control"] = "private, no-cache"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def is_public_media(path):
    """A plain relative path into one of the public folders: no `..`, no `//`, not absolute."""
    return path.startswith(PUBLIC_MEDIA_FOLDERS) and posixpath.normpath(path) == path


@require_GET
def serve_media(request, path):
    if not is_public_media(path):
        raise Http404()
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    return storage_response(request, default_storage, path, content_type)
