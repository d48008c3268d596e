"""What a TrueType font's own tables claim, read before ReportLab reads the font.

ReportLab expands a font's character map into a dictionary, copies each glyph at the length
its index table gives, and follows every part of a composite glyph when it embeds a subset:
a font a project ships can claim four billion characters in a 75 KB file, give glyphs
16 MB each that all point at the same bytes, or build one glyph of 65,000 others, and each
took minutes and gigabytes. These checks read the claims themselves, in time and memory
proportional to the file, and say what is wrong before ReportLab is asked.
"""

from __future__ import annotations

import struct

MAX_CHARACTERS = 200_000  # code points one font file maps (Unicode assigns 150,000)
MAX_PARTS = 2_000  # glyphs one glyph is made of, all its parts' parts counted


def problem(data: bytes) -> str | None:
    """What makes the font in ``data`` too costly to embed; None when nothing does (or when
    it is not a TrueType font at all, which ReportLab then says)."""
    try:
        tables = _tables(data)
        if tables is None:
            return None
        mapped = _mapped(data, tables.get(b"cmap"))
        if mapped > MAX_CHARACTERS:
            return (
                f"maps {mapped:,} characters; a font may map at most {MAX_CHARACTERS:,} "
                "(Noto Sans CJK, among the largest, maps 65,000)"
            )
        return _glyph_problem(data, tables)
    except (struct.error, IndexError, ValueError):
        return (
            "is not a TrueType font that can be embedded (its tables run past the end of the "
            "file: it may have been cut short)"
        )


def _tables(data: bytes) -> dict[bytes, tuple[int, int]] | None:
    if data[:4] not in (b"\x00\x01\x00\x00", b"true"):
        return None
    (count,) = struct.unpack_from(">H", data, 4)
    tables = {}
    for n in range(count):
        tag, _, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * n)
        if offset + length > len(data):
            raise ValueError(tag)
        tables[tag] = (offset, length)
    return tables


def _mapped(data: bytes, table: tuple[int, int] | None) -> int:
    """The most characters any of the character map's subtables maps (each range counted
    once for each time it is given, as ReportLab reads them)."""
    if table is None:
        return 0
    base, length = table
    (count,) = struct.unpack_from(">H", data, base + 2)
    most = 0
    for n in range(min(count, length // 8)):
        _, _, offset = struct.unpack_from(">HHI", data, base + 4 + 8 * n)
        at = base + offset
        (kind,) = struct.unpack_from(">H", data, at)
        if kind == 4:
            (segments,) = struct.unpack_from(">H", data, at + 6)
            segments //= 2
            ends = struct.unpack_from(f">{segments}H", data, at + 14)
            starts = struct.unpack_from(f">{segments}H", data, at + 16 + 2 * segments)
            mapped = sum(e - s + 1 for s, e in zip(starts, ends, strict=True) if e >= s)
        elif kind in (12, 13):
            (groups,) = struct.unpack_from(">I", data, at + 12)
            if at + 16 + 12 * groups > len(data):
                raise ValueError("cmap")
            mapped = 0
            for g in range(groups):
                start, end = struct.unpack_from(">II", data, at + 16 + 12 * g)
                mapped += max(0, end - start + 1)
                if mapped > MAX_CHARACTERS:
                    break
        elif kind == 6:
            (mapped,) = struct.unpack_from(">H", data, at + 8)
        elif kind == 10:
            (mapped,) = struct.unpack_from(">I", data, at + 16)
        else:
            mapped = 256 if kind == 0 else 0
        most = max(most, mapped)
    return most


def _glyph_problem(data: bytes, tables: dict[bytes, tuple[int, int]]) -> str | None:
    """A glyph index that runs backwards or past the glyph table, or a glyph made of more
    than :data:`MAX_PARTS` others."""
    if not {b"head", b"maxp", b"loca", b"glyf"} <= set(tables):
        return None  # no outlines of this kind: ReportLab says what it cannot embed
    (long,) = struct.unpack_from(">h", data, tables[b"head"][0] + 50)
    (glyphs,) = struct.unpack_from(">H", data, tables[b"maxp"][0] + 4)
    loca, glyf = tables[b"loca"][0], tables[b"glyf"]
    if long:
        offsets = struct.unpack_from(f">{glyphs + 1}I", data, loca)
    else:
        offsets = tuple(2 * o for o in struct.unpack_from(f">{glyphs + 1}H", data, loca))
    for n in range(glyphs):
        if offsets[n + 1] < offsets[n] or offsets[n + 1] > glyf[1]:
            return f"is damaged: glyph {n}'s outline runs backwards or past the glyph table"
    parts: dict[int, list[int]] = {}
    for n in range(glyphs):
        if offsets[n + 1] - offsets[n] < 10:
            continue
        at = glyf[0] + offsets[n]
        (contours,) = struct.unpack_from(">h", data, at)
        if contours < 0:
            parts[n] = _components(data, at + 10, glyf[0] + offsets[n + 1])
    counted: dict[int, int] = {}
    for glyph in parts:
        if _count(glyph, parts, counted, 0) > MAX_PARTS:
            return (
                f"has a glyph made of more than {MAX_PARTS:,} others (glyph {glyph}); a "
                "letter is made of a few"
            )
    return None


def _components(data: bytes, at: int, end: int) -> list[int]:
    """The glyphs a composite glyph is made of, read from its component records."""
    found = []
    while at + 4 <= end:
        flags, glyph = struct.unpack_from(">HH", data, at)
        found.append(glyph)
        at += 4 + (4 if flags & 0x0001 else 2)  # its two arguments, words or bytes
        if flags & 0x0008:
            at += 2  # one scale
        elif flags & 0x0040:
            at += 4  # x and y scales
        elif flags & 0x0080:
            at += 8  # a two-by-two matrix
        if not flags & 0x0020:  # no more components
            break
    return found


def _count(glyph: int, parts: dict[int, list[int]], counted: dict[int, int], depth: int) -> int:
    """How many glyphs ``glyph`` is made of, its parts' parts counted (at most a little
    past :data:`MAX_PARTS`: counting stops there), a glyph that contains itself endlessly."""
    if glyph in counted:
        return counted[glyph]
    if depth > 32:
        return MAX_PARTS + 1  # parts within parts, deeper than any letter
    counted[glyph] = MAX_PARTS + 1  # while counting: a glyph that contains itself is too many
    total = 0
    for part in parts.get(glyph, ()):
        total += 1 + (_count(part, parts, counted, depth + 1) if part in parts else 0)
        if total > MAX_PARTS:
            break
    counted[glyph] = total
    return total
