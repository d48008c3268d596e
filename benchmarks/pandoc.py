"""The deck of one audience beside Pandoc's pptx writer making the same slides.

Run from the repository root:  python benchmarks/pandoc.py [--runs 3] [--sizes 1,25]
                                [--audience clinical] [--profile] [--keep DIR]
(or ``python benchmarks/bench.py --pandoc``, which adds it to the whole benchmark).

Pandoc is the yardstick the issue names: a mature, compiled Markdown-to-pptx writer. To give
it the same slides, the deck's intermediate Markdown (what ``materials-gen show deck`` prints,
the template's result) is turned into Pandoc slide Markdown: one ``##`` heading per slide with
its text, bullets, tables, pictures, columns and ``::: notes``. The conversion is not timed;
Pandoc's slides are counted with python-pptx and checked against the slides the Markdown
plans, and the count of materials-gen's own deck is printed beside them (it can be larger:
materials-gen continues a slide whose text does not fit, Pandoc lets it overflow).

Timed, each in a fresh process, median of ``--runs``, wall and CPU (user + system) of the
child process:
  * ``pandoc -f markdown -t pptx --slide-level=2 -o deck.pptx slides.md``;
  * ``python -m materials_gen build --only deck --audience ID --force -j 1``: the deck alone,
    from loading the course to writing the .pptx, on one process (Pandoc's writer uses one).
Both include their start-up; python's own start-up is printed beside them. Also timed, as
*warm*: the same build made a second time in one process through the library call
(``materials_gen.cli.main``), which leaves out Python's start, the imports and the fonts'
loading, to show how much of the deck is start-up.

At 1x it also times a fresh process that only imports the third-party packages the deck
build imported (python-pptx, lxml, ReportLab, pydantic, Jinja...): the part of a fresh
build's start-up that no change to materials-gen's own code removes; with the warm build's
time it gives the least a deck made in a fresh process can take, beside Pandoc's run.

``--profile`` adds where materials-gen's time goes: the ten largest cumulative entries of a
cProfile of the deck-only build, and its slowest imports (``python -X importtime``).

Pandoc comes from the PyPI package pypandoc-binary, which bundles the executable:
``pip install -e ".[bench]"``. Without it this script says how to install it and stops.
"""

from __future__ import annotations

import argparse
import json
import pstats
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from bench import REPO, cli, cpu_timed, median, medians, scaled_project, timed
from installed import as_installed

INSTALL = (
    "Pandoc is not installed; it comes with the pypandoc-binary package: "
    'pip install -e ".[bench]"  (or: pip install pypandoc-binary)'
)

DIV = re.compile(r"^(?P<fence>:{3,})\s*(?:\{(?P<attrs>[^}]*)\}|(?P<word>[\w-]+))\s*$")
CLOSE = re.compile(r"^:{3,}\s*$")
HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
CODE_FENCE = re.compile(r"^(```|~~~)")


def pandoc_path() -> str | None:
    """Pandoc's executable from pypandoc-binary, or None when it is not installed."""
    try:
        import pypandoc
    except ImportError:
        return None
    try:
        path = pypandoc.get_pandoc_path()
    except OSError:
        return None
    return str(path) if path and Path(path).exists() else None


# ---------------------------------------------------------------- the same slides for Pandoc


@dataclass(frozen=True)
class SlideMarkdown:
    """Pandoc's input and the number of slides it plans (one per materials-gen slide div)."""

    text: str
    slides: int


def _classes(attrs: str) -> list[str]:
    return re.findall(r"(?<![\w-])\.([\w-]+)", attrs)


def _front_matter_end(lines: list[str]) -> int:
    """The index of the first line after the YAML front matter (0 when there is none)."""
    if not lines or lines[0].strip() != "---":
        return 0
    for n, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            return n + 1
    return 0


