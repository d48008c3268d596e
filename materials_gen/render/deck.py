"""The presenter's deck: an editable PowerPoint file laid out from the slide plan.

Every text goes into a real placeholder of the layout chosen for the slide's kind, so a
trainer can edit it in PowerPoint. Text is measured with the theme font's metrics: it is
shrunk within a legible range and, when it still does not fit, continued on a "(cont.)"
slide; a piece of text that cannot fit even alone is an error naming it. Files are written
with fixed timestamps so that the same inputs give the same bytes.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import math
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.parts.slide import SlidePart
from pptx.util import Emu, Pt
from reportlab.pdfbase.pdfmetrics import stringWidth

from ..document import Document, plain
from ..document import Table as MdTable
from ..errors import ContentError, Problem
from ..theme import Theme
from . import RenderOptions, RenderResult
from .ooxml import element, put
from .pdf import Fonts, column_widths
from .pptx_template import LayoutMap, builtin_presentation, open_presentation, role_of
from .slides import Para, Run, Slide, missing_notes, plan, runs

EMU_PER_PT = 12700
INSET_X, INSET_Y = 7.2, 3.6  # default text-box insets, points
LINE = 1.2  # line height as a multiple of the font size (set exactly on every paragraph)

# (largest, smallest) font sizes in points for each part of a slide
SIZES = {
    "title": (44, 28),
    "section-title": (40, 24),
    "slide-title": (34, 24),
    "subtitle": (24, 16),
    "body": (28, 18),
    "columns": (24, 18),
    "quote": (36, 20),
    "table": (18, 12),
    "footer": (11, 7),
}


class Measure:
    """Text widths and wrapped heights in the theme's body font."""

    def __init__(self, theme: Theme):
        self.fonts = Fonts(theme.body_font)
        # Fitting asks for the same paragraph at the same size many times (every size of a
        # range, every way of sharing a column out): measured once, a long table stays linear.
        self._lines: dict[tuple[Para, float, float], int] = {}

    def font(self, run: Run, heading: bool = False) -> str:
        bold = run.bold or heading
        if bold and run.italic:
            return self.fonts.bold_italic
        if bold:
            return self.fonts.bold
        if run.italic:
            return self.fonts.italic
        return self.fonts.regular

    def lines(self, para: Para, size: float, width: float) -> int:
        key = (para, size, width)
        count = self._lines.get(key)
        if count is None:
            count = self._lines[key] = self._count_lines(para, size, width)
        return count

    def _count_lines(self, para: Para, size: float, width: float) -> int:
        available = max(width - indent_pt(para, size), size)
        count, used = 1, 0.0
        space = stringWidth(" ", self.fonts.regular, size)
        for run in para.runs:
            if run.line_break:
                count, used = count + 1, 0.0
                continue
            font = self.font(run, para.heading)
            for i, word in enumerate(run.text.split(" ")):
                if i:
                    used += space
                if not word:
                    continue
                w = stringWidth(word, font, size)
                if used and used + w > available:
                    count, used = count + 1, 0.0
                while w > available:  # a word longer than the line is broken by the viewer
                    count, w = count + 1, w - available
                used += w
        return count

    def height(self, paras: tuple[Para, ...], size: float, width: float) -> float:
        total = 0.0
        for i, para in enumerate(paras):
            total += self.lines(para, size, width) * size * LINE
            if i:
                total += space_before(size)
        return total


def indent_pt(para: Para, size: float) -> float:
    """Where the text of a paragraph starts; bullets and numbers hang in the space before."""
    if para.bullet == "none":
        return 22.0 * para.level
    return 22.0 * para.level + hanging(para, size)


def hanging(para: Para, size: float) -> float:
    if para.bullet == "number":
        return round(size * 1.5)
    return round(max(18.0, size * 0.9))


def space_before(size: float) -> float:
    return round(size * 0.45)


@dataclass(frozen=True)
class Box:
    width: float  # points, inside the insets
    height: float

    @classmethod
    def of(cls, shape: object) -> Box:
        width = (shape.width or 0) / EMU_PER_PT - 2 * INSET_X  # type: ignore[attr-defined]
        height = (shape.height or 0) / EMU_PER_PT - 2 * INSET_Y  # type: ignore[attr-defined]
        return cls(width * 0.98, height * 0.96)  # a little room for renderers' differences


