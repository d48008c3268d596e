"""Text a translation leaves in its source's words is marked in the source's language.

A Spanish handout printing an untranslated module in English was tagged Spanish throughout:
a screen reader spoke the English paragraphs with Spanish sounds, and PowerPoint checked
their spelling as Spanish. Each such paragraph, heading, list item and table cell now says
its own language (a PDF structure element's /Lang, a deck run's ``lang``), in every output
that prints it; the translated text around it keeps the document's language.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pikepdf
import pytest
from pptx import Presentation
from pptx.oxml.ns import qn
from pypdf import PdfReader

from materials_gen.build import BuildOptions, build

from .conftest import kit_copy

UNTRANSLATED = "why-both-matter"  # the module whose translation is taken away
ITS_POINT = "Picture a house. The foundation is trauma-informed care"  # a paragraph of it
ITS_KEY_POINT = "Without it, people can feel unsafe, unheard or hurt all over again"


def texts_by_language(path: Path) -> dict[str, str]:
    """The words of the PDF at ``path`` by the language its structure gives them: each
    marked-content sequence's, in its element's /Lang, an ancestor's, or the document's."""
    pdf = pikepdf.open(path)
    pages = {page.objgen: n for n, page in enumerate(pdf.pages)}
    language: dict[tuple[int, int], str] = {}  # (page, MCID) -> language

    def walk(element: pikepdf.Object, lang: str, page: int | None) -> None:
        if isinstance(element, int) and page is not None:  # an MCID on the element's page
            language[page, int(element)] = lang
            return
        if not isinstance(element, pikepdf.Dictionary):
            return
        lang = str(element.get("/Lang", lang))
        if "/Pg" in element:
            page = pages[element.Pg.objgen]
        if "/MCID" in element:
            language[page, int(element.MCID)] = lang
            return
        kids = element.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            walk(kid, lang, page)

    walk(pdf.Root.StructTreeRoot, str(pdf.Root.Lang), None)
    said: dict[str, list[str]] = {}
    for n, page in enumerate(PdfReader(str(path)).pages):
        marks: list[int | None] = []

        def operator(op: bytes, args: list, *_: object, marks: list = marks) -> None:
            if op == b"BDC":
                properties = args[1] if len(args) > 1 else {}
                mcid = properties.get("/MCID") if hasattr(properties, "get") else None
                marks.append(int(mcid) if mcid is not None else None)
            elif op == b"BMC":
                marks.append(None)
            elif op == b"EMC" and marks:
                marks.pop()

        def text(words: str, *_: object, marks: list = marks, n: int = n) -> None:
            mcid = next((m for m in reversed(marks) if m is not None), None)
            if words.strip() and mcid is not None and (n, mcid) in language:
                said.setdefault(language[n, mcid], []).append(words)

        page.extract_text(visitor_operand_before=operator, visitor_text=text)
    return {lang: " ".join(" ".join(words).split()) for lang, words in said.items()}


@pytest.fixture(scope="module")
def spanish(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The clinical outputs of the kit in Spanish, one module's translation taken away and
    the comparison table's too."""
    project = kit_copy(tmp_path_factory.mktemp("source-language"))
    folder = project / "content" / "translations" / "es"
    (folder / "modules" / f"{UNTRANSLATED}.md").unlink()
    shutil.rmtree(folder / "tables")
    report = build(project, BuildOptions(languages=("es",), audiences=("clinical",)), force=True)
    return {b.target.kind.name: b.path for b in report.built}


def test_the_untranslated_module_is_english_in_the_spanish_handout(
    spanish: dict[str, Path],
) -> None:
    by_language = texts_by_language(spanish["handout"])
    assert ITS_POINT in " ".join(by_language["en-US"].split())
    assert ITS_POINT not in " ".join(by_language["es"].split())
    assert "informada sobre el trauma" in by_language["es"]  # the translated text
    assert "informada sobre el trauma" not in by_language["en-US"]


@pytest.mark.parametrize("kind", ["guide", "slides", "notes-pages", "poster", "answer-key"])
def test_every_pdf_that_prints_it_says_so(spanish: dict[str, Path], kind: str) -> None:
    by_language = texts_by_language(spanish[kind])
    assert by_language.get("en-US"), kind
    assert "trauma" in by_language["es"], kind  # the rest stays Spanish
    if kind in ("poster", "slides"):  # the comparison table's rows: untranslated too
        assert "Skills required" in by_language["en-US"] or "Focus" in by_language["en-US"]


