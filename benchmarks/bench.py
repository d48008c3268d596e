"""How fast materials-gen builds, beside the same work done by the bare libraries.

Run from the repository root:  python benchmarks/bench.py [--runs 3] [--sizes 1,3,26]
                                [--table-rows 1000,2000,4000,10000] [--only-tables]

It reports medians over several runs of:
  * the default kit built cold (every output, every audience), in a fresh process;
  * synthetic courses made by repeating the default kit's modules (1x: the kit itself, about
    47 slides and 17 pages for clinical providers; 3x: about 130 slides; 26x: about 1,200),
    built for one audience (deck and handout), with the slide and page counts and the time
    per slide, to show that building stays linear in the size of the course;
  * beside each, the bare libraries making the same number of slides (with notes) and pages
    directly with python-pptx and ReportLab, no templating; and the cost of importing them;
  * a comparison table of 1,000 to 10,000 rows built into each output kind on its own (deck,
    handout, poster, printed slides, notes pages, guide): time and peak memory per kind, to
    show that each grows linearly with the rows (the poster refuses such a table at once).

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


TABLE_KINDS = ("deck", "handout", "poster", "slides", "notes-pages", "guide")


def table_project(rows: int, folder: Path) -> Path:
    """The minimal test project with a comparison table of ``rows`` rows."""
    import yaml

    shutil.copytree(REPO / "tests" / "projects" / "minimal", folder)
    path = folder / "content" / "tables" / "approaches.yaml"
    table = yaml.safe_load(path.read_text(encoding="utf-8"))
    table["rows"] = [
        {"aspect": f"Aspect {i}", "informed": f"Informed answer {i}", "competent": f"Skill {i}"}
        for i in range(1, rows + 1)
    ]
    path.write_text(yaml.safe_dump(table, sort_keys=False), encoding="utf-8")
    return folder


def table_scaling(work: Path, sizes: list[int], results: dict[str, object]) -> None:
    """A long table, one output kind at a time: time and peak memory grow with the rows.

    The table shows three times in the deck (a slide per column of the comparison, and the
    table itself), continued over as many slides as it needs; the poster refuses a table
    longer than its paper holds, at once.
    """
    print("a long table, one output kind at a time (clinical providers, one process):")
    print(f"{'rows':>7} " + " ".join(f"{kind:>16}" for kind in TABLE_KINDS))
    figures: dict[str, dict[str, object]] = {}
    for rows in sizes:
        project = table_project(rows, work / f"table{rows}")
        cells = []
        for kind in TABLE_KINDS:
            command = cli("build", "-p", str(project), "-o", str(work / f"tout{rows}"))
            command += ["--only", kind, "-a", "clinical", "-j", "1", "--force"]
            seconds, peak, code = peak_mb(command)
            figures.setdefault(kind, {})[str(rows)] = {
                "seconds": round(seconds, 2),
                "peak_mb": round(peak),
                "result": "built" if code == 0 else "refused",
            }
            shown = f"{seconds:6.1f} s {peak:4.0f} MB" if code == 0 else f"refused {seconds:5.1f} s"
            cells.append(f"{shown:>16}")
        shutil.rmtree(project)
        shutil.rmtree(work / f"tout{rows}", ignore_errors=True)
        print(f"{rows:>7} " + " ".join(cells))
    if len(sizes) >= 2:
        small, large = sorted(sizes)[0], sorted(sizes)[-1]
        print(f"time at {large:,} rows / time at {small:,} rows ({large / small:.1f} = linear):")
        for kind in TABLE_KINDS:
            a, b = figures[kind][str(small)], figures[kind][str(large)]
            ratio = float(b["seconds"]) / max(float(a["seconds"]), 1e-9)  # type: ignore[arg-type]
            print(f"  {kind:<12} {ratio:5.1f}")
    results["table_rows"] = figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="1,3,26")
    parser.add_argument(
        "--table-rows",
        default="1000,2000,4000,10000",
        help="rows of the long-table measurement; empty to leave it out",
    )
    parser.add_argument("--only-tables", action="store_true", help="measure only the long tables")
    args = parser.parse_args()
    table_rows = [int(s) for s in args.table_rows.split(",") if s.strip()]
    if args.only_tables:
        with tempfile.TemporaryDirectory() as tmp:
            results_only: dict[str, object] = {}
            table_scaling(Path(tmp), table_rows, results_only)
        print("\n" + json.dumps(results_only))
        return
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
        if table_rows:
            table_scaling(work, table_rows, results)
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
