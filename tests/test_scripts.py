"""Any name, any script: Chinese, Japanese and Korean print in every output, in the shipped
Noto Sans faces; only a character no shipped face has is replaced, and named once, with the
file and line it is on."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from pypdf import PdfReader

from materials_gen import glyphs
from materials_gen.build import BuildOptions, build
from materials_gen.load import load_project
from materials_gen.theme import load_theme

from .conftest import PROJECTS, edit, libreoffice_pdf, run, tool

CHINESE, JAPANESE, KOREAN = "王小明", "安全な場所を作りましょう", "안전한 공간을 만듭시다"
CHARM = "A charm \U0001f9ff by the door"  # U+1F9FF NAZAR AMULET: in no shipped face
INTRO = Path("content") / "modules" / "intro.md"
PDF_KINDS = ("handout", "slides", "notes-pages", "guide")
A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def _with_scripts(project: Path) -> None:
    """Three scripts and a character no face has, as objectives (every output shows them)."""
    edit(
        project / INTRO,
        "  - Name one way to make a room feel safer\n",
        "  - Name one way to make a room feel safer\n"
        f"  - {CHINESE}\n  - {JAPANESE}\n  - {KOREAN}\n  - {CHARM}\n",
    )
    edit(project / INTRO, "notes: Say hello and explain the session.", f"notes: Say {JAPANESE}.")


@pytest.fixture(scope="module")
def scripts_build(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The minimal project with CJK objectives, built once: each output by kind."""
    folder = tmp_path_factory.mktemp("scripts")
    project = folder / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    _with_scripts(project)
    options = BuildOptions(
        output=folder / "out", audiences=("all-staff",), kinds=(*PDF_KINDS, "deck")
    )
    report = build(project, options)
    return {b.target.kind.name: b.path for b in report.built}


def _text(path: Path) -> str:
    return run(tool("pdftotext"), str(path), "-").stdout


def _embedded(path: Path) -> dict[str, str]:
    """pdffonts: each font's name (without its subset tag) -> its 'emb' column."""
    lines = run(tool("pdffonts"), str(path)).stdout.splitlines()[2:]
    return {line.split()[0].split("+")[-1]: line.split()[-5] for line in lines}


@pytest.mark.parametrize("kind", PDF_KINDS)
def test_cjk_text_prints_in_every_pdf(scripts_build: dict[str, Path], kind: str) -> None:
    text = _text(scripts_build[kind])
    for phrase in (CHINESE, JAPANESE, KOREAN):
        assert phrase in text, f"{phrase} missing from the {kind}"
    assert "???" not in text
    fonts = _embedded(scripts_build[kind])
    for face in ("NotoSansSC-Regular", "NotoSansJP-Regular", "NotoSansKR-Regular"):
        assert fonts.get(face) == "yes", f"{face} not embedded in the {kind}: {fonts}"


def test_a_character_no_face_has_prints_as_a_question_mark(
    scripts_build: dict[str, Path],
) -> None:
    text = " ".join(_text(scripts_build["handout"]).split())
    assert "A charm ? by the door" in text
    reader = PdfReader(str(scripts_build["handout"]))
    assert "\x00" not in "".join(p.extract_text() or "" for p in reader.pages)


def _runs(xml: bytes) -> list[tuple[str, dict[str, str], str]]:
    """Each DrawingML run of a part: its text, its properties' attributes, its East Asian face."""
    found = []
    for r in ElementTree.fromstring(xml).iter(f"{{{A}}}r"):
        props = r.find(f"{{{A}}}rPr")
        ea = props.find(f"{{{A}}}ea") if props is not None else None
        text = "".join(t.text or "" for t in r.iter(f"{{{A}}}t"))
        attrs = dict(props.attrib) if props is not None else {}
        found.append((text, attrs, ea.get("typeface", "") if ea is not None else ""))
    return found


