"""Certificates of completion: one landscape page per attendee, in one PDF ready to print.

Each ``::: certificate`` div of the document is a page: its second-level heading is the
attendee's name, its third-level heading the course, and its paragraphs the lines between.
Names are drawn in the theme's font, and characters it lacks (Chinese, Japanese, Korean) in
the matching Noto Sans face that ships with materials-gen (see :mod:`materials_gen.glyphs`).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import partial
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch

from ..document import Block, Div, Document, Heading, plain
from ..document import Paragraph as MdParagraph
from ..errors import ContentError, Problem
from ..fit import ROLES, Blame, problem, start_of, too_long, unbreakable
from ..glyphs import SUBSTITUTE, draw_string, invisible, undrawable, writing
from ..glyphs import width as text_width
from ..i18n import label
from ..meta import DocumentMeta, document_meta
from ..reading_order import isolated_join
from ..roster import shown
from ..theme import Theme
from . import RenderOptions, RenderResult
from .pdf import PAPER, Fonts, Lines, Paragraph, PdfPalette, Stamp, fit_lines, markup, printable
from .tagging import Structure, finish, paragraph_text, spoken, written_order
from .unprinted import stop_at_unprinted

MARGIN = 0.5 * inch  # the page's edge to its outer frame
TOP, BOTTOM = 2.3 * inch, 1.6 * inch  # the lines' room: below the heading, above signatures

# the name shrinks, then the name and the lines together, in these steps, until the page
# holds them
SCALES = (1.0, 0.85, 0.7, 0.6, 0.5)


def _longest_line(certificate: Div) -> str:
    """The longest text of a certificate but the name: the likeliest reason it cannot fit."""
    texts = [
        plain(c.children)
        for c in certificate.children
        if isinstance(c, (Heading, MdParagraph)) and not _is_name(c)
    ]
    return max(texts, key=len, default="")


def _is_name(block: object) -> bool:
    return isinstance(block, Heading) and block.level == 2


def _style(role: str, font: str, size: float, leading: float, ink: colors.Color) -> ParagraphStyle:
    return ParagraphStyle(
        role, fontName=font, fontSize=size, leading=leading, alignment=TA_CENTER, textColor=ink
    )


def _fitted(
    name: str,
    certificate: Div,
    fonts: tuple[Fonts, Fonts, Fonts],
    inks: tuple[colors.Color, colors.Color, colors.Color],
    width: float,
    room: float,
) -> tuple[list[tuple[Paragraph, float]], list[float]] | None:
    """The certificate's paragraphs, with their heights, shrunk in steps until they fit ``room``.

    The name is plain text, escaped for ReportLab's markup and never interpreted; the other
    lines come from the template's Markdown. A long name shrinks on its own, then with the
    lines around it, each to its role's floor (:data:`materials_gen.fit.ROLES`) and no
    further; None when even then the page cannot hold them.
    ``fonts`` are the name's, the heading's and the body's; ``inks`` the same roles' colours.
    """
    name_font, heading, body = fonts
    name_ink, heading_ink, body_ink = inks
    name_role, text_role = ROLES["certificate-name"], ROLES["certificate-text"]
    # the longest word of the name, at 1 pt: a size at which it fits is never split
    widest = max((text_width(p, name_font.bold, 1) for p in unbreakable(name)), default=0)
    # the name alone first, so that a batch's certificates look alike but for their names;
    # the lines around it only when the name at its smallest still leaves no room
    steps = [(1.0, s) for s in SCALES] + [(s, s) for s in SCALES[1:]]
    for scale, named in steps:
        size = max(name_role.floor, name_role.largest * named)
        name_style = _style("name", name_font.bold, size, size * 1.2, name_ink)
        placed = [(Paragraph(escape(name), name_style), 14 * scale)]
        for block in certificate.children:
            if isinstance(block, Heading):
                big = max(text_role.floor, 24 * scale)
                course = _style("course", heading.bold, big, big * 1.25, heading_ink)
                placed.append((Paragraph(markup(block.children), course), 12 * scale))
            elif isinstance(block, MdParagraph):
                small = max(text_role.floor, text_role.largest * scale)
                line = _style("line", body.regular, small, small * 1.43, body_ink)
                placed.append((Paragraph(markup(block.children), line), 8 * scale))
        heights = [p.wrap(width, room)[1] for p, _ in placed]
        fits = sum(heights) + sum(g for _, g in placed[:-1]) <= room
        # at the name's floor, a word of it wider than a line (a name written as one word)
        # is broken where the line ends, and the lines around it keep their size: shrinking
        # them would not make the word fit (they were all set at half their size)
        if fits and (widest * size <= width or size <= name_role.floor):
            return placed, heights
    return (placed, heights) if fits else None


def _header(text: str, font: str, size: float, width: float, meta: DocumentMeta) -> Lines:
    """A line of the certificate's heading (the organization, the kind), shrunk to the text
    floor, then on two lines; past that the build stops naming it."""
    floor = ROLES["certificate-text"].floor
    found = fit_lines(text, font, width, (size, min(size, floor)), lines=1, most=2)
    if found is None:
        blame = Blame("the certificates", meta.audience)
        raise ContentError([too_long(blame, (int(size), int(floor)), text, "the page")])
    return found


def render(document: Document, theme: Theme, options: RenderOptions) -> RenderResult:
    """One page per certificate div, landscape, on the handout's paper size."""
    with writing(document_meta(document.meta).language, options.source_texts):  # Han: its face
        return _render(_laid_out(document, theme, options), options)


