"""A rebuilt file's reasons name only inputs its kind declares, and only those that changed
since that file was last made.

test_kinds.py changes one input at a time, from a fresh build. Here every kind of output is
made, one input is changed (which leaves some files as they were: an output that does not
show the start time keeps its file when the start changes), then the input is changed back
and the theme edited, which makes every file again: a file the first change left alone was
last made before it, so its only reason is the theme. Every reason printed on the way must
name an input the file's record declares.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from materials_gen.inputs import (
    CONTENT,
    DATE,
    DECK_TEMPLATE,
    FILE,
    LARGE_PRINT,
    ROSTER,
    SETTINGS,
    START,
    TOOL,
)
from materials_gen.kinds import KINDS
from materials_gen.manifest import Manifest, Record

from .conftest import PROJECTS, edit
from .test_kinds import AUDIENCE, cli, files, own_template, reasons

THEME = "templates/theme.yaml changed"
QUESTIONS = (
    "questions:\n  - question: Where should the way out be?\n    options:\n"
    "      - Clear of furniture\n      - Behind the desk\n    answer: a\n"
    "    explanation: People need to see the way out.\ntakeaway:"
)


def named(reason: str) -> str | None:
    """The input a printed reason names (None: a reason that names none, as --force)."""
    if reason in ("--force", "what its template wrote changed") or reason.startswith(
        "the file was missing"
    ):
        return None
    if reason == "materials-gen changed":
        return TOOL
    if reason.startswith(("the roster ", "--roster ")):
        return ROSTER
    if reason.startswith("the deck template "):
        return DECK_TEMPLATE
    if reason.startswith(("--large-print ", "--standard-print ", "large_print ")):
        return LARGE_PRINT
    places = {
        START: ("--start", "settings: session: start"),
        DATE: ("--date", "settings: session: date"),
        **{n: (s.flag, s.setting) for n, s in SETTINGS.items()},
    }
    for name, (flag, setting) in places.items():
        if reason.startswith(tuple(f"{p} " for p in (flag, setting) if p)):
            return name
    if reason == "settings in content/course.yaml changed" or reason == "the content changed":
        return CONTENT
    if reason.startswith("settings: "):  # one the content's key names: "session: trainer"
        return CONTENT
    match = re.fullmatch(
        r"(.+?) (changed|now used( instead of .+| \(the translation of .+\))?"
        r"|is no longer used( \(the words of .+ are printed\))?)",
        reason,
    )
    assert match, f"a reason that names no input: {reason!r}"
    path = match.group(1)
    if path.startswith("content/") and path.endswith((".md", ".yaml")):
        return CONTENT
    return FILE + path


def declared(record: Record, project: Path) -> set[str]:
    """The inputs of a file's record, files as a reason shows them."""
    from materials_gen.inputs import shown_file

    return {FILE + shown_file(n, project) if n.startswith(FILE) else n for n in record.inputs}


def check_declared(output: str, project: Path, before: dict[str, Record]) -> dict[str, Record]:
    """Every reason of every rebuilt file names an input its record declares (now, or when
    it was last built: a file no longer used); the records of this build, by kind."""
    records = {
        r.kind: r
        for r in Manifest.read(project / "output").records.values()
        if r.audience == AUDIENCE and not r.part_of
    }
    for kind, said in reasons(output).items():
        inputs = declared(records[kind], project)
        if kind in before:
            inputs |= declared(before[kind], project)
        for reason in said:
            name = named(reason)
            assert name is None or name in inputs, (kind, reason, sorted(inputs))
    return records


# One change of each input: the options of the build after it (None: those of the first),
# what to do to the project, and how to undo it.
Change = tuple[tuple[str, ...] | None, Callable[[Path], None] | None, Callable[[Path], None] | None]


def _replace(
    path: str, old: str, new: str
) -> tuple[Callable[[Path], None], Callable[[Path], None]]:
    return (lambda p: edit(p / path, old, new)), (lambda p: edit(p / path, new, old))


def _repaint(project: Path) -> None:
    from PIL import Image

    Image.new("RGB", (64, 48), (200, 40, 40)).save(project / "content/images/room.png")


def _reroster(project: Path) -> None:
    (project / "people.csv").write_text("name\nAda King\n")


def _roster(project: Path) -> None:
    (project / "people.csv").write_text("name\nAda Lovelace\n")


def _unpaint(project: Path) -> None:
    shutil.copy(PROJECTS / "minimal/content/images/room.png", project / "content/images/room.png")


