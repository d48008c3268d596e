"""The wall poster: the comparison side by side, the audience panel, ready for print.

The layout is computed for the paper it is printed on. Type sizes come from the one fit
policy's poster roles (:func:`materials_gen.fit.poster_roles`) for the distance the poster is
read from, which grows with the paper: 1.2 m for 18 x 24 in (the body 24 to 34 pt, the
headline 60 to 120 pt). Every box measures its text, and the body size is the largest at
which everything fits. When nothing legible fits, the build stops and says by how much and
which text is longest.

Print options: ``bleed`` extends the coloured bands past the trim, sets TrimBox and BleedBox
and draws crop marks outside the bleed; ``tile`` prints the poster across office sheets with
an overlap, dashed cutting guides and a label on each sheet.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from .. import paper
from ..document import Div, Document, ListBlock, Table, plain
from ..document import Paragraph as MdParagraph
from ..errors import ContentError, Problem
from ..fit import ROLES, poster_roles
from ..meta import DocumentMeta, document_meta
from ..theme import Theme
from . import RenderOptions, RenderResult
from .pdf import Fonts, Lines, PdfPalette, Stamp, fit_lines, markup, printable, tint

BASE = 18 * 72  # the short side read from READ_AT metres away
READ_AT = 1.2  # metres: a poster of 18 x 24 in on a corridor wall, read in passing
# which of fit's poster roles sizes each text; the footer is page furniture below the body
ROLE_OF = {
    "headline": "poster-title",
    "subtitle": "poster-heading",
    "header": "poster-heading",
    "panel-title": "poster-heading",
    "body": "poster-body",
}


@dataclass
class _Block:
    """A paragraph placed at a size: drawn later at (x, y_top)."""

    para: Paragraph
    width: float
    height: float


class _Poster:
    def __init__(
        self, document: Document, meta: DocumentMeta, theme: Theme, width: float, height: float
    ):
        self.meta = meta
        self.theme = theme
        self.width, self.height = width, height
        self.scale = min(width, height) / BASE
        self.roles = poster_roles(READ_AT * self.scale)
        self.font = Fonts(theme.body_font)
        self.heading = Fonts(theme.heading_font)
        self.ink = PdfPalette.of(theme.palette)
        self.margin = 0.75 * 72 * self.scale
        self.table: Table | None = None
        self.column_colours: list[str] = []
        self.panel_title = ""
        self.panel_points: list[tuple] = []
        for block in document.blocks:
            if isinstance(block, Div) and block.has("comparison"):
                self.table = next((b for b in block.children if isinstance(b, Table)), None)
                self.column_colours = block.attrs.get("colors", "informed competent").split()
            elif isinstance(block, Div) and block.has("panel"):
                self.panel_title = block.attrs.get("title", "")
                for child in block.children:
                    if isinstance(child, ListBlock):
                        self.panel_points.extend(
                            item[0].children
                            for item in child.items
                            if item and isinstance(item[0], MdParagraph)
                        )
                    elif isinstance(child, MdParagraph):
                        self.panel_points.append(child.children)
            elif isinstance(block, Table) and self.table is None:
                self.table = block

    # ------------------------------------------------------------------ measuring

    def size(self, name: str) -> tuple[float, float]:
        """(largest, floor) in points of a text on this poster, from its role."""
        body = self.roles["poster-body"]
        if name == "footer":  # legible at the same distance, smaller than the body
            return body.floor * 0.9, body.floor * 0.75
        role = self.roles[ROLE_OF[name]]
        return role.largest, role.floor

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
        self, text: str, width: float, max_height: float, name: str, **style: Any
    ) -> _Block | None:
        high, low = self.size(name)
        size = high
        while size >= low - 0.01:
            block = self.para(text, width, self.style(size, **style))
            if block.height <= max_height:
                return block
            size -= max(0.5, self.scale)
        return None

    # ------------------------------------------------------------------ layout

    def layout(self) -> dict[str, Any]:
        W, H, m = self.width, self.height, self.margin
        inner = W - 2 * m
        plan: dict[str, Any] = {}
        text = self.meta.headline
        white = self.ink.on_primary
        one_line = self.size("headline")[0] * 1.25  # a headline on one line reads best
        headline = self.fit(text, inner, one_line, "headline", bold=True, colour=white)
        if headline is None:
            headline = self.fit(text, inner, H * 0.16, "headline", bold=True, colour=white)
        if headline is None:
            raise self._too_long("the headline", text)
        subtitle = None
        if self.meta.subtitle:
            subtitle = self.fit(self.meta.subtitle, inner, H * 0.08, "subtitle", colour=white)
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

        footer_size, left, right = self.footer(inner)
        footer_h = max(footer_size * 3.2, max(left.height, right.height) + footer_size * 1.6)
        plan.update(footer_size=footer_size, footer_h=footer_h, footer=(left, right))
        top = H - band - 10 * self.scale - m * 0.8
        bottom = footer_h + m * 0.6
        available = top - bottom
        plan.update(top=top, bottom=bottom)

        note = self.meta.note
        landscape = W > H
        panel_width = inner * 0.3 if landscape else inner
        table_width = inner - panel_width - m * 0.5 if landscape else inner
        high, low = self.size("body")
        self._refuse_too_many_rows(available, low)
        size = high
        best_shortfall = None
        while size >= low - 0.01:
            table = self.table_layout(table_width, size)
            panel = self.panel_layout(panel_width, size)
            note_block = (
                self.para(
                    note,
                    inner,
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
                needed = (
                    table["height"] + (gap + panel["height"] if panel["height"] else 0) + note_h
                )
            if needed <= available and not table["split"]:
                plan.update(
                    size=size,
                    table=table,
                    panel=panel,
                    note=note_block,
                    gap=gap,
                    landscape=landscape,
                    table_width=table_width,
                    panel_width=panel_width,
                )
                return plan
            best_shortfall = needed - available
            size -= max(0.5, self.scale)
        if best_shortfall is not None and best_shortfall <= 0 and table["split"]:
            word = max(table["split"], key=len)
            raise ContentError(
                [
                    Problem(
                        None,
                        f"the word '{word[:40]}' in the poster's table is wider than its column "
                        f"on {paper.describe((W, H))}, even at the smallest legible size "
                        f"({low:.0f} pt)",
                        "use a shorter word or hyphenate it (e.g. 'Super-vision'), or choose a "
                        "larger size",
                        quote=word,
                    )
                ]
            )
        longest, quote = self.longest()
        raise ContentError(
            [
                Problem(
                    None,
                    f"the poster's text does not fit on {paper.describe((W, H))}: even at the "
                    f"smallest legible size ({low:.0f} pt) it needs {best_shortfall / 72:.1f} in "
                    f"more; the longest text is {longest}",
                    "shorten the comparison cells or the panel's points, or choose a larger size",
                    quote=quote,
                )
            ]
        )

    def footer(self, inner: float) -> tuple[float, Lines, Lines]:
        """The footer band's two texts (organization, version and date; the audience), each
        shrunk to the footer's floor beside the other, then on two lines (the band grows);
        longer than that stops the build naming the text."""
        high, low = self.size("footer")
        meta = self.meta
        texts = (
            " \u00b7 ".join(
                x for x in (meta.organization, meta.version_label, meta.long_date) if x
            ),
            f"For: {meta.audience}",
        )
        right = fit_lines(texts[1], self.font.bold, inner * 0.4, (high, low), lines=1, most=2)
        room = inner - (
            max(stringWidth(t, self.font.bold, right.size) for t in right.lines) if right else 0
        )
        left = fit_lines(texts[0], self.font.regular, room - 24 * self.scale, (high, low), 1, 2)
        if left is None or right is None:
            text = texts[0] if left is None else texts[1]
            raise self._too_long("the footer", text, "shorten the organization or audience name")
        return high, left, right

    def _refuse_too_many_rows(self, available: float, low: float) -> None:
        """Stop at once when the table has more rows than the paper holds at any size.

        Every row takes at least its padding and, when it has any text, one line: a table whose
        rows need more than the poster's height that way can never fit, and measuring its
        thousands of cells at every size first would only make the trainer wait.
        """
        if self.table is None:
            return
        size = low - 0.01  # the smallest size the layout tries
        line = size * 1.22 + 2 * size * 0.45
        spacing = 14 * self.scale * 0.5
        least = sum(
            spacing + (line if any(plain(cell).strip() for cell in row) else 0.0)
            for row in self.table.rows
        )
        if least <= available:
            return
        rows = len(self.table.rows)
        room = max(0, int(available // (line + spacing)))
        raise ContentError(
            [
                Problem(
                    None,
                    f"the poster's table has {rows:,} rows, too many for "
                    f"{paper.describe((self.width, self.height))}: even at the smallest legible "
                    f"size ({low:.0f} pt) at most {room} rows of one line fit",
                    "put a shorter table on the poster (poster: table in content/course.yaml), "
                    "or choose a larger size",
                )
            ]
        )

    def _too_long(
        self,
        what: str,
        text: str,
        hint: str = "shorten it in the content (poster: headline / subtitle)",
    ) -> ContentError:
        return ContentError(
            [
                Problem(
                    None,
                    f"{what} of the poster is too long for "
                    f"{paper.describe((self.width, self.height))}: '{text[:60]}'",
                    hint,
                    quote=text,
                )
            ]
        )

    def longest_text(self) -> str:
        return self.longest()[0]

    def longest(self) -> tuple[str, str]:
        """The longest cell or panel point: how a message names it, and its whole text."""
        candidates: list[tuple[int, str, str]] = []
        if self.table is not None:
            header = [plain(h) for h in self.table.header]
            for row in self.table.rows:
                label = plain(row[0]) if row else ""
                for i, cell in enumerate(row[1:], start=1):
                    column = header[i] if i < len(header) else f"column {i + 1}"
                    text = plain(cell)
                    candidates.append((len(text), f"the '{label}' cell under '{column}'", text))
        for point in self.panel_points:
            text = plain(point)
            candidates.append((len(text), f"the panel point '{text[:40]}...'", text))
        if not candidates:
            return "the headline", ""
        _, name, text = max(candidates)
        return name, text

    def table_layout(self, width: float, size: float) -> dict[str, Any]:
        if self.table is None:
            return {"height": 0.0, "rows": [], "widths": [], "split": []}
        table = self.table
        columns = max([len(table.header)] + [len(r) for r in table.rows])
        gap = 14 * self.scale
        label_w = width * 0.2 if columns > 2 else width * 0.3
        rest = (width - label_w - gap * (columns - 1)) / max(columns - 1, 1)
        widths = [label_w] + [rest] * (columns - 1)
        pad = size * 0.45
        # a little larger than the body, within the heading's largest and the body's floor
        head_size = max(self.size("body")[1], min(self.size("header")[0], size * 1.15))
        header_blocks = []
        for i, cell in enumerate(table.header):
            colour = self.ink.on_primary if i else self.ink.muted
            header_blocks.append(
                self.para(
                    markup(cell, self.ink.hex.primary),
                    widths[i] - 2 * pad,
                    self.style(head_size, bold=True, colour=colour),
                    rich=True,
                )
            )
        header_h = max(b.height for b in header_blocks) + 2 * pad
        # words wider than their column would be cut in two ("Supervisi/on"): not a fit
        split = [
            word
            for i, cell in enumerate(table.header)
            for word in plain(cell).split(" ")
            if stringWidth(word, self.heading.bold, head_size) > widths[i] - 2 * pad
        ]
        rows = []
        total = header_h
        for row in table.rows:
            blocks = []
            for i in range(columns):
                cell = row[i] if i < len(row) else ()
                face = self.heading.bold if i == 0 else self.font.regular
                split += [
                    w
                    for w in plain(cell).split(" ")
                    if stringWidth(w, face, size) > widths[i] - 2 * pad
                ]
                style = self.style(size, bold=(i == 0), colour=self.ink.primary if i == 0 else None)
                blocks.append(
                    self.para(
                        markup(cell, self.ink.hex.primary), widths[i] - 2 * pad, style, rich=True
                    )
                )
            h = max(b.height for b in blocks) + 2 * pad
            rows.append((blocks, h))
            total += h + gap * 0.5
        return {
            "height": total,
            "split": split,
            "rows": rows,
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
            self.panel_title,
            width - 2 * pad,
            self.style(title_size, bold=True, colour=self.ink.primary),
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

    def draw(self, c: Canvas, plan: dict[str, Any], bleed: float = 0.0) -> None:
        """Draw the poster with its trim box at (0, 0); bands run ``bleed`` past the trim."""
        W, H, m = self.width, self.height, self.margin
        ink = self.ink
        band = plan["band"]
        c.setFillColor(ink.paper)
        c.rect(-bleed, -bleed, W + 2 * bleed, H + 2 * bleed, stroke=0, fill=1)
        c.setFillColor(ink.primary)
        c.rect(-bleed, H - band, W + 2 * bleed, band + bleed, stroke=0, fill=1)
        c.setFillColor(ink.accent)
        c.rect(-bleed, H - band - 10 * self.scale, W + 2 * bleed, 10 * self.scale, stroke=0, fill=1)
        pad = 0.55 * 72 * self.scale
        y = H - pad
        head: _Block = plan["headline"]
        head.para.drawOn(c, m, y - head.height)
        y -= head.height + 0.15 * 72 * self.scale
        if plan["subtitle"] is not None:
            sub: _Block = plan["subtitle"]
            sub.para.drawOn(c, m, y - sub.height)

        # footer band
        footer_h = plan["footer_h"]
        c.setFillColor(ink.primary)
        c.rect(-bleed, -bleed, W + 2 * bleed, footer_h + bleed, stroke=0, fill=1)
        c.setFillColor(ink.on_primary)
        for lines, x, align in zip(plan["footer"], (m, W - m), ("left", "right"), strict=True):
            # centred on the band: the first baseline half the extra lines up
            first = footer_h / 2 + (len(lines.lines) - 1) * lines.leading / 2 - lines.size * 0.35
            lines.draw(c, x, first + lines.size, align)

        top = plan["top"]
        table = plan["table"]
        x0 = m
        if table["height"]:
            self.draw_table(c, table, x0, top)
        panel = plan["panel"]
        if panel["height"]:
            if plan["landscape"]:
                px, py = W - m - plan["panel_width"], top
            else:
                px, py = m, top - table["height"] - plan["gap"]
            self.draw_panel(c, panel, px, py, plan["panel_width"])
        if plan["note"] is not None:
            note: _Block = plan["note"]
            note.para.drawOn(c, m, plan["bottom"] + plan["gap"] * 0.4)

    def draw_table(self, c: Canvas, table: dict[str, Any], x: float, top: float) -> None:
        widths, pad, gap = table["widths"], table["pad"], table["gap"]
        names = self.column_colours
        xs = [x]
        for w in widths[:-1]:
            xs.append(xs[-1] + w + gap)
        header_h = table["header_h"]
        for i, block in enumerate(table["header"]):
            if i:
                name = names[i - 1] if i - 1 < len(names) else "primary"
                c.setFillColor(self.ink.named(name))
                c.roundRect(
                    xs[i], top - header_h, widths[i], header_h, 8 * self.scale, stroke=0, fill=1
                )
            block.para.drawOn(c, xs[i] + pad, top - pad - block.height)
        y = top - header_h - gap * 0.5
        for blocks, h in table["rows"]:
            for i, block in enumerate(blocks):
                if i:
                    name = names[i - 1] if i - 1 < len(names) else "primary"
                    c.setFillColor(tint(self.ink.named(name), 0.12))
                    c.roundRect(xs[i], y - h, widths[i], h, 6 * self.scale, stroke=0, fill=1)
                else:
                    c.setStrokeColor(self.ink.rule)
                    c.setLineWidth(1.5 * self.scale)
                    c.line(xs[0], y - h, xs[0] + widths[0], y - h)
                block.para.drawOn(c, xs[i] + pad, y - pad - block.height)
            y -= h + gap * 0.5

    def draw_panel(
        self, c: Canvas, panel: dict[str, Any], x: float, top: float, width: float
    ) -> None:
        h, pad = panel["height"], panel["pad"]
        c.setFillColor(self.ink.callout)
        c.roundRect(x, top - h, width, h, 10 * self.scale, stroke=0, fill=1)
        c.setFillColor(self.ink.accent)
        c.rect(x, top - h, 10 * self.scale, h, stroke=0, fill=1)
        y = top - pad
        title: _Block = panel["title"]
        title.para.drawOn(c, x + pad, y - title.height)
        y -= title.height + panel["spacing"] * 1.2
        for block in panel["points"]:
            size = block.para.style.fontSize
            c.setFillColor(self.ink.accent)
            c.circle(x + pad + size * 0.35, y - size * 0.62, size * 0.17, stroke=0, fill=1)
            block.para.drawOn(c, x + pad + panel["indent"], y - block.height)
            y -= block.height + panel["spacing"]


def _canvas(
    buffer: io.BytesIO, size: tuple[float, float], poster: _Poster, options: RenderOptions
) -> Canvas:
    """A stamped canvas; the file's title is the headline (what the poster says in large)."""
    meta = poster.meta
    stamp = Stamp(meta, options.generator, title=meta.headline)
    return stamp.canvas(poster.font.regular)(buffer, pagesize=size)


