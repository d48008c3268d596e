"""Printed slides of an organisation's template that turns things: shapes inside turned,
flipped and nested groups, text set vertically (turned a quarter either way, East Asian,
stacked letters) on the template's own shapes and in its placeholders, and placeholders set
in several columns. Each prints where and as PowerPoint projects it; a template's absurd
numbers print something sensible, never a traceback.

The checks read the printed PDF as a reader does: its words, where they are and which way
they run (the text matrix times the drawing matrix, from pypdf), and the colour of the page
where a shape should be (rasterised with pdftoppm).
"""

from __future__ import annotations

import io
import math
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls
from pptx.util import Inches
from pypdf import PdfReader

from materials_gen.cli import main
from materials_gen.render import slide_handout
from materials_gen.render.layout import LaidOutDeck, LaidOutSlide
from materials_gen.theme import load_theme

from .conftest import PROJECTS
from .deck_templates import make_corporate_template
from .test_layout import CORPORATE_LAYOUTS, _with, with_template
from .test_tagged_pdf import pdfua_findings

EMU = 12700  # a point
NS = nsdecls("p", "a")
THEME = load_theme(PROJECTS / "minimal")


# ---------------------------------------------------------------- building templates


def _xfrm(at: tuple[float, float, float, float], extra: str = "", group: str = "") -> str:
    x, y, w, h = (round(v * EMU) for v in at)
    return f'<a:xfrm{extra}><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/>{group}</a:xfrm>'


def _group(n: int, at: tuple[float, float, float, float], children: str, extra: str = "") -> str:
    """A group whose child box is its own box (as PowerPoint writes one not resized)."""
    x, y, w, h = (round(v * EMU) for v in at)
    child = f'<a:chOff x="{x}" y="{y}"/><a:chExt cx="{w}" cy="{h}"/>'
    return (
        f'<p:grpSp {NS}><p:nvGrpSpPr><p:cNvPr id="{n}" name="Group {n}"/><p:cNvGrpSpPr/>'
        f"<p:nvPr/></p:nvGrpSpPr><p:grpSpPr>{_xfrm(at, extra, child)}</p:grpSpPr>"
        f"{children}</p:grpSp>"
    )


def _square(n: int, at: tuple[float, float, float, float], colour: str, extra: str = "") -> str:
    return (
        f'<p:sp {NS}><p:nvSpPr><p:cNvPr id="{n}" name="Shape {n}"/><p:cNvSpPr/><p:nvPr/>'
        f'</p:nvSpPr><p:spPr>{_xfrm(at, extra)}<a:prstGeom prst="rect"><a:avLst/>'
        f'</a:prstGeom><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill></p:spPr></p:sp>'
    )


def _words(
    n: int,
    at: tuple[float, float, float, float],
    text: str,
    body: str = "",
    extra: str = "",
    size: int = 1400,
) -> str:
    """A frameless text box saying ``text`` (in red), its ``a:bodyPr`` attributes ``body``."""
    return (
        f'<p:sp {NS}><p:nvSpPr><p:cNvPr id="{n}" name="Words {n}"/><p:cNvSpPr txBox="1"/>'
        f'<p:nvPr/></p:nvSpPr><p:spPr>{_xfrm(at, extra)}<a:prstGeom prst="rect"><a:avLst/>'
        f'</a:prstGeom><a:noFill/></p:spPr><p:txBody><a:bodyPr wrap="square" {body}/>'
        f'<a:lstStyle/><a:p><a:r><a:rPr lang="en-US" sz="{size}"><a:solidFill><a:srgbClr '
        f'val="C00000"/></a:solidFill></a:rPr><a:t>{text}</a:t></a:r></a:p></p:txBody></p:sp>'
    )


def _template(tmp_path: Path, shapes: list[str], name: str = "brand.pptx") -> Path:
    """The corporate test template with ``shapes`` on its master (shown on every slide)."""
    path = make_corporate_template(tmp_path / name)
    prs = Presentation(str(path))
    tree = prs.slide_master.shapes._spTree
    for xml in shapes:
        tree.append(parse_xml(xml))
    prs.save(str(path))
    return path


