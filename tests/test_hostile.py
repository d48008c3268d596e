"""A corpus of broken and hostile projects: each gets a clear message, exit 1, and loses nothing.

Every case starts from the small 'minimal' project after a good build, breaks it one way,
and builds again through the real command. The message must name the file (and the line,
where there is one), the exit status must be 1, no traceback may show, and the files of the
good build must be exactly as they were.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation

from materials_gen.cli import main

from .conftest import PROJECTS, all_text, edit, said

Mutation = Callable[[Path], None]


def replace(file: str, old: str, new: str) -> Mutation:
    return lambda project: edit(project / file, old, new)


def write(file: str, text: str | bytes) -> Mutation:
    def apply(project: Path) -> None:
        path = project / file
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")

    return apply


def both(*mutations: Mutation) -> Mutation:
    def apply(project: Path) -> None:
        for mutation in mutations:
            mutation(project)

    return apply


def link(file: str, target: str) -> Mutation:
    def apply(project: Path) -> None:
        path = project / file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
        os.symlink(target, path)

    return apply


COURSE = "content/course.yaml"
INTRO = "content/modules/intro.md"
TABLE = "content/tables/approaches.yaml"
POSTER = "poster:\n  panel:\n    points:\n      all-staff: [Notice]\n      clinicl: [Treat]\n"

# name: (mutation, where the message must point, what it must say)
CASES: dict[str, tuple[Mutation, str, str]] = {
    "yaml syntax": (
        replace(COURSE, "subtitle: A two-module test course", "subtitle: Part 1: rooms"),
        "content/course.yaml:2:",
        "has a colon and a space in it",
    ),
    "tab indentation": (
        replace(COURSE, "  - id: clinical", "\t- id: clinical"),
        "content/course.yaml:14:",
        "indented with a tab",
    ),
    "list where text is expected": (
        replace(INTRO, "title: Welcome to safe rooms", "title: [a, b]"),
        "content/modules/intro.md:2:",
        "'title' must be text, not a list",
    ),
    "number as a title": (
        replace(COURSE, "title: Safe Rooms", "title: 42"),
        "content/course.yaml:1:",
        "'title' must be text, not a number (42)",
    ),
    "unknown course key": (
        replace(COURSE, "summary:", "sumary:"),
        "content/course.yaml:9:",
        "did you mean 'summary'?",
    ),
    "unknown audience key": (
        replace(COURSE, "    name: All staff", "    nme: All staff"),
        "content/course.yaml:12:",
        "did you mean 'name'?",
    ),
    "unknown support key": (
        replace(COURSE, "    details: Ring the front desk.", "    detail: Ring the front desk."),
        "content/course.yaml:20:",
        "did you mean 'details'?",
    ),
    "unknown settings key": (
        replace(COURSE, "  paper: a4", "  papr: a4"),
        "content/course.yaml:28:",
        "did you mean 'paper'?",
    ),
    "unknown poster setting": (
        replace(COURSE, "  paper: a4", "  paper: a4\n  poster:\n    sise: A2"),
        "content/course.yaml:30:",
        "did you mean 'size'?",
    ),
    "unknown activity key": (
        replace("content/modules/practice.md", "    duration: 5", "    duraton: 5"),
        "content/modules/practice.md:15:",
        "did you mean 'duration'?",
    ),
    "unknown column key": (
        replace(TABLE, "    heading: Informed", "    headng: Informed"),
        "content/tables/approaches.yaml:6:",
        "did you mean 'heading'?",
    ),
    "misspelt audience in support": (
        replace(COURSE, "    audience: clinical", "    audience: clinicals"),
        "content/course.yaml:23:",
        "unknown audience 'clinicals'",
    ),
    "misspelt audience in a list variant": (
        replace(COURSE, "settings:", POSTER + "settings:"),
        "content/course.yaml:",
        "unknown audience 'clinicl'",
    ),
    "misspelt audience in includes": (
        replace(COURSE, "includes: [all-staff]", "includes: [all-staf]"),
        "content/course.yaml:16:",
        "includes unknown audience 'all-staf'",
    ),
    "duplicate audience id": (
        replace(COURSE, "  - id: clinical", "  - id: all-staff"),
        "content/course.yaml:14:",
        "audience 'all-staff' is defined twice (first on line 11)",
    ),
    "duplicate module": (
        replace(COURSE, "  - practice\n", "  - practice\n  - intro\n"),
        "content/course.yaml:27:",
        "listed twice",
    ),
    "duplicate column id": (
        replace(TABLE, "  - id: competent", "  - id: informed"),
        "content/tables/approaches.yaml:7:",
        "column 'informed' is defined twice (first on line 5)",
    ),
    "duplicate YAML key": (
        replace(COURSE, "slug: safe-rooms", "slug: safe-rooms\nslug: rooms"),
        "content/course.yaml:4:",
        "given twice",
    ),
    "circular includes": (
        replace(
            COURSE,
            "    description: Everyone who works here.",
            "    description: Everyone who works here.\n    includes: [clinical]",
        ),
        "content/course.yaml:",
        "includes itself",
    ),
    "missing module file": (
        replace(COURSE, "  - practice\n", "  - practise\n"),
        "content/course.yaml:26:",
        "no module file for 'practise'",
    ),
    "missing table": (
        replace("content/modules/practice.md", "tables: [approaches]", "tables: [aproaches]"),
        "content/modules/practice.md:12:",
        "no table 'aproaches'",
    ),
    "missing image": (
        replace(INTRO, "../images/room.png", "../images/rooms.png"),
        "content/modules/intro.md:23",
        "picture '../images/rooms.png' not found",
    ),
    "image Pillow cannot read": (
        write("content/images/room.png", b"\x89PNG\r\n\x1a\nbroken"),
        "content/modules/intro.md:23",
        "not a picture materials-gen can read",
    ),
    "image with too many pixels": (
        lambda p: (
            __import__("PIL.Image")
            .Image.new("1", (12000, 12000))
            .save(p / "content/images/room.png")
        ),
        "content/modules/intro.md:23",
        "more than 50 million pixels",
    ),
    "image over 50 MB": (
        write("content/images/room.png", b"\x89PNG" + b"\0" * (51 * 1024 * 1024)),
        "content/modules/intro.md:23",
        "larger than 50 MB",
    ),
    "image outside the project (absolute)": (
        replace(INTRO, "../images/room.png", "/etc/hostname"),
        "content/modules/intro.md:23",
        "",
    ),
    "image outside the project (../..)": (
        replace(INTRO, "../images/room.png", "../../../../../../etc/hostname"),
        "content/modules/intro.md:23",
        "",
    ),
    "module that links outside": (
        link("content/modules/outside.md", "/etc/hostname"),
        "content/modules/outside.md",
        "outside the project",
    ),
    "corrupt deck template": (
        both(
            write("templates/brand.pptx", b"PK\x03\x04 not really"),
            replace(
                COURSE, "  paper: a4", "  paper: a4\n  deck:\n    template: templates/brand.pptx"
            ),
        ),
        "templates/brand.pptx",
        "cannot be opened as PowerPoint",
    ),
    "deck template that is not PowerPoint": (  # told at its setting, before any build
        both(
            write("templates/brand.pptx", b""),
            replace(
                COURSE, "  paper: a4", "  paper: a4\n  deck:\n    template: templates/brand.pptx"
            ),
        ),
        "content/course.yaml:30:5",
        "is not a PowerPoint file, whatever its name",
    ),
    "deck template outside the project": (
        replace(COURSE, "  paper: a4", "  paper: a4\n  deck:\n    template: /etc/x.pptx"),
        "content/course.yaml:30:",
        "outside the project",
    ),
    "missing font file": (
        write("templates/theme.yaml", "fonts:\n  body:\n    regular: fonts/Brand.ttf\n"),
        "templates/theme.yaml",
        "font file 'fonts/Brand.ttf' does not exist",
    ),
    "font file name longer than the system allows": (
        write("templates/theme.yaml", "fonts:\n  body:\n    regular: " + "a" * 300 + ".ttf\n"),
        "templates/theme.yaml:3",
        "does not exist",
    ),
    # a picture's path the system cannot look up (too long a name, a NUL byte written the
    # web's way) is a picture not found, and a near miss is looked for only inside the
    # project: /etc/PASSWD once listed /etc, found passwd, and printed a traceback
    "picture name longer than the system allows": (
        replace(INTRO, "../images/room.png", "../images/" + "a" * 300 + ".png"),
        "content/modules/intro.md:23",
        "not found",
    ),
    "picture path with a NUL byte": (
        replace(INTRO, "../images/room.png", "../images/room%00.png"),
        "content/modules/intro.md:23",
        "picture '../images/room%00.png' not found",
    ),
    "picture outside the project named in other capitals": (
        replace(INTRO, "../images/room.png", "../../../../../../../../../../etc/PASSWD"),
        "content/modules/intro.md:23",
        "picture '../../../../../../../../../../etc/PASSWD' not found",
    ),
    "picture at an absolute path named in other capitals": (
        replace(INTRO, "../images/room.png", "/etc/PASSWD"),
        "content/modules/intro.md:23",
        "picture '/etc/PASSWD' is named by where it is on this computer",
    ),
    "template syntax error": (
        write("templates/handout.md.j2", "x\n{% for m in course.modules %}\n"),
        "templates/handout.md.j2:2:",
        "this {% for %} is never closed",
    ),
    "undefined template variable": (
        write("templates/poster.md.j2", "---\n---\n{{ course.nope }}\n"),
        "templates/poster.md.j2:3",
        "there is no field 'nope'",
    ),
    "sandbox: class walk": (
        write("templates/handout.md.j2", "{{ ''.__class__.__mro__[1].__subclasses__() }}\n"),
        "templates/handout.md.j2:1",
        "",
    ),
    "sandbox: globals": (
        write("templates/handout.md.j2", "{{ cycler.__init__.__globals__.os }}\n"),
        "templates/handout.md.j2:1",
        "",
    ),
    "sandbox: reading a file": (
        write("templates/handout.md.j2", "{% include '/etc/hostname' %}\n"),
        "templates/handout.md.j2:1",
        "not found",
    ),
    "template that links outside": (
        link("templates/handout.md.j2", "/etc/hostname"),
        "",
        "the template templates/handout.md.j2 is a link to a file outside",
    ),
    "paragraph too long": (
        replace(INTRO, "Rooms shape how", "word " * 5001 + "Rooms shape how"),
        "content/modules/intro.md:21",
        "at most 5,000",
    ),
    "bad language tag": (
        replace(COURSE, "language: en-GB", "language: English (UK)"),
        "content/course.yaml:7:",
        "not a language tag",
    ),
    "language tag of 272 characters": (
        replace(COURSE, "language: en-GB", "language: en" + "-abcdefgh" * 30),
        "content/course.yaml:7:",
        "not a language tag",
    ),
    "number of 15,000 binary digits": (
        replace(INTRO, "duration: 10", "duration: 0b" + "1" * 15_000),
        "content/modules/intro.md:3:",
        "a run of 15,002 characters with no space in it",
    ),
    "number of 3,600 hexadecimal digits": (
        replace(INTRO, "duration: 10", "duration: 0x" + "f" * 3_600),
        "content/modules/intro.md:3:",
        "a run of 3,602 characters with no space in it",
    ),
    "number of 900 hexadecimal digits": (  # read as text, not built digit by digit
        replace(INTRO, "duration: 10", "duration: 0x" + "f" * 900),
        "content/modules/intro.md:3:",
        "must be a whole number of minutes",
    ),
    "sexagesimal number of 300 groups": (
        replace(INTRO, "duration: 10", "duration: " + ":".join(["59"] * 300)),
        "content/modules/intro.md:3:",
        "must be a whole number of minutes",
    ),
    "sexagesimal number of 200,000 groups": (
        replace(INTRO, "duration: 10", "duration: " + ":".join(["59"] * 200_000)),
        "content/modules/intro.md:3:",
        "a run of 599,999 characters with no space in it",
    ),
    "a run of 400,000 characters with no space in the text": (
        replace(INTRO, "Rooms shape how", "<" * 400_000 + " Rooms shape how"),
        "content/modules/intro.md:21",
        "a run of 400,000 characters with no space in it",
    ),
    "speaker notes whose third line is a run of 5,000 characters": (
        replace(
            INTRO,
            "notes: Say hello and explain the session.",
            "notes: |\n  Say hello.\n  Explain the session.\n  " + "x" * 5_000,
        ),
        "content/modules/intro.md:15:",  # the notes start on line 12, their text on 13
        "a run of 5,000 characters with no space in it",
    ),
    "a key point of 5,000 characters with no space": (
        replace(INTRO, "  - Calm rooms help everyone", "  - " + "x" * 5_000),
        "content/modules/intro.md:9:",
        "a run of 5,000 characters with no space in it",
    ),
    "bad date": (
        replace(COURSE, "date: 2025-03-04", "date: 4th of March"),
        "content/course.yaml:6:",
        "must be a date like 2026-11-02",
    ),
    "bad poster size": (
        replace(COURSE, "  paper: a4", "  paper: a4\n  poster:\n    size: huge"),
        "content/course.yaml:30:",
        "'huge' is not a paper size",
    ),
    "not UTF-8": (
        lambda p: (p / INTRO).write_bytes((p / INTRO).read_bytes().replace(b"soft", b"s\xf6ft")),
        "content/modules/intro.md:21",
        "not UTF-8",
    ),
}


@pytest.fixture(scope="module")
def good_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal project after one good build of every output, shared by the cases."""
    project = tmp_path_factory.mktemp("hostile") / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    result = CliRunner().invoke(
        main, ["build", "-p", str(project), "-j", "1"], catch_exceptions=False
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


@pytest.mark.parametrize("case", sorted(CASES))
def test_broken_project(built_project: Path, case: str) -> None:
    mutation, where, what = CASES[case]
    before = snapshot(built_project / "output")
    mutation(built_project)
    result = CliRunner().invoke(
        main, ["build", "-p", str(built_project), "-j", "1"], catch_exceptions=False
    )
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "error: " in result.output
    assert where in result.output, result.output
    assert what in result.output, result.output
    assert re.search(r"\d+ problems? found", result.output)
    assert snapshot(built_project / "output") == before


# The outputs a test reads, and no others (every other kind is built by the corpus's good build).
ONLY_HANDOUT_AND_DECK = ("build", "-j", "1", "--only", "handout", "--only", "deck")
ONLY_POSTER_AND_DECK = ("build", "-j", "1", "--only", "poster", "--only", "deck")

PASTED = {
    "smart quotes": "\u201cQuoted\u201d and \u2018single\u2019 marks",
    "soft hyphen": "safe\u00adguarding",
    "non-breaking space": "10\u00a0minutes",
    "zero-width space": "zero\u200bwidth",
    "tab": "before\tafter",
    "dashes and ellipsis": "calm \u2013 safe \u2014 kind\u2026",
    "accents": "na\u00efve caf\u00e9 \u0141\u00f3d\u017a",
    "greek and cyrillic": "Ελληνικά Кириллица",
    "markup characters": '<b>bold?</b> & "quotes" > less',
}


@pytest.mark.parametrize("name", sorted(PASTED))
def test_text_pasted_from_word_builds_everywhere(project: Path, tmp_path: Path, name: str) -> None:
    text = PASTED[name]
    quoted = "'" + text.replace("'", "''") + "'"  # a YAML single-quoted string
    body = (
        (project / INTRO).read_text(encoding="utf-8").replace("Calm rooms help everyone", quoted, 1)
    )
    (project / INTRO).write_bytes(("\ufeff" + body).replace("\n", "\r\n").encode("utf-8"))
    result = CliRunner().invoke(
        main,
        [*ONLY_HANDOUT_AND_DECK, "-p", str(project), "-o", str(tmp_path), "-a", "all-staff"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    said = [line for line in result.output.splitlines() if "warning:" in line]
    if "<b>" in text:  # printed as typed, as in a module's text: said so, with what to write
        assert len(said) == 1 and "HTML such as <b> is not read" in said[0], said
    else:
        assert not said, said
    visible = (
        text.replace("\u00ad", "").replace("\u200b", "").replace("\t", " ").replace("\u00a0", " ")
    )
    handout = re.sub(
        r"\s+", " ", all_text(tmp_path / "all-staff" / "safe-rooms-all-staff-handout.pdf")
    )
    assert " ".join(visible.split()) in handout.replace("\u00ad", "").replace("\u200b", "")
    deck = Presentation(str(tmp_path / "all-staff" / "safe-rooms-all-staff-deck.pptx"))
    slide_text = "\n".join(
        sh.text_frame.text for s in deck.slides for sh in s.shapes if sh.has_text_frame
    )
    # a tab is one space and invisible characters are gone, on slides as in the handout
    assert " ".join(visible.split()) in " ".join(slide_text.replace("\u00a0", " ").split())
    assert not {"\t", "\u200b", "\u00ad"} & set(slide_text)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("\u0bb5\u0ba3\u0b95\u0bcd\u0b95\u0bae\u0bcd", "Tamil text is not laid out"),
        ("calm \U0001f600", "U+1F600"),
    ],
)
def test_characters_no_font_has_are_named(
    project: Path, tmp_path: Path, text: str, names: str
) -> None:
    edit(project / INTRO, "Calm rooms help everyone", f'"{text}"')
    result = CliRunner().invoke(
        main,
        [*ONLY_HANDOUT_AND_DECK, "-p", str(project), "-o", str(tmp_path), "-a", "all-staff"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0
    assert "warning:" in result.output and names in result.output and "print as" in result.output


def test_control_characters_never_crash(project: Path, tmp_path: Path) -> None:
    body = (project / INTRO).read_bytes().replace(b"Calm rooms", b"Calm\x00 \x1b[31mrooms\x7f")
    (project / INTRO).write_bytes(body)
    result = CliRunner().invoke(
        main,
        [*ONLY_HANDOUT_AND_DECK, "-p", str(project), "-o", str(tmp_path), "-a", "all-staff"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert "removed 3 invisible control characters (U+0000, U+001B, U+007F)" in result.output
    assert "content/modules/intro.md:9:" in result.output


def test_markup_characters_on_slides_and_posters(project: Path, tmp_path: Path) -> None:
    edit(project / TABLE, "informed: Noticing", "informed: 'Noticing <b> & \"more\" >'")
    result = CliRunner().invoke(
        main,
        [*ONLY_POSTER_AND_DECK, "-p", str(project), "-o", str(tmp_path), "-a", "all-staff"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert 'Noticing <b> & "more" >' in all_text(
        tmp_path / "all-staff" / "safe-rooms-all-staff-poster.pdf"
    )
    deck = Presentation(str(tmp_path / "all-staff" / "safe-rooms-all-staff-deck.pptx"))
    cells = [
        c.text_frame.text
        for s in deck.slides
        for sh in s.shapes
        if sh.has_table
        for row in sh.table.rows
        for c in row.cells
    ]
    assert 'Noticing <b> & "more" >' in cells


@pytest.mark.slow
def test_five_hundred_modules_and_two_thousand_bullets(project: Path, tmp_path: Path) -> None:
    modules = project / "content" / "modules"
    text = (modules / "practice.md").read_text().replace("tables: [approaches]\n", "")
    ids = []
    for n in range(500):
        (modules / f"m{n}.md").write_text(text.replace("Putting it into practice", f"Part {n}"))
        ids.append(f"  - m{n}\n")
    edit(project / COURSE, "  - practice\n", "  - practice\n" + "".join(ids))
    bullets = "".join(f"  - Bullet {i} about calm rooms\n" for i in range(2000))
    edit(project / INTRO, "key_points:\n", "key_points:\n" + bullets)
    result = CliRunner().invoke(
        main,
        ["build", "-p", str(project), "-o", str(tmp_path), "-a", "all-staff", "--only", "handout"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    text = all_text(tmp_path / "all-staff" / "safe-rooms-all-staff-handout.pdf")
    assert "Part 499" in text and "Bullet 1999 about calm rooms" in text


def test_control_characters_written_as_yaml_escapes(project: Path, tmp_path: Path) -> None:
    """Found by fuzzing: "\\x1f" in a quoted YAML string is a control character too."""
    edit(project / INTRO, "title: Welcome to safe rooms", 'title: "Welcome\\x1f to safe rooms"')
    result = CliRunner().invoke(
        main,
        [*ONLY_HANDOUT_AND_DECK, "-p", str(project), "-o", str(tmp_path), "-a", "all-staff"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert (
        "content/modules/intro.md:2:8: warning: removed invisible control character U+001F"
        in result.output
    )


def test_a_template_computing_with_a_missing_value(project: Path) -> None:
    (project / "templates").mkdir()
    (project / "templates" / "handout.md.j2").write_text(
        "---\n---\n{{ 1 + course.modules[0].duration + none }}\n"
    )
    result = CliRunner().invoke(main, ["build", "-p", str(project)], catch_exceptions=False)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "templates/handout.md.j2:3: error: the template computes with" in result.output


@pytest.mark.parametrize("src", ["/etc/PASSWD", "../../../../../../etc/PASSWD", "nowhere.png"])
def test_a_missing_picture_a_template_writes_names_the_template(project: Path, src: str) -> None:
    """A picture not found is said at the content line its description is found at; one a
    template wrote, whose description no content holds, was said with no file at all; it
    is said at the template's line that names it."""
    (project / "templates").mkdir()
    (project / "templates" / "handout.md.j2").write_text(
        f"---\ntitle: x\n---\n\n# Hi\n\n![A sign by the door]({src})\n"
    )
    args = ["build", "-p", str(project), "--only", "handout", "-j", "1"]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 1 and "Traceback" not in result.output
    said = f"templates/handout.md.j2:7: error: picture '{src}' not found"
    assert said in result.output, result.output


def test_folders_nested_a_thousand_deep_are_walked(built_project: Path) -> None:
    """Python's own folder walks call themselves once a level: content/ nested 1,000
    folders deep stopped ``build`` with a RecursionError while ``check`` passed. Every
    walk over a project's folders (its inputs, templates, sources, output) now keeps a
    list instead, so both commands read such a project as any other."""
    folder = built_project / "content" / "notes"
    folder.mkdir()
    os.chdir(folder)  # each level made from the last: the path never grows long
    try:
        for _ in range(1_100):
            os.mkdir("a")
            os.chdir("a")
        Path("deep.txt").write_text("kept apart\n", encoding="utf-8")
    finally:
        os.chdir(built_project)
    try:
        for command in (["check"], ["build", "-j", "1"]):
            result = CliRunner().invoke(main, [*command, "-p", str(built_project)])
            assert result.exit_code == 0, result.output
            assert "Traceback" not in result.output and result.exception is None
    finally:  # removed level by level from the deepest: shutil.rmtree calls itself too
        os.chdir(folder)
        try:
            depth = 0
            while os.path.isdir("a"):
                os.chdir("a")
                depth += 1
            os.remove("deep.txt")
            for _ in range(depth):
                os.chdir("..")
                os.rmdir("a")
        finally:
            os.chdir(built_project)


def test_a_heading_nearly_a_page_tall_at_the_end_never_hangs_the_build(tmp_path: Path) -> None:
    """The default kit's handout template ending in a heading nearly a page tall (or taller):
    ReportLab handed it back and forth between the page and a split for ever (86 words of 24
    letters, on the clinical handout's last page). Each build ends within seconds: made, or
    stopped with a message saying where."""
    import subprocess
    import sys

    from .conftest import REPO

    handout = (REPO / "templates" / "handout.md.j2").read_text(encoding="utf-8")
    for words in (86, 100, 150):
        project = tmp_path / str(words)
        shutil.copytree(REPO / "content", project / "content")
        shutil.copytree(REPO / "templates", project / "templates")
        heading = "## " + " ".join(["Extraordinarilywelcoming"] * words)
        page = handout.rstrip("\n") + "\n\n" + heading + "\n"
        (project / "templates" / "handout.md.j2").write_text(page, encoding="utf-8")
        command = [sys.executable, "-m", "materials_gen", "build", "-p", str(project), "-j"]
        command += ["1", "--only", "handout", "-a", "clinical", "-o", str(project / "out")]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        said = done.stdout + done.stderr
        assert done.returncode in (0, 1) and "Traceback" not in said, said
        if done.returncode:
            assert "cannot be laid out past page" in said, said


def test_a_handout_going_round_in_circles_is_stopped_with_its_page(
    project: Path, tmp_path: Path, monkeypatch
) -> None:
    """However ReportLab comes to lay out one page for ever, the build stops, naming it."""
    from materials_gen.build import BuildOptions, build
    from materials_gen.errors import ContentError
    from materials_gen.render import handout

    monkeypatch.setattr(handout, "MOST_ON_A_PAGE", 3)  # as if a page never ended
    with pytest.raises(ContentError) as stopped:
        build(project, BuildOptions(output=tmp_path / "out", kinds=("handout",)), jobs=1)
    said = " ".join(p.message for p in stopped.value.problems)
    assert "cannot be laid out past page 1" in said


def _rewritten(source: Path, target: Path, change: Callable[[str, str], str]) -> Path:
    """A copy of the .pptx ``source`` with each part's XML put through ``change(name, xml)``."""
    import zipfile

    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename.endswith(".xml"):
                data = change(info.filename, data.decode("utf-8")).encode("utf-8")
            new.writestr(info, data)
    return target


@pytest.mark.parametrize(
    "change",
    [
        # a placeholder type no PowerPoint writes (another program's, or a newer Office's)
        lambda name, xml: (
            xml.replace('<p:ph type="title"', '<p:ph type="nonsense"')
            if "slideLayouts/" in name
            else xml
        ),
        # a slide master that is XML but no slide master
        lambda name, xml: "<x/>" if name.endswith("slideMaster1.xml") else xml,
        # a text direction PowerPoint has not (read as written, refused on writing a slide)
        lambda name, xml: (
            xml.replace('<p:ph type="title"/>', '<p:ph type="title" orient="x"/>')
            if "slideLayouts/" in name
            else xml
        ),
        # a size that is not a number (each shape's of the layouts)
        lambda name, xml: (
            re.sub(r'<a:ext cx="[1-9]\d*"', '<a:ext cx="abc"', xml)
            if "slideLayouts/" in name
            else xml
        ),
    ],
    ids=["placeholder type", "slide master", "direction", "size"],
)
def test_a_deck_template_holding_what_powerpoint_never_writes_is_named(
    project: Path, change: Callable[[str, str], str]
) -> None:
    """python-pptx reads a part's XML only when asked for it: a value PowerPoint never
    writes raised where materials-gen read it, and layouts, check and build printed a
    traceback."""
    templates = project / "templates"
    templates.mkdir(exist_ok=True)
    plain = templates / "plain.pptx"
    assert said("deck-template", str(plain), "-p", str(project))
    ours = _rewritten(plain, templates / "ours.pptx", change)
    for args in (
        ("layouts", str(ours), "-p", str(project)),
        ("check", "-p", str(project), "--deck-template", str(ours)),
        ("build", "-p", str(project), "--only", "deck", "--deck-template", str(ours)),
    ):
        result = CliRunner().invoke(main, list(args))
        assert result.exit_code == 1, (args, result.output)
        assert isinstance(result.exception, SystemExit), (args, result.exception)
        assert "ours.pptx" in result.output and "save it again" in result.output, result.output
        if "slide master" not in " ".join(result.output.split()):
            assert "its layout '" in result.output, result.output  # which one, named
