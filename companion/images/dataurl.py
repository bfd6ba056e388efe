"""Data URLs (`data:image/jpeg;base64,…`) to bytes, refusing anything that is not an image type we read."""

from __future__ import annotations

import binascii
from base64 import b64decode
from urllib.parse import unquote_to_bytes

# The formats the companion decodes. Browsers' canvas gives JPEG, PNG or WebP; GIF is a page's own.
IMAGE_TYPES = {"image/jpeg": "JPEG", "image/jpg": "JPEG", "image/pjpeg": "JPEG", "image/png": "PNG",
               "image/webp": "WEBP", "image/gif": "GIF"}


class ImageProblem(Exception):
    """Why an image could not be analysed, in words for the response's notes (never the bytes)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def decode_data_url(url: str, *, original: bool = False) -> tuple[str, bytes]:
    """(MIME type, bytes). An original file may be any type (its EXIF is read if Pillow can)."""
    header, _, payload = url.partition(",")
    parts = header[5:].split(";")
    mime = parts[0].strip().lower() or "text/plain"
    if not original and mime not in IMAGE_TYPES:
        raise ImageProblem("image_type", f"is a {_short(mime)} file, not a JPEG, PNG, WebP or GIF image, so it was not analysed")
    try:
        if "base64" in (p.strip().lower() for p in parts[1:]):
            raw = b64decode(payload, validate=True)
        else:
            raw = unquote_to_bytes(payload)
    except (binascii.Error, ValueError):
        raise ImageProblem("image_unreadable", "could not be read: its data URL is not valid base64") from None
    if not raw:
        raise ImageProblem("image_unreadable", "is empty")
    return mime, raw


def _short(mime: str) -> str:
    mime = "".join(c for c in mime if c.isalnum() or c in "/.+-")[:40]
    return mime or "unknown"
