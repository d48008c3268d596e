"""How the command talks, as a trainer or a CI script sees it: each file as it is made,
unchanged files counted, quiet and verbose, colour, --strict, --json, the changes report,
and every failing output named at once."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from materials_gen.build import BuildOptions, Progress, build
from materials_gen.cli import main
from materials_gen.kinds import KINDS

from .conftest import edit, output_count

SMALL = ("-a", "all-staff", "--only", "handout", "--only", "poster", "-j", "1")


def run(*args: str, **kwargs) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False, **kwargs)
    return result.exit_code, result.output


def test_each_file_is_announced_as_made_before_anything_is_written(project: Path) -> None:
    """The build tells of each output as it arrives; the files appear only at the end, all
    together (so the lines say "made", and the summary says they were written)."""
    seen: list[tuple[str, bool]] = []

    class Watch(Progress):
        def made(self, built) -> None:
            seen.append((built.path.name, built.path.exists()))

    report = build(project, BuildOptions(audiences=("all-staff",)), progress=Watch(), jobs=2)
    assert sorted(name for name, _ in seen) == sorted(b.path.name for b in report.built)
    assert not any(existed for _, existed in seen)
    assert all(b.path.is_file() for b in report.built)


def test_unchanged_files_fold_into_one_count_line(project: Path) -> None:
    assert run("build", "-p", str(project), *SMALL)[0] == 0
    edit(project / "content" / "modules" / "intro.md", "Calm rooms help", "Quiet rooms help")
    code, output = run("build", "-p", str(project), *SMALL)
    assert code == 0, output
    lines = output.splitlines()
    assert any(line.startswith("  made  ") and "handout.pdf" in line for line in lines)
    assert "  1 file unchanged" in lines  # the poster does not show the bullet
    assert not any("poster.pdf" in line for line in lines)
    assert lines[-1].startswith("Built 1 file (1 unchanged) and wrote it into ")
    code, output = run("build", "-p", str(project), *SMALL)
    assert output.splitlines()[-1].startswith("Nothing to rebuild: 2 files up to date")
    assert len(output.splitlines()) == 1
    code, verbose = run("build", "-p", str(project), *SMALL, "-v")
    assert verbose.count("  unchanged  ") == 2
    handout = ("build", "-p", str(project), "--only", "handout", "-a", "all-staff", "-j", "1")
    run(*handout)
    code, one = run(*handout)
    assert one.splitlines()[-1].startswith("Nothing to rebuild: 1 file up to date"), one


def test_quiet_prints_the_last_line_and_verbose_the_stage_times(project: Path) -> None:
    code, quiet = run("build", "-p", str(project), *SMALL, "-q")
    assert code == 0
    assert quiet.splitlines() == [quiet.strip()]
    assert quiet.startswith("Built 2 files and wrote them into ")
    code, verbose = run("build", "-p", str(project), *SMALL, "--force", "-v")
    assert code == 0
    times = verbose[verbose.index("Time by stage:") :].splitlines()[1:7]
    assert [line.split()[0] for line in times] == [
        "load",
        "validate",
        "template",
        "lay",
        "render",
        "write",
    ]
    assert all(line.rstrip().endswith(" s") for line in times)


def test_colour_follows_no_color_and_the_options(project: Path) -> None:
    bad = ("check", "-p", str(project))
    edit(project / "content" / "course.yaml", "  - id: clinical", "  - id: Clinical Team")
    _, plain = run(*bad, color=True, env={"NO_COLOR": "1"})
    assert "error:" in plain and "\x1b[" not in plain
    _, forced = run("--color", *bad, color=True, env={"NO_COLOR": "1"})
    assert "\x1b[31m" in forced  # --color wins over NO_COLOR, as no-color.org allows
    _, off = run(*bad, "--no-color", color=True)
    assert "error:" in off and "\x1b[" not in off
    _, on = run(*bad, color=True, env={"NO_COLOR": ""})  # set but empty: not honoured
    assert "\x1b[31m" in on


def _without_notes(project: Path) -> None:
    """The first module loses its speaker notes: its deck slides get a warning."""
    edit(
        project / "content" / "modules" / "intro.md",
        "notes: Say hello and explain the session.\n",
        "",
    )


def test_strict_turns_warnings_into_exit_1_and_writes_nothing(project: Path) -> None:
    _without_notes(project)
    deck = ("-a", "all-staff", "--only", "deck", "-j", "1")
    code, output = run("build", "-p", str(project), *deck, "--strict")
    assert code == 1, output
    assert "has no speaker notes" in output
    assert output.rstrip().endswith(
        "--strict treats warnings as errors; no file was written or changed (the file listed "
        "above as made was dropped)."
    )
    assert not (project / "output" / "all-staff").exists()
    code, output = run("build", "-p", str(project), *deck)
    assert code == 0 and "warning:" in output and output.rstrip().endswith("1 warning.")
    code, output = run("check", "-p", str(project), "--strict")
    assert code == 1 and "has no speaker notes" in output
    assert "(--strict treats warnings as errors)" in output
    # with --quiet too, check says what made it fail (it printed the failure alone)
    code, output = run("check", "-p", str(project), "--strict", "-q")
    assert code == 1 and "has no speaker notes" in output
    code, output = run("check", "-p", str(project), "-q")
    assert code == 0 and "has no speaker notes" not in output
    assert run("check", "-p", str(project))[0] == 0
    # --quiet lists no file as made, so none is said to be dropped "above"
    code, output = run("build", "-p", str(project), *deck, "--strict", "-q", "--force")
    assert code == 1 and output.rstrip().endswith("no file was written or changed."), output


def test_build_strict_fails_on_what_check_strict_fails_on(project: Path) -> None:
    """Contact hours printed without the accrediting body and approval number: ``check``
    warned, and ``check --strict`` failed, while ``build`` said nothing and ``build
    --strict`` wrote the certificates. A build tells what check tells of the course as a
    whole."""
    from .conftest import credited

    credited(project)
    said = "contact hours are printed for Clinical providers"
    code, checked = run("check", "-p", str(project), "--strict")
    code_built, built = run("build", "-p", str(project), "--strict", "--only", "handout")
    assert code == code_built == 1, checked + built
    assert said in checked and said in built


def test_check_json(project: Path) -> None:
    _without_notes(project)
    code, output = run("check", "-p", str(project), "--json")
    assert code == 0
    data = json.loads(output)
    assert data["ok"] is True and data["modules"] == 2
    assert data["audiences"] == ["all-staff", "clinical"]
    assert data["warnings"] == len(data["problems"]) > 0
    assert {p["severity"] for p in data["problems"]} == {"warning"}
    assert set(data["problems"][0]) == {"severity", "file", "line", "column", "message", "hint"}
    code, output = run("check", "-p", str(project), "--json", "--strict")
    assert code == 1 and json.loads(output)["ok"] is False


def test_json_errors_name_file_line_and_hint(project: Path) -> None:
    edit(project / "content" / "modules" / "intro.md", "key_points:", "key_pionts:")
    for command in ("check", "build", "list"):
        code, output = run(command, "-p", str(project), "--json")
        assert code == 1
        data = json.loads(output)  # nothing but the JSON on stdout
        assert data["ok"] is False
        [problem] = data["problems"]
        assert problem["file"] == "content/modules/intro.md" and problem["line"] == 8
        assert "key_pionts" in problem["message"] and "key_points" in problem["hint"]


def test_list_and_build_json(project: Path) -> None:
    code, output = run("list", "-p", str(project), "--json")
    assert code == 0
    listed = json.loads(output)
    assert [a["id"] for a in listed["audiences"]] == ["all-staff", "clinical"]
    assert listed["audiences"][1]["sees"] == ["clinical", "all-staff"]
    assert len(listed["files"]) == output_count(project)
    assert any("certificates" in line for line in listed["not_made"])
    code, output = run("build", "-p", str(project), *SMALL, "--json")
    assert code == 0
    built = json.loads(output)
    assert built["ok"] is True
    assert {"load", "validate", "template", "render", "write"} <= set(built["stages"])
    assert [(f["kind"], f["status"]) for f in built["files"]] == [  # by path
        ("handout", "built"),
        ("poster", "built"),
    ]
    assert all(Path(f["path"]).is_file() and f["pages"] > 0 for f in built["files"])
    code, output = run("build", "-p", str(project), *SMALL, "--json")
    again = json.loads(output)
    assert [f["status"] for f in again["files"]] == ["unchanged", "unchanged"]
    # the same keys and values whatever the build did: a script reads both alike (a build
    # with nothing to do had no "stages", and "en-US/all-staff" for an audience)
    assert set(again) == set(built) and again["stages"] == {}
    for made, kept in zip(built["files"], again["files"], strict=True):
        assert set(made) == set(kept)
        assert (made["audience"], made["language"]) == (kept["audience"], kept["language"])
        assert kept["audience"] == "all-staff" and kept["language"] == ""
    assert again["project"] == built["project"] == project.as_posix()
    languages = {f["language"] for f in listed["files"]}
    assert languages == {""}, languages


def test_what_changed_is_plain_text_whole_with_before_and_after(project: Path) -> None:
    long_old = "Calm rooms help everyone"
    long_new = (
        "Quiet, well-lit rooms with a clear way out help everyone who comes in, staff and "
        "visitors alike"
    )
    assert run("build", "-p", str(project), *SMALL)[0] == 0
    edit(project / "content" / "modules" / "intro.md", long_old, long_new)
    code, output = run("build", "-p", str(project), *SMALL)
    assert code == 0
    assert "key point edited" in output
    assert f"before: {long_old}" in output
    assert f"after:  {long_new}" in output  # whole: longer than 70 characters
    report = output[output.index("What changed") : output.index("(also saved as")]
    assert "**" not in report and "`" not in report and "## " not in report
    saved = (project / "output" / "CHANGES.md").read_text()
    assert long_new in saved


def test_every_failing_output_is_reported_at_once_with_its_audience(project: Path) -> None:
    """Two posters, one per audience, whose table cannot fit: both named in one run."""
    table = project / "content" / "tables" / "approaches.yaml"
    rows = "".join(
        f"  - aspect: Aspect number {i} of a long comparison\n"
        f"    informed: What every member of staff does about it, case {i}\n"
        f"    competent: What a trained clinician does about it in treatment, case {i}\n"
        for i in range(300)
    )
    text = table.read_text()
    table.write_text(
        text.replace("caption:", rows + "caption:") if "caption:" in text else text + rows
    )
    for jobs in ("1", "2"):
        code, output = run("build", "-p", str(project), "--only", "poster", "-j", jobs)
        assert code == 1, output
        assert "All staff" in output and "Clinical providers" in output
        assert "2 problems found; no file was written or changed." in output
        assert not (project / "output").exists() or not list((project / "output").rglob("*.pdf"))


def test_help_is_current() -> None:
    _, top = run("--help")
    for word in ("deck", "handout", "poster", "guide", "forms", "certificates"):
        assert word in top
    _, build_help = run("build", "--help")
    flat = " ".join(build_help.split())
    for kind in KINDS:
        assert kind in flat, kind
    for option in ("--strict", "--json", "--quiet", "--verbose", "--no-color"):
        assert option in build_help


@pytest.mark.slow
def test_a_progress_bar_on_a_terminal_for_a_long_build(project: Path, tmp_path: Path) -> None:
    """On a terminal (a pseudo-terminal here) a build longer than a second shows a bar
    (here any build: the wait before the bar is set to nothing, so that a quick machine
    shows it too)."""
    import os
    import pty
    import subprocess
    import sys

    leader, follower = pty.openpty()
    env = dict(os.environ, NO_COLOR="1", COLUMNS="100")
    start = (
        "import sys; import materials_gen.console as c; c.BAR_AFTER = 0.0; "
        "from materials_gen.cli import main; sys.argv[0] = 'materials-gen'; main()"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", start, "build", "-p", str(project), "-j", "1"],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=env,
    )
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    assert proc.wait() == 0
    text = seen.decode("utf-8", "replace")
    assert "Building" in text and f"/{output_count(project)}" in text  # the bar, with its count
    assert "made  " in text and "Built " in text


def test_a_deck_that_cannot_be_laid_out_is_named_for_every_audience(project: Path) -> None:
    """The deck is laid out before rendering, per audience: a title too long for both
    audiences' decks is reported for both in one run, not one audience at a time."""
    edit(
        project / "content" / "modules" / "intro.md",
        "title: Welcome to safe rooms",
        "title: " + " ".join(["Extraordinarilywelcoming"] * 38),
    )
    code, output = run("build", "-p", str(project), "--only", "deck", "-j", "1")
    assert code == 1, output
    assert "the deck for All staff, slide" in output
    assert "the deck for Clinical providers, slide" in output
    assert "no file was written or changed" in output
    assert not (project / "output").exists() or not list((project / "output").rglob("*.pptx"))


