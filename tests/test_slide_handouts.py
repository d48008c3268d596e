"""The deck on paper: slides drawn from the deck's own layout, 1/2/3/6 a page, notes pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from materials_gen.build import BuildOptions, build

from .conftest import REPO, edit


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
