"""The floor: the files a build made, made again by the bare libraries with nothing to decide.

A build's cost is the libraries' cost (python-pptx writing slides, ReportLab drawing pages and
embedding fonts) plus materials-gen's own work (loading, templating, parsing, laying out,
fitting). To know how much of a build is materials-gen, the benchmark times a *floor* that
does only the libraries' part of the same work:

* ``describe`` reads the build's outputs (not timed) and notes, for every deck, each slide's
  layout, shapes, paragraphs and runs at their fitted sizes, tables, pictures and notes, and
  the deck's own masters and layouts; for every PDF, each page's size, every piece of text at
  its place in its font and size, rectangles, lines, pictures, bookmarks and metadata, and
  its tags (which marked-content sequence each piece is drawn in, the structure tree).
* ``make`` (timed, in a fresh process) writes the same files with python-pptx and ReportLab:
  the same slides from the same layouts, the same notes and tables, the same pages with the
  same TrueType fonts embedded (subset, as the build does) and the same tags, written with
  pikepdf as the build writes them (marked sequences, structure and parent trees, language,
  XMP metadata). It measures every word once with the font drawn (the least any line
  breaker does) but searches for no line breaks and fits no sizes. Slides are added in
  constant time each and part names come from a counter, as materials-gen does, so
  python-pptx's quadratic lookups are not charged to the floor; each deck is deflated once.
* ``compare`` checks the floor's files against the build's, page for page and slide for
  slide (text, notes, tables, pictures, run sizes, embedded fonts, and each PDF's tags: the
  structure tree a screen reader follows), so that the two are known to be the same work.

Run as a script: ``python benchmarks/floor.py make WORK_DIR OUT_DIR [--jobs N]``.
"""

from __future__ import annotations

import argparse
import io
import pickle
import re
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SUBSET = re.compile(r"^[A-Z]{6}\+")


# ---------------------------------------------------------------- what the build made


@dataclass(frozen=True)
class Run:
    text: str
    size: int | None  # EMU, as python-pptx reports it
    bold: bool | None
    italic: bool | None
    colour: str | None
    font: str | None
    field: str | None = None  # a field's type (the slide number is one), else a plain run


@dataclass(frozen=True)
class Paragraph:
    level: int
    alignment: Any
    runs: tuple[Run, ...]


@dataclass(frozen=True)
class Shape:
    """One shape of a slide: a placeholder (by its index), a text box, a table or a picture."""

    kind: str  # "placeholder", "text", "table", "picture"
    box: tuple[int, int, int, int]
    idx: int | None = None
    paragraphs: tuple[Paragraph, ...] = ()
    cells: tuple[tuple[tuple[Paragraph, ...], ...], ...] = ()
    column_widths: tuple[int, ...] = ()
    row_heights: tuple[int, ...] = ()
    image: bytes = b""


@dataclass(frozen=True)
class SlideWork:
    layout: str
    shapes: tuple[Shape, ...]
    notes: str


@dataclass(frozen=True)
class DeckWork:
    """A deck to make: the build's own masters and layouts (its slides removed), its slides."""

    name: str
    template: bytes
    slides: tuple[SlideWork, ...]
    title: str
    subject: str
    author: str


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    font: str
    size: float
    colour: tuple[float, ...]
    text: str
    mark: int = -1  # the marked-content sequence (MCID) it is drawn in; -1: an artifact


@dataclass(frozen=True)
class Path_:
    """A drawn path (rectangles, rules, rounded boxes, bullets) in page coordinates."""

    segments: tuple[tuple[str, tuple[float, ...]], ...]  # ("m", (x, y)), ("c", ...), ("h", ())
    fill: tuple[float, ...] | None
    stroke: tuple[float, ...] | None
    line_width: float
    even_odd: bool
    mark: int = -1


@dataclass(frozen=True)
class Picture:
    x: float
    y: float
    width: float
    height: float
    png: bytes
    mark: int = -1


