"""Property-based fuzzing: random text and random structures, never a traceback or a torn file.

Every generated project either builds, and its files then go through the real-client checks
(test_zz_clients), or fails with materials-gen's own error: problems with messages, exit 1
from the command, nothing written. Never another exception, never a hang, never a half file.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pptx import Presentation
from pypdf import PdfReader

from materials_gen.build import BuildOptions, build
from materials_gen.errors import MaterialsError

from .conftest import PROJECTS

pytestmark = pytest.mark.slow  # hundreds of random projects built

# Any Unicode except lone surrogates (which no UTF-8 file can hold).
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=120)
LONG_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=500, max_size=3000)
SOME_TEXT = st.one_of(TEXT, TEXT, TEXT, LONG_TEXT)
# Anything YAML can say, for the fields a trainer might fill in wrongly.
JUNK = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), TEXT),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(TEXT, inner, max_size=3)),
    max_leaves=6,
)

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)


def project_with(
    tmp_path: Path, course: dict[str, Any], front: dict[str, Any], body: str, row: dict[str, Any]
) -> Path:
    root = tmp_path / f"p{time.perf_counter_ns()}"
    shutil.copytree(PROJECTS / "minimal", root)
    data = yaml.safe_load((root / "content" / "course.yaml").read_text())
    data.update(course)
    (root / "content" / "course.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))
    intro = root / "content" / "modules" / "intro.md"
    text = intro.read_text()
    old_front = yaml.safe_load(text.split("---\n")[1])
    old_front.update(front)
    intro.write_text(
        "---\n" + yaml.safe_dump(old_front, allow_unicode=True) + "---\n\n" + body + "\n"
    )
    table = root / "content" / "tables" / "approaches.yaml"
    rows = yaml.safe_load(table.read_text())
    rows["rows"][0].update(row)
    table.write_text(yaml.safe_dump(rows, allow_unicode=True))
    return root


def outcome(root: Path) -> None:
    out = root / "output"
    start = time.perf_counter()
    try:
        report = build(root, BuildOptions(output=out, audiences=("clinical",)), jobs=1)
    except MaterialsError as exc:
        assert exc.problems and all(p.message for p in exc.problems)
        assert not out.exists() or not [
            p for p in out.rglob("*") if p.suffix in (".pdf", ".pptx", ".tmp")
        ]
        return
    finally:
        assert time.perf_counter() - start < 60, "a build took more than a minute"
    assert not list(out.rglob("*.tmp"))
    for built in report.built:
        if built.path.suffix == ".pdf":
            assert len(PdfReader(str(built.path)).pages) == built.pages
        else:
            assert len(Presentation(str(built.path)).slides) == built.pages


@FUZZ
@given(title=SOME_TEXT, point=SOME_TEXT, cell=SOME_TEXT, body=SOME_TEXT, note=TEXT)
def test_any_text_builds_or_fails_cleanly(
    tmp_path: Path, title: str, point: str, cell: str, body: str, note: str
) -> None:
    root = project_with(
        tmp_path,
        {"subtitle": title},
        {"title": title or "x", "key_points": [point, "Calm rooms help everyone"], "notes": note},
        body,
        {"informed": cell},
    )
    outcome(root)


@FUZZ
@given(
    field=st.sampled_from(
        [
            "title",
            "key_points",
            "objectives",
            "duration",
            "audience",
            "tables",
            "activities",
            "takeaway",
        ]
    ),
    value=JUNK,
    course_field=st.sampled_from(
        ["title", "audiences", "modules", "settings", "support", "version", "poster"]
    ),
    course_value=JUNK,
)
def test_any_structure_builds_or_fails_cleanly(
    tmp_path: Path, field: str, value: Any, course_field: str, course_value: Any
) -> None:
    root = project_with(tmp_path, {course_field: course_value}, {field: value}, "Text.", {})
    outcome(root)
