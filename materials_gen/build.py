"""The pipeline, end to end: load -> validate -> tailor -> template -> parse -> render -> write.

Each stage is a function of the previous stage's value, in its own module: planning what to
make (plan.py), each audience's shared edition (edition.py), deciding what is out of date
(jobs.py), rendering (rendering.py), writing (write.py). This module strings them together.
Every output is rendered in memory first and written only when all of them succeeded, so a
failed build never leaves a mix of old and new files behind.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from . import __version__
from .changes import AudienceChanges, changes, markdown, snapshot
from .contrast import contrast_problems
from .document import Document, parse
from .edition import Edition, attendees_for, deck_template_notes, speaker_notes_warnings
from .errors import (
    ContentError,
    Location,
    MaterialsError,
    OutputError,
    Problem,
    warnings_in,
    with_warnings,
)
from .jobs import AS_IT_WAS, Job, Jobs, Sources, likely_made, make_jobs
from .kinds import TemplateReads
from .load import RawProject, load_project
from .manifest import CHANGES as CHANGES_NAME
from .manifest import (
    INDEX_KINDS,
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
    translation_folders,
)
from .manifest import NAME as MANIFEST_NAME
from .model import Course
from .options import BuildOptions
from .pictures import picture_sources, read_pictures
from .plan import (
    Target,
    chosen_languages,
    course_slug,
    deck_template_file,
    edition_key,
    options_for,
    plan,
)
from .progress import Progress
from .render import RenderOptions, RenderResult
from .rendering import Rendering
from .roster import Attendee, as_typed, completed, in_language, read_roster, shown
from .sources import locating
from .stopwatch import Stopwatch
from .tailor import tailor
from .theme import Theme, load_theme
from .validate import validate
from .write import recover, write_outputs

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
    changes: str = ""  # CHANGES.md (the "what changed" report), when files were made again
    # the same report as data, for the terminal's plain-text copy and --json
    what_changed: list[AudienceChanges] = field(default_factory=list)
    version: str = ""
    date: str = ""
    seconds: dict[str, float] = field(default_factory=dict)  # by stage (see stopwatch.py)
    # what the overview page names, as this build read it (the preview shows a page after
    # every build, and reading the course again would cost most of a second)
    title: str = ""
    audiences: dict[str, str] = field(default_factory=dict)  # id -> name, in course order
    colours: dict[str, str] = field(default_factory=dict)  # the theme's, by key

    @property
    def rebuilt(self) -> list[Built]:
        return [b for b in self.built if b.status == "built"]

    @property
    def unchanged(self) -> list[Built]:
        return [b for b in self.built if b.status == "unchanged"]


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
    project does not have: told before ``watch`` or ``preview`` starts, as no save can fix
    it. Content that does not load is left for their first build to report (a save fixes
    that), and so are the names it would have checked."""
    from .plan import check_names

    check_names(None, options)  # the outputs' names need no course
    if not options.audiences and not options.languages:
        return
    try:
        project = load_project(root)
        course, _ = validate(project)
        if options.languages:
            chosen_languages(course_languages(project, course), options.languages)
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


def output_folder(root: Path, course: Course, options: BuildOptions) -> Path:
    """Where a build writes; UsageError or ContentError (course.yaml's line) when ``-o`` or
    the project's setting names a folder no build may write into (see write.py)."""
    return output_folder_of(root, options.output, course.settings.output)


def read_attendees(
    course: Course,
    options: BuildOptions,
    notes: list[Problem] | None = None,
    also: Iterable[Course] = (),
    columns: set[str] | None = None,
) -> tuple[Attendee, ...]:
    """The roster's attendees (none without --roster); ``notes`` receives what was ignored.
    An audience may be named as ``course`` names it or as any course of ``also`` does (the
    course in its other languages), and a language as any of these courses is written in.
    ``columns`` receives the roster's columns that certificates use."""
    if options.roster is None:
        return ()
    roster = Path(options.roster)
    audiences: dict[str, list[str]] = {a.id: [a.name] for a in course.audiences}
    also = list(also)
    for each in also:
        for audience in each.audiences:
            if audience.id in audiences and audience.name not in audiences[audience.id]:
                audiences[audience.id].append(audience.name)
    languages = list(dict.fromkeys(c.language for c in (course, *also)))
    return read_roster(roster, audiences, roster.as_posix(), notes, languages, columns)


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
    with _collector_eased(), _early_workers(Path(root), options, force, jobs) as ready:
        return _build(root, options, progress, force, jobs, strict, ready)


