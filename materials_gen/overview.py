"""The overview page: every output of every audience on one page, as ``build --index``
writes it (``output/index.html``) and as ``materials-gen preview`` serves it live.

Everything the page shows is gathered first into an :class:`Overview` (plain frozen data),
then drawn by one Jinja template with autoescape on: every text on it is the trainer's own,
so none is trusted. Links are relative to the output folder, so the same page works from a
zip, a shared drive or the preview server, and it loads nothing from elsewhere.

What each audience gets comes from the snapshots the build keeps in its manifest (the
tailored course of each audience, as labelled texts; see changes.py), so the page can be
made from the output folder alone, and shows the last good build while a save is broken.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import thumbnails
from .errors import Problem
from .manifest import INDEX_KINDS, Manifest, Record, output_hash

INDEX = "index.html"

_KIND_LABELS = {
    "deck": "Slide deck",
    "handout": "Handout",
    "slides": "Printed slides",
    "notes-pages": "Notes pages",
    "guide": "Facilitator guide",
    "poster": "Poster",
    "sign-in": "Sign-in sheet",
    "evaluation": "Evaluation form",
    "certificate": "Certificates",
    "agenda": "Agenda",
}


@dataclass(frozen=True)
class Output:
    """One built file as a card shows it."""

    path: str  # relative to the output folder, with / between folders
    kind: str
    label: str
    description: str
    pages: int
    unit: str
    size: int
    # "built", "unchanged", "left-over" (made by an earlier build, not by the last one: see
    # BuildReport.left_over), "missing" (no longer in the output folder), or "" when not
    # known (read from the manifest)
    status: str
    reasons: tuple[str, ...]
    thumbnails: tuple[str, ...]  # relative paths of PNGs

    @property
    def anchor(self) -> str:
        """The card's id on the page (links from "what changed" and the enlarged pages)."""
        return "file-" + "".join(ch if ch.isalnum() else "-" for ch in self.path)


@dataclass(frozen=True)
class AudienceOutputs:
    id: str
    name: str
    outputs: tuple[Output, ...]


@dataclass(frozen=True)
class Item:
    """One thing a module says (a key point, an objective...), and who sees it."""

    label: str
    text: str
    audiences: tuple[str, ...]  # names of the audiences that see it
    everyone: bool


@dataclass(frozen=True)
class ModuleRow:
    id: str
    title: str
    audiences: tuple[str, ...]  # names of the audiences that get the module
    everyone: bool
    items: tuple[Item, ...]


@dataclass(frozen=True)
class ChangeLine:
    audience: str
    what: str
    before: str
    after: str
    place: str


@dataclass(frozen=True)
class ProblemLine:
    severity: str
    where: str
    message: str
    hint: str


@dataclass(frozen=True)
class Overview:
    """Everything the page shows, as plain data."""

    title: str
    version: str
    date: str
    audiences: tuple[AudienceOutputs, ...]
    comparison: tuple[ModuleRow, ...]
    changes: tuple[ChangeLine, ...]
    problems: tuple[ProblemLine, ...]
    colours: Mapping[str, str] = field(default_factory=dict)
    rebuilt: int = 0
    total: int = 0

    @property
    def made_again(self) -> list[Output]:
        return [f for a in self.audiences for f in a.outputs if f.status == "built"]

    @property
    def audience_count(self) -> int:
        """Audiences, each counted once whatever the languages it is built in."""
        return len({a.id.rpartition("/")[2] for a in self.audiences})

    @property
    def language_count(self) -> int:
        """Languages the files are in (1 for a course that is not translated)."""
        return len({a.id.rpartition("/")[0] for a in self.audiences}) or 1


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    if n < 1024 * 1024:
        return f"{round(n / 1024)} KB"
    return f"{n / 1024 / 1024:.1f} MB"


def _kinds() -> dict[str, Any]:
    try:
        from .kinds import KINDS
    except ImportError:  # pragma: no cover - the kinds always import
        return {}
    return {k.name: k for k in (KINDS.values() if isinstance(KINDS, dict) else KINDS)}


_FACTS: dict[tuple[str, str], tuple[str, dict[str, str], dict[str, str]]] = {}


