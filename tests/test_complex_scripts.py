"""Arabic, Hebrew, Devanagari and Thai on slides: each run names the complex-script face and
language that draw it (``a:cs``), a paragraph that reads from the right says so (``rtl``),
and LibreOffice, a client nobody here wrote, draws them and gives the text back in order."""

from __future__ import annotations

import html
import os
import re
import shutil
import sys
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner
from pptx import Presentation

from materials_gen import glyphs
from materials_gen.build import BuildOptions, build
from materials_gen.cli import main

from .conftest import PROJECTS, append, edit, libreoffice_pdf, powerpoint_findings, run, tool

ARABIC = "اطلب المساعدة من المشرف"  # "ask the supervisor for help"
HEBREW = "בקשו עזרה מהמפקח"
HINDI = "सुरक्षित स्थान बनाएं"
THAI = "สร้างพื้นที่ปลอดภัย"
MIXED = "Call 988 or اتصل بالرقم"  # starts in English: reads from the left
TAMIL = "வணக்கம்"  # a script the PDFs do not lay out yet
INTRO = Path("content") / "modules" / "intro.md"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def minimal_with(folder: Path, objectives: tuple[str, ...], notes: str = "") -> Path:
    """A copy of the minimal project whose first module has ``objectives`` after its first
    (from line 6 of intro.md on, one a line) and, if given, ``notes`` as its speaker notes."""
    project = folder / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    edit(
        project / INTRO,
        "  - Name one way to make a room feel safer\n",
        "  - Name one way to make a room feel safer\n"
        + "".join(f'  - "{text}"\n' for text in objectives),
    )
    if notes:
        edit(project / INTRO, "notes: Say hello and explain the session.", f"notes: {notes}.")
    return project


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal project with an objective in each script and Arabic notes."""
    folder = tmp_path_factory.mktemp("complex")
    return minimal_with(folder, (ARABIC, HEBREW, HINDI, THAI, MIXED), ARABIC)


@pytest.fixture(scope="module")
def deck(project: Path) -> Path:
    options = BuildOptions(output=project / "out", audiences=("all-staff",), kinds=("deck",))
    (built,) = build(project, options).built
    return built.path


def test_pdfs_print_every_script_and_check_names_only_those_they_cannot(
    project: Path, tmp_path: Path
) -> None:
    """Devanagari, Arabic, Hebrew and Thai are shaped (Arabic and Hebrew from the right), so
    check names none of them and the handout prints every word; a script the PDFs do not lay
    out yet (Tamil) would print wrong words letter by letter, so it prints as '?' and check
    names its line once."""
    project = Path(shutil.copytree(project, tmp_path / "project"))
    edit(project / INTRO, f'  - "{MIXED}"\n', f'  - "{MIXED}"\n  - "{TAMIL}"\n')
    result = CliRunner().invoke(main, ["check", "-p", str(project)], env={"NO_COLOR": "1"})
    said = result.output
    assert said.count("content/modules/intro.md:11: warning: Tamil text is not laid out") == 1
    for script in ("Devanagari", "Arabic", "Hebrew", "Thai"):
        assert f"{script} text is not laid out" not in said, said
    options = BuildOptions(output=tmp_path / "out", audiences=("all-staff",), kinds=("handout",))
    (handout,) = build(project, options).built
    text = run(tool("pdftotext"), str(handout.path), "-").stdout
    assert "Name one way to make a room feel safer" in text
    assert not any(glyphs.needs_shaping(c) for c in text)
    for written in (HINDI, THAI):
        assert written in text
    for word in (*ARABIC.split(), *HEBREW.split(), "Call", "988"):
        assert word in _words(handout.path), word
    assert TAMIL not in text and "???????" in text.replace(" ", "")


# Hindi in every place a PDF draws text: a paragraph that starts in English, a bold word,
# a word in brackets, a line of a printed slide, speaker notes, a roster name
DEVANAGARI_TEXTS = (
    "सुरक्षित स्थान बनाएं और हिंदी में निर्देश पढ़िए",
    "Call 988 - प्रशिक्षक (हिंदी) से पूछिए: **निर्देश**",
)
DEVANAGARI_NAMES = ("अनिता शर्मा", "राजेश कुमार")
TITLE = "Safe Rooms: सुरक्षित कमरे"  # in every footer, the poster's title, the sign-in sheet


@pytest.fixture(scope="module")
def hindi(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every PDF of the minimal project with Hindi objectives and notes, and Hindi names on
    the roster: kind -> file."""
    folder = tmp_path_factory.mktemp("hindi")
    project = minimal_with(folder, DEVANAGARI_TEXTS, HINDI)
    edit(project / "content" / "course.yaml", "title: Safe Rooms", f'title: "{TITLE}"')
    roster = folder / "roster.csv"
    roster.write_text("name\n" + "\n".join(DEVANAGARI_NAMES) + "\n", encoding="utf-8")
    options = BuildOptions(output=folder / "out", audiences=("all-staff",), roster=roster)
    return {b.target.kind.name: b.path for b in build(project, options).built}


# the marks pdftotext puts around a run that reads from the right (embedding, isolate)
_DIRECTION_MARKS = {ord(c): " " for c in "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"}


def _words(path: Path) -> list[str]:
    """The words pdftotext gives back; the direction marks it adds part words."""
    return run(tool("pdftotext"), str(path), "-").stdout.translate(_DIRECTION_MARKS).split()


def _text(path: Path) -> str:
    return " ".join(run(tool("pdftotext"), str(path), "-").stdout.split())


@pytest.mark.parametrize("kind", ["handout", "guide", "slides", "notes-pages"])
def test_devanagari_is_shaped_and_read_back_as_written(hindi: dict[str, Path], kind: str) -> None:
    """Shaped, Devanagari's glyphs are in drawing order (the vowel sign i before its
    consonant, conjuncts and reph with no character of their own): each run says the text it
    stands for, so pdftotext gives back every word as written."""
    text = _text(hindi[kind])
    for written in DEVANAGARI_TEXTS:
        assert written.replace("**", "") in text, kind
    assert not any("\ue000" <= c <= "\uf8ff" for c in text)  # no private glyph codes


