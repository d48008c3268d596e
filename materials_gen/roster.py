"""The roster of attendees, for certificates and the sign-in sheet: a CSV file a trainer
exports from a spreadsheet, an HR system or a learning platform.

Columns (first row, any order, any case): the attendee's name (``name``, or a variant an HR
system or learning platform writes: "Full name", "Attendee", "First name" and "Last name"...,
see ALIASES), and optionally ``audience`` (an audience id or name: a certificate only for that
audience; empty: every audience built; a column of another name that mostly holds audience
names is read as the audience), ``date`` (the session date, YYYY-MM-DD, or 14/04/2026-like
dates in a column whose dates show which comes first; empty: the --date option, else the
session's date setting), ``trainer``, ``language`` (of a translated course: a certificate
only in that language, named by its tag or its name in English or in itself, "es",
"Spanish", "español"; empty: every language built) and a completion ``status`` (who has not
completed gets no certificate). Every other column (email, employee id...) is ignored, with
one note naming them. Commas, semicolons or tabs separate the cells; a UTF-8 byte-order
mark, CRLF line ends and blank lines are fine.
A bad row is reported with the file and the line of the CSV.

A roster often comes from someone else's spreadsheet, so it is read as hostile input:

- Every record is one line. Python's csv module would let a stray ``"`` swallow every line
  up to the next quote (one unbalanced quote once lost 47 of 50 attendees without a word),
  so each line is parsed on its own and a quote that does not close on its line is an error
  naming that line. A cell cannot hold a line break for the same reason.
- Cells are plain text, never Markdown or template syntax: the text a template prints for a
  cell is Markdown with every punctuation character escaped, so a name can never start a
  page, a heading or a link; it prints exactly as typed.
- Control characters (terminal escape codes among them) are refused, and every message shows
  a cell's unprintable characters escaped (``\\x1b``), never raw.
- Size is bounded before any work is done: see the ``MAX_*`` limits below.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import stat
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, replace
from pathlib import Path

from .errors import ContentError, Location, Problem, did_you_mean, line_at
from .pasted import tidy_value

COLUMNS = ("name", "audience", "date", "trainer", "language")  # what a certificate can show

MAX_BYTES = 10 * 1024 * 1024  # the whole file, checked before it is read
MAX_LINE = 4096  # characters on one line, checked before the line is parsed
MAX_CELL = 120  # characters in one cell: the longest name that still fits a certificate
MAX_ATTENDEES = 10_000  # rows: about 35 seconds of certificates per audience

QUOTING = (
    'a cell with a comma is written in double quotes, "O\u2019Brien, Siobh\u00e1n", '
    'and a double quote inside it is written twice ("")'
)
# ASCII punctuation: CommonMark lets a backslash make any of these a literal character
_MARKDOWN_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_DELIMITERS = (",", ";", "\t")


@dataclass(frozen=True)
class Attendee:
    """One row of the roster.

    ``name`` and ``trainer`` are Markdown that prints exactly the cell's text (punctuation
    escaped), because templates write them into the intermediate Markdown document.
    """

    name: str
    audience: str = ""
    date: dt.date | None = None
    trainer: str = ""
    line: int = 0
    file: str = ""  # the roster as named to the trainer (for messages)
    language: str = ""  # the tag of the course language of the certificate ("": each built)
    completed: bool = True  # False: the roster's status says the course is not completed
    identity: str = ""  # an ID or e-mail that tells two people of one name apart


def in_language(attendees: tuple[Attendee, ...], tag: str) -> tuple[Attendee, ...]:
    """The people whose certificates are made in the course language ``tag``."""
    return tuple(a for a in attendees if not a.language or a.language == tag)


def in_other_languages(attendees: tuple[Attendee, ...], tag: str) -> tuple[Attendee, ...]:
    """The others: the people whose certificates are made in another language than ``tag``."""
    return tuple(a for a in attendees if a.language and a.language != tag)


@dataclass(frozen=True)
class Sheet:
    """One sign-in sheet: the people expected on one day with one trainer.

    ``trainer`` is the roster's, Markdown that prints the text exactly, like an attendee's
    name ("": the session's own trainer); ``date`` is None when no day is known (the sheet
    leaves it to write in).
    """

    date: dt.date | None
    trainer: str
    people: tuple[Attendee, ...]


def sign_in_sheets(
    attendees: tuple[Attendee, ...], day: dt.date | None, trainer: str | None
) -> tuple[Sheet, ...]:
    """The sign-in sheets of one audience: one per day and trainer the roster names, each
    listing its people in the roster's order, earliest day first (a day nobody gave last).

    A person without a day is expected on ``day`` (--date, else the session's date setting),
    one without a trainer, or with the session's own (``trainer``), with the session's
    trainer. Without a roster, one sheet with nobody on it, for the group to sign.
    """
    groups: dict[tuple[dt.date | None, str], list[Attendee]] = {}
    for person in attendees:
        theirs = "" if as_typed(person.trainer) == (trainer or "") else person.trainer
        groups.setdefault((person.date or day, theirs), []).append(person)
    if not groups:
        return (Sheet(day, "", ()),)

    def order(key: tuple[dt.date | None, str]) -> tuple[bool, dt.date, str]:
        return (key[0] is None, key[0] or dt.date.min, key[1])

    return tuple(Sheet(d, t, tuple(groups[d, t])) for d, t in sorted(groups, key=order))


def as_markdown(text: str) -> str:
    """Markdown that shows ``text`` literally: a cell can never become markup."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", text)


def as_typed(markdown: str) -> str:
    """The text a cell held, from its Markdown (see :func:`as_markdown`): for messages."""
    return _ESCAPED.sub(r"\1", markdown)


def completed(attendees: tuple[Attendee, ...]) -> tuple[Attendee, ...]:
    """The people whose certificates are made: those the roster does not say are yet to
    complete the course."""
    return tuple(a for a in attendees if a.completed)


def shown(text: str, limit: int = 60) -> str:
    """Text safe to print in a terminal: unprintable characters escaped, long text shortened."""
    if len(text) > limit:
        text = text[:limit] + "\u2026"
    return "".join(
        ch if ch.isprintable() or ch == " " else ch.encode("unicode_escape").decode("ascii")
        for ch in text
    )


def _forbidden(ch: str) -> bool:
    """Control characters and line separators: never part of a name on a certificate."""
    return ch != "\t" and unicodedata.category(ch) in ("Cc", "Zl", "Zp")


def _error(shown_file: str, line: int, message: str, hint: str = "") -> ContentError:
    return ContentError([Problem(Location(shown_file, line), message, hint)])


# What a spreadsheet saved in its own format starts with: a zip (.xlsx, .ods, Numbers) or
# Excel 97's compound file (.xls).
_WORKBOOKS = (
    (b"PK\x03\x04", "a spreadsheet workbook (.xlsx or .ods)"),
    (b"\xd0\xcf\x11\xe0", "an Excel 97-2003 workbook (.xls)"),
)


def _decode(raw: bytes, shown_file: str) -> str:
    """The roster's text: UTF-8 (with or without a BOM), or UTF-16 (with or without one).

    Excel writes 'CSV UTF-8' with a BOM and 'Unicode Text' as UTF-16; any other encoding
    cannot be told apart reliably, so it is an error rather than a guess.
    """
    for signature, what in _WORKBOOKS:
        if raw.startswith(signature):
            raise _error(
                shown_file,
                0,
                f"the roster is {what}, not a CSV file",
                "open it in your spreadsheet and save it as 'CSV UTF-8 (comma delimited)', "
                "then give that file to --roster",
            )
    from .load import utf16_of

    # UTF-16 with its byte-order mark (Excel's 'Unicode Text'), or without one, known by its
    # zero bytes, as content files are read
    encoding = utf16_of(raw) or "utf-8-sig"
    try:
        # composed, as content is read: a name typed on a Mac or pasted ("e" and a combining
        # diaeresis) prints as one letter and is the same person as the name typed whole
        return unicodedata.normalize("NFC", raw.decode(encoding))
    except UnicodeDecodeError as exc:
        if encoding.startswith("utf-16"):  # its line ends are two bytes each
            before = raw[: exc.start - exc.start % 2].decode(encoding, errors="replace")
            line = len(re.split(r"\r\n|\r|\n", before))
        else:
            line = line_at(raw, exc.start)
        raise _error(
            shown_file,
            line,
            f"the roster is not {'UTF-16' if encoding.startswith('utf-16') else 'UTF-8'} text "
            f"(byte 0x{raw[exc.start]:02x} on this line)",
            "save it from your spreadsheet as 'CSV UTF-8 (comma delimited)'",
        ) from None


