from __future__ import annotations

import json
from pathlib import Path

import pytest

from materials_gen.build import BuildOptions, document_of, intermediate, load_course, plan
from materials_gen.errors import ContentError

from .conftest import kit_copy as copy_of_kit


def handout_target(project: Path, audience: str = "all-staff"):
    course, _ = load_course(project)
    (target,) = plan(course, BuildOptions(audiences=(audience,), kinds=("handout",)))
    return course, target


def write_template(project: Path, text: str) -> Path:
    folder = project / "templates"
    folder.mkdir(exist_ok=True)
    path = folder / "handout.md.j2"
    path.write_text(text, encoding="utf-8")
    return path


def template_problem(project: Path, text: str):
    """The one problem a handout template of ``text`` stops the build with."""
    write_template(project, text)
    course, target = handout_target(project)
    with pytest.raises(ContentError) as caught:
        intermediate(project, course, target, "a4")
    (problem,) = caught.value.problems
    return problem


def test_builtin_template_gives_markdown_with_front_matter(project: Path) -> None:
    course, target = handout_target(project)
    markdown = intermediate(project, course, target, "a4")
    assert markdown.startswith('---\ntitle: "Safe Rooms"')
    assert "# 1. Welcome to safe rooms" in markdown
    assert "| Focus | Noticing | Treating |" in markdown
    assert "Exposure therapy protocols" not in markdown  # clinical variant of a cell


def test_project_template_overrides_the_builtin(project: Path) -> None:
    write_template(
        project, "---\ntitle: {{ course.title | json }}\n---\n\nOwn: {{ audience.name }}\n"
    )
    course, target = handout_target(project)
    assert intermediate(project, course, target, "a4").endswith("Own: All staff\n")


def test_template_syntax_error_names_file_and_line(project: Path) -> None:
    write_template(project, "line one\n{% for m in course.modules %}\n{{ m.title }\n")
    course, target = handout_target(project)
    with pytest.raises(ContentError) as caught:
        intermediate(project, course, target, "a4")
    (problem,) = caught.value.problems
    assert str(problem.location) == "templates/handout.md.j2:3"
    assert problem.message == "this tag is not closed: its '}}' is missing"
    write_template(project, "line one\n{% for m in course.modules %}{{ m.title }}{% endfor\n")
    with pytest.raises(ContentError) as caught:
        intermediate(project, course, target, "a4")
    (problem,) = caught.value.problems
    assert problem.message.startswith("template syntax error")  # in Jinja's words, else


def test_undefined_variable_names_file_line_and_suggests(project: Path) -> None:
    write_template(project, "a\nb\n{% for m in course.modules %}{{ m.titel }}{% endfor %}\n")
    course, target = handout_target(project)
    with pytest.raises(ContentError) as caught:
        intermediate(project, course, target, "a4")
    (problem,) = caught.value.problems
    assert str(problem.location) == "templates/handout.md.j2:3"
    assert "titel" in problem.message
    assert problem.hint == "did you mean 'title'?"


@pytest.mark.parametrize(
    "body",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ course.__class__.__init__.__globals__ }}",
        "{{ course.modules.__class__.__base__ }}",
    ],
)
def test_template_cannot_escape_the_sandbox(project: Path, body: str) -> None:
    write_template(project, f"x\n{body}\n")
    course, target = handout_target(project)
    with pytest.raises(ContentError) as caught:
        intermediate(project, course, target, "a4")
    (problem,) = caught.value.problems
    assert problem.location.file == "templates/handout.md.j2"


@pytest.mark.parametrize(
    "body",
    [
        "{{ course.date.today() }}",
        "{{ course.date.__class__.today() }}",
        "{{ course.date.fromtimestamp(0) }}",
    ],
)
def test_template_cannot_read_the_clock(project: Path, body: str) -> None:
    """A date's own today() printed the day of the build: the same content made another
    file the next day (and fromtimestamp(0) told the machine's time zone)."""
    write_template(project, f"x\n{body}\n")
    course, target = handout_target(project)
    with pytest.raises(ContentError) as caught:
        intermediate(project, course, target, "a4")
    (problem,) = caught.value.problems
    assert problem.location.file == "templates/handout.md.j2"


def test_template_cannot_include_files_outside_templates(project: Path) -> None:
    write_template(project, "{% include '../content/course.yaml' %}\n")
    course, target = handout_target(project)
    with pytest.raises(ContentError) as caught:
        intermediate(project, course, target, "a4")
    assert "not found" in caught.value.problems[0].message


