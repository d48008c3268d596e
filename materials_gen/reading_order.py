"""Right-to-left text in the PDFs: the Unicode bidirectional algorithm.

A line with Arabic or Hebrew in it is drawn run by run: the embedding level of each of its
characters (even: read from the left; odd: from the right) comes from python-bidi's
implementation of the algorithm (:func:`levels`); the line is cut into runs of one level
(and one face), each shaped by HarfBuzz in its own direction (so Arabic-Indic digits and a
Latin word inside Arabic read from the left, and brackets are mirrored where they read from
the right), and the runs are put in the order they are seen (:func:`seen_order`, the
algorithm's rule L2). Lines are broken before this, in the order written.

A stretch between directional isolates (FSI, LRI or RLI and its PDI) is laid out as one unit
in its own direction (:func:`levels`): a line's parts joined by :func:`isolated_join` (a
footer's "Version 1.0 · 2 نوفمبر 2026 · Page 3 of 17") each read as one phrase, the Arabic
date's day, month and year together, whatever the direction of the line around it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

# Directional isolates (LRI, RLI, FSI, PDI): each stretch they enclose is laid out on its own
# (see levels), since the algorithm python-bidi implements in Python predates them; one left
# without its pair is read as a character the algorithm ignores, rather than refused. All are
# left out of the text a PDF draws (they draw nothing, and no face has them).
_ISOLATE_CHARS = "\u2066\u2067\u2068\u2069"
_ISOLATES = str.maketrans(dict.fromkeys(map(ord, _ISOLATE_CHARS), "\u200b"))
NO_ISOLATES = str.maketrans(dict.fromkeys(map(ord, _ISOLATE_CHARS)))
ISOLATE_CHARS = frozenset(_ISOLATE_CHARS)
_LRI, _RLI, _FSI, _PDI = _ISOLATE_CHARS
_ISOLATED_STAND_IN = "\ufffc"  # a neutral (ON): the isolated stretch, as the line around sees it


def isolated_join(parts: Sequence[str], between: str = " \u00b7 ") -> str:
    """``parts`` (the empty ones left out) joined by ``between``, each kept whole in its own
    direction (between FSI and PDI) when one of them has Arabic or Hebrew in it: an Arabic
    date in an English footer line reads as one phrase ("2 نوفمبر 2026", its day and year not
    side by side), and so does an English label in an Arabic one. Without Arabic or Hebrew,
    joined as they are."""
    from .glyphs import RIGHT_TO_LEFT

    kept = [part for part in parts if part]
    if any(RIGHT_TO_LEFT.search(part) for part in kept):
        kept = [f"{_FSI}{part}{_PDI}" for part in kept]
    return between.join(kept)


_LEVEL = re.compile(r"Level\(\s*(\d+),?\s*\)")


def levels(text: str, right_to_left: bool) -> list[int]:
    """The embedding level of each character of ``text`` (one line or paragraph, in the
    order written) in a paragraph that reads from the right or from the left; a stretch
    between directional isolates at its own levels, in its own direction (the algorithm's
    rules for isolates: the stretch is one neutral character to the text around it, and is
    laid out as a paragraph of its own one or two levels up; FSI takes the direction of the
    stretch's first letter of a strong direction, LRI reads from the left, RLI from the
    right)."""
    return _levels_at(text, int(right_to_left))


def _levels_at(text: str, level: int) -> list[int]:
    """:func:`levels` of ``text`` laid out at embedding ``level`` (its parity its direction)."""
    spans = _isolated_spans(text)
    if not spans:
        return [n + level - level % 2 for n in _levels_plain(text, level % 2 == 1)]
    outer = list(text)
    for start, end in spans:  # the stretch inside, a neutral to the text around it
        outer[start + 1 : end] = _ISOLATED_STAND_IN * (end - start - 1)
    found = [n + level - level % 2 for n in _levels_plain("".join(outer), level % 2 == 1)]
    for start, end in spans:
        inside = text[start + 1 : end]
        from_right = {_LRI: False, _RLI: True}.get(text[start])
        if from_right is None:
            from_right = _first_strong_is_rtl(inside)
        inner = level + 1 if (level + 1) % 2 == from_right else level + 2
        found[start + 1 : end] = _levels_at(inside, inner)
    return found


def _isolated_spans(text: str) -> list[tuple[int, int]]:
    """The outermost isolated stretches of ``text``: (where the isolate that opens it is,
    where its PDI is, or the text's end when it has none)."""
    spans: list[tuple[int, int]] = []
    depth, start = 0, 0
    for at, char in enumerate(text):
        if char in (_LRI, _RLI, _FSI):
            if not depth:
                start = at
            depth += 1
        elif char == _PDI and depth:
            depth -= 1
            if not depth:
                spans.append((start, at))
    if depth:
        spans.append((start, len(text)))
    return spans


def _first_strong_is_rtl(text: str) -> bool:
    """Whether the first letter of a strong direction of ``text``, outside any isolated
    stretch in it, is Arabic or Hebrew (the algorithm's rules P2 and P3)."""
    from .glyphs import right_to_left

    outside, at = [], 0
    for start, end in _isolated_spans(text):
        outside.append(text[at:start])
        at = end + 1
    outside.append(text[at:])
    return right_to_left("".join(outside))


def _levels_plain(text: str, right_to_left: bool) -> list[int]:
    """The levels of ``text`` with no isolated stretch in it (an isolate on its own is read
    as a character the algorithm ignores).

    From python-bidi's implementation in Rust (the unicode-bidi crate: the whole algorithm,
    brackets paired by rule N0, so "محمد (Mo) 2024" keeps its brackets round "Mo"), whose
    levels it gives only in its description of its work (one a byte of the text in UTF-8);
    else, should that description not be read, from its older implementation in Python."""
    from bidi import get_display

    if text:
        said = get_display(text.translate(_ISOLATES), base_dir="LR"[right_to_left], debug=True)
        start = said.find("\n    levels: [")  # a field of its own: the text's breaks are \n
        end = said.find("\n    ]", start)
        found = [int(n) for n in _LEVEL.findall(said, start, end)] if start >= 0 else []
        if len(found) == len(text.translate(_ISOLATES).encode("utf-8")):
            out, at = [], 0
            for char in text.translate(_ISOLATES):
                out.append(found[at])
                at += len(char.encode("utf-8"))
            return out
    return _levels_in_python(text, right_to_left)


def _levels_in_python(text: str, right_to_left: bool) -> list[int]:
    """:func:`levels` from python-bidi's implementation in Python (no pairs of brackets;
    characters it ignores, direction marks, take the level of the one before them)."""
    from bidi import algorithm

    base = 1 if right_to_left else 0
    storage = algorithm.get_empty_storage()
    storage["base_level"] = base
    storage["base_dir"] = ("L", "R")[base]
    algorithm.get_embedding_levels(text.translate(_ISOLATES), storage)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index
    algorithm.explicit_embed_and_overrides(storage)
    algorithm.resolve_weak_types(storage)
    algorithm.resolve_neutral_types(storage, False)
    algorithm.resolve_implicit_levels(storage, False)
    found: list[int | None] = [None] * len(text)
    for char in storage["chars"]:
        found[char["index"]] = char["level"]
    out: list[int] = []
    for level in found:
        out.append(level if level is not None else (out[-1] if out else base))
    return out


def seen_order(run_levels: list[int]) -> list[int]:
    """The indexes of runs (in the order written, each with its level) in the order they are
    seen from the left: from the highest level down to the lowest odd one, every stretch of
    runs at that level or higher is reversed (the algorithm's rule L2)."""
    order = list(range(len(run_levels)))
    if not run_levels:
        return order
    odd = [level for level in run_levels if level % 2]
    if not odd:
        return order
    for level in range(max(run_levels), min(odd) - 1, -1):
        n = 0
        while n < len(order):
            if run_levels[order[n]] >= level:
                end = n
                while end < len(order) and run_levels[order[end]] >= level:
                    end += 1
                order[n:end] = order[n:end][::-1]
                n = end
            else:
                n += 1
    return order


def runs_seen(parts: Sequence[tuple[T, str]], right_to_left: bool) -> list[tuple[T, str, bool]]:
    """A line's parts (each an owner — a face, a styled run — and its text, in the order
    written) cut where the embedding level changes, in the order seen from the left: each
    piece as (its owner, its text, whether it reads from the right). A part with no text (a
    callback drawn at its place) keeps the level of the text before it. Directional isolates
    in the parts set the levels (see :func:`levels`) and are left out of the pieces."""
    level_of = levels("".join(text for _, text in parts), right_to_left)
    cut: list[tuple[int, T, str]] = []
    at = 0
    for owner, text in parts:
        if not text:
            cut.append((level_of[at - 1] if at else int(right_to_left), owner, ""))
            continue
        start = 0
        for n in range(1, len(text) + 1):
            if n == len(text) or level_of[at + n] != level_of[at + start]:
                cut.append((level_of[at + start], owner, text[start:n]))
                start = n
        at += len(text)
    seen = [
        (cut[n][1], cut[n][2], cut[n][0] % 2 == 1)
        for n in seen_order([level for level, _, _ in cut])
    ]
    if not any(char in ISOLATE_CHARS for _, text in parts for char in text):
        return seen
    return [
        (owner, text.translate(NO_ISOLATES), right)
        for owner, text, right in seen
        if not text or text.translate(NO_ISOLATES)
    ]