def _read(path: Path, shown_file: str) -> str:
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise _error(shown_file, 0, "the roster is not a file", "give the path of a .csv file")
        if info.st_size > MAX_BYTES:
            raise _error(
                shown_file,
                0,
                f"the roster is larger than {MAX_BYTES // 1024 // 1024} MB",
                f"a roster holds at most {MAX_ATTENDEES:,} attendees; split it",
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise _error(
            shown_file,
            0,
            f"cannot read the roster: {exc.strerror or exc}",
            "check the path, and that you may open the file",
        ) from None
    return _decode(raw, shown_file)


def _cells(text: str, delimiter: str, where: Location, problems: list[Problem]) -> list[str] | None:
    """The cells of one line of the roster, or None (with a problem) if the line is bad."""
    if len(text) > MAX_LINE:
        problems.append(
            Problem(
                where,
                f"this line is {len(text):,} characters long; a roster line is at most "
                f"{MAX_LINE:,} characters",
                "check for a cell pasted by mistake",
            )
        )
        return None
    bad = next((ch for ch in text if ch != "\n" and _forbidden(ch)), None)
    if bad is not None:
        problems.append(
            Problem(
                where,
                f"this line has a control character ({shown(bad)}): {shown(text)}",
                "retype the cell; control characters cannot be printed",
            )
        )
        return None
    try:
        (row,) = csv.reader(
            [text], delimiter=delimiter, strict=True, skipinitialspace=True, doublequote=True
        )
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            message = 'a double quote (") on this line is not closed on the same line'
        else:
            message = f'a double quote (") on this line is out of place: {shown(text)}'
        problems.append(Problem(where, message, QUOTING))
        return None
    # format characters a name does not need (zero-width spaces, a byte-order mark, a
    # direction override beside no right-to-left letter) go, as in the content's text
    # a cell's spaces single; a line break a quoted cell holds is kept, for the columns
    # that read it to refuse (see _attendee)
    return [
        "\n".join(" ".join(part.split()) for part in cell.split("\n")).strip()
        for cell in (tidy_value(cell)[0].replace("\t", " ") for cell in row)
    ]


# The header variants that HR systems, learning platforms and sign-up forms write for the
# columns materials-gen reads, compared after _folded() (any case, spaces, "_" or "-").
ALIASES: dict[str, tuple[str, ...]] = {
    "name": (
        "name",
        "full name",
        "fullname",
        "names",
        "attendee",
        "attendee name",
        "participant",
        "participant name",
        "learner",
        "learner name",
        "student",
        "student name",
        "employee",
        "employee name",
        "staff name",
        "display name",
        "name of attendee",
        "name (original name)",  # a Zoom participant report
        "user name (original name)",
        # in Spanish, Portuguese, French and German (a bare 'Nombre' beside 'Apellidos' is
        # the first name, a bare 'Nom' beside 'Prénom' the last: see _PAIRED)
        "nombre",
        "nombre completo",
        "nombre y apellidos",
        "nombres y apellidos",
        "nombre del participante",
        "participante",
        "asistente",
        "nome",
        "nome completo",
        "nom",
        "nom complet",
        "nom et prénom",
        "prénom et nom",
        "vollständiger name",
        "teilnehmer",
        "teilnehmerin",
    ),
    "first": (
        "first name",
        "given name",
        "forename",
        "first",
        "given names",
        "prénom",
        "prenom",
        "primeiro nome",
        "vorname",
    ),
    "preferred": ("preferred name", "preferred first name", "known as", "nickname"),
    "last": (
        "last name",
        "surname",
        "family name",
        "last",
        "second name",
        "apellido",
        "apellidos",
        "primer apellido",
        "apellido paterno",
        "sobrenome",
        "último nome",
        "apelido",
        "nom de famille",
        "nachname",
        "familienname",
    ),
    # a Spanish name's second surname (the mother's), printed after the first
    "second last": ("segundo apellido", "apellido materno"),
    # the other parts of a name an HR export keeps apart, printed where they go
    "prefix": ("prefix", "name prefix", "honorific", "salutation", "courtesy title"),
    "middle": ("middle name", "middle names", "middle initial", "middle"),
    "suffix": ("suffix", "name suffix"),
    # what tells two people of one name apart (not printed)
    "identity": (
        "id",
        "user id",
        "userid",
        "employee id",
        "employee number",
        "staff id",
        "staff number",
        "learner id",
        "student id",
        "member id",
        "person id",
        "email",
        "e mail",
        "email address",
        "e mail address",
        "work email",
        "user email",  # Zoom's participant report
        "participant id (upn)",  # Teams' attendance report: the account's sign-in name
        "upn",
        "username",
        "login",
        "correo",
        "correo electrónico",
        "courriel",
        "adresse e mail",
        "adresse électronique",
        "e mail adresse",
        "matricule",
        "número de empleado",
        "personalnummer",
    ),  # fmt: skip
    "audience": (
        "audience",
        "audience id",
        "audience name",
        "target audience",
        "track",
        "cohort",
        "training track",
        "audiencia",
        "público",
        "público objetivo",
        "public cible",
        "zielgruppe",
    ),
    # whether the person completed the course: a learning platform's status column
    "status": (
        "status",
        "completion status",
        "completion",
        "course completion",
        "course complete",  # Moodle's completion report: the day completed, or blank
        "course completed",
        "course status",
        "completion state",
        "attendance",
        "attendance status",
        "attended",
        "attended?",
        "present",
        "present?",
        "signed in",
        "enrolment status",
        "enrollment status",
        "progress",
        "result",
    ),
    "date": (
        "date",
        "session date",
        "training date",
        "course date",
        "completion date",
        "date completed",
        "completed on",
        "completed",
        "attended on",
        "attendance date",
        "fecha",
        "fecha de la sesión",
        "fecha de finalización",
        "date de la session",
        "datum",
    ),
    "trainer": (
        "trainer",
        "trainer name",
        "facilitator",
        "instructor",
        "presenter",
        "teacher",
        "formador",
        "formadora",
        "facilitador",
        "facilitadora",
        "capacitador",
        "instructora",
        "formateur",
        "formatrice",
        "trainerin",
    ),
    "language": (
        "language",
        "lang",
        "preferred language",
        "language preference",
        "certificate language",
        "language of certificate",
        "locale",
        "idioma",
        "lengua",
        "langue",
        "sprache",
        "língua",
    ),
}


def _folded(cell: str) -> str:
    """A header cell compared loosely: any case, "_", "-", "." and runs of spaces alike."""
    return " ".join(re.sub(r"[_\-.:*?¿]+", " ", cell.casefold()).split())


def _header_key(cell: str) -> str:
    """A header cell as its alias is looked up: folded (see :func:`_folded`), its accents
    left out ("Correo electronico" typed without its accent, "Público" as "Publico")."""
    decomposed = unicodedata.normalize("NFKD", _folded(cell))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_COLUMN_OF = {
    _header_key(variant): column for column, variants in ALIASES.items() for variant in variants
}


# (keys and words without accents, as _header_key compares them)
# A bare word for "name" that, beside a column of the other part of a name in its own
# language, is one part: Spanish and Portuguese 'Nombre'/'Nome' beside 'Apellidos' or
# 'Sobrenome' is the first name; French 'Nom' beside 'Prénom', and German 'Name' beside
# 'Vorname', the last name. Alone, each is the whole name.
_PAIRED = {
    "nombre": (
        "first",
        frozenset({"apellido", "apellidos", "primer apellido", "apellido paterno"}),
    ),
    "nome": ("first", frozenset({"sobrenome", "ultimo nome", "apelido"})),
    "nom": ("last", frozenset({"prenom"})),
    "name": ("last", frozenset({"vorname"})),
}


# a question a sign-up form asks for the name, in words of its own ("Your full name (as it
# should appear on your certificate)", "First and last name", "Name of participant",
# LMS exports' "User Full Name", "User First Name"): any header with the word name and
# a word of these, and none of the words of another's name (a manager's, a course's)
_NAME_WORDS = frozenset({"name", "nombre", "nome", "nom"})
_PERSON_WORDS = frozenset(
    {"full", "your", "participant", "participants", "attendee", "attendees", "learner",
     "student", "employee", "staff", "legal", "print", "printed", "complete", "completo",
     "person", "user", "member", "trainee", "delegate", "first", "last", "certificate"}
)  # fmt: skip
_OTHERS_WORDS = frozenset(
    {"company", "organization", "organisation", "agency", "employer", "manager",
     "supervisor", "department", "team", "course", "training", "session", "trainer",
     "facilitator", "instructor", "presenter", "school", "facility", "site", "file",
     "event", "program", "programme", "unit", "ward", "business", "emergency", "contact",
     "practice", "clinic", "hospital", "role", "job", "badge", "pet", "parent",
     "guardian", "child", "spouse", "partner", "referrer", "host", "group", "workshop"}
)  # fmt: skip


def _column_of(cell: str) -> str:
    """The column a header cell names: its alias (see ALIASES), else, for a question of a
    sign-up form that asks for a name in words of its own, "name" (or "first", "last" for
    one of a name's parts alone); "" for any other."""
    key = _header_key(cell)
    known = _COLUMN_OF.get(key, "")
    if known:
        return known
    words = re.findall(r"[^\W\d_]+", key)
    if not _NAME_WORDS & set(words) or _OTHERS_WORDS & set(words) or len(words) > 14:
        return ""
    first = bool({"first", "given", "forename"} & set(words))
    last = bool({"last", "surname", "family"} & set(words))
    if first and not last and len(words) <= 4:
        return "first"
    if last and not first and len(words) <= 4:
        return "last"
    return "name" if _PERSON_WORDS & set(words) or first else ""


def _header(cells: list[str], shown_file: str, line: int) -> list[str]:
    """The column each header cell fills ("" for a column materials-gen does not read).

    A name comes from a name column, else from first (or preferred) and last name columns.
    Every other column is marked IGNORED (see :func:`_ignored`). Two columns of one kind
    are told apart once the rows are read (see :func:`_twice`).
    """
    where = Location(shown_file, line)
    header = [_column_of(cell) or _status_named(cell) for cell in cells]
    folded = {_header_key(cell) for cell in cells}
    for i, cell in enumerate(cells):  # 'Nombre' beside 'Apellidos': the first name
        part, beside = _PAIRED.get(_header_key(cell), ("", frozenset()))
        if folded & beside:
            header[i] = part
    if "name" in header:  # a full name wins over its parts
        header = ["" if c in _NAME_PARTS else c for c in header]
    if not _names_someone(cells):
        raise ContentError(
            [
                Problem(
                    where,
                    "the roster has no column for the attendees' names",
                    "the first line must name the columns, e.g. name,audience; a 'Full name' "
                    "column, or 'First name' and 'Last name' columns, work too",
                )
            ]
        )
    pairs = list(zip(cells, header, strict=True))
    return [IGNORED if cell and not column else column for cell, column in pairs]


# words of a header that names whether each person completed, in a wording of its own
# ("Transcript Status", "Did you complete the session?", "Estado"); its cells decide
# whether it is read (see _status_by_values: an HR export's 'Status' of 'Active' is not)
_STATUS_WORDS = frozenset(
    {
        "status", "completion", "complete", "completed", "progress", "result", "results",
        "attendance", "attended", "estado", "estatus", "asistencia", "statut", "presence",
    }
)  # fmt: skip
_DAY_WORDS = frozenset({"date", "day", "when", "on", "fecha", "dia", "jour", "datum"})
# (compared after _header_key: without accents)


def _status_named(cell: str) -> str:
    """ "status" for a header no alias names that speaks of completion (see above), but
    not of its day ("Course completion date")."""
    words = set(_header_key(cell).split())
    return "status" if words & _STATUS_WORDS and not words & _DAY_WORDS else ""


def _twice(
    names: list[str], header: list[str], rows: list[tuple[Location, list[str]]], where: Location
) -> list[Problem]:
    """Two columns that hold the same thing (a 'Name' and a 'Full name'): one left empty in
    every row is not read (an anonymous Microsoft Form's 'Name', beside the form's own
    'Full name' question); two with cells are a mistake to mend, named here."""
    problems = []
    # (an ID and an e-mail, both read, tell people apart together)
    for column in dict.fromkeys(c for c in header if c not in ("", IGNORED, "identity")):
        at = [i for i, c in enumerate(header) if c == column]
        filled = [i for i in at if _column(rows, i)]
        if len(at) > 1 and len(filled) == 1:
            for i in at:
                header[i] = header[i] if i in filled else IGNORED
            continue
        if len(at) > 1:
            named = dict.fromkeys(shown(names[i]) for i in at)
            both = " and ".join(f"'{c}'" for c in named)
            problems.append(
                Problem(
                    where,
                    f"the column {both} is named twice"
                    if len(named) == 1
                    else f"the columns {both} all hold the {_WHAT[column]}"
                    if len(named) > 2
                    else f"the columns {both} both hold the {_WHAT[column]}",
                    "keep one of them: each column holds one thing about every attendee",
                )
            )
    return problems


def _ignored(names: list[str], header: list[str], where: Location) -> list[Problem]:
    """One note naming the columns materials-gen does not read."""
    ignored = [shown(n) for n, column in zip(names, header, strict=False) if column == IGNORED]
    if not ignored:
        return []
    listed = ", ".join(f"'{c}'" for c in dict.fromkeys(ignored))
    return [
        Problem(
            where,
            f"ignored the roster's column{'s' if len(ignored) > 1 else ''} {listed}: "
            "certificates use the name, and the audience, date, trainer, language and "
            "completion status if given",
            severity="info",
        )
    ]


def _column(rows: list[tuple[Location, list[str]]], at: int) -> list[str]:
    """The filled cells of one column, row by row."""
    return [cells[at] for _, cells in rows if at < len(cells) and cells[at]]


def _mostly(values: list[str], says: Callable[[str], bool]) -> list[str]:
    """The cells that say what a column should, when more than half do; else none."""
    said = [v for v in values if says(v)]
    return said if len(said) * 2 > len(values) else []


def _audience_by_values(
    names: list[str],
    header: list[str],
    rows: list[tuple[Location, list[str]]],
    audiences: Mapping[str, str | Sequence[str]],
    where: Location,
) -> list[Problem]:
    """A roster with no column named as an audience column, whose column of another name
    (a platform's 'Group', 'Department'...) mostly holds audience names or ids: that column
    is read as the audience (its other cells are then told as unknown audiences), and a
    note says so. Without it, everybody would get every audience's certificate."""
    if "audience" in header or len(audiences) < 2:
        return []
    for i, column in enumerate(header):
        if column != IGNORED:
            continue
        named = _mostly(_column(rows, i), lambda v: bool(_audience(v, audiences)))
        if named:
            header[i] = "audience"
            return [
                Problem(
                    where,
                    f"read the column '{shown(names[i])}' as the audience: its cells name "
                    f"audiences ('{shown(named[0])}'...)",
                    "name the column 'audience' to say so",
                    severity="info",
                )
            ]
    return []


IGNORED = "-"  # a named column materials-gen does not read (a blank name is "")

_NAME_PARTS = ("first", "preferred", "last", "second last", "prefix", "middle", "suffix")
_WHAT = {
    "name": "attendee's name",
    "first": "first name",
    "preferred": "preferred name",
    "last": "last name",
    "second last": "second surname",
    "prefix": "name's prefix",
    "middle": "middle name",
    "suffix": "name's suffix",
    "identity": "ID or e-mail",
    "audience": "audience",
    "date": "date",
    "trainer": "trainer",
    "language": "language",
    "status": "completion status",
    "role": "meeting role",
}

# What a status column says, compared after _folded(): a value with a word of
# _NEVER_DONE anywhere is not done ("Completed (did not achieve pass grade)", Moodle's
# failure; "Complete - failed"); else it is what it is, or starts with as a word, of
# _NOT_YET (the person is left out of the certificates, named in a note) or _DONE.
_NEVER_DONE = re.compile(
    r"\b(not|fail|failed|failing|incomplete|absent|withdrawn|cancell?ed|didn't|no show|"
    r"in progress|pending|expired|overdue|unattended|unsatisfactory|unsuccessful|"
    # Spanish and French, the languages of the shipped catalogs
    r"no asisti[oó]|no completad[oa]|incompleto|incompleta|pendiente|en curso|ausente|"
    r"reprobado|suspendido|non termin[ée]e?|en cours|échoué|echoue)\b"
)
_NOT_YET = (
    "no", "n", "false", "0", "started", "enrolled", "enroled", "registered", "booked",
    "waitlisted", "waitlist", "wait list", "inscrito", "inscrita", "non", "inscrit", "inscrite",
)  # fmt: skip
_DONE = (
    "complete", "completed", "passed", "pass", "attended", "present", "yes", "y", "true",
    "1", "done", "finished", "satisfied", "satisfactory", "successful", "achieved",
    "certified", "completado", "completada", "completo", "completa", "aprobado", "aprobada",
    "asistió", "asistio", "sí", "si", "terminado", "terminada", "oui", "terminé", "terminée",
    "complété", "complétée", "réussi", "présent", "présente",
)  # fmt: skip
# a learning platform's progress: complete at 100 %, not yet below
_PERCENT = re.compile(r"(\d{1,3}(?:[.,]\d+)?) ?%")


def _status(given: str) -> bool | None:
    """Whether a status cell says the course is completed (an empty one says nothing to
    the contrary); None for a value that says neither."""
    folded = _folded(given)
    if not folded:
        return True
    percent = _PERCENT.fullmatch(given.strip().replace(" ", ""))
    if percent is not None:
        return float(percent.group(1).replace(",", ".")) >= 100
    if _NEVER_DONE.search(folded):
        return False
    for phrases, done in ((_NOT_YET, False), (_DONE, True)):
        if any(folded == p or re.match(rf"{re.escape(p)}\b", folded) for p in phrases):
            return done
    return None


# A column of ticks ("Attended": a mark for each person who came): what marks one who came,
# and one who did not. An 'x' is a tick in a column of x's and blanks, and a cross beside ticks.
_TICKS = frozenset("\u2713\u2714\u2611\u2705\u221a\U0001f5f8")  # ✓ ✔ ☑ ✅ √ 🗸
_CROSSES = frozenset("\u2717\u2718\u2612\u274c\u274e\u00d7\u2610-")  # ✗ ✘ ☒ ❌ ❎ × ☐ -
_CAME, _ABSENT = "attended", "not attended"


def _ticked(
    names: list[str], header: list[str], rows: list[tuple[Location, list[str]]], where: Location
) -> list[Problem]:
    """A status column of ticks and blanks (or crosses) read as who came: each cell is
    given the words it stands for, a blank one "not attended" (in such a column a blank is
    a box left unticked, where a blank status says nothing to the contrary), with a note
    saying how it was read."""
    notes = []
    for i, column in enumerate(header):
        if column != "status":
            continue
        marks = [c.strip() for c in _column(rows, i) if c.strip()]
        if not marks or not all(m in _TICKS or m in _CROSSES or m in ("x", "X") for m in marks):
            continue
        ticks = _TICKS if any(m in _TICKS for m in marks) else _TICKS | {"x", "X"}
        came = 0
        for _, cells in rows:
            mark = cells[i].strip() if i < len(cells) else ""
            while len(cells) <= i:
                cells.append("")
            cells[i] = _CAME if mark in ticks else _ABSENT
            came += cells[i] == _CAME
        shown_ticks = "".join(sorted({m for m in marks if m in ticks}))
        notes.append(
            Problem(
                where,
                f"the column '{shown(names[i])}' is read as ticks: {came} of {len(rows)} "
                f"people are marked as there ({shown_ticks}); the others get no certificate",
                "tick everyone who came (or write Attended and Not attended) before building",
                severity="info",
            )
        )
    return notes


# a cell that gives a day: a year (2026-11-20, "Friday, 20 November 2026"), or a day and
# month with a short year (20/11/26 11:20, as Moodle's reports write them; 20-Nov-26, as
# Excel's d-mmm-yy does)
_DATED = re.compile(
    r"(?<!\d)(?:(?:19|20)\d\d|\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}"
    r"|\d{1,2}[ \-](?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[ \-]\d\d)(?!\d)"
)


def _dated(
    names: list[str], header: list[str], rows: list[tuple[Location, list[str]]], where: Location
) -> list[Problem]:
    """A status column whose filled cells are dates (Moodle's 'Course complete': the day
    each person completed, blank for one who has not, in any of the platform's date
    formats) read as who completed: a dated cell is "completed", a blank one "not
    completed" (where a blank status says nothing to the contrary), with a note. Cells
    that are words (Not completed) are read as words."""
    notes = []
    for i, column in enumerate(header):
        if column != "status":
            continue
        filled = _column(rows, i)
        dated = [v for v in filled if _DATED.search(v) and _status(v) is None]
        if not dated or any(_status(v) is None for v in filled if v not in dated):
            continue
        done = 0
        for _, cells in rows:
            while len(cells) <= i:
                cells.append("")
            value = cells[i]
            cells[i] = "completed" if value in dated else value or "not completed"
            done += _status(cells[i]) is True
        notes.append(
            Problem(
                where,
                f"the column '{shown(names[i])}' is read as the day each person completed "
                f"the course: {done} of {len(rows)} people have one; the others get no "
                "certificate",
                "a person who completed needs a date (or Completed) in that column",
                severity="info",
            )
        )
    return notes


def _status_by_values(
    names: list[str], header: list[str], rows: list[tuple[Location, list[str]]], where: Location
) -> list[Problem]:
    """A column named as a status ('Status', 'Progress'...) is read as the completion
    status only when most of its cells say done or not yet (an HR export's 'Status' of
    'Active' says neither, and is ignored, with a note, as before); its other cells are
    then told at their rows. A column of ticks is read first (see :func:`_ticked`), and one
    of dates (see :func:`_dated`)."""
    for i, column in enumerate(header):
        # 'Completed' names a day or a yes/no: a column of yes and no is the status
        values = _column(rows, i) if column == "date" else []
        said = _mostly(values, lambda v: _status(v) is not None and not _DATED.search(v))
        if said and "date" not in _folded(names[i]):
            header[i] = "status"
    notes = _ticked(names, header, rows, where) + _dated(names, header, rows, where)
    for i, column in enumerate(header):
        if column != "status":
            continue
        values = _column(rows, i)
        if values and not _mostly(values, lambda v: _status(v) is not None):
            header[i] = IGNORED
            notes.append(
                Problem(
                    where,
                    f"the column '{shown(names[i])}' is not read as whether each person "
                    f"completed the course: its cells ('{shown(values[0])}'...) do not say",
                    "name a column Completion status, with Completed or Not completed in "
                    "each row, for certificates to be made only for those who completed",
                    severity="info",
                )
            )
    return notes


def _attendee(
    header: list[str],
    cells: list[str],
    audiences: Mapping[str, str],
    languages: Mapping[str, Sequence[str]],
    where: Location,
    problems: list[Problem],
    order: str | None = None,
) -> Attendee | None:
    extra = [i for i, cell in enumerate(cells) if cell and (i >= len(header) or not header[i])]
    if extra:
        problems.append(
            Problem(
                where,
                f"cell {extra[0] + 1} ('{shown(cells[extra[0]])}') is under no column of the "
                "first line",
                QUOTING,
            )
        )
        return None
    values = {
        header[i]: cell
        for i, cell in enumerate(cells)
        if i < len(header) and header[i] not in ("", IGNORED)
    }
    if "identity" in values:  # an ID and an e-mail: the two together
        ids = [cells[i] for i, c in enumerate(header) if c == "identity" and i < len(cells)]
        values["identity"] = " ".join(part for part in ids if part)
    for column, value in values.items():
        if "\n" in value:  # a quoted cell over several lines: no name or date has one
            problems.append(
                Problem(
                    where,
                    f"the {_WHAT[column]} ('{shown(value.replace(chr(10), ' '))}') is a quoted "
                    "cell over several lines",
                    "keep the cell on one line: a line break inside a quoted cell is read only "
                    "in a column materials-gen does not use (notes, comments)",
                )
            )
            return None
        if len(value) > MAX_CELL:
            problems.append(
                Problem(
                    where,
                    f"the {_WHAT[column]} is {len(value):,} characters long; a roster cell is "
                    f"at most {MAX_CELL} characters",
                    "check that the cell holds one attendee's details only",
                )
            )
            return None
    given = values.get("preferred") or values.get("first")
    parts = (
        values.get("prefix"),
        given,
        values.get("middle"),
        values.get("last"),
        values.get("second last"),
    )
    name = values.get("name") or " ".join(part for part in parts if part)
    if name and not values.get("name") and values.get("suffix"):
        name = f"{name} {values['suffix']}"
    if len(name) > MAX_CELL:
        problems.append(
            Problem(
                where,
                f"the name is {len(name):,} characters long; a name is at most {MAX_CELL} "
                "characters",
                "check that the cells hold one attendee's details only",
            )
        )
        return None
    if not name:
        problems.append(
            Problem(where, "this row has no name", "write the attendee's name, or delete the row")
        )
        return None
    if not any(unicodedata.category(ch)[0] in "LN" for ch in name):
        # accents, punctuation or symbols alone ("´´´", "--"): no name prints from them
        problems.append(
            Problem(
                where,
                f"this row's name '{shown(name)}' has no letter",
                "write the attendee's name, or delete the row",
            )
        )
        return None
    audience = _audience(values.get("audience", ""), audiences)
    if audience is None:
        wrong = values["audience"]
        problems.append(
            Problem(
                where, f"unknown audience '{shown(wrong)}'", did_you_mean(wrong, list(audiences))
            )
        )
        return None
    day = None
    if values.get("date"):
        day = _date(values["date"], order)
        if day is None:
            problems.append(
                Problem(
                    where,
                    _undated_message(shown(values["date"]), values["date"], order),
                    _undated_hint(values["date"], order),
                )
            )
            return None
    done = _status(values.get("status", ""))
    if done is None:
        problems.append(
            Problem(
                where,
                f"'{shown(values['status'])}' in the completion status column says neither "
                "that the course is completed nor that it is not",
                "write Completed, or Not completed for someone who gets no certificate; or "
                "leave the column out of the roster",
            )
        )
        return None
    language = _language(values.get("language", ""), languages)
    if language is None:
        problems.append(_unknown_language(values["language"], languages, where))
        return None
    trainer = as_markdown(values.get("trainer", ""))
    identity = " ".join(values.get("identity", "").casefold().split())
    return Attendee(
        as_markdown(name),
        audience,
        day,
        trainer,
        where.line,
        where.file or "",
        language,
        done,
        identity,
    )


# punctuation typed two ways in one name ("O'Brien" and "O’Brien", "Mary-Jane" with a
# hyphen or Word's): one person
_ALIKE = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'",
     "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u00a0": " "}
)  # fmt: skip


