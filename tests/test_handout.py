"""The handout as a reader and a printer see it: words on pages, fonts, metadata, bytes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from materials_gen.build import BuildOptions, build

from .conftest import (
    KIT_CLINICAL_ONLY,
    KIT_LANGUAGE,
    KIT_SHARED,
    REPO,
    all_text,
    append,
    edit,
    kit_copy,
    pages_text,
    run,
    said,
    tool,
)

LETTER = (612, 792)


def STAFF_HANDOUT(folder: Path) -> BuildOptions:  # noqa: N802 (reads as a constant)
    return BuildOptions(output=folder, audiences=("all-staff",), kinds=("handout",))


A4 = (595.28, 841.89)


def page_size(path: Path) -> tuple[float, float]:
    box = PdfReader(str(path)).pages[0].mediabox
    return round(float(box.width), 2), round(float(box.height), 2)


def test_title_page_is_stamped_from_the_content(kit_build: dict[str, Path]) -> None:
    first = pages_text(kit_build["clinical"])[0]
    for words in (
        "Trauma-Informed and",
        "Trauma-Competent Care",
        "Safety for everyone, skilled care where it is needed",
        "Clinical providers",
        "Riverbend Community Health",
        "Riverbend Learning and Development",
        "1.0",
        "2 November 2026",
    ):
        assert words in first


@pytest.mark.parametrize("audience", ["all-staff", "clinical"])
def test_every_page_has_the_running_footer(kit_build: dict[str, Path], audience: str) -> None:
    pages = pages_text(kit_build[audience])
    name = {"all-staff": "All staff", "clinical": "Clinical providers"}[audience]
    for number, text in enumerate(pages, start=1):
        assert f"Trauma-Informed and Trauma-Competent Care · {name}" in text
        assert f"Version 1.0 · 2 November 2026 · Page {number} of {len(pages)}" in text


def test_clinical_only_text_never_reaches_all_staff(kit_build: dict[str, Path]) -> None:
    staff = all_text(kit_build["all-staff"]).lower()
    clinical = all_text(kit_build["clinical"]).lower()
    for phrase in KIT_CLINICAL_ONLY:
        assert phrase.lower() not in staff, phrase
        assert phrase.lower() in clinical, phrase
    for phrase in KIT_SHARED:
        assert phrase.lower() in staff and phrase.lower() in clinical, phrase


def test_modules_appear_in_order_with_their_parts(kit_build: dict[str, Path]) -> None:
    text = all_text(kit_build["all-staff"])
    titles = [
        "1. Welcome and overview",
        "2. What trauma-informed care is",
        "3. What trauma-competent care is",
        "4. The key differences, side by side",
        "5. Why both matter",
        "6. Practical steps for our organization",
        "7. Bringing it together",
    ]
    positions = [text.rindex(t) for t in titles]  # rindex: past the contents page
    assert positions == sorted(positions)
    assert text.count("Learning objectives") == 7
    assert text.count("Takeaway") == 7
    assert "Content note" in text and "Where to find support" in text


def test_comparison_table_has_all_five_aspects(kit_build: dict[str, Path]) -> None:
    pages = pages_text(kit_build["all-staff"])
    table_pages = " ".join(p for p in pages if "Skills required" in p)
    for aspect in ("Focus", "Application", "Skills required", "Goal", "Example practices"):
        assert aspect in table_pages
    assert "Trauma-informed care" in table_pages and "Trauma-competent care" in table_pages


def test_bookmarks_follow_the_modules(kit_build: dict[str, Path]) -> None:
    reader = PdfReader(str(kit_build["clinical"]))
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    assert top[0] == "About this course"
    assert "3. Trauma-competent care in clinical practice" in top
    assert len([t for t in top if re.match(r"\d\. ", t)]) == 7


def test_metadata(kit_build: dict[str, Path]) -> None:
    reader = PdfReader(str(kit_build["all-staff"]))
    info = reader.metadata
    assert (
        info.title
        == "Trauma-Informed and Trauma-Competent Care \u2013 Participant handout \u2013 All staff"
    )
    assert info.author == "Riverbend Community Health"
    assert "All staff" in info.subject
    assert "trauma-informed care" in info["/Keywords"]
    assert info["/CreationDate"].startswith("D:20261102")
    assert reader.trailer["/Root"]["/Lang"] == "en-US"


def test_links_work(tmp_path: Path, project: Path) -> None:
    edit(
        project / "content" / "modules" / "intro.md",
        "Rooms shape",
        "See [the guide](https://example.org/guide). Rooms shape",
    )
    report = build(project, STAFF_HANDOUT(tmp_path))
    reader = PdfReader(str(report.built[0].path))
    uris = [
        annot.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annot in page.get("/Annots", [])
        if "/A" in annot.get_object()
    ]
    assert "https://example.org/guide" in uris


def test_a_printed_link_shows_its_address_after_its_words(tmp_path: Path, project: Path) -> None:
    """Paper cannot be clicked: a link's words are followed by the address a reader types,
    unless the words already show it; the poster, read on a wall, does the same."""
    edit(
        project / "content" / "modules" / "intro.md",
        "Rooms shape",
        "See [the guide](https://example.org/guide), write to [the team](mailto:team@example.org),"
        " visit [example.org](https://www.example.org/) or https://example.net/rooms. Rooms shape",
    )
    report = build(project, STAFF_HANDOUT(tmp_path))
    text = " ".join(all_text(report.built[0].path).split())
    said = "See the guide (https://example.org/guide), write to the team (team@example.org),"
    assert said in text
    assert "visit example.org or https://example.net/rooms." in text  # shown already: once


def test_letter_by_default_a4_by_setting_and_option(
    kit_build: dict[str, Path], project: Path, tmp_path: Path
) -> None:
    assert page_size(kit_build["clinical"]) == LETTER
    setting = build(
        project, BuildOptions(output=tmp_path / "a", kinds=("handout",))
    )  # project says a4
    assert page_size(setting.built[0].path) == A4
    option = build(project, BuildOptions(output=tmp_path / "b", paper="letter", kinds=("handout",)))
    assert page_size(option.built[0].path) == LETTER


def test_two_builds_are_byte_identical(kit_build: dict[str, Path], tmp_path: Path) -> None:

    again = build(
        REPO, BuildOptions(languages=(KIT_LANGUAGE,), output=tmp_path, kinds=("handout",))
    )
    for built in again.built:
        assert built.path.read_bytes() == kit_build[built.target.audience.id].read_bytes()


def test_text_with_markup_characters_prints_literally(project: Path, tmp_path: Path) -> None:
    edit(
        project / "content" / "modules" / "intro.md",
        "title: Welcome to safe rooms",
        'title: "Rooms <b> & \\"quotes\\" > all"',
    )
    edit(
        project / "content" / "modules" / "intro.md",
        "Rooms shape how",
        "Use a < b & c > d — “smart” ‘quotes’ how",
    )
    report = build(project, STAFF_HANDOUT(tmp_path))
    text = all_text(report.built[0].path)
    assert 'Rooms <b> & "quotes" > all' in text
    assert "Use a < b & c > d — “smart” ‘quotes’ how" in text


def test_a_module_with_no_time_still_says_which_module_it_is(project: Path, tmp_path: Path) -> None:
    """The deck's section slide says "Part 1 of 2" for a module with no duration; the
    handout says "Module 1 of 2" for it too, and its time where it has one."""
    edit(project / "content" / "modules" / "intro.md", "duration: 10\n", "")
    report = build(project, STAFF_HANDOUT(tmp_path))
    text = " ".join(all_text(report.built[0].path).split())
    assert "Module 1 of 2" in text and "Module 1 of 2 ·" not in text
    assert re.search(r"Module 2 of 2 · \d+ min", text), text


def test_a_list_nested_nine_deep_prints_whole_with_all_that_follows(
    project: Path, tmp_path: Path
) -> None:
    """Nine levels of list inside two callouts inside an audience block: every item, and
    every word after them, is on the page (the parser once stopped reading there and
    dropped the rest of the handout)."""
    nested = "".join(f"{'  ' * level}- Level {level + 1}\n" for level in range(9))
    edit(
        project / "content" / "modules" / "intro.md",
        "Therapy rooms need a clear exit path for the client.",
        "Therapy rooms need a clear exit path for the client.\n\n"
        '::::: {.callout title="Outer"}\n:::: {.callout title="Inner"}\n'
        f"{nested}::::\n:::::\n",
    )
    report = build(
        project, BuildOptions(output=tmp_path, audiences=("clinical",), kinds=("handout",))
    )
    text = " ".join(all_text(report.built[0].path).split())
    assert re.search(r"\W+".join(f"Level {n}" for n in range(1, 10)), text), text
    after = text.split("Level 9", 1)[1]
    assert "Putting it into practice" in after  # the next module's title
    assert "Which row surprised you?" in after  # its last words


def test_a_box_holds_headings_pictures_and_other_boxes(project: Path, tmp_path: Path) -> None:
    """A callout may hold what a module's text may: a heading, a picture with its caption,
    another callout. A box is a table cell, which cannot ask a page for room: each prints
    inside it, in order, instead of stopping the build as too large for a page."""
    edit(
        project / "content" / "modules" / "intro.md",
        "Therapy rooms need a clear exit path for the client.",
        "Therapy rooms need a clear exit path for the client.\n\n"
        ':::: {.callout title="Room check"}\n### Before they arrive\n\nWalk the room.\n\n'
        "![A calm waiting room with two green chairs](../images/room.png)\n\n"
        '::: {.callout title="Remember"}\nAsk before moving chairs.\n:::\n\n'
        "Then open the door.\n::::\n",
    )
    report = build(
        project, BuildOptions(output=tmp_path, audiences=("clinical",), kinds=("handout",))
    )
    text = " ".join(all_text(report.built[0].path).split())
    words = [
        "Room check",
        "Before they arrive",
        "Walk the room.",
        "Remember",
        "Ask before moving chairs.",
        "Then open the door.",
        "Where to find support",
    ]
    assert re.search(".*".join(map(re.escape, words)), text), text
    assert "::" not in text


BOXED_LIST = (
    "Before you start:\n\n- Check the room\n  - the lights\n- Open the window\n\n"
    "Then welcome people."
)


@pytest.mark.parametrize(
    ("module", "old", "new"),
    [
        ("intro.md", "Rooms shape", f"::: {{.callout}}\n{BOXED_LIST}\n:::\n\nRooms shape"),
        ("intro.md", "Rooms shape", "> " + BOXED_LIST.replace("\n", "\n> ") + "\n\nRooms shape"),
        (
            "practice.md",
            "instructions: Walk around the room and note three changes.",
            "instructions: |\n      " + BOXED_LIST.replace("\n", "\n      "),
        ),
    ],
    ids=["callout", "quote", "activity"],
)
def test_a_box_ending_in_a_list_and_a_paragraph_checks_and_prints(
    project: Path, tmp_path: Path, module: str, old: str, new: str
) -> None:
    """A box (a callout, a quote, an activity's instructions) whose last two parts are a
    list and a sentence, as trainers write "Before you start: ... Then ...": check passes
    and every output prints it (measuring the list to keep the box's end together once
    stopped both with a traceback)."""
    edit(project / "content" / "modules" / module, old, new)
    assert said("check", "-p", str(project)).startswith("OK"), said("check", "-p", str(project))
    report = build(project, BuildOptions(output=tmp_path))  # every kind, both audiences
    handouts = [b.path for b in report.built if b.target.kind.name == "handout"]
    assert len(handouts) == 2
    words = ["Before you start:", "Check the room", "the lights", "Open the window", "Then"]
    for handout in handouts:
        text = " ".join(all_text(handout).split())
        assert re.search(".*".join(map(re.escape, words)), text), text


def test_a_unit_never_breaks_across_printed_lines(project: Path, tmp_path: Path) -> None:
    """ "(10 min)" ends sentences of every length, so some reach the end of a line: none is
    printed as "(10" / "min)", in the text or in a table cell."""
    sentences = "\n\n".join(
        f"Walk the corridor and check {'every ' * (n % 9)}room of floor {'1' * (n // 9 + 1)} "
        "and the stairs (10 min)."
        for n in range(40)
    )
    edit(project / "content" / "modules" / "intro.md", "Rooms shape how people feel.", sentences)
    edit(
        project / "content" / "tables" / "approaches.yaml",
        "informed: Noticing",
        "informed: Notice (5 min)",
    )
    report = build(project, STAFF_HANDOUT(tmp_path))
    lines = run(tool("pdftotext"), str(report.built[0].path), "-").stdout.split("\n")
    assert sum(len(re.findall(r"\(10\s+min\)", line)) for line in lines) == 40
    assert any(re.search(r"\(5\s+min\)", line) for line in lines)
    for line in lines:
        assert not re.search(r"\(\d+$", line.strip()) and not line.startswith("min)"), line


def test_a_phone_number_never_breaks_across_printed_lines(project: Path, tmp_path: Path) -> None:
    """A support line's number printed as "0800" at a line's end and "000 1234." at the
    next's: sentences of every length put it at every place of a line."""
    sentences = "\n\n".join(
        f"Staff can call {'the free ' * (n % 12)}support line on 0800 000 1234 at any hour."
        for n in range(30)
    )
    edit(project / "content" / "modules" / "intro.md", "Rooms shape how people feel.", sentences)
    report = build(project, STAFF_HANDOUT(tmp_path))
    lines = run(tool("pdftotext"), str(report.built[0].path), "-").stdout.split("\n")
    assert sum(len(re.findall(r"0800\s000\s1234", line)) for line in lines) == 30
    for line in lines:
        assert not re.search(r"(0800|0800 000)$", line.strip()), line


def test_greek_cyrillic_and_accents_print(project: Path, tmp_path: Path) -> None:
    words = "Ελληνικά Кириллица Łódź naïve café"
    edit(project / "content" / "modules" / "intro.md", "Rooms shape how", f"{words} how")
    report = build(project, STAFF_HANDOUT(tmp_path))
    assert words in all_text(report.built[0].path)
    assert report.warnings == []


def test_characters_the_theme_font_lacks_print_in_a_shipped_face(
    project: Path, tmp_path: Path
) -> None:
    """Noto Sans has no check mark or Han characters: the shipped CJK face draws them."""
    edit(
        project / "content" / "modules" / "intro.md", "Rooms shape how", "Rooms ✓ 王小明 shape how"
    )
    report = build(project, STAFF_HANDOUT(tmp_path))
    assert "Rooms ✓ 王小明 shape how" in all_text(report.built[0].path)
    assert report.warnings == []


def test_reflection_questions_have_write_in_lines(project: Path, tmp_path: Path) -> None:
    report = build(project, STAFF_HANDOUT(tmp_path))
    reader = PdfReader(str(report.built[0].path))
    page = next(p for p in reader.pages if "What makes a room feel safe" in p.extract_text())
    content = page.get_contents().get_data().decode("latin-1")
    # three ruled lines under the question: stroked horizontal segments
    assert len(re.findall(r"\d+ l S", content)) >= 3


def test_qpdf_finds_no_problems(kit_build: dict[str, Path]) -> None:
    qpdf = tool("qpdf")
    for path in kit_build.values():
        result = run(qpdf, "--check", str(path))
        assert result.returncode == 0, result.stdout + result.stderr
        assert "No syntax or stream encoding errors found" in result.stdout


def test_every_font_is_embedded(kit_build: dict[str, Path]) -> None:
    pdffonts = tool("pdffonts")
    for path in kit_build.values():
        lines = run(pdffonts, str(path)).stdout.splitlines()[2:]
        assert lines, "no fonts listed"
        for line in lines:
            columns = line.split()
            assert columns[-5] == "yes", f"not embedded: {line}"
            assert "Helvetica" not in line


def test_pdftotext_sees_every_word(kit_build: dict[str, Path]) -> None:
    pdftotext = tool("pdftotext")
    text = run(pdftotext, str(kit_build["all-staff"]), "-").stdout
    assert "\ufffd" not in text
    assert "psychological safety" in re.sub(r"\s+", " ", text)


def test_long_table_repeats_its_header_on_each_page(project: Path, tmp_path: Path) -> None:
    rows = "".join(
        f"  - aspect: Row {i}\n    informed: Informed text {i}\n    competent: Competent text {i}\n"
        for i in range(80)
    )
    table = project / "content" / "tables" / "approaches.yaml"
    text = table.read_text()
    table.write_text(text.replace("rows:\n", "rows:\n" + rows))
    report = build(project, STAFF_HANDOUT(tmp_path))
    pages = [p for p in pages_text(report.built[0].path) if "Row " in p]
    assert len(pages) >= 2
    for page in pages:
        assert "Aspect Informed Competent" in page
    assert "Row 79" in pages[-1]


def test_a_table_row_too_long_for_a_page_goes_on_over_pages(project: Path, tmp_path: Path) -> None:
    """A cell of 2,000 words used to stop every handout ("table row 1 is too long for one
    page"): its row goes on over the pages it needs, every word printed once."""
    edit(
        project / "content" / "tables" / "approaches.yaml",
        "    informed: Noticing",
        "    informed: " + "Noticing things with care " * 400,
    )
    report = build(project, BuildOptions(output=tmp_path, kinds=("handout",)))
    assert len(report.built) == 2
    for made in report.built:
        words = run(tool("pdftotext"), str(made.path), "-").stdout.split()
        assert words.count("Noticing") == 400, words.count("Noticing")


def test_very_long_text_continues_over_pages(project: Path, tmp_path: Path) -> None:
    words = "\n\n".join(
        " ".join(f"word{i}" for i in range(start, start + 4000)) for start in range(0, 20000, 4000)
    )
    bullets = "\n".join(f"- bullet number {i}" for i in range(500))
    edit(
        project / "content" / "modules" / "intro.md",
        "Rooms shape how",
        f"{words}\n\n{bullets}\n\nRooms shape how",
    )
    report = build(project, STAFF_HANDOUT(tmp_path))
    text = all_text(report.built[0].path)
    assert report.built[0].pages > 20
    assert "word19999" in text and "bullet number 499" in text


def test_contents_page_numbers_match_the_pages(kit_build: dict[str, Path]) -> None:
    pages = pages_text(kit_build["clinical"])
    # after the session plan: on its page, or the next when the plan fills it
    at = next(n for n, page in enumerate(pages) if f" {page}".count(" Contents ") == 1)
    contents = f" {pages[at]}".partition(" Contents ")[2]
    entries = re.findall(r"(\d\. [A-Z][^.]*?) (\d+)(?= \d\. | Sources | Trauma-Informed)", contents)
    assert len(entries) == 7, contents
    assert re.search(r" Sources (\d+) ", contents)  # the references, listed last
    for title, number in entries:
        assert title in pages[int(number) - 1], (title, number)
    reader = PdfReader(str(kit_build["clinical"]))
    links = [a.get_object() for a in reader.pages[at].get("/Annots", [])]
    # what follows the list: the seven modules and the sources ("About this course" and
    # "Today's session" are above it, on its page)
    assert len(links) == 8


def test_a_long_module_title_takes_more_lines_in_the_contents(
    project: Path, tmp_path: Path
) -> None:
    long = (
        "Putting it into practice on the ward, in the waiting room, at reception and in every "
        "other place where people wait for care"
    )
    edit(
        project / "content" / "modules" / "practice.md",
        "title: Putting it into practice",
        f"title: {long}",
    )
    report = build(
        project, BuildOptions(output=tmp_path, kinds=("handout",), audiences=("all-staff",))
    )
    pages = pages_text(report.built[0].path)
    contents = pages[1].partition(" Contents ")[2]
    assert "\u2026" not in contents  # never cut short
    found = re.search(r"2\. (Putting it into practice.*?) (\d+) ", contents)
    assert found and found.group(1) == long, contents
    assert long in pages[int(found.group(2)) - 1]  # the number is that module's page


@pytest.mark.parametrize("kind", ["handout", "guide"])
def test_every_bookmark_and_contents_link_goes_to_its_own_page(
    kit_outputs: dict[tuple[str, str], Path], kind: str
) -> None:
    """Every bookmark and every contents entry's link went to page 1: the destinations were
    made while the pages were held back for their footers."""
    import pikepdf

    path = kit_outputs["clinical", kind]
    texts = pages_text(path)
    with pikepdf.open(path) as pdf:
        number = {page.obj.objgen: n for n, page in enumerate(pdf.pages)}
        with pdf.open_outline() as outline:
            marks = [(item.title, number[item.destination[0].objgen]) for item in outline.root]
        links = [
            number[a.Dest[0].objgen]
            for page in pdf.pages
            for a in page.get("/Annots", [])
            if a.get("/Subtype") == "/Link" and "/Dest" in a
        ]
    pages = [page for _, page in marks]  # in the order of the pages; two sections may share one
    assert len(set(pages)) >= 8 and pages == sorted(pages)
    for title, page in marks:
        words = " ".join(title.split()[:3])
        assert words in " ".join(texts[page].split()), (title, page)
    assert len(set(links)) >= 7 and set(links) <= {page for _, page in marks}


def test_a_lettered_list_pasted_from_word_keeps_a_line_for_each_item(
    project: Path, tmp_path: Path
) -> None:
    """Markdown has no lettered or roman lists: "a.<tab>Lower the lights" lines pasted from
    Word ran together into one line ("a. Lower the lights b. Open a window"). Each starts
    on a line of its own, its letter kept; "e.g." or a lone "A." in a sentence is no item."""
    edit(
        project / "content" / "modules" / "intro.md",
        "Rooms shape how",
        "Choose one:\na.\tLower the lights\nb.\tOpen a window\n(c) Offer water\n\n"
        "Steps:\ni. Greet\nii. Explain\niii. Ask\n\n"
        "Ask first, e.g. about the light.\nA. Smith wrote the guide.\n\n"
        "1.1 Before the session\n1.2 During the session\n\n"
        "It runs\n1.5 hours in all.\n\nRooms shape how",
    )
    report = build(project, STAFF_HANDOUT(tmp_path))
    text = run(tool("pdftotext"), "-layout", str(report.built[0].path), "-").stdout
    lines = [" ".join(line.split()) for line in text.splitlines()]
    for item in ("a. Lower the lights", "b. Open a window", "(c) Offer water", "i. Greet"):
        assert item in lines, lines
    assert "ii. Explain" in lines and "iii. Ask" in lines
    assert "Ask first, e.g. about the light. A. Smith wrote the guide." in lines
    # numbered by level, as Word's outline numbering pastes; a number in a sentence is none
    assert "1.1 Before the session" in lines and "1.2 During the session" in lines
    assert "It runs 1.5 hours in all." in lines


CONTACTS = """title: Contacts by locality
columns:
  - {id: a, heading: Locality}
  - {id: b, heading: Duty desk}
  - {id: c, heading: Email}
  - {id: d, heading: Out of hours}
rows:
  - a: North
    b: "0800 555 0101"
    c: north.safeguarding@northshore-integrated-care.nhs.example.org
    d: "0800 555 0199"
  - {a: East, b: "0800 555 0103", c: east@example.org, d: "0800 555 0199"}
"""


def _inked_columns(pdf: Path, first_page: int) -> list[tuple[int, int, int]]:
    """For each page from ``first_page`` (1-based), the page's width and the leftmost and
    rightmost columns of pixels with any ink, at 72 dots per inch (a pixel a point)."""
    import pypdfium2 as pdfium

    found = []
    document = pdfium.PdfDocument(str(pdf))
    try:
        for index in range(first_page - 1, len(document)):
            image = document[index].render(scale=1).to_pil().convert("L")
            inked = [
                x
                for x in range(image.width)
                if min(image.getpixel((x, y)) for y in range(0, image.height, 2)) < 200
            ]
            found.append((image.width, min(inked), max(inked)))
    finally:
        document.close()
    return found


def test_tables_stand_within_the_margins_and_short_cells_stay_whole(
    project: Path, tmp_path: Path
) -> None:
    """A table is laid out at the text column's width and drawn in it: flush with the
    headings' rules and the footer, never 12 pt into the right margin (the frame's padding
    was left out of its width); the printed slides' write-in lines too. Beside a long
    e-mail address, which may run on to a second line as a web address does, phone numbers
    keep a line each instead of one group of digits a line."""
    (project / "content/tables/contacts.yaml").write_text(CONTACTS, encoding="utf-8")
    edit(
        project / "content/modules/practice.md",
        "tables: [approaches]",
        "tables: [approaches, contacts]",
    )
    report = build(
        project,
        BuildOptions(output=tmp_path, audiences=("all-staff",), kinds=("handout", "slides")),
    )
    margin = 0.75 * 72
    bar = 2  # a box's bar, 3.5 pt wide, is drawn centred on its left edge
    for made in report.built:
        for width, left, right in _inked_columns(made.path, 2):  # after the title page's band
            assert left >= margin - bar and right <= width - margin + 1, (made.path.name, right)
    handout = next(m.path for m in report.built if m.path.name.endswith("handout.pdf"))
    text = run(tool("pdftotext"), "-layout", str(handout), "-").stdout
    assert text.count("0800 555 0101") == 1 and text.count("0800 555 0199") == 2, text


SERVICES = """title: Services
columns:
  - {id: a, heading: Service}
  - {id: b, heading: Phone}
  - {id: c, heading: Email}
  - {id: d, heading: Web}
rows:
  - a: Employee assistance
    b: "+1 (555) 010-4477"
    c: wellbeing.duty.desk@northshore-community-services.example.org
    d: https://www.northshore-community-services.example.org/staff-support/employee-assistance/
  - {a: Crisis line, b: "988", c: crisis@example.org, d: "https://988lifeline.org/"}
"""


def test_long_addresses_give_way_before_a_phone_number_breaks(
    project: Path, tmp_path: Path
) -> None:
    """Beside a long e-mail address and a long web address, which are cut where their lines
    end anyway, a phone number keeps a line ("+1 (555)" and "010-4477" were printed on two
    lines, the addresses' longest parts taking the room); a name may break between its
    words."""
    (project / "content/tables/services.yaml").write_text(SERVICES, encoding="utf-8")
    edit(
        project / "content/modules/practice.md",
        "tables: [approaches]",
        "tables: [approaches, services]",
    )
    (made,) = build(project, STAFF_HANDOUT(tmp_path)).built
    text = run(tool("pdftotext"), "-layout", str(made.path), "-").stdout
    assert "+1 (555) 010-4477" in text, text
    page = next(p for p in pages_text(made.path) if "crisis@example.org" in p)
    joined = "".join(page.split())  # an address cut where its lines end, read whole
    for address in (SERVICES.split("c: ")[1].split()[0], "988lifeline.org/"):
        assert address in joined, address


def test_a_long_web_address_leaves_a_column_of_sentences_room_to_read(
    project: Path, tmp_path: Path
) -> None:
    """A web address whose longest part between slashes is 46 letters took more than half
    the table, and the notes beside it ran a word or two a line; an address claims no more
    than an even share of the table or 24 letters for that part (it is cut where its
    lines end)."""
    notes = " ".join(
        f"Sentence number {n} explains a careful step that staff should follow." for n in range(8)
    )
    table = (
        "| Name | Phone | Web | Notes |\n|---|---|---|---|\n| Crisis team | 1-800-555-0199 "
        "| https://www.example-organisation-with-a-long-name.org/services/support/contact-us "
        f"| {notes} |\n"
    )
    module = project / "content/modules/practice.md"
    module.write_text(module.read_text(encoding="utf-8") + "\n" + table, encoding="utf-8")
    (made,) = build(project, STAFF_HANDOUT(tmp_path)).built
    text = run(tool("pdftotext"), "-layout", str(made.path), "-").stdout
    line = next(line for line in text.splitlines() if "Sentence number 0" in line)
    assert "Sentence number 0 explains a careful" in line, line


def test_a_column_of_short_words_does_not_take_the_room_a_web_address_needs(
    tmp_path: Path,
) -> None:
    """A note of two words ("Confidentiality applies") was kept on one line by squeezing
    the column of web addresses beside it, whose address then took six lines cut inside
    its words; a column of short cells is kept whole only from room the others' longest
    words leave (a phone number's column, from what their least pieces leave)."""
    table = (
        "| Resource | Audience | Contact | Web | Notes |\n|---|---|---|---|---|\n"
        "| Psychoeducational group | Multidisciplinary teams | intake.coordinator@riverbend"
        "health.org | https://www.samhsa.gov/trauma-violence/trauma-informed-approach "
        "| Confidentiality applies |\n"
        "| EAP | Staff and households | 1-800-555-0199 | https://www.riverbendhealth.org/eap "
        "| Free and confidential |\n"
    )
    kit = kit_copy(tmp_path)  # on letter paper, where the columns' longest words fit
    module = kit / "content/modules/practical-steps.md"
    module.write_text(module.read_text(encoding="utf-8") + "\n" + table, encoding="utf-8")
    options = BuildOptions(
        output=tmp_path / "out", kinds=("handout",), audiences=("all-staff",), languages=("en-US",)
    )
    (made,) = build(kit, options).built
    text = run(tool("pdftotext"), "-layout", str(made.path), "-").stdout.splitlines()
    start = next(n for n, line in enumerate(text) if "Psychoeducational" in line)
    end = next(n for n in range(start, len(text)) if not text[n].strip())
    assert end - start <= 4, "\n".join(text[start:end])  # the row's lines: the address's
    assert "1-800-555-0199" in "\n".join(text[end : end + 4])


def test_a_tables_caption_never_starts_a_page_without_its_table(
    project: Path, tmp_path: Path
) -> None:
    """A caption that did not fit under its table at the foot of a page was printed alone
    at the top of the next one. Tables ending at every height of a page (each module's text
    a line longer than the one before): each caption is on the page of its table's last
    row."""
    (project / "content/tables/abuse.yaml").write_text(
        "title: Types of abuse\ncaption: Based on statutory guidance. Not exhaustive.\n"
        "columns:\n  - {id: a, heading: Type}\n  - {id: b, heading: Signs}\nrows:\n"
        "  - {a: Physical, b: Bruises}\n  - {a: Emotional, b: Withdrawn}\n"
        "  - {a: Financial, b: Missing money}\n  - {a: Neglect, b: Poor hygiene}\n",
        encoding="utf-8",
    )
    names = []
    for n in range(40):
        # a page of its own, then one paragraph a line longer than the last part's (its
        # lines a leading apart: finer steps than the caption and the space above it)
        lines = "  \n".join(f"Line {k} of part {n}." for k in range(1, 8 + n))
        filler = f"\\newpage\n\n{lines}"
        name = f"part{n}"
        (project / f"content/modules/{name}.md").write_text(
            f"---\ntitle: Part {n}\nduration: 5\nkey_points: [Know the signs]\n"
            f"notes: Walk through.\ntables: [abuse]\n---\n{filler}\n",
            encoding="utf-8",
        )
        names.append(name)
    edit(project / "content/course.yaml", "  - practice\n", "".join(f"  - {n}\n" for n in names))
    report = build(project, STAFF_HANDOUT(tmp_path))
    pages = pages_text(report.built[0].path)
    caption = "Based on statutory guidance. Not exhaustive."
    for page in pages:
        for part in page.split(caption)[:-1]:  # what is above each caption on its page
            assert "Poor hygiene" in part, page  # the table's last row
    assert sum(page.count(caption) for page in pages) == 40


def test_a_reflection_question_with_a_lead_in_keeps_its_number(
    project: Path, tmp_path: Path
) -> None:
    """A reflection question whose text ends in a colon and goes on in a second paragraph
    prints its number before it, as the others do (the lead-in is kept with what follows
    it, and the number was lost)."""
    append(
        project / "content" / "modules" / "intro.md",
        '\n::: {.reflection title="Think it over"}\n1. What did you notice today?\n'
        + "2. Read the notes first:\n\n    Then say what you would change.\n\n"
        + "3. What will you do next?\n:::\n",
    )
    report = build(project, STAFF_HANDOUT(tmp_path))
    text = " ".join(all_text(report.built[0].path).split())
    assert "1. What did you notice today?" in text
    assert "2. Read the notes first: Then say what you would change." in text, text
    assert "3. What will you do next?" in text


def test_a_box_going_on_on_another_page_says_its_title_there_once(tmp_path: Path) -> None:
    """A callout too long for its page goes on on the next, its title said again atop it,
    once: under a heading kept with it, the box was tried for a split before it was split,
    and its title was said twice ("Remember (cont.)", "Remember (cont.)")."""
    project = kit_copy(tmp_path)
    points = "\n\n".join(
        f"Point {n}: a paragraph inside the box, long enough to take two or three lines on "
        "a handout page when it is printed."
        for n in range(1, 25)
    )
    append(
        project / "content" / "modules" / "welcome.md",
        f'\n\n**Heading before the box**\n\n::: {{.callout title="Remember"}}\n\n{points}\n\n:::\n',
    )
    options = BuildOptions(
        kinds=("handout",),
        audiences=("all-staff",),
        languages=(KIT_LANGUAGE,),
        output=tmp_path / "out",
    )
    (made,) = build(project, options).built
    pages = [page.extract_text() or "" for page in PdfReader(made.path).pages]
    said = [page.count("Remember (cont.)") for page in pages]
    assert sum(said) >= 1 and max(said) == 1, said
    going_on = next(page for page in pages if "Remember (cont.)" in page)
    assert going_on.lstrip().startswith("Remember (cont.)"), going_on[:80]
