"""The pipeline, end to end: load -> validate -> tailor -> template -> parse -> render -> write.

Each stage is a function of the previous stage's value, in its own module: planning what to
make (plan.py), each audience's shared edition (edition.py), deciding what is out of date
(jobs.py), rendering (rendering.py), writing (write.py). This module strings them together.
Every output is rendered in memory first and written only when all of them succeeded, so a
failed build never leaves a mix of old and new files behind.
"""

from __future__ import annotations

from concurrent.futures import Executor
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import Any

from .attendance import every_language, not_made, roster_of
from .contrast import contrast_problems
from .document import Document, parse
from .edition import (
    Edition,
    attendees_for,
    deck_template_notes,
    speaker_notes_warnings,
    template_slips,
)
from .errors import (
    ContentError,
    Problem,
    UsageError,
    warnings_in,
    with_warnings,
)
from .jobs import Job, Jobs, likely_made, make_jobs, out_of_date
from .kinds import TemplateReads
from .load import RawProject, load_project
from .manifest import (
    Manifest,
    output_folder_of,
)
from .model import Course, shared_text
from .options import BuildOptions
from .pictures import picture_sources, read_pictures
from .plan import (
    Target,
    chosen_languages,
    course_slug,
    edition_key,
    options_for,
    plan,
)
from .progress import Progress
from .records import (
    BuildReport,
    Built,
    Index,
    built_hashes,
    changed_kept,
    forget_index,
    had_index,
    hashed_first,
    kept_built,
    locked,
    made_before,
    made_now,
    no_longer_made,
    previous_build,
    recorded,
    sources_of,
    tidy,
)
from .render import RenderOptions, RenderResult
from .rendering import Rendering, with_language
from .roster import Attendee, in_language
from .sources import locating
from .stopwatch import Stopwatch
from .theme import Theme, load_theme
from .validate import validate
from .warmup import collector_eased, early_workers
from .write import write_outputs

__all__ = [
    "BuildOptions",
    "Progress",
    "StrictError",
    "attendees_for",
    "BuildReport",
    "Built",
    "Target",
    "build",
    "context_of",
    "course_slug",
    "document_of",
    "intermediate",
    "load_course",
    "options_for",
    "output_folder",
    "picture_sources",
    "plan",
    "read_pictures",
]


class StrictError(ContentError):
    """``--strict``: the build had warnings, so it stopped before writing anything."""

    outcome = "--strict treats warnings as errors; no file was written or changed."


def load_course(
    root: Path, stopwatch: Stopwatch | None = None
) -> tuple[Course, tuple[Problem, ...]]:
    """Stages 1 and 2: the validated course and any warnings."""
    clock = stopwatch or Stopwatch()
    with clock.stage("load"):
        project = load_project(root)
    with clock.stage("validate"):
        return validate(project)


def check_given_names(root: Path, options: BuildOptions) -> None:
    """UsageError for each audience, output or language named on the command line that the
    project does not have, a --start that is no time of day, and an option's value a build
    refuses (--aspect with a deck template, a --tile or --bleed it cannot read): told before
    ``watch`` or ``preview`` starts, as no save can fix it. Content that does not load is
    left for their first build to report (a save fixes that), and so are the names and
    values it would have checked."""
    from .plan import check_names, check_start

    check_names(None, options)  # the outputs' names need no course
    check_start(options.start)  # --start 25:00: no save can fix it either
    named = (options.audiences, options.languages, options.aspect, options.deck_template)
    valued = (options.poster_size, options.bleed, options.tile, options.date)
    if not any((*named, *valued)):  # nothing to check against the project: not read twice
        return
    try:
        project = load_project(root)
        course, _ = validate(project)
        if options.languages:
            chosen_languages(course_languages(project, course), options.languages)
        # the options' values (--aspect with a deck template, --tile, --bleed, --date)
        options_for(root, course, options)
    except ContentError:
        return
    check_names(course, options)


def checked_course(
    root: Path, stopwatch: Stopwatch | None = None
) -> tuple[Course, Theme, tuple[Problem, ...]]:
    """Stages 1 and 2 as a build and ``check`` run them: the validated course, the theme,
    and the warnings, with one per source line holding characters no font can draw (looked
    for once in the project's own texts, so a trainer is told where to edit, whatever the
    number of audiences and outputs)."""
    _, course, theme, warnings = checked_project(root, stopwatch)
    return course, theme, warnings