def _course_facts(
    root: Path, inputs: Mapping[str, str]
) -> tuple[str, dict[str, str], dict[str, str]]:
    """The course title, audience names by id, and theme colours; plain fallbacks when the
    project cannot be read (a broken save: the page still shows the last good outputs).
    Kept by the hashes of the input files the manifest lists: the live page is made after
    every save, and reading the course again costs most of a second."""
    from .manifest import text_hash

    key = (str(root.resolve()), text_hash(*(f"{k}={v}" for k, v in sorted(inputs.items()))))
    if inputs and key in _FACTS:
        return _FACTS[key]
    facts = _read_course_facts(root)
    if inputs and facts[1]:
        _FACTS.clear()  # one project at a time: the last one is all a preview needs
        _FACTS[key] = facts
    return facts


def _read_course_facts(root: Path) -> tuple[str, dict[str, str], dict[str, str]]:
    from .theme import Colours

    colours = dict(Colours().model_dump())
    title, names = root.resolve().name, {}
    try:
        from .build import checked_course
        from .model import shared_text

        course, theme, _ = checked_course(root)
        colours = dict(theme.colors.model_dump())
        title = shared_text(course.title)
        names = {a.id: a.name for a in course.audiences}
    except Exception:  # noqa: BLE001 - a project that does not load yet still has a page
        pass
    return title, names, colours


def make_overview(
    root: Path,
    folder: Path,
    report: Any | None,
    problems: Sequence[Problem] = (),
    *,
    manifest: Manifest | None = None,
    course: Any | None = None,
    colours: Mapping[str, str] | None = None,
    pictures: Mapping[str, list[str]] | None = None,
    missing: frozenset[str] | None = None,
) -> Overview:
    """Everything the page shows for the output ``folder`` of the project at ``root``.

    ``report``: the last successful build's BuildReport (statuses, reasons, what changed),
    or None to show what the folder's manifest lists. ``problems``: errors and warnings to
    show at the top. ``manifest``/``course``/``colours``/``pictures``: what a build already
    has in hand (the manifest it is about to write, its course, thumbnails it staged), so
    nothing is read twice; missing thumbnails are made in ``folder/.thumbs``. ``missing``:
    the outputs no longer in the folder (None: those not there now; a build's page is made
    before its files are moved into place, so it says which).
    """
    folder = Path(folder)
    manifest = manifest if manifest is not None else Manifest.read(folder)
    if report is not None and report.audiences:  # as the last good build read them
        # (each language's audiences by their names in it: the page a build writes and the
        # one preview shows name them alike)
        title, names = report.title, dict(report.audiences)
        order = list(names)
        colours = dict(colours or report.colours)
    elif course is not None:
        from .model import shared_text

        title = shared_text(course.title)
        names = {a.id: a.name for a in course.audiences}
        order = [a.id for a in course.audiences]
        colours = dict(colours or {})
    else:
        title, names, found = _course_facts(root, manifest.inputs)
        order = list(names)
        colours = dict(colours or found)
    built = {}
    left_over: set[str] = set()
    not_asked: set[str] = set()
    if report is not None:
        for each in report.built:
            built[_relative(each.path, folder)] = each
        left_over = set(getattr(report, "left_over", ()))
        not_asked = set(getattr(report, "not_asked", ()))
    records = _outputs(manifest)
    if pictures is None:  # the live page: a cache beside the outputs, the stale ones dropped
        hashes = {p: r.output_hash for p, r in records.items()}
        pictures = thumbnails.ensure(folder, hashes)
        recorded = {r.path for r in manifest.records.values() if r.kind == "thumbnail"}
        thumbnails.prune(folder, hashes.values(), recorded)
    kinds = _kinds()
    by_audience: dict[str, list[Output]] = {}
    rank = {name: n for n, name in enumerate(kinds)}
    for path, record in sorted(records.items(), key=lambda i: (rank.get(i[1].kind, 99), i[0])):
        kind = kinds.get(record.kind)
        done = built.get(path)
        status, reasons = (done.status, tuple(done.reasons)) if done is not None else ("", ())
        if done is None and path in left_over:
            status, reasons = "left-over", (_LEFT_OVER,)
        elif done is None and path in not_asked:
            status, reasons = "left-over", (_NOT_ASKED,)
        shown = tuple(pictures.get(path, ()))
        gone = path in missing if missing is not None else not (folder / path).is_file()
        if gone:  # deleted since it was made: neither its pages nor a link to it
            status, reasons, shown = "missing", (_MISSING,), ()
        by_audience.setdefault(record.audience, []).append(
            Output(
                path=path,
                kind=record.kind,
                label=_KIND_LABELS.get(record.kind, record.kind.replace("-", " ").capitalize()),
                description=str(getattr(kind, "description", "")),
                pages=record.pages,
                unit=str(getattr(kind, "unit", "pages")),
                size=record.size,
                status=status,
                reasons=reasons,
                thumbnails=shown,
            )
        )
    for audience in by_audience:
        if audience not in order:
            order.append(audience)
    audiences = tuple(
        AudienceOutputs(a, _audience_name(a, names), tuple(by_audience[a]))
        for a in order
        if a in by_audience
    )
    changes: dict[tuple[str, str, str, str], list[str]] = {}  # one line for every audience
    if report is not None:
        for group in report.what_changed:
            for change in group.changes:
                key = (change.what, change.before, change.after, change.place)
                changes.setdefault(key, []).append(names.get(group.audience, group.audience))
    return Overview(
        title=title,
        version=str(getattr(report, "version", "") or ""),
        date=str(getattr(report, "date", "") or ""),
        audiences=audiences,
        comparison=compare(manifest.snapshots, *_by_id(order, names, manifest.snapshots)),
        changes=tuple(ChangeLine(", ".join(who), *key) for key, who in changes.items()),
        problems=tuple(_problem_line(p) for p in problems),
        colours=colours,
        rebuilt=len(report.rebuilt) if report is not None else 0,
        total=sum(len(a.outputs) for a in audiences),
    )


