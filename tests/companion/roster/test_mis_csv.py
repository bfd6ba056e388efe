"""Tests for companion.roster.mis_csv: reading MIS roster CSV exports."""

import codecs

import pytest

from companion.roster.mis_csv import (
    ParsedRoster,
    RejectedRow,
    RosterFormatError,
    RosterPerson,
    parse_roster_csv,
)


def csv_bytes(*lines: str, encoding: str = "utf-8", newline: str = "\r\n") -> bytes:
    return (newline.join(lines) + newline).encode(encoding)


def names(roster: ParsedRoster) -> list[tuple[str, str]]:
    return [(p.forename, p.surname) for p in roster.people]


# ----------------------------------------------------------------- MIS header styles

def test_sims_style_export():
    data = csv_bytes(
        "Legal Surname,Legal Forename,Preferred Surname,Preferred Forename,Middle Name(s),Year,Reg",
        "Bennett,Oliver,Bennett,Olly,James,Year 9,9C",
        "Hughes,Zoë,Hughes-Price,Zoë,,Year 8,8R",
    )
    roster = parse_roster_csv(data)
    assert roster.columns == {
        "surname": "Legal Surname",
        "forename": "Legal Forename",
        "preferred": "Preferred Forename",
        "middle": "Middle Name(s)",
        "year": "Year",
        "reg_group": "Reg",
    }
    assert roster.people == [
        RosterPerson(2, "Oliver", "Bennett", "Olly", "James", "Year 9", "9C", None),
        RosterPerson(3, "Zoë", "Hughes", None, None, "Year 8", "8R", None),
    ]
    assert roster.rejected == []
    assert roster.encoding == "utf-8"


def test_arbor_style_export():
    data = csv_bytes(
        "Student,Legal first name,Preferred first name,Legal last name,Year,Registration form",
        "Isla O'Connor,Isla,Izzy,O'Connor,Y10,10H",
    )
    roster = parse_roster_csv(data)
    # Separate forename/surname columns win over the full-name "Student" column.
    assert roster.columns["forename"] == "Legal first name"
    assert roster.columns["surname"] == "Legal last name"
    assert roster.columns["reg_group"] == "Registration form"
    person = roster.people[0]
    assert (person.forename, person.surname, person.preferred) == ("Isla", "O'Connor", "Izzy")
    assert (person.year, person.reg_group) == ("Y10", "10H")


def test_bromcom_style_export_with_odd_spacing_and_case():
    data = csv_bytes(
        "  FORENAME ,Preferred  Forename,SURNAME,Year Group,Tutor Group,Gender",
        "Amelia,,Khan,12,12W,F",
    )
    roster = parse_roster_csv(data)
    assert roster.columns["forename"] == "FORENAME"
    assert roster.columns["reg_group"] == "Tutor Group"
    assert roster.people[0] == RosterPerson(2, "Amelia", "Khan", None, None, "12", "12W", None)


def test_staff_export_with_titles():
    data = csv_bytes("Title,First Name,Last Name,Role", "Dr,Helen,Okonkwo,Deputy Head", "Mx,Sam,Lee,")
    roster = parse_roster_csv(data)
    assert [p.title for p in roster.people] == ["Dr", "Mx"]
    assert names(roster) == [("Helen", "Okonkwo"), ("Sam", "Lee")]


@pytest.mark.parametrize(
    "forename_header,surname_header",
    [
        ("Firstname", "Family Name"),
        ("Given Name", "Surname"),
        ("Pupil Forename", "Pupil Surname"),
        ("legal_first_name", "LAST-NAME"),
        ("Forename", "Preferred Surname"),
    ],
)
def test_header_synonyms(forename_header, surname_header):
    roster = parse_roster_csv(csv_bytes(f"{forename_header},{surname_header}", "Ava,Patel"))
    assert roster.columns == {"forename": forename_header, "surname": surname_header}
    assert names(roster) == [("Ava", "Patel")]


