"""Large print never cuts a time or a word inside: the narrow columns of the guide's session
plan, the handout's tables and the forms break a range of times only after its dash
("10:05 AM–" / "10:15 AM") and a hyphenated word only after its hyphen ("Trauma-" /
"competent"), never "10:15 A" / "M" or "Trauma-competen" / "t"; and a long course title keeps
the title page to one page.

What a reader checks: the lines of the printed page (read with pypdf), each table cell as a screen
reader reads it (the tagged PDF's structure, ``pdfinfo -struct-text``), which must say what
the same cell says in standard print, and the pages of the title page.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from pathlib import Path

import pytest
from pypdf import PdfReader

from materials_gen.build import BuildOptions, build
from materials_gen.fit import column_widths, dash_pieces, longest_word, unbreakable
from materials_gen.render.fonts import Fonts
from materials_gen.theme import load_theme
from materials_gen.units import NBSP, bind_units

from .conftest import REPO, append, edit, kit_copy, run, tool

KINDS = ("guide", "handout", "sign-in", "evaluation", "pretest", "answer-key")
# a clock time as the session plan prints it: "10:05 AM" (American English), "13:05"
CLOCK = re.compile(r"\d{1,2}:\d{2}(?: [AP]M)?")
# a time cut at the end of a line: "10:15 A", "10:1", "10:"
CUT_TIME = re.compile(r"\d{1,2}:(?:\d{0,1}|\d{2} [AP])$")


def lines(path: Path, pages: int | None = None) -> list[str]:
    """The printed lines of the first ``pages`` pages (all: None) as drawn, no-break spaces
    as spaces. Read with pypdf: pdftotext joins a line that ends in a hyphen to the next
    and drops the hyphen ("Traumacompetent")."""
    found = PdfReader(path).pages[:pages]
    text = "\n".join(page.extract_text() or "" for page in found)
    text = text.replace(NBSP, " ").replace("\u202f", " ")
    return [line.strip() for line in text.split("\n") if line.strip()]


@functools.cache
def text_lines(path: Path) -> list[str]:
    """Every printed line, read quickly (pdftotext; a line ending in a hyphen is joined to
    the next, which no clock time does)."""
    text = run(tool("pdftotext"), str(path), "-").stdout
    text = text.replace(NBSP, " ").replace("\u202f", " ").replace("\f", "\n")
    return [line.strip() for line in text.split("\n") if line.strip()]


@functools.cache
def cells(path: Path) -> list[str]:
    """Each table cell's text as a screen reader reads it (the tagged PDF's TD and TH
    elements): a line broken between two words reads as a space, one broken after a
    hyphen or a dash as nothing, one cut inside a word as a space inside it."""
    out = run(tool("pdfinfo"), "-struct-text", str(path)).stdout.splitlines()
    found: list[str] = []
    depth = None
    for line in out:
        indent = len(line) - len(line.lstrip())
        if depth is not None and indent <= depth:
            depth = None
        if line.strip() in ("TD", "TH"):
            depth = indent
            found.append("")
        elif depth is not None and line.strip().startswith('"'):
            found[-1] = " ".join(filter(None, (found[-1], line.strip()[1:-1])))
    return found


def written(found: list[str]) -> list[str]:
    """The cells of a table but its last rows' when those are blank rows to write in (a
    number at most): the sign-in sheet adds them to the foot of its last page, as many as
    the print's size lets the page hold."""
    end = len(found)
    while end and (not found[end - 1] or found[end - 1].isdigit()):
        end -= 1
    return found[:end]


def content_text(path: Path) -> str:
    """The PDF's text as its tags give it, in reading order: what is printed, less what
    only paginates (running footers, a header row repeated on a new page), which a
    reader of the printed text (pdftotext) meets between the last line of one page and
    the first of the next."""
    return " ".join(text for _, _, text in _structure(path) if text)


def once_in_order(text: str, phrases: list[str]) -> None:
    """Each of ``phrases`` stands in ``text`` once, in their order."""
    found = [text.find(phrase) for phrase in phrases]
    assert -1 not in found and found == sorted(found), found
    assert all(text.count(phrase) == 1 for phrase in phrases), phrases


def first_page(path: Path) -> str:
    return PdfReader(path).pages[0].extract_text() or ""


def largest_size(path: Path) -> float:
    """The largest type size on the first page, in points."""
    sizes: list[float] = [0.0]

    def visit(text: str, cm: list, tm: list, font: object, size: float) -> None:
        if text.strip():
            sizes.append(size * tm[0])

    PdfReader(path).pages[0].extract_text(visitor_text=visit)
    return max(sizes)


def cut_times(path: Path) -> list[tuple[str, str]]:
    """Lines that end inside a clock time, with the line after each."""
    found = text_lines(path)
    return [(a, b) for a, b in zip(found, found[1:], strict=False) if CUT_TIME.search(a)]


@pytest.fixture(scope="module")
def large_kit(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, ...], Path]:
    """The default kit's handouts, guides and forms in large print, every language, on
    letter paper (and its guides, handouts and sign-in sheets on A4); (paper, language,
    audience id, kind) -> file."""
    found: dict[tuple[str, ...], Path] = {}
    for paper, kinds in (("letter", KINDS), ("a4", ("guide", "handout", "sign-in"))):
        out = tmp_path_factory.mktemp(f"large-print-{paper}")
        options = BuildOptions(output=out, kinds=kinds, paper=paper, large_print=True)
        for b in build(REPO, options).built:
            found[paper, b.target.language, b.target.audience.id, b.target.kind.name] = b.path
    return found


def test_the_large_print_session_plan_never_cuts_a_time(
    large_kit: dict[tuple[str, ...], Path], kit_languages: dict[tuple[str, str, str], Path]
) -> None:
    """Every clock time the standard guide prints stands whole on one line of the large-print
    guide, on letter and A4, in English and Spanish: a range breaks after its dash."""
    for (paper, language, audience, kind), path in large_kit.items():
        if kind not in ("guide", "handout"):
            continue
        assert not cut_times(path), (paper, language, audience, kind, cut_times(path)[:3])
        standard = kit_languages[language, audience, kind]
        printed = Counter(t for line in text_lines(path) for t in CLOCK.findall(line))
        assert printed == Counter(t for line in text_lines(standard) for t in CLOCK.findall(line))
    plan = lines(large_kit["letter", "en-US", "clinical", "guide"], pages=4)
    assert "10:15 AM" in plan and "M" not in plan  # "10:05 AM–" / "10:15 AM"
    assert any(line.endswith("AM–") for line in plan)


