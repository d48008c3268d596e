"""Knowledge checks that measure learning: parallel forms, right answers spread over the
letters, the key following each form, and what check warns of (see assessment.py)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from materials_gen.assessment import knowledge_checks
from materials_gen.build import BuildOptions, build, load_course
from materials_gen.cli import main
from materials_gen.tailor import tailor

from .conftest import all_text, credited, edit, run, tool
from .test_list_marks import tick_boxes, words

INTRO = Path("content") / "modules" / "intro.md"

# Eight questions on the module's first objective, every right answer written as A: the
# pattern a reviewer flags. Two on the second objective (clinical), one true/false alone.
QUESTIONS = (
    "questions:\n"
    + "".join(
        f"""  - question: Which choice makes room {n} calmer?
    objective: 1
    options:
      - Soft light in room {n}
      - A loud radio in room {n}
      - A locked door in room {n}
      - A crowded corridor in room {n}
    answer: a
"""
        for n in range(8)
    )
    + """  - question: Which layout keeps the exit clear?
    objective: 2
    audience: clinical
    options: [Client nearest the door, Desk across the door, Chairs stacked by the door]
    answer: a
  - question: Which layout lets the client leave first?
    objective: 2
    audience: clinical
    options: [Desk across the door, Client nearest the door, Chairs stacked by the door]
    answer: b
  - question: A calm room helps everyone.
    answer: true