def test_legal_surname_preferred_over_preferred_surname_whatever_the_order():
    data = csv_bytes("Preferred Surname,Forename,Legal Surname", "Smith,Ava,Patel")
    roster = parse_roster_csv(data)
    assert roster.columns["surname"] == "Legal Surname"
    assert roster.people[0].surname == "Patel"


def test_preferred_only_column_is_used_as_forename():
    roster = parse_roster_csv(csv_bytes("Known As,Surname", "Max,Novak"))
    assert roster.columns == {"forename": "Known As", "surname": "Surname"}
    assert names(roster) == [("Max", "Novak")]


# ----------------------------------------------------------------- encodings

def test_utf8_bom():
    data = codecs.BOM_UTF8 + csv_bytes("Forename,Surname", "Zoë,Brontë")
    roster = parse_roster_csv(data)
    assert roster.encoding == "utf-8-sig"
    assert roster.columns["forename"] == "Forename"  # BOM not glued to the first heading
    assert names(roster) == [("Zoë", "Brontë")]


def test_cp1252_export():
    data = b"Forename,Surname\r\nZo\xeb,O\x92Neill\r\nRen\xe9e,Dupont\r\n"
    roster = parse_roster_csv(data)
    assert roster.encoding == "cp1252"
    assert names(roster) == [("Zoë", "O\u2019Neill"), ("Renée", "Dupont")]


