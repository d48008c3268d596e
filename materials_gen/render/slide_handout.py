"""The deck on paper: slides drawn as vector pictures from the same slides the deck has.

The slides come from the deck's own layout (``deck.slides_as_laid_out``): the same
continuation slides, the same numbers. Each is drawn as a small page of its own: the title,
its text (shrunk to fit the miniature), tables, columns and pictures. Two outputs: the
participants' slide handout (1, 2, 3 with ruled lines beside each, or 6 a page) and the
presenter's notes pages (one slide and its speaker notes a page).
"""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ..document import Document, plain
from ..theme import Theme
from . import RenderOptions, RenderResult
from .deck import slides_as_laid_out
from .pdf import PAPER, Fonts, long_date, printable, stamped_canvas
from .slides import Para, Run, Slide

MARGIN = 0.75 * inch


def _markup(runs: tuple[Run, ...]) -> str:
    out = []
    for run in runs:
        if run.line_break:
            out.append("<br/>")
            continue
        text = escape(run.text)
        if run.bold:
            text = f"<b>{text}</b>"
        if run.italic:
            text = f"<i>{text}</i>"
        out.append(text)
    return "".join(out)


class _SlidePicture(Flowable):
    """One slide, drawn to ``width`` with the deck's proportions."""

    def __init__(
        self, slide: Slide, number: int, size: tuple[float, float], width: float, kit: _Kit
    ):
        super().__init__()
        self.slide, self.number, self.kit = slide, number, kit
        self.scale = width / size[0]
        self.width, self.height = width, size[1] * self.scale

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def style(
        self, size: float, bold: bool = False, colour: Any = None, italic: bool = False
    ) -> ParagraphStyle:
        fonts = self.kit.fonts
        name = fonts.bold if bold else (fonts.italic if italic else fonts.regular)
        return ParagraphStyle(
            "s", fontName=name, fontSize=size, leading=size * 1.2, textColor=colour or self.kit.text
        )

    def fitted(
        self, paras: tuple[Para, ...], width: float, height: float, size: float
    ) -> list[Paragraph]:
        """Paragraphs for the text, at the largest size (from ``size`` down) that fits."""
        while True:
            out = []
            for para in paras:
                style = self.style(size, bold=para.heading)
                style.leftIndent = (para.level + (1 if para.bullet != "none" else 0)) * size * 1.1
                bullet = {"bullet": "\u2022", "number": f"{para.number}."}.get(para.bullet)
                if bullet:
                    style.bulletIndent = para.level * size * 1.1
                    style.bulletFontName = self.kit.fonts.regular
                    style.spaceBefore = size * 0.3
                out.append(Paragraph(_markup(para.runs), style, bulletText=bullet))
            total = sum(p.wrap(width, height)[1] + p.style.spaceBefore for p in out)
            if total <= height or size <= 2:
                return out
            size *= 0.9

    def draw(self) -> None:
        c, s, kit, slide = self.canv, self.scale, self.kit, self.slide
        w, h = self.width, self.height
        dark = slide.kind in ("title", "section")
        c.setFillColor(kit.primary if dark else colors.white)
        c.setStrokeColor(kit.rule)
        c.setLineWidth(0.75)
        c.rect(0, 0, w, h, stroke=1, fill=1)
        pad = 0.6 * 72 * s
        title_colour = colors.white if dark else kit.primary
        title_size = (44 if slide.kind == "title" else 40 if dark else 34) * s
        top = h - (h * 0.25 if dark else 0.35 * 72 * s)
        title = Paragraph(
            _markup(slide.title), self.style(title_size, bold=True, colour=title_colour)
        )
        _, title_h = title.wrap(w - 2 * pad, h)
        title.drawOn(c, pad, top - title_h)
        y = top - title_h - 0.3 * 72 * s
        c.setFillColor(kit.accent)
        c.rect(pad, y + 0.1 * 72 * s, 1.4 * 72 * s, 0.06 * 72 * s, stroke=0, fill=1)
        body_top, body_bottom = y - 0.1 * 72 * s, 0.55 * 72 * s
        area_w, area_h = w - 2 * pad, body_top - body_bottom
        if slide.table is not None:
            self.draw_table(pad, body_top, area_w, area_h)
        elif slide.columns:
            gap = 0.4 * 72 * s
            col_w = (area_w - gap) / 2
            for i, column in enumerate(slide.columns[:2]):
                self.draw_paras(column, pad + i * (col_w + gap), body_top, col_w, area_h, 24 * s)
        elif slide.figures and slide.figures[0].src in kit.images:
            reader = ImageReader(io.BytesIO(kit.images[slide.figures[0].src]))
            iw, ih = reader.getSize()
            k = min(area_w / iw, area_h / ih)
            c.drawImage(
                reader,
                pad + (area_w - iw * k) / 2,
                body_bottom + (area_h - ih * k) / 2,
                iw * k,
                ih * k,
            )
        else:
            colour = colors.white if dark else None
            size = (24 if dark else 36 if slide.kind in ("quote", "takeaway") else 28) * s
            self.draw_paras(slide.body, pad, body_top, area_w, area_h, size, colour)
        c.setFont(kit.fonts.regular, max(5, 11 * s))
        c.setFillColor(colors.white if dark else kit.muted)
        c.drawRightString(w - pad, 0.25 * 72 * s, str(self.number))

    def draw_paras(
        self,
        paras: tuple[Para, ...],
        x: float,
        top: float,
        width: float,
        height: float,
        size: float,
        colour: Any = None,
    ) -> None:
        for p in self.fitted(paras, width, height, size):
            if colour is not None:
                p.style.textColor = colour
            _, ph = p.wrap(width, height)
            top -= p.style.spaceBefore
            p.drawOn(self.canv, x, top - ph)
            top -= ph

    def draw_table(self, x: float, top: float, width: float, height: float) -> None:
        table = self.slide.table
        assert table is not None
        size = 18 * self.scale
        while True:
            cell = self.style(size)
            head = self.style(size, bold=True, colour=colors.white)
            rows = [[Paragraph(escape(plain(c)), head) for c in table.header]]
            rows += [[Paragraph(escape(plain(c)), cell) for c in row] for row in table.rows]
            columns = max(len(r) for r in rows)
            widths = [width * 0.2] + [width * 0.8 / max(columns - 1, 1)] * (columns - 1)
            grid = Table(rows, colWidths=widths[:columns])
            grid.setStyle(
                TableStyle(
                    [
                        ("FONTNAME", (0, 0), (-1, -1), self.kit.fonts.regular),
                        ("BACKGROUND", (0, 0), (-1, 0), self.kit.primary),
                        ("GRID", (0, 0), (-1, -1), 0.3, self.kit.rule),
                        ("TOPPADDING", (0, 0), (-1, -1), 1),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                        ("LEFTPADDING", (0, 0), (-1, -1), 2),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                    ]
                )
            )
            _, th = grid.wrap(width, height)
            if th <= height or size <= 2:
                grid.drawOn(self.canv, x, top - th)
                return
            size *= 0.9