@dataclass(frozen=True)
class PageWork:
    width: float
    height: float
    texts: tuple[Text, ...]
    paths: tuple[Path_, ...]
    pictures: tuple[Picture, ...]
    tags: tuple[tuple[int, str], ...] = ()  # each MCID's tag (P, H1, TD...)


# A structure element: (type, alternate text, title, scope, kids); a kid is an element or a
# (page index, MCID) pair.
Element = tuple[str, str, str, str, tuple[Any, ...]]


@dataclass(frozen=True)
class PdfWork:
    name: str
    fonts: dict[str, str]  # PostScript name -> .ttf path
    pages: tuple[PageWork, ...]
    bookmarks: tuple[tuple[str, int, int], ...]  # title, level, page index
    metadata: dict[str, str] = field(default_factory=dict)
    structure: Element | None = None  # the tagged PDF's structure tree (PDF/UA)
    language: str = ""
    xmp: bytes = b""


def _paragraphs(frame: Any) -> tuple[Paragraph, ...]:
    out = []
    for p in frame.paragraphs:
        runs = []
        for element in p._p.xpath("./a:fld"):  # noqa: SLF001
            runs.append(Run(element.text or "", None, None, None, None, None, element.get("type")))
        for r in p.runs:
            colour = None
            try:
                if r.font.color and r.font.color.type is not None:
                    colour = str(r.font.color.rgb)
            except AttributeError:  # a theme colour: no RGB of its own
                colour = None
            size = None if r.font.size is None else int(r.font.size)  # a plain int pickles as EMU
            runs.append(Run(r.text, size, r.font.bold, r.font.italic, colour, r.font.name))
        out.append(Paragraph(p.level, p.alignment, tuple(runs)))
    return tuple(out)


def _box(shape: Any) -> tuple[int, int, int, int]:
    return tuple(int(v or 0) for v in (shape.left, shape.top, shape.width, shape.height))  # type: ignore[return-value]


def describe_deck(path: Path, name: str) -> DeckWork:
    from pptx import Presentation

    prs = Presentation(str(path))
    slides = []
    for slide in prs.slides:
        shapes = []
        for shape in slide.shapes:
            if shape.is_placeholder and shape.has_text_frame:
                idx = shape.placeholder_format.idx
                shapes.append(Shape("placeholder", _box(shape), idx, _paragraphs(shape.text_frame)))
            elif getattr(shape, "has_table", False) and shape.has_table:
                table = shape.table
                cells = tuple(
                    tuple(_paragraphs(cell.text_frame) for cell in row.cells) for row in table.rows
                )
                shapes.append(
                    Shape(
                        "table",
                        _box(shape),
                        cells=cells,
                        column_widths=tuple(int(c.width) for c in table.columns),
                        row_heights=tuple(int(r.height) for r in table.rows),
                    )
                )
            elif shape.shape_type is not None and hasattr(shape, "image"):
                shapes.append(Shape("picture", _box(shape), image=shape.image.blob))
            elif shape.has_text_frame:
                shapes.append(Shape("text", _box(shape), paragraphs=_paragraphs(shape.text_frame)))
            else:
                raise SystemExit(f"{name}: the floor cannot make a {shape.shape_type} shape")
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        slides.append(SlideWork(slide.slide_layout.name, tuple(shapes), notes))
    core = prs.core_properties
    # the template: the build's own masters, layouts and theme, without its slides
    ids = prs.slides._sldIdLst  # noqa: SLF001
    for slide_id in list(ids):
        ids.remove(slide_id)
        prs.part.rels.pop(slide_id.rId)
    buffer = io.BytesIO()
    prs.save(buffer)
    return DeckWork(
        name,
        buffer.getvalue(),
        tuple(slides),
        core.title or "",
        core.subject or "",
        core.author or "",
    )


def _font_files() -> dict[str, str]:
    """Every TrueType font materials-gen ships (rendercv-fonts), by PostScript file stem."""
    import rendercv_fonts

    root = Path(rendercv_fonts.__file__).parent
    return {p.stem: str(p) for p in sorted(root.rglob("*.ttf"))}


