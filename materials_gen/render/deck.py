"""The presenter's deck: an editable PowerPoint file written from the laid-out deck.

Every slide, box, size and picture comes from :func:`layout.lay_out` (worked out once per
audience, shared with the printed slides and the guide); this module only writes them.
Every text goes into a real placeholder of the layout chosen for the slide's kind, so a
trainer can edit it in PowerPoint. Files are written with fixed timestamps so that the same
inputs give the same bytes.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.parts.slide import NotesSlidePart, SlidePart
from pptx.presentation import Presentation as PresentationType
from pptx.shapes.shapetree import SlideShapeFactory
from pptx.util import Emu, Pt

from ..document import Document, followable
from ..fit import LINE, Para, hanging, indent_pt, space_before
from ..glyphs import (
    complex_script,
    east_asian,
    language_of,
    right_to_left,
    script_language,
    writing,
)
from ..i18n import label
from ..meta import NO_DATE, DocumentMeta, document_meta
from ..theme import Theme
from . import BUILT_IN_TEMPLATE, RenderOptions, RenderResult
from .layout import (
    EMU_PER_PT,
    OFFICE_TABLE_STYLE,
    Decoration,
    LaidOutDeck,
    LaidOutSlide,
    TextBox,
    lay_out,
)
from .ooxml import element, mark_decorative, package_bytes
from .pptx_template import open_presentation, reading_template
from .slides import aspect_of

__all__ = ["deck_meta", "render", "write", "write_paras"]


# ---------------------------------------------------------------- writing text


def write_paras(
    frame: object,
    paras: tuple[Para, ...],
    size: int,
    colour_headings: bool = True,
    name_east_asian: bool = True,
    align: str = "l",
    marks: dict[int, str] | None = None,
    links_as_text: bool = False,
) -> None:
    """Replace the paragraphs of a text frame with ``paras`` at ``size`` (fitted already).

    ``links_as_text``: links in the text's own colour rather than the theme's link colour
    (a table's header row, whose fill is that colour in the built-in design: see
    :data:`LINK_AS_TEXT`).

    ``marks``: the bullet to write at each list level (0-8) where the template's own is not
    one the printed slides can show (numbers, a picture, none said), so that the deck shows
    the mark it was laid out with.

    ``align`` is the box's own alignment ("l", "ctr", "r"): a paragraph that reads from the
    right (Arabic, Hebrew) starts at the other side of a box aligned to one side.

    The paragraphs are written as one piece of DrawingML rather than property by property
    through python-pptx, which spent most of a deck's writing time on them. Line spacing and
    the space before and after are exact, and letters have no spacing or kerning of the
    template's (its master text styles may set them), so the text takes the room it was
    fitted to and breaks where the printed slides break it.

    A run of Chinese, Japanese or Korean carries its language and, unless the template names
    an East Asian font of its own (``name_east_asian`` False), the shipped face the printed
    outputs draw it in (see :mod:`materials_gen.glyphs`).
    """
    body = frame._txBody  # type: ignore[attr-defined]  # noqa: SLF001
    body_pr = body.find(qn("a:bodyPr"))
    if body_pr is not None:
        body_pr.set("wrap", "square")
        for fit in ("a:noAutofit", "a:normAutofit", "a:spAutoFit"):
            for old in body_pr.findall(qn(fit)):
                body_pr.remove(old)
        _autofit(body_pr)
    for old in body.findall(qn("a:p")):
        body.remove(old)
    part = None
    xml = []
    for i, para in enumerate(paras):
        xml.append(
            _paragraph(para, size, i, colour_headings, name_east_asian, align, marks, links_as_text)
        )
        if any(r.link and _linkable(r.link) for r in para.runs):
            part = frame.part  # type: ignore[attr-defined]
    fragment = parse_xml(f"<a:txBody {nsdecls('a', 'r')}>{''.join(xml)}</a:txBody>")
    for p in list(fragment):
        body.append(p)
    if part is not None:
        for hyperlink in body.iter(qn("a:hlinkClick")):
            address = hyperlink.get(qn("r:id"))
            hyperlink.set(qn("r:id"), part.relate_to(address, RT.HYPERLINK, is_external=True))


def _marks(style: Any) -> dict[int, str]:
    """The bullets a box's deck text writes itself, by list level (see TextStyle)."""
    return {level: style.bullets[level] for level in style.written_marks if style.bullets[level]}


def _autofit(body_pr: Any) -> None:
    """``a:noAutofit`` at its place in ``a:bodyPr`` (after a preset text warp, if any)."""
    warp = body_pr.find(qn("a:prstTxWarp"))
    fit = element("a:noAutofit")
    if warp is not None:
        warp.addnext(fit)
    else:
        body_pr.insert(0, fit)


def _linkable(link: str) -> bool:
    return followable(link)


# where a paragraph read from the right starts, by its box's alignment (its start's mirror)
_RTL_ALIGN = {"l": ' algn="r"', "r": ' algn="l"'}


