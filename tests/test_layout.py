"""The laid-out deck: computed once, and every view of it (PowerPoint, printed slides, notes
pages, the guide's slide numbers) shows exactly what it holds.

Golden files: ``tests/golden/deck-<audience>.txt`` hold the default kit's laid-out deck as
text. When a template or the fitting changes on purpose, regenerate them with
``MATERIALS_GEN_REGENERATE=1 pytest tests/test_layout.py`` and review the diff.
"""

from __future__ import annotations

import io
import os
import pickle
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pypdf import PdfReader

from materials_gen.cli import main
from materials_gen.document import Document, Figure, parse
from materials_gen.errors import ContentError
from materials_gen.fit import ROLES
from materials_gen.render import RenderOptions, deck, slide_handout
from materials_gen.render.layout import LaidOutDeck, TextBox, dump, lay_out, module_slides
from materials_gen.theme import load_theme

from .conftest import PROJECTS, REPO, edit, kit_copy, powerpoint_findings
from .deck_templates import (
    make_branded_template,
    make_corporate_template,
    make_template_with_fonts,
    style_master_text,
)

GOLDEN = Path(__file__).parent / "golden"
REGENERATE = os.environ.get("MATERIALS_GEN_REGENERATE") == "1"
CORPORATE_LAYOUTS = (("quote", "Bullets"), ("section", "Divider"), ("title", "Cover"))


def document_for(project: Path, audience: str) -> Document:
    """The deck's intermediate document, as ``materials-gen show deck`` prints it."""
    result = CliRunner().invoke(main, ["show", "deck", "-a", audience, "-p", str(project)])
    assert result.exit_code == 0, result.output
    return parse(result.output)


def options_for(project: Path, document: Document, **given: object) -> RenderOptions:
    images = {
        block.src: (project / block.src).read_bytes()
        for slide in document.blocks
        for block in getattr(slide, "children", ())
        if isinstance(block, Figure) and (project / block.src).is_file()
    }
    return RenderOptions(generator="materials-gen test", images=images, **given)  # type: ignore[arg-type]


def laid_out(project: Path, audience: str, **given: object) -> tuple[LaidOutDeck, RenderOptions]:
    document = document_for(project, audience)
    options = options_for(project, document, **given)
    return lay_out(document, load_theme(project), options), options


@pytest.fixture(scope="module")
def minimal() -> tuple[LaidOutDeck, RenderOptions]:
    return laid_out(PROJECTS / "minimal", "clinical")


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


# ---------------------------------------------------------------- the laid-out data


def test_a_small_deck_laid_out(minimal: tuple[LaidOutDeck, RenderOptions]) -> None:
    laid, _ = minimal
    assert (round(laid.width), laid.height) == (960, 540)  # 13.33 x 7.5 in, in points
    assert [s.number for s in laid.slides] == list(range(1, len(laid.slides) + 1))
    assert laid.slides[0].title == "Safe Rooms" and laid.slides[0].kind == "title"
    assert laid.audience == "Clinical providers"
    picture = next(p for s in laid.slides for p in s.pictures)
    assert picture.alt == "A calm waiting room with two green chairs and a window"
    assert picture.data.startswith(b"\x89PNG")
    for slide in laid.slides:
        assert slide.footer is not None and slide.footer.text == (
            "Safe Rooms · Clinical providers · Version 2.1"
        )
        for box in slide.boxes:
            low, high = ROLES[box.role].floor, ROLES[box.role].largest
            assert low <= box.size <= high, (slide.number, box.role, box.size)
            assert box.rect.x >= 0 and box.rect.x + box.rect.width <= laid.width
            assert box.rect.y >= 0 and box.rect.bottom <= laid.height
    numbers = module_slides(laid)
    assert set(numbers) == {"intro", "practice"}
    assert numbers["intro"][1] < numbers["practice"][0]
    first, last = numbers["practice"]
    assert all(s.module == "practice" for s in laid.slides[first - 1 : last])


def test_laid_out_once_is_plain_frozen_data(minimal: tuple[LaidOutDeck, RenderOptions]) -> None:
    laid, options = minimal
    again = pickle.loads(pickle.dumps(laid))  # can go to a worker process
    assert again == laid
    assert deck.write(again, options).data == deck.write(laid, options).data
    with pytest.raises(AttributeError):
        laid.slides[0].title = "Changed"  # type: ignore[misc]


# ---------------------------------------------------------------- the views


def test_pptx_shapes_are_the_laid_out_boxes(
    minimal: tuple[LaidOutDeck, RenderOptions], tmp_path: Path
) -> None:
    laid, options = minimal
    path = tmp_path / "deck.pptx"
    path.write_bytes(deck.write(laid, options).data)
    prs = Presentation(str(path))
    assert len(prs.slides) == len(laid.slides)
    for slide, plan in zip(prs.slides, laid.slides, strict=True):
        assert slide.slide_layout.name == plan.layout
        shapes = {ph.placeholder_format.idx: ph for ph in slide.placeholders}
        for box in plan.boxes:
            shape = shapes[box.placeholder]
            where = (plan.number, box.role)
            assert (shape.left, shape.top, shape.width, shape.height) == box.rect.emu(), where
            assert words(shape.text_frame.text) == words(box.text), where
            sizes = {r.font.size.pt for p in shape.text_frame.paragraphs for r in p.runs}
            assert sizes == {box.size}, where
        if plan.table is not None:
            (table,) = [s for s in slide.shapes if s.has_table]
            assert [round(c.width / 12700, 1) for c in table.table.columns] == [
                round(w, 1) for w in plan.table.column_widths
            ]
            assert [round(r.height / 12700, 1) for r in table.table.rows] == [
                round(h, 1) for h in plan.table.row_heights
            ]
        pictures = [s for s in slide.shapes if s.shape_type == 13]
        assert [(p.left, p.top, p.width, p.height) for p in pictures] == [
            p.rect.emu() for p in plan.pictures
        ]
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        assert notes == plan.notes