def roster_lines(lines: list[int], most: int) -> str:
    """Rows of a roster by their lines ("line 4", "lines 3, 4 and 9", the first ``most`` of
    them, then "and N more")."""
    said = [str(n) for n in lines[:most]]
    more = f" and {len(lines) - most} more" if len(lines) > most else ""
    if len(said) == 1:
        return f"line {said[0]}"
    if more:
        return f"lines {', '.join(said)}{more}"
    return f"lines {', '.join(said[:-1])} and {said[-1]}"


def _same_name(person: Attendee) -> str:
    """A name as two rows of one person may write it: any case and spacing, either
    apostrophe or hyphen (the name as Markdown: its punctuation escaped)."""
    return " ".join(person.name.replace("\\", "").casefold().translate(_ALIKE).split())


def _identified(attendees: list[Attendee]) -> list[Attendee]:
    """A meeting report's rows without an e-mail (a guest, a phone) given the e-mail of the
    only person of their name who has one: the same person, joining again."""
    ids: dict[str, set[str]] = {}
    for person in attendees:
        if person.identity:
            ids.setdefault(_same_name(person), set()).add(person.identity)
    found = []
    for person in attendees:
        theirs = ids.get(_same_name(person), set())
        if not person.identity and len(theirs) == 1:
            person = replace(person, identity=next(iter(theirs)))
        found.append(person)
    return found


