"""The session plan: clock times for every part of a session, from the content's durations.

Each module's minutes follow one another from a start time; a module's activities are part
of its minutes. A break goes where the content puts one (``break_after`` on a module) and,
with a ``break_every`` setting, whenever that many minutes have passed without one.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Course


@dataclass(frozen=True)
class Slot:
    start: str  # "09:00"
    end: str
    minutes: int
    title: str
    kind: str  # "module" or "break"
    module: str = ""  # the module's id


def _clock(minutes: int) -> str:
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def plan(course: Course, start: str = "09:00") -> tuple[Slot, ...]:
    """The tailored course's modules (and breaks) with their clock times."""
    session = course.settings.session
    hours, _, mins = start.partition(":")
    now = int(hours) * 60 + int(mins or 0)
    since_break = 0
    slots: list[Slot] = []

    def add_break(minutes: int) -> None:
        nonlocal now, since_break
        slots.append(Slot(_clock(now), _clock(now + minutes), minutes, "Break", "break"))
        now += minutes
        since_break = 0

    for index, module in enumerate(course.modules):
        minutes = module.duration or 0
        if session.break_every and since_break and since_break + minutes > session.break_every:
            add_break(session.break_length)
        title = str(module.title)
        slots.append(Slot(_clock(now), _clock(now + minutes), minutes, title, "module", module.id))
        now += minutes
        since_break += minutes
        last = index == len(course.modules) - 1
        if module.break_after and not last:
            add_break(module.break_after)
    return tuple(slots)


def total_minutes(slots: tuple[Slot, ...]) -> int:
    return sum(s.minutes for s in slots)
