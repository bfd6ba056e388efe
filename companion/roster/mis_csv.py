"""Parsing of roster CSV files exported by school MIS systems.

This module owns turning the bytes of a pupil or staff roster export (SIMS, Arbor,
Bromcom, or a hand-made spreadsheet saved as CSV) into a list of people: detecting the
text encoding and delimiter, finding the header row and mapping its many spellings to
our field names, cleaning cells, splitting single "Name" columns, and deciding which
rows are unusable and why.

It is pure: no files, no storage, no hashing, no logging. The names it handles are
children's personal data, so no message it produces ever contains a name from the file;
reasons and errors give row numbers and column headings only.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from typing import Callable, Iterator

__all__ = [
    "ParsedRoster",
    "RejectedRow",
    "RosterFormatError",
    "RosterPerson",
    "parse_roster_csv",
]


@dataclass(frozen=True, slots=True)
class RosterPerson:
    row: int                 # 1-based line number in the file (header is row 1)
    forename: str            # legal forename(s) as in the file, stripped
    surname: str
    preferred: str | None    # preferred/known-as forename when given and different
    middle: str | None       # middle names when a separate column has them
    year: str | None         # "9", "Year 9", "Y9", "12" ... as given, stripped
    reg_group: str | None    # registration/tutor group, form, class e.g. "9C"
    title: str | None        # staff: Mr/Mrs/Ms/Miss/Dr/Mx ...


@dataclass(frozen=True, slots=True)
class RejectedRow:
    row: int
    reason: str              # plain words a school admin understands, e.g. "no surname"


@dataclass
class ParsedRoster:
    people: list[RosterPerson]
    rejected: list[RejectedRow]
    columns: dict[str, str]  # our field name -> header used
    encoding: str            # "utf-8", "utf-8-sig", "cp1252", "utf-16", ...


class RosterFormatError(ValueError):
    """The file as a whole is unusable; the message says why and what to do (names the headers found)."""


# --------------------------------------------------------------------------- headers

MAX_NAME_LENGTH = 100
HEADER_SEARCH_LINES = 10
_SNIFF_SAMPLE_CHARS = 20_000
_PROGRESS_CALLS = 100

# Ordered: an earlier synonym wins over a later one when a file has both
# (e.g. "Legal Surname" over "Preferred Surname").
_FIELD_SYNONYMS: dict[str, tuple[str, ...]] = {
    "forename": (
        "forename", "legalforename", "firstname", "legalfirstname", "givenname",
        "forenames", "legalforenames", "givennames", "first", "christianname",
    ),
    "surname": (
        "surname", "legalsurname", "lastname", "legallastname", "familyname",
        "last", "preferredsurname", "preferredlastname",
    ),
    "preferred": (
        "preferredforename", "preferredname", "knownas", "preferredfirstname",
        "chosenname", "chosenforename", "preferredforenames", "knownasforename",
    ),
    "middle": (
        "middlename", "middlenames", "middleforename", "middleforenames", "othernames",
    ),
    "year": (
        "year", "yeargroup", "ncyear", "curriculumyear", "yr", "yeargrp",
        "nationalcurriculumyear",
    ),
    "reg_group": (
        "reggroup", "registrationgroup", "reg", "form", "tutorgroup", "class",
        "regform", "registrationform", "formgroup", "tutorform", "reggrp", "tutorgrp",
        "formclass", "classname", "registrationclass",
    ),
    "title": ("title", "salutation"),
    "full_name": (
        "name", "fullname", "legalname", "legalfullname", "displayname",
        "pupil", "student", "child", "learner", "staff", "staffmember", "employee",
    ),
}
# Header words that only say whose column it is: "Pupil Forename" is "Forename".
_HEADER_PREFIXES = ("pupil", "student", "child", "learner", "staff", "employee", "person")

_SYNONYM_RANK: dict[str, tuple[str, int]] = {
    synonym: (field, rank)
    for field, synonyms in _FIELD_SYNONYMS.items()
    for rank, synonym in enumerate(synonyms)
}

_EXPECTED_HEADERS_TEXT = (
    "Expected a forename column (such as 'Forename', 'Legal Forename' or 'First Name') "
    "and a surname column (such as 'Surname', 'Legal Surname' or 'Last Name'), "
    "or one full-name column (such as 'Name' or 'Full Name')."
)

# Words that headings are made of; used only to decide which cells of an unrecognised
# first line are safe to quote back in an error (a cell made of other words may be a name).
_HEADING_WORDS = frozenset(
    """name names forename forenames surname surnames first last given family middle
    preferred known as legal chosen full display year yr nc curriculum national group grp
    reg registration form tutor class title salutation pupil pupils student students staff
    child children learner employee person member upn uln dob date of birth gender sex id
    code email e mail house adno admission number ref reference initial initials role
    department dept teacher job phone mobile tel address postcode status entry leaving
    sen fsm eal ethnicity age school type kind list report other""".split()
)

_TITLES = frozenset(
    "mr mrs ms miss mx dr prof professor rev revd sir dame lady lord fr sr br".split()
)
_SURNAME_PARTICLES = frozenset(
    "van von de der den da das dos di du le la del della st bin binti bint al el ap ter ten".split()
)


def _normalise_header(cell: str) -> str:
    """'Middle Name(s)' -> 'middlenames': case, spaces and punctuation ignored."""
    folded = unicodedata.normalize("NFKD", cell).casefold()
    return "".join(ch for ch in folded if ch.isalnum())


def _header_field(cell: str) -> tuple[str, int] | None:
    """(field, rank) for a header cell, or None if it is not one of ours."""
    key = _normalise_header(cell)
    if not key:
        return None
    if key in _SYNONYM_RANK:
        return _SYNONYM_RANK[key]
    for prefix in _HEADER_PREFIXES:
        if key.startswith(prefix) and key[len(prefix):] in _SYNONYM_RANK:
            field, rank = _SYNONYM_RANK[key[len(prefix):]]
            return field, rank + 100  # an unprefixed heading wins over a prefixed one
    return None


def _map_headers(cells: list[str]) -> dict[str, int]:
    """Our field name -> column index, choosing the best-ranked heading for each field."""
    best: dict[str, tuple[int, int]] = {}
    for index, cell in enumerate(cells):
        found = _header_field(cell)
        if found is None:
            continue
        field, rank = found
        if field not in best or rank < best[field][0]:
            best[field] = (rank, index)
    mapping = {field: index for field, (_, index) in best.items()}
    if "forename" not in mapping and "preferred" in mapping and "surname" in mapping:
        mapping["forename"] = mapping.pop("preferred")
    return mapping


def _header_score(cells: list[str], mapping: dict[str, int]) -> int:
    """How surely a row is the header: 3 separate name columns, 2 a 'Name'-like column,
    1 only a weak one such as 'Student' (which may also be a report's title line), 0 none."""
    if "forename" in mapping and "surname" in mapping:
        return 3
    if "full_name" not in mapping:
        return 0
    found = _header_field(cells[mapping["full_name"]])
    return 2 if found and found[1] < _FIELD_SYNONYMS["full_name"].index("pupil") else 1


def _looks_like_heading(cell: str) -> bool:
    """True if every word of the cell is a heading word, so quoting it cannot leak a name."""
    words = re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+", cell)
    return bool(words) and all(word.lower() in _HEADING_WORDS for word in words)


# --------------------------------------------------------------------------- decoding

def _decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name), or raise RosterFormatError for non-text files."""
    if not data or not data.strip():
        raise RosterFormatError(
            "The file is empty. Export the roster from your MIS as a CSV file and try again."
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    if data.startswith(codecs.BOM_UTF8):
        return data.decode("utf-8-sig", errors="replace"), "utf-8-sig"
    _reject_known_binary_formats(data)
    bomless_utf16 = _guess_bomless_utf16(data)
    if bomless_utf16:
        return data.decode(bomless_utf16, errors="replace"), bomless_utf16
    if b"\x00" in data:
        raise _not_text_error()
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def _reject_known_binary_formats(data: bytes) -> None:
    save_as = "Open it in Excel and choose File > Save As > 'CSV UTF-8 (Comma delimited)', then import that file."
    if data.startswith(b"PK\x03\x04"):
        raise RosterFormatError(f"This is an Excel workbook (.xlsx) or other zip file, not a CSV file. {save_as}")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise RosterFormatError(f"This is an older Excel workbook (.xls), not a CSV file. {save_as}")
    if data.startswith(b"%PDF"):
        raise RosterFormatError(
            "This is a PDF, not a CSV file. Export the roster from your MIS as CSV instead."
        )


def _guess_bomless_utf16(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when the text is plainly UTF-16 without a byte-order mark."""
    sample = data[:400]
    if len(sample) < 4 or len(data) % 2:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > 0.7 * half and even_nuls == 0:
        return "utf-16-le"
    if even_nuls > 0.7 * half and odd_nuls == 0:
        return "utf-16-be"
    return None


