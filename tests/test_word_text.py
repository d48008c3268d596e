"""Text pasted from Word: a manual line break, a tab and a zero-width space in every output.

Word's Shift+Enter pastes U+000B, its columns paste tabs, and its hyphenation hints paste
zero-width spaces and soft hyphens. The kit is built with such text in a bullet (YAML), a
module body (Markdown) and a table cell, and its handout, deck and poster are read as a
trainer would look at them.
"""

from __future__ import annotations

import functools
import shutil
import sys
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pypdf import PdfReader

from materials_gen.build import BuildOptions, build
from materials_gen.cli import main
from materials_gen.document import LineBreak, Paragraph, Table, Text, parse
from materials_gen.load import _Problems, load_project, parse_yaml
from materials_gen.pasted import BREAKS, LINE_BREAK, tidy_line, tidy_value

from .conftest import REPO, all_text, edit, kit_copy

MODULE = "content/modules/practical-steps.md"
TABLE = "content/tables/comparison.yaml"

# (where, the text as pasted from Word, the first line shown, the second line shown)
PASTED = {
    "bullet": (
        "  - First, give every staff member the basics of trauma-informed care",
        "  - Bullet one\vbullet two\tbullet three bullet\u200bfour",
        "Bullet one",
        "bullet two bullet three bulletfour",
    ),
    "body": (
        "- offering a choice wherever you can",
        "- Body one\vbody two\tbody three body\u200bfour",
        "Body one",
        "body two body three bodyfour",
    ),
    "cell": (
        "competent: Actively treating trauma and supporting recovery",
        "competent: Cell one\vcell two\tcell three cell\u200bfour",
        "Cell one",
        "cell two cell three cellfour",
    ),
}


def _kit(folder: Path) -> Path:
    """A copy of the default kit (its own language) with Word's characters in a bullet, a
    body and a cell."""
    shutil.copytree(
        REPO / "content", folder / "content", ignore=shutil.ignore_patterns("translations")
    )
    shutil.copytree(REPO / "templates", folder / "templates")
    for name, (old, new, _, _) in PASTED.items():
        edit(folder / (TABLE if name == "cell" else MODULE), old, new)
    return folder


