"""The poster as a print shop and an office printer see it: words, sizes, boxes, sheets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from materials_gen.build import BuildOptions, build
from materials_gen.cli import main
from materials_gen.errors import ContentError, Location, UsageError
from materials_gen.load import load_project
from materials_gen.validate import validate

from .conftest import KIT_CLINICAL_ONLY, KIT_LANGUAGE, REPO, all_text, edit, run, tool

ASPECTS = ("Focus", "Application", "Skills required", "Goal", "Example practices")


def posters(project: Path, folder: Path, **options) -> dict[str, Path]:
    report = build(project, BuildOptions(output=folder, kinds=("poster",), **options))
    return {f"{b.target.audience.id}/{b.target.kind.name}": b.path for b in report.built}


def text_of(path: Path) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(str(path)).pages))


def box(page, name: str) -> tuple[float, ...]:
    return tuple(round(float(v), 2) for v in page[name])


@pytest.fixture(scope="module")
def kit_posters(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return posters(REPO, tmp_path_factory.mktemp("posters"), languages=(KIT_LANGUAGE,))


def test_poster_shows_every_aspect_and_the_audience_panel(kit_posters: dict[str, Path]) -> None:
    staff = text_of(kit_posters["all-staff/poster"])
    clinical = text_of(kit_posters["clinical/poster"])
    for words in ASPECTS + (
        "Trauma-informed care",
        "Trauma-competent care",
        "Two levels of trauma care",
    ):
        assert words in staff and words in clinical
    assert "What every one of us can do" in staff and "Call for help" in staff
    assert "In your clinical practice" in clinical and "Offer confidential screening" in clinical
    assert "Riverbend Community Health · Version 1.0 · 2 November 2026" in staff
    assert "For: All staff" in staff
    for phrase in KIT_CLINICAL_ONLY:
        assert phrase.lower() not in staff.lower(), phrase


def test_default_size_is_18_by_24_portrait(kit_posters: dict[str, Path]) -> None:
    page = PdfReader(str(kit_posters["all-staff/poster"])).pages[0]
    assert box(page, "/MediaBox") == (0, 0, 1296, 1728)
    assert "/TrimBox" not in page and "/BleedBox" not in page


def test_type_is_large_enough_to_read_across_a_room(kit_posters: dict[str, Path]) -> None:
    """On 18 x 24 in: body text at least 24 pt, the headline at least 72 pt."""
    page = PdfReader(str(kit_posters["clinical/poster"])).pages[0]
    sizes: dict[str, float] = {}

    def visit(text, cm, tm, font, size):
        text = text.strip()
        if text:
            sizes[text] = size * tm[0]

    page.extract_text(visitor_text=visit)
    headline = next(s for t, s in sizes.items() if t.startswith("Two levels"))
    assert headline >= 72
    body = [s for t, s in sizes.items() if "trauma" in t.lower() and not t.startswith("Two levels")]
    footer = [s for t, s in sizes.items() if "Riverbend" in t]
    assert min(body) >= 24, sizes
    assert min(footer) >= 18


def sizes_of(path: Path) -> dict[str, float]:
    """Each text of the poster's page and its size in points."""
    sizes: dict[str, float] = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            sizes[text.strip()] = size * tm[0]

    PdfReader(str(path)).pages[0].extract_text(visitor_text=visit)
    return sizes


def test_the_footer_grows_with_the_sheet(project: Path, tmp_path: Path) -> None:
    """On A0 the body text was twice its 18 x 24 in size and the footer the same 21.6 pt, a
    line of small print at the foot of the sheet: it now grows with the sheet, as the body,
    the bands and the margins do, and stays smaller than the body."""
    found = {}
    for size in ("18x24", "A0"):
        sizes = sizes_of(posters(project, tmp_path / size, poster_size=size)["clinical/poster"])
        footer = next(s for t, s in sizes.items() if t.startswith("For:"))
        found[size] = footer, min(s for s in sizes.values() if s > footer)
    small, large = found["18x24"], found["A0"]
    assert large[0] > small[0] * 1.6  # A0's shorter side is 1.84 times 18 in
    assert large[0] < large[1]  # smaller than the smallest body text


@pytest.mark.parametrize(
    ("size", "orientation", "expected"),
    [
        ("letter", "portrait", (612, 792)),
        ("tabloid", "portrait", (792, 1224)),
        ("A4", "portrait", (595.28, 841.89)),
        ("a3", "landscape", (1190.55, 841.89)),
        ("A2", "portrait", (1190.55, 1683.78)),
        ("a1", "portrait", (1683.78, 2383.94)),
        ("A0", "landscape", (3370.39, 2383.94)),
        ("24x36", "portrait", (1728, 2592)),
        ("500x700mm", "portrait", (1417.32, 1984.25)),
        ("20x30in", "landscape", (2160, 1440)),
    ],
)
def test_paper_sizes(project: Path, tmp_path: Path, size: str, orientation: str, expected) -> None:
    built = posters(
        project, tmp_path, poster_size=size, orientation=orientation, audiences=("clinical",)
    )
    page = PdfReader(str(built["clinical/poster"])).pages[0]
    assert box(page, "/MediaBox")[2:] == expected
    assert "Exposure therapy protocols" in text_of(built["clinical/poster"])


