"""Problems a user can fix, and the exceptions that carry them to the CLI.

Every stage reports user mistakes as :class:`Problem` values rather than raising at the
first one, so that a trainer sees every mistake in one run. A stage that found problems
raises :class:`ContentError` once; the CLI prints each problem as ``file:line:col: message``
and exits with status 1. Anything else that escapes is a bug in materials-gen.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Location:
    """Where a value came from: a path relative to the project, 1-based line and column."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.file
        if not self.column:
            return f"{self.file}:{self.line}"
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, said the way a trainer can act on it."""

    location: Location | None
    message: str
    hint: str = ""
    severity: str = "error"  # or "warning", or "info" (said once, never fails --strict)
    # the text the problem is about, so the build can find its source line (sources.py);
    # never printed: the message already quotes the start of it
    quote: str = field(default="", compare=False)
    # where to say it is when the quoted text is found in no source (a template wrote it)
    otherwise: Location | None = field(default=None, compare=False)
    # what stays the same while the problem stands, when its words quote a value that moves
    # with each save (a file's stamp): a watching command tells it again only when this
    # changes (see console.Retold); "" when the words themselves say it
    standing: str = field(default="", compare=False)
    # the language of the output whose text it quotes ("" when none is said): a text its
    # translation writes is looked for there first (see sources.SourceIndex.locate)
    language: str = field(default="", compare=False)

    def format(self) -> str:
        # a file's name may hold a line break (a made-up "OK:" line after it) or a
        # direction override (a name shown backwards): shown escaped, as every control
        location = self.location or self.otherwise
        where = _NAME_CONTROL.sub(_escaped, f"{location}: ") if location else ""
        text = f"{self.severity}: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return where + _CONTROL.sub(_escaped, text)


SHOWN_ALIKE = 5  # problems printed of each kind; the rest are counted


# how to see every problem, where the command has --json (said by :func:`told`)
EVERY_IN_JSON = "the command with --json lists every one"


def told(problems: Iterable[Problem], every: str = "") -> list[Problem]:
    """``problems`` as a terminal or the preview page shows them: of those that say the same
    thing (the same severity, message and hint, at other places), the first
    :data:`SHOWN_ALIKE`, then, where the next one would be, one line that counts the rest.
    A module pasted with 30,000 empty headings tells a trainer what to fix in a screenful;
    ``--json`` still lists every one, which the count's hint says (``every``) where the
    command has it. The same problem at the same place (a folder made a link, told for each
    file to be written in it) is told once."""
    problems = list(dict.fromkeys(problems))
    alike = Counter((p.severity, p.message, p.hint) for p in problems)
    seen: Counter[tuple[str, str, str]] = Counter()
    out: list[Problem] = []
    for problem in problems:
        key = (problem.severity, problem.message, problem.hint)
        seen[key] += 1
        if seen[key] <= SHOWN_ALIKE:
            out.append(problem)
        elif seen[key] == SHOWN_ALIKE + 1:
            where = problem.location or problem.otherwise
            out.append(
                Problem(
                    where,
                    f"... and {alike[key] - SHOWN_ALIKE:,} more {problem.severity}s like the "
                    "one above" + (", from here on" if where else ""),
                    "mend the first ones and try again" + (f"; {every}" if every else ""),
                    severity=problem.severity,
                )
            )
    return out


# Control characters a terminal would act on (an escape sequence that sets the window's
# title or worse), as a file's name or a shipped manifest may hold them: shown escaped; and
# the marks that turn text around (right-to-left overrides), which make one name read as
# another. A file's name may hold neither a line break nor a tab.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_NAME_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def visible(text: str, directions: bool = False) -> str:
    """``text`` with the control characters a terminal would act on shown escaped (line
    breaks and tabs kept): what a command prints of a project's own text. With
    ``directions``, the marks that reorder text too (an override shows what follows it
    backwards): what ``show`` prints of what a template wrote."""
    return (_CONTROL if directions else _TERMINAL_CONTROL).sub(_escaped, text)


_TERMINAL_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _escaped(found: re.Match[str]) -> str:
    return found.group().encode("unicode_escape").decode("ascii")


class MaterialsError(Exception):
    """Base for errors that reach the user as a message and an exit status."""

    exit_code = 1

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(problems)
        super().__init__("\n".join(p.format() for p in self.problems))

    def __reduce__(self) -> tuple[type[MaterialsError], tuple[tuple[Problem, ...]]]:
        """Pickled as its problems, so that an error raised in a worker process arrives whole
        (by default an exception is rebuilt from its message, one problem per character)."""
        return (type(self), (self.problems,))


class ContentError(MaterialsError):
    """The content, settings or templates are wrong; nothing was written."""


@contextmanager
def with_warnings(warnings: Iterable[Problem]) -> Iterator[None]:
    """A content error raised inside also tells ``warnings`` (after its own problems), as
    one found in validation does: a trainer who fixes the error hears of them now, not
    only on the next run."""
    try:
        yield
    except ContentError as exc:
        said = set(exc.problems)
        more = [w for w in warnings if w not in said]
        if not more:
            raise
        raise type(exc)([*exc.problems, *more]) from None


class OutputError(MaterialsError):
    """An output could not be written (permissions, disk, something in its place).

    A build replaces its files all together or not at all: when this is raised, every file
    in the output folder is as it was before the build (see write.py).
    """


class UsageError(MaterialsError):
    """The command line names something the project does not have (exit status 2)."""

    exit_code = 2


class Busy(OutputError):
    """Another build is writing to the output folder: this one wrote nothing, and may run
    once that one is done (``watch`` and ``preview`` wait for it)."""


# How long a name a hint compares (a close match is a slip of a few letters in a short name:
# comparing long ones took minutes when a shared project listed hundreds of them), and how
# many choices a hint lists
_MOST_COMPARED = 64
_MOST_LISTED = 20


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A hint naming the closest valid choice, or listing the choices when none is close."""
    options = sorted(set(choices))
    near = [o for o in options if len(o) <= _MOST_COMPARED and abs(len(o) - len(word)) <= 8]
    close = (
        difflib.get_close_matches(word, near, n=1, cutoff=0.6)
        if len(word) <= _MOST_COMPARED
        else []
    )
    if close:
        return f"did you mean '{close[0]}'?"
    if not options:
        return ""
    listed = ", ".join(f"'{o[:_MOST_COMPARED]}'" for o in options[:_MOST_LISTED])
    more = len(options) - _MOST_LISTED
    return "expected one of: " + listed + (f" and {more:,} more" if more > 0 else "")