BASE = ("--roster", "{roster}", "--tile", "letter")  # the roster: the project's people.csv
CHANGES: dict[str, Change] = {
    "content": (None, *_replace("content/modules/intro.md", "Calm rooms", "Quiet rooms")),
    "start": ((*BASE, "--start", "10:30"), None, None),
    "date": ((*BASE, "--date", "2025-04-01"), None, None),
    "roster": (None, _reroster, _roster),
    "paper": ((*BASE, "--paper", "letter"), None, None),
    "aspect": ((*BASE, "--aspect", "4:3"), None, None),
    "print": ((*BASE, "--print", "bw"), None, None),
    "large print": ((*BASE, "--large-print"), None, None),
    "poster size": ((*BASE, "--poster-size", "24x36"), None, None),
    "orientation": ((*BASE, "--orientation", "landscape"), None, None),
    "bleed": ((*BASE, "--bleed", "3mm"), None, None),
    "tile": (("--roster", "{roster}", "--tile", "a4"), None, None),
    "per page": (
        None,
        *_replace(
            "content/course.yaml", "  paper: a4\n", "  paper: a4\n  deck:\n    per_page: 6\n"
        ),
    ),
    "start setting": (
        None,
        *_replace(
            "content/course.yaml",
            "    date: 2025-03-11",
            "    date: 2025-03-11\n    start: '10:30'",
        ),
    ),
    "pictures": (None, _repaint, _unpaint),
    "template": (
        None,
        *_replace(
            "templates/poster.md.j2", "note: {{ course.poster.note | json }}", 'note: "Ask early."'
        ),
    ),
    "partial": (
        None,
        *_replace(
            "templates/_form_front.md.j2",
            "kind_label: {{ label | json }}",
            'kind_label: {{ (label ~ " form") | json }}',
        ),
    ),
}


@pytest.fixture(scope="module")
def first_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Record]]:
    """The minimal project made to make every kind of output (its questions, a roster, a
    tile size), its theme and two templates its own, built once: each test starts from a
    copy; and the records of that build."""
    project = tmp_path_factory.mktemp("reasons") / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    _roster(project)
    edit(project / "content/modules/practice.md", "takeaway:", QUESTIONS)
    for template in ("theme.yaml", "poster.md.j2", "_form_front.md.j2"):
        own_template(project, template)
    output = cli("build", "-p", str(project), "-a", AUDIENCE, "-j", "1", *options(project, BASE))
    records = check_declared(output, project, {})
    assert set(files(project / "output")) == set(KINDS), "every kind of output is made"
    return project, records


