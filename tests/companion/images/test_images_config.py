"""The school file's [location] and the image rules' settings: validated on load, with the line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from companion.engine.rulebook import load_rulebook
from companion.engine.school import load_school
from companion.errors import ConfigError
from companion.images.geo import distance_m
from companion.service import Companion
from conftest import REPO
from test_images_helpers import NEAR_SCHOOL, exif_for, image_attachment

SCHOOL = REPO / "school" / "crypt-school.toml"
RULES = REPO / "rules"
SCHOOL_HEAD = '[school]\nname = "X"\n'


def test_the_shipped_school_file_has_an_example_location():
    location = load_school(SCHOOL).location
    assert location is not None and 51.8 < location.latitude < 51.9 and -2.3 < location.longitude < -2.2
    assert "EXAMPLE" in SCHOOL.read_text()


def test_distances_are_in_metres():
    assert 80 < distance_m(51.8476, -2.2588, *NEAR_SCHOOL) < 100
    assert 150_000 < distance_m(51.8476, -2.2588, 51.5074, -0.1278) < 160_000


@pytest.mark.parametrize("table, line, fault", [
    ("[location]\nlatitude = 95.0\nlongitude = -2.2\n", 4, "between -90 and 90"),
    ("[location]\nlatitude = 51.8\nlongitude = -200\n", 5, "between -180 and 180"),
    ("[location]\nlatitude = 51.8\nlongitude = -2.2\nradius_m = 5\n", 6, "between 10 and 5000 metres"),
    ("[location]\nlatitude = 51.8\nlongitude = -2.2\nradius = 100\n", 6, "'location.radius' is not a setting"),
    ("[location]\nlatitude = \"51.8\"\nlongitude = -2.2\n", 4, "must be a number"),
    ("[location]\nlongitude = -2.2\n", None, "'location.latitude' is missing"),
])
def test_bad_locations_name_the_line(tmp_path, table, line, fault):
    path = tmp_path / "school.toml"
    path.write_text(SCHOOL_HEAD + table)
    with pytest.raises(ConfigError, match=fault) as caught:
        load_school(path)
    if line is not None:
        assert caught.value.line == line


def test_without_a_location_only_the_gps_rule_fires(tmp_path, home):
    school = tmp_path / "school.toml"
    school.write_text(SCHOOL.read_text().split("[location]")[0])
    service = Companion(home=home, school_file=school)
    try:
        found = service.check({"text": "Nice", "attachments": [image_attachment(exif=exif_for(NEAR_SCHOOL))]})["findings"]
        assert {f["rule"] for f in found} == {"image-location-gps"}
    finally:
        service.close()


@pytest.fixture
def rules_copy(tmp_path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(RULES, target)
    return target


@pytest.mark.parametrize("rule, old, new, fault", [
    ("image-people-context", "scale_factor = 1.15", "scale_factor = 3", "scale_factor must be from 1.01 to 2.0"),
    ("image-people-context", "min_neighbours = 4", "min_neighbours = -1", "min_neighbours must be"),
    ("image-people-context", "min_face = 0.03", "min_face = 0.9", "min_face is a fraction"),
    ("image-people-context", "analyse_px = 1024", "analyse_px = 4000", "analyse_px must be"),
    ("image-people-context", 'cascade = "frontalface_alt2"', 'cascade = "yolo"', "cascade must be one of"),
    ("image-people-context", "min_faces = 1", "min_faces = 0", "min_faces must be"),
    ("image-location-school", 'where = "school"', 'where = "home"', 'where must be "school" or "anywhere"'),
    ("image-location-school", "# radius_m = 250", "radius_m = 1", "radius_m must be between"),
    ("image-location-gps", 'where = "anywhere"', 'where = "anywhere"\nthreshold = 3', "'threshold' is not a setting"),
])
def test_bad_image_rule_settings_name_the_line(rules_copy, rule, old, new, fault):
    path = rules_copy / f"{rule}.toml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))
    with pytest.raises(ConfigError, match=fault) as caught:
        load_rulebook(rules_copy, load_school(SCHOOL))
    assert caught.value.line == text.split(old)[0].count("\n") + 1 + (1 if "threshold" in new else 0)


def test_a_rule_radius_overrides_the_school_files(rules_copy, home):
    path = rules_copy / "image-location-school.toml"
    path.write_text(path.read_text().replace("# radius_m = 250", "radius_m = 50"))
    service = Companion(home=home, rules_dir=rules_copy)
    try:
        found = service.check({"text": "Nice", "attachments": [image_attachment(exif=exif_for(NEAR_SCHOOL))]})["findings"]
        assert "image-location-school" not in {f["rule"] for f in found}  # 90 m away, outside 50 m
    finally:
        service.close()
