"""The deck's layout mapping (settings: deck: layouts:) as a trainer meets its mistakes, and
`materials-gen layouts`: each entry at fault named at its line of course.yaml, with a hint."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from pptx import Presentation

from materials_gen.cli import main

from .conftest import edit
from .deck_templates import make_corporate_template

CORPORATE = "'Cover', 'Bullets', 'Divider', 'Split', 'Heading Only'"


def invoke(runner: CliRunner, *args: str):
    return runner.invoke(main, list(args), catch_exceptions=False)


def _mapped(project: Path, *entries: str) -> dict[str, int]:
    """The project on the corporate template with ``entries`` ("kind: layout") mapped in
    its settings; each entry's line."""
    make_corporate_template(project / "templates" / "corporate.pptx")
    mapping = "".join(f"      {entry}\n" for entry in entries)
    course = project / "content" / "course.yaml"
    setting = "  deck:\n    template: templates/corporate.pptx\n    layouts:\n"
    edit(course, "settings:\n", f"settings:\n{setting}{mapping}")
    lines = course.read_text(encoding="utf-8").splitlines()
    return {entry: lines.index(f"      {entry}") + 1 for entry in entries}


def _said(result) -> list[str]:
    return result.stderr.splitlines()


def test_a_layout_the_template_lacks_is_named_at_its_line(runner: CliRunner, project: Path) -> None:
    line = _mapped(project, "title: Cover", "section: Dividr")["section: Dividr"]
    for command in ("check", "build"):
        result = invoke(runner, command, "-p", str(project))
        assert result.exit_code == 1, result.output
        said = _said(result)
        assert said[0].startswith(f"content/course.yaml:{line}:"), said
        assert "error: slide kind 'section' is mapped to layout 'Dividr'" in said[0]
        assert (
            f"which templates/corporate.pptx does not have; its layouts are {CORPORATE}"
            in (said[0])
        )
        assert said[1] == "    hint: did you mean 'Divider'?"
        assert "Traceback" not in result.output
    assert not (project / "output").exists()


def test_a_layout_that_cannot_hold_the_slide_is_named_at_its_line(
    runner: CliRunner, project: Path
) -> None:
    lines = _mapped(project, "title: Covr", "bullets: Heading Only")
    result = invoke(runner, "check", "-p", str(project))
    assert result.exit_code == 1
    said = _said(result)
    missing, unfit = said[0], said[2]
    assert missing.startswith(f"content/course.yaml:{lines['title: Covr']}:")
    assert said[1] == "    hint: did you mean 'Cover'?"
    assert unfit.startswith(f"content/course.yaml:{lines['bullets: Heading Only']}:")
    assert "layout 'Heading Only' of templates/corporate.pptx cannot hold a 'bullets' slide" in (
        unfit
    )
    assert said[3].startswith("    hint: run 'materials-gen layouts'")
    assert said[4] == "2 problems found; no file was written or changed."


def test_layouts_lists_the_template_then_names_the_entries_at_fault(
    runner: CliRunner, project: Path
) -> None:
    line = _mapped(project, "section: Dividr")["section: Dividr"]
    result = invoke(runner, "layouts", "-p", str(project))
    assert result.exit_code == 1
    assert result.stdout.startswith("templates/corporate.pptx: 10.00 x 7.50 in\n")
    assert "  layout 'Divider'" in result.stdout  # what the entry should name
    said = _said(result)
    assert said[0].startswith(f"content/course.yaml:{line}:")
    assert "'Dividr'" in said[0] and said[1] == "    hint: did you mean 'Divider'?"


def test_layouts_of_another_template_checks_the_mapping_against_it(
    runner: CliRunner, project: Path, tmp_path: Path
) -> None:
    """The mapping fits the project's template; `layouts OTHER` shows what it gives with
    OTHER (as `build --deck-template OTHER` would), at the entry's line."""
    line = _mapped(project, "title: Cover")["title: Cover"]
    other = tmp_path / "office.pptx"
    Presentation().save(str(other))
    assert invoke(runner, "layouts", "-p", str(project)).exit_code == 0
    result = invoke(runner, "layouts", str(other), "-p", str(project))
    assert result.exit_code == 1
    assert "  layout 'Title Slide'" in result.stdout
    said = _said(result)
    assert said[0].startswith(f"content/course.yaml:{line}:")
    assert "slide kind 'title' is mapped to layout 'Cover'" in said[0]
