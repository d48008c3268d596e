"""The session's forms: knowledge checks with an answer key, the evaluation, the sign-in sheet."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from materials_gen.build import BuildOptions, build, load_course
from materials_gen.errors import ContentError
from materials_gen.load import load_project
from materials_gen.tailor import tailor
from materials_gen.validate import validate

from .conftest import KIT_LANGUAGE, PROJECTS, REPO, all_text, edit, run, tool

CLINICAL_QUESTION = (
    "Which of these is an evidence-based, trauma-focused psychotherapy for posttraumatic stress?"
)


# the all-staff post-test's first questions: its order comes from the questions' wording alone
EXPECTED_POST_TEST_START = [
    "In which setting are trauma-competent skills especially needed?",
    "A family has waited an hour without news. Which response builds psychological safety?",
    "Without trauma-informed care, people may feel unsafe or misunderstood even in services "
    "meant to help them.",
]


@pytest.fixture(scope="module")
def forms(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    out = tmp_path_factory.mktemp("forms")
    kinds = ("pretest", "posttest", "answer-key", "evaluation", "sign-in")
    report = build(REPO, BuildOptions(languages=(KIT_LANGUAGE,), output=out, kinds=kinds))
    return {f"{b.target.audience.id}/{b.target.kind.name}": all_text(b.path) for b in report.built}


def numbered(text: str, audience: str = "clinical") -> list[str]:
    """The questions a knowledge check prints, in the order printed."""
    course, _ = load_course(REPO)
    questions = [str(q.question) for q in tailor(course, audience).questions]
    return sorted((q for q in questions if q in text), key=text.index)


def test_knowledge_checks_hold_the_audiences_questions(forms: dict[str, str]) -> None:
    """Every question of the audience is asked, before or after (two on one objective are
    shared out between the forms); clinical-only questions only in the clinical forms."""
    course, _ = load_course(REPO)
    for audience in ("all-staff", "clinical"):
        questions = [str(q.question) for q in tailor(course, audience).questions]
        pre, post = forms[f"{audience}/pretest"], forms[f"{audience}/posttest"]
        for question in questions:
            assert question in pre or question in post
        asked = numbered(pre, audience)
        assert f"{len(asked)} questions" in pre and len(asked) < len(questions)
    assert CLINICAL_QUESTION in forms["clinical/pretest"] + forms["clinical/posttest"]
    assert CLINICAL_QUESTION not in forms["all-staff/pretest"] + forms["all-staff/posttest"]


def test_the_post_test_is_a_parallel_form(forms: dict[str, str]) -> None:
    """The post-test asks other questions on the same objectives, in another order: a
    participant cannot pass it by remembering the pre-test."""
    pre, post = numbered(forms["clinical/pretest"]), numbered(forms["clinical/posttest"])
    assert len(pre) == len(post) >= 10
    assert not set(pre) & set(post)


def test_both_forms_hold_the_same_mix_of_question_kinds(forms: dict[str, str]) -> None:
    """A true-or-false guess is right half the time, a multiple-choice guess a quarter: the
    pre-test and post-test ask as many of each, so a gain is learning, not the mix."""
    course, _ = load_course(REPO)
    for audience in ("all-staff", "clinical"):
        kinds = {str(q.question): q.kind for q in tailor(course, audience).questions}
        pre = sorted(kinds[q] for q in numbered(forms[f"{audience}/pretest"], audience))
        post = sorted(kinds[q] for q in numbered(forms[f"{audience}/posttest"], audience))
        assert pre == post and "true or false" in pre, audience


def test_the_post_test_order_is_kept_from_release_to_release(forms: dict[str, str]) -> None:
    """The order comes from each question's wording alone, so printed post-tests stay valid."""
    post = numbered(forms["all-staff/posttest"], "all-staff")
    assert post[:3] == EXPECTED_POST_TEST_START


def test_answer_key_matches_both_forms_as_printed(forms: dict[str, str]) -> None:
    """The key gives, for each form, the letter at which that form prints the right option
    (the options are reordered on the forms): a trainer marks the forms with it."""
    course, _ = load_course(REPO)
    questions = {str(q.question): q for q in tailor(course, "clinical").questions}
    key = forms["clinical/answer-key"]
    before, after = key.split("After the session")
    for part, form in (
        (before, forms["clinical/pretest"]),
        (after, forms["clinical/posttest"]),
    ):
        for number, text in enumerate(numbered(form), start=1):
            question = questions[text]
            row = re.search(rf"\b{number} {re.escape(text[:40])}.*? (A|B|C|D|True|False) ", part)
            assert row, (number, text)
            if not question.options:
                assert row.group(1) == question.correct, (number, text)
                continue
            printed = _printed_options(form, question)
            right = str(question.options["ABCD".index(str(question.answer))])
            assert printed["ABCD".index(row.group(1))] == right, (number, text)


