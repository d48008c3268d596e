"""The deck on paper: slides drawn from the laid-out deck, 1/2/3/6 a page, notes pages.

The printed slides are the projected slides: the same numbers and continuation slides, and
the deck template's own geometry and colours (an organisation's template included).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pypdf import PdfReader
from reportlab.lib import colors
from reportlab.lib.rl_accel import fp_str

from materials_gen.build import BuildOptions, build
from materials_gen.cli import main
from materials_gen.document import parse
from materials_gen.errors import ContentError
from materials_gen.meta import DocumentMeta, document_meta

from .conftest import KIT_LANGUAGE, REPO, edit, run, tool
from .deck_templates import use_corporate_template


def made(project: Path, folder: Path, kinds: tuple[str, ...], **options: Any) -> dict[str, Path]:
    report = build(
        project, BuildOptions(output=folder, kinds=kinds, audiences=("clinical",), **options)
    )
    return {b.target.kind.name: b.path for b in report.built}


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    kinds = ("deck", "slides", "notes-pages")
    return made(REPO, tmp_path_factory.mktemp("slides"), kinds, languages=(KIT_LANGUAGE,))


def test_three_slides_a_page_with_every_slide_title(kit: dict[str, Path]) -> None:
    deck = Presentation(str(kit["deck"]))
    titles = [s.shapes.title.text_frame.text for s in deck.slides if s.shapes.title]
    pages = [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(str(kit["slides"])).pages]
    assert len(pages) == -(-len(deck.slides) // 3)
    text = " ".join(pages)
    for title in titles:
        assert title.split(" (")[0][:30] in text, title
    assert "Before we begin (cont.)" in text  # the deck's own continuation slides


def test_notes_pages_one_slide_and_its_notes_a_page(kit: dict[str, Path]) -> None:
    deck = Presentation(str(kit["deck"]))
    pages = [
        re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(str(kit["notes-pages"])).pages
    ]
    assert len(pages) == len(deck.slides)
    for page, slide in zip(pages, deck.slides, strict=True):
        if slide.has_notes_slide:
            first = slide.notes_slide.notes_text_frame.text.split("\n")[0]
            assert " ".join(first.split())[:40] in page


@pytest.mark.parametrize(("per_page", "expected"), [(1, 1), (2, 2), (6, 6)])
def test_other_slides_per_page(project: Path, tmp_path: Path, per_page: int, expected: int) -> None:
    edit(
        project / "content" / "course.yaml",
        "  paper: a4\n",
        f"  paper: a4\n  deck:\n    per_page: {per_page}\n",
    )
    files = made(project, tmp_path, ("deck", "slides"))
    slides = len(Presentation(str(files["deck"])).slides)
    assert len(PdfReader(str(files["slides"])).pages) == -(-slides // expected)


def test_two_slides_a_page_each_in_its_half(project: Path, tmp_path: Path) -> None:
    """Two a page were stacked at the top, touching, the lower 40% of the page left blank:
    each slide is drawn in the middle of its half of the page."""
    edit(
        project / "content" / "course.yaml",
        "  paper: a4\n",
        "  paper: a4\n  deck:\n    per_page: 2\n",
    )
    files = made(project, tmp_path, ("deck", "slides"))
    deck = Presentation(str(files["deck"]))
    first, second = (s.shapes.title.text_frame.text for s in list(deck.slides)[2:4])
    page = PdfReader(str(files["slides"])).pages[1]  # slides 3 and 4
    found: dict[str, float] = {}

    def visit(text: str, cm: list, tm: list, font: object, size: float) -> None:
        for title in (first, second):
            if text.strip() and title.startswith(text.strip()):
                found.setdefault(title, tm[5] * cm[3] + cm[5])

    page.extract_text(visitor_text=visit)
    height = float(page.mediabox.height)
    assert found[first] > height / 2 > found[second], (found, height)
    # the lower slide's title as far below the middle as the upper one's is below the top
    assert abs((height / 2 - found[second]) - (height - found[first])) < 0.1 * height


def test_pictures_are_drawn_not_screenshots(project: Path, tmp_path: Path) -> None:
    files = made(project, tmp_path, ("slides",))
    reader = PdfReader(str(files["slides"]))
    images = [img for page in reader.pages for img in page.images]
    assert len(images) == 1 and images[0].image.size == (480, 300)  # only the content's picture
    assert (
        "Welcome to safe rooms" in reader.pages[1].extract_text() + reader.pages[2].extract_text()
    )


def test_printed_slides_follow_the_organisation_template(project: Path, tmp_path: Path) -> None:
    use_corporate_template(project)
    files = made(project, tmp_path, ("deck", "slides", "notes-pages"))
    deck = Presentation(str(files["deck"]))
    notes = PdfReader(str(files["notes-pages"]))
    assert len(notes.pages) == len(deck.slides)
    # on the cover, the title sits low (4.6 in down a 7.5 in slide) as in the template
    seen: list[tuple[float, float]] = []  # (drawn size, height on the page) of the title

    def visit(text: str, cm: list, tm: list, font: object, size: float) -> None:
        if text.startswith("Safe Rooms"):
            seen.append((size * tm[3] * cm[3], tm[5] * cm[3] + cm[5]))

    first = notes.pages[0]
    first.extract_text(visitor_text=visit)
    _, baseline = max(seen)  # the title is the largest text on the page
    top = float(first.mediabox.height) - 0.75 * 72 - 6  # the slide's top edge on the page
    height = 0.85 * (float(first.mediabox.width) - 1.5 * 72) * 0.75  # a 4:3 slide
    down = (top - baseline) / height
    assert 0.65 < down < 0.85, down  # the built-in design's cover title ends at about 0.51


# ---------------------------------------------------------------- one metadata, three files


def front_matter(project: Path, audience: str = "clinical") -> DocumentMeta:
    """The deck's checked metadata, as its template wrote it (``materials-gen show deck``)."""
    result = CliRunner().invoke(main, ["show", "deck", "-a", audience, "-p", str(project)])
    assert result.exit_code == 0, result.output
    return document_meta(parse(result.output).meta)


