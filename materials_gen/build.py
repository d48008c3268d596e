"""The pipeline, end to end: load -> validate -> tailor -> template -> parse -> render -> write.

Each stage is a function of the previous stage's value; this module only strings them
together and decides which outputs a build makes. Every output is rendered in memory first
and written only when all of them succeeded, so a failed build never leaves a mix of old
and new files behind.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import __version__, context, paper
from .changes import describe, snapshot
from .changes import report as changes_report
from .document import Div, Document, Figure, ListBlock, Quote, parse
from .errors import (
    ContentError,
    Location,
    MaterialsError,
    OutputError,
    Problem,
    UsageError,
    did_you_mean,
)
from .load import load_project
from .manifest import CHANGES as CHANGES_NAME
from .manifest import NAME as MANIFEST_NAME
from .manifest import (
    Lock,
    Manifest,
    Record,
    input_hashes,
    key_of,
    output_folder_of,
    output_hash,
    request_key,
    text_hash,
    tool_version,
)
from .model import Audience, Course
from .options import BuildOptions
from .project import display_path
from .render import KINDS, Kind, RenderOptions, RenderResult
from .roster import Attendee, read_roster
from .tailor import tailor
from .templating import render_template
from .theme import Theme, load_theme
from .validate import check_deck_template, validate
from .write import recover, write_outputs


@dataclass(frozen=True)
class Target:
    """One file a build makes: an output kind for one audience."""

    kind: Kind
    audience: Audience
    path: Path  # relative to the output folder


@dataclass(frozen=True)
class Built:
    """One output of a build: made now (``status`` "built") or left as it was ("unchanged")."""

    target: Target
    path: Path
    pages: int
    size: int
    seconds: float
    status: str = "built"
    reasons: tuple[str, ...] = ()


@dataclass
class BuildReport:
    built: list[Built] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    output: Path = Path("output")
    changes: str = ""  # the "what changed" report, when content changed

    @property
    def rebuilt(self) -> list[Built]:
        return [b for b in self.built if b.status == "built"]

    @property
    def unchanged(self) -> list[Built]:
        return [b for b in self.built if b.status == "unchanged"]


def load_course(root: Path) -> tuple[Course, tuple[Problem, ...]]:
    """Stages 1 and 2: the validated course and any warnings."""
    return validate(load_project(root))


def course_slug(course: Course) -> str:
    if course.slug:
        return course.slug
    title = course.title if isinstance(course.title, str) else "course"
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "course"


def output_folder(root: Path, course: Course, options: BuildOptions) -> Path:
    """Where a build writes; UsageError or ContentError (course.yaml's line) when ``-o`` or
    the project's setting names a folder no build may write into (see write.py)."""
    return output_folder_of(root, options.output, course.settings.output)


def attendees_for(attendees: tuple[Attendee, ...], audience_id: str) -> tuple[Attendee, ...]:
    return tuple(a for a in attendees if not a.audience or a.audience == audience_id)


def plan(
    course: Course, options: BuildOptions, attendees: tuple[Attendee, ...] = ()
) -> list[Target]:
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
    targets = []
    for audience in audiences:
        needs_questions = any(k.needs == "questions" for k in kinds)
        has_questions = needs_questions and bool(tailor(course, audience.id).questions)
        for kind in kinds:
            if kind.needs == "questions" and not has_questions:
                continue
            if kind.needs == "roster" and not attendees_for(attendees, audience.id):
                continue
            path = Path(audience.id) / f"{slug}-{audience.id}-{kind.name}{kind.suffix}"
            targets.append(Target(kind, audience, path))
    return targets


def template_context(
    course: Course, audience: Audience, kind: Kind, paper: str, attendees: tuple[Attendee, ...] = ()
) -> dict[str, Any]:
    """What a template sees: plain data of the course tailored to the audience (stage 3)."""
    return context.template_context(
        context.audience_view(course, audience),
        audience,
        {"kind": kind.name, "paper": paper},
        attendees=attendees_for(attendees, audience.id),
    )


def intermediate(root: Path, course: Course, target: Target, paper: str, *more: Any) -> str:
    """Stage 4: the intermediate Markdown of one output (``more``: as for :func:`context_of`)."""
    variables = context_of(root, course, target, paper, *more)
    return render_template(root, target.kind.template, variables)


def context_of(
    root: Path,
    course: Course,
    target: Target,
    paper: str,
    attendees: tuple[Attendee, ...] = (),
    render_options: RenderOptions | None = None,
    start: str | None = None,
    theme: Theme | None = None,
) -> dict[str, Any]:
    """Every variable the template of ``target`` sees (what the README's reference lists)."""
    variables = template_context(course, target.audience, target.kind, paper, attendees)
    if target.kind.name == "guide":
        variables.update(guide_context(root, course, target, paper, render_options, start, theme))
    return variables


def guide_context(
    root: Path,
    course: Course,
    target: Target,
    paper: str,
    render_options: RenderOptions | None,
    start: str | None = None,
    theme: Theme | None = None,
) -> dict[str, Any]:
    """What the facilitator guide needs besides the course: the session plan and, from the
    audience's deck as it will be laid out, the slide numbers of every module."""
    from .render.deck import paginate
    from .schedule import plan as session_plan

    tailored = tailor(course, target.audience.id)
    options = render_options or options_for(root, course, BuildOptions())
    deck = KINDS["deck"]
    markdown = render_template(
        root, deck.template, template_context(course, target.audience, deck, paper)
    )
    slides = paginate(parse(markdown), theme or load_theme(root), options)
    begin = start or course.settings.session.start
    guide = {"plan": session_plan(tailored, begin), "slides": slides, "start": begin}
    return {name: context.plain(value) for name, value in guide.items()}


def document_of(root: Path, course: Course, target: Target, paper: str) -> Document:
    source = (
        f"intermediate {target.kind.name} for {target.audience.id} (from {target.kind.template})"
    )
    return parse(intermediate(root, course, target, paper), source)


def read_pictures(root: Path, document: Document, source: str) -> dict[str, bytes]:
    """The bytes of every picture a document shows, each checked as validation checks them.

    Module bodies' pictures were checked already (a cached look); a picture that a template
    or another text field names gets the same checks here: inside the project, a format
    materials-gen reads, within the size limits. A picture that is not there is left out
    (the renderers show its alt text).
    """
    from .images import Trouble, check_picture

    found: dict[str, bytes] = {}
    top = root.resolve()
    for src in picture_sources(document.blocks):
        path = (root / src).resolve()
        if src in found or not path.exists():
            continue
        trouble = (
            Trouble("it is outside the project", "keep pictures in content/images/")
            if not path.is_relative_to(top)
            else check_picture(path)
        )
        if isinstance(trouble, Trouble):
            raise ContentError(
                [Problem(Location(source), f"picture '{src}': {trouble}", trouble.hint)]
            )
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
    if options.start is not None and not re.match(r"^([01]?\d|2[0-3]):[0-5]\d$", options.start):
        raise UsageError(
            [Problem(None, f"--start: '{options.start}' is not a time of day", "write e.g. 09:30")]
        )
    for flag, value, reader in (
        ("--poster-size", options.poster_size, paper.size),
        ("--bleed", options.bleed, paper.length),
        ("--tile", options.tile, paper.size),
    ):
        if value is not None:
            try:
                reader(value)
            except paper.PaperError as exc:
                raise UsageError([Problem(None, f"{flag}: {exc}")]) from None
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
        per_page=deck.per_page,
    )


