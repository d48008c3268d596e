"""Big content in bounded time and memory: long tables, long text, in every output kind.

No test here times anything: each asserts what a trainer would see (every row of a long table
on a slide and in the handout, "(cont.)" titles, an error naming the text that cannot fit) or
counts the work done, which must grow with the rows, not with their square.
"""

from __future__ import annotations

import itertools
import random
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from pypdf import PdfReader

from materials_gen import fit
from materials_gen.build import BuildOptions, build, intermediate, load_course, plan
from materials_gen.cli import main
from materials_gen.document import parse
from materials_gen.render import RenderOptions, deck, layout, poster
from materials_gen.theme import load_theme

from .conftest import PROJECTS, edit

KINDS = ("deck", "handout", "poster", "slides", "notes-pages", "guide")
LONG = " ".join(f"word{i}" for i in range(5000))  # the longest paragraph content may have


def with_rows(dest: Path, rows: int) -> Path:
    """The minimal project whose comparison table has ``rows`` rows, each with its own text."""
    shutil.copytree(PROJECTS / "minimal", dest)
    path = dest / "content" / "tables" / "approaches.yaml"
    table = yaml.safe_load(path.read_text(encoding="utf-8"))
    table["rows"] = [
        {"aspect": f"Aspect {i}", "informed": f"Informed answer {i}", "competent": f"Skill {i}"}
        for i in range(1, rows + 1)
    ]
    path.write_text(yaml.safe_dump(table, sort_keys=False), encoding="utf-8")
    return dest


def built(project: Path, out: Path, kind: str) -> Path:
    report = build(project, BuildOptions(output=out, kinds=(kind,), audiences=("clinical",)))
    return next(b.path for b in report.built if b.target.kind.name == kind)


def deck_slides(path: Path) -> list[str]:
    """The text of each slide, in order, read from the package (fast for thousands)."""
    with zipfile.ZipFile(path) as package:
        names = [n for n in package.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)]
        names.sort(key=lambda n: int(re.sub(r"\D", "", n)))
        texts = [re.findall(r"<a:t>([^<]*)</a:t>", package.read(n).decode()) for n in names]
    return [re.sub(r"\s+", " ", " ".join(runs)) for runs in texts]


def pdf_text(path: Path) -> str:
    pdftotext = shutil.which("pdftotext")
    if not pdftotext:
        pytest.skip("pdftotext is not installed (apt-get install poppler-utils)")
    done = subprocess.run([pdftotext, str(path), "-"], capture_output=True, text=True, check=True)
    return re.sub(r"\s+", " ", done.stdout)


def forget(*paths: Path) -> None:
    """Remove big outputs once checked, so the real-client checks at the end skip them."""
    for path in paths:
        path.unlink(missing_ok=True)


def check_long_table(project: Path, out: Path, rows: int) -> None:
    deck_file = built(project, out, "deck")
    slides = deck_slides(deck_file)
    table_slides = [s for s in slides if s.startswith("Two approaches")]
    assert len(table_slides) > 1
    # each slide's title its own: "(cont.)", then "(cont. 2)", "(cont. 3)"...
    assert table_slides[1].startswith("Two approaches (cont.)")
    for n, s in enumerate(table_slides[2:], start=2):
        assert s.startswith(f"Two approaches (cont. {n})"), s[:40]
    shown = " ".join(table_slides)
    missing = [i for i in range(1, rows + 1) if f"Aspect {i} Informed answer {i} " not in shown]
    assert not missing, f"rows missing from the table slides: {missing[:10]}"
    both = " ".join(s for s in slides if s.startswith("Informed and competent"))
    assert all(f"Skill {i}" in both for i in range(1, rows + 1))
    handout = built(project, out, "handout")
    text = pdf_text(handout)
    missing = [
        i for i in range(1, rows + 1) if f"Aspect {i} Informed answer {i} Skill {i}" not in text
    ]
    assert not missing, f"rows missing from the handout: {missing[:10]}"
    forget(deck_file, handout)


