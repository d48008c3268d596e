"""What a template sees: plain, read-only data made for one output of one audience.

Templates come from other people (a colleague's kit, a template pack), so they get data, not
the application's objects: a pydantic model carries methods that read files and unpickle
bytes, and the whole course carries every audience's descriptions. Everything reachable from
the context is one of a few value types (:data:`VALUE_TYPES`), built here on purpose:

- a :class:`Record` for every model, dataclass and mapping: read-only, its fields read as
  ``module.title`` or ``module["title"]``, with no methods beyond those of a read-only mapping;
- tuples for lists; strings, numbers, booleans, ``None`` and dates for values.

A model's computed properties (``module.prose``, ``question.correct``...) are evaluated here and
stored as fields, so the template never calls into the model. ``course.audiences`` holds only
the audience being built: other audiences' names and descriptions are not there to print.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import PurePath
from typing import Any

from pydantic import BaseModel

from .model import Audience, Course
from .schedule import session_plan
from .tailor import tailor

VALUE_TYPES = (str, int, float, bool, type(None), dt.date, dt.time)


class Record(Mapping[str, Any]):
    """A read-only record of named values: what a template sees for a module, a table, ...

    Jinja reads ``record.name`` by trying the attribute first, then the item, so the fields
    of a record are read like attributes while the record itself has none of its own beyond
    the read-only mapping methods (``get``, ``keys``, ``items``, ``values``).
    """

    __slots__ = ("_fields",)

    def __init__(self, fields: Mapping[str, Any]):
        object.__setattr__(self, "_fields", dict(fields))

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("a template's data is read-only")

    def __getitem__(self, key: str) -> Any:
        if _watched is not None:  # a field looked for and missing is read too
            value = self._fields.get(key)
            # a record watched itself is only passed through on the way to its fields
            # (``course.settings.session.trainer``): what is read of it, it notes; read as
            # a whole, it notes that (an output showing the trainer's name was made again
            # "because settings: continuing_education: approval_number changed")
            if not (isinstance(value, Record) and id(value) in _watched):
                _note(self, key)
        return self._fields[key]

    def __iter__(self) -> Iterator[str]:
        if _watched is not None:  # its fields listed: it is read as a whole
            _note(self, EVERY_FIELD)
        return iter(self._fields)

    def __len__(self) -> int:
        return len(self._fields)

    def __repr__(self) -> str:
        if _watched is not None:  # written out whole (a filter's text of it): read whole
            _note(self, EVERY_FIELD)
        return f"Record({self._fields!r})"


def unwatched_fields(record: Record) -> Mapping[str, Any]:
    """A record's fields, read without noting what is read: for sizing what writing it out
    would make before it is written (see templating._text_size), not for a template."""
    return record._fields


# Which fields of which parts of the content a template reads while it renders (see
# :func:`reading`): the records watched, by identity, each with what reading one of its
# fields reads of the content ((part, field) pairs); and the pairs read.
Reads = Callable[[str], Iterable[tuple[str, str]]]
_watched: dict[int, Reads] | None = None
_read: set[tuple[str, str]] = set()
EVERY_FIELD = "*"  # a record read as a whole (its fields listed, or printed)


def _note(record: Record, key: str) -> None:
    if not isinstance(key, str):  # (``course.get(1)`` in a template: no field's name)
        return
    reads = _watched.get(id(record)) if _watched is not None else None
    if reads is not None:
        _read.update(reads(key))


@contextmanager
def reading(watched: Mapping[int, Reads]) -> Iterator[set[tuple[str, str]]]:
    """The (part, field) pairs read from the records of ``watched`` (``id(record)`` ->
    what reading one of its fields reads of the content) while the block runs: what a
    template rendered in it reads of the content. Nested, the inner block's reads are its
    own."""
    global _watched, _read
    outer = _watched, _read
    _watched, _read = dict(watched), set()
    try:
        yield _read
    finally:
        _watched, _read = outer


def plain(value: Any) -> Any:
    """``value`` as template data: records, tuples and plain values, nothing else.

    Any other kind of object is a programming error (something new put into a context without
    deciding what of it a template may see), so it raises instead of passing through.
    """
    if isinstance(value, VALUE_TYPES):
        return value
    if isinstance(value, enum.Enum):
        return plain(value.value)
    if isinstance(value, PurePath):
        return value.as_posix()
    if isinstance(value, (tuple, list)):
        return tuple(plain(v) for v in value)
    if isinstance(value, (Record,)):
        return value
    if isinstance(value, Mapping):
        return Record({str(k): plain(v) for k, v in value.items()})
    if isinstance(value, BaseModel):
        fields = {name: getattr(value, name) for name in type(value).model_fields}
        fields.update((name, getattr(value, name)) for name in _properties(type(value)))
        return Record({name: plain(v) for name, v in fields.items()})
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return Record({f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)})
    raise TypeError(f"{type(value).__name__} is not template data")


def _properties(cls: type) -> list[str]:
    """The computed properties a model declares (pure views of its own fields)."""
    names: list[str] = []
    for klass in cls.__mro__:
        if klass in (BaseModel, object):
            break
        for name, member in vars(klass).items():
            if isinstance(member, property) and not name.startswith("_") and name not in names:
                names.append(name)
    return names


@dataclasses.dataclass
class AudienceData:
    """What is made once per audience: the tailored course, its view and its session plans."""

    tailored: Course
    view: Record
    letters: tuple[str, ...] = tuple("ABCDEFGH")  # of the options on forms, as printed
    sessions: dict[tuple[str, dt.date | None], Record] = dataclasses.field(default_factory=dict)

    @functools.cached_property
    def checks(self) -> Record:
        """The knowledge check's two forms (see :mod:`materials_gen.assessment`)."""
        from .assessment import knowledge_checks

        return plain(knowledge_checks(self.tailored, self.letters))

    def session(self, start: str | None, day: dt.date | None = None) -> Record:
        """The session plan starting at ``start`` (default: the course's own start time) on
        ``day`` (default: the course's session date, if any)."""
        begin = start or self.tailored.settings.session.start
        found = self.sessions.get((begin, day))
        if found is None:
            found = self.sessions[begin, day] = plain(session_plan(self.tailored, begin, day))
        return found