def pdf_stamp(path: Path) -> dict[str, str]:
    reader = PdfReader(str(path))
    info = reader.metadata
    assert info is not None
    fields = ("/Title", "/Author", "/Subject", "/Keywords", "/CreationDate", "/ModDate")
    found = {name: str(info.get(name)) for name in fields}
    found["/Lang"] = str(reader.trailer["/Root"].get("/Lang"))
    return found


def test_the_deck_and_its_printed_views_say_the_same_metadata(
    project: Path, tmp_path: Path
) -> None:
    """Author, subject, keywords, language and date: one front matter, three files (the
    title, each file's own, made from the course's; the notes pages' subject names them)."""
    meta = front_matter(project)
    assert (meta.title, meta.language, meta.date) == ("Safe Rooms", "en-GB", dt.date(2025, 3, 4))
    files = made(project, tmp_path / "a", ("deck", "slides", "notes-pages"))
    props = Presentation(str(files["deck"])).core_properties
    assert (props.title, props.author, props.subject, props.language) == (
        meta.title,
        "Test Clinic",  # the organization
        meta.subject,
        "en-GB",  # the course's language, not the default
    )
    assert props.keywords == ", ".join(meta.keywords)
    assert props.created == props.modified == dt.datetime(2025, 3, 4)  # the content's date
    expected = {
        "/Title": props.title,
        "/Author": props.author,
        "/Subject": props.subject,
        "/Keywords": props.keywords,
        "/CreationDate": "D:20250304000000Z",
        "/ModDate": "D:20250304000000Z",
        "/Lang": props.language,
    }
    for kind, named in (("slides", "Slides"), ("notes-pages", "Notes pages")):
        # titled as what they are, for whom: a reader shows the title, not the file's name
        title = f"{props.title} \u2013 {named} \u2013 Clinical providers"
        subject = f"{named} for Clinical providers: Safe Rooms"
        assert pdf_stamp(files[kind]) == {**expected, "/Title": title, "/Subject": subject}, kind
        pages = PdfReader(str(files[kind])).pages
        last = " ".join(pages[-1].extract_text().split())
        assert "Safe Rooms \u00b7 Clinical providers" in last
        assert f"Version 2.1 \u00b7 4 March 2025 \u00b7 Page {len(pages)} of {len(pages)}" in last
    again = made(project, tmp_path / "b", ("deck", "slides", "notes-pages"))
    for kind, path in files.items():  # the same bytes, build after build
        assert again[kind].read_bytes() == path.read_bytes(), kind


