"""Document metadata checked once, and the one stamp every PDF carries."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

from materials_gen.build import BuildOptions, build
from materials_gen.errors import ContentError
from materials_gen.meta import NO_DATE, DocumentMeta, document_meta
from materials_gen.render.pdf import Fonts, Stamp
from materials_gen.theme import load_theme

from .conftest import REPO, edit

FRONT = {
    "title": "Safe Rooms",
    "audience": "All staff",
    "organization": "Test Clinic",
    "version": 2.1,
    "date": dt.date(2025, 3, 4),
    "language": "en-GB",
    "keywords": ["safety", "rooms"],
    "subject": "Participant handout for All staff",
    "custom": "kept",
}


def test_metadata_is_typed_text_dates_and_keywords() -> None:
    meta = document_meta(FRONT)
    assert meta.version == "2.1" and meta.date == dt.date(2025, 3, 4)
    assert meta.keywords == ("safety", "rooms") and meta.language == "en-GB"
    assert meta.long_date == "4\xa0March\xa02025" and meta.pdf_date == "D:20250304000000Z"
    assert meta.footer_left == "Safe Rooms · All staff"
    assert meta.page_label(2, 9) == "Version 2.1 · 4\xa0March\xa02025 · Page 2 of 9"
    assert dict(meta.extra) == {"custom": "kept"}
    assert document_meta({"date": "2025-03-04", "keywords": "a, b"}).keywords == ("a", "b")
    empty = document_meta({})
    assert (
        empty == DocumentMeta()
        and empty.footer_left == ""
        and empty.page_label(1, 1) == ("Page 1 of 1")
    )


def test_a_printed_page_names_title_and_audience_whatever_the_slides_footer() -> None:
    """The deck's front matter gives a footer line for the projected slides; the pages they
    are printed on name title and audience, and the version once, beside the page number."""
    meta = document_meta({**FRONT, "footer": "Safe Rooms · All staff · Version 2.1"})
    assert meta.footer_left == "Safe Rooms · All staff · Version 2.1"  # on the slides
    assert meta.title_line == "Safe Rooms · All staff"  # on the printed page
    assert meta.page_label(1, 3) == "Version 2.1 · 4\xa0March\xa02025 · Page 1 of 3"
    assert document_meta({"title": "Safe Rooms"}).title_line == "Safe Rooms"


def test_without_a_date_files_are_dated_the_same_fixed_day() -> None:
    """No date in the content: the files carry a fixed date, never the build's clock."""
    meta = document_meta({"title": "Safe Rooms"})
    assert meta.date is None and meta.long_date == ""
    assert meta.pdf_date == "D:20000101000000Z" == f"D:{NO_DATE:%Y%m%d}000000Z"


def test_every_bad_value_is_named_at_once() -> None:
    bad = {
        "title": ["Safe", "Rooms"],
        "date": "next week",
        "language": "English (UK)",
        "layout": "from",
        "keywords": {"a": 1},
    }
    with pytest.raises(ContentError) as caught:
        document_meta(bad, "intermediate handout for all-staff (from handout.md.j2)")
    text = str(caught.value)
    assert "intermediate handout for all-staff (from handout.md.j2): error:" in text
    assert "'title' is a list, not text" in text
    assert "'date' is 'next week', not a date" in text and "YYYY-MM-DD" in text
    assert "'language' is 'English (UK)', not a language tag" in text
    assert "'layout' is 'from'" in text and "did you mean 'form'?" in text
    assert "'keywords' must be a list" in text
    assert len(caught.value.problems) == 5


def _stamped_pdf(meta: DocumentMeta, pages: int) -> bytes:
    """A few pages laid out by ReportLab with the stamp's canvas and a page-N-of-M footer."""
    theme = load_theme(REPO)
    font = Fonts(theme.body_font)
    stamp = Stamp(meta, "materials-gen test")
    footers: list[tuple[int, int]] = []

    def footer(canvas, page: int, total: int) -> None:
        footers.append((page, total))
        canvas.setFont(font.regular, 8)
        canvas.drawString(40, 20, f"{meta.footer_left} — {meta.page_label(page, total)}")

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, **stamp.doc_info())
    style = getSampleStyleSheet()["Normal"]
    style.fontName = font.regular
    story = []
    for n in range(pages):
        story.append(Paragraph(f"Page body {n + 1}", style))
        story.append(PageBreak())
    doc.build(story[:-1], canvasmaker=stamp.canvas(font.regular, footer=footer))
    assert footers == [(n + 1, pages) for n in range(pages)]
    return buffer.getvalue()