def test_printed_slides_show_the_laid_out_text(
    minimal: tuple[LaidOutDeck, RenderOptions],
) -> None:
    laid, options = minimal
    theme = load_theme(PROJECTS / "minimal")
    printed = slide_handout.print_slides(laid, theme, options)
    pages = [words(p.extract_text()) for p in PdfReader(_bytes(printed.data)).pages]
    assert len(pages) == -(-len(laid.slides) // 3)
    for slide in laid.slides:
        page = pages[(slide.number - 1) // 3]
        for box in slide.boxes:
            for para in box.paras:
                assert words(para.text)[:25] in page, (slide.number, para.text)
    notes = slide_handout.print_notes(laid, theme, options)
    note_pages = [words(p.extract_text()) for p in PdfReader(_bytes(notes.data)).pages]
    assert len(note_pages) == len(laid.slides)
    for slide, page in zip(laid.slides, note_pages, strict=True):
        assert words(slide.notes.split("\n")[-1])[:40] in page
        assert words(slide.title)[:20] in page


def test_printed_slides_break_lines_where_the_layout_did(tmp_path: Path) -> None:
    """A printed slide draws the lines the layout fitted, never wrapping the text again: each
    line of the default kit's wrapped bullets is a line of the printed page."""
    laid, options = laid_out(REPO, "clinical")
    theme = load_theme(REPO)
    pdf = tmp_path / "slides.pdf"
    pdf.write_bytes(slide_handout.print_notes(laid, theme, options).data)
    checked = 0
    for slide in laid.slides:
        text = subprocess.run(
            ["pdftotext", "-f", str(slide.number), "-l", str(slide.number), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        # the bullet is read with the first line
        printed = {" ".join(line.removeprefix("\u2022").split()) for line in text.splitlines()}
        for box in slide.boxes:
            assert len(box.lines) == len(box.paras)
            for lines in box.lines:
                if len(lines) < 2 or any(not line.text.isascii() for line in lines):
                    continue
                broke = False  # the last line ended at a hyphen ("Trauma-" / "Competent"),
                for line in lines:  # which pdftotext takes out, joining the two: not checked
                    if not broke and not line.text.endswith("-"):
                        assert " ".join(line.text.split()) in printed, (slide.number, line.text)
                        checked += 1
                    broke = line.text.endswith("-") and not line.at_space
    assert checked > 40


def _bytes(data: bytes) -> object:
    import io

    return io.BytesIO(data)


def _drawn(data: bytes, page: int) -> bytes:
    """What page ``page`` (from 0) draws: its content and that of the forms it shows (a
    printed slide's background and template shapes, drawn once for all its slides)."""
    reader = PdfReader(_bytes(data))
    found = [reader.pages[page].get_contents().get_data()]
    objects = reader.pages[page]["/Resources"].get("/XObject", {})
    for _, xobject in sorted(objects.items()):
        form = xobject.get_object()
        if form.get("/Subtype") == "/Form":
            found.append(form.get_data())
    return b"\n".join(found)


# ---------------------------------------------------------------- an organisation's template


def with_template(
    template: Path, layouts: tuple[tuple[str, str], ...] = CORPORATE_LAYOUTS
) -> tuple[LaidOutDeck, RenderOptions]:
    """The minimal project's all-staff deck laid out in an organisation's ``template``."""
    return laid_out(
        PROJECTS / "minimal",
        "all-staff",
        deck_template=template.read_bytes(),
        deck_template_name="templates/brand.pptx",
        layouts=layouts,
    )


@pytest.fixture(scope="module")
def corporate(tmp_path_factory: pytest.TempPathFactory) -> tuple[LaidOutDeck, RenderOptions]:
    template = make_corporate_template(tmp_path_factory.mktemp("brand") / "brand.pptx")
    return with_template(template)


def test_organisation_template_geometry_is_laid_out(
    corporate: tuple[LaidOutDeck, RenderOptions],
) -> None:
    laid, _ = corporate
    assert (laid.width, laid.height) == (720, 540)  # its 4:3 slides
    cover = laid.slides[0]
    assert cover.layout == "Cover" and cover.background.colour == "#FFFFFF"
    title = cover.boxes[0]
    assert (title.rect.x, title.rect.y) == (36, 331.2)  # 0.5 in, 4.6 in: at the bottom
    bullets = next(s for s in laid.slides if s.layout == "Bullets" and s.kind == "bullets")
    heading, body = bullets.boxes
    assert (heading.rect.x, heading.rect.width) == (28.8, 216)  # a narrow column on the left
    assert (body.rect.x, body.rect.width) == (259.2, 432)  # the text on the right
    assert heading.style.colour == "#000000"  # the Office theme's text colour, not ours


def _page_image(pdf: bytes, folder: Path, page: int = 1) -> bytes:
    pdftoppm = shutil.which("pdftoppm")
    if not pdftoppm:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    source = folder / "slides.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        [
            pdftoppm,
            "-r",
            "20",
            "-f",
            str(page),
            "-l",
            str(page),
            str(source),
            str(folder / f"page{page}"),
        ],
        check=True,
    )
    drawn = next(folder.glob(f"page{page}-*.ppm"))
    image = drawn.read_bytes()
    drawn.unlink()  # the next call's page is not mistaken for it
    return image


def _pixel(ppm: bytes, x_fraction: float, y_fraction: float) -> tuple[int, int, int]:
    header = ppm.split(b"\n", 3)
    width, height = map(int, header[1].split())
    data = header[3]
    x, y = int(width * x_fraction), int(height * y_fraction)
    at = (y * width + x) * 3
    return data[at], data[at + 1], data[at + 2]


def test_printed_slides_use_the_organisation_template(
    corporate: tuple[LaidOutDeck, RenderOptions],
    minimal: tuple[LaidOutDeck, RenderOptions],
    tmp_path: Path,
) -> None:
    theme = load_theme(PROJECTS / "minimal")
    ours, options = minimal
    theirs, theirs_options = corporate
    one = {"per_page": 1}
    builtin_pdf = slide_handout.print_slides(ours, theme, _with(options, **one)).data
    corporate_pdf = slide_handout.print_slides(theirs, theme, _with(theirs_options, **one)).data
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    # the middle of the cover: the built-in design's blue, the organisation's white
    assert _pixel(_page_image(builtin_pdf, tmp_path / "a"), 0.5, 0.25) == (0x1F, 0x4E, 0x79)
    assert _pixel(_page_image(corporate_pdf, tmp_path / "b"), 0.5, 0.25) == (255, 255, 255)
    # the printed 'Bullets' slide has its title left of its text, as projected
    number = next(s.number for s in theirs.slides if s.title == "Welcome to safe rooms")
    reader = PdfReader(_bytes(corporate_pdf))
    found: dict[str, float] = {}

    def visit(text: str, cm: list, tm: list, font: object, size: float) -> None:
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        for word in ("Welcome", "Calm"):
            if text.startswith(word):
                found.setdefault(word, x)

    reader.pages[number - 1].extract_text(visitor_text=visit)
    assert found["Calm"] - found["Welcome"] > 100  # title column, then body column


def _with(options: RenderOptions, **changes: object) -> RenderOptions:
    from dataclasses import replace

    return replace(options, **changes)  # type: ignore[arg-type]


# ---------------------------------------------------------------- fitting in place


@pytest.mark.parametrize("aspect", ["4:3", "16:9"])
def test_a_long_picture_description_builds(aspect: str, tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(PROJECTS / "minimal", project)
    alt = (
        "A calm waiting room with two green chairs by a tall window, soft daylight, "
        "a low table with leaflets and a plant"
    )
    assert len(alt) == 112
    edit(
        project / "content" / "modules" / "intro.md",
        "A calm waiting room with two green chairs and a window",
        alt,
    )
    laid, options = laid_out(project, "all-staff", aspect=aspect)
    (picture,) = [p for s in laid.slides for p in s.pictures]
    assert picture.alt == alt  # the whole description, for screen readers
    slide = next(s for s in laid.slides if s.pictures)
    title = slide.boxes[0]
    assert title.size >= ROLES["slide-title"].floor
    assert title.rect.bottom <= picture.rect.y  # the picture is below the title, never under it
    path = tmp_path / "deck.pptx"
    path.write_bytes(deck.write(laid, options).data)
    shapes = Presentation(str(path)).slides[slide.number - 1].shapes
    (shape,) = [s for s in shapes if s.shape_type == 13]
    assert shape._element.nvPicPr.cNvPr.get("descr") == alt


def test_a_title_that_cannot_fit_names_audience_slide_and_source() -> None:
    title = "Welcome to rooms that are safe " * 16
    markdown = (
        '---\ntitle: "Safe Rooms"\naudience: "All staff"\n---\n\n'
        '::::: {.slide .bullets module="intro" source="content/modules/intro.md:2"}\n'
        f"## {title}\n\n- One point\n\n::: notes\nSay it.\n:::\n:::::\n"
    )
    theme = load_theme(PROJECTS / "minimal")
    with pytest.raises(ContentError) as caught:
        lay_out(parse(markdown), theme, RenderOptions())
    (problem,) = caught.value.problems
    assert str(problem.location) == "content/modules/intro.md:2"
    assert problem.message.startswith(
        "the deck for All staff, slide 1 ('Welcome to rooms that are safe Welcome to rooms...')"
        " of module 'intro': the slide title 'Welcome to rooms"
    )
    assert "is too long for the slide's title area, even at 24 pt" in problem.message
    assert problem.hint


def test_a_short_closing_slide_shrinks_instead_of_continuing(tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(PROJECTS / "minimal", project)
    lines = "".join(
        f"  - Point {i} about making rooms calmer and safer for everyone\n" for i in range(9)
    )
    edit(project / "content" / "modules" / "intro.md", "key_points:\n", "key_points:\n" + lines)
    laid, _ = laid_out(project, "all-staff")
    titles = [s.title for s in laid.slides]
    assert not any(t.endswith("(cont.)") for t in titles), titles  # fits at a smaller size
    (slide,) = [s for s in laid.slides if any("Point 8 about" in b.text for b in s.boxes)]
    assert ROLES["body"].floor <= slide.boxes[1].size < ROLES["body"].largest


def test_compared_columns_continue_evenly_at_one_size(tmp_path: Path) -> None:
    """Two compared columns over several slides: every part at the same size (they were
    fitted one by one, 21 pt then 23 pt) and shared out evenly, so no continued slide holds
    one lone row while the one before it is full."""
    project = tmp_path / "p"
    shutil.copytree(PROJECTS / "minimal", project)
    rows = "".join(
        f"  - aspect: Aspect {n}\n"
        f"    informed: {'Noticing how people feel in the room and saying so ' * (1 + n % 3)}\n"
        f"    competent: {'Treating with a method that has evidence behind it ' * (1 + n % 2)}\n"
        for n in range(9)
    )
    edit(project / "content" / "tables" / "approaches.yaml", "rows:\n", "rows:\n" + rows)
    laid, _ = laid_out(project, "all-staff")
    parts = [s for s in laid.slides if s.title.startswith("Informed and competent")]
    assert len(parts) >= 2, [s.title for s in laid.slides]
    sizes = {box.size for slide in parts for box in slide.boxes if box.role == "columns"}
    assert len(sizes) == 1, sizes
    for column in (0, 1):
        counts = [
            sum(1 for p in [b for b in s.boxes if b.role == "columns"][column].paras) for s in parts
        ]
        assert max(counts) - min(counts) <= 1, counts


def test_a_column_is_shared_out_evenly() -> None:
    from materials_gen.fit import ROLES, Box, Measure, Para, Run
    from materials_gen.render.layout import share_columns

    measure = Measure(load_theme(PROJECTS / "minimal"))
    head = Para((Run("Heading"),), heading=True)
    rest = tuple(Para((Run(f"Row {n}"),)) for n in range(7))
    role = ROLES["columns"]
    box = Box(300, measure.height((head, *rest[:3]), role.floor, 300, role) + 1)  # 3 a slide
    parts = share_columns(measure, ((head, *rest), rest[:4]), [box, box], role)
    assert [len(left) - 1 for left, _ in parts] == [3, 2, 2]  # 7 in three: never 3, 3 and 1
    assert all(left[0] is head for left, _ in parts)
    assert [p.text for left, _ in parts for p in left[1:]] == [p.text for p in rest]
    # the rows stay side by side: the shorter column's rows are where the longer's are
    assert [len(right) for _, right in parts] == [3, 1, 0]


def test_a_table_with_no_rows_is_its_header_once() -> None:
    """An audience for whom a table has no rows, its header too tall to share: the build
    stopped on an IndexError (no run of rows at all)."""
    from materials_gen.render.layout import _balanced_rows

    assert _balanced_rows([], [], 100.0, 12) == [([], 12)]


def test_a_continued_table_takes_the_smaller_size_that_saves_a_slide() -> None:
    """A table too long for a slide went on at its floor and two points more whatever that
    cost: five rows on a 4:3 slide went on three slides at 14 pt, one of them a lone row,
    where 13 pt held them on two. It now goes on over the fewest slides its rows need at
    the floor, at the largest size that still holds them on that many, as text does."""

    def cell(k: int) -> str:
        return " ".join("and" if i % 3 == 0 else f"word{k}{i}" for i in range(20))

    rows = "".join(f"| Kind {k} | {cell(k)} | {cell(k + 1)} | {cell(k + 2)} |\n" for k in range(5))
    document = parse(
        "::::: {.slide .table}\n## Signs\n\n| Kind | Seen | Heard | Done |\n|---|---|---|---|\n"
        f"{rows}\n::: notes\nGo through it.\n:::\n:::::\n"
    )
    laid = lay_out(document, load_theme(PROJECTS / "minimal"), RenderOptions("test", aspect="4:3"))
    parts = [(s.title, len(s.table.cells) - 1, s.table.size) for s in laid.slides if s.table]
    assert parts == [("Signs", 3, 13), ("Signs (cont.)", 2, 13)]  # at 14 pt: 2, 2 and 1


def test_a_long_compared_row_does_not_leave_the_short_ones_a_slide_each(
    tmp_path: Path,
) -> None:
    """One long cell and short rows after it: the short rows share a slide (they were
    shared out by count, one row to a slide, each on a nearly empty continued slide)."""
    project = tmp_path / "p"
    shutil.copytree(PROJECTS / "minimal", project)
    table = project / "content" / "tables" / "approaches.yaml"
    data = yaml.safe_load(table.read_text(encoding="utf-8"))
    data["rows"][0]["informed"] = "Staff notice how people feel in the room and say so. " * 9
    for n in range(5):
        data["rows"].append({"aspect": f"Aspect {n}", "informed": "Calm", "competent": "Skill"})
    table.write_text(yaml.safe_dump(data, sort_keys=False, width=1000), encoding="utf-8")
    laid, _ = laid_out(project, "clinical")
    parts = [s for s in laid.slides if any(b.role == "columns" for b in s.boxes)]
    rows = [[len(b.paras) - 1 for b in s.boxes if b.role == "columns"] for s in parts]
    assert len(parts) == 2, rows
    assert rows[0][0] == rows[0][1] and rows[1][0] == rows[1][1] >= 6, rows
    assert len({b.size for s in parts for b in s.boxes if b.role == "columns"}) == 1


# ---------------------------------------------------------------- the default kit


@pytest.mark.parametrize("audience", ["all-staff", "clinical"])
def test_default_kit_laid_out_deck_matches_golden(
    audience: str, kit_decks: dict[str, Path]
) -> None:
    laid, _ = laid_out(REPO, audience)
    # the deck the build made is this laid-out deck
    prs = Presentation(str(kit_decks[audience]))
    titles = [s.shapes.title.text_frame.text if s.shapes.title else "" for s in prs.slides]
    assert titles == [s.title for s in laid.slides]
    golden = GOLDEN / f"deck-{audience}.txt"
    text = dump(laid)
    if REGENERATE:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.is_file(), f"{golden.name} is missing: run with MATERIALS_GEN_REGENERATE=1"
    assert text == golden.read_text(encoding="utf-8"), (
        f"the laid-out deck differs from {golden.name}; if the change is meant, regenerate "
        "with MATERIALS_GEN_REGENERATE=1 and review the diff"
    )


def test_a_long_footer_grows_instead_of_being_cut(tmp_path: Path) -> None:
    footer = "A very long course title that goes on and on " * 14
    markdown = (
        f'---\ntitle: "Safe Rooms"\naudience: "All staff"\nfooter: "{footer.strip()}"\n---\n\n'
        "::::: {.slide .bullets}\n## Rooms\n\n- One point\n\n::: notes\nSay it.\n:::\n:::::\n"
    )
    laid = lay_out(parse(markdown), load_theme(PROJECTS / "minimal"), RenderOptions())
    (slide,) = laid.slides
    assert slide.footer is not None and slide.footer.moved
    assert slide.footer.size == ROLES["footer"].floor
    assert slide.footer.rect.bottom == pytest.approx((6.95 + 0.35) * 72)  # grown upwards
    assert slide.footer.rect.height > 0.35 * 72  # taller than the layout's footer
    path = tmp_path / "deck.pptx"
    path.write_bytes(deck.write(laid, RenderOptions()).data)
    shapes = Presentation(str(path)).slides[0].placeholders
    (shape,) = [s for s in shapes if s.text_frame.text == footer.strip()]
    assert (shape.left, shape.top, shape.width, shape.height) == slide.footer.rect.emu()


def test_printed_slides_show_the_template_background_and_logo(tmp_path: Path) -> None:
    template = make_branded_template(tmp_path / "brand.pptx")
    laid, options = with_template(template)
    for slide in laid.slides:
        assert slide.background.colour == "#F3E9D2", slide.number
        (logo,) = [d for d in slide.decorations if d.picture is not None]
        assert (logo.rect.x, logo.rect.y) == (pytest.approx(8.4 * 72), pytest.approx(0.2 * 72))
    printed = slide_handout.print_slides(
        laid, load_theme(PROJECTS / "minimal"), _with(options, per_page=1)
    )
    page = _page_image(printed.data, tmp_path)
    assert _pixel(page, 0.2, 0.5) == (0xF3, 0xE9, 0xD2)  # the master's background
    reader = PdfReader(_bytes(printed.data))
    assert len(reader.pages[0].images) == 1  # the logo, drawn on the printed slide
    assert powerpoint_findings(template) == []


def test_a_placeholder_s_own_fill_is_printed_behind_its_text(tmp_path: Path) -> None:
    """A title band drawn by the layout's title placeholder itself (its own fill, white
    text): the printed slides, notes pages and thumbnails showed no band, and the white
    title vanished on white. The placeholder's fill and outline are drawn behind its text."""
    from pptx.dml.color import RGBColor

    template = make_corporate_template(tmp_path / "band.pptx")
    prs = Presentation(str(template))
    for layout in prs.slide_layouts:
        for ph in layout.placeholders:
            if ph.placeholder_format.type is not None and "TITLE" in str(
                ph.placeholder_format.type
            ):
                ph.fill.solid()
                ph.fill.fore_color.rgb = RGBColor(0x00, 0x33, 0x66)
                ph.line.color.rgb = RGBColor(0xCC, 0x00, 0x00)
    prs.save(str(template))
    laid, options = with_template(template)
    titled = [s for s in laid.slides if s.title.strip()]
    assert titled and all(
        box.style.fill is not None and box.style.fill.colour == "#003366"
        for s in titled
        for box in s.boxes
        if box.role == "slide-title"
    )
    slide = next(s for s in titled if s.kind == "bullets")
    title = next(b for b in slide.boxes if b.role == "slide-title")
    assert title.style.outline is not None and title.style.outline[0] == "#CC0000"
    printed = slide_handout.print_slides(
        laid, load_theme(PROJECTS / "minimal"), _with(options, per_page=1)
    )
    page = _page_image(printed.data, tmp_path, page=slide.number)
    data = page.split(b"\n", 3)[3]
    navy = sum(1 for at in range(0, len(data) - 2, 3) if data[at : at + 3] == b"\x00\x33\x66")
    # the band, as PowerPoint draws it: a tenth of the title's box at the least
    width, _ = map(int, page.split(b"\n", 3)[1].split())
    share = width / (laid.width + 0.0)
    assert navy > 0.1 * (title.rect.width * share) * (title.rect.height * share), navy


def test_a_master_s_shapes_print_with_their_own_outline(tmp_path: Path) -> None:
    """A triangle, a chevron and a freeform wedge on the master printed as filled rectangles
    (the freeform a band hiding the last line of text); a star, whose outline is not drawn
    here, the same. Polygons and freeforms now print with their own outline, and an outline
    that cannot be drawn is left off rather than drawn as its box; a logo the template
    shows in greys prints in greys."""
    import io

    from PIL import Image
    from pptx.dml.color import RGBColor
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.oxml.shapes.picture import CT_Picture
    from pptx.util import Inches

    template = make_corporate_template(tmp_path / "shapes.pptx")
    prs = Presentation(str(template))
    scratch = prs.slides.add_slide(prs.slide_layouts[0]).shapes  # drawn here, moved over
    for kind, left in ((MSO_SHAPE.ISOSCELES_TRIANGLE, 0), (MSO_SHAPE.CHEVRON, 2),
                       (MSO_SHAPE.STAR_5_POINT, 4)):  # fmt: skip
        shape = scratch.add_shape(kind, Inches(left), Inches(6.5), Inches(1.5), Inches(1))
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor(0x20, 0x80, 0x20)
        shape.line.fill.background()
    wedge = scratch.build_freeform(Inches(6), Inches(7.5))
    wedge.add_line_segments([(Inches(10), Inches(7.5)), (Inches(10), Inches(6.5))], close=True)
    wedge.convert_to_shape().fill.solid()
    master = prs.slide_master
    tree = master.shapes._spTree
    for element in [s._element for s in scratch if not s.is_placeholder]:
        tree.append(element)
    logo = io.BytesIO()
    Image.new("RGB", (60, 30), (200, 30, 60)).save(logo, format="PNG")
    _, rid = master.part.get_or_add_image_part(logo)
    picture = CT_Picture.new_pic(99, "Logo", "", rid, *(Inches(v) for v in (8, 0.1, 1.2, 0.6)))
    picture.find(".//" + qn("a:blip")).append(OxmlElement("a:grayscl"))
    tree.append(picture)
    listed = prs.slides._sldIdLst
    prs.part.drop_rel(listed[0].rId)
    listed.remove(listed[0])
    prs.save(str(template))
    laid, _ = with_template(template)
    drawn = laid.slides[1].decorations
    outlines = [d.outline_points for d in drawn if d.shape == "path"]
    assert sorted(len(o[0]) for o in outlines) == [3, 3, 6]  # wedge, triangle, chevron
    assert not [d for d in drawn if d.shape == "rect" and d.rect.y > 6 * 72]  # no star box
    (grey,) = [d.picture for d in drawn if d.picture is not None and d.rect.y < 72]
    with Image.open(io.BytesIO(grey.data)) as shown:
        red, green, blue, _ = shown.convert("RGBA").getpixel((30, 15))
    assert red == green == blue


def test_a_background_style_of_the_theme_is_printed_as_its_gradient(tmp_path: Path) -> None:
    """A master whose background is one of the theme's background styles (Design >
    Background Styles: ``p:bgRef idx="1003"``, a gradient outward from the middle in
    shades of accent 2): the printed slides showed a flat accent 2. They show the theme's
    gradient, its stops shaded as the theme says (tints, shades and saturation)."""
    from pptx.oxml import parse_xml
    from pptx.oxml.ns import nsdecls

    template = make_corporate_template(tmp_path / "styled.pptx")
    prs = Presentation(str(template))
    data = prs.slide_master._element.cSld
    if data.bg is not None:
        data.remove(data.bg)
    data.insert(
        0,
        parse_xml(
            f'<p:bg {nsdecls("p", "a")}><p:bgRef idx="1003">'
            '<a:schemeClr val="accent2"/></p:bgRef></p:bg>'
        ),
    )
    for layout in prs.slide_layouts:  # the master's background shows on every layout
        if layout._element.cSld.bg is not None:
            layout._element.cSld.remove(layout._element.cSld.bg)
    prs.save(str(template))
    laid, options = with_template(template)
    background = laid.slides[1].background
    assert background.centre == (0.5, 0.5) and len(background.stops) == 2
    (_, light), (_, dark) = background.stops
    assert sum(bytes.fromhex(light[1:7])) > sum(bytes.fromhex(dark[1:7]))  # light in the middle
    printed = slide_handout.print_slides(
        laid, load_theme(PROJECTS / "minimal"), _with(options, per_page=1)
    )
    assert b"/ShadingType 3" in printed.data  # a radial shading, as drawn in the PDF


def test_the_deck_writes_the_marks_and_direction_it_was_laid_out_with(tmp_path: Path) -> None:
    """A master whose body style numbers its first level (buAutoNum) and reads from the
    right (rtl="1"), with a hidden shape: the deck showed "1. 2. 3." and bullets on the
    right where the printed slides showed "•" on the left, and the hidden shape (not drawn
    by PowerPoint) was printed. The deck now writes the bullet and the direction the slides
    were laid out and printed with, and hidden shapes are left out."""
    from pptx.oxml import parse_xml
    from pptx.oxml.ns import nsdecls

    template = make_corporate_template(tmp_path / "numbered.pptx")
    prs = Presentation(str(template))
    master = prs.slide_master._element
    level = master.find(qn("p:txStyles")).find(qn("p:bodyStyle")).find(qn("a:lvl1pPr"))
    level.set("rtl", "1")
    for old in [*level.findall(qn("a:buChar")), *level.findall(qn("a:buFont"))]:
        level.remove(old)
    at = level.find(qn("a:defRPr"))
    at.addprevious(parse_xml(f'<a:buAutoNum {nsdecls("a")} type="arabicPeriod"/>'))
    hidden = (
        f'<p:sp {nsdecls("p", "a")}><p:nvSpPr><p:cNvPr id="90" name="Old logo" hidden="1"/>'
        '<p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="0" y="0"/>'
        '<a:ext cx="914400" cy="914400"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
        '</a:prstGeom><a:solidFill><a:srgbClr val="FF0000"/></a:solidFill></p:spPr></p:sp>'
    )
    master.find(qn("p:cSld")).find(qn("p:spTree")).append(parse_xml(hidden))
    prs.save(str(template))
    laid, options = with_template(template)
    assert not [d for d in laid.slides[1].decorations if d.fill.colour == "#FF0000"]
    written = Presentation(_bytes(deck.write(laid, options).data))
    bulleted = [
        p._p.find(qn("a:pPr"))
        for slide in written.slides
        for shape in slide.shapes
        if shape.has_text_frame
        for p in shape.text_frame.paragraphs
        if p.runs
        and p._p.find(qn("a:pPr")) is not None
        and p._p.find(qn("a:pPr")).find(qn("a:buNone")) is None
        and p._p.find(qn("a:pPr")).find(qn("a:buAutoNum")) is None
        and p._p.find(qn("a:pPr")).get("lvl") is None
        and shape.is_placeholder
        and shape.placeholder_format.idx == 1
    ]
    assert len(bulleted) > 5
    for props in bulleted:
        assert props.find(qn("a:buChar")).get("char") == "\u2022"
        assert props.get("rtl") == "0"


def test_a_master_s_dashed_arrow_prints_dashed_with_its_arrowhead(tmp_path: Path) -> None:
    """A dashed connector ending in an arrow on the master printed as a solid line, with no
    arrow: it prints dashed, its arrowhead drawn."""
    from pptx.dml.color import RGBColor
    from pptx.enum.dml import MSO_LINE
    from pptx.enum.shapes import MSO_CONNECTOR
    from pptx.oxml import parse_xml
    from pptx.oxml.ns import nsdecls
    from pptx.util import Inches, Pt

    template = make_corporate_template(tmp_path / "arrow.pptx")
    prs = Presentation(str(template))
    scratch = prs.slides.add_slide(prs.slide_layouts[0]).shapes
    line = scratch.add_connector(
        MSO_CONNECTOR.STRAIGHT, Inches(0.5), Inches(7), Inches(9.5), Inches(7)
    )
    line.line.color.rgb = RGBColor(0x10, 0x60, 0xB0)
    line.line.width = Pt(3)
    line.line.dash_style = MSO_LINE.DASH
    line.line._get_or_add_ln().append(parse_xml(f'<a:tailEnd {nsdecls("a")} type="triangle"/>'))
    prs.slide_master.shapes._spTree.append(line._element)
    listed = prs.slides._sldIdLst
    prs.part.drop_rel(listed[0].rId)
    listed.remove(listed[0])
    prs.save(str(template))
    laid, options = with_template(template)
    (drawn,) = [d for d in laid.slides[1].decorations if d.shape == "line"]
    assert drawn.dash == (12.0, 9.0) and drawn.ends == ("", "triangle")
    printed = slide_handout.print_slides(
        laid, load_theme(PROJECTS / "minimal"), _with(options, per_page=1)
    )
    content = _drawn(printed.data, 1)
    assert b"[ 12 9 ] 0 d" in content or b"[12 9] 0 d" in content


def test_a_second_list_level_is_printed_as_the_template_draws_it(tmp_path: Path) -> None:
    """A master whose body style draws its second level red, bold, italic and in capitals:
    the deck showed it so and the printed slides in the first level's plain black, fitted
    as such. Each level is fitted and printed as the template draws it."""
    from pptx.oxml import parse_xml
    from pptx.oxml.ns import nsdecls

    from materials_gen.render.slides import Para, Run

    template = make_corporate_template(tmp_path / "levels.pptx")
    prs = Presentation(str(template))
    body = prs.slide_master._element.find(qn("p:txStyles")).find(qn("p:bodyStyle"))
    second = body.find(qn("a:lvl2pPr"))
    old = second.find(qn("a:defRPr"))
    second.replace(
        old,
        parse_xml(
            f'<a:defRPr {nsdecls("a")} sz="2400" b="1" i="1" cap="all">'
            '<a:solidFill><a:srgbClr val="CC0000"/></a:solidFill></a:defRPr>'
        ),
    )
    prs.save(str(template))
    laid, _ = with_template(template)
    box = next(b for s in laid.slides for b in s.boxes if b.role == "body")
    assert box.style.look(1).colour == "#CC0000" and box.style.look(0).colour != "#CC0000"
    shown = box.style.shown((Para((Run("a point"),)), Para((Run("under it"),), level=1)))
    assert not shown[0].caps and not shown[0].runs[0].italic
    assert shown[1].caps and shown[1].runs[0].italic and shown[1].runs[0].bold


def test_a_turned_title_placeholder_prints_turned(tmp_path: Path) -> None:
    """A layout's title placeholder turned by 10 degrees: slides inherit the turn, and the
    printed slides showed the title level. It prints turned, as the deck shows it."""
    template = make_corporate_template(tmp_path / "turned.pptx")
    prs = Presentation(str(template))
    for layout in prs.slide_layouts:
        for ph in layout.placeholders:
            if "TITLE" in str(ph.placeholder_format.type):
                ph.rotation = -10.0
    prs.save(str(template))
    laid, options = with_template(template)
    titles = [b for s in laid.slides for b in s.boxes if b.role == "slide-title"]
    assert titles and all(b.style.rotation == 350.0 for b in titles)
    printed = slide_handout.print_slides(
        laid, load_theme(PROJECTS / "minimal"), _with(options, per_page=1)
    )
    content = _drawn(printed.data, 1)
    # the title drawn in a frame turned by 10 degrees: sin 10 = .173648
    assert b".173648" in content


def test_a_template_naming_one_of_powerpoint_s_own_table_styles_is_told(tmp_path: Path) -> None:
    """A template whose default table style is one of PowerPoint's own (Light Style 1 -
    Accent 2), whose colours are PowerPoint's alone: the deck's tables were drawn in the
    usual style without a word, while the README said the template's style is used."""
    import re as pattern

    template = make_corporate_template(tmp_path / "styled.pptx")
    prs = Presentation(str(template))
    part = next(
        p for p in prs.part.package.iter_parts() if str(p.partname).endswith("tableStyles.xml")
    )
    light = "{9D7B26C5-4107-4FEC-AEDC-1716B250EE53}"
    part._blob = pattern.sub(rb'def="[^"]*"', f'def="{light}"'.encode(), part.blob)
    prs.save(str(template))
    laid, _ = with_template(template)
    assert any(s.table for s in laid.slides)
    (message, hint), *_ = [n for n in laid.notes if "table style" in n[0]]
    assert light in message and "Medium Style 2" in message and "New Table Style" in hint
    plain, _ = with_template(make_corporate_template(tmp_path / "plain.pptx"))
    assert not [n for n in plain.notes if "table style" in n[0]]


def test_a_freeform_of_two_paths_keeps_each_to_its_own_size() -> None:
    """A freeform of two paths, each 100 x 100: the first was scaled twice, a dot in the
    corner of the printed slide."""
    from pptx.oxml import parse_xml
    from pptx.oxml.ns import nsdecls

    from materials_gen.render.layout import _custom_outline

    triangle = (
        '<a:path w="100" h="100"><a:moveTo><a:pt x="0" y="0"/></a:moveTo>'
        '<a:lnTo><a:pt x="100" y="0"/></a:lnTo><a:lnTo><a:pt x="100" y="100"/></a:lnTo>'
        "<a:close/></a:path>"
    )
    geometry = parse_xml(
        f"<a:custGeom {nsdecls('a')}><a:pathLst>{triangle * 2}</a:pathLst></a:custGeom>"
    )
    first, second = _custom_outline(geometry)
    assert first == second == ((0.0, 0.0), (1.0, 0.0), (1.0, 1.0))


def test_text_is_fitted_and_printed_in_the_template_fonts(
    corporate: tuple[LaidOutDeck, RenderOptions], tmp_path: Path
) -> None:
    template = make_template_with_fonts(tmp_path / "brand.pptx", "Poppins", "Lato")
    laid, options = with_template(template)
    assert laid.heading_font is not None and laid.heading_font.name == "Poppins"
    assert laid.body_font is not None and laid.body_font.name == "Lato"
    theme = load_theme(PROJECTS / "minimal")
    printed = PdfReader(_bytes(slide_handout.print_slides(laid, theme, options).data))
    fonts = {
        str(font["/BaseFont"])
        for page in printed.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("Poppins" in f for f in fonts) and any("Lato" in f for f in fonts), fonts
    # a template font materials-gen does not have (Calibri): the theme's fonts, as before,
    # and the trainer is told, with the font of Calibri's widths to give the theme
    plain, _ = corporate
    assert plain.body_font == theme.body_font and plain.heading_font == theme.heading_font
    ((message, hint),) = [n for n in plain.notes if "font" in n[0]]  # (and its layouts')
    assert "font 'Calibri' is not one materials-gen has" in message and "Carlito" in hint
    assert not [n for n in laid.notes if "font" in n[0]]


def test_the_fonts_the_master_s_text_styles_name_are_fitted_and_printed(tmp_path: Path) -> None:
    """A master whose title style names the theme's body font ('+mn-lt'), as LibreOffice
    and designers write it: titles were fitted and printed in the theme's heading font
    while PowerPoint drew the body font. A style naming a font outside the theme (one
    materials-gen lacks) was passed over without a word; the trainer is now told."""
    template = make_template_with_fonts(tmp_path / "brand.pptx", "EB Garamond", "Lato")
    style_master_text(template, {"typeface": "+mn-lt"}, {})
    laid, _ = with_template(template)
    assert laid.heading_font is not None and laid.heading_font.name == "Lato"
    assert laid.body_font is not None and laid.body_font.name == "Lato"
    style_master_text(template, {"typeface": "+mj-lt"}, {"typeface": "Wingdings Sans Mono"})
    laid, _ = with_template(template)
    assert laid.heading_font is not None and laid.heading_font.name == "EB Garamond"
    ((message, _),) = [n for n in laid.notes if "font" in n[0]]
    assert "its body font 'Wingdings Sans Mono' is not one materials-gen has" in message


def test_a_layout_that_draws_its_titles_in_a_font_of_its_own_is_fitted_in_it(
    tmp_path: Path,
) -> None:
    """A layout restyled to draw its titles in Poppins, the others' in Lato: every slide was
    fitted and printed in Lato, so that layout's titles broke elsewhere on paper than in
    PowerPoint, without a word. Its slides are fitted and printed in Poppins (the other
    layouts' in Lato); a layout in a font materials-gen does not have is told, naming the
    layout and the fonts."""
    from pptx.oxml.ns import qn

    template = make_template_with_fonts(tmp_path / "brand.pptx", "Lato", "Lato")

    def restyle(layout_name: str, face: str) -> None:
        prs = Presentation(str(template))
        (layout,) = [lay for lay in prs.slide_layouts if lay.name == layout_name]
        for placeholder in layout.placeholders:
            if placeholder.placeholder_format.type == PP_PLACEHOLDER.TITLE:
                _own_list_style(placeholder._element, f'><a:latin typeface="{face}"/>')
        assert layout._element.find(f".//{qn('a:latin')}") is not None
        prs.save(str(template))

    restyle("Bullets", "Poppins")
    laid, options = with_template(template)
    assert laid.heading_font is not None and laid.heading_font.name == "Lato"
    faces = {
        (s.layout, "Poppins" in font)
        for s in laid.slides
        for b in s.boxes
        if b.role == "slide-title"
        for line in b.lines[0]
        for _, font in line.pieces
    }
    assert ("Bullets", True) in faces and ("Bullets", False) not in faces, faces
    assert not any(poppins for layout, poppins in faces if layout != "Bullets"), faces
    # (of the notes on the layouts' fonts; Office's grey footers are told as too faint)
    assert not [n for n in laid.notes if "draws its" in n[0] and "a contrast of" not in n[0]]
    fonts = _printed_fonts(laid, options)
    assert any("Poppins" in f for f in fonts), fonts
    restyle("Bullets", "Futura PT")
    laid, _ = with_template(template)
    ((message, hint),) = [
        n for n in laid.notes if "draws its" in n[0] and "a contrast of" not in n[0]
    ]
    assert message.startswith(
        "layout 'Bullets' draws its titles in Futura PT, the other layouts in Lato, and "
        "materials-gen does not have Futura PT: this layout's slides are fitted and printed "
        "in Lato"
    )
    assert "give layout 'Bullets' the font" in hint


def test_footers_are_fitted_and_printed_in_the_font_their_placeholder_names(
    tmp_path: Path,
) -> None:
    """A footer placeholder naming a font of its own (as LibreOffice saves a template: a
    serif footer under sans-serif slides) was fitted in the body font, so a long footer,
    wider as drawn, took a line more than its box holds and ran to the slide's bottom edge
    in PowerPoint and LibreOffice. It is fitted and printed in its own font when
    materials-gen has it; a font it lacks is told, with what to do."""
    from materials_gen.fit import LINE

    template = make_template_with_fonts(tmp_path / "brand.pptx", "Lato", "Lato")

    def footer_in(face: str) -> None:
        prs = Presentation(str(template))
        for placeholder in prs.slide_master.placeholders:
            if placeholder.placeholder_format.type == PP_PLACEHOLDER.FOOTER:
                _own_list_style(placeholder._element, f'sz="1400"><a:latin typeface="{face}"/>')
        prs.save(str(template))

    footer_in("EB Garamond")
    laid, options = with_template(template)
    assert laid.body_font is not None and laid.body_font.name == "Lato"
    footers = [s.footer for s in laid.slides if s.footer is not None]
    assert footers
    faces = {
        font for f in footers for lines in f.lines for line in lines for _, font in line.pieces
    }
    assert faces and all("Garamond" in face for face in faces), faces
    for footer in footers:  # its lines, as measured in that font, within its box
        lines = sum(len(lines) for lines in footer.lines)
        assert lines * footer.size * LINE <= footer.rect.height, (lines, footer.size)
    fonts = _printed_fonts(laid, options)
    assert any("Garamond" in f for f in fonts), fonts
    assert not [n for n in laid.notes if "footer font" in n[0]]
    # a footer font materials-gen does not have: the body's, and the trainer is told
    footer_in("Futura PT")
    laid, _ = with_template(template)
    faces = {
        font
        for s in laid.slides
        for lines in s.footer.lines
        for line in lines
        for _, font in line.pieces
    }
    assert faces and all("Lato" in face for face in faces), faces
    ((message, hint),) = [n for n in laid.notes if "footer font" in n[0]]
    assert "its footer font 'Futura PT' is not one materials-gen has" in message
    assert "Slide Master" in hint


def test_a_layout_s_own_footer_font_and_the_slide_number_s_are_fitted_in_them(
    tmp_path: Path,
) -> None:
    """A footer restyled on one layout, and a slide number in a font of its own, were
    fitted and printed in the deck's footer font, breaking elsewhere on paper than on
    screen, and a font materials-gen lacks there was not told. Each is fitted in the font
    its own placeholder names; one it lacks is told with the layouts that name it."""
    template = make_template_with_fonts(tmp_path / "brand.pptx", "Lato", "Lato")

    def restyle(face: str, kind: PP_PLACEHOLDER, layout_name: str | None) -> None:
        prs = Presentation(str(template))
        holders = (
            prs.slide_master.placeholders
            if layout_name is None
            else next(lay for lay in prs.slide_layouts if lay.name == layout_name).placeholders
        )
        for placeholder in holders:
            if placeholder.placeholder_format.type == kind:
                _own_list_style(placeholder._element, f'><a:latin typeface="{face}"/>')
        prs.save(str(template))

    def faces(laid: LaidOutDeck, which: str) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for slide in laid.slides:
            box = getattr(slide, which)
            for lines in box.lines if box is not None else ():
                for line in lines:
                    found.setdefault(slide.layout, set()).update(f for _, f in line.pieces)
        return found

    restyle("EB Garamond", PP_PLACEHOLDER.FOOTER, "Bullets")
    restyle("Poppins", PP_PLACEHOLDER.SLIDE_NUMBER, None)
    laid, _ = with_template(template)
    footers = faces(laid, "footer")
    assert all("Garamond" in f for f in footers["Bullets"]), footers
    assert all(
        "Lato" in f for name, found in footers.items() if name != "Bullets" for f in found
    ), footers
    numbers = faces(laid, "slide_number")
    assert numbers and all("Poppins" in f for found in numbers.values() for f in found), numbers
    assert not [n for n in laid.notes if "not one materials-gen has" in n[0]]
    # a font materials-gen lacks on that layout alone: told, naming the layout
    restyle("Futura PT", PP_PLACEHOLDER.FOOTER, "Bullets")
    laid, _ = with_template(template)
    ((message, _),) = [n for n in laid.notes if "not one materials-gen has" in n[0]]
    assert "its footer font 'Futura PT' is not one materials-gen has (layout 'Bullets')" in (
        message
    )


def _printed_fonts(laid: LaidOutDeck, options: RenderOptions) -> set[str]:
    """The fonts the printed slides of ``laid`` embed."""
    printed = PdfReader(
        _bytes(slide_handout.print_slides(laid, load_theme(PROJECTS / "minimal"), options).data)
    )
    return {
        str(font["/BaseFont"])
        for page in printed.pages
        for font in page["/Resources"]["/Font"].values()
    }


def _own_list_style(shape: object, first_level: str) -> None:
    """Give a placeholder (its element) a list style of its own, ``first_level`` being what
    its first level's run properties say (``sz="2800" b="1"``, or an ``a:latin`` inside)."""
    from lxml import etree

    body = shape.find(qn("p:txBody"))
    for old in body.findall(qn("a:lstStyle")):
        body.remove(old)
    a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    attributes, _, inside = first_level.partition(">")
    run = f"<a:defRPr {attributes}>{inside}</a:defRPr>" if inside else f"<a:defRPr {attributes}/>"
    body.insert(
        1, etree.fromstring(f'<a:lstStyle xmlns:a="{a}"><a:lvl1pPr>{run}</a:lvl1pPr></a:lstStyle>')
    )


def test_the_font_a_templates_placeholders_name_is_fitted_and_printed(tmp_path: Path) -> None:
    """Google Slides, and PowerPoint when a designer restyles a layout's placeholders,
    name the font in the placeholders' own style rather than the master's text styles:
    slides were fitted and printed in the theme's font while PowerPoint drew the
    placeholders' (wider) one, and the projected text ran over the footer."""
    template = make_corporate_template(tmp_path / "placed.pptx")
    prs = Presentation(str(template))
    for layout in prs.slide_layouts:
        for shape in layout.placeholders:
            if shape._element.find(qn("p:txBody")) is not None:
                _own_list_style(shape._element, '><a:latin typeface="Poppins"/>')
    prs.save(str(template))
    laid, options = with_template(template)
    assert laid.body_font is not None and laid.body_font.name == "Poppins"
    assert laid.heading_font is not None and laid.heading_font.name == "Poppins"
    printed = slide_handout.print_slides(
        laid, load_theme(PROJECTS / "minimal"), _with(options, per_page=1)
    )
    assert b"Poppins" in printed.data
    # one layout's font alone is not every slide's: the others draw the master's
    prs = Presentation(str(template))
    for layout in list(prs.slide_layouts)[1:]:
        for shape in layout.placeholders:
            body = shape._element.find(qn("p:txBody"))
            for old in body.findall(qn("a:lstStyle")) if body is not None else ():
                body.remove(old)
    prs.save(str(template))
    laid, _ = with_template(template)
    assert laid.heading_font is not None and laid.heading_font.name != "Poppins"


def test_a_slide_number_prints_in_the_templates_own_size_and_weight(tmp_path: Path) -> None:
    """A template whose slide numbers are 28 pt bold projected them so, and printed them at
    the footer's 11 pt, regular."""
    template = make_corporate_template(tmp_path / "numbered.pptx")
    prs = Presentation(str(template))
    for layout in prs.slide_layouts:
        for shape in layout.placeholders:
            if shape.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER:
                _own_list_style(shape._element, 'sz="2800" b="1"')
    # a layout without a number of its own shows the master's, at the master's size
    (number,) = [
        ph
        for ph in prs.slide_master.placeholders
        if ph.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER
    ]
    _own_list_style(number._element, 'sz="2850" b="1"')
    for layout in prs.slide_layouts:
        for shape in list(layout.placeholders):
            if shape.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER and (
                layout.name != "Title Slide"
            ):
                shape._element.getparent().remove(shape._element)
    prs.save(str(template))
    laid, options = with_template(template)
    numbers = [s.slide_number for s in laid.slides if s.slide_number is not None]
    assert numbers and all(n.size in (28, 28.5) for n in numbers)
    assert all(r.bold for n in numbers for p in n.paras for r in p.runs)
    printed = slide_handout.print_slides(
        laid, load_theme(PROJECTS / "minimal"), _with(options, per_page=1)
    )
    assert re.search(rb"/F\d+\+0 28(\.5)? Tf", _drawn(printed.data, 1))
    # the deck writes each size as the whole hundredths of a point the format allows
    written = deck.write(laid, options).data
    with zipfile.ZipFile(_bytes(written)) as package:
        slides = [n for n in package.namelist() if n.startswith("ppt/slides/slide")]
        said = rb'<a:(?:rPr|defRPr|endParaRPr)[^>]* sz="([^"]*)"'
        sizes = {s for n in slides for s in re.findall(said, package.read(n))}
    assert sizes and all(s.isdigit() for s in sizes), sizes


def test_a_template_s_paragraph_and_letter_spacing_are_not_written_into_the_deck(
    tmp_path: Path,
) -> None:
    """A master's body style with 24 pt after each paragraph and wide letter spacing: the
    slides were fitted without them, and the projected deck ran into its footer while the
    printed slides fitted. The deck writes the spacing it was fitted with."""
    template = style_master_text(
        make_corporate_template(tmp_path / "spaced.pptx"),
        {"spc": "600"},
        {"spcAft": "24", "spc": "300"},
    )
    laid, options = with_template(template)
    written = Presentation(_bytes(deck.write(laid, options).data))
    paragraphs = [
        paragraph
        for slide in written.slides
        for shape in slide.shapes
        if shape.has_text_frame
        for paragraph in shape.text_frame.paragraphs
        if paragraph.runs
    ]
    assert len(paragraphs) > 50
    for paragraph in paragraphs:
        after = paragraph._p.find(qn("a:pPr")).find(qn("a:spcAft"))
        assert after is not None and after[0].get("val") == "0"
        assert {r._r.find(qn("a:rPr")).get("spc") for r in paragraph.runs} == {"0"}


def test_check_and_build_tell_of_a_template_font_once_at_its_file(project: Path) -> None:
    """Office's own template names Calibri: ``check`` and ``build`` both warn, once for the
    template (not once per deck), naming its file, so that --strict gives the same answer."""
    template = project / "templates" / "office.pptx"
    template.parent.mkdir()
    Presentation().save(str(template))
    edit(
        project / "content" / "course.yaml",
        "settings:\n",
        "settings:\n  deck:\n    template: templates/office.pptx\n",
    )
    runner = CliRunner()
    checked = runner.invoke(main, ["check", "-p", str(project), "--strict"])
    built = runner.invoke(main, ["build", "-p", str(project), "--strict", "--only", "deck"])
    for result in (checked, built):
        assert result.exit_code == 1, result.output
        said = " ".join(result.output.split())
        assert said.count("font 'Calibri' is not one materials-gen has") == 1, result.output
        assert "templates/office.pptx: warning: its body and heading font 'Calibri'" in said


def test_a_theme_font_of_the_same_widths_fits_an_office_template_quietly(project: Path) -> None:
    """Given Carlito's files (Calibri's widths), slides in Office's Calibri are fitted and
    printed in Carlito, breaking where PowerPoint breaks them: nothing to warn of."""
    import shutil

    fonts = Path("/usr/share/fonts/truetype/crosextra")
    if not (fonts / "Carlito-Regular.ttf").is_file():
        pytest.skip("Carlito is not installed (apt-get install fonts-crosextra-carlito)")
    folder = project / "templates" / "fonts"
    folder.mkdir(parents=True)
    for style in ("Regular", "Bold", "Italic", "BoldItalic"):
        shutil.copy(fonts / f"Carlito-{style}.ttf", folder)
    theme = (REPO / "templates" / "theme.yaml").read_text(encoding="utf-8")
    family = (
        "{regular: fonts/Carlito-Regular.ttf, bold: fonts/Carlito-Bold.ttf, "
        "italic: fonts/Carlito-Italic.ttf, bold_italic: fonts/Carlito-BoldItalic.ttf}"
    )
    theme = theme.replace("body: Noto Sans", f"body: {family}")
    theme = theme.replace("heading: Noto Sans", f"heading: {family}")
    (project / "templates" / "theme.yaml").write_text(theme, encoding="utf-8")
    template = project / "templates" / "office.pptx"
    Presentation().save(str(template))
    laid, _ = laid_out(
        project,
        "all-staff",
        deck_template=template.read_bytes(),
        deck_template_name="templates/office.pptx",
    )
    assert laid.body_font is not None and laid.body_font.name == "Carlito"
    # nothing of its fonts; its footers' grey on white (3.50:1, Office's own) is told
    assert [n for n in laid.notes if "a contrast of" not in n[0]] == []
    assert [n[0].split(":")[0] for n in laid.notes if "a contrast of" in n[0]]


def test_a_unit_in_a_slide_table_is_never_cut(project: Path) -> None:
    """A table's columns are at least as wide as the widest thing no line may break, a unit
    such as "(10 min)" included: its cell breaks between words, never inside "min" (five
    columns with long text once gave "09:00 (10 m" / "in)")."""
    row = {
        "time": "09:00 (10 min)",
        "topic": "Psychological first aid after a crisis in a busy emergency department",
        "link": "https://store.example.org/product/guidance-for-a-trauma-informed-approach/sma14",
        "lead": "Dr. Alexandra Papadopoulou-Fitzgerald and the duty team of the department",
        "note": "Bring the laminated cards, the flip chart and the sheet for the afternoon group",
    }
    table = {
        "title": "Weekly plan",
        "columns": [{"id": c, "heading": c.title()} for c in row],
        "rows": [row],
    }
    (project / "content" / "tables" / "approaches.yaml").write_text(
        yaml.safe_dump(table, sort_keys=False), encoding="utf-8"
    )
    laid, _ = laid_out(project, "clinical")
    cells = [
        [line.text for line in cell]
        for s in laid.slides
        if s.table is not None
        for row in s.table.lines
        for cell in row
        if "09:00" in "".join(line.text for line in cell)
    ]
    assert cells
    for lines in cells:
        assert any(line.endswith("(10\xa0min)") for line in lines), lines


@pytest.mark.parametrize(
    ("base", "change", "seen"),
    [
        ("#4F81BD", '<a:tint val="40000"/>', (208, 216, 231)),  # as LibreOffice shows them
        ("#C0504D", '<a:shade val="50000"/>', (142, 59, 56)),
        ("#000000", '<a:tint val="75000"/>', (139, 139, 139)),  # Office's divider subtitle
    ],
)
def test_tints_and_shades_are_mixed_as_powerpoint_mixes_them(
    base: str, change: str, seen: tuple[int, int, int]
) -> None:
    """A theme colour lightened (tint) or darkened (shade) is mixed in linear light, as
    PowerPoint and LibreOffice mix it: printed slides show the colour projected."""
    from lxml import etree

    from materials_gen.render.layout import _modified

    colour = etree.fromstring(f'<a:schemeClr xmlns:a="urn:a">{change}</a:schemeClr>')
    found = _modified(base, colour)
    drawn = tuple(int(found[i : i + 2], 16) for i in (1, 3, 5))
    assert all(abs(a - b) <= 3 for a, b in zip(drawn, seen, strict=True)), (found, seen)


def test_printed_slides_take_see_through_fills_gradients_patterns_and_cropped_pictures(
    tmp_path: Path,
) -> None:
    """A master with a see-through black band over a background running from dark to light,
    a patterned shape and a logo cropped to its top-left quarter: the printed slide shows
    each as PowerPoint does (the band lets the background through; a gradient, not its
    first colour; the pattern's colours mixed; only the part of the logo shown)."""
    import io

    from PIL import Image
    from pptx.oxml import parse_xml
    from pptx.oxml.ns import nsdecls

    path = make_corporate_template(tmp_path / "brand.pptx")
    prs = Presentation(str(path))
    master = prs.slide_master
    picture = io.BytesIO()
    quarters = Image.new("RGB", (40, 40), (0, 160, 0))
    quarters.paste((200, 0, 0), (0, 0, 20, 20))  # the top-left quarter red
    quarters.save(picture, format="PNG")
    picture.seek(0)
    _, rid = master.part.get_or_add_image_part(picture)
    ns = nsdecls("p", "a", "r")
    emu = 12700
    shapes = [
        f'<p:sp {ns}><p:nvSpPr><p:cNvPr id="90" name="Band"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
        f'<p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{720 * emu}" cy="{90 * emu}"/>'
        '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill>'
        '<a:srgbClr val="000000"><a:alpha val="25000"/></a:srgbClr></a:solidFill></p:spPr></p:sp>',
        f'<p:sp {ns}><p:nvSpPr><p:cNvPr id="91" name="Dots"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
        f'<p:spPr><a:xfrm><a:off x="{600 * emu}" y="{440 * emu}"/><a:ext cx="{60 * emu}" '
        f'cy="{60 * emu}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        '<a:pattFill prst="pct50"><a:fgClr><a:srgbClr val="0000FF"/></a:fgClr><a:bgClr>'
        '<a:srgbClr val="FFFFFF"/></a:bgClr></a:pattFill></p:spPr></p:sp>',
        f'<p:pic {ns}><p:nvPicPr><p:cNvPr id="92" name="Logo"/><p:cNvPicPr/><p:nvPr/>'
        f'</p:nvPicPr><p:blipFill><a:blip r:embed="{rid}"/><a:srcRect r="50000" b="50000"/>'
        "<a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr><a:xfrm>"
        f'<a:off x="{20 * emu}" y="{440 * emu}"/><a:ext cx="{60 * emu}" cy="{60 * emu}"/>'
        '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>',
    ]
    for xml in shapes:
        master.shapes._spTree.append(parse_xml(xml))
    background = (
        f'<p:bg {ns}><p:bgPr><a:gradFill><a:gsLst><a:gs pos="0"><a:srgbClr val="102040"/>'
        '</a:gs><a:gs pos="100000"><a:srgbClr val="F0F0F0"/></a:gs></a:gsLst>'
        '<a:lin ang="5400000" scaled="0"/></a:gradFill><a:effectLst/></p:bgPr></p:bg>'
    )
    master._element.cSld.insert(0, parse_xml(background))
    for layout in prs.slide_layouts:  # the layouts show the master's background
        if layout._element.cSld.bg is not None:
            layout._element.cSld.remove(layout._element.cSld.bg)
    prs.save(str(path))
    laid, options = with_template(path)
    slide = laid.slides[1]
    assert [stop for _, stop in slide.background.stops] == ["#102040", "#F0F0F0"]
    colours = [d.colour for d in slide.decorations]
    assert "#00000040" in colours and "#8080FF" in colours  # see-through; blue dots on white
    (logo,) = [d.picture for d in slide.decorations if d.picture is not None]
    assert logo.crop == (0.0, 0.0, 0.5, 0.5)
    printed = slide_handout.print_slides(
        laid, load_theme(PROJECTS / "minimal"), _with(options, per_page=1)
    )
    page = _page_image(printed.data, tmp_path, page=2)
    top, bottom = _pixel(page, 0.5, 0.3), _pixel(page, 0.5, 0.55)
    assert sum(bottom) > sum(top) + 150  # dark at the top, lighter below: a gradient
    assert top != (0, 0, 0)  # the band lets the background through


def _near(ppm: bytes, colour: tuple[int, int, int], within: int = 8) -> int:
    """How many pixels of a PPM image are within ``within`` of ``colour`` in each channel."""
    header = ppm.split(b"\n", 3)
    data = header[3]
    return sum(
        all(abs(data[i + k] - colour[k]) <= within for k in range(3))
        for i in range(0, len(data) - 2, 3)
    )


def test_see_through_shapes_and_faded_backgrounds_shown_on_every_slide_print_so(
    tmp_path: Path,
) -> None:
    """A white band at 20% on the master, over its dark background, and a divider layout
    whose background picture is faded to 40%: drawn once for all the slides that show them
    (a form), they printed solid white and at full strength, and the PDF named a graphics
    state it did not hold ("ExtGState 'gRLs0' is unknown"). Printed slides and notes pages
    show them as projected: the band lets the dark through, the picture is pale."""
    import io

    from PIL import Image
    from pptx.oxml import parse_xml
    from pptx.oxml.ns import nsdecls

    from .conftest import unnamed_resources

    path = make_corporate_template(tmp_path / "brand.pptx")
    prs = Presentation(str(path))
    master = prs.slide_master
    ns = nsdecls("p", "a", "r")
    emu = 12700
    master.shapes._spTree.append(
        parse_xml(
            f'<p:sp {ns}><p:nvSpPr><p:cNvPr id="90" name="Band"/><p:cNvSpPr/><p:nvPr/>'
            f'</p:nvSpPr><p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{720 * emu}" '
            f'cy="{90 * emu}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
            '<a:solidFill><a:srgbClr val="FFFFFF"><a:alpha val="20000"/></a:srgbClr>'
            "</a:solidFill><a:ln><a:noFill/></a:ln></p:spPr></p:sp>"
        )
    )
    master._element.cSld.insert(
        0,
        parse_xml(
            f'<p:bg {ns}><p:bgPr><a:solidFill><a:srgbClr val="203040"/></a:solidFill>'
            "<a:effectLst/></p:bgPr></p:bg>"
        ),
    )
    red = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 0, 0)).save(red, format="PNG")
    red.seek(0)
    for layout in prs.slide_layouts:
        if layout._element.cSld.bg is not None:
            layout._element.cSld.remove(layout._element.cSld.bg)
        if layout.name == "Divider":
            _, rid = layout.part.get_or_add_image_part(red)
            layout._element.cSld.insert(
                0,
                parse_xml(
                    f'<p:bg {ns}><p:bgPr><a:blipFill><a:blip r:embed="{rid}">'
                    '<a:alphaModFix amt="40000"/></a:blip><a:stretch><a:fillRect/></a:stretch>'
                    "</a:blipFill><a:effectLst/></p:bgPr></p:bg>"
                ),
            )
    prs.save(str(path))
    laid, options = with_template(path)
    theme = load_theme(PROJECTS / "minimal")
    dividers = [s for s in laid.slides if s.layout == "Divider"]
    others = [s for s in laid.slides if s.layout != "Divider"]
    assert len(dividers) >= 2 and len(others) >= 2  # each drawn once, shown on several
    band = (77, 89, 102)  # 20% white over #203040
    pale = (233, 153, 153)  # #C80000 at 40% over white paper
    for printed in (
        slide_handout.print_slides(laid, theme, _with(options, per_page=1)),
        slide_handout.print_notes(laid, theme, options),
    ):
        assert unnamed_resources(printed.data) == []
        pages = len(PdfReader(io.BytesIO(printed.data)).pages)
        drawn = [_page_image(printed.data, tmp_path, page=n) for n in range(1, pages + 1)]
        # not solid white: the dark shows through, on every slide that has the band
        assert sum(_near(page, band) > 20 for page in drawn) >= len(others)
        # pale, never at full strength, on every divider
        assert sum(_near(page, pale) > 20 for page in drawn) >= len(dividers)
        assert not any(_near(page, (200, 0, 0)) for page in drawn)


def test_a_link_on_a_slide_prints_as_the_deck_shows_it(tmp_path: Path) -> None:
    """A key point holding a link: the deck shows its words in the template's link colour
    (its theme's "hlink"), underlined, as PowerPoint and LibreOffice draw a link; the printed
    slides and notes pages drew them as the words around them. They print as projected: in
    that colour, underlined; the words around them in the text's colour; in black and
    white, black."""
    import re as regex

    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    project = tmp_path / "p"
    shutil.copytree(PROJECTS / "minimal", project)
    edit(
        project / "content" / "modules" / "intro.md",
        "  - Calm rooms help everyone",
        "  - Calm rooms help everyone, so see [the room guide](https://example.org/rooms) first",
    )
    path = make_corporate_template(tmp_path / "brand.pptx")
    prs = Presentation(str(path))
    theme = prs.slide_master.part.part_related_by(RT.THEME)
    theme._blob = regex.sub(
        rb"<a:hlink>.*?</a:hlink>",
        b'<a:hlink><a:srgbClr val="00A000"/></a:hlink>',
        theme.blob,
        flags=regex.S,
    )
    prs.save(str(path))
    laid, options = laid_out(
        project,
        "all-staff",
        deck_template=path.read_bytes(),
        deck_template_name="templates/brand.pptx",
        layouts=CORPORATE_LAYOUTS,
    )
    assert laid.colour("hlink") == "#00A000"
    (number,) = [
        n
        for n, s in enumerate(laid.slides, start=1)
        for b in s.boxes
        for p in b.paras
        if any(r.link for r in p.runs)
    ]
    green = (0, 160, 0)
    printed = slide_handout.print_slides(laid, load_theme(project), _with(options, per_page=1))
    page = _page_image(printed.data, tmp_path, page=number)
    assert _near(page, green, 40) > 5  # the link's words, and the line under them
    assert _near(_page_image(printed.data, tmp_path, page=number - 1), green, 40) == 0
    text = PdfReader(io.BytesIO(printed.data)).pages[number - 1].extract_text()
    assert "see the room guide first" in words(text)
    notes = slide_handout.print_notes(laid, load_theme(project), options)
    assert _near(_page_image(notes.data, tmp_path, page=number), green, 40) > 5
    grey = slide_handout.print_slides(
        laid, load_theme(project), _with(options, per_page=1, printing="bw")
    )
    assert _near(_page_image(grey.data, tmp_path, page=number), green, 40) == 0


def test_a_placeholders_own_bullets_and_italics_print_as_projected(tmp_path: Path) -> None:
    """A layout's body placeholder that sets its own bullet ("–"), its colour and italics:
    the printed slide shows that mark and italic text, and fits the text in italics; a
    placeholder that turns bullets off prints none."""
    from pptx.oxml import parse_xml
    from pptx.oxml.ns import nsdecls, qn

    path = make_corporate_template(tmp_path / "brand.pptx")
    prs = Presentation(str(path))
    marks = {"Bullets": '<a:buClr><a:srgbClr val="C00000"/></a:buClr><a:buChar char="–"/>'}
    for layout in prs.slide_layouts:
        mark = marks.get(layout.name)
        if mark is None:
            continue
        for placeholder in layout.placeholders:
            if placeholder.placeholder_format.type not in (2, 7):  # body, object
                continue
            body = placeholder._element.txBody
            old = body.find(qn("a:lstStyle"))
            if old is not None:
                body.remove(old)
            body.insert(
                1,
                parse_xml(
                    f'<a:lstStyle {nsdecls("a")}><a:lvl1pPr>{mark}<a:defRPr i="1"/>'
                    "</a:lvl1pPr></a:lstStyle>"
                ),
            )
    prs.save(str(path))
    laid, options = with_template(path, (*CORPORATE_LAYOUTS, ("content", "Bullets")))
    bodies = [b for s in laid.slides if s.layout == "Bullets" for b in s.boxes if b.role == "body"]
    assert bodies
    for box in bodies:
        assert box.style.bullets[0] == "–" and box.style.bullet_colour == "#C00000"
        assert box.style.italic and all(r.italic for p in box.paras for r in p.runs)
    printed = slide_handout.print_notes(laid, load_theme(PROJECTS / "minimal"), options)
    pages = PdfReader(_bytes(printed.data)).pages
    bulleted = [
        s.number
        for s in laid.slides
        if s.layout == "Bullets" and any(p.bullet == "bullet" for b in s.boxes for p in b.paras)
    ]
    assert bulleted
    for number in bulleted:  # the notes under the slide are the theme's, not the slide's
        slide_text = pages[number - 1].extract_text().split("Notes pages")[0]
        assert "–" in slide_text and "\u2022" not in slide_text, slide_text


def test_printed_slides_draw_a_templates_shapes_lines_and_groups(tmp_path: Path) -> None:
    """Shapes as PowerPoint's Insert > Shape makes them (filled through their style), an
    ellipse, a line, a bar turned 30 degrees and a rectangle inside a group all reach the
    printed slide, each in its place and shape."""
    from pptx.oxml import parse_xml
    from pptx.oxml.ns import nsdecls

    path = make_corporate_template(tmp_path / "brand.pptx")
    prs = Presentation(str(path))
    tree = prs.slide_master.shapes._spTree
    ns, emu = nsdecls("p", "a"), 12700

    def xfrm(x: int, y: int, w: int, h: int, extra: str = "") -> str:
        return (
            f'<a:xfrm{extra}><a:off x="{x * emu}" y="{y * emu}"/>'
            f'<a:ext cx="{w * emu}" cy="{h * emu}"/></a:xfrm>'
        )

    turned = ' rot="1800000"'  # 30 degrees clockwise
    styled = (  # filled and outlined through its style, as Office's own shapes are
        '<p:style><a:lnRef idx="2"><a:srgbClr val="003300"/></a:lnRef><a:fillRef idx="1">'
        '<a:srgbClr val="FF00FF"/></a:fillRef><a:effectRef idx="0"><a:srgbClr val="000000"/>'
        '</a:effectRef><a:fontRef idx="minor"><a:schemeClr val="lt1"/></a:fontRef></p:style>'
    )
    shapes = [
        f'<p:sp {ns}><p:nvSpPr><p:cNvPr id="80" name="Dot"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
        f'<p:spPr>{xfrm(20, 460, 60, 60)}<a:prstGeom prst="ellipse"><a:avLst/></a:prstGeom>'
        f"</p:spPr>{styled}</p:sp>",
        f'<p:cxnSp {ns}><p:nvCxnSpPr><p:cNvPr id="81" name="Rule"/><p:cNvCxnSpPr/><p:nvPr/>'
        f'</p:nvCxnSpPr><p:spPr>{xfrm(100, 400, 200, 0)}<a:prstGeom prst="line"><a:avLst/>'
        '</a:prstGeom><a:ln w="38100"><a:solidFill><a:srgbClr val="00AA00"/></a:solidFill>'
        "</a:ln></p:spPr></p:cxnSp>",
        f'<p:sp {ns}><p:nvSpPr><p:cNvPr id="82" name="Bar"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
        f'<p:spPr>{xfrm(400, 460, 120, 20, turned)}<a:prstGeom prst="rect">'
        '<a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="00B0F0"/></a:solidFill>'
        "</p:spPr></p:sp>",
        f'<p:grpSp {ns}><p:nvGrpSpPr><p:cNvPr id="83" name="Group"/><p:cNvGrpSpPr/><p:nvPr/>'
        f'</p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="{600 * emu}" y="{20 * emu}"/>'
        f'<a:ext cx="{40 * emu}" cy="{40 * emu}"/><a:chOff x="0" y="0"/>'
        f'<a:chExt cx="{80 * emu}" cy="{80 * emu}"/></a:xfrm></p:grpSpPr>'
        '<p:sp><p:nvSpPr><p:cNvPr id="84" name="Square"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
        f'<p:spPr>{xfrm(0, 0, 80, 80)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        '<a:solidFill><a:srgbClr val="0000CC"/></a:solidFill></p:spPr></p:sp></p:grpSp>',
    ]
    for xml in shapes:
        tree.append(parse_xml(xml))
    prs.save(str(path))
    laid, options = with_template(path)
    drawn = {d.shape: d for d in laid.slides[1].decorations if d.shape != "rect" or d.rotation}
    assert drawn["ellipse"].colour == "#FF00FF" and drawn["ellipse"].outline == ("#003300", 1.0)
    assert drawn["line"].outline == ("#00AA00", 3.0)
    assert drawn["rect"].rotation == 30
    square = [d for d in laid.slides[1].decorations if d.colour == "#0000CC"]
    assert [(d.rect.x, d.rect.y, d.rect.width) for d in square] == [(600, 20, 40)]
    printed = slide_handout.print_slides(
        laid, load_theme(PROJECTS / "minimal"), _with(options, per_page=1)
    )
    drawn_ops = _drawn(printed.data, 1).decode("latin-1")
    for ink in ("1 0 1 rg", "0 .666667 0 RG", "0 0 .8 rg"):  # the dot, the rule, the square
        assert ink in drawn_ops, ink


def test_printed_slides_show_the_text_a_templates_own_shapes_say(tmp_path: Path) -> None:
    """Text an organisation puts on its master or a layout (a white "Confidential" on a dark
    bar, a turned "DRAFT" in a frameless box, a two-line tagline with a line break) prints on
    every slide that shows those shapes, in its colour, size and place, and in black on white
    when printed in black and white; a shape with no words adds nothing."""
    from pptx.oxml import parse_xml
    from pptx.oxml.ns import nsdecls

    path = make_corporate_template(tmp_path / "brand.pptx")
    prs = Presentation(str(path))
    ns, emu = nsdecls("p", "a"), 12700

    def box(n: int, name: str, at: tuple[int, int, int, int], body: str, extra: str = "") -> str:
        x, y, w, h = (v * emu for v in at)
        return (
            f'<p:sp {ns}><p:nvSpPr><p:cNvPr id="{n}" name="{name}"/><p:cNvSpPr txBox="1"/>'
            f'<p:nvPr/></p:nvSpPr><p:spPr><a:xfrm{extra}><a:off x="{x}" y="{y}"/>'
            f'<a:ext cx="{w}" cy="{h}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
            f"</a:prstGeom>{body}"
        )

    master = prs.slide_master.shapes._spTree
    master.append(
        parse_xml(
            box(90, "Band", (0, 510, 720, 30), '<a:solidFill><a:srgbClr val="1F3864"/>')
            + '</a:solidFill></p:spPr><p:txBody><a:bodyPr anchor="ctr"/><a:lstStyle><a:lvl1pPr>'
            '<a:defRPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill></a:defRPr>'
            '</a:lvl1pPr></a:lstStyle><a:p><a:pPr algn="ctr"/><a:r><a:rPr lang="en-US" '
            'sz="1000" b="1"/><a:t>Confidential: Riverside</a:t></a:r><a:r><a:rPr '
            'lang="en-US" sz="1000"/><a:t> Health</a:t></a:r>'
            "</a:p></p:txBody></p:sp>"
        )
    )
    master.append(
        parse_xml(
            box(91, "Stamp", (560, 20, 140, 40), "", ' rot="-1800000"')
            + '</p:spPr><p:txBody><a:bodyPr wrap="none"/><a:p><a:r><a:rPr sz="2400">'
            '<a:solidFill><a:srgbClr val="C00000"/></a:solidFill></a:rPr><a:t>DRAFT</a:t>'
            "</a:r></a:p></p:txBody></p:sp>"
        )
    )
    master.append(
        parse_xml(
            box(92, "Empty", (10, 10, 50, 20), "") + "</p:spPr><p:txBody>"
            "<a:bodyPr/><a:p><a:endParaRPr/></a:p></p:txBody></p:sp>"
        )
    )
    master.append(  # vertical text, printed turned as PowerPoint draws it
        parse_xml(
            box(94, "Side", (690, 40, 30, 300), "")
            + '</p:spPr><p:txBody><a:bodyPr vert="vert270"/><a:p><a:r><a:t>Sideways</a:t>'
            "</a:r></a:p></p:txBody></p:sp>"
        )
    )
    divider = next(layout for layout in prs.slide_layouts if layout.name == "Divider")
    divider.shapes._spTree.append(
        parse_xml(
            box(93, "Tagline", (40, 40, 300, 60), "")
            + '</p:spPr><p:txBody><a:bodyPr/><a:lstStyle><a:lvl1pPr><a:defRPr sz="1400" '
            'i="1"/></a:lvl1pPr></a:lstStyle><a:p><a:r><a:t>Safety first</a:t></a:r><a:br/>'
            "<a:r><a:t>every time</a:t></a:r></a:p></p:txBody></p:sp>"
        )
    )
    prs.save(str(path))
    laid, options = with_template(path)
    said = [[d.text for d in s.decorations if d.text is not None] for s in laid.slides]
    assert all(len(texts) >= 2 for texts in said)  # the master's two, on every slide
    assert all(
        any(t.text == "Sideways" and t.style.vertical == "vert270" for t in texts) for texts in said
    )
    band = next(t for t in said[1] if "Confidential" in t.text)
    assert band.text == "Confidential: Riverside Health" and band.size == 10
    assert band.style.colour == "#FFFFFF" and band.style.align == "ctr"
    assert [r.bold for r in band.paras[0].runs] == [True, False]
    stamp = next(d for d in laid.slides[1].decorations if d.text and d.text.text == "DRAFT")
    assert stamp.rotation == -30 and stamp.text.size == 24 and not stamp.text.style.wrap
    dividers = [s for s in laid.slides if s.layout == "Divider"]
    assert dividers
    for slide in dividers:
        tagline = next(t for t in (d.text for d in slide.decorations) if t and "Safety" in t.text)
        assert tagline.size == 14 and all(r.italic for p in tagline.paras for r in p.runs if r.text)
        assert [line.text for lines in tagline.lines for line in lines] == [
            "Safety first",
            "every time",
        ]
    theme = load_theme(PROJECTS / "minimal")
    for printing in ("colour", "bw"):
        printed = slide_handout.print_slides(
            laid, theme, _with(options, per_page=1, printing=printing)
        )
        pages = PdfReader(_bytes(printed.data)).pages
        assert len(pages) == len(laid.slides)
        for slide, page in zip(laid.slides, pages, strict=True):
            text = " ".join(page.extract_text().split())
            assert "Confidential: Riverside Health" in text and "DRAFT" in text, text
            assert ("Safety first" in text) == (slide.layout == "Divider"), slide.number
        drawn = _drawn(printed.data, 1).decode("latin-1")
        white_text = "1 1 1 rg"
        assert (white_text in drawn) == (printing == "colour")
    assert "Confidential: Riverside Health" in dump(laid)


def test_a_slide_number_field_in_a_templates_own_text_box_prints_each_slides_number(
    tmp_path: Path,
) -> None:
    """A master whose slide number is a text box of its own ("No. ‹#›" with PowerPoint's
    slide-number field, no number placeholder anywhere): PowerPoint shows each slide's
    number there, and so does each printed slide, not the field's last shown text."""
    from pptx.oxml import parse_xml
    from pptx.oxml.ns import nsdecls

    path = make_corporate_template(tmp_path / "brand.pptx")
    prs = Presentation(str(path))
    for holder in [prs.slide_master, *prs.slide_layouts]:
        for shape in list(holder.placeholders):
            if shape.placeholder_format.type is not None and "SLIDE_NUMBER" in str(
                shape.placeholder_format.type
            ):
                shape._element.getparent().remove(shape._element)
    emu = 12700
    prs.slide_master.shapes._spTree.append(
        parse_xml(
            f'<p:sp {nsdecls("p", "a")}><p:nvSpPr><p:cNvPr id="95" name="Number"/>'
            '<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm>'
            f'<a:off x="{600 * emu}" y="{500 * emu}"/><a:ext cx="{100 * emu}" cy="{24 * emu}"/>'
            '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr><p:txBody>'
            '<a:bodyPr/><a:p><a:r><a:rPr lang="en-US" sz="1000"/><a:t>No. </a:t></a:r>'
            '<a:fld id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}" type="slidenum"><a:rPr '
            'lang="en-US" sz="1000"/><a:t>‹#›</a:t></a:fld></a:p></p:txBody></p:sp>'
        )
    )
    prs.save(str(path))
    laid, options = with_template(path)
    assert all(s.slide_number is None for s in laid.slides)  # no placeholder gives it
    printed = slide_handout.print_slides(
        laid, load_theme(PROJECTS / "minimal"), _with(options, per_page=1)
    )
    pages = PdfReader(_bytes(printed.data)).pages
    for slide, page in zip(laid.slides, pages, strict=True):
        text = " ".join(page.extract_text().split())
        assert f"No. {slide.number}" in text and "#" not in text, (slide.number, text)
    assert len({s.number for s in laid.slides}) == len(laid.slides) > 1


def test_a_layout_reaching_past_the_slide_holds_its_text_on_the_slide(tmp_path: Path) -> None:
    """A template whose slide size was made shorter without its layouts (4:3 made 10 x 6.7
    in): text was fitted to each whole placeholder and cut off at the slide's edge, in
    PowerPoint and on paper. Each box is now kept to the part of it on the slide, where the
    deck puts the slide's placeholder and the printed slides draw it; each layout the deck
    uses whose placeholders reach past the slide is named once, saying what became of them
    and what to do; a layout within the slide is not."""
    from pptx.util import Inches

    path = make_corporate_template(tmp_path / "brand.pptx")
    prs = Presentation(str(path))
    prs.slide_height = Inches(6.7)
    prs.save(str(path))
    laid, options = with_template(path)
    told = [message for message, _ in laid.notes if "off the" in message]
    used = {s.layout for s in laid.slides}
    assert told and len(told) == len(set(told)) and len(told) <= 2 * len(used)
    kept = [m for m in told if "partly off the 10.00 x 6.70 in slide" in m]
    assert any("'Cover'" in m and "subtitle" in m for m in kept), told
    assert all("kept to the part on the slide" in m for m in kept)
    unseen = [m for m in told if "is not seen" in m]  # the footers, below 6.7 in
    assert any("'Bullets'" in m and "footer" in m for m in unseen), told
    hints = [hint for message, hint in laid.notes if "off the" in message]
    assert all(h.startswith("in PowerPoint's View > Slide Master, move or resize") for h in hints)
    bottom = 6.7 * 72
    boxes = [b for s in laid.slides for b in s.boxes]
    assert boxes and all(b.rect.bottom <= bottom + 0.01 for b in boxes), [
        (b.role, b.rect) for b in boxes if b.rect.bottom > bottom
    ]
    assert any(b.moved for b in boxes)  # the slide's own placeholder is put there
    built = tmp_path / "deck.pptx"
    built.write_bytes(deck.write(laid, options).data)
    for slide in Presentation(str(built)).slides:
        for shape in slide.placeholders:
            if shape.has_text_frame and shape.text_frame.text.strip():
                kind = shape.placeholder_format.type
                if kind in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER):
                    continue  # wholly off the slide: told above
                assert shape.top + shape.height <= Inches(6.7) + 1, (shape.name, shape.top)
    laid, _ = with_template(make_corporate_template(tmp_path / "fits.pptx"))
    assert not [m for m, _ in laid.notes if "off the" in m]
    assert not [b for s in laid.slides for b in s.boxes if b.moved and b.role != "slide-title"]


def test_a_box_mostly_past_the_slide_says_so_when_its_text_cannot_fit(tmp_path: Path) -> None:
    """A cover whose subtitle placeholder is mostly below a shortened slide cannot hold the
    text under the title: the error says that the placeholder is partly off the slide and
    how to move it, not only to shorten the text."""
    from pptx.util import Inches

    path = make_corporate_template(tmp_path / "brand.pptx")
    prs = Presentation(str(path))
    prs.slide_height = Inches(6.0)
    prs.save(str(path))
    with pytest.raises(ContentError) as caught:
        with_template(path)
    said = str(caught.value)
    assert "layout 'Cover', whose text placeholder is partly off the slide" in said, said
    assert "move or resize the layout's text placeholder inside the slide" in said


def _placed(shape: object, **box: float) -> None:
    """A placeholder given a box of its own, in inches (what it inherits kept elsewhere)."""
    from pptx.util import Emu

    inch = 914400
    for name in ("left", "top", "width", "height"):
        value = box.get(name)
        setattr(shape, name, Emu(getattr(shape, name) if value is None else int(value * inch)))


def _boxes(laid: LaidOutDeck, layout: str, role: str) -> list[TextBox]:
    """The text boxes of ``role`` on the slides of ``layout``."""
    return [b for s in laid.slides if s.layout == layout for b in s.boxes if b.role == role]


def _placeholder(layout: object, kind: str) -> object:
    return next(
        p
        for p in layout.placeholders  # type: ignore[attr-defined]
        if str(p.placeholder_format.type).startswith(kind)
    )


@pytest.mark.parametrize("left", [9.3, 11.0], ids=["mostly-off", "wholly-off"])
def test_a_layout_s_room_is_the_part_of_its_box_on_the_slide(tmp_path: Path, left: float) -> None:
    """With no layout of a usual name, the slides of points go to the layout with the most
    room: a body of 20 x 20 in reaching (or lying wholly) past the right edge of the slide
    was taken for the roomiest, leaving every slide of points with a title and nothing
    else, or a sliver. The room is that of the part on the slide."""
    prs = Presentation()
    for n, layout in enumerate(prs.slide_layouts):
        layout.name = f"Design {n + 1}"
    _placed(_placeholder(prs.slide_layouts[7], "OBJECT"), left=left, top=1, width=20, height=20)
    path = tmp_path / "brand.pptx"
    prs.save(str(path))
    laid, _ = with_template(path, layouts=())
    points = [s for s in laid.slides if s.kind == "bullets"]
    assert points and all(s.layout != "Design 8" for s in points), {s.layout for s in points}
    assert all(b.rect.x + b.rect.width <= 10 * 72 + 0.01 for s in points for b in s.boxes)


def test_a_turned_placeholder_is_left_as_its_layout_turns_it(tmp_path: Path) -> None:
    """A title turned a quarter turn along the slide's left edge: its box before turning
    reaches past the slide's top, though what is drawn lies on it. It was cut to the slide
    as if not turned, and the slide's title moved there without its turn (drawn across the
    text in PowerPoint, elsewhere on paper). A turned placeholder is left where its layout
    puts it, and the deck's title keeps the layout's turn."""
    prs = Presentation()
    layout = next(x for x in prs.slide_layouts if x.name == "Title and Content")
    title = _placeholder(layout, "TITLE")
    _placed(title, left=0.7 - 3, top=3.75 - 0.5, width=6, height=1)
    title._element.spPr.find(qn("a:xfrm")).set("rot", str(90 * 60000))
    _placed(_placeholder(layout, "OBJECT"), left=1.5, top=0.75, width=8, height=6)
    path = tmp_path / "brand.pptx"
    prs.save(str(path))
    laid, options = with_template(path, layouts=())
    titled = _boxes(laid, "Title and Content", "slide-title")
    assert titled and not any(b.moved for b in titled)
    assert all(b.rect.y == pytest.approx(3.25 * 72) for b in titled)
    built = tmp_path / "deck.pptx"
    built.write_bytes(deck.write(laid, options).data)
    for slide in Presentation(str(built)).slides:
        if slide.slide_layout.name == "Title and Content":
            own = slide.shapes.title._element.spPr.find(qn("a:xfrm"))
            assert own is None or own.get("rot") == str(90 * 60000)


def test_a_table_too_big_for_a_box_cut_by_the_slide_s_edge_is_told_why(tmp_path: Path) -> None:
    """A body placeholder with only a strip of itself on the slide: the table that cannot
    fit there was blamed on its longest cell alone, and the warning that the placeholder is
    partly off the slide was dropped with the build. It is told beside the error."""
    prs = Presentation()
    layout = next(x for x in prs.slide_layouts if x.name == "Title and Content")
    _placed(_placeholder(layout, "OBJECT"), top=6.9, height=3)
    path = tmp_path / "brand.pptx"
    prs.save(str(path))
    with pytest.raises(ContentError) as caught:
        laid_out(
            kit_copy(tmp_path),
            "all-staff",
            deck_template=path.read_bytes(),
            deck_template_name="templates/brand.pptx",
        )
    said = " ".join(str(caught.value).split())
    assert "error:" in said
    assert (
        "warning: layout 'Title and Content' has its body placeholder partly off the 10.00 x "
        "7.50 in slide" in said
    ), said


def test_what_is_below_a_grown_title_keeps_the_layout_s_space_under_it(project: Path) -> None:
    """A title grown to more lines moved the text or picture below it flush under it, in the
    space where the layout has the title's rule: a picture's top edge ran under the rule.
    Everything below keeps the layout's own distance from the title, the rule clear above
    it; a title that would run over a shape the layout draws below it (the quote's bar)
    is an error naming the slide, as one too long for the slide is."""
    long_title = (
        "Putting it into practice for every person who walks through our doors, and for "
        "every team member across the whole organization, every single day"
    )
    edit(project / "content" / "modules" / "practice.md", "Putting it into practice", long_title)
    laid, _ = laid_out(project, "all-staff", aspect="4:3")
    grown = 0
    for slide in laid.slides:
        title = next((b for b in slide.boxes if b.role == "slide-title"), None)
        rule = [d for d in slide.decorations if d.xml]
        if title is None or not rule:
            continue
        below = [b.rect.y for b in slide.boxes if b is not title and b.role != "footer"]
        below += [p.rect.y for p in slide.pictures]
        for top in below:
            assert top >= rule[0].rect.bottom + 10, (slide.number, slide.title, top)
        grown += title.rect.bottom > 100
    assert grown  # some titles did grow
    words = " ".join(["comprehensive", "organisational", "responsibilities"] * 6)
    edit(project / "content" / "modules" / "practice.md", long_title, words)
    with pytest.raises(ContentError) as caught:
        laid_out(project, "all-staff")
    (problem,) = caught.value.problems  # the other slides have room
    takeaway = problem.message
    assert "('Takeaway: " in takeaway and "of module 'practice'" in takeaway
    assert "is too long for the slide's title area (the layout draws a shape under it)" in (
        takeaway
    )
    # a title is no list to split: the hint says the module's title is in other titles too
    assert problem.hint.startswith("shorten the title") and "'Takeaway: ...'" in problem.hint


def test_a_grown_title_moves_only_what_it_reaches(project: Path) -> None:
    """Office's Comparison layout has small heading boxes between the title and the two
    columns: a title grown by a line moved the columns down by all it grew (as if the
    heading boxes' height were space to keep under it), though it never reached them."""
    import io

    office = io.BytesIO()
    Presentation().save(office)
    given = {
        "deck_template": office.getvalue(),
        "deck_template_name": "templates/office.pptx",
        "layouts": (("two-column", "Comparison"),),
    }

    def compared() -> tuple[TextBox, ...]:
        deck, _ = laid_out(project, "all-staff", **given)
        (slide,) = [s for s in deck.slides if s.layout == "Comparison"]
        return slide.boxes

    title, *columns = compared()
    longer = (
        "Informed care that every member of staff gives in every single contact with people "
        "who come to us for help across every service and every shift"
    )
    edit(
        project / "content" / "tables" / "approaches.yaml",
        "heading: Informed",
        f"heading: {longer}",
    )
    grown, *kept = compared()
    assert grown.rect.bottom > title.rect.bottom  # it grew down, short of the columns
    assert [c.rect for c in kept] == [c.rect for c in columns]


def test_a_grown_title_never_grows_into_a_box_above_it(project: Path) -> None:
    """Office's Section Header has its text box ("Part 1 of 7 · 10 min") above the title:
    a module's title of three lines grew up into it, and the two were drawn over each
    other. It grows down instead, clear of the box above."""
    import io

    office = io.BytesIO()
    Presentation().save(office)
    given = {"deck_template": office.getvalue(), "deck_template_name": "templates/office.pptx"}
    edit(
        project / "content" / "modules" / "practice.md",
        "title: Putting it into practice",
        "title: Putting it into practice for community health workers, volunteers, reception "
        "staff and their supervisors in every service",
    )
    deck, _ = laid_out(project, "all-staff", **given)
    dividers = [s for s in deck.slides if s.layout == "Section Header"]
    grown = [s for s in dividers if "community health workers" in s.title]
    assert grown, [s.title for s in dividers]
    for slide in grown:
        title = next(b for b in slide.boxes if b.role.endswith("title"))
        others = [b for b in slide.boxes if b is not title and b.role != "footer"]
        assert others  # the part line
        for other in others:
            apart = other.rect.bottom <= title.rect.y or title.rect.bottom <= other.rect.y
            assert apart, (other.role, other.rect, title.rect)


def test_the_title_rule_stays_under_a_title_grown_to_more_lines(
    project: Path, tmp_path: Path
) -> None:
    """The built-in design's rule under each title is carried by the slide, under its title
    as laid out: a module title grown to three lines pushes it down with the text (it ran
    across the title), in the deck and on paper; a short title keeps it where it was. The
    design exported for restyling still has it on its layouts."""
    from pptx.util import Emu

    from materials_gen.render.pptx_template import builtin_template_bytes

    long_title = (
        "Putting it into practice for every person who walks through our doors, and for "
        "every team member across the whole organization, every single day"
    )
    edit(project / "content" / "modules" / "practice.md", "Putting it into practice", long_title)
    laid, options = laid_out(project, "all-staff", aspect="4:3")
    rules = {}
    for slide in laid.slides:
        title = next((b for b in slide.boxes if b.role in ("slide-title",)), None)
        rule = [d for d in slide.decorations if d.xml]
        if title is not None and rule:
            rules[slide.number] = (title.rect.bottom, rule[0].rect.y)
    assert rules
    gaps = {round(y - bottom, 2) for bottom, y in rules.values()}
    assert len(gaps) == 1  # always as far below the title
    bottoms = sorted({round(bottom) for bottom, _ in rules.values()})
    assert len(bottoms) > 1  # some titles grew, and their rule went down with them
    path = tmp_path / "deck.pptx"
    path.write_bytes(deck.write(laid, options).data)
    prs = Presentation(str(path))
    carrying = {slide.layout for slide in laid.slides if any(d.xml for d in slide.decorations)}
    kept = {
        layout.name
        for layout in prs.slide_layouts
        if any(s.name == "Title rule" for s in layout.shapes)
    }
    assert carrying and not kept & carrying  # drawn once: by the slides, not by the layout
    assert "Title Only" in kept  # a layout no slide used keeps it, for slides added later
    for number, (_, y) in rules.items():
        carried = [s for s in prs.slides[number - 1].shapes if s.name == "Title rule"]
        assert len(carried) == 1 and abs(Emu(carried[0].top).pt - y) < 0.1
    ids = [s.shape_id for s in prs.slides[rules.popitem()[0] - 1].shapes]
    assert len(ids) == len(set(ids))
    exported = Presentation(_bytes(builtin_template_bytes(load_theme(project), "16:9")))
    assert any(s.name == "Title rule" for layout in exported.slide_layouts for s in layout.shapes)


def test_only_a_layouts_own_plain_title_rule_is_carried(tmp_path: Path) -> None:
    """A template with a 'Title rule' on its master, two on one layout, and one that links
    elsewhere: each slide carries only its layout's first plain one (never the master's,
    which the master still draws, nor a linked one, which stays on the layout), every shape
    of every slide keeps an id of its own, and the file opens again."""
    from pptx.oxml import parse_xml
    from pptx.oxml.ns import nsdecls

    path = make_corporate_template(tmp_path / "brand.pptx")
    prs = Presentation(str(path))
    ns, emu = nsdecls("p", "a", "r"), 12700

    def rule(n: int, y: int, extra: str = "") -> str:
        return (
            f'<p:sp {ns}><p:nvSpPr><p:cNvPr id="{n}" name="Title rule">{extra}</p:cNvPr>'
            f'<p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="{40 * emu}" '
            f'y="{y * emu}"/><a:ext cx="{100 * emu}" cy="{4 * emu}"/></a:xfrm><a:prstGeom '
            'prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="C00000"/>'
            "</a:solidFill></p:spPr></p:sp>"
        )

    prs.slide_master.shapes._spTree.append(parse_xml(rule(70, 10)))
    bullets = next(layout for layout in prs.slide_layouts if layout.name == "Bullets")
    tree = bullets.shapes._spTree
    tree.append(parse_xml(rule(71, 100, '<a:hlinkClick r:id="rId99"/>')))
    tree.append(parse_xml(rule(72, 110)))
    tree.append(parse_xml(rule(73, 120)))
    prs.save(str(path))
    laid, options = with_template(path, (*CORPORATE_LAYOUTS, ("content", "Bullets")))
    on_bullets = [s for s in laid.slides if s.layout == "Bullets"]
    assert on_bullets
    for slide in laid.slides:
        assert len([d for d in slide.decorations if d.xml]) == (slide.layout == "Bullets")
    written = tmp_path / "deck.pptx"
    written.write_bytes(deck.write(laid, options).data)
    again = Presentation(str(written))
    for slide in again.slides:
        ids = [s.shape_id for s in slide.shapes]
        assert len(ids) == len(set(ids)), ids
    layout = next(layout for layout in again.slide_layouts if layout.name == "Bullets")
    left = sorted(s.shape_id for s in layout.shapes if s.name == "Title rule")
    assert left == [71, 73]  # the linked one and the second stay; the carried one went
    assert any(s.name == "Title rule" for s in again.slide_master.shapes)
    carried = [
        shape
        for slide, laid_slide in zip(again.slides, laid.slides, strict=True)
        if laid_slide.layout == "Bullets"
        for shape in slide.shapes
        if shape.name == "Title rule"
    ]
    assert len(carried) == len(on_bullets)


def test_a_templates_odd_numbers_are_read_as_ooxml_allows_never_a_crash(tmp_path: Path) -> None:
    """A master shape whose numbers are written as OOXML also allows (a size of 12.5 pt,
    a scale of '62.5%', margins of '0.1in') or not at all ('abc', a colour 'XYZ'), with
    200,000 characters of text: the deck is laid out, those values read as PowerPoint
    reads them (or its default), and only the first thousand characters are laid out."""
    from pptx.oxml import parse_xml
    from pptx.oxml.ns import nsdecls

    path = make_corporate_template(tmp_path / "brand.pptx")
    prs = Presentation(str(path))
    emu = 12700
    words = "word " * 40_000
    prs.slide_master.shapes._spTree.append(
        parse_xml(
            f'<p:sp {nsdecls("p", "a")}><p:nvSpPr><p:cNvPr id="60" name="Odd"/><p:cNvSpPr/>'
            f'<p:nvPr/></p:nvSpPr><p:spPr><a:xfrm rot="abc"><a:off x="{10 * emu}" y="0.5in"/>'
            f'<a:ext cx="{300 * emu}" cy="{40 * emu}"/></a:xfrm><a:prstGeom prst="rect">'
            '<a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="XYZ"/></a:solidFill>'
            '</p:spPr><p:txBody><a:bodyPr lIns="0.1in" tIns="zz"><a:normAutofit '
            'fontScale="62.5%"/></a:bodyPr><a:p><a:r><a:rPr sz="1250"/>'
            f"<a:t>{words}</a:t></a:r></a:p></p:txBody></p:sp>"
        )
    )
    prs.save(str(path))
    laid, options = with_template(path)
    odd = next(
        d for d in laid.slides[1].decorations if d.text is not None and "word" in d.text.text
    )
    assert odd.colour == "#000000" and odd.rotation == 0
    assert odd.rect.y == 36  # 0.5 in
    assert odd.text.size == 8  # 12.5 pt at 62.5%
    assert odd.text.style.insets[0] == 7.2  # 0.1 in
    assert len(odd.text.text) == 1000
    printed = slide_handout.print_slides(laid, load_theme(PROJECTS / "minimal"), options)
    assert printed.pages


def test_a_layout_that_cannot_be_read_is_an_error_at_the_template(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever a layout holds that reading it trips on is an error naming the template and
    the layout, with what to do, never a traceback."""
    from materials_gen.render import layout

    def broken(self: object, found: object) -> None:
        raise ValueError("invalid literal for int() with base 10: 'abc'")

    monkeypatch.setattr(layout.Template, "_read", broken)
    with pytest.raises(ContentError) as caught:
        with_template(make_corporate_template(tmp_path / "brand.pptx"))
    (problem,) = caught.value.problems
    assert str(problem.location) == "templates/brand.pptx"
    assert problem.message.startswith("layout '") and "cannot read (ValueError:" in problem.message
    assert problem.hint.startswith("open the template in PowerPoint, save it again")


def test_a_web_address_in_a_table_takes_no_more_than_its_share(project: Path) -> None:
    """A Myth / Fact / Source table with a long web address gave the Source column 8.5 of
    12 inches and squeezed the facts: an address may run on after any slash, so its column
    need only hold its longest piece, and it counts as twenty letters in sharing the width."""
    address = "https://www.samaritans.org/about-samaritans/research-policy/myths-about-suicide/"
    table = {
        "title": "Myths",
        "columns": [{"id": c, "heading": c.title()} for c in ("myth", "fact", "source")],
        "rows": [
            {
                "myth": "Talking about suicide puts the idea in someone's head",
                "fact": "Asking directly about suicide is protective: people feel heard and "
                "are more likely to accept help",
                "source": f"Samaritans (2023), {address}",
            }
        ],
    }
    (project / "content" / "tables" / "approaches.yaml").write_text(
        yaml.safe_dump(table, sort_keys=False), encoding="utf-8"
    )
    laid, _ = laid_out(project, "clinical")
    (widths,) = {s.table.column_widths for s in laid.slides if s.table is not None}
    myth, fact, source = widths
    assert fact > source and fact >= 0.35 * sum(widths), widths


def test_the_title_rule_goes_where_a_right_to_left_title_starts(project: Path) -> None:
    """On a slide whose title is Arabic, set from the right, the rule under it stayed at the
    left, under nothing: it is carried to the right end of the title's box, as far in as
    the layout has it from the left; a left-to-right title keeps it where it was."""
    from materials_gen.glyphs import right_to_left

    edit(
        project / "content" / "modules" / "practice.md",
        "title: Putting it into practice",
        "title: حماية البالغين المعرضين للخطر",
    )
    laid, _ = laid_out(project, "all-staff")
    seen = {"left": 0, "right": 0}
    for slide in laid.slides:
        title = next((b for b in slide.boxes if b.role == "slide-title"), None)
        rule = [d for d in slide.decorations if d.xml]
        if title is None or not rule:
            continue
        inset_left = rule[0].rect.x - title.rect.x
        inset_right = title.rect.x + title.rect.width - (rule[0].rect.x + rule[0].rect.width)
        if right_to_left(title.text):  # its first letter of a direction is Arabic
            assert inset_right < inset_left, (slide.number, title.text)
            seen["right"] += 1
        else:
            assert inset_left < inset_right, (slide.number, title.text)
            seen["left"] += 1
    assert seen["right"] and seen["left"], seen


def test_an_activity_of_one_long_paragraph_goes_on_to_a_continued_slide(tmp_path: Path) -> None:
    """Instructions of 300 words in one paragraph stopped the whole build ("too long for
    one slide, even at 18 pt"; the guide, which numbers the deck's slides, with it): the
    deck goes on to an "(cont.)" slide after the end of a sentence, every word on a slide
    once and in order, and the guide is built from the same slides."""
    project = kit_copy(tmp_path)
    steps = " ".join(
        f"Step {n}: pair up with someone from another team, explain what you wrote and why "
        "it matters to the people you serve, then listen to their note and ask about it."
        for n in range(1, 12)
    )
    edit(
        project / "content" / "modules" / "practical-steps.md",
        "then read the other notes for ideas.\n",
        f"then read the other notes for ideas. {steps}\n",
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        ["build", "-p", str(project), "-o", str(out), "-a", "clinical", "-l", "en-US"]
        + ["--only", "deck,guide"],
    )
    assert result.exit_code == 0, result.output
    deck_file = next(out.rglob("*-deck.pptx"))
    texts = {}
    for slide in Presentation(str(deck_file)).slides:
        title = slide.shapes.title.text if slide.shapes.title is not None else ""
        if title.startswith("Activity: One step I will take"):
            texts[title] = " ".join(
                shape.text_frame.text
                for shape in slide.placeholders
                if shape.placeholder_format.idx == 1
            )
    assert len(texts) >= 2 and any(title.endswith("(cont.)") for title in texts), texts
    said = " ".join(" ".join(texts.values()).split())
    assert " ".join(steps.split()) in said, said
    first = list(texts.values())[0]
    assert first.rstrip().endswith("."), first  # went on after a sentence
    guide = next(out.rglob("*-guide.pdf"))
    assert "One step I will take" in " ".join(p.extract_text() for p in PdfReader(guide).pages)


def test_a_compared_cell_too_long_for_a_slide_goes_on_to_the_next(tmp_path: Path) -> None:
    """A comparison's cell of 150 words stopped the deck ("too long for one slide, even at
    18 pt"): it goes on to a continued slide of the comparison, between its sentences, at
    the columns' one size, every word once and in order."""
    project = tmp_path / "p"
    shutil.copytree(PROJECTS / "minimal", project)
    sentences = [
        f"Sentence {n}: offer a real choice about where to sit and who else is present."
        for n in range(1, 11)
    ]
    table = project / "content" / "tables" / "approaches.yaml"
    data = yaml.safe_load(table.read_text(encoding="utf-8"))
    data["rows"][0]["informed"] = " ".join(sentences)
    table.write_text(yaml.safe_dump(data, sort_keys=False, width=1000), encoding="utf-8")
    laid, _ = laid_out(project, "all-staff")
    parts = [s for s in laid.slides if any(b.role == "columns" for b in s.boxes)]
    said = [
        p.text
        for slide in parts
        for box in slide.boxes
        if box.role == "columns"
        for p in box.paras
        if "Sentence" in p.text
    ]
    assert len(parts) >= 2 and len(said) >= 2, [s.title for s in laid.slides]
    assert " ".join(" ".join(said).split()).endswith(" ".join(sentences))
    sizes = {box.size for slide in parts for box in slide.boxes if box.role == "columns"}
    assert len(sizes) == 1, sizes
    for slide in parts:  # the rows stay side by side: the other cell waits, blank
        counts = [len(box.paras) for box in slide.boxes if box.role == "columns"]
        assert len(set(counts)) == 1, (slide.title, counts)


def test_a_picture_on_a_table_or_two_column_slide_gets_a_slide_that_continues_it() -> None:
    """A picture a template put on a table slide or a two-column slide was dropped from the
    deck without a word (those slides show their table or columns only), while the handout
    printed it. It now continues the slide on one of its own."""
    from materials_gen.render import RenderOptions as Options

    png = _png
    document = parse(
        "::::: {.slide .table}\n## Rooms\n\n| Room | Use |\n|---|---|\n| A | Calm |\n\n"
        "![A room plan](plan.png)\n\n::: notes\nWalk through it.\n:::\n:::::\n\n"
        "::::: {.slide .two-column}\n## Two sides\n\n::: column\n### Left\n- one\n:::\n"
        "::: column\n### Right\n- two\n:::\n\n![A map of both](map.png)\n\n"
        "::: notes\nCompare.\n:::\n:::::\n"
    )
    options = Options(generator="test", images={"plan.png": png("red"), "map.png": png("blue")})
    laid = lay_out(document, load_theme(PROJECTS / "minimal"), options)
    shown = [(s.title, [p.alt for p in s.pictures], s.table is not None) for s in laid.slides]
    assert shown == [
        ("Rooms", [], True),
        ("Rooms (cont.)", ["A room plan"], False),
        ("Two sides", [], False),
        ("Two sides (cont.)", ["A map of both"], False),
    ]
    assert laid.slides[1].notes.endswith(
        "Describe the picture for anyone who cannot see it: A room plan."
    )
    # centred across the slide's body, not kept to the left column's place
    for slide in (laid.slides[1], laid.slides[3]):
        (picture,) = slide.pictures
        middle = picture.rect.x + picture.rect.width / 2
        assert abs(middle - laid.width / 2) < laid.width * 0.05, (slide.title, picture.rect)


def test_a_picture_on_a_title_or_section_slide_gets_a_slide_that_continues_it() -> None:
    """Pictures a template put on the title slide or a section slide were dropped from the
    deck without a word (a cover's layout has a title and a subtitle, no place for a
    picture), but for a section's first, while the handout printed them. Each the cover's
    layout has no place for continues the slide on one of its own, in the order written;
    the cover itself keeps its title and subtitle."""
    png = _png
    document = parse(
        "::::: {.slide .title}\n# Safe Rooms\n\n![Our logo](logo.png)\n\n"
        "![The clinic from the street](street.png)\n\nA course for all staff\n\n"
        "::: notes\nWelcome.\n:::\n:::::\n\n"
        "::::: {.slide .section}\n# 1. Rooms\n\n![A calm room](room.png)\n\n"
        "![A quiet corner](corner.png)\n\n"
        "::: notes\nStart the first part.\n:::\n:::::\n"
    )
    images = {"logo.png": png("red"), "street.png": png("grey"), "room.png": png("green")}
    images["corner.png"] = png("blue")
    laid = lay_out(document, load_theme(PROJECTS / "minimal"), RenderOptions("test", images=images))
    shown = [(s.title, [p.alt for p in s.pictures], s.continued) for s in laid.slides]
    assert shown == [
        ("Safe Rooms", [], False),
        ("Safe Rooms (cont.)", ["Our logo"], True),
        ("Safe Rooms (cont. 2)", ["The clinic from the street"], True),
        ("1. Rooms", ["A calm room"], False),  # its layout has a place for one
        ("1. Rooms (cont.)", ["A quiet corner"], True),
    ]
    assert [s.number for s in laid.slides] == [1, 2, 3, 4, 5]
    assert "A course for all staff" in " ".join(b.text for b in laid.slides[0].boxes)
    assert laid.slides[2].notes == (
        "Continued from slide 1: its notes cover this slide too.\n"
        "Describe the picture for anyone who cannot see it: The clinic from the street."
    )


def test_text_beside_a_table_or_two_columns_is_on_a_slide_in_its_order() -> None:
    """Text a template put on a table slide or a two-column slide, outside the table or the
    columns, was left out of the deck without a word (their layouts show the table or the
    columns only). It is on a slide of its own: before them when it came first, else after."""
    document = parse(
        "::::: {.slide .two-column}\n## Two sides\n\nA sentence that introduces both sides.\n\n"
        "::: column\n### Left\n- one\n:::\n::: column\n### Right\n- two\n:::\n\n"
        "::: notes\nCompare.\n:::\n:::::\n\n"
        "::::: {.slide .table}\n## Rooms\n\n| Room | Use |\n|---|---|\n| A | Calm |\n\n"
        "Source: the clinic's own survey.\n\n::: notes\nWalk through it.\n:::\n:::::\n\n"
        "::::: {.slide .table}\n## Beds\n\nRead it row by row.\n\n| Bed | Use |\n|---|---|\n"
        "| 1 | Rest |\n\nCounted in May.\n\n::: notes\nCount them.\n:::\n:::::\n"
    )
    laid = lay_out(document, load_theme(PROJECTS / "minimal"), RenderOptions(generator="test"))
    shown = [[b.text for b in s.boxes if b.role != "footer"] for s in laid.slides]
    assert shown == [
        ["Two sides", "A sentence that introduces both sides."],
        ["Two sides (cont.)", "Left\none", "Right\ntwo"],
        ["Rooms"],
        ["Rooms (cont.)", "Source: the clinic's own survey."],
        ["Beds", "Read it row by row."],  # text before and after the table, each in its place
        ["Beds (cont.)"],
        ["Beds (cont. 2)", "Counted in May."],
    ]
    assert laid.slides[2].table is not None and laid.slides[0].notes == "Compare."
    # the text spans both columns' places, not the left one's alone
    (text,) = [b for b in laid.slides[0].boxes if b.role == "body"]
    columns = [b for b in laid.slides[1].boxes if b.role == "columns"]
    assert text.rect.width > 1.8 * columns[0].rect.width


def test_a_numbered_step_or_a_columns_item_that_is_a_picture_is_on_the_slide() -> None:
    """A numbered step that is a picture left its list reading "1., 3." on the slide; a
    column's item that is a picture was only its description. The step keeps its number
    and description beside the picture; the column's picture continues the slide."""
    png = _png
    document = parse(
        "::::: {.slide .bullets}\n## Steps\n\n1. Look at the chairs\n"
        "2. ![An orange chair](chair.png)\n3. Note three changes\n\n"
        "::: notes\nWalk.\n:::\n:::::\n\n"
        "::::: {.slide .two-column}\n## Sides\n\n::: column\n### Left\n- one\n"
        "- ![A green wall](wall.png)\n:::\n::: column\n### Right\n- two\n:::\n\n"
        "::: notes\nCompare.\n:::\n:::::\n"
    )
    images = {"chair.png": png("orange"), "wall.png": png("green")}
    options = RenderOptions(generator="test", images=images)
    laid = lay_out(document, load_theme(PROJECTS / "minimal"), options)
    steps = laid.slides[0]
    (body,) = [b for b in steps.boxes if b.role == "body"]
    numbers = [p.number for p in body.paras]
    assert numbers == [1, 2, 3] and body.paras[1].text == "An orange chair"
    assert [p.alt for p in steps.pictures] == ["An orange chair"]
    shown = [(s.title, [p.alt for p in s.pictures]) for s in laid.slides[1:]]
    assert shown == [("Sides", []), ("Sides (cont.)", ["A green wall"])]
    assert "A green wall" not in " ".join(b.text for b in laid.slides[1].boxes)


def _png(colour: str) -> bytes:
    """A small picture of one colour, as a PNG's bytes."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (80, 60), colour).save(out, "PNG")
    return out.getvalue()


def test_a_title_placeholder_mostly_above_the_slide_is_told_to_be_moved(tmp_path: Path) -> None:
    """A title placeholder with a sliver of itself on the slide (the rest above its top) is
    too small for a title: the error gives the size of the part on the slide and says to
    move it inside the slide, not only to make it larger."""
    prs = Presentation()
    layout = next(x for x in prs.slide_layouts if x.name == "Title and Content")
    _placed(_placeholder(layout, "TITLE"), top=-1.0, height=1.45)
    path = tmp_path / "brand.pptx"
    prs.save(str(path))
    with pytest.raises(ContentError) as caught:
        with_template(path, layouts=())
    said = " ".join(str(caught.value).split())
    assert "0.45 in on the slide, the rest past its edge" in said, said
    assert "move or resize the placeholder inside the slide" in said, said


def test_a_placeholder_a_few_points_past_the_edge_is_left_as_it_is(tmp_path: Path) -> None:
    """A placeholder reaching a few points past the slide's edge (a template's rounding) was
    cut to the slide and moved on every slide, refitting its text, with nothing said: it is
    left where its layout puts it, as before, and a placeholder with no size at all is not
    told of as lying off the slide."""
    prs = Presentation()
    layout = next(x for x in prs.slide_layouts if x.name == "Title and Content")
    body = _placeholder(layout, "OBJECT")
    _placed(body, top=1.75, height=7.5 - 1.75 + 3 / 72)  # 3 pt below the slide
    footer = _placeholder(layout, "FOOTER")
    xfrm = footer._element.spPr.find(qn("a:xfrm"))
    if xfrm is not None:
        footer._element.spPr.remove(xfrm)
    for holder in prs.slide_master.placeholders:
        if str(holder.placeholder_format.type).startswith("FOOTER"):
            holder._element.getparent().remove(holder._element)
    path = tmp_path / "brand.pptx"
    prs.save(str(path))
    laid, _ = with_template(path, layouts=())
    bodies = _boxes(laid, "Title and Content", "body")
    assert bodies and not any(b.moved for b in bodies)
    assert all(b.rect.bottom == pytest.approx(7.5 * 72 + 3) for b in bodies)
    assert not [m for m, _ in laid.notes if "off the" in m], laid.notes


def test_a_slide_whose_notes_only_describe_its_picture_still_lacks_notes() -> None:
    """The line asking for a picture to be described is the deck's, not the module's
    notes: a slide with text and a picture beside it, and no notes of its own, is still
    told of as a slide without speaker notes."""
    from materials_gen.render.layout import missing_notes

    document = parse(
        "::::: {.slide .content}\n## Rooms\n\n- Calm\n- ![A room plan](plan.png)\n:::::\n"
    )
    options = RenderOptions(generator="test", images={"plan.png": _png("red")})
    laid = lay_out(document, load_theme(PROJECTS / "minimal"), options)
    (slide,) = laid.slides
    assert slide.notes == "Describe the picture for anyone who cannot see it: A room plan."
    assert missing_notes(laid) == [slide]