@pytest.mark.parametrize("subtitle", [True, False])
def test_every_file_is_described_by_the_course_title(
    project: Path, tmp_path: Path, subtitle: bool
) -> None:
    """The subject of every file says what it is, for whom, about what, in one form: the
    course's title, with or without a subtitle (never the subtitle in some files and the
    title in others), never a dangling colon."""
    if not subtitle:
        edit(project / "content" / "course.yaml", "subtitle: A two-module test course\n", "")
    kinds = ("deck", "slides", "notes-pages", "handout", "guide", "evaluation")
    files = made(project, tmp_path, kinds)
    subjects = {kind: pdf_stamp(path)["/Subject"] for kind, path in files.items() if kind != "deck"}
    subjects["deck"] = Presentation(str(files["deck"])).core_properties.subject
    assert subjects["deck"] == subjects["slides"] == "Slides for Clinical providers: Safe Rooms"
    assert subjects["notes-pages"] == "Notes pages for Clinical providers: Safe Rooms"
    assert subjects["handout"] == "Participant handout for Clinical providers: Safe Rooms"
    for kind, subject in subjects.items():
        assert subject.endswith(": Safe Rooms"), (kind, subject)


def test_a_long_title_prints_on_slides_as_on_the_handout(project: Path, tmp_path: Path) -> None:
    """Every printed page's footer is fitted the same way: a title too long to share a line
    with the page label goes above it, across the page, on printed slides and notes pages as
    on the handout, instead of stopping the printed slides alone."""
    title = (
        "Trauma-Informed and Trauma-Competent Care for Community Health, Education, Housing "
        "and Social-Service Organisations Working Together Across Rural and Urban Settings"
    )
    edit(project / "content" / "course.yaml", "title: Safe Rooms", f"title: {title}")
    files = made(project, tmp_path, ("slides", "notes-pages", "handout"))
    for kind, path in files.items():
        pages = PdfReader(str(path)).pages
        for number, page in enumerate(pages, 1):
            text = " ".join(page.extract_text().split())
            assert f"{title} \u00b7 Clinical providers" in text, (kind, number)
            assert f"Page {number} of {len(pages)}" in text, (kind, number)


def test_a_bad_date_in_the_deck_template_is_one_clear_error(project: Path, tmp_path: Path) -> None:
    templates = project / "templates"
    templates.mkdir()
    deck = (REPO / "templates" / "deck.md.j2").read_text(encoding="utf-8")
    (templates / "deck.md.j2").write_text(deck, encoding="utf-8")
    edit(templates / "deck.md.j2", "date: {{ course.date | json }}", "date: next week")
    out = tmp_path / "out"
    with pytest.raises(ContentError) as caught:
        made(project, out, ("deck", "slides", "notes-pages"))
    (problem,) = caught.value.problems  # one message, not one per output
    assert str(problem.location).startswith("the deck's front matter for Clinical providers")
    assert "deck.md.j2" in str(problem.location)
    assert problem.message == "the front matter's 'date' is 'next week', not a date"
    assert problem.hint and "YYYY-MM-DD" in problem.hint
    assert not any(p.is_file() for p in out.rglob("*.p*"))  # nothing written


def test_the_page_around_the_slides_is_in_the_themes_colours(project: Path, tmp_path: Path) -> None:
    """The header, footer and ruled lines take the theme's palette, not a built-in blue."""
    theme = (REPO / "templates" / "theme.yaml").read_text(encoding="utf-8")
    (project / "templates").mkdir()
    (project / "templates" / "theme.yaml").write_text(
        theme.replace('primary: "#1F4E79"', 'primary: "#7A1F5C"').replace(
            'muted: "#5F6B73"', 'muted: "#3C6E1A"'
        ),
        encoding="utf-8",
    )
    files = made(project, tmp_path, ("slides",))
    stream = PdfReader(str(files["slides"])).pages[0].get_contents()
    assert stream is not None
    drawn = stream.get_data().decode("latin-1")
    for colour in ("#7A1F5C", "#3C6E1A"):
        ink = colors.HexColor(colour)
        assert f"{fp_str(ink.red, ink.green, ink.blue)} rg" in drawn, colour
    old = colors.HexColor("#1F4E79")
    assert f"{fp_str(old.red, old.green, old.blue)} rg" not in drawn


