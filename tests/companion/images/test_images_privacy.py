"""Image bytes never reach the disk, the logs or error bodies: a marker is hidden inside images
(EXIF camera name, a PNG text chunk, corrupt bytes) sent every way an image can arrive, then
looked for everywhere the companion writes, together with a piece of each image's base64."""

from __future__ import annotations

import base64
import json

from PIL import PngImagePlugin

from conftest import files_under
from test_images_helpers import NEAR_SCHOOL, astronaut, data_url, drawn, encode, exif_for

MARKER = "Zq7MarkerImageBytes"



def test_image_bytes_never_reach_disk_logs_or_errors(served, home):
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", MARKER)
    images = {
        "jpeg": data_url(encode(astronaut(), exif=exif_for(NEAR_SCHOOL, make=MARKER, model=MARKER))),
        "png": data_url(encode(drawn((300, 200)), "PNG", pnginfo=info), "image/png"),
        "corrupt": data_url(MARKER.encode() * 50),
        "wrong type": data_url(MARKER.encode() * 50, "text/plain"),
        "truncated": data_url(encode(drawn(), exif=exif_for(NEAR_SCHOOL, make=MARKER))[:3000]),
    }
    pieces = [url.split(",", 1)[1][400:440] for url in images.values() if len(url) > 500]
    answers = [served.request("/v1/check", {"text": "Our school trip", "attachments": [
        {"type": "image", "name": "photo.jpg", "data": url, "original": url}]}) for url in images.values()]
    answers += [
        served.request("/v1/check", {"text": "x", "attachments": [{"type": "image", "data": "http://" + MARKER}]}),
        served.request("/v1/check", {"text": "x", "attachments": [{"type": "image", "exif": {"camera": 5, "taken": MARKER}}]}),
    ]
    assert [status for status, _ in answers] == [200] * len(images) + [400, 400]
    for _status, body in answers:
        assert MARKER not in json.dumps(body)
    assert any(f["rule"] == "image-location-school" for f in answers[0][1]["findings"])
    output = served.stop()
    assert "listening on http://127.0.0.1" in output  # the log was captured at all
    assert MARKER not in output
    for piece in pieces:
        assert piece not in output
    for path in files_under(home):
        content = path.read_bytes()
        assert MARKER.encode() not in content, path
        for piece in pieces:
            assert piece.encode() not in content, path
            assert base64.b64decode(piece)[:24] not in content, path


def test_requests_and_analyses_never_print_image_data_or_positions():
    from companion.engine.request import parse_request
    from companion.images.analysis import PostImages

    url = data_url(encode(drawn((320, 240)), exif=exif_for(NEAR_SCHOOL, make=MARKER)))
    request = parse_request({"text": "x", "attachments": [
        {"type": "image", "data": url, "original": url, "exif": {"latitude": 51.123456, "longitude": -2.654321}}]})
    images = PostImages(request.attachments)
    printed = repr(request) + repr(images.items) + str(images.notes)
    assert url[40:80] not in printed and MARKER not in printed
    assert "51.12" not in printed and "51.84" not in printed and "2.65" not in printed


def test_answers_with_images_are_not_remembered(companion):
    url = data_url(encode(drawn((320, 240)), exif=exif_for(NEAR_SCHOOL)))
    body = {"text": "Nice", "attachments": [{"type": "image", "data": url, "original": url}]}
    first, second = companion.check(body), companion.check(body)
    assert first == second and any(f["rule"] == "image-location-gps" for f in first["findings"])
    remembered = list(getattr(companion.checker, "_answers", {}))
    requests = [part for key in remembered for part in (key if isinstance(key, tuple) else (key,))
                if hasattr(part, "attachments")]
    assert not any(a.data or a.original for request in requests for a in request.attachments)