def test_a_hyphenated_word_breaks_only_after_its_hyphen(
    large_kit: dict[tuple[str, ...], Path],
) -> None:
    """ "Trauma-competent care in clinical practice" in the session plan's narrow column:
    "Trauma-" / "competent", never "Trauma-competen" / "t"."""
    for paper in ("letter", "a4"):
        plan = lines(large_kit[paper, "en-US", "clinical", "guide"], pages=4)
        ends = [a for a in plan if re.search(r"compete?n?$", a)]
        assert not ends, (paper, ends)
        after = [b for a, b in zip(plan, plan[1:], strict=False) if a.endswith("Trauma-")]
        assert after and all(b.startswith("competent") for b in after), (paper, after)


def test_every_large_print_table_cell_reads_as_in_standard_print(
    large_kit: dict[tuple[str, ...], Path], kit_languages: dict[tuple[str, str, str], Path]
) -> None:
    """Each table cell of the guide, handout and forms reads back in large print as it does
    in standard print, in both languages and on both papers: a cut word would read with a
    space inside it ("10:05 AM–10:15 A M", "Trauma-competen t care")."""
    for (paper, language, audience, kind), path in large_kit.items():
        standard = written(cells(kit_languages[language, audience, kind]))
        large = written(cells(path))
        assert len(large) == len(standard), (paper, language, audience, kind)
        changed = [(s, g) for s, g in zip(standard, large, strict=True) if s != g]
        assert not changed, (paper, language, audience, kind, changed[:3])


# ---------------------------------------------------------------- a project's own tables


@pytest.fixture
def narrow(project: Path) -> Path:
    """The minimal project with a table whose four columns are narrow in large print: typed
    times, hyphenated words, a bold one, a link; and a hyphenated title and trainer for the
    sign-in sheet."""
    (project / "content" / "tables" / "breaks.yaml").write_text(
        "title: Breaks and approaches\n"
        "columns:\n"
        "  - {id: when, heading: When}\n"
        "  - {id: approach, heading: Approach}\n"
        "  - {id: who, heading: Who carries it out}\n"
        "  - {id: note, heading: Note}\n"
        "rows:\n"
        "  - when: 10:05 AM–10:15 AM\n"
        "    approach: Trauma-competent\n"
        "    who: Evidence-based **trauma-competent** providers\n"
        "    note: See [trauma-informed care](https://example.org/care)\n"
        "  - when: 11:40 AM–12:55 PM\n"
        "    approach: Person-centred\n"
        "    who: Clinically-supervised teams\n"
        "    note: Well-being\n",
        encoding="utf-8",
    )
    edit(
        project / "content" / "modules" / "practice.md",
        "tables: [approaches]",
        "tables: [approaches, breaks]",
    )
    course = project / "content" / "course.yaml"
    edit(course, "title: Safe Rooms", "title: Neurodevelopmentally-Informed Safe Rooms")
    edit(course, "  session:\n", "  session:\n    trainer: Jean-Baptiste Delacroix-Montgomery\n")
    return project


def test_a_projects_narrow_table_breaks_times_and_words_only_after_a_dash(narrow: Path) -> None:
    """Typed times ("10:05 AM", an ordinary space) and hyphenated words, plain, bold or in a
    link, in a table too narrow for them whole at 18 pt: each time stays whole and each word
    breaks only after its hyphen or its range's dash, in the handout and on the sign-in
    sheet, whose columns hold a hyphenated course title and trainer."""
    kinds = ("handout", "sign-in")
    standard = build(narrow, BuildOptions(output=narrow / "standard", kinds=kinds))
    large = build(narrow, BuildOptions(output=narrow / "large", kinds=kinds, large_print=True))
    before = {(b.target.audience.id, b.target.kind.name): b.path for b in standard.built}
    for b in large.built:
        key = (b.target.audience.id, b.target.kind.name)
        assert not cut_times(b.path), key
        # the same words in every cell (a line ending in a bold word reads without its
        # space, in either print: spaces are left out of this comparison)
        squeezed = [c.replace(" ", "") for c in written(cells(b.path))]
        assert squeezed == [c.replace(" ", "") for c in written(cells(before[key]))], key
        printed = lines(b.path)
        words = SHEET_WORDS if key[1] == "sign-in" else TABLE_WORDS
        cut = [word for word in words if cut_inside(printed, word)]
        assert not cut, (key, cut, printed)
        if key[1] == "handout":
            for piece in ("10:05 AM–", "10:15 AM", "Trauma-", "competent", "Clinically-"):
                assert piece in printed, (piece, printed)  # too narrow for them whole


# what the narrow table and the sign-in sheet print, each whole or broken after a dash
TABLE_WORDS = (
    "10:05 AM–10:15 AM",
    "11:40 AM–12:55 PM",
    "Trauma-competent",
    "Evidence-based",
    "trauma-competent",
    "trauma-informed",
    "Person-centred",
    "Clinically-supervised",
    "Well-being",
    "providers",
)
SHEET_WORDS = ("Neurodevelopmentally-Informed", "Jean-Baptiste", "Delacroix-Montgomery")


def cut_inside(printed: list[str], word: str) -> bool:
    """Whether ``word`` is printed broken over two lines anywhere but after one of its
    hyphens or its range's dash (where :func:`dash_pieces` allows)."""
    text = "\n".join(printed)
    anywhere = "\n?".join("[ \n]" if ch == " " else re.escape(ch) for ch in word)
    pieces = dash_pieces(word.replace(" ", NBSP))  # a time's space is bound, as printed
    allowed = "\n?".join(re.escape(piece.replace(NBSP, " ")) for piece in pieces)
    return len(re.findall(anywhere, text)) != len(re.findall(allowed, text))


# ---------------------------------------------------------------- the title page


