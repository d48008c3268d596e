"""Hostile content: YAML and Markdown that once gave a traceback, hung, or read outside files.

Each broken project goes through the real command (``check``, then ``build`` after a good
build): the message names the file and line and says how to fix it, the exit status is 1, no
traceback shows, and the files of the good build are exactly as they were.
"""

from __future__ import annotations

import os
import re
import shutil
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from materials_gen.cli import main
from materials_gen.document import parse
from materials_gen.errors import ContentError
from materials_gen.load import _Problems, load_project, parse_yaml
from materials_gen.validate import validate

from .conftest import PROJECTS, all_text, edit, run, tool

Mutation = Callable[[Path], None]

COURSE = "content/course.yaml"
INTRO = "content/modules/intro.md"
PRACTICE = "content/modules/practice.md"
TABLE = "content/tables/approaches.yaml"
PICTURE = "![A calm waiting room with two green chairs and a window](../images/room.png)"


def replace(file: str, old: str, new: str) -> Mutation:
    return lambda project: edit(project / file, old, new)


def setting(text: str) -> Mutation:
    """Settings added to the project's; a session's join the session it already has."""
    if text.startswith("  session:\n"):
        return replace(COURSE, "  session:\n", text.rstrip("\n") + "\n")
    return replace(COURSE, "  paper: a4", "  paper: a4\n" + text)


def link_out(file: str, content: str | None = None) -> Mutation:
    """Make ``file`` a link to a file outside the project holding 'SECRET' text."""

    def apply(project: Path) -> None:
        outside = project.parent / "outside" / Path(file).name
        outside.parent.mkdir(exist_ok=True)
        original = project / file
        text = content if content is not None else original.read_text(encoding="utf-8")
        outside.write_text(text.replace("Safe Rooms", "SECRET"), encoding="utf-8")
        original.parent.mkdir(parents=True, exist_ok=True)
        original.unlink(missing_ok=True)
        os.symlink(outside, original)

    return apply


def templates_link_out(project: Path) -> None:
    outside = project.parent / "outside-templates"
    outside.mkdir()
    (outside / "poster.md.j2").write_text("---\n---\nSECRET\n", encoding="utf-8")
    os.symlink(outside, project / "templates")


def fifo(project: Path) -> None:
    os.mkfifo(project / "content" / "modules" / "pipe.md")


def fifo_picture(project: Path) -> None:
    """A pipe where the picture the module shows should be: refused, never read (reading a
    pipe waits for ever), and said as such: it was "not found", with a hint to write the
    very path written."""
    picture = project / "content" / "images" / "room.png"
    picture.unlink()
    os.mkfifo(picture)


def bomb(levels: int = 9) -> str:
    """The 'billion laughs': each level repeats the one before nine times."""
    names = "abcdefghijklmnop"[:levels]
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for before, name in zip(names, names[1:], strict=False):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{before}"] * 9) + "]")
    return "\n".join(lines) + "\n"


WORDS_400 = " ".join(["word"] * 400)

