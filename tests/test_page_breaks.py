"""Where the handout, the guide and the forms break their pages: never with one line of a
contents list, one short list item or one table row alone at the top of a page, and no
page spent on the last line or two of a contents list that a little less space between
its entries would have kept on the page before.

The default kit's guides are read as built; the lists and tables are laid out by the
handout's own layout after every height of text above them, so that each lands across a
page break in turn."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Spacer

from materials_gen.document import parse
from materials_gen.meta import document_meta
from materials_gen.render.fonts import Fonts
from materials_gen.render.handout import _Contents, _Layout
from materials_gen.render.pdf import Stamp
from materials_gen.render.tagging import Structure, finish, tag_story
from materials_gen.theme import load_theme

from .conftest import PROJECTS

WIDTH, HEIGHT = 300.0, 260.0  # a small page's frame: a few lines of a list or a table


def contents_pages(path: Path | bytes) -> list[Counter[int]]:
    """Of each contents list (TOC) in a tagged PDF: how many of its entries (TOCI) each page
    holds."""
    found: list[Counter[int]] = []
    with pikepdf.open(io.BytesIO(path) if isinstance(path, bytes) else path) as pdf:
        pages = {page.obj.objgen: number for number, page in enumerate(pdf.pages, start=1)}

        def walk(element: pikepdf.Object) -> None:
            kids = element.get("/K")
            kids = kids if isinstance(kids, pikepdf.Array) else [kids] if kids else []
            if element.get("/S") == "/TOC":
                count: Counter[int] = Counter()
                for entry in kids:
                    if isinstance(entry, pikepdf.Dictionary) and entry.get("/S") == "/TOCI":
                        count[pages[entry.Pg.objgen]] += 1
                found.append(count)
                return
            for kid in kids:
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    walk(kid)

        walk(pdf.Root.StructTreeRoot.K)
    return found


@pytest.mark.parametrize("audience", ["all-staff", "clinical"])
def test_the_guides_contents_list_ends_on_its_page(
    kit_outputs: dict[tuple[str, str], Path], audience: str
) -> None:
    """The guide's contents list follows the session plan: a little too long for the room
    left (the all-staff guide's "Checklists ... 12" took page 3 alone, before the modules'
    page break), it is set a little closer and ends on the session plan's page."""
    guide = kit_outputs[audience, "guide"]
    (toc,) = contents_pages(guide)
    assert list(toc) == [2], toc
    assert len(PdfReader(guide).pages) == {"all-staff": 12, "clinical": 14}[audience]


def test_no_page_holds_one_entry_of_a_contents_list(
    kit_languages: dict[tuple[str, str, str], Path],
) -> None:
    for (language, audience, kind), path in sorted(kit_languages.items()):
        if kind not in ("guide", "handout"):
            continue
        for toc in contents_pages(path):
            alone = [page for page, entries in toc.items() if entries == 1]
            assert not alone or len(toc) == 1, (language, audience, kind, toc)


def test_every_guide_s_contents_list_ends_on_its_page_in_every_language(
    kit_languages: dict[tuple[str, str, str], Path],
) -> None:
    """The Spanish clinical guide's session plan is longer: its contents list left its last
    three entries for a page of their own, 85% blank before the modules' page break. Set a
    little closer, it ends on the session plan's page, and the guide is a page shorter."""
    guides = {k: path for k, path in kit_languages.items() if k[2] == "guide"}
    assert len(guides) == 4
    for key, path in sorted(guides.items()):
        (toc,) = contents_pages(path)
        assert list(toc) == [2], (key, toc)


@pytest.fixture(scope="module")
def layout() -> _Layout:
    theme = load_theme(PROJECTS / "minimal")
    fonts = Fonts(theme.body_font), Fonts(theme.heading_font)
    meta = document_meta({"title": "Page breaks", "language": "en"})
    return _Layout(theme, WIDTH, HEIGHT, meta, fonts)


