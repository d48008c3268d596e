"""References: modules and the course cite what they rest on; the handout ends with them in
APA style, the guide lists them per module, slide notes cite them, and check can ask for
them where continuing-education credit is given."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation

from materials_gen.build import BuildOptions, build
from materials_gen.cli import main
from materials_gen.model import Source

from .conftest import KIT_LANGUAGE, all_text, credited, edit

INTRO = Path("content") / "modules" / "intro.md"
SOURCES = """sources:
  - author: Substance Abuse and Mental Health Services Administration
    year: 2014
    title: Trauma-informed care in behavioral health services
    number: TIP 57
    url: https://store.samhsa.gov/
  - author: Bride, B. E.
    year: 2004
    title: Secondary traumatic stress scale
    publisher: Sage
    audience: clinical
"""


def test_a_reference_is_written_in_apa_style() -> None:
    report = Source(
        author="Substance Abuse and Mental Health Services Administration",
        year=2014,
        title="Trauma-informed care in behavioral health services",
        number="TIP 57",
        publisher="Substance Abuse and Mental Health Services Administration",
        url="https://store.samhsa.gov/",
    )
    assert report.apa == (
        "Substance Abuse and Mental Health Services Administration. (2014). "
        "*Trauma-informed care in behavioral health services* (TIP 57). "
        "<https://store.samhsa.gov/>"  # the publisher is the author: said once; a link
    )
    book = Source(author="Bride, B. E.", title="A *scale*", publisher="Sage")
    assert book.apa == "Bride, B. E. (n.d.). *A \\*scale\\**. Sage."
    assert book.cite == "Bride (n.d.)"
    question = Source(author="NCTSN", year=2020, title="What is trauma?")
    assert question.apa == "NCTSN. (2020). *What is trauma?*"


@pytest.mark.parametrize(
    ("author", "cited"),
    [
        ("Bride, B. E.", "Bride (2004)"),
        ("Bride, B. E., & Robinson, M. M.", "Bride & Robinson (2004)"),
        ("Bride, B. E., Robinson, M. M., Yegidis, B., & Figley, C. R.", "Bride et al. (2004)"),
        (
            "University of California, San Francisco",
            "University of California, San Francisco (2004)",
        ),
        ("Doe, J.-P.", "Doe (2004)"),
    ],
)
def test_a_source_is_cited_as_apa_cites_it(author: str, cited: str) -> None:
    """The notes cited the first name before a comma: "University of California" for
    "University of California, San Francisco", "Bride" for four authors."""
    assert Source(author=author, year=2004, title="T").cite == cited


@pytest.fixture
def project(project: Path) -> Path:
    """The minimal project (conftest's copy) with the module text this file is about."""
    edit(project / INTRO, "content_note:", SOURCES + "content_note:")
    return project


def test_the_outputs_cite_each_audience_s_sources(project: Path, tmp_path: Path) -> None:
    options = BuildOptions(output=tmp_path / "out", kinds=("handout", "guide", "deck"))
    made = {
        f"{b.target.audience.id}/{b.target.kind.name}": b.path
        for b in build(project, options).built
    }
    clinical = " ".join(all_text(made["clinical/handout"]).split())
    assert "Sources" in clinical
    assert "Bride, B. E. (2004). Secondary traumatic stress scale. Sage." in clinical
    assert clinical.index("Bride, B. E.") < clinical.index("Substance Abuse")  # by author
    staff = " ".join(all_text(made["all-staff/handout"]).split())
    assert "Trauma-informed care in behavioral health services (TIP 57)" in staff
    assert "Bride" not in staff  # a clinical source stays in the clinical materials
    # the guide lists, and the slide cites, a module's sources in the handout's APA order,
    # not in the order written (SAMHSA first)
    guide = " ".join(all_text(made["clinical/guide"]).split())
    assert "Secondary traumatic stress scale" in guide
    assert guide.index("Bride, B. E.") < guide.index("Substance Abuse and Mental")
    deck = Presentation(str(made["clinical/deck"]))
    notes = [s.notes_slide.notes_text_frame.text for s in deck.slides if s.has_notes_slide]
    assert any(
        "Sources: Bride (2004); "
        "Substance Abuse and Mental Health Services Administration (2014)" in n
        for n in notes
    )


def test_check_asks_for_sources_where_credit_is_given(project: Path) -> None:
    course = project / "content" / "course.yaml"
    credited(project)
    edit(course, "settings:", "settings:\n  require_sources: true")
    result = CliRunner().invoke(main, ["check", "-p", str(project)], env={"NO_COLOR": "1"})
    said = [line for line in result.output.splitlines() if "cites no source" in line]
    assert len(said) == 1 and said[0].startswith("content/modules/practice.md:")
    assert "intro" not in said[0]


def test_check_strict_asks_for_sources_too(project: Path) -> None:
    credited(project)
    plain = CliRunner().invoke(main, ["check", "-p", str(project)], env={"NO_COLOR": "1"})
    assert "cites no source" not in plain.output
    strict = CliRunner().invoke(
        main, ["check", "--strict", "-p", str(project)], env={"NO_COLOR": "1"}
    )
    assert strict.exit_code == 1 and "module 'practice' cites no source" in strict.output


def test_a_sources_web_address_is_a_link_in_the_handout(kit_build: dict) -> None:
    """A source's web address was plain text: a reader of the emailed handout could not
    open it, and one copied from where it wraps broke in two."""
    import pikepdf

    with pikepdf.open(kit_build["clinical"]) as pdf:
        links = {
            str(annotation.A.URI)
            for page in pdf.pages
            for annotation in page.get("/Annots", [])
            if annotation.get("/Subtype") == "/Link" and "/URI" in annotation.get("/A", {})
        }
    assert "https://www.nice.org.uk/guidance/ng116" in links
    assert any("tip-57" in link for link in links)


def test_the_reference_list_is_in_apa_order(project: Path) -> None:
    """An author's undated work came after the dated ones ("2010" sorts before "n.d."), and
    two works of one year stayed in the order written: APA puts the undated first, and
    orders works of the same year by title."""
    from materials_gen.build import load_course

    course, _ = load_course(project)
    listed = (
        Source(author="Doe, A.", year=2019, title="Zebra crossings"),
        Source(author="Doe, A.", year=2010, title="Early work"),
        Source(author="Doe, A.", title="Undated notes"),
        Source(author="Doe, A.", year=2019, title="Apples"),
    )
    course = course.model_copy(update={"sources": listed})
    titles = [s.title for s in course.references if s.author == "Doe, A."]
    assert titles == ["Undated notes", "Early work", "Apples", "Zebra crossings"]


def test_an_undated_source_is_marked_in_the_course_s_language(kit_languages: dict) -> None:
    """The Spanish handout, guide and slide notes printed APA's English "(n.d.)" beside
    Spanish text; APA's Spanish edition writes "(s. f.)"."""
    handout = " ".join(all_text(kit_languages["es", "clinical", "handout"]).split())
    guide = " ".join(all_text(kit_languages["es", "clinical", "guide"]).split())
    deck = Presentation(str(kit_languages["es", "clinical", "deck"]))
    notes = " ".join(s.notes_slide.notes_text_frame.text for s in deck.slides)
    for text in (handout, guide):  # the reference, and the slide's citation
        assert "National Child Traumatic Stress Network. (s. f.)." in text
    assert "National Child Traumatic Stress Network (s. f.)" in notes
    assert not [text for text in (handout, guide, notes) if "n.d." in text]
    english = " ".join(all_text(kit_languages[KIT_LANGUAGE, "clinical", "handout"]).split())
    assert "National Child Traumatic Stress Network. (n.d.)." in english


def test_a_source_s_title_prints_as_written_whatever_its_marks() -> None:
    """A title's own asterisks were kept as written, its other marks read: "The 5\\*
    standard" printed "The 5\\ standard*" (the italics ended early), a title's backticks
    were dropped and its brackets made a link. Every mark prints as typed, in italics."""
    from materials_gen.document import Emph, inline_markdown, plain

    for title in (
        "The 5\\* standard for safe rooms",
        "Rooms `as` [built](https://example.org) & <kept> ~here~ a_b!",
    ):
        (italic,) = inline_markdown(Source(author="Harbour Clinic", title=title).apa)[1:2]
        assert isinstance(italic, Emph) and plain(italic.children) == title