def _paragraph(
    para: Para,
    size: int,
    index: int,
    colour_headings: bool,
    name_east_asian: bool = True,
    align: str = "l",
    marks: dict[int, str] | None = None,
    links_as_text: bool = False,
) -> str:
    margin = int(indent_pt(para, size) * EMU_PER_PT)
    level = min(para.level, 8)
    if para.bullet == "none" or not para.mark:  # (no mark: under the item's text)
        indent, bullet = "0", "<a:buNone/>"
    else:
        indent = str(-int(hanging(para, size) * EMU_PER_PT))
        bullet = ""
        if para.bullet == "number":
            bullet = f'<a:buAutoNum type="arabicPeriod" startAt="{para.number}"/>'
        elif marks and level in marks:  # the template's numbers or picture: as laid out
            bullet = f'<a:buFont typeface="Arial"/><a:buChar char={quoteattr(marks[level])}/>'
    lvl = f' lvl="{level}"' if level else ""
    # the paragraph's direction, whatever the template's styles say (an Arabic template's
    # rtl="1" would put an English paragraph's bullet on the right)
    rtl = ' rtl="0"'
    if right_to_left(para.text):  # Arabic, Hebrew: from the right
        rtl = ' rtl="1"' + _RTL_ALIGN.get(align, "")
    before = space_before(size) if index else 0
    out = [
        f'<a:p><a:pPr marL="{margin}" indent="{indent}"{lvl}{rtl}>'
        f'<a:lnSpc><a:spcPts val="{round(size * LINE) * 100}"/></a:lnSpc>'
        f'<a:spcBef><a:spcPts val="{int(before * 100)}"/></a:spcBef>'
        f'<a:spcAft><a:spcPts val="0"/></a:spcAft>{bullet}</a:pPr>'
    ]
    context = para.text if not para.text.isascii() else ""
    lang = language_of(para.text)  # a text its translation left in the source's: that one
    for run in para.runs:
        if run.line_break:
            out.append("<a:br/>")
            continue
        # the template's letter spacing and kerning (PowerPoint's own master kerns text of
        # 12 pt and more): neither is measured, so neither is drawn
        attrs = f' sz="{round(size * 100)}" spc="0" kern="0"'
        if run.bold or para.heading:
            attrs += ' b="1"'
        if run.italic:
            attrs += ' i="1"'
        if run.strike:
            attrs += ' strike="sngStrike"'
        inner = ""
        if para.heading and colour_headings:
            inner += '<a:solidFill><a:schemeClr val="accent1"/></a:solidFill>'
        face = east_asian(run.text, context=context)
        script = complex_script(run.text) if face is None else None
        if face is not None:  # Chinese, Japanese or Korean: the face and language that draw it
            attrs = _language(run.text, face.lang, lang) + attrs
            if name_east_asian:
                inner += f"<a:ea typeface={quoteattr(face.family)}/>"
        elif script is not None:  # Arabic, Hebrew, Devanagari, Thai: shaped by the viewer
            attrs = _language(run.text, script_language(script, lang, run.text), lang) + attrs
            inner += f"<a:cs typeface={quoteattr(script.family)}/>"
        elif lang:  # the deck's language, for screen readers and spelling
            attrs = f" lang={quoteattr(lang)}" + attrs
        if run.link and _linkable(run.link):  # the link, until related
            shown = LINK_AS_TEXT if links_as_text else ""
            inner += f"<a:hlinkClick r:id={quoteattr(run.link)}>{shown}</a:hlinkClick>"
        out.append(f"<a:r><a:rPr{attrs}>{inner}</a:rPr><a:t>{escape(run.text)}</a:t></a:r>")
    out.append("</a:p>")
    return "".join(out)


# A link drawn in its text's colour, as PowerPoint writes one whose colour a trainer set
# (Office's hyperlink colour extension): in a table's header row, on a fill of the theme's
# link colour in the built-in design, the link's words were drawn in the fill's own colour
LINK_AS_TEXT = (
    '<a:extLst><a:ext uri="{A12FA001-AC4F-418D-AE19-62706E023703}">'
    '<ahyp:hlinkClr xmlns:ahyp="http://schemas.microsoft.com/office/drawing/2018/hyperlinkcolor"'
    ' val="tx"/></a:ext></a:extLst>'
)


def _language(text: str, lang: str, deck: str | None) -> str:
    """The run's language attributes: ``lang`` when the run is all East Asian (or complex
    script) text; a run that mixes in Latin words keeps the deck's language (``deck``, for
    screen readers and spelling) with ``lang`` as its alternative language."""
    if not _has_latin(text):
        return f" lang={quoteattr(lang)}"
    own = f" lang={quoteattr(deck)}" if deck else ""
    return f"{own} altLang={quoteattr(lang)}"


def _has_latin(text: str) -> bool:
    return any(c.isascii() and c.isalpha() for c in text)


# what follows a:ea and a:cs in a run's properties (ECMA-376 CT_TextCharacterProperties)
_AFTER_EA = ("a:cs", "a:sym", "a:hlinkClick", "a:hlinkMouseOver", "a:rtl", "a:extLst")
_AFTER_CS = _AFTER_EA[1:]


def _script_runs(body: Any, name_east_asian: bool = True) -> None:
    """Give each run of text python-pptx wrote in ``body`` (speaker notes) what
    :func:`write_paras` gives its own: a Chinese, Japanese or Korean run its East Asian face
    and language, an Arabic, Hebrew, Devanagari or Thai run its complex-script face and
    language, every other run the deck's language; and a paragraph that reads from the
    right its direction."""
    for paragraph in body.iter(qn("a:p")):
        said = "".join(t.text or "" for t in paragraph.iter(qn("a:t")))
        if right_to_left(said):
            properties = paragraph.get_or_add_pPr()
            properties.set("rtl", "1")
            properties.set("algn", "r")  # notes are aligned left: they start on the right
        _languages(paragraph, language_of(said), name_east_asian)


