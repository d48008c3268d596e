"""The user's cache folder: what materials-gen makes once per computer and reads back after.

Two things are kept there, each in a folder of its own: the static faces made from variable
fonts (``faces``, see static_faces.py) and what ReportLab reads from each font file
(``metrics``, see face_metrics.py). Both are named by what they were made from, so a changed
source makes a new entry, and both are written beside their final name and moved into place,
so that a run stopped halfway, or two at once, never leave half an entry.

A cache folder that cannot be written (a read-only home), or that another user owns or can
write to (what is in it would not be this user's alone: a face another user put there would
be drawn), is replaced by this user's private folder in the system's temporary folder, else
by a folder of this run's own, removed when it ends.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path


def folder(name: str) -> Path:
    """The cache folder ``name`` (made if need be), in the user's cache folder. Looked for
    at each call: each user keeps the answer for its process."""
    from platformdirs import user_cache_path

    from .seal import private

    found = user_cache_path("materials-gen", appauthor=False) / name
    try:
        found.mkdir(parents=True, exist_ok=True)
        probe = found / f".probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError:
        return _temporary(name)
    if not (private(found) and private(found.parent)):  # what others could put there
        return _temporary(name)
    return found


def _temporary(name: str) -> Path:
    """Where ``name`` is kept when the user's cache folder cannot be written (a read-only
    home): this user's own private folder in the system's temporary folder, kept from one
    run to the next, as the key is (see seal.py); else a folder of the run's own, removed
    when it ends (one was left behind by every build)."""
    from .seal import private

    if hasattr(os, "getuid"):
        mine = Path(tempfile.gettempdir()) / f"materials-gen-{os.getuid()}"
        try:
            mine.mkdir(mode=0o700, exist_ok=True)
            if private(mine):
                kept = mine / name
                kept.mkdir(exist_ok=True)
                return kept
        except OSError:
            pass
    made = Path(tempfile.mkdtemp(prefix=f"materials-gen-{name}-"))
    atexit.register(shutil.rmtree, made, True)
    return made


def replace_with(target: Path, data: bytes, mode: int = 0o644) -> None:
    """Write ``data`` beside ``target`` and move it into place (see the module)."""
    handle, partial = tempfile.mkstemp(dir=target.parent, suffix=".partial")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(partial, mode)
        os.replace(partial, target)
    finally:
        if os.path.exists(partial):
            os.unlink(partial)