def test_deck_runs_name_their_east_asian_face_and_language(
    scripts_build: dict[str, Path],
) -> None:
    with zipfile.ZipFile(scripts_build["deck"]) as deck:
        names = deck.namelist()
        slides = [r for n in names if n.startswith("ppt/slides/slide") for r in _runs(deck.read(n))]
        notes = [r for n in names if n.startswith("ppt/notesSlides/") for r in _runs(deck.read(n))]
    for phrase, face, lang in (
        (CHINESE, "Noto Sans SC", "zh-CN"),
        (JAPANESE, "Noto Sans JP", "ja-JP"),
        (KOREAN, "Noto Sans KR", "ko-KR"),
    ):
        (attrs, ea), *_ = [(a, e) for text, a, e in slides if text == phrase]
        assert attrs.get("lang") == lang and ea == face
    # "Say 安全な...": the Latin word keeps the deck's language, the run names its face
    (attrs, ea), *_ = [(a, e) for text, a, e in notes if f"Say {JAPANESE}" in text]
    assert attrs.get("altLang") == "ja-JP" and ea == "Noto Sans JP"
    assert attrs.get("lang", "").startswith("en-")  # the Latin word's language, said
    # Latin text is left as the template sets it
    assert all(not e for text, _, e in slides if text.isascii())


@pytest.mark.slow
def test_libreoffice_draws_the_deck_s_cjk_runs(
    scripts_build: dict[str, Path], tmp_path: Path
) -> None:
    """Converted by LibreOffice (which finds the faces the runs name), the characters survive."""
    pdf, _ = libreoffice_pdf(scripts_build["deck"], tmp_path)
    text = _text(pdf)
    for phrase in (CHINESE, JAPANESE, KOREAN):
        assert phrase in text


