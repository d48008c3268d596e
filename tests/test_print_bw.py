"""Black-and-white office printing (``--print bw``, ``settings: print: bw``).

Checked as the printout would be: every page rendered to greyscale by poppler's pdftoppm and
measured. No large solid area (the bands that empty a toner cartridge); the poster's compared
columns still told apart once their colours have turned to much the same grey; and nothing in
any PDF drawn in a colour that is not a grey (pikepdf reads every colour the pages set).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pikepdf
import pytest
from PIL import Image, ImageStat

from materials_gen.build import BuildOptions, build
from materials_gen.theme import Palette

from .conftest import KIT_LANGUAGE, approved, kit_copy, tool

DPI = 36
KINDS = (
    "handout",
    "guide",
    "evaluation",
    "sign-in",
    "pretest",
    "answer-key",
    "slides",
    "notes-pages",
    "poster",
    "poster-tiles",
    "certificates",
)


@pytest.fixture(scope="module")
def bw(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """The default kit printed in black and white: (audience, kind) -> file."""
    out = tmp_path_factory.mktemp("bw")
    roster = out / "roster.csv"
    roster.write_text("name\nAmira Haddad\nJordan Lee\n", encoding="utf-8")
    options = BuildOptions(
        output=out,
        kinds=KINDS,
        printing="bw",
        tile="letter",
        roster=roster,
        date="2026-12-01",
        languages=(KIT_LANGUAGE,),
    )
    kit = approved(kit_copy(out))  # its certificates print its approval
    report = build(kit, options, jobs=2)
    return {(b.target.audience.id, b.target.kind.name): b.path for b in report.built}


def grey_pages(path: Path, folder: Path) -> list[Image.Image]:
    """The pages as a black-and-white printer sees them: greyscale, DPI dots per inch."""
    stem = folder / path.stem
    subprocess.run(
        [tool("pdftoppm"), "-gray", "-r", str(DPI), "-png", str(path), str(stem)], check=True
    )
    return [Image.open(p).convert("L") for p in sorted(folder.glob(f"{path.stem}*.png"))]


def solid_areas(page: Image.Image) -> list[tuple[int, int, int]]:
    """Solid areas of ink: runs of quarter-inch squares at least 90% covered by mid-grey or
    darker, at least 40% of the page wide and half an inch tall, as (row, first, last)."""
    cell = DPI // 4
    ink = page.point(lambda v: 255 if v < 160 else 0)
    cells = ink.reduce(cell)  # each square's covered share, 0-255
    width, height = cells.size
    pixels = cells.load()
    runs = []
    for y in range(height):
        x = 0
        while x < width:
            start = x
            while x < width and pixels[x, y] >= 230:
                x += 1
            if x - start >= 0.4 * width:
                runs.append((y, start, x))
            x = max(x, start + 1)
    rows = {y for y, _, _ in runs}
    # half an inch tall: the square below is solid over the same run too
    return [r for r in runs if r[0] + 1 in rows]


def test_black_and_white_pdfs_have_no_solid_bands(
    bw: dict[tuple[str, str], Path], tmp_path: Path
) -> None:
    assert {k for _, k in bw} == set(KINDS)
    for (audience, kind), path in sorted(bw.items()):
        folder = tmp_path / f"{audience}-{kind}"
        folder.mkdir()
        for number, page in enumerate(grey_pages(path, folder), start=1):
            assert not solid_areas(page), f"{path.name} page {number}"


def test_the_colour_pdfs_have_the_bands_the_measure_finds(
    kit_outputs: dict[tuple[str, str], Path], tmp_path: Path
) -> None:
    """The measure can fail: in colour, the handout's title band and the poster's bands are
    solid areas of ink."""
    for kind in ("handout", "poster"):
        first = grey_pages(kit_outputs["clinical", kind], tmp_path)[0]
        assert solid_areas(first), kind


def words(path: Path) -> list[tuple[str, float, float, float, float]]:
    """Every word on the first page with its box in points (poppler's pdftotext -bbox)."""
    html = subprocess.run(
        [tool("pdftotext"), "-bbox", "-f", "1", "-l", "1", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    pattern = r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    return [
        (w, float(a), float(b), float(c), float(d)) for a, b, c, d, w in re.findall(pattern, html)
    ]


def header_greys(path: Path, folder: Path) -> tuple[float, float]:
    """The mean grey (0 black, 255 white) around the poster's two column headers: the words
    'Trauma-informed' and 'Trauma-competent' where they first appear, with their cell's
    background around them."""
    page = grey_pages(path, folder)[0]
    found = {}
    for word, x0, y0, x1, y1 in words(path):
        key = word.rstrip(".,:").lower()
        if key in ("trauma-informed", "trauma-competent") and key not in found:
            found[key] = (x0, y0, x1, y1)
    means = []
    for key in ("trauma-informed", "trauma-competent"):
        x0, y0, x1, y1 = (v * DPI / 72 for v in found[key])
        pad = (y1 - y0) * 0.3
        area = page.crop((int(x0 - pad), int(y0 - pad), int(x1 + pad) + 1, int(y1 + pad) + 1))
        means.append(ImageStat.Stat(area).mean[0])
    return means[0], means[1]


def test_the_poster_columns_differ_in_grey(
    bw: dict[tuple[str, str], Path], kit_outputs: dict[tuple[str, str], Path], tmp_path: Path
) -> None:
    """In colour the two approaches' headers print as much the same grey (green and purple);
    in black and white one is outlined (black on white) and the other solid (white on
    black): told apart on any printer."""
    (tmp_path / "colour").mkdir()
    (tmp_path / "bw").mkdir()
    informed, competent = header_greys(kit_outputs["clinical", "poster"], tmp_path / "colour")
    assert abs(informed - competent) < 30, (informed, competent)  # colour alone tells them apart
    informed, competent = header_greys(bw["clinical", "poster"], tmp_path / "bw")
    assert informed - competent > 80, (informed, competent)


def colours_set(path: Path) -> set[tuple[str, tuple[float, ...]]]:
    """Every fill and stroke colour the file's pages and forms set (pictures aside)."""
    found = set()
    with pikepdf.open(path) as pdf:
        streams = []
        for page in pdf.pages:
            streams.append(page)  # pictures are the trainer's own, printed as they are
            resources = page.obj.get("/Resources", {})
            for _, xobject in resources.get("/XObject", {}).items():
                if xobject.get("/Subtype") == "/Form":
                    streams.append(xobject)
        for stream in streams:
            for operands, operator in pikepdf.parse_content_stream(stream):
                name = str(operator)
                if name in ("rg", "RG", "k", "K", "g", "G", "sc", "SC", "scn", "SCN"):
                    values = tuple(
                        round(float(v), 3) for v in operands if not isinstance(v, pikepdf.Name)
                    )
                    found.add((name, values))
    return found


def is_grey(operator: str, values: tuple[float, ...]) -> bool:
    if operator in ("g", "G") or len(values) == 1:
        return True
    if operator in ("k", "K"):
        return values[0] == values[1] == values[2] == 0
    return len(set(values)) == 1


def test_nothing_is_printed_in_colour(bw: dict[tuple[str, str], Path]) -> None:
    """Greys only: a black-and-white printer makes of a colour whatever grey it likes, so
    nothing depends on how it does (the printed slides drop the template's colours too)."""
    for path in bw.values():
        coloured = {c for c in colours_set(path) if not is_grey(*c)}
        assert not coloured, (path.name, sorted(coloured)[:5])


def test_the_organisations_template_prints_without_its_backgrounds(tmp_path: Path) -> None:
    """Printed slides of a template with a dark background and a logo on its master: no
    solid areas, greys only."""
    from .conftest import PROJECTS
    from .deck_templates import make_branded_template

    template = make_branded_template(tmp_path / "branded.pptx", colour="1F2A44")

    def printed(printing: str) -> list[Path]:
        options = BuildOptions(
            output=tmp_path / printing,
            kinds=("slides",),
            deck_template=template,
            printing=printing,
        )
        return [b.path for b in build(PROJECTS / "minimal", options, jobs=1).built]

    for path in printed("colour"):  # in colour, the template's dark blue and red logo
        assert {c for c in colours_set(path) if not is_grey(*c)}
    for path in printed("bw"):
        assert not {c for c in colours_set(path) if not is_grey(*c)}
        folder = tmp_path / path.stem
        folder.mkdir()
        for number, page in enumerate(grey_pages(path, folder), start=1):
            assert not solid_areas(page), f"{path.name} page {number}"


def test_the_black_and_white_palette_reads_well() -> None:
    """Every text colour at 7:1 or better on the paper; fills white; greys only."""
    from materials_gen.contrast import ratio

    ink = Palette.black_and_white()
    for role in ("text", "primary", "muted", "accent", "on_primary"):
        assert ratio(getattr(ink, role), ink.paper) >= 7, role
    assert ink.band == ink.table_header == ink.callout == ink.activity == ink.paper
    for value in (getattr(ink, f) for f in ink.__dataclass_fields__ if f != "monochrome"):
        assert value[1:3] == value[3:5] == value[5:7], value
