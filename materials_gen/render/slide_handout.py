"""The deck on paper: each slide drawn from the laid-out deck, as it is projected.

The slides are those of :func:`layout.lay_out`, the same data the PowerPoint writer reads:
the same continuation slides, numbers, boxes and fitted sizes, in the deck template's own
geometry, colours, backgrounds and drawn shapes (an organisation's template included). Each
slide is drawn as vector graphics, scaled to its place on the page. Two outputs: the
participants' slide handout (1, 2, 3 with ruled lines beside each, or 6 a page) and the
presenter's notes pages (one slide and its speaker notes a page).

Both are stamped like every PDF (:class:`pdf.Stamp`) from the deck's checked metadata
(:func:`deck.deck_meta`), the same the deck's document properties come from: title, author,
subject, language and date agree across the three files. The page around the slides (header,
footer, ruled lines, frames) is drawn in the theme's palette; the slides in the template's.
"""

from __future__ import annotations

import dataclasses
import io
import math
import re
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import nullcontext
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
    KeepTogether,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from ..document import Document, followable
from ..errors import ContentError, Problem
from ..fit import LINE, ROLES, Para, SetLine, hanging, indent_pt, largest_size, space_before
from ..glyphs import (
    RIGHT_TO_LEFT,
    SUBSTITUTE,
    draw_line,
    draw_string,
    invisible,
    right_to_left,
    undrawable,
    writing,
)
from ..glyphs import width as text_width
from ..i18n import label
from ..meta import DocumentMeta
from ..reading_order import ISOLATE_CHARS
from ..theme import Theme
from . import RenderOptions, RenderResult
from .deck import deck_meta
from .layout import (
    STACKED,
    Decoration,
    Fill,
    LaidOutDeck,
    LaidOutSlide,
    Picture,
    Rect,
    TextBox,
    lay_out,
    numbers_slide,
)
from .pdf import (
    PAPER,
    Fonts,
    FooterDrawer,
    Paragraph,
    PdfPalette,
    Stamp,
    fit_lines,
    running_footer,
)
from .printed_pictures import for_print
from .tagging import Element, Structure, finish, note_link, spoken, tag_story

MARGIN = 0.75 * inch
HEADER_SIZE = 9
FOOTER_SIZE = 8
BASELINE = 0.45 * inch  # the page label's, at the foot of every page


class _Kit:
    """Fonts, page colours and the characters the fonts cannot draw, shared by every page."""

    def __init__(
        self, theme: Theme, laid: LaidOutDeck, meta: DocumentMeta, printing: str = "colour"
    ):
        self.page_fonts = Fonts(theme.body_font)  # the page around the slides
        self.fonts = Fonts(laid.body_font or theme.body_font)  # the slides, as fitted
        self.heading_fonts = Fonts(laid.heading_font or theme.heading_font)
        # the fonts of footers and slide numbers whose placeholders name one of their own
        self.footer_faces = [Fonts(family) for family in laid.footer_fonts]
        # the page around the slides; in black and white (``ink.monochrome``) the slides
        # too print as a printer's "pure black and white" does: no background, fills or
        # template artwork, every text black, pictures kept
        self.ink = PdfPalette.of(theme.palette_for(printing))
        self.language = meta.language  # which CJK face draws Han characters
        self.substitutes, self.warnings = self._substitutes(laid, meta)

    def _substitutes(
        self, laid: LaidOutDeck, meta: DocumentMeta
    ) -> tuple[dict[int, str], tuple[str, ...]]:
        """A printed page must not show an empty box for a character no font can draw:
        each becomes a visible '?' (the build warns once, naming its source line: see
        :func:`materials_gen.glyphs.unprintable`). A character the theme's fonts lack but a
        shipped face has (Chinese, Japanese, Korean) is drawn in that face."""
        texts = [meta.title_line, meta.organization, meta.page_label(1, 1)]
        for slide in laid.slides:
            texts.append(slide.notes)
            texts.extend(box.text for box in _boxes(slide))
            if slide.table is not None:
                texts.extend(p.text for row in slide.table.cells for p in row)
        text = "".join(set("".join(texts)))  # each character once
        fonts = (self.page_fonts, self.fonts, self.heading_fonts, *self.footer_faces)
        missing = undrawable(text, [f.regular for f in fonts] + [f.bold for f in fonts])
        # (the directional isolates that keep a footer's parts whole are drawn as nothing
        # by the drawing code itself, after they have set the line's order)
        missing -= ISOLATE_CHARS
        return {ord(c): "" if invisible(c) else SUBSTITUTE for c in missing}, ()

    def clean(self, text: str) -> str:
        return text.translate(self.substitutes) if self.substitutes else text


TITLES = ("title", "section-title", "slide-title")  # a slide's heading, read first
# vertical text whose lines run from the box's left to its right: from its turned frame's foot
_UPSIDE = ("mongolianVert", "wordArtVert")
_EAST = ("eaVert", "mongolianVert")  # East Asian vertical text: its characters upright


def _wide(character: str) -> bool:
    """Whether a character stands upright in East Asian vertical text (Chinese, Japanese
    and Korean characters, and full-width forms)."""
    return unicodedata.east_asian_width(character) in ("W", "F")


def _shapes_shared(laid: LaidOutDeck, canvas: Canvas) -> set[int]:
    """The master's and layouts' shapes (by id) that more than one slide of ``laid`` shows
    as they are (none that numbers its slide), found once a document."""
    kept: dict[int, tuple[LaidOutDeck, set[int]]] = canvas.__dict__.setdefault(
        "_mg_shared_shapes", {}
    )
    found = kept.get(id(laid))
    if found is None:
        seen: set[int] = set()
        twice: set[int] = set()
        for slide in laid.slides:
            for decoration in slide.decorations:
                key = id(decoration)
                (twice if key in seen else seen).add(key)
        numbered = {id(d) for s in laid.slides for d in s.decorations if numbers_slide(d)}
        found = kept[id(laid)] = (laid, twice - numbered)
    return found[1]


_SEE_THROUGH = re.compile("#[0-9A-Fa-f]{8}")


def _page_only(drawn: object, canvas: Canvas | None = None) -> bool:
    """Whether ``drawn`` (a shape, a background, anything of theirs) must be drawn on the
    page itself, not in a form that many pages show: ReportLab gives a form no resources
    but its pictures and fonts, so a gradient (a shading) or anything see-through (a colour
    with an alpha below FF, a faded picture: a graphics state) drawn in one is lost, and
    the PDF names what it does not hold. Every colour and picture it holds is looked at,
    however deep (its outline, its text's colours, a placeholder's own fill). Found once a
    document for each shape (``canvas``: the document's)."""
    if canvas is not None:
        known: dict[int, tuple[object, bool]] = canvas.__dict__.setdefault("_mg_page_only", {})
        if id(drawn) not in known:  # the object kept with it, so that no other takes its id
            known[id(drawn)] = (drawn, _page_only(drawn))
        return known[id(drawn)][1]
    seen: list[object] = [drawn]
    while seen:
        item = seen.pop()
        if isinstance(item, str):
            if _SEE_THROUGH.fullmatch(item) and item[7:].upper() != "FF":
                return True
        elif isinstance(item, Fill):
            if item.stops:
                return True
            seen.extend((item.colour, item.picture))
        elif isinstance(item, Picture):
            if item.alpha < 1:
                return True
        elif isinstance(item, Para):
            continue  # words, not colours
        elif isinstance(item, (tuple, list, frozenset)):
            seen.extend(item)
        elif dataclasses.is_dataclass(item) and not isinstance(item, type):
            seen.extend(getattr(item, f.name) for f in dataclasses.fields(item) if f.name != "xml")
    return False