def options(project: Path, given: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(a.format(roster=project / "people.csv") for a in given)


@pytest.mark.parametrize("name", list(CHANGES))
def test_a_file_left_alone_by_a_change_is_not_told_it_when_made_again(
    first_build: tuple[Path, dict[str, Record]], tmp_path: Path, name: str
) -> None:
    project = tmp_path / "project"
    shutil.copytree(first_build[0], project)  # the output's times too
    after, change, undo = CHANGES[name]
    build = ("build", "-p", str(project), "-a", AUDIENCE, "-j", "1")
    folder = project / "output"
    made = files(folder)
    if change is not None:
        change(project)
    output = cli(*build, *options(project, after or BASE))
    second = check_declared(output, project, first_build[1])
    left_alone = {kind for kind in made if files(folder)[kind] == made[kind]}
    assert left_alone != set(KINDS), "the change moved nothing"
    assert left_alone, "the change made every file again: nothing to check"

    if undo is not None:
        undo(project)
    edit(project / "templates/theme.yaml", 'primary: "#1F4E79"', 'primary: "#7A1F4E"')
    output = cli(*build, *options(project, BASE))
    check_declared(output, project, second)
    said = reasons(output)
    assert set(said) == set(KINDS), "a theme edit makes every file again"
    for kind in left_alone:
        assert said[kind] == [THEME], (kind, said[kind])
    for kind in set(KINDS) - left_alone:
        assert THEME in said[kind], (kind, said[kind])


@pytest.mark.parametrize("name", list(CHANGES))
def test_a_change_that_left_a_file_alone_is_not_told_when_another_makes_it_again(
    first_build: tuple[Path, dict[str, Record]], tmp_path: Path, name: str
) -> None:
    """As above, with the change kept: a file it left alone (found then to be what the new
    value makes) is made again for the theme alone, not for the change as well."""
    project = tmp_path / "project"
    shutil.copytree(first_build[0], project)
    after, change, _ = CHANGES[name]
    build = (
        "build",
        "-p",
        str(project),
        "-a",
        AUDIENCE,
        "-j",
        "1",
        *options(project, after or BASE),
    )
    folder = project / "output"
    made = files(folder)
    if change is not None:
        change(project)
    cli(*build)
    left_alone = {kind for kind in made if files(folder)[kind] == made[kind]}
    assert left_alone and left_alone != set(KINDS), "nothing to check"
    edit(project / "templates/theme.yaml", 'primary: "#1F4E79"', 'primary: "#7A1F4E"')
    said = reasons(cli(*build))  # (printed in black and white, only the deck shows it)
    assert left_alone & set(said), "the theme edit made none of the files left alone"
    for kind in left_alone & set(said):
        assert said[kind] == [THEME], (kind, said[kind])


def test_a_copied_template_edited_later_is_told_changed(project: Path) -> None:
    """A built-in template copied into the project as it is leaves the guide alone (the
    same Markdown); edited later, the guide is made again because the copy changed, not
    because the copy is "now used instead of" the built-in one (that was found harmless)."""
    build = ("build", "-p", str(project), "-a", AUDIENCE, "-j", "1", "--only", "guide")
    cli(*build)
    copy = own_template(project, "guide.md.j2")
    assert "guide" not in reasons(cli(*build))
    edit(copy, '{{ _("Facilitation cues") | attr }}', '{{ "Cues" | attr }}')
    assert reasons(cli(*build))["guide"] == ["templates/guide.md.j2 changed"]


def test_an_include_named_by_a_variable_is_told_once_not_as_every_template(
    project: Path,
) -> None:
    """An include whose name the template makes ("_note-" ~ audience.id) may read any
    template, so each becomes an input: the handout was told it was made again because
    each of a dozen templates it never reads was "now used". It is told once, after the
    template edit that made it so. The note it reads has no .j2 in its name: only such
    files were inputs, so an edit of it left the handout stale; it is made again, told so."""
    build = ("build", "-p", str(project), "-a", AUDIENCE, "-j", "1", "--only", "handout")
    cli(*build)
    copy = own_template(project, "handout.md.j2")
    edit(copy, "{{ course.summary }}", '{{ course.summary }}\n{% include "_note-" ~ audience.id %}')
    for audience in ("all-staff", "clinical"):
        (project / "templates" / f"_note-{audience}").write_text(f"A note: {audience}.\n")
    said = reasons(cli(*build))["handout"]
    assert said[0] == "templates/handout.md.j2 now used instead of built-in templates/handout.md.j2"
    assert len(said) == 2 and re.fullmatch(
        r"\d+ files of the template folders now used \(.+ and \d+ more: an include names its "
        r"template by a variable, so any may be read\)",
        said[1],
    ), said
    edit(project / "templates" / f"_note-{AUDIENCE}", "A note", "One note")
    assert reasons(cli(*build))["handout"] == [f"templates/_note-{AUDIENCE} changed"]


def test_a_theme_s_own_font_files_are_told_as_fonts_not_as_templates_a_variable_reads(
    project: Path,
) -> None:
    """The theme changed to four font files of its own, in templates/fonts/: each file was
    told as "4 files of the template folders now used (...: an include names its template
    by a variable, so any may be read)", though no template includes anything by a
    variable. A font is no template: the theme is told, and each font now used."""
    from materials_gen.theme import builtin_families

    build = ("build", "-p", str(project), "-a", AUDIENCE, "-j", "1", "--only", "handout")
    cli(*build)
    fonts = project / "templates" / "fonts"
    fonts.mkdir(parents=True)
    styles = {"regular": "Regular", "bold": "Bold", "italic": "Italic", "bold_italic": "BoldItalic"}
    for style in styles.values():
        shutil.copy(builtin_families()["Lato"] / f"Lato-{style}.ttf", fonts)
    given = ", ".join(f"{k}: fonts/Lato-{v}.ttf" for k, v in styles.items())
    theme = project / "templates" / "theme.yaml"
    theme.write_text(f"fonts:\n  heading: {{{given}}}\n", encoding="utf-8")
    said = reasons(cli(*build))["handout"]
    assert "templates/theme.yaml now used" in said, said  # (the built-in theme's before)
    assert not any("template folders" in s for s in said), said
    assert sum(s.startswith("templates/fonts/Lato-") for s in said) == 4, said


def test_the_sign_in_sheet_is_not_told_a_start_time_it_does_not_show(project: Path) -> None:
    """Its template reads the session (for the day), so the start time is among its inputs,
    but the sheet does not show it: a new start leaves the file alone, and a later rebuild
    for the paper names the paper only, whether the start is given again or not."""
    build = ("build", "-p", str(project), "-a", AUDIENCE, "-j", "1", "--only", "sign-in")
    cli(*build)
    assert "sign-in" not in reasons(cli(*build, "--start", "10:30"))  # left alone
    said = reasons(cli(*build, "--paper", "letter"))
    assert said["sign-in"] == ["--paper changed from a4 to letter"]
    assert "sign-in" not in reasons(cli(*build, "--start", "10:30", "--paper", "letter"))
    said = reasons(cli(*build, "--start", "10:30"))  # made at 09:00, shown at 10:30 the same
    assert said["sign-in"] == ["--paper letter no longer given (a4 from settings: paper)"]


def test_a_setting_the_sign_in_sheet_does_not_show_is_not_its_reason_beside_the_roster(
    project: Path,
) -> None:
    """The approval number edited in the build that first gave a roster: the sheets, made
    again for the names, were told "because settings: continuing_education:
    approval_number changed", which no sheet prints, and not of the roster. Reading
    ``course.settings`` on the way to the trainer's name read every
    setting; what the sheet reads of them is the trainer's name and the group's size."""
    course = project / "content" / "course.yaml"
    edit(
        course,
        "settings:\n",
        "settings:\n  continuing_education:\n    accrediting_body: State Board\n"
        "    approval_number: SB-116\n",
    )
    build = ("build", "-p", str(project), "-a", AUDIENCE, "-j", "1", "--only", "sign-in")
    cli(*build)
    edit(course, "SB-116", "SB-117")
    assert "sign-in" not in reasons(cli(*build))  # nothing it shows: left alone
    edit(course, "SB-117", "SB-118")
    _roster(project)
    said = reasons(cli(*build, "--roster", str(project / "people.csv")))
    assert said["sign-in"] and all("--roster" in r for r in said["sign-in"]), said


def test_an_output_that_shows_no_day_is_not_told_the_date_changed_beside_an_edit(
    project: Path,
) -> None:
    """The handout's agenda reads the session's clock times, not its day: rebuilt for a
    content edit made with a new --date, it names the edit alone; the sign-in sheet, which
    prints the day and not the edited key point, names the date alone. Neither record
    declares what its template does not read."""
    build = (
        "build",
        "-p",
        str(project),
        "-a",
        AUDIENCE,
        "-j",
        "1",
        "--only",
        "handout",
        "--only",
        "sign-in",
    )
    cli(*build, "--date", "2025-04-01")
    edit(project / "content/modules/intro.md", "Calm rooms", "Quiet rooms")
    said = reasons(cli(*build, "--date", "2025-04-02", "--start", "10:30"))
    assert said["handout"] == [
        "content/modules/intro.md changed",
        "--start changed from 09:00 to 10:30",
    ]
    # the sheet shows the day, not the key point
    assert said["sign-in"] == ["--date changed from 2025-04-01 to 2025-04-02"]
    records = {r.kind: r for r in Manifest.read(project / "output").records.values()}
    assert DATE not in records["handout"].inputs and START in records["handout"].inputs
    assert DATE in records["sign-in"].inputs


@pytest.mark.parametrize(
    "use, reads",
    [
        ("{{ session.start }}–{{ session.end }}", {START}),
        ("{{ session['date'] }}", {DATE}),
        ("{{ session.total_minutes }}", set()),
        ("{% for s in session.slots %}{{ s.title }}{% endfor %}", {START}),
        # handed on whole, or read by a computed name: every part may be read
        ("{% macro show(plan) %}{{ plan.date }}{% endmacro %}{{ show(session) }}", {START, DATE}),
        ("{% set key = 'date' %}{{ session[key] }}", {START, DATE}),
        ("{{ session | attr('date') }}", {START, DATE}),
    ],
)
def test_the_session_plans_start_and_day_are_inputs_only_where_a_template_reads_them(
    project: Path, use: str, reads: set[str]
) -> None:
    from materials_gen.kinds import template_inputs, template_reads

    own_template(project, "handout.md.j2").write_text(f"# Handout\n\n{use}\n", encoding="utf-8")
    found = template_inputs(KINDS["handout"], template_reads(project, "handout.md.j2"))
    assert found & {START, DATE} == reads


def test_two_edits_in_one_build_each_named_only_where_it_shows(project: Path) -> None:
    """A key point edited in one module and a question in another, built together: each
    file made again names the file whose part it shows changed, not every file edited
    (the post-test shows no key points; the handout, deck and poster no questions)."""
    edit(project / "content/modules/practice.md", "takeaway:", QUESTIONS)
    build = ("build", "-p", str(project), "-a", AUDIENCE, "-j", "1")
    cli(*build)
    edit(project / "content/modules/intro.md", "Calm rooms help everyone", "Calm rooms help")
    edit(
        project / "content/modules/practice.md", "Where should the way out", "Where is the way out"
    )
    said = reasons(cli(*build))
    intro, practice = "content/modules/intro.md changed", "content/modules/practice.md changed"
    for kind in ("posttest", "pretest", "answer-key"):
        assert said[kind] == [practice], (kind, said[kind])
    for kind in ("handout", "deck", "slides", "notes-pages"):
        assert said[kind] == [intro], (kind, said[kind])
    assert "poster" not in said  # it shows neither


def test_a_course_file_edit_beside_a_module_edit_is_named_where_it_shows(project: Path) -> None:
    """The poster shows the course file's subtitle and the table, not the modules' key
    points: the subtitle and a key point edited together name the course file alone there,
    both in the deck, which shows both; a table edited beside a key point names the table
    alone on the poster (the table it shows is its file's, though the course file names it)."""
    build = ("build", "-p", str(project), "-a", AUDIENCE, "-j", "1", "--only", "poster,deck")
    cli(*build)
    edit(project / "content/course.yaml", "A two-module test course", "A course in two modules")
    edit(project / "content/modules/intro.md", "Calm rooms help everyone", "Calm rooms help")
    said = reasons(cli(*build))
    course, intro = "content/course.yaml changed", "content/modules/intro.md changed"
    assert said["poster"] == [course]
    assert sorted(said["deck"]) == sorted([course, intro])
    table = project / "content/tables/approaches.yaml"
    edit(table, "informed: Noticing", "informed: Noticing early")
    edit(project / "content/modules/intro.md", "Calm rooms help", "Calm rooms help all")
    said = reasons(cli(*build))
    assert said["poster"] == ["content/tables/approaches.yaml changed"]


KEY_POINT = ("content/modules/intro.md", "Calm rooms help everyone", "Calm rooms help")


def _reasons_after(project: Path, *edits: tuple[str, str, str], options: tuple = ()) -> dict:
    """The reasons of a build made after ``edits`` (file, old, new), the project built
    before with the same options and the questions and a roster every kind needs."""
    build = ("build", "-p", str(project), "-a", AUDIENCE, "-j", "1", *options)
    cli(*build)
    for file, old, new in edits:
        edit(project / file, old, new)
    return reasons(cli(*build))


@pytest.fixture
def questioned(project: Path) -> Path:
    edit(project / "content/modules/practice.md", "takeaway:", QUESTIONS)
    _roster(project)
    edit(
        project / "content/course.yaml",
        "    date: 2025-03-11",
        "    date: 2025-03-11\n    length: 60",
    )
    return project


def test_an_edit_an_output_does_not_show_is_not_its_reason_beside_another(
    questioned: Path,
) -> None:
    """A key point edited with the sign-in sheet rebuilt for the day, the poster for its
    template, the guide for the booked time: each named the key point's module too,
    which none of them shows."""
    own_template(questioned, "poster.md.j2")
    said = _reasons_after(
        questioned,
        KEY_POINT,
        ("templates/poster.md.j2", "note: {{ course.poster.note | json }}", 'note: "Ask early."'),
        ("content/course.yaml", "    length: 60", "    length: 90"),
        options=("--date", "2025-04-01", "--roster", str(questioned / "people.csv")),
    )
    assert said["poster"] == ["templates/poster.md.j2 changed"]
    assert said["guide"] == ["content/course.yaml changed"], said["guide"]  # booked time
    assert "sign-in" not in said  # the day given as before, nothing it shows edited
    assert said["handout"] == ["content/modules/intro.md changed"]


def test_a_course_file_edit_beside_a_module_edit_is_named_where_it_shows_the_order(
    questioned: Path,
) -> None:
    """The modules put in another order in course.yaml, and a key point edited: the
    handout, whose contents and numbers show the new order, named the module alone."""
    said = _reasons_after(
        questioned,
        KEY_POINT,
        ("content/course.yaml", "  - intro\n  - practice\n", "  - practice\n  - intro\n"),
    )
    assert sorted(said["handout"]) == [
        "content/course.yaml changed",
        "content/modules/intro.md changed",
    ]


def test_the_knowledge_check_is_told_of_its_questions_not_of_titles_it_does_not_print(
    questioned: Path,
) -> None:
    """A module's title and a question edited together: the pre-test and the answer key,
    which print no module title, named the title's module too."""
    said = _reasons_after(
        questioned,
        ("content/modules/intro.md", "title: Welcome to safe rooms", "title: Welcome, everyone"),
        ("content/modules/practice.md", "Where should the way out", "Where is the way out"),
    )
    for kind in ("pretest", "posttest", "answer-key"):
        assert said[kind] == ["content/modules/practice.md changed"], (kind, said[kind])


def test_a_template_that_stops_showing_a_field_is_not_told_of_its_edit(project: Path) -> None:
    """The handout's template made to leave out key points, and a key point edited: the
    handout named the key point's module, though it shows no key point any more."""
    copy = own_template(project, "handout.md.j2")
    text = copy.read_text(encoding="utf-8")
    assert "{% if module.key_points %}" in text
    said = _reasons_after(
        project,
        KEY_POINT,
        (
            "templates/handout.md.j2",
            "{% if module.key_points %}",
            "{% if false and module.key_points %}",
        ),
        options=("--only", "handout"),
    )
    assert said["handout"] == ["templates/handout.md.j2 changed"]


def test_the_guide_told_of_moved_slide_numbers_names_what_its_deck_shows(project: Path) -> None:
    """The modules put in another order (the slide numbers move) and a clinical-only key
    point edited: the all-staff guide named the key point's module, which its deck does
    not show."""
    said = _reasons_after(
        project,
        ("content/course.yaml", "  - intro\n  - practice\n", "  - practice\n  - intro\n"),
        (
            "content/modules/intro.md",
            "Seat the client nearest the door in therapy rooms",
            "Seat the client by the door",
        ),
        options=("--only", "guide,deck"),
    )
    assert said["guide"] == ["content/course.yaml changed"]
    assert said["deck"] == ["content/course.yaml changed"]


def test_the_guide_is_not_told_of_a_question_it_only_asks_there_are(questioned: Path) -> None:
    """The guide lists the knowledge-check forms when there are questions: a question's
    wording edited with a module's title made it name the question's module too."""
    said = _reasons_after(
        questioned,
        ("content/modules/intro.md", "title: Welcome to safe rooms", "title: Welcome, everyone"),
        ("content/modules/practice.md", "Where should the way out", "Where is the way out"),
        options=("--only", "guide"),
    )
    assert said["guide"] == ["content/modules/intro.md changed"]


def test_the_same_roster_named_by_another_path_is_no_reason(questioned: Path) -> None:
    """Built from another folder, the roster given by another path to the same file: the
    sign-in sheet named "the roster people.csv changed" beside the title it had for a
    reason."""
    build = ("build", "-p", str(questioned), "-a", AUDIENCE, "-j", "1", "--only", "sign-in")
    cli(*build, "--roster", str(questioned / "people.csv"))
    edit(questioned / "content/course.yaml", "title: Safe Rooms\n", "title: Safe Rooms Today\n")
    other = questioned / "content" / ".." / "people.csv"
    said = reasons(cli(*build, "--roster", str(other)))
    assert said["sign-in"] == ["content/course.yaml changed"]


def test_a_setting_that_is_no_input_of_its_own_is_named(questioned: Path) -> None:
    """The trainer and the group size edited: the sign-in sheet and the guide were rebuilt
    because "settings in content/course.yaml changed", which names neither."""
    said = _reasons_after(
        questioned,
        (
            "content/course.yaml",
            "    date: 2025-03-11",
            "    date: 2025-03-11\n    trainer: Jo Smith\n    group_size: 30",
        ),
        options=("--only", "guide", "--only", "sign-in"),
    )
    assert said["guide"] == [
        "settings: session: group_size changed",
        "settings: session: trainer changed",
    ], said
    assert said["sign-in"] == said["guide"]


def test_a_start_set_in_the_course_file_is_told_once(questioned: Path) -> None:
    """The start time changed in course.yaml with a key point edited: the guide said both
    "content/course.yaml changed" and "settings: session: start changed"."""
    said = _reasons_after(
        questioned,
        KEY_POINT,
        ("content/course.yaml", "    date: 2025-03-11", "    date: 2025-03-11\n    start: '09:30'"),
        options=("--only", "guide"),
    )
    assert len(said["guide"]) == 1 and "start" in said["guide"][0], said["guide"]
