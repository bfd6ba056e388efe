"""Images in a check: GPS inside and outside the school's radius, capture time in a lesson,
faces with and without a school context, and the extra missing."""

from __future__ import annotations

from datetime import datetime

from companion.images import analysis, faces
from companion.images.exif import jpeg_exif_segment
from test_images_helpers import (LONDON, NEAR_SCHOOL, SCHOOL, astronaut, data_url, drawn, encode, exif_for,
                            image_attachment)

TUESDAY_P2 = datetime(2026, 11, 24, 10, 15)  # Period 2 in the example timetable
TUESDAY_LUNCH = datetime(2026, 11, 24, 13, 40)
EVENING = "2026-11-24T19:30:00"


def findings(companion, text: str, *attachments, **fields) -> list[dict]:
    body = {"text": text, "attachments": list(attachments), "now": EVENING, **fields}
    return companion.check(body)["findings"]


def rules_of(found: list[dict]) -> set[str]:
    return {f["rule"] for f in found}


def test_a_photo_taken_in_the_grounds_is_a_pupil_image_and_its_location_is_personal_data(companion):
    found = findings(companion, "What a lovely afternoon", image_attachment(exif=exif_for(NEAR_SCHOOL, TUESDAY_LUNCH)))
    by_rule = {f["rule"]: f for f in found}
    school = by_rule["image-location-school"]
    assert school["category"] == "pupil_image" and school["severity"] == "high"
    assert "this photo was taken at school" in school["message"].lower()
    assert "during" not in school["message"]  # lunch is not a lesson
    assert school["spans"] == []
    assert by_rule["image-location-gps"]["category"] == "personal_data"
    assert "location" in by_rule["image-location-gps"]["suggestion"].lower()


def test_a_photo_taken_elsewhere_only_carries_location_data(companion):
    found = findings(companion, "What a lovely afternoon", image_attachment(exif=exif_for(LONDON, TUESDAY_LUNCH)))
    assert rules_of(found) == {"image-location-gps"}
    assert found[0]["category"] == "personal_data"


def test_the_capture_time_in_a_lesson_is_named_in_the_message(companion):
    found = findings(companion, "Look at this", image_attachment(exif=exif_for(SCHOOL, TUESDAY_P2)))
    message = {f["rule"]: f["message"] for f in found}["image-location-school"]
    assert "during Period 2 (Tue 24 Nov, 10:15)" in message


def test_a_photo_without_gps_gives_no_location_finding(companion):
    found = findings(companion, "What a lovely afternoon",
                     image_attachment(exif=exif_for(None, TUESDAY_P2, "Apple", "iPhone 15")))
    assert not rules_of(found) & {"image-location-school", "image-location-gps"}


def test_gps_is_read_from_the_original_file_or_just_its_first_part(companion):
    original = encode(drawn((800, 600)), exif=exif_for(NEAR_SCHOOL))
    scaled = drawn((400, 300))  # the extension's canvas copy: no EXIF left
    whole = image_attachment(scaled, original=data_url(original))
    head = image_attachment(scaled, original=data_url(original[:2048]))  # only the header part
    assert "image-location-school" in rules_of(findings(companion, "Nice", whole))
    assert "image-location-school" in rules_of(findings(companion, "Nice", head))
    segment = jpeg_exif_segment(original)  # or just the EXIF segment, cut out by the extension
    bare = image_attachment(scaled, original=data_url(segment, "application/octet-stream"))
    assert "image-location-school" in rules_of(findings(companion, "Nice", bare))


def test_the_extension_may_send_the_exif_it_read_instead_of_bytes(companion):
    hint = {"type": "image", "name": "a.jpg",
            "exif": {"latitude": NEAR_SCHOOL[0], "longitude": NEAR_SCHOOL[1], "taken": "2026-11-24T10:15:00"}}
    found = findings(companion, "Nice", hint)
    assert {"image-location-school", "image-location-gps"} <= rules_of(found)
    assert "during Period 2" in {f["rule"]: f["message"] for f in found}["image-location-school"]


def test_faces_with_a_school_context_are_a_pupil_image(companion):
    found = findings(companion, "Sports day with my class!", image_attachment(astronaut()))
    faces_finding = {f["rule"]: f for f in found}["image-people-context"]
    assert faces_finding["category"] == "pupil_image" and faces_finding["severity"] == "high"
    assert "shows a face" in faces_finding["message"]


def test_faces_with_a_pupil_named_from_the_roster_are_a_pupil_image(companion):
    found = findings(companion, "Well done Oliver Bennett", image_attachment(astronaut()))
    assert "image-people-context" in rules_of(found)


def test_faces_alone_on_a_personal_post_are_fine(companion):
    assert findings(companion, "Me on holiday, finally some sun", image_attachment(astronaut())) == []


