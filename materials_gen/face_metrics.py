"""What ReportLab reads from a font file, kept in the user's cache folder and read back.

ReportLab reads a TrueType file's tables in Python whenever a process registers the face:
the character map, every glyph's width, place and side bearing, the names. That takes 6 ms
for a Noto Sans style, and 40 to 90 ms for one of the East Asian faces (5 to 10 MB, 30,000
glyphs), which a course in English opens too where it has a name in Chinese, say.
A build reads its faces in each of its processes: the one that checks and lays out the
course, and each worker that draws a PDF.

So what ReportLab reads is kept, once per font file, in the cache folder's ``metrics``
(see user_cache.py), and read back in a few milliseconds: a JSON header (the face's names,
measures and table directory; the file it was read from, by path, size and a hash of its
bytes; the ReportLab that read it) and arrays of numbers. Nothing in an entry is code, and
an entry is used only when its checksum (of the header and the arrays), its file and
ReportLab's version all match: otherwise, or whatever else is wrong with it, the file is
read again and the entry made anew. The face built from an entry is
the face ReportLab would have read, value for value (tests/test_face_metrics.py), so the
PDFs are the same bytes either way.
"""

from __future__ import annotations

import array
import functools
import hashlib
import json
import os
import stat
import sys
import zlib
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.pdfbase.ttfonts import TTFNameBytes, TTFont, TTFontFace

_MAGIC = b"materials-gen face metrics 2\n"
# entries kept at the most (one per font file: the shipped faces, and each project's own);
# past that, those read longest ago go (a project's font used once, in a folder since gone)
MAX_ENTRIES = 100
# the face's large tables, kept as arrays; everything else it holds goes in the header
_COLUMNS = ("charToGlyph", "glyphToChar", "charWidths", "hmetrics", "glyphPos")
# rebuilt, not kept: the file's own bytes (read again, for subsetting) and its scale
_REBUILT = ("_ttf_data", "_pdfScale")


class Uncacheable(Exception):
    """A face holds something this cache does not keep (another ReportLab, say): it is
    read from its file every time, as ReportLab reads it."""


@functools.cache
def _folder() -> Path | None:
    from .user_cache import folder

    return folder("metrics")


def font(name: str, path: Path) -> TTFont:
    """ReportLab's TTFont of the file at ``path``, registered under ``name`` by the caller,
    with its face read from the cache (see the module)."""
    return _Font(name, face(path))


def face(path: Path) -> TTFontFace:
    """The face ReportLab reads from ``path``, from the cache when it holds it; read from
    the file (and kept) otherwise. A file ReportLab cannot read raises as it would."""
    return _face(path, _looked_up(path))


def code_points(path: Path) -> frozenset[int]:
    """The code points the file at ``path`` maps to glyphs (its character map), from the
    cache when it holds them: a glance at what a face can draw, without building it."""
    kept = _looked_up(path)
    found = _parts(kept[0], kept[1].stamp) if kept is not None else None
    if found is not None and "charToGlyph.keys" in found[1]:
        return frozenset(found[1]["charToGlyph.keys"].tolist())
    return frozenset(_face(path, kept, found).charToGlyph)


@dataclass(frozen=True)
class _Opened:
    """A font file as ReportLab opens it: the name it keeps, its bytes, and its stamp (see
    :func:`_stamp`), read and hashed once however the entry turns out."""

    name: str
    data: bytes
    stamp: list[Any]


def _looked_up(path: Path) -> tuple[Path, _Opened] | None:
    """Where the metrics of ``path`` are kept, and the file as it is now; None when there is
    no cache folder, or the file cannot be read (ReportLab, reading it, then says why)."""
    from reportlab.pdfbase.ttfonts import TTFOpenFile

    entry = _entry(path)
    if entry is None:
        return None
    try:
        name, file = TTFOpenFile(str(path))
        with file:
            data = file.read()
    except Exception:  # noqa: BLE001 - told by ReportLab's own reading, which follows
        return None
    return entry, _Opened(name, data, _stamp(path, data))


