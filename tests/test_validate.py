from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from materials_gen.errors import ContentError, Problem
from materials_gen.load import load_project
from materials_gen.model import Item, Variants
from materials_gen.validate import validate

from .conftest import append, edit, kit_copy


def problems_of(project: Path) -> list[Problem]:
    with pytest.raises(ContentError) as caught:
        validate(load_project(project))
    return [p for p in caught.value.problems if p.severity == "error"]


def test_valid_project_gives_a_typed_course(project: Path) -> None:
    course, warnings = validate(load_project(project))
    assert warnings == ()
    assert [m.id for m in course.modules] == ["intro", "practice"]
    intro = course.modules[0]
    assert intro.file == "content/modules/intro.md"
    assert isinstance(intro.objectives[1], Item) and intro.objectives[1].audience == ("clinical",)
    assert isinstance(intro.takeaway, Variants)
    assert course.modules[1].tables[0].columns[1].heading == "Informed"
    assert course.settings.paper == "a4" and str(course.date) == "2025-03-04"


def test_unknown_key_names_line_and_suggests(project: Path) -> None:
    edit(project / "content" / "modules" / "intro.md", "key_points:", "key_piont:")
    (problem,) = problems_of(project)
    assert str(problem.location) == "content/modules/intro.md:8:1"
    assert problem.message == "unknown key 'key_piont'"
    assert problem.hint == "did you mean 'key_points'?"


def test_misspelt_key_is_not_also_reported_missing(project: Path) -> None:
    edit(project / "content" / "course.yaml", "organization:", "organisation:")
    (problem,) = problems_of(project)
    assert problem.hint == "did you mean 'organization'?"
    assert problem.location.line == 4


def test_misspelt_audience_everywhere_it_can_be_named(project: Path) -> None:
    modules = project / "content" / "modules"
    text = (modules / "intro.md").read_text()
    (modules / "intro.md").write_text(
        text.replace("audience: clinical", "audience: clinicl")
        .replace('{audience="clinical"}', '{audience="clincal"}')
        .replace("  clinical: Room layout", "  clinicians: Room layout")
    )
    edit(
        project / "content" / "tables" / "approaches.yaml",
        "audience: clinical",
        "audience: cinical",
    )
    problems = problems_of(project)
    where = sorted((p.location.file, p.location.line) for p in problems)
    assert where == [
        ("content/modules/intro.md", 7),
        ("content/modules/intro.md", 11),
        ("content/modules/intro.md", 17),
        ("content/modules/intro.md", 25),
        ("content/tables/approaches.yaml", 21),
    ]
    assert all(p.message.startswith("unknown audience") for p in problems)
    assert all(p.hint == "did you mean 'clinical'?" for p in problems)


def test_an_audience_id_misspelt_where_it_is_defined_is_told_there_once(project: Path) -> None:
    """Every module, table and list names 'clinical'; course.yaml misspells the id it
    defines: one error at the definition, not one at every correct use."""
    edit(project / "content" / "course.yaml", "  - id: clinical", "  - id: clincal")
    (problem,) = problems_of(project)
    assert str(problem.location) == "content/course.yaml:14:5"
    assert problem.message.startswith(
        "the audience 'clincal' is named nowhere, and 7 places name an audience 'clinical'"
    )
    assert "(the first: content/course.yaml:" in problem.message
    assert problem.hint == "if 'clincal' is misspelt, write id: clinical here"


def test_an_unknown_audience_named_in_many_places_is_told_once(project: Path) -> None:
    """An audience no one defines (its definition taken out): one error, at its first place,
    listing others; the includes of the audience defined twice is not called a loop."""
    edit(project / "content" / "course.yaml", "  - id: clinical", "  - id: all-staff")
    problems = problems_of(project)
    assert [p.message.split(",")[0] for p in problems] == [
        "audience 'all-staff' is defined twice (first on line 11)",
        "unknown audience 'clinical'",
    ]
    unknown = problems[1]
    assert "named in 7 places (also " in unknown.message and "and 3 more)" in unknown.message
    assert unknown.location is not None and unknown.location.file == "content/course.yaml"


def test_a_value_in_a_word_processors_quotes_is_told_to_take_straight_ones(
    project: Path,
) -> None:
    """“09:00” is text to YAML, curly quotes and all: "not a time of day" alone left the
    trainer looking at a time that looks right; a list item in curly quotes with a colon
    inside read as an unknown audience."""
    edit(
        project / "content" / "course.yaml",
        "    date: 2025-03-11",
        "    date: 2025-03-11\n    start: \u201c09:00\u201d",
    )
    edit(
        project / "content" / "modules" / "intro.md",
        "key_points:\n",
        "key_points:\n  - \u201cPredictability: choice\u201d help people\n",
    )
    problems = problems_of(project)
    assert [p.message for p in problems] == [
        "'\u201c09:00\u201d' is not a time of day",
        "unknown audience '\u201cPredictability'",
    ]
    assert all("not quotes to YAML" in p.hint and '"like this"' in p.hint for p in problems)


def test_a_module_with_nothing_in_it_is_a_warning_at_its_file(project: Path) -> None:
    """A module file started and left (a title alone) printed a bare heading, and only its
    missing duration was told."""
    (project / "content" / "modules" / "practice.md").write_text(
        "---\ntitle: Practice\nduration: 10\n---\n", encoding="utf-8"
    )
    _, warnings = validate(load_project(project))
    (empty,) = [w for w in warnings if "nothing in it" in w.message]
    assert str(empty.location) == "content/modules/practice.md:1"
    assert empty.message.startswith("module 'practice' has nothing in it yet")


@pytest.mark.parametrize(
    ("answer", "message", "hint"),
    [
        (
            "    answer: The Quiet Room\n",
            "the answer 'The Quiet Room' is not the letter of an option",  # as written
            "give the letter of the right option: a, b",
        ),
        ("", "'answer' is missing", "add a line 'answer: b' here: the letter of the right"),
        # two letters, or none: each is "in" the letters "AB" as text, and was taken for one
        # (the key gave option b for "bc", a for "")
        (
            "    answer: ab\n",
            "the answer 'ab' names several options: a question has one right answer",
            "give the letter of the one right option",
        ),
        (
            "    answer: a, b\n",
            "the answer 'a, b' names several options: a question has one right answer",
            "give the letter of the one right option",
        ),
        ("    answer: a, x\n", "the answer 'a, x' is not the letter of an option", "give the"),
        ('    answer: ""\n', "the answer '' is not the letter of an option", "give the letter"),
        ('    answer: " "\n', "the answer '' is not the letter of an option", "give the letter"),
        # nothing after its colon, or a list: one message (it was three, naming 'str',
        # 'bool' and 'int')
        (
            "    answer:\n",
            "'answer' must be the letter of the right option, or true or false, not nothing",
            "write e.g. answer: b",
        ),
        (
            "    answer: [a, b]\n",
            "'answer' must be the letter of the right option, or true or false, not a list",
            "write e.g. answer: b",
        ),
        # a number that is no letter: one message, not one naming each of 'str', 'bool', 'int'
        (
            "    answer: 1.5\n",
            "'answer' must be the letter of the right option, or true or false, not a number (1.5)",
            "write e.g. answer: b",
        ),
        # YAML's yes/no words, read as true or false: told as typed, not as 'true'
        (
            "    answer: yes\n",
            "the answer 'yes' is not the letter of an option: a question with options is "
            "answered by one of their letters",
            "give the letter of the right option: a, b; or, for a statement",
        ),
    ],
    ids=[
        "words",
        "missing",
        "two-letters",
        "two-listed",
        "not-letters",
        "empty",
        "blank",
        "nothing",
        "list",
        "number",
        "yes",
    ],  # fmt: skip
)
def test_a_questions_answer_is_told_as_written_and_what_to_write(
    project: Path, answer: str, message: str, hint: str
) -> None:
    module = project / "content" / "modules" / "practice.md"
    question = (
        "questions:\n  - question: Which room is calm?\n"
        "    options: [The quiet one, The loud one]\n" + answer
    )
    edit(module, "tables: [approaches]\n", "tables: [approaches]\n" + question)
    (problem,) = problems_of(project)
    assert problem.message == message and problem.hint.startswith(hint)


def test_a_question_with_one_option_is_told_at_its_options(project: Path) -> None:
    """It was told at the line of 'answer:', which is not what to change."""
    module = project / "content" / "modules" / "practice.md"
    question = (
        "questions:\n  - question: Which room is calm?\n    options:\n      - The quiet one\n"
    )
    edit(module, "tables: [approaches]\n", "tables: [approaches]\n" + question + "    answer: a\n")
    (problem,) = problems_of(project)
    assert problem.message == "a multiple-choice question needs 2 to 8 options, not 1"
    assert problem.location.line == 15  # options:, not answer: (17)


def test_a_multiple_choice_answer_of_true_is_echoed_as_written(project: Path) -> None:
    """'answer: true' was echoed "the answer 'True'", as no one wrote it."""
    module = project / "content" / "modules" / "practice.md"
    question = (
        "questions:\n  - question: Which room is calm?\n"
        "    options: [The quiet one, The loud one]\n    answer: true\n"
    )
    edit(module, "tables: [approaches]\n", "tables: [approaches]\n" + question)
    (problem,) = problems_of(project)
    assert problem.message.startswith("the answer 'true' is not the letter of an option")
    assert problem.hint.startswith("give the letter of the right option: a, b; or, for a")


def test_a_true_or_false_question_without_its_answer_is_told_true_or_false(
    project: Path,
) -> None:
    """A question without options and without an answer was told to add "answer: b", the
    letter of an option it does not have."""
    module = project / "content" / "modules" / "practice.md"
    question = "questions:\n  - question: A calm room helps everyone.\n"
    edit(module, "tables: [approaches]\n", "tables: [approaches]\n" + question)
    (problem,) = problems_of(project)
    assert problem.message == "'answer' is missing"
    assert problem.hint.startswith("add a line 'answer: true' or 'answer: false' here")


@pytest.mark.parametrize(
    ("options", "message", "repeat"),
    [
        # "Red" twice printed as B and C, the key marking only one of them right
        ('    options: [Red, Brown, "red ", Grey]\n', "options a and c are the same ('red')", ""),
        # told at 'options:' (the list, not the repeat); "Wet" and "Wet." printed as two
        (
            "    options:\n      - Wet\n      - Lather\n      - Wet.\n",
            "options a and c are the same ('Wet.')",
            "      - Wet.",
        ),
    ],
    ids=["case-and-spaces", "last-stop"],
)
def test_two_options_the_same_are_told_at_the_repeat(
    project: Path, options: str, message: str, repeat: str
) -> None:
    module = project / "content" / "modules" / "practice.md"
    question = "questions:\n  - question: Which comes first?\n" + options + "    answer: c\n"
    edit(module, "tables: [approaches]\n", "tables: [approaches]\n" + question)
    (problem,) = problems_of(project)
    assert problem.message == message
    if repeat:
        lines = module.read_text(encoding="utf-8").splitlines()
        assert problem.location.line == lines.index(repeat) + 1


def test_a_picture_path_with_backslashes_is_told_to_use_slashes(project: Path) -> None:
    edit(
        project / "content" / "modules" / "intro.md",
        "](../images/room.png)",
        "](..\\images\\room.png)",
    )
    (problem,) = problems_of(project)
    assert problem.message == "picture '..\\images\\room.png' not found"
    assert problem.hint.startswith("write the path with forward slashes, as ../images/room.png")


def test_a_picture_named_without_its_folder_is_told_where_it_is(project: Path) -> None:
    """'(room.png)' for content/images/room.png: the hint was the general one about paths;
    it names the one picture of that name and the path to write."""
    edit(project / "content" / "modules" / "intro.md", "](../images/room.png)", "](room.png)")
    (problem,) = problems_of(project)
    assert problem.message == "picture 'room.png' not found"
    assert problem.hint == "found content/images/room.png: write its path as images/room.png"


def test_bold_marks_markdown_prints_as_typed_are_warned_of(project: Path) -> None:
    """Japanese "**注意：**これは" printed its asterisks: bold that ends with punctuation right
    before a letter is not closed by Markdown's rule for text with spaces. Told at its
    line, with the way to write it; bold that is read is not."""
    module = project / "content" / "modules" / "intro.md"
    text = module.read_text(encoding="utf-8")
    module.write_text(text + "\n**Note:** this is read.\n\n**注意：**これは大切です。\n", "utf-8")
    line = len((text + "\n**Note:** this is read.\n\n").split("\n"))
    _, warnings = validate(load_project(project))
    said = [w for w in warnings if "printed as typed here" in w.message]
    assert [str(w.location) for w in said] == [f"content/modules/intro.md:{line}"], said
    assert "(**注意**：, not **注意：**)" in said[0].hint


