"""The laid-out deck: every slide's boxes, sizes, tables and pictures, worked out once.

Like Pandoc's ``Presentation`` between its document and its writer, or Typst's frames between
layout and export: :func:`lay_out` turns the slide plan (``slides.plan``) into frozen data in
the deck template's own geometry (the built-in template, or the organisation's ``.pptx``: its
layouts' placeholder boxes, text colours, alignment and backgrounds), with every text already
fitted by :mod:`materials_gen.fit`. The PowerPoint writer (``deck.write``), the printed
slides and notes pages (``slide_handout``) and the guide's slide numbers
(:func:`module_slides`) only read it, so they cannot disagree about what a slide shows.

Everything here is plain frozen data (points, hex colours, bytes): it pickles, so a build can
lay a deck out once and hand it to worker processes.
"""

from __future__ import annotations

import colorsys
import copy
import io
import itertools
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from ..document import Block, Document, Figure, plain
from ..errors import ContentError, Location, Problem
from ..fit import (
    LINE,
    ROLES,
    Blame,
    Box,
    DoesNotFit,
    Measure,
    Para,
    Role,
    Run,
    SetLine,
    cuts_words,
    evenly,
    largest_fit,
    longest_word,
    problem,
    share,
    slide_roles,
    slide_scale,
    space_before,
    start_of,
    too_long,
    too_wide,
    unbreakable,
    within_box,
)
from ..glyphs import table_reads_from_right
from ..i18n import label
from ..meta import as_read, document_meta
from ..theme import FontFamily, Theme
from . import RenderOptions
from .slides import ALIKE, TITLE_RULE, Slide, misshapen, plan, runs, size_text

EMU_PER_PT = 12700
# How much of a text box fitting may fill: a little room for the differences between
# PowerPoint's, LibreOffice's and ReportLab's line breaking.
WIDTH_USE, HEIGHT_USE = 0.98, 0.96
DEFAULT_INSETS = (7.2, 3.6, 7.2, 3.6)  # left, top, right, bottom, points (OOXML's default)

# ---------------------------------------------------------------- the data


# Slides one deck may have: a course of 25 times the default kit has 1,200 (its printed
# slides and notes pages are views of the same slides, so the limit holds them too)
MAX_SLIDES = 5_000
# the least a title placeholder holds, in ems of the smallest size titles take: a few words
# (about seven letters); narrower, or shorter than a line, it is the template's to fix
TITLE_WORDS = 4


@dataclass(frozen=True)
class Rect:
    """A rectangle on the slide in points, from its top-left corner (as PowerPoint has it)."""

    x: float
    y: float
    width: float
    height: float

    @property
    def bottom(self) -> float:
        return self.y + self.height

    def meet(self, other: Rect) -> Rect | None:
        """The part of this rectangle inside ``other``; None when they share no area."""
        left, top = max(self.x, other.x), max(self.y, other.y)
        right = min(self.x + self.width, other.x + other.width)
        bottom = min(self.bottom, other.bottom)
        if right <= left or bottom <= top:
            return None
        return Rect(left, top, right - left, bottom - top)

    def emu(self) -> tuple[int, int, int, int]:
        return tuple(round(v * EMU_PER_PT) for v in (self.x, self.y, self.width, self.height))  # type: ignore[return-value]


PAST_THE_EDGE = 0.01  # of the slide's width or height: less is a template's rounding


def _past_the_edge(rect: Rect, slide: Rect) -> bool:
    """Whether ``rect`` reaches past an edge of ``slide`` by more than a template's rounding
    (:data:`PAST_THE_EDGE`): such a placeholder is kept to its part on the slide, and told
    of; one a hair over the edge is left as it is (its text loses nothing to be told)."""
    across, down = PAST_THE_EDGE * slide.width, PAST_THE_EDGE * slide.height
    return (
        rect.x < slide.x - across
        or rect.y < slide.y - down
        or rect.x + rect.width > slide.x + slide.width + across
        or rect.bottom > slide.bottom + down
    )


@dataclass(frozen=True)
class LevelLook:
    """How a template draws the text of one list level: its colour, bold, italics, capitals."""

    colour: str
    bold: bool = False
    italic: bool = False
    caps: bool = False


@dataclass(frozen=True)
class TextStyle:
    """How a box's text sits in it and what colour it is (from the template)."""

    colour: str = "#000000"  # hex
    heading_colour: str = "#000000"  # headings inside a body (the theme's accent 1)
    bullet_colour: str = "#000000"
    anchor: str = "t"  # "t", "ctr" or "b"
    align: str = "l"  # "l", "ctr" or "r"
    insets: tuple[float, float, float, float] = DEFAULT_INSETS
    bold: bool = False  # drawn bold by the template (PowerPoint's default: not bold)
    caps: bool = False  # drawn in capitals by the template (cap="all" or "small")
    italic: bool = False  # drawn in italics by the template
    # the mark before a bulleted paragraph at each list level, as the template sets it;
    # "" where it sets none (buNone)
    bullets: tuple[str, ...] = ("\u2022",) * 9
    # the levels (0-8) whose mark the deck writes itself, as printed: where the template's
    # numbers its bullets, draws them as pictures, or says nothing of them
    written_marks: frozenset[int] = frozenset()
    wrap: bool = True  # lines wrap at the box's width (a template's text may run on instead)
    # which way the text runs (``a:bodyPr vert``): "horz"; turned a quarter clockwise
    # ("vert") or anticlockwise ("vert270"); East Asian ("eaVert": as "vert", but Chinese,
    # Japanese and Korean characters upright; "mongolianVert": the same with its lines
    # from left to right); or letters stacked upright ("wordArtVert", its columns from
    # left to right; "wordArtVertRtl", from right to left)
    vertical: str = "horz"
    columns: int = 1  # the text flows down this many columns (``numCol``), left to right
    column_gap: float = 0.0  # points between two columns (``spcCol``)
    # the placeholder's own fill and outline (its layout's, else its master's): a title
    # band drawn by the title placeholder itself, behind its text
    fill: Fill | None = None
    outline: tuple[str, float] | None = None
    # the placeholder turned clockwise about its centre, text and all (its ``a:xfrm rot``)
    rotation: float = 0.0
    # how the template draws list levels 2 to 9 where it draws them otherwise than level 1
    # (a second level in grey, or in italics): level (1-8) -> its look
    levels: tuple[tuple[int, LevelLook], ...] = ()
    # a footer's or slide number's typeface, as its placeholder's text style names it (its
    # own, its master placeholder's, the master's other text style's); "" for none named:
    # the body font's (see DeckTemplate.face_measure)
    face: str = ""

    def look(self, level: int) -> LevelLook:
        """How a paragraph at list ``level`` (0-8) is drawn."""
        own = dict(self.levels).get(min(level, 8))
        return own or LevelLook(self.colour, self.bold, self.italic, self.caps)

    def shown(self, paras: tuple[Para, ...]) -> tuple[Para, ...]:
        """``paras`` as this style draws them: in capitals, in italics, bold when the
        template says so at each one's level, so that fitting measures, and a printed
        slide draws, what PowerPoint shows."""
        looks = [self.look(p.level) for p in paras]
        paras = tuple(
            replace(
                p,
                runs=tuple(
                    replace(r, italic=r.italic or look.italic, bold=r.bold or look.bold)
                    for r in p.runs
                ),
            )
            if (look.italic or (look.bold and not self.bold))
            else p
            for p, look in zip(paras, looks, strict=True)
        )
        paras = tuple(
            replace(p, caps=True) if look.caps else p for p, look in zip(paras, looks, strict=True)
        )
        # a bulleted paragraph at a level the template marks with nothing ("buNone") shows
        # no mark, and no space hanging for one: set so, in the deck and on paper alike
        return tuple(
            replace(p, bullet="none")
            if p.bullet == "bullet" and not self.bullets[min(p.level, 8)]
            else p
            for p in paras
        )

    @property
    def turn(self) -> float:
        """How far the text is turned clockwise in its box, in degrees: 0, or 90 or 270
        for vertical text, whose lines then run down (or up) the box."""
        return _TEXT_TURNS.get(self.vertical, 0.0)

    def frame(self, rect: Rect) -> tuple[Rect, tuple[float, float, float, float]]:
        """Where the text of a box at ``rect`` is set, and its margins (left, top, right,
        bottom): the box itself, or for vertical text the box turned back about its centre
        (its lines as long as the box is high), each margin staying at its side of the box."""
        turn = self.turn
        if not turn:
            return rect, self.insets
        left, top, right, bottom = self.insets
        frame = Rect(
            rect.x + (rect.width - rect.height) / 2,
            rect.y + (rect.height - rect.width) / 2,
            rect.height,
            rect.width,
        )
        if turn == 90:  # the frame's left side is the box's top, its top the box's right
            return frame, (top, right, bottom, left)
        return frame, (bottom, left, top, right)

    def columns_of(self, width: float) -> tuple[float, float]:
        """The width of each column of a text ``width`` wide (inside its margins), and the
        gap between two; a gap too wide for its columns is narrowed, so that each keeps at
        least half its share of the width."""
        if self.columns < 2:
            return width, 0.0
        gap = min(max(0.0, self.column_gap), max(0.0, width) / (2 * (self.columns - 1)))
        return (width - gap * (self.columns - 1)) / self.columns, gap


@dataclass(frozen=True)
class TextBox:
    """A text on a slide: where it is, what it says, at which size it was fitted."""

    rect: Rect
    role: str  # a role of ``fit.ROLES``
    paras: tuple[Para, ...]
    size: int
    style: TextStyle
    placeholder: int | None = None  # the layout placeholder's idx it fills; None: a text box
    moved: bool = False  # placed elsewhere than its layout placeholder
    # each paragraph's lines as fitted and drawn (PowerPoint wraps the deck's own text; a
    # printed slide draws these)
    lines: tuple[tuple[SetLine, ...], ...] = ()

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paras)


@dataclass(frozen=True)
class TableColours:
    header_fill: str
    header_text: str
    fill: str
    band_fill: str
    text: str
    rule: str


@dataclass(frozen=True)
class LaidOutTable:
    """A table at its fitted size: cells as paragraphs, row 0 the header."""

    rect: Rect
    cells: tuple[tuple[Para, ...], ...]  # one paragraph a cell, row by row
    column_widths: tuple[float, ...]
    row_heights: tuple[float, ...]
    size: int
    name: str
    colours: TableColours
    lines: tuple[tuple[tuple[SetLine, ...], ...], ...] = ()  # each cell's lines, row by row
    # its header reads from the right (Arabic, Hebrew): its first column drawn rightmost,
    # as PowerPoint draws a table marked right-to-left; the cells stay in reading order
    mirrored: bool = False
    # the template's default table style, when it defines it (its colours are ``colours``);
    # "": PowerPoint's "Medium Style 2 - Accent 1", in the template's first accent colour
    style: str = ""


@dataclass(frozen=True)
class LaidOutPicture:
    rect: Rect
    src: str
    alt: str
    data: bytes


@dataclass(frozen=True)
class Picture:
    """A template's picture as it is shown: faded (``alpha``), cropped (``crop``: the share
    cut from its left, top, right and bottom) and stretched over its place, or repeated at
    its own size (``tile``)."""

    data: bytes
    alpha: float = 1.0
    crop: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    tile: float = 0.0  # repeated at this share of its own size; 0: stretched over its place


@dataclass(frozen=True)
class Fill:
    """A background: a solid colour (``#RRGGBB``, or ``#RRGGBBAA`` when see-through), a
    linear gradient (``stops``: position 0-1 and colour, at ``angle`` degrees clockwise
    from left to right), or a picture over the slide."""

    colour: str | None = "#FFFFFF"
    picture: Picture | None = None
    stops: tuple[tuple[float, str], ...] = ()
    angle: float = 0.0
    # a gradient from a point outward (``a:path``, "circle", "rect" or "shape"): the point,
    # in fractions of the box from its top left; None for a linear one
    centre: tuple[float, float] | None = None


@dataclass(frozen=True)
class Decoration:
    """A shape the layout or master draws behind the text (a rule, a bar, a logo): its box,
    how it is filled (``Fill(None)``: not at all), its outline (colour and width in points),
    its shape ("rect", "roundRect", "ellipse", or "line" from one corner of its box to the
    other), turned ``rotation`` degrees clockwise about its centre, and a line's direction
    (``flip``: from the top right to the bottom left)."""

    rect: Rect
    fill: Fill
    outline: tuple[str, float] | None = None
    shape: str = "rect"
    rotation: float = 0.0
    flip: bool = False
    text: TextBox | None = None  # what the shape says ("Confidential", a tagline), if anything
    # the shape as the slide itself carries it (the title rule, see slides.TITLE_RULE): its
    # XML, written onto the slide by the deck where the layout had it
    xml: bytes = b""
    # flipped left to right, top to bottom (its own flips and its groups'): its fill is
    # drawn mirrored, and its text, never mirrored, upside down when flipped top to bottom
    mirror: tuple[bool, bool] = (False, False)
    # the edge of a shape of another outline ("path"): closed figures of points, each
    # point a fraction of the box's width and height from its top left (curves and arcs
    # as short lines), its flips applied
    outline_points: tuple[tuple[tuple[float, float], ...], ...] = ()
    # the outline's dashes and gaps, in points ((): a solid line)
    dash: tuple[float, ...] = ()
    # a line's arrowheads at its start and its end ("": none; "oval", "diamond", or an arrow)
    ends: tuple[str, str] = ("", "")

    @property
    def colour(self) -> str | None:
        return self.fill.colour

    @property
    def picture(self) -> Picture | None:
        return self.fill.picture


@dataclass(frozen=True)
class LaidOutSlide:
    number: int
    kind: str
    layout: str  # the template layout's name
    title: str
    boxes: tuple[TextBox, ...]
    table: LaidOutTable | None
    pictures: tuple[LaidOutPicture, ...]
    notes: str
    module: str
    footer: TextBox | None
    slide_number: TextBox | None
    background: Fill
    decorations: tuple[Decoration, ...]
    continued: bool = False
    # False when its notes are only the lines asking for its pictures to be described (see
    # _described): the deck's own, no notes of the module's or the template's
    noted: bool = True


@dataclass(frozen=True)
class LaidOutDeck:
    """A deck as every view of it sees it, in the template's geometry (points)."""

    width: float
    height: float
    template_name: str
    template: bytes  # the template package the writer builds on
    palette: tuple[tuple[str, str], ...]  # scheme slot ("accent1", "dk1", ...) -> hex
    slides: tuple[LaidOutSlide, ...]
    properties: tuple[tuple[str, str], ...]  # document properties, already as text
    audience: str = ""
    body_font: FontFamily | None = None  # the fonts text was fitted in (and is printed in)
    heading_font: FontFamily | None = None
    footer_fonts: tuple[FontFamily, ...] = ()  # footers' and slide numbers' (face_measure)
    notes: tuple[tuple[str, str], ...] = ()  # the deck template's warnings (template_fonts)
    day: str = ""  # what the template's date fields say: the content's date (see stamped)
    # the kinds of slide put on a layout of another name than their usual one: told with
    # the notes, once a layout for every deck of a build (see guessed_notes)
    guessed: tuple[GuessedLayout, ...] = ()

    def colour(self, slot: str, default: str = "#000000") -> str:
        return dict(self.palette).get(slot, default)

    def property(self, name: str) -> str:
        return dict(self.properties).get(name, "")


# ---------------------------------------------------------------- the template's geometry


@dataclass(frozen=True)
class Place:
    """A placeholder of a layout, read once: its idx, box and text style."""

    idx: int
    kind: str  # "title", "subtitle", "body", "footer", "number", "other"
    rect: Rect
    style: TextStyle
    # a slide-number placeholder's own text, its paragraphs, line breaks and fields ("Slide
    # ‹#›", "Confidential" above it, a date beside it); () when it has no number field
    said: tuple[Para, ...] = ()
    # a slide-number placeholder's own size and weight (0: not said), as PowerPoint draws
    # its number: the template's, not the footer's
    size: float = 0.0
    bold: bool = False
    # where the layout puts it, when that reaches past the slide's edges (a template whose
    # slide size was changed without its layouts): ``rect`` is then the part on the slide,
    # where its text is fitted and the slide's own placeholder is put, so that nothing it
    # holds is cut off at the edge; None when the layout's box is on the slide
    layout_rect: Rect | None = None

    @property
    def home(self) -> Rect:
        """Where the layout puts the placeholder: a slide's box elsewhere is moved there."""
        return self.layout_rect or self.rect

    def box(self) -> Box:
        """The room for text inside the placeholder, as fitting uses it: for vertical text,
        its lines as long as the box is high; in columns, a column's width, and the height
        of them all one under the other (the text flows from one into the next)."""
        style = self.style
        frame, (left, top, right, bottom) = style.frame(self.rect)
        width, _ = style.columns_of(frame.width - left - right)
        return Box(width * WIDTH_USE, (frame.height - top - bottom) * style.columns * HEIGHT_USE)


@dataclass(frozen=True)
class Geometry:
    """One layout of the template: its placeholders, background and drawn shapes."""

    name: str
    title: Place | None
    subtitle: Place | None
    bodies: tuple[Place, ...]
    footer: Place | None
    number: Place | None
    background: Fill
    decorations: tuple[Decoration, ...]
    text_colour: str = "#000000"  # the text colour (tx1) as this layout maps it
    title_rule: Decoration | None = None  # drawn by each slide, under its title


def _q(tag: str) -> str:
    from pptx.oxml.ns import qn

    return qn(tag)


class Scheme:
    """The template's colour scheme, for turning DrawingML colour elements into hex."""

    def __init__(self, prs: Any):
        from lxml import etree
        from pptx.opc.constants import RELATIONSHIP_TYPE as RT

        master = prs.slide_master
        self.slots: dict[str, str] = {}
        try:
            theme = etree.fromstring(master.part.part_related_by(RT.THEME).blob)
        except (KeyError, ValueError, etree.XMLSyntaxError):
            theme = None
        scheme = theme.find(f".//{_q('a:clrScheme')}") if theme is not None else None
        for slot in scheme if scheme is not None else ():
            name = etree.QName(slot).localname
            colour = next(iter(slot), None)
            if colour is None:
                continue
            value = colour.get("val") if colour.tag == _q("a:srgbClr") else colour.get("lastClr")
            if value:
                self.slots[name] = "#" + value.upper()
        self.mapped = _mapping(master._element.find(_q("p:clrMap")))
        self.slots.setdefault("lt1", "#FFFFFF")
        self.slots.setdefault("dk1", "#000000")
        # the theme's background styles (PowerPoint's Design > Background Styles), which a
        # background refers to by number (``p:bgRef idx="1001"`` is the first)
        styles = f".//{_q('a:fmtScheme')}/{_q('a:bgFillStyleLst')}"
        found = theme.find(styles) if theme is not None else None
        self.backgrounds: tuple[Any, ...] = tuple(found) if found is not None else ()

    def for_layout(self, layout: Any) -> Scheme:
        """The scheme as ``layout`` maps it: a layout may map the background and text slots
        its own way (``p:clrMapOvr``: a dark divider maps ``bg1`` to ``dk1`` and ``tx1`` to
        ``lt1``), and everything on its slides, the master's background and shapes
        included, takes its colours through that mapping."""
        override = layout.find(f"{_q('p:clrMapOvr')}/{_q('a:overrideClrMapping')}")
        if override is None:
            return self
        remapped = copy.copy(self)
        remapped.mapped = _mapping(override)
        return remapped

    def slot(self, name: str) -> str:
        return self.slots.get(self.mapped.get(name, name), self.slots.get(name, "#000000"))

    def palette(self) -> tuple[tuple[str, str], ...]:
        named = {**self.slots, **{alias: self.slot(alias) for alias in self.mapped}}
        return tuple(sorted(named.items()))

    def of(self, holder: Any) -> str | None:
        """The colour of a fill-like element (solidFill, bgRef, ...) or None."""
        if holder is None:
            return None
        for colour in holder:
            tag = colour.tag
            if tag == _q("a:srgbClr"):
                value = _hex(colour.get("val"))
            elif tag == _q("a:schemeClr"):
                value = self.slot(str(colour.get("val")))
            elif tag == _q("a:sysClr"):
                value = _hex(colour.get("lastClr"))
            elif tag == _q("a:prstClr"):
                value = {"white": "#FFFFFF", "black": "#000000"}.get(
                    str(colour.get("val")), "#000000"
                )
            else:
                continue
            return _modified(value, colour)
        return None