# what a file a build made that is no longer in the output folder is told
_MISSING = (
    "this file is no longer in the output folder: build again to make it (a build that "
    "makes it says so: because the file was missing)"
)

# what a file an earlier build made, and the last one did not, is told (BuildReport.left_over)
_LEFT_OVER = (
    "an earlier build made this file, and the last one did not: it is not up to date "
    "(see the build's warnings)"
)


# what a file of an output the last build was not asked for, that a build of it would make
# again, is told (BuildReport.not_asked)
_NOT_ASKED = (
    "the last build was asked for other files (--language, --audience or --only), and the "
    "project has changed since this one was made: it is not up to date (build without "
    "those options to bring it up to date)"
)


def _audience_name(group: str, names: Mapping[str, str]) -> str:
    """The name an audience's files are shown under: its own, with the language of a
    translated course's files ("Clinical providers (es)")."""
    if group in names:
        return names[group]
    language, _, audience = group.rpartition("/")
    name = names.get(audience, audience)
    return f"{name} ({language})" if language else name


def _relative(path: Path, folder: Path) -> str:
    path = Path(path)
    for base in (folder, folder.resolve()):
        try:
            return path.relative_to(base).as_posix()
        except ValueError:
            continue
    try:
        return path.resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _problem_line(problem: Problem) -> ProblemLine:
    return ProblemLine(problem.severity, str(problem.location or ""), problem.message, problem.hint)


def _by_id(
    order: Sequence[str], names: Mapping[str, str], snapshots: Mapping[str, Any]
) -> tuple[list[str], dict[str, str]]:
    """The audiences in course order, and their names, by the ids the snapshots are kept
    under: a translated course's are named by language and id ("en-US/clinical"), its
    snapshots by id alone, so that the page showed "only clinical" where it means "only
    Clinical providers" (the name in the first language built, the course's own)."""
    found_order: list[str] = []
    found_names: dict[str, str] = {}
    for key in order:
        language, _, audience = key.rpartition("/")
        audience = key if key in snapshots else audience
        if audience not in found_names:
            name = names.get(key, audience)
            found_names[audience] = name.removesuffix(f" ({language})") if language else name
            found_order.append(audience)
    return found_order, found_names


def compare(
    snapshots: Mapping[str, Any], order: Sequence[str], names: Mapping[str, str]
) -> tuple[ModuleRow, ...]:
    """Module by module (in course order), what each audience gets: each module and each
    text in it with the audiences that see it, so what only some get stands out. The texts
    keep the course's order, whichever audiences see them; tables' rows come last, by table.
    """
    present = [a for a in order if a in snapshots] + sorted(set(snapshots) - set(order))
    modules: dict[str, dict[str, Any]] = {}
    for audience in present:
        for module in snapshots[audience].get("modules", []):
            entry = modules.setdefault(module["id"], {"title": module["title"], "by": {}})
            entry["by"][audience] = [
                (label, _plain(text))
                for label, text in module.get("items", [])
                if label != "speaker notes"
            ]
    rows = [
        _row(module_id, entry["title"], entry["by"], present, names)
        for module_id, entry in _in_course_order(modules, snapshots, present)
    ]
    tables: dict[str, dict[str, list[tuple[str, str]]]] = {}
    for audience in present:
        for table_id, table_rows in snapshots[audience].get("tables", {}).items():
            tables.setdefault(table_id, {})[audience] = [
                ("row", " · ".join(_plain(c) for c in row if c)) for row in table_rows
            ]
    rows += [
        _row(f"table-{table_id}", f"Table '{table_id}'", by, present, names)
        for table_id, by in tables.items()
    ]
    return tuple(rows)