def test_an_error_in_a_worker_process_reaches_the_trainer_whole(
    project: Path, tmp_path: Path, runner: CliRunner
) -> None:
    """With outputs rendered in parallel, a renderer's error crosses a process boundary: it
    must arrive as the one clear message, not a broken pool or one line per character."""
    import pickle

    from materials_gen.errors import Location, Problem

    sent = ContentError([Problem(Location("a.md", 3), "too long", "shorten it")])
    received = pickle.loads(pickle.dumps(sent))
    assert type(received) is ContentError and received.problems == sent.problems

    templates = project / "templates"
    templates.mkdir()
    handout = (REPO / "templates" / "handout.md.j2").read_text(encoding="utf-8")
    (templates / "handout.md.j2").write_text(handout, encoding="utf-8")
    edit(templates / "handout.md.j2", "date: {{ course.date | json }}", "date: next week")
    out = tmp_path / "out"
    result = runner.invoke(
        main, ["build", "--project", str(project), "-o", str(out), "--jobs", "2"]
    )
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "BrokenProcessPool" not in result.output
    assert "the front matter's 'date' is 'next week', not a date" in result.output
    assert not any(p.is_file() for p in out.rglob("*.p*"))


def test_printed_slides_draw_cjk_and_replace_only_what_no_face_has() -> None:
    """Han characters on a slide print in the shipped CJK face; an emoji no face has prints
    as '?' and the printed slides say nothing themselves (the build names its line once)."""
    import io

    from materials_gen.render import RenderOptions, slide_handout
    from materials_gen.render.layout import lay_out
    from materials_gen.theme import load_theme

    from .conftest import PROJECTS

    markdown = (
        '---\ntitle: "Safe Rooms"\naudience: "All staff"\nlanguage: ja-JP\n---\n\n'
        "::::: {.slide .bullets}\n## Rooms\n\n- A sign that reads 安全\n- A charm \U0001f9ff\n\n"
        "::: notes\nSay 安全.\n:::\n:::::\n"
    )
    theme = load_theme(PROJECTS / "minimal")
    laid = lay_out(parse(markdown), theme, RenderOptions())
    for printed in (
        slide_handout.print_slides(laid, theme, RenderOptions()),
        slide_handout.print_notes(laid, theme, RenderOptions()),
    ):
        assert printed.warnings == ()
        reader = PdfReader(io.BytesIO(printed.data))
        text = " ".join((p.extract_text() or "") for p in reader.pages)
        assert "A sign that reads 安全" in text and "A charm ?" in text
        fonts = {
            str(font["/BaseFont"]).split("+")[-1]
            for page in reader.pages
            for font in page["/Resources"]["/Font"].values()
        }
        assert "NotoSansJP-Regular" in fonts, fonts  # the deck's language: ja-JP
    # the deck keeps the characters: PowerPoint finds a font for them
    assert any("安全" in box.text for box in laid.slides[0].boxes)


# ---------------------------------------------------------------- what the template's layouts say


def make_dark_divider_template(path: Path) -> Path:
    """python-pptx's stock template (Office's own), its "Section Header" layout made a dark
    divider as many corporate templates make one: a background in ``bg1`` with the layout's
    own colour map sending ``bg1`` to the dark slot and ``tx1`` to the light one. Its title
    is in capitals (``cap="all"``), as Office's stock divider has it."""
    from pptx.oxml import parse_xml
    from pptx.oxml.ns import nsdecls, qn

    prs = Presentation()
    layout = next(layout for layout in prs.slide_layouts if layout.name == "Section Header")
    assert 'cap="all"' in layout.placeholders[0]._element.xml
    element = layout._element
    background = (
        f'<p:bg {nsdecls("p", "a")}><p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef></p:bg>'
    )
    element.cSld.insert(0, parse_xml(background))
    slots = " ".join(
        f'{slot}="{slot}"'
        for slot in (
            "accent1",
            "accent2",
            "accent3",
            "accent4",
            "accent5",
            "accent6",
            "hlink",
            "folHlink",
        )
    )
    override = (
        f'<p:clrMapOvr {nsdecls("p", "a")}><a:overrideClrMapping bg1="dk1" tx1="lt1" '
        f'bg2="dk2" tx2="lt2" {slots}/></p:clrMapOvr>'
    )
    for old in element.findall(qn("p:clrMapOvr")):  # the stock one: use the master's
        element.remove(old)
    element.cSld.addnext(parse_xml(override))
    prs.save(str(path))
    return path


