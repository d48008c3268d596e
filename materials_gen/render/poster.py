"""The wall poster: the comparison side by side, the audience panel, ready for print.

The layout is computed for the paper it is printed on. Type sizes come from the one fit
policy's poster roles (:func:`materials_gen.fit.poster_roles`) for two distances: the largest
sizes for the distance the poster is seen from, which grows with the paper (1.2 m for 18 x 24
in), and the floors for the distance its text is read from, which is never farther than
1.2 m (a reader steps up to a poster to read it): 24 pt for body text on 18 x 24 in and on
every larger paper, less on a smaller poster read from closer. So a larger paper holds at
least what a smaller one holds, and the body size is the largest at which everything fits.

A table too long for one panel at the floor flows into side-by-side panels, each opening
with the header row, in the number of panels that gives the largest type. When nothing
fits, the build stops naming the poster's audience and paper, how many rows fit and the
longest text, with hints that were tried first: the paper turned, a larger paper, or the
rows that fit.

Print options: ``bleed`` extends the coloured bands past the trim, sets TrimBox and BleedBox
and draws crop marks outside the bleed; ``tile`` prints the poster across office sheets with
an overlap, dashed cutting guides and a label on each sheet.
"""

from __future__ import annotations

import io
import math
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass
from functools import cached_property, partial
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas

from .. import paper
from ..document import Block, Div, Document, ListBlock, Table, inline_markdown, plain
from ..document import Paragraph as MdParagraph
from ..errors import ContentError, Problem
from ..fit import (
    ROLES,
    Blame,
    balanced,
    is_address,
    poster_roles,
    runs_within,
    shrinking,
    start_of,
    unbreakable,
)
from ..glyphs import draw_string, right_to_left, table_reads_from_right, writing
from ..glyphs import width as stringWidth
from ..i18n import label
from ..meta import DocumentMeta, document_meta
from ..reading_order import isolated_join
from ..theme import Theme
from . import RenderOptions, RenderResult
from .pdf import Fonts, Lines, Paragraph, PdfPalette, Stamp, fit_lines, markup, printable, tint
from .tagging import Element, Structure, finish, paragraph_text, spoken
from .unprinted import stop_at_unprinted

BASE = 18 * 72  # the short side of the paper the distances below are given for
SEEN_AT = 1.2  # metres: an 18 x 24 in poster on a corridor wall, seen in passing
READ_AT = 1.2  # metres: where a reader stands to read a poster's text, whatever its size
STEP = 0.5  # points between the type sizes tried
SUBTITLE_STEP = 0.75  # the subtitle's largest size, as a share of the headline's as fitted
STRETCH = 2.0  # a short table's rows grow by at most this many times its type size
MOST_PANELS = 4  # side-by-side parts a long table may flow into
# a poster whose text, at its largest, leaves more than this share of the room under the
# headline empty is said to (a short table and no panel look unfinished on a wall)
MOSTLY_EMPTY = 0.5
# a headline band or closing note taller than this share of the sheet is named in the hint
# of a poster that does not fit: a shorter one gives the table its room (a one-line headline
# with its subtitle takes 16% to 20% of the sheet, a line of note 2% to 4%)
_MUCH_OF_THE_SHEET = {"headline": 0.25, "note": 0.1}
MEASURED_ROWS = 200  # a longer table that cannot fit is refused before its cells are measured
# which of fit's poster roles sizes each text; the footer is page furniture below the body
ROLE_OF = {
    "headline": "poster-title",
    "subtitle": "poster-heading",
    "header": "poster-heading",
    "panel-title": "poster-heading",
    "body": "poster-body",
}
# the papers a message may suggest, as a trainer types them, smallest first
PAPERS = ("Letter", "A4", "Legal", "Tabloid", "A3", "18x24", "A2", "24x36", "A1", "A0")
# what an office printer takes (tiles beyond that)
OFFICE = ("letter", "a4", "legal", "tabloid", "a3")


def _pieces(text: str) -> list[str]:
    """What no line of a poster's table may break: each word, except after a hyphen a word
    has ("Einrichtungs-" / "Leitungs-"...), but a web address whole (a line break after one of
    its hyphens would read as part of it)."""
    return [
        piece
        for word in unbreakable(text)
        for piece in ([word] if "/" in word or "@" in word else unbreakable(word, dashes=True))
    ]


def _paper_key(width: float, height: float) -> str | None:
    """The name of a standard paper of this size, in either orientation."""
    dims = sorted((width, height))
    for name in PAPERS:
        known = sorted(paper.SIZES[name.lower()])
        if abs(known[0] - dims[0]) < 1 and abs(known[1] - dims[1]) < 1:
            return name
    return None


def paper_words(width: float, height: float) -> str:
    """How a message names a poster's paper: 'A1 portrait (594 x 841 mm)', '24 x 36 in
    landscape'. The name first, as the trainer chose it; the measurements to check it by."""
    orientation = "landscape" if width > height else "portrait"
    name = _paper_key(width, height)
    if name and name.startswith("A"):
        mm = 25.4 / 72
        return f"{name} {orientation} ({width * mm:.0f} x {height * mm:.0f} mm)"
    if name in ("Letter", "Legal", "Tabloid"):
        return f"{name} {orientation} ({paper.describe((width, height))})"
    return f"{paper.describe((width, height))} {orientation}"


@dataclass
class _Block:
    """A paragraph placed at a size: drawn later at (x, y_top)."""

    para: Paragraph
    width: float
    height: float


@dataclass(frozen=True)
class _Row:
    """One table row measured for a column layout: its cells and height, and any word wider
    than its column (such a word would be cut in two, so the layout is not a fit)."""

    blocks: tuple[_Block, ...]
    height: float
    split: tuple[str, ...]


@dataclass(frozen=True)
class _Body:
    """Everything between the headline band and the footer at one type size: the table in
    ``panels`` side-by-side parts, the audience panel and the note, and the height they need."""

    size: float
    panels: int
    table: dict[str, Any]
    panel: dict[str, Any]
    note: _Block | None
    gap: float
    needed: float

    @property
    def split(self) -> tuple[str, ...]:
        return self.table["split"]

    def fits(self, available: float) -> bool:
        return self.needed <= available and not self.split


@dataclass(frozen=True)
class _Paper:
    """A paper a message may suggest: how to name it, and the options that choose it."""

    words: str
    options: str
    larger: bool


# what a poster prints, for a message about text it would leave off (see unprinted.py)
PRINTS = (
    "a poster prints its headline, subtitle and note (the front matter), one comparison "
    "table, and the bullets and paragraphs of one panel"
)
ELSEWHERE_HINT = (
    "make it a bullet of the panel (inside the '::: {.panel}' box of templates/poster.md.j2), "
    "or the poster's note (note: in the front matter), or leave it out"
)


@dataclass(frozen=True)
class _Parts:
    """What a poster is drawn from, read once from its document: the comparison table (a
    ``::: comparison`` box's, else the first table on its own) and its columns' colours,
    the panel's title and points (each bullet's first paragraph, each paragraph), and each
    block it would leave off the page, with where it was."""

    table: Table | None
    colours: tuple[str, ...]
    panel_title: str
    points: tuple[tuple, ...]
    left: tuple[tuple[Block, str], ...]

    @classmethod
    def of(cls, document: Document) -> _Parts:
        compared = next(
            (b for b in document.blocks if isinstance(b, Div) and b.has("comparison")), None
        )
        panel = next((b for b in document.blocks if isinstance(b, Div) and b.has("panel")), None)
        table: Table | None = None
        if compared is not None:
            table = next((b for b in compared.children if isinstance(b, Table)), None)
        else:
            table = next((b for b in document.blocks if isinstance(b, Table)), None)
        left: list[tuple[Block, str]] = []
        for block in document.blocks:
            if block is compared:
                left.extend(
                    (b, "in the comparison box besides its table")
                    for b in block.children
                    if b is not table
                )
            elif block is panel:
                continue
            elif isinstance(block, Div) and block.has("comparison"):
                left.extend((b, "in a second comparison box") for b in block.children)
            elif isinstance(block, Div) and block.has("panel"):
                left.extend((b, "in a second panel") for b in block.children)
            elif block is not table:
                left.append((block, "outside the poster's table and panel"))
        points: list[tuple] = []
        for child in panel.children if panel is not None else ():
            if isinstance(child, MdParagraph):
                points.append(child.children)
            elif isinstance(child, ListBlock):
                for item in child.items:
                    if item and isinstance(item[0], MdParagraph):
                        points.append(item[0].children)
                        rest = item[1:]
                    else:
                        rest = item
                    left.extend((b, "under a bullet of the panel") for b in rest)
            else:
                left.append((child, "in the panel"))
        return cls(
            table,
            tuple(compared.attrs.get("colors", "").split()) if compared is not None else (),
            panel.attrs.get("title", "") if panel is not None else "",
            tuple(points),
            tuple(left),
        )