def _slide(lines: list[str]) -> list[str]:
    """One materials-gen slide (the lines inside its div) as a Pandoc slide.

    The slide's first heading, whatever its level, becomes the ``##`` that starts the slide
    (a section slide's ``#`` too: at slide level 2 Pandoc would make a bare section-title
    slide of it and put its text on a slide of its own); a slide without a heading starts
    with a rule, Pandoc's untitled slide. Consecutive ``::: column`` divs are wrapped in the
    ``:::: columns`` Pandoc wants; ``::: notes`` are Pandoc's speaker notes already.
    """
    out: list[str] = []
    titled = False
    in_code = False
    depth = 0  # divs open inside the slide
    columns_open = False
    for line in lines:
        if CODE_FENCE.match(line):
            in_code = not in_code
        if in_code or CODE_FENCE.match(line):
            out.append(line)
            continue
        opened = DIV.match(line)
        if opened:
            classes = _classes(opened["attrs"] or "") + ([opened["word"]] if opened["word"] else [])
            if depth == 0 and "column" in classes:
                if not columns_open:
                    out.append(":::: {.columns}")
                    columns_open = True
                out.append("::: {.column}")
                depth += 1
                continue
            if depth == 0 and columns_open:
                out.append("::::")
                columns_open = False
            depth += 1
            out.append(line)
            continue
        if CLOSE.match(line):
            depth -= 1
            out.append(":::")
            continue
        if depth == 0 and columns_open and line.strip():
            out.append("::::")
            columns_open = False
        heading = HEADING.match(line)
        if heading and not titled and depth == 0:
            out.append(f"## {heading['text']}")
            titled = True
            continue
        out.append(line)
    if columns_open:
        out.append("::::")
    if not titled:
        out.insert(0, "---")
    return ["", *out, ""]


def slide_markdown(markdown: str) -> SlideMarkdown:
    """Pandoc slide Markdown making the slides of a deck's intermediate Markdown.

    The front matter is left out (Pandoc would add a title slide of its own; the deck's title
    slide is a slide div like the others). Everything between slide divs is kept as it is.
    """
    lines = markdown.splitlines()
    out: list[str] = []
    slide: list[str] | None = None
    depth = 0
    count = 0
    in_code = False
    for line in lines[_front_matter_end(lines) :]:
        if slide is None:
            opened = DIV.match(line)
            if opened and "slide" in _classes(opened["attrs"] or ""):
                slide, depth, count = [], 1, count + 1
            else:
                out.append(line)
            continue
        if CODE_FENCE.match(line):
            in_code = not in_code
        elif not in_code and DIV.match(line):
            depth += 1
        elif not in_code and CLOSE.match(line):
            depth -= 1
            if depth == 0:
                out += _slide(slide)
                slide = None
                continue
        slide.append(line)
    if slide is not None:
        raise ValueError(f"slide {count} of the deck's Markdown is not closed")
    return SlideMarkdown("\n".join(out) + "\n", count)


# ---------------------------------------------------------------- measuring


@dataclass(frozen=True)
class Figures:
    """One course size: slides made by each, and median wall and CPU seconds of each."""

    factor: int
    planned_slides: int
    pandoc_slides: int
    deck_slides: int
    pandoc_wall: float
    pandoc_cpu: float
    deck_wall: float
    deck_cpu: float
    warm_wall: float
    warm_cpu: float

    @property
    def wall_ratio(self) -> float:
        return self.deck_wall / self.pandoc_wall

    @property
    def cpu_ratio(self) -> float:
        return self.deck_cpu / self.pandoc_cpu

    @property
    def warm_ratio(self) -> float:
        return self.warm_cpu / self.pandoc_cpu


# The library call in a process that has already built the deck once: what the deck costs
# once Python has started and materials-gen, python-pptx and the fonts are loaded.
WARM = """
import sys, time
from materials_gen.cli import main
main(sys.argv[1:], standalone_mode=False)
wall, cpu = time.perf_counter(), time.process_time()
main(sys.argv[1:], standalone_mode=False)
print(time.perf_counter() - wall, time.process_time() - cpu)
"""