def test_markup_characters_in_content_stay_literal(project: Path) -> None:
    module = project / "content" / "modules" / "intro.md"
    text = module.read_text().replace(
        "Rooms shape how people feel.", 'Rooms <b>shape</b> how people & "staff" feel; a < b > c.'
    )
    module.write_text(text)
    course, target = handout_target(project)
    document = document_of(project, course, target, "a4")
    from materials_gen.document import Paragraph, plain

    texts = [plain(b.children) for b in document.blocks if isinstance(b, Paragraph)]
    assert any('Rooms <b>shape</b> how people & "staff" feel; a < b > c.' in t for t in texts)


def test_a_pipe_named_like_a_template_does_not_hang_the_build(project: Path) -> None:
    """Templates are hashed to keep what they read between builds; a FIFO is never read."""
    import os
    import subprocess
    import sys

    folder = project / "templates"
    folder.mkdir(exist_ok=True)
    os.mkfifo(folder / "_stray.md.j2")
    done = subprocess.run(
        [sys.executable, "-m", "materials_gen", "build", "-p", str(project), "--only", "handout"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr


def test_kept_template_reads_follow_an_edit(project: Path) -> None:
    """What a template reads is kept between builds, keyed by the templates' bytes: an edit
    that makes a template read the roster makes it an input at once."""
    from materials_gen.kinds import template_reads

    path = write_template(project, "# {{ course.title }}\n")
    assert template_reads(project, "handout.md.j2").variables == frozenset({"course"})
    path.write_text("# {{ course.title }}\n{% for a in attendees %}{{ a.name }}{% endfor %}\n")
    os_times = path.stat()
    import os

    os.utime(path, ns=(os_times.st_atime_ns, os_times.st_mtime_ns + 1_000_000))
    assert template_reads(project, "handout.md.j2").variables == frozenset(
        {"course", "attendees", "a"}
    )


def test_check_compiles_the_templates_of_outputs_it_does_not_make(project: Path) -> None:
    """Certificates are made only with a roster; a mistake in their template is still found
    by ``check`` (with its file and line), not on the day of the session."""
    from click.testing import CliRunner

    from materials_gen.cli import main

    templates = project / "templates"
    templates.mkdir()
    source = Path(__file__).resolve().parent.parent / "templates" / "certificates.md.j2"
    text = source.read_text(encoding="utf-8") + "{% if %}broken\n"
    (templates / "certificates.md.j2").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "-p", str(project)])
    assert result.exit_code == 1, result.output
    line = len(text.splitlines())
    assert f"templates/certificates.md.j2:{line}: error: template syntax error" in result.output


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ("{{ course.modules | map(attribute='titel') | list }}", "titel"),
        ("{{ course.modules | rejectattr('audiance', 'none') | list | length }}", "audiance"),
        ("{% if course.subtitel is none %}none{% endif %}", "subtitel"),
    ],
)
def test_a_misspelt_field_in_a_filter_or_test_is_named_not_printed(
    project: Path, body: str, field: str
) -> None:
    """A typo reached through map, select/reject or a test stops at its line, as one in
    {{ }} does, rather than printing "[Undefined, ...]" or quietly keeping every item."""
    problem = template_problem(project, f"a\n{body}\n")
    assert str(problem.location) == "templates/handout.md.j2:2"
    assert field in problem.message and problem.hint.startswith("did you mean")


def test_defined_still_asks_about_a_field(project: Path) -> None:
    body = "{{ course.modules | selectattr('titel', 'defined') | list | length }}"
    body += " {{ 'yes' if course.subtitel is defined else 'no' }}"
    write_template(project, f"{body}\n")
    course, target = handout_target(project)
    assert intermediate(project, course, target, "a4").startswith("0 no")


def test_attr_given_a_name_says_what_it_does(project: Path) -> None:
    write_template(project, "x\n{{ course | attr('__class__') }}\n")
    course, target = handout_target(project)
    with pytest.raises(ContentError) as caught:
        intermediate(project, course, target, "a4")
    (problem,) = caught.value.problems
    assert str(problem.location) == "templates/handout.md.j2:2"
    assert "the attr filter makes a text safe inside a quoted ::: attribute" in problem.message


# A trainer's list entry that starts as Markdown starts a block: each is text, as written
ENTRIES = [
    "# of incidents fell by half",
    "1) Call the duty manager first",
    "2024. A year of change",
    "* Starred in the email",
    "- Dashed in the email",
    "+ Plus one",
    "> Quoted from a patient",
    "---",
    "``` three ticks",
    "::: boxed",
    "[1]: see the appendix",
]


def _texts(document) -> list[str]:
    """Every paragraph's text, however deep in lists and boxes."""
    from materials_gen.document import Div, ListBlock, Paragraph, Quote, plain

    out: list[str] = []

    def walk(blocks) -> None:
        for block in blocks:
            if isinstance(block, Paragraph):
                out.append(plain(block.children))
            elif isinstance(block, ListBlock):
                for item in block.items:
                    walk(item)
            elif isinstance(block, (Div, Quote)):
                walk(block.children)

    walk(document.blocks)
    return out


