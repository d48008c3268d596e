"""Right-to-left text in the PDFs: the Unicode bidirectional algorithm, for ReportLab.

ReportLab lays out right-to-left paragraphs itself (words shaped in the order they are
written, lines broken in that order, then each line's words put in the order they are seen,
right-aligned where the paragraph reads from the right), once it is given the bidirectional
algorithm as the ``rlbidi`` module's ``log2vis``. That module (ReportLab's binding of GNU
FriBidi) is not on PyPI; :func:`install` gives ReportLab the same function, computed by
python-bidi (a maintained implementation of the algorithm), unless a real ``rlbidi`` is
installed. It must run before ReportLab's text objects are first imported, which
``materials_gen.render`` does first of all.
"""

from __future__ import annotations

import sys
import types
from typing import Any

# explicit embedding and override marks, and characters the algorithm ignores: not drawn
_REMOVED = frozenset(("RLE", "LRE", "RLO", "LRO", "PDF", "BN"))


def log2vis(
    text: str,
    base_direction: str | None = None,
    clean: bool = True,
    positions_V_to_L: list[int] | None = None,  # noqa: N803 (rlbidi's name)
    **_: Any,
) -> str:
    """``text`` (one paragraph, in the order it is written) in the order it is seen, from
    the left; ``positions_V_to_L``, when given, is filled with each seen character's index
    in ``text``. ``base_direction`` is "RTL", "LTR" or None (the paragraph's first letter
    of a strong direction decides). Mirrored characters (brackets) are mirrored where they
    read from the right; with ``clean``, explicit direction marks are left out."""
    from bidi import algorithm

    storage = algorithm.get_empty_storage()
    direction = (base_direction or "").upper()
    if direction in ("RTL", "R"):
        level = 1
    elif direction in ("LTR", "L"):
        level = 0
    else:
        level = algorithm.get_base_level(text)
    storage["base_level"] = level
    storage["base_dir"] = ("L", "R")[level]
    algorithm.get_embedding_levels(text, storage)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index
    algorithm.explicit_embed_and_overrides(storage)
    algorithm.resolve_weak_types(storage)
    algorithm.resolve_neutral_types(storage, False)
    algorithm.resolve_implicit_levels(storage, False)
    algorithm.reorder_resolved_levels(storage, False)
    algorithm.apply_mirroring(storage, False)
    chars = storage["chars"]
    if clean:
        chars = [c for c in chars if c["orig"] not in _REMOVED]
    if positions_V_to_L is not None:
        positions_V_to_L[:] = [c["index"] for c in chars]
    return "".join(c["ch"] for c in chars)


def visual_order(words: list[str], right_to_left: bool) -> list[int]:
    """The indexes of ``words`` (one line, in the order written, joined by single spaces) in
    the order they are seen from the left."""
    text = " ".join(words)
    starts, place = [], 0
    for word in words:
        starts.append(place)
        place += len(word) + 1
    order: list[int] = []
    positions: list[int] = []
    log2vis(text, "RTL" if right_to_left else "LTR", False, positions)
    word_at = {}
    for n, start in enumerate(starts):
        for i in range(start, start + len(words[n])):
            word_at[i] = n
    for logical in positions:
        n = word_at.get(logical)
        if n is not None and n not in order:
            order.append(n)
    return order


def install() -> None:
    """Give ReportLab the bidirectional algorithm (see the module's docstring)."""
    if "rlbidi" in sys.modules:
        return
    try:
        import rlbidi  # noqa: F401 (ReportLab's own, when installed, is used)
    except ImportError:
        module = types.ModuleType("rlbidi", "python-bidi's algorithm, as ReportLab calls it")
        module.log2vis = log2vis  # type: ignore[attr-defined]
        sys.modules["rlbidi"] = module
