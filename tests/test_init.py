"""Starting a project: `init` (content and theme; templates only on request; a blank
starter) and `deck-template` (the built-in deck design as a file a designer can restyle)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation

from materials_gen.cli import main

from .conftest import all_text, edit


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_init_copies_content_and_theme_and_builds_from_the_built_in_templates(
    tmp_path: Path,
) -> None:
    target = tmp_path / "course"
    code, output = run("init", str(target))
    assert code == 0, output
    assert sorted(p.name for p in (target / "templates").iterdir()) == ["theme.yaml"]
    assert (target / "content" / "course.yaml").is_file()
    assert "init --templates" in output
    # the project's theme is used: a colour changed there reaches the handout's bytes
    assert (target / "content" / "translations" / "es" / "course.yaml").is_file()
    code, output = run("build", "-p", str(target), "-a", "all-staff", "--only", "handout")
    assert code == 0, output
    # the kit comes in English and Spanish: each language in its own folder
    handout = next((target / "output" / "en-US" / "all-staff").glob("*-handout.pdf"))
    assert "Trauma-Informed and Trauma-Competent Care" in all_text(handout)
    spanish = next((target / "output" / "es" / "all-staff").glob("*-es-all-staff-handout.pdf"))
    assert "Atención informada sobre el trauma" in all_text(spanish)
    edit(target / "templates" / "theme.yaml", 'primary: "#1F4E79"', 'primary: "#7A1F1F"')
    code, output = run("build", "-p", str(target), "-a", "all-staff", "--only", "handout")
    assert "because templates/theme.yaml changed" in output


def test_init_templates_copies_every_template(tmp_path: Path) -> None:
    target = tmp_path / "course"
    assert run("init", "--templates", str(target))[0] == 0
    names = {p.name for p in (target / "templates").iterdir()}
    assert {"theme.yaml", "handout.md.j2", "deck.md.j2", "poster.md.j2"} <= names
    # a template the trainer changes is the one used
    handout_template = target / "templates" / "handout.md.j2"
    handout_template.write_text(handout_template.read_text() + "\n\nOur own handout words.\n")
    code, _ = run("build", "-p", str(target), "-a", "all-staff", "--only", "handout", "-l", "en")
    assert code == 0
    assert not (target / "output" / "es").exists()  # only the language asked for
    handout = next((target / "output" / "en-US" / "all-staff").glob("*-handout.pdf"))
    assert "Our own handout words." in all_text(handout)


def test_init_templates_in_an_existing_project_adds_only_what_is_missing(tmp_path: Path) -> None:
    target = tmp_path / "course"
    assert run("init", str(target))[0] == 0
    theme = target / "templates" / "theme.yaml"
    theme.write_text(theme.read_text() + "# our colours\n")
    code, output = run("init", "--templates", str(target))
    assert code == 0, output
    assert "handout.md.j2" in output and "Kept as they were: theme.yaml." in output
    assert (target / "templates" / "deck.md.j2").is_file()
    assert theme.read_text().endswith("# our colours\n")  # the trainer's file is kept
    assert "Nothing to add" in run("init", "--templates", str(target))[1]


def test_init_refuses_an_existing_project(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    code, output = run("init", str(tmp_path))
    assert code == 1 and "already exists" in output and "init never overwrites" in output
    assert not (tmp_path / "content").exists()


@pytest.mark.slow
def test_blank_starter_builds_every_output_without_a_warning(tmp_path: Path) -> None:
    target = tmp_path / "blank"
    assert run("init", "--blank", str(target))[0] == 0
    assert [p.name for p in (target / "content" / "modules").iterdir()] == ["welcome.md"]
    code, output = run("build", "-p", str(target), "--strict", "-j", "2")
    assert code == 0, output
    assert "warning" not in output
    poster = next((target / "output" / "everyone").glob("*-poster.pdf"))
    assert "What each of us can do" in all_text(poster)
    assert run("check", "-p", str(target), "--strict")[0] == 0


def test_blank_starter_checks_cleanly(tmp_path: Path) -> None:
    target = tmp_path / "blank"
    assert run("init", "--blank", str(target))[0] == 0
    code, output = run("check", "-p", str(target), "--strict")
    assert code == 0, output
    assert output.strip() == "OK: 1 module, 1 audience, 0 warnings."


def _slides(path: Path) -> list[tuple[str, list[tuple]]]:
    """Each slide's layout and shapes (name, place, size, text): what a viewer sees."""
    out = []
    for slide in Presentation(str(path)).slides:
        shapes = [
            (
                s.name,
                s.left,
                s.top,
                s.width,
                s.height,
                s.text_frame.text if s.has_text_frame else "",
            )
            for s in slide.shapes
        ]
        out.append((slide.slide_layout.name, shapes))
    return out


