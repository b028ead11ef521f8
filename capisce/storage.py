"""The private storage: files that have no public URL and are served only by views that check
who asks (certificate PDFs, interview media and captions, later learners' recordings).

Its files are named at random, never after what they hold (a certificate's code, say), so a
name seen once tells nothing and cannot be guessed.
"""

import posixpath
import uuid

from django.core.files.storage import FileSystemStorage, storages
from django.utils.deconstruct import deconstructible

PRIVATE = "private"


class PrivateFileSystemStorage(FileSystemStorage):
    """A folder outside MEDIA_ROOT (PRIVATE_ROOT) that has no URL at all."""

    def url(self, name):
        raise ValueError(
            "A private file has no public URL: serve it with capisce.media.serve_private_file."
        )


def private_storage():
    """The STORAGES["private"] backend (a callable, so that tests and settings can swap it)."""
    return storages[PRIVATE]


@deconstructible
class RandomName:
    """upload_to: `<folder>/<random hex><extension of the uploaded file>`."""

    def __init__(self, folder):
        self.folder = folder

    def __call__(self, instance, filename):
        return random_name(self.folder, filename)


def random_name(folder, filename):
    extension = posixpath.splitext(filename)[1].lower()[:10]
    return f"{folder}/{uuid.uuid4().hex}{extension}"