def test_a_picture_without_people_and_school_words_gives_no_faces_finding(companion):
    found = findings(companion, "Sports day with my class!", image_attachment(drawn()))
    assert "image-people-context" not in rules_of(found)


def test_faces_at_school_warn_once_not_twice(companion):
    found = findings(companion, "Sports day with my class!", image_attachment(astronaut(), exif=exif_for(SCHOOL)))
    assert [f["rule"] for f in found if f["category"] == "pupil_image"] == ["image-location-school"]


def test_the_photo_itself_replaces_the_guess_from_the_words(companion):
    found = findings(companion, "Sports day with my class!", image_attachment(astronaut()))
    assert [f["rule"] for f in found if f["category"] == "pupil_image"] == ["image-people-context"]
    found = findings(companion, "Sports day with my class!", image_attachment(drawn()))  # no faces, no GPS
    assert [f["rule"] for f in found if f["category"] == "pupil_image"] == ["pupil-image"]


def test_each_image_is_decoded_once_and_faces_detected_once_per_check(companion, monkeypatch):
    reads, detections = [], []
    real_read, real_count = analysis.PostImages._read, analysis.count_faces
    monkeypatch.setattr(analysis.PostImages, "_read", lambda self, *a, **k: reads.append(1) or real_read(self, *a, **k))
    monkeypatch.setattr(analysis, "count_faces", lambda *a: detections.append(1) or real_count(*a))
    findings(companion, "Sports day with my class!", image_attachment(astronaut(), exif=exif_for(LONDON)),
             image_attachment(drawn()))
    assert len(reads) == 2  # two images, each read once although three image rules ran
    assert len(detections) == 2


def test_no_face_detection_without_a_school_context(companion, monkeypatch):
    detections = []
    real_count = analysis.count_faces
    monkeypatch.setattr(analysis, "count_faces", lambda *a: detections.append(1) or real_count(*a))
    assert findings(companion, "Me on holiday, finally some sun", image_attachment(astronaut())) == []
    assert detections == []  # the rule's context is looked for first; the detector never ran
    findings(companion, "Sports day with my class!", image_attachment(astronaut()))
    assert detections == [1]


def test_without_the_images_extra_the_check_works_and_says_analysis_is_off(companion, monkeypatch):
    monkeypatch.setattr(analysis, "pillow_available", lambda: False)
    monkeypatch.setattr(analysis, "face_detection_available", lambda: False)
    response = companion.check({"text": "Sports day with Oliver Bennett", "attachments": [image_attachment(astronaut())]})
    assert {n["code"] for n in response["notes"]} == {"image_analysis_off"}
    assert "postguard[images]" in response["notes"][0]["message"]
    assert "pupil_reference" in {f["category"] for f in response["findings"]}  # the words are still checked


def test_without_opencv_exif_still_works_and_faces_are_noted_off(companion, monkeypatch):
    monkeypatch.setattr(analysis, "face_detection_available", lambda: False)
    response = companion.check({"text": "Sports day with my class", "now": EVENING,
                                "attachments": [image_attachment(astronaut(), exif=exif_for(LONDON))]})
    assert "image-location-gps" in rules_of(response["findings"])
    assert [n["code"] for n in response["notes"]] == ["face_detection_off"]


def test_no_notes_when_no_image_data_is_sent(companion):
    response = companion.check({"text": "Trip photos!", "attachments": [{"type": "image", "name": "a.jpg"}]})
    assert "notes" not in response


def test_only_the_first_images_are_analysed(companion):
    many = [image_attachment(drawn((320, 240))) for _ in range(analysis.MAX_IMAGES + 2)]
    response = companion.check({"text": "Photos", "attachments": many})
    assert [n["code"] for n in response["notes"]] == ["images_skipped"]


def test_face_detector_settings_change_what_is_found():
    gray = astronaut().convert("L")
    assert len(faces.count_faces(gray, faces.FaceParams())) == 1
    assert faces.count_faces(gray, faces.FaceParams(min_face=0.5)) == []  # no face is half the picture


def test_over_http_too(client, auth):
    reply = client.post("/v1/check", headers=auth, json={
        "text": "Our school trip", "now": EVENING,
        "attachments": [image_attachment(astronaut(), exif=exif_for(NEAR_SCHOOL))]})
    assert reply.status_code == 200
    assert {"image-location-school", "image-location-gps"} <= rules_of(reply.get_json()["findings"])


def test_concurrent_checks_with_images_agree(companion):
    from concurrent.futures import ThreadPoolExecutor

    bodies = [{"text": "Sports day with my class!", "now": EVENING, "trigger": "typing",
               "attachments": [image_attachment(astronaut() if i % 2 else drawn(), exif=exif_for(LONDON))]}
              for i in range(8)]
    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(companion.check, bodies * 2))
    for i, response in enumerate(answers):
        rules = rules_of(response["findings"])
        assert "image-location-gps" in rules
        assert ("image-people-context" in rules) == bool(i % 2)