def _printed_options(form: str, question: object) -> list[str]:
    """The question's options in the order the form prints them."""
    options = [str(o) for o in question.options]  # type: ignore[attr-defined]
    start = form.index(str(question.question)[:60])  # type: ignore[attr-defined]
    return sorted(options, key=lambda o: form.index(o[:40], start))


def test_options_are_reordered_so_the_right_answers_spread_over_the_letters(
    forms: dict[str, str],
) -> None:
    """As written, the kit's right answers lean to one letter; printed, each form spreads
    them: no letter is right more than twice as often as an even share."""
    course, _ = load_course(REPO)
    for audience in ("all-staff", "clinical"):
        for name in ("pretest", "posttest"):
            form = forms[f"{audience}/{name}"]
            letters = []
            for question in tailor(course, audience).questions:
                if not question.options or str(question.question) not in form:
                    continue
                printed = _printed_options(form, question)
                right = str(question.options["ABCD".index(str(question.answer))])
                letters.append("ABCD"[printed.index(right)])
            even = len(letters) / 4
            assert max(letters.count(letter) for letter in "ABCD") <= 2 * even, letters
            assert len(set(letters)) >= min(4, len(letters)), letters


def test_evaluation_has_what_a_continuing_education_reviewer_expects(
    forms: dict[str, str],
) -> None:
    """Each module rated against its objectives (one row a module, not one an objective),
    the presenters, relevance to practice, intent to change practice, an N/A box where a
    statement may not apply, scale words that match their statements, and comments."""
    course, _ = load_course(REPO)
    for audience in ("all-staff", "clinical"):
        text = forms[f"{audience}/evaluation"]
        modules = tailor(course, audience).modules
        for module in modules:
            assert str(module.title) in text
        for objective in modules[1].objectives:
            assert str(objective)[:50] not in text  # grouped per module
    evaluation = forms["clinical/evaluation"]
    for words in (
        "Not at all Slightly Moderately Mostly Completely",
        "Strongly disagree Disagree Neutral Agree Strongly agree N/A",
        "The presenters knew the subject well",
        "relevant to my practice",
        "Will you change something in your work because of this session?",
        "No: it does not apply to my role",
        "what will you do differently?",
        "safe and respected",
        "step out or take a break",
    ):
        assert words in " ".join(evaluation.split()), words


def test_sign_in_sheet_has_rows_for_the_group_and_clinical_columns(forms: dict[str, str]) -> None:
    clinical, staff = forms["clinical/sign-in"], forms["all-staff/sign-in"]
    assert "License or registration number" in clinical and "Time out" in clinical
    assert "License" not in staff and "Team or department" in staff
    assert "Riverbend Learning and Development" in staff  # the trainer
    numbers = [int(n) for n in re.findall(r"(?<![\d.])(\d{1,2})(?= )", staff) if int(n) <= 40]
    # 24 expected participants and 4 spare rows, then blank rows to the foot of the page
    assert max(numbers) > 28 and sorted(set(numbers)) == list(range(1, max(numbers) + 1))


def test_no_questions_no_knowledge_checks(project: Path, tmp_path: Path) -> None:
    report = build(project, BuildOptions(output=tmp_path))
    kinds = {b.target.kind.name for b in report.built}
    assert "pretest" not in kinds and "answer-key" not in kinds
    assert {"evaluation", "sign-in"} <= kinds


def test_question_mistakes_name_their_line(project: Path) -> None:
    edit(
        project / "content" / "modules" / "practice.md",
        "takeaway:",
        "questions:\n  - question: Pick one\n    options: [a, b]\n    answer: c\n"
        "  - question: True?\n    answer: maybe\ntakeaway:",
    )
    with pytest.raises(ContentError) as caught:
        validate(load_project(project))
    found = {(p.location.line, p.message) for p in caught.value.problems}
    assert (14, "the answer 'c' is not the letter of an option") in found
    assert (16, "the answer 'maybe' does not fit a true-or-false question") in found


