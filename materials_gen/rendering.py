"""Rendering the jobs of a build: in this process, or in a pool of processes.

Each job goes to its kind's renderer with the document, the theme, the options its kind
declares and the per-audience values it shares. Whatever a renderer raises on a document
it cannot lay out becomes a message naming the output and its template, never a traceback.

Every job is rendered even when one fails, and the problems of all that failed are raised
together: a trainer whose table is too big for both audiences' posters hears about both in
one run, each with its audience, rather than fixing one and meeting the next.
"""

from __future__ import annotations

import itertools
import os
import pickle
import signal
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

from .document import Document
from .errors import ContentError, Location, MaterialsError, OutputError, Problem
from .jobs import Job
from .kinds import KINDS
from .render import RenderOptions, RenderResult
from .theme import Theme


class Rendering:
    """Renders jobs as they are made: each job is handed to a worker as soon as the build
    has made it, so workers draw one audience's outputs while the build templates and lays
    out the next. With one worker, or a single job, everything runs in this process.

    SOURCE_DATE_EPOCH is hidden from the renderers while they run: ReportLab would build
    each PDF's identifier from it, so the same inputs would give other bytes in another
    shell. The outputs carry the content's date instead, whatever the environment says.
    """

    def __init__(
        self,
        theme: Theme,
        workers: int,
        kinds: Iterable[str] = (),
        on_result: Callable[[Job, RenderResult, float], Any] | None = None,
        thumbnails: bool = False,
        expected: int = 0,
        ready: Executor | None = None,
    ):
        """``expected``: how many jobs the build expects to render (outputs never built
        before, or whose inputs changed). With two or more, the workers start with the first
        job rather than wait for a second; otherwise they start with the second, so that a
        rebuild that makes a single output renders it here, which is quicker than starting a
        worker.

        ``on_result`` hears of each job as its result arrives (in this process, in the
        order they finish), so that a trainer sees each file as it is made.

        ``thumbnails``: each output's thumbnails for the overview page are drawn by the
        worker that renders it, right after it (in parallel, not one by one at the end);
        :attr:`thumbnails` then holds them by output path.

        ``ready``: workers the build started before it knew its jobs (see
        :func:`start_workers`); every job goes to them, the first too, and they are shut down
        with the rendering.
        """
        self.theme, self.workers, self.kinds = theme, workers, set(kinds)
        self.expected = expected
        self.on_result = on_result
        self.drawing = thumbnails
        self.thumbnails: dict[str, list[bytes]] = {}
        self.jobs: list[Job] = []
        self.futures: list[Future[tuple[RenderResult, float]]] = []
        self.pool: Executor | None = None
        self.ready = ready
        self._outcomes: dict[int, Outcome] = {}
        self._packs: dict[int, tuple[Any, Packed]] = {}
        self._froze = False
        self._clock = _without_build_clock()

    def __enter__(self) -> Rendering:
        self._clock.__enter__()
        return self

    def __exit__(self, kind: object, *exc: object) -> None:
        try:
            for pool in {id(p): p for p in (self.pool, self.ready) if p is not None}.values():
                if kind is not None:  # the build stopped (Ctrl-C, an error): no waiting
                    stop(pool)
                else:
                    pool.shutdown(wait=True, cancel_futures=True)
            if self._froze:
                import gc

                gc.unfreeze()  # what _start set aside is the collector's again
        finally:
            self._clock.__exit__(None, None, None)

    def submit(self, job: Job) -> None:
        """Start rendering ``job`` (in a worker, once there is more than one to share out)."""
        self.jobs.append(job)
        if self.workers <= 1:
            return
        first = self.ready is not None or self.expected >= 2
        if self.pool is None and len(self.jobs) >= (1 if first else 2):
            try:
                self.pool = self._start()
            except OSError:  # no process or pipe to be had (a limit reached): render here
                self.workers = 1
                return
            self.futures = [self.pool.submit(_render, *self._arguments(j)) for j in self.jobs]
        elif self.pool is not None:
            self.futures.append(self.pool.submit(_render, *self._arguments(job)))
        if self.pool is not None:
            self._collect(block=False)  # tell of what finished while this job was made

    def results(self) -> list[tuple[RenderResult, float]]:
        """Every job's result and seconds, in the order the jobs were submitted.

        Raises one ContentError with the problems of every job that failed (a failure in one
        output does not hide another's).
        """
        if self.pool is None:
            for n, job in enumerate(self.jobs):
                self._done(n, _outcome(job, lambda j=job: _render(*self._arguments(j))))
        else:
            self._collect(block=True)
        outcomes = [self._outcomes[n] for n in range(len(self.jobs))]
        failed = [problem for o in outcomes if o.problems for problem in o.problems]
        if any(o.error is not None for o in outcomes):  # an error may carry no problem
            kinds = {type(o.error) for o in outcomes if o.error is not None}
            error = kinds.pop() if len(kinds) == 1 else ContentError
            raise error(_unique(failed))
        return [o.result for o in outcomes if o.result is not None]

    def _collect(self, block: bool) -> None:
        """Hand on the results of the jobs that have finished (all of them when ``block``)."""
        while True:
            pending = {f: n for n, f in enumerate(self.futures) if n not in self._outcomes}
            if not pending:
                return
            done, _ = wait(pending, timeout=None if block else 0, return_when=FIRST_COMPLETED)
            if not done:
                return
            for future in sorted(done, key=pending.__getitem__):
                n = pending[future]
                self._done(n, _outcome(self.jobs[n], future.result))

    def _arguments(self, job: Job) -> tuple[Any, ...]:
        kind, document, theme, options, shared = _arguments(job, self.theme)
        if self.pool is not None:  # bound for a worker: what jobs share goes pickled once
            shared = {name: self._packed(value) for name, value in shared.items()}
        return (
            kind,
            document,
            theme,
            options,
            shared,
            job.target.path.name if self.drawing else "",
        )

    def _packed(self, value: Any) -> Packed:
        """``value`` pickled for the workers, once however many jobs take it (an audience's
        laid-out deck goes to its deck, its printed slides and its notes pages)."""
        key = id(value)
        if key not in self._packs:
            self._packs[key] = (value, Packed.of(value))  # holding it keeps its id its own
        return self._packs[key][1]

    def _done(self, n: int, outcome: Outcome) -> None:
        self._outcomes[n] = outcome
        if outcome.thumbnails is not None:
            self.thumbnails[self.jobs[n].target.path.as_posix()] = list(outcome.thumbnails)
        if outcome.result is not None and self.on_result is not None:
            self.on_result(self.jobs[n], *outcome.result)

    def _start(self) -> Executor:
        import gc

        # what this process holds by now (the project, the course, the first documents) set
        # aside: the collector's passes through the rest of the build skip it; thawed on
        # exit unless something else (a build) had frozen objects first and thaws them itself
        self._froze = gc.get_freeze_count() == 0
        gc.freeze()
        if self.ready is not None:
            return self.ready
        count = min(self.workers, max(self.expected, len(self.jobs)))  # none left idle
        if hasattr(os, "fork"):
            kinds = self.kinds | {j.target.kind.name for j in self.jobs}
            return start_workers(count, kinds, theme=self.theme)
        from concurrent.futures import ProcessPoolExecutor  # no fork: workers start afresh

        return ProcessPoolExecutor(max_workers=count, initializer=_spawned_start)