def _once_each(
    attendees: list[Attendee], where: Location, notes: list[Problem], by_identity: bool = False
) -> list[Attendee]:
    """Each person once: a row repeating one before it (the same name, audience, day and
    language; a meeting's attendance report lists a person each time they join) is left
    out, with a note naming the lines, so that nobody gets two certificates or signs twice.
    A row that names no audience (every audience) for a person another row names one for
    (the same name, day and language) repeats that row: the audience it names is theirs.
    A person marked as having completed in any of their rows has completed.

    ``by_identity`` (a meeting's report): rows of one e-mail are one person whatever name
    each joined under ("Jane Doe", then "Jane's iPad"); rows without one, by their name.
    The first row's name is printed: the note says which row each repeat was merged with."""
    if by_identity:
        attendees = _identified(attendees)

    def person_key(person: Attendee) -> tuple[str, dt.date | None, str, str]:
        if by_identity and person.identity:
            return ("", person.date, person.language, person.identity)
        return (_same_name(person), person.date, person.language, person.identity)

    named = {person_key(p) for p in attendees if p.audience}
    first: dict[tuple[tuple[str, dt.date | None, str, str], str], int] = {}
    kept: list[Attendee] = []
    repeated: list[int] = []
    merged: list[tuple[int, int]] = []  # (a repeated row's line, the kept row's)
    unnamed: list[Attendee] = []  # rows of no audience for a person with one: their flags
    for person in attendees:
        if not person.audience and person_key(person) in named:
            repeated.append(person.line)
            unnamed.append(person)
            continue
        key = (person_key(person), person.audience)
        at = first.get(key)
        if at is None:
            first[key] = len(kept)
            kept.append(person)
            continue
        repeated.append(person.line)
        merged.append((person.line, kept[at].line))
        if person.completed and not kept[at].completed:
            kept[at] = replace(kept[at], completed=True)
    for person in unnamed:
        theirs = next(p for p in kept if person_key(p) == person_key(person) and p.audience)
        merged.append((person.line, theirs.line))
    completed = {person_key(p) for p in unnamed if p.completed}
    if completed:  # completed there: completed in the rows that name an audience
        kept = [
            replace(p, completed=True) if not p.completed and person_key(p) in completed else p
            for p in kept
        ]
    repeated.sort()
    if repeated and by_identity:
        merged.sort()
        pairs = ", ".join(f"line {a} with line {b}" for a, b in merged[:8])
        pairs += " ..." if len(merged) > 8 else ""
        notes.append(
            Problem(
                where,
                f"{len(merged)} row{'s of people' if len(merged) > 1 else ' of a person'} who "
                f"joined the meeting again {'are' if len(merged) > 1 else 'is'} merged with the "
                f"row of their first join, by the same e-mail or else the same name ({pairs}): "
                "each person gets one certificate, under the name of that row, and one line on the "
                "sign-in sheet",
                severity="info",
            )
        )
    elif repeated:
        lines = ", ".join(map(str, repeated[:8])) + (" ..." if len(repeated) > 8 else "")
        notes.append(
            Problem(
                where,
                f"{len(repeated)} row{'s repeat' if len(repeated) > 1 else ' repeats'} a "
                f"person listed before (line{'s' if len(repeated) > 1 else ''} {lines}): each "
                "person gets one certificate and one line on the sign-in sheet",
                "delete the repeated rows, or tell two people of one name apart (a middle initial)",
                severity="info",
            )
        )
    return kept


