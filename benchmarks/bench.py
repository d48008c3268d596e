"""How fast materials-gen builds, beside the same work done by the bare libraries.

Run from the repository root:  python benchmarks/bench.py [--runs 3] [--sizes 1,25] [--jobs 2]
                                [--without KIND] [--table-rows 1000,2000,4000,10000]
                                [--no-limits] [--only-tables] [--pandoc] [--only-pandoc]

It reports medians over several runs, CPU time (user + system, the build's worker processes
included) and wall time, of:
  * the default kit in its own language built cold (every output, every audience: 22 files),
    in a fresh process, beside the *floor* (benchmarks/floor.py): the same files made again
    by python-pptx, ReportLab and pikepdf alone, with nothing left to decide. The floor's
    files are checked against the build's, slide for slide and page for page (text, notes,
    tables, pictures, run sizes, embedded fonts, tags) before any figure is printed, so the
    two are known to be the same work; both run on the same number of processes, timed in
    turn (build, floor, build, floor...) so that the machine's other work weighs on both
    alike; the floor is also timed on one process, which is how the issue measured the
    build's wall time ("two processes against one"); then the kit as it ships, in English
    and Spanish (44 files), beside its own floor;
  * a rebuild with nothing changed, and a rebuild after editing one bullet, beside the cold
    build; the same edit rebuilt in a process that stays loaded, as `watch` and `preview`
    rebuild after each save;
  * synthetic courses made by repeating the default kit's modules (1x: the kit itself; 25x:
    about 1,200 slides for clinical providers), built for one audience (every output), with
    the CPU per slide or page of the build and of its floor: flat from 1x to 25x means no
    lookup grows with the length of the course;
  * the size limits (huge paragraphs, thousands of bullets, a 50 MB picture, 500 modules);
  * a comparison table of 1,000 to 10,000 rows built into each output kind on its own (deck,
    handout, poster, printed slides, notes pages, guide): time and peak memory per kind, to
    show that each grows linearly with the rows (the poster refuses such a table at once);
  * with --pandoc (or --only-pandoc), the deck of one audience beside Pandoc's pptx writer
    making the same slides, at each course size (benchmarks/pandoc.py; Pandoc comes from
    pypandoc-binary: pip install -e ".[bench]").

Figures depend on the machine and on what else it runs; compare ratios measured in one run.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from installed import as_installed

REPO = Path(__file__).resolve().parent.parent

FLOOR = Path(__file__).resolve().parent / "floor.py"


def timed(args: list[str], cwd: Path | None = None) -> float:
    start = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return time.perf_counter() - start


def median(values: list[float]) -> float:
    return statistics.median(values)


def scaled_project(factor: int, folder: Path, translations: bool = False) -> Path:
    """The default kit with every module repeated ``factor`` times, in its own language (the
    figures the benchmark has always reported: 22 files), or with its translations too."""
    import yaml

    skip = shutil.ignore_patterns() if translations else shutil.ignore_patterns("translations")
    shutil.copytree(REPO / "content", folder / "content", ignore=skip)
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


def cpu_timed(args: list[str], cwd: Path | None = None) -> tuple[float, float]:
    """Wall and CPU seconds of a command, its worker processes included."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = timed(args, cwd)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def medians(samples: list[tuple[float, float]]) -> tuple[float, float]:
    return median([s[0] for s in samples]), median([s[1] for s in samples])


# One key point edited again and again in a process that stays loaded, as `watch` and
# `preview` rebuild: the first build of the process is left out, each rebuild after an edit
# timed (wall, and CPU with the workers'), the module restored at the end. Between builds
# the process loads what its next build's workers need, as watch and preview do while they
# wait for a save (load_for_more_builds).
WARM_EDITS = """
import json, resource, sys, time
from pathlib import Path
from materials_gen.warmup import load_for_more_builds
from materials_gen.cli import main
from materials_gen.options import BuildOptions

project, jobs, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
module = Path(project) / "content" / "modules" / "trauma-informed.md"
original = module.read_text(encoding="utf-8")

def cpu():
    me = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + workers.ru_utime + workers.ru_stime

build = ["build", "-p", project, "-j", jobs]
samples = []
try:
    main(build, standalone_mode=False)
    for n in range(runs):
        load_for_more_builds(Path(project), BuildOptions(), int(jobs))
        module.write_text(
            original.replace("Trauma is widespread", f"Trauma is widespread (warm {n})"),
            encoding="utf-8",
        )
        wall, used = time.perf_counter(), cpu()
        main(build, standalone_mode=False)
        samples.append((time.perf_counter() - wall, cpu() - used))
finally:
    module.write_text(original, encoding="utf-8")
print(json.dumps(samples))
"""


