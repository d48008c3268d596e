"""Real clients on the default kit's outputs and on every other output the test run built.

The kit (every kind, every audience) is always checked, whatever runs before; the files other
tests built are checked too when they ran first, which the name test_zz_* arranges in a full
run.

Each distinct PDF: qpdf finds no damage, pdffonts lists every font as embedded, neither
poppler nor pypdf finds a character it cannot map (U+FFFD, U+0000), and every graphics state,
shading, picture and font a page or form uses is in its resources. Each distinct deck:
python-pptx reopens it, LibreOffice converts it as a presentation, one page per slide, and the
Open XML SDK's schema, semantic and security checks (openxml-audit) find nothing for the Office
versions PowerPoint users have.
Locally these skip with the reason when a tool is missing; CI installs them all.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from .conftest import BUILT_FILES, powerpoint_findings, run, tool, unnamed_resources

# every file the run built, through three real clients: minutes, so not in the quick loop
pytestmark = pytest.mark.slow


def existing(suffix: str, kit: dict[tuple[str, str], Path]) -> list[Path]:
    """The kit's files and those built earlier in the run, with this suffix."""
    found = {*BUILT_FILES.values(), *kit.values()}
    return sorted({p for p in found if p.suffix == suffix and p.is_file()})


def test_every_pdf_passes_qpdf_pdffonts_and_the_glyph_scan(
    kit_outputs: dict[tuple[str, str], Path],
) -> None:
    pdfs = existing(".pdf", kit_outputs)
    qpdf, pdffonts, pdftotext = tool("qpdf"), tool("pdffonts"), tool("pdftotext")
    for pdf in pdfs:
        check = run(qpdf, "--check", str(pdf))
        assert check.returncode == 0, f"{pdf}: {check.stdout}{check.stderr}"
        fonts = run(pdffonts, str(pdf)).stdout.splitlines()[2:]
        for line in fonts:
            assert line.split()[-5] == "yes", f"{pdf}: font not embedded: {line}"
        text = run(pdftotext, str(pdf), "-").stdout
        assert "\ufffd" not in text, f"{pdf}: poppler found a character it cannot map"
        for page in PdfReader(str(pdf)).pages:
            assert "\x00" not in (page.extract_text() or ""), f"{pdf}: a glyph maps to U+0000"
        assert unnamed_resources(pdf) == [], pdf


def test_every_deck_reopens_and_converts_in_libreoffice(
    tmp_path: Path, kit_outputs: dict[tuple[str, str], Path]
) -> None:
    decks = existing(".pptx", kit_outputs)
    slides = {deck: len(Presentation(str(deck)).slides) for deck in decks}
    soffice, pdfinfo = shutil.which("soffice"), shutil.which("pdfinfo")
    if not soffice or not pdfinfo:
        pytest.skip("LibreOffice (soffice) or pdfinfo is not installed")
    for batch_start in range(0, len(decks), 20):
        batch = decks[batch_start : batch_start + 20]
        # copies with unique names, so that converted files cannot overwrite each other
        inputs = []
        for n, deck in enumerate(batch):
            copy = tmp_path / f"deck{batch_start + n}.pptx"
            shutil.copyfile(deck, copy)
            inputs.append((deck, copy))
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(tmp_path / "pdf"),
                *(str(c) for _, c in inputs),
            ],
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        for deck, copy in inputs:
            pdf = tmp_path / "pdf" / (copy.stem + ".pdf")
            assert pdf.is_file(), f"LibreOffice could not convert {deck}"
            info = run(pdfinfo, str(pdf)).stdout
            pages = int(
                next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1]
            )
            assert pages == slides[deck], f"{deck}: {pages} pages for {slides[deck]} slides"


def test_every_deck_opens_in_powerpoint_without_repair(
    kit_outputs: dict[tuple[str, str], Path],
) -> None:
    """Schema order, relationships and content checked as the Open XML SDK (and PowerPoint) do."""
    decks = existing(".pptx", kit_outputs)
    for deck in decks:
        assert powerpoint_findings(deck) == [], deck
