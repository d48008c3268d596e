"""The participant handout: a printable PDF laid out from the document tree.

Layout only: the template decided what the handout says; this module decides how it looks,
from the theme. Fixed points of the design: a title page stamped from the document's
metadata, a running footer (title, audience, version, "page N of M") on every page, PDF
bookmarks for every heading, and boxes for objectives, takeaways, activities and reflection
questions (with ruled lines to write on).
"""

from __future__ import annotations

import functools
import io
import math
import re
import unicodedata
from collections.abc import Callable, Iterable
from contextlib import nullcontext
from dataclasses import dataclass, replace
from itertools import repeat
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    ActionFlowable,
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    FrameBreak,
    HRFlowable,
    KeepTogether,
    LayoutError,
    ListFlowable,
    ListItem,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import NullActionFlowable
from reportlab.platypus.flowables import LIIndenter

from ..document import (
    Block,
    CodeBlock,
    Div,
    Document,
    Figure,
    Heading,
    ListBlock,
    Quote,
    Rule,
    Strong,
    inline_markdown,
    plain,
)
from ..document import PageBreak as MdPageBreak
from ..document import (
    Paragraph as MdParagraph,
)
from ..document import Table as MdTable
from ..document import Text as MdText
from ..errors import ContentError, Problem
from ..fit import (
    LEGIBLE_LETTERS,
    ROLES,
    column_widths,
    column_word,
    cuts_words,
    is_address,
    legible_width,
    longest_word,
    numbers_only,
    on_one_line,
    shrinking,
    table_weight,
    too_wide,
    unbreakable,
)
from ..glyphs import (
    RIGHT_TO_LEFT,
    broke_at_space,
    draw_string,
    note_written,
    right_to_left,
    strong_direction,
    table_reads_from_right,
    writing,
)
from ..glyphs import width as text_width
from ..i18n import current, label
from ..meta import DocumentMeta, document_meta
from ..theme import Theme
from ..units import NBSP, bind_units, kept_whole
from . import RenderOptions, RenderResult
from .pdf import (
    PAPER,
    Fonts,
    Lines,
    Paragraph,
    PdfPalette,
    Stamp,
    fit_lines,
    from_the_left,
    from_the_right,
    halved_width,
    hyphenates,
    markup,
    printable,
    running_footer,
)
from .printed_pictures import for_print
from .tagging import (
    Element,
    HeadingLevels,
    Structure,
    TableTagger,
    finish,
    paragraph_text,
    spoken,
    tag_story,
)

MARGIN = 0.75 * inch
FOOTER = 0.55 * inch
FORM_BAND = 0.35 * inch  # how much lower a form's first page starts, below its band
FORM_BAND_HEIGHT = 0.75 * inch  # a form's band, unless the organization's name needs more
BAND_CLEARANCE = 0.2 * inch  # above and below the name in the band: a printer's margin
FOOTER_SIZE = 8.0
FORM_ROW = 0.36 * inch  # a row to write in by hand: its least height
# ... on a form set closer again to save a page (a sign-in sheet whose last few rows ran on
# to a second page): still a line of handwriting, as printed sign-in sheets rule them
FORM_ROW_CLOSEST = 0.3 * inch
# Large print, after the published guidance (APH, RNIB, the Clear Print guidelines): body
# text at 18 pt or more (table cells at 95% of it), headings larger and bold, everything
# left-aligned, 1.5 line spacing, nothing in small print; rows to write in, tick boxes and
# the lines of write-in answers sized for large handwriting.
LARGE_SIZES = {"body": 19.0, "small": 18.0, "h1": 30.0, "h2": 25.0, "h3": 21.0, "title": 38.0}
LARGE_LEADING = 1.5
LARGE_FOOTER = 12.0
LARGE_BAND = 16.0  # the organization's name in a large-print page's band, at most
LARGE_ROW = 0.62 * inch
LARGE_TICK = 18.0
CONTENTS_CLOSEST = 0.7  # a contents list set closer to end on its page: the least spacing
LIST_INDENT = 16.0  # a list's text, from the side its bullets or numbers are on
MARK_GAP = 0.5  # the least gap between a list's mark and its text, in ems of the text
FORM_PAD = (4.0, 5.0, 6.0)  # a form cell's padding: top, bottom, left and right
FRAME_PADDING = 6.0  # the frames pad their top and bottom (ReportLab's default); not their sides
# The space between a form's parts (headings, questions and their options, rating rows,
# tables; never its type, tick boxes, rows or lines to write in) as a share of a handout's:
# a form is printed once per participant, so it is set compactly. One whose last page is
# still filled less than LIGHT_PAGE is set with that space at CLOSER times its own, and
# printed so when that saves a page (a last page holding one question wastes a sheet a
# participant).
FORM_SPACING = 0.6
LIGHT_PAGE = 1 / 3
# a callout or takeaway too long for the room left on its page moves to the next page whole
# when that room is at most this share of a page, and otherwise continues there
BOX_MOVES = 1 / 4
# a table's column whose every cell, set on one line, takes at most this share of the
# table's width (and at most an even share of the columns with text, in a table of more:
# a label column beside three columns of sentences took 37% of the width, and doubled the
# table's length)
# is given that width: its cells never break ("as needed", "10 min")
SHORT_COLUMN = 0.4
# a header word at least this long may be hyphenated to let a form's names stand whole
# ("regis-tration"); a shorter one ("Time", "Signature") only when nothing else is left
LONG_WORD = 10
# the letters of the shortest header word a crowded form hyphenates ("en-trada"): a shorter
# one is never split ("Ho-ra")
SPLIT_WORD = 6
# the share of a form's column to write in, beyond its header's letters (a date by hand)
WRITE_IN_WEIGHT = 8
CLOSER = 0.6
# the least space above the title page's title: a gap of 0.3 in below the band (1.25 in
# from the page's top, with its 6 pt rule) left when a long title needs the room
TITLE_SPACE_LEAST = 1.25 * inch + 6 - MARGIN - FRAME_PADDING + 0.3 * inch


LONG_TABLE = 400  # body rows above which a table is given to ReportLab a few pages at a time
WINDOW = 100  # body rows in each part handed over: more than a page holds (else doubled)


def _title_level(div: Div) -> int | None:
    """The heading level a box's title has in the tagged outline, as its div says
    (``level=2``), or None: a level below the section the box is in."""
    said = div.attrs.get("level", "")
    return int(said) if said in ("1", "2", "3", "4", "5", "6") else None


def _boxed(div: Div) -> bool:
    """Whether a div is drawn as a shaded box (a callout, the takeaway, a content note)."""
    return div.has("callout") or div.has("takeaway") or div.has("content-note")


def _in_cell(flowable: Flowable | list[Flowable]) -> list[Flowable | list[Flowable]]:
    """``flowable`` as a row of a box (a table cell) holds it. A cell is never split across
    pages and has no page to break, so what asks a page for room or a break (a heading's
    conditional break, a page break) is left out, and what is kept together (a picture
    and its caption, a box inside the box) is given as the cell's list of flowables: a
    KeepTogether asks for an endless height to force its split, which no cell can give."""
    if isinstance(flowable, (list, KeepTogether)):
        kept = _flat(flowable)
        return [kept] if kept else []
    return _flat(flowable)


def _paragraph_pieces(
    paragraph: Paragraph, width: float, heights: Iterable[float]
) -> list[Paragraph]:
    """``paragraph``, ``width`` wide, cut between its lines into pieces of at most
    ``heights`` points in turn, until what is left fits the next (itself alone when it
    fits the first)."""
    pieces: list[Paragraph] = []
    rest = paragraph
    for height in heights:
        if _height(rest, width, 1e6) <= height:
            break
        first, *others = rest.split(width, height)
        if not others:
            break
        first.continues = True  # its last line's space is read (see pdf.Paragraph.draw)
        pieces.append(first)
        rest = others[0]
    return [*pieces, rest]


def _headless(piece: Table, width: float) -> Table:
    """A part of a table in a box (see _Layout.table_pieces) without its header row, which
    the box draws only where the part starts a page (see :class:`_Box`); tagged as the
    rows of the one table it is part of."""
    piece.wrap(width, 1e9)
    piece.repeatRows = 0  # (ReportLab's split: the rows below the header, styled as they were)
    parts = Table.split(piece, width, piece._rowHeights[0] + 0.01)  # noqa: SLF001
    piece.repeatRows = 1
    if len(parts) != 2:
        return piece
    rows = parts[1]
    # no rule above its first row: ReportLab's split turns the rule under the header into
    # one above it, which crossed a row going on from the part before (a heavy one in
    # black and white); the part before draws the rule under its own last row
    rows._linecmds = [  # noqa: SLF001
        c
        for c in rows._linecmds
        if not (c[0] == "LINEABOVE" and c[1][1] == 0 == c[2][1])  # noqa: SLF001
    ]
    for name in ("whole", "data_table", "mirrored", "page_room"):
        setattr(rows, name, getattr(piece, name))
    rows.row_headers = getattr(piece, "row_headers", 0)
    rows.hAlign, rows.headless, rows.headed = piece.hAlign, True, piece
    return rows


def _set_left(paragraph: Paragraph) -> Paragraph:
    """``paragraph`` set from the left edge of its column, read in its own direction."""
    if paragraph.style.alignment != TA_LEFT:
        paragraph.style = ParagraphStyle(
            paragraph.style.name, parent=paragraph.style, alignment=TA_LEFT
        )
    return paragraph


class _Box(Table):
    """A shaded box (one row per part of what it holds): where it goes on on the next page,
    a table's part that starts that page is drawn under the table's header again, and a
    box with a title says it again there ("Reflection (cont.)"), so that the questions or
    points atop the page are known for what they are. Said again, the title is pagination
    (an artifact), as a table's repeated header is: a screen reader reads it once."""

    # makes the title said again where the box goes on (None: a box without a title)
    continued_title: Callable[[], Paragraph] | None = None

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        parts = super().split(available_width, available_height)
        for part in parts[1:]:
            _headed_at_top(part)
        if len(parts) == 2 and self.continued_title is not None:
            _titled_again(parts[1], self.continued_title, getattr(self, "_renderCB", None))
        return parts


def _titled_again(box: Table, title: Callable[[], Paragraph], tagger: Any) -> None:
    """The part of a box that goes on on another page, its title said again atop its first
    row (drawn as pagination), and said again where it goes on once more."""
    again = _Repeated(title())
    again.structure = getattr(tagger, "structure", None)
    # a row of its own: ReportLab's parts share their rows with the box they were split from,
    # which is split again to see where it starts (the title was said twice)
    first, *rest = box._cellvalues  # noqa: SLF001
    cell = first[0]
    said = [again, *(cell if isinstance(cell, (list, tuple)) else [cell])]
    box._cellvalues = [[said, *first[1:]], *rest]  # noqa: SLF001
    box._argH = [None, *box._argH[1:]]  # noqa: SLF001 (measured again, title and all)
    box.__dict__.pop("_width_calculated_once", None)
    box.continued_title = title


def _headed_at_top(box: Table) -> bool:
    """A box's part that starts a page: a table's part in its first row is drawn under the
    table's header, and so is one in the first row of a box within it that starts there
    too (a part of a box cut in rows of the box around it: see _Layout.box_pieces). The
    row is measured again, header included (a part keeps the heights its whole table
    measured: the header stood above the box). Whether anything was headed."""
    row = box._cellvalues[0]  # noqa: SLF001
    cell = row[0]
    held = list(cell) if isinstance(cell, (list, tuple)) else [cell]
    headed = [getattr(f, "headed", f) for f in held]
    changed = any(a is not b for a, b in zip(headed, held, strict=True))
    if changed:
        for new, old in zip(headed, held, strict=True):
            if new is not old:  # tagged as the part it stands for
                new._renderCB = getattr(old, "_renderCB", None)  # noqa: SLF001
        row[0] = headed if isinstance(cell, (list, tuple)) else headed[0]
    for flowable in headed[:1]:
        if isinstance(flowable, _Box) and _headed_at_top(flowable):
            changed = True
    if changed:
        box._argH = [None, *box._argH[1:]]  # noqa: SLF001
        box.__dict__.pop("_width_calculated_once", None)
    return changed


def _parts_of(table: Table, width: float, piece: float) -> list[Table]:
    """``table`` (a data table, or a box) in parts as ReportLab splits a table: each part
    its first rows that stand in ``piece`` points, or else in the least multiple of it up to
    six (a first row taller than that: a header and a long row, a title and a long
    paragraph), so that a page break between parts leaves little of a page empty; the last
    part what is left once it stands in ``piece``, or cannot be split (a row taller than a
    page, which stops the build, named)."""
    parts: list[Table] = []
    rest = table
    while _height(rest, width, 1e9) > piece:
        for room in (piece * n for n in range(1, 7)):
            split = Table.split(rest, width, room)
            if split:
                break
        if len(split) != 2:
            break
        first, rest = split
        parts.append(first)
    parts.append(rest)
    return parts


def _whole_pieces(pieces: list[Paragraph]) -> list[Paragraph]:
    """The pieces of one paragraph, each marked as a part of it: tagged as one P."""
    whole = object()
    for piece in pieces:
        piece.whole = whole
    return pieces


def _row_height(row: list[Paragraph], widths: list[float]) -> float:
    """How tall a table row of one paragraph a cell stands, its cells' padding included."""
    return max(p.wrap(w - 12, 1e6)[1] for p, w in zip(row, widths, strict=True)) + 11


def _flat(flowable: Flowable | list[Flowable]) -> list[Flowable]:
    """The flowables of ``flowable`` a cell can hold, kept-together groups opened; but a
    picture with its caption, which measures itself and centres the picture on its line
    (opened, a box's cell set it at the left, where the page centres it)."""
    if isinstance(flowable, _Figure):
        return [flowable]
    if isinstance(flowable, (list, KeepTogether)):
        items = flowable if isinstance(flowable, list) else flowable._content
        return [c for f in items for c in _flat(f)]
    if isinstance(flowable, (CondPageBreak, PageBreak)):
        return []
    return [flowable]


class _LongTable(Flowable):
    """A long table handed to ReportLab a few pages of rows at a time.

    To continue a table on the next page, ReportLab copies every remaining row and style
    command into a new table and goes over all of them again: over the pages of a table of
    thousands of rows, that is quadratic (4,000 rows took 7 s, 10,000 rows 37 s). This gives it
    the header and only the next rows (more than one page holds), lets it split those where it
    would have split the whole table, and keeps the rest for the next page: the same rows on
    each page, drawn the same way, each row measured once (``heights``, shared by the parts).
    """

    def __init__(
        self,
        rows: Callable[[int, int, bool], Table],
        heights: list[float | None],
        start: int,
        total: int,
    ):
        super().__init__()
        self.rows, self.heights, self.start, self.total = rows, heights, start, total
        self.first = start == 0
        self.mirrored = False  # its rows drawn from the right (an Arabic or Hebrew table)
        self.spaceBefore, self.spaceAfter = (4 if self.first else 0), 10
        self.hAlign = "LEFT"
        self._table: Table | None = None
        self._size: tuple[float, float] | None = None

    # a form's table whose last part goes on with blank rows to the foot of its page, when
    # it may (see _settle_fills and _FilledTable)
    filling = False

    def _made(self, start: int, stop: int, first: bool) -> Table:
        table = self.rows(start, stop, first)
        if isinstance(table, _FilledTable):
            table.filling = self.filling
        return table

    def _part(self, width: float, height: float) -> Table:
        """Enough of the table to overflow ``height`` (or all that is left), wrapped."""
        if self._table is not None and self._size == (width, height):
            return self._table
        window = WINDOW
        while True:
            stop = min(self.total, self.start + window)
            table = self._made(self.start, stop, self.first)
            self.width, self.height = table.wrap(width, height)
            measured = table._rowHeights  # noqa: SLF001
            self.heights[0] = measured[0]
            self.heights[1 + self.start : 1 + stop] = measured[1 : 1 + stop - self.start]
            if self.height > height or stop == self.total:
                self._table, self._size = table, (width, height)
                return table
            window *= 2

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self._part(available_width, available_height)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        parts = self._part(available_width, available_height).split(
            available_width, available_height
        )
        if len(parts) != 2:
            return parts  # nothing fits here, or everything does
        done = self.start + len(parts[0]._cellvalues) - 1  # noqa: SLF001 (less the header)
        if self.total - done <= WINDOW:
            return [parts[0], self._made(done, self.total, False)]
        rest = _LongTable(self.rows, self.heights, done, self.total)
        rest.mirrored, rest.filling = self.mirrored, self.filling
        return [parts[0], rest]

    def draw(self) -> None:
        assert self._table is not None  # wrapped first, as every flowable is
        self._table.drawOn(self.canv, 0, 0)

    def tag_with(self, structure: Structure, parent: Element) -> None:
        """One Table element for every part, each part's rows tagged by one tagger."""
        tagger = TableTagger(structure, parent.add("Table"), True, 1, self.mirrored)
        rows = self.rows

        def tagged(start: int, stop: int, first: bool = True) -> Table:
            table = rows(start, stop, first)
            table._renderCB = tagger  # noqa: SLF001
            return table

        self.rows = tagged


class _List(ListFlowable):
    """A list that never ends with its last item alone at the top of a page: too long for
    the room left on its page, a list of three items or more keeps its last item, when it is
    at most two lines (a paragraph too short to break between pages), with the one before
    it, when that one is at most two (a list kept whole would leave the sentence or heading
    above it alone at the foot of the page). Longer items break as paragraphs do, between
    their lines."""

    def __init__(self, items: list[ListItem], **options: Any):
        super().__init__(items, **options)
        self._made = (list(items), options)  # what the list was made of, for pieces()
        self.whole: object | None = None  # set on the pieces of one list: tagged as one L

    def pieces(self) -> list[_List]:
        """The list as one list of one item each, drawn as the whole list is (a numbered
        list's pieces go on counting; the space after the list comes after its last
        piece), and tagged as the one list it is: a box holds them in rows of their own,
        which can go on across a page where the list in one row could not."""
        items, options = self._made
        whole = object()
        out = []
        for n, item in enumerate(items):
            own = dict(options)
            if own.get("bulletType") != "bullet":
                own["start"] = int(own.get("start") or 1) + n
            if n < len(items) - 1:
                own["spaceAfter"] = 0
            piece = _List([item], **own)
            piece.whole = whole
            out.append(piece)
        return out

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        parts: list[Flowable] = self._content
        items: list[list[Flowable]] = []  # each item's parts: its paragraphs, a list in it
        for part in parts:
            if getattr(part, "_bullet", None) is not None or not items:
                items.append([])
            items[-1].append(part)

        def lines(item: list[Flowable]) -> int:
            """How many lines the item takes (many, when it holds more than paragraphs)."""
            count = 0
            for part in item:
                inner = getattr(part, "_flowable", None)
                if not isinstance(inner, Paragraph):
                    return 99
                part.wrap(available_width, available_height)
                count += len(inner.blPara.lines)
            return count

        if len(items) >= 3 and lines(items[-1]) <= 2 and lines(items[-2]) <= 2:
            items[-2][-1].keepWithNext = 1
        return parts

    def _makeLIIndenter(self, flowable: Flowable, bullet: Any, params: Any = None) -> Flowable:  # noqa: N802 (ReportLab's)
        return _Indented.of(super()._makeLIIndenter(flowable, bullet, params))


