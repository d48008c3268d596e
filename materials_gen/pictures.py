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
    or another text field (a key point, a table's cell) names gets the same checks here:
    inside the project, a format materials-gen reads, within the size limits. Its path is
    the project's (``content/images/sign.png``) or content/'s (``images/sign.png``), as a
    module's. One that is not there stops the build, as in a module's text: left out, its
    description printed instead, it was never looked for again, and the file added later
    never shown.
    """
    from .images import Trouble, check_picture, picture_bytes

    found: dict[str, bytes] = {}
    top = root.resolve()
    for figure in _figures(document.blocks):
        src = figure.src
        if src in found:
            continue
        named = picture_path(root, src)
        if named is None:  # said at the text that names it, found by its description
            raise ContentError(
                [
                    Problem(
                        None if figure.alt else Location(source),
                        f"picture '{src}' not found",
                        "paths are relative to content/ (images/sign.png for "
                        "content/images/sign.png): put the picture there, or correct its name",
                        quote=figure.alt,
                        otherwise=Location(source),
                    )
                ]
            )
        path = named.resolve()
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


def picture_path(root: Path, src: str) -> Path | None:
    """The file a picture's path names: the project's (``content/images/sign.png``), else
    content/'s (``images/sign.png``); None when neither is there.

    Only a file in content/ or templates/ is one: those are the folders a build watches, so
    a picture elsewhere (``images/sign.png`` at the project's top, beside content/) would
    be shown by a clean build and never noticed by the next one, which found nothing
    changed."""
    for base in (root, root / "content"):
        candidate = base / src
        if _unwatched(candidate, root):
            continue
        try:
            if candidate.exists():
                return candidate
        except (OSError, ValueError):  # a name too long, a NUL byte: no such file
            continue
    return None


def _unwatched(path: Path, root: Path) -> bool:
    """Whether ``path``, as written (its ``..`` taken away), is in the project but in none
    of content/ and templates/ (one outside the project is refused as such by the caller)."""
    import os

    from .project import SOURCE_FOLDERS

    written, top = Path(os.path.normpath(path)), Path(os.path.normpath(root))
    inside = written.is_relative_to(top)
    return inside and not any(written.is_relative_to(top / f) for f in SOURCE_FOLDERS)


def picture_sources(blocks: tuple[Any, ...]) -> list[str]:
    return [figure.src for figure in _figures(blocks)]


def _figures(blocks: tuple[Any, ...]) -> list[Figure]:
    out: list[Figure] = []
    for block in blocks:
        if isinstance(block, Figure):
            out.append(block)
        elif isinstance(block, ListBlock):
            for item in block.items:
                out.extend(_figures(item))
        elif isinstance(block, (Div, Quote)):
            out.extend(_figures(block.children))
    return out