def test_a_slide_without_notes_is_told_at_its_module_by_build_and_check_alike(
    project: Path,
) -> None:
    """A module's slide without speaker notes: the same warning from build and check, at the
    module's file, saying how a module gives its slides notes (not a template's name)."""
    _without_notes(project)
    said = {}
    for command in ("build", "check"):
        code, output = run(
            command, "-p", str(project), *(("-j", "1") if command == "build" else ())
        )
        assert code == 0, output
        lines = output.splitlines()
        first = next(n for n, line in enumerate(lines) if "has no speaker notes" in line)
        said[command] = lines[first : first + 2]
    assert said["build"] == said["check"]
    warning, hint = said["check"]
    assert warning.startswith("content/modules/intro.md: warning: slide ")
    assert "of the deck for All staff has no speaker notes" in warning
    assert hint.startswith("    hint: give module 'intro' speaker notes: 'notes:' in its front")
    assert "'::: notes' block there is left out of the handout, not put on a slide" in hint
    # doing what the hint says gives the slide its notes (a '::: notes' block in the body,
    # which it once offered, never did)
    module = project / "content" / "modules" / "intro.md"
    text = module.read_text(encoding="utf-8")
    module.write_text(text.replace("---\n", "---\nnotes: Say why it matters.\n", 1), "utf-8")
    code, output = run("check", "-p", str(project))
    assert code == 0 and "has no speaker notes" not in output, output


