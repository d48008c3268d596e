"""Text fitting: one measurement and one policy for every output.

Every output that puts text in a box of fixed size asks the same questions: how wide is this
text in the font that will draw it, how many lines does it wrap to, and what size makes it
fit. This module answers them once, so that the deck, the printed slides, the poster, forms
and certificates shrink and continue text the same way and never disagree.

The policy (what a trainer can rely on):

1. **Measure with the font drawn.** Titles are measured in the theme's heading font and in
   bold where they are drawn bold; body text in the body font, bold and italic runs in their
   own faces; characters the font lacks (Chinese, Japanese, Korean) in the shipped face that
   draws them (:mod:`materials_gen.glyphs`), and such text breaks between characters.
2. **Shrink** from a role's largest size down to its *floor*, the smallest size still legible
   for that role (see :data:`ROLES`).
3. **Then continue or grow**: text on slides and in tables continues on another slide or page
   (never leaving one lone paragraph behind: the parts are balanced); rows and cells of forms
   grow taller; a title grows by a line into the room below it.
4. **Only then stop**, with a message naming the audience, the output and, where known, the
   source file and line of the text (:func:`problem`).

Short units such as "(10 min)", "1 h 45 min" or "20 pt" and clock times never break across
lines: :func:`units.bind_units` joins them with no-break spaces, which every measurement here
honours (a line breaks only at an ordinary space) and which the built-in fonts draw. A
printed page breaks a word too long for its line only after a hyphen between letters or a
range's dash (:func:`dash_pieces`), and its table columns are measured with the same pieces
(:func:`unbreakable`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from typing import Any, TypeVar

from .errors import Location, Problem
from .glyphs import UNSPACED, breakable, cjk_words, has_cjk
from .glyphs import width as text_width
from .theme import FontFamily, Theme
from .units import NBSP, NO_BREAK_SPACES, may_part

LINE = 1.2  # line height as a multiple of the font size (set exactly on every paragraph)


# ---------------------------------------------------------------- text to measure


@dataclass(frozen=True)
class Run:
    """A piece of a paragraph in one style."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None
    line_break: bool = False
    strike: bool = False  # struck through (Markdown's ~~...~~): a correction shows both
    # the slide's own number, where a template's shape has PowerPoint's slide-number field
    # (its text: the number last shown); each slide's printed copy says its own
    slide_number: bool = False
    # a date field of a template's shape: PowerPoint would show the day the deck is opened;
    # the deck and its printed copies show the content's date instead (see layout.stamped)
    date: bool = False


@dataclass(frozen=True)
class Para:
    """A paragraph of a text box: runs, list level, bullet ("none", "bullet" or "number")."""

    runs: tuple[Run, ...]
    level: int = 0
    bullet: str = "none"
    number: int = 1
    heading: bool = False
    # drawn in capitals whatever its letters (a template's ``cap="all"`` or ``"small"``):
    # measured and printed in capitals, written to the deck as typed
    caps: bool = False
    # the highest number of its list ("12" in a list of twelve): a number hangs as far as
    # the widest of its list needs, so that every item's text starts at one place
    last_number: int = 0
    # its bullet or number drawn: False for the rest of an item too long for one slide,
    # which goes on on the next under where the item's text starts, with no mark
    mark: bool = True

    @property
    def text(self) -> str:
        return "".join("\n" if r.line_break else r.text for r in self.runs)


def para(text: str, bold: bool = False, italic: bool = False) -> Para:
    """A one-run paragraph (a form cell, a certificate name, a footer)."""
    return Para((Run(text, bold, italic),))


# ---------------------------------------------------------------- roles


@dataclass(frozen=True)
class Role:
    """What a piece of text is, and so how large it may be and what happens when it is long.

    ``then`` is what follows shrinking to ``floor``: "continue" (on another slide or page),
    "grow" (the box gets taller) or "stop" (an error: the box cannot change).
    """

    name: str
    largest: float
    floor: float
    then: str
    # which family draws it: the theme's "body" or "heading" one, or the "footer" one (a
    # deck template's footer placeholder may name a font of its own; else the body's)
    font: str = "body"
    bold: bool = False
    what: str = "text"  # how a message names it

    @property
    def sizes(self) -> tuple[int, int]:
        return int(self.largest), int(self.floor)


# Sizes in points. Slides are read from the back of a room: nothing below 18 pt in a body,
# 24 pt in a title. Tables on slides are denser (12 pt at the least, as in most style guides).
# Printed forms are read at arm's length: 9 pt is the smallest a printed cell may use (below
# it, a row grows instead: a sign-in sheet's course title at 7.5 pt stood beside 10 pt).
ROLES: dict[str, Role] = {
    role.name: role
    for role in (
        Role("title", 44, 28, "grow", "heading", True, "the cover title"),
        Role("section-title", 40, 24, "grow", "heading", True, "the section title"),
        Role("slide-title", 34, 24, "grow", "heading", True, "the slide title"),
        Role("subtitle", 24, 12, "stop", what="the text under the title"),
        Role("body", 28, 18, "continue", what="the text"),
        Role("columns", 24, 18, "continue", what="the text"),
        Role("quote", 36, 20, "continue", what="the text"),
        Role("table", 18, 12, "continue", what="the table"),
        Role("footer", 11, 7, "grow", "footer", what="the footer"),
        # printed outputs (used by the PDF renderers)
        Role("poster-title", 96, 48, "stop", "heading", True, "the poster's title"),
        Role("poster-heading", 40, 24, "stop", "heading", True, "a poster heading"),
        Role("poster-body", 28, 20, "stop", what="the poster's text"),
        Role("form-cell", 10, 9, "grow", what="a form's cell"),
        # a slide's notes under its picture on a notes page: shrunk to stay on that page,
        # then continued on the next (which names the slide they continue)
        Role("notes", 11, 9, "continue", what="the slide's notes"),
        Role("certificate-name", 40, 20, "stop", "heading", True, "the participant's name"),
        Role("certificate-text", 14, 10, "grow", what="the certificate's text"),
    )
}

# The (largest, floor) pairs by role name, for code that only needs the numbers.
SIZES: dict[str, tuple[int, int]] = {name: role.sizes for name, role in ROLES.items()}


