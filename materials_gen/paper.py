"""Paper sizes and lengths as trainers and print shops write them: "A2", "18x24", "3mm".

Pure parsing, in points (1/72 in), so that settings can be checked at validation time with
the line they came from, long before any PDF library is loaded.
"""

from __future__ import annotations

import re

POINTS = {"in": 72.0, "mm": 72 / 25.4, "cm": 72 / 2.54, "pt": 1.0}

# name -> (width, height) in points, portrait
SIZES: dict[str, tuple[float, float]] = {
    "letter": (8.5 * 72, 11 * 72),
    "legal": (8.5 * 72, 14 * 72),  # a common US office sheet: --tile legal
    "tabloid": (11 * 72, 17 * 72),
    "a4": (210 * POINTS["mm"], 297 * POINTS["mm"]),
    "a3": (297 * POINTS["mm"], 420 * POINTS["mm"]),
    "a2": (420 * POINTS["mm"], 594 * POINTS["mm"]),
    "a1": (594 * POINTS["mm"], 841 * POINTS["mm"]),
    "a0": (841 * POINTS["mm"], 1189 * POINTS["mm"]),
    "18x24": (18 * 72, 24 * 72),
    "24x36": (24 * 72, 36 * 72),
}

_LENGTH = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(in|mm|cm|pt)\s*$", re.I)
_CUSTOM = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[x×]\s*(\d+(?:\.\d+)?)\s*(in|mm|cm|pt)?\s*$", re.I)


# The poster sizes a US print shop names in inches without saying so ("24x36"), either way
# round: read as inches with no unit written. Any other size needs its unit: "50x70" is a
# European poster in centimetres, and read as inches it made a poster 127 x 178 cm.
_INCHES_UNSAID = frozenset(
    frozenset({a, b}) for a, b in ((11, 17), (18, 24), (24, 36), (27, 40), (36, 48))
)


def _plain_sides(found: re.Match[str]) -> frozenset[float]:
    return frozenset({float(found.group(1)), float(found.group(2))})


def _unitless(text: str, found: re.Match[str]) -> str:
    """What to write for a size given without its unit: each reading that can be a poster."""
    width, height = found.group(1), found.group(2)
    readings = []
    for unit in ("cm", "mm", "in"):
        w, h = float(width) * POINTS[unit], float(height) * POINTS[unit]
        if min(w, h) >= 3 * 72 and max(w, h) <= 200 * 72:
            readings.append(f"{width}x{height}{unit} ({describe((w, h))})")
    said = " or ".join(readings) if readings else f"{width}x{height}cm, mm or in"
    return f"'{text}' gives no unit: write {said}"


class PaperError(ValueError):
    """A size or length that cannot be read; the message says what is accepted."""


def length(text: str) -> float:
    """'3mm', '0.125in', '0.3 cm', '9pt' -> points."""
    found = _LENGTH.match(str(text))
    if not found:
        raise PaperError(
            f"'{text}' is not a length; write a number and a unit, e.g. 3mm or 0.125in"
        )
    return float(found.group(1)) * POINTS[found.group(2).lower()]


BLEED_MOST = 72.0  # points: an inch, well past any printer's trim (3 mm, 0.125 in, 5 mm)


# what switches a bleed off, as a trainer writes it for one build (``--bleed 0``) over a
# bleed set in course.yaml
NO_BLEED = frozenset({"0", "none", "off"})


def no_bleed(text: str | None) -> bool:
    """Whether ``text`` asks for no bleed: none given, a word of :data:`NO_BLEED`, or a
    length of zero ("0mm")."""
    if text is None or str(text).strip().lower() in NO_BLEED:
        return True
    found = _LENGTH.match(str(text))
    return found is not None and float(found.group(1)) == 0


def bleed(text: str) -> float:
    """A poster's bleed: a length (see :func:`length`) of at most :data:`BLEED_MOST`, or
    no bleed (0, none, off)."""
    if str(text).strip().lower() in NO_BLEED:
        return 0.0
    if not _LENGTH.match(str(text)):
        raise PaperError(
            f"'{text}' is not a length; write a number and a unit, e.g. 3mm or 0.125in "
            "(0 or none for no bleed)"
        )
    found = length(text)
    if found > BLEED_MOST:
        raise PaperError(
            f"'{text}' is more bleed than a printer trims; write the printer's own, usually "
            "3mm or 0.125in (at most 1in)"
        )
    return found


def size(text: str, orientation: str = "portrait") -> tuple[float, float]:
    """'A2', 'tabloid', 'legal', '18x24' (inches), '600x900mm' -> (width, height) in points:
    a poster's paper or a tile's sheet, from the one list of names."""
    key = _key(text)
    if key in SIZES:
        width, height = SIZES[key]
    else:
        found = _CUSTOM.match(key)
        if not found:
            names = ", ".join(n.upper() if n[0] == "a" else n for n in SIZES)
            raise PaperError(
                f"'{text}' is not a paper size; use one of {names}, or WIDTHxHEIGHT with a unit, "
                "e.g. 20x30in or 500x700mm"
            )
        given = found.group(3)
        if given is None and _plain_sides(found) not in _INCHES_UNSAID:
            raise PaperError(_unitless(text, found))
        unit = POINTS[(given or "in").lower()]
        width, height = float(found.group(1)) * unit, float(found.group(2)) * unit
        if min(width, height) < 3 * 72 or max(width, height) > 200 * 72:
            raise PaperError(
                f"'{text}' is outside the sizes a poster can be (3 in to 200 in a side)"
            )
    if orientation == "landscape":
        return max(width, height), min(width, height)
    return min(width, height), max(width, height)


def _key(text: str) -> str:
    """A size as :data:`SIZES` names it ('A2' -> 'a2', '11x17' -> 'tabloid'), else as typed,
    in small letters and without spaces."""
    key = str(text).strip().lower().replace(" ", "")
    return {"11x17": "tabloid", "18x24in": "18x24", "24x36in": "24x36"}.get(key, key)


def typed_orientation(text: str | None) -> str:
    """The orientation a size is typed in: landscape for one of the trainer's own typed
    wider than high ('30x20in', '17x11'), else portrait (a named paper, '18x24')."""
    key = _key(text or "")
    found = _CUSTOM.match(key) if key not in SIZES else None
    if found is None:
        return "portrait"
    return "landscape" if float(found.group(1)) > float(found.group(2)) else "portrait"


def describe(points: tuple[float, float]) -> str:
    width, height = points
    return f"{width / 72:.4g} x {height / 72:.4g} in"