def test_a_deck_found_the_same_tells_no_speaker_notes_warning_again(project: Path) -> None:
    """An edit to course.yaml that leaves the deck as it was (the session's day, shown on
    the sign-in sheet) lays the deck out again to find it the same: its slides' missing
    notes were told again then, though not after a --date change, so --strict failed or
    passed by what else was edited. A deck made again tells them."""
    _without_notes(project)
    deck = ("-a", "all-staff", "-j", "1")
    code, output = run("build", "-p", str(project), *deck)
    assert code == 0 and "has no speaker notes" in output, output
    course = project / "content" / "course.yaml"
    text = course.read_text(encoding="utf-8")
    assert "date: 2025-03-11" in text
    course.write_text(text.replace("date: 2025-03-11", "date: 2025-03-12"), encoding="utf-8")
    code, output = run("build", "-p", str(project), *deck, "--strict")
    assert code == 0 and "has no speaker notes" not in output, output
    assert "sign-in.pdf" in output and "deck.pptx" not in output, output
    edit(project / "content" / "modules" / "intro.md", "title: ", "title: The ")
    code, output = run("build", "-p", str(project), *deck)
    assert code == 0 and "has no speaker notes" in output, output


def test_a_failed_build_says_the_files_it_listed_as_made_were_not_written(project: Path) -> None:
    """Files are listed as they are made in memory; when another output then fails, the last
    line says those listed files were dropped, so no one looks for them in the folder."""
    code, output = run("build", "-p", str(project), "-j", "1", "--poster-size", "3x4in")
    assert code == 1, output
    assert "the poster for All staff on 3 x 4 in portrait" in output
    made = [line for line in output.splitlines() if line.startswith("  made  ")]
    assert made and not any("poster" in line for line in made)
    assert output.rstrip().endswith(
        f"no file was written or changed (the {len(made)} files listed above as made were dropped)."
    )
    assert not (project / "output").exists()


