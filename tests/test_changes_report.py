"""The "What changed" report tells a trainer what a reader of the printed copies would see
changed: a module's file renamed is no change, modules in a new order are, and a picture
is told by its description, not its Markdown."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from materials_gen.changes import Change, changes
from materials_gen.cli import main

from .conftest import edit

PICTURE = "![A calm waiting room with two green chairs](<content/images/room.png>)"


def snap() -> dict[str, Any]:
    return {
        "modules": [
            {
                "id": "welcome",
                "title": "Welcome",
                "items": [["key point", "Calm rooms help"], ["paragraph", PICTURE]],
            },
            {
                "id": "why-both-matter",
                "title": "Why both matter",
                "items": [["paragraph", "Both."]],
            },
            {"id": "summary", "title": "Summary", "items": [["takeaway", "Small changes."]]},
        ],
        "tables": {},
    }


def test_a_module_whose_file_was_renamed_is_the_same_module() -> None:
    old = snap()
    new = copy.deepcopy(old)
    new["modules"][1]["id"] = "why-both"
    assert changes(old, new) == []  # nothing a reader sees changed
    new["modules"][1]["items"][0][1] = "Both, always."
    assert changes(old, new) == [
        Change("paragraph edited", "Both.", "Both, always.", "module 'Why both matter'")
    ]
    new["modules"][1]["title"] = "Why both count"  # same texts, another title and file
    new["modules"][1]["items"][0][1] = "Both."
    assert changes(old, new) == [
        Change("title edited", "Why both matter", "Why both count", "module 'Why both count'")
    ]


def test_texts_in_another_language_are_told_removed_and_added_not_edited() -> None:
    """A translation's key points print in the source's language once the source's list
    changes: the Spanish report paired the old Spanish points with the new English ones by
    place, each "edited" into an unrelated text, and named a point that was there already
    as "added". Only a text like the old one is an edit."""
    old, new = snap(), snap()
    old["modules"][0]["items"] = [
        ["key point", "Esto aplica a todos los puestos"],
        ["key point", "Pregunte por antecedentes de trauma solo con un motivo"],
    ]
    new["modules"][0]["items"] = [
        ["key point", "Pair any trauma screening question with a plan"],
        ["key point", "This applies to every role"],
        ["key point", "Ask about trauma history only with a clinical reason"],
    ]
    told = [c.what for c in changes(old, new)]
    assert "key point edited" not in told, told
    assert told.count("key point removed") == 2 and told.count("key point added") == 3, told
    new["modules"][0]["items"] = [  # one text edited, one added before it
        ["key point", "A new first point"],
        ["key point", "Esto aplica a todos los puestos de trabajo"],
        ["key point", "Pregunte por antecedentes de trauma solo con un motivo"],
    ]
    assert [(c.what, c.after) for c in changes(old, new)] == [
        ("key point added", "A new first point"),
        ("key point edited", "Esto aplica a todos los puestos de trabajo"),
    ]


def test_modules_in_a_new_order_are_told() -> None:
    old = snap()
    new = copy.deepcopy(old)
    new["modules"][1], new["modules"][2] = new["modules"][2], new["modules"][1]
    assert changes(old, new) == [
        Change(
            "modules reordered",
            "Welcome; Why both matter; Summary",
            "Welcome; Summary; Why both matter",
        )
    ]
    added = copy.deepcopy(old)  # a module added or removed moves no other
    added["modules"].insert(1, {"id": "new", "title": "New", "items": []})
    del added["modules"][2]
    assert [c.what for c in changes(old, added)] == ["module added", "module removed"]


def test_a_picture_is_told_by_its_description() -> None:
    old = snap()
    new = copy.deepcopy(old)
    new["modules"][0]["items"][1][1] = PICTURE.replace("two green", "two blue")
    new["modules"][1]["items"].append(["paragraph", "![A fire exit](<content/images/exit.png>)"])
    new["modules"][2]["items"].append(
        ["paragraph", "Use *soft* light ![a lamp](<content/images/lamp.png>) and [signs](x.html)."]
    )
    found = changes(old, new)
    assert found == [
        Change(
            "picture edited",
            "A calm waiting room with two green chairs",
            "A calm waiting room with two blue chairs",
            "module 'Welcome'",
        ),
        Change("picture added", after="A fire exit", place="module 'Why both matter'"),
        Change(
            "paragraph added",
            after="Use soft light [picture: a lamp] and signs.",
            place="module 'Summary'",
        ),
    ]
    replaced = copy.deepcopy(old)
    replaced["modules"][0]["items"][1][1] = PICTURE.replace("room.png", "room-2.png")
    assert changes(old, replaced) == [
        Change(
            "picture replaced",
            "A calm waiting room with two green chairs (content/images/room.png)",
            "A calm waiting room with two green chairs (content/images/room-2.png)",
            "module 'Welcome'",
        )
    ]


def cli(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_a_build_tells_the_new_order_and_not_a_renamed_file(project: Path) -> None:
    build = ("build", "-p", str(project), "--only", "handout")
    cli(*build)
    course = project / "content" / "course.yaml"
    edit(course, "  - intro\n  - practice\n", "  - practice\n  - intro\n")
    output = " ".join(cli(*build).split())
    assert (
        "modules reordered before: Welcome to safe rooms; Putting it into practice "
        "after: Putting it into practice; Welcome to safe rooms"
    ) in output
    assert "Print again: all-staff/safe-rooms-all-staff-handout.pdf" in output
    intro = project / "content" / "modules" / "intro.md"
    intro.rename(intro.with_name("welcome.md"))
    edit(course, "  - intro\n", "  - welcome\n")
    output = cli(*build)
    assert "What changed" not in output and "module added" not in output


def test_an_audience_s_first_files_are_not_listed_as_made_again(project: Path) -> None:
    """An audience added: CHANGES.md listed its files under "Made again, the content as
    before", each "made for the first time". They have a heading of their own."""
    build = ("build", "-p", str(project), "--only", "handout")
    cli(*build)
    edit(
        project / "content" / "course.yaml",
        "support:\n",
        "  - id: leadership\n    name: Leadership\n    includes: [all-staff]\n"
        "    description: Managers.\nsupport:\n",
    )
    cli(*build)
    report = (project / "output" / "CHANGES.md").read_text(encoding="utf-8")
    assert "## Made for the first time\n\n- `leadership/safe-rooms-leadership-handout.pdf`" in (
        report
    ), report
    assert "Made again" not in report, report