def test_a_table_cell_left_out_is_a_warning(project: Path) -> None:
    """A row whose line for a column was deleted printed a blank cell, unsaid; a Markdown
    table row with more cells than its header lost the last ones, unsaid."""
    table = project / "content" / "tables" / "approaches.yaml"
    lines = table.read_text(encoding="utf-8").split("\n")
    rows = lines.index("rows:")
    cell = next(n for n in range(rows + 2, len(lines)) if lines[n].startswith("    "))
    column = lines[cell].strip().split(":")[0]
    del lines[cell]
    table.write_text("\n".join(lines), encoding="utf-8")
    module = project / "content" / "modules" / "intro.md"
    append(module, "\n| Time | Topic |\n| --- | --- |\n| 9:30 | Safety | Ben |\n| 9:40 | Calm |\n")
    _, warnings = validate(load_project(project))
    said = {w.message: w for w in warnings}
    missing = said[f"row 1 has no '{column}' cell: printed blank"]
    assert str(missing.location).startswith(f"content/tables/approaches.yaml:{rows + 2}")
    extra = said["this table row has 3 cells and its header 2: the last one is not printed"]
    last = len(module.read_text(encoding="utf-8").rstrip("\n").split("\n"))
    assert extra.location is not None and extra.location.file == "content/modules/intro.md"
    assert extra.location.line == last - 1


def test_a_misspelt_key_with_a_curly_quoted_value_is_still_told_its_spelling(
    project: Path,
) -> None:
    edit(project / "content" / "course.yaml", "subtitle: ", "subtitel: \u201c")
    (problem,) = problems_of(project)
    assert problem.message == "unknown key 'subtitel'"
    assert problem.hint == "did you mean 'subtitle'?"


def test_an_unknown_audience_closest_to_one_in_use_is_not_blamed_on_an_unused_one(
    project: Path,
) -> None:
    """'clinicals' three times, beside a new audience 'clinician' nothing names yet: the
    slip is the three places (did you mean 'clinical'?), not the new id's spelling."""
    edit(
        project / "content" / "course.yaml",
        "    description: People who provide treatment.",
        "    description: People who provide treatment.\n"
        "  - id: clinician\n    name: Clinicians\n    description: New.",
    )
    intro = project / "content" / "modules" / "intro.md"
    for _ in range(intro.read_text(encoding="utf-8").count("audience: clinical")):
        edit(intro, "audience: clinical\n", "audience: clinicals\n")
    edit(intro, '{audience="clinical"}', '{audience="clinicals"}')  # three places
    problems = problems_of(project)
    assert all("clinician' is named nowhere" not in p.message for p in problems)
    assert all(p.hint == "did you mean 'clinical'?" for p in problems)


def test_missing_required_field(project: Path) -> None:
    edit(project / "content" / "modules" / "practice.md", "title: Putting it into practice\n", "")
    (problem,) = problems_of(project)
    assert problem.location.file == "content/modules/practice.md"
    assert problem.message == "'title' is missing"


def test_duplicate_module_is_reported_with_both_lines(project: Path) -> None:
    edit(project / "content" / "course.yaml", "  - practice\n", "  - practice\n  - intro\n")
    (problem,) = problems_of(project)
    assert problem.location.line == 27
    assert "listed twice (first on line 25)" in problem.message


def test_missing_module_file_suggests_the_close_one(project: Path) -> None:
    edit(project / "content" / "course.yaml", "  - practice\n", "  - practise\n")
    problems = problems_of(project)
    assert problems[0].message.startswith("no module file for 'practise'")
    assert problems[0].hint == "did you mean 'practice'?"


def test_a_module_without_its_file_says_the_ways_on(project: Path) -> None:
    """A module listed with no file near its name was told "expected one of: ..." alone;
    one saved as .txt was not named. Either: write it, take the line out, or rename."""
    edit(project / "content" / "course.yaml", "  - practice\n", "  - discharge\n")
    (problem,) = [p for p in problems_of(project) if "discharge" in p.message]
    assert problem.hint.startswith(
        "write the module in content/modules/discharge.md, or take this line out; the "
        "module files there are intro, practice"
    )
    modules = project / "content" / "modules"
    (modules / "discharge.txt").write_text((modules / "practice.md").read_text("utf-8"), "utf-8")
    (problem,) = [p for p in problems_of(project) if "discharge" in p.message]
    assert problem.hint.startswith("found content/modules/discharge.txt: rename it to discharge.md")


def test_wrong_types_are_said_in_plain_words(project: Path) -> None:
    edit(project / "content" / "modules" / "intro.md", "title: Welcome to safe rooms", "title: 42")
    edit(
        project / "content" / "modules" / "practice.md",
        "takeaway: Use the table as a checklist.",
        "takeaway:\n  - a list\n  - of things",
    )
    edit(project / "content" / "modules" / "practice.md", "duration: 15", "duration: fifteen")
    messages = {(p.location.file.split("/")[-1], p.location.line): p for p in problems_of(project)}
    title = messages[("intro.md", 2)]
    assert title.message == "'title' must be text, not a number (42)"
    assert title.hint == 'put the value in quotes: "42"'
    assert messages[("practice.md", 3)].message.startswith("'duration' must be a whole number")
    assert messages[("practice.md", 11)].message == "'takeaway' must be text, not a list"


# pydantic's names for what a value may be, which a trainer never wrote
TYPE_NAMES = re.compile(
    r"'(str|int|float|bool|dict|list|tuple|Source|Item|Variants|Question|Activity)'"
    r"|constrained-|function-(after|before|wrap|plain)|nullable|\[str\]|Union|Literal"
)


@pytest.mark.parametrize("value", ["", "[a]", "{a: b}", "true", "7", "1.5", "2026-01-01"])
@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        (
            "modules/practice.md",
            "tables: [approaches]\n",
            "sources:\n  - author: A\n    title: T\n    year: {}\n",
        ),
        (
            "modules/practice.md",
            "tables: [approaches]\n",
            "questions:\n  - question: Q?\n    options: [x, y]\n    answer: {}\n",
        ),
        ("modules/practice.md", "duration: 15", "duration: {}"),
        ("modules/practice.md", "takeaway: Use the table as a checklist.", "takeaway: {}"),
        ("modules/practice.md", "  - Both approaches matter", "  - {}"),
        ("course.yaml", "keywords: [safety, rooms]", "keywords: [safety, {}]"),
        ("course.yaml", 'version: "2.1"', "version: {}"),
        ("course.yaml", "  paper: a4", "  paper: a4\n  deck:\n    per_page: {}"),
    ],
)
def test_no_message_names_a_type_of_the_program(
    project: Path, file: str, old: str, new: str, value: str
) -> None:
    """A field that may be written in several forms (a source's year: a number or text; an
    answer: a letter, or true or false) was told once for each form, by pydantic's name for
    it: "'int' must be a whole number", "'str' must be text"."""
    edit(project / "content" / file, old, new.format(value))
    try:
        validate(load_project(project))
    except ContentError as caught:
        for problem in caught.problems:
            assert not TYPE_NAMES.search(f"{problem.message} {problem.hint}"), problem


def test_a_year_of_the_wrong_kind_is_one_message_saying_what_a_year_is(project: Path) -> None:
    edit(
        project / "content" / "modules" / "practice.md",
        "tables: [approaches]\n",
        "tables: [approaches]\nsources:\n  - author: A\n    title: T\n    year: [2014]\n",
    )
    (problem,) = problems_of(project)
    assert problem.location.line == 16
    assert problem.message == (
        "'year' must be a year, e.g. 2014 (or n.d. for a work without one), not a list"
    )
    assert problem.hint == "write e.g. year: 2014, or leave the line out for n.d."


@pytest.mark.parametrize(
    ("old", "new", "hint"),
    [
        # "3" is no length, and "7" no language tag: quoting led to a second error
        (
            "  paper: a4",
            "  paper: a4\n  poster:\n    bleed: 3",
            "write a number and a unit, e.g. 3mm or 0.125in",
        ),
        ("language: en-GB", "language: 7", "write e.g. en-US, en-GB, fr, es-MX"),
        ("  paper: a4", "  paper: a4\n  poster:\n    tile: 2", "write a paper size, e.g. letter"),
        (
            "  paper: a4",
            "  paper: a4\n  deck:\n    template: 7",
            "write the path of a .pptx or .potx file in the project, e.g. templates/",
        ),
        # only 1, 2, 3 or 6 slides a page: "e.g. 20" was refused in turn
        (
            "  paper: a4",
            "  paper: a4\n  deck:\n    per_page: three",
            "write the number as digits, e.g. 3 (it may be 1, 2, 3 or 6)",
        ),
        (
            "  paper: a4",
            '  paper: a4\n  deck:\n    per_page: "3"',
            "write the number without quotes, e.g. 3 (it may be 1, 2, 3 or 6)",
        ),
        # where quoting is the fix, it is still the hint
        ("slug: safe-rooms", "slug: 2026", 'put the value in quotes: "2026"'),
    ],
    ids=["bleed", "language", "tile", "template", "per-page", "per-page-quoted", "slug"],
)
def test_a_hints_example_is_a_value_the_field_takes(
    project: Path, old: str, new: str, hint: str
) -> None:
    edit(project / "content" / "course.yaml", old, new)
    (problem,) = problems_of(project)
    assert problem.hint.startswith(hint), problem


def test_an_id_written_in_a_table_says_a_tables_id_is_its_file_name(project: Path) -> None:
    """It said "a module's id is its file name", of a table."""
    table = project / "content" / "tables" / "approaches.yaml"
    table.write_text("id: approaches\n" + table.read_text(encoding="utf-8"), encoding="utf-8")
    (problem,) = problems_of(project)
    assert (problem.location.line, problem.message) == (1, "unknown key 'id'")
    assert problem.hint == "a table's id is its file name"


@pytest.mark.parametrize(
    ("file", "text", "line", "example"),
    [
        ("modules/intro.md", "---\n- a\n---\nHello.\n", 2, "'title: Calm rooms'"),
        ("tables/approaches.yaml", "- a\n", 1, "'title: Calm rooms compared'"),
    ],
)
def test_a_file_that_is_a_list_is_shown_a_line_of_its_own_kind(
    project: Path, file: str, text: str, line: int, example: str
) -> None:
    (project / "content" / file).write_text(text, encoding="utf-8")
    problem = next(p for p in problems_of(project) if p.location.file.endswith(file))
    assert problem.location.line == line
    assert problem.message == "expected a set of 'key: value' lines, found a list"
    assert problem.hint.startswith(f"write one 'key: value' line for each setting, e.g. {example}")


@pytest.mark.parametrize(
    ("file", "old", "new", "line", "message", "hint"),
    [
        (
            "course.yaml",
            "keywords: [safety, rooms]",
            "keywords:\n  - safety\n  - {a: b}",
            10,
            "entry 2 of 'keywords' must be text, not a set of 'key: value' lines",
            "write the entry as one piece of text; put it in quotes if it holds ': '",
        ),
        (
            "modules/practice.md",
            "  - Both approaches matter",
            "  - Both approaches matter\n  - 42",
            8,
            "entry 2 of 'key_points' must be text, not a number (42)",
            'put the value in quotes: "42"',
        ),
        (
            "modules/practice.md",
            "tables: [approaches]\n",
            "tables: [approaches]\nsources:\n  - National Child Traumatic Stress Network\n",
            14,
            "entry 1 of 'sources' must give its author: and title: as 'key: value' lines, "
            "not a text",
            "write it as '- author: National Child Traumatic Stress Network', with 'title: "
            "...' on the lines below it, lined up with 'author:' (year:, number:, publisher:, "
            "url:, audience: if it has them)",
        ),
    ],
    ids=["keywords", "key-points", "sources"],
)
def test_a_lists_entry_of_the_wrong_kind_is_told_as_that_entry(
    project: Path, file: str, old: str, new: str, line: int, message: str, hint: str
) -> None:
    """It was blamed on the whole list ("'keywords' must be text"), as an empty entry is
    not ("entry 1 of 'key_points' is empty"); a source written as text had no hint."""
    edit(project / "content" / file, old, new)
    (problem,) = problems_of(project)
    assert (problem.location.line, problem.message, problem.hint) == (line, message, hint)


