"""An organisation template as a trainer finds it: its slide numbers (the deck and the
printed slides show the same number, with the template's own words around it, on every
slide, whatever the layouts hold), the shapes its slides carry, layouts named otherwise and
placeholders too small (said once, at the template)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.util import Inches

from materials_gen.build import BuildOptions, build

from .conftest import PROJECTS, all_text, edit

NUMBER = PP_PLACEHOLDER.SLIDE_NUMBER


def _built(tmp_path: Path, template: Path) -> dict[str, Path]:
    import shutil

    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    options = BuildOptions(
        output=tmp_path / "out",
        audiences=("all-staff",),
        kinds=("deck", "slides"),
        deck_template=template,
    )
    return {b.target.kind.name: b.path for b in build(project, options).built}


def _numbers(deck: Path) -> list[str]:
    """What each slide's number shows (the text of its slide-number shapes)."""
    shown = []
    for slide in Presentation(str(deck)).slides:
        texts = [
            shape.text_frame.text
            for shape in slide.shapes
            if shape.has_text_frame
            and (
                (shape.is_placeholder and shape.placeholder_format.type == NUMBER)
                or shape.name == "Slide Number"
            )
        ]
        shown.append(" | ".join(texts))
    return shown


def test_a_slide_number_with_words_keeps_them_and_shows_the_number_once(
    tmp_path: Path,
) -> None:
    """ "Slide ‹#›" on the template: each slide says "Slide 7" on screen (its field holds the
    number, its words stay), and the printed slides say the same (the deck said "77")."""
    prs = Presentation()
    for owner in [prs.slide_master, *prs.slide_layouts]:
        for ph in owner.placeholders:
            if ph.placeholder_format.type == NUMBER:
                paragraph = ph.text_frame.paragraphs[0]._p
                run = etree.Element(qn("a:r"))
                etree.SubElement(run, qn("a:t")).text = "Slide "
                paragraph.find(qn("a:fld")).addprevious(run)
    template = tmp_path / "numbered.pptx"
    prs.save(str(template))
    built = _built(tmp_path, template)
    numbers = _numbers(built["deck"])
    assert numbers[2] == "Slide 3" and numbers[-1] == f"Slide {len(numbers)}"
    assert all(n == f"Slide {i}" for i, n in enumerate(numbers, start=1) if n)
    printed = all_text(built["slides"])
    assert "Slide 3" in printed and "33" not in printed.replace("Slide 33", "")


def test_a_layout_without_a_slide_number_shows_the_masters(tmp_path: Path) -> None:
    """Footer, date and number placeholders on the master only (common in corporate
    templates): every slide still shows its number where the master puts it, in a text box
    holding a slide-number field, and the printed slides show the same numbers."""
    prs = Presentation()
    for layout in prs.slide_layouts:
        for ph in list(layout.placeholders):
            if ph.placeholder_format.type in (NUMBER, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.DATE):
                layout.shapes._spTree.remove(ph._element)
    template = tmp_path / "master-only.pptx"
    prs.save(str(template))
    built = _built(tmp_path, template)
    deck = Presentation(str(built["deck"]))
    numbers = _numbers(built["deck"])
    assert numbers == [str(n) for n in range(1, len(deck.slides) + 1)]
    box = next(s for s in deck.slides[1].shapes if s.name == "Slide Number")
    fields = list(box._element.iter(qn("a:fld")))
    assert [f.get("type") for f in fields] == ["slidenum"]
    master = next(p for p in prs.slide_master.placeholders if p.placeholder_format.type == NUMBER)
    assert (box.left, box.top) == (master.left, master.top)
    pages = all_text(built["slides"])
    assert all(str(n) in pages for n in range(1, len(deck.slides) + 1))