def _audience(given: str, audiences: Mapping[str, str | Sequence[str]]) -> str | None:
    """The audience id a cell names, by id or by any of its names (in each language of a
    translated course) in any case ("" for every audience)."""
    if not given:
        return ""
    if given in audiences:
        return given
    folded = _folded(given)
    for audience_id, names in audiences.items():
        said = (names,) if isinstance(names, str) else tuple(names)
        if folded in (_folded(audience_id), *map(_folded, said)):
            return audience_id
    return None


def _plain(text: str) -> str:
    """A language's name compared loosely: as :func:`_folded`, and without accents, so that
    "Espanol" finds "español"."""
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", _folded(text)) if not unicodedata.combining(ch)
    )


def _language(given: str, languages: Mapping[str, Sequence[str]]) -> str | None:
    """The tag of the course language a cell names ("" for every language): by its tag
    ("es", "ES", "es_MX" for a course in "es"), or by a name of it (see :func:`language_names`).
    """
    from .i18n import named_tags

    if not given:
        return ""
    # the tag as written, else its language alone ("es-MX" for a course in "es")
    found = named_tags(given, languages) or named_tags(
        given.strip().replace("_", "-").split("-")[0], languages
    )
    if found:
        return found[0]
    plain = _plain(given)
    for tag, names in languages.items():
        if plain in map(_plain, names):
            return tag
    return None


def _unknown_language(
    given: str, languages: Mapping[str, Sequence[str]], where: Location
) -> Problem:
    listed = ", ".join(f"{names[0]} ({tag})" if names else tag for tag, names in languages.items())
    return Problem(
        where,
        f"the course is not built in '{shown(given)}': its language"
        f"{'s are' if len(languages) > 1 else ' is'} {listed}",
        "write one of them, or leave the cell empty for a certificate in each; to add a "
        "language, translate the course (materials-gen translate LANGUAGE)",
    )


def language_names(tag: str) -> tuple[str, ...]:
    """The names a roster may give the course language ``tag`` by, English's first: in
    English and in itself, with and without its region ("Spanish", "español", "English
    (United States)")."""
    from babel import Locale, UnknownLocaleError

    names: list[str] = []
    for each in (tag.replace("-", "_"), tag.split("-")[0]):
        try:
            locale = Locale.parse(each)
        except (UnknownLocaleError, ValueError):
            continue
        english, own = locale.get_display_name("en"), locale.get_display_name(locale)
        names += [locale.get_language_name("en"), locale.get_language_name(locale)]
        names += [english, own]
    return tuple(dict.fromkeys(n for n in names if n))