@pytest.mark.parametrize(
    ("size", "setting", "orientation", "expected"),
    [
        ("30x20in", False, None, (2160, 1440)),
        ("700x500mm", True, None, (1984.25, 1417.32)),
        ("17x11", False, None, (1224, 792)),
        ("30x20in", False, "portrait", (1440, 2160)),
        ("20x30in", True, None, (1440, 2160)),
        ("tabloid", False, None, (792, 1224)),
    ],
)
def test_a_size_of_one_s_own_is_as_wide_and_high_as_typed(
    project: Path,
    tmp_path: Path,
    size: str,
    setting: bool,
    orientation: str | None,
    expected: tuple[float, float],
) -> None:
    """'30x20in' made a poster 20 in wide and 30 high, without a word: a size of the
    trainer's own is as typed, unless an orientation is given (on the command line or in
    the settings); a named paper stays portrait."""
    given = {"poster_size": size}
    if setting:
        course = project / "content" / "course.yaml"
        edit(course, "settings:\n", f"settings:\n  poster:\n    size: {size}\n")
        given = {}
    built = posters(project, tmp_path, orientation=orientation, audiences=("clinical",), **given)
    page = PdfReader(str(built["clinical/poster"])).pages[0]
    assert box(page, "/MediaBox")[2:] == expected


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ("50x70", "'50x70' gives no unit: write 50x70cm (19.69 x 27.56 in) or 50x70in"),
        ("594x841", "'594x841' gives no unit: write 594x841mm (23.39 x 33.11 in)"),
    ],
)
def test_a_poster_size_without_its_unit_is_refused_with_its_readings(
    project: Path, given: str, said: str
) -> None:
    """'50x70' (a poster in centimetres) was read as inches, without a word: a poster of
    127 x 178 cm went to the print shop. A size needs its unit, but for the sizes a US print
    shop names in inches (24x36, either way round)."""
    for args in (["--poster-size", given], []):
        if not args:
            edit(
                project / "content" / "course.yaml",
                "settings:\n",
                f"settings:\n  poster:\n    size: {given}\n",
            )
        result = CliRunner().invoke(main, ["check", "-p", str(project), *args])
        assert result.exit_code in (1, 2) and said in result.output, result.output
        assert "Traceback" not in result.output
    assert "error" in result.output and "content/course.yaml:" in result.output


def test_a_us_poster_size_in_inches_needs_no_unit() -> None:
    from materials_gen.paper import size

    assert size("36x24") == size("24x36in") and size("36x48") == size("36x48in")


def test_bleed_sets_trim_and_bleed_boxes_and_crop_marks(kit_posters, tmp_path: Path) -> None:
    built = posters(
        REPO, tmp_path, bleed="0.125in", audiences=("all-staff",), languages=(KIT_LANGUAGE,)
    )
    page = PdfReader(str(built["all-staff/poster"])).pages[0]
    slug, bleed = 36, 9  # half an inch for the marks, 0.125 in of bleed
    assert box(page, "/TrimBox") == (
        slug + bleed,
        slug + bleed,
        slug + bleed + 1296,
        slug + bleed + 1728,
    )
    assert box(page, "/BleedBox") == (slug, slug, slug + 2 * bleed + 1296, slug + 2 * bleed + 1728)
    assert box(page, "/MediaBox") == (0, 0, 1296 + 2 * (slug + bleed), 1728 + 2 * (slug + bleed))
    content = page.get_contents().get_data().decode("latin-1")
    assert content.count(" l S") >= 8  # eight crop-mark hairlines at the four corners


def test_bleed_in_millimetres_from_the_settings(project: Path, tmp_path: Path) -> None:
    edit(
        project / "content" / "course.yaml",
        "settings:\n",
        "settings:\n  poster:\n    size: A3\n    bleed: 3mm\n",
    )
    built = posters(project, tmp_path, audiences=("all-staff",))
    page = PdfReader(str(built["all-staff/poster"])).pages[0]
    trim = box(page, "/TrimBox")
    bleed = box(page, "/BleedBox")
    assert round(trim[0] - bleed[0], 2) == round(3 * 72 / 25.4, 2)
    assert round(trim[2] - trim[0], 2) == 841.89


@pytest.mark.parametrize("off", ["0", "none", "off", "0mm", "NONE"])
def test_bleed_0_none_or_off_switches_off_the_settings_bleed_for_one_build(
    project: Path, tmp_path: Path, off: str
) -> None:
    """A bleed set in course.yaml could be switched off for one build only by
    "--bleed 0mm": "--bleed 0" and "--bleed none" were refused ("'0' is not a length")."""
    edit(
        project / "content" / "course.yaml", "settings:\n", "settings:\n  poster:\n    bleed: 3mm\n"
    )
    result = CliRunner().invoke(
        main,
        ["build", "-p", str(project), "-o", str(tmp_path), "--only", "poster", "--bleed", off],
    )
    assert result.exit_code == 0, result.output
    page = PdfReader(str(next(tmp_path.rglob("*poster.pdf")))).pages[0]
    assert "/TrimBox" not in page and "/BleedBox" not in page
    assert box(page, "/MediaBox") == (0, 0, 1296, 1728)  # 18 x 24 in, no crop marks


@pytest.mark.parametrize("written", ["0", "off", "none", '"0"'])
def test_no_bleed_may_be_written_in_the_settings(
    project: Path, tmp_path: Path, written: str
) -> None:
    """In course.yaml too: YAML reads 0 as a number and off as no, both refused before."""
    edit(
        project / "content" / "course.yaml",
        "settings:\n",
        f"settings:\n  poster:\n    bleed: {written}\n",
    )
    result = CliRunner().invoke(main, ["check", "-p", str(project)])
    assert result.exit_code == 0, result.output
    built = posters(project, tmp_path, audiences=("all-staff",))
    page = PdfReader(str(built["all-staff/poster"])).pages[0]
    assert "/TrimBox" not in page
    assert box(page, "/MediaBox") == (0, 0, 1296, 1728)


