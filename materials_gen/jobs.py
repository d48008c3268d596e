"""Jobs: for each planned output, whether it must be made again, and what its renderer gets.

An output is looked at twice, each time from exactly the inputs its kind declares:

1. Before templating: the values of its declared inputs (its audience's content, the
   templates it renders, the theme, the options it reads, the pictures it showed last time)
   are compared with those recorded when it was built. None changed: it is left alone,
   neither templated nor rendered.
2. After templating: its fingerprint (the intermediate Markdown plus what the renderer
   reads) is compared with the recorded one. An input changed but the Markdown it made did
   not (a module the poster does not show): the file is left alone, only its record moves.

Otherwise a :class:`Job` is made, with the reasons the trainer is shown: each declared input
whose value changed since its file was made, in words. A record moved on while its file
stayed keeps the values the file was made from (``Record.moved``), so that a later rebuild
does not blame an input that is back to the value the file shows, nor one that moved then
(found not to change the file) and not since; and when the Markdown is
the one the file was made from, the inputs only its template reads are no reason either.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .document import Document
from .edition import Edition
from .errors import ContentError
from .inputs import (
    CONTENT,
    DATE,
    FILE,
    FLAG_FIELDS,
    LARGE_PRINT,
    MISSING,
    PER_AUDIENCE,
    PICTURES,
    ROSTER,
    SETTINGS,
    SOURCE,
    START,
    TOOL,
    file_key,
    part_of,
    reasons,
    set_in_course,
)
from .kinds import KINDS, Kind, TemplateReads, template_inputs
from .manifest import (
    Manifest,
    Record,
    file_hash,
    key_of,
    output_hash,
    outside,
    path_of,
    text_hash,
)
from .options import BuildOptions
from .pictures import picture_path
from .plan import Target
from .render import RenderOptions
from .theme import Theme
from .translations import FOLDER as TRANSLATIONS_FOLDER

# Reasons that name no input: the file is made again as it was (not a change to it).
FORCED = "--force"
GONE = "the file was missing"  # deleted or moved since it was built
# a file there with no record of how it was made
UNRECORDED = (
    "no record says how the file there was made (the build manifest is missing or unusable)"
)
ALTERED = "the file was changed since it was built (by hand, or by another program)"
AS_IT_WAS = frozenset({FORCED, GONE, ALTERED})


@dataclass(frozen=True)
class Job:
    """One output to make: everything its renderer needs, and what identifies that input."""

    target: Target
    document: Document
    options: RenderOptions
    fingerprint: str
    inputs: Mapping[str, str]
    shared: Mapping[str, Any] = field(default_factory=dict)
    reasons: tuple[str, ...] = ()
    # The files of the output as the last build wrote them, still intact (path -> hash): if
    # rendering makes exactly these again, none is rewritten (under --force too: a file
    # made again as it is keeps its time).
    written: Mapping[str, str] = field(default_factory=dict)
    markdown: str = ""  # a hash of its intermediate Markdown
    record: Record | None = None  # its record in the last build's manifest
    # what it shows of each content file's part (see Edition.content_read; {}: not known)
    content_read: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    # what its Markdown is made of, of the content (see Edition.checked_read; {}: not known)
    checked_read: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def recorded(self, same: bool) -> dict[str, Any]:
        """What the output's record keeps of how its file was made (``Record.moved`` and
        ``markdown``): made now, from this job's inputs; or, when rendering made exactly
        the files it had (``same``), from the inputs it was made from before."""
        # either way the file is what these inputs make, and its template read this of them
        checked = _shown_parts(self.checked_read)
        if same and self.record is not None:
            return {
                "moved": self.record.standing_for(dict(self.inputs)),
                "markdown": self.record.markdown,
                "content_read": self.record.content_read,
                "checked_read": checked,
            }
        return {
            "moved": {},
            "markdown": self.markdown,
            "content_read": dict(self.content_read),
            "checked_read": checked,
        }


@dataclass
class Jobs:
    """What a build does with its targets: the jobs to render, and the records of the
    outputs left as they are (their files untouched, their inputs brought up to date)."""

    todo: list[Job] = field(default_factory=list)
    kept: dict[Path, Record] = field(default_factory=dict)


class Sources:
    """Today's value of every input, for one build (files hashed once each)."""

    def __init__(
        self,
        root: Path,
        tool: str,
        settings: RenderOptions,
        options: BuildOptions,
        theme: Theme,
        file_hashes: Mapping[str, str],
        changed: list[str],
        extra_files: list[Path] | tuple[Path, ...] = (),
        was_flags: frozenset[str] = frozenset(),
    ):
        from .project import find_template_file

        self.root, self.tool, self.settings = Path(root), tool, settings
        self.extra_files = tuple(extra_files)  # input files the project folder does not hold
        self._project = dict(file_hashes)
        self._hashes = dict(file_hashes)
        self._keys: dict[Path, str] = {}  # each file's key, its path resolved once a build
        self._read: dict[str, dict[str, str]] = {}  # content_read's, by content folder
        self.changed_content = [k for k in changed if k.startswith("content/")]
        self.flags = frozenset(n for n, f in FLAG_FIELDS.items() if getattr(options, f) is not None)
        self.was_flags = was_flags  # those the last build's command line set
        self.roster_name = Path(options.roster).name if options.roster is not None else ""
        theme_file = find_template_file(self.root, "theme.yaml")
        fonts = {*theme.body_font.files(), *theme.heading_font.files()}
        # what every output draws with: the theme and its fonts; and the catalogs of its
        # labels, those of its own language (see theme_files)
        self._drawing = sorted({*fonts, *([theme_file] if theme_file else [])})
        self._theme_files: dict[str, list[Path]] = {}

    def theme_files(self, language: str) -> list[Path]:
        """The files every output in ``language`` draws with: the theme, its fonts and the
        label catalogs of that language (not another's: an English output does not change
        when the Spanish labels do)."""
        found = self._theme_files.get(language)
        if found is None:
            from .i18n import catalog_files

            catalogs = catalog_files(self.root, language)
            found = self._theme_files[language] = sorted({*self._drawing, *catalogs})
        return found

    def content_read(self, folder: str) -> dict[str, str]:
        """The hashes of the content files an edition whose content is in ``folder`` reads
        (see :func:`_in_edition`), as found at the start."""
        found = self._read.get(folder)
        if found is None:  # each job and record asks: looked through once a folder
            found = self._read[folder] = {
                k: v
                for k, v in sorted(self._project.items())
                if k.startswith("content/") and _in_edition(k, folder)
            }
        return found

    def project_hashes(self) -> dict[str, str]:
        """The hashes of the project's files and the extra files, as found at the start."""
        return dict(self._project)

    def key(self, path: Path) -> str:
        """The file's name in the manifest (relative to the project when inside it)."""
        found = self._keys.get(path)
        if found is None:
            found = self._keys[path] = key_of(path, self.root)
        return found

    def file(self, path: Path | str) -> str:
        """The hash of an input file ("missing" when it is not there)."""
        key = path if isinstance(path, str) else self.key(path)
        found = self._hashes.get(key)
        if found is None:
            found = self._hashes[key] = file_hash(path_of(key, self.root)) or MISSING
        return found

    def declared(self, kind: Kind, edition: Edition) -> dict[str, str]:
        """The values of what ``kind`` reads for this audience, pictures aside."""
        reads = edition.reads(kind)
        names = template_inputs(kind, reads) | _drawn_values(kind)
        files = {*reads.files, *self.theme_files(edition.course.language)}
        if _shows_slides(kind, reads):  # the guide: the deck's template stage too
            deck = KINDS["deck"]
            deck_reads = edition.reads(deck)
            names |= template_inputs(deck, deck_reads)
            files |= set(deck_reads.files)
        values = {TOOL: self.tool}
        for name in names:
            values[name] = self.value(name, edition)
        for path in files:
            values[file_key(self.key(path))] = self.file(path)
        return values

    def value(self, name: str, edition: Edition) -> str:
        if name == CONTENT:
            return edition.content_key
        if name == START:
            return edition.start
        if name == DATE:
            return str(edition.day or "none")
        if name == LARGE_PRINT:
            return "yes" if edition.large_print else "no"
        if name == SOURCE:
            return edition.source_value
        if name == ROSTER:
            # who, not where each was read: the same roster named by another path (a build
            # run from another folder) is the same input
            people = json.dumps([repr(replace(a, file="", line=0)) for a in edition.attendees])
            # a roster naming nobody for this audience is no roster to its files: the same
            # input as none (a sheet of blank rows is the same with it or without it)
            named = self.roster_name if edition.attendees else ""
            return f"{named}\n{text_hash(people)}"
        return SETTINGS[name].value(self.settings)

    def drawn(
        self, kind: Kind, edition: Edition, inputs: Mapping[str, str], pictures: set[str]
    ) -> list[str]:
        """The inputs the renderer reads (beside the document), as ``name=value``."""
        return [f"{n}={inputs[n]}" for n in sorted(self.rendered(kind, edition, pictures))]

    def rendered(self, kind: Kind, edition: Edition, pictures: set[str]) -> set[str]:
        """The names of the inputs ``kind``'s renderer reads (beside the document): the
        others reach its file only through the Markdown its template writes."""
        theme = {file_key(self.key(p)) for p in self.theme_files(edition.course.language)}
        return _drawn_values(kind) | theme | pictures | {TOOL}