def stop(pool: Executor) -> None:
    """Shut ``pool`` down without waiting for the jobs it is running (their build stopped)."""
    terminate = getattr(pool, "terminate", None)
    if terminate is not None:
        terminate()
    else:
        pool.shutdown(wait=True, cancel_futures=True)


def start_workers(
    count: int, kinds: Iterable[str], theme: Theme | None = None, root: Path | None = None
) -> Executor:
    """``count`` workers for the renderers of ``kinds``, their libraries and the theme's
    fonts loaded by the first, before it forks the others (see workers.py). The theme is
    ``theme``, or the one ``root``'s project has (read by that worker: a build that starts
    its workers before reading the project; a theme it cannot read leaves the fonts to each
    job)."""
    from .workers import Workers

    return Workers(
        count, prepare=partial(_prepare, tuple(kinds), theme, root), started=_worker_start
    )


def _prepare(kinds: tuple[str, ...], theme: Theme | None, root: Path | None) -> None:
    """In the first worker: what every job needs loaded, loaded once, then set aside (frozen:
    the workers' collectors never touch, and so copy, what they all inherit)."""
    import gc

    os.environ.pop("SOURCE_DATE_EPOCH", None)  # as Rendering hides it from the renderers
    load_renderers(kinds, theme, root)
    gc.freeze()