def audience_data(
    course: Course, audience: Audience, letters: tuple[str, ...] = tuple("ABCDEFGH")
) -> AudienceData:
    """The course as one audience sees it: tailored, as template data (without the other
    audiences) and with its session plans. An edition makes it once and every output of the
    audience reads it."""
    tailored = tailor(course, audience.id)
    return AudienceData(tailored, _view(tailored, audience), letters)


def _view(tailored: Course, audience: Audience) -> Record:
    data = plain(tailored)
    fields = dict(data)
    fields["audiences"] = tuple(a for a in data["audiences"] if a["id"] == audience.id)
    return Record(fields)


def template_context(
    data: AudienceData,
    audience: Audience,
    output: Mapping[str, Any],
    *,
    start: str | None = None,
    day: dt.date | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """The variables of one template: ``course``, ``audience``, ``output``, ``session``, extras.

    ``session`` is the audience's one session plan (see :mod:`materials_gen.schedule`), from
    ``start`` (the ``--start`` option; default the course's ``settings: session: start``): its
    ``slots`` (each ``start``, ``end``, ``minutes``, ``title``, ``kind`` "module" or "break",
    ``module`` id, ``number``; kinds "module", "break", "sign-in", "pretest", "posttest",
    "evaluation"), ``start``, ``end``, ``total_minutes`` (everything timed),
    ``teaching_minutes``, ``break_minutes``, ``other_minutes``, ``booked_minutes``,
    ``contact_hours`` and ``date``
    (``day``, the ``--date`` option; default ``settings: session: date``; None if neither). Every
    template reads the same record, so the agenda, the guide, the handout and the certificates
    cannot disagree about the session. ``course`` is ``data``'s view (see
    :func:`audience_data`). ``checks`` holds the knowledge check's two forms, ``before`` and
    ``after`` (each question's ``number``, ``question``, ``options`` in the printed order,
    ``correct`` letter on that form, ``explanation``, ``kind``, ``module``, ``objective``), and
    ``parallel`` (see :mod:`materials_gen.assessment`): the forms and the answer key print them.
    """
    context = {
        "course": data.view,
        "audience": plain(audience),
        "output": plain(output),
        "session": data.session(start, day),
        "checks": data.checks,
    }
    context.update((name, plain(value)) for name, value in extra.items())
    return context