def test_a_fill_in_mark_without_quotes_is_told_to_take_quotes(project: Path) -> None:
    """YAML reads [[fill in ...]] as a list in a list: the message said "'key_points' must
    be text, not a list", of a list that is meant to be one, and never said quotes."""
    intro = project / "content" / "modules" / "intro.md"
    edit(intro, "  - Calm rooms help everyone", "  - [[fill in your school's referral route]]")
    edit(
        project / "content" / "modules" / "practice.md",
        "takeaway: Use the table as a checklist.",
        "takeaway: [[fill in the checklist's name]]",
    )
    found = {(p.location.file.split("/")[-1], p.location.line): p for p in problems_of(project)}
    point, takeaway = found[("intro.md", 9)], found[("practice.md", 11)]
    assert point.message.startswith("a [[fill in ...]] mark needs quotes here")
    assert point.hint == 'write it in quotes: "[[fill in your school\'s referral route]]"'
    assert takeaway.hint == 'write it in quotes: "[[fill in the checklist\'s name]]"'


def test_a_text_where_a_list_belongs_is_called_text(project: Path) -> None:
    edit(
        project / "content" / "modules" / "intro.md",
        "reflection:\n  - What makes a room feel safe to you?",
        "reflection: What makes a room feel safe to you?",
    )
    (problem,) = problems_of(project)
    assert problem.message == "'reflection' must be a list, not a text"


def test_audience_that_includes_itself(project: Path) -> None:
    edit(
        project / "content" / "course.yaml",
        "    description: Everyone who works here.",
        "    description: Everyone who works here.\n    includes: [clinical]",
    )
    problems = problems_of(project)
    assert any("includes itself" in p.message for p in problems)


def test_unknown_table_reference_and_column(project: Path) -> None:
    edit(
        project / "content" / "modules" / "practice.md",
        "tables: [approaches]",
        "tables: [aproaches]",
    )
    edit(
        project / "content" / "tables" / "approaches.yaml",
        "    informed: Noticing",
        "    informd: Noticing",
    )
    problems = problems_of(project)
    texts = sorted(p.message for p in problems)
    assert texts == [
        "'informd' is not a column of this table",
        "no table 'aproaches' (expected content/tables/aproaches.yaml)",
    ]


def test_a_column_id_misspelt_where_it_is_defined_is_one_error_there(project: Path) -> None:
    """'- id: informd' with every row giving 'informed:': an error at every row whose hint
    said "did you mean 'informd'?", and a warning at every row to add 'informd:': followed,
    the misspelling spread to every row. One error, at the column's id, names the fix."""
    table = project / "content" / "tables" / "approaches.yaml"
    edit(table, "  - id: informed\n", "  - id: informd\n")
    line = table.read_text(encoding="utf-8").splitlines().index("  - id: informd") + 1
    problems = problems_of(project)
    said = [p for p in problems if "approaches.yaml" in str(p.location)]
    assert [str(p.location) for p in said] == [f"content/tables/approaches.yaml:{line}:5"]
    assert "no row gives a cell for the column 'informd'" in said[0].message
    assert said[0].hint == "if the column is 'informed', write 'id: informed' here"


def test_a_table_listed_twice_is_named_at_its_second_line(project: Path) -> None:
    """Listing one table 1,000 times laid it out 1,000 times: check ran for minutes."""
    edit(
        project / "content" / "modules" / "practice.md",
        "tables: [approaches]",
        "tables: [approaches, approaches]",
    )
    (problem,) = problems_of(project)
    assert str(problem.location).startswith("content/modules/practice.md:12")
    assert problem.message == "the table 'approaches' is listed twice in tables:"


def test_unlisted_module_is_a_warning(project: Path) -> None:
    (project / "content" / "modules" / "extra.md").write_text("---\ntitle: Extra\n---\nText\n")
    _, warnings = validate(load_project(project))
    assert "not listed" in warnings[0].message


def test_empty_content_folder(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "course.yaml").write_text("")
    with pytest.raises(ContentError) as caught:
        validate(load_project(tmp_path))
    assert "empty" in caught.value.problems[0].message


def _columns(project: Path, count: int) -> None:
    """The minimal project's table with ``count`` columns (the first the row labels)."""
    import yaml

    table = project / "content" / "tables" / "approaches.yaml"
    data = yaml.safe_load(table.read_text(encoding="utf-8"))
    data["columns"] = [{"id": "aspect", "heading": "Aspect"}] + [
        {"id": f"way-{n}", "heading": f"Way {n}"} for n in range(1, count)
    ]
    data["rows"] = [
        {"aspect": aspect, **{f"way-{n}": f"Practice {n}" for n in range(1, count)}}
        for aspect in ("Focus", "Tools")
    ]
    table.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def test_a_table_wider_than_any_page_names_its_first_column_too_many(project: Path) -> None:
    """Past 16 columns no page, slide or poster panel holds a table side by side (at 45 the
    handout said a row was 'too long for one page by 59652314.4 in'): refused up front, at
    the first column too many, with what to do."""
    _columns(project, 45)
    (problem,) = problems_of(project)
    where = problem.location
    assert where is not None and where.file == "content/tables/approaches.yaml"
    lines = (project / where.file).read_text(encoding="utf-8").splitlines()
    assert lines[where.line - 1].strip() == "- id: way-16"
    assert problem.message.startswith("this table has 45 columns; a table can have at most 16")
    assert "split it into two tables" in problem.hint


def test_a_table_too_wide_to_read_says_how_many_columns_fit_and_that_many_build(
    project: Path, tmp_path: Path
) -> None:
    """Within the limit, a table whose columns would cut ordinary words into pieces
    ("Practi" / "ce") stops the handout and the deck, naming the table's file and line and
    how many columns the page or slide holds; split to that many, it builds and reads."""
    import re

    from click.testing import CliRunner

    from materials_gen.cli import main

    from .conftest import all_text

    def build(*only: str) -> tuple[int, str]:
        kinds = [word for kind in only for word in ("--only", kind)]
        result = CliRunner().invoke(
            main, ["build", "-p", str(project), "-o", str(tmp_path / "out"), "-j", "1", *kinds]
        )
        return result.exit_code, " ".join(result.output.split())

    _columns(project, 16)
    status, said = build("handout", "deck")
    assert status == 1 and "Traceback" not in said
    page = re.search(
        r"content/tables/approaches\.yaml:\d+: error: the handout for All staff: a table of 16 "
        r"columns is too wide for the page: .*? \(the page holds (\d+) columns whose words",
        said,
    )
    assert page, said
    slide = re.search(
        r"error: the deck for All staff, slide \d+ \('Two approaches'\).*?a table of 16 columns "
        r"is too wide for a slide: .*? \(a slide holds (\d+) columns whose words",
        said,
    )
    assert slide, said
    _columns(project, min(int(page.group(1)), int(slide.group(1))))
    status, said = build("handout", "deck")
    assert status == 0, said
    for handout in (tmp_path / "out").rglob("*handout.pdf"):
        assert "Practice 1" in all_text(handout)


def test_a_table_whose_ordinary_words_would_print_a_syllable_a_line_stops(
    project: Path, tmp_path: Path
) -> None:
    """Ten columns of sentences of ordinary words printed each cell a syllable a line
    ("Coordi-" / "nates" / "refer-" / "rals"), without a word: the dictionary could
    hyphenate every word the columns were too narrow for, and that let any table by. Only
    words longer than a column of legible width holds may be hyphenated (as the README
    says); a table whose ordinary words would be cut stops at its file, saying how many
    columns the page holds."""
    import yaml
    from click.testing import CliRunner

    from materials_gen.cli import main

    table = project / "content" / "tables" / "approaches.yaml"
    data = yaml.safe_load(table.read_text(encoding="utf-8"))
    data["columns"] = [{"id": f"c{n}", "heading": f"Responsibility area {n}"} for n in range(10)]
    data["rows"] = [
        {
            f"c{n}": f"Coordinates referrals with community partners and documents outcomes {n}"
            for n in range(10)
        }
        for _ in range(3)
    ]
    table.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = CliRunner().invoke(
        main,
        ["build", "-p", str(project), "-o", str(tmp_path / "out"), "-j", "1", "--only", "handout"],
    )
    said = " ".join(result.output.split())
    assert result.exit_code == 1, said
    assert re.search(
        r"content/tables/approaches\.yaml:\d+: error: the handout for All staff: a table of 10 "
        r"columns is too wide for the page: .*? \(the page holds \d+ columns",
        said,
    ), said
    assert not (tmp_path / "out").exists()


def nested_list(depth: int) -> str:
    return "".join(f"{'  ' * level}- Level {level + 1}\n" for level in range(depth))


def test_a_list_nested_deeper_than_slides_show_names_its_line(project: Path) -> None:
    """Nine levels are PowerPoint's outline levels, and what a handout indents: a tenth is
    refused at its line, never laid out by cutting off what follows it."""
    module = project / "content" / "modules" / "intro.md"
    edit(module, "Rooms shape how people feel.", nested_list(10) + "\nRooms shape how people feel.")
    (problem,) = problems_of(project)
    lines = module.read_text(encoding="utf-8").split("\n")
    assert lines[problem.location.line - 1].strip() == "- Level 10"
    assert "nested more than 9 levels deep" in problem.message
    assert problem.location.file == "content/modules/intro.md"


def test_text_nested_past_what_markdown_reads_is_refused_not_cut(project: Path) -> None:
    """markdown-it stops reading a document nested deeper than its limit and drops the rest:
    a module's text is refused at the line instead (a hundred quotes inside each other)."""
    module = project / "content" / "modules" / "intro.md"
    edit(
        module, "Rooms shape how people feel.", "> " * 150 + "deep\n\nRooms shape how people feel."
    )
    (problem,) = problems_of(project)
    assert "nested more than 100 deep" in problem.message
    lines = module.read_text(encoding="utf-8").split("\n")
    assert lines[problem.location.line - 1].startswith("> > >")


def test_speaker_notes_nest_no_deeper_than_a_modules_text(project: Path) -> None:
    """Notes are Markdown too, shown in the deck and printed in the guide: a list ten deep
    in them is refused at its line, as in a module's text."""
    module = project / "content" / "modules" / "intro.md"
    items = "".join(f"  {'  ' * level}- Note {level + 1}\n" for level in range(10))
    edit(module, "notes: Say hello and explain the session.\n", "notes: |\n" + items)
    (problem,) = problems_of(project)
    lines = module.read_text(encoding="utf-8").split("\n")
    assert lines[problem.location.line - 1].strip() == "- Note 10"
    assert "nested more than 9 levels deep" in problem.message


def test_a_table_no_file_holds_says_what_to_write(project: Path) -> None:
    """A module naming a table nothing is close to: the hint says which file to write (a
    did-you-mean when one is close, as above)."""
    edit(
        project / "content" / "modules" / "intro.md",
        "duration: 10\n",
        "duration: 10\ntables: [roles]\n",
    )
    problem = next(p for p in problems_of(project) if "no table 'roles'" in p.message)
    assert problem.hint == (
        "write content/tables/roles.yaml (see README, Tables), or take it out of tables: "
        "(there are 'approaches')"
    )


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("  length: 0", "'length' must be at least 1, not 0"),
        ("  break_every: -5", "'break_every' must be at least 1, not -5"),
        ("  length: [90]", "'length' must be a whole number of minutes, not a list"),
    ],
)
def test_a_number_out_of_range_names_the_least_it_may_be(
    project: Path, setting: str, message: str
) -> None:
    """A setting that must be above zero asks for at least 1 (never "at least 0, not 0"),
    and a value of another kind is named for what it is (a list, not "nothing")."""
    course = project / "content" / "course.yaml"
    edit(course, "  session:\n", f"  session:\n  {setting}\n")
    (problem,) = problems_of(project)
    assert problem.message == message


WHOLE = "must be a whole number of minutes between 1 and 1440"


@pytest.mark.parametrize(
    ("duration", "message", "hint"),
    [
        ("{all-staff: 0, clinical: 15}", f"'duration' for 'all-staff' {WHOLE}, not '0'", ""),
        ("[10]", f"'duration' {WHOLE}, not a list", ""),
        # none, less than none, more than a day: it said only what a duration must be
        ("-5", f"'duration' {WHOLE}, not '-5'", "give the minutes the module takes, e.g. 15"),
        ("0", f"'duration' {WHOLE}, not '0'", "leave the line out while it has no time yet"),
        ("99999", f"'duration' {WHOLE}, not '99999'", "a duration is in minutes (1440 is a whole"),
    ],
)
def test_a_duration_out_of_range_or_of_another_kind_says_what_a_duration_is(
    project: Path, duration: str, message: str, hint: str
) -> None:
    edit(project / "content" / "modules" / "intro.md", "duration: 10", f"duration: {duration}")
    (problem,) = problems_of(project)
    assert problem.message == message
    assert hint in problem.hint


def test_a_key_read_with_a_pasted_space_says_so(project: Path) -> None:
    """An em space at the start of a line is no indentation to YAML: the line becomes a key
    of its own (" heading") that no message should show as a blank."""
    table = project / "content" / "tables" / "approaches.yaml"
    edit(table, "caption: The two approaches", "\u2003caption: The two approaches")
    (problem,) = problems_of(project)
    assert problem.message.startswith(
        "unknown key 'caption': it has a typographic space where YAML needs an ordinary space"
    )
    assert problem.hint == "retype the spaces before and in 'caption:' as ordinary spaces"