def load_renderers(kinds: Iterable[str], theme: Theme | None, root: Path | None = None) -> None:
    """The renderers of ``kinds``, their libraries and the theme's fonts (``theme``, or the
    one ``root``'s project has), loaded in this process. A process that builds again and
    again (``watch``, ``preview``) loads them while it waits for the next save: its workers,
    forked from it, then start with them loaded rather than load them in every build."""
    from .render.fonts import Fonts

    for kind in kinds:
        KINDS[kind].load()
    import pikepdf  # noqa: F401 - tagging finishes every PDF with it
    from PIL import Image

    Image.preinit()  # the picture formats a deck's pictures open with
    if theme is None and root is not None:
        from .theme import load_theme

        with suppress(Exception):  # the build reads it again, and tells what is wrong
            theme = load_theme(root)
    if theme is not None:
        for family in (theme.body_font, theme.heading_font):
            with suppress(Exception):
                Fonts(family)


# The sockets this process listens on (the preview's page, see serve.py): a worker forked
# while one is open lets go of its copy, as of the locks below.
LISTENING: set[Any] = set()


def _worker_start() -> None:
    """A worker closes its copies of the build's output-folder locks: forked, it holds them
    too, and a worker outliving its build would keep every later build out. (It leaves when
    its parent does, see workers.py.) So too of a socket the build's process listens on:
    a preview stopped during a build (even by kill -9) frees its port at once, not when
    its workers notice that it is gone. The socket is detached first: its object in the
    worker no longer owns the number, which a file opened later may be given. SIGTERM ends
    it, as any process."""
    from .manifest import HELD

    # a worker ends at SIGTERM, as a process does (the command's handler is its own: see
    # cli._stopped_by_sigterm)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    for fd in list(HELD):
        with suppress(OSError):
            os.close(fd)
    HELD.clear()
    for sock in list(LISTENING):
        with suppress(OSError):
            os.close(sock.detach())
    LISTENING.clear()


def _spawned_start() -> None:
    from .workers import leave_with_parent

    _worker_start()
    leave_with_parent()


def render_all(jobs: list[Job], theme: Theme, workers: int) -> list[tuple[RenderResult, float]]:
    """Every job's result and seconds (see :class:`Rendering`)."""
    with Rendering(theme, workers, expected=len(jobs)) as rendering:
        for job in jobs:
            rendering.submit(job)
        return rendering.results()


def _arguments(
    job: Job, theme: Theme
) -> tuple[str, Document, Theme, RenderOptions, Mapping[str, Any]]:
    return (job.target.kind.name, job.document, theme, job.options, dict(job.shared))


def _render(
    kind: str,
    document: Document,
    theme: Theme,
    options: RenderOptions,
    shared: Mapping[str, Any],
    thumbnails_of: str = "",
) -> tuple[RenderResult, float, tuple[bytes, ...] | None]:
    """Render one output (run in a worker process when building in parallel); with
    ``thumbnails_of`` (the output's file name), draw its thumbnails too."""
    from .i18n import speaking

    start = time.perf_counter()
    shared = {name: _unpacked(value) for name, value in shared.items()}
    with speaking(options.labels):  # the renderer's own words in the course's language
        result = KINDS[kind].render(document, theme, options, shared)
    seconds = time.perf_counter() - start
    pictures = None
    if thumbnails_of:
        from .overview import draw_thumbnails

        deck = shared.get("laid_out_deck")
        pictures = tuple(draw_thumbnails(thumbnails_of, result.data, theme, lambda: deck))
    return result, seconds, pictures


_TOKENS = itertools.count(1)