def test_a_bleed_past_any_printers_trim_is_refused_where_it_is_given(
    project: Path, tmp_path: Path
) -> None:
    """--bleed 1000in made a poster page two thousand inches wide (past what PDF readers
    open), and the setting passed check: more than an inch is refused, on the command line
    with exit status 2, in the settings at its line."""
    result = CliRunner().invoke(
        main,
        ["build", "-p", str(project), "-o", str(tmp_path), "--only", "poster", "--bleed", "1000in"],
    )
    assert result.exit_code == 2, result.output
    assert "--bleed: '1000in' is more bleed than a printer trims" in result.output
    assert not (tmp_path / "out").exists()
    edit(
        project / "content" / "course.yaml", "settings:\n", "settings:\n  poster:\n    bleed: 5in\n"
    )
    result = CliRunner().invoke(main, ["check", "-p", str(project)])
    assert result.exit_code == 1, result.output
    assert "content/course.yaml:" in result.output and "'5in' is more bleed" in result.output
    edit(project / "content" / "course.yaml", "bleed: 5in", "bleed: 5mm")
    assert CliRunner().invoke(main, ["check", "-p", str(project)]).exit_code == 0


def test_tiles_on_legal_sheets(project: Path, tmp_path: Path) -> None:
    """--tile legal was refused: Legal (8.5 x 14 in) is a common US office sheet. The tiles
    are Legal sheets, and the poster and tile options take the same names."""
    from materials_gen import paper
    from materials_gen.render.poster import PAPERS

    result = CliRunner().invoke(
        main,
        ["build", "-p", str(project), "-o", str(tmp_path), "--only", "poster", "--tile", "legal"],
    )
    assert result.exit_code == 0, result.output
    tiles = PdfReader(str(next(tmp_path.rglob("*poster-tiles.pdf"))))
    sizes = {tuple(sorted(box(page, "/MediaBox")[2:])) for page in tiles.pages}
    assert sizes == {(612, 1008)}, sizes
    assert {name.lower() for name in PAPERS} == set(paper.SIZES)
    refused = CliRunner().invoke(main, ["build", "-p", str(project), "--tile", "foolscap"])
    assert refused.exit_code == 2
    assert "letter, legal, tabloid, A4" in refused.output


def test_tiles_for_an_office_printer(project: Path, tmp_path: Path) -> None:
    report = build(
        project,
        BuildOptions(output=tmp_path, kinds=("poster",), tile="letter", audiences=("all-staff",)),
    )
    tiles = next(b.path for b in report.built if b.target.kind.name == "poster-tiles")
    assert tiles.name == "safe-rooms-all-staff-poster-tiles.pdf"
    reader = PdfReader(str(tiles))
    # 18 x 24 in on Letter with 0.5 in margins and overlap: 3 x 3 sheets upright, or
    # 2 columns by 4 rows of sheets turned sideways: the fewer sheets win
    assert len(reader.pages) == 8
    for number, page in enumerate(reader.pages, start=1):
        assert box(page, "/MediaBox") == (0, 0, 792, 612)
        text = re.sub(r"\s+", " ", page.extract_text())
        row, col = (number - 1) // 2 + 1, (number - 1) % 2 + 1
        assert f"Sheet {number} of 8 · row {row} of 4, column {col} of 2" in text
    assert "Safe Rooms" in reader.pages[0].extract_text()


def test_a_poster_with_a_link_is_tiled_with_its_words(project: Path, tmp_path: Path) -> None:
    """A web address in a poster's cell stopped --tile with "annotations don't work in
    PDFFormXObjects yet" (ReportLab's words), blaming the template, and the poster was
    dropped with it. The tiles print the link's words and its address (paper follows no
    link); the poster keeps its link."""
    edit(
        project / "content" / "tables" / "approaches.yaml",
        "competent: Treating",
        "competent: Treating, see [the guide](https://www.samhsa.gov)",
    )
    report = build(
        project,
        BuildOptions(output=tmp_path, kinds=("poster",), tile="a4", audiences=("all-staff",)),
    )
    made = {b.target.kind.name: b.path for b in report.built}
    tiles, poster = PdfReader(str(made["poster-tiles"])), PdfReader(str(made["poster"]))
    for printed in made["poster-tiles"], made["poster"]:  # the address a reader types too
        assert "the guide (https://www.samhsa.gov)" in " ".join(text_of(printed).split())
    assert not any(page.get("/Annots") for page in tiles.pages)
    links = [a.get_object() for page in poster.pages for a in page.get("/Annots", [])]
    assert any(a["/A"].get("/URI") == "https://www.samhsa.gov" for a in links)


@pytest.mark.parametrize(
    "title",
    [
        "",
        "Two levels of safe rooms: what every colleague can do to keep people safe, and what "
        "trained clinical providers add to help them recover and heal",
    ],
)
def test_tiles_keep_clear_of_the_unprintable_margin(
    project: Path, tmp_path: Path, title: str
) -> None:
    """Rendered, every sheet is blank within 0.25 in of its edges; a caption on two lines
    (a long headline) too: its second line ran down to 0.19 in from the edge."""
    from PIL import Image

    if title:
        edit(project / "content" / "course.yaml", "title: Safe Rooms", f"title: '{title}'")
    report = build(
        project,
        BuildOptions(
            output=tmp_path,
            kinds=("poster",),
            tile="letter" if title else "a4",
            orientation="landscape" if title else None,
            audiences=("all-staff",),
        ),
    )
    tiles = next(b.path for b in report.built if b.target.kind.name == "poster-tiles")
    pdftoppm = tool("pdftoppm")
    run(pdftoppm, "-r", "36", "-png", str(tiles), str(tmp_path / "sheet"))
    images = sorted(tmp_path.glob("sheet-*.png"))
    assert len(images) == len(PdfReader(str(tiles)).pages) > 1
    edge = 9  # 0.25 in at 36 dpi
    for path in images:
        with Image.open(path) as image:
            grey = image.convert("L")
            width, height = grey.size
            strips = [
                grey.crop((0, 0, width, edge)),
                grey.crop((0, height - edge, width, height)),
                grey.crop((0, 0, edge, height)),
                grey.crop((width - edge, 0, width, height)),
            ]
            assert all(strip.getextrema()[0] == 255 for strip in strips), path.name
        ink = grey.getextrema()[0]
        assert ink < 128  # and the sheet is not blank


