"""ReportLab plumbing shared by every PDF output: fonts, safe paragraph markup, colours,
stamping.

Kept apart from the layouts so that the handout, poster and later PDF outputs embed fonts,
escape text, colour and stamp the same way.

Stamping, for any PDF renderer (handout, certificates, poster, and printed slides)::

    stamp = Stamp(document_meta(document.meta), options.generator)
    # a BaseDocTemplate:   BaseDocTemplate(buffer, **stamp.doc_info(), ...)
    #                      doc.build(story, canvasmaker=stamp.canvas(font, footer=draw))
    # a bare Canvas:       canvas = stamp.canvas(font)(buffer, pagesize=size)
    # footer text:         stamp.meta.footer_left, stamp.meta.page_label(page, total)

``stamp.canvas(font, footer=...)`` returns a canvas class that starts in the theme's font,
dates the file with the content's date and is invariant (the same input gives the same
bytes); with ``footer``, pages are held back until the end and ``footer(canvas, page,
total)`` draws each page's footer, so it can say "page N of M".
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from reportlab import platypus, rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.pdfbase.ttfonts import makeShapedFragWord
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import paragraph as _paragraph
from reportlab.platypus.paraparser import ParaParser

from ..document import (
    Code,
    Document,
    Emph,
    Inline,
    LineBreak,
    Link,
    Picture,
    Strike,
    Strong,
    Text,
    followable,
    plain,
    printed_address,
)
from ..fit import address_breaks, dash_pieces, ends_at_dash, is_address, shrinking
from ..glyphs import (
    NO_LINE_END,
    NO_LINE_START,
    RIGHT_TO_LEFT,
    SHAPED,
    SHAPED_WIDTHS,
    SUBSTITUTE,
    UNSPACED,
    actual_text,
    breakable,
    broke_at_space,
    clusters,
    draw_string,
    fallback_markup,
    has_cjk,
    invisible,
    language,
    marks_apart,
    named,
    note_written,
    reads_from_right,
    right_to_left,
    shape_run,
    shape_words,
    undrawable,
    written,
)
from ..glyphs import width as text_width
from ..meta import DocumentMeta
from ..reading_order import NO_ISOLATES, runs_seen
from ..theme import Palette
from ..units import NO_BREAK_SPACE, may_part
from .fonts import Fonts
from .tagging import aimed, link_words, note_links, paragraph_text

PAPER = {"letter": LETTER, "a4": A4}

# ReportLab's paragraphs shape their words with this function (Devanagari, see glyphs.py):
# each shaped run is given the text it stands for, which _SpacedText marks as its ActualText
_paragraph.shapeFragWord = shape_words(_paragraph.shapeFragWord)

# Streams as binary, not as ASCII85 text: a quarter fewer bytes (a photo's most of all), the
# same pages; a PDF has been binary since PDF 1.1
rl_config.useA85 = 0


def _in_seen_order(put_line: Callable[..., Any]) -> Callable[..., Any]:
    """ReportLab's drawing of one line of a paragraph, the line's runs put in the order they
    are seen when it has Arabic or Hebrew in it (see :func:`_seen_line`).

    ReportLab lays out a paragraph that reads from the right only by reversing the styled
    runs of each line, so words inside a run, numbers and Latin words stay in the order
    written; its word-by-word ordering needs a library it does not ship (rlbidi).
    """

    def put(cur_x: float, tx: Any, line: Any, last: Any, kind: str) -> Any:
        direction = getattr(tx, "direction", None)
        if direction in ("RTL", "LTR"):
            line = _seen_line(line, direction == "RTL")
        return put_line(cur_x, tx, line, last, kind)

    return put


def _seen_line(line: Any, rtl: bool) -> Any:
    """The line with its styled runs cut where their level changes, each piece shaped in its
    own direction, in the order seen from the left (see reading_order.py): a line with Arabic
    or Hebrew on it, and every line of a paragraph that reads from the right (``rtl``)."""
    as_written = getattr(line, "_mg_written", None)
    if as_written is None:  # ReportLab reverses a right-to-left line's runs at each drawing
        as_written = list(reversed(line.words)) if rtl else list(line.words)
        line._mg_written = as_written
    parts = [(f, "" if hasattr(f, "cbDefn") else written(f.text)) for f in as_written]
    # a line of a paragraph that reads from the right is laid out in that direction, Arabic
    # or Hebrew on it or not: "(Substance Abuse ... 2014)." wrapped onto a line of its own
    # ends at its left, its full stop there, as the bidirectional algorithm sets it
    if not any(part for _, part in parts) or not (
        rtl or any(RIGHT_TO_LEFT.search(part) for _, part in parts)
    ):
        return line
    seen: list[Any] = []
    for frag, part, from_right in runs_seen(parts, rtl):
        if not part:  # a callback, an empty run: kept where it is
            seen.append(frag)
            continue
        run = shape_run(part, frag.fontName, frag.fontSize, from_right)
        seen.append(_apart(frag.clone(text=run), seen))
    new = line.clone() if hasattr(line, "clone") else copy.copy(line)
    new.words = seen
    return new


def _apart(frag: Any, before: list[Any]) -> Any:
    """``frag``, its link and underline told apart from the same ones earlier on the line
    but not just before it (a link whose words the reordering separates): ReportLab draws
    one underline and one link area per link and line, so each separate piece needs its
    own."""
    last = before[-1] if before else None
    for name in ("link", "us_lines"):
        marks = getattr(frag, name, None)
        if not marks:
            continue
        earlier = {id(m) for f in before[:-1] for m in getattr(f, name, None) or ()}
        just = {id(m) for m in getattr(last, name, None) or ()}
        if any(id(m) in earlier and id(m) not in just for m in marks):
            setattr(frag, name, [copy.copy(m) for m in marks])
    return frag


_paragraph._putFragLine = _in_seen_order(_paragraph._putFragLine)


def _between_words(split: Callable[..., Any]) -> Callable[..., Any]:
    """ReportLab's cutting of a word longer than its line, made to cut Thai (written without
    spaces between words) only between words, where ICU's line breaker allows, each piece
    shaped and measured as drawn; never to cut other shaped words (a vowel sign would part
    from its consonant): such a word runs on, as ReportLab leaves a long word that it is
    not asked to cut; and to cut any other word only after its hyphens and its range's
    dashes where it has them (:func:`_at_dashes`). A word without letters to shape in a
    shaped paragraph (a web address in an Arabic or Hebrew one) is cut as such a word is,
    each piece shaped as drawn."""

    def cut(word: Any, room: float, rooms: list[float], line: int) -> list[Any]:
        text = "".join(written(s) for f, s in word[1:] if not hasattr(f, "cbDefn"))
        last = _paragraph._SplitFragHS if isinstance(word, _paragraph._HSFrag) else None
        last = last or _paragraph._SplitFragH
        frags = [f for f, _ in word[1:]]
        one_style = not any(hasattr(f, "cbDefn") for f in frags) and all(
            (f.fontName, f.fontSize) == (frags[0].fontName, frags[0].fontSize) for f in frags
        )  # a word cut once before is its pieces again: one style, as many parts
        shaped_latin = (
            len(frags) == 1
            and not SHAPED.search(text)
            and getattr(word[1][1], "__shapeData__", None) is not None
        )
        if not one_style or not (UNSPACED.search(text) or shaped_latin):
            if SHAPED.search(text):
                return [last(list(word))]
            return _at_dashes(word, room, rooms, line, split)
        frag = frags[0]
        pieces = _latin_pieces(text) if shaped_latin else breakable(text)
        lines = _filled(pieces, frag, room, rooms, line)
        made = [_shaped_piece(text, frag) for text in lines]
        pieces = [makeShapedFragWord(_paragraph._SplitFrag())(m) for m in made[:-1]]
        return [*pieces, makeShapedFragWord(last())(made[-1])]

    return cut


def _filled(pieces: list[str], frag: Any, room: float, rooms: list[float], line: int) -> list[str]:
    """``pieces`` (of a word cut between its words) gathered into lines: the first ``room``
    wide (what is left of line ``line``), the next ones ``rooms``. Each piece is shaped
    once and the pieces of a line are shaped together once more, since together they may
    be a little wider (kerning): the time grows with the word's length (shaping each line
    again at every piece added took minutes for a long paragraph of Thai). The first
    line is empty when not even the first piece fits what is left of it; a piece alone
    wider than a whole line runs on, on a line of its own."""
    widths = [_shaped_width(piece, frag) for piece in pieces]
    lines: list[str] = []
    start = 0
    while start < len(pieces):
        end, used = start, 0.0
        while end < len(pieces) and used + widths[end] <= room:
            used += widths[end]
            end += 1
        while end - start > 1 and _shaped_width("".join(pieces[start:end]), frag) > room:
            end -= 1
        if end == start and lines:
            end = start + 1
        lines.append("".join(pieces[start:end]))
        start = end
        line += 1
        room = rooms[min(line, len(rooms) - 1)]
    return lines or [""]


def _latin_pieces(text: str) -> list[str]:
    """The pieces a word without letters to shape may be cut into in a paragraph that is
    shaped (a web address in an Arabic or Hebrew one): after any letter of its own, never
    after a hyphen, a slash or a full stop. Each line is ordered on its own (see
    reading_order.py), so such a mark at the end of a line would take the paragraph's
    direction and be drawn on the far side of the address ("-https://..."); after a letter,
    every line of the address reads as written."""
    pieces: list[str] = []
    current = ""
    for ch in text:
        current += ch
        if unicodedata.bidirectional(ch) == "L":
            pieces.append(current)
            current = ""
    if current:  # marks after its last letter stay with it
        if pieces:
            pieces[-1] += current
        else:
            pieces.append(current)
    return pieces


def _at_dashes(
    word: Any, room: float, rooms: list[float], line: int, split: Callable[..., Any]
) -> list[Any]:
    """A word of styled runs (a link, a bold syllable, a run in another face) too long for
    its line, cut only after its hyphens and its range's dashes (:func:`fit.dash_pieces`)
    where it has them; ReportLab's cut between any two characters (``split``) otherwise, or
    for a piece longer than a whole line."""
    runs = word[1:]
    if any(hasattr(f, "cbDefn") or getattr(s, "__shapeData__", None) for f, s in runs):
        return split(word, room, rooms, line)  # type: ignore[no-any-return]
    text = "".join(s for _, s in runs)
    pieces = _break_pieces(text)
    if len(pieces) < 2:
        return split(word, room, rooms, line)  # type: ignore[no-any-return]
    chars = [(f, c) for f, s in runs for c in s]
    widths = [w for f, s in runs for w in _char_widths(s, f.fontName, f.fontSize)]
    fresh = room >= rooms[min(line, len(rooms) - 1)]  # nothing else on the line yet
    room = _address_room(text, room, fresh)
    bounds = [0, *_cuts(widths, _offsets(pieces), room, rooms, line, fresh, text), len(chars)]
    last = _paragraph._SplitFragHS if isinstance(word, _paragraph._HSFrag) else None
    kinds = [_paragraph._SplitFrag] * (len(bounds) - 2) + [last or _paragraph._SplitFragH]
    out = []
    for kind, (start, end) in zip(kinds, pairwise(bounds), strict=True):
        parts: list[list[Any]] = []  # each run of the piece: its frag, its text
        for f, c in chars[start:end]:
            if parts and parts[-1][0] is f:
                parts[-1][1] += c
            else:
                parts.append([f, c])
        parts = parts or [[runs[0][0], ""]]  # the word starts on the next line
        out.append(kind([sum(widths[start:end]), *((f.clone(text=t), t) for f, t in parts)]))
    return out


def _at_dashes_str(split: Callable[..., Any]) -> Callable[..., Any]:
    """ReportLab's cutting of a word too long for its line in a paragraph of one style,
    made to cut only after the word's hyphens and its range's dashes where it has them
    ("Trauma-" / "competent", "10:05 AM–" / "10:15 AM", never "10:15 A" / "M"): each
    line holds as many of its pieces as fit. A web address breaks where a style guide
    breaks one (see :func:`_break_pieces`); a piece longer than a whole line is cut
    between characters, as ReportLab cuts it."""

    def cut(
        word: Any,
        used: float,
        rooms: list[float],
        line: int,
        font: str,
        size: float,
        encoding: str = "utf8",
    ) -> list[Any]:
        text = word.decode(encoding) if isinstance(word, bytes) else word
        pieces = _break_pieces(text)
        if len(pieces) < 2 or _paragraph.isBidiStr(word):
            return split(word, used, rooms, line, font, size, encoding)  # type: ignore[no-any-return]
        widths = list(_char_widths(text, font, size))
        room = _address_room(text, rooms[min(line, len(rooms) - 1)] - used, used <= 0)
        cuts = _cuts(widths, _offsets(pieces), room, rooms, line, used <= 0, text)
        bounds = [0, *cuts, len(text)]
        parts = [text[start:end] for start, end in pairwise(bounds)]
        return [*map(_paragraph._SplitWord, parts[:-1]), _paragraph._SplitWordEnd(parts[-1])]

    return cut


@functools.lru_cache(maxsize=256)
def _char_widths(text: str, font: str, size: float) -> tuple[float, ...]:
    """The width of each character of ``text`` in one face: a paragraph is wrapped again
    and again (a table's column tried at several widths), and a word of thousands of
    letters was measured letter by letter each time."""
    known: dict[str, float] = {}
    out = []
    for c in text:
        width = known.get(c)
        if width is None:
            width = known[c] = stringWidth(c, font, size)
        out.append(width)
    return tuple(out)


@functools.lru_cache(maxsize=256)
def _break_pieces(text: str) -> tuple[str, ...]:
    """``text`` (a word too long for its line) in the pieces a line may end between: a web
    or e-mail address where a style guide breaks one (:func:`fit.address_breaks`); other
    words after their hyphens and their range's dashes (:func:`fit.dash_pieces`), and in
    Chinese, Japanese or Korean between characters, but never before closing punctuation
    ("、", "。", "）") nor after opening punctuation ("（", "「"), as :func:`glyphs.breakable`
    gives them: a line of Chinese began with "、" where ReportLab cut between any two
    characters."""
    if is_address(text):  # "https://www" / ".samhsa.gov" / "/trauma-violence"...
        return tuple(address_breaks(text))
    pieces = dash_pieces(text)
    if not has_cjk(text):
        return tuple(pieces)
    return tuple(part for piece in pieces for part in breakable(piece))


def _address_room(text: str, room: float, fresh: bool) -> float:
    """The room left on its line for the first piece of a word too long for a whole line:
    none for a web or e-mail address after other words (it starts a line of its own, then
    breaks where a style guide breaks one), ``room`` otherwise."""
    return 0.0 if not fresh and is_address(text) else room


def _offsets(pieces: Sequence[str]) -> list[int]:
    """Where each piece but the first starts in the pieces joined."""
    out, at = [], 0
    for piece in pieces[:-1]:
        at += len(piece)
        out.append(at)
    return out


def _cuts(
    widths: list[float],
    breaks: list[int],
    room: float,
    rooms: list[float],
    line: int,
    fresh: bool,
    text: str = "",
) -> list[int]:
    """Where a word too long for its line is cut into lines, as offsets into its characters
    (whose widths are ``widths``): each line holds as many of its pieces (cut at
    ``breaks``) as fit, the first ``room`` (what is left of line ``line``; ``fresh``:
    nothing else is on it), the next ones ``rooms``. A piece longer than a whole line is
    cut between characters: given its ``text``, never before closing punctuation nor after
    an opening bracket ("（済）。" in a narrow column: "。" never starts a line), the
    character before going on with it. A cut at 0: the word starts on the next line."""
    cuts: list[int] = []
    start, used, last = 0, 0.0, len(rooms) - 1

    def next_line(at: int) -> None:
        nonlocal start, used, room, line, fresh
        cuts.append(at)
        start, used, fresh = at, 0.0, True
        line += 1
        room = rooms[min(line, last)]

    bounds = [0, *breaks, len(widths)]
    for begin, end in pairwise(bounds):
        piece = sum(widths[begin:end])
        if used + piece > room and (begin > start or not fresh):
            next_line(begin)
        if used + piece <= room:
            used += piece
            continue
        for i in range(begin, end):  # longer than a whole line: between characters
            if used + widths[i] > room and i > start:
                at = i
                while (
                    text
                    and at - 1 > start
                    and (text[at] in NO_LINE_START or text[at - 1] in NO_LINE_END)
                ):
                    at -= 1
                next_line(at)
                used = sum(widths[at:i])
            used += widths[i]
    return cuts


def _shaped_piece(text: str, frag: Any) -> list[Any]:
    """A frag word of ``text`` in ``frag``'s style, shaped as a paragraph's words are."""
    width = stringWidth(text, frag.fontName, frag.fontSize) if text else 0
    word = [width, (frag.clone(text=text), text)]
    return list(_paragraph.shapeFragWord(word)) if text else word


def _shaped_width(text: str, frag: Any) -> float:
    """How wide ``text`` is shaped in ``frag``'s face and size: kept, since a paragraph
    split by a page is cut into lines again, and a language's common words recur."""
    key = (text, frag.fontName, frag.fontSize)
    width = SHAPED_WIDTHS.get(key)
    if width is None:
        if len(SHAPED_WIDTHS) >= 100_000:
            SHAPED_WIDTHS.clear()
        width = SHAPED_WIDTHS[key] = float(_shaped_piece(text, frag)[0])
    return width


_paragraph._splitFragWord = _between_words(_paragraph._splitFragWord)
_paragraph._splitWord = _at_dashes_str(_paragraph._splitWord)


# a link's underline, drawn below the underscore of every shipped face (ReportLab's own
# crosses it at an eighth of the size, so that "reception_team@example.org" read as
# "reception team"), as thin as a twentieth of the size
UNDERLINE = '<u offset="-0.21*F" width="0.05*F">'


def markup(
    inlines: tuple[Inline, ...], link_colour: str | None = None, code_colour: str | None = None
) -> str:
    """ReportLab paragraph markup for some inlines; every character of content is escaped.

    Links and code take the given colours (the palette's, as #RRGGBB); without one they are
    drawn in the paragraph's own colour.
    """
    out: list[str] = []
    for node in inlines:
        if isinstance(node, Text):
            out.append(escape(node.text))
        elif isinstance(node, Strong):
            out.append(f"<b>{markup(node.children, link_colour, code_colour)}</b>")
        elif isinstance(node, Emph):
            out.append(f"<i>{markup(node.children, link_colour, code_colour)}</i>")
        elif isinstance(node, Strike):
            out.append(f"<strike>{markup(node.children, link_colour, code_colour)}</strike>")
        elif isinstance(node, Code):
            text = escape(node.text)
            out.append(f'<font color="{code_colour}">{text}</font>' if code_colour else text)
        elif isinstance(node, Link):
            inner = markup(node.children, link_colour, code_colour)
            href = node.href.strip()
            if followable(href):
                colour = f' color="{link_colour}"' if link_colour else ""
                out.append(f"<a href={quoteattr(href)}{colour}>{UNDERLINE}{inner}</u></a>")
                address = printed_address(href, plain(node.children))
                if address:  # a page is printed: the address a reader of paper can type
                    out.append(f" ({escape(address)})")
            else:
                out.append(inner)
        elif isinstance(node, LineBreak):
            out.append("<br/>")
        elif isinstance(node, Picture):  # a picture inside a sentence: say what it shows
            out.append(f"<i>{escape(node.alt)}</i>")
    return "".join(out)


@dataclass(frozen=True)
class PdfPalette:
    """The theme's :class:`~materials_gen.theme.Palette` as ReportLab colours, by role."""

    primary: colors.Color
    accent: colors.Color
    informed: colors.Color
    competent: colors.Color
    text: colors.Color
    muted: colors.Color
    callout: colors.Color
    rule: colors.Color
    table_header: colors.Color
    table_stripe: colors.Color
    activity: colors.Color
    band: colors.Color
    paper: colors.Color
    on_primary: colors.Color
    marks: colors.Color
    hex: Palette  # the same colours as #RRGGBB, for paragraph markup

    @classmethod
    def of(cls, palette: Palette) -> PdfPalette:
        inks = {
            f.name: colors.HexColor(getattr(palette, f.name))
            for f in dataclasses.fields(palette)
            if f.name != "monochrome"
        }
        return cls(**inks, hex=palette)

    @property
    def monochrome(self) -> bool:
        """Printed in black and white (see :meth:`Palette.black_and_white`)."""
        return self.hex.monochrome

    def named(self, name: str, default: str = "primary") -> colors.Color:
        """A colour a template names by role (``colors="informed competent"``), else default."""
        known = {f.name for f in dataclasses.fields(self) if f.name != "hex"}
        return getattr(self, name if name in known else default)


def tint(colour: colors.Color, amount: float) -> colors.Color:
    """The colour laid over white: 0 is white, 1 is the colour."""
    return colors.Color(*(1 - amount + amount * c for c in (colour.red, colour.green, colour.blue)))


def printable(
    document: Document, fonts: list[Fonts], fallback: bool = False
) -> tuple[Document, tuple[str, ...]]:
    """The document with every character its PDF cannot draw replaced by '?'.

    A character no embedded face has would print as an empty box (and read back as U+0000):
    it becomes a visible '?' (an invisible format character is left out).

    With ``fallback`` (a renderer that draws with :class:`Paragraph`, :class:`Lines` and
    :mod:`materials_gen.glyphs`), a character the theme's fonts lack but a shipped face has
    (Chinese, Japanese, Korean) stays, and only one no face has is replaced; its warning is
    made once per build with its source line (:func:`materials_gen.glyphs.unprintable`), so
    none is returned. Without it, every character the theme's fonts lack is replaced and
    named in the warning returned, as a renderer drawing in the theme's fonts alone needs.
    """
    faces = [f.regular for f in fonts] + [f.bold for f in fonts]
    gone: dict[str, str] = {}

    def lost(text: str) -> set[str]:
        if fallback:
            return undrawable(text, faces)
        return set().union(*(f.missing(text) for f in fonts))

    def fix(text: str) -> str:
        if not text or text.isascii():
            return text
        here = lost(text)
        if not here:
            return text
        for ch in here:
            gone[ch] = "" if invisible(ch) else SUBSTITUTE
        return "".join(gone.get(ch, ch) for ch in text)

    def walk(value: Any) -> Any:
        """``value`` with its texts fixed: the very same object when none changed (most
        documents lose nothing, and are then not copied at all)."""
        if isinstance(value, str):
            return fix(value)
        if isinstance(value, (tuple, list)):
            items = [walk(v) for v in value]
            if all(new is old for new, old in zip(items, value, strict=True)):
                return value
            return tuple(items) if isinstance(value, tuple) else items
        if isinstance(value, dict):
            fixed = {k: walk(v) for k, v in value.items()}
            return value if all(fixed[k] is v for k, v in value.items()) else fixed
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            changes = {
                f.name: walk(getattr(value, f.name))
                for f in dataclasses.fields(value)
                if f.name not in ("href", "src")
            }
            if all(new is getattr(value, name) for name, new in changes.items()):
                return value
            return dataclasses.replace(value, **changes)
        return value

    fixed = walk(document)
    if not gone:
        return document, ()
    if fallback:
        return fixed, ()
    names = " and ".join(sorted({f.family for f in fonts}))
    return fixed, (f"the font {names} has no glyph for {named(gone)}; they print as '?'",)


# No-break spaces ReportLab breaks lines at (it keeps only U+00A0 whole): the narrow one
# Babel writes in "9:00 AM" and in French numbers, and the figure space, drawn as U+00A0
_NO_BREAK = str.maketrans({"\u202f": "\u00a0", "\u2007": "\u00a0"})


_SHY = "\u00ad"


# letters of a part of a word a dictionary breaks: a compound coined for a text may pass
# 100 letters (German's longest in a dictionary: 80); a part longer than this is no word
HYPHENATED_MOST = 160


def hyphenates(word: str, font: str, size: float, width: float) -> bool:
    """Whether the document language's hyphenation dictionary breaks ``word`` into parts
    that each, with its hyphen, fit a line ``width`` wide at ``size`` (as a paragraph that
    narrow breaks it: see :func:`_hyphenate_overlong`)."""
    dictionary = _dictionary(language())
    if dictionary is None or len(word) > HYPHENATED_MOST:
        return False
    cuts = [0, *dictionary.positions(word), len(word)]
    parts = [word[a:b] + ("-" if b < len(word) else "") for a, b in pairwise(cuts)]
    return len(parts) > 1 and all(stringWidth(part, font, size) <= width for part in parts)


def halved_width(word: str, font: str, size: float) -> float | None:
    """The width a column needs to hold ``word`` hyphenated once, where the document
    language's dictionary breaks it so that its wider part is the narrowest ("regis-" /
    "tration"): the wider part's, with its hyphen. None when the dictionary cannot break it."""
    dictionary = _dictionary(language())
    if dictionary is None or len(word) > HYPHENATED_MOST:
        return None
    widths = [
        max(stringWidth(word[:at] + "-", font, size), stringWidth(word[at:], font, size))
        for at in dictionary.positions(word)
    ]
    return min(widths, default=None)


def _hyphenate_overlong(paragraph: platypus.Paragraph, width: float) -> None:
    """Give each word of ``paragraph`` too long for a line ``width`` wide (a German compound
    in a narrow column, a large-print title) the soft hyphens of the document language's
    hyphenation dictionary ("Interventions\u00admöglich\u00adkeiten"): ReportLab then breaks
    it there with a hyphen, on the line it starts on or on one of its own, rather than cut
    it wherever the line ends. Other words are left alone: hyphenating ordinary line ends
    makes text harder to read. A part of a word between its own hyphens is looked at alone
    ("Trauma-competent" breaks after its hyphen, as before); a word no dictionary splits (a
    web address, a language without one) is still cut where the line ends."""
    style = paragraph.style
    size = style.fontSize or 1
    most = width / size  # a letter is at most an em: a shorter word always fits
    dictionary = None
    for frag in getattr(paragraph, "frags", ()):
        text = getattr(frag, "text", "")
        if not isinstance(text, str) or len(text) <= most or _SHY in text:
            continue
        font, frag_size = getattr(frag, "fontName", style.fontName), getattr(frag, "fontSize", size)
        words = text.split(" ")
        changed = False
        for n, word in enumerate(words):
            if len(word) <= most or "/" in word or "@" in word:
                continue
            parts = word.split("-")
            for k, part in enumerate(parts):
                shown = part + "-" if k + 1 < len(parts) else part  # as a line would end
                if len(part) <= most or stringWidth(shown, font, frag_size) <= width:
                    continue
                if len(part) > HYPHENATED_MOST:  # no word: cut where the line ends (with a
                    continue  # soft hyphen at each of thousands of points, a line took seconds)
                dictionary = dictionary or _dictionary(language())
                if dictionary is None:  # cut where the line ends
                    continue
                parts[k] = _hyphenated(dictionary, part)
                changed = True
            words[n] = "-".join(parts)
        if changed:
            frag.text = " ".join(words)


def _unbind_overlong(paragraph: platypus.Paragraph, width: float) -> None:
    """Give each phrase of ``paragraph`` kept whole by no-break spaces (a date) that a line
    ``width`` wide cannot hold plain spaces: it breaks between its words, never inside one
    ("23 de septiembre" / "de 2026", not "23 de -" / "sep-"), in any script (an Arabic date
    ran on past its cell). A unit or a clock time stays bound: a table column is never
    narrower than one (see :func:`fit.unbreakable`)."""
    size = paragraph.style.fontSize or 1
    for frag in getattr(paragraph, "frags", ()):
        text = getattr(frag, "text", "")
        if not isinstance(text, str) or NO_BREAK_SPACE.search(text) is None:
            continue
        font = getattr(frag, "fontName", paragraph.style.fontName)
        frag_size = getattr(frag, "fontSize", size)
        words = text.split(" ")
        bound = [_at_its_spaces(w, font, frag_size, width) for w in words]
        if bound != words:
            frag.text = " ".join(bound)


def _at_its_spaces(word: str, font: str, size: float, width: float) -> str:
    """A phrase bound by no-break spaces that a line ``width`` wide cannot hold, with plain
    spaces: a date breaks between its words. A unit or a clock time stays bound: it breaks
    only after a range's dash ("10:05 AM–" / "10:15 AM"), see :func:`fit.unbreakable`."""
    if not may_part(word) or stringWidth(word, font, size) <= width:
        return word
    return NO_BREAK_SPACE.sub(" ", word)


# a word's letters between what comes before and after them: "(" and "Capacitador", "(a)"
_LETTERS = re.compile(r"^(\W*)(\w+?)((?:\W.*)?)$", re.DOTALL)


def _hyphenated(dictionary: Any, word: str) -> str:
    """``word`` with soft hyphens where the dictionary breaks its letters; what follows them
    ("(a)" of "Capacitador(a)", a comma) stays with the last syllable: "Capaci-tador(a)",
    never "Capacitado-" / "r(a)"."""
    found = _LETTERS.match(word)
    if found is None:
        return str(dictionary.inserted(word, hyphen=_SHY))
    before, letters, after = found.groups()
    return before + str(dictionary.inserted(letters, hyphen=_SHY)) + after


@functools.lru_cache(maxsize=16)
def _dictionary(tag: str) -> Any:
    """pyphen's hyphenation dictionary for a language tag ("de-AT", "de"), or None."""
    import pyphen

    for name in (tag.replace("-", "_"), tag.split("-")[0]):
        if name and name in pyphen.LANGUAGES:
            return pyphen.Pyphen(lang=name)
    return None


_REACHING_TAGS = re.compile(r"<(?=\s*/?\s*(?:img|ondraw|index|seq\w*)\b)", re.IGNORECASE)


class Paragraph(platypus.Paragraph):
    """ReportLab's paragraph, every run its style's face lacks set in the shipped face that
    draws it (Chinese, Japanese, Korean: see :func:`materials_gen.glyphs.fallback_markup`).

    Every PDF renderer makes its paragraphs with this class, so no text is drawn in a face
    without its glyphs; text that is all ASCII is passed through untouched.
    """

    def __init__(
        self, text: str, style: ParagraphStyle | None = None, *args: Any, **kwargs: Any
    ) -> None:
        if isinstance(text, str) and "<" in text:
            # ReportLab's tags that reach beyond the text: <img> reads any file on the
            # computer (a catalog's or template's words written into markup unescaped
            # would put it in the PDF), <onDraw> calls the canvas by name; none is ever
            # meant, so each is shown as the text it is
            text = _REACHING_TAGS.sub("&lt;", text)
        if style is not None and isinstance(text, str) and not text.isascii():
            text = text.translate(_NO_BREAK)
            if RIGHT_TO_LEFT.search(text):
                text = text.translate(NO_ISOLATES)
            text = fallback_markup(text, style.fontName)
            if SHAPED.search(text) and not style.shaping:
                style = _shaped_style(style, text)
        super().__init__(text, style, *args, **kwargs)
        if isinstance(text, str) and _SHY in text:  # typed soft hyphens (see _soft_hyphens)
            self._written = _written(self)

    def _setup(self, text: Any, style: Any, bulletText: Any, frags: Any, cleaner: Any) -> None:
        """ReportLab's setup; a text without markup (no tag, no entity) is not run through
        its HTML parser: its fragments are made by the same parser calls the HTML parser
        would make for it (the paragraph tag, the text, the end tag), at a third of the cost.
        Most of a handout's paragraphs are such texts."""
        if frags is None and isinstance(text, str) and "<" not in text and "&" not in text:
            text = cleaner(text)
            parser = _PLAIN_PARSER
            parser.caseSensitive = self.caseSensitive
            parser._setup_for_parse(style)  # noqa: SLF001
            parser.handle_starttag("para", [])
            if text:  # as the HTML parser: no data, no call
                parser.handle_data(text)
            parser.handle_endtag("para")
            style, frags, bullet_frags = parser._complete_parse()  # noqa: SLF001
            if frags is not None:
                _paragraph.textTransformFrags(frags, style)
                bulletText = bullet_frags or bulletText
        super()._setup(text, style, bulletText, frags, cleaner)
        if "<a" in text if isinstance(text, str) else frags:
            self.link_words = link_words(self.frags)  # as written (see tagging.note_links)

    def draw(self) -> None:
        """ReportLab's drawing, a line that breaks a word into syllables ending in the soft
        hyphen (see :func:`_soft_hyphens`); a piece that another piece of the same paragraph
        follows (``continues``, see materials_gen.render.handout) tells its text so (see
        :class:`_SpacedText`)."""
        _soft_hyphens(self)
        if getattr(self.canv, "written", None) is not None:  # see glyphs.note_written
            note_written(self.canv, paragraph_text(self))
            note_links(self.canv, self)
        if not getattr(self, "continues", False):
            super().draw()
            return
        self.canv.continuing = True
        try:
            super().draw()
        finally:
            self.canv.continuing = False

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803
        """ReportLab's split; its parts keep the words the whole paragraph broke into
        syllables (a part's words no longer hold the soft hyphens they were broken at) and
        the paragraph they are parts of (``whole_paragraph``: what a message quotes)."""
        parts = super().split(availWidth, availHeight)
        syllables = _syllables(self)
        whole = self.__dict__.get("whole_paragraph", self)
        for part in parts:
            if part is not self:
                part.whole_paragraph = whole
                if syllables:
                    part.syllables = syllables
        return list(parts)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """ReportLab's wrap, which breaks the lines again each time it is asked; a table
        asks once to size its rows and again to draw each cell, a frame again after a
        split was tried. Asked again for the width it last broke the lines for, with
        nothing changed since, the answer is the same: it is given without breaking them
        again. Not kept: a paragraph set in a direction, Arabic or Hebrew (ReportLab turns
        the words of its lines round, where they are kept, as it draws them), and one whose
        breaking cut a word (too long for the line, or at a soft hyphen): ReportLab breaks
        such a paragraph again from the pieces it cut, which can give other lines, and what
        was drawn before is what must be drawn now."""
        kept = self.__dict__.get("_kept_wrap")
        if kept is not None and kept[0] == availWidth and _unchanged(self, kept[2]):
            return kept[1]  # type: ignore[no-any-return]
        style = self.style
        line = availWidth - style.leftIndent - style.rightIndent - style.firstLineIndent
        _unbind_overlong(self, line)
        if not (style.wordWrap or style.shaping):  # Arabic, Hebrew, shaped scripts: never
            _hyphenate_overlong(self, line)
            written = _written(self)
            if _SHY in written:  # kept: breaking the lines may turn the fragments into words
                self._written = written
        size = super().wrap(availWidth, availHeight)
        cut = getattr(self, "_splitLongWordCount", 0) or getattr(self, "_hyphenations", 0)
        if not self.style.wordWrap and not cut:
            self._kept_wrap = (availWidth, size, _state(self))
        else:
            self.__dict__.pop("_kept_wrap", None)
        return size


@functools.lru_cache(maxsize=64)
def _shows_soft_hyphen(font: str) -> bool:
    """Whether ``font`` draws the soft hyphen as a hyphen (a glyph of the hyphen's width);
    else a line broken inside a word ends in a plain hyphen."""
    try:
        face = getFont(font)
        charmap = getattr(getattr(face, "face", None), "charToGlyph", None)
        if charmap is not None and 0xAD not in charmap:
            return False
        return bool(abs(stringWidth(_SHY, font, 10) - stringWidth("-", font, 10)) < 0.01)
    except (KeyError, AttributeError, ValueError):
        return False


def _syllable_ends(paragraph: Paragraph) -> frozenset[str]:
    """The last words of ``paragraph``'s lines that end in a hyphen its breaking put there,
    at a soft hyphen (see :func:`_hyphenate_overlong`): "Psycho-" of "Psychoeducational",
    not "Trauma-" of "Trauma-competent"."""
    text = paragraph.__dict__.get("_written") or ""
    lines = getattr(getattr(paragraph, "blPara", None), "lines", ())
    if _SHY not in text or not lines:
        return frozenset()
    written = text.replace(_SHY, "")
    ends = set()
    for line in lines:
        last = _line_end(line)[1]
        if last.endswith("-") and last not in written:
            ends.add(last)
    return frozenset(ends)


def _syllables(paragraph: Paragraph) -> frozenset[str]:
    """What :func:`_syllable_ends` finds, for a paragraph with soft hyphens (typed, or put
    in by :func:`_hyphenate_overlong`) or a part of one; nothing to look for in others."""
    known = paragraph.__dict__
    if "syllables" in known:
        return frozenset(known["syllables"])
    return _syllable_ends(paragraph) if "_written" in known else frozenset()


def _written(paragraph: Paragraph) -> str:
    """The text of ``paragraph``'s fragments, soft hyphens and all."""
    texts = [getattr(frag, "text", "") for frag in getattr(paragraph, "frags", ())]
    return "".join(t for t in texts if isinstance(t, str))


def _line_end(line: Any) -> tuple[Any, str]:
    """A broken line's last run of text (the words of a line in one style, or the last
    fragment that holds text of a line in several) and its last word."""
    if isinstance(line, tuple):  # (width, words) of a line in one style
        words = line[1]
        return words, str(words[-1]) if words else ""
    for frag in reversed(getattr(line, "words", ())):  # a line's runs; the last may be empty
        text = getattr(frag, "text", "")
        if isinstance(text, str) and text.strip():
            return frag, text.rstrip().rsplit(" ", 1)[-1]
    return None, ""


def _soft_hyphens(paragraph: Paragraph) -> None:
    """End each line of ``paragraph`` that breaks a word into syllables in the soft hyphen
    rather than a hyphen, where its face draws the two alike: a screen reader and a copy
    leave it out ("Psycho-" / "educational" reads "Psychoeducational"), Unicode's way to
    mark a hyphen that is not the word's. Parts of a paragraph cut between pages carry
    what the whole one found (their words no longer hold the soft hyphens)."""
    ends = _syllables(paragraph)
    if not ends:
        return
    for line in paragraph.blPara.lines:
        run, last = _line_end(line)
        if last not in ends:
            continue
        if isinstance(run, list):
            if _shows_soft_hyphen(paragraph.style.fontName):
                run[-1] = run[-1][:-1] + _SHY
        elif run is not None and _shows_soft_hyphen(getattr(run, "fontName", "")):
            run.text = run.text.rstrip()[:-1] + _SHY


# The parser that makes the fragments of texts without markup (it is reset before each; the
# renderers draw one paragraph at a time)
_PLAIN_PARSER = ParaParser()

# What breaking the lines reads (the text's fragments, the style, a bullet) and what it makes.
_WRAP_STATE = ("frags", "style", "bulletText", "blPara")


def _state(paragraph: Paragraph) -> tuple[Any, ...]:
    return tuple(getattr(paragraph, name, None) for name in _WRAP_STATE)


def _unchanged(paragraph: Paragraph, then: tuple[Any, ...]) -> bool:
    """None of what breaking the lines reads or made was set anew since ``then`` (each is the
    same object: ``then`` holds them, so none can have been freed and its identity reused)."""
    now = _state(paragraph)
    return all(a is b for a, b in zip(now, then, strict=True))


def _shaped_style(
    style: ParagraphStyle, markup: str, from_right: bool | None = None
) -> ParagraphStyle:
    """The style of a paragraph with Devanagari, Arabic or Hebrew: its words are shaped, and
    never cut inside (a cut word would part a vowel sign from its consonant, or a joined
    letter from the next); one longer than a line runs on. With Arabic or Hebrew, each line's
    words are put in the order they are seen (the Unicode bidirectional algorithm), and a
    paragraph whose first letter reads from the right (or, ``from_right``, one said to)
    reads from the right: set from the right edge, unless it is centred or justified."""
    extra: dict[str, Any] = {"shaping": 1, "splitLongWords": 0}
    if UNSPACED.search(markup) or RIGHT_TO_LEFT.search(markup) or has_cjk(markup):
        # long Thai runs are cut between words, Chinese, Japanese or Korean between its
        # characters, and a web address in an Arabic or Hebrew paragraph after its hyphens
        # or where its line ends (see _between_words); a shaped word (Arabic, Hebrew,
        # Devanagari) longer than its line still runs on, never cut
        extra["splitLongWords"] = 1
    if RIGHT_TO_LEFT.search(markup):
        text = _TAGS.sub("", markup)
        rtl = right_to_left(text) if from_right is None else from_right
        extra["wordWrap"] = "RTL" if rtl else "LTR"
        if rtl and style.alignment == TA_LEFT:
            extra["alignment"] = TA_RIGHT
    return ParagraphStyle(style.name, parent=style, **extra)  # its role, as tags read it


_TAGS = re.compile(r"<[^>]*>")


def from_the_right(style: ParagraphStyle, markup: str) -> ParagraphStyle:
    """The style of a paragraph of ``markup`` that reads from the right whatever its first
    letter: a mirrored list item's "A. " before its Arabic words is read first, at the
    right. (A paragraph without Arabic or Hebrew keeps ``style``.)"""
    if not RIGHT_TO_LEFT.search(markup):
        return style
    return _shaped_style(style, markup, from_right=True)


def from_the_left(style: ParagraphStyle, markup: str) -> ParagraphStyle:
    """The style of a paragraph of ``markup`` that reads from the left whatever its first
    letter: an English option's Arabic letter ("أ. ") is read first, at the left. (A
    paragraph without Arabic or Hebrew keeps ``style``.)"""
    if not RIGHT_TO_LEFT.search(markup):
        return style
    return _shaped_style(style, markup, from_right=False)


FooterDrawer = Callable[[Canvas, int, int], None]  # (canvas, page number, page count)


@dataclass(frozen=True)
class Stamp:
    """What a PDF says about itself: its metadata, its date, and the footer of every page.

    Made once per render from the document's checked metadata. Everything it writes comes
    from the content (never the build's clock or machine), so rebuilding the same content
    gives the same bytes.
    """

    meta: DocumentMeta
    generator: str = "materials-gen"
    title: str = ""  # the file's Title when not made from the document's (the poster's headline)
    kind: str = ""  # what the file is, when its front matter does not say ("Notes pages")
    subject: str = ""  # the file's Subject when not its document's (the notes pages')

    @property
    def document_title(self) -> str:
        """The file's Title, which a PDF reader shows instead of its name: the course, what
        the file is and for whom ("Safe Rooms - Pretest - Clinical providers"), so that the
        ten PDFs of an audience, open side by side or listed by a learning platform, are
        told apart by title."""
        if self.title:
            return self.title
        parts = (self.meta.title, self.kind or self.meta.kind_label, self.meta.audience)
        return " \u2013 ".join(dict.fromkeys(p for p in parts if p))

    def info(self) -> dict[str, Any]:
        """The PDF's document information: Title, Author, Subject, Keywords, Creator, Producer."""
        return {
            "title": self.document_title,
            "author": self.meta.author_name,
            "subject": self.subject or self.meta.subject,
            "keywords": list(self.meta.keywords),
            "creator": self.generator,
            "producer": self.generator,
        }

    def doc_info(self) -> dict[str, Any]:
        """Keyword arguments for a ReportLab ``BaseDocTemplate``: the info, language, invariant."""
        return {**self.info(), "lang": self.meta.language, "invariant": 1}

    def apply(self, canvas: Canvas) -> None:
        """Stamp the document information on a bare canvas (one not made by a doc template)."""
        info = self.info()
        canvas.setTitle(info["title"])
        canvas.setAuthor(info["author"])
        canvas.setSubject(info["subject"])
        canvas.setKeywords(", ".join(info["keywords"]))
        canvas.setCreator(info["creator"])
        canvas.setProducer(info["producer"])

    def canvas(
        self, font: str, footer: FooterDrawer | None = None, structure: Any = None
    ) -> type[Canvas]:
        """A canvas class: the theme's font from the start (never Helvetica), the content's
        date, invariant, the document information stamped; with ``footer``, every page gets
        its footer once the page count is known.

        Each page may also be given a late drawing (``canvas.later(page, draw)``), done with
        the footer: the handout's contents list draws its page numbers that way.
        """
        stamp = self
        date = self.meta.pdf_date

        class StampedCanvas(Canvas):
            def beginText(  # noqa: N802 (ReportLab's name)
                self, x: float = 0, y: float = 0, direction: Any = None
            ) -> PDFTextObject:
                return _SpacedText(self, x, y, direction=direction)

            def __init__(self, *args: Any, **kwargs: Any):
                kwargs["initialFontName"] = font
                kwargs["invariant"] = 1
                kwargs.setdefault("lang", stamp.meta.language)
                super().__init__(*args, **kwargs)
                self.setDateFormatter(lambda *parts: date)
                stamp.apply(self)
                self._held: list[dict[str, Any]] = []
                self._later: dict[int, list[Callable[[Canvas], None]]] = {}

            def linkURL(self, url: str, *args: Any, **kwargs: Any) -> None:  # noqa: N802
                aimed(self, str(url))  # described by its words (see tagging.note_links)
                super().linkURL(url, *args, **kwargs)

            def linkRect(  # noqa: N802 (ReportLab's name)
                self, contents: str, destinationname: str, *args: Any, **kwargs: Any
            ) -> None:
                aimed(self, f"#{destinationname}")
                super().linkRect(contents, destinationname, *args, **kwargs)

            def later(self, page: int, draw: Callable[[Canvas], None]) -> None:
                self._later.setdefault(page, []).append(draw)

            def bookmarkPage(self, key: str, **where: Any) -> None:  # noqa: N802
                """A destination on this page (a bookmark's, a contents entry's link): while
                pages are held for their footers, made when the page is (a destination names
                the page being made: made at once, every one named page 1)."""
                if footer is None:
                    super().bookmarkPage(key, **where)
                    return
                self._later.setdefault(self._pageNumber, []).append(
                    lambda canvas: Canvas.bookmarkPage(canvas, key, **where)
                )

            def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
                if footer is None:
                    super().showPage()
                    return
                self._held.append(dict(self.__dict__))
                self._startPage()

            def save(self) -> None:
                if footer is not None:
                    total = len(self._held)
                    links = self._annotationCount  # links made so far; late ones count on
                    for state in self._held:
                        self.__dict__.update(state)
                        self._annotationCount = links
                        for draw in self._later.get(self._pageNumber, ()):
                            draw(self)
                        links = self._annotationCount
                        if structure is None:
                            footer(self, self._pageNumber, total)
                        else:  # running footers and page numbers: pagination artifacts
                            with structure.artifact(self, "Pagination"):
                                footer(self, self._pageNumber, total)
                        Canvas.showPage(self)
                Canvas.save(self)

        return StampedCanvas


def _actual_text(code: str, actual: str) -> str:
    """``code`` (text shown) marked as standing for ``actual``: the text a PDF reader gives
    back (copy and paste, search, pdftotext), as a UTF-16 text string."""
    return f"/Span <</ActualText <FEFF{actual.encode('utf-16-be').hex().upper()}>>> BDC {code} EMC"


class _SpacedText(PDFTextObject):
    """ReportLab's text object, keeping the space where a paragraph's line breaks.

    ReportLab draws each line of a paragraph without the space it broke at, so the page's
    text (what a screen reader reads from the tags, what copy and paste gives) runs the last
    word of a line into the first of the next ("andTrauma"). Each line followed by another
    gets its space back: drawn after its last word, where it shows nothing and moves nothing.
    """

    _spaced: tuple[int, str] | None = None  # the last line's code with its space, if it broke
    _line_end = ""  # the last text drawn on the line being drawn

    def getCode(self) -> str:  # noqa: N802 (ReportLab's name)
        # a piece of a paragraph that another piece goes on from (a box or table row too
        # tall for a page, cut between its lines): its last line keeps its space too
        if self._spaced is not None and getattr(self._canvas, "continuing", False):
            index, code = self._spaced
            self._code[index] = code
            self._spaced = None
        return str(super().getCode())

    def _formatText(self, text: str) -> str:  # noqa: N802 (ReportLab's)
        if reads_from_right(text):  # Arabic, Hebrew: cluster by cluster
            codes = []
            for start, end, said in clusters(text):
                for piece, stands in marks_apart(text[start:end], said):
                    code = super()._formatText(piece)
                    codes.append(_actual_text(code, stands) if code else code)
            return " ".join(c for c in codes if c)
        code = super()._formatText(text)
        actual = actual_text(text)  # a shaped run (Devanagari): what it stands for
        return code if actual is None or not code else _actual_text(code, actual)

    def setRise(self, rise: float) -> None:  # noqa: N802 (ReportLab's name)
        # ReportLab looks at the code before a shaped run's first glyph, of which there is
        # none when that glyph is raised (an Arabic mark at the start of a line)
        if not self._code:
            self._code.append("")
        super().setRise(rise)
        if self._code[0] == "":
            del self._code[0]

    def _textOut(self, text: str, TStar: int = 0) -> None:  # noqa: N802, N803 (ReportLab's)
        if self._spaced is not None:  # a line follows the one that broke: give it its space
            index, code = self._spaced
            self._code[index] = code
            self._spaced = None
        super()._textOut(text, TStar)
        if text:
            self._line_end = text
        if not TStar:
            return
        # the line's last text: ReportLab ends a line whose last word changed style (a bold
        # word, then the plain text's space the line broke at) with an empty run
        end, self._line_end = text or self._line_end, ""
        if broke_at_space(end) and not ends_at_dash(end):
            # the line, then its space shown where the line ends; kept only when the space
            # is in the font subset the line left selected (no font change to undo), or
            # none is selected (the line's empty last run set another face): the next text
            # selects its own
            subset = getattr(self, "_curSubset", None)
            space = self._formatText(" ")
            if subset == -1 or getattr(self, "_curSubset", None) == subset:
                line = self._code[-1].removesuffix(" T*")
                self._spaced = (len(self._code) - 1, f"{line} {space} T*")
            self._curSubset = subset


# ---------------------------------------------------------------- fitting one line of print


@dataclass(frozen=True)
class Lines:
    """Text set to fit a fixed place on a page: its size and its lines, each within width."""

    size: float
    lines: tuple[str, ...]
    font: str
    language: str = ""  # which CJK face draws Han characters the font lacks

    @property
    def leading(self) -> float:
        return self.size * 1.2

    @property
    def height(self) -> float:
        return self.leading * len(self.lines)

    def draw(self, canvas: Canvas, x: float, top: float, align: str = "left") -> None:
        """Draw the lines from ``top`` down; ``x`` is the left edge, centre or right edge."""
        canvas.setFont(self.font, self.size)
        y = top - self.size
        rtl = right_to_left(" ".join(self.lines))  # one paragraph: its lines read one way
        for index, line in enumerate(self.lines):
            draw_string(canvas, x, y, line, self.font, self.size, align, self.language, rtl)
            if index + 1 < len(self.lines) and broke_at_space(line):
                # the space the break left out, after the line: read, never seen
                width = text_width(line, self.font, self.size, self.language)
                end = {"centre": x + width / 2, "right": x}.get(align, x + width)
                canvas.setFont(self.font, self.size)
                canvas.drawString(end, y, " ")
            y -= self.leading


def _wrapped(
    text: str, font: str, size: float, width: float, language: str = ""
) -> list[str] | None:
    """``text`` broken at spaces (and between Chinese, Japanese or Korean characters) into
    lines no wider than ``width``; None when a word is wider. Each run is measured in the
    face that draws it."""
    lines: list[str] = []
    for word in (w for w in text.split(" ") if w):  # a no-break space is not a break
        for i, piece in enumerate(breakable(word)):
            if text_width(piece, font, size, language) > width:
                return None
            joined = f"{lines[-1]}{piece}" if i else f"{lines[-1]} {piece}" if lines else ""
            if lines and text_width(joined, font, size, language) <= width:
                lines[-1] = joined
            else:
                lines.append(piece)
    return lines or [""]


def _shrinking(sizes: tuple[float, float]) -> Iterator[float]:
    """The sizes a fixed text is tried at (see :func:`materials_gen.fit.shrinking`), from
    the largest of ``sizes`` (largest, floor) down to the floor, by half points."""
    return shrinking(*sizes, step=0.5)


def fit_lines(
    text: str,
    font: str,
    width: float,
    sizes: tuple[float, float],
    lines: int = 1,
    most: int = 1,
    language: str = "",
) -> Lines | None:
    """Text for a fixed place, by the one fit policy (see :mod:`materials_gen.fit`).

    Measured in the font drawn: first the largest size from ``sizes`` (largest, floor) at
    which it takes at most ``lines`` lines (shrink), then at the floor up to ``most`` lines
    (grow: the caller makes room for them). None when even that is too little: the caller
    stops with a message naming the text. Text is never clipped or drawn past ``width``.
    """
    low = sizes[1]
    for size in _shrinking(sizes):
        found = _wrapped(text, font, size, width, language)
        if found is not None and len(found) <= lines:
            return Lines(size, tuple(found), font, language)
    found = _wrapped(text, font, low, width, language)
    if found is not None and len(found) <= most:
        return Lines(low, tuple(found), font, language)
    return None


@dataclass(frozen=True)
class RunningFooter:
    """A page's running footer, fitted once for every page: its text (title · audience, or
    the template's footer line) at the left and the page label ("Page N of M") at the right,
    beside the text's first line; or, ``stacked``, when the two cannot share a line even at
    the floor, the text across the page's whole width above the label."""

    lines: Lines
    stacked: bool

    def first_baseline(self, baseline: float) -> float:
        """The baseline of the text's first line, the page label's baseline ``baseline``."""
        below = len(self.lines.lines) - (0 if self.stacked else 1)
        return baseline + self.lines.leading * below

    def top(self, baseline: float) -> float:
        """Where the footer's ink ends at the top (the page's text must end above it)."""
        return self.first_baseline(baseline) + self.lines.size

    def draw(
        self,
        canvas: Canvas,
        left: float,
        right: float,
        baseline: float,
        label: str,
        font: str,
        size: float,
        mirrored: bool = False,
    ) -> None:
        """Draw the footer between the margins ``left`` and ``right``; ``mirrored`` (a
        document that reads from the right): the text at the right, the label at the left."""
        first = self.first_baseline(baseline)
        if mirrored:
            self.lines.draw(canvas, right, first + self.lines.size, "right")
        else:
            self.lines.draw(canvas, left, first + self.lines.size)
        at = baseline if self.stacked else first
        edge, align = (left, "left") if mirrored else (right, "right")
        draw_string(canvas, edge, at, label, font, size, align, self.lines.language)


def running_footer(
    text: str,
    font: str,
    width: float,
    widest_label: str,
    sizes: tuple[float, float],
    language: str = "",
) -> RunningFooter | None:
    """The running footer of pages ``width`` wide between their margins, by the one fit
    policy: beside the widest page label it can have, the text shrinks from the largest of
    ``sizes`` to the floor, then takes a second line; failing that, it is stacked above the
    label, across the whole width, in at most two lines, or three at the floor (a title of
    160 letters in large print). None: too long even so (the caller stops, naming it). It
    never runs into the page numbers."""
    room = width - text_width(widest_label, font, sizes[0], language) - 18
    lines = fit_lines(text, font, room, sizes, lines=1, language=language) or _two_lines(
        text, font, room, sizes, language
    )
    if lines is not None:
        return RunningFooter(lines, False)
    lines = fit_lines(text, font, width, sizes, lines=1, language=language) or _two_lines(
        text, font, width, sizes, language, most=3
    )
    return RunningFooter(lines, True) if lines is not None else None


def _two_lines(
    text: str, font: str, width: float, sizes: tuple[float, float], language: str, most: int = 2
) -> Lines | None:
    """A footer's text in two lines, as large as they fit (beside a page label of the
    footer's own size, a line shrunk to the floor looked out of place), broken after its
    title (" · " before the audience) where both halves fit: never one word alone; failing
    that, at the floor in up to ``most`` lines."""
    low = sizes[1]
    head, sep, tail = text.rpartition(" \u00b7 ")
    halves = [f"{head}{sep.rstrip()}", tail] if sep else []
    for size in _shrinking(sizes):
        if halves and all(text_width(h, font, size, language) <= width for h in halves):
            return Lines(size, tuple(halves), font, language)
        found = _wrapped(text, font, size, width, language)
        if found is not None and len(found) <= 2 and len(found[-1].split()) > 1:
            return Lines(size, tuple(found), font, language)
    found = _wrapped(text, font, low, width, language)
    return Lines(low, tuple(found), font, language) if found and len(found) <= most else None
