"""Writing DrawingML elements that python-pptx has no property for, in schema order.

PowerPoint validates every part against the ECMA-376 schemas, whose element groups are
sequences: an element in the wrong place makes it offer to repair (or refuse) the file, while
LibreOffice opens it silently. python-pptx keeps its own elements in order; the few that it
does not model (bullet kinds, bullet colours) go through :func:`put` with the schema's
sequence, never appended after whatever is already there.
"""

from __future__ import annotations

from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement

# CT_TextParagraphProperties (ECMA-376 Part 1, 21.1.2.2.7): the order of a:pPr and a:lvlNpPr
PARAGRAPH_PROPERTIES = (
    "a:lnSpc",
    "a:spcBef",
    "a:spcAft",
    "a:buClrTx",
    "a:buClr",
    "a:buSzTx",
    "a:buSzPct",
    "a:buSzPts",
    "a:buFontTx",
    "a:buFont",
    "a:buNone",
    "a:buAutoNum",
    "a:buChar",
    "a:buBlip",
    "a:tabLst",
    "a:defRPr",
    "a:extLst",
)

# the members of one choice group share a slot: setting one replaces the others
_CHOICES = (
    ("a:buClrTx", "a:buClr"),
    ("a:buSzTx", "a:buSzPct", "a:buSzPts"),
    ("a:buFontTx", "a:buFont"),
    ("a:buNone", "a:buAutoNum", "a:buChar", "a:buBlip"),
)


def element(tag: str, **attrs: str) -> object:
    """A new, empty DrawingML element such as ``element("a:buAutoNum", type="arabicPeriod")``."""
    made = OxmlElement(tag)
    for name, value in attrs.items():
        made.set(name, value)
    return made


def put(parent: object, child: object, sequence: tuple[str, ...] = PARAGRAPH_PROPERTIES) -> None:
    """Set ``child`` in ``parent`` at its place in the schema ``sequence``.

    An existing element of the same slot (the same tag, or another member of its choice group)
    is replaced, so calling it twice leaves one element.
    """
    tag = _prefixed(child.tag)  # type: ignore[attr-defined]
    slot = next((group for group in _CHOICES if tag in group), (tag,))
    for name in slot:
        for old in parent.findall(qn(name)):  # type: ignore[attr-defined]
            parent.remove(old)  # type: ignore[attr-defined]
    successors = {qn(name) for name in sequence[sequence.index(slot[-1]) + 1 :]}
    follower = next((e for e in parent if e.tag in successors), None)  # type: ignore[attr-defined]
    if follower is None:
        parent.append(child)  # type: ignore[attr-defined]
    else:
        follower.addprevious(child)


def _prefixed(clark: str) -> str:
    uri, local = clark[1:].split("}")
    for prefix in ("a", "p", "r"):
        if qn(f"{prefix}:x").startswith("{" + uri + "}"):
            return f"{prefix}:{local}"
    raise ValueError(f"no known prefix for {clark}")