def _languages(paragraph: Any, lang: str, name_east_asian: bool) -> None:
    """Each run of ``paragraph`` (of speaker notes) its language (see :func:`_script_runs`);
    ``lang``: the paragraph's own."""
    for run in paragraph.iter(qn("a:r")):
        text = "".join(t.text or "" for t in run.iter(qn("a:t")))
        face = east_asian(text)
        script = complex_script(text) if face is None else None
        if face is None and script is None:
            if lang:  # the deck's language, for screen readers and spelling
                run.get_or_add_rPr().set("lang", lang)
            continue
        props = run.get_or_add_rPr()
        name = "altLang" if _has_latin(text) else "lang"
        if name == "altLang" and lang:  # the Latin words keep the deck's language
            props.set("lang", lang)
        if script is not None:
            props.set(name, script_language(script, lang, text))
            _set_face(props, "a:cs", _AFTER_CS, script.family)
            continue
        props.set(name, face.lang)  # type: ignore[union-attr]
        if name_east_asian:
            _set_face(props, "a:ea", _AFTER_EA, face.family)  # type: ignore[union-attr]


def _set_face(props: Any, tag: str, after: tuple[str, ...], family: str) -> None:
    """Name ``family`` in the run properties' ``tag`` (a:ea, a:cs), in its schema place."""
    found = props.find(qn(tag))
    if found is None:
        found = element(tag)
        later = [props.find(qn(t)) for t in after]
        anchor = next((e for e in later if e is not None), None)
        if anchor is not None:
            anchor.addprevious(found)
        else:
            props.append(found)
    found.set("typeface", family)


def _template_east_asian(prs: Any) -> bool:
    """Whether the template's theme names an East Asian font of its own (a designer's choice
    that its runs then keep); the built-in template, like most, leaves it empty."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        theme = parse_xml(prs.slide_master.part.part_related_by(RT.THEME).blob)
    except (KeyError, ValueError):
        return False
    return any(ea.get("typeface", "").strip() for ea in theme.iter(qn("a:ea")))


# ---------------------------------------------------------------- package plumbing


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
        # each layout's placeholders as python-pptx cloned them onto its first slide: their
        # idx, the class python-pptx gives them, and the element
        self.placeholders: dict[str, list[tuple[int, type, Any]]] = {}

    def add(self, layout: Any) -> tuple[Any, dict[int, Any]]:
        """A new slide on ``layout``, and its placeholders by idx."""
        self.count += 1
        name = PackURI(f"/ppt/slides/slide{self.count}.xml")
        slide_part = SlidePart.new(name, self.part.package, layout.part)
        rid = self.part.rels._add_relationship(RT.SLIDE, slide_part)  # noqa: SLF001
        slide = slide_part.slide
        tree = slide.shapes._spTree  # noqa: SLF001
        parent = slide.placeholders
        placeholders = {}
        prototype = self.placeholders.get(layout.name)
        if prototype is None:  # python-pptx clones a layout's placeholders once a layout
            before = len(tree)
            slide.shapes.clone_layout_placeholders(layout)
            prototype = self.placeholders[layout.name] = []
            for element in tree[before:]:
                shape = SlideShapeFactory(element, parent)
                idx = shape.placeholder_format.idx
                prototype.append((idx, type(shape), copy.deepcopy(element)))
                placeholders[idx] = shape
        else:  # then its clones are copied: the same elements, without the lookups
            for idx, kind, element in prototype:
                clone = copy.deepcopy(element)
                tree.append(clone)
                placeholders[idx] = kind(clone, parent)
        self.ids._add_sldId(id=self.next_id, rId=rid)  # noqa: SLF001
        self.next_id += 1
        return slide, placeholders


MIN_SLIDE_ID = 256  # the first slide id PowerPoint allows


# ---------------------------------------------------------------- package


def deck_meta(laid: LaidOutDeck) -> DocumentMeta:
    """The checked metadata of a laid-out deck's front matter, which the deck, the slide
    handout and the notes pages all stamp on themselves (so they say the same thing).

    A bad value (a date that is no date, a list for a title) is a ContentError naming the
    deck's template, never a silent 1 January 2000.
    """
    front = {**dict(laid.properties), "audience": laid.audience}
    where = f"the deck's front matter for {laid.audience} (from deck.md.j2)"
    return document_meta(front, where if laid.audience else "the deck's front matter")


def _core_properties(prs: Any, meta: DocumentMeta) -> None:
    """The deck's document properties, from the same metadata the printed slides carry."""
    props = prs.core_properties
    when = dt.datetime.combine(meta.date or NO_DATE, dt.time(0, 0))
    texts = {
        "title": meta.title,
        "subject": meta.subject,
        "author": meta.author_name,
        "last_modified_by": meta.author_name,
        "keywords": ", ".join(meta.keywords),
        "comments": meta.summary,
        "category": label("Training"),
        "content_status": meta.version_label,
        "version": meta.version,
        "language": meta.language,
    }
    for name, value in texts.items():
        setattr(props, name, _short(value))
    props.created = when
    props.modified = when
    props.last_printed = when
    props.revision = 1
    props.identifier = ""  # (a template's own: a machine's or a library's name for the file)