@pytest.fixture(scope="module")
def pasted_build(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The kit with pasted text, built once for all staff: kind -> file."""
    root = _kit(tmp_path_factory.mktemp("word-kit"))
    options = BuildOptions(
        audiences=("all-staff",), kinds=("deck", "handout", "poster"), output=root / "out"
    )
    report = build(root, options)
    assert not [w for w in report.warnings if "character" in w.message], report.warnings
    return {b.target.kind.name: b.path for b in report.built}


def _lines(pdf: Path) -> list[tuple[str, float, float]]:
    """Each line of text drawn in ``pdf``: (text, x, y), y counted down the pages."""
    found: list[tuple[str, float, float]] = []
    for number, page in enumerate(PdfReader(str(pdf)).pages):

        def visit(
            text: str, cm: list[float], tm: list[float], *_: object, page: int = number
        ) -> None:
            if text.strip():
                y = page * 10_000 - (tm[5] + cm[5])
                found.append((text.strip(), tm[4] + cm[4], y))

        page.extract_text(visitor_text=visit)
    return found


def _two_lines(pdf: Path, first: str, second: str) -> None:
    lines = _lines(pdf)
    above = [(x, y) for text, x, y in lines if text == first]
    below = [(x, y) for text, x, y in lines if text == second]
    assert above, f"no line reads {first!r} in {pdf.name}: {[t for t, _, _ in lines]}"
    assert below, f"no line reads {second!r} in {pdf.name}"
    (x1, y1), (x2, y2) = above[0], below[0]
    assert abs(x1 - x2) < 1 and 0 < y2 - y1 < 40  # the next line, starting where it starts


@pytest.mark.slow
@pytest.mark.parametrize("place", sorted(PASTED))
def test_handout_shows_a_manual_line_break_one_space_and_no_gap(
    pasted_build: dict[str, Path], place: str
) -> None:
    _, _, first, second = PASTED[place]
    _two_lines(pasted_build["handout"], first, second)
    text = "\n".join(p.extract_text() for p in PdfReader(str(pasted_build["handout"])).pages)
    assert "\u200b" not in text and "\t" not in text and "\u000b" not in text
    assert first + second not in text  # not glued, as before: "Bullet onebullet two"


@pytest.mark.slow
def test_poster_table_cell_shows_two_lines(pasted_build: dict[str, Path]) -> None:
    _, _, first, second = PASTED["cell"]
    _two_lines(pasted_build["poster"], first, second)


@pytest.mark.slow
@pytest.mark.parametrize("place", ["bullet", "cell"])
def test_deck_has_a_line_break_and_no_tab(pasted_build: dict[str, Path], place: str) -> None:
    _, _, first, second = PASTED[place]
    deck = Presentation(str(pasted_build["deck"]))
    frames = [sh.text_frame for s in deck.slides for sh in s.shapes if sh.has_text_frame]
    frames += [
        cell.text_frame
        for s in deck.slides
        for sh in s.shapes
        if sh.has_table
        for row in sh.table.rows
        for cell in row.cells
    ]
    paragraphs = [p for f in frames for p in f.paragraphs if first in p.text]
    assert paragraphs, f"{first!r} is on no slide"
    for paragraph in paragraphs:
        assert paragraph._p.findall("{http://schemas.openxmlformats.org/drawingml/2006/main}br")
        assert paragraph.text.endswith(f"{first}\v{second}")  # python-pptx reads <a:br/> as \v
    everything = "".join(p.text for f in frames for p in f.paragraphs)
    assert "\t" not in everything and "\u200b" not in everything


def test_a_character_warning_names_its_line_once_for_all_audiences(tmp_path: Path) -> None:
    root = kit_copy(tmp_path)
    edit(root / MODULE, "offering a choice", "offering\x01 a choice")
    line = (root / MODULE).read_text().split("\n").index("- offering\x01 a choice wherever you can")
    result = CliRunner().invoke(
        main, ["check", "-p", str(root)], catch_exceptions=False, env={"NO_COLOR": "1"}
    )
    warning = f"{MODULE}:{line + 1}:11: warning: removed invisible control character U+0001"
    assert result.output.count("U+0001") == 1, result.output
    assert warning in result.output


# ---------------------------------------------------------------- the class of characters


@functools.cache
def _all(category: str) -> list[str]:
    return [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == category]


def test_every_line_and_paragraph_separator_is_a_line_break() -> None:
    separators = set(_all("Zl") + _all("Zp")) | {"\v", "\f", "\x85"}
    assert separators <= BREAKS
    for ch in BREAKS:
        assert tidy_value(f"one{ch}two") == (f"one{LINE_BREAK}two", None)
        assert tidy_line(f"  - one {ch} two")[0] == f"  - one {LINE_BREAK} two"


def test_every_format_character_between_latin_letters_is_invisible() -> None:
    drawn = {"\u0600", "\u0601", "\u0602", "\u0603", "\u0604", "\u0605", "\u06dd", "\u070f"}
    kept = [ch for ch in _all("Cf") if tidy_value(f"a{ch}b")[0] != "ab"]
    assert set(kept) <= drawn | {"\u0890", "\u0891", "\u08e2", "\U000110bd", "\U000110cd"}


def test_every_other_control_character_is_removed_and_reported() -> None:
    for ch in _all("Cc"):
        if ch in "\t\n" or ch in BREAKS:
            continue
        text, removed = tidy_value(f"a{ch}b")
        assert text == "ab" and removed is not None and removed.char == ch


def test_tabs_are_one_space_but_indentation_keeps_them() -> None:
    assert tidy_value("Name:\tAda \t Lovelace\t\tnow") == ("Name: Ada Lovelace now", None)
    assert tidy_line("\t- item\twith a tab") == ("\t- item with a tab", None)


def test_joiners_and_marks_a_script_needs_are_kept() -> None:
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # ZWNJ inside a Persian word
    hindi = "\u0915\u094d\u200d\u0937"  # ZWJ in a Devanagari conjunct
    emoji = "\U0001f469\u200d\U0001f4bb"  # woman + ZWJ + laptop: one picture
    hebrew = "\u05e9\u05dc\u05d5\u05dd \u200fABC"  # a right-to-left mark in Hebrew text
    for text in (persian, hindi, emoji, hebrew):
        assert tidy_value(text)[0] == text
    assert tidy_value("zero\u200dwidth \u200fABC")[0] == "zerowidth ABC"


def test_yaml_escapes_are_tidied_like_pasted_text() -> None:
    problems = _Problems()
    doc = parse_yaml(
        'a: "one\\vtwo"\nb: "one\\ttwo"\nc: "one\\u200btwo"\nd: "one\\Ltwo"\n', "f.yaml", problems
    )
    assert doc is not None and not problems.errors and not problems.warnings
    assert doc.data == {
        "a": f"one{LINE_BREAK}two",
        "b": "one two",
        "c": "onetwo",
        "d": f"one{LINE_BREAK}two",
    }


def test_a_line_break_in_yaml_keeps_every_line_number(tmp_path: Path) -> None:
    """PyYAML counts U+2028 as a new line: the loader must not let it shift later lines."""
    for ch in ("\v", "\u2028", "\u2029", "\x85"):
        text = f"title: one{ch}two\nitems:\n  - a{ch} b\n  - c\n"
        root = tmp_path / f"u{ord(ch):04x}"
        (root / "content").mkdir(parents=True)
        (root / "content" / "course.yaml").write_text(text, encoding="utf-8")
        doc = load_project(root).course
        assert doc.data == {
            "title": f"one{LINE_BREAK}two",
            "items": [f"a{LINE_BREAK}b", "c"],
        }
        assert doc.location(("items", 1)).line == 4


def test_a_line_break_in_a_module_body_and_a_table_cell_is_a_line_break() -> None:
    document = parse(
        '---\ntitle: "One\u2028Two"\n---\n\nFirst \u2028 second\n\n'
        "| a | b |\n|---|---|\n| c\u2028d | e |\n"
    )
    assert document.meta["title"] == "One Two"  # a stamped title is one line
    paragraph, table = document.blocks
    assert isinstance(paragraph, Paragraph) and isinstance(table, Table)
    assert paragraph.children == (Text("First"), LineBreak(), Text("second"))
    assert table.rows[0][0] == (Text("c"), LineBreak(), Text("d"))


def test_bullets_pasted_from_word_are_lists(project: Path) -> None:
    """Word pastes a bulleted list as "•<tab>Text" lines (its second level "o<tab>", indented
    by a tab): the body shows a list with a nested list, the key point one bullet, and a
    paragraph Word indented with a tab is text, not a grey code block."""
    from materials_gen.build import load_course
    from materials_gen.document import CodeBlock, ListBlock
    from materials_gen.edition import Edition
    from materials_gen.kinds import KINDS
    from materials_gen.plan import options_for

    intro = project / "content" / "modules" / "intro.md"
    edit(intro, "key_points:\n", "key_points:\n  - \u2022\tThe first thing to remember\n")
    body = (
        "\n\u2022\tCheck the pupil is safe\n\u2022\tTell the class teacher\n"
        "\to\tIn person, not by e-mail\n\n\tA paragraph Word indented with a tab.\n"
    )
    intro.write_text(intro.read_text(encoding="utf-8") + body, encoding="utf-8")
    course, _ = load_course(project)
    audience = next(a for a in course.audiences if a.id == "all-staff")
    edition = Edition(project, course, audience, options_for(project, course, BuildOptions()))
    document = edition.document(KINDS["handout"])
    markdown = edition.markdown(KINDS["handout"])
    assert "\u2022" not in markdown and "The first thing to remember" in markdown

    def walk(blocks: tuple[object, ...]) -> list[object]:
        found: list[object] = []
        for block in blocks:
            found.append(block)
            for inner in getattr(block, "items", ()):
                found += walk(tuple(inner))
            found += walk(tuple(getattr(block, "children", ())))
        return found

    blocks = walk(document.blocks)
    assert not [b for b in blocks if isinstance(b, CodeBlock)]
    lists = [b for b in blocks if isinstance(b, ListBlock)]
    texts = [repr(b) for b in lists]
    assert any("Check the pupil is safe" in t and "Tell the class teacher" in t for t in texts)
    nested = [t for t in texts if "In person, not by e-mail" in t]
    assert len(nested) >= 2  # the second level is a list inside the first list's item


@pytest.mark.parametrize("gap", ["\u00a0", "\u00a0\u00a0\u00a0\u00a0 ", "\u202f"])
def test_bullets_pasted_from_outlook_or_a_web_page_are_lists(project: Path, gap: str) -> None:
    """Outlook, Gmail and web pages paste a bullet followed by no-break spaces, not a tab:
    the lines ran into one paragraph ("• Bullet A • Bullet B"), and a key point kept its
    pasted bullet beside the list's own (two bullets)."""
    from materials_gen.build import load_course
    from materials_gen.edition import Edition
    from materials_gen.kinds import KINDS
    from materials_gen.plan import options_for

    intro = project / "content" / "modules" / "intro.md"
    edit(intro, "key_points:\n", f"key_points:\n  - \u2022{gap}The first thing to remember\n")
    body = f"\nBefore the list.\n\n\u2022{gap}Bullet A\n\u00b7{gap}Bullet B\n"
    intro.write_text(intro.read_text(encoding="utf-8") + body, encoding="utf-8")
    course, _ = load_course(project)
    audience = next(a for a in course.audiences if a.id == "all-staff")
    edition = Edition(project, course, audience, options_for(project, course, BuildOptions()))
    markdown = edition.markdown(KINDS["handout"])
    assert "\u2022" not in markdown and "\u00b7" + gap not in markdown, markdown
    lines = markdown.splitlines()
    assert "- Bullet A" in lines and "- Bullet B" in lines
    assert any(line.endswith("- The first thing to remember") for line in lines), markdown


@pytest.mark.parametrize(
    "items",
    [
        "\u2022\tBody bullet one\n\u2022\tBody bullet two\n\to\tA point under it\n",
        "1.\tFirst step\n2.\tSecond step\n",
        "a.\tFirst letter\nb.\tSecond letter\n",
        "- Typed bullet one\n- Typed bullet two\n",
    ],
    ids=["word bullets", "word numbers", "letters", "typed bullets"],
)
def test_the_line_after_a_list_is_a_paragraph_of_its_own(project: Path, items: str) -> None:
    """Word pastes each paragraph as one line, with no blank line after a list: the
    paragraph after the list ran on into its last item ("Second step After the list.").
    A line indented under an item is still the item's."""
    from materials_gen.build import load_course

    intro = project / "content" / "modules" / "intro.md"
    body = f"\nBefore the list:\n{items}After the list, a paragraph.\n"
    intro.write_text(intro.read_text(encoding="utf-8") + body, encoding="utf-8")
    course, _ = load_course(project)
    (module,) = [m for m in course.modules if m.id == "intro"]
    document = parse(module.prose)
    last = document.blocks[-1]
    assert isinstance(last, Paragraph), document.blocks[-2:]
    assert [n.text for n in last.children if isinstance(n, Text)] == [
        "After the list, a paragraph."
    ]
    lines = intro.read_text(encoding="utf-8").splitlines()
    assert module.body[-1].line == lines.index("After the list, a paragraph.") + 1


@pytest.mark.parametrize(
    "mark", ["\u2013", "\u2014", "\u2713", "\u2714", "\u2192", "\u27a4", "\u2610", "\u25c6"]
)
def test_dashes_ticks_and_arrows_pasted_before_a_tab_are_bullets(mark: str) -> None:
    """Word pastes a list whose marks are dashes, ticks or arrows as "–<tab>Text": each
    line is a list item (they ran together into one paragraph); the same mark before a
    space (a sentence starting with a dash) stays text."""
    from materials_gen.pasted import tidy_line, word_bullet

    def read(line: str) -> str:
        return word_bullet(tidy_line(line)[0])

    assert read(f"{mark}\tA notebook") == "- A notebook"
    assert read(f"\t{mark}\tA pen") == "  - A pen"  # a level in
    assert read(f"{mark} a sentence") == f"{mark} a sentence"


@pytest.mark.parametrize("pasted", ["\u2013\t", "o\t", "1.\t", "2)\t", "\u2022\t", "\u2713\t"])
def test_a_mark_pasted_into_a_list_entry_is_dropped_everywhere(
    project: Path, tmp_path: Path, pasted: str
) -> None:
    """A key point pasted from Word as "- –<tab>Calm rooms" (or "o", "1.", a tick): the
    handout printed "– Calm rooms" and the deck "Calm rooms", or the deck drew its own
    number. The entry's dash is its mark: both show the text alone."""
    edit(
        project / "content" / "modules" / "intro.md",
        "  - Calm rooms help everyone",
        f"  - {pasted}Calm rooms help everyone",
    )
    report = build(
        project, BuildOptions(output=tmp_path, audiences=("all-staff",), kinds=("handout", "deck"))
    )
    paths = {b.target.kind.name: b.path for b in report.built}
    handout = " ".join(
        line.strip()
        for page in PdfReader(str(paths["handout"])).pages
        for line in (page.extract_text() or "").splitlines()
    )
    assert "Calm rooms help everyone" in handout
    if pasted != "\u2022\t":  # the handout's own mark: one of them, not two
        assert f"{pasted.strip()} Calm rooms" not in handout
    assert "\u2022 \u2022 Calm" not in handout and f"{pasted}Calm" not in handout
    texts = [
        p.text
        for slide in Presentation(str(paths["deck"])).slides
        for shape in slide.shapes
        if shape.has_text_frame
        for p in shape.text_frame.paragraphs
    ]
    assert "Calm rooms help everyone" in texts
    assert not any(t.startswith(pasted.strip()) and "Calm rooms" in t for t in texts)


def test_bullets_pasted_into_notes_are_a_list_in_every_notes_view(
    project: Path, tmp_path: Path
) -> None:
    """Speaker notes pasted from Word ("•<tab>Text" lines, "<tab>o<tab>" a level in) came out
    as one run-on line in the guide, the deck's notes and the notes pages."""
    intro = project / "content" / "modules" / "intro.md"
    notes = (
        "notes: |\n  Pasted notes:\n  \u2022\tGreet each person\n  \u2022\tShow the exits\n"
        "  \to\tBoth doors\n  Then begin.\n"
    )
    edit(intro, "notes: Say hello and explain the session.\n", notes)
    options = BuildOptions(
        output=tmp_path / "out", kinds=("deck", "notes-pages", "guide"), audiences=("clinical",)
    )
    made = {b.target.kind.name: b.path for b in build(project, options).built}
    deck = Presentation(str(made["deck"]))
    said = next(
        s.notes_slide.notes_text_frame.text
        for s in deck.slides
        if s.has_notes_slide and "Pasted notes" in s.notes_slide.notes_text_frame.text
    )
    expected = ["Pasted notes:", "- Greet each person", "- Show the exits", "- Both doors"]
    lines = [line.strip(" \u00a0") for line in said.splitlines()]
    assert lines == [*expected, "Then begin."]
    for kind in ("notes-pages", "guide"):
        text = " ".join(p.extract_text() or "" for p in PdfReader(str(made[kind])).pages)
        assert "\u2022 Greet" not in text and "Greet each person Show" not in text, kind
        assert "Show the exits Both doors" not in text and "Both doors Then" not in text, kind


PASTED_STEPS = (
    "Work in pairs:\n\u2022\twalk the corridor\n\u2022\tnote three changes\n"
    "a)\tthe first letter\nb)\tthe second letter\n"
    "Steps to follow:\n(1) Greet the person\n(2) Offer a seat\n"
    "Continue with:\n3. Third step\n4. Fourth step\nThen report back."
)
# each item as the trainer saw it in Word: a line of its own, in the order pasted
STEP_LINES = [
    "Work in pairs:",
    "walk the corridor",
    "note three changes",
    "a) the first letter",
    "b) the second letter",
    "Steps to follow:",
    "(1) Greet the person",
    "(2) Offer a seat",
    "Continue with:",
    "3. Third step",
    "4. Fourth step",
    "Then report back.",
]


def test_lists_pasted_into_instructions_keep_a_line_each_everywhere(project: Path) -> None:
    """An activity's instructions, a content note or a card pasted from Word with bullets,
    letters and numbers in brackets: they printed as one run-on paragraph in every output
    (only speaker notes and the body were read as lists), and the deck's speaker notes
    ran the instructions into one line. Each item now has its line in the handout, the
    guide, the slide, its notes and the notes pages; a numbered list that starts at 3 right
    under a sentence does too, and a lettered list after a bulleted one is a list of its
    own. Word's list marks and their tabs are not taken for a table."""
    import re
    import subprocess

    from .conftest import tool

    practice = project / "content" / "modules" / "practice.md"
    indented = "\n".join("      " + line for line in PASTED_STEPS.split("\n"))
    edit(
        practice,
        "    instructions: Walk around the room and note three changes.\n",
        f"    instructions: |\n{indented}\n    cards:\n      - |\n"
        "        Case A:\n        \u2022\tfirst fact\n        \u2022\tsecond fact\n",
    )
    result = CliRunner().invoke(main, ["build", "-p", str(project), "-a", "all-staff"])
    assert result.exit_code == 0, result.output
    assert "pasted with tabs" not in result.output
    out = project / "output" / "all-staff"

    def lines_of(pdf: Path) -> list[str]:
        text = subprocess.run(
            [tool("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True
        ).stdout
        return [re.sub(r"^[\s\u2022\u25aa\-]+", "", line).strip() for line in text.splitlines()]

    for name in ("handout", "guide", "notes-pages"):
        found = lines_of(out / f"safe-rooms-all-staff-{name}.pdf")
        at = [found.index(line) for line in STEP_LINES]  # each a line of its own
        assert at == sorted(at), name
    guide = lines_of(out / "safe-rooms-all-staff-guide.pdf")
    assert "first fact" in guide and "second fact" in guide  # the card's list
    deck = Presentation(str(out / "safe-rooms-all-staff-deck.pptx"))
    (slide,) = [s for s in deck.slides if "Room audit" in s.shapes.title.text]
    notes = slide.notes_slide.notes_text_frame.text.splitlines()
    assert [re.sub(r"^- ", "", line) for line in notes[1:]] == STEP_LINES
    shown = "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
    assert all(re.split(r"[\n\x0b]", shown).count(line) == 1 for line in STEP_LINES)


def test_an_emoji_s_variation_selector_is_left_out_not_printed_as_a_mark(
    project: Path,
) -> None:
    """A warning sign as Teams and the web paste it (U+26A0, then U+FE0F, "as an emoji"):
    the PDFs printed the sign and a '?' for the selector, which no face draws and nobody
    sees."""
    intro = project / "content" / "modules" / "intro.md"
    edit(intro, "  - Calm rooms help everyone", '  - "\u26a0\ufe0f Calm rooms help everyone"')
    result = CliRunner().invoke(main, ["build", "-p", str(project), "-a", "all-staff"])
    assert result.exit_code == 0 and "FE0F" not in result.output, result.output
    for name in ("handout", "slides"):
        pdf = project / "output" / "all-staff" / f"safe-rooms-all-staff-{name}.pdf"
        text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages)
        assert "Calm rooms help everyone" in text and "\u26a0" in text, name
        assert "?" not in text.partition("Calm rooms")[0][-6:], name  # no mark before it


def test_an_ideographic_space_between_latin_words_prints_as_a_gap(project: Path) -> None:
    """A full-width space (U+3000, from a Japanese input method) between Latin words: the
    printed slides and notes pages drew it in the Latin face, which has no such glyph, and
    the two words ran together ("roomshelp"). It is drawn in a face that has it."""
    import re
    import subprocess

    from .conftest import tool

    intro = project / "content" / "modules" / "intro.md"
    edit(intro, "  - Calm rooms help everyone", "  - Calm rooms\u3000help everyone")
    result = CliRunner().invoke(
        main, ["build", "-p", str(project), "-a", "all-staff", "--only", "slides,notes-pages"]
    )
    assert result.exit_code == 0, result.output
    for name in ("slides", "notes-pages"):
        pdf = project / "output" / "all-staff" / f"safe-rooms-all-staff-{name}.pdf"
        boxes = subprocess.run(
            [tool("pdftotext"), "-bbox", str(pdf), "-"], capture_output=True, text=True
        ).stdout
        found = re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([^<]*)<', boxes)
        words = [(float(x0), float(y), float(x1), w) for x0, y, x1, w in found]
        assert not [w for *_, w in words if "roomshelp" in w], name
        pairs = [
            (a, b)
            for a in words
            for b in words
            if a[3] == "rooms" and b[3] == "help" and abs(a[1] - b[1]) < 1 and b[0] > a[2]
        ]
        assert pairs, name  # two words on one line
        (rooms, help_), *_ = pairs
        assert help_[0] - rooms[2] > 4, name  # a gap wider than an ordinary space


@pytest.mark.parametrize(
    "item",
    ["1. Say who you are\n   and what you do.\n", "1. Say who you are\n   - your name\n"],
    ids=["a second line", "a nested point"],
)
def test_a_numbered_list_going_on_prints_no_line_breaks(project: Path, item: str) -> None:
    """A numbered list whose first item has a second line or a point under it: the line
    before "2." was taken for a sentence, and every item after it ended in a printed
    backslash. A list already going is Markdown's, as it was."""
    intro = project / "content" / "modules" / "intro.md"
    steps = item + "2. Share one goal\n3. Listen to the others\n"
    intro.write_text(intro.read_text(encoding="utf-8") + "\n" + steps, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["build", "-p", str(project), "-a", "all-staff", "--only", "handout"]
    )
    assert result.exit_code == 0, result.output
    text = " ".join(
        page.extract_text()
        for page in PdfReader(
            project / "output" / "all-staff" / "safe-rooms-all-staff-handout.pdf"
        ).pages
    )
    assert "Share one goal" in text and "\\" not in text


@pytest.mark.parametrize(
    ("under", "lines"),
    [
        (
            "1. Prepare the room\n2. Greet the person\n   3. Offer a seat\n   4. Offer water\n",
            ["2. Greet the person", "3. Offer a seat", "4. Offer water"],
        ),
        (
            "- Before the session\n  3. Check the lights\n  4. Check the exits\n",
            ["Before the session", "3. Check the lights", "4. Check the exits"],
        ),
        (
            "- Before the session\n\n  Then:\n  3. Check the lights\n  4. Check the exits\n",
            ["Then:", "3. Check the lights", "4. Check the exits"],
        ),
    ],
    ids=["under a numbered item", "under a bullet", "under an item's second paragraph"],
)
def test_a_numbered_sub_list_starting_after_1_keeps_a_line_for_each_item(
    project: Path, under: str, lines: list[str]
) -> None:
    """A sub-list numbered from 3 under a list item: Markdown starts no list inside a
    paragraph with a number other than 1, so "3." and "4." ran on in the item's line
    ("2. Greet the person 3. Offer a seat 4. Offer water"). Each has a line of its own,
    its number as typed, as under a sentence at the margin."""
    import re
    import subprocess

    from .conftest import tool

    intro = project / "content" / "modules" / "intro.md"
    intro.write_text(intro.read_text(encoding="utf-8") + "\n" + under, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["build", "-p", str(project), "-a", "all-staff", "--only", "handout"]
    )
    assert result.exit_code == 0, result.output
    handout = project / "output" / "all-staff" / "safe-rooms-all-staff-handout.pdf"
    text = subprocess.run(
        [tool("pdftotext"), "-layout", str(handout), "-"], capture_output=True, text=True
    ).stdout
    shown = [re.sub(r"^[\s\u2022\u25aa]+", "", line).strip() for line in text.splitlines()]
    at = [shown.index(line) for line in lines]  # each a line of its own, in order
    assert at == sorted(at), shown
    assert "\\" not in text


def test_lists_pasted_into_one_audience_s_instructions_or_a_card_entry_keep_their_lines(
    project: Path,
) -> None:
    """Instructions written per audience (`instructions: {clinical: ...}`) and a card
    written as an entry (`- text: ...`) with lists pasted from Word: they printed run
    together while the same list in plain instructions kept a line each."""
    practice = project / "content" / "modules" / "practice.md"
    pasted = "Do this:\n        \u2022\tFirst step here\n        \u2022\tSecond step here\n"
    edit(
        practice,
        "    instructions: Walk around the room and note three changes.\n",
        f"    instructions:\n      default: |\n        {pasted}"
        f"    cards:\n      - text: |\n          Case:\n          \u2022\tfirst fact\n"
        "          \u2022\tsecond fact\n",
    )
    result = CliRunner().invoke(main, ["show", "guide", "-a", "clinical", "-p", str(project)])
    assert result.exit_code == 0, result.output
    shown = result.output
    assert "- First step here\n- Second step here" in shown, shown
    assert "- first fact\n- second fact" in shown


def test_a_box_title_written_in_markdown_reads_as_in_the_deck(project: Path) -> None:
    """An activity's title and the poster panel's are put in a box's title: the handout and
    the guide printed "Room *audit*" with its asterisks where the deck showed "Room audit"
    in italics, and the guide's own checklist "Room audit"."""
    edit(
        project / "content/modules/practice.md", "  - title: Room audit", "  - title: Room *audit*"
    )
    edit(
        project / "content/course.yaml",
        "settings:\n",
        "poster:\n  panel:\n    title: What **you** can do\n    points:\n      - Ask early\n"
        "settings:\n",
    )
    result = CliRunner().invoke(main, ["build", "-p", str(project), "-a", "all-staff"])
    assert result.exit_code == 0, result.output
    out = project / "output" / "all-staff"
    for name in ("handout", "guide"):
        text = all_text(out / f"safe-rooms-all-staff-{name}.pdf")
        assert "Room audit" in text and "*audit*" not in text, name
    poster = all_text(out / "safe-rooms-all-staff-poster.pdf")
    assert "What you can do" in poster and "**" not in poster
    deck = Presentation(str(out / "safe-rooms-all-staff-deck.pptx"))
    assert any("Room audit" in s.shapes.title.text for s in deck.slides if s.shapes.title)


def test_markdown_in_the_course_s_facts_is_read_everywhere_never_printed_as_typed(
    project: Path,
) -> None:
    """A course title "Safe Rooms & *Calm* Spaces" was in italics on the deck's title slide
    and printed with its asterisks on every title page, running footer, slide footer and
    poster, and in the files' properties; so were the subtitle, the organization and the
    audience's name and description."""
    course = project / "content/course.yaml"
    edit(course, "title: Safe Rooms\n", "title: Safe Rooms & *Calm* Spaces\n")
    edit(course, "subtitle: A two-module test course", "subtitle: A *two-module* course")
    edit(course, "organization: Test Clinic", "organization: Test **Clinic**")
    edit(course, "    description: Everyone who works here.", "    description: Everyone **here**.")
    result = CliRunner().invoke(main, ["build", "-p", str(project), "-a", "all-staff"])
    assert result.exit_code == 0, result.output
    out = project / "output" / "all-staff"
    for pdf in sorted(out.glob("*.pdf")):
        text = all_text(pdf)
        assert "*" not in text, (pdf.name, text[:300])
        assert "Calm Spaces" in text or pdf.name.endswith("poster.pdf"), pdf.name
        assert "*" not in str(PdfReader(str(pdf)).metadata), pdf.name
    deck = Presentation(str(out / "safe-rooms-all-staff-deck.pptx"))
    shown = [s.text_frame.text for slide in deck.slides for s in slide.shapes if s.has_text_frame]
    assert not [t for t in shown if "*" in t], [t for t in shown if "*" in t][:3]
    properties = deck.core_properties
    assert "*" not in f"{properties.title}{properties.subject}{properties.author}"


@pytest.mark.parametrize("mark", ["1.", "-", "2)"])
def test_a_list_mark_followed_by_a_no_break_space_starts_an_item(mark: str) -> None:
    """A list pasted from a web page or Google Docs has a no-break space after each mark:
    Markdown read the items as one paragraph ("1. First 2. Second"), without a word."""
    first, _ = tidy_line(f"{mark}\u00a0First item")
    second, _ = tidy_line(f"{mark}\u00a0\u00a0Second item")
    document = parse(f"{first}\n{second}\n")
    (block,) = document.blocks
    assert not isinstance(block, Paragraph), block
    assert len(block.items) == 2  # type: ignore[attr-defined]
    assert tidy_line("A\u00a0B")[0] == "A\u00a0B"  # a no-break space elsewhere is kept


@pytest.mark.parametrize("mark", ["a.", "(a)", "iv.", "(3)"])
def test_a_lettered_mark_followed_by_a_no_break_space_reads_as_with_a_space(mark: str) -> None:
    """Lettered and roman items pasted with a no-break space ran into one paragraph, where
    the same lines with a space keep a line each: they read as with a space."""
    assert tidy_line(f"{mark}\u00a0Item")[0] == f"{mark} Item"


def test_every_control_character_of_a_line_or_value_is_named(tmp_path: Path) -> None:
    """A line holding three control characters was warned of as holding the first, and the
    others were removed without a word (the README says each removal is reported)."""
    root = kit_copy(tmp_path)
    edit(root / MODULE, "offering a choice", "offering\x01 a\x7f cho\x1bice\x01")
    edit(
        root / "content" / "course.yaml",
        "title: Trauma-Informed and Trauma-Competent Care",
        'title: "Trauma-Informed\\x02 and\\x03 Trauma-Competent Care"',
    )
    result = CliRunner().invoke(
        main, ["check", "-p", str(root)], catch_exceptions=False, env={"NO_COLOR": "1"}
    )
    said = "removed 4 invisible control characters (U+0001, U+007F, U+001B)"
    assert said in result.output, result.output
    assert "removed 2 invisible control characters (U+0002, U+0003)" in result.output