def test_a_carried_rule_sharing_an_id_with_the_title_leaves_the_title_placeholder(
    tmp_path: Path,
) -> None:
    """A "Title rule" bar whose shape id is the title placeholder's (templates often repeat
    ids): the slides carry the bar, and the layout keeps its title placeholder (it was
    removed with the bar, and every title fell back to the master's place)."""
    prs = Presentation()
    layout = next(lay for lay in prs.slide_layouts if lay.name == "Title and Content")
    bar = parse_xml(
        '<p:sp xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><p:nvSpPr>'
        '<p:cNvPr id="2" name="Title rule"/><p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr>'
        '<p:spPr><a:xfrm><a:off x="457200" y="1371600"/><a:ext cx="2743200" cy="54864"/>'
        '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr '
        'val="C00000"/></a:solidFill></p:spPr></p:sp>'
    )
    layout.shapes._spTree.append(bar)
    title = next(s for s in layout.placeholders if s.placeholder_format.idx == 0)
    title.left, title.top, title.width, title.height = (
        Inches(0.5),
        Inches(0.3),
        Inches(6),
        Inches(1),
    )
    template = tmp_path / "same-id.pptx"
    prs.save(str(template))
    deck = Presentation(str(_built(tmp_path, template)["deck"]))
    kept = next(lay for lay in deck.slide_layouts if lay.name == "Title and Content")
    assert any(p.placeholder_format.idx == 0 for p in kept.placeholders)
    assert not any(s.name == "Title rule" for s in kept.shapes)
    slides = [s for s in deck.slides if s.slide_layout.name == "Title and Content"]
    assert slides and all(any(s.name == "Title rule" for s in slide.shapes) for slide in slides)
    assert all(slide.shapes.title.left == Inches(0.5) for slide in slides)


@pytest.fixture(autouse=True)
def _no_cached_template() -> None:
    """Each test's template is its own (a process keeps the last one it prepared)."""
    import sys

    layout = sys.modules.get("materials_gen.render.layout")
    if layout is not None:
        layout._LAST.clear()  # noqa: SLF001


def test_a_template_without_the_usual_layout_names_says_which_layouts_it_took(
    tmp_path: Path,
) -> None:
    """A French template ("Titre et contenu", "Diapositive de titre"...) and no mapping:
    the deck is built, and build and check say which layout each kind of slide was given
    (section dividers on the title slide's layout), once a layout, with the way to choose."""
    from click.testing import CliRunner

    from materials_gen.cli import main

    prs = Presentation()
    french = {
        "Title Slide": "Diapositive de titre",
        "Title and Content": "Titre et contenu",
        "Section Header": "En-tête de section",
        "Two Content": "Deux contenus",
        "Comparison": "Comparaison",
        "Title Only": "Titre seul",
    }
    for layout in prs.slide_layouts:
        layout.name = french.get(layout.name, layout.name)
    template = tmp_path / "fr.pptx"
    prs.save(str(template))
    import shutil

    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    for command in ("build", "check"):
        args = [command, "-p", str(project), "--deck-template", str(template)]
        if command == "build":
            args += ["--only", "deck", "-a", "all-staff"]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        assert (
            "warning: 'section', 'title' slides are on layout 'Diapositive de titre': the "
            "template has no layout named" in result.output
        )
        assert result.output.count("'bullets'") == 1


def _minimal_deck_on(template: Path, tmp_path: Path):
    """The minimal project's decks built on ``template`` (the CLI's result)."""
    import shutil

    from click.testing import CliRunner

    from materials_gen.cli import main

    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    args = ["build", "-p", str(project), "--only", "deck", "--deck-template", str(template)]
    return CliRunner().invoke(main, args)


