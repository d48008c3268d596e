"""Rebuilds of a translated course: a language added or removed changes what a build makes
(and what the quick check counts)."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from materials_gen.cli import main

from .conftest import output_count
from .test_translations import SPANISH


def cli(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def test_the_quick_check_counts_the_files_made_now_and_sees_a_language_come_and_go(
    project: Path,
) -> None:
    handouts = ("build", "-p", str(project), "--only", "handout")
    cli("translate", "es", "-p", str(project))
    assert "Built 4 files" in cli(*handouts)
    shutil.rmtree(project / SPANISH)
    assert "Built 2 files" in cli(*handouts)  # the course alone, in its own folders
    assert "Nothing to rebuild: 2 files up to date" in cli(*handouts)  # not the Spanish
    (project / SPANISH.parent / "fr").mkdir()  # a language with nothing translated yet
    assert "Built 2 files (2 unchanged)" in cli(*handouts)
    assert (project / "output" / "fr" / "clinical").is_dir()
    (project / SPANISH.parent / "fr").rmdir()
    output = cli(*handouts)
    assert "Nothing to rebuild" not in output and "Built 0 files (2 unchanged)" in output
    assert "Nothing to rebuild: 2 files up to date" in cli(*handouts)


def test_a_removed_language_is_named_once_and_no_longer_counted(project: Path) -> None:
    """The whole build after a translation was removed names the files it no longer makes
    (they stay, for clean); the next one has nothing to do and counts the files made now."""
    cli("translate", "es", "-p", str(project))
    cli("translate", "fr", "-p", str(project))
    build = ("build", "-p", str(project))
    cli(*build)
    shutil.rmtree(project / SPANISH)
    count = output_count(project)  # in each language
    output = cli(*build)
    assert f"{count} files an earlier build made are not made by this one" in output
    assert "es/all-staff/safe-rooms-es-all-staff" in output
    assert f"Nothing to rebuild: {2 * count} files up to date" in cli(*build)
    shutil.rmtree(project / "output" / "es")  # removed by hand: forgotten by the next build
    cli("build", "-p", str(project), "--force")
    assert f"Nothing to rebuild: {2 * count} files up to date" in cli(*build)
    assert "Removed" in cli("clean", "-p", str(project))
    assert not (project / "output").exists()
