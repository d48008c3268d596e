"""A list's bullets and numbers on paper: every mark stands clear of its item's text, in the
handout, the facilitator guide and the forms, in standard and large print, on letter and A4,
numbers of one, two and three digits alike.

What a reader checks: where each word is drawn (poppler's ``pdftotext -bbox``) and, for the
knowledge checks' tick boxes, where each box is drawn (the page's rectangles, read with
pypdf)."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from materials_gen.build import BuildOptions, build

from .conftest import PROJECTS, edit, run, tool

INTRO = Path("content") / "modules" / "intro.md"
LONG = "a sentence long enough to wrap onto a second line in a narrow column of large print"
# a list of twelve steps, the tenth long; a list that starts at 98; a bulleted list
LISTS = (
    "\n".join(f"{n}. Step {n}" + (f", {LONG}" if n == 10 else "") for n in range(1, 13))
    + "\n\nAnd further on:\n\n98. Step ninety-eight\n99. Step ninety-nine\n100. Step one hundred\n"
    + "\nAnd always:\n\n- Keep the door clear\n- Ask before you help, "
    + LONG
    + "\n\n"
)
QUESTIONS = """questions:
  - question: Which room feels safer?
    options:
      - A calm room with soft light and a clear way out
      - A loud room
    answer: a
"""
COMBINATIONS = [
    ("letter", False),
    ("letter", True),
    ("a4", False),
    ("a4", True),
]


def _project(folder: Path) -> Path:
    project = folder / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    edit(project / INTRO, "Rooms shape how people feel.", LISTS + "Rooms shape how people feel.")
    edit(project / INTRO, "content_note:", QUESTIONS + "content_note:")
    return project


@pytest.fixture(scope="module")
def lists(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, bool, str], Path]:
    """The minimal project with those lists and a question: (paper, large print, kind) ->
    its all-staff handout, guide and pretest."""
    folder = tmp_path_factory.mktemp("list-marks")
    return _built(_project(folder), folder, COMBINATIONS)


def _built(
    project: Path, folder: Path, combinations: list[tuple[str, bool]]
) -> dict[tuple[str, bool, str], Path]:
    """(paper, large print, kind) -> the project's all-staff handout, guide and pretest."""
    found = {}
    for paper, large in combinations:
        options = BuildOptions(
            output=folder / f"out-{paper}-{large}",
            audiences=("all-staff",),
            kinds=("handout", "guide", "pretest"),
            paper=paper,
            large_print=large,
        )
        for made in build(project, options).built:
            found[paper, large, made.target.kind.name] = made.path
    return found


def words(path: Path) -> list[tuple[int, float, float, float, float, str]]:
    """Every word drawn: (page, left, top, right, bottom, text), in points from the page's top
    left corner (poppler's pdftotext -bbox)."""
    found = []
    page = 0
    for line in run(tool("pdftotext"), "-bbox", str(path), "-").stdout.splitlines():
        if "<page " in line:
            page += 1
        match = re.search(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>',
            line,
        )
        if match:
            x0, y0, x1, y1 = map(float, match.groups()[:4])
            found.append((page, x0, y0, x1, y1, html.unescape(match.group(5))))
    return found


MARK = re.compile(r"\d+\.|\u2022")


def marks_and_gaps(path: Path) -> list[tuple[str, str, float, float]]:
    """Each list mark (a bullet, "1." ... "100.") that starts a line, the word after it on
    that line, the gap between them and where that word starts."""
    drawn = words(path)
    found = []
    for page, x0, _, x1, y1, text in drawn:
        if not MARK.fullmatch(text):
            continue
        after = [
            w for w in drawn if w[0] == page and abs(w[4] - y1) < 2 and w[1] > x0 and w[5] != text
        ]
        before = [w for w in drawn if w[0] == page and abs(w[4] - y1) < 2 and w[3] < x0]
        if after and not before:  # the mark starts its line: a list's, not a sentence's
            nearest = min(after, key=lambda w: w[1])
            found.append((text, nearest[5], nearest[1] - x1, nearest[1]))
    return found