_TIME = r"(?:[ T,]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?.*)?"
_DATE_TIME = re.compile(rf"^(\d{{4}}-\d{{2}}-\d{{2}}){_TIME}$")
# 14/04/2026, 4/14/2026, 14.04.2026 (a time may follow): the day and the month in either order
_NUMERIC = re.compile(rf"^(\d{{1,2}})([/.\-])(\d{{1,2}})\2(\d{{4}}|\d{{2}}){_TIME}$")
# 2026/03/14, 2026.03.14: the year first, then the month, as ISO has them
_YEAR_FIRST = re.compile(rf"^(\d{{4}})([/.])(\d{{1,2}})\2(\d{{1,2}}){_TIME}$")
# 14-Mar-2026, 14 March 2026, March 14, 2026, Mar 14 2026: a month named in English; with
# the day first, the year may have two digits (14-Mar-26, Excel's d-mmm-yy)
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_DAY_MONTH = re.compile(rf"^(\d{{1,2}})[ \-]([A-Za-z]{{3,9}})\.?[ \-](\d{{4}}|\d{{2}}){_TIME}$")
_MONTH_DAY = re.compile(rf"^([A-Za-z]{{3,9}})\.? (\d{{1,2}}),? (\d{{4}}){_TIME}$")

DAY_FIRST, MONTH_FIRST = "day first", "month first"


def date_order(values: Sequence[str]) -> str | None:
    """How a roster's date column writes 14/04/2026-like dates, from the dates that can be
    read only one way: DAY_FIRST (a first number over 12, or dots, as in 14.04.2026),
    MONTH_FIRST (a second number over 12), or None (no date tells, or they disagree)."""
    seen = {order for order, _ in _telling(values)}
    return seen.pop() if len(seen) == 1 else None


def _telling(values: Sequence[str]) -> Iterator[tuple[str, int]]:
    """The order each date of ``values`` that tells one says (with its index): a first
    number over 12, or dots, say DAY_FIRST; a second number over 12, MONTH_FIRST."""
    for n, value in enumerate(values):
        found = _NUMERIC.match(_weekday(value.strip())[1])
        if found is None:
            continue
        first, separator, second = int(found.group(1)), found.group(2), int(found.group(3))
        if first > 12 or separator == ".":
            yield DAY_FIRST, n
        elif second > 12:
            yield MONTH_FIRST, n


def _order_note(
    name: str, read: list[tuple[Location, list[str]]], at: int, order: str | None
) -> list[Problem]:
    """A note of how the column's dates that read two ways (03/04/2026) were read, and
    which date decided it, so that a trainer can check that date: one mistyped date would
    otherwise decide every certificate's month without a word. None when no date reads two
    ways, or dots (as Europe writes dates) decide."""
    if order is None:
        return []
    dated = [(where, cells[at]) for where, cells in read if at < len(cells) and cells[at]]
    values = [value for _, value in dated]
    two_ways = next((v for v in values if len(_readings(v)) == 2), None)
    telling = next(
        (n for said, n in _telling(values) if said == order and "." not in values[n]), None
    )
    if two_ways is None or telling is None:
        return []
    where, value = dated[telling]
    read_as = _date(two_ways, order) or dt.date.min  # two readings: both are days
    first = "day" if order == DAY_FIRST else "month"
    other = "month" if order == DAY_FIRST else "day"
    return [
        Problem(
            where,
            f"the dates of '{shown(name)}' are read with the {first} first, since "
            f"'{shown(value)}' (this line) can be read no other way: '{shown(two_ways)}' is "
            f"read as {read_as.day} {read_as:%B} {read_as.year}",
            f"if the column writes the {other} first, this date is mistyped: correct it and "
            "build again",
            severity="info",
        )
    ]


_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# Thursday, March 5, 2026; Thu 05/03/2026: a weekday before the date, as long dates have it
_WEEKDAY = re.compile(
    r"^(mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday)\.?,?\s+(?=\w)",
    re.IGNORECASE,
)


def _weekday(text: str) -> tuple[int | None, str]:
    """The weekday a date is written with (0 for Monday), or None, and the date after it."""
    found = _WEEKDAY.match(text)
    if found is None:
        return None, text
    return _WEEKDAYS.index(found.group(1)[:3].lower()), text[found.end() :]


def _date(text: str, order: str | None = None) -> dt.date | None:
    """An ISO date, with or without the time a learning platform's export adds after it; or
    a date such as 14/04/2026 whose column's ``order`` (see :func:`date_order`) is known.

    A date such as 03/04/2026 in a column whose order no date tells is refused: it reads as
    March or April depending on the country, and a certificate must not print the wrong one.
    """
    weekday, text = _weekday(text.strip())
    if weekday is not None:  # the day the weekday names: the reading that falls on it
        fits = [d for d in _readings(text) if d.weekday() == weekday]
        day = _date(text, order)
        if day is None and len(fits) == 1 and len(_readings(text)) == 2:
            return fits[0]
        return day if day is not None and day.weekday() == weekday else None
    found = _DATE_TIME.match(text)
    numeric = None if found else _NUMERIC.match(text)
    try:
        if found is not None:
            return dt.date.fromisoformat(found.group(1))
        if numeric is not None and order is not None:
            first, second, year = (int(numeric.group(n)) for n in (1, 3, 4))
            day, month = (first, second) if order == DAY_FIRST else (second, first)
            return dt.date(_full_year(year), month, day)
        if (ymd := _YEAR_FIRST.match(text)) is not None:
            return dt.date(int(ymd.group(1)), int(ymd.group(3)), int(ymd.group(4)))
        if (named := _DAY_MONTH.match(text)) is not None and named.group(2).lower() in _MONTHS:
            month = _MONTHS[named.group(2).lower()]
            return dt.date(_full_year(int(named.group(3))), month, int(named.group(1)))
        if (named := _MONTH_DAY.match(text)) is not None and named.group(1).lower() in _MONTHS:
            month = _MONTHS[named.group(1).lower()]
            return dt.date(int(named.group(3)), month, int(named.group(2)))
    except ValueError:
        return None
    return None


def _full_year(year: int) -> int:
    """A year written with two digits ("3/14/26" or "14-Mar-26", as Excel's short dates have
    it) in this century."""
    return 2000 + year if year < 100 else year


_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _undated_message(said: str, text: str, order: str | None) -> str:
    """What is wrong with a date the roster's date column cannot give: a day written in
    numbers that may be read two ways ("03/12/2026": 3 December or March 12), when nothing in
    the column tells which, is a date, but one that cannot be read."""
    weekday, rest = _weekday(text.strip())
    day = _date(rest, order) if weekday is not None else None
    if weekday is not None and day is not None:
        return (
            f"'{said}' names a {_WEEKDAY_NAMES[weekday]}, but {day.day} {day:%B} {day.year} "
            f"is a {_WEEKDAY_NAMES[day.weekday()]}"
        )
    if weekday is not None:
        text = rest
        readings = _readings(text)
        if len(readings) == 2:
            one, two = (f"{d.day} {d:%B}" for d in readings)
            if all(d.weekday() == weekday for d in readings):
                return (
                    f"'{said}' may be read as two days, and both {one} and {two} "
                    f"{readings[0].year} are a {_WEEKDAY_NAMES[weekday]}: the day or the "
                    "month may come first"
                )
            return (
                f"'{said}' names a {_WEEKDAY_NAMES[weekday]}, but neither {one} nor {two} "
                f"{readings[0].year} is one"
            )
    if order is None and len(_readings(text)) == 2:
        return f"'{said}' may be read as two days: the day or the month may come first"
    if _month_alone(text):
        return f"'{said}' gives a month and a year but no day"
    return f"'{said}' is not a date"


# Mar-26, March 2026: a month and a year, as Excel's mmm-yy shows a date
_MONTH_YEAR = re.compile(r"^([A-Za-z]{3,9})\.?[ \-](\d{4}|\d{2})$")


def _month_alone(text: str) -> bool:
    """Whether a roster's date names a month and its year, but no day (Mar-26)."""
    found = _MONTH_YEAR.match(text.strip())
    return found is not None and found.group(1).lower() in _MONTHS


def _readings(text: str) -> list[dt.date]:
    """The days a date written in numbers may be (month first, then day first)."""
    numeric = _NUMERIC.match(text.strip())
    if not numeric:
        return []
    first, second = int(numeric.group(1)), int(numeric.group(3))
    year = _full_year(int(numeric.group(4)))
    found = []
    for day, month in ((second, first), (first, second)):
        with suppress(ValueError):
            found.append(dt.date(year, month, day))
    return found


