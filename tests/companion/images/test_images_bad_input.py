"""Bad images never fail a check: corrupt, truncated, bombs, wrong types → no image findings
and a note; badly shaped fields → a plain 400."""

from __future__ import annotations

import base64
import re
import struct
import zlib

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from PIL import Image

from companion.engine.request import MAX_IMAGE_DATA_CHARS
from companion.errors import RequestError
from test_images_helpers import NEAR_SCHOOL, astronaut, data_url, drawn, encode, exif_for

TEXT = "Sports day with my class"
IMAGE_RULES = {"image-location-school", "image-location-gps", "image-people-context"}


def answer(companion, url: str, **extra) -> dict:
    return companion.check({"text": TEXT, "attachments": [{"type": "image", "data": url, **extra}]})


def assert_noted(response: dict, code: str) -> None:
    assert not IMAGE_RULES & {f["rule"] for f in response["findings"]}
    assert [n["code"] for n in response["notes"]] == [code], response["notes"]
    assert response["notes"][0]["attachment"] == 0
    assert response["notes"][0]["message"].startswith("Image 1 ")


def png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header declares width × height but carries almost no data."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


def test_corrupt_bytes_are_noted(companion):
    assert_noted(answer(companion, data_url(b"\xff\xd8\xff\xe0 this is not really a jpeg" * 20)), "image_unreadable")


def test_a_truncated_jpeg_is_noted(companion):
    whole = encode(astronaut(), exif=exif_for(NEAR_SCHOOL))
    response = answer(companion, data_url(whole[: len(whole) // 2]))
    assert [n["code"] for n in response["notes"]] == ["image_unreadable"]
    # its EXIF was readable, so the location is still reported; the pixels are not used
    assert "image-people-context" not in {f["rule"] for f in response["findings"]}


def test_a_decompression_bomb_is_not_decoded(companion):
    assert_noted(answer(companion, data_url(png_claiming(100_000, 100_000), "image/png")), "image_too_large")


def test_an_image_over_the_size_limit_is_not_decoded(companion):
    assert_noted(answer(companion, data_url(png_claiming(5000, 4000), "image/png")), "image_too_large")


def test_pillows_own_bomb_limit_is_an_error_not_a_warning(companion, monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    small = encode(drawn((40, 30)), "PNG")  # 1,200 pixels: Pillow warns (over 1×, under 2× the limit)
    assert_noted(answer(companion, data_url(small, "image/png")), "image_too_large")
    large = encode(drawn((100, 100)), "PNG")  # over 2×: Pillow raises
    assert_noted(answer(companion, data_url(large, "image/png")), "image_too_large")


@pytest.mark.parametrize("mime", ["text/plain", "image/svg+xml", "application/pdf", ""])
def test_wrong_mime_types_are_noted(companion, mime):
    assert_noted(answer(companion, data_url(encode(astronaut()), mime)), "image_type")


def test_a_declared_type_that_lies_is_still_read_safely(companion):
    response = answer(companion, data_url(b"%PDF-1.4 not an image", "image/png"))
    assert_noted(response, "image_unreadable")


def test_invalid_base64_is_noted(companion):
    assert_noted(answer(companion, "data:image/jpeg;base64,@@@not base64@@@"), "image_unreadable")


def test_an_unreadable_original_is_noted_but_the_image_is_still_analysed(companion):
    response = answer(companion, data_url(encode(astronaut())), original=data_url(b"HEIC-ish bytes", "image/heic"))
    assert [n["code"] for n in response["notes"]] == ["image_metadata_unreadable"]
    assert "image-people-context" in {f["rule"] for f in response["findings"]}


def test_an_empty_data_field_is_no_image(companion):
    assert "notes" not in answer(companion, "")


@pytest.mark.parametrize("attachment, fault", [
    ({"data": 12}, "'attachments[0].data' must be a data URL"),
    ({"data": "https://example.com/a.jpg"}, "must be a data URL"),
    ({"original": ["x"]}, "'attachments[0].original' must be a data URL"),
    ({"exif": "51.8,-2.2"}, "'attachments[0].exif' must be an object"),
    ({"exif": {"latitude": 200, "longitude": 0}}, "between -90 and 90"),
    ({"exif": {"latitude": 51.8}}, "both 'latitude' and 'longitude'"),
    ({"exif": {"latitude": True, "longitude": 0}}, "must be a number"),
    ({"exif": {"taken": "yesterday"}}, "'attachments[0].exif.taken' must be a local date and time"),
    ({"data": "data:image/jpeg;base64," + "A" * MAX_IMAGE_DATA_CHARS}, "1024 pixels on its long side"),
])
def test_badly_shaped_image_fields_are_plain_400s(companion, client, auth, attachment, fault):
    body = {"text": TEXT, "attachments": [{"type": "image", **attachment}]}
    with pytest.raises(RequestError, match=re.escape(fault)):
        companion.check(body)
    if len(str(attachment)) < 1000:  # the too-long one is over the HTTP body limit and gets a 413
        reply = client.post("/v1/check", headers=auth, json=body)
        assert reply.status_code == 400
        assert fault.split("'")[-1].strip()[:20] in reply.get_json()["error"]["message"]


def test_bad_images_over_http_are_200_with_notes(client, auth):
    for url in (data_url(b"garbage"), data_url(png_claiming(90_000, 90_000), "image/png"), data_url(b"x", "text/html")):
        reply = client.post("/v1/check", headers=auth, json={"text": TEXT, "attachments": [{"type": "image", "data": url}]})
        assert reply.status_code == 200
        assert reply.get_json()["notes"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=600), mime=st.sampled_from(["image/jpeg", "image/png", "image/webp", "image/gif"]),
       prefix=st.sampled_from([b"", b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF89a", b"RIFF\x00\x00\x00\x00WEBPVP8 "]))
def test_random_bytes_never_fail_a_check(companion, raw, mime, prefix):
    url = f"data:{mime};base64,{base64.b64encode(prefix + raw).decode()}"
    response = companion.check({"text": TEXT, "attachments": [{"type": "image", "data": url, "original": url}]})
    assert isinstance(response["findings"], list)


def test_odd_exif_raises_no_warnings_that_could_reach_the_log(companion, recwarn):
    exif = exif_for(NEAR_SCHOOL, make="Apple")
    exif[0x8769] = {0x927C: b"x" * 40000}  # a large maker note, then cut short
    whole = encode(drawn((320, 240)), exif=exif)
    answer(companion, data_url(encode(drawn((320, 240)))), original=data_url(whole[:3000]))
    answer(companion, data_url(whole[:3000]))
    assert not [w for w in recwarn if "PIL" in w.filename or "EXIF" in str(w.message)]