def _drawn_values(kind: Kind) -> set[str]:
    """The named values (the build's settings, the audience's) ``kind``'s renderer reads."""
    return {n for n in kind.draws_with if n in SETTINGS or n in PER_AUDIENCE}


def _shows_slides(kind: Kind, reads: TemplateReads) -> bool:
    return "slides" in kind.sees and (reads.variables is None or "slides" in reads.variables)


def make_jobs(
    targets: list[Target],
    editions: Mapping[str, Edition],
    sources: Sources,
    previous: Manifest,
    folder: Path,
    force: bool,
    on_job: Callable[[Job], None] | None = None,
) -> Jobs:
    """Decide, for each target, to keep its file or to make a job of it (see the module);
    ``on_job`` is given each job as soon as it is made (to start rendering it). Outputs that
    need nothing but their own document go first, those drawn from the laid-out deck last:
    the workers draw the first while this process lays the deck out (see :func:`_turn`)."""
    jobs = Jobs()
    for target in sorted(targets, key=lambda t: _turn(t.kind)):
        edition = editions[target.key]
        record = previous.records.get(target.path.as_posix())
        damage = _damage(folder, record, previous) if record is not None else GONE
        intact = record is not None and not damage
        kept = _kept(target, edition, sources, record) if intact and not force else None
        if kept is not None:
            jobs.kept[target.path] = kept
            continue
        job = _job(target, edition, sources, record, previous, damage, force)
        if record is None:
            job = _unrecorded(job, folder)
        jobs.todo.append(job)
        if on_job is not None:
            on_job(job)
    return jobs