def largest_fit(
    measure: Measure, paras: tuple[Para, ...], box: Box, sizes: tuple[int, int]
) -> int | None:
    high, low = sizes
    for size in range(high, low - 1, -1):
        if measure.height(paras, size, box.width) <= box.height:
            return size
    return None


def _start(para: Para) -> str:
    text = para.text.strip().replace("\n", " ")
    return text if len(text) <= 60 else text[:57] + "..."


def split_to_fit(
    measure: Measure, paras: tuple[Para, ...], box: Box, sizes: tuple[int, int], where: str
) -> list[tuple[tuple[Para, ...], int]]:
    """Paragraphs shared out over as few slides as they need, each with its font size."""
    whole = largest_fit(measure, paras, box, sizes)
    if whole is not None:
        return [(paras, whole)]
    low = sizes[1]
    comfortable = min(sizes[0], low + 2)
    chunks: list[list[Para]] = [[]]
    for para in paras:
        if largest_fit(measure, (para,), box, (low, low)) is None:
            raise ContentError(
                [
                    Problem(
                        None,
                        f"{where}: the text '{_start(para)}' is too long for one slide, even at "
                        f"{low} pt",
                        "split it into shorter bullets or paragraphs",
                    )
                ]
            )
        trial = tuple(chunks[-1] + [para])
        if chunks[-1] and measure.height(trial, comfortable, box.width) > box.height:
            chunks.append([para])
        else:
            chunks[-1].append(para)
    # one size for every part, so a continued slide does not jump in type size
    size = min(largest_fit(measure, tuple(c), box, sizes) or low for c in chunks)
    return [(tuple(c), size) for c in chunks]


# ---------------------------------------------------------------- writing text


def write_paras(
    frame: object, paras: tuple[Para, ...], size: int, colour_headings: bool = True
) -> None:
    frame.word_wrap = True  # type: ignore[attr-defined]
    frame.auto_size = MSO_AUTO_SIZE.NONE  # type: ignore[attr-defined]
    for i, para in enumerate(paras):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()  # type: ignore[attr-defined]
        p.level = min(para.level, 8)
        p.line_spacing = Pt(round(size * LINE))
        p.space_before = Pt(space_before(size) if i else 0)
        p_pr = p._p.get_or_add_pPr()
        margin = int(indent_pt(para, size) * EMU_PER_PT)
        p_pr.set("marL", str(margin))
        if para.bullet == "none":
            p_pr.set("indent", "0")
            put(p_pr, element("a:buNone"))
        else:
            p_pr.set("indent", str(-int(hanging(para, size) * EMU_PER_PT)))
            if para.bullet == "number":
                numbered = element("a:buAutoNum", type="arabicPeriod", startAt=str(para.number))
                put(p_pr, numbered)
        for run in para.runs:
            if run.line_break:
                p.add_line_break()
                continue
            r = p.add_run()
            r.text = run.text
            r.font.size = Pt(size)
            if run.bold or para.heading:
                r.font.bold = True
            if run.italic:
                r.font.italic = True
            if para.heading and colour_headings:
                r.font.color.theme_color = MSO_THEME_COLOR.ACCENT_1
            if run.link and run.link.lower().startswith(("http://", "https://", "mailto:")):
                r.hyperlink.address = run.link


def title_para(slide: Slide) -> tuple[Para, ...]:
    return (Para(slide.title),) if slide.title else ()


# ---------------------------------------------------------------- the deck


class _PartNames:
    """A per-kind counter for new part names.

    python-pptx finds the next free name (notesSlide7.xml, ...) by walking every part of the
    package for each new part, which makes decks with notes quadratic in their length.
    """

    def __init__(self, package: object):
        self.package = package
        self.used: dict[str, set[str]] = {}

    def __call__(self, template: str) -> PackURI:
        prefix = template[: (template % 42).find("42")]
        used = self.used.get(prefix)
        if used is None:
            used = {
                str(p.partname)
                for p in self.package.iter_parts()  # type: ignore[attr-defined]
                if str(p.partname).startswith(prefix)
            }
            self.used[prefix] = used
        n = len(used) + 1
        while template % n in used:
            n += 1
        used.add(template % n)
        return PackURI(template % n)