def _face(
    path: Path,
    kept: tuple[Path, _Opened] | None,
    parts: tuple[dict[str, Any], dict[str, array.array]] | None = None,
) -> TTFontFace:
    """The face of ``path``: built from its entry (``parts``, when the caller has read
    them) or read from the file, and kept."""
    if kept is not None:
        found = _built(parts or _parts(kept[0], kept[1].stamp), kept[1])
        if found is not None:
            with suppress(OSError):
                os.utime(kept[0])  # read now: the last to go (see _pruned)
            return found
    made = TTFontFace(str(path))
    if kept is not None:
        with suppress(OSError, Uncacheable):
            _write(*kept, made)
            _pruned(kept[0].parent)
    return made


def _pruned(folder: Path) -> None:
    """The folder's entries past :data:`MAX_ENTRIES` removed, those read longest ago first."""
    entries = []
    for found in folder.glob("*.metrics"):
        with suppress(OSError):
            entries.append((found.stat().st_mtime_ns, found))
    for _, old in sorted(entries)[: max(0, len(entries) - MAX_ENTRIES)]:
        with suppress(OSError):
            old.unlink()


# ---------------------------------------------------------------- entries


def _stamp(path: Path, data: bytes) -> list[Any]:
    """What an entry is of: the font file by its place, size and bytes (a file replaced by
    another of the same size and time, as ``cp -p`` leaves it, is another file)."""
    return [str(path.resolve()), len(data), hashlib.sha256(data).hexdigest()]


def _version() -> str:
    import reportlab

    return f"{reportlab.Version} {sys.byteorder}"


def _entry(path: Path) -> Path | None:
    """Where the metrics of ``path`` are kept (one entry per font file, made anew when the
    file changes); None when there is no cache folder to be had."""
    try:
        kept = _folder()
        if kept is None:
            return None
        where = str(path.resolve())
        key = hashlib.sha256(f"{where}\n{_version()}".encode()).hexdigest()[:24]
        return kept / f"{path.stem[:40]}-{key}.metrics"
    except OSError:
        return None


# an entry's arrays: of integers, of floats, and the masks of those that were integers
_CODES = frozenset({"q", "d", "B"})
MAX_ENTRY = 64 * 1024 * 1024  # bytes an entry may have (a CJK face's: about 2 MB)


def _parts(entry: Path, stamp: list[Any]) -> tuple[dict[str, Any], dict[str, array.array]] | None:
    """The header and arrays of ``entry``, when it is whole (its checksum covers the header
    and the arrays), of the file ``stamp`` names as it is now and of this ReportLab; None
    otherwise, whatever is wrong with it: an entry is this cache's own, and a damaged one
    only means reading the font again (and making the entry anew)."""
    try:
        found = entry.stat()
        if not stat.S_ISREG(found.st_mode) or found.st_size > MAX_ENTRY:
            return None  # (a pipe would be waited on for ever; no entry is that large)
        data = entry.read_bytes()
        if not data.startswith(_MAGIC):
            return None
        crc_end = data.index(b"\n", len(_MAGIC))
        checksum = data[len(_MAGIC) : crc_end]
        rest = memoryview(data)[crc_end + 1 :]
        if checksum != b"%08x" % zlib.crc32(rest):
            return None
        end = data.index(b"\n", crc_end + 1)
        header = json.loads(data[crc_end + 1 : end])
        if not isinstance(header, dict):
            return None
        if header.get("version") != _version() or header.get("source") != stamp:
            return None
        payload = memoryview(data)[end + 1 :]
        specs = header["arrays"]
        sizes = [array.array(code).itemsize * count for _, code, count in specs]
        if not all(
            isinstance(name, str) and code in _CODES and isinstance(count, int) and count >= 0
            for name, code, count in specs
        ) or sum(sizes) != len(payload):
            return None
        columns: dict[str, array.array] = {}
        at = 0
        for (name, code, _), size in zip(specs, sizes, strict=True):
            column = array.array(code)
            column.frombytes(payload[at : at + size])
            at += size
            columns[name] = column
    except Exception:  # noqa: BLE001 - whatever is wrong with an entry: read the font again
        return None
    return header, columns


