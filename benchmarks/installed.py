"""Run the benchmarks against materials-gen as an installed copy runs, bytecode and all.

``pip install`` compiles a package's modules to bytecode, and Python writes the bytecode of
an editable install on its first import. Where bytecode writing is turned off
(``PYTHONDONTWRITEBYTECODE``, common in containers and CI), every fresh process of a
benchmark would compile materials-gen's own source again (about 0.3 s a process): a cost no
installed copy pays. So each benchmark compiles the package once before it times anything.
"""

from __future__ import annotations

import compileall
import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "materials_gen"


def as_installed() -> None:
    """Compile materials-gen's modules to bytecode, as installing it does."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    if not compileall.compile_dir(PACKAGE, quiet=1):
        raise SystemExit(f"materials-gen's modules in {PACKAGE} do not compile")