def _in_course_order(
    modules: dict[str, dict[str, Any]], snapshots: Mapping[str, Any], present: Sequence[str]
) -> list[tuple[str, dict[str, Any]]]:
    """Modules in the order of the audience that gets the most of them, the others' own
    modules placed after the module they follow."""
    sequences = [[m["id"] for m in snapshots[a].get("modules", [])] for a in present]
    ordered = _merged(sequences)
    return [(m, modules[m]) for m in ordered]


def _merged(sequences: Sequence[Sequence[Any]]) -> list[Any]:
    """One sequence holding every element of ``sequences`` once, each kept after the
    element it follows in its own sequence (the longest sequence gives the frame)."""
    merged: list[Any] = []
    for sequence in sorted(sequences, key=len, reverse=True):
        at = 0
        for element in sequence:
            if element in merged:
                at = merged.index(element) + 1
            else:
                merged.insert(at, element)
                at += 1
    return merged


def _row(
    row_id: str,
    title: str,
    by: Mapping[str, list[tuple[str, str]]],
    present: Sequence[str],
    names: Mapping[str, str],
) -> ModuleRow:
    def who(audiences: Sequence[str]) -> tuple[str, ...]:
        return tuple(names.get(a, a) for a in present if a in audiences)

    merged = _merged([by[a] for a in present if a in by])
    items = tuple(
        Item(label, text, who(seen), len(seen) == len(present))
        for label, text in merged
        for seen in [[a for a in by if (label, text) in by[a]]]
    )
    return ModuleRow(row_id, _plain(title), who(list(by)), len(by) == len(present), items)


def _plain(text: str) -> str:
    """Markdown as the reader sees it (see changes.readable): the page shows text, never
    the content's markup."""
    from .changes import readable

    return readable(text)


def _environment() -> Any:
    from jinja2 import Environment, StrictUndefined

    env = Environment(
        autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True
    )
    env.filters["size"] = _size
    return env


def render_page(overview: Overview, *, live: bool = False) -> str:
    """The whole HTML document. ``live``: it reloads itself on the preview server's events."""
    from importlib.resources import files

    source = files("materials_gen").joinpath("overview.html.j2").read_text(encoding="utf-8")
    template = _environment().from_string(source)
    return template.render(o=overview, live=live, c=overview.colours, esc=html.escape)


def _outputs(manifest: Manifest) -> dict[str, Record]:
    """The built files a card shows: each output's first file, not the page's own files."""
    return {
        p: r for p, r in manifest.records.items() if not r.part_of and r.kind not in INDEX_KINDS
    }


