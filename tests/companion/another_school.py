"""The labelled corpus moved to another school: a made-up school's name, handles, hashtags and
domain, and made-up rosters, with every case rewritten to match.

The corpus was written at The Crypt School; rules and model must not depend on it. Each
roster name word maps to a made-up one everywhere it is written (Bennett, BENNETT,
#OliverBennett, mr_kershaw, Kershaws, OConnor); a name that is also an ordinary word in the
corpus's clean posts (Will, Grace, Hope, Ward) stays, so the tricky words stay tricky. The
school's forms map to The Hillbrook Academy's. A case's labels do not change.

    python tests/companion/another_school.py OUT_DIR [FILE]   # writes OUT_DIR/{FILE,pupils.csv,staff.csv,school.toml}
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "tests" / "corpus"

FORENAMES = """Imogen Caspar Wilfred Orla Tobias Annika Rafferty Esme Lorcan Ines Cosmo Delphine Ezra Greta Hugo
Isolde Jasper Kezia Lysander Marnie Nico Odette Peregrine Quinn Rosalind Stellan Thea Ulrich Vesna Wren Xanthe
Yusuf Zelda Anouk Bertie Clemency Dorian Elodie Gwilym Hollis Ianthe Jolyon Kirsten Leopold Mirabel Nye
Ottoline Piers Romilly Saskia Torin Una Valentin Winnie Yannick Zara Barnaby Cressida Darius Eluned Florian
Gideon Honora Ivo Juno Kit Lowri Magnus Nerys Orson Petra Rufus Sunniva Tamsin Ulla Viggo Augustin Beatrix
Cormac Dagny Evander Fabienne Gaspard Hermione Ignatius Jocasta Kasimir Leocadia Mungo Narcissa Octavian
Philippa Radomir Seraphina Thaddeus Ursula Vitaly Wilhelmina Xavier Ysolde Zebedee Ambrose Blodwen Crispin
Drusilla Emrys Fenella Godfrey Hesketh Isadora Jethro Keturah Lancelot Melisande""".split()
SURNAMES = """Thistlewood Marchetti Oyelaran Brackenbury Halvorsen Quintero Ravenscroft Abernethy Blenkinsop
Czerwinski Dunmore Esterhuizen Fairbrother Gallacher Hadfield Ingleby Jablonski Kettleborough Lazenby Montague
Nuttall Ogunbiyi Pendlebury Quayle Rushworth Sandilands Tregear Underhill Vasquez Wetherall Yardley Zielinski
Ackroyd Bramall Cartwright Dimbleby Enderby Fothergill Garside Hetherington Illingworth Jagger Kilbride Loxley
Mountjoy Needham Oddie Pilkington Ramsbottom Shackleton Thwaite Uttley Varga Winterbottom Yeoman Ashdown
Bellamy Crowther Dewhurst Eccleston Fenby Gilchrist Holroyd Ibbotson Kavanagh Lockwood Mortimer Nettleton
Ormerod Pickering Rawnsley Sowerby Tindall Verity Wadsworth Ainsworth Blackburn Cholmondeley Dunstable Earnshaw
Featherstone Greenhalgh Hawksworth Inchbald Jowett Knatchbull Lumsden Mapplebeck Nightingale Openshaw
Postlethwaite Rowbotham Scattergood Tunnicliffe""".split()

# The Crypt School's forms (folded) and what they become, longest first; a squeezed form
# written with capitals (#CryptFamily) keeps them.
SCHOOL_FORMS = {
    "cryptschool.example": "hillbrookacademy.example",
    "crypt grammar school": "Hillbrook High School",
    "the crypt school": "The Hillbrook Academy",
    "crypt school": "Hillbrook School",
    "cryptgrammarschool": "HillbrookHighSchool",
    "thecryptschool": "TheHillbrookAcademy",
    "cryptschool": "HillbrookAcademy",
    "cryptfamily": "HillbrookFamily",
}
SCHOOL_TABLE = """[school]
name = "The Hillbrook Academy"
aliases = ["Hillbrook School", "Hillbrook High School"]
handles = ["@HillbrookAcademy"]
hashtags = ["#HillbrookAcademy", "#HillbrookFamily"]
websites = ["hillbrookacademy.example"]
email_domains = ["hillbrookacademy.example"]