def laid_out(
    layout: _Layout, above: float, markdown: str, size: tuple[float, float] = (WIDTH, HEIGHT)
) -> bytes:
    """``markdown`` laid out by the handout's layout below ``above`` points of blank space,
    tagged as the handout is, on pages whose frame is ``size`` (the layout's own width and
    page height)."""
    width, height = size
    flowables = [Spacer(1, above), *layout.blocks(parse(markdown).blocks, width)]
    if layout.contents is not None:
        layout.contents.settle(flowables)
    structure = Structure()
    tag_story(flowables, structure)
    out = io.BytesIO()
    doc = _Doc(out, pagesize=(width + 12, height + 12), invariant=1)
    doc.layout = layout
    frame = Frame(0, 0, width + 12, height + 12, id="body")
    doc.addPageTemplates([PageTemplate(id="body", frames=[frame])])
    canvas = Stamp(layout.meta).canvas(layout.body_font.regular, _no_footer, structure)
    doc.build(flowables, canvasmaker=canvas)
    return finish(out.getvalue(), structure, "Page breaks", "en")


class _Doc(BaseDocTemplate):
    """The handout's pages as far as a contents list needs: each heading's page noted."""

    layout: _Layout

    def afterFlowable(self, flowable: object) -> None:  # noqa: N802 (ReportLab's name)
        key = getattr(flowable, "outline_key", "")
        if key:
            self.canv.bookmarkPage(key)
            self.layout.heading_pages[key] = self.page


def pages(
    layout: _Layout, above: float, markdown: str, size: tuple[float, float] = (WIDTH, HEIGHT)
) -> list[str]:
    """The text of each page of ``markdown`` laid out below ``above`` points."""
    data = laid_out(layout, above, markdown, size)
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def _no_footer(*_: object) -> None:
    return None


@pytest.mark.parametrize(
    ("markdown", "ends"),
    [
        (  # a list of one-line items
            "\n".join(f"- Item {n}" for n in range(1, 7)) + "\n",
            ("Item 5", "Item 6"),
        ),
        (  # a table
            "| Step | Who |\n| --- | --- |\n"
            + "\n".join(f"| Row {n} | Everyone |" for n in range(1, 7))
            + "\n",
            ("Row 5", "Row 6"),
        ),
        (  # a list whose last item takes two lines: too short to break between pages
            "\n".join(f"- Item {n}" for n in range(1, 6))
            + "\n- Item 6, a last item long enough to take two lines of this narrow page's"
            " width, so that it cannot break\n",
            ("Item 5", "Item 6"),
        ),
        (  # a box whose last line says what an activity needs
            '::: {.activity title="Activity: Sort the cards"}\n'
            + "\n\n".join(f"Step {n}: sort the cards into the two piles." for n in range(1, 5))
            + "\n\n*You will need:* cards.\n:::\n",
            ("Step 4", "You will need"),
        ),
    ],
    ids=["list", "table", "two-line item", "box"],
)
def test_the_last_item_or_row_never_stands_alone_on_a_page(
    layout: _Layout, markdown: str, ends: tuple[str, str]
) -> None:
    """Wherever the page breaks, the last line of a list or the last row of a table (under
    its repeated header) comes with the one before it."""
    before, last = ends
    breaks = 0
    for above in range(0, int(HEIGHT), 3):
        texts = pages(layout, above, markdown)
        where = {text: n for n, page in enumerate(texts) for text in (before, last) if text in page}
        assert where[before] == where[last], (above, texts)
        breaks += len(texts) > 1
    assert breaks > 10  # the list and the table did land across a page break


def test_a_table_s_last_two_rows_go_on_together_however_tall_they_are(
    layout: _Layout,
) -> None:
    """A large-print answer key's last row stood alone under the repeated header atop a page
    of its own: its last two rows took more than half a page, and were not kept together.
    They go on together wherever a page holds them with the header."""
    why = (
        "Because it explains at some length, in several lines of this narrow page, why the"
        " answer given here is the right one and the others are not, and what to do instead"
    )
    markdown = "Some words before it.\n\n| # | Answer | Why |\n| --- | --- | --- |\n" + "\n".join(
        f"| {n} | Row {n} | {why} |" for n in range(1, 6)
    )
    tall = 0
    for above in range(0, int(HEIGHT) - 20, 3):
        texts = pages(layout, above, markdown + "\n")
        where = {t: n for n, page in enumerate(texts) for t in ("Row 4", "Row 5") if t in page}
        assert where["Row 4"] == where["Row 5"], (above, texts)
        tall += len(texts) > 2
    assert tall > 5  # the rows took more than a page, and broke before the last two