def test_a_body_placeholder_too_small_for_one_line_is_one_error_at_the_template(
    tmp_path: Path,
) -> None:
    """A "Title and Content" body squeezed to 0.3 in: one error naming the layout, its box
    and the kinds of slide it cannot hold, at the template, not one 'too long' per slide
    blaming the content."""
    prs = Presentation()
    layout = next(lay for lay in prs.slide_layouts if lay.name == "Title and Content")
    body = next(ph for ph in layout.placeholders if ph.placeholder_format.idx == 1)
    body.width, body.height = Inches(8), Inches(0.3)
    template = tmp_path / "tiny.pptx"
    prs.save(str(template))
    result = _minimal_deck_on(template, tmp_path)
    assert result.exit_code == 1, result.output
    errors = [line for line in result.output.splitlines() if ": error: " in line]
    assert len(errors) == 1, result.output
    assert errors[0].startswith(f"{template}: error: layout 'Title and Content' of ")
    assert "too small to hold one line at 18 pt (8.00 x 0.30 in)" in errors[0]
    assert "'bullets'" in errors[0] and "too long" not in result.output


@pytest.mark.parametrize("case", ["narrow title", "no master placeholders"])
def test_a_title_placeholder_too_small_is_one_error_at_the_template(
    tmp_path: Path, case: str
) -> None:
    """A 'Title and Content' title squeezed to 1.2 in, or a master without its title and
    body placeholders (the layouts' take no size of their own): 30 errors, one a slide,
    each "the slide title is too long" and "shorten the title". One error a layout, at the
    template, naming the placeholder and what to do."""
    prs = Presentation()
    if case == "narrow title":
        layout = next(lay for lay in prs.slide_layouts if lay.name == "Title and Content")
        title = next(ph for ph in layout.placeholders if ph.placeholder_format.idx == 0)
        title.width, title.height = Inches(1.2), Inches(1.0)
    else:
        for placeholder in list(prs.slide_master.placeholders):
            if placeholder.placeholder_format.idx in (0, 1):
                placeholder._element.getparent().remove(placeholder._element)
    template = tmp_path / "cramped.pptx"
    prs.save(str(template))
    result = _minimal_deck_on(template, tmp_path)
    assert result.exit_code == 1, result.output
    errors = [line for line in result.output.splitlines() if ": error: " in line]
    assert all(e.startswith(f"{template}: error: layout '") for e in errors), result.output
    assert "too long" not in result.output and "shorten" not in result.output
    said = " ".join(result.output.split())
    if case == "narrow title":
        assert len(errors) == 1, result.output
        assert (
            "has a title placeholder too small to hold one line at 24 pt (1.20 x 1.00 in)" in said
        )
    else:
        assert "(it has no size: neither the layout nor its slide master gives it one)" in said
        assert "give the layout's title placeholder a size" in said


def test_bullets_on_a_layout_without_marks_start_at_the_margin(tmp_path: Path) -> None:
    """Bullet slides on a layout whose body text has no bullets (Office's "Section Header"):
    no mark and no space hanging for one, in the deck (buNone, no hanging indent) and on
    the printed slides, which draw from the same laid-out paragraphs."""
    from .test_layout import with_template

    template = tmp_path / "office.pptx"
    Presentation().save(str(template))
    laid, _ = with_template(template, (("bullets", "Section Header"),))
    bulleted = [s for s in laid.slides if s.kind == "bullets"]
    paras = [p for s in bulleted for b in s.boxes if b.role != "slide-title" for p in b.paras]
    assert paras and all(p.bullet == "none" for p in paras)
    import shutil

    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    edit(
        project / "content" / "course.yaml",
        "settings:\n",
        "settings:\n  deck:\n    layouts:\n      bullets: Section Header\n",
    )
    options = BuildOptions(
        output=tmp_path / "out", audiences=("all-staff",), kinds=("deck",), deck_template=template
    )
    (deck,) = [b.path for b in build(project, options).built]
    prs = Presentation(str(deck))
    slide = next(
        s for s in prs.slides if s.slide_layout.name == "Section Header" and len(s.placeholders) > 1
    )
    body = [p for p in slide.placeholders if p.placeholder_format.idx != 0][0]
    first = body.text_frame.paragraphs[0]._p.find(qn("a:pPr"))
    assert first.get("indent") == "0" and first.find(qn("a:buNone")) is not None