# name: (mutation, where the message must point, what it must say, what the hint must say)
CASES: dict[str, tuple[Mutation, str, str, str]] = {
    "impossible date": (
        replace(COURSE, "date: 2025-03-04", "date: 2026-02-30"),
        "content/course.yaml:6:7:",
        "'2026-02-30' looks like a date, but there is no such day",
        "write a real date",
    ),
    "date past what a deck can stamp": (
        replace(COURSE, "date: 2025-03-04", "date: 2108-03-04"),
        "content/course.yaml:6:",
        "the year 2108 is not one a course is given in: a day from 1980 to 2107",
        "check the year of '2108-03-04'",
    ),
    "session day in a year long gone": (
        replace(COURSE, "    date: 2025-03-11", "    date: 1975-03-11"),
        "content/course.yaml:30:",
        "the year 1975 is not one a course is given in",
        "check the year",
    ),
    "title that is an impossible date": (
        replace(INTRO, "title: Welcome to safe rooms", "title: 2026-13-45"),
        "content/modules/intro.md:2:8:",
        "no such day",
        "put text in quotes",
    ),
    "impossible date in a table cell": (
        replace(TABLE, "informed: Noticing", "informed: 2026-04-31"),
        "content/tables/approaches.yaml:11:15:",
        "no such day",
        "YYYY-MM-DD",
    ),
    "unknown tag": (
        replace(COURSE, "title: Safe Rooms", "title: !foo Safe Rooms"),
        "content/course.yaml:1:8:",
        "unknown YAML tag '!foo'",
        "remove the tag",
    ),
    "python name tag": (
        replace(COURSE, "title: Safe Rooms", "title: !!python/name:os.system"),
        "content/course.yaml:1:8:",
        "unknown YAML tag '!!python/name:os.system'",
        "remove the tag",
    ),
    "python apply tag": (
        replace(COURSE, "title: Safe Rooms", "title: !!python/object/apply:os.system [touch x]"),
        "content/course.yaml:1:8:",
        "unknown YAML tag '!!python/object/apply:os.system'",
        "remove the tag",
    ),
    "binary tag in front matter": (
        replace(INTRO, "notes: Say hello", "notes: !!binary aGVsbG8= #"),
        "content/modules/intro.md:12:8:",
        "unknown YAML tag '!!binary'",
        "plain YAML",
    ),
    "merge key with a list of numbers": (
        setting("  <<: [1, 2]"),
        "content/course.yaml:29:3:",
        "'<<' must be followed by a set of 'key: value' lines",
        "<<: *defaults",
    ),
    "merge key with a number": (
        setting("  <<: 3"),
        "content/course.yaml:29:3:",
        "'<<' must be followed by a set",
        "<<: *defaults",
    ),
    "recursive alias in a list": (
        replace(COURSE, "keywords: [safety, rooms]", "keywords: &k [*k]"),
        "content/course.yaml:8:11:",
        "this alias is used inside itself",
        "complete before it",
    ),
    "recursive alias through a merge": (
        setting("  deck: &d {<<: *d}"),
        "content/course.yaml:29:",
        "this alias is used inside itself",
        "complete before it",
    ),
    "nesting 10,000 deep": (
        replace(COURSE, "keywords: [safety, rooms]", "keywords: " + "[" * 10_000 + "]" * 10_000),
        "content/course.yaml:8:",
        "nested more than 40 deep",
        "stray '['",
    ),
    "nesting 10,000 deep in front matter": (
        replace(INTRO, "notes: Say hello", "notes: " + "{a: " * 10_000 + "}" * 10_000 + "\n#"),
        "content/modules/intro.md:12:",
        "nested more than 40 deep",
        "stray",
    ),
    "alias bomb": (
        replace(COURSE, "settings:", bomb() + "settings:"),
        "content/course.yaml:",
        "would hold more than 500,000 values",
        "write the content out",
    ),
    "lone surrogate escape": (
        replace(COURSE, "title: Safe Rooms", 'title: "Safe \\ud800 Rooms"'),
        "content/course.yaml:1:8:",
        "U+D800 is not a character",
        "remove the escape",
    ),
    "noncharacter escape": (
        replace(INTRO, "Calm rooms help everyone", '"Calm \\uFFFE rooms"'),
        "content/modules/intro.md:9:5:",
        "U+FFFE is not a character",
        "remove the escape",
    ),
    "noncharacter in the Markdown body": (
        replace(INTRO, "Rooms shape how", "Rooms \ufdd0shape how"),
        "content/modules/intro.md:21:7:",
        "U+FDD0 is not a character",
        "delete it",
    ),
    "reflection lines that are not a number": (
        replace(INTRO, "Rooms shape how", "::: {.reflection lines=three}\n- Why?\n:::\n\nRooms"),
        "content/modules/intro.md:21:",
        "'lines=three' must be a whole number from 1 to 30",
        "with digits",
    ),
    "reflection with a billion lines": (
        replace(INTRO, "Rooms shape how", "::: {.reflection lines=999999999}\n- Why?\n:::\n\nX"),
        "content/modules/intro.md:21:",
        "must be a whole number from 1 to 30",
        "lines=",
    ),
    "contents depth that is not a number": (
        replace(INTRO, "Rooms shape how", "Rooms\n\n::: {.toc depth=x}\n:::\n"),
        "content/modules/intro.md:23:",
        "'depth=x' must be a whole number from 0 to 6",
        "depth=1",
    ),
    "400-word heading": (
        replace(INTRO, "Rooms shape how", f"## {WORDS_400}\n\nRooms shape how"),
        "content/modules/intro.md:21:",
        "this heading has 400 words; a heading can have at most 40",
        "paragraph below it",
    ),
    "400-word module title": (
        replace(INTRO, "title: Welcome to safe rooms", f"title: {WORDS_400}"),
        "content/modules/intro.md:2:",
        "this title has 400 words",
        "shorten it",
    ),
    "400-word column heading for one audience": (
        replace(TABLE, "    heading: Informed", f"    heading:\n      clinical: {WORDS_400}"),
        "content/tables/approaches.yaml:7:",
        "this heading has 400 words",
        "shorten it",
    ),
    "start time that does not exist": (
        setting('  session:\n    start: "25:99"'),
        "content/course.yaml:30:5:",
        "'25:99' is not a time of day",
        "write e.g. 09:30",
    ),
    "unquoted start time that does not exist": (
        setting("  session:\n    start: 7:75"),
        "content/course.yaml:30:5:",
        "'7:75' is not a time of day",
        "09:30",
    ),
    "duration yes": (
        replace(INTRO, "duration: 10", "duration: yes"),
        "content/modules/intro.md:3:",
        "'duration' must be a whole number of minutes between 1 and 1440, not a yes/no value",
        "as digits, e.g.",
    ),
    "duration in quotes": (
        replace(PRACTICE, "    duration: 5", '    duration: "5"'),
        "content/modules/practice.md:15:",
        "whole number of minutes between 1 and 1440, not '5'",
        "without quotes",
    ),
    "duration with its unit": (
        replace(INTRO, "duration: 10", "duration: 10 min"),
        "content/modules/intro.md:3:",
        "whole number of minutes between 1 and 1440, not '10 min'",
        "write the number of minutes alone: 10 for 10 min",
    ),
    "group size no": (
        setting("  session:\n    group_size: no"),
        "content/course.yaml:30:",
        "'group_size' must be a whole number, not a yes/no value (no)",
        "as digits, e.g.",
    ),
    "break after yes": (
        replace(INTRO, "duration: 10", "duration: 10\nbreak_after: yes"),
        "content/modules/intro.md:4:",
        "'break_after' must be a whole number",
        "as digits, e.g.",
    ),
    "slides per page yes": (
        setting("  deck:\n    per_page: yes"),
        "content/course.yaml:30:",
        "'per_page' must be a whole number",
        "as digits, e.g.",
    ),
    "continuing education 1": (
        replace(COURSE, "    name: All staff", "    name: All staff\n    continuing_education: 1"),
        "content/course.yaml:13:",
        "'continuing_education' must be yes or no",
        "",
    ),
    "date as a number": (
        replace(COURSE, "date: 2025-03-04", "date: 20250304"),
        "content/course.yaml:6:",
        "'date' must be a date like 2026-11-02",
        "",
    ),
    "version yes": (
        replace(COURSE, 'version: "2.1"', "version: yes"),
        "content/course.yaml:5:",
        "'version' must be text, not a yes/no value",
        "put the value in quotes",
    ),
    "title yes": (
        replace(COURSE, "title: Safe Rooms", "title: yes"),
        "content/course.yaml:1:",
        "'title' must be text, not a yes/no value",
        "put the value in quotes",
    ),
    "title that is a date": (
        replace(INTRO, "title: Welcome to safe rooms", "title: 2026-01-01"),
        "content/modules/intro.md:2:",
        "'title' must be text, not a date (2026-01-01)",
        "put the value in quotes",
    ),
    "number too long to read": (  # more digits than a number has: read as text
        replace(INTRO, "duration: 10", "duration: " + "9" * 500),
        "content/modules/intro.md:3:",
        "must be a whole number of minutes",
        "e.g. 15",
    ),
    "number of 5,000 digits": (
        replace(INTRO, "duration: 10", "duration: " + "9" * 5000),
        "content/modules/intro.md:3:11:",
        "a run of 5,000 characters with no space in it",
        "break it with spaces",
    ),
    "module over the size limit": (
        replace(INTRO, "Rooms shape how", "Rooms shape how people feel.\n\n" * 90_000),
        "content/modules/intro.md",
        "a content file can be at most 2 MB",
        "split it",
    ),
    "course file linking outside": (
        link_out(COURSE),
        "content/course.yaml",
        "this file links to a place outside the project",
        "copy the file into the project",
    ),
    "module linking outside": (
        link_out(INTRO),
        "content/modules/intro.md",
        "this file links to a place outside the project",
        "copy the file",
    ),
    "table linking outside": (
        link_out(TABLE),
        "content/tables/approaches.yaml",
        "links to a place outside the project",
        "copy the file",
    ),
    "theme linking outside": (
        link_out("templates/theme.yaml", "name: Safe Rooms\n"),
        "templates/theme.yaml",
        "this file links to a place outside the project",
        "copy the file",
    ),
    "templates folder linking outside": (
        templates_link_out,
        "templates",
        "the templates folder links to a place outside the project",
        "copy the templates into the project",
    ),
    "a pipe instead of a module": (
        fifo,
        "content/modules/pipe.md",
        "this is not a regular file",
        "replace it with a file",
    ),
    "a pipe instead of a picture": (
        fifo_picture,
        "content/modules/intro.md:",
        "picture '../images/room.png' is a pipe or a device, not a picture file",
        "put the picture file itself at content/images/room.png",
    ),
    "reference picture outside the project": (
        replace(INTRO, PICTURE, "![A room][r]\n\n[r]: ../../../outside/room.png"),
        "content/modules/intro.md:23",
        "picture '../../../outside/room.png'",
        "",
    ),
    "reference picture that is not a picture": (
        replace(INTRO, PICTURE, "![A room][plan]\n\n[Plan]: ../course.yaml 'Floor plan'"),
        "content/modules/intro.md:23",
        "picture '../course.yaml': the file is not a picture",
        "",
    ),
    "reference picture defined in an audience block": (
        replace(
            INTRO, PICTURE, '![room]\n\n::: {audience="clinical"}\n[room]: ../course.yaml\n:::'
        ),
        "content/modules/intro.md:23",
        "the file is not a picture",
        "",
    ),
    "reference picture written another way": (
        replace(INTRO, PICTURE, "![A room][r]\n\n[r]:\n  ../course.yaml"),
        "content/modules/intro.md:23",
        "is written in a way materials-gen cannot check",
        "write it as ![what it shows](images/file.png)",
    ),
}