def _layout(
    document: Document, theme: Theme, options: RenderOptions
) -> tuple[_Poster, dict[str, Any], Document, tuple[str, ...]]:
    width, height = paper.size(options.poster_size, options.orientation)
    document, warnings = printable(document, [Fonts(theme.body_font), Fonts(theme.heading_font)])
    poster = _Poster(document, document_meta(document.meta), theme, width, height)
    return poster, poster.layout(), document, warnings


def render(document: Document, theme: Theme, options: RenderOptions) -> RenderResult:
    """One page at the poster's size; with bleed, TrimBox, BleedBox and crop marks."""
    poster, plan, document, warnings = _layout(document, theme, options)
    W, H = poster.width, poster.height
    bleed = paper.length(options.bleed) if options.bleed else 0.0
    slug = 0.5 * 72 if bleed else 0.0  # room outside the bleed for the crop marks
    offset = slug + bleed
    buffer = io.BytesIO()
    c = _canvas(buffer, (W + 2 * offset, H + 2 * offset), poster, options)
    if bleed:
        c.setTrimBox((offset, offset, offset + W, offset + H))
        c.setBleedBox((slug, slug, slug + W + 2 * bleed, slug + H + 2 * bleed))
    c.saveState()
    c.translate(offset, offset)
    poster.draw(c, plan, bleed)
    c.restoreState()
    if bleed:
        _crop_marks(c, offset, W, H, bleed, poster.ink.marks)
    c.showPage()
    c.save()
    return RenderResult(data=buffer.getvalue(), pages=1, warnings=warnings)


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


