"""The default kit's intermediate Markdown, for every kind of output and both audiences.

Each kind's template writes Markdown that every later stage reads; a change to a template,
to the tailoring or to the variables templates see shows up here first, as a plain text
diff, before anything is drawn. The files are what ``materials-gen show KIND --audience ID``
prints (the certificates with the small roster ``tests/golden/roster.csv``): one file per
template and audience, ``tests/golden/markdown/<audience>/<template>.md`` (the deck, the
printed slides and the notes pages share the deck's template, the poster and its tiles the
poster's). The guide shows slide numbers, so it lays the deck out; nothing is rendered.

When a template or the content changes on purpose, regenerate them with
``MATERIALS_GEN_REGENERATE=1 pytest tests/test_golden_markdown.py`` and review the diff.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
from pathlib import Path

import pytest

from materials_gen.document import parse
from materials_gen.kinds import KINDS
from materials_gen.meta import document_meta
from materials_gen.options import BuildOptions
from materials_gen.show import show

from .conftest import REPO

GOLDEN = Path(__file__).parent / "golden"
MARKDOWN = GOLDEN / "markdown"
ROSTER = GOLDEN / "roster.csv"
REGENERATE = os.environ.get("MATERIALS_GEN_REGENERATE") == "1"
AUDIENCES = ("all-staff", "clinical")
# the kinds that only exist with an input the default build does not give
NEEDS = {"certificates": "roster"}


def golden_path(audience: str, kind: str) -> Path:
    """Where the Markdown of ``kind`` for ``audience`` is kept: named by its template."""
    return MARKDOWN / audience / KINDS[kind].template.removesuffix(".j2")


def markdown_of(root: Path, kind: str, audience: str) -> str:
    """What ``materials-gen show KIND --audience ID`` prints for the project at ``root``."""
    # a roster row without a date prints the session's day, given here as a build would
    needs_roster = NEEDS.get(kind) == "roster"
    options = BuildOptions(roster=ROSTER, date="2026-11-20") if needs_roster else BuildOptions()
    if kind == "poster-tiles":  # made only with a tile size, as build makes them
        options = BuildOptions(tile="letter")
    return show(root, kind, audience, "markdown", options)


def differences(expected: str, actual: str, name: str, limit: int = 60) -> str:
    """A unified diff of the golden file and the Markdown made now, cut to ``limit`` lines."""
    lines = list(
        difflib.unified_diff(
            expected.splitlines(),
            actual.splitlines(),
            f"{name} (golden)",
            f"{name} (templated now)",
            lineterm="",
        )
    )
    more = f"\n... and {len(lines) - limit} more lines of diff" if len(lines) > limit else ""
    return "\n".join(lines[:limit]) + more


def compare(golden: Path, text: str) -> None:
    if REGENERATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.is_file(), (
        f"{golden.relative_to(GOLDEN)} is missing: run with MATERIALS_GEN_REGENERATE=1"
    )
    expected = golden.read_text(encoding="utf-8")
    assert text == expected, (
        f"the intermediate Markdown differs from {golden.relative_to(GOLDEN)}; if the change "
        "is meant, regenerate with MATERIALS_GEN_REGENERATE=1 and review the diff:\n"
        + differences(expected, text, str(golden.relative_to(MARKDOWN)))
    )


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("audience", AUDIENCES)
def test_default_kit_markdown_matches_golden(audience: str, kind: str) -> None:
    text = markdown_of(REPO, kind, audience)
    compare(golden_path(audience, kind), text)
    # what the next stages read of it: it parses, and its front matter is good metadata
    document = parse(text)
    meta = document_meta(document.meta, f"the golden {golden_path(audience, kind).name}")
    assert meta.title == "Trauma-Informed and Trauma-Competent Care"
    assert meta.date is not None and meta.language == "en-US"
    assert document.blocks, f"the {kind} for {audience} has no content"
    # every fence is on a line of its own: a template tag that swallows the line's end glues
    # a closing ':::' to the text before it, which prints it and leaves the box open
    glued = [line for line in text.splitlines() if re.search(r"[^:\s]\s*:::+\s*$", line)]
    assert not glued, f"the {kind} for {audience}: a fence glued to text: {glued[:3]}"


def test_the_certificates_are_those_of_the_roster() -> None:
    """Each attendee of the roster for the audience has a certificate, named as written."""
    clinical = golden_path("clinical", "certificates").read_text(encoding="utf-8")
    everyone = golden_path("all-staff", "certificates").read_text(encoding="utf-8")
    assert clinical.count("::: certificate") == 2 and everyone.count("::: certificate") == 1
    assert "## Ada Lovelace" in everyone and "Siobh\u00e1n" not in everyone
    assert "## O\u2019Brien\\, Siobh\u00e1n" in clinical  # the comma is text, not Markdown


def test_every_golden_file_belongs_to_a_template() -> None:
    """No golden file is left over from a template that was renamed or removed."""
    expected = {golden_path(a, k) for a in AUDIENCES for k in KINDS}
    found = set(MARKDOWN.rglob("*.md"))
    assert found == expected, (
        f"left over: {sorted(str(p.relative_to(MARKDOWN)) for p in found - expected)}; "
        f"missing: {sorted(str(p.relative_to(MARKDOWN)) for p in expected - found)}"
    )


def test_a_template_edit_fails_the_comparison(tmp_path: Path) -> None:
    """The golden files catch a template change: one word changed in the evaluation form's
    template shows up as a one-line diff naming it."""
    project = tmp_path / "kit"
    for part in ("content", "templates"):
        shutil.copytree(REPO / part, project / part)
    template = project / "templates" / "evaluation.md.j2"
    source = template.read_text(encoding="utf-8")
    heading = next(line for line in source.splitlines() if line.startswith("## "))
    template.write_text(source.replace(heading, heading + " today", 1), encoding="utf-8")
    text = markdown_of(project, "evaluation", "all-staff")
    golden = golden_path("all-staff", "evaluation")
    expected = golden.read_text(encoding="utf-8")
    assert text != expected
    diff = differences(expected, text, golden.name)
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in "+++---"]
    assert len(changed) == 2 and changed[1].endswith(" today"), diff
