"""Walking a project's folders, however deep they nest.

Python 3.11's ``os.walk`` and ``Path.rglob`` call themselves once a folder level: a shared
project whose content/ nests a thousand folders deep stopped ``build`` with a RecursionError
traceback (``check`` passed). These walk with a list of folders still to read instead, as
``os.walk(top, followlinks=False)`` does otherwise: a link to a folder is named among the
folders it is in and never entered, and a folder that cannot be read is passed over (the
folders a build reads its content from are looked in first, see load._texts).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path


def walk(top: Path | str) -> Iterator[tuple[str, list[str], list[str]]]:
    """(folder, its folders, its other entries) for ``top`` and every folder in it, each
    folder before those in it; ``dirs`` may be pruned in place to skip a folder, as with
    ``os.walk``."""
    stack = [os.fspath(top)]
    while stack:
        base = stack.pop()
        try:
            with os.scandir(base) as entries:
                listed = list(entries)
        except OSError:
            continue
        dirs: list[str] = []
        names: list[str] = []
        for entry in listed:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            (dirs if is_dir else names).append(entry.name)
        yield base, dirs, names
        for name in reversed(dirs):
            path = os.path.join(base, name)
            if not os.path.islink(path):
                stack.append(path)


def files_under(top: Path, suffix: str = "") -> list[Path]:
    """Every entry under ``top`` that is not a folder (links included), its name ending in
    ``suffix``, in path order; nothing when ``top`` is no folder."""
    if not top.is_dir():
        return []
    return sorted(
        Path(base) / name for base, _, names in walk(top) for name in names if name.endswith(suffix)
    )


def left_alone(name: str) -> bool:
    """Whether a file or folder in content/ is one no trainer wrote, never read as content:
    a hidden one (a name starting with '.': macOS's ``._intro.md`` beside a file copied
    from a Mac, an editor's ``.#intro.md`` lock), an office program's owner or temporary
    file (Word's ``~$intro.md``, kept while the file is open), or the folder of resource
    forks a Mac's zip adds (``__MACOSX``)."""
    return name.startswith((".", "~")) or name == "__MACOSX"