def check_fits(document: Document, theme: Theme, options: RenderOptions) -> None:
    """Stop, as rendering would, when a certificate or its heading or footer cannot fit its
    page (``check --roster``); nothing is drawn."""
    with writing(document_meta(document.meta).language):
        _laid_out(document, theme, options)


PRINTS = (
    "a certificate prints its name (its first '## ' heading), its other headings and its paragraphs"
)
ELSEWHERE_HINT = (
    "write it as a paragraph of a certificate (inside its '::: certificate' box, with no "
    "'- ', '|' or '>' before it) in templates/certificates.md.j2, or leave it out"
)


def _never_left_off(document: Document) -> None:
    """Stop at each block with text no certificate would print: a list, a table, a second
    name heading, text outside every certificate (see unprinted.py)."""
    blame = Blame("the certificates", document_meta(document.meta).audience)
    left: list[tuple[Block, str]] = []
    for block in document.blocks:
        if not (isinstance(block, Div) and block.has("certificate")):
            left.append((block, "outside every certificate"))
            continue
        named = False
        for child in block.children:
            if _is_name(child):
                if named:
                    left.append((child, "after a certificate's name, at the name's level"))
                named = True
            elif not isinstance(child, (Heading, MdParagraph)):
                left.append((child, "in a certificate"))
    stop_at_unprinted(blame, left, PRINTS, ELSEWHERE_HINT)


def refuse_marks(document: Document) -> None:
    """Stop when a certificate would print a fact still marked to be filled in
    (``[[fill in the accrediting body]]``, see to_fill.py): other outputs print the mark
    so that it is seen and mended, but a certificate is handed to each person as the proof
    of their training (its approval for continuing education, its contact hours). Each
    mark is named once, at the content's line that holds it."""
    from ..meta import TEXT_FIELDS
    from ..to_fill import MARK

    meta = document_meta(document.meta)
    # what its band, heading and footer print too (the organization's name, the course's)
    texts = [str(getattr(meta, name)) for name in TEXT_FIELDS]
    for certificate in document.blocks:
        for block in getattr(certificate, "children", ()):
            if isinstance(block, (MdParagraph, Heading)):
                texts.append(plain(block.children))
    found: dict[str, Problem] = {}
    for text in texts:
        for mark in MARK.finditer(text):
            written = mark.group(0)
            found.setdefault(
                written,
                problem(
                    Blame("the certificates", meta.audience),
                    f"a certificate would print '{written}': a certificate is proof of "
                    "the training, handed to each person, and prints no fact still to "
                    "be filled in",
                    "replace the whole [[fill in ...]] mark with your organization's own "
                    "fact; until then, build the other outputs by name (--only sign-in, "
                    "for one, prints the roster's names)",
                    quote=written,
                ),
            )
    if found:
        raise ContentError(list(found.values()))