def checked_project(
    root: Path, stopwatch: Stopwatch | None = None
) -> tuple[RawProject, Course, Theme, tuple[Problem, ...]]:
    """:func:`checked_course`, with the project as read (for its translations)."""
    from .glyphs import unprintable
    from .to_fill import to_fill

    clock = stopwatch or Stopwatch()
    with clock.stage("load"):
        project = load_project(root)
    with clock.stage("validate"):
        course, warnings = validate(project)
    with clock.stage("load"):
        theme = load_theme(root)
    with clock.stage("validate"):
        return project, course, theme, (*warnings, *unprintable(project, theme), *to_fill(project))


def planned_files(
    languages: list[tuple[str, Course]], options: BuildOptions, attendees: tuple[Attendee, ...]
) -> list[Target]:
    """The files a build with ``options`` makes, of each of the ``languages`` built (each
    with the roster's people in it): what `build` makes and `list` names."""
    return [
        t
        for language, each in languages
        for t in plan(each, options, in_language(attendees, each.language), language)
    ]


def refused_outputs(
    root: Path,
    languages: dict[str, Course],
    targets: list[Target],
    settings: RenderOptions,
    options: BuildOptions,
    attendees: tuple[Attendee, ...],
) -> None:
    """ContentError when a build would refuse outputs of ``targets`` (as ``list`` names
    them) short of drawing them: certificates for people the roster gives no day for, or
    printing a fact still to be filled in (each kind's own check, on the same edition as
    the build's, so the two never disagree: see Kind.refuses)."""
    problems = []
    for target in targets:
        course = languages[target.language]
        edition = Edition(
            root,
            course,
            target.audience,
            settings,
            **options.edition(),
            attendees=in_language(attendees, course.language),
        )
        try:
            target.kind.refuses(edition)
        except ContentError as exc:
            problems.extend(with_language(p, target) for p in exc.problems)
    if problems:
        with locating(root):  # at the line of the text it quotes, as the build tells it
            raise ContentError(list(dict.fromkeys(problems)))


def output_folder(root: Path, course: Course, options: BuildOptions) -> Path:
    """Where a build writes; UsageError or ContentError (course.yaml's line) when ``-o`` or
    the project's setting names a folder no build may write into (see write.py)."""
    return output_folder_of(root, options.output, course.settings.output)


def build(
    root: Path,
    options: BuildOptions,
    progress: Progress | None = None,
    force: bool = False,
    jobs: int = 1,
    strict: bool = False,
) -> BuildReport:
    """Build what is out of date; raises MaterialsError (nothing changed) on any problem.

    An output whose inputs did not change is neither rendered nor rewritten: its bytes and
    modification time stay. ``force`` rebuilds everything; ``jobs`` renders in parallel.
    All files are replaced together at the end, or none is (see write.py). ``strict``:
    a warning stops the build before anything is written (StrictError).
    """
    from .templating import template_budget

    with (
        collector_eased(),
        template_budget(),
        early_workers(Path(root), options, force, jobs) as ready,
    ):
        return _build(root, options, progress, force, jobs, strict, ready)


# the outputs that show a deck's speaker notes, whose making tells a slide that has none
_SPEAKS_NOTES = frozenset({"deck", "notes-pages"})


