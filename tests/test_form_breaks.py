"""What goes with what follows it never ends a page: a heading (any level, with the rule
and the meta line under it) comes with at least the start of what follows (a paragraph's
first lines, a table's header and first row, a list's first item, a box or a question
whole), and a rating form's key with its table's header and first row; a rating table
whose columns are numbered, continued on another page, shows its key again there (drawn as
pagination: a screen reader reads it once).

Laid out by the handout's own layout (the harness of test_page_breaks) below every height
of blank space, so that each lands at the foot of a page in turn, in standard and large
print; and the tester's build (the Spanish evaluation form in large print on A4) read as
built.
"""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from materials_gen.build import BuildOptions, build
from materials_gen.errors import ContentError
from materials_gen.meta import document_meta
from materials_gen.render.fonts import Fonts
from materials_gen.render.handout import _Layout
from materials_gen.theme import load_theme

from .conftest import KIT_LANGUAGE, PROJECTS, REPO, run, tool
from .test_page_breaks import HEIGHT, WIDTH, laid_out

STANDARD = (WIDTH, HEIGHT)
LARGE = (400.0, 560.0)  # a large-print page's frame: a few rows of a form
SCALE = ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree", "N/A"]
KEY = "1 = Strongly disagree"


def layout_for(size: tuple[float, float], large: bool, language: str = "en") -> _Layout:
    """The handout's layout of the minimal project's theme on a page of ``size``."""
    theme = load_theme(PROJECTS / "minimal")
    fonts = Fonts(theme.body_font), Fonts(theme.heading_font)
    meta = document_meta({"title": "Page breaks", "language": language})
    return _Layout(theme, size[0], size[1], meta, fonts, large=large)


def rating(rows: int) -> str:
    """A rating form of ``rows`` statements on a six-point scale (its columns numbered, with
    a key above, at these widths)."""
    head = "| Statement | " + " | ".join(SCALE) + " |\n"
    rule = "|" + " --- |" * (len(SCALE) + 1) + "\n"
    body = "".join(
        f"| Statement {n}, which takes a line or two | " + " |" * len(SCALE) + "\n"
        for n in range(1, rows + 1)
    )
    return "::: rating\n" + head + rule + body + ":::\n"


def leaves(data: bytes) -> list[tuple[str, int, int, tuple[str, ...]]]:
    """The tagged PDF's content in reading order: each element that holds content, as
    (its tag, its first page, its last page, the tags of the elements it is in)."""
    found: list[tuple[str, int, int, tuple[str, ...]]] = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        numbers = {page.obj.objgen: n for n, page in enumerate(pdf.pages, start=1)}

        def walk(element: pikepdf.Object, page: object, trail: tuple[str, ...]) -> None:
            page = element.get("/Pg", page)
            kids = element.get("/K")
            kids = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
            tag = str(element.get("/S", "/Root"))[1:]
            mine: list[int] = []
            for kid in kids:
                if isinstance(kid, int):
                    mine.append(numbers[page.objgen])  # type: ignore[attr-defined]
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                    mine.append(numbers[kid.get("/Pg", page).objgen])
                elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    if mine:
                        found.append((tag, min(mine), max(mine), trail))
                        mine = []
                    walk(kid, page, (*trail, tag))
            if mine:
                found.append((tag, min(mine), max(mine), trail))

        walk(pdf.Root.StructTreeRoot, None, ())
    return found


def heading(tag: str) -> bool:
    return tag[:1] == "H" and tag[1:].isdigit()


def stranded(data: bytes) -> list[str]:
    """Where what goes with what follows (a heading, outside a box, whose title shares its
    first row; a paragraph right before a table: a rating form's key) is not on the page of
    the start of what follows it: its first element that is no table header cell (what a
    page repeats), after any further heading or key."""
    order = leaves(data)

    def leads(i: int) -> bool:
        tag, _, _, trail = order[i]
        if "Div" in trail or "Table" in trail:
            return False
        before_table = i + 1 < len(order) and "Table" in order[i + 1][3]
        return heading(tag) or (tag == "P" and before_table)

    found = []
    for i, (tag, _, last, _) in enumerate(order):
        if not leads(i):
            continue
        after = next((j for j in range(i + 1, len(order)) if order[j][0] != "TH"), None)
        if after is None:
            continue
        start = order[after][1]
        if start != last:
            found.append(f"{tag} on page {last}, what follows from page {start}")
    return found


