"""The "What changed" report after a rebuild that changes what a reader sees without an edit
to a text (a picture replaced under the same name), and CHANGES.md after any rebuild: it is
always the report of the last build that wrote files, never an older build's."""

from __future__ import annotations

import copy
from pathlib import Path

from click.testing import CliRunner
from PIL import Image

from materials_gen.changes import Change, changes
from materials_gen.cli import main

from .conftest import edit

ROOM = "A calm waiting room with two green chairs and a window"
HANDOUT = "all-staff/safe-rooms-all-staff-handout.pdf"
# the files of all staff that show the room's picture
SHOWING = [
    HANDOUT,
    "all-staff/safe-rooms-all-staff-deck.pptx",
    "all-staff/safe-rooms-all-staff-slides.pdf",
    "all-staff/safe-rooms-all-staff-notes-pages.pdf",
]


def cli(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())  # the terminal's wrapping aside


def build(project: Path, *more: str) -> str:
    return cli("build", "-p", str(project), "-a", "all-staff", "-j", "1", *more)


def report(project: Path) -> str:
    return (project / "output" / "CHANGES.md").read_text(encoding="utf-8")


def line_of(text: str, start: str) -> str:
    (line,) = [line for line in text.splitlines() if line.startswith(start)]
    return line


def an_earlier_report(project: Path) -> None:
    """Build, then build an edit, so that CHANGES.md holds a report (to see it replaced)."""
    build(project)
    edit(project / "content/modules/intro.md", "Calm rooms help everyone", "Quiet rooms help")
    assert "Quiet rooms help" in build(project)
    assert "Quiet rooms help" in report(project)


def test_a_picture_replaced_under_the_same_name_is_told_by_its_description(
    project: Path,
) -> None:
    an_earlier_report(project)
    Image.new("RGB", (64, 48), (200, 40, 40)).save(project / "content/images/room.png")
    output = build(project)
    assert "because content/images/room.png changed" in output
    told = f"picture changed: {ROOM} (content/images/room.png)"
    assert "What changed since the last build" in output
    assert f"In module 'Welcome to safe rooms': {told}" in output
    assert "Print again: " + ", ".join(SHOWING) in output
    written = report(project)
    assert "Quiet rooms help" not in written  # the earlier build's report is gone
    assert f"- picture changed: '{ROOM} (content/images/room.png)'" in written
    assert "Rebuilt, print again: " + ", ".join(f"`{f}`" for f in SHOWING) in written


def test_a_picture_kept_elsewhere_in_the_project_replaced_is_told_too(project: Path) -> None:
    """A picture the content shows from outside content/ (../../assets/logo.png) replaced:
    the files were made again "because assets/logo.png changed", with no word of what
    changed and no list of what to print again."""
    (project / "assets").mkdir()
    Image.new("RGB", (64, 48), (40, 40, 200)).save(project / "assets/logo.png")
    intro = project / "content/modules/intro.md"
    intro.write_text(
        intro.read_text(encoding="utf-8") + "\n![Our logo](../../assets/logo.png)\n", "utf-8"
    )
    build(project)
    Image.new("RGB", (64, 48), (200, 40, 40)).save(project / "assets/logo.png")
    output = build(project)
    assert "because assets/logo.png changed" in output
    assert "In module 'Welcome to safe rooms': picture changed: Our logo (assets/logo.png)" in (
        output
    )
    assert "Print again: " + ", ".join(SHOWING) in output


def test_a_rebuild_without_a_content_change_reports_what_it_made_again(project: Path) -> None:
    """A template, theme or option change makes files again with the same content: CHANGES.md
    says so, with each file made again and why (not the earlier build's report); the terminal
    has named each file with its reason already."""
    an_earlier_report(project)
    output = build(project, "--paper", "letter")
    assert "What changed since the last build" not in output
    written = report(project)
    assert "Quiet rooms help" not in written
    assert "No content changed since the last build." in written
    assert "## Made again, the content as before" in written
    assert f"`{HANDOUT}`" in line_of(written, "- --paper changed from a4 to letter: ")
    assert "poster.pdf" not in written  # a poster has its own size: not made again
    # nothing made, or a file deleted by hand put back as it was: the report stays
    build(project, "--paper", "letter")
    (project / "output" / HANDOUT).unlink()
    assert "because the file was missing" in build(project, "--paper", "letter")
    assert report(project) == written