class _Lines(Flowable):
    """Ruled lines for notes beside or under a slide."""

    def __init__(self, width: float, height: float, colour: Any, gap: float = 22):
        super().__init__()
        self.width, self.height, self.colour, self.gap = width, height, colour, gap

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.setStrokeColor(self.colour)
        self.canv.setLineWidth(0.6)
        y = self.height - self.gap
        while y > 0:
            self.canv.line(0, y, self.width, y)
            y -= self.gap


class _Kit:
    """Fonts, colours and pictures shared by every slide drawing."""

    def __init__(self, theme: Theme, images: dict[str, bytes]):
        self.fonts = Fonts(theme.body_font)
        c = theme.colors
        self.primary, self.accent = colors.HexColor(c.primary), colors.HexColor(c.accent)
        self.text, self.muted, self.rule = (
            colors.HexColor(c.text),
            colors.HexColor(c.muted),
            colors.HexColor(c.rule),
        )
        self.images = images


def _document(
    buffer: io.BytesIO,
    meta: dict[str, Any],
    pagesize: tuple[float, float],
    kit: _Kit,
    label: str,
    options: RenderOptions,
) -> BaseDocTemplate:
    footer = " \u00b7 ".join(
        str(x)
        for x in (
            meta.get("title"),
            meta.get("audience"),
            f"Version {meta.get('version')}",
            long_date(meta.get("date")),
        )
        if x
    )

    def decorate(canvas: Canvas, doc: BaseDocTemplate) -> None:
        width, height = pagesize
        canvas.saveState()
        canvas.setFont(kit.fonts.bold, 9)
        canvas.setFillColor(kit.primary)
        canvas.drawString(MARGIN, height - 0.5 * inch, str(meta.get("organization", "")))
        canvas.setFont(kit.fonts.regular, 9)
        canvas.setFillColor(kit.muted)
        canvas.drawRightString(width - MARGIN, height - 0.5 * inch, label)
        canvas.setFont(kit.fonts.regular, 8)
        canvas.drawString(MARGIN, 0.45 * inch, footer)
        canvas.drawRightString(width - MARGIN, 0.45 * inch, f"Page {doc.page}")
        canvas.restoreState()

    doc = BaseDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=0.75 * inch,
        bottomMargin=0.75 * inch,
        invariant=1,
        initialFontName=kit.fonts.regular,
        title=str(meta.get("title", "")),
        author=str(meta.get("organization", "")),
        subject=f"{label}: {meta.get('audience', '')}",
        creator=options.generator,
        producer=options.generator,
        lang=str(meta.get("language", "en-US")),
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="page")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=decorate)])
    return doc


