"""`materials-gen show OUTPUT --audience ID --stage ...`: every stage shows that one audience's
output, as a build would make it, and refuses what a build would not make."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from materials_gen.cli import main

CLINICAL_ONLY = ("Seat the client nearest the door", "Book a supervision slot.")


def show(runner: CliRunner, project: Path, *args: str):
    return runner.invoke(main, ["show", *args, "-p", str(project)], catch_exceptions=False)


def test_the_course_stage_shows_that_audience_only(runner: CliRunner, project: Path) -> None:
    result = show(runner, project, "handout", "-a", "all-staff", "--stage", "course")
    assert result.exit_code == 0, result.output
    course = json.loads(result.stdout)
    assert [a["id"] for a in course["audiences"]] == ["all-staff"]
    # no other audience's name, description or content
    for text in ("Clinical providers", "People who provide treatment.", *CLINICAL_ONLY):
        assert text not in result.stdout
    assert [s["name"] for s in course["support"]] == ["Duty manager"]
    # as the templates get it: the modules' computed fields are there too
    assert course["modules"][0]["title"] and "prose" in course["modules"][0]

    clinical = show(runner, project, "handout", "-a", "clinical", "--stage", "course")
    course = json.loads(clinical.stdout)
    assert [a["id"] for a in course["audiences"]] == ["clinical"]
    assert "All staff" not in clinical.stdout and "Everyone who works here." not in (
        clinical.stdout
    )
    for text in CLINICAL_ONLY:
        assert text in clinical.stdout


@pytest.mark.parametrize("stage", ["course", "markdown", "tree"])
def test_every_stage_refuses_an_output_a_build_would_not_make(
    runner: CliRunner, project: Path, stage: str
) -> None:
    result = show(runner, project, "certificates", "-a", "all-staff", "--stage", stage)
    assert result.exit_code == 2
    assert not result.stdout
    assert "certificates are made for the people on a roster" in result.stderr
    assert "hint: give a roster with --roster FILE" in result.stderr


def test_without_an_audience_show_names_the_course_s_audiences(
    runner: CliRunner, project: Path, tmp_path: Path
) -> None:
    """`show handout` gave click's bare "Missing option '--audience'": it now lists the
    audiences to choose from, and a course of one audience needs none."""
    result = show(runner, project, "handout")
    assert result.exit_code == 2
    assert "this course has 2: all-staff (All staff), clinical (Clinical providers)" in (
        result.output
    )
    assert "--audience all-staff" in result.output and "Traceback" not in result.output
    one = tmp_path / "one"
    assert runner.invoke(main, ["init", "--blank", str(one)]).exit_code == 0
    result = show(runner, one, "handout")
    assert result.exit_code == 0, result.output
    assert 'audience: "Everyone"' in result.output
