"""Facts only the organization can give, marked in the content until someone fills them in.

A kit shared between organizations cannot know a team's Employee Assistance Program number,
its contacts or its continuing-education approval. Such a fact is written as a visible mark,
``[[fill in the EAP's phone number]]``, which prints as it is (so no one hands out a page
with a blank in it unnoticed), and every build and ``check`` name each one, with its file and
line, until it is replaced by the organization's own fact.
"""

from __future__ import annotations

import re

from .errors import Problem
from .load import RawProject
from .sources import project_texts

# what is inside is taken as it is and trimmed after: "\s*([^\]]*?)\s*" took time growing
# with the square of the spaces in a mark left open; a mark ends at its "]]", and never runs on
# into the next mark (one left open before another)
MARK = re.compile(r"\[\[\s*fill in\b([^\[\]]*)\]\]", re.IGNORECASE)
OPENED = re.compile(r"\[\[\s*fill in\b", re.IGNORECASE)  # a mark's start, closed or not


def to_fill(project: RawProject) -> tuple[Problem, ...]:
    """One warning for each fact marked as to be filled in, at its file and line."""
    found = []
    for text, where in project_texts(project):
        closed = set()
        for mark in MARK.finditer(text):
            closed.add(mark.start())
            what = mark.group(1).strip() or "a fact only your organization knows"
            found.append(
                Problem(
                    where,
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
                        where,
                        f"to be filled in: {what or 'a fact only your organization knows'} "
                        "(the mark is left open: no ']]' ends it)",
                        "replace the whole [[fill in ...]] mark with your organization's own "
                        "fact (or end it with ']]' until you know it)",
                        severity="warning",
                    )
                )
    return tuple(dict.fromkeys(found))