@pytest.mark.parametrize(("paper", "large"), COMBINATIONS)
def test_every_mark_stands_clear_of_its_text(
    lists: dict[tuple[str, bool, str], Path], paper: str, large: bool
) -> None:
    """Half an em at least between a bullet or a number and its item's first word: "1. What
    trauma-informed care", never "1.What" (large print's numbers were as wide as the
    indent), "10. Step", never a number run into its text."""
    for kind in ("handout", "guide"):
        path = lists[paper, large, kind]
        text = " ".join(w[5] for w in words(path))
        glued = re.findall(r"(?<!\S)\d+\.[A-Za-z]\w*", text)
        assert not glued, (kind, glued)
        # bullets, and the numbers of the lists above (a heading's "1. Welcome", a
        # question's "1. Which" are the text's own, one space apart)
        found = [f for f in marks_and_gaps(path) if f[0] == "\u2022" or f[1] == "Step"]
        numbers = {mark for mark, *_ in found if mark != "\u2022"}
        if kind == "handout":
            assert {"1.", "9.", "10.", "12.", "98.", "100."} <= numbers, sorted(numbers)
        assert "\u2022" in {mark for mark, *_ in found}, kind
        size = 19.0 if large else 10.5
        tight = [(m, w, round(gap, 1)) for m, w, gap, _ in found if gap < 0.45 * size]
        assert not tight, (kind, paper, large, tight)
        # the items of one list start where the others do, after its widest number
        if kind == "handout":
            starts = {round(x, 1) for m, w, _, x in found if m in ("1.", "9.", "10.", "12.")}
            assert len(starts) == 1, starts


def tick_boxes(path: Path) -> list[tuple[int, float, float, float, float]]:
    """The squares drawn on each page, (page, left, top, right, bottom) in points from the
    page's top left corner: the knowledge checks' tick boxes."""
    found: list[tuple[int, float, float, float, float]] = []
    for number, page in enumerate(PdfReader(path).pages, start=1):
        squares: list[tuple[float, float, float, float]] = []

        def visit(operator: bytes, args: list, cm: list, tm: list, into: list = squares) -> None:
            if operator != b"re":
                return
            x, y, w, h = map(float, args)
            if w >= 8 and abs(w - h) < 0.01:
                left, bottom = cm[0] * x + cm[2] * y + cm[4], cm[1] * x + cm[3] * y + cm[5]
                into.append((left, bottom + h * cm[3], left + w * cm[0], bottom))

        page.extract_text(visitor_operand_before=visit)
        height = float(page.mediabox.height)
        found += [(number, x0, height - y0, x1, height - y1) for x0, y0, x1, y1 in squares]
    return found


@pytest.mark.parametrize(("paper", "large"), COMBINATIONS)
def test_a_tick_box_stands_clear_of_its_option(
    lists: dict[tuple[str, bool, str], Path], paper: str, large: bool
) -> None:
    """A knowledge check's options: half an em at least between the box and the option's
    letter, in large print too (its boxes are larger, their column was not)."""
    path = lists[paper, large, "pretest"]
    drawn = words(path)
    size = 19.0 if large else 10.5
    gaps = []
    for page, _, top, right, bottom in tick_boxes(path):
        beside = [
            w
            for w in drawn
            if w[0] == page and w[1] > right and w[2] < bottom and w[4] > top and w[1] < right + 60
        ]
        if beside:
            first = min(beside, key=lambda w: w[1])
            gaps.append((first[5], round(first[1] - right, 1)))
    letters = [letter for letter, _ in gaps]
    assert "A." in letters and "B." in letters, gaps
    assert all(gap >= 0.45 * size for _, gap in gaps), gaps


# ---------------------------------------------------------------- lists that read from the right