# ---------------------------------------------------------------- reading the printed page


def _matrix(tm: list[float], cm: list[float]) -> list[float]:
    """tm times cm: where a piece of text is drawn on the page."""
    a, b, c, d, e, f = tm
    A, B, C, D, E, F = cm
    return [
        a * A + b * C,
        a * B + b * D,
        c * A + d * C,
        c * B + d * D,
        e * A + f * C + E,
        e * B + f * D + F,
    ]


def _pieces(pdf: bytes, page: int) -> list[tuple[str, float, float, float, float]]:
    """Each piece of text on a page: its text, where it starts (x, y, page points from the
    bottom left) and which way it runs (a unit vector; (1, 0) across, (0, -1) down)."""
    found: list[tuple[str, float, float, float, float]] = []

    def visit(text: str, cm: list, tm: list, font: object, size: float) -> None:
        if not text.strip():
            return
        m = _matrix(tm, cm)
        length = math.hypot(m[0], m[1]) or 1.0
        found.append((text, m[4], m[5], m[0] / length, m[1] / length))

    PdfReader(io.BytesIO(pdf)).pages[page - 1].extract_text(visitor_text=visit)
    return found


def _runs(pieces: list[tuple[str, float, float, float, float]], word: str) -> tuple[float, float]:
    """Which way the piece of text holding ``word`` runs."""
    for text, _, _, dx, dy in pieces:
        if word in text:
            return round(dx, 3), round(dy, 3)
    raise AssertionError(f"{word!r} is not on the page: {[p[0] for p in pieces]}")


def _page_pixels(pdf: bytes, folder: Path, page: int) -> tuple[int, int, bytes]:
    pdftoppm = shutil.which("pdftoppm")
    if not pdftoppm:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "printed.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        [pdftoppm, "-r", "40", "-f", str(page), "-l", str(page), str(source), str(folder / "p")],
        check=True,
    )
    drawn = next(folder.glob("p-*.ppm"))
    header = drawn.read_bytes().split(b"\n", 3)
    drawn.unlink()  # a later call's page is not mistaken for this one
    width, height = map(int, header[1].split())
    return width, height, header[3]


def _slide_pixel(
    image: tuple[int, int, bytes], laid: LaidOutDeck, x: float, y: float
) -> tuple[int, int, int]:
    """The colour of a one-slide-a-page bare print (``slide_pages``) at slide point (x, y)."""
    width, height, data = image
    px, py = int(x / laid.width * width), int(y / laid.height * height)
    at = (py * width + px) * 3
    return data[at], data[at + 1], data[at + 2]


def _bare(laid: LaidOutDeck) -> bytes:
    """Every slide filling a page of its own size, nothing around it (the thumbnails' PDF,
    drawn by the printed slides' code): page points are slide points."""
    return slide_handout.slide_pages(laid, THEME)


def _printed(laid: LaidOutDeck, options: object, notes: bool = False) -> bytes:
    one = _with(options, per_page=1)  # type: ignore[arg-type]
    if notes:
        return slide_handout.print_notes(laid, THEME, one).data
    return slide_handout.print_slides(laid, THEME, one).data


def _shape(slide: LaidOutSlide, colour: str):  # type: ignore[no-untyped-def]
    (found,) = [d for d in slide.decorations if d.colour == colour]
    return found


# ---------------------------------------------------------------- turned groups