def test_utf16_with_bom_tab_delimited():
    text = "Forename\tSurname\tYear\r\nZoë\tÅberg\t7\r\n"
    for codec in ("utf-16", "utf-16-le", "utf-16-be"):
        bom = {"utf-16": b"", "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}[codec]
        roster = parse_roster_csv(bom + text.encode(codec))
        assert roster.encoding == "utf-16"
        assert names(roster) == [("Zoë", "Åberg")]
        assert roster.people[0].year == "7"


def test_utf16_without_bom():
    roster = parse_roster_csv("Forename,Surname\r\nZoë,Hughes\r\n".encode("utf-16-le"))
    assert roster.encoding == "utf-16-le"
    assert names(roster) == [("Zoë", "Hughes")]


def test_decomposed_accents_are_normalised_to_nfc():
    roster = parse_roster_csv(csv_bytes("Forename,Surname", "Zoe\u0308,Hughes"))
    assert roster.people[0].forename == "Zo\u00eb"


# ----------------------------------------------------------------- delimiters and quoting

def test_semicolon_delimited():
    data = csv_bytes("Nom;Forename;Surname;Year", "x;Ava;Patel;9", "y;Leo;Jones;10")
    roster = parse_roster_csv(data)
    assert names(roster) == [("Ava", "Patel"), ("Leo", "Jones")]
    assert [p.year for p in roster.people] == ["9", "10"]


def test_tab_delimited_with_commas_in_cells():
    data = csv_bytes("Surname\tForename\tNotes", "Patel\tAva\tlikes maths, art", "Jones\tLeo\t")
    roster = parse_roster_csv(data)
    assert names(roster) == [("Ava", "Patel"), ("Leo", "Jones")]


def test_quoted_fields_with_commas_and_newlines_keep_row_numbers():
    data = csv_bytes(
        "Forename,Surname,Address,Year",
        'Ava,Patel,"1 High St,\nGloucester",9',
        "Leo,,x,9",
        '"Smith, Jr",Jones,"",10',
    )
    roster = parse_roster_csv(data)
    assert names(roster) == [("Ava", "Patel"), ("Smith, Jr", "Jones")]
    assert [p.row for p in roster.people] == [2, 5]
    assert roster.rejected == [RejectedRow(4, "no surname")]


def test_blank_lines_trailing_columns_and_extra_cells():
    data = b"Forename,Surname,,,\n\nAva,Patel,,,\n,,,,\n   \nLeo,Jones,9C,extra,cells,here\n\n"
    roster = parse_roster_csv(data)
    assert names(roster) == [("Ava", "Patel"), ("Leo", "Jones")]
    assert [p.row for p in roster.people] == [3, 6]
    assert roster.rejected == []


def test_short_rows_are_padded():
    roster = parse_roster_csv(csv_bytes("Forename,Surname,Year,Reg Group", "Ava,Patel"))
    assert roster.people[0].year is None and roster.people[0].reg_group is None


# ----------------------------------------------------------------- single name column

@pytest.mark.parametrize(
    "cell,expected",
    [
        ('"Bennett, Oliver"', ("Oliver", None, "Bennett")),
        ('"Bennett, Oliver James Peter"', ("Oliver", "James Peter", "Bennett")),
        ("Oliver Bennett", ("Oliver", None, "Bennett")),
        ("Oliver James Bennett", ("Oliver", "James", "Bennett")),
        ("Lotte van der Berg", ("Lotte", None, "van der Berg")),
        ("BENNETT Oliver James", ("Oliver", "James", "BENNETT")),
        ("Isla O'Connor-Smith", ("Isla", None, "O'Connor-Smith")),
    ],
)
def test_single_full_name_column(cell, expected):
    roster = parse_roster_csv(csv_bytes("Name,Year", f"{cell},9"))
    assert roster.columns == {"full_name": "Name", "year": "Year"}
    person = roster.people[0]
    assert (person.forename, person.middle, person.surname) == expected
    assert person.year == "9"


def test_full_name_with_title_and_bracketed_preferred_name():
    data = csv_bytes("Full Name", "Mrs Helen Okonkwo", '"Bennett, Oliver (Olly)"')
    roster = parse_roster_csv(data)
    assert roster.people[0].title == "Mrs"
    assert names(roster)[0] == ("Helen", "Okonkwo")
    assert (roster.people[1].forename, roster.people[1].preferred) == ("Oliver", "Olly")


def test_full_name_with_unquoted_comma_is_rejoined():
    roster = parse_roster_csv(b"Pupil Name,Reg\nBennett, Oliver,9C\nHughes, Zoe,8R\n")
    assert names(roster) == [("Oliver", "Bennett"), ("Zoe", "Hughes")]
    assert [p.reg_group for p in roster.people] == ["9C", "8R"]


def test_full_name_with_one_word_is_rejected():
    roster = parse_roster_csv(csv_bytes("Student Name", "Oliver", "Zoe Hughes"))
    assert names(roster) == [("Zoe", "Hughes")]
    assert len(roster.rejected) == 1
    assert roster.rejected[0].row == 2
    assert "only one name" in roster.rejected[0].reason
    assert "Oliver" not in roster.rejected[0].reason


# ----------------------------------------------------------------- preamble

def test_title_lines_and_blank_lines_above_header():
    data = csv_bytes(
        "The Crypt School - Student List",
        "Exported 01/09/2026,,",
        "",
        "Adno,Surname,Forename,Reg Group",
        "1001,Patel,Ava,9C",
    )
    roster = parse_roster_csv(data)
    assert names(roster) == [("Ava", "Patel")]
    assert roster.people[0].row == 5  # line number in the file


def test_header_beyond_first_ten_lines_is_not_found():
    preamble = [f"Report line {i}" for i in range(10)]
    with pytest.raises(RosterFormatError):
        parse_roster_csv(csv_bytes(*preamble, "Forename,Surname", "Ava,Patel"))


def test_repeated_header_rows_are_skipped():
    data = csv_bytes("Forename,Surname", "Ava,Patel", "Forename,Surname", "Leo,Jones")
    roster = parse_roster_csv(data)
    assert names(roster) == [("Ava", "Patel"), ("Leo", "Jones")]
    assert roster.rejected == []


# ----------------------------------------------------------------- rows

def test_rejected_rows_have_row_numbers_and_plain_reasons():
    data = csv_bytes(
        "Forename,Surname,Year",
        "Ava,Patel,9",
        ",Jones,9",
        "Leo,,9",
        ",,9",
        "Mia,\u00a0 ,9",
        "Noah,Smith,10",
    )
    roster = parse_roster_csv(data)
    assert names(roster) == [("Ava", "Patel"), ("Noah", "Smith")]
    assert roster.rejected == [
        RejectedRow(3, "no forename"),
        RejectedRow(4, "no surname"),
        RejectedRow(5, "no forename or surname"),
        RejectedRow(6, "no surname"),
    ]


def test_whitespace_including_non_breaking_spaces_is_stripped():
    data = csv_bytes("Forename,Surname,Reg Group", "\u00a0Ava\u00a0, Patel \u200b, 9C\t")
    person = parse_roster_csv(data).people[0]
    assert (person.forename, person.surname, person.reg_group) == ("Ava", "Patel", "9C")


@pytest.mark.parametrize(
    "cell", ["=HYPERLINK(\"x\")", "+44 1452", "@SUM(A1)", "-2+3", "#REF!", "A" * 101]
)
def test_formula_like_or_absurdly_long_names_are_rejected(cell):
    data = csv_bytes("Forename,Surname", f"Ava,{cell}", "Leo,Jones")
    roster = parse_roster_csv(data)
    assert names(roster) == [("Leo", "Jones")]
    assert len(roster.rejected) == 1
    rejected = roster.rejected[0]
    assert rejected.row == 2
    assert rejected.reason.startswith("name looks wrong")
    assert "Surname" in rejected.reason  # says which column
    assert cell not in rejected.reason and "Ava" not in rejected.reason


def test_name_of_exactly_100_characters_is_accepted():
    roster = parse_roster_csv(csv_bytes("Forename,Surname", "Ava," + "B" * 100))
    assert roster.rejected == [] and len(roster.people[0].surname) == 100


def test_suspicious_year_or_group_is_dropped_not_the_person():
    roster = parse_roster_csv(csv_bytes("Forename,Surname,Year,Form", "Ava,Patel,=1+1,-"))
    assert names(roster) == [("Ava", "Patel")]
    assert roster.people[0].year is None and roster.people[0].reg_group is None


def test_placeholder_dash_is_no_surname():
    roster = parse_roster_csv(csv_bytes("Forename,Surname", "Ava,-"))
    assert roster.rejected == [RejectedRow(2, "no surname")]


def test_exact_duplicates_are_kept_once():
    data = csv_bytes(
        "Forename,Surname,Year",
        "Ava,Patel,9",
        "Ava,Patel,9",
        "Ava,Patel,10",  # a different pupil with the same name
        " Ava , Patel ,9",  # same after stripping
    )
    roster = parse_roster_csv(data)
    assert [(p.row, p.year) for p in roster.people] == [(2, "9"), (4, "10")]
    assert roster.rejected == []


def test_preferred_names():
    data = csv_bytes(
        "Forename,Preferred Name,Surname",
        "Oliver,Olly,Bennett",
        "Zoë,Zoë,Hughes",
        "Grace,GRACE,Adams",
        "Ava,,Patel",
    )
    roster = parse_roster_csv(data)
    assert [p.preferred for p in roster.people] == ["Olly", None, None, None]


def test_runaway_quote_is_reported_not_swallowed_silently():
    data = csv_bytes("Forename,Surname,Year", 'Ava,"Patel,9', "Leo,Jones,9", 'Mia,Khan",9', "Noah,Smith,9")
    roster = parse_roster_csv(data)
    assert names(roster) == [("Noah", "Smith")]
    assert roster.rejected[0].row == 2
    assert "quote" in roster.rejected[0].reason
    assert "lines 2 to 4" in roster.rejected[0].reason


def test_report_title_that_looks_like_a_heading_is_not_taken_for_the_header():
    data = csv_bytes("Staff", "Title,Forename,Surname", "Mr,Mark,Jeffries")
    roster = parse_roster_csv(data)
    assert roster.columns == {"title": "Title", "forename": "Forename", "surname": "Surname"}
    assert roster.people == [RosterPerson(3, "Mark", "Jeffries", None, None, None, None, "Mr")]


# ----------------------------------------------------------------- whole-file errors

@pytest.mark.parametrize("data", [b"", b"   \r\n\r\n", codecs.BOM_UTF8, b"\n,,,\n"])
def test_empty_file_is_a_format_error(data):
    with pytest.raises(RosterFormatError, match="empty"):
        parse_roster_csv(data)


@pytest.mark.parametrize(
    "data,hint",
    [
        (b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)), "Excel"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "Excel"),
        (b"Forename,Surname\n\x00\x01\x02\x03binary", "not a text"),
        (bytes(range(1, 32)) * 20, "not a text"),
    ],
)
def test_binary_file_is_a_format_error(data, hint):
    with pytest.raises(RosterFormatError, match=hint) as caught:
        parse_roster_csv(data)
    assert "CSV" in str(caught.value)