class _NewSlides:
    """Adds slides to a presentation, each in the same time however long the deck already is.

    python-pptx's ``add_slide`` reads every slide id for the next one and looks through every
    link of the presentation for one to the new slide (there never is one), which makes a
    deck of a few thousand slides quadratic. This does the same steps, in the same order, with
    a counter: the same part names, links and ids, so the same bytes.
    """

    def __init__(self, prs: Any):
        self.part = prs.part
        self.ids = prs.slides._sldIdLst  # noqa: SLF001
        used = [int(i) for i in self.ids.xpath("./p:sldId/@id")]
        self.next_id = max([MIN_SLIDE_ID - 1, *used]) + 1
        self.count = len(self.ids)

    def add(self, layout: Any) -> Any:
        self.count += 1
        name = PackURI(f"/ppt/slides/slide{self.count}.xml")
        slide_part = SlidePart.new(name, self.part.package, layout.part)
        rid = self.part.rels._add_relationship(RT.SLIDE, slide_part)  # noqa: SLF001
        slide = slide_part.slide
        slide.shapes.clone_layout_placeholders(layout)
        self.ids._add_sldId(id=self.next_id, rId=rid)  # noqa: SLF001
        self.next_id += 1
        return slide


MIN_SLIDE_ID = 256  # the first slide id PowerPoint allows


@dataclass
class _Deck:
    measure: Measure
    layouts: LayoutMap
    prs: object
    footer: str
    problems: list[Problem]
    images: dict[str, bytes]
    new_slides: _NewSlides | None = None

    def where(self, number: int, slide: Slide) -> str:
        title = slide.title_text or slide.kind
        return f"slide {number} ('{title[:50]}')"


def _remove(shape: object) -> None:
    element = shape._element  # type: ignore[attr-defined]
    element.getparent().remove(element)


def _footer(deck: _Deck, slide: object, layout: object, number: int) -> None:
    """Copy the layout's footer and slide-number placeholders onto the slide and fill them."""
    found = {
        ph.placeholder_format.type: ph
        for ph in layout.placeholders  # type: ignore[attr-defined]
        if ph.placeholder_format.type in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)
    }
    tree = slide.shapes._spTree  # type: ignore[attr-defined]
    footer = found.get(PP_PLACEHOLDER.FOOTER)
    if footer is not None:
        element = copy.deepcopy(footer._element)
        tree.append(element)
        shape = slide.shapes[-1]  # type: ignore[attr-defined]
        para = (Para((Run(deck.footer),)),)
        size = largest_fit(deck.measure, para, Box.of(shape), SIZES["footer"])
        write_paras(shape.text_frame, para, size or SIZES["footer"][1])
    else:
        width = deck.prs.slide_width  # type: ignore[attr-defined]
        height = deck.prs.slide_height  # type: ignore[attr-defined]
        box = slide.shapes.add_textbox(  # type: ignore[attr-defined]
            int(width * 0.05), height - Pt(30), int(width * 0.7), Pt(22)
        )
        box.name = "Footer"
        box.text_frame.text = deck.footer
        box.text_frame.paragraphs[0].runs[0].font.size = Pt(10)
    number_ph = found.get(PP_PLACEHOLDER.SLIDE_NUMBER)
    if number_ph is not None:
        element = copy.deepcopy(number_ph._element)
        for text in element.iter(qn("a:t")):
            text.text = str(number)
        if not list(element.iter(qn("a:fld"))):
            body = element.find(qn("p:txBody"))
            for p in body.findall(qn("a:p")):
                body.remove(p)
            body.append(
                parse_xml(
                    f'<a:p {nsdecls("a")}><a:fld id="{{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}}" '
                    f'type="slidenum"><a:t>{number}</a:t></a:fld></a:p>'
                )
            )
        tree.append(element)


def _fill_title(
    deck: _Deck, number: int, slide: Slide, shape: object, sizes: tuple[int, int]
) -> None:
    paras = title_para(slide)
    if not paras:
        _remove(shape)
        return
    size = largest_fit(deck.measure, paras, Box.of(shape), sizes)
    if size is None:
        deck.problems.append(
            Problem(
                None,
                f"{deck.where(number, slide)}: the title is too long for the slide even at "
                f"{sizes[1]} pt",
                "shorten the title in the content",
            )
        )
        size = sizes[1]
    write_paras(shape.text_frame, paras, size)  # type: ignore[attr-defined]


def _title(
    deck: _Deck, slide: object, n: int, part: Slide, layout_title: object, sizes: tuple[int, int]
) -> set[int]:
    """Fill the slide's title placeholder; the placeholder indexes now in use."""
    title_ph = _placeholder(slide, layout_title)
    if title_ph is None:
        return set()
    _fill_title(deck, n, part, title_ph, sizes)
    return {title_ph.placeholder_format.idx}