def test_the_stamp_writes_metadata_footers_and_the_contents_date() -> None:
    meta = document_meta(FRONT)
    data = _stamped_pdf(meta, 3)
    reader = PdfReader(io.BytesIO(data))
    info = reader.metadata
    assert info.title == "Safe Rooms \u2013 All staff" and info.author == "Test Clinic"
    assert info.subject == "Participant handout for All staff"
    assert info["/Keywords"] == "safety, rooms" and info["/Producer"] == "materials-gen test"
    assert info["/CreationDate"] == "D:20250304000000Z"  # the content's date, not today
    last = reader.pages[2].extract_text()
    assert "Safe Rooms · All staff — Version 2.1 · 4 March 2025 · Page 3 of 3" in last
    assert _stamped_pdf(meta, 3) == data  # byte for byte, build after build


def test_each_pdf_of_an_audience_has_a_title_of_its_own(kit_outputs: dict) -> None:
    """A PDF reader shows a file's Title instead of its name (DisplayDocTitle): all ten PDFs
    of an audience were titled with the course's title alone, so the pretest and its answer
    key, open side by side, could not be told apart (WCAG 2.4.2)."""
    from collections import Counter

    titles = Counter()
    for path in kit_outputs.values():
        if path.suffix == ".pdf":
            titles[PdfReader(str(path)).metadata.title] += 1
    assert titles and max(titles.values()) == 1, titles
    assert any("Knowledge check" in t and "Clinical providers" in t for t in titles)


def test_a_templates_bad_front_matter_stops_the_build_naming_the_field(project: Path) -> None:
    templates = project / "templates"
    templates.mkdir()
    handout = (REPO / "templates" / "handout.md.j2").read_text(encoding="utf-8")
    (templates / "handout.md.j2").write_text(handout, encoding="utf-8")
    edit(templates / "handout.md.j2", "date: {{ course.date | json }}", "date: soon")
    with pytest.raises(ContentError) as caught:
        build(project, BuildOptions(kinds=("handout",), audiences=("all-staff",)))
    text = str(caught.value)
    assert text.startswith("the participant handout for All staff (its template's front matter)")
    assert "'date' is 'soon', not a date" in text


def test_a_footer_in_two_lines_keeps_its_size_and_breaks_after_the_title() -> None:
    """A title and audience too long for one line beside the page label, even shrunk: the
    two lines are set at the footer's own size when they fit so (shrunk to the floor, they
    sat smaller than the page label beside them), broken after the title, never with one
    word alone on the second line ("Todo el / personal")."""
    from materials_gen.render.fonts import Fonts
    from materials_gen.render.pdf import running_footer, text_width
    from materials_gen.theme import load_theme

    from .conftest import PROJECTS

    font = Fonts(load_theme(PROJECTS / "minimal").body_font).regular
    text = "Atención informada sobre el trauma y competente en trauma · Todo el personal"
    label = "Versión 1.0 · 2 de noviembre de 2026 · Página 9999 de 9999"
    width = text_width(text, font, 7.5) + text_width(label, font, 8) + 10  # one line: no
    footer = running_footer(text, font, width, label, (8, 7.5))
    assert footer is not None and not footer.stacked
    assert footer.lines.size == 8
    assert footer.lines.lines == (
        "Atención informada sobre el trauma y competente en trauma ·",
        "Todo el personal",
    )
    words = "Atención informada sobre el trauma y competente en trauma para todo el personal"
    footer = running_footer(words, font, width, label, (8, 7.5))
    assert footer is not None and len(footer.lines.lines[-1].split()) > 1, footer
