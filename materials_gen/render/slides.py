"""The slide plan: a deck's document tree as a list of slides, before any PowerPoint exists.

Like Pandoc's ``Presentation`` between its document and the OOXML writer: each ``:::: slide``
div of the intermediate Markdown becomes one :class:`Slide` (kind, title, paragraphs,
columns, table, notes). Durations and sizes ("10 min", "20 pt") are bound with no-break
spaces here, so that no output breaks them. Fitting comes after, in ``layout``; checks such
as "this slide has no speaker notes" need only this plan, so they cost no PowerPoint import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..document import (
    Block,
    Code,
    CodeBlock,
    Div,
    Document,
    Emph,
    Figure,
    Heading,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    Picture,
    Quote,
    Strike,
    Strong,
    Table,
    Text,
    followable,
    printed_address,
)
from ..fit import Para, Run

__all__ = ["Para", "Run", "Slide", "plan", "runs", "paragraphs", "notes_text"]


@dataclass(frozen=True)
class Slide:
    kind: str
    title: tuple[Run, ...] = ()
    body: tuple[Para, ...] = ()
    columns: tuple[tuple[Para, ...], ...] = ()
    table: Table | None = None
    notes: str = ""
    attrs: dict[str, str] = field(default_factory=dict, hash=False)
    figures: tuple[Figure, ...] = ()
    # how many of the body's paragraphs came before the slide's table or columns (None:
    # it has neither): shown before them, the rest after, on slides of their own when the
    # layout shows only those (see layout._with_text)
    lead: int | None = None

    @property
    def title_text(self) -> str:
        return "".join(r.text for r in self.title)


# of the largest text place's area, what another must have to be a column beside it (not
# a caption): two-column slides need two such
ALIKE = 0.5
CONTENT_KINDS = {"title", "section"}  # kinds that need no speaker notes
# The kinds the built-in deck template writes (a template may use others: they are content).
KNOWN_KINDS = (
    "title",
    "agenda",
    "content-note",
    "section",
    "bullets",
    "two-column",
    "table",
    "image",
    "quote",
    "reflection",
    "activity",
    "summary",
    "closing",
)
# The kinds laid out on a layout of their own role (the rest are content); a layout mapping
# may name a kind or a role
KIND_ROLES = {
    "title": "title",
    "section": "section",
    "two-column": "two-column",
    "table": "table",
    "quote": "quote",
    "takeaway": "quote",
}
ROLE_NAMES = frozenset({*KIND_ROLES, *KIND_ROLES.values(), "content"})
# A layout's shape of this name is the rule under the title: each slide carries its own,
# under its title as laid out, so that a title grown to more lines never runs over it
TITLE_RULE = "Title rule"


def aspect_of(width: float, height: float) -> str:
    """A slide size's shape as PowerPoint names it ("16:9", "4:3"), or "" for another."""
    ratio = width / height if height else 0
    return next(
        (name for name, r in (("16:9", 16 / 9), ("4:3", 4 / 3)) if abs(ratio - r) < 0.02), ""
    )


def size_text(width: float, height: float) -> str:
    """A slide size (in inches) as a trainer reads it: "10.00 x 7.50 in"."""
    return f"{width:.2f} x {height:.2f} in"


def runs(
    inlines: tuple[Inline, ...],
    bold: bool = False,
    italic: bool = False,
    link: str | None = None,
    strike: bool = False,
) -> tuple[Run, ...]:
    out: list[Run] = []
    for node in inlines:
        if isinstance(node, (Text, Code)):
            out.append(Run(node.text, bold, italic, link, strike=strike))
        elif isinstance(node, Strong):
            out.extend(runs(node.children, True, italic, link, strike))
        elif isinstance(node, Emph):
            out.extend(runs(node.children, bold, True, link, strike))
        elif isinstance(node, Strike):  # a correction: "~~$50~~ $40" reads the other way
            out.extend(runs(node.children, bold, italic, link, True))
        elif isinstance(node, Link):  # a link a reader cannot follow: its words alone
            href = node.href if followable(node.href) else link
            out.extend(runs(node.children, bold, italic, href, strike))
        elif isinstance(node, LineBreak):
            out.append(Run("", line_break=True))
        elif isinstance(node, Picture):
            out.append(Run(node.alt, bold, True, link, strike=strike))
    return tuple(out)