def _short(text: str, limit: int = 255) -> str:
    """Document properties hold at most 255 characters: cut at a word, with an ellipsis."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "\u2026"


_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006"


def _app_xml(slides: int, notes: int, width: int, height: int, generator: str) -> bytes:
    """Application properties that describe this deck, not the template it came from."""
    shape = aspect_of(width, height)
    fmt = f"On-screen Show ({shape})" if shape else "Custom"
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Properties xmlns="{_OFFICE}/extended-properties" xmlns:vt="{_OFFICE}/docPropsVTypes">'
        f"<Application>{generator}</Application><PresentationFormat>{fmt}</PresentationFormat>"
        f"<Slides>{slides}</Slides><Notes>{notes}</Notes><HiddenSlides>0</HiddenSlides>"
        "</Properties>"
    ).encode()


# The parts of a template that are not the deck's: its thumbnail (an empty slide), and what
# Office and SharePoint keep of the file and its people: custom properties (a sensitivity
# label's owner, where the file was kept), custom XML (a document library's fields), comment
# authors and the people of modern comments, revision data, the printer it was last
# printed on, and the presentation's own tags (an add-in's notes: a server path). "Only its
# design is used": none of them goes into a deck.
_NOT_THE_DECKS = (
    "/thumbnail",
    "/custom-properties",
    "/customXml",
    "/commentAuthors",
    "/authors",
    "/revisionInfo",
    "/printerSettings",
    "/tags",
)


def _drop_template_parts(prs: Any) -> None:
    """Leave out of the deck the template's parts that are not the deck's (see above);
    with the presentation's tags, the list that names them, so that nothing names a part
    that is not there."""
    from pptx.oxml.ns import qn

    for owner in (prs.part.package, prs.part):
        for rel in list(owner._rels.values()):  # noqa: SLF001
            if rel.reltype.endswith(_NOT_THE_DECKS):
                owner._rels.pop(rel.rId)  # noqa: SLF001
    tags = prs.part._element.find(qn("p:custDataLst"))  # noqa: SLF001
    if tags is not None:
        prs.part._element.remove(tags)  # noqa: SLF001


# ---------------------------------------------------------------- writing slides


class _Writer:
    """Writes laid-out slides onto the template: each layout's footer shapes found once."""

    def __init__(self, prs: Any, day: str = ""):
        self.prs = prs
        self.day = day  # what a date field of the template says (see _dated)
        self.layouts = {layout.name: layout for layout in prs.slide_layouts}
        self.new_slides = _NewSlides(prs)
        self.furniture: dict[str, tuple[Any, Any]] = {}
        self.notes_prototype: Any = None
        self.notes_body: tuple[int, type] | None = None  # its text placeholder: place, class
        self.name_east_asian = not _template_east_asian(prs)
        self.carried: dict[str, set[tuple[str, str]]] = {}  # layout -> (id, name) carried

    def footer_shapes(self, layout: Any) -> tuple[Any, Any]:
        """The layout's footer and slide-number placeholder elements (read once a layout)."""
        found = self.furniture.get(layout.name)
        if found is None:
            kinds = {
                ph.placeholder_format.type: ph._element
                for ph in layout.placeholders
                if ph.placeholder_format.type
                in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)
            }
            found = (kinds.get(PP_PLACEHOLDER.FOOTER), kinds.get(PP_PLACEHOLDER.SLIDE_NUMBER))
            self.furniture[layout.name] = found
        return found

    def slide(self, laid: LaidOutSlide) -> Any:
        layout = self.layouts[laid.layout]
        slide, placeholders = self.new_slides.add(layout)
        used: set[int] = set()
        for box in laid.boxes:
            shape = placeholders.get(box.placeholder) if box.placeholder is not None else None
            if shape is None:
                continue
            if box.moved:
                shape.left, shape.top, shape.width, shape.height = box.rect.emu()
            write_paras(
                shape.text_frame,
                box.paras,
                box.size,
                True,
                self.name_east_asian,
                box.style.align,
                _marks(box.style),
            )
            used.add(box.placeholder)  # type: ignore[arg-type]
        for idx, shape in placeholders.items():
            if idx not in used:
                _remove(shape)
        # the columns in the order they are read (the first at the right, where a reader
        # from the right starts): a screen reader follows the slide's order of shapes
        columns = [
            placeholders[b.placeholder]._element  # noqa: SLF001
            for b in laid.boxes
            if b.role == "columns" and b.placeholder in placeholders
        ]
        for earlier, later in zip(columns, columns[1:], strict=False):
            tree = earlier.getparent()
            if tree is later.getparent() and tree.index(later) < tree.index(earlier):
                earlier.addnext(later)
        if laid.table is not None:
            _table(slide, laid, self.name_east_asian)
        for picture in laid.pictures:
            x, y, w, h = picture.rect.emu()
            shape = slide.shapes.add_picture(io.BytesIO(picture.data), x, y, w, h)
            shape.name = f"Picture: {picture.alt}"[:80] if picture.alt else "Picture"
            if picture.alt:
                shape._element.nvPicPr.cNvPr.set("descr", picture.alt)  # read by screen readers
            else:  # written without a description (the build warns): decoration, passed by
                shape._element.nvPicPr.cNvPr.attrib.pop("descr", None)  # python-pptx's "image.png"
                mark_decorative(shape._element.nvPicPr.cNvPr)
        self.footer(slide, layout, laid)
        for shape in laid.decorations:
            if shape.xml:  # a shape the slide carries itself (its title rule)
                self.carried.setdefault(laid.layout, set()).add(_carry(slide, shape, self.day))
        _ids_unique(slide)
        if laid.notes.strip():
            self.notes(slide, laid.notes)
        return slide

    def leave_carried(self) -> None:
        """The layouts without the shapes their slides now carry (drawn once, not twice):
        each the one plain shape of its id and name (a template may give two shapes one
        id: a placeholder sharing the carried shape's is never taken with it)."""
        for name, carried in self.carried.items():
            tree = self.layouts[name].shapes._spTree
            for sp in tree.findall(qn("p:sp")):
                named = sp.find(f"{qn('p:nvSpPr')}/{qn('p:cNvPr')}")
                plain = sp.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}") is None
                if plain and (named.get("id"), named.get("name")) in carried:
                    tree.remove(sp)

    def notes(self, slide: Any, text: str) -> None:
        """The slide's speaker notes. The first notes slide is made by python-pptx (cloning
        the notes master's placeholders); the others are copies of it, made in constant time."""
        if self.notes_prototype is None:
            notes_slide = slide.notes_slide
            if notes_slide.notes_placeholder is None:
                _notes_body(notes_slide)
            self.notes_prototype = copy.deepcopy(notes_slide._element)  # noqa: SLF001
            body = notes_slide.notes_placeholder
            if body is not None:  # where its text placeholder is, and what python-pptx makes it
                tree = notes_slide.shapes._spTree  # noqa: SLF001
                self.notes_body = (list(tree).index(body._element), type(body))  # noqa: SLF001
            frame = notes_slide.notes_text_frame
        else:
            slide_part = slide.part
            package = slide_part.package
            part = NotesSlidePart(
                package.next_partname("/ppt/notesSlides/notesSlide%d.xml"),
                CT.PML_NOTES_SLIDE,
                package,
                copy.deepcopy(self.notes_prototype),
            )
            part.relate_to(package.presentation_part.notes_master_part, RT.NOTES_MASTER)
            part.relate_to(slide_part, RT.SLIDE)
            slide_part.relate_to(part, RT.NOTES_SLIDE)
            notes_slide = part.notes_slide
            if self.notes_body is None:
                frame = notes_slide.notes_text_frame
            else:  # the copy's text placeholder, where the first one's is
                at, kind = self.notes_body
                tree = notes_slide.shapes._spTree  # noqa: SLF001
                frame = kind(tree[at], notes_slide.placeholders).text_frame
        frame.text = text
        _script_runs(frame._txBody, self.name_east_asian)  # noqa: SLF001  (and its language)

    def footer(self, slide: Any, layout: Any, laid: LaidOutSlide) -> None:
        """The layout's footer and slide-number placeholders, copied onto the slide, filled."""
        footer_element, number_element = self.footer_shapes(layout)
        tree = slide.shapes._spTree  # noqa: SLF001
        footer = laid.footer
        if footer is not None and footer_element is not None:
            copied = copy.deepcopy(footer_element)
            tree.append(copied)
            shape = SlideShapeFactory(copied, slide.shapes)  # what slide.shapes[-1] looks up
            if footer.moved:
                shape.left, shape.top, shape.width, shape.height = footer.rect.emu()
            write_paras(
                shape.text_frame,
                footer.paras,
                footer.size,
                True,
                self.name_east_asian,
                footer.style.align,
            )
        elif footer is not None:
            x, y, w, h = footer.rect.emu()
            box = slide.shapes.add_textbox(x, y, w, h)
            box.name = "Footer"
            # its words from the box's left edge, as the printed slides draw them (a box
            # sized to its text, PowerPoint's default, is drawn centred by LibreOffice)
            box.text_frame.word_wrap = True
            box.text_frame.auto_size = MSO_AUTO_SIZE.NONE
            box.text_frame.text = footer.text
            box.text_frame.paragraphs[0].runs[0].font.size = Pt(footer.size)
            _script_runs(box.text_frame._txBody, self.name_east_asian)  # noqa: SLF001
        if number_element is None and laid.slide_number is not None:
            _number_box(slide, laid.slide_number, self.name_east_asian)
        if number_element is not None:
            number = copy.deepcopy(number_element)
            _dated(number, self.day)  # as the printed slides show it
            fields = [f for f in number.iter(qn("a:fld")) if f.get("type") == "slidenum"]
            # the number in its field, the placeholder's own words around it kept ("Slide 7")
            for text in (t for f in fields or [number] for t in f.iter(qn("a:t"))):
                text.text = str(laid.number)
            if not fields:
                body = number.find(qn("p:txBody"))
                if body is None:  # a placeholder with no text of its own: one to fill
                    body = parse_xml(
                        f"<p:txBody {nsdecls('p', 'a')}><a:bodyPr/><a:lstStyle/></p:txBody>"
                    )
                    number.append(body)
                for p in body.findall(qn("a:p")):
                    body.remove(p)
                body.append(
                    parse_xml(
                        f'<a:p {nsdecls("a")}><a:fld id="{{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}}" '
                        f'type="slidenum"><a:t>{laid.number}</a:t></a:fld></a:p>'
                    )
                )
            _unkerned(number)
            tree.append(number)
            if laid.slide_number is not None and laid.slide_number.moved:
                shape = SlideShapeFactory(number, slide.shapes)
                shape.left, shape.top, shape.width, shape.height = laid.slide_number.rect.emu()


