"""Text too long for its output is reported at the file and line a trainer should edit.

The renderers see text after templating, so the build looks the text up in the project's
sources (materials_gen/sources.py). Each case breaks one text of the minimal project, builds
through the real command line and reads what a trainer reads: the first words of the error.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from materials_gen.check import check_project
from materials_gen.cli import main
from materials_gen.errors import ContentError, Location
from materials_gen.load import load_project
from materials_gen.sources import SourceIndex, normalise

from .conftest import edit, run, tool
from .deck_templates import use_corporate_template

PROJECTS = Path(__file__).parent / "projects"
LONG = " ".join(["the signs of distress in a crowded waiting room"] * 60)


def project_with(tmp_path: Path, file: str, old: str, new: str) -> Path:
    """A copy of the minimal project with one text of ``file`` replaced."""
    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    path = project / "content" / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return project


def build(project: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        main, ["build", "-p", str(project), "-j", "1", *args], catch_exceptions=False
    )
    return result.exit_code, result.output


def line_of(project: Path, file: str, words: str) -> int:
    """The 1-based line of ``file`` that holds ``words`` (so a test does not hard-code it)."""
    lines = (project / "content" / file).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if words in line)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Name one way to make a room feel safer", f"Recognise {LONG}"),
        ("Calm rooms help everyone", f"Calm rooms help {LONG}"),
    ],
    ids=["objective", "key point"],
)
def test_a_module_text_too_long_for_a_slide_goes_on_to_the_next(
    tmp_path: Path, old: str, new: str
) -> None:
    project = project_with(tmp_path, "modules/intro.md", old, new)
    code, output = build(project, "-a", "all-staff", "--only", "deck")
    assert code == 0, output
    assert "Traceback" not in output


SUBTITLE = " ".join(["Responsibilities"] * 39)


def cover_too_long(tmp_path: Path) -> Path:
    """The minimal project with a subtitle that cannot go on to another slide and does not
    fit its cover: an organisation's template whose cover holds five lines under the
    title."""
    project = project_with(
        tmp_path, "course.yaml", "subtitle: A two-module test course", f"subtitle: {SUBTITLE}"
    )
    use_corporate_template(project)
    return project


def test_a_text_too_long_for_its_slide_names_its_line(tmp_path: Path) -> None:
    project = cover_too_long(tmp_path)
    line = line_of(project, "course.yaml", "subtitle:")
    code, output = build(project, "-a", "all-staff", "--only", "deck")
    assert code == 1
    assert output.startswith(f"content/course.yaml:{line}: error: the deck for All staff")
    assert "too long for the layout 'Cover'" in output
    assert "hint: shorten it" in output
    assert "Traceback" not in output
    assert not list((project / "output").rglob("*.pptx"))


def test_a_body_table_row_too_long_for_a_page_goes_on_over_pages(tmp_path: Path) -> None:
    """A row of a module's own table too long for a page (it stopped the handout, naming
    its line) goes on over the handout's pages, every word printed once."""
    table = f"| Sign | What to do |\n| --- | --- |\n| Pacing | Offer {LONG * 8} |\n"
    project = project_with(
        tmp_path, "modules/intro.md", "Rooms shape how people feel.", f"{table}\nRooms shape."
    )
    code, output = build(project, "-a", "all-staff", "--only", "handout")
    assert code == 0, output
    (handout,) = (project / "output").rglob("*-handout.pdf")
    words = run(tool("pdftotext"), str(handout), "-").stdout.split()
    assert words.count("distress") == words.count("crowded") == 60 * 8


def test_a_course_title_too_long_for_a_certificate_names_its_line(tmp_path: Path) -> None:
    # as long as a title may be (40 words), in words too long for a certificate's lines
    title = " ".join(["Extraordinarilyunpronounceable"] * 38)
    project = project_with(tmp_path, "course.yaml", "title: Safe Rooms", f"title: Safe {title}")
    roster = tmp_path / "roster.csv"
    roster.write_text("name,audience\nAda Lovelace,all-staff\n", encoding="utf-8")
    code, output = build(project, "--only", "certificates", "--roster", str(roster))
    assert code == 1, output
    assert output.startswith("content/course.yaml:1: error: the certificates for All staff")


def test_check_names_the_line_too(tmp_path: Path) -> None:
    project = cover_too_long(tmp_path)
    line = line_of(project, "course.yaml", "subtitle:")
    result = CliRunner().invoke(main, ["check", "-p", str(project)], catch_exceptions=False)
    assert result.exit_code == 1
    assert result.output.startswith(f"content/course.yaml:{line}: error: the deck for ")
    with pytest.raises(ContentError) as caught:
        check_project(project)
    errors = [p for p in caught.value.problems if p.severity == "error"]
    assert {str(p.location) for p in errors} == {f"content/course.yaml:{line}"}
    # beside it, the template's layouts taken for want of a usual name, as warnings
    assert all(p.severity == "warning" for p in caught.value.problems if p not in errors)


def test_a_text_in_two_places_gets_no_line_rather_than_a_wrong_one(tmp_path: Path) -> None:
    project = cover_too_long(tmp_path)
    edit(  # the same words as a key point too, where they fit a slide
        project / "content" / "modules" / "intro.md",
        "Calm rooms help everyone",
        SUBTITLE,
    )
    code, output = build(project, "-a", "all-staff", "--only", "deck")
    assert code == 1
    assert output.startswith("error: the deck for All staff"), output