def test_a_four_line_title_keeps_the_large_print_title_page_to_one_page(tmp_path: Path) -> None:
    """A title of four lines at large print's 38 pt: the title page of the handout and the
    guide is still one page (the title takes the room above it, then shrinks, never below
    the 30 pt of a heading), with every fact and the audience's description on it."""
    project = kit_copy(tmp_path)
    title = "Trauma-Informed and Trauma-Competent Care for Community Health Teams"
    edit(
        project / "content" / "course.yaml",
        "title: Trauma-Informed and Trauma-Competent Care\n",
        f"title: {title}\n",
    )
    options = {"kinds": ("handout", "guide"), "languages": ("en-US",)}
    standard = build(project, BuildOptions(output=tmp_path / "standard", **options))
    large = build(project, BuildOptions(output=tmp_path / "large", large_print=True, **options))
    before = {(b.target.audience.id, b.target.kind.name): b.path for b in standard.built}
    for b in large.built:
        first = first_page(b.path)
        assert " ".join(title.split()) in " ".join(first.split())
        standard = first_page(before[b.target.audience.id, b.target.kind.name])
        missing = set(re.findall(r"[^\W\d]+", standard)) - set(re.findall(r"[^\W\d]+", first))
        assert not missing, (b.target.audience.id, b.target.kind.name, missing)
        assert largest_size(b.path) >= 30  # the title: never smaller than a heading


def test_a_title_page_that_cannot_stay_on_one_page_is_told_with_what_to_shorten(
    tmp_path: Path,
) -> None:
    """A long title over a subtitle of three sentences: even shrunk, the large-print title
    page ran on to a second page holding the audience's description's last lines, a nearly
    empty page in every copy, without a word. The build warns, naming the file and what to
    shorten; a title page that fits is not warned of."""
    from click.testing import CliRunner

    from materials_gen.cli import main

    project = kit_copy(tmp_path)
    course = project / "content" / "course.yaml"
    text = course.read_text(encoding="utf-8")
    (old,) = [line for line in text.splitlines() if line.startswith("subtitle:")]
    sentence = "Safety for everyone, skilled care where it is needed, and support for staff. "
    edit(course, old, f"subtitle: {(sentence * 3).strip()}")
    edit(
        course,
        "title: Trauma-Informed and Trauma-Competent Care\n",
        "title: Trauma-Informed and Trauma-Competent Care for Community Health and Social "
        "Services Staff\n",
    )
    given = ["build", "-p", str(project), "-l", "en-US", "--only", "handout", "-j", "1"]
    result = CliRunner().invoke(main, [*given, "--large-print", "-o", str(tmp_path / "large")])
    said = " ".join(result.output.split())
    assert result.exit_code == 0, said
    assert re.search(
        r"warning: en-US/all-staff/\S+-all-staff-handout\.pdf: the title page goes on to a "
        r"second page, even with the title at 30 pt and the subtitle at 21 pt; shorten the "
        r"subtitle",
        said,
    ), said
    result = CliRunner().invoke(main, [*given, "-o", str(tmp_path / "standard")])
    assert result.exit_code == 0 and "title page goes on" not in result.output, result.output


def test_the_kits_large_print_title_pages_are_one_page(
    large_kit: dict[tuple[str, ...], Path], kit_languages: dict[tuple[str, str, str], Path]
) -> None:
    """Each large-print title page of the kit holds every word its standard title page does,
    on letter and A4, in English and Spanish: the Spanish ones on A4 (a three-line subtitle,
    facts' labels so wide that the facts take two lines) held the end of the audience's
    description over to a second page."""
    for (paper, language, audience, kind), path in large_kit.items():
        if kind not in ("guide", "handout"):
            continue
        expected = set(re.findall(r"[^\W\d]+", first_page(kit_languages[language, audience, kind])))
        missing = expected - set(re.findall(r"[^\W\d]+", first_page(path)))
        assert not missing, (paper, language, audience, kind, missing)


# ---------------------------------------------------------------- the one measure


def test_pieces_a_printed_line_may_break_a_word_into() -> None:
    assert dash_pieces("Trauma-competent") == ["Trauma-", "competent"]
    assert dash_pieces(f"10:05{NBSP}AM–10:15{NBSP}AM") == [f"10:05{NBSP}AM–", f"10:15{NBSP}AM"]
    assert dash_pieces("5–9") == ["5–", "9"]
    assert dash_pieces("COVID-19") == ["COVID-19"]  # not before a digit, as slides break
    assert dash_pieces("-5") == ["-5"]
    assert dash_pieces("everyday") == ["everyday"]
    text = "Trauma-competent care, 10:05\u202fAM–10:15\u202fAM"
    assert unbreakable(text) == ["Trauma-competent", "care,", "10:05\u202fAM–10:15\u202fAM"]
    assert unbreakable(text, dashes=True) == [
        "Trauma-",
        "competent",
        "care,",
        "10:05\u202fAM–",
        "10:15\u202fAM",
    ]


def test_typed_clock_times_are_bound_like_units() -> None:
    """A time read across two lines ("10:05" / "AM") is misread, as "(10" / "min)" is."""
    assert bind_units("10:05 AM–10:15 AM") == f"10:05{NBSP}AM–10:15{NBSP}AM"
    assert bind_units("from 1:05 p.m.") == f"from 1:05{NBSP}p.m."
    assert bind_units("13 h 05–13 h 15") == f"13{NBSP}h{NBSP}05–13{NBSP}h{NBSP}15"  # fr-CA
    assert bind_units("오후 1:05") == f"오후{NBSP}1:05"
    assert bind_units("at 9:05 a meeting") == "at 9:05 a meeting"
    assert bind_units("1.83 continuing-education hours") == "1.83 continuing-education hours"


def test_columns_too_narrow_for_whole_words_keep_their_pieces_whole() -> None:
    """Whole words side by side while they fit (nothing changes then); when they do not,
    the columns with the longest words are cut down to one level, never below their longest
    piece: the one measure both come from."""
    font, size = Fonts(load_theme(REPO).body_font).bold, 18.0
    texts = [["10:05\u00a0AM–10:15\u00a0AM"], ["Trauma-competent"], ["Minutes"], ["Slides"]]
    words = [longest_word(t, font, size) + 14 for t in texts]
    pieces = [longest_word(t, font, size, dashes=True) + 14 for t in texts]
    assert all(p <= w for p, w in zip(pieces, words, strict=True))
    roomy = column_widths(sum(words) + 40, [17, 42, 8, 8], words, pieces)
    assert roomy == column_widths(sum(words) + 40, [17, 42, 8, 8], words)
    width = (sum(words) + sum(pieces)) / 2
    widths = column_widths(width, [17, 42, 8, 8], words, pieces)
    assert sum(widths) == pytest.approx(width)
    assert all(w >= p - 1e-6 for w, p in zip(widths, pieces, strict=True))
    assert widths[0] < words[0] and widths[1] < words[1]  # both break after their dash


