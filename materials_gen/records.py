"""What a build made, as its report and its output folder's manifest record it.

The report (:class:`BuildReport`, each output a :class:`Built`) is what a trainer is told;
the manifest records each output with the inputs it was made from, so that the next build
makes again only what changed (see jobs.py), and ``clean`` knows what is whose. Also here:
the folder's lock (one build at a time), undoing an interrupted build, and the files an
earlier build made that this one does not.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar

from . import __version__
from .change_report import what_changed
from .changes import AudienceChanges
from .edition import Edition
from .errors import Busy, Location, OutputError, Problem
from .inputs import MISSING, ROSTER
from .jobs import Job, Jobs, Sources
from .manifest import CHANGES as CHANGES_NAME
from .manifest import (
    INDEX_KINDS,
    Lock,
    Manifest,
    Record,
    file_hash,
    input_hashes,
    key_of,
    output_hash,
    path_of,
    request_key,
    text_hash,
    tool_version,
    translation_folders,
)
from .manifest import NAME as MANIFEST_NAME
from .model import Course
from .options import BuildOptions
from .plan import Target, deck_template_file
from .render import RenderOptions, RenderResult
from .theme import Theme
from .write import NOT_MADE_HERE, recover

T = TypeVar("T")


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
    rendered: bool = True  # made this build (an unchanged one: with the bytes it had)


@dataclass
class BuildReport:
    built: list[Built] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    # of the warnings, those about the output folder as this build found it (an interrupted
    # build undone, a manifest not used): true of this build alone, so never said again by
    # one that finds nothing to rebuild (see Manifest.warnings)
    events: list[Problem] = field(default_factory=list)
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
    # the files an earlier build made, of the outputs this one was asked for, that it did
    # not make: not up to date (see no_longer_made)
    left_over: list[str] = field(default_factory=list)
    # the files of the outputs this build was not asked for (another language's, say) that
    # a build of them would make again: not up to date (see jobs.out_of_date; only for a
    # build that writes the overview page, which shows every file)
    not_asked: list[str] = field(default_factory=list)

    @property
    def rebuilt(self) -> list[Built]:
        return [b for b in self.built if b.status == "built"]

    @property
    def unchanged(self) -> list[Built]:
        return [b for b in self.built if b.status == "unchanged"]


def made_before(previous: Manifest) -> set[str] | None:
    """The files the output folder's manifest lists, as read at the start of the build
    (None when it was not read: another user's seal, damaged; the writer reads it then)."""
    if previous.foreign or previous.damaged:
        return None
    return {*previous.records, *([CHANGES_NAME] if previous.changes_hash else [])}


def built_hashes(previous: Manifest) -> dict[str, str] | None:
    """The hash each output had when the last build wrote it, from the output folder's
    manifest (None when it was not read: see :func:`made_before`)."""
    if previous.foreign or previous.damaged:
        return None
    return {path: record.output_hash for path, record in previous.records.items()}


def changed_kept(folder: Path, kept: list[tuple[str, str]]) -> list[Problem]:
    """A warning for each output changed since it was built (by hand, or by another
    program) that this build replaced: its copy is kept beside it, under the name given."""
    return [
        Problem(
            Location(str(folder / output)),
            f"changed since it was built, and made again from the content: the changed copy "
            f"is kept beside it as '{PurePosixPath(aside).name}'",
            "changes made in an output are lost at the next build of it: make them in the "
            "content (or the deck template), or keep them in a copy under another name",
            severity="warning",
        )
        for output, aside in kept
    ]


@dataclass(frozen=True)
class Index:
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


def had_index(folder: Path, previous: Manifest) -> bool:
    """Whether the last build wrote the overview page or thumbnails (or left their folder)."""
    from .thumbnails import FOLDER

    listed = any(r.kind in INDEX_KINDS for r in previous.records.values())
    return listed or (folder / FOLDER).is_dir()


def forget_index(folder: Path, previous: Manifest, current: Manifest) -> None:
    """Remove the overview page's files the last build wrote and this one no longer lists
    (thumbnails of outputs that changed, or the whole page when it is no longer asked for),
    each only when it is still exactly as written (called when the last build wrote any)."""
    from .overview import stale_index_files

    stale_index_files(folder, previous, current)


def hashed_first(root: Path, options: BuildOptions) -> dict[str, str]:
    """The hashes of the project's files and of those the options name (the roster, a deck
    template), taken before the build reads any of them: a file saved while it runs is then
    recorded as it was before (and built again next time), never as the text it saved,
    which the build did not use (every later build found the outputs up to date)."""
    named = [Path(p).resolve() for p in (options.roster, options.deck_template) if p is not None]
    return input_hashes(root, named)


def sources_of(
    root: Path,
    course: Course,
    options: BuildOptions,
    settings: RenderOptions,
    theme: Theme,
    previous: Manifest,
    first: dict[str, str],
) -> Sources:
    """Today's inputs: every project file hashed once (``first``: as :func:`hashed_first`
    found them, before the build read them), and those that changed since the last build
    (the deck template and the roster may be anywhere)."""
    roster = Path(options.roster).resolve() if options.roster is not None else None
    known = [p for p in (deck_template_file(root, course, options), roster) if p]
    hashes = dict(first)
    for path in known:  # a deck template course.yaml names elsewhere: found now
        key = key_of(path, root)
        if key not in hashes and (digest := file_hash(path)) is not None:
            hashes[key] = digest
    changed = sorted(
        k for k in {*hashes, *previous.inputs} if hashes.get(k) != previous.inputs.get(k)
    )
    tool = tool_version(__version__)
    was = frozenset(previous.flags)
    return Sources(root, tool, settings, options, theme, hashes, changed, known, was)


def recorded(
    report: BuildReport,
    course: Course,
    options: BuildOptions,
    targets: list[Target],
    work: Jobs,
    results: list[tuple[RenderResult, float]],
    previous: Manifest,
    sources: Sources,
    index: Index | None = None,
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
        read_of=dict(previous.read_of),
        reads=dict(previous.reads),
        warnings=[
            _shareable(w)
            for w in report.warnings
            if w.severity != "error" and w not in report.events
        ],
    )
    # the files left over named by this build or an earlier one, until one makes them again
    now = {t.path.as_posix() for t in targets}
    manifest.left_told = sorted(
        {p for p in previous.left_told if p not in now and p in previous.records}
        | set(report.left_over)
    )
    files = _record(report, targets, work, results, manifest, report.output)
    _reads(manifest, targets, sources, editions or {})
    if not (options.kinds or options.audiences or options.languages):
        _forget_gone(manifest, report.output)
    _inputs(manifest, sources)
    changes = what_changed(course, editions or {}, report, previous, manifest, sources.file)
    if changes is not None:
        files.append((Path(CHANGES_NAME), changes))
        manifest.changes_hash = _digest(changes)
    from .manifest import INDEX_KINDS

    for path in [p for p, r in manifest.records.items() if r.kind in INDEX_KINDS]:
        del manifest.records[path]  # the page's files are recorded afresh, or not at all
    if index is not None:
        files.extend(index.files(report, manifest, previous, files))
    # (a file name in no encoding, a lone surrogate, as its JSON escape: read back the same)
    recorded = manifest.to_json().encode("utf-8", "backslashreplace")
    if not _holds(report.output / MANIFEST_NAME, recorded):  # the same record: left as it is
        files.append((Path(MANIFEST_NAME), recorded))
    return files


def _holds(path: Path, data: bytes) -> bool:
    """Whether the regular file at ``path`` holds exactly ``data`` (a forced build that made
    every file again with the same bytes rewrites none, its record of them included)."""
    try:
        if not path.is_file() or path.is_symlink() or path.stat().st_size != len(data):
            return False
        return path.read_bytes() == data
    except OSError:
        return False


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
        made[path] = made_now(job, result, seconds, folder)
    for path, record in work.kept.items():
        manifest.records[path.as_posix()] = record
    report.built = [made.get(t.path) or kept_built(t, folder, work.kept[t.path]) for t in targets]
    return files


def _same(job: Job, result: RenderResult) -> bool:
    """Whether rendering made exactly the files the last build wrote (none is rewritten)."""
    return {each.as_posix(): _digest(data) for each, data in _files_of(job, result)} == job.written


def made_now(job: Job, result: RenderResult, seconds: float, folder: Path) -> Built:
    path = job.target.path
    status, why = ("unchanged", ()) if _same(job, result) else ("built", job.reasons)
    return Built(job.target, folder / path, result.pages, len(result.data), seconds, status, why)


def kept_built(target: Target, folder: Path, record: Record) -> Built:
    return Built(
        target, folder / target.path, record.pages, record.size, 0.0, "unchanged", (), False
    )


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
    if not Path(key).name.startswith(".") or value == MISSING:
        return False
    path = (root / key).resolve()
    return path.is_relative_to(root.resolve()) and path.is_file()


def _reads(
    manifest: Manifest, targets: list[Target], sources: Sources, editions: dict[str, Edition]
) -> None:
    """The content files each output made or kept now was found up to date with (see
    ``Manifest.reads``); those of the outputs not built this time stay as they were."""
    for target in targets:
        edition = editions.get(target.key)
        if edition is None:
            continue
        files = sources.content_read(edition.content_folder)
        key = text_hash(json.dumps(files, sort_keys=True))[:16]
        manifest.reads[key] = files
        manifest.read_of[target.path.as_posix()] = key
    recorded = set(manifest.records)
    manifest.read_of = {p: k for p, k in manifest.read_of.items() if p in recorded}
    used = set(manifest.read_of.values())
    manifest.reads = {k: v for k, v in manifest.reads.items() if k in used}


def _shareable(problem: Problem) -> Problem:
    """A warning as the manifest keeps it: a file outside the project (a roster given by
    its full path) named by its name alone, as the manifest goes wherever the output folder
    is shared, and a full path tells where the trainer keeps their files (a home folder, a
    login name)."""
    found = {}
    for name in ("location", "otherwise"):
        where = getattr(problem, name)
        if where is not None and Path(where.file).is_absolute():
            found[name] = replace(where, file=Path(where.file).name)
    return replace(problem, **found) if found else problem


def _inputs(manifest: Manifest, sources: Sources) -> None:
    """The input files for the quick check: the project's, and every other file an output
    read: outside content/ and templates/ (built-in templates, fonts, pictures, the deck
    template, the roster), or inside them but not among the project's files the check
    hashes anyway (a picture or a partial whose name starts with a dot)."""
    root = sources.root
    extra = {key_of(Path(p), root) for p in sources.extra_files}  # (never absolute)
    inputs = sources.project_hashes()
    # each file's manifest key (None: not checked apart), looked up once: the outputs share
    # their files (fonts, built-in templates), and a path is resolved at every look
    keys: dict[tuple[str, bool], str | None] = {}
    for record in manifest.records.values():
        for name, value in record.inputs.items():
            if not name.startswith("file:"):
                continue
            key = name.removeprefix("file:")
            seen = key, value == MISSING
            if seen not in keys:
                keys[seen] = None
                if _checked_apart(key, value, root):
                    path = path_of(key, root).resolve()
                    keys[seen] = key_of(path, root)
                    extra.add(keys[seen])
            if keys[seen] is not None:
                inputs[keys[seen]] = value
    manifest.inputs = {k: v for k, v in inputs.items() if v != MISSING}
    manifest.extra_inputs = sorted(extra)


WAITING = "Another materials-gen build is writing to the output folder: building once it is done."


def built_when_free(build: Callable[[], T], say: Callable[[str], None]) -> T:
    """``build()``, run again every half second while another build writes to the output
    folder (``say`` is told so once): a process that builds after each save (``watch``,
    ``preview``) builds once the other is done, rather than keep the last save unbuilt. The
    other build's lock goes with it, whatever stops it, so the wait ends."""
    import time

    told = False
    while True:
        try:
            return build()
        except Busy:
            if not told:
                say(WAITING)
                told = True
            time.sleep(0.5)


@contextmanager
def locked(folder: Path) -> Iterator[None]:
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
        raise Busy(
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


def tidy(folder: Path, report: BuildReport) -> None:
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
    if NOT_MADE_HERE in undone:  # came with the folder: removed, nothing in it acted on
        said = Problem(
            Location(str(folder)),
            "a build's staging folder that no build here left (it came with the folder) was "
            "removed as it was, nothing in it acted on",
            severity="warning",
        )
        report.warnings.append(said)
        report.events.append(said)
        undone = [u for u in undone if u != NOT_MADE_HERE]
    if undone:
        said = Problem(
            Location(str(folder)),
            "an interrupted build was undone: the files it had replaced are back and "
            f"its leftovers removed ({', '.join(undone)})",
            severity="warning",
        )
        report.warnings.append(said)
        report.events.append(said)


def no_longer_made(
    folder: Path,
    previous: Manifest,
    targets: list[Target],
    report: BuildReport,
    options: BuildOptions,
    language: str,
    editions: frozenset[str],
) -> None:
    """A warning naming the files an earlier build made that this build does not, of the
    outputs it was asked for (all of them, or those --only, --audience and --language
    name): made with an option not given now (last session's certificates, a roster since
    changed), under an old slug, for a removed audience. They stay as they are, and are not
    brought up to date. ``language``: the course's own; ``editions``: the audiences the
    course has in every language (see :func:`plan.edition_key`), made now or not."""
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
    report.left_over = old
    before = len(report.warnings)
    _told_left_over(old, previous, targets, report, options, language, editions)
    # told by this build alone: not said again by one that finds nothing to rebuild
    report.events.extend(report.warnings[before:])


def _told_left_over(
    old: list[str],
    previous: Manifest,
    targets: list[Target],
    report: BuildReport,
    options: BuildOptions,
    language: str,
    editions: frozenset[str],
) -> None:
    """The warnings of :func:`no_longer_made`, of the files ``old`` not named before
    (``language``: the course's own; ``editions``: its audiences in every language)."""
    told = set(previous.left_told)
    old = [path for path in old if path not in told]  # named once, by the build that left it
    if not old:
        return
    # the same output of the same audience made now under another name (a language's
    # folder once the course is translated, a new slug): the old file is only left over
    # (an audience's own name only for the course's own language: a translation's file of
    # that audience is no other name for the course's own)
    now = {(t.kind.name, t.key) for t in targets}
    now |= {(t.kind.name, t.audience.id) for t in targets if t.language in ("", language)}

    def made_now(record: Record) -> bool:
        if (record.kind, record.audience) in now:
            return True
        # in the course's own language's folder, its translations since removed
        tag, _, audience = record.audience.rpartition("/")
        return tag == language and (record.kind, audience) in now

    replaced = [p for p in old if made_now(previous.records[p])]
    others = [p for p in old if p not in replaced]
    # of a language or an audience the course no longer has (a translation's folder
    # removed, its language changed): no option makes them again, whatever the
    # roster names
    gone = [p for p in others if previous.records[p].audience not in editions]
    others = [p for p in others if p not in gone]
    # made from a roster, and a roster given now: it names nobody they are for any more,
    # and they still name the people of the one they were made from
    named = [p for p in others if options.roster and ROSTER in previous.records[p].made_from]
    others = [p for p in others if p not in named]
    if named:
        report.warnings.append(
            Problem(
                None,
                f"{_count_files(named)} an earlier build made from a roster {_are(named)} not "
                f"made from {Path(options.roster).name}, which names nobody for "
                f"{_it(named, 'it', 'them')}: {_it(named)} still {_name(named)} the people of "
                f"the earlier roster: {', '.join(named)}",
                f"run 'materials-gen clean' and build again to remove {_it(named, 'it', 'them')}"
                f" (or keep {_it(named, 'it', 'them')} for that roster's session)",
                severity="warning",
            )
        )
    if replaced:
        _left(
            report,
            f"{_count_files(replaced)} an earlier build made {_are(replaced)} made by this "
            f"one under other names (a language's folder, a new slug), so left over: "
            f"{_listed(replaced)}",
        )
    if gone:
        _left(
            report,
            f"{_count_files(gone)} an earlier build made {_are(gone)} of a language or "
            f"audience the course no longer has, so left as {_it(gone)} {_are(gone)}: "
            f"{_listed(gone)}",
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


def _left(report: BuildReport, message: str) -> None:
    """The warning of files left over that no option makes again: only clean removes them."""
    hint = "run 'materials-gen clean' and build again to remove them"
    report.warnings.append(Problem(None, message, hint, severity="warning"))


def _count_files(paths: list[str]) -> str:
    return f"{len(paths)} file{'s' if len(paths) > 1 else ''}"


def _are(paths: list[str]) -> str:
    return "are" if len(paths) > 1 else "is"


def _it(paths: list[str], one: str = "it", more: str = "they") -> str:
    return more if len(paths) > 1 else one


def _name(paths: list[str]) -> str:
    return "name" if len(paths) > 1 else "names"


def _listed(paths: list[str]) -> str:
    return ", ".join(paths[:4]) + (f" and {len(paths) - 4} more" if len(paths) > 4 else "")


def previous_build(folder: Path, report: BuildReport) -> Manifest:
    """The last build's manifest (an empty one, with a warning, when it cannot be used; with
    a note when it is not this user's: see seal.py)."""
    previous = Manifest.read(folder)
    if previous.damaged:
        said = Problem(
            Location(str(folder / MANIFEST_NAME)),
            f"the build manifest cannot be used ({previous.damaged}); every output is rebuilt",
            severity="warning",
        )
        report.warnings.append(said)
        report.events.append(said)
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
        said = Problem(Location(str(folder / MANIFEST_NAME)), message, hint, severity="info")
        report.warnings.append(said)
        report.events.append(said)
    return previous


def _digest(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def _forget_gone(manifest: Manifest, folder: Path) -> None:
    """After a whole build: forget the files an earlier build made that this one does not
    and that are gone (removed by hand): nothing is left of them to name or clean. Those
    still there stay recorded, for ``clean`` (and named: see no_longer_made)."""
    made = set(manifest.made)
    for path, record in list(manifest.records.items()):
        if record.kind in INDEX_KINDS or (record.part_of or path) in made:
            continue
        if output_hash(folder / path) is None:
            del manifest.records[path]
