"""Stage 6, write: the only stage that touches the output folder.

Each file is written to a temporary file beside its destination and renamed into place, so
that a crash or Ctrl-C never leaves a half-written PDF where a good one was.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import Location, OutputError, Problem


def atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_outputs(folder: Path, files: list[tuple[Path, bytes]]) -> list[Path]:
    """Write each (relative path, bytes) under ``folder``; OutputError if the disk says no."""
    written = []
    for relative, data in files:
        path = folder / relative
        try:
            atomic_write(path, data)
        except OSError as exc:
            raise OutputError(
                [
                    Problem(
                        Location(str(path)),
                        f"cannot write the file: {exc.strerror or exc}",
                        "choose another folder with --output, or check its permissions",
                    )
                ]
            ) from None
        written.append(path)
    return written