# The roles of a slide's text, and the slide their sizes are meant for: PowerPoint's 13.33 x
# 7.5 in (or 10 x 7.5 in at 4:3), read at the usual distance from its screen.
SLIDE_ROLES = (
    "title",
    "section-title",
    "slide-title",
    "subtitle",
    "body",
    "columns",
    "quote",
    "table",
    "footer",
)
SLIDE_SIZE = (720.0, 540.0)  # points: the smaller standard slide, 4:3 (10 x 7.5 in)


def slide_scale(width: float, height: float) -> float:
    """How much larger than a standard slide one of ``width`` x ``height`` points is: what
    its text sizes are multiplied by. A slide is projected to fill the screen whatever its
    size, so text keeps its look only in proportion: Keynote's 26.67 x 15 in slide needs
    twice the points, Google Slides' 10 x 5.625 in three quarters of them. Taken by the
    side that limits (a portrait slide's width)."""
    return max(0.05, min(width / SLIDE_SIZE[0], height / SLIDE_SIZE[1]))


def slide_roles(scale: float) -> dict[str, Role]:
    """:data:`ROLES`, the slide roles' sizes multiplied by ``scale`` (see
    :func:`slide_scale`), rounded to whole points; printed roles as they are."""
    if scale == 1:
        return ROLES
    return {
        name: (
            replace(
                role,
                largest=max(1.0, round(role.largest * scale)),
                floor=max(1.0, round(role.floor * scale)),
            )
            if name in SLIDE_ROLES
            else role
        )
        for name, role in ROLES.items()
    }


def poster_roles(distance_m: float) -> dict[str, Role]:
    """Poster roles for a reader standing ``distance_m`` metres away.

    Letters stay legible while their capital height is at least 1/200 of the distance (the
    rule of thumb of wayfinding signs); a capital is about 0.7 of the font size, so the
    floor of body text is about 20 pt per metre, headings 1.5x and the title 2.5x that.
    """
    floor = max(12.0, round(distance_m * 1000 / 200 / 0.7 * 72 / 25.4))
    return {
        "poster-title": Role(
            "poster-title", floor * 5, floor * 2.5, "stop", "heading", True, "the poster's title"
        ),
        "poster-heading": Role(
            "poster-heading", floor * 2, floor * 1.5, "stop", "heading", True, "a poster heading"
        ),
        "poster-body": Role("poster-body", floor * 1.4, floor, "stop", what="the poster's text"),
    }


# ---------------------------------------------------------------- measuring


@dataclass(frozen=True)
class Box:
    """Room for text, in points, inside the box's insets."""

    width: float
    height: float


class Measure:
    """Text widths and wrapped heights in the fonts the theme draws with.

    Fitting asks for the same paragraph at the same size many times (every size of a range,
    every way of sharing text out): each answer is kept, so long tables stay linear.
    """

    def __init__(
        self,
        theme: Theme,
        body: FontFamily | None = None,
        heading: FontFamily | None = None,
        footer: FontFamily | None = None,
    ):
        """Measure in the theme's fonts, or in ``body`` and ``heading`` when given (the fonts
        a deck template names, when materials-gen has them); footers in ``footer`` (a deck
        template's footer placeholder's own font), else in the body's."""
        from .render.fonts import Fonts  # registers the fonts with ReportLab

        self.body_family = body or theme.body_font
        self.heading_family = heading or theme.heading_font
        self.footer_family = footer or self.body_family
        self.fonts = Fonts(self.body_family)
        self.heading_fonts = Fonts(self.heading_family)
        self.footer_fonts = (
            self.fonts if self.footer_family == self.body_family else Fonts(self.footer_family)
        )
        # the fonts of each family a role may name (Role.font)
        self.families = {
            "body": self.fonts,
            "heading": self.heading_fonts,
            "footer": self.footer_fonts,
        }
        self._lines: dict[tuple[Para, float, float, str], tuple[SetLine, ...]] = {}
        self._widths: dict[tuple[str, str], float] = {}
        self._pieces: dict[tuple[Para, bool, str], tuple[float, ...]] = {}

    def font(self, run: Run, heading: bool = False, family: str = "body") -> str:
        """The ReportLab name of the face that draws ``run`` in ``family`` (a role's font)."""
        fonts = self.families.get(family, self.fonts)
        bold = run.bold or heading
        if bold and run.italic:
            return fonts.bold_italic
        if bold:
            return fonts.bold
        if run.italic:
            return fonts.italic
        return fonts.regular

    def width(self, text: str, size: float, role: Role | None = None, bold: bool = False) -> float:
        """The width of one line of ``text`` (for a form cell, a name, a footer)."""
        run = Run(text, bold or bool(role and role.bold))
        return text_width(text, self.font(run, family=role.font if role else "body"), size)

    def lines(self, para: Para, size: float, width: float, role: Role | None = None) -> int:
        """How many lines ``para`` wraps to at ``size`` in a box ``width`` points wide."""
        return len(self.set(para, size, width, role))

    def wrap(
        self, para: Para, size: float, width: float, role: Role | None = None
    ) -> tuple[str, ...]:
        """The lines ``para`` wraps to, as text (a line breaks only at an ordinary space)."""
        return tuple(line.text for line in self.set(para, size, width, role))

    def set(
        self, para: Para, size: float, width: float, role: Role | None = None
    ) -> tuple[SetLine, ...]:
        """The lines ``para`` wraps to, each in the faces that draw it, as ``role`` is
        measured (titles in the heading font, bold where the role is)."""
        bold = bool(role and role.bold)
        return self.set_drawn(para, size, width, bold, role.font if role else "body")

    def set_drawn(
        self, para: Para, size: float, width: float, bold: bool = False, family: str = "body"
    ) -> tuple[SetLine, ...]:
        """The lines ``para`` is drawn in: every run in bold when ``bold``, in ``family``
        (a role's font: "body", "heading" or "footer"). A printed view draws these lines as
        they are, so it shows the text as it was fitted and never wraps it again."""
        if bold and not para.heading:
            para = replace(para, runs=tuple(_bold(r) for r in para.runs))
        key = (para, size, width, family)
        found = self._lines.get(key)
        if found is None:
            found = self._lines[key] = self._set(para, size, width, family)
        return found

    def _set(self, para: Para, size: float, width: float, family: str) -> tuple[SetLine, ...]:
        available = max(width - indent_pt(para, size), size)
        lines: list[list[tuple[str, str, tuple[str, bool]]]] = [[]]
        at_space: list[bool] = []  # how each line before the last ended
        used = 0.0
        spaced = False  # the last thing on the line is a space
        for run in para.runs:
            if run.line_break:
                lines.append([])
                at_space.append(False)
                used, spaced = 0.0, False
                continue
            font = self.font(run, para.heading, family)
            look = (run.link or "", run.strike)  # how its pieces look beside the face
            space = self._unit(" ", font) * size
            text = run.text.upper() if para.caps else run.text
            for i, word in enumerate(text.split(" ")):  # a no-break space is not a break
                if i:
                    used += space
                    lines[-1].append((" ", font, look))
                    spaced = True
                if not word:
                    continue
                # after a hyphen between letters, and Chinese, Japanese and Korean between
                # characters, as PowerPoint and LibreOffice break them
                for piece in _line_pieces(word):
                    w = self._unit(piece, font) * size
                    if used and used + w > available:
                        lines.append([])
                        at_space.append(spaced)
                        used = 0.0
                    if w > available:  # longer than a whole line (see _overlong)
                        *heads, piece = _overlong(piece, font, size, available)
                        for head in heads:
                            lines[-1].append((head, font, look))
                            lines.append([])
                            at_space.append(False)
                        w = text_width(piece, font, size)
                    lines[-1].append((piece, font, look))
                    used += w
                    spaced = False
        at_space.append(False)
        return tuple(_line(pieces, end) for pieces, end in zip(lines, at_space, strict=True))

    def cuts_a_word(
        self,
        paras: tuple[Para, ...],
        size: float,
        width: float,
        role: Role | None = None,
        floor: float | None = None,
    ) -> bool:
        """Whether at ``size`` some word of ``paras`` is wider than its line, so that it would
        be cut between two of its letters, with no hyphen ("Arbeitnehmerüberlassungsgesetz" /
        "esänderung"): fitting takes a size at which none is, when there is one. Given a
        ``floor``, only the words whole at that size count: one cut even there (a long code)
        is cut at any size, and costs the others their wholeness at none."""
        bold = bool(role and role.bold)
        family = role.font if role else "body"
        for para in paras:
            key = (para, bold, family)
            pieces = self._pieces.get(key)
            if pieces is None:
                pieces = self._pieces[key] = self._piece_widths(para, bold, family)
            widest = pieces[0] if pieces else 0.0
            if floor is not None:
                room = max(width - indent_pt(para, floor), floor)
                widest = next((w for w in pieces if w * floor <= room), 0.0)
            if widest * size > max(width - indent_pt(para, size), size):
                return True
        return False

    def _piece_widths(self, para: Para, bold: bool, family: str) -> tuple[float, ...]:
        """The widths of the pieces of ``para`` a line cannot break (a word, or its part up
        to a hyphen), at 1 pt, in the face that draws it, widest first."""
        widths: set[float] = set()
        for run in para.runs:
            if run.line_break:
                continue
            font = self.font(_bold(run) if bold else run, para.heading, family)
            text = run.text.upper() if para.caps else run.text
            for word in text.split(" "):
                for piece in _line_pieces(word) if word else ():
                    widths.add(self._unit(piece, font))
        return tuple(sorted(widths, reverse=True))

    def _unit(self, word: str, font: str) -> float:
        """The width of ``word`` at 1 pt: widths scale with the size, so each word is measured
        once whatever sizes fitting tries."""
        key = (word, font)
        width = self._widths.get(key)
        if width is None:
            # a character the face lacks is measured in the shipped face that draws it
            width = self._widths[key] = text_width(word, font, 1000) / 1000
        return width

    def height(
        self, paras: tuple[Para, ...], size: float, width: float, role: Role | None = None
    ) -> float:
        """The height of ``paras`` set at ``size`` (lines and the space between paragraphs)."""
        total = 0.0
        for i, p in enumerate(paras):
            total += self.lines(p, size, width, role) * size * LINE
            if i:
                total += space_before(size)
        return total