def warm_edits(project: Path, jobs: int, runs: int) -> list[tuple[float, float]]:
    """Wall and CPU seconds of each rebuild after a one-bullet edit in a loaded process."""
    done = subprocess.run(
        [sys.executable, "-c", WARM_EDITS, str(project), str(jobs), str(runs)],
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise SystemExit(f"the warm rebuilds failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return [(float(w), float(c)) for w, c in json.loads(done.stdout.splitlines()[-1])]


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "materials_gen", *args]


def counts(out: Path) -> tuple[int, int]:
    """The slides and PDF pages of the files in ``out``."""
    from pptx import Presentation
    from pypdf import PdfReader

    slides = sum(len(Presentation(str(p)).slides) for p in out.rglob("*.pptx"))
    pages = sum(len(PdfReader(str(p)).pages) for p in out.rglob("*.pdf"))
    return slides, pages


class Floor:
    """The floor of the files a build made in ``build_out`` (see floor.py): described once,
    then made as often as asked, and checked to be the same files as the build's."""

    def __init__(self, build_out: Path, work: Path, jobs: int):
        self.build_out, self.work, self.jobs = build_out, work, jobs
        shutil.rmtree(work, ignore_errors=True)
        subprocess.run(
            [sys.executable, str(FLOOR), "describe", str(build_out), str(work / "d")], check=True
        )

    def run(self, jobs: int | None = None) -> tuple[float, float]:
        """Wall and CPU seconds of making the files once (on ``jobs`` processes, by default
        the build's)."""
        shutil.rmtree(self.work / "f", ignore_errors=True)
        command = [sys.executable, str(FLOOR), "make", str(self.work / "d"), str(self.work / "f")]
        return cpu_timed(command + ["-j", str(jobs or self.jobs)])

    def checked(self) -> None:
        """Stop unless the floor's last files are the build's; then remove them."""
        check = subprocess.run(
            [sys.executable, str(FLOOR), "compare", str(self.build_out), str(self.work / "f")],
            capture_output=True,
            text=True,
        )
        if check.returncode:
            raise SystemExit("the floor did not make the same files:\n" + check.stdout)
        shutil.rmtree(self.work, ignore_errors=True)


def floor(build_out: Path, work: Path, runs: int, jobs: int) -> tuple[float, float]:
    """Wall and CPU seconds of the floor making the files in ``build_out`` (checked the same)."""
    base = Floor(build_out, work, jobs)
    samples = [base.run() for _ in range(runs)]
    base.checked()
    return medians(samples)


def cold_beside_floor(
    project: Path, work: Path, runs: int, jobs: int, single: list[tuple[float, float]] | None = None
) -> tuple[list[str], list[tuple[float, float]], list[tuple[float, float]]]:
    """The build command of ``project``, then the seconds of its cold builds and of its floor,
    run in turn (build, floor, build, floor...) so that whatever else the machine does weighs
    on both alike: their ratio is steadier than that of two series timed one after the other.
    Given ``single``, the floor is also made on one process in each turn, its seconds added
    there: the issue measured the build's wall time on two processes against that floor's.
    """
    build = cli("build", "-p", str(project), "-j", str(jobs))
    out = project / "output"
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run(build, cwd=project, check=True, capture_output=True)
    base = Floor(out, work, jobs)
    cold, floor_samples = [], []
    for _ in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        cold.append(cpu_timed(build, cwd=project))
        floor_samples.append(base.run())
        if single is not None:
            single.append(base.run(jobs=1))
    base.checked()
    return build, cold, floor_samples


def kit_figures(work: Path, runs: int, jobs: int, results: dict[str, object]) -> None:
    """The default kit: cold build beside its floor, nothing changed, one bullet edited."""
    project = scaled_project(1, work / "kit")
    out = project / "output"
    one: list[tuple[float, float]] = []  # the floor on one process, as the issue timed it
    build, cold, floor_samples = cold_beside_floor(project, work / "kit-floor", runs, jobs, one)
    slides, pages = counts(out)
    files = len([*out.rglob("*.pptx"), *out.rglob("*.pdf")])
    noop = medians([cpu_timed(build, cwd=project) for _ in range(runs)])
    module = project / "content" / "modules" / "trauma-informed.md"
    original = module.read_text(encoding="utf-8")
    edits = []
    for n in range(runs):
        module.write_text(
            original.replace("Trauma is widespread", f"Trauma is widespread ({n})"),
            encoding="utf-8",
        )
        edits.append(cpu_timed(build, cwd=project))
    module.write_text(original, encoding="utf-8")
    warm_wall, warm_cpu = medians(warm_edits(project, jobs, runs))
    base_wall, base_cpu = medians(floor_samples)
    # the kit as it ships: in English and in Spanish, beside its own floor
    every = scaled_project(1, work / "kit-languages", translations=True)
    every_out = every / "output"
    _, every_cold, every_base = cold_beside_floor(every, work / "languages-floor", runs, jobs)
    every_wall, every_cpu = medians(every_cold)
    every_files = len([*every_out.rglob("*.pptx"), *every_out.rglob("*.pdf")])
    every_floor = medians(every_base)
    wall, cpu = medians(cold)
    edit_wall, edit_cpu = medians(edits)
    print(
        f"default kit, both audiences: {files} files, {slides} slides, {pages} pages, "
        f"{jobs} processes"
    )
    print(f"{'':32} {'wall':>8} {'CPU':>8}")
    print(f"  {'cold build':<30} {wall:7.2f}s {cpu:7.2f}s")
    print(f"  {'floor (same files, checked)':<30} {base_wall:7.2f}s {base_cpu:7.2f}s")
    print(f"  {'cold build / floor':<30} {wall / base_wall:7.2f}x {cpu / base_cpu:7.2f}x")
    one_wall, one_cpu = medians(one)
    print(f"  {'floor on one process':<30} {one_wall:7.2f}s {one_cpu:7.2f}s")
    print(f"  {'cold build / floor on one':<30} {wall / one_wall:7.2f}x")
    print(f"  {'rebuild, nothing changed':<30} {noop[0]:7.2f}s {noop[1]:7.2f}s")
    print(f"  {'rebuild after one bullet':<30} {edit_wall:7.2f}s {edit_cpu:7.2f}s")
    print(f"  {'one bullet / cold build':<30} {edit_wall / wall:7.2f}x {edit_cpu / cpu:7.2f}x")
    print(f"  {'the same, loaded (watch)':<30} {warm_wall:7.2f}s {warm_cpu:7.2f}s")
    print(f"  {'  / cold build':<30} {warm_wall / wall:7.2f}x {warm_cpu / cpu:7.2f}x")
    print(
        f"  {f'cold, English + Spanish ({every_files})':<30} {every_wall:7.2f}s {every_cpu:7.2f}s"
    )
    print(f"  {'  its floor':<30} {every_floor[0]:7.2f}s {every_floor[1]:7.2f}s")
    ratio = (every_wall / every_floor[0], every_cpu / every_floor[1])
    print(f"  {'  build / floor':<30} {ratio[0]:7.2f}x {ratio[1]:7.2f}x")
    results["kit"] = {
        "files": files,
        "slides": slides,
        "pages": pages,
        "jobs": jobs,
        "cold": {"wall": round(wall, 3), "cpu": round(cpu, 3)},
        "floor": {"wall": round(base_wall, 3), "cpu": round(base_cpu, 3)},
        "floor_one_process": {"wall": round(one_wall, 3), "cpu": round(one_cpu, 3)},
        "noop": {"wall": round(noop[0], 3), "cpu": round(noop[1], 3)},
        "one_bullet": {"wall": round(edit_wall, 3), "cpu": round(edit_cpu, 3)},
        "one_bullet_loaded": {"wall": round(warm_wall, 3), "cpu": round(warm_cpu, 3)},
        "languages": {
            "files": every_files,
            "cold": {"wall": round(every_wall, 3), "cpu": round(every_cpu, 3)},
            "floor": {"wall": round(every_floor[0], 3), "cpu": round(every_floor[1], 3)},
        },
    }


def kinds_built(out: Path) -> list[str]:
    """The kinds of output in a build's folder (files are named slug-audience-kind.suffix)."""
    return sorted(
        {p.stem.split(f"-{p.parent.name}-", 1)[1] for p in out.rglob("*.*") if p.parent != out}
    )


def scaling(
    work: Path,
    sizes: list[int],
    runs: int,
    jobs: int,
    results: dict[str, object],
    without: tuple[str, ...] = (),
) -> None:
    """CPU per slide or page, of the build and of its floor, as the course grows."""
    only: list[str] = []
    if without:
        probe = scaled_project(1, work / "probe")
        subprocess.run(
            cli("build", "-p", str(probe), "-a", "clinical"), check=True, capture_output=True
        )
        for kind in kinds_built(probe / "output"):
            if kind not in without:
                only += ["--only", kind]
        shutil.rmtree(probe)
    left_out = f" but {', '.join(without)}" if without else ""
    print(f"one audience (clinical providers), every output{left_out}, {jobs} processes:")
    print(
        f"{'course':<7} {'slides':>7} {'pages':>6} {'build wall':>11} {'build CPU':>10} "
        f"{'floor CPU':>10} {'CPU/floor':>9} {'ms CPU per slide or page':>25}"
    )
    per_item: dict[int, tuple[float, float]] = {}
    for factor in sizes:
        project = scaled_project(factor, work / f"x{factor}")
        out = work / f"out{factor}"
        command = cli("build", "-p", str(project), "-o", str(out), "-a", "clinical", *only)
        samples = []
        for _ in range(runs):
            shutil.rmtree(out, ignore_errors=True)
            samples.append(cpu_timed(command + ["-j", str(jobs)]))
        wall, cpu = medians(samples)
        slides, pages = counts(out)
        _, base_cpu = floor(out, work / f"floor{factor}", runs, jobs)
        shutil.rmtree(out, ignore_errors=True)
        _, peak, _ = peak_mb(command + ["-j", str(jobs)])
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(project)
        items = slides + pages
        per_item[factor] = (cpu / items * 1000, base_cpu / items * 1000)
        print(
            f"{factor:>5}x {slides:>7} {pages:>6} {wall:>10.2f}s {cpu:>9.2f}s {base_cpu:>9.2f}s "
            f"{cpu / base_cpu:>8.2f}x {per_item[factor][0]:>9.1f} (floor {per_item[factor][1]:.1f})"
        )
        results[f"x{factor}"] = {
            "slides": slides,
            "pages": pages,
            "wall": round(wall, 3),
            "cpu": round(cpu, 3),
            "floor_cpu": round(base_cpu, 3),
            "peak_mb": round(peak),
        }
    if len(sizes) >= 2:
        small, large = min(sizes), max(sizes)
        growth = per_item[large][0] / per_item[small][0]
        base_growth = per_item[large][1] / per_item[small][1]
        print(
            f"CPU per slide or page at {large}x / at {small}x: build {growth:.2f}, "
            f"floor {base_growth:.2f} (1.00 = linear)"
        )
        results["per_item_growth"] = {"build": round(growth, 2), "floor": round(base_growth, 2)}


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
    growth(sizes, TABLE_KINDS, lambda kind, n: float(figures[kind][str(n)]["seconds"]), "rows")  # type: ignore[arg-type]
    results["table_rows"] = figures


def growth(
    sizes: list[int], kinds: tuple[str, ...], seconds: Callable[[str, int], float], unit: str
) -> None:
    """How each kind's time grows from the smallest size to the largest (linear: as much
    as the sizes)."""
    if len(sizes) < 2:
        return
    small, large = sorted(sizes)[0], sorted(sizes)[-1]
    print(f"time at {large:,} {unit} / time at {small:,} {unit} ({large / small:.1f} = linear):")
    for kind in kinds:
        print(f"  {kind:<12} {seconds(kind, large) / max(seconds(kind, small), 1e-9):5.1f}")


ROSTER_KINDS = ("sign-in", "certificates")


def roster_scaling(work: Path, sizes: list[int], results: dict[str, object]) -> None:
    """A long roster, its sign-in sheet and its certificates (all staff, one process): the
    time grows with the names, not with their square."""
    print("a long roster, its sign-in sheet and certificates (all staff, one process):")
    print(f"{'names':>7} " + " ".join(f"{kind:>16}" for kind in ROSTER_KINDS))
    project = work / "roster"
    shutil.copytree(REPO / "tests" / "projects" / "minimal", project)
    figures: dict[str, dict[str, float]] = {}
    for names in sizes:
        roster = work / f"people{names}.csv"
        roster.write_text(
            "name\n" + "".join(f"Person Number{n}\n" for n in range(names)), encoding="utf-8"
        )
        cells = []
        for kind in ROSTER_KINDS:
            command = cli("build", "-p", str(project), "-o", str(work / f"rout{names}"))
            command += ["--only", kind, "-a", "all-staff", "-j", "1", "--roster", str(roster)]
            seconds, peak, code = peak_mb(command + ["--force"])
            if code:
                raise SystemExit(f"the {kind} of {names} names did not build")
            figures.setdefault(kind, {})[str(names)] = round(seconds, 2)
            cells.append(f"{f'{seconds:6.1f} s {peak:4.0f} MB':>16}")
        shutil.rmtree(work / f"rout{names}", ignore_errors=True)
        print(f"{names:>7} " + " ".join(cells))
    growth(sizes, ROSTER_KINDS, lambda kind, n: figures[kind][str(n)], "names")
    results["roster_names"] = figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="1,25", help="course sizes, in copies of the kit")
    parser.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="processes (build and floor)"
    )
    parser.add_argument(
        "--table-rows",
        default="1000,2000,4000,10000",
        help="rows of the long-table measurement; empty to leave it out",
    )
    parser.add_argument(
        "--roster-names",
        default="1000,4000",
        help="names of the long-roster measurement; empty to leave it out",
    )
    parser.add_argument("--no-limits", action="store_true", help="leave out the size limits")
    parser.add_argument(
        "--without",
        action="append",
        default=[],
        metavar="KIND",
        help="leave this kind of output out of the scaling courses (repeatable)",
    )
    parser.add_argument("--only-tables", action="store_true", help="measure only the long tables")
    parser.add_argument(
        "--pandoc",
        action="store_true",
        help="also time the deck of one audience beside Pandoc's pptx writer "
        '(needs pypandoc-binary: pip install -e ".[bench]")',
    )
    parser.add_argument(
        "--only-pandoc", action="store_true", help="measure only the deck beside Pandoc"
    )
    args = parser.parse_args()
    as_installed()
    table_rows = [int(s) for s in args.table_rows.split(",") if s.strip()]
    if args.only_tables:
        with tempfile.TemporaryDirectory() as tmp:
            results_only: dict[str, object] = {}
            table_scaling(Path(tmp), table_rows, results_only)
        print("\n" + json.dumps(results_only))
        return
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.only_pandoc:
        import pandoc

        with tempfile.TemporaryDirectory() as tmp:
            results_only = {}
            if not pandoc.compare(Path(tmp), sizes or [1], args.runs, "clinical", results_only):
                raise SystemExit(1)
        print("\n" + json.dumps(results_only))
        return
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
        kit_figures(work, args.runs, args.jobs, results)
        print()
        if sizes:
            scaling(work, sizes, args.runs, args.jobs, results, tuple(args.without))
            print()
        if not args.no_limits:
            limits(work, results)
            print()
        if table_rows:
            table_scaling(work, table_rows, results)
            print()
        roster_names = [int(s) for s in args.roster_names.split(",") if s.strip()]
        if roster_names:
            roster_scaling(work, roster_names, results)
            print()
        if args.pandoc:
            import pandoc

            pandoc.compare(work, sizes or [1], args.runs, "clinical", results)
            print()
    print(json.dumps(results))


if __name__ == "__main__":
    main()
