"""The command as a trainer runs it: messages, exit statuses, files left alone."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from materials_gen import __version__
from materials_gen.cli import main

from .conftest import PROJECTS, all_text, edit, output_count


def invoke(runner: CliRunner, *args: str):
    return runner.invoke(main, list(args), catch_exceptions=False)


def test_build_prints_one_line_per_file_and_a_summary(runner: CliRunner, project: Path) -> None:
    result = invoke(runner, "build", "--project", str(project))
    assert result.exit_code == 0, result.output
    # a line per file as it is made, and the summary (after notes: the small poster's)
    lines = [ln for ln in result.output.strip().splitlines() if not ln.startswith("info: ")]
    total = output_count(project)
    assert len(lines) == total + 1
    assert any(
        re.search(
            r"^\s*made  \S*all-staff/safe-rooms-all-staff-handout\.pdf  \d+ pages  \d+ KB  "
            r"\d+\.\d\d s$",
            ln,
        )
        for ln in lines
    )
    assert any(
        re.search(r"made  \S*all-staff/safe-rooms-all-staff-deck\.pptx  \d+ slides  \d+ KB", ln)
        for ln in lines
    )
    assert any(
        re.search(r"all-staff/safe-rooms-all-staff-poster\.pdf  1 page  \d+ KB", ln) for ln in lines
    )
    assert any("clinical/safe-rooms-clinical-sign-in.pdf" in ln for ln in lines)
    assert lines[total].startswith(f"Built {total} files and wrote them into ")
    assert (project / "output" / "clinical" / "safe-rooms-clinical-handout.pdf").is_file()


def test_outputs_and_audiences_may_be_given_as_lists(runner: CliRunner, project: Path) -> None:
    """``--only guide,slides -a all-staff,clinical`` is each name given on its own (a
    trainer types the list; it was taken as one output named "guide,slides"); an unknown
    name in a list is told by its own name."""
    result = invoke(
        runner, "build", "-p", str(project), "--only", "guide,slides", "-a", "all-staff,clinical"
    )
    assert result.exit_code == 0, result.output
    made = sorted(p.relative_to(project / "output").as_posix() for p in project.glob("output/*/*"))
    assert made == [
        f"{audience}/safe-rooms-{audience}-{kind}.pdf"
        for audience in ("all-staff", "clinical")
        for kind in ("guide", "slides")
    ]
    result = runner.invoke(main, ["build", "-p", str(project), "--only", "guide,slide"])
    assert result.exit_code == 2  # a mistake on the command line
    assert "there is no output 'slide'" in result.output and "'slides'" in result.output


def test_build_one_audience_and_output_folder(
    runner: CliRunner, project: Path, tmp_path: Path
) -> None:
    out = tmp_path / "elsewhere"
    result = invoke(
        runner, "build", "-p", str(project), "-a", "clinical", "-o", str(out), "--paper", "letter"
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.rglob("*.*") if not p.name.startswith(".")) == [
        "safe-rooms-clinical-deck.pptx",
        "safe-rooms-clinical-evaluation.pdf",
        "safe-rooms-clinical-guide.pdf",
        "safe-rooms-clinical-handout.pdf",
        "safe-rooms-clinical-notes-pages.pdf",
        "safe-rooms-clinical-poster.pdf",
        "safe-rooms-clinical-sign-in.pdf",
        "safe-rooms-clinical-slides.pdf",
    ]


def test_misspelt_audience_option(runner: CliRunner, project: Path) -> None:
    result = invoke(runner, "build", "-p", str(project), "-a", "clinicals")
    assert result.exit_code == 2
    assert "there is no audience 'clinicals' in content/course.yaml" in result.output
    assert "did you mean 'clinical'?" in result.output


def test_usage_error_exits_2(runner: CliRunner, project: Path) -> None:
    result = runner.invoke(main, ["build", "--paper", "legal", "-p", str(project)])
    assert result.exit_code == 2
    assert "legal" in result.output


def test_bad_content_keeps_earlier_outputs(runner: CliRunner, project: Path) -> None:
    assert invoke(runner, "build", "-p", str(project)).exit_code == 0
    handout = project / "output" / "all-staff" / "safe-rooms-all-staff-handout.pdf"
    before, mtime = handout.read_bytes(), handout.stat().st_mtime_ns
    edit(project / "content" / "modules" / "intro.md", "key_points:", "key_pionts:")
    result = invoke(runner, "build", "-p", str(project))
    assert result.exit_code == 1
    assert "content/modules/intro.md:8:1: error: unknown key 'key_pionts'" in result.output
    assert "hint: did you mean 'key_points'?" in result.output
    assert "no file was written" in result.output
    assert "Traceback" not in result.output
    assert handout.read_bytes() == before and handout.stat().st_mtime_ns == mtime


def test_template_error_keeps_earlier_outputs(runner: CliRunner, project: Path) -> None:
    assert invoke(runner, "build", "-p", str(project)).exit_code == 0
    handout = project / "output" / "clinical" / "safe-rooms-clinical-handout.pdf"
    before = handout.read_bytes()
    (project / "templates").mkdir()
    (project / "templates" / "handout.md.j2").write_text("ok\n{{ course.nope }}\n")
    result = invoke(runner, "build", "-p", str(project))
    assert result.exit_code == 1
    assert "templates/handout.md.j2:2: error:" in result.output
    assert handout.read_bytes() == before


def test_edit_a_bullet_and_rebuild(runner: CliRunner, project: Path) -> None:
    invoke(runner, "build", "-p", str(project))
    handout = project / "output" / "all-staff" / "safe-rooms-all-staff-handout.pdf"
    assert "Calm rooms help everyone" in all_text(handout)
    edit(
        project / "content" / "modules" / "intro.md",
        "Calm rooms help everyone",
        "Quiet rooms help everyone",
    )
    invoke(runner, "build", "-p", str(project))
    text = all_text(handout)
    assert "Quiet rooms help everyone" in text and "Calm rooms" not in text


def test_unwritable_output_folder(runner: CliRunner, project: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    result = invoke(runner, "build", "-p", str(project), "-o", str(blocker / "out"))
    assert result.exit_code == 2  # told before anything is made, not at the first file
    assert f"is inside {blocker.as_posix()}, which is a file, not a folder" in result.output
    assert "Traceback" not in result.output


def test_check_validates_without_writing(runner: CliRunner, project: Path) -> None:
    result = invoke(runner, "check", "-p", str(project))
    assert result.exit_code == 0
    assert result.output.strip() == "OK: 2 modules, 2 audiences, 0 warnings."
    assert not (project / "output").exists()
    edit(project / "content" / "course.yaml", "  - id: clinical", "  - id: Clinical Team")
    result = invoke(runner, "check", "-p", str(project))
    assert result.exit_code == 1
    assert "content/course.yaml:14:5: error: 'Clinical Team' is not a valid id" in result.output
    assert "1 problem found" in result.output


def test_list_names_audiences_and_files(runner: CliRunner, project: Path) -> None:
    result = invoke(runner, "list", "-p", str(project))
    assert result.exit_code == 0
    assert "clinical       Clinical providers  also sees all-staff content" in result.output
    assert "output/all-staff/safe-rooms-all-staff-handout.pdf" in result.output
    assert "((" not in result.output and "))" not in result.output
    assert "certificates for all-staff and clinical: give a roster with --roster FILE" in (
        result.output
    )
    # nothing asked for can be made: said so, not a heading over nothing
    alone = invoke(runner, "list", "-p", str(project), "--only", "certificates").output
    assert "Files a build makes: none.\nNot made by this build:\n  certificates" in alone


@pytest.mark.parametrize(
    "options",
    [
        ("-a", "clinical", "--only", "handout,poster"),
        ("--tile", "letter", "--only", "poster", "-o", "{out}"),
        ("--roster", "{roster}", "--only", "certificates,sign-in"),
        ("--roster", "{roster}", "-a", "all-staff"),
    ],
    ids=["audience-and-outputs", "tiles-elsewhere", "roster", "roster-one-audience"],
)
def test_list_names_the_files_a_build_with_the_same_options_makes(
    runner: CliRunner, project: Path, tmp_path: Path, options: tuple[str, ...]
) -> None:
    """`list` took none of the options that change what a build makes: it named the
    default build's files whatever the roster, tiles, audiences, outputs or folder asked
    for. It takes them, and names exactly the files such a build writes."""
    roster = tmp_path / "people.csv"
    roster.write_text(
        "name,audience,date\nAda Lovelace,all-staff,2026-03-04\nGrace Hopper,clinical,2026-03-04\n",
        encoding="utf-8",
    )
    given = [
        o.replace("{roster}", str(roster)).replace("{out}", str(tmp_path / "out")) for o in options
    ]
    listed = invoke(runner, "list", "-p", str(project), "--json", *given)
    assert listed.exit_code == 0, listed.output
    named = {Path(f["path"]).resolve() for f in json.loads(listed.output)["files"]}
    built = invoke(runner, "build", "-p", str(project), "-j", "1", "--json", *given)
    assert built.exit_code == 0, built.output
    made = {Path(f["path"]).resolve() for f in json.loads(built.output)["files"]}
    assert named == made and len(made) > 1, (named, made)


def test_list_refuses_certificates_a_build_refuses_for_want_of_a_day(
    runner: CliRunner, project: Path, tmp_path: Path
) -> None:
    """`list --roster` named the certificates of people the roster gives no day for, and
    the build with the same options then refused them. Both now say so, at the row."""
    edit(project / "content" / "course.yaml", "    date: 2025-03-11", "    trainer: Ana")  # no day
    roster = tmp_path / "people.csv"
    roster.write_text("name,audience\nAda Lovelace,all-staff\n", encoding="utf-8")
    given = ("--roster", str(roster), "--only", "certificates")
    for command in (["list"], ["build", "-j", "1"]):
        result = invoke(runner, *command, "-p", str(project), *given)
        assert result.exit_code == 1, result.output
        assert f"{roster.name}:2: error: no day for the all-staff certificate" in result.output
        assert "Traceback" not in result.output
    dated = invoke(runner, "list", "-p", str(project), *given, "--date", "2026-03-04")
    assert dated.exit_code == 0, dated.output
    assert "all-staff-certificates.pdf" in dated.output


def test_list_and_show_refuse_certificates_a_build_refuses_for_a_fact_to_fill_in(
    runner: CliRunner, project: Path, tmp_path: Path
) -> None:
    """`list --roster` listed certificates that would print "[[fill in the approval
    number]]", which the build with the same options then refused: both now stop with the
    build's error at the mark's line. `show` prints the Markdown with the mark, to find it."""
    edit(
        project / "content" / "course.yaml",
        "organization: Test Clinic",
        'organization: "[[fill in the clinic\'s name]]"',
    )
    roster = tmp_path / "people.csv"
    roster.write_text("name,audience\nAda Lovelace,all-staff\n", encoding="utf-8")
    given = ("--roster", str(roster))
    for command in (
        ["list", "--only", "certificates"],
        ["build", "-j", "1", "--only", "certificates"],
    ):
        result = invoke(runner, *command, "-p", str(project), *given)
        output = " ".join(result.output.split())
        assert result.exit_code == 1, output
        assert "error: the certificates for All staff: a certificate would print" in output, output
        assert "[[fill in the clinic's name]]" in output and "Traceback" not in output
    # the other outputs list as before
    listed = invoke(runner, "list", "-p", str(project), *given, "--only", "handout")
    assert listed.exit_code == 0, listed.output
    shown = invoke(runner, "show", "certificates", "-a", "all-staff", "-p", str(project), *given)
    assert shown.exit_code == 0 and "[[fill in the clinic's name]]" in shown.output


def test_list_says_what_a_build_of_one_language_leaves_out_as_build_does(
    runner: CliRunner, tmp_path: Path
) -> None:
    """A build of the Spanish kit alone makes no certificates for a clinical provider whose
    certificate is in English, and says so; `list` with the same options said nothing of
    it, weighing the roster against the English course."""
    from .conftest import kit_copy

    project = kit_copy(tmp_path)
    roster = tmp_path / "people.csv"
    roster.write_text(
        "name,audience,date,language\nBob Smith,clinical,2026-11-02,en-US\n"
        "Chen Li,all-staff,2026-11-02,\n",
        encoding="utf-8",
    )
    given = ("-l", "es", "--only", "certificates", "--roster", str(roster))
    listed = invoke(runner, "list", "-p", str(project), "--json", *given)
    assert listed.exit_code == 0, listed.output
    left_out = " ".join(json.loads(listed.output)["not_made"])
    assert "certificates for clinical" in left_out and "in en-US" in left_out, left_out
    built = invoke(runner, "build", "-p", str(project), "-j", "1", *given)
    assert "have their certificates in en-US" in " ".join(built.output.split()), built.output


def test_show_each_stage(runner: CliRunner, project: Path) -> None:
    markdown = invoke(runner, "show", "handout", "-a", "all-staff", "-p", str(project))
    assert markdown.exit_code == 0
    assert "# 1. Welcome to safe rooms" in markdown.output
    assert "Seat the client nearest the door" not in markdown.output
    course = invoke(
        runner, "show", "handout", "-a", "clinical", "--stage", "course", "-p", str(project)
    )
    assert '"takeaway": "Room layout is part of the treatment frame."' in course.output
    tree = invoke(
        runner, "show", "handout", "-a", "clinical", "--stage", "tree", "-p", str(project)
    )
    assert "Heading(level=1" in tree.output


def test_init_makes_a_project_that_builds(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "new-course"
    result = invoke(runner, "init", str(target))
    assert result.exit_code == 0
    assert (target / "content" / "course.yaml").is_file()
    assert (target / "templates" / "theme.yaml").is_file()
    assert not list((target / "templates").glob("*.j2"))  # the built-in ones are used
    assert invoke(runner, "build", "-p", str(target)).exit_code == 0
    again = invoke(runner, "init", str(target))
    assert again.exit_code == 1 and "already exists" in again.output


def test_version_and_help(runner: CliRunner) -> None:
    assert __version__ in invoke(runner, "--version").output
    for command in ("build", "check", "list", "show", "init", "deck-template"):
        result = invoke(runner, command, "--help")
        assert result.exit_code == 0 and "Usage:" in result.output


def test_missing_project_folder(runner: CliRunner, tmp_path: Path) -> None:
    result = invoke(runner, "build", "-p", str(tmp_path))
    assert result.exit_code == 1
    assert "content/course.yaml" in result.output and "materials-gen init" in result.output


def test_installed_command_runs_in_a_fresh_process(tmp_path: Path) -> None:
    """The real entry point, as a shell runs it: no traceback, right status."""
    env = dict(os.environ, PYTHONPATH="")
    result = subprocess.run(
        [sys.executable, "-m", "materials_gen", "check", "-p", str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr


def test_installed_command_builds_and_leaves_quickly_with_its_output_whole(
    tmp_path: Path, project: Path
) -> None:
    """``run`` skips Python's teardown at the end: the exit handlers still run, every line
    printed arrives (stdout is a file here, so block-buffered), and the status is kept."""
    script = tmp_path / "entry.py"
    said = tmp_path / "atexit-ran"
    script.write_text(
        "import atexit, pathlib, sys\n"
        f"atexit.register(pathlib.Path({str(said)!r}).write_text, 'yes')\n"
        "from materials_gen.cli import run\n"
        "sys.argv = ['materials-gen', *sys.argv[1:]]\n"
        "run()\n",
        encoding="utf-8",
    )
    out = tmp_path / "stdout.txt"
    with out.open("w", encoding="utf-8") as stdout:
        result = subprocess.run(
            [sys.executable, str(script), "build", "-p", str(project), "--jobs", "2"],
            stdout=stdout,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert result.returncode == 0, result.stderr
    printed = out.read_text(encoding="utf-8").splitlines()
    assert len(printed) == output_count(project) + 1
    assert printed[-1].startswith(f"Built {output_count(project)} files")
    assert said.read_text(encoding="utf-8") == "yes"
    broken = subprocess.run(
        [sys.executable, str(script), "build", "-p", str(tmp_path / "nowhere")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert broken.returncode == 1
    assert "Traceback" not in broken.stderr and broken.stderr.strip()


def test_quick_exit_waits_for_a_running_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """With another thread still at work, ``run`` leaves the usual way, which waits for it."""
    import threading

    from materials_gen import cli

    def finishing() -> None:
        raise SystemExit(3)

    def no_quick_exit(code: int) -> None:
        raise AssertionError(f"os._exit({code}) with a thread still running")

    monkeypatch.setattr(cli, "main", finishing)
    monkeypatch.setattr(cli.os, "_exit", no_quick_exit)
    release = threading.Event()
    worker = threading.Thread(target=release.wait)
    worker.start()
    try:
        with pytest.raises(SystemExit) as ended:
            cli.run()
    finally:
        release.set()
        worker.join()
    assert ended.value.code == 3


def test_a_profiled_run_still_writes_its_profile(tmp_path: Path) -> None:
    """cProfile writes its findings after the command returns: no quick exit under it."""
    found = tmp_path / "run.prof"
    result = subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(found), "-m", "materials_gen", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert __version__ in result.stdout
    assert found.stat().st_size > 0


def test_python_i_still_gives_its_prompt_after_the_command() -> None:
    """``python -i`` asks for a prompt once the command is done: no quick exit then."""
    result = subprocess.run(
        [sys.executable, "-i", "-m", "materials_gen", "--version"],
        input='print("asked", 6 * 7)\n',
        capture_output=True,
        text=True,
        check=False,
    )
    assert __version__ in result.stdout
    assert "asked 42" in result.stdout


@pytest.mark.parametrize(("status", "code"), [(None, 0), (0, 0), (1, 1), (2, 2), (256, 0)])
def test_exit_status_as_python_gives_it(status: object, code: int) -> None:
    from materials_gen.cli import _exit_status

    assert _exit_status(status) == code


def test_exit_status_of_a_text_is_one_and_the_text_is_printed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from materials_gen.cli import _exit_status

    assert _exit_status("the course folder is missing") == 1
    assert "the course folder is missing" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["build", "--audience"], ["frobnicate"]])
def test_usage_errors(runner: CliRunner, argv: list[str]) -> None:
    assert runner.invoke(main, argv).exit_code == 2


def test_empty_content_folder(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    result = invoke(runner, "check", "-p", str(tmp_path))
    assert result.exit_code == 1
    assert "content/course.yaml: error: no course file" in result.output
    assert f"(looked in the project folder {tmp_path.resolve()})" in result.output


def test_a_project_folder_that_is_not_there_is_named(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-project"
    result = invoke(runner, "build", "-p", str(missing))
    assert result.exit_code == 1
    assert f"(looked in {missing.resolve()}, which does not exist)" in result.output


def test_a_missing_deck_template_option_names_the_path_as_given(tmp_path: Path) -> None:
    """--deck-template is read from the folder materials-gen runs in, as every path given on
    the command line is: a missing one is named as given, with that said."""
    from click.testing import CliRunner

    from materials_gen.cli import main

    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    result = CliRunner().invoke(
        main,
        ["build", "-p", str(project), "--only", "deck", "--deck-template", "nowhere/brand.pptx"],
    )
    assert result.exit_code == 2, result.output
    said = " ".join(result.output.split())
    assert "--deck-template: 'nowhere/brand.pptx' does not exist" in said
    assert "relative to the folder materials-gen is run in" in said


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_takes_no_color_after_its_name(runner: CliRunner, command: str) -> None:
    """`materials-gen CMD --no-color` works for every command, as `--no-color CMD` does."""
    result = runner.invoke(main, [command, "--help"])
    assert result.exit_code == 0 and "--no-color" in result.output, command


def test_show_and_layouts_take_no_color(runner: CliRunner, project: Path) -> None:
    for argv in (["show", "handout", "-a", "all-staff"], ["layouts"], ["list"]):
        result = invoke(runner, *argv, "-p", str(project), "--no-color")
        assert result.exit_code == 0, (argv, result.output)


def test_check_stops_on_a_table_that_only_large_print_cannot_hold(
    runner: CliRunner, project: Path
) -> None:
    """With settings: large_print: true, check said OK to a table of seven columns that every
    build then refused: check laid the handout out in standard print."""
    from materials_gen.cli import main

    intro = project / "content" / "modules" / "intro.md"
    heads = ["Role", "Fire", "Lockdown", "Shelter", "Bus", "Weather", "Medical"]
    table = "| " + " | ".join(heads) + " |\n|" + "---|" * len(heads) + "\n"
    table += "| " + " | ".join(f"Plan{h}" for h in heads) + " |\n"
    intro.write_text(intro.read_text(encoding="utf-8") + "\n\n" + table, encoding="utf-8")
    assert runner.invoke(main, ["check", "-p", str(project)]).exit_code == 0  # standard print
    edit(project / "content" / "course.yaml", "settings:\n", "settings:\n  large_print: true\n")
    checked = runner.invoke(main, ["check", "-p", str(project)])
    built = runner.invoke(main, ["build", "-p", str(project)])
    assert checked.exit_code == built.exit_code == 1, checked.output
    said = [line for line in checked.output.splitlines() if ": error: " in line]
    assert said and all("a table of 7 columns is too wide" in s for s in said)
    for line in said:
        assert line in built.output


def test_check_stops_on_what_build_stops_on_for_every_audience(
    runner: CliRunner, project: Path
) -> None:
    """A table of eight columns of long numbers in a module: check said OK and build
    stopped, once for each audience; and a text too long for a slide, check told for the
    first audience only."""
    from materials_gen.cli import main

    intro = project / "content" / "modules" / "intro.md"
    heads = ["Role", "Fire", "Lockdown", "Shelter", "Reunification", "Bus", "Weather", "Medical"]
    table = "| " + " | ".join(heads) + " |\n|" + "---|" * len(heads) + "\n"
    # reference numbers: no dictionary breaks them into syllables (words it breaks print)
    table += "| " + " | ".join(f"9780{n}12345678" for n, _ in enumerate(heads)) + " |\n"
    intro.write_text(intro.read_text(encoding="utf-8") + "\n\n" + table, encoding="utf-8")
    checked = runner.invoke(main, ["check", "-p", str(project)])
    built = runner.invoke(main, ["build", "-p", str(project)])
    assert checked.exit_code == built.exit_code == 1
    said = [line for line in checked.output.splitlines() if ": error: " in line]
    assert len(said) == 2 and all("a table of 8 columns is too wide" in s for s in said)
    assert {s.split(": error: ")[0] for s in said} == {"content/modules/intro.md:30"}
    for line in said:  # build says the same, audience by audience
        assert line in built.output


def test_check_stops_on_a_page_furniture_build_stops_on(runner: CliRunner, project: Path) -> None:
    """An organization's name too long for the forms' band and the notes pages' header:
    check said OK (only the poster's footer was measured, on a poster size it fitted) and
    build stopped on six outputs. Check now fits every page's band, header and footer as
    the build does, with the same messages."""
    from materials_gen.cli import main

    name = (
        "Riverbend Community Health and Wellbeing Partnership of the Northern Valley Counties "
        "Regional Health Authority Trust Foundation Group Incorporated Services Network of "
        "the Riverbend Community Health and Care Alliance"
    )
    edit(project / "content" / "course.yaml", "organization: Test Clinic", f"organization: {name}")
    args = ["-p", str(project), "--poster-size", "24x36"]
    checked = runner.invoke(main, ["check", *args])
    built = runner.invoke(main, ["build", *args])
    assert checked.exit_code == built.exit_code == 1, checked.output
    said = sorted(line for line in checked.output.splitlines() if ": error: " in line)
    assert said == sorted(line for line in built.output.splitlines() if ": error: " in line)
    assert any("notes pages' header: the organization's name" in line for line in said), said
    assert all(line.startswith("content/course.yaml:4: error: ") for line in said), said


def test_check_stops_on_a_headline_too_long_for_the_tiles_captions(
    runner: CliRunner, project: Path
) -> None:
    """A headline the A0 poster holds, but not the caption every tile sheet prints ("Sheet
    n of N · row r of R, column c of C · headline"): check said OK, build stopped, blaming
    the headline and suggesting a larger poster (more sheets: a longer caption). Both now
    say it is the tiles' caption, and suggest larger tile sheets."""
    from materials_gen.cli import main

    headline = " ".join(["Two levels of care for everyone who works with people"] * 5)
    edit(
        project / "content" / "course.yaml",
        "settings:\n",
        f"poster:\n  headline: {headline}\nsettings:\n",
    )
    args = ["-p", str(project), "--poster-size", "A0", "--tile", "letter"]
    assert runner.invoke(main, ["build", "-p", str(project), "--poster-size", "A0"]).exit_code == 0
    checked = runner.invoke(main, ["check", *args])
    built = runner.invoke(main, ["build", *args])
    assert checked.exit_code == built.exit_code == 1, checked.output
    said = [line for line in checked.output.splitlines() if ": error: " in line]
    assert said and all("the headline, in the caption of each tile sheet," in s for s in said)
    for line in said:
        assert line in built.output
    assert "tile it on larger sheets (--tile" in " ".join(checked.output.split())


def test_run_from_inside_the_project_names_the_project_folder(
    runner: CliRunner, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From content/ (beside course.yaml) or content/modules/, 'no course file' said only
    "looked in the current folder": it now names the project the folder lies inside."""
    for inside in (project / "content", project / "content" / "modules"):
        monkeypatch.chdir(inside)
        result = runner.invoke(main, ["check"])
        assert result.exit_code == 1
        said = " ".join(result.output.split())
        assert f"which is inside the project {project.resolve()}" in said
        assert f"pass --project {project.resolve()}" in said


@pytest.mark.parametrize(
    "words",
    [
        ("labels", "es"),
        ("translate", "es"),
        ("deck-template", "{folder}/brand.pptx"),
    ],
)
def test_commands_that_read_or_write_a_project_refuse_a_folder_that_is_none(
    runner: CliRunner, tmp_path: Path, words: tuple[str, ...]
) -> None:
    """labels would write templates/locale/ into any folder, translate said only 'cannot
    read the file', deck-template took the built-in theme of a project named by mistake: a
    folder without content/course.yaml is refused, nothing written, with init as the fix."""
    folder = tmp_path / "not a project"
    folder.mkdir()
    args = [w.format(folder=folder) for w in words]
    result = runner.invoke(main, [*args, "-p", str(folder)])
    assert result.exit_code == 1, result.output
    assert "no course file: every project needs content/course.yaml" in result.output
    assert "materials-gen init" in result.output
    assert list(folder.rglob("*")) == []


def test_layouts_refuses_a_project_named_that_does_not_exist(
    runner: CliRunner, tmp_path: Path
) -> None:
    """`layouts -p my-coures` (misspelt) described the built-in template as if it were the
    project's; a folder of no project still lists the built-in template (see
    test_layout_mapping), but one that does not exist, or whose course file is a folder,
    is refused as every command refuses it."""
    result = runner.invoke(main, ["layouts", "-p", str(tmp_path / "my-coures")])
    assert result.exit_code == 1, result.output
    assert "no course file: every project needs content/course.yaml" in result.output
    (tmp_path / "p" / "content" / "course.yaml").mkdir(parents=True)
    result = runner.invoke(main, ["layouts", "-p", str(tmp_path / "p")])
    assert result.exit_code == 1 and "content/course.yaml is a folder" in result.output


def test_deck_template_outside_a_project_writes_the_built_in_design_and_a_quoted_hint(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no project named, the design is the built-in one (a designer's copy, as Pandoc's
    reference.pptx); the command it suggests works pasted into a shell, spaces and all."""
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["deck-template", "our brand.pptx"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "our brand.pptx").stat().st_size > 10_000
    assert "--deck-template 'our brand.pptx'" in result.output


@pytest.mark.parametrize(
    ("name", "kind"),
    [("brand.potx", "template"), ("brand.pptx", "presentation"), ("BRAND.POTX", "template")],
)
def test_deck_template_writes_a_potx_labelled_a_template(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, kind: str
) -> None:
    """A .potx was written labelled a presentation inside ([Content_Types].xml), a file
    whose name and content disagree (PowerPoint may refuse it). It is labelled a template,
    and reads back as the same design."""
    import re
    import zipfile

    from pptx import Presentation

    from materials_gen.render.pptx_template import _as_presentation

    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["deck-template", name])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(tmp_path / name) as package:
        types = package.read("[Content_Types].xml").decode()
    assert re.findall(r"presentationml\.(\w+)\.main", types) == [kind]
    layouts = Presentation(io.BytesIO(_as_presentation((tmp_path / name).read_bytes())))
    assert len(layouts.slide_layouts) >= 5


def _course_yaml_a_folder(project: Path) -> None:
    (project / "content/course.yaml").unlink()
    (project / "content/course.yaml").mkdir()


def _modules_a_file(project: Path) -> None:
    shutil.rmtree(project / "content/modules")
    (project / "content/modules").write_text("", encoding="utf-8")


def _table_empty(project: Path) -> None:
    (project / "content/tables/approaches.yaml").write_text("", encoding="utf-8")


def _cell_of_no_column(project: Path) -> None:
    edit(project / "content/tables/approaches.yaml", "informed: Noticing", "zzz: Noticing")


def _font_missing(project: Path) -> None:
    theme = project / "templates" / "theme.yaml"
    theme.parent.mkdir(exist_ok=True)
    theme.write_text("fonts:\n  body:\n    regular: fonts/nowhere.ttf\n", encoding="utf-8")


def _font_in_another_case(project: Path) -> None:
    fonts = project / "templates" / "fonts"
    fonts.mkdir(parents=True)
    shutil.copy(_shipped_font(), fonts / "Lato-Regular.ttf")
    theme = project / "templates" / "theme.yaml"
    theme.write_text("fonts:\n  body:\n    regular: fonts/lato-regular.ttf\n", encoding="utf-8")


def _font_with_backslashes(project: Path) -> None:
    _font_in_another_case(project)
    theme = project / "templates" / "theme.yaml"
    theme.write_text("fonts:\n  body:\n    regular: 'fonts\\Lato-Regular.ttf'\n", encoding="utf-8")


def _deck_template_stored_otherwise(project: Path) -> None:
    import unicodedata

    templates = project / "templates"
    templates.mkdir(exist_ok=True)
    written = CliRunner().invoke(main, ["deck-template", str(templates / "x.pptx")])
    assert written.exit_code == 0, written.output
    (templates / "x.pptx").rename(templates / unicodedata.normalize("NFD", "Präsentation.pptx"))
    edit(
        project / "content" / "course.yaml",
        "settings:\n",
        "settings:\n  deck:\n    template: templates/Präsentation.pptx\n",
    )


def _deck_template_in_another_case(project: Path) -> None:
    _deck_template_stored_otherwise(project)
    templates = project / "templates"
    (next(templates.glob("*.pptx"))).rename(templates / "CORPORATE.pptx")
    edit(project / "content" / "course.yaml", "Präsentation.pptx", "corporate.pptx")


def _deck_template_in_another_case_with_backslashes(project: Path) -> None:
    _deck_template_in_another_case(project)
    edit(
        project / "content" / "course.yaml",
        "templates/corporate.pptx",
        "'Templates\\corporate.pptx'",
    )


def _shipped_font() -> Path:
    import rendercv_fonts

    return Path(rendercv_fonts.__file__).parent / "Lato" / "Lato-Regular.ttf"


def _picture_outside(project: Path) -> None:
    shutil.copy(project / "content/images/room.png", project.parent / "room.png")
    edit(project / "content/modules/intro.md", "](../images/room.png)", "](../../../room.png)")


@pytest.mark.parametrize(
    "change, said, hint",
    [
        (_course_yaml_a_folder, "content/course.yaml is a folder", "put the course file"),
        (_modules_a_file, "no module file for 'intro'", "content/modules is not a folder"),
        (_table_empty, "found nothing", "one 'key: value' line for each setting"),
        (_cell_of_no_column, "'zzz' is not a column", "its columns are 'aspect', 'informed'"),
        (_font_missing, "font file 'fonts/nowhere.ttf' does not exist", "relative to templates/"),
        # a project from macOS or Windows: the file is there, named otherwise
        (
            _font_in_another_case,
            "font file 'fonts/lato-regular.ttf' does not exist",
            "write it as fonts/Lato-Regular.ttf, as the file is named",
        ),
        (
            _font_with_backslashes,
            "does not exist",
            "write it as fonts/Lato-Regular.ttf, as the file is named, with forward slashes",
        ),
        (
            _deck_template_stored_otherwise,
            "the deck template 'templates/Präsentation.pptx' does not exist",
            "whose accents are stored otherwise",
        ),
        (
            _deck_template_in_another_case,
            "does not exist",
            "write it as templates/CORPORATE.pptx, as the file is named",
        ),
        (
            _deck_template_in_another_case_with_backslashes,
            "does not exist",
            "write it as templates/CORPORATE.pptx, as the file is named, with forward slashes",
        ),
        (_picture_outside, "is outside the project", "copy it into content/images/"),
    ],
)
def test_each_mistake_says_how_to_mend_it(
    runner: CliRunner, project: Path, change: Any, said: str, hint: str
) -> None:
    """Messages that named no fix, or the wrong one ("run materials-gen init" for a course
    file that is a folder; columns listed with 'audience' among them)."""
    change(project)
    result = runner.invoke(main, ["check", "-p", str(project)])
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    (at,) = [n for n, line in enumerate(lines) if said in line][:1]
    assert lines[at + 1].strip().startswith("hint:") and hint in lines[at + 1], result.output


def test_ctrl_c_while_the_command_loads_says_aborted_without_a_traceback() -> None:
    """Ctrl-C in the command's first fraction of a second, while Python loads it: the same
    words and status as a Ctrl-C during a command, not a traceback of the imports."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "class Interrupted:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'materials_gen.cli':\n"
        "            raise KeyboardInterrupt\n"
        "        return None\n"
        "sys.meta_path.insert(0, Interrupted())\n"
        "from materials_gen.__main__ import run\n"
        "run()\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.strip() == "Aborted!" and "Traceback" not in done.stderr


def test_a_project_named_without_project_is_told_how_to_name_it(
    runner: CliRunner, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'materials-gen build ../kit' said only "Got unexpected extra argument (../kit)"."""
    monkeypatch.chdir(project.parent)
    for given in (project.name, f"{project.name}/content/course.yaml"):
        result = invoke(runner, "build", given)
        assert result.exit_code == 2, result.output
        assert (
            f"hint: to use the project in {project.name}, give it with --project: "
            f"materials-gen build --project {project.name}"
        ) in result.output
    result = invoke(runner, "check", "-a", "clinical", "no-such-folder")
    assert result.exit_code == 2 and "hint:" not in result.output
    assert not (project / "output").exists()


def test_a_word_that_names_no_path_gets_clicks_message_alone(runner: CliRunner) -> None:
    """A word too long for a path (or with a NUL) left over on the command line: click's
    usage error, with no traceback from looking for a project in it."""
    result = invoke(runner, "build", "a" * 5000)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "Got unexpected extra argument" in result.output and "hint:" not in result.output


def test_a_deck_template_given_with_backslashes_is_told_its_path(
    runner: CliRunner, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--deck-template 'templates\\Corp.pptx': the hint read "as --deck-template:
    'templates/Corp.pptx'", the message's label taken for the path."""
    monkeypatch.chdir(project)
    templates = project / "templates"
    templates.mkdir(exist_ok=True)
    made = runner.invoke(main, ["deck-template", str(templates / "Corp.pptx")])
    assert made.exit_code == 0, made.output
    result = runner.invoke(main, ["build", "--deck-template", "templates\\corp.pptx"])
    assert result.exit_code != 0
    said = " ".join(result.output.split())
    assert "write it as templates/Corp.pptx, as the file is named, with forward slashes" in said
    assert "as --deck-template" not in said
