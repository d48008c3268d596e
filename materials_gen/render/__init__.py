"""Stage 5, render: document tree + theme -> bytes, one module per output kind.

Each kind is declared once in :data:`KINDS` with its template, file suffix and the module
that renders it. Renderer modules are imported only when an output of their kind is built,
so that commands which build nothing never pay for ReportLab or python-pptx.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Protocol

from ..document import Document
from ..theme import Theme


@dataclass(frozen=True)
class RenderOptions:
    """Everything a renderer needs besides the document and theme (already read from disk)."""

    paper: str = "letter"
    generator: str = "materials-gen"
    aspect: str = "16:9"
    deck_template: bytes | None = None  # a trainer's .pptx/.potx; None: the built-in one
    deck_template_name: str = "the built-in deck template"
    layouts: tuple[tuple[str, str], ...] = ()  # slide kind -> layout name
    per_page: int = 3  # slides on each page of the printed slide handout
    images: dict[str, bytes] = field(default_factory=dict)  # project-relative path -> bytes
    poster_size: str = "18x24"
    orientation: str = "portrait"
    bleed: str | None = None  # e.g. "3mm"; None: no bleed
    tile: str | None = None  # sheet size for tiling, e.g. "letter"; None: no tiles


class Renderer(Protocol):
    def __call__(
        self, document: Document, theme: Theme, options: RenderOptions
    ) -> RenderResult: ...


@dataclass(frozen=True)
class RenderResult:
    data: bytes
    pages: int
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Kind:
    """One kind of output: what a trainer calls it, its template, its file and its renderer."""

    name: str
    template: str
    suffix: str
    renderer: str  # "module:function", imported on first use
    description: str
    unit: str = "pages"
    needs: str = ""  # "questions": made only when the audience's content has questions

    def load(self) -> Renderer:
        module_name, _, attr = self.renderer.partition(":")
        module = importlib.import_module(module_name, package=__name__)
        return getattr(module, attr)


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind(
            name="handout",
            template="handout.md.j2",
            suffix=".pdf",
            renderer=".handout:render",
            description="printable PDF handout for participants",
        ),
        Kind(
            name="deck",
            template="deck.md.j2",
            suffix=".pptx",
            renderer=".deck:render",
            description="editable PowerPoint deck with speaker notes",
            unit="slides",
        ),
        Kind(
            name="slides",
            template="deck.md.j2",
            suffix=".pdf",
            renderer=".slide_handout:render",
            description="the deck printed as a handout, slides with lines for notes",
        ),
        Kind(
            name="notes-pages",
            template="deck.md.j2",
            suffix=".pdf",
            renderer=".slide_handout:render_notes",
            description="each slide with its speaker notes, one per page, for the presenter",
        ),
        Kind(
            name="guide",
            template="guide.md.j2",
            suffix=".pdf",
            renderer=".handout:render",
            description="facilitator guide: session plan, what to say and do, checklists",
        ),
        Kind(
            name="evaluation",
            template="evaluation.md.j2",
            suffix=".pdf",
            renderer=".handout:render",
            description="evaluation form mapped to the learning objectives",
        ),
        Kind(
            name="pretest",
            template="pretest.md.j2",
            suffix=".pdf",
            renderer=".handout:render",
            description="knowledge check before the session",
            needs="questions",
        ),
        Kind(
            name="posttest",
            template="posttest.md.j2",
            suffix=".pdf",
            renderer=".handout:render",
            description="knowledge check after the session (questions in another order)",
            needs="questions",
        ),
        Kind(
            name="answer-key",
            template="answer-key.md.j2",
            suffix=".pdf",
            renderer=".handout:render",
            description="answers to both knowledge checks, for the trainer",
            needs="questions",
        ),
        Kind(
            name="sign-in",
            template="sign-in.md.j2",
            suffix=".pdf",
            renderer=".handout:render",
            description="sign-in sheet for the session",
        ),
        Kind(
            name="certificates",
            template="certificates.md.j2",
            suffix=".pdf",
            renderer=".certificate:render",
            description="certificates of completion (only with a roster)",
            needs="roster",
        ),
        Kind(
            name="poster",
            template="poster.md.j2",
            suffix=".pdf",
            renderer=".poster:render",
            description="comparison poster for the wall (print-shop ready)",
        ),
        Kind(
            name="poster-tiles",
            template="poster.md.j2",
            suffix=".pdf",
            renderer=".poster:render_tiles",
            description="the poster split over office sheets (only with a tile setting)",
            unit="sheets",
        ),
    )
}