@pytest.fixture(scope="module")
def good_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal project after one good build of the all-staff handout, shared by the cases."""
    project = tmp_path_factory.mktemp("hostile-content") / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    result = CliRunner().invoke(
        main,
        ["build", "-p", str(project), "-j", "1", "-a", "all-staff", "--only", "handout"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    return project


@pytest.fixture
def built_project(good_build: Path, tmp_path: Path) -> Path:
    """A private copy of the good build (files, times and manifest) for one case to break."""
    project = tmp_path / "project"
    shutil.copytree(good_build, project, symlinks=True)
    return project


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def assert_refused(output: str, where: str, what: str, hint: str) -> None:
    assert "Traceback" not in output
    assert "SECRET" not in output  # nothing outside the project was read into a message
    found = [line for line in output.splitlines() if line.startswith(where) and "error:" in line]
    assert found, output
    assert any(what in line for line in found), output
    assert "hint:" in output and hint in output, output
    assert re.search(r"\d+ problems? found", output)


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_content_is_refused_with_file_and_line(built_project: Path, case: str) -> None:
    mutation, where, what, hint = CASES[case]
    before = snapshot(built_project / "output")
    mutation(built_project)
    for command in (["check"], ["build", "-j", "1"]):
        started = time.monotonic()
        result = CliRunner().invoke(
            main, [*command, "-p", str(built_project)], catch_exceptions=False
        )
        assert result.exit_code == 1, result.output
        assert_refused(result.output, where, what, hint)
        assert time.monotonic() - started < 30
    assert snapshot(built_project / "output") == before
    assert not (built_project / "x").exists()  # the python/object/apply tag ran nothing


def test_a_translation_folder_linked_out_is_told_once(project: Path, tmp_path: Path) -> None:
    """A language's folder of content/translations linked to another project's: each file
    in it was refused on its own (eight errors for the kit's Spanish), naming files the
    trainer never made; the folder is the one thing to mend."""
    outside = tmp_path / "elsewhere" / "es"
    (outside / "modules").mkdir(parents=True)
    (outside / "course.yaml").write_text("translation_of: x\ntitle: SECRET\n", "utf-8")
    for name in ("intro", "practice"):
        (outside / "modules" / f"{name}.md").write_text("---\ntitle: SECRET\n---\n", "utf-8")
    (project / "content" / "translations").mkdir(parents=True, exist_ok=True)
    os.symlink(outside, project / "content" / "translations" / "es")
    result = CliRunner().invoke(main, ["check", "-p", str(project)], catch_exceptions=False)
    assert result.exit_code == 1 and "SECRET" not in result.output, result.output
    errors = [line for line in result.output.splitlines() if "error:" in line]
    assert errors == [
        "content/translations/es: error: this folder links to a place outside the project"
    ], result.output
    assert "hint: copy the folder into the project instead of linking to it" in result.output


def test_a_fence_a_template_writes_is_checked_too() -> None:
    markdown = "---\ntitle: T\n---\n\n# A\n\n::: {.reflection lines=three}\n- Why?\n:::\n"
    with pytest.raises(ContentError) as caught:
        parse(markdown, "intermediate handout for all-staff (from handout.md.j2)")
    (problem,) = caught.value.problems
    assert str(problem.location) == "intermediate handout for all-staff (from handout.md.j2):7"
    assert "'lines=three' must be a whole number from 1 to 30" in problem.message


def test_a_heading_at_the_limit_builds_every_output(project: Path, tmp_path: Path) -> None:
    heading = " ".join(["Rooms"] * 40)
    edit(project / INTRO, "Rooms shape how", f"# {heading}\n\nRooms shape how")
    result = CliRunner().invoke(
        main, ["build", "-p", str(project), "-o", str(tmp_path), "-j", "1"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    handout = all_text(tmp_path / "clinical" / "safe-rooms-clinical-handout.pdf")
    assert "Rooms Rooms Rooms" in handout


def test_version_and_times_are_kept_as_written(project: Path, tmp_path: Path) -> None:
    """YAML reads 1.10 as the number 1.1 and 9:30 as 570: the trainer meant the text."""
    edit(project / COURSE, 'version: "2.1"', "version: 1.10")
    edit(project / COURSE, "  session:\n", "  session:\n    start: 9:30\n")
    course, _ = validate(load_project(project))
    assert course.version == "1.10"
    assert course.settings.session.start == "9:30"
    result = CliRunner().invoke(
        main,
        ["build", "-p", str(project), "-o", str(tmp_path), "-a", "all-staff", "--only", "handout"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert "1.10" in all_text(tmp_path / "all-staff" / "safe-rooms-all-staff-handout.pdf")


def test_a_version_that_looks_like_a_date_stays_text(project: Path) -> None:
    edit(project / COURSE, 'version: "2.1"', "version: 2026-01-01")
    course, _ = validate(load_project(project))
    assert course.version == "2026-01-01"


def test_merge_keys_still_work(project: Path) -> None:
    edit(
        project / TABLE,
        "rows:\n  - aspect: Focus",
        "base: &base {informed: Noticing, competent: Treating}\nrows:\n"
        "  - <<: *base\n    aspect: Focus",
    )
    edit(project / TABLE, "    informed: Noticing\n    competent: Treating\n", "")
    edit(project / TABLE, "base: &base", "x-base: &base")
    raw = load_project(project)
    rows = raw.tables["approaches"].data["rows"]
    assert rows[0] == {"aspect": "Focus", "informed": "Noticing", "competent": "Treating"}


def test_links_that_stay_inside_the_project_are_fine(project: Path, tmp_path: Path) -> None:
    content = project / "content"
    shutil.move(content / "course.yaml", content / "course-2025.yaml")
    os.symlink("course-2025.yaml", content / "course.yaml")
    (project / "templates").mkdir()
    (project / "shared").mkdir()
    (project / "shared" / "theme.yaml").write_text("name: shared\n", encoding="utf-8")
    os.symlink(project / "shared" / "theme.yaml", project / "templates" / "theme.yaml")
    result = CliRunner().invoke(main, ["check", "-p", str(project)], catch_exceptions=False)
    assert result.exit_code == 0, result.output


def test_reference_pictures_are_shown_like_inline_ones(project: Path) -> None:
    edit(project / INTRO, PICTURE, "![A calm room][Room]\n\n[room]: ../images/room.png 'Rooms'")
    course, warnings = validate(load_project(project))
    intro = next(m for m in course.modules if m.id == "intro")
    assert [image.path for image in intro.images] == ["content/images/room.png"]
    assert '![A calm room](<content/images/room.png> "Rooms")' in intro.prose
    assert not warnings


def test_the_alias_bomb_is_refused_early_in_little_memory() -> None:
    tracemalloc.start()
    started = time.monotonic()
    problems = _Problems()
    try:
        assert parse_yaml(bomb(), "content/course.yaml", problems) is None
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.monotonic() - started < 2
    assert peak < 5 * 1024 * 1024
    (problem,) = problems.errors
    assert problem.location is not None and problem.location.line > 0
    assert "more than 500,000 values" in problem.message


def test_a_50_mb_module_is_refused_before_it_is_read(project: Path) -> None:
    with (project / INTRO).open("a", encoding="utf-8") as handle:
        handle.write(("Rooms shape how people feel. " * 35 + "\n\n") * 50_000)
    assert (project / INTRO).stat().st_size > 50_000_000
    started = time.monotonic()
    result = CliRunner().invoke(main, ["check", "-p", str(project)], catch_exceptions=False)
    assert time.monotonic() - started < 10
    assert result.exit_code == 1
    assert_refused(result.output, "content/modules/intro.md", "at most 2 MB", "split it")


def test_watch_reports_every_content_error_and_picks_up_the_fix(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import watchfiles

    course = project / COURSE

    def fake_watch(*folders: str, **options: object):
        edit(course, "date: 2025-03-04", "date: 2026-02-30")
        yield {(watchfiles.Change.modified, str(course))}
        edit(course, "date: 2026-02-30", "date: 2025-03-05")
        yield {(watchfiles.Change.modified, str(course))}

    monkeypatch.setattr(watchfiles, "watch", fake_watch)
    result = CliRunner().invoke(
        main,
        ["watch", "-p", str(project), "-a", "all-staff", "--only", "handout", "-j", "1"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert "content/course.yaml:6:7: error: '2026-02-30' looks like a date" in result.output
    assert "The last good outputs are kept" in result.output
    assert result.output.count("Built 1 file") == 2  # the first build and the fix
    assert result.output.rstrip().endswith("Stopped watching.")
    handout = project / "output" / "all-staff" / "safe-rooms-all-staff-handout.pdf"
    assert "5 March 2025" in all_text(handout)


def test_watch_survives_an_unexpected_failure(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import watchfiles

    import materials_gen.build as build_module

    real_build = build_module.build
    calls: list[int] = []

    def flaky_build(*args: object, **kwargs: object):
        calls.append(1)
        if len(calls) == 2:
            raise RecursionError("maximum recursion depth exceeded")
        return real_build(*args, **kwargs)

    def fake_watch(*folders: str, **options: object):
        for _ in range(2):
            yield {(watchfiles.Change.modified, str(project / INTRO))}

    monkeypatch.setattr(build_module, "build", flaky_build)
    monkeypatch.setattr(watchfiles, "watch", fake_watch)
    result = CliRunner().invoke(
        main,
        ["watch", "-p", str(project), "-a", "all-staff", "--only", "handout", "-j", "1"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert "error: the build failed unexpectedly (RecursionError" in result.output
    assert len(calls) == 3 and result.output.rstrip().endswith("Stopped watching.")


def test_blocks_nested_deep_are_laid_out_once_each(tmp_path: Path) -> None:
    """Sixty plain ':::' blocks inside each other in a module's text and in its notes: each
    is laid out once, so the handout and the guide are made in seconds (laying each out
    twice doubled the work at every level: a build that never ended)."""
    import subprocess
    import sys

    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    depth = 60
    opened = "".join(f"{':' * (3 + depth - n)} {{.part{n}}}\n" for n in range(depth))
    closed = "".join(f"{':' * (3 + n)}\n" for n in range(1, depth + 1))
    nested = f"{opened}Deep inside.\n{closed}"
    edit(
        project / "content" / "modules" / "intro.md",
        "Rooms shape how",
        nested + "\nRooms shape how",
    )
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "materials_gen",
            "build",
            "-p",
            str(project),
            "-j",
            "1",
            "--only",
            "handout",
            "--only",
            "guide",
            "-a",
            "all-staff",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    handout = next((project / "output").rglob("*-handout.pdf"))
    assert "Deep inside." in all_text(handout)


@pytest.mark.parametrize("stars", [1000, 2000])
def test_emphasis_nested_thousands_deep_is_an_error_at_its_line(tmp_path: Path, stars: int) -> None:
    """Four kilobytes of '*' nested emphasis 2,000 deep: a RecursionError traceback (1,000
    deep: "RecursionError ... pickling", without a file or line)."""
    import json
    import shutil

    from click.testing import CliRunner

    from materials_gen.cli import main

    from .conftest import PROJECTS

    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    intro = project / "content" / "modules" / "intro.md"
    text = intro.read_text(encoding="utf-8")
    intro.write_text(text + "\n" + "*" * stars + "a" + "*" * stars + "\n", encoding="utf-8")
    line = text.count("\n") + 2
    for command in ("check", "build"):
        result = CliRunner().invoke(main, [command, "-p", str(project)])
        assert result.exit_code == 1 and "Traceback" not in result.output, result.output
        assert f"content/modules/intro.md:{line}: error: bold, italic" in result.output
    result = CliRunner().invoke(main, ["check", "-p", str(project), "--json"])
    assert json.loads(result.stdout)["ok"] is False


@pytest.mark.parametrize(
    ("body", "mark"),
    [("[" * 200_000, "'['"), ("![" * 100_000, "'['"), ("*_" * 100_000, "'*, _ or ~'")],
    ids=["brackets", "picture-marks", "emphasis-marks"],
)
def test_a_paragraph_of_markdown_marks_is_refused_before_it_is_read(
    tmp_path: Path, body: str, mark: str
) -> None:
    """Markdown looks for each '[''s closing ']' from where it stands: 2 MB of '[' took
    check eight minutes (and '*_' a minute). Such a paragraph is refused at its line, at
    once."""
    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    intro = project / "content" / "modules" / "intro.md"
    text = intro.read_text(encoding="utf-8")
    intro.write_text(text + "\n" + body + "\n", encoding="utf-8")
    started = time.monotonic()
    result = CliRunner().invoke(main, ["check", "-p", str(project)])
    assert time.monotonic() - started < 20
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    said = " ".join(result.output.split())
    assert f"content/modules/intro.md:{text.count(chr(10)) + 2}: error: this paragraph has" in said
    assert f"{mark}; a paragraph may have at most" in said


@pytest.mark.parametrize(
    "line",
    [
        "![a](x" + " a" * 200_000,  # a picture's name with spaces, never closed
        "![a](x" + " " * 400_000 + "y",
        "[[fill in a" + " " * 400_000 + "x",  # a mark left open
        "::: a" + " " * 400_000 + "x",  # a block's words
        "::: {audience=a" + " " * 400_000 + "x",
        "[" * 900 + "a" * 400_000,
    ],
    ids=["picture", "picture-spaces", "fill-in", "fence", "audience", "brackets"],
)
def test_a_long_line_is_read_in_time_in_proportion_to_it(tmp_path: Path, line: str) -> None:
    """Patterns run on each line of a module took time growing with the square of its
    spaces: a 1.9 MB line (under the 2 MB a file may have) had `check` run for hours. The
    check must end (it says what it finds); a run past two minutes is a hang."""
    import subprocess
    import sys

    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    intro = project / "content" / "modules" / "intro.md"
    intro.write_text(intro.read_text(encoding="utf-8") + "\n\n" + line + "\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "materials_gen", "check", "-p", str(project)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in done.stdout + done.stderr


def test_many_alike_warnings_are_told_in_a_screenful(tmp_path: Path) -> None:
    """Two hundred empty '#' headings pasted into a module: check names the first five at
    their lines, then counts the rest from the line where they go on; --json lists all."""
    import json

    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    intro = project / "content" / "modules" / "intro.md"
    text = intro.read_text(encoding="utf-8")
    intro.write_text(text + "\n" + "#\n\n" * 200, encoding="utf-8")
    first = text.count("\n") + 2
    result = CliRunner().invoke(main, ["check", "-p", str(project)])
    assert result.exit_code == 0, result.output
    said = result.output
    assert said.count("warning: a '#' heading inside a module") == 5
    for n in range(5):
        assert f"{INTRO}:{first + 2 * n}: warning: a '#' heading" in said
    assert f"{INTRO}:{first + 10}: warning: ... and 195 more warnings like the one above" in said
    assert "200 warnings" in said
    listed = json.loads(CliRunner().invoke(main, ["check", "-p", str(project), "--json"]).stdout)
    assert sum("'#' heading" in p["message"] for p in listed["problems"]) == 200


@pytest.mark.slow
def test_tens_of_thousands_of_warnings_are_gathered_in_time(tmp_path: Path) -> None:
    """19,000 empty headings (a module may have 20,000 parts): each warning was looked for
    among all before it, so check ran for a minute; gathered in a set, they take seconds."""
    import subprocess
    import sys

    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    intro = project / "content" / "modules" / "intro.md"
    intro.write_text(intro.read_text(encoding="utf-8") + "\n" + "#\n\n" * 19_000, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "materials_gen", "check", "-p", str(project)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "... and 18,995 more warnings like the one above" in done.stderr
    assert "19000 warnings" in done.stdout + done.stderr


@pytest.mark.parametrize(
    "body",
    [
        "a\n\n" * 100_000,  # one-letter paragraphs
        "- a\n" * 100_000,  # list items
        "|a|b|\n|-|-|\n" + "|" * 1_500_000 + "\n",  # a row of cells
        "> - > - " * 2_000 + "a\n\n" + "Word.\n\n" * 30_000,  # marks ahead of a text
    ],
    ids=["paragraphs", "list-items", "table-cells", "nested-marks"],
)
def test_a_module_of_countless_parts_is_refused_before_markdown_reads_it(
    tmp_path: Path, body: str
) -> None:
    """2 MB of one-letter paragraphs (or list items, or table cells) is within the size a
    module may have, but Markdown keeps records of every part: check held 2 GB of memory
    for a minute, then blamed the template. They are counted first, told at the line where
    the count passes the limit."""
    from materials_gen.document import MAX_PARTS

    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    intro = project / INTRO
    text = intro.read_text(encoding="utf-8")
    intro.write_text(text + "\n" + body, encoding="utf-8")
    tracemalloc.start()
    try:
        result = CliRunner().invoke(main, ["check", "-p", str(project)])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    said = " ".join(result.output.split())
    assert f"{INTRO}:" in said and f"more than {MAX_PARTS:,} parts by this line" in said
    assert "template" not in said
    line = int(said.split(f"{INTRO}:", 1)[1].split(":", 1)[0])
    assert line > text.count("\n")  # in what was added, where the count passes
    assert peak < 60 * 1024 * 1024, peak  # Markdown's records of them: hundreds of MB


def test_a_course_of_many_large_modules_is_refused_at_the_line_it_passes_the_limit(
    tmp_path: Path,
) -> None:
    """Each module under its own limit, six of them past what a course may have: told at
    the module and line where the count passes, not as a template's mistake."""
    from materials_gen.document import MAX_COURSE_PARTS, MAX_PARTS

    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    course = project / COURSE
    names = [f"part{n}" for n in range(6)]
    edit(course, "  - practice\n", "  - practice\n" + "".join(f"  - {n}\n" for n in names))
    each = MAX_PARTS - 100
    for n, name in enumerate(names):
        (project / "content" / "modules" / f"{name}.md").write_text(
            f"---\ntitle: Part {n}\nduration: 5\n---\n\n" + "Word here.\n\n" * each,
            encoding="utf-8",
        )
    result = CliRunner().invoke(main, ["check", "-p", str(project)])
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    said = " ".join(result.output.split())
    passes = MAX_COURSE_PARTS // each  # the module in which the count passes the limit
    assert f"content/modules/part{passes}.md:" in said, said
    assert f"more than {MAX_COURSE_PARTS:,} parts by this line" in said
    assert "template" not in said and said.count("error:") == 1


LONG_WORDS = " ".join([("abcdefghij" * 35)] * 200)  # 70,199 characters in 200 words


@pytest.mark.parametrize(
    ("file", "old", "new", "line"),
    [
        (INTRO, "Rooms shape how", LONG_WORDS + "\n\nRooms shape how", 21),
        (INTRO, "notes: Say hello", f"notes: |\n  Say hello.\n\n  {LONG_WORDS}\n\n  And", 15),
        (TABLE, "informed: Noticing", f"informed: {LONG_WORDS}", 0),
    ],
    ids=["module-text", "notes", "table-cell"],
)
def test_a_paragraph_of_too_many_characters_is_refused_at_its_line(
    tmp_path: Path, file: str, old: str, new: str, line: int
) -> None:
    """200 words of 350 letters are within the words a paragraph may have, but laid out
    over 15 pages, each page laying out the rest again (5,000 such words: eight minutes).
    A paragraph may have 50,000 characters: refused at its line, in any text."""
    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    edit(project / file, old, new)
    if not line:  # the table cell's own line
        text = (project / file).read_text(encoding="utf-8")
        line = text[: text.index(LONG_WORDS)].count("\n") + 1
    result = CliRunner().invoke(main, ["check", "-p", str(project)])
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    said = " ".join(result.output.split())
    assert f"{file}:{line}" in said, said
    assert "this paragraph has 70,199 characters; a paragraph can have at most 50,000" in said


def test_a_template_that_joins_paragraphs_past_the_limit_is_refused(project: Path) -> None:
    """Paragraphs within the limit, joined by a template's loop into one of 700,000
    characters: refused in what the template wrote, before it is laid out."""
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates" / "handout.md.j2").write_text(
        "---\ntitle: x\n---\n{% for i in range(2000) %}" + "abcdefghij" * 35 + " {% endfor %}\n",
        encoding="utf-8",
    )
    args = ["build", "-p", str(project), "--only", "handout", "-a", "all-staff", "-j", "1"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    said = " ".join(result.output.split())
    assert "intermediate handout for all-staff:4: error: this paragraph has 702,000" in said
    assert "a paragraph can have at most 100,000" in said  # twice a content paragraph's


def test_a_long_thai_paragraph_is_cut_into_lines_in_time(tmp_path: Path) -> None:
    """A Thai paragraph of 48,000 characters, its words longer than a line: each word was
    shaped again at every piece added to a line, and again on each page (16 s); each piece
    is now shaped once. It prints whole (two minutes is a hang)."""
    import subprocess
    import sys

    word = ("การดูแลผู้ป่วยที่ได้รับบาดเจ็บทางจิตใจต้องใช้ความเข้าใจและความอดทน" * 3)[:130]
    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    edit(project / INTRO, "Rooms shape how", " ".join([word] * 365) + "\n\nRooms shape how")
    args = ["build", "-p", str(project), "--only", "handout", "-a", "all-staff", "-j", "1"]
    done = subprocess.run(
        [sys.executable, "-m", "materials_gen", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    handout = next((project / "output").rglob("*-handout.pdf"))
    found = run(tool("pdftotext"), str(handout), "-").stdout
    assert "".join(found.split()).count(word[:40]) >= 365


SPACES = " " * 300_000  # a long run of blanks: patterns that tried it at every space hung


@pytest.mark.parametrize(
    ("place", "text", "said"),
    [
        (  # a YAML mistake beside it: the message's own patterns took hours
            TABLE,
            f"rows:\n  - one\n-a{SPACES}b\n  - two\n",
            "line 3 has text but no `name:` before it",
        ),
        (  # a text value holding it: tidying a value's tabs took minutes, then refused it
            TABLE,
            f"title: R{SPACES}x\ncolumns:\n  - id: a\n    heading: A\n",
            "characters",
        ),
        (  # a body of lines opening a bracket: each scanned to the end of the body
            INTRO,
            "---\ntitle: Brackets\nduration: 10\n---\n\n" + "[a\n" * 80_000,
            "[",
        ),
    ],
    ids=["yaml mistake", "long value", "brackets"],
)
def test_a_long_run_of_blanks_or_brackets_is_told_at_once(
    project: Path, place: str, text: str, said: str
) -> None:
    """A shared project must not hang check: a file of a few hundred kilobytes with a long
    run of spaces (or of lines opening a bracket) kept it busy for minutes to hours, in
    patterns whose time grew with the square of the run."""
    (project / place).write_text(text, encoding="utf-8")
    started = time.monotonic()
    result = CliRunner().invoke(main, ["check", "-p", str(project)], catch_exceptions=False)
    assert time.monotonic() - started < 10
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert said in result.output


def test_tidying_and_joining_text_takes_time_in_step_with_its_length() -> None:
    """The helpers every text value and template cell go through, on a run of blanks that
    is not what they look for (a tab, a line break): each run is looked at once."""
    from materials_gen.pasted import tidy_line, tidy_value
    from materials_gen.templating import _cell, _oneline

    started = time.monotonic()
    assert tidy_value(f"a{SPACES}b")[0] == f"a{SPACES}b"
    assert tidy_line(f"a{SPACES}b\tc")[0] == f"a{SPACES}b c"
    assert tidy_value(f"a{SPACES}\u2028 b")[0] == "a\u2028b"
    assert _oneline(f"a{SPACES}b") == f"a{SPACES}b" and _cell(f"a{SPACES}\n b|") == "a b\\|"
    assert time.monotonic() - started < 5


def _spaces_run() -> str:
    return "clinical" + " " * 40_000 + "x"


# Text a shared project may hold within every limit, on which a pattern tried every way took
# minutes (each was seconds at half these lengths, four times as long at these): each is now
# read in one pass. (A bound of seconds guards against a hang; speed itself is measured in
# benchmarks/.)
QUADRATIC = {
    "a YAML slip's search for odd spaces, on a line of '- '": lambda: parse_yaml(
        "title: |\n  " + "- " * 60_000 + "x\ncolumns: [\n", "f.yaml", _Problems()
    ),
    "a table's delimiter row, under a line with '|', on a line of spaces": lambda: __import__(
        "materials_gen.document", fromlist=["x"]
    ).body_problems("a | b\n" + " " * 60_000 + "x\n", 40),
    "an audience fence in a YAML text, among thousands of fences": lambda: __import__(
        "materials_gen.validate", fromlist=["x"]
    )._audience_fence(" ".join(["::::::::"] * 8_000)),
    "an unknown audience's name with a run of spaces": lambda: __import__(
        "materials_gen.validate", fromlist=["x"]
    )._audience_hint(_spaces_run(), {"clinical", "all-staff"}),
    "a long word of dots that is nearly an e-mail address": lambda: __import__(
        "materials_gen.fit", fromlist=["x"]
    ).is_address("a@" + ("." * 998 + "\u4e2d") * 9 + "." * 900 + "("),
    "a paragraph of backtick runs, none closed (code spans looked for)": lambda: __import__(
        "materials_gen.load", fromlist=["x"]
    ).code_blanked(" ".join("`" * n + "a" for n in range(1, 3_000))),
    "a module of unclosed comments (comments left out of its text)": lambda: __import__(
        "materials_gen.load", fromlist=["x"]
    ).without_comments("Intro `x`.\n\n" + "<!-- x\n\n" * 100_000),
    "lines that open code blocks and never close them": lambda: __import__(
        "materials_gen.load", fromlist=["x"]
    ).code_blanked("".join("`" * n + " x\n" for n in range(3, 2_000))),
    "a code block's closing line of a million backticks": lambda: __import__(
        "materials_gen.load", fromlist=["x"]
    ).code_blanked("```\n" + "`" * 1_000_000 + "~ x\n"),
    "hundreds of unknown long names, each compared for a hint": lambda: [
        __import__("materials_gen.errors", fromlist=["x"]).did_you_mean(
            "ab" * 95 + str(n), ["ba" * 95 + str(m) for m in range(300)]
        )
        for n in range(300)
    ],
}


@pytest.mark.parametrize(
    ("text", "code", "comments"),
    [
        ("a `b` c", ["`b`"], []),
        ("a ``b ` c`` d", ["``b ` c``"], []),
        ("a ``b` c", [], []),  # never closed: its backticks are text
        ("a `b\n\nc` d", [], []),  # not across a paragraph's end
        ("x <!-- `y` --> z", [], [" <!-- `y` --> "]),
        ("x `<!-- y -->` z", ["`<!-- y -->`"], []),  # a comment in code is code
        ("x <!-- y\n\nz", [], []),  # never closed: left as written
        ("```py\n<!-- k -->\n````\nafter <!-- c -->", ["```py\n<!-- k -->\n````"], [" <!-- c -->"]),
        ("~~~\n`x`\n```\nmore", ["`x`"], []),  # a block never closed: none
    ],
)
def test_code_and_comments_are_found_as_markdown_reads_them(
    text: str, code: list[str], comments: list[str]
) -> None:
    """The one pass that finds a module's code and comments (which took minutes as
    patterns tried at every unclosed mark) finds what Markdown reads: a span closed by a
    run as long in its paragraph, a block by a fence as long or longer, a comment by the
    next ``-->``."""
    from materials_gen.load import code_and_comments

    found = code_and_comments(text)
    assert [text[a:b] for a, b, what in found if what == "code"] == code
    assert [text[a:b] for a, b, what in found if what == "comment"] == comments


@pytest.mark.parametrize("name", sorted(QUADRATIC))
def test_text_that_patterns_tried_every_way_is_read_in_one_pass(name: str) -> None:
    started = time.process_time()
    QUADRATIC[name]()
    assert time.process_time() - started < 5, name


def test_a_trainer_s_own_hidden_temporary_files_are_never_deleted(tmp_path: Path) -> None:
    """A build or a clean into a folder given with --output deleted, anywhere under it,
    every file named like materials-gen 0.x's temporary files (".draft.md.abc123.tmp"),
    though no build had made them. Only such a file beside an output, in a folder a build
    made, is an interrupted build's."""
    project = tmp_path / "p"
    shutil.copytree(PROJECTS / "minimal", project)
    out = tmp_path / "out"
    mine = [out / "notes" / ".draft.md.abc123.tmp", out / "a" / "b" / ".report.pdf.k3j4h5g6.tmp"]
    for path in mine:
        path.parent.mkdir(parents=True)
        path.write_text("a trainer's own", encoding="utf-8")
    for command in (["build", "--only", "poster"], ["clean"]):
        result = CliRunner().invoke(main, [*command, "-p", str(project), "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert "interrupted build" not in result.output
        assert all(path.read_text(encoding="utf-8") == "a trainer's own" for path in mine)


def test_folders_nested_a_thousand_deep_never_stop_check_build_or_clean(tmp_path: Path) -> None:
    """content/ nesting 1,100 folders (a hint for a missing picture looks through it) and a
    shipped output/.materials-gen-staging as deep: check, build and clean stopped with a
    RecursionError traceback. Each says what it says of any project."""
    project = tmp_path / "p"
    shutil.copytree(PROJECTS / "minimal", project)
    for top in (project / "content" / "deep", project / "output" / ".materials-gen-staging"):
        folder = str(top)
        os.makedirs(folder, exist_ok=True)
        for _ in range(1_100):  # one at a time: os.makedirs calls itself a level
            folder = os.path.join(folder, "d")
            os.mkdir(folder)
    from materials_gen.write import _remove_tree

    try:
        intro = project / "content" / "modules" / "intro.md"
        edit(intro, "](../images/room.png)", "](/no/room.png)")
        result = CliRunner().invoke(main, ["check", "-p", str(project)])
        assert result.exit_code == 1 and "Traceback" not in result.output, result.output
        edit(intro, "](/no/room.png)", "](../images/room.png)")
        for command in ("build", "clean"):
            result = CliRunner().invoke(main, [command, "-p", str(project)])
            assert result.exit_code == 0, result.output
        assert not (project / "output").exists()
    finally:  # (pytest's own clean-up of old temporary folders calls itself a level)
        assert _remove_tree(project / "content" / "deep")
        _remove_tree(project / "output")


def test_a_course_of_countless_audiences_or_languages_is_refused_at_once(tmp_path: Path) -> None:
    """Audiences and languages had no limit: 300 audiences listed in 8.6 KB of course.yaml
    kept check busy for minutes and build for twelve (3,322 files, 302 MB); the file's size
    limit allowed thousands. Each audience in each language is a set of outputs: past 30
    audiences, 20 languages or 100 of both together, check and build stop at once, at the
    place to change, with nothing written."""
    project = tmp_path / "p"
    shutil.copytree(PROJECTS / "minimal", project)
    course = project / "content" / "course.yaml"
    many = "".join(f"  - id: group-{n}\n    name: Group {n}\n" for n in range(40))
    edit(course, "audiences:\n", "audiences:\n" + many)
    line = course.read_text(encoding="utf-8").splitlines().index("  - id: group-30") + 1
    for command in ("check", "build", "list"):
        started = time.process_time()
        result = CliRunner().invoke(main, [command, "-p", str(project)])
        assert time.process_time() - started < 5, command
        assert result.exit_code == 1, result.output
        assert f"content/course.yaml:{line}:5: error: a course has at most 30 audiences" in (
            result.output
        )
    assert not (project / "output").exists()
    edit(course, "audiences:\n" + many, "audiences:\n")
    tags = [
        "de",
        "fr",
        "it",
        "pt",
        "nl",
        "sv",
        "da",
        "fi",
        "pl",
        "cs",
        "sk",
        "hu",
        "ro",
        "bg",
        "el",
        "tr",
        "ru",
        "uk",
        "he",
        "ar",
    ]
    for tag in tags:  # and the course's own: 21
        (project / "content" / "translations" / tag).mkdir(parents=True)
    result = CliRunner().invoke(main, ["check", "-p", str(project)])
    assert result.exit_code == 1, result.output
    assert "content/translations: error: a course is built in at most 20 languages" in (
        result.output
    )
    for tag in tags[5:]:
        (project / "content" / "translations" / tag).rmdir()
    few = "".join(f"  - id: group-{n}\n    name: Group {n}\n" for n in range(16))
    edit(course, "audiences:\n", "audiences:\n" + few)  # 18 audiences in 6 languages
    result = CliRunner().invoke(main, ["check", "-p", str(project)])
    assert result.exit_code == 1, result.output
    assert "at most 100 audiences in all its languages, and this one for 108" in result.output


def test_thousands_of_wrong_entries_in_a_list_are_each_told_at_once(tmp_path: Path) -> None:
    """3,000 numbers where a module's key points (texts) go: each error's hint was found by
    validating the whole module again with the entry quoted, so that check took minutes.
    What a list's entries take is found once for them all; each is still told at its line."""
    project = tmp_path / "p"
    shutil.copytree(PROJECTS / "minimal", project)
    intro = project / "content" / "modules" / "intro.md"
    numbers = "".join(f"  - {n}\n" for n in range(3_000))
    edit(intro, "key_points:\n", "key_points:\n" + numbers)
    started = time.process_time()
    result = CliRunner().invoke(main, ["check", "-p", str(project)])
    assert time.process_time() - started < 20
    assert result.exit_code == 1, result.output
    assert result.output.count("must be text, not a number") == 3_000
    assert 'hint: put the value in quotes: "2999"' in result.output


def test_a_quote_drawn_with_many_question_marks_is_looked_up_at_once(tmp_path: Path) -> None:
    """A text drawn with a '?' for each emoji (a row of stars in a poster cell) is looked
    for in every text of the project to name its line: each '?' matched one to three
    characters, and a quote found nowhere took time growing threefold with each '?' (ten
    took a minute and a half over the kit). It is looked up in one pass; a run past two
    minutes is a hang."""
    import subprocess
    import sys

    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from materials_gen.load import load_project\n"
        "from materials_gen.sources import SourceIndex\n"
        "index = SourceIndex.of(load_project(Path(sys.argv[1])))\n"
        "print(index.locate('?' * 40 + ' Rate this session'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(project)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0 and done.stdout.strip() == "None", done.stderr


@pytest.mark.parametrize(
    "paragraph",
    [" ".join(["![a"] * 990), "[ " * 990 + "!!!!!!!!!! " * 3900],
    ids=["pictures-never-closed", "brackets-before-a-long-text"],
)
def test_brackets_never_closed_across_a_module_are_refused_before_they_are_read(
    tmp_path: Path, paragraph: str
) -> None:
    """Each paragraph under the limit of '[' (990 of them), yet Markdown reads on to the
    paragraph's end for each one never closed: 400 such paragraphs took check more than
    twenty minutes, one 44,000-character paragraph 24 seconds. Refused at once, at the
    line where the reading passes its limit, saying how to close or escape them."""
    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    intro = project / "content" / "modules" / "intro.md"
    text = intro.read_text(encoding="utf-8")
    many = 40 if paragraph.startswith("!") else 1
    intro.write_text(text + "\n" + "\n\n".join([paragraph] * many) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "-p", str(project)])
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    said = " ".join(result.output.split())
    assert f"content/modules/intro.md:{text.count(chr(10)) + 2}: error: the text has" in said
    assert "that no ']' closes in its paragraph" in said
    assert "write \\[ for a bracket that is only text" in said


def test_a_picture_mark_in_each_of_many_paragraphs_is_read_in_linear_time(
    tmp_path: Path,
) -> None:
    """One '![' never closed in each of 4,000 paragraphs: every pattern that looks for a
    picture read on from each to the end of the module (35 seconds for check). A picture's
    words end with their paragraph, so each is read to its own paragraph's end."""
    from materials_gen.images import IMAGE

    assert IMAGE.search("![a calm\nroom](images/room.png)")  # its words over two lines
    assert not IMAGE.search("![a calm\n\nroom](images/room.png)")  # not over two paragraphs
    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    intro = project / "content" / "modules" / "intro.md"
    paragraph = "![a picture " + "of the room where we meet " * 3
    text = intro.read_text(encoding="utf-8")
    intro.write_text(text + "\n" + "\n\n".join([paragraph] * 4000) + "\n", encoding="utf-8")
    started = time.monotonic()
    result = CliRunner().invoke(main, ["check", "-p", str(project)])
    assert time.monotonic() - started < 20, "the patterns read on past each paragraph"
    assert "Traceback" not in result.output, result.output