def test_a_title_in_devanagari_prints_in_every_pdf(hindi: dict[str, Path]) -> None:
    """Footers, headers, the poster's title and the sign-in sheet are lines drawn one by one:
    a line that starts in English is shaped word by word."""
    pdfs = {kind: path for kind, path in hindi.items() if path.suffix == ".pdf"}
    assert len(pdfs) >= 8
    for kind, path in pdfs.items():
        assert TITLE in _text(path), kind


def test_devanagari_is_drawn_shaped(hindi: dict[str, Path]) -> None:
    """The letters are laid out by HarfBuzz: a shaped run's glyphs (conjuncts, the reph, the
    vowel sign ि drawn first) no longer spell its text, so each says the text it stands for
    (a marked Span with /ActualText); drawn letter by letter there would be none."""
    import pikepdf

    said: list[str] = []
    with pikepdf.open(hindi["handout"]) as pdf:
        for page in pdf.pages:
            for operands, operator in pikepdf.parse_content_stream(page):
                if operator == pikepdf.Operator("BDC") and operands[0] == pikepdf.Name.Span:
                    said.append(str(operands[1].ActualText))
    words = " ".join(said)
    for word in ("सुरक्षित", "निर्देश", "प्रशिक्षक"):  # a conjunct, the reph, both
        assert word in words


def test_a_word_that_changes_face_inside_is_shaped_face_by_face(tmp_path: Path) -> None:
    """An italic or bold syllable inside a Hindi word: each face is shaped on its own (Noto
    Sans Italic numbers its glyphs otherwise than Regular), and the word reads back whole."""
    project = minimal_with(tmp_path, ("यह पू*छि*ए है। यह *ज़रूरी*। है और **नि**र्देश",))
    options = BuildOptions(output=tmp_path / "out", audiences=("all-staff",), kinds=("handout",))
    (handout,) = build(project, options).built
    text = _text(handout.path)
    assert "यह पूछिए है। यह ज़रूरी। है और निर्देश" in text
    assert not any("\ue000" <= c <= "\uf8ff" for c in text)


def test_certificates_print_names_in_devanagari(hindi: dict[str, Path]) -> None:
    text = _text(hindi["certificates"])
    for name in DEVANAGARI_NAMES:
        assert name in text
    assert "?" not in text


def _paragraphs(deck: Path, prefix: str) -> list[tuple[str, dict[str, str], list[tuple]]]:
    """Each paragraph of the parts under ``prefix``: its text, its pPr attributes, and its
    runs as (text, rPr attributes, a:cs typeface)."""
    out = []
    with zipfile.ZipFile(deck) as package:
        for name in package.namelist():
            if not name.startswith(prefix) or not name.endswith(".xml"):
                continue
            root = ElementTree.fromstring(package.read(name))
            for p in root.iter(f"{A}p"):
                runs = []
                for r in p.iter(f"{A}r"):
                    props = r.find(f"{A}rPr")
                    attrs = dict(props.attrib) if props is not None else {}
                    cs = props.find(f"{A}cs") if props is not None else None
                    text = "".join(t.text or "" for t in r.iter(f"{A}t"))
                    runs.append((text, attrs, cs.get("typeface") if cs is not None else None))
                ppr = p.find(f"{A}pPr")
                text = "".join(t for t, _, _ in runs)
                out.append((text, dict(ppr.attrib) if ppr is not None else {}, runs))
    return out


def test_each_script_names_its_face_language_and_direction(deck: Path) -> None:
    slides = _paragraphs(deck, "ppt/slides/slide")
    for phrase, face, lang, rtl in (
        (ARABIC, "Noto Sans Arabic", "ar-SA", True),
        (HEBREW, "Noto Sans Hebrew", "he-IL", True),
        (HINDI, "Noto Sans Devanagari", "hi-IN", False),
        (THAI, "Noto Sans Thai", "th-TH", False),
    ):
        (attrs, runs), *_ = [(a, r) for text, a, r in slides if text == phrase]
        assert (attrs.get("rtl") == "1") is rtl, phrase
        # a box aligned left: a paragraph read from the right starts at its right side
        assert (attrs.get("algn") == "r") is rtl, phrase
        ((_, run_attrs, cs),) = runs
        assert run_attrs.get("lang") == lang and cs == face, (phrase, run_attrs, cs)
    # English first: the paragraph reads from the left, the Latin words keep the deck's
    # language and the Arabic is named as the run's other language
    (attrs, runs), *_ = [(a, r) for text, a, r in slides if text == MIXED]
    assert attrs.get("rtl") == "0"  # from the left, whatever the template's styles say
    assert [(a.get("altLang"), cs) for _, a, cs in runs] == [("ar-SA", "Noto Sans Arabic")]
    # ... and says which that is (it had none: a screen reader guessed)
    assert [a.get("lang", "")[:3] for _, a, _ in runs] == ["en-"]
    # Latin text names no complex-script face
    assert all(cs is None for text, _, runs in slides for _, _, cs in runs if text.isascii())


def test_notes_in_arabic_read_from_the_right(deck: Path) -> None:
    notes = _paragraphs(deck, "ppt/notesSlides/")
    (attrs, runs), *_ = [(a, r) for text, a, r in notes if ARABIC in text]
    assert attrs.get("rtl") == "1" and attrs.get("algn") == "r"
    assert any(cs == "Noto Sans Arabic" for _, _, cs in runs)


@pytest.mark.slow
def test_libreoffice_shapes_them_and_gives_the_text_back_in_order(
    deck: Path, tmp_path: Path
) -> None:
    """LibreOffice draws the deck with the faces the runs name (Debian's fonts-noto-core
    has them) and its PDF gives each phrase back in reading order."""
    pdf, _ = libreoffice_pdf(deck, tmp_path)
    text = " ".join(run(tool("pdftotext"), str(pdf), "-").stdout.split())
    for phrase in (ARABIC, HEBREW, HINDI, THAI):
        assert phrase in text, phrase
    fonts = run(tool("pdffonts"), str(pdf)).stdout
    for face in ("NotoSansArabic", "NotoSansHebrew", "NotoSansDevanagari", "NotoSansThai"):
        assert face in fonts, fonts
    assert powerpoint_findings(deck) == []  # the runs' and paragraphs' markup is the schema's