def _page_ends(path: Path) -> list[tuple[int, str, str]]:
    """Each page's last line of text above its footer, and the next page's first line: (page,
    last, first). The footer's two lines (the course and audience, the version and page) are
    the last two of every page."""
    pages = [
        [line.strip() for line in (page.extract_text() or "").split("\n") if line.strip()]
        for page in PdfReader(path).pages
    ]
    ends = []
    for n, (page, following) in enumerate(zip(pages, pages[1:], strict=False), start=1):
        body, after = page[:-2], following[:-2]
        if body and after:
            ends.append((n, body[-1], after[0]))
    return ends


def test_no_page_ends_with_what_introduces_the_next(
    large_kit: dict[tuple[str, ...], Path],
) -> None:
    """Large print split a box of learning objectives after its title and "By the end of
    this module you will be able to:", the objectives on the next page, and left the kit's
    bold subheadings ("What it involves") at the foot of a page: a line that introduces what
    follows now goes with it."""
    heads = {
        line.strip("*").strip()
        for module in (REPO / "content" / "modules").glob("*.md")
        for line in module.read_text(encoding="utf-8").splitlines()
        if re.fullmatch(r"\*\*[^*]+\*\*", line.strip())
    }
    assert "What it involves" in heads
    for key, path in large_kit.items():
        if key[-1] not in ("handout", "guide") or key[1] not in ("", "en-US"):
            continue
        for page, last, first in _page_ends(path):
            # a line of a paragraph that goes on over the page may end in a colon
            assert not last.endswith(":") or first[:1].islower(), (key, page, last)
            assert last not in heads, (key, page, last)


def test_no_paragraph_leaves_its_last_line_alone_on_a_page(
    large_kit: dict[tuple[str, ...], Path],
) -> None:
    """A paragraph's last line alone at the top of the next page ("afterward.", "differences.")."""
    for key, path in large_kit.items():
        if key[-1] not in ("handout", "guide"):
            continue
        for page, _, first in _page_ends(path):
            widow = first[:1].islower() and first.endswith(".") and len(first.split()) <= 2
            assert not widow, (key, page + 1, first)


def test_a_box_whose_list_is_longer_than_a_page_goes_on_across_pages(tmp_path: Path) -> None:
    """Fifteen long learning objectives stand taller than a large-print page: the box goes
    on across pages between its items (a table row, which the box used to hold the list
    in, cannot), every objective printed once and in order, and a screen reader still
    reads the objectives as one list of fifteen items."""
    project = kit_copy(tmp_path)
    long = [
        f"Objective {n} is to describe in plain words how a long-winded learning objective "
        "about trauma-informed practice in a busy clinic would be written by a committee"
        for n in range(1, 16)
    ]
    edit(
        project / "content" / "modules" / "trauma-informed.md",
        "objectives:\n",
        "objectives:\n" + "".join(f"  - {text}\n" for text in long),
    )
    options = _large_print(tmp_path, ("handout",), "all-staff")
    (made,) = build(project, options).built
    printed = content_text(made.path)
    once_in_order(printed, [f"Objective {n} is to describe" for n in range(1, 16)])
    pages = [
        n
        for n, page in enumerate(PdfReader(made.path).pages)
        if "Objective" in (page.extract_text() or "")
    ]
    assert len(pages) >= 3, pages  # taller than two pages: it went on across them
    tree = run(tool("pdfinfo"), "-struct-text", str(made.path)).stdout.splitlines()
    start = next(n for n, line in enumerate(tree) if "Objective 1 is" in line)
    kind = [line.split()[0] if line.strip() else "" for line in tree]  # "LI (block)": LI
    opened = max(n for n in range(start) if kind[n] == "L")
    depth = len(tree[opened]) - len(tree[opened].lstrip())
    items = 0
    for n in range(opened + 1, len(tree)):
        line = tree[n]
        here = len(line) - len(line.lstrip())
        if line.strip() and here <= depth:
            break
        items += kind[n] == "LI" and here == depth + 2
    assert items == 15 + 3, items  # the kit's three all-staff objectives come after
    # each page the box goes on on says what it is again, atop the page; a screen reader
    # reads the title once (said again, it is pagination)
    reader = PdfReader(made.path)
    for n in pages[1:]:
        top = [line for line in (reader.pages[n].extract_text() or "").split("\n") if line]
        assert top[0].strip() == "Learning objectives (cont.)", (n, top[:2])
    assert not any("(cont.)" in line for line in tree)


def test_a_box_whose_paragraph_is_longer_than_a_page_goes_on_across_pages(
    tmp_path: Path,
) -> None:
    """A callout holding one paragraph of seventy sentences (pasted with no breaks) goes on
    across large-print pages a few lines at a time, every sentence printed once and in
    order, and a screen reader reads it as the one paragraph it is."""
    project = kit_copy(tmp_path)
    module = project / "content" / "modules" / "trauma-informed.md"
    note = " ".join(
        f"Sentence {n} of a note a trainer pasted into a box with no paragraph breaks."
        for n in range(1, 71)
    )
    module.write_text(
        module.read_text(encoding="utf-8").rstrip("\n") + f"\n\n::: callout\n{note}\n:::\n",
        encoding="utf-8",
    )
    options = _large_print(tmp_path, ("handout",), "all-staff")
    (made,) = build(project, options).built
    printed = content_text(made.path)
    once_in_order(printed, [f"Sentence {n} of a note" for n in range(1, 71)])
    said = [text for _, kind, text in _structure(made.path) if "Sentence 1 of" in text]
    assert len(said) == 1 and "Sentence 70 of a note" in said[0], said


def test_a_box_item_longer_than_a_page_goes_on_under_its_bullet(tmp_path: Path) -> None:
    """One learning objective of forty sentences stands taller than a large-print page on
    its own: the box goes on across pages inside the item, its rest under the item's text
    with no bullet of its own, every sentence printed once and in order; a screen reader
    reads the objectives as one list whose first item holds the whole objective."""
    objective = " ".join(
        f"Part {n} of an objective a committee wrote as one long learning goal."
        for n in range(1, 41)
    )
    path = _edited_built(
        tmp_path,
        "trauma-informed",
        "objectives:\n",
        f"objectives:\n  - {objective}\n",
        "handout",
        "all-staff",
    )
    printed = content_text(path)
    once_in_order(printed, [f"Part {n} of an objective" for n in range(1, 41)])
    tree = _structure(path)
    (item,) = [n for n, (_, _, text) in enumerate(tree) if "Part 1 of an objective" in text]
    assert "Part 40 of an objective" in tree[item][2]  # one paragraph: the whole objective
    kinds = [kind for _, kind, _ in tree[item - 3 : item]]
    assert kinds == ["LI", "Lbl", "LBody"], kinds
    opened = item - 4  # the list: L, then its items (LI: Lbl, LBody: P)
    assert tree[opened][1] == "L", tree[opened]
    inside = []
    for depth, kind, _ in tree[opened + 1 :]:
        if depth <= tree[opened][0]:
            break
        inside.append((depth - tree[opened][0], kind))
    assert inside.count((1, "LI")) == inside.count((2, "Lbl")) == 1 + 3, inside