def dark_share(page: Any, top: float, bottom: float) -> float:
    """The share of nearly black pixels in a band of a PDF page (fractions from the top)."""
    bitmap = page.render(scale=0.5).to_pil().convert("L")
    band = bitmap.crop((0, int(bitmap.height * top), bitmap.width, int(bitmap.height * bottom)))
    counts = band.histogram()  # pixels of each grey level, 0 (black) to 255
    return sum(counts[:40]) / sum(counts)


def test_printed_slides_take_a_layouts_own_colours_and_capitals(
    project: Path, tmp_path: Path
) -> None:
    """A divider layout that maps its colours its own way prints dark with light text, as it
    is projected, and a title the layout sets in capitals prints (and is fitted) in capitals,
    while the deck keeps the words as typed."""
    import pypdfium2

    (project / "templates").mkdir()
    make_dark_divider_template(project / "templates" / "office.pptx")
    edit(
        project / "content" / "course.yaml",
        "settings:\n",
        "settings:\n  deck:\n    template: templates/office.pptx\n"
        "    layouts:\n      section: Section Header\n",
    )
    files = made(project, tmp_path, ("deck", "notes-pages"))
    deck = Presentation(str(files["deck"]))
    dividers = [
        number
        for number, slide in enumerate(deck.slides, 1)
        if slide.slide_layout.name == "Section Header"
    ]
    assert dividers
    first = deck.slides[dividers[0] - 1]
    typed = first.shapes.title.text_frame.text
    assert typed != typed.upper()  # the deck has the words as typed: PowerPoint capitalises
    notes = pypdfium2.PdfDocument(str(files["notes-pages"]))
    text = notes[dividers[0] - 1].get_textpage().get_text_range()
    assert typed.upper() in " ".join(text.split()), text
    # the slide (the page's upper part) is dark on the divider, light on the slide before
    assert dark_share(notes[dividers[0] - 1], 0.1, 0.45) > 0.5
    assert dark_share(notes[dividers[0] - 2], 0.1, 0.45) < 0.1


def test_office_comparison_layout_takes_the_two_columns(tmp_path: Path) -> None:
    """Office's "Comparison" layout has a small heading box above each content box: the two
    columns go into the content boxes (the largest, left then right), not into the left
    heading and the left content box."""
    import shutil

    kit = tmp_path / "kit"
    for part in ("content", "templates"):
        shutil.copytree(REPO / part, kit / part, ignore=shutil.ignore_patterns("translations"))
    Presentation().save(str(kit / "templates" / "office.pptx"))
    edit(
        kit / "content" / "course.yaml",
        "settings:\n",
        "settings:\n  deck:\n    template: templates/office.pptx\n"
        "    layouts:\n      two-column: Comparison\n",
    )
    report = build(
        kit, BuildOptions(output=tmp_path / "out", kinds=("deck",), audiences=("all-staff",))
    )
    deck = Presentation(str(report.built[0].path))
    compared = [s for s in deck.slides if s.slide_layout.name == "Comparison"]
    assert compared
    for slide in compared:
        kinds = {
            p.placeholder_format.idx: p.placeholder_format.type
            for p in slide.slide_layout.placeholders
        }
        written = sorted(
            (p for p in slide.placeholders if p.has_text_frame and p.text_frame.text.strip()),
            key=lambda p: p.left,
        )
        # the text went into the layout's content (object: 7) boxes, none into a heading (2)
        texts = [
            kinds.get(p.placeholder_format.idx)
            for p in written
            if kinds.get(p.placeholder_format.idx) in (2, 7)
        ]
        assert texts == [7, 7], texts