def test_deck_template_is_an_editable_pptx_that_builds_the_same_deck(
    project: Path, tmp_path: Path
) -> None:
    design = tmp_path / "organisation.pptx"
    code, output = run("deck-template", str(design), "-p", str(project), "--aspect", "4:3")
    assert code == 0, output
    prs = Presentation(str(design))
    # a sample slide of each layout (decks leave them out: the same deck, below)
    assert [s.slide_layout.name for s in prs.slides] == [lay.name for lay in prs.slide_layouts]
    assert round(prs.slide_width / prs.slide_height, 2) == round(4 / 3, 2)
    names = [layout.name for layout in prs.slide_layouts]
    assert {"Title Slide", "Title and Content", "Section Header", "Two Content", "Quote"} <= set(
        names
    )
    assert "Slide Master" in prs.core_properties.comments
    again = tmp_path / "again.pptx"
    run("deck-template", str(again), "-p", str(project), "--aspect", "4:3")
    assert again.read_bytes() == design.read_bytes()  # the same theme, the same bytes
    assert run("deck-template", str(design), "-p", str(project))[0] == 2  # never overwritten

    deck = ("-a", "clinical", "--only", "deck", "-j", "1", "-p", str(project))
    assert run("build", *deck, "--aspect", "4:3", "-o", str(tmp_path / "built-in"))[0] == 0
    code, output = run("build", *deck, "--deck-template", str(design), "-o", str(tmp_path / "own"))
    assert code == 0, output
    name = "clinical/safe-rooms-clinical-deck.pptx"
    builtin, own = _slides(tmp_path / "built-in" / name), _slides(tmp_path / "own" / name)
    assert len(builtin) > 5 and own == builtin
    # nothing else differs either: masters, layouts, theme, properties
    assert (tmp_path / "own" / name).read_bytes() == (tmp_path / "built-in" / name).read_bytes()


def test_commands_it_suggests_work_pasted_into_a_shell(tmp_path: Path) -> None:
    """A folder name with a space split the suggested command in two ("cd My Course &&
    ..."): each path a message suggests is quoted when it needs to be."""
    folder = tmp_path / "My Course"
    result = CliRunner().invoke(main, ["init", str(folder)])
    assert result.exit_code == 0, result.output
    assert f"Next: cd '{folder}' && materials-gen build" in result.output
    result = CliRunner().invoke(main, ["check", "-p", str(folder / "content")])
    assert result.exit_code == 1
    assert f"pass --project '{folder}'" in result.output, result.output


def test_init_into_a_folder_named_like_an_option_says_a_command_that_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`init -- -dash` printed "Next: cd -dash && ...", which cd reads as its options."""
    monkeypatch.chdir(tmp_path)
    code, output = run("init", "--", "-dash")
    assert code == 0, output
    assert "Next: cd ./-dash && materials-gen build" in output
    assert (tmp_path / "-dash" / "content" / "course.yaml").is_file()


def test_init_that_cannot_finish_leaves_nothing_and_can_be_run_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A disk that fills while init copies the kit: it printed Python's list of every file
    it could not copy, left a content/ of files cut short, and then refused to run again,
    as it found a project there. It says what failed in a sentence, leaves nothing behind,
    and runs again once there is room."""
    import errno
    import os
    import shutil

    folder = tmp_path / "course"
    copy = shutil.copyfile

    def full(source: str, target: str, *args: object, **kwargs: object) -> object:
        if os.fspath(source).endswith("welcome.md"):
            raise OSError(errno.ENOSPC, "No space left on device", str(target))
        return copy(source, target, *args, **kwargs)

    monkeypatch.setattr(shutil, "copyfile", full)
    code, output = run("init", str(folder))
    said = " ".join(output.split())
    assert code == 1, said
    assert f"error: cannot create the project in {folder}: cannot copy welcome.md: No space" in said
    assert "[(" not in said and "Traceback" not in said
    assert not folder.exists()
    monkeypatch.setattr(shutil, "copyfile", copy)
    code, output = run("init", str(folder))
    assert code == 0, output
    assert (folder / "content" / "modules" / "welcome.md").read_bytes() == (
        Path(__file__).parents[1] / "content" / "modules" / "welcome.md"
    ).read_bytes()