"""
TITLES = ("mr", "mrs", "ms", "miss", "dr", "mx")
PREFIXES = ("ap", "o", "d")  # OConnor, DSouza, ApDafydd: a surname's prefix without its apostrophe
LETTER = re.compile(r"[^\W\d_]")


def _plain(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)).lower()


def _like(source: str, new: str) -> str:
    """`new` in the capitals of `source`: BENNETT -> THISTLEWOOD, bennett -> thistlewood."""
    if source.isupper() and len(source) > 1:
        return new.upper()
    return new.lower() if source.islower() else new


def _rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


class Move:
    """One corpus file's names and school mapped to the made-up school's."""

    def __init__(self, corpus_file: Path) -> None:
        text = corpus_file.read_text(encoding="utf-8")
        self.ordinary = self._ordinary_words(text)
        lowered = text.lower()
        self._forenames = iter(n for n in FORENAMES if n.lower() not in lowered)
        self._surnames = iter(n for n in SURNAMES if n.lower() not in lowered)
        self.words: dict[str, str] = {}  # a name word, plain and lower-case -> its made-up one
        self.rosters = {kind: self._move_roster(_rows(CORPUS / f"{kind}.csv")) for kind in ("pupils", "staff")}
        spellings = {}  # every spelling of a mapped word as it is written (Zoë, zoe) -> its plain key
        for kind in ("pupils", "staff"):
            for row in _rows(CORPUS / f"{kind}.csv")[1:]:
                for word in (w for cell in row for w in re.split(r"[-'’ ]", cell) if w):
                    if _plain(word) in self.words:
                        spellings[word.lower()] = spellings[_plain(word)] = _plain(word)
        self._spellings = spellings
        self._known = set(spellings) | set(TITLES)
        self._names = re.compile("|".join(re.escape(s) for s in sorted(spellings, key=len, reverse=True)), re.I)
        self._school = re.compile("|".join(re.escape(f) for f in SCHOOL_FORMS), re.I)

    @staticmethod
    def _ordinary_words(text: str) -> set[str]:
        """Lower-case words seen at least twice in clean posts: a name spelt like one stays."""
        seen: dict[str, int] = {}
        for line in text.splitlines():
            case = json.loads(line)
            if not case["expect"]:
                request = case["request"]
                for word in re.findall(r"[a-z]+", f"{request.get('text') or ''} {request.get('html') or ''}"):
                    seen[word] = seen.get(word, 0) + 1
        return {w for w, n in seen.items() if n >= 2}

    def _word(self, word: str, pool) -> str:
        key = _plain(word)
        if key in self.ordinary or len(key) < 3:
            return word
        if key not in self.words:
            self.words[key] = next(pool)
        return self.words[key]

    def _move_roster(self, rows: list[list[str]]) -> list[list[str]]:
        head = rows[0]
        for row in rows[1:]:
            for i, column in enumerate(head):
                if "Forename" in column and row[i]:
                    row[i] = self._word(row[i], self._forenames)
                elif "Surname" in column:
                    row[i] = "".join(part if re.fullmatch(r"[-'’ ]|O|D|Ap|", part) else self._word(part, self._surnames)
                                     for part in re.split(r"([-'’ ])", row[i]))
        return rows

    def _joined(self, run: str, first: bool = True) -> bool:
        """Can a run of letters be cut into names and titles (and a last s)? #OliverBennett, mrkershaw."""
        if not run or run == "s":
            return True
        if any(run.startswith(p) and len(run) > len(p) and self._joined(run[len(p):], False) for p in PREFIXES):
            return True
        return any(run.startswith(k) and self._joined(run[len(k):], False) for k in self._known if len(k) <= len(run))

    def text(self, s: str) -> str:
        s = self._school.sub(lambda m: _like(m.group(0), SCHOOL_FORMS[m.group(0).lower()]), s)
        out, last = [], 0
        for m in self._names.finditer(s):
            a, b = m.span()
            before = a > 0 and LETTER.match(s[a - 1])
            after = b < len(s) and LETTER.match(s[b])
            if before or after:
                start, end = a, b
                while start > 0 and LETTER.match(s[start - 1]):
                    start -= 1
                while end < len(s) and LETTER.match(s[end]):
                    end += 1
                camel = (not before or (s[a - 1].islower() and s[a].isupper())) and \
                        (not after or s[b].isupper() or (s[b] == "s" and end == b + 1))
                if not (camel or self._joined(s[start:end].lower())):
                    continue
            if a >= last:
                out += [s[last:a], _like(m.group(0), self.words[self._spellings[m.group(0).lower()]])]
                last = b
        return "".join(out) + s[last:]

    def request(self, value):
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {k: self.request(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.request(v) for v in value]
        return value


def write(out: Path, file_name: str = "tuning.jsonl", keep=lambda case: True, move: Move | None = None) -> int:
    """The moved corpus in `out`: its rosters, its school file and the cases of `file_name` that
    `keep` chooses (`move`: the mapping already made for that file, if the caller has it)."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    move = move or Move(CORPUS / file_name)
    for kind, rows in move.rosters.items():
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(rows)
        (out / f"{kind}.csv").write_text(buffer.getvalue(), encoding="utf-8")
    school = (REPO / "school" / "crypt-school.toml").read_text(encoding="utf-8")
    (out / "school.toml").write_text(re.sub(r"(?s)\[school\].*?\n\n", lambda _: SCHOOL_TABLE, school, count=1), encoding="utf-8")
    written = 0
    with open(out / file_name, "w", encoding="utf-8") as f:
        for line in (CORPUS / file_name).read_text(encoding="utf-8").splitlines():
            case = json.loads(line)
            if keep(case):
                case["request"] = move.request(case["request"])
                f.write(json.dumps(case, ensure_ascii=False) + "\n")
                written += 1
    return written


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__.strip().splitlines()[-1].strip())
    print(write(Path(sys.argv[1]), *sys.argv[2:]), "cases written")