def test_a_long_table_continues_over_slides_and_pages_with_every_row(tmp_path: Path) -> None:
    check_long_table(with_rows(tmp_path / "p", 150), tmp_path / "out", 150)


@pytest.mark.slow
def test_a_ten_thousand_row_table_builds_with_every_row(tmp_path: Path) -> None:
    check_long_table(with_rows(tmp_path / "p", 10_000), tmp_path / "out", 10_000)


@pytest.mark.slow
def test_a_long_table_in_printed_slides_notes_pages_and_guide(tmp_path: Path) -> None:
    project = with_rows(tmp_path / "p", 2_000)
    out = tmp_path / "out"
    slides = deck_slides(built(project, out, "deck"))
    notes_pages = built(project, out, "notes-pages")
    assert len(re.findall(r"Two approaches \(cont\. \d+\)", pdf_text(notes_pages))) > 100
    printed = built(project, out, "slides")
    guide = built(project, out, "guide")
    # the guide's slide numbers for the module run to its last slide, after the long table
    last = max(n for n, text in enumerate(slides, start=1) if "Which row surprised" in text)
    ranges = re.findall(r"slides (\d+)\D(\d+)", pdf_text(guide))
    assert last > 300 and str(last) in [end for _, end in ranges], (last, ranges)
    forget(*(out / "clinical").iterdir(), printed, guide)


def test_a_long_handout_table_has_the_same_rows_on_each_page_as_one_reportlab_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Handed to ReportLab a few pages at a time, a long table breaks where it did whole."""
    from materials_gen.render import handout

    project = with_rows(tmp_path / "p", handout.LONG_TABLE + 250)
    pages = {}
    for name, limit in (("in parts", handout.LONG_TABLE), ("whole", 10**9)):
        monkeypatch.setattr(handout, "LONG_TABLE", limit)
        path = built(project, tmp_path / name, "handout")
        pages[name] = [
            pdf_text_of_page(path, n) for n in range(1, len(PdfReader(str(path)).pages) + 1)
        ]
        forget(path)
    assert pages["in parts"] == pages["whole"]
    assert sum("Informed answer" in page for page in pages["whole"]) > 10  # many pages


def test_a_long_roster_s_sign_in_sheet_has_the_same_pages_as_one_reportlab_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sign-in sheet of thousands of names took time with the square of their number
    (8,000 names: 43 s), ReportLab going over every row left at each page: its rows are
    handed over a few pages at a time, as a long table's, and break where they did whole,
    numbered on, the last page filled with blank rows to its foot."""
    from materials_gen.render import handout

    project = tmp_path / "p"
    shutil.copytree(PROJECTS / "minimal", project)
    names = handout.LONG_TABLE + 250
    roster = tmp_path / "people.csv"
    roster.write_text("name\n" + "".join(f"Person {n}\n" for n in range(names)), encoding="utf-8")
    pages = {}
    for name, limit in (("in parts", handout.LONG_TABLE), ("whole", 10**9)):
        monkeypatch.setattr(handout, "LONG_TABLE", limit)
        options = BuildOptions(
            output=tmp_path / name, audiences=("all-staff",), kinds=("sign-in",), roster=roster
        )
        (sheet,) = [b.path for b in build(project, options).built]
        count = len(PdfReader(str(sheet)).pages)
        pages[name] = [pdf_text_of_page(sheet, n) for n in range(1, count + 1)]
    assert pages["in parts"] == pages["whole"]
    text = "\n".join(pages["whole"])
    assert all(f"Person {n}\n" in text for n in range(names))
    last = [int(n) for n in re.findall(r"(?m)^(\d+)$", pages["whole"][-1])]
    assert last and max(last) > names  # blank rows numbered on after the last name