class _Indented(LIIndenter):
    """A list item's part, indented under its mark, that hands what it holds the frame it is
    split in: a picture in a list item at the foot of a page is drawn smaller there, as one
    outside a list is (see :class:`_Figure`). Split without it (as ReportLab splits a list
    item's part), the picture took itself for atop the page and moved on, leaving the
    heading over its list alone at the foot."""

    @classmethod
    def of(cls, part: LIIndenter) -> _Indented:
        return cls(
            part._flowable,  # noqa: SLF001
            part._leftIndent,  # noqa: SLF001
            part._rightIndent,  # noqa: SLF001
            part._bullet,  # noqa: SLF001
            spaceBefore=part.__dict__.get("spaceBefore"),
            spaceAfter=part.__dict__.get("spaceAfter"),
        )

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        inner, frame = self._flowable, getattr(self, "_frame", None)
        if frame is not None:
            inner._frame = frame  # noqa: SLF001
        try:
            parts = super().split(available_width, available_height)
        finally:
            if frame is not None and getattr(inner, "_frame", None) is frame:
                del inner._frame  # noqa: SLF001
        return [_Indented.of(part) for part in parts]


class _Heading(Paragraph):
    """A heading that becomes a bookmark and a contents entry once placed on a page."""

    def __init__(
        self,
        text: str | None,
        style: ParagraphStyle,
        level: int = 0,
        title: str = "",
        key: str = "",
        **kwargs: object,
    ):
        super().__init__(text, style, **kwargs)
        self.outline_level = level
        self.outline_title = title
        self.outline_key = key  # empty for the continued part of a split heading

    def split(self, width: float, height: float) -> list[Flowable]:
        """A heading taller than the page (a trainer's template can write one) continues like a
        paragraph; only its first part is a bookmark and a contents entry."""
        parts = super().split(width, height)
        if parts and isinstance(parts[0], _Heading):
            first = parts[0]
            first.outline_level, first.outline_title = self.outline_level, self.outline_title
            first.outline_key = self.outline_key
        return parts


LEAD_IN_MOST = 90  # characters of a bold line that heads what follows: a title, not a claim


def _bold_line(block: MdParagraph) -> str:
    """A paragraph's text when it is one short bold line ("**What it involves**", the way
    trainers and the default kit write a subheading), else ""."""
    shown = [c for c in block.children if not (isinstance(c, MdText) and not c.text.strip())]
    if len(shown) != 1 or not isinstance(shown[0], Strong):
        return ""
    text = plain(block.children).strip()
    return text if len(text) <= LEAD_IN_MOST and "\n" not in text else ""


INTRODUCES_MOST = 300  # characters of a paragraph kept with what it introduces
OPENS_MOST = 200  # characters of a sentence between a heading and its list, table or box


def _opens(blocks: tuple[Block, ...], n: int) -> bool:
    """Whether ``blocks[n]`` is a short sentence between a heading and the list, table,
    box or part it introduces ("## Reflection", a sentence on how to ask, the questions;
    "# Cards to print", how to print them, the first card's heading): it goes with them, so
    the heading and the sentence never end a page without them."""
    block = blocks[n]
    return (
        isinstance(block, MdParagraph)
        and 0 < n < len(blocks) - 1
        and isinstance(blocks[n - 1], Heading)
        and isinstance(blocks[n + 1], (ListBlock, MdTable, Div, Heading))
        and len(plain(block.children)) <= OPENS_MOST
    )


def _two_lines(words: list[str], font: str, size: float) -> float:
    """The least width that sets ``words`` in two lines (broken where it is least wide)."""
    return min(
        max(
            text_width(" ".join(words[:k]), font, size),
            text_width(" ".join(words[k:]), font, size),
        )
        for k in range(1, len(words))
    )


def _introduces(block: MdParagraph) -> bool:
    """Whether a paragraph introduces what follows it: a short one ending in a colon."""
    text = plain(block.children).rstrip()
    return 0 < len(text) <= INTRODUCES_MOST and text.endswith((":", "\uff1a"))


class _WithStart(KeepTogether):
    """What goes with the start of what follows it (the last of its flowables): a heading,
    the meta line under one, a rating form's key.

    Where the page has too little room left for them and the start of what follows (a
    paragraph's first lines, a table's header and first row, a list's first item, a box
    that is kept together, whole), they all move to the next page; else the page breaks
    inside what follows, as it would without them. Kept together whole instead (as
    ReportLab keeps a flowable "with next"), a long table after a heading would move to the
    next page whole, leaving a gap where it could have started.
    """

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        # each is then laid out on its own (split where it must: a heading taller than a
        # page runs on); the first of the parts ReportLab gets back must fit where it is
        # without splitting, so it is an action that does nothing
        content: list[Flowable] = [NullActionFlowable(), *self._content]
        frame = getattr(self, "_frame", None)
        *lead, then = self._content
        if frame is None or frame._atTop:  # noqa: SLF001 (nothing is gained on a new page)
            # but a heading under what heads the page (a form's title, its meta line) still
            # goes with the start of what follows it: on the next page if it must, never
            # alone at the foot of this one
            last = max((n for n, f in enumerate(lead) if isinstance(f, _Heading)), default=0)
            # with the headings, rules, meta lines and spaces right before it, unless they
            # are what heads the page: "What to say" stood alone at the foot of a page, the
            # notes' own heading atop the next
            first = last
            while first and _leading(lead[first - 1]):
                first -= 1
            last = first or last
            if last and any(_drawn(f) for f in lead[:last]):
                return [NullActionFlowable(), *lead[:last], _WithStart([*lead[last:], then])]
            if isinstance(then, _Columns):  # they start under it, or it would stand alone
                then.stays = True
            return content
        # stacked as the frame stacks them: the space before one that exceeds the space
        # after the one before it adds to that (after a space of no height, it all does)
        used, after = 0.0, None
        for flowable in lead:
            height = flowable.wrapOn(self.canv, available_width, available_height)[1]
            if after is not None:
                used += max(flowable.getSpaceBefore() - after, 0)
            after = flowable.getSpaceAfter()
            used += height + after
        room = available_height - used - max(then.getSpaceBefore() - (after or 0), 0)
        if _starts_within(then, self.canv, available_width, room, frame._height):  # noqa: SLF001
            return content
        if isinstance(then, _Columns):  # atop the next page, under the lead: they start there
            then.stays = True
        return [FrameBreak(), *self._content]


SHRINK_MOST = 0.6  # a picture is drawn smaller, down to this share of its size, to stay put


class _Figure(KeepTogether):
    """A picture with its caption, kept together: where the page has too little room left
    for it but enough for it a little smaller (down to :data:`SHRINK_MOST` of its size), it
    is drawn smaller there rather than moved on whole, leaving half a page blank.

    Its height is the picture's and caption's (not a group's, which ReportLab makes look
    taller than any page so that it is always split), and it splits itself, so that it is
    laid out the same in a column or a list item as on the page: a picture in a column
    stopped the handout as too large for any page, and one in a list item at the foot of a
    page stopped it with an error of ReportLab's own."""

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """The whole line's width (the picture centred on it), its parts' heights."""
        self._sizes = [
            flowable.wrapOn(self.canv, available_width, available_height)
            for flowable in self._content
        ]
        self._H = sum(h for _, h in self._sizes)
        self._wrapInfo = (available_width, available_height)
        self.width = available_width
        return available_width, self._H

    def draw(self) -> None:
        """Its parts one under the other, each placed on the line as it asks (the picture
        centred)."""
        y = self._H
        for flowable, (w, h) in zip(self._content, self._sizes, strict=True):
            y -= h
            align = getattr(flowable, "hAlign", "LEFT")
            x = {"CENTER": (self.width - w) / 2, "CENTRE": (self.width - w) / 2}.get(
                align, self.width - w if align == "RIGHT" else 0.0
            )
            flowable.drawOn(self.canv, x, y)

    def scale_for(self, room: float) -> float | None:
        """The share of its size the picture is drawn at for the group to fit ``room``
        (wrapped first); None when it would have to be smaller than it may."""
        picture = self._content[1]
        fits = (room - (self._H - picture.drawHeight) - 0.5) / picture.drawHeight
        return fits if fits >= SHRINK_MOST else None

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        frame = getattr(self, "_frame", None)
        at_top = frame is None or frame._atTop  # noqa: SLF001
        self.wrap(available_width, available_height)
        if available_height >= self._H:
            return [self]
        scale = self.scale_for(available_height)
        if scale is not None and not at_top:  # the same picture (its tags kept), smaller
            picture = self._content[1]
            picture.drawWidth *= scale
            picture.drawHeight *= scale
            self.wrap(available_width, available_height)
            return [self]
        if at_top:  # taller than a whole page: its parts one by one
            return list(self._content)
        return []  # to the next page whole


class _Columns(Table):
    """Columns side by side (``:::: columns``): one row of a table, a column in each cell.

    Where the page has too little room left for them but enough with their pictures drawn
    smaller (each column's, down to :data:`SHRINK_MOST` of their size, as a picture alone
    is), they are drawn so there rather than moved on whole; else they move on whole, as a
    row of a table does. A heading above them asks the same (see :func:`_starts_within`):
    laid out as a plain table, columns with a tall picture went to the next page whole
    while a picture alone was drawn smaller, and a heading atop a page stood there alone,
    its columns overleaf."""

    stays = False  # set under a heading atop a page: they start there (see _WithStart)

    def scales_for(self, room: float) -> list[float] | None:
        """The share of its size each column's pictures are drawn at for the row to fit
        ``room`` (wrapped first: 1 for a column that fits as it is); None when a column's
        pictures would have to be smaller than they may, or it has none to shrink."""
        scales = []
        for cell, width, style in zip(
            self._cellvalues[0], self._colWidths, self._cellStyles[0], strict=True
        ):
            flowables = cell if isinstance(cell, (list, tuple)) else [cell]
            padding = style.topPadding + style.bottomPadding
            height = self._listCellGeom(flowables, width, style)[1] + padding
            if height <= room:
                scales.append(1.0)
                continue
            pictures = sum(f._content[1].drawHeight for f in flowables if isinstance(f, _Figure))
            scale = (pictures - (height - room) - 0.5) / pictures if pictures else 0.0
            if scale < SHRINK_MOST:
                return None
            scales.append(scale)
        return scales

    def shrink(self, scales: list[float]) -> None:
        """Its columns' pictures drawn at ``scales`` of their size (see :meth:`scales_for`)."""
        for cell, scale in zip(self._cellvalues[0], scales, strict=True):
            for flowable in cell if isinstance(cell, (list, tuple)) else [cell]:
                if isinstance(flowable, _Figure) and scale < 1:
                    picture = flowable._content[1]  # noqa: SLF001
                    picture.drawWidth *= scale
                    picture.drawHeight *= scale

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        frame = getattr(self, "_frame", None)
        at_top = frame is None or frame._atTop  # noqa: SLF001
        if self.wrap(available_width, available_height)[1] > available_height:
            scales = self.scales_for(available_height)
            if scales is not None:  # the same columns (their tags kept), pictures smaller
                self.shrink(scales)
                return [self]
            if not (at_top or self.stays):
                return []  # to the next page whole
            # nothing is gained on the next page: the columns go on there between lines
            self.splitInRow = 1
        return super().split(available_width, available_height)


@functools.cache
def _scratch() -> Canvas:
    """A canvas nothing is drawn on, to measure on."""
    return Canvas(io.BytesIO())


def _height(flowable: Flowable, width: float, room: float) -> float:
    """How tall ``flowable`` stands ``width`` wide, measured before any frame holds it. A
    list, a kept-together group or a box wraps its parts on a canvas, so it is measured on
    a scratch one, whatever kind of flowable a box holds."""
    return float(flowable.wrapOn(_scratch(), width, room)[1])


def _starts_within(
    flowable: Flowable, canvas: Canvas, width: float, room: float, page: float, depth: int = 0
) -> bool:
    """Whether the start of ``flowable`` fits in ``room`` points: all of it, or the first
    part a page break leaves of it (as ReportLab splits it: a paragraph's first lines, a
    table's header and first row, a list's first item); a kept-together group only whole,
    unless it is taller than a page (then its own start)."""
    if room <= 0 or depth > 8:
        return False
    if isinstance(flowable, LIIndenter):  # a list item's part: what it holds, under its mark
        inner = flowable._flowable  # noqa: SLF001
        indent = flowable._leftIndent + flowable._rightIndent  # noqa: SLF001
        return _starts_within(inner, canvas, width - indent, room, page, depth + 1)
    if isinstance(flowable, _Figure):
        flowable.wrapOn(canvas, width, room)
        if flowable.scale_for(room) is not None:
            return True  # it is drawn smaller there (the frame is not at its top when asked)
    if isinstance(flowable, _Columns):  # whole, or with their pictures drawn smaller
        if flowable.wrapOn(canvas, width, room)[1] <= room:
            return True
        return flowable.scales_for(room) is not None
    if isinstance(flowable, _KeptBox):  # whole, or its first rows where it may continue
        if flowable.wrapOn(canvas, width, room)[1] <= room:
            return True
        return room > page * BOX_MOVES and _starts_within(
            flowable.box, canvas, width, room, page, depth + 1
        )
    if isinstance(flowable, KeepTogether):
        flowable.wrapOn(canvas, width, room)
        height = flowable._H  # noqa: SLF001 (the group's height, as its wrap measured it)
        if height <= room:
            return True
        inside = [f for f in flowable._content if _drawn(f)]  # noqa: SLF001
        if height <= page or not inside:
            return False
        return _starts_within(inside[0], canvas, width, room, page, depth + 1)
    if flowable.wrapOn(canvas, width, room)[1] <= room:
        return True
    for part in flowable.splitOn(canvas, width, room):
        if isinstance(part, NullActionFlowable):
            continue
        if part is flowable or isinstance(part, (ActionFlowable, PageBreak)):
            return False  # it cannot split, or moves on whole
        if _drawn(part):
            return _starts_within(part, canvas, width, room, page, depth + 1)
    return False


def _leading(flowable: Flowable) -> bool:
    """Whether ``flowable`` heads what follows it: a heading, its rule and meta line, a
    space between them (not a sentence that leads on to what follows, see _opens)."""
    return bool(getattr(flowable, "meta_line", False)) or isinstance(
        flowable, (_Heading, Spacer, HRFlowable)
    )


def _drawn(flowable: Flowable) -> bool:
    """Whether ``flowable`` draws something: not a space, a break or an action."""
    return not isinstance(flowable, (Spacer, ActionFlowable, PageBreak))


def _kept_with_starts(flowables: list[Flowable]) -> list[Flowable]:
    """``flowables`` with each run of what leads (headings, a heading's rule and meta line,
    a rating form's key: ``leads`` set) kept with the start of what follows it (see
    :class:`_WithStart`). A heading's request for room on its page (its CondPageBreak)
    stays before the first of a run; one inside a run (a "##" right after a "#") would
    break the page between the two headings, and becomes a space of no height (which,
    as the request did, keeps the spaces either side from overlapping)."""
    out: list[Flowable] = []
    lead: list[Flowable] = []
    for flowable in flowables:
        if lead and isinstance(flowable, CondPageBreak):
            flowable = Spacer(1, 0)
        caption = getattr(flowable, "meta_line", False)
        if caption and not lead and out and _ends_in_table(out[-1]):
            out[-1] = _captioned(out[-1], flowable)  # a table's caption: with its last rows
            continue
        if getattr(flowable, "leads", False) or (lead and isinstance(flowable, Spacer)):
            lead.append(flowable)
            continue
        if lead and isinstance(flowable, _WithStart):  # a key after a heading: one run
            *more, flowable = flowable._content  # noqa: SLF001
            lead += more
        if lead and _drawn(flowable):
            out.append(_WithStart([*lead, flowable]))
        else:
            out += [*lead, flowable]
        lead = []
    return out + lead


def _captioned(flowable: Flowable, caption: Flowable) -> Flowable:
    """``flowable`` (a table, or what starts with a heading and ends in one) with the
    caption under the table kept with it (see :class:`_Captioned`)."""
    if isinstance(flowable, _WithStart):
        *lead, table = flowable._content  # noqa: SLF001
        return _WithStart([*lead, _Captioned([table, caption])])
    return _Captioned([flowable, caption])


class _Captioned(KeepTogether):
    """A table and the caption under it: the caption never starts a page on its own.
    Where the page has room for the table but not for its caption too, the table's last
    rows go on to the next page with the caption (as a table's rows may continue there),
    or, when the table cannot be cut so, the table moves there with its caption; at the
    top of a page, where nothing is gained by moving, they are laid out as they come."""

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        table, caption = self._content
        frame = getattr(self, "_frame", None)
        at_top = frame is None or frame._atTop  # noqa: SLF001
        table_height = table.wrapOn(self.canv, available_width, available_height)[1]
        caption_height = caption.wrapOn(self.canv, available_width, available_height)[1]
        gap = max(table.getSpaceAfter(), caption.getSpaceBefore())
        if table_height + gap + caption_height <= available_height:
            return [NullActionFlowable(), table, caption]
        # room for the caption is kept only where the table ends: on this page when all of
        # it fits here, else on a page to come (the table is cut as it would be alone)
        room = available_height
        if table_height <= available_height:
            room -= gap + caption_height
        parts = table.splitOn(self.canv, available_width, room) if room > 0 else []
        if len([p for p in parts if _drawn(p)]) >= 2 and parts[0] is not table:
            *before, last = parts
            return [NullActionFlowable(), *before, _Captioned([last, caption])]
        if at_top:  # nothing is gained on the next page: the caption follows as it can
            return [NullActionFlowable(), table, caption]
        return [FrameBreak(), _Captioned([table, caption])]


class _KeptBox(KeepTogether):
    """A callout or takeaway, kept together: too long for the room left on its page, it
    moves to the next page whole when that room is at most ``BOX_MOVES`` of a page; with
    more room than that, it continues on the next page between its paragraphs (its last
    two kept together when short: see :meth:`_Layout.box_ends`). Moved whole, a content
    note in large print left half a page empty.

    Its height is the box's (not a group's, which ReportLab makes look taller than any page
    so that it is always split), and it splits the box itself, so that it is laid out the
    same inside a list item as on the page."""

    def __init__(self, box: Table):
        super().__init__([box])
        self.box = box

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        width, self._H = self.box.wrapOn(self.canv, available_width, available_height)
        self._wrapInfo = (available_width, available_height)
        return width, self._H

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        frame = getattr(self, "_frame", None)
        at_top = frame is None or frame._atTop  # noqa: SLF001
        if at_top or available_height > frame._height * BOX_MOVES:  # noqa: SLF001
            return self.box.splitOn(self.canv, available_width, available_height)
        return []  # little room left: the box goes to the next page whole

    def draw(self) -> None:
        self.box.drawOn(self.canv, 0, 0)


# A word of more letters than this (a name's part: "Wolfeschlegelsteinhausenbergerdorff") is
# broken before a form's header words are, rather than narrow the columns to write in.
OVERLONG_WORD = 24