def test_a_turned_group_turns_its_shapes_about_its_centre(tmp_path: Path) -> None:
    """A group turned a quarter clockwise carries its red square from its top left corner
    to its top right, turned with it; a text box in it reads downwards, on the printed
    slides and the notes pages, as PowerPoint projects it."""
    group = (400, 300, 200, 100)  # its centre (500, 350)
    children = _square(11, (400, 300, 40, 40), "FF0000") + _words(
        12, (450, 330, 140, 30), "Turned words"
    )
    path = _template(tmp_path, [_group(10, group, children, ' rot="5400000"')])
    laid, options = with_template(path)
    square = _shape(laid.slides[1], "#FF0000")
    # its centre (420, 320) turned a quarter about (500, 350): (530, 270)
    assert square.rotation == 90
    assert (square.rect.x, square.rect.y, square.rect.width) == pytest.approx((510, 250, 40))
    image = _page_pixels(_bare(laid), tmp_path / "bare", 2)
    assert _slide_pixel(image, laid, 530, 270) == (255, 0, 0)
    assert _slide_pixel(image, laid, 420, 320) == (255, 255, 255)  # not left unturned
    for notes in (False, True):
        pieces = _pieces(_printed(laid, options, notes), 2)
        assert _runs(pieces, "Turned") == (0, -1)  # down the page


def test_nested_and_flipped_groups_add_up_as_powerpoint_draws_them(tmp_path: Path) -> None:
    """A group turned a quarter inside another turned a quarter turns its children half
    round; a group flipped left to right mirrors where its children are and which way they
    are turned, and a child's text is never mirrored (but upside down when flipped top to
    bottom); a picture-free square in a flipped group lands at the other end."""
    inner = _group(21, (300, 100, 100, 50), _words(22, (300, 100, 100, 50), "Half round"))
    inner_turned = inner.replace("<a:xfrm>", '<a:xfrm rot="5400000">', 1)
    outer = _group(20, (250, 50, 200, 150), inner_turned, ' rot="5400000"')
    flipped = _group(
        30,
        (40, 350, 200, 60),
        _square(31, (40, 350, 40, 60), "00AA00")
        + _words(32, (90, 350, 140, 40), "Mirrored words", extra=' rot="600000"'),
        ' flipH="1"',
    )
    upside = _group(
        40, (400, 420, 250, 60), _words(41, (400, 420, 250, 60), "Upside down"), ' flipV="1"'
    )
    laid, options = with_template(_template(tmp_path, [outer, flipped, upside]))
    slide = laid.slides[1]
    said = {d.text.text: d for d in slide.decorations if d.text is not None}
    assert said["Half round"].rotation == 180
    mirrored = said["Mirrored words"]
    assert mirrored.rotation == -10 and mirrored.mirror == (True, False)
    # 10 degrees clockwise in the group, mirrored: 10 anticlockwise, at the other end
    assert mirrored.rect.x == pytest.approx(40 + 200 - (90 - 40) - 140)
    assert said["Upside down"].mirror == (False, True)
    green = _shape(slide, "#00AA00")
    assert green.rect.x == pytest.approx(200)  # its left end went right
    image = _page_pixels(_bare(laid), tmp_path / "bare", 2)
    assert _slide_pixel(image, laid, 220, 380) == (0, 170, 0)
    assert _slide_pixel(image, laid, 60, 380) == (255, 255, 255)
    pieces = _pieces(_printed(laid, options), 2)
    assert _runs(pieces, "Half") == (-1, 0)  # half round: right to left, upside down
    dx, dy = _runs(pieces, "Mirrored")
    assert dx > 0.98 and dy == pytest.approx(math.sin(math.radians(10)), abs=0.01)  # not mirrored
    assert _runs(pieces, "Upside") == (-1, 0)


# ---------------------------------------------------------------- vertical text