def _notes_body(notes_slide: Any) -> None:
    """A text placeholder for the speaker notes on ``notes_slide``, whose notes master has
    none (PowerPoint saves one so when its Body box is unticked in the Notes Master view):
    where PowerPoint puts it on a notes page of the presentation's size, so that the notes
    show in PowerPoint's notes pane and print on its notes pages."""
    presentation = notes_slide.part.package.presentation_part._element  # noqa: SLF001
    size = presentation.find(qn("p:notesSz"))
    width = int(size.get("cx", "6858000")) if size is not None else 6858000
    height = int(size.get("cy", "9144000")) if size is not None else 9144000
    tree = notes_slide.shapes._spTree  # noqa: SLF001
    body = parse_xml(
        f"<p:sp {nsdecls('p', 'a')}><p:nvSpPr>"
        f'<p:cNvPr id="{notes_slide.shapes._next_shape_id}" name="Notes Placeholder"/>'  # noqa: SLF001
        '<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="body" idx="1"/>'
        "</p:nvPr></p:nvSpPr><p:spPr><a:xfrm>"
        f'<a:off x="{width // 10}" y="{height * 19 // 40}"/>'
        f'<a:ext cx="{width * 4 // 5}" cy="{height * 9 // 20}"/>'
        "</a:xfrm></p:spPr><p:txBody><a:bodyPr/><a:lstStyle/><a:p/></p:txBody></p:sp>"
    )
    tree.append(body)