def _boxes(slide: LaidOutSlide) -> list[TextBox]:
    extra = [b for b in (slide.footer, slide.slide_number) if b is not None]
    return [*slide.boxes, *extra]


def _colour(value: str) -> colors.Color:
    """A laid-out deck's colour (the template's, as #RRGGBB, or #RRGGBBAA when see-through)
    as ReportLab's."""
    return colors.HexColor(value, hasAlpha=len(value) == 9)


class _SlidePicture(Flowable):
    """One laid-out slide, drawn ``width`` points wide in the deck's proportions."""

    def __init__(self, slide: LaidOutSlide, laid: LaidOutDeck, width: float, kit: _Kit):
        super().__init__()
        self.slide, self.laid, self.kit = slide, laid, kit
        self.structure: Structure | None = None  # tagged: the slide is a section of it
        self.elements: dict[int, Element] = {}  # each part's element, by id
        # the elements of the paragraphs of a box of several, by the box's id and their index
        self.paragraph_elements: dict[tuple[int, int], Element] = {}
        self.scale = width / laid.width
        self.width, self.height = width, laid.height * self.scale
        # told the page each slide is drawn on (notes pages name the slide a page continues)
        self.drawn: Callable[[int, int], None] | None = None

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def tag_with(self, structure: Structure, parent: Element) -> None:
        """Tagged: a section per slide, its title first, then its text, its table and its
        pictures in reading order (whatever order they are drawn in); backgrounds,
        decorations, footers and the frame are artifacts."""
        slide = self.slide
        self.structure = structure
        section = parent.add("Sect", title=label("Slide {number}", number=slide.number))
        for box in sorted(slide.boxes, key=lambda b: b.role not in TITLES):
            if box.role in TITLES or len(box.paras) < 2:
                element = section.add("H1" if box.role in TITLES else "P")
                spoken(element, " ".join(p.text for p in box.paras))
                self.elements[id(box)] = element
                continue
            # a box of several paragraphs (points, a subtitle's lines): a paragraph each
            group = section.add("Div")
            for index, para in enumerate(box.paras):
                element = self.paragraph_elements[id(box), index] = group.add("P")
                spoken(element, para.text)
        if slide.table is not None:
            self.elements[id(slide.table)] = section.add("Table")
        for picture in slide.pictures:
            if picture.alt:
                self.elements[id(picture)] = section.add("Figure", alt=picture.alt)

    def _as(self, part: Any) -> Any:
        """Draw what follows as the element of ``part`` (an artifact when it has none)."""
        if self.structure is None:
            return nullcontext()
        element = self.elements.get(id(part))
        if element is None:
            return self.structure.artifact(self.canv)
        return self.structure.marked(self.canv, element)

    def draw(self) -> None:
        slide = self.slide
        if self.drawn is not None:
            self.drawn(self.canv.getPageNumber(), slide.number)
        with self._as(None):
            self._draw_background()
        if slide.table is not None:
            self._clipped(self.table)
        for picture in slide.pictures:
            with self._as(picture):
                self._clipped(
                    lambda picture=picture: self.picture(picture.rect, Picture(picture.data))
                )
        for box in _boxes(slide):
            framed = box.placeholder is not None and (box.style.fill or box.style.outline)
            if framed and not self.kit.ink.monochrome:  # its placeholder's band, behind it
                with self._as(None):
                    self._clipped(lambda box=box: self.draw_shape(_frame_of(box)))
            if (id(box), 0) in self.paragraph_elements:  # marked paragraph by paragraph
                self._clipped(lambda box=box: self.text(box))
                continue
            with self._as(box):
                self._clipped(lambda box=box: self.text(box))
        with self._as(None):
            c = self.canv
            c.setStrokeColor(self.kit.ink.rule)
            c.setLineWidth(0.75)
            c.rect(0, 0, self.width, self.height, stroke=1, fill=0)

    def _clipped(self, draw: Any) -> None:
        """Draw in slide points, clipped to the slide."""
        c = self.canv
        c.saveState()
        c.scale(self.scale, self.scale)
        frame = c.beginPath()
        frame.rect(0, 0, self.laid.width, self.laid.height)
        c.clipPath(frame, stroke=0, fill=0)
        draw()
        c.restoreState()

    def _draw_background(self) -> None:
        """The slide's background and its layout's and master's shapes, each with its text
        (in black and white, the text alone: a bar's white words print black)."""
        c, slide = self.canv, self.slide
        monochrome = self.kit.ink.monochrome
        if monochrome and not any(d.text is not None for d in slide.decorations):
            return
        c.saveState()
        c.scale(self.scale, self.scale)  # from here on, slide points
        frame = c.beginPath()
        frame.rect(0, 0, self.laid.width, self.laid.height)
        c.clipPath(frame, stroke=0, fill=0)
        # what the slides of a layout show alike (its background, and the master's and
        # layout's shapes up to the first that is the slide's own: its title's rule, a shape
        # that numbers it) is drawn once, as a form each of them shows: a master of hundreds
        # of shapes drawn anew on each of thousands of slides took gigabytes and an hour
        # (what a form cannot carry is left out of it, see _page_only)
        alike = _shapes_shared(self.laid, c)
        shared = 0
        decorations = slide.decorations
        while (
            shared < len(decorations)
            and id(decorations[shared]) in alike
            and not _page_only(decorations[shared], c)
        ):
            shared += 1
        background = slide.background
        if _page_only(background):  # drawn on the page, under the form
            self._draw_decorations(background, ())
            background = None
        key = (monochrome, id(background), *map(id, decorations[:shared]))
        forms: dict[tuple[Any, ...], tuple[str, Any]] = c.__dict__.setdefault("_mg_forms", {})
        if key not in forms:
            name = f"SlideBackground{len(forms) + 1}"
            # the objects named by id kept with it, so that no other can take their ids
            forms[key] = (name, (background, decorations[:shared]))
            c.beginForm(name, 0, 0, self.laid.width, self.laid.height)
            self._draw_decorations(background, decorations[:shared])
            c.endForm()
        c.doForm(forms[key][0])
        self._draw_decorations(None, decorations[shared:])
        c.restoreState()

    def _draw_decorations(self, background: Any, decorations: tuple[Decoration, ...]) -> None:
        monochrome = self.kit.ink.monochrome
        if background is not None and not monochrome:
            self.paint(Rect(0, 0, self.laid.width, self.laid.height), background)
        for decoration in decorations:
            if not monochrome:
                self.draw_shape(decoration)
            if decoration.text is not None:
                self.shape_text(decoration, decoration.text)

    def shape_text(self, shape: Decoration, box: TextBox) -> None:
        """A template shape's text, turned with its shape about the shape's centre; never
        mirrored, but upside down in a shape flipped top to bottom, as PowerPoint has it."""
        self.canv.saveState()
        self.turn(shape)
        if shape.mirror[1]:
            self.turn_about(shape.rect, 180)
        self.text(box)
        self.canv.restoreState()

    def turn(self, shape: Decoration) -> None:
        """Turn the canvas as ``shape`` is turned: clockwise about its centre on the slide,
        whose y runs down."""
        if shape.rotation:
            self.turn_about(shape.rect, shape.rotation)

    def turn_about(
        self, r: Rect, degrees: float, mirror: tuple[bool, bool] = (False, False)
    ) -> None:
        """Turn the canvas ``degrees`` clockwise about the centre of ``r`` (slide points),
        after mirroring it there as ``mirror`` says (left to right, top to bottom)."""
        c = self.canv
        cx, cy = r.x + r.width / 2, self.y(r.y + r.height / 2)
        c.translate(cx, cy)
        if degrees:
            c.rotate(-degrees)
        if any(mirror):
            c.scale(-1 if mirror[0] else 1, -1 if mirror[1] else 1)
        c.translate(-cx, -cy)

    def draw_shape(self, shape: Decoration) -> None:
        """A layout's or master's shape: turned about its centre, cut to its shape, filled
        and outlined as the template draws it; a line from corner to corner."""
        plain = shape.shape == "rect" and not shape.rotation and shape.outline is None
        fill = shape.fill
        # a picture or a gradient shows which way its shape is flipped
        mirrored = any(shape.mirror) and (fill.stops or fill.picture is not None)
        if plain and not mirrored:
            self.paint(shape.rect, shape.fill)
            return
        c, r = self.canv, shape.rect
        c.saveState()
        self.turn(shape)
        if shape.dash:
            c.setDash(list(shape.dash))
        if shape.shape == "line":
            if shape.outline is not None:
                self.stroke(shape.outline)
                x0, x1 = (r.x + r.width, r.x) if shape.flip else (r.x, r.x + r.width)
                start, end = (x0, self.y(r.y)), (x1, self.y(r.bottom))
                c.line(*start, *end)
                c.setDash([])
                for kind, tip, tail in ((shape.ends[0], start, end), (shape.ends[1], end, start)):
                    if kind:
                        self.arrowhead(kind, tip, tail, shape.outline)
            c.restoreState()
            return
        if fill.colour or fill.stops or fill.picture is not None:
            c.saveState()
            c.clipPath(self.outline_path(shape), stroke=0, fill=0)
            if mirrored:
                self.turn_about(r, 0, shape.mirror)
            self.paint(r, fill)
            c.restoreState()
        if shape.outline is not None:
            self.stroke(shape.outline)
            c.drawPath(self.outline_path(shape), stroke=1, fill=0)
        c.restoreState()

    def arrowhead(
        self,
        kind: str,
        tip: tuple[float, float],
        towards: tuple[float, float],
        outline: tuple[str, float],
    ) -> None:
        """A line's end as PowerPoint draws it at its middle size (three line widths): an
        arrow pointing at ``tip`` away from ``towards``, or a dot or diamond on it."""
        c = self.canv
        colour, width = outline
        size = max(3 * width, 3.0)
        angle = math.atan2(tip[1] - towards[1], tip[0] - towards[0])
        c.setFillColor(_colour(colour))
        if kind == "oval":
            c.circle(tip[0], tip[1], size / 2, stroke=0, fill=1)
            return
        ux, uy = math.cos(angle), math.sin(angle)
        back = (tip[0] - ux * size, tip[1] - uy * size)
        side = (-uy * size / 2, ux * size / 2)
        path = c.beginPath()
        if kind == "diamond":
            mid = (tip[0] - ux * size / 2, tip[1] - uy * size / 2)
            front = (mid[0] + ux * size / 2, mid[1] + uy * size / 2)
            path.moveTo(*front)
            path.lineTo(mid[0] + side[0], mid[1] + side[1])
            path.lineTo(*back)
            path.lineTo(mid[0] - side[0], mid[1] - side[1])
        else:  # triangle, stealth, arrow
            path.moveTo(*tip)
            path.lineTo(back[0] + side[0], back[1] + side[1])
            path.lineTo(back[0] - side[0], back[1] - side[1])
        path.close()
        c.drawPath(path, stroke=0, fill=1)

    def stroke(self, outline: tuple[str, float]) -> None:
        colour, width = outline
        self.canv.setStrokeColor(_colour(colour))
        self.canv.setLineWidth(width)

    def outline_path(self, shape: Decoration) -> Any:
        """The path of a shape's edge, in page coordinates."""
        r = shape.rect
        path = self.canv.beginPath()
        x, y = r.x, self.y(r.bottom)
        if shape.shape == "ellipse":
            path.ellipse(x, y, r.width, r.height)
        elif shape.shape == "roundRect":  # Office's default corner: a sixth of the short side
            path.roundRect(x, y, r.width, r.height, min(r.width, r.height) / 6)
        elif shape.shape == "path" and shape.outline_points:
            for figure in shape.outline_points:
                (fx, fy), rest = figure[0], figure[1:]
                path.moveTo(r.x + fx * r.width, self.y(r.y + fy * r.height))
                for fx, fy in rest:
                    path.lineTo(r.x + fx * r.width, self.y(r.y + fy * r.height))
                path.close()
        else:
            path.rect(x, y, r.width, r.height)
        return path

    def paint(self, rect: Rect, fill: Fill) -> None:
        """``rect`` filled as the template fills it: a colour, a gradient or a picture."""
        if fill.stops:
            self.gradient(rect, fill)
        else:
            self.fill(rect, fill.colour)
        if fill.picture is not None:
            self.picture(rect, fill.picture)

    def gradient(self, rect: Rect, fill: Fill) -> None:
        """A gradient over ``rect``: linear, at the template's angle (clockwise from left to
        right on the slide), from its first to its last stop; or outward from its centre to
        the farthest corner."""
        c = self.canv
        colours = [_colour(colour) for _, colour in fill.stops]
        positions = [position for position, _ in fill.stops]
        c.saveState()
        path = c.beginPath()
        path.rect(rect.x, self.y(rect.bottom), rect.width, rect.height)
        c.clipPath(path, stroke=0, fill=0)
        if fill.centre is not None:
            cx = rect.x + fill.centre[0] * rect.width
            cy = rect.y + fill.centre[1] * rect.height
            reach = max(
                math.hypot(x - cx, y - cy)
                for x in (rect.x, rect.x + rect.width)
                for y in (rect.y, rect.bottom)
            )
            c.radialGradient(cx, self.y(cy), max(reach, 0.1), colours, positions, extend=True)
        else:
            turn = math.radians(fill.angle)
            dx, dy = math.cos(turn), -math.sin(turn)  # the slide's y runs down, the page's up
            half = (abs(rect.width * dx) + abs(rect.height * dy)) / 2
            cx, cy = rect.x + rect.width / 2, self.y(rect.y + rect.height / 2)
            start, end = (cx - dx * half, cy - dy * half), (cx + dx * half, cy + dy * half)
            c.linearGradient(*start, *end, colours, positions, extend=True)
        c.restoreState()

    def ink(self, colour: str) -> colors.Color:
        """A template colour as printed: itself, or black in black and white."""
        return self.kit.ink.text if self.kit.ink.monochrome else _colour(colour)

    def y(self, top: float) -> float:
        """PDF's y (from the bottom) of a slide's y (from the top)."""
        return self.laid.height - top

    def fill(self, rect: Rect, colour: str | None) -> None:
        if colour is None:
            return
        c = self.canv
        see_through = len(colour) == 9  # its alpha goes no further than this rectangle
        if see_through:
            c.saveState()
        c.setFillColor(_colour(colour))
        c.rect(rect.x, self.y(rect.bottom), rect.width, rect.height, stroke=0, fill=1)
        if see_through:
            c.restoreState()

    def picture(self, rect: Rect, picture: Picture) -> None:
        """A picture over ``rect``: stretched, or repeated at its own size (96 pixels an
        inch) when the template tiles it; cropped and faded as the template says."""
        try:
            if picture.tile:  # repeated at its own size: drawn as it is
                reader = ImageReader(io.BytesIO(for_print(picture.data, 0, 0, picture.crop)))
            else:  # at most the pixels paper needs, at the size it is printed
                size = (rect.width * self.scale, rect.height * self.scale)
                reader = ImageReader(io.BytesIO(for_print(picture.data, *size, picture.crop)))
        except Exception:  # noqa: BLE001 - a template picture ReportLab cannot read is left out
            return
        c = self.canv
        c.saveState()
        if picture.alpha < 1:
            c.setFillAlpha(picture.alpha)
        places = [(rect.x, rect.y, rect.width, rect.height)]
        if picture.tile:
            w, h = (size * 72 / 96 * picture.tile for size in reader.getSize())
            path = c.beginPath()
            path.rect(rect.x, self.y(rect.bottom), rect.width, rect.height)
            c.clipPath(path, stroke=0, fill=0)
            across, down = math.ceil(rect.width / w), math.ceil(rect.height / h)
            if across * down <= 400:  # a tiny tile is drawn stretched instead
                places = [
                    (rect.x + i * w, rect.y + j * h, w, h)
                    for j in range(down)
                    for i in range(across)
                ]
        for x, y, w, h in places:
            c.drawImage(reader, x, self.y(y + h), w, h, mask="auto")
        c.restoreState()

    def text(self, box: TextBox) -> None:
        """The box's paragraphs, line by line as they were fitted (never wrapped again):
        vertical text, and a turned placeholder's, turned with its frame about the box's
        centre."""
        style = box.style
        frame = style.frame(box.rect)  # turned back about its centre for vertical text
        angle = style.turn + style.rotation  # vertical text, in a placeholder turned or not
        if not angle % 360:
            self.set_text(box, *frame)
            return
        self.canv.saveState()
        self.turn_about(box.rect, angle)
        self.set_text(box, *frame)
        self.canv.restoreState()

    def set_text(self, box: TextBox, rect: Rect, insets: tuple[float, float, float, float]) -> None:
        """The box's paragraphs in ``rect`` (its frame: the box, or turned back for vertical
        text) inside ``insets``: in columns when the template sets it in several, the lines
        from the frame's bottom up (the box's left to right) for "mongolianVert" and
        "wordArtVert"."""
        style = box.style
        left, top, right, bottom = insets
        width = rect.width - left - right
        room = rect.height - top - bottom
        size = box.size
        gap = space_before(size)
        total = sum(len(lines) for lines in box.lines) * size * LINE + gap * (len(box.lines) - 1)
        y = rect.y + top
        # in columns, from the top of the first to the foot of each, then the next
        flowing = style.columns > 1 and total > room
        if style.anchor == "ctr" and not flowing:
            y += (room - total) / 2
        elif style.anchor == "b" and not flowing:
            y += room - total
        width, spacing = style.columns_of(width)
        places = self.places(box, rect.y + top, room, y, width + spacing if flowing else 0)
        if style.vertical in _UPSIDE:  # lines from the frame's foot: mirrored in it
            area = 2 * (rect.y + top) + room - size * LINE
            places = [[(dx, area - at) for dx, at in lines] for lines in places]
        upright = "all" if style.vertical in STACKED else "wide" if style.vertical in _EAST else ""
        role = ROLES.get(box.role)
        family = self.kit.heading_fonts if role and role.font == "heading" else self.kit.fonts
        mark = family.regular  # a paragraph's bullet: in the face its text is set in
        if role and role.font == "footer":  # (its placeholder's own: see layout)
            drawn = (font for lines in box.lines for line in lines for _, font in line.pieces)
            mark = next(drawn, mark)
        for index, (para, lines) in enumerate(zip(box.paras, box.lines, strict=True)):
            if index:
                y += gap
            element = self.paragraph_elements.get((id(box), index))
            colour = style.heading_colour if para.heading else style.look(para.level).colour
            with self.structure.marked(self.canv, element) if element else nullcontext():
                self.lines(
                    para,
                    lines,
                    rect.x + left,
                    y,
                    width,
                    size,
                    mark,
                    (colour, style.bullet_colour),
                    style.align,
                    style.bullets,
                    places[index] if places else None,
                    upright,
                    style.turn,
                )
            y += len(lines) * size * LINE

    def places(
        self, box: TextBox, top: float, room: float, start: float, step: float
    ) -> list[list[tuple[float, float]]]:
        """Where each line of each paragraph of ``box`` starts (how far right of the
        text's left side, and its top), flowing into the next column, ``step`` further
        right, at the foot of each (``step`` 0: one column, from ``start``); none when every
        line is simply under the one before (one column, read top to bottom)."""
        style = box.style
        if not step and style.vertical not in _UPSIDE:
            return []
        size = box.size
        height, gap = size * LINE, space_before(size)
        column, y = 0, start
        out: list[list[tuple[float, float]]] = []
        for index, lines in enumerate(box.lines):
            if index and (not step or y > top):  # its space before, except atop a column
                y += gap
            placed = []
            for _ in lines:
                if step and y > top and y + height > top + room + 0.01:
                    column, y = column + 1, top
                placed.append((column * step, y))
                y += height
            out.append(placed)
        return out

    def lines(
        self,
        para: Para,
        lines: tuple[SetLine, ...],
        x: float,
        top: float,
        width: float,
        size: float,
        bullet_font: str,
        colours: tuple[str, str],
        align: str = "l",
        bullets: tuple[str, ...] = ("\u2022",) * 9,
        places: list[tuple[float, float]] | None = None,
        upright: str = "",
        turn: float = 0.0,
        links_as_text: bool = False,
    ) -> None:
        """One paragraph's lines, the first baseline one size below ``top`` (slide points);
        a bulleted one after the mark ``bullets`` gives for its level (none: ""). Each line
        starts at its place in ``places`` (how far right of ``x``, and its top) when given;
        with ``upright``, in text turned ``turn`` degrees, Chinese, Japanese and Korean
        characters ("wide") or every letter ("all", stacked) stand upright. With
        ``links_as_text``, links are in the text's colour, as the deck writes them there
        (a table's header row: see deck.LINK_AS_TEXT)."""
        c, language = self.canv, self.kit.language
        at_line = places or [(0.0, top + n * size * LINE) for n in range(len(lines))]
        indent = indent_pt(para, size)
        # a paragraph that reads from the right is set as the deck sets it: from the box's
        # right side, its bullet on the right (mirrored)
        written = "".join(text for line in lines for text, _ in line.pieces)
        rtl = RIGHT_TO_LEFT.search(written) is not None and right_to_left(written)
        if rtl and align == "l":
            align = "r"
        marks = {"bullet": bullets[min(para.level, 8)], "number": f"{para.number}."}
        bullet = marks.get(para.bullet) if para.mark else None  # the template's, or none

        def aligned(line: SetLine) -> float:
            """How far right of the box's start (less its indent) the line starts."""
            if align not in ("ctr", "r"):
                return 0.0
            if upright == "all":
                drawn = len(line.text) * size * LINE
            else:
                drawn = sum(text_width(text, font, size) for text, font in line.pieces)
            spare = width - indent - drawn
            return spare / 2 if align == "ctr" else spare

        if bullet and lines:
            c.setFillColor(self.ink(colours[1]))
            shift, first = at_line[0]
            y = self.y(first + size)
            # a mark wider than its hanging space ("10.", "100.") hangs further out, a
            # quarter em clear of the text; a space after it keeps it a word of its own in
            # the text a reader or a search gets ("1. Welcome", not "1.Welcome"). In
            # centred (or right-aligned) text it stays just before its first line, as
            # PowerPoint draws it, not at the box's side
            out = max(hanging(para, size), text_width(bullet, bullet_font, size) + size / 4)
            moved = aligned(lines[0])
            if rtl:  # set from the right: centred, its line ends short of the box's side
                start = x + shift + width - indent + out - (0.0 if align == "r" else moved)
                draw_string(c, start, y, f" {bullet}", bullet_font, size, "right", language)
            else:
                start = x + shift + indent - out + moved
                draw_string(c, start, y, f"{bullet} ", bullet_font, size, language=language)
        c.setFillColor(self.ink(colours[0]))
        links = _LinkWords(para)
        for line, (shift, line_top) in zip(lines, at_line, strict=True):
            pieces = [(self.kit.clean(text), font) for text, font in line.pieces]
            if line.at_space and pieces:  # the space the line broke at, for text extraction
                pieces[-1] = (pieces[-1][0] + " ", pieces[-1][1])
            at = x + shift + (0 if rtl else indent) + aligned(line)
            baseline = self.y(line_top + size)
            numbers = links.numbered(line.links or ("",))  # (a line of no link ends one)
            if upright and (upright == "all" or any(map(_wide, line.text))):
                self.upright(at, baseline, pieces, size, upright == "all", turn)
            elif line.links and not rtl:
                self.linked(at, baseline, pieces, line.links, size, colours[0], links_as_text)
                self.clickable(at, baseline, pieces, line.links, size, links, numbers)
            else:
                draw_line(c, at, baseline, pieces, size, language, rtl=rtl)
            if line.struck and not rtl and not upright:
                self.struck(at, baseline, pieces, line.struck, size, colours[0])

    def struck(
        self,
        x: float,
        baseline: float,
        pieces: list[tuple[str, str]],
        struck: tuple[bool, ...],
        size: float,
        colour: str,
    ) -> None:
        """A line through the pieces struck through, as the deck draws them: across the
        middle of their small letters, in the text's colour."""
        self.ruled(x, baseline + size * 0.28, pieces, struck, size, self.ink(colour))

    def linked(
        self,
        x: float,
        baseline: float,
        pieces: list[tuple[str, str]],
        links: tuple[str, ...],
        size: float,
        colour: str,
        as_text: bool = False,
    ) -> None:
        """A line some of whose words are a link's, drawn as the deck shows a link: in the
        template's link colour (its theme's "hlink"; ``as_text``: in ``colour``, as the deck
        writes a link in a table's header row), underlined, and followed when clicked (as
        the deck's is: the printed slides' links were drawn as links but went nowhere); the
        others in ``colour``."""
        c = self.canv
        text = self.ink(colour)
        link = text if as_text else self.ink(self.laid.colour("hlink", colour))
        fills = [link if f else text for f in links]
        draw_line(c, x, baseline, pieces, size, self.kit.language, fills, rtl=False)
        c.setFillColor(text)  # the text object's colour outlives it: set back for the next
        self.ruled(x, baseline - size * 0.12, pieces, links, size, link)

    def clickable(
        self,
        x: float,
        baseline: float,
        pieces: list[tuple[str, str]],
        links: tuple[str, ...],
        size: float,
        words: _LinkWords,
        numbers: tuple[int, ...],
    ) -> None:
        """A link annotation over each link's words on the line (its pieces in a row that
        are one link's are one), where the slide is drawn on the page, described to a screen
        reader by the link's words as written, all its lines one Link element (``words``:
        the paragraph's links; ``numbers``: which of them each piece is on, 0 for none)."""
        c = self.canv
        spans: list[list[Any]] = []  # [number, address, left, right] of each run of one link
        placed = _placed(x, pieces, size)
        for href, number, (left, right, _) in zip(links, numbers, placed, strict=True):
            if spans and spans[-1][0] == number:
                spans[-1][3] = right
            else:
                spans.append([number, href, left, right])
        for number, href, left, right in spans:
            if number and followable(href) and right > left:
                note_link(c, words.para, number, href, words.words[number - 1])
                rect = (left, baseline - size * 0.25, right, baseline + size * 0.9)
                c.linkURL(href, rect, relative=1, thickness=0)

    def ruled(
        self,
        x: float,
        y: float,
        pieces: list[tuple[str, str]],
        flags: tuple[bool, ...],
        size: float,
        ink: Any,
    ) -> None:
        """A rule at height ``y`` along each of a line's ``pieces`` its flag marks (a link's
        underline, a strike's line), the space kept at its end for a reader left out."""
        c = self.canv
        c.saveState()
        c.setStrokeColor(ink)
        c.setLineWidth(max(size / 18, 0.25))
        for flag, (left, right, piece) in zip(flags, _placed(x, pieces, size), strict=True):
            if flag and piece.strip():
                c.line(left, y, right, y)
        c.restoreState()

    def upright(
        self,
        x: float,
        baseline: float,
        pieces: list[tuple[str, str]],
        size: float,
        every: bool,
        turn: float,
    ) -> None:
        """A line of text turned ``turn`` degrees whose Chinese, Japanese and Korean
        characters (``every``: all its characters, stacked a line's height apart) stand
        upright, each turned back about the middle of its place on the line."""
        c, language = self.canv, self.kit.language
        centre = baseline + size * (1 - LINE / 2)  # the middle of the line's height

        def along(x: float, run: str, font: str) -> float:
            """Characters set along the line, as in text across; where the next starts."""
            if not run:
                return x
            draw_line(c, x, baseline, [(run, font)], size, language)
            return x + text_width(run, font, size)

        for text, font in pieces:
            run = ""
            for character in text:
                if not (every or _wide(character)):
                    run += character
                    continue
                x, run = along(x, run, font), ""
                place = size * LINE if every else text_width(character, font, size)
                c.saveState()
                c.translate(x + place / 2, centre)
                c.rotate(turn)
                middle = -text_width(character, font, size, language) / 2
                draw_line(c, middle, -size * 0.38, [(character, font)], size, language)
                c.restoreState()
                x += place
            x = along(x, run, font)

    def table(self) -> None:
        table = self.slide.table
        assert table is not None
        colours = table.colours
        c = self.canv
        top = table.rect.y
        element = self.elements.get(id(table))
        for r, (row, height) in enumerate(zip(table.cells, table.row_heights, strict=True)):
            fill = colours.header_fill if r == 0 else colours.band_fill if r % 2 else colours.fill
            line = element.add("TR") if element is not None else None
            right = table.rect.x + sum(table.column_widths)  # a mirrored table's first edge
            x = table.rect.x
            for column, (para, width) in enumerate(zip(row, table.column_widths, strict=False)):
                if table.mirrored:  # the first column rightmost, cells read in order
                    right -= width
                    x = right
                with self._as(None):
                    c.setFillColor(self.kit.ink.paper if self.kit.ink.monochrome else _colour(fill))
                    c.setStrokeColor(self.ink(colours.rule))
                    # in black and white the header row is told by its heavier frame
                    c.setLineWidth(2.5 if self.kit.ink.monochrome and r == 0 else 1)
                    c.rect(x, self.y(top + height), width, height, stroke=1, fill=1)
                text = colours.header_text if r == 0 else colours.text
                cell = None
                if line is not None:
                    # the header row heads its columns; the first column, set bold as
                    # the deck sets it, heads its row
                    if r == 0 or column == 0:
                        cell = line.add("TH", scope="Column" if r == 0 else "Row")
                    else:
                        cell = line.add("TD")
                    spoken(cell, para.text)
                    self.elements[id(para)] = cell
                with self._as(para) if cell is not None else nullcontext():
                    self.lines(
                        para,
                        table.lines[r][column],
                        x + 7.2,
                        top + 3.6,
                        width - 14.4,
                        table.size,
                        self.kit.fonts.regular,
                        (text, text),
                        links_as_text=r == 0,
                    )
                x += width
            top += height