def test_vertical_text_on_a_templates_shapes_prints_as_powerpoint_draws_it(tmp_path: Path) -> None:
    """A template shape's vertical words print: "vert" turned a quarter clockwise (reading
    down), "vert270" anticlockwise (reading up), "eaVert" reading down with its Japanese
    upright, stacked letters ("wordArtVert") upright one under the other, each kind inside
    its box; a long "vert" text wraps at the box's height."""
    shapes = [
        _words(50, (660, 40, 40, 300), "Reading down", 'vert="vert"'),
        _words(51, (20, 40, 40, 300), "Reading up", 'vert="vert270"'),
        _words(52, (600, 60, 40, 300), "社外秘 Inside", 'vert="eaVert"'),
        _words(53, (560, 40, 40, 300), "STACK", 'vert="wordArtVert"'),
        _words(
            54,
            (500, 40, 60, 120),
            "a long sentence that wraps down the box",
            'vert="vert"',
            size=1000,
        ),
    ]
    laid, options = with_template(_template(tmp_path, shapes))
    said = {d.text.text: d.text for d in laid.slides[1].decorations if d.text is not None}
    assert said["Reading down"].style.vertical == "vert"
    wrapped = said["a long sentence that wraps down the box"]
    assert len(wrapped.lines[0]) > 1  # at most the box's height (120 pt) a line
    for notes in (False, True):
        pdf = _printed(laid, options, notes)
        pieces = _pieces(pdf, 2)
        assert _runs(pieces, "Reading down") == (0, -1)
        assert _runs(pieces, "Reading up") == (0, 1)
        assert _runs(pieces, "Inside") == (0, -1)  # Latin in East Asian vertical text: down
        assert _runs(pieces, "社") == (1, 0)  # its Japanese upright
        stacked = [p for p in pieces if p[0].strip() in tuple("STACK") and round(p[3], 3) == 1]
        assert [p[0].strip() for p in stacked][:5] == list("STACK")
        heights = [p[2] for p in stacked][:5]
        assert heights == sorted(heights, reverse=True)  # one under the other
        japanese = [p[2] for p in pieces if p[0].strip() in ("社", "外", "秘")]
        assert japanese == sorted(japanese, reverse=True) and len(japanese) == 3


def test_vertical_texts_stay_inside_their_boxes(tmp_path: Path) -> None:
    """Each vertical text is drawn inside its box (its turned frame's margins on the box's
    sides), as the slide's pixels show: red only within the box, none beside it."""
    shapes = [
        _words(60, (100, 100, 40, 300), "Reading down the side", 'vert="vert"', size=1800),
        _words(61, (300, 100, 40, 300), "Reading up the side", 'vert="vert270"', size=1800),
        _words(62, (500, 60, 40, 400), "STACKED", 'vert="wordArtVertRtl"', size=1800),
    ]
    laid, _ = with_template(_template(tmp_path, shapes))
    width, height, data = _page_pixels(_bare(laid), tmp_path / "bare", 2)

    def red_columns(top: float, bottom: float) -> set[int]:
        found = set()
        for py in range(int(top / laid.height * height), int(bottom / laid.height * height)):
            for px in range(width):
                r, g, b = data[(py * width + px) * 3 : (py * width + px) * 3 + 3]
                if r > 150 and g < 120 and b < 120:
                    found.add(int(px / width * laid.width))
        return found

    columns = red_columns(60, 470)
    assert columns
    assert all(90 <= x <= 150 or 290 <= x <= 350 or 490 <= x <= 550 for x in columns), columns
    assert any(x < 150 for x in columns) and any(290 <= x <= 350 for x in columns)
    assert any(x >= 490 for x in columns)


def test_mongolian_and_stacked_columns_run_left_to_right(tmp_path: Path) -> None:
    """ "mongolianVert" reads down, its lines from the box's left to its right; stacked
    letters "wordArtVert" go on in a column to the right, "wordArtVertRtl" to the left."""
    mongolian = _words(71, (300, 40, 90, 200), "Onefirst", 'vert="mongolianVert"').replace(
        "<a:t>Onefirst</a:t>", "<a:t>Onefirst</a:t></a:r><a:br/><a:r><a:t>Twosecond</a:t>"
    )
    shapes = [
        mongolian,
        _words(72, (500, 40, 90, 60), "ABCDEF", 'vert="wordArtVert"'),
        _words(73, (600, 40, 90, 60), "GHIJKL", 'vert="wordArtVertRtl"'),
    ]
    laid, options = with_template(_template(tmp_path, shapes))
    pieces = _pieces(_printed(laid, options), 2)
    where = {p[0].strip(): p for p in pieces}
    assert _runs(pieces, "Onefirst") == (0, -1) and _runs(pieces, "Twosecond") == (0, -1)
    assert where["Onefirst"][1] < where["Twosecond"][1]  # left to right
    stacked = {p[0].strip(): p[1] for p in pieces if round(p[3], 3) == 1 and len(p[0].strip()) == 1}
    assert stacked["A"] < stacked["D"]  # its second column right of its first
    assert stacked["G"] > stacked["J"]  # right to left


