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


def _strings(value: object) -> set[str]:
    """Every text in a dumped model, one line of it at a time."""
    if isinstance(value, str):
        return {line.strip() for line in value.splitlines() if line.strip()}
    if isinstance(value, dict):
        return {s for v in value.values() for s in _strings(v)}
    if isinstance(value, list):
        return {s for v in value for s in _strings(v)}
    return set()


def _squeezed(text: str) -> str:
    return re.sub(r"\W+", "", text).lower()


def test_no_clinical_only_text_reaches_the_spanish_all_staff_outputs(kit_languages) -> None:
    """What the Spanish translation gives clinical providers alone (found by comparing the two
    audiences' tailored Spanish courses, not listed by hand) is in no Spanish all-staff file,
    and it is in the clinical ones."""
    from materials_gen.build import course_languages
    from materials_gen.load import load_project

    course, _ = load_course(REPO)
    (spanish,) = [c for lang, c in course_languages(load_project(REPO), course) if lang == "es"]
    everyone = _strings(tailor(spanish, "all-staff").model_dump(mode="json"))
    clinical = _strings(tailor(spanish, "clinical").model_dump(mode="json"))
    only = sorted(s for s in clinical - everyone if len(_squeezed(s)) >= 30)
    assert len(only) >= 20, only
    # each whole (an audience's variant of a note may begin as the other's does)
    starts = {_squeezed(s) for s in only}
    in_clinical: set[str] = set()
    for (language, audience, _kind), path in kit_languages.items():
        if language != "es":
            continue
        if path.suffix == ".pptx":
            deck = Presentation(str(path))
            frames = [
                s.text_frame.text for slide in deck.slides for s in slide.shapes if s.has_text_frame
            ]
            notes = [s.notes_slide.notes_text_frame.text for s in deck.slides if s.has_notes_slide]
            text = _squeezed(" ".join(frames + notes))
        else:
            text = _squeezed(" ".join(pages_text(path)))
        found = {s for s in starts if s in text}
        if audience == "all-staff":
            assert not found, (path.name, sorted(found)[:5])
        else:
            in_clinical |= found
    # and the clinical materials have them (so the comparison above looks at real text)
    assert len(in_clinical) >= 0.9 * len(starts), sorted(starts - in_clinical)[:5]