# Where a word may break in a slide's text: after a hyphen between two letters, as
# PowerPoint and LibreOffice break "Trauma-/Competent" (not "COVID-/19" or "-5")
_AFTER_HYPHEN = re.compile(r"(?<=[^\W\d_]-)(?=[^\W\d_])")
# Where a printed page breaks a word too long for its line: there, and after the dash of a
# range between words, times or numbers ("10:05 AM–/10:15 AM", "5–/9"), as Unicode's line
# breaking (UAX #14) allows after an en or em dash
_AFTER_DASH = re.compile(rf"{_AFTER_HYPHEN.pattern}|(?<=\w[\u2013\u2014])(?=\w)")
_DASHES = ("-", "\u2013", "\u2014")


def _line_pieces(word: str, dashes: bool = False) -> list[str]:
    """``word`` (text without spaces) cut where a slide's line may break: after a hyphen
    between letters, and between the characters of scripts written without spaces; with
    ``dashes``, where a printed line may (:func:`dash_pieces`)."""
    if dashes:  # a bound phrase with no unit (a date) may break at its spaces, at the last
        parts = [part for bound in _bound_parts(word) for part in dash_pieces(bound)]
    elif "-" in word:
        parts = _AFTER_HYPHEN.split(word)
    else:
        parts = [word]
    return [
        piece for part in parts for piece in (breakable(part) if not part.isascii() else (part,))
    ]


def _bound_parts(word: str) -> list[str]:
    """``word`` cut after its no-break spaces when it is a phrase they bind that holds no
    unit or clock time ("23 de septiembre de 2026": a printed line too narrow for it breaks
    it there, see ``render/pdf.py``); a unit ("(10 min)") or a time whole."""
    if not may_part(word):
        return [word]
    return [part for part in _AFTER_NO_BREAK.split(word) if part]


_AFTER_NO_BREAK = re.compile(f"(?<=[{NO_BREAK_SPACES}])")


def dash_pieces(word: str) -> list[str]:
    """``word`` (text without spaces) cut where a printed line may break it when it is too
    long for the line: after a hyphen between letters ("Trauma-" / "competent") and after
    the dash of a range ("10:05 AM–" / "10:15 AM"), never inside a piece. The PDFs'
    paragraphs cut such a word only there (``render/pdf.py``), and a table column is at
    least as wide as its widest piece (:func:`unbreakable` with ``dashes``). Joined, the
    pieces are ``word`` again."""
    if not any(dash in word for dash in _DASHES):
        return [word]
    return _AFTER_DASH.split(word)