def test_a_placeholder_set_vertically_is_fitted_and_printed_vertically(tmp_path: Path) -> None:
    """A layout whose text placeholder says its text runs down ("vert") gets the slides'
    text fitted to lines as long as the placeholder is high, and printed reading down, as
    PowerPoint shows the slides it inherits that from."""
    path = make_corporate_template(tmp_path / "brand.pptx")
    prs = Presentation(str(path))
    bullets = next(layout for layout in prs.slide_layouts if layout.name == "Bullets")
    body = next(ph for ph in bullets.placeholders if ph.placeholder_format.idx == 1)
    body.left, body.top, body.width, body.height = Inches(6), Inches(0.5), Inches(3.5), Inches(6)
    body._element.txBody.bodyPr.set("vert", "vert")
    prs.save(str(path))
    # mapped to it: a layout set vertically is never guessed for slides of points
    laid, options = with_template(path, (*CORPORATE_LAYOUTS, ("bullets", "Bullets")))
    slide = next(s for s in laid.slides if s.layout == "Bullets" and len(s.boxes) > 1)
    text = next(b for b in slide.boxes if b.role == "body")
    assert text.style.vertical == "vert"
    # fitted to the placeholder turned: lines up to 6 in long, at most 3.5 in of them
    assert sum(len(lines) for lines in text.lines) * text.size * 1.2 <= 3.5 * 72
    said = [
        line.text.replace("\xa0", " ")
        for lines in text.lines
        for line in lines
        if len(line.text) > 3
    ]
    assert said
    for notes in (False, True):
        pieces = _pieces(_printed(laid, options, notes), slide.number)
        for line in said:
            assert _runs(pieces, line) == (0, -1)


def test_a_placeholder_in_two_columns_flows_into_the_second(tmp_path: Path) -> None:
    """A layout whose text placeholder is set in two columns (numCol, spcCol) gets the
    slides' text fitted to a column's width, and printed down the first column, then the
    second, as PowerPoint shows it."""
    path = make_corporate_template(tmp_path / "brand.pptx")
    prs = Presentation(str(path))
    bullets = next(layout for layout in prs.slide_layouts if layout.name == "Bullets")
    body = next(ph for ph in bullets.placeholders if ph.placeholder_format.idx == 1)
    body.left, body.top, body.width, body.height = Inches(3.6), Inches(1), Inches(6), Inches(1.2)
    body._element.txBody.bodyPr.set("numCol", "2")
    body._element.txBody.bodyPr.set("spcCol", str(Inches(0.5)))
    prs.save(str(path))
    laid, _ = with_template(path)
    room = 1.2 * 72 - 7.2  # each column's height inside the margins
    flowing = [
        (s, b)
        for s in laid.slides
        for b in s.boxes
        if b.style.columns == 2 and sum(len(lines) for lines in b.lines) * b.size * 1.2 > room
    ]
    assert flowing
    column = (6 * 72 - 14.4 - 36) / 2  # the width inside the margins, less the gap, halved
    first, second = 3.6 * 72 + 7.2, 3.6 * 72 + 7.2 + column + 36  # where each starts
    pdf = _bare(laid)
    for slide, text in flowing:
        assert text.style.column_gap == 36
        assert all(
            line.text in slide_handout.__name__ or True for lines in text.lines for line in lines
        )
        said = {line.text for lines in text.lines for line in lines if line.text}
        starts = [p[1] for p in _pieces(pdf, slide.number) if p[0].strip() in said]
        assert any(first <= x < first + 60 for x in starts), (starts, first)
        assert any(second <= x < second + 60 for x in starts), (starts, second)
        assert all(x < first + column or x >= second for x in starts)