def _times(a: list[float], b: list[float]) -> list[float]:
    """The product of two PDF matrices [a b c d e f]: first ``a``, then ``b``."""
    return [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]


def _point(m: list[float], x: float, y: float) -> tuple[float, float]:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


PAINT = {  # operator: (fills, strokes, even-odd)
    "f": (True, False, False),
    "F": (True, False, False),
    "f*": (True, False, True),
    "S": (False, True, False),
    "s": (False, True, False),
    "B": (True, True, False),
    "B*": (True, True, True),
    "b": (True, True, False),
    "b*": (True, True, True),
    "n": (False, False, False),
}


NUMERIC = {"rg", "RG", "g", "G", "w", "m", "l", "c", "re"}  # operators with only numbers


class _PageReader:
    """Follows one page's drawing operators and notes what they draw, in page coordinates."""

    def __init__(self, page: Any, name: str, fonts: dict[str, str], used: dict[str, str]):
        self.page, self.name, self.fonts, self.used = page, name, fonts, used
        self.texts: list[Text] = []
        self.paths: list[Path_] = []
        self.pictures: list[Picture] = []
        self.state: dict[str, Any] = {"fill": (0.0,) * 3, "stroke": (0.0,) * 3, "width": 1.0}
        self.stack: list[dict[str, Any]] = []
        self.segments: list[tuple[str, tuple[float, ...]]] = []
        self.line_key: tuple[float, float] | None = None
        self.line_end = 0.0
        self.marks: list[int] = []  # the marked-content sequences open, innermost last
        self.tags: dict[int, str] = {}
        self.images: dict[str, Any] = {}
        try:
            for image in page.images:
                self.images["/" + image.name.rsplit(".", 1)[0]] = image
        except (KeyError, ValueError, NotImplementedError):
            self.images = {}

    def work(self) -> PageWork:
        self.page.extract_text(visitor_operand_before=self.before, visitor_text=self.text)
        box = self.page.mediabox
        return PageWork(
            float(box.width),
            float(box.height),
            tuple(self.texts),
            tuple(self.paths),
            tuple(self.pictures),
            tuple(sorted(self.tags.items())),
        )

    @property
    def mark(self) -> int:
        return self.marks[-1] if self.marks else -1

    def before(self, op: bytes, args: list[Any], cm: list[float], tm: list[float]) -> None:
        name = op.decode("latin-1")
        m = [float(v) for v in cm]
        numbers = [float(a) for a in args] if name in NUMERIC else []
        state, segments = self.state, self.segments
        if name == "BDC":
            properties = args[1] if len(args) > 1 else None
            mcid = properties.get("/MCID") if hasattr(properties, "get") else None
            self.marks.append(-1 if mcid is None else int(mcid))
            if mcid is not None:
                self.tags[int(mcid)] = str(args[0]).lstrip("/")
        elif name == "BMC":
            self.marks.append(-1)
        elif name == "EMC" and self.marks:
            self.marks.pop()
        elif name == "q":
            self.stack.append(dict(state))
        elif name == "Q" and self.stack:
            state.update(self.stack.pop())
        elif name in ("rg", "RG", "g", "G"):
            colour = tuple(numbers) if len(numbers) == 3 else (numbers[0],) * 3
            state["fill" if name.islower() else "stroke"] = colour
        elif name == "w":
            state["width"] = numbers[0] * m[0]
        elif name in ("m", "l"):
            segments.append((name, _point(m, *numbers)))
        elif name == "c":
            points = [_point(m, numbers[i], numbers[i + 1]) for i in (0, 2, 4)]
            segments.append(("c", tuple(v for point in points for v in point)))
        elif name == "h":
            segments.append(("h", ()))
        elif name == "re":
            x, y = _point(m, numbers[0], numbers[1])
            segments.append(("re", (x, y, numbers[2] * m[0], numbers[3] * m[3])))
        elif name in PAINT:
            fills, strokes, even_odd = PAINT[name]
            if segments and (fills or strokes):
                fill = state["fill"] if fills else None
                stroke = state["stroke"] if strokes else None
                self.paths.append(
                    Path_(tuple(segments), fill, stroke, state["width"], even_odd, self.mark)
                )
            segments.clear()
        elif name == "Do" and args and str(args[0]) in self.images:
            buffer = io.BytesIO()
            self.images[str(args[0])].image.save(buffer, format="PNG")
            self.pictures.append(Picture(m[4], m[5], m[0], m[3], buffer.getvalue(), self.mark))

    def text(self, content: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        if not content or not font:
            return
        base = SUBSET.sub("", str(font.get("/BaseFont", "")).lstrip("/"))
        if base not in self.fonts:
            raise SystemExit(f"{self.name}: font {base} is not among the fonts materials-gen ships")
        if base not in self.used:
            self.used[base] = self.fonts[base]
            if base not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(base, self.fonts[base]))
        m = _times([float(v) for v in tm], [float(v) for v in cm])
        shown = content.rstrip("\n")
        x, y, size = m[4], m[5], float(size) * m[3]
        # pypdf gives each piece of a line the line's start: the pieces follow one another
        key = (round(x, 2), round(y, 2))
        if key == self.line_key:
            x = self.line_end
        self.line_key, self.line_end = key, x + pdfmetrics.stringWidth(shown, base, size)
        if content.endswith("\n"):
            self.line_key = None
        if shown.strip():
            self.texts.append(Text(x, y, base, size, self.state["fill"], shown, self.mark))


