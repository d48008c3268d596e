"""Whether each module's material fits its time (pacing.py): check warns, per audience, when
the speaker notes at a speaking pace and the activities take longer than the module has, or
when its slides come faster than one a minute, naming the module's duration line."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from pptx import Presentation

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


def test_a_sentence_the_notes_say_again_and_again_is_counted_each_time(project: Path) -> None:
    """Notes that say one sentence 200 times (2,000 words, about 15 minutes) in a module of
    ten: each sentence was counted once for the module, even within one slide's notes, so
    check said nothing while the deck and the notes pages print every copy. A slide's notes
    count as often as they say it; the slides that repeat the module's notes, once."""
    sentence = "Pause and let the group answer before you move on."
    edit(
        project / INTRO,
        "notes: Say hello and explain the session.",
        f"notes: {' '.join([sentence] * 200)}",
    )
    lines = [line for line in check(project).splitlines() if "needs about" in line]
    assert lines and lines[0].startswith("content/modules/intro.md:3:1: warning: module 'intro'")
    words = int(lines[0].split(" words of speaker notes")[0].rpartition("(")[2])
    assert 2000 <= words < 3000, lines[0]  # the notes once, not once for each slide


def test_activities_count_against_the_module_s_time(project: Path) -> None:
    words = " ".join(["word"] * (SPEAKING_RATE * 3))  # three minutes of talk
    edit(project / INTRO, "notes: Say hello and explain the session.", f"notes: {words}.")
    edit(
        project / INTRO,
        "content_note:",
        "activities:\n  - title: Room walk\n    duration: 9\n    instructions: Walk the room.\n"
        "content_note:",
    )
    assert "9 minutes of activities), more than its 10" in check(project)


def test_activities_longer_than_their_module_are_told_by_build_and_check(project: Path) -> None:
    """A 25-minute activity in a 10-minute module: the agenda, guide and handout printed the
    two times side by side and the build said nothing (check called it a question of pace).
    Both say it once, for the audiences it is so for, at the module's duration line."""
    edit(
        project / INTRO,
        "content_note:",
        "activities:\n  - title: Room walk\n    duration: 25\n    instructions: Walk the room.\n"
        "content_note:",
    )
    said = "the activities of module 'intro' take 25 minutes for All staff and Clinical"
    checked = " ".join(check(project).split())
    assert checked.count(said) == 1 and "needs about" not in checked
    assert "content/modules/intro.md:3:1: warning: " + said in checked
    built = CliRunner().invoke(main, ["build", "-p", str(project)], env={"NO_COLOR": "1"})
    assert built.exit_code == 0 and " ".join(built.output.split()).count(said) == 1


def test_slides_faster_than_one_a_minute_are_named(project: Path) -> None:
    edit(project / INTRO, "duration: 10", "duration: 2")
    said = check(project)
    assert "slides in 2 minutes, more than one a minute" in said


def test_an_activity_that_runs_over_several_slides_is_counted_once(project: Path) -> None:
    """An activity's instructions too long for one slide go on over the next ones, each
    carrying the same notes: the presenter says them once. Five minutes of instructions and
    a two-minute activity fit a ten-minute module however many slides show them."""
    steps = " ".join(
        f"Step {n}, walk to station {n} and write down one thing you notice there."
        for n in range(1, 43)
    )
    assert 550 < len(steps.split()) < SPEAKING_RATE * 5
    edit(
        project / INTRO,
        "content_note:",
        f"activities:\n  - title: Room walk\n    duration: 2\n    instructions: {steps}\n"
        "content_note:",
    )
    assert "needs about" not in check(project)
    built = CliRunner().invoke(
        main, ["build", "-p", str(project), "--only", "deck", "-a", "all-staff", "-j", "1"]
    )
    assert built.exit_code == 0, built.output
    (deck,) = (project / "output").rglob("*.pptx")
    titles = [s.shapes.title.text for s in Presentation(str(deck)).slides if s.shapes.title]
    assert sum(t.startswith("Activity: Room walk") for t in titles) >= 3, titles


def test_notes_are_counted_as_said_without_markdown_or_repeats() -> None:
    """A link counts as its words; a sentence a continued slide repeats counts once."""
    from types import SimpleNamespace

    from materials_gen.pacing import _words_said

    first = "Point to [the exit plan](https://example.org/plan). Ask *who* has used it."
    slides = [
        SimpleNamespace(notes=first),
        SimpleNamespace(notes=f"Continued from the previous slide.\n{first}"),
    ]
    said = "Point to the exit plan. Ask who has used it. Continued from the previous slide."
    assert _words_said(slides) == len(said.split())


def test_a_translations_notes_too_long_for_the_module_s_time_are_named(project: Path) -> None:
    """A Spanish translation whose notes take twelve minutes to say in a module of ten:
    check said OK, though the trainer presenting in Spanish reads those notes. Each
    language's deck is paced, the warning at the translation's module file."""
    result = CliRunner().invoke(main, ["translate", "es", "-p", str(project)])
    assert result.exit_code == 0, result.output
    spanish = project / "content" / "translations" / "es" / "modules" / "intro.md"
    words = " ".join(["palabra"] * (SPEAKING_RATE * 12))
    text = spanish.read_text(encoding="utf-8")
    assert "notes: Say hello and explain the session." in text
    spanish.write_text(
        text.replace("notes: Say hello and explain the session.", f"notes: {words}."), "utf-8"
    )
    lines = [line for line in check(project).splitlines() if "needs about" in line]
    assert lines, check(project)
    assert all(line.startswith("content/translations/es/modules/intro.md") for line in lines)
    assert "module 'intro' for All staff (es) needs about" in lines[0]


def test_a_continued_slides_pointer_to_its_notes_is_not_counted_as_said() -> None:
    """A "(cont.)" slide's notes say which slide has them: the presenter says none of it."""
    from types import SimpleNamespace

    from materials_gen.pacing import _words_said

    first = "Point to the exit plan. Ask who has used it."
    slides = [
        SimpleNamespace(notes=first, continued=False),
        SimpleNamespace(
            notes="Continued from slide 3: its notes cover this slide too.", continued=True
        ),
    ]
    assert _words_said(slides) == len(first.split())