class _Poster:
    """One poster on one paper: its parts read from the document, laid out for that paper.

    Layouts tried (a size, a number of panels, the first rows of the table) are kept, since
    finding the largest size, the best number of panels and, when nothing fits, what does fit
    asks for the same rows many times.
    """

    def __init__(
        self,
        document: Document,
        meta: DocumentMeta,
        theme: Theme,
        width: float,
        height: float,
        printing: str = "colour",
        written: Table | None = None,
    ):
        self.document = document
        # the table as written, for messages (its characters no face has are drawn as
        # '?': a message quotes the trainer's own text)
        self.written = written
        self.printing = printing
        self.meta = meta
        self.theme = theme
        self.width, self.height = width, height
        self.scale = min(width, height) / BASE
        # Sizes: the largest grow with the paper (a larger poster is seen from farther and
        # its text should fill it); the floors come from the distance its text is read at,
        # which is closer for a small poster but never farther than READ_AT: a reader steps up
        # to read, so a larger paper gives more room, not a larger minimum.
        seen = poster_roles(SEEN_AT * self.scale)
        read = poster_roles(min(SEEN_AT * self.scale, READ_AT))
        self.sizes = {
            name: (max(role.largest, read[name].floor), read[name].floor)
            for name, role in seen.items()
        }
        self.font = Fonts(theme.body_font)
        self.heading = Fonts(theme.heading_font)
        self.ink = PdfPalette.of(theme.palette_for(printing))
        self.margin = 0.75 * 72 * self.scale
        parts = _Parts.of(document)
        self.table = parts.table
        self.column_colours = list(parts.colours)
        self.panel_title = parts.panel_title
        self.panel_points = list(parts.points)
        self._rows: dict[tuple[int, tuple[float, ...], float], _Row] = {}
        self._bodies: dict[tuple[int, float, int], _Body] = {}
        self._elsewhere: dict[tuple[int, int, bool], bool] = {}
        # the colours (in black and white, the looks) that tell compared columns apart, one
        # for each column after the first; a table they do not cover compares nothing, and
        # its columns all look alike (two colours on six columns read as "these two against
        # each other")
        if self.table is None or len(self.column_colours) != len(self.table.header) - 1:
            self.column_colours = []
        # an Arabic or Hebrew table reads from the right: its first column (and its first
        # panel of rows) on the right, the audience panel of a landscape poster on the left
        self.mirrored = self.table is not None and table_reads_from_right(
            plain(cell) for cell in self.table.header
        )

    @property
    def rows(self) -> int:
        return len(self.table.rows) if self.table is not None else 0

    @property
    def columns(self) -> int:
        if self.table is None:
            return 0
        return max([len(self.table.header)] + [len(r) for r in self.table.rows])

    @property
    def paper(self) -> str:
        return paper_words(self.width, self.height)

    @property
    def whose(self) -> str:
        """The poster as a message names it: whose it is ("the poster for All staff")."""
        return f"the poster for {self.meta.audience}" if self.meta.audience else "the poster"

    @property
    def who(self) -> str:
        """The poster and its paper, as a message names them."""
        return f"{self.whose} on {self.paper}"

    def turned(self, width: float, height: float) -> _Poster:
        """The same poster on another paper: to try a size before suggesting it."""
        return _Poster(
            self.document, self.meta, self.theme, width, height, self.printing, self.written
        )

    # ------------------------------------------------------------------ measuring

    def size(self, name: str) -> tuple[float, float]:
        """(largest, floor) in points of a text on this poster, from its role."""
        body = self.sizes["poster-body"]
        if name == "footer":  # legible at the same distance, smaller than the body (as
            # the 18 x 24 in sheet has it: see footer, which grows it with a larger sheet)
            return body[1] * 0.9, body[1] * 0.75
        return self.sizes[ROLE_OF[name]]

    def style(
        self,
        size: float,
        bold: bool = False,
        colour: Any = None,
        align: int = TA_LEFT,
        italic: bool = False,
    ) -> ParagraphStyle:
        fonts = self.heading if bold else self.font
        name = fonts.bold if bold else (fonts.italic if italic else fonts.regular)
        return ParagraphStyle(
            f"p{size:.1f}{bold}{italic}",
            fontName=name,
            fontSize=size,
            leading=size * 1.22,
            textColor=colour or self.ink.text,
            alignment=align,
        )

    def para(self, text: str, width: float, style: ParagraphStyle, rich: bool = False) -> _Block:
        p = Paragraph(text if rich else escape(text), style)
        _, height = p.wrap(width, 1e9)
        return _Block(p, width, height)

    def fit(
        self,
        text: str,
        width: float,
        max_height: float,
        name: str,
        most: float | None = None,
        **style: Any,
    ) -> _Block | None:
        """``text`` at the largest size of its role (``most`` at most) that fits, shrinking
        to the role's floor; None when even that is too tall."""
        high, low = self.size(name)
        if most is not None:
            high = max(low, min(high, most))
        for size in shrinking(high, low, step=max(0.5, self.scale)):
            block = self.para(text, width, self.style(size, **style))
            if block.height <= max_height:
                return block
        return None

    # ------------------------------------------------------------------ layout

    def layout(self) -> dict[str, Any]:
        """The poster's plan: the frame (headline band, footer) and the body at the largest
        size that fits, the table in as many side-by-side panels as give the largest type."""
        plan = self.frame()
        self._refuse_too_many_rows(plan)
        body = self.arrange(plan["available"], self.rows)
        if body is None and self.scale > 1:  # the footer at its least, for the body's room
            plan = self.frame(grown=False)
            body = self.arrange(plan["available"], self.rows)
        if body is None:
            raise self._does_not_fit(plan)
        landscape, panel_width, table_width = self.widths()
        table = self.stretched(body, plan["available"], landscape)
        spare = plan["available"] - body.needed - (table["height"] - body.table["height"])
        plan.update(
            empty=1 - body.needed / plan["available"],
            # what is still empty on a portrait poster, shared above and below its body
            lift=0.0 if landscape else max(0.0, spare) / 2,
            size=body.size,
            table=table,
            panel=body.panel,
            note=body.note,
            gap=body.gap,
            landscape=landscape,
            table_width=table_width,
            panel_width=panel_width,
        )
        return plan

    def stretched(self, body: _Body, available: float, landscape: bool) -> dict[str, Any]:
        """The body's table, its rows grown to take up the room its text at the largest
        size leaves (a short table on a large sheet), each by at most :data:`STRETCH` times
        the type size: on a landscape poster down to the audience panel's foot, on a
        portrait one down towards the note; the text of each row centred in it."""
        table = body.table
        panels = table.get("panels") or []
        count = max((len(rows) for rows in panels), default=0)
        if not count:
            return table
        note = (body.note.height + body.gap) if body.note is not None else 0.0
        if landscape and body.panel["height"]:
            room = max(body.panel["height"], table["height"])
        elif landscape:
            room = available - note
        else:
            room = table["height"] + (available - body.needed)
        grow = min(max(0.0, room - table["height"]) / count, body.size * STRETCH)
        if grow < 1:
            return table
        return {
            **table,
            "height": table["height"] + grow * count,
            "panels": [[(blocks, h + grow) for blocks, h in rows] for rows in panels],
        }

    def frame(self, grown: bool = True) -> dict[str, Any]:
        """The headline band and the footer band, and the room left between them; the
        footer as large as the sheet makes it, or (``grown`` False) at its least, which
        leaves the body the room it needs on a full sheet."""
        W, H, m = self.width, self.height, self.margin
        inner = W - 2 * m
        plan: dict[str, Any] = {}
        text = self.meta.headline
        white = self.ink.on_primary
        one_line = self.size("headline")[0] * 1.25  # a headline on one line reads best
        headline = self.fit(text, inner, one_line, "headline", bold=True, colour=white)
        for share in (0.16, 0.24):  # a long title takes more of the sheet before it stops
            if headline is None:
                headline = self.fit(text, inner, H * share, "headline", bold=True, colour=white)
        if headline is None:
            raise self._too_long("the headline", text)
        subtitle = None
        if self.meta.subtitle:
            # a step below the headline however far it shrank: the headline reads first
            below = headline.para.style.fontSize * SUBTITLE_STEP
            subtitle = self.fit(
                self.meta.subtitle, inner, H * 0.08, "subtitle", most=below, colour=white
            )
            if subtitle is None:
                raise self._too_long("the subtitle", self.meta.subtitle)
        pad = 0.55 * 72 * self.scale
        band = (
            pad
            + headline.height
            + (0.15 * 72 * self.scale + subtitle.height if subtitle else 0)
            + pad
        )
        plan.update(headline=headline, subtitle=subtitle, band=band)

        footer_size, left, right = self.footer(inner, grown)
        footer_h = max(footer_size * 3.2, max(left.height, right.height) + footer_size * 1.6)
        plan.update(footer_size=footer_size, footer_h=footer_h, footer=(left, right))
        top = H - band - 10 * self.scale - m * 0.8
        bottom = footer_h + m * 0.6
        plan.update(top=top, bottom=bottom, available=top - bottom)
        return plan

    def widths(self) -> tuple[bool, float, float]:
        """Landscape or not, and the widths of the audience panel and of the table: side by
        side on a landscape poster (the panel a third), one above the other on a portrait."""
        inner = self.width - 2 * self.margin
        landscape = self.width > self.height
        if not landscape or not self.panel_points or self.table is None:
            return landscape, inner, inner
        panel_width = inner * 0.3
        return landscape, panel_width, inner - panel_width - self.margin * 0.5

    def arrange(self, available: float, count: int) -> _Body | None:
        """The body with the table's first ``count`` rows at the largest size that fits.

        The table stays in one panel whenever it fits at or above the floor: it reads best
        whole. Otherwise it flows into side-by-side panels, each with the header row, and the
        number of panels is the one giving the largest type. None: nothing fits at the floor.
        """
        high, low = self.size("body")
        grid = [low + STEP * i for i in range(int((high - low) / STEP + 1e-6) + 1)]
        best: _Body | None = None
        for panels in self.panel_counts(count):
            if self._least_height(count, low, panels) > available:
                continue  # cannot fit, whatever its cells say: no need to measure them
            if not self.body(count, grid[0], panels).fits(available):
                continue
            lo, hi = 0, len(grid) - 1  # the largest size that fits, by halving
            while lo < hi:
                middle = (lo + hi + 1) // 2
                if self.body(count, grid[middle], panels).fits(available):
                    lo = middle
                else:
                    hi = middle - 1
            body = self.body(count, grid[lo], panels)
            if panels == 1:
                return body
            if best is None or body.size > best.size:
                best = body
        return best

    def fits_at_all(self, available: float, count: int) -> bool:
        """Whether the table's first ``count`` rows fit at the floor in any number of panels."""
        low = self.size("body")[1]
        if self._least_height(count, low) > available:
            return False
        return any(self.body(count, low, k).fits(available) for k in self.panel_counts(count))

    def panel_counts(self, count: int) -> range:
        """How many side-by-side panels a table of ``count`` rows may take: each panel holds
        a row at least, and each column keeps room for a word of a few letters."""
        if count < 2:
            return range(1, 2)
        low = self.size("body")[1]
        table_width = self.widths()[2]
        gutter = self.margin * 0.5
        most = int((table_width + gutter) // (self.columns * 4 * low + gutter))
        return range(1, max(1, min(MOST_PANELS, count, most)) + 1)

    def body(self, count: int, size: float, panels: int) -> _Body:
        key = (count, size, panels)
        found = self._bodies.get(key)
        if found is not None:
            return found
        landscape, panel_width, table_width = self.widths()
        table = self.table_layout(table_width, size, count, panels)
        panel = self.panel_layout(panel_width, size)
        note = self.meta.note
        note_block = (
            self.para(
                note,
                self.width - 2 * self.margin,
                self.style(size * 1.1, colour=self.ink.primary, align=TA_CENTER, italic=True),
            )
            if note
            else None
        )
        gap = size * 1.2
        note_h = (note_block.height + gap) if note_block else 0
        if landscape:
            needed = max(table["height"], panel["height"]) + note_h
        else:
            between = gap if table["height"] and panel["height"] else 0
            needed = table["height"] + between + panel["height"] + note_h
        found = self._bodies[key] = _Body(size, panels, table, panel, note_block, gap, needed)
        return found

    def footer(self, inner: float, grown: bool = True) -> tuple[float, Lines, Lines]:
        """The footer band's two texts (organization, version and date; the audience), each
        shrunk to the footer's floor beside the other, then on two lines (the band grows);
        longer than that stops the build naming the text. ``grown`` False: at the size it
        has on an 18 x 24 in sheet, however large this one. Grown, it is as much larger as
        the sheet, as the body, the bands and the margins are (on A0 it stayed the size it
        has on 18 x 24 in, under body text twice as large)."""
        high, low = self.size("footer")
        if grown:
            high *= max(1.0, self.scale)
        meta = self.meta
        texts = (
            isolated_join((meta.organization, meta.version_label, meta.long_date)),
            label("For: {audience}", audience=meta.audience),
        )
        right = fit_lines(texts[1], self.font.bold, inner * 0.4, (high, low), lines=1, most=2)
        room = inner - (
            max(stringWidth(t, self.font.bold, right.size) for t in right.lines) if right else 0
        )
        left = fit_lines(texts[0], self.font.regular, room - 24 * self.scale, (high, low), 1, 2)
        if left is None or right is None:
            text = texts[0] if left is None else texts[1]
            # named at the line of what the trainer wrote: of the organization and the
            # version beside each other, the longer (a long version was blamed on the
            # organization's name); or the audience's name
            if left is None:
                parts = [(str(meta.organization), "the organization's name")]
                parts.append((meta.version, "the version"))
                parts.sort(key=lambda part: -len(part[0]))
                (written, what), (_, other) = parts
                hint = (
                    f"shorten {what}, or {other}: beside the audience's name, the footer "
                    "prints the organization, the version and the date on two lines at most"
                )
            else:
                written, hint = str(meta.audience), "shorten the audience's name"
            raise self._too_long("the footer", text, hint, quote=written)
        return high, left, right

    # ------------------------------------------------------------------ when it cannot fit

    def _least_height(self, count: int, low: float, panels: int | None = None) -> float:
        """A height the table's first ``count`` rows need at least, in ``panels`` panels
        (the most it may take when not given).

        Every row takes at least its padding and, when it has any text, one line: a table
        whose rows need more than the poster's height that way can never fit, and measuring
        its thousands of cells at every size first would only make the trainer wait.
        """
        if self.table is None or count == 0:
            return 0.0
        line = low * 1.22 + 2 * low * 0.45
        spacing = 14 * self.scale * 0.5
        least = sum(
            spacing + (line if any(plain(cell).strip() for cell in row) else 0.0)
            for row in self.table.rows[:count]
        )
        return least / (panels or max(self.panel_counts(count)))

    def _refuse_too_many_rows(self, plan: dict[str, Any]) -> None:
        """Stop at once, before measuring a cell, when no size could hold the table and it is
        too long to measure for a message (shorter ones are measured, to say what fits)."""
        low = self.size("body")[1]
        available = plan["available"]
        if self.rows <= MEASURED_ROWS or self._least_height(self.rows, low) <= available:
            return
        line = low * 1.22 + 2 * low * 0.45 + 14 * self.scale * 0.5
        room = max(0, int(available // line)) * max(self.panel_counts(self.rows))
        papers = self.suggestions(self.papers(measure=False))
        hint = (
            "; or ".join(papers)
            if papers
            else "show a shorter table on the poster (the table named by poster: table: in "
            "content/course.yaml), or make one of its own for the poster"
        )
        raise ContentError(
            [
                Problem(
                    None,
                    f"{self.whose} does not fit: the poster's table has {self.rows:,} rows, "
                    f"too many for "
                    f"{self.paper}: even at the smallest size legible from its reading distance "
                    f"({low:g} pt) at most {room} rows of one line fit",
                    hint,
                )
            ]
        )

    def rows_that_fit(self, available: float) -> int:
        """How many of the table's first rows fit at the floor (in the best number of panels)."""
        lo, hi = 0, self.rows
        if not self.fits_at_all(available, 0):
            return 0
        while lo < hi:
            middle = (lo + hi + 1) // 2
            if self.fits_at_all(available, middle):
                lo = middle
            else:
                hi = middle - 1
        return lo

    def fits_on(self, width: float, height: float, measure: bool = True) -> bool:
        """Whether this poster fits on another paper: laid out there, not guessed."""
        key = (round(width), round(height), measure)
        if key not in self._elsewhere:
            self._elsewhere[key] = self._fits_on(width, height, measure)
        return self._elsewhere[key]

    def _fits_on(self, width: float, height: float, measure: bool) -> bool:
        other = self.turned(width, height)
        low = other.size("body")[1]
        if other._least_height(self.rows, low) > height - 2 * other.margin:
            return False  # cannot hold the rows even without the headline and footer
        if not measure:
            return False
        try:
            plan = other.frame(grown=False)  # as layout tries last
        except ContentError:
            return False
        return other.fits_at_all(plan["available"], self.rows)

    def papers(self, measure: bool = True) -> list[_Paper]:
        """Papers the poster fits on, each tried: this paper turned, and the smallest larger
        paper in this orientation (else turned). What a message suggests always works."""
        W, H = self.width, self.height
        landscape = W > H
        found: list[_Paper] = []
        if self.fits_on(H, W, measure):
            turn = "portrait" if landscape else "landscape"
            found.append(_Paper(paper_words(H, W), f"--orientation {turn}", larger=False))
        larger = sorted(
            ((paper.SIZES[name.lower()], name) for name in PAPERS),
            key=lambda found: math.prod(found[0]),
        )
        larger = [(dims, name) for dims, name in larger if math.prod(dims) > W * H * 1.01]
        for sideways in (landscape, not landscape):
            sizes = [((lg, sh) if sideways else (sh, lg), name) for (sh, lg), name in larger]
            if not sizes or not self.fits_on(*sizes[-1][0], measure=measure):
                continue  # not even on the largest: no need to try the others
            for size, name in sizes:
                if self.fits_on(*size, measure=measure):
                    options = _size_options(name, sideways, landscape)
                    found.append(_Paper(paper_words(*size), options, larger=True))
                    return found
        return found

    def smaller_paper(self) -> _Paper | None:
        """The largest paper smaller than this one, in this orientation, that the poster
        fits on and fills, laid out there (no longer mostly empty: a paper that leaves it
        as empty, or emptier, is no advice); None when none does."""
        landscape = self.width > self.height
        smaller = sorted(
            ((paper.SIZES[name.lower()], name) for name in PAPERS),
            key=lambda found: -math.prod(found[0]),
        )
        for (short, long), name in smaller:
            size = (long, short) if landscape else (short, long)
            if math.prod(size) >= self.width * self.height * 0.99 or not self.fits_on(*size):
                continue
            try:
                empty = self.turned(*size).layout()["empty"]
            except ContentError:
                continue
            if empty <= MOSTLY_EMPTY:
                options = _size_options(name, landscape, landscape)
                return _Paper(paper_words(*size), options, larger=False)
        return None

    def suggestions(self, papers: list[_Paper]) -> list[str]:
        """The papers as hints; a larger paper can still come out of an office printer."""
        office = (_paper_key(self.width, self.height) or "").lower()
        hints = []
        for found in papers:
            hint = f"it fits on {found.words}: build with {found.options}"
            if found.larger and office in OFFICE:
                hint += f" (add --tile {office} to print it on {office.title()} sheets)"
            hints.append(hint)
        return hints

    def _does_not_fit(self, plan: dict[str, Any]) -> ContentError:
        """Why nothing fits, in words: how many rows do, the longest text, and what works."""
        available = plan["available"]
        low = self.size("body")[1]
        one = self.body(self.rows, low, 1)
        longest, quote = self.longest()
        hints = self.suggestions(self.papers())
        if one.split:  # a word wider than its column, however many rows: said first
            word = max(one.split, key=len)
            where, text = self.cell_with(word)
            if self.columns > 3:  # a comparison of two sides, and more beside them
                hints.append(f"give the table fewer than its {self.columns} columns")
            hints.append("use a shorter word or hyphenate it (e.g. 'Super-vision')")
            return ContentError(
                [
                    Problem(
                        None,
                        f"{self.whose} does not fit on {self.paper}: the word "
                        f"'{word if len(word) <= 40 else word[:40] + '…'}' in {where} is "
                        f"wider than its column, even at the smallest size legible from its "
                        f"reading distance ({low:g} pt)",
                        "; or ".join(hints),
                        quote=text,  # the whole cell: its file and line (the word alone
                        # is also in other texts, and so would name none)
                    )
                ]
            )
        fitting = self.rows_that_fit(available) if self.rows else 0
        if self.rows and fitting < self.rows:
            rows = (
                f"{fitting} of the table's {self.rows} rows fit"
                if self.rows > 1
                else "the table's one row does not fit"
            )
            if fitting and self.table is not None:
                first = self.table.rows[fitting]  # the first row that does not fit
                # its longest text found in no other cell, which names its file and line (a
                # text repeated in other rows names none)
                cells = Counter(plain(c) for row in self.table.rows for c in row)
                texts = [plain(c) for c in first]
                quote = max([t for t in texts if cells[t] == 1] or texts, key=len, default=quote)
                first_cell = start_of(plain(first[0]), 40) if first else ""
                rows += f" ('{first_cell}' is the first that does not)" if first_cell else ""
                hints.append(
                    f"show fewer rows on the poster: its first {fitting} fit (the table named "
                    "by poster: table: in content/course.yaml)"
                )
        else:
            rows = "the audience panel and the note alone do not fit"
        if not hints:
            hints.append(f"shorten the longest text ({longest}), or the panel's points")
        # a headline or closing note that takes much of the sheet is what leaves the table
        # short of room: said first, with where to shorten it
        taking = [
            (what, height, key)
            for what, height, key in (
                ("the headline", plan["band"], "headline"),
                ("the closing note", one.note.height if one.note else 0.0, "note"),
            )
            if height > _MUCH_OF_THE_SHEET[key] * self.height
        ]
        for what, height, key in reversed(taking):
            hints.insert(
                0,
                f"{what} takes {height / 72:.1f} in of the sheet: shorten it "
                f"(poster: {key}: in content/course.yaml)",
            )
        shortfall = (one.needed - available) / 72
        return ContentError(
            [
                Problem(
                    None,
                    f"{self.whose} does not fit on {self.paper}: even at the smallest size "
                    f"legible from its reading distance ({low:g} pt), {rows}; in one panel it "
                    f"needs {shortfall:.1f} in more, and the longest text is {longest}",
                    "; or ".join(hints),
                    quote=quote,
                )
            ]
        )

    def _too_long(
        self, what: str, text: str, hint: str = "", quote: str | None = None
    ) -> ContentError:
        """``what`` too long for the sheet (``quote``: the text as written in the content, to
        find its line, when ``text`` says more). The headline and subtitle are the course's
        own title and subtitle unless course.yaml gives the poster its own: the hint says
        both, the message's line which it is."""
        field = what.removeprefix("the ")
        course_field = "title" if field == "headline" else field
        hint = hint or (
            f"shorten it where the line named writes it: the poster's own {field} (poster: "
            f"{field}: in course.yaml), or the course's {course_field}, which a poster without "
            f"one shows (give it a shorter {field} of its own there); or print the poster on "
            "a larger sheet (--poster-size)"
        )
        # cut between words, not inside one as start_of does: a title is read by its words;
        # inside a word that would leave too little to know the text by ("For:…" of a
        # footer whose audience's name is one long word)
        shown = text
        if len(text) > 60:
            words = text[:60].rsplit(" ", 1)[0]
            shown = (words if len(words) >= 30 else text[:60]) + "\u2026"
        return ContentError(
            [
                Problem(
                    None,
                    f"{self.who}: {what} is too long: '{shown}'",
                    hint,
                    quote=text if quote is None else quote,
                )
            ]
        )

    def longest_text(self) -> str:
        return self.longest()[0]

    def cell_with(self, word: str) -> tuple[str, str]:
        """The table's first text (a heading, a row's label or a cell) holding ``word``, as a
        message names it, and its whole text; else the table and the word."""
        if self.table is not None:
            said = self._as_written
            header = [said(plain(h), -1, n) for n, h in enumerate(self.table.header)]
            for n, cell in enumerate(self.table.header):
                if word in plain(cell):
                    return f"the table's heading '{start_of(header[n], 40)}'", header[n]
            for r, row in enumerate(self.table.rows):
                row_name = start_of(said(plain(row[0]), r, 0), 40) if row else ""
                for i, cell in enumerate(row):
                    if word not in plain(cell):
                        continue
                    text = said(plain(cell), r, i)
                    if i == 0:
                        return f"the row label '{row_name}'", text
                    column = header[i] if i < len(header) else f"column {i + 1}"
                    return f"the '{row_name}' cell under '{column}'", text
        return "its table", word

    def _as_written(self, text: str, row: int, column: int) -> str:
        """A cell's ``text`` as drawn (its characters no face has as '?'), as the table
        was written: the header's when ``row`` is -1, else that row's cell."""
        written = self.written
        if written is None:
            return text
        cells = written.header if row < 0 else written.rows[row] if row < len(written.rows) else ()
        return plain(cells[column]) if column < len(cells) else text

    def longest(self) -> tuple[str, str]:
        """The longest cell or panel point: how a message names it, and its whole text."""
        candidates: list[tuple[int, str, str]] = []
        if self.table is not None:
            said = self._as_written
            header = [said(plain(h), -1, n) for n, h in enumerate(self.table.header)]
            for r, row in enumerate(self.table.rows):
                row_name = start_of(said(plain(row[0]), r, 0), 40) if row else ""
                if row:  # the row's label is a text of the table too
                    label_text = said(plain(row[0]), r, 0)
                    candidates.append((len(label_text), f"the row label '{row_name}'", label_text))
                for i, cell in enumerate(row[1:], start=1):
                    column = header[i] if i < len(header) else f"column {i + 1}"
                    text = said(plain(cell), r, i)
                    candidates.append((len(text), f"the '{row_name}' cell under '{column}'", text))
        for point in self.panel_points:
            text = plain(point)
            candidates.append((len(text), f"the panel point '{text[:40]}...'", text))
        if not candidates:
            return "the headline", ""
        _, name, text = max(candidates)
        return name, text

    # ------------------------------------------------------------------ the table

    def column_widths(self, width: float, size: float) -> list[float]:
        """The first column (the row labels) a fifth of the width, or its share of the
        table's text when the labels are long, or wider for its longest word, up to a third;
        the others share the rest."""
        columns = self.columns
        gap = 14 * self.scale
        if columns == 1:
            return [width]
        pad = size * 0.45
        longest, share = self._labels
        share = max(0.2 if columns > 2 else 0.3, share)
        label_w = max(width * share, min(longest * size + 2 * pad, width / 3))
        rest = (width - label_w - gap * (columns - 1)) / (columns - 1)
        return [label_w] + [rest] * (columns - 1)

    @cached_property
    def _labels(self) -> tuple[float, float]:
        """The row labels' longest word at 1 pt, and the labels' share of the table's text
        (at most half): long labels get that share of the width, so that rows are as tall as
        their tallest column needs, not as their labels' column. Measured once, whatever the
        size tried (widths grow with the size)."""
        rows = self.table.rows if self.table else ()
        words = [
            stringWidth(word, self.heading.bold, 1)
            for row in rows
            for word in (unbreakable(plain(row[0])) if row else ())
        ]
        texts = [0.0] * self.columns
        for row in rows:
            for i, cell in enumerate(row[: self.columns]):
                face = self.heading.bold if i == 0 else self.font.regular
                texts[i] += stringWidth(plain(cell), face, 1)
        share = min(texts[0] / sum(texts), 0.5) if sum(texts) else 0.0
        return max(words, default=0.0), share

    def row(self, index: int, widths: list[float], size: float) -> _Row:
        """Row ``index`` measured in columns ``widths`` (kept: every layout tried asks again)."""
        key = (index, tuple(round(w, 3) for w in widths), size)
        found = self._rows.get(key)
        if found is not None:
            return found
        assert self.table is not None
        row = self.table.rows[index]
        pad = size * 0.45
        blocks, split = [], []
        for i in range(len(widths)):
            cell = row[i] if i < len(row) else ()
            face = self.heading.bold if i == 0 else self.font.regular
            room = widths[i] - 2 * pad
            # (a web or e-mail address wider than its column is cut where its line ends, as
            # in a handout's table: it never stops the poster)
            split += [
                w
                for w in _pieces(plain(cell))
                if stringWidth(w, face, size) > room and not is_address(w)
            ]
            style = self.style(size, bold=(i == 0), colour=self.ink.primary if i == 0 else None)
            blocks.append(
                self.para(markup(cell, self.ink.hex.primary), widths[i] - 2 * pad, style, rich=True)
            )
        height = max(b.height for b in blocks) + 2 * pad
        found = self._rows[key] = _Row(tuple(blocks), height, tuple(split))
        return found

    def header_size(self, widths: list[float], size: float) -> tuple[float, list[str]]:
        """The header row's size: a little larger than the body, within the heading's largest,
        smaller for a long word ("Trauma-competent") down to the body's floor; and the words
        still wider than their column there (they would be cut in two: not a fit)."""
        assert self.table is not None
        floor = self.size("body")[1]
        pad = size * 0.45
        words = [
            (word, widths[i] - 2 * pad)
            for i, cell in enumerate(self.table.header[: len(widths)])
            for word in unbreakable(plain(cell))
        ]
        head = max(floor, min(self.size("header")[0], size * 1.15))
        while True:
            split = [w for w, room in words if stringWidth(w, self.heading.bold, head) > room]
            if not split or head <= floor:
                break
            head = max(floor, head - STEP)
        # at the floor, a heading's hyphenated word may break after its hyphen
        pieces = [(p, room) for w, room in words if w in split for p in _pieces(w)]
        return head, [p for p, room in pieces if stringWidth(p, self.heading.bold, head) > room]

    def table_layout(self, width: float, size: float, count: int, panels: int) -> dict[str, Any]:
        """The table's first ``count`` rows at ``size`` in ``panels`` side-by-side panels of
        equal width, each opening with the header row, the rows shared out in order so that
        the panels are as even in height as they can be."""
        if self.table is None:
            return {"height": 0.0, "panels": [], "widths": [], "split": ()}
        table = self.table
        gutter = self.margin * 0.5
        panel_width = (width - gutter * (panels - 1)) / panels
        widths = self.column_widths(panel_width, size)
        gap = 14 * self.scale
        pad = size * 0.45
        head_size, split = self.header_size(widths, size)
        header_blocks = []
        for i in range(len(widths)):
            cell = table.header[i] if i < len(table.header) else ()
            colour = self.header_ink(i) if i else self.ink.muted
            header_blocks.append(
                self.para(
                    markup(cell),  # a link in the header's own colour, as in a handout's
                    widths[i] - 2 * pad,
                    self.style(head_size, bold=True, colour=colour),
                    rich=True,
                )
            )
        header_h = max(b.height for b in header_blocks) + 2 * pad
        rows = [self.row(i, widths, size) for i in range(count)]
        for r in rows:
            split += r.split
        parts = _balanced([r.height + gap * 0.5 for r in rows], panels)
        laid = [[(rows[i].blocks, rows[i].height) for i in part] for part in parts]
        tallest = max((sum(h + gap * 0.5 for _, h in part) for part in laid), default=0.0)
        return {
            "height": header_h + tallest,
            "split": tuple(split),
            "panels": laid,
            "panel_width": panel_width,
            "gutter": gutter,
            "widths": widths,
            "header": header_blocks,
            "header_h": header_h,
            "gap": gap,
            "pad": pad,
        }

    def panel_layout(self, width: float, size: float) -> dict[str, Any]:
        if not self.panel_points:
            return {"height": 0.0}
        pad = size * 0.9
        title_size = max(self.size("body")[1], min(self.size("panel-title")[0], size * 1.25))
        title = self.para(
            markup(inline_markdown(self.panel_title), self.ink.hex.primary),
            width - 2 * pad,
            self.style(title_size, bold=True, colour=self.ink.primary),
            rich=True,
        )
        bullet_indent = size * 1.3
        points = [
            self.para(
                markup(p, self.ink.hex.primary),
                width - 2 * pad - bullet_indent,
                self.style(size),
                rich=True,
            )
            for p in self.panel_points
        ]
        spacing = size * 0.45
        height = (
            pad
            + title.height
            + size * 0.5
            + sum(p.height for p in points)
            + spacing * (len(points) - 1)
            + pad
        )
        return {
            "height": height,
            "title": title,
            "points": points,
            "pad": pad,
            "indent": bullet_indent,
            "spacing": spacing,
        }

    # ------------------------------------------------------------------ drawing

    def draw(
        self,
        c: Canvas,
        plan: dict[str, Any],
        bleed: float = 0.0,
        structure: Structure | None = None,
    ) -> None:
        """Draw the poster with its trim box at (0, 0); bands run ``bleed`` past the trim.
        With ``structure``, tagged: the headline, the table, the panel and the note in
        reading order; bands, cell backgrounds, bullets and the footer are artifacts."""
        self.tags = _Tags(c, structure)
        W, H, m = self.width, self.height, self.margin
        ink = self.ink
        band = plan["band"]
        with self.tags.artifact():
            c.setFillColor(ink.paper)
            c.rect(-bleed, -bleed, W + 2 * bleed, H + 2 * bleed, stroke=0, fill=1)
            if ink.monochrome:  # no band to print: a heavy rule under the headline
                c.setFillColor(ink.text)
                c.rect(m, H - band - 4 * self.scale, W - 2 * m, 4 * self.scale, stroke=0, fill=1)
            else:
                c.setFillColor(ink.band)
                c.rect(-bleed, H - band, W + 2 * bleed, band + bleed, stroke=0, fill=1)
                c.setFillColor(ink.accent)
                c.rect(
                    -bleed,
                    H - band - 10 * self.scale,
                    W + 2 * bleed,
                    10 * self.scale,
                    stroke=0,
                    fill=1,
                )
        pad = 0.55 * 72 * self.scale
        y = H - pad
        head: _Block = plan["headline"]
        with self.tags.marked("H1", head.para):
            head.para.drawOn(c, m, y - head.height)
        y -= head.height + 0.15 * 72 * self.scale
        if plan["subtitle"] is not None:
            sub: _Block = plan["subtitle"]
            with self.tags.marked("P", sub.para):
                sub.para.drawOn(c, m, y - sub.height)

        # footer band
        footer_h = plan["footer_h"]
        with self.tags.artifact("Pagination"):
            if ink.monochrome:  # a rule above the footer instead of its band
                c.setFillColor(ink.text)
                c.rect(m, footer_h, W - 2 * m, 1.5 * self.scale, stroke=0, fill=1)
            else:
                c.setFillColor(ink.band)
                c.rect(-bleed, -bleed, W + 2 * bleed, footer_h + bleed, stroke=0, fill=1)
            c.setFillColor(ink.on_primary)
            for lines, x, align in zip(plan["footer"], (m, W - m), ("left", "right"), strict=True):
                # centred on the band: the first baseline half the extra lines up
                first = (
                    footer_h / 2 + (len(lines.lines) - 1) * lines.leading / 2 - lines.size * 0.35
                )
                lines.draw(c, x, first + lines.size, align)

        top = plan["top"] - plan.get("lift", 0.0)
        table = plan["table"]
        x0 = W - m - plan["table_width"] if self.mirrored else m  # beside a landscape's panel
        if table["height"]:
            self.draw_table(c, table, x0, top)
        panel = plan["panel"]
        if panel["height"]:
            if plan["landscape"]:
                px, py = (m if self.mirrored else W - m - plan["panel_width"]), top
            else:
                px, py = m, top - table["height"] - plan["gap"]
            self.draw_panel(c, panel, px, py, plan["panel_width"])
        if plan["note"] is not None:
            note: _Block = plan["note"]
            with self.tags.marked("P", note.para):
                note.para.drawOn(c, m, plan["bottom"] + plan["gap"] * 0.4)

    def draw_table(self, c: Canvas, table: dict[str, Any], x: float, top: float) -> None:
        """Each panel of the table side by side, each opening with the header row (read
        once: the header of every later panel is an artifact)."""
        self.tags.table()
        count = len(table["panels"])
        for n, rows in enumerate(table["panels"]):
            place = count - 1 - n if self.mirrored else n  # from the right when mirrored
            left = x + place * (table["panel_width"] + table["gutter"])
            self.draw_table_panel(c, table, rows, left, top, repeated=n > 0)

    def draw_table_panel(
        self,
        c: Canvas,
        table: dict[str, Any],
        rows: list,
        x: float,
        top: float,
        repeated: bool = False,
    ) -> None:
        widths, pad, gap = table["widths"], table["pad"], table["gap"]
        names = self.column_colours
        xs = [x]
        for w in widths[:-1]:
            xs.append(xs[-1] + w + gap)
        if self.mirrored:  # the first column rightmost, each column as wide
            right = xs[-1] + widths[-1]
            xs = [x + right - left - w for left, w in zip(xs, widths, strict=True)]
        header_h = table["header_h"]
        tags = self.tags
        if not repeated:
            tags.row()
        for i, block in enumerate(table["header"]):
            if i:
                name = names[i - 1] if i - 1 < len(names) else "primary"
                box = (xs[i], top - header_h, widths[i], header_h)
                with tags.artifact():
                    if self.ink.monochrome:
                        words = (
                            xs[i] + pad,
                            top - pad - block.height,
                            _set_width(block.para),
                            block.height,
                        )
                        self.mono_header(c, i, box, words)
                    else:
                        c.setFillColor(self.ink.named(name))
                        c.roundRect(*box, 8 * self.scale, stroke=0, fill=1)
            with tags.artifact("Pagination") if repeated else tags.cell("TH", block.para):
                block.para.drawOn(c, xs[i] + pad, top - pad - block.height)
        y = top - header_h - gap * 0.5
        for blocks, h in rows:
            tags.row()
            for i, block in enumerate(blocks):
                with tags.artifact():
                    if i and self.ink.monochrome:
                        self.mono_cell(c, i, (xs[i], y - h, widths[i], h))
                    elif i:
                        name = names[i - 1] if i - 1 < len(names) else "primary"
                        c.setFillColor(tint(self.ink.named(name), 0.12))
                        c.roundRect(xs[i], y - h, widths[i], h, 6 * self.scale, stroke=0, fill=1)
                    else:
                        c.setStrokeColor(self.ink.rule)
                        c.setLineWidth(1.5 * self.scale)
                        c.line(xs[0], y - h, xs[0] + widths[0], y - h)
                # the first column names each row, set apart as its heading (bold, in the
                # rule's colour): it heads its row for a screen reader too
                kind = "TD" if i else "TH"
                with tags.cell(kind, block.para, "Row"):  # centred in a row grown to fill
                    lift = (h - max(b.height for b in blocks) - 2 * pad) / 2
                    block.para.drawOn(c, xs[i] + pad, y - pad - lift - block.height)
            y -= h + gap * 0.5

    # In black and white the compared columns (trauma-informed, trauma-competent...) cannot
    # be told apart by their colours, which print as much the same grey. Each column gets
    # a look of its own instead, by its place: outlined, solid (white on black, the header
    # only: a cell, not a band) or hatched; the column's cells carry its outline's weight.
    MONO_LOOKS = ("outline", "solid", "hatched")

    def mono_look(self, column: int) -> str:
        """The black-and-white look of the table's ``column`` (1: the first compared); every
        column's the same in a table that compares nothing."""
        if not self.column_colours:
            return self.MONO_LOOKS[0]
        return self.MONO_LOOKS[(column - 1) % len(self.MONO_LOOKS)]

    def header_ink(self, column: int) -> colors.Color:
        """The colour of a compared column's header text."""
        if not self.ink.monochrome:
            return self.ink.on_primary
        return self.ink.paper if self.mono_look(column) == "solid" else self.ink.text

    def mono_header(
        self,
        c: Canvas,
        column: int,
        box: tuple[float, float, float, float],
        label: tuple[float, float, float, float] | None = None,
    ) -> None:
        """A compared column's header in black and white; ``label``, the box its words
        take, is kept clear of a hatched header's lines."""
        look, radius = self.mono_look(column), 8 * self.scale
        c.saveState()
        c.setStrokeColor(self.ink.text)
        c.setFillColor(self.ink.text)
        c.setLineWidth(2 * self.scale)
        if look == "solid":
            c.roundRect(*box, radius, stroke=0, fill=1)
        else:
            if look == "hatched":
                self.hatch(c, box, radius, label)
            c.roundRect(*box, radius, stroke=1, fill=0)
        c.restoreState()

    def mono_cell(self, c: Canvas, column: int, box: tuple[float, float, float, float]) -> None:
        look, radius = self.mono_look(column), 6 * self.scale
        c.saveState()
        if look == "solid":
            c.setStrokeColor(self.ink.text)
            c.setLineWidth(3 * self.scale)
        else:
            c.setStrokeColor(self.ink.rule if look == "outline" else self.ink.text)
            c.setLineWidth(1.25 * self.scale)
            if look == "hatched":
                c.setDash(6 * self.scale, 4 * self.scale)
        x, y, w, h = box
        inset = 1.5 * self.scale  # the stroke inside the cell, clear of its neighbours
        c.roundRect(x + inset, y + inset, w - 2 * inset, h - 2 * inset, radius, stroke=1, fill=0)
        c.restoreState()

    def hatch(
        self,
        c: Canvas,
        box: tuple[float, float, float, float],
        radius: float,
        label: tuple[float, float, float, float] | None = None,
    ) -> None:
        """Light diagonal lines across a header, and a white plate behind its words
        (``label``), so that no line runs through a letter."""
        x, y, w, h = box
        c.saveState()
        path = c.beginPath()
        path.roundRect(x, y, w, h, radius)
        c.clipPath(path, stroke=0, fill=0)
        c.setStrokeColor(self.ink.rule)
        c.setLineWidth(0.8 * self.scale)
        step = 9 * self.scale
        offset = -h
        while offset < w:
            c.line(x + offset, y, x + offset + h, y + h)
            offset += step
        if label is not None:
            margin = 4 * self.scale
            lx, ly, lw, lh = label
            c.setFillColor(self.ink.paper)
            c.roundRect(lx - margin, ly - margin, lw + 2 * margin, lh + 2 * margin, margin,
                        stroke=0, fill=1)  # fmt: skip
        c.restoreState()

    def draw_panel(
        self, c: Canvas, panel: dict[str, Any], x: float, top: float, width: float
    ) -> None:
        h, pad = panel["height"], panel["pad"]
        tags = self.tags
        title: _Block = panel["title"]
        # a panel that reads from the right (its title does) has its bar on the right, where
        # its lines start; each point that reads from the right, its bullet on the right
        from_right = right_to_left(paragraph_text(title.para))
        bar = 10 * self.scale
        with tags.artifact():
            c.setFillColor(self.ink.callout)
            if self.ink.monochrome:  # unshaded: an outline shows the panel
                c.setStrokeColor(self.ink.rule)
                c.setLineWidth(1.25 * self.scale)
            c.roundRect(
                x, top - h, width, h, 10 * self.scale, stroke=int(self.ink.monochrome), fill=1
            )
            c.setFillColor(self.ink.accent)
            c.rect(x + width - bar if from_right else x, top - h, bar, h, stroke=0, fill=1)
        y = top - pad
        with tags.marked("H2", title.para):
            title.para.drawOn(c, x + pad, y - title.height)
        y -= title.height + panel["spacing"] * 1.2
        tags.list()
        for block in panel["points"]:
            size = block.para.style.fontSize
            mirrored = right_to_left(paragraph_text(block.para))
            dot = x + width - pad - size * 0.35 if mirrored else x + pad + size * 0.35
            with tags.artifact():  # the bullet: a drawn dot
                c.setFillColor(self.ink.accent)
                c.circle(dot, y - size * 0.62, size * 0.17, stroke=0, fill=1)
            with tags.item(block.para):
                start = x + pad if mirrored else x + pad + panel["indent"]
                block.para.drawOn(c, start, y - block.height)
            y -= block.height + panel["spacing"]


class _Tags:
    """The poster's structure as it is drawn (nothing is marked without a structure)."""

    def __init__(self, canvas: Canvas, structure: Structure | None):
        self.canvas, self.structure = canvas, structure
        self.group: Element | None = None  # the table, or the panel's list
        self.line: Element | None = None  # the table's current row

    def marked(self, kind: str, para: Any = None) -> Any:
        if self.structure is None:
            return nullcontext()
        return self.structure.marked(self.canvas, self._said(self.structure.root.add(kind), para))

    @staticmethod
    def _said(element: Element, para: Any) -> Element:
        """``element``, marked with the language of ``para`` (its paragraph) when that is
        not the poster's (a text its translation left in its source's words)."""
        if para is not None:
            spoken(element, partial(paragraph_text, para))
        return element

    def artifact(self, kind: str = "Layout") -> Any:
        if self.structure is None:
            return nullcontext()
        return self.structure.artifact(self.canvas, kind)

    def table(self) -> None:
        if self.structure is not None:
            self.group = self.structure.root.add("Table")

    def row(self) -> None:
        if self.group is not None:
            self.line = self.group.add("TR")

    def cell(self, kind: str, para: Any = None, scope: str = "Column") -> Any:
        """A cell of the row: a TD, or a TH heading its column (``scope``), or its row."""
        if self.structure is None or self.line is None:
            return nullcontext()
        attributes = {"scope": scope} if kind == "TH" else {}
        element = self._said(self.line.add(kind, **attributes), para)
        return self.structure.marked(self.canvas, element)

    def list(self) -> None:
        if self.structure is not None:
            self.group = self.structure.root.add("L")

    def item(self, para: Any = None) -> Any:
        if self.structure is None or self.group is None:
            return nullcontext()
        item = self.group.add("LI")
        self._said(item, para)
        return self.structure.marked(self.canvas, item.add("LBody"))


def _set_width(para: Any) -> float:
    """The width of a wrapped paragraph's longest line (its words, not its column)."""
    lines = getattr(getattr(para, "blPara", None), "lines", None) or []
    widths = []
    for line in lines:
        used = getattr(line, "extraSpace", None)
        if used is None and isinstance(line, tuple | list):
            used = line[0]
        widths.append(para.width - used if used is not None else para.width)
    return max(widths, default=getattr(para, "width", 0.0))


def _balanced(heights: list[float], parts: int) -> list[list[int]]:
    """Indexes 0..n-1 in ``parts`` runs, in order, the tallest run as short as can be."""
    if not heights:
        return [[] for _ in range(parts)] if parts == 1 else [[]]

    def runs(limit: float) -> list[list[int]]:
        return runs_within(heights, limit)

    found = balanced(runs, parts, max(heights), sum(heights), steps=40)
    while len(found) < min(parts, len(heights)):  # fewer runs than panels: split the tallest
        i = max(
            (j for j in range(len(found)) if len(found[j]) > 1),
            key=lambda j: sum(heights[k] for k in found[j]),
        )
        run = found[i]
        total, half, cut = sum(heights[k] for k in run), 0.0, 1
        for cut in range(1, len(run)):
            half += heights[run[cut - 1]]
            if half >= total / 2:
                break
        found[i : i + 1] = [run[:cut], run[cut:]]
    return found


def _canvas(
    buffer: io.BytesIO, size: tuple[float, float], poster: _Poster, options: RenderOptions
) -> Canvas:
    """A stamped canvas, titled as :func:`_stamp` says."""
    return _stamp(poster, options).canvas(poster.font.regular)(buffer, pagesize=size)


def _stamp(poster: _Poster, options: RenderOptions) -> Stamp:
    """The poster's metadata: its file's title is the headline (what the poster says in
    large), what the file is and its audience, as every PDF's title says what it is (the
    poster's said only the headline and the audience: beside the handout and the slides,
    open side by side, nothing told it was the poster)."""
    meta = poster.meta
    parts = (meta.headline, label("Poster"), meta.audience)
    title = " \u2013 ".join(dict.fromkeys(x for x in parts if x))
    return Stamp(meta, options.generator, title=title)


def _layout(
    document: Document, theme: Theme, options: RenderOptions
) -> tuple[_Poster, dict[str, Any], Document, tuple[str, ...]]:
    written = _Parts.of(document)  # as written: what it leaves off, its table for messages
    blame = Blame("the poster", document_meta(document.meta).audience)
    stop_at_unprinted(blame, written.left, PRINTS, ELSEWHERE_HINT)
    width, height = paper.size(options.poster_size, options.orientation)
    document, warnings = printable(
        document, [Fonts(theme.body_font), Fonts(theme.heading_font)], fallback=True
    )
    meta = document_meta(document.meta)
    poster = _Poster(document, meta, theme, width, height, options.printing, written.table)
    return poster, poster.layout(), document, warnings


def check_fits(document: Document, theme: Theme, options: RenderOptions) -> None:
    """Lay the poster out as a build would, without drawing it: ContentError when it does
    not fit (``check`` finds that before a build stops on it)."""
    with writing(document_meta(document.meta).language):
        _layout(document, theme, options)


def render(document: Document, theme: Theme, options: RenderOptions) -> RenderResult:
    """One page at the poster's size; with bleed, TrimBox, BleedBox and crop marks."""
    with writing(document_meta(document.meta).language, options.source_texts):  # Han: its face
        return _render(document, theme, options)


def _render(document: Document, theme: Theme, options: RenderOptions) -> RenderResult:
    poster, plan, document, warnings = _layout(document, theme, options)
    W, H = poster.width, poster.height
    bleed = paper.bleed(options.bleed) if options.bleed else 0.0
    slug = 0.5 * 72 if bleed else 0.0  # room outside the bleed for the crop marks
    offset = slug + bleed
    buffer = io.BytesIO()
    c = _canvas(buffer, (W + 2 * offset, H + 2 * offset), poster, options)
    if bleed:
        c.setTrimBox((offset, offset, offset + W, offset + H))
        c.setBleedBox((slug, slug, slug + W + 2 * bleed, slug + H + 2 * bleed))
    structure = Structure()
    c.saveState()
    c.translate(offset, offset)
    poster.draw(c, plan, bleed, structure)
    c.restoreState()
    if bleed:
        with structure.artifact(c):
            _crop_marks(c, offset, W, H, bleed, poster.ink.marks)
    c.showPage()
    c.save()
    said = _mostly_empty(poster, plan["empty"]) if plan["empty"] > MOSTLY_EMPTY else None
    return RenderResult(
        data=_finish(buffer, structure, poster, options),
        pages=1,
        warnings=warnings,
        notes=(said,) if said else (),
    )


def _size_options(name: str, landscape: bool, was_landscape: bool) -> str:
    """The options that print a poster on paper ``name`` (in landscape or not): its
    orientation said when it is landscape, or turns a landscape poster to portrait."""
    options = f"--poster-size {name}"
    if landscape or was_landscape:
        options += f" --orientation {'landscape' if landscape else 'portrait'}"
    return options


def _mostly_empty(poster: _Poster, empty: float) -> str | None:
    """What to say of a poster whose body, at its largest type, leaves most of the room
    under the headline empty (a short table and no panel): it looks unfinished on a wall.
    Only what can be done is said: a smaller paper it fits on (not one too narrow for its
    longest word); None when there is nothing to do."""
    more = []
    if poster.table is not None:
        more.append("rows to its table")
    if not poster.panel_points:
        more.append("a panel of what this audience can do (poster: panel: title and points)")
    if not poster.meta.note:
        more.append("a closing line (poster: note:)")
    add = (
        f"add {', '.join(more[:-1])}{' or ' if len(more) > 1 else ''}{more[-1]} in "
        "content/course.yaml"
        if more
        else ""
    )
    smaller = poster.smaller_paper()  # only a paper it fits on (a long word may need this one)
    print_it = (
        f"print it on smaller paper: it fits on {smaller.words}: build with "
        f"{smaller.options} (or set settings: poster: size:)"
        if smaller is not None
        else ""
    )
    if not add and not print_it:
        return None  # nothing left to add, and no smaller paper holds it: nothing to do
    advice = f"{add}, or {print_it}" if add and print_it else add or print_it
    return (
        f"the poster is {round(empty * 100)}% empty below its headline, even with its text "
        f"at the largest size for {poster.paper}: {advice}"
    )


def _finish(
    buffer: io.BytesIO, structure: Structure, poster: _Poster, options: RenderOptions
) -> bytes:
    """The tagged file (see tagging.py), titled as the PDF's Title is."""
    title = _stamp(poster, options).document_title
    return finish(buffer.getvalue(), structure, title, poster.meta.language, options.generator)


def _crop_marks(
    c: Canvas, offset: float, W: float, H: float, bleed: float, ink: colors.Color
) -> None:
    """Hairlines on the trim lines, starting just outside the bleed, at each corner."""
    c.setStrokeColor(ink)
    c.setLineWidth(0.25)
    gap = 3.0  # from the bleed edge
    length = offset - bleed - gap - 2
    for x in (offset, offset + W):
        for y, direction in ((offset - bleed - gap, -1), (offset + H + bleed + gap, 1)):
            c.line(x, y, x, y + direction * length)
    for y in (offset, offset + H):
        for x, direction in ((offset - bleed - gap, -1), (offset + W + bleed + gap, 1)):
            c.line(x, y, x + direction * length, y)


SHEET_MARGIN = 0.5 * 72  # inside every office printer's unprintable margin (about 0.25 in)
OVERLAP = 0.5 * 72


def tiling(poster: tuple[float, float], sheet_name: str) -> tuple[tuple[float, float], int, int]:
    """The sheet size (in the orientation needing fewer sheets), and columns and rows."""
    best = None
    for orientation in ("portrait", "landscape"):
        sheet = paper.size(sheet_name, orientation)
        area_w, area_h = sheet[0] - 2 * SHEET_MARGIN, sheet[1] - 2 * SHEET_MARGIN
        cols = max(1, math.ceil((poster[0] - OVERLAP) / (area_w - OVERLAP)))
        rows = max(1, math.ceil((poster[1] - OVERLAP) / (area_h - OVERLAP)))
        if best is None or cols * rows < best[1] * best[2]:
            best = (sheet, cols, rows)
    assert best is not None
    return best


def _sheet_words(poster: _Poster, row: int, rows: int, col: int, cols: int) -> tuple[str, str]:
    """Where a tile sheet goes ("row 2 of 3, column 1 of 2") and what it is part of (the
    headline and the audience): its caption says both, its figure's description too."""
    where = label(
        "row {row} of {rows}, column {column} of {columns}",
        row=row + 1,
        rows=rows,
        column=col + 1,
        columns=cols,
    )
    return where, f"{poster.meta.headline} ({poster.meta.audience})"


def _caption(
    poster: _Poster, width: float, number: int, total: int, where: str, about: str
) -> Lines:
    """A tile sheet's caption ("Sheet 4 of 6 · row 2 of 3, column 2 of 2 · headline
    (audience)"), fitted to the sheet: shrunk to the footer's floor, then on two lines; past
    that the build stops, naming the headline, which makes it long."""
    sheet = label("Sheet {number} of {total}", number=number, total=total)
    caption = f"{sheet}  \u00b7  {where}  \u00b7  {about}"
    floor = ROLES["footer"].floor
    lines = fit_lines(caption, poster.font.regular, width, (8, floor), lines=1, most=2)
    if lines is None:
        raise poster._too_long(
            "the headline, in the caption of each tile sheet,",
            poster.meta.headline,
            "shorten the poster's headline (poster: headline: in course.yaml, or the course's "
            "title, which a poster without one shows), or tile it on larger sheets (--tile, "
            "or settings: poster: tile:)",
        )
    return lines


def check_tiles(document: Document, theme: Theme, options: RenderOptions) -> None:
    """The poster laid out as a build would, and the caption of its last tile sheet (the
    longest: its numbers are the largest) fitted, without drawing: ``check`` finds what a
    build of the tiles would stop on."""
    with writing(document_meta(document.meta).language):
        poster, _, _, _ = _layout(document, theme, options)
        sheet, cols, rows = tiling((poster.width, poster.height), options.tile or "letter")
        where, about = _sheet_words(poster, rows - 1, rows, cols - 1, cols)
        _caption(poster, sheet[0] - 2 * SHEET_MARGIN, cols * rows, cols * rows, where, about)


def render_tiles(document: Document, theme: Theme, options: RenderOptions) -> RenderResult:
    """The poster across office sheets: overlap, dashed cutting guides, a label on each."""
    with writing(document_meta(document.meta).language):
        return _render_tiles(document, theme, options)


def _render_tiles(document: Document, theme: Theme, options: RenderOptions) -> RenderResult:
    poster, plan, document, warnings = _layout(document, theme, options)
    W, H = poster.width, poster.height
    sheet, cols, rows = tiling((W, H), options.tile or "letter")
    sw, sh = sheet
    area_w, area_h = sw - 2 * SHEET_MARGIN, sh - 2 * SHEET_MARGIN
    buffer = io.BytesIO()
    c = _canvas(buffer, sheet, poster, options)
    c.beginForm("poster", 0, 0, W, H)
    # a link is a page's, never a drawing's (ReportLab refuses one inside a form, and a tiled
    # poster is paper): the poster's words are drawn, its links left out
    c.linkURL = c.linkRect = lambda *args, **kwargs: None  # type: ignore[method-assign]
    try:
        poster.draw(c, plan)
    finally:
        del c.linkURL, c.linkRect
    c.endForm()
    total = cols * rows
    number = 0
    structure = Structure()  # tagged: each sheet its piece of the poster as a described figure
    for row in range(rows):
        for col in range(cols):
            number += 1
            x0 = col * (area_w - OVERLAP)  # poster coordinates of this sheet's left edge
            top = H - row * (area_h - OVERLAP)  # and of its top edge
            c.saveState()
            path = c.beginPath()
            path.rect(SHEET_MARGIN, SHEET_MARGIN, area_w, area_h)
            c.clipPath(path, stroke=0, fill=0)
            c.translate(SHEET_MARGIN - x0, SHEET_MARGIN + area_h - top)
            where, about = _sheet_words(poster, row, rows, col, cols)
            piece = label(
                "Part of the poster '{poster}': {where} of the sheets that make it up.",
                poster=about,
                where=where,
            )
            with structure.marked(c, structure.root.add("Figure", alt=piece)):
                c.doForm("poster")
            c.restoreState()
            with structure.artifact(c):
                _guides(c, col, row, area_w, area_h, poster.ink.muted)
            lines = _caption(poster, area_w, number, total, where, about)
            c.setFillColor(poster.ink.muted)
            hint = label(
                "Trim along the dashed lines; lay each sheet over the one to its left and above."
            )
            with structure.marked(c, structure.root.add("P")):
                draw_string(
                    c,
                    sw - SHEET_MARGIN,
                    sh - SHEET_MARGIN + 6,
                    hint if (row or col) else label("Start here: top left."),
                    poster.font.regular,
                    8,
                    "right",
                )
            with structure.marked(c, structure.root.add("P")):
                # its last line where a one-line caption stands: a second one above it,
                # never down into the printer's unprintable margin
                below = (len(lines.lines) - 1) * lines.leading
                lines.draw(c, SHEET_MARGIN, SHEET_MARGIN - 14 + lines.size + below)
            c.showPage()
    c.save()
    data = _finish(buffer, structure, poster, options)
    return RenderResult(data=data, pages=total, warnings=warnings)


def _guides(c: Canvas, col: int, row: int, area_w: float, area_h: float, ink: colors.Color) -> None:
    """Dashed cutting lines where this sheet overlaps the sheet to its left and above."""
    c.saveState()
    c.setStrokeColor(ink)
    c.setLineWidth(0.5)
    c.setDash(4, 3)
    left, bottom, top = SHEET_MARGIN, SHEET_MARGIN, SHEET_MARGIN + area_h
    if col:
        x = left + OVERLAP
        c.line(x, bottom, x, top)
    if row:
        y = top - OVERLAP
        c.line(left, y, left + area_w, y)
    c.restoreState()
