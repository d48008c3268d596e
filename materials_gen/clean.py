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
from pathlib import Path

from .errors import Location, Problem
from .manifest import CHANGES, NAME, Manifest, output_hash
from .write import recover, safe_relative


def clean_folder(
    folder: Path, shown: Callable[[Path], str] = str
) -> tuple[int | None, list[Problem], bool]:
    """Remove what the manifest lists and is unchanged; (files removed, notes, leftovers).

    ``None`` files removed: there was no manifest. Raises OSError when the disk refuses.
    """
    leftovers = bool(recover(folder))
    manifest = Manifest.read(folder)
    notes: list[Problem] = []
    if manifest.damaged:
        notes.append(
            _note(shown, folder / NAME, f"the build manifest cannot be used ({manifest.damaged})")
        )
    if not manifest.records:
        return None, notes, leftovers
    removed = 0
    emptied: set[Path] = set()
    listed = [(name, record.output_hash) for name, record in manifest.records.items()]
    listed.append((CHANGES, manifest.changes_hash))
    for name, expected in listed:
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
            removed += 1
            emptied.add(path.parent)
    if output_hash(folder / NAME) is not None:
        (folder / NAME).unlink()
        removed += 1
    _remove_emptied(folder, emptied)
    return removed, notes, leftovers


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