"""
)


@pytest.fixture
def project(project: Path) -> Path:
    """The minimal project (conftest's copy) with the module text this file is about."""
    edit(project / INTRO, "content_note:", QUESTIONS + "content_note:")
    return project


def test_questions_on_one_objective_are_shared_out_between_the_forms(project: Path) -> None:
    course, _ = load_course(project)
    checks = knowledge_checks(tailor(course, "clinical"))
    before = {item.question for item in checks.before}
    after = {item.question for item in checks.after}
    assert checks.parallel
    assert len(before) == len(after) == 6  # 4 + 1 + the true/false on both
    shared = before & after
    assert shared == {"A calm room helps everyone."}  # alone on no objective: on both
    assert "Which layout keeps the exit clear?" in before
    assert "Which layout lets the client leave first?" in after


def test_right_answers_are_spread_over_the_letters_on_each_form(project: Path) -> None:
    course, _ = load_course(project)
    for audience in ("all-staff", "clinical"):
        checks = knowledge_checks(tailor(course, audience))
        for form in (checks.before, checks.after):
            letters = Counter(item.correct for item in form if item.options)
            assert max(letters.values()) - min(letters.values()) <= 1, letters
            assert len(letters) >= 3
            for item in form:  # the letter points at the right option as printed
                if item.options:
                    assert item.options["ABCD".index(item.correct)].startswith(
                        ("Soft light", "Client nearest")
                    )


def test_the_order_is_the_same_on_every_build_and_seeded_by_the_course(project: Path) -> None:
    course, _ = load_course(project)
    first = knowledge_checks(tailor(course, "clinical"))
    assert knowledge_checks(tailor(course, "clinical")) == first
    edit(project / "content" / "course.yaml", "slug: safe-rooms", "slug: safer-rooms")
    renamed, _ = load_course(project)
    other = knowledge_checks(tailor(renamed, "clinical"))
    assert [i.options for i in other.before] != [i.options for i in first.before]
    # the post-test's order of questions comes from their wording alone
    assert [i.question for i in other.after] == [i.question for i in first.after]


def test_shuffle_false_keeps_the_options_as_written(project: Path) -> None:
    edit(
        project / INTRO,
        "    options: [Desk across",
        "    shuffle: false\n    options: [Desk across",
    )
    course, _ = load_course(project)
    (item,) = [
        i
        for i in knowledge_checks(tailor(course, "clinical")).after
        if i.question == "Which layout lets the client leave first?"
    ]
    assert item.options[:2] == ("Desk across the door", "Client nearest the door")
    assert item.correct == "B"


@pytest.mark.parametrize(
    "options",
    [
        "[Desk across the door, Client nearest the door, Chairs by the door, All of the above]",
        "[Desk across the door, Client nearest the door, Both A and B, Neither A nor B]",
        "[Desk across the door, Client nearest the door, Chairs by the door, All the above]",
        "[Desk across the door, Client nearest the door, Both a and b, Chairs by the door]",
        "[Desk across the door, Client nearest the door, b y c, Ninguna de las anteriores]",
        "[Desk across the door, Client nearest the door, Todas las respuestas anteriores]",
    ],
)
def test_options_that_speak_of_the_others_keep_their_order(project: Path, options: str) -> None:
    """ "Both A and B" was moved to B, where it spoke of itself, and "All of the above" to C,
    above an option it did not cover: a question with such an option keeps its order on
    every form, in the key too."""
    edit(
        project / INTRO,
        "    options: [Desk across the door, Client nearest the door, Chairs stacked by the door]",
        f"    options: {options}",
    )
    written = [o.strip() for o in options.strip("[]").split(",")]
    course, _ = load_course(project)
    checks = knowledge_checks(tailor(course, "clinical"))
    items = [
        i
        for i in (*checks.before, *checks.after)
        if i.question == "Which layout lets the client leave first?"
    ]
    assert items
    for item in items:
        assert list(item.options) == written
        assert item.correct == "B"


def test_the_printed_forms_and_key_follow_the_same_order(project: Path, tmp_path: Path) -> None:
    kinds = ("pretest", "posttest", "answer-key")
    options = BuildOptions(output=tmp_path / "out", audiences=("clinical",), kinds=kinds)
    made = {b.target.kind.name: all_text(b.path) for b in build(project, options).built}
    course, _ = load_course(project)
    checks = knowledge_checks(tailor(course, "clinical"))
    key_before, key_after = made["answer-key"].split("After the session")
    for form, name, key in (
        (checks.before, "pretest", key_before),
        (checks.after, "posttest", key_after),
    ):
        text = made[name]
        for item in form:
            at = text.index(item.question)
            if item.options:
                placed = [text.index(o, at) for o in item.options]
                assert placed == sorted(placed), item.question  # printed in the form's order
            row = re.search(re.escape(item.question) + r"\s+(A|B|C|D|True|False)\b", key)
            assert row and row.group(1) == item.correct, item.question  # the row's own answer


def _true_statements(project: Path, count: int, after: str = "") -> str:
    """The intro module with ``count`` true statements on its first objective (and
    ``after``) in place of its one statement; its text."""
    body = (project / INTRO).read_text(encoding="utf-8")
    body = body.replace(
        "  - question: A calm room helps everyone.\n    answer: true\n",
        "".join(
            f"  - question: Statement {n} is true.\n    objective: 1\n    answer: true\n"
            for n in range(count)
        )
        + after,
    )
    (project / INTRO).write_text(body, encoding="utf-8")
    return body


def test_check_warns_what_a_reviewer_would(project: Path) -> None:
    _true_statements(
        project,
        5,
        "  - question: Which light suits a waiting room?\n"
        "    options:\n"
        "      - Dim\n"
        "      - Soft, warm light that people can adjust themselves when they need to\n"
        "      - Red\n"
        "    answer: b\n",
    )
    edit(
        project / "content" / "course.yaml",
        "settings:",
        "settings:\n  assessment:\n    minimum_items: 12",
    )
    result = CliRunner().invoke(main, ["check", "-p", str(project)], env={"NO_COLOR": "1"})
    said = result.output
    assert result.exit_code == 0, said
    assert "5 of the 5 true-or-false questions are true" in said
    assert "this question is tied to no objective" in said
    assert "times as long as the other options on average" in said
    assert "questions, fewer than the 12 asked for" in said
    lines = [line for line in said.splitlines() if "tied to no objective" in line]
    assert lines and lines[0].startswith("content/modules/intro.md:")


def test_an_objective_no_question_tests_is_named(project: Path) -> None:
    body = (project / INTRO).read_text(encoding="utf-8")
    (project / INTRO).write_text(body.replace("    objective: 2\n", ""), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "-p", str(project)], env={"NO_COLOR": "1"})
    assert "no knowledge-check question tests this objective ('Plan a clinical" in result.output


def test_an_objective_the_module_lacks_is_an_error_with_its_line(project: Path) -> None:
    edit(
        project / INTRO,
        "    objective: 2\n    audience: clinical\n    options: [Client",
        "    objective: 7\n    audience: clinical\n    options: [Client",
    )
    result = CliRunner().invoke(main, ["check", "-p", str(project)], env={"NO_COLOR": "1"})
    assert result.exit_code == 1
    assert "content/modules/intro.md:" in result.output
    assert "objective 7: the module has 2 objectives" in result.output


def test_letters_left_as_written_on_one_letter_are_flagged(project: Path) -> None:
    body = (project / INTRO).read_text(encoding="utf-8")
    (project / INTRO).write_text(
        body.replace("    options:\n", "    shuffle: false\n    options:\n"),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["check", "-p", str(project)], env={"NO_COLOR": "1"})
    warned = [line for line in result.output.splitlines() if "right answers are A" in line]
    assert warned and "4 of the 4 right answers are A" in warned[0]
    assert warned[0].startswith("content/modules/intro.md:")  # where the order is kept