@dataclass(frozen=True)
class _Page:
    """One certificate as it is drawn: the name (characters no face has replaced) and its
    paragraphs at their fitted sizes, each with the gap after it, and their heights."""

    name: str
    placed: list[tuple[Paragraph, float]]
    heights: list[float]


@dataclass(frozen=True)
class _Certificates:
    """Every certificate of a document laid out on its page, and what each page repeats."""

    meta: DocumentMeta
    fonts: tuple[Fonts, Fonts]  # the body's and the heading's
    ink: PdfPalette
    size: tuple[float, float]  # the page's width and height
    organization: Lines
    kind_heading: Lines
    stamp: Lines
    pages: list[_Page]
    warnings: list[Problem]


def _laid_out(document: Document, theme: Theme, options: RenderOptions) -> _Certificates:
    """The certificates fitted to their page; ContentError naming what cannot fit."""
    body, heading = Fonts(theme.body_font), Fonts(theme.heading_font)
    certificates = [b for b in document.blocks if isinstance(b, Div) and b.has("certificate")]
    # names are checked apart: one no font can draw is named in a warning (it is no content
    # line, so the build's check of the sources does not see it)
    names = [
        next((plain(c.children) for c in d.children if isinstance(c, Heading) and c.level == 2), "")
        for d in certificates
    ]
    faces = [heading.bold, heading.regular]
    # everything but the names: characters no face has are replaced
    without_names = Document(
        document.meta,
        tuple(
            Div(b.classes, b.attrs, tuple(c for c in b.children if not _is_name(c)))
            for b in certificates
        ),
    )
    _never_left_off(document)
    refuse_marks(without_names)
    document, warnings = printable(without_names, [body, heading], fallback=True)
    certificates = list(document.blocks)
    width, height = PAPER[options.paper][1], PAPER[options.paper][0]
    ink = PdfPalette.of(theme.palette_for(options.printing))
    meta = document_meta(document.meta)
    inner = width - 3 * inch
    organization = _header(meta.organization, heading.bold, 14, inner, meta)
    kind_heading = _header(meta.kind_label.upper(), body.regular, 12, inner, meta)
    floor = ROLES["footer"].floor
    stamped = isolated_join((meta.footer_left, meta.version_label, meta.long_date))
    stamp = fit_lines(stamped, body.regular, width - 2 * MARGIN - 40, (floor, floor), most=2)
    if stamp is None:
        blame = Blame("the certificates", meta.audience)
        hint = "shorten the course title or the organization's name"
        raise ContentError([too_long(blame, (floor, floor), stamped, "the page's footer", hint)])
    fonts = (heading, heading, body)
    inks = (ink.primary, ink.text, ink.muted)
    room = height - TOP - BOTTOM  # between the heading and the signatures
    pages = []
    for certificate, name in zip(certificates, names, strict=True):
        gone = undrawable(name, faces)
        if gone:  # no face has every character: show what can be shown
            name = "".join(
                ("" if invisible(ch) else SUBSTITUTE) if ch in gone else ch for ch in name
            )
        fitted = _fitted(name, certificate, fonts, inks, inner, room)
        if fitted is None:
            # one name's certificate, or every one's: the lines around a name of one line
            anyone = _fitted("M", certificate, fonts, inks, inner, room) is None
            whose = (
                "no certificate fits"
                if anyone
                else f"the certificate for '{start_of(shown(name))}' does not fit"
            )
            raise ContentError(
                [
                    problem(
                        Blame("the certificates", meta.audience),
                        f"{whose} on one page, even with the name at "
                        f"{ROLES['certificate-name'].floor:g} pt and the lines at "
                        f"{ROLES['certificate-text'].floor:g} pt",
                        "shorten the longest line the certificates show (the course title, "
                        "the trainers' names, the audience's name, the organization's)"
                        + ("" if anyone else ", or the name in the roster"),
                        quote=_longest_line(certificate),
                    )
                ]
            )
        pages.append(_Page(name, *fitted))
    return _Certificates(
        meta,
        (body, heading),
        ink,
        (width, height),
        organization,
        kind_heading,
        stamp,
        pages,
        warnings,
    )