@dataclass(frozen=True)
class Packed:
    """A value several jobs share, pickled once by the build's process. Each worker
    unpickles it once too, whichever of those jobs it takes (:func:`_unpacked`): the
    sharing jobs' arguments carry these bytes rather than pickling the value again each,
    which cost as much as a small output's rendering."""

    token: int  # unique in the process that packed it, across builds (watch, preview)
    data: bytes

    @classmethod
    def of(cls, value: Any) -> Packed:
        return cls(next(_TOKENS), pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


# in a worker: the values it unpickled, the latest few (a build shares one deck per
# audience and language); a worker lives for one build
_UNPACKED: dict[int, Any] = {}
_UNPACKED_MOST = 4


def _unpacked(value: Any) -> Any:
    """``value`` itself, or the value a :class:`Packed` holds, unpickled once a worker."""
    if not isinstance(value, Packed):
        return value
    if value.token not in _UNPACKED:
        while len(_UNPACKED) >= _UNPACKED_MOST:
            del _UNPACKED[next(iter(_UNPACKED))]
        _UNPACKED[value.token] = pickle.loads(value.data)
    return _UNPACKED[value.token]


@dataclass(frozen=True)
class Outcome:
    """What rendering one job came to: its result, or the problems that stopped it."""

    result: tuple[RenderResult, float] | None = None
    problems: tuple[Problem, ...] = ()
    error: MaterialsError | None = None
    thumbnails: tuple[bytes, ...] | None = None  # drawn with it, when asked for


def _outcome(
    job: Job, result: Callable[[], tuple[RenderResult, float, tuple[bytes, ...] | None]]
) -> Outcome:
    """A renderer's result; a document it cannot lay out is the template's problem, not a crash.

    Templates are the trainer's to change, so a renderer can meet a document that no built-in
    template writes (a title page without a title, a heading taller than a page). Whatever it
    raises becomes a message naming the output and the template, never a traceback.
    """
    try:
        made, seconds, pictures = result()
        return Outcome(result=(made, seconds), thumbnails=pictures)
    except MaterialsError as exc:
        return Outcome(problems=tuple(_with_audience(p, job) for p in exc.problems), error=exc)
    except BrokenProcessPool:  # not the document's doing: one message, however many outputs
        return Outcome(problems=(WORKER_LOST,), error=OutputError([WORKER_LOST]))
    except Exception as exc:  # noqa: BLE001 - anything a renderer raises on a document
        target = job.target
        reason = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
        problem = Problem(
            Location(f"intermediate {target.kind.name} for {target.audience.id}"),
            f"the {target.kind.name} cannot be laid out from what "
            f"{target.kind.template} wrote ({reason})",
            f"see what it wrote with: materials-gen show {target.kind.name} "
            f"--audience {target.audience.id}",
        )
        return Outcome(problems=(problem,), error=ContentError([problem]))


WORKER_LOST = Problem(
    None,
    "a process making the outputs stopped before it finished: it was ended from outside, "
    "or the system ran out of memory; nothing was written",
    "build again; if it happens again, build with --jobs 1, which makes one file at a time "
    "and needs less memory at once",
)


def _with_audience(problem: Problem, job: Job) -> Problem:
    return with_audience(problem, job.target)


def with_audience(problem: Problem, target: Any) -> Problem:
    """A renderer's problem, saying which output and audience it is about when it does not:
    with several outputs failing at once, "the table is too long" alone would not say which
    poster to look at. And in which language (see with_language)."""
    problem = with_language(problem, target)
    audience = target.audience
    said = problem.message + " " + str(problem.location or "")
    if audience.id in said or audience.name in said:
        return problem
    # a renderer that named its output but no audience (a template's front matter gave
    # none): named once, with it
    message = problem.message.removeprefix(f"the {target.kind.name}: ")
    return replace(problem, message=f"the {target.kind.name} for {audience.name}: {message}")


def with_language(problem: Problem, target: Any) -> Problem:
    """``problem`` of ``target``'s output, saying that output's language, so that the text
    it quotes is looked for in that language's translation first (sources._one)."""
    if problem.language or not target.language:
        return problem
    return replace(problem, language=target.language)


def _unique(problems: list[Problem]) -> list[Problem]:
    """Each problem once, in the order met (two outputs of one audience may share one)."""
    return list(dict.fromkeys(problems))


@contextmanager
def _without_build_clock() -> Iterator[None]:
    saved = os.environ.pop("SOURCE_DATE_EPOCH", None)
    try:
        yield
    finally:
        if saved is not None:
            os.environ["SOURCE_DATE_EPOCH"] = saved