def test_the_deck_marks_its_runs_and_notes(spanish: dict[str, Path]) -> None:
    prs = Presentation(str(spanish["deck"]))
    english, spanish_runs = Counter(), Counter()
    for slide in prs.slides:
        parts = [slide._element]
        if slide.has_notes_slide:
            parts.append(slide.notes_slide._element)
        for part in parts:
            for paragraph in part.iter(qn("a:p")):
                text = "".join(t.text or "" for t in paragraph.iter(qn("a:t")))
                langs = {r.get("lang") for r in paragraph.iter(qn("a:rPr")) if r.get("lang")}
                if langs == {"en-US"}:
                    english[text] += 1
                elif "es" in langs:
                    spanish_runs[text] += 1
    said = " ".join(english)
    assert ITS_KEY_POINT in " ".join(said.split())
    assert not any(ITS_KEY_POINT in text for text in spanish_runs)
    assert any("informada sobre el trauma" in text for text in spanish_runs)
    # the template's text styles and the notes master are in the deck's language
    for part in prs.part.package.iter_parts():
        name = str(part.partname)
        if "Master" in name or "Layout" in name:
            element = part._element
            for found in element.iter(qn("a:defRPr"), qn("a:rPr"), qn("a:endParaRPr")):
                assert found.get("lang") in (None, "es"), name


def test_a_whole_translation_marks_only_what_it_keeps_in_english(tmp_path: Path) -> None:
    """The kit's own Spanish translation gives every text but its sources' references,
    listed as published (in English): nothing else is marked."""
    project = kit_copy(tmp_path)
    report = build(
        project, BuildOptions(languages=("es",), audiences=("clinical",), kinds=("handout", "deck"))
    )
    made = {b.target.kind.name: b.path for b in report.built}
    english = texts_by_language(made["handout"]).get("en-US", "")
    assert (
        "Substance Abuse and Mental Health Services Administration" in english
        or "SAMHSA" in english
    )
    assert "informada" not in english and "Módulo" not in english


def test_a_text_is_the_source_s_when_it_is_made_of_the_source_s_words() -> None:
    """Whole texts, and texts made only of untranslated texts and of what has no letters
    (a reference: author, year, title, address); a text mixing in words of the translation
    ("Objetivos: ..."), or one short untranslated word inside a translated text, stays in
    the document's language."""
    from materials_gen.document import source_texts
    from materials_gen.glyphs import language_of, writing

    texts = source_texts(
        [
            "Why both matter",
            "**Picture a house.** The foundation is\ntrauma-informed care.",
            "American Psychological Association",
            "Clinical practice guideline",
            "https://www.apa.org/ptsd-guideline",
            "EMDR",
            "HHS Publication No. (SMA) 14-4884",
        ]
    )
    with writing("es", ("en-US", texts)):
        assert language_of("Why both matter") == "en-US"
        assert language_of("Why\u00a0both  matter ") == "en-US"  # as printed: spaced anew
        assert language_of("Picture a house. The foundation is trauma-informed care.") == "en-US"
        reference = (
            "American Psychological Association. (2017). Clinical practice guideline. "
            "https://www.apa.org/ptsd-guideline"
        )
        assert language_of(reference) == "en-US"
        numbered = (
            "American Psychological Association. (2017). (HHS Publication No. (SMA) 14-4884)."
        )
        assert language_of(numbered) == "en-US"  # a piece inside brackets
        assert language_of("American Psychological Association. (2017). Guía clínica.") == "es"
        assert language_of("Objetivos: Why both matter") == "es"
        assert language_of("La terapia EMDR ayuda") == "es"
        assert language_of("2017") == "es"  # no words: the document's
    assert language_of("Why both matter") == ""  # outside a renderer: no language set


def test_a_copy_translate_made_keeps_what_is_not_yet_translated_in_english(
    tmp_path: Path,
) -> None:
    """'translate fr' copies the source's files; a translator who has changed one module's
    title has translated nothing else of it. Its copied objectives, body and references,
    the same words as the source's, are English and marked so (a text a translation gives
    as the source has it was counted translated)."""
    from click.testing import CliRunner

    from materials_gen.cli import main

    project = kit_copy(tmp_path)
    shutil.rmtree(project / "content" / "translations")
    assert CliRunner().invoke(main, ["translate", "fr", "-p", str(project)]).exit_code == 0
    module = project / "content" / "translations" / "fr" / "modules" / f"{UNTRANSLATED}.md"
    text = module.read_text(encoding="utf-8")
    module.write_text(
        text.replace("title: Why both matter", "title: Pourquoi les deux comptent", 1),
        encoding="utf-8",
    )
    report = build(
        project,
        BuildOptions(languages=("fr",), audiences=("clinical",), kinds=("handout",)),
    )
    (handout,) = [b.path for b in report.built]
    by_language = texts_by_language(handout)
    english = by_language.get("en-US", "")
    assert ITS_POINT in english  # its body, copied
    assert "Explain why trauma-informed care is the groundwork" in english  # an objective
    assert "Pourquoi les deux comptent" in by_language["fr"]


