"""The pipeline, end to end: load -> validate -> tailor -> template -> parse -> render -> write.

Each stage is a function of the previous stage's value; this module only strings them
together and decides which outputs a build makes. Every output is rendered in memory first
and written only when all of them succeeded, so a failed build never leaves a mix of old
and new files behind.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import __version__, paper
from .document import Div, Document, Figure, ListBlock, Quote, parse
from .errors import Problem, UsageError, did_you_mean
from .load import load_project
from .model import Audience, Course
from .project import display_path
from .render import KINDS, Kind, RenderOptions
from .tailor import tailor
from .templating import render_template
from .theme import Theme, load_theme
from .validate import check_deck_template, validate
from .write import write_outputs


@dataclass(frozen=True)
class BuildOptions:
    """What the trainer asked for on the command line (None: use the project's setting)."""

    audiences: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    paper: str | None = None
    output: Path | None = None
    aspect: str | None = None
    deck_template: Path | None = None
    poster_size: str | None = None
    orientation: str | None = None
    bleed: str | None = None
    tile: str | None = None


@dataclass(frozen=True)
class Target:
    """One file a build makes: an output kind for one audience."""

    kind: Kind
    audience: Audience
    path: Path  # relative to the output folder

    @property
    def label(self) -> str:
        return f"{self.kind.name} for {self.audience.name}"


@dataclass(frozen=True)
class Built:
    target: Target
    path: Path
    pages: int
    size: int
    seconds: float


@dataclass
class BuildReport:
    built: list[Built] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    output: Path = Path("output")


def load_course(root: Path) -> tuple[Course, tuple[Problem, ...]]:
    """Stages 1 and 2: the validated course and any warnings."""
    return validate(load_project(root))


def course_slug(course: Course) -> str:
    if course.slug:
        return course.slug
    import re

    title = course.title if isinstance(course.title, str) else "course"
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "course"


def output_folder(root: Path, course: Course, options: BuildOptions) -> Path:
    if options.output is not None:
        return Path(options.output)
    return root / course.settings.output


def plan(course: Course, options: BuildOptions) -> list[Target]:
    """The files a build makes, checking the audiences and kinds the trainer named."""
    problems: list[Problem] = []
    known = [a.id for a in course.audiences]
    for name in options.audiences:
        if name not in known:
            problems.append(
                Problem(
                    None,
                    f"there is no audience '{name}' in content/course.yaml",
                    did_you_mean(name, known),
                )
            )
    for name in options.kinds:
        if name not in KINDS:
            problems.append(
                Problem(None, f"there is no output '{name}'", did_you_mean(name, KINDS))
            )
    if problems:
        raise UsageError(problems)
    audiences = [a for a in course.audiences if not options.audiences or a.id in options.audiences]
    tiles = options.tile or course.settings.poster.tile
    kinds = [
        k
        for k in KINDS.values()
        if (
            not options.kinds
            or k.name in options.kinds
            or (k.name == "poster-tiles" and "poster" in options.kinds)
        )
        and (k.name != "poster-tiles" or tiles)
    ]
    slug = course_slug(course)
    return [
        Target(kind, audience, Path(audience.id) / f"{slug}-{audience.id}-{kind.name}{kind.suffix}")
        for audience in audiences
        for kind in kinds
    ]


def template_context(course: Course, audience: Audience, kind: Kind, paper: str) -> dict[str, Any]:
    """What a template sees (stage 3 happens here: the course is tailored to the audience)."""
    return {
        "course": tailor(course, audience.id),
        "audience": audience,
        "output": {"kind": kind.name, "paper": paper},
    }


def intermediate(root: Path, course: Course, target: Target, paper: str) -> str:
    """Stage 4: the intermediate Markdown of one output."""
    context = template_context(course, target.audience, target.kind, paper)
    return render_template(root, target.kind.template, context)


def document_of(root: Path, course: Course, target: Target, paper: str) -> Document:
    source = (
        f"intermediate {target.kind.name} for {target.audience.id} (from {target.kind.template})"
    )
    return parse(intermediate(root, course, target, paper), source)


def read_pictures(root: Path, document: Document) -> dict[str, bytes]:
    """The bytes of every picture a document shows (paths were checked by validation)."""
    found: dict[str, bytes] = {}
    for src in picture_sources(document.blocks):
        path = (root / src).resolve()
        if src in found or not path.is_relative_to(root.resolve()) or not path.is_file():
            continue
        found[src] = path.read_bytes()
    return found


def picture_sources(blocks: tuple[Any, ...]) -> list[str]:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Figure):
            out.append(block.src)
        elif isinstance(block, ListBlock):
            for item in block.items:
                out.extend(picture_sources(item))
        elif isinstance(block, (Div, Quote)):
            out.extend(picture_sources(block.children))
    return out


def options_for(root: Path, course: Course, options: BuildOptions) -> RenderOptions:
    """The renderers' options: settings overridden by the command line, files read here."""
    deck = course.settings.deck
    template: bytes | None = None
    name = "the built-in deck template"
    path = options.deck_template or (root / deck.template if deck.template else None)
    if path is not None:
        name = display_path(Path(path), root)
        problem = check_deck_template(Path(path).parent, Path(path).name)
        if problem:
            raise UsageError([Problem(None, problem[0], problem[1])])
        try:
            template = Path(path).read_bytes()
        except OSError as exc:
            raise UsageError(
                [Problem(None, f"cannot read {name}: {exc.strerror or exc}")]
            ) from None
    poster = course.settings.poster
    for name, value, reader in (
        ("--poster-size", options.poster_size, paper.size),
        ("--bleed", options.bleed, paper.length),
        ("--tile", options.tile, paper.size),
    ):
        if value is not None:
            try:
                reader(value)
            except paper.PaperError as exc:
                raise UsageError([Problem(None, f"{name}: {exc}")]) from None
    return RenderOptions(
        poster_size=options.poster_size or poster.size,
        orientation=options.orientation or poster.orientation,
        bleed=options.bleed or poster.bleed,
        tile=options.tile or poster.tile,
        paper=options.paper or course.settings.paper,
        generator=f"materials-gen {__version__}",
        aspect=options.aspect or deck.aspect,
        deck_template=template,
        deck_template_name=name,
        layouts=tuple(sorted(deck.layouts.items())),
    )


def build(root: Path, options: BuildOptions, on_built: Any = None) -> BuildReport:
    """Build every planned output; raises ContentError (nothing written) on any problem."""
    root = Path(root)
    course, warnings = load_course(root)
    paper = options.paper or course.settings.paper
    theme: Theme = load_theme(root)
    targets = plan(course, options)
    render_options = options_for(root, course, options)
    rendered: list[tuple[Target, bytes, int, float]] = []
    report = BuildReport(warnings=list(warnings), output=output_folder(root, course, options))
    for target in targets:
        start = time.perf_counter()
        document = document_of(root, course, target, paper)
        pictures = read_pictures(root, document)
        result = target.kind.load()(document, theme, replace(render_options, images=pictures))
        for message in result.warnings:
            report.warnings.append(
                Problem(None, f"{target.path.as_posix()}: {message}", severity="warning")
            )
        rendered.append((target, result.data, result.pages, time.perf_counter() - start))
    written = write_outputs(report.output, [(t.path, data) for t, data, _, _ in rendered])
    for (target, data, pages, seconds), path in zip(rendered, written, strict=True):
        built = Built(target, path, pages, len(data), seconds)
        report.built.append(built)
        if on_built:
            on_built(built)
    return report


def describe_output(path: Path, root: Path) -> str:
    return display_path(path, root)