def test_a_build_tells_a_picture_by_its_description(project: Path) -> None:
    build = ("build", "-p", str(project), "--only", "handout")
    cli(*build)
    edit(project / "content" / "modules" / "intro.md", "two green chairs", "two blue chairs")
    output = " ".join(cli(*build).split())
    assert (
        "picture edited before: A calm waiting room with two green chairs and a window "
        "after: A calm waiting room with two blue chairs and a window"
    ) in output
    assert "](" not in output and "](" not in (project / "output" / "CHANGES.md").read_text()


def test_changes_md_shows_the_content_s_markup_as_typed(project: Path) -> None:
    """A paragraph with a tag in it (`<img src="http://...">` in a shared project): CHANGES.md
    repeated it, and a Markdown viewer that shows HTML would load the picture (a tracking
    request). It is shown as typed, never as markup."""
    build = ("build", "-p", str(project), "--only", "handout")
    cli(*build)
    intro = project / "content" / "modules" / "intro.md"
    edit(
        intro,
        "Rooms shape how",
        '<img src="http://evil.example/x.png"> [see](http://x.example) Rooms shape how',
    )
    cli(*build)
    report = (project / "output" / "CHANGES.md").read_text(encoding="utf-8")
    assert "evil.example" in report
    assert not re.search(r"(?<!\\)<img", report) and "](http" not in report
    assert '\\<img src="http://evil.example/x.png"\\>' in report


