"""A link in a table's header row can be read: drawn in the header's own text colour
(underlined, as every link), in the handout, the printed slides and the deck. It was drawn
in the theme's link colour, which is the header's fill in the built-in design: the words
"a link" in "Tuesday with a link" were dark blue on dark blue, in every output."""

from __future__ import annotations

import ctypes
import re
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw
import pytest
from pptx import Presentation

from materials_gen.build import BuildOptions, build

from .conftest import edit

HEADING = "Informed with [a link](https://example.org/t)"


def _colours(path: Path, words: str, after: str) -> set[tuple[int, int, int]]:
    """The fill colours ``words`` are drawn in, where they come right after ``after`` (the
    header cell before them), on the first page that shows them so."""
    document = pdfium.PdfDocument(str(path))
    for page in document:
        text_page = page.get_textpage()
        text = text_page.get_text_range()
        before = re.search(rf"{re.escape(after)}\s+(?={re.escape(words)})", text)
        if before is None:
            continue
        at = before.end()
        found = set()
        for index in range(at, at + len(words)):
            r, g, b, a = (ctypes.c_uint() for _ in range(4))
            raw.FPDFText_GetFillColor(text_page, index, r, g, b, a)
            found.add((r.value, g.value, b.value))
        return found
    raise AssertionError(f"{words!r} is on no page of {path.name}")


@pytest.fixture
def linked_heading(project: Path, tmp_path: Path) -> dict[str, Path]:
    edit(
        project / "content" / "tables" / "approaches.yaml",
        "heading: Informed",
        f"heading: {HEADING}",
    )
    kinds = ("handout", "slides", "deck", "poster")
    options = BuildOptions(output=tmp_path / "out", kinds=kinds, audiences=("all-staff",))
    return {b.path.name.split("-")[-1]: b.path for b in build(project, options).built}


def test_a_link_in_a_table_s_header_is_in_the_header_s_text_colour(
    linked_heading: dict[str, Path],
) -> None:
    for name in ("handout.pdf", "slides.pdf", "poster.pdf"):
        # the words of the link are drawn as the header's other words, on its fill
        drawn = _colours(linked_heading[name], "Informed with a link", after="Aspect")
        assert len(drawn) == 1 and (31, 78, 121) not in drawn, (name, drawn)
    for name in ("handout.pdf", "slides.pdf"):  # white on the header's dark blue
        drawn = _colours(linked_heading[name], "Informed with a link", after="Aspect")
        assert drawn == {(255, 255, 255)}, name


def test_the_deck_writes_a_header_s_link_in_the_text_s_colour(
    linked_heading: dict[str, Path],
) -> None:
    """PowerPoint (and LibreOffice) draw a link in the theme's link colour unless the link
    says to take its text's colour (Office's hyperlink colour extension, val="tx"), as the
    links of the header row do; those of the other rows keep the link colour."""
    deck = Presentation(str(linked_heading["deck.pptx"]))
    tables = [s.table for slide in deck.slides for s in slide.shapes if s.has_table]
    (table,) = [t for t in tables if "Informed with a link" in t.cell(0, 1).text]
    links = table._tbl.xpath(".//a:hlinkClick")
    assert links, "the heading's link is no link"
    for link in links:
        told = link.xpath(".//*[local-name()='hlinkClr']/@val")
        in_header = link.xpath("ancestor::a:tr")[0] is table._tbl.tr_lst[0]
        assert told == (["tx"] if in_header else []), told
