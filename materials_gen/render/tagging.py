"""Tagged PDF (PDF/UA-1): the structure a screen reader follows, for the PDFs ReportLab draws.

ReportLab has no tagging API, so tagging is done in two steps:

1. While a page is drawn, each piece of content is wrapped in a marked-content sequence:
   ``/P <</MCID n>> BDC ... EMC`` for real content (its MCID numbers it on its page) and
   ``/Artifact BMC ... EMC`` for what is only layout (bands, rules, backgrounds, running
   footers, page numbers). :class:`Structure` records which structure element (a heading, a
   paragraph, a list item, a table cell, a figure with its description...) each sequence
   belongs to, and which link annotations were made inside it.
2. Once ReportLab has written the file, :func:`finish` builds the structure tree from those
   records with pikepdf (qpdf): the StructTreeRoot with its elements in reading order, the
   ParentTree from each page's MCIDs back to their elements, each link annotation's Link
   element and description, and the catalog entries PDF/UA asks for (MarkInfo, Lang,
   DisplayDocTitle, XMP metadata with the PDF/UA identification, tab order by structure).

Everything comes from the document, so the same inputs still give the same bytes.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from html import escape
from typing import Any

from ..glyphs import language, language_of, untranslated
from ..i18n import label


@dataclass(eq=False)
class Element:
    """One structure element: its standard type, its children in reading order."""

    type: str
    kids: list[Element | Content | Annotation] = field(default_factory=list)
    alt: str = ""  # a Figure's description
    # what it says in the order it was written, when that is not the order its glyphs are
    # drawn in (Arabic, Hebrew: drawn from the left): what a screen reader reads instead
    actual: str = ""
    scope: str = ""  # a TH's: "Column" or "Row"
    title: str = ""  # shown by assistive tools beside the type (a section's name)
    lang: str = ""  # its language, when not the document's (a text left untranslated)
    # the text its content was drawn from, as written (see glyphs.note_written): what makes
    # ``actual`` of an element set in several pieces (a table cell, a contents entry, a
    # printed slide's lines) when it holds Arabic or Hebrew
    written: list[str] = field(default_factory=list)

    def add(self, type: str, **attributes: str) -> Element:
        child = Element(type, **attributes)
        self.kids.append(child)
        return child


@dataclass(frozen=True)
class Content:
    """A marked-content sequence: its page (1-based, as ReportLab counts) and MCID there."""

    page: int
    mcid: int


@dataclass(frozen=True)
class Annotation:
    """A link annotation drawn inside an element: its page and its place in the page's
    /Annots (the order ReportLab made them in); where it goes and the words it is on, when
    a paragraph drew it (see :func:`note_links`)."""

    page: int
    index: int
    target: str = ""
    text: str = ""
    link: tuple[int, int] | None = None  # which link of which paragraph (see note_links)


class HeadingLevels:
    """The levels headings are read at, in reading order: a heading is one level below the
    nearest heading before it that is written at a higher level (a "###" straight under a
    "#" is read as the level below it; no level is skipped), and every heading written at
    one level under the same parent is read at one level, as it looks. The tags and the
    bookmarks (and the contents list, which shows them) both read levels from here."""

    def __init__(self) -> None:
        self._open: list[tuple[int, int]] = []  # (as written, as read), outermost first

    @property
    def last(self) -> int:
        """The level the last heading is read at (0: none yet)."""
        return self._open[-1][1] if self._open else 0

    def level(self, written: int) -> int:
        """The level a heading written at ``written`` (1 the highest) is read at."""
        while self._open and self._open[-1][0] >= written:
            self._open.pop()
        level = min(written, self.last + 1)
        self._open.append((written, level))
        return level


class Structure:
    """The structure of one PDF as it is drawn (see the module)."""

    def __init__(self) -> None:
        self.root = Element("Document")
        self._next: dict[int, int] = {}  # page -> its next MCID
        self._depth = 0  # inside a marked sequence: content nested in it is its own
        self.headings = HeadingLevels()  # the headings read so far (see tag_story)
        # a list or a paragraph drawn in pieces (in a box's rows) -> its one element
        self.wholes: dict[object, Element] = {}
        # a table drawn in parts (in a box's rows) -> the one tagger of its rows
        self.taggers: dict[object, TableTagger] = {}

    @contextmanager
    def marked(self, canvas: Any, element: Element) -> Iterator[None]:
        """Draw the content of ``element`` (a leaf: a paragraph, a cell, a figure)."""
        if self._depth:  # already inside a marked sequence, which this content belongs to
            yield
            return
        page = canvas.getPageNumber()
        mcid = self._next.get(page, 0)
        self._next[page] = mcid + 1
        before = len(canvas._annotationrefs)
        targets = _link_targets(canvas)
        aimed = len(targets)
        noted = _noted_links(canvas)
        told_before = len(noted)
        told = getattr(canvas, "written", None)
        canvas.written = element.written  # what is drawn says what it was written as
        try:
            with self._sequence(canvas, f"/{element.type} <</MCID {mcid}>> BDC"):
                yield
        finally:
            canvas.written = told
        element.kids.append(Content(page, mcid))
        made = range(before, len(canvas._annotationrefs))
        aims = targets[aimed:]
        if len(aims) != len(made):  # made otherwise than through the canvas's link calls
            aims = [""] * len(made)
        told = noted[told_before:]
        del noted[told_before:]
        if [target for target, _, _ in told] != aims:  # some made otherwise than they said:
            told = _matched(told, aims)  # each the next words noted for its address
        for index, (target, link, text) in zip(made, told, strict=True):
            element.kids.append(Annotation(page, index, target, text, link))

    @contextmanager
    def artifact(self, canvas: Any, kind: str = "Layout") -> Iterator[None]:
        """Draw what is only layout or pagination, which assistive tools skip."""
        if self._depth:
            yield
            return
        told = getattr(canvas, "written", None)
        canvas.written = None  # layout says nothing
        try:
            with self._sequence(canvas, f"/Artifact <</Type /{kind}>> BDC"):
                yield
        finally:
            canvas.written = told

    @contextmanager
    def _sequence(self, canvas: Any, opening: str) -> Iterator[None]:
        """One marked-content sequence: ``opening`` ... EMC, with nothing marked inside it."""
        canvas.addLiteral(opening)
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
            canvas.addLiteral("EMC")


def _xmp(info: dict[str, str], language: str) -> bytes:
    """The XMP metadata packet: what the document information dictionary says (``info``:
    its title, author, subject, keywords, creator, producer and dates), in the properties
    a reader that prefers XMP shows (Acrobat's Document Properties, a library's catalogue),
    so that both say the same; the language; the PDF/UA-1 identification."""
    from pikepdf.models.metadata import decode_pdf_date

    def alt(value: str) -> str:
        return f'<rdf:Alt><rdf:li xml:lang="x-default">{escape(value)}</rdf:li></rdf:Alt>'

    said = [f"<dc:title>{alt(info.get('Title', ''))}</dc:title>"]
    if info.get("Author"):
        said.append(
            f"<dc:creator><rdf:Seq><rdf:li>{escape(info['Author'])}</rdf:li></rdf:Seq></dc:creator>"
        )
    if info.get("Subject"):
        said.append(f"<dc:description>{alt(info['Subject'])}</dc:description>")
    if language:
        bag = f"<rdf:Bag><rdf:li>{escape(language)}</rdf:li></rdf:Bag>"
        said.append(f"<dc:language>{bag}</dc:language>")
    said.append("<dc:format>application/pdf</dc:format>")
    if info.get("Keywords"):
        said.append(f"<pdf:Keywords>{escape(info['Keywords'])}</pdf:Keywords>")
    if info.get("Producer"):
        said.append(f"<pdf:Producer>{escape(info['Producer'])}</pdf:Producer>")
    if info.get("Creator"):
        said.append(f"<xmp:CreatorTool>{escape(info['Creator'])}</xmp:CreatorTool>")
    for key, name in (("CreationDate", "CreateDate"), ("ModDate", "ModifyDate")):
        try:
            when = decode_pdf_date(info[key]).isoformat() if info.get(key) else ""
        except ValueError:  # not a PDF date: left out of XMP, as a reader would
            when = ""
        if when:
            said.append(f"<xmp:{name}>{when}</xmp:{name}>")
            if key == "ModDate":
                said.append(f"<xmp:MetadataDate>{when}</xmp:MetadataDate>")
    said.append("<pdfuaid:part>1</pdfuaid:part>")
    text = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about=""'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/"'
        ' xmlns:xmp="http://ns.adobe.com/xap/1.0/"'
        ' xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">\n'
        + "\n".join(said)
        + "\n</rdf:Description>\n"
        "</rdf:RDF>\n"
        "</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    )
    return text.encode("utf-8")


def finish(
    data: bytes,
    structure: Structure,
    title: str,
    language: str,
    creator: str = "materials-gen",
) -> bytes:
    """The PDF ``data`` with its structure tree and PDF/UA catalog entries (see the module),
    and XMP metadata saying what its document information says (``title``, and ``creator``
    as its creator and producer, where that has none)."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name, String

    pdf = pikepdf.open(io.BytesIO(data))
    pages = [page.obj for page in pdf.pages]
    by_page: dict[int, dict[int, Any]] = {n: {} for n in range(len(pages))}
    objects: list[tuple[int, Any]] = []  # (key, element) of each annotation
    empty: list[tuple[Any, Any]] = []  # (page, annotation) of each link over no width
    next_key = len(pages)

    def make(element: Element, parent: Any) -> Any:
        nonlocal next_key
        made = pdf.make_indirect(
            Dictionary(Type=Name.StructElem, S=Name("/" + element.type), P=parent)
        )
        kids = Array()
        home = None  # the page of its first content: /Pg
        links: dict[tuple[str, tuple[int, int]], Any] = {}  # each link's element, once made
        for kid in element.kids:
            if isinstance(kid, Element):
                kids.append(make(kid, made))
            elif isinstance(kid, Content):
                page = pages[kid.page - 1]
                if home is None:
                    home = kid.page
                    made.Pg = page
                if kid.page == home:
                    kids.append(kid.mcid)
                else:
                    kids.append(Dictionary(Type=Name.MCR, Pg=page, MCID=kid.mcid))
                by_page[kid.page - 1][kid.mcid] = made
            else:
                page = pages[kid.page - 1]
                annotation = page.Annots[kid.index]
                rect = [float(v) for v in annotation.get("/Rect", [0, 0, 1, 1])]
                if abs(rect[2] - rect[0]) < 0.01 or abs(rect[3] - rect[1]) < 0.01:
                    # a link's piece left at a line's end as its words break to the next:
                    # no words under it, a stop a reader tabbing through the links meets
                    # with nothing to show (ReportLab makes one there)
                    empty.append((page, annotation))
                    continue
                if not str(annotation.get("/Contents", "")).strip():
                    annotation.Contents = String(kid.text or _describe(annotation))
                reference = Dictionary(Type=Name.OBJR, Obj=annotation, Pg=page)
                annotation.StructParent = next_key
                key = (kid.target, kid.link) if kid.link else None
                link = links.get(key) if key else None
                if link is not None:  # the same link on its next line, or its next page:
                    link.K.append(reference)  # one link to hear
                else:
                    link = pdf.make_indirect(
                        Dictionary(Type=Name.StructElem, S=Name.Link, P=made, Pg=page)
                    )
                    link.K = Array([reference])
                    link.Alt = annotation.Contents
                    kids.append(link)
                    if key:
                        links[key] = link
                objects.append((next_key, link))
                next_key += 1
        made.K = kids
        if element.alt:
            made.Alt = String(element.alt)
        actual = element.actual or written_as(element.written)
        if actual:
            made.ActualText = String(actual)
        if element.title:
            made.T = String(element.title)
        if element.lang:
            made.Lang = String(element.lang)
        if element.scope:
            made.A = Dictionary(O=Name.Table, Scope=Name("/" + element.scope))
        return made

    tree = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    tree.K = make(structure.root, tree)
    for page, annotation in empty:  # (after every index into /Annots was read)
        if annotation.is_indirect:
            kept = [a for a in page.Annots if a.objgen != annotation.objgen]
            page.Annots = Array(kept)
    numbers = Array()
    for n in range(len(pages)):
        marked = by_page[n]
        numbers.append(n)
        numbers.append(pdf.make_indirect(Array([marked[m] for m in sorted(marked)])))
        pages[n].StructParents = n
        pages[n].Tabs = Name.S
    for key, link in objects:
        numbers.append(key)
        numbers.append(link)
    tree.ParentTree = pdf.make_indirect(Dictionary(Nums=numbers))
    tree.ParentTreeNextKey = next_key
    root = pdf.Root
    root.StructTreeRoot = tree
    root.MarkInfo = Dictionary(Marked=True)
    if language:
        root.Lang = String(language)
    root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    info = {str(k).lstrip("/"): str(v) for k, v in pdf.docinfo.items()}
    info.setdefault("Title", title)
    info.setdefault("Creator", creator)
    info.setdefault("Producer", creator)
    metadata = pdf.make_stream(_xmp(info, language))
    metadata.Type = Name.Metadata
    metadata.Subtype = Name.XML
    root.Metadata = metadata
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True, min_version="1.7")  # PDF/UA-1 builds on PDF 1.7
    return out.getvalue()