def test_a_question_option_longer_than_a_page_goes_on_across_pages(tmp_path: Path) -> None:
    """An answer option of forty sentences is taller than a large-print page: the form goes
    on across pages inside the option, which stopped the build ("too large to fit on one
    page"). Every sentence is printed once and in order, the option has one box to tick,
    and a screen reader reads it as one paragraph."""
    option = " ".join(
        f"Step {n} of a long answer a trainer wrote out in full for this option."
        for n in range(1, 41)
    )
    path = _edited_built(
        tmp_path,
        "summary",
        "      - Wait for a new policy before changing how you work",
        f"      - {option}",
        "posttest",
        "all-staff",
    )
    printed = content_text(path)
    assert all(printed.count(f"Step {n} of") == 1 for n in range(1, 41))
    said = [text for _, _, text in _structure(path) if "Step 1 of a long" in text]
    assert len(said) == 1, said  # one paragraph, every step in order
    found = [said[0].find(f"Step {n} of a long answer a trainer") for n in range(1, 41)]
    assert -1 not in found and found == sorted(found), found


def _structure(path: Path) -> list[tuple[int, str, str]]:
    """The structure tree as pdfinfo shows it: (depth, element type, its text), in order."""
    tree: list[tuple[int, str, str]] = []
    for line in run(tool("pdfinfo"), "-struct-text", str(path)).stdout.splitlines():
        text = line.strip()
        if text.startswith('"') and tree:
            depth, kind, said = tree[-1]
            tree[-1] = (depth, kind, said + text.strip('"'))
        elif text and not text.startswith("/"):
            tree.append(((len(line) - len(line.lstrip())) // 2, text.split()[0], ""))
    return tree


def test_a_table_row_longer_than_a_page_goes_on_across_pages_as_one_row(tmp_path: Path) -> None:
    """A case vignette of a hundred words as a question: its large-print answer-key row is
    taller than a page, which stopped the build ("too long for one page"). The row goes on
    across pages, each column's text running on with no gap and no rule inside the row,
    every word printed once, and a screen reader reads it as one row whose question cell
    holds the whole vignette."""
    vignette = " ".join(
        f"Sentence {n} of the case, Maya waits near the door, watching everyone who comes in."
        for n in range(1, 13)
    )
    path = _edited_built(
        tmp_path,
        "practical-steps",
        "  - question: What is the first of the three practical steps for an organization?",
        f"  - question: {vignette}",
        "answer-key",
        "clinical",
    )
    printed = content_text(path)
    once_in_order(printed, [f"Sentence {n} of the case" for n in range(1, 13)])
    pages = [
        n
        for n, page in enumerate(PdfReader(path).pages)
        if "Maya waits" in " ".join((page.extract_text() or "").split())
    ]
    assert len(pages) >= 2, pages
    tree = _structure(path)
    cells = [text for _, kind, text in tree if kind == "TD" and "Sentence 1 of the case" in text]
    assert len(cells) == 1 and "Sentence 12 of the case" in cells[0], cells
    # (the structure's text as pdfinfo prints it, a line at a time: read without spaces)
    assert "".join(cells[0].split()) == "".join(vignette.split()), cells[0]


def test_a_course_title_of_160_letters_takes_a_third_footer_line_in_large_print(
    tmp_path: Path,
) -> None:
    """A title of 163 letters and the audience's name did not fit the large-print footer's
    two lines at its 12 pt ("the footer is too long"), which stopped every large-print PDF;
    the footer takes a third line above the page label, and every word of it is printed."""
    project = kit_copy(tmp_path)
    title = (
        "Trauma-Informed and Trauma-Competent Care Across the Continuum of Behavioral "
        "Health, Primary Care and Community Social Services for Adults, Adolescents and "
        "Families"
    )
    edit(
        project / "content" / "course.yaml",
        "title: Trauma-Informed and Trauma-Competent Care\n",
        f"title: {title}\n",
    )
    options = _large_print(tmp_path, ("handout", "evaluation"), "clinical")
    report = build(project, options)
    assert len(report.built) == 2
    for made in report.built:
        last = lines(made.path)[-6:]  # the last page's footer, at its foot
        assert "Clinical providers" in " ".join(last), last
        assert "Families" in " ".join(last), last


def test_a_table_whose_long_words_break_into_syllables_is_printed_in_large_print(
    tmp_path: Path,
) -> None:
    """Five columns whose longest words ("Psychoeducational", "Multidisciplinary") are
    wider than any large-print column could be were refused ("the page holds 4 columns"),
    though a six-column table of short words printed: a word the language's dictionary
    breaks into syllables that fit is printed so ("Multidisci-" / "plinary"), and only a
    word no dictionary breaks stops the table."""
    project = kit_copy(tmp_path)
    table = (
        "| Resource | Audience | Contact | Web | Notes |\n|---|---|---|---|---|\n"
        "| Psychoeducational group | Multidisciplinary teams | intake@riverbendhealth.org "
        "| https://www.samhsa.gov/trauma-violence | Confidentiality applies |\n"
    )
    module = project / "content" / "modules" / "practical-steps.md"
    module.write_text(module.read_text(encoding="utf-8") + "\n" + table, encoding="utf-8")
    options = _large_print(tmp_path, ("handout",), "clinical")
    (made,) = build(project, options).built
    cells = [text for _, kind, text in _structure(made.path) if kind == "TD"]
    for word in ("Psychoeducational", "Multidisciplinary", "Confidentiality"):
        # printed in syllables, and read whole: the hyphen a line broke at is shown, not read
        assert any(word in cell for cell in cells), (word, cells)
    # shown with a hyphen: the soft hyphen's glyph, which the page's text says it is
    printed = " ".join(text_lines(made.path))
    assert all(f"{start}\u00ad" in printed for start in ("Psychoed", "Multidisci", "Confiden"))


def test_a_word_broken_into_syllables_reads_whole_in_bold_and_in_a_row_going_on(
    tmp_path: Path,
) -> None:
    """The soft hyphen's glyph ends a line that breaks a word into syllables in a run
    beside bold words and links, and in a row so long it goes on across pages (its parts
    no longer hold the soft hyphens the word was broken at): a screen reader reads each
    word whole, every time."""
    project = kit_copy(tmp_path)
    word = "Antidisestablishmentarianismhyperextendedness"
    styled = " ".join(
        f"Note {n} **bold** and [a link](https://example.org) and {word}." for n in (1, 2)
    )
    long = " ".join(f"Part {n} names {word} again." for n in range(1, 41))
    table = (
        "| Step | What to do | Why |\n|---|---|---|\n"
        f"| Short | Plain words here. | {styled} |\n"
        f"| Long | Plain words here. | {long} |\n"
    )
    module = project / "content" / "modules" / "summary.md"
    module.write_text(module.read_text(encoding="utf-8") + "\n" + table, encoding="utf-8")
    options = _large_print(tmp_path, ("handout",), "all-staff")
    (made,) = build(project, options).built
    said = " ".join(text for _, kind, text in _structure(made.path) if kind == "TD")
    assert said.count(word) == 2 + 40, said
    broken = [line for line in text_lines(made.path) if line.endswith("-") and "Antidis" in line]
    assert not broken, broken


def test_a_question_longer_than_a_page_starts_where_the_form_has_room(tmp_path: Path) -> None:
    """A question whose option goes on across pages starts on the page where the form has
    room for the question and its option's first lines (it was moved whole to the next
    page, leaving the form's first page all but empty)."""
    project = kit_copy(tmp_path)
    option = " ".join(
        f"Clause {n} of an answer written out at great length." for n in range(1, 121)
    )
    edit(
        project / "content" / "modules" / "welcome.md",
        "      - Trauma-informed care is a newer name for what trauma-competent care used to mean",
        f"      - {option}",
    )
    options = BuildOptions(
        output=tmp_path / "out", kinds=("pretest",), audiences=("all-staff",), languages=("en-US",)
    )
    (made,) = build(project, options).built
    first = PdfReader(made.path).pages[0].extract_text() or ""
    assert "Which statement best describes" in first and "Clause 1 of an answer" in first, first
    (said,) = [text for _, _, text in _structure(made.path) if "Clause 1 of" in text]
    found = [said.find(f"Clause {n} of an answer") for n in range(1, 121)]
    assert -1 not in found and found == sorted(found), found


def _callout_built(tmp_path: Path, callout: str, printing: str | None = None) -> Path:
    """The all-staff handout (standard print, in colour or as ``printing`` says) of the kit
    with ``callout`` (its Markdown, between the fences) added to the last module."""
    return _appended_built(
        tmp_path, f'\n::: {{.callout title="Long"}}\n{callout}:::\n', printing=printing
    )


def _appended_built(
    tmp_path: Path, markdown: str, printing: str | None = None, large_print: bool = False
) -> Path:
    """The all-staff handout of the kit with ``markdown`` added at the end of the last
    module, checked by qpdf."""
    project = kit_copy(tmp_path)
    append(project / "content" / "modules" / "summary.md", markdown)
    options = BuildOptions(
        output=tmp_path / "out",
        kinds=("handout",),
        audiences=("all-staff",),
        languages=("en-US",),
        printing=printing,
        large_print=large_print,
    )
    (made,) = build(project, options).built
    assert run(tool("qpdf"), "--check", str(made.path)).returncode == 0
    return Path(made.path)


def _words(path: Path) -> list[tuple[int, float, float, str]]:
    """Every printed word: its page, its left edge, its top, its text (pdftotext -bbox)."""
    found, page = [], 0
    for line in run(tool("pdftotext"), "-bbox", str(path), "-").stdout.splitlines():
        if "<page " in line:
            page += 1
        word = re.search(r'xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', line)
        if word:
            found.append((page, float(word[1]), float(word[2]), word[3]))
    return found


def _word_x(path: Path, text: str) -> list[float]:
    """Where each printed ``text`` starts, from the left of its page."""
    return [x for _, x, _, word in _words(path) if word == text]


def _mark_x(path: Path, first_word: str) -> float:
    """Where the list mark drawn on the line that starts with ``first_word`` starts."""
    words = _words(path)
    page, x, y, _ = next(w for w in words if w[3] == first_word)
    marks = [w[1] for w in words if w[0] == page and abs(w[2] - y) < 2 and w[3] == "\u2022"]
    assert marks, (first_word, page, y)
    return marks[0]


def _sentences(mark: str, count: int) -> str:
    return " ".join(
        f"{mark}{n:03d} is a sentence a trainer wrote in a box." for n in range(1, count + 1)
    )


def test_a_box_item_of_two_paragraphs_longer_than_a_page_goes_on_in_its_item(
    tmp_path: Path,
) -> None:
    """A callout's item of two long paragraphs (together taller than a page) goes on across
    pages, which stopped the build; its second paragraph is read inside the same item."""
    first, second = _sentences("Alpha", 60), _sentences("Beta", 60)
    path = _callout_built(tmp_path, f"- {first}\n\n    {second}\n- A short item after\n")
    printed = content_text(path)
    assert all(printed.count(f"Beta{n:03d} is") == 1 for n in range(1, 61))
    tree = _structure(path)
    (at,) = [n for n, (_, _, text) in enumerate(tree) if text.startswith("Alpha001")]
    (then,) = [n for n, (_, _, text) in enumerate(tree) if text.startswith("Beta001")]
    assert "Alpha060" in tree[at][2] and "Beta060" in tree[then][2]
    # LBody: P (the first paragraph), P (the second); then the short item's LI
    assert tree[at - 1][1] == "LBody" and then == at + 1, tree[at - 1 : then + 1]
    assert tree[then][:2] == (tree[at][0], "P"), tree[then]
    assert tree[then + 1][:2] == (tree[at - 1][0] - 1, "LI"), tree[then + 1]


def test_a_long_item_of_a_list_inside_a_box_item_goes_on_in_that_list(tmp_path: Path) -> None:
    """An item of a list inside a callout's item, taller than a page, goes on across pages
    (it stopped the build): read inside its own list, inside the outer item."""
    long = _sentences("Inner", 150)
    path = _callout_built(
        tmp_path, f"- Outer item\n    - {long}\n    - Second inner item\n- Outer after\n"
    )
    printed = content_text(path)
    assert all(printed.count(f"Inner{n:03d} is") == 1 for n in range(1, 151))
    tree = _structure(path)
    (at,) = [n for n, (_, _, text) in enumerate(tree) if text.startswith("Inner001")]
    assert "Inner150" in tree[at][2]
    outer = next(n for n in range(at, -1, -1) if tree[n][2] == "Outer item")
    depth = tree[outer][0]  # P in the outer item's LBody: the inner L is its sibling
    inner = [tree[n][1] for n in range(outer + 1, at) if tree[n][0] == depth]
    assert inner == ["L"], inner
    second = next(n for n, (_, _, text) in enumerate(tree) if text == "Second inner item")
    after = next(n for n, (_, _, text) in enumerate(tree) if text == "Outer after")
    assert tree[second][0] == tree[at][0] and tree[after][0] == tree[outer][0]
    # each mark hangs before its own item's text: the inner list's after the outer's
    outer_x, inner_x = _mark_x(path, "Outer"), _mark_x(path, "Second")
    assert inner_x > outer_x + 5, (outer_x, inner_x)


def test_a_table_in_a_box_longer_than_a_page_goes_on_as_one_table(tmp_path: Path) -> None:
    """A callout's table of forty rows, taller than a page, goes on across pages in parts
    under its header (it stopped the build); a screen reader reads one table: its header
    once, then its forty rows in order."""
    rows = "".join(
        f"| Service {n} | Call extension {100 + n} for a same-day appointment with the duty "
        "worker on call. |\n"
        for n in range(1, 41)
    )
    path = _callout_built(tmp_path, f"| Service | How to reach it |\n| --- | --- |\n{rows}")
    tree = _structure(path)
    (table,) = [
        n
        for n, (_, kind, _) in enumerate(tree)
        if kind == "Table" and any(t == "Service 1" for _, _, t in tree[n : n + 12])
    ]
    inside = []
    for depth, kind, text in tree[table + 1 :]:
        if depth <= tree[table][0]:
            break
        inside.append((kind, text))
    assert [k for k, _ in inside].count("TR") == 41
    said = [t for _, t in inside if t.startswith("Service")]
    assert said == ["Service"] + [f"Service {n}" for n in range(1, 41)], said
    # printed with its header once on each page it is on: at the top of a continued page,
    # never in the middle of one
    for page in PdfReader(path).pages:
        text = page.extract_text() or ""
        if "Call extension" in text:
            assert text.count("How to reach it") == 1, text
    # and inside the box there, within the page's text area (it stood above the box's
    # shading and bar, as high as the header is tall)
    words = _words(path)
    tabled = {page for page, _, _, word in words if word == "extension"}
    top = min(y for page, _, y, _ in words if page > 2 and page not in tabled)
    heads = [y for page, _, y, word in words if word == "reach" and page in tabled]
    assert len(heads) >= 2 and min(heads) >= top - 1, (top, heads)


def test_a_table_in_a_box_item_goes_on_across_pages(tmp_path: Path) -> None:
    """A table of sixty rows inside a list item of a callout goes on across pages, set in
    under the item's text (it stopped the build, naming a row)."""
    rows = "".join(f"    | Room {n} | Kept quiet for visits on request |\n" for n in range(1, 61))
    path = _callout_built(
        tmp_path, f"- An item with a table\n\n    | Room | Use |\n    | --- | --- |\n{rows}- Next\n"
    )
    once_in_order(content_text(path), [f"Room {n} Kept" for n in range(1, 61)])
    item = _word_x(path, "An")
    rooms = _word_x(path, "Room")
    assert rooms and item and min(rooms) >= min(item) - 1, (rooms, item)


def _edited_built(
    tmp_path: Path, module: str, old: str, new: str, kind: str, audience: str
) -> Path:
    """The file of ``kind`` for ``audience``, built in large print from the kit with ``old``
    changed to ``new`` in a module (its name, without ".md")."""
    project = kit_copy(tmp_path)
    edit(project / "content" / "modules" / f"{module}.md", old, new)
    (made,) = build(project, _large_print(tmp_path, (kind,), audience)).built
    return Path(made.path)


def _large_print(tmp_path: Path, kinds: tuple[str, ...], audience: str) -> BuildOptions:
    """Options building ``kinds`` of one audience in large print, in English."""
    return BuildOptions(
        output=tmp_path / "out",
        kinds=kinds,
        audiences=(audience,),
        languages=("en-US",),
        large_print=True,
    )


@pytest.mark.parametrize(
    ("in_item", "large"),
    [(False, False), (True, False), (False, True)],
    ids=["in the box", "in a list item", "in large print"],
)
def test_a_box_within_a_box_longer_than_a_page_goes_on_across_pages(
    tmp_path: Path, in_item: bool, large: bool
) -> None:
    """A callout inside an activity (or inside an item of the activity's list), taller than a
    page, goes on across pages in parts of its own rows, starting on the page where the
    activity starts, in large print too, its paragraphs cut a few lines at a time (it
    stopped the build, naming a paragraph); a screen reader reads one box within the other:
    every paragraph of the inner box in one Div, inside the outer box's, once and in order."""
    paragraph = (
        "Ask the person what would help them feel settled, then offer two simple choices "
        "about where to sit and when to take a break. "
    ) * 4
    inner = "".join(f"Inner paragraph {n}. {paragraph}\n\n" for n in range(1, 16))
    inner = f'::: {{.callout title="Inner box"}}\n{inner}- Inner item one\n- Inner item two\n:::\n'
    if in_item:  # under the item's text, set in as it is
        inner = "1. First item.\n\n" + "".join(f"   {line}\n" for line in inner.splitlines())
        inner += "\n2. Second item.\n"
    path = _appended_built(
        tmp_path,
        ':::: {.activity title="Outer box"}\nOuter text before the inner box.\n\n'
        + f"{inner}\nOuter text after the inner box.\n::::\n\nText after both boxes.\n",
        large_print=large,
    )
    inner_words = [f"Inner paragraph {n}." for n in range(1, 16)]
    once_in_order(
        content_text(path),
        ["Outer text before the inner box.", *inner_words, "Inner item two"]
        + (["Second item."] if in_item else [])
        + ["Outer text after the inner box.", "Text after both boxes."],
    )
    # one Div of the inner box holds all its paragraphs and its list, inside the outer's
    tree = _structure(path)

    def parent(n: int) -> int:
        return max(m for m in range(n) if tree[m][0] == tree[n][0] - 1)

    parents = {parent(n) for n, (_, k, t) in enumerate(tree) if t.startswith("Inner paragraph")}
    (inner_div,) = parents
    assert tree[inner_div][1] == "Div"
    outer = parent(inner_div)
    while tree[outer][1] != "Div":  # (in a list item: LBody, LI, L)
        outer = parent(outer)
    assert any(t == "Outer text before the inner box." for _, _, t in tree[outer:inner_div])
    # it goes on over several pages, starting where the outer box starts, not on a new page
    pages = {page for page, _, _, word in _words(path) if word == "Inner"}
    assert len(pages) >= 2, pages
    start = min(page for page, _, _, word in _words(path) if word == "Outer")
    assert min(pages) == start


def test_a_table_in_a_box_within_a_box_has_its_header_only_at_the_top_of_a_page(
    tmp_path: Path,
) -> None:
    """A table of sixty rows in a callout inside an activity goes on across pages with the
    boxes; its header is printed once on each page it is on, at the top of a continued
    page, never over its own rows in the middle of one (it was drawn again every two
    rows); a screen reader reads one table, its header once."""
    rows = "".join(
        f"| Service {n} | Call extension {100 + n} for a same-day appointment with the duty "
        "worker on call. |\n"
        for n in range(1, 61)
    )
    path = _appended_built(
        tmp_path,
        ':::: {.activity title="Outer box"}\nOuter text before the table.\n\n'
        + '::: {.callout title="Ways to reach us"}\n| Service | How to reach it |\n| --- | --- |\n'
        + f"{rows}:::\n\nOuter text after the table.\n::::\n",
    )
    on = 0
    for page in PdfReader(path).pages:
        text = page.extract_text() or ""
        if "Call extension" in text:
            on += 1
            assert text.count("How to reach it") == 1, text
            assert text.index("How to reach it") < text.index("Call extension"), text
    assert on >= 2
    said = [t for _, k, t in _structure(path) if t.startswith("Service")]
    assert said == ["Service"] + [f"Service {n}" for n in range(1, 61)], said


@pytest.mark.parametrize("printing", ["colour", "bw"])
def test_a_table_row_going_on_in_a_box_has_no_rule_across_it(tmp_path: Path, printing: str) -> None:
    """A table row longer than a page, in a callout, goes on in parts of a few lines; no
    rule crosses its cell where one part meets the next (a rule, heavy in black and white,
    was drawn every few lines, as if a new row started there)."""
    import pypdfium2 as pdfium

    words = " ".join(
        f"Step {n}: offer a quieter place to wait and explain what happens next."
        for n in range(1, 160)
    )
    table = f"| Step | What to do |\n| --- | --- |\n| One | {words} |\n"
    path = _callout_built(tmp_path, table, printing)
    found = _words(path)
    pages = sorted({page for page, _, _, word in found if word == "quieter"})
    assert len(pages) >= 2, pages
    page = pages[1]  # wholly inside the row: its text from top to bottom
    here = [(x, y) for p, x, y, word in found if p == page and word in ("offer", "explain")]
    left, right = min(x for x, _ in here), max(x for x, _ in here)
    top, bottom = min(y for _, y in here), max(y for _, y in here)
    document = pdfium.PdfDocument(str(path))
    try:
        image = document[page - 1].render(scale=1).to_pil().convert("L")
    finally:
        document.close()
    # a rule is darker than the box's shading (in colour) or the paper (in black and white)
    shade = image.getpixel((int(left) - 2, int(top) + 3)) if printing == "colour" else 255
    inked_rows = [
        y
        for y in range(int(top) + 2, int(bottom))
        if sum(image.getpixel((x, y)) < shade - 12 for x in range(int(left), int(right)))
        > 0.9 * (right - left)
    ]
    assert inked_rows == [], inked_rows


def test_a_box_within_a_box_nearly_a_page_tall_goes_on_where_the_page_ends(
    tmp_path: Path,
) -> None:
    """A callout nearly a page tall, inside an activity whose text fills half a page first,
    starts under that text and goes on on the next page, as a callout on its own does (it
    moved whole to the next page, leaving 40% of a page empty)."""
    sentence = "Offer a real choice wherever one exists, however small it may seem. "
    outer = "".join(f"Outer paragraph {n}. {sentence * 6}\n\n" for n in range(1, 4))
    inner = "".join(f"Inner paragraph {n}. {sentence * 6}\n\n" for n in range(1, 8))
    path = _appended_built(
        tmp_path,
        f':::: {{.activity title="Outer box"}}\n{outer}'
        + f'::: {{.callout title="Nearly a page"}}\n{inner}:::\n\nAfter the inner box.\n::::\n',
    )
    words = _words(path)
    starts = [(p, y) for p, _, y, word in words if word == "Outer" or word == "Inner"]
    outer_page = min(p for p, _, _, word in words if word == "Outer")
    inner_pages = {p for p, _, _, word in words if word == "Inner"}
    assert min(inner_pages) == outer_page, starts
    assert len(inner_pages) == 2, starts


def _long_question(name: str) -> str:
    """A question as tall as most of a large-print page: a stem of six lines, five options
    of two to four lines each."""
    words = "ward glove infection hand staff waste visitor care clean patient apron nurse"
    stem = " ".join(words.split() * 4)
    options = [
        " ".join(words.split()[: n % 12 + 1] * 2 + words.split()) for n in (13, 1, 9, 15, 14)
    ]
    listed = "".join(f"      - Option {name}-{n} {o}\n" for n, o in enumerate(options))
    return f"  - question: Question {name} {stem}?\n    options:\n{listed}    answer: c\n"


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_a_large_print_question_a_page_holds_is_never_turned_over_mid_question(
    project: Path, tmp_path: Path, paper: str
) -> None:
    """A question nearly a page tall (its stem and option A at the foot of a page, options B
    to E overleaf) was laid out as one taller than a page: it started where it was, and a
    reader with low vision turned the page mid-question. One a page holds moves on whole."""
    names = [f"Q{n}" for n in range(4)]
    questions = "questions:\n" + "".join(_long_question(name) for name in names)
    edit(project / "content" / "modules" / "intro.md", "content_note:", questions + "content_note:")
    options = BuildOptions(
        output=tmp_path / "out",
        kinds=("pretest",),
        audiences=("all-staff",),
        large_print=True,
        paper=paper,
    )
    (made,) = build(project, options).built
    texts = [page.extract_text() or "" for page in PdfReader(made.path).pages]
    for name in names:
        stem = [n for n, text in enumerate(texts) if f"Question {name} " in text]
        last = [n for n, text in enumerate(texts) if f"Option {name}-4 " in text]
        assert stem and stem == last, (name, stem, last)