class _LinkWords:
    """The links of a paragraph as laid out: each link's words as written (its runs in a
    row that go to one address), and which link each piece of its lines is on, counted
    from 1 across the lines in order (a link broken over two lines is one link)."""

    def __init__(self, para: Para):
        self.para = para
        self.words: list[str] = []
        last = None
        for run in para.runs:
            if run.link and run.link == last:
                self.words[-1] += run.text
            elif run.link:
                self.words.append(run.text)
            last = run.link
        self._last, self._count = "", 0

    def numbered(self, links: tuple[str, ...]) -> tuple[int, ...]:
        """Which link each piece of the next line is on (0: none)."""
        out = []
        for href in links:
            if href and href != self._last:
                self._count += 1
            self._last = href
            out.append(self._count if href and self._count <= len(self.words) else 0)
        return tuple(out)


class _Lines(Flowable):
    """Ruled lines for notes beside or under a slide."""

    decoration = True  # an artifact when tagged

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


def _furniture(
    meta: DocumentMeta,
    kit: _Kit,
    pagesize: tuple[float, float],
    name: str,
    heading: str,
    headings: Callable[[int], str | None] = lambda page: None,
) -> tuple[FooterDrawer, float]:
    """What every printed page shows around its slides: the organisation and what the pages
    are (header); title and audience, then version, date and page N of M (footer); and how
    high the footer reaches (the slides end above it).

    The footer is fitted once, as every PDF's running footer is (:func:`pdf.running_footer`):
    a long title shrinks to the footer's floor, takes a second line, then the page's whole
    width above the page label; past that the build stops naming it.
    """
    width, height = pagesize
    font = kit.page_fonts.regular
    floor = ROLES["footer"].floor
    text = kit.clean(meta.title_line)
    widest = kit.clean(meta.page_label(9999, 9999))
    footer = running_footer(
        text, font, width - 2 * MARGIN, widest, (FOOTER_SIZE, floor), kit.language
    )
    if footer is None:
        raise ContentError(
            [
                Problem(
                    None,
                    f"the {name.lower()}' footer '{text[:60]}' is too long, even at {floor:g} pt",
                    "shorten the course title or the audience name",
                    quote=meta.footer_written,
                )
            ]
        )
    # the organisation, left of what the pages are: shrunk, then on two lines, never over it
    widest_heading = kit.clean(headings(0) or heading)  # page 0: the longest it says
    label_width = max(
        text_width(kit.clean(heading), font, HEADER_SIZE, kit.language),
        text_width(widest_heading, font, HEADER_SIZE, kit.language),
    )
    room = width - 2 * MARGIN - label_width - 18
    organisation = fit_lines(
        kit.clean(meta.organization),
        kit.page_fonts.bold,
        room,
        (HEADER_SIZE, floor),
        lines=1,
        most=2,
        language=kit.language,
    )
    if organisation is None:
        raise ContentError(
            [
                Problem(
                    None,
                    f"the {name.lower()}' header: the organization's name "
                    f"'{meta.organization[:60]}' is too long, even at {floor:g} pt",
                    "shorten 'organization' in course.yaml",
                    quote=meta.organization,
                )
            ]
        )

    mirrored = right_to_left(meta.title)

    def draw(canvas: Canvas, page: int, total: int) -> None:
        canvas.saveState()
        canvas.setFillColor(kit.ink.primary)
        top = height - 0.5 * inch
        if mirrored:  # pages that read from the right: the organisation at the right
            organisation.draw(canvas, width - MARGIN, top + organisation.size, "right")
        else:
            organisation.draw(canvas, MARGIN, top + organisation.size)
        canvas.setFillColor(kit.ink.muted)
        edge, align = (MARGIN, "left") if mirrored else (width - MARGIN, "right")
        shown = kit.clean(headings(page) or heading)  # "Notes for slide 6, continued"
        draw_string(canvas, edge, top, shown, font, HEADER_SIZE, align)
        page_label = kit.clean(meta.page_label(page, total))
        footer.draw(
            canvas, MARGIN, width - MARGIN, BASELINE, page_label, font, FOOTER_SIZE, mirrored
        )
        canvas.restoreState()

    return draw, footer.top(BASELINE)


