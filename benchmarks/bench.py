"""How fast materials-gen builds, beside the same work done by the bare libraries.

Run from the repository root:  python benchmarks/bench.py [--runs 3] [--sizes 1,3,26]

It reports medians over several runs of:
  * the default kit built cold (every output, every audience), in a fresh process;
  * synthetic courses made by repeating the default kit's modules (1x: the kit itself, about
    47 slides and 17 pages for clinical providers; 3x: about 130 slides; 26x: about 1,200),
    built for one audience (deck and handout), with the slide and page counts and the time
    per slide, to show that building stays linear in the size of the course;
  * beside each, the bare libraries making the same number of slides (with notes) and pages
    directly with python-pptx and ReportLab, no templating; and the cost of importing them.

Figures depend on the machine; compare ratios measured in one run.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

BARE = r"""
import io, sys, time
from pptx import Presentation
from pptx.util import Inches, Pt
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

slides, pages = int(sys.argv[1]), int(sys.argv[2])
text = "Trauma-informed care means noticing, responding kindly and connecting with help. " * 2
start = time.perf_counter()
prs = Presentation()
prs.slide_width = Inches(13.333)
layout = prs.slide_layouts[1]
for i in range(slides):
    slide = prs.slides.add_slide(layout)
    slide.shapes.title.text = f"Slide {i}"
    body = slide.placeholders[1].text_frame
    for j in range(4):
        p = body.paragraphs[0] if j == 0 else body.add_paragraph()
        p.text = text[:90]
        p.runs[0].font.size = Pt(24)
    slide.notes_slide.notes_text_frame.text = text
prs.save(io.BytesIO())
deck = time.perf_counter() - start
start = time.perf_counter()
styles = getSampleStyleSheet()
story = []
for i in range(pages):
    story += [Paragraph(f"Page {i}", styles["Heading1"])]
    story += [Paragraph(text * 3, styles["BodyText"]) for _ in range(8)]
    story.append(PageBreak())