def _with_logo(path: Path) -> Path:
    """Office's template with a logo on its master, at the top right, where the titles of
    "Title and Content" and "Two Content" reach."""
    import copy
    import io

    from PIL import Image

    picture = io.BytesIO()
    Image.new("RGB", (60, 30), (200, 0, 0)).save(picture, "PNG")
    picture.seek(0)
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[1])  # a slide to make the picture part
    shown = slide.shapes.add_picture(picture, Inches(8.2), Inches(0.3), Inches(1.5), Inches(0.75))
    image = shown.part.related_part(shown._element.blipFill.blip.rEmbed)
    rid = prs.slide_master.part.relate_to(
        image, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
    )
    logo = copy.deepcopy(shown._element)
    logo.blipFill.blip.rEmbed = rid
    prs.slide_master.shapes._spTree.append(logo)
    ids = prs.slides._sldIdLst
    prs.part.drop_rel(ids[0].rId)
    ids.remove(ids[0])
    prs.save(str(path))
    return path


def test_a_title_placeholder_over_the_templates_logo_is_warned_of(tmp_path: Path) -> None:
    from .test_layout import with_template

    laid, _ = with_template(_with_logo(tmp_path / "logo.pptx"), ())
    told = [m for m, _ in laid.notes if "over a picture of the template" in m]
    assert any("layout 'Title and Content' has its title placeholder" in m for m in told), told
    assert not any("Title Slide" in m for m in told)  # its title is clear of the logo


def _numbered_by_the_master() -> tuple[Any, Any]:
    """PowerPoint's template with no slide-number placeholder on its layouts, and the
    master's: the slides are numbered where the master puts its number."""
    prs = Presentation()
    for layout in prs.slide_layouts:
        for ph in list(layout.placeholders):
            if ph.placeholder_format.type == NUMBER:
                layout.shapes._spTree.remove(ph._element)
    master = next(p for p in prs.slide_master.placeholders if p.placeholder_format.type == NUMBER)
    return prs, master


def test_a_master_number_with_words_digits_and_another_field(tmp_path: Path) -> None:
    """The master's number says "Part 1 · ‹#›" with a date field after it, and the layouts
    have none: each slide's number box holds "Part 1 · " then the slide-number field (the
    field wraps the slide's number, not the "1" of the words), then the content's date in
    place of the date field, on screen and on the printed slides alike, never the date the
    template was saved on."""
    prs, master = _numbered_by_the_master()
    paragraph = master.text_frame.paragraphs[0]._p
    run = etree.Element(qn("a:r"))
    etree.SubElement(run, qn("a:t")).text = "Part 1 · "
    paragraph.find(qn("a:fld")).addprevious(run)
    date = parse_xml(
        '<a:fld xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'id="{11111111-2222-3333-4444-555555555555}" type="datetime1"><a:t>1/1/2020</a:t>'
        "</a:fld>"
    )
    paragraph.find(qn("a:fld")).addnext(date)
    template = tmp_path / "parts.pptx"
    prs.save(str(template))
    built = _built(tmp_path, template)
    deck = Presentation(str(built["deck"]))
    box = next(s for s in deck.slides[0].shapes if s.name == "Slide Number")
    parts = [
        (child.tag.rsplit("}", 1)[1], child.findtext(qn("a:t")))
        for child in box.text_frame.paragraphs[0]._p
        if child.tag in (qn("a:r"), qn("a:fld"))
    ]
    assert parts == [("r", "Part 1 · "), ("fld", "1"), ("r", "4 March 2025")]
    printed = all_text(built["slides"])
    assert "2020" not in printed and "Part 1 · 1" in printed and "4 March 2025" in printed


def test_a_layout_number_placeholder_without_text_is_filled(tmp_path: Path) -> None:
    prs = Presentation()
    layout = next(lay for lay in prs.slide_layouts if lay.name == "Title and Content")
    number = next(p for p in layout.placeholders if p.placeholder_format.type == NUMBER)
    number._element.remove(number._element.find(qn("p:txBody")))
    template = tmp_path / "bare-number.pptx"
    prs.save(str(template))
    numbers = _numbers(_built(tmp_path, template)["deck"])
    assert numbers[1] == "2"