@pytest.mark.parametrize(
    "markdown",
    [
        "Some words before it.\n\n| Step | Who |\n| --- | --- |\n"
        + "\n".join(f"| Row {n} | Everyone |" for n in range(1, 5))
        + "\n",
        "## The session\n\n::: rating\n"
        "| Statement | Strongly agree | Strongly disagree | Not applicable |\n"
        "| --- | --- | --- | --- |\n"
        + "\n".join(f"| Row {n} | | | |" for n in range(1, 7))
        + "\n:::\n",
        "Some words before it.\n\n| Step | Who |\n| --- | --- |\n"
        "| Row 1 | Ana |\n| Row 2 | Ben |\n",
    ],
    ids=["table", "rating form", "two rows"],
)
def test_a_table_never_leaves_its_first_row_alone_at_the_foot_of_a_page(
    layout: _Layout, markdown: str
) -> None:
    """The evaluation form's "The session" showed its heading, header and first statement at
    the foot of page 1 and the other five overleaf: a table starts with two rows at least,
    else it goes to the next page, with its heading."""
    first = markdown.split("\n")[0].removeprefix("## ")
    breaks = 0
    for above in range(0, int(HEIGHT), 3):
        texts = pages(layout, above, markdown)
        where = {
            t: n for n, page in enumerate(texts) for t in (first, "Row 1", "Row 2") if t in page
        }
        assert where["Row 1"] == where["Row 2"], (above, texts)
        if first.startswith("The session"):
            assert where[first] == where["Row 1"], (above, texts)
        breaks += where["Row 1"] > 0
    assert breaks > 5  # the table did reach the foot of a page and moved on


def test_a_table_row_as_tall_as_a_box_may_stand_alone_at_the_foot_of_a_page(
    layout: _Layout,
) -> None:
    """A row a quarter of a page tall or more is a block of its own, not a stray line: it
    starts the table at the foot of a page wherever it fits there. A large-print answer key
    (rows a third of a page tall) moved its table to page 2 for want of room for two rows,
    and its first page held only its title."""
    why = (
        "Because it explains at some length, in several lines of this narrow page, why the"
        " answer given here is the right one and the others are not"
    )
    markdown = "Some words before it.\n\n| # | Answer | Why |\n| --- | --- | --- |\n" + "\n".join(
        f"| {n} | Row {n} | {why} |" for n in range(1, 5)
    )
    alone, moved = 0, []
    for above in range(0, int(HEIGHT) - 20, 3):
        texts = pages(layout, above, markdown + "\n")
        where = {
            t: n
            for n, page in enumerate(texts)
            for t in ("Some words", "Row 1", "Row 2")
            if t in page
        }
        alone += where["Row 1"] == where["Some words"] < where["Row 2"]
        moved.append(where["Row 1"] > where["Some words"])
    assert alone > 5  # the first row stood alone at the foot of the page
    # it moved on only where it did not fit: from some height of text above it on, always
    assert moved == sorted(moved) and any(moved), moved


def test_a_contents_list_never_leaves_one_entry_alone(layout: _Layout) -> None:
    """A long contents list crosses pages with two entries at least at either end, or is set
    closer (never closer than seven tenths of its spacing) to end on its page."""
    headings = "\n\n".join(f"## Part {n}" for n in range(1, 8))
    markdown = "::: {.toc depth=1}\n:::\n\n" + headings + "\n"
    breaks = 0
    for above in range(0, int(HEIGHT), 3):
        layout.contents = None
        (toc,) = contents_pages(laid_out(layout, above, markdown))
        assert sum(toc.values()) == 7
        assert all(entries >= 2 for entries in toc.values()), (above, toc)
        breaks += len(toc) > 1
    assert breaks > 10


