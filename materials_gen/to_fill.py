"""Facts only the organization can give, marked in the content until someone fills them in.

A kit shared between organizations cannot know a team's Employee Assistance Program number,
its contacts or its continuing-education approval. Such a fact is written as a visible mark,
``[[fill in the EAP's phone number]]``, which prints as it is (so no one hands out a page
with a blank in it unnoticed), and every build and ``check`` name each one, with its file and
line, until it is replaced by the organization's own fact.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .errors import Location, Problem
from .load import RawProject, SourceDoc
from .sources import yaml_strings

# what is inside is taken as it is and trimmed after: "\s*([^\]]*?)\s*" took time growing
# with the square of the spaces in a mark left open; a mark ends at its "]]", and never runs on
# into the next mark (one left open before another)
MARK = re.compile(r"\[\[\s*fill in\b([^\[\]]*)\]\]", re.IGNORECASE)
OPENED = re.compile(r"\[\[\s*fill in\b", re.IGNORECASE)  # a mark's start, closed or not


def to_fill(project: RawProject) -> tuple[Problem, ...]:
    """One warning for each fact marked as to be filled in, at its file and its own line."""
    found = []
    for doc in (project.course, *(m.front for m in project.modules.values())):
        found += _in_yaml(doc)
    for module in project.modules.values():
        for block in module.body:  # its lines the file's: a mark at the line it starts on
            found += _told(block.text, _lines_from(block.text, block.line), module.front.file)
    for table in project.tables.values():
        found += _in_yaml(table)
    return tuple(dict.fromkeys(found))


def _in_yaml(doc: SourceDoc) -> list[Problem]:
    """The marks of one YAML document's texts, each at the line its '[[' is written on (a
    text over several lines), else its key's."""
    found = []
    for text, path in yaml_strings(doc):
        if "[[" not in text:
            continue
        where = doc.location(path)
        found += _told(text, _openings(text, doc.openings.get(path, ()), where.line), where.file)
    return found


def _lines_from(text: str, first: int) -> Callable[[int], int | None]:
    """The file line of a place in ``text``, whose lines are the file's from ``first``."""
    return lambda at: first + text.count("\n", 0, at)


def _openings(text: str, lines: tuple[int, ...], key: int | None) -> Callable[[int], int | None]:
    """The file line of a mark in ``text`` by the '[[' it starts with (``lines``: each one's,
    in order), else ``key``'s."""

    def line_of(at: int) -> int | None:
        nth = text.count("[[", 0, at)
        return lines[nth] if nth < len(lines) else key

    return line_of


def _told(text: str, line_of: Callable[[int], int | None], file: str) -> list[Problem]:
    """A warning for each mark in ``text``, at ``line_of`` its start."""
    found = []
    closed = set()
    for mark in MARK.finditer(text):
        closed.add(mark.start())
        what = " ".join(mark.group(1).split()) or "a fact only your organization knows"
        found.append(
            Problem(
                Location(file, line_of(mark.start())),
                f"to be filled in: {what}",
                "replace the whole [[fill in ...]] mark with your organization's own fact",
                severity="warning",
            )
        )
    for mark in OPENED.finditer(text):
        if mark.start() not in closed:  # its "]]" missing: printed as it is, unnoticed
            after = text[mark.end() :].split("\n", 1)[0].split("[[", 1)[0].strip()
            what = (after[:40] + "...") if len(after) > 40 else after
            found.append(
                Problem(
                    Location(file, line_of(mark.start())),
                    f"to be filled in: {what or 'a fact only your organization knows'} "
                    "(the mark is left open: no ']]' ends it)",
                    "replace the whole [[fill in ...]] mark with your organization's own "
                    "fact (or end it with ']]' until you know it)",
                    severity="warning",
                )
            )
    return found