def _describe(annotation: Any) -> str:
    """A link's description when its text gave none: where it goes."""
    action = annotation.get("/A")
    if action is not None and "/URI" in action:
        return label("Link to {address}", address=action.URI)
    return label("Link to another page of this document")


# ---------------------------------------------------------------- flowables that tag themselves


_CLASSES: dict[type, type] = {}


def tag(flowable: Any, structure: Structure, element: Element | None) -> Any:
    """``flowable``, drawn from now on as the content of ``element`` (an artifact when None);
    its parts, when a page break splits it, belong to the same element.

    The flowable stays what it was (a Paragraph, a heading, an Image: frames, KeepTogether
    and the doc template treat it as before); its class gains the marking around drawOn.
    """
    kind = type(flowable)
    if kind not in _CLASSES.values():
        tagged = _CLASSES.get(kind)
        if tagged is None:
            tagged = _CLASSES[kind] = type(kind.__name__, (kind,), _MARKING)
        flowable.__class__ = tagged
    flowable._tag = (structure, element)
    return flowable


class _Marking:
    """What :func:`tag` adds to a flowable's class."""

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802
        structure, element = self._tag
        mark = structure.artifact(canvas) if element is None else structure.marked(canvas, element)
        with mark:
            super(type(self), self).drawOn(canvas, x, y, _sW)

    def split(self, width: float, height: float) -> list[Any]:
        parts = super(type(self), self).split(width, height)
        return [_again(part, self._tag) for part in parts]

    def splitOn(self, canvas: Any, width: float, height: float) -> list[Any]:  # noqa: N802
        parts = super(type(self), self).splitOn(canvas, width, height)
        return [_again(part, self._tag) for part in parts]