def warm_timed(build: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of the second of two deck builds in one process."""
    done = subprocess.run([sys.executable, "-c", WARM, *build[3:]], capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"the deck did not build:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    wall, cpu = done.stdout.split()[-2:]
    return float(wall), float(cpu)


# The third-party packages a deck build has imported once it is done: those whose files are
# in site-packages (not the standard library's, not materials-gen's own).
IMPORTED = """
import sys, sysconfig
from pathlib import Path
from materials_gen.cli import main
main(sys.argv[1:], standalone_mode=False)
places = {Path(sysconfig.get_paths()[k]).resolve() for k in ("purelib", "platlib")}
names = set()
for name, module in list(sys.modules.items()):
    where = getattr(module, "__file__", None)
    top = name.split(".")[0]
    if where and top != "materials_gen" and "." not in name and not top.startswith("_"):
        if any(place in Path(where).resolve().parents for place in places):
            names.add(top)
print(" ".join(sorted(names)))
"""


def libraries_timed(build: list[str], runs: int) -> tuple[list[str], float]:
    """The third-party packages the deck build imports, and the median wall seconds of a
    fresh process that imports only them: a fresh build's start-up that no change to
    materials-gen's own code can remove."""
    done = subprocess.run(
        [sys.executable, "-c", IMPORTED, *build[3:]], capture_output=True, text=True
    )
    if done.returncode:
        raise SystemExit(f"the deck did not build:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    names = done.stdout.splitlines()[-1].split()
    command = [sys.executable, "-c", "import " + ", ".join(names)]
    return names, median([timed(command) for _ in range(runs)])


def slide_count(path: Path) -> int:
    from pptx import Presentation

    return len(Presentation(str(path)).slides)


def deck_command(project: Path, out: Path, audience: str) -> list[str]:
    return cli(
        "build", "-p", str(project), "-o", str(out), "--only", "deck", "-a", audience,
        "--force", "-j", "1",
    )  # fmt: skip


def deck_markdown(project: Path, audience: str) -> str:
    done = subprocess.run(
        cli("show", "deck", "-a", audience, "-p", str(project)),
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise SystemExit(f"materials-gen show deck failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def measure(
    pandoc: str, project: Path, work: Path, factor: int, audience: str, runs: int
) -> Figures:
    """Pandoc and materials-gen making the deck of ``audience`` in ``project``, timed."""
    source = slide_markdown(deck_markdown(project, audience))
    slides_md = work / f"slides{factor}.md"
    slides_md.write_text(source.text, encoding="utf-8")
    pptx = work / f"pandoc{factor}.pptx"
    command = [pandoc, "-f", "markdown", "-t", "pptx", "--slide-level=2"]
    command += [f"--resource-path={project}", "-o", str(pptx), str(slides_md)]
    out = work / f"deck{factor}"
    shutil.rmtree(out, ignore_errors=True)
    build = deck_command(project, out, audience)
    pandoc_samples, deck_samples, warm_samples = [], [], []
    for _ in range(runs):  # interleaved, so that a change of load falls on all
        pptx.unlink(missing_ok=True)
        pandoc_samples.append(cpu_timed(command))
        deck_samples.append(cpu_timed(build))
        warm_samples.append(warm_timed(build))
    decks = sorted(out.rglob("*.pptx"))
    if len(decks) != 1:
        raise SystemExit(f"expected one deck in {out}, found {len(decks)}")
    pandoc_wall, pandoc_cpu = medians(pandoc_samples)
    deck_wall, deck_cpu = medians(deck_samples)
    warm_wall, warm_cpu = medians(warm_samples)
    return Figures(
        factor=factor,
        planned_slides=source.slides,
        pandoc_slides=slide_count(pptx),
        deck_slides=slide_count(decks[0]),
        pandoc_wall=pandoc_wall,
        pandoc_cpu=pandoc_cpu,
        deck_wall=deck_wall,
        deck_cpu=deck_cpu,
        warm_wall=warm_wall,
        warm_cpu=warm_cpu,
    )


def compare(
    work: Path, sizes: list[int], runs: int, audience: str, results: dict[str, object]
) -> bool:
    """Print the comparison at each course size; False (and how to install) without Pandoc."""
    pandoc = pandoc_path()
    if pandoc is None:
        print(f"Pandoc comparison left out: {INSTALL}")
        return False
    version = subprocess.run([pandoc, "--version"], capture_output=True, text=True)
    python = medians([(timed([sys.executable, "-c", "pass"]), 0.0) for _ in range(runs)])[0]
    print(
        f"the deck of one audience ({audience}) beside {version.stdout.splitlines()[0]}'s pptx "
        f"writer on the same slides, one process each, median of {runs} "
        f"(python -c pass: {python * 1000:.0f} ms):"
    )
    print(
        "  deck: `materials-gen build --only deck -a ID --force -j 1` in a fresh process;\n"
        "  warm: the same build again in a process that has made it once (no start-up)"
    )
    print(
        f"{'course':<7} {'slides md/pandoc/deck':>22} {'pandoc wall':>12} {'CPU':>6} "
        f"{'deck wall':>10} {'CPU':>6} {'warm CPU':>9} "
        f"{'deck/pandoc wall':>17} {'CPU':>6} {'warm/pandoc CPU':>16}"
    )
    figures: dict[str, object] = {}
    for factor in sizes:
        shutil.rmtree(work / f"pandoc-x{factor}", ignore_errors=True)
        project = scaled_project(factor, work / f"pandoc-x{factor}")
        f = measure(pandoc, project, work, factor, audience, runs)
        if factor == 1:
            build = deck_command(project, work / "imports", audience)
            names, imports = libraries_timed(build, runs)
        shutil.rmtree(project)
        counted = f"{f.planned_slides}/{f.pandoc_slides}/{f.deck_slides}"
        print(
            f"{factor:>5}x {counted:>22} {f.pandoc_wall:>11.2f}s {f.pandoc_cpu:>5.2f}s "
            f"{f.deck_wall:>9.2f}s {f.deck_cpu:>5.2f}s {f.warm_cpu:>8.2f}s "
            f"{f.wall_ratio:>16.2f}x {f.cpu_ratio:>5.2f}x {f.warm_ratio:>15.2f}x"
        )
        if f.pandoc_slides != f.planned_slides:
            print(
                f"        Pandoc made {f.pandoc_slides} slides where the Markdown plans "
                f"{f.planned_slides}: the conversion does not give it the same slides"
            )
        if f.deck_slides != f.planned_slides:
            print(
                f"        materials-gen's deck has {f.deck_slides - f.planned_slides} more "
                "slides than planned: continued slides (text that did not fit), which "
                "Pandoc leaves overflowing"
            )
        if factor == 1:
            least = imports + f.warm_wall
            print(
                f"        the {len(names)} packages the deck build imports ({', '.join(names)}) "
                f"take {imports:.2f}s to import in a fresh process, {imports / f.pandoc_wall:.2f}x "
                f"Pandoc's whole run; with the warm build's {f.warm_wall:.2f}s, a deck made in a "
                f"fresh process takes at least {least:.2f}s ({least / f.pandoc_wall:.2f}x Pandoc)"
            )
            figures["libraries"] = {
                "packages": names,
                "import_wall": round(imports, 3),
                "least_wall": round(least, 3),
            }
        figures[f"x{factor}"] = {
            k: round(v, 3) if isinstance(v, float) else v for k, v in asdict(f).items()
        }
        figures[f"x{factor}"]["ratio"] = {  # type: ignore[index]
            "wall": round(f.wall_ratio, 2),
            "cpu": round(f.cpu_ratio, 2),
            "warm_cpu": round(f.warm_ratio, 2),
        }
    print("deck/pandoc: the issue's target is at most 1.5x")
    results["pandoc"] = {"audience": audience, "runs": runs, "python_ms": round(python * 1000)}
    results["pandoc"].update(figures)  # type: ignore[attr-defined]
    return True


# ---------------------------------------------------------------- where the deck's time goes


def profile(work: Path, audience: str, top: int = 10) -> None:
    """The deck-only build under cProfile (largest cumulative entries) and -X importtime."""
    shutil.rmtree(work / "profile", ignore_errors=True)
    project = scaled_project(1, work / "profile")
    out = work / "profile-out"
    build = deck_command(project, out, audience)
    stats_file = work / "deck.prof"
    subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(stats_file), *build[1:]],
        check=True,
        capture_output=True,
    )
    print(
        f"materials-gen's deck ({audience}, 1x, one process) under cProfile, top {top} "
        "(python's start, click's dispatch and the import machinery left out):"
    )
    stats = pstats.Stats(str(stats_file))
    # the whole run: the largest cumulative time (the profiler's own total_tt omits its overhead)
    total = max(row[3] for row in stats.stats.values())  # type: ignore[attr-defined]
    entries = [
        (key, row)
        for key, row in stats.stats.items()  # type: ignore[attr-defined]
        if not _wrapper(key)
    ]
    for title, column in (("cumulative", 3), ("own time", 2)):
        print(f"  {title:>10} {'share':>6} {'calls':>8}  function")
        for (filename, line, name), row in sorted(entries, key=lambda e: -e[1][column])[:top]:
            seconds = row[column]
            where = f"{_short(filename)}:{line}({name})"
            print(f"  {seconds:>9.3f}s {seconds / total:>6.0%} {row[1]:>8}  {where}")
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *build[1:]], capture_output=True, text=True
    )
    imports = []
    for row in done.stderr.splitlines():
        parts = row.removeprefix("import time:").split("|")
        if len(parts) != 3 or not parts[0].strip().isdigit():
            continue
        name = parts[2].rstrip()
        if name.startswith("  "):  # a nested import: counted in its importer's cumulative
            continue
        imports.append((int(parts[1]), name.strip()))
    imports.sort(reverse=True)
    spent = sum(us for us, _ in imports)
    print(f"its imports (python -X importtime), {spent / 1e6:.2f}s in all, largest top-level:")
    for us, name in imports[:top]:
        print(f"  {us / 1e6:>9.3f}s  {name}")
    shutil.rmtree(project)
    shutil.rmtree(out, ignore_errors=True)


