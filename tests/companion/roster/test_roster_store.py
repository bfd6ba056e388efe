"""Importing rosters: hashes only, atomic replacement, status and clearing."""

import sqlite3

import pytest

from companion.roster.importer import import_roster, load_index
from companion.roster.mis_csv import RosterFormatError
from companion.roster.names import NameHasher, PersonName, name_forms
from companion.service import Companion




def test_name_forms_cover_preferred_names_and_joined_hashtags():
    forms = name_forms(PersonName("Oliver James", "Bennett", preferred="Ollie"))
    assert {"oliver bennett", "oliverbennett", "oliver james bennett", "ollie bennett", "olliebennett"} <= forms["full"]
    assert forms["first"] == {"oliver", "ollie"}
    assert forms["surname"] == {"bennett"}


def test_hashes_depend_on_the_key():
    assert NameHasher(b"k" * 32).hash("oliver bennett") != NameHasher(b"j" * 32).hash("oliver bennett")


def test_the_database_holds_no_plaintext_names(companion, home):
    companion.store.flush_counts()
    raw = (home / "postguard.sqlite3").read_bytes().lower()
    for word in (b"oliver", b"bennett", b"holloway", b"connor", b"zo\xc3\xab"):
        assert word not in raw
    rows = sqlite3.connect(home / "postguard.sqlite3").execute("SELECT form, h FROM roster_hashes").fetchall()
    assert rows and all(isinstance(h, int) for _, h in rows)


def test_import_reports_rejected_rows_and_keeps_the_rest(companion, tmp_path):
    csv = tmp_path / "pupils.csv"
    csv.write_text("Forename,Surname,Year\nAmira,Khan,7\n,NoForename,8\nBen,,9\nCara,Lee,10\n")
    report = import_roster(companion.store, "pupils", csv, companion.secrets.roster_key())
    assert report.imported == 2
    assert [r.row for r in report.rejected] == [3, 4]
    companion.refresh_rosters(force=True)
    assert companion.roster_size("pupils") == 2
    assert companion.check({"text": "Well done Cara Lee"})["findings"]
    assert not companion.check({"text": "Well done Oliver Bennett"})["findings"]  # replaced, not added


def test_a_failed_import_leaves_the_old_roster(companion, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\x00\x01\x02binary")
    with pytest.raises(RosterFormatError):
        import_roster(companion.store, "pupils", bad, companion.secrets.roster_key())
    companion.refresh_rosters(force=True)
    assert companion.roster_size("pupils") == 6
    assert companion.check({"text": "Well done Oliver Bennett"})["findings"]


def test_an_import_that_dies_midway_rolls_back(companion, monkeypatch):
    def broken_hashes():
        yield ("full", 1, 2)
        raise OSError("disk full")

    from companion.storage import RosterMeta

    meta = RosterMeta("pupils", 1, 0, "now", "x.csv", "id")
    with pytest.raises(OSError):
        companion.store.replace_roster(meta, broken_hashes())
    assert companion.store.roster_meta("pupils").people == 6
    assert len(companion.store.roster_hashes("pupils")) > 6


def test_windows_1252_export_imports(companion, tmp_path):
    csv = tmp_path / "sims.csv"
    csv.write_bytes("Legal Forename,Legal Surname\r\nZoë,D’Souza\r\n".encode("cp1252"))
    report = import_roster(companion.store, "pupils", csv, companion.secrets.roster_key())
    assert report.imported == 1 and report.encoding == "cp1252"
    companion.refresh_rosters(force=True)
    assert companion.check({"text": "zoe d'souza"})["findings"]


def test_a_roster_hashed_under_another_key_is_ignored(companion, home):
    index = load_index(companion.store, "pupils", NameHasher(b"x" * 32), b"x" * 32)
    assert index.people == 0 and not index


def test_server_sees_a_roster_imported_by_another_process(companion, tmp_path, monkeypatch):
    other = Companion(home=companion.home)
    csv = tmp_path / "staff.csv"
    csv.write_text("Forename,Surname\nRowan,Atkinson-Hale\n")
    import_roster(other.store, "staff", csv, other.secrets.roster_key())
    other.close()
    monkeypatch.setattr("companion.service.ROSTER_RECHECK_SECONDS", 0.0)
    findings = companion.check({"text": "Coffee with Rowan Atkinson-Hale"})["findings"]
    assert [f["category"] for f in findings] == ["colleague_reference"]


def test_clear_removes_the_roster(companion):
    companion.store.clear_roster("pupils")
    companion.refresh_rosters(force=True)
    assert companion.roster_size("pupils") == 0
    assert companion.roster_size("staff") == 3
    assert companion.store.roster_hashes("pupils") == []
