"""The sign-in sheet with a roster: the people expected are printed on their rows, so a trainer
ticks names off instead of deciphering handwriting; each day and trainer the roster names
gets a sheet of its own. Without a roster the sheet keeps its blank rows."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from pypdf import PdfReader

from materials_gen.cli import main

SHEET = "output/{audience}/safe-rooms-{audience}-sign-in.pdf"


def build(project: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["build", "-p", str(project), "-j", "1", *args])
    assert result.exit_code == 0, result.output
    return result.output


def pages(project: Path, audience: str) -> list[str]:
    path = project / SHEET.format(audience=audience)
    return [page.extract_text() for page in PdfReader(str(path)).pages]


def counted(rows: list[tuple[str, str]], least: int) -> bool:
    """Whether ``rows`` are numbered 1, 2, 3... with no number missing, ``least`` of them at
    least."""
    numbers = [number for number, _ in rows]
    return len(numbers) >= least and numbers == [str(n) for n in range(1, len(numbers) + 1)]


# what a row to write in is tall (0.36 in; 0.3 in where that saves a page), and how far the
# footer's line stands below the last row a page holds (measured on pages ReportLab filled)
ROW = 0.36 * 72
UNDER_A_FULL_PAGE = 60


def room_under_rows(path: Path) -> list[float]:
    """On each page of the sheet at ``path``: how far its last numbered row's number stands
    above the footer line, in points."""
    found = []
    for page in PdfReader(str(path)).pages:
        lines: list[tuple[float, str]] = []

        def seen(text: str, cm: list, tm: list, *_: object, lines: list = lines) -> None:
            if text.strip():
                lines.append((cm[5] + tm[5], text.strip()))

        page.extract_text(visitor_text=seen)
        numbers = [y for y, text in lines if text.isdigit()]
        footer = min(y for y, _ in lines)
        found.append(min(numbers) - footer)
    return found


def numbered_rows(text: str) -> list[tuple[str, str]]:
    """The rows of a page's attendance table (below its "Signature" heading, above the footer,
    whose lines hold a "·"): each row's number and whatever is printed beside it."""
    rows: list[tuple[str, str]] = []
    for line in text.split("Signature", 1)[1].splitlines():
        line = line.strip()
        if "\u00b7" in line:
            break
        if line.isdigit():
            rows.append((line, ""))
        elif line and rows:
            rows[-1] = (rows[-1][0], f"{rows[-1][1]} {line}".strip())
    return rows


def test_the_roster_s_names_are_printed_in_its_order_then_spare_rows(project: Path) -> None:
    (project / "people.csv").write_text(
        "Full name,Track\nZoe Quinn,clinical\nAda Lovelace,\nLin Wu,all-staff\n", encoding="utf-8"
    )
    build(project, "--roster", str(project / "people.csv"), "--only", "sign-in")
    (clinical,) = pages(project, "clinical")
    assert "Zoe Quinn" in clinical and "Ada Lovelace" in clinical
    assert "Lin Wu" not in clinical  # on the all-staff sheet only
    assert clinical.index("Zoe Quinn") < clinical.index("Ada Lovelace")  # the roster's order
    rows = numbered_rows(clinical)
    assert counted(rows, 6)  # 2 names, 4 spare rows at least
    assert all(not printed for _, printed in rows[2:])
    assert rows[0][1].startswith("Zoe Quinn") and rows[1][1].startswith("Ada Lovelace")
    assert "Name (print)" not in clinical and "Name" in clinical
    (staff,) = pages(project, "all-staff")
    assert "Ada Lovelace" in staff and "Lin Wu" in staff and "Zoe Quinn" not in staff