def test_an_undrawable_character_is_named_once_with_its_line(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    _with_scripts(project)
    (warning,) = glyphs.unprintable(load_project(project), load_theme(project))
    line = next(
        n for n, text in enumerate((project / INTRO).read_text().split("\n"), 1) if CHARM in text
    )
    assert str(warning.location) == f"{INTRO.as_posix()}:{line}"
    assert "U+1F9FF" in warning.message and warning.severity == "warning"
    assert "print as '?'" in warning.message
    # CJK, accents and typographic quotes are drawn: they are named nowhere
    assert "U+738B" not in warning.message


def test_a_private_use_character_in_a_template_is_named_with_the_template_line(
    tmp_path: Path,
) -> None:
    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    (project / "templates").mkdir()
    (project / "templates" / "handout.md.j2").write_text("# Notes\n\nA mark \ue000 here\n")
    (warning,) = glyphs.unprintable(load_project(project), load_theme(project))
    assert str(warning.location) == "templates/handout.md.j2:3"
    assert "U+E000" in warning.message


def test_a_private_use_character_is_named_after_text_was_shaped_in_the_same_face(
    tmp_path: Path,
) -> None:
    """Shaping text (Devanagari, Arabic) gives glyphs without a character of their own
    private-use code points in the face's map; the check reads the map the font file has,
    so a build after one that shaped text (watch, preview) still names U+E000."""
    from reportlab.pdfbase import pdfmetrics

    from materials_gen.render.fonts import Fonts

    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    (project / "templates").mkdir()
    (project / "templates" / "handout.md.j2").write_text("# Notes\n\nA mark \ue000 here\n")
    theme = load_theme(project)
    maps = [
        pdfmetrics.getFont(name).face.charToGlyph
        for family in (theme.body_font, theme.heading_font)
        for name in (Fonts(family).regular, Fonts(family).bold)
    ]
    added = [m for m in maps if 0xE000 not in m]
    for table in added:
        table[0xE000] = 1  # as shaping leaves it
    try:
        (warning,) = glyphs.unprintable(load_project(project), theme)
    finally:
        for table in added:
            table.pop(0xE000, None)
    assert "U+E000" in warning.message


def test_a_font_file_replaced_between_two_builds_in_one_process_is_checked_anew(
    tmp_path: Path,
) -> None:
    """As `watch` and `preview` build again in one process: the theme's font files replaced
    since the last check (the same names) are the ones the next check reads."""
    import rendercv_fonts

    shipped = Path(rendercv_fonts.__file__).parent
    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    fonts = project / "templates" / "fonts"
    fonts.mkdir(parents=True)
    styles = {"regular": "Regular", "bold": "Bold", "italic": "Italic", "bold_italic": "BoldItalic"}
    lines = "".join(f"    {k}: fonts/MyFont-{v}.ttf\n" for k, v in styles.items())
    (project / "templates" / "theme.yaml").write_text(
        f"fonts:\n  body:\n{lines}  heading:\n{lines}", encoding="utf-8"
    )
    (project / "templates" / "handout.md.j2").write_text("# Notes\n\nA mark \uf000 here\n")

    def fonts_of(family: str, stem: str) -> None:
        for style in styles.values():
            (fonts / f"MyFont-{style}.ttf").write_bytes(
                (shipped / family / f"{stem}-{style}.ttf").read_bytes()
            )

    fonts_of("Ubuntu", "Ubuntu")  # has a glyph at U+F000
    assert glyphs.unprintable(load_project(project), load_theme(project)) == ()
    fonts_of("Noto Sans", "NotoSans")  # has none
    (warning,) = glyphs.unprintable(load_project(project), load_theme(project))
    assert "U+F000" in warning.message


def test_renderers_no_longer_warn_per_output(scripts_build: dict[str, Path]) -> None:
    """The handout, slides, notes pages and guide of an audience say nothing about the charm
    themselves (the build names its line once), and are made again byte for byte."""
    project = scripts_build["handout"].parent.parent.parent / "project"
    report = build(
        project,
        BuildOptions(output=project.parent / "again", audiences=("all-staff",), kinds=PDF_KINDS),
    )
    from_outputs = [w for w in report.warnings if "U+1F9FF" in w.message and not w.location]
    assert from_outputs == []
    # the same inputs give the same bytes, CJK faces and all
    for built in report.built:
        assert built.path.read_bytes() == scripts_build[built.target.kind.name].read_bytes()


def test_a_plain_project_opens_no_cjk_face(tmp_path: Path) -> None:
    """Nothing to fall back to: the 6 to 10 MB faces are never read."""
    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    assert glyphs.unprintable(load_project(project), load_theme(project)) == ()
    theme = load_theme(project)
    from materials_gen.render.pdf import Fonts

    regular = Fonts(theme.body_font).regular
    assert glyphs.runs("Calm rooms \u2014 \u201csafe\u201d caf\u00e9", regular) == [
        ("Calm rooms \u2014 \u201csafe\u201d caf\u00e9", regular)
    ]


@pytest.mark.parametrize(
    ("text", "language", "face"),
    [
        ("王小明", "", "NotoSansSC"),
        ("王小明", "ja-JP", "NotoSansJP"),
        ("王小明", "ko", "NotoSansKR"),
        ("東京でこんにちは", "zh-CN", "NotoSansJP"),  # kana: Japanese whatever the course says
        ("서울 漢字", "en-US", "NotoSansKR"),  # Hangul beside Han: Korean
    ],
)
def test_han_characters_take_the_face_of_their_script_or_language(
    text: str, language: str, face: str
) -> None:
    theme = load_theme(PROJECTS / "minimal")
    from materials_gen.render.pdf import Fonts

    regular = Fonts(theme.body_font).regular
    drawn = {f for piece, f in glyphs.runs(text, regular, language) if not piece.isspace()}
    assert drawn == {f"mg-{face}-Regular"}


@pytest.mark.parametrize(
    ("text", "language", "face"),
    [
        ("Plan \u2192 act", "", "SourceSans3"),  # an arrow Noto Sans lacks: not a CJK face
        ("\u2610 Ready \u2713", "en-US", "SourceSans3"),  # a box to tick, a tick
        ("\u2265 90%", "es", "SourceSans3"),
        ("\u738b\u2192\u674e", "", "SourceSans3"),  # among Han characters too
        ("Step \u2192 two", "ja-JP", "SourceSans3"),  # in a Japanese course too
        ("\u25a1 Ready", "", "NotoSansSC"),  # a square Source Sans draws bullet-sized
    ],
)
def test_a_symbol_noto_sans_lacks_is_drawn_in_the_small_symbol_face(
    text: str, language: str, face: str
) -> None:
    """Arrows, ticks and boxes to tick come from Source Sans 3 (0.4 MB) rather than a 10 MB
    CJK face, whatever the text around them and the course's language; the geometric shapes
    from a CJK face."""
    theme = load_theme(PROJECTS / "minimal")
    from materials_gen.render.pdf import Fonts

    regular = Fonts(theme.body_font).regular
    symbols = {ch for ch in text if ch in "\u2192\u2610\u2713\u2265\u25a1"}
    drawn = {f for piece, f in glyphs.runs(text, regular, language) if symbols & set(piece)}
    assert drawn == {f"mg-{face}-Regular"}


@pytest.mark.parametrize("language", ["ja-JP", "zh-CN", "en-US"])
def test_a_slide_line_with_symbols_is_drawn_as_wide_as_it_was_measured(language: str) -> None:
    """A deck is laid out (its lines measured) outside the language its printed slides are
    drawn in: an arrow measured in Source Sans 3 and drawn in Noto Sans JP ran a Japanese
    course's printed slide past its edge, and a width kept from an English document was
    given for a Japanese one."""
    from materials_gen.render import RenderOptions
    from materials_gen.render.layout import lay_out

    from .test_slide_handouts import parse

    line = "Plan \u2192 act \u2192 check \u2713 adjust \u2265 plan \u2192 act \u2192 review"
    markdown = (
        f'---\ntitle: "Safe Rooms"\naudience: "All staff"\nlanguage: {language}\n---\n\n'
        f"::::: {{.slide .bullets}}\n## Rooms\n\n- {line}\n- {line} \u2192 {line}\n\n:::::\n"
    )
    theme = load_theme(PROJECTS / "minimal")
    with glyphs.writing("en-US"):  # an English document's widths, kept
        for ch in "\u2192\u2713\u2265":
            glyphs.width(f"act {ch} check", "mg-NotoSans-Regular", 10)
    laid = lay_out(parse(markdown), theme, RenderOptions())
    lines = [line for box in laid.slides[0].boxes for kept in box.lines for line in kept]
    assert lines
    for box in laid.slides[0].boxes:
        for kept in box.lines:
            for shown in kept:
                measured = sum(glyphs.width(t, f, box.size) for t, f in shown.pieces)
                with glyphs.writing(language):
                    drawn = sum(
                        glyphs.piece_width(piece, face, box.size)
                        for t, f in shown.pieces
                        for piece, face in glyphs.runs(t, f)
                    )
                assert drawn == pytest.approx(measured, abs=0.01), shown.text


def test_the_guide_s_boxes_to_tick_open_no_cjk_face(tmp_path: Path) -> None:
    """The facilitator guide's checklists have a box to tick in each row, drawn as the forms
    draw theirs (not the symbol's glyph): a course in English embeds, and so reads, no East
    Asian face."""
    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    report = build(
        project,
        BuildOptions(output=tmp_path / "out", audiences=("all-staff",), kinds=("guide",)),
    )
    (guide,) = [b.path for b in report.built]
    assert "Ready" in _text(guide) and "\u2610" not in _text(guide)
    faces = _embedded(guide)
    assert not [f for f in faces if f.startswith(("NotoSansSC", "NotoSansJP", "NotoSansKR"))]


def test_a_box_to_tick_and_a_tick_typed_in_a_module_print(tmp_path: Path) -> None:
    """No Noto face has the ballot box or the heavy tick a trainer pastes from Word: they
    print, and are not reported as characters no face draws."""
    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    edit(project / "content" / "modules" / "intro.md", "Calm rooms", "\u2610 \u2714 Calm rooms")
    theme = load_theme(project)
    assert glyphs.unprintable(load_project(project), theme) == ()
    from materials_gen.render.pdf import Fonts

    regular = Fonts(theme.body_font).regular
    assert glyphs.runs("\u2610 \u2714 Calm", regular)[0] == (
        "\u2610 \u2714 ",
        "mg-SourceSans3-Regular",
    )


def test_bold_cjk_is_drawn_in_the_bold_face() -> None:
    theme = load_theme(PROJECTS / "minimal")
    from materials_gen.render.pdf import Fonts

    fonts = Fonts(theme.body_font)
    marked = glyphs.fallback_markup(f"<b>{CHINESE}</b> and {CHINESE}", fonts.regular)
    assert f'<b><font name="mg-NotoSansSC-Bold">{CHINESE}</font></b>' in marked
    assert f'and <font name="mg-NotoSansSC-Regular">{CHINESE}</font>' in marked


def test_text_is_measured_in_the_face_it_is_drawn_in() -> None:
    """A CJK character is an em wide in its face; the theme's missing glyph is not."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from materials_gen.fit import Measure, para

    theme = load_theme(PROJECTS / "minimal")
    measure = Measure(theme)
    assert measure.width(CHINESE, 10) == pytest.approx(30, abs=0.5)
    assert stringWidth(CHINESE, measure.fonts.regular, 10) != pytest.approx(30, abs=0.5)
    # text without spaces breaks between its characters rather than running past the box
    lines = measure.wrap(para(JAPANESE * 4), 10, 100)
    assert len(lines) > 1 and all(measure.width(line, 10) <= 100 for line in lines)


def test_roster_names_in_any_script_print_on_certificates(tmp_path: Path) -> None:
    roster = tmp_path / "attendees.csv"
    roster.write_text(
        "name,audience\nさとう はなこ,all-staff\n김민준,all-staff\nAda Lee,all-staff\n",
        encoding="utf-8",
    )
    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    options = BuildOptions(
        output=tmp_path / "out", kinds=("certificates",), audiences=("all-staff",), roster=roster
    )
    report = build(project, options)
    (built,) = report.built
    text = _text(built.path)
    assert "さとう はなこ" in text and "김민준" in text and "Ada Lee" in text
    fonts = _embedded(built.path)
    assert fonts.get("NotoSansJP-Bold") == "yes" and fonts.get("NotoSansKR-Bold") == "yes"
    assert not [w for w in report.warnings if "font" in w.message]


def test_a_styled_word_takes_the_script_of_its_paragraph() -> None:
    """A bold Han word in a Japanese sentence is drawn in the Japanese face, as its
    sentence is (Han characters alone would follow the language: here, Chinese)."""
    from materials_gen.fit import Para, Run
    from materials_gen.render.deck import _paragraph
    from materials_gen.render.pdf import Fonts

    regular = Fonts(load_theme(PROJECTS / "minimal").body_font).regular
    marked = glyphs.fallback_markup("<b>太字</b>を読む", regular)
    assert '<b><font name="mg-NotoSansJP-Bold">太字</font></b>' in marked
    xml = _paragraph(Para((Run("太字", bold=True), Run("を読む"))), 20, 0, True)
    assert xml.count('lang="ja-JP"') == 2 and "zh-CN" not in xml


def test_a_latin_only_theme_font_borrows_greek_from_noto_sans() -> None:
    """A theme font without Greek or Cyrillic (Lato) still prints them, in Noto Sans."""
    from materials_gen.render.pdf import Fonts
    from materials_gen.theme import _builtin_family

    lato = _builtin_family("Lato", None, [])
    assert lato is not None
    fonts = Fonts(lato)
    assert glyphs.runs("Calm Ελληνικά Кириллица", fonts.bold) == [
        ("Calm ", fonts.bold),
        ("Ελληνικά Кириллица", "mg-NotoSans-Bold"),
    ]


def test_a_build_names_an_undrawable_character_once(tmp_path: Path) -> None:
    """Two audiences, four PDFs each: one warning, at the content's line (build and check)."""
    from click.testing import CliRunner

    from materials_gen.cli import main

    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    _with_scripts(project)
    report = build(project, BuildOptions(output=tmp_path / "out", kinds=PDF_KINDS))
    (warning,) = [w for w in report.warnings if "U+1F9FF" in w.message]
    assert warning.location is not None and warning.location.file == INTRO.as_posix()
    result = CliRunner().invoke(main, ["check", "-p", str(project)])
    assert result.output.count("U+1F9FF") == 1 and f"{INTRO.as_posix()}:" in result.output


def test_cjk_text_prints_on_the_poster(tmp_path: Path) -> None:
    """The poster's table draws with the same fallback chain as every other PDF."""
    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    edit(project / "content" / "tables" / "approaches.yaml", "Noticing", f"Noticing {CHINESE}")
    options = BuildOptions(output=tmp_path / "out", audiences=("all-staff",), kinds=("poster",))
    report = build(project, options)
    (poster,) = [b.path for b in report.built]
    assert CHINESE in _text(poster) and "???" not in _text(poster)
    assert _embedded(poster).get("NotoSansSC-Regular") == "yes"
    assert not [w for w in report.warnings if w.severity != "info"]  # no glyph is missing


def _faces_of(path: Path, phrase: str) -> set[str]:
    """The faces that draw the pieces of ``phrase`` on every page (pypdf's text visitor)."""
    faces: set[str] = set()

    def seen(text: str, cm: object, tm: object, font: dict | None, size: float) -> None:
        if font is not None and text.strip() and text.strip() in phrase:
            faces.add(str(font.get("/BaseFont", "")).split("+")[-1])

    for page in PdfReader(str(path)).pages:
        page.extract_text(visitor_text=seen)
    return faces


def test_a_line_wholly_in_chinese_is_drawn_in_the_chinese_face(tmp_path: Path) -> None:
    """A line drawn on its own (a wrapped line of a Chinese title, a Chinese name) with no
    character of the theme's font is drawn in the face that has its characters, not the
    theme's (which would show empty boxes), and the canvas keeps the font it was given."""
    import io

    from reportlab.pdfgen.canvas import Canvas

    from materials_gen.render.fonts import Fonts

    font = Fonts(load_theme(PROJECTS / "minimal").body_font).regular
    out = io.BytesIO()
    canvas = Canvas(out)
    for n, align in enumerate(("left", "centre", "right")):
        glyphs.draw_string(canvas, 300, 700 - 30 * n, CHINESE, font, 12, align)
        assert canvas._fontname == font  # noqa: SLF001
    canvas.save()
    path = tmp_path / "line.pdf"
    path.write_bytes(out.getvalue())
    assert _faces_of(path, CHINESE) == {"NotoSansSC-Regular"}


def test_a_table_column_keeps_a_japanese_word_whole(tmp_path: Path) -> None:
    """A column is at least as wide as its longest word: a Japanese word ("誤り", "解答")
    counts as the dictionary finds it, not one character, so it is never printed one
    character a line beside a wide column of prose."""
    from .test_form_breaks import layout_for
    from .test_page_breaks import HEIGHT, WIDTH, laid_out

    layout = layout_for((WIDTH, HEIGHT), False, "ja")
    prose = "安全な場所を作るために、部屋の明かりと案内表示を見直し、" * 4
    table = f"| # | 問題 | 解答 |\n| --- | --- | --- |\n| 1 | {prose} | 誤り |\n"
    path = tmp_path / "key.pdf"
    path.write_bytes(laid_out(layout, 0, table))
    words = run(tool("pdftotext"), "-bbox", str(path), "-").stdout
    assert ">誤り<" in words and ">解答<" in words, words


def test_a_long_paragraph_of_a_script_written_without_spaces_is_not_a_run(
    tmp_path: Path,
) -> None:
    """Chinese and Thai are written without spaces: a paragraph of 3,000 Chinese or 1,500
    Thai characters is laid out in time growing with its length, and is not refused as a
    run of characters with no space in it (1,000 at most, for other scripts)."""
    from materials_gen.pasted import unbroken_problem

    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    intro = project / "content" / "modules" / "intro.md"
    chinese = "安全的房间让每个人都感到平静。" * 200
    thai = "ห้องที่ปลอดภัยช่วยให้ทุกคนรู้สึกสงบ" * 45
    intro.write_text(intro.read_text(encoding="utf-8") + f"\n\n{chinese}\n\n{thai}\n", "utf-8")
    options = BuildOptions(output=tmp_path / "out", audiences=("all-staff",), kinds=("handout",))
    (made,) = build(project, options).built
    assert chinese[:40] in _text(made.path).replace("\n", "")
    assert unbroken_problem("x" * 1_001) is not None  # a Latin run of the same length is


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("x" * 1_001, "a run of 1,001 characters with no space in it"),
        ("ห" * 12_000, "a run of 12,000 characters with no space in it"),
        ("安" * 500 + "x" * 1_200, "a run of 1,200 characters"),
        ("see [the policy](https://e.org/" + "a" * 3_000 + ").", None),  # its address
        (("x" * 999 + " ") * 2_000, None),  # words just under the limit: read in one pass
        (("](" * 499 + " ") * 2_000, None),
        ("ห" * 9_000 + " " + "安" * 9_000, None),
    ],
    ids=["latin", "thai", "mixed", "link", "near", "brackets", "spaceless"],
)
def test_what_counts_as_a_run_with_no_space(text: str, said: str | None) -> None:
    from materials_gen.pasted import unbroken_problem

    found = unbroken_problem(text)
    assert (found is None) if said is None else (found is not None and said in found[1])