def index(tmp_path: Path, body: str) -> SourceIndex:
    project = project_with(
        tmp_path, "modules/intro.md", "Rooms shape how people feel.", f"Rooms.\n\n{body}\n"
    )
    return SourceIndex.of(load_project(project))


def test_markdown_list_items_table_rows_and_paragraphs_are_found(tmp_path: Path) -> None:
    found = index(
        tmp_path,
        "- first item\n  goes on here\n- second *item*\n\n| Cell one | Cell two |\n\n"
        "A [linked](https://example.org) paragraph\nover two lines.",
    )
    file = "content/modules/intro.md"
    assert found.locate("first item goes on here") == Location(file, 23)
    assert found.locate("second item") == Location(file, 25)
    assert found.locate("Cell two") == Location(file, 27)
    assert found.locate("A linked paragraph over\u00a0two lines.") == Location(file, 29)
    # front matter keeps its own lines; course.yaml too
    assert found.locate("Calm rooms help everyone") == Location(file, 9)
    assert found.locate("A two-module test course") == Location("content/course.yaml", 2)


def test_text_the_template_wrote_or_many_places_share_is_not_placed(tmp_path: Path) -> None:
    found = index(tmp_path, "Rooms.")
    assert found.locate("What you will be able to do") is None  # the template's words
    assert found.locate("room") is None  # in several texts
    assert found.locate("rooms") == Location("content/course.yaml", 8)  # one keyword, exactly
    assert found.locate("") is None


def test_a_text_drawn_with_question_marks_for_emoji_is_found_where_it_is_written(
    tmp_path: Path,
) -> None:
    """A PDF draws a character no face has as '?': a poster cell written with emoji and an
    e-mail address was quoted so, found in no text, and the module table row holding the same
    address alone was named instead of the cell's line."""
    address = "coordinator@riverbend-community-health.example.org"
    index(tmp_path, f"| Contact | {address} |")
    table = tmp_path / "project" / "content" / "tables" / "approaches.yaml"
    text = table.read_text(encoding="utf-8")
    table.write_text(
        text.replace(
            "Noticing", f"\U0001f9e0\U0001f469\U0001f3fe\u200d\u2695\ufe0f {address} Noticing", 1
        ),
        encoding="utf-8",
    )
    found = SourceIndex.of(load_project(tmp_path / "project"))
    line = next(
        n for n, t in enumerate(table.read_text(encoding="utf-8").splitlines(), 1) if address in t
    )
    # a '?' for each emoji, the skin tone's too; the joiner between two may be kept
    for drawn in ("????", "???\u200d?"):
        assert found.locate(f"{drawn} {address} Noticing") == Location(
            "content/tables/approaches.yaml", line
        ), drawn
    # without the emoji, the module's row holding the address alone (as before)
    assert found.locate(f"Contact {address}") == Location("content/modules/intro.md", 23)


def test_normalise_ignores_markdown_and_typography() -> None:
    assert normalise("Use *soft*\u00a0light \u2014 [see](x) \u201cit\u201d") == (
        'use soft light - see "it"'
    )


def test_a_table_cell_too_long_names_its_line_from_every_output(tmp_path: Path) -> None:
    """A cell of 1,600 words goes on over slides in the deck and over pages in the
    handout, both rendered in worker processes; the poster, one sheet, cannot hold it and
    names the cell's line."""
    cell = "Noticing things with care " * 400
    project = project_with(tmp_path, "tables/approaches.yaml", "Noticing", cell)
    line = line_of(project, "tables/approaches.yaml", "Noticing things")
    code, output = build(project, "--only", "deck,handout", "-j", "2")
    assert code == 0, output
    code, output = build(project, "--only", "poster", "-j", "2")
    assert code == 1, output
    errors = [t for t in output.splitlines() if "error:" in t]
    assert errors, output
    assert all(t.startswith(f"content/tables/approaches.yaml:{line}: error: ") for t in errors)


def test_a_table_row_too_tall_for_a_slide_goes_on_on_the_next(tmp_path: Path) -> None:
    """A row too tall for one slide, even at the table's smallest size, goes on on the next
    slides under the table's header: its label beside each part, its long cell cut between
    sentences, every sentence shown once and in order (it stopped the build: "a row cannot
    continue on another slide")."""
    from pptx import Presentation

    cell = " ".join(f"Review {n} is held weekly with the whole team." for n in range(1, 61))
    project = project_with(tmp_path, "tables/approaches.yaml", "Weekly case review", cell)
    code, output = build(project, "-a", "clinical", "--only", "deck")
    assert code == 0 and "Traceback" not in output, output
    (deck,) = (project / "output").rglob("*-deck.pptx")
    parts = []
    for slide in Presentation(str(deck)).slides:
        for shape in slide.shapes:
            if not shape.has_table:
                continue
            rows = [[c.text for c in row.cells] for row in shape.table.rows]
            parts += [(slide.shapes.title.text, row) for row in rows if row[0] == "Supervision"]
    assert len(parts) >= 2, parts
    assert all("(cont" in title for title, _ in parts[1:]), parts
    assert all(row[1] == "Team check-ins" for _, row in parts[:1]), parts
    said = " ".join(row[2] for _, row in parts)
    assert said == cell, said