SimpleDocTemplate(io.BytesIO(), pagesize=LETTER, invariant=1).build(story)
print(deck, time.perf_counter() - start)
"""


def timed(args: list[str], cwd: Path | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(args, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - start


def median(values: list[float]) -> float:
    return statistics.median(values)


def scaled_project(factor: int, folder: Path) -> Path:
    """The default kit with every module repeated ``factor`` times."""
    import yaml

    shutil.copytree(REPO / "content", folder / "content")
    shutil.copytree(REPO / "templates", folder / "templates")
    modules = folder / "content" / "modules"
    course_file = folder / "content" / "course.yaml"
    course = yaml.safe_load(course_file.read_text(encoding="utf-8"))
    listed = list(course["modules"])
    repeated = []
    for copy in range(factor):
        for module_id in listed:
            new_id = module_id if copy == 0 else f"{module_id}-{copy + 1}"
            if copy:
                shutil.copy(modules / f"{module_id}.md", modules / f"{new_id}.md")
            repeated.append(new_id)
    course["modules"] = repeated
    course_file.write_text(
        yaml.safe_dump(course, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    return folder


def build_stats(project: Path, out: Path) -> tuple[float, int, int]:
    """Time one build for clinical providers; return (seconds, slides, pages) it made."""
    from pptx import Presentation
    from pypdf import PdfReader

    if out.exists():
        shutil.rmtree(out)
    command = [sys.executable, "-m", "materials_gen", "build", "-p", str(project), "-o", str(out)]
    seconds = timed(command + ["-a", "clinical"])
    slides = sum(len(Presentation(str(p)).slides) for p in out.rglob("*.pptx"))
    pages = sum(len(PdfReader(str(p)).pages) for p in out.rglob("*.pdf"))
    return seconds, slides, pages


def bare(slides: int, pages: int, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", BARE, str(slides), str(pages)], check=True, capture_output=True
        )
        times.append(time.perf_counter() - start)
    return median(times)


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "materials_gen", *args]


def kit_figures(work: Path, runs: int, results: dict[str, object]) -> None:
    """The default kit: cold build, rebuild with nothing changed, rebuild after one edit."""
    project = scaled_project(1, work / "kit")
    out = project / "output"
    cold = []
    for _ in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        cold.append(timed(cli("build", "-p", str(project)), cwd=project))
    from pptx import Presentation
    from pypdf import PdfReader

    slides = sum(len(Presentation(str(p)).slides) for p in out.rglob("*.pptx"))
    pages = sum(len(PdfReader(str(p)).pages) for p in out.rglob("*.pdf"))
    noop = median([timed(cli("build", "-p", str(project)), cwd=project) for _ in range(runs)])
    module = project / "content" / "modules" / "trauma-informed.md"
    original = module.read_text(encoding="utf-8")
    edits = []
    for n in range(runs):
        module.write_text(
            original.replace("Trauma is widespread", f"Trauma is widespread ({n})"),
            encoding="utf-8",
        )
        edits.append(timed(cli("build", "-p", str(project)), cwd=project))
    module.write_text(original, encoding="utf-8")
    reference = bare(slides, pages, runs)
    print(f"default kit, both audiences: {slides} slides, {pages} pages (handouts and posters)")
    print(
        f"  cold build                 {median(cold):7.2f} s   bare libraries {reference:.2f} s"
        f"   ratio {median(cold) / reference:.2f}"
    )
    print(f"  rebuild, nothing changed   {noop * 1000:7.0f} ms")
    print(f"  rebuild after one edit     {median(edits):7.2f} s")
    results["kit"] = {
        "slides": slides,
        "pages": pages,
        "cold_seconds": round(median(cold), 3),
        "bare_seconds": round(reference, 3),
        "noop_ms": round(noop * 1000),
        "one_edit_seconds": round(median(edits), 3),
    }


def peak_mb(command: list[str]) -> tuple[float, float, int]:
    """Run a command; its wall time, the peak memory of it and its workers (MB), exit code."""
    # a fresh parent whose only child is the command: its children's peak is the command's
    meter = (
        "import resource, subprocess, sys\n"
        "code = subprocess.run(sys.argv[1:], capture_output=True).returncode\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)\n"
    )
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", meter, *command], capture_output=True, text=True, check=True
    )
    peak, code = done.stdout.split()
    return time.perf_counter() - start, int(peak) / 1024, int(code)


def limits(work: Path, results: dict[str, object]) -> None:
    """The size limits of the hardening work: handled, or refused up front, memory bounded."""
    minimal = REPO / "tests" / "projects" / "minimal"
    cases = {}

    def case(name: str, change) -> None:
        root = work / name.replace(" ", "-")
        shutil.copytree(minimal, root)
        change(root)
        seconds, peak, code = peak_mb(cli("build", "-p", str(root), "-a", "all-staff", "-j", "1"))
        verdict = "built" if code == 0 else "refused with a message"
        print(f"  {name:<34} {verdict:<24} {seconds:6.2f} s  peak {peak:6.0f} MB")
        cases[name] = {"result": verdict, "seconds": round(seconds, 2), "peak_mb": round(peak)}

    intro = "content/modules/intro.md"

    def paragraph(root: Path) -> None:
        path = root / intro
        words = " ".join(f"word{i}" for i in range(100_000))
        path.write_text(path.read_text().replace("Rooms shape how", words + " Rooms shape how"))

    def bullets(root: Path) -> None:
        path = root / intro
        items = "".join(f"  - Bullet {i} about calm rooms\n" for i in range(2000))
        path.write_text(path.read_text().replace("key_points:\n", "key_points:\n" + items))

    def image(root: Path) -> None:
        (root / "content" / "images" / "room.png").write_bytes(b"\x89PNG" + bytes(50 * 1024 * 1024))

    def modules(root: Path) -> None:
        folder = root / "content" / "modules"
        text = (folder / "practice.md").read_text().replace("tables: [approaches]\n", "")
        listing = ""
        for n in range(500):
            (folder / f"m{n}.md").write_text(text.replace("Putting it into practice", f"Part {n}"))
            listing += f"  - m{n}\n"
        course = root / "content" / "course.yaml"
        course.write_text(course.read_text().replace("  - practice\n", "  - practice\n" + listing))

    print("size limits (one audience, every output):")
    case("a paragraph of 100,000 words", paragraph)
    case("2,000 bullets in one module", bullets)
    case("a 50 MB picture", image)
    case("500 modules", modules)
    results["limits"] = cases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="1,3,26")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    results: dict[str, object] = {}

    imports = median(
        [timed([sys.executable, "-c", "import reportlab.platypus, pptx"]) for _ in range(args.runs)]
    )
    python = median([timed([sys.executable, "-c", "pass"]) for _ in range(args.runs)])
    print(f"python -c pass                          {python * 1000:8.0f} ms")
    print(f"python -c 'import reportlab.platypus, pptx' {imports * 1000:6.0f} ms")
    results["python_ms"] = round(python * 1000)
    results["imports_ms"] = round(imports * 1000)

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        print()
        kit_figures(work, args.runs, results)
        print()
        limits(work, results)
        print()
        print(
            f"{'course':<8} {'slides':>7} {'pages':>6} {'materials-gen':>14} "
            f"{'bare libraries':>15} {'ratio':>6} {'ms/slide':>9}"
        )
        per_slide: dict[int, float] = {}
        for factor in sizes:
            project = scaled_project(factor, work / f"x{factor}")
            runs = [build_stats(project, work / f"out{factor}") for _ in range(args.runs)]
            shutil.rmtree(work / f"out{factor}", ignore_errors=True)
            _, peak, _ = peak_mb(
                cli("build", "-p", str(project), "-o", str(work / f"out{factor}"), "-a", "clinical")
            )
            results[f"peak_mb_x{factor}"] = round(peak)
            print(f"        peak memory of the {factor}x build: {peak:.0f} MB")
            seconds = median([r[0] for r in runs])
            slides, pages = runs[0][1], runs[0][2]
            reference = bare(slides, pages, args.runs)
            per_slide[factor] = seconds / max(slides, 1) * 1000
            print(
                f"{factor:>6}x {slides:>7} {pages:>6} {seconds:>12.2f} s {reference:>13.2f} s "
                f"{seconds / reference:>6.2f} {per_slide[factor]:>9.1f}"
            )
            results[f"x{factor}"] = {
                "slides": slides,
                "pages": pages,
                "seconds": round(seconds, 3),
                "bare_seconds": round(reference, 3),
            }
        if len(sizes) >= 2:
            small, large = sorted(sizes)[-2:]
            growth = per_slide[large] / per_slide[small]
            print(f"\nper-slide cost at {large}x / at {small}x: {growth:.2f} (1.0 = linear)")
            results["per_slide_growth"] = round(growth, 2)
    print("\n" + json.dumps(results))


if __name__ == "__main__":
    main()