def test_a_failed_build_with_json_says_nothing_of_lines_it_never_showed(project: Path) -> None:
    code, output = run("build", "-p", str(project), "-j", "1", "--poster-size", "3x4in", "--json")
    assert code == 1, output
    said = json.loads(output)
    assert said["outcome"] == "no file was written or changed."


@pytest.mark.parametrize(
    "words, message, hint",
    [
        (("build", "--json", "--paper", "A5"), "'A5' is not one of", "materials-gen build --help"),
        (("check", "--bogus", "--json"), "No such option '--bogus'", "materials-gen check --help"),
        (("list", "--json", "-p", "{file}"), "is a file", "materials-gen list --help"),
        (("bild", "--json"), "No such command 'bild'", "materials-gen --help"),
        (("--json", "build"), "No such option '--json'", "materials-gen build --json"),
    ],
)
def test_a_usage_error_with_json_is_a_json_document_too(
    tmp_path: Path, words: tuple[str, ...], message: str, hint: str
) -> None:
    """A script that asks for JSON reads JSON whatever went wrong, with exit status 2 for a
    command it could not understand; without --json the usage message is Click's."""
    (tmp_path / "file").write_text("")
    args = [w.format(file=tmp_path / "file") for w in words]
    result = CliRunner().invoke(main, args, prog_name="materials-gen")
    assert result.exit_code == 2, result.output
    data = json.loads(result.stdout)  # stdout holds the document and nothing else
    assert data["ok"] is False and len(data["problems"]) == 1
    problem = data["problems"][0]
    assert message in problem["message"] and hint in problem["hint"], problem
    assert problem["severity"] == "error" and problem["file"] is None
    if words[0] != "--json":
        plain = CliRunner().invoke(main, [w for w in args if w != "--json"])
        assert plain.exit_code == 2 and not plain.stdout.lstrip().startswith("{")