def test_a_content_change_and_other_files_made_again_are_both_in_the_report(
    project: Path,
) -> None:
    """The files that show a content change are to print again; those made again for
    another reason (the other audience's, and the changed audience's that do not show the
    edit) are listed with it."""
    both = ("build", "-p", str(project), "-j", "1")
    cli(*both)
    intro = project / "content/modules/intro.md"
    edit(intro, "Seat the client nearest the door", "Seat the client by the door")  # clinical
    output = cli(*both, "--print", "bw")
    assert "Clinical providers In module 'Welcome to safe rooms': key point edited" in output
    written = report(project)
    content, made_again = written.split("## Made again, the content as before", 1)
    shows = ("handout.pdf", "deck.pptx", "slides.pdf", "notes-pages.pdf")
    for name in shows:
        assert f"clinical/safe-rooms-clinical-{name}" in content
        assert f"clinical/safe-rooms-clinical-{name}" not in made_again
    assert "all-staff/" not in content
    line = line_of(made_again, "- --print changed from colour to bw: ")
    assert "`all-staff/safe-rooms-all-staff-poster.pdf`" in line
    assert "`clinical/safe-rooms-clinical-sign-in.pdf`" in line  # no key point on it


def test_a_picture_newly_shown_is_now_used(project: Path) -> None:
    build(project)
    Image.new("RGB", (40, 30), "red").save(project / "content/images/door.png")
    practice = project / "content/modules/practice.md"
    practice.write_text(
        practice.read_text(encoding="utf-8") + "\n![A red door](../images/door.png)\n",
        encoding="utf-8",
    )
    output = build(project)
    assert "because content/images/door.png now used" in output
    assert "content/images/door.png changed" not in output
    assert "picture added: A red door" in output
    practice.write_text(
        practice.read_text(encoding="utf-8").replace("![A red door](../images/door.png)", ""),
        encoding="utf-8",
    )
    assert "because content/images/door.png is no longer used" in build(project)


def test_a_picture_found_in_a_new_place_is_used_instead_of_the_old(project: Path) -> None:
    """A picture beside its module is found before content/'s of the same path: adding one
    changes what the outputs show, and they say which file is used instead of which (not
    that either "changed"); removing it again says the same the other way round."""
    Image.new("RGB", (40, 30), "red").save(project / "content/images/door.png")
    practice = project / "content/modules/practice.md"
    practice.write_text(
        practice.read_text(encoding="utf-8") + "\n![A door](images/door.png)\n",
        encoding="utf-8",
    )
    build(project)
    beside = project / "content/modules/images"
    beside.mkdir()
    Image.new("RGB", (40, 30), "blue").save(beside / "door.png")
    output = build(project)
    new, old = "content/modules/images/door.png", "content/images/door.png"
    assert output.count(f"because {new} now used instead of {old}") == len(SHOWING), output
    assert "door.png changed" not in output
    (beside / "door.png").unlink()
    output = build(project)
    assert output.count(f"because {old} now used instead of {new}") == len(SHOWING), output
    assert "door.png changed" not in output


PICTURE = f"![{ROOM}](<content/images/room.png>)"


def snap(digest: str | None) -> dict:
    found: dict = {
        "modules": [
            {
                "id": "intro",
                "title": "Welcome",
                "items": [["paragraph", PICTURE], ["key point", "Look ![a lamp](<lamp.png>)"]],
            },
            {"id": "more", "title": "More", "items": [["paragraph", "Words."]]},
        ],
        "tables": {"rooms": [["Lamp", "![a lamp](<lamp.png>)"]]},
    }
    if digest is not None:
        found["pictures"] = {"content/images/room.png": digest, "lamp.png": "1"}
    return found


def test_a_picture_file_with_new_bytes_is_a_change_where_it_is_shown() -> None:
    old, new = snap("a"), snap("b")
    assert changes(old, new) == [
        Change(
            "picture changed", after=f"{ROOM} (content/images/room.png)", place="module 'Welcome'"
        )
    ]
    new["pictures"]["lamp.png"] = "2"  # shown inside a key point and a table's cell
    assert [(c.what, c.after, c.place) for c in changes(old, new)] == [
        ("picture changed", f"{ROOM} (content/images/room.png)", "module 'Welcome'"),
        ("picture changed", "a lamp (lamp.png)", "module 'Welcome'"),
        ("picture changed", "a lamp (lamp.png)", "table 'rooms'"),
    ]
    assert changes(snap(None), new) == []  # an earlier release's snapshot: nothing to compare
    assert changes(snap("a"), snap("a")) == []
    added = copy.deepcopy(new)  # a picture shown anew is told as added, not as changed too
    added["modules"][1]["items"].append(["paragraph", PICTURE])
    told = [(c.what, c.place) for c in changes(old, added)]
    assert ("picture added", "module 'More'") in told
    assert ("picture changed", "module 'More'") not in told
