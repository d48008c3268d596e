"""Slide templates for the deck: the built-in one, made from the theme, and a trainer's own.

The built-in template is drawn here, in code, for the chosen aspect ratio (16:9 by default,
or 4:3), from python-pptx's bare template: its layouts are given positions made for that
width, the theme's colours and fonts, and a few decorative shapes. It is made fresh for each
build from ``theme.yaml``, so the deck always matches the handout.

A trainer's own ``.pptx`` or ``.potx`` is used as it is. Each slide kind is matched to one of
its layouts by the layout's name and the types of its placeholders (never by position in the
list), with defaults that fit the usual Office layouts and a mapping the trainer can set.
"""

from __future__ import annotations

import copy
import io
import itertools
import struct
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.presentation import Presentation as PresentationType
from pptx.slide import SlideLayout
from pptx.util import Emu, Inches

from ..errors import ContentError, Location, Problem, did_you_mean
from ..theme import Theme
from .ooxml import element, mark_decorative, put
from .slides import ALIKE, KIND_ROLES, TITLE_RULE

WIDTHS = {"16:9": Inches(13.333), "4:3": Inches(10)}
HEIGHT = Inches(7.5)

TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.VERTICAL_TITLE)
BODY_TYPES = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.VERTICAL_BODY)
SUBTITLE_TYPES = (PP_PLACEHOLDER.SUBTITLE,)

# What each role of slide needs from its layout, and the layout names tried by default.
ROLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # role: (needed placeholders, default layout names in order of preference)
    "title": (("title",), ("Title Slide", "Title", "Cover")),
    "section": (
        ("title",),
        ("Section Header", "Section Title", "Section", "Divider", "Section Break", "Title Only"),
    ),
    "content": (("title", "body"), ("Title and Content", "Title and Text", "Content")),
    "two-column": (("title", "body", "body"), ("Two Content", "Comparison", "Two Columns")),
    "table": (("title", "body"), ("Title and Content", "Title and Table", "Content")),
    "quote": (("body",), ("Quote", "Title and Content", "Content")),
}


# Roles whose slides may have text below the title, in a subtitle or body placeholder.
_TEXT_BELOW = frozenset({"title", "section"})

# Roles whose slides go where 'content' is mapped when no layout has their own usual name.
FALLS_BACK = {"table": "content", "quote": "content"}


# Which role each slide kind plays (a kind not listed here is a "content" slide).
def role_of(kind: str) -> str:
    return KIND_ROLES.get(kind, "content")


# ---------------------------------------------------------------- opening templates


# What a deck template may hold once unpacked (python-pptx keeps every part in memory, and
# a zip of a few megabytes can unpack to gigabytes): a corporate template with its pictures
# and embedded fonts is a few tens of megabytes, in a few hundred parts.
MAX_UNPACKED = 512 * 1024 * 1024
MAX_PARTS = 10_000
MAX_XML_PART = 16 * 1024 * 1024  # one slide, layout or master: a million shapes is 228 MB


@contextmanager
def reading_template(name: str | None) -> Iterator[None]:
    """Around code that reads an organisation's deck template (``name``; None: the built-in
    one, whose mistakes are materials-gen's own and are not caught). python-pptx reads each
    part's XML only when it is asked for it, so a value PowerPoint never writes (a
    placeholder type of no known kind, a size that is not a number, a slide master that is
    some other element) raises where it is read: told as the template's problem, naming it,
    never as a traceback."""
    if name is None:
        yield
        return
    try:
        yield
    except (*_UNREAD, etree.LxmlError) as exc:
        raise ContentError([_unreadable(name, exc)]) from None


# what python-pptx raises for a value PowerPoint never writes
_UNREAD = (ValueError, TypeError, AttributeError, LookupError, ArithmeticError)


def _read_through(prs: PresentationType) -> None:
    """Each value of the masters' and layouts' placeholders a build reads (their kind,
    number, name, place, size and text direction), read once as the template is opened, so
    that one PowerPoint never writes is told then (see :func:`reading_template`), not
    wherever laying out or writing the deck first reads it."""
    for number, master in enumerate(prs.slide_masters, start=1):
        for layout in (master, *master.slide_layouts):
            part = f"slide master {number}" if layout is master else f"layout '{layout.name}'"
            for placeholder in layout.placeholders:
                try:
                    describe_layout_placeholder(placeholder)
                    _vertical(placeholder)
                    mark = placeholder._element.ph  # noqa: SLF001 (its p:ph, as written)
                    if mark is not None:  # as writing a slide copies it: each value checked
                        scratch = copy.deepcopy(mark)
                        for attribute in ("type", "idx", "orient", "sz"):
                            setattr(scratch, attribute, getattr(mark, attribute))
                except _UNREAD as exc:
                    said = placeholder._element.xpath("string(./*[1]/p:cNvPr/@name)")  # noqa: SLF001
                    named = f", placeholder '{said}'" if said else ""
                    raise ValueError(f"its {part}{named}: {exc}") from None


def _unreadable(name: str, exc: BaseException) -> Problem:
    return Problem(
        None,
        f"the deck template {name} holds what PowerPoint does not write, so it cannot be "
        f"read: {exc or type(exc).__name__}",
        "open it in PowerPoint, check its slide master and layouts (View > Slide Master), "
        "and save it again as a .pptx or .potx; a template edited in another program may "
        "hold values PowerPoint never writes",
    )


def _template_at(name: str) -> Location | None:
    """Where a problem of the deck template ``name`` is told: at its file, as the project
    names it ("templates/corp.pptx"); nowhere for one named in words."""
    return Location(name) if name and not name.startswith("the ") else None


