"""A check request (CONTRACT.md) read and validated into plain typed values.

Every refusal says, in plain words, what was wrong and what to send instead.
Unknown `context` and `site` values are accepted: they are checked as a post.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from companion.engine.categories import CONTEXTS
from companion.errors import RequestError

MAX_TEXT_CHARS = 50_000
MAX_HTML_CHARS = 1_000_000
MAX_ATTACHMENTS = 20
# An image as a data URL: the extension scales it to 1024 px on the long side (a JPEG of
# about 100-300 KB). The HTTP body is limited to 1 MiB anyway; this bounds the CLI too.
MAX_IMAGE_DATA_CHARS = 1024 * 1024


@dataclass(frozen=True, repr=False)  # a position is personal data: never printed
class ExifHint:
    """What the extension read from the original file's EXIF itself, when it sends that instead of the bytes."""

    latitude: float | None = None
    longitude: float | None = None
    taken: datetime | None = None
    camera: str = ""


@dataclass(frozen=True)
class Attachment:
    type: str
    name: str = ""
    # Image bytes are never printed: repr=False keeps them out of logs and tracebacks.
    data: str = field(default="", repr=False)  # data URL of the image the page shows, scaled down
    original: str = field(default="", repr=False)  # data URL of the original file (or its first part), for EXIF
    exif: ExifHint | None = None


@dataclass(frozen=True)
class CheckRequest:
    text: str | None
    html: str | None
    site: str = ""
    context: str = "post"
    account_kind: str = "personal"
    handle: str = ""
    bio: str = ""
    attachments: tuple[Attachment, ...] = ()
    recipient_name: str = ""
    now: datetime | None = None
    trigger: str = "submit"
    extra: dict = field(default_factory=dict, compare=False)


def _string(body: dict, key: str, limit: int, where: str = "") -> str | None:
    value = body.get(key)
    name = f"{where}.{key}" if where else key
    if value is None:
        return None
    if not isinstance(value, str):
        raise RequestError(f"'{name}' must be text in quotes, not {_kind(value)}.")
    if len(value) > limit:
        raise RequestError(f"'{name}' is too long: {len(value):,} characters, the most is {limit:,}.", "too_long")
    return value


def _table(body: dict, key: str) -> dict:
    value = body.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise RequestError(f"'{key}' must be an object like {{\"name\": \"…\"}}, not {_kind(value)}.")
    return value


def _kind(value: Any) -> str:
    return {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list",
            dict: "an object"}.get(type(value), "nothing")


def parse_now(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise RequestError(f"'now' must be a local date and time like 2026-11-24T10:15:00, not {value[:40]!r}.") from None
    return moment.replace(tzinfo=None)  # the wall-clock time the teacher sees is what the timetable means


def _data_url(item: dict, key: str, index: int) -> str:
    value = item.get(key)
    name = f"attachments[{index}].{key}"
    if value is None or value == "":
        return ""
    if not isinstance(value, str) or not value.startswith("data:") or "," not in value[:200]:
        raise RequestError(f"'{name}' must be a data URL like \"data:image/jpeg;base64,…\", not {_kind(value)}.")
    if len(value) > MAX_IMAGE_DATA_CHARS:
        raise RequestError(
            f"'{name}' is too large: {len(value):,} characters, the most is {MAX_IMAGE_DATA_CHARS:,}. "
            "Send the image scaled to 1024 pixels on its long side.", "too_long")
    return value


def _exif_hint(item: dict, index: int) -> ExifHint | None:
    value = item.get("exif")
    name = f"attachments[{index}].exif"
    if value is None:
        return None
    if not isinstance(value, dict):
        raise RequestError(f"'{name}' must be an object like {{\"latitude\": 51.85, \"longitude\": -2.26}}, not {_kind(value)}.")
    degrees = {}
    for key, limit in (("latitude", 90), ("longitude", 180)):
        number = value.get(key)
        if number is not None and (isinstance(number, bool) or not isinstance(number, (int, float)) or not -limit <= number <= limit):
            raise RequestError(f"'{name}.{key}' must be a number of degrees between -{limit} and {limit}.")
        degrees[key] = None if number is None else float(number)
    if (degrees["latitude"] is None) != (degrees["longitude"] is None):
        raise RequestError(f"'{name}' needs both 'latitude' and 'longitude', or neither.")
    taken = _string(value, "taken", 64, name)
    if taken is not None:
        try:
            taken_at = datetime.fromisoformat(taken.strip().replace("Z", "+00:00")).replace(tzinfo=None)
        except ValueError:
            raise RequestError(f"'{name}.taken' must be a local date and time like 2026-11-24T10:15:00.") from None
    return ExifHint(degrees["latitude"], degrees["longitude"], taken_at if taken is not None else None,
                    _string(value, "camera", 200, name) or "")


def parse_request(body: Any) -> CheckRequest:
    """Validate a decoded JSON body; raises RequestError with a plain message."""
    if not isinstance(body, dict):
        raise RequestError(f"The request must be a JSON object like {{\"text\": \"…\"}}, not {_kind(body)}.")
    text = _string(body, "text", MAX_TEXT_CHARS)
    html = _string(body, "html", MAX_HTML_CHARS)
    if text is None and html is None:
        raise RequestError("Send the post's words as 'text' (or the composer's HTML as 'html').", "missing_text")

    context = _string(body, "context", 40) or "post"
    context = context if context in CONTEXTS else "post"
    account = _table(body, "account")
    kind = _string(account, "kind", 40, "account") or "personal"
    if kind not in ("personal", "school"):
        raise RequestError("'account.kind' must be \"personal\" or \"school\".")
    recipient = _table(body, "recipient")

    raw_attachments = body.get("attachments") or []
    if not isinstance(raw_attachments, list):
        raise RequestError("'attachments' must be a list like [{\"type\": \"image\"}].")
    if len(raw_attachments) > MAX_ATTACHMENTS:
        raise RequestError(f"Too many attachments: {len(raw_attachments)}, the most is {MAX_ATTACHMENTS}.")
    attachments = []
    for index, item in enumerate(raw_attachments):
        if not isinstance(item, dict):
            raise RequestError("Each attachment must be an object like {\"type\": \"image\", \"name\": \"trip.jpg\"}.")
        attachments.append(Attachment(
            type=(_string(item, "type", 40, "attachments[]") or "image").lower(),
            name=_string(item, "name", 500, "attachments[]") or "",
            data=_data_url(item, "data", index),
            original=_data_url(item, "original", index),
            exif=_exif_hint(item, index),
        ))

    trigger = _string(body, "trigger", 20) or "submit"
    return CheckRequest(
        text=text,
        html=html,
        site=(_string(body, "site", 253) or "").lower(),
        context=context,
        account_kind=kind,
        handle=_string(account, "handle", 200, "account") or "",
        bio=_string(account, "bio", 5000, "account") or "",
        attachments=tuple(attachments),
        recipient_name=_string(recipient, "name", 300, "recipient") or "",
        now=parse_now(_string(body, "now", 64)),
        trigger=trigger if trigger in ("submit", "typing") else "submit",
    )