# Arabic and Hebrew in the PDFs: shaped, from the right, in their own faces
ARABIC_TEXTS = (
    "الرعاية المستنيرة بالصدمات تعني أن كل موظف يفهم أثر الصدمة",
    "الوحدة 3 تستغرق 45 دقيقة مع TF-CBT و EMDR",
)
HEBREW_TEXTS = ("כל עובד מבין את השפעת הטראומה ושומר על בטיחות",)
RTL_NAMES = ("محمد عبد الرحمن", "שרה כהן", "अनीता शर्मा", "李小龙")
RTL_TITLE = "غرف آمنة"


@pytest.fixture(scope="module")
def rtl(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every PDF of the minimal project with Arabic and Hebrew objectives, an Arabic title,
    and names in four scripts on the roster: kind -> file."""
    folder = tmp_path_factory.mktemp("rtl")
    project = minimal_with(folder, (*ARABIC_TEXTS, *HEBREW_TEXTS), HEBREW)
    edit(project / "content" / "course.yaml", "title: Safe Rooms", f'title: "{RTL_TITLE}"')
    roster = folder / "roster.csv"
    roster.write_text("name\n" + "\n".join(RTL_NAMES) + "\n", encoding="utf-8")
    options = BuildOptions(output=folder / "out", audiences=("all-staff",), roster=roster)
    return {b.target.kind.name: b.path for b in build(project, options).built}


@pytest.mark.parametrize("kind", ["handout", "guide", "slides", "notes-pages"])
def test_arabic_and_hebrew_are_read_back_word_for_word(rtl: dict[str, Path], kind: str) -> None:
    """Each word comes back from pdftotext as it was written: Arabic's joined letters (its
    dots drawn as marks) and Hebrew's, cluster by cluster, none lost, none private."""
    words = _words(rtl[kind])
    for text in (*ARABIC_TEXTS, *HEBREW_TEXTS):
        for word in text.split():
            assert word in words, (kind, word)
    assert not any("\ue000" <= c <= "\uf8ff" for word in words for c in word)


def test_arabic_and_hebrew_faces_are_embedded(rtl: dict[str, Path]) -> None:
    fonts = run(tool("pdffonts"), str(rtl["handout"])).stdout
    for face in ("NotoSansArabic-Regular", "NotoSansHebrew-Regular"):
        (line,) = [line for line in fonts.splitlines() if face in line]
        assert line.split()[-5:-3] == ["yes", "yes"], line  # embedded, subset


def test_paragraphs_that_start_in_arabic_or_hebrew_read_from_the_right(
    rtl: dict[str, Path],
) -> None:
    """Each line is drawn in the order it is seen: the first word written is the rightmost
    (pdftotext -bbox gives each word's place; it lists a word's letters as drawn, from the
    left), the paragraph is set from the right edge of its column, and pdftotext, which puts
    a line that reads from the right back in the order written, gives back the sentence."""
    handout = rtl["handout"]
    text = " ".join(_words(handout))
    for sentence in (ARABIC_TEXTS[0], *HEBREW_TEXTS):
        assert sentence in text
    boxes = run(tool("pdftotext"), "-bbox", str(handout), "-").stdout
    left = {
        word.translate(_DIRECTION_MARKS).strip(): float(x)
        for x, word in re.findall(r'xMin="([\d.]+)"[^>]*>([^<]*)<', boxes)
    }
    right = {
        word.translate(_DIRECTION_MARKS).strip(): float(x)
        for x, word in re.findall(r'xMax="([\d.]+)"[^>]*>([^<]*)<', boxes)
    }
    first, *_, last = HEBREW_TEXTS[0].split()
    assert left[first[::-1]] > left[last[::-1]] > left["Name"]
    # set from the right: its first word ends near the right edge (a list item's, left of
    # its bullet), far from where the same words set from the left would end
    assert right[first[::-1]] > left["Name"] + 400


def test_a_title_in_arabic_prints_in_every_pdf(rtl: dict[str, Path]) -> None:
    """Footers, the poster's title, the sign-in sheet: lines drawn one by one, right to
    left word by word."""
    pdfs = {kind: path for kind, path in rtl.items() if path.suffix == ".pdf"}
    assert len(pdfs) >= 8
    for kind, path in pdfs.items():
        words = _words(path)
        for word in RTL_TITLE.split():
            assert word in words, kind


def test_certificates_print_arabic_hebrew_hindi_and_chinese_names(rtl: dict[str, Path]) -> None:
    text = " ".join(_words(rtl["certificates"]))
    for name in RTL_NAMES:
        for word in name.split():
            assert word in text, name
    assert "?" not in text


def test_names_and_titles_in_any_script_are_tagged_as_headings(rtl: dict[str, Path]) -> None:
    """A paragraph in Arabic, Hebrew or Devanagari is shaped in a style of its own, which
    lost the name its tag is read from: such a person's name on a certificate was a P where
    a Latin or Chinese one is an H2 (a screen reader's heading list skipped those people),
    and an Arabic title of a handout was no H1."""
    certificates = _element_types(rtl["certificates"])
    assert certificates.count("H2") == len(RTL_NAMES), certificates
    handout = _element_types(rtl["handout"])
    assert handout[handout.index("Document") + 1] == "H1", handout[:5]


def test_brackets_keep_their_words_in_a_line_read_from_the_right() -> None:
    """ "محمد عبد الله (Mo) 2024" on a certificate was drawn "Mo) 2024) محمد عبد الله": the
    algorithm that orders the line did not pair brackets, so "Mo" and "2024" made one run
    and both brackets faced one way. Paired (rule N0), "Mo" stands alone between them: seen
    from the left, 2024, then (Mo), then the name."""
    from materials_gen.reading_order import runs_seen

    seen = runs_seen([(None, "محمد عبد الله (Mo) 2024")], right_to_left=True)
    assert [(text, backwards) for _, text, backwards in seen] == [
        ("2024", False),
        (") ", True),  # drawn from the right, mirrored: " ("
        ("Mo", False),
        ("محمد عبد الله (", True),  # its bracket mirrored: ")"
    ]
    # a sentence wholly in English in an Arabic paragraph stays whole, brackets and all
    (whole,) = runs_seen([(None, "EMDR (Eye Movement Desensitization)")], right_to_left=True)
    assert whole[1:] == ("EMDR (Eye Movement Desensitization)", False)


