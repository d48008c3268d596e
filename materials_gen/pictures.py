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
    from .images import Trouble, check_picture, picture_bytes, shown_source

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
                        f"picture '{shown_source(src)}' not found",
                        "paths are relative to content/ (images/sign.png for "
                        "content/images/sign.png): put the picture there, or correct its name",
                        # the picture as written (its description, marked as a picture's,
                        # is what the texts are looked up by): "x" alone is in many texts
                        quote=f"![{figure.alt}]({src})",
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
                [
                    Problem(
                        Location(source), f"picture '{shown_source(src)}': {trouble}", trouble.hint
                    )
                ]
            )
        found[src] = picture_bytes(path)
    return found


def picture_path(root: Path, src: str) -> Path | None:
    """The file a picture's path names: content/'s (``images/sign.png``), else the
    project's (``content/images/sign.png``, ``pictures/sign.png``); None when neither is
    there.

    content/ first: a file added at the project's top under the same name
    (``images/sign.png`` beside content/) must not take the place of content/'s, which
    the last build recorded: a clean build would show it while the next build, whose
    inputs were unchanged, found nothing to rebuild. A file added in content/ is seen."""
    from .project import looked_up

    for base in (root / "content", root):
        if looked_up(base / src) is not None:
            return base / src
    return None


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