@contextmanager
def _early_workers(
    root: Path, options: BuildOptions, force: bool, jobs: int
) -> Iterator[Executor | None]:
    """Workers started before the project is read, when the build will likely make several
    outputs in a process that has not loaded the renderers yet (a fresh ``build``): the
    first worker loads them while this process reads, checks and templates (see workers.py).
    Otherwise None: the workers start with the first job, as a rebuild that makes nothing,
    or a single output in this process, needs none. Shut down when the build ends."""
    from .kinds import KINDS
    from .rendering import start_workers, stop

    kinds = [k for k in (options.kinds or KINDS) if k in KINDS]
    early = (
        jobs >= 2
        and hasattr(os, "fork")
        and not all(KINDS[k].loaded for k in kinds)
        and (force or _likely_stale(root, options))
    )
    ready = None
    if early:
        theme = _loaded_before_workers(root, kinds)
        with suppress(OSError):  # no process or pipe to be had: the first job tries again
            ready = start_workers(jobs, kinds, theme=theme, root=root)
    try:
        yield ready
    except BaseException:
        if ready is not None:  # the build stopped: its workers go at once
            stop(ready)
        raise
    finally:
        if ready is not None:
            ready.shutdown(wait=True, cancel_futures=True)


def _loaded_before_workers(root: Path, kinds: Iterable[str]) -> Theme | None:
    """What this process needs too, loaded before the workers are forked, so that they
    inherit it rather than load it again: the theme's fonts, which measuring text reads, and
    the deck's layout (python-pptx) when a deck view is built. None when the theme cannot be
    read (the build reads it again, and tells what is wrong)."""
    import datetime as dt

    from .i18n import long_date
    from .kinds import KINDS
    from .render.fonts import Fonts

    if any(KINDS[k].shares for k in kinds):  # a view of the laid-out deck
        from .render import layout, ooxml, pptx_template  # noqa: F401 - to lay it out
    with suppress(Exception):  # every output writes the date: Babel and its language's words
        long_date(dt.date(2000, 1, 1), _course_language(root) or "en")
    try:
        theme = load_theme(root)
        for family in (theme.body_font, theme.heading_font):
            Fonts(family)
    except Exception:  # noqa: BLE001 - reported by the build itself
        return None
    return theme


def load_for_more_builds(root: Path, options: BuildOptions, jobs: int) -> None:
    """Load the renderers of the outputs ``options`` asks for, their libraries and the
    theme's fonts in this process, for a process that builds again and again (``watch``,
    ``preview``) to call while it waits: the workers of its later builds are forked with
    them loaded, rather than load them again in each build (see rendering.load_renderers).
    A build on one process loads them itself, in its first build."""
    from .kinds import KINDS
    from .rendering import load_renderers

    if jobs < 2 or not hasattr(os, "fork"):
        return
    kinds = [k for k in (options.kinds or KINDS) if k in KINDS]
    if all(KINDS[k].loaded for k in kinds):
        return
    theme = _loaded_before_workers(root, kinds)  # the deck's layout code, the fonts
    load_renderers(kinds, theme, root)


def _course_language(root: Path) -> str | None:
    """The language course.yaml names, as written (not checked: the build checks it)."""
    from .manifest import course_file

    doc = course_file(root)
    language = doc.data.get("language") if doc and isinstance(doc.data, dict) else None
    return language if isinstance(language, str) else None


def _likely_stale(root: Path, options: BuildOptions) -> bool:
    """Whether the output folder looks out of date, from a glance and without reading the
    project: it has no manifest, or a file of the project is newer than it. A wrong guess
    costs time only (workers started for nothing, or later than they could have)."""
    try:
        folder = output_folder_of(root, options.output)
        built = (folder / MANIFEST_NAME).stat().st_mtime
    except (OSError, MaterialsError):
        return True
    if options.roster is not None:
        with suppress(OSError):
            if Path(options.roster).stat().st_mtime > built:
                return True
    looked = 0
    for top in (root / "content", root / "templates"):
        if top.is_symlink():  # not followed out of the project, even to look at times
            return True
        for path, _, files in os.walk(top):
            for name in files:
                looked += 1
                if looked > _GLANCE:
                    return True
                with suppress(OSError):
                    if os.stat(os.path.join(path, name)).st_mtime > built:
                        return True
    return False