_DASH_END = re.compile(r"\w[\u2013\u2014]$")


def ends_at_dash(line: str) -> bool:
    """Whether a printed line ending in ``line`` ends where :func:`dash_pieces` cuts a range
    after its dash ("10:05 AM–"): no space was left out there, so none is given back to a
    reader of the page's text (as after a hyphen)."""
    return _DASH_END.search(line) is not None


@dataclass(frozen=True)
class SetLine:
    """One line of a paragraph as set: its text in pieces, each with the face that draws it
    (a ReportLab font name), and whether it ended at a space (where a line breaks between
    two words, the text still has a space there: a reader or a search finds two words)."""

    pieces: tuple[tuple[str, str], ...]
    at_space: bool = False
    # where each of its pieces links to, when it is a link's words (shown as the deck shows
    # a link: in the template's link colour, underlined, and followed when clicked), ""
    # for the others; () when none is
    links: tuple[str, ...] = ()
    # which of its pieces are struck through, one flag a piece; () when none is
    struck: tuple[bool, ...] = ()

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.pieces)


def _line(pieces: list[tuple[str, str, tuple[str, bool]]], at_space: bool) -> SetLine:
    """A line of pieces (text, face, the link's address or "", and whether struck through): the
    spaces at its ends dropped, neighbours in one face and look joined (a link's words and
    the others' apart)."""
    merged: list[list[Any]] = []
    for text, font, look in pieces:
        if merged and merged[-1][1] == font and merged[-1][2] == look:
            merged[-1][0] += text
        else:
            merged.append([text, font, look])
    if merged:
        merged[0][0] = merged[0][0].lstrip(" ")
        merged[-1][0] = merged[-1][0].rstrip(" ")
    kept = [m for m in merged if m[0]]
    links = tuple(str(m[2][0]) for m in kept)
    struck = tuple(bool(m[2][1]) for m in kept)
    return SetLine(
        tuple((text, font) for text, font, _ in kept),
        at_space,
        links if any(links) else (),
        struck if any(struck) else (),
    )


def _overlong(word: str, font: str, size: float, available: float) -> list[str]:
    """The lines of ``word``, wider than a whole line: a web address after its slashes (an
    e-mail address after its @ and dots), each line as many of those pieces as fit, as
    LibreOffice breaks it; any other word, or a piece itself wider than a line, between
    characters, as the viewer breaks it."""
    pieces = address_pieces(word) if is_address(word) else [word]
    lines: list[str] = []
    for piece in pieces:
        if lines and text_width(lines[-1] + piece, font, size) <= available:
            lines[-1] += piece
            continue
        width = text_width(piece, font, size)
        if width <= available:
            lines.append(piece)
            continue
        count = 1
        while width > available:  # as many lines as it is wider than one, at least two
            count += 1
            width -= available
        lines.extend(_chunks(piece, font, size, available, count))
    return lines


def _chunks(word: str, font: str, size: float, available: float, count: int) -> list[str]:
    """``word``, longer than a line, in ``count`` pieces: each but the last as many characters
    as fit in ``available`` (at least one), the last the rest."""
    out: list[str] = []
    start = 0
    for _ in range(count - 1):
        end, used = start, 0.0
        while end < len(word):
            w = text_width(word[end], font, size)
            if used + w > available and end > start:
                break
            used += w
            end += 1
        out.append(word[start:end])
        start = end
    out.append(word[start:])
    return out


def _bold(run: Run) -> Run:
    return run if run.bold or run.line_break else replace(run, bold=True)


def indent_pt(para: Para, size: float) -> float:
    """Where the text of a paragraph starts; bullets and numbers hang in the space before."""
    if para.bullet == "none":
        return 22.0 * para.level
    return 22.0 * para.level + hanging(para, size)


def hanging(para: Para, size: float) -> float:
    """How far a bullet or number hangs to the left of its paragraph's text."""
    if para.bullet == "number":  # "9." fits in one and a half ems; each more digit, 0.6
        digits = len(str(max(para.number, para.last_number, 1)))
        return round(size * (1.5 + 0.6 * (digits - 1)))
    return round(max(18.0, size * 0.9))


def space_before(size: float) -> float:
    return round(size * 0.45)


# ---------------------------------------------------------------- the policy


def _sizes(role: Role | tuple[int, int]) -> tuple[int, int]:
    return role.sizes if isinstance(role, Role) else (int(role[0]), int(role[1]))


def _role(role: Role | tuple[int, int]) -> Role | None:
    return role if isinstance(role, Role) else None


def shrinking(largest: float, floor: float, step: float = 1.0) -> Iterator[float]:
    """The sizes a text is tried at, in the order it is tried (shrink): from ``largest``
    down to ``floor``, ``step`` apart, the floor itself last (a step that would pass it
    lands on it). Every output that shrinks text tries these, whatever measures it."""
    size = largest
    while size > floor + 0.005:
        yield size
        size = max(floor, round(size - step, 2))
    yield floor


def largest_size(role: Role | tuple[int, int], fits: Callable[[int], bool]) -> int | None:
    """The largest whole size from the role's largest down to its floor at which ``fits``
    says the text fits (shrink); None when it does not fit even at the floor, and what
    follows is the role's ``then``. For text measured by the library that draws it (a
    printed page's paragraphs with their markup); :func:`largest_fit` measures here."""
    high, low = _sizes(role)
    return next((int(size) for size in shrinking(high, low) if fits(int(size))), None)


def largest_fit(
    measure: Measure, paras: tuple[Para, ...], box: Box, role: Role | tuple[int, int]
) -> int | None:
    """The largest whole size from the role's largest down to its floor at which ``paras``
    fit in ``box``, every word whole on its line that some size down to the floor keeps
    so (a word wider than the box is cut between letters, with no hyphen, by the programs
    that show a deck; one cut even at the floor does not make the others be cut too); None
    when they do not fit even at the floor."""
    kind = _role(role)

    def fits(size: int) -> bool:
        return measure.height(paras, size, box.width, kind) <= box.height

    floor = _sizes(role)[1]
    return largest_size(
        role,
        lambda size: fits(size) and not measure.cuts_a_word(paras, size, box.width, kind, floor),
    )


def needed_height(measure: Measure, paras: tuple[Para, ...], width: float, role: Role) -> float:
    """The height ``paras`` take at the role's floor: how tall a growing box must become."""
    return measure.height(paras, role.floor, width, role)