def out_of_date(
    targets: list[Target],
    editions: Mapping[str, Edition],
    sources: Sources,
    previous: Manifest,
    folder: Path,
) -> list[str]:
    """Of ``targets``, outputs a build was not asked for (another language's, say), the
    paths of those whose file is as the last build wrote it and would be made again now
    (not kept: see :func:`_kept`), or cannot be made from the content as it is: not up to
    date. A file never made, or changed or deleted since, is not named (the overview page
    tells a missing one so)."""
    stale = []
    for target in targets:
        path = target.path.as_posix()
        record = previous.records.get(path)
        if record is None or _damage(folder, record, previous):
            continue
        try:
            kept = _kept(target, editions[target.key], sources, record)
        except ContentError:  # its own content has an error now: it would not be made
            kept = None
        if kept is None:
            stale.append(path)
    return stale


def _unrecorded(job: Job, folder: Path) -> Job:
    """A job for an output the manifest has no record of, whose file is there all the
    same (the manifest deleted, damaged or another user's): the file there is the one to
    compare with, so that made again the same it is not rewritten, and the reason says why
    it is made. (A build with its manifest deleted had rewritten every file, each "made"
    with no reason.)"""
    found = output_hash(folder / job.target.path)
    if found is None:  # a first build: nothing to compare, no reason needed
        return job
    return replace(
        job, written={job.target.path.as_posix(): found}, reasons=job.reasons or (UNRECORDED,)
    )