def test_a_contents_list_s_heading_stays_with_its_first_entries(layout: _Layout) -> None:
    """The list's heading ("Contents") is part of the list: where the list is set closer to
    end on its page, the heading is too (a heading kept with the list by ReportLab moved the
    whole list to the next page, and the guide's modules a page on); where the list
    continues, the heading is above two entries at least, never alone at a foot of a page.
    It is read as a heading, before the list."""
    headings = "\n\n".join(f"## Part {n}" for n in range(1, 8))
    markdown = '::: {.toc title="Contents" depth=1}\n:::\n\n' + headings + "\n"
    closer = continued = 0
    for above in range(0, int(HEIGHT), 3):
        layout.contents = None
        data = laid_out(layout, above, markdown)
        texts = [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]
        (toc,) = contents_pages(data)
        first = next(n for n, text in enumerate(texts) if "Contents" in text)
        assert toc[first + 1] >= 2, (above, toc, texts)  # pages count from 1 in toc
        continued += len(toc) > 1
        closer += len(toc) == 1 and first == 0 and above > 0
        with pikepdf.open(io.BytesIO(data)) as pdf:
            kids = [k.get("/S") for k in pdf.Root.StructTreeRoot.K.K]
        assert kids.index("/H1") < kids.index("/TOC"), kids  # the first heading: H1
    assert continued > 5 and closer > 3, (continued, closer)


def test_a_contents_list_a_page_break_follows_is_never_cut_in_two(layout: _Layout) -> None:
    """The handout's modules start on a page of their own: a contents list too long for the
    room left moves to the next page whole, which its end would have taken anyway (the
    Spanish handouts left their last four entries alone on a page). Without the page break
    after it, it continues there instead (see above)."""
    headings = "\n\n".join(f"## Part {n}" for n in range(1, 8))
    markdown = '::: {.toc title="Contents" depth=1}\n:::\n\n\\newpage\n\n' + headings + "\n"
    moved = 0
    for above in range(0, int(HEIGHT), 3):
        layout.contents = None
        data = laid_out(layout, above, markdown)
        (toc,) = contents_pages(data)
        assert sum(toc.values()) == 7 and len(toc) == 1, (above, toc)
        texts = [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]
        first = next(n for n, text in enumerate(texts) if "Contents" in text)
        assert toc[first + 1] == 7, (above, toc)  # the heading above its entries
        moved += first > 0
    assert moved > 5


def test_a_contents_heading_too_tall_for_its_entries_is_set_on_its_own(layout: _Layout) -> None:
    """A heading so long that it and two entries fit no page is set as a paragraph of its
    own, and the list follows it: the list used to refuse every page, and the handout
    stopped with an error that blamed a module's text."""
    title = " ".join(["Contents"] + ["of this handout, read in order"] * 18)
    headings = "\n\n".join(f"## Part {n}" for n in range(1, 8))
    markdown = f'::: {{.toc title="{title}" depth=1}}\n:::\n\n' + headings + "\n"
    for above in (0, 100, 200):
        layout.contents = None
        data = laid_out(layout, above, markdown)
        (toc,) = contents_pages(data)
        assert sum(toc.values()) == 7, (above, toc)
        text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
        assert "read in order" in text, above


def test_the_contents_list_is_set_closer_only_a_little(layout: _Layout) -> None:
    contents = _Contents(layout, [(0, f"Part {n}", f"h{n}") for n in range(1, 8)])
    width, height = contents.wrap(WIDTH, 1000)
    (closer,) = contents.split(width, height * 0.9)
    assert closer.wrap(WIDTH, 1000)[1] <= height * 0.9
    assert 0.7 <= closer.spacing < 1
    assert len(contents.split(width, height * 0.6)) == 2  # too little room: it continues


@pytest.mark.parametrize("heading", ["", "## Before we begin\n\n"])
def test_a_callout_continues_where_moving_it_would_leave_much_of_a_page_empty(
    layout: _Layout, heading: str
) -> None:
    """A callout too long for the room left moves to the next page whole only when that room
    is a quarter of a page or less; with more, it starts where it is and continues on the
    next page between its paragraphs (a content note in large print moved whole, leaving
    half a page empty), under its heading too."""
    from materials_gen.render.handout import BOX_MOVES

    said = ["First point of the note.", "Second point.", "Third point.", "Fourth point."]
    body = "\n\n".join(f"{s} " + "More words to fill the line out. " * 3 for s in said)
    markdown = heading + f'::: {{.callout title="Note"}}\n{body}\n:::\n'
    moved = continued = 0
    for above in range(0, int(HEIGHT), 4):
        found = pages(layout, above, markdown)
        where = {s: next(n for n, t in enumerate(found) if s in " ".join(t.split())) for s in said}
        room = HEIGHT - above
        if room > HEIGHT * BOX_MOVES + (60 if heading else 20) and where["Fourth point."] > 0:
            assert where[said[0]] == 0, (above, found)  # started where it was
            continued += 1
        elif room < HEIGHT * BOX_MOVES - 20 and where["Fourth point."] > 0:
            assert where[said[0]] == where["Fourth point."], (above, found)  # moved whole
            moved += 1
    assert moved > 3 and continued > 3, (moved, continued)