def test_too_long_cell_says_which_and_by_how_much(project: Path, tmp_path: Path) -> None:
    edit(
        project / "content" / "tables" / "approaches.yaml",
        "    competent: Weekly case review",
        "    competent: " + "Weekly case review with the whole team and notes " * 60,
    )
    with pytest.raises(ContentError) as caught:
        posters(project, tmp_path, poster_size="letter", audiences=("clinical",))
    (problem,) = caught.value.problems
    assert re.search(
        r"the poster for Clinical providers does not fit on Letter portrait \(8\.5 x 11 in\): "
        r".* needs \d+\.\d in more",
        problem.message,
    )
    assert "the 'Supervision' cell under 'Competent'" in problem.message
    # the cell's own line in the table file, found from its text
    lines = (project / "content" / "tables" / "approaches.yaml").read_text().splitlines()
    line = next(i for i, t in enumerate(lines, start=1) if "Weekly case review with" in t)
    assert problem.location == Location("content/tables/approaches.yaml", line)
    assert not list(tmp_path.rglob("*.pdf"))
    # the paper the hint names was tried: the poster builds on it
    size = re.search(r"build with --poster-size (\S+)", problem.hint).group(1)
    built = posters(project, tmp_path / "larger", poster_size=size, audiences=("clinical",))
    assert "Weekly case review with the whole team" in text_of(built["clinical/poster"])


def test_bad_poster_settings_name_their_line(project: Path) -> None:
    edit(
        project / "content" / "course.yaml",
        "settings:\n",
        "settings:\n  poster:\n    size: B7\n    bleed: 3 millimetres\n",
    )
    with pytest.raises(ContentError) as caught:
        validate(load_project(project))
    found = {(p.location.line, p.message.split(";")[0]) for p in caught.value.problems}
    assert (29, "'B7' is not a paper size") in found
    assert (30, "'3 millimetres' is not a length") in found


def test_bad_poster_options_are_usage_errors(project: Path, tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        posters(project, tmp_path, tile="napkin")
    result = CliRunner().invoke(main, ["build", "-p", str(project), "--bleed", "lots"])
    assert result.exit_code == 2 and "--bleed: 'lots' is not a length" in result.output


def test_panel_points_can_differ_per_audience(kit_posters: dict[str, Path]) -> None:
    assert "Respond calmly" in text_of(kit_posters["all-staff/poster"])
    assert "Respond calmly" not in text_of(kit_posters["clinical/poster"])


def test_poster_is_deterministic_embedded_and_clean(kit_posters, tmp_path: Path) -> None:
    again = posters(REPO, tmp_path, languages=(KIT_LANGUAGE,))
    for key, path in again.items():
        assert path.read_bytes() == kit_posters[key].read_bytes()
    qpdf, pdffonts, pdftotext = tool("qpdf"), tool("pdffonts"), tool("pdftotext")
    words = re.sub(r"\s+", " ", run(pdftotext, str(kit_posters["clinical/poster"]), "-").stdout)
    for aspect in ASPECTS:
        assert aspect in words
    for path in kit_posters.values():
        assert run(qpdf, "--check", str(path)).returncode == 0
        for line in run(pdffonts, str(path)).stdout.splitlines()[2:]:
            assert line.split()[-5] == "yes", line


def test_a_word_is_never_cut_across_lines_in_the_table(project: Path, tmp_path: Path) -> None:
    """'Supervision' in the narrow label column used to print as 'Supervisi' / 'on'."""
    text = text_of(posters(project, tmp_path)["clinical/poster"])
    assert "Supervision Team check-ins" in text


def test_a_long_organization_name_keeps_to_its_side_of_the_footer(
    project: Path, tmp_path: Path
) -> None:
    long = (
        "The Riverbend Regional Community Health and Social Care Partnership Trust of the "
        "Northern Counties and Islands"
    )
    edit(project / "content" / "course.yaml", "organization: Test Clinic", f"organization: {long}")
    path = posters(project, tmp_path)["all-staff/poster"]
    text = text_of(path)
    assert "Islands · Version 2.1 · 4 March 2025" in text and "For: All staff" in text
    html = run(tool("pdftotext"), "-bbox", str(path), "-").stdout
    height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', html).group(1))
    words = [
        (float(x0), float(x1), word)
        for x0, y0, x1, word in re.findall(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<', html
        )
        if float(y0) > height - 120  # the footer band
    ]
    audience = min(x0 for x0, _, word in words if word == "For:")
    left = [x1 for x0, x1, word in words if x0 < audience]
    assert len(left) > 10 and max(left) < audience - 10  # no word runs into "For: All staff"


def _dosing(project: Path, named: bool) -> None:
    """A clinical-only module, listed first, showing a dosing chart; ``named``: course.yaml
    names the chart as the poster's table."""
    tables = project / "content" / "tables"
    (tables / "dosing-chart.yaml").write_text(
        "title: Dosing\ncolumns:\n  - id: drug\n    heading: Drug\n"
        "  - id: dose\n    heading: Dose\nrows:\n  - drug: Lorazepam\n    dose: 2 mg IM\n",
        encoding="utf-8",
    )
    (project / "content" / "modules" / "dosing.md").write_text(
        "---\ntitle: Medication dosing\naudience: clinical\nduration: 10\n"
        "tables: [dosing-chart]\n---\n\nDose with care.\n",
        encoding="utf-8",
    )
    course = project / "content" / "course.yaml"
    edit(course, "modules:\n  - intro\n", "modules:\n  - dosing\n  - intro\n")
    if named:
        edit(course, "modules:\n", "poster:\n  table: dosing-chart\nmodules:\n")


@pytest.mark.parametrize("named", [False, True], ids=["first-table", "named"])
def test_a_table_only_clinical_modules_show_stays_off_the_all_staff_poster(
    project: Path, named: bool
) -> None:
    """The first table a module shows is the first of a module the audience sees; a table
    course.yaml names that only clinical modules show is left off the all-staff poster, with
    a warning at its line (the chart printed on the all-staff poster)."""
    from .conftest import all_text

    _dosing(project, named)
    result = CliRunner().invoke(main, ["build", "-p", str(project), "--only", "poster"])
    assert result.exit_code == 0, result.output
    posters = {p.parent.name: all_text(p) for p in (project / "output").rglob("*poster.pdf")}
    assert "Lorazepam" in posters["clinical"]
    if named:  # no other table put in its place: no poster, its headline alone
        assert "all-staff" not in posters
        warning = next(line for line in result.output.splitlines() if "warning:" in line)
        assert "course.yaml:" in warning and "the poster's table 'dosing-chart'" in warning
        assert "All staff do not see (dosing): no poster is made for them" in warning
    else:
        assert "Lorazepam" not in posters["all-staff"]
        assert "Noticing" in posters["all-staff"]  # the first table all staff see
        assert "poster's table" not in result.output


def test_a_hyphenated_compound_breaks_after_its_hyphens_on_the_poster(project: Path) -> None:
    """A German trainer's hyphenated compound in a poster cell stopped the build ("the word
    ... is wider than its column: hyphenate it"), hyphens and all; it breaks after them."""
    from .conftest import all_text

    compound = "Einrichtungs-Leitungs-Bereitschafts-Dienst-Koordinations-Stelle"
    edit(
        project / "content" / "tables" / "approaches.yaml",
        "competent: Treating",
        f"competent: {compound}",
    )
    result = CliRunner().invoke(
        main, ["build", "-p", str(project), "--only", "poster", "-a", "all-staff"]
    )
    assert result.exit_code == 0, result.output
    (poster,) = (project / "output").rglob("*poster.pdf")
    text = all_text(poster)
    assert compound in "".join(text.split())  # every letter there, broken only at a hyphen


LONG_TITLE = (
    "Calm Classrooms – a 20-minute de-escalation refresher for teachers, teaching assistants, "
    "lunchtime supervisors and office staff"
)


def test_a_long_course_title_takes_more_of_the_poster_before_it_stops(project: Path) -> None:
    """A 127-character title stopped every build ("the headline is too long") while half
    the poster stood empty: the headline band may grow to a quarter of the sheet."""
    from .conftest import all_text

    edit(project / "content" / "course.yaml", "title: Safe Rooms", f'title: "{LONG_TITLE}"')
    result = CliRunner().invoke(main, ["build", "-p", str(project), "--only", "poster"])
    assert result.exit_code == 0, result.output
    (poster, *_) = sorted((project / "output").rglob("*poster.pdf"))
    assert " ".join(all_text(poster).split()).startswith(LONG_TITLE)


def test_check_finds_a_poster_headline_too_long_for_its_sheet(project: Path) -> None:
    """check said OK, then build stopped on the poster."""
    title = LONG_TITLE + ", caretakers, volunteers, governors, visiting specialists and " * 2
    edit(project / "content" / "course.yaml", "title: Safe Rooms", f'title: "{title}"')
    checked = CliRunner().invoke(main, ["check", "-p", str(project)])
    built = CliRunner().invoke(main, ["build", "-p", str(project), "--only", "poster"])
    for result in (checked, built):
        assert result.exit_code == 1, result.output
        assert "content/course.yaml:" in result.output
        assert (
            "the poster for All staff" in result.output and "headline is too long" in result.output
        )
        # the hint names both places a headline comes from, and a larger sheet
        said = " ".join(result.output.split())
        assert "the poster's own headline (poster: headline: in course.yaml)" in said
        assert "or the course's title, which a poster without one shows" in said
        assert "a larger sheet (--poster-size)" in said
        assert "volunteers, governors\u2026'" in said or "\u2026'" in said  # cut between words


def test_a_poster_with_nothing_but_its_headline_is_not_made(project: Path) -> None:
    """No table a module shows, no panel, no note: the poster was a headline over 20 inches
    of white, built without a word; then built with a warning, while list still named it
    among the files a build makes and the guide still said to print it. It is not made, as
    a knowledge check without questions is not: list and check say why; a note brings it
    back."""
    edit(project / "content" / "modules" / "practice.md", "tables: [approaches]\n", "")
    result = CliRunner().invoke(main, ["check", "-p", str(project)])
    said = " ".join(result.output.split())
    assert "warning: no poster is made for All staff, Clinical providers" in said
    assert "poster: panel: points:" in said
    listed = " ".join(CliRunner().invoke(main, ["list", "-p", str(project)]).output.split())
    made, _, not_made = listed.partition("Not made")
    assert "poster.pdf" not in made and "poster" in not_made, listed
    assert "poster for all-staff and clinical: show a table of content/tables/" in not_made
    result = CliRunner().invoke(main, ["build", "-p", str(project)])
    assert result.exit_code == 0, result.output
    assert not list((project / "output").rglob("*poster*"))
    guide = project / "output" / "all-staff" / "safe-rooms-all-staff-guide.pdf"
    assert "Participant handout" in " ".join(all_text(guide).split())
    assert "Poster, for the wall" not in " ".join(all_text(guide).split())
    course = project / "content" / "course.yaml"
    course.write_text(
        course.read_text(encoding="utf-8") + "poster:\n  note: Ask us about quiet rooms.\n",
        encoding="utf-8",
    )
    CliRunner().invoke(main, ["build", "-p", str(project)])
    assert (project / "output" / "all-staff" / "safe-rooms-all-staff-poster.pdf").exists()
    assert "Poster, for the wall" in " ".join(all_text(guide).split())


def _wide_poster(project: Path, cells: dict[str, str], other: str, rows: int) -> str:
    """The all-staff poster's build output (its words one line) of an eight-column table
    of ``rows`` rows, "Column 0" to "Column 7", each row's cell of a column ``cells`` names
    holding its text, the others ``other``."""
    columns = [f"c{n}" for n in range(8)]
    header = "".join(f"  - id: {c}\n    heading: Column {n}\n" for n, c in enumerate(columns))
    row = "  - " + "\n    ".join(f"{c}: {cells.get(c, other)}" for c in columns) + "\n"
    (project / "content" / "tables" / "wide.yaml").write_text(
        f"title: Wide\ncolumns:\n{header}rows:\n{row * rows}", encoding="utf-8"
    )
    course = project / "content" / "course.yaml"
    course.write_text(course.read_text(encoding="utf-8") + "poster:\n  table: wide\n", "utf-8")
    args = ["build", "-p", str(project), "--only", "poster", "-a", "all-staff"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    return " ".join(result.output.split())


def test_a_word_too_wide_for_a_poster_column_is_named_whatever_the_rows(project: Path) -> None:
    """An eight-column table of six rows: the message said "0 of the table's 6 rows fit"
    and blamed a cell holding '1'; the word too wide for its column is what to change."""
    said = _wide_poster(project, {"c5": "Professionals"}, "a few words " * 12, 6)
    assert "the word 'Professionals' in the '" in said
    assert "cell under 'Column 5' is wider than its column" in said
    assert "rows fit" not in said


def test_a_mostly_empty_poster_is_said_to_with_what_would_fill_it(project: Path) -> None:
    """The small example's poster (a two-row table, no panel) left 82% of the wall sheet
    empty under its headline without a word; the kit's (a full table and a panel) says
    nothing. Said when the poster is made, naming what to add or the smaller paper."""
    result = CliRunner().invoke(
        main, ["build", "-p", str(project), "-a", "all-staff", "--only", "poster"]
    )
    assert result.exit_code == 0, result.output
    said = re.sub(r"\s+", " ", result.output)
    found = re.search(r"the poster is (\d+)% empty below its headline", said)
    assert found and int(found.group(1)) > 50, said
    assert "poster: panel:" in said
    assert "info: all-staff/safe-rooms-all-staff-poster.pdf: the poster is" in said
    assert "warning" not in said  # advice on its look: --strict does not fail on it
    # a smaller paper is named only when the poster fills it: one as empty, or emptier, was
    # named, and its poster was told to go smaller again (18x24, A2, A3, Tabloid, Legal)
    smaller = re.search(r"build with --poster-size (\S+)", said)
    if smaller is not None:
        again = CliRunner().invoke(
            main,
            ["build", "-p", str(project), "-a", "all-staff", "--only", "poster",
             "--poster-size", smaller.group(1)],
        )  # fmt: skip
        assert "% empty" not in again.output, again.output
    course = project / "content" / "course.yaml"
    text = course.read_text(encoding="utf-8")
    points = "".join(f"    - Point {n} about keeping rooms calm and safe\n" for n in range(8))
    course.write_text(
        text + f"poster:\n  panel:\n    title: What you can do\n    points:\n{points}",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        main, ["build", "-p", str(project), "-a", "all-staff", "--only", "poster"]
    )
    assert result.exit_code == 0, result.output
    assert "% empty" not in result.output


def test_a_mostly_empty_poster_is_told_only_of_a_paper_it_fits_on(project: Path) -> None:
    """A word that only A0 holds in its column: every smaller paper stops with "it fits on
    A0", and A0's poster, mostly empty, was told to "print it on smaller paper", which
    fails. It is told what to add, and of no paper."""
    word = "Traumafokussierte Verhaltenstherapeutinnenausbildungsprogrammleitung"
    edit(project / "content/tables/approaches.yaml", "informed: Noticing", f"informed: {word}")
    build = ["build", "-p", str(project), "-a", "all-staff", "--only", "poster"]
    result = CliRunner().invoke(main, build)
    said = re.sub(r"\s+", " ", result.output)
    found = re.search(r"build with --poster-size (\w+)", said)
    assert result.exit_code == 1 and found, said
    result = CliRunner().invoke(main, [*build, "--poster-size", found.group(1)])
    said = re.sub(r"\s+", " ", result.output)
    assert result.exit_code == 0 and "% empty below its headline" in said, said
    assert "--poster-size" not in said and "smaller paper" not in said, said
    assert "poster: panel:" in said  # what it can still add


def test_a_footer_too_long_for_the_poster_names_the_audiences_line(tmp_path: Path) -> None:
    """The poster's footer says "For: <audience>": an audience name too long for it stops
    the build at that name's line in course.yaml, as every other output names it."""
    from .conftest import edit, kit_copy

    project = kit_copy(tmp_path)
    name = "All staff, volunteers, contractors, students on placement and agency workers"
    name += " across every site and department of Riverbend Community Health"
    edit(project / "content" / "course.yaml", "    name: All staff\n", f"    name: {name}\n")
    result = CliRunner().invoke(
        main,
        ["build", "-p", str(project), "-a", "all-staff", "--only", "poster", "-j", "1", "-l", "en"],
        env={"NO_COLOR": "1"},
    )
    assert result.exit_code == 1, result.output
    (line,) = [x for x in result.output.splitlines() if "the footer is too long" in x]
    assert line.startswith("content/course.yaml:24:"), line


def test_a_version_too_long_for_the_poster_s_footer_is_named(tmp_path: Path) -> None:
    """A long version string made the footer too long, and the build named the
    organization's line with "shorten the organization or audience name": a trainer
    shortened the organization's legal name in vain. The longer of the two is named, at
    its line, and the hint names both."""
    from .conftest import edit, kit_copy

    project = kit_copy(tmp_path)
    course = project / "content" / "course.yaml"
    version = "2026.11-release-candidate-3-revised-after-board-review-final-" * 3
    text = course.read_text(encoding="utf-8")
    (old,) = [line for line in text.splitlines() if line.startswith("version:")]
    edit(course, old, f'version: "{version}"')
    result = CliRunner().invoke(
        main,
        ["build", "-p", str(project), "-a", "all-staff", "--only", "poster", "-j", "1", "-l", "en"],
        env={"NO_COLOR": "1"},
    )
    assert result.exit_code == 1, result.output
    said = " ".join(result.output.split())
    (line,) = [x for x in result.output.splitlines() if "the footer is too long" in x]
    number = text.splitlines().index(old) + 1
    assert line.startswith(f"content/course.yaml:{number}:"), line
    assert "hint: shorten the version, or the organization's name" in said, said


def test_a_footer_of_one_long_word_is_quoted_by_its_start(tmp_path: Path) -> None:
    """An audience's name of one long word made the footer too long: the message quoted
    "For:…", cut at the last space, which says nothing of the text."""
    from .conftest import edit, kit_copy

    project = kit_copy(tmp_path)
    name = "Geschäftsführungsmitgliederversammlungsvorsitzendenstellvertreterinnenausschuss" * 2
    edit(project / "content" / "course.yaml", "    name: All staff\n", f"    name: {name}\n")
    result = CliRunner().invoke(
        main,
        ["build", "-p", str(project), "-a", "all-staff", "--only", "poster", "-j", "1", "-l", "en"],
        env={"NO_COLOR": "1"},
    )
    assert result.exit_code == 1, result.output
    (line,) = [x for x in result.output.splitlines() if "the footer is too long" in x]
    assert "'For: Geschäftsführungsmitgliederversammlungs" in line, line


def test_a_headline_that_takes_the_tables_room_is_named_in_the_hint(tmp_path: Path) -> None:
    """A headline on three lines leaves the table a row short of the sheet: the build
    stops at the row that does not fit, and its hint says first that the headline takes
    much of the sheet and where to shorten it. The kit's own headline is not named."""
    from .conftest import edit, kit_copy

    project = kit_copy(tmp_path)
    course = project / "content" / "course.yaml"
    long = "Two levels of trauma care for every colleague in every department of Riverbend"
    edit(
        course,
        "headline: Two levels of trauma care",
        f"headline: {long} Community Health, every day",
    )
    build = [
        "build",
        "-p",
        str(project),
        "-a",
        "all-staff",
        "--only",
        "poster",
        "-j",
        "1",
        "-l",
        "en",
    ]
    result = CliRunner().invoke(main, build, env={"NO_COLOR": "1"})
    assert result.exit_code == 1, result.output
    assert "does not fit on 18 x 24 in" in result.output
    assert re.search(
        r"hint: the headline takes [\d.]+ in of the sheet: shorten it \(poster: headline:",
        result.output,
    )
    # the same table made too long for the sheet under the kit's own headline: the hint
    # does not blame the headline
    edit(course, f"headline: {long} Community Health, every day", "headline: Two levels")
    table = project / "content" / "tables" / "comparison.yaml"
    text = table.read_text(encoding="utf-8")
    start, end = text.index("rows:\n") + len("rows:\n"), text.index("caption:")
    table.write_text(text[:end] + text[start:end] * 2 + text[end:], encoding="utf-8")
    full = CliRunner().invoke(main, build, env={"NO_COLOR": "1"})
    assert "does not fit on 18 x 24 in" in full.output
    assert "the headline takes" not in full.output


def _sizes(path: Path) -> dict[str, float]:
    """Each piece of text on the poster's page with the size it is drawn at."""
    page = PdfReader(str(path)).pages[0]
    sizes: dict[str, float] = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            sizes[text.strip()] = size * tm[0]

    page.extract_text(visitor_text=visit)
    return sizes


def test_a_long_headline_stays_larger_than_the_subtitle(project: Path, tmp_path: Path) -> None:
    """A headline long enough to shrink to two lines came out smaller than the subtitle
    under it (60 pt beneath 64 pt on 24 x 36 in): the subtitle stays a step below it."""
    headline = (
        "Two levels of trauma care for every member of our organization and every clinical "
        "provider who works with people affected by trauma in our community services"
    )
    edit(
        project / "content" / "course.yaml",
        "settings:\n",
        f"poster:\n  headline: {headline}\nsettings:\n",
    )
    built = posters(project, tmp_path / "out", poster_size="24x36", orientation="landscape")
    sizes = _sizes(built["clinical/poster"])
    head = max(s for t, s in sizes.items() if t in headline)
    sub = max(s for t, s in sizes.items() if "two-module test course" in t)
    assert sub <= 0.76 * head, (head, sub)


def test_a_short_table_spreads_over_the_sheet(project: Path, tmp_path: Path) -> None:
    """A table of one short row on 18 x 24 in sat under the headline with the rest of the
    sheet empty below it: its rows grow (their text centred in them) and what is still
    left is shared above and below, so the body sits in the middle of its room."""
    table = project / "content" / "tables" / "approaches.yaml"
    text = table.read_text(encoding="utf-8")
    table.write_text(text.split("  - aspect: Tools")[0], encoding="utf-8")
    built = posters(project, tmp_path / "out")
    page = PdfReader(str(built["all-staff/poster"])).pages[0]
    found: dict[str, float] = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            found.setdefault(text.strip(), tm[5] * cm[3] + cm[5])

    page.extract_text(visitor_text=visit)
    height = float(page.mediabox.height)
    middle = (found["Aspect"] + found["Focus"]) / 2
    room = (found["A two-module test course"] + found["For: All staff"]) / 2
    assert abs(middle - room) < 0.1 * height, (middle, room)
    assert found["Aspect"] - found["Focus"] > 0.05 * height  # the row grew


def test_long_row_labels_get_a_share_of_the_table_as_long_as_their_text(
    project: Path, tmp_path: Path
) -> None:
    """Row labels as long as the cells beside them wrapped to eight lines in a fifth of the
    table while the others took five: every row was as tall as its label. The label column
    takes the share of the width its text has."""
    from materials_gen.document import Table, Text
    from materials_gen.meta import document_meta
    from materials_gen.render.poster import _Poster
    from materials_gen.theme import load_theme

    long = "a deliberately long explanation of this aspect of the work " * 3
    table = Table(
        header=((Text("Aspect"),), (Text("Informed"),), (Text("Competent"),), (Text("Both"),)),
        rows=tuple(((Text(f"Aspect {n} {long}"),),) + ((Text(long),),) * 3 for n in range(4)),
        align=(None,) * 4,
    )
    from materials_gen.document import Document

    poster = _Poster(
        Document({"title": "T", "headline": "T"}, (table,)),
        document_meta({"title": "T", "headline": "T"}),
        load_theme(project),
        1296,
        1728,
    )
    widths = poster.column_widths(1200, 30)
    assert widths[0] >= widths[1] and widths[0] > 0.25 * 1200, widths  # a fifth, before


def test_the_longest_text_of_a_table_may_be_a_row_label(project: Path) -> None:
    """A table whose row labels are its longest texts: a message that cannot fit it named a
    cell beside the label (quoting the label whole as the row's name). The label is named."""
    from materials_gen.document import Document, Table, Text
    from materials_gen.meta import document_meta
    from materials_gen.render.poster import _Poster
    from materials_gen.theme import load_theme

    label = "Aspect one, explained at great length for everyone who reads the poster " * 2
    table = Table(
        header=((Text("Aspect"),), (Text("Informed"),)),
        rows=(((Text(label),), (Text("Short"),)),),
        align=(None, None),
    )
    meta = {"title": "T", "headline": "T"}
    poster = _Poster(Document(meta, (table,)), document_meta(meta), load_theme(project), 1296, 1728)
    name, text = poster.longest()
    assert name == f"the row label '{label[:37]}...'" and text.strip() == label.strip()


def test_a_poster_left_out_for_one_audience_is_said_by_check(project: Path) -> None:
    """Points to act on for clinicians alone, and no table: the all-staff poster was not
    made (list said so) while check said nothing, the clinical points counting for all."""
    edit(project / "content" / "modules" / "practice.md", "tables: [approaches]\n", "")
    edit(
        project / "content" / "course.yaml",
        "settings:\n",
        "poster:\n  panel:\n    title: What you can do\n    points:\n"
        "      clinical:\n        - Offer a seat near the door\nsettings:\n",
    )
    result = CliRunner().invoke(main, ["check", "-p", str(project)])
    said = " ".join(result.output.split())
    assert "warning: no poster is made for All staff:" in said, said
    assert "Clinical providers" not in said.partition("no poster is made for")[2][:40]


def test_the_poster_s_title_says_it_is_the_poster(project: Path, tmp_path: Path) -> None:
    """Every PDF's title names what it is ("Safe Rooms – Slides – All staff"), which a
    reader shows for the file: the poster's gave only its headline and audience."""
    built = posters(project, tmp_path, audiences=("clinical",))
    title = PdfReader(str(built["clinical/poster"])).metadata.title
    assert " \u2013 Poster \u2013 " in title, title


def test_the_orientation_option_takes_any_case_as_the_paper_option_does(
    project: Path, tmp_path: Path
) -> None:
    """`--paper A4` was taken and `--orientation Landscape` refused (status 2)."""
    result = CliRunner().invoke(
        main,
        ["build", "-p", str(project), "-o", str(tmp_path), "--only", "poster", "-a", "all-staff"]
        + ["--orientation", "Landscape"],
    )
    assert result.exit_code == 0, result.output
    (poster,) = tmp_path.rglob("*poster.pdf")
    _, _, width, height = box(PdfReader(str(poster)).pages[0], "/MediaBox")
    assert width > height


def test_a_poster_message_quotes_the_table_as_written(project: Path) -> None:
    """A row's label with an emoji (which no face draws: printed '?') was quoted by the
    message about a word in its row as "the 'Volunteer ?' cell": the trainer's own text
    is quoted, as written."""
    said = _wide_poster(project, {"c0": "Volunteer 🙂", "c5": "Professionals"}, "a few", 2)
    assert "in the 'Volunteer 🙂' cell under 'Column 5'" in said, said