def _slide_frames(path: Path, page: int = 0) -> tuple[list[tuple[float, ...]], float]:
    """The rectangles drawn on a page at least 60 pt on each side (each printed slide's
    background or frame), in page coordinates (x0, y0, x1, y1), and the page's height."""
    reader = PdfReader(str(path))
    found: list[tuple[float, ...]] = []

    def visit(operator: bytes, args: list, cm: list, tm: list) -> None:
        if operator != b"re":
            return
        x, y, w, h = (float(a) for a in args)
        xs = [cm[0] * px + cm[2] * py + cm[4] for px, py in ((x, y), (x + w, y + h))]
        ys = [cm[1] * px + cm[3] * py + cm[5] for px, py in ((x, y), (x + w, y + h))]
        box = (min(xs), min(ys), max(xs), max(ys))
        if box[:2] == (0, 0):  # a slide background's, in its form, which pypdf leaves unplaced
            return
        if box[2] - box[0] >= 60 and box[3] - box[1] >= 60:
            found.append(box)

    reader.pages[page].extract_text(visitor_operand_before=visit)
    return found, float(reader.pages[page].mediabox.height)


def test_a_portrait_template_prints_three_slides_a_page_within_the_page(
    project: Path, tmp_path: Path
) -> None:
    """A template taller than wide (7.5 x 10 in): three slides a page each fit their third
    of the page, none running into the next or off the page."""
    from pptx.util import Inches

    (project / "templates").mkdir()
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(7.5), Inches(10)
    prs.save(str(project / "templates" / "tall.pptx"))
    edit(
        project / "content" / "course.yaml",
        "settings:\n",
        "settings:\n  deck:\n    template: templates/tall.pptx\n",
    )
    files = made(project, tmp_path, ("slides",))
    frames, height = _slide_frames(files["slides"])
    tall = {tuple(round(v) for v in f) for f in frames if (f[2] - f[0]) / (f[3] - f[1]) < 0.8}
    slides = sorted(tall, key=lambda f: -f[3])  # each slide once, from the top of the page
    assert len(slides) >= 3, frames
    for upper, lower in zip(slides, slides[1:], strict=False):
        assert lower[3] <= upper[1] + 0.5, (upper, lower)  # one below the other
    assert slides[-1][1] >= 0.5 * 72 and slides[0][3] <= height - 0.5 * 72


def test_a_long_organisation_name_stays_left_of_the_pages_label(
    project: Path, tmp_path: Path
) -> None:
    """The header of printed slides: a long organisation name shrinks (then takes a second
    line) beside "Slides", never running over it or past the margin."""
    from .test_certificates import _word_boxes

    name = (
        "Riverbend Community Health and Social Care Partnership Foundation Trust "
        "of the Greater Northern Valley Region"
    )
    edit(project / "content" / "course.yaml", "organization: Test Clinic", f"organization: {name}")
    files = made(project, tmp_path, ("slides", "notes-pages"))
    for path in files.values():
        words, width, _ = _word_boxes(path)
        label = min(x0 for x0, y0, _, _, w in words if w in ("Slides", "Notes") and y0 < 60)
        header = [b for b in words if b[1] < 60 and b[4] in name.split()]
        assert header and max(x1 for _, _, x1, _, _ in header) < label, path.name
        assert all(x1 <= width - 0.75 * 72 + 1 for _, _, x1, _, _ in header)


SENTENCE = "Walk the room with the group and point out each change you made, then ask them. "