def _built(
    parts: tuple[dict[str, Any], dict[str, array.array]] | None, opened: _Opened
) -> TTFontFace | None:
    """The face an entry's ``parts`` hold, with the file's bytes; None when they cannot make
    one."""
    if parts is None:
        return None
    header, columns = parts
    try:
        made = TTFontFace.__new__(TTFontFace)
        fields = {name: _decoded(value) for name, value in header["fields"].items()}
        tables = fields["tables"]
        fields["table"] = {record["tag"]: record for record in tables}
        fields.update(_tables_of(columns))
        fields["_ttf_data"], fields["filename"] = opened.data, opened.name
        fields["_pdfScale"] = _scale(fields["unitsPerEm"])
        ordered = {name: fields[name] for name in header["order"]}
        if len(ordered) != len(fields):
            return None
    except Exception:  # noqa: BLE001 - whatever is wrong with an entry: read the font again
        return None
    vars(made).update(ordered)
    return made


def _write(entry: Path, opened: _Opened, made: TTFontFace) -> None:
    from .user_cache import replace_with

    held = vars(made)
    if held.get("_ttf_data") != opened.data:
        raise Uncacheable("the file changed while it was read")
    if held.get("table") is None or list(held["table"].values()) != held["tables"]:
        raise Uncacheable("the table directory is not the list of its tables")
    fields = {
        name: _encoded(value)
        for name, value in held.items()
        if name not in _COLUMNS and name not in _REBUILT and name != "table"
    }
    columns = _columns_of(made)
    header = {
        "version": _version(),
        "source": opened.stamp,
        "fields": fields,
        "arrays": [[name, column.typecode, len(column)] for name, column in columns.items()],
        "order": list(held),  # the face's attributes in the order ReportLab set them
    }
    payload = b"".join(column.tobytes() for column in columns.values())
    head = json.dumps(header, separators=(",", ":"), ensure_ascii=True).encode()
    rest = head + b"\n" + payload
    replace_with(entry, _MAGIC + b"%08x\n" % zlib.crc32(rest) + rest)


def _scale(units: int) -> Any:
    """The face's scale from its design units to a 1000-unit em, as ReportLab makes it."""
    if units == 1000:
        return lambda x: x
    factor = 1000 / units
    return lambda x: x * factor


# ---------------------------------------------------------------- the header's values


def _encoded(value: Any) -> Any:
    """A face's value as JSON holds it, tagged where JSON alone would lose its type."""
    if value is None or type(value) in (bool, int, float, str):
        return value
    if isinstance(value, TTFNameBytes):
        return {"name": value.ustr}
    if type(value) is bytes:
        return {"bytes": value.hex()}
    if type(value) is tuple:
        return {"tuple": [_encoded(v) for v in value]}
    if type(value) is list:
        return [_encoded(v) for v in value]
    if type(value) is dict and all(type(k) is str for k in value):
        return {"dict": {k: _encoded(v) for k, v in value.items()}}
    raise Uncacheable(f"a value of type {type(value).__name__}")


def _decoded(value: Any) -> Any:
    if isinstance(value, list):
        return [_decoded(v) for v in value]
    if not isinstance(value, dict):
        return value
    ((tag, held),) = value.items()
    if tag == "name":
        return TTFNameBytes(held.encode("utf8"))
    if tag == "bytes":
        return bytes.fromhex(held)
    if tag == "tuple":
        return tuple(_decoded(v) for v in held)
    if tag == "dict":
        return {k: _decoded(v) for k, v in held.items()}
    raise ValueError(f"unknown tag {tag!r}")


