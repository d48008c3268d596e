"""Tables that read from the right (Arabic, Hebrew) are mirrored on paper, as the deck and a
reader expect them: the first column rightmost, a form's tick boxes on the left of its
statements, a poster's first panel of rows on the right; a screen reader still reads each
row first column first."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.enums import TA_LEFT

from materials_gen.build import BuildOptions, build
from materials_gen.render import handout
from materials_gen.render.handout import _Layout

from .conftest import PROJECTS, edit, run, tool
from .test_form_breaks import layout_for
from .test_page_breaks import HEIGHT, WIDTH, laid_out
from .test_tagged_pdf import structure

ASPECT, INFORMED, COMPETENT = "היבט", "מודעות", "קליני"  # each ends in a letter of its own
FOCUS, NOTICING, TREATING = "מיקוד", "הבחנה", "טיפול"
TABLE = f"| {ASPECT} | {INFORMED} | {COMPETENT} |\n| --- | --- | --- |\n"
ROW = f"| {FOCUS} | {NOTICING} | {TREATING} |\n"


@pytest.fixture(scope="module")
def layout() -> _Layout:
    return layout_for((WIDTH, HEIGHT), False, "he")


def lefts(pdf: Path, words: tuple[str, ...], page: int = 1) -> dict[str, float]:
    """The left edge of each of ``words`` on ``page``, as pdftotext places them (its -bbox
    gives a Hebrew word's letters in the order they stand, from the left)."""
    found = run(tool("pdftotext"), "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-")
    assert found.returncode == 0, found.stderr
    places = {}
    for x, word in re.findall(r'<word xMin="([\d.]+)"[^>]*>([^<]*)</word>', found.stdout):
        word = html.unescape(word)
        places.setdefault(word, float(x))
        places.setdefault(word[::-1], float(x))
    missing = [w for w in words if w not in places]
    assert not missing, (missing, sorted(places))
    return {w: places[w] for w in words}


def first_cells(pdf: Path) -> list[str]:
    """The last letter of each of the first row's cells, in the order a screen reader reads
    them (pdfinfo shows a Hebrew word's structure text as its last cluster only)."""
    tree = structure(pdf)
    start = next(n for n, (_, kind, _) in enumerate(tree) if kind == "TR")
    depth = tree[start][0]
    cells = []
    for level, kind, text in tree[start + 1 :]:
        if level <= depth:
            break
        if kind in ("TH", "TD"):
            cells.append(text)
        elif cells and level > depth + 1:
            cells[-1] += text
    return [c.strip()[-1:] for c in cells]


def last_letters(*words: str) -> list[str]:
    return [w[-1] for w in words]


def _pdf(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "table.pdf"
    path.write_bytes(data)
    return path


def test_a_hebrew_table_has_its_first_column_on_the_right(layout: _Layout, tmp_path: Path) -> None:
    pdf = _pdf(tmp_path, laid_out(layout, 0, TABLE + ROW))
    x = lefts(pdf, (ASPECT, INFORMED, COMPETENT, FOCUS, TREATING))
    assert x[ASPECT] > x[INFORMED] > x[COMPETENT]
    assert x[FOCUS] > x[TREATING]
    assert first_cells(pdf) == last_letters(ASPECT, INFORMED, COMPETENT)  # first column first


def test_an_english_table_keeps_its_first_column_on_the_left(
    layout: _Layout, tmp_path: Path
) -> None:
    pdf = _pdf(tmp_path, laid_out(layout, 0, "| Aspect | Informed |\n| --- | --- |\n| A | B |\n"))
    x = lefts(pdf, ("Aspect", "Informed"))
    assert x["Aspect"] < x["Informed"]
    assert first_cells(pdf) == last_letters("Aspect", "Informed")


def test_a_long_hebrew_table_is_mirrored_on_every_page(
    layout: _Layout, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A table long enough to be handed to ReportLab a few pages at a time."""
    monkeypatch.setattr(handout, "LONG_TABLE", 3)
    pdf = _pdf(tmp_path, laid_out(layout, 0, TABLE + ROW * 60))
    for page in (1, 2):
        x = lefts(pdf, (ASPECT, COMPETENT, FOCUS, TREATING), page)
        assert x[ASPECT] > x[COMPETENT] and x[FOCUS] > x[TREATING]
    assert first_cells(pdf) == last_letters(ASPECT, INFORMED, COMPETENT)


def test_a_hebrew_rating_form_has_its_boxes_left_of_its_statements(
    layout: _Layout, tmp_path: Path
) -> None:
    statement, agree, disagree = "ההדרכה", "מסכים", "מתנגד"
    form = f"::: {{.rating}}\n| {statement} | {agree} | {disagree} |\n| --- | --- | --- |\n"
    form += "| ברורה | | |\n:::\n"
    pdf = _pdf(tmp_path, laid_out(layout, 0, form))
    x = lefts(pdf, (statement, agree, disagree, "ברורה"))
    assert x[statement] > x[agree] > x[disagree]
    assert x["ברורה"] > x[agree]
    assert first_cells(pdf) == last_letters(statement, agree, disagree)


def test_a_hebrew_forms_latin_options_have_their_boxes_beside_them(
    layout: _Layout, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A question in a form read from the right whose options are Latin names ("א. Reiki"):
    each option was set from the right, its letter first, and its box drawn at the far left,
    a column's width away; then set from the right with its box on the right, its letter
    after its words. An option reads as its own words do: from the left, its letter first,
    its box on the left beside it."""
    from materials_gen.document import parse
    from materials_gen.render.handout import _TickBox

    class Hebrew:
        def option_letters(self) -> list[str]:
            return ["א", "ב", "ג"]

    monkeypatch.setattr(handout, "current", Hebrew)
    form = '::: {.question number="3"}\nאיזה טיפול מבוסס ראיות?\n\n- Reiki\n- EMDR\n:::\n'
    flowables = layout.blocks(parse(form).blocks, WIDTH)
    (table,) = [f for f in _all(flowables) if hasattr(f, "_cellvalues")]
    rows = [
        [cell[0] if isinstance(cell, (list, tuple)) else cell for cell in row]
        for row in table._cellvalues  # noqa: SLF001
    ]
    assert all(isinstance(row[0], _TickBox) for row in rows), rows
    assert table.hAlign == "LEFT"
    for _, option in rows:
        assert option.style.wordWrap == "LTR" and option.style.alignment == TA_LEFT, option.text


def test_a_box_that_reads_from_the_right_has_its_bar_on_the_right(layout: _Layout) -> None:
    """A Hebrew or Arabic callout, objectives or takeaway box had its coloured bar on the
    left, the side its lines end on; an English box keeps it on the left."""
    from reportlab.lib import colors

    def bar_side(title: str) -> set[str]:
        box = layout.box([layout.plain_para(title)], WIDTH, colors.white, colors.red, title)
        return {c[0] for c in box._linecmds if c[0] in ("LINEBEFORE", "LINEAFTER")}  # noqa: SLF001

    assert bar_side(FOCUS) == {"LINEAFTER"}
    assert bar_side("Takeaway") == {"LINEBEFORE"}
    # by its words, not a title that is a label not yet translated: an Arabic activity's
    # box, "Activity: ..." over it, had its bar on the left
    box = layout.box([layout.plain_para(FOCUS)], WIDTH, colors.white, colors.red, "Activity: x")
    assert {c[0] for c in box._linecmds if c[0].startswith("LINE")} >= {"LINEAFTER"}  # noqa: SLF001
    assert "LINEBEFORE" not in {c[0] for c in box._linecmds}  # noqa: SLF001


def _all(flowables: list) -> list:
    out = []
    for flowable in flowables:
        out.append(flowable)
        out.extend(_all(getattr(flowable, "_content", [])))
    return out


@pytest.fixture(scope="module")
def hebrew_poster(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    import shutil

    project = tmp_path_factory.mktemp("rtl-poster") / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    table = project / "content" / "tables" / "approaches.yaml"
    for english, hebrew in (
        ("heading: Aspect", f"heading: {ASPECT}"),
        ("heading: Informed", f"heading: {INFORMED}"),
        ("heading: Competent", f"heading: {COMPETENT}"),
        ("aspect: Focus", f"aspect: {FOCUS}"),
        ("informed: Noticing", f"informed: {NOTICING}"),
        ("competent: Treating", f"competent: {TREATING}"),
    ):
        edit(table, english, hebrew)
    options = BuildOptions(
        output=project / "out", audiences=("all-staff",), kinds=("poster", "deck", "slides")
    )
    return {b.target.kind.name: b.path for b in build(project, options).built}


def test_a_hebrew_posters_panel_has_its_bar_and_bullets_on_the_right(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An Arabic poster's panel set its points from the right but drew their bullets, and
    its bar, at the left edge, a panel's width from the words they mark."""
    import shutil

    from reportlab.pdfgen.canvas import Canvas

    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    course = project / "content" / "course.yaml"
    course.write_text(
        course.read_text(encoding="utf-8")
        + f"poster:\n  panel:\n    title: {INFORMED}\n    points:\n      - {FOCUS} {NOTICING}\n"
        f"      - {TREATING}\n",
        encoding="utf-8",
    )
    dots: list[float] = []
    bars: list[float] = []
    circle, rect = Canvas.circle, Canvas.rect

    def noted_circle(self, x, y, r, *args, **kwargs):  # type: ignore[no-untyped-def]
        dots.append(x)
        return circle(self, x, y, r, *args, **kwargs)

    def noted_rect(self, x, y, w, h, *args, **kwargs):  # type: ignore[no-untyped-def]
        if w < 20 < h:  # the panel's bar: narrow and tall
            bars.append(x)
        return rect(self, x, y, w, h, *args, **kwargs)

    monkeypatch.setattr(Canvas, "circle", noted_circle)
    monkeypatch.setattr(Canvas, "rect", noted_rect)
    options = BuildOptions(output=tmp_path / "out", audiences=("all-staff",), kinds=("poster",))
    (made,) = build(project, options, jobs=1).built
    width = float(PdfReader(made.path).pages[0].mediabox.width)
    assert len(dots) == 2 and all(x > width / 2 for x in dots), (dots, width)
    assert bars and all(x > width / 2 for x in bars), (bars, width)


def test_a_hebrew_poster_table_reads_from_the_right(hebrew_poster: dict[str, Path]) -> None:
    poster = hebrew_poster["poster"]
    x = lefts(poster, (ASPECT, INFORMED, COMPETENT, FOCUS, TREATING))
    assert x[ASPECT] > x[INFORMED] > x[COMPETENT]
    assert x[FOCUS] > x[TREATING]
    assert first_cells(poster) == last_letters(ASPECT, INFORMED, COMPETENT)


def test_a_hebrew_deck_table_is_right_to_left_on_screen_and_on_paper(
    hebrew_poster: dict[str, Path],
) -> None:
    """PowerPoint draws a table marked right-to-left with its first column rightmost; the
    printed slides draw it so from the same laid-out table, its cells read in order."""
    from pptx import Presentation

    deck = Presentation(str(hebrew_poster["deck"]))
    tables = [s.table for slide in deck.slides for s in slide.shapes if s.has_table]
    (table,) = tables
    assert table._tbl.tblPr.get("rtl") == "1"  # noqa: SLF001
    assert [c.text for c in table.rows[0].cells] == [ASPECT, INFORMED, COMPETENT]
    slides = hebrew_poster["slides"]
    pages = range(1, len(PdfReader(str(slides)).pages) + 1)
    page = next(n for n in pages if {ASPECT, ASPECT[::-1]} & {w for *_, w in _words(slides, n)})
    x = lefts(slides, (ASPECT, INFORMED, COMPETENT, FOCUS, TREATING), page)
    assert x[ASPECT] > x[INFORMED] > x[COMPETENT] and x[FOCUS] > x[TREATING]


def test_an_english_deck_table_is_not_marked_right_to_left(kit_decks: dict[str, Path]) -> None:
    from pptx import Presentation

    deck = Presentation(str(kit_decks["all-staff"]))
    tables = [s.table for slide in deck.slides for s in slide.shapes if s.has_table]
    assert tables and all(t._tbl.tblPr.get("rtl") is None for t in tables)  # noqa: SLF001


def _words(pdf: Path, page: int) -> list[tuple[float, float, str]]:
    """Every word of ``page``: its left edge, its top and its text (a Hebrew word as written)."""
    found = run(tool("pdftotext"), "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-")
    words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', found.stdout)
    return [(float(x), float(y), html.unescape(w)) for x, y, w in words]


def test_a_contents_entry_that_reads_from_the_right_has_its_page_on_the_left(
    tmp_path: Path,
) -> None:
    import shutil

    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    edit(
        project / "content" / "modules" / "intro.md",
        "title: Welcome to safe rooms",
        "title: ברוכים הבאים",
    )
    options = BuildOptions(output=project / "out", audiences=("all-staff",), kinds=("handout",))
    (built,) = build(project, options).built
    for page in (1, 2, 3):
        words = _words(built.path, page)
        heading = [y for _, y, w in words if w == "Contents"]
        hebrew = [(x, y) for x, y, w in words if w in ("הבאים", "םיאבה") and heading]
        hebrew = [(x, y) for x, y in hebrew if y > heading[0]]  # the entry, not the agenda's
        if hebrew:
            break
    else:
        pytest.fail("no contents page lists the Hebrew title")
    x, y = hebrew[0]
    numbers = [nx for nx, ny, w in words if w.isdigit() and abs(ny - y) < 2]
    assert numbers and all(nx < x for nx in numbers)  # its page number to its left
    english = [(ex, ey) for ex, ey, w in words if w == "Practice"]  # an English module's entry
    if english:
        ex, ey = english[0]
        assert all(nx > ex for nx, ny, w in words if w.isdigit() and abs(ny - ey) < 2)


ADDRESS = "https://www.example.org/resources/trauma-informed-care/guides/document-about-safety.pdf"


@pytest.mark.parametrize("linked", [False, True], ids=["text", "link"])
def test_a_long_web_address_in_a_hebrew_paragraph_is_cut_to_stay_on_the_page(
    layout: _Layout, tmp_path: Path, linked: bool
) -> None:
    """The address is cut where its lines end (after a letter of its own, so that each line
    of it reads as written), not left to run off the page; a long Hebrew word is not cut."""
    address = f"<{ADDRESS}>" if linked else ADDRESS
    pdf = _pdf(tmp_path, laid_out(layout, 0, f"מידע נוסף באתר {address} ובאתר הארגון.\n"))
    words = _words(pdf, 1)
    page_width = WIDTH + 12
    found = run(tool("pdftotext"), "-bbox", str(pdf), "-").stdout
    rights = [float(x) for x in re.findall(r'xMax="([\d.]+)"', found)]
    assert min(x for x, _, _ in words) >= 0 and max(rights) <= page_width
    latin = [w for _, _, w in words if w.isascii()]
    assert len(latin) >= 2  # on two lines or more
    assert "".join(latin) == ADDRESS  # every piece as written, none turned round
    assert not any(w.startswith(("-", "/", ".")) for w in latin)


def test_a_title_page_that_reads_from_the_right_is_mirrored(tmp_path: Path) -> None:
    """A Hebrew title: each fact's label rightmost with its value left of it, set from the
    right whatever its script ("2.1", "Test Clinic"), read label first; the band's
    organization at the right and the document's kind at the left."""
    import shutil

    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    edit(project / "content" / "course.yaml", "title: Safe Rooms", "title: חדרים בטוחים")
    edit(project / "content" / "course.yaml", "language: en-GB", "language: he")
    kinds = ("guide", "slides")
    options = BuildOptions(output=project / "out", audiences=("all-staff",), kinds=kinds)
    built, slides = sorted(build(project, options).built, key=lambda b: b.target.kind.name)
    printed = {w: wx for wx, y, w in _words(slides.path, 1) if y < 60}
    assert printed["Clinic"] > printed["Slides"]  # the printed slides' header, mirrored too
    words = _words(built.path, 1)
    x = {w: wx for wx, _, w in words}
    assert x["ORGANIZATION"] > x["Test"] + 50  # the label right of its value's column...
    assert x["2.1"] > x["Test"]  # ...and set from the right: the short value further right
    assert x["Clinic"] > x["GUIDE"]  # the band: the organization right, the kind left
    tree = [text.strip() for _, kind, text in structure(built.path) if text.strip()]
    assert tree.index("VERSION") < tree.index("2.1")  # the label read first
    footer = [(wx, w) for wx, y, w in _words(built.path, 2) if y > 700]
    hebrew = [wx for wx, w in footer if "בטוחים" in w or "םיחוטב" in w]
    version = [wx for wx, w in footer if "Version" in w]
    assert hebrew and version and hebrew[0] > version[0]  # the footer: the title at the right
    # an English title page is as it was
    edit(project / "content" / "course.yaml", "title: חדרים בטוחים", "title: Safe Rooms")
    built, slides = sorted(build(project, options).built, key=lambda b: b.target.kind.name)
    printed = {w: wx for wx, y, w in _words(slides.path, 1) if y < 60}
    assert printed["Clinic"] < printed["Slides"]
    x = {w: wx for wx, _, w in _words(built.path, 1)}
    assert x["ORGANIZATION"] < x["Test"] and x["2.1"] == pytest.approx(x["Test"], abs=1)
    assert x["Clinic"] < x["GUIDE"]
    footer = [(wx, w) for wx, y, w in _words(built.path, 2) if y > 700]
    assert [wx for wx, w in footer if w == "Safe"][0] < [wx for wx, w in footer if "Version" in w][
        0
    ]