def open_presentation(data: bytes | None, name: str) -> PresentationType:
    """A presentation from template bytes (``.pptx`` or ``.potx``), or python-pptx's bare one."""
    if data is None:
        return Presentation()
    # (too many parts told before anything reads the zip's directory)
    sealed = None if _listed_parts(data) > MAX_PARTS else _sealed(data)
    if sealed is not None:
        raise ContentError(
            [
                Problem(
                    _template_at(name),
                    f"the deck template {name} {sealed}",
                    "open it in PowerPoint, remove any password (File > Info > Protect "
                    "Presentation), and save it as a PowerPoint Presentation (.pptx) or "
                    "PowerPoint Template (.potx)",
                )
            ]
        )
    too_big = _unpacked_problem(data)
    if too_big is not None:
        sized = too_big.startswith(("holds", "unpacks"))  # else damaged, or a document type
        raise ContentError(
            [
                Problem(
                    _template_at(name),
                    f"the deck template {name} {too_big}",
                    "open it in PowerPoint, compress or remove its largest pictures and media "
                    "(File > Compress Pictures), and save it again"
                    if sized
                    else "open it in PowerPoint and save it again as a PowerPoint Presentation "
                    "(.pptx) or PowerPoint Template (.potx): a file PowerPoint saves has "
                    "neither",
                )
            ]
        )
    try:
        prs = Presentation(io.BytesIO(_as_presentation(data)))
    except Exception:  # python-pptx raises many kinds for a file that is not a deck
        raise ContentError(
            [
                Problem(
                    _template_at(name),
                    # (in plain words: python-pptx's are "File is not a zip file",
                    # "There is no item named '[Content_Types].xml' in the archive")
                    f"the deck template {name} cannot be opened as PowerPoint: it is not a "
                    "presentation PowerPoint saved, or it is damaged",
                    "save it from PowerPoint as a .pptx or .potx, or make one to start from "
                    "with `materials-gen deck-template templates/deck.pptx`",
                )
            ]
        ) from None
    with reading_template(name):
        if prs.slide_width is None or prs.slide_height is None:
            # no slide size given: the schema's default, 4:3 at 10 x 7.5 in, as PowerPoint
            # opens it
            prs.slide_width, prs.slide_height = Emu(9144000), Emu(6858000)
        try:
            unusable = _design_problem(prs)
        except _UNREAD as exc:  # a master or layout of another kind of element
            raise ValueError(f"its slide master or a layout is not one ({exc})") from None
        if not unusable:
            _read_through(prs)
            _number_placeholders(prs)
    if unusable:
        raise ContentError(
            [
                Problem(
                    _template_at(name),
                    f"the deck template {name} {unusable}",
                    "open it in PowerPoint, check its slide master and layouts (View > Slide "
                    "Master), and save it again",
                )
            ]
        )
    active = _active_content(prs)
    if active:
        raise ContentError(
            [
                Problem(
                    _template_at(name),
                    f"the deck template {name} holds {active}: every deck made on it would "
                    "carry it to the people it is given to, and only a template's design is used",
                    "in PowerPoint, remove it and save the template as a PowerPoint Template "
                    "(.potx) or Presentation (.pptx), not a macro-enabled one (.potm, .pptm)",
                )
            ]
        )
    postscript = _postscript_picture(prs)
    if postscript:
        raise ContentError(
            [
                Problem(
                    _template_at(name),
                    f"the deck template {name} holds a PostScript (EPS) picture, {postscript}: "
                    "programs that open a deck draw such a picture by running the code in it, "
                    "so every deck made on the template would carry it to whoever opens it",
                    "in PowerPoint, replace the picture with one saved as PNG or JPEG (or "
                    "remove it), and save the template again",
                )
            ]
        )
    costly = _costly_picture(prs)
    if costly:
        raise ContentError(
            [
                Problem(
                    _template_at(name),
                    f"the deck template {name} holds a picture that is too costly to draw: "
                    f"{costly}",
                    "open it in PowerPoint, compress or replace that picture (File > Compress "
                    "Pictures), and save it again",
                )
            ]
        )
    reaching = _reaching_out(prs)
    if reaching:
        raise ContentError(
            [
                Problem(
                    _template_at(name),
                    f"the deck template {name} {reaching}: every deck made on it would fetch "
                    "it when opened",
                    "in PowerPoint, insert the picture into the template itself (Insert > "
                    "Pictures, not Link to File) or remove the link, and save it again",
                )
            ]
        )
    return prs


# What in a template is code or another program's object, not design: macros (VBA), objects
# embedded from other programs (OLE, packages) and ActiveX controls, by relationship type.
_ACTIVE = {
    "vbaProject": "macros (a VBA project)",
    "oleObject": "an object embedded from another program",
    "package": "an embedded file",
    "control": "an ActiveX control",
    "activeXControl": "an ActiveX control",
    "activeXControlBinary": "an ActiveX control",
    # an Office add-in: a web page PowerPoint loads in a pane, from a store the part names
    # (a \\\\server share, a web address), when the deck is opened
    "webextensiontaskpanes": "an Office add-in (a task pane)",
    "webextension": "an Office add-in",
    "extensibility": "a custom ribbon (buttons that call code)",
}


def _active_content(prs: PresentationType) -> str:
    """What in a template would carry code or another program's objects into every deck
    made on it (python-pptx copies every part a kept part relates to): macros, embedded
    objects, ActiveX controls, or a macro-enabled main part; "" when nothing does."""
    if "macroEnabled" in str(prs.part.content_type):
        return "macros (it is saved as a macro-enabled file)"
    package = prs.part.package
    # every part's relationships, and the package's own (an add-in is one of the package's)
    related = [("the package", package._rels)]  # noqa: SLF001 - python-pptx names none
    related += [(str(part.partname), part.rels) for part in package.iter_parts()]
    for where, rels in related:
        for rel in rels.values():
            what = _ACTIVE.get(str(rel.reltype).rsplit("/", 1)[-1])
            if what is not None:
                return f"{what}, in {where}"
    return ""


# what a template may link to outside itself: web pages and e-mail addresses, as a slide's
# text may
_WEB = ("http://", "https://", "mailto:")


# what a linked part is, by the end of its relationship's type, as a message names it
_LINKED = {"image": "a picture", "hdphoto": "a picture", "video": "a video", "audio": "a sound",
           "media": "a video or sound"}  # fmt: skip


def _reaching_out(prs: PresentationType) -> str:
    """What in a template reaches outside it when a deck made on it is opened: a picture,
    video or sound linked rather than inserted, or anything else it links that is not a
    hyperlink (any address: it is fetched, a file:// or \\\\server one with the user's
    network sign-in), or a hyperlink to anything but a web page or e-mail address; "" when
    nothing does."""
    package = prs.part.package
    # the package's own relationships (_rels/.rels) as well as each part's
    every = [package._rels, *(part.rels for part in package.iter_parts())]  # noqa: SLF001
    for rels in every:
        for rel in rels.values():
            if not rel.is_external:
                continue
            target = str(rel.target_ref)
            shown = target if len(target) <= 80 else target[:79] + "\u2026"
            kind = str(rel.reltype).rsplit("/", 1)[-1]
            if kind != "hyperlink":
                what = _LINKED.get(kind, f"a part ({kind})")
                return f"links {what} from outside it ({shown})"
            if not target.lower().startswith(_WEB):
                return f"links to {shown}"
    return ""


MAX_PLACEHOLDERS = 100  # on one layout (an Office layout has at most a dozen)


MAX_MASTERS = 50  # slide masters a template lists (an Office template has one to a few)
MAX_LAYOUTS = 500  # layouts all its masters list together (a large corporate one: about 80)


def _listed_problem(prs: PresentationType) -> str:
    """What is wrong with the lists of masters and layouts, read before anything walks
    them: more than a template has, or one part listed twice. Listing one layout 3,000
    times in 3,000 entries for one master adds no part and no byte past the limits, yet
    every check and layout lookup walks masters times layouts: a 30 KB file ran for hours.
    """
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.oxml.ns import qn

    masters = prs.part._element.findall(f"{qn('p:sldMasterIdLst')}/{qn('p:sldMasterId')}")
    if len(masters) > MAX_MASTERS:
        return f"lists {len(masters):,} slide masters; a deck template has at most {MAX_MASTERS}"
    seen: set[str] = set()
    layouts: set[str] = set()
    for entry in masters:
        rid = entry.get(qn("r:id")) or ""
        try:
            master = prs.part.related_part(rid)
        except KeyError:  # python-pptx, walking the masters, stops on it
            return f"lists a slide master ({rid}) it does not hold"
        if str(master.partname) in seen:
            return f"lists its slide master {master.partname} twice"
        seen.add(str(master.partname))
        entries = master._element.findall(f"{qn('p:sldLayoutIdLst')}/{qn('p:sldLayoutId')}")
        if len(layouts) + len(entries) > MAX_LAYOUTS:
            return f"lists more than {MAX_LAYOUTS} layouts; a deck template has at most that"
        for each in entries:
            rid = each.get(qn("r:id")) or ""
            try:
                layout = master.related_part(rid)
            except KeyError:  # a layout part left out, or the master's list of its parts
                return (
                    f"lists a layout of its slide master {master.partname} ({rid}) it does not hold"
                )
            if str(layout.partname) in layouts:
                return f"lists its layout {layout.partname} twice"
            if not hasattr(layout, "slide_layout"):  # another kind of part in its place
                return f"lists {layout.partname} as a layout of its slide master, which it is not"
            try:
                layout.part_related_by(RT.SLIDE_MASTER)
            except KeyError:  # python-pptx asks each layout for its master
                return f"has a layout, {layout.partname}, that names no slide master"
            layouts.add(str(layout.partname))
    return ""