_MARKING = {n: v for n, v in _Marking.__dict__.items() if n in ("drawOn", "split", "splitOn")}


def _again(part: Any, how: tuple[Structure, Element | None]) -> Any:
    return tag(part, *how) if getattr(part, "_tag", None) is None else part


class TableTagger:
    """Tags one ReportLab table as it is drawn (its ``renderCB``), page part by page part.

    A data table: each row a TR, each cell a TH (the header row, scope Column) or a TD with
    the cell's content; a header row repeated at the top of a later page is an artifact.
    A layout table (a shaded box, columns, a form of tick boxes): no table at all for a
    screen reader, its cells' flowables tag themselves. Backgrounds and rules are artifacts.
    """

    def __init__(
        self,
        structure: Structure,
        element: Element,
        data: bool,
        header_rows: int = 0,
        mirrored: bool = False,
        row_headers: int = 0,
    ):
        """``mirrored``: the table reads from the right, its first column drawn rightmost;
        each row's cells are still read first column first. ``row_headers``: how many
        first columns head their rows (a rating form's statements: TH, scope Row), so that
        a screen reader on a tick box says which statement it is for."""
        self.structure, self.element, self.data = structure, element, data
        self.header_rows, self.mirrored = header_rows, mirrored
        self.row_headers = row_headers
        self.parts = 0
        self._open: list[Any] = []
        self._row: Element | None = None
        self._last: Element | None = None  # the last row of the table's body
        self._cells: dict[int, Element] = {}  # its TD elements, by column
        self._going_on = False

    def __call__(self, table: Any, event: str, *args: Any) -> None:
        canvas = table.canv
        if event == "startTable":
            self.parts += 1
        elif event in ("startBG", "startLines"):
            self._enter(self.structure.artifact(canvas))
        elif event in ("endBG", "endLines"):
            self._leave()
        elif not self.data:
            return
        elif event == "startRow":
            row = args[0]
            if self.parts > 1 and row < self._headers(table):
                self._row = None  # the header again, on a later page: pagination
                return
            cells = table._cellvalues[row]  # noqa: SLF001
            # the rest of the row above (a row too tall for a page, in rows, on this page
            # or the next): its cells' content goes on in that row's cells
            self._going_on = bool(cells) and all(_goes_on(cell) for cell in cells)
            if self._going_on and self._last is not None:
                self._row = self._last
                return
            self._row = self._last = self.element.add("TR")
            self._cells = {}
        elif event == "startCell":
            row, column = args[0], args[1]
            if self._row is None:
                self._enter(self.structure.artifact(canvas, "Pagination"))
            elif row < self._headers(table):
                cell = self._row.add("TH", scope="Column")
                spoken(cell, partial(cell_text, table._cellvalues[row][column]))  # noqa: SLF001
                self._enter(self.structure.marked(canvas, cell))
            else:
                if column not in self._cells or not self._going_on:
                    width = len(table._cellvalues[row])  # noqa: SLF001
                    first = (width - 1 - column) if self.mirrored else column
                    heads = first < self.row_headers
                    self._cells[column] = (
                        self._row.add("TH", scope="Row") if heads else self._row.add("TD")
                    )
                    said = table._cellvalues[row][column]  # noqa: SLF001
                    spoken(self._cells[column], partial(cell_text, said))
                self._enter(self.structure.marked(canvas, self._cells[column]))
        elif event == "endCell":
            self._leave()
        elif event == "endRow" and self.mirrored and self._row is not None and not self._going_on:
            # drawn from the left: read from the first column (the rest of a row adds no
            # cell, and its row is in order already)
            self._row.kids.reverse()

    def _headers(self, table: Any) -> int:
        """How many header rows ``table`` (this table, or a part of it) starts with: none
        for a part drawn without them (see the handout's tables in boxes)."""
        return 0 if getattr(table, "headless", False) else self.header_rows

    def _enter(self, context: Any) -> None:
        context.__enter__()
        self._open.append(context)

    def _leave(self) -> None:
        self._open.pop().__exit__(None, None, None)