@dataclass
class _Job:
    """One output to make: everything its renderer needs, and what identifies that input."""

    target: Target
    document: Document
    options: RenderOptions
    fingerprint: str


def _render(
    kind: str, document: Document, theme: Theme, options: RenderOptions
) -> tuple[RenderResult, float]:
    """Render one output (run in a worker process when building in parallel)."""
    start = time.perf_counter()
    result = KINDS[kind].load()(document, theme, options)
    return result, time.perf_counter() - start


def _render_all(jobs: list[_Job], theme: Theme, workers: int) -> list[tuple[RenderResult, float]]:
    """Render every job, in a process pool when there is more than one and more than one core.

    SOURCE_DATE_EPOCH is hidden from the renderers while they run: ReportLab would build
    each PDF's identifier from it, so the same inputs would give other bytes in another
    shell. The outputs carry the content's date instead, whatever the environment says.
    """
    with _without_build_clock():
        if workers <= 1 or len(jobs) <= 1:
            return [
                _laid_out(j, lambda j=j: _render(j.target.kind.name, j.document, theme, j.options))
                for j in jobs
            ]
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        for kind in {j.target.kind.name for j in jobs}:
            KINDS[kind].load()  # imported once here, inherited by every forked worker
        methods = multiprocessing.get_all_start_methods()
        start_method = multiprocessing.get_context("fork" if "fork" in methods else None)
        with ProcessPoolExecutor(
            max_workers=min(workers, len(jobs)), mp_context=start_method
        ) as pool:
            futures = [
                pool.submit(_render, j.target.kind.name, j.document, theme, j.options) for j in jobs
            ]
            return [_laid_out(j, f.result) for j, f in zip(jobs, futures, strict=True)]


