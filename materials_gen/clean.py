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
from .manifest import CHANGES, INDEX_KINDS, NAME, Manifest, output_hash
from .write import recover, safe_relative


@dataclass(frozen=True)
class Removed:
    """What clean removed: the outputs a trainer asked for, and the files kept beside them
    (the overview page and its thumbnails, the changes report, the manifest)."""

    outputs: int = 0
    others: int = 0


def clean_folder(
    folder: Path, shown: Callable[[Path], str] = str
) -> tuple[Removed | None, list[Problem], bool]:
    """Remove what the manifest lists and is unchanged; (what was removed, notes, leftovers).

    ``None`` removed: there was no manifest. Raises OSError when the disk refuses.
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
    outputs = others = 0
    emptied: set[Path] = set()
    # each file, and what it counts as: an output (its first file; the others are part of
    # it), or a file of materials-gen's own (the overview page and its thumbnails...)
    listed: list[tuple[str, str, str]] = [
        (
            name,
            record.output_hash,
            "own" if record.kind in INDEX_KINDS else "part" if record.part_of else "output",
        )
        for name, record in manifest.records.items()
    ]
    listed.append((CHANGES, manifest.changes_hash, "own"))
    for name, expected, counted in listed:
        path = _inside(folder, name)
        if path is None:
            outside = f"ignored the entry '{name}': it leads outside {folder}"
            notes.append(_note(shown, folder / NAME, outside))
            continue
        if not os.path.lexists(path):
            continue
        if output_hash(path) is None:
            notes.append(_note(shown, path, "kept: it is not a regular file (a link or a folder)"))
        elif not expected or output_hash(path) != expected:
            notes.append(_note(shown, path, "kept: it was changed after materials-gen built it"))
        else:
            path.unlink()
            outputs += counted == "output"
            others += counted == "own"
            emptied.add(path.parent)
    if output_hash(folder / NAME) is not None:
        (folder / NAME).unlink()
        others += 1
    _remove_emptied(folder, emptied)
    return Removed(outputs, others), notes, leftovers


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