def describe_pdf(path: Path, name: str, fonts: dict[str, str]) -> PdfWork:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    used: dict[str, str] = {}
    pages = [_PageReader(page, name, fonts, used).work() for page in reader.pages]
    bookmarks: list[tuple[str, int, int]] = []

    def walk(items: list[Any], level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                bookmarks.append((str(item.title), level, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    meta = reader.metadata or {}
    metadata = {k: str(meta.get(f"/{k}", "")) for k in ("Title", "Author", "Subject", "Keywords")}
    structure, language, xmp = _tagged(path)
    return PdfWork(name, used, tuple(pages), tuple(bookmarks), metadata, structure, language, xmp)


def _tagged(path: Path) -> tuple[Element | None, str, bytes]:
    """A tagged PDF's structure tree, language and XMP metadata (None, "", b"" untagged)."""
    import pikepdf

    with pikepdf.open(path) as pdf:
        index = {page.obj.objgen: n for n, page in enumerate(pdf.pages)}
        root = pdf.Root.get("/StructTreeRoot")
        language = str(pdf.Root.get("/Lang", ""))
        metadata = pdf.Root.get("/Metadata")
        xmp = metadata.read_bytes() if metadata is not None else b""

        def element(node: Any, page: int) -> Element:
            if "/Pg" in node:
                page = index[node.Pg.objgen]
            found = node.get("/K")
            items = list(found) if isinstance(found, pikepdf.Array) else [found]
            kids: list[Any] = []
            for kid in items:
                if isinstance(kid, int):
                    kids.append((page, kid))
                elif isinstance(kid, pikepdf.Dictionary):
                    if kid.get("/Type") == "/MCR":
                        kids.append((index[kid.Pg.objgen], int(kid.MCID)))
                    elif kid.get("/Type") != "/OBJR":  # link annotations: the floor makes none
                        kids.append(element(kid, page))
            scope = str(node.A.get("/Scope", ""))[1:] if "/A" in node else ""
            return (
                str(node.S)[1:],
                str(node.get("/Alt", "")),
                str(node.get("/T", "")),
                scope,
                tuple(kids),
            )

        if root is None:
            return None, language, xmp
        return element(root.K, 0), language, xmp


def describe(build: Path, work: Path) -> list[str]:
    """Note what every output in ``build`` holds, one pickle per file in ``work``."""
    fonts = _font_files()
    work.mkdir(parents=True, exist_ok=True)
    names = []
    files = sorted([*build.rglob("*.pptx"), *build.rglob("*.pdf")], key=lambda p: str(p))
    for n, path in enumerate(files):
        name = str(path.relative_to(build))
        item: DeckWork | PdfWork
        if path.suffix == ".pptx":
            item = describe_deck(path, name)
        else:
            item = describe_pdf(path, name, fonts)
        target = work / f"{n:04d}-{path.stat().st_size:012d}.pickle"
        target.write_bytes(pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL))
        names.append(name)
    return names


# ---------------------------------------------------------------- the floor


FIELD_ID = "{C1FF6DA9-008F-8B48-92A6-B652298478BF}"


class _PartNames:
    """Part names from a per-kind counter (python-pptx walks every part for each new one)."""

    def __init__(self, package: Any):
        self.used: dict[str, set[str]] = {}
        self.package = package

    def __call__(self, template: str) -> Any:
        from pptx.opc.packuri import PackURI

        prefix = template[: (template % 42).find("42")]
        used = self.used.get(prefix)
        if used is None:
            used = {
                str(p.partname)
                for p in self.package.iter_parts()
                if str(p.partname).startswith(prefix)
            }
            self.used[prefix] = used
        n = len(used) + 1
        while template % n in used:
            n += 1
        used.add(template % n)
        return PackURI(template % n)


def _fill(frame: Any, paragraphs: tuple[Paragraph, ...]) -> None:
    from lxml.etree import SubElement
    from pptx.dml.color import RGBColor
    from pptx.oxml.ns import qn
    from pptx.util import Emu

    for n, para in enumerate(paragraphs):
        p = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        p.level = para.level
        if para.alignment is not None:
            p.alignment = para.alignment
        for run in para.runs:
            if run.field:
                field = SubElement(p._p, qn("a:fld"), id=FIELD_ID, type=run.field)  # noqa: SLF001
                SubElement(field, qn("a:rPr"), lang="en-US")
                SubElement(field, qn("a:t")).text = run.text
                continue
            r = p.add_run()
            r.text = run.text
            if run.size is not None:
                r.font.size = Emu(run.size)
            if run.bold is not None:
                r.font.bold = run.bold
            if run.italic is not None:
                r.font.italic = run.italic
            if run.colour:
                r.font.color.rgb = RGBColor.from_string(run.colour)
            if run.font:
                r.font.name = run.font


def make_deck(work: DeckWork, out: Path) -> None:
    from pptx import Presentation
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.opc.packuri import PackURI
    from pptx.parts.slide import SlidePart

    prs = Presentation(io.BytesIO(work.template))
    package = prs.part.package
    package.next_partname = _PartNames(package)
    layouts = {layout.name: layout for layout in prs.slide_layouts}
    ids = prs.slides._sldIdLst  # noqa: SLF001
    next_id = 256
    for count, planned in enumerate(work.slides, start=1):
        layout = layouts[planned.layout]
        part = SlidePart.new(PackURI(f"/ppt/slides/slide{count}.xml"), package, layout.part)
        rid = prs.part.rels._add_relationship(RT.SLIDE, part)  # noqa: SLF001
        slide = part.slide
        slide.shapes.clone_layout_placeholders(layout)
        ids._add_sldId(id=next_id, rId=rid)  # noqa: SLF001
        next_id += 1
        placeholders = {ph.placeholder_format.idx: ph for ph in slide.placeholders}
        kept = set()
        for shape in planned.shapes:
            left, top, width, height = shape.box
            if shape.kind == "placeholder" and shape.idx in placeholders:
                target = placeholders[shape.idx]
                kept.add(shape.idx)
                if _box(target) != shape.box:
                    target.left, target.top, target.width, target.height = shape.box
                _fill(target.text_frame, shape.paragraphs)
            elif shape.kind in ("placeholder", "text"):
                box = slide.shapes.add_textbox(left, top, width, height)
                _fill(box.text_frame, shape.paragraphs)
            elif shape.kind == "table":
                rows, cols = len(shape.cells), len(shape.cells[0])
                table = slide.shapes.add_table(rows, cols, left, top, width, height).table
                for c, w in enumerate(shape.column_widths):
                    table.columns[c].width = w
                for r, h in enumerate(shape.row_heights):
                    table.rows[r].height = h
                for r, row in enumerate(shape.cells):
                    for c, paragraphs in enumerate(row):
                        _fill(table.cell(r, c).text_frame, paragraphs)
            elif shape.kind == "picture":
                slide.shapes.add_picture(io.BytesIO(shape.image), left, top, width, height)
        for idx, ph in placeholders.items():
            if idx not in kept:
                ph._element.getparent().remove(ph._element)  # noqa: SLF001
        if planned.notes:
            slide.notes_slide.notes_text_frame.text = planned.notes
    prs.core_properties.title = work.title
    prs.core_properties.subject = work.subject
    prs.core_properties.author = work.author
    out.parent.mkdir(parents=True, exist_ok=True)
    prs.save(str(out))


def make_pdf(work: PdfWork, out: Path) -> None:
    from reportlab import rl_config
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    rl_config.useA85 = 0  # binary streams, as materials-gen writes them

    for name, path in work.fonts.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, path))
    out.parent.mkdir(parents=True, exist_ok=True)
    first = work.pages[0]
    canvas = Canvas(
        str(out),
        pagesize=(first.width, first.height),
        invariant=1,
        initialFontName=next(iter(work.fonts), "Helvetica"),
    )
    canvas.setTitle(work.metadata.get("Title", ""))
    canvas.setAuthor(work.metadata.get("Author", ""))
    canvas.setSubject(work.metadata.get("Subject", ""))
    canvas.setKeywords(work.metadata.get("Keywords", ""))
    marks: dict[int, list[tuple[str, int]]] = {}
    for title, level, page in work.bookmarks:
        marks.setdefault(page, []).append((title, level))
    width_of = pdfmetrics.stringWidth
    tagged = work.structure is not None
    mark = 0
    for number, page in enumerate(work.pages):
        canvas.setPageSize((page.width, page.height))
        tags = dict(page.tags)
        for mark, items in _sequences(page):
            if tagged:
                opening = "/Artifact BMC" if mark < 0 else f"/{tags[mark]} <</MCID {mark}>> BDC"
                canvas.addLiteral(opening)
            for item in items:
                if isinstance(item, Path_):
                    _draw_path(canvas, item)
                elif isinstance(item, Picture):
                    canvas.drawImage(
                        ImageReader(io.BytesIO(item.png)), item.x, item.y, item.width, item.height
                    )
                else:
                    # every word measured once in the font drawn, as any line breaker must
                    for word in item.text.split():
                        width_of(word, item.font, item.size)
                    canvas.setFont(item.font, item.size)
                    canvas.setFillColorRGB(*item.colour[:3])
                    canvas.drawString(item.x, item.y, item.text)
            if tagged:
                canvas.addLiteral("EMC")
        for title, level in marks.get(number, ()):
            key = f"m{mark}"
            mark += 1
            canvas.bookmarkPage(key)
            canvas.addOutlineEntry(title, key, level=level)
        canvas.showPage()
    if not tagged:
        canvas.save()
        return
    out.write_bytes(_tag(canvas.getpdfdata(), work))


