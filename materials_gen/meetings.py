"""A roster that is an online meeting's attendance report: Zoom's participant report and
its webinar attendee report, Microsoft Teams' attendance report (and its older attendance
list), Google Meet's attendance sheet.

A trainer who took attendance from the meeting gives its report as the roster, and expects
what a roster written by hand gives: each person once, under the name a certificate should
print, without the trainer who held the meeting. The reports say it otherwise:

- Zoom writes "Name (Original Name)": the name shown in the meeting, then, in brackets, the
  account's own name when the two differ ("Jane Doe (Jane D.)", "iPhone (Priya Natarajan)").
  The certificate prints the name shown in the meeting, which its person chose, unless it
  is not a person's name (a phone, a tablet, a room, a dial-in) or is their name cut short
  (a first name alone, an initial for a word) and the account's name is a whole one: then
  the account's. Pronouns in brackets ("(she/her)") are not part of the name printed.
- Each join is a row in Zoom's report (and in Meet's, when someone comes back from another
  device): the rows of one person are merged, by their e-mail, else by their name (see
  ``_once_each`` in roster.py).
- Teams names the organizer in its Role column: the organizer is the trainer, left off the
  certificates and the sign-in sheet. Its older report (Full Name, User Action, Timestamp: a
  row for each join and each leave) names no role, and Zoom's participants table does not
  say who hosted: nobody is left off by guessing; Meet's does not either. Zoom's webinar
  report lists its host and panelists in sections of their own, above the attendees: only
  the attendees are read (see roster.py), by the names they registered with.
- Teams writes "(Guest)", "(External)" or "(Unverified)" after a name it could not check: a
  label, not part of the name.

Every change is told in a note naming the roster's lines; a name that is still not a
person's ("Call-in User_1") is a warning at its row, as its certificate would print it.
"""

from __future__ import annotations

import re
import unicodedata

from .errors import Location, Problem
from .roster import IGNORED, roster_lines, shown

ZOOM, TEAMS, MEET = "Zoom participant report", "Teams attendance report", "Meet attendance report"

# column names (as roster._header_key folds them) that only a meeting's report writes
_ZOOM_NAMES = frozenset({"name (original name)", "user name (original name)"})
_SAYS = (
    (ZOOM, frozenset({"join time", "leave time", "duration (minutes)", "guest",
                      "recording disclaimer response"})),
    (TEAMS, frozenset({"first join", "last leave", "in meeting duration", "participant id (upn)",
                       "user action", "timestamp"})),  # (the last two: its older form)
    (MEET, frozenset({"time joined", "time exited"})),
)  # fmt: skip

# what Teams (and other reports) write in a Role column; the organizer (or a host) is the
# one who held the meeting
_ROLES = frozenset(
    {"organizer", "organiser", "co organizer", "co organiser", "presenter", "attendee",
     "host", "co host", "cohost", "panelist", "participant", "guest"}
)  # fmt: skip
_HELD_IT = frozenset({"organizer", "organiser", "host"})

# a label a report writes after a name it could not check: not part of the name
_LABEL = re.compile(r"\s*\((?:guest|external|unverified)\)$", re.IGNORECASE)

# words that name a phone, a computer, a room or a placeholder, never a person (compared
# without case or accents; a word with a digit in it is a model or a number, not a name)
_NOT_A_PERSON = frozenset(
    {
        "iphone", "ipad", "ipod", "android", "galaxy", "pixel", "samsung", "huawei",
        "xiaomi", "oneplus", "motorola", "nokia", "phone", "smartphone", "cellphone",
        "mobile", "tablet", "laptop", "desktop", "pc", "computer", "macbook", "imac",
        "chromebook", "kindle", "device", "zoom", "room", "rooms", "boardroom",
        "conference", "classroom", "guest", "user", "unknown", "caller", "dial",
        "telephone", "admin", "administrator", "host", "projector", "tv",
    }
)  # fmt: skip
_PRONOUNS = frozenset(
    {
        "she", "her", "hers", "he", "him", "his", "they", "them", "theirs", "ze", "hir",
        "zir", "xe", "xem", "xyr", "ey", "em", "eir", "fae", "faer", "it", "its", "any",
        "all", "ella", "el", "elle", "iel",
    }
)  # fmt: skip
_LAST_BRACKET = re.compile(r"^(.*?)\s*\(([^()]*)\)$")


