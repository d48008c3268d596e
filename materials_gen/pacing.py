"""Whether each module's material fits its time: what ``check`` says before the session.

A module's ``duration`` is the time it has in the room. Its material takes time too: the
speaker notes of its slides, read at a speaking pace, and its activities' own durations;
and slides shown faster than one a minute leave no time to talk about them. For each
audience (each has its own slides, notes and activities), ``check`` warns when a module's
material needs more than its time, measured on the deck as it is laid out (continued
slides counted). The thresholds are documented in the README ("Checking the timing").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .errors import Location, Problem
from .images import IN_BRACKETS
from .load import RawProject
from .model import Course, Module

if TYPE_CHECKING:  # the deck's layout is not loaded to find a module's duration line
    from .render.layout import LaidOutDeck

SPEAKING_RATE = 130  # words of speaker notes a minute: an unhurried presenter
SLIDES_PER_MINUTE = 1.0  # the most slides a minute a module can show and talk about
SLACK = 1.1  # material may take up to a tenth more than the module's time


def pacing_warnings(
    project: RawProject | None, course: Course, deck: LaidOutDeck, audience: str
) -> list[Problem]:
    """The modules of one audience (``course`` tailored to it) whose material does not fit
    their time, each at its ``duration:`` line; in a translation (no ``project``: its
    modules' durations are the source's), at its module file, where its notes are."""
    found: list[Problem] = []
    for module in course.modules:
        if not isinstance(module, Module) or not module.duration:
            continue
        slides = [s for s in deck.slides if s.module == module.id]
        words = _words_said(slides)
        talk = words / SPEAKING_RATE
        activities = sum(a.duration or 0 for a in module.activities)
        needed = talk + activities
        where = duration_line(project, module)
        minutes = module.duration
        # activities alone longer than the module: a contradiction check and build tell
        # (check.timing_warnings), not a question of pace
        if needed > minutes * SLACK and activities <= minutes:
            found.append(
                Problem(
                    where,
                    f"module '{module.id}' for {audience} needs about {round(needed)} minutes "
                    f"({words} words of speaker notes, about {round(talk)} minutes at "
                    f"{SPEAKING_RATE} words a minute, and {activities} minutes of activities), "
                    f"more than its {minutes} minutes",
                    "shorten the speaker notes or an activity, or give the module more time "
                    "(duration:)",
                    severity="warning",
                )
            )
        if len(slides) > minutes * SLIDES_PER_MINUTE * SLACK:
            found.append(
                Problem(
                    where,
                    f"module '{module.id}' for {audience} shows {len(slides)} slides in "
                    f"{minutes} minutes, more than one a minute",
                    "show fewer slides (merge short ones; leave detail to the handout or the "
                    "speaker notes), or give the module more time (duration:)",
                    severity="warning",
                )
            )
    return found


_LINK = re.compile(rf"!?\[({IN_BRACKETS})\]\([^)]*\)")  # [words](address): the words are said
_MARKS = str.maketrans("", "", "*_`")
# where a sentence ends: after its stop (and any closing quote or bracket), before the next
_SENTENCE_END = re.compile(r"(?<=[.!?\u3002\uff01\uff1f])[\"'\u201d\u2019)\]]*\s+|\n+")


def _plain(text: str) -> str:
    """A sentence of notes as the presenter says it: its words, without Markdown's marks."""
    return " ".join(_LINK.sub(r"\1", text).translate(_MARKS).split())


def _words_said(slides: list) -> int:  # type: ignore[type-arg]
    """The words of speaker notes the module's slides give the presenter to say: each
    sentence as often as one slide's notes say it, however many of its slides repeat those
    notes (the module's own notes, on its objectives and on its key points); a slide its
    text continues on (an activity's long instructions, a table that runs on) has only a
    pointer to them, not said."""
    said: dict[str, int] = {}  # each sentence, and the most times one slide says it
    for slide in slides:
        if getattr(slide, "continued", False):  # its notes say where the notes are: unsaid
            continue
        here: dict[str, int] = {}
        for sentence in _SENTENCE_END.split(slide.notes):
            text = _plain(sentence)
            if text:
                here[text] = here.get(text, 0) + 1
        for text, times in here.items():
            said[text] = max(said.get(text, 0), times)
    return sum(len(text.split()) * times for text, times in said.items())


def duration_line(project: RawProject | None, module: Module) -> Location:
    """Where a module's duration is written (``duration:`` left empty, or given for some
    audiences only), else its title, the line to add one at; a translation's module (no
    ``project``: its durations are the source's) at its file."""
    raw = project.modules.get(module.id) if project is not None else None
    if raw is None:
        return Location(module.file)
    written = ("duration",) in raw.front.marks
    return raw.front.location(("duration",) if written else ("title",))