# ---------------------------------------------------------------- the large tables


def _numbers(values: Iterable[Any]) -> dict[str, array.array]:
    """A column of numbers as arrays: of integers, of floats, or of floats with a mask of
    those that were integers (widths past a face's last full metric are scaled)."""
    values = list(values)
    kinds = {type(v) for v in values}
    if kinds <= {int}:
        try:
            return {"": array.array("q", values)}
        except OverflowError:
            raise Uncacheable("an integer past 64 bits") from None
    if kinds <= {float}:
        return {"": array.array("d", values)}
    if kinds <= {int, float}:
        return {
            "": array.array("d", values),
            "#int": array.array("B", (type(v) is int for v in values)),
        }
    raise Uncacheable(f"numbers of types {sorted(k.__name__ for k in kinds)}")


def _number_list(columns: dict[str, array.array], name: str) -> list[Any]:
    values = columns[name].tolist()
    mask = columns.get(name + "#int")
    if mask is not None:
        values = [int(v) if whole else v for v, whole in zip(values, mask, strict=True)]
    return values


def _columns_of(made: TTFontFace) -> dict[str, array.array]:
    out: dict[str, array.array] = {}

    def put(name: str, values: Iterable[Any]) -> None:
        for suffix, column in _numbers(values).items():
            out[name + suffix] = column

    held = vars(made)
    to_glyph = held["charToGlyph"]
    put("charToGlyph.keys", to_glyph.keys())
    put("charToGlyph.values", to_glyph.values())
    pairs = [(g, c) for g, chars in held["glyphToChar"].items() for c in chars]
    put("glyphToChar.glyphs", (g for g, _ in pairs))
    put("glyphToChar.chars", (c for _, c in pairs))
    widths = held["charWidths"]
    put("charWidths.keys", widths.keys())
    put("charWidths.values", widths.values())
    metrics = held["hmetrics"]
    if any(type(m) is not tuple or len(m) != 2 for m in metrics):
        raise Uncacheable("horizontal metrics that are not pairs")
    put("hmetrics.advances", (m[0] for m in metrics))
    put("hmetrics.bearings", (m[1] for m in metrics))
    put("glyphPos", held["glyphPos"])
    return out


def _tables_of(columns: dict[str, array.array]) -> dict[str, Any]:
    def numbers(name: str) -> list[Any]:
        return _number_list(columns, name)

    to_char: dict[int, list[int]] = {}
    for glyph, char in zip(
        numbers("glyphToChar.glyphs"), numbers("glyphToChar.chars"), strict=True
    ):
        chars = to_char.get(glyph)
        if chars is None:
            to_char[glyph] = [char]
        else:
            chars.append(char)
    return {
        "charToGlyph": dict(
            zip(numbers("charToGlyph.keys"), numbers("charToGlyph.values"), strict=True)
        ),
        "glyphToChar": to_char,
        "charWidths": dict(
            zip(numbers("charWidths.keys"), numbers("charWidths.values"), strict=True)
        ),
        "hmetrics": list(
            zip(numbers("hmetrics.advances"), numbers("hmetrics.bearings"), strict=True)
        ),
        "glyphPos": numbers("glyphPos"),
    }


# ---------------------------------------------------------------- the font


class _Font(TTFont):
    """ReportLab's TTFont around a face already read (TTFont itself reads its file)."""

    def __init__(self, name: str, made: TTFontFace):
        from fnmatch import fnmatch
        from weakref import WeakKeyDictionary

        from reportlab import rl_config
        from reportlab.pdfbase import ttfonts

        self.fontName = name
        self.face = made
        self.encoding = ttfonts.TTEncoding()
        self.state = WeakKeyDictionary()
        self._asciiReadable = rl_config.ttfAsciiReadable
        self.shapable = not any(fnmatch(name, glob) for glob in ttfonts.unShapedFontGlob)
