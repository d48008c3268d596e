"""Colour contrast (WCAG 2.1): ``check`` stops on theme colours too faint to read, naming the
pair, the ratio and the theme key; a build warns."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from materials_gen.build import BuildOptions, build
from materials_gen.cli import main
from materials_gen.contrast import PAIRS, contrast_problems, ratio
from materials_gen.theme import Colours, Palette, load_theme

from .conftest import REPO


def write_theme(project: Path, text: str) -> None:
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates" / "theme.yaml").write_text(text, encoding="utf-8")


def test_ratios_are_the_wcag_ones() -> None:
    assert ratio("#000000", "#FFFFFF") == pytest.approx(21)
    assert ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1)
    assert ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)  # the AA grey
    assert ratio("#777777", "#FFFFFF") < 4.5


def test_every_pair_names_colours_the_palette_has() -> None:
    fields = set(Palette.__dataclass_fields__)
    for pair in PAIRS:
        for name in (pair.text, pair.background):
            assert name.removesuffix(" tint") in fields, name


def test_the_default_theme_and_the_kit_pass() -> None:
    assert contrast_problems(load_theme(REPO)) == []
    for key, value in Colours().model_dump().items():
        assert value.startswith("#"), key


def test_check_stops_on_a_faint_accent_naming_the_line_and_the_ratio(
    runner: CliRunner, project: Path
) -> None:
    write_theme(project, 'colors:\n  primary: "#1F4E79"\n  accent: "#F0A080"\n')
    result = runner.invoke(main, ["check", "-p", str(project)])
    assert result.exit_code == 1, result.output
    assert "templates/theme.yaml:3:" in result.output
    assert "colors.accent (#F0A080) on white (#FFFFFF)" in result.output
    assert "below the 4.5:1" in result.output and "Traceback" not in result.output
    # a build still makes the files, and says why the colours should change
    report = build(project, BuildOptions())
    faint = [w for w in report.warnings if "colors.accent" in w.message]
    assert faint and faint[0].severity == "warning"


def test_check_stopping_on_colours_still_tells_every_other_problem_and_warning(
    runner: CliRunner, project: Path
) -> None:
    """``check`` stopped on faint colours before it looked at anything else: a template
    error (which stops a build) and every warning went untold until the colours were
    mended, and the build then failed on what check had not said."""
    write_theme(project, 'colors:\n  primary: "#1F4E79"\n  accent: "#F0A080"\n')
    (project / "templates" / "poster.md.j2").write_text("---\n---\n\n{{ no_such_thing }}\n")
    course = project / "content" / "course.yaml"
    course.write_text(
        course.read_text(encoding="utf-8").replace(
            "subtitle: A two-module test course", 'subtitle: "[[fill in the subtitle]]"'
        ),
        encoding="utf-8",
    )
    result = runner.invoke(main, ["check", "-p", str(project)])
    said = " ".join(result.output.split())
    assert result.exit_code == 1 and "Traceback" not in said, said
    assert "colors.accent (#F0A080) on white (#FFFFFF)" in said
    assert "templates/poster.md.j2:4: error" in said and "no_such_thing" in said
    assert "to be filled in: the subtitle" in said  # and the warnings


def test_what_a_box_draws_on_its_shade_is_measured_on_it(project: Path) -> None:
    """A box's title ("Learning objectives", "Activity: ...") is drawn in the primary colour
    on the box's shade, its list numbers in the accent: a mid-grey callout passed ``check``
    while its titles were 3.2:1 on it."""
    write_theme(project, 'colors:\n  callout: "#8FA0AF"\n')
    said = [p.message for p in contrast_problems(load_theme(project))]
    assert any(m.startswith("colors.primary (#1F4E79) on colors.callout (#8FA0AF)") for m in said)
    assert any("colors.accent" in m and "on colors.callout" in m for m in said), said
    assert not any("on colors.activity" in m for m in said), said


def test_large_text_needs_three_to_one_and_made_colours_name_their_key(project: Path) -> None:
    # white on a mid green: over 3:1, so fine for the poster's large column headers, while the
    # text on its pale tint stays readable
    write_theme(project, 'colors:\n  informed: "#3A8F7A"\n')
    problems = contrast_problems(load_theme(project))
    assert [p for p in problems if "column headers" in p.message] == []
    write_theme(project, 'colors:\n  informed: "#8FD0C0"\n')
    problems = contrast_problems(load_theme(project))
    headers = [p for p in problems if "column headers" in p.message]
    assert headers and "3:1" in headers[0].message
    assert str(headers[0].location).startswith("templates/theme.yaml:2")


def test_a_colour_made_from_another_is_named_by_what_it_is(project: Path) -> None:
    """A light accent failed against the activity boxes' tint, which is made from the accent:
    the message named colors.accent twice ("colors.accent ... on colors.accent (..., made
    from colors.accent)") and told to make "colors.accent or colors.accent" darker. The tint
    is named by what it is, and the key to change once."""
    write_theme(project, 'colors:\n  accent: "#F0A080"\n')
    problems = contrast_problems(load_theme(project))
    on_tint = [p for p in problems if "activity boxes" in p.message]
    assert on_tint, [p.message for p in problems]
    said = on_tint[0]
    assert "on the activity colour (" in said.message and "made from colors.accent" in said.message
    assert said.hint.startswith("make colors.accent darker or lighter"), said.hint


def test_links_on_striped_table_rows_are_measured_there(runner: CliRunner, project: Path) -> None:
    """A link in a striped table row is drawn in the primary colour on the stripe: a pair
    below 4.5:1 there (3.59:1) passed check, which measured links on white and in boxes
    only."""
    write_theme(project, 'colors:\n  primary: "#2F6DA0"\n  table_stripe: "#C8D2DC"\n')
    result = runner.invoke(main, ["check", "-p", str(project)])
    assert result.exit_code == 1, result.output
    assert (
        "colors.primary (#2F6DA0) on colors.table_stripe (#C8D2DC) has a contrast of 3.59:1"
    ) in result.output
    assert "links in striped table rows" in result.output