def test_no_name_columns_names_headers_seen_and_expected():
    data = csv_bytes("UPN,Date of Birth,Gender,Reg Group", "A123,2012-01-01,F,9C")
    with pytest.raises(RosterFormatError) as caught:
        parse_roster_csv(data)
    message = str(caught.value)
    for heading in ("'UPN'", "'Date of Birth'", "'Gender'", "'Reg Group'"):
        assert heading in message
    assert "Forename" in message and "Surname" in message and "Name" in message


def test_no_name_columns_does_not_echo_cells_that_may_be_names():
    data = csv_bytes("Bennett,Oliver,9C", "Hughes,Zoe,8R")  # no header row at all
    with pytest.raises(RosterFormatError) as caught:
        parse_roster_csv(data)
    message = str(caught.value)
    assert "Bennett" not in message and "Oliver" not in message
    assert "header row" in message


def test_header_without_people_is_a_format_error():
    with pytest.raises(RosterFormatError, match="no people"):
        parse_roster_csv(csv_bytes("Forename,Surname", "", ""))


def test_format_error_is_a_value_error():
    assert issubclass(RosterFormatError, ValueError)


# ----------------------------------------------------------------- progress and size

def make_large_export(rows: int) -> bytes:
    lines = ["Adno,Legal Surname,Legal Forename,Preferred Forename,Year,Reg Group"]
    for i in range(rows):
        year = 7 + i % 7
        lines.append(f"{i},Surname{i},Forename{i},{'Pref' + str(i) if i % 3 == 0 else ''},{year},{year}C")
    return csv_bytes(*lines)


def test_progress_is_reported_and_ends_at_total():
    data = make_large_export(5_000)
    calls = []
    parse_roster_csv(data, progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (len(data), len(data))
    assert 10 <= len(calls) <= 102
    assert all(total == len(data) for _, total in calls)
    dones = [done for done, _ in calls]
    assert dones == sorted(dones)
    assert all(done < len(data) for done in dones[:-1])


def test_progress_on_tiny_file_still_ends_at_total():
    data = csv_bytes("Forename,Surname", "Ava,Patel")
    calls = []
    parse_roster_csv(data, progress=lambda done, total: calls.append((done, total)))
    assert calls and calls[-1] == (len(data), len(data))


def test_fifty_thousand_rows():
    data = make_large_export(50_000)
    calls = []
    roster = parse_roster_csv(data, progress=lambda done, total: calls.append(done))
    assert len(roster.people) == 50_000
    assert roster.rejected == []
    assert roster.people[0] == RosterPerson(2, "Forename0", "Surname0", "Pref0", None, "7", "7C", None)
    last = roster.people[-1]
    assert (last.row, last.forename, last.preferred) == (50_001, "Forename49999", None)
    assert calls[-1] == len(data) and len(calls) <= 102