def test_a_template_numbered_from_0_is_numbered_so_everywhere(tmp_path: Path) -> None:
    """PowerPoint's "Number slides from: 0" (firstSlideNum): the projected deck shows the
    title slide as 0 and module 1's first slide one lower than its place. The printed
    slides, the guide's "slides N–M" and the notes pages cite what the screen shows."""
    import re
    import shutil

    prs = Presentation()
    prs.part._element.set("firstSlideNum", "0")  # noqa: SLF001
    template = tmp_path / "from-zero.pptx"
    prs.save(str(template))
    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    options = BuildOptions(
        output=tmp_path / "out",
        audiences=("all-staff",),
        kinds=("deck", "slides", "notes-pages", "guide"),
        deck_template=template,
    )
    built = {b.target.kind.name: b.path for b in build(project, options).built}
    deck = Presentation(str(built["deck"]))
    assert deck.part._element.get("firstSlideNum") == "0"  # noqa: SLF001 (kept)
    numbers = _numbers(built["deck"])
    assert numbers[0] in ("", "0") and numbers[1] == "1" and numbers[-1] == str(len(numbers) - 1)
    titles = [s.shapes.title.text_frame.text if s.shapes.title else "" for s in deck.slides]
    guide = re.sub(r"\s+", " ", all_text(built["guide"]))
    first, last = map(int, re.search(r"slides (\d+)–(\d+)", guide).groups())
    # shown as `first`, at place first + 1: module 1's content note, then its title
    assert titles[first] == "Before we begin" and titles[first + 1].startswith("1. ")
    from pypdf import PdfReader

    for place, page in enumerate(PdfReader(str(built["notes-pages"])).pages):
        # the slide's own footer, then its number, under each miniature
        shown = re.findall(r"All staff · Version 2\.1\s*(\d+)", page.extract_text())
        assert shown == [str(place)], (place, shown)


def _a_run(text: str) -> etree._Element:
    run = etree.Element(qn("a:r"))
    etree.SubElement(run, qn("a:rPr"), lang="en-US")
    etree.SubElement(run, qn("a:t")).text = text
    return run


def _date_field(saved: str) -> etree._Element:
    field = etree.Element(qn("a:fld"), id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2C}")
    field.set("type", "datetime1")
    etree.SubElement(field, qn("a:t")).text = saved
    return field


@pytest.mark.parametrize(
    ("written", "lines"),
    [
        ("Confidential / Slide ‹#›", ["Confidential", "Slide {n}"]),
        ("Slide, a line break, ‹#›", ["Slide", "{n}"]),
        ("a date | ‹#›", ["4 March 2025 | {n}"]),
    ],
)
def test_a_number_placeholder_of_several_lines_and_fields_prints_as_it_shows(
    tmp_path: Path, written: str, lines: list[str]
) -> None:
    """The printed slides read only the first paragraph of a slide-number placeholder: a
    "Confidential" line above "Slide ‹#›" was left out, "Slide", a line break and the number
    printed "Slide4", a date field beside the number printed nothing. The deck shows them
    all (a date as the content's, as every footer does), and the printed slides the same."""
    prs = Presentation()
    layout = next(lay for lay in prs.slide_layouts if lay.name == "Title and Content")
    number = next(ph for ph in layout.placeholders if ph.placeholder_format.type == NUMBER)
    body = number._element.find(qn("p:txBody"))
    paragraph = body.findall(qn("a:p"))[0]
    if written.startswith("Confidential"):
        above = etree.Element(qn("a:p"))
        above.append(_a_run("Confidential"))
        paragraph.addprevious(above)
        paragraph.insert(0, _a_run("Slide "))
    elif written.startswith("Slide"):
        paragraph.insert(0, etree.Element(qn("a:br")))
        paragraph.insert(0, _a_run("Slide"))
    else:
        paragraph.insert(0, _a_run(" | "))
        paragraph.insert(0, _date_field("3/14/2019"))
    template = tmp_path / "numbered.pptx"
    prs.save(str(template))
    built = _built(tmp_path, template)
    deck = Presentation(str(built["deck"]))
    printed = " ".join(" ".join(_slide_pages(built["slides"])).split())
    shown = 0
    for n, slide in enumerate(deck.slides, 1):
        if slide.slide_layout.name != "Title and Content":
            continue
        shown += 1
        box = next(s for s in slide.placeholders if s.placeholder_format.type == NUMBER)
        said = [
            p.text.replace("\u00a0", " ").replace("\v", "\n") for p in box.text_frame.paragraphs
        ]
        wanted = [line.format(n=n) for line in lines]
        assert "\n".join(said).split("\n") == wanted, (written, said)
        for line in wanted:
            assert line in printed, (written, line)
        if len(wanted) == 2 and wanted[0] == "Slide":  # the number under it, not "Slide4"
            assert _lines_apart(built["slides"], "Slide", str(n))
    assert shown
    assert "2019" not in all_text(built["slides"])


