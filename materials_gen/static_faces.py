"""Static faces made from variable fonts: the Arabic, Hebrew, Thai and Ethiopic faces the
PDFs draw with.

Noto Sans Arabic and Noto Sans Hebrew come from the ``justmytype-intl-rtl`` package, Noto
Sans Thai from ``justmytype-intl-sea`` and Noto Sans Ethiopic from ``justmytype-intl-africa``
(Google Fonts' own files, OFL, licences beside them) as variable fonts, one file for every
weight.
ReportLab draws a font's default outlines only (Hebrew's default is Thin), so each weight
the PDFs use (Regular 400, Bold 700, normal width) is made once into a plain TrueType file
with fontTools' instancer and kept in the user's cache folder, named by what it was made
from: a later run, or another project, reads it back in a millisecond, and a changed source
file or fontTools makes a new one (where they are kept when the user's cache cannot be
written, or others could write it: see user_cache.py).
"""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
from pathlib import Path

_BOLD, _REGULAR = 700, 400


@functools.cache
def _folder() -> Path:
    from .user_cache import folder

    return folder("faces")


def static_face(variable: Path, bold: bool) -> Path:
    """The file of ``variable`` (a variable font) at Regular or Bold weight, normal width:
    made once, then read from the cache."""
    import fontTools

    weight = _BOLD if bold else _REGULAR
    data = variable.read_bytes()
    key = hashlib.sha256(data + f"|{weight}|{fontTools.version}".encode()).hexdigest()[:16]
    stem = variable.name.split("[")[0].removesuffix(".ttf")
    target = _folder() / f"{stem}-{weight}-{key}.ttf"
    if not target.exists():
        _make(variable, weight, target)
    return target


def _make(variable: Path, weight: int, target: Path) -> None:
    """Write the instance beside ``target`` and move it into place, so that a run stopped
    halfway, or two running at once, never leave half a font under the final name."""
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    font = TTFont(str(variable))
    axes = {axis.axisTag: axis for axis in font["fvar"].axes}
    place = {"wght": weight} if "wght" in axes else {}
    if "wdth" in axes:
        place["wdth"] = 100
    made = instancer.instantiateVariableFont(font, place, updateFontNames="STAT" in font)
    handle, partial = tempfile.mkstemp(dir=target.parent, suffix=".partial")
    os.close(handle)
    try:
        made.save(partial)
        os.chmod(partial, 0o644)  # a font, as readable as the package it was made from
        os.replace(partial, target)
    finally:
        if os.path.exists(partial):
            os.unlink(partial)