def _number_placeholders(prs: PresentationType) -> None:
    """Give each placeholder of a layout an index of its own. A slide's placeholder takes
    its box and style from the layout's of the same index, and a slide made here fills its
    placeholders by index; LibreOffice saves every placeholder of a layout without one
    (index 0: the title's), so a slide's body took the title's place and the deck had no
    titles. The title keeps 0; each other placeholder sharing an index gets the smallest
    one the layout leaves free, in the layout the deck is made on (slides inherit from it
    by that index)."""
    for master in prs.slide_masters:
        for layout in master.slide_layouts:
            shapes = list(layout.placeholders)
            used = {ph.placeholder_format.idx for ph in shapes}
            if len(used) == len(shapes):
                continue
            taken: set[int] = set()
            ordered = sorted(shapes, key=lambda ph: _kind_of(ph) != "title")  # the title first
            for ph in ordered:
                idx = ph.placeholder_format.idx
                if idx in taken:  # the smallest index no placeholder of the layout has
                    idx = next(n for n in itertools.count(1) if n not in used and n not in taken)
                    ph.element.ph.set("idx", str(idx))
                taken.add(idx)


def _design_problem(prs: PresentationType) -> str:
    """What makes a template's design unusable: no slide master, a slide of no size, a
    theme that is not XML, a layout of hundreds of placeholders (each slide on it copies
    them all: 30,000 took minutes a slide); "" when nothing does."""
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    if not len(prs.slide_masters):
        return "has no slide master"
    listed = _listed_problem(prs)
    if listed:
        return listed
    if not len(prs.slide_masters[0].slide_layouts):
        return "has no layouts in its slide master: every slide is made on a layout"
    width, height = prs.slide_width, prs.slide_height
    if width is not None and height is not None and min(width, height) < 914400:  # an inch
        return f"gives its slides a size of {width / 914400:.2f} x {height / 914400:.2f} in"
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    for master in prs.slide_masters:
        try:
            theme = master.part.part_related_by(RT.THEME)
        except KeyError:
            continue
        try:
            etree.fromstring(theme.blob, parser)
        except etree.XMLSyntaxError as exc:
            return f"has a theme ({theme.partname}) that is not readable XML ({exc})"
        crowded = _crowded(master.element, "its slide master")
        if crowded:
            return crowded
        for layout in master.slide_layouts:
            count = sum(1 for _ in layout.placeholders)
            if count > MAX_PLACEHOLDERS:
                return (
                    f"has a layout, '{layout.name}', of {count:,} placeholders; a layout "
                    f"holds at most {MAX_PLACEHOLDERS}"
                )
            crowded = _crowded(layout.element, f"a layout, '{layout.name}',")
            if crowded:
                return crowded
    return ""


# What one slide master or layout may hold: every printed slide draws all of it (an Office
# master has a few dozen shapes; 48,000 small ones took minutes and gigabytes a PDF)
MAX_SHAPES = 500
MAX_RUNS = 5_000  # pieces of text (runs), in all its shapes
_SHAPES = (
    "count(.//p:spTree//*[self::p:sp or self::p:pic or self::p:cxnSp or self::p:graphicFrame"
    " or self::p:grpSp])"
)


def _crowded(element: Any, what: str) -> str:
    """Why a master or layout (its XML ``element``) holds too much to draw on every printed
    slide; "" when it does not."""
    shapes = int(element.xpath(_SHAPES))
    if shapes > MAX_SHAPES:
        return f"has {what} of {shapes:,} shapes; one holds at most {MAX_SHAPES}"
    runs = int(element.xpath("count(.//a:r)"))
    if runs > MAX_RUNS:
        return f"has {what} of {runs:,} pieces of text; one holds at most {MAX_RUNS:,}"
    return ""