def _longest_letters(block: MdTable, column: int) -> int:
    """The letters of the longest unbreakable word of a form column's printed cells."""
    printed = [plain(row[column]) for row in block.rows if column < len(row)]
    return max((len(w) for text in printed for w in unbreakable(text, True)), default=0)


def _form_weight(block: MdTable, column: int) -> float:
    """A form table's column's share: the letters of its longest text (header or printed
    cell, from 4 to 30), and room for a short line of handwriting when it is written in."""
    texts = _column_texts(block, column)
    weight = max(4, min(30, max(len(t) for t in texts)))
    return weight + (WRITE_IN_WEIGHT if not any(texts[1:]) else 0)


def _column_texts(block: MdTable, column: int) -> list[str]:
    """The text of a table's column: its header's and each row's, set on one line (its
    no-break spaces kept: "(10 min)" is one piece, as the cell prints it)."""
    return [
        on_one_line(plain(row[column])) for row in (block.header, *block.rows) if column < len(row)
    ] or [""]


def _short_columns_whole(
    block: MdTable,
    longest: list[float],
    least: list[float],
    numbers: list[bool],
    width: float,
    font: str,
    size: float,
) -> tuple[list[float], list[float]]:
    """Each column's longest word and least piece (``longest``, ``least``: see
    :func:`materials_gen.fit.column_widths`), a column of short cells ("as needed", "10 min",
    "+1 (555) 010-4477") raised, both, to its longest cell set on one line, so that none of
    its cells breaks: the shortest such columns first, at most ``SHORT_COLUMN`` of the table
    each and half of it together, so that the columns of sentences keep room to be read;
    and only while the other columns' longest words still fit beside it, or, for a column
    of ``numbers`` (phone numbers: no word to break), their least pieces (a column of long
    web and e-mail addresses gives way then: an address is cut where its line ends)."""
    found, floor = list(longest), list(least)
    whole = [
        max(text_width(t, font, size) for t in _column_texts(block, i)) for i in range(len(longest))
    ]
    taken = 0.0
    written = [i for i in range(len(longest)) if any(_column_texts(block, i)[1:])]
    most = width * min(SHORT_COLUMN, 1 / max(len(written), 1))  # (a column to write in: none)
    for i in sorted(range(len(longest)), key=whole.__getitem__):
        need = whole[i] + 14
        if need > most or taken + need > width / 2:
            break
        beside = floor if numbers[i] else found
        others = sum(beside[j] + 14 for j in range(len(beside)) if j != i)
        if others + max(need, floor[i] + 14) > width:
            continue
        taken += need
        found[i] = max(found[i], whole[i])
        floor[i] = max(floor[i], whole[i])
    return found, floor


def _ends_in_table(flowable: Flowable) -> bool:
    """Whether ``flowable`` is a table, or a heading kept with the table it starts."""
    if isinstance(flowable, _WithStart):
        flowable = flowable._content[-1]  # noqa: SLF001
    return isinstance(flowable, (Table, _LongTable))


LEAST_ROWS = 2  # body rows a table shows on a page before it continues on the next
# a table of at most this many body rows, and at most this share of a page tall, is not
# split: a checklist of five lines printed three at a page's foot and two alone overleaf
SHORT_TABLE, SHORT_SHARE = 6, 1 / 3


class _RowsTable(Table):
    """A table whose rows may continue on the next page, under its repeated header: never
    after its first body row alone (one row under a heading at the foot of a page, the rest
    overleaf), unless a page could not hold the header and two rows anyway, or that row is
    a block of its own, at least ``BOX_MOVES`` of a page (as tall as a callout that is not
    moved whole): moving it on would leave as much of the page empty (a large-print answer
    key's rows take a third of a page each, and its first page held only its title). The
    table then starts on the next page, with the heading that introduces it (see
    _WithStart). A short table (:data:`SHORT_TABLE`) moves on whole rather than split."""

    page_room: float = 0.0  # the height of a page's frame
    # whether a page may end after its first body row (a sheet's rows to sign in, each
    # filled in on its own, are no text cut off from what introduces it)
    lone_first_row = False

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        parts = super().split(available_width, available_height)
        if (
            len(parts) == 2
            and self._nrows - self.repeatRows <= SHORT_TABLE  # noqa: SLF001
            and sum(self._rowHeights) <= self.page_room * SHORT_SHARE  # noqa: SLF001
        ):
            return []  # (it fits on the next page whole)
        if (
            len(parts) == 2
            and not self.lone_first_row
            and parts[0]._nrows - self.repeatRows < LEAST_ROWS  # noqa: SLF001
        ):
            start = self._rowHeights[: self.repeatRows + LEAST_ROWS]  # noqa: SLF001
            first_row = self._rowHeights[self.repeatRows]  # noqa: SLF001
            if sum(start) <= self.page_room and first_row < self.page_room * BOX_MOVES:
                return []
        return parts


class _KeyedTable(_RowsTable):
    """A rating form's table whose columns are numbered: where it continues on another page,
    the key that says what each number means comes again above its repeated header, so that
    a participant filling in that page knows what the columns mean. Like the repeated
    header, the key drawn again is pagination (an artifact): a screen reader reads it once,
    where it first stands."""

    key: Callable[[], Paragraph] | None = None  # makes the key drawn again

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        parts = super().split(available_width, available_height)
        if len(parts) != 2 or self.key is None:
            return parts
        first, rest = parts
        rest.key = self.key  # it may continue again
        rest.spaceBefore = self.spaceBefore
        again = _Repeated(self.key())
        tagger = getattr(self, "_renderCB", None)
        again.structure = getattr(tagger, "structure", None)
        # the key and the rest together, on the next page (the rest never fits this one)
        return [first, KeepTogether([again, rest])]


def _counted(text: str) -> tuple[int, int] | None:
    """A row's number (``text``, as its first cell prints it) and the code point its script
    writes 0 with ("12": 48; Arabic-Indic "١٢": 0x660); None for text that is no number of
    one script's decimal digits ("Guest", "²", "①", a number of six digits or more)."""
    if not text.isdecimal() or len(text) >= 6:
        return None
    zeros = {ord(c) - unicodedata.decimal(c) for c in text}
    return (int(text), zeros.pop()) if len(zeros) == 1 else None


class _Blank:
    """The blank rows a filled form table goes on with (see :class:`_FilledTable`): like its
    last row, empty but for a number in the first cell that counts on from the last's."""

    def __init__(
        self, layout: _Layout, columns: int, last: tuple[int, int] | None, style: ParagraphStyle
    ):
        """``last``: the last row's number and its digits' zero (see :func:`_counted`);
        ``style``: that of the table's cells (its numbers at their size)."""
        self.layout, self.columns, self.last, self.style = layout, columns, last, style

    def __call__(self, after: int) -> list[Any]:
        """The ``after``-th blank row after the table's last (1 the first)."""
        first: Any = Spacer(1, 1)
        if self.last is not None:
            number, zero = self.last
            digits = "".join(chr(zero + int(d)) for d in str(number + after))
            first = self.layout.plain_para(digits, self.style)
        return [first, *(Spacer(1, 1) for _ in range(self.columns - 1))]


