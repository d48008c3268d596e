"""Text a fixed-layout output would leave off its page, told rather than lost.

A handout or a guide prints every block its template writes; a poster and a certificate are
laid out from named parts (the poster's table and panel, a certificate's name, headings and
paragraphs), and a block a project's own template writes anywhere else would be left off
without a word: a trainer who adds a line to the poster template, or writes the approval
as a bullet on the certificates, sees no change and no reason. Each such block stops the
build, as text outside every slide stops the deck's (render/slides.py): named by its kind
and its first words, looked up in the project's sources (``Problem.quote``) for its file
and line, with what the output does print and how to write it there.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..document import (
    Block,
    CodeBlock,
    Div,
    Figure,
    Heading,
    ListBlock,
    Paragraph,
    Quote,
    Table,
    plain,
)
from ..errors import ContentError, Problem
from ..fit import Blame, problem, start_of


def text_of(block: Block) -> str:
    """The first text ``block`` shows (a list's first item, a table's first cell that has
    any, a box's first block), or "" for a block that shows none (a rule, a page break)."""
    if isinstance(block, (Paragraph, Heading)):
        return plain(block.children).strip()
    if isinstance(block, ListBlock):
        return next((t for item in block.items for b in item if (t := text_of(b))), "")
    if isinstance(block, Table):
        cells = (*block.header, *(cell for row in block.rows for cell in row))
        return next((t for cell in cells if (t := plain(cell).strip())), "")
    if isinstance(block, (Div, Quote)):
        return next((t for b in block.children if (t := text_of(b))), "")
    if isinstance(block, CodeBlock):
        return next((line.strip() for line in block.text.splitlines() if line.strip()), "")
    if isinstance(block, Figure):
        return block.alt.strip() or block.src
    return ""


# how a message names a block of each type (a list: see _kind)
_KINDS: dict[type, str] = {
    Heading: "a heading",
    Table: "a table",
    Quote: "a quotation",
    CodeBlock: "a block of code",
    Figure: "a picture",
    Div: "a box",
}


def _kind(block: Block) -> str:
    """How a message names ``block``: 'a list', 'a table'..."""
    if isinstance(block, ListBlock):
        return "a numbered list" if block.ordered else "a list"
    return _KINDS.get(type(block), "a paragraph")


def unprinted(blame: Blame, block: Block, where: str, prints: str, hint: str) -> Problem | None:
    """The problem of ``block``, found ``where`` the output does not look ("outside its
    table and its panel"), when it shows any text; None for one that shows none. ``prints``
    says what the output does print; ``hint`` how to put the text there."""
    text = text_of(block)
    if not text:
        return None
    return problem(
        blame,
        f"{_kind(block)} {where} ('{start_of(text)}') is not printed: {prints}",
        hint,
        quote=text,
    )


def stop_at_unprinted(
    blame: Blame, left: Iterable[tuple[Block, str]], prints: str, hint: str
) -> None:
    """ContentError naming each block of ``left`` (with where it was) that shows text, as
    :func:`unprinted` tells it; nothing when none does."""
    found = [p for block, where in left if (p := unprinted(blame, block, where, prints, hint))]
    if found:
        raise ContentError(found)