def paragraphs(
    blocks: tuple[Block, ...],
    level: int = 0,
    italic: bool = False,
    pictures: list[Figure] | None = None,
) -> list[Para]:
    """The text of ``blocks`` as a slide's paragraphs. A picture on a line of its own
    within them (a list item, a quote, an activity's box) goes to ``pictures`` when given,
    to be shown on the slide as the handout shows it; else its description stands for it."""
    out: list[Para] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(Para(runs(block.children, italic=italic), level))
        elif isinstance(block, Heading):
            out.append(Para(runs(block.children, bold=True), level, heading=True))
        elif isinstance(block, ListBlock):
            last = block.start + len(block.items) - 1
            for number, item in enumerate(block.items, start=block.start):
                first = True
                for child in item:
                    if (
                        first
                        and block.ordered
                        and isinstance(child, Figure)
                        and pictures is not None
                    ):
                        # a numbered step that is a picture: its number and description
                        # stay in the list (read "1., 3."), the picture stands beside it
                        said = " ".join(t for t in (child.alt, child.caption) if t)
                        out.append(
                            Para(
                                (Run(said, italic=True),), level, "number", number, last_number=last
                            )
                        )
                        pictures.append(child)
                        first = False
                    elif first and isinstance(child, Paragraph):
                        bullet = "number" if block.ordered else "bullet"
                        text = runs(child.children, italic=italic)
                        out.append(Para(text, level, bullet, number, last_number=last))
                        first = False
                    else:
                        out.extend(paragraphs((child,), level + 1, italic, pictures))
        elif isinstance(block, Quote):
            out.extend(paragraphs(block.children, level, True, pictures))
        elif isinstance(block, CodeBlock):
            out.extend(Para((Run(line),), level) for line in block.text.split("\n"))
        elif isinstance(block, Div) and not block.has("notes"):
            out.extend(paragraphs(block.children, level, italic, pictures))
        elif isinstance(block, Table):  # within a box's text (an activity's): a line a row
            out.extend(_row_paras(block, level, italic))
        elif isinstance(block, Figure) and pictures is not None:
            pictures.append(block)
        elif isinstance(block, Figure):  # a picture within other text: its description
            said = " ".join(t for t in (block.alt, block.caption) if t)
            if said:
                out.append(Para((Run(said, italic=True),), level))
    return out


ROW_GAP = " \u00b7 "  # between a row's cells, said on a line (a slide's text, speaker notes)


def _row_paras(table: Table, level: int, italic: bool) -> list[Para]:
    """A table within a box's text as lines of text, its header's in bold: the slide has
    one table of its own, which this is not (the handout and guide print it as a table)."""
    out = []
    if any(table.header):
        out.append(Para(_joined(table.header, bold=True, italic=italic), level))
    for row in table.rows:
        out.append(Para(_joined(row, italic=italic), level))
    return out


def _joined(cells: tuple[tuple[Inline, ...], ...], **style: bool) -> tuple[Run, ...]:
    found: list[Run] = []
    for n, cell in enumerate(cells):
        if n:
            found.append(Run(ROW_GAP, **style))
        found.extend(runs(cell, **style))
    return tuple(found)


NOTES_INDENT = "\u00a0" * 3  # before a list inside a list item: kept by every notes view


def _said(inlines: tuple[Inline, ...]) -> str:
    """Inline text as the presenter reads it: plain, a manual line break a new line."""
    parts: list[str] = []
    for node in inlines:
        if isinstance(node, LineBreak):
            parts.append("\n")
        elif isinstance(node, (Text, Code)):
            parts.append(node.text)
        elif isinstance(node, Picture):
            parts.append(node.alt)
        elif isinstance(node, Link):  # its address too: notes are read, not clicked
            text = _said(node.children)
            address = printed_address(node.href, text)
            parts.append(f"{text} ({address})" if address else text)
        else:
            parts.append(_said(node.children))
    return "".join(parts)


