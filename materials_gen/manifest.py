"""The build manifest: what every output was made from, so unchanged outputs are left alone.

``output/.materials-gen.json`` records, for the last build: the tool's version, the command
line's options, the hash of every input file (content, templates, theme, fonts, deck
template, pictures), and for every file written its record: the inputs its output was made
from, by name (see :mod:`materials_gen.inputs`), its fingerprint (a hash of everything its
renderer received), the hash of the file, and the content its file shows (a snapshot, kept
once for the outputs that show the same, for the "What changed" report); which outputs the
build makes (not every file recorded: those of an earlier build are kept for ``clean``), and
the folders of the translations it made them in.

Three checks use it. The quick check, before any library beyond the standard one and PyYAML
is imported: if no input file changed, the course is translated into the same languages and
every output the last build made is still as written, nothing needs doing. Per output,
before templating: if none of the inputs its kind declares changed, it is neither templated
nor rendered. Per output, after templating: an output whose fingerprint is unchanged is not
rendered again and its file is not touched.

This module is deliberately light: the quick check must cost little more than starting Python.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import stat
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import (
    ContentError,
    Location,
    MaterialsError,
    OutputError,
    Problem,
    UsageError,
    problem_data,
)
from .project import source_folders
from .seal import FIELD as SEAL
from .seal import genuine, seal_of
from .walk import walk

NAME = ".materials-gen.json"
LOCK = ".materials-gen.lock"
CHANGES = "CHANGES.md"
FORMAT = 6  # 2: each output's record keeps the inputs it was made from, by name
# 3: and those that moved while its file stayed as it was, and its Markdown's hash
# 4: sealed by this user's key (see seal.py); an unsealed one is not used
# 5: each output's record keeps what its file shows of each content file (content_read)
# 6: and what its Markdown is made of, of the content (checked_read)
READABLE = (6,)


# The overview page's own files in the manifest (index.html and its thumbnails): recorded so
# that clean removes them, but not outputs a trainer counts.
INDEX_KINDS = frozenset({"index", "thumbnail"})


@lru_cache(maxsize=4)
def tool_version(version: str) -> str:
    """The release plus a hash of materials-gen's own code, so that any change to the tool
    (an upgrade, or a developer's edit) rebuilds everything it may have changed.

    The built-in templates are not part of it: each output records the templates it read
    (built-in or the project's) as inputs of its own, so an edit to one template rebuilds
    the outputs that read it, with that reason, and nothing else.
    """
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(version.encode())
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return f"{version}+{digest.hexdigest()[:16]}"


# Read no more of a file than this to hash it: larger than any input a build accepts (a
# picture's 50 MB), and a file that never ends (``/proc/self/pagemap`` says it is a regular
# file of no size) is not read for ever.
HASH_MOST = 256 * 1024 * 1024


def file_hash(path: Path, most: int = HASH_MOST) -> str | None:
    """The hash of a regular file, read a piece at a time (at most ``most`` bytes: a longer
    file's hash says so); None when it cannot be read or is not a regular file (a pipe or a
    device named in a manifest someone shared would never end: it is not waited on)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        digest = hashlib.sha256()
        left = most
        while left > 0:
            piece = os.read(fd, min(left, 1 << 20))
            if not piece:
                return digest.hexdigest()
            digest.update(piece)
            left -= len(piece)
        if os.read(fd, 1):
            digest.update(b"\0and more")
        return digest.hexdigest()
    except OSError:
        return None
    finally:
        os.close(fd)


def output_hash(path: Path) -> str | None:
    """The hash of a built file, or None when it is missing or not a regular file: a link
    where an output was written is never followed (so never taken for the output)."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None
    except OSError:
        return None
    return file_hash(path)


def text_hash(*parts: str | bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8") if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()


def watched_files(root: Path) -> tuple[list[Path], list[Path]]:
    """The project's own input files, everything under content/ and templates/, and the
    links to folders there (never entered by a walk: see walk.py; a picture or a template
    is found through one all the same), in one walk of each folder."""
    files: list[Path] = []
    linked: list[Path] = []
    for base in source_folders(root):  # (never one that leads out of the project)
        for folder, dirs, names in walk(base):
            top = Path(folder)
            files.extend(p for p in (top / n for n in names) if p.is_file())
            linked.extend(top / d for d in dirs if os.path.islink(top / d))
    return sorted(p for p in files if not p.name.startswith(".")), sorted(linked)


LEADS_OUT = "a link out of the project"  # an input's "hash": never read (see input_hashes)
LEADS_TO = "a link to "  # then the file it leads to, inside the project (see input_hashes)


def input_hashes(root: Path, extra: list[Path] | tuple[Path, ...] = ()) -> dict[str, str]:
    """Hashes of the project's files plus ``extra`` files (fonts, a deck template elsewhere).

    A project's file that is a link leading out of it is never read, used or not (a link to
    ``/proc/self/pagemap`` never ends; an outside file's hash in a shared manifest tells
    what it holds): it is recorded by its name alone, so that one added or removed still
    makes the build look, and say where it is used. One reached through a link that stays
    inside (the file a link, or a folder on its way) is recorded by its file's name with
    the file, and by its own name with where it leads: a link turned from one of the
    project's files to another changes no file's bytes, and leaves the outputs that show it
    to be made again all the same."""
    hashes: dict[str, str] = {}
    inside = root.resolve()
    files, linked = watched_files(root)
    for path in linked:  # never entered: where each leads
        leads = path.resolve()
        found = path.relative_to(root).as_posix()
        hashes[found] = LEADS_TO + key_of(path, root) if leads.is_relative_to(inside) else LEADS_OUT
    for path in files:
        found = path.relative_to(root).as_posix()
        if path.is_symlink() and not path.resolve().is_relative_to(inside):
            hashes[found] = LEADS_OUT  # its name, not its target
            continue
        digest = file_hash(path)
        if digest is not None:
            key = key_of(path, root)
            hashes[key] = digest
            if key != found:
                hashes[found] = LEADS_TO + key
    for path in extra:
        digest = file_hash(path)
        if digest is not None:
            hashes[key_of(path, root)] = digest
    return hashes


TRANSLATIONS = Path("content") / "translations"  # a folder for each language it is made in


def translation_folders(root: Path) -> list[str]:
    """The folders of content/translations (each a language the course is made in): one
    added or removed changes what a build makes, even with no file in it."""
    try:
        return sorted(p.name for p in (root / TRANSLATIONS).iterdir() if p.is_dir())
    except OSError:
        return []


# the name of a file materials-gen ships (a built-in template, a font) in the manifest:
# "built-in:templates/deck.md.j2", "built-in:fonts/Noto Sans/NotoSans-Bold.ttf"
BUILT_IN = "built-in:"


@lru_cache(maxsize=1)
def _shipped() -> tuple[tuple[str, Path], ...]:
    """The folders of the files materials-gen ships, each with its name in a key (the
    fonts first: in a source checkout, the kit's folder holds the environment too; the
    labels' catalogs before the rest of the package)."""
    import importlib.util

    from .project import kit_dir

    found: list[tuple[str, Path]] = []
    fonts = importlib.util.find_spec("rendercv_fonts")
    if fonts is not None and fonts.origin:
        found.append(("fonts", Path(fonts.origin).resolve().parent))
    kit = kit_dir().resolve()
    found += [(name, kit / name) for name in ("templates", "content")]
    package = Path(__file__).resolve().parent
    found += [("locale", package / "locale"), ("materials-gen", package)]  # its labels...
    return tuple(found)


def key_of(path: Path, root: Path) -> str:
    """An input file's name in the manifest: its path from the project; ``built-in:`` and
    its place among them for a file materials-gen ships (a template, a font), wherever it
    is installed, so that a project moved or renamed with its output folder still finds
    its files up to date; ".." for another file outside it (``../roster.csv``), never its
    absolute path: the manifest goes wherever the output folder is shared, and an absolute
    path told where the roster, the deck template and materials-gen itself were kept (a
    home folder, a login name). Absolute only where no path leads from the project to it
    (another drive)."""
    resolved, top = path.resolve(), root.resolve()
    try:
        inside = resolved.relative_to(top).as_posix()
    except ValueError:
        pass
    else:  # (a folder of the project's named "built-in:..." is not a shipped one)
        return f"./{inside}" if inside.startswith(BUILT_IN) else inside
    for name, folder in _shipped():
        if resolved.is_relative_to(folder):
            return f"{BUILT_IN}{name}/{resolved.relative_to(folder).as_posix()}"
    try:
        return Path(os.path.relpath(resolved, top)).as_posix()
    except ValueError:
        return resolved.as_posix()


def path_of(key: str, root: Path) -> Path:
    """The file an input's name (:func:`key_of`) names, for the project at ``root``."""
    if key.startswith(BUILT_IN):
        name, _, rest = key.removeprefix(BUILT_IN).partition("/")
        folder = dict(_shipped()).get(name)
        inside = rest and not Path(rest).is_absolute() and ".." not in Path(rest).parts
        if folder is not None and inside:
            return folder / rest
        # a shipped file of another release, or a name no build writes ("../"): nothing
        return Path(os.devnull) / "built-in"
    return root / key  # (an absolute key: itself)


def outside(key: str) -> bool:
    """Whether an input's name (:func:`key_of`) is of a file outside the project."""
    return key == ".." or key.startswith(("../", BUILT_IN)) or Path(key).is_absolute()


@dataclass
class Record:
    """One file a build wrote. An output of several files has one record per file: the
    first holds the output's inputs, the others name it in ``part_of``."""

    path: str  # relative to the output folder
    kind: str
    audience: str
    fingerprint: str
    output_hash: str
    pages: int
    size: int
    inputs: dict[str, str] = field(default_factory=dict)  # input name -> value or hash
    part_of: str = ""  # the path of the output's first file, for its further files
    # The inputs whose value moved while the file stayed as it was (its Markdown and what
    # its renderer reads came out the same): each name -> the value the file was made from
    # (None: not an input then). A rebuild's reasons are told against those (see made_from).
    moved: dict[str, str | None] = field(default_factory=dict)
    markdown: str = ""  # a hash of the Markdown the file was made from ("": not known)
    # What the file shows of each content file's part: part -> each field its template
    # read there -> a hash of its value (parts it reads nothing of left out; {}: not
    # known). See Edition.content_read.
    content_read: dict[str, dict[str, str]] = field(default_factory=dict)
    # What its template read of the content when the file was last found to be what
    # ``inputs`` make (made from them, or kept under them): as content_read, with the
    # session plan and the knowledge checks by their own values (see
    # Edition.checked_read). A rebuild in which only the content moved, and none of these
    # values, keeps the file without templating it ({}: not known).
    checked_read: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def made_from(self) -> dict[str, str]:
        """The inputs the file was made from: ``inputs``, with the values they had then."""
        made = {**self.inputs, **self.moved}
        return {name: value for name, value in made.items() if value is not None}

    def standing_for(self, inputs: dict[str, str]) -> dict[str, str | None]:
        """``moved`` for this file kept as it is under ``inputs``: the inputs whose value
        differs from the one it was made from, each with that value."""
        made = self.made_from
        return {n: made.get(n) for n in sorted({*made, *inputs}) if made.get(n) != inputs.get(n)}


_RECORD_TYPES = {
    "path": str,
    "kind": str,
    "audience": str,
    "fingerprint": str,
    "output_hash": str,
    "pages": int,
    "size": int,
    "inputs": dict,
    "part_of": str,
    "moved": dict,
    "markdown": str,
    "content_read": dict,
    "checked_read": dict,
}
_LARGEST = 64 * 1024 * 1024  # a manifest larger than this was not written by materials-gen


def _inside_folder(path: str) -> bool:
    """Whether a record's path is one a build writes: relative, inside the output folder."""
    from .write import safe_relative

    try:
        safe_relative(path)
    except ValueError:
        return False
    return True


class Damaged(ValueError):
    """The manifest is not what materials-gen writes (edited by hand, cut short, ...)."""


@dataclass
class Manifest:
    version: str = ""
    request: str = ""
    inputs: dict[str, str] = field(default_factory=dict)
    extra_inputs: list[str] = field(default_factory=list)  # files outside the project (key_of)
    records: dict[str, Record] = field(default_factory=dict)
    # each audience's content in the course's own language, for the overview page
    snapshots: dict[str, Any] = field(default_factory=dict)
    changes_hash: str = ""  # of CHANGES.md as last written, so that clean knows it is ours
    flags: list[str] = field(default_factory=list)  # inputs the last build's command line set
    # the outputs the last build made (their first files' paths), of all those recorded
    made: list[str] = field(default_factory=list)
    translations: list[str] = field(default_factory=list)  # see translation_folders
    # the content each output's file shows: its path -> a key of ``contents``, the snapshot
    content_of: dict[str, str] = field(default_factory=dict)
    contents: dict[str, Any] = field(default_factory=dict)
    # the content files each output's file was last found up to date with: its path -> a
    # key of ``reads``, those files' hashes (a rebuild names the files edited since, even
    # when a build of other outputs came between)
    read_of: dict[str, str] = field(default_factory=dict)
    reads: dict[str, dict[str, str]] = field(default_factory=dict)
    damaged: str = ""  # why the manifest on disk could not be used (not saved)
    # the manifest on disk is not sealed by this user (see seal.py), so not used (not saved)
    foreign: bool = False
    # records naming a path no build writes (absolute, "../"): left out of ``records``
    outside: list[str] = field(default_factory=list)
    # what the last build warned of: said again by a build that finds nothing to rebuild
    # (the same inputs and options warn of the same things)
    warnings: list[Problem] = field(default_factory=list)
    # files an earlier build made that later ones did not, already named as left over:
    # named once (see records.no_longer_made), until a build makes them again
    left_told: list[str] = field(default_factory=list)

    @classmethod
    def read(cls, folder: Path, *, unsealed: bool = False) -> Manifest:
        """The manifest in ``folder``; an empty one if it is missing or from another format.

        One that cannot be used (not JSON, a wrong type anywhere, a link) is empty too, with
        ``damaged`` saying why, so that the build rebuilds everything and says so. So is one
        without this user's seal (``foreign``: shipped with a shared project, written by
        someone else, or edited), unless ``unsealed`` is asked for (clean, which only removes
        what it lists and finds unchanged).
        """
        try:
            data = json.loads(_read_own_file(folder / NAME))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError, RecursionError) as exc:
            return cls(damaged=_reason(exc))
        if not isinstance(data, dict) or data.get("format") not in READABLE:
            if isinstance(data, dict) and isinstance(data.get("format"), int):
                return cls()  # another version's format: rebuilt without a fuss
            return cls(damaged="it has no format number")
        if not genuine(data) and not unsealed:
            return cls(foreign=True)
        try:
            return cls._from(data)
        except Damaged as exc:
            return cls(damaged=str(exc))

    @classmethod
    def _from(cls, data: dict[str, Any]) -> Manifest:
        records: dict[str, Record] = {}
        outside: list[str] = []
        for i, item in enumerate(_typed(data.get("records", []), list, "records")):
            item = _typed(item, dict, f"record {i + 1}")
            if set(item) != set(_RECORD_TYPES):
                raise Damaged(f"record {i + 1} does not have the fields of a built file")
            for key, kind in _RECORD_TYPES.items():
                _typed(item[key], kind, f"record {i + 1}'s {key}")
            for value in item["inputs"].values():
                _typed(value, str, f"record {i + 1}'s inputs")
            for name in ("content_read", "checked_read"):
                said = f"record {i + 1}'s {name.replace('_', ' ')}"
                for fields in item[name].values():
                    for value in _typed(fields, dict, said).values():
                        _typed(value, str, said)
            for value in item["moved"].values():
                if value is not None:
                    _typed(value, str, f"record {i + 1}'s moved inputs")
            if not _inside_folder(item["path"]):  # a shipped manifest's ../ or /etc/...
                outside.append(item["path"])  # never acted on; clean names it
                continue
            records[item["path"]] = Record(**item)
        inputs = _typed(data.get("inputs"), dict, "inputs")
        for key, value in inputs.items():
            _typed(value, str, f"the hash of input {key}")
        extra = _typed(data.get("extra_inputs", []), list, "extra_inputs")
        for value in extra:
            _typed(value, str, "an extra input")
        flags = _typed(data.get("flags", []), list, "flags")
        for value in flags:
            _typed(value, str, "a command-line option")
        snapshots = _typed(data.get("snapshots", {}), dict, "snapshots")
        for audience, snap in snapshots.items():
            _check_snapshot(snap, f"the snapshot of {audience}")
        made = _texts(data.get("made", []), "made")
        translations = _texts(data.get("translations", []), "translations")
        left_told = _texts(data.get("left_told", []), "left_told")
        content_of = _typed(data.get("content_of", {}), dict, "content_of")
        for value in content_of.values():
            _typed(value, str, "content_of")
        contents = _typed(data.get("contents", {}), dict, "contents")
        for key, snap in contents.items():
            _check_snapshot(snap, f"the content {key}")
        read_of = _typed(data.get("read_of", {}), dict, "read_of")
        for value in read_of.values():
            _typed(value, str, "read_of")
        reads = _typed(data.get("reads", {}), dict, "reads")
        for files in reads.values():
            for value in _typed(files, dict, "reads").values():
                _typed(value, str, "the hash of a content file read")
        warnings = [
            _problem_of(_typed(item, dict, f"warning {n + 1}"), f"warning {n + 1}")
            for n, item in enumerate(_typed(data.get("warnings", []), list, "warnings"))
        ]
        return cls(
            version=_typed(data.get("version"), str, "version"),
            request=_typed(data.get("request"), str, "request"),
            inputs=dict(inputs),
            extra_inputs=list(extra),
            records=records,
            snapshots=dict(snapshots),
            changes_hash=_typed(data.get("changes_hash", ""), str, "changes_hash"),
            flags=list(flags),
            made=made,
            translations=translations,
            content_of=dict(content_of),
            contents=dict(contents),
            read_of=dict(read_of),
            reads={k: dict(v) for k, v in reads.items()},
            outside=outside,
            warnings=warnings,
            left_told=left_told,
        )

    def to_json(self) -> str:
        data = {
            "format": FORMAT,
            "version": self.version,
            "request": self.request,
            "inputs": dict(sorted(self.inputs.items())),
            "extra_inputs": sorted(self.extra_inputs),
            "records": [vars(r) for _, r in sorted(self.records.items())],
            "snapshots": self.snapshots,
            "changes_hash": self.changes_hash,
            "flags": sorted(self.flags),
            "made": sorted(self.made),
            "translations": sorted(self.translations),
            "content_of": dict(sorted(self.content_of.items())),
            "contents": dict(sorted(self.contents.items())),
            "read_of": dict(sorted(self.read_of.items())),
            "reads": {k: dict(sorted(v.items())) for k, v in sorted(self.reads.items())},
            "warnings": [problem_data(p) for p in self.warnings],
            "left_told": sorted(self.left_told),
        }
        seal = seal_of(data)
        if seal is not None:
            data[SEAL] = seal
        return json.dumps(data, indent=1, ensure_ascii=False, sort_keys=False) + "\n"


def _problem_of(item: dict[str, Any], what: str) -> Problem:
    """A warning the manifest keeps (as :func:`errors.problem_data` gives it), read back."""
    if set(item) != {"severity", "file", "line", "column", "message", "hint"}:
        raise Damaged(f"{what} does not have the fields of a warning")
    for key, kind in (("file", str), ("line", int), ("column", int)):
        if item[key] is not None:
            _typed(item[key], kind, f"{what}'s {key}")
    _typed(item["message"], str, f"{what}'s message")
    _typed(item["hint"], str, f"{what}'s hint")
    if item["severity"] not in ("warning", "info"):
        raise Damaged(f"{what} is neither a warning nor a note")
    where = None
    if item["file"] is not None:
        where = Location(item["file"], item["line"] or 0, item["column"] or 0)
    return Problem(where, item["message"], item["hint"], severity=item["severity"])


def _read_own_file(path: Path) -> str:
    """A file materials-gen wrote into the output folder: never through a link, never huge."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise Damaged("it is a link") from None
        raise
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise Damaged("it is not a regular file")
        if info.st_size > _LARGEST:
            raise Damaged("it is far larger than any manifest materials-gen writes")
        return handle.read().decode("utf-8")


def _reason(exc: BaseException) -> str:
    if isinstance(exc, Damaged):
        return str(exc)
    if isinstance(exc, RecursionError):
        return "it is nested too deeply"
    if isinstance(exc, UnicodeDecodeError):
        return "it is not UTF-8 text"
    if isinstance(exc, ValueError):
        return "it is not valid JSON"
    return getattr(exc, "strerror", None) or str(exc)


def _typed(value: Any, kind: type, what: str) -> Any:
    """``value`` if it has the type materials-gen writes there; Damaged otherwise."""
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise Damaged(f"{what} should be {_TYPE_NAMES[kind]}, not {type(value).__name__}")
    if kind is dict and not all(isinstance(k, str) for k in value):
        raise Damaged(f"{what} should have text keys")
    if kind is int and value < 0:
        raise Damaged(f"{what} should not be negative")
    return value


_TYPE_NAMES = {str: "text", int: "a whole number", list: "a list", dict: "a mapping"}


def _texts(value: Any, what: str) -> list[str]:
    """A list of texts, as materials-gen writes it; Damaged otherwise."""
    for each in _typed(value, list, what):
        _typed(each, str, f"an entry of {what}")
    return list(value)


def _check_snapshot(snap: Any, what: str) -> None:
    """The shape ``changes.snapshot`` writes: modules with labelled items, tables of rows,
    the hashes of the pictures they show."""
    snap = _typed(snap, dict, what)
    for item in _typed(snap.get("course", []), list, f"{what}'s course"):
        item = _typed(item, list, f"an item of {what}")
        if len(item) != 2 or not all(isinstance(x, str) for x in item):
            raise Damaged(f"an item of {what} should be a label and a text")
    if not isinstance(snap.get("kept", 1), int):
        raise Damaged(f"{what}'s version should be a number")
    for i, module in enumerate(_typed(snap.get("modules", []), list, f"{what}'s modules")):
        module = _typed(module, dict, f"{what}'s module {i + 1}")
        for key in ("id", "title"):
            _typed(module.get(key), str, f"{what}'s module {i + 1} {key}")
        for item in _typed(module.get("items"), list, f"{what}'s module {i + 1} items"):
            item = _typed(item, list, f"an item of {what}")
            if len(item) != 2 or not all(isinstance(x, str) for x in item):
                raise Damaged(f"an item of {what} should be a label and a text")
    pictures = _typed(snap.get("pictures", {}), dict, f"{what}'s pictures")
    if not all(isinstance(x, str) for x in pictures.values()):
        raise Damaged(f"{what}'s pictures should be files and their hashes")
    tables = _typed(snap.get("tables", {}), dict, f"{what}'s tables")
    for table, rows in tables.items():
        for row in _typed(rows, list, f"{what}'s table {table}"):
            row = _typed(row, list, f"a row of {what}'s table {table}")
            if not all(isinstance(x, str) for x in row):
                raise Damaged(f"a row of {what}'s table {table} should hold text")


def request_key(version: str, options: dict[str, Any]) -> str:
    return text_hash(version, json.dumps(options, sort_keys=True, default=str))


def output_folder_of(root: Path, output: Path | None, setting: str | None = None) -> Path:
    """Where a build writes: ``-o`` if given, else the project's ``settings: output``.

    ``setting`` is the validated setting; without it, course.yaml is read here (cheaply,
    without validating). UsageError when ``-o`` names a folder a build must not write into,
    ContentError (with the line in course.yaml) when the setting does: a shared project's
    setting may not reach outside the project nor into content/ or templates/.
    """
    from .write import output_folder_problem

    if output is not None:
        problem = output_folder_problem(root, Path(output), shared=False)
        if problem:
            raise UsageError([Problem(None, f"--output: {problem[0]}", problem[1])])
        return Path(output)
    if setting is None:
        setting = _setting_in_course_file(root)[0]
    problem = output_folder_problem(root, Path(setting), shared=True)
    if problem:
        where = _setting_in_course_file(root)[1]
        if not where.line:  # no setting: the default folder, a link made in its place
            message, hint = problem
            raise ContentError(
                [
                    Problem(
                        Location(setting),
                        f"the output folder {message}",
                        "remove the link (or whatever is there) to build into the project's "
                        "own output folder, or choose any folder with --output",
                    )
                ]
            )
        raise ContentError([Problem(where, f"settings: output: {problem[0]}", problem[1])])
    return root / setting


def output_setting_problems(root: Path) -> list[Problem]:
    """Why ``settings: output`` cannot be read from the project's course.yaml (a command
    that only needs that setting, clean, must not take the default for it unsaid)."""
    problems: list[Problem] = []
    _setting_in_course_file(root, problems)
    return problems


def course_file(root: Path, found: list[Problem] | None = None) -> Any:
    """The project's course.yaml as written, read without checking it (a setting a command
    needs before the build reads the project): its parsed document, or None; ``found``
    receives the problems that kept it from being read. The same text is parsed once (the
    output folder and the language are both looked up in it first); the document is for
    reading only."""
    from .load import _Problems, read_text

    problems = _Problems()
    try:
        text = read_text(Path(root) / "content" / "course.yaml", Path(root), problems)
        doc, errors = _parsed_course(text) if text is not None else (None, ())
    except Exception:  # any problem with the file is reported properly by the full build
        doc, errors = None, ()
    if found is not None:
        found.extend([*problems.errors, *errors])
    return doc


@lru_cache(maxsize=4)
def _parsed_course(text: str) -> tuple[Any, tuple[Problem, ...]]:
    from .load import _Problems, parse_yaml

    problems = _Problems()
    doc = parse_yaml(text, "content/course.yaml", problems)
    return doc, tuple(problems.errors)


def _setting_in_course_file(root: Path, found: list[Problem] | None = None) -> tuple[str, Location]:
    """``settings: output`` as course.yaml writes it, and its line (default: 'output');
    ``found`` receives the problems that kept it from being read."""
    where = Location("content/course.yaml")
    doc = course_file(root, found)
    if doc is None or not isinstance(doc.data, dict):
        return "output", where
    settings = doc.data.get("settings")
    value = settings.get("output") if isinstance(settings, dict) else None
    if value is not None and not isinstance(value, str) and found is not None:
        from .validate import _describe  # (a mistake's words, as the build says them)

        found.append(  # a list, a number: no folder is named
            Problem(
                doc.location(("settings", "output")),
                f"'output' must be text, not a {_describe(value)}",
                "write the name of a folder, e.g. output: handouts (in quotes if it is a number)",
            )
        )
    if not isinstance(value, str):
        return "output", where
    return value, doc.location(("settings", "output"))


@dataclass
class QuickResult:
    unchanged: list[Record]
    folder: Path
    warnings: list[Problem] = field(default_factory=list)  # the last build's, said again


def quick_check(
    root: Path, output: Path | None, version: str, options: dict[str, Any]
) -> QuickResult | None:
    """Every output up to date, judged from file hashes alone? None means: run the build.

    Up to date: the same options as the last build, the same input files, the course in the
    same languages (a translation's folder added or removed changes what is made, with no
    file changed), and every file the last build made, and the overview page's, still as
    written. Those are the files counted; files an earlier build made and the last one did
    not (of a removed language, say) are neither checked nor counted."""
    from .write import leftovers

    try:
        folder = output_folder_of(root, output)
    except MaterialsError:
        return None  # the build says what is wrong
    manifest = Manifest.read(folder)
    if not manifest.made or manifest.version != version:
        return None
    if manifest.request != request_key(version, options):
        return None
    if translation_folders(root) != sorted(manifest.translations):
        return None
    extra = [path_of(p, root) for p in manifest.extra_inputs]
    if input_hashes(root, extra) != manifest.inputs:
        return None
    made = set(manifest.made)
    current = [
        r
        for r in manifest.records.values()
        if r.kind in INDEX_KINDS or (r.part_of or r.path) in made
    ]
    if not made <= set(manifest.records):
        return None
    for record in current:
        if output_hash(folder / record.path) != record.output_hash:
            return None
    if leftovers(folder):
        return None  # an interrupted build to undo first
    outputs = [r for r in current if r.kind not in INDEX_KINDS]
    return QuickResult(sorted(outputs, key=lambda r: r.path), folder, manifest.warnings)


# The descriptors of the locks this process holds: a worker process a build forks closes
# its copies, so that the lock goes with the build that took it (see rendering.py).
HELD: set[int] = set()


def _lock_now(fd: int) -> None:
    """Lock the open file ``fd`` for this process at once, or raise OSError when another
    holds it: an advisory lock (flock) where there is one, else Windows' lock of its first
    byte (msvcrt), which the system lifts when the process ends, as flock's."""
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        return
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