def pdf_text_of_page(path: Path, page: int) -> str:
    pdftotext = shutil.which("pdftotext")
    if not pdftotext:
        pytest.skip("pdftotext is not installed (apt-get install poppler-utils)")
    args = [pdftotext, "-f", str(page), "-l", str(page), str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def test_slides_are_numbered_and_linked_in_order(tmp_path: Path) -> None:
    deck_file = built(with_rows(tmp_path / "p", 80), tmp_path / "out", "deck")
    with zipfile.ZipFile(deck_file) as package:
        presentation = package.read("ppt/presentation.xml").decode()
        links = package.read("ppt/_rels/presentation.xml.rels").decode()
        parts = [n for n in package.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)]
    ids = [int(i) for i in re.findall(r'<p:sldId id="(\d+)"', presentation)]
    assert ids == list(range(256, 256 + len(ids)))
    targets = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="slides/(slide\d+\.xml)"', links))
    order = [targets[r] for r in re.findall(r'<p:sldId id="\d+" r:id="(rId\d+)"', presentation)]
    assert order == [f"slide{n}.xml" for n in range(1, len(ids) + 1)]
    assert len(parts) == len(ids)


def test_sharing_columns_out_gives_the_fewest_slides_that_fit() -> None:
    """Checked against trying every cut of the rows, on varied columns: the fewest slides
    on which every part fits (at the floor), the same rows side by side."""
    measure = fit.Measure(load_theme(PROJECTS / "minimal"))
    role = fit.ROLES["columns"]
    box = fit.Box(400.0, 330.0)
    words = ["care", "safety", "trust", "choice", "voice", "culture", "collaboration"]
    chance = random.Random(7)
    for _ in range(25):
        columns = []
        for _ in range(2):
            paras = [fit.Para((fit.Run("Heading"),), heading=True)] if chance.random() < 0.5 else []
            for _ in range(chance.randint(0, 9)):
                text = " ".join(chance.choice(words) for _ in range(chance.randint(1, 40)))
                paras.append(fit.Para((fit.Run(text),), bullet="bullet"))
            columns.append(tuple(paras))

        def parts_of(edges: list[int], columns: list[tuple[fit.Para, ...]] = columns) -> list:
            cut = []
            for a, b in zip(edges, edges[1:], strict=False):
                cut.append([c[:1] + c[1:][a:b] if c and c[0].heading else c[a:b] for c in columns])
            return cut

        def fits(part: list[tuple[fit.Para, ...]]) -> bool:
            return all(fit.largest_fit(measure, p, box, role) is not None for p in part)

        rows = max(len(c) - (1 if c and c[0].heading else 0) for c in columns)
        fewest = rows or 1
        for k in range(rows):
            if any(
                all(fits(part) for part in parts_of([0, *at, rows]))
                for at in itertools.combinations(range(1, rows), k)
            ):
                fewest = k + 1
                break
        shared = layout.share_columns(measure, tuple(columns), [box, box], role)
        assert len(shared) == fewest, (len(shared), fewest)
        assert all(fits(list(part)) for part in shared) or fewest == rows
        for column, parts in zip(columns, zip(*shared, strict=True), strict=True):
            head = column[:1] if column and column[0].heading else ()
            assert all(part[: len(head)] == head for part in parts)
            assert [p for part in parts for p in part[len(head) :]] == list(column[len(head) :])