def _render(laid: _Certificates, options: RenderOptions) -> RenderResult:
    """The certificates drawn, one to a page, tagged."""
    meta, (body, _), (width, height) = laid.meta, laid.fonts, laid.size
    ink = laid.ink
    primary, accent, muted = ink.primary, ink.accent, ink.muted
    buffer = io.BytesIO()
    about = Stamp(meta, options.generator)  # the file's metadata
    canvas = about.canvas(body.regular)(buffer, pagesize=(width, height))
    structure = Structure()  # tagged: a section per certificate (see tagging.py)
    margin = MARGIN
    extra = laid.organization.height - laid.organization.leading  # a second line moves it
    top, bottom = height - TOP, BOTTOM
    for page in laid.pages:
        name = page.name
        section = structure.root.add("Sect", title=label("Certificate for {name}", name=name))
        with structure.artifact(canvas):
            canvas.setStrokeColor(primary)
            canvas.setLineWidth(6)
            canvas.rect(margin, margin, width - 2 * margin, height - 2 * margin)
            canvas.setStrokeColor(accent)
            canvas.setLineWidth(1.5)
            canvas.rect(margin + 10, margin + 10, width - 2 * margin - 20, height - 2 * margin - 20)
        with structure.marked(canvas, section.add("P")):
            canvas.setFillColor(primary)
            laid.organization.draw(canvas, width / 2, height - 1.25 * inch + 14, "centre")
        with structure.marked(canvas, section.add("H1")):
            canvas.setFillColor(muted)
            laid.kind_heading.draw(canvas, width / 2, height - 1.6 * inch + 12 - extra, "centre")
        placed, heights = page.placed, page.heights
        total = sum(heights) + sum(g for _, g in placed[:-1])
        # the lines centred in the space between the heading and the signatures
        y = bottom + (top - bottom + total) / 2
        for (para, gap), h in zip(placed, heights, strict=True):
            kind = {"name": "H2", "course": "H3"}.get(para.style.name, "P")
            element = section.add(kind)
            element.actual = written_order(para)  # a name in Arabic or Hebrew, as written
            spoken(element, partial(paragraph_text, para))  # a title left untranslated
            with structure.marked(canvas, element):
                para.drawOn(canvas, 1.5 * inch, y - h)
            y -= h + gap
        with structure.artifact(canvas):  # the lines to sign on
            canvas.setStrokeColor(muted)
            canvas.setLineWidth(0.8)
            canvas.line(1.6 * inch, 1.3 * inch, 4.6 * inch, 1.3 * inch)
            canvas.line(width - 4.6 * inch, 1.3 * inch, width - 1.6 * inch, 1.3 * inch)
        canvas.setFont(body.regular, 10)
        canvas.setFillColor(muted)
        captions = (label("Trainer's signature"), label("Date"))
        for x, caption in zip((3.1 * inch, width - 3.1 * inch), captions, strict=True):
            with structure.marked(canvas, section.add("P")):
                draw_string(canvas, x, 1.1 * inch, caption, body.regular, 10, "centre")
        # the stamp every printed page carries: which course, audience, version and date
        with structure.artifact(canvas, "Pagination"):
            laid.stamp.draw(canvas, width / 2, margin + 17 + laid.stamp.height, "centre")
        canvas.showPage()
    canvas.save()
    data = finish(
        buffer.getvalue(), structure, about.document_title, meta.language, options.generator
    )
    return RenderResult(data=data, pages=len(laid.pages), warnings=laid.warnings)
