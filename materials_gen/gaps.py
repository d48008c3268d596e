"""Texts given per audience that leave an audience with nothing where nothing is a hole.

A text may be given per audience (``title: {all-staff: ..., clinical: ...}``); an audience
with no entry of its own, none from an audience it includes, and no ``default`` gets
nothing (see tailor.py). For a list's entry that is the way to leave it out for that
audience. For a module's or an activity's title, a column's heading, a table's cell or the
poster's headline or panel title, it is a hole in the printed materials
("3." with no title in the guide and the agenda, an empty cell on the poster): most often
an audience added after the texts were written. Each is told once, at its line, with the
audiences it leaves without.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from .errors import Problem
from .load import RawProject, SourceDoc
from .model import Course, Module, Row, Table, Variants
from .tailor import viewer

# the texts that are a hole when empty (the others may be left out for an audience)
# (a question's words, and its options', missing for an audience are errors: see
# validate._said_to_nobody)
NEEDED = frozenset({"title", "heading", "headline", "cell"})


def texts_for_nobody(course: Course, raw: RawProject) -> list[Problem]:
    """A warning for each text given per audience that leaves an audience that sees it
    with nothing (see the module)."""
    names = {a.id: a.name for a in course.audiences}
    views = {a.id: viewer(course, a.id) for a in course.audiences}  # as tailoring sees it
    found: list[tuple[SourceDoc, tuple[Any, ...], str, list[str]]] = []

    def walk(
        value: Any, doc: SourceDoc, path: tuple[Any, ...], field: str, audiences: list[str]
    ) -> None:
        if not audiences:
            return
        if isinstance(value, Variants):
            if field in NEEDED:
                left = [a for a in audiences if views[a].pick(value.root, None) is None]
                if left:
                    found.append((doc, path, field, left))
            return
        if isinstance(value, Module):
            doc, path = raw.modules[value.id].front if value.id in raw.modules else doc, ()
        elif isinstance(value, Table) and value.id in raw.tables:
            doc, path = raw.tables[value.id], ()
        if isinstance(value, Row):
            for column, cell in value.cells.items():
                walk(cell, doc, (*path, column), "cell", audiences)
            return
        if isinstance(value, BaseModel):
            for name in type(value).model_fields:
                walk(getattr(value, name), doc, (*path, name), name, audiences)
        elif isinstance(value, tuple):
            for n, entry in enumerate(value):
                if isinstance(entry, Variants):
                    continue  # a list's entry given for some audiences: left out for others
                walk(entry, doc, (*path, n), field, [a for a in audiences if views[a].keeps(entry)])

    walk(course, raw.course, (), "", list(names))
    problems = []
    for doc, path, field, left in found:
        who = ", ".join(f"{names[a]} ('{a}')" for a in left)
        what = "a cell" if field == "cell" else f"'{field}'"
        problems.append(
            Problem(
                doc.location(path),
                f"{what} is given for some audiences only: {who} get nothing here (an "
                f"empty {'cell' if field == 'cell' else field} in their materials)",
                f"add '{left[0]}:' (or 'default:') to it",
                severity="warning",
            )
        )
    return problems