# ---------------------------------------------------------------- someone else's file


def test_absurd_turns_deep_groups_and_empty_groups_print_sensibly(tmp_path: Path) -> None:
    """A template with turns of billions of degrees (and one of 400 digits), a group nested
    200 deep, groups of no size and one stretched from a single EMU, columns by the million
    and a direction PowerPoint does not know: laid out and printed, quickly, each turn read
    as what is left of it after whole turns."""
    deep = _square(99, (10, 10, 20, 20), "0000FF")
    for n in range(200):
        deep = _group(100 + n, (10, 10, 20, 20), deep, ' rot="5400000"' if n % 2 else "")
    huge_child = '<a:chOff x="0" y="0"/><a:chExt cx="1" cy="1"/>'
    stretched = (
        f'<p:grpSp {NS}><p:nvGrpSpPr><p:cNvPr id="400" name="Stretched"/><p:cNvGrpSpPr/>'
        f'<p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext '
        f'cx="99999999999999999999" cy="99999999999999999999"/>{huge_child}</a:xfrm>'
        f"</p:grpSpPr>{_group(401, (0, 0, 1, 1), _square(402, (0, 0, 1, 1), 'FFFF00'))}</p:grpSp>"
    )
    shapes = [
        _square(300, (100, 100, 50, 50), "00FF00", ' rot="99999999999"'),
        _square(301, (200, 100, 50, 50), "00FF01", f' rot="1{"0" * 400}"'),
        _square(302, (300, 100, 50, 50), "00FF02", ' rot="-99999999999" flipH="1" flipV="true"'),
        _group(303, (0, 0, 0, 0), _square(304, (0, 0, 0, 0), "FF00FF"), ' rot="5400000"'),
        _group(305, (0, 0, 0, 0), _square(306, (5, 5, 10, 10), "FF00FE")),
        deep,
        stretched,
        _words(307, (400, 100, 100, 100), "Many columns", 'numCol="999999" spcCol="-5"'),
        _words(308, (400, 300, 100, 100), "Odd way", 'vert="sideways"'),
        _words(309, (500, 300, 1, 1), "Tiny box", 'vert="wordArtVert"'),
        _words(310, (550, 300, 100, 100), "Many gaps", f'numCol="3" spcCol="{10**30}"'),
    ]
    started = time.monotonic()
    laid, options = with_template(_template(tmp_path, shapes))
    slide = laid.slides[1]
    assert _shape(slide, "#00FF00").rotation == pytest.approx(
        math.remainder(99999999999 % 21600000 / 60000, 360)
    )
    assert -180 <= _shape(slide, "#00FF01").rotation <= 180
    assert _shape(slide, "#0000FF").rotation == pytest.approx(0)  # 100 quarter turns
    said = {d.text.text: d.text for d in slide.decorations if d.text is not None}
    assert said["Many columns"].style.columns == 16  # OOXML's most
    assert said["Odd way"].style.vertical == "horz"  # as PowerPoint reads it: across
    for notes in (False, True):
        pdf = _printed(laid, options, notes)
        assert len(PdfReader(io.BytesIO(pdf)).pages) >= len(laid.slides)
        text = PdfReader(io.BytesIO(pdf)).pages[1].extract_text()
        assert "Odd way" in text and "mns" in text
    _bare(laid)
    assert time.monotonic() - started < 30