@pytest.mark.parametrize("rows_too", [False, True], ids=["column", "column-and-rows"])
def test_a_column_named_audience_is_one_error_at_the_column(project: Path, rows_too: bool) -> None:
    """`audience` is a row's word for who sees it: a column given that id is named once, at
    its line, not as a cell in every row or as unknown audiences."""
    table = project / "content" / "tables" / "approaches.yaml"
    edit(table, "  - id: aspect", "  - id: audience")
    if rows_too:
        # (the third row has an audience of its own: two would be a YAML error first)
        text = table.read_text(encoding="utf-8").replace("  - aspect:", "  - audience:", 2)
        table.write_text(text, encoding="utf-8")
    found = problems_of(project)
    line = table.read_text(encoding="utf-8").splitlines().index("  - id: audience") + 1
    named = [p for p in found if p.message.startswith("'audience' cannot name a column")]
    assert [(p.location.file, p.location.line) for p in named] == [
        ("content/tables/approaches.yaml", line)
    ]
    said = " ".join(p.message for p in found)
    assert "unknown audience" not in said and "is not a column" not in said, said


def test_a_misspelt_text_field_in_an_entry_for_some_audiences_is_named_once(
    project: Path,
) -> None:
    """`- txt: ...` with `audience: clinical` was read as per-audience wording: "unknown
    audience 'txt'" and "unknown audience 'audience'", hinting at audience ids."""
    edit(project / "content" / "modules" / "intro.md", "  - text: Seat", "  - txt: Seat")
    with pytest.raises(ContentError) as caught:
        validate(load_project(project))
    (problem,) = caught.value.problems
    assert (problem.location.file, problem.location.line) == ("content/modules/intro.md", 10)
    assert "'txt' is not a field" in problem.message and "did you mean 'text'" in problem.hint


WELCOME = "content/modules/welcome.md"


@pytest.mark.parametrize(
    ("file", "written", "slipped"),
    [
        # an objective with `assessed: false` (read as one text per audience, it was told
        # "'assessed' must be text"; quoting it led to "'Text' is not a field", then to
        # "'assessed' must be yes or no")
        (WELCOME, "  - text: Describe the purpose", "  - Text: Describe the purpose"),
        (WELCOME, "  - text: Describe the purpose", "  - txt: Describe the purpose"),
        (
            WELCOME,
            "  - text: Describe the purpose of this session and how it is organized\n"
            "    assessed: false",
            "  - txt: Describe the purpose of this session and how it is organized\n"
            "    assessed: yes",
        ),
        # with `audience: clinical` and `assessed: false`
        (WELCOME, "  - text: Connect the session", "  - Text: Connect the session"),
        (WELCOME, "  - text: Connect the session", "  - texts: Connect the session"),
        # a key point for some audiences; one for every audience, with nothing beside it
        (WELCOME, "  - text: Clinical providers go", "  - txt: Clinical providers go"),
        (WELCOME, "  - Trauma is common", "  - Text: Trauma is common"),
        (WELCOME, "  - Trauma is common", "  - txt: Trauma is common"),
        # an activity's materials, a question's options
        ("content/modules/practical-steps.md", "      - sticky notes", "      - txt: sticky notes"),
        (
            "content/modules/practical-steps.md",
            "      - Start with trauma-informed care",
            "      - Text: Start with trauma-informed care",
        ),
    ],
)
def test_a_list_entry_s_misspelt_text_key_is_told_first(
    tmp_path: Path, file: str, written: str, slipped: str
) -> None:
    """A list entry of text or of `text:` with settings, its `text:` misspelt: the
    misspelt key is what is told, at its line, and writing `text:` there is the whole fix."""
    project = kit_copy(tmp_path)
    path = project / file
    edit(path, written, slipped)
    key = slipped.split("- ", 1)[1].split(":")[0]
    lines = path.read_text(encoding="utf-8").split("\n")
    line = next(n for n, text in enumerate(lines, 1) if text.startswith(slipped.split("\n")[0]))
    (problem,) = problems_of(project)
    assert (problem.location.file, problem.location.line) == (file, line), problem.format()
    assert problem.message == not_an_entry_field(key)
    assert problem.hint == "did you mean 'text'?"
    edit(path, f"- {key}:", "- text:")  # the hint followed
    validate(load_project(project))


def not_an_entry_field(key: str) -> str:
    """What is said of a key of a list entry that is none of its fields."""
    return (
        f"'{key}' is not a field of a list entry, whose fields are text, audience and "
        "assessed: an entry for some audiences is written `- text: ...` with `audience: ...` "
        "on the line under it, lined up with `text:`"
    )


TRAUMA_INFORMED = "content/modules/trauma-informed.md"
KEY_POINT = "  - Trauma is widespread, so assume anyone you meet may be affected"


@pytest.mark.parametrize(
    ("file", "written", "slipped", "hint"),
    [
        # far from `text`, each: it was told "did you mean 'text'?" only when near, and
        # never how an entry for some audiences is written
        (TRAUMA_INFORMED, KEY_POINT, "  - tekst: Trauma is widespread\n    audience: clinical", ""),
        (TRAUMA_INFORMED, KEY_POINT, "  - tetx: Trauma is widespread\n    audience: clinical", ""),
        (TRAUMA_INFORMED, KEY_POINT, "  - Text : Trauma is widespread\n    audience: clinical", ""),
        (
            TRAUMA_INFORMED,
            KEY_POINT,
            "  - body: Trauma is widespread\n    audience: clinical",
            "body",
        ),
        (
            TRAUMA_INFORMED,
            KEY_POINT,
            "  - point: Trauma is widespread\n    audience: clinical",
            "point",
        ),
        # the audience misspelt too: it was "unknown audience 'tekst'" and 'audiance'
        (TRAUMA_INFORMED, KEY_POINT, "  - tekst: Trauma is widespread\n    audiance: clinical", ""),
        # an objective, a reflection, an activity's materials, a question's options
        (
            TRAUMA_INFORMED,
            "  - text: Explain how trauma exposure",
            "  - texte: Explain how trauma exposure",
            "",
        ),
        (
            TRAUMA_INFORMED,
            "  - text: Which questions in your intake",
            "  - body: Which questions in your intake",
            "body",
        ),
        (
            "content/modules/practical-steps.md",
            "      - sticky notes",
            "      - point: sticky notes\n        audience: clinical",
            "point",
        ),
        (
            "content/modules/practical-steps.md",
            "      - Start with trauma-informed care for all staff",
            "      - tetx: Start with trauma-informed care for all staff",
            "",
        ),
        # the poster's points, given per audience: it was told at `points:`, lines above
        (
            "content/course.yaml",
            '        - "**Notice** changes',
            '        - tekst: Notice\n          audience: clinical\n        - "**Notice** changes',
            "",
        ),
    ],
)
def test_a_list_entry_s_text_key_far_misspelt_is_told_at_its_line_with_the_entry_s_form(
    tmp_path: Path, file: str, written: str, slipped: str, hint: str
) -> None:
    """`tekst:`, `body:` or `point:` for an entry's `text:`: told at the key's own line,
    with the fields an entry has and how one for some audiences is written, and the key to
    write in its place."""
    project = kit_copy(tmp_path)
    path = project / file
    edit(path, written, slipped)
    first = slipped.split("\n")[0]
    key = first.split("- ", 1)[1].split(":")[0].strip()
    lines = path.read_text(encoding="utf-8").split("\n")
    line = next(n for n, text in enumerate(lines, 1) if text.startswith(first))
    problems = problems_of(project)
    problem = problems[0]
    assert (problem.location.file, problem.location.line) == (file, line), problem.format()
    assert problem.message == not_an_entry_field(key)
    if hint:
        assert problem.hint == f"if it is the entry's text, write `text:` in place of `{hint}:`"
    else:
        assert problem.hint == "did you mean 'text'?"
    assert not any("unknown audience" in p.message for p in problems), problems
    fixed = first.replace(f"- {first.split('- ', 1)[1].split(':')[0]}:", "- text:")
    edit(path, first, fixed)
    if "audiance:" in slipped:
        edit(path, "audiance:", "audience:")
    validate(load_project(project))


def test_a_key_beside_an_entry_s_text_is_told_with_the_entry_s_fields(tmp_path: Path) -> None:
    """`- text: ...` with `notes:` under it: it was "unknown key 'notes'", the three
    fields listed; now with how an entry for some audiences is written, and what to do."""
    project = kit_copy(tmp_path)
    edit(project / TRAUMA_INFORMED, KEY_POINT, "  - text: Trauma is widespread\n    notes: why")
    (problem,) = problems_of(project)
    assert (problem.location.file, problem.location.line) == (TRAUMA_INFORMED, 12)
    assert problem.message == not_an_entry_field("notes")
    assert (
        problem.hint
        == "remove `notes:`, or, if it is another entry of the list, start it with '- '"
    )


@pytest.mark.parametrize("key", ["text", "tekst"])
def test_one_text_written_as_a_list_entry_for_some_audiences_is_told(
    tmp_path: Path, key: str
) -> None:
    """`takeaway:` with `text:` and `audience:` under it was read as texts for audiences
    named 'text' and 'audience', and printed nothing, with no word said (with `tekst:`,
    the trainer was told to write `text:`, which did that)."""
    project = kit_copy(tmp_path)
    path = project / TRAUMA_INFORMED
    text = path.read_text(encoding="utf-8")
    start = text.index("takeaway: ")
    end = text.index("\n", start)
    path.write_text(
        text[:start] + f"takeaway:\n  {key}: Only some\n  audience: clinical" + text[end:],
        encoding="utf-8",
    )
    line = text[:start].count("\n") + 3
    (problem,) = problems_of(project)
    assert (problem.location.file, problem.location.line) == (TRAUMA_INFORMED, line)
    assert problem.message == (
        "`takeaway:` is one text, not an entry of a list, so `audience:` cannot be one of its "
        "settings (only a list's entries are written `- text: ...` with `audience: ...`)"
    )
    assert problem.hint == (
        "to give an audience a text of its own, write it under `takeaway:` after the "
        "audience's id, `clinical: ...`, with `default: ...` for every other audience"
    )


def test_a_list_entry_s_other_key_beside_its_settings_is_told_as_its_text(
    tmp_path: Path,
) -> None:
    """An entry with `audience:` and a key of its own, not like `text` (`Note:`): that key
    is told, as where the text goes; not also "'text' is missing"."""
    project = kit_copy(tmp_path)
    edit(project / WELCOME, "  - text: Connect the session", "  - Note: Connect the session")
    (problem,) = problems_of(project)
    assert problem.location.line == 8
    assert problem.message.startswith("'Note' is not a field of a list entry")
    assert problem.hint == "if it is the entry's text, write `text:` in place of `Note:`"


def test_a_list_entry_starting_with_a_word_like_text_and_a_colon_is_text(
    tmp_path: Path,
) -> None:
    """ "Next: ..." is a word of its own, one letter from `text`: told as a text with a
    colon in it, to quote, as before."""
    project = kit_copy(tmp_path)
    edit(project / WELCOME, "  - Trauma is common", "  - Next: trauma is common")
    (problem,) = problems_of(project)
    assert "the text has a colon and a space in it ('Next: ...')" in problem.message