CASES = {
    "paragraph": ("A paragraph after the heading, long enough to take several lines. " * 4),
    "table": "| Step | Who |\n| --- | --- |\n"
    + "".join(f"| Step {n} takes a line or two here | Everyone |\n" for n in range(1, 6)),
    "rating": rating(5),
    "list": "- A first item long enough to take two or three lines of the page, "
    "at the least, before the next\n- Second\n- Third\n",
    "callout": '::: {.callout title="Remember"}\n' + "A box kept together. " * 12 + "\n:::\n",
    "question": '::: {.question number="1"}\nWhich one is right?\n\n- One\n- Two\n- Three\n:::\n',
}


def aboves(size: tuple[float, float]) -> range:
    """Heights of blank space above that bring what follows to the foot of the first page
    (a few points apart), never more than a page."""
    return range(int(size[1] * 0.3), int(size[1]), int(size[1] / 36))


@pytest.mark.parametrize(
    ("what", "level"),
    [(what, "##") for what in CASES] + [("table", "#"), ("rating", "#"), ("rating", "###")],
)
@pytest.mark.parametrize(
    ("size", "large"), [(STANDARD, False), (LARGE, True)], ids=["standard", "large"]
)
def test_a_heading_never_ends_a_page(
    size: tuple[float, float], large: bool, what: str, level: str
) -> None:
    """Wherever the page breaks, a heading (an h1 with its rule too) stands on the page of
    the start of what follows it: a rating form's key and its table's header and first
    row, a table's first row, a paragraph's first lines, a list's first item, a box or a
    question whole."""
    layout = layout_for(size, large)
    markdown = f"Some text above.\n\n{level} The heading\n\n{CASES[what]}"
    moved = 0
    for above in aboves(size):
        data = laid_out(layout, above, markdown, size)
        assert not stranded(data), (above, stranded(data))
        order = leaves(data)
        at = next(leaf for leaf in order if heading(leaf[0]))
        moved += at[1] > 1 and order[0][1] == 1  # the text above on page 1, the heading on 2
    assert moved  # the heading did land at a page's foot, and moved on


def test_a_heading_its_meta_line_and_a_second_heading_go_with_what_follows() -> None:
    """ "#" then "##" (the guide's checklists), and a heading with its meta line (a module's
    times): neither heading, nor the meta line, ends a page."""
    markdown = (
        "Some text above.\n\n# Checklists\n\n## Materials to print\n\n"
        "| Item | Copies |\n| --- | --- |\n"
        + "".join(f"| Item {n} | 2 |\n" for n in range(1, 8))
        + "\n# A module\n\n::: meta\n10:40–11:00 · 20 min\n:::\n\n"
        + '::: {.objectives title="Objectives"}\n- One\n- Two\n:::\n'
    )
    for size, large in ((STANDARD, False), (LARGE, True)):
        layout = layout_for(size, large)
        for above in aboves(size):
            data = laid_out(layout, above, markdown, size)
            order = leaves(data)
            two = [i for i, leaf in enumerate(order) if leaf[0] in ("H1", "H2") and i > 0]
            checks = (two[0], 3), (two[2], 2)  # H1 H2 -> the header's first row; H1 P
            for i, leads in checks:
                run_ = order[i : i + leads]
                after = next(leaf for leaf in order[i + leads :] if leaf[0] != "TH")
                pages = {p for leaf in run_ for p in leaf[1:3]}
                assert pages == {after[1]}, (large, above, run_, after)


