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


def test_clean_counts_the_outputs_apart_from_the_overview_pages_files(project: Path) -> None:
    """A trainer counts outputs: the overview page's thumbnails are not told as outputs."""
    cli("build", "-p", str(project), "--only", "handout", "--index")
    thumbnails = list((project / "output" / ".thumbs").iterdir())
    assert thumbnails
    said = cli("clean", "-p", str(project))
    assert said.startswith("Removed 2 outputs built by materials-gen from ")
    others = len(thumbnails) + 2  # the overview page, the manifest
    assert f", and {others} of its own files beside them (the overview page," in said
    assert not (project / "output").exists()