def test_arabic_and_hebrew_are_read_in_the_order_written_by_a_screen_reader(
    rtl: dict[str, Path],
) -> None:
    """Glyphs are drawn from the left, so the page's content holds each Arabic or Hebrew
    word backwards: a screen reader reading the tags met "ةيبيردتلا" for "التدريبية". Each
    element holding such text gives it as written (its ActualText)."""
    for kind, expected in (
        ("handout", (*ARABIC_TEXTS, *HEBREW_TEXTS)),
        ("certificates", RTL_NAMES[:2]),
    ):
        said = _actual_texts(rtl[kind])
        for text in expected:
            assert any(text in s for s in said), (kind, text, said[:4])


@pytest.mark.parametrize("kind", ["slides", "notes-pages", "sign-in", "handout", "guide"])
def test_text_set_in_pieces_is_read_in_the_order_written_too(
    rtl: dict[str, Path], kind: str
) -> None:
    """Only whole paragraphs of a story gave their words as written: a table cell, a
    contents entry, a printed slide's title and lines were read as drawn, each Arabic word
    backwards ("ةنمآ فرغ" for "غرف آمنة"). Every element holding Arabic or Hebrew gives its
    text as written, whatever draws it."""
    said = _actual_texts(rtl[kind])
    if kind in ("slides", "notes-pages"):  # the title slide's title, the objectives' lines
        expected = (RTL_TITLE, *ARABIC_TEXTS, *HEBREW_TEXTS)
    elif kind == "sign-in":  # the course's title in the sheet's table
        expected = (RTL_TITLE,)
    else:  # the session plan's title cell, and the rest as before
        expected = (RTL_TITLE, *ARABIC_TEXTS)
    for text in expected:
        assert any(text in s for s in said), (kind, text, said[:6])
    backwards = [s for s in said if RTL_TITLE[::-1] in s]
    assert not backwards, backwards


def _actual_texts(path: Path) -> list[str]:
    """The ActualText of a PDF's structure elements, in reading order."""
    return [t for t in _elements(path, lambda e: str(e.get("/ActualText", ""))) if t]


def _element_types(path: Path) -> list[str]:
    """The types of a PDF's structure elements, in reading order."""
    return _elements(path, lambda e: str(e.S)[1:])


def _elements(path: Path, read: Callable[[Any], str]) -> list[str]:
    """What ``read`` reads of each of a PDF's structure elements, in reading order."""
    import pikepdf

    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, pikepdf.Array):
            for kid in node:
                walk(kid)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            found.append(read(node))
            walk(node.get("/K", pikepdf.Array()))

    with pikepdf.open(path) as pdf:
        walk(pdf.Root.StructTreeRoot.K)
    return found


# Thai in the PDFs: shaped, in Noto Sans Thai, its lines broken between words
THAI_LONG = (
    "การดูแลที่คำนึงถึงบาดแผลทางใจหมายความว่าพนักงานทุกคนเข้าใจผลกระทบของบาดแผลทางใจ"
    "และรักษาความปลอดภัยของทุกคนในห้องเรียนและที่ทำงาน"
)
THAI_NAME = "สมชาย ใจดี"
THAI_TITLE = "ห้องปลอดภัย"