class _Printed:
    """One printed view of a deck: its stamped document and the canvas that stamps it."""

    def __init__(
        self,
        laid: LaidOutDeck,
        theme: Theme,
        options: RenderOptions,
        name: str,
        heading: str,
        headings: Callable[[int], str | None] = lambda page: None,
        on_page: Callable[[int], None] = lambda page: None,
        own_subject: bool = False,
    ) -> None:
        """``name``: what the pages are, in English (for messages); ``heading``: the same in
        the course's language, at the top right of every page, unless ``headings`` gives
        another for a page (by its number; asked for page 0, the longest it may give).
        ``on_page`` is told each page as it starts. ``own_subject``: the file's Subject says
        what ``heading`` names (the notes pages), not what the deck's front matter says of the
        slides."""
        meta = deck_meta(laid)
        self.kit = _Kit(theme, laid, meta, options.printing)
        self.pagesize = PAPER[options.paper]
        subject = ""
        if own_subject and meta.subject:
            subject = label(
                "{kind} for {audience}: {title}",
                kind=heading,
                audience=meta.audience,
                title=meta.title,
            )
        self.stamp = Stamp(meta, options.generator, kind=heading, subject=subject)
        self.footer, footer_top = _furniture(meta, self.kit, self.pagesize, name, heading, headings)
        self.buffer = io.BytesIO()
        self.structure = Structure()
        self.meta = meta
        self.generator = options.generator
        self.doc = BaseDocTemplate(
            self.buffer,
            pagesize=self.pagesize,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=0.75 * inch,
            # the slides end above the footer, however many lines a long title takes
            bottomMargin=max(0.75 * inch, footer_top + 10),
            initialFontName=self.kit.page_fonts.regular,
            **self.stamp.doc_info(),
        )
        doc = self.doc
        # no padding at the sides: the slides and the notes are laid out (and the notes
        # fitted) at the margins' width, the footer's
        frame = Frame(
            doc.leftMargin,
            doc.bottomMargin,
            doc.width,
            doc.height,
            id="page",
            leftPadding=0,
            rightPadding=0,
        )
        # the height a page's flowables have: the frame's, less its padding above and below
        self.room = doc.height - frame.topPadding - frame.bottomPadding
        doc.addPageTemplates(
            [
                PageTemplate(
                    id="page",
                    frames=[frame],
                    onPage=lambda canvas, doc: on_page(canvas.getPageNumber()),
                )
            ]
        )

    def build(self, story: list[Flowable]) -> bytes:
        """The tagged PDF of ``story`` (see tagging.py)."""
        tag_story(story, self.structure)
        canvas = self.stamp.canvas(
            self.kit.page_fonts.regular, footer=self.footer, structure=self.structure
        )
        self.doc.build(story, canvasmaker=canvas)
        return finish(
            self.buffer.getvalue(),
            self.structure,
            self.stamp.document_title,
            self.meta.language,
            self.generator,
        )