def _prepare(document: Document, theme: Theme, options: RenderOptions) -> tuple[Any, ...]:
    fonts = Fonts(theme.body_font)
    document, warnings = printable(document, [fonts, Fonts(theme.heading_font)])
    slides, size = slides_as_laid_out(document, theme, options)
    return document, warnings, slides, size, _Kit(theme, options.images)


def _build(doc: BaseDocTemplate, story: list[Flowable], meta: dict[str, Any], fonts: Fonts) -> None:
    doc.build(story, canvasmaker=stamped_canvas(fonts.regular, meta.get("date")))


def render(document: Document, theme: Theme, options: RenderOptions) -> RenderResult:
    """The slide handout: 1, 2, 3 (with ruled lines beside each) or 6 slides a page."""
    document, warnings, slides, size, kit = _prepare(document, theme, options)
    pagesize = PAPER[options.paper]
    width = pagesize[0] - 2 * MARGIN
    height = pagesize[1] - 1.5 * inch
    per_page = options.per_page if options.per_page in (1, 2, 3, 6) else 3
    buffer = io.BytesIO()
    doc = _document(buffer, document.meta, pagesize, kit, "Slides", options)
    story: list[Flowable] = []
    for start in range(0, len(slides), per_page):
        group = list(enumerate(slides[start : start + per_page], start=start + 1))
        if per_page == 3:
            slide_w = width * 0.55
            rows = [
                [
                    _SlidePicture(s, n, size, slide_w, kit),
                    _Lines(width * 0.4, slide_w * size[1] / size[0], kit.rule),
                ]
                for n, s in group
            ]
            third = [(height - 12) / 3] * len(rows)
            grid = Table(rows, colWidths=[width * 0.58, width * 0.42], rowHeights=third)
        elif per_page == 6:
            slide_w = width * 0.47
            pictures = [_SlidePicture(s, n, size, slide_w, kit) for n, s in group]
            rows = [
                pictures[i : i + 2] + [Spacer(1, 1)] * (2 - len(pictures[i : i + 2]))
                for i in range(0, len(pictures), 2)
            ]
            third = [(height - 12) / 3] * len(rows)
            grid = Table(rows, colWidths=[width / 2] * 2, rowHeights=third)
        else:
            slide_w = width * (0.95 if per_page == 1 else 0.8)
            rows = []
            for n, s in group:
                picture = _SlidePicture(s, n, size, slide_w, kit)
                room = height / per_page - picture.height - 40
                rows.append([picture])
                if per_page == 1 and room > 40:
                    rows.append([_Lines(slide_w, room, kit.rule)])
            grid = Table(rows, colWidths=[width])
        grid.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), kit.fonts.regular),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        story += [grid, PageBreak()]
    _build(doc, story[:-1], document.meta, kit.fonts)
    pages = -(-len(slides) // per_page)
    return RenderResult(data=buffer.getvalue(), pages=pages, warnings=warnings)


def render_notes(document: Document, theme: Theme, options: RenderOptions) -> RenderResult:
    """Notes pages: each slide, and under it what to say."""
    document, warnings, slides, size, kit = _prepare(document, theme, options)
    pagesize = PAPER[options.paper]
    width = pagesize[0] - 2 * MARGIN
    buffer = io.BytesIO()
    doc = _document(buffer, document.meta, pagesize, kit, "Notes pages", options)
    note_style = ParagraphStyle(
        "notes",
        fontName=kit.fonts.regular,
        fontSize=11,
        leading=15,
        textColor=kit.text,
        spaceAfter=6,
    )
    story: list[Flowable] = []
    for number, slide in enumerate(slides, start=1):
        story.append(_SlidePicture(slide, number, size, width * 0.85, kit))
        story.append(Spacer(1, 14))
        for line in (slide.notes or "(No notes for this slide.)").split("\n"):
            if line.strip():
                story.append(Paragraph(escape(line), note_style))
        story.append(PageBreak())
    _build(doc, story[:-1], document.meta, kit.fonts)
    return RenderResult(data=buffer.getvalue(), pages=doc.page, warnings=warnings)