@pytest.fixture(scope="module")
def thai(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every PDF of the minimal project with a Thai objective longer than a line, a Thai
    title and a Thai name on the roster: kind -> file."""
    folder = tmp_path_factory.mktemp("thai")
    project = minimal_with(folder, (THAI, THAI_LONG), THAI)
    edit(project / "content" / "course.yaml", "title: Safe Rooms", f'title: "{THAI_TITLE}"')
    roster = folder / "roster.csv"
    roster.write_text(f"name\n{THAI_NAME}\n", encoding="utf-8")
    options = BuildOptions(output=folder / "out", audiences=("all-staff",), roster=roster)
    return {b.target.kind.name: b.path for b in build(project, options).built}


def test_thai_lines_break_between_words(thai: dict[str, Path]) -> None:
    """Thai is written without spaces between words: a sentence longer than its line is cut
    where ICU's line breaker allows (between words), never inside one, and the pieces read
    back as the sentence."""
    from icu4py.breakers import LineBreaker

    lines = run(tool("pdftotext"), str(thai["handout"]), "-").stdout.splitlines()
    (at,) = [n for n, line in enumerate(lines) if THAI_LONG.startswith(line) and line]
    first, second = lines[at], lines[at + 1]
    assert first + second == THAI_LONG and second  # two lines, nothing lost
    assert len(first) in {
        len("".join(p for p in list(LineBreaker(THAI_LONG, "th"))[:n])) for n in range(1, 40)
    }


@pytest.mark.parametrize("kind", ["handout", "guide", "slides", "notes-pages"])
def test_thai_is_shaped_and_read_back(thai: dict[str, Path], kind: str) -> None:
    text = "".join(_words(thai[kind]))
    for written in (THAI, THAI_LONG):
        assert written.replace(" ", "") in text, kind
    assert not any("\ue000" <= c <= "\uf8ff" for c in text)


def test_a_thai_title_and_name_print_everywhere(thai: dict[str, Path]) -> None:
    pdfs = {kind: path for kind, path in thai.items() if path.suffix == ".pdf"}
    assert len(pdfs) >= 8
    for kind, path in pdfs.items():
        assert THAI_TITLE in "".join(_words(path)), kind
    assert THAI_NAME.split()[0] in _words(thai["certificates"])
    fonts = run(tool("pdffonts"), str(thai["handout"])).stdout
    assert "NotoSansThai-Regular" in fonts


# Ethiopic (Amharic, Tigrinya) in the PDFs: Noto Sans Ethiopic, each word shaped (kerned)
AMHARIC = "ሰላም ለሁሉም ሰራተኞች"  # "peace to all staff"
TIGRINYA = "ኣብ ትግርኛ ተዛረቡ"  # "speak in Tigrinya"
AMHARIC_NAME = "አበበ ቢቂላ"
AMHARIC_TITLE = "ደህንነቱ የተጠበቀ ክፍል"


@pytest.fixture(scope="module")
def ethiopic(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every PDF of the minimal project with an Amharic and a Tigrinya objective, an
    Amharic title and an Amharic name on the roster: kind -> file."""
    folder = tmp_path_factory.mktemp("ethiopic")
    project = minimal_with(folder, (AMHARIC, TIGRINYA), AMHARIC)
    edit(project / "content" / "course.yaml", "title: Safe Rooms", f'title: "{AMHARIC_TITLE}"')
    roster = folder / "roster.csv"
    roster.write_text(f"name\n{AMHARIC_NAME}\nAda Lovelace\n", encoding="utf-8")
    checked = CliRunner().invoke(
        main, ["check", "-p", str(project), "--roster", str(roster)], env={"NO_COLOR": "1"}
    )
    assert checked.exit_code == 0 and "Ethiopic" not in checked.output, checked.output
    assert "no font here" not in checked.output, checked.output
    options = BuildOptions(output=folder / "out", audiences=("all-staff",), roster=roster)
    return {b.target.kind.name: b.path for b in build(project, options).built}


@pytest.mark.parametrize("kind", ["handout", "guide", "slides", "notes-pages"])
def test_ethiopic_text_prints_in_its_face_and_reads_back(
    ethiopic: dict[str, Path], kind: str
) -> None:
    """Amharic and Tigrinya printed as '?': no shipped face drew Ethiopic. Noto Sans
    Ethiopic draws it now, embedded, and pdftotext gives every word back."""
    words = _words(ethiopic[kind])
    for word in (*AMHARIC.split(), *TIGRINYA.split()):
        assert word in words, (kind, word)
    assert "?" not in "".join(w for w in words if not w.isascii())
    fonts = run(tool("pdffonts"), str(ethiopic[kind])).stdout
    (line,) = [line for line in fonts.splitlines() if "NotoSansEthiopic-Regular" in line]
    assert line.split()[-5] == "yes"  # embedded
    assert run(tool("qpdf"), "--check", str(ethiopic[kind])).returncode == 0


def test_an_ethiopic_title_and_name_print_everywhere(ethiopic: dict[str, Path]) -> None:
    pdfs = {kind: path for kind, path in ethiopic.items() if path.suffix == ".pdf"}
    assert len(pdfs) >= 8
    for kind, path in pdfs.items():
        assert AMHARIC_TITLE in _text(path), kind
    for kind in ("certificates", "sign-in"):
        assert AMHARIC_NAME in _text(ethiopic[kind]), kind
        assert "+NotoSansEthiopic-" in run(tool("pdffonts"), str(ethiopic[kind])).stdout


def test_an_ethiopic_passage_is_tagged_as_amharic(ethiopic: dict[str, Path]) -> None:
    """A screen reader reads a passage by its tag's language: an Amharic objective in an
    English handout says it is Amharic, as an Arabic or Thai one says its own."""
    import pikepdf

    with pikepdf.open(ethiopic["handout"]) as pdf:
        langs = {
            str(element.get("/Lang"))
            for element in _struct_elements(pdf.Root.StructTreeRoot)
            if "/Lang" in element
        }
    assert "am-ET" in langs, langs


def _struct_elements(node: Any) -> list[Any]:
    import pikepdf

    found, kids = [node], node.get("/K")
    if kids is None:
        return found
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            found += _struct_elements(kid)
    return found


# Mixed directions inside Arabic and Hebrew lines: each run of one level is shaped in its own
# direction and the runs are put in the order seen (the Unicode bidirectional algorithm)
MIXED_LINES = (
    "العام ٢٠٢٤ بنسبة ٣٥٪ جيد",  # Arabic-Indic digits read from the left
    "נפגשים ב-2024 בבוקר",  # a number joined to a Hebrew letter
    'אמור \\"hello, world\\" לכולם',  # an English quotation inside Hebrew
    "Say שלום, then go",  # an English line: the comma follows the Hebrew word
    "قال \u2067مرحبا\u2069 ثم",  # directional isolates, as pasted from a word processor
    "קרא [המדריך](https://example.org). עכשיו",  # a link, then its full stop
    "שָׁלוֹם עֲלֵיכֶם",  # niqqud: vowel marks under and over the letters
)
_NO_MARKS = {ord(c): None for c in "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"}


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("mixed")
    project = minimal_with(folder, MIXED_LINES)
    options = BuildOptions(output=folder / "out", audiences=("all-staff",), kinds=("handout",))
    (handout,) = build(project, options).built
    return handout.path


def test_numbers_and_latin_inside_right_to_left_lines_read_from_the_left(mixed: Path) -> None:
    text = run(tool("pdftotext"), str(mixed), "-").stdout.translate(_NO_MARKS)
    for digits in ("٢٠٢٤", "2024"):
        assert digits in text and digits[::-1] not in text
    assert "Say שלום, then go" in text
    assert "قال مرحبا ثم" in text  # the isolates are left out, the line drawn
    boxes = run(tool("pdftotext"), "-bbox", str(mixed), "-").stdout
    left = {
        html.unescape(w): float(x) for x, w in re.findall(r'xMin="([\d.]+)"[^>]*>([^<]*)<', boxes)
    }
    assert '"hello, world"' in left  # English keeps its order inside Hebrew
    # the link's words, its printed address in brackets, then the full stop, each drawn
    # on the left of the one before (words are listed as drawn)
    assert ".)https://example.org (ךירדמה" in left


def test_niqqud_is_read_back_on_its_line(mixed: Path) -> None:
    """Vowel marks drawn over and under the letters belong to them: the words' letters come
    back together on one line, never a line of marks."""
    lines = run(tool("pdftotext"), str(mixed), "-").stdout.translate(_NO_MARKS).splitlines()
    bare = ["".join(c for c in line if unicodedata.category(c) != "Mn") for line in lines if line]
    assert "שלום עליכם" in bare
    assert all(any(unicodedata.category(c) != "Mn" for c in line) for line in lines if line)


def test_a_right_to_left_line_is_drawn_as_wide_as_it_was_measured() -> None:
    """Lines drawn one by one are fitted with glyphs.width: drawn run by run in the order
    seen, they take exactly that width (centred and right-aligned lines stay in place)."""
    from materials_gen.render.fonts import Fonts
    from materials_gen.theme import load_theme

    fonts = Fonts(load_theme(PROJECTS / "minimal").body_font)
    for text in (*MIXED_LINES[:4], RTL_TITLE, "Safe Rooms:  غرف آمنة  (10 دقائق)"):
        drawn = sum(
            glyphs.run_width(r, face, 24) for r, face in glyphs.seen_runs([(text, fonts.bold)], 24)
        )
        assert drawn == pytest.approx(glyphs.width(text, fonts.bold, 24), abs=0.5), text


def test_a_variable_face_is_made_static_once_and_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Arabic, Hebrew and Thai faces ship as variable fonts: each weight drawn is made
    once into the user's cache folder, readable by all, and read back from there after."""
    import stat

    from fontTools.ttLib import TTFont

    from materials_gen import static_faces

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(static_faces, "_folder", static_faces._folder.__wrapped__)
    variable = glyphs.HEBREW.path(False)  # the cached one; its source is what we need
    import justmytype_intl_rtl

    source = (
        Path(justmytype_intl_rtl.__file__).parent
        / "fonts"
        / "ofl/notosanshebrew/NotoSansHebrew[wdth,wght].ttf"
    )
    bold = static_faces.static_face(source, bold=True)
    assert bold.parent == tmp_path / "materials-gen" / "faces" and bold != variable
    assert TTFont(str(bold))["OS/2"].usWeightClass == 700
    assert "fvar" not in TTFont(str(bold))  # static: what ReportLab draws is the weight
    assert stat.S_IMODE(bold.stat().st_mode) == 0o644
    made = bold.stat().st_mtime_ns
    assert static_faces.static_face(source, bold=True) == bold
    assert bold.stat().st_mtime_ns == made
    assert not list(bold.parent.glob("*.partial"))


def test_runs_cut_mixed_text_where_the_face_changes_and_keep_every_character() -> None:
    """Latin, a bracketed Hindi word (drawn whole in its face, brackets included), Thai
    and spaces: the runs give the text back unchanged, a space stays with the run before
    it, and the same answer comes for a paragraph many times as long."""
    from materials_gen.render.pdf import Fonts
    from materials_gen.theme import _builtin_family

    lato = _builtin_family("Lato", None, [])  # a Latin-only face: both scripts fall back
    assert lato is not None
    regular = Fonts(lato).regular
    text = f"Ask ({HINDI.split()[0]}) then {THAI} ok"
    pieces = glyphs.runs(text, regular)
    assert "".join(piece for piece, _ in pieces) == text
    faces = [face for _, face in pieces]
    assert faces == [regular, "mg-NotoSans-Regular", regular, "mg-NotoSansThai-Regular", regular]
    assert pieces[1][0] == f"({HINDI.split()[0]}) "  # the brackets take the word's face
    long = glyphs.runs(" ".join([text] * 2000), regular)
    assert "".join(piece for piece, _ in long) == " ".join([text] * 2000)
    assert len(long) == 5 * 2000 - 1999  # "ok" runs on into the next "Ask"


def test_compared_columns_in_hebrew_start_at_the_right(tmp_path: Path) -> None:
    """The side-by-side slide of a compared table put its first approach at the left when
    its headings read from the right, while the table after it, and the poster, start at
    the right: a reader from the right met the second approach first. The deck and the
    printed slides now both put the first column at the right."""
    from pptx import Presentation

    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    table = project / "content" / "tables" / "approaches.yaml"
    edit(table, "heading: Aspect", "heading: היבט")
    edit(table, "heading: Informed", "heading: טיפול מודע")
    edit(table, "heading: Competent", "heading: טיפול מומחה")
    options = BuildOptions(
        output=tmp_path / "out", audiences=("all-staff",), kinds=("deck", "slides")
    )
    made = {b.target.kind.name: b.path for b in build(project, options).built}
    deck = Presentation(str(made["deck"]))
    (slide,) = [s for s in deck.slides if "טיפול מודע" in (s.shapes.title.text or "")]
    columns = {
        shape.text_frame.paragraphs[0].text: shape.left
        for shape in slide.placeholders
        if shape.placeholder_format.idx != 0 and shape.has_text_frame and shape.text_frame.text
    }
    assert columns["טיפול מודע"] > columns["טיפול מומחה"]  # the first, rightmost
    # and read first: a screen reader follows the order of the slide's shapes
    order = [
        shape.text_frame.paragraphs[0].text
        for shape in slide.shapes
        if shape.has_text_frame
        and shape.text_frame.paragraphs[0].text in ("טיפול מודע", "טיפול מומחה")
    ]
    assert order == ["טיפול מודע", "טיפול מומחה"], order
    # pdftotext gives each Hebrew word as drawn (its letters from the left); on every line
    # of the printed slides that shows both (the title, the column headings, the table's
    # header), the first approach is at the right
    boxes = run(tool("pdftotext"), "-bbox", str(made["slides"]), "-").stdout
    lines: dict[str, dict[str, float]] = {}
    for x, y, word in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]+)</word>', boxes
    ):
        lines.setdefault(y, {})[word[::-1]] = float(x)
    both = [line for line in lines.values() if "מודע" in line and "מומחה" in line]
    assert len(both) >= 3 and all(line["מודע"] > line["מומחה"] for line in both), both