def _lines_apart(path: Path, first: str, second: str) -> bool:
    """Whether the printed slides draw ``second`` on a line below a ``first`` (the same
    slide's number box: within an inch)."""
    from pypdf import PdfReader

    for page in PdfReader(str(path)).pages:
        seen: list[tuple[float, float, str]] = []

        def visit(text: str, cm: list, tm: list, *_: object, seen: list = seen) -> None:
            if text.strip():
                seen.append((cm[4] + tm[4], cm[5] + tm[5], text.strip()))

        page.extract_text(visitor_text=visit)
        for x, y, text in seen:
            if text == first and any(
                t == second and 3 < y - y2 < 72 and abs(x - x2) < 72 for x2, y2, t in seen
            ):
                return True
    return False


def _slide_pages(path: Path) -> list[str]:
    """The text of each page of the printed slides."""
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(str(path)).pages]


def test_a_date_field_of_the_master_says_the_content_s_date(tmp_path: Path) -> None:
    """A text box of the master holding a date field saved as "3/14/2019": PowerPoint showed
    the day the deck was opened, the printed slides the day the template was saved. Both now
    show the content's date, the date of every footer."""
    prs = Presentation()
    box = parse_xml(
        '<p:sp xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        '<p:nvSpPr><p:cNvPr id="90" name="Updated"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>'
        '<p:spPr><a:xfrm><a:off x="457200" y="91440"/><a:ext cx="2743200" cy="365760"/>'
        '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>'
        "<p:txBody><a:bodyPr/><a:lstStyle/><a:p/></p:txBody></p:sp>"
    )
    paragraph = box.find(f"{qn('p:txBody')}/{qn('a:p')}")
    paragraph.append(_a_run("Updated "))
    paragraph.append(_date_field("3/14/2019"))
    prs.slide_master.shapes._spTree.append(box)
    template = tmp_path / "dated.pptx"
    prs.save(str(template))
    built = _built(tmp_path, template)
    deck = Presentation(str(built["deck"]))
    master = deck.slide_master._element
    assert not [f for f in master.iter(qn("a:fld")) if f.get("type", "").startswith("date")]
    assert "Updated 4 March 2025" in "".join(t.text or "" for t in master.iter(qn("a:t")))
    printed = all_text(built["slides"])
    assert "Updated 4 March 2025" in printed and "2019" not in printed


_A = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
_NUMBER_FIELD = (
    '<a:fld id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}" type="slidenum">'
    '<a:rPr lang="en-US" sz="1600"/><a:t>&#8249;#&#8250;</a:t></a:fld>'
)


