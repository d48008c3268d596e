"""ReportLab plumbing shared by every PDF output: fonts, safe paragraph markup, stamping.

Kept apart from the layouts so that the handout, poster and later PDF outputs embed fonts,
escape text and stamp metadata the same way.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from ..document import Code, Document, Emph, Inline, LineBreak, Link, Picture, Strike, Strong, Text
from ..theme import FontFamily

PAPER = {"letter": LETTER, "a4": A4}


class Fonts:
    """A registered font family: the names ReportLab knows its four styles by."""

    def __init__(self, family: FontFamily):
        self.family = family.name
        names = []
        for path in family.files():
            name = "mg-" + path.stem
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(name, str(path)))
            names.append(name)
        self.regular, self.bold, self.italic, self.bold_italic = names
        pdfmetrics.registerFontFamily(
            self.regular,
            normal=self.regular,
            bold=self.bold,
            italic=self.italic,
            boldItalic=self.bold_italic,
        )
        self._face = pdfmetrics.getFont(self.regular).face

    def missing(self, text: str) -> set[str]:
        """Characters of ``text`` that the regular face has no glyph for."""
        table = self._face.charToGlyph
        return {c for c in text if not c.isspace() and ord(c) not in table}


def markup(inlines: tuple[Inline, ...], link_colour: str = "#1F4E79") -> str:
    """ReportLab paragraph markup for some inlines; every character of content is escaped."""
    out: list[str] = []
    for node in inlines:
        if isinstance(node, Text):
            out.append(escape(node.text))
        elif isinstance(node, Strong):
            out.append(f"<b>{markup(node.children, link_colour)}</b>")
        elif isinstance(node, Emph):
            out.append(f"<i>{markup(node.children, link_colour)}</i>")
        elif isinstance(node, Strike):
            out.append(f"<strike>{markup(node.children, link_colour)}</strike>")
        elif isinstance(node, Code):
            out.append(f'<font color="#3A4750">{escape(node.text)}</font>')
        elif isinstance(node, Link):
            inner = markup(node.children, link_colour)
            href = node.href.strip()
            if href.lower().startswith(("http://", "https://", "mailto:", "tel:")):
                out.append(f'<a href={quoteattr(href)} color="{link_colour}"><u>{inner}</u></a>')
            else:
                out.append(inner)
        elif isinstance(node, LineBreak):
            out.append("<br/>")
        elif isinstance(node, Picture):  # a picture inside a sentence: say what it shows
            out.append(f"<i>{escape(node.alt)}</i>")
    return "".join(out)


def pdf_date(day: dt.date | str | None) -> str:
    """A PDF date string for the content's date, so metadata never carries the build's clock."""
    if isinstance(day, str):
        try:
            day = dt.date.fromisoformat(day)
        except ValueError:
            day = None
    if not isinstance(day, dt.date):
        day = dt.date(2000, 1, 1)
    return f"D:{day:%Y%m%d}000000Z"


def long_date(day: dt.date | str | None) -> str:
    if isinstance(day, str):
        try:
            day = dt.date.fromisoformat(day)
        except ValueError:
            return day
    if isinstance(day, dt.date):
        return f"{day.day} {day:%B %Y}"
    return ""


def column_widths(width: float, weights: list[float], minimums: list[float]) -> list[float]:
    """Share ``width`` by weight, but never narrower than a column's longest word."""
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


SUBSTITUTE = "?"


def printable(document: Document, fonts: list[Fonts]) -> tuple[Document, tuple[str, ...]]:
    """The document with every character the fonts cannot draw replaced by '?', and a warning.

    A PDF must not show a silent empty box: a character no embedded font has would print as
    one (and read back as U+0000). It is replaced by a visible '?' and named in a warning.
    """
    missing: set[str] = set()

    def fix(text: str) -> str:
        gone = set().union(*(f.missing(text) for f in fonts)) if text else set()
        if not gone:
            return text
        missing.update(gone)
        return "".join(SUBSTITUTE if ch in gone else ch for ch in text)

    def walk(value: Any) -> Any:
        if isinstance(value, str):
            return fix(value)
        if isinstance(value, tuple):
            return tuple(walk(v) for v in value)
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            changes = {
                f.name: walk(getattr(value, f.name))
                for f in dataclasses.fields(value)
                if f.name not in ("href", "src")
            }
            return dataclasses.replace(value, **changes)
        return value

    fixed = walk(document)
    if not missing:
        return document, ()
    chars = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in sorted(missing))
    names = " and ".join(sorted({f.family for f in fonts}))
    return fixed, (f"the font {names} has no glyph for {chars}; they print as '{SUBSTITUTE}'",)


def stamped_canvas(font: str, day: Any) -> type[Canvas]:
    """A canvas class that starts in the theme's font (never Helvetica) and dates the file
    with the content's date (never the build's clock)."""
    date = pdf_date(day)

    class StampedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any):
            kwargs["initialFontName"] = font
            super().__init__(*args, **kwargs)
            self.setDateFormatter(lambda *parts: date)

    return StampedCanvas