def _goes_on(cell: Any) -> bool:
    """Whether a table cell (ReportLab holds its flowables in a tuple) is the rest of the
    cell above it: a row too tall for a page, given in rows (see the handout's tables)."""
    parts = cell if isinstance(cell, (list, tuple)) else (cell,)
    return bool(parts) and all(getattr(part, "goes_on", False) for part in parts)


# ---------------------------------------------------------------- tagging a story


class _TaggedBullet:
    """A list item's bullet or number (ReportLab's BulletDrawer), drawn as its Lbl."""

    def __init__(self, bullet: Any, structure: Structure, element: Element):
        self.bullet, self.structure, self.element = bullet, structure, element

    def __getattr__(self, name: str) -> Any:
        return getattr(self.bullet, name)

    def drawOn(self, indenter: Any, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802
        with self.structure.marked(canvas, self.element):
            self.bullet.drawOn(indenter, canvas, x, y, _sW)


HEADINGS = {"h1": "H1", "h2": "H2", "h3": "H3", "title": "H1"}
# headings of a part of the text below the last heading: a box's title ("Learning
# objectives", "Activity", "Takeaway") heads the box, one level under the section it is in
SUBHEADINGS = frozenset({"box_title", "lead_in"})  # and a bold line heading what follows
KINDS = {"caption": "Caption", "code": "Code"}


def tag_story(flowables: list[Any], structure: Structure, parent: Element | None = None) -> None:
    """Tag each flowable of a story (see :func:`tag`), in reading order, under ``parent``.

    Paragraphs become P (H1-H3 by their style, or their ``heading_level``), pictures Figure
    with their ``alt``, data tables (``data_table`` set) Table/TR/TH/TD, lists L/LI/Lbl/LBody;
    tables used only for layout (boxes, columns) are a Div of their cells' content; rules,
    tick boxes and write-in lines (``decoration`` set) are artifacts.
    """
    from reportlab.platypus import Image, KeepTogether, ListFlowable, Paragraph, Spacer, Table
    from reportlab.platypus.doctemplate import ActionFlowable
    from reportlab.platypus.flowables import HRFlowable, UseUpSpace

    parent = parent or structure.root
    for flowable in flowables:
        # the rest of a list item, cut from it in a box's rows: it goes on in the item
        within = getattr(flowable, "within", None)
        here = structure.wholes.get(within, parent) if within is not None else parent
        if isinstance(flowable, (list, tuple)):
            tag_story(list(flowable), structure, here)
        elif isinstance(flowable, (Spacer, ActionFlowable, UseUpSpace)):
            continue  # draws nothing
        elif isinstance(flowable, Paragraph):
            whole = getattr(flowable, "whole", None)  # a piece of a paragraph: its element's
            if whole is not None and whole in structure.wholes:
                tag(flowable, structure, structure.wholes[whole])
                continue
            element = here.add(_paragraph_kind(flowable, structure))
            element.actual = written_order(flowable)
            spoken(element, partial(paragraph_text, flowable))
            tag(flowable, structure, element)
            if whole is not None:
                structure.wholes[whole] = element
        elif isinstance(flowable, Image):
            alt = getattr(flowable, "alt", "")
            figure = here.add("Figure", alt=alt) if alt else None
            if figure is not None:
                spoken(figure, alt)  # a description left untranslated
            tag(flowable, structure, figure)
        elif isinstance(flowable, KeepTogether):
            tag_story(flowable._content, structure, here)  # noqa: SLF001
        elif isinstance(flowable, ListFlowable):
            whole = getattr(flowable, "whole", None)  # a piece of a list: its items go on it
            if whole is None:
                _tag_list(flowable, structure, here.add("L"))
            else:
                if whole not in structure.wholes:
                    structure.wholes[whole] = here.add("L")
                _tag_list(flowable, structure, structure.wholes[whole])
        elif isinstance(flowable, Table):
            whole = getattr(flowable, "whole", None)  # a part of a table: its rows go on it
            if whole is not None and whole in structure.taggers:
                tagger = structure.taggers[whole]
                flowable._renderCB = tagger  # noqa: SLF001
                if not tagger.data:  # a part of a box within a box: its Div goes on
                    _tag_cells(flowable, structure, tagger.element)
            else:
                tagger = tag_table(flowable, structure, here)
                if whole is not None:
                    structure.taggers[whole] = tagger
        elif isinstance(flowable, HRFlowable) or getattr(flowable, "decoration", False):
            tag(flowable, structure, None)
        elif hasattr(flowable, "tag_with"):  # a flowable of ours that knows its structure
            flowable.tag_with(structure, here)
        elif type(flowable).draw is not _blank_draw():
            tag(flowable, structure, here.add("Div"))


def spoken(element: Element, text: str | Callable[[], str]) -> None:
    """Mark ``element`` with the language ``text`` is in, when that is not the document's,
    so that a screen reader speaks it in its own language: a text a translation left in its
    source's words (see glyphs.language_of), or one written wholly in another script than
    the document's language (an Arabic or Chinese passage in an English handout: see
    :func:`script_spoken`). ``text`` may be a function that gives it."""
    said = text() if callable(text) else text
    own = language_of(said) if untranslated() else ""
    if not own or own == language():
        own = script_spoken(said, language())
    if own and own != language():
        element.lang = own


def script_spoken(text: str, document: str) -> str:
    """The language a text written wholly in another script than ``document``'s language
    speaks ("" otherwise), as the deck gives its runs: a Chinese, Japanese or Korean text the
    language of the face that draws it, an Arabic, Hebrew, Devanagari or Thai one its
    script's usual language (Amharic for Ethiopic). A text that mixes in Latin words keeps
    the document's."""
    from ..glyphs import east_asian, script_language, written_script

    if text.isascii() or any(c.isascii() and c.isalpha() for c in text):
        return ""
    face = east_asian(text, document)
    if face is not None:
        own = face.lang
    else:
        script = written_script(text)
        if script is None:
            return ""
        own = script_language(script, document, text)
    return "" if own.split("-")[0].lower() == document.split("-")[0].lower() else own


def cell_text(cell: Any) -> str:
    """The words of a table cell (ReportLab's: a string, a flowable, or several)."""
    if isinstance(cell, str):
        return cell
    parts = cell if isinstance(cell, (list, tuple)) else (cell,)
    return " ".join(paragraph_text(part) for part in parts if hasattr(part, "frags"))


def written_order(paragraph: Any) -> str:
    """A paragraph's words as written, when it holds Arabic or Hebrew ("" otherwise). Its
    glyphs are drawn in the order they are seen, from the left, which is the order a reader
    of the page's content meets them: read so, each word came out backwards."""
    text = getattr(paragraph, "text", None)
    if not isinstance(text, str) or text.isascii():
        return ""
    return written_as([paragraph_text(paragraph)])


def paragraph_text(paragraph: Any) -> str:
    """A paragraph's words as written, its markup left out (a part of a split paragraph,
    which keeps no text of its own: its fragments' words)."""
    text = getattr(paragraph, "text", None)
    if isinstance(text, str):
        if "<" not in text and "&" not in text:
            return text
        import html

        return html.unescape(_MARKUP.sub("", text.replace("<br/>", " ")))
    return "".join(str(getattr(frag, "text", "")) for frag in getattr(paragraph, "frags", ()))


def link_words(frags: Any) -> dict[tuple[int, str], str]:
    """Each link of a paragraph's fragments as ReportLab parsed them (before its lines are
    broken, its words shaped and put in the order they are seen), by its number and where
    it goes: its words as written."""
    words: dict[tuple[int, str], list[str]] = {}
    for frag in frags or ():
        for n, target in getattr(frag, "link", None) or ():
            words.setdefault((n, str(target)), []).append(str(getattr(frag, "text", "")))
    return {key: " ".join("".join(parts).split()) for key, parts in words.items()}


def note_links(canvas: Any, paragraph: Any) -> None:
    """The links of ``paragraph``, about to be drawn on ``canvas``: for each annotation
    ReportLab will make for them, in the order it makes them (line by line, each line's
    links in the order written), where it goes, which link of which paragraph it is on, and
    that link's words as written, which describe it to a screen reader (not its address).
    Each link is told apart by its number (two links to one address in a paragraph are two
    links, each with its own words), and its words are those the whole paragraph was
    written with (see :func:`link_words`), not those drawn: an Arabic link's glyphs are
    shaped and in the order they are seen; a web address broken at a hyphen is one word."""
    lines = getattr(getattr(paragraph, "blPara", None), "lines", None) or ()
    frags = getattr(paragraph, "frags", None) or ()
    order: list[tuple[int, str]] = []
    for line in lines:
        pieces = getattr(line, "words", None)
        if pieces is None:  # a paragraph of one fragment: its links on each of its lines
            pieces = frags[:1]
        order += sorted(
            {(n, str(target)) for piece in pieces for n, target in getattr(piece, "link", ()) or ()}
        )
    if not order:
        return
    whole = getattr(paragraph, "whole_paragraph", paragraph)
    said = getattr(whole, "link_words", None) or link_words(frags)
    # each paragraph's links its own, those of its parts on other pages the whole's (one
    # link, however many pages it is drawn on); the whole held, so its number is its own
    serial = _serial(canvas, whole)
    _noted_links(canvas).extend(
        (target, (serial, n), said.get((n, target), "")) for n, target in order
    )


def note_link(canvas: Any, owner: object, number: int, target: str, words: str) -> None:
    """A link about to be drawn on ``canvas`` by other code than a paragraph's (a printed
    slide's line): the ``number``-th link of ``owner`` (a paragraph, by identity), going to
    ``target``, described by ``words`` as written. Each piece of it, on each line, is then one
    Link element, described by its words, as a paragraph's link is (see :func:`note_links`)."""
    _noted_links(canvas).append((target, (_serial(canvas, owner), number), " ".join(words.split())))


def _serial(canvas: Any, owner: object) -> int:
    """The number of ``owner`` (a paragraph, by identity) among those whose links the canvas
    drew: its links are told apart from another's (the owner held, so its number is its own)."""
    serials = canvas.__dict__.setdefault("link_serials", {})
    serial, _ = serials.setdefault(id(owner), (len(serials) + 1, owner))
    return int(serial)


def _matched(
    noted: list[tuple[str, tuple[int, int], str]], aims: list[str]
) -> list[tuple[str, tuple[int, int] | None, str]]:
    """Each annotation made (by where it goes, in order) with the next of the links noted for
    that address (see :func:`note_links`); one noted for none, with no words (an annotation
    some other drawing made: its address describes it)."""
    waiting: dict[str, list[tuple[tuple[int, int], str]]] = {}
    for target, link, text in noted:
        waiting.setdefault(target, []).append((link, text))
    out: list[tuple[str, tuple[int, int] | None, str]] = []
    for target in aims:
        queue = waiting.get(target)
        out.append((target, *queue.pop(0)) if queue else (target, None, ""))
    return out


def _noted_links(canvas: Any) -> list[tuple[str, tuple[int, int], str]]:
    """The annotations the canvas's paragraphs said they would make (see :func:`note_links`)."""
    return canvas.__dict__.setdefault("noted_links", [])  # type: ignore[no-any-return]


def _link_targets(canvas: Any) -> list[str]:
    """Where each link the canvas made goes, in the order made (see :func:`aimed`)."""
    return canvas.__dict__.setdefault("link_targets", [])  # type: ignore[no-any-return]


def aimed(canvas: Any, target: str) -> None:
    """Note that the link the canvas is making goes to ``target`` (a URL; "#name" for a
    place in the document): its annotation is then described by the link's words."""
    _link_targets(canvas).append(target)


def written_as(texts: list[str]) -> str:
    """What text drawn in pieces says as written, when it holds Arabic or Hebrew ("": its
    glyphs' order is the order it reads in)."""
    from ..glyphs import RIGHT_TO_LEFT

    if not any(RIGHT_TO_LEFT.search(text) for text in texts):
        return ""
    return " ".join("".join(c for c in " ".join(texts) if c not in _ISOLATES).split())


_MARKUP = re.compile(r"<[^>]*>")
_ISOLATES = frozenset("\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u202e")


def _paragraph_kind(paragraph: Any, structure: Structure) -> str:
    """A paragraph's element: a heading (H1-H6), a caption, code or P.

    Headings never skip a level in the tags (a "###" straight under a "#" is read as the
    level below it, as a screen reader's list of headings needs); a box's title is a
    heading one level below the section it is in, or at the level its box gives (a box of
    the whole module: a peer of the module's sections), without changing the section's
    level (a heading after the box is read in the section, not in the box).
    """
    level = getattr(paragraph, "heading_level", None)
    name = getattr(paragraph.style, "name", "")
    last = structure.headings.last
    if name in SUBHEADINGS:
        return f"H{min(level or last + 1, last + 1, 6)}"
    kind = f"H{level}" if level else HEADINGS.get(name, KINDS.get(name, "P"))
    if not re.fullmatch(r"H[1-6]", kind):
        return kind
    return f"H{structure.headings.level(int(kind[1]))}"


def _blank_draw() -> Any:
    from reportlab.platypus import Flowable

    return Flowable.draw


def tag_table(table: Any, structure: Structure, parent: Element) -> TableTagger:
    """Tag a table (see :class:`TableTagger`); returns its tagger, for the parts of a table
    handed to ReportLab in pieces."""
    if getattr(table, "data_table", False):
        tagger = TableTagger(
            structure,
            parent.add("Table"),
            True,
            table.repeatRows or 1,
            getattr(table, "mirrored", False),
            getattr(table, "row_headers", 0),
        )
    else:  # a layout table: a shaded box, a quotation's box (BlockQuote), columns
        tagger = TableTagger(structure, parent.add(getattr(table, "structure_type", "Div")), False)
        _tag_cells(table, structure, tagger.element)
    table._renderCB = tagger  # noqa: SLF001
    return tagger


def _tag_cells(table: Any, structure: Structure, element: Element) -> None:
    """Tag the content of a layout table's cells under ``element``, row by row, each row's
    cells in reading order (a table drawn from the right is read from its first column)."""
    mirrored = getattr(table, "mirrored", False)
    for row in table._cellvalues:  # noqa: SLF001
        for cell in row[::-1] if mirrored else row:
            if not isinstance(cell, str):
                tag_story(cell if isinstance(cell, (list, tuple)) else [cell], structure, element)


def _tag_list(flowable: Any, structure: Structure, element: Element) -> None:
    body: Element | None = None
    for part in flowable._content:  # noqa: SLF001
        inner = getattr(part, "_flowable", None)
        if inner is None:  # not an item (a spacer ReportLab puts between items)
            continue
        bullet = getattr(part, "_bullet", None)
        if bullet is not None or body is None:
            item = element.add("LI")
            if bullet is not None:
                part._bullet = _TaggedBullet(bullet, structure, item.add("Lbl"))  # noqa: SLF001
            body = item.add("LBody")
            token = getattr(inner, "item_body", None)  # what goes on after its first lines
            if token is not None:
                structure.wholes[token] = body
        tag_story([inner], structure, body)