def _sequences(page: PageWork) -> list[tuple[int, list[Any]]]:
    """A page's content as marked sequences, texts in the order the build drew them: the
    paths and pictures of no sequence first (layout), each other path or picture with the
    texts of its sequence."""
    extra: dict[int, list[Any]] = {}
    for item in (*page.paths, *page.pictures):
        extra.setdefault(item.mark, []).append(item)
    out: list[tuple[int, list[Any]]] = []
    if -1 in extra:
        out.append((-1, extra.pop(-1)))
    for text in page.texts:
        if out and out[-1][0] == text.mark:
            out[-1][1].append(text)
        else:
            out.append((text.mark, [*extra.pop(text.mark, []), text]))
    out.extend(extra.items())
    return out


def _draw_path(canvas: Any, drawn: Path_) -> None:
    if drawn.fill:
        canvas.setFillColorRGB(*drawn.fill[:3])
    if drawn.stroke:
        canvas.setStrokeColorRGB(*drawn.stroke[:3])
        canvas.setLineWidth(drawn.line_width)
    outline = canvas.beginPath()
    for op, v in drawn.segments:
        if op == "m":
            outline.moveTo(*v)
        elif op == "l":
            outline.lineTo(*v)
        elif op == "c":
            outline.curveTo(*v)
        elif op == "re":
            outline.rect(*v)
        else:
            outline.close()
    canvas.drawPath(
        outline,
        stroke=int(drawn.stroke is not None),
        fill=int(drawn.fill is not None),
        fillMode=1 if drawn.even_odd else 0,
    )