def report_of(header_keys: list[str]) -> str | None:
    """Which meeting's report a roster is, from its column names (folded as
    roster._header_key folds them); None for any other roster."""
    keys = set(header_keys)
    if keys & _ZOOM_NAMES:
        return ZOOM
    for report, says in _SAYS:
        if len(keys & says) >= 2 or "participant id (upn)" in keys & says:
            return report
    return None


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _words(text: str) -> list[str]:
    """The words of a name, without case or accents ("Jane's iPad": jane, s, ipad)."""
    return re.findall(r"[^\W_]+", _plain(text))


def is_person(name: str) -> bool:
    """Whether ``name`` may be a person's: it has a letter, and no digit, e-mail address or
    word that names a device, a room or a placeholder ("iPhone", "Galaxy S23", "Call-in
    User_1", "Conference Room B", "+1 555 0100")."""
    words = _words(name)
    if "@" in name or not any(ch.isalpha() for ch in name):
        return False
    return not any(any(ch.isdigit() for ch in w) or w in _NOT_A_PERSON for w in words)


def _pronouns(text: str) -> bool:
    """Whether a bracket's text is pronouns ("she/her", "they/them", "He/Him/His")."""
    parts = [p.strip() for p in _plain(text).split("/")]
    return len(parts) > 1 and all(p in _PRONOUNS for p in parts)


def _without_pronouns(name: str) -> str:
    found = _LAST_BRACKET.match(name)
    while found is not None and found.group(1) and _pronouns(found.group(2)):
        name = found.group(1)
        found = _LAST_BRACKET.match(name)
    return name


def _cut_short(shown_name: str, whole: str) -> bool:
    """Whether the name shown in a meeting is the account's name cut short: a first name or
    nickname alone beside a name of two words or more ("Kim" for "Kimberly Osei"), or the
    same words with some written as initials ("J. Doe", "Jane D" for "Jane Doe")."""
    short, full = _words(shown_name), _words(whole)
    if len(short) == 1 and len(full) >= 2:
        # a name in a script written without spaces ("李伟", "ยุพิน") is one word whole
        return not _unspaced(shown_name)
    if len(short) != len(full) or short == full:
        return False
    return all(
        s == f or (len(s) == 1 and f.startswith(s)) for s, f in zip(short, full, strict=True)
    )


def _unspaced(name: str) -> bool:
    """Whether ``name`` is written in a script that puts no space between its words or
    between a family and a given name: Chinese, Japanese, Korean (often), Thai, Lao,
    Khmer, Burmese."""
    return any(unicodedata.name(ch, "").startswith(_UNSPACED) for ch in name if ch.isalpha())


_UNSPACED = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "THAI", "LAO", "KHMER", "MYANMAR")


def zoom_name(cell: str) -> tuple[str, bool]:
    """The name a certificate prints from Zoom's "Name (Original Name)" cell, and whether it
    is the original (the account's) name rather than the one shown in the meeting."""
    shown_name, original = cell, ""
    found = _LAST_BRACKET.match(cell)
    if found is not None and found.group(1) and not _pronouns(found.group(2)):
        shown_name, original = found.group(1), found.group(2).strip()
    shown_name = _without_pronouns(shown_name).strip()
    original = _without_pronouns(original).strip()
    whole = not is_person(shown_name) or _cut_short(shown_name, original)
    if original and is_person(original) and whole:
        return original, True
    return shown_name, False