def _numbered_template(path: Path, paragraphs: str, body: dict[str, str] | None = None) -> Path:
    """PowerPoint's template, its layouts' and master's slide-number placeholders holding
    ``paragraphs`` (a:p elements), their text body's properties ``body``."""
    prs = Presentation()
    for owner in (prs.slide_master, *prs.slide_layouts):
        for ph in owner.placeholders:
            if ph.placeholder_format.type != NUMBER:
                continue
            text = ph._element.find(qn("p:txBody"))
            for p in text.findall(qn("a:p")):
                text.remove(p)
            for p in parse_xml(f"<x {_A}>{paragraphs}</x>"):
                text.append(p)
            for name, value in (body or {}).items():
                text.find(qn("a:bodyPr")).set(name, value)
    prs.save(str(path))
    return path


def _printed_runs(path: Path) -> list[tuple[str, str, float]]:
    """Each piece of text the printed slides draw: (text, font, size)."""
    from pypdf import PdfReader

    found: list[tuple[str, str, float]] = []
    for page in PdfReader(str(path)).pages:

        def visit(text: str, cm: list, tm: list, font: dict, size: float) -> None:
            if text.strip():
                name = str((font or {}).get("/BaseFont", ""))
                found.append((text.strip(), name, round(size * tm[0], 1)))

        page.extract_text(visitor_text=visit)
    return found


def test_each_line_of_a_number_placeholder_prints_in_its_own_weight_and_the_number_s_size(
    tmp_path: Path,
) -> None:
    """ "CONFIDENTIAL" in 7 pt bold above "Slide ‹#›" in 16 pt: on paper both lines were
    7 pt bold, the first size and weight said anywhere in the placeholder. The number's own
    size is the box's, and each run keeps its weight."""
    template = _numbered_template(
        tmp_path / "mixed.pptx",
        '<a:p><a:r><a:rPr lang="en-US" sz="700" b="1"/><a:t>CONFIDENTIAL</a:t></a:r></a:p>'
        f'<a:p><a:r><a:rPr lang="en-US" sz="1600"/><a:t>Slide </a:t></a:r>{_NUMBER_FIELD}</a:p>',
    )
    built = _built(tmp_path, template)
    runs = _printed_runs(built["slides"])
    marks = [r for r in runs if r[0] == "CONFIDENTIAL"]
    slides = [r for r in runs if r[0].startswith("Slide") and r[0][-1:].isdigit()]
    assert marks and slides
    assert all("Bold" in font for _, font, _ in marks)
    assert not any("Bold" in font for _, font, _ in slides)
    # the printed slide is drawn at a scale: the number's size against the body's 28 pt
    deck = Presentation(str(built["deck"]))
    number = next(
        s
        for slide in deck.slides
        for s in slide.placeholders
        if s.placeholder_format.type == NUMBER
    )
    assert {r.get("kern") for r in number._element.iter(qn("a:rPr"))} == {"0"}


def test_a_number_after_many_words_keeps_its_own_words(tmp_path: Path) -> None:
    """A long line before "Slide ‹#›": the words read stopped before the field, and the
    printed slides fell back to a bare number without "Slide"."""
    long_line = "x " * 600
    template = _numbered_template(
        tmp_path / "long.pptx",
        f'<a:p><a:r><a:rPr lang="en-US" sz="100"/><a:t>{long_line}</a:t></a:r></a:p>'
        f'<a:p><a:r><a:rPr lang="en-US"/><a:t>Slide </a:t></a:r>{_NUMBER_FIELD}</a:p>',
    )
    built = _built(tmp_path, template)
    printed = " ".join(all_text(built["slides"]).split())
    assert "Slide 2" in printed