def test_what_a_translation_may_share_with_its_source_stays_in_its_language() -> None:
    """One word the two languages share ("No", "Total", "General": the translation uses it
    in its own texts) is the document's, while one it never uses ("Noticing", a cell of a
    table left untranslated) is the source's; an option's letter, punctuation after a
    piece, a capital a template gives a text's first letter, do not hide a source's words."""
    from materials_gen.document import source_texts
    from materials_gen.glyphs import OWN, language_of, own_words, writing

    texts = source_texts(
        [
            "No",
            "Total",
            "General",
            "Noticing",
            "Clinical supervision",
            "Talk to them",
            "Skills required",
            "A setting where people feel safe",
            "example practice cards",
        ]  # fmt: skip
    )
    spanish_texts = ["No, gracias.", "Total General", "Cuidado general"]
    texts |= {OWN + w for w in own_words(spanish_texts)}
    with writing("es", ("en-US", texts)):
        for spanish in ("No", "Total", "General", "Total General."):
            assert language_of(spanish) in ("es",), spanish
        assert language_of("Noticing") == "en-US"
        for english in (
            "Clinical supervision. Talk to them.",
            "Skills required: clinical supervision",
            "A. A setting where people feel safe",
            "Example practice cards",
        ):
            assert language_of(english) == "en-US", english


def test_entries_a_translation_gives_in_another_order_are_its_own(tmp_path: Path) -> None:
    """A translation may list audiences (entries with ids) in another order: each is laid
    over its own. Their Spanish names and descriptions were compared with the entries in
    the source's places, and tagged English."""
    import yaml

    project = kit_copy(tmp_path)
    course = project / "content" / "translations" / "es" / "course.yaml"
    data = yaml.safe_load(course.read_text(encoding="utf-8"))
    data["audiences"].reverse()
    course.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    report = build(
        project, BuildOptions(languages=("es",), audiences=("clinical",), kinds=("handout",))
    )
    (handout,) = [b.path for b in report.built]
    english = texts_by_language(handout).get("en-US", "")
    assert "Personal clínico" not in english and "El personal clínico" not in english


def test_han_text_and_a_title_s_abbreviation_are_found() -> None:
    """Han text has no spaces between its words: a short one is the source's all the same
    (a Japanese source's title left untranslated); "Dr. " is a word, not an option's
    letter."""
    from materials_gen.document import source_texts
    from materials_gen.glyphs import east_asian, language_of, writing

    texts = source_texts(["\u5fc3\u7684\u5916\u50b7", "Dr. Smith spoke here"])
    with writing("en-US", ("ja-JP", texts)):
        assert language_of("\u5fc3\u7684\u5916\u50b7") == "ja-JP"
        assert east_asian("\u5fc3\u7684\u5916\u50b7").lang == "ja-JP"  # its own face
        assert language_of("Dr. Smith spoke here.") == "ja-JP"
        assert language_of("Other words") == "en-US"


def test_a_paragraph_with_a_link_or_a_picture_is_english_too(tmp_path: Path) -> None:
    """An untranslated paragraph holding a link or a picture within its words was tagged
    Spanish in the Spanish handout: it prints the link's address after its words, "(https://
    ...)", and the picture's description, which no text of the source said as printed."""
    from PIL import Image

    from .conftest import append

    project = kit_copy(tmp_path)
    folder = project / "content" / "translations" / "es"
    (folder / "modules" / f"{UNTRANSLATED}.md").unlink()
    (project / "content" / "images").mkdir()
    Image.new("RGB", (40, 20), "green").save(project / "content" / "images" / "sign.png")
    linked = "Read the house rules before the first visit of the day"
    append(
        project / "content" / "modules" / f"{UNTRANSLATED}.md",
        "\n\nRead [the house rules](https://example.org/rules) before the first visit of "
        "the day.\n\nLook for the ![green door sign](images/sign.png) beside the desk.\n",
    )
    options = BuildOptions(languages=("es",), audiences=("clinical",), kinds=("handout",))
    (made,) = build(project, options).built
    english = " ".join(texts_by_language(made.path)["en-US"].split())
    assert linked.replace("house rules", "house rules (https://example.org/rules)") in english
    assert "Look for the green door sign beside the desk" in english