def likely_made(
    target: Target, edition: Edition, sources: Sources, previous: Manifest, force: bool
) -> bool:
    """Whether ``target`` will most likely be rendered: forced, never built, or some input
    changed (known without templating; its Markdown may still turn out the same)."""
    record = previous.records.get(target.path.as_posix())
    if force or record is None:
        return True
    return _seen(sources.declared(target.kind, edition), record, sources) != record.inputs


def _seen(declared: dict[str, str], record: Record, sources: Sources) -> dict[str, str]:
    """An output's declared inputs as they are now, with the pictures it showed last time."""
    seen = dict(declared)
    for name in record.inputs:
        if name.startswith(FILE) and name not in seen:
            seen[name] = sources.file(name.removeprefix(FILE))
    return seen


def _overtaken(root: Path, key: str) -> bool:
    """Whether a picture the last build showed from ``key`` is now another file of that
    name, found first (content/'s, added since, before the project's top: see
    :func:`pictures.picture_path`): the output shows another picture, though its Markdown
    names the same."""
    if outside(key):  # (a picture is the project's own)
        return False
    found = picture_path(root, key)
    return found is not None and found != root / key


def _turn(kind: Kind) -> tuple[bool, bool]:
    """When an output is made in its audience's turn: those that need their own document
    alone first; then, once the deck is laid out, those that show its slide numbers in a
    document of their own (the guide: pages of its own to lay out, the longest of the
    last jobs) before the views of the laid-out deck, which only draw what it holds, so
    that no worker is left alone with the longest job at the end of a build."""
    return _from_deck(kind), bool(kind.shares)


def _from_deck(kind: Kind) -> bool:
    """Whether an output is drawn from the laid-out deck, or shows its slide numbers."""
    return bool(kind.shares) or "slides" in kind.sees


def _kept(
    target: Target, edition: Edition, sources: Sources, record: Record | None
) -> Record | None:
    """The record of an output that stays as it is (its file untouched), or None.

    Kept when none of its inputs changed (not even templated); when only the content
    changed, and none of the values its template read of it when the file was last found
    up to date (not templated either: see Edition.reads_same); or when the Markdown its
    template makes now is what it made last time and nothing its renderer reads changed.
    """
    if record is None:
        return None
    kind = target.kind
    declared = sources.declared(kind, edition)
    shown_before = [n.removeprefix(FILE) for n in record.inputs if n.startswith(FILE)]
    if any(_overtaken(sources.root, key) for key in shown_before if FILE + key not in declared):
        return None  # a picture it showed is now another file, of the same name
    seen = _seen(declared, record, sources)
    if seen == record.inputs:
        return record
    inputs = dict(sorted(seen.items()))
    if _only_content_moved(seen, record.inputs) and edition.reads_same(kind, record.checked_read):
        return replace(record, inputs=inputs, moved=record.standing_for(inputs))
    # the same Markdown names the same pictures: those of the last build
    shown = {n for n in inputs if n.startswith(FILE) and n not in declared}
    markdown = edition.markdown(kind)
    drawn = sources.drawn(kind, edition, inputs, shown)
    if record.fingerprint == text_hash(kind.name, markdown, *drawn):
        # the file is what these inputs make too; the values it was made from stay known
        return replace(
            record,
            inputs=inputs,
            moved=record.standing_for(inputs),
            checked_read=_shown_parts(edition.checked_read(kind)),
        )
    return None


def _only_content_moved(now: Mapping[str, str], before: Mapping[str, str]) -> bool:
    """Whether, of an output's inputs, the content alone has another value."""
    return {n for n in {*now, *before} if now.get(n) != before.get(n)} == {CONTENT}