def _picture_parts(prs: PresentationType) -> list[Any]:
    """The parts of a template that are pictures: those a shape or a background shows,
    whatever type a part says it has, and those typed as pictures."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    parts = list(prs.part.package.iter_parts())
    shown = {
        id(rel.target_part)
        for part in parts
        for rel in part.rels.values()
        if rel.reltype == RT.IMAGE and not rel.is_external
    }
    return [p for p in parts if id(p) in shown or str(p.content_type).startswith("image/")]


def _postscript_picture(prs: PresentationType) -> str:
    """A picture of the template that holds PostScript (EPS): the programs that open a deck
    draw one by running the code in it (LibreOffice hands it to Ghostscript), so every deck
    made on the template would carry a program to whoever opens it; "" when none does."""
    from ..images import other_format

    for part in _picture_parts(prs):
        kind = str(part.content_type).lower()
        if (
            "postscript" in kind
            or "eps" in kind.split("/")[-1]
            or other_format(part.blob[:64]) == "EPS"
        ):
            return str(part.partname)
    return ""


def _costly_picture(prs: PresentationType) -> str:
    """What makes a picture inserted in a template (a master's background, a logo) too
    costly to draw on the printed slides, judged as a picture in the content is, from its
    header alone (see :func:`images.size_trouble`); "" when none is."""
    import warnings

    from PIL import Image

    from ..images import open_picture, size_trouble

    for part in _picture_parts(prs):
        data = part.blob
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            try:
                with open_picture(data) as image:
                    size, kind = image.size, image.format or ""
            except Image.DecompressionBombError:
                size, kind = (10**6, 10**6), ""  # beyond any side allowed
            except Exception:  # noqa: BLE001 - a picture Pillow cannot read is never drawn
                continue
        trouble = size_trouble(*size, kind, data)
        if trouble is not None:
            return f"{part.partname} ({trouble})"
    return ""


# How a zip may pack a part, by its method's number: PowerPoint stores or deflates them,
# and zipfile reads no other (Deflate64) or only with modules a Python may lack
_METHODS = {9: "Deflate64", 12: "bzip2", 14: "LZMA", 93: "Zstandard", 95: "XZ", 98: "PPMd"}
# a zip part's flags: encrypted (traditional, strong, or its directory), patched data
_LOCKED, _PATCHED = 0x1 | 0x40 | 0x2000, 0x20
# what a Compound File starts with: a deck PowerPoint saved with a password, or in the
# format before 2007 (.ppt, .pot), neither of them a zip of parts
_COMPOUND_FILE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _sealed(data: bytes) -> str | None:
    """What keeps a deck template's parts from being read without more than the file: a
    password, or a way of packing them PowerPoint does not use; None when nothing does (or
    it is not a zip at all: opening it says what is wrong)."""
    if data.startswith(_COMPOUND_FILE):
        return (
            "is protected by a password, or saved in PowerPoint's format before 2007 "
            "(.ppt, .pot): neither can be read as a template"
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    for info in parts:
        if info.flag_bits & _LOCKED:
            return f"is locked: its part {info.filename} is encrypted and needs a password"
        if info.flag_bits & _PATCHED:
            return (
                f"packs its part {info.filename} as patched data, which PowerPoint does not "
                "use: it cannot be read as a template"
            )
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            method = _METHODS.get(info.compress_type, f"method {info.compress_type}")
            return (
                f"packs its part {info.filename} with {method}, which PowerPoint does not "
                "use: it cannot be read as a template"
            )
    return None


def _unpacked_problem(data: bytes) -> str | None:
    """What makes a deck template too large to open (see :data:`MAX_UNPACKED`), judged from
    its zip directory before anything is unpacked, then from each part inflated a piece at a
    time (see _untrue_sizes); None when it is not too large (or not a zip at all: opening
    it says what is wrong)."""
    listed = _listed_parts(data)
    if listed > MAX_PARTS:  # told before the list is read: a million took seconds and GBs
        return f"holds {listed:,} parts; a deck template holds at most {MAX_PARTS:,}"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
            types = _content_types(archive)
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if len(parts) > MAX_PARTS:
        return f"holds {len(parts):,} parts; a deck template holds at most {MAX_PARTS:,}"
    xml_parts = [p for p in parts if _is_xml(p.filename, types)]
    xml = max(xml_parts, key=lambda p: p.file_size, default=None)
    if xml is not None and xml.file_size > MAX_XML_PART:
        return (
            f"holds {xml.filename}, {xml.file_size / 1024**2:,.0f} MB of XML; a part of a deck "
            f"template is at most {MAX_XML_PART // 1024**2} MB (a slide master is a few hundred "
            "kilobytes)"
        )
    all_xml = sum(p.file_size for p in xml_parts)
    if all_xml > MAX_XML:
        return (
            f"holds {all_xml / 1024**2:,.0f} MB of XML; a deck template holds at most "
            f"{MAX_XML // 1024**2} MB (masters, layouts and theme are a few)"
        )
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_UNPACKED:
        largest = max(parts, key=lambda part: part.file_size)
        return (
            f"unpacks to {unpacked / 1024**2:,.0f} MB ({largest.filename}: "
            f"{largest.file_size / 1024**2:,.0f} MB); a deck template may unpack to at most "
            f"{MAX_UNPACKED // 1024**2} MB"
        )
    return _untrue_sizes(data, parts, frozenset(p.filename for p in xml_parts))


MAX_XML = 32 * 1024 * 1024  # all the XML parts of a template together
# the most a zip's directory takes a part: its fixed 46 bytes and a long name
_DIRECTORY_ENTRY = 46 + 1024


def _listed_parts(data: bytes) -> int:
    """How many parts a zip's directory lists, read from its end record (the zip64 one
    when there is one), at least as many as its directory's size could hold of the
    largest entries: known before the directory itself is read. 0 when it has no end
    record (not a zip: opening it says so)."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 22 - 65_535))
    if end < 0 or end + 22 > len(data):
        return 0
    count, size = struct.unpack_from("<HI", data, end + 10)
    locator = end - 20
    if locator >= 0 and data[locator : locator + 4] == b"PK\x06\x07":
        (record,) = struct.unpack_from("<Q", data, locator + 8)
        if record + 56 <= len(data) and data[record : record + 4] == b"PK\x06\x06":
            count, size = struct.unpack_from("<QQ", data, record + 32)
    return max(count, size // _DIRECTORY_ENTRY)


def _is_xml(name: str, types: tuple[dict[str, str], dict[str, str]]) -> bool:
    """Whether a part is XML (python-pptx parses it whole), by the content type the package
    gives it, else by its name: a layout renamed ``.dat`` is XML all the same."""
    defaults, overrides = types
    kind = overrides.get("/" + name.lstrip("/").lower())
    if kind is None:
        kind = defaults.get(name.rsplit(".", 1)[-1].lower() if "." in name else "", "")
    return kind.endswith("xml") or name.endswith((".xml", ".rels"))


def _content_types(archive: zipfile.ZipFile) -> tuple[dict[str, str], dict[str, str]]:
    """The package's content types: by extension, and by part name (lower case)."""
    from lxml import etree

    try:
        info = archive.getinfo("[Content_Types].xml")
        if info.file_size > MAX_XML_PART:
            return {}, {}
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        root = etree.fromstring(archive.read(info), parser)
    except (
        KeyError,
        zipfile.BadZipFile,
        OSError,
        etree.XMLSyntaxError,
        ValueError,
        RuntimeError,  # a part that needs a password
        NotImplementedError,  # a part packed in a way zipfile cannot read
    ):
        return {}, {}
    defaults, overrides = {}, {}
    for entry in root:
        tag = etree.QName(entry).localname
        if tag == "Default":
            defaults[str(entry.get("Extension", "")).lower()] = str(entry.get("ContentType", ""))
        elif tag == "Override":
            overrides[str(entry.get("PartName", "")).lower()] = str(entry.get("ContentType", ""))
    return defaults, overrides


# A document type declaration, as UTF-8 and as UTF-16 (either order) write it: Office never
# writes one in a package's XML, and the entities it declares are kept unread in the
# template's parts, then written into the deck as words no client shows (or as a part
# PowerPoint repairs)
_DOCTYPES = tuple("<!DOCTYPE".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be"))


def _untrue_sizes(
    data: bytes, parts: list[zipfile.ZipInfo], xml: frozenset[str] = frozenset()
) -> str | None:
    """A part whose data is not what the zip directory says of it: damaged, or more than its
    size. Each is inflated a piece at a time to one byte past the size it claims (python-pptx
    reads a part whole, and zipfile inflated all of it before cutting it to that size: one
    said to be 16 bytes took a gigabyte). An XML part (named in ``xml``) is also looked
    through for a document type declaration, piece by piece."""
    import copy

    longest = max(len(mark) for mark in _DOCTYPES)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in parts:
            probe = copy.copy(info)
            probe.file_size = info.file_size + 1  # a byte more than it says, if it has one
            read, tail = 0, b""
            try:
                with archive.open(probe) as member:
                    while piece := member.read(1 << 20):
                        read += len(piece)
                        if info.filename in xml:
                            seen = tail + piece
                            if any(mark in seen for mark in _DOCTYPES):
                                return (
                                    f"declares a document type in its part {info.filename} "
                                    "(<!DOCTYPE ...>), which PowerPoint never writes: its "
                                    "entities would be lost from the deck"
                                )
                            tail = seen[-longest:]
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
                read = -1
            if read != info.file_size:
                return f"is damaged: its part {info.filename} is not what its directory says"
    return None


_TEMPLATE_TYPE = b"presentationml.template.main+xml"
_PRESENTATION_TYPE = b"presentationml.presentation.main+xml"


def _as_presentation(data: bytes) -> bytes:
    """A .potx differs from a .pptx only by its main content type: relabel it in memory."""
    return _relabelled(data, _TEMPLATE_TYPE, _PRESENTATION_TYPE)


def _relabelled(data: bytes, was: bytes, now: bytes) -> bytes:
    """The package ``data`` with its main content type ``was`` written ``now`` (each part
    as it was, in its place and with its date: the same bytes in, the same bytes out)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as source:
            types = source.read("[Content_Types].xml")
            if was not in types:
                return data
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
                for info in source.infolist():
                    body = source.read(info.filename)
                    if info.filename == "[Content_Types].xml":
                        body = body.replace(was, now)
                    target.writestr(info, body)
            return out.getvalue()
    except (zipfile.BadZipFile, KeyError):
        return data


# ---------------------------------------------------------------- layout mapping


@dataclass(frozen=True)
class LayoutChoice:
    layout: SlideLayout
    title: object | None
    bodies: tuple[object, ...]
    subtitle: object | None


def _kind_of(placeholder: object) -> str:
    kind = placeholder.placeholder_format.type  # type: ignore[attr-defined]
    if kind in TITLE_TYPES:
        return "title"
    if kind in SUBTITLE_TYPES:
        return "subtitle"
    if kind in BODY_TYPES:
        return "body"
    return "other"


def describe_layout(layout: SlideLayout) -> list[str]:
    """One line per placeholder: type, index, name and position (for the `layouts` command)."""
    return [describe_layout_placeholder(ph) for ph in layout.placeholders]


def describe_layout_placeholder(ph: Any) -> str:
    """A placeholder's line: its type, index, name and position."""
    fmt = ph.placeholder_format
    kind = str(fmt.type).split(".")[-1].split(" ")[0]
    left, top = Emu(ph.left or 0).inches, Emu(ph.top or 0).inches
    width, height = Emu(ph.width or 0).inches, Emu(ph.height or 0).inches
    return (
        f"{kind:<13} idx {fmt.idx:<3} at {left:.2f},{top:.2f} in, "
        f"{width:.2f} x {height:.2f} in  ({ph.name})"
    )


# text set top to bottom (East Asian vertical text, or turned): a layout a template names or
# is mapped to may set its text so (it is fitted and printed so), but one whose text is set
# so is never guessed for slides of points ('Title and Vertical Text', taken for want of a
# 'Title and Content', wrote every point top to bottom)
_VERTICAL = frozenset(
    {"vert", "vert270", "eaVert", "wordArtVert", "wordArtVertRtl", "mongolianVert"}
)


def _vertical(placeholder: object) -> bool:
    """Whether a placeholder sets its text vertically: its body's ``vert`` (the ``orient``
    of its placeholder mark only matches it to the master's, and a layout made from a
    vertical one may set its text across)."""
    element = getattr(placeholder, "_element", None)
    if element is None:
        return False
    body = element.find(f".//{qn('a:bodyPr')}")
    return body is not None and body.get("vert") in _VERTICAL


def choose_layout(layout: SlideLayout) -> LayoutChoice:
    placeholders = sorted(layout.placeholders, key=lambda p: (p.left or 0, p.top or 0))
    title = next((p for p in placeholders if _kind_of(p) == "title"), None)
    subtitle = next((p for p in placeholders if _kind_of(p) == "subtitle"), None)
    bodies = tuple(p for p in placeholders if _kind_of(p) == "body")
    return LayoutChoice(layout, title, bodies, subtitle)


def _turned(choice: LayoutChoice) -> bool:
    """Whether a layout sets its title or text vertically (see _VERTICAL)."""
    return any(_vertical(p) for p in (choice.title, *choice.bodies) if p is not None)


def _fits(choice: LayoutChoice, needs: Iterable[str]) -> bool:
    needs = list(needs)
    bodies = needs.count("body")
    if "title" in needs and choice.title is None:
        return False
    if bodies >= 2:  # side by side: two text places of about one size, not text and caption
        areas = sorted((_area(b) for b in choice.bodies), reverse=True)
        return len(areas) >= bodies and areas[bodies - 1] >= areas[0] * ALIKE
    return len(choice.bodies) >= bodies


def folded_name(name: str) -> str:
    """A layout's name as it is matched: its case and spaces aside."""
    return " ".join(name.split()).casefold()


def _area(placeholder: object, slide: tuple[float, float] | None = None) -> float:
    """The placeholder's area; with the ``slide``'s width and height, of its part on it."""
    width = float(getattr(placeholder, "width", None) or 0)
    height = float(getattr(placeholder, "height", None) or 0)
    if slide is None:
        return width * height
    left = float(getattr(placeholder, "left", None) or 0)
    top = float(getattr(placeholder, "top", None) or 0)
    across = min(left + width, slide[0]) - max(left, 0.0)
    down = min(top + height, slide[1]) - max(top, 0.0)
    return max(across, 0.0) * max(down, 0.0)


class LayoutMap:
    """Slide kind -> layout of the template, checked once before any slide is made."""

    def __init__(self, prs: PresentationType, mapping: dict[str, str], template_name: str):
        self.by_name = {layout.name: layout for layout in prs.slide_layouts}
        self.slide_size = (float(prs.slide_width or 0), float(prs.slide_height or 0))
        # each name as written any other way ('Section header' in a Google Slides export,
        # 'TITLE AND CONTENT'): the usual names, and a mapping's, are found so too
        self._folded: dict[str, str] = {}
        for name in self.by_name:
            self._folded.setdefault(folded_name(name), name)
        # the layouts of the template's other slide masters, which decks are not made on
        # (one master's colours, fonts and styles make the deck): each name and its master
        self.elsewhere = {
            layout.name: n
            for n, master in enumerate(list(prs.slide_masters)[1:], start=2)
            for layout in master.slide_layouts
            if layout.name not in self.by_name
        }
        self.template_name = template_name
        self.mapping = mapping
        self.cache: dict[str, LayoutChoice] = {}
        # kinds of slide no usual layout name took, each with the layout found for it (the
        # first that holds what it needs): said to the trainer, who may mean another
        self.guessed: dict[str, str] = {}
        # of those, the kinds whose slides have text below the title that the layout of a
        # usual name has no place for (a 'Section Header' of a title alone): that layout
        self.textless: dict[str, str] = {}
        self._choices: dict[str, LayoutChoice] = {}  # each layout's placeholders, read once
        problems = []
        for kind, name in mapping.items():
            if self.named(name) is None:
                problems.append(self._missing(kind, name))
            else:
                choice = self._choice(name)
                needs = ROLES[role_of(kind)][0]
                if role_of(kind) == "two-column":  # one text place holds its columns stacked
                    needs = ROLES["content"][0]
                if not _fits(choice, needs):
                    problems.append(self._unfit(kind, name, needs))
        if problems:
            raise ContentError(problems)

    def named(self, name: str) -> str | None:
        """The template's layout of this name, however its case and spaces are written."""
        return name if name in self.by_name else self._folded.get(folded_name(name))

    def _choice(self, name: str) -> LayoutChoice:
        name = self.named(name) or name
        found = self._choices.get(name)
        if found is None:
            found = self._choices[name] = choose_layout(self.by_name[name])
        return found

    def _available(self) -> str:
        return ", ".join(f"'{n}'" for n in self.by_name)

    def _missing(self, kind: str, name: str) -> Problem:
        master = self.elsewhere.get(name)
        if master is not None:
            return Problem(
                None,
                f"slide kind '{kind}' is mapped to layout '{name}', which is in slide master "
                f"{master} of {self.template_name}: a deck is made on its first slide master, "
                f"whose layouts are {self._available()}",
                "in PowerPoint (View > Slide Master), copy the layout into the first slide "
                "master, or move the master you want first; or map the slides to one of the "
                "first master's layouts",
                quote=name,
            )
        return Problem(
            None,
            f"slide kind '{kind}' is mapped to layout '{name}', which {self.template_name} "
            f"does not have; its layouts are {self._available()}",
            did_you_mean(name, self.by_name),
            quote=name,  # found at its entry under settings: deck: layouts:
        )

    def _unfit(self, kind: str, name: str, needs: tuple[str, ...]) -> Problem:
        def placeholders(what: str) -> str:  # "a title placeholder", "2 body placeholders"
            count = needs.count(what)
            article = "an" if what[:1] in "aeiou" else "a"
            return f"{article} {what} placeholder" if count == 1 else f"{count} {what} placeholders"

        wanted = " and ".join(placeholders(n) for n in dict.fromkeys(needs))
        return Problem(
            None,
            f"layout '{name}' of {self.template_name} cannot hold {_a(kind)} slide: it needs "
            f"{wanted}",
            "run 'materials-gen layouts' to see each layout's placeholders, and map "
            f"'{kind}' to another layout under settings: deck: layouts:",
            quote=name,
        )

    def for_kind(self, kind: str, text: bool = False) -> LayoutChoice:
        """The layout of a ``kind`` of slide: the one it is mapped to, else the first of
        its role's usual names that holds what it needs, else the first layout that does.
        A title or section slide with ``text`` below its title (a section's part and
        time) that no mapping places goes to a layout with a place for that text: a
        template saved by LibreOffice has 'Title Only' but no 'Section Header'."""
        key = f"{kind}+text" if text and role_of(kind) in _TEXT_BELOW else kind
        if key in self.cache:
            return self.cache[key]
        choice = self._for_kind(kind)
        if key != kind and not (choice.bodies or choice.subtitle) and not self._mapped(kind):
            needs, defaults = ROLES[role_of(kind)]
            usual = (self.named(n) for n in defaults)
            names = [*(n for n in usual if n is not None), *self.by_name]
            for name in names:
                candidate = self._choice(name)
                if _fits(candidate, needs) and (candidate.bodies or candidate.subtitle):
                    if folded_name(choice.layout.name) in map(folded_name, defaults[:2]):
                        self.textless[kind] = choice.layout.name
                    choice = candidate
                    self.guessed[kind] = name
                    break
        self.cache[key] = choice
        return choice

    def _roomiest(self, needs: tuple[str, ...]) -> LayoutChoice | None:
        """The layout, of those that have what ``needs`` names (none set vertically), with
        the most room for a slide's text: the largest text box (for two columns, the larger
        second one), the first in the template's order of those as large. Taking the first
        that had a body put a slide of points in a section header's strip, continued over
        slide after slide. A slide that needs no body (a cover, a divider) takes the first
        layout without one, else the first that fits."""
        fitting = [
            c for c in (self._choice(n) for n in self.by_name) if not _turned(c) and _fits(c, needs)
        ]
        wanted = needs.count("body")
        if not wanted:
            return next((c for c in fitting if not c.bodies), None) or next(iter(fitting), None)

        def room(choice: LayoutChoice) -> float:
            # the part of each text box on the slide: a box reaching past the edge holds its
            # text there (see layout.Template._on_slide), one wholly off holds none
            areas = (_area(b, self.slide_size) for b in choice.bodies)
            return sorted(areas, reverse=True)[wanted - 1]

        seen = [c for c in fitting if room(c) > 0]
        return max(seen or fitting, key=room, default=None)

    def _mapped(self, kind: str) -> bool:
        return kind in self.mapping or role_of(kind) in self.mapping

    def _for_kind(self, kind: str) -> LayoutChoice:
        if kind in self.cache:
            return self.cache[kind]
        role = role_of(kind)
        needs, defaults = ROLES[role]
        if kind in self.mapping:
            choice = self._choice(self.mapping[kind])
        elif role in self.mapping:
            choice = self._choice(self.mapping[role])
        else:
            choice = None
            # a table or quote slide is a text slide: without a layout of its own name, it
            # goes where 'content' is mapped, rather than to a layout guessed for it
            parent = self.mapping.get(FALLS_BACK.get(role, ""))
            if parent is not None:
                defaults = tuple(n for n in defaults if n not in ROLES["content"][1])
            for name in defaults:
                if self.named(name) and _fits(candidate := self._choice(name), needs):
                    choice = candidate
                    break
            if choice is None and parent is not None and _fits(self._choice(parent), needs):
                choice = self._choice(parent)
            if choice is None:  # no usual name: a layout that has what is needed
                choice = self._roomiest(needs)
                if choice is not None:
                    self.guessed[kind] = choice.layout.name
            if choice is None and role == "two-column":
                # no layout of two text places (a Keynote theme has none): the columns go
                # one under the other, on the layout of a slide of points
                choice = self._for_kind("bullets")
                self.guessed[kind] = choice.layout.name
            if choice is None:
                raise ContentError(
                    [
                        Problem(
                            None,
                            f"no layout of {self.template_name} can hold {_a(kind)} slide; "
                            f"its layouts are {self._available()}",
                            f"map '{kind}' to a layout under settings: deck: layouts:",
                        )
                    ]
                )
        self.cache[kind] = choice
        return choice


# ---------------------------------------------------------------- the built-in template


def _hex(colour: str) -> str:
    return colour.lstrip("#").upper()


def _set_theme(prs: PresentationType, theme: Theme) -> None:
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    part = prs.slide_master.part.part_related_by(RT.THEME)
    root = parse_xml(part.blob)
    c = theme.colors
    scheme = {
        "dk1": c.text,
        "lt1": "#FFFFFF",
        "dk2": c.primary,
        "lt2": c.callout,
        "accent1": c.primary,
        "accent2": c.accent,
        "accent3": c.informed,
        "accent4": c.competent,
        "accent5": c.muted,
        "accent6": c.rule,
        "hlink": c.primary,
        "folHlink": c.competent,
    }
    clr = root.find(f".//{qn('a:clrScheme')}")
    clr.set("name", theme.spec.name)
    for slot, value in scheme.items():
        element = clr.find(qn(f"a:{slot}"))
        for child in list(element):
            element.remove(child)
        element.append(parse_xml(f'<a:srgbClr {nsdecls("a")} val="{_hex(value)}"/>'))
    fonts = root.find(f".//{qn('a:fontScheme')}")
    fonts.set("name", theme.spec.name)
    fonts.find(f"{qn('a:majorFont')}/{qn('a:latin')}").set("typeface", theme.heading_font.name)
    fonts.find(f"{qn('a:minorFont')}/{qn('a:latin')}").set("typeface", theme.body_font.name)
    part._blob = _xml_bytes(root)  # a theme is a plain part in python-pptx: replace its bytes


def _xml_bytes(root: object) -> bytes:
    from lxml import etree

    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _place(shape: object, left: float, top: float, width: float, height: float) -> None:
    shape.left, shape.top = Inches(left), Inches(top)  # type: ignore[attr-defined]
    shape.width, shape.height = Inches(width), Inches(height)  # type: ignore[attr-defined]


def _text_style(
    placeholder: object, size: int, colour: str, bold: bool = False, align: str = "l"
) -> None:
    """Default text of a layout placeholder (what slides built on it inherit)."""
    tx_body = placeholder._element.txBody  # type: ignore[attr-defined]
    old = tx_body.find(qn("a:lstStyle"))
    style = parse_xml(
        f'<a:lstStyle {nsdecls("a")}><a:lvl1pPr algn="{align}" marL="0" indent="0"><a:buNone/>'
        f'<a:defRPr sz="{size * 100}" b="{1 if bold else 0}"><a:solidFill>'
        f'<a:schemeClr val="{colour}"/></a:solidFill></a:defRPr></a:lvl1pPr></a:lstStyle>'
    )
    old.addprevious(style)
    tx_body.remove(old)


def _anchor(placeholder: object, anchor: str) -> None:
    body_pr = placeholder._element.txBody.find(qn("a:bodyPr"))  # type: ignore[attr-defined]
    body_pr.set("anchor", anchor)


def _rectangle(
    layout: SlideLayout,
    shape_id: int,
    name: str,
    box: tuple[float, float, float, float],
    colour: str,
) -> None:
    """A decorative filled rectangle drawn behind a layout's placeholders."""
    left, top, width, height = (int(Inches(v)) for v in box)
    sp = parse_xml(
        f'<p:sp {nsdecls("p", "a")}><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/>'
        '<p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr>'
        f'<a:xfrm><a:off x="{left}" y="{top}"/><a:ext cx="{width}" cy="{height}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        f'<a:solidFill><a:schemeClr val="{colour}"/></a:solidFill><a:ln><a:noFill/></a:ln>'
        "</p:spPr></p:sp>"
    )
    mark_decorative(sp.find(f"{qn('p:nvSpPr')}/{qn('p:cNvPr')}"))
    tree = layout.shapes._spTree  # type: ignore[attr-defined]
    tree.insert(2, sp)  # after the group's own properties: behind every placeholder


# the built-in design's table style: its own id, so that PowerPoint never takes it for one
# of its own (a deck written on the design, or on the design saved by deck-template, names
# it as the tables' style)
TABLE_STYLE = "{7A6C1C35-4E63-4D2E-9C3B-5A0F8E2D6B11}"


def _table_style(prs: PresentationType, theme: Theme) -> None:
    """The design's default table style, in the theme's table colours as the handout draws
    a table: the header row in ``table_header`` with text in white, then rows plain and in
    ``table_stripe`` by turns, white lines between the cells."""
    ink = theme.palette_for("colour")

    def rgb(value: str) -> str:
        return f'<a:srgbClr val="{value.lstrip("#")[:6].upper()}"/>'

    line = f'<a:ln w="12700" cmpd="sng"><a:solidFill>{rgb(ink.paper)}</a:solidFill></a:ln>'
    borders = "".join(
        f"<a:{edge}>{line}</a:{edge}>"
        for edge in ("left", "right", "top", "bottom", "insideH", "insideV")
    )

    def cells(fill: str, edges: str = "") -> str:
        filled = f"<a:fill><a:solidFill>{rgb(fill)}</a:solidFill></a:fill>"
        return f"<a:tcStyle><a:tcBdr>{edges}</a:tcBdr>{filled}</a:tcStyle>"

    def words(colour: str, bold: str = "") -> str:
        font = '<a:fontRef idx="minor"><a:prstClr val="black"/></a:fontRef>'
        return f"<a:tcTxStyle{bold}>{font}{rgb(colour)}</a:tcTxStyle>"

    text, head = words(ink.text), words(ink.on_primary, ' b="on"')
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<a:tblStyleLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        f'def="{TABLE_STYLE}"><a:tblStyle styleId="{TABLE_STYLE}" styleName="materials-gen">'
        f"<a:wholeTbl>{text}{cells(ink.paper, borders)}</a:wholeTbl>"
        f"<a:band1H>{cells(ink.table_stripe)}</a:band1H>"
        f"<a:firstRow>{head}{cells(ink.table_header)}</a:firstRow>"
        "</a:tblStyle></a:tblStyleLst>"
    )
    for part in prs.part.package.iter_parts():
        if str(part.partname) == "/ppt/tableStyles.xml":
            part._blob = xml.encode("utf-8")  # noqa: SLF001 (python-pptx keeps it as bytes)


def _master_styles(prs: PresentationType) -> None:
    """Titles in the primary colour, bullets in the accent colour, body text in text colour."""
    master = prs.slide_master._element
    styles = master.find(qn("p:txStyles"))
    title = styles.find(f"{qn('p:titleStyle')}/{qn('a:lvl1pPr')}")
    title.set("algn", "l")
    run = title.find(qn("a:defRPr"))
    run.set("sz", "3600")
    run.set("b", "1")
    run.find(f"{qn('a:solidFill')}/{qn('a:schemeClr')}").set("val", "accent1")
    body = styles.find(qn("p:bodyStyle"))
    for level in body:
        run = level.find(qn("a:defRPr"))
        if run is None:
            continue
        char = level.find(qn("a:buChar"))
        if char is not None:
            colour = element("a:buClr")
            colour.append(element("a:schemeClr", val="accent2"))
            put(level, colour)


def builtin_presentation(theme: Theme, aspect: str) -> PresentationType:
    """The built-in template, drawn for ``aspect`` with the theme's colours and fonts."""
    prs = Presentation()
    width = WIDTHS[aspect]
    prs.slide_width, prs.slide_height = width, HEIGHT
    # the size's name as PowerPoint's Design > Slide Size says it: python-pptx's template
    # names its own 4:3 size, which a 16:9 deck kept (PowerPoint names no widescreen size)
    size = prs.part._element.find(qn("p:sldSz"))  # noqa: SLF001 (python-pptx has no API)
    if size is not None and aspect != "4:3":
        size.attrib.pop("type", None)
    w = Emu(width).inches
    m = 0.6  # side margin, inches
    inner = w - 2 * m
    _set_theme(prs, theme)
    _master_styles(prs)
    _table_style(prs, theme)

    layouts = {layout.name: layout for layout in prs.slide_layouts}
    keep = {
        "Title Slide",
        "Title and Content",
        "Section Header",
        "Two Content",
        "Title Only",
        "Title and Vertical Text",
        "Blank",
    }
    for name, layout in layouts.items():
        if name not in keep:
            prs.slide_layouts.remove(layout)

    def footer_row(layout: SlideLayout, colour: str = "accent5") -> None:
        for ph in layout.placeholders:
            kind = ph.placeholder_format.type
            if kind == PP_PLACEHOLDER.FOOTER:
                _place(ph, m, 6.95, inner - 3.9, 0.35)
                _text_style(ph, 11, colour)
            elif kind == PP_PLACEHOLDER.SLIDE_NUMBER:
                _place(ph, w - m - 1.2, 6.95, 1.2, 0.35)
                _text_style(ph, 11, colour, align="r")
            elif kind == PP_PLACEHOLDER.DATE:
                _place(ph, w - m - 3.6, 6.95, 2.2, 0.35)
                _text_style(ph, 11, colour, align="r")

    master = prs.slide_master
    for ph in master.placeholders:
        kind = ph.placeholder_format.type
        if kind == PP_PLACEHOLDER.TITLE:
            _place(ph, m, 0.35, inner, 1.05)
        elif kind == PP_PLACEHOLDER.BODY:
            _place(ph, m, 1.6, inner, 5.1)
    footer_row(master)

    def titled(layout: SlideLayout) -> None:
        for ph in layout.placeholders:
            if ph.placeholder_format.type in TITLE_TYPES:
                _place(ph, m, 0.35, inner, 1.05)
                _anchor(ph, "b")
        _rectangle(layout, 90, TITLE_RULE, (m, 1.45, 1.4, 0.06), "accent2")
        footer_row(layout)

    title_slide = layouts["Title Slide"]
    title_slide.background.fill.solid()
    title_slide.background.fill.fore_color.rgb = _rgb(theme.colors.primary)
    for ph in title_slide.placeholders:
        kind = ph.placeholder_format.type
        if kind == PP_PLACEHOLDER.CENTER_TITLE:
            _place(ph, m + 0.2, 1.7, inner - 0.4, 2.3)
            _text_style(ph, 44, "bg1", bold=True)
            _anchor(ph, "b")
        elif kind == PP_PLACEHOLDER.SUBTITLE:
            _place(ph, m + 0.2, 4.35, inner - 0.4, 1.9)
            _text_style(ph, 24, "bg1")
            _anchor(ph, "t")
    _rectangle(title_slide, 90, "Accent bar", (m + 0.2, 4.15, 2.0, 0.08), "accent2")
    footer_row(title_slide, "bg1")

    content = layouts["Title and Content"]
    titled(content)
    for ph in content.placeholders:
        if ph.placeholder_format.type in BODY_TYPES:
            _place(ph, m, 1.7, inner, 5.1)

    two = layouts["Two Content"]
    titled(two)
    gap = 0.5
    half = (inner - gap) / 2
    bodies = sorted(
        (p for p in two.placeholders if p.placeholder_format.type in BODY_TYPES),
        key=lambda p: p.left,
    )
    for ph, left in zip(bodies, (m, m + half + gap), strict=True):
        _place(ph, left, 1.7, half, 5.1)

    titled(layouts["Title Only"])

    section = layouts["Section Header"]
    section.background.fill.solid()
    section.background.fill.fore_color.rgb = _rgb(theme.colors.primary)
    for ph in section.placeholders:
        kind = ph.placeholder_format.type
        if kind in TITLE_TYPES:
            _place(ph, m + 0.2, 2.2, inner - 0.4, 1.8)
            _text_style(ph, 40, "bg1", bold=True)
            _anchor(ph, "b")
        elif kind in BODY_TYPES:
            _place(ph, m + 0.2, 4.35, inner - 0.4, 1.3)
            _text_style(ph, 22, "bg1")
            _anchor(ph, "t")
    _rectangle(section, 90, "Accent bar", (m + 0.2, 4.15, 2.0, 0.08), "accent2")
    footer_row(section, "bg1")

    quote = layouts["Title and Vertical Text"]
    quote._element.cSld.set("name", "Quote")
    for ph in quote.placeholders:
        kind = ph.placeholder_format.type
        if kind in TITLE_TYPES:
            _place(ph, m, 0.35, inner, 1.05)
            _anchor(ph, "b")
        elif kind in BODY_TYPES:
            body_pr = ph._element.txBody.find(qn("a:bodyPr"))
            body_pr.attrib.pop("vert", None)
            # its text across, as its kind says (a slide's placeholder made from it was
            # named "Vertical Text Placeholder" in PowerPoint's Selection Pane)
            ph._element.nvSpPr.nvPr.find(qn("p:ph")).attrib.pop("orient", None)
            ph._element.nvSpPr.cNvPr.set("name", "Quote Text")
            _place(ph, m + 0.9, 1.9, inner - 1.8, 4.2)
            _text_style(ph, 32, "accent1", align="l")
            _anchor(ph, "ctr")
    _rectangle(quote, 90, "Quote bar", (m + 0.55, 2.1, 0.1, 3.8), "accent2")
    footer_row(quote)
    footer_row(layouts["Blank"])
    return prs


def _rgb(colour: str) -> object:
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(_hex(colour))


# What a designer reads in the template file's properties (File > Info in PowerPoint).
DESIGNER_NOTE = (
    "The built-in deck design of materials-gen. Restyle it under View > Slide Master: "
    "colours, fonts, backgrounds, logo. Keep each layout's name and its placeholders "
    "(title, text, footer, slide number): the decks are made from them."
)


def builtin_template_bytes(theme: Theme, aspect: str, template: bool = False) -> bytes:
    """The built-in template as an editable .pptx (``materials-gen deck-template``), or, with
    ``template``, as a PowerPoint template (.potx): the same parts, labelled a template, as
    PowerPoint opens a .potx (a .potx labelled a presentation is one PowerPoint may refuse).

    The same presentation a build draws its decks on, so that a file written here and used
    unchanged as ``--deck-template`` gives the same look; with a sample slide of each
    layout (see _samples), without the bare template's thumbnail, with fixed dates: the
    same theme gives the same bytes.
    """
    import datetime as dt

    from .ooxml import package_bytes

    prs = builtin_presentation(theme, aspect)
    _samples(prs)
    when = dt.datetime(2000, 1, 1)
    props = prs.core_properties
    props.title = f"{theme.spec.name} deck template ({aspect})"
    props.subject = "Deck template for materials-gen"
    props.comments = DESIGNER_NOTE
    props.author = props.last_modified_by = "materials-gen"
    props.created = props.modified = when
    props.revision = 1
    package = prs.part.package
    for rel in list(package._rels.values()):  # noqa: SLF001
        if rel.reltype.endswith("/thumbnail"):
            package._rels.pop(rel.rId)  # noqa: SLF001
    data = package_bytes(package, when.date(), leave_out=frozenset({"docProps/thumbnail.jpeg"}))
    return _relabelled(data, _PRESENTATION_TYPE, _TEMPLATE_TYPE) if template else data


SAMPLE_NOTE = "A sample of this layout, to see it while restyling: decks leave it out."


def _samples(prs: Any) -> None:
    """A slide of each layout, its title the layout's name: a designer sees each one, and a
    file without slides lost its whole design when opened and saved in LibreOffice Impress
    (one plain master, the theme's colours gone). Builds leave a template's slides out
    (deck._drop_slides)."""
    for layout in prs.slide_layouts:
        slide = prs.slides.add_slide(layout)
        texts = [p for p in slide.placeholders if p.placeholder_format.type not in TITLE_TYPES]
        if slide.shapes.title is not None:
            slide.shapes.title.text = str(layout.name)
        for placeholder in texts[:1]:
            if placeholder.has_text_frame:
                placeholder.text_frame.text = SAMPLE_NOTE


def _a(kind: str) -> str:
    """A slide kind with its article: "an 'agenda'", "a 'bullets'"."""
    return f"{'an' if kind[:1].lower() in 'aeiou' else 'a'} '{kind}'"