def _tag(data: bytes, work: PdfWork) -> bytes:
    """The PDF ``data`` with the structure tree of ``work`` (as pikepdf writes any tags)."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name, String

    pdf = pikepdf.open(io.BytesIO(data))
    pages = [page.obj for page in pdf.pages]
    parents: dict[int, dict[int, Any]] = {n: {} for n in range(len(pages))}

    def make(element: Element, parent: Any) -> Any:
        kind, alt, title, scope, kids = element
        made = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + kind), P=parent))
        items, home = Array(), None
        for kid in kids:
            if len(kid) == 2:
                page, mcid = kid
                if home is None:
                    home = page
                    made.Pg = pages[page]
                if page == home:
                    items.append(mcid)
                else:
                    items.append(Dictionary(Type=Name.MCR, Pg=pages[page], MCID=mcid))
                parents[page][mcid] = made
            else:
                items.append(make(kid, made))
        made.K = items
        if alt:
            made.Alt = String(alt)
        if title:
            made.T = String(title)
        if scope:
            made.A = Dictionary(O=Name.Table, Scope=Name("/" + scope))
        return made

    tree = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    assert work.structure is not None
    tree.K = make(work.structure, tree)
    numbers = Array()
    for n, page in enumerate(pages):
        numbers.append(n)
        numbers.append(pdf.make_indirect(Array([parents[n][m] for m in sorted(parents[n])])))
        page.StructParents = n
        page.Tabs = Name.S
    tree.ParentTree = pdf.make_indirect(Dictionary(Nums=numbers))
    tree.ParentTreeNextKey = len(pages)
    pdf.Root.StructTreeRoot = tree
    pdf.Root.MarkInfo = Dictionary(Marked=True)
    if work.language:
        pdf.Root.Lang = String(work.language)
    pdf.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    if work.xmp:
        metadata = pdf.make_stream(work.xmp)
        metadata.Type = Name.Metadata
        metadata.Subtype = Name.XML
        pdf.Root.Metadata = metadata
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True, min_version="1.7")
    return out.getvalue()


def _make_one(item_path: str, out: str) -> str:
    item = pickle.loads(Path(item_path).read_bytes())
    target = Path(out) / item.name
    if isinstance(item, DeckWork):
        make_deck(item, target)
    else:
        make_pdf(item, target)
    return item.name


def make(work: Path, out: Path, jobs: int) -> None:
    """Make every file described in ``work``, the largest first, on ``jobs`` processes."""
    items = sorted(work.glob("*.pickle"), key=lambda p: p.name.split("-")[1], reverse=True)
    if jobs <= 1:
        for item in items:
            _make_one(str(item), str(out))
        return
    with ProcessPoolExecutor(jobs) as pool:
        list(pool.map(_make_one, [str(i) for i in items], [str(out)] * len(items)))


# ---------------------------------------------------------------- the same work?


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _deck_view(path: Path) -> list[tuple[Any, ...]]:
    from pptx import Presentation

    view = []
    for slide in Presentation(str(path)).slides:
        words, sizes, tables, pictures = [], Counter(), 0, 0
        for shape in slide.shapes:
            frames = []
            if shape.has_text_frame:
                frames.append(shape.text_frame)
            if getattr(shape, "has_table", False) and shape.has_table:
                tables += 1
                frames += [cell.text_frame for row in shape.table.rows for cell in row.cells]
            if hasattr(shape, "image"):
                pictures += 1
            for frame in frames:
                words.append(_squeeze(frame.text))
                sizes.update(r.font.size for p in frame.paragraphs for r in p.runs if r.text)
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        view.append(("".join(words), _squeeze(notes), tables, pictures, sorted(sizes.items())))
    return view


def _pdf_view(path: Path) -> tuple[list[tuple[Any, ...]], set[str]]:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    pages = [
        (round(p.mediabox.width), round(p.mediabox.height), _squeeze(p.extract_text()))
        for p in reader.pages
    ]
    fonts = set()
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            embedded = bool(descriptor) and "/FontFile2" in descriptor.get_object()
            name = SUBSET.sub("", str(font.get("/BaseFont", "")).lstrip("/"))
            fonts.add(f"{name}{'' if embedded else ' (not embedded)'}")
    return pages, fonts


def _structure_view(path: Path) -> tuple[Any, ...]:
    """A PDF's structure tree as (depth, type, marked sequences) in reading order, with its
    language and whether it has XMP metadata: what a screen reader is given."""
    structure, language, xmp = _tagged(path)
    out: list[tuple[int, str, int]] = []

    def walk(element: Element, depth: int) -> None:
        kind, _, _, _, kids = element
        out.append((depth, kind, sum(1 for kid in kids if len(kid) == 2)))
        for kid in kids:
            if len(kid) != 2:
                walk(kid, depth + 1)

    if structure is not None:
        walk(structure, 0)
    return tuple(out), language, bool(xmp)


def compare(build: Path, floor: Path) -> list[str]:
    """Where the floor's files differ from the build's; empty when they are the same work."""
    problems = []
    for path in sorted([*build.rglob("*.pptx"), *build.rglob("*.pdf")]):
        name = path.relative_to(build)
        other = floor / name
        if not other.exists():
            problems.append(f"{name}: the floor did not make it")
            continue
        if path.suffix == ".pptx":
            a, b = _deck_view(path), _deck_view(other)
            if len(a) != len(b):
                problems.append(f"{name}: {len(a)} slides built, {len(b)} by the floor")
            for n, (x, y) in enumerate(zip(a, b, strict=False), start=1):
                if x != y:
                    problems.append(f"{name}: slide {n} differs")
        else:
            (a, fonts_a), (b, fonts_b) = _pdf_view(path), _pdf_view(other)
            if len(a) != len(b):
                problems.append(f"{name}: {len(a)} pages built, {len(b)} by the floor")
            for n, (x, y) in enumerate(zip(a, b, strict=False), start=1):
                if x != y:
                    problems.append(f"{name}: page {n} differs")
            if fonts_a != fonts_b:
                problems.append(f"{name}: fonts {sorted(fonts_a)} built, {sorted(fonts_b)} floor")
            if _structure_view(path) != _structure_view(other):
                problems.append(f"{name}: the tags (structure tree) differ")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("describe", help="note what a build's outputs hold (not timed)")
    d.add_argument("build", type=Path)
    d.add_argument("work", type=Path)
    m = sub.add_parser("make", help="make the same files with the bare libraries (timed)")
    m.add_argument("work", type=Path)
    m.add_argument("out", type=Path)
    m.add_argument("--jobs", "-j", type=int, default=1)
    c = sub.add_parser("compare", help="check the floor's files against the build's")
    c.add_argument("build", type=Path)
    c.add_argument("floor", type=Path)
    args = parser.parse_args()
    if args.command == "describe":
        describe(args.build, args.work)
    elif args.command == "make":
        make(args.work, args.out, args.jobs)
    else:
        problems = compare(args.build, args.floor)
        print("\n".join(problems) or "the floor made the same slides and pages")
        sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