@pytest.mark.parametrize(("sentences", "pages_more"), [(36, 0), (72, 1)])
def test_long_notes_shrink_to_their_page_or_say_which_slide_they_continue(
    project: Path, tmp_path: Path, sentences: int, pages_more: int
) -> None:
    """Notes a little too long for their page ran on to a page of a few lines, with no
    slide and nothing to say whose notes they were. Notes that fit at a smaller size (down
    to 9 pt) are set so, on the slide's own page; longer ones run on to a page whose top
    names the slide they continue."""
    notes = SENTENCE * sentences
    edit(
        project / "content" / "modules" / "intro.md",
        "notes: Say hello and explain the session.",
        f"notes: {notes.strip()}",
    )
    files = made(project, tmp_path, ("deck", "notes-pages"))
    deck = Presentation(str(files["deck"]))
    (slide,) = [
        n
        for n, s in enumerate(deck.slides, 1)
        if s.has_notes_slide and s.notes_slide.notes_text_frame.text.startswith("Walk the room")
    ]
    pages = [p.extract_text() or "" for p in PdfReader(str(files["notes-pages"])).pages]
    assert len(pages) == len(deck.slides) + pages_more
    # the notes as read on, page after page (a sentence may run on to the next page): the
    # running header and footer between them left out
    running = ("Test Clinic", "Notes pages", "Notes for slide", "Safe Rooms ·", "Version 2.1")
    read_on = [ln for page in pages for ln in page.split("\n") if not ln.startswith(running)]
    assert " ".join(" ".join(read_on).split()).count("Walk the room with the group") == sentences
    continued = [n for n, page in enumerate(pages, 1) if "continued" in page]
    if pages_more:
        assert continued == [slide + 1]  # the page after the slide's own
        assert f"Notes for slide {slide}, continued" in pages[slide]
    else:
        assert not continued


def test_notes_keep_their_lines_in_the_deck_and_on_the_notes_pages(
    project: Path, tmp_path: Path
) -> None:
    """The guide set a list inside a list item on lines of its own, and a manual line break
    as a new line; the deck's notes and the notes pages ran both into one line."""
    notes = (
        "notes: |\n  Begin with the room:\n\n  1. First say hello\n  2. Then explain the plan\n"
        "     - sub point A\n     - sub point B\n  3. Ask for questions\n\n"
        "  Pause here\\\n  then go on.\n"
    )
    edit(
        project / "content" / "modules" / "intro.md",
        "notes: Say hello and explain the session.\n",
        notes,
    )
    files = made(project, tmp_path, ("deck", "notes-pages"))
    deck = Presentation(str(files["deck"]))
    said = next(
        s.notes_slide.notes_text_frame.text
        for s in deck.slides
        if s.has_notes_slide and "Begin with the room" in s.notes_slide.notes_text_frame.text
    )
    expected = [
        "Begin with the room:",
        "1. First say hello",
        "2. Then explain the plan",
        "- sub point A",
        "- sub point B",
        "3. Ask for questions",
        "Pause here",
        "then go on.",
    ]
    assert [line.strip(" \u00a0") for line in said.splitlines()] == expected
    printed = " ".join(p.extract_text() or "" for p in PdfReader(str(files["notes-pages"])).pages)
    lines = [line.strip(" \u00a0") for line in printed.replace("\u00a0", " ").splitlines()]
    start = lines.index("Begin with the room:")
    assert lines[start : start + len(expected)] == expected


def test_notes_that_run_on_never_leave_a_line_alone_on_a_page(
    project: Path, tmp_path: Path
) -> None:
    """Notes of one-line steps, a step more for each module: each slide's notes fit on its
    page (measured in the room its page really has: a step too many for the frame ran on
    to a page of its own), or what runs on is at least three lines; no step is lost."""
    names = []
    for n in range(14, 40):
        steps = "\n\n".join(f"  Step {k} of part {n}: check the room." for k in range(1, n + 1))
        (project / f"content/modules/part{n}.md").write_text(
            f"---\ntitle: Part {n}\nduration: 5\nkey_points: [Check the room]\n"
            f"notes: |\n{steps}\n---\nBody.\n",
            encoding="utf-8",
        )
        names.append(f"part{n}")
    edit(project / "content/course.yaml", "  - practice\n", "".join(f"  - {n}\n" for n in names))
    notes = made(project, tmp_path, ("notes-pages",))["notes-pages"]
    pages = [p.extract_text() or "" for p in PdfReader(str(notes)).pages]
    running = ("Test Clinic", "Notes pages", "Notes for slide", "Safe Rooms ·", "Version 2.1")
    for page in pages:
        if "continued" in page:
            lines = [ln for ln in page.split("\n") if ln.strip() and not ln.startswith(running)]
            assert len(lines) >= 3, page
    for n in range(14, 40):
        for k in range(1, n + 1):
            assert sum(p.count(f"Step {k} of part {n}:") for p in pages) == 1, (n, k)