def print_slides(laid: LaidOutDeck, theme: Theme, options: RenderOptions) -> RenderResult:
    """The slide handout of a laid-out deck: 1, 2, 3 (ruled lines beside each) or 6 a page."""
    with writing(deck_meta(laid).language, options.source_texts):  # Han: the deck's face
        return _print_slides(laid, theme, options)


# the space between two printed slides, one above the other (1, 2, 3 and 6 a page)
SLIDE_GAPS = {1: 24.0, 2: 24.0, 3: 16.0, 6: 8.0}


def printed_width(per_page: int, width: float, height: float, ratio: float) -> float:
    """How wide each slide is printed, ``per_page`` a page of ``width`` x ``height`` points:
    as wide as its share of the page's width allows, and no taller than its row less a gap
    to the next (a portrait template's slides, as tall as their row, touched)."""
    rows = {1: 1, 2: 2, 3: 3, 6: 3}[per_page]
    share = {1: 0.95, 2: 0.8, 3: 0.55, 6: 0.47}[per_page]
    return min(width * share, (height / rows - SLIDE_GAPS[per_page]) / ratio)


def _print_slides(laid: LaidOutDeck, theme: Theme, options: RenderOptions) -> RenderResult:
    printed = _Printed(laid, theme, options, "Slides", label("Slides"))
    kit = printed.kit
    slides = laid.slides
    width = printed.pagesize[0] - 2 * MARGIN
    height = printed.room
    ratio = laid.height / laid.width
    per_page = options.per_page if options.per_page in (1, 2, 3, 6) else 3
    story: list[Flowable] = []
    for start in range(0, len(slides), per_page):
        group = slides[start : start + per_page]
        slide_w = printed_width(per_page, width, height, ratio)
        if per_page == 3:
            rows = [
                [
                    _SlidePicture(s, laid, slide_w, kit),
                    _Lines(width * 0.4, slide_w * ratio, kit.ink.rule),
                ]
                for s in group
            ]
            third = [height / 3] * len(rows)
            grid = Table(rows, colWidths=[width * 0.58, width * 0.42], rowHeights=third)
        elif per_page == 6:
            pictures: list[Flowable] = [_SlidePicture(s, laid, slide_w, kit) for s in group]
            rows = [
                pictures[i : i + 2] + [Spacer(1, 1)] * (2 - len(pictures[i : i + 2]))
                for i in range(0, len(pictures), 2)
            ]
            third = [height / 3] * len(rows)
            grid = Table(rows, colWidths=[width / 2] * 2, rowHeights=third)
        else:
            rows = []
            for s in group:
                picture = _SlidePicture(s, laid, slide_w, kit)
                room = height / per_page - picture.height - 40
                rows.append([picture])
                if per_page == 1 and room > 40:
                    rows.append([_Lines(slide_w, room, kit.ink.rule)])
            # two a page: each slide in the middle of its half, as PowerPoint prints them
            halves = [height / 2] * len(rows) if per_page == 2 else None
            grid = Table(rows, colWidths=[width], rowHeights=halves)
        grid.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), kit.page_fonts.regular),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE" if per_page == 2 else "TOP"),
                    ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        story += [grid, PageBreak()]
    data = printed.build(story[:-1])
    pages = -(-len(slides) // per_page)
    return RenderResult(data=data, pages=pages, warnings=kit.warnings)


def _longest_notes_heading(page: int) -> str | None:
    """The longest heading a notes page may show (asked for page 0, see :class:`_Printed`)."""
    return label("Notes for slide {number}, continued", number=9999) if page == 0 else None


def check_slides(laid: LaidOutDeck, theme: Theme, options: RenderOptions) -> None:
    """The printed slides' header and footer fitted as a build fits them, short of drawing
    the pages: ``check`` finds what a build would stop on (an organization's name too long
    for the header)."""
    with writing(deck_meta(laid).language):
        _Printed(laid, theme, options, "Slides", label("Slides"))


def check_notes(laid: LaidOutDeck, theme: Theme, options: RenderOptions) -> None:
    """The notes pages' header and footer, as :func:`check_slides` fits the slides'."""
    with writing(deck_meta(laid).language):
        _Printed(laid, theme, options, "Notes pages", label("Notes pages"), _longest_notes_heading)


def print_notes(laid: LaidOutDeck, theme: Theme, options: RenderOptions) -> RenderResult:
    """Notes pages of a laid-out deck: each slide, and under it what to say."""
    with writing(deck_meta(laid).language, options.source_texts):
        return _print_notes(laid, theme, options)


def _print_notes(laid: LaidOutDeck, theme: Theme, options: RenderOptions) -> RenderResult:
    # the slide each page starts in, and the pages a slide is drawn on: a page that starts
    # in a slide's notes and draws no slide continues them, and says so at its top
    starts: dict[int, int] = {}
    pictured: set[int] = set()
    current = [0]

    def picture_drawn(page: int, number: int) -> None:
        pictured.add(page)
        current[0] = number

    def heading(page: int) -> str | None:
        if page == 0:  # the longest it may say
            return _longest_notes_heading(page)
        if page in pictured or not starts.get(page):
            return None
        return label("Notes for slide {number}, continued", number=starts[page])

    printed = _Printed(
        laid,
        theme,
        options,
        "Notes pages",
        label("Notes pages"),
        heading,
        lambda page: starts.setdefault(page, current[0]),
        own_subject=True,
    )
    kit = printed.kit
    width = printed.pagesize[0] - 2 * MARGIN
    story: list[Flowable] = []
    for slide in laid.slides:
        # at most half the page high (a portrait template's slide), the notes below it
        slide_w = min(width * 0.85, printed.doc.height * 0.5 * laid.width / laid.height)
        picture = _SlidePicture(slide, laid, slide_w, kit)
        picture.drawn = picture_drawn
        story.append(picture)
        story.append(Spacer(1, 14))
        lines = [
            escape(kit.clean(line))
            for line in (slide.notes or label("(No notes for this slide.)")).split("\n")
            if line.strip()
        ]
        room = printed.room - picture.height - 14
        story.extend(_notes_fitted(lines, kit, width, room))
        story.append(PageBreak())
    data = printed.build(story[:-1])
    return RenderResult(data=data, pages=printed.doc.page, warnings=kit.warnings)


def _notes_fitted(lines: list[str], kit: _Kit, width: float, room: float) -> list[Flowable]:
    """A slide's notes as paragraphs, by the fit policy's "notes" role: at the largest size
    at which they fit under the slide on its page (shrink); notes too long even at the
    role's floor are set at its largest and run on to the next page (continue), which names
    the slide they continue. What runs on is never a line or two: the notes' last
    :data:`CONTINUED_LINES` lines go on together (a page of its own for "Session
    evaluation: 5 min" alone was the agenda's notes' last line), and no paragraph leaves its
    last line alone at the top of a page."""

    def at(size: float) -> list[Paragraph]:
        style = ParagraphStyle(
            f"notes-{size:g}",
            fontName=kit.page_fonts.regular,
            fontSize=size,
            leading=round(size * 15 / 11, 1),
            textColor=kit.ink.text,
            spaceAfter=round(size * 6 / 11, 1),
            allowWidows=0,
        )
        return [Paragraph(line, style) for line in lines]

    def fits(size: int) -> bool:
        paragraphs = at(size)
        height = sum(p.wrap(width, room)[1] + p.getSpaceAfter() for p in paragraphs)
        return height - (paragraphs[-1].getSpaceAfter() if paragraphs else 0) <= room

    role = ROLES["notes"]
    size = largest_size(role, fits)
    if size is not None:
        return list(at(size))
    paragraphs: list[Flowable] = list(at(role.largest))
    counted, last = 0, len(paragraphs)
    while last > 1 and counted < CONTINUED_LINES:
        last -= 1
        paragraphs[last].wrap(width, room)
        counted += len(paragraphs[last].blPara.lines)
    if len(paragraphs) - last > 1:  # one paragraph keeps its own lines together
        paragraphs[last:] = [KeepTogether(paragraphs[last:])]
    return paragraphs


CONTINUED_LINES = 3  # the least of a slide's notes that run on to a page after its own


def render(document: Document, theme: Theme, options: RenderOptions) -> RenderResult:
    """The slide handout of a deck document (lays the deck out, then prints it)."""
    return print_slides(lay_out(document, theme, options), theme, options)


def render_notes(document: Document, theme: Theme, options: RenderOptions) -> RenderResult:
    """Notes pages of a deck document (lays the deck out, then prints them)."""
    return print_notes(lay_out(document, theme, options), theme, options)


def slide_pages(laid: LaidOutDeck, theme: Theme, count: int | None = None) -> bytes:
    """A bare PDF of the first ``count`` slides (all: None), one slide filling each page,
    with nothing around them: what the overview page rasterises as the deck's thumbnails
    (the slides as projected, drawn by the same code as the printed slides)."""
    with writing(deck_meta(laid).language):
        kit = _Kit(theme, laid, deck_meta(laid))
        buffer = io.BytesIO()
        canvas = Canvas(buffer, pagesize=(laid.width, laid.height), invariant=1)
        canvas.setFont(kit.page_fonts.regular, 10)
        for slide in laid.slides[:count]:
            _SlidePicture(slide, laid, laid.width, kit).drawOn(canvas, 0, 0)
            canvas.showPage()
        canvas.save()
        return buffer.getvalue()


def _frame_of(box: TextBox) -> Decoration:
    """A placeholder's own fill and outline, as a shape drawn behind its text."""
    style = box.style
    return Decoration(box.rect, style.fill or Fill(None), style.outline, rotation=style.rotation)


def _placed(
    x: float, pieces: list[tuple[str, str]], size: float
) -> Iterator[tuple[float, float, str]]:
    """Where each of a line's ``pieces`` drawn from ``x`` starts and ends, with its text:
    the space kept at the line's end for a reader left out of the last."""
    at = x
    for n, (piece, font) in enumerate(pieces):
        if n == len(pieces) - 1:
            piece = piece.rstrip(" ")
        wide = text_width(piece, font, size)
        yield at, at + wide, piece
        at += wide