def _ids_unique(slide: Any) -> None:
    """Every shape of ``slide`` under an id of its own. A placeholder copied from the layout
    (the footer, the slide number) keeps the layout's id, which a shape the slide was given
    before may have taken (a picture, a footer's text box): LibreOffice numbers a layout's
    footer and slide number low, and PowerPoint offers to repair a slide whose two shapes
    share an id, and may drop one of them doing it. The first shape of an id keeps it; a
    later one takes the next id no shape has."""
    named = list(slide.shapes._spTree.iter(qn("p:cNvPr")))  # noqa: SLF001
    ids = [str(n.get("id", "")) for n in named]
    if len(set(ids)) == len(ids):
        return
    taken = {int(i) for i in ids if i.isdigit()}
    seen: set[str] = set()
    following = max(taken, default=0) + 1
    for shape_id, given in zip(named, ids, strict=True):
        if given in seen or not given.isdigit():
            shape_id.set("id", str(following))
            following += 1
        seen.add(given)


def _unkerned(element: Any) -> None:
    """Every run and field of ``element`` drawn without kerning or letter spacing, as the
    printed slides draw it (see write_paras)."""
    for run in [*element.iter(qn("a:r")), *element.iter(qn("a:fld"))]:
        looks = run.find(qn("a:rPr"))
        if looks is None:
            looks = parse_xml(f"<a:rPr {nsdecls('a')}/>")
            run.insert(0, looks)
        looks.set("kern", "0")
        looks.set("spc", "0")


SLIDE_NUMBER_FIELD = ' id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}" type="slidenum"'


def _number_box(slide: Any, box: TextBox, name_east_asian: bool) -> None:
    """The slide number of a slide whose layout has no slide-number placeholder, where the
    master has its own: a text box there, its words and a slide-number field (so that
    PowerPoint numbers the slide again when slides move), in the master's size, colour and
    alignment, as the laid-out box says."""
    x, y, w, h = box.rect.emu()
    shape = slide.shapes.add_textbox(x, y, w, h)
    shape.name = "Slide Number"
    frame = shape.text_frame
    frame.word_wrap = True
    write_paras(
        frame, box.paras, box.size, False, name_east_asian, box.style.align, _marks(box.style)
    )
    # aligned, anchored and inset as the master's placeholder, as the printed slides set it
    body_pr = frame._txBody.find(qn("a:bodyPr"))  # noqa: SLF001
    body_pr.set("anchor", box.style.anchor)
    for name, inset in zip(("lIns", "tIns", "rIns", "bIns"), box.style.insets, strict=True):
        body_pr.set(name, str(round(inset * EMU_PER_PT)))
    for properties in frame._txBody.iter(qn("a:pPr")):  # noqa: SLF001
        properties.set("algn", properties.get("algn") or box.style.align)
    colour = (box.style.colour or "").lstrip("#")
    for para, paragraph in zip(box.paras, frame._txBody.findall(qn("a:p")), strict=False):  # noqa: SLF001
        written = paragraph.findall(qn("a:r"))
        for run, made in zip([r for r in para.runs if not r.line_break], written, strict=False):
            looks = made.find(qn("a:rPr"))
            if len(colour) == 6 and looks is not None and looks.find(qn("a:solidFill")) is None:
                looks.insert(  # the master's colour
                    0,
                    parse_xml(
                        f'<a:solidFill {nsdecls("a")}><a:srgbClr val="{colour}"/></a:solidFill>'
                    ),
                )
            if run.slide_number:  # the number as PowerPoint's field, which it keeps up
                field = parse_xml(f"<a:fld {nsdecls('a')}{SLIDE_NUMBER_FIELD}/>")
                for child in list(made):
                    field.append(child)
                made.addprevious(field)
                paragraph.remove(made)


