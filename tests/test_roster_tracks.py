"""A roster's people and the audiences (tracks) whose certificates they get."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from materials_gen.cli import main

from .conftest import credited


def test_a_person_without_an_audience_in_a_credited_course_is_warned_of(project: Path) -> None:
    """An empty audience means every audience: with contact hours on the clinical
    certificates, the trainer is told who gets them that way, at the roster's row."""
    credited(project)
    roster = project / "people.csv"
    roster.write_text("name,audience\nAna Blank,\nBen Stone,clinical\n", encoding="utf-8")
    args = ["build", "-p", str(project), "--only", "certificates", "--roster", str(roster)]
    result = CliRunner().invoke(main, [*args, "--date", "2026-12-03"])
    assert result.exit_code == 0, result.output
    warning = next(line for line in result.output.splitlines() if "warning:" in line)
    assert warning.endswith(
        "people.csv:2: warning: 1 person in the roster has no audience (Ana Blank): each gets a "
        "certificate for every audience, with the contact hours of Clinical providers"
    )


def test_no_warning_when_every_person_has_an_audience(project: Path) -> None:
    credited(project)
    roster = project / "people.csv"
    roster.write_text("name,audience\nAna Blank,all-staff\nBen Stone,clinical\n", "utf-8")
    args = ["build", "-p", str(project), "--only", "certificates", "--roster", str(roster)]
    result = CliRunner().invoke(main, [*args, "--date", "2026-12-03"])
    assert result.exit_code == 0 and "no audience" not in result.output, result.output


def test_a_roster_may_name_an_audience_as_a_translation_names_it(project: Path) -> None:
    """A Spanish trainer's roster says "Todo el personal" (the Spanish translation's name
    of all-staff): read as that audience, not refused as unknown."""
    cli = CliRunner()
    assert cli.invoke(main, ["translate", "es", "-p", str(project)]).exit_code == 0
    course = project / "content" / "translations" / "es" / "course.yaml"
    course.write_text(
        course.read_text(encoding="utf-8").replace("name: All staff", "name: Todo el personal"),
        encoding="utf-8",
    )
    roster = project / "people.csv"
    roster.write_text("name,audience\nAna Blank,Todo el personal\n", encoding="utf-8")
    args = ["build", "-p", str(project), "--only", "certificates", "--roster", str(roster)]
    result = cli.invoke(main, [*args, "-l", "es", "--date", "2026-12-03"])
    assert result.exit_code == 0, result.output
    made = [line for line in result.output.splitlines() if "certificates.pdf" in line]
    assert len(made) == 1 and "/es/all-staff/" in made[0], result.output