def _laid_out(
    job: _Job, result: Callable[[], tuple[RenderResult, float]]
) -> tuple[RenderResult, float]:
    """A renderer's result; a document it cannot lay out is the template's problem, not a crash.

    Templates are the trainer's to change, so a renderer can meet a document that no built-in
    template writes (a title page without a title, a heading taller than a page). Whatever it
    raises becomes a message naming the output and the template, never a traceback.
    """
    try:
        return result()
    except MaterialsError:
        raise
    except Exception as exc:  # noqa: BLE001 - anything a renderer raises on a document
        target = job.target
        reason = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
        raise ContentError(
            [
                Problem(
                    Location(f"intermediate {target.kind.name} for {target.audience.id}"),
                    f"the {target.kind.name} cannot be laid out from what "
                    f"{target.kind.template} wrote ({reason})",
                    f"see what it wrote with: materials-gen show {target.kind.name} "
                    f"--audience {target.audience.id}",
                )
            ]
        ) from None


@contextmanager
def _without_build_clock() -> Iterator[None]:
    saved = os.environ.pop("SOURCE_DATE_EPOCH", None)
    try:
        yield
    finally:
        if saved is not None:
            os.environ["SOURCE_DATE_EPOCH"] = saved


def _theme_inputs(theme: Theme) -> list[Path]:
    """The font files the theme embeds, wherever they are (project or built-in)."""
    return sorted({*theme.body_font.files(), *theme.heading_font.files()})


def _laid_out_as_deck(kind: Kind) -> bool:
    """Outputs laid out in the deck template's geometry: the deck and its printed views."""
    return kind.template == KINDS["deck"].template


def _deck_template_file(root: Path, course: Course, options: BuildOptions) -> Path | None:
    """The deck template the build uses (by option, else by setting); None: the built-in one."""
    name = course.settings.deck.template
    given = options.deck_template or (root / name if name else None)
    return Path(given).resolve() if given is not None else None


def _relevant(path: str, kind: Kind, own: frozenset[str] = frozenset()) -> bool:
    """Could a change to input file ``path`` change an output of ``kind``?

    ``own``: the files only some outputs read (their pictures, the deck template for the
    deck's views, the roster for certificates), as input keys.
    """
    if path in own:
        return True
    if path.startswith("content/") or path.endswith(".ttf") or path == "templates/theme.yaml":
        return True
    if path.startswith("templates/"):
        name = path.removeprefix("templates/")
        main_templates = {k.template for k in KINDS.values()}
        reads = {kind.template, KINDS["deck"].template} if kind.name == "guide" else {kind.template}
        return name in reads or (name.endswith(".j2") and name not in main_templates)
    return False


def _reasons(
    target: Target,
    record: Record | None,
    folder: Path,
    changed: list[str],
    force: bool,
    own: frozenset[str] = frozenset(),
) -> tuple[str, ...]:
    if force:
        return ("--force",)
    if record is None:  # a first build needs no explanation
        return ()
    if output_hash(folder / target.path) != record.output_hash:
        return ("the file was missing or changed since it was built",)
    files = [f for f in changed if _relevant(f, target.kind, own)]
    if files:
        return tuple(f"{f} changed" for f in files)
    return ("the options, the theme or materials-gen changed",)