class _FilledTable(_KeyedTable):
    """A form's table that goes on with blank rows to the foot of the page it ends on (the
    sign-in sheet's: ``::: {.form-table .fill}``): its rows, then as many more to write in
    as the room under them holds, so that its last page is a whole form rather than a few
    rows and a blank half page. Added only where the table ends (a part that a page
    holds whole), never to a part that continues overleaf; counted after the pages are,
    so no page is added for them (see :func:`_render`). Only a table with nothing after it
    on its page fills it: one the story holds itself (not inside a box or columns), which a
    page break or the end follows (see :func:`_settle_fills`); else it is an ordinary
    form table."""

    filling = False  # set by _settle_fills
    # its first row may end a page: a large-print sign-in sheet turned landscape, whose
    # long names make tall rows, printed only its session's facts on its first page and
    # three people over three pages
    lone_first_row = True

    def fill_with(
        self,
        rows: list[list[Any]],
        heights: list[float | None],
        blank: _Blank,
        height: float,
        styled: Callable[..., None],
        frame: float,
        at: int = 0,
    ) -> None:
        """``rows`` (unmirrored, the header first) and their ``heights``; ``blank`` makes
        the rows added, each ``height`` tall; ``styled`` styles the table of some rows,
        whose first body row is the form's ``at``-th after its first; ``frame``: the
        height of a page's frame, the most room it fills."""
        self.frame_height = frame
        self.form_rows, self.heights, self.blank, self.blank_height = rows, heights, blank, height
        self.styled, self.at, self.added = styled, at, 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if not self.filling or not hasattr(self, "form_rows"):  # (a part ReportLab made)
            return super().wrap(available_width, available_height)
        self._with_blanks(0)
        width, height = super().wrap(available_width, available_height)
        room = available_height - height
        # (asked with more room than a page has: measured, not placed)
        if room < self.blank_height or available_height > self.frame_height + 1:
            return width, height
        self._with_blanks(int((room + 0.01) // self.blank_height))
        return super().wrap(available_width, available_height)

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        if hasattr(self, "form_rows"):
            self._with_blanks(0)  # a table that continues overleaf ends there, not here
        parts = super().split(available_width, available_height)
        if len(parts) != 2 or not hasattr(self, "form_rows"):
            return parts
        rest = parts[-1]
        done = parts[0]._nrows - 1  # noqa: SLF001 - its body rows, the header once
        if isinstance(rest, _FilledTable):
            rest.page_room, rest.filling = self.page_room, self.filling
            rest.mirrored = getattr(self, "mirrored", False)  # ReportLab's part forgets it
            rest.fill_with(
                self.form_rows[:1] + self.form_rows[1 + done :],
                self.heights[:1] + self.heights[1 + done :],
                self.blank,
                self.blank_height,
                self.styled,
                self.frame_height,
                self.at + done,
            )
        return parts

    def _with_blanks(self, count: int) -> None:
        """The table as its rows and ``count`` blank rows after them make it."""
        if count == self.added:
            return
        rows = self.form_rows + [self.blank(n) for n in range(1, count + 1)]
        heights = self.heights + [self.blank_height] * count
        kept = dict(vars(self))
        mirrored = getattr(self, "mirrored", False)
        widths = list(self._argW)  # noqa: SLF001 - as the table was made
        Table.__init__(
            self,
            [row[::-1] for row in rows] if mirrored else rows,
            colWidths=widths,
            repeatRows=self.repeatRows,
            rowHeights=heights,
            hAlign=self.hAlign,
        )
        # what was said of it besides its rows (its tagging, its space, what it fills with);
        # not what ReportLab worked out from the rows before
        for name, value in kept.items():
            said = name in ("_renderCB", "spaceBefore", "spaceAfter") or name[:1] != "_"
            if said and name not in ("hAlign", "repeatRows"):
                setattr(self, name, value)
        self.added = count
        self.styled(self, rows, heights, self.at)


def _settle_fills(story: list[Flowable]) -> None:
    """Let each filled form table of ``story`` fill its page only where nothing comes after
    it on that page: the story holds it itself, and a page break or the story's end follows
    it (a heading or text after it, a second table, would be pushed onto a page of its
    own). One inside a box or columns is measured there before it is placed: never."""
    for n, flowable in enumerate(story):
        # a heading goes with the start of the table under it (see _WithStart), which is
        # laid out on its own when the two are placed
        table = flowable._content[-1] if isinstance(flowable, _WithStart) else flowable  # noqa: SLF001
        if isinstance(table, (_FilledTable, _LongTable)):
            after = next((f for f in story[n + 1 :] if not isinstance(f, Spacer)), None)
            table.filling = after is None or isinstance(after, PageBreak)


class _Repeated(Flowable):
    """A paragraph a page repeats (a rating form's key), drawn as pagination."""

    structure: Structure | None = None

    def __init__(self, paragraph: Paragraph):
        super().__init__()
        self.paragraph = paragraph

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = self.paragraph.wrap(available_width, available_height)
        return self.width, self.height

    def getSpaceBefore(self) -> float:  # noqa: N802 (ReportLab's name)
        return self.paragraph.getSpaceBefore()

    def getSpaceAfter(self) -> float:  # noqa: N802 (ReportLab's name)
        return self.paragraph.getSpaceAfter()

    def draw(self) -> None:
        if self.structure is None:
            self.paragraph.drawOn(self.canv, 0, 0)
            return
        with self.structure.artifact(self.canv, "Pagination"):
            self.paragraph.drawOn(self.canv, 0, 0)


CONTENTS_LINES_MOST = 4  # lines of a contents entry; a longer title ends in an ellipsis


class _Contents(Flowable):
    """The contents list, drawn in one pass.

    Its height is known before layout (the lines of every heading it lists), so the pages of
    the headings after it cannot move; the entries and their page numbers are drawn at the
    very end, when every heading's page is known. ReportLab's own TableOfContents would lay
    the whole handout out twice. A long heading takes as many lines as it needs (never cut
    short), its page number on its last line.

    A list a little too long for the room left on its page is set closer (down to
    ``CONTENTS_CLOSEST`` of its spacing) rather than leave its last entries for a page of
    their own; a longer one continues on the next page, never with one entry alone at the
    foot of a page or the top of the next. A list that a page break follows (the handout's
    modules start on a page of their own) and that one page holds goes to the next page
    whole: its end takes that page either way, and it reads in one piece (the Spanish
    handouts' lists left their last four entries for a page of their own).
    """

    page_follows = False  # a page break comes next (see settle)

    structure: Structure | None = None  # tagged: each entry a TOCI of this TOC
    toc: Element | None = None

    def tag_with(self, structure: Structure, parent: Element) -> None:
        if self.heading is not None:  # read before the list it heads
            tag_story([self.heading], structure, parent)
        self.structure, self.toc = structure, parent.add("TOC")

    def __init__(
        self,
        layout: _Layout,
        entries: list[tuple[int, str, str]] | None = None,
        spacing: float = 1.0,
        heading: Paragraph | None = None,
    ):
        super().__init__()
        self.layout = layout
        self.entries: list[tuple[int, str, str]] = entries or []  # (level, title, bookmark key)
        self.spacing = spacing  # of the space each entry takes: 1, or closer to fit its page
        # the list's own heading ("Contents"), drawn above its first entries: part of the
        # list, so that it stays with them, and the list set closer or continued as a
        # whole (a heading kept with the list by ReportLab moved all of it to the next page)
        self.heading = heading
        if heading is not None:  # the room a heading takes above it, taken above the list
            self.spaceBefore = heading.getSpaceBefore()
        self.page = 0
        self.origin = (0.0, 0.0)
        self.width = 0.0

    def heading_height(self, width: float) -> float:
        """The room the heading takes above the entries (none without one)."""
        if self.heading is None:
            return 0.0
        _, height = self.heading.wrap(width, self.layout.page_height)
        return height + self.heading.getSpaceAfter()

    def font(self, level: int) -> str:
        return self.layout.body_font.bold if level == 0 else self.layout.body_font.regular

    def lines(self, level: int, title: str) -> list[str]:
        """The title broken into lines beside the widest page number it can have."""
        return self.broken(level, title)[0]

    def broken(self, level: int, title: str) -> tuple[list[str], bool]:
        """The title's lines, and whether they were broken between words (else inside a
        word longer than a line). A title longer than :data:`CONTENTS_LINES_MOST` lines ends
        its last one with an ellipsis: a contents entry taller than a page (a long title in
        large print) could be set on none."""
        size = self.layout.theme.sizes.body
        font = self.font(level)
        room = self.width - 14 * level - stringWidth("9999", font, size) - 30
        found = fit_lines(title, font, room, (size, size), lines=50, most=50)
        if found is not None:
            out, between_words = list(found.lines), True
        else:
            out, between_words = [""], False  # a word longer than the line: broken at its end
            for ch in title:
                if out[-1] and text_width(out[-1] + ch, font, size) > room:
                    out.append("")
                out[-1] += ch
        if len(out) > CONTENTS_LINES_MOST:
            out = out[:CONTENTS_LINES_MOST]
            last = out[-1].rstrip()
            while last and text_width(last + "\u2026", font, size) > room:
                cut = last.rsplit(" ", 1)[0] if between_words and " " in last else last[:-1]
                last = cut.rstrip()
            out[-1] = last + "\u2026"
        return out, between_words

    def line(self, level: int) -> float:
        size = self.layout.theme.sizes.body
        return (size * 1.6 + (4 if level == 0 else 0)) * self.spacing

    def more(self) -> float:
        """The height of each further line of a long entry."""
        return self.layout.theme.sizes.body * 1.3

    def entry_height(self, level: int, title: str) -> float:
        return self.line(level) + self.more() * (len(self.lines(level, title)) - 1)

    def entries_height(self) -> float:
        return sum(self.entry_height(level, title) for level, title, _ in self.entries)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = self.entries_height() + self.heading_height(available_width)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        """The contents list set closer to end on this page, when that is enough; else
        continued on the next page, never leaving one entry alone at either end (nor its
        heading alone at the foot of a page)."""
        self.width = available_width
        available_height -= self.heading_height(available_width)
        closer = self.closer(available_height)
        if closer is not None:
            return [self.part(self.entries, closer, self.heading)]
        frame = getattr(self, "_frame", None)
        at_top = frame is None or frame._atTop  # noqa: SLF001
        whole = self.entries_height() + self.heading_height(available_width)
        if self.page_follows and not at_top and whole <= self.layout.page_height:
            return []  # the next page holds it all, and a page break follows it anyway
        used, count = 0.0, 0
        for level, title, _ in self.entries:
            height = self.entry_height(level, title)
            if used + height > available_height:
                break
            used += height
            count += 1
        total = len(self.entries)
        if count == total - 1 and count > 2:  # the last entry would stand alone: two go on
            count -= 1
        if count == 1 and total > 2 and not at_top and self.two_fit_a_page():
            count = 0  # one alone at the foot of this page (at the top, it starts the page)
        if count == 0 and self.heading is not None and at_top:
            # a heading too tall to stand with entries on any page: set on its own, as a
            # paragraph (which may run on to the next page), the entries after it
            return [NullActionFlowable(), self.heading, self.part(self.entries)]
        if count == 0:
            return []
        return [
            self.part(self.entries[:count], heading=self.heading),
            self.part(self.entries[count:]),
        ]

    def part(
        self,
        entries: list[tuple[int, str, str]],
        spacing: float | None = None,
        heading: Paragraph | None = None,
    ) -> _Contents:
        """Some of the entries (under the heading, for the first), as one contents list for
        a reader, whatever the pages it takes."""
        spacing = self.spacing if spacing is None else spacing
        part = _Contents(self.layout, entries, spacing, heading)
        part.structure, part.toc = self.structure, self.toc
        return part

    def closer(self, room: float) -> float | None:
        """The spacing, no closer than ``CONTENTS_CLOSEST``, at which every entry fits in
        ``room``; None when none does."""
        spaced = sum(self.line(level) for level, _, _ in self.entries) / self.spacing
        further = sum(
            self.entry_height(level, title) - self.line(level) for level, title, _ in self.entries
        )
        if spaced <= 0:
            return None
        spacing = math.floor((room - further - 1e-6) / spaced * 100) / 100
        return spacing if CONTENTS_CLOSEST <= spacing < self.spacing else None

    def two_fit_a_page(self) -> bool:
        """Whether the first two entries fit on a page of their own (so moving them on is
        never moving them past every page)."""
        first = sum(self.entry_height(level, title) for level, title, _ in self.entries[:2])
        return first + self.heading_height(self.width) <= self.layout.page_height / 2

    def draw(self) -> None:
        self.page = self.canv.getPageNumber()
        below = self.heading_height(self.width)
        if self.heading is not None:
            drawn = below - self.heading.getSpaceAfter()
            self.heading.drawOn(self.canv, 0, self.height - drawn)
        self.origin = self.canv.absolutePosition(0, self.height - below)
        self.canv.later(self.page, self.draw_entries)  # once every heading's page is known

    def draw_entries(self, canvas: Canvas) -> None:
        layout, size = self.layout, self.layout.theme.sizes.body
        x, y = self.origin
        for level, title, key in self.entries:
            top = y
            lines = self.lines(level, title)
            y -= self.line(level)
            font = self.font(level)
            indent = 14 * level
            number = str(layout.heading_pages.get(key, ""))
            bottom = top - self.entry_height(level, title)
            between_words = self.broken(level, title)[1]
            # a title that reads from the right is set from the right, its page on the left
            mirrored = right_to_left(title)
            with self._marked(canvas, said=title):
                canvas.setFont(font, size)
                canvas.setFillColor(layout.text if level == 0 else layout.muted)
                for line in lines[:-1]:
                    left = self._left(line, x + indent, font, size, mirrored)
                    draw_string(canvas, left, y + 3, line, font, size, rtl=mirrored)
                    if between_words and broke_at_space(line):  # read, never seen
                        self._space(canvas, left, y + 3, line, font, size)
                    y -= self.more()
                last = lines[-1]
                left = self._left(last, x + indent, font, size, mirrored)
                draw_string(canvas, left, y + 3, last, font, size, rtl=mirrored)
                # a reader hears the title, then its page: "Checklists 12", not "Checklists12"
                self._space(canvas, left, y + 3, last, font, size)
                note_written(canvas, number)  # heard after the title, as it reads
                if mirrored:
                    canvas.drawString(x, y + 3, number)
                else:
                    canvas.drawRightString(x + self.width, y + 3, number)
                canvas.linkRect(
                    label("Go to {heading}", heading=title),
                    key,
                    (x, bottom, x + self.width, top - 2),
                    relative=0,
                )
            if mirrored:  # the leader from the page number to the title
                start = x + stringWidth(number, font, size) + 6
                end = left - 6
            else:
                start = x + indent + text_width(last, font, size) + 6
                end = x + self.width - stringWidth(number, font, size) - 6
            if end > start:  # a dotted leader: round caps on a dashed line
                with self._marked(canvas, leader=True):
                    canvas.saveState()
                    canvas.setStrokeColor(layout.rule)
                    canvas.setLineWidth(1.1)
                    canvas.setLineCap(1)
                    canvas.setDash([0.01, 3.5])
                    canvas.line(start, y + 4.5, end, y + 4.5)
                    canvas.restoreState()

    def _left(self, line: str, x: float, font: str, size: float, mirrored: bool) -> float:
        """Where ``line`` of an entry starts: at ``x`` (the entry's indent), or, for an entry
        that reads from the right, as far from the right edge."""
        if not mirrored:
            return x
        return 2 * self.origin[0] + self.width - x - text_width(line, font, size)

    @staticmethod
    def _space(canvas: Canvas, x: float, y: float, line: str, font: str, size: float) -> None:
        """A space after ``line`` (drawn from ``x``): it shows nothing and moves nothing, and
        keeps the words either side apart in the page's text (the tags a screen reader
        reads, copy and paste)."""
        canvas.setFont(font, size)
        canvas.drawString(x + text_width(line, font, size), y, " ")

    def _marked(self, canvas: Canvas, leader: bool = False, said: str = "") -> Any:
        """An entry drawn as a TOCI of the contents (its leader as an artifact), in the
        language its title ``said`` is in."""
        if self.structure is None or self.toc is None:
            return nullcontext()
        if leader:
            return self.structure.artifact(canvas)
        entry = self.toc.add("TOCI")
        spoken(entry, said)
        return self.structure.marked(canvas, entry)

    def settle(self, flowables: list[Flowable]) -> None:
        """List the headings that follow, at the levels the bookmarks give them; note
        whether a page break comes right after the list."""
        at = next((n for n, flowable in enumerate(flowables) if flowable is self), None)
        self.page_follows = at is not None and isinstance(
            next(iter(flowables[at + 1 :]), None), PageBreak
        )
        levels = HeadingLevels()
        after = False  # a contents list lists what follows it (what is above, one can see)
        for flowable in _opened(flowables):
            after = after or flowable is self
            if isinstance(flowable, _Heading) and flowable.outline_key:
                level = levels.level(flowable.outline_level + 1) - 1
                if after and level <= self.layout.toc_depth:
                    self.entries.append((level, flowable.outline_title, flowable.outline_key))


def _opened(flowables: list[Flowable]) -> list[Flowable]:
    """``flowables`` with each heading kept with the start of what follows taken out of its
    group, in order."""
    out: list[Flowable] = []
    for flowable in flowables:
        out += flowable._content if isinstance(flowable, _WithStart) else [flowable]  # noqa: SLF001
    return out


def _to_tick(cell: Any) -> bool:
    """Whether a table cell holds a box to tick alone ("☐", as the guide's checklists write
    it): printed as the forms print theirs, a square of the body text's height, not the
    symbol's glyph, a third of that."""
    return plain(cell).strip() == "\u2610"


class _TickBox(Flowable):
    decoration = True  # an artifact: the printed box, not content
    """An empty square to tick by hand."""

    def __init__(self, size: float, colour: colors.Color):
        super().__init__()
        self.size, self.colour = size, colour
        self.hAlign = "CENTER"

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = self.size
        return self.size, self.size

    def draw(self) -> None:
        self.canv.setStrokeColor(self.colour)
        self.canv.setLineWidth(0.8)
        self.canv.rect(0, 0, self.size, self.size, stroke=1, fill=0)


class _WriteInLines(Flowable):
    decoration = True
    """Ruled lines to write an answer on."""

    def __init__(self, count: int, gap: float, colour: colors.Color):
        super().__init__()
        self.count, self.gap, self.colour = count, gap, colour

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.count * self.gap

    def draw(self) -> None:
        canvas = self.canv
        canvas.setStrokeColor(self.colour)
        canvas.setLineWidth(0.6)
        for i in range(self.count):
            y = self.count * self.gap - (i + 1) * self.gap + 2
            canvas.line(0, y, self.width, y)


class _Layout:
    """Turns document blocks into ReportLab flowables with the theme's styles."""

    def __init__(
        self,
        theme: Theme,
        width: float,
        page_height: float,
        meta: DocumentMeta,
        fonts: tuple[Fonts, Fonts],
        images: dict[str, bytes] | None = None,
        large: bool = False,
        printing: str = "colour",
        close: float = 1.0,
        rows: float | None = None,
        filled: bool = False,
        pagesize: tuple[float, float] = (0.0, 0.0),
    ):
        """``close``: the space between a form's parts as a share of its usual; ``rows``:
        the least height of a row to write in (default: FORM_ROW, or LARGE_ROW);
        ``filled``: a form table marked ``fill`` goes on with blank rows to the foot of the
        page it ends on (see :class:`_FilledTable`); ``pagesize``: the page's, upright or
        turned (see :func:`_render`)."""
        self.large = large
        self.pagesize = pagesize
        # a form table whose headers' and cells' words could not all stand whole side by
        # side (hyphenated headers, names broken, narrow columns to write in)
        self.cramped = False
        # what to tell of the pages as laid out (a title page on two pages)
        self.warnings: list[str] = []
        self.filled = filled
        self.fills = 0  # form tables marked fill laid out
        # the space between a form's parts (headings, questions, rows, tables) as a share
        # of its usual: less to bring a nearly empty last page onto the page before
        self.close = close
        self.form_pad = (FORM_PAD[0] * close, FORM_PAD[1] * close, FORM_PAD[2])
        if large:  # every size the layout takes from the theme, at large print's
            sizes = theme.sizes.model_copy(update=LARGE_SIZES)
            theme = theme.model_copy(
                update={"spec": theme.spec.model_copy(update={"sizes": sizes})}
            )
        self.footer_size = LARGE_FOOTER if large else FOOTER_SIZE
        self.row_height = rows or (LARGE_ROW if large else FORM_ROW)  # a row to write in
        self.written_rows = 0  # rows to write in laid out (see form_rows)
        self.tick = LARGE_TICK if large else 11.0
        self.theme = theme
        self.images = images or {}
        self.readers: dict[tuple[str, tuple[float, float]], ImageReader] = {}
        self.width = width
        self.page_height = page_height
        # the most a table row, or a table's header and first rows, may take on a page
        self.table_room = page_height - 40
        # a piece of a box's text or an option cut to go on across a page: at most this tall
        # (where the page breaks, at most this much of it is left empty)
        self.piece = self.table_room / 6
        self.meta = meta
        self.body_font, self.heading_font = fonts
        ink = self.ink = PdfPalette.of(theme.palette_for(printing))
        self.primary, self.accent, self.text, self.muted = (
            ink.primary,
            ink.accent,
            ink.text,
            ink.muted,
        )
        self.callout, self.rule = ink.callout, ink.rule
        self.header_bg, self.stripe = ink.table_header, ink.table_stripe
        self.link = ink.hex.primary
        self.headings = 0
        self.toc_depth = 1  # deepest heading level (0 = top) listed in the contents
        self.contents: _Contents | None = None
        self.heading_pages: dict[str, int] = {}
        s = theme.sizes
        body = ParagraphStyle(
            "body",
            fontName=self.body_font.regular,
            fontSize=s.body,
            leading=s.body * (LARGE_LEADING if large else 1.45),
            textColor=self.text,
            spaceAfter=s.body * 0.65 * close,
            alignment=TA_LEFT,
            # never a paragraph's last line alone at the top of a page (nor, ReportLab's
            # default, its first alone at the foot of one)
            allowWidows=0,
            allowOrphans=0,
        )
        self.styles = {
            "body": body,
            "h1": ParagraphStyle(
                "h1",
                parent=body,
                fontName=self.heading_font.bold,
                fontSize=s.h1,
                leading=s.h1 * 1.2,
                textColor=self.primary,
                spaceBefore=s.h1 * 0.6 * close,
                spaceAfter=4 * close,
                keepWithNext=1,
            ),
            "h2": ParagraphStyle(
                "h2",
                parent=body,
                fontName=self.heading_font.bold,
                fontSize=s.h2,
                leading=s.h2 * 1.25,
                textColor=self.primary,
                spaceBefore=s.h2 * 0.8 * close,
                spaceAfter=s.h2 * 0.35 * close,
                keepWithNext=1,
            ),
            "h3": ParagraphStyle(
                "h3",
                parent=body,
                fontName=self.heading_font.bold,
                fontSize=s.h3,
                leading=s.h3 * 1.3,
                textColor=self.text,
                spaceBefore=s.h3 * 0.8 * close,
                spaceAfter=s.h3 * 0.3 * close,
                keepWithNext=1,
            ),
            "box_title": ParagraphStyle(
                "box_title",
                parent=body,
                fontName=self.heading_font.bold,
                fontSize=s.body * 1.05,
                leading=s.body * 1.4,
                textColor=self.primary,
                spaceAfter=3,
            ),
            # a bold line heading what follows (tagged a heading: see tagging.SUBHEADINGS)
            "lead_in": ParagraphStyle("lead_in", parent=body, keepWithNext=0),
            "cell": ParagraphStyle(
                "cell", parent=body, fontSize=s.body * 0.95, leading=s.body * 1.3, spaceAfter=0
            ),
            "cell_head": ParagraphStyle(
                "cell_head",
                parent=body,
                fontName=self.body_font.bold,
                fontSize=s.body * 0.95,
                leading=s.body * 1.3,
                textColor=ink.on_primary,
                spaceAfter=0,
            ),
            "small": ParagraphStyle(
                "small", parent=body, fontSize=s.small, leading=s.small * 1.4, textColor=self.muted
            ),
            "caption": ParagraphStyle(
                "caption",
                parent=body,
                fontName=self.body_font.italic,
                fontSize=s.small,
                leading=s.small * 1.4,
                textColor=self.muted,
                spaceBefore=4,
            ),
            "code": ParagraphStyle(
                "code", parent=body, fontSize=s.body * 0.9, textColor=self.muted
            ),
        }

    def table_style(self, commands: list) -> TableStyle:
        # Tables set a font for every cell (Helvetica unless told): name the theme's.
        return TableStyle([("FONTNAME", (0, 0), (-1, -1), self.body_font.regular)] + commands)

    # ---------------------------------------------------------------- text

    def ticked(self) -> Flowable:
        """A table cell's box to tick (see _to_tick), at the start of its cell."""
        box = _TickBox(self.tick, self.text)
        box.hAlign = "LEFT"
        return box

    def para(self, inlines: tuple, style: str = "body") -> Paragraph:
        # a link in a table's header is drawn in the header's text colour (underlined, as
        # every link): the link colour is the header's fill in the built-in design
        link = None if style == "cell_head" else self.link
        return Paragraph(markup(inlines, link), self.styles[style])

    def plain_para(self, text: str, style: str | ParagraphStyle = "body") -> Paragraph:
        return Paragraph(escape(text), self.styles[style] if isinstance(style, str) else style)

    # ---------------------------------------------------------------- blocks

    def blocks(self, blocks: tuple[Block, ...], width: float, kept: bool = True) -> list[Flowable]:
        """The flowables of ``blocks``, each heading (and rating key) kept with the start of
        what follows it; ``kept`` False for what a table cell or a list item holds (where a
        kept-together group cannot stand)."""
        if blocks and width < NARROWEST:
            said = _said(blocks[0])
            raise ContentError(
                [
                    Problem(
                        None,
                        "text nested this deep (quotes, lists or boxes within each other) "
                        f"has {max(width, 0):.0f} pt of the page's width left, less than "
                        f"the {NARROWEST:g} pt text needs: '{_start(said)}'",
                        "nest it less deeply",
                        quote=said,
                    )
                ]
            )
        out: list[Flowable] = []
        for n, block in enumerate(blocks):
            made = self.block(block, width)
            if _opens(blocks, n):
                for flowable in made:
                    flowable.leads = True
            out.extend(made)
        return _kept_with_starts(out) if kept else out

    def block(self, block: Block, width: float) -> list[Flowable]:
        if isinstance(block, Heading):
            return self.heading(block)
        if isinstance(block, MdParagraph):
            bold = _bold_line(block)
            # a bold line heading what follows is one (a bold sentence looks it, unsaid)
            heading = bold and bold[-1] not in ".!?\u3002"
            paragraph = self.para(block.children, "lead_in" if heading else "body")
            # never a page's last: a bold line, or a sentence that introduces what follows
            # ("you will be able to:") goes with the start of it
            paragraph.leads = bool(bold) or _introduces(block)
            return [paragraph]
        if isinstance(block, ListBlock):
            return [self.list(block, width)]
        if isinstance(block, MdTable):
            return [self.table(block, width)]
        if isinstance(block, Div):
            return self.div(block, width)
        if isinstance(block, Quote):
            box = self.box(self.blocks(block.children, width - 24), width, self.callout, self.rule)
            box.structure_type = "BlockQuote"  # a quotation to a screen reader (see tagging)
            return [box]
        if isinstance(block, CodeBlock):  # as typed: each line, and the spaces in it
            lines = "<br/>".join(escape(_as_typed(line)) for line in block.text.split("\n"))
            return [Paragraph(lines, self.styles["code"])]
        if isinstance(block, Figure):
            return self.figure(block, width)
        if isinstance(block, Rule):
            return [
                HRFlowable(
                    width="100%", thickness=0.6, color=self.rule, spaceBefore=6, spaceAfter=6
                )
            ]
        if isinstance(block, MdPageBreak):
            return [PageBreak()]
        return []

    def figure(self, block: Figure, width: float) -> list[Flowable]:
        """A picture at most the text's width and half a page high (a tall one, such as an
        infographic, most of a page: at half a page it was an inch wide), its shape kept."""
        from reportlab.platypus import Image as Picture

        data = self.images.get(block.src)
        if data is None:
            return [self.plain_para(block.alt or block.src, "caption")]
        reader = ImageReader(io.BytesIO(data))
        pixels_w, pixels_h = reader.getSize()
        # never wider than the text or taller than half a page (a picture more than twice as
        # tall as wide: 85% of one), never blown up past 96 dpi
        tall = 0.85 if pixels_h > 2 * pixels_w else 0.5
        scale = min(width / pixels_w, self.page_height * tall / pixels_h, 72 / 96)
        shown = (pixels_w * scale, pixels_h * scale)
        printed = for_print(data, *shown)
        picture = Picture(io.BytesIO(printed), width=shown[0], height=shown[1])
        # a picture shown again (a logo on every page, one picture a hundred times) is
        # decoded once: each reader keeps the pixels it decoded while the pages are drawn
        key = (block.src, shown)
        if key not in self.readers:
            self.readers[key] = ImageReader(io.BytesIO(printed))
        picture._img = self.readers[key]  # noqa: SLF001
        picture.hAlign = "CENTER"
        picture.alt = block.alt  # a Figure with its description; none: decoration
        out: list[Flowable] = [Spacer(1, 4), picture]
        if block.caption:
            out.append(self.plain_para(block.caption, "caption"))
        out.append(Spacer(1, 8))
        return [_Figure(out)]

    def heading(self, block: Heading) -> list[Flowable]:
        level = min(block.level, 3)
        title = plain(block.children)
        self.headings += 1
        flowable = _Heading(
            markup(block.children, self.link),
            self.styles[f"h{level}"],
            level=level - 1,
            title=title,
            key=f"h{self.headings}",
        )
        # A heading never ends a page: it moves on when too little room is left for it and a
        # few lines, and always goes with the start of what follows it (``leads``: see
        # _WithStart). (Keeping it "with next" instead would push a long table after it to
        # the next page whole, leaving a gap.)
        flowable.keepWithNext = 0
        flowable.heading_level = level
        flowable.leads = True
        if level == 1:
            rule = HRFlowable(
                width="100%", thickness=1.6, color=self.accent, spaceBefore=0, spaceAfter=10
            )
            rule.leads = True
            return [CondPageBreak(2.2 * inch), flowable, rule]
        return [CondPageBreak((1.6 if level == 2 else 1.2) * inch), flowable]

    def list(self, block: ListBlock, width: float) -> ListFlowable:
        size = self.theme.sizes.body
        font = self.body_font.bold if block.ordered else self.body_font.regular
        indent = _marks_indent(_marks(block), font, size)
        items = []
        for item in block.items:
            flowables = self.blocks(item, width - indent, kept=False)
            if flowables and isinstance(flowables[-1], Paragraph):
                flowables[-1].style = ParagraphStyle(
                    "item", parent=flowables[-1].style, spaceAfter=self.theme.sizes.body * 0.3
                )
            if _reads_from_right(item):  # mirrored, as the deck sets it: its mark on the right
                mirrored = dict(leftIndent=0, rightIndent=indent, bulletDir="rtl")
                items.append(ListItem(flowables, bulletAlign="right", **mirrored))
            else:
                items.append(ListItem(flowables or [Spacer(1, 1)]))
        common = dict(
            leftIndent=indent,
            bulletFontName=font,
            bulletFontSize=size,
            bulletColor=self.accent,
            spaceAfter=self.theme.sizes.body * 0.5,
        )
        if block.ordered:
            return _List(items, bulletType="1", start=block.start, bulletFormat="%s.", **common)
        return _List(items, bulletType="bullet", start="\u2022", **common)

    def table(self, block: MdTable, width: float) -> Flowable:
        columns = max([len(block.header)] + [len(r) for r in block.rows])

        def cells(row: tuple, style: str) -> list[Flowable]:
            padded = list(row) + [()] * (columns - len(row))
            return [
                self.ticked() if style == "cell" and _to_tick(cell) else self.para(cell, style)
                for cell in padded
            ]

        data = [cells(block.header, "cell_head")] + [cells(r, "cell") for r in block.rows]
        # each column's longest word, and its longest piece no line breaks (a word may break
        # after its hyphen or its range's dash when the longest words do not fit), in points
        weights, longest, least, numbers = [], [], [], []
        size = self.theme.sizes.body * 0.95
        for i in range(columns):
            texts = [plain(r[i]) for r in (block.header, *block.rows) if i < len(r)]
            weights.append(max(8, min(60, max(map(table_weight, texts), default=8))))
        if len(block.widths) == columns:  # the template's own shares ("| - | ----- |")
            weights = list(block.widths)
        for i in range(columns):
            texts = [plain(r[i]) for r in (block.header, *block.rows) if i < len(r)]
            numbers.append(numbers_only(texts))
            # an address claims for its longest part no more than an even share of the
            # table or 24 letters (a long one left a column of sentences a word a line),
            # and at the least 12 letters
            share = max(width / columns - 14, 2 * legible_width(size))
            longest.append(column_word(texts, self.body_font.bold, size, share))
            least.append(
                column_word(texts, self.body_font.bold, size, legible_width(size), dashes=True)
            )
        longest, least = _short_columns_whole(
            block, longest, least, numbers, width, self.body_font.bold, size
        )
        widths = column_widths(
            width, weights, [w + 14 for w in longest], [w + 14 for w in least], numbers
        )
        self.check_columns_legible(widths, least, size, block, width)
        mirrored = table_reads_from_right(plain(cell) for cell in block.header)
        if mirrored:  # an Arabic or Hebrew table: its first column on the right
            data, widths = [row[::-1] for row in data], widths[::-1]
        data, logical = self.table_rows_going_on(data, widths)
        measured = self.check_rows_fit(data, widths, block, logical)
        style = [
            ("BACKGROUND", (0, 0), (-1, 0), self.header_bg),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ("LEFTPADDING", (0, 0), (-1, -1), 6),
            ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            *self.header_rules(),
        ]

        def rows(start: int, stop: int, first: bool = True) -> Table:
            """The header and body rows start..stop, striped as they are in the whole table;
            a part after the first has no space before it, as ReportLab's own split."""
            part = [data[0], *data[1 + start : 1 + stop]]
            number = [0, *logical[1 + start : 1 + stop]]  # each row's in the source
            striped = [
                ("BACKGROUND", (0, r), (-1, r), self.stripe)
                for r in range(1, len(part))
                if number[r] % 2 == 0 and number[r] >= 2
            ]
            # a rule under each row, but not between a row and the rest of it below
            following = [*number[1:], logical[1 + stop] if 1 + stop < len(logical) else -1]
            going = [r for r in range(1, len(part)) if following[r] == number[r]]
            striped += [
                ("LINEBELOW", (0, r), (-1, r), 0.5, self.rule)
                for r in range(len(part))
                if r not in going
            ]
            # and the rest of it as close as the lines of one cell
            striped += [("BOTTOMPADDING", (0, r), (-1, r), 0) for r in going]
            striped += [("TOPPADDING", (0, r + 1), (-1, r + 1), 0) for r in going]
            known = [heights[0], *heights[1 + start : 1 + stop]]
            table = _RowsTable(
                part,
                colWidths=widths,
                rowHeights=known,
                repeatRows=1,
                hAlign="RIGHT" if mirrored else "LEFT",
            )
            table.data_table, table.mirrored = True, mirrored
            table.page_room = self.table_room
            kept = self.kept_ends(measured, start, stop)
            table.setStyle(self.table_style(style + striped + kept))
            table.spaceBefore, table.spaceAfter = (4 if first else 0), 10
            return table

        heights: list[float | None] = [None] * len(data)  # measured once, kept between parts
        if len(data) - 1 <= LONG_TABLE:
            return rows(0, len(data) - 1)
        long = _LongTable(rows, heights, 0, len(data) - 1)
        long.mirrored = mirrored
        return long

    def check_columns_legible(
        self, widths: list[float], words: list[float], size: float, block: MdTable, width: float
    ) -> None:
        """Stop a table whose columns would cut ordinary words (see fit.cuts_words), naming
        how many columns the page holds. ``words``: each column's longest word, in points.
        A column whose words too long for it are all long ones (more than
        :data:`LEGIBLE_LETTERS` letters) that break into syllables that fit (the language's
        hyphenation dictionary: "Multi-disci-plinary" in large print) is read as well as
        any, and stops nothing; an ordinary word it cannot hold whole stops it (ten columns
        printed "Coordi-" / "nates" / "refer-" / "rals", one syllable a line)."""
        padding = 12
        texts = [w - padding for w in widths]
        if not cuts_words(texts, words, size):
            return
        font = self.body_font.bold
        if all(
            len(word) > LEGIBLE_LETTERS and hyphenates(word, font, size, room)
            for i, room in enumerate(texts)
            for text in _column_texts(block, i)
            for word in unbreakable(text, dashes=True)
            if text_width(word, font, size) > room and not is_address(word)
        ):
            return  # (a web or e-mail address is cut where its line ends, as ever)
        message, hint = too_wide(texts, size, width, padding, "the page")
        headings = [plain(cell) for cell in block.header if plain(cell)]
        raise ContentError([Problem(None, message, hint, quote=headings[-1] if headings else "")])

    def table_rows_going_on(
        self, data: list[list[Paragraph]], widths: list[float]
    ) -> tuple[list[list[Paragraph]], list[int]]:
        """The table's rows, a row too tall for a page under the header given as rows that
        go on from it, each cell's text a few lines at a time (a table row cannot cross a
        page: a large-print answer key's case of a hundred words stopped the build); and
        each row's number in the source (0: the header). A row's pieces after the first are
        marked ``goes_on``: ruled and tagged as the one row they are."""
        room = self.table_room
        header = _row_height(data[0], widths)
        most = (room - header) / 4  # a piece: at most a quarter of what a page holds
        out, logical = [data[0]], [0]
        for number, row in enumerate(data[1:], start=1):
            if header + _row_height(row, widths) <= room:
                out.append(row)
                logical.append(number)
                continue
            # the tallest cell cut a few lines at a time, the others where it is cut, so
            # that each column's text runs on from one row to the next with no gap
            cells = list(zip(row, widths, strict=True))
            tallest = max(cells, key=lambda c: _height(c[0], c[1] - 12, 1e6))
            cut = [  # (a point more: the lines a height holds are counted from below it)
                _height(piece, tallest[1] - 12, 1e6) + 1
                for piece in _paragraph_pieces(tallest[0], tallest[1] - 12, repeat(most))
            ]
            for p, _ in cells:  # cut where the tallest is: a last line alone is no widow
                p.style = ParagraphStyle(
                    p.style.name, parent=p.style, allowWidows=1, allowOrphans=1
                )
            pieces = [_paragraph_pieces(p, w - 12, cut[:-1]) for p, w in cells]
            for k in range(max(len(cell) for cell in pieces)):
                cells = [
                    cell[k] if k < len(cell) else Paragraph("", cell[0].style) for cell in pieces
                ]
                for cell in cells if k else ():
                    cell.goes_on = True
                out.append(cells)
                logical.append(number)
        return out, logical

    def check_rows_fit(
        self,
        data: list[list[Paragraph]],
        widths: list[float],
        block: MdTable,
        logical: list[int] | None = None,
    ) -> list[float]:
        """A table row cannot cross a page: say which row is too long, and by how much.
        Returns each row's height, the header's first. ``logical``: each row's number in
        the source (see :meth:`table_rows_going_on`), when not its place in ``data``."""
        room = self.table_room
        header = _row_height(data[0], widths)
        found = [header]
        for number, row in enumerate(data[1:], start=1):
            height = _row_height(row, widths)
            found.append(height)
            if header + height > room:
                number = logical[number] if logical else number
                cells = block.rows[number - 1]
                first = plain(cells[0]) if cells else ""
                longest = max((plain(c) for c in cells), key=len, default="")
                over = (header + height - room) / inch
                raise ContentError(
                    [
                        Problem(
                            None,
                            f"table row {number} ('{first[:50]}') is too long for one page"
                            f" by {over:.1f} in",
                            "shorten its cells, or split it into two rows",
                            quote=longest,
                        )
                    ]
                )
        return found

    def kept_ends(self, heights: list[float], start: int = 0, stop: int | None = None) -> list:
        """A style command that keeps a table's last two body rows together, so that none
        stands alone under the repeated header at the top of a page; for a table of three
        body rows or more (a shorter one never breaks after its first row, see _RowsTable, so
        it moves on whole), and not when the two and the header are more than a table may
        take on a page (``table_room``: no page holds them together). Two rows of a
        large-print answer key more than half a page tall were let go, and the last stood
        alone atop a page of its own. ``heights``: every row's, the header's first; the
        command is for the part of the table that holds body rows ``start`` to ``stop``."""
        total = len(heights) - 1
        stop = total if stop is None else stop
        if stop < total or stop - start < 3 or heights[0] + sum(heights[-2:]) > self.table_room:
            return []
        return [("NOSPLIT", (0, -2), (-1, -1))]

    def question(self, div: Div, width: float) -> Flowable:
        """A numbered question and its options, each with a box to tick."""
        number = div.attrs.get("number", "")
        rows: list[list[Any]] = []
        mirrored = 0  # options that read from the right
        out: list[Flowable] = []
        for child in div.children:
            if isinstance(child, MdParagraph):
                text = markup(child.children, self.link)
                # named as a bold line heading what follows: tagged a heading one level
                # under the form's section, so a screen reader goes question by question
                style = ParagraphStyle(
                    "lead_in", parent=self.styles["body"], fontName=self.body_font.bold
                )
                out.append(Paragraph(f"{escape(number)}. {text}" if number else text, style))
            elif isinstance(child, ListBlock):
                letters = current().option_letters()
                for i, item in enumerate(child.items):
                    first = next((b for b in item if isinstance(b, MdParagraph)), None)
                    text = markup(first.children, self.link) if first else ""
                    shown = div.attrs.get("letters") != "no"
                    letter = f"{escape(letters[i])}. " if shown else ""  # a catalog's words
                    tick = _TickBox(self.tick, self.text)
                    said = plain(first.children) if first else ""
                    # an option reads in the direction of its own words, whatever its
                    # letter's script, the letter read first: one in Arabic or Hebrew is
                    # mirrored (the box on the right, "A. " at the right of its words), an
                    # Arabic form's English option reads from the left ("أ. Reiki", its box
                    # on the left); one without a letter of a strong direction ("1990")
                    # reads as its letter does
                    if _option_reads_from_right(said, letter):
                        style = from_the_right(self.styles["cell"], letter + text)
                        rows.append([Paragraph(letter + text, style), tick])
                        mirrored += 1
                    else:
                        style = from_the_left(self.styles["cell"], letter + text)
                        rows.append([tick, Paragraph(letter + text, style)])
        joins: list[int] = []
        if rows:
            # the box 2 pt in from its column's outer side, its option (2 pt into the next
            # column) half an em at least from it, however large the box and the type;
            # options that read from the right have their boxes on the right, mirrored
            box = max(22.0, self.tick + self.theme.sizes.body * MARK_GAP)
            columns = [box, width - 18 - box]
            rows, joins = self.options_going_on(rows, columns[1] - 8)
            padding = [("LEFTPADDING", (0, 0), (-1, -1), 2)]
            if mirrored == len(rows):
                table = Table(rows, colWidths=columns[::-1], hAlign="RIGHT")
                padding = [
                    ("LEFTPADDING", (0, 0), (-1, -1), 6),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                    ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ]
            else:
                if mirrored:  # some options read from the left: every box on the left, and
                    # every option beside its box (one set from the right stood a page's
                    # width from it)
                    rows = [
                        [r[1], _set_left(r[0])] if isinstance(r[0], Paragraph) else r for r in rows
                    ]
                table = Table(rows, colWidths=columns, hAlign="LEFT")
            table.setStyle(
                self.table_style(
                    [
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        *padding,
                        ("TOPPADDING", (0, 0), (-1, -1), 3 * self.close),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * self.close),
                        # an option's rows after its first stand as close as its lines
                        *[("TOPPADDING", (0, row), (-1, row), 0) for row in joins],
                        *[("BOTTOMPADDING", (0, row - 1), (-1, row - 1), 0) for row in joins],
                    ]
                )
            )
            out.append(table)
        # the space below the question is its last part's space after, which the foot of a
        # page takes in: a spacer kept with it counted towards its height, and two large
        # print questions that fitted a page by all but that space went a page each
        if out:
            out[-1].spaceAfter = max(out[-1].getSpaceAfter(), 10 * self.close)
        content = out or [Spacer(1, 10 * self.close)]
        if not isinstance(content[-1], Table) or (
            _stacked_height(content, width, self.page_height) <= self.page_height
        ):  # (one that a page holds moves on whole: turned over mid-question, it is misread)
            return KeepTogether(content)
        # taller than a page (an option goes on across pages): it starts where it is once
        # the question and its first option's first lines fit there (see _WithStart),
        # rather than leave the rest of the page empty to start on the next one
        return _WithStart(content)

    def options_going_on(
        self, rows: list[list[Any]], width: float
    ) -> tuple[list[list[Any]], list[int]]:
        """A question's rows (its tick box and option), an option taller than a page (a
        table row cannot cross one) given as its first lines beside its box and the rest a
        few lines a row, read as the one paragraph it is; and the rows that go on the row
        before them. ``width``: the option's text's."""
        out: list[list[Any]] = []
        joins: list[int] = []
        for row in rows:
            n = 0 if isinstance(row[0], Paragraph) else 1
            option = row[n]
            if _height(option, width, self.page_height) <= self.table_room:
                out.append(row)
                continue
            pieces = _whole_pieces(_paragraph_pieces(option, width, repeat(self.piece)))
            for k, piece in enumerate(pieces):
                if k:
                    joins.append(len(out))
                cells = list(row)
                if k:
                    cells[1 - n] = Spacer(1, 1)
                cells[n] = piece
                out.append(cells)
        return out, joins

    def form_table(
        self, block: MdTable, width: float, rating: bool, fill: bool = False
    ) -> list[Flowable]:
        """A table to fill in by hand: empty cells are tick boxes (ratings) or writing space.
        ``fill``: blank rows like its last go on to the foot of the page it ends on (see
        :class:`_FilledTable`), a number in its first cell counting on.

        A row to write in is at least a line of handwriting tall; a row whose printed text
        is longer (a three-line course title) shrinks it to the form cell's floor, then
        grows, so text never runs out of its row into the rows or the band around it.
        """
        columns = max([len(block.header)] + [len(r) for r in block.rows])
        fill = fill and not rating and bool(block.rows)
        last = plain(block.rows[-1][0]).strip() if fill and block.rows[-1] else ""
        counted = _counted(last)
        sized = block  # its columns as wide as the numbers its blank rows can reach too
        if counted is not None:
            most = counted[0] + int(self.table_room // self.row_height) + 1
            digits = "".join(chr(counted[1] + int(d)) for d in str(most))
            sized = replace(block, rows=(*block.rows, ((MdText(digits),),)))
        legend = ""
        header = [self.para(c, "cell_head") for c in block.header]
        header += [Spacer(1, 1)] * (columns - len(header))
        texts = [plain(h) for h in block.header]
        if rating:
            # each box column as wide as the longest word of its scale label ("Strongly",
            # "Moderately"), so that labels break between words; the statements keep at
            # least two fifths of the width
            head = self.styles["cell_head"]
            narrow = 34.0
            boxes = []
            for i in range(1, columns):
                words = unbreakable(texts[i]) if i < len(texts) else []
                widest = max(
                    (text_width(w, head.fontName, head.fontSize) for w in words), default=0.0
                )
                if len(words) > 2:  # "Not at all" one word a line: two lines at most
                    widest = max(widest, _two_lines(words, head.fontName, head.fontSize))
                boxes.append(max(narrow, widest + 2 * FORM_PAD[2] + 1))
            spare = width * 0.6
            if sum(boxes) > spare and columns > 2:
                # the scale's words cannot stand above their boxes whole (large print, a
                # language of long words): the columns are numbered, a key above says what
                # each number means, and no word is cut
                numbers = [str(n) for n in range(1, columns)]
                # "N/A" is no point of the scale: it keeps its own words, unnumbered, so
                # that no one scores it as the highest number
                apart = len(texts) == columns and texts[-1].strip() == label("N/A")
                if apart:
                    numbers[-1] = texts[-1].strip()
                # each number with its words ("5 = Completely", "4 = En gran parte": never
                # "5 =" / "Completely"), a long label with its first word
                legend = " \u00b7 ".join(
                    f"{n}{NBSP}={NBSP}" + kept_whole(text)
                    for n, text in zip(numbers[:-1] if apart else numbers, texts[1:], strict=False)
                )
                header = [header[0], *(self.plain_para(n, "cell_head") for n in numbers)]
                boxes = [narrow] * len(numbers)
                if apart:  # as wide as its words
                    boxes[-1] = max(
                        narrow,
                        text_width(numbers[-1], head.fontName, head.fontSize) + 2 * FORM_PAD[2] + 1,
                    )
            elif sum(boxes) > spare:
                boxes = [max(narrow, b * spare / sum(boxes)) for b in boxes]
            widths = [width - sum(boxes), *boxes]
        else:
            # shared by the longest of its header and printed cells (the session's title,
            # not the word "Session"), a column to write in as a short line of handwriting
            # (a date), unless the template gives its own shares
            weights = [_form_weight(sized, i) for i in range(columns)]
            if len(sized.widths) == columns:  # the template's own shares ("| - | ----- |")
                weights = list(sized.widths)
            # never narrower than the longest word of its header or of a printed cell (a
            # course title's "Trauma-Competent"; large print's and translated headers) while
            # those fit side by side, nor than its longest piece no line breaks (the word
            # broken after its hyphen) when they do not
            head, body = self.styles["cell_head"], self.styles["cell"]

            def widest(i: int, dashes: bool, headers: bool = True, cells: bool = True) -> float:
                found = (
                    longest_word(texts[i : i + 1], head.fontName, head.fontSize, dashes)
                    if headers
                    else 0.0
                )
                if cells:
                    printed = [plain(row[i]) for row in sized.rows if i < len(row)]
                    found = max(found, longest_word(printed, body.fontName, body.fontSize, dashes))
                return found + 2 * FORM_PAD[2] + 1 if found else 0.0

            minimums = [widest(i, False) for i in range(columns)]
            least = [widest(i, True) for i in range(columns)]
            if sum(least) > width:
                self.cramped = True
                # the headers' words and the cells' cannot all stand whole side by side (a
                # sign-in sheet in large print). A printed cell's word longer than a name's
                # part ever is (OVERLONG_WORD letters) breaks first, hyphenated, down to its
                # header's words: it could not stand whole in any column. Then long header words are
                # hyphenated ("regis-tration"), then a cell's ordinary long word (a name's
                # "Konstantinopoulou-"), then any header word: the columns to write in keep
                # room for the hand rather than end a few millimetres wide under headers cut
                # letter by letter ("Ti-m-e in")
                cells_least = [widest(i, True, headers=False) for i in range(columns)]
                pad = 2 * FORM_PAD[2] + 1
                heads_least = [max(pad, widest(i, True, cells=False)) for i in range(columns)]

                def hyphenate_headers(long_words_only: bool) -> None:
                    """The longest header words hyphenated ("regis-tration") one by one; a
                    short one ("Hora", "Time") is never split: it keeps its column."""
                    for i in sorted(range(columns), key=lambda i: -least[i]):
                        if sum(least) <= width + 0.01:  # (a sum of shares, not exact)
                            break
                        words = unbreakable(texts[i]) if i < len(texts) else []
                        if long_words_only and max(map(len, words), default=0) < LONG_WORD:
                            continue
                        short = [w for w in words if len(w) < SPLIT_WORD]
                        whole = longest_word(short, head.fontName, head.fontSize) + pad
                        floor = least[i] * 0.6
                        if long_words_only:  # each long word broken once ("regis-tration"),
                            # the others whole beside it ("License", "number"): cut further,
                            # "Li-cense / or reg- / istra- / tion / num- / ber" stood over a
                            # column too narrow to write a number in
                            kept = [w for w in words if len(w) < LONG_WORD]
                            whole = longest_word(kept, head.fontName, head.fontSize) + pad
                            halves = [
                                halved_width(w, head.fontName, head.fontSize)
                                for w in words
                                if len(w) >= LONG_WORD
                            ]
                            if None not in halves:
                                floor = max(halves, default=0.0) + pad  # type: ignore[type-var]
                        if least[i] > cells_least[i]:
                            least[i] = max(cells_least[i], whole, floor)

                def break_cells(overlong_only: bool) -> None:
                    """The printed cells' longest words broken, the longest first, down to
                    their headers' words."""
                    for i in sorted(range(columns), key=lambda i: -cells_least[i]):
                        excess = sum(least) - width
                        if excess <= 0.01 or cells_least[i] <= heads_least[i]:
                            break
                        if overlong_only and _longest_letters(sized, i) <= OVERLONG_WORD:
                            continue
                        # (within; and at the least where its longest word breaks at a
                        # syllable, "Feather-" / "stonehaugh", not one letter from its end)
                        cut = least[i] - excess - 0.02
                        printed = [plain(row[i]) for row in sized.rows if i < len(row)]
                        words = [w for t in printed for w in unbreakable(t, True)]
                        longest = max(words, key=len, default="")
                        halved = halved_width(longest, body.fontName, body.fontSize)
                        if halved is not None:
                            cut = min(cut, halved + pad)
                        least[i] = max(heads_least[i], cut)

                break_cells(overlong_only=True)  # a name no column could hold whole anyway
                hyphenate_headers(long_words_only=True)  # "registration", "department"
                hyphenate_headers(long_words_only=False)  # "entra-da", once each
                break_cells(overlong_only=False)  # a name's word: only when nothing is left
            # a printed word no column could hold whole (OVERLONG_WORD letters) is broken
            # wherever it is, and claims no more than its header's words: a name of 52
            # letters took half the sheet's width, and "Time in" was left 13 mm to write in
            for i in range(columns):
                if _longest_letters(sized, i) > OVERLONG_WORD:
                    minimums[i] = widest(i, False, cells=False)
                    least[i] = min(least[i], max(minimums[i], widest(i, True, cells=False)))
            if sum(minimums) > width:
                # the longest words cannot all stand whole: each column gets its share, down
                # to its least, so that a column to write in (the signature) keeps room for
                # the hand rather than give it all to the longest name's whole words
                minimums = list(least)
            widths = column_widths(width, weights, minimums, least)
        data: list[list[Any]] = [header]
        heights: list[float | None] = [None]
        for row in block.rows:
            cells: list[Any] = []
            for i in range(columns):
                cell = row[i] if i < len(row) else ()
                if plain(cell).strip():
                    cells.append(self.para(cell, "cell"))
                else:
                    cells.append(_TickBox(self.tick + 1, self.text) if rating else Spacer(1, 1))
            data.append(cells)
        cell_style = self.styles["cell"]
        if not rating:
            fitted, cell_style = self.form_rows(data[1:], widths, block.rows)
            heights.extend(fitted)
        mirrored = table_reads_from_right(texts)  # an Arabic or Hebrew form: from the right
        self.fills += fill

        def styled(table: Table, rows: list[list[Any]], fitted: list[Any], at: int = 0) -> None:
            """``table`` (of ``rows``, unmirrored, the header first, whose first body row is
            the form's ``at``-th after its first) styled as a form."""
            table.setStyle(
                self.table_style(self.form_style(rows, fitted, widths, rating, mirrored, at))
            )

        total = len(data) - 1  # body rows
        blank = _Blank(self, columns, counted, cell_style)

        def part(start: int, stop: int, first: bool = True) -> Table:
            """The header and the form's rows start..stop, as the whole table has them (its
            stripes, its rows' heights); the last part goes on with blank rows to the foot
            of its page (see _FilledTable); a part after the first has no space before it."""
            rows = [data[0], *data[1 + start : 1 + stop]]
            known = None if rating else [heights[0], *heights[1 + start : 1 + stop]]
            kind = _FilledTable if fill and self.filled and stop == total else _KeyedTable
            table = kind(
                [row[::-1] for row in rows] if mirrored else rows,
                colWidths=widths[::-1] if mirrored else widths,
                repeatRows=1,
                rowHeights=known,
                hAlign="RIGHT" if mirrored else "LEFT",
            )
            table.data_table, table.mirrored = True, mirrored
            table.row_headers = 1 if rating else 0  # a rating's statement heads its boxes
            table.page_room = self.table_room
            styled(table, rows, [None] * len(rows) if known is None else known, start)
            table.spaceBefore, table.spaceAfter = (4 * self.close if first else 0), 10 * self.close
            if isinstance(table, _FilledTable):
                table.fill_with(
                    rows, list(known or ()), blank, self.row_height, styled, self.page_height, start
                )
            return table

        table: Flowable
        if rating or total <= LONG_TABLE:
            table = part(0, total)
        else:  # a roster of thousands: a few pages of rows at a time (see _LongTable)
            table = _LongTable(part, [None] * len(data), 0, total)
            table.mirrored = mirrored
            table.spaceBefore, table.spaceAfter = 4 * self.close, 10 * self.close
        if legend:  # the key, then the table (which may cross a page, its header repeated
            # and the key again above it); the key goes with the table's first rows
            key = self.plain_para(legend, "cell")
            key.leads = True
            table.key = lambda: self.plain_para(legend, "cell")
            return [key, table]
        return [table]

    def form_style(
        self,
        data: list[list[Any]],
        fitted: list[Any],
        widths: list[float],
        rating: bool,
        mirrored: bool,
        at: int = 0,
    ) -> list:
        """The style of a form's table of ``data`` (the header first, unmirrored; its
        first body row the form's ``at``-th after its first, for the stripes to go on as
        they went), its rows to write in ``fitted`` (None: measured)."""
        boxes = ((0, 0), (-2, -1)) if mirrored else ((1, 0), (-1, -1))  # all but the first
        style = [
            ("BACKGROUND", (0, 0), (-1, 0), self.header_bg),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ALIGN", *boxes, "CENTER" if rating else ("RIGHT" if mirrored else "LEFT")),
            ("GRID", (0, 0), (-1, -1), 0.5, self.rule),
            ("TOPPADDING", (0, 0), (-1, -1), self.form_pad[0]),
            ("BOTTOMPADDING", (0, 0), (-1, -1), self.form_pad[1]),
            ("LEFTPADDING", (0, 0), (-1, -1), FORM_PAD[2]),
            ("RIGHTPADDING", (0, 0), (-1, -1), FORM_PAD[2]),
            *self.header_rules(),
        ]
        for r in range(2 - at % 2, len(data), 2):
            style.append(("BACKGROUND", (0, r), (-1, r), self.stripe))
        measured = [
            known
            if known is not None
            else max(c.wrap(w - 2 * FORM_PAD[2], 1e6)[1] for c, w in zip(row, widths, strict=True))
            + self.form_pad[0]
            + self.form_pad[1]
            for row, known in zip(data, fitted, strict=True)
        ]
        if rating and len(widths) == 2 and sum(measured) <= self.page_height / 2:
            # one column of boxes: one question ("tick one"), its rows the answers, all seen
            # together (a scale's table rates statements apart, and splits between them)
            style.append(("NOSPLIT", (0, 0), (-1, -1)))
        else:
            style += self.kept_ends(measured)
        return style

    def form_rows(
        self, rows: list[list[Any]], widths: list[float], texts: tuple[tuple, ...]
    ) -> tuple[list[float], ParagraphStyle]:
        """The heights of a form's rows to write in (``rows``: their cells; ``texts``: what
        they print), their printed cells fitted by the one fit policy, one size a row (cells
        side by side at three sizes read as a mistake): the form's size, the largest at
        which a line keeps the row's usual height (the theme's at most), or for a row whose
        text needs it a smaller one, down to the form cell's floor (its number keeps the
        form's: the column counts at one size); a row that cannot keep its height even
        there grows instead, at the form's size (a taller row reads better than small type
        that wraps anyway); a row taller than a page stops the build, naming its text.
        Returns the heights and the form's style (its blank rows')."""
        role = ROLES["form-cell"]
        top, bottom, side = self.form_pad
        room = self.row_height - top - bottom
        base = self.styles["cell"]
        floor = base.fontSize if self.large else role.floor  # large print never shrinks

        def styled(size: float) -> ParagraphStyle:
            if size == base.fontSize:
                return base
            return ParagraphStyle(f"cell{size}", parent=base, fontSize=size, leading=size * 1.3)

        def own(cell: Any, style: ParagraphStyle) -> ParagraphStyle:
            # a row's number keeps the form's size: the column counts at one size
            return form_style if cell.text.strip().isdecimal() else style

        def height(cells: list[Any], style: ParagraphStyle) -> float:
            tallest = 0.0
            for i, cell in enumerate(cells):
                if isinstance(cell, Paragraph):
                    used = own(cell, style)
                    shown = cell if used is base else Paragraph(cell.text, used)
                    tallest = max(tallest, shown.wrap(widths[i] - 2 * side, 1e6)[1])
            return tallest

        def restyled(cells: list[Any], style: ParagraphStyle) -> None:
            for i, cell in enumerate(cells):
                if isinstance(cell, Paragraph) and own(cell, style) is not base:
                    cells[i] = Paragraph(cell.text, own(cell, style))

        # the form's size: one line of the theme's keeps the row's height, else the largest
        # that does (by half points, as the rows shrink), not below the floor
        form = base.fontSize
        while form > floor and styled(form).leading > room:
            form = max(floor, form - 0.5)
        form_style = styled(form)
        heights = []
        for cells, row in zip(rows, texts, strict=False):
            style = form_style
            tall = height(cells, style)
            size = form
            while tall > room and size > floor:
                size = max(floor, size - 0.5)
                smaller = styled(size)
                if (shrunk := height(cells, smaller)) <= room:
                    style, tall = smaller, shrunk
            if tall > self.table_room and style.fontSize > floor:
                style = styled(floor)  # taller than a page at the form's size: at the floor
                tall = height(cells, style)
            restyled(cells, style)
            needed = max(room, tall)
            self.written_rows += 1
            if needed > self.table_room:
                text = plain(max(row, key=lambda c: len(plain(c)))) if row else ""
                raise ContentError(
                    [
                        Problem(
                            None,
                            f"a form's row is too long for one page, even at {role.floor:g} pt: "
                            f"'{_start(text)}'",
                            "shorten the text the template writes in this row",
                            quote=text,
                        )
                    ]
                )
            heights.append(needed + top + bottom)
        return heights, form_style

    def header_rules(self) -> list[tuple]:
        """In black and white the header row is not filled: a heavy rule above and below it
        sets it apart, as the fill does in colour."""
        if not self.ink.monochrome:
            return []
        return [
            ("LINEABOVE", (0, 0), (-1, 0), 1.5, self.text),
            ("LINEBELOW", (0, 0), (-1, 0), 1.5, self.text),
        ]

    def box(
        self,
        flowables: list[Flowable | list[Flowable]],
        width: float,
        background: colors.Color,
        bar: colors.Color,
        title: str = "",
        room: float | None = None,
        level: int | None = None,
    ) -> Table:
        """A shaded box with a coloured bar; one row per flowable so it can cross a page, a
        row taller than ``room`` (by default, a page) given in rows of its pieces (see
        :meth:`continued_rows`). Its title is tagged a heading ``level`` (its div's
        ``level``: a box of the whole module, beside its sections) or, without one, a level
        below the section it is in."""
        rows: list[list[Any]] = [[cell] for f in flowables for cell in _in_cell(f)]
        if title:
            # the title shares the first row's cell, so it never ends a page alone
            heading = self.para(inline_markdown(title), "box_title")
            if level:
                heading.heading_level = level
            if rows:
                first = rows[0][0]
                rows[0] = [[heading] + (first if isinstance(first, list) else [first])]
            else:
                rows = [[heading]]
        if not rows:
            rows = [[Spacer(1, 1)]]
        # a box that reads from the right (its first text, else its title, does) has its
        # bar on the right, where its lines start: not by its title first, which may be a
        # label not yet translated ("Activity: ..." over an Arabic activity)
        directions = (
            strong_direction(paragraph_text(f))
            for given in flowables
            for f in _flat(given)
            if isinstance(f, Paragraph)
        )
        from_right = next((d for d in directions if d is not None), right_to_left(title))
        rows, joins = self.continued_rows(rows, width - 22, room or self.table_room)
        table = _Box(rows, colWidths=[width], hAlign="LEFT")
        if title and self.meta.layout != "form":  # said again where it goes on on a page
            # (not on a form, set as close as it can to save a sheet: see _render)
            again = title + " " + label("(cont.)")
            table.continued_title = functools.partial(
                self.para, inline_markdown(again), "box_title"
            )
        # made again in rows of a sixth of a page where it goes on in another box's rows
        table.remade = functools.partial(
            self.box, flowables, width, background, bar, title, level=level
        )
        table.setStyle(
            self.table_style(
                [
                    *self.box_ends(rows, width - 22),
                    ("BACKGROUND", (0, 0), (-1, -1), background),
                    # in black and white, unshaded: a hairline frame shows the box
                    *([("BOX", (0, 0), (-1, -1), 0.5, self.rule)] if self.ink.monochrome else []),
                    ("LINEAFTER" if from_right else "LINEBEFORE", (0, 0), (0, -1), 3.5, bar),
                    ("LEFTPADDING", (0, 0), (-1, -1), 10 if from_right else 12),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 12 if from_right else 10),
                    ("TOPPADDING", (0, 0), (-1, -1), 1),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                    # a list's items in rows of their own stand as close as in one row
                    *[("TOPPADDING", (0, row), (-1, row), 0) for row in joins],
                    # a table inside a list item, in rows of its own: where the item's text is
                    *[
                        ("ALIGN", (0, row), (0, row), "RIGHT")
                        for row, (cell,) in enumerate(rows)
                        if any(getattr(f, "set_in", False) for f in _flat(cell))
                    ],
                    *[("BOTTOMPADDING", (0, row - 1), (-1, row - 1), 0) for row in joins],
                    ("TOPPADDING", (0, 0), (-1, 0), 8),
                    ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
                ]
            )
        )
        table.spaceBefore, table.spaceAfter = 6, 12
        return table

    def continued_rows(
        self, rows: list[list[Any]], width: float, room: float
    ) -> tuple[list[list[Any]], list[int]]:
        """A box's rows, with a row taller than ``room`` (a page, or a sixth of one for a box
        within a box: see :meth:`box_pieces`) given in rows of its pieces: a list's items, a
        long paragraph's lines a few at a time (a table row cannot go on across a page:
        twelve long learning objectives in large print stopped the handout); and the rows
        that go on the row before them, drawn as close to it as in one row. ``width``: the
        text's, inside the box."""
        out: list[list[Any]] = []
        joins: list[int] = []
        for (cell,) in rows:
            parts = cell if isinstance(cell, list) else [cell]
            if _stacked_height(parts, width, self.page_height) <= room and not any(
                self.long_box(part, width) for part in parts
            ):
                out.append([cell])
                continue
            segments: list[list[Flowable]] = [[]]
            for part in parts:
                first, *rest = self.cut(part, width)
                segments[-1].append(first)
                segments.extend([piece] for piece in rest)
            for n, segment in enumerate(s for s in segments if s):
                # (the next paragraph or list of a long item stands apart, as in the item)
                if n and getattr(segment[0], "within", None) is None:
                    joins.append(len(out))
                out.append([segment if len(segment) > 1 else segment[0]])
        return out, joins

    def long_box(self, part: Flowable, width: float) -> bool:
        """Whether ``part`` is a box within the box taller than a sixth of a page: given in
        rows of its parts (see :meth:`box_pieces`), it goes on where a page ends, as a box
        on its own does, rather than move whole to the next page (one nearly a page tall
        left 40% of a page empty before it)."""
        return isinstance(part, _Box) and _height(part, width, self.page_height) > self.piece

    def cut(self, part: Flowable, width: float) -> list[Flowable]:
        """``part`` of a box in the pieces rows of their own can hold (itself alone when it
        has none): a list's items (a long item in its own pieces: see :meth:`item_pieces`),
        a paragraph in pieces of a few lines (at most ``piece`` tall), a table in parts of
        a few rows (see :meth:`table_pieces`), a box within the box in parts of a few of
        its own rows (see :meth:`box_pieces`), each piece tagged as the part of the one
        list, paragraph, table or box it is."""
        if isinstance(part, _List):
            return [cut for piece in part.pieces() for cut in self.item_pieces(piece, width)]
        if isinstance(part, _Box):
            return self.box_pieces(part, width)
        if isinstance(part, Table) and getattr(part, "data_table", False):
            return self.table_pieces(part, width)
        if not isinstance(part, Paragraph):
            return [part]
        return _whole_pieces(_paragraph_pieces(part, width, repeat(self.piece)))

    def table_pieces(self, table: Table, width: float) -> list[Flowable]:
        """A table in a box, in parts of a few rows (ReportLab's own split), tagged as the one
        table it is: a box's row cannot cross a page, its rows can. The first part has the
        header; the others have it only where they start a page (see :func:`_headless`)."""
        whole = object()
        # (a table in a box is cut where it may be, even after one row: each part is a row
        # of the box, which the page breaks between; a row too tall for a page stops it,
        # named)
        pieces = _parts_of(table, width, self.piece)
        for piece in pieces:  # (a part is a new table: what it is told, it is told)
            piece.whole = whole
            piece.data_table, piece.mirrored = True, getattr(table, "mirrored", False)
            piece.page_room = getattr(table, "page_room", self.table_room)
        return [pieces[0], *(_headless(piece, width) for piece in pieces[1:])]

    def box_pieces(self, box: _Box, width: float) -> list[Flowable]:
        """A box within a box, made again with its rows cut a sixth of a page at most (see
        :meth:`continued_rows`), in parts of a few of those rows, as a table is split: its
        shading and bar go on in each part, a table in it is headed only where a part starts
        a page (see :func:`_headed_at_top`); read as the one box it is."""
        whole = object()
        spacing = box.spaceBefore, box.spaceAfter
        remade = getattr(box, "remade", None)
        if remade is not None:  # its rows cut to a sixth of a page, not to a page
            box = remade(room=self.piece)
        # (as a table's parts, not the box's own split: a part's table is headed only
        # where the part starts a page, see _headed_at_top)
        pieces = _parts_of(box, width, self.piece)
        for piece in pieces:
            piece.whole = whole
            piece.spaceBefore, piece.spaceAfter = 0, 0  # (the box's rows are apart already)
        pieces[0].spaceBefore, pieces[-1].spaceAfter = spacing
        return pieces

    def item_pieces(self, piece: _List, width: float) -> list[Flowable]:
        """A list of one item (see :meth:`_List.pieces`), in a box taller than a page, as the
        item's first lines under its bullet and the rest of it (the rest of its text, its
        other paragraphs, a list inside it) set in as the item's text is, a few lines a
        piece, with no bullet of its own: read as the one item it is, each paragraph as
        one P. Itself alone when it fits, or when the item starts with no paragraph."""
        if _height(piece, width, self.page_height) <= self.piece:
            return [piece]  # (a short item moves on whole, leaving little of a page empty)
        (item,), options = piece._made  # noqa: SLF001
        flowables = list(item._flowables)  # noqa: SLF001
        if not flowables or not isinstance(flowables[0], Paragraph):
            return [piece]
        indent = float(options.get("leftIndent", 0))
        params = item._params  # noqa: SLF001
        mirrored = params.get("bulletDir") == "rtl"
        most = repeat(self.piece)
        body = object()  # the item's body (LBody), where what follows its first lines goes
        rest: list[Flowable] = []
        for n, flowable in enumerate(flowables):
            if isinstance(flowable, Paragraph):
                parts: list[Flowable] = list(
                    _whole_pieces(_paragraph_pieces(flowable, width - indent, most))
                )
                for part in parts[1:] if not n else parts:
                    part.style = ParagraphStyle(
                        part.style.name,
                        parent=part.style,
                        leftIndent=part.style.leftIndent + (0 if mirrored else indent),
                        rightIndent=part.style.rightIndent + (indent if mirrored else 0),
                    )
            elif isinstance(flowable, _List):  # a list inside the item: set in as its text
                inner, own = flowable._made  # noqa: SLF001
                side = "rightIndent" if mirrored else "leftIndent"
                shifted = _List(
                    list(inner),
                    **{
                        **own,
                        side: float(own.get(side, 0)) + indent,
                        # its marks where they stood, before its text (not the item's)
                        "bulletDedent": flowable._calcBulletDedent,  # noqa: SLF001
                    },
                )
                parts = self.cut(shifted, width)
            elif isinstance(flowable, Table) and getattr(flowable, "data_table", False):
                # a table inside the item: in parts of a few rows, where the item's text is
                parts = self.table_pieces(flowable, width - indent)
                for part in parts:
                    part.set_in = not mirrored  # (the box sets its row's cell to the right)
            elif isinstance(flowable, (_Box, _KeptBox)):  # a box inside it: in parts, set in
                parts = self.box_pieces(getattr(flowable, "box", flowable), width - indent)
                for part in parts:
                    part.set_in = not mirrored
            else:
                parts = [flowable]
            if n:
                parts[0].within = body  # tagged in the item's body, not after the list
            rest.extend(parts if n else parts[1:])
            if not n:
                first_lines = parts[0]
        first_lines.item_body = body
        first = _List([ListItem([first_lines], **params)], **{**options, "spaceAfter": 0})
        first.whole = piece.whole
        if rest and isinstance(rest[-1], Paragraph):  # the list's space after, after its end
            style = rest[-1].style
            rest[-1].style = ParagraphStyle(
                style.name, parent=style, spaceAfter=max(style.spaceAfter, piece.getSpaceAfter())
            )
        for part in rest[:-1]:
            if isinstance(part, Paragraph) and getattr(part, "continues", False):
                part.style = ParagraphStyle(part.style.name, parent=part.style, spaceAfter=0)
        return [first, *rest]

    def box_ends(self, rows: list[list[Any]], width: float) -> list[tuple]:
        """A style command that keeps a box's last two rows together when they are short (a
        third of a page or less): its last line ("You will need: ...") never stands alone
        at the top of a page, under no heading. ``width``: the text's, inside the box."""
        if len(rows) < 2:
            return []
        height = 0.0
        for (cell,) in rows[-2:]:
            for flowable in cell if isinstance(cell, list) else [cell]:
                height += _height(flowable, width, self.page_height)
        if height > self.page_height / 3:
            return []
        return [("NOSPLIT", (0, -2), (0, -1))]

    def div(self, div: Div, width: float) -> list[Flowable]:
        title = div.attrs.get("title", "")
        level = _title_level(div)
        inner = width - 22
        if div.has("notes"):
            return []  # speaker notes are for the presenter, not the printed handout
        if div.has("toc"):
            self.toc_depth = int(div.attrs.get("depth", "1") or 1)
            self.contents = _Contents(self, heading=self.plain_para(title, "h2") if title else None)
            return [self.contents]
        if div.has("reflection"):
            lines = int(div.attrs.get("lines", "3") or 3)
            content: list[Flowable | list[Flowable]] = []
            for child in div.children:
                if isinstance(child, ListBlock):
                    for n, item in enumerate(child.items, start=child.start):
                        question = self.blocks(item, inner)
                        prefix = f"{n}. " if child.ordered else ""
                        # its first paragraph: a lead-in ("Read the notes first:") is kept
                        # with what follows it, and took the number with it
                        held = question
                        if held and isinstance(held[0], KeepTogether):
                            held = held[0]._content  # noqa: SLF001
                        if prefix and held and isinstance(held[0], Paragraph):
                            # its lines under its text, its number hanging before them
                            body = self.styles["body"]
                            hang = text_width(prefix, body.fontName, body.fontSize)
                            hung = ParagraphStyle(
                                "question",
                                parent=body,
                                leftIndent=body.leftIndent + hang,
                                firstLineIndent=body.firstLineIndent - hang,
                            )
                            held[0] = Paragraph(prefix + held[0].text, hung)
                        gap = self.theme.sizes.body * 2.1
                        # one table row per question: a question and its lines never part
                        content.append(
                            question
                            + [_WriteInLines(lines, gap, self.rule), Spacer(1, 8 * self.close)]
                        )
                else:
                    content.extend(self.block(child, inner))
            return [
                self.box(
                    content,
                    width,
                    self.ink.paper,
                    self.primary,
                    title or label("Reflection"),
                    level=level,
                )
            ]
        if div.has("question"):
            return [self.question(div, width)]
        if div.has("rating") or div.has("form-table"):
            table = next((c for c in div.children if isinstance(c, MdTable)), None)
            if table is not None:
                return self.form_table(table, width, rating=div.has("rating"), fill=div.has("fill"))
        if div.has("columns"):
            columns = [c for c in div.children if isinstance(c, Div) and c.has("column")]
            if columns:
                gap = 14
                col_width = (width - gap * (len(columns) - 1)) / len(columns)
                cells = [self.blocks(c.children, col_width - 4, kept=False) for c in columns]
                table = _Columns(
                    [cells], colWidths=[col_width + gap] * (len(columns) - 1) + [col_width]
                )
                table.setStyle(
                    self.table_style(
                        [
                            ("VALIGN", (0, 0), (-1, -1), "TOP"),
                            ("LEFTPADDING", (0, 0), (-1, -1), 0),
                            ("RIGHTPADDING", (0, 0), (-1, -1), gap),
                        ]
                    )
                )
                return [table]
        if not (div.has("objectives") or div.has("activity") or _boxed(div)):
            if div.has("meta"):  # the line under a heading: it goes with what follows
                out = [
                    self.plain_para(plain(c.children), "small")
                    for c in div.children
                    if isinstance(c, MdParagraph)
                ]
                for paragraph in out:
                    paragraph.leads = paragraph.meta_line = True
                return out
            return self.blocks(div.children, width)  # laid out once, at the full width
        children = self.blocks(div.children, inner)
        if div.has("objectives"):
            return [
                self.box(
                    children,
                    width,
                    self.callout,
                    self.primary,
                    title or label("Learning objectives"),
                    level=level,
                )
            ]
        if div.has("activity"):
            heading = title or label("Activity")
            if div.attrs.get("duration"):
                heading += f"  \u00b7  {div.attrs['duration']}"
            heading = bind_units(heading)  # "(10 min)" whole, and read from the left
            return [self.box(children, width, self.ink.activity, self.accent, heading, level=level)]
        bar = self.accent if div.has("takeaway") else self.primary
        # kept together on the next page when little room is left here; with more room than
        # that left, a box too long for it continues on the next page between its
        # paragraphs (a content note in large print left half a page empty)
        return [_KeptBox(self.box(children, width, self.callout, bar, title, level=level))]

    # ---------------------------------------------------------------- title page

    def title_page(self, room: float) -> list[Flowable]:
        """The title page, laid out to stand on one page whose frame is ``room`` points
        high. A long title (four lines in large print, a translation's longer words) first
        takes from the space above it, down to a gap below the band; then the title shrinks
        a point at a time, to the size of the largest heading at the least; then the subtitle,
        to the third heading's size, with the facts' rows and the gap above the audience's
        description closer. Only what is still too tall then runs on to a second page, with
        a warning of which texts to shorten (a nearly empty page in every copy)."""
        s = self.theme.sizes
        width = self.width
        space = (1.4 if self.large else 1.55) * inch
        font = self.styles["h1"].fontName
        # the title's longest word: a size at which it is wider than the page is tried no
        # more than a size too tall (it would be hyphenated: shrinking comes first)
        word = longest_word([self.meta.title], font, 1.0)
        out = self._title_page(space, s.title, s.h2)
        over = _stacked_height(out, width, room) - room
        if over <= 0 and word * s.title <= width:
            return out
        space = max(TITLE_SPACE_LEAST, space - max(over, 0))
        title_floor, subtitle_floor = min(s.title, s.h1), min(s.h2, s.h3)
        tries = [(size, s.h2, False) for size in shrinking(s.title, title_floor)]
        tries += [(title_floor, size, True) for size in shrinking(s.h2, subtitle_floor)]
        for title, subtitle, close in tries:
            out = self._title_page(space, title, subtitle, close)
            if _stacked_height(out, width, room) <= room and word * title <= width:
                break
        else:
            if _stacked_height(out, width, room) > room:
                # the longest first: the likeliest to shorten
                texts = (
                    ("the subtitle", self.meta.subtitle),
                    ("the audience's description", self.meta.audience_description),
                    ("the title", self.meta.title),
                )
                said = [what for what, text in sorted(texts, key=lambda t: -len(t[1])) if text]
                self.warnings.append(
                    f"the title page goes on to a second page, even with the title at "
                    f"{title_floor:g} pt and the subtitle at {subtitle_floor:g} pt; shorten "
                    + (", ".join(said[:-1]) + " or " + said[-1] if len(said) > 1 else said[0])
                    + " to keep it on one page"
                )
        return out

    def _title_page(
        self, space: float, size: float, subtitle_size: float, close: bool = False
    ) -> list[Flowable]:
        """The title page with ``space`` above the title, set at ``size``, the subtitle at
        ``subtitle_size``; ``close``: the facts' rows and the gaps closer."""
        meta = self.meta
        title_style = ParagraphStyle(
            "title",
            parent=self.styles["h1"],
            fontSize=size,
            leading=size * 1.15,
            spaceBefore=0,
            spaceAfter=10,
        )
        subtitle_style = ParagraphStyle(
            "subtitle",
            parent=self.styles["body"],
            fontSize=subtitle_size,
            leading=subtitle_size * 1.35,
            textColor=self.muted,
            spaceAfter=12 if close else 22,
        )
        fact_style = ParagraphStyle(
            "label",
            parent=self.styles["small"],
            fontName=self.body_font.bold,
            textColor=self.muted,
            spaceAfter=0,
        )
        value = ParagraphStyle("value", parent=self.styles["body"], spaceAfter=0)
        # a title that reads from the right (Arabic, Hebrew) gives the page its direction:
        # each fact's label rightmost, its value beside it and set from the right, whatever
        # the value's own script ("2.1", an organization's Latin name)
        mirrored = right_to_left(meta.title)
        if mirrored:
            fact_style = ParagraphStyle("label", parent=fact_style, alignment=TA_RIGHT)
            value = ParagraphStyle("value", parent=value, alignment=TA_RIGHT)
        # below the band; large print starts higher, so that its larger facts fit the page
        out: list[Flowable] = [Spacer(1, space)]
        out.append(self.plain_para(meta.title, title_style))
        if meta.subtitle:
            out.append(self.plain_para(meta.subtitle, subtitle_style))
        facts = [
            (label("Audience"), meta.audience),
            (label("Organization"), meta.organization),
            (label("Prepared by"), meta.author),
            (label("Version"), meta.version),
            (label("Content date"), meta.long_date),
        ]
        rows = []
        for name, text in facts:
            if text:
                row = [Paragraph(escape(name.upper()), fact_style), self.plain_para(text, value)]
                rows.append(row[::-1] if mirrored else row)
        if rows:  # a trainer's own template may give none of these facts
            # the labels' column: as wide as the widest label, never breaking one, unless
            # a catalog's label would take more than two fifths of the page (then it wraps)
            widest = max(
                text_width(name.upper(), fact_style.fontName, fact_style.fontSize)
                for name, text in facts
                if text
            )
            first = min(max(1.35 * inch, widest + 10), 0.4 * self.width)
            widths = [first, self.width - first]
            table = Table(rows, colWidths=widths[::-1] if mirrored else widths, hAlign="LEFT")
            table.mirrored = mirrored  # read label first, as drawn from the right
            table.setStyle(
                self.table_style(
                    [
                        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                        ("LINEABOVE", (0, 0), (-1, 0), 0.8, self.rule),
                        ("LINEBELOW", (0, 0), (-1, -1), 0.8, self.rule),
                        ("TOPPADDING", (0, 0), (-1, -1), 3 if close else 6),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 4 if close else 7),
                        ("RIGHTPADDING" if mirrored else "LEFTPADDING", (0, 0), (-1, -1), 0),
                    ]
                )
            )
            out.append(table)
        if meta.audience_description:
            out.append(Spacer(1, 9 if close else 18))
            out.append(self.plain_para(meta.audience_description))
        return out