def _to_fill_said(project: Path, notes: str) -> list[str]:
    """The lines check prints of facts to fill in, the intro's notes given ``notes``."""
    edit(
        project / INTRO,
        "notes: Say hello and explain the session.",
        f"notes: Say hello. {notes}",
    )
    result = CliRunner().invoke(main, ["check", "-p", str(project)], env={"NO_COLOR": "1"})
    return [line for line in result.output.splitlines() if "to be filled in" in line]


def test_facts_to_fill_in_are_named_until_they_are(project: Path, tmp_path: Path) -> None:
    """A kit cannot know an organization's EAP number: it is written as a visible mark,
    printed as it is, and check and build name its file and line until it is replaced."""
    warned = _to_fill_said(project, "The EAP is on [[fill in the EAP's phone number]].")
    assert warned == [
        "content/modules/intro.md:12: warning: to be filled in: the EAP's phone number"
    ]
    options = BuildOptions(output=tmp_path / "out", audiences=("all-staff",), kinds=("guide",))
    report = build(project, options)
    assert any("to be filled in" in p.message for p in report.warnings)
    (guide,) = report.built
    assert "[[fill in the EAP's phone number]]" in all_text(guide.path)
    edit(project / INTRO, "[[fill in the EAP's phone number]]", "555-0100")
    result = CliRunner().invoke(main, ["check", "-p", str(project)], env={"NO_COLOR": "1"})
    assert "to be filled in" not in result.output


def test_a_fact_to_fill_in_whose_mark_is_left_open_is_named_too(project: Path) -> None:
    """A mark whose "]]" was left out ("Call [[fill in the number") printed as it is, and
    nothing named it: check and build warn at its line, with what it says; a closed mark
    after it is named once, as before."""
    warned = _to_fill_said(project, "Call [[fill in the EAP's number, or [[fill in the ward's]].")
    assert warned == [
        "content/modules/intro.md:12: warning: to be filled in: the ward's",
        "content/modules/intro.md:12: warning: to be filled in: the EAP's number, or "
        "(the mark is left open: no ']]' ends it)",
    ]


def test_a_fact_to_fill_in_is_named_at_the_line_its_mark_is_written_on(project: Path) -> None:
    """A mark in a text written over several lines ("details: >-" above it, the mark two
    lines down) was named at the key's line, where the trainer found no mark: it is named
    at its own line, in a folded or wrapped text, in the module's body and in a
    translation of the text."""
    edit(
        project / INTRO,
        "notes: Say hello and explain the session.",
        "notes: >-\n  Say hello and explain\n  the session. Call\n  [[fill in the EAP's number]]"
        " or\n  [[fill in the\n  ward's]].",
    )
    body = (project / INTRO).read_text(encoding="utf-8")
    (project / INTRO).write_text(body + "\nAsk\nthe [[fill in the duty manager]].\n", "utf-8")
    result = CliRunner().invoke(main, ["check", "-p", str(project)], env={"NO_COLOR": "1"})
    lines = (project / INTRO).read_text(encoding="utf-8").splitlines()
    said = {
        line.split(": warning: to be filled in: ")[1]: int(line.split(":")[1])
        for line in result.output.splitlines()
        if "to be filled in" in line
    }
    assert set(said) == {"the EAP's number", "the ward's", "the duty manager"}, said
    for what, number in said.items():
        assert "[[fill in the" in lines[number - 1], (what, number, lines[number - 1])
    assert said["the EAP's number"] < said["the ward's"] < said["the duty manager"]
    # a translation's copy, its lines moved by its stamp: at the copy's own lines
    assert CliRunner().invoke(main, ["translate", "es", "-p", str(project)]).exit_code == 0
    copy = project / "content" / "translations" / "es" / "modules" / "intro.md"
    edit(copy, "Say hello and explain", "Salude y explique")  # translated: no copy any more
    lines = copy.read_text(encoding="utf-8").splitlines()
    result = CliRunner().invoke(main, ["check", "-p", str(project)], env={"NO_COLOR": "1"})
    told = [
        int(line.split(":")[1])
        for line in result.output.splitlines()
        if line.startswith(copy.relative_to(project).as_posix() + ":") and "to be filled" in line
    ]
    assert len(told) == 3, result.output
    assert all("[[fill in the" in lines[number - 1] for number in told), (told, lines)


