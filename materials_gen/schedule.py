"""The session plan: clock times for every part of a session, from the content's durations.

Each module's minutes follow one another from a start time; a module's activities are part
of its minutes. What else happens in the room is timed too, from the session settings:
sign-in and the knowledge check before the first module, the knowledge check after and the
evaluation after the last (the knowledge checks only for an audience with questions); it is
never counted as teaching, so it earns no contact hours. A break goes where the content puts
one (``break_after`` on a module) and, with a ``break_every`` setting, before a module, or
before what closes the session (the knowledge check after and the evaluation, together), that
would take the room past that many minutes without one. Sign-in and the knowledge checks and
the evaluation are time in the room too, so they count, but what opens or closes the session
is split off by a break only when it takes half of ``break_every`` or more (no break ten
minutes after people arrive, nor before a five-minute evaluation, nor after the end); a
module longer than ``break_every`` is not cut (``check`` says so).

The plan is made here once per audience and start time, and every output reads it (the
agenda slide, the facilitator guide, the handout, the certificates' contact hours): two
outputs that computed their own totals would disagree as soon as a break is added.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from .i18n import gettext_noop
from .model import Course, Module


@dataclass(frozen=True)
class Slot:
    """One part of the session at its clock time: a module, or a break."""

    start: str  # "09:00"
    end: str
    minutes: int
    title: str  # the module's title; for the other kinds, their label (to translate)
    kind: str  # "module", "break", "sign-in", "pretest", "posttest" or "evaluation"
    module: str = ""  # the module's id
    number: int = 0  # the module's place in the session (1, 2, ...); 0 for a break


@dataclass(frozen=True)
class Session:
    """The whole session plan of one audience, with the totals every output prints.

    ``total_minutes`` counts breaks (how long the room is booked for); ``teaching_minutes``
    does not, and it is what continuing-education contact hours are made of (60 minutes are
    one hour), so a break never earns credit.
    """

    start: str
    end: str
    slots: tuple[Slot, ...]
    total_minutes: int
    teaching_minutes: int
    break_minutes: int
    other_minutes: int  # sign-in, knowledge checks, evaluation: timed, never credited
    booked_minutes: int | None  # settings: session: length, when given
    contact_hours: float  # teaching minutes / 60, to two decimals, never more than taught
    date: dt.date | None = None  # the day of the session, when known (--date or settings)


@functools.lru_cache(maxsize=1024)
def _clock(minutes: int, language: str = "") -> str:
    """A time of day as the course's language writes it: "9:00 AM" in American English,
    "09:00" in British English, French or Spanish (Babel's short time format)."""
    if not language:
        return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"
    from babel.dates import format_time

    from .i18n import babel_locale

    time = dt.time(minutes // 60 % 24, minutes % 60)
    return format_time(time, "short", locale=babel_locale(language))


def _minutes_of(clock: str) -> int:
    hours, _, mins = clock.partition(":")
    return int(hours) * 60 + int(mins or 0)


def _slots(course: Course, start: str) -> tuple[Slot, ...]:
    """The tailored course's modules (and breaks) with their clock times."""
    session = course.settings.session
    language = course.language
    now = _minutes_of(start)
    since_break = 0
    slots: list[Slot] = []

    def due(minutes: int, edge: int = 0) -> None:
        """A break first, when ``minutes`` more would go past ``break_every`` without one.
        ``edge``: the minutes of what opens or closes the session (sign-in and the
        knowledge check before the first module; the knowledge check and evaluation after
        the last), which are split off by a break only when they take half of
        ``break_every`` or more: a break ten minutes after people arrive, or before a
        five-minute evaluation, is no break people need."""
        every = session.break_every
        if not every or not minutes or not since_break or since_break + minutes <= every:
            return
        if edge and 2 * edge < every:
            return
        add_break(session.break_length)

    def add(minutes: int, title: str, kind: str) -> None:
        nonlocal now, since_break
        if minutes:
            clock = _clock(now, language), _clock(now + minutes, language)
            slots.append(Slot(*clock, minutes, title, kind))
            now += minutes
            since_break += minutes

    def add_break(minutes: int) -> None:
        nonlocal since_break
        add(minutes, gettext_noop("Break"), "break")
        since_break = 0

    tested = bool(course.questions)  # no questions for this audience: no knowledge check
    add(session.sign_in, gettext_noop("Sign-in"), "sign-in")
    add(session.pre_test if tested else 0, gettext_noop("Knowledge check: before"), "pretest")
    opening = since_break  # sign-in and the knowledge check before
    for index, module in enumerate(course.modules):
        minutes = module.duration or 0
        due(minutes, opening if index == 0 else 0)
        title = str(module.title)
        slots.append(
            Slot(
                _clock(now, language),
                _clock(now + minutes, language),
                minutes,
                title,
                "module",
                module.id,
                index + 1,
            )
        )
        now += minutes
        since_break += minutes
        last = index == len(course.modules) - 1
        if module.break_after and (not last or _timed_after_modules(course)):
            add_break(module.break_after)
    # what closes the session is one stretch: a break may come before it, never inside it
    closing = (session.post_test if tested else 0) + session.evaluation
    due(closing, closing)
    add(session.post_test if tested else 0, gettext_noop("Knowledge check: after"), "posttest")
    add(session.evaluation, gettext_noop("Session evaluation"), "evaluation")
    return tuple(slots)


def _timed_after_modules(course: Course) -> bool:
    """Whether anything timed follows the last module (the knowledge check after the
    session, the evaluation): a break after the last module then comes before it."""
    session = course.settings.session
    return bool((course.questions and session.post_test) or session.evaluation)


def dropped_break(course: Course) -> Module | None:
    """The last module of a course tailored to one audience, when it asks for a break after
    it and nothing timed follows: the session ends there, so that break is not in the
    plan (the trainer is told, see check.timing_warnings)."""
    if not course.modules:
        return None
    last = course.modules[-1]
    return last if last.break_after and not _timed_after_modules(course) else None


def days_later(plan: Session, start: str) -> int:
    """How many midnights a plan starting at ``start`` runs past (0: it ends the same day,
    at midnight at the latest; more: its clock times go round)."""
    return (_minutes_of(start) + plan.total_minutes - 1) // (24 * 60)


def credited_hours(minutes: int) -> float:
    """Contact hours for ``minutes`` of teaching, to two decimals, rounded down: credit is
    never above the time taught (115 minutes are 1.91 hours, not 1.92), as accrediting
    bodies ask."""
    return (minutes * 100 // 60) / 100


def session_plan(course: Course, start: str | None = None, day: dt.date | None = None) -> Session:
    """The session plan of a course already tailored to one audience.

    ``start`` is the time of day the session starts ("13:30"); by default the course's
    ``settings: session: start``. ``day`` (the --date option) is the day it is held; by
    default the course's ``settings: session: date``, if any.
    """
    begin = start or course.settings.session.start
    slots = _slots(course, begin)
    teaching = sum(s.minutes for s in slots if s.kind == "module")
    pauses = sum(s.minutes for s in slots if s.kind == "break")
    other = sum(s.minutes for s in slots) - teaching - pauses
    total = teaching + pauses + other
    return Session(
        start=_clock(_minutes_of(begin), course.language),
        end=_clock(_minutes_of(begin) + total, course.language),
        slots=slots,
        total_minutes=total,
        teaching_minutes=teaching,
        break_minutes=pauses,
        other_minutes=other,
        booked_minutes=course.settings.session.length,
        contact_hours=credited_hours(teaching),
        date=day or course.settings.session.date,
    )