def _add(deck: _Deck, kind: str) -> tuple[object, object]:
    choice = deck.layouts.for_kind(kind)
    if deck.new_slides is None:
        deck.new_slides = _NewSlides(deck.prs)
    return deck.new_slides.add(choice.layout), choice


def _placeholder(slide: object, layout_placeholder: object | None) -> object | None:
    if layout_placeholder is None:
        return None
    idx = layout_placeholder.placeholder_format.idx  # type: ignore[attr-defined]
    for ph in slide.placeholders:  # type: ignore[attr-defined]
        if ph.placeholder_format.idx == idx:
            return ph
    return None


def _tidy(slide: object, used: set[int]) -> None:
    """Remove placeholders left empty, so no 'Click to add text' prompt shows in the show."""
    for ph in list(slide.placeholders):  # type: ignore[attr-defined]
        if ph.placeholder_format.idx not in used and ph.placeholder_format.type not in (
            PP_PLACEHOLDER.FOOTER,
            PP_PLACEHOLDER.SLIDE_NUMBER,
        ):
            _remove(ph)


def _notes(slide: object, text: str) -> None:
    if text.strip():
        slide.notes_slide.notes_text_frame.text = text  # type: ignore[attr-defined]


def _emit(
    deck: _Deck, number: int, plan_slide: Slide
) -> list[tuple[Slide, Callable[[object, int], None]]]:
    """The PowerPoint slides for one planned slide (more than one when it continues)."""
    role = role_of(plan_slide.kind)
    if role == "table" and plan_slide.table is not None:
        return _table_slides(deck, number, plan_slide)
    if role == "two-column" and plan_slide.columns:
        return _column_slides(deck, number, plan_slide)
    slides = _text_slides(deck, number, plan_slide, role)
    if plan_slide.figures:
        _, first = slides[0]
        slides[0] = (plan_slide, _with_picture(deck, plan_slide, first))
    return slides


def _with_picture(deck: _Deck, plan_slide: Slide, draw_text: Callable[[object, int], None]):
    """Draw the slide, then its picture in the body area (beside the text when there is any)."""
    choice = deck.layouts.for_kind(plan_slide.kind)
    area = choice.bodies[0] if choice.bodies else None

    def draw(slide: object, n: int) -> None:
        draw_text(slide, n)
        figure = plan_slide.figures[0]
        data = deck.images.get(figure.src)
        if data is None or area is None:
            return
        left, top, width, height = area.left, area.top, area.width, area.height
        if plan_slide.body:  # text keeps the left part, the picture takes the right part
            text = _placeholder(slide, area)
            if text is not None:
                text.width = int(width * 0.55)
            left, width = left + int(width * 0.58), int(width * 0.42)
        from PIL import Image as PILImage

        with PILImage.open(io.BytesIO(data)) as image:
            pixels_w, pixels_h = image.size
        scale = min(width / pixels_w, height / pixels_h)
        w, h = int(pixels_w * scale), int(pixels_h * scale)
        picture = slide.shapes.add_picture(  # type: ignore[attr-defined]
            io.BytesIO(data), left + (width - w) // 2, top + (height - h) // 2, w, h
        )
        picture.name = f"Picture: {figure.alt}"[:80] if figure.alt else "Picture"
        picture._element.nvPicPr.cNvPr.set("descr", figure.alt)  # alt text for screen readers

    return draw