def test_an_audience_id_in_capitals_is_one_error_with_the_id_to_write(project: Path) -> None:
    """It was two: the id, and a false "'audiences' needs at least one entry"."""
    course = project / "content" / "course.yaml"
    text = course.read_text(encoding="utf-8")
    # the minimal project has two audiences; keep one, spelt with a capital
    start = text.index("audiences:\n")
    end = text.index("support:\n")
    course.write_text(
        text[:start] + "audiences:\n  - id: Everyone\n    name: Everyone\n" + text[end:],
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as caught:
        validate(load_project(project))
    messages = [p.message for p in caught.value.problems]
    assert "'Everyone' is not a valid id" in messages
    assert not any("needs at least one entry" in m for m in messages), messages
    wrong = next(p for p in caught.value.problems if p.message == "'Everyone' is not a valid id")
    assert "e.g. everyone" in wrong.hint


def test_an_id_with_accents_is_suggested_in_plain_letters(project: Path) -> None:
    """'Clínico Team' was told "e.g. cl-nico-team": the id suggested is spelt as file
    names are, "clinico-team"."""
    edit(project / "content" / "course.yaml", "  - id: clinical", "  - id: Clínico Team")
    with pytest.raises(ContentError) as caught:
        validate(load_project(project))
    (wrong,) = [p for p in caught.value.problems if p.message == "'Clínico Team' is not a valid id"]
    assert wrong.hint.startswith("use lower-case letters, digits and hyphens, e.g. clinico-team ")


@pytest.mark.parametrize(
    ("move", "said"),
    [
        (
            ("modules/practice.md", "modules/Practice.MD"),
            "found content/modules/Practice.MD: rename it to practice.md",
        ),
        (
            ("tables/approaches.yaml", "tables/approaches.yml"),
            "found content/tables/approaches.yml: rename it to approaches.yaml",
        ),
        (
            ("images/room.png", "images/Room.PNG"),
            "found content/images/Room.PNG: write its name as it is (Room.PNG)",
        ),
        (
            ("modules/practice.md", "modules/practice.md.txt"),
            "found content/modules/practice.md.txt: rename it to practice.md (an editor such "
            "as Notepad adds '.txt', and Windows hides it",
        ),
        (
            ("course.yaml", "course.yml"),
            "found content/course.yml: rename it to course.yaml",
        ),
        (
            ("course.yaml", "course.yaml.txt"),
            "found content/course.yaml.txt: rename it to course.yaml (an editor such as "
            "Notepad adds '.txt'",
        ),
    ],
    ids=[
        "module-in-capitals",
        "table-as-yml",
        "picture-in-capitals",
        "module-saved-as-txt",
        "course-as-yml",
        "course-saved-as-txt",
    ],
)
def test_a_file_named_almost_as_written_is_pointed_at(
    project: Path, move: tuple[str, str], said: str
) -> None:
    """welcome.MD, before-after.yml, Card.JPG: "not found", and nothing said the file was
    there under a name materials-gen does not read."""
    content = project / "content"
    (content / move[0]).rename(content / move[1])
    with pytest.raises(ContentError) as caught:
        validate(load_project(project))
    hints = [p.hint for p in caught.value.problems]
    assert any(said in hint for hint in hints), hints


def test_footnotes_are_warned_of_at_their_line(project: Path) -> None:
    """[^1] and its [^1]: line printed as typed in the handout, without a word."""
    intro = project / "content" / "modules" / "intro.md"
    text = intro.read_text(encoding="utf-8")
    intro.write_text(text + "\nCalm rooms help.[^1]\n\n[^1]: Smith (2020).\n", encoding="utf-8")
    _, warnings = validate(load_project(project))
    (found,) = [w for w in warnings if "footnotes" in w.message]
    assert found.location.file == "content/modules/intro.md"
    assert found.location.line == text.count("\n") + 2
    assert "sources:" in found.hint


def test_a_footnote_in_notes_over_lines_is_told_at_its_own_line(project: Path) -> None:
    """In a `notes: |` over many lines the warning named the line of `notes:`, not the
    line with the footnote (and the same for HTML): a long notes block was searched by
    hand."""
    edit(
        project / "content" / "modules" / "intro.md",
        "notes: Say hello and explain the session.",
        "notes: |\n  Say hello.\n  Explain the session.\n\n  Line<br>two, see note[^1].",
    )
    lines = (project / "content" / "modules" / "intro.md").read_text("utf-8").split("\n")
    line = lines.index("  Line<br>two, see note[^1].") + 1
    _, warnings = validate(load_project(project))
    told = {w.message.split(" such as")[0]: w.location for w in warnings if "such as" in w.message}
    assert told["footnotes"].line == line and told["HTML"].line == line, told


def test_bold_marks_printed_as_typed_in_a_module_s_fields_are_warned_of(
    project: Path,
) -> None:
    """An unclosed '**' in a key point, the takeaway or the notes printed the asterisks in
    the handout and the guide without a word (the module's text was checked alone)."""
    intro = project / "content" / "modules" / "intro.md"
    edit(intro, "  - Calm rooms help everyone", "  - Calm rooms help **everyone")
    edit(
        intro,
        "notes: Say hello and explain the session.",
        "notes: |\n  Say hello.\n  This **never closes.",
    )
    lines = intro.read_text("utf-8").split("\n")
    _, warnings = validate(load_project(project))
    said = [w for w in warnings if "printed as typed here" in w.message]
    assert sorted(w.location.line for w in said) == [
        lines.index("  - Calm rooms help **everyone") + 1,
        lines.index("  This **never closes.") + 1,
    ], said


def test_a_slug_too_long_for_a_file_name_is_named_at_its_line(project: Path) -> None:
    """A 260-character slug stopped the build with "File name too long" and a hint to free
    some disk space."""
    edit(project / "content" / "course.yaml", "slug: safe-rooms", "slug: " + "a" * 260)
    with pytest.raises(ContentError) as caught:
        validate(load_project(project))
    (problem,) = caught.value.problems
    assert problem.location.line == 3 and "at most 60" in problem.message


def test_paper_and_orientation_are_read_whatever_their_case(project: Path) -> None:
    """`paper: A4` in course.yaml was refused ("expected 'letter' or 'a4'") where
    `--paper A4` is taken, and the README itself writes paper sizes A4 and A3."""
    from materials_gen.load import load_project
    from materials_gen.validate import validate

    edit(project / "content" / "course.yaml", "  paper: a4", "  paper: A4")
    course, _ = validate(load_project(project))
    assert course.settings.paper == "a4"


def test_a_needed_text_given_for_some_audiences_only_is_warned_of(tmp_path: Path) -> None:
    """An audience added to the kit outside its tiers ("volunteers") got a module with no
    title ("3." in the guide and the agenda), an empty cell on the poster and no poster
    panel, and check said OK. Each text that leaves it with nothing is told at its line; a
    list's entry given for some audiences (left out for the others) is not."""
    from .conftest import kit_copy

    project = kit_copy(tmp_path)
    shutil.rmtree(project / "content" / "translations")
    edit(
        project / "content" / "course.yaml",
        "support:\n",
        "  - id: volunteers\n    name: Volunteers\n    description: At the front desk.\nsupport:\n",
    )
    _, warnings = validate(load_project(project))
    said = [w for w in warnings if "given for some audiences only" in w.message]
    where = sorted(str(w.location).rsplit(":", 1)[0] for w in said)
    module = (project / "content" / "modules" / "trauma-competent.md").read_text("utf-8")
    title = module.splitlines().index(
        next(x for x in module.splitlines() if x.startswith("title:"))
    )
    assert f"content/modules/trauma-competent.md:{title + 1}" in where, where
    assert any(w.startswith("content/tables/comparison.yaml:") for w in where), where
    assert any(w.startswith("content/course.yaml:") for w in where), where  # the panel
    assert all("Volunteers ('volunteers')" in w.message for w in said)
    assert all(w.hint == "add 'volunteers:' (or 'default:') to it" for w in said)
    _, kit = validate(load_project(kit_copy(tmp_path / "again")))
    assert not [w for w in kit if "given for some audiences only" in w.message]


def test_a_module_file_not_listed_is_warned_of_with_what_to_do(project: Path) -> None:
    """A module file the course does not list was named without a line or a hint: where to
    list it (the line of 'modules:'), or what to do if it is not meant to be built."""
    intro = project / "content" / "modules" / "intro.md"
    (intro.parent / "extra.md").write_text(intro.read_text(encoding="utf-8"), encoding="utf-8")
    _, warnings = validate(load_project(project))
    (said,) = [w for w in warnings if "module 'extra' is not listed" in w.message]
    assert str(said.location) == "content/modules/extra.md:1"
    course = (project / "content" / "course.yaml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(course, 1) if text.startswith("modules:"))
    assert f"add '- extra' under 'modules:' in content/course.yaml (line {line})" in said.hint


@pytest.mark.parametrize("name", ["Extra Module.MD", "extra.markdown", "extra.md.txt"])
def test_a_module_file_whose_name_does_not_end_in_md_is_warned_of(project: Path, name: str) -> None:
    """ "Extra Module.MD" (Windows), "extra.markdown" (a Mac editor) or "extra.md.txt"
    (Notepad) in content/modules was skipped without a word, where an unlisted "extra.md"
    is told; one whose id is listed keeps its own error (rename the file)."""
    intro = project / "content" / "modules" / "intro.md"
    (intro.parent / name).write_text(intro.read_text(encoding="utf-8"), encoding="utf-8")
    _, warnings = validate(load_project(project))
    (said,) = [w for w in warnings if "is not read: a module's file name ends in" in w.message]
    assert str(said.location) == f"content/modules/{name}"
    stem = name.split(".")[0]
    assert said.hint.startswith(f"rename it to {stem}.md, and list '- {stem}'"), said.hint


def test_a_table_file_no_module_shows_is_warned_of_with_what_to_do(project: Path) -> None:
    """A table file that no module lists under tables: (and the poster does not name) was
    printed nowhere without a word: it is warned of at its file, with the line to add."""
    tables = project / "content" / "tables"
    approaches = (tables / "approaches.yaml").read_text(encoding="utf-8")
    (tables / "spare.yaml").write_text(approaches, encoding="utf-8")
    _, warnings = validate(load_project(project))
    (said,) = [w for w in warnings if "'spare'" in w.message]
    assert str(said.location) == "content/tables/spare.yaml:1"
    assert said.message == "table 'spare' is shown by no module, so it is printed in no output"
    assert "(tables: [spare])" in said.hint and "move the file out of content/tables" in said.hint
    assert not [w for w in warnings if "'approaches'" in w.message]  # a module shows it


def test_a_table_file_with_an_error_is_not_also_told_as_shown_by_no_module(
    project: Path,
) -> None:
    """An empty table file a module lists was told as shown by no module, after its error,
    with the hint to add it to the tables: that already name it."""
    (project / "content" / "tables" / "approaches.yaml").write_text("# to do\n")
    with pytest.raises(ContentError) as raised:
        validate(load_project(project))
    told = [p.message for p in raised.value.problems]
    assert any("approaches" in m or "found nothing" in m for m in told), told
    assert not [m for m in told if "shown by no module" in m], told


def test_a_table_only_the_poster_names_is_not_warned_of(project: Path) -> None:
    tables = project / "content" / "tables"
    approaches = (tables / "approaches.yaml").read_text(encoding="utf-8")
    (tables / "wall.yaml").write_text(approaches, encoding="utf-8")
    course = project / "content" / "course.yaml"
    text = course.read_text(encoding="utf-8")
    assert "\npostertable" not in text and "\nposter:" not in text
    course.write_text(text + "poster:\n  table: wall\n", encoding="utf-8")
    _, warnings = validate(load_project(project))
    assert not [w for w in warnings if "shown by no module" in w.message]


def test_a_top_level_heading_inside_a_module_is_warned_of(project: Path) -> None:
    """ "# Who does what" in a module's text printed at a module title's size and was listed
    in the handout's contents between two modules, without a word; "#" in code is code."""
    from materials_gen.load import load_project
    from materials_gen.validate import validate

    intro = project / "content" / "modules" / "intro.md"
    text = intro.read_text(encoding="utf-8")
    intro.write_text(
        text + "\n# Who does what\n\nEveryone helps.\n\n```\n# a comment in code\n```\n",
        encoding="utf-8",
    )
    line = len(text.split("\n")) + 1
    _, warnings = validate(load_project(project))
    said = [w for w in warnings if "'#' heading" in w.message]
    assert [str(w.location) for w in said] == [f"content/modules/intro.md:{line}"]
    assert said[0].hint == "use '##' (or '###') for a heading inside a module"


def test_a_heading_underlined_with_equals_signs_is_warned_of_as_a_hash_one_is(
    project: Path,
) -> None:
    """ "Who does what" over "=============" is the same top-level heading as "# Who does
    what", and printed as large: told at the heading's words. A line of '=' under nothing,
    under a list item or under '-' underlining is no heading."""
    from materials_gen.load import load_project
    from materials_gen.validate import validate

    intro = project / "content" / "modules" / "intro.md"
    text = intro.read_text(encoding="utf-8")
    intro.write_text(
        text + "\nWho does what\n=============\n\nEveryone helps.\n\n==========\n\n"
        "- an item\n===\n\nA smaller heading\n-----------------\n",
        encoding="utf-8",
    )
    line = len(text.split("\n")) + 1
    _, warnings = validate(load_project(project))
    said = [w for w in warnings if "underlined with '='" in w.message]
    assert [str(w.location) for w in said] == [f"content/modules/intro.md:{line}"]
    assert "underline it with '-' instead" in said[0].hint


def test_an_audience_named_as_a_windows_device_is_refused(project: Path) -> None:
    """An audience 'con' built here, and its folder could not be made on Windows."""
    for path in (project / "content").rglob("*"):
        if path.suffix in (".yaml", ".md"):
            text = path.read_text(encoding="utf-8")
            path.write_text(re.sub(r"\bclinical\b", "con", text), encoding="utf-8")
    said = [p for p in problems_of(project) if "Windows keeps the name" in p.message]
    assert len(said) == 1 and said[0].hint == "choose another id, e.g. 'con-staff'"
    assert said[0].location.file == "content/course.yaml" and said[0].location.line == 14


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("0:45", "45 for 45 min"),
        ("1:30", "90 for 1 h 30 min"),
        ("2:00", "120 for 2 h"),
        ("9:30", "570 for 9 h 30 min"),  # YAML read it as 570, base 60, without a word
        ("1h", "60 for 1h"),
        ("1 h 30", "90 for 1 h 30"),
        ("1.5 hours", "90 for 1.5 hours"),
        ("45 min", "45 for 45 min"),
    ],
)
def test_a_duration_written_as_a_clock_or_in_hours_is_told_in_minutes(
    project: Path, written: str, hint: str
) -> None:
    """'duration: 9:30' was taken as 570 minutes without a word (YAML reads 9:30 in base
    60) and '0:45' refused with "without words after it"; each is refused at its line as
    written, its hint giving the minutes it stands for."""
    problem = _duration_problem(project, written)
    assert problem.hint == f"write the number of minutes alone: {hint}"