def _option_reads_from_right(said: str, letter: str) -> bool:
    """Whether a knowledge check's option (``said``: its words, ``letter``: the "A. " or
    "أ. " before them) reads from the right: as its words' first letter of a strong
    direction does; with none, as its letter does."""
    strong = ("L", "R", "AL")
    if any(unicodedata.bidirectional(ch) in strong for ch in said):
        return right_to_left(said)
    return right_to_left(letter)


def _reads_from_right(item: tuple[Block, ...]) -> bool:
    """Whether a list item reads from the right: its first paragraph does (its first letter
    is Arabic or Hebrew, as :func:`glyphs.right_to_left` decides for every paragraph)."""
    first = next((b for b in item if isinstance(b, MdParagraph)), None)
    text = plain(first.children) if first is not None else ""
    return RIGHT_TO_LEFT.search(text) is not None and right_to_left(text)


def _marks(block: ListBlock) -> list[str]:
    """The marks of a list's items, as drawn: a bullet, or each item's number."""
    if not block.ordered:
        return ["\u2022"]
    return [f"{n}." for n in range(block.start, block.start + len(block.items))]


def _marks_indent(marks: list[str], font: str, size: float) -> float:
    """How far a list's text is set in from its marks' side: the widest mark (a number of
    two or three digits, in large print) and half an em after it, at least the usual 16 pt."""
    widest = max((stringWidth(mark, font, size) for mark in marks), default=0.0)
    return max(LIST_INDENT, widest + size * MARK_GAP)