def warnings_in(problems: Iterable[Problem]) -> list[Problem]:
    """The warnings among ``problems`` (what --strict fails on and the summary counts): not
    the errors, and not the "info" notes (such as the roster's ignored columns)."""
    return [p for p in problems if p.severity == "warning"]


# The audiences a hint names as its examples ("e.g. 'audience: clinical'"): the project's
# own, once its course file is read (see load.load_project), so that a hint copied into a
# course without a 'clinical' audience is not an error of its own.
_EXAMPLES: ContextVar[tuple[str, ...]] = ContextVar("example_audiences", default=())


def use_example_audiences(ids: Iterable[object]) -> None:
    """The project's audience ids, in course.yaml's order, for the hints' examples."""
    found = tuple(str(i) for i in ids if isinstance(i, str) and i.strip())
    _EXAMPLES.set(found)


def project_audiences() -> tuple[str, ...]:
    """The project's audience ids, once its course file is read (else none)."""
    return _EXAMPLES.get()


def example_audience() -> str:
    """An audience a hint's example names alone: the project's second (its first is often
    everyone's), or its only one; 'clinical' before a course is read."""
    ids = _EXAMPLES.get()
    return ids[1] if len(ids) > 1 else ids[0] if ids else "clinical"


def example_audiences() -> tuple[str, str]:
    """Two audiences a hint's example names together ("[all-staff, clinical]")."""
    ids = _EXAMPLES.get()
    if len(ids) > 1:
        return ids[0], ids[1]
    return ("all-staff", "clinical") if not ids else (ids[0], ids[0])


def problem_data(problem: Problem) -> dict[str, Any]:
    """A problem as data (``--json``, and the manifest's warnings): ``severity`` ("error",
    "warning" or "info"), ``file`` (relative to the project, or null), ``line`` and
    ``column`` (1-based, or null), ``message``, ``hint`` (possibly empty); where it is said
    to be, as :meth:`Problem.format` says it."""
    where = problem.location or problem.otherwise
    return {
        "severity": problem.severity,
        "file": where.file if where else None,
        "line": where.line or None if where else None,
        "column": where.column or None if where else None,
        "message": problem.message,
        "hint": problem.hint,
    }


def line_at(raw: bytes, offset: int) -> int:
    """The line (from 1) that byte ``offset`` of a file is on, whatever its line endings:
    Windows' CR LF, Unix's LF, or a lone CR (old Mac editors, Excel for Mac's "CSV
    (Macintosh)"), where counting LF alone said line 1 of any line."""
    before = raw[:offset]
    return before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1