class Lock:
    """One build at a time per output folder; a second gets a clear message, not a mess.

    The lock file is opened without following links and must be a regular file of one
    name: a link planted there (or a hard link, whose other name may be any file) is an
    error naming it, and whatever it points to is never touched.
    """

    def __init__(self, folder: Path):
        self.path = folder / LOCK
        self.handle: int | None = None
        self.made: list[Path] = []  # the folders made to hold the lock, outermost first

    def acquire(self) -> bool:
        """True when this process now holds the lock, False when another build does.

        OutputError when the lock path is a link or not a regular file; OSError when the
        folder cannot be written.
        """
        folder = self.path.parent
        self.made = [f for f in (*reversed(folder.parents), folder) if not f.exists()]
        folder.mkdir(parents=True, exist_ok=True)
        for _ in range(3):  # the holder may remove the file between our open and our lock
            fd = self._open()
            try:
                _lock_now(fd)
            except OSError:
                os.close(fd)
                return False
            if self._same_file(fd):
                os.ftruncate(fd, 0)
                os.write(fd, str(os.getpid()).encode())
                self.handle = fd
                HELD.add(fd)
                return True
            os.close(fd)
        return False

    def _open(self) -> int:
        nofollow = getattr(os, "O_NOFOLLOW", 0)
        extra = nofollow | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_EXCL | extra, 0o644)
        except FileExistsError:
            try:
                fd = os.open(self.path, os.O_RDWR | extra)
            except OSError as exc:
                if exc.errno in (errno.ELOOP, errno.EISDIR, errno.ENXIO) or self.path.is_symlink():
                    raise self._refused() from None
                raise
        found = os.fstat(fd)
        # a hard link is a regular file too, with another name elsewhere (a file of the
        # trainer's, outside the project): writing the build's number in it would empty that
        if not stat.S_ISREG(found.st_mode) or found.st_nlink > 1:
            os.close(fd)
            raise self._refused(found.st_nlink > 1)
        return fd

    def _refused(self, linked: bool = False) -> OutputError:
        what = "a link" if self.path.is_symlink() else "not a regular file"
        if linked:
            what = "a hard link (a file with another name elsewhere)"
        return OutputError(
            [
                Problem(
                    Location(str(self.path)),
                    f"the build lock is {what}; materials-gen never writes through it",
                    "remove it (materials-gen makes its own lock file), then build again",
                )
            ]
        )

    def _same_file(self, fd: int) -> bool:
        try:
            here = os.lstat(self.path)
        except OSError:
            return False
        held = os.fstat(fd)
        return (here.st_dev, here.st_ino) == (held.st_dev, held.st_ino)

    def release(self) -> None:
        """Let the next build in; a folder made for the lock goes again if nothing was
        written to it (a first build that failed leaves no empty output folder behind)."""
        if self.handle is not None:
            later = False  # Windows removes no open file: closed first, then removed
            if self._same_file(self.handle):
                try:
                    self.path.unlink(missing_ok=True)
                except PermissionError:
                    later = True
            os.close(self.handle)
            HELD.discard(self.handle)
            self.handle = None
            if later:  # (another build that opened it since keeps it: not removed then)
                with contextlib.suppress(OSError):
                    self.path.unlink(missing_ok=True)
        for folder in reversed(self.made):
            try:
                folder.rmdir()  # only ever an empty folder
            except OSError:
                break
        self.made = []