def notes_text(blocks: tuple[Block, ...], indent: str = "") -> str:
    """Speaker notes as plain text, as the guide sets them: a line per paragraph and per
    manual line break, '- ' or the number before a list item, a list inside an item on
    lines of its own, indented under it (they ran on into the item's line)."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, (Paragraph, Heading)):
            lines.extend(indent + line for line in _said(block.children).split("\n"))
        elif isinstance(block, ListBlock):
            for number, item in enumerate(block.items, start=block.start):
                marker = f"{number}. " if block.ordered else "- "
                said = notes_text(item[:1], indent).split("\n") if item else [""]
                hang = indent + "\u00a0" * len(marker)
                lines.append(indent + marker + said[0].removeprefix(indent))
                lines.extend(hang + line.removeprefix(indent) for line in said[1:])
                if item[1:]:
                    lines.append(notes_text(item[1:], indent + NOTES_INDENT))
        elif isinstance(block, (Div, Quote)):
            lines.append(notes_text(block.children, indent))
        elif isinstance(block, CodeBlock):
            lines.extend(indent + line for line in block.text.split("\n"))
        elif isinstance(block, Table):  # a line a row, its cells apart
            for row in (block.header, *block.rows):
                said = ROW_GAP.join(" ".join(_said(cell).split()) for cell in row)
                if said.replace(ROW_GAP.strip(), "").strip():
                    lines.append(indent + said)
        elif isinstance(block, Figure):  # a picture: what it shows
            lines.append(indent + " ".join(t for t in (block.alt, block.caption) if t))
    return "\n".join(line for line in lines if line.strip())


def _numbers_lined_up(paras: list[Para] | tuple[Para, ...]) -> tuple[Para, ...]:
    """``paras`` with the numbers of every numbered list at one level given room for the
    widest among them: an agenda's list numbered on after a break ("8." to "10.") set its
    text further right than the list before it ("1." to "7.")."""
    widest: dict[int, int] = {}
    for para in paras:
        if para.bullet == "number":
            most = max(para.number, para.last_number)
            widest[para.level] = max(widest.get(para.level, 0), most)
    return tuple(
        replace(para, last_number=widest[para.level]) if para.bullet == "number" else para
        for para in paras
    )


def slide_of(div: Div) -> Slide:
    kind = next((c for c in div.classes if c != "slide"), "bullets")
    title: tuple[Run, ...] = ()
    body: list[Para] = []
    columns: list[tuple[Para, ...]] = []
    notes: list[str] = []
    table: Table | None = None
    figures: list[Figure] = []
    lead: int | None = None  # (found when the table or the first column is met)
    for child in div.children:
        if lead is None and (
            (isinstance(child, Div) and (child.has("column") or child.has("columns")))
            or (isinstance(child, Table) and table is None and KIND_ROLES.get(kind) == "table")
        ):
            lead = len(body)
        if isinstance(child, Figure):
            figures.append(child)
        elif isinstance(child, Heading) and not title:
            title = runs(child.children)
        elif isinstance(child, Div) and child.has("notes"):
            notes.append(notes_text(child.children))
        elif isinstance(child, Div) and child.has("column"):
            columns.append(tuple(paragraphs(child.children, pictures=figures)))
        elif isinstance(child, Div) and child.has("columns"):
            columns.extend(
                tuple(paragraphs(c.children, pictures=figures))
                for c in child.children
                if isinstance(c, Div) and c.has("column")
            )
        elif isinstance(child, Table) and table is None and KIND_ROLES.get(kind) == "table":
            table = child  # (another slide's table, an activity's: its rows said as lines)
        else:  # (a picture within the text is shown on the slide too, in its order)
            body.extend(paragraphs((child,), pictures=figures))
    return Slide(
        kind,
        title,
        _numbers_lined_up(body),
        tuple(_numbers_lined_up(c) for c in columns),
        table,
        "\n".join(notes),
        dict(div.attrs),
        tuple(figures),
        lead,
    )


@dataclass(frozen=True)
class Misshapen:
    """Something a deck template wrote that would be lost from the deck (see
    :func:`misshapen`): what, how to mend it, and the block it is about (the slide, or the
    text outside every slide), by which the template's line is found."""

    what: str
    hint: str
    block: Block


