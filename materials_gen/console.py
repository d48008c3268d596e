"""What the command prints, and how: colour, quiet and verbose, the progress bar, JSON.

A trainer at a terminal sees each file as it is made, a progress bar when the build takes
longer than about a second, unchanged files folded into one count, and colour unless
``NO_COLOR`` is set or ``--no-color`` given. Piped into a file or a CI log, the same lines
come without colour and without a bar. ``--json`` prints one JSON document on stdout and
nothing else, for scripts (its shape is described in :func:`errors.problem_data` and the commands).

rich draws the bar; it is imported only when a bar is shown, so ``--help`` and no-op
rebuilds stay fast.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from .errors import Problem, told, visible

# A build shorter than this shows no bar: it would only flicker.
BAR_AFTER = 1.0


def use_colour(option: bool | None) -> bool | None:
    """``--color``/``--no-color`` if given; else none when NO_COLOR is set to anything
    (no-color.org) or the terminal says it shows none (TERM=dumb); else None: click
    colours what goes to a terminal, not to a pipe."""
    if option is not None:
        return option
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return None


def shown(path: Path) -> str:
    """A path as the trainer typed it: relative to the current folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def link_shown(path: Path) -> str:
    """A link as :func:`shown` shows a path, named as itself, not as where it leads (a link
    to the folder it is in was named as that folder)."""
    return f"{shown(path.parent)}/{path.name}"


def size_text(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.1f} MB"
    return f"{max(1, round(n / 1024))} KB"


