"""Short units that never break across lines: "(10 min)", "1 h 45 min", "20 pt".

A duration or a size read across two lines ("(10" / "min)") is misread. Every text of a
document has its units bound with no-break spaces as it is parsed (:mod:`document`), so the
deck, the printed pages, posters and forms all keep them whole, and every measurement
(:mod:`fit`) honours them.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"

_UNIT = r"(?:h|hr|hrs|hours?|min|mins|minutes?|s|sec|secs|seconds?|pt|px|mm|cm|m|km|kg|g|%)"
_AMOUNT = rf"\d+(?:[.,]\d+)? {_UNIT}(?!\w)"
_UNITS = re.compile(rf"(?<![\w.,]){_AMOUNT}(?: {_AMOUNT})*")
_DIGIT = re.compile(r"\d")


def bind_units(text: str) -> str:
    """``text`` with the spaces inside "10 min", "1 h 45 min", "20 pt" made no-break spaces.

    A duration or a size read across two lines ("(10" / "min)") is misread; a no-break space
    keeps it whole in PowerPoint, LibreOffice, ReportLab and in :class:`Measure`.
    """
    if " " not in text or _DIGIT.search(text) is None:
        return text
    return _UNITS.sub(lambda found: found.group(0).replace(" ", NBSP), text)