def _undated_hint(text: str, order: str | None) -> str:
    """What to do with a date the roster's date column cannot give."""
    weekday, rest = _weekday(text.strip())
    if weekday is not None and _date(rest, order) is not None:
        return (
            "check the day: the weekday and the date disagree (write the date alone, as "
            "YYYY-MM-DD, if the weekday is the mistake)"
        )
    text = rest
    if order is not None and _NUMERIC.match(text.strip()):
        return (
            f"the column writes the {'day' if order == DAY_FIRST else 'month'} first (as "
            f"{'14/04/2026' if order == DAY_FIRST else '04/14/2026'}), and this date names no "
            "such day: check it, or write it as YYYY-MM-DD"
        )
    if _NUMERIC.match(text.strip()):
        said = ", ".join(f"{d.isoformat()} for {d.day} {d:%B}" for d in _readings(text))
        return (
            "no date of the column tells whether the day or the month comes first (as "
            f"14/04/2026 would): write it as YYYY-MM-DD ({said}); or leave the date column "
            "out of the roster and give the day with --date"
        )
    if _month_alone(text):
        return (
            "a certificate prints the day: write the day too, as YYYY-MM-DD or as 14-Mar-26 (a "
            "spreadsheet whose cells are formatted as mmm-yy shows no day: format them as a "
            "date with the day), or leave the date column out of the roster and give the day "
            "with --date"
        )
    return (
        "write dates as YYYY-MM-DD, e.g. 2026-11-02 (a time after it is ignored), or leave "
        "the date column out of the roster and give the day with --date"
    )


_SEPARATOR = re.compile(r"sep=[,;\t|]", re.IGNORECASE)
MAX_QUOTED_LINES = 20  # lines one quoted cell may run over
MAX_LINES_ABOVE = 40  # lines a report may write above its column names


def _quoted_lines(lines: list[str], at: int) -> tuple[str | None, int]:
    """The line at index ``at`` joined with those after it up to where its open quote
    closes, and the line number of the last (1-based); (None, 0) when it does not close
    within :data:`MAX_QUOTED_LINES` (the line's own error says so)."""
    joined = lines[at]
    for end in range(at + 1, min(len(lines), at + MAX_QUOTED_LINES)):
        joined += "\n" + lines[end]
        if joined.count('"') % 2 == 0:
            return joined, end + 1
    return None, 0


def _names_someone(cells: list[str]) -> bool:
    """Whether a line's cells name a column of names (see :func:`_header`)."""
    found = {_column_of(cell) for cell in cells}
    return "name" in found or bool({"first", "last"} & found)


# the headings of a Zoom webinar report's sections, each followed by its own column names:
# the host and the panelists (who held the session) first, then the attendees, then those
# who came without registering
_WEBINAR_SECTIONS = frozenset(
    {"host details", "panelist details", "attendee details", "other attended"}
)
_LOOK_FOR_SECTIONS = 10_000  # lines looked through for them (a webinar of many panelists)


def _section_heading(line: str) -> str | None:
    """The webinar report's section a line heads (its name folded), or None."""
    folded = _folded(line.strip(' \t,;"'))
    return folded if folded in _WEBINAR_SECTIONS else None


def _webinar_attendees(lines: list[str]) -> int | None:
    """In a Zoom webinar report, the index of the line after its "Attendee Details"
    heading (its attendees' column names); None in any other roster."""
    headings = [
        (n, h) for n, line in enumerate(lines[:_LOOK_FOR_SECTIONS]) if (h := _section_heading(line))
    ]
    attendees = [n for n, heading in headings if heading == "attendee details"]
    return attendees[0] + 1 if attendees and len(headings) > 1 else None


def _webinar_columns(cells: list[str], header: list[str]) -> list[str]:
    """The columns a Zoom webinar report's attendees are read by: the name each registered
    under ('First Name', 'Last Name': typed by the person) rather than the one shown in the
    session ("iPhone", "Jane D.", or "--" for one who never came), and 'Attended' as the
    completion status, not 'Approval Status' (their registration's)."""
    parts = [_COLUMN_OF.get(_header_key(cell), "") for cell in cells]
    found = list(header)
    if "first" in parts and "last" in parts:
        for i, part in enumerate(parts):
            if part in _NAME_PARTS:
                found[i] = part
            elif found[i] == "name":
                found[i] = IGNORED
    for i, cell in enumerate(cells):
        if _header_key(cell) == "approval status":
            found[i] = IGNORED
    return found


def _names_below(lines: list[str], after: int, given: str | None) -> int | None:
    """The line number (1-based) of the first line after line ``after`` whose cells name a
    column of names, within :data:`MAX_LINES_ABOVE` lines of the top; None if there is none
    (the first line's error then says what is missing)."""
    for number in range(after + 1, min(len(lines), MAX_LINES_ABOVE) + 1):
        line = lines[number - 1]
        if not line.strip(" \t,;"):
            continue
        cells = _cells(line, given or _delimiter(line), Location(""), [])
        if cells is not None and _names_someone(cells):
            return number
    return None


def _more_rows(line: str, delimiter: str, names: list[str]) -> bool:
    """Whether ``line``, after a blank line below a roster's rows, is one more of them: no
    more cells than the column names, two or more filled (not a section's title, as a
    meeting's report has below its people), and none of them a column's name (not
    another section's column names)."""
    cells = _cells(line, delimiter, Location(""), [])
    if cells is None or len(cells) > len(names) or sum(1 for c in cells if c.strip()) < 2:
        return False
    return not any(_COLUMN_OF.get(_header_key(cell)) for cell in cells)


def _delimiter(line: str) -> str:
    """The delimiter of a line of column names: they hold none, so it is the most frequent
    one (a comma when none is)."""
    return max(_DELIMITERS, key=lambda d: (line.count(d), d == ","))


# a row of a sheet's sums, not a person: "Total: 24", "Grand total", Canvas's "Points
# Possible" under its column names, "Average"
_SUMMARY_ROW = re.compile(
    r"(?:(?:grand |sub)?totals?|points possible|average|mean|count|sum)(?:[\s:=]+[\d.,%\s]*)?",
    re.IGNORECASE,
)
# words of a heading between groups of people ("WAITLIST (did not attend)", "Cancelled"),
# never of a name (compared without case or accents)
_HEADING_WORDS = frozenset(
    {"waitlist", "waitlisted", "cancelled", "canceled", "cancellations", "absent",
     "absentees", "unregistered", "walkins", "attendees", "participants", "registrants"}
)  # fmt: skip
_HEADING_PHRASES = ("wait list", "waiting list", "did not attend", "no show", "walk in")


# what may follow a name and a comma without being the first name: a credential or a
# suffix ("Ana García, RN", "Lee, Jr.")
_AFTER_COMMA = re.compile(
    r"(?:[A-Z]{2,6}|[A-Z][a-z]?[A-Z]{1,4}|Ph\.?D\.?|Psy\.?D\.?|Ed\.?D\.?|M\.?D\.?|Jr\.?|Sr\.?|"
    r"I{2,3}|IV)(?:[\s,/]+.*)?"
)
_LAST_FIRST = re.compile(r"([^,]+),\s*([^,]+)")
_SAYS_LAST_FIRST = re.compile(r"last\W+first|surname\W+(?:first|given)", re.IGNORECASE)


def _first_names_first(
    attendees: list[Attendee], column: str, notes: list[Problem]
) -> list[Attendee]:
    """Names written "Last, First" (a gradebook's "García, Ana", a column named "Name
    (Last, First)") as a certificate prints them: "Ana García". Only when the column says
    so, or most names are written so (and most of those with a comma): a comma before a
    credential ("Ana García, RN") is no such name. Told in a note."""
    typed = [" ".join(as_typed(a.name).split()) for a in attendees]
    pairs = [_LAST_FIRST.fullmatch(name) for name in typed]
    turned = [m is not None and not _AFTER_COMMA.fullmatch(m.group(2).strip()) for m in pairs]
    commas = [name for name in typed if "," in name]
    said = bool(_SAYS_LAST_FIRST.search(column))
    count = sum(turned)
    if (
        not count
        or not said
        and (count < 2 or count * 2 <= len(attendees) or count * 3 < len(commas) * 2)
    ):
        return attendees
    out = []
    for person, match, turn in zip(attendees, pairs, turned, strict=True):
        if turn and match is not None:
            last, first = match.group(1).strip(), match.group(2).strip()
            person = replace(person, name=as_markdown(f"{first} {last}"))
        out.append(person)
    lines = roster_lines([a.line for a, t in zip(attendees, turned, strict=True) if t], 5)
    example = next(name for name, t in zip(typed, turned, strict=True) if t)
    notes.append(
        Problem(
            Location(attendees[0].file, attendees[0].line),
            f"names written last name first ('{shown(example)}') are printed first name first, "
            f"as a certificate names its person ({lines})",
            "write a name as it should be printed to keep it so",
            severity="info",
        )
    )
    return out


