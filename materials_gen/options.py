"""What the trainer asked for on the command line, kept free of heavy imports.

The quick "is anything out of date?" check compares these options with the last build's
before the pipeline is even imported, so they live apart from it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class BuildOptions:
    """Options of one build (None: use the project's setting)."""

    audiences: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    paper: str | None = None
    output: Path | None = None
    aspect: str | None = None
    deck_template: Path | None = None
    poster_size: str | None = None
    orientation: str | None = None
    bleed: str | None = None
    tile: str | None = None
    roster: Path | None = None  # a CSV of attendees: certificates for them
    start: str | None = None  # the session's start time, e.g. "13:30"
    date: str | None = None  # the session's day, YYYY-MM-DD (certificates)
    index: bool = False  # also write index.html: an overview of every output (--index)
    large_print: bool | None = None  # --large-print / --standard-print; None: the settings
    printing: str | None = None  # --print colour|bw; None: the settings
    languages: tuple[str, ...] = ()  # --language: of a translated course, only these

    def unrestricted(self) -> BuildOptions:
        """These options without those that choose some outputs only (--audience, --only,
        --language): a build of every output they make."""
        return replace(self, audiences=(), kinds=(), languages=())

    def edition(self) -> dict[str, Any]:
        """The options an audience's edition takes (its clock times, its day, its type
        size): the same for ``build``, ``check`` and ``show``, so that what they tell of
        an output (a slide number after the agenda, say) is what a build makes."""
        return {"start": self.start, "date": self.date, "large_print": self.large_print}

    def request(self) -> dict[str, Any]:
        """The options that decide what a build makes (not where: the manifest lives there)."""
        return {
            "audiences": sorted(self.audiences),
            "kinds": sorted(self.kinds),
            "paper": self.paper,
            "aspect": self.aspect,
            "deck_template": str(Path(self.deck_template).resolve())
            if self.deck_template
            else None,
            "poster_size": self.poster_size,
            "orientation": self.orientation,
            "bleed": self.bleed,
            "tile": self.tile,
            "roster": str(Path(self.roster).resolve()) if self.roster else None,
            "start": self.start,
            "date": self.date,
            "index": self.index,
            "large_print": self.large_print,
            "printing": self.printing,
            "languages": sorted(self.languages),
        }