def misshapen(document: Document) -> list[Misshapen]:
    """What a deck template wrote that would be lost from the deck, or make a slide no
    screen reader can name: a slide without a title; a slide inside another, read as the
    outer one's text (a slide whose fence was left open swallows the slides after it: told
    so, of the outer slide); text outside every slide, on none."""
    found: list[Misshapen] = []
    for block in document.blocks:
        if isinstance(block, Div) and block.has("slide"):
            title = next((c for c in block.children if isinstance(c, Heading)), None)
            # (a heading whose text is empty for this audience, as a module's title given
            # for some audiences only leaves it, is told at the content's line, as a warning:
            # see gaps.py; the slide is made, with no title)
            if title is None:
                found.append(
                    Misshapen(
                        f"a slide has no title ('{_start(notes_text(block.children))}')",
                        "begin each slide with a '## ' heading: a screen reader lists the "
                        "slides by their titles",
                        block,
                    )
                )
            inner = next((c for c in block.children if isinstance(c, Div) and c.has("slide")), None)
            if inner is not None:
                found.append(
                    Misshapen(
                        f"a slide ('{_start(notes_text(inner.children))}') is inside another "
                        "slide, whose text it would become",
                        "close each slide's ::::: fence before the next slide begins",
                        block,
                    )
                )
        elif notes_text((block,)).strip():
            found.append(
                Misshapen(
                    f"text outside every slide ('{_start(notes_text((block,)))}') is on no slide",
                    "put it inside a slide (between a ::::: {.slide} line and its closing "
                    ":::::), or leave it out",
                    block,
                )
            )
    return found


def template_line(source: str, document: Document, block: Block) -> int:
    """The line of a deck template's ``source`` that wrote ``block``, one of ``document``'s
    top-level blocks, when it can be told for sure; else 0 (a wrong line is worse than
    none). A slide is found by the fence line that opens it, ``::::: {.slide .section
    ...}``, when it is the template's one line opening slides of those classes (a loop's
    slides all come from it). Text outside every slide is found by its words, on the one
    line outside the template's slides that writes them as they are. Nothing is told of a
    template that includes or imports another, or writes a slide's classes with template
    code: its slides may come from lines not seen here."""
    seen = _template_fences(source)
    if seen is None:
        return 0
    lines, fences = seen
    if isinstance(block, Div):
        return _the_one_opening(fences, set(block.classes))
    words = " ".join(notes_text((block,)).split())[:40].strip(" …")
    if not words:
        return 0
    found = [n for n, line in _outside_slides(lines, fences) if words in " ".join(line.split())]
    return found[0] if len(found) == 1 else 0


def fence_template_line(source: str, fence: str) -> int:
    """The line of a template's ``source`` that wrote the box opening line ``fence`` (as
    the template made it, ``::: {.callout .takeaway title="Takeaway"}``): the template's one
    line opening a box of the same classes, when it can be told for sure; else 0, as for
    :func:`template_line` (a template that includes another, or writes a box's classes with
    template code, may have written it elsewhere)."""
    wanted = _fence_classes(fence)
    seen = _template_fences(source) if wanted and wanted != _COMPUTED else None
    return _the_one_opening(seen[1], wanted) if seen is not None else 0


