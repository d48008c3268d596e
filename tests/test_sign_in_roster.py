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
    assert [number for number, _ in rows] == ["1", "2", "3", "4", "5", "6"]  # 2 names, 4 spare
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
    assert [number for number, _ in rows] == [str(n) for n in range(1, 25)]  # 20 and 4 spare
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
        assert [n for n, _ in numbered_rows(printed[0])] == [str(n) for n in range(1, 25)]


def test_a_sheet_that_needs_two_pages_keeps_its_rows_roomy(project: Path) -> None:
    course = project / "content" / "course.yaml"
    text = course.read_text(encoding="utf-8")
    course.write_text(text.replace("  session:\n", "  session:\n    group_size: 40\n"))
    build(project, "--only", "sign-in", "-a", "all-staff")
    roomy = pages(project, "all-staff")
    assert len(roomy) == 2
    rows = [n for page in roomy for n, _ in numbered_rows(page)]
    assert rows == [str(n) for n in range(1, 45)]
    # the first page holds as many rows as it did before any row was made less tall: 0.36 in
    assert len(numbered_rows(roomy[0])) < 24