def _agenda_project(root: Path) -> Path:
    """Six modules with breaks, on a deck template whose body box is narrow: an agenda whose
    clock times run one character longer from 10:00 goes on to a second slide, and every
    slide after it moves on by one."""
    from pptx import Presentation
    from pptx.util import Emu

    (root / "content" / "modules").mkdir(parents=True)
    (root / "templates").mkdir()
    (root / "content" / "course.yaml").write_text(
        "title: Agenda Probe\nslug: ap\norganization: Harbour Clinic\nversion: '1.0'\n"
        "date: 2025-03-04\naudiences:\n  - id: all-staff\n    name: All staff\n"
        "modules: [m1, m2, m3, m4, m5, m6]\nposter:\n  panel: {title: Do, points: [one, two]}\n"
        "settings:\n  deck:\n    template: templates/narrow.pptx\n  session:\n"
        "    start: '09:00'\n    sign_in: 5\n    pre_test: 5\n    post_test: 5\n"
        # 10 minutes of sign-in and check, three modules, a break, three more and the close:
        # as many agenda lines as fit on one slide from 09:00, not from 10:00
        "    evaluation: 5\n    break_every: 40\n"
        "    break_length: 5\n",
        encoding="utf-8",
    )
    for n in range(1, 7):
        notes = "" if n == 3 else f"notes: Talk about {n}.\n"
        if n == 1:
            notes += "questions:\n  - question: Is this true?\n    answer: true\n"
        (root / "content" / "modules" / f"m{n}.md").write_text(
            f"---\ntitle: Module {n}\nduration: 10\nkey_points:\n  - Point {n}\n{notes}---\n"
            f"Body {n}.\n",
            encoding="utf-8",
        )
    code, output = run("deck-template", "-p", str(root), str(root / "templates" / "b.pptx"))
    assert code == 0, output
    deck = Presentation(str(root / "templates" / "b.pptx"))
    for layout in deck.slide_masters[0].slide_layouts:
        if layout.name == "Title and Content":
            for placeholder in layout.placeholders:
                if placeholder.placeholder_format.idx == 1:
                    placeholder.width = Emu(3_500_000)
    deck.save(str(root / "templates" / "narrow.pptx"))
    return root