def _job(
    target: Target,
    edition: Edition,
    sources: Sources,
    record: Record | None,
    previous: Manifest,
    damage: str,
    force: bool,
) -> Job:
    """Everything the renderer of ``target`` needs, its fingerprint and why it is made.

    ``damage``: what became of its files since the last build wrote them (see
    :func:`_damage`); "" when they are as written (so if rendering makes the same bytes
    again, they are not rewritten, ``force`` or not).
    """
    kind = target.kind
    intact = not damage
    inputs = sources.declared(kind, edition)
    pictures = edition.pictures(kind) if PICTURES in kind.draws_with else {}
    shown = set()
    for src in pictures:  # each found (read_pictures stops at one that is not)
        name = file_key(sources.key(picture_path(sources.root, src) or sources.root / src))
        inputs[name] = sources.file(name.removeprefix(FILE))
        shown.add(name)
    inputs = dict(sorted(inputs.items()))
    markdown = edition.markdown(kind)
    options = render_options(kind, edition, sources.settings, pictures)
    drawn = sources.drawn(kind, edition, inputs, shown)
    fingerprint = text_hash(kind.name, markdown, *drawn)
    markdown_hash = text_hash(markdown)
    rendered = sources.rendered(kind, edition, shown)
    read = edition.content_read(kind)
    content_read = _shown_parts(read)
    checked_read = _shown_parts(edition.checked_read(kind, read))
    return Job(
        target=target,
        document=edition.document(kind),
        options=options,
        fingerprint=fingerprint,
        inputs=inputs,
        shared=edition.shared(kind),
        reasons=_why(
            record,
            damage,
            force,
            inputs,
            sources,
            edition,
            markdown_hash,
            rendered,
            previous.reads.get(previous.read_of.get(record.path, "")) if record else None,
            content_read,
        ),
        written=_files(record, previous) if intact and record else {},
        markdown=markdown_hash,
        record=record,
        content_read=content_read,
        checked_read=checked_read,
    )


def _shown_parts(read: Mapping[str, Mapping[str, str]] | None) -> dict[str, dict[str, str]]:
    """An output's :meth:`Edition.content_read` as its record keeps it ({} when that is not
    known)."""
    return {part: dict(sorted(fields.items())) for part, fields in sorted((read or {}).items())}


def render_options(
    kind: Kind, edition: Edition, settings: RenderOptions, pictures: Mapping[str, bytes]
) -> RenderOptions:
    """The options ``kind``'s renderer gets: the build's it declares, and the audience's."""
    options = replace(kind.options(settings, pictures), labels=edition.labels)
    if LARGE_PRINT in kind.draws_with:
        options = replace(options, large_print=edition.large_print)
    if SOURCE in kind.draws_with:
        options = replace(options, source_texts=edition.source_texts)
    return options


def _files(record: Record, manifest: Manifest) -> dict[str, str]:
    """An output's files as the manifest lists them (path -> hash), its further ones too."""
    parts = [r for r in manifest.records.values() if r.part_of == record.path]
    return {r.path: r.output_hash for r in (record, *parts)}


def _damage(folder: Path, record: Record, manifest: Manifest) -> str:
    """What became of the output's files since the last build wrote them: "" (all as the
    manifest says they were written), :data:`GONE` (one is missing, or is no longer a
    file) or :data:`ALTERED` (one holds other bytes)."""
    found = ""
    for path, digest in _files(record, manifest).items():
        now = output_hash(folder / path)
        if now is None:
            return GONE
        if now != digest:
            found = ALTERED
    return found


TRANSLATIONS = f"{TRANSLATIONS_FOLDER.as_posix()}/"  # as the manifest's keys name it