def test_a_master_of_many_shapes_is_printed_once_per_layout(project: Path, tmp_path: Path) -> None:
    """A master of hundreds of text boxes was drawn anew on every printed slide: a deck of a
    few hundred slides took minutes and gigabytes (a shared template within every limit
    could take an hour). What the slides of a layout show alike is now drawn once, as a
    form each shows, and every slide still shows it."""
    from lxml import etree

    prs = Presentation()
    tree = prs.slide_master.shapes._spTree  # noqa: SLF001
    shape = (
        '<p:sp xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><p:nvSpPr>'
        '<p:cNvPr id="{id}" name="Note {id}"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>'
        '<p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="800000" cy="150000"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr><p:txBody><a:bodyPr/>'
        '<a:lstStyle/><a:p><a:r><a:rPr lang="en-US" sz="400"/><a:t>m{id}</a:t></a:r></a:p>'
        "</p:txBody></p:sp>"
    )
    for n in range(300):
        tree.append(
            etree.fromstring(shape.format(id=1000 + n, x=n % 10 * 900000, y=n // 10 * 220000))
        )
    (project / "templates").mkdir()
    prs.save(str(project / "templates" / "busy.pptx"))
    edit(
        project / "content" / "course.yaml",
        "settings:\n",
        "settings:\n  deck:\n    template: templates/busy.pptx\n",
    )
    files = made(project, tmp_path, ("slides", "deck"))
    slides = len(Presentation(str(files["deck"])).slides)
    reader = PdfReader(str(files["slides"]))
    text = run(tool("pdftotext"), str(files["slides"]), "-").stdout
    assert text.count("m1299") == slides  # every printed slide shows the master's words
    # the master's 300 words are in the file once for each layout, not once a slide
    layouts = {
        str(x)
        for page in reader.pages
        for name, x in page["/Resources"].get("/XObject", {}).items()
        if x.get_object().get("/Subtype") == "/Form"
    }
    assert 1 <= len(layouts) < slides


@pytest.mark.parametrize("per_page", [1, 2, 3, 6])
@pytest.mark.parametrize("ratio", [9 / 16, 3 / 4, 10 / 7.5])  # 16:9, 4:3, a portrait slide
def test_printed_slides_one_above_the_other_never_touch(per_page: int, ratio: float) -> None:
    """A portrait template's slides, three a page, were as tall as their third of the page,
    edge to edge: each printed slide leaves a gap to the one below it."""
    from materials_gen.render.slide_handout import SLIDE_GAPS, printed_width

    width, height = 7.5 * 72, 9.0 * 72  # a letter page's room inside its margins
    rows = {1: 1, 2: 2, 3: 3, 6: 3}[per_page]
    slide = printed_width(per_page, width, height, ratio)
    assert slide * ratio + SLIDE_GAPS[per_page] <= height / rows + 1e-6
    assert slide <= width


def test_a_link_on_a_slide_is_followed_on_the_printed_slides_and_notes_pages(
    project: Path, tmp_path: Path
) -> None:
    """The printed slides drew a link's words as a link (coloured, underlined) but made no
    link: clicking them in the slide handout e-mailed as a PDF did nothing. Each link is now
    followed there as in the deck, and tagged (a screen reader finds it as a link)."""
    import pikepdf

    from materials_gen.build import BuildOptions, build

    edit(
        project / "content" / "modules" / "intro.md",
        "  - Calm rooms help everyone",
        "  - Calm rooms help everyone, see [the guide](https://example.org/rooms) or call "
        "[us](tel:+15550100)",
    )
    report = build(
        project,
        BuildOptions(
            output=tmp_path / "out", kinds=("slides", "notes-pages"), audiences=("all-staff",)
        ),
    )
    for built in report.built:
        with pikepdf.open(built.path) as pdf:
            links = [
                (str(a.A.URI), "/StructParent" in a)
                for page in pdf.pages
                for a in page.get("/Annots", [])
                if a.get("/Subtype") == "/Link"
            ]
        assert ("https://example.org/rooms", True) in links, (built.path.name, links)
        assert ("tel:+15550100", True) in links, (built.path.name, links)