def build(
    root: Path,
    options: BuildOptions,
    on_built: Any = None,
    force: bool = False,
    jobs: int = 1,
) -> BuildReport:
    """Build what is out of date; raises MaterialsError (nothing changed) on any problem.

    An output whose inputs did not change is neither rendered nor rewritten: its bytes and
    modification time stay. ``force`` rebuilds everything; ``jobs`` renders in parallel.
    All files are replaced together at the end, or none is (see write.py).
    """
    root = Path(root)
    course, warnings = load_course(root)
    paper = options.paper or course.settings.paper
    theme: Theme = load_theme(root)
    attendees: tuple[Attendee, ...] = ()
    if options.roster is not None:
        roster = Path(options.roster)
        attendees = read_roster(roster, [a.id for a in course.audiences], roster.as_posix())
    targets = plan(course, options, attendees)
    render_options = options_for(root, course, options)
    folder = output_folder(root, course, options)
    report = BuildReport(warnings=list(warnings), output=folder)
    lock = Lock(folder)
    try:
        busy = not lock.acquire()
    except OSError as exc:
        raise OutputError(
            [
                Problem(
                    None,
                    f"cannot write to {folder}: {exc.strerror or exc}",
                    "choose another folder with --output, or check its permissions",
                )
            ]
        ) from None
    if busy:
        raise OutputError(
            [
                Problem(
                    None,
                    f"another materials-gen build is writing to {folder} right now",
                    "wait for it to finish, then run this build again",
                )
            ]
        )
    try:
        return _build_locked(
            attendees,
            root,
            course,
            theme,
            targets,
            render_options,
            paper,
            options,
            report,
            on_built,
            force,
            jobs,
        )
    finally:
        lock.release()


def _tidy(folder: Path, report: BuildReport) -> None:
    """Undo what an interrupted build left behind, before anything is compared with it."""
    try:
        undone = recover(folder)
    except OSError as exc:
        raise OutputError(
            [
                Problem(
                    Location(str(folder)),
                    f"cannot undo an interrupted build here: {exc.strerror or exc}",
                    "check the folder's permissions, then build again",
                )
            ]
        ) from None
    if undone:
        report.warnings.append(
            Problem(
                Location(str(folder)),
                "an interrupted build was undone: the files it had replaced are back and "
                f"its leftovers removed ({', '.join(undone)})",
                severity="warning",
            )
        )