def test_faces_kept_in_a_private_temporary_folder_when_the_cache_is_read_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a cache folder that cannot be written (a read-only home), every build made a
    new temporary folder of faces and left it behind. This user's private folder in the
    temporary folder is used, and used again by the next run."""
    import tempfile

    from materials_gen import static_faces

    cache = tmp_path / "cache"
    cache.write_text("not a folder")  # nothing can be made under it
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    first = static_faces._folder.__wrapped__()
    again = static_faces._folder.__wrapped__()
    assert first == again == tmp_path / "tmp" / f"materials-gen-{os.getuid()}" / "faces"
    assert list((tmp_path / "tmp").iterdir()) == [first.parent]


MIXED_ITEM = "Point the visitor to the sign:\\vممارسات الرعاية (room 12) is on the left"


def test_a_line_of_a_paragraph_reads_in_the_paragraph_s_direction(tmp_path: Path) -> None:
    """A key point that starts in English and whose second line starts in Arabic: the deck
    sets the whole paragraph from the left (PowerPoint orders every line so), and so do the
    printed slides, the notes pages and the handout: the Arabic words, then "(room 12) is
    on the left" to their right; never that line turned around as if it were a paragraph
    of its own that reads from the right."""
    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    item = "  - Calm rooms help everyone\n"
    edit(project / INTRO, item, f'{item}  - "{MIXED_ITEM}"\n')
    kinds = ("deck", "slides", "notes-pages", "handout")
    options = BuildOptions(output=tmp_path / "out", audiences=("all-staff",), kinds=kinds)
    built = {b.target.kind.name: b.path for b in build(project, options).built}
    for kind in kinds[1:]:
        text = run(tool("pdftotext"), "-layout", str(built[kind]), "-").stdout
        (line,) = [each.translate(_NO_MARKS) for each in text.splitlines() if "room 12" in each]
        assert line.index("ممارسات") < line.index("room 12) is on the left"), (kind, line)
    deck = Presentation(str(built["deck"]))
    rtl = [
        p._p.pPr.get("rtl")  # noqa: SLF001
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_text_frame
        for p in shape.text_frame.paragraphs
        if "room 12" in "".join(r.text for r in p.runs)
    ]
    assert rtl == ["0"]


def test_a_line_is_ordered_in_the_direction_it_is_given() -> None:
    """seen_runs orders a line's runs in its paragraph's direction when told it (from the
    left: the Arabic words first, on the left); not told, in the direction its own first
    letter of a strong direction gives (from the right: the English last, on the left)."""
    from materials_gen.render.fonts import Fonts
    from materials_gen.theme import load_theme

    font = Fonts(load_theme(PROJECTS / "minimal").body_font).regular
    line = [("ممارسات الرعاية (room 12) is on the left", font)]
    for rtl, leftmost in ((False, False), (None, True), (True, True)):
        runs = [str(run) for run, _ in glyphs.seen_runs(line, 12, rtl=rtl)]
        assert ("is on the left" in runs[0]) is leftmost, (rtl, runs)
        assert ("is on the left" in runs[-1]) is not leftmost, (rtl, runs)


def test_shaped_pdfs_are_the_same_bytes_whatever_was_shaped_before_them(tmp_path: Path) -> None:
    """ReportLab numbers the glyphs no character maps to (Arabic's joined forms) as shaping
    first meets them, in each process: a PDF's map from its glyphs back to text then
    depended on what the process had shaped before it. An Arabic handout made by one
    process, by two, or alone (``--only``), and printed slides made after an edit or fresh,
    differed byte for byte. They are the same."""
    project = minimal_with(tmp_path, ARABIC_TEXTS, ARABIC)
    edit(project / INTRO, "  - Calm rooms help everyone", '  - "مرحبا بالعالم"')
    practice = project / "content" / "modules" / "practice.md"
    edit(practice, "  - Both approaches matter", '  - "السلامة أولاً"')
    edit(practice, "The table compares the two approaches.", "نص عربي قصير.")

    def built(folder: str, *options: str) -> dict[str, bytes]:
        out = tmp_path / folder
        args = ("build", "-p", str(project), "-o", str(out), "-a", "all-staff", *options)
        done = run(sys.executable, "-m", "materials_gen", *args)  # each in a fresh process
        assert done.returncode == 0, done.stdout + done.stderr
        return {p.name: p.read_bytes() for p in sorted(out.rglob("*.pdf"))}

    one = built("one", "-j", "1")
    two = built("two", "-j", "2")
    assert set(one) == set(two) and len(one) >= 6
    assert [name for name in one if one[name] != two[name]] == []
    for kind in ("handout", "slides", "notes-pages", "guide"):
        (alone,) = built(f"only-{kind}", "--only", kind, "-j", "1").items()
        assert alone[1] == one[alone[0]], alone[0]


CHINESE_LONG = (
    "创伤知情护理是组织中每个角色的一部分，无论是前台接待员、清洁人员、司机还是临床医生，"
    "每个人都在为安全的环境做出贡献。"
)


def _beyond_the_page(path: Path) -> list[tuple[int, str]]:
    """Each character drawn past a page's right or left edge: (page, character)."""
    import pypdfium2

    found = []
    pdf = pypdfium2.PdfDocument(path)
    try:
        for number in range(len(pdf)):
            page = pdf[number]
            width = page.get_width()
            text = page.get_textpage()
            for i in range(text.count_chars()):
                left, _, right, _ = text.get_charbox(i)
                if right > width + 1 or left < -1:
                    found.append((number + 1, text.get_text_range(i, 1)))
    finally:
        pdf.close()
    return found


@pytest.mark.parametrize("after", [HINDI, HEBREW, THAI, ARABIC])
def test_chinese_before_another_script_wraps_inside_the_page(tmp_path: Path, after: str) -> None:
    """A sentence of Chinese followed by a word of a script the PDFs shape (Hindi, Hebrew,
    Thai, Arabic) ran on in one line past the page's edge: the paragraph was shaped, its
    long words were not to be cut (Hindi), and the space after "。" was dropped, making the
    sentence and the next word one. Each line now stays inside the page, nothing lost."""
    text = f"{CHINESE_LONG} {after}"
    project = minimal_with(tmp_path, (text,), text)
    options = BuildOptions(
        output=tmp_path / "out", audiences=("all-staff",), kinds=("handout", "notes-pages")
    )
    for built in build(project, options).built:
        assert not _beyond_the_page(built.path), built.target.kind.name
        words = "".join(_words(built.path))
        assert CHINESE_LONG in words, built.target.kind.name


HEBREW_SOURCE = "הנחיות אלה מבוססות על המסמך"


def test_a_line_without_hebrew_in_a_hebrew_paragraph_reads_from_the_right(
    tmp_path: Path,
) -> None:
    """A Hebrew paragraph whose second line is "(SAMHSA, 2014).": that line, with no Hebrew
    letter on it, was drawn from the left, its full stop at the right, where the line
    before it ends; the bidirectional algorithm, with the paragraph's direction, sets the
    full stop at the left end of the line. In the handout's paragraphs and the printed
    slides' and notes pages' key points alike, wherever the line breaks."""
    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    item = "  - Calm rooms help everyone\n"
    edit(project / INTRO, item, f'{item}  - "{HEBREW_SOURCE}\\v(SAMHSA, 2014)."\n')
    append(project / INTRO, f"\n{HEBREW_SOURCE}  \n(SAMHSA, 2014).\n")
    kinds = ("slides", "notes-pages", "handout")
    options = BuildOptions(output=tmp_path / "out", audiences=("all-staff",), kinds=kinds)
    built = {b.target.kind.name: b.path for b in build(project, options).built}
    for kind in kinds:
        text = run(tool("pdftotext"), "-layout", str(built[kind]), "-").stdout
        lines = [each.translate(_NO_MARKS).strip() for each in text.splitlines()]
        found = [line for line in lines if "SAMHSA" in line]
        assert found, kind
        # seen from the left: the full stop, then the words (brackets drawn mirrored)
        assert all(line.index(".") < line.index("SAMHSA") for line in found), (kind, found)


def test_a_line_drawn_alone_reads_in_its_paragraph_s_direction(tmp_path: Path) -> None:
    """A line drawn on its own (a wrapped footer's, a heading's on the contents page) of a
    paragraph that reads from the right, without Arabic or Hebrew on it: in that direction
    too ("2024." with its full stop at the left)."""
    from reportlab.pdfgen.canvas import Canvas

    from materials_gen.render.fonts import Fonts
    from materials_gen.theme import load_theme

    font = Fonts(load_theme(PROJECTS / "minimal").body_font).regular
    path = tmp_path / "line.pdf"
    canvas = Canvas(str(path))
    glyphs.draw_string(canvas, 100, 600, "2024.", font, 12, rtl=True)
    glyphs.draw_line(canvas, 100, 500, [("(SAMHSA, 2014).", font)], 12, rtl=True)
    glyphs.draw_string(canvas, 100, 400, "(left, 2014).", font, 12, rtl=False)
    canvas.save()
    text = run(tool("pdftotext"), "-layout", str(path), "-").stdout.translate(_NO_MARKS)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert ".2024" in lines, lines
    assert any(line.startswith(".") and "SAMHSA, 2014" in line for line in lines), lines
    assert "(left, 2014)." in lines, lines


def test_an_arabic_date_in_an_english_footer_reads_as_one_phrase(tmp_path: Path) -> None:
    """A course in Arabic with no Arabic catalog: its footers and stamps give English labels
    around the Arabic date ("Version 2.1 · 4 مارس 2025 · Page 1 of 5"). The date is kept
    whole, read from the right, its day at its right and its year at its left, in every
    PDF; not broken up by the line around it, the day and the year side by side
    ("Version 2.1 · 4 2025 مارس")."""
    from .test_list_marks import words

    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    edit(project / "content" / "course.yaml", "language: en-GB", "language: ar")
    roster = tmp_path / "roster.csv"
    roster.write_text("name\nAna Ruiz\n", encoding="utf-8")
    options = BuildOptions(output=tmp_path / "out", audiences=("all-staff",), roster=roster)
    pdfs = {
        b.target.kind.name: b.path for b in build(project, options).built if b.path.suffix == ".pdf"
    }
    assert {"handout", "guide", "slides", "notes-pages", "poster", "certificates"} <= set(pdfs)
    for kind, path in pdfs.items():
        drawn = words(path)
        footers = 0
        for version in [w for w in drawn if "2.1" in w[5].split()]:
            middle = (version[2] + version[4]) / 2
            line = sorted(
                (w for w in drawn if w[0] == version[0] and abs((w[2] + w[4]) / 2 - middle) < 3),
                key=lambda w: w[1],
            )
            said = " ".join(w[5] for w in line).split()  # as drawn, from the left
            # the running footers ("Page 1 of 5"), the certificates' stamp and the poster's
            # footer (the title slide's own line is the deck's, as PowerPoint sets it)
            if "Page" not in said and kind not in ("certificates", "poster"):
                continue
            footers += 1
            month = next(n for n, w in enumerate(said) if RIGHT_TO_LEFT_WORD.search(w))
            assert said[month - 1 : month + 2] == ["2025", said[month], "4"], (kind, said)
        assert footers, kind


RIGHT_TO_LEFT_WORD = re.compile("[\u0600-\u06ff]")


def test_parts_joined_in_isolates_are_each_laid_out_as_one_unit() -> None:
    """The parts of a footer's line, joined with isolates, each keep together in their own
    direction: the Arabic date reads from the right as one phrase inside the English line,
    and the isolates themselves are drawn as nothing; one left without its pair (a line
    broken inside a part) isolates the rest of the line."""
    from materials_gen.reading_order import isolated_join, runs_seen

    line = isolated_join(["Version 1.0", "", "2 نوفمبر 2026", "Page 3 of 17"])
    seen = [text for _, text, _ in runs_seen([(None, line)], False)]
    assert "".join(seen) == "Version 1.0 · 2026 نوفمبر 2 · Page 3 of 17", seen
    assert isolated_join(["Version 1.0", "Page 3 of 17"]) == "Version 1.0 · Page 3 of 17"
    broken = line[: line.index("نوفمبر")]  # "Version 1.0 · 2 " and the date's open isolate
    assert "".join(t for _, t, _ in runs_seen([(None, broken)], False)) == "Version 1.0 · 2 "