def _dated(element: Any, day: str) -> None:
    """The date fields of a template's text (``element``) as plain text saying ``day``, the
    content's date: PowerPoint would show the day the deck is opened, the printed slides
    the content's date (see layout.stamped)."""
    for found in list(element.iter(qn("a:fld"))):
        if not str(found.get("type", "")).startswith("datetime"):
            continue
        run = parse_xml(f"<a:r {nsdecls('a')}/>")
        for child in list(found):
            if child.tag != qn("a:pPr"):
                run.append(child)
        said = run.find(qn("a:t"))
        if said is None:
            said = parse_xml(f"<a:t {nsdecls('a')}/>")
            run.append(said)
        said.text = day
        found.addprevious(run)
        found.getparent().remove(found)


def _carry(slide: Any, shape: Decoration, day: str = "") -> tuple[str, str]:
    """The layout's shape ``shape.xml`` on the slide, at the slide's place for it, after
    the slide's title and behind every other shape, under an id of the slide's own; its id
    and name on the layout. Its date fields say ``day``, the content's date (see _dated)."""
    sp = parse_xml(shape.xml)
    _dated(sp, day)
    named = sp.find(f"{qn('p:nvSpPr')}/{qn('p:cNvPr')}")
    own = (str(named.get("id")), str(named.get("name")))
    named.set("id", str(slide.shapes._next_shape_id))
    offset = sp.find(f"{qn('p:spPr')}/{qn('a:xfrm')}/{qn('a:off')}")
    x, y, _, _ = shape.rect.emu()
    offset.set("x", str(x))
    offset.set("y", str(y))
    nv = sp.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}")
    nv.attrib.pop("userDrawn", None)  # a layout's mark, not a slide's
    mark_decorative(named)  # a screen reader passes it by
    # right after the slide's title (read first, as PowerPoint's reading order lists it) and
    # behind every shape after it; on a slide without a title, behind them all
    tree = slide.shapes._spTree
    title = next((s for s in tree.iterchildren() if _is_title(s)), None)
    if title is not None:
        title.addnext(sp)
    else:
        tree.insert(2, sp)
    return own


def _is_title(element: Any) -> bool:
    """Whether a shape of a slide's tree is its title placeholder."""
    ph = element.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}")
    return ph is not None and ph.get("type") in ("title", "ctrTitle")


def _remove(shape: Any) -> None:
    element = shape._element  # noqa: SLF001
    element.getparent().remove(element)


def _table(slide: Any, laid: LaidOutSlide, name_east_asian: bool = True) -> None:
    table = laid.table
    assert table is not None
    x, y, w, h = table.rect.emu()
    shape = slide.shapes.add_table(len(table.cells), len(table.column_widths), x, y, w, h)
    shape.name = table.name
    grid = shape.table
    if table.mirrored:  # PowerPoint draws its first column rightmost
        grid._tbl.tblPr.set("rtl", "1")  # noqa: SLF001 (python-pptx names no such property)
    for i, width in enumerate(table.column_widths):
        grid.columns[i].width = Emu(round(width * EMU_PER_PT))
    for r, height in enumerate(table.row_heights):
        grid.rows[r].height = Emu(round(height * EMU_PER_PT))
    for r, row in enumerate(table.cells):
        for c, para in enumerate(row):
            cell = grid.cell(r, c)
            write_paras(
                cell.text_frame, (para,), table.size, False, name_east_asian, links_as_text=r == 0
            )
    if table.style:  # the template's own default table style (the built-in design's)
        grid._tbl.tblPr.find(qn("a:tableStyleId")).text = table.style  # noqa: SLF001


_LANGUAGE_TAGS = frozenset({qn("a:rPr"), qn("a:defRPr"), qn("a:endParaRPr")})


def _own_language(prs: Any) -> str | None:
    """The language the template's default text style says its text is in."""
    default = prs.part._element.find(f".//{qn('a:defRPr')}[@lang]")  # noqa: SLF001
    return default.get("lang") if default is not None else None


def _in_language(prs: Any, language: str, own: str | None, made_with: str = "") -> None:
    """The deck's text in the course's language wherever its template said its own (the
    built-in design's "en-US"): in the masters, layouts, notes master, the slide numbers'
    fields and the default text style, so that what a trainer types into a Spanish deck is
    spell-checked and read aloud as Spanish. Text marked in another language stays so.
    ``made_with``: only the parts whose names start so (a notes master, made with the first
    notes slide). ``own``: the template's language (see :func:`_own_language`)."""
    if not own or own == language:
        return
    for part in prs.part.package.iter_parts():
        element = getattr(part, "_element", None)
        if element is None or not str(part.partname).startswith(made_with):
            continue
        for found in element.iter(*_LANGUAGE_TAGS):
            if found.get("lang") == own:
                found.set("lang", language)