def test_contact_hours_name_who_approved_them(project: Path, tmp_path: Path) -> None:
    """Certificates of a continuing-education audience print the contact hours; check warns
    until the accrediting body and approval number are set, and the certificates print them."""
    course_yaml = project / "content" / "course.yaml"
    credited(project)
    result = CliRunner().invoke(main, ["check", "-p", str(project)], env={"NO_COLOR": "1"})
    assert "without the accrediting body and approval number" in result.output
    edit(
        course_yaml,
        "settings:",
        "settings:\n  continuing_education:\n    accrediting_body: State Board of Social Work\n"
        "    approval_number: SW-2026-114",
    )
    result = CliRunner().invoke(main, ["check", "-p", str(project)], env={"NO_COLOR": "1"})
    assert "without the accrediting body" not in result.output
    roster = tmp_path / "roster.csv"
    roster.write_text("name\nAna Ruiz\n", encoding="utf-8")
    options = BuildOptions(
        output=tmp_path / "out", audiences=("clinical",), kinds=("certificates",), roster=roster
    )
    (certificates,) = build(project, options).built
    printed = " ".join(all_text(certificates.path).split())
    assert "contact hours" in printed
    assert "Approved for continuing education by State Board of Social Work" in printed
    assert "approval number SW-2026-114" in printed


def test_a_language_s_own_option_letters_are_on_its_forms_and_key(
    project: Path, tmp_path: Path
) -> None:
    """An Arabic catalog gives the options' letters (أ ب ج د ...): the forms print them and
    the answer key gives each answer by the letter its form prints. Options still in English
    read from the left, as their words do: each letter read first, at the left of its
    option, and every tick box on the left, as a True/False question's (they were set from
    the right, "...trauma-informed .أ", their boxes on the right)."""
    edit(project / "content" / "course.yaml", "language: en-GB", "language: ar")
    assert CliRunner().invoke(main, ["labels", "ar", "-p", str(project)]).exit_code == 0
    arabic = "\u0623 \u0628 \u062c \u062f \u0647\u0640 \u0648 \u0632 \u062d"
    catalog = project / "templates" / "locale" / "ar.po"
    edit(
        catalog, 'msgid "A B C D E F G H"\nmsgstr ""', f'msgid "A B C D E F G H"\nmsgstr "{arabic}"'
    )
    kinds = ("pretest", "posttest", "answer-key")
    options = BuildOptions(output=tmp_path / "out", audiences=("clinical",), kinds=kinds)
    paths = {b.target.kind.name: b.path for b in build(project, options).built}
    made = {kind: _poppler_text(path) for kind, path in paths.items()}
    letters = arabic.split()
    course, _ = load_course(project)
    checks = knowledge_checks(tailor(course, "clinical"), letters)
    assert {item.correct for item in checks.before if item.options} <= set(letters[:4])
    posttest = made["posttest"]
    for item in checks.after:
        if item.options:  # each option with its letter before it: the line reads from the left
            for letter, option in zip(letters, item.options, strict=False):
                at = posttest.index(option)
                assert letter in posttest[max(0, at - 6) : at], (option, posttest[at - 6 : at])
    key = made["answer-key"].split("After the session")[1]
    for item in checks.after:
        row = re.search(re.escape(item.question) + r"\s+(\S+)", key)
        assert row and row.group(1).strip("\u202b\u202c") == item.correct, item.question
    assert not re.search(r"\b[A-D]\. ", posttest)  # no Latin letter left
    for kind in ("pretest", "posttest"):
        drawn, boxes = words(paths[kind]), tick_boxes(paths[kind])
        width = float(PdfReader(paths[kind]).pages[0].mediabox.width)
        assert boxes and all(right < width / 2 for _, _, _, right, _ in boxes), kind
        for page, _, top, right, bottom in boxes:
            beside = [w for w in drawn if w[0] == page and w[2] < bottom and w[4] > top]
            first = min(beside, key=lambda w: w[1])  # the letter, or True or False
            assert first[1] > right, (kind, first)
            assert first[5] in ("True", "False") or first[5].split(".")[0] in letters, first


def _poppler_text(path: Path) -> str:
    """The text as poppler reads it: shaped Arabic letters by the text they stand for."""
    return run(tool("pdftotext"), "-enc", "UTF-8", str(path), "-").stdout


def test_a_catalog_s_letters_are_used_only_when_there_are_eight_different_ones() -> None:
    from materials_gen.i18n import Labels

    assert Labels("xx", (("A B C D E F G H", "a b c d e f g h"),)).option_letters()[:2] == (
        "a",
        "b",
    )
    for wrong in ("a b c d", "a a b c d e f g", "abcdefgh"):
        labels = Labels("xx", (("A B C D E F G H", wrong),))
        assert labels.option_letters() == tuple("ABCDEFGH"), wrong


