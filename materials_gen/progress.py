"""What a build tells while it runs, kept free of heavy imports so the CLI can listen.

Every output is made in memory and all are written together at the end (or none is), so
``made`` means made, not yet written: the build's last act is writing them all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .build import Built
    from .plan import Target
    from .stopwatch import Stopwatch


class Progress:
    """A build's listener; each method does nothing here (the CLI's subclass shows them)."""

    stopwatch: Stopwatch | None = None  # set to time the stages (``--verbose``)

    def planned(self, targets: list[Target]) -> None:
        """The outputs this build will make or keep, before any is made."""

    def made(self, built: Built) -> None:
        """An output made now (in memory), as it arrives from its renderer."""

    def kept(self, built: Built) -> None:
        """An output left as it was: nothing it reads changed, or it came out the same."""