_GLANCE = 2_000  # files looked at before guessing the build stale (a huge project)


@contextmanager
def _collector_eased() -> Iterator[None]:
    """Python's cycle collector eased while building. A build makes millions of short-lived
    objects, and the collector's passes over everything alive cost it about a tenth of its
    time. So what is alive when the build starts (the pipeline's modules, the project as
    loaded) is set aside (frozen; the workers are forked after a second freeze that adds the
    renderers, the fonts and the course, see rendering.py), and the collector runs less
    often; it still runs, so a long course's memory stays near what it was (500 modules:
    18 s instead of 21, 507 MB at the peak instead of 495). Afterwards all is as it was, for
    watch and preview, which build again and again in one process; a caller that froze
    objects itself keeps them frozen (nothing is frozen or thawed then)."""
    import gc

    threshold = gc.get_threshold()
    ours = gc.get_freeze_count() == 0
    if ours:
        gc.freeze()
    gc.set_threshold(5_000, 10, 10)
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        if ours:
            gc.unfreeze()


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
    project, course, theme, warnings = checked_project(root, clock)
    # text the theme's colours make hard to read: a build warns (``check`` stops on it);
    # a session plan longer than the session booked, a module with no time: as check does
    from .check import timing_warnings

    timing = timing_warnings(course, project, options.start)
    warnings = (*warnings, *contrast_problems(theme, severity="warning"), *timing)
    with clock.stage("load"):
        notes: list[Problem] = []
        told: dict[str, list[Problem]] = {}  # each translation's, told if it is built
        every = course_languages(project, course, told)
        columns: set[str] = set()
        attendees = read_attendees(course, options, notes, (c for _, c in every), columns)
        if attendees:  # a name no font draws is told at its roster line, as content is
            from .glyphs import unprintable_in

            people = [(as_typed(a.name), Location(a.file, a.line)) for a in attendees]
            people += [
                (as_typed(a.trainer), Location(a.file, a.line)) for a in attendees if a.trainer
            ]
            notes.extend(unprintable_in(people, theme))
            if _certificates_asked(options):
                notes.extend(_not_completed(attendees))
                notes.extend(_every_track(course, completed(attendees)))
        languages = chosen_languages(every, options.languages)
        for language, _ in languages:
            notes.extend(told.get(language, []))
    if attendees and len(languages) > 1:
        notes.extend(_every_language(languages, attendees, options, columns))
    targets = [
        t
        for language, each in languages
        for t in plan(each, options, in_language(attendees, each.language), language)
    ]
    if options.kinds:  # an output asked for by name and not made: why, as list says
        notes.extend(_not_made(course, options, attendees))
    settings = options_for(root, course, options)
    folder = output_folder(root, course, options)
    report = BuildReport(
        warnings=list(dict.fromkeys([*warnings, *notes])),  # each once, in every language
        output=folder,
        version=str(course.version),
        date=str(course.date),
        seconds=clock.seconds,
        title=str(course.title),
        audiences={
            edition_key(language, a.id): f"{a.name} ({language})" if language else a.name
            for language, each in languages
            for a in each.audiences
        },
        colours=dict(theme.colors.model_dump()),
    )
    progress.planned(targets)
    with with_warnings(report.warnings), _locked(folder), locating(root):
        _tidy(folder, report)
        previous = _previous(folder, report)
        _no_longer_made(folder, previous, targets, report, options)
        sources = _sources(root, course, options, settings, theme, previous)
        reads: dict[str, TemplateReads] = {}  # each template looked at once a build
        editions = {
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

        def arrived(job: Job, result: RenderResult, seconds: float) -> None:
            clock.add("render", seconds)
            built = _built(job, result, seconds, folder)
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
                    found.extend(exc.problems)
                    continue
                work.todo.extend(part.todo)
                work.kept.update(part.kept)
                for target in group:
                    if target.path in part.kept:
                        progress.kept(_kept_built(target, folder, part.kept[target.path]))
            results = _all_results(rendering, found)
        report.warnings.extend(deck_template_notes(editions.values(), settings))
        report.warnings.extend(speaker_notes_warnings(editions.values()))
        index = None
        if indexed:
            index = _Index(root, folder, course, theme, editions, rendering.thumbnails)
        files = _recorded(
            report, course, options, targets, work, results, previous, sources, index, editions
        )
        if strict and warnings_in(report.warnings):
            raise StrictError(warnings_in(report.warnings))
        with clock.stage("write"):
            write_outputs(folder, files, _made_before(previous))
            if _had_index(folder, previous):
                _forget_index(folder, previous, Manifest.read(folder))
    return report


def _made_before(previous: Manifest) -> set[str] | None:
    """The files the output folder's manifest lists, as read at the start of the build
    (None when it was not read: another user's seal, damaged; the writer reads it then)."""
    if previous.foreign or previous.damaged:
        return None
    return {*previous.records, *([CHANGES_NAME] if previous.changes_hash else [])}


@dataclass(frozen=True)
class _Index:
    """What the overview page (``--index``) is made from, beside the build's own records."""

    root: Path
    folder: Path
    course: Course
    theme: Theme
    editions: dict[str, Edition]
    drawn: dict[str, list[bytes]]  # thumbnails drawn with the outputs, by output path

    def files(
        self, report: BuildReport, manifest: Manifest, previous: Manifest, staged: list[Any]
    ) -> list[tuple[Path, bytes]]:
        from .overview import index_files

        def deck(audience: str) -> Any:
            return self.editions[audience].laid_out_deck

        return index_files(
            self.root,
            self.folder,
            self.course,
            self.theme,
            report,
            manifest,
            previous,
            staged,
            deck,
            self.drawn,
        )


def _had_index(folder: Path, previous: Manifest) -> bool:
    """Whether the last build wrote the overview page or thumbnails (or left their folder)."""
    from .thumbnails import FOLDER

    listed = any(r.kind in INDEX_KINDS for r in previous.records.values())
    return listed or (folder / FOLDER).is_dir()


def _forget_index(folder: Path, previous: Manifest, current: Manifest) -> None:
    """Remove the overview page's files the last build wrote and this one no longer lists
    (thumbnails of outputs that changed, or the whole page when it is no longer asked for),
    each only when it is still exactly as written (called when the last build wrote any)."""
    from .overview import stale_index_files

    stale_index_files(folder, previous, current)


def _every_language(
    languages: list[tuple[str, Course]],
    attendees: tuple[Attendee, ...],
    options: BuildOptions,
    columns: set[str],
) -> list[Problem]:
    """A roster without a language column, in a build of several languages: each person
    gets a certificate in each language, which is seldom what a trainer prints. Said once
    (a language column left empty says "every language" on purpose)."""
    if "language" in columns or not _certificates_asked(options):
        return []
    from .roster import language_names

    tags = " and ".join(
        f"{(language_names(c.language) or (c.language,))[0]} ({c.language})" for _, c in languages
    )
    return [
        Problem(
            Location(attendees[0].file, 1),
            f"the roster gives no language: each person gets a certificate in {tags}",
            "add a 'language' column (e.g. es, or Spanish) for the language of each person's "
            "certificate, or build one language with -l",
            severity="warning",
        )
    ]


def _certificates_asked(options: BuildOptions) -> bool:
    return not options.kinds or "certificates" in options.kinds


def _every_track(course: Course, attendees: tuple[Attendee, ...]) -> list[Problem]:
    """People of the roster with no audience, in a course whose audiences earn
    continuing-education hours: each gets a certificate of every audience, with its contact
    hours (as the README says an empty audience means), which an accrediting body asks
    about. Said once, at the first such row, naming a few."""
    credited = [a for a in course.audiences if a.continuing_education]
    if len(course.audiences) < 2 or not credited:
        return []
    open_ = [a for a in attendees if not a.audience]
    if not open_:
        return []
    names = _some(open_)
    ids = " or ".join(a.id for a in course.audiences)
    return [
        Problem(
            Location(open_[0].file, open_[0].line),
            f"{_people(len(open_))} in the roster {'has' if len(open_) == 1 else 'have'} "
            f"no audience ({names}): each gets a certificate for every audience, with the "
            f"contact hours of {', '.join(a.name for a in credited)}",
            f"write the audience each attended ({ids}) in the audience column; leave it "
            "empty only for someone who attended every track",
            severity="warning",
        )
    ]


def _some(people: list[Attendee]) -> str:
    """The first three people's names as typed, and how many more."""
    more = f" and {len(people) - 3} more" if len(people) > 3 else ""
    return ", ".join(shown(as_typed(a.name)) for a in people[:3]) + more


def _not_completed(attendees: tuple[Attendee, ...]) -> list[Problem]:
    """The people whose completion status says they have not completed the course: they
    get no certificate (they are still expected on the sign-in sheet). Told once."""
    left = [a for a in attendees if not a.completed]
    if not left:
        return []
    return [
        Problem(
            Location(left[0].file, left[0].line),
            f"no certificate for {_people(len(left))} whose completion status says the "
            f"course is not completed ({_some(left)})",
            severity="info",
        )
    ]


def _people(count: int) -> str:
    return "1 person" if count == 1 else f"{count} people"


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
    from .translations import status_problems, translated_courses

    translations = translated_courses(project)
    if not translations:
        return [("", course)]
    made = [(course.language, course)]
    for language, each, warnings, statuses in translations:
        said = [*warnings, *status_problems(language, statuses)]
        if isinstance(notes, dict):
            notes.setdefault(language, []).extend(said)
        elif notes is not None:
            notes.extend(said)
        made.append((language, each))
    return made


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


def _sources(
    root: Path,
    course: Course,
    options: BuildOptions,
    settings: RenderOptions,
    theme: Theme,
    previous: Manifest,
) -> Sources:
    """Today's inputs: every project file hashed once, and those that changed since the
    last build (the deck template and the roster may be anywhere)."""
    roster = Path(options.roster).resolve() if options.roster is not None else None
    known = [p for p in (deck_template_file(root, course, options), roster) if p]
    hashes = input_hashes(root, known)
    changed = sorted(
        k for k in {*hashes, *previous.inputs} if hashes.get(k) != previous.inputs.get(k)
    )
    tool = tool_version(__version__)
    was = frozenset(previous.flags)
    return Sources(root, tool, settings, options, theme, hashes, changed, known, was)


def _recorded(
    report: BuildReport,
    course: Course,
    options: BuildOptions,
    targets: list[Target],
    work: Jobs,
    results: list[tuple[RenderResult, float]],
    previous: Manifest,
    sources: Sources,
    index: _Index | None = None,
    editions: dict[str, Edition] | None = None,
) -> list[tuple[Path, bytes]]:
    """Every file to write: the outputs made, the changes report, the overview page when
    asked for (``index``), and last the manifest recording them all (so that if the
    replacing stops, it still describes the old files)."""
    manifest = Manifest(
        version=sources.tool,
        request=request_key(sources.tool, options.request()),
        records=dict(previous.records),
        snapshots=dict(previous.snapshots),
        changes_hash=previous.changes_hash,
        flags=sorted(sources.flags),
        made=[t.path.as_posix() for t in targets],
        translations=translation_folders(sources.root),
        content_of=dict(previous.content_of),
        contents=dict(previous.contents),
    )
    files = _record(report, targets, work, results, manifest, report.output)
    if not (options.kinds or options.audiences or options.languages):
        _forget_gone(manifest, report.output)
    _inputs(manifest, sources)
    changes = _what_changed(course, editions or {}, report, previous, manifest, sources.file)
    if changes is not None:
        files.append((Path(CHANGES_NAME), changes))
        manifest.changes_hash = _digest(changes)
    from .manifest import INDEX_KINDS

    for path in [p for p, r in manifest.records.items() if r.kind in INDEX_KINDS]:
        del manifest.records[path]  # the page's files are recorded afresh, or not at all
    if index is not None:
        files.extend(index.files(report, manifest, previous, files))
    files.append((Path(MANIFEST_NAME), manifest.to_json().encode("utf-8")))
    return files


def _record(
    report: BuildReport,
    targets: list[Target],
    work: Jobs,
    results: list[tuple[RenderResult, float]],
    manifest: Manifest,
    folder: Path,
) -> list[tuple[Path, bytes]]:
    """Record every output in the manifest and the report; the files to write."""
    files: list[tuple[Path, bytes]] = []
    made: dict[Path, Built] = {}
    for job, (result, seconds) in zip(work.todo, results, strict=True):
        path = job.target.path
        for message in result.warnings:
            report.warnings.append(
                Problem(None, f"{path.as_posix()}: {message}", severity="warning")
            )
        for message in result.notes:
            report.warnings.append(Problem(None, f"{path.as_posix()}: {message}", severity="info"))
        outputs = _files_of(job, result)
        same = _same(job, result)
        for stale in [r for r in manifest.records.values() if r.part_of == path.as_posix()]:
            del manifest.records[stale.path]
        for n, (each, data) in enumerate(outputs):
            if not same:  # made again exactly as it is: the file keeps its time
                files.append((each, data))
            manifest.records[each.as_posix()] = Record(
                path=each.as_posix(),
                kind=job.target.kind.name,
                audience=job.target.key,
                fingerprint=job.fingerprint,
                output_hash=_digest(data),
                pages=result.pages if n == 0 else 0,
                size=len(data),
                inputs=dict(job.inputs) if n == 0 else {},
                part_of="" if n == 0 else path.as_posix(),
                **(job.recorded(same) if n == 0 else {}),
            )
        made[path] = _built(job, result, seconds, folder)
    for path, record in work.kept.items():
        manifest.records[path.as_posix()] = record
    report.built = [made.get(t.path) or _kept_built(t, folder, work.kept[t.path]) for t in targets]
    return files


def _same(job: Job, result: RenderResult) -> bool:
    """Whether rendering made exactly the files the last build wrote (none is rewritten)."""
    return {each.as_posix(): _digest(data) for each, data in _files_of(job, result)} == job.written


def _built(job: Job, result: RenderResult, seconds: float, folder: Path) -> Built:
    path = job.target.path
    status, why = ("unchanged", ()) if _same(job, result) else ("built", job.reasons)
    return Built(job.target, folder / path, result.pages, len(result.data), seconds, status, why)


def _kept_built(target: Target, folder: Path, record: Record) -> Built:
    return Built(target, folder / target.path, record.pages, record.size, 0.0, "unchanged")


def _files_of(job: Job, result: RenderResult) -> list[tuple[Path, bytes]]:
    """The files of one output: its own, then any further ones beside it."""
    path = job.target.path
    return [(path, result.data), *((path.parent / name, data) for name, data in result.more)]


def _checked_apart(key: str, value: str, root: Path) -> bool:
    """Whether an output's input file is one the quick check hashes beside the project's
    files: outside content/ and templates/, or inside them under a name starting with a dot
    (which the project's files leave out), still there and still inside the project."""
    if not key.startswith(("content/", "templates/")):
        return True
    if not Path(key).name.startswith(".") or value == "missing":
        return False
    path = (root / key).resolve()
    return path.is_relative_to(root.resolve()) and path.is_file()


def _inputs(manifest: Manifest, sources: Sources) -> None:
    """The input files for the quick check: the project's, and every other file an output
    read: outside content/ and templates/ (built-in templates, fonts, pictures, the deck
    template, the roster), or inside them but not among the project's files the check
    hashes anyway (a picture or a partial whose name starts with a dot)."""
    root = sources.root
    extra = {str(p) for p in sources.extra_files}
    inputs = sources.project_hashes()
    # each file's manifest key (None: not checked apart), looked up once: the outputs share
    # their files (fonts, built-in templates), and a path is resolved at every look
    keys: dict[tuple[str, bool], str | None] = {}
    for record in manifest.records.values():
        for name, value in record.inputs.items():
            if not name.startswith("file:"):
                continue
            key = name.removeprefix("file:")
            seen = key, value == "missing"
            if seen not in keys:
                keys[seen] = None
                if _checked_apart(key, value, root):
                    path = Path(key) if Path(key).is_absolute() else (root / key).resolve()
                    extra.add(str(path))
                    keys[seen] = key_of(path, root)
            if keys[seen] is not None:
                inputs[keys[seen]] = value
    manifest.inputs = {k: v for k, v in inputs.items() if v != "missing"}
    manifest.extra_inputs = sorted(extra)


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """One build at a time in an output folder; a clear message when another is running."""
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
        yield
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


def _not_made(
    course: Course, options: BuildOptions, attendees: tuple[Attendee, ...]
) -> list[Problem]:
    """A warning for each output ``--only`` names that this build cannot make, and why."""
    from .plan import skipped

    found = []
    for each in skipped(course, options, attendees):
        if each.kind.name not in options.kinds:
            continue
        whose = f" for {each.audience.name}" if each.audience is not None else ""
        found.append(
            Problem(
                None,
                f"no {each.kind.name}{whose}: {each.why}",
                each.hint or "see 'materials-gen list' for what a build makes",
                severity="warning",
            )
        )
    return found


def _no_longer_made(
    folder: Path,
    previous: Manifest,
    targets: list[Target],
    report: BuildReport,
    options: BuildOptions,
) -> None:
    """A warning naming the files an earlier build made that this build does not, of the
    outputs it was asked for (all of them, or those --only, --audience and --language
    name): made with an option not given now (last session's certificates, a roster since
    changed), under an old slug, for a removed audience. They stay as they are, and are not
    brought up to date."""
    made = {t.path.as_posix() for t in targets}

    def asked(record: Record) -> bool:
        language, _, audience = record.audience.rpartition("/")
        return (
            (not options.kinds or record.kind in options.kinds)
            and (not options.audiences or audience in options.audiences)
            and (not options.languages or language in options.languages)
        )

    old = sorted(
        path
        for path, record in previous.records.items()
        if not record.part_of
        and record.kind not in INDEX_KINDS
        and path not in made
        and asked(record)
        and (folder / path).is_file()
    )
    if not old:
        return
    # the same output of the same audience made now under another name (a language's
    # folder once the course is translated, a new slug): the old file is only left over
    now = {(t.kind.name, a) for t in targets for a in (t.audience.id, t.key)}
    replaced = [p for p in old if (previous.records[p].kind, previous.records[p].audience) in now]
    others = [p for p in old if p not in replaced]
    if replaced:
        report.warnings.append(
            Problem(
                None,
                f"{_count_files(replaced)} an earlier build made {_are(replaced)} made by this "
                f"one under other names (a language's folder, a new slug), so left over: "
                f"{_listed(replaced)}",
                "run 'materials-gen clean' and build again to remove them",
                severity="warning",
            )
        )
    if others:
        report.warnings.append(
            Problem(
                None,
                f"{_count_files(others)} an earlier build made {_are(others)} not made by this "
                f"one, so not brought up to date: {_listed(others)}",
                "build with the options that made them (such as --roster or --tile) to update "
                "them, or run 'materials-gen clean' and build again to remove them",
                severity="warning",
            )
        )


def _count_files(paths: list[str]) -> str:
    return f"{len(paths)} file{'s' if len(paths) > 1 else ''}"


def _are(paths: list[str]) -> str:
    return "are" if len(paths) > 1 else "is"


def _listed(paths: list[str]) -> str:
    return ", ".join(paths[:4]) + (f" and {len(paths) - 4} more" if len(paths) > 4 else "")


def _previous(folder: Path, report: BuildReport) -> Manifest:
    """The last build's manifest (an empty one, with a warning, when it cannot be used; with
    a note when it is not this user's: see seal.py)."""
    previous = Manifest.read(folder)
    if previous.damaged:
        report.warnings.append(
            Problem(
                Location(str(folder / MANIFEST_NAME)),
                f"the build manifest cannot be used ({previous.damaged}); every output is rebuilt",
                severity="warning",
            )
        )
    elif previous.foreign:
        from .seal import key_places, user_key

        if user_key() is None:
            message = (
                "materials-gen found no private folder to keep its key in, so it cannot tell "
                "its own builds from files that came with a shared project: every output is "
                "built again each time"
            )
            hint = f"make a folder only you can write to: {' or '.join(key_places())}"
        else:
            message = (
                "this output folder was not built by your materials-gen (it came with a "
                "shared project, or from another user or computer, or its build manifest was "
                "edited), so no file in it is taken as built from this project's content: "
                "every output is built again"
            )
            hint = ""
        report.warnings.append(
            Problem(Location(str(folder / MANIFEST_NAME)), message, hint, severity="info")
        )
    return previous


def _digest(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def _forget_gone(manifest: Manifest, folder: Path) -> None:
    """After a whole build: forget the files an earlier build made that this one does not
    and that are gone (removed by hand): nothing is left of them to name or clean. Those
    still there stay recorded, for ``clean`` (and named: see _no_longer_made)."""
    made = set(manifest.made)
    for path, record in list(manifest.records.items()):
        if record.kind in INDEX_KINDS or (record.part_of or path) in made:
            continue
        if output_hash(folder / path) is None:
            del manifest.records[path]


def _what_changed(
    course: Course,
    editions: dict[str, Edition],
    report: BuildReport,
    previous: Manifest,
    manifest: Manifest,
    picture_hash: Callable[[str], str] | None = None,
) -> bytes | None:
    """What changed in the content of the files this build made again, in each language and
    for each audience (``picture_hash``: a picture's hash, so that one replaced under the
    same name is a change); return CHANGES.md's bytes when this build made any file again
    (``report.changes`` keeps it, and ``report.what_changed`` the content's changes): the
    content's changes, and the files made again with the content they had, with why (a
    template, the theme, an option...) or as new, so that CHANGES.md is never an earlier
    build's report. A first build has nothing to compare with: it writes none.

    Each output's record keeps the content its file shows (``manifest.content_of``): a file
    made again is compared with the content it was made from, so a build that does not make
    a file again (another language, another kind) leaves its changes to the build that
    does. A file this build looked at and kept as it was (it does not show what changed)
    shows the content of now. The overview page's snapshots, of the course's own language,
    are kept up to date too."""
    current: dict[tuple[int, str], dict[str, Any]] = {}
    # the course each edition sees is tailored once a build, by the edition
    seen = {(id(e.course), e.audience.id): e for e in editions.values()}

    def content(each: Course, audience_id: str) -> dict[str, Any]:
        key = (id(each), audience_id)
        if key not in current:
            edition = seen.get(key)
            tailored = edition.tailored if edition else tailor(each, audience_id)
            current[key] = snapshot(tailored, picture_hash, audience_id)
        return current[key]

    for audience in course.audiences:  # the overview's "who gets what"
        if any(b.target.audience.id == audience.id for b in report.built):
            manifest.snapshots[audience.id] = content(course, audience.id)
    by_edition: dict[str, list[Built]] = {}
    for built in report.built:
        by_edition.setdefault(built.target.key, []).append(built)
    sections = []
    for key, made in by_edition.items():
        edition = editions.get(key)
        if edition is None:
            continue
        now = content(edition.course, edition.audience.id)
        digest = text_hash(json.dumps(now, sort_keys=True, ensure_ascii=False))
        manifest.contents[digest] = now
        language = made[0].target.language
        name = f"{edition.audience.name} ({language})" if language else str(edition.audience.name)
        before: dict[str, list[str]] = {}  # the content a file showed -> files made again
        for built in made:
            path = built.target.path.as_posix()
            was = previous.content_of.get(path)
            manifest.content_of[path] = digest
            if (
                built.status == "built"
                and built.reasons
                and was is not None
                and was != digest
                and _shows_change(previous.records.get(path), manifest.records.get(path))
            ):
                before.setdefault(was, []).append(path)
        for was, files in before.items():
            found = changes(previous.contents.get(was), now)
            if found:
                sections.append(AudienceChanges(name, tuple(found), tuple(files)))
    shown = {p: d for p, d in manifest.content_of.items() if p in manifest.records}
    manifest.content_of = shown
    manifest.contents = {d: c for d, c in manifest.contents.items() if d in shown.values()}
    remade = _remade(report, previous, {f for s in sections for f in s.files})
    first = False
    if not sections and not remade:
        # a first build writes no report, but replaces one it finds that no build here
        # wrote (shipped with a shared project, or left by someone else's build): the
        # report is always of the last build that changed files here
        found = output_hash(report.output / CHANGES_NAME)
        if previous.records or not report.rebuilt or found in (None, previous.changes_hash):
            return None
        first = True
    report.what_changed = sections
    report.changes = markdown(
        sections, course.version, str(course.date), remade.items(), first=first
    )
    return report.changes.encode("utf-8")


def _shows_change(before: Record | None, now: Record | None) -> bool:
    """Whether a file made again shows a change of its audience's content: its template
    wrote other Markdown, or a picture it shows changed. One whose Markdown is as it was
    (a sign-in sheet made again for a new colour while a key point was edited) is told
    with the reason it was made, not under the content's changes it does not show."""
    if before is None or now is None or not before.markdown or before.markdown != now.markdown:
        return True
    made = before.made_from
    return any(n.startswith("file:content/") and made.get(n) != v for n, v in now.inputs.items())


def _remade(report: BuildReport, previous: Manifest, told: set[str]) -> dict[str, list[str]]:
    """The files this build changed that the content's changes do not name (``told``), by
    why they were made: the inputs that changed, or as new when an earlier build made
    others (a first build has nothing to tell). A file made again as it was (--force, or
    one deleted or altered by hand, put back) is no change."""
    remade: dict[str, list[str]] = {}
    for built in report.rebuilt:
        path = built.target.path.as_posix()
        if path in told or AS_IT_WAS.intersection(built.reasons):
            continue
        if built.reasons:
            why = "; ".join(built.reasons)
        elif previous.records and path not in previous.records:
            why = "made for the first time"
        else:
            continue
        remade.setdefault(why, []).append(path)
    return remade


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
