"""A paragraph's lines are broken once per width (render/pdf.py Paragraph.wrap): asked again,
as a table asks to size a row and again to draw each cell, it answers without breaking them
again, and the page is drawn exactly as when the lines are broken each time."""

from __future__ import annotations

import io

import pytest
from reportlab import platypus
from reportlab.lib.pagesizes import A5
from reportlab.lib.styles import ParagraphStyle

from materials_gen.render import pdf
from materials_gen.render.fonts import Fonts
from materials_gen.theme import load_theme

from .conftest import PROJECTS

WORDS = (
    "Trauma-informed care asks every employee to notice distress, keep people safe and "
    "avoid re-traumatisation; trauma-competent care adds clinical skills and treatment."
)


def _story(fonts: Fonts, header: str) -> list[platypus.Flowable]:
    """A table long enough for two pages, its first row repeated on each, between paragraphs
    that are split across pages too."""
    style = ParagraphStyle("body", fontName=fonts.regular, fontSize=10, leading=13)
    cell = pdf.Paragraph
    rows = [[cell(header, style), cell(header, style)]]
    rows += [[cell(f"{n}. {WORDS}", style), cell(WORDS[: 20 + n], style)] for n in range(40)]
    return [
        pdf.Paragraph(" ".join([WORDS] * 3), style),
        platypus.Table(rows, colWidths=[150, 150], repeatRows=1),
        pdf.Paragraph(" ".join([WORDS] * 12), style),
    ]


def _drawn(fonts: Fonts, header: str) -> bytes:
    out = io.BytesIO()
    doc = platypus.SimpleDocTemplate(out, pagesize=A5, invariant=1)
    doc.build(_story(fonts, header))
    return out.getvalue()


@pytest.fixture(scope="module")
def fonts() -> Fonts:
    return Fonts(load_theme(PROJECTS / "minimal").body_font)