@pytest.mark.parametrize(
    ("setting", "written", "hint"),
    [
        ("length", "2:00", "write the number of minutes alone: 120 for 2 h"),
        ("length", "1.5 hours", "write the number of minutes alone: 90 for 1.5 hours"),
        ("break_every", "1h", "write the number of minutes alone: 60 for 1h"),
        ("sign_in", "'10'", "write the number of minutes without quotes, e.g. 15"),
    ],
)
def test_the_sessions_minutes_written_as_a_clock_or_in_hours_are_told_in_minutes(
    project: Path, setting: str, written: str, hint: str
) -> None:
    """'length: 2:00' was told "must be a whole number... without words after it": the
    session's lengths are minutes, and the hint says how many the text stands for."""
    course = project / "content" / "course.yaml"
    text = course.read_text(encoding="utf-8")
    course.write_text(
        text.replace("  session:\n", f"  session:\n    {setting}: {written}\n", 1),
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as caught:
        validate(load_project(project))
    (problem,) = caught.value.problems
    line = course.read_text(encoding="utf-8").splitlines().index(f"    {setting}: {written}")
    assert str(problem.location) == f"content/course.yaml:{line + 1}:5"
    assert problem.message == (
        f"'{setting}' must be a whole number of minutes, not '{written.strip(chr(39))}'"
    )
    assert problem.hint == hint


def _duration_problem(project: Path, written: str) -> Problem:
    """The one problem of the intro module's duration written as ``written``, at its line."""
    edit(project / "content" / "modules" / "intro.md", "duration: 10\n", f"duration: {written}\n")
    with pytest.raises(ContentError) as caught:
        validate(load_project(project))
    (problem,) = caught.value.problems
    assert str(problem.location).startswith("content/modules/intro.md:3")
    assert problem.message.endswith(f"not '{written}'")
    return problem


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("045", "without quotes or a leading zero: 45"),  # YAML 1.1: octal, 37
        ("010", "without quotes or a leading zero: 10"),  # 8
        ("090", "without quotes or a leading zero: 90"),  # no octal: text
        ("0x10", "in plain digits (0-9), e.g. 15"),  # 16
        ("1_0", "in plain digits (0-9), e.g. 15"),  # 10
        ("１５", "in plain digits (0-9): 15"),  # full-width digits: text, not quoted
        ("٤٥", "in plain digits (0-9): 45"),  # Arabic-Indic digits
    ],
)
def test_a_number_yaml_reads_in_another_base_is_a_mistake_at_its_line(
    project: Path, written: str, hint: str
) -> None:
    """'duration: 045' printed 37 minutes in every output (YAML 1.1 reads a leading zero as
    octal, 0x as hexadecimal) without a word. A whole number not written in plain digits is
    refused at its line, as written, and the hint gives the number meant."""
    problem = _duration_problem(project, written)
    assert problem.hint == f"write the number of minutes {hint}"


def test_a_number_with_a_leading_zero_is_text_as_written(project: Path) -> None:
    """An approval number '012345' was read as 5349 (octal) and refused as "not a number
    (5349)"; a leading zero marks an identifier, kept as typed. A plain number in a text
    field is quoted as written in the message (1.10, not 1.1)."""
    course_file = project / "content" / "course.yaml"
    edit(
        course_file,
        "  session:\n",
        "  continuing_education:\n    approval_number: 012345\n  session:\n",
    )
    course, _ = validate(load_project(project))
    assert course.settings.continuing_education.approval_number == "012345"
    edit(course_file, "approval_number: 012345", "approval_number: 1.10")
    with pytest.raises(ContentError) as caught:
        validate(load_project(project))
    (problem,) = caught.value.problems
    assert problem.message == "'approval_number' must be text, not a number (1.10)"
    assert problem.hint == 'put the value in quotes: "1.10"'


def test_a_time_written_without_its_leading_zero_is_read_as_a_time(project: Path) -> None:
    """'start: 9:30' (YAML 1.1's 570) is the time it looks like."""
    edit(project / "content" / "course.yaml", "  session:\n", "  session:\n    start: 9:30\n")
    course, _ = validate(load_project(project))
    assert course.settings.session.start in ("9:30", "09:30")


@pytest.mark.parametrize(
    "written", ["clinical; all-staff", "clinical and all-staff", "clinical/all-staff"]
)
def test_audiences_named_apart_otherwise_than_with_commas_are_shown_as_a_list(
    project: Path, written: str
) -> None:
    """ "audience: clinical; all-staff" was told "did you mean 'all-staff'?", a hint that
    drops one of the two. The hint gives both, separated as materials-gen reads them."""
    intro = project / "content" / "modules" / "intro.md"
    text = intro.read_text(encoding="utf-8")
    intro.write_text(text.replace("    audience: clinical\n", f"    audience: {written}\n", 1))
    with pytest.raises(ContentError) as caught:
        validate(load_project(project))
    (problem,) = caught.value.problems
    assert problem.message == f"unknown audience '{written}'"
    assert problem.hint.endswith("separate them with commas: audience: clinical, all-staff")


@pytest.mark.parametrize(
    "written",
    [
        "clinical all-staff",
        "clinical   all-staff",
        "Clinical providers All staff",
        "CLINICAL all-staff",
    ],
)
def test_audiences_named_with_only_spaces_between_are_shown_as_a_list(
    project: Path, written: str
) -> None:
    """ "audience: clinical all-staff" was told "expected one of: 'all-staff', 'clinical'",
    and a trainer following it kept one audience. Its words are each an audience (by id or
    by name): the hint says so and gives the list that names them all."""
    edit(
        project / "content" / "modules" / "intro.md",
        "    audience: clinical\n",
        f"    audience: {written}\n",
    )
    (problem,) = problems_of(project)
    assert problem.message == f"unknown audience '{written}'"
    assert problem.hint == (
        "these are the audiences 'clinical' and 'all-staff', with only spaces between them: "
        "to name several, write them as a list: audience: [clinical, all-staff]"
    )
    edit(
        project / "content" / "modules" / "intro.md",
        f"    audience: {written}\n",
        "    audience: [clinical, all-staff]\n",
    )
    validate(load_project(project))  # the hint followed


def test_words_that_are_not_all_audiences_keep_the_closest_audience(project: Path) -> None:
    edit(
        project / "content" / "modules" / "intro.md",
        "    audience: clinical\n",
        "    audience: clinical staff\n",
    )
    (problem,) = problems_of(project)
    assert "write them as a list" not in problem.hint