def write(laid: LaidOutDeck, options: RenderOptions) -> RenderResult:
    """The .pptx of a laid-out deck: its slides written onto its template, nothing refitted."""
    meta = deck_meta(laid)  # checked before any work: a bad date stops here
    with writing(meta.language, options.source_texts):  # Han: the deck language's face
        return _write(laid, meta, options)


def _write(laid: LaidOutDeck, meta: DocumentMeta, options: RenderOptions) -> RenderResult:
    theirs = None if laid.template_name == BUILT_IN_TEMPLATE else laid.template_name
    with reading_template(theirs):  # what it reads of an organisation's own, told as its
        return _written(laid, meta, options)


def _written(laid: LaidOutDeck, meta: DocumentMeta, options: RenderOptions) -> RenderResult:
    prs = open_presentation(laid.template, laid.template_name)
    _drop_slides(prs)
    _with_parts_powerpoint_expects(prs)
    prs.part.package.next_partname = _PartNames(prs.part.package)  # linear in slides
    # the template in the course's language before any slide is made from it: a slide's
    # text the translation left in its source's words keeps that language (see write_paras)
    own = _own_language(prs)
    _in_language(prs, meta.language, own)
    # the template's date fields say the content's date, as the printed slides do
    for master in prs.slide_masters:
        for part in (master, *master.slide_layouts):
            _dated(part._element, laid.day)  # noqa: SLF001
    writer = _Writer(prs, laid.day)
    for slide in laid.slides:
        writer.slide(slide)
    writer.leave_carried()
    _in_language(prs, meta.language, own, "/ppt/notesMasters/")
    _core_properties(prs, meta)
    _drop_template_parts(prs)
    day = meta.date or NO_DATE
    notes = sum(1 for s in laid.slides if s.notes.strip())
    app = _app_xml(len(laid.slides), notes, prs.slide_width, prs.slide_height, options.generator)
    data = package_bytes(
        prs.part.package,
        day,
        replace={"docProps/app.xml": app},
        leave_out=frozenset({"docProps/thumbnail.jpeg"}),
    )
    return RenderResult(data=data, pages=len(laid.slides))


_P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"  # sections live here


def _with_parts_powerpoint_expects(prs: PresentationType) -> None:
    """The presentation's properties, view properties and table styles where the template
    has none (LibreOffice saves a template without the last two): without its view
    properties PowerPoint offers to repair the deck; without table styles LibreOffice shows
    the deck's tables plain black on white, where PowerPoint and the printed slides show
    PowerPoint's usual style, which the part names as the default."""
    from pptx.opc.constants import CONTENT_TYPE as CT
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    spaces = (
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
    )
    _with_part(
        prs, RT.PRES_PROPS, CT.PML_PRES_PROPS, "/ppt/presProps.xml", f"<p:presentationPr {spaces}/>"
    )
    _with_part(
        prs,
        RT.VIEW_PROPS,
        CT.PML_VIEW_PROPS,
        "/ppt/viewProps.xml",
        f'<p:viewPr {spaces}><p:gridSpacing cx="76200" cy="76200"/></p:viewPr>',
    )
    _with_part(
        prs,
        RT.TABLE_STYLES,
        CT.PML_TABLE_STYLES,
        "/ppt/tableStyles.xml",
        '<a:tblStyleLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        f'def="{OFFICE_TABLE_STYLE}"/>',
    )


def _with_part(prs: PresentationType, kind: str, content: str, named: str, xml: str) -> None:
    """A part of the presentation's own of ``kind``, made of ``xml``, unless it has one."""
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    if any(rel.reltype == kind for rel in prs.part.rels.values()):
        return
    name = PackURI(named)
    if any(part.partname == name for part in prs.part.package.iter_parts()):
        return  # there, but not the presentation's: left as it is
    blob = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + xml).encode()
    prs.part.relate_to(Part(name, content, prs.part.package, blob), kind)


def _drop_slides(prs: PresentationType) -> None:
    """Leave out the slides a template holds (samples of its design, or a deck saved as a
    template): a deck is only the course's slides, numbered as the plan, the printed slides
    and the guide number them. Their parts go with them (a part no longer related is not
    saved)."""
    listed = prs.slides._sldIdLst  # noqa: SLF001 (python-pptx has no slide removal)
    for entry in list(listed):
        listed.remove(entry)
        prs.part.drop_rel(entry.rId)
    # what named those slides goes with them: custom shows (whose slide references would
    # point at whatever part took their ids: a package PowerPoint offers to repair) and
    # sections (which would claim the course's first slides under the template's names)
    root = prs.part._element  # noqa: SLF001
    for shows in root.findall(qn("p:custShowLst")):
        root.remove(shows)
    for extensions in root.findall(qn("p:extLst")):
        for extension in list(extensions):
            if extension.find(f"{{{_P14}}}sectionLst") is not None:
                extensions.remove(extension)
        if not len(extensions):
            root.remove(extensions)


def render(document: Document, theme: Theme, options: RenderOptions) -> RenderResult:
    """Lay out a deck document and write it; returns the .pptx bytes and its slide count."""
    return write(lay_out(document, theme, options), options)
