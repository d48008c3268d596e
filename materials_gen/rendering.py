"""Rendering the jobs of a build: in this process, or in a pool of processes.

Each job goes to its kind's renderer with the document, the theme, the options its kind
declares and the per-audience values it shares. Whatever a renderer raises on a document
it cannot lay out becomes a message naming the output and its template, never a traceback.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from .document import Document
from .errors import ContentError, Location, MaterialsError, Problem
from .jobs import Job
from .kinds import KINDS
from .render import RenderOptions, RenderResult
from .theme import Theme


def render_all(jobs: list[Job], theme: Theme, workers: int) -> list[tuple[RenderResult, float]]:
    """Every job's result and seconds, in a process pool when there is more than one job
    and more than one worker.

    SOURCE_DATE_EPOCH is hidden from the renderers while they run: ReportLab would build
    each PDF's identifier from it, so the same inputs would give other bytes in another
    shell. The outputs carry the content's date instead, whatever the environment says.
    """
    with _without_build_clock():
        if workers <= 1 or len(jobs) <= 1:
            return [_guarded(j, lambda j=j: _render(*_arguments(j, theme))) for j in jobs]
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        for kind in {j.target.kind.name for j in jobs}:
            KINDS[kind].load()  # imported once here, inherited by every forked worker
        methods = multiprocessing.get_all_start_methods()
        start_method = multiprocessing.get_context("fork" if "fork" in methods else None)
        with ProcessPoolExecutor(
            max_workers=min(workers, len(jobs)), mp_context=start_method
        ) as pool:
            futures = [pool.submit(_render, *_arguments(j, theme)) for j in jobs]
            return [_guarded(j, f.result) for j, f in zip(jobs, futures, strict=True)]


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