@pytest.mark.parametrize(
    ("where", "old", "new", "said"),
    [
        (
            "content/modules/intro.md",
            "question: Which light calms a room?",
            "question: Which light calms a waiting room?",
            "knowledge-check question edited",
        ),
        (
            "content/modules/intro.md",
            "duration: 10",
            "duration: 12",
            "time edited: '10 min' -> '12 min'",
        ),
        ("content/course.yaml", "title: Safe Rooms", "title: Safer Rooms", "course title edited"),
        ("content/course.yaml", "Ring the front desk.", "Ring reception.", "support edited"),
    ],
    ids=["question", "duration", "title", "support"],
)
def test_every_text_the_outputs_print_is_in_the_report(
    project: Path, where: str, old: str, new: str, said: str
) -> None:
    """A knowledge-check question, a module's time, the course title, where support is: the
    files were made again, and CHANGES.md said "No content changed" and listed them as made
    again with the content as before."""
    edit(
        project / "content" / "modules" / "intro.md",
        "content_note:",
        "questions:\n  - question: Which light calms a room?\n    options: [Soft, Harsh]\n"
        "    answer: a\ncontent_note:",
    )
    build = ("build", "-p", str(project))
    cli(*build)
    edit(project / where, old, new)
    output = cli(*build)
    report = (project / "output" / "CHANGES.md").read_text(encoding="utf-8")
    assert said in report and "No content changed" not in report, report
    assert said.split(":")[0] in " ".join(output.split())  # the terminal lays it out its own way


def test_a_long_paragraph_s_edit_is_found_in_time_linear_in_its_length() -> None:
    """A shared project's 5,000-word paragraphs, each edited at its end, took the report
    194 seconds (a word-by-word diff of each pair); the edit is found from both ends."""
    import time

    from materials_gen.changes import focus

    words = " ".join(f"w{n % 97}" for n in range(20_000))
    started = time.monotonic()
    before, after = focus(words + " calm", words + " safe")
    assert time.monotonic() - started < 2
    assert before.endswith("calm") and after.endswith("safe") and before.startswith("...")


@pytest.mark.parametrize(
    ("where", "old", "new", "said"),
    [
        ("modules/trauma-informed.md", "    duration: 8", "    duration: 9", "activity time"),
        ("modules/trauma-informed.md", "[flip chart, markers]", "[flip chart]", "materials"),
        ("modules/practical-steps.md", "explanation: Basic", "explanation: Simple", "explanation"),
        (
            "tables/comparison.yaml",
            "title: Trauma-informed and",
            "title: Trauma-aware and",
            "table",
        ),
        ("tables/comparison.yaml", "heading: Aspect", "heading: Feature", "column headings"),
        ("tables/comparison.yaml", "caption: Both", "caption: The two", "table caption"),
        ("modules/comparison.md", "    year: 2014", "    year: 2015", "source"),
        ("course.yaml", "author: Riverbend", "author: Brookside", "author"),
        ("course.yaml", 'version: "1.0"', 'version: "1.1"', "version"),
        ("course.yaml", "date: 2026-11-02", "date: 2026-11-09", "content date edited"),
        ("course.yaml", "break_length: 10", "break_length: 15", "session"),
        ("course.yaml", "group_size: 24", "group_size: 30", "group size edited"),
        ("course.yaml", "trainer: Riverbend Learning", "trainer: Jo Smith,", "trainer edited"),
        ("course.yaml", "organization: Riverbend", "organization: Brookside", "organization"),
        ("modules/welcome.md", "\ntitle: Welcome", "\nbreak_after: 5\ntitle: Welcome", "break"),
    ],
)
def test_an_edit_to_anything_the_pages_print_is_reported(
    tmp_path: Path, where: str, old: str, new: str, said: str
) -> None:
    """Fifteen kinds of edit made the handout, guide, answer key or sign-in sheet print
    something new (the trainer, the group size, the organization among them), and CHANGES.md
    said "No content changed", listing the files as made again "with the content as
    before": a trainer would not print them again."""
    import shutil

    from .conftest import REPO

    project = tmp_path / "kit"
    shutil.copytree(
        REPO / "content", project / "content", ignore=shutil.ignore_patterns("translations")
    )
    shutil.copytree(REPO / "templates", project / "templates")
    build = ("build", "-p", str(project), "-a", "clinical", "--only", "handout", "--only", "guide")
    build += ("--only", "answer-key", "--only", "sign-in")
    cli(*build)
    edit(project / "content" / where, old, new)
    cli(*build)
    report = (project / "output" / "CHANGES.md").read_text(encoding="utf-8")
    assert "No content changed" not in report and said in report, report