def _shown_edited(
    edited: list[str], was: Mapping[str, Mapping[str, str]], now: Mapping[str, Mapping[str, str]]
) -> list[str]:
    """The files of ``edited`` one of whose fields an output shows now (``now``: each
    part's fields it reads, their values' hashes) holds another value than when its file
    was made (``was``); a file that holds none (a picture) is an input of its own where it
    is shown, told as such. A field it no longer reads (its template changed) is no reason.
    When the slide numbers the guide shows moved, so are the fields its deck shows (kept
    beside its own, see Edition.content_read): any of them may have moved them. A part is
    named by its file (the course file, a module's) or by its table's id; a translation's
    file and the file it translates are one part, and of a changed field of theirs the
    one whose share of it changed is named (see Edition._origins), else both."""
    from .edition import DECK_SHOWS, ORIGINS, SLIDE_NUMBERS

    moved = was.get(SLIDE_NUMBERS) != now.get(SLIDE_NUMBERS)
    changed: set[str] = set()  # parts changed: any of their files is named
    reached: set[tuple[str, bool]] = set()  # (part, its translation's file): that one alone
    for p, fields in now.items():
        shown = p.removeprefix(DECK_SHOWS)
        if shown.startswith(ORIGINS) or not (moved or shown == p):
            continue
        differ = [name for name, value in fields.items() if was.get(p, {}).get(name) != value]
        if not differ:
            continue
        origin = p.removesuffix(shown) + ORIGINS + shown
        shares, shared = was.get(origin, {}), now.get(origin, {})
        for name in differ:
            before, after = shares.get(name, "").split(":"), shared.get(name, "").split(":")
            if len(before) != 2 or len(after) != 2 or before == after:  # not told apart
                changed.add(part_of(shown))
                continue
            for side, translation in ((0, False), (1, True)):
                if before[side] != after[side]:
                    reached.add((part_of(shown), translation))
    return [
        f
        for f in edited
        if part_of(f) in changed or (part_of(f), f.startswith(TRANSLATIONS)) in reached
    ]


def _in_edition(file: str, folder: str) -> bool:
    """Whether a content file is one an edition reads: the course's own files, and those of
    its translation's folder when it is one (``folder``), not another language's."""
    if not file.startswith(TRANSLATIONS):
        return True
    return folder.startswith(TRANSLATIONS) and file.startswith(folder)


def _why(
    record: Record | None,
    damage: str,
    force: bool,
    inputs: Mapping[str, str],
    sources: Sources,
    edition: Edition,
    markdown: str = "",
    rendered: frozenset[str] | set[str] = frozenset(),
    read: Mapping[str, str] | None = None,
    shown: Mapping[str, Mapping[str, str]] | None = None,
) -> tuple[str, ...]:
    """Why an output is made: each input whose value changed since its file was made (not
    since its record last moved on: see ``Record.moved``). When its Markdown is the one
    the file was made from (``markdown``, a hash), only the inputs its renderer reads
    (``rendered``) can have changed the file: those are the reasons. The content files
    named are this edition's: not another language's translation; an option no longer
    given names where its value now comes from (this edition's setting, or the default).
    The content files named are those edited since the file was last found up to date
    (``read``: their hashes then), else those edited since the last build; of those, when
    what the file shows of each content file is known (``shown`` now, and as the file was
    made: see :meth:`Edition.content_read`), only those whose part it shows changed: an
    edit to a key point is no reason for the post-test, made again for a question edited
    in the same build."""
    if force:
        return (FORCED,)
    if record is None:  # a first build needs no explanation
        return ()
    made, now = record.made_from, dict(inputs)
    for name in record.moved:
        # an input that moved while the file stayed was found then not to change it: told
        # against the value it was found at (no reason, if it has not moved since), unless
        # it is back to the value the file was made from (no reason either)
        if now.get(name) == made.get(name):
            continue
        found_at = record.inputs.get(name)
        if found_at is None:
            made.pop(name, None)
        else:
            made[name] = found_at
    if markdown and record.markdown == markdown:
        made = {n: v for n, v in made.items() if n in rendered}
        now = {n: v for n, v in now.items() if n in rendered}
    folder = edition.content_folder
    if read is not None:
        found = sources.content_read(folder)
        edited = sorted(f for f in {*read, *found} if read.get(f) != found.get(f))
    else:  # an older build's manifest
        edited = [f for f in sources.changed_content if _in_edition(f, folder)]
    named_only = bool(shown and record.content_read)
    if named_only:
        edited = _shown_edited(edited, record.content_read, shown or {})
    said = reasons(
        made,
        now,
        root=sources.root,
        content_files=edited,
        named_only=named_only,
        flags=sources.flags,
        was_flags=sources.was_flags,
        settings=set_in_course(edition.course.settings, edition.audience),
    )
    if damage:  # deleted or altered by hand: said first, with what else changed
        return (damage, *said)
    return said or ("what its template wrote changed",)