def test_a_number_placeholder_shrunk_by_powerpoint_prints_shrunk(tmp_path: Path) -> None:
    """A box PowerPoint shrank to fit (normAutofit fontScale="55000") showed its text at
    55 %; the printed slides drew it full size, past the box."""
    paragraphs = f'<a:p><a:r><a:rPr lang="en-US"/><a:t>Slide </a:t></a:r>{_NUMBER_FIELD}</a:p>'
    whole = _built(tmp_path / "a", _numbered_template(tmp_path / "whole.pptx", paragraphs))
    template = _numbered_template(tmp_path / "shrunk.pptx", paragraphs)
    prs = Presentation(str(template))
    for owner in (prs.slide_master, *prs.slide_layouts):
        for ph in owner.placeholders:
            if ph.placeholder_format.type == NUMBER:
                body = ph._element.find(f"{qn('p:txBody')}/{qn('a:bodyPr')}")
                body.append(parse_xml(f'<a:normAutofit {_A} fontScale="55000"/>'))
    prs.save(str(template))
    shrunk = _built(tmp_path / "b", template)

    def number_size(path: Path) -> float:
        return next(s for t, _, s in _printed_runs(path) if t.startswith("Slide 2"))

    assert number_size(shrunk["slides"]) == pytest.approx(
        number_size(whole["slides"]) * 0.55, rel=0.1
    )


def test_a_master_s_number_box_is_aligned_and_anchored_as_the_master_s(tmp_path: Path) -> None:
    """A layout without a number placeholder shows the master's in a text box of its own:
    the box was left-aligned and top-anchored, where the master's placeholder (and the
    printed slides) right-align and centre it."""
    prs, master = _numbered_by_the_master()
    master._element.find(f"{qn('p:txBody')}/{qn('a:bodyPr')}").set("anchor", "ctr")
    template = tmp_path / "master.pptx"
    prs.save(str(template))
    built = _built(tmp_path, template)
    deck = Presentation(str(built["deck"]))
    box = next(s for s in deck.slides[1].shapes if s.name == "Slide Number")
    body = box.text_frame._txBody
    assert body.find(qn("a:bodyPr")).get("anchor") == "ctr"
    assert {p.get("algn") for p in body.iter(qn("a:pPr"))} == {"r"}  # the master's own


def test_a_title_rule_s_fields_say_the_number_and_the_content_s_date(tmp_path: Path) -> None:
    """A layout's "Title rule" (carried by each slide under its title) holding "Page ‹#›"
    and a date field: on paper it said "Page ‹#›" and the date the template was saved, in
    the deck the live number and today's date."""
    from materials_gen.render.layout import TITLE_RULE

    prs = Presentation()
    layout = next(lay for lay in prs.slide_layouts if lay.name == "Title and Content")
    rule = parse_xml(
        '<p:sp xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
        f"{_A}>"
        f'<p:nvSpPr><p:cNvPr id="90" name="{TITLE_RULE}"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
        '<p:spPr><a:xfrm><a:off x="457200" y="1143000"/><a:ext cx="4572000" cy="274320"/>'
        '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>'
        "<p:txBody><a:bodyPr/><a:lstStyle/><a:p>"
        '<a:r><a:rPr lang="en-US" sz="1000"/><a:t>Page </a:t></a:r>'
        + _NUMBER_FIELD.replace('sz="1600"', 'sz="1000"')
        + '<a:r><a:rPr lang="en-US" sz="1000"/><a:t> updated </a:t></a:r>'
        '<a:fld id="{11111111-2222-3333-4444-555555555555}" type="datetime1">'
        '<a:rPr lang="en-US" sz="1000"/><a:t>1/1/2020</a:t></a:fld>'
        "</a:p></p:txBody></p:sp>"
    )
    layout.shapes._spTree.append(rule)
    template = tmp_path / "rule.pptx"
    prs.save(str(template))
    built = _built(tmp_path, template)
    printed = " ".join(all_text(built["slides"]).split())
    assert "2020" not in printed and "‹#›" not in printed
    assert "Page 2 updated 4 March 2025" in printed
    deck = Presentation(str(built["deck"]))
    carried = [s for slide in deck.slides for s in slide.shapes if s.name == TITLE_RULE]
    assert carried
    for shape in carried:
        fields = [f.get("type") for f in shape._element.iter(qn("a:fld"))]
        assert fields == ["slidenum"]  # PowerPoint numbers it; the date is the content's
        assert "4 March 2025" in shape.text_frame.text