@pytest.mark.parametrize("kind", ["handout", "deck"])
def test_key_points_that_start_like_markdown_are_printed_as_written(
    project: Path, kind: str
) -> None:
    module = project / "content" / "modules" / "intro.md"
    points = "".join(f"  - {json.dumps(entry)}\n" for entry in ENTRIES)
    text = module.read_text(encoding="utf-8")
    module.write_text(text.replace("  - Calm rooms help everyone\n", points), encoding="utf-8")
    course, _ = load_course(project)
    (target,) = plan(course, BuildOptions(audiences=("all-staff",), kinds=(kind,)))
    texts = _texts(document_of(project, course, target, "a4"))
    for entry in ENTRIES:
        assert entry in texts, (kind, entry)


def test_poster_points_that_start_like_markdown_are_printed_as_written(tmp_path: Path) -> None:
    kit_copy = copy_of_kit(tmp_path)
    course_file = kit_copy / "content" / "course.yaml"
    text = course_file.read_text(encoding="utf-8")
    first = '        - "**Notice** changes'
    points = "".join(f"        - {json.dumps(entry)}\n" for entry in ENTRIES)
    course_file.write_text(text.replace(first, points + first, 1), encoding="utf-8")
    course, _ = load_course(kit_copy)
    (target,) = plan(course, BuildOptions(audiences=("all-staff",), kinds=("poster",)))
    texts = _texts(document_of(kit_copy, course, target, "a4"))
    for entry in ENTRIES:
        assert entry in texts, entry


def test_a_takeaway_is_one_sentence_in_every_output(project: Path) -> None:
    """The handout's box, the deck's takeaway slide and its recap print the same words."""
    module = project / "content" / "modules" / "intro.md"
    text = module.read_text(encoding="utf-8")
    text = text.replace("all-staff: Small", 'all-staff: "- Small').replace("safer.", 'safer."')
    module.write_text(text, encoding="utf-8")
    course, _ = load_course(project)
    for kind in ("handout", "deck"):
        (target,) = plan(course, BuildOptions(audiences=("all-staff",), kinds=(kind,)))
        texts = _texts(document_of(project, course, target, "a4"))
        assert "- Small changes make rooms safer." in texts, kind


@pytest.mark.parametrize(
    ("text", "ended"),
    [
        ("Duty manager", "Duty manager."),
        ("Dr. Lee, Ph.D.", "Dr. Lee, Ph.D."),
        ("Who to call?", "Who to call?"),
        ('Say "Stop."', 'Say "Stop."'),
        ("当番の管理者", "当番の管理者。"),
        ("Line one\nline two", "Line one line two."),
    ],
)
def test_ended_gives_a_line_one_full_stop(project: Path, text: str, ended: str) -> None:
    """The support entries were written "**{{ name }}.**": "Dr. Lee, Ph.D.." in the handout
    and the deck, and an English stop after a Japanese name."""
    write_template(project, "{{ course.title | ended }}|\n")
    edit_title(project, text)
    course, target = handout_target(project)
    assert intermediate(project, course, target, "a4").startswith(f"{ended}|")


@pytest.mark.parametrize(
    ("heading", "language", "shown"),
    [
        ("Trauma-competent care", "en-US", "trauma-competent care"),
        ("TCC approach", "en-US", "TCC approach"),
        ("Traumakompetente Versorgung", "de", "Traumakompetente Versorgung"),
        ("Atención competente", "es", "atención competente"),
    ],
)
def test_in_sentence_lowers_only_an_ordinary_first_letter(
    project: Path, heading: str, language: str, shown: str
) -> None:
    """The compare slide's title lowered the whole second heading: "TCC" became "tcc", a
    German noun lost its capital."""
    write_template(project, f"{{{{ course.title | in_sentence('{language}') }}}}|\n")
    edit_title(project, heading)
    course, target = handout_target(project)
    assert intermediate(project, course, target, "a4").startswith(f"{shown}|")


def edit_title(project: Path, title: str) -> None:
    """The minimal project's course title, written as ``title`` (quoted as YAML)."""
    from .conftest import edit

    edit(project / "content/course.yaml", "title: Safe Rooms\n", f"title: {json.dumps(title)}\n")


def test_ended_takes_the_course_s_full_stop(project: Path) -> None:
    """In a Japanese course a name ending in Latin letters got a Latin full stop
    ("相談窓口 EAP.") on a Japanese page."""
    write_template(
        project, "{{ course.title | ended('ja') }}|{{ course.title | ended('en-US') }}|\n"
    )
    edit_title(project, "相談窓口 EAP")
    course, target = handout_target(project)
    assert intermediate(project, course, target, "a4").startswith("相談窓口 EAP。|相談窓口 EAP.|")