ARABIC = "اطلب المساعدة من المشرف"  # "ask the supervisor for help"
ARABIC_LONG = "حافظ على سلامة الجميع في الغرفة طوال الوقت وفي كل مكان من أماكن العمل اليومية"
ARABIC_LISTS = (
    f"- {ARABIC}\n- {ARABIC_LONG} {ARABIC_LONG}\n- **اسأل** بهدوء\n\nوبعد ذلك:\n\n"
    + "\n".join(f"{n}. الخطوة {ARABIC}" for n in range(1, 12))
    + "\n\n"
)
ARABIC_QUESTIONS = f"""questions:
  - question: "{ARABIC}؟"
    options:
      - "{ARABIC_LONG}"
      - "{ARABIC}"
    answer: a
"""
RTL_COMBINATIONS = [("letter", False), ("a4", True)]


@pytest.fixture(scope="module")
def rtl_lists(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, bool, str], Path]:
    """The minimal project with lists, an objective and a question's options in Arabic:
    (paper, large print, kind) -> its all-staff handout, guide and pretest."""
    folder = tmp_path_factory.mktemp("rtl-list-marks")
    project = folder / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    edit(project / INTRO, "Rooms shape how people feel.", ARABIC_LISTS + "Rooms shape")
    edit(project / INTRO, "content_note:", ARABIC_QUESTIONS + "content_note:")
    edit(
        project / INTRO,
        "  - Name one way to make a room feel safer\n",
        f'  - Name one way to make a room feel safer\n  - "{ARABIC}"\n',
    )
    return _built(project, folder, RTL_COMBINATIONS)


def page_widths(path: Path) -> list[float]:
    out = run(tool("pdftotext"), "-bbox", str(path), "-").stdout
    return [float(w) for w in re.findall(r'<page width="([\d.]+)"', out)]


def same_line(a: tuple, b: tuple) -> bool:
    """Two words on one line (Arabic's boxes are taller than Latin's: their middles)."""
    return a[0] == b[0] and abs((a[2] + a[4]) / 2 - (b[2] + b[4]) / 2) < 4


RIGHT_TO_LEFT_WORD = re.compile("[\u0600-\u06ff]")


@pytest.mark.parametrize(("paper", "large"), RTL_COMBINATIONS)
def test_a_list_that_reads_from_the_right_has_its_marks_on_the_right(
    rtl_lists: dict[tuple[str, bool, str], Path], paper: str, large: bool
) -> None:
    """As the deck and the printed slides set it: each bullet or number of an Arabic item
    at the right edge of the text, half an em at least from the item's first word (on its
    left), the items' text ending where the others' does; not a bullet at the left margin
    and the text at the right with a wide gap between."""
    size = 19.0 if large else 10.5
    for kind, least in (("handout", 3 + 11), ("guide", 1)):
        path = rtl_lists[paper, large, kind]
        drawn = words(path)
        # the text column's right edge is the margin's (54 pt in); a box's text is 10 pt in
        right = {n: width - 54 for n, width in enumerate(page_widths(path), start=1)}
        mirrored, edges = 0, set()
        for mark in drawn:
            if not MARK.fullmatch(mark[5]):
                continue
            line = [w for w in drawn if w is not mark and same_line(w, mark)]
            arabic = [w for w in line if RIGHT_TO_LEFT_WORD.search(w[5])]
            if not arabic or any(w[1] > mark[1] for w in line):
                assert not arabic, (kind, mark, line)  # an Arabic item's mark, not right
                continue
            mirrored += 1
            # at the text's right edge, on the page or in a box
            edge = right[mark[0]]
            assert any(e - 1 < mark[3] < e + 1 for e in (edge, edge - 10)), (kind, mark)
            nearest = max(line, key=lambda w: w[3])
            assert mark[1] - nearest[3] >= 0.45 * size, (kind, mark, nearest)
            if mark[5] != "\u2022":
                edges.add(round(nearest[3], 1))
        assert mirrored >= least, (kind, mirrored)
        assert len(edges) <= 1, edges  # the numbered items' text ends in one place