def tidy_names(
    report: str,
    header_keys: list[str],
    header: list[str],
    rows: list[tuple[Location, list[str]]],
    where: Location,
) -> list[Problem]:
    """The names of a meeting's report as a certificate prints them, written back into the
    rows' cells: Zoom's "Name (Original Name)" read as :func:`zoom_name` says, a label after
    a name ("(Guest)") left off. A note names the rows printed under the account's name."""
    original: list[int] = []
    for i, column in enumerate(header):
        if column != "name":
            continue
        zoom = header_keys[i] in _ZOOM_NAMES
        for row, cells in rows:
            if i >= len(cells) or not cells[i]:
                continue
            name = _LABEL.sub("", cells[i]) or cells[i]
            if zoom:
                name, used = zoom_name(name)
                if used:
                    original.append(row.line)
            cells[i] = name or cells[i]
    if not original:
        return []
    verb = "prints" if len(original) == 1 else "print"
    return [
        Problem(
            where,
            f"{roster_lines(original, 8)} of the {report} {verb} the "
            "name in brackets (the account's), as the name shown in the meeting is not a "
            "person's whole name (a phone, a room, a first name alone)",
            severity="info",
        )
    ]


def read_roles(
    header_keys: list[str], header: list[str], rows: list[tuple[Location, list[str]]]
) -> None:
    """A column named 'Role' (Teams') whose every cell is a meeting's role (Organizer,
    Presenter, Attendee) is read as such: ``header`` says "role" there. Any other 'Role'
    (an HR export's job) stays as it was."""
    for i, key in enumerate(header_keys):
        # (a 'Role' read as the audience, by its values, is not looked at)
        if key not in ("role", "meeting role", "participant role") or header[i] != IGNORED:
            continue
        values = [_plain(cells[i]).replace("-", " ") for _, cells in rows if i < len(cells)]
        if any(values) and all(v in _ROLES for v in values if v):
            header[i] = "role"
            return


def joins_only(
    header_keys: list[str], rows: list[tuple[Location, list[str]]]
) -> list[tuple[Location, list[str]]]:
    """The rows of Teams' older attendance list that are joins: it writes a row for each
    join and each leave ('User Action': Joined, Left), and a leave is nobody new. Any other
    roster's rows as they are."""
    if "user action" not in header_keys:
        return rows
    i = header_keys.index("user action")
    actions = [_plain(cells[i]) if i < len(cells) else "" for _, cells in rows]
    if not any(a.startswith("join") for a in actions):
        return rows  # a column of another meaning
    return [row for row, action in zip(rows, actions, strict=True) if not action.startswith("left")]


def organizers_left_out(
    report: str | None,
    names: list[str],
    header: list[str],
    rows: list[tuple[Location, list[str]]],
) -> tuple[list[tuple[Location, list[str]]], list[Problem]]:
    """The rows without those of the meeting's organizer (a Role of Organizer: the trainer
    who held it, not an attendee), and a note naming their lines."""
    if "role" not in header:
        return rows, []
    at = header.index("role")
    kept, left = [], []
    for row in rows:
        role = _plain(row[1][at]) if at < len(row[1]) else ""
        (left if role in _HELD_IT else kept).append(row)
    if not left:
        return rows, []
    role, column = shown(left[0][1][at]), shown(names[at])
    of = f"the {report}'s" if report else "the roster's"
    return kept, [
        Problem(
            left[0][0],
            f"left off the certificates and the sign-in sheet: {of} {role.lower()} "
            f"({roster_lines([r.line for r, _ in left], 8)}, whose {column} is '{role}'), who held "
            "the meeting",
            f"to give them a certificate, write Attendee in their {column} cell",
            severity="info",
        )
    ]


def not_people(names: list[tuple[str, Location]], report: str) -> list[Problem]:
    """A warning at each row of a meeting's report whose name is not a person's (a phone, a
    dial-in, a room): its certificate would print that name."""
    return [
        Problem(
            where,
            f"'{shown(name)}' in the {report} is not a person's name (a phone, a device, a "
            "room or a dial-in): its certificate would print it",
            "write the name of the person who joined so in the cell, or delete the row",
            severity="warning",
        )
        for name, where in names
        if not is_person(name)
    ]