def test_each_day_and_trainer_of_the_roster_gets_its_own_sheet(project: Path) -> None:
    (project / "people.csv").write_text(
        "name,date,trainer\n"
        "Ada Lovelace,2025-03-18,Sam Patel\n"
        "Grace Hopper,,\n"  # the session's day (2025-03-11) and its trainer setting (none)
        "Lin Wu,2025-03-18,Sam Patel\n"
        "Kai Moana,2025-03-18,Ruth Eze\n",
        encoding="utf-8",
    )
    build(project, "--roster", str(project / "people.csv"), "--only", "sign-in", "-a", "all-staff")
    first, second, third = pages(project, "all-staff")
    assert "11 March 2025" in first and "Grace Hopper" in first  # the earliest day first
    assert "Ada Lovelace" not in first
    for page in (second, third):
        assert "18 March 2025" in page
    assert "Ruth Eze" in second and "Kai Moana" in second and "Lin Wu" not in second
    assert "Sam Patel" in third and "Ada Lovelace" in third and "Lin Wu" in third
    assert "Kai Moana" not in third


def test_a_name_prints_exactly_as_typed(project: Path) -> None:
    """Punctuation that means something in Markdown or in a table (a pipe) is a letter."""
    (project / "people.csv").write_text(
        'name\n"O\'Brien | Siobhán"\n*Star* [Link](x) #1\n', encoding="utf-8"
    )
    build(project, "--roster", str(project / "people.csv"), "--only", "sign-in", "-a", "all-staff")
    (page,) = pages(project, "all-staff")
    assert "O'Brien | Siobhán" in page
    assert "*Star* [Link](x) #1" in page


def test_without_a_roster_the_sheet_has_blank_rows_for_the_group(project: Path) -> None:
    build(project, "--only", "sign-in", "-a", "all-staff")
    printed = pages(project, "all-staff")
    rows = [row for page in printed for row in numbered_rows(page)]
    text = "\n".join(printed)
    assert counted(rows, 24)  # 20 and 4 spare at least
    assert all(not printed for _, printed in rows)
    assert "Name (print)" in text


def test_each_language_s_sheet_prints_the_people_of_its_session(project: Path) -> None:
    """Ana asked for Spanish, Ben for English, Cy left it empty: as with certificates, each
    sheet prints the people of its language, under its own words for the column."""
    from .conftest import all_text

    assert CliRunner().invoke(main, ["translate", "es", "-p", str(project)]).exit_code == 0
    (project / "people.csv").write_text(
        "name,language\nAna Blank,es\nBen Stone,english\nCy Moss,\n", encoding="utf-8"
    )
    build(project, "--roster", str(project / "people.csv"), "--only", "sign-in", "-a", "all-staff")
    made = sorted((project / "output").rglob("*all-staff-sign-in.pdf"))
    spanish = next(all_text(path) for path in made if "es" in path.relative_to(project).parts)
    english = next(all_text(path) for path in made if "es" not in path.relative_to(project).parts)
    assert "Ana Blank" in spanish and "Cy Moss" in spanish and "Ben Stone" not in spanish
    assert "Nombre" in spanish
    assert "Ben Stone" in english and "Cy Moss" in english and "Ana Blank" not in english


def test_a_sheet_that_ran_a_few_rows_onto_a_second_page_fits_on_one(project: Path) -> None:
    """20 people and 4 spare rows ran 3 or 4 rows onto a second sheet of paper: the rows to
    write in are made a little less tall (a line of handwriting still) when that saves it."""
    for paper in ("letter", "a4"):
        build(project, "--only", "sign-in", "-a", "all-staff", "--paper", paper)
        printed = pages(project, "all-staff")
        assert len(printed) == 1, paper
        assert counted(numbered_rows(printed[0]), 24), paper


def test_a_sheet_that_needs_two_pages_keeps_its_rows_roomy(project: Path) -> None:
    course = project / "content" / "course.yaml"
    text = course.read_text(encoding="utf-8")
    course.write_text(text.replace("  session:\n", "  session:\n    group_size: 40\n"))
    build(project, "--only", "sign-in", "-a", "all-staff")
    roomy = pages(project, "all-staff")
    assert len(roomy) == 2
    rows = [row for page in roomy for row in numbered_rows(page)]
    assert counted(rows, 44)
    # the first page holds as many rows as it did before any row was made less tall: 0.36 in
    assert len(numbered_rows(roomy[0])) < 24