@pytest.mark.parametrize("line", ["\u2014\u2014\u2014", "\u2014-", "\u2013\u2013\u2013"])
def test_front_matter_dashes_a_word_processor_made_are_named(project: Path, line: str) -> None:
    """A module whose '---' Word turned into an em dash ('———'): the message said only that
    the file must start with front matter, which it seemed to."""
    intro = project / "content" / "modules" / "intro.md"
    text = intro.read_text(encoding="utf-8")
    intro.write_text(line + text.removeprefix("---"), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_project(project)
    (problem,) = caught.value.problems
    assert str(problem.location) == "content/modules/intro.md:1"
    assert problem.message.startswith("a module file must start with YAML front matter")
    assert f"the first line is '{line}'" in problem.hint and "three hyphens" in problem.hint


@pytest.mark.parametrize(
    ("file", "old", "new", "key"),
    [
        (
            "content/modules/intro.md",
            "notes: Say hello and explain the session.",
            'notes: |\n  Say hello.\n\n  ::: {audience="clinical"}\n  Mention the case review.\n'
            "  :::",
            "notes",
        ),
        (
            "content/modules/practice.md",
            "    instructions: Walk around the room and note three changes.",
            '    instructions: |\n      Walk around.\n      ::: {.callout audience="clinical"}\n'
            "      Check the exit path.\n      :::",
            "instructions",
        ),
        (
            "content/modules/intro.md",
            "content_note: We talk about safety in general terms; step out whenever you need to.",
            'content_note: |\n  We talk about safety.\n  ::::{audience="clinical"}\n'
            "  Cases are discussed.\n  ::::",
            "content_note",
        ),
        (
            "content/modules/practice.md",
            "    instructions: Walk around the room and note three changes.",
            '    instructions: >-\n      Walk around the room.\n      ::: {audience="clinical"}\n'
            "      Check the exit path.\n      :::",
            "instructions",
        ),
        (
            "content/modules/intro.md",
            "notes: Say hello and explain the session.",
            'notes: >\n  Say hello.\n\n  Then the rest.\n\n  ::: {audience="clinical"}\n'
            "  Mention the case review.\n  :::",
            "notes",
        ),
    ],
    ids=[
        "notes",
        "an activity's instructions",
        "a content note",
        "folded text (joined to the line before)",
        "folded text after blank lines",
    ],
)
def test_an_audience_fence_in_a_yaml_text_is_an_error_at_its_line(
    project: Path, file: str, old: str, new: str, key: str
) -> None:
    """A fence only sets text apart in a module's body: in a YAML text it was printed as
    typed, the clinical-only text under it shown to all staff in every output, unsaid."""
    edit(project / file, old, new)
    found = problems_of(project)
    (fence,) = [p for p in found if "audience fence" in p.message]
    lines = (project / file).read_text(encoding="utf-8").splitlines()
    assert fence.location.file == file
    assert "audience=" in lines[fence.location.line - 1]
    assert f"'{key}'" in fence.message and "every audience" in fence.message
    assert "all-staff: ..." in fence.hint


def test_a_fence_without_audiences_in_a_yaml_text_is_still_text(project: Path) -> None:
    """Colons as a trainer may type them ("::: tip") print as typed, as they always have."""
    edit(
        project / "content/modules/intro.md",
        "notes: Say hello and explain the session.",
        "notes: |\n  Say hello.\n  ::: tip\n  Smile.\n  :::",
    )
    validate(load_project(project))


@pytest.mark.parametrize(
    "fence",
    [
        '{audiences="clinical"}',
        '{audience:"clinical"}',
        '{Audience="clinical"}',
        'audience="clinical"',
        '{.callout Audience="clinical"}',
        '{.audience="clinical"}',
        '{audeince="clinical"}',
        # a class named as an audience, or another attribute giving one
        "{.clinical}",
        "clinical",
        '{.callout data-audience="clinical"}',
        '{for="clinical"}',
        '{only="clinical"}',
        '{visible-to="clinical"}',
    ],
)
def test_a_fence_meant_for_one_audience_but_not_written_as_one_stops_the_build(
    project: Path, fence: str
) -> None:
    """A fence that names an audience in a way materials-gen does not read as one kept the
    box as an ordinary one: its clinical text printed in the all-staff handout, with no
    word. It is an error at its line, saying so, with the form to write."""
    edit(project / "content" / "modules" / "intro.md", '::: {audience="clinical"}', f"::: {fence}")
    (problem,) = problems_of(project)
    assert str(problem.location) == "content/modules/intro.md:25"
    assert "does not keep this box's text for one audience" in problem.message
    assert "it would print for every audience" in problem.message
    assert '::: {audience="clinical"}' in problem.hint


@pytest.mark.parametrize(
    "fence", ["Notes", "note", "{.speaker-notes}", "{.Notes}", "presenter-notes"]
)
def test_a_box_meant_for_the_presenter_but_not_written_as_notes_stops_the_build(
    project: Path, fence: str
) -> None:
    """``::: Notes`` or ``::: speaker-notes`` printed its text in the participants' handout:
    only ``::: notes`` is left out of it. It is an error at its line."""
    edit(project / "content" / "modules" / "intro.md", '::: {audience="clinical"}', f"::: {fence}")
    (problem,) = problems_of(project)
    assert str(problem.location) == "content/modules/intro.md:25"
    assert "is not the presenter's notes: this box would print in the handout" in problem.message
    assert problem.hint == "write ::: notes (in lower case) for what only the presenter sees"


def test_a_box_of_a_kind_or_with_an_attribute_not_known_is_warned_of(project: Path) -> None:
    """A misspelt kind of box (``.calout``) printed as plain text, a misspelt attribute
    (``titel``) was left out, each without a word: each is a warning at its line, with the
    word meant. The kinds and attributes materials-gen reads pass without one."""
    intro = project / "content" / "modules" / "intro.md"
    text_lines = intro.read_text(encoding="utf-8").count("\n")
    edit(intro, '::: {audience="clinical"}', '::: {.calout titel="Exits"}')
    append(intro, '\n::: {.callout .takeaway title="Kept" level=2}\nKept.\n:::\n')
    append(intro, "\n::: {.footnote}\nA box of the trainer's own: it prints.\n:::\n")
    _, warnings = validate(load_project(project))
    said = {(str(w.location), w.message, w.hint) for w in warnings}
    assert said == {
        (
            "content/modules/intro.md:25",
            "'calout' is not a kind of box materials-gen knows: the box prints as its text alone",
            "did you mean 'callout'?",
        ),
        (
            "content/modules/intro.md:25",
            "'titel' is not an attribute a box has: it is left out",
            "did you mean 'title'?",
        ),
        (
            f"content/modules/intro.md:{text_lines + 6}",
            "'footnote' is not a kind of box materials-gen knows: the box prints as its text alone",
            "the kinds are activity, callout, column, columns, content-note, fill, form-table, "
            "meta, notes, objectives, pagebreak, rating, reflection, takeaway, toc",
        ),
    }


def test_an_html_comment_is_hidden_as_markdown_viewers_hide_it(project: Path) -> None:
    """``<!-- TODO: ... -->`` in a module's text, hidden in every Markdown viewer, printed in
    every audience's handout. It is left out, and the lines after it keep their numbers."""
    from materials_gen.build import BuildOptions, build

    from .conftest import all_text

    intro = project / "content" / "modules" / "intro.md"
    text = intro.read_text(encoding="utf-8")
    intro.write_text(
        text + "\n<!-- TODO: figures from 2019,\ndo not show -->\nRooms matter.\n\n"
        "::: {.reflection lines=three}\n- Why?\n:::\n",
        encoding="utf-8",
    )
    (problem,) = problems_of(project)
    assert problem.location.line == text.count("\n") + 6  # the fence, after the comment
    edit(intro, "lines=three", "lines=3")
    report = build(project, BuildOptions(kinds=("handout",)))
    for made in report.built:
        printed = all_text(made.path)
        assert "Rooms matter." in printed and "TODO" not in printed and "2019" not in printed


def test_html_tags_are_warned_of_with_the_markdown_to_write(project: Path) -> None:
    """``<b>`` and ``<br>`` pasted from a web page printed as typed, without a word."""
    intro = project / "content" / "modules" / "intro.md"
    text = intro.read_text(encoding="utf-8")
    intro.write_text(text + "\nA <b>bold</b> word.<br>\n", encoding="utf-8")
    _, warnings = validate(load_project(project))
    (found,) = [w for w in warnings if "HTML" in w.message]
    assert found.location.line == text.count("\n") + 2
    assert found.message == "HTML such as <b> is not read: it prints as typed"
    assert found.hint == "write **bold** instead"


def test_comments_and_html_in_front_matter_and_code_are_read_as_in_the_text(
    project: Path,
) -> None:
    """A comment in a key point or the notes printed on the slide and in the handout (one
    in a module's text was hidden), while one inside a code block was deleted from the
    code; a tag in a key point printed as typed without a word, while a tag in a code span
    (shown as written) was warned of."""
    from materials_gen.build import BuildOptions, build

    from .conftest import all_text

    intro = project / "content" / "modules" / "intro.md"
    edit(intro, "  - Calm rooms help everyone", '  - "Calm rooms <!-- check this --> help"')
    text = intro.read_text(encoding="utf-8")
    intro.write_text(
        text + "\nThe tag `<b>` makes bold.\n\n```html\n<!-- shown -->\n<p>Hi</p>\n```\n",
        encoding="utf-8",
    )
    _, warnings = validate(load_project(project))
    assert not [w for w in warnings if "HTML" in w.message]
    edit(intro, "Calm rooms <!-- check this --> help", "Calm <b>rooms</b> help")
    _, warnings = validate(load_project(project))
    (found,) = [w for w in warnings if "HTML" in w.message]
    assert found.location.file == "content/modules/intro.md" and found.location.line == 9
    edit(intro, "Calm <b>rooms</b> help", "Calm rooms <!-- check this --> help")
    report = build(project, BuildOptions(kinds=("handout", "deck"), audiences=("all-staff",)))
    made = {b.target.kind.name: b.path for b in report.built}
    printed = all_text(made["handout"])
    assert "check this" not in printed and "<!-- shown -->" in printed
    from pptx import Presentation

    slides = [
        sh.text_frame.text
        for s in Presentation(made["deck"]).slides
        for sh in s.shapes
        if sh.has_text_frame
    ]
    assert any("Calm rooms help" in t for t in slides)  # one space where the comment was


def test_a_list_entry_with_a_colon_is_told_to_be_quoted_whole(project: Path) -> None:
    """``- Contact: safety@example.org`` and ``- Crisis line: 988`` are read by YAML as a
    name and a value: the first was told "unknown audience 'Contact'" with only the
    audiences to choose from, the second to quote "988" (after which: unknown audience).
    Each hint shows the whole entry in quotes."""
    intro = project / "content" / "modules" / "intro.md"
    edit(
        intro,
        "  - Calm rooms help everyone\n",
        "  - Calm rooms help everyone\n  - Crisis line: 988\n",
    )
    (problem,) = problems_of(project)
    assert problem.hint == (
        "if this is text containing ': ', put the whole entry in quotes: - \"Crisis line: 988\""
    )
    edit(intro, "  - Crisis line: 988\n", "  - Contact: safety@example.org\n")
    (problem,) = problems_of(project)
    assert problem.message == (
        "the text has a colon and a space in it ('Contact: ...'), so it is read as the text "
        "of an audience named 'Contact', and there is no such audience"
    )
    assert problem.hint.startswith('put the whole text in quotes: "Contact: safety@example.org"')
    # a long text is quoted whole, to copy back as it is (it was cut at 40 characters)
    long = 'Note: behaviour can be a response to feeling unsafe, even when it looks "rude"'
    edit(intro, "  - Contact: safety@example.org\n", f"  - {long}\n")
    (problem,) = problems_of(project)
    assert problem.hint.startswith(f"put the whole text in quotes: '{long}'")


def test_a_table_of_figures_keeps_each_as_written(project: Path) -> None:
    """A table whose cells are figures (``informed: 42``, ``competent: 12.50``, a row
    labelled ``2024``) was refused cell by cell: "must be text, not a number". Each is
    printed as written: 12.50, not 12.5."""
    table = project / "content" / "tables" / "approaches.yaml"
    edit(table, "    informed: Noticing", "    informed: 42")
    edit(table, "    competent: Treating", "    competent: 12.50")
    edit(table, "  - aspect: Focus", "  - aspect: 2024")
    course, _ = validate(load_project(project))
    (table_model,) = course.modules[1].tables
    assert table_model.rows[0].cells == {"aspect": "2024", "informed": "42", "competent": "12.50"}


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("    audience:", "nothing after its colon"),
        ("    audience: ~", "nothing after its colon"),
        ("    audience: []", "no audience in it"),
        ('    audience: ""', "no audience in it"),
        ("    audience: ' , '", "no audience in it"),
    ],
)
def test_an_audience_left_blank_or_empty_is_a_mistake_at_its_line(
    project: Path, written: str, said: str
) -> None:
    """'audience:' left blank showed a clinical-only key point to every audience, and
    'audience: []' hid it from all, each without a word: both are refused at their line."""
    module = project / "content" / "modules" / "intro.md"
    edit(module, "    audience: clinical\n", written + "\n")
    lines = module.read_text(encoding="utf-8").splitlines()
    problems = problems_of(project)
    assert problems, "accepted"
    for problem in problems:
        line = problem.location.line
        assert problem.location.file == "content/modules/intro.md"
        assert lines[line - 1] == written, (problem, lines[line - 1])
        assert problem.message == f"'audience' has {said}, so it is not clear who should see this"
        assert "e.g. 'audience: clinical'" in problem.hint and "delete the line" in problem.hint


def test_hints_name_the_projects_own_audiences(project: Path) -> None:
    """A course for nurses and pharmacists was told "e.g. 'audience: clinical'" (the kit's
    audience): copied, the hint was an error of its own. Hints name the project's own."""
    course = project / "content" / "course.yaml"
    for path in (
        course,
        *(project / "content").rglob("*.md"),
        *(project / "content").rglob("*.yaml"),
    ):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("clinical", "nurses"), encoding="utf-8")
    module = project / "content" / "modules" / "intro.md"
    edit(module, "    audience: nurses\n", "    audience:\n")
    (problem,) = problems_of(project)
    assert "e.g. 'audience: nurses' (several: 'audience: [all-staff, nurses]')" in problem.hint
    assert "clinical" not in problem.hint


def test_a_module_for_no_audience_is_a_mistake_at_its_line(project: Path) -> None:
    module = project / "content" / "modules" / "intro.md"
    edit(module, "title:", "audience: []\ntitle:")
    (problem,) = problems_of(project)
    assert str(problem.location) == "content/modules/intro.md:2:1"
    assert problem.message.startswith("'audience' has no audience in it")


def test_a_long_run_of_another_scripts_digits_is_told_in_a_few_digits() -> None:
    """Python reads at most 4,300 digits as one number: past that the hint does not try."""
    from materials_gen.validate import _number_hint

    assert _number_hint("\uff11" * 5000, "minutes", 15) == (
        "write the number of minutes in a few digits, e.g. 15"
    )


@pytest.mark.parametrize("taken", ["default", "text", "audience", "assessed"])
def test_an_audience_named_as_a_word_the_content_uses_is_refused(project: Path, taken: str) -> None:
    """An audience 'default' was accepted, and a takeaway written for it ('default: ...')
    was printed for every audience not named: its text reached other audiences' files."""
    for path in (project / "content").rglob("*"):
        if path.suffix in (".yaml", ".md"):
            text = path.read_text(encoding="utf-8")
            path.write_text(re.sub(r"\bclinical\b", taken, text), encoding="utf-8")
    said = [p for p in problems_of(project) if f"'{taken}' cannot name an audience" in p.message]
    assert len(said) == 1 and f"e.g. '{taken}-staff'" in said[0].hint, said
    assert said[0].location.file == "content/course.yaml" and said[0].location.line == 14


def test_an_audience_id_of_digits_written_as_a_number_is_told_to_be_quoted(
    project: Path,
) -> None:
    """An audience '123' (quoted where it is defined, as asked): an entry marked for it
    with 'audience: 123' was told "'audience' must be a list", with a hint to write each
    entry on its own line."""
    course = project / "content" / "course.yaml"
    course.write_text(
        course.read_text(encoding="utf-8").replace("id: clinical", "id: '123'"), encoding="utf-8"
    )
    intro = project / "content" / "modules" / "intro.md"
    intro.write_text(
        intro.read_text(encoding="utf-8").replace("audience: clinical", "audience: 123", 1),
        encoding="utf-8",
    )
    said = [p for p in problems_of(project) if "'audience' names audiences" in p.message]
    assert len(said) == 1 and said[0].hint == 'put the id in quotes: "123"', said
    assert str(said[0].location).startswith("content/modules/intro.md:7:")


def test_a_fence_naming_its_audience_twice_stops_the_build(project: Path) -> None:
    """'audience=' given twice in one fence: the last was read alone, so its text went to
    the audience named last (and not to the one named first), with no word."""
    edit(
        project / "content" / "modules" / "intro.md",
        '::: {audience="clinical"}',
        '::: {audience="all-staff" audience="clinical"}',
    )
    (problem,) = problems_of(project)
    assert str(problem.location) == "content/modules/intro.md:25"
    assert "this fence gives 'audience' twice" in problem.message
    assert '::: {audience="all-staff clinical"}' in problem.hint


