"""The deck on paper: slides drawn from the laid-out deck, 1/2/3/6 a page, notes pages.

The printed slides are the projected slides: the same numbers and continuation slides, and
the deck template's own geometry and colours (an organisation's template included).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from materials_gen.build import BuildOptions, build

from .conftest import REPO, edit
from .deck_templates import make_corporate_template


def made(project: Path, folder: Path, kinds: tuple[str, ...]) -> dict[str, Path]:
    report = build(project, BuildOptions(output=folder, kinds=kinds, audiences=("clinical",)))
    return {b.target.kind.name: b.path for b in report.built}


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return made(REPO, tmp_path_factory.mktemp("slides"), ("deck", "slides", "notes-pages"))


def test_three_slides_a_page_with_every_slide_title(kit: dict[str, Path]) -> None:
    deck = Presentation(str(kit["deck"]))
    titles = [s.shapes.title.text_frame.text for s in deck.slides if s.shapes.title]
    pages = [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(str(kit["slides"])).pages]
    assert len(pages) == -(-len(deck.slides) // 3)
    text = " ".join(pages)
    for title in titles:
        assert title.split(" (")[0][:30] in text, title
    assert "Before we begin (cont.)" in text  # the deck's own continuation slides


def test_notes_pages_one_slide_and_its_notes_a_page(kit: dict[str, Path]) -> None:
    deck = Presentation(str(kit["deck"]))
    pages = [
        re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(str(kit["notes-pages"])).pages
    ]
    assert len(pages) == len(deck.slides)
    for page, slide in zip(pages, deck.slides, strict=True):
        if slide.has_notes_slide:
            first = slide.notes_slide.notes_text_frame.text.split("\n")[0]
            assert " ".join(first.split())[:40] in page


@pytest.mark.parametrize(("per_page", "expected"), [(1, 1), (2, 2), (6, 6)])
def test_other_slides_per_page(project: Path, tmp_path: Path, per_page: int, expected: int) -> None:
    edit(
        project / "content" / "course.yaml",
        "  paper: a4\n",
        f"  paper: a4\n  deck:\n    per_page: {per_page}\n",
    )
    files = made(project, tmp_path, ("deck", "slides"))
    slides = len(Presentation(str(files["deck"])).slides)
    assert len(PdfReader(str(files["slides"])).pages) == -(-slides // expected)


def test_pictures_are_drawn_not_screenshots(project: Path, tmp_path: Path) -> None:
    files = made(project, tmp_path, ("slides",))
    reader = PdfReader(str(files["slides"]))
    images = [img for page in reader.pages for img in page.images]
    assert len(images) == 1 and images[0].image.size == (480, 300)  # only the content's picture
    assert (
        "Welcome to safe rooms" in reader.pages[1].extract_text() + reader.pages[2].extract_text()
    )


def test_printed_slides_follow_the_organisation_template(project: Path, tmp_path: Path) -> None:
    make_corporate_template(project / "templates" / "corporate.pptx")
    edit(
        project / "content" / "course.yaml",
        "settings:\n",
        "settings:\n  deck:\n    template: templates/corporate.pptx\n"
        "    layouts:\n      title: Cover\n      section: Divider\n      quote: Bullets\n",
    )
    files = made(project, tmp_path, ("deck", "slides", "notes-pages"))
    deck = Presentation(str(files["deck"]))
    notes = PdfReader(str(files["notes-pages"]))
    assert len(notes.pages) == len(deck.slides)
    # on the cover, the title sits low (4.6 in down a 7.5 in slide) as in the template
    seen: list[tuple[float, float]] = []  # (drawn size, height on the page) of the title

    def visit(text: str, cm: list, tm: list, font: object, size: float) -> None:
        if text.startswith("Safe Rooms"):
            seen.append((size * tm[3] * cm[3], tm[5] * cm[3] + cm[5]))

    first = notes.pages[0]
    first.extract_text(visitor_text=visit)
    _, baseline = max(seen)  # the title is the largest text on the page
    top = float(first.mediabox.height) - 0.75 * 72 - 6  # the slide's top edge on the page
    height = 0.85 * (float(first.mediabox.width) - 1.5 * 72) * 0.75  # a 4:3 slide
    down = (top - baseline) / height
    assert 0.65 < down < 0.85, down  # the built-in design's cover title ends at about 0.51