def _wrapper(key: tuple[str, int, str]) -> bool:
    """Profile entries that only hand on to the build (python's start, click's dispatch) or
    import modules (imports are reported on their own, from ``-X importtime``)."""
    filename, _, name = key
    return (
        (filename in ("<string>", "~") and name in ("<module>", "<built-in method builtins.exec>"))
        or filename.startswith(("<frozen runpy>", "<frozen importlib"))
        or "/click/" in filename
    )


def _short(filename: str) -> str:
    """A profile entry's file, from the package or site-packages down."""
    for marker in ("site-packages/", "lib/python"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    path = Path(filename)
    try:
        return str(path.relative_to(REPO))
    except ValueError:
        return filename


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="1,25", help="course sizes, in copies of the kit")
    parser.add_argument("--audience", default="clinical", help="the audience whose deck is made")
    parser.add_argument(
        "--profile", action="store_true", help="also profile materials-gen's deck at 1x"
    )
    parser.add_argument(
        "--keep", type=Path, help="keep Pandoc's input and both decks in this folder"
    )
    args = parser.parse_args()
    as_installed()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if pandoc_path() is None:
        raise SystemExit(INSTALL)
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        compare(work, sizes, args.runs, args.audience, results)
        if args.profile:
            print()
            profile(work, args.audience)
    print("\n" + json.dumps(results))


if __name__ == "__main__":
    main()