@pytest.mark.parametrize(("paper", "large"), RTL_COMBINATIONS)
def test_options_that_read_from_the_right_have_their_boxes_on_the_right(
    rtl_lists: dict[tuple[str, bool, str], Path], paper: str, large: bool
) -> None:
    """A knowledge check's options in Arabic: the tick box on the right, the option's letter
    read first, beside it, half an em at least from it."""
    path = rtl_lists[paper, large, "pretest"]
    drawn = words(path)
    widths = page_widths(path)
    size = 19.0 if large else 10.5
    found = []
    for page, left, top, right, bottom in tick_boxes(path):
        middle = (top + bottom) / 2  # the option's first line, beside its box
        line = [w for w in drawn if w[0] == page and abs((w[2] + w[4]) / 2 - middle) < size / 2]
        if not any(RIGHT_TO_LEFT_WORD.search(w[5]) for w in line):
            continue
        assert all(w[3] <= left - 0.45 * size for w in line), (left, line)
        assert right > widths[page - 1] / 2
        found.append(max(line, key=lambda w: w[3])[5].rstrip(".")[-1:])
    assert found == ["A", "B"], found  # the letter read first, at the right


def test_printed_slides_keep_every_mark_clear_of_its_text(tmp_path: Path) -> None:
    """On printed slides (the slide handout) a number wider than its hanging space ("10.",
    "100.") hangs further out instead of touching its text, and a mark is a word of its own
    in the text a reader gets ("1. Step 1", not "1.Step")."""
    from materials_gen.document import parse
    from materials_gen.render import RenderOptions, slide_handout
    from materials_gen.render.layout import lay_out
    from materials_gen.theme import load_theme

    steps = "\n".join(f"{n}. Step {n}" for n in (1, 2, 3))
    steps += "\n\nThen:\n\n" + "\n".join(f"{n}. Step {n}" for n in (98, 99, 100))
    markdown = (
        "---\ntitle: Steps\n---\n\n::::: {.slide .bullets}\n# Steps\n\n"
        f"{steps}\n\n::: notes\nSay each step.\n:::\n:::::\n"
    )
    theme = load_theme(PROJECTS / "minimal")
    options = RenderOptions(generator="materials-gen test", per_page=1)
    printed = slide_handout.print_slides(lay_out(parse(markdown), theme, options), theme, options)
    path = tmp_path / "slides.pdf"
    path.write_bytes(printed.data)
    text = " ".join(w[5] for w in words(path))
    assert not re.findall(r"(?<!\S)\d+\.[A-Za-z]\w*", text), text
    found = [f for f in marks_and_gaps(path) if f[1] == "Step"]
    assert {"1.", "3.", "98.", "100."} <= {mark for mark, *_ in found}, found
    assert all(gap > 2 for _, _, gap, _ in found), [f for f in found if f[2] <= 2]
    extracted = " ".join(
        " ".join(page.extract_text() for page in PdfReader(str(path)).pages).split()
    )
    assert "100. Step 100" in extracted, extracted


def test_a_bullet_in_centred_text_stands_before_its_line_on_printed_slides(
    tmp_path: Path,
) -> None:
    """A template whose text is centred: the printed slides centred each item but left its
    bullet at the box's side, far from a short line; PowerPoint draws it just before the
    line. Every mark now stands a few points clear of its item's first word."""
    from pptx import Presentation
    from pptx.oxml.ns import qn

    prs = Presentation()
    styles = prs.slide_master._element.find(qn("p:txStyles")).find(qn("p:bodyStyle"))
    for level in styles:
        if level.tag.endswith("pPr"):
            level.set("algn", "ctr")
    template = tmp_path / "centred.pptx"
    prs.save(str(template))
    project = _project(tmp_path)
    options = BuildOptions(
        output=tmp_path / "out",
        audiences=("all-staff",),
        kinds=("slides",),
        deck_template=template,
    )
    (made,) = build(project, options).built
    found = [(mark, word, gap) for mark, word, gap, _ in marks_and_gaps(made.path)]
    assert found, "no list mark on the printed slides"
    far = [(mark, word, round(gap)) for mark, word, gap in found if not 0 < gap < 8]
    assert far == [], far