def test_no_printed_line_of_chinese_starts_with_closing_punctuation(
    project: Path, tmp_path: Path
) -> None:
    """A Chinese title in the guide's session plan broke as "...关于虐待" / "、忽视和...":
    Chinese typesetting never starts a line with "、", "。" or a closing bracket, nor ends
    one with an opening bracket. Paragraphs and table cells of every width, each comma at
    another place in its line."""
    phrases = "".join(f"第{n}部分：识别、应对（记录）和转介、" for n in range(1, 9))
    body = "\n\n".join(phrases[k:] + "。" for k in range(0, 24, 2))
    edit(project / INTRO, "Rooms shape how people feel.", body)
    edit(project / INTRO, "title: Welcome to safe rooms", f"title: 成人保护{phrases[:40]}")
    report = build(
        project,
        BuildOptions(output=tmp_path, audiences=("all-staff",), kinds=("handout", "guide")),
    )
    for made in report.built:
        lines = [ln.strip() for ln in _text(made.path).splitlines() if ln.strip()]
        assert len([ln for ln in lines if "、" in ln]) > (20 if "handout" in made.path.name else 3)
        for line in lines:
            assert line[0] not in "、。，）」", (made.path.name, line)
            assert line[-1] not in "（「", (made.path.name, line)


@pytest.mark.parametrize(
    ("text", "cut"),
    [("確認確（済）。", 3), ("確認確認）済。", 3), ("確認確認。済", 3)],
    ids=["opening bracket", "closing bracket", "full stop"],
)
def test_a_piece_longer_than_its_column_is_never_cut_before_closing_punctuation(
    text: str, cut: int
) -> None:
    """A cell "確認（済）。" in a large-print table's narrow column printed "。" alone at the
    start of a line: a piece longer than the column is cut between characters, and the cut
    was made wherever the line was full. The character before goes on with the punctuation;
    an opening bracket never ends a line."""
    from materials_gen.render.pdf import _cuts

    widths = [10.0] * len(text)  # four characters a line
    assert _cuts(widths, [], 40, [40], 0, True, text)[0] == cut
    assert _cuts(widths, [], 40, [40], 0, True)[0] == 4  # without the text: where it is full


