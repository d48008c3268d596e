"""Stage 5, render: document tree + theme -> bytes, one module per output format.

The output kinds (what each output reads, its template, its file and the function that
renders it) are declared in :mod:`materials_gen.kinds`; :data:`KINDS` is re-exported here so
that ``from materials_gen.render import KINDS`` keeps working. Renderer modules are imported
only when an output of their kind is built, so that commands which build nothing never pay
for ReportLab or python-pptx.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from ..document import Document
from ..i18n import ENGLISH, Labels
from ..theme import Theme

if TYPE_CHECKING:
    from ..kinds import Kind


# What the deck template is called when a project names none
BUILT_IN_TEMPLATE = "the built-in deck template"


@dataclass(frozen=True)
class RenderOptions:
    """Everything a renderer needs besides the document and theme (already read from disk).

    Each kind hands its renderer only the fields it declares (see ``Kind.options``); the
    others keep these defaults, so an output can never depend on an option its fingerprint
    does not include.
    """

    paper: str = "letter"
    generator: str = "materials-gen"
    aspect: str = "16:9"
    deck_template: bytes | None = None  # a trainer's .pptx/.potx; None: the built-in one
    deck_template_name: str = BUILT_IN_TEMPLATE
    layouts: tuple[tuple[str, str], ...] = ()  # slide kind -> layout name
    per_page: int = 3  # slides on each page of the printed slide handout
    images: dict[str, bytes] = field(default_factory=dict)  # project-relative path -> bytes
    poster_size: str = "18x24"
    orientation: str = "portrait"
    bleed: str | None = None  # e.g. "3mm"; None: no bleed
    tile: str | None = None  # sheet size for tiling, e.g. "letter"; None: no tiles
    large_print: bool = False  # handouts, guide and forms in large print (the audience's)
    printing: str = "colour"  # "bw": for an office printer in black and white
    labels: Labels = ENGLISH  # the words the renderer itself draws, in the course's language
    # a translation's texts printed in its source's language, and that language: marked so
    source_texts: tuple[str, frozenset[str]] = ("", frozenset())


class Renderer(Protocol):
    def __call__(
        self, document: Document, theme: Theme, options: RenderOptions
    ) -> RenderResult: ...


@dataclass(frozen=True)
class RenderResult:
    """What a renderer made: the output's file, and any further files that belong to it.

    ``more`` holds (name, bytes) pairs written beside the main file (an HTML output's
    pictures, one picture per slide...): the name is relative to the main file's folder.
    The writer stages them with the main file and the manifest records each, so they are
    replaced, kept and cleaned together.
    """

    data: bytes
    pages: int
    warnings: tuple[str, ...] = ()
    more: tuple[tuple[str, bytes], ...] = ()
    # advice on the output's design (a poster mostly empty): told as notes, never warnings,
    # so --strict does not fail on them
    notes: tuple[str, ...] = ()


def __getattr__(name: str) -> Any:
    """``KINDS`` and ``Kind`` live in :mod:`materials_gen.kinds` (imported on first use:
    the kinds module imports this one for :class:`RenderOptions`)."""
    if name in ("KINDS", "Kind"):
        from .. import kinds

        return getattr(kinds, name)
    raise AttributeError(name)


__all__ = ["KINDS", "Kind", "RenderOptions", "RenderResult", "Renderer"]