def test_a_rating_key_comes_again_on_each_page_of_its_table(tmp_path: Path) -> None:
    """A rating table whose columns are numbered continues over pages: each page with its
    rows shows the key above the repeated header, and a screen reader reads the key once
    (the repeated one is pagination, as the repeated header is)."""
    layout = layout_for(STANDARD, False)
    data = laid_out(layout, 0, "Please rate.\n\n" + rating(12), STANDARD)
    texts = [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]
    assert len(texts) >= 3
    for number, text in enumerate(texts, start=1):
        assert KEY in text, (number, text)
        assert text.index(KEY) < text.index("Statement"), (number, text)
    path = tmp_path / "form.pdf"
    path.write_bytes(data)
    read = run(tool("pdfinfo"), "-struct-text", str(path)).stdout
    assert read.count(KEY) == 1
    assert not stranded(data)


def test_the_spanish_large_print_evaluation_keeps_each_key_with_its_table(
    tmp_path: Path,
) -> None:
    """The tester's form: the Spanish evaluation in large print on A4. "La sesión" and its
    key ended page 2 and its table started page 3 with no key; the first table's last rows
    went on to page 2 with no key either. Now no heading or key ends a page, and each page
    with numbered columns says what the numbers mean."""
    options = BuildOptions(
        output=tmp_path,
        kinds=("evaluation",),
        paper="a4",
        large_print=True,
        languages=("es",),
        audiences=("clinical",),
    )
    (built,) = build(REPO, options).built
    assert not stranded(built.path.read_bytes())
    texts = [page.extract_text() or "" for page in PdfReader(built.path).pages]
    numbered = [n for n, text in enumerate(texts, start=1) if "Afirmación" in text]
    numbered += [n for n, text in enumerate(texts, start=1) if "Módulo" in text]
    assert numbered
    for number in numbered:
        assert "1 = " in texts[number - 1], (number, texts[number - 1][:200])
    session = next(n for n, text in enumerate(texts, start=1) if "La sesión" in text)
    assert "Sentí seguridad" in texts[session - 1]  # its key and table come with it


@pytest.mark.parametrize(
    ("language", "entries"),
    [
        (KIT_LANGUAGE, ["1 = Not at all", "4 = Mostly", "5 = Completely", "3 = Neutral"]),
        ("es", ["1 = Nada", "4 = En gran parte", "5 = Totalmente", "3 = Neutral"]),
    ],
)
def test_a_rating_key_never_parts_a_number_from_its_words(
    tmp_path: Path, language: str, entries: list[str]
) -> None:
    """The key above a large-print rating's numbered columns wraps between its entries,
    never inside one ("5 =" / "Completely", "4 = En gran" / "parte")."""
    options = BuildOptions(
        output=tmp_path,
        kinds=("evaluation",),
        large_print=True,
        languages=(language,),
        audiences=("all-staff",),
    )
    (built,) = build(REPO, options).built
    text = run(tool("pdftotext"), "-layout", str(built.path), "-").stdout
    lines = [" ".join(line.split()) for line in text.splitlines()]
    for entry in entries:
        assert any(entry in line for line in lines), (entry, [x for x in lines if " = " in x])
    assert not [x for x in lines if x.endswith(" =")]


def test_not_applicable_keeps_its_words_among_numbered_columns() -> None:
    """A scale numbered for want of room: its points are 1 to 5, and "N/A", no point of the
    scale, keeps its own words, unnumbered, out of the key (a scorer took "6" as the best)."""
    layout = layout_for(STANDARD, False)
    data = laid_out(layout, 0, rating(2), STANDARD)
    text = " ".join((PdfReader(io.BytesIO(data)).pages[0].extract_text() or "").split())
    assert "5 = Strongly agree" in text and "6 = " not in text and "= N/A" not in text
    assert "1 2 3 4 5 N/A" in text