def test_listed_joins_as_the_course_s_language_writes_a_list(project: Path) -> None:
    """The templates joined a list with English's comma and full stop in every language:
    "You will need: 挂图, 马克笔." in a Chinese handout, "لوح ورقي, أقلام." in an Arabic
    one."""
    items = "['挂图', '马克笔']"
    write_template(
        project,
        f"{{{{ {items} | listed('zh') | ended('zh') }}}}|"
        "{{ ['لوح ورقي', 'أقلام'] | listed('ar') }}|"
        "{{ ['flip chart', 'markers'] | listed('en-US') | ended('en-US') }}|"
        "{{ ['988', 'EAP'] | listed('ja', ';') }}|\n",
    )
    course, target = handout_target(project)
    assert intermediate(project, course, target, "a4").startswith(
        "挂图、马克笔。|لوح ورقي، أقلام|flip chart, markers.|988；EAP|"
    )


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("{{ course.title | longdate }}", "the longdate filter takes a date, and was given the"),
        ("{{ course.title | number(2) }}", "the number filter takes a number, and was given"),
        ("{{ 5 | number('a') }}", "number() takes a whole number of digits"),
        ("{{ 1e308 | number(2) }}", "the number filter takes a number a trainer reads"),
        ("{{ course.modules | oneline }}", "the oneline filter takes a text, and was given a list"),
        ("{{ course.modules[0] | cell }}", "the cell filter takes a text, and was given a whole"),
        ("{{ course.modules | ended }}", "the ended filter takes a text"),
        ("{{ -5 | minutes }}", "the minutes filter takes a number of minutes"),
        ("{{ module_title | minutes }}", "the minutes filter takes a number of minutes"),
        ("{{ course.title | shuffled('x') | join }}", "the shuffled filter takes a list"),
        ("{{ course.modules[0] }}", "writes a whole record of fields (a module"),
        ("{{ course.modules }}", "writes a list where text goes"),
        ('{{ _("Module {number} of {count}", number=1) }}', "has {count} but is given no value"),
        ('{{ _("{count} things", cnt=3) }}', "no value for it (a value is given as cnt)"),
        ('{{ _("Key points", cnt=3) }}', "has no {cnt} for the value given as cnt"),
        ('{{ _n("{count} question", "{count} questions") }}', "_n needs the count"),
        # Python's own words, said as a template author reads them
        (
            "{% for x in course.modules[0].break_after %}{% endfor %}",
            "loops over a field that is not set",
        ),
        ("{% for x in 5 %}{% endfor %}", "loops over a value that is no list"),
        ("{{ course.title + 5 }}", "adds a number to a text"),
        (
            "{{ course.modules[0].break_after - 5 }}",
            "compares or loops over a field that is not set",
        ),
        ("{{ course.title.text }}", "a text has no field 'text': it is text already"),
        ("{{ course.title | json(3) }}", "is given more values than it takes"),
        ("{% macro box(a) %}{{ a }}{% endmacro %}{{ box(1, 2) }}", "more values than it takes"),
    ],
)
def test_a_filter_given_the_wrong_kind_of_value_says_so_at_its_line(
    project: Path, line: str, said: str
) -> None:
    """A date filter given a text passed it through, a text filter given a list printed
    "(Record({'id': ..." into the handout, minutes(-5) printed "-1 h 55 min", a label
    missing a value printed "{count}", and others were told in Python's words
    ("invalid literal for int()", "'int' object is not iterable"). Each is told what it
    takes, at its line."""
    line = line.replace("module_title", "course.modules[0].title")
    problem = template_problem(project, f"x\n{line}\n")
    assert str(problem.location) == "templates/handout.md.j2:2", problem
    assert said in problem.message, problem.message
    assert problem.hint and "Record(" not in problem.message


def test_a_field_not_set_writes_nothing(project: Path) -> None:
    """{{ session.date }}, {{ session.date | longdate }}, "Date: " ~ session.date and a
    field's None printed "None" in the handout; the README says a field not set is nothing.
    A whole module joined to a text printed "(Record({'id': ..."."""
    write_template(
        project,
        "x\n[{{ none }}][{{ none | longdate }}][{{ none | oneline }}][{{ none | number }}]"
        "{% set day = none %}[{{ 'Date: ' ~ day }}]\n",
    )
    course, target = handout_target(project)
    assert intermediate(project, course, target, "a4").endswith("x\n[][][][][Date: ]\n")
    for joined in ("'Module: ' ~ course.modules[0]", "['x', course.modules[0]] ~ ''"):
        problem = template_problem(project, f"x\n{{{{ {joined} }}}}\n")
        assert str(problem.location) == "templates/handout.md.j2:2"
        assert "where text goes" in problem.message and "Record(" not in problem.message


