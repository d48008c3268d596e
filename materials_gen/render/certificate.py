"""Certificates of completion: one landscape page per attendee, in one PDF ready to print.

Each ``::: certificate`` div of the document is a page: its second-level heading is the
attendee's name, its third-level heading the course, and its paragraphs the lines between.
Names are drawn in the theme's font, or, for scripts it lacks (Chinese, Japanese, Korean),
in the matching Noto Sans font that ships with materials-gen.
"""

from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from ..document import Div, Document, Heading, plain
from ..document import Paragraph as MdParagraph
from ..errors import ContentError, Problem
from ..meta import document_meta
from ..roster import shown
from ..theme import FontFamily, Theme
from . import RenderOptions, RenderResult
from .pdf import PAPER, Fonts, PdfPalette, Stamp, markup, printable

FALLBACKS = ("Noto Sans SC", "Noto Sans JP", "Noto Sans KR")
# the name and lines shrink together, in these steps, until the page holds them
SCALES = (1.0, 0.85, 0.7, 0.6, 0.5)


def _fallback(name: str, main: Fonts) -> Fonts | None:
    """A font that can draw every character of ``name`` the main font cannot."""
    import rendercv_fonts

    missing = main.missing(name)
    if not missing:
        return main
    folder = Path(rendercv_fonts.__file__).parent / "Noto Sans"
    for family in FALLBACKS:
        stem = family.replace(" ", "")
        regular, bold = folder / f"{stem}-Regular.ttf", folder / f"{stem}-Bold.ttf"
        if not regular.is_file():
            continue
        fonts = Fonts(
            FontFamily(
                name=family,
                regular=regular,
                bold=bold if bold.is_file() else regular,
                italic=regular,
                bold_italic=bold if bold.is_file() else regular,
            )
        )
        if not fonts.missing(name):
            return fonts
    return None


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
) -> tuple[list[tuple[Paragraph, float]], list[float]]:
    """The certificate's paragraphs, with their heights, shrunk in steps until they fit ``room``.

    The name is plain text, escaped for ReportLab's markup and never interpreted; the other
    lines come from the template's Markdown. A long name shrinks with the lines around it.
    ``fonts`` are the name's, the heading's and the body's; ``inks`` the same roles' colours.
    """
    name_font, heading, body = fonts
    name_ink, heading_ink, body_ink = inks
    # the longest word of the name, at 1 pt: a size at which it fits is never split
    widest = max((stringWidth(w, name_font.bold, 1) for w in name.split()), default=0)
    for scale in SCALES:
        name_style = _style("name", name_font.bold, 40 * scale, 48 * scale, name_ink)
        placed = [(Paragraph(escape(name), name_style), 14 * scale)]
        for block in certificate.children:
            if isinstance(block, Heading):
                course = _style("course", heading.bold, 24 * scale, 30 * scale, heading_ink)
                placed.append((Paragraph(markup(block.children), course), 12 * scale))
            elif isinstance(block, MdParagraph):
                line = _style("line", body.regular, 14 * scale, 20 * scale, body_ink)
                placed.append((Paragraph(markup(block.children), line), 8 * scale))
        heights = [p.wrap(width, room)[1] for p, _ in placed]
        fits = sum(heights) + sum(g for _, g in placed[:-1]) <= room
        if fits and widest * 40 * scale <= width:
            break
    return placed, heights


def render(document: Document, theme: Theme, options: RenderOptions) -> RenderResult:
    """One page per certificate div, landscape, on the handout's paper size."""
    body, heading = Fonts(theme.body_font), Fonts(theme.heading_font)
    certificates = [b for b in document.blocks if isinstance(b, Div) and b.has("certificate")]
    # names are drawn with a fallback font when needed; the rest must be printable as is
    names = [
        next((plain(c.children) for c in d.children if isinstance(c, Heading) and c.level == 2), "")
        for d in certificates
    ]
    fallbacks = [_fallback(n, heading) for n in names]
    # everything but the names must print in the theme's fonts
    without_names = Document(
        document.meta,
        tuple(
            Div(b.classes, b.attrs, tuple(c for c in b.children if not _is_name(c)))
            for b in certificates
        ),
    )
    document, warnings = printable(without_names, [body, heading])
    certificates = list(document.blocks)
    width, height = PAPER[options.paper][1], PAPER[options.paper][0]
    ink = PdfPalette.of(theme.palette)
    primary, accent, muted = ink.primary, ink.accent, ink.muted
    meta = document_meta(document.meta)
    buffer = io.BytesIO()
    canvas = Stamp(meta, options.generator).canvas(body.regular)(buffer, pagesize=(width, height))
    unprintable: list[str] = []
    for certificate, name, fonts in zip(certificates, names, fallbacks, strict=True):
        margin = 0.5 * inch
        canvas.setStrokeColor(primary)
        canvas.setLineWidth(6)
        canvas.rect(margin, margin, width - 2 * margin, height - 2 * margin)
        canvas.setStrokeColor(accent)
        canvas.setLineWidth(1.5)
        canvas.rect(margin + 10, margin + 10, width - 2 * margin - 20, height - 2 * margin - 20)
        canvas.setFillColor(primary)
        canvas.setFont(heading.bold, 14)
        canvas.drawCentredString(width / 2, height - 1.25 * inch, meta.organization)
        canvas.setFont(body.regular, 12)
        canvas.setFillColor(muted)
        canvas.drawCentredString(width / 2, height - 1.6 * inch, meta.kind_label.upper())
        inner = width - 3 * inch
        font = fonts or heading
        if fonts is None:  # no font has every character: show what can be shown
            unprintable.append(name)
            name = "".join("?" if ch in heading.missing(name) else ch for ch in name)
        top, bottom = height - 2.3 * inch, 1.6 * inch
        placed, heights = _fitted(
            name,
            certificate,
            (font, heading, body),
            (primary, ink.text, muted),
            inner,
            top - bottom,
        )
        total = sum(heights) + sum(g for _, g in placed[:-1])
        if total > top - bottom:
            raise ContentError(
                [
                    Problem(
                        None,
                        f"the certificate for '{shown(name)}' does not fit on one page",
                        "shorten the course title or the lines of the certificates template",
                    )
                ]
            )
        # the lines centred in the space between the heading and the signatures
        y = bottom + (top - bottom + total) / 2
        for (para, gap), h in zip(placed, heights, strict=True):
            para.drawOn(canvas, 1.5 * inch, y - h)
            y -= h + gap
        canvas.setStrokeColor(muted)
        canvas.setLineWidth(0.8)
        canvas.line(1.6 * inch, 1.3 * inch, 4.6 * inch, 1.3 * inch)
        canvas.line(width - 4.6 * inch, 1.3 * inch, width - 1.6 * inch, 1.3 * inch)
        canvas.setFont(body.regular, 10)
        canvas.setFillColor(muted)
        canvas.drawCentredString(3.1 * inch, 1.1 * inch, "Trainer's signature")
        canvas.drawCentredString(width - 3.1 * inch, 1.1 * inch, "Date")
        # the stamp every printed page carries: which course, audience, version and date
        canvas.setFont(body.regular, 7)
        stamp = " \u00b7 ".join(
            x for x in (meta.footer_left, meta.version_label, meta.long_date) if x
        )
        canvas.drawCentredString(width / 2, margin + 17, stamp)
        canvas.showPage()
    canvas.save()
    if unprintable:
        names = ", ".join(shown(n) for n in unprintable)
        warnings = (*warnings, f"no font here can draw the names {names}")
    return RenderResult(data=buffer.getvalue(), pages=len(certificates), warnings=warnings)
