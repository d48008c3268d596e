"""Rendering the jobs of a build: in this process, or in a pool of processes.

Each job goes to its kind's renderer with the document, the theme, the options its kind
declares and the per-audience values it shares. Whatever a renderer raises on a document
it cannot lay out becomes a message naming the output and its template, never a traceback.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Executor, Future
from contextlib import contextmanager
from typing import Any

from .document import Document
from .errors import ContentError, Location, MaterialsError, Problem
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

    def __init__(self, theme: Theme, workers: int, kinds: Iterable[str] = ()):
        self.theme, self.workers, self.kinds = theme, workers, set(kinds)
        self.jobs: list[Job] = []
        self.futures: list[Future[tuple[RenderResult, float]]] = []
        self.pool: Executor | None = None
        self._clock = _without_build_clock()

    def __enter__(self) -> Rendering:
        self._clock.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if self.pool is not None:
                self.pool.shutdown(wait=True, cancel_futures=True)
        finally:
            self._clock.__exit__(None, None, None)

    def submit(self, job: Job) -> None:
        """Start rendering ``job`` (in a worker, once there are two jobs to share out)."""
        self.jobs.append(job)
        if self.workers <= 1:
            return
        if self.pool is None and len(self.jobs) == 2:
            self.pool = self._start()
            self.futures = [
                self.pool.submit(_render, *_arguments(j, self.theme)) for j in self.jobs
            ]
        elif self.pool is not None:
            self.futures.append(self.pool.submit(_render, *_arguments(job, self.theme)))

    def results(self) -> list[tuple[RenderResult, float]]:
        """Every job's result and seconds, in the order the jobs were submitted."""
        if self.pool is None:
            return [_guarded(j, lambda j=j: _render(*_arguments(j, self.theme))) for j in self.jobs]
        return [_guarded(j, f.result) for j, f in zip(self.jobs, self.futures, strict=True)]

    def _start(self) -> Executor:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        for kind in self.kinds | {j.target.kind.name for j in self.jobs}:
            KINDS[kind].load()  # imported once here, inherited by every forked worker
        methods = multiprocessing.get_all_start_methods()
        start_method = multiprocessing.get_context("fork" if "fork" in methods else None)
        return ProcessPoolExecutor(max_workers=self.workers, mp_context=start_method)


def render_all(jobs: list[Job], theme: Theme, workers: int) -> list[tuple[RenderResult, float]]:
    """Every job's result and seconds (see :class:`Rendering`)."""
    with Rendering(theme, workers) as rendering:
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
) -> tuple[RenderResult, float]:
    """Render one output (run in a worker process when building in parallel)."""
    start = time.perf_counter()
    result = KINDS[kind].render(document, theme, options, shared)
    return result, time.perf_counter() - start


def _guarded(
    job: Job, result: Callable[[], tuple[RenderResult, float]]
) -> tuple[RenderResult, float]:
    """A renderer's result; a document it cannot lay out is the template's problem, not a crash.

    Templates are the trainer's to change, so a renderer can meet a document that no built-in
    template writes (a title page without a title, a heading taller than a page). Whatever it
    raises becomes a message naming the output and the template, never a traceback.
    """
    try:
        return result()
    except MaterialsError:
        raise
    except Exception as exc:  # noqa: BLE001 - anything a renderer raises on a document
        target = job.target
        reason = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
        raise ContentError(
            [
                Problem(
                    Location(f"intermediate {target.kind.name} for {target.audience.id}"),
                    f"the {target.kind.name} cannot be laid out from what "
                    f"{target.kind.template} wrote ({reason})",
                    f"see what it wrote with: materials-gen show {target.kind.name} "
                    f"--audience {target.audience.id}",
                )
            ]
        ) from None


@contextmanager
def _without_build_clock() -> Iterator[None]:
    saved = os.environ.pop("SOURCE_DATE_EPOCH", None)
    try:
        yield
    finally:
        if saved is not None:
            os.environ["SOURCE_DATE_EPOCH"] = saved