def _too_long(
    what: str, text: str, floor: float, hint: str, quote: str | None = None
) -> ContentError:
    """``what`` too long at its ``floor``; ``quote``: the text as written in the content, to
    name its line, when ``text`` is made of more (the footer's title and audience)."""
    return ContentError(
        [
            Problem(
                None,
                f"{what} '{_start(text)}' is too long, even at {floor:g} pt",
                hint,
                quote=text if quote is None else quote,
            )
        ]
    )


MAX_PAGES = 2_500  # of one handout, guide or form (the default kit's handout has 14)


def _as_typed(line: str) -> str:
    """A line of a block between ``` fences with its spaces kept: a tab as four spaces, the
    spaces that indent it and all but the last of a run inside it made no-break (a line
    still wraps at a single space when it is longer than the page is wide)."""
    line = line.expandtabs(4)
    body = line.lstrip(" ")
    indent = "\u00a0" * (len(line) - len(body))
    return indent + re.sub(" {2,}", lambda run: "\u00a0" * (len(run.group()) - 1) + " ", body)


def _stacked_height(flowables: list[Flowable], width: float, room: float) -> float:
    """How tall ``flowables`` stand one after the other in a frame ``width`` wide, as
    ReportLab's frame stacks them: between two, the larger of the first's space after and
    the second's space before."""
    total, after = 0.0, None
    for flowable in flowables:
        height = _height(flowable, width, room)
        if after is not None:
            height += max(after, flowable.getSpaceBefore())
        total += height
        after = flowable.getSpaceAfter()
    return total


