"""Shared fixtures: the default kit built once, small named projects, PDF readers."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from materials_gen.build import BuildOptions, build

REPO = Path(__file__).resolve().parent.parent
PROJECTS = Path(__file__).resolve().parent / "projects"

# Strings only clinical providers may see in the default kit (checked absent for all staff).
KIT_CLINICAL_ONLY = [
    "trauma-focused cognitive behavioral therapy",
    "clinical supervision",
    "treatment plan",
    "secondary traumatic stress screening",
    "caseload review",
    "Case consultation in pairs",
    "EMDR",
]
# Strings every audience sees in the default kit.
KIT_SHARED = ["Safety walk-through", "Sort the practices", "What to do on Monday"]


# Every PDF and deck the tests build, checked by real clients at the end (test_zz_clients).
BUILT_FILES: dict[str, Path] = {}


@pytest.fixture(autouse=True, scope="session")
def _record_built_files():
    """Note every output file the tests write, so that real clients can check them all."""
    import hashlib

    from materials_gen import write

    original = write.stage_file

    def recording(path: Path, data: bytes, destination: Path) -> None:
        original(path, data, destination)
        if destination.suffix in (".pdf", ".pptx"):
            BUILT_FILES.setdefault(hashlib.sha256(data).hexdigest(), destination)

    patcher = pytest.MonkeyPatch()
    patcher.setattr(write, "stage_file", recording)
    yield
    patcher.undo()


@pytest.fixture(scope="session")
def kit_outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """The default kit (repository root) built once; (audience id, kind) -> file."""
    out = tmp_path_factory.mktemp("kit-output")
    report = build(REPO, BuildOptions(output=out))
    return {(b.target.audience.id, b.target.kind.name): b.path for b in report.built}


@pytest.fixture(scope="session")
def kit_build(kit_outputs: dict[tuple[str, str], Path]) -> dict[str, Path]:
    """The default kit's handouts: audience id -> PDF."""
    return {a: p for (a, kind), p in kit_outputs.items() if kind == "handout"}


@pytest.fixture(scope="session")
def kit_decks(kit_outputs: dict[tuple[str, str], Path]) -> dict[str, Path]:
    """The default kit's decks: audience id -> PPTX."""
    return {a: p for (a, kind), p in kit_outputs.items() if kind == "deck"}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A writable copy of the small 'minimal' project."""
    dest = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", dest)
    return dest


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def output_count(project: Path, **options) -> int:
    """How many files a build of ``project`` makes (so tests need not hard-code it)."""
    from materials_gen.build import load_course, plan

    course, _ = load_course(project)
    return len(plan(course, BuildOptions(**options)))


def pages_text(path: Path) -> list[str]:
    """The text of each page, with whitespace folded (what a reader sees, line breaks aside)."""
    reader = PdfReader(str(path))
    return [re.sub(r"\s+", " ", page.extract_text() or "") for page in reader.pages]


def all_text(path: Path) -> str:
    return " ".join(pages_text(path))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        pytest.skip(f"{name} is not installed (apt-get install poppler-utils qpdf)")
    return found


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, check=False)


# PowerPoint validates every part against the ECMA-376 schemas and offers to repair a deck that
# fails; these are the Office versions trainers use.
POWERPOINT_VERSIONS = ("office2016", "microsoft365")


def powerpoint_findings(path: Path) -> list[str]:
    """What the Open XML SDK's checks (schema, semantics, security) find in a deck or template.

    One line per finding, naming the Office version, the part and the element; empty when
    PowerPoint is expected to open the file without a repair prompt.
    """
    from openxml_audit import FileFormat, OpenXmlValidator

    found = []
    for version in POWERPOINT_VERSIONS:
        validator = OpenXmlValidator(
            file_format=FileFormat(version), max_errors=0, security_validation=True
        )
        result = validator.validate(str(path))
        found += [f"{version} {e.severity.value}: {e}" for e in result.errors]
    return found