@dataclass(frozen=True)
class TooLong:
    """A paragraph that does not fit its box even alone at the floor (raised by :func:`share`)."""

    para: Para
    floor: int


class DoesNotFit(Exception):
    """Some text is too long even after shrinking and continuing; see :func:`problem`."""

    def __init__(self, too_long: TooLong):
        super().__init__(too_long.para.text)
        self.too_long = too_long


T = TypeVar("T")


def runs_within(heights: Sequence[float], limit: float) -> list[list[int]]:
    """The indexes 0..n-1 in order, cut into runs whose heights add up to at most ``limit``
    (a run holds at least one, however tall)."""
    runs: list[list[int]] = [[]]
    used = 0.0
    for i, height in enumerate(heights):
        if runs[-1] and used + height > limit:
            runs.append([])
            used = 0.0
        runs[-1].append(i)
        used += height
    return runs


def evenly(
    count: int,
    fill: Callable[[int, int], float],
    may_end: Callable[[int], bool] = lambda j: True,
) -> list[range]:
    """The items 0..count-1 cut into runs, in order, for continued slides: the fewest runs
    that fit, the fullest of them as empty as it can be (it decides the one type size of
    all), and of those cuts the most even.

    ``fill(i, j)``: how full the items i..j-1 make a box (1 is full), growing as a run
    grows. A run fits when its fill is at most 1; an item too full alone makes a run by
    itself. ``may_end(j)``: whether a run may end before item j (not after a heading, which
    goes with what it heads); when no cut keeps to it, it is let go. Most even: the runs'
    squared fills add up to the least, so seven like bullets over three slides are 3, 2
    and 2, never 3, 3 and 1, and a long row with five short ones makes two slides, not six
    of one row each; the earlier runs take the larger share of a tie. Each item is tried
    with the few before it that fit with it, so the work grows with the items, not their
    square.
    """
    for ends in (may_end, lambda j: True):
        first = _cut(count, fill, 1.0, max, ends)
        if first is not None:
            squares = _cut(count, fill, min(first[1], 1.0), lambda a, f: a + f * f, ends)
            if squares is not None:
                return squares[0]
    raise AssertionError("a cut with no rule on where runs end always exists")


def _cut(
    count: int,
    fill: Callable[[int, int], float],
    limit: float,
    score: Callable[[float, float], float],
    may_end: Callable[[int], bool],
) -> tuple[list[range], float] | None:
    """The cut of 0..count-1 into the fewest runs of at most ``limit`` fill (an item alone
    whatever its fill), each ending where ``may_end`` allows, with, of those, the least
    ``score`` (folded over the runs' fills); and that score. None when there is none."""
    # for the first j items: (runs, score, where the last run starts); None: no run may end
    # there, or no cut of them keeps to the rules
    best: list[tuple[int, float, int] | None] = [(0, 0.0, 0)]
    for j in range(1, count + 1):
        chosen: tuple[int, float, int] | None = None
        if j == count or may_end(j):
            for i in range(j - 1, -1, -1):  # the last run growing backwards: shortest first
                full = fill(i, j)
                if full > limit + 1e-9 and i < j - 1:
                    break
                before = best[i]
                if before is None:
                    continue
                runs, scored = before[0] + 1, score(before[1], full)
                if chosen is None or (runs, scored) < (chosen[0], chosen[1] - 1e-9):
                    chosen = (runs, scored, i)
        best.append(chosen)
    if best[count] is None:
        return None
    cut: list[range] = []
    j = count
    while j > 0:
        step = best[j]
        assert step is not None
        cut.append(range(step[2], j))
        j = step[2]
    return cut[::-1], best[count][1]  # type: ignore[index]


def balanced(
    cut: Callable[[float], list[list[T]]], count: int, low: float, high: float, steps: int = 20
) -> list[list[T]]:
    """``cut`` at the smallest limit between ``low`` and ``high`` that still gives at most
    ``count`` runs: the runs are balanced, the tallest as short as it can be. Continued
    slides, table rows over slides and a poster's table panels are all shared out so."""
    for _ in range(steps):
        middle = (low + high) / 2
        if len(cut(middle)) <= count:
            high = middle
        else:
            low = middle
    return cut(high)


def share(
    measure: Measure, paras: tuple[Para, ...], box: Box, role: Role | tuple[int, int]
) -> list[tuple[tuple[Para, ...], int]]:
    """Paragraphs shared out over as few boxes as they need, each part with its size.

    Shrinking comes first: when everything fits at any size down to the floor, there is one
    part. Otherwise the paragraphs go over the fewest parts that fit at the floor, as
    evenly as they can (:func:`evenly`), so a continued slide never holds one lone line
    while the one before it is full; a heading is never the last paragraph of a part, and
    every part has the same size, so type does not jump between continued slides. Raises
    :class:`DoesNotFit` when one paragraph is too long on its own.
    """
    whole = largest_fit(measure, paras, box, role)
    if whole is not None:
        return [(paras, whole)]
    high, low = _sizes(role)
    kind = _role(role)

    def shared(limit: float, words: bool = True) -> tuple[list[tuple[Para, ...]], int]:
        """The parts, each paragraph taller than ``limit`` (of the box's height) at the
        floor given in pieces (see :func:`within_box`), and their one size."""
        pieces = tuple(
            piece
            for p in paras
            for piece in within_box(measure, p, low, box.width, box.height * limit, kind, words)
        )

        def fill(first: int, last: int) -> float:
            height = measure.height(pieces[first:last], low, box.width, kind)
            return height / box.height if box.height > 0 else math.inf

        runs = evenly(len(pieces), fill, lambda j: not pieces[j - 1].heading)
        parts = _keep_headings_with_next([list(pieces[run.start : run.stop]) for run in runs])
        size = min(largest_fit(measure, tuple(p), box, role) or low for p in parts)
        return [tuple(p) for p in parts], size

    parts, size = shared(1.0)  # a paragraph cut only where a box cannot hold it whole
    fills = [measure.height(p, low, box.width, kind) for p in parts] if len(parts) > 1 else []
    if fills and min(fills) < max(fills) / 2:
        # a paragraph filling most of a part, beside one that holds a line or two ("You
        # will need: ..." alone on a continued slide, its instructions above at the floor):
        # cut between its sentences, the parts are as many and share the text at a larger
        # size. Pieces of at most 0.6 of a box: a paragraph a box holds goes in two, not
        # in three of which two would stand on one slide as two paragraphs
        halved, larger = shared(0.6, words=False)
        if len(halved) <= len(parts) and larger > size:
            parts, size = halved, larger
    return [(p, size) for p in parts]