@dataclass(frozen=True)
class _Footer:
    """The running footer as fitted: how to draw it, and how high it reaches (the rule above
    it), which the pages' text stays clear of."""

    draw: Callable[[Canvas, int, int], None]
    top: float

    @property
    def margin(self) -> float:
        """The pages' bottom margin: the text ends above the footer's rule, however many
        lines the footer took."""
        return max(FOOTER + 0.4 * inch, self.top + 8)


def _band_label(layout: _Layout) -> str:
    """What the pages are, at the right of the band: "PARTICIPANT HANDOUT"."""
    return (layout.meta.kind_label or label("Participant handout")).upper()


def _band_label_size(layout: _Layout) -> float:
    return 12.0 if layout.large else 9.0


def _band_lines(layout: _Layout, pagesize: tuple[float, float]) -> Lines:
    """The organization's name in the band, fitted beside the label once: shrunk to the
    band's floor, then on two lines; longer than that stops the build naming it. In large
    print, at large print's sizes: its floor is the large footer's, never smaller, and it
    may take three lines."""
    width = pagesize[0]
    label_width = stringWidth(
        _band_label(layout), layout.body_font.regular, _band_label_size(layout)
    )
    room = width - 2 * MARGIN - label_width - 24
    largest, floor = (LARGE_BAND, LARGE_FOOTER) if layout.large else (13.0, ROLES["footer"].floor)
    name = layout.meta.organization
    most = 3 if layout.large else 2  # large print's floor is larger: a line more
    found = fit_lines(name, layout.heading_font.bold, room, (largest, floor), lines=1, most=most)
    if found is None:
        raise _too_long(
            "the organization's name", name, floor, "shorten 'organization' in course.yaml"
        )
    return found