def test_an_answer_written_as_its_options_text_is_told_its_letter(project: Path) -> None:
    """ "answer: Under one minute", exactly one of the options, was shouted back in capitals
    ("the answer 'UNDER ONE MINUTE' is not one of the options") beside the option it is."""
    edit(
        project / "content" / "modules" / "practice.md",
        "takeaway:",
        "questions:\n  - question: How long?\n    options: [Over five minutes, Under one minute]\n"
        "    answer: Under one minute\ntakeaway:",
    )
    with pytest.raises(ContentError) as caught:
        validate(load_project(project))
    (problem,) = [p for p in caught.value.problems if "answer" in p.message]
    assert problem.message == (
        "the answer is written as the text of option b ('Under one minute'), not its letter"
    )
    assert problem.hint == "write answer: b"


LONG_TITLE = (
    "Creating Calm, Predictable and Welcoming Environments for Clients, Families and "
    "Colleagues in Every Service We Run"
)


def _lines_at(path: Path, page: int = 0) -> list[tuple[float, str]]:
    """Each piece of text on a page with its baseline's height (points from the bottom)."""
    return [(y, text) for y, text, _ in _pieces(path, page)]


def _pieces(path: Path, page: int = 0) -> list[tuple[float, str, float]]:
    """Each piece of text on a page: baseline height, text, type size in points."""
    from pypdf import PdfReader

    found: list[tuple[float, str, float]] = []

    def visit(text, cm, tm, font, size) -> None:  # noqa: ANN001 (pypdf's callback)
        if text.strip():
            found.append((tm[5] * cm[3] + cm[5], text.strip(), round(size * tm[3] * cm[3], 1)))

    PdfReader(str(path)).pages[page].extract_text(visitor_text=visit)
    return found


def test_a_long_course_title_grows_its_row_on_the_sign_in_sheet(project: Path) -> None:
    edit(project / "content" / "course.yaml", "title: Safe Rooms", f"title: {LONG_TITLE}")
    report = build(project, BuildOptions(kinds=("sign-in",), audiences=("all-staff",)))
    path = report.built[0].path
    text = re.sub(r"\s+", " ", all_text(path))
    assert f"{LONG_TITLE} (All staff)" in text  # every word printed, none clipped
    pieces = _lines_at(path)
    header = min(y for y, t in pieces if t.startswith("Session"))
    below = max(y for y, t in pieces if t.startswith("Name (print)"))
    words = ("Calm", "Families", "Every Service")
    title = [y for y, t in pieces if any(w in t for w in words) and y > 400]  # not the footer
    assert len(title) >= 2
    # the title stays inside its row: under the table's header, above the next table
    assert all(below < y < header - 6 for y in title), (header, below, title)
    band = max(y for y, t in pieces if t == "Test Clinic")
    assert header < band - 30  # the band with the organization is untouched above
    # a title that needs more lines anyway keeps the size of the row's other text: the row
    # grows rather than printing it in small type that wraps all the same
    printed = _pieces(path)
    sizes = [size for y, t, size in printed if any(w in t for w in words) and y > 400]
    column = next(size for _, t, size in printed if t == "Session")
    assert sizes and all(size >= column - 0.1 for size in sizes), (sizes, column)


def test_the_sign_in_sheet_gives_names_the_widest_column(tmp_path: Path) -> None:
    """The participants' table is sized by the template ("| - | ------------ | ..."), not by
    its headers' lengths: "Name (print)" is wider than "Team or department"."""
    import shutil

    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    options = BuildOptions(output=tmp_path / "out", audiences=("all-staff",), kinds=("sign-in",))
    (sheet,) = [b.path for b in build(project, options).built]
    words = run(tool("pdftotext"), "-bbox", "-f", "1", "-l", "1", str(sheet), "-").stdout
    x = {}
    for left, word in re.findall(r'<word xMin="([\d.]+)"[^>]*>([^<]*)</word>', words):
        x.setdefault(word, float(left))
    assert x["Team"] - x["Name"] > x["Time"] - x["Team"], x