def test_fitting_work_grows_with_the_rows_not_their_square(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Paragraphs wrapped while fitting a deck with three times the rows: about three times
    as many (each paragraph wrapped at each size and width it is tried at, never once per
    pair of rows)."""
    measured = {"count": 0}
    original = fit.Measure._set

    def counting(self: object, *args: object) -> tuple[fit.SetLine, ...]:
        measured["count"] += 1
        return original(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(fit.Measure, "_set", counting)
    counts = []
    for rows in (100, 300):
        project = with_rows(tmp_path / f"p{rows}", rows)
        course, _ = load_course(project)
        target = plan(course, BuildOptions(audiences=("clinical",), kinds=("deck",)))[0]
        document = parse(intermediate(project, course, target, "a4"))
        measured["count"] = 0
        deck.render(document, load_theme(project), RenderOptions())
        counts.append(measured["count"])
    assert counts[0] > 0 and counts[1] < 3.5 * counts[0], counts


def test_poster_refuses_a_table_its_paper_cannot_hold_before_measuring_it(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = with_rows(tmp_path / "p", 3_000)
    measured = {"count": 0}
    original = poster._Poster.para

    def counting(self: object, *args: object, **kwargs: object) -> object:
        measured["count"] += 1
        return original(self, *args, **kwargs)

    monkeypatch.setattr(poster._Poster, "para", counting)
    result = runner.invoke(main, ["build", "-p", str(project), "--only", "poster", "-j", "1"])
    assert result.exit_code == 1
    assert "the poster's table has 3,000 rows, too many for 18 x 24 in" in result.output
    assert "Traceback" not in result.output
    assert measured["count"] < 10  # the headline and subtitle, not 9,000 cells at every size


def test_text_too_tall_for_a_handout_page_goes_on(tmp_path: Path, runner: CliRunner) -> None:
    """A box goes on across pages, and so do a long item of its list, a long table in it
    and a box inside it as long (which stopped the build)."""
    project = tmp_path / "p"
    shutil.copytree(PROJECTS / "minimal", project)
    edit(project / "content/modules/practice.md", "  - Compare two approaches", f"  - {LONG}")
    result = runner.invoke(main, ["build", "-p", str(project), "--only", "handout", "-j", "1"])
    assert result.exit_code == 0, result.output
    edit(project / "content/modules/practice.md", f"  - {LONG}", "  - Compare two approaches")
    module = project / "content/modules/practice.md"
    text = " ".join(LONG.split()[:3000])
    table = f"\n::: callout\n| Step | What to do |\n| --- | --- |\n| One | {text} |\n:::\n"
    module.write_text(module.read_text(encoding="utf-8") + table, encoding="utf-8")
    result = runner.invoke(main, ["build", "-p", str(project), "--only", "handout", "-j", "1"])
    assert result.exit_code == 0, result.output
    nested = f"\n:::: callout\nOuter text.\n\n::: callout\n{text}\n:::\n::::\n"
    module.write_text(module.read_text(encoding="utf-8") + nested, encoding="utf-8")
    result = runner.invoke(main, ["build", "-p", str(project), "--only", "handout", "-j", "1"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        ("modules/practice.md", "  - Both approaches matter", f"  - {LONG}"),
        ("modules/practice.md", "notes: Walk through the table.", f"notes: {LONG}"),
        ("modules/practice.md", "The table compares the two approaches.", LONG),
        ("tables/approaches.yaml", "informed: Noticing", f"informed: {LONG}"),
    ],
    ids=["key point", "speaker notes", "module text", "table cell"],
)
def test_a_5000_word_paragraph_builds_or_is_named(
    tmp_path: Path, runner: CliRunner, kind: str, file: str, old: str, new: str
) -> None:
    project = tmp_path / "p"
    shutil.copytree(PROJECTS / "minimal", project)
    edit(project / "content" / file, old, new)
    args = ["build", "-p", str(project), "--only", kind, "-a", "clinical", "-j", "1"]
    result = runner.invoke(main, args)
    assert "Traceback" not in result.output
    assert result.exit_code in (0, 1), result.output
    if result.exit_code:  # the text that cannot fit is named: its start, or its table row
        assert re.search(r"'word0 word1 word2|'Focus'", result.output), result.output


@pytest.mark.parametrize("kind", KINDS)
def test_a_400_word_heading_is_refused_with_its_line(
    tmp_path: Path, runner: CliRunner, kind: str
) -> None:
    project = tmp_path / "p"
    shutil.copytree(PROJECTS / "minimal", project)
    heading = " ".join(f"heading{i}" for i in range(400))
    module = project / "content/modules/practice.md"
    module.write_text(module.read_text(encoding="utf-8") + f"\n## {heading}\n\nMore.\n")
    result = runner.invoke(main, ["build", "-p", str(project), "--only", kind, "-j", "1"])
    assert result.exit_code == 1
    assert re.search(r"practice\.md:\d+", result.output), result.output
    assert "Traceback" not in result.output
