"""Writing DrawingML elements that python-pptx has no property for, in schema order.

PowerPoint validates every part against the ECMA-376 schemas, whose element groups are
sequences: an element in the wrong place makes it offer to repair (or refuse) the file, while
LibreOffice opens it silently. python-pptx keeps its own elements in order; the few that it
does not model (bullet kinds, bullet colours) go through :func:`put` with the schema's
sequence, never appended after whatever is already there. Packages are zipped by
:func:`package_bytes`, the same way every time.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement

from ..model import FIRST_YEAR, LAST_YEAR

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


# Office's mark of a shape as decorative (PowerPoint's "Mark as decorative"): screen readers
# pass it by, and the accessibility checker asks for no description of it
DECORATIVE_EXTENSION = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
DECORATIVE_NAMESPACE = "http://schemas.microsoft.com/office/drawing/2017/decorative"


def mark_decorative(properties: Any) -> None:
    """Mark the shape whose non-visual properties (``p:cNvPr``) are ``properties`` as
    decorative: a rule, a band, a picture without a description. (Its extension list is
    the last child the schema allows there.)"""
    from lxml import etree

    if properties.find(qn("a:extLst")) is None:
        properties.append(OxmlElement("a:extLst"))
    extensions = properties.find(qn("a:extLst"))
    for ext in extensions.findall(qn("a:ext")):
        if ext.get("uri") == DECORATIVE_EXTENSION:
            return
    ext = etree.SubElement(extensions, qn("a:ext"), uri=DECORATIVE_EXTENSION)
    mark = etree.SubElement(
        ext, f"{{{DECORATIVE_NAMESPACE}}}decorative", nsmap={"adec": DECORATIVE_NAMESPACE}
    )
    mark.set("val", "1")


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


def package_bytes(
    package: Any,
    when: dt.date,
    replace: dict[str, bytes] | None = None,
    leave_out: frozenset[str] = frozenset(),
) -> bytes:
    """An Open XML package (a python-pptx ``OpcPackage``) as zip bytes, the same every time.

    Members are written once, in a fixed order (``[Content_Types].xml`` first, then by name),
    with the content's date as their time and fixed permissions: the same inputs give the
    same bytes. ``replace`` gives other bytes for some members (such as ``docProps/app.xml``),
    ``leave_out`` names members left out. python-pptx's own ``save`` would deflate every part
    once more only for it to be read back and written again.
    """
    from pptx.opc.serialized import PackageWriter

    members: dict[str, bytes] = {}

    class _Members:
        def write(self, uri: Any, blob: bytes) -> None:
            members[uri.membername] = blob

    writer = PackageWriter(io.BytesIO(), package._rels, tuple(package.iter_parts()))  # noqa: SLF001
    collect = _Members()
    writer._write_content_types_stream(collect)  # noqa: SLF001
    writer._write_pkg_rels(collect)  # noqa: SLF001
    writer._write_parts(collect)  # noqa: SLF001
    members.update(replace or {})
    # a zip stamps the years validation keeps a course's days within
    stamp = (min(max(when.year, FIRST_YEAR), LAST_YEAR), when.month, when.day, 0, 0, 0)
    out = io.BytesIO()
    ordered = ["[Content_Types].xml"] + sorted(n for n in members if n != "[Content_Types].xml")
    with zipfile.ZipFile(out, "w") as target:
        for name in ordered:
            if name in leave_out:
                continue
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, members[name])
    return out.getvalue()
