"""Pictures an output shows: found in its document, checked as validation checks them, read.

A picture may be named by a module's body (checked when the content was validated) or by a
template or any other text field; either way it must be inside the project, in a format
materials-gen reads and within the size limits before its bytes reach a renderer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .document import Div, Document, Figure, ListBlock, Quote
from .errors import ContentError, Location, Problem


def read_pictures(root: Path, document: Document, source: str) -> dict[str, bytes]:
    """The bytes of every picture a document shows, each checked as validation checks them.

    Module bodies' pictures were checked already (a cached look); a picture that a template
    or another text field names gets the same checks here: inside the project, a format
    materials-gen reads, within the size limits. A picture that is not there is left out
    (the renderers show its alt text).
    """
    from .images import Trouble, check_picture, picture_bytes

    found: dict[str, bytes] = {}
    top = root.resolve()
    for src in picture_sources(document.blocks):
        path = (root / src).resolve()
        if src in found or not path.exists():
            continue
        trouble = (
            Trouble("it is outside the project", "keep pictures in content/images/")
            if not path.is_relative_to(top)
            else check_picture(path)
        )
        if isinstance(trouble, Trouble):
            raise ContentError(
                [Problem(Location(source), f"picture '{src}': {trouble}", trouble.hint)]
            )
        found[src] = picture_bytes(path)
    return found


def picture_sources(blocks: tuple[Any, ...]) -> list[str]:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Figure):
            out.append(block.src)
        elif isinstance(block, ListBlock):
            for item in block.items:
                out.extend(picture_sources(item))
        elif isinstance(block, (Div, Quote)):
            out.extend(picture_sources(block.children))
    return out