def index_files(
    root: Path,
    folder: Path,
    course: Any,
    theme: Any,
    report: Any,
    manifest: Manifest,
    previous: Manifest,
    staged: Sequence[tuple[Path, bytes]],
    deck: Any,
    drawn: Mapping[str, list[bytes]] | None = None,
) -> list[tuple[Path, bytes]]:
    """The static overview page and its thumbnails, as files for the build to write with
    its outputs (all or nothing), recorded in ``manifest`` so that ``clean`` removes them.

    Thumbnails are kept by the hash of the file they show: those the last build recorded,
    still on disk as written, are neither drawn nor written again. A deck's come from its
    laid-out slides (``deck(audience)``), laid out only when they are missing. ``drawn``:
    thumbnails the build's workers drew beside the outputs they rendered, by output path.
    """
    drawn = drawn or {}
    data = {Path(p).as_posix(): b for p, b in staged}
    kept = {p: r for p, r in previous.records.items() if r.kind == "thumbnail"}
    files: list[tuple[Path, bytes]] = []
    pictures: dict[str, list[str]] = {}
    # made by an earlier build, deleted since, and not made by this one
    missing = frozenset(
        p for p in _outputs(manifest) if p not in data and not (folder / p).is_file()
    )
    for path, record in sorted(_outputs(manifest).items()):
        if path in missing:
            continue
        base = thumbnails.prefix_of(record.output_hash)
        old = sorted(
            (r for p, r in kept.items() if p.startswith(base)), key=lambda r: _number(r.path)
        )
        if old and all(output_hash(folder / r.path) == r.output_hash for r in old):
            made = [(r.path, None, r) for r in old]
        else:
            pngs = drawn.get(path)
            if pngs is None:
                pngs = _draw(folder, path, record, data, theme, deck)
            made = [
                (rel.as_posix(), png, None)
                for rel, png in thumbnails.staged(record.output_hash, pngs)
            ]
        pictures[path] = []
        for relative, png, was in made:
            if png is not None and relative not in manifest.records:  # two files, one hash
                files.append((Path(relative), png))
            manifest.records[relative] = was or Record(
                path=relative,
                kind="thumbnail",
                audience=record.audience,
                fingerprint=record.output_hash,
                output_hash=_sha(png or b""),
                pages=1,
                size=len(png or b""),
                part_of=INDEX,
            )
            pictures[path].append(relative)
    kept_page = previous.records.get(INDEX)
    warned = _warned(report.warnings)
    if (
        not report.rebuilt
        and not missing
        and kept_page is not None
        and kept_page.fingerprint == warned
        and set(_outputs(manifest)) == set(_outputs(previous))
        and output_hash(folder / INDEX) == kept_page.output_hash
    ):
        # nothing made, the same outputs and warnings: the page says what the last build
        # that made them changed, as CHANGES.md does (a save that changed nothing, in
        # watch, had rewritten it without its "What changed")
        manifest.records[INDEX] = kept_page
        return files
    overview = make_overview(
        root,
        folder,
        report,
        tuple(report.warnings),
        manifest=manifest,
        course=course,
        colours=dict(theme.colors.model_dump()),
        pictures=pictures,
        missing=missing,
    )
    page = render_page(overview).encode("utf-8")
    manifest.records[INDEX] = Record(
        path=INDEX,
        kind="index",
        audience="",
        fingerprint=warned,  # what it shows of the build's warnings (see above)
        output_hash=_sha(page),
        pages=1,
        size=len(page),
    )
    return [*files, (Path(INDEX), page)]


def _warned(problems: Sequence[Problem]) -> str:
    """A digest of the warnings the page shows: a page kept from an earlier build must show
    the same (a mark filled in that no output prints leaves every file as it was)."""
    shown = (_problem_line(p) for p in problems)
    lines = ("\0".join((s.severity, s.where, s.message, s.hint or "")) for s in shown)
    return _sha("\n".join(lines).encode("utf-8"))


def _number(path: str) -> int:
    stem = Path(path).stem
    return int(stem) if stem.isdigit() else 0


def _sha(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def draw_thumbnails(name: str, data: bytes, theme: Any, deck: Callable[[], Any]) -> list[bytes]:
    """The thumbnails of one output named ``name``: a PDF's first pages, or a deck's first
    slides drawn from its laid-out model (``deck()``) as the printed slides draw them; none
    when PDFium cannot draw the file (the page then shows the output without them)."""
    try:
        if name.lower().endswith(".pptx"):
            from .render.slide_handout import slide_pages

            return thumbnails.render_pdf(slide_pages(deck(), theme, thumbnails.PAGES))
        return thumbnails.pictures_for(name, data)
    except Exception:  # noqa: BLE001 - an output PDFium cannot draw shows no thumbnails
        return []


def _draw(
    folder: Path, path: str, record: Record, data: Mapping[str, bytes], theme: Any, deck: Any
) -> list[bytes]:
    """The thumbnails of one output the build did not draw with it (read from ``data`` or
    the folder)."""
    try:
        raw = data.get(path)
        if raw is None and not path.lower().endswith(".pptx"):
            raw = (folder / path).read_bytes()
        return draw_thumbnails(path, raw or b"", theme, lambda: deck(record.audience))
    except Exception:  # noqa: BLE001 - an output PDFium cannot draw shows no thumbnails
        return []


def stale_index_files(folder: Path, previous: Manifest, current: Manifest) -> None:
    """Remove the page's files the last build recorded and this one does not, each only
    when still exactly as written; then the thumbnail folders left empty."""
    import contextlib

    from .write import reaches_no_link

    for path, record in previous.records.items():
        if record.kind not in INDEX_KINDS or path in current.records:
            continue
        if not reaches_no_link(folder, path):
            continue  # never through a link: a file outside the folder is not the page's
        target = folder / path
        if output_hash(target) == record.output_hash:  # a link has no hash: never removed
            with contextlib.suppress(OSError):
                target.unlink()
    with contextlib.suppress(OSError):
        (folder / thumbnails.FOLDER).rmdir()  # only when empty