def _people_only(attendees: list[Attendee], notes: list[Problem]) -> list[Attendee]:
    """The roster's people: a row of sums ("Total: 24", Canvas's "Points Possible") left
    off, with a note; a name that is a number, an address or a heading between groups
    ("WAITLIST (did not attend)") warned of at its row, as its certificate would print it."""
    from .meetings import _words

    kept: list[Attendee] = []
    sums: list[Attendee] = []
    for person in attendees:
        name = " ".join(as_typed(person.name).split())
        if _SUMMARY_ROW.fullmatch(name.rstrip(" :.")):
            sums.append(person)
            continue
        kept.append(person)
        words = _words(name)
        plain = " ".join(words)
        odd = (
            "@" in name
            or any(ch.isdigit() for ch in name)
            or any(w in _HEADING_WORDS for w in words)
            or any(f" {phrase} " in f" {plain} " for phrase in _HEADING_PHRASES)
        )
        if odd:
            notes.append(
                Problem(
                    Location(person.file, person.line),
                    f"'{shown(name)}' does not look like a person's name (a number, an address "
                    "or a heading between groups of people): its certificate and sign-in line "
                    "would print it",
                    "write the person's name in the cell, or delete the row if it is no one",
                    severity="warning",
                )
            )
    if sums:
        lines = roster_lines([p.line for p in sums], 5)
        notes.append(
            Problem(
                Location(sums[0].file, sums[0].line),
                f"left off the certificates and the sign-in sheet: {lines} "
                f"({', '.join(repr(as_typed(p.name)) for p in sums[:3])}), a row of "
                "sums, not a person",
                severity="info",
            )
        )
    return kept


def read_roster(
    path: Path,
    audiences: Sequence[str] | Mapping[str, str | Sequence[str]],
    shown_file: str,
    notes: list[Problem] | None = None,
    languages: Sequence[str] = (),
    columns: set[str] | None = None,
) -> tuple[Attendee, ...]:
    """Every attendee of the roster; ContentError naming the CSV line of any bad row.

    ``audiences``: the audience ids, or ids to names (a cell may then name an audience by
    either). ``notes``: receives one "info" line naming the columns that were ignored.
    ``languages``: the tags of the languages the course is built in (a language column
    names one of them). ``columns``: receives the columns the roster has that certificates
    use ("name", "language"...).
    """
    spoken = {tag: language_names(tag) for tag in languages}
    if not isinstance(audiences, Mapping):
        audiences = {a: a for a in audiences}
    notes = notes if notes is not None else []
    text = _read(path, shown_file)
    lines = re.split(r"\r\n|\r|\n", text)
    if lines and lines[-1] == "":
        lines.pop()  # the last line's line break
    problems: list[Problem] = []
    header: list[str] | None = None
    names: list[str] = []  # the header's cells, as written
    top = Location(shown_file, 1)
    delimiter = ","
    attendees: list[Attendee] = []
    read: list[tuple[Location, list[str]]] = []
    rows = 0
    given: str | None = None  # the delimiter a "sep=;" line names (Excel writes one)
    skipped = 0  # lines above the column names (a meeting report's summary), or 0
    number = 0
    webinar = _webinar_attendees(lines)
    if webinar is not None:  # its attendees: the host and panelists above held it
        skipped = number = webinar
    while number < len(lines):
        line, number = lines[number], number + 1
        heading = _section_heading(line) if webinar is not None and header else None
        if heading:  # the next section of the report: the attendees' rows end here
            left = sum(1 for rest in lines[number:] if rest.strip(" \t,;"))
            notes.append(
                Problem(
                    Location(shown_file, number),
                    f"the webinar's attendees end at '{line.strip(' ,;')}': the {left:,} "
                    f"line{'s' if left != 1 else ''} below it {'are' if left != 1 else 'is'} "
                    "not read",
                    "it lists those who came without registering: for each who should have a "
                    "certificate, add a row among the attendees above it (the name under 'First "
                    "Name' and 'Last Name')"
                    if heading == "other attended"
                    else "",
                    severity="info",
                )
            )
            break
        if not line.strip(" \t,;"):
            if skipped and header is not None and read:
                # a report's section ends at a blank line: what follows is another's; unless
                # it is more people of this table (a sheet with a title row, a blank row
                # between groups), which are read on
                ahead = next(
                    (n for n in range(number, len(lines)) if lines[n].strip(" \t,;")), None
                )
                if ahead is not None and _more_rows(lines[ahead], delimiter, names):
                    continue
                left = sum(1 for rest in lines[number:] if rest.strip(" \t,;"))
                if left:
                    notes.append(
                        Problem(
                            Location(shown_file, number),
                            f"the roster's rows end at this blank line: the {left:,} "
                            f"line{'s' if left > 1 else ''} below it "
                            f"{'are' if left > 1 else 'is'} not read (another section of a "
                            "meeting's report)",
                            "if they list people too, delete the blank line",
                            severity="info",
                        )
                    )
                break
            continue  # blank lines, and rows a spreadsheet left as empty cells
        where = Location(shown_file, number)
        if header is None and not given and _SEPARATOR.fullmatch(line.strip()):
            given = line.strip()[4]
            continue
        if line.count('"') % 2:  # a quoted cell with a line break in it (Alt+Enter)
            joined, end = _quoted_lines(lines, number - 1)
            if joined is not None:
                line, number = joined, end
        if header is None:
            delimiter = given or _delimiter(line)
            cells = _cells(line, delimiter, where, problems)
            if cells is None:
                raise ContentError(problems)
            below = None if _names_someone(cells) else _names_below(lines, number, given)
            if below is not None:  # the column names further down: the lines above skipped
                skipped, number = below - 1, below - 1
                continue
            header, names, top = _header(cells, shown_file, number), cells, where
            if webinar is not None:
                header = _webinar_columns(cells, header)
            if webinar is not None:
                notes.append(
                    Problem(
                        where,
                        f"a Zoom webinar report: its attendees are read from line {number}, "
                        "under 'Attendee Details', by the names they registered with; the "
                        "host and panelists above, who held the session, are left off",
                        severity="info",
                    )
                )
            elif skipped:
                notes.append(
                    Problem(
                        where,
                        f"the roster's column names are on line {number}: the {skipped} "
                        "lines above them are skipped, and the rows end at a blank line "
                        "that another section follows (a meeting's attendance report lists "
                        "its summary first)",
                        severity="info",
                    )
                )
            continue
        if rows >= MAX_ATTENDEES:
            problems.append(
                Problem(
                    where,
                    f"the roster has more than {MAX_ATTENDEES:,} attendees",
                    "split it into several rosters and build each with --roster",
                )
            )
            break
        rows += 1
        cells = _cells(line, delimiter, where, problems)
        if cells is not None and any(cells):
            read.append((where, cells))
    if header is not None:
        from . import meetings

        keys = [_header_key(n) for n in names]
        report = meetings.report_of(keys)  # a meeting's attendance report, or None
        problems.extend(_twice(names, header, read, top))
        notes.extend(_audience_by_values(names, header, read, audiences, top))
        notes.extend(_status_by_values(names, header, read, top))
        meetings.read_roles(keys, header, read)
        read = meetings.joins_only(keys, read)
        notes.extend(_ignored(names, header, top))
        read, left_off = meetings.organizers_left_out(report, names, header, read)
        notes.extend(left_off)
        if report is not None:
            notes.extend(meetings.tidy_names(report, keys, header, read, top))
        if columns is not None:
            columns.update(c for c in header if c in COLUMNS)
        at = header.index("date") if "date" in header else len(names)
        order = date_order([c[at] for _, c in read if at < len(c) and c[at]])
        if at < len(names):
            notes.extend(_order_note(names[at], read, at, order))
        for where, cells in read:
            attendee = _attendee(header, cells, audiences, spoken, where, problems, order)
            if attendee is not None:
                attendees.append(attendee)
        attendees = _once_each(attendees, top, notes, by_identity=report is not None)
        if report is None:  # (a meeting's report tells its own: meetings.not_people)
            attendees = _people_only(attendees, notes)
            column = names[header.index("name")] if "name" in header else ""
            attendees = _first_names_first(attendees, column, notes)
        if report is not None:
            named = [(as_typed(a.name), Location(a.file, a.line)) for a in attendees]
            notes.extend(meetings.not_people(named, report))
    if header is None:
        raise _error(
            shown_file,
            1,
            "the roster is empty",
            "put column names such as 'name' on the first line",
        )
    if not attendees and not problems:
        problems.append(
            Problem(
                Location(shown_file, len(lines) + 1),
                "the roster has no attendees",
                "put one attendee on each line after the column names",
            )
        )
    if problems:
        raise ContentError(problems)
    return tuple(attendees)