def test_a_box_a_template_leaves_open_is_named_not_swallowing_the_rest(project: Path) -> None:
    """A callout a project's handout template opened and never closed took in "About this
    course" and everything after it, without a word (a module's own box is an error)."""
    write_template(
        project,
        "---\ntitle: {{ course.title | json }}\n---\n\n"
        '::: {.callout title="Never closed"}\nInside.\n\n# About this course\n\nText.\n',
    )
    course, target = handout_target(project)
    with pytest.raises(ContentError) as caught:
        document_of(project, course, target, "a4")
    (problem,) = caught.value.problems
    assert problem.location.line == 5, problem
    assert "the box '::: {.callout title=\"Never closed\"}' is never closed" in problem.message


def test_a_box_a_template_leaves_open_before_another_is_told_at_the_templates_line(
    project: Path,
) -> None:
    """A takeaway the handout template left open took in the reflection after it, in every
    module: the reflection's ':::' closes both. check said OK, and the handout drew the
    reflection inside the takeaway's box. Told once, at the template's line opening it,
    for every audience and language."""
    import shutil

    from click.testing import CliRunner

    from materials_gen.cli import main

    from .conftest import REPO

    templates = project / "templates"
    templates.mkdir(exist_ok=True)
    shutil.copy(REPO / "templates" / "handout.md.j2", templates / "handout.md.j2")
    text = (templates / "handout.md.j2").read_text(encoding="utf-8")
    lines = text.split("\n")
    opening = next(n for n, line in enumerate(lines) if line.startswith("::: {.callout .takeaway"))
    closing = next(n for n in range(opening, len(lines)) if lines[n] == ":::")
    del lines[closing]
    (templates / "handout.md.j2").write_text("\n".join(lines), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "-p", str(project)])
    assert result.exit_code == 1, result.output
    said = [line for line in result.output.splitlines() if "holds the box" in line]
    assert said == [
        f"templates/handout.md.j2:{opening + 1}: error: the box '.callout .takeaway' holds the "
        "box '.reflection' opened after it, and one ':::' line closes both: one of them has no "
        "':::' of its own, so the second is printed inside the first"
    ], result.output


def test_what_a_template_writes_that_no_output_reads_is_told_at_its_line(
    project: Path, tmp_path: Path
) -> None:
    """A handout template's ``subtitel:`` left the title page without its subtitle, and a
    box ``{.calout .takeaway titel="..."}`` drew a takeaway without its title: check said
    OK and the build made the handout, without a word. Each is a warning at the template's
    line, with the name meant, told once for every audience by check and by the build that
    makes the handout; the built-in templates write none."""
    import shutil

    from click.testing import CliRunner

    from materials_gen.cli import main

    from .conftest import REPO

    templates = project / "templates"
    templates.mkdir(exist_ok=True)
    shutil.copy(REPO / "templates" / "handout.md.j2", templates / "handout.md.j2")
    lines = (templates / "handout.md.j2").read_text(encoding="utf-8").split("\n")
    front = next(n for n, line in enumerate(lines) if line.startswith("subtitle:"))
    box = next(n for n, line in enumerate(lines) if line.startswith("::: {.callout .takeaway"))
    lines[front] = lines[front].replace("subtitle:", "subtitel:")
    lines[box] = lines[box].replace(".callout .takeaway title=", ".calout .takeaway titel=")
    (templates / "handout.md.j2").write_text("\n".join(lines), encoding="utf-8")
    expected = [
        f"templates/handout.md.j2:{front + 1}: warning: the front matter's 'subtitel' is not a "
        "field any output reads: it is left out",
        "    hint: did you mean 'subtitle'?",
        f"templates/handout.md.j2:{box + 1}: warning: 'calout' is not a kind of box "
        "materials-gen knows: it is left out (the box is drawn as a takeaway)",
        "    hint: did you mean 'callout'?",
        f"templates/handout.md.j2:{box + 1}: warning: 'titel' is not an attribute a box has: "
        "it is left out",
        "    hint: did you mean 'title'?",
    ]
    for args in (["check"], ["build", "-o", str(tmp_path / "out"), "--only", "handout"]):
        result = CliRunner().invoke(main, [*args, "-p", str(project)])
        assert result.exit_code == 0, result.output
        lines = result.output.splitlines()
        said = [
            line
            for n, line in enumerate(lines)
            if "templates/" in line
            or (n and "templates/" in lines[n - 1] and line.startswith("    hint"))
        ]
        assert said == expected, result.output
    kit = CliRunner().invoke(main, ["check", "-p", str(REPO)])
    assert kit.exit_code == 0 and "templates/" not in kit.output, kit.output