def _build(
    root: Path,
    options: BuildOptions,
    progress: Progress | None,
    force: bool,
    jobs: int,
    strict: bool,
    ready: Executor | None = None,
) -> BuildReport:
    root = Path(root)
    progress = progress or Progress()
    clock = progress.stopwatch or Stopwatch()
    first = hashed_first(root, options)  # before any is read (see hashed_first)
    project, course, theme, warnings = checked_project(root, clock)
    # text the theme's colours make hard to read: a build warns (``check`` stops on it);
    # what check warns of in the course as a whole, as check does
    from .check import project_warnings

    whole = project_warnings(project, course, options)
    warnings = (*warnings, *contrast_problems(theme, severity="warning"), *whole)
    with clock.stage("load"):
        notes: list[Problem] = []
        told: dict[str, list[Problem]] = {}  # each translation's, told if it is built
        every = course_languages(project, course, told)
        columns: set[str] = set()
        attendees = roster_of(course, options, (c for _, c in every), theme, notes, columns)
        languages = chosen_languages(every, options.languages)
        for language in ("", *(language for language, _ in languages)):
            notes.extend(told.get(language, []))
    if attendees and len(languages) > 1:
        notes.extend(every_language(languages, attendees, options, columns))
    targets = planned_files(languages, options, attendees)
    # an output asked for by name and not made: why, as list says
    left_out = not_made(languages, options, attendees) if options.kinds else []
    notes.extend(left_out)
    settings = options_for(root, course, options)  # (its own mistakes told first)
    folder = output_folder(root, course, options)
    if options.kinds and not targets:  # none of what was asked can be made: a mistake
        raise UsageError([replace(p, severity="error") for p in left_out])
    report = BuildReport(
        warnings=list(dict.fromkeys([*warnings, *notes])),  # each once, in every language
        output=folder,
        version=str(course.version),
        date=str(course.date),
        seconds=clock.seconds,
        title=shared_text(course.title),
        audiences={
            edition_key(language, a.id): f"{a.name} ({language})" if language else a.name
            for language, each in languages
            for a in each.audiences
        },
        colours=dict(theme.colors.model_dump()),
    )
    progress.planned(targets)
    with with_warnings(report.warnings), locked(folder), locating(root):
        tidy(folder, report)
        previous = previous_build(folder, report)
        editions = frozenset(
            edition_key(language, a.id) for language, each in every for a in each.audiences
        )
        no_longer_made(folder, previous, targets, report, options, str(course.language), editions)
        sources = sources_of(root, course, options, settings, theme, previous, first)
        reads: dict[str, TemplateReads] = {}  # each template looked at once a build

        def editions_of(languages: list[tuple[str, Course]]) -> dict[str, Edition]:
            return {
                edition_key(language, a.id): _TimedEdition(
                    clock,
                    root,
                    each,
                    a,
                    settings,
                    **options.edition(),
                    attendees=in_language(attendees, each.language),
                    theme=theme,
                    reads=reads,
                )
                for language, each in languages
                for a in each.audiences
            }

        editions = editions_of(languages)

        def arrived(job: Job, result: RenderResult, seconds: float) -> None:
            clock.add("render", seconds)
            built = made_now(job, result, seconds, folder)
            (progress.made if built.status == "built" else progress.kept)(built)

        kinds = {t.kind.name for t in targets}
        expected = sum(likely_made(t, editions[t.key], sources, previous, force) for t in targets)
        indexed = bool(options.index or course.settings.index)
        with Rendering(
            theme, jobs, kinds, arrived, thumbnails=indexed, expected=expected, ready=ready
        ) as rendering:
            work = Jobs()
            found: list[Problem] = []  # every audience's problems, told together
            for group in _by_audience(targets):
                try:
                    part = make_jobs(
                        group, editions, sources, previous, folder, force, rendering.submit
                    )
                except ContentError as exc:
                    found.extend(with_language(p, group[0]) for p in exc.problems)
                    continue
                work.todo.extend(part.todo)
                work.kept.update(part.kept)
                for target in group:
                    if target.path in part.kept:
                        progress.kept(kept_built(target, folder, part.kept[target.path]))
            results = _all_results(rendering, found)
        report.warnings.extend(deck_template_notes(editions.values()))
        report.warnings.extend(template_slips(editions.values()))
        # those of the decks made now: a deck laid out only to be found the same (after an
        # edit elsewhere in the content) tells nothing it told when it was made
        noted = {j.target.key for j in work.todo if j.target.kind.name in _SPEAKS_NOTES}
        report.warnings.extend(speaker_notes_warnings(editions, noted))
        index = None
        if indexed:
            if options.languages or options.audiences or options.kinds:
                # the page shows every file: those of the outputs not asked for that a
                # build of them would make again are marked not up to date
                asked = {t.path for t in targets}
                every_file = planned_files(every, options.unrestricted(), attendees)
                others = [t for t in every_file if t.path not in asked]
                known = {**editions_of(every), **editions}
                report.not_asked = out_of_date(others, known, sources, previous, folder)
            index = Index(root, folder, course, theme, editions, rendering.thumbnails)
        files = recorded(
            report, course, options, targets, work, results, previous, sources, index, editions
        )
        if strict and warnings_in(report.warnings):
            raise StrictError(warnings_in(report.warnings))
        with clock.stage("write"):
            aside: list[tuple[str, str]] = []
            write_outputs(folder, files, made_before(previous), built_hashes(previous), aside)
            report.warnings.extend(changed_kept(folder, aside))
            if had_index(folder, previous):
                forget_index(folder, previous, Manifest.read(folder))
    return report


def _by_audience(targets: list[Target]) -> list[list[Target]]:
    """The targets of each audience (in each language) in turn, in the order planned."""
    groups: dict[str, list[Target]] = {}
    for target in targets:
        groups.setdefault(target.key, []).append(target)
    return list(groups.values())