def test_a_name_no_column_holds_whole_leaves_the_columns_to_write_in_their_room(
    tmp_path: Path,
) -> None:
    """A roster's name of fifty letters with no space took half the sheet's width kept
    whole, and "Time in" was left 13 mm to write a time in: a word no column could hold
    breaks wherever it is, so it claims no more than its header's words."""
    import shutil

    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    roster = tmp_path / "people.csv"
    name = "Aleksandrzejewskiwiczowskakonstantynopolitanczykowna"
    roster.write_text(f"name\n{name}\nAna Li\n", encoding="utf-8")
    options = BuildOptions(
        output=tmp_path / "out", audiences=("all-staff",), kinds=("sign-in",), roster=roster
    )
    (sheet,) = [b.path for b in build(project, options).built]
    words = run(tool("pdftotext"), "-bbox", "-f", "1", "-l", "1", str(sheet), "-").stdout
    x = {}
    for left, word in re.findall(r'<word xMin="([\d.]+)"[^>]*>([^<]*)</word>', words):
        x.setdefault(word, float(left))
    assert x["Signature"] - x["Time"] > 18 / 25.4 * 72, x  # 18 mm or more for the time
    printed = re.sub(r"\s+", "", all_text(sheet))
    assert name in printed.replace("\u00ad", "").replace("-", "")  # every letter printed


def test_the_sign_in_sheet_prints_its_cells_at_one_size_in_every_language(
    kit_languages: dict[tuple[str, str, str], Path],
) -> None:
    """The course title in the Session cell shrank to 7.5 pt beside the Trainer cell's 10 pt
    in English, while the Spanish sheet, whose title could not fit at 7 pt, grew its row at
    10 pt: a printed cell now shrinks no lower than 9 pt, and below that its row grows, so
    both sheets print it as the cells beside it."""
    from pypdf import PdfReader

    sheets = {k: p for k, p in kit_languages.items() if k[2] == "sign-in"}
    assert len(sheets) == 4
    for key, path in sorted(sheets.items()):
        page = PdfReader(path).pages[0]
        sizes: dict[str, float] = {}

        def seen(text: str, cm: list, tm: list, font: object, size: float) -> None:
            if text.strip():
                sizes.setdefault(text.strip(), size * tm[0])  # noqa: B023 - read at once

        page.extract_text(visitor_text=seen)
        title = next(s for t, s in sizes.items() if t.startswith(("Trauma-Informed", "Atenci")))
        trainer = next(s for t, s in sizes.items() if t.startswith("Riverbend Learning"))
        assert round(title, 1) == round(trainer, 1) == 10.0, (key, sizes)


@pytest.mark.parametrize("body", [16, 20])
def test_a_form_table_prints_each_row_at_one_size_with_a_large_body_size(
    tmp_path: Path, body: int
) -> None:
    """With the theme's body at 16 or 20 pt, the sign-in sheet's one row printed the session
    at 12.5 pt, the day at 16 and the trainer at 10, each shrunk on its own; its numbered
    rows went 1-5 at 16 pt, the blank rows after them at 20. Each row is fitted at one size,
    the form's (the largest at which a line keeps a row's height) unless its text needs a
    smaller one: a long name shrinks its own row, not every other name's."""
    import shutil

    from pypdf import PdfReader

    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    (project / "templates").mkdir()
    theme = (REPO / "templates/theme.yaml").read_text(encoding="utf-8")
    (project / "templates/theme.yaml").write_text(
        theme.replace("  body: 10.5\n", f"  body: {body}\n"), encoding="utf-8"
    )
    edit(
        project / "content/course.yaml",
        "  session:\n",
        "  session:\n    trainer: Riverbend Learning and Development\n",
    )
    roster = tmp_path / "people.csv"
    long = "Maximiliana Wilhelmina Theodora"  # too long for the form's size at 16 pt
    roster.write_text(f"name\nAda Lovelace\nGrace Hopper\n{long}\n", encoding="utf-8")
    options = BuildOptions(
        output=tmp_path / "out", audiences=("all-staff",), kinds=("sign-in",), roster=roster
    )
    (sheet,) = [b.path for b in build(project, options).built]
    page = PdfReader(sheet).pages[0]
    sizes: dict[str, set[float]] = {}

    def seen(text: str, cm: list, tm: list, font: object, size: float) -> None:
        if text.strip():
            sizes.setdefault(text.strip(), set()).add(round(size * tm[0], 1))

    page.extract_text(visitor_text=seen)
    shown = ("Safe Rooms (All staff)", "11 March 2025", "Riverbend Learning and Development")
    info = [sizes[t] for t in shown if t in sizes]
    assert len(info) == 3 and len(set().union(*info)) == 1, sizes
    numbers = set().union(*(s for t, s in sizes.items() if re.fullmatch(r"\d{1,2}", t)))
    assert len(numbers) == 1, sizes
    names = set().union(*(s for t, s in sizes.items() if t in ("Ada Lovelace", "Grace Hopper")))
    assert names == numbers, sizes
    shrunk = {s for t, found in sizes.items() if t.startswith("Maximiliana") for s in found}
    assert shrunk and max(shrunk) <= min(names), sizes  # its own row: the others keep theirs


