"""Removing what a build made, and nothing else (``materials-gen clean``).

The output folder may hold a trainer's own files beside the outputs, and its manifest may
come from someone else's project, so only what the manifest lists is considered, only
inside the folder and never through a link, and only a file still exactly as it was built
is removed. What an interrupted build left is undone first (see write.py).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .errors import Location, Problem
from .manifest import CHANGES, NAME, Manifest, output_hash
from .write import recover, safe_relative, write_in_project


@dataclass(frozen=True)
class Removed:
    """What clean removed: the outputs a trainer asked for, and the files kept beside them
    (the overview page and its thumbnails, the changes report, the manifest)."""

    outputs: int = 0
    own: tuple[str, ...] = ()  # each of its own files removed, by what it is ("the manifest")
    # the files the disk would not let go, each with why (the others were removed; the
    # manifest then stays, so that clean run again removes them)
    refused: tuple[tuple[Path, OSError], ...] = ()

    @property
    def others(self) -> int:
        return len(self.own)

    def own_files(self) -> str:
        """What its own files removed were, in words: 'the overview page, its 12 thumbnails,
        the build manifest' (only those there were)."""
        said = []
        for what in dict.fromkeys(self.own):
            count = self.own.count(what)
            if what == _THUMBNAILS:
                what = "its thumbnail" if count == 1 else f"its {count} thumbnails"
            said.append(what)
        return ", ".join(said)


def clean_folder(
    folder: Path, shown: Callable[[Path], str] = str
) -> tuple[Removed | None, list[Problem], bool]:
    """Remove what the manifest lists and is unchanged; (what was removed, notes, leftovers).

    ``None`` removed: there was no manifest. A file the disk will not remove is passed
    over and named in ``refused`` (the others are removed); raises OSError when the folder
    cannot be read at all.
    """
    leftovers = bool(recover(folder))
    manifest = Manifest.read(folder, unsealed=True)  # only what it lists and is unchanged
    notes: list[Problem] = []
    if manifest.damaged:
        notes.append(
            _note(shown, folder / NAME, f"the build manifest cannot be used ({manifest.damaged})")
        )
    for name in manifest.outside:  # never a file of the folder: named, never touched
        outside = f"ignored the entry '{name}': it leads outside {folder}"
        notes.append(_note(shown, folder / NAME, outside))
    if not manifest.records:
        return None, notes, leftovers
    outputs = 0
    own: list[str] = []
    emptied: set[Path] = set()
    refused: list[tuple[Path, OSError]] = []
    changed: list[str] = []  # kept, changed since they were built
    # each file, and what it counts as: an output (its first file; the others are part of
    # it), or a file of materials-gen's own (the overview page and its thumbnails...)
    listed: list[tuple[str, str, str]] = [
        (
            name,
            record.output_hash,
            _OWN.get(record.kind, "part" if record.part_of else "output"),
        )
        for name, record in manifest.records.items()
    ]
    listed.append((CHANGES, manifest.changes_hash, "the changes report"))
    for name, expected, counted in listed:
        try:
            path = _inside(folder, name)
        except OSError as exc:  # a folder's name longer than the system allows
            cannot = f"ignored the entry '{name}': no file can have that name ({exc.strerror})"
            notes.append(_note(shown, folder / NAME, cannot))
            continue
        if path is None:
            outside = f"ignored the entry '{name}': it leads outside {folder}"
            notes.append(_note(shown, folder / NAME, outside))
            continue
        if not os.path.lexists(path):  # removed already (a clean the disk stopped halfway)
            emptied.add(path.parent)
            continue
        if output_hash(path) is None:
            notes.append(_note(shown, path, "kept: it is not a regular file (a link or a folder)"))
        elif not expected or output_hash(path) != expected:
            notes.append(_note(shown, path, "kept: it was changed after materials-gen built it"))
            changed.append(name)
        else:
            try:
                path.unlink()
            except OSError as exc:  # a folder made read-only: the others are still removed
                refused.append((path, exc))
                continue
            outputs += counted == "output"
            if counted not in ("output", "part"):
                own.append(counted)
            emptied.add(path.parent)
    own += _preview_thumbnails(folder, emptied)
    if output_hash(folder / NAME) is not None and not refused:
        if changed:
            _keep_records(folder, manifest, changed)
        else:
            (folder / NAME).unlink()
            own.append("the build manifest")
    _remove_emptied(folder, emptied)
    removed = Removed(outputs, tuple(sorted(own, key=_OWN_ORDER.index)), tuple(refused))
    return removed, notes, leftovers


def _keep_records(folder: Path, manifest: Manifest, changed: list[str]) -> None:
    """The manifest, left holding only the records of the files kept because they were
    changed since they were built: the next build then knows them for a trainer's changed
    copies and keeps each beside the output it makes again, as it does without a clean
    between (with no record, it took such a file for an output of its own, made it again
    over the trainer's edit and said nothing)."""
    left = Manifest(
        records={n: r for n, r in manifest.records.items() if n in changed},
        changes_hash=manifest.changes_hash if CHANGES in changed else "",
    )
    data = left.to_json().encode("utf-8", "backslashreplace")
    write_in_project(folder, folder / NAME, data, replace=True)


# materials-gen's own files in an output folder, by their kind in the manifest, as a trainer
# is told of them (a thumbnail's "its" takes the count: "its 12 thumbnails")
_THUMBNAILS = "its thumbnails"
_OWN = {"index": "the overview page", "thumbnail": _THUMBNAILS}
_OWN_ORDER = [*_OWN.values(), "the changes report", "the build manifest"]


def _preview_thumbnails(folder: Path, emptied: set[Path]) -> list[str]:
    """Remove the thumbnails the live page (``preview``) keeps beside the outputs, which no
    build records, and any it left half-written: files of materials-gen's own names in its
    own folder (never through a link), one "its thumbnails" each, as a build's are told."""
    from .thumbnails import FOLDER, ours

    base = folder / FOLDER
    if not base.is_dir() or base.is_symlink():
        return []
    removed = []
    for child in sorted(base.iterdir()):
        if ours(child):  # its name and its mark: never a picture of the trainer's
            with contextlib.suppress(OSError):
                child.unlink()
                removed.append(_THUMBNAILS)
    emptied.add(base)
    return removed


def _remove_emptied(folder: Path, emptied: set[Path]) -> None:
    """Remove each folder a removed file was in, and the folders holding it up to
    ``folder`` (output/es/clinical, then output/es), each only if nothing is left in it:
    the deepest first, so a folder is tried once all its emptied folders are gone."""
    folders = {p for parent in emptied for p in (parent, *parent.parents) if folder in p.parents}
    for each in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        with contextlib.suppress(OSError):
            each.rmdir()  # only when empty


def _inside(folder: Path, name: str) -> Path | None:
    """``folder / name`` if it stays inside ``folder`` without passing through a link."""
    try:
        relative = safe_relative(name)
    except ValueError:
        return None
    path = folder
    for part in relative.parts[:-1]:
        path = path / part
        if path.is_symlink() or (os.path.lexists(path) and not path.is_dir()):
            return None
    path = folder / relative
    if not path.parent.resolve().is_relative_to(folder.resolve()):
        return None
    return path


def _note(shown: Callable[[Path], str], path: Path, message: str) -> Problem:
    return Problem(Location(shown(path)), message, severity="warning")