def test_a_question_fits_the_room_its_text_and_options_take(layout: _Layout) -> None:
    """The space below a question is the space after it, which the foot of a page takes in:
    it used to be a spacer kept with the question, counted in its height, so a large-print
    question that fitted the rest of a page but for that space went to the next one (a
    pretest of eleven questions on seven pages, a page holding one question)."""
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Spacer as Space

    markdown = (
        '::: {.question number="1"}\nWhich of these helps most?\n\n'
        "- Calm words\n- A quiet room\n- A clear plan\n:::\n"
    )
    (kept,) = layout.blocks(parse(markdown).blocks, WIDTH)
    drawn = [f for f in kept._content if not isinstance(f, Space)]  # text and options
    canvas = Canvas(io.BytesIO())
    height = 0.0
    for n, flowable in enumerate(drawn):
        flowable.canv = canvas
        height += flowable.wrap(WIDTH, 10_000)[1] + (drawn[n - 1].getSpaceAfter() if n else 0)
    room = height + 2  # just enough for the question, not for a space below it
    found = pages(layout, HEIGHT - room, markdown)
    assert len(found) == 1 and "Which of these helps most" in found[0], (height, found)


def test_a_callout_in_a_list_item_is_laid_out_wherever_the_page_ends(layout: _Layout) -> None:
    """A box inside a list item is split by the list, not the page: it used to hand the
    list a page break, or an action the list cannot draw, and stop the handout."""
    body = "Keep the door open and the lights on. " * 6
    markdown = (
        "1. Open the room.\n\n    ::: callout\n    "
        + body
        + "\n\n    "
        + body
        + "\n    :::\n\n2. Greet people.\n"
    )
    for above in range(0, int(HEIGHT), 6):
        found = " ".join(" ".join(pages(layout, above, markdown)).split())
        assert "Open the room" in found and "Greet people" in found, above
        assert found.count("Keep the door open") == 12, above


def test_a_heading_and_its_sentence_go_with_the_part_they_introduce(layout: _Layout) -> None:
    """ "# Cards to print", a sentence on how to print them, then each activity's heading
    and cards: the heading and its sentence used to end a page alone while the first card,
    kept together, went overleaf with its own heading."""
    card = '::: {.callout title="Card 1 of 2"}\n' + "A case to discuss in pairs. " * 12 + "\n:::\n"
    markdown = (
        "# Cards to print\n\nPrint one set for each pair, and cut the cards apart.\n\n"
        "## Case consultation\n\n" + card
    )
    moved = 0
    for above in range(0, int(HEIGHT), 4):
        found = pages(layout, above, markdown)
        where = next(n for n, text in enumerate(found) if "Cards to print" in text)
        assert "A case to discuss" in found[where], (above, found)
        moved += where > 0
    assert moved > 3


def test_a_sign_in_sheet_too_narrow_for_its_words_keeps_room_to_sign(layout: _Layout) -> None:
    """A sign-in sheet whose headers' and names' words cannot all stand whole (large print,
    Spanish): each column gets its share down to its least, so the signature keeps room for
    a hand; the longest name's whole words used to take it all (0.9 in to sign in). The
    session's table shares its width by what it prints, not by its headers' words."""
    people = (
        "::: form-table\n| # | Nombre | Número de licencia o registro | Hora de entrada "
        "| Hora de salida | Firma |\n| - | ---------- | -------- | ---- | ---- | -------- |\n"
        "| 1 | Bartholomew Montgomery-Wellington | | | | |\n| 2 | | | | | |\n:::\n"
    )
    session = (
        "::: form-table\n| Sesión | Fecha | Capacitador(a) |\n| --- | --- | --- |\n"
        "| Atención informada sobre el trauma y competente en trauma (Personal clínico) "
        "| | Riverbend Learning |\n:::\n"
    )
    for markdown, check in ((people, "people"), (session, "session")):
        (table,) = [
            f for f in layout.blocks(parse(markdown).blocks, WIDTH) if hasattr(f, "_colWidths")
        ]
        widths = table._colWidths
        assert abs(sum(widths) - WIDTH) < 1, widths
        if check == "people":
            assert widths[-1] >= 0.75 * 8 / 35 * WIDTH, widths  # the signature's share, nearly
        else:
            assert widths[0] > widths[2] and widths[1] >= 50, widths  # the title, a date