def test_each_form_gets_false_statements_as_well_as_true_ones(project: Path) -> None:
    """Statements written false then true on each objective sent every false one to the
    pre-test and every true one to the post-test: a guess of "false" scored full marks."""
    body = (project / INTRO).read_text(encoding="utf-8")
    statements = "".join(
        f"  - question: Statement {n} is {value}.\n    objective: 1\n    answer: {value}\n"
        for n in range(4)
        for value in ("false", "true")
    )
    body = body.replace("  - question: A calm room helps everyone.\n    answer: true\n", statements)
    (project / INTRO).write_text(body, encoding="utf-8")
    course, _ = load_course(project)
    checks = knowledge_checks(tailor(course, "all-staff"))
    for form in (checks.before, checks.after):
        said = Counter(item.correct for item in form if not item.options)
        assert said == {"True": 2, "False": 2}, said


def test_a_question_of_eight_options_does_not_make_the_spread_look_uneven(
    project: Path,
) -> None:
    """One question of eight options made an even spread over A-D read as "3 of the 11
    right answers are B", with a hint about 'shuffle: false' the project does not use."""
    eight = (
        "  - question: Which colour calms most?\n    objective: 1\n"
        "    options: [Red, Brown, Pink, Grey, Beige, Olive, Teal, Maroon]\n    answer: a\n"
    ) + "".join(  # ten more of four options, on both forms
        f"  - question: Which sign helps visitor {n}?\n"
        f"    options: [A map {n}, A locked gate {n}, A siren {n}, A dark hall {n}]\n"
        "    answer: a\n"
        for n in range(10)
    )
    edit(project / INTRO, "  - question: A calm room", eight + "  - question: A calm room")
    result = CliRunner().invoke(main, ["check", "-p", str(project)], env={"NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    assert "right answers are" not in result.output and "no right answer is" not in result.output


def test_an_option_for_one_audience_is_an_error_at_its_question(project: Path) -> None:
    """An option written for clinical providers only: the all-staff forms printed the
    other options under other letters while the key kept the letter written (a wrong
    answer key), or, the answer being the last option, build and check ended in a
    traceback. It is an error at the question, saying what to do instead."""
    edit(
        project / INTRO,
        "    options: [Desk across the door, Client nearest the door, Chairs stacked by the door]",
        "    options:\n      - Desk across the door\n      - text: Client nearest the door\n"
        "        audience: clinical\n      - Chairs stacked by the door",
    )
    for command in ("check", "build"):
        result = CliRunner().invoke(main, [command, "-p", str(project)], env={"NO_COLOR": "1"})
        assert result.exit_code == 1 and "Traceback" not in result.output, result.output
        said = " ".join(result.output.split())
        assert "content/modules/intro.md:" in said
        assert "option b is for some audiences only" in said
        assert "give the whole question an audience" in said


@pytest.mark.parametrize(
    ("options", "told"),
    [
        ('[Desk across the door, "", Chairs stacked by the door]', "option b is empty"),
        ('[Desk across the door, " ", Chairs stacked by the door]', "option b is empty"),
        ('[Desk across the door, Client nearest the door, ""]', "option c is empty"),
        (
            "\n      - {clinical: Desk across the door}\n      - Client nearest the door"
            "\n      - Chairs stacked by the door",
            "option a has no words for all-staff",
        ),
        (
            "\n      - text: {clinical: Desk across the door}\n      - Client nearest the door"
            "\n      - Chairs stacked by the door",
            "option a has no words for all-staff",
        ),
        (
            '\n      - {default: "", clinical: Desk across the door}\n'
            "      - Client nearest the door\n      - Chairs stacked by the door",
            "option a has no words for all-staff",
        ),
    ],
    ids=["empty", "blank", "last-empty", "per-audience", "item-per-audience", "blank-default"],
)
def test_an_option_some_audience_reads_no_words_in_is_an_error_at_its_line(
    project: Path, options: str, told: str
) -> None:
    """An option with no words for an audience that sees its question (empty, blank, or
    given per audience without theirs) was left off that audience's forms: the options
    after it took other letters, and the key named a wrong answer with no warning (or, the
    answer being the last option, build and check ended in a traceback). It is an error at
    the option's line."""
    edit(
        project / INTRO,
        "    options: [Desk across the door, Client nearest the door, Chairs stacked by the door]",
        f"    options: {options}",
    )
    edit(
        project / INTRO,
        "  - question: Which layout lets the client leave first?\n    objective: 2\n"
        "    audience: clinical\n",
        "  - question: Which layout lets the client leave first?\n    objective: 2\n",
    )
    for command in ("check", "build"):
        result = CliRunner().invoke(main, [command, "-p", str(project)], env={"NO_COLOR": "1"})
        assert result.exit_code == 1 and "Traceback" not in result.output, result.output
        said = " ".join(result.output.split())
        assert re.search(r"content/modules/intro\.md:\d+:\d+: error: " + re.escape(told), said)
        assert "under other letters than the key gives" in said, said


def test_a_question_with_no_words_is_an_error_at_its_line(project: Path) -> None:
    """A question whose words were left empty printed its options under the question before,
    with no number of its own, while the key listed it: an error at its line."""
    edit(
        project / INTRO,
        "  - question: Which layout lets the client leave first?",
        '  - question: ""',
    )
    result = CliRunner().invoke(main, ["check", "-p", str(project)], env={"NO_COLOR": "1"})
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    said = " ".join(result.output.split())
    assert re.search(r"intro\.md:\d+:\d+: error: the question is empty", said), said


def test_a_module_no_question_tests_is_named_at_its_objectives(project: Path) -> None:
    """The intro module has questions; the practice module, with an objective to assess,
    has none: check said nothing of it (only modules whose questions name objectives were
    looked at), though the pre-test and post-test leave it out."""
    result = CliRunner().invoke(main, ["check", "-p", str(project)], env={"NO_COLOR": "1"})
    said = " ".join(result.output.split())
    assert (
        "content/modules/practice.md:4:1: warning: no knowledge-check question tests this "
        "module's objectives (1 of them)"
    ) in said
    assert (
        "intro.md"
        not in said.split("tests this module's objectives")[0].rsplit("warning", 1)[0][-80:]
    )


def test_the_pre_test_asks_a_modules_questions_in_the_order_written(project: Path) -> None:
    """Questions shared out by objective came out grouped: a module's second-objective
    question was asked before a first-objective one written above it."""
    edit(
        project / INTRO,
        "  - question: A calm room helps everyone.\n    answer: true\n",
        "  - question: A calm room helps everyone.\n    answer: true\n"
        "  - question: Which light calms a waiting room?\n    objective: 1\n"
        "    options: [Soft lamps, Flickering tubes, Strobe lights]\n    answer: a\n",
    )
    course, _ = load_course(project)
    checks = knowledge_checks(tailor(course, "clinical"))
    written = [
        str(q.question)
        for m in course.modules
        for q in getattr(m, "questions", ())
        if str(q.question) in {item.question for item in checks.before}
    ]
    assert [item.question for item in checks.before] == written


def test_a_form_leaning_one_way_is_told_at_a_statement_of_that_side(project: Path) -> None:
    """A pre-test whose true-or-false answers were all true was told at line 1 of the course
    file; it is told at the answer of its first true statement."""
    body = _true_statements(project, 8)
    result = CliRunner().invoke(main, ["check", "-p", str(project)], env={"NO_COLOR": "1"})
    lines = body.splitlines()
    answers = {n + 3 for n, line in enumerate(lines) if line.startswith("  - question: Statement")}
    leaning = [s for s in result.output.splitlines() if "true-or-false answers are true" in s]
    assert len(leaning) == 4, result.output  # each form, for each audience
    for line in leaning:
        where = re.match(r"content/modules/intro\.md:(\d+):", line)
        assert where and int(where.group(1)) in answers, line


@pytest.mark.parametrize(
    ("written", "key", "said"),
    [
        (
            '"Read the table:\\n\\n| A | B |\\n|---|---|\\n| 1 | 2 |\\n\\nWhat is in B?"',
            "question",
            "a table",
        ),
        (
            '"Look at the diagram:\\n\\n![Referral route](images/route.png)\\n\\nWho first?"',
            "question",
            "a picture",
        ),
        ('"Which is wrong?\\n\\n- first item\\n- second item"', "question", "a list"),
    ],
)
def test_a_table_list_or_picture_in_a_question_is_refused_at_its_line(
    project: Path, written: str, key: str, said: str
) -> None:
    """The forms printed a question's table as its pipes ("| A | B | |---|"), its list run
    together and its picture as its description alone (a missing picture not even found):
    each is refused at the question's line."""
    edit(
        project / INTRO, "  - question: A calm room helps everyone.\n", f"  - question: {written}\n"
    )
    lines = (project / INTRO).read_text(encoding="utf-8").splitlines()
    line = lines.index(f"  - question: {written}") + 1
    result = CliRunner().invoke(main, ["check", "-p", str(project)])
    assert result.exit_code == 1, result.output
    said_all = " ".join(result.output.split())
    assert (
        f"content/modules/intro.md:{line}:5: error: {said} in a knowledge-check question: the "
        "forms print a question, its options and its explanation as lines of words"
    ) in said_all, said_all


def test_an_option_with_a_picture_is_refused_and_words_pass(project: Path) -> None:
    edit(project / INTRO, "      - Soft light in room 0\n", "      - '![Soft light](x.png)'\n")
    result = CliRunner().invoke(main, ["check", "-p", str(project)])
    assert (
        result.exit_code == 1 and "error: a picture in a knowledge-check question" in result.output
    )
    edit(
        project / INTRO,
        "      - '![Soft light](x.png)'\n",
        "      - Soft light, 40-60% dimmed # no\n",
    )
    result = CliRunner().invoke(main, ["check", "-p", str(project)])
    assert "in a knowledge-check question" not in result.output, result.output


def test_objectives_and_questions_are_matched_audience_by_audience(project: Path) -> None:
    """Every question on an objective for everyone limited to clinical: the all-staff
    forms never tested it, and check said OK. A question for everyone on a clinical-only
    objective: the all-staff forms asked what they were never taught. Each is warned of."""
    text = (project / INTRO).read_text(encoding="utf-8")
    text = text.replace("    objective: 1\n", "    objective: 1\n    audience: clinical\n")
    exit_clear = "  - question: Which layout keeps the exit clear?\n    objective: 2\n"
    text = text.replace(exit_clear + "    audience: clinical\n", exit_clear)
    (project / INTRO).write_text(text, encoding="utf-8")
    lines = text.splitlines()
    result = CliRunner().invoke(main, ["check", "-p", str(project)])
    said = " ".join(result.output.split())
    objective = lines.index("  - Name one way to make a room feel safer") + 1
    assert (
        f"content/modules/intro.md:{objective}:5: warning: no question for All staff tests "
        "this objective: its questions are for other audiences only"
    ) in said, said
    question = lines.index("  - question: Which layout keeps the exit clear?") + 1
    assert (
        f"content/modules/intro.md:{question}:5: warning: this question is asked of All staff, "
        "on an objective not theirs"
    ) in said, said
    assert "of Clinical providers" not in said and "no question for Clinical" not in said


@pytest.mark.parametrize(
    ("option", "speaks"),
    [
        ("All of the above", True),
        ("All the above", True),
        ("Both a and b", True),
        ("b y c", True),
        ("Options 1 and 2", True),
        ("Ninguna de las anteriores", True),
        # the serial comma, and other ways of saying it
        ("A, B, and C", True),
        ("a, b, and c", True),
        ("Both 1 and 2", True),
        ("All the answers above", True),
        ("All are correct", True),
        ("None of the answers is right", True),
        ("Todo lo anterior", True),
        ("Ninguna es correcta", True),
        ("Todas son correctas", True),
        ("Tout ce qui précède", True),
        ("Alle Antworten sind richtig", True),
        ("Both 2 and 3 visits a month", False),
        ("All staff are correct to ask", False),
        ("Either 2 or 3 visits a month", False),
        ("Only 1 or 2 visits a month", False),
        ("Either above or below the line", False),
        ("Any above-average score", False),
        ("None above all else", False),
        ("Take a break or a walk", False),
    ],
)
def test_an_option_speaks_of_the_others_only_when_it_names_them(option: str, speaks: bool) -> None:
    """Options that speak of the others keep their question's order; an ordinary option that
    happens to hold "either 2 or 3" or "above" is shuffled as any other (kept in order, it
    held the right answer at A, and moved the answers of every question after it)."""
    from materials_gen.assessment import _names_others

    assert _names_others(option) is speaks


def _written_order(course, audience: str, question: str) -> tuple[str, ...]:
    """The options of ``question`` as each of the audience's forms prints them."""
    checks = knowledge_checks(tailor(course, audience))
    printed = {i.options for i in (*checks.before, *checks.after) if i.question == question}
    assert len(printed) == 1, printed
    return printed.pop()


def test_an_option_naming_others_with_the_serial_comma_keeps_the_order(project: Path) -> None:
    """ "A, B, and C" (the serial comma of American English) was shuffled: the form printed
    "A. A, B, and C", the option pointing at itself, and the key said A."""
    edit(project / INTRO, "      - A crowded corridor in room 0\n", "      - A, B, and C\n")
    course, _ = load_course(project)
    options = _written_order(course, "all-staff", "Which choice makes room 0 calmer?")
    assert options[-1] == "A, B, and C", options
    assert options[0] == "Soft light in room 0", options


def test_a_translated_question_keeps_its_order_where_its_source_does(project: Path) -> None:
    """The source's "All of the above" stayed last; its translation, in words no pattern
    knows, was shuffled, and the Spanish key marked a letter that option no longer held.
    A question whose source keeps its order keeps it in every language."""
    from materials_gen.build import course_languages
    from materials_gen.load import load_project
    from materials_gen.validate import validate

    edit(project / INTRO, "      - A crowded corridor in room 0\n", "      - All of the above\n")
    assert CliRunner().invoke(main, ["translate", "es", "-p", str(project)]).exit_code == 0
    copy = project / "content" / "translations" / "es" / "modules" / "intro.md"
    edit(copy, "      - All of the above\n", "      - Las tres cosas\n")
    edit(copy, "Which choice makes room 0 calmer?", "¿Qué opción calma la sala 0?")
    raw = load_project(project)
    course, _ = validate(raw)
    spanish = dict(course_languages(raw, course))["es"]
    options = _written_order(spanish, "all-staff", "¿Qué opción calma la sala 0?")
    assert options == (
        "Soft light in room 0",
        "A loud radio in room 0",
        "A locked door in room 0",
        "Las tres cosas",
    ), options


def test_forms_that_cannot_ask_the_same_mix_are_told_at_the_question(project: Path) -> None:
    """An objective with one multiple-choice question and one true-or-false statement gave
    the pre-test the one and the post-test the other: a guess scores 25% on one and 50% on
    the other, so before and after cannot be compared, and check said nothing."""
    edit(
        project / INTRO,
        "  - question: A calm room helps everyone.\n    answer: true\n",
        "  - question: A calm room helps everyone.\n    objective: 2\n    audience: clinical\n"
        "    answer: true\n",
    )
    result = CliRunner().invoke(main, ["check", "-p", str(project)], env={"NO_COLOR": "1"})
    said = " ".join(result.output.split())
    assert "for Clinical providers, the pre-test asks" in said, said
    assert "cannot be compared" in said
    # each count with its own noun: "1 true-or-false and 1 multiple-choice questions" was said
    assert re.search(r"asks \d (true-or-false|multiple-choice) questions? (and|:)", said), said
    assert not re.search(r"\b1 [a-z-]+ and 1 [a-z-]+ questions", said), said
    assert (
        "shared out unevenly: objective 2 of 'intro' (2 multiple-choice and 1 true-or-false)"
        in said
    )
    assert (
        "content/modules/intro.md:" in said.split("for Clinical providers, the pre-test")[0][-200:]
    )
    assert "for All staff, the pre-test asks" not in said


@pytest.mark.parametrize(
    ("options", "cue"),
    [
        # "Wet" is no shorter than "Dry": the odd one out is "Sing loudly", not the answer
        (["Wet", "Lather", "Dry", "Sing loudly"], False),
        (["Wet", "Lather with soap for a while", "Rinse with warm water", "Sing loudly"], True),
        # the longest answer beside a distractor about as long: no cue
        (["Red", "Soft, warm light people can adjust", "Soft, cool light a few can adjust"], False),
        (["Red", "Soft, warm light people can adjust", "Blue"], True),
    ],
    ids=["short-alike", "short-alone", "long-alike", "long-alone"],
)
def test_an_answer_is_a_length_cue_only_when_it_stands_alone(
    project: Path, options: list[str], cue: bool
) -> None:
    answer = "b" if options[0] == "Red" else "a"
    _true_statements(
        project,
        2,
        "  - question: Which fits?\n    options:\n"
        + "".join(f"      - {o}\n" for o in options)
        + f"    answer: {answer}\n",
    )
    result = CliRunner().invoke(main, ["check", "-p", str(project)], env={"NO_COLOR": "1"})
    said = " ".join(result.output.split())
    assert ("a cue to the answer" in said) is cue, said


@pytest.mark.parametrize(
    ("letters", "said"),
    [("أ ب ج", "gives 3 letters;"), ("a a b c d e f g", "gives 8 letters, some of them the same")],
)
def test_a_catalog_s_wrong_option_letters_stop_the_build_at_their_line(
    project: Path, letters: str, said: str
) -> None:
    """Three letters for eight were dropped without a word: the forms went back to A, B, C
    and the entry even counted as translated. The catalog's line is named."""
    from click.testing import CliRunner

    from materials_gen.cli import main

    catalog = project / "templates" / "locale" / "en-GB.po"
    catalog.parent.mkdir(parents=True)
    catalog.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        f'msgid "A B C D E F G H"\nmsgstr "{letters}"\n',
        encoding="utf-8",
    )
    for command in ("check", "build"):
        result = CliRunner().invoke(main, [command, "-p", str(project)])
        output = " ".join(result.output.split())
        assert result.exit_code == 1, output
        assert "templates/locale/en-GB.po:6: error: the translation of 'A B C D E F G H'" in output
        assert said in output and "eight different letters" in output, output
    assert not (project / "output").exists()