def test_a_shipped_report_never_survives_the_first_build(project: Path) -> None:
    """A project came with output/CHANGES.md saying what it liked; the first build, having
    nothing to compare with, wrote none and left it there as if it were the last build's."""
    output = project / "output"
    output.mkdir()
    shipped = "# What changed\n\nNothing: every file is as approved by the medical director.\n"
    (output / "CHANGES.md").write_text(shipped, encoding="utf-8")
    cli("build", "-p", str(project), "--only", "poster")
    report = (output / "CHANGES.md").read_text(encoding="utf-8")
    assert "medical director" not in report and "The first build of these materials" in report
    cli("build", "-p", str(project), "--only", "poster")  # nothing to rebuild: kept as it is
    assert (output / "CHANGES.md").read_text(encoding="utf-8") == report


def test_a_first_build_in_an_empty_folder_writes_no_report(project: Path) -> None:
    cli("build", "-p", str(project), "--only", "poster")
    assert not (project / "output" / "CHANGES.md").exists()


def test_a_table_cell_emptied_reads_as_blank_not_as_its_old_text() -> None:
    """A cell's line deleted showed "row 'Application' edited: Providers who...": the old
    text, read as the new one."""
    from materials_gen.changes import BLANK, _row_change

    change = _row_change(
        "edited",
        "Application",
        ["Application", "Everyone", "Providers"],
        ["Application", "Everyone", ""],
        "table 'comparison'",
    )
    assert (change.what, change.before, change.after) == (
        "row 'Application' edited",
        "Providers",
        BLANK,
    )
    filled = _row_change("edited", "Goal", ["Goal", ""], ["Goal", "Recovery"], "")
    assert (filled.before, filled.after) == (BLANK, "Recovery")


def test_a_box_removed_is_told_by_its_title_and_words_never_as_an_empty_paragraph() -> None:
    """A '::: notes' box and a callout removed from a module's text were told as
    "paragraph removed: ''" (their fences read as nothing, and a box on a paragraph of its
    own lost its words with them)."""
    old = snap()
    old["modules"][1]["items"] += [
        ["paragraph", "::: notes Say this to the room. :::"],
        ["paragraph", '::: {.callout title="Tip"}'],
        ["paragraph", "A calm tip."],
        ["paragraph", ":::"],
    ]
    found = changes(old, snap())
    place = "module 'Why both matter'"
    assert found == [
        Change("speaker notes removed", before="Say this to the room.", place=place),
        Change("paragraph removed", before="Tip", place=place),
        Change("paragraph removed", before="A calm tip.", place=place),
    ]
    assert all(c.before or c.after for c in found)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("::: notes Say this. :::", "Say this."),
        ('::: {.callout title="Remember"} Wash your hands. :::', "Remember: Wash your hands."),
        ('::: {.callout title="1. First step"} Do it. :::', "1. First step: Do it."),
        (":::: columns ::: column Left ::: ::: column Right ::: ::::", "Left Right"),
        ('::: {.callout data-title="secret" .tip} Hello :::', "Hello"),
        ("Type ::: notes on a line of its own.", "Type ::: notes on a line of its own."),
        ("Use ::: to open a box, ::: to close it.", "Use ::: to open a box, ::: to close it."),
        ("Time 10:30 ::: 11:00", "Time 10:30 ::: 11:00"),
        ("Ends with a colon:", "Ends with a colon:"),
    ],
)
def test_a_box_reads_as_its_title_and_words_and_prose_about_fences_as_written(
    text: str, shown: str
) -> None:
    """Fences are a box's, read as its title; ':::' in a sentence is the writer's own (a
    first reading of fences ate the word after any ':::' and a title's list number)."""
    from materials_gen.changes import readable

    assert readable(text) == shown


def test_a_file_made_again_for_another_reason_is_not_told_under_an_edit_it_does_not_show(
    project: Path,
) -> None:
    """A key point edited while the printing changed to black and white: the handouts show
    the edit and are named under it; the sign-in sheets and posters, made again for the
    printing alone, are named with that reason, not as showing the edit."""
    build = ("build", "-p", str(project), "--only", "handout,sign-in,poster", "-j", "1")
    cli(*build)
    edit(project / "content" / "modules" / "intro.md", "Calm rooms help", "Quiet rooms help")
    said = " ".join(cli(*build, "--print", "bw").split())
    assert (
        "Print again: all-staff/safe-rooms-all-staff-handout.pdf, "
        "clinical/safe-rooms-clinical-handout.pdf"
    ) in said
    report = (project / "output" / "CHANGES.md").read_text(encoding="utf-8")
    edited, _, again = report.partition("Made again, the content as before")
    assert "sign-in" not in edited and "poster" not in edited
    assert "--print changed from colour to bw" in again
    for name in ("sign-in", "poster"):
        for audience in ("all-staff", "clinical"):
            assert f"`{audience}/safe-rooms-{audience}-{name}.pdf`" in again


