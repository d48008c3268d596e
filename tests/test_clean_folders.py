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
    assert said.rstrip().endswith(
        f", and {others} of its own files beside them (the overview page, "
        f"its {len(thumbnails)} thumbnails, the build manifest)."
    ), said  # no changes report was written: none is said to be removed
    assert not (project / "output").exists()


def test_clean_names_only_the_files_of_its_own_it_removed(project: Path) -> None:
    """A first build writes the manifest alone beside the outputs; a rebuild after an edit
    writes the changes report too: each summary names what was there."""
    cli("build", "-p", str(project), "--only", "poster", "-a", "clinical")
    said = cli("clean", "-p", str(project))
    assert said.rstrip().endswith(", and its build manifest."), said
    cli("build", "-p", str(project), "--only", "poster", "-a", "clinical")
    (project / "content" / "course.yaml").write_text(
        (project / "content" / "course.yaml")
        .read_text(encoding="utf-8")
        .replace("title:", "title: New", 1),
        encoding="utf-8",
    )
    cli("build", "-p", str(project), "--only", "poster", "-a", "clinical")
    said = cli("clean", "-p", str(project))
    if (project / "output").exists():
        raise AssertionError(sorted(map(str, (project / "output").rglob("*"))))
    assert said.rstrip().endswith(
        ", and 2 of its own files beside them (the changes report, the build manifest)."
    ), said


def test_clean_never_guesses_the_output_folder(project: Path, tmp_path: Path) -> None:
    """With course.yaml broken, clean took the default output/ for its 'settings: output'
    and said "nothing to clean" while the built folder stayed; a mistyped -p was "nothing
    to clean" too. Both are errors naming what to mend, and nothing is removed."""
    course = project / "content" / "course.yaml"
    text = course.read_text(encoding="utf-8")
    course.write_text(text.replace("settings:\n", "settings:\n  output: built\n", 1), "utf-8")
    cli("build", "-p", str(project), "--only", "poster")
    built = sorted((project / "built").rglob("*"))
    assert built
    course.write_text(
        course.read_text(encoding="utf-8").replace("title:", "title: Part 1: rooms #", 1),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["clean", "-p", str(project)])
    assert result.exit_code == 1, result.output
    assert "content/course.yaml:" in result.output and "--output" in result.output
    assert sorted((project / "built").rglob("*")) == built
    result = CliRunner().invoke(main, ["clean", "-p", str(tmp_path / "no-such-project")])
    assert result.exit_code == 1 and "no course file" in result.output, result.output


def test_an_output_setting_that_names_no_folder_is_told_at_its_line(project: Path) -> None:
    """'settings: output' as a list: build and list said so at its line, clean said
    "Nothing to clean" and left the built folder; a name longer than a file system allows
    was told without the file or line, as the system's error on writing."""
    course = project / "content" / "course.yaml"
    text = course.read_text(encoding="utf-8")
    line = text.split("\n").index("settings:") + 2
    for written, said in (
        ("[built]", "'output' must be text, not a list"),
        ("x" * 300, "has a folder name of 300 bytes, longer than a file system allows"),
    ):
        course.write_text(
            text.replace("settings:\n", f"settings:\n  output: {written}\n", 1), "utf-8"
        )
        for command in ("clean", "build"):
            result = CliRunner().invoke(main, [command, "-p", str(project)])
            assert result.exit_code == 1, (command, result.output)
            assert f"content/course.yaml:{line}:3: error:" in result.output, result.output
            assert said in " ".join(result.output.split()), result.output


