"""The roster of attendees, for certificates: a CSV file a trainer exports from a spreadsheet.

Columns (first row, any order, any case): ``name`` (required), and optionally ``audience``
(an audience id: a certificate only for that audience; empty: every audience built),
``date`` (the session date, YYYY-MM-DD; empty: the content's date) and ``trainer``.
A bad row is reported with the file and the line of the CSV.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError, Location, Problem, did_you_mean

COLUMNS = ("name", "audience", "date", "trainer")


@dataclass(frozen=True)
class Attendee:
    name: str
    audience: str = ""
    date: dt.date | None = None
    trainer: str = ""
    line: int = 0


def read_roster(path: Path, audiences: list[str], shown: str) -> tuple[Attendee, ...]:
    """Every attendee of the roster; ContentError naming the CSV line of any bad row."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ContentError(
            [Problem(Location(shown), f"cannot read the roster: {exc.strerror or exc}")]
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ContentError(
            [
                Problem(
                    Location(shown),
                    "the roster is not UTF-8 text",
                    "export it as 'CSV UTF-8' from your spreadsheet",
                )
            ]
        ) from None
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect))
    problems: list[Problem] = []
    if not rows:
        raise ContentError(
            [
                Problem(
                    Location(shown, 1),
                    "the roster is empty",
                    "put column names such as 'name' on the first line",
                )
            ]
        )
    header = [h.strip().lower() for h in rows[0]]
    if "name" not in header:
        raise ContentError(
            [
                Problem(
                    Location(shown, 1),
                    "the roster has no 'name' column",
                    "the first line must name the columns, e.g. name,audience",
                )
            ]
        )
    for column in header:
        if column and column not in COLUMNS:
            problems.append(
                Problem(
                    Location(shown, 1),
                    f"unknown roster column '{column}'",
                    did_you_mean(column, COLUMNS),
                )
            )
    attendees = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        values = {header[i]: cell.strip() for i, cell in enumerate(row) if i < len(header)}
        name = values.get("name", "")
        where = Location(shown, line)
        if not name:
            problems.append(Problem(where, "this row has no name"))
            continue
        audience = values.get("audience", "")
        if audience and audience not in audiences:
            problems.append(
                Problem(where, f"unknown audience '{audience}'", did_you_mean(audience, audiences))
            )
            continue
        day = None
        if values.get("date"):
            try:
                day = dt.date.fromisoformat(values["date"])
            except ValueError:
                problems.append(
                    Problem(
                        where,
                        f"'{values['date']}' is not a date",
                        "write dates as YYYY-MM-DD, e.g. 2026-11-02",
                    )
                )
                continue
        attendees.append(Attendee(name, audience, day, values.get("trainer", ""), line))
    if problems:
        raise ContentError(problems)
    return tuple(attendees)
