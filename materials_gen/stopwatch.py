"""Where a build's time goes, stage by stage, for ``materials-gen build --verbose``.

Stages nest (laying out the deck templates it first), so each stage counts only its own
time: entering an inner stage pauses the outer one. The figures then add up to the build's
time, and a slow template is not mistaken for a slow layout.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

# The stages a build reports, in the order they run.
STAGES = ("load", "validate", "template", "lay out", "render", "write")


class Stopwatch:
    """Seconds spent in each named stage, each counted once however stages nest."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._running: list[tuple[str, float]] = []

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        now = time.perf_counter()
        if self._running:
            outer, since = self._running[-1]
            self._add(outer, now - since)
        self._running.append((name, now))
        try:
            yield
        finally:
            end = time.perf_counter()
            _, since = self._running.pop()
            self._add(name, end - since)
            if self._running:
                self._running[-1] = (self._running[-1][0], end)

    def add(self, name: str, seconds: float) -> None:
        """Time spent elsewhere (a worker process's rendering), counted under ``name``."""
        self._add(name, seconds)

    def _add(self, name: str, seconds: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds
