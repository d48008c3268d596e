"""Posters that carry a real comparison: long tables, large papers, and messages that help.

The fixture project ``poster-table`` has a 13-row, 4-column comparison of trauma-informed and
trauma-competent care, the size of table trainers put on a wall. What a trainer checks: the
poster builds on 24 x 36 in and A1, every row is there in type readable from where people
stand, a long table flows into side-by-side panels that each open with the header row, and a
poster that cannot fit says whose it is, on what paper, how many rows fit, and what to do
instead, which then works.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from pypdf import PdfReader

from materials_gen.cli import main
from materials_gen.fit import poster_roles

from .conftest import KIT_LANGUAGE, PROJECTS, REPO, run, tool

REPO_PROJECT = REPO

# the smallest body text a reader standing at 1.2 m reads (the floor on 18 x 24 in and up)
FLOOR = poster_roles(1.2)["poster-body"].floor
TABLE = PROJECTS / "poster-table" / "content" / "tables" / "compared.yaml"


def rows_of(path: Path = TABLE) -> list[dict[str, str]]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["rows"]


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def pdftotext(path: Path) -> str:
    return words(run(tool("pdftotext"), str(path), "-").stdout)


def cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def build_poster(project: Path, out: Path, *options: str) -> tuple[int, str]:
    return cli("build", "-p", str(project), "--only", "poster", "-o", str(out), "-j", "1", *options)


def text_sizes(path: Path) -> list[tuple[str, float]]:
    """Every run of text on the poster with the size it is drawn at."""
    found: list[tuple[str, float]] = []

    def visit(text, cm, tm, font, size) -> None:
        if text.strip():
            found.append((words(text), size * tm[0] * cm[0]))

    PdfReader(str(path)).pages[0].extract_text(visitor_text=visit)
    return found


def table_sizes(path: Path, rows: list[dict[str, str]]) -> list[tuple[str, float]]:
    """The sizes of the table's text: the lines that are part of a cell."""
    cells = [words(text) for row in rows for text in row.values()]
    return [(t, s) for t, s in text_sizes(path) if any(t in cell for cell in cells)]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("poster-table") / "p"
    shutil.copytree(PROJECTS / "poster-table", folder)
    return folder


@pytest.mark.parametrize("size", ["24x36", "A1"])
def test_a_13_row_comparison_fits_with_every_row_readable(
    project: Path, tmp_path: Path, size: str
) -> None:
    status, output = build_poster(project, tmp_path, "--poster-size", size)
    assert status == 0, output
    posters = sorted(tmp_path.rglob("*-poster.pdf"))
    assert len(posters) == 2  # all staff and clinical providers
    rows = rows_of()
    assert len(rows) == 13 and len(rows[0]) == 4
    for path in posters:
        text = pdftotext(path)
        for row in rows:
            for cell in row.values():
                assert words(cell) in text, (path.name, cell)
        # every word of the table is drawn at or above the floor for its reading distance
        sized = table_sizes(path, rows)
        assert len(sized) > 13 * 4
        assert min(s for _, s in sized) >= FLOOR - 0.01, min(sized, key=lambda ts: ts[1])
        assert "For: All staff" in text or "For: Clinical providers" in text


def test_a_long_table_flows_into_panels_each_with_the_header(project: Path, tmp_path: Path) -> None:
    """20 two-column rows do not fit 18 x 24 in at 24 pt in one panel: they flow into
    side-by-side panels, in order, each opening with the header row, all in legible type."""
    folder = tmp_path / "p"
    shutil.copytree(project, folder)
    table = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
    shared = [row["shared"] for row in rows_of()] * 2
    rows = [{"aspect": f"Step {n}", "informed": text} for n, text in enumerate(shared[:20], 1)]
    table["columns"] = table["columns"][:2]
    table["rows"] = rows
    (folder / "content/tables/compared.yaml").write_text(yaml.safe_dump(table), encoding="utf-8")
    status, output = build_poster(folder, tmp_path / "out", "-a", "all-staff")
    assert status == 0, output
    path = next((tmp_path / "out").rglob("*-poster.pdf"))
    html = run(tool("pdftotext"), "-bbox", str(path), "-").stdout
    boxes = [
        (float(x0), float(y0), word)
        for x0, y0, word in re.findall(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)<', html
        )
    ]
    headers = sorted(x for x, _, word in boxes if word == "Trauma-informed")
    assert len(headers) >= 2, output  # the header row in every panel
    header_y = {round(y) for _, y, word in boxes if word == "Trauma-informed"}
    assert len(header_y) == 1  # side by side, at the same height
    # the rows in order: down each panel, then on to the next panel to the right
    lefts = sorted(x for x, _, word in boxes if word == "Aspect")
    assert len(lefts) == len(headers)
    steps = sorted(
        (int(following[2]), sum(1 for left in lefts if left <= x + 1), y)
        for (x, y, word), following in zip(boxes, boxes[1:], strict=False)
        if word == "Step"
    )
    assert [n for n, _, _ in steps] == list(range(1, 21))
    assert [panel for _, panel, _ in steps] == sorted(panel for _, panel, _ in steps)
    assert {panel for _, panel, _ in steps} == set(range(1, len(lefts) + 1))
    for (_, panel, y), (_, next_panel, next_y) in zip(steps, steps[1:], strict=False):
        assert next_panel > panel or next_y > y
    for row in rows:
        assert words(row["informed"]) in pdftotext(path)
    sized = [s for t, s in text_sizes(path) if t.startswith("Step")]
    assert min(sized) >= FLOOR - 0.01


def test_type_floor_does_not_grow_with_the_paper(project: Path, tmp_path: Path) -> None:
    """A larger paper holds at least what a smaller one holds: the floor is where people read
    from, not a share of the paper, so A0 takes the table that fits 24 x 36 in."""
    for size in ("24x36", "A0"):
        status, output = build_poster(project, tmp_path / size, "--poster-size", size)
        assert status == 0, output
        path = next((tmp_path / size).rglob("*all-staff-poster.pdf"))
        smallest = min(s for _, s in table_sizes(path, rows_of()))
        assert smallest >= FLOOR - 0.01


def long_table(project: Path, count: int) -> None:
    """The fixture's rows over and over, numbered, without the common ground: a table of
    ``count`` rows and three columns."""
    table = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
    base = rows_of()
    table["rows"] = [
        {
            "aspect": f"{base[n % 13]['aspect']} {n + 1}",
            "informed": base[n % 13]["informed"].split(",")[0],
            "competent": base[n % 13]["competent"].split(",")[0],
        }
        for n in range(count)
    ]
    table["columns"] = table["columns"][:3]
    (project / "content/tables/compared.yaml").write_text(yaml.safe_dump(table), encoding="utf-8")


@pytest.mark.slow  # two builds, one trying every paper for a hint
def test_a_table_too_long_for_letter_names_audience_paper_and_a_hint_that_works(
    project: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "p"
    shutil.copytree(project, folder)
    long_table(folder, 30)
    status, output = build_poster(folder, tmp_path / "out", "--poster-size", "Letter")
    assert status == 1 and "Traceback" not in output
    said = words(output)
    for audience in ("All staff", "Clinical providers"):
        found = re.search(
            rf"the poster for {audience} does not fit on Letter portrait \(8\.5 x 11 in\): .*?"
            r"(\d+) of the table's 30 rows fit",
            said,
        )
        assert found, said
    assert not list((tmp_path / "out").rglob("*.pdf"))
    suggested = re.search(r"build with (--poster-size \S+(?: --orientation \w+)?)", said)
    assert suggested, said
    followed = suggested.group(1).split()
    status, output = build_poster(folder, tmp_path / "followed", *followed)
    assert status == 0, output
    labels = [f"{rows_of()[n % 13]['aspect']} {n + 1}" for n in range(30)]
    built = list((tmp_path / "followed").rglob("*-poster.pdf"))
    assert len(built) == 2
    for path in built:
        text = pdftotext(path)
        assert [label for label in labels if label not in text] == []


def test_a_word_wider_than_its_poster_column_is_named_with_its_line_and_a_hint(
    tmp_path: Path,
) -> None:
    """A poster never breaks a word: a word wider than its column at the smallest legible
    size stops the poster, naming the table's file and line, the start of the word (cut
    short with an ellipsis) and what to do. The handout prints the same table. A web
    address is no word: it stopped every build that had one in the poster's table, on any
    paper; it runs on to the next line where its column ends, as in a handout's table."""
    folder = tmp_path / "p"
    shutil.copytree(PROJECTS / "minimal", folder)
    table = folder / "content" / "tables" / "approaches.yaml"
    data = yaml.safe_load(table.read_text(encoding="utf-8"))
    address = "https://www.example.org/trauma-informed-care/resources/for-every-member/index.html"
    data["rows"][0]["informed"] = f"Noticing {address}"
    table.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    status, output = build_poster(folder, tmp_path / "out")
    assert status == 0, output
    (poster,) = (tmp_path / "out" / "all-staff").glob("*poster.pdf")
    printed = re.sub(r"[\s-]", "", pdftotext(poster))  # (a line may end at its hyphens)
    assert re.sub(r"-", "", address) in printed
    word = "Multidisciplinaryteamcoordinationresponsibilitiesoverview" * 2
    data["rows"][0]["informed"] = f"Noticing {word}"
    table.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    status, output = build_poster(folder, tmp_path / "out")
    said = words(output)
    assert status == 1 and "Traceback" not in output
    assert re.search(r"content/tables/approaches\.yaml:\d+: error: the poster for All staff", said)
    assert f"the word '{word[:40]}…' in the 'Focus' cell under 'Informed' is wider" in said
    assert "use a shorter word or hyphenate it" in said
    # the word is in other texts too (a key point): the cell's own line is still named
    line = next(
        n
        for n, text in enumerate(table.read_text(encoding="utf-8").splitlines(), start=1)
        if word in text
    )
    module = folder / "content" / "modules" / "practice.md"
    module.write_text(
        module.read_text(encoding="utf-8").replace(
            "  - Both approaches matter", f"  - Both approaches matter\n  - {word} counts"
        ),
        encoding="utf-8",
    )
    status, output = build_poster(folder, tmp_path / "out")
    assert status == 1
    assert f"content/tables/approaches.yaml:{line}: error: the poster for All staff" in words(
        output
    )
    status, output = cli(
        "build", "-p", str(folder), "--only", "handout", "-o", str(tmp_path / "h"), "-j", "1"
    )
    assert status == 0, output


def test_the_rows_a_message_says_fit_do_fit(project: Path, tmp_path: Path) -> None:
    """'Its first N fit': a table cut to those rows builds on the same paper."""
    folder = tmp_path / "p"
    shutil.copytree(project, folder)
    status, output = build_poster(folder, tmp_path / "out", "--poster-size", "18x24")
    assert status == 1
    fitting = int(re.search(r"its first (\d+) fit", words(output)).group(1))
    assert 0 < fitting < 13
    table = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
    table["rows"] = table["rows"][:fitting]
    (folder / "content/tables/compared.yaml").write_text(yaml.safe_dump(table), encoding="utf-8")
    status, output = build_poster(folder, tmp_path / "again", "--poster-size", "18x24")
    assert status == 0, output


def test_bleed_and_tiles_carry_the_long_table(project: Path, tmp_path: Path) -> None:
    status, output = build_poster(
        project, tmp_path, "--poster-size", "A1", "--bleed", "3mm", "--tile", "a4", "-a", "clinical"
    )
    assert status == 0, output
    poster = next(tmp_path.rglob("*-poster.pdf"))
    tiles = next(tmp_path.rglob("*-poster-tiles.pdf"))
    assert "/TrimBox" in PdfReader(str(poster)).pages[0]
    text = pdftotext(poster)
    assert all(words(r["shared"]) in text for r in rows_of())
    assert len(PdfReader(str(tiles)).pages) > 4


def any_table(project: Path, rows: int, columns: int, words_per_cell: int) -> list[dict[str, str]]:
    """A table of ``rows`` x ``columns`` made of the fixture's phrases, each cell about
    ``words_per_cell`` words; returns its rows."""
    phrases = [words(text) for row in rows_of() for key, text in row.items() if key != "aspect"]
    pool = " ".join(phrases).split()
    table = {
        "title": "Any table",
        "columns": [{"id": "aspect", "heading": "Aspect"}]
        + [{"id": f"c{i}", "heading": f"Approach {i}"} for i in range(1, columns)],
        "rows": [],
    }
    for n in range(rows):
        row = {"aspect": f"Topic {n + 1}"}
        for i in range(1, columns):
            start = (n * 7 + i * 13) % (len(pool) - words_per_cell)
            row[f"c{i}"] = " ".join(pool[start : start + words_per_cell])
        table["rows"].append(row)
    (project / "content/tables/compared.yaml").write_text(yaml.safe_dump(table), encoding="utf-8")
    return table["rows"]


TABLES = [(30, 2, 4), (13, 3, 12), (5, 6, 20), (1, 4, 40), (20, 5, 6)]
PAPERS = ["Letter", "Tabloid", "18x24", "24x36", "A2", "A1", "A0"]
NAMED = {
    "18x24": ("18 x 24 in portrait", "24 x 18 in landscape"),
    "24x36": ("24 x 36 in portrait", "36 x 24 in landscape"),
}


@pytest.mark.slow  # 70 posters, and the papers their hints name
@pytest.mark.parametrize(("rows", "columns", "length"), TABLES)
def test_any_table_on_any_paper_builds_or_says_what_works(
    project: Path, tmp_path: Path, rows: int, columns: int, length: int
) -> None:
    """2 to 6 columns, 1 to 30 rows, short and long cells, on every paper both ways, with and
    without bleed and tiles: the poster builds with every row in legible type, or its message
    names the audience and paper, and every paper it suggests builds."""
    folder = tmp_path / "p"
    shutil.copytree(project, folder)
    table = any_table(folder, rows, columns, length)
    labels = [row["aspect"] for row in table]
    case = 0
    for size in PAPERS:
        for orientation in ("portrait", "landscape"):
            case += 1
            extra = ("--bleed", "3mm", "--tile", "letter") if case % 3 == 0 else ()
            out = tmp_path / f"{size}-{orientation}"
            options = ("--poster-size", size, "--orientation", orientation, *extra)
            status, output = build_poster(folder, out, "-a", "all-staff", *options)
            if status == 0:
                path = next(out.rglob("*-poster.pdf"))
                text = pdftotext(path)
                assert [label for label in labels if label not in text] == [], (size, orientation)
                page = PdfReader(str(path)).pages[0]
                trim = page.get("/TrimBox", page["/MediaBox"])
                short = min(float(trim[2]) - float(trim[0]), float(trim[3]) - float(trim[1]))
                floor = poster_roles(min(1.2 * short / (18 * 72), 1.2))["poster-body"].floor
                assert min(s for _, s in table_sizes(path, table)) >= floor - 0.01
                if extra:
                    assert next(out.rglob("*-poster-tiles.pdf"))
                continue
            said = words(output)
            assert status == 1 and "Traceback" not in said, said
            named = NAMED.get(size, (f"{size} portrait", f"{size} landscape"))
            paper = named[orientation == "landscape"]
            assert f"the poster for All staff does not fit on {paper}" in said, said
            for suggested in re.findall(r"build with ((?:--[a-z-]+ \w+ ?)+)", said):
                again = tmp_path / "again" / f"{size}-{orientation}-{len(suggested)}"
                flags = dict(re.findall(r"--([a-z-]+) (\w+)", suggested))
                followed = (
                    "--poster-size",
                    flags.get("poster-size", size),
                    "--orientation",
                    flags.get("orientation", orientation),
                )
                status, output = build_poster(folder, again, "-a", "all-staff", *followed)
                assert status == 0, (size, orientation, suggested, output)


@pytest.mark.parametrize(
    "text",
    [
        "积极治疗创伤并支持康复，包括认知加工疗法",  # Chinese: breaks between characters
        "การดูแลที่เข้าใจผลกระทบของบาดแผลทางจิตใจสำหรับทุกคน",  # Thai: between words (ICU)
    ],
)
def test_a_cell_in_a_script_without_spaces_wraps_in_its_column(tmp_path: Path, text: str) -> None:
    """Chinese and Thai are written without spaces: a cell of them is not one word wider
    than its column (which no hyphen could shorten) but breaks where those scripts break."""
    folder = tmp_path / "p"
    shutil.copytree(PROJECTS / "minimal", folder)
    table = folder / "content" / "tables" / "approaches.yaml"
    data = yaml.safe_load(table.read_text(encoding="utf-8"))
    data["rows"][0]["informed"] = text
    table.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    status, output = build_poster(folder, tmp_path / "out")
    assert status == 0, output
    for poster in (tmp_path / "out").rglob("*-poster.pdf"):
        assert text[:6] in pdftotext(poster).replace(" ", "")


def fills(path: Path) -> set[str]:
    """The colours the poster's page fills shapes with, as #rrggbb."""
    data = PdfReader(str(path)).pages[0].get_contents().get_data().decode("latin-1")
    found = re.findall(r"([\d.]+) ([\d.]+) ([\d.]+) rg", data)
    return {"#" + "".join(f"{round(float(v) * 255):02X}" for v in rgb) for rgb in found}


INFORMED, COMPETENT = "#2E7D6B", "#5B4B8A"  # the theme's colours of the two approaches


def test_only_a_table_that_compares_two_approaches_takes_their_colours(tmp_path: Path) -> None:
    """A table that does not say 'compare: true' had its first two columns drawn in the
    trauma-informed green and trauma-competent purple, the rest blue, as if those two were
    set against each other: its columns all take the primary colour, and the kit's own
    comparison keeps its two."""
    project = tmp_path / "p"
    shutil.copytree(PROJECTS / "poster-table", project)
    code, output = build_poster(project, tmp_path / "out", "-a", "all-staff", "--poster-size", "A1")
    assert code == 0, output
    (poster,) = (tmp_path / "out").rglob("*poster.pdf")
    assert not {INFORMED, COMPETENT} & fills(poster)
    kit = tmp_path / "kit"
    code, output = build_poster(REPO_PROJECT, kit, "-a", "all-staff", "-l", KIT_LANGUAGE)
    assert code == 0, output
    (poster,) = kit.rglob("*poster.pdf")
    assert {INFORMED, COMPETENT} <= fills(poster)


def test_a_table_of_repeated_texts_that_does_not_fit_names_the_row_s_line(
    project: Path, tmp_path: Path
) -> None:
    """Rows whose long texts are the same in every row (a table pasted and not yet written):
    the message quoted the first row that does not fit by its longest text, which every row
    has, and so named no file or line. It names the row by a text of its own."""
    folder = tmp_path / "p"
    shutil.copytree(project, folder)
    table = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
    same = "A long text that every row of the table repeats word for word. " * 4
    table["rows"] = [
        {"aspect": f"Aspect {n}", "informed": same, "competent": same} for n in range(30)
    ]
    table["columns"] = table["columns"][:3]
    compared = folder / "content/tables/compared.yaml"
    compared.write_text(yaml.safe_dump(table, width=1000), encoding="utf-8")
    status, output = build_poster(folder, tmp_path / "out", "-a", "all-staff")
    assert status == 1, output
    found = re.search(r"content/tables/compared\.yaml:(\d+): error: the poster", output)
    assert found, output
    named = re.search(r"'(Aspect \d+)' is the first that does not", output)
    assert named, output
    line = compared.read_text(encoding="utf-8").splitlines()[int(found.group(1)) - 1]
    assert named.group(1) in line, line