def _hex(value: str | None) -> str:
    """A template's RGB colour as #RRGGBB (black when it is not six hex digits)."""
    colour = "#" + str(value or "000000").upper()
    return colour if _HEX.match(colour) else "#000000"


def _mapping(element: Any) -> dict[str, str]:
    """A colour map (``p:clrMap`` or ``a:overrideClrMapping``): alias -> scheme slot."""
    mapped = dict(element.attrib) if element is not None else {}
    for alias, default in (("bg1", "lt1"), ("tx1", "dk1"), ("bg2", "lt2"), ("tx2", "dk2")):
        mapped.setdefault(alias, default)
    return mapped


def _modified(value: str, colour: Any) -> str:
    """A colour with its lumMod/lumOff/satMod/satOff/tint/shade applied (as Office themes
    use them)."""
    r, g, b = (int(value[i : i + 2], 16) / 255 for i in (1, 3, 5))
    alpha = 1.0
    for change in colour:
        name = change.tag.rsplit("}", 1)[-1]
        amount = _num(change, "val", 100000) / 100000
        if name == "alpha":  # see-through: kept as #RRGGBBAA
            alpha = max(0.0, min(1.0, amount))
        elif name in ("lumMod", "lumOff"):
            h, lum, s = colorsys.rgb_to_hls(r, g, b)
            lum = lum * amount if name == "lumMod" else min(1.0, lum + amount)
            r, g, b = colorsys.hls_to_rgb(h, lum, s)
        elif name in ("satMod", "satOff"):  # more or less saturated (a theme's shading)
            h, lum, s = colorsys.rgb_to_hls(r, g, b)
            s = min(1.0, max(0.0, s * amount if name == "satMod" else s + amount))
            r, g, b = colorsys.hls_to_rgb(h, lum, s)
        elif name == "tint":  # towards white, in linear light as PowerPoint mixes it
            r, g, b = (_gamma(1 - (1 - _linear(c)) * amount) for c in (r, g, b))
        elif name == "shade":  # towards black, the same way
            r, g, b = (_gamma(_linear(c) * amount) for c in (r, g, b))
    hex_rgb = "".join(f"{round(max(0.0, min(1.0, c)) * 255):02X}" for c in (r, g, b))
    return f"#{hex_rgb}" + (f"{round(alpha * 255):02X}" if alpha < 1 else "")


def _linear(c: float) -> float:
    """An sRGB channel (0-1) as linear light."""
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _gamma(c: float) -> float:
    """Linear light (0-1) as an sRGB channel."""
    c = max(0.0, min(1.0, c))
    return c * 12.92 if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def _table_colours(template: Template) -> TableColours:
    """A table's colours on a slide: those of the template's default table style when the
    template defines it (the built-in design's, made from the theme's table colours, as the
    handout, guide and forms draw them); else PowerPoint's "Medium Style 2", from the
    template's first accent colour."""
    found = template.table_style[1]
    if found is not None:
        return found
    scheme = template.scheme
    return TableColours(
        header_fill=scheme.slot("accent1"),
        header_text=scheme.slot("lt1"),
        fill=_tint(scheme.slot("accent1"), 0.2),
        band_fill=_tint(scheme.slot("accent1"), 0.4),
        text=scheme.slot("dk1"),
        rule=scheme.slot("lt1"),
    )


def _table_styles(prs: Any) -> Any:
    """The template's tableStyles part, read (None when it has none that reads)."""
    from lxml import etree

    part = next(
        (p for p in prs.part.package.iter_parts() if str(p.partname) == "/ppt/tableStyles.xml"),
        None,
    )
    if part is None:
        return None
    try:
        return etree.fromstring(part.blob, etree.XMLParser(resolve_entities=False))
    except etree.XMLSyntaxError:
        return None


def _defined_table_style(styles: Any, scheme: Scheme) -> tuple[str, TableColours | None]:
    """The template's default table style, when its tableStyles part (``styles``, read)
    defines it with the colours a slide's table shows (header, plain and striped rows, text,
    lines): its id and those colours; ("", None) otherwise (a style PowerPoint defines
    itself)."""
    if styles is None:
        return "", None
    chosen = styles.get("def", "")
    for style in styles.findall(_q("a:tblStyle")):
        if style.get("styleId") != chosen:
            continue

        def colour(path: str, style: Any = style) -> str | None:
            found = style.find(path, namespaces=styles.nsmap)
            if found is None:
                return None
            value = found.get("val", "")
            if found.tag == _q("a:srgbClr") and re.fullmatch(r"[0-9A-Fa-f]{6}", value):
                return "#" + value.upper()
            if found.tag == _q("a:schemeClr"):
                return scheme.slot(value)
            return None

        fill = "a:tcStyle/a:fill/a:solidFill/*"
        parts = {
            "header_fill": colour(f"a:firstRow/{fill}"),
            "header_text": colour("a:firstRow/a:tcTxStyle/a:srgbClr")
            or colour("a:firstRow/a:tcTxStyle/a:schemeClr"),
            "fill": colour(f"a:wholeTbl/{fill}"),
            "band_fill": colour(f"a:band1H/{fill}"),
            "text": colour("a:wholeTbl/a:tcTxStyle/a:srgbClr")
            or colour("a:wholeTbl/a:tcTxStyle/a:schemeClr"),
            "rule": colour("a:wholeTbl/a:tcStyle/a:tcBdr/a:insideH/a:ln/a:solidFill/*"),
        }
        if all(parts.values()):
            return chosen, TableColours(**parts)  # type: ignore[arg-type]
    return "", None