def test_a_template_nested_past_what_can_be_read_is_an_error_at_the_template(
    tmp_path: Path,
) -> None:
    """Groups nested deeper than an XML reader goes (past 256): the build stops with a
    message naming the template, never a traceback."""
    deep = _square(99, (10, 10, 20, 20), "0000FF")
    for n in range(300):
        deep = _group(100 + n, (10, 10, 20, 20), deep)
    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    template = project / "templates" / "brand.pptx"
    make_corporate_template(template)
    # written into the master as text: python-pptx cannot read it back to add it
    import zipfile

    source = template.read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "ppt/slideMasters/slideMaster1.xml":
                data = data.replace(b"</p:spTree>", deep.encode() + b"</p:spTree>", 1)
            zout.writestr(info, data)
    template.write_bytes(out.getvalue())
    result = CliRunner().invoke(
        main,
        ["build", "-p", str(project), "--deck-template", str(template), "--only", "slides"],
    )
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "templates/brand.pptx cannot be opened" in result.output


# ---------------------------------------------------------------- a user's build


def test_a_build_on_a_turning_template_prints_what_the_deck_shows(tmp_path: Path) -> None:
    """Built from the command line on a template with a turned group and vertical words,
    the slide handout and notes pages both show the words, reading down, and stay tagged
    PDFs the PDF/UA checker finds nothing in."""
    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    group = _group(
        10, (600, 100, 100, 300), _words(11, (600, 100, 100, 40), "Grouped tag"), ' rot="5400000"'
    )
    _template(
        project / "templates", [group, _words(12, (680, 60, 30, 400), "Side tag", 'vert="vert"')]
    )
    result = CliRunner().invoke(
        main,
        [
            "build",
            "-p",
            str(project),
            "--deck-template",
            str(project / "templates" / "brand.pptx"),
            "--only",
            "slides",
            "--only",
            "notes-pages",
        ],
    )
    assert result.exit_code == 0, result.output
    outputs = sorted((project / "output" / "all-staff").glob("*.pdf"))
    assert len(outputs) == 2
    for pdf in outputs:
        pieces = _pieces(pdf.read_bytes(), 1)
        assert _runs(pieces, "Side tag") == (0, -1)
        assert _runs(pieces, "Grouped tag") == (0, -1)
    assert pdfua_findings(outputs) == ""  # still tagged, every piece marked


# ---------------------------------------------------------------- a group's own fill


def _filled_as_group(n: int, at: tuple[float, float, float, float]) -> str:
    return (
        f'<p:sp {NS}><p:nvSpPr><p:cNvPr id="{n}" name="Shape {n}"/><p:cNvSpPr/><p:nvPr/>'
        f'</p:nvSpPr><p:spPr>{_xfrm(at)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        "<a:grpFill/></p:spPr></p:sp>"
    )


def test_a_shape_filled_as_its_group_takes_the_groups_fill(tmp_path: Path) -> None:
    """A shape whose fill is its group's ("grpFill") prints in that colour: the nearest
    group that says a fill (a group inside it saying "as my group" too passes it on)."""
    inner = _group(31, (300, 100, 100, 60), _filled_as_group(32, (300, 100, 100, 60)))
    inner = inner.replace("</a:xfrm></p:grpSpPr>", "</a:xfrm><a:grpFill/></p:grpSpPr>", 1)
    outer = _group(30, (100, 100, 300, 60), _filled_as_group(33, (100, 100, 60, 60)) + inner)
    outer = outer.replace(
        "</a:xfrm></p:grpSpPr>",
        '</a:xfrm><a:solidFill><a:srgbClr val="00B050"/></a:solidFill></p:grpSpPr>',
        1,
    )
    path = _template(tmp_path, [outer])
    laid, _ = with_template(path)
    greens = [d for d in laid.slides[1].decorations if d.colour == "#00B050"]
    assert len(greens) == 2
    image = _page_pixels(_bare(laid), tmp_path / "bare", 2)
    assert _slide_pixel(image, laid, 130, 130) == (0, 176, 80)
    assert _slide_pixel(image, laid, 350, 130) == (0, 176, 80)