def course_languages(
    project: RawProject,
    course: Course,
    notes: list[Problem] | dict[str, list[Problem]] | None = None,
) -> list[tuple[str, Course]]:
    """The course (validated from ``project``) in each language it is built in: itself alone
    (no language in the output paths), or, when it is translated, itself in its own language
    then each translation; ``notes`` receives each translation's warnings and what it lacks
    or has out of date (by language, when it is a mapping: a build of some languages tells
    only theirs)."""
    from .alike import look_alikes
    from .translations import languages, odd_folders, status_problems, translated_courses

    # told whichever languages are built (key ""): folders of no language, and files named
    # as the project's own theme, templates or catalogs but for their case
    odd = odd_folders(project.root)
    odd += look_alikes(project.root, [course.language, *languages(project.root)])
    if isinstance(notes, dict):
        notes.setdefault("", []).extend(odd)
    elif notes is not None:
        notes.extend(odd)
    translations = translated_courses(project)
    if not translations:
        return [("", course)]
    made = [(course.language, course)]
    unused = _unused_files(project, course)  # whose translation nothing would print
    for language, each, warnings, statuses in translations:
        statuses = [s for s in statuses if s.source not in unused]
        said = [*warnings, *status_problems(language, statuses, project.root)]
        if isinstance(notes, dict):
            notes.setdefault(language, []).extend(said)
        elif notes is not None:
            notes.extend(said)
        made.append((language, each))
    return made


def _unused_files(project: RawProject, course: Course) -> set[str]:
    """The files of the content no output prints: module files course.yaml does not list
    and tables no module shows (each warned of as such by validation)."""
    from .validate import tables_shown

    listed = {module.id for module in course.modules}
    shown = tables_shown(course.modules, course.poster.table)
    return {
        *(raw.front.file for name, raw in project.modules.items() if name not in listed),
        *(doc.file for name, doc in project.tables.items() if name not in shown),
    }


def _all_results(rendering: Rendering, found: list[Problem]) -> list[tuple[RenderResult, float]]:
    """The rendered outputs; when an audience's outputs could not even be templated or laid
    out (``found``), the others are still rendered, so that one error names every output
    that fails, each with its audience, and a trainer fixes them all in one go."""
    try:
        results = rendering.results()
    except ContentError as exc:
        raise type(exc)(list(dict.fromkeys([*found, *exc.problems]))) from None
    if found:
        raise ContentError(list(dict.fromkeys(found)))
    return results


class _TimedEdition(Edition):
    """An edition whose templating and deck layout count toward the build's stage times."""

    def __init__(self, clock: Stopwatch, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._clock = clock

    def markdown(self, kind: Any) -> str:
        with self._clock.stage("template"):
            return super().markdown(kind)

    def document(self, kind: Any) -> Document:
        with self._clock.stage("template"):
            return super().document(kind)

    @cached_property
    def laid_out_deck(self) -> Any:
        with self._clock.stage("lay out"):
            return Edition.laid_out_deck.func(self)  # type: ignore[attr-defined]


# ---------------------------------------------------------------- one output, stage by stage


def edition_of(
    root: Path,
    course: Course,
    target: Target,
    paper: str | None = None,
    attendees: tuple[Attendee, ...] = (),
    render_options: RenderOptions | None = None,
    start: str | None = None,
    theme: Theme | None = None,
) -> Edition:
    """The edition a build would make for ``target``'s audience (``paper``: as --paper)."""
    settings = render_options or options_for(root, course, BuildOptions(paper=paper))
    return Edition(
        root, course, target.audience, settings, start=start, attendees=attendees, theme=theme
    )


def context_of(
    root: Path, course: Course, target: Target, *args: Any, **kwargs: Any
) -> dict[str, Any]:
    """Every variable the template of ``target`` sees (what the README's reference lists);
    the arguments after ``target`` are those of :func:`edition_of`."""
    return edition_of(root, course, target, *args, **kwargs).context(target.kind)


def intermediate(root: Path, course: Course, target: Target, *args: Any, **kwargs: Any) -> str:
    """Stage 4: the intermediate Markdown of one output (arguments as for :func:`edition_of`).

    A template may need the laid-out deck (the guide's slide numbers), so text too long for
    a slide can stop it: the problem then names the text's file and line, as in a build.
    """
    with locating(root):
        return edition_of(root, course, target, *args, **kwargs).markdown(target.kind)


def document_of(root: Path, course: Course, target: Target, *args: Any, **kwargs: Any) -> Document:
    """Stage 4 parsed: the document tree of one output."""
    source = (
        f"intermediate {target.kind.name} for {target.audience.id} (from {target.kind.template})"
    )
    return parse(intermediate(root, course, target, *args, **kwargs), source)