def test_a_slip_is_told_once_at_the_template_that_writes_it_and_never_for_a_module(
    tmp_path: Path,
) -> None:
    """A slip in an included template (the forms' shared front matter, the knowledge
    checks' questions) was told at "intermediate pretest for all-staff:13", once for each
    output and audience (eight times over), never naming the file to mend; and a module's
    own unknown box, warned at its line as the module is read, was warned again at the
    handout's generated lines. Each is told once, at the line that writes it."""
    from click.testing import CliRunner

    from materials_gen.cli import main

    kit = copy_of_kit(tmp_path)
    module = kit / "content" / "modules" / "welcome.md"
    module.write_text(
        module.read_text(encoding="utf-8") + '\n::: {.calout titel="Note"}\nFor all.\n:::\n',
        encoding="utf-8",
    )
    front = kit / "templates" / "_form_front.md.j2"
    front_lines = front.read_text(encoding="utf-8").split("\n")
    at = front_lines.index("layout: form")
    front_lines.insert(at, 'subtitel: "Before we start"')
    front.write_text("\n".join(front_lines), encoding="utf-8")
    questions = kit / "templates" / "_questions.md.j2"
    text = questions.read_text(encoding="utf-8")
    questions.write_text(
        text.replace("::: form-table", '::: {.form-table titel="Q"}', 1), encoding="utf-8"
    )
    box = next(n for n, line in enumerate(text.split("\n"), 1) if line.startswith("::: form-table"))
    for args in (["check"], ["build", "-o", str(tmp_path / "out")]):
        result = CliRunner().invoke(main, [*args, "-p", str(kit)])
        assert result.exit_code == 0, result.output
        said = [
            line.split(": warning: ")[0]
            for line in result.output.splitlines()
            if "is not a" in line and ": warning: " in line
        ]
        lines = module.read_text(encoding="utf-8").count("\n") - 2
        assert sorted(said) == sorted(
            [
                f"content/modules/welcome.md:{lines}",
                f"content/modules/welcome.md:{lines}",
                f"templates/_form_front.md.j2:{at + 1}",
                f"templates/_questions.md.j2:{box}",
            ]
        ), result.output
        assert "intermediate" not in result.output


def test_a_picture_a_template_names_that_is_not_there_is_told_at_its_line(
    project: Path, tmp_path: Path
) -> None:
    """A handout template showing a chart the project does not have stopped the build
    naming "intermediate handout for all-staff (from handout.md.j2)", and no line: the
    trainer had to search the template. Told at the template's line that names it, once;
    nothing is written."""
    from click.testing import CliRunner

    from materials_gen.cli import main

    write_template(
        project,
        "---\ntitle: {{ course.title | json }}\n---\n\n# About\n\n"
        "![Our referral pathway](images/pathway.png)\n\nText.\n",
    )
    out = tmp_path / "out"
    for args in (["check"], ["build", "-o", str(out)]):
        result = CliRunner().invoke(main, [*args, "-p", str(project)])
        assert result.exit_code == 1, result.output
        said = [line for line in result.output.splitlines() if "not found" in line]
        assert said == [
            "templates/handout.md.j2:7: error: picture 'images/pathway.png' not found"
        ], result.output
    assert not out.exists()


def test_front_matter_a_template_writes_wrong_is_told_once_at_the_templates_line(
    project: Path,
) -> None:
    """A value written without the json filter, whose text holds ": ", made front matter
    YAML cannot read: told at the intermediate document's line and column, once for
    each audience and language. Told once, at the template's line that writes that key."""
    from click.testing import CliRunner

    from materials_gen.cli import main

    write_template(
        project,
        "---\ntitle: {{ course.title | json }}\nsubtitle: {{ course.title }}: more\n---\n\nText.\n",
    )
    result = CliRunner().invoke(main, ["check", "-p", str(project)])
    assert result.exit_code == 1, result.output
    said = [line for line in result.output.splitlines() if "front matter" in line]
    assert len(said) == 1, result.output
    assert said[0].startswith("templates/handout.md.j2:3: error: the front matter"), said