# where a paragraph too long for a box may go on in the next one: after the end of a
# sentence or at a line break, else (a sentence too long alone) between two words
_SENTENCE_ENDS = re.compile(
    r"(?:[.!?\u2026][)\]\"'\u201d\u2019]?( +)|[\u3002\uff01\uff1f]( *)|(\n))(?=\S)"
)
_WORD_GAPS = re.compile(r"( +)(?=\S)")


def within_box(
    measure: Measure,
    para: Para,
    size: int,
    width: float,
    height: float,
    kind: Role | None,
    words: bool = True,
) -> tuple[Para, ...]:
    """``para``, or, when it is too tall for the box even alone at ``size``, its pieces
    that each fit it: whole sentences, as many as fit, shared out evenly over the fewest
    pieces (an activity's instructions of 250 words in one paragraph stopped the deck);
    a sentence too long alone is cut between words (``words`` false: the paragraph is
    kept whole, taller than the box). The first piece keeps the paragraph's bullet or number, the
    others go on under its text, with no mark. Raises :class:`DoesNotFit` when a piece of
    one word is still too tall (a word no box holds)."""

    def fits(piece: Para) -> bool:
        return measure.height((piece,), size, width, kind) <= height

    if fits(para):
        return (para,)
    text = "".join("\n" if r.line_break else r.text for r in para.runs)
    for gaps in (_SENTENCE_ENDS, _WORD_GAPS) if words else (_SENTENCE_ENDS,):
        cuts = [m.start(m.lastindex or 0) for m in gaps.finditer(text)] + [len(text)]

        def pieces(limit: float, cuts: list[int] = cuts) -> list[Para]:
            """The pieces, each as long as fits ``limit`` (at least to its first cut):
            the longest found by halving (a piece's height rises with its length), so a
            paragraph of thousands of words is cut in a few measurements a piece."""
            found: list[Para] = []
            start = 0  # where the piece starts, and the first cut after it
            first = next((i for i, cut in enumerate(cuts) if cut > 0), len(cuts) - 1)
            while first < len(cuts) - 1:
                low, high = first, len(cuts) - 1  # cuts[low] is taken even if too tall
                while low < high:
                    middle = (low + high + 1) // 2
                    trial = _part(para, start, cuts[middle], bool(found))
                    if measure.height((trial,), size, width, kind) <= limit:
                        low = middle
                    else:
                        high = middle - 1
                if low == len(cuts) - 1:
                    break
                found.append(_part(para, start, cuts[low], bool(found)))
                start, first = cuts[low], low + 1
            found.append(_part(para, start, len(text), bool(found)))
            return found

        fewest = pieces(height)
        if all(fits(piece) for piece in fewest):
            even = balanced(lambda limit: [[p] for p in pieces(limit)], len(fewest), 0.0, height)
            return tuple(piece for (piece,) in even)
    if not words:  # a sentence longer than the box: the paragraph stays whole
        return (para,)
    raise DoesNotFit(TooLong(para, size))


def _part(para: Para, start: int, end: int, after: bool) -> Para:
    """The characters ``start`` to ``end`` of ``para``'s text, in its runs' styles, white
    space at the cut left out; ``after``: a piece after the first, which goes on under
    the paragraph's bullet rather than having one of its own."""
    runs: list[Run] = []
    at = 0
    for run in para.runs:
        length = 1 if run.line_break else len(run.text)
        lo, hi = max(start, at), min(end, at + length)
        if lo < hi:
            runs.append(run if run.line_break else replace(run, text=run.text[lo - at : hi - at]))
        at += length
    while runs and (runs[0].line_break or not runs[0].text.strip()):
        runs.pop(0)  # (a line break it was cut at: the piece starts a box)
    if runs:
        runs[0] = replace(runs[0], text=runs[0].text.lstrip(" "))
    while runs and (runs[-1].line_break or not runs[-1].text.strip()):
        runs.pop()
    if runs:
        runs[-1] = replace(runs[-1], text=runs[-1].text.rstrip(" "))
    piece = replace(para, runs=tuple(runs))
    return replace(piece, mark=False, heading=False) if after else piece


def _keep_headings_with_next(parts: list[list[Para]]) -> list[list[Para]]:
    """A heading ending a part moves to the start of the next part, with its text."""
    for i in range(len(parts) - 1):
        while len(parts[i]) > 1 and parts[i][-1].heading:
            parts[i + 1].insert(0, parts[i].pop())
    return [p for p in parts if p]


# ---------------------------------------------------------------- messages


@dataclass(frozen=True)
class Blame:
    """Whose text it is, for a message: the output, the audience, the source if known."""

    output: str  # "the deck", "the poster"
    audience: str = ""
    source: Location | None = None
    place: str = ""  # "slide 10 ('Why safety comes first')"

    def prefix(self) -> str:
        who = f"{self.output} for {self.audience}" if self.audience else self.output
        return f"{who}, {self.place}" if self.place else who


