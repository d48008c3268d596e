"""The theme's font families registered with ReportLab, by the names its four styles go by.

Kept apart from pdf.py (which brings in ReportLab's page layout) so that measuring text, as
laying out a deck does, loads only ReportLab's font metrics.
"""

from __future__ import annotations

import hashlib
from contextlib import suppress
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics

from .. import face_metrics
from ..glyphs import forget_faces
from ..theme import FontFamily

# The file each registered face was read from, as it was then (path, size, modification
# time): ReportLab keeps faces by name for the life of the process, so a build in a process
# that built before (watch, preview, the forked workers) reads a replaced font file again.
_READ: dict[str, tuple[str, int, int]] = {}


def _unregister(name: str) -> None:
    """Forget the face registered as ``name``: ReportLab keeps the first face registered
    under a name and has no call to replace it, so its two registries are emptied of it."""
    for registry in ("_fonts", "_dynFaceNames"):
        getattr(pdfmetrics, registry, {}).pop(name, None)


def file_stamp(path: Path) -> tuple[str, int, int]:
    """A font file as it is now: its path, size and modification time (-1 when it cannot be
    looked at: reading it says what is wrong)."""
    try:
        found = path.stat()
    except OSError:
        return (str(path), -1, -1)
    return (str(path), found.st_size, found.st_mtime_ns)


def face_name(path: Path, stamp: tuple[str, int, int] | None = None) -> str:
    """The name ReportLab knows the face in ``path`` by: "mg-" and its file's name for a
    face materials-gen ships; for a project's own, its bytes' hash too, so that a project's
    ``Lato-Regular.ttf`` is never taken for the shipped Lato of the same file name (both
    may be in one document: the body in one, the headings in the other). ``stamp``: the
    file's :func:`file_stamp`, when the caller has it."""
    stamp = stamp or file_stamp(path)
    name = _NAMES.get(stamp)
    if name is None:
        name = "mg-" + path.stem
        if not path.resolve().is_relative_to(_shipped()):
            with suppress(OSError):  # reading it to register it says what is wrong
                name += "-" + hashlib.sha256(path.read_bytes()).hexdigest()[:8]
        _NAMES[stamp] = name
    return name


_NAMES: dict[tuple[str, int, int], str] = {}  # a font file as it was -> its face's name


@lru_cache(maxsize=1)
def _shipped() -> Path:
    import rendercv_fonts

    return Path(rendercv_fonts.__file__).parent.resolve()


def register_face(path: Path) -> str:
    """The name ReportLab knows the face in ``path`` by (:func:`face_name`), registered
    (read) the first time it is asked for, and again when the file changed since."""
    stamp = file_stamp(path)
    name = face_name(path, stamp)
    if _READ.get(name) != stamp:
        if name in _READ:  # another file, or the same one changed: read it again
            _unregister(name)
            forget_faces()
        font = face_metrics.font(name, path)  # ReportLab's reading, kept per computer
        pdfmetrics.registerFont(font)
        _READ[name] = stamp
        _CHARACTERS[name] = frozenset(font.face.charToGlyph)
    return name


def characters(path: Path) -> frozenset[int]:
    """The code points the face in ``path`` has glyphs for, as its file maps them (read when
    it is registered: the theme's faces are read once a process, for their characters and
    for drawing; shaping text later adds private-use code points to the face's own map)."""
    return _CHARACTERS[register_face(path)]


_CHARACTERS: dict[str, frozenset[int]] = {}  # registered name -> the code points of its file


class Fonts:
    """A registered font family: the names ReportLab knows its four styles by."""

    def __init__(self, family: FontFamily):
        self.family = family.name
        names = [register_face(path) for path in family.files()]
        self.regular, self.bold, self.italic, self.bold_italic = names
        pdfmetrics.registerFontFamily(
            self.regular,
            normal=self.regular,
            bold=self.bold,
            italic=self.italic,
            boldItalic=self.bold_italic,
        )
        self._face = pdfmetrics.getFont(self.regular).face

    def missing(self, text: str) -> set[str]:
        """Characters of ``text`` that the regular face has no glyph for."""
        table = self._face.charToGlyph
        return {c for c in text if not c.isspace() and ord(c) not in table}