def test_clean_removes_the_live_pages_thumbnails_and_keeps_the_trainers_own(
    project: Path,
) -> None:
    """`preview` keeps its page's thumbnails beside the outputs, which no build records:
    clean left .thumbs/ behind, with any thumbnail a full disk left half-written. Files of
    materials-gen's own go; anything else in the folder is kept, a picture of the
    trainer's that merely has a thumbnail's name too (it was removed, by clean and by the
    live page's pruning alike)."""
    from materials_gen import thumbnails

    cli("build", "-p", str(project), "--only", "poster", "-a", "clinical")
    thumbs = project / "output" / ".thumbs"
    thumbs.mkdir()
    (handout,) = (project / "output").rglob("*poster.pdf")
    drawn = thumbnails.render_pdf(handout.read_bytes(), pages=1)[0]
    (thumbs / "0123456789abcdef-1.png").write_bytes(drawn)
    (thumbs / "0123456789abcdef-2.tmp").write_bytes(drawn[:20])  # a write stopped halfway
    said = cli("clean", "-p", str(project))
    assert "its 2 thumbnails" in said, said
    assert not (project / "output").exists()
    cli("build", "-p", str(project), "--only", "poster", "-a", "clinical")
    thumbs.mkdir()
    (thumbs / "holiday.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (thumbs / "0123456789abcdef-3.png").write_bytes(b"\x89PNG\r\n\x1a\nmine")
    thumbnails.prune(project / "output", [])
    cli("clean", "-p", str(project))
    assert sorted(p.name for p in thumbs.iterdir()) == ["0123456789abcdef-3.png", "holiday.png"]
    # one a release before the mark drew (its pixels' chunk right after its header): an
    # upgrade's clean removes it still
    cli("build", "-p", str(project), "--only", "poster", "-a", "clinical")
    at = drawn.index(b"tEXt") - 4
    unmarked = drawn[:at] + drawn[at + 12 + int.from_bytes(drawn[at : at + 4], "big") :]
    (thumbs / "0123456789abcdef-4.png").write_bytes(unmarked)
    assert "its thumbnail" in cli("clean", "-p", str(project))
    assert not (thumbs / "0123456789abcdef-4.png").exists()


def test_the_live_pages_thumbnails_on_a_full_disk_are_left_out_whole(project: Path) -> None:
    """A full disk while `preview` drew its page's thumbnails: the page said "a bug in
    materials-gen" in place of the outputs, and a half-written .tmp stayed. The thumbnails
    it could not keep are left out; nothing half-written stays."""
    import errno

    import pytest

    from materials_gen import thumbnails

    cli("build", "-p", str(project), "--only", "handout", "-a", "clinical")
    folder = project / "output"
    (handout,) = folder.rglob("*handout.pdf")
    name = handout.relative_to(folder).as_posix()
    real = Path.write_bytes

    def full(self: Path, data: bytes) -> int:
        if self.suffix == ".tmp":
            real(self, data[:10])  # some of it, then no room
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, data)

    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(Path, "write_bytes", full)
        shown = thumbnails.ensure(folder, {name: "ab" * 32})
    assert shown == {name: []}
    assert not list((folder / ".thumbs").glob("*.tmp"))


def test_a_changed_output_clean_kept_is_kept_by_the_next_build_too(project: Path) -> None:
    """clean keeps an output changed since it was built (a deck edited in PowerPoint), but
    removed the record that said so: the next build took the file for an output of its own
    and replaced it without a word, and the trainer's edit was lost. The build keeps the
    changed copy beside the new output, as it does without a clean between."""
    from pptx import Presentation

    cli("build", "-p", str(project), "--only", "deck", "--only", "handout")
    output = project / "output"
    (deck,) = output.rglob("*all-staff-deck.pptx")
    edited = Presentation(str(deck))
    edited.slides[1].shapes.title.text = "Our own title"
    edited.save(str(deck))
    said = cli("clean", "-p", str(project))
    assert "kept: it was changed after materials-gen built it" in said
    assert sorted(p.name for p in output.rglob("*.*") if p.name[0] != ".") == [deck.name]
    built = cli("build", "-p", str(project), "--only", "deck", "--only", "handout")
    assert "(changed).pptx" in built, built
    (kept,) = output.rglob("*all-staff-deck (changed).pptx")
    assert Presentation(str(kept)).slides[1].shapes.title.text == "Our own title"
    assert Presentation(str(deck)).slides[1].shapes.title.text != "Our own title"
    # the copy is the trainer's: a clean keeps it, and the build's own files go
    cli("clean", "-p", str(project))
    assert sorted(p.name for p in output.rglob("*.*") if p.name[0] != ".") == [kept.name]