@pytest.mark.parametrize("short", ["as needed", "según se necesite"])
def test_a_column_of_short_cells_never_breaks_one(layout: _Layout, short: str) -> None:
    """A table's column whose cells are short ("26", "as needed") is as wide as its longest
    cell: shared out by its letters beside a column of long names, it was so narrow in
    large print that every "as needed" took two lines."""
    from materials_gen.render.pdf import text_width

    rows = "".join(
        f"| {name} | {copies} | |\n"
        for name, copies in (
            ("Case summary cards, one set for each pair of people taking part", short),
            ("Participant handout for everyone who signed up", "26"),
        )
    )
    markdown = "| Item | Copies | Ready |\n| --- | --- | --- |\n" + rows
    (table,) = [f for f in layout.blocks(parse(markdown).blocks, WIDTH) if hasattr(f, "_colWidths")]
    size = layout.theme.sizes.body * 0.95
    needed = text_width(short, layout.body_font.bold, size)
    assert table._colWidths[1] >= needed + 14, (table._colWidths, needed)


def test_a_label_column_beside_columns_of_sentences_takes_no_more_than_its_share(
    layout: _Layout,
) -> None:
    """A column of labels kept on one line took up to 40% of the width: one label of 32
    letters ("Contextual harm and exploitation") beside three columns of sentences left
    those two or three words a line, and the table ran over two pages. In a table of four
    columns of text, a label column keeps its cells whole only within an even share; a
    longer label breaks between its words."""
    sentence = "Bruises in unusual places such as the upper arms, inner thighs, back or face"
    rows = "".join(
        f"| {label} | {sentence} | {sentence} | {sentence} |\n"
        for label in ("Physical abuse", "Neglect", "Contextual harm and exploitation")
    )
    markdown = "| Category | Seen | Heard | Do |\n| --- | --- | --- | --- |\n" + rows
    page = 490.0  # a letter page's text width
    (table,) = [f for f in layout.blocks(parse(markdown).blocks, page) if hasattr(f, "_colWidths")]
    widths = table._colWidths
    assert widths[0] <= page / 4 + 1, widths
    assert min(widths[1:]) >= page / 4 - 1, widths


def test_a_table_s_caption_stays_under_it_when_there_is_room(layout: _Layout) -> None:
    """A caption is a meta line, which otherwise goes with what follows it: after a table it
    went to the next page with the heading below, though it fitted under the table."""
    table = "| Step | Who |\n| --- | --- |\n| One | Ana |\n| Two | Ben |\n\n"
    caption = "::: meta\nThe steps and who takes them.\n:::\n\n"
    after = "## Next part\n\n" + "A paragraph long enough to need several lines here. " * 6
    for above in range(100, 200, 4):
        found = pages(layout, above, table + caption + after)
        on = next(n for n, text in enumerate(found) if "Two" in text)
        if "Next part" not in found[on]:  # the heading went on: the caption had room or not
            break
    else:
        pytest.fail("no spacing put the heading on the next page")
    assert "The steps and who takes them" in found[on], found


def _picture_heights(data: bytes) -> list[tuple[int, float]]:
    """Each picture drawn: its page (from 0) and its height on the page, in points."""
    found = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages):
            matrix = None
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) == "cm":
                    matrix = [float(v) for v in operands]
                elif str(operator) == "Do" and matrix is not None:
                    found.append((number, matrix[3]))
    return found


