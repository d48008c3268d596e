"""materials-gen clean: every folder a build made and clean emptied goes with its files."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from materials_gen.cli import main


def cli(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_clean_removes_the_language_folders_it_empties(project: Path) -> None:
    """A translated course's files are two folders deep (output/es/clinical/): clean leaves
    no empty folder behind, at any depth, and keeps a folder still holding a file of the
    trainer's own, with the folders above it."""
    cli("translate", "es", "-p", str(project))
    cli("build", "-p", str(project), "--only", "handout", "--only", "poster")
    output = project / "output"
    mine = output / "es" / "notes.txt"
    mine.write_text("keep me", encoding="utf-8")
    cli("clean", "-p", str(project))
    left = sorted(p.relative_to(output).as_posix() for p in output.rglob("*"))
    assert left == ["es", "es/notes.txt"]
    mine.unlink()
    cli("build", "-p", str(project), "--only", "handout", "--index")
    cli("clean", "-p", str(project))
    assert not output.exists()
