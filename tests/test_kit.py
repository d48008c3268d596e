"""The default kit: complete for every audience, and written out in full."""

from __future__ import annotations

import re

import pytest

from materials_gen.build import load_course
from materials_gen.tailor import tailor

from .conftest import KIT_CLINICAL_ONLY, REPO


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
            text = path.read_text(encoding="utf-8").lower()
            for marker in ("lorem", "ipsum", "tbd", "todo", "[insert", "xxx", "placeholder"):
                assert not re.search(rf"\b{re.escape(marker)}", text), (path, marker)


def test_clinical_phrases_are_really_clinical_only(course) -> None:
    dumped = tailor(course, "all-staff").model_dump_json().lower()
    for phrase in KIT_CLINICAL_ONLY:
        assert phrase.lower() not in dumped, phrase
