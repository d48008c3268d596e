"""Colour contrast of the theme, as WCAG 2.1 measures it (success criterion 1.4.3).

Every pair of theme colours the outputs draw as text on a background is listed once here,
with where it appears: body text on the page, white on the primary band, muted footers,
table headers, callouts, the poster's column headers... Text needs a contrast ratio of at
least 4.5:1, large text (18 pt, or 14 pt bold) 3:1. ``materials-gen check`` stops on a pair
below its threshold, naming the two colours, the ratio and the theme key to change; a build
warns of it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import Location, Problem
from .theme import Palette, Theme, mix

NORMAL, LARGE = 4.5, 3.0  # WCAG 2.1 AA, for text and for large text


@dataclass(frozen=True)
class Pair:
    """Text in one palette colour on a background in another, and where outputs draw it."""

    text: str  # a Palette field
    background: str  # a Palette field, or "informed tint" / "competent tint" (poster cells)
    where: str
    large: bool = False  # only ever drawn as large text (18 pt, or 14 pt bold, and up)


PAIRS = (
    Pair("text", "paper", "body text on the page"),
    Pair("muted", "paper", "footers, labels and captions"),
    Pair("primary", "paper", "headings"),
    Pair("accent", "paper", "list numbers and headings inside slide text"),
    Pair("informed", "paper", "the first approach's name in comparisons"),
    Pair("competent", "paper", "the second approach's name in comparisons"),
    Pair("text", "callout", "text in callouts and objectives boxes"),
    Pair("text", "activity", "text in activity boxes"),
    Pair("primary", "callout", "box titles, headings and links in callouts and objectives boxes"),
    Pair("primary", "activity", "activity box titles, and links in activity boxes"),
    Pair("accent", "callout", "list numbers in callouts and objectives boxes"),
    Pair("accent", "activity", "list numbers in activity boxes"),
    Pair("muted", "callout", "captions of pictures in callouts"),
    Pair("text", "table_stripe", "striped table rows"),
    Pair("primary", "table_stripe", "links in striped table rows"),
    Pair("on_primary", "primary", "the title band and the poster's bands"),
    Pair("on_primary", "table_header", "table headers"),
    Pair("on_primary", "informed", "the poster's column headers", large=True),
    Pair("on_primary", "competent", "the poster's column headers", large=True),
    Pair("text", "informed tint", "the poster's table cells"),
    Pair("text", "competent tint", "the poster's table cells"),
)

# colours made from others: the palette field a trainer changes to change them
MADE_FROM = {"activity": "accent", "informed tint": "informed", "competent tint": "competent"}
FIXED = {"paper": "white", "on_primary": "white"}  # not theme keys: always white


def luminance(colour: str) -> float:
    """Relative luminance of a #RRGGBB colour (WCAG 2.1)."""
    channels = []
    for i in (1, 3, 5):
        c = int(colour[i : i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def ratio(one: str, two: str) -> float:
    """The contrast ratio of two #RRGGBB colours, from 1 (none) to 21 (black on white)."""
    light, dark = sorted((luminance(one), luminance(two)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _colour(palette: Palette, name: str) -> str:
    if name.endswith(" tint"):
        return mix(getattr(palette, name.split()[0]), 0.12)  # as the poster draws its cells
    return str(getattr(palette, name))


def _key(name: str) -> str:
    """The theme key a trainer edits to change this colour ("colors.accent")."""
    return f"colors.{MADE_FROM.get(name, name)}"


def _said(palette: Palette, name: str) -> str:
    colour = _colour(palette, name)
    if name in FIXED:
        return f"{FIXED[name]} ({colour})"
    if name in MADE_FROM:  # by what it is, not by the key it is made from (the pair's other)
        return f"the {name} colour ({colour}, made from {_key(name)})"
    return f"{_key(name)} ({colour})"


def contrast_problems(
    theme: Theme, places: dict[str, Location] | None = None, severity: str = "error"
) -> list[Problem]:
    """A problem for each pair of :data:`PAIRS` below its WCAG threshold; ``places``: where
    each theme key is written (``colors.accent`` -> theme.yaml's line), when it is."""
    palette = theme.palette
    places = places or {key: Location(*where) for key, where in theme.places.items()}
    found = []
    for pair in PAIRS:
        measured = ratio(_colour(palette, pair.text), _colour(palette, pair.background))
        needed = LARGE if pair.large else NORMAL
        if measured >= needed:
            continue
        keys = list(dict.fromkeys(_key(n) for n in (pair.text, pair.background) if n not in FIXED))
        where = next((places[k] for k in keys if k in places), Location(theme.source))
        found.append(
            Problem(
                where,
                f"{_said(palette, pair.text)} on {_said(palette, pair.background)} has a contrast "
                f"of {measured:.2f}:1, below the {needed:g}:1 asked of "
                f"{'large text' if pair.large else 'text'}: {pair.where} (WCAG 2.1 contrast)",
                f"make {' or '.join(keys)} darker or lighter until the pair reaches "
                f"{needed:g}:1 (a contrast checker shows how far)",
                severity=severity,
            )
        )
    return found