def test_the_rows_go_on_to_the_foot_of_the_sheet_s_last_page(project: Path) -> None:
    """The rows a sheet needs ended part way down its last page (a roster of 2 names: 6 rows
    and a blank two thirds of a page; 44 rows for a group of 40: a second page half empty).
    Blank rows, numbered on, now go on to the footer, as on the pages before; none opens a
    page of its own, and the names and the spare rows are still all there."""
    course = project / "content" / "course.yaml"
    text = course.read_text(encoding="utf-8")
    (project / "people.csv").write_text("name\nZoe Quinn\nAda Lovelace\n", encoding="utf-8")
    sheet = project / SHEET.format(audience="all-staff")
    for group, roster, paper, least, sheets in (
        (20, True, "letter", 6, 1),
        (40, False, "letter", 44, 2),
        (40, False, "a4", 44, 2),
        (30, False, "a4", 34, 2),
    ):
        course.write_text(text.replace("  session:\n", f"  session:\n    group_size: {group}\n"))
        extra = ("--roster", str(project / "people.csv")) if roster else ()
        build(project, "--only", "sign-in", "-a", "all-staff", "--paper", paper, *extra)
        printed = pages(project, "all-staff")
        assert len(printed) == sheets, (group, paper)
        rows = [row for page in printed for row in numbered_rows(page)]
        assert counted(rows, least), (group, paper)
        for gap in room_under_rows(sheet):
            assert gap < UNDER_A_FULL_PAGE + ROW, (group, paper, gap)  # no room for a row


def test_each_day_s_sheet_goes_on_to_the_foot_of_its_page(project: Path) -> None:
    """Each sheet of a roster (a day and trainer each) ends at its own page's foot; the
    numbers start again at 1 on each."""
    (project / "people.csv").write_text(
        "name,date\nAda Lovelace,2025-03-18\nLin Wu,2025-03-18\nGrace Hopper,2025-03-19\n",
        encoding="utf-8",
    )
    build(project, "--roster", str(project / "people.csv"), "--only", "sign-in", "-a", "all-staff")
    first, second = pages(project, "all-staff")
    assert counted(numbered_rows(first), 6) and counted(numbered_rows(second), 5)
    assert "Grace Hopper" in second and "Grace Hopper" not in first
    for gap in room_under_rows(project / SHEET.format(audience="all-staff")):
        assert gap < UNDER_A_FULL_PAGE + ROW, gap


def test_a_large_print_sheet_starts_its_names_under_the_session_when_one_fits(
    tmp_path: Path,
) -> None:
    """A large-print sheet turned landscape, with a long course title and long names (rows
    three and four lines tall): the table moved whole to the second page, rather than end
    the first after one person, so the first page held only the session's facts, half of
    it empty, and three people took three pages. A sheet's rows are filled in one by one:
    the first page holds the header and the first person under the session when it has
    the room."""
    from .conftest import edit, kit_copy

    project = kit_copy(tmp_path)
    edit(
        project / "content" / "course.yaml",
        "title: Trauma-Informed and Trauma-Competent Care\n",
        "title: Trauma-Informed and Trauma-Competent Care for Community Health and Social "
        "Services Staff\n",
    )
    roster = tmp_path / "people.csv"
    roster.write_text(
        "name,audience\n"
        "Dr. Hubert Blaine Wolfeschlegelsteinhausenbergerdorff-Featherstonehaugh Sr.,all-staff\n"
        "Aleksandra Konstantinovna Przybyszewska-Wojciechowska-Szczepanska,all-staff\n"
        "שרה בת אברהם רבינוביץ-גולדשטיין,all-staff\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    build(
        project,
        *("--roster", str(roster), "--date", "2026-12-03", "--paper", "a4", "-l", "en-US"),
        *("--large-print", "--only", "sign-in", "-a", "all-staff", "-o", str(out)),
    )
    (path,) = out.rglob("*sign-in.pdf")
    sheet = [page.extract_text() for page in PdfReader(str(path)).pages]
    first = " ".join(sheet[0].split())
    assert "Signature" in first and "Wolfeschlegel" in first, sheet[0]
    assert len(sheet) == 2, [len(page) for page in sheet]