@pytest.mark.parametrize(("language", "face"), [("ja-JP", "NotoSansJP"), ("ko", "NotoSansKR")])
def test_han_in_a_label_printed_in_english_takes_the_course_s_face(
    language: str, face: str
) -> None:
    """Han characters alone follow the course's language, also inside one of
    materials-gen's labels printed in English (a course in Japanese has no catalog): the
    label was English, so its Han characters were drawn in Noto Sans SC and said to be
    Chinese."""
    from materials_gen.i18n import Labels, speaking
    from materials_gen.render.pdf import Fonts

    regular = Fonts(load_theme(PROJECTS / "minimal").body_font).regular
    with speaking(Labels(language=language)), glyphs.writing(language):
        for text in ("Objectives: \u5fc3\u7684\u5916\u50b7", "Certificate for \u5c71\u7530"):
            assert glyphs.language_of(text) == "en"  # the label is English...
            assert glyphs.east_asian(text).lang.startswith(language[:2])  # ...its Han not
            drawn = {f for piece, f in glyphs.runs(text, regular) if glyphs.has_cjk(piece)}
            assert drawn == {f"mg-{face}-Regular"}, text


def test_a_japanese_course_s_labels_draw_its_han_in_the_japanese_face(tmp_path: Path) -> None:
    """A module titled in Han characters alone, in a course in Japanese: the deck's
    "Objectives: ..." and "Takeaway: ..." named Noto Sans SC and Chinese for its title, and
    the printed slides drew it in Noto Sans SC."""
    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    edit(project / "content" / "course.yaml", "language: en-GB", "language: ja-JP")
    edit(
        project / "content" / "modules" / "practice.md",
        "Putting it into practice",
        "\u5fc3\u7684\u5916\u50b7",
    )
    options = BuildOptions(
        output=tmp_path / "out", kinds=("deck", "slides"), audiences=("all-staff",)
    )
    built = {b.target.kind.name: b.path for b in build(project, options).built}
    with zipfile.ZipFile(built["deck"]) as deck:
        xml = "".join(
            deck.read(name).decode("utf-8")
            for name in deck.namelist()
            if name.startswith("ppt/slides/slide")
        )
    assert "Objectives: \u5fc3\u7684\u5916\u50b7" in xml
    assert "Noto Sans SC" not in xml and "zh-CN" not in xml
    assert not [f for f in _embedded(built["slides"]) if f.startswith("NotoSansSC")]
    assert _embedded(built["slides"]).get("NotoSansJP-Regular") == "yes"