def render_tiles(document: Document, theme: Theme, options: RenderOptions) -> RenderResult:
    """The poster across office sheets: overlap, dashed cutting guides, a label on each."""
    poster, plan, document, warnings = _layout(document, theme, options)
    W, H = poster.width, poster.height
    sheet, cols, rows = tiling((W, H), options.tile or "letter")
    sw, sh = sheet
    area_w, area_h = sw - 2 * SHEET_MARGIN, sh - 2 * SHEET_MARGIN
    buffer = io.BytesIO()
    c = _canvas(buffer, sheet, poster, options)
    c.beginForm("poster", 0, 0, W, H)
    poster.draw(c, plan)
    c.endForm()
    total = cols * rows
    number = 0
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
            c.doForm("poster")
            c.restoreState()
            _guides(c, col, row, area_w, area_h, poster.ink.muted)
            where = f"row {row + 1} of {rows}, column {col + 1} of {cols}"
            about = f"{poster.meta.headline} ({poster.meta.audience})"
            label = f"Sheet {number} of {total}  \u00b7  {where}  \u00b7  {about}"
            floor = ROLES["footer"].floor
            lines = fit_lines(label, poster.font.regular, area_w, (8, floor), lines=1, most=2)
            if lines is None:
                raise poster._too_long("the headline", poster.meta.headline)
            c.setFillColor(poster.ink.muted)
            lines.draw(c, SHEET_MARGIN, SHEET_MARGIN - 14 + lines.size)
            hint = "Trim along the dashed lines; lay each sheet over the one to its left and above."
            c.setFont(poster.font.regular, 8)
            c.drawRightString(
                sw - SHEET_MARGIN,
                sh - SHEET_MARGIN + 6,
                hint if (row or col) else "Start here: top left.",
            )
            c.showPage()
    c.save()
    return RenderResult(data=buffer.getvalue(), pages=total, warnings=warnings)


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