def _text_slides(deck: _Deck, number: int, plan_slide: Slide, role: str):
    choice = deck.layouts.for_kind(plan_slide.kind)
    texts = (
        [choice.subtitle, *choice.bodies] if role == "title" else [*choice.bodies, choice.subtitle]
    )
    body_ph = next((ph for ph in texts if ph is not None), None)
    body_sizes = {
        "title": SIZES["subtitle"],
        "section": SIZES["subtitle"],
        "quote": SIZES["quote"],
    }.get(role, SIZES["body"])
    chunks: list[tuple[tuple[Para, ...], int]] = [((), 0)]
    if plan_slide.body and body_ph is not None and role in ("title", "section"):
        # a cover or divider never continues: its few lines shrink instead
        size = largest_fit(deck.measure, plan_slide.body, Box.of(body_ph), (body_sizes[0], 10))
        if size is None:
            deck.problems.append(
                Problem(
                    None,
                    f"{deck.where(number, plan_slide)}: the text under the title is too long "
                    f"for the layout '{choice.layout.name}'",
                    "shorten it, or map this slide kind to a layout with a larger text area",
                )
            )
        chunks = [(plan_slide.body, size or 10)]
    elif plan_slide.body and body_ph is not None:
        chunks = split_to_fit(
            deck.measure,
            plan_slide.body,
            Box.of(body_ph),
            body_sizes,
            deck.where(number, plan_slide),
        )
    elif plan_slide.body:
        deck.problems.append(
            Problem(
                None,
                f"{deck.where(number, plan_slide)}: layout '{choice.layout.name}' has no text "
                "placeholder for the slide's text",
                "map this slide kind to a layout with a body placeholder",
            )
        )
    title_sizes = {"title": SIZES["title"], "section": SIZES["section-title"]}.get(
        role, SIZES["slide-title"]
    )
    out = []
    for index, (paras, size) in enumerate(chunks):
        part = replace(plan_slide if index == 0 else _continued(plan_slide), body=paras)

        def draw(slide: object, n: int, part: Slide = part, paras=paras, size=size) -> None:
            used = _title(deck, slide, n, part, choice.title, title_sizes)
            target = _placeholder(slide, body_ph)
            if target is not None and paras:
                write_paras(target.text_frame, paras, size)
                used.add(target.placeholder_format.idx)
            _tidy(slide, used)

        out.append((part, draw))
    return out


def _continued(plan_slide: Slide) -> Slide:
    title = plan_slide.title + (Run(" (cont.)"),) if plan_slide.title else ()
    notes = f"Continued from the previous slide.\n{plan_slide.notes}".strip()
    return replace(plan_slide, title=title, notes=notes)


def _column_slides(deck: _Deck, number: int, plan_slide: Slide):
    choice = deck.layouts.for_kind(plan_slide.kind)
    boxes = [Box.of(ph) for ph in choice.bodies[:2]]
    columns = plan_slide.columns[:2]
    pieces = _fewest_pieces(deck.measure, columns, boxes)
    parts = [_share(col, pieces) for col in columns]
    sizes = [
        [
            largest_fit(deck.measure, part, box, SIZES["columns"])
            for part, box in zip(col_parts, boxes, strict=False)
        ]
        for col_parts in zip(*parts, strict=True)
    ]
    out = []
    for index, col_parts in enumerate(zip(*parts, strict=True)):
        fitted = [s for s in sizes[index] if s is not None]
        size = min(fitted) if len(fitted) == len(col_parts) else SIZES["columns"][1]
        if len(fitted) != len(col_parts):
            deck.problems.append(
                Problem(
                    None,
                    f"{deck.where(number, plan_slide)}: a column is too long for the slide",
                    "shorten the column's text",
                )
            )
        part = replace(
            plan_slide if index == 0 else _continued(plan_slide), columns=tuple(col_parts)
        )

        def draw(slide: object, n: int, part: Slide = part, col_parts=col_parts, size=size) -> None:
            used = _title(deck, slide, n, part, choice.title, SIZES["slide-title"])
            for layout_ph, paras in zip(choice.bodies, col_parts, strict=False):
                target = _placeholder(slide, layout_ph)
                if target is not None:
                    write_paras(target.text_frame, paras, size)
                    used.add(target.placeholder_format.idx)
            _tidy(slide, used)

        out.append((part, draw))
    return out


def _fewest_pieces(
    measure: Measure, columns: tuple[tuple[Para, ...], ...], boxes: list[Box]
) -> int:
    """The fewest slides two columns can be shared over with every part fitting; one
    paragraph a slide when no sharing fits.

    The answer of trying 1, 2, 3, ... pieces in turn, found without measuring every try (which
    made a long comparison quadratic): tries below what the columns' height allows are
    skipped, and a try's parts depend only on how many paragraphs each gets, so a sharing is
    measured once however many tries lead to it.
    """
    most = max(len(c) for c in columns)
    measured: list[tuple[tuple[Para, ...], Box]] = list(zip(columns, boxes, strict=False))
    if any(not _each_alone_fits(measure, column, box) for column, box in measured):
        return max(1, most)  # some part can never fit: the last try, as when trying in turn
    known: dict[tuple[int, int, int], bool] = {}

    def fits(pieces: int) -> bool:
        for index, (column, box) in enumerate(measured):
            parts = _share(column, pieces)
            key = (index, len(parts[0]), len(parts[-1]))  # the same cut, the same padding
            if key not in known:
                known[key] = all(
                    largest_fit(measure, part, box, SIZES["columns"]) is not None for part in parts
                )
            if not known[key]:
                return False
        return True

    pieces = max(1, min(most, _pieces_at_least(measure, measured)))
    while pieces < most and not fits(pieces):
        pieces += 1
    return pieces