def count_text(n: int, unit: str) -> str:
    """``3 pages``, ``1 slide``: ``unit`` is the plural."""
    return f"{n} {unit[:-1] if n == 1 and unit.endswith('s') else unit}"


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def listed(names: Sequence[str]) -> str:
    """Names as a sentence lists them: "a", "a and b", "a, b and c"."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def print_json(data: dict[str, Any]) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


@dataclass
class Terminal:
    """One command's output: ``quiet`` shows only errors and the final line, ``verbose``
    adds detail (unchanged files, stage times), ``json`` prints nothing but the JSON."""

    colour: bool | None = None  # None: colour on a terminal only
    quiet: bool = False
    verbose: bool = False
    json: bool = False
    bar_allowed: bool = False  # stdout is a terminal and neither quiet nor json
    every: str = ""  # how the command lists every problem (its --json), if it can
    _lock: threading.RLock = field(default_factory=threading.RLock, repr=False)
    _bar: Any = field(default=None, repr=False)  # rich's Progress, while it is shown
    _task: Any = field(default=None, repr=False)
    _timer: threading.Timer | None = field(default=None, repr=False)
    _total: int = 0
    _done: int = 0
    _label: str = ""

    @classmethod
    def of(
        cls, colour: bool | None, quiet: bool, verbose: bool, as_json: bool, every: str = ""
    ) -> Terminal:
        tty = bool(getattr(sys.stdout, "isatty", lambda: False)())
        return cls(
            every=every,
            colour=use_colour(colour),
            quiet=quiet or as_json,
            verbose=verbose and not quiet and not as_json,
            json=as_json,
            bar_allowed=tty and not quiet and not as_json,
        )

    @property
    def width(self) -> int:
        """Columns to wrap long text to: the terminal's, or 0 (not wrapped) in a pipe."""
        if not getattr(sys.stdout, "isatty", lambda: False)():
            return 0
        return shutil.get_terminal_size((100, 24)).columns - 1

    # ------------------------------------------------------------ lines

    def say(self, text: str = "", **style: Any) -> None:
        """A line of the normal output (not shown with --quiet)."""
        if not self.quiet:
            self._out(text, err=False, **style)

    def detail(self, text: str, **style: Any) -> None:
        """A line shown only with --verbose."""
        if self.verbose:
            self._out(text, err=False, **style)

    def final(self, text: str, **style: Any) -> None:
        """The last line, shown even with --quiet (not with --json)."""
        if not self.json:
            self._out(text, err=False, **style)

    def problems(self, problems: Iterable[Problem], strict: bool = False) -> None:
        """Problems on stderr, errors red, warnings yellow and notes plain (only errors with
        --quiet; warnings too when ``strict`` makes them what fails the command)."""
        if self.json:
            return
        colours = {"error": "red", "warning": "yellow"}
        failing = ("error", "warning") if strict else ("error",)
        for problem in told(problems, self.every):
            if problem.severity not in failing and self.quiet:
                continue
            self._out(problem.format(), err=True, fg=colours.get(problem.severity))

    def _out(self, text: str, err: bool, **style: Any) -> None:
        # a project's names and text in a line (a folder named with a terminal's control
        # sequence, which would set its title or clear it) are shown escaped, never acted on
        text = visible(text)
        with self._lock:
            if self._bar is not None:
                from rich.text import Text

                self._bar.console.print(
                    Text(text, style=_rich_style(style) if self.colour is not False else ""),
                    markup=False,
                    highlight=False,
                    soft_wrap=True,
                )
                return
            try:
                click.secho(text, err=err, color=self.colour, **style)
            except BrokenPipeError:
                _reader_gone(err)

    # ------------------------------------------------------------ the bar

    def start_bar(self, total: int, description: str = "Building") -> None:
        """A bar for ``total`` steps, shown if the work is still going after BAR_AFTER s."""
        if not self.bar_allowed or total <= 0:
            return
        self._total, self._done, self._label = total, 0, description
        self._timer = threading.Timer(BAR_AFTER, self._show_bar)
        self._timer.daemon = True
        self._timer.start()

    def advance(self, steps: int = 1) -> None:
        with self._lock:
            self._done += steps
            if self._bar is not None:
                self._bar.update(self._task, completed=self._done)

    def stop_bar(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        with self._lock:
            self._total = 0  # a timer already firing finds nothing left to show
            if self._bar is not None:
                self._bar.stop()
                self._bar = None

    def _show_bar(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        with self._lock:
            if self._bar is not None or self._done >= self._total:
                return
            console = Console(file=sys.stdout, no_color=self.colour is False, highlight=False)
            self._bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=console,
                transient=True,
                redirect_stdout=False,
                redirect_stderr=False,
            )
            self._task = self._bar.add_task(self._label, total=self._total, completed=self._done)
            self._bar.start()


def _rich_style(style: dict[str, Any]) -> str:
    """click.secho's style arguments as a rich style string."""
    parts = []
    if style.get("bold"):
        parts.append("bold")
    if style.get("dim"):
        parts.append("dim")
    if style.get("fg"):
        parts.append(str(style["fg"]))
    return " ".join(parts)


class Timer:
    """Seconds since the command started."""

    def __init__(self) -> None:
        self.start = time.perf_counter()

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.start


class Retold:
    """The warnings a command that builds again and again (`watch`, `preview`) has told:
    each is told once while it stands, not again after every save (errors always are)."""

    def __init__(self) -> None:
        self.last: set[object] = set()

    def fresh(self, problems: Iterable[Problem], failed: bool = False) -> tuple[list[Problem], int]:
        """The problems to tell of this build's, and how many of its warnings the last
        build told already. A build that ``failed`` stopped before it found them all: the
        warnings told before it still stand (a save that fixes its error tells them not
        again). A problem whose words quote a value each save moves is the same problem
        while what it says stands (:attr:`Problem.standing`)."""
        problems = list(dict.fromkeys(problems))
        new = [p for p in problems if p.severity == "error" or _standing(p) not in self.last]
        warned = sum(p.severity == "warning" for p in problems)
        now = {_standing(p) for p in problems}
        self.last = self.last | now if failed else now
        return new, warned - sum(p.severity == "warning" for p in new)


def _standing(problem: Problem) -> object:
    """What a problem is while it stands: its place and what stays the same of it."""
    if not problem.standing:
        return problem
    return (problem.location, problem.severity, problem.standing)


def as_before(repeated: int) -> str:
    """The end of a watching command's last line: the warnings it did not tell again."""
    return f" ({repeated} told before, not repeated)" if repeated else ""


def _reader_gone(err: bool) -> None:
    """The program reading this output went away (`build | head -1`, a pager quit early):
    the rest of the output goes nowhere, and the command goes on (a build still writes its
    files: it had stopped at its next line, with status 1, having written nothing). The
    stream is pointed at the null device, so that no later line, nor Python's last flush
    as it ends, fails on it again."""
    stream = sys.stderr if err else sys.stdout
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, stream.fileno())
        finally:
            os.close(null)
    except (OSError, ValueError, AttributeError):  # no descriptor of its own: nothing to do
        pass