def test_lines_are_broken_once_per_width_and_drawn_the_same(
    fonts: Fonts, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = []
    plain = platypus.Paragraph.breakLines

    def counted(self: platypus.Paragraph, widths: list[float]) -> object:
        broken.append(self)
        return plain(self, widths)

    monkeypatch.setattr(platypus.Paragraph, "breakLines", counted)
    kept = _drawn(fonts, "Who does what")
    once = len(broken)
    broken.clear()
    monkeypatch.setattr(pdf.Paragraph, "wrap", platypus.Paragraph.wrap)
    every_time = _drawn(fonts, "Who does what")
    assert kept == every_time  # the same pages, byte for byte
    assert once < len(broken) * 0.6  # each cell was broken for sizing and again for drawing


def test_a_right_to_left_paragraph_drawn_twice_reads_the_same_both_times(fonts: Fonts) -> None:
    """Drawing turns the words of a right-to-left line round where they are kept, so such a
    paragraph's lines are broken afresh each time it is asked (a table's header row is
    drawn again on every page): the second drawing reads as the first."""
    from reportlab.pdfgen.canvas import Canvas

    style = ParagraphStyle("body", fontName=fonts.regular, fontSize=10, leading=13)
    paragraph = pdf.Paragraph("<b>מי</b> עושה <i>מה</i> in the team", style)
    drawings = []
    for _ in range(2):
        out = io.BytesIO()
        canvas = Canvas(out, invariant=1)
        paragraph.wrapOn(canvas, 300, 100)
        paragraph.drawOn(canvas, 20, 700)
        canvas.save()
        drawings.append(out.getvalue())
    assert drawings[0] == drawings[1]


@pytest.mark.parametrize(
    ("size", "column", "text"),
    [
        (
            10.5,
            478,
            "the approaches and their application, with the example to see: <b>https://www."
            "example.org/trauma-informed-care/resources/for-every-member-of-staff/and-every-"
            "audience/index.html</b> now",
        ),
        (
            10,
            120,
            "Trauma-informed care \u3068\u306f\u3001\u3059\u3079\u3066\u306e\u8077"
            "\u54e1\u304c\u82e6\u75db\u306b\u6c17\u3065\u304f\u3053\u3068\u3067\u3059",
        ),
        (
            10,
            88.2,
            " ".join(
                [
                    "Trau\xadma-in\xadformed care asks <b>every</b> em\xadploy\xadee to no\xadtice"
                    " dis\xadtress con\xadsis\xadtent\xadly"
                ]
                * 2
            ),
        ),
    ],
    ids=["a long address", "Japanese after English", "soft hyphens"],
)
def test_a_paragraph_whose_breaking_cut_a_word_is_drawn_as_reportlab_draws_it(
    fonts: Fonts, monkeypatch: pytest.MonkeyPatch, size: float, column: float, text: str
) -> None:
    """ReportLab breaks a paragraph whose breaking cut a word (too long for its line, or at a
    soft hyphen) again from the pieces, which can give other lines: such a paragraph's
    lines are not kept, and a table cell is drawn exactly as without keeping any."""

    def drawn() -> bytes:
        style = ParagraphStyle("body", fontName=fonts.regular, fontSize=size, leading=size * 1.3)
        out = io.BytesIO()
        table = platypus.Table([[pdf.Paragraph(text, style)]], colWidths=[column])
        platypus.SimpleDocTemplate(out, invariant=1).build([table])
        return out.getvalue()

    kept = drawn()
    monkeypatch.setattr(pdf.Paragraph, "wrap", platypus.Paragraph.wrap)
    assert kept == drawn()


# ---------------------------------------------------------------- texts without markup


def _fragments(paragraph: platypus.Paragraph) -> list[dict[str, object]]:
    return [dict(vars(f)) for f in paragraph.frags]


class _Parsed(pdf.Paragraph):
    """The same paragraph with every text run through ReportLab's parser."""

    _setup = platypus.Paragraph._setup


def test_a_text_with_markup_is_still_parsed() -> None:
    """Tags and entities go through ReportLab's parser as before: bold stays bold, an entity
    is its character."""
    fonts = Fonts(load_theme(PROJECTS / "minimal").body_font)
    style = ParagraphStyle("body", fontName=fonts.regular, fontSize=10, leading=13)
    ours = pdf.Paragraph("Safety <b>first</b> &amp; always", style)
    assert "".join(f.text for f in ours.frags) == "Safety first & always"
    assert [f.bold for f in ours.frags if f.text == "first"] == [1]
    assert _fragments(ours) == _fragments(_Parsed("Safety <b>first</b> &amp; always", style))


def _lines(paragraph: platypus.Paragraph, width: float) -> list[str]:
    """The lines a PDF paragraph breaks into at ``width``, as text."""
    paragraph.wrap(width, 10_000)
    found = []
    for line in paragraph.blPara.lines:
        words = line[1] if isinstance(line, tuple) else line.words
        found.append(" ".join(w if isinstance(w, str) else w.text for w in words))
    return found


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u2007"])
def test_a_no_break_space_never_breaks_a_printed_line(fonts: Fonts, space: str) -> None:
    """Babel writes "9:00 AM" and French numbers with a narrow no-break space, which
    ReportLab would break at: every no-break space keeps its words on one line, at any
    width (the guide's time column once printed "9:00 AM–9:05" / "AM")."""
    style = ParagraphStyle("cell", fontName=fonts.regular, fontSize=10, leading=12)
    text = f"From 9:00{space}AM–9:05{space}AM then 1{space}000 steps"
    for width in range(90, 250, 3):  # at least as wide as "9:00 AM–9:05 AM"
        lines = _lines(pdf.Paragraph(text, style), width)
        joined = "\n".join(lines)
        assert "9:00\u00a0AM–9:05\u00a0AM" in joined and "1\u00a0000" in joined, (width, lines)


@pytest.mark.parametrize("space", ["\u00a0", "\u202f"])
def test_a_bound_phrase_too_long_for_its_line_breaks_at_its_spaces(
    fonts: Fonts, space: str
) -> None:
    """A date kept whole by no-break spaces in a cell narrower than it (a large-print
    sign-in sheet's date column): it breaks at its own spaces, never inside a word or a
    number ("23 de -" / "sep-" / "tiem-" / "bre -" / "de 202" / "6")."""
    from materials_gen.glyphs import writing

    style = ParagraphStyle("cell", fontName=fonts.regular, fontSize=10, leading=12)
    date = space.join(["23", "de", "septiembre", "de", "2026"])
    widest = pdf.stringWidth("septiembre", fonts.regular, 10)
    with writing("es"):
        for width in (widest + 2, widest + 20, widest + 40):
            paragraph = pdf.Paragraph(f"Fecha: {date}", style)
            lines = _lines(paragraph, width)
            words = " ".join(lines).replace(space, " ").split()
            assert words == ["Fecha:", "23", "de", "septiembre", "de", "2026"], (width, lines)
            assert "\u00ad" not in "".join(f.text for f in paragraph.frags)


def test_an_arabic_date_too_long_for_its_line_breaks_at_its_spaces(fonts: Fonts) -> None:
    """An Arabic paragraph never cuts a word (it would part joined letters), so a date kept
    whole ran on past its cell; it breaks between its words instead."""
    import datetime as dt

    from materials_gen.glyphs import writing
    from materials_gen.i18n import long_date

    style = ParagraphStyle("cell", fontName=fonts.regular, fontSize=10, leading=12)
    date = long_date(dt.date(2026, 9, 23), "ar")
    assert "\u00a0" in date  # kept whole where a line holds it
    width = pdf.stringWidth("سبتمبر", fonts.regular, 10) + 8
    with writing("ar"):
        lines = _lines(pdf.Paragraph(f"التاريخ {date}", style), width)
    assert len(lines) == 3, lines  # the day beside the word for "date"; month; year


def test_a_word_s_brackets_stay_with_its_last_syllable(fonts: Fonts) -> None:
    """A header word too long for its column is hyphenated where Spanish allows; what
    follows its letters stays with them: "Capacitador(a)" never leaves "r(a)" alone on a
    line."""
    from materials_gen.glyphs import writing

    style = ParagraphStyle("cell", fontName=fonts.bold, fontSize=12, leading=14)
    whole = pdf.stringWidth("Capacitador(a)", fonts.bold, 12)
    with writing("es"):
        for width in (whole * 0.55, whole * 0.7, whole * 0.85):
            lines = _lines(pdf.Paragraph("Capacitador(a)", style), width)
            assert len(lines) > 1 and lines[-1].endswith("dor(a)"), (width, lines)


def _lines(paragraph: platypus.Paragraph, width: float) -> list[str]:
    paragraph.wrap(width, 1e6)
    found = []
    for line in paragraph.blPara.lines:
        words = line[1] if isinstance(line, tuple) else line.words
        found.append(" ".join(str(w.text if hasattr(w, "text") else w) for w in words))
    return found


@pytest.mark.parametrize(
    ("language", "text", "width", "expected"),
    [
        # German words too long for a narrow column: hyphenated where German allows
        (
            "de",
            "Reizreduzierung Interventionsmöglichkeiten",
            70,
            ["Reizreduzie-", "rung Interven-", "tionsmöglich-", "keiten"],
        ),
        # a word the column holds moves to the next line whole, never hyphenated
        ("de", "Team oder Abteilung", 60, ["Team oder", "Abteilung"]),
        # a word with its own hyphen breaks after it, not at a syllable
        (
            "en-GB",
            "Evidence-based trauma-competent providers",
            80,
            ["Evidence-based", "trauma-", "competent", "providers"],
        ),
    ],
    ids=["overlong", "fits", "own-hyphen"],
)
def test_only_a_word_too_long_for_any_line_is_hyphenated(
    fonts: Fonts, language: str, text: str, width: float, expected: list[str]
) -> None:
    """ReportLab cut a word too long for its line wherever the line ended ("Interventionsmög"
    / "lichkeiten", "Deeskalationsmanagem" / "ent") and without a hyphen; such a word now
    breaks at a point of the language's hyphenation dictionary, with a hyphen, and no other
    word is hyphenated."""
    from materials_gen.glyphs import writing

    style = ParagraphStyle("cell", fontName=fonts.regular, fontSize=10, leading=13)
    with writing(language):
        assert _lines(pdf.Paragraph(text, style), width) == expected


def test_a_compound_of_more_than_a_hundred_letters_is_hyphenated(fonts: Fonts) -> None:
    """A German compound of 112 letters, longer than a whole line, was cut wherever each
    line ended and without a hyphen ("...witwenren" / "tenversicherungs..."): words were
    taken to be at most 100 letters. Each line now ends at a point of the dictionary, with
    a hyphen, and every letter is kept."""
    from materials_gen.glyphs import writing

    word = (
        "Donaudampfschiffahrtsgesellschaftskapitänswitwenrentenversicherungsanspruchs"
        "berechtigungsüberprüfungsverfahren"
    )
    assert len(word) > 100
    style = ParagraphStyle("body", fontName=fonts.regular, fontSize=10, leading=13)
    with writing("de"):
        lines = _lines(pdf.Paragraph(f"Lies {word} allein.", style), 200)
    inside = [line for line in lines if line.strip("-").replace("\u00ad", "") in word]
    assert len(inside) >= 2, lines
    assert all(line.endswith(("-", "\u00ad")) for line in lines[1:-1]), lines
    joined = "".join(lines).replace("\u00ad", "").replace("-", "")
    assert joined.replace(" ", "") == f"Lies{word}allein.", lines


def test_a_string_of_letters_no_word_is_cut_where_lines_end_not_hyphenated(
    fonts: Fonts,
) -> None:
    """A "word" of 40,000 letters got a soft hyphen at each of its breaking points, and
    ReportLab measured every piece for every line: the build ran for minutes. Such a string
    is no word: it is cut where each line ends, every letter kept."""
    from materials_gen.glyphs import writing

    letters = "abcdefghij" * 300
    style = ParagraphStyle("body", fontName=fonts.regular, fontSize=10, leading=13)
    with writing("en-US"):
        paragraph = pdf.Paragraph(f"Start {letters} end.", style)
        lines = _lines(paragraph, 300)
    assert "\u00ad" not in "".join(f.text for f in paragraph.frags)
    assert "".join(lines).replace(" ", "") == f"Start{letters}end."


@pytest.mark.parametrize("linked", [False, True], ids=["plain", "link"])
def test_a_web_address_too_long_for_a_line_breaks_where_a_style_guide_breaks_it(
    fonts: Fonts, linked: bool
) -> None:
    """A web address longer than its line (a large-print table's cell) was cut wherever the
    line ended, starting on the line of the words before it: "...with a URL http" /
    "s://example.org/long/path/to/som" / "ething/...". It starts a line of its own, and each
    line ends after its "//" or before a slash, a dot, a hyphen or a query's mark."""
    from materials_gen.glyphs import writing

    address = "https://www.samhsa.gov/trauma-violence/trauma-informed-approach?lang=en"
    shown = f'<a href="{address}">{address}</a>' if linked else address
    style = ParagraphStyle("cell", fontName=fonts.regular, fontSize=10, leading=12)
    widest = pdf.stringWidth("https://www.samhsa", fonts.regular, 10)
    with writing("en-US"):
        for width in (widest + 1, widest + 25, widest + 60, widest + 120):
            lines = _lines(pdf.Paragraph(f"See the guidance at {shown}", style), width)
            start = next(n for n, line in enumerate(lines) if "http" in line)
            assert lines[start].startswith("https://"), (width, lines)
            assert "".join(lines[start:]) == address, (width, lines)
            for line in lines[start + 1 :]:
                assert line[0] in "/.-?=", (width, lines)


@pytest.mark.parametrize("opening", ["(", "[", "\u201c"])
def test_an_address_in_brackets_breaks_as_an_address(fonts: Fonts, opening: str) -> None:
    """A link's address is printed in brackets after its words, "(https://...)": read as a
    word, not an address, it was cut wherever the line ended ("(https://examp" /
    "le.org/front_desk...") or after its hyphens. It breaks as the address does."""
    from materials_gen.glyphs import writing

    closing = {"(": ")", "[": "]", "\u201c": "\u201d"}[opening]
    address = "https://example.org/front_desk/another-folder/guide_v2.pdf"
    written = f"{opening}{address}{closing}"
    assert pdf._break_pieces(written)[0] == f"{opening}https://"
    style = ParagraphStyle("cell", fontName=fonts.regular, fontSize=10, leading=12)
    widest = pdf.stringWidth("(https://example", fonts.regular, 10)
    with writing("en-US"):
        for width in (widest + 1, widest + 25, widest + 60):
            lines = _lines(pdf.Paragraph(f"See the guide {written}", style), width)
            start = next(n for n, line in enumerate(lines) if "http" in line)
            assert lines[start].startswith(f"{opening}https://"), (width, lines)
            assert "".join(lines[start:]) == written, (width, lines)
            for line in lines[start + 1 :]:
                assert line[0] in "/.-_", (width, lines)


def test_a_link_s_underline_runs_below_its_underscores(fonts: Fonts) -> None:
    """A link's underline was drawn across the underscore of the words it underlines:
    "reception_team@example.org" printed as "reception team@example.org", which a reader
    of paper types wrong. It runs below the lowest point of the face's underscore."""
    import re

    from fontTools.pens.boundsPen import BoundsPen
    from fontTools.ttLib import TTFont
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfgen.canvas import Canvas

    from materials_gen.document import Link, Text

    face = TTFont(pdfmetrics.getFont(fonts.regular).face.filename)
    glyphs, pen = face.getGlyphSet(), BoundsPen(face.getGlyphSet())
    glyphs[face.getBestCmap()[ord("_")]].draw(pen)
    lowest = pen.bounds[1] / face["head"].unitsPerEm  # of the size
    size = 10
    link = Link(href="mailto:reception_team@example.org", children=(Text("reception_team"),))
    style = ParagraphStyle("body", fontName=fonts.regular, fontSize=size, leading=13)
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A5, pageCompression=0, invariant=1)
    paragraph = pdf.Paragraph(pdf.markup((link,)), style)
    paragraph.wrapOn(canvas, 300, 100)
    paragraph.drawOn(canvas, 50, 400)
    canvas.showPage()
    canvas.save()
    data = out.getvalue()
    page = data[data.index(b"1 0 0 1 50 400 cm") :].decode("latin-1")  # the paragraph's
    number = r"(-?[\d.]+)"
    placed = re.search(rf"BT 1 0 0 1 {number} {number} Tm", page)
    drawn = re.search(rf"(?:{number} w\s[^B]*?)?{number} {number} m {number} {number} l S", page)
    assert placed and drawn, page
    baseline = float(placed.group(2))
    width, y = float(drawn.group(1) or 1), float(drawn.group(3))  # (1 pt unless set)
    assert y + width / 2 < baseline + lowest * size, (y, width, baseline, lowest)