HEBREW = "\u05e2\u05d1\u05e8\u05d9\u05ea"  # "Hebrew"


def test_an_option_in_hebrew_beside_english_ones_stands_beside_its_box(
    project: Path, tmp_path: Path
) -> None:
    """A question whose options mix English and Hebrew has every tick box on the left (the
    form reads from the left): the Hebrew option was still set from the right edge of the
    page, a column's width from its box. It stands beside its box, as the others do."""
    edit(
        project / "content" / "modules" / "practice.md",
        "takeaway:",
        "questions:\n  - question: Which one is calm?\n    shuffle: false\n"
        f"    options: [Soft light, {HEBREW} \u05d0\u05e4\u05e9\u05e8\u05d5\u05ea, "
        "Loud radio]\n    answer: a\ntakeaway:",
    )
    options = BuildOptions(kinds=("posttest", "pretest"), output=tmp_path / "out")
    found = []
    for made in build(project, options).built:
        boxes = run(tool("pdftotext"), "-bbox", str(made.path), "-").stdout
        for line in boxes.splitlines():
            word = re.search(r'xMin="([\d.]+)".*>([^<]+)</word>', line)
            if word and (word.group(2) == "Soft" or re.search("[\u05d0-\u05ea]", word.group(2))):
                found.append((word.group(2), float(word.group(1))))  # (its letters as seen)
    hebrew = [x for w, x in found if w != "Soft"]
    english = [x for w, x in found if w == "Soft"]
    assert hebrew and english, found
    assert max(hebrew) < min(english) + 150, found  # beside its box, not at the right edge


def test_a_question_with_a_very_long_compound_keeps_the_answer_keys_columns(
    tmp_path: Path, kit_outputs: dict[tuple[str, str], Path]
) -> None:
    """A question with a compound of 88 letters made its column as wide as the compound's
    longest part: the explanations were left a column an inch wide, a word a line, and the
    kit's answer key went from 3 pages to 5. The compound now claims an even share, as a web
    address does, and is hyphenated within it."""
    from pypdf import PdfReader

    from .conftest import kit_copy

    word = "Donaudampfschiffahrtsgesellschaftskapitänswitwenrentenversicherungsanspruchs"
    project = kit_copy(tmp_path)
    edit(
        project / "content" / "modules" / "comparison.md",
        "question: Which aspect describes trauma-competent care's goal?",
        f"question: Which aspect describes the {word} of trauma-competent care?",
    )
    out = tmp_path / "out"
    options = BuildOptions(
        output=out, audiences=("all-staff",), kinds=("answer-key",), languages=(KIT_LANGUAGE,)
    )
    (built,) = build(project, options).built
    before = len(PdfReader(kit_outputs[("all-staff", "answer-key")]).pages)
    assert len(PdfReader(built.path).pages) == before
    text = "".join(all_text(built.path).split())
    assert word in text.replace("\u00ad", "").replace("-", ""), text


def test_the_evaluation_rates_only_modules_that_state_objectives(tmp_path: Path) -> None:
    """A module without objectives (or whose objectives are all another audience's) had a
    row in "How well did each part meet its learning objectives?": people were asked to rate
    objectives the module never stated, as the handout and the guide show none for it. Such
    a module has no row, and a form with no module to rate has no such table."""
    project = tmp_path / "project"
    import shutil

    shutil.copytree(PROJECTS / "minimal", project)
    modules = project / "content" / "modules"
    edit(modules / "practice.md", "objectives:\n  - Compare two approaches\n", "")
    edit(
        modules / "intro.md",
        "  - Name one way to make a room feel safer\n",
        "  - text: Name one way to make a room feel safer\n    audience: clinical\n",
    )
    options = BuildOptions(output=tmp_path / "out", kinds=("evaluation",))
    forms = {b.target.audience.id: all_text(b.path) for b in build(project, options).built}
    heading = "How well did each part meet its learning objectives?"
    clinical = " ".join(forms["clinical"].split())
    table = clinical[clinical.index(heading) : clinical.index("The presenters")]
    assert "Welcome to safe rooms" in table
    assert "Putting it into practice" not in table
    staff = " ".join(forms["all-staff"].split())
    assert heading not in staff and "Putting it into practice" not in staff
    assert "The presenters knew the subject well" in staff
