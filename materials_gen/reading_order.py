"""Right-to-left text in the PDFs: the Unicode bidirectional algorithm.

A line with Arabic or Hebrew in it is drawn run by run: the embedding level of each of its
characters (even: read from the left; odd: from the right) comes from python-bidi's
implementation of the algorithm (:func:`levels`); the line is cut into runs of one level
(and one face), each shaped by HarfBuzz in its own direction (so Arabic-Indic digits and a
Latin word inside Arabic read from the left, and brackets are mirrored where they read from
the right), and the runs are put in the order they are seen (:func:`seen_order`, the
algorithm's rule L2). Lines are broken before this, in the order written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

# Directional isolates (LRI, RLI, FSI, PDI), which the algorithm python-bidi implements in
# Python predates: read as characters the algorithm ignores, rather than refused; and left
# out of the text a PDF draws (they draw nothing, and no face has them).
_ISOLATE_CHARS = "\u2066\u2067\u2068\u2069"
_ISOLATES = str.maketrans(dict.fromkeys(map(ord, _ISOLATE_CHARS), "\u200b"))
NO_ISOLATES = str.maketrans(dict.fromkeys(map(ord, _ISOLATE_CHARS)))


_LEVEL = re.compile(r"Level\(\s*(\d+),?\s*\)")


def levels(text: str, right_to_left: bool) -> list[int]:
    """The embedding level of each character of ``text`` (one line or paragraph, in the
    order written) in a paragraph that reads from the right or from the left.

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
    callback drawn at its place) keeps the level of the text before it."""
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
    return [
        (cut[n][1], cut[n][2], cut[n][0] % 2 == 1)
        for n in seen_order([level for level, _, _ in cut])
    ]