def start_of(text: str, limit: int = 60) -> str:
    """The first words of some text, to name it in a message."""
    text = " ".join(text.replace(NBSP, " ").split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def problem(blame: Blame, message: str, hint: str, quote: str = "") -> Problem:
    """A problem a trainer can act on: where the text is, what is wrong, what to do.

    ``quote`` is the whole text at fault: when the template did not say where it came from,
    the build looks it up in the project's sources to name the file and line.
    """
    return Problem(blame.source, f"{blame.prefix()}: {message}", hint, quote=quote)


def too_long(
    blame: Blame, role: Role | tuple[int, int], text: str, room: str = "", hint: str = ""
) -> Problem:
    """The message for text that is too long even at its role's floor."""
    high, low = _sizes(role)
    what = role.what if isinstance(role, Role) else "the text"
    room = room or "its box"
    return problem(
        blame,
        f"{what} '{start_of(text)}' is too long for {room}, even at {low} pt",
        hint or "shorten it, or split it into shorter bullets or paragraphs",
        quote=text,
    )


# White space a line may break at: all of it but the no-break spaces (U+00A0, the figure
# space U+2007, and U+202F, which Babel writes in "9:00 AM" and French numbers)
_BREAKS = re.compile(rf"[^\S{NO_BREAK_SPACES}]+")


def on_one_line(text: str) -> str:
    """``text`` set on one line: each run of white space a line may break at one space,
    its no-break spaces kept (so that "(10 min)" is still one piece to :func:`unbreakable`)."""
    return _BREAKS.sub(" ", text).strip(" ")


def unbreakable(text: str, dashes: bool = False) -> list[str]:
    """The pieces of ``text`` no line may break: its words, split at white space but never at
    a no-break space (a unit bound by :func:`bind_units`, a clock time), and Chinese,
    Japanese, Korean or Thai words cut where lines may break (:func:`glyphs.breakable`).
    With ``dashes``, words are also cut where a printed line breaks a word too long for it
    (:func:`dash_pieces`: "Trauma-" / "competent", "10:05 AM–" / "10:15 AM"), and a date
    bound by no-break spaces at them ("23 de septiembre" / "de 2026"; never a unit or a
    time): the least a printed column may hold. A column or a box narrower than one of them
    cuts it in two."""
    return [piece for word in _BREAKS.split(text) if word for piece in _word_pieces(word, dashes)]


def _word_pieces(word: str, dashes: bool) -> tuple[str, ...]:
    """The pieces of one word for :func:`unbreakable`, cut once however often the word is
    met (a table's columns are measured word by word, twice: with and without dashes); a
    very long one (a web address, a line of Chinese) is cut each time, not kept."""
    if len(word) > 100:
        return _cut_word.__wrapped__(word, dashes)
    return _cut_word(word, dashes)


@lru_cache(maxsize=8192)
def _cut_word(word: str, dashes: bool) -> tuple[str, ...]:
    return tuple(_kept(word, partial(_line_pieces, dashes=True) if dashes else breakable))


def _kept(word: str, cut: Callable[[str], list[str]]) -> list[str]:
    """The pieces of ``word`` a column keeps whole: a Chinese, Japanese or Korean word as
    the dictionary finds it ("誤り", not "誤" and "り"), else as ``cut`` cuts it."""
    if has_cjk(word) and not UNSPACED.search(word) and "-" not in word:
        return cjk_words(word)
    return cut(word)


# a web address, after the bracket or quotation mark it may be printed in: a link's address
# is printed after its words as "(https://...)" (see render/pdf.py)
_ADDRESS = re.compile(r"^[(\[<\"'\u201c\u2018\u00ab\u201e]?(?:[a-z][a-z0-9+.-]*://|www\.)\S", re.I)
_AFTER_SLASH = re.compile(r"(?<=/)(?=[^/])")
# an e-mail address ("duty.desk@northshore-care.nhs.example.org"), in words' own punctuation
_MAILBOX = r"[^\s@()<>\[\]\"']+"
# (the name and the domain as two runs, the domain's dot looked for apart: a dot inside the
# pattern, its runs holding dots too, was tried at every dot of a long word that failed)
_EMAIL_PARTS = re.compile(rf"[(<\[\"']?{_MAILBOX}@({_MAILBOX})[)>\]\"']*")


def _email(word: str) -> bool:
    """Whether ``word`` is an e-mail address: a name, "@", a domain with a dot inside it."""
    found = _EMAIL_PARTS.fullmatch(word) if "@" in word else None
    return found is not None and "." in found.group(1)[1:-1]


_AFTER_AT_OR_DOT = re.compile(r"(?<=[@.])(?=.)")


def address_pieces(word: str) -> list[str]:
    """A web address in the pieces between its slashes ("https://", "www.samaritans.org/",
    "about-samaritans/"...), an e-mail address in those after its @ and its dots
    ("duty.", "desk@", "northshore-care."...): a column need only be as wide as the
    longest, the rest of the address running on to the next line. Any other word whole."""
    if _ADDRESS.match(word):
        return [piece for piece in _AFTER_SLASH.split(word) if piece]
    if _email(word):
        return [piece for piece in _AFTER_AT_OR_DOT.split(word) if piece]
    return [word]


# Where a printed line may break a web address too long for it, as style guides break one
# (The Chicago Manual of Style): after its "//", and before a single slash, a dot, a hyphen
# or the marks of a query ("?", "#", "&", "=", "_", "~", "%"), never at its end ("org/.")
_IN_ADDRESS = re.compile(r"(?<=//)(?=.)|(?<=[^/:])(?=[/.\-?#&=_~%].)")


def address_breaks(word: str) -> list[str]:
    """A web address in the pieces a printed line may end between ("https://", "www",
    ".samhsa", ".gov", "/trauma", "-violence"...: see above), an e-mail address in those
    of :func:`address_pieces`; any other word whole. Joined, the pieces are ``word``."""
    if _ADDRESS.match(word):
        return [piece for piece in _IN_ADDRESS.split(word) if piece]
    return address_pieces(word)


def is_address(word: str) -> bool:
    """Whether ``word`` is a web or e-mail address (cut where its line ends in a table)."""
    return bool(_ADDRESS.match(word) or _email(word))


def table_weight(text: str) -> int:
    """A table cell's length in letters for sharing out a table's width, a web or e-mail
    address counted as twenty letters at most (it would take most of the table's width)."""
    long = [w for w in text.split(" ") if len(w) > 20 and is_address(w)]
    return len(text) - sum(len(w) - 20 for w in long)


def longest_word(texts: Sequence[str], font: str, size: float, dashes: bool = False) -> float:
    """The width, in points, of the widest piece of ``texts`` that no line may break (a
    table column's least width before it cuts a word; with ``dashes``, before it cuts a word
    anywhere but after its hyphen or its range's dash: see :func:`unbreakable`)."""
    pieces = {piece for t in texts for piece in unbreakable(t, dashes)} or {""}
    return max(text_width(piece, font, size) for piece in pieces)  # (each piece measured once)


_NUMBER_LIKE = re.compile(r"^[\W\d_]*\d[\W\d_]*$")


def numbers_only(texts: Sequence[str]) -> bool:
    """Whether the longest unbreakable pieces of a column's ``texts`` are numbers (a phone
    number "1-800-555-0199", a date, a time): no word a line could break with a hyphen."""
    pieces = [piece for text in texts for piece in unbreakable(text, dashes=True)]
    if not pieces:
        return False
    longest = max(len(piece) for piece in pieces)
    return all(_NUMBER_LIKE.match(p) for p in pieces if len(p) == longest)


def column_word(
    texts: Sequence[str], font: str, size: float, address_most: float, dashes: bool = False
) -> float:
    """The width, in points, of the widest piece of a printed table column's ``texts`` no
    line may break (:func:`longest_word`; with ``dashes``, its least: see there), where a
    web or e-mail address counts for its longest part between slashes, dots or its @, and
    for no more than ``address_most``: an address is cut where its line ends, so a column
    of long addresses gives way before its neighbours' phone numbers and sentences do. So
    does a word of more than :data:`OVERLONG_LETTERS` letters, hyphenated where it breaks."""
    words = [word for text in texts for word in unbreakable(text)]
    others = [word for word in words if not is_address(word) and len(word) <= OVERLONG_LETTERS]
    overlong = [word for word in words if not is_address(word) and len(word) > OVERLONG_LETTERS]
    parts = [part for word in words if is_address(word) for part in address_pieces(word)]
    found = longest_word(others, font, size, dashes) if others else 0.0
    for claimed in (parts, overlong):
        if claimed:
            found = max(found, min(longest_word(claimed, font, size, dashes), address_most))
    return found


# A word of more letters than this is a compound a hyphenation dictionary breaks (a German
# one of 88 letters), or no word at all: as an address, it claims no more of a table than
# an even share; a column as wide as it left its neighbours a word a line
OVERLONG_LETTERS = 30


# A table column narrower than its longest word cuts it; that is only right for a word longer
# than about twelve letters (a web address), in a column at least that wide. Narrower, the
# words of an ordinary table would print cut into pieces ("Practi" / "ce").
LEGIBLE_LETTERS = 12


def legible_width(size: float) -> float:
    """The least width, in points, for a table column's text at ``size`` (see above)."""
    return LEGIBLE_LETTERS * size * 0.5


def cuts_words(texts: list[float], words: list[float], size: float) -> bool:
    """Whether table columns whose text is ``texts`` wide (points, padding left out) would
    cut ordinary words: a column may be narrower than its longest word (``words``) only
    when that word is longer than :data:`LEGIBLE_LETTERS` and the column that wide. Columns
    cannot continue elsewhere, so such a table stops with :func:`too_wide`."""
    least = legible_width(size)
    return any(text < min(word, least) for text, word in zip(texts, words, strict=True))


def too_wide(
    texts: list[float], size: float, room: float, padding: float, where: str
) -> tuple[str, str]:
    """The message and hint for a table whose columns would cut ordinary words (see
    :func:`cuts_words`): ``room`` is the width it has on ``where`` ("the page", "a slide"),
    ``padding`` each column's padding beside its text."""
    holds = max(1, int(room // (legible_width(size) + padding)))
    return (
        f"a table of {len(texts)} columns is too wide for {where}: its narrowest column leaves "
        f"{max(min(texts), 0):.0f} pt for its text, too narrow to read at {round(size, 1):g} pt "
        f"({where} holds {holds} columns whose words are up to {LEGIBLE_LETTERS} letters "
        "long; fewer when they are longer, more when shorter)",
        f"split it into tables of at most {holds} columns, or turn it round so that its "
        "columns are rows",
    )


def _within(
    width: float,
    minimums: list[float],
    least: list[float] | None = None,
    whole: list[bool] | None = None,
) -> list[float]:
    """``minimums``, the largest cut down to one level so that together they fit ``width``;
    with ``least`` (each at most its minimum), never below it while those fit together.
    When even those do not fit, the columns ``whole`` marks (a phone number, a date: no
    word to break) keep their least while the others can give way."""
    if sum(minimums) <= width:
        return minimums
    if least is not None and whole and any(whole) and not all(whole):
        kept = sum(lo for lo, keep in zip(least, whole, strict=True) if keep)
        if sum(least) > width and kept < width:
            giving = [lo for lo, keep in zip(least, whole, strict=True) if not keep]
            rest = iter(_within(width - kept, giving))
            return [lo if keep else next(rest) for lo, keep in zip(least, whole, strict=True)]
    if least is not None and sum(least) <= width:
        # the level at which the minimums, each held between its least and itself, fill the
        # width: the function rises with the level, so halving the interval finds it
        low, high = 0.0, max(minimums)
        for _ in range(64):
            middle = (low + high) / 2
            if sum(max(lo, min(m, middle)) for lo, m in zip(least, minimums, strict=True)) > width:
                high = middle
            else:
                low = middle
        return [max(lo, min(m, low)) for lo, m in zip(least, minimums, strict=True)]
    if least is not None:
        minimums = least
    left, count = width, len(minimums)
    level = 0.0
    for n, minimum in enumerate(sorted(minimums)):
        if minimum * (count - n) > left:
            level = left / (count - n)
            break
        left -= minimum
    return [min(minimum, level) for minimum in minimums]


def column_widths(
    width: float,
    weights: list[float],
    minimums: list[float],
    least: list[float] | None = None,
    whole: list[bool] | None = None,
) -> list[float]:
    """Share ``width`` by weight, but never narrower than a column's longest word.

    When the longest words cannot all fit side by side, ``least`` (a printed column's
    longest piece: a word with a hyphen or a range's dash may break after it, see
    :func:`unbreakable`) is the floor instead: the columns with the longest words are cut
    down to one level, none below its least, so "Trauma-competent" breaks after its hyphen
    and a range of times after its dash, never inside. When even those cannot all fit (a
    web address wider than the page), the columns with short words keep their minimum and
    the others share what is left equally (their long words are then broken inside): the
    widths always add up to ``width``, none is left with nothing. ``whole``: the columns of
    numbers (a phone number), which keep their least while the others give way then."""
    minimums = _within(width, minimums, least, whole)
    fixed: dict[int, float] = {}
    while True:
        flexible = [i for i in range(len(weights)) if i not in fixed]
        room = width - sum(fixed.values())
        total = sum(weights[i] for i in flexible) or 1
        shares = {i: room * weights[i] / total for i in flexible}
        short = [i for i in flexible if shares[i] < minimums[i]]
        if not short or len(short) == len(flexible):
            shares.update(fixed)
            return [shares[i] for i in range(len(weights))]
        for i in short:
            fixed[i] = minimums[i]