def test_check_numbers_the_slides_as_a_build_with_the_same_start_does(tmp_path: Path) -> None:
    """A later start lengthened the agenda's clock times onto a second slide in the build;
    check, which took no --start, numbered every later slide one lower than the deck."""
    project = _agenda_project(tmp_path / "p")

    def told(command: str, *args: str) -> list[str]:
        code, output = run(command, "-p", str(project), *args)
        assert code == 0, output
        return [line for line in output.splitlines() if "has no speaker notes" in line]

    early, late = told("build", "--start", "09:00"), told("build", "--start", "10:00")
    assert early and late and early != late  # the start moves the slides here
    assert told("check", "--start", "10:00") == late
    assert told("check", "--start", "09:00") == early


def test_check_takes_the_options_that_shape_the_outputs_as_build_does(project: Path) -> None:
    """check took only the deck's options: a poster size, paper or large print that a build
    fails on passed check. It takes every option that shapes an output, and says what the
    build with them would."""
    code, built = run("build", "-p", str(project), "-j", "1", "--poster-size", "3x4in")
    assert code == 1 and "the poster for All staff on 3 x 4 in portrait" in built
    code, checked = run("check", "-p", str(project), "--poster-size", "3x4in")
    assert code == 1 and "the poster for All staff on 3 x 4 in portrait" in checked, checked
    code, checked = run(
        "check", "-p", str(project), "--paper", "a4", "--large-print", "--print", "bw"
    )
    assert code == 0, checked


def test_quiet_prints_only_the_errors_of_a_failed_build(project: Path) -> None:
    """`build -q` that stops on a roster's mistake printed every warning of the build too,
    each with its hint; --quiet is "only errors and the final line". With --strict, the
    warnings are what fails it, and are printed."""
    _without_notes(project)  # a warning the build finds
    course = project / "content" / "course.yaml"  # and one of the content as a whole
    edit(course, "organization: Test Clinic", "organization: '[[fill in the organization]]'")
    # no day for the certificates: the session's date setting taken out
    text = course.read_text(encoding="utf-8")
    course.write_text(re.sub(r"\n( *)date: 2025-03-11.*", r"\n\1length: 120", text), "utf-8")
    (project / "people.csv").write_text("name,audience\nAna Lee,clinical\n", encoding="utf-8")
    args = ["build", "-p", str(project), "-j", "1", "--roster", str(project / "people.csv")]
    code, output = run(*args, "-q")
    assert code == 1 and "no day for the clinical certificate" in output, output
    assert "warning:" not in output, output
    code, output = run(*args)
    assert code == 1 and "warning:" in output, output
    code, output = run("build", "-p", str(project), "-j", "1", "-q", "--strict")
    assert code == 1 and "to be filled in: the organization" in output, output


def test_a_build_whose_reader_goes_away_still_writes_its_files(project: Path) -> None:
    """`build | head -1`: the reader of the output leaves after the first line. The build
    had stopped there, at its next line, with status 1 and no word, and written nothing:
    the output goes nowhere from then on, and the build goes on to write its files."""
    import subprocess
    import sys

    command = f"'{sys.executable}' -m materials_gen build -p '{project}' -j 1 | head -1"
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("  made  ") and done.stdout.count("\n") == 1
    assert "Traceback" not in done.stderr and "Broken pipe" not in done.stderr, done.stderr
    written = [p for p in (project / "output").rglob("*") if p.suffix in (".pdf", ".pptx")]
    assert len(written) == output_count(project)
    assert (project / "output" / ".materials-gen.json").is_file()