@pytest.mark.parametrize(("size", "large"), [(STANDARD, False), (LARGE, True)])
def test_a_heading_under_a_forms_title_never_ends_the_first_page(
    size: tuple[float, float], large: bool
) -> None:
    """At the top of a page, the title and its meta line stand whatever follows; a heading
    under them still goes with the start of its table (an answer key's long rows in large
    print), to the next page if it must."""
    layout = layout_for(size, large)
    moved = 0
    for words in range(10, 400, 6):
        why = " ".join(["because"] * words)
        markdown = (
            "# Answer key\n\n::: meta\nThe course · for the trainer only\n:::\n\n"
            "## Before the session\n\n| # | Question | Answer | Why |\n| --- | --- | --- | --- |\n"
            + "".join(f"| {n} | Question {n}? | A | {why} |\n" for n in range(1, 5))
        )
        try:
            data = laid_out(layout, 0, markdown, size)
        except ContentError:  # a row taller than a page: the longest rows were tried
            break
        assert not stranded(data), (words, stranded(data))
        order = leaves(data)
        title = next(leaf for leaf in order if leaf[0] == "H1")
        second = next(leaf for leaf in order if leaf[0] == "H2")
        assert title[1] == 1  # the title heads the first page
        moved += second[1] == 2
    assert moved  # the heading did meet the foot of the first page, and moved on


@pytest.mark.parametrize(("size", "large"), [(STANDARD, False), (LARGE, True)])
def test_a_tick_one_question_keeps_its_answers_on_one_page(
    size: tuple[float, float], large: bool
) -> None:
    """A rating table with one column of boxes is one question ("Tick one"), its rows the
    answers: in large print "Yes" and "Not sure yet" ended a page and both "No" answers
    began the next, so a reader could tick before seeing them. It moves on whole; a scale's
    table (statements rated apart) still splits between its rows."""
    from .test_page_breaks import pages

    question = (
        "::: rating\n| Will you change something? | Tick one |\n| --- | --- |\n"
        "| Yes | |\n| Not sure yet | |\n| No: my practice already does this | |\n"
        "| No: it does not apply to my role | |\n:::\n"
    )
    answers = ["Yes", "Not sure yet", "already does this", "not apply to my role"]
    layout = layout_for(size, large)
    moved = 0
    for above in range(0, int(size[1]), 6):
        found = pages(layout, above, question, size)
        on = {next(n for n, text in enumerate(found) if a in text) for a in answers}
        assert len(on) == 1, (above, found)
        moved += on != {0}
    assert moved > 3  # it did reach the foot of a page and moved on
    scale = pages(layout_for(size, large), size[1] * 0.6, rating(8), size)
    assert sum("Statement 1," in t or "Statement 8," in t for t in scale) == 2
    assert "Statement 8," not in next(t for t in scale if "Statement 1," in t)


def test_a_scale_label_of_three_words_takes_two_lines_at_most() -> None:
    """Each box column was as wide as its label's longest word: "Not at all" stood one word
    a line. A label of three words or more gets the width of two lines."""
    from .test_page_breaks import pages

    table = (
        "::: rating\n| Module | Not at all | Slightly | Moderately | Completely |\n"
        "| --- | --- | --- | --- | --- |\n| Welcome | | | | |\n:::\n"
    )
    (page,) = pages(layout_for((500.0, 600.0), False), 0, table, (500.0, 600.0))
    lines = [line.strip() for line in page.splitlines()]
    assert "Not at" in lines or "at all" in lines or "Not at all" in lines, lines


def test_a_heading_right_before_another_never_ends_a_page_alone() -> None:
    """A guide page of short sections ("What to say" and a sentence each, kept together
    with what follows them): a module whose notes open with a heading of their own left
    "What to say" alone at the foot of a page and the notes' heading atop the next. Every
    heading goes with the start of what follows it, whatever page it starts on."""
    layout = layout_for(STANDARD, False)
    sections = [
        f"# Module {n}\n\n::: meta\n10 min\n:::\n\n## What to say\n\nNotes for {n}.\n\n"
        for n in range(1, 4)
    ]
    notes = "## What to say\n\n### Notes heading\n\nSay this first.\n\n- one\n- two\n- three\n"
    met = 0
    for lines in range(0, 24):
        filler = "".join(f"Line {n} of the opening.\n\n" for n in range(lines))
        markdown = filler + "".join(sections) + "# Module 4\n\n" + notes
        data = laid_out(layout, 0, markdown)
        assert not stranded(data), (lines, stranded(data))
        order = leaves(data)
        said = [leaf for leaf in order if leaf[0] in ("H2", "H3")]
        met += said[-2][2] != said[0][1]  # the last "What to say" on another page than the first
    assert met  # the run did meet the foot of a page