def _build_locked(
    attendees: tuple[Attendee, ...],
    root: Path,
    course: Course,
    theme: Theme,
    targets: list[Target],
    render_options: RenderOptions,
    paper: str,
    options: BuildOptions,
    report: BuildReport,
    on_built: Any,
    force: bool,
    jobs: int,
) -> BuildReport:
    folder = report.output
    _tidy(folder, report)
    tool = tool_version(__version__)
    previous = Manifest.read(folder)
    if previous.damaged:
        report.warnings.append(
            Problem(
                Location(str(folder / MANIFEST_NAME)),
                f"the build manifest cannot be used ({previous.damaged}); every output is rebuilt",
                severity="warning",
            )
        )
    fonts = _theme_inputs(theme)
    deck_file = _deck_template_file(root, course, options)
    roster_file = Path(options.roster).resolve() if options.roster is not None else None
    extra = [*fonts, *(p for p in (deck_file, roster_file) if p is not None)]
    inputs = input_hashes(root, extra)
    theme_key = text_hash(
        theme.spec.model_dump_json(), *(inputs.get(key_of(p, root), "") for p in fonts)
    )
    deck_key = text_hash(render_options.deck_template or b"")

    planned: list[tuple[_Job, frozenset[str]]] = []
    for target in targets:
        markdown = intermediate(
            root, course, target, paper, attendees, render_options, options.start, theme
        )
        source = f"intermediate {target.kind.name} for {target.audience.id}"
        document = parse(markdown, source)
        pictures = read_pictures(root, document, f"{source} (from {target.kind.template})")
        target_options = replace(render_options, images=pictures)
        picture_key = text_hash(*(f"{k}:{text_hash(v)}" for k, v in sorted(pictures.items())))
        settings_key = repr(replace(target_options, images={}, deck_template=None))
        template_key = deck_key if _laid_out_as_deck(target.kind) else ""
        fingerprint = text_hash(
            tool,
            target.kind.name,
            markdown,
            theme_key,
            settings_key,
            picture_key,
            template_key,
        )
        own: set[str] = set()
        for src, data in pictures.items():  # pictures anywhere in the project are inputs
            picture = (root / src).resolve()
            own.add(key_of(picture, root))
            if key_of(picture, root) not in inputs:
                extra.append(picture)
                inputs[key_of(picture, root)] = text_hash_bytes(data)
        if deck_file is not None and _laid_out_as_deck(target.kind):
            own.add(key_of(deck_file, root))
        if roster_file is not None and target.kind.needs == "roster":
            own.add(key_of(roster_file, root))
        planned.append((_Job(target, document, target_options, fingerprint), frozenset(own)))

    changed = sorted(
        k for k in set(inputs) | set(previous.inputs) if inputs.get(k) != previous.inputs.get(k)
    )
    pending: list[_Job] = []
    kept: dict[Path, Built] = {}
    for job, own in planned:
        target = job.target
        record = previous.records.get(target.path.as_posix())
        up_to_date = (
            not force
            and record is not None
            and record.fingerprint == job.fingerprint
            and output_hash(folder / target.path) == record.output_hash
        )
        if up_to_date:
            assert record is not None
            kept[target.path] = Built(
                target, folder / target.path, record.pages, record.size, 0.0, "unchanged"
            )
        else:
            reasons = _reasons(target, record, folder, changed, force, own)
            pending.append(job)
            kept[target.path] = Built(target, folder / target.path, 0, 0, 0.0, "built", reasons)

    results = _render_all(pending, theme, jobs)
    for job, (result, _) in zip(pending, results, strict=True):
        for message in result.warnings:
            report.warnings.append(
                Problem(None, f"{job.target.path.as_posix()}: {message}", severity="warning")
            )

    manifest = Manifest(
        version=tool,
        request=request_key(tool, options.request()),
        inputs=inputs,
        extra_inputs=sorted({str(p) for p in extra}),
        records=dict(previous.records),
        snapshots=dict(previous.snapshots),
        changes_hash=previous.changes_hash,
    )
    files: list[tuple[Path, bytes]] = []
    for job, (result, seconds) in zip(pending, results, strict=True):
        path = job.target.path
        files.append((path, result.data))
        manifest.records[path.as_posix()] = Record(
            path=path.as_posix(),
            kind=job.target.kind.name,
            audience=job.target.audience.id,
            fingerprint=job.fingerprint,
            output_hash=text_hash_bytes(result.data),
            pages=result.pages,
            size=len(result.data),
        )
        kept[path] = replace(kept[path], pages=result.pages, size=len(result.data), seconds=seconds)
    report.built = [kept[t.path] for t in targets]
    changes = _what_changed(course, report, previous, manifest)
    if changes is not None:
        files.append((Path(CHANGES_NAME), changes))
        manifest.changes_hash = text_hash_bytes(changes)
    # The manifest goes last: if anything stops the replacing, it still describes old files.
    files.append((Path(MANIFEST_NAME), manifest.to_json().encode("utf-8")))
    write_outputs(folder, files)
    for built in report.built:
        if on_built:
            on_built(built)
    return report


def text_hash_bytes(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def _what_changed(
    course: Course, report: BuildReport, previous: Manifest, manifest: Manifest
) -> bytes | None:
    """Compare each audience's content with the last build's; keep the snapshots and the
    report (``report.changes``), and return CHANGES.md's bytes when anything changed."""
    sections = []
    for audience in course.audiences:
        rebuilt = [b for b in report.rebuilt if b.target.audience.id == audience.id]
        if not any(b.target.audience.id == audience.id for b in report.built):
            continue
        current = snapshot(tailor(course, audience.id))
        lines = describe(previous.snapshots.get(audience.id), current)
        manifest.snapshots[audience.id] = current
        if lines:
            files = [b.target.path.as_posix() for b in rebuilt]
            sections.append((audience.name, lines, files))
    if not sections:
        return None
    report.changes = changes_report(sections, course.version, str(course.date))
    return report.changes.encode("utf-8")