def _each_alone_fits(measure: Measure, column: tuple[Para, ...], box: Box) -> bool:
    """Whether every paragraph fits on a slide by itself (under the column's heading)."""
    head = column[:1] if column and column[0].heading else ()
    rest = column[len(head) :]
    return all(
        largest_fit(measure, head + (para,), box, SIZES["columns"]) is not None for para in rest
    )


def _pieces_at_least(measure: Measure, measured: list[tuple[tuple[Para, ...], Box]]) -> int:
    """A number of pieces below which some part of a column is sure not to fit.

    Every paragraph of a column lands in one part, and a part's height at any size is at
    least the sum, over its paragraphs, of each one's smallest height plus the space before
    it, less one space: so ``pieces * (box height + largest space)`` must hold them all.
    """
    low, high = SIZES["columns"][1], SIZES["columns"][0]
    gap = max(space_before(size) for size in range(low, high + 1))
    bound = 1
    for column, box in measured:
        rest = column[1:] if column and column[0].heading else column
        total = sum(
            min(
                measure.lines(para, size, box.width) * size * LINE + space_before(size)
                for size in range(low, high + 1)
            )
            for para in rest
        )
        if box.height + gap > 0:
            bound = max(bound, math.floor(total / (box.height + gap) * (1 - 1e-9)))
    return bound


