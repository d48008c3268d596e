"""The commands that write into a project (translate, labels, init --templates) and the
catalogs a build reads never follow a link out of the project, wait on a pipe or read a
device: a shared project cannot make them write or read another folder's files."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from materials_gen.cli import main

from .conftest import PROJECTS


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    return project


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output and not isinstance(
        result.exception, (MemoryError, RecursionError, KeyError, AttributeError)
    ), result.output
    return result.exit_code, result.output


def test_translate_never_writes_through_a_link(tmp_path: Path) -> None:
    """A dangling link where a translated module goes: the copy was written outside the
    project, where the link pointed."""
    project = _project(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    folder = project / "content" / "translations" / "fr" / "modules"
    folder.mkdir(parents=True)
    (folder / "intro.md").symlink_to(outside / "bash_aliases")
    code, output = _run("translate", "fr", "-p", str(project))
    assert not (outside / "bash_aliases").exists(), output
    assert code == 0  # the link is where the file goes: left as it is, the rest copied
    assert (folder / "practice.md").is_file()


def test_translate_never_writes_into_a_translations_folder_that_links_out(
    tmp_path: Path,
) -> None:
    project = _project(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (project / "content" / "translations").symlink_to(outside)
    code, output = _run("translate", "fr", "-p", str(project))
    assert code == 1 and "is a link" in output
    assert list(outside.iterdir()) == []
    # said of the project, not of a build's output folder (neither ran nor is there one)
    assert "writes only inside the project" in output and "nothing was written" in output
    assert "output folder" not in output and "--output" not in output


@pytest.mark.parametrize("what", ["outside file", "device", "pipe"])
def test_translate_reads_only_the_project_s_own_files(tmp_path: Path, what: str) -> None:
    """A module that links to a file outside (copied into the translation, to be sent to a
    translator), to /dev/zero (memory until the machine gave out) or a pipe (waited on)."""
    project = _project(tmp_path)
    secret = tmp_path / "secret.md"
    secret.write_text("---\ntitle: SECRET-TOKEN\n---\n", encoding="utf-8")
    module = project / "content" / "modules" / "leak.md"
    if what == "outside file":
        module.symlink_to(secret)
    elif what == "device":
        module.symlink_to("/dev/zero")
    else:
        os.mkfifo(module)
    code, output = _run("translate", "fr", "-p", str(project))
    assert code == 1, output
    assert "content/modules/leak.md" in output
    copied = project / "content" / "translations" / "fr" / "modules" / "leak.md"
    assert not os.path.lexists(copied)
    assert "SECRET-TOKEN" not in output


def test_labels_never_writes_or_reads_through_a_link(tmp_path: Path) -> None:
    project = _project(tmp_path)
    outside = tmp_path / "notes.txt"
    outside.write_text("my precious notes\n", encoding="utf-8")
    locale = project / "templates" / "locale"
    locale.mkdir(parents=True, exist_ok=True)
    (locale / "de.po").symlink_to(outside)
    code, output = _run("labels", "de", "-p", str(project))
    assert code == 1 and "is a link" in output
    assert outside.read_text(encoding="utf-8") == "my precious notes\n"
    assert "precious" not in output
    (locale / "fr.po").symlink_to(tmp_path / "absent.po")  # dangling: would be created
    code, output = _run("labels", "fr", "-p", str(project))
    assert code == 1 and not (tmp_path / "absent.po").exists()
    shutil.rmtree(locale)
    locale.symlink_to(tmp_path)  # the folder itself a link
    code, output = _run("labels", "fr", "-p", str(project))
    assert code == 1 and "writes only inside the project" in output, output
    assert "output folder" not in output and "nothing was written" in output


def test_a_build_never_reads_a_catalog_outside_the_project(tmp_path: Path) -> None:
    project = _project(tmp_path)
    outside = tmp_path / "en-GB.po"
    outside.write_text('msgid "Key points"\nmsgstr "OUTSIDE-SECRET"\n', encoding="utf-8")
    locale = project / "templates" / "locale"
    locale.mkdir(parents=True, exist_ok=True)
    (locale / "en-GB.po").symlink_to(outside)
    code, output = _run("build", "-p", str(project), "--only", "handout", "-a", "all-staff")
    assert code == 1 and "links to a place outside the project" in output
    assert not list(project.rglob("*.pdf"))
    # named as the project has it, not by where it leads (a file not the trainer's)
    said = " ".join(output.split())
    assert "templates/locale/en-GB.po: error: this catalog links to a place outside" in said
    assert str(outside) not in output


def test_init_templates_never_writes_through_a_link(tmp_path: Path) -> None:
    project = _project(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates" / "handout.md.j2").symlink_to(outside / "handout.md.j2")
    code, output = _run("init", "--templates", str(project))
    assert code == 1 and "is a link" in output
    assert list(outside.iterdir()) == []


@pytest.mark.parametrize("force", [False, True])
def test_deck_template_never_writes_through_a_link(tmp_path: Path, force: bool) -> None:
    """The README has the design saved into templates/: a link planted there (dangling, or
    to a file, with --force) had the .pptx written where it led."""
    project = _project(tmp_path)
    (project / "templates").mkdir(exist_ok=True)
    target = tmp_path / "precious"
    if force:
        target.write_text("keep me", encoding="utf-8")
    out = project / "templates" / "ours.pptx"
    out.symlink_to(target)
    args = ["deck-template", "-p", str(project), str(out)] + (["--force"] if force else [])
    code, output = _run(*args)
    assert code != 0, output
    assert ("is a link" if force else "already exists") in output, output
    if force:
        assert target.read_text(encoding="utf-8") == "keep me"
    else:
        assert not target.exists()