def test_a_break_no_session_plan_has_is_not_reported_as_added(tmp_path: Path) -> None:
    """A break asked for after the last module, with nothing timed after it (no post-test,
    no evaluation): the session ends there, no agenda, guide or handout shows the break
    (check warns of it), and CHANGES.md does not say it was added."""
    import shutil

    from .conftest import REPO

    project = tmp_path / "kit"
    shutil.copytree(
        REPO / "content", project / "content", ignore=shutil.ignore_patterns("translations")
    )
    shutil.copytree(REPO / "templates", project / "templates")
    course = project / "content" / "course.yaml"
    edit(course, "    post_test: 5\n    evaluation: 5\n", "    post_test: 0\n    evaluation: 0\n")
    build = ("build", "-p", str(project), "-a", "clinical", "--only", "handout,guide", "-j", "1")
    cli(*build)
    summary = project / "content" / "modules" / "summary.md"
    edit(summary, "\nduration: 10\n", "\nduration: 10\nbreak_after: 10\n")
    edit(summary, "Summarize the difference", "Sum up the difference")
    said = cli(*build)
    assert "objective edited" in said
    assert "break" not in (project / "output" / "CHANGES.md").read_text(encoding="utf-8").lower()


def test_changes_md_tells_audiences_with_the_same_changes_together(project: Path) -> None:
    """An edit every audience sees: the terminal told it once, under "All staff and Clinical
    providers", while CHANGES.md, "the same report in Markdown", told it once an audience."""
    cli("build", "-p", str(project))
    edit(
        project / "content" / "modules" / "intro.md",
        "Calm rooms help everyone",
        "Calm rooms help us all",
    )
    output = cli("build", "-p", str(project))
    assert "\nAll staff and Clinical providers\n" in output
    report = (project / "output" / "CHANGES.md").read_text(encoding="utf-8")
    assert report.count("## ") == 1 and "## All staff and Clinical providers\n" in report
    assert report.count("Calm rooms help us all") == 1
    assert (
        "safe-rooms-all-staff-handout.pdf" in report and "safe-rooms-clinical-handout.pdf" in report
    )


def test_a_module_s_title_is_told_as_a_reader_sees_it() -> None:
    """The report printed "In module 'Welcome to *safer* rooms'" and its edit with the
    asterisks, where every other text it tells is shown without its marks."""
    before, after = snap(), snap()
    before["modules"][0]["title"] = "Welcome to *safe* rooms"
    after["modules"][0]["title"] = "Welcome to *safer* rooms"
    after["modules"][0]["items"][0][1] = "Calm rooms help a lot"
    after["modules"].reverse()
    said = changes(before, after)
    assert (
        Change(
            "title edited",
            "Welcome to safe rooms",
            "Welcome to safer rooms",
            "module 'Welcome to safer rooms'",
        )
        in said
    )
    assert not [c for c in said if "*" in f"{c.before}{c.after}{c.place}"], said


def test_a_table_is_named_by_its_title_as_a_reader_knows_it() -> None:
    """The report said "table added: directory" and "In table 'directory'", the file's id,
    which no page prints, where it names every module by its title."""
    old, new = snap(), snap()
    old["tables"] = {"directory": [["Service 5", "0800 000 1205"]]}
    new["tables"] = {"directory": [["Service 5", "0800 000 1299"]], "extra": [["a"]]}
    new["table_titles"] = {"directory": "Local services directory", "extra": "More help"}
    found = changes(old, new)
    assert any(c.what == "table added" and c.after == "More help" for c in found), found
    edited = [c for c in found if c.what.startswith("row")]
    assert edited and edited[0].place == "table 'Local services directory'", edited