def test_a_picture_is_drawn_a_little_smaller_rather_than_moved_on(layout: _Layout) -> None:
    """A photo with too little room left moved on whole, leaving half a page blank: with room
    for it at 60% of its size or more, it stays, drawn smaller; with less, it moves on whole."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (300, 400), "steelblue").save(buffer, "PNG")
    layout.images = {"photo.png": buffer.getvalue()}
    markdown = "Words before the photo.\n\n![A photo](photo.png)\n"
    full = max(h for _, h in _picture_heights(laid_out(layout, 0, markdown)))
    shrunk = moved = 0
    for above in range(0, int(HEIGHT), 4):
        ((page, height),) = _picture_heights(laid_out(layout, above, markdown))
        if page == 0 and height < full - 0.5:
            shrunk += 1
            assert height >= 0.6 * full - 0.5, (above, height)
        elif page == 1:
            moved += 1
            assert height == pytest.approx(full), (above, height)
    assert shrunk >= 3 and moved >= 3


@pytest.mark.parametrize("heading", ["##", "###"])
def test_a_heading_and_its_opening_sentence_go_with_what_they_open(
    layout: _Layout, heading: str
) -> None:
    """The large-print guide ended a page with "Reflection" and "Give people a quiet minute
    with these questions", the only question overleaf."""
    item = "Think of a student who seemed worried this term: what did you notice first? " * 2
    markdown = (
        f"{heading} Reflection\n\nGive people a quiet minute with these questions; invite "
        f"answers, never require them, and let silence do its work.\n\n- {item}\n"
    )
    first = item.split()[0]
    breaks = 0
    for above in range(0, int(HEIGHT), 3):
        texts = pages(layout, above, markdown)
        where = {
            t: n for n, p in enumerate(texts) for t in ("Reflection", "quiet", first) if t in p
        }
        assert where["Reflection"] == where["quiet"] == where[first], (above, texts)
        breaks += where["Reflection"] > 0
    assert breaks > 5


def _png(width: int, height: int) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), (40, 120, 60)).save(out, "PNG")
    return out.getvalue()


@pytest.mark.parametrize(
    "markdown",
    [
        "- An item with a picture below\n\n  ![A green field](images/p.png)\n\n- Second item\n",
        ":::: columns\n::: column\n![A green field](images/p.png)\n:::\n::: column\n"
        "Second item, beside the picture.\n:::\n::::\n",
    ],
    ids=["list item", "column"],
)
def test_a_picture_in_a_list_item_or_a_column_lays_out_wherever_it_lands(
    layout: _Layout, markdown: str
) -> None:
    """A picture in a column stopped the handout as too large for any page, and one in a
    list item near the foot of a page stopped it with ReportLab's "_FrameBreak.wrap should
    never be called": wherever it lands, it is drawn once, with the text around it."""
    layout.images = {"images/p.png": _png(400, 300)}
    try:
        for above in range(0, int(HEIGHT), 4):
            data = laid_out(layout, above, markdown)
            reader = PdfReader(io.BytesIO(data))
            assert sum(len(page.images) for page in reader.pages) == 1, above
            assert "Second item" in " ".join(p.extract_text() or "" for p in reader.pages)
    finally:
        layout.images = {}


@pytest.mark.parametrize("heading", ["#", "##"])
def test_a_heading_never_ends_a_page_above_a_list_that_opens_with_a_picture(
    layout: _Layout, heading: str
) -> None:
    """The heading "Key points" stood alone at the foot of a page when the first key point
    was a picture: the heading found room for the picture drawn smaller, but inside the list
    item the picture took itself for atop a page and moved on whole. Wherever the heading lands, the
    picture is on its page, drawn smaller where that keeps it there, or both move on."""
    layout.images = {"images/photo.png": _png(1600, 1200)}
    markdown = f"{heading} Key points\n\n- ![A green field](images/photo.png)\n- Second point\n"
    try:
        full = max(h for _, h in _picture_heights(laid_out(layout, 0, markdown)))
        shrunk = moved = 0
        for above in range(0, int(HEIGHT), 6):
            data = laid_out(layout, above, markdown)
            texts = [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]
            ((picture_page, height),) = _picture_heights(data)
            heading_page = min(n for n, text in enumerate(texts) if "Key points" in text)
            assert heading_page == picture_page, (above, texts)
            shrunk += height < full - 0.5
            moved += heading_page > 0
        assert shrunk >= 2 and moved >= 2
    finally:
        layout.images = {}