@pytest.mark.parametrize(
    ("slides", "said"),
    [
        (
            "::::: {.slide .bullets .opening}\n- alpha\n\n::: notes\nSay.\n:::\n:::::\n",
            "no title",
        ),
        ("Stray paragraph outside any slide.\n", "text outside every slide ('Stray"),
        (
            "::::: {.slide .bullets .outer}\n## Outer\n\n:::::: {.slide .bullets}\n## Inner\n\n"
            "- beta\n::::::\n:::::\n",
            "a slide ('Inner - beta') is inside another slide",
        ),
    ],
)
def test_a_deck_template_s_slide_that_would_be_lost_or_untitled_is_named(
    project: Path, slides: str, said: str
) -> None:
    """A slide without a heading (no title for a screen reader), text between slides (on
    no slide) and a slide inside another (its text merged into the outer one) were built
    without a word. Each is told at the template's line that wrote it (the line opening
    the slide: for a slide inside another, the outer one's, whose fence was left open)."""
    from click.testing import CliRunner

    from materials_gen.cli import main

    from .conftest import REPO

    templates = project / "templates"
    templates.mkdir(exist_ok=True)
    deck = (REPO / "templates" / "deck.md.j2").read_text(encoding="utf-8")
    at = deck.index("\n::::: {.slide") + 1  # (the first slide's line: not the comment's)
    (templates / "deck.md.j2").write_text(deck[:at] + slides + "\n" + deck[at:], "utf-8")
    args = ["build", "-p", str(project), "--only", "deck", "-a", "all-staff"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    line = deck[:at].count("\n") + 1
    assert f"templates/deck.md.j2:{line}: error: the deck for All staff:" in result.output
    assert said in " ".join(result.output.split()), result.output


def test_the_template_line_of_a_slide_is_told_only_when_it_is_sure() -> None:
    """A slide is found by the one fence line opening slides of its classes (a loop's
    slides all come from it); two such lines, a slide's classes written by template code,
    or a template that includes or imports another leave it untold: a wrong line (one
    that wrote a good slide) is worse than none. Text outside every slide is found on the
    one line outside the template's slides that writes it."""
    from materials_gen.document import parse
    from materials_gen.render.slides import template_line

    def slide(kind: str, title: str) -> str:
        return f"::::: {{.slide .{kind}}}\n## {title}\n:::::\n\n"

    written = parse(slide("bullets", "A") + slide("bullets", "B") + slide("quote", "C"))
    a, b, c = written.blocks
    looped = '{% for m in ms %}\n::::: {.slide .bullets module="{{ m.id }}"}\n## {{ m.title }}'
    assert template_line(looped + "\r\n:::::\n{% endfor %}\n", written, b) == 2
    ranked = "x\n::::: {.slide .bullets}\n## A\n:::::\n::::: {.slide .bullets}\n## B\n:::::\n"
    assert template_line(ranked, written, a) == template_line(ranked, written, b) == 0
    assert template_line(ranked, written, c) == 0  # no line opens a quote slide
    computed = looped.replace(".bullets", ".{{ kind }}") + "\n" + slide("quote", "C")
    assert template_line(computed, written, c) == 0  # the first may write quote slides too
    included = slide("quote", "C") + '{% include "more.md.j2" %}\n'
    assert template_line(included, written, c) == 0
    stray = parse(slide("bullets", "A") + "Thank you for taking part\n")
    closing = "::::: {.slide .closing}\n## Bye\n\nThank you for taking part\n:::::\n"
    assert template_line(closing + "{{ thanks }}\n", stray, stray.blocks[1]) == 0
    assert template_line(closing + "Thank you for taking part\n", stray, stray.blocks[1]) == 6
    longer = closing.removesuffix(":::::\n") + "::::::\n"  # closed by more colons
    assert template_line(longer + "Thank you for taking part\n", stray, stray.blocks[1]) == 6


@pytest.mark.parametrize("line", ["{{ course.modules.title }}", "{{ course.modules.append(1) }}"])
def test_a_field_asked_of_a_list_says_it_is_a_list(project: Path, line: str) -> None:
    """course.modules.title was told "did you mean 'title'?" (and .append "did you mean
    'end'?"): a list has items, whose fields these are."""
    problem = template_problem(project, f"x\n{line}\n")
    assert "a list has no field" in problem.message and "did you mean" not in problem.hint
    assert "{% for module in course.modules %}" in problem.hint


def test_a_tag_missing_its_closing_mark_is_told_at_its_own_line(project: Path) -> None:
    """``{% for m in course.modules %`` (its "}" missing) was told one line later in
    Jinja's words ("unexpected char '#' at 41"), with a hint to check every tag."""
    course, target = handout_target(project)
    for opened, closing in (("{% for m in course.modules %", "%}"), ("{{ course.title }", "}}")):
        body = "a\n" + opened + "\n# {{ course.title }}\n{% endfor %}\n"
        write_template(project, body)
        with pytest.raises(ContentError) as caught:
            intermediate(project, course, target, "a4")
        (problem,) = caught.value.problems
        assert str(problem.location) == "templates/handout.md.j2:2", problem
        assert problem.message == f"this tag is not closed: its '{closing}' is missing"


@pytest.mark.parametrize(
    ("template", "kind", "named", "meant"),
    [
        ("a\n{{ course.title | onelin }}\n", "filter", "onelin", "oneline"),
        # directly inside an if, Jinja asks for the filter or test only as it runs: its own
        # words had been printed ("template error: No filter named 'onelin' found.")
        (
            "{% if course.title %}\n{{ course.title | onelin }}\n{% endif %}\n",
            "filter",
            "onelin",
            "oneline",
        ),
        (
            "{% if course.title %}\n{% if course.title is defind %}x{% endif %}\n{% endif %}\n",
            "test",
            "defind",
            "defined",
        ),
    ],
)
def test_a_misspelt_filter_is_told_what_it_may_be(
    project: Path, template: str, kind: str, named: str, meant: str
) -> None:
    course, target = handout_target(project)
    write_template(project, template)
    with pytest.raises(ContentError) as caught:
        intermediate(project, course, target, "a4")
    (problem,) = caught.value.problems
    assert str(problem.location) == "templates/handout.md.j2:2", problem
    assert problem.message == f"there is no {kind} named '{named}'"
    assert problem.hint == f"did you mean '{meant}'?"


@pytest.mark.parametrize(
    ("line", "hint"),
    [
        # a question's field is 'objective': a module's was suggested for itself
        (
            "{% for o in course.modules[0].objective %}{{ o }}{% endfor %}",
            "did you mean 'objectives'?",
        ),
        # a field no record near it has: the record's own fields, not a module's 'prose'
        (
            "{% for r in course.support %}{{ r.phone }}{% endfor %}",
            "its fields are 'audience', 'details', 'name'",
        ),
    ],
)
def test_a_misspelt_field_is_told_the_fields_of_its_own_record(
    project: Path, line: str, hint: str
) -> None:
    course, target = handout_target(project)
    write_template(project, f"a\n{line}\n")
    with pytest.raises(ContentError) as caught:
        intermediate(project, course, target, "a4")
    (problem,) = caught.value.problems
    assert str(problem.location) == "templates/handout.md.j2:2", problem
    assert problem.hint == hint, problem


def test_a_tag_left_open_is_told_at_its_own_line(project: Path) -> None:
    """A missing {% endif %} was told at the last line of the file ("Unexpected end of
    template"), not at the {% if %} left open."""
    write_template(
        project,
        "a\n{% for m in course.modules %}\n{% if m.title %}\n{{ m.title }}\n{% endfor %}\nz\n",
    )
    course, target = handout_target(project)
    with pytest.raises(ContentError) as caught:
        intermediate(project, course, target, "a4")
    (problem,) = caught.value.problems
    assert str(problem.location) == "templates/handout.md.j2:3", problem
    assert "this {% if %} is never closed" in problem.message
    write_template(project, "a\n{% if course.title %}\nb\n\nc\n")
    with pytest.raises(ContentError) as caught:
        intermediate(project, course, target, "a4")
    (problem,) = caught.value.problems
    assert str(problem.location) == "templates/handout.md.j2:2", problem
    assert "the template ends first" in problem.message and "{% endif %}" in problem.hint
    # a loop inside a loop left open, with end tags after the tag Jinja stopped at: the
    # inner loop is named, not the outer one those end tags seemed to leave open
    write_template(
        project,
        "{% for m in course.modules %}\n{% if m.title %}\n{% for p in m.key_points %}\n"
        "{{ p }}\n{% endif %}\n{% endfor %}\n{% for x in [1] %}{% endfor %}\n",
    )
    with pytest.raises(ContentError) as caught:
        intermediate(project, course, target, "a4")
    (problem,) = caught.value.problems
    assert str(problem.location) == "templates/handout.md.j2:3", problem
    assert "this {% for %} is never closed (another tag first, at line 5)" in problem.message


@pytest.mark.parametrize(
    "line",
    [
        "{{ course.modules[0].titel | oneline }}",
        "{{ course.modules[0].titel | cell }}",
        "{{ course.modules[0].durattion | minutes }}",
        "{{ course.dat | longdate }}",
        "{{ course.modules[0].titel | nobreak }}",
    ],
)
def test_a_misspelt_field_given_to_a_filter_is_still_named(project: Path, line: str) -> None:
    """A filter that writes nothing for a field not set wrote nothing for a misspelt one
    too: `check` said OK and the handout printed blanks."""
    problem = template_problem(project, f"x\n{line}\n")
    assert str(problem.location) == "templates/handout.md.j2:2"
    assert problem.message.startswith("there is no field") and "did you mean" in problem.hint


def test_labels_take_a_value_of_either_form_and_write_a_field_not_set_as_nothing(
    project: Path,
) -> None:
    """_n's check read only the plural form's {names}, refusing a value its singular uses;
    _() given a number or a field not set stopped in Python's words; a label given a
    field not set printed "None"."""
    write_template(
        project,
        "x\n{{ _n('The module {title}', '{count} modules', 1, title='Rooms') }}|{{ _(3) }}|"
        "{{ _(none) }}|{{ _('Date: {day}', day=none) }}|{{ (15 / 2) | minutes }}\n",
    )
    course, target = handout_target(project)
    assert intermediate(project, course, target, "a4").endswith(
        "x\nThe module Rooms|3||Date: |8 min\n"
    )