def _footer(layout: _Layout, pagesize: tuple[float, float]) -> _Footer:
    """The running footer: a rule, title and audience on the left, version and page N of M.

    Fitted once, before the pages are laid out, against the widest page label it can have:
    a long title shrinks to the footer's floor, then takes a second line (the rule moves up);
    when even that is too little beside the page label (a long title in a language with long
    words, in large print), the title takes the page's whole width above the page label, and
    the pages' text ends higher to make room. Past that the build stops naming it; the
    footer never runs into the page numbers.
    """
    meta = layout.meta
    width, _ = pagesize
    font = layout.body_font.regular
    size = layout.footer_size
    floor = ROLES["footer"].floor
    if layout.large:  # large print takes a second line before it shrinks anything
        floor = size
    widest = meta.page_label(9999, 9999)
    footer = running_footer(meta.footer_left, font, width - 2 * MARGIN, widest, (size, floor))
    if footer is None:
        raise _too_long(
            "the footer",
            meta.footer_left,
            floor,
            "shorten the course title or the audience name",
            quote=meta.footer_written,
        )
    rule = footer.first_baseline(FOOTER) + 11  # a rule above the footer's first line
    mirrored = right_to_left(meta.title)  # the page reads from the right: so does its footer

    def draw(canvas: Canvas, page: int, total: int) -> None:
        canvas.saveState()
        canvas.setStrokeColor(layout.rule)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN, rule, width - MARGIN, rule)
        canvas.setFillColor(layout.muted)
        label = meta.page_label(page, total)
        footer.draw(canvas, MARGIN, width - MARGIN, FOOTER, label, font, size, mirrored)
        canvas.restoreState()

    return _Footer(draw, rule)


MOST_ON_A_PAGE = 20_000  # flowables handled laying out one page: far more than any holds


class _GoingRound(Exception):
    """ReportLab laid out the same page again and again (see _HandoutDoc.handle_flowable)."""

    def __init__(self, page: int):
        super().__init__(page)
        self.page = page


class _HandoutDoc(BaseDocTemplate):
    def __init__(
        self,
        buffer: io.BytesIO,
        layout: _Layout,
        pagesize: tuple[float, float],
        stamp: Stamp,
        structure: Structure,
        footer: _Footer,
    ):
        self.structure = structure
        super().__init__(
            buffer,
            pagesize=pagesize,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=footer.margin,
            initialFontName=layout.body_font.regular,
            **stamp.doc_info(),
        )
        self.layout = layout
        self.label = _band_label(layout)
        self.label_size = _band_label_size(layout)
        self.organization = _band_lines(layout, pagesize)
        # a form's band (a slimmer one than the title page's) grows for a name of three
        # large-print lines, so that they keep a printer's margin from the page's edge
        clear = self.organization.height + 2 * BAND_CLEARANCE
        self.form_band = max(FORM_BAND_HEIGHT, clear)
        # the text column is the margins' width, as the band and the footer's rule are: a
        # table or a box laid out that wide stands flush with the headings' rules and the text
        # (ReportLab's frames pad their sides by default, and fixed-width tables overran them)
        sides = {"leftPadding": 0, "rightPadding": 0, "showBoundary": 0}
        frame = Frame(
            self.leftMargin, self.bottomMargin, self.width, self.height, id="body", **sides
        )
        below_band = Frame(
            self.leftMargin,
            self.bottomMargin,
            self.width,
            self.height - FORM_BAND - (self.form_band - FORM_BAND_HEIGHT),
            id="form",
            **sides,
        )
        self.addPageTemplates(
            [
                PageTemplate(id="title", frames=[frame], onPage=self._title_band),
                PageTemplate(id="body", frames=[frame]),
                PageTemplate(id="form", frames=[below_band], onPage=self._form_band),
            ]
        )

    _on_page = (0, 0)  # (the page being laid out, the flowables handled on it so far)

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        """ReportLab's, stopped when it goes round in circles: a page never holds
        :data:`MOST_ON_A_PAGE` flowables, but ReportLab may hand one back and forth for ever
        between the page and a split (a heading nearly a page tall at the end of a story,
        written by a template) instead of saying it cannot place it."""
        page, handled = self._on_page
        handled = handled + 1 if page == self.page else 1
        self._on_page = (self.page, handled)
        if handled > MOST_ON_A_PAGE:
            raise _GoingRound(self.page)
        super().handle_flowable(flowables)

    def _form_band(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        self._title_band(canvas, doc, band=self.form_band)

    def _title_band(self, canvas: Canvas, doc: BaseDocTemplate, band: float = 1.25 * inch) -> None:
        with self.structure.artifact(canvas):
            self._draw_band(canvas, band)

    def _draw_band(self, canvas: Canvas, band: float) -> None:
        layout = self.layout
        width, height = self.pagesize
        canvas.saveState()
        if layout.ink.monochrome:  # no solid band to print: a rule under the name
            canvas.setFillColor(layout.text)
            canvas.rect(MARGIN, height - band - 2, width - 2 * MARGIN, 2, stroke=0, fill=1)
        else:
            canvas.setFillColor(layout.ink.band)
            canvas.rect(0, height - band, width, band, stroke=0, fill=1)
            canvas.setFillColor(layout.accent)
            canvas.rect(0, height - band - 6, width, 6, stroke=0, fill=1)
        canvas.setFillColor(layout.ink.on_primary)
        name = self.organization
        # the lines centred on the band: the first baseline half the extra lines up; on a
        # document that reads from the right, the name at the right and the label at the left
        centre = height - band / 2
        top = centre + (len(name.lines) - 1) * name.leading / 2 + 0.65 * name.size
        mirrored = right_to_left(layout.meta.title)
        name.draw(
            canvas, width - MARGIN if mirrored else MARGIN, top, "right" if mirrored else "left"
        )
        draw_string(
            canvas,
            MARGIN if mirrored else width - MARGIN,
            height - band / 2 - 3,
            self.label,
            layout.body_font.regular,
            self.label_size,
            "left" if mirrored else "right",
        )
        canvas.restoreState()

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 (ReportLab's name)
        if isinstance(flowable, _Heading) and flowable.outline_key:
            level = self._outline.level(flowable.outline_level + 1) - 1
            self.canv.bookmarkPage(flowable.outline_key)
            self.canv.addOutlineEntry(flowable.outline_title, flowable.outline_key, level=level)
            self.layout.heading_pages[flowable.outline_key] = self.page

    def beforeDocument(self) -> None:  # noqa: N802 (ReportLab's name)
        self._outline = HeadingLevels()
        self.canv.showOutline()

    def afterPage(self) -> None:  # noqa: N802 (ReportLab's name)
        if self.page >= MAX_PAGES:  # a template's runaway loop: stop before minutes and GBs
            raise ContentError(
                [
                    Problem(
                        None,
                        f"the {self.label.lower()} runs past {MAX_PAGES:,} pages",
                        "check the template's loops, or split the course: a course's "
                        "handout has a few dozen pages",
                    )
                ]
            )


def render(document: Document, theme: Theme, options: RenderOptions) -> RenderResult:
    """Lay out a handout document; returns the PDF bytes and its page count."""
    with writing(document_meta(document.meta).language, options.source_texts):  # Han: its face
        return _render(document, theme, options)


def check_fits(document: Document, theme: Theme, options: RenderOptions) -> None:
    """What a build finds before it lays out the pages (a table too wide for the page, a
    table row taller than one, an organization's name too long for the band, a footer too
    long for the page), found without making the PDF: ``check`` says what ``build`` would
    stop on (it said OK to a table of eight columns that stopped every build)."""
    with writing(document_meta(document.meta).language):
        document, _, layout = _prepared(document, theme, options, _spacing(document, options))
        _band_lines(layout, layout.pagesize)  # the band's organization name and the
        _footer(layout, layout.pagesize)  # footer, as every page prints them (check said OK
        # to a long name)
        layout.blocks(document.blocks, layout.width)


def _prepared(
    document: Document, theme: Theme, options: RenderOptions, close: float = 1.0
) -> tuple[Document, list[Problem], _Layout]:
    """The document as its fonts can print it (and the warnings of what they cannot), and
    the layout of its pages (its parts ``close`` times as far apart as a handout's): what
    rendering and check_fits both begin with."""
    fonts = Fonts(theme.body_font), Fonts(theme.heading_font)
    document, warnings = printable(document, list(fonts), fallback=True)
    return document, warnings, _layout(document, theme, options, fonts, close)


def _layout(
    document: Document,
    theme: Theme,
    options: RenderOptions,
    fonts: tuple[Fonts, Fonts],
    close: float,
    rows: float | None = None,
    filled: bool = False,
    turned: bool = False,
) -> _Layout:
    """The layout of ``document``'s pages: upright, or ``turned`` (landscape)."""
    pagesize = PAPER[options.paper]
    if turned:
        pagesize = (pagesize[1], pagesize[0])
    return _Layout(
        theme,
        pagesize[0] - 2 * MARGIN,
        pagesize[1] - MARGIN - FOOTER - 0.4 * inch,
        document_meta(document.meta),
        fonts,
        options.images,
        options.large_print,
        options.printing,
        close,
        rows,
        filled,
        pagesize,
    )


def _render(document: Document, theme: Theme, options: RenderOptions) -> RenderResult:
    """The PDF of ``document``. A form (filled in by hand, printed once per participant) is
    set with its parts closer together than a handout's (:func:`_spacing`); when its
    last page would still hold little, it is set closer again, and printed so when that
    saves the page; failing that, its rows to write in are also made less tall (down to
    FORM_ROW_CLOSEST), and printed so when that saves the page. Pages counted, a form
    table marked ``fill`` (the sign-in sheet's) is laid out again going on with blank rows
    to the foot of its last page.

    A form whose table's headers and printed words cannot all stand whole across an
    upright page (a continuing-education sign-in sheet in large print: "regis-tration"
    and "Signa-ture" hyphenated over a signature column a few centimetres wide) is printed
    on the page turned (landscape), where its columns have more room."""
    spacing = _spacing(document, options)
    document, warnings, layout = _prepared(document, theme, options, spacing)
    drawn = _laid_out(document, layout, options)
    fonts = layout.body_font, layout.heading_font
    turned = False
    if layout.cramped and layout.meta.layout == "form":  # (turned, its columns have more
        # room: fewer of its words broken, or none, even when some still are)
        layout = _layout(document, theme, options, fonts, spacing, turned=True)
        drawn, turned = _laid_out(document, layout, options), True
    chosen: tuple[float, float | None] = (spacing, None)  # (close, rows) of ``drawn``
    if spacing < 1 and drawn.pages > 1 and drawn.left > 1 - LIGHT_PAGE:
        closer = _layout(document, theme, options, fonts, spacing * CLOSER, turned=turned)
        again = _laid_out(document, closer, options)
        if again.pages < drawn.pages:
            drawn, chosen = again, (spacing * CLOSER, None)
        elif closer.written_rows and closer.row_height > FORM_ROW_CLOSEST:
            # tried, not estimated: the header repeated on the last page and the space
            # around it go with it, more than any estimate knew (18 names and 4 spare rows
            # fit a page in the shorter rows, yet were estimated not to, and printed a
            # second page of blank rows)
            shorter = _layout(
                document, theme, options, fonts, spacing * CLOSER, FORM_ROW_CLOSEST, turned=turned
            )
            again = _laid_out(document, shorter, options)
            if again.pages < drawn.pages:
                drawn, chosen = again, (spacing * CLOSER, FORM_ROW_CLOSEST)
    if layout.fills:
        filled = _layout(document, theme, options, fonts, *chosen, filled=True, turned=turned)
        drawn = _laid_out(document, filled, options)
    data = finish(drawn.data, drawn.structure, drawn.title, drawn.language, options.generator)
    warnings = (*warnings, *dict.fromkeys(layout.warnings))
    return RenderResult(data=data, pages=drawn.pages, warnings=warnings)


def _spacing(document: Document, options: RenderOptions) -> float:
    """The space between the parts of ``document`` as a share of a handout's: a form's is
    closer, but in large print, as roomy as its type."""
    form = document_meta(document.meta).layout == "form"
    return FORM_SPACING if form and not options.large_print else 1.0


@dataclass
class _Drawn:
    """A handout's pages as ReportLab drew them, before tagging (see :func:`_render`)."""

    data: bytes
    structure: Structure
    title: str
    language: str
    pages: int
    left: float  # the share of its last page's frame left empty


def _laid_out(document: Document, layout: _Layout, options: RenderOptions) -> _Drawn:
    """The pages of ``document`` (as its fonts can print it: see :func:`_prepared`) set by
    ``layout``."""
    pagesize = layout.pagesize
    width = layout.width
    meta = layout.meta
    footer = _footer(layout, pagesize)
    if meta.layout == "form":  # a one-off form: a slim band, no title page
        flowables: list[Flowable] = [NextPageTemplate("body")]
        first_template = "form"
    else:
        # the band is the title page's alone, even when its facts run onto a second page
        room = pagesize[1] - MARGIN - footer.margin - 2 * FRAME_PADDING
        flowables = [NextPageTemplate("body"), *layout.title_page(room), PageBreak()]
        first_template = "title"
    flowables += layout.blocks(document.blocks, width)
    if layout.fills:
        _settle_fills(flowables)
    if layout.contents is not None:
        layout.contents.settle(flowables)
    structure = Structure()
    tag_story(flowables, structure)
    buffer = io.BytesIO()
    stamp = Stamp(meta, options.generator)
    doc = _HandoutDoc(buffer, layout, pagesize, stamp, structure, footer)
    laid_out = list(flowables)  # ReportLab consumes the list while building
    try:
        doc._firstPageTemplateIndex = 2 if first_template == "form" else 0
        canvas = stamp.canvas(layout.body_font.regular, footer=footer.draw, structure=structure)
        doc.build(flowables, canvasmaker=canvas)
    except _GoingRound as stuck:
        raise ContentError(
            [
                Problem(
                    None,
                    f"it cannot be laid out past page {stuck.page}: something that starts "
                    "there cannot be placed (a heading or a part nearly a page tall, say)",
                    "shorten what starts near that page; see what the template wrote with "
                    "'materials-gen show' and the output's name",
                )
            ]
        ) from None
    except LayoutError:
        text = _tallest_cell_text(laid_out, width)
        start = f": the text '{_start(text)}'" if text else ""
        raise ContentError(
            [
                Problem(
                    None,
                    f"some content is too large to fit on one page{start}",
                    "a box (a callout, an activity, a quote) goes on to the next page "
                    "between its paragraphs, its list's items, its text's lines, its "
                    "table's rows and the rows of a box within it, but not inside a "
                    "picture with its caption: shorten that part, or take it out of the "
                    "box into the text around it",
                    quote=text or "",
                )
            ]
        ) from None
    frame = doc.frame  # the last page's, where the story ended
    left = (frame._y - frame._y1p) / max(1.0, frame._height)  # noqa: SLF001
    return _Drawn(
        buffer.getvalue(),
        structure,
        stamp.document_title,
        meta.language,
        doc.page,
        left,
    )


# points of width the least text is laid out in: less is left only by nesting past reason
# (45 quotes one within the other); a column of six across a page has 68
NARROWEST = 24.0


def _said(block: Block) -> str:
    """The first words a block (of any kind) says, for a message."""
    while not isinstance(block, (MdParagraph, Heading)):
        children = getattr(block, "children", None) or getattr(block, "items", None)
        if not children:
            return ""
        block = children[0]
        if isinstance(block, (list, tuple)):
            if not block:
                return ""
            block = block[0]
    return plain(block.children)


def _start(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "..."


def _tallest_cell_text(flowables: list[Any], width: float) -> str:
    """The longest text of the tallest table cell: what could not fit on a page, to name it.

    Only a table cell (a box, a table row) cannot continue on the next page, so when ReportLab
    gives up, the culprit is the tallest cell; its own message names an object, not the text.
    """
    tallest, found = 0.0, ""

    def walk(items: list[Any], width: float) -> None:
        nonlocal tallest, found
        for item in items:
            if isinstance(item, (list, tuple)):
                walk(list(item), width)
            elif isinstance(item, Table):
                widths = item._argW  # noqa: SLF001
                for row in item._cellvalues:  # noqa: SLF001
                    for i, cell in enumerate(row):
                        column = widths[i] if isinstance(widths[i], (int, float)) else width
                        content = list(cell) if isinstance(cell, (list, tuple)) else [cell]
                        height = sum(
                            _height(f, max(column - 22, 1), 1e9)
                            for f in content
                            if isinstance(f, Flowable)
                        )
                        if height > tallest:
                            tallest, found = height, _longest_text(content)
                        walk(content, column)
            else:
                walk(_inside(item), width)

    try:
        walk(flowables, width)
    except (AttributeError, TypeError, ValueError, IndexError, LayoutError):
        return ""  # naming the text is a courtesy: the message stands without it
    return found


def _longest_text(items: list[Any]) -> str:
    texts: list[str] = []
    for item in items:
        if isinstance(item, Paragraph):
            texts.append(_paragraph_text(item))
        elif isinstance(item, (list, tuple)):
            texts.append(_longest_text(list(item)))
        elif isinstance(item, Table):
            texts.append(_longest_text([c for row in item._cellvalues for c in row]))  # noqa: SLF001
        else:
            texts.append(_longest_text(_inside(item)))
    return max(texts, key=len, default="")


def _paragraph_text(paragraph: Paragraph) -> str:
    """A paragraph's text as written (a piece of one cut between its lines: the whole
    one's, which the message quoting it finds in the source)."""
    whole = paragraph.__dict__.get("whole_paragraph", paragraph)
    return str(whole.getPlainText()).replace("\u00ad", "")


def _inside(item: Any) -> list[Any]:
    """What a ReportLab container (kept-together group, list, list item) holds."""
    for name in ("_content", "_flowables", "_flowable"):
        inner = getattr(item, name, None)
        if isinstance(inner, (list, tuple)):
            return list(inner)
        if isinstance(inner, Flowable):
            return [inner]
    return []