def _share(column: tuple[Para, ...], pieces: int) -> list[tuple[Para, ...]]:
    """A column cut into ``pieces`` runs of paragraphs; a leading heading repeats on each."""
    head: tuple[Para, ...] = ()
    rest = column
    if column and column[0].heading:
        head, rest = column[:1], column[1:]
    size = max(1, -(-len(rest) // pieces))
    cut = [head + rest[i : i + size] for i in range(0, max(len(rest), 1), size)]
    while len(cut) < pieces:
        cut.append(head)
    return cut[:pieces]


def _table_slides(deck: _Deck, number: int, plan_slide: Slide):
    choice = deck.layouts.for_kind(plan_slide.kind)
    table = plan_slide.table
    assert table is not None
    area = choice.bodies[0] if choice.bodies else None
    if area is None:
        raise ContentError(
            [
                Problem(
                    None, f"{deck.where(number, plan_slide)}: layout has no body area for the table"
                )
            ]
        )
    box_w = (area.width or 0) / EMU_PER_PT
    box_h = (area.height or 0) / EMU_PER_PT * 0.97
    columns = max([len(table.header)] + [len(r) for r in table.rows])

    def cell_para(cell: tuple, bold: bool = False) -> Para:
        return Para(runs(cell, bold=bold))

    known_widths: dict[int, list[float]] = {}

    def widths(size: int) -> list[float]:
        """Column widths from every row, so they do not change from one slide to the next;
        worked out once a size, not once a continued slide."""
        if size not in known_widths:
            known_widths[size] = _widths(size)
        return known_widths[size]

    def _widths(size: int) -> list[float]:
        weights, minimums = [], []
        for i in range(columns):
            texts = [plain(r[i]) for r in (table.header, *table.rows) if i < len(r)]
            weights.append(max(6, min(50, max((len(t) for t in texts), default=6))))
            words = [w for t in texts for w in t.split()] or [""]
            minimums.append(
                max(stringWidth(w, deck.measure.fonts.bold, size) for w in words) + 2 * INSET_X + 4
            )
        return column_widths(box_w, weights, minimums)

    def row_height(
        cells: list[tuple], size: int, col_widths: list[float], bold: bool = False
    ) -> float:
        tallest = 0.0
        for i, width in enumerate(col_widths):
            cell = cells[i] if i < len(cells) else ()
            para = cell_para(cell, bold)
            tallest = max(
                tallest, deck.measure.lines(para, size, width - 2 * INSET_X) * size * LINE
            )
        return tallest + 2 * INSET_Y + 2

    rows = [list(r) for r in table.rows]
    chosen = None
    for size in range(SIZES["table"][0], SIZES["table"][1] - 1, -1):
        cw = widths(size)
        total = row_height(list(table.header), size, cw, True) + sum(
            row_height(r, size, cw) for r in rows
        )
        if total <= box_h:
            chosen = [(rows, size)]
            break
    if chosen is None:
        size = SIZES["table"][1] + 2
        cw = widths(size)
        head_h = row_height(list(table.header), size, cw, True)
        chosen, current, used = [], [], head_h
        for r in rows:
            h = row_height(r, size, cw)
            if head_h + h > box_h:
                raise ContentError(
                    [
                        Problem(
                            None,
                            f"{deck.where(number, plan_slide)}: the table row starting "
                            f"'{plain(r[0])[:40] if r else ''}' is too long for one slide",
                            "shorten its cells, or split it into two rows",
                        )
                    ]
                )
            if current and used + h > box_h:
                chosen.append((current, size))
                current, used = [], head_h
            current.append(r)
            used += h
        chosen.append((current, size))

    out = []
    for index, (chunk, size) in enumerate(chosen):
        part = replace(
            plan_slide if index == 0 else _continued(plan_slide),
            table=MdTable(table.header, tuple(tuple(r) for r in chunk), table.align),
        )

        def draw(slide: object, n: int, part: Slide = part, chunk=chunk, size=size) -> None:
            used = _title(deck, slide, n, part, choice.title, SIZES["slide-title"])
            cw = widths(size)
            heights = [row_height(list(table.header), size, cw, True)] + [
                row_height(r, size, cw) for r in chunk
            ]
            shape = slide.shapes.add_table(  # type: ignore[attr-defined]
                len(chunk) + 1,
                columns,
                area.left,
                area.top,
                area.width,
                Emu(int(sum(heights) * EMU_PER_PT)),
            )
            shape.name = "Comparison table" if "compar" in part.title_text.lower() else "Table"
            grid = shape.table
            for i, width in enumerate(cw):
                grid.columns[i].width = Emu(int(width * EMU_PER_PT))
            for r, height in enumerate(heights):
                grid.rows[r].height = Emu(int(height * EMU_PER_PT))
            for r, cells in enumerate([list(table.header)] + chunk):
                for c in range(columns):
                    cell = cells[c] if c < len(cells) else ()
                    frame = grid.cell(r, c).text_frame
                    write_paras(frame, (cell_para(cell, bold=(r == 0 or c == 0)),), size, False)
            _tidy(slide, used)

        out.append((part, draw))
    return out


# ---------------------------------------------------------------- package


def _core_properties(prs: object, meta: dict, language: str) -> None:
    props = prs.core_properties  # type: ignore[attr-defined]
    day = meta.get("date")
    try:
        when = dt.datetime.combine(dt.date.fromisoformat(str(day)), dt.time(0, 0))
    except ValueError:
        when = dt.datetime(2000, 1, 1)
    keywords = meta.get("keywords") or []
    texts = {
        "title": meta.get("title", ""),
        "subject": meta.get("subject", ""),
        "author": meta.get("organization", ""),
        "last_modified_by": meta.get("organization", ""),
        "keywords": ", ".join(map(str, keywords)) if isinstance(keywords, list) else keywords,
        "comments": meta.get("summary", ""),
        "category": "Training",
        "content_status": f"Version {meta.get('version', '')}".strip(),
        "version": meta.get("version", ""),
        "language": language,
    }
    for name, value in texts.items():
        setattr(props, name, _short(str(value)))
    props.created = when
    props.modified = when
    props.last_printed = when
    props.revision = 1


def _short(text: str, limit: int = 255) -> str:
    """Document properties hold at most 255 characters: cut at a word, with an ellipsis."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "\u2026"


_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006"


def _app_xml(slides: int, notes: int, width: int, height: int, generator: str) -> bytes:
    """Application properties that describe this deck, not the template it came from."""
    ratio = width / height if height else 0
    shape = "16:9" if abs(ratio - 16 / 9) < 0.02 else "4:3" if abs(ratio - 4 / 3) < 0.02 else ""
    fmt = f"On-screen Show ({shape})" if shape else "Custom"
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Properties xmlns="{_OFFICE}/extended-properties" xmlns:vt="{_OFFICE}/docPropsVTypes">'
        f"<Application>{generator}</Application><PresentationFormat>{fmt}</PresentationFormat>"
        f"<Slides>{slides}</Slides><Notes>{notes}</Notes><HiddenSlides>0</HiddenSlides>"
        "</Properties>"
    ).encode()


def _fixed_zip(data: bytes, when: dt.date, app_xml: bytes) -> bytes:
    """The same package with fixed timestamps and member order: same inputs, same bytes."""
    stamp = (max(when.year, 1980), when.month, when.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        names = source.namelist()
        ordered = ["[Content_Types].xml"] + sorted(n for n in names if n != "[Content_Types].xml")
        for name in ordered:
            body = app_xml if name == "docProps/app.xml" else source.read(name)
            if name == "docProps/thumbnail.jpeg":
                continue
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, body)
    return out.getvalue()


def _drop_thumbnail(prs: object) -> None:
    """The bare template's thumbnail shows an empty 4:3 slide: leave it out of every deck."""
    package = prs.part.package  # type: ignore[attr-defined]
    for rel in list(package._rels.values()):  # noqa: SLF001
        if rel.reltype.endswith("/thumbnail"):
            package._rels.pop(rel.rId)  # noqa: SLF001


def slides_as_laid_out(
    document: Document, theme: Theme, options: RenderOptions
) -> tuple[list[Slide], tuple[float, float]]:
    """Every slide of the deck, continued slides included, each with the text it shows, and
    the slide size in points."""
    deck, planned = _prepare(document, theme, options)
    slides = [
        part
        for number, plan_slide in enumerate(planned, start=1)
        for part, _ in _emit(deck, number, plan_slide)
    ]
    prs: Any = deck.prs
    return slides, (prs.slide_width / EMU_PER_PT, prs.slide_height / EMU_PER_PT)


def paginate(
    document: Document, theme: Theme, options: RenderOptions
) -> dict[str, tuple[int, int]]:
    """The slide numbers each module's slides will have (first, last), without a deck.

    The facilitator guide names them; they depend on how text fits, so they are worked out
    by the same fitting the deck uses.
    """
    numbers: dict[str, tuple[int, int]] = {}
    slides, _ = slides_as_laid_out(document, theme, options)
    for number, slide in enumerate(slides, start=1):
        module = slide.attrs.get("module")
        if module:
            numbers[module] = (numbers.get(module, (number, number))[0], number)
    return numbers


def _prepare(document: Document, theme: Theme, options: RenderOptions) -> tuple[_Deck, list[Slide]]:
    meta = document.meta
    if options.deck_template is None:
        prs = builtin_presentation(theme, options.aspect)
    else:
        prs = open_presentation(options.deck_template, options.deck_template_name)
    prs.part.package.next_partname = _PartNames(prs.part.package)  # linear in slides
    layouts = LayoutMap(prs, dict(options.layouts), options.deck_template_name)
    footer = str(meta.get("footer", "")) or " \u00b7 ".join(
        str(x)
        for x in (meta.get("title"), meta.get("audience"), f"Version {meta.get('version', '')}")
        if x
    )
    deck = _Deck(Measure(theme), layouts, prs, footer, [], options.images)
    planned = plan(document)
    if not planned:
        raise ContentError(
            [
                Problem(
                    None,
                    "the deck template made no slides",
                    "wrap each slide in '::::: {.slide .bullets}' ... ':::::'",
                )
            ]
        )
    return deck, planned


def render(document: Document, theme: Theme, options: RenderOptions) -> RenderResult:
    """Lay out a deck document; returns the .pptx bytes and its slide count."""
    meta = document.meta
    deck, planned = _prepare(document, theme, options)
    prs = deck.prs
    emitted: list[tuple[Slide, Callable[[object, int], None]]] = []
    for number, plan_slide in enumerate(planned, start=1):
        emitted.extend(_emit(deck, number, plan_slide))
    notes_count = 0
    for n, (part, draw) in enumerate(emitted, start=1):
        slide, choice = _add(deck, part.kind)
        draw(slide, n)
        _footer(deck, slide, choice.layout, n)
        if part.notes.strip():
            _notes(slide, part.notes)
            notes_count += 1
    if deck.problems:
        raise ContentError(deck.problems)
    _core_properties(prs, meta, str(meta.get("language", "en-US")))
    _drop_thumbnail(prs)
    buffer = io.BytesIO()
    prs.save(buffer)
    try:
        day = dt.date.fromisoformat(str(meta.get("date")))
    except ValueError:
        day = dt.date(2000, 1, 1)
    app = _app_xml(len(emitted), notes_count, prs.slide_width, prs.slide_height, options.generator)
    data = _fixed_zip(buffer.getvalue(), day, app)
    warnings = tuple(
        f"slide {n} ('{s.title_text or s.kind}') has no speaker notes"
        for n, s in missing_notes([p for p, _ in emitted])
    )
    return RenderResult(data=data, pages=len(emitted), warnings=warnings)