def _template_fences(
    source: str,
) -> tuple[list[str], list[tuple[int, set[str] | frozenset[str] | None]]] | None:
    """A template's lines (as an editor counts them, lone carriage returns too) and the
    classes of the box each one opens (None: it opens none), when the lines that wrote a
    document can be told from them: None for a template that includes or imports another,
    or writes a slide's classes with template code."""
    if _ELSEWHERE.search(source):
        return None
    lines = _LINES.split(source)
    fences = [(n, _fence_classes(line)) for n, line in enumerate(lines, 1)]
    if any(classes == _COMPUTED for _, classes in fences):
        return None
    return lines, fences


def _the_one_opening(
    fences: list[tuple[int, set[str] | frozenset[str] | None]], wanted: object
) -> int:
    """The line of the one fence opening a box of the ``wanted`` classes, else 0."""
    openings = [n for n, classes in fences if classes == wanted]
    return openings[0] if len(openings) == 1 else 0


def front_matter_template_line(source: str, written: str) -> int:
    """The line of a template's ``source`` that wrote ``written``, a line of the front
    matter it made (``subtitle: Some text: more``): the template's one line of its front
    matter (between its first two ``---`` lines) that gives the same key; else 0."""
    key = _KEY.match(written)
    if key is None or _ELSEWHERE.search(source):
        return 0
    lines = _LINES.split(source)
    fences = [n for n, line in enumerate(lines, 1) if line.strip() == "---"][:2]
    if len(fences) < 2:
        return 0
    found = [
        n
        for n in range(fences[0] + 1, fences[1])
        if (own := _KEY.match(lines[n - 1])) and own.group(1) == key.group(1)
    ]
    return found[0] if len(found) == 1 else 0


_KEY = re.compile(r"^\s*([\w-]+)\s*:")
# a template that writes what another template holds: its slides may come from there
_ELSEWHERE = re.compile(r"\{%-?\s*(?:include|import|from|extends)\b")
_LINES = re.compile(r"\r\n|\r|\n")
_FENCE_LINE = re.compile(r"^\s*:{3,}\s*\{(.*)\}\s*$")
_ATTRIBUTE = re.compile(r"[\w-]+\s*=\s*(?:\"[^\"]*\"|'[^']*')")
_TEMPLATE_CODE = re.compile(r"\{\{|\{%|\{#")
_CLASS = re.compile(r"(?:^|\s)\.([\w-]+)")
_COMPUTED = frozenset({"\0computed"})  # a slide fence whose classes template code writes


def _fence_classes(line: str) -> set[str] | frozenset[str] | None:
    """The classes a fenced div's opening line gives (None: not such a line); for a slide
    fence whose classes are written by template code (not a value of its attributes,
    such as ``module="{{ module.id }}"``), :data:`_COMPUTED`."""
    found = _FENCE_LINE.match(line)
    if found is None:
        return None
    written = _ATTRIBUTE.sub(" ", found.group(1))
    if _TEMPLATE_CODE.search(written):
        return _COMPUTED if "slide" in written else None
    return set(_CLASS.findall(written)) or None


def _outside_slides(
    lines: list[str], fences: list[tuple[int, set[str] | frozenset[str] | None]]
) -> list[tuple[int, str]]:
    """The template's lines outside its slides, as its fences open and close them (a slide
    opens at a ``{.slide ...}`` fence and closes at the next fence line of at least as many
    colons with nothing after them, as a box closes)."""
    outside: list[tuple[int, str]] = []
    closing = 0  # the colons that close the slide the line is in (0: in none)
    for (n, classes), line in zip(fences, lines, strict=True):
        mark = line.strip()
        colons = len(mark) - len(mark.lstrip(":"))
        if closing:
            if colons >= closing and colons == len(mark):
                closing = 0
            continue
        if classes is not None and "slide" in classes:
            closing = colons
            continue
        outside.append((n, line))
    return outside


def _start(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= 40 else line[:39] + "…"


def plan(document: Document) -> list[Slide]:
    """Every slide div, in order; other top-level blocks are not part of any slide."""
    return [slide_of(b) for b in document.blocks if isinstance(b, Div) and b.has("slide")]