def test_a_task_box_and_a_heading_without_its_space_are_told_to_print_as_typed(
    project: Path,
) -> None:
    """'- [ ] Book the room' and '#Safety first' printed as typed, without a word, while
    an unread '**' was warned of."""
    intro = project / "content" / "modules" / "intro.md"
    text = intro.read_text(encoding="utf-8")
    intro.write_text(text + "\n- [ ] Book the room\n\n#Safety first\n\nText.\n", "utf-8")
    lines = intro.read_text(encoding="utf-8").split("\n")
    _, warnings = validate(load_project(project))
    said = {w.message: w for w in warnings if "prints as typed" in w.message}
    box = said["'- [ ]' prints as typed: a task list's boxes are not read"]
    assert box.location.line == lines.index("- [ ] Book the room") + 1
    heading = said["'#Safety first' prints as typed: a heading has a space after its '#'"]
    assert heading.location.line == lines.index("#Safety first") + 1
    assert heading.hint == "write '# Safety first'"


def test_an_id_written_in_capitals_is_not_told_to_become_a_refused_one(project: Path) -> None:
    """'Default' was told to be written 'default', an id no audience may have."""
    edit(project / "content" / "course.yaml", "id: clinical", "id: Default")
    said = [p for p in problems_of(project) if "'Default' is not a valid id" in p.message]
    assert said and "e.g. default-staff" in said[0].hint, said


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("1.5", "write whole minutes: 90 if you meant 1.5 hours, or 2"),
        ("90.0", "write the number of minutes without a decimal point: 90"),
        ("12.5", "write whole minutes: 13"),
    ],
)
def test_a_duration_with_a_decimal_point_is_told_how_to_write_it(
    project: Path, written: str, hint: str
) -> None:
    """'duration: 1.5' was told to "write the number of minutes as digits": it is digits;
    the hint says what whole minutes it may stand for."""
    assert _duration_problem(project, written).hint == hint


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ('"10 min"', "write the number of minutes alone: 10 for 10 min"),
        ("1:30", "write the number of minutes alone: 90 for 1 h 30 min"),
        ("{all-staff: 10}", "a break after a module is the same for every audience"),
        ("0", "give the minutes of the break, e.g. 10, or leave the line out for none"),
        # never a hint of more than a break may take
        ('"2:30"', "'2:30' is 150 minutes, more than the 120 it may be"),
        ("2.5", "write whole minutes: 3"),
    ],
)
def test_a_break_after_written_otherwise_is_told_in_minutes(
    project: Path, written: str, hint: str
) -> None:
    """'break_after: 1:30' was told to write the number "without words after it"; the
    message names the unit and the hint the minutes meant (or that it is one number for
    every audience)."""
    module = project / "content" / "modules" / "intro.md"
    edit(module, "duration: 10\n", f"duration: 10\nbreak_after: {written}\n")
    with pytest.raises(ContentError) as caught:
        validate(load_project(project))
    (problem,) = caught.value.problems
    assert str(problem.location).startswith("content/modules/intro.md:4")
    assert problem.message.startswith(
        "'break_after' must be a whole number of minutes between 1 and 120, not "
    )
    assert problem.hint.startswith(hint)


def test_an_activitys_duration_is_told_as_the_activitys(project: Path) -> None:
    """An activity's 'duration: 0' was told to "give the minutes the module takes"."""
    practice = project / "content" / "modules" / "practice.md"
    edit(practice, "    duration: 5\n", "    duration: 0\n")
    with pytest.raises(ContentError) as caught:
        validate(load_project(project))
    (problem,) = caught.value.problems
    line = practice.read_text(encoding="utf-8").splitlines().index("    duration: 0") + 1
    assert str(problem.location) == f"content/modules/practice.md:{line}:5"
    assert problem.hint.startswith("give the minutes the activity takes")
    edit(practice, "    duration: 0\n", "    duration: 2000\n")
    with pytest.raises(ContentError) as caught:
        validate(load_project(project))
    (problem,) = caught.value.problems
    assert problem.hint.endswith("a longer activity is better split into several")


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ('"9:00 PM"', "write it on a 24-hour clock: 21:00 for 9:00 PM"),
        ("9am", "write it on a 24-hour clock: 09:00 for 9am"),
        ('"12:30 p.m."', "write it on a 24-hour clock: 12:30 for 12:30 p.m."),
        ('"21.30"', "write hours and minutes with a colon: 21:30"),
        ('"24:00"', "write e.g. 09:30 (a 24-hour clock: hours 00 to 23, minutes 00 to 59)"),
    ],
)
def test_a_start_on_a_twelve_hour_clock_is_told_on_the_24_hour_one(
    project: Path, written: str, hint: str
) -> None:
    """A trainer who reads "9:00 PM" in an American agenda writes it so; "write e.g. 09:30"
    would lead them to the morning. In course.yaml and as --start alike."""
    from click.testing import CliRunner

    from materials_gen.cli import main

    course = project / "content" / "course.yaml"
    edit(course, "  session:\n", f"  session:\n    start: {written}\n")
    with pytest.raises(ContentError) as caught:
        validate(load_project(project))
    (problem,) = caught.value.problems
    assert problem.message.endswith("is not a time of day") and problem.hint == hint
    edit(course, f"    start: {written}\n", "")
    given = written.strip('"')
    result = CliRunner().invoke(main, ["check", "--start", given, "-p", str(project)])
    assert result.exit_code == 2  # a usage error, as every bad option
    assert f"--start: '{given}' is not a time of day" in result.output
    assert f"hint: {hint}" in result.output


@pytest.mark.parametrize(("first", "second"), [("1.", "2."), ("1)", "2)"), ("", "3.")])
def test_objectives_numbered_by_hand_are_warned_about(
    project: Path, first: str, second: str
) -> None:
    """Objectives typed with numbers ("1. Name one way...") printed as typed after their
    bullets, numbers a question's ``objective:`` does not count by, and nothing said so."""
    intro = project / "content" / "modules" / "intro.md"
    edit(intro, "  - Name one way", f"  - {first} Name one way".replace("-  ", "- "))
    edit(intro, "  - text: Plan a clinical", f"  - text: {second} Plan a clinical")
    _, warnings = validate(load_project(project))
    (warned,) = [w for w in warnings if "number of its own" in w.message]
    place = 1 if first else 2
    assert str(warned.location) == f"content/modules/intro.md:{4 + place}:5"
    assert warned.message.startswith(f"objective {place} starts with a number of its own")
    assert "objective: 1 for the first" in warned.hint


def test_an_objective_that_starts_with_a_figure_is_not_numbered(project: Path) -> None:
    intro = project / "content" / "modules" / "intro.md"
    edit(intro, "  - Name one way", "  - 3 ways to make a room feel safer, and name one way")
    _, warnings = validate(load_project(project))
    assert not [w for w in warnings if "number of its own" in w.message]


def test_an_activity_title_ending_with_its_own_time_is_warned_about(project: Path) -> None:
    """An activity "Room audit (30 min)" of 5 minutes: the deck printed "Activity: Room audit
    (30 min) (5 min)" without a word (only module titles were warned of). Told at the
    title's line, as a module's title is; one without a duration is told its time is not
    counted."""
    from click.testing import CliRunner

    from materials_gen.cli import main

    practice = project / "content" / "modules" / "practice.md"
    edit(practice, "  - title: Room audit", "  - title: Room audit (30 min)")
    edit(
        practice,
        "    instructions: Walk around",
        "    instructions: Walk around the room.\n  - title: Pair share (10 min)\n"
        "    instructions: Walk around",
    )
    lines = practice.read_text(encoding="utf-8").splitlines()
    first = lines.index("  - title: Room audit (30 min)") + 1
    second = lines.index("  - title: Pair share (10 min)") + 1
    result = CliRunner().invoke(main, ["check", "-p", str(project)], env={"NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert (
        f"content/modules/practice.md:{first}:5: warning: the title of activity 1 ends with a "
        "time of its own ('(30 min)'); the deck, the guide and the handout print the "
        "activity's time after its title themselves, so it would show twice hint: take "
        "'(30 min)' out of the title: the time printed is the activity's duration (5 min)"
    ) in said, said
    assert (
        f"content/modules/practice.md:{second}:5: warning: the title of activity 2 ends with a "
        "time of its own ('(10 min)'), printed as typed: the activity has no duration"
    ) in said, said


@pytest.mark.parametrize(
    ("typed", "warned"),
    [
        ("(10 min)", True),
        ("(1 h 15 min)", True),
        ("( 45 minutes )", True),
        ("(2 hours)", True),
        ("(for 10 min or more)", False),
        ("(part 2)", False),
        ("(min)", False),
    ],
)
def test_a_title_ending_with_its_own_time_is_warned_about(
    project: Path, typed: str, warned: bool
) -> None:
    """A title such as "Welcome (10 min)": the agenda, the guide and the session plan add
    the module's time after its title, so the agenda printed "Welcome (10 min) (10 min)"."""
    intro = project / "content" / "modules" / "intro.md"
    edit(intro, "title: Welcome to safe rooms", f"title: Welcome to safe rooms {typed}")
    _, warnings = validate(load_project(project))
    found = [w for w in warnings if "time of its own" in w.message]
    assert bool(found) == warned, found
    if warned:
        assert str(found[0].location).startswith("content/modules/intro.md:2")
        assert f"take '{typed.strip()}' out of the title" in found[0].hint


def _with_a_question(project: Path, objective: str, options: str) -> None:
    """The minimal project's practice module given one question."""
    edit(
        project / "content" / "modules" / "practice.md",
        "takeaway:",
        "questions:\n  - question: Where should the way out be?\n"
        f"    objective: {objective}\n    options:\n{options}    answer: a\ntakeaway:",
    )


def test_a_question_s_objective_written_as_text_is_told_to_be_its_place(project: Path) -> None:
    """``objective: Compare two approaches`` (the objective's words) was told to "write the
    number as digits, e.g. 20"."""
    _with_a_question(project, "Compare two approaches", "      - Clear\n      - Hidden\n")
    (problem,) = problems_of(project)
    assert problem.message == "'objective' must be a whole number, not 'Compare two approaches'"
    assert problem.hint == "name the objective by its place in the module's list, e.g. objective: 1"


def test_a_question_with_one_option_is_told_what_to_do(project: Path) -> None:
    """A multiple-choice question left with one option was told "needs 2 to 8 options" with
    no hint."""
    _with_a_question(project, "1", "      - Clear of furniture\n")
    (problem,) = problems_of(project)
    assert problem.message == "a multiple-choice question needs 2 to 8 options, not 1"
    assert "answer: true or answer: false" in problem.hint


def test_a_module_title_missing_for_an_audience_warns_and_the_deck_is_made(
    project: Path,
) -> None:
    """A module's title given for clinical providers only: check and the handout's build
    warned at its line, as the README says, but the deck's build stopped with an error at a
    deck template the project does not have ("a slide has no title"). The deck is made, the
    warning at the title's line said."""
    from click.testing import CliRunner

    from materials_gen.cli import main

    edit(
        project / "content" / "modules" / "intro.md",
        "title: Welcome to safe rooms",
        "title:\n  clinical: Welcome, clinicians",
    )
    result = CliRunner().invoke(
        main, ["build", "-p", str(project), "--only", "deck", "-a", "all-staff", "-j", "1"]
    )
    said = " ".join(result.output.split())
    assert result.exit_code == 0, said
    assert "content/modules/intro.md:2:1: warning: 'title' is given for some audiences only" in said
    assert "deck.md.j2" not in said


def test_a_table_named_by_a_path_is_told_to_be_named_by_its_file(project: Path) -> None:
    """A module's table named by a path ("../../x") was told to "write
    content/tables/../../x.yaml", a file outside the project: it is told to name the table by
    its file's name in content/tables/."""
    from materials_gen.load import load_project
    from materials_gen.validate import validate

    edit(
        project / "content" / "modules" / "practice.md",
        "tables: [approaches]",
        "tables: [approaches, ../../x]",
    )
    with pytest.raises(ContentError) as caught:
        validate(load_project(project))
    (problem,) = [p for p in caught.value.problems if "no table" in p.message]
    assert "../../x" not in problem.hint and "by its file's name" in problem.hint, problem.hint


def test_each_wrong_entry_of_a_list_gets_the_hint_its_own_value_takes(project: Path) -> None:
    """What a list's entries take is found once for them all, but a hint that depends on the
    value written is each entry's own: '7' quoted is an id, '1.5' quoted is not, whichever
    comes first."""
    from click.testing import CliRunner

    from materials_gen.cli import main

    course = project / "content" / "course.yaml"
    edit(course, "support:\n", "  - id: 1.5\n    name: A\n  - id: 7\n    name: B\nsupport:\n")
    result = CliRunner().invoke(main, ["check", "-p", str(project)])
    lines = result.output.splitlines()
    seven = next(n for n, line in enumerate(lines) if "not a number (7)" in line)
    other = next(n for n, line in enumerate(lines) if "not a number (1.5)" in line)
    assert 'quotes: "7"' in lines[seven + 1], result.output
    assert 'quotes: "1.5"' not in lines[other + 1] and "1.5" not in lines[seven + 1], result.output
