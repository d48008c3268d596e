"""Whether each module's material fits its time: what ``check`` says before the session.

A module's ``duration`` is the time it has in the room. Its material takes time too: the
speaker notes of its slides, read at a speaking pace, and its activities' own durations;
and slides shown faster than one a minute leave no time to talk about them. For each
audience (each has its own slides, notes and activities), ``check`` warns when a module's
material needs more than its time, measured on the deck as it is laid out (continued
slides counted). The thresholds are documented in the README ("Checking the timing").
"""

from __future__ import annotations

from .errors import Location, Problem
from .load import RawProject
from .model import Course, Module
from .render.layout import LaidOutDeck

SPEAKING_RATE = 130  # words of speaker notes a minute: an unhurried presenter
SLIDES_PER_MINUTE = 1.0  # the most slides a minute a module can show and talk about
SLACK = 1.1  # material may take up to a tenth more than the module's time


def pacing_warnings(
    project: RawProject, course: Course, deck: LaidOutDeck, audience: str
) -> list[Problem]:
    """The modules of one audience (``course`` tailored to it) whose material does not fit
    their time, each at its ``duration:`` line."""
    found: list[Problem] = []
    for module in course.modules:
        if not isinstance(module, Module) or not module.duration:
            continue
        slides = [s for s in deck.slides if s.module == module.id]
        words = _words_said(module, slides)
        talk = words / SPEAKING_RATE
        activities = sum(a.duration or 0 for a in module.activities)
        needed = talk + activities
        where = _where(project, module)
        minutes = module.duration
        if needed > minutes * SLACK:
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


def _plain(text: str) -> str:
    return " ".join(text.replace("*", "").replace("_", "").split())


def _words_said(module: Module, slides: list) -> int:  # type: ignore[type-arg]
    """The words of speaker notes the module's slides give the presenter to say, the
    module's own notes counted once however many of its slides repeat them."""
    own = _plain(str(module.notes))
    counted = False
    words = 0
    for slide in slides:
        text = _plain(slide.notes)
        if own and own in text:
            if counted:
                text = text.replace(own, " ")
            counted = True
        words += len(text.split())
    return words


def _where(project: RawProject, module: Module) -> Location:
    raw = project.modules.get(module.id)
    if raw is None:
        return Location(module.file)
    return raw.front.location(("duration",))