@pytest.mark.parametrize("heading", ["", "## Room and equipment\n\n"])
def test_a_short_table_moves_on_whole_rather_than_split(heading: str) -> None:
    """A checklist of five lines printed three at the foot of a page and two alone overleaf:
    a table of a few short rows moves on whole, with its heading, wherever it lands."""
    page = 600.0  # a page of a handout's height, the table a fifth of it
    theme = load_theme(PROJECTS / "minimal")
    fonts = Fonts(theme.body_font), Fonts(theme.heading_font)
    meta = document_meta({"title": "Page breaks", "language": "en"})
    layout = _Layout(theme, WIDTH, page, meta, fonts)
    rows = "".join(f"| Check number {n} of the room | ☐ |\n" for n in range(1, 6))
    markdown = f"{heading}| Check | Ready |\n| --- | --- |\n{rows}"
    moved = 0
    for above in range(0, int(page), 8):
        texts = pages(layout, above, markdown, (WIDTH, page))
        where = {n: [i for i, t in enumerate(texts) if f"number {n} of" in t] for n in range(1, 6)}
        assert len({tuple(found) for found in where.values()}) == 1, (above, texts)
        if heading:
            assert "Room and equipment" in texts[where[1][0]], (above, texts)
        moved += where[1][0] > 0
    assert moved > 3


def test_a_block_between_fences_keeps_its_lines_and_spaces(layout: _Layout) -> None:
    """A block between ``` fences is shown as typed: each line its own, its indent and the
    spaces inside it kept (they were one space each, and every indent gone)."""
    markdown = "Before.\n\n```\ncode line 1   MISC13\n    indented line\n\tafter a tab\n```\n"
    (text,) = pages(layout, 0, markdown)
    lines = [line.rstrip() for line in text.replace("\u00a0", " ").splitlines()]
    assert lines[1:4] == ["code line 1   MISC13", "    indented line", "    after a tab"]


COLUMNS = (  # a tall picture and a line beside a wide one and a photo
    ":::: columns\n::: column\n![A tall picture](images/tall.png)\n\nLeft column text.\n:::\n"
    "::: column\n![A wide picture](images/wide.png)\n\n![Another picture](images/photo.png)\n"
    ":::\n::::\n"
)
WORDY_COLUMNS = (  # columns of text alone, nearly a page tall
    ":::: columns\n::: column\n" + "Left column text that runs on. " * 14 + "\n:::\n"
    "::: column\nRight column text.\n:::\n::::\n"
)


BOX = '::: {.callout title="Note"}\n' + "Left column text that runs on. " * 14 + "\n:::\n"
TABLE = "| Step | Who |\n| --- | --- |\n" + "".join(
    f"| Left column {n} | Everyone |\n" for n in range(8)
)


@pytest.mark.parametrize(
    "columns",
    [COLUMNS, WORDY_COLUMNS, BOX, TABLE],
    ids=["pictures", "text", "box", "table"],
)
@pytest.mark.parametrize("heading", ["#", "##"])
def test_a_heading_never_ends_a_page_above_its_columns(
    layout: _Layout, heading: str, columns: str
) -> None:
    """A heading followed by columns (a tall picture and text beside two pictures) stood
    alone on a page, the columns overleaf, where a picture alone was drawn smaller to stay
    under it: wherever the heading lands, it is on the page its columns start on, their
    pictures drawn smaller where that keeps them there, never its page's last line. A box
    and a table, the other containers, are held to the same."""
    layout.images = {
        "images/tall.png": _png(600, 2000),
        "images/wide.png": _png(2000, 600),
        "images/photo.png": _png(1600, 1200),
    }
    try:
        moved = 0
        for words in range(0, 80, 3):
            before = "Words before the heading, " * words + "and more.\n\n" if words else ""
            texts = pages(layout, 0, f"{before}{heading} Extras in a title\n\n{columns}")
            for text in texts:
                lines = [line for line in text.splitlines() if line.strip()]
                assert lines and "Extras in a title" not in lines[-1], (words, texts)
            where = {  # the page each starts on
                t: min(n for n, p in enumerate(texts) if t in p) for t in ("Extras", "Left column")
            }
            assert where["Extras"] == where["Left column"], (words, texts)
            moved += where["Extras"] > 0
        assert moved > 3  # the heading did land at the foot of a page
    finally:
        layout.images = {}