def _tint(value: str, amount: float) -> str:
    """``value`` mixed with white: ``amount`` of the colour is kept."""
    r, g, b = (int(value[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(255 - (255 - c) * amount):02X}" for c in (r, g, b))


_PLACE_KINDS = {
    "title": "title",
    "ctrTitle": "title",
    "vertTitle": "title",
    "subTitle": "subtitle",
    "body": "body",
    "obj": "body",
    "vertBody": "body",
    "ftr": "footer",
    "sldNum": "number",
}


_MEASURE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(mm|cm|in|pt|pc|pi)\s*$")
_EMU_PER = {"mm": 36000, "cm": 360000, "in": 914400, "pt": 12700, "pc": 152400, "pi": 152400}
_HEX = re.compile(r"^#[0-9A-F]{6}$")


def _num(element: Any, name: str, default: float = 0) -> float:
    """An attribute of a template's XML as the number it stands for, in the attribute's own
    unit (EMU, 60,000ths of a degree, 1,000ths of a percent, 100ths of a point), however
    OOXML lets it be written: a whole number, a length with its unit ("0.1in", "2.5mm") in
    EMU, a percentage ("62.5%") in 1,000ths; ``default`` when absent or unreadable (a
    template is someone else's file: an odd value is read as PowerPoint's default, never a
    crash)."""
    value = element.get(name) if element is not None else None
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        pass
    measure = _MEASURE.match(value)
    if measure:
        return float(measure.group(1)) * _EMU_PER[measure.group(2)]
    try:
        if value.strip().endswith("%"):
            return float(value.strip()[:-1]) * 1000
        number = float(value)
    except ValueError:
        return default
    return number if math.isfinite(number) else default


def _ph_type(sp: Any) -> str:
    ph = sp.find(f"{_q('p:nvSpPr')}/{_q('p:nvPr')}/{_q('p:ph')}")
    return str(ph.get("type", "obj")) if ph is not None else ""


FIRST_NUMBERS = range(0, 10_000)  # what a template may number its first slide


def first_slide_number(prs: Any) -> int:
    """The number of the first slide (PowerPoint's Slide Size > Number slides from, which
    some organisations set to 0 so that the title slide goes unnumbered): the deck keeps the
    template's setting, so every number the laid-out deck gives (the guide's, the printed
    slides', the messages') is the one the slide shows. A value out of range counts as 1."""
    given = prs.part._element.get("firstSlideNum")  # noqa: SLF001 (python-pptx has no API)
    try:
        number = int(given) if given is not None else 1
    except ValueError:
        return 1
    return number if number in FIRST_NUMBERS else 1


class Template:
    """The deck template as laying out needs it: read once, each layout's geometry cached."""

    def __init__(self, prs: Any, theme: Theme, name: str = "the deck template"):
        self.prs = prs
        self.name = name
        self.slide = Rect(0.0, 0.0, prs.slide_width / EMU_PER_PT, prs.slide_height / EMU_PER_PT)
        self.scheme = Scheme(prs)
        self.theme = theme
        styles = _table_styles(prs)
        self.table_style = _defined_table_style(styles, self.scheme)  # (id, colours)
        # a default table style the template names but does not define (one of
        # PowerPoint's own, whose colours are PowerPoint's alone): told when a deck has tables
        named = styles.get("def", "") if styles is not None else ""
        self.named_table_style = named if not self.table_style[0] else ""
        master = prs.slide_master
        self.master_places = {
            _PLACE_KINDS.get(_ph_type(ph._element), "other"): ph._element
            for ph in master.placeholders
        }
        styles = master._element.find(_q("p:txStyles"))
        self.list_styles = {  # the master's text styles, by the placeholders that take them
            name: styles.find(_q(tag)) if styles is not None else None
            for name, tag in (
                ("title", "p:titleStyle"),
                ("body", "p:bodyStyle"),
                ("other", "p:otherStyle"),
            )
        }
        # the typefaces of titles and text, and the layouts that draw them in another
        self.font_names, self.other_faces, self.themed = _font_scheme(prs)
        self.first_number = first_slide_number(prs)
        self.master = master
        self.cache: dict[str, Geometry] = {}
        self._drawn: dict[tuple[tuple[str, str], ...], tuple[Fill, tuple[Decoration, ...]]] = {}

    def geometry(self, layout: Any) -> Geometry:
        name = layout.name
        found = self.cache.get(name)
        if found is None:
            try:
                found = self.cache[name] = self._read(layout)
            except Exception as exc:  # noqa: BLE001 - a template is someone else's file
                reason = " ".join(f"{type(exc).__name__}: {exc}".split())[:200]
                raise ContentError(
                    [
                        Problem(
                            Location(self.name),
                            f"layout '{name}' holds something materials-gen cannot read ({reason})",
                            "open the template in PowerPoint, save it again as a .pptx, and "
                            "build again; if it stays, map the slides to another layout",
                        )
                    ]
                ) from None
        return found

    def _read(self, layout: Any) -> Geometry:
        element = layout._element
        scheme = self.scheme.for_layout(element)
        places = []
        for ph in layout.placeholders:
            kind = _PLACE_KINDS.get(_ph_type(ph._element), "other")
            rect = Rect(
                (ph.left or 0) / EMU_PER_PT,
                (ph.top or 0) / EMU_PER_PT,
                (ph.width or 0) / EMU_PER_PT,
                (ph.height or 0) / EMU_PER_PT,
            )
            style = self._style(ph._element, kind, scheme, layout.part)
            numbered: tuple[tuple[Para, ...], float, bool] = ((), 0.0, False)
            if kind == "number":  # a run that says no weight of its own has its style's
                looks = _number_look(ph._element, self.master_places.get("number"))
                numbered = (field_paras(ph._element, style.bold), *looks)
            place = Place(ph.placeholder_format.idx, kind, rect, style, *numbered)
            places.append(self._on_slide(place))
        places.sort(key=lambda p: (p.rect.x, p.rect.y))
        title = next((p for p in places if p.kind == "title"), None)
        subtitle = next((p for p in places if p.kind == "subtitle"), None)
        bodies = _main_first([p for p in places if p.kind == "body"])
        footer = next((p for p in places if p.kind == "footer"), None)
        number = next((p for p in places if p.kind == "number"), None)
        if number is None:  # numbered where the master numbers slides (see _footer)
            number = self._master_number(scheme)
        master_background, master_shapes = self._master_drawing(scheme)
        background = self._background(element, layout.part, scheme) or master_background
        decorations = self._decorations(element, layout.part, scheme, rules=True)
        rule = next((d for d in decorations if d.xml), None)
        decorations = tuple(d for d in decorations if d is not rule)
        if element.get("showMasterSp", "1") not in ("0", "false"):
            decorations = master_shapes + decorations
        return Geometry(
            layout.name,
            title,
            subtitle,
            bodies,
            footer,
            number,
            background,
            decorations,
            scheme.slot("tx1"),
            rule,
        )

    def _master_number(self, scheme: Scheme) -> Place | None:
        """The master's slide-number placeholder, for a layout that has none of its own:
        PowerPoint would show no number on its slides; they show one where the master puts
        it, in a text box of their own (no placeholder: ``idx`` -1)."""
        element = self.master_places.get("number")
        if element is None:
            return None
        rect = _box(element.find(f"{_q('p:spPr')}/{_q('a:xfrm')}"))
        if rect is None:
            return None
        style = self._style(element, "number", scheme, self.master.part)
        size, bold = _number_look(element)
        place = Place(-1, "number", rect, style, field_paras(element, style.bold), size, bold)
        return self._on_slide(place)

    def _on_slide(self, place: Place) -> Place:
        """``place`` kept to the part of it on the slide, where its text is fitted and shown
        (the slide's placeholder is put there): PowerPoint and the printed slides cut off
        what is past the edge. A placeholder wholly off the slide is left where it is (see
        _off_the_slide), and so is a turned one (what is on the slide is its turned box,
        which a box moved on the slide would not keep)."""
        if place.style.rotation % 360:
            return place
        rect = place.rect
        inside = rect.meet(self.slide)
        if inside is None or not _past_the_edge(rect, self.slide):
            return place
        return replace(place, rect=inside, layout_rect=rect)

    def _master_drawing(self, scheme: Scheme) -> tuple[Fill, tuple[Decoration, ...]]:
        """The master's background and shapes in ``scheme``'s colour map: read once for
        each map the layouts use (most use the master's own)."""
        key = tuple(sorted(scheme.mapped.items()))
        found = self._drawn.get(key)
        if found is None:
            master = self.master
            background = self._background(master._element, master.part, scheme) or Fill()
            shapes = self._decorations(master._element, master.part, scheme)
            found = self._drawn[key] = (background, shapes)
        return found

    def _style(self, sp: Any, kind: str, scheme: Scheme, part: Any) -> TextStyle:
        """How the placeholder ``sp`` (of the layout or master whose part is ``part``) sets
        and frames its text: what it says itself, else what its master's placeholder of its
        kind says, else the master's text styles."""
        # a subtitle inherits from the master's body placeholder, as PowerPoint has it
        master = self.master_places.get("body" if kind == "subtitle" else kind)
        family = "title" if kind == "title" else "body" if kind in ("body", "subtitle") else "other"
        # what a placeholder's text looks like: the first of its own list style, its
        # master placeholder's and the master's text styles to say so, at level 1
        lists = [_list_style(sp), _list_style(master), self.list_styles[family]]

        def at(level: int) -> list[Any]:
            tag = _q(f"a:lvl{level}pPr")
            return [styles.find(tag) if styles is not None else None for styles in lists]

        levels = at(1)

        def first(read: Callable[[Any], Any], looked: list[Any] = levels) -> Any:
            return next((v for lvl in looked if lvl is not None for v in [read(lvl)] if v), None)

        def run(name: str, looked: list[Any] = levels) -> str | None:
            """An attribute of the text's runs (``a:defRPr``)."""

            def read(lvl: Any) -> str | None:
                props = lvl.find(_q("a:defRPr"))
                return props.get(name) if props is not None else None

            return first(read, looked)

        def look(looked: list[Any]) -> LevelLook:
            shade = first(
                lambda lvl: scheme.of(lvl.find(f"{_q('a:defRPr')}/{_q('a:solidFill')}")), looked
            )
            return LevelLook(
                shade or scheme.slot("tx1"),
                run("b", looked) in ("1", "true"),
                run("i", looked) in ("1", "true"),
                run("cap", looked) in ("all", "small"),
            )

        main = look(levels)
        colour, bold, italic, caps = main.colour, main.bold, main.italic, main.caps
        # the other levels, where the template draws them otherwise
        others = tuple(
            (level - 1, found)
            for level in range(2, 10)
            for found in [look(at(level))]
            if found != main
        )
        align = first(lambda lvl: lvl.get("algn")) or "l"
        face = ""
        if kind in ("footer", "number"):  # (titles' and text's: see _font_scheme)
            named = first(_typeface) or ""
            face = self.themed.get(named, named)
        bullet = first(lambda lvl: scheme.of(lvl.find(_q("a:buClr"))))
        marks = [_bullet(lists, level) for level in range(1, 10)]  # each level's, and said
        body_prs = [sp.find(f"{_q('p:txBody')}/{_q('a:bodyPr')}")]
        if master is not None:
            body_prs.append(master.find(f"{_q('p:txBody')}/{_q('a:bodyPr')}"))
        body_prs = [b for b in body_prs if b is not None]
        anchor = next((b.get("anchor") for b in body_prs if b.get("anchor")), "t")
        insets = _insets(body_prs)
        return TextStyle(
            colour=colour,
            heading_colour=scheme.slot("accent1"),
            bullet_colour=bullet or colour,
            anchor=anchor,
            align=align,
            insets=insets,
            bold=bold,
            caps=caps,
            italic=italic,
            bullets=tuple(mark for mark, _ in marks),
            levels=others,
            face=face,
            written_marks=frozenset(n for n, (_, said) in enumerate(marks) if not said),
            **_flow(body_prs),
            **self._framed(sp, master, part, scheme),
        )

    def _framed(self, sp: Any, master: Any, part: Any, scheme: Scheme) -> dict[str, Any]:
        """A placeholder's own fill, outline and turn: the first of its own properties and
        its master placeholder's to say (``a:noFill`` says none; a box of its own, no
        turn)."""
        found: dict[str, Any] = {}
        for holder, owner in ((sp, part), (master, self.master.part)):
            props = holder.find(_q("p:spPr")) if holder is not None else None
            if props is None:
                continue
            if "fill" not in found and _says_fill(props):
                found["fill"] = _fill_of(props, owner, scheme)
            if "outline" not in found and props.find(_q("a:ln")) is not None:
                found["outline"] = _outline(props, holder.find(_q("p:style")), scheme, False)
            xfrm = props.find(_q("a:xfrm"))
            if "rotation" not in found and xfrm is not None:  # a box of its own, its turn
                found["rotation"] = (_num(xfrm, "rot", 0) / 60000) % 360
        return found

    def _background(self, element: Any, part: Any, scheme: Scheme) -> Fill | None:
        bg = element.find(f"{_q('p:cSld')}/{_q('p:bg')}")
        if bg is None:
            return None
        props = bg.find(_q("p:bgPr"))
        if props is not None:
            return _fill_of(props, part, scheme) or Fill("#FFFFFF")
        ref = bg.find(_q("p:bgRef"))
        if ref is not None:
            styled = _background_style(ref, scheme)
            if styled is not None:
                fill = _fill_of(styled, part, scheme)
                if fill is not None:
                    return fill
            return Fill(scheme.of(ref) or "#FFFFFF")
        return None

    def _decorations(
        self, element: Any, part: Any, scheme: Scheme, rules: bool = False
    ) -> tuple[Decoration, ...]:
        """The shapes, lines and pictures of a layout or master that are not placeholders,
        those in groups too, in the order they are drawn; with ``rules`` (a layout's), its
        title rule (see :func:`_title_rule`) carries its XML."""
        tree = element.find(f"{_q('p:cSld')}/{_q('p:spTree')}")
        found: list[Decoration] = []
        if tree is not None:
            rule = _title_rule(tree) if rules else None
            _drawn_shapes(tree, part, scheme, _SLIDE, found, rule)
        return tuple(found)


def _background_style(ref: Any, scheme: Scheme) -> Any:
    """The theme's background style a ``p:bgRef`` names (``idx`` 1001 and up), in its
    colour: each "phClr" the style's fill holds is the colour the reference gives (with the
    style's own shading of it), in properties :func:`_fill_of` reads; None when it names
    none (or an index of the shapes' fill styles)."""
    from lxml import etree

    index = int(_num(ref, "idx", 0)) - 1001
    colour = next(iter(ref), None)
    if not 0 <= index < len(scheme.backgrounds) or colour is None:
        return None
    style = copy.deepcopy(scheme.backgrounds[index])
    for holder in list(style.iter(_q("a:schemeClr"))):
        if holder.get("val") != "phClr":
            continue
        given = copy.deepcopy(colour)
        for shade in holder:  # the style's tint, shade or saturation of the colour
            given.append(copy.deepcopy(shade))
        holder.getparent().replace(holder, given)
    props = etree.Element(_q("p:bgPr"))
    props.append(style)
    return props


_SHAPES = {"rect": "rect", "roundRect": "roundRect", "ellipse": "ellipse", "line": "line"}
# presets whose outline is near enough a rectangle, a rounded one or an ellipse to be drawn
# as one (corners cut or rounded differently)
_SHAPES.update(
    {name: "rect" for name in ("flowChartProcess", "snip1Rect", "snip2SameRect",
                               "snip2DiagRect", "snipRoundRect", "flowChartPredefinedProcess")}
    | {name: "roundRect" for name in ("round1Rect", "round2SameRect", "round2DiagRect",
                                      "flowChartAlternateProcess", "plaque")}
    | {name: "ellipse" for name in ("flowChartConnector", "donut")}
)  # fmt: skip


def _hidden(shape: Any) -> bool:
    """Whether a shape (or group) is hidden (``p:cNvPr hidden="1"``): PowerPoint leaves it
    out of the slide."""
    for properties in shape:
        named = properties.find(_q("p:cNvPr"))
        if named is not None:
            return str(named.get("hidden", "")).lower() in ("1", "true")
    return False


def _preset_outline(
    preset: str, geometry: Any, width: float, height: float
) -> tuple[tuple[float, float], ...] | None:
    """The corners of a preset shape that is a polygon (a triangle, a chevron, an arrow's
    plate...) in fractions of its box, its adjustment as the template sets it (else
    PowerPoint's default); None for any other preset."""
    short = min(width, height) or 1.0

    def adjusted(default: int, name: str = "adj") -> float:
        for guide in geometry.iter(_q("a:gd")) if geometry is not None else ():
            formula = str(guide.get("fmla", "")).split()
            if guide.get("name") == name and len(formula) == 2 and formula[0] == "val":
                try:
                    return float(formula[1]) / 100_000
                except ValueError:
                    break
        return default / 100_000

    across = short / (width or 1.0)  # a length of the short side, as a fraction of the width
    down = short / (height or 1.0)
    if preset == "triangle":
        top = min(max(adjusted(50_000), 0.0), 1.0)
        return ((top, 0.0), (1.0, 1.0), (0.0, 1.0))
    if preset == "rtTriangle":
        return ((0.0, 0.0), (1.0, 1.0), (0.0, 1.0))
    if preset == "diamond":
        return ((0.5, 0.0), (1.0, 0.5), (0.5, 1.0), (0.0, 0.5))
    if preset == "parallelogram":
        o = min(adjusted(25_000) * across, 1.0)
        return ((o, 0.0), (1.0, 0.0), (1.0 - o, 1.0), (0.0, 1.0))
    if preset == "trapezoid":
        o = min(adjusted(25_000) * across, 0.5)
        return ((0.0, 1.0), (o, 0.0), (1.0 - o, 0.0), (1.0, 1.0))
    if preset in ("chevron", "homePlate"):
        o = min(adjusted(50_000) * across, 1.0)
        tail = ((o, 0.5),) if preset == "chevron" else ()
        return ((0.0, 0.0), (1.0 - o, 0.0), (1.0, 0.5), (1.0 - o, 1.0), (0.0, 1.0), *tail)
    if preset == "pentagon":
        return ((0.5, 0.0), (1.0, 0.382), (0.809, 1.0), (0.191, 1.0), (0.0, 0.382))
    if preset == "hexagon":
        o = min(adjusted(25_000) * across, 0.5)
        return ((o, 0.0), (1.0 - o, 0.0), (1.0, 0.5), (1.0 - o, 1.0), (o, 1.0), (0.0, 0.5))
    if preset == "octagon":
        ox, oy = min(adjusted(29_289) * across, 0.5), min(adjusted(29_289) * down, 0.5)
        return (
            (ox, 0.0), (1.0 - ox, 0.0), (1.0, oy), (1.0, 1.0 - oy),
            (1.0 - ox, 1.0), (ox, 1.0), (0.0, 1.0 - oy), (0.0, oy),
        )  # fmt: skip
    return None


_ARC_STEPS = 24  # short lines a quarter of an ellipse is drawn with


def _custom_outline(geometry: Any) -> tuple[tuple[tuple[float, float], ...], ...] | None:
    """The figures of a freeform shape (``a:custGeom``) as points in fractions of its box:
    its lines, curves and arcs, each path scaled from its own width and height. None when
    a point is given by a formula rather than a number (then the shape is not drawn)."""
    figures: list[tuple[tuple[float, float], ...]] = []
    for path in geometry.iter(_q("a:path")):
        width, height = _num(path, "w", 0) or 1, _num(path, "h", 0) or 1
        own: list[tuple[tuple[float, float], ...]] = []  # this path's figures, unscaled
        points: list[tuple[float, float]] = []
        current = (0.0, 0.0)
        try:
            for step in path:
                name = step.tag.rsplit("}", 1)[-1]
                pts = [(float(pt.get("x")), float(pt.get("y"))) for pt in step.iter(_q("a:pt"))]
                if name == "moveTo" and pts:
                    if len(points) > 1:
                        own.append(tuple(points))
                    points = [pts[0]]
                elif name in ("lnTo", "cubicBezTo", "quadBezTo") and pts:
                    start = current
                    if name == "lnTo":
                        points.append(pts[-1])
                    else:  # a curve: its points along it
                        controls = [start, *pts]
                        for n in range(1, 9):
                            points.append(_bezier(controls, n / 8))
                elif name == "arcTo":
                    rx, ry = float(step.get("wR", "0")), float(step.get("hR", "0"))
                    start_angle = math.radians(float(step.get("stAng", "0")) / 60_000)
                    swing = math.radians(float(step.get("swAng", "0")) / 60_000)
                    cx = current[0] - rx * math.cos(start_angle)
                    cy = current[1] - ry * math.sin(start_angle)
                    count = max(2, int(abs(swing) / (math.pi / 2) * _ARC_STEPS))
                    for n in range(1, count + 1):
                        angle = start_angle + swing * n / count
                        points.append((cx + rx * math.cos(angle), cy + ry * math.sin(angle)))
                elif name == "close" and len(points) > 1:
                    own.append(tuple(points))
                    points = [points[0]]
                current = points[-1] if points else current
        except (TypeError, ValueError):  # a point named by a guide's formula
            return None
        if len(points) > 1:
            own.append(tuple(points))
        # each path in its own width and height
        figures.extend(tuple((x / width, y / height) for x, y in f) for f in own)
    return tuple(figures) or None


def _bezier(controls: list[tuple[float, float]], t: float) -> tuple[float, float]:
    """The point at ``t`` (0 to 1) of the Bezier curve of ``controls``."""
    points = controls
    while len(points) > 1:
        points = [
            (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
            for a, b in zip(points, points[1:], strict=False)
        ]
    return points[0]


_RELATIONSHIPS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _title_rule(tree: Any) -> Any:
    """A layout's title rule (slides.TITLE_RULE), which each slide carries under its own
    title: the first shape of its own (not in a group) of that name that a slide can carry
    as it is, placed and filled by itself, pointing at no other part (a picture, a link);
    None when the layout has none."""
    for shape in tree.findall(_q("p:sp")):
        named = shape.find(f"{_q('p:nvSpPr')}/{_q('p:cNvPr')}")
        if named is None or named.get("name") != TITLE_RULE or _ph_type(shape):
            continue
        offset = shape.find(f"{_q('p:spPr')}/{_q('a:xfrm')}/{_q('a:off')}")
        linked = any(
            key.startswith(_RELATIONSHIPS) for element in shape.iter() for key in element.attrib
        )
        if offset is not None and not linked:
            return shape
    return None


def _xml(element: Any) -> bytes:
    from lxml import etree

    return bytes(etree.tostring(element))


@dataclass(frozen=True)
class _Frame:
    """Where the shapes of a shape tree land on the slide: the slide's own (as they are),
    or a group's, whose children's coordinates are stretched from its child box onto its
    box, flipped and turned with it about its centre, as PowerPoint draws a group.

    ``matrix`` (a, b, c, d, e, f) takes a point of the tree to the slide (x' = a x + c y + e,
    y' = b x + d y + f); ``scale`` stretches a child's width and height; a child is turned
    ``turn`` degrees further clockwise, and mirrored (left to right, top to bottom) as
    ``mirror`` says. A child keeps its shape, never skewed: turned inside a group stretched
    more one way than the other, it is stretched along its own sides (exact for groups
    stretched evenly or not at all, as PowerPoint leaves a group it resizes by a corner)."""

    matrix: tuple[float, float, float, float, float, float] = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    scale: tuple[float, float] = (1.0, 1.0)
    turn: float = 0.0
    mirror: tuple[bool, bool] = (False, False)

    def place(self, box: Rect, xfrm: Any) -> tuple[Rect, float, tuple[bool, bool]]:
        """A shape's box on the slide, how far it is turned and whether it is mirrored,
        from its box and transform (``a:xfrm``) in this tree."""
        turn, flips = _turn(xfrm), _flips(xfrm)
        if self == _SLIDE:
            return box, turn, flips
        a, b, c, d, e, f = self.matrix
        w, h = box.width * self.scale[0], box.height * self.scale[1]
        if not self.turn and not any(self.mirror):  # only stretched: corner to corner
            placed = Rect(a * box.x + e, d * box.y + f, w, h)
        else:  # its centre carried over, its size stretched
            x, y = box.x + box.width / 2, box.y + box.height / 2
            cx, cy = a * x + c * y + e, b * x + d * y + f
            placed = Rect(cx - w / 2, cy - h / 2, w, h)
        sign = -1 if self.mirror[0] != self.mirror[1] else 1  # a mirror turns the other way
        return (
            placed,
            _degrees(self.turn + sign * turn),
            (flips[0] != self.mirror[0], flips[1] != self.mirror[1]),
        )

    def group(self, group: Any) -> _Frame:
        """The frame of a group's children, inside this one."""
        props = group.find(_q("p:grpSpPr"))
        xfrm = props.find(_q("a:xfrm")) if props is not None else None
        box = _box(xfrm)
        if box is None:
            return self
        child_box = _box(xfrm, "a:chOff", "a:chExt") or box  # none: the group's own box
        sx = box.width / child_box.width if child_box.width else 1.0
        sy = box.height / child_box.height if child_box.height else 1.0
        turn, (flip_h, flip_v) = _turn(xfrm), _flips(xfrm)
        # in the group's own place: stretched onto its box, flipped, then turned, both
        # about its centre
        mx, my = (-1.0 if flip_h else 1.0), (-1.0 if flip_v else 1.0)
        cos, sin = math.cos(math.radians(turn)), math.sin(math.radians(turn))
        bx, by = box.x + box.width / 2, box.y + box.height / 2
        # a child's point (x, y) -> stretched (u, v) -> about the centre (p, q) -> turned
        lin = (cos * mx * sx, sin * mx * sx, -sin * my * sy, cos * my * sy)
        u0, v0 = box.x - child_box.x * sx - bx, box.y - child_box.y * sy - by
        p0, q0 = mx * u0, my * v0
        e0, f0 = bx + cos * p0 - sin * q0, by + sin * p0 + cos * q0
        a, b, c, d, e, f = self.matrix
        matrix = (
            a * lin[0] + c * lin[1],
            b * lin[0] + d * lin[1],
            a * lin[2] + c * lin[3],
            b * lin[2] + d * lin[3],
            a * e0 + c * f0 + e,
            b * e0 + d * f0 + f,
        )
        sign = -1 if self.mirror[0] != self.mirror[1] else 1
        return _Frame(
            matrix,
            (self.scale[0] * sx, self.scale[1] * sy),
            _degrees(self.turn + sign * turn),
            (self.mirror[0] != flip_h, self.mirror[1] != flip_v),
        )


_SLIDE = _Frame()  # a slide's (or layout's) own shapes: where they are
_FULL_TURN = 21_600_000  # 360 degrees in OOXML's 60,000ths
_FARTHEST = 27_273_042_316_900  # OOXML's farthest coordinate (ST_Coordinate), EMU
_FAR = 1e7  # points: a shape reaching farther off the slide is not drawn


def _degrees(turn: float) -> float:
    """A turn in degrees as one between -180 and 180."""
    return math.remainder(turn, 360.0) if math.isfinite(turn) else 0.0


def _turn(xfrm: Any) -> float:
    """How far an ``a:xfrm`` turns its shape clockwise, in degrees between -180 and 180
    (whole turns left out exactly, however many a template writes)."""
    rot = _num(xfrm, "rot")
    rot = rot % _FULL_TURN if isinstance(rot, int) else math.fmod(rot, _FULL_TURN)
    return _degrees(rot / 60000)


def _flips(xfrm: Any) -> tuple[bool, bool]:
    """Whether an ``a:xfrm`` flips its shape left to right, and top to bottom."""
    if xfrm is None:
        return False, False
    return xfrm.get("flipH") in ("1", "true"), xfrm.get("flipV") in ("1", "true")


def _drawn_shapes(
    tree: Any,
    part: Any,
    scheme: Scheme,
    frame: _Frame,
    found: list[Decoration],
    rule: Any = None,
    group_fill: Fill | None = None,
) -> None:
    """Add to ``found`` the decorations of a shape tree (a slide's, or a group's, whose
    coordinates ``frame`` takes onto the slide); ``rule``, the layout's title rule, with
    its XML; ``group_fill``, the fill of the group the tree is (a shape filled "as its
    group", ``a:grpFill``, takes it)."""
    for shape in tree:
        tag = shape.tag
        if _hidden(shape):  # hidden in PowerPoint's Selection Pane: not drawn
            continue
        if tag == _q("p:grpSp"):
            props = shape.find(_q("p:grpSpPr"))
            inner = group_fill
            if props is not None and _says_fill(props):
                inner = _fill_of(props, part, scheme, group_fill)
            _drawn_shapes(shape, part, scheme, frame.group(shape), found, group_fill=inner)
            continue
        if tag not in (_q("p:sp"), _q("p:pic"), _q("p:cxnSp")) or _ph_type(shape):
            continue
        props = shape.find(_q("p:spPr"))
        xfrm = props.find(_q("a:xfrm")) if props is not None else None
        box = _box(xfrm)
        if box is None:
            continue
        rect, turn, mirror = frame.place(box, xfrm)
        if not all(abs(v) < _FAR for v in (rect.x, rect.y, rect.width, rect.height)):
            continue  # nowhere near the slide, or stretched past all measure
        style = shape.find(_q("p:style"))
        geometry = props.find(_q("a:prstGeom"))
        preset = geometry.get("prst", "rect") if geometry is not None else "rect"
        line = tag == _q("p:cxnSp") or preset in ("line", "straightConnector1")
        drawn_as = "line" if line else _SHAPES.get(preset)
        edge: tuple[tuple[tuple[float, float], ...], ...] = ()
        custom = props.find(_q("a:custGeom"))
        if custom is not None and tag != _q("p:pic"):
            edge = _custom_outline(custom) or ()
            drawn_as = "path" if edge else None
        elif drawn_as is None:
            corners = _preset_outline(preset, geometry, box.width, box.height)
            edge = (corners,) if corners else ()
            drawn_as = "path" if edge else None
        if drawn_as is None and tag != _q("p:pic"):
            # an outline materials-gen cannot draw (a star, an arrow, a freeform given by
            # formulas): left off the printed slide, rather than drawn as the rectangle
            # around it, over the text
            continue
        if edge and any(mirror):
            edge = tuple(
                tuple((1 - x if mirror[0] else x, 1 - y if mirror[1] else y) for x, y in f)
                for f in edge
            )
        if tag == _q("p:pic"):
            fill = _fill_of(shape, part, scheme)
        elif line:
            fill = None
        elif _says_fill(props):
            fill = _fill_of(props, part, scheme, group_fill)
        else:
            fill = _style_fill(style, scheme)
        outline = _outline(props, style, scheme, line)
        text = _shape_text(shape, rect, style, scheme) if tag == _q("p:sp") else None
        if fill is None and outline is None and text is None:
            continue
        found.append(
            Decoration(
                rect,
                fill or Fill(None),
                outline,
                drawn_as or "rect",
                turn,
                mirror[0] != mirror[1],
                text,
                _xml(shape) if shape is rule else b"",
                mirror,
                edge,
                _dash(props, outline),
                _line_ends(props) if line else ("", ""),
            )
        )


_TEMPLATE_SIZE = 18.0  # PowerPoint's size for a text box's text that names none
_LARGEST_SIZE = 400.0  # PowerPoint's largest
_MOST_SAID = 1000  # characters of a template shape's own text that are laid out


def _shape_text(shape: Any, rect: Rect, style: Any, scheme: Scheme) -> TextBox | None:
    """The text a template's own shape shows on every slide of its layout (a "Confidential"
    mark, a tagline on a bar), as PowerPoint draws it: each paragraph's runs and line breaks,
    a field's text as last shown, the size, colour, bold and italics of its first run (or
    of the shape's list style, or its style's font colour), its alignment, anchor, margins,
    shrinking (``normAutofit``), wrapping, direction (``vert``) and columns; or None when it
    says nothing."""
    body = shape.find(_q("p:txBody"))
    if body is None:
        return None
    level = body.find(f"{_q('a:lstStyle')}/{_q('a:lvl1pPr')}")
    defaults = level.find(_q("a:defRPr")) if level is not None else None
    paras: list[Para] = []
    first: Any = None  # the first run's properties
    align = level.get("algn") if level is not None else None
    room = _MOST_SAID  # a template's own words are a few: the rest is never laid out
    for paragraph in body.iter(_q("a:p")):
        if room <= 0:
            break
        props = paragraph.find(_q("a:pPr"))
        if align is None and props is not None:
            align = props.get("algn")
        if first is None:  # the first run's look, for the shape's size and colour
            first = next(
                (x for x in paragraph.iter(_q("a:rPr")) if x.getparent().tag != _q("a:br")),
                None,
            )
        runs, room = _template_runs(paragraph, room, _on(defaults, "b"), _on(defaults, "i"))
        paras.append(Para(runs))
    if not any(p.text.strip() for p in paras):
        return None
    looks_at = [x for x in (first, defaults) if x is not None]
    sizes = (_num(x, "sz") / 100 for x in looks_at if x.get("sz"))
    size = min(max(next((z for z in sizes if z > 0), _TEMPLATE_SIZE), 1.0), _LARGEST_SIZE)
    font_ref = style.find(_q("a:fontRef")) if style is not None else None
    colour = next(
        (c for x in looks_at for c in [scheme.of(x.find(_q("a:solidFill")))] if c),
        scheme.of(font_ref) or scheme.slot("tx1"),
    )
    layout = body.find(_q("a:bodyPr"))
    layout = layout if layout is not None else body.makeelement(_q("a:bodyPr"), {})
    shrunk = layout.find(_q("a:normAutofit"))
    if shrunk is not None and shrunk.get("fontScale"):
        size = max(1.0, size * min(1.0, max(0.0, _num(shrunk, "fontScale", 100000) / 100000)))
    insets = _insets([layout])
    caps = any(x.get("cap") in ("all", "small") for x in looks_at)
    look = TextStyle(
        colour=colour,
        heading_colour=colour,
        bullet_colour=colour,
        anchor=layout.get("anchor", "t"),
        align=align or "l",
        insets=insets,
        caps=caps,
        bullets=("",) * 9,
        wrap=layout.get("wrap") != "none",
        **_flow([layout]),
    )
    return TextBox(rect, "template", look.shown(tuple(paras)), max(1, round(size)), look)


_TEXT_TURNS = {
    "vert": 90.0,
    "vert270": 270.0,
    "eaVert": 90.0,
    "mongolianVert": 90.0,
    "wordArtVert": 90.0,
    "wordArtVertRtl": 90.0,
}
STACKED = ("wordArtVert", "wordArtVertRtl")  # letters one under the other, all upright
_MOST_COLUMNS = 16  # OOXML's most (numCol)


def _flow(body_prs: list[Any]) -> dict[str, Any]:
    """How a text runs, from the first of ``body_prs`` (its own ``a:bodyPr``, then what it
    inherits) to say: its direction (``vert``; one PowerPoint does not know is read as
    across, as PowerPoint reads it) and its columns and the gap between them, as
    :class:`TextStyle` keeps them (only what differs from text across, in one column)."""

    def first(name: str) -> Any:
        return next((b for b in body_prs if b.get(name) is not None), None)

    found: dict[str, Any] = {}
    vertical = first("vert")
    if vertical is not None and vertical.get("vert") in _TEXT_TURNS:
        found["vertical"] = vertical.get("vert")
    columns = first("numCol")
    count = int(min(max(_num(columns, "numCol", 1), 1), _MOST_COLUMNS))
    if count > 1:
        found["columns"] = count
        found["column_gap"] = max(0.0, min(_num(first("spcCol"), "spcCol"), 1e9) / EMU_PER_PT)
    return found


def _insets(body_prs: list[Any]) -> tuple[float, float, float, float]:
    """A text box's margins in points (left, top, right, bottom): each the first of
    ``body_prs`` (its own ``a:bodyPr``, then what it inherits) to give it, else OOXML's."""
    return tuple(  # type: ignore[return-value]
        next((_num(b, name) / EMU_PER_PT for b in body_prs if b.get(name) is not None), default)
        for name, default in zip(("lIns", "tIns", "rIns", "bIns"), DEFAULT_INSETS, strict=True)
    )


def _on(props: Any, name: str) -> bool:
    """Whether run properties turn ``name`` ("b", "i") on."""
    return props is not None and props.get(name) in ("1", "true")


def _box(xfrm: Any, offset: str = "a:off", extent: str = "a:ext") -> Rect | None:
    """The box an ``a:xfrm`` gives (or, with ``a:chOff`` and ``a:chExt``, a group's child
    box), in points, or None; a number past OOXML's farthest is read as that."""
    if xfrm is None:
        return None
    off, ext = xfrm.find(_q(offset)), xfrm.find(_q(extent))
    if off is None or ext is None:
        return None
    x, y, w, h = (
        min(max(_num(element, name), -_FARTHEST), _FARTHEST) / EMU_PER_PT
        for element, name in ((off, "x"), (off, "y"), (ext, "cx"), (ext, "cy"))
    )
    return Rect(x, y, max(w, 0.0), max(h, 0.0))


_FILLS = ("solidFill", "gradFill", "pattFill", "blipFill", "noFill", "grpFill")


def _says_fill(props: Any) -> bool:
    """Whether shape properties say how the shape is filled (else its style does)."""
    return any(child.tag.rsplit("}", 1)[-1] in _FILLS for child in props)


def _style_fill(style: Any, scheme: Scheme) -> Fill | None:
    """The fill a shape takes from its style (``p:style/a:fillRef``), as PowerPoint's own
    shapes are filled: the colour it names; none for index 0."""
    ref = style.find(_q("a:fillRef")) if style is not None else None
    if ref is None or ref.get("idx", "0") == "0":
        return None
    colour = scheme.of(ref)
    return Fill(colour) if colour else None


def _outline(props: Any, style: Any, scheme: Scheme, line: bool) -> tuple[str, float] | None:
    """A shape's outline, colour and width in points: its own (``a:ln``), else its style's
    (``a:lnRef``); None when it has none."""
    ln = props.find(_q("a:ln"))
    width = _num(ln, "w", 12700) / EMU_PER_PT if ln is not None else 1.0
    if ln is not None:
        if ln.find(_q("a:noFill")) is not None:
            return None
        colour = scheme.of(ln.find(_q("a:solidFill")))
        if colour:
            return colour, width
    ref = style.find(_q("a:lnRef")) if style is not None else None
    if ref is not None and ref.get("idx", "0") != "0":
        colour = scheme.of(ref)
        if colour:
            return colour, width
    return None


# PowerPoint's dash presets: dashes and gaps, in line widths
_DASHES = {
    "dot": (1, 1), "sysDot": (1, 1), "dash": (4, 3), "sysDash": (3, 1), "lgDash": (8, 3),
    "dashDot": (4, 3, 1, 3), "sysDashDot": (3, 1, 1, 1), "lgDashDot": (8, 3, 1, 3),
    "lgDashDotDot": (8, 3, 1, 3, 1, 3), "sysDashDotDot": (3, 1, 1, 1, 1, 1),
}  # fmt: skip


def _line_ends(props: Any) -> tuple[str, str]:
    """A line's arrowheads (``a:headEnd`` at its start, ``a:tailEnd`` at its end)."""
    ln = props.find(_q("a:ln"))
    found = []
    for end in ("a:headEnd", "a:tailEnd"):
        element = ln.find(_q(end)) if ln is not None else None
        kind = str(element.get("type", "none")) if element is not None else "none"
        found.append("" if kind == "none" else kind)
    return found[0], found[1]


def _dash(props: Any, outline: tuple[str, float] | None) -> tuple[float, ...]:
    """A shape's outline dashes and gaps in points (``a:prstDash``), () for a solid line."""
    preset = props.find(f"{_q('a:ln')}/{_q('a:prstDash')}") if outline is not None else None
    pattern = _DASHES.get(str(preset.get("val", ""))) if preset is not None else None
    if pattern is None or outline is None:
        return ()
    width = max(outline[1], 0.25)
    return tuple(step * width for step in pattern)


def _fill_of(holder: Any, part: Any, scheme: Scheme, group: Fill | None = None) -> Fill | None:
    """How ``holder`` (a background's or a shape's properties, a picture) is filled: a
    colour, a gradient, a pattern (its two colours mixed, as it reads from afar) or a
    picture; its ``group``'s fill when it is filled as its group; None when it is not
    filled."""
    for child in holder:
        name = child.tag.rsplit("}", 1)[-1]
        if name == "grpFill":
            return group
        if name == "solidFill":
            colour = scheme.of(child)
            return Fill(colour) if colour else None
        if name == "gradFill":
            stops = []
            for stop in child.iterfind(f"{_q('a:gsLst')}/{_q('a:gs')}"):
                colour = scheme.of(stop)
                if colour:
                    stops.append((_num(stop, "pos") / 100000, colour))
            stops.sort()
            if not stops:
                return None
            linear = child.find(_q("a:lin"))
            outward = child.find(_q("a:path"))
            if len(stops) == 1:
                return Fill(stops[0][1])
            if linear is None and outward is not None:  # from its focus outward
                focus = outward.find(_q("a:fillToRect"))
                left, top, right, bottom = (
                    _num(focus, side) / 100000 if focus is not None else 0.5 for side in "ltrb"
                )
                centre = ((left + 1 - right) / 2, (top + 1 - bottom) / 2)
                return Fill(None, stops=tuple(stops), centre=centre)
            if linear is None:
                return Fill(_mix([c for _, c in stops]))
            return Fill(None, stops=tuple(stops), angle=_num(linear, "ang") / 60000)
        if name == "pattFill":  # read from afar: its colours mixed by how much of each shows
            front, back = (scheme.of(child.find(_q(f"a:{c}"))) for c in ("fgClr", "bgClr"))
            share = _pattern_share(str(child.get("prst", "")))
            return Fill(_mix([front or "#000000", back or "#FFFFFF"], [share, 1 - share]))
        if name == "blipFill":
            picture = _picture(child, part)
            return Fill(None, picture) if picture is not None else None
        if name == "noFill":
            return None
    return None


def _picture(blip_fill: Any, part: Any) -> Picture | None:
    """A ``blipFill``'s picture, faded, cropped and tiled as it says."""
    blip = blip_fill.find(_q("a:blip"))
    from ..images import drawable

    data = _related_blob(part, blip.get(_q("r:embed"))) if blip is not None else None
    if data is None or not drawable(data):  # EMF, SVG, EPS: PowerPoint's alone to draw
        return None
    fade = blip.find(_q("a:alphaModFix"))
    alpha = _num(fade, "amt", 100000) / 100000 if fade is not None else 1.0
    cut = blip_fill.find(_q("a:srcRect"))
    crop = (0.0, 0.0, 0.0, 0.0)
    if cut is not None:
        sides = [max(0.0, _num(cut, side) / 100000) for side in "ltrb"]
        if sides[0] + sides[2] < 0.99 and sides[1] + sides[3] < 0.99:  # something is left
            crop = (sides[0], sides[1], sides[2], sides[3])
    tile = blip_fill.find(_q("a:tile"))
    scale = 0.0  # stretched
    if tile is not None:  # repeated at its own size, scaled as the tile says
        scale = max(0.01, _num(tile, "sx", 100000) / 100000)
    return Picture(_recoloured(data, blip), max(0.0, min(1.0, alpha)), crop, scale)


def _recoloured(data: bytes, blip: Any) -> bytes:
    """A picture as the template recolours it: in greys (``a:grayscl``), one colour made
    see-through or another (``a:clrChange``, PowerPoint's Set Transparent Color); the
    picture as it is when it asks for neither (or cannot be read)."""
    grey = blip.find(_q("a:grayscl")) is not None
    change = blip.find(_q("a:clrChange"))
    if not grey and change is None:
        return data
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            picture = image.convert("RGBA")
    except (OSError, ValueError, Image.DecompressionBombError):
        return data
    if change is not None:
        source = _hex_of(change.find(_q("a:clrFrom")))
        target = change.find(_q("a:clrTo"))
        colour = _hex_of(target)
        if source is not None and colour is not None:
            faded = target.find(f".//{_q('a:alpha')}") if target is not None else None
            alpha = round(255 * _num(faded, "val", 100000) / 100000) if faded is not None else 255
            old = tuple(int(source[i : i + 2], 16) for i in (1, 3, 5))
            new = (*(int(colour[i : i + 2], 16) for i in (1, 3, 5)), alpha)
            picture.putdata(
                [new if pixel[:3] == old and pixel[3] else pixel for pixel in picture.getdata()]
            )
    if grey:
        alpha_band = picture.getchannel("A")
        picture = picture.convert("L").convert("RGBA")
        picture.putalpha(alpha_band)
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()


def _hex_of(holder: Any) -> str | None:
    """The colour a ``clrFrom`` or ``clrTo`` names as RGB (``a:srgbClr``), or None."""
    rgb = holder.find(_q("a:srgbClr")) if holder is not None else None
    value = str(rgb.get("val", "")) if rgb is not None else ""
    return f"#{value.upper()}" if re.fullmatch(r"[0-9A-Fa-f]{6}", value) else None


def _mix(colours: list[str], weights: list[float] | None = None) -> str:
    """Some #RRGGBB(AA) colours mixed, evenly or by ``weights`` (their alpha left out)."""
    weights = weights or [1.0] * len(colours)
    total = sum(weights) or 1.0
    channels = [[int(c[i : i + 2], 16) for c in colours] for i in (1, 3, 5)]
    return "#" + "".join(
        f"{round(sum(v * w for v, w in zip(vs, weights, strict=True)) / total):02X}"
        for vs in channels
    )


def _pattern_share(preset: str) -> float:
    """How much of a pattern its foreground colour covers: "pct30" 30%, the dark ones
    ("dkDnDiag") most, the light ones ("ltHorz") little, the others half."""
    if preset.startswith("pct") and preset[3:].isdigit():
        return int(preset[3:]) / 100
    if preset.startswith("dk"):
        return 0.75
    if preset.startswith("lt"):
        return 0.25
    return 0.5


def _number_look(*shapes: Any) -> tuple[float, bool]:
    """The size (points, 0 when none is said) and weight a slide-number placeholder draws
    its number in: its field's own, else its list style's, else those of the master's
    (``shapes``: the placeholder, then the master's of its kind, either may be None)."""
    size, bold = 0.0, None
    for shape in shapes:
        if shape is None:
            continue
        body = shape.find(_q("p:txBody"))
        if body is None:
            continue
        number = [  # the number's own look first: the field's
            f.find(_q("a:rPr")) for f in body.iter(_q("a:fld")) if f.get("type") == "slidenum"
        ]
        said = [
            *(looks for looks in number if looks is not None),
            *body.iter(_q("a:rPr")),
            *body.findall(f"{_q('a:lstStyle')}/{_q('a:lvl1pPr')}/{_q('a:defRPr')}"),
        ]
        for looks in said:
            if not size and looks.get("sz"):
                size = min(max(_num(looks, "sz") / 100, 1.0), _LARGEST_SIZE)
                # shrunk by PowerPoint to fit its box ("normAutofit"), as PowerPoint shows it
                shrunk = body.find(f"{_q('a:bodyPr')}/{_q('a:normAutofit')}")
                if shrunk is not None and shrunk.get("fontScale"):
                    scale = _num(shrunk, "fontScale", 100000) / 100000
                    size = max(1.0, size * min(1.0, max(0.0, scale)))
            if bold is None and looks.get("b") is not None:
                bold = looks.get("b") in ("1", "true")
    return size, bool(bold)


def _side_by_side(geometry: Geometry) -> bool:
    """Whether a layout's first two text places are two columns (about one size), not a
    text and its caption."""
    areas = [p.rect.width * p.rect.height for p in geometry.bodies[:2]]
    return len(areas) == 2 and min(areas) >= max(areas) * ALIKE


def _main_first(bodies: list[Place]) -> tuple[Place, ...]:
    """A layout's text placeholders, the main ones first, each group in reading order: the
    largest, with the next largest when it is about as large (the two columns of "Two
    Content", or "Comparison"'s two content boxes, not the small headings above them),
    then the others."""
    ranked = sorted(bodies, key=lambda p: -(p.rect.width * p.rect.height))
    if not ranked:
        return ()
    largest = ranked[0].rect.width * ranked[0].rect.height
    main = [p for p in ranked[:2] if p.rect.width * p.rect.height >= largest * ALIKE]
    main.sort(key=lambda p: (p.rect.x, p.rect.y))
    return tuple(main + [p for p in bodies if p not in main])


def _font_scheme(
    prs: Any,
) -> tuple[tuple[str, str], dict[str, dict[str, str]], dict[str, str]]:
    """The Latin typefaces the template draws titles and body text in: those its slide
    master's text styles name (as LibreOffice always writes them, and a designer may),
    the theme's heading (major) and body (minor) fonts standing for "+mj-lt" and "+mn-lt";
    where a style names none, the theme's heading font for titles and body font for the
    rest, as PowerPoint does. With the layouts that draw them in another of their own
    ("title" and "body": layout name -> typeface), whose slides are fitted in it when
    materials-gen has it (see layout_fonts)). And the typefaces the theme's names stand
    for ("+mj-lt", "+mn-lt": its heading and body fonts), as a placeholder's style says them.
    """
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    master = prs.slide_master
    try:
        theme = etree.fromstring(master.part.part_related_by(RT.THEME).blob)
    except (KeyError, ValueError, etree.XMLSyntaxError):
        theme = None
    names = []
    for which in ("a:majorFont", "a:minorFont"):
        scheme = f".//{_q('a:fontScheme')}/{_q(which)}/{_q('a:latin')}"
        latin = theme.find(scheme) if theme is not None else None
        names.append(str(latin.get("typeface", "")) if latin is not None else "")
    major, minor = names
    themed = {"+mj-lt": major, "+mn-lt": minor}

    def styled(style: str, usual: str) -> str:
        path = f"{_q('p:txStyles')}/{_q(style)}/{_q('a:lvl1pPr')}/{_q('a:defRPr')}/{_q('a:latin')}"
        latin = master.element.find(path)
        face = str(latin.get("typeface", "")).strip() if latin is not None else ""
        return themed.get(face, face) or usual

    def face(shape: Any) -> str:
        latin = shape.find(_PLACED_LATIN) if shape is not None else None
        named = str(latin.get("typeface", "")).strip() if latin is not None else ""
        return themed.get(named, named)

    def placed(kinds: frozenset[str], usual: str) -> tuple[str, dict[str, str]]:
        """The typeface the placeholders of ``kinds`` draw in when their own style names
        it, as Google Slides writes a template and PowerPoint a restyled layout (over the
        master's text styles, as PowerPoint reads it): the master's placeholder's, and the
        layouts' when every layout's agrees; and the layouts whose own differs from it."""
        master_face = (
            next(
                (
                    face(shape)
                    for shape in master.element.iter(_q("p:sp"))
                    if _ph_type(shape) in kinds and face(shape)
                ),
                "",
            )
            or usual
        )
        faces = {
            str(layout.name): face(shape) or master_face
            for layout in master.slide_layouts
            for shape in layout._element.iter(_q("p:sp"))
            if _ph_type(shape) in kinds
        }
        distinct = set(faces.values())
        chosen = distinct.pop() if len(distinct) == 1 else master_face
        return chosen, {name: f for name, f in faces.items() if f != chosen}

    title, odd_titles = placed(_TITLE_PLACES, styled("p:titleStyle", major))
    body, odd_bodies = placed(_BODY_PLACES, styled("p:bodyStyle", minor))
    return (title, body), {"title": odd_titles, "body": odd_bodies}, themed


_TITLE_PLACES = frozenset({"title", "ctrTitle"})
_BODY_PLACES = frozenset({"body", "obj", "subTitle"})
_PLACED_LATIN = "/".join(
    _q(tag) for tag in ("p:txBody", "a:lstStyle", "a:lvl1pPr", "a:defRPr", "a:latin")
)


# Fonts made with the widths of the Office fonts templates name: measured in one, text
# breaks where PowerPoint breaks it in the other (a theme may give their files).
SAME_WIDTHS = {
    "calibri": "carlito",
    "cambria": "caladea",
    "arial": "liberation sans",
    "helvetica": "liberation sans",
    "times new roman": "liberation serif",
    "courier new": "liberation mono",
}


def template_fonts(
    template: Template, theme: Theme
) -> tuple[FontFamily, FontFamily, tuple[tuple[str, str], ...]]:
    """The body and heading fonts to fit and print in: the template's own when they are
    families materials-gen has (so fitting measures what PowerPoint will draw), else the
    theme's; and what to tell the trainer of a template font fitted in another, whose lines
    PowerPoint may break elsewhere. The built-in template names the theme's fonts."""
    from ..errors import Problem as _Problem
    from ..theme import _builtin_family, builtin_families

    available = builtin_families()
    heading_name, body_name = template.font_names
    chosen = []
    notes = []
    roles = (("body", body_name, theme.body_font), ("heading", heading_name, theme.heading_font))
    unknown: dict[tuple[str, str], list[str]] = {}  # (font, fitted in) -> its roles
    for role, name, fallback in roles:
        family = None
        if name and name not in (fallback.name,) and name in available:
            problems: list[_Problem] = []
            family = _builtin_family(name, Location(name), problems)
        elif name and not _same_widths(name, fallback.name):
            unknown.setdefault((name, fallback.name), []).append(role)
        chosen.append(family or fallback)
    for (name, fitted), used in unknown.items():
        like = SAME_WIDTHS.get(name.casefold())
        which = " and ".join(used)
        notes.append(
            (
                f"its {which} font '{name}' is not one materials-gen has: the slides are "
                f"fitted and printed in {fitted}, while PowerPoint draws them in {name}, so "
                "some lines may break elsewhere",
                f"to fit them as drawn, give the theme's {which} font {name}'s TrueType files"
                + (f" (or those of {like.title()}, made with its widths)" if like else ""),
            )
        )
    return chosen[0], chosen[1], tuple(notes)


def _face_family(
    face: str, named: tuple[tuple[str, FontFamily], ...], theme: Theme
) -> FontFamily | None:
    """The family a footer or slide number whose placeholder names ``face`` is fitted and
    printed in: that font when materials-gen has it; the body's or the heading's when it
    is the font the template names for them (``named``: each name and the family fitted
    for it, the body's first, which is told of already when lacking). None for a font it
    lacks."""
    for name, family in named:
        if not face or _same_widths(face, name) or _same_widths(face, family.name):
            return family
    body = named[0][1]
    own = _family(face, body, theme)
    return own if own is not body else None


def layout_fonts(
    template: Template, theme: Theme, body: FontFamily, heading: FontFamily
) -> dict[str, tuple[FontFamily, FontFamily]]:
    """The body and heading fonts of each layout that draws its text or titles in a font of
    its own (``template.other_faces``), when materials-gen has that font: its slides are
    fitted and printed in it, as PowerPoint draws them. A layout in a font it lacks keeps
    ``body`` and ``heading`` (the build warns of it: see _other_faces)."""
    found: dict[str, tuple[FontFamily, FontFamily]] = {}
    names = {*template.other_faces["title"], *template.other_faces["body"]}
    for name in sorted(names):
        own_body = _family(template.other_faces["body"].get(name), body, theme)
        own_heading = _family(template.other_faces["title"].get(name), heading, theme)
        if (own_body, own_heading) != (body, heading):
            found[name] = (own_body, own_heading)
    return found


def _family(face: str | None, usual: FontFamily, theme: Theme) -> FontFamily:
    """The family of a layout's own ``face``: the theme's of that name, else the built-in
    one; ``usual`` when it names none, or one materials-gen does not have."""
    from ..errors import Problem as _Problem
    from ..theme import _builtin_family, builtin_families

    if not face or _same_widths(face, usual.name):
        return usual
    for family in (theme.body_font, theme.heading_font):
        if family.name.casefold() == face.casefold():
            return family
    if face in builtin_families():
        problems: list[_Problem] = []
        return _builtin_family(face, Location(face), problems) or usual
    return usual


def _same_widths(name: str, other: str) -> bool:
    """Whether text set in ``other`` breaks where it does in ``name`` (the same family, or
    one made with its widths)."""
    a, b = name.casefold(), other.casefold()
    return a == b or SAME_WIDTHS.get(a) == b or SAME_WIDTHS.get(b) == a


def _typeface(level: Any) -> str:
    """The Latin typeface a list level's run properties name (``a:defRPr/a:latin``), or ""."""
    latin = level.find(f"{_q('a:defRPr')}/{_q('a:latin')}")
    return str(latin.get("typeface", "")).strip() if latin is not None else ""


def _list_style(shape: Any) -> Any:
    """A placeholder's own list style (``a:lstStyle`` of its text), or None."""
    if shape is None:
        return None
    body = shape.find(_q("p:txBody"))
    return body.find(_q("a:lstStyle")) if body is not None else None


# Fonts whose letters are pictures: a bullet in one is drawn as the usual one
_SYMBOL_FONTS = ("wingdings", "webdings", "symbol", "marlett")


def _bullet(lists: list[Any], level: int) -> tuple[str, bool]:
    """The mark a template puts before a bulleted paragraph at ``level`` (1-9): that of the
    first list style that says (the placeholder's, its master's, the master's text styles);
    "" for none; the usual bullet when none says or when it is a picture font's letter. And
    whether the template says it so (a character, or none): not when it numbers the
    paragraphs, draws a picture, or says nothing (the deck then writes the mark itself)."""
    for styles in lists:
        props = styles.find(_q(f"a:lvl{level}pPr")) if styles is not None else None
        if props is None:
            continue
        if props.find(_q("a:buNone")) is not None:
            return "", True
        char = props.find(_q("a:buChar"))
        if char is not None and char.get("char"):
            font = props.find(_q("a:buFont"))
            face = str(font.get("typeface", "")).casefold() if font is not None else ""
            return "\u2022" if face.startswith(_SYMBOL_FONTS) else str(char.get("char"))[:1], True
        if props.find(_q("a:buAutoNum")) is not None or props.find(_q("a:buBlip")) is not None:
            return "\u2022", False
    return "\u2022", False


def _related_blob(part: Any, rid: str | None) -> bytes | None:
    if not rid:
        return None
    try:
        return part.related_part(rid).blob
    except (KeyError, AttributeError):
        return None


# ---------------------------------------------------------------- laying out


@dataclass
class _Work:
    """What laying out one deck carries from slide to slide."""

    measure: Measure  # the slide's being laid out (its layout's: see measure_for)
    template: Template
    layouts: Any  # pptx_template.LayoutMap
    footer: str
    audience: str
    images: dict[str, bytes]
    width: float
    height: float
    problems: list[Problem]
    next_number: int = 1
    # how much larger than a standard slide this one is (see fit.slide_scale), and so the
    # slide roles' sizes: every size the deck gives its text is fitted within them
    scale: float = 1.0
    roles: dict[str, Role] = field(default_factory=lambda: ROLES)
    day: str = ""  # the content's date, as the footers write it (what a date field says)
    # slides whose text or table their layout has no place for, by (layout, kind, what):
    # told once for each, not once a slide
    unplaced: dict[tuple[str, str, str], list[tuple[int, str]]] = field(default_factory=dict)
    # layouts whose text placeholder cannot hold one line at its role's floor: the
    # template's fault, said once a layout (its kinds, its box), never slide by slide
    # (layout, "text" or "title") -> the kinds of slide, the placeholder's place, the floor
    cramped: dict[tuple[str, str], tuple[list[str], Place, int]] = field(default_factory=dict)
    # the deck's own measure, and those of the layouts that draw in fonts of their own
    usual: Measure | None = None
    measures: dict[str, Measure] = field(default_factory=dict)
    # the kinds of slide this deck has (the template's layout map, shared by every deck,
    # holds the layouts it found for every deck's kinds)
    kinds: set[str] = field(default_factory=set)
    deck: DeckTemplate | None = None  # for its footers' fonts (see face_measure)

    def face_measure(self, face: str) -> Measure:
        """What a footer or slide number in ``face`` is fitted in (DeckTemplate's)."""
        return self.deck.face_measure(face)[0] if self.deck is not None else self.measure

    def measure_for(self, layout: str) -> Measure:
        """The fonts a layout's slides are fitted in: its own, else the deck's."""
        usual = self.usual or self.measure
        return self.measures.get(layout, usual)

    def unplace(self, geometry: Geometry, slide: Slide, number: int, what: str) -> None:
        sample = slide.body[0].text if slide.body else ""
        self.unplaced.setdefault((geometry.name, slide.kind, what), []).append((number, sample))

    def too_small(self, geometry: Geometry, slide: Slide, role: str) -> bool:
        """Whether the layout's body placeholders (those the slide fills) are too small to
        hold one line of text at the smallest size their role allows (a box squeezed to a
        sliver in Slide Master view): noted for one problem at the template."""
        floor = int(self.roles["table" if role == "table" else "body"].floor)
        needed = 2 if role == "two-column" and slide.columns else 1
        for place in geometry.bodies[:needed]:
            room = place.box()
            if room.height < floor * LINE or room.width < floor * 3:
                self._cramped(geometry.name, "text", place, floor, slide.kind)
                return True
        return False

    def title_too_small(self, geometry: Geometry, slide: Slide, role: Role) -> bool:
        """Whether the layout's title placeholder is too small for a title of a few words
        at the smallest size titles may take (a sliver, or no size at all when the master
        has no title placeholder to take one from): the template's fault, told once, not
        as every slide's title "too long"."""
        place = geometry.title
        if place is None:
            return False
        room = place.box()
        floor = int(role.floor)
        if room.height >= floor * LINE and room.width >= floor * TITLE_WORDS:
            return False
        self._cramped(geometry.name, "title", place, floor, slide.kind)
        return True

    def _cramped(self, layout: str, what: str, place: Place, floor: int, kind: str) -> None:
        kinds, _, _ = self.cramped.setdefault((layout, what), ([], place, floor))
        if kind not in kinds:
            kinds.append(kind)

    def cramped_problems(self) -> list[Problem]:
        template = self.layouts.template_name
        where = Location(template) if template.endswith((".pptx", ".potx")) else None
        found = []
        for (layout, what), (kinds, place, floor) in self.cramped.items():
            rect = place.rect
            sized = rect.width > 0 and rect.height > 0
            size = (
                f"{rect.width / 72:.2f} x {rect.height / 72:.2f} in"
                + (" on the slide, the rest past its edge" if place.layout_rect else "")
                if sized
                else "it has no size: neither the layout nor its slide master gives it one"
            )
            found.append(
                Problem(
                    where,
                    f"layout '{layout}' of {template} has a {what} placeholder too small to "
                    f"hold one line at {floor} pt ({size}), the smallest the slides' "
                    f"{what} may be set at: its {', '.join(repr(k) for k in kinds)} slides "
                    "cannot be laid out",
                    (
                        "in PowerPoint's View > Slide Master, move or resize the placeholder "
                        "inside the slide, or map those kinds to another layout under "
                        "settings: deck: layouts:"
                    )
                    if sized and place.layout_rect
                    else (
                        "make the placeholder larger in PowerPoint's Slide Master view, or map "
                        "those kinds to another layout under settings: deck: layouts:"
                    )
                    if sized
                    else (
                        f"in PowerPoint's Slide Master view, give the layout's {what} "
                        f"placeholder a size (or put a {what} placeholder on the slide "
                        "master), or map those kinds to another layout under settings: "
                        "deck: layouts:"
                    ),
                )
            )
        return found

    def unplaced_problems(self) -> list[Problem]:
        """One problem for each layout and kind of slide whose text (or table) the layout
        has no placeholder for, naming the slides, at the mapping's entry when it is one."""
        from .pptx_template import role_of

        found = []
        mapping = self.layouts.mapping
        template = self.layouts.template_name
        for (layout, kind, what), slides in self.unplaced.items():
            numbers = [n for n, _ in slides]
            shown = ", ".join(str(n) for n in numbers[:5])
            if len(numbers) > 5:
                shown += f" and {len(numbers) - 5} more"
            sample = next((t for _, t in slides if t), "")
            mapped = kind if kind in mapping else role_of(kind)
            placeholder = "body" if what == "table" else "body or subtitle"
            wanted = "subtitle" if role_of(kind) == "title" and what == "text" else "body"
            found.append(
                Problem(
                    None,
                    f"the deck for {self.audience}: layout '{layout}' of {template} has no "
                    f"{placeholder} placeholder for the {what} of '{kind}' slides "
                    f"({'slide' if len(numbers) == 1 else 'slides'} {shown}"
                    + (f": '{start_of(sample, 40)}'" if sample and what == "text" else "")
                    + ")",
                    f"map '{kind}' under settings: deck: layouts: to a layout that has one "
                    f"('materials-gen layouts' lists them), or add a {wanted} "
                    f"placeholder to '{layout}' in PowerPoint's Slide Master view",
                    quote=mapping.get(mapped, "") if mapped in mapping else "",
                )
            )
        return found

    def blame(self, slide: Slide, number: int) -> Blame:
        title = start_of(slide.title_text or slide.kind, 50)
        module = slide.attrs.get("module", "")
        place = f"slide {number} ('{title}')" + (f" of module '{module}'" if module else "")
        return Blame("the deck", self.audience, _source(slide), place)


def _source(slide: Slide) -> Location | None:
    """The source of a slide's text, when the template wrote it (``source="file:line"``)."""
    given = slide.attrs.get("source", "").strip()
    if not given:
        return None
    file, _, line = given.rpartition(":")
    if file and line.isdigit():
        return Location(file, int(line))
    return Location(given)


@dataclass
class DeckTemplate:
    """A deck template ready to lay decks out in: the presentation, the package the writer
    builds on, its layouts chosen for each kind of slide, their geometry, the fonts fitting
    measures in and what it has measured. Every audience and language of a build, and the
    builds of one process (``watch``, ``preview``) while nothing it is made from changes,
    lay their decks out in the same one (:func:`deck_template`), so it is read and each
    paragraph measured once."""

    package: bytes
    layouts: Any  # pptx_template.LayoutMap
    template: Template
    body_font: FontFamily
    heading_font: FontFamily
    measure: Measure
    width: float
    height: float
    notes: tuple[tuple[str, str], ...] = ()  # what the trainer is told of it: message, hint
    # the layouts that draw in fonts of their own (see layout_fonts): their slides fitted
    # and printed in them, each layout's measured with its own
    layout_measures: dict[str, Measure] = field(default_factory=dict)
    # footers and slide numbers by the typeface their placeholder names: the measure they
    # are fitted in (its footer family that typeface's, or the body's when materials-gen
    # lacks it) and whether it has it (see face_measure)
    face_measures: dict[str, tuple[Measure, bool]] = field(default_factory=dict)

    def families(self, faces: bool = True) -> list[FontFamily]:
        """Every family its slides are fitted in (``faces``: with those of the footers'
        own fonts met so far, which grow as decks are laid out)."""
        found = [self.body_font, self.heading_font]
        measures = [*self.layout_measures.values(), *(self.footer_measures() if faces else ())]
        for measure in measures:
            found += [measure.body_family, measure.heading_family, measure.footer_family]
        return list(dict.fromkeys(found))

    def footer_measures(self) -> list[Measure]:
        """The measures of the footers' own fonts met so far (see face_measure)."""
        return [measure for measure, _ in self.face_measures.values()]

    def face_measure(self, face: str) -> tuple[Measure, bool]:
        """What a footer or slide number whose placeholder names ``face`` ("" for none: the
        body font) is fitted in, and whether that is ``face`` itself (False: a font
        materials-gen lacks, fitted in the body font; see _face_notes). A LibreOffice-saved
        template names a serif for its footers under sans-serif slides: fitted in the body
        font, a long footer took a line more than its box as drawn."""
        found = self.face_measures.get(face)
        if found is None:
            theme = self.template.theme
            heading_name, body_name = self.template.font_names
            named = ((body_name, self.body_font), (heading_name, self.heading_font))
            family = _face_family(face, named, theme)
            measure = Measure(theme, self.body_font, self.heading_font, family)
            found = self.face_measures[face] = (measure, family is not None)
        return found


def deck_template(theme: Theme, options: RenderOptions) -> DeckTemplate:
    """The deck template ``options`` name, in ``theme``: the one last prepared in this
    process when the theme, the template and the font files it measures with are all the
    same, else prepared now (and kept for the next deck).

    Raises ContentError when the template cannot be opened or its layouts cannot hold a
    kind of slide the course maps to them.
    """
    made_from = (
        options.aspect,
        options.deck_template,
        options.deck_template_name,
        options.layouts,
        theme.model_dump_json(),
    )
    kept = _LAST.get(made_from)
    if kept is not None and kept[0] == _font_stamps(kept[1]):
        from .fonts import Fonts

        prepared = kept[1]
        for family in prepared.families():
            Fonts(family)  # its faces, read again if a build since registered others as them
        return prepared
    prepared = _prepare(theme, options)
    _LAST.clear()  # one kept at a time: its measurements grow with the course
    _LAST[made_from] = (_font_stamps(prepared), prepared)
    return prepared


# The deck template last prepared in this process, by what it was made from, with the stamp
# of each font file it measures with.
_LAST: dict[tuple[Any, ...], tuple[tuple[tuple[str, int, int], ...], DeckTemplate]] = {}


def _font_stamps(prepared: DeckTemplate) -> tuple[tuple[str, int, int], ...]:
    from .fonts import file_stamp

    # (the families it was prepared with: its footers' own are the theme's or built in)
    files = {path for family in prepared.families(faces=False) for path in family.files()}
    return tuple(file_stamp(path) for path in sorted(files))


def _prepare(theme: Theme, options: RenderOptions) -> DeckTemplate:
    from .pptx_template import (
        LayoutMap,
        builtin_presentation,
        open_presentation,
        reading_template,
    )

    if options.deck_template is None:
        prs = builtin_presentation(theme, options.aspect)
        buffer = io.BytesIO()
        prs.save(buffer)
        package = buffer.getvalue()
        theirs = None  # the built-in template: its mistakes are materials-gen's
    else:
        prs = open_presentation(options.deck_template, options.deck_template_name)
        package = options.deck_template
        theirs = options.deck_template_name
    with reading_template(theirs):
        layouts = LayoutMap(prs, dict(options.layouts), options.deck_template_name)
        template = Template(prs, theme, options.deck_template_name)
        body_font, heading_font, notes = template_fonts(template, theme)
        own = layout_fonts(template, theme, body_font, heading_font)
    return DeckTemplate(
        package,
        layouts,
        template,
        body_font,
        heading_font,
        Measure(theme, body_font, heading_font),
        prs.slide_width / EMU_PER_PT,
        prs.slide_height / EMU_PER_PT,
        notes,
        {name: Measure(theme, *pair) for name, pair in own.items()},
    )


def _footer_line(meta: Mapping[str, Any]) -> str:
    """The deck's footer line: the template's own, else the title, the audience and the
    version, from the checked metadata every output stamps (Markdown read, never its marks:
    see meta.as_read); "" when the document's facts cannot say it (the build tells what is
    wrong with them where it checks the deck's, see deck.deck_meta)."""
    try:
        typed = document_meta(meta)
    except ContentError:
        return ""
    parts = (typed.title, typed.audience, typed.version_label)
    return typed.footer or " \u00b7 ".join(x for x in parts if x)


def _day(meta: Any) -> str:
    """The content's date as the outputs' footers write it ("2 November 2026"); "" when the
    document's facts cannot say it (the build tells what is wrong with them elsewhere)."""
    try:  # (breaking between its words where a template's box is narrow, never inside one)
        return document_meta(meta).long_date.replace("\u00a0", " ")
    except Exception:  # noqa: BLE001 - a date field then shows nothing
        return ""


def lay_out(
    document: Document,
    theme: Theme,
    options: RenderOptions,
    prepared: DeckTemplate | None = None,
    template: Callable[[Block], Location] | None = None,
) -> LaidOutDeck:
    """The deck of ``document`` laid out once in its template's geometry (``prepared``: the
    template from :func:`deck_template`, when the caller has it already). ``template``: where
    the deck template wrote a block of ``document`` (its file and line), for a slide it
    misshaped; else the template's file alone is named.

    Raises ContentError naming every slide whose text cannot fit (after shrinking to each
    role's floor and continuing where a role continues).
    """
    meta = document.meta
    prepared = prepared or deck_template(theme, options)
    footer = _footer_line(meta)
    planned = plan(document)
    misshapen_slides = misshapen(document)
    if misshapen_slides:  # (the built-in template writes none: a project's own does)
        audience = str(meta.get("audience", "")) or "the audience"
        where = template or (lambda block: Location("templates/deck.md.j2"))
        raise ContentError(
            [
                Problem(where(m.block), f"the deck for {audience}: {m.what}", m.hint)
                for m in misshapen_slides
            ]
        )
    if len(planned) > MAX_SLIDES:  # a template's runaway loop: stop before minutes and GBs
        raise ContentError(
            [
                Problem(
                    None,
                    f"the deck template makes {len(planned):,} slides, more than {MAX_SLIDES:,}",
                    "check the template's loops, or split the course: a course's deck has a "
                    "few dozen slides",
                )
            ]
        )
    if not planned:
        raise ContentError(
            [
                Problem(
                    None,
                    "the deck template made no slides",
                    "wrap each slide in '::::: {.slide .bullets}' ... ':::::'",
                )
            ]
        )
    scale = slide_scale(prepared.width, prepared.height)
    work = _Work(
        prepared.measure,
        prepared.template,
        prepared.layouts,
        footer,
        as_read(str(meta.get("audience") or "")),
        dict(options.images),
        prepared.width,
        prepared.height,
        [],
        next_number=prepared.template.first_number,
        scale=scale,
        roles=slide_roles(scale),
        day=_day(meta),
        usual=prepared.measure,
        measures=prepared.layout_measures,
        deck=prepared,
    )
    slides: list[LaidOutSlide] = []
    for plan_slide in planned:
        slides.extend(_slide(work, plan_slide))
    problems = [*work.cramped_problems(), *work.problems, *work.unplaced_problems()]
    if problems:
        # the layouts the slides were put on for want of one by a usual name, told beside
        # the errors: a caption's small box taking the text of every slide made each 'too
        # long', the cause untold
        where = Location(work.layouts.template_name)
        # and its placeholders past the slide's edges: a box kept to its part on the slide
        # may be what holds too little
        used = [s.layout for s in slides]
        guessed = [
            Problem(where, message, hint, severity="warning")
            for message, hint in (
                *_off_the_slide(work, used),
                *guessed_notes(_guessed_layouts(work)),
            )
        ]
        raise ContentError([*problems, *guessed])
    shapes: dict[int, tuple[Decoration, Decoration]] = {}
    slides = [_set(work, slide, shapes) for slide in slides]
    return LaidOutDeck(
        width=work.width,
        height=work.height,
        template_name=options.deck_template_name,
        template=prepared.package,
        palette=prepared.template.scheme.palette(),
        slides=tuple(slides),
        properties=_properties(meta),
        audience=work.audience,
        body_font=prepared.body_font,
        heading_font=prepared.heading_font,
        footer_fonts=tuple(
            dict.fromkeys(
                work.face_measure(box.style.face).footer_family
                for slide in slides
                for box in (slide.footer, slide.slide_number)
                if box is not None
            )
        ),
        day=work.day,
        notes=(
            *prepared.notes,
            *_off_the_slide(work, [s.layout for s in slides]),
            *_other_faces(work, [s.layout for s in slides]),
            *_face_notes(work, slides),
            *_over_pictures(work, [s.layout for s in slides]),
            *_faint_text(work, [s.layout for s in slides], options.deck_template_name),
            *_table_style_note(work, slides),
        ),
        guessed=_guessed_layouts(work),
    )


# PowerPoint's own default table style: the one a new deck's tables take
OFFICE_TABLE_STYLE = "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"


def _table_style_note(work: _Work, slides: list[LaidOutSlide]) -> list[tuple[str, str]]:
    """What to tell when the deck has tables and its template's default table style is one
    of PowerPoint's own other than its usual one: its colours are PowerPoint's alone, so the
    tables are drawn in the usual style, projected and printed alike."""
    named = work.template.named_table_style
    if not named or named == OFFICE_TABLE_STYLE or not any(s.table for s in slides):
        return []
    return [
        (
            f"its default table style ({named}) is one of PowerPoint's own, whose colours "
            "materials-gen does not have: the deck's tables are drawn in PowerPoint's usual "
            "Medium Style 2 in the template's first accent colour, on the slides and on paper",
            "to have tables in the template's own look, define the style in the template "
            "(in PowerPoint: Table Design > New Table Style, then Set as Default) and save it",
        )
    ]


def _over_pictures(work: _Work, layouts: list[str]) -> list[tuple[str, str]]:
    """What to tell of each layout the deck uses whose title or body placeholder reaches
    over a picture of the template's (a logo on the master): a text long enough runs over
    it, in PowerPoint and on paper alike. A picture that covers much of the slide (a
    background) is no such thing."""
    notes = []
    slide = work.width * work.height
    for name in dict.fromkeys(layouts):
        geometry = work.template.cache.get(name)
        if geometry is None:
            continue
        logos = [
            d.rect
            for d in geometry.decorations
            if d.picture is not None and 0 < d.rect.width * d.rect.height < slide / 4
        ]
        places = [p for p in (geometry.title, *geometry.bodies) if p is not None]
        covered = [
            p for p in places if any(_shared(p.rect, logo) > 0.25 * _area(logo) for logo in logos)
        ]
        if covered:
            kinds = list(dict.fromkeys(p.kind for p in covered))
            notes.append(
                (
                    f"layout '{name}' has its {' and '.join(kinds)} placeholder over a picture "
                    "of the template (a logo): a text long enough to reach it is drawn over "
                    "it, on screen and on paper",
                    "make the placeholder end before the picture in PowerPoint's Slide Master "
                    "view (or move the picture)",
                )
            )
    return notes


def _faint_text(work: _Work, layouts: list[str], template: str) -> list[tuple[str, str]]:
    """What to tell of each layout the deck uses whose placeholders' text colour is too
    faint on what is behind it (the placeholder's own fill, else the template's shape
    under most of it, else the layout's background; every colour of a gradient): below
    WCAG's 4.5:1, or 3:1 for a title or subtitle, drawn large. The theme's colours are
    checked by ``check``; an organization's template brings its own (a dark background
    with the dark text a designer forgot: titles at 1.02:1 built without a word). A
    picture behind the text is not judged. None for the built-in template, whose colours
    are the theme's."""
    from ..contrast import LARGE, NORMAL, ratio
    from . import BUILT_IN_TEMPLATE

    if not template or template == BUILT_IN_TEMPLATE:
        return []
    found: dict[tuple[str, str, str], tuple[float, list[str]]] = {}
    for name in dict.fromkeys(layouts):
        geometry = work.template.cache.get(name)
        if geometry is None:
            continue
        places = (geometry.title, geometry.subtitle, *geometry.bodies, geometry.footer)
        for place in [p for p in places if p is not None]:
            behind = _behind(place, geometry)
            if behind.picture is not None:
                continue
            needed = LARGE if place.kind in ("title", "subtitle") else NORMAL
            text = place.style.colour[:7]
            for colour in [c[:7] for c in ([c for _, c in behind.stops] or [behind.colour]) if c]:
                measured = ratio(text, colour)
                key = (place.kind, text, colour)
                if measured < needed:
                    names = found.setdefault(key, (measured, []))[1]
                    if name not in names:
                        names.append(name)
    notes = []
    for (kind, text, colour), (measured, names) in found.items():  # one for every layout
        needed = LARGE if kind in ("title", "subtitle") else NORMAL
        which = (
            f"layout '{names[0]}' draws its"
            if len(names) == 1
            else f"layouts {', '.join(repr(n) for n in names[:-1])} and '{names[-1]}' draw their"
        )
        notes.append(
            (
                f"{which} {kind} text in {text.upper()} on {colour.upper()}, a contrast of "
                f"{measured:.2f}:1, below the {needed:g}:1 asked of "
                f"{'large ' if needed == LARGE else ''}text (WCAG 2.1 contrast): hard to read "
                "on a projector, and on paper",
                "change the text colour or the background of that layout (or its master) in "
                f"PowerPoint's Slide Master view until the pair reaches {needed:g}:1 (a "
                "contrast checker shows how far)",
            )
        )
    return notes


def _behind(place: Place, geometry: Geometry) -> Fill:
    """What a placeholder's text is drawn on: its own fill, else the last of the layout's
    shapes with a fill under most of it, else the layout's background."""
    own = place.style.fill
    if own is not None and (own.colour or own.stops or own.picture):
        return own
    for decoration in reversed(geometry.decorations):
        fill = decoration.fill
        covers = _shared(place.rect, decoration.rect) > 0.5 * _area(place.rect)
        if covers and (fill.colour or fill.stops or fill.picture) and decoration.shape != "line":
            return fill
    return geometry.background


def _area(rect: Rect) -> float:
    return max(rect.width, 0.0) * max(rect.height, 0.0)


def _shared(a: Rect, b: Rect) -> float:
    """The area two rectangles share."""
    width = min(a.x + a.width, b.x + b.width) - max(a.x, b.x)
    height = min(a.bottom, b.bottom) - max(a.y, b.y)
    return max(width, 0.0) * max(height, 0.0)


@dataclass(frozen=True)
class GuessedLayout:
    """A kind of slide of a deck that no layout of a usual name took, with the layout it was
    given (the first that holds what it needs, which may not be the one meant) and what the
    template's layouts say of it. Told once a layout, with the kinds of every deck the build
    laid out on it (see :func:`guessed_notes`)."""

    kind: str
    layout: str
    # the layout of a usual name that has no place for the text below the slides' title
    # (a 'Section Header' of a title alone), or ""
    textless: str = ""
    # the layouts of a usual name for the kind that lack a placeholder it needs, each with
    # what it lacks ("no title placeholder")
    short: tuple[tuple[str, str], ...] = ()


def _guessed_layouts(work: _Work) -> tuple[GuessedLayout, ...]:
    """The kinds of slide of this deck that its template has no layout for by a usual name
    (one called otherwise, in another language, or none of that kind), each with the layout
    it was given."""
    from .pptx_template import ROLES as LAYOUT_ROLES
    from .pptx_template import folded_name, role_of

    found = []
    textless = getattr(work.layouts, "textless", {})
    by_name = getattr(work.layouts, "by_name", {})
    for kind, name in sorted(work.layouts.guessed.items()):
        if kind not in work.kinds:  # a kind another deck has (the map is the template's)
            continue
        usual = textless.get(kind)
        if usual is not None:
            found.append(GuessedLayout(kind, name, textless=usual))
            continue
        # a layout of a usual name that is there, but short of a placeholder the kind needs
        # (its title deleted, say): named as it is, not as missing
        meant = {folded_name(u) for u in LAYOUT_ROLES[role_of(kind)][1]}
        short = tuple(
            (n, missing)
            for n in sorted(by_name)
            if folded_name(n) in meant and (missing := _short_of(work.layouts, n, [kind]))
        )
        found.append(GuessedLayout(kind, name, short=short))
    return tuple(found)


def guessed_notes(guessed: Iterable[GuessedLayout]) -> list[tuple[str, str]]:
    """What to tell of the kinds of slide ``guessed`` (those of one deck, or of every deck
    of a build): once a layout, naming every kind put on it."""
    notes = []
    by_layout: dict[str, list[GuessedLayout]] = {}
    for each in sorted(dict.fromkeys(guessed), key=lambda g: (g.kind, g.layout)):
        if not each.textless:
            by_layout.setdefault(each.layout, [])
            if all(g.kind != each.kind for g in by_layout[each.layout]):
                by_layout[each.layout].append(each)
            continue
        note = (
            f"'{each.kind}' slides are on layout '{each.layout}': layout '{each.textless}' has "
            "no place for the text below their title",
            f"add a body placeholder to '{each.textless}' in PowerPoint's Slide Master view, "
            "or map the kind to another layout under settings: deck: layouts:",
        )
        if note not in notes:
            notes.append(note)
    for name, kinds in by_layout.items():
        # the usual names of the kinds' layouts, as the note says them
        from .pptx_template import ROLES as LAYOUT_ROLES
        from .pptx_template import role_of

        usual = sorted({n for g in kinds for n in LAYOUT_ROLES[role_of(g.kind)][1][:2]})
        named = ", ".join(f"'{g.kind}'" for g in kinds)
        short: dict[str, str] = {}
        for g in kinds:
            for layout, missing in g.short:
                short.setdefault(layout, missing)
        if short:
            lacking = "; ".join(f"'{n}' has {missing}" for n, missing in sorted(short.items()))
            notes.append(
                (
                    f"{named} slides are on layout '{name}': of the layouts meant for them, "
                    f"{lacking}",
                    "add the placeholder (or make two columns alike in size) in "
                    "PowerPoint's Slide Master view, or map the kinds to another layout under "
                    "settings: deck: layouts: ('materials-gen layouts' lists the template's "
                    "layouts)",
                )
            )
            continue
        notes.append(
            (
                f"{named} slides are on layout '{name}': the template has no layout named "
                f"{' or '.join(repr(n) for n in usual)} to hold them",
                "if another layout is meant, map the kind to it under settings: deck: "
                "layouts: ('materials-gen layouts' lists the template's layouts)",
            )
        )
    return notes


def _short_of(layouts: Any, name: str, kinds: list[str]) -> str:
    """The placeholder layout ``name`` lacks that the ``kinds`` need ("title", "text"),
    or "" when it has what they need."""
    from .pptx_template import ROLES as LAYOUT_ROLES
    from .pptx_template import _fits, role_of

    choice = layouts._choice(name)  # noqa: SLF001 - the map's own reading of a layout
    for kind in kinds:
        needs = LAYOUT_ROLES[role_of(kind)][0]
        if not _fits(choice, needs):  # as the map judged it: short of a title, or text
            if "title" in needs and choice.title is None:
                return "no title placeholder"
            if needs.count("body") >= 2 and len(choice.bodies) >= 2:
                return (
                    "text placeholders too unlike in size to be two columns (the smaller "
                    f"has less than {ALIKE:.0%} of the larger's area)"
                )
            return "no text placeholder"
    return ""


_UNWRAPPED = 1e6  # the width a text that does not wrap is set in: each line runs on


_PLACE_NAMES = {"number": "slide-number"}


def _face_notes(work: _Work, slides: list[LaidOutSlide]) -> list[tuple[str, str]]:
    """What to tell of each font a footer or slide number placeholder names that
    materials-gen does not have (they are fitted and printed in the body font instead, so
    a long footer may run past its box as PowerPoint draws it), with the layouts that name
    it."""
    if work.deck is None:
        return []
    lacking: dict[tuple[str, str], list[str]] = {}
    for slide in slides:
        for box, what in ((slide.footer, "footer"), (slide.slide_number, "slide number")):
            face = box.style.face if box is not None else ""
            if face and not work.deck.face_measure(face)[1]:
                lacking.setdefault((face, what), []).append(slide.layout)
    body = work.measure.body_family.name
    notes = []
    for (face, what), layouts in lacking.items():
        named = list(dict.fromkeys(layouts))
        which = ("layout " if len(named) == 1 else "layouts ") + ", ".join(
            f"'{name}'" for name in named
        )
        notes.append(
            (
                f"its {what} font '{face}' is not one materials-gen has ({which}): the "
                f"{what}s are fitted and printed in {body}, while PowerPoint draws them in "
                f"{face}, so a long {what} may break elsewhere and run past its box",
                f"to fit them as drawn, give the theme's body or heading font {face}'s "
                f"TrueType files, or in PowerPoint (View > Slide Master) set the {what} in "
                "the font of the slides' text",
            )
        )
    return notes


def _other_faces(work: _Work, layouts: list[str]) -> list[tuple[str, str]]:
    """What to tell of each layout the deck uses whose titles or text are in a font of its
    own that materials-gen does not have (those it has, its slides are fitted and printed
    in: see layout_fonts): PowerPoint draws that layout's slides in its font, so their
    lines may break elsewhere than on the printed slides."""
    notes = []
    what = {"title": "titles", "body": "text"}
    for name in dict.fromkeys(layouts):
        measure = work.measure_for(name)
        fitted = {"title": measure.heading_family.name, "body": measure.body_family.name}
        for role in ("title", "body"):
            face = work.template.other_faces[role].get(name)
            if face is None or _same_widths(face, fitted[role]):
                continue
            notes.append(
                (
                    f"layout '{name}' draws its {what[role]} in {face}, the other layouts in "
                    f"{work.template.font_names[0 if role == 'title' else 1]}, and "
                    f"materials-gen does not have {face}: this layout's slides are fitted "
                    f"and printed in {fitted[role]}, so PowerPoint may break their lines "
                    "elsewhere than the printed slides and notes pages",
                    f"give the theme {face}'s TrueType files, or in PowerPoint (View > Slide "
                    f"Master) give layout '{name}' the font the other layouts' {what[role]} "
                    "are in",
                )
            )
    return notes


def _off_the_slide(work: _Work, layouts: list[str]) -> list[tuple[str, str]]:
    """What to tell of each layout the deck uses whose placeholders reach past the slide's
    edges (a template whose slide size was changed without them). A placeholder partly on
    the slide holds its text in the part on it (see Template._on_slide), smaller than the
    template's designer meant; one wholly off the slide shows nothing of what it holds."""
    notes = []
    size = size_text(work.width / 72, work.height / 72)
    slide = Rect(0.0, 0.0, work.width, work.height)
    for name in dict.fromkeys(layouts):
        geometry = work.template.cache.get(name)
        if geometry is None:
            continue
        places = (geometry.title, geometry.subtitle, *geometry.bodies)
        places += (geometry.footer, geometry.number)
        partly = [p for p in places if p is not None and p.layout_rect is not None]
        # (a placeholder with no size, neither its layout's nor its master's, is no box off
        # the slide: see cramped_problems)
        wholly = [
            p
            for p in places
            if p is not None
            and p.rect.width > 0
            and p.rect.height > 0
            and p.rect.meet(slide) is None
        ]
        for out, said in (
            (
                partly,
                "partly off the {size} slide: what {holds} is kept to the part on the "
                "slide, in PowerPoint and on paper, a smaller box than the layout meant",
            ),
            (wholly, "off the {size} slide: what {holds} is not seen, in PowerPoint or on paper"),
        ):
            if not out:
                continue
            kinds = list(dict.fromkeys(_PLACE_NAMES.get(p.kind, p.kind) for p in out))
            named = ", ".join(kinds[:-1]) + (" and " if len(kinds) > 1 else "") + kinds[-1]
            many = len(out) > 1
            them, holds = ("them", "they hold") if many else ("it", "it holds")
            notes.append(
                (
                    f"layout '{name}' has its {named} placeholder{'s' if many else ''} "
                    + said.format(size=size, holds=holds),
                    f"in PowerPoint's View > Slide Master, move or resize {them} inside the "
                    f"slide (the slide size was likely changed under Design > Slide Size "
                    f"without {them})",
                )
            )
    return notes


def _set(
    work: _Work, slide: LaidOutSlide, shapes: dict[int, tuple[Decoration, Decoration]]
) -> LaidOutSlide:
    """``slide`` with the lines of every text as fitted, as the printed views draw them.
    A master's or layout's shape on many slides is set once, and the slides share it
    (``shapes``: each shape by id, with the shape itself, kept so that its id stays its
    own): a master of hundreds of text boxes made copies of them all for every slide, and
    the printed slides draw what the slides share once (see slide_handout). Each in the
    fonts it was fitted in: its layout's, and a footer's or slide number's own."""
    measure = work.measure_for(slide.layout)

    def shape(d: Decoration) -> Decoration:
        if d.text is None:
            return d
        found = shapes.get(id(d))
        if found is None:
            found = shapes[id(d)] = (d, replace(d, text=box(d.text)))
        return found[1]

    def box(box: TextBox | None) -> TextBox | None:
        if box is None:
            return None
        style = box.style
        frame, (left, _, right, _) = style.frame(box.rect)
        width = style.columns_of(frame.width - left - right)[0] if style.wrap else _UNWRAPPED
        family = ROLES[box.role].font if box.role in ROLES else "body"
        own = work.face_measure(style.face) if family == "footer" else measure
        set_lines = _stacked if style.vertical in STACKED else Measure.set_drawn
        lines = tuple(
            set_lines(own, para, box.size, width, style.bold, family) for para in box.paras
        )
        return replace(box, lines=lines)

    table = slide.table
    if table is not None:
        inset = 2 * DEFAULT_INSETS[0]
        cells = tuple(
            tuple(
                measure.set_drawn(para, table.size, width - inset)
                for para, width in zip(row, table.column_widths, strict=False)
            )
            for row in table.cells
        )
        table = replace(table, lines=cells)
    return replace(
        slide,
        boxes=tuple(box(b) for b in slide.boxes),  # type: ignore[misc]
        decorations=tuple(shape(d) for d in slide.decorations),
        footer=box(slide.footer),
        slide_number=box(slide.slide_number),
        table=table,
    )


def _stacked(
    measure: Measure, para: Para, size: float, length: float, bold: bool, family: str
) -> tuple[SetLine, ...]:
    """A paragraph in letters stacked one under the other (WordArt's vertical text): each
    of its lines cut into columns of as many characters as ``length`` holds, a line's
    height each (as :class:`fit.SetLine`s, one a column, drawn upright letter by letter)."""
    most = max(1, int(min(length, _UNWRAPPED) // (size * LINE)))
    out: list[SetLine] = []
    for line in measure.set_drawn(para, size, _UNWRAPPED, bold, family):
        cells = [(character, font) for text, font in line.pieces for character in text]
        for start in range(0, max(len(cells), 1), most):
            pieces: list[tuple[str, str]] = []
            for character, font in cells[start : start + most]:
                if pieces and pieces[-1][1] == font:
                    pieces[-1] = (pieces[-1][0] + character, font)
                else:
                    pieces.append((character, font))
            out.append(SetLine(tuple(pieces)))
    return tuple(out)


def _properties(meta: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    keywords = meta.get("keywords") or []
    found = {
        "title": meta.get("title", ""),
        "subject": meta.get("subject", ""),
        "organization": meta.get("organization", ""),
        "keywords": ", ".join(map(str, keywords)) if isinstance(keywords, list) else keywords,
        "summary": meta.get("summary", ""),
        "version": meta.get("version", ""),
        "language": meta.get("language", "en-US"),
        "date": meta.get("date", ""),
    }
    return tuple((name, str(value if value is not None else "")) for name, value in found.items())


def _slide(work: _Work, plan_slide: Slide) -> list[LaidOutSlide]:
    """The laid-out slides of one planned slide (more than one when its text continues)."""
    from .pptx_template import role_of

    role = role_of(plan_slide.kind)
    choice = work.layouts.for_kind(plan_slide.kind, text=bool(plan_slide.body))
    work.kinds.add(plan_slide.kind)
    geometry = work.template.geometry(choice.layout)
    work.measure = work.measure_for(geometry.name)  # in its layout's fonts
    title_role = {"title": "title", "section": "section-title"}.get(role, "slide-title")
    home = geometry
    geometry = _grown_title(work, plan_slide, geometry, title_role)
    number = work.next_number
    shown = 0  # the slide's pictures its parts show (the first, one beside each text part)
    if role not in ("title", "section") and work.too_small(geometry, plan_slide, role):
        parts = [(plan_slide, (), None, ())]  # the template's fault, said once (see too_small)
        shown = len(plan_slide.figures)
    elif role == "table" and plan_slide.table is not None:
        parts = _with_text(
            work, plan_slide, geometry, _table_parts(work, number, plan_slide, geometry)
        )
    elif role == "two-column" and plan_slide.columns and _side_by_side(geometry):
        parts = _column_parts(work, number, plan_slide, geometry)
        parts = _with_text(work, plan_slide, geometry, parts)
    elif role == "two-column" and plan_slide.columns:
        # a layout of one text place (the template has none of two): one column under the
        # other, each under its heading
        stacked = tuple(para for column in plan_slide.columns for para in column)
        stacked_slide = replace(plan_slide, body=plan_slide.body + stacked, columns=())
        parts = _text_parts(work, number, stacked_slide, geometry, "content")
        shown = len(parts)
    else:
        parts = _text_parts(work, number, plan_slide, geometry, role)
        shown = len(parts)
    cover = role in ("title", "section")
    if cover:  # the pictures its layout has a place for (its body's: the first, if any)
        shown = sum(1 for *_, pictures in parts if pictures)
    for figure in () if cover else plan_slide.figures[shown:]:
        # a picture more than the slide's text has slides to stand beside: a slide of its
        # own, continuing the planned slide, as the handout prints every picture it shows
        part = replace(_continued(plan_slide, len(parts)), body=(), columns=(), table=None)
        parts.append((part, (), None, _pictures(work, figure, _spanning(geometry), False)))
    out = []
    for index, (part, boxes, table, pictures) in enumerate(parts):
        n = work.next_number
        work.next_number += 1
        title_box = _title_box(work, part, geometry, title_role)
        texts = ((title_box,) if title_box else ()) + boxes
        decorations = tuple(_numbered(d, n, work.day) for d in geometry.decorations)
        if geometry.title_rule is not None:  # under the title as laid out, grown or not
            rule = _under(geometry.title_rule, home, title_box)
            decorations += (_numbered(rule, n, work.day),)
        footer, slide_number = _footer(work, geometry, n)
        notes = _continued_notes(part, index, number)
        out.append(
            LaidOutSlide(
                number=n,
                kind=part.kind,
                layout=geometry.name,
                title=part.title_text,
                boxes=tuple(_at_home(b, home) for b in texts),
                table=table,
                pictures=pictures,
                notes=_described(notes, pictures),
                noted=bool(notes.strip()),
                module=part.attrs.get("module", ""),
                footer=footer,
                slide_number=slide_number,
                background=geometry.background,
                decorations=decorations,
                continued=index > 0,
            )
        )
    if cover:
        for index, figure in enumerate(plan_slide.figures[shown:], start=len(parts)):
            out += _picture_slide(work, plan_slide, index, figure, number)
    return out


def _picture_slide(
    work: _Work, cover: Slide, index: int, figure: Figure, first: int
) -> list[LaidOutSlide]:
    """A picture a title or section slide shows that its layout has no place for (a cover's
    layout has a title and a subtitle, often no body): on a picture slide of its own right
    after it, continuing it, as the handout prints every picture it shows. It was left out
    of the deck without a word."""
    slide = Slide(
        "image",
        title=_continued(cover, index).title,
        notes=_continued_notes(cover, index, first),
        attrs=cover.attrs,
        figures=(figure,),
    )
    return [replace(laid, continued=True) for laid in _slide(work, slide)]


def numbers_slide(decoration: Decoration) -> bool:
    """Whether a template shape's text numbers the slide it is on (a slide-number field)."""
    text = decoration.text
    return text is not None and any(r.slide_number for p in text.paras for r in p.runs)


def _numbered(decoration: Decoration, number: int, day: str) -> Decoration:
    """``decoration`` as slide ``number`` shows it: a slide-number field in its text (a
    master's "Page ‹#›" in a text box of its own, not a placeholder) says that number, as
    PowerPoint shows it on each slide; a date field, the content's date ``day``."""
    text = decoration.text
    if text is None or not any(r.slide_number or r.date for p in text.paras for r in p.runs):
        return decoration
    return replace(decoration, text=replace(text, paras=stamped(text.paras, number, day)))


def _under(rule: Decoration, home: Geometry, title: TextBox | None) -> Decoration:
    """The layout's title rule as a slide carries it: as far below the slide's title as
    the layout has it below its title placeholder; under a title that reads from the right
    (Arabic, Hebrew), at the right end of the title's box as the layout has it at the left,
    where the title starts."""
    from ..glyphs import right_to_left

    if title is None or home.title is None:
        return rule
    below = rule.rect.y - home.title.rect.bottom
    x = rule.rect.x
    if right_to_left(title.text):
        start = home.title.rect.x
        x = title.rect.x + title.rect.width - (rule.rect.x - start) - rule.rect.width
    return replace(rule, rect=replace(rule.rect, x=x, y=title.rect.bottom + below))


# what laying out one planned slide gives for each slide it becomes
_Part = tuple[Slide, tuple[TextBox, ...], LaidOutTable | None, tuple[LaidOutPicture, ...]]


def continued_mark(index: int) -> str:
    """What the title of the ``index``-th slide a planned slide continues on says after it
    (index 0: the slide itself). Numbered from the third, so that every slide of a deck has
    a title of its own (a screen reader lists slides by title)."""
    if index == 0:
        return ""
    if index == 1:
        return " " + label("(cont.)")
    return " " + label("(cont. {number})", number=index)


def _continued(plan_slide: Slide, index: int) -> Slide:
    if index == 0:
        return plan_slide
    title = plan_slide.title + (Run(continued_mark(index)),) if plan_slide.title else ()
    return replace(plan_slide, title=title)


def _spanning(geometry: Geometry) -> Geometry:
    """``geometry`` with its first body place spanning every body place (a two-column
    layout's both columns): where a slide's text alone, or a picture alone, goes on a
    layout made for two columns."""
    if len(geometry.bodies) < 2:
        return geometry
    first, *others = geometry.bodies
    right = max(p.rect.x + p.rect.width for p in geometry.bodies)
    bottom = max(p.rect.bottom for p in geometry.bodies)
    top = min(p.rect.y for p in geometry.bodies)
    wide = Rect(first.rect.x, top, right - first.rect.x, bottom - top)
    return replace(geometry, bodies=(replace(first, rect=wide), *others))


def _with_text(
    work: _Work, plan_slide: Slide, geometry: Geometry, parts: list[_Part]
) -> list[_Part]:
    """The slides of a table or of two columns with the slide's other text, which their
    layout has no room for beside them, on slides of its own: before them when it came
    first (a sentence that introduces the table), else after (a source under it). It was
    left out of the deck without a word."""
    if not plan_slide.body:
        return parts
    lead = len(plan_slide.body) if plan_slide.lead is None else plan_slide.lead
    before, after = plan_slide.body[:lead], plan_slide.body[lead:]
    wide = _spanning(geometry)  # (two columns' places: the text spans both, as one)

    def alone(body: tuple[Para, ...]) -> list[_Part]:
        if not body:
            return []
        text = replace(plan_slide, body=body, columns=(), table=None, figures=())
        return _text_parts(work, work.next_number, text, wide, "content")

    ordered = [*alone(before), *parts, *alone(after)]
    return [
        (replace(part, title=_continued(plan_slide, index).title), boxes, table, pictures)
        for index, (part, boxes, table, pictures) in enumerate(ordered)
    ]


def _continued_notes(part: Slide, index: int, first: int) -> str:
    """The speaker notes of the ``index``-th slide a planned slide continues on (whose first
    slide is numbered ``first``): where its notes are. Written out again on each, a long
    content note was printed three times over on the notes pages and read out of the deck
    three times."""
    if index == 0:
        return part.notes
    if not part.notes.strip():
        return label("Continued from the previous slide.")
    return label("Continued from slide {number}: its notes cover this slide too.", number=first)


def _described(notes: str, pictures: tuple[LaidOutPicture, ...]) -> str:
    """``notes`` with a line asking for each picture the slide shows to be described (its
    description, for anyone who cannot see it), in the order shown, once each: one the
    notes already ask for (a picture's own slide, whose template writes it) is not asked
    for again. Only a picture alone on a continued slide was described: one beside the
    slide's text, or beside the text it continued with, was passed over in silence, in the
    deck's notes and on the notes pages alike, which read these notes."""
    lines = [notes] if notes.strip() else []
    for picture in pictures:
        if not picture.alt.strip():
            continue  # decoration: nothing to describe
        description = " ".join(picture.alt.split()).rstrip(".")
        line = label(
            "Describe the picture for anyone who cannot see it: {description}.",
            description=description,
        )
        if not any(line in said for said in lines):
            lines.append(line)
    return "\n".join(lines)


def _grown_title(work: _Work, plan_slide: Slide, geometry: Geometry, role_name: str) -> Geometry:
    """The layout with room for a title that does not fit its placeholder even at its floor.

    A title cannot continue on another slide, so it grows by the lines it needs: up into the
    margin first, then down, the text and pictures below it getting what is left (as far
    below it as the layout has them below the title). A title that would take nearly half
    the slide, or run over a shape the layout draws below it (a quote's bar), is an error
    naming it.
    """
    place = geometry.title
    if place is None or not plan_slide.title:
        return geometry
    role = work.roles[role_name]
    if work.title_too_small(geometry, plan_slide, role):
        return geometry
    longest = plan_slide.title + ((Run(continued_mark(99)),) if role_name == "slide-title" else ())
    paras = place.style.shown((Para(longest),))
    room = place.box()
    if largest_fit(work.measure, paras, room, role) is not None:
        return geometry
    need = (work.measure.height(paras, role.floor, room.width, role) - room.height) / HEIGHT_USE
    rect = place.rect
    # up into the margin, never into a box or shape the layout has above it (an Office
    # section header's text sits over its title)
    up = min(need, max(0.0, rect.y - max(work.height * 0.02, _drawn_above(geometry, rect))))
    if rect.height + need > work.height * 0.45 or rect.bottom + need - up > _drawn_below(
        geometry, rect
    ):
        blocked = rect.height + need <= work.height * 0.45  # by a shape of the layout's
        work.problems.append(
            too_long(
                work.blame(plan_slide, work.next_number),
                role,
                plan_slide.title_text,
                "the slide's title area"
                + (" (the layout draws a shape under it)" if blocked else ""),
                "shorten the title: a module's title is in the titles of the slides that "
                "name it too ('Takeaway: ...', 'Reflect: ...'), so a title of a line or two "
                "reads best",
            )
        )
        return geometry
    title = Rect(rect.x, rect.y - up, rect.width, rect.height + need)
    # the layout's space between its title and what is nearest below it (the title's rule
    # sits in it): kept under the grown title, which what it reaches moves below (flush
    # under it, a picture's top edge ran under the rule); what it does not reach stays
    places = [p for p in (geometry.subtitle, *geometry.bodies) if p is not None]
    space = min((p.rect.y - rect.bottom for p in places if p.rect.y >= rect.bottom), default=0.0)
    top = title.bottom + space

    def below(other: Place | None) -> Place | None:
        if other is None or other.rect.y < rect.y or other.rect.y >= top:
            return other
        moved = Rect(other.rect.x, top, other.rect.width, other.rect.bottom - top)
        return replace(other, rect=moved)

    return replace(
        geometry,
        title=replace(place, rect=title),
        subtitle=below(geometry.subtitle),
        bodies=tuple(b for b in (below(b) for b in geometry.bodies) if b is not None),
    )


def _drawn_above(geometry: Geometry, title: Rect) -> float:
    """How far up a title at ``title`` may grow: to the foot of the lowest box (subtitle,
    text, picture) or shape the layout has above it, across its width; 0 when there is
    none."""
    others = [p.rect for p in (geometry.subtitle, *geometry.bodies) if p is not None]
    others += [d.rect for d in geometry.decorations]
    feet = [
        r.bottom
        for r in others
        if r.y < title.y
        and r.bottom <= title.bottom
        and r.x < title.x + title.width
        and r.x + r.width > title.x
    ]
    return max(feet, default=0.0)


def _drawn_below(geometry: Geometry, title: Rect) -> float:
    """How far down a title at ``title`` may grow: to the top of the first shape the layout
    draws below it, across its width (a quote's bar, an accent line), which stays where
    the layout has it; the slide's foot when there is none. The title's own rule moves
    with it."""
    tops = [
        d.rect.y
        for d in geometry.decorations
        if d.rect.y >= title.bottom
        and d.rect.x < title.x + title.width
        and d.rect.x + d.rect.width > title.x
    ]
    return min(tops, default=float("inf"))


def _title_box(work: _Work, part: Slide, geometry: Geometry, role_name: str) -> TextBox | None:
    """The title fitted to its placeholder (grown already when it had to)."""
    place = geometry.title
    if place is None or not part.title:
        return None
    role = work.roles[role_name]
    paras = place.style.shown((Para(part.title),))
    size = largest_fit(work.measure, paras, place.box(), role) or int(role.floor)
    return TextBox(place.rect, role_name, paras, size, place.style, place.idx)


def _at_home(box: TextBox, geometry: Geometry) -> TextBox:
    """The box marked as moved when it is not where its layout placeholder is."""
    places = [geometry.title, geometry.subtitle, *geometry.bodies]
    home = next((p.home for p in places if p is not None and p.idx == box.placeholder), None)
    return replace(box, moved=home is not None and home != box.rect)


def field_paras(element: Any, bold: bool = False) -> tuple[Para, ...]:
    """A slide-number placeholder's own text as PowerPoint shows it on a slide: each
    paragraph's runs (bold and italic as each says, else ``bold`` as the placeholder's
    style says), line breaks and fields (the slide number's, a date's, as flagged runs;
    another field's text as last shown); () when it has no slide-number field (the slide
    shows its bare number). A few words are read (_MOST_SAID letters): past them, only the
    fields, and the words of the number's own paragraph."""
    body = element.find(_q("p:txBody"))
    if body is None:
        return ()
    paras: list[Para] = []
    room = _MOST_SAID
    for paragraph in body.iter(_q("a:p")):
        if any(f.get("type") == "slidenum" for f in paragraph.iter(_q("a:fld"))):
            room = max(room, _MOST_SAID)  # the number's own words, whatever came before
        runs, room = _template_runs(paragraph, room, bold)
        paras.append(Para(runs))
    if not any(r.slide_number for p in paras for r in p.runs):
        return ()
    return tuple(paras)


def _template_runs(
    paragraph: Any, room: int, bold: bool = False, italic: bool = False
) -> tuple[tuple[Run, ...], int]:
    """A paragraph of a template's text as runs: its line breaks, and its runs and fields
    (a slide number's and a date's flagged, another's text as last shown), each bold and
    italic as it says, else ``bold`` and ``italic``; ``room`` letters of words at most,
    past which only those fields (see :func:`stamped`). With the room left."""
    runs: list[Run] = []
    for part in paragraph:
        if part.tag == _q("a:br"):
            runs.append(Run("", line_break=True))
        elif part.tag in (_q("a:r"), _q("a:fld")):
            kind = part.get("type", "") if part.tag == _q("a:fld") else ""
            if room <= 0 and not (kind == "slidenum" or kind.startswith("datetime")):
                continue
            text = (part.findtext(_q("a:t")) or "")[: max(room, 0)]
            room -= len(text)
            looks = part.find(_q("a:rPr"))
            said = {n: looks.get(n) if looks is not None else None for n in ("b", "i")}
            runs.append(
                Run(
                    text,
                    bold=said["b"] in ("1", "true") if said["b"] is not None else bold,
                    italic=said["i"] in ("1", "true") if said["i"] is not None else italic,
                    slide_number=kind == "slidenum",
                    date=kind.startswith("datetime"),
                )
            )
    return tuple(runs), room


def stamped(paras: tuple[Para, ...], number: int, day: str) -> tuple[Para, ...]:
    """A template's text as it shows on slide ``number``: its slide-number fields say the
    number, its date fields ``day`` (the content's date, as every output's footer gives it:
    the same on screen and on paper, whatever day the deck is opened)."""

    def said(run: Run) -> Run:
        if run.slide_number:
            return replace(run, text=str(number))
        return replace(run, text=day) if run.date else run

    return tuple(replace(p, runs=tuple(map(said, p.runs))) for p in paras)


def _footer(work: _Work, geometry: Geometry, number: int) -> tuple[TextBox | None, TextBox | None]:
    role = work.roles["footer"]
    paras = (Para((Run(work.footer),)),)
    if geometry.footer is not None:
        place = geometry.footer
        paras = place.style.shown(paras)
        room = place.box()
        measure = work.face_measure(place.style.face)  # in the font it is drawn in
        size = largest_fit(measure, paras, room, role)
        rect = place.rect
        if size is None:  # a long course title: the footer grows upwards, never clipped
            size = int(role.floor)
            need = (measure.height(paras, size, room.width, role) - room.height) / HEIGHT_USE
            rect = Rect(rect.x, rect.y - need, rect.width, rect.height + need)
        footer = TextBox(rect, "footer", paras, size, place.style, place.idx, rect != place.home)
    else:
        scale = work.scale
        rect = Rect(work.width * 0.05, work.height - 30 * scale, work.width * 0.7, 22 * scale)
        style = TextStyle(colour=geometry.text_colour)
        footer = TextBox(rect, "footer", paras, round(10 * scale) or 1, style)
    slide_number = None
    if geometry.number is not None:
        place = geometry.number
        # (its runs as bold as they say; the bare number as the placeholder's style says)
        own = place.said or (Para((Run("", bold=place.bold, slide_number=True),)),)
        said = stamped(own, number, work.day)
        slide_number = TextBox(
            place.rect,
            "footer",
            place.style.shown(said),
            place.size or int(role.largest),
            place.style,
            place.idx if place.idx >= 0 else None,  # the master's: a text box of its own
            place.rect != place.home,
        )
    return footer, slide_number


def _text_parts(
    work: _Work, number: int, plan_slide: Slide, geometry: Geometry, role: str
) -> list[_Part]:
    texts = (
        [geometry.subtitle, *geometry.bodies]
        if role == "title"
        else [*geometry.bodies, geometry.subtitle]
    )
    place = next((p for p in texts if p is not None), None)
    body = place.style.shown(plan_slide.body) if place is not None else plan_slide.body
    body_role = {"title": "subtitle", "section": "subtitle", "quote": "quote"}.get(role, "body")
    blame = work.blame(plan_slide, number)
    chunks: list[tuple[tuple[Para, ...], int]] = [((), 0)]
    if body and place is not None and role in ("title", "section"):
        # a cover or divider never continues: its few lines shrink instead
        size = largest_fit(work.measure, body, place.box(), work.roles[body_role])
        if size is None:
            cut = place.layout_rect is not None  # the rest of its box is past the edge
            work.problems.append(
                problem(
                    blame,
                    f"the text under the title is too long for the layout '{geometry.name}'"
                    + (", whose text placeholder is partly off the slide" if cut else "")
                    + f", even at {int(work.roles[body_role].floor)} pt",
                    "in PowerPoint's View > Slide Master, move or resize the layout's text "
                    "placeholder inside the slide, or shorten the text"
                    if cut
                    else "shorten it, or map this slide kind to a layout with a larger text area",
                    quote=max((p.text for p in plan_slide.body), key=len),
                )
            )
        chunks = [(body, size or int(work.roles[body_role].floor))]
    elif body and place is not None:
        room = place.box()
        if plan_slide.figures:  # the picture takes the right part, the text keeps the left
            rect = place.rect
            room = replace(place, rect=Rect(rect.x, rect.y, rect.width * 0.55, rect.height)).box()
        try:
            chunks = share(work.measure, body, room, work.roles[body_role])
        except DoesNotFit as failed:
            work.problems.append(
                too_long(blame, work.roles[body_role], failed.too_long.para.text, "one slide")
            )
            chunks = [(body, int(work.roles[body_role].floor))]
    elif plan_slide.body:
        work.unplace(geometry, plan_slide, number, "text")
    out: list[_Part] = []
    for index, (paras, size) in enumerate(chunks):
        part = replace(_continued(plan_slide, index), body=paras)
        boxes: tuple[TextBox, ...] = ()
        if paras and place is not None:
            rect = place.rect
            if plan_slide.figures and role not in ("title", "section"):
                rect = Rect(rect.x, rect.y, rect.width * 0.55, rect.height)
            boxes = (TextBox(rect, body_role, paras, size, place.style, place.idx),)
        shown = plan_slide.figures[index] if index < len(plan_slide.figures) else None
        out.append((part, boxes, None, _pictures(work, shown, geometry, bool(paras))))
    return out


def _pictures(
    work: _Work, figure: Figure | None, geometry: Geometry, beside_text: bool
) -> tuple[LaidOutPicture, ...]:
    """``figure`` in the body area of a slide (beside the text when there is any).

    Its description is alt text, read by screen readers: it is never fitted as a title and
    has no length limit here.
    """
    if figure is None or not geometry.bodies:
        return ()
    data = work.images.get(figure.src)
    if data is None:
        return ()
    area = geometry.bodies[0].rect
    left, width = area.x, area.width
    if beside_text:
        left, width = area.x + area.width * 0.58, area.width * 0.42
    from ..images import open_picture

    with open_picture(data) as image:
        pixels_w, pixels_h = image.size
    # as large as the area holds, but never past twice its size at 96 dpi: an icon of a
    # few pixels blown up to fill the slide is a blur of squares
    scale = min(width / pixels_w, area.height / pixels_h, PICTURE_MOST)
    w, h = pixels_w * scale, pixels_h * scale
    rect = Rect(left + (width - w) / 2, area.y + (area.height - h) / 2, w, h)
    return (LaidOutPicture(rect, figure.src, figure.alt, data),)


PICTURE_MOST = 2 * 72 / 96  # points a picture's pixel may take on a slide, at the most


# ---------------------------------------------------------------- two columns


def _column_parts(work: _Work, number: int, plan_slide: Slide, geometry: Geometry) -> list[_Part]:
    from ..glyphs import table_reads_from_right

    places = list(geometry.bodies[:2])  # left to right (see _main_first)
    headings = (column[0].text for column in plan_slide.columns[:2] if column)
    if len(places) == 2 and table_reads_from_right(headings):
        # the first column at the right, where a reader from the right starts, as the
        # compared table and the poster have it
        places.reverse()
    boxes = [p.box() for p in places]
    columns = tuple(
        places[i].style.shown(column) if i < len(places) else column
        for i, column in enumerate(plan_slide.columns[:2])
    )
    role = work.roles["columns"]
    columns = _cut_to_fit(work.measure, columns, boxes, role)
    parts = share_columns(work.measure, columns, boxes, role)
    sizes: list[int] = []
    for col_parts in parts:
        fitted = [
            largest_fit(work.measure, part, box, role)
            for part, box in zip(col_parts, boxes, strict=False)
        ]
        if any(size is None for size in fitted):
            longest = max((p for c in col_parts for p in c), key=lambda p: len(p.text))
            work.problems.append(
                too_long(work.blame(plan_slide, number), role, longest.text, "one slide")
            )
        sizes.extend(int(role.floor) if size is None else size for size in fitted)
    # one size for the columns of every slide they continue on: type does not jump
    size = min(sizes, default=int(role.floor))
    out: list[_Part] = []
    for index, col_parts in enumerate(parts):
        part = replace(_continued(plan_slide, index), columns=tuple(col_parts))
        text_boxes = tuple(
            TextBox(place.rect, "columns", paras, size, place.style, place.idx)
            for place, paras in zip(places, col_parts, strict=False)
        )
        out.append((part, text_boxes, None, ()))
    return out


def _cut_to_fit(
    measure: Measure, columns: tuple[tuple[Para, ...], ...], boxes: list[Box], role: Role
) -> tuple[tuple[Para, ...], ...]:
    """Compared columns with each paragraph too long for a slide under its column's
    heading, even at the floor, given in pieces that fit (see :func:`fit.within_box`): a
    cell of a hundred words goes on to the next slide as a bullet does. The cell beside it
    is followed by as many empty paragraphs as the cut added, so that the rows stay side
    by side from slide to slide. A paragraph that cannot be cut so is left whole, to be
    named."""
    size = int(role.floor)
    heads = [column[:1] if column and column[0].heading else () for column in columns]
    cut: list[list[tuple[Para, ...]]] = []
    for column, head, box in zip(columns, heads, boxes, strict=False):
        room = box.height
        if head:
            word = Para((Run("word"),))
            room -= measure.height(head + (word,), size, box.width) - measure.height(
                (word,), size, box.width
            )
        pieces = []
        for para in column[len(head) :]:
            try:
                pieces.append(within_box(measure, para, size, box.width, room, role))
            except DoesNotFit:
                pieces.append((para,))
        cut.append(pieces)
    out = [list(head) for head in heads]
    for row in range(max((len(c) for c in cut), default=0)):
        most = max(len(c[row]) for c in cut if row < len(c))
        for column, pieces in zip(out, cut, strict=True):
            if row < len(pieces):
                blank = Para((Run(""),), mark=False)
                column.extend(pieces[row] + (blank,) * (most - len(pieces[row])))
    return tuple(tuple(column) for column in out)


def share_columns(
    measure: Measure, columns: tuple[tuple[Para, ...], ...], boxes: list[Box], role: Role
) -> list[tuple[tuple[Para, ...], ...]]:
    """Compared columns shared out over slides, a column's leading heading repeated on each:
    the fewest slides on which every part fits at the floor, cut at the same rows in both
    columns so that the rows stay side by side, and as even as a continued text slide's
    parts (:func:`fit.evenly`). Shared by height, not by count: a long row and five short
    ones make two slides, not six slides of one row each. A row too tall for a slide
    alone takes one by itself (to be named when fitted).

    Each column's rows are measured once, at the floor; a part's height is their sum (the
    height :meth:`Measure.height` gives), so a long comparison is shared out in time that
    grows with its rows, not their square."""
    low = int(role.floor)
    gap = space_before(low)
    measured = []  # each column's heading height (0: none), its rows' heights added up, box
    for column, box in zip(columns, boxes, strict=False):
        head = column[:1] if column and column[0].heading else ()
        top = measure.lines(head[0], low, box.width, role) * low * LINE + gap if head else 0.0
        added = [0.0]
        for para in column[len(head) :]:
            added.append(added[-1] + measure.lines(para, low, box.width, role) * low * LINE)
        measured.append((top, added, box))
    rows = max((len(added) - 1 for _, added, _ in measured), default=0)

    def fill(first: int, last: int) -> float:
        """How full rows first..last - 1 make the fuller column's box."""
        fullest = 0.0
        for top, added, box in measured:
            end = min(last, len(added) - 1)
            start = min(first, end)
            if end > start:
                height = top + added[end] - added[start] + gap * (end - start - 1)
                fullest = max(fullest, height / box.height if box.height > 0 else math.inf)
        return fullest

    heads = [column[:1] if column and column[0].heading else () for column in columns]
    return [
        tuple(
            head + column[len(head) :][run.start : run.stop]
            for column, head in zip(columns, heads, strict=True)
        )
        for run in evenly(rows, fill) or [range(rows)]
    ]


# ---------------------------------------------------------------- tables


def _table_parts(work: _Work, number: int, plan_slide: Slide, geometry: Geometry) -> list[_Part]:
    from ..fit import address_pieces, column_widths, shrinking, table_weight

    table = plan_slide.table
    assert table is not None
    blame = work.blame(plan_slide, number)
    if not geometry.bodies:
        work.unplace(geometry, plan_slide, number, "table")
        return [(plan_slide, (), None, ())]
    area = geometry.bodies[0].rect
    box_w, box_h = area.width, area.height * 0.97
    columns = max([len(table.header)] + [len(r) for r in table.rows])
    inset_x, inset_y = DEFAULT_INSETS[0], DEFAULT_INSETS[1]
    role = work.roles["table"]
    measure = work.measure

    def cell_para(cell: tuple, bold: bool = False) -> Para:
        return Para(runs(cell, bold=bold))

    known_widths: dict[int, list[float]] = {}
    known_words: dict[int, list[float]] = {}  # each column's longest word at a size

    def widths(size: int) -> list[float]:
        """Column widths from every row, so they do not change from one slide to the next;
        worked out once a size, not once a continued slide."""
        if size not in known_widths:
            weights, longest = [], []
            for i in range(columns):
                texts = [plain(r[i]) for r in (table.header, *table.rows) if i < len(r)]
                weights.append(max(6, min(50, max(map(table_weight, texts), default=6))))
                pieces = [p for t in texts for w in unbreakable(t) for p in address_pieces(w)]
                longest.append(longest_word(pieces, measure.fonts.bold, size))
            minimums = [w + 2 * inset_x + 4 for w in longest]
            known_widths[size] = column_widths(box_w, weights, minimums)
            known_words[size] = longest
        return known_widths[size]

    def row_height(
        cells: list[tuple], size: int, col_widths: list[float], bold: bool = False
    ) -> float:
        tallest = 0.0
        for i, width in enumerate(col_widths):
            cell = cells[i] if i < len(cells) else ()
            para = cell_para(cell, bold or i == 0)
            tallest = max(tallest, measure.lines(para, size, width - 2 * inset_x) * size * LINE)
        return tallest + 2 * inset_y + 2

    def texts(size: int) -> list[float]:
        return [w - 2 * inset_x for w in widths(size)]

    def legible(size: int) -> bool:
        """No column cuts ordinary words at ``size`` (see fit.cuts_words)."""
        return not cuts_words(texts(size), known_words[size], size)

    def slide_rows(
        rows: list[list[tuple]], size: int, tell: bool = True
    ) -> tuple[list[list[tuple]], list[float], float] | None:
        """The rows as they go over slides at ``size`` (a row too tall for a slide cut into
        rows that fit), their heights and the room under the header; None when a row does
        not fit even cut (``tell``: say so, for the floor)."""
        cw = widths(size)
        head_h = row_height(list(table.header), size, cw, True)
        going_on: list[list[tuple]] = []
        for r in rows:
            if head_h + row_height(r, size, cw) <= box_h:
                going_on.append(r)
                continue
            # a row too tall for a slide goes on on the next, each cell's text cut after a
            # sentence (between words only when one sentence is too long) as a slide's
            # paragraph is: its label shown again beside the rest
            room = box_h - head_h - 2 * inset_y - 2
            try:
                pieces = [
                    within_box(
                        measure,
                        cell_para(r[i] if i < len(r) else (), i == 0),
                        size,
                        width - 2 * inset_x,
                        room,
                        None,
                    )
                    for i, width in enumerate(cw)
                ]
            except DoesNotFit:  # a word taller than a slide: no cut holds it
                if not tell:
                    return None
                longest = max((plain(c) for c in r), key=len, default="")
                first = start_of(plain(r[0]), 40) if r else ""
                work.problems.append(
                    problem(
                        blame,
                        f"the table's row starting '{first}' is too tall for one slide, even "
                        f"at {size} pt",
                        "shorten its longest cell, or move the detail into the handout or "
                        "the speaker notes",
                        quote=longest,
                    )
                )
                return None
            for k in range(max(map(len, pieces))):
                going_on.append(
                    [
                        _inlines(cut[k])
                        if k < len(cut)
                        else (r[0] if i == 0 and len(cut) == 1 and r else ())
                        for i, cut in enumerate(pieces)
                    ]
                )
        return going_on, [row_height(r, size, cw) for r in going_on], box_h - head_h

    rows = [list(r) for r in table.rows]
    chosen: list[tuple[list[list[tuple]], int]] | None = None
    for size in map(int, shrinking(role.largest, role.floor)):
        if not legible(size):
            continue
        cw = widths(size)
        total = row_height(list(table.header), size, cw, True) + sum(
            row_height(r, size, cw) for r in rows
        )
        if total <= box_h:
            chosen = [(rows, size)]
            break
    if chosen is None:
        # continue over slides as text does (fit.share): the fewest slides the rows need at
        # the floor, then the largest size at which they still go on that many, shared out
        # evenly (a table of five rows went 2, 1 and 2 rows at two points over the floor,
        # the middle slide half empty, where the floor held it on two)
        every = dict.fromkeys(int(s) for s in shrinking(role.largest, role.floor))
        sizes = [s for s in every if legible(s)]
        sizes = sizes or [int(role.floor)]
        cut = slide_rows(rows, sizes[-1])
        if cut is None:
            return [(plan_slide, (), None, ())]
        fewest = len(_balanced_rows(*cut, sizes[-1]))
        for size in sizes:
            tried = cut if size == sizes[-1] else slide_rows(rows, size, tell=False)
            if tried is None or sum(tried[1]) > fewest * tried[2]:
                continue  # a row no slide holds at this size, or more than that many
            chosen = _balanced_rows(*tried, size)
            if len(chosen) <= fewest:
                break
        assert chosen is not None
    size = chosen[0][1]
    if not legible(size):
        message, hint = too_wide(texts(size), size, box_w, 2 * inset_x + 4, "a slide")
        headings = [plain(cell) for cell in table.header if plain(cell)]
        quote = headings[-1] if headings else ""
        work.problems.append(problem(blame, message, hint, quote=quote))
        return [(plan_slide, (), None, ())]
    colours = _table_colours(work.template)
    out: list[_Part] = []
    for index, (chunk, size) in enumerate(chosen):
        part = replace(
            _continued(plan_slide, index),
            table=type(table)(table.header, tuple(tuple(r) for r in chunk), table.align),
        )
        cw = widths(size)
        heights = [row_height(list(table.header), size, cw, True)] + [
            row_height(r, size, cw) for r in chunk
        ]
        cells = tuple(
            tuple(
                cell_para(cells[c] if c < len(cells) else (), bold=(r == 0 or c == 0))
                for c in range(columns)
            )
            for r, cells in enumerate([list(table.header), *chunk])
        )
        name = "Comparison table" if "compar" in part.title_text.lower() else "Table"
        laid = LaidOutTable(
            Rect(area.x, area.y, area.width, sum(heights)),
            cells,
            tuple(cw),
            tuple(heights),
            size,
            name,
            colours,
            mirrored=table_reads_from_right(plain(cell) for cell in table.header),
            style=work.template.table_style[0],
        )
        out.append((part, (), laid, ()))
    return out


def _inlines(para: Para) -> tuple[Any, ...]:
    """A piece of a table cell (a :class:`Para` cut by :func:`within_box`) as the cell's
    inline text again, in its runs' styles."""
    from ..document import Emph, LineBreak, Link, Strike, Strong, Text

    out: list[Any] = []
    for run in para.runs:
        if run.line_break:
            out.append(LineBreak())
            continue
        node: Any = Text(run.text)
        if run.strike:
            node = Strike((node,))
        if run.italic:
            node = Emph((node,))
        if run.bold:
            node = Strong((node,))
        if run.link:
            node = Link(run.link, (node,))
        out.append(node)
    return tuple(out)


def _balanced_rows(
    rows: list[list[tuple]], heights: list[float], room: float, size: int
) -> list[tuple[list[list[tuple]], int]]:
    """Rows shared over the fewest slides, as evenly as they go (:func:`fit.evenly`: no
    lone row after a full slide)."""
    added = [0.0, *itertools.accumulate(heights)]

    def fill(first: int, last: int) -> float:
        return (added[last] - added[first]) / room if room > 0 else math.inf

    runs = evenly(len(rows), fill) or [range(0)]  # no rows: the header alone, once
    return [(rows[run.start : run.stop], size) for run in runs]


# ---------------------------------------------------------------- reading the laid-out deck


def module_slides(laid: LaidOutDeck) -> dict[str, tuple[int, int]]:
    """Each module's first and last slide number, as the deck shows them (for the guide)."""
    numbers: dict[str, tuple[int, int]] = {}
    for slide in laid.slides:
        if slide.module:
            numbers[slide.module] = (numbers.get(slide.module, (slide.number,))[0], slide.number)
    return numbers


def missing_notes(laid: LaidOutDeck) -> list[LaidOutSlide]:
    """Content slides with no speaker notes (covers and dividers need none): none but the
    lines asking for their pictures to be described (see :func:`_described`), which are no
    notes of the module's or the template's."""
    from .slides import CONTENT_KINDS

    return [s for s in laid.slides if s.kind not in CONTENT_KINDS and not s.noted]


def notes_warnings(
    laid: LaidOutDeck, audience: str, modules: Mapping[str, str], template: str
) -> list[Problem]:
    """A warning for each content slide without speaker notes (what build and check say):
    at the module file a slide's text comes from (``modules``: id -> file), saying how a
    module gives its slides notes; else naming the deck ``template`` that writes it."""
    found = []
    for slide in missing_notes(laid):
        file = modules.get(slide.module)
        if file:
            where: Location | None = Location(file)
            hint = (
                f"give module '{slide.module}' speaker notes: 'notes:' in its front matter "
                "(the presenter's words for its key points; its body is the handout's, and a "
                "'::: notes' block there is left out of the handout, not put on a slide)"
            )
        else:
            where = None
            hint = f"add a '::: notes' block to the '{slide.kind}' slides in {template}"
        found.append(
            Problem(
                where,
                f"slide {slide.number} ('{slide.title or slide.kind}') of the deck for "
                f"{audience} has no speaker notes",
                hint,
                severity="warning",
            )
        )
    return found


def dump(laid: LaidOutDeck) -> str:
    """The laid-out deck as readable text: one block a slide (for golden files and debugging)."""

    def rect(r: Rect) -> str:
        return f"{r.x:.1f},{r.y:.1f} {r.width:.1f}x{r.height:.1f}"

    lines = [
        f"deck {laid.width:.1f}x{laid.height:.1f} pt, {laid.template_name}, "
        f"{len(laid.slides)} slides, audience {laid.audience}"
    ]
    for slide in laid.slides:
        lines.append("")
        head = f"slide {slide.number} [{slide.kind}] layout '{slide.layout}'"
        if slide.module:
            head += f" module {slide.module}"
        lines.append(head)
        background = slide.background
        lines.append(
            "  background "
            + (background.colour or "")
            + (" picture" if background.picture else "")
            + (" gradient" if background.stops else "")
        )
        for shape in slide.decorations:
            what = "picture" if shape.picture is not None else f"{shape.colour or 'gradient'} shape"
            said = f": {shape.text.text}" if shape.text is not None else ""
            lines.append(f"  {what} at {rect(shape.rect)}{said}".replace("\n", " / "))
        for box in slide.boxes:
            lines.append(
                f"  {box.role} at {rect(box.rect)}, {box.size} pt"
                + (" (moved)" if box.moved else "")
            )
            lines.extend(f"    {_para_line(p)}" for p in box.paras)
        if slide.table is not None:
            t = slide.table
            lines.append(
                f"  table at {rect(t.rect)}, {t.size} pt, columns "
                + " ".join(f"{w:.1f}" for w in t.column_widths)
                + ", rows "
                + " ".join(f"{h:.1f}" for h in t.row_heights)
            )
            lines.extend("    | " + " | ".join(p.text for p in row) + " |" for row in t.cells)
        for picture in slide.pictures:
            lines.append(f"  picture {picture.src} at {rect(picture.rect)}: {picture.alt}")
        if slide.footer is not None:
            lines.append(f"  footer {slide.footer.size} pt: {slide.footer.text}")
        if slide.notes:
            lines.append("  notes: " + slide.notes.split("\n")[0][:100])
    return "\n".join(lines).replace("\u00a0", "~") + "\n"


def _para_line(para: Para) -> str:
    mark = {"bullet": "- ", "number": f"{para.number}. "}.get(para.bullet, "")
    if not para.mark:  # the rest of an item, under its text
        mark = " " * len(mark)
    if para.heading:
        mark = "# "
    return "  " * para.level + mark + para.text.replace("\n", " / ")
