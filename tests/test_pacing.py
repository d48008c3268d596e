"""Whether each module's material fits its time (pacing.py): check warns, per audience, when
the speaker notes at a speaking pace and the activities take longer than the module has, or
when its slides come faster than one a minute, naming the module's duration line."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from materials_gen.cli import main
from materials_gen.pacing import SPEAKING_RATE

from .conftest import edit

INTRO = Path("content") / "modules" / "intro.md"


def check(project: Path) -> str:
    result = CliRunner().invoke(main, ["check", "-p", str(project)], env={"NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    return result.output


def test_a_module_fits_its_time_without_a_word(project: Path) -> None:
    assert "needs about" not in check(project)
    assert "more than one a minute" not in check(project)


def test_notes_too_long_to_say_in_the_module_s_time_are_named(project: Path) -> None:
    words = " ".join(["word"] * (SPEAKING_RATE * 12))  # twelve minutes of talk in ten
    edit(project / INTRO, "notes: Say hello and explain the session.", f"notes: {words}.")
    said = check(project)
    lines = [line for line in said.splitlines() if "needs about" in line]
    assert lines and lines[0].startswith("content/modules/intro.md:3:")  # its duration line
    assert "words of speaker notes" in lines[0] and "more than its 10 minutes" in lines[0]


def test_notes_a_module_repeats_on_its_slides_are_counted_once(project: Path) -> None:
    """The deck gives a module's notes on its objectives slide and on its key points: eight
    minutes of notes fit a ten-minute module, however many slides carry them."""
    words = " ".join(["word"] * (SPEAKING_RATE * 8))
    edit(project / INTRO, "notes: Say hello and explain the session.", f"notes: {words}.")
    assert "needs about" not in check(project)


def test_activities_count_against_the_module_s_time(project: Path) -> None:
    edit(
        project / INTRO,
        "content_note:",
        "activities:\n  - title: Room walk\n    duration: 25\n    instructions: Walk the room.\n"
        "content_note:",
    )
    assert "25 minutes of activities), more than its 10" in check(project)


def test_slides_faster_than_one_a_minute_are_named(project: Path) -> None:
    edit(project / INTRO, "duration: 10", "duration: 2")
    said = check(project)
    assert "slides in 2 minutes, more than one a minute" in said