def _not_text_error() -> RosterFormatError:
    return RosterFormatError(
        "The file is not a text CSV file (it contains binary data). Export the roster from "
        "your MIS as CSV, or open it in Excel and save it as 'CSV UTF-8 (Comma delimited)'."
    )


def _check_is_text(text: str) -> None:
    if not text.strip():
        raise RosterFormatError(
            "The file is empty. Export the roster from your MIS as a CSV file and try again."
        )
    sample = text[:4096]
    controls = sum(1 for ch in sample if (ch < " " and ch not in "\t\r\n") or ch == "\x7f")
    if controls > max(2, len(sample) // 100):
        raise _not_text_error()


# --------------------------------------------------------------------------- reading

class _LineSource:
    """Feeds lines to csv.reader and counts the characters consumed (for progress)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self.chars = 0

    def __iter__(self) -> Iterator[str]:
        for line in io.StringIO(self._text, newline=""):
            self.chars += len(line)
            yield line


def _records(source: _LineSource, delimiter: str) -> Iterator[tuple[int, int, list[str]]]:
    """Yield (first line, last line, cells) for each non-blank record."""
    reader = csv.reader(source, delimiter=delimiter, quotechar='"', doublequote=True,
                        skipinitialspace=True, strict=False)
    previous_line = 0
    try:
        for cells in reader:
            first_line = previous_line + 1
            previous_line = reader.line_num
            if any(cell.strip() for cell in cells):
                yield first_line, reader.line_num, cells
    except csv.Error as error:
        raise RosterFormatError(
            f"The file could not be read as CSV near line {previous_line + 1} "
            f"({error}). Check for a quote mark (\") that is not closed."
        ) from None


def _candidate_delimiters(text: str) -> list[str]:
    """The sniffed delimiter first, then the others we support."""
    sample = text[:_SNIFF_SAMPLE_CHARS]
    if len(text) > _SNIFF_SAMPLE_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    candidates = [",", ";", "\t"]
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        sniffed = ","
    return [sniffed] + [d for d in candidates if d != sniffed]


def _first_records(text: str, delimiter: str) -> list[tuple[int, int, list[str]]]:
    found = []
    try:
        for record in _records(_LineSource(text), delimiter):
            found.append(record)
            if len(found) >= HEADER_SEARCH_LINES:
                break
    except RosterFormatError:
        pass
    return found


def _find_header(text: str) -> tuple[str, int, list[str], dict[str, int]]:
    """(delimiter, header line, header cells, mapping) or raise RosterFormatError."""
    delimiters = _candidate_delimiters(text)
    best: tuple[int, str, int, list[str], dict[str, int]] | None = None
    for delimiter in delimiters:
        for _, last_line, cells in _first_records(text, delimiter):
            mapping = _map_headers(cells)
            score = _header_score(cells, mapping)
            if score and (best is None or score > best[0]):
                best = (score, delimiter, last_line, cells, mapping)
    if best is None:
        raise _no_name_columns_error(_first_records(text, delimiters[0]))
    return best[1:]


def _no_name_columns_error(records: list[tuple[int, int, list[str]]]) -> RosterFormatError:
    if not records:
        return RosterFormatError(
            "The file is empty (no line has anything in it). " + _EXPECTED_HEADERS_TEXT
        )
    first_line, _, cells = max(
        records, key=lambda r: sum(_looks_like_heading(c.strip()) for c in r[2])
    )
    cells = [_clean_cell(c) for c in cells]
    shown = [c for c in cells if c and _looks_like_heading(c)]
    hidden = sum(1 for c in cells if c) - len(shown)
    if shown:
        seen = f"Line {first_line} has the headings " + ", ".join(f"'{c}'" for c in shown)
        if hidden:
            seen += f" (and {hidden} other column(s) not shown, as they may contain names)"
        seen += ", but no name columns."
    else:
        seen = (
            f"The first lines do not look like a header row (line {first_line} has "
            f"{hidden} column(s), not shown as they may contain names)."
        )
    return RosterFormatError(
        f"Could not find the name columns. {seen} {_EXPECTED_HEADERS_TEXT} "
        "Check that the export includes names and has a header row."
    )


# --------------------------------------------------------------------------- cells

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_FORMULA_START = ("=", "+", "-", "@")
_SPREADSHEET_ERRORS = frozenset(
    "#n/a #ref! #value! #name? #div/0! #null! #num! #spill! #calc!".split()
)
_PLACEHOLDERS = frozenset(["-", "--", "\u2013", "\u2014", ".", "n/a", "#n/a"])


def _clean_cell(raw: str) -> str:
    """Strip and collapse all whitespace (incl. non-breaking spaces); NFC-normalise."""
    if not raw:
        return ""
    if raw.isascii() and raw.isprintable() and "  " not in raw and raw == raw.strip():
        return raw
    text = raw if raw.isascii() else raw.translate(_INVISIBLE)
    text = " ".join(text.split())
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


def _optional(value: str) -> str | None:
    """None for empty cells and placeholders such as '-' or 'N/A'."""
    if not value or value.casefold() in _PLACEHOLDERS:
        return None
    return value


def _name_problem(value: str) -> str | None:
    """Why a (non-empty) name cell looks wrong, or None if it looks like a name."""
    if len(value) > MAX_NAME_LENGTH:
        return f"is over {MAX_NAME_LENGTH} characters long"
    if value.startswith(_FORMULA_START) or value.casefold() in _SPREADSHEET_ERRORS:
        return "looks like a spreadsheet formula"
    return None


def _other_value(value: str) -> str | None:
    """Year, group or title: dropped (None) if empty, a placeholder or suspicious."""
    value = _optional(value)
    if value is None or _name_problem(value):
        return None
    return value


# --------------------------------------------------------------------------- full names

class _RowRejected(Exception):
    def __init__(self, reason: str, *, runaway_quote: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.runaway_quote = runaway_quote


def _take_titles(tokens: list[str]) -> tuple[str | None, list[str]]:
    titles = []
    while len(tokens) > 1 and tokens[0].rstrip(".").casefold() in _TITLES:
        titles.append(tokens.pop(0))
    return (" ".join(titles) or None), tokens


def _split_full_name(value: str, heading: str) -> tuple[str | None, str, str | None, str, str | None]:
    """(title, forename, middle, surname, preferred) from 'Surname, Forename Middle' or
    'Forename Middle Surname' (also 'SURNAME Forename' and 'Forename (Preferred) Surname')."""
    preferred = None
    bracketed = re.search(r"\(([^()]*)\)", value)
    if bracketed:
        preferred = _clean_cell(bracketed.group(1)) or None
        value = _clean_cell(value[: bracketed.start()] + " " + value[bracketed.end():])
    if "," in value:
        surname_part, given_part = (part.strip() for part in value.split(",", 1))
        title, given = _take_titles(given_part.replace(",", " ").split())
        if not surname_part and not given:
            raise _RowRejected("no name")
        if not given:
            raise _RowRejected(f"no forename (the {heading} column has only a surname)")
        if not surname_part:
            raise _RowRejected(f"no surname (nothing before the comma in the {heading} column)")
        return title, given[0], (" ".join(given[1:]) or None), surname_part, preferred
    title, tokens = _take_titles(value.split())
    if len(tokens) < 2:
        raise _RowRejected(
            f"only one name in the {heading} column (need both forename and surname)"
        )
    upper = [t.isupper() and len(t.rstrip(".")) > 1 for t in tokens]
    if upper[0] and not all(upper):  # "SMITH John" / "DE SOUZA Ana Maria"
        split = upper.index(False)
        surname, given = tokens[:split], tokens[split:]
    else:
        split = len(tokens) - 1
        while split > 1 and tokens[split - 1].casefold() in _SURNAME_PARTICLES:
            split -= 1
        given, surname = tokens[:split], tokens[split:]
    return title, given[0], (" ".join(given[1:]) or None), " ".join(surname), preferred


# --------------------------------------------------------------------------- rows

class _RowReader:
    """Turns the cells of one data row into a RosterPerson, or raises _RowRejected."""

    def __init__(self, header: list[str], mapping: dict[str, int], delimiter: str) -> None:
        self.header = [_clean_cell(h) for h in header]
        self.mapping = mapping
        self.full_name = "full_name" in mapping and not (
            "forename" in mapping and "surname" in mapping
        )
        self.width = len(header)
        self.rejoin_unquoted_comma = self.full_name and delimiter == ","

    def heading(self, field: str) -> str:
        return self.header[self.mapping[field]] or field

    def cell(self, cells: list[str], field: str) -> str:
        index = self.mapping.get(field)
        if index is None or index >= len(cells):
            return ""
        raw = cells[index]
        if "\n" in raw or "\r" in raw:
            self._check_not_runaway_quote(raw, field)
        return _clean_cell(raw)

    def _check_not_runaway_quote(self, raw: str, field: str) -> None:
        if field in ("forename", "surname", "preferred", "middle", "full_name") and (
            "," in raw or ";" in raw or "\t" in raw
        ):
            raise _RowRejected(
                f"name looks wrong: a quote mark (\") in the {self.heading(field)} column is "
                "not closed, so the following lines were read as part of this row",
                runaway_quote=True,
            )

    def name_cell(self, cells: list[str], field: str) -> str:
        value = self.cell(cells, field)
        if value.casefold() in _PLACEHOLDERS:
            return ""
        problem = _name_problem(value) if value else None
        if problem:
            raise _RowRejected(f"name looks wrong: the {self.heading(field)} column {problem}")
        return value

    def _rejoin_name_comma(self, cells: list[str]) -> list[str]:
        """A 'Surname, Forename' name written without quotes splits into two cells."""
        used = len(cells)
        while used and not cells[used - 1].strip():
            used -= 1
        if used != self.width + 1:
            return cells
        index = self.mapping["full_name"]
        return cells[:index] + [cells[index] + "," + cells[index + 1]] + cells[index + 2:]

    def person(self, row: int, cells: list[str]) -> RosterPerson:
        if self.rejoin_unquoted_comma:
            cells = self._rejoin_name_comma(cells)
        title = _other_value(self.cell(cells, "title"))
        preferred = self.name_cell(cells, "preferred") or None
        middle = self.name_cell(cells, "middle") or None
        if self.full_name:
            value = self.name_cell(cells, "full_name")
            if not value:
                raise _RowRejected("no name")
            name_title, forename, split_middle, surname, bracketed = _split_full_name(
                value, self.heading("full_name")
            )
            title = title or name_title
            middle = middle or split_middle
            preferred = preferred or bracketed
            for part in (forename, surname, middle or "", preferred or ""):
                if _name_problem(part):
                    raise _RowRejected(
                        f"name looks wrong: the {self.heading('full_name')} column {_name_problem(part)}"
                    )
        else:
            forename = self.name_cell(cells, "forename")
            surname = self.name_cell(cells, "surname")
            if not forename and not surname:
                raise _RowRejected("no forename or surname")
            if not forename:
                raise _RowRejected("no forename")
            if not surname:
                raise _RowRejected("no surname")
        if preferred and preferred.casefold() == forename.casefold():
            preferred = None
        return RosterPerson(
            row=row,
            forename=forename,
            surname=surname,
            preferred=preferred,
            middle=middle,
            year=_other_value(self.cell(cells, "year")),
            reg_group=_other_value(self.cell(cells, "reg_group")),
            title=title,
        )


# --------------------------------------------------------------------------- progress

class _Progress:
    """Calls progress(done_bytes, total_bytes) at most ~100 times, then once with done == total."""

    def __init__(self, callback: Callable[[int, int], None] | None,
                 total_bytes: int, total_chars: int) -> None:
        self.callback = callback
        self.total_bytes = total_bytes
        self.total_chars = max(1, total_chars)
        self.step = max(1, total_chars // _PROGRESS_CALLS)
        self.next_mark = self.step

    def update(self, chars: int) -> None:
        if self.callback is None or chars < self.next_mark:
            return
        self.next_mark = chars + self.step
        done = chars * self.total_bytes // self.total_chars
        self.callback(min(done, max(0, self.total_bytes - 1)), self.total_bytes)

    def finish(self) -> None:
        if self.callback is not None:
            self.callback(self.total_bytes, self.total_bytes)


# --------------------------------------------------------------------------- entry point

def _repeats_header(cells: list[str], header: list[str], header_key: list[str]) -> bool:
    if not cells or cells[0].strip() != header[0].strip():
        return False
    return [_normalise_header(c) for c in cells[: len(header_key)]] == header_key


def parse_roster_csv(
    data: bytes, *, progress: Callable[[int, int], None] | None = None
) -> ParsedRoster:
    """Parse a roster CSV export. Unusable rows are listed in `rejected`; an unusable
    file raises RosterFormatError with a message that says what to do."""
    text, encoding = _decode(data)
    _check_is_text(text)
    delimiter, header_line, header, mapping = _find_header(text)
    rows = _RowReader(header, mapping, delimiter)
    header_key = [_normalise_header(h) for h in header]
    tracker = _Progress(progress, len(data), len(text))

    people: list[RosterPerson] = []
    rejected: list[RejectedRow] = []
    seen: set[tuple] = set()
    data_rows = 0
    source = _LineSource(text)
    for first_line, last_line, cells in _records(source, delimiter):
        tracker.update(source.chars)
        if last_line <= header_line:
            continue
        if _repeats_header(cells, header, header_key):
            continue  # header repeated (e.g. once per printed page)
        data_rows += 1
        try:
            person = rows.person(first_line, cells)
        except _RowRejected as rejection:
            reason = rejection.reason
            if rejection.runaway_quote:
                reason += f" (lines {first_line} to {last_line})"
            rejected.append(RejectedRow(first_line, reason))
            continue
        key = (person.forename, person.surname, person.preferred, person.middle,
               person.year, person.reg_group, person.title)
        if key not in seen:
            seen.add(key)
            people.append(person)
    tracker.finish()

    if data_rows == 0:
        raise RosterFormatError(
            f"The file has a header row (line {header_line}) but no people below it. "
            "Check that the export includes the pupils or staff, not just the headings."
        )
    columns = {field: rows.header[index] for field, index in mapping.items()}
    return ParsedRoster(people=people, rejected=rejected, columns=columns, encoding=encoding)
