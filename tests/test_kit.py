"""The default kit: complete for every audience, and written out in full."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pptx import Presentation

from materials_gen.build import load_course
from materials_gen.tailor import tailor

from .conftest import KIT_CLINICAL_ONLY, REPO, pages_text, run

# Every output a trainer gets for each audience from a plain `materials-gen build`.
KIT_KINDS = (
    "handout",
    "deck",
    "slides",
    "notes-pages",
    "guide",
    "evaluation",
    "pretest",
    "posttest",
    "answer-key",
    "sign-in",
    "poster",
)
AUDIENCE_NAMES = {"all-staff": "All staff", "clinical": "Clinical providers"}


@pytest.fixture(scope="module")
def course():
    course, warnings = load_course(REPO)
    assert warnings == ()
    return course


@pytest.mark.parametrize("audience", ["all-staff", "clinical"])
def test_every_module_is_complete_for_every_audience(course, audience: str) -> None:
    tailored = tailor(course, audience)
    assert [m.id for m in tailored.modules] == [
        "welcome",
        "trauma-informed",
        "trauma-competent",
        "comparison",
        "why-both-matter",
        "practical-steps",
        "summary",
    ]
    for module in tailored.modules:
        assert module.objectives, module.id
        assert 3 <= len(module.key_points) <= 6, module.id
        assert len(module.notes.split()) >= 60, module.id
        assert module.reflection, module.id
        assert module.takeaway, module.id
        assert module.duration, module.id
        assert len(module.prose.split()) >= 120, module.id


def test_comparison_has_the_five_aspects(course) -> None:
    (table,) = next(m for m in course.modules if m.id == "comparison").tables
    assert [r.cells["aspect"] for r in table.rows] == [
        "Focus",
        "Application",
        "Skills required",
        "Goal",
        "Example practices",
    ]


def test_welcome_has_a_content_note_and_support(course) -> None:
    welcome = tailor(course, "all-staff").modules[0]
    assert "break" in welcome.content_note or "step out" in welcome.content_note
    assert len(tailor(course, "all-staff").support) < len(tailor(course, "clinical").support)


def test_no_placeholder_text() -> None:
    for path in (REPO / "content").rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            for marker in ("lorem", "ipsum", "tbd", "[insert", "xxx", "placeholder"):
                assert not re.search(rf"\b{re.escape(marker)}", text.lower()), (path, marker)
            # "todo" is a Spanish word ("all"); the marker is written in capitals
            assert not re.search(r"\b(TODO|FIXME)\b", text), path


def test_clinical_phrases_are_really_clinical_only(course) -> None:
    dumped = tailor(course, "all-staff").model_dump_json().lower()
    for phrase in KIT_CLINICAL_ONLY:
        assert phrase.lower() not in dumped, phrase


def shown(path: Path) -> list[str]:
    """What a reader sees, page by page: a PDF's pages, a deck's slides with their notes."""
    if path.suffix != ".pptx":
        if shutil.which("pdftotext") is None:
            return pages_text(path)
        # poppler reads the kit's 200 pages in a tenth of pypdf's time (this is a quick test)
        text = run("pdftotext", "-enc", "UTF-8", str(path), "-").stdout
        return [re.sub(r"\s+", " ", page) for page in text.split("\f")[:-1]]
    slides = []
    for slide in Presentation(str(path)).slides:
        text = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        text += [
            cell.text_frame.text
            for shape in slide.shapes
            if shape.has_table
            for row in shape.table.rows
            for cell in row.cells
        ]
        if slide.has_notes_slide:
            text.append(slide.notes_slide.notes_text_frame.text)
        slides.append(" ".join(text))
    return slides


def test_a_plain_build_makes_every_output_for_every_audience(
    kit_outputs: dict[tuple[str, str], Path],
) -> None:
    assert set(kit_outputs) == {(a, k) for a in AUDIENCE_NAMES for k in KIT_KINDS}


@pytest.mark.parametrize("kind", KIT_KINDS)
def test_each_output_is_stamped_for_its_audience_and_keeps_clinical_text_out(
    kit_outputs: dict[tuple[str, str], Path], kind: str
) -> None:
    """The quick loop's smoke test of every kind of output, on the default kit as built."""
    for audience, name in AUDIENCE_NAMES.items():
        pages = shown(kit_outputs[audience, kind])
        assert pages and all(page.strip() for page in pages), f"{kind}: an empty page or slide"
        text = " ".join(pages)
        assert name in text, f"the {audience} {kind} does not name its audience"
        other = next(n for a, n in AUDIENCE_NAMES.items() if a != audience)
        assert other not in text, f"the {audience} {kind} names {other}"
    staff = " ".join(shown(kit_outputs["all-staff", kind])).lower()
    for phrase in KIT_CLINICAL_ONLY:
        assert phrase.lower() not in staff, f"{phrase!r} in the all-staff {kind}"
