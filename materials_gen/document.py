"""The document tree: intermediate Markdown -> a small tree every renderer understands.

The intermediate Markdown is what a template produced: ordinary CommonMark with pipe tables,
YAML front matter for the document's metadata, and Pandoc-style fenced divs
(``::: {.callout title="Takeaway"}`` ... ``:::``) for the few things Markdown has no word for:
callouts, learning objectives, reflection questions, speaker notes, page breaks.
Renderers lay this tree out; they make no content decisions.
"""

from __future__ import annotations

import bisect
import re
import shlex
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from .errors import ContentError, Location, Problem, example_audience, project_audiences
from .glyphs import SHAPED
from .pasted import LINE_BREAK, STARTS_PART, paragraph_problems, unbroken_problem
from .units import bind_units

# ---------------------------------------------------------------- inline nodes


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Strong:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Emph:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Strike:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Code:
    text: str


@dataclass(frozen=True)
class Link:
    href: str
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class LineBreak:
    pass


@dataclass(frozen=True)
class Picture:
    """A picture inside text (a paragraph holding only a picture becomes a :class:`Figure`)."""

    src: str
    alt: str


Inline = Text | Strong | Emph | Strike | Code | Link | LineBreak | Picture

# ---------------------------------------------------------------- block nodes


@dataclass(frozen=True)
class Heading:
    level: int
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Paragraph:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class ListBlock:
    ordered: bool
    items: tuple[tuple[Block, ...], ...]
    start: int = 1


@dataclass(frozen=True)
class Table:
    header: tuple[tuple[Inline, ...], ...]
    rows: tuple[tuple[tuple[Inline, ...], ...], ...]
    align: tuple[str, ...] = ()
    # the columns' shares of the width as the separator row draws them ("| - | ----- |"),
    # when its dashes differ from column to column; () for columns sized by their text
    widths: tuple[int, ...] = ()


@dataclass(frozen=True)
class Div:
    """A fenced div: ``classes`` say what it is (callout, objectives, reflection, notes...)."""

    classes: tuple[str, ...]
    attrs: dict[str, str] = field(default_factory=dict, hash=False)
    children: tuple[Block, ...] = ()

    def has(self, name: str) -> bool:
        return name in self.classes


@dataclass(frozen=True)
class Quote:
    children: tuple[Block, ...]


@dataclass(frozen=True)
class CodeBlock:
    text: str


@dataclass(frozen=True)
class Figure:
    """A picture standing on its own: ``src`` is project-relative, ``alt`` describes it."""

    src: str
    alt: str
    caption: str = ""


@dataclass(frozen=True)
class Rule:
    pass


@dataclass(frozen=True)
class PageBreak:
    pass


Block = (
    Heading | Paragraph | ListBlock | Table | Div | Quote | CodeBlock | Figure | Rule | PageBreak
)


@dataclass(frozen=True)
class Document:
    meta: dict[str, Any]
    blocks: tuple[Block, ...]


# ---------------------------------------------------------------- parsing


# How deep Markdown's blocks may nest (lists in lists, quotes, divs) before markdown-it stops
# reading and silently drops the rest of the document: far deeper than content may nest
# (MAX_LIST_DEPTH), so that a template's divs around a module's text never cut it short.
# A document that reaches it anyway is refused, never cut (see :func:`_cut_short`).
MAX_NESTING = 100
# Lists and quotes inside each other in a module's text: PowerPoint's nine outline levels.
MAX_LIST_DEPTH = 9
_LIST_OPEN = frozenset({"bullet_list_open", "ordered_list_open", "blockquote_open"})
_LIST_CLOSE = frozenset({"bullet_list_close", "ordered_list_close", "blockquote_close"})


def _cut_short(tokens: Sequence[Token]) -> int | None:
    """The 0-based line where markdown-it stopped reading ``tokens``' source because it
    nests :data:`MAX_NESTING` deep (the rest of the source is missing), or None."""
    for token in tokens:
        if token.level >= MAX_NESTING - 1:
            return token.map[0] if token.map else 0
    return None


# Markdown tokens in one document (a paragraph is three): 350 times the default kit's handout,
# twice what a table of 10,000 rows writes for the deck.
# Past it, laying the output out would take minutes and gigabytes (a six-line template that
# writes a million short paragraphs made a 33,000-page PDF in six minutes and 6 GB).
MAX_TOKENS = 500_000


def _file_name(src: str) -> str:
    """A picture's path as its file is named: Markdown writes a space or a letter such as
    "é" in a link as "%20" or "%C3%A9", and "images/team%20photo.jpg" names no file."""
    if "://" in src or src.startswith(("data:", "mailto:")):
        return src
    return unquote(src)


# a link to a web or mail address with a space in it, "[our policy](https://example.org/our
# policy.pdf)", which Markdown prints as typed: one line, no brackets, quotes or parentheses
# in the address, so that the pattern takes time in proportion to the line
_SPACED_LINK = re.compile(
    r"(?<![!\\])\[(?P<text>[^\[\]\n]*)\]\((?P<src>[ \t]*(?i:https?://|mailto:|tel:)[^()\"\n]*)\)"
)


def spaced_links(markdown: str) -> str:
    """``markdown`` with each link to an address written with a space in it put in angle
    brackets, as Markdown reads such an address: the link it was meant to be (the space is
    sent as %20), not the brackets and address printed as typed. Pictures named with a space
    are made so where a module's body is read (see images.spaced_picture)."""
    if "](" not in markdown:
        return markdown
    return _SPACED_LINK.sub(_linked, markdown)


def _linked(match: re.Match[str]) -> str:
    address = match["src"].strip()
    line_start = match.string.rfind("\n", 0, match.start()) + 1
    in_code = match.string.count("`", line_start, match.start()) % 2 == 1
    if in_code or not any(c.isspace() or c in "<>" for c in address):
        return match.group(0)
    # (angle brackets in the address sent as %3C and %3E, as a browser sends them)
    address = address.replace("<", "%3C").replace(">", "%3E")
    return f"[{match['text']}](<{address}>)"


_BLOCK_NAMES = {
    "table_open": "a table",
    "bullet_list_open": "a list",
    "ordered_list_open": "a list",
    "heading_open": "a heading",
    "blockquote_open": "a quote",
    "fence": "a code block",
    "container_div_open": "a box",
}


def block_kinds(text: str) -> tuple[str, ...]:
    """What ``text`` (Markdown) is made of, its outermost parts in order: "a paragraph",
    "a picture" (a paragraph of one), "a list of 3 items", "a table of 2 rows", ... (see
    _BLOCK_NAMES): what a translation of it keeps, one for one."""
    kinds: list[str] = []
    tokens = _MD.parse(text)
    for n, token in enumerate(tokens):
        if token.level != 0:
            continue
        if token.type in ("bullet_list_open", "ordered_list_open"):
            items = _count_inside(tokens, n, "list_item_open")
            kinds.append(f"a list of {items} item{'' if items == 1 else 's'}")
        elif token.type == "table_open":
            rows = _count_inside(tokens, n, "tr_open")
            kinds.append(f"a table of {rows} row{'' if rows == 1 else 's'}")
        elif token.type in _BLOCK_NAMES:
            kinds.append(_BLOCK_NAMES[token.type])
        elif token.type == "paragraph_open":
            inline = tokens[n + 1].children or [] if n + 1 < len(tokens) else []
            shown = [
                c
                for c in inline
                if c.type != "softbreak" and (c.type != "text" or c.content.strip())
            ]
            alone = len(shown) == 1 and shown[0].type == "image"
            kinds.append("a picture" if alone else "a paragraph")
    return tuple(kinds)


def _count_inside(tokens: list[Token], start: int, kind: str) -> int:
    """How many ``kind`` tokens one level inside the block that opens at ``start`` (a
    list's items, a table's rows at any depth of its head and body)."""
    opened = tokens[start]
    closing = opened.type.replace("_open", "_close")
    count = 0
    for token in tokens[start + 1 :]:
        if token.type == closing and token.level == opened.level:
            break
        if token.type == kind and (kind == "tr_open" or token.level == opened.level + 1):
            count += 1
    return count


def more_than_text(text: str) -> str | None:
    """What in ``text`` (a question, an option: printed as words on a form) is more than
    paragraphs of words: "a table", "a list", "a picture", ... or None."""
    if not any(mark in text for mark in "|-*+#>`:![0123456789"):
        return None
    for token in _MD.parse(text):
        if token.type in _BLOCK_NAMES:
            return _BLOCK_NAMES[token.type]
        if token.type == "inline" and any(c.type == "image" for c in token.children or ()):
            return "a picture"
    return None


# The addresses a link in an output may take a reader to: a web page, an e-mail, a phone
# number. A link to any other (javascript:, file:, ftp:, #a-heading) prints its words alone,
# the same in every output (see followable).
LINK_SCHEMES = ("http://", "https://", "mailto:", "tel:")


def followable(href: str | None) -> bool:
    """Whether an output makes ``href`` a link a reader can follow (see LINK_SCHEMES)."""
    return bool(href) and href.strip().lower().startswith(LINK_SCHEMES)  # type: ignore[union-attr]


_SCHEME = re.compile(r"^(?:https?://|mailto:|tel:)", re.IGNORECASE)
_WEB = re.compile(r"^https?://", re.IGNORECASE)  # printed whole: "mailto:" and "tel:" are not


def printed_address(href: str, words: str) -> str:
    """The address to print after a link's ``words`` where it cannot be clicked (paper, a
    wall, the presenter's notes), so that a reader can type it: the link's address, an
    e-mail address or a telephone number without its "mailto:" or "tel:"; "" when the
    link is not one a reader can follow, or when its words already show the address
    ("example.org" for https://www.example.org/, an address written out)."""
    address = href.strip()
    if not followable(address):
        return ""

    def bare(text: str) -> str:
        text = _SCHEME.sub("", text.strip()).casefold()
        return text.removeprefix("www.").rstrip("/")

    core = bare(address)
    if not core or core in bare(words) or core in words.casefold():
        return ""
    return address if _WEB.match(address) else _SCHEME.sub("", address)


def _link_read(md: MarkdownIt) -> Callable[[str], bool]:
    """Which link addresses Markdown reads as links: every one but a data address that is
    not a picture's (as Markdown has it). A link to a javascript: or file: address was left
    as typed, "[js](javascript:alert(1))" on the slide, where an ftp: link printed its
    words: now each prints its words, and only a followable one is ever a link."""
    default = md.validateLink

    def read(url: str) -> bool:
        return not url.strip().lower().startswith("data:") or default(url)

    return read


def _may_link(pretest: Callable[[str], bool]) -> Callable[[str], bool]:
    """linkify's first look at a text, made only where an address it may link is written
    (a scheme's "://", an e-mail's "@", "www."): for any other text (most of a course's)
    its patterns looking for a bare domain took half as long again as parsing the text."""

    def may(text: str) -> bool:
        return ("://" in text or "@" in text or "www." in text.lower()) and pretest(text)

    return may


def _parser() -> MarkdownIt:
    options = {"html": False, "typographer": False, "maxNesting": MAX_NESTING}
    md = MarkdownIt("commonmark", {**options, "linkify": True})
    md.validateLink = _link_read(md)  # type: ignore[method-assign]
    md.enable(["table", "strikethrough", "linkify"])
    # a web address written out (https://..., www....) or an e-mail address in the text is
    # a link, as a reader expects of a PDF or a slide; a bare name such as samhsa.gov (or a
    # file's, report.py) stays text (see _written_link)
    md.linkify.set({"fuzzy_link": True})
    md.linkify.pretest = _may_link(md.linkify.pretest)
    # a line indented by a tab or four spaces is text, not code: Word indents paragraphs
    # that way, and a trainer's handout has no code to show (``` fences still make a block)
    md.disable("code")
    front_matter_plugin(md)
    container_plugin(md, "div", validate=lambda params, *args: bool(params.strip()))
    return md


_MD = _parser()


@lru_cache(maxsize=4)
def _module_tokens(markdown: str) -> tuple[Token, ...]:
    """A module body's tokens, for the checks that read it (its problems, its tables'
    rows, its pictures): parsed once for all of them. Nothing changes the tokens."""
    return tuple(_MD.parse(markdown))


def notes_of(markdown: str) -> list[str]:
    """The Markdown inside each ``::: notes`` box of a module's text, in order: the
    presenter's, said in the speaker notes and the guide beside the module's own notes
    (the handout leaves the box out)."""
    if ":::" not in markdown or "notes" not in markdown:
        return []
    lines = markdown.split("\n")
    found = []
    for token in _module_tokens(markdown):
        if token.type != "container_div_open" or token.level != 0 or not token.map:
            continue
        classes, _ = parse_attrs(token.info)
        if "notes" not in classes:
            continue
        start, end = token.map
        inside = lines[start + 1 : end]
        if inside and re.fullmatch(r"\s*:{3,}\s*", inside[-1]):  # its closing fence
            inside = inside[:-1]
        text = "\n".join(inside).strip()
        if text:
            found.append(text)
    return found


def source_texts(words: Sequence[str]) -> frozenset[str]:
    """What a translation prints in its source's language (``words``: its texts, Markdown
    or plain) as the outputs' paragraphs, headings, list items and cells say it (see
    :func:`glyphs.said`): each text whole, and each piece of text its Markdown makes (a
    picture's description too)."""
    from .glyphs import said

    found: set[str] = set()
    for text in words:
        if not any(c.isalpha() for c in text):
            continue  # a number, a time: the same in every language
        found.add(said(text))
        if len(text) > 20_000:
            continue
        for token in _MD.parse(text):
            if token.type == "inline" and token.children:
                parts = [
                    " " if child.type in ("softbreak", "hardbreak") else child.content
                    for child in token.children
                    if child.type in ("text", "code_inline", "softbreak", "hardbreak")
                ]
                found.add(said("".join(parts)))
                found.add(said(_as_printed(token.children)))
                found.update(  # a picture's description: its Figure's words
                    said(child.content) for child in token.children if child.type == "image"
                )
    return frozenset(found)


def _as_printed(children: Sequence[Token]) -> str:
    """An inline text as a PDF prints it: each link's words followed by the address a reader
    of paper types (see :func:`printed_address`), a picture within it as its description."""
    parts: list[str] = []
    href, words = None, []  # the link open, and its words so far
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            piece = " "
        elif child.type in ("text", "code_inline", "image"):
            piece = child.content
        elif child.type == "link_open":
            href, words = str(child.attrs.get("href", "")), []
            continue
        elif child.type == "link_close" and href is not None:
            address = printed_address(href, "".join(words))
            parts.append(f" ({address})" if address else "")
            href = None
            continue
        else:
            continue
        parts.append(piece)
        if href is not None:
            words.append(piece)
    return "".join(parts)


_SHLEX_SPACE = re.compile("[ \t\r\n]+")


@lru_cache(maxsize=1024)
def attribute_words(info: str) -> tuple[str, ...]:
    """The words of a fence's attributes, as shlex splits them (quotes group, backslashes
    escape); without quotes or backslashes shlex only splits at its white space, which is
    done here without it. Quotes left open: split at white space. Kept: a course's boxes
    and slides repeat a few dozen attributes in every output."""
    if '"' in info or "'" in info or "\\" in info:
        try:
            return tuple(shlex.split(info, posix=True))
        except ValueError:
            return tuple(info.split())
    return tuple(word for word in _SHLEX_SPACE.split(info) if word)


def parse_attrs(info: str) -> tuple[tuple[str, ...], dict[str, str]]:
    """Pandoc-style attributes: ``{.callout #id title="A title" lines=3}`` or ``notes``."""
    info = info.replace(LINE_BREAK, " ").strip()  # an attribute is one line of text
    if info.startswith("{") and info.endswith("}"):
        info = info[1:-1]
    classes: list[str] = []
    attrs: dict[str, str] = {}
    for word in attribute_words(info):
        if "=" in word:
            key, _, value = word.partition("=")
            attrs[key.strip()] = value
        elif word.startswith("."):
            classes.append(word[1:])
        elif word.startswith("#"):
            attrs["id"] = word[1:]
        elif word:
            classes.append(word)
    return tuple(classes), attrs


# The kinds of box a module's text may hold (README: "Fenced divs"); with those the built-in
# templates write too; and the attributes boxes read
MODULE_BOXES = frozenset(
    {
        "objectives",
        "callout",
        "takeaway",
        "content-note",
        "activity",
        "reflection",
        "toc",
        "columns",
        "column",
        "meta",
        "notes",
        "pagebreak",
        "form-table",
        "fill",
        "rating",
    }
)
BOX_CLASSES = MODULE_BOXES | {"certificate", "comparison", "panel", "question", "slide"}
BOX_ATTRIBUTES = frozenset({"title", "lines", "depth", "duration", "level", "id", "audience"})


def _word_key(word: str) -> str:
    """A fence's word as it was likely meant: its name before any ``=`` or ``:``, without a
    leading ``.`` or ``#``, in lower case."""
    return re.split(r"[=:]", word.lstrip(".#"), maxsplit=1)[0].strip().casefold()


def _like(word: str, meant: str) -> bool:
    from difflib import SequenceMatcher

    return word == meant or (len(word) >= 4 and SequenceMatcher(None, word, meant).ratio() >= 0.8)


# what a box meant for the presenter's notes may have been called: "note", "speaker-notes",
# "presenter_notes", "trainer notes"... (not "footnote", "content-note": boxes to print)
_NOTES_LIKE = re.compile(r"(?:(?:speaker|presenter|trainer|facilitator)s?[-_ ]?)?notes?")


def fence_problems(info: str) -> list[tuple[str, str]]:
    """What makes a box in a module's text (or in speaker notes) print for readers it was not
    meant for: a fence that seems to keep its text for one audience but is not written as
    one (``{audiences="clinical"}``, ``{Audience="clinical"}``, ``audience="clinical"``
    without braces: its text reached every audience), and a box that seems meant for the
    presenter's notes but is not one (``::: Notes``, ``::: speaker-notes``: it printed in
    the handout). A fence written as one is taken out of the text before this is asked."""
    info = info.replace(LINE_BREAK, " ").strip()
    inside = info[1:-1] if info.startswith("{") and info.endswith("}") else info
    one = example_audience()  # the project's own, in the hints
    ids = {a.casefold() for a in project_audiences()}
    found = []
    for word in attribute_words(inside):
        key = _word_key(word)
        value = word.partition("=")[2].strip().strip("'\"") if "=" in word else ""
        # a class named as an audience ({.clinical}), or an attribute of another name
        # giving audiences ({for="clinical"}, {data-audience="clinical"})
        as_class = (
            "=" not in word and not word.startswith("#") and key in ids and key not in BOX_CLASSES
        )
        audiences = [v.casefold() for v in re.split(r"[\s,]+", value) if v]
        given = (
            "=" in word and key not in BOX_ATTRIBUTES and bool(audiences) and set(audiences) <= ids
        )
        if (
            "audien" in key
            or _like(key, "audience")
            or _like(key, "audiences")
            or as_class
            or given
        ):
            found.append(
                (
                    f"'{word}' does not keep this box's text for one audience: it would print "
                    "for every audience",
                    f'in a module\'s text, open it with ::: {{audience="{one}"}} on a line '
                    f'of its own, or ::: {{.callout audience="{one}"}} for a box ("audience" '
                    "in lower case, in braces, with '=' and quotes); speaker notes for one "
                    f"audience go under 'notes:' as '{one}: ...'",
                )
            )
            break
        named = word.lstrip(".")
        notes_like = key != "notes" and _NOTES_LIKE.fullmatch(key) is not None
        if notes_like or (key == "notes" and named != "notes" and "=" not in word):
            found.append(
                (
                    f"'{word}' is not the presenter's notes: this box would print in the "
                    "handout, for participants",
                    "write ::: notes (in lower case) for what only the presenter sees",
                )
            )
            break
    return found


def fence_warnings(markdown: str) -> list[tuple[int, str, str]]:
    """The kinds of box and attributes in a module's text materials-gen does not know
    (``{.calout}``, ``titel="..."``): such a box prints as its text alone, such an attribute
    is left out. (0-based line, message, hint)."""
    return [(line, m, h) for line, *_, m, h in _box_warnings(_module_tokens(markdown))]


# What the built-in templates' boxes say besides a module's: a question's number and its
# letters, a comparison's colours, a slide's module and source
TEMPLATE_ATTRIBUTES = BOX_ATTRIBUTES | {"number", "letters", "colors", "module", "source"}


def _box_warnings(
    tokens: Sequence[Token], attributes: frozenset[str] = BOX_ATTRIBUTES
) -> list[tuple[int, str, bool, str, str]]:
    """The kinds of box and attributes of ``tokens``' boxes that are not among
    :data:`BOX_CLASSES` and ``attributes`` (0-based line, the name, whether it is an
    attribute, message, hint). A slide's box is not looked at: a deck template may name
    kinds of slide of its own (they are content slides)."""
    from difflib import get_close_matches

    kinds = BOX_CLASSES
    found: list[tuple[int, str, bool, str, str]] = []
    for token in tokens:
        if token.type != "container_div_open":
            continue
        line = token.map[0] if token.map else 0
        classes, attrs = parse_attrs(token.info)
        if "slide" in classes or (kinds.issuperset(classes) and attributes.issuperset(attrs)):
            continue
        if fence_problems(token.info):  # said as an error
            continue
        known = [name for name in classes if name in kinds]
        # what comes of it: a box of another kind it also names is drawn as that kind
        outcome = (
            f"it is left out (the box is drawn as {_a(known[0])})"
            if known
            else "the box prints as its text alone"
        )
        for name in classes:
            if name in kinds or not name:
                continue
            if name.casefold() in kinds:
                found.append(
                    (
                        line,
                        name,
                        False,
                        f"'{name}' is not a kind of box materials-gen knows (the kinds are "
                        f"written in lower case): {outcome}",
                        f"write '{name.casefold()}'",
                    )
                )
                continue
            close = get_close_matches(name.casefold(), sorted(kinds), 1, 0.7)
            found.append(
                (
                    line,
                    name,
                    False,
                    f"'{name}' is not a kind of box materials-gen knows: {outcome}",
                    f"did you mean '{close[0]}'?"
                    if close
                    else f"the kinds are {', '.join(sorted(MODULE_BOXES))}",
                )
            )
        for name in attrs:
            if name in attributes:
                continue
            close = get_close_matches(name.casefold(), sorted(attributes), 1, 0.7)
            found.append(
                (
                    line,
                    name,
                    True,
                    f"'{name}' is not an attribute a box has: it is left out",
                    f"did you mean '{close[0]}'?"
                    if close
                    else f"a box's attributes are {', '.join(sorted(attributes))}",
                )
            )
    return found


def _a(kind: str) -> str:
    """A kind of box with its article: "a takeaway", "an activity"."""
    return f"{'an' if kind[:1] in 'aeiou' else 'a'} {kind}"


# Fence attributes that hold a number, and the numbers the renderers lay out: a reflection's
# ruled lines per question, the depth of headings a table of contents lists.
NUMBER_ATTRS: dict[str, tuple[int, int]] = {"lines": (1, 30), "depth": (0, 6)}


def attr_problems(info: str) -> list[tuple[str, str]]:
    """What is wrong with a fence's attributes (``::: {.reflection lines=three}``), if anything."""
    _, attrs = parse_attrs(info)
    found = []
    for name, (low, high) in NUMBER_ATTRS.items():
        value = attrs.get(name, "").strip()
        if not value:
            continue
        if not re.fullmatch(r"[0-9]{1,6}", value) or not low <= int(value) <= high:
            found.append(
                (
                    f"'{name}={value}' must be a whole number from {low} to {high}",
                    f"write e.g. {name}={max(low, 1)}, with digits",
                )
            )
    return found


def _row_cells(line: str) -> int:
    """How many cells a Markdown table's row line has, as markdown-it splits it."""
    from markdown_it.rules_block.table import escapedSplit

    text = line.strip()
    cells = escapedSplit(text)
    if text.startswith("|") and cells:
        cells = cells[1:]
    if text.endswith("|") and cells:
        cells = cells[:-1]
    return len(cells)


# A table's |---| line: one or more cells of dashes, each maybe aligned with ':'
_DELIMITER_ROW = re.compile(r"\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?")
_DELIMITER_CHARACTERS = frozenset("|:- \t")


def _delimiter_row(line: str) -> bool:
    """Whether ``line`` is a table's delimiter row ("|---|:--:|"): tried only on a line of
    its characters, its spaces at the ends left out (two patterns of spaces side by side
    tried every way took minutes on a line of spaces)."""
    bare = line.strip()
    return (
        bool(bare) and set(bare) <= _DELIMITER_CHARACTERS and bool(_DELIMITER_ROW.fullmatch(bare))
    )


def _would_be_tables(lines: list[str], tokens: tuple[Token, ...]) -> list[tuple[int, str, str]]:
    """The tables in a module's paragraphs that Markdown prints as text: a header whose
    |---| line has another number of cells. (Rows pasted with tabs between their cells are
    told as the file is read: see load.tidy_text.)"""
    found: list[tuple[int, str, str]] = []
    for token in tokens:
        if token.type != "paragraph_open" or not token.map:
            continue
        start, end = token.map
        end = min(end, len(lines))
        for number in range(start, end - 1):
            header, under = lines[number], lines[number + 1]
            if "|" in header and _delimiter_row(under):
                columns, marks = _row_cells(header), _row_cells(under)
                found.append(
                    (
                        number,
                        f"this table's header has {columns} cells and the |---| line under "
                        f"it {marks}: Markdown prints the table as text",
                        f"give the line under the header one |---| for each of its {columns} cells",
                    )
                )
                break
    return found


def table_row_warnings(markdown: str) -> list[tuple[int, str, str]]:
    """The rows of a module's Markdown tables with more cells than their header: Markdown
    leaves the extra ones out, unsaid; and tables Markdown does not read as tables (see
    :func:`_would_be_tables`) (0-based line, message, hint)."""
    found: list[tuple[int, str, str]] = []
    if "|" not in markdown:  # no table: nothing to parse again
        return found
    lines, tokens = markdown.split("\n"), _module_tokens(markdown)
    found.extend(_would_be_tables(lines, tokens))
    for token in tokens:
        if token.type != "table_open" or not token.map:
            continue
        start, end = token.map
        columns = _row_cells(lines[start])
        for number in range(start + 2, min(end, len(lines))):
            cells = _row_cells(lines[number])
            if cells > columns:
                extra = cells - columns
                found.append(
                    (
                        number,
                        f"this table row has {cells} cells and its header {columns}: the last "
                        f"{'one is' if extra == 1 else f'{extra} are'} not printed",
                        "add a column to the header (and the |---| line under it), or join "
                        "the cells; a | inside a cell is written \\|",
                    )
                )
    return found


def body_problems(markdown: str, max_heading_words: int) -> list[tuple[int, str, str]]:
    """What in a module's Markdown the renderers could not lay out: (0-based line, message, hint).

    Fences whose number attributes are not numbers, headings too long to be headings, and
    lists or quotes nested deeper than :data:`MAX_LIST_DEPTH`.
    """
    found = []
    crowded = too_many_brackets(markdown)
    if crowded is not None:
        return [(crowded[0], *brackets_problem(*crowded[1:]))]
    tokens = _module_tokens(markdown)
    cut = _cut_short(tokens)
    if cut is not None:
        return [(cut, *_TOO_DEEP)]
    try:
        _tree(tokens)
    except _TooDeepInline as exc:
        return [
            (
                exc.line - 1,
                f"bold, italic, links or struck text are nested more than {MAX_INLINE_NESTING} "
                "deep here",
                "look for a run of '*', '_', '[' or '~' that opens more than it closes",
            )
        ]
    # after the marks' own checks, which say more of a run of them; reading the tokens is
    # linear, laying the run out is not
    unbroken = unbroken_problem(markdown)
    if unbroken is not None:
        return [unbroken]
    depth = 0
    for index, token in enumerate(tokens):
        line = token.map[0] if token.map else 0
        if token.type in _LIST_OPEN:
            depth += 1
            if depth == MAX_LIST_DEPTH + 1:
                found.append(
                    (
                        line,
                        f"this list is nested more than {MAX_LIST_DEPTH} levels deep (lists "
                        "and quotes inside each other); slides and handouts show at most "
                        f"{MAX_LIST_DEPTH}, as PowerPoint does",
                        "move the deepest items up a level, or make them a separate list",
                    )
                )
        elif token.type in _LIST_CLOSE:
            depth -= 1
        elif token.type == "container_div_open":
            found.extend((line, message, hint) for message, hint in attr_problems(token.info))
            found.extend((line, message, hint) for message, hint in fence_problems(token.info))
        elif token.type == "heading_open" and index + 1 < len(tokens):
            words = len(tokens[index + 1].content.split())
            if words > max_heading_words:
                found.append(
                    (
                        line,
                        f"this heading has {words:,} words; a heading can have at most "
                        f"{max_heading_words}",
                        "make the heading short and put the rest in a paragraph below it",
                    )
                )
    return found


_TOO_DEEP = (
    f"the text is nested more than {MAX_NESTING} deep here (lists, quotes or ':::' blocks "
    "inside each other), too deep to read",
    "look for a run of '>', or ':::' blocks that are opened and never closed",
)


# What is left of a picture Markdown did not read as one: its text, printed as typed
_PICTURE_AS_TEXT = re.compile(r"!\[[^\[\]\n]*\][ \t]*\(")


def pictures_as_text(markdown: str) -> list[tuple[int, str]]:
    """Each picture written so that Markdown prints it as typed, ``![...](...)`` in the
    text, rather than showing it (a path with a space and a bracket, say): (0-based line,
    what was written, up to its closing bracket or the line's end)."""
    found: list[tuple[int, str]] = []
    if "![" not in markdown or too_many_brackets(markdown) is not None:
        return found
    for token in _module_tokens(markdown):
        if token.type != "inline" or "![" not in token.content:
            continue
        line = start = token.map[0] if token.map else 0
        run = ""
        for child in [*(token.children or []), None]:  # None: the end, to read the last run
            if child is not None and child.type == "text":
                run += child.content
                continue
            for match in _PICTURE_AS_TEXT.finditer(run):
                end = run.find(")", match.end())
                found.append((start, run[match.start() : end + 1 if end >= 0 else len(run)]))
            run = ""
            if child is not None and child.type in ("softbreak", "hardbreak"):
                line += 1
            start = line
    return found


def marks_as_text(markdown: str) -> list[tuple[int, str]]:
    """Each line where '**' (or '__') is printed as typed because Markdown did not read it
    as bold: in Chinese or Japanese, bold that ends with punctuation right before a letter
    (``**注意：**これは``), where Markdown's rule for words with spaces does not close it:
    (0-based line, the words the marks stand in, up to 40 characters)."""
    found: list[tuple[int, str]] = []
    if "**" not in markdown and "__" not in markdown:
        return found
    if too_many_brackets(markdown) is not None:
        return found
    for token in _module_tokens(markdown):
        if token.type != "inline" or not any(m in token.content for m in ("**", "__")):
            continue
        line = token.map[0] if token.map else 0
        for child in token.children or []:
            if child.type == "text" and ("**" in child.content or "__" in child.content):
                found.append((line, child.content.strip()[:40]))
                break
            if child.type in ("softbreak", "hardbreak"):
                line += 1
    return found


def picture_sources(markdown: str) -> list[tuple[int, str]]:
    """Every picture Markdown shows in ``markdown``, however written: (0-based line, path);
    none in a text with too many '[' to read (its own error says so: see body_problems)."""
    found: list[tuple[int, str]] = []
    if too_many_brackets(markdown) is not None:
        return found
    for token in _module_tokens(markdown):
        if token.type != "inline":
            continue
        line = token.map[0] if token.map else 0
        stack = list(token.children or [])
        while stack:
            child = stack.pop()
            if child.type == "image":
                found.append((line, str(child.attrs.get("src", ""))))
            stack.extend(child.children or [])
    return found


class _Node:
    """A node of the token stream nested as Markdown nests it: a block or inline element
    (its opening token; ``type`` without "_open") with its children, or a leaf token.

    markdown-it's own SyntaxTreeNode does the same for any use and costs as much as the
    parsing itself; this keeps only what :func:`_blocks` and :func:`_inlines` read."""

    __slots__ = ("type", "token", "children")

    def __init__(self, type: str, token: Token, children: list[_Node]):  # noqa: A002
        self.type, self.token, self.children = type, token, children

    @property
    def tag(self) -> str:
        return self.token.tag

    @property
    def attrs(self) -> dict[str, str | int | float]:
        return self.token.attrs

    @property
    def info(self) -> str:
        return self.token.info

    @property
    def content(self) -> str:
        return self.token.content


class _TooDeepInline(Exception):
    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


# Emphasis, links and struck text inside one another: a reader follows two or three; four
# kilobytes of "*" nested them two thousand deep, past Python's own stack.
MAX_INLINE_NESTING = 20


def _tree(tokens: Sequence[Token], line: int = 0) -> list[_Node]:
    """The nodes of ``tokens`` (an inline token's own tokens become its children); emphasis
    and links nested deeper than :data:`MAX_INLINE_NESTING` stop at the block's ``line``."""
    top: list[_Node] = []
    open_children = [top]
    for token in tokens:
        if token.nesting == 1:
            node = _Node(token.type.removesuffix("_open"), token, [])
            open_children[-1].append(node)
            open_children.append(node.children)
            if line and len(open_children) > MAX_INLINE_NESTING:
                raise _TooDeepInline(line)
        elif token.nesting == -1:
            open_children.pop()
        else:
            start = token.map[0] + 1 if token.map else line or 1
            inner = _tree(token.children, start) if token.children else []
            open_children[-1].append(_Node(token.type, token, inner))
    return top


# What a quotation's attribution starts with, on a line of its own: "— Chief Pharmacist"
_ATTRIBUTION = ("\u2014", "\u2013", "\u2015", "--")
_ENDED = (".", "!", "?", "\u2026", '"', "\u201d", "\u2019", "\u00bb", "'")  # a sentence's end


def _attribution_apart(quote: _Node) -> None:
    """A quote's "— Name" line, written under the quotation as the last line of its
    paragraph, keeps its own line (Markdown would join the two lines into one): the line
    break before it becomes a hard one. Only after a quotation that ends a sentence ('.',
    '!', '?', a closing quotation mark): a sentence wrapped before a dash ("...the door /
    — which mattered — ...") reads on."""
    for paragraph in quote.children:
        if paragraph.type != "paragraph":
            continue
        for inline in paragraph.children:
            parts = inline.children
            breaks = [n for n, part in enumerate(parts) if part.type == "softbreak"]
            if not breaks or breaks[-1] in (0, len(parts) - 1):
                continue
            last = breaks[-1]
            before, after = parts[last - 1], parts[last + 1]
            said = after.token.content.lstrip() if after.type == "text" else ""
            ended = before.type == "text" and before.token.content.rstrip().endswith(_ENDED)
            if said.startswith(_ATTRIBUTION) and ended:
                parts[last].type = "hardbreak"


def _in_written_link(before: list[Inline]) -> bool:
    """Whether an address written out comes right after "](": the address of a link or
    picture Markdown could not read, printed as typed (and warned of), is not made a link
    of its own."""
    return bool(before) and isinstance(before[-1], Text) and before[-1].text.endswith("](")


def _written_link(node: _Node) -> bool:
    """Whether an address linkify found is one a reader takes for a link: written with its
    scheme (https://...), starting "www.", or an e-mail address; not a bare name such as
    samhsa.gov or report.py."""
    href = str(node.attrs.get("href", "")).lower()
    words = plain(_inlines(node)).lower()
    return href.startswith("mailto:") or words.startswith(_WRITTEN_STARTS)


_WRITTEN_STARTS = ("http://", "https://", "www.")


def _address_cut(node: _Node, at: int) -> bool:
    """Whether the address written out at ``node.children[at]`` (made a link by linkify) is
    only the start of what is written: the text right after it goes on with no space (the
    address stops at a "<"), so the link would go to part of the address."""
    after = node.children[at + 1] if at + 1 < len(node.children) else None
    return after is not None and after.type == "text" and after.content[:1] in "<>{}|\\^"


# what ends a sentence or a span, not an address: "See https://example.org/x." inside
# italics ("*...x.*") was linked with its full stop, and "_https://example.org/x_" with its
# underscore
_ADDRESS_END = ".,:;!?*_~'\""


def _written_out(href: str, words: tuple[Inline, ...]) -> list[Inline]:
    """An address written out in the text, as a link without the punctuation that ends its
    sentence or span (which follows it as text), nor a label written before an e-mail
    address with no space (see :func:`_labelled_mail`)."""
    label, href, words = _labelled_mail(href, words)
    href, words, rest = _before_wide(href, words)
    return [*label, *_unpunctuated(href, words), *rest]


# Chinese, Japanese and Korean characters, and full-width punctuation: never part of an
# address written out (a domain in them is written in its own script, with no scheme)
_WIDE = re.compile("[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")


def _before_wide(
    href: str, words: tuple[Inline, ...]
) -> tuple[str, tuple[Inline, ...], list[Inline]]:
    """An address written out with Chinese or Japanese right after it, as those languages
    write one, with no space ("详见https://example.org了解更多信息。"): linkify takes the
    characters for part of its domain, and the link went to a made-up address
    ("example.xn--org-..."), underlining the sentence after it. The address ends before
    them; they follow it as text."""
    text = plain(words)
    found = _WIDE.search(text)
    if found is None or not found.start():
        return href, words, []
    address, rest = text[: found.start()], text[found.start() :]
    lowered = address.lower()
    if lowered.startswith(("http://", "https://")):
        href = address
    elif lowered.startswith("www."):
        href = "http://" + address
    elif href.lower().startswith("mailto:"):
        href = "mailto:" + address
    return href, (Text(address),), [Text(rest)]


def _labelled_mail(
    href: str, words: tuple[Inline, ...]
) -> tuple[list[Inline], str, tuple[Inline, ...]]:
    """A label written before an e-mail address with no space ("Mail:help@example.org",
    "E-mail:help@..."), as text before the address: linkify takes the colon into the
    address's name, and the link went to "Mail:help@example.org", which no one reads. (A
    colon is no part of an address's name unless it is quoted, which no trainer writes.)"""
    text = plain(words)
    name = text.partition("@")[0]
    if not href.lower().startswith("mailto:") or ":" not in name:
        return [], href, words
    cut = name.rindex(":") + 1
    if not text[cut:] or not href.endswith(text[cut:]):
        return [], href, words
    return [Text(text[:cut])], "mailto:" + text[cut:], (Text(text[cut:]),)


def _unpunctuated(href: str, words: tuple[Inline, ...]) -> list[Inline]:
    text = plain(words)
    kept = text.rstrip(_ADDRESS_END)
    cut = len(text) - len(kept)
    if not cut or not kept or not href.endswith(text[len(kept) :]):
        return [Link(href, words)]
    return [Link(href[: len(href) - cut], (Text(kept),)), Text(text[len(kept) :])]


# a Hebrew preposition joined to the word after it by a hyphen or maqaf: "ל-help@...", "to
# help@...", "ב-www...", "at www..." (linkify takes the letter before the hyphen for part of
# the word, and so found no address there)
_HEBREW_PREFIX = re.compile(r"(?<=[\u05d0-\u05ea][-\u05be])(?=[A-Za-z0-9])")


def _prefixed_addresses(text: str) -> list[Inline]:
    """``text``, with each address written out after a Hebrew prefix (see _HEBREW_PREFIX) a
    link, as it is after a space."""
    if not _HEBREW_PREFIX.search(text):
        return [Text(text)]
    out: list[Inline] = []
    done = 0
    for found in _HEBREW_PREFIX.finditer(text):
        if found.start() < done:
            continue
        match = (_MD.linkify.match(text[found.start() :]) or [None])[0]
        if match is None or match.index != 0:
            continue
        words = text[found.start() : found.start() + match.last_index]
        href = str(match.url)
        if not (href.startswith("mailto:") or words.lower().startswith(_WRITTEN_STARTS)):
            continue  # a bare name (samhsa.gov) stays text, as anywhere else
        out.extend([Text(text[done : found.start()]), *_written_out(href, (Text(words),))])
        done = found.start() + match.last_index
    out.append(Text(text[done:]))
    return [item for item in out if not (isinstance(item, Text) and not item.text)]


def _inlines(node: _Node, linked: bool = False) -> tuple[Inline, ...]:
    """The inline text of ``node``; ``linked``: the words of a link (no link inside them)."""
    out: list[Inline] = []
    for at, child in enumerate(node.children):
        kind = child.type
        if kind == "text":
            said = child.content
            plain_text = linked or _in_written_link(out)
            out.extend([Text(said)] if plain_text else _prefixed_addresses(said))
        elif kind == "softbreak":
            out.append(Text(" "))
        elif kind == "hardbreak":
            out.append(LineBreak())
        elif kind == "strong":
            out.append(Strong(_inlines(child, linked)))
        elif kind == "em":
            out.append(Emph(_inlines(child, linked)))
        elif kind == "s":
            out.append(Strike(_inlines(child, linked)))
        elif kind == "code_inline":
            out.append(Code(child.content.replace(LINE_BREAK, " ")))
        elif (
            kind == "link"
            and child.token.markup == "linkify"
            and (_in_written_link(out) or _address_cut(node, at) or not _written_link(child))
        ):
            out.extend(_inlines(child, linked))  # printed as typed, cut short, or bare: text
        elif kind == "link" and child.token.markup == "linkify":
            out.extend(_written_out(str(child.attrs.get("href", "")), _inlines(child, True)))
        elif kind == "link":
            out.append(Link(str(child.attrs.get("href", "")), _inlines(child, True)))
        elif kind == "image":
            alt = plain(_inlines(child, True)) if child.children else child.content
            out.append(Picture(_file_name(str(child.attrs.get("src", ""))), alt))
        elif kind == "inline":
            out.extend(_inlines(child, linked))
        else:
            out.append(Text(child.content))
    return tuple(_bound(_line_breaks(_tight(_merge_text(out)))))


# Full-width punctuation, which holds its own space: Chinese and Japanese put none after it
_FULL_WIDTH = "\u3002\u3001\uff01\uff1f\uff1a\uff1b\uff09\u300d\u300f\u3011"
# a space after full-width punctuation, but one before a word of a script that is shaped
# (Hindi, Hebrew, Arabic, Thai): a shaped word is never cut, so joined to the sentence
# before it, the two could not part at the end of a line
_SPACED = re.compile(f"([{_FULL_WIDTH}]) +(?!{SHAPED.pattern})")


def _last_letter(item: Inline) -> str:
    if isinstance(item, (Text, Code)):
        return item.text[-1:]
    children = getattr(item, "children", ())
    return _last_letter(children[-1]) if children else ""


def _tight(items: list[Inline]) -> list[Inline]:
    """Spaces after full-width punctuation left out ("いのちの電話。 電話して" is "いのちの
    電話。電話して"): the mark holds its own space, and a template's "{name}。 {details}"
    left a double gap. One before a word of a shaped script (Hindi, Hebrew, Arabic, Thai)
    stays: without it the word was one with the sentence before, which a line could then
    not break, and Chinese followed by Hindi ran on past the page's edge."""
    out: list[Inline] = []
    for item in items:
        if isinstance(item, Text):
            text = _SPACED.sub(r"\1", item.text)
            last = _last_letter(out[-1]) if out else ""
            after = text.lstrip(" ")[:1]
            if text.startswith(" ") and last and last in _FULL_WIDTH and not SHAPED.match(after):
                text = text.lstrip(" ")  # ("" is in any text: hence "last and")
            if text != item.text:
                item = Text(text)
        out.append(item)
    return [i for i in out if not (isinstance(i, Text) and not i.text)]


def _bound(items: list[Inline]) -> list[Inline]:
    """Texts with their units bound (:func:`units.bind_units`): "(10 min)" or "1 h 45 min"
    never breaks across lines, on a slide, a page, a poster or a form."""
    return [
        Text(bind_units(i.text))
        if isinstance(i, Text)
        else Code(bind_units(i.text))
        if isinstance(i, Code)
        else i
        for i in items
    ]


def _line_breaks(items: list[Inline]) -> list[Inline]:
    """A manual line break inside a text (see ``pasted.py``) as a :class:`LineBreak`.

    Content keeps a manual line break as one character, because a Markdown hard break cannot
    live in a table cell or a heading; here it becomes the same node as a Markdown hard break,
    which every renderer draws. Blanks beside a break, and a break that starts or ends the
    text, would only indent a line or add an empty one, so they go.
    """
    if not any(isinstance(i, Text) and LINE_BREAK in i.text for i in items):
        return items
    out: list[Inline] = []
    for item in items:
        if not isinstance(item, Text) or LINE_BREAK not in item.text:
            out.append(item)
            continue
        for n, piece in enumerate(item.text.split(LINE_BREAK)):
            if n:
                out.append(LineBreak())
            if piece:
                out.append(Text(piece))
    while out and isinstance(out[0], LineBreak):
        out.pop(0)
    while out and isinstance(out[-1], LineBreak):
        out.pop()
    for n, item in enumerate(out):
        if isinstance(item, Text):
            if n + 1 < len(out) and isinstance(out[n + 1], LineBreak):
                item = Text(item.text.rstrip(" "))
            if n and isinstance(out[n - 1], LineBreak):
                item = Text(item.text.lstrip(" "))
            out[n] = item
    return [i for i in out if not (isinstance(i, Text) and not i.text)]


def _merge_text(items: list[Inline]) -> list[Inline]:
    merged: list[Inline] = []
    for item in items:
        if isinstance(item, Text) and merged and isinstance(merged[-1], Text):
            merged[-1] = Text(merged[-1].text + item.text)
        else:
            merged.append(item)
    return merged


def _inline_of(node: _Node) -> tuple[Inline, ...]:
    for child in node.children:
        if child.type == "inline":
            return _inlines(child)
    return ()


def _lone_figure(nodes: list[_Node]) -> Figure | None:
    """The picture ``nodes`` (a paragraph's, or one line's) are made of, alone or as the one
    thing inside a link, as a :class:`Figure`; None when they hold anything else."""
    shown = [n for n in nodes if not (n.type == "text" and not n.content.strip())]
    if len(shown) != 1:
        return None
    found = shown[0]
    if found.type == "link":  # a picture as a link
        inside = [n for n in found.children if not (n.type == "text" and not n.content.strip())]
        found = inside[0] if len(inside) == 1 else found
    if found.type != "image":
        return None
    (picture,) = _inlines(_Node("inline", found.token, [found]))
    assert isinstance(picture, Picture)
    return Figure(picture.src, picture.alt, str(found.attrs.get("title", "") or ""))


def picture_lines(nodes: list[_Node]) -> list[tuple[list[_Node], Figure | None]]:
    """A paragraph's inline ``nodes`` cut into its lines, each with the picture it is made
    of alone (None: a line of text), the breaks between lines kept at the lines' ends."""
    lines: list[tuple[list[_Node], Figure | None]] = []
    line: list[_Node] = []
    for child in nodes:
        line.append(child)
        if child.type in ("softbreak", "hardbreak"):
            lines.append((line, _lone_figure(line[:-1])))
            line = []
    lines.append((line, _lone_figure(line)))
    return lines


def figure_lines(text: str) -> frozenset[int]:
    """The lines of ``text`` (Markdown, counted from 0) whose picture is shown as a figure,
    on a page and a slide of its own, as :func:`parse` makes them (see
    :func:`_paragraph_blocks`); a picture on any other line is in a sentence."""
    tokens = _MD.parse(spaced_links(text))
    found: set[int] = set()
    for n, token in enumerate(tokens):
        opened = tokens[n - 1] if n else None
        if token.type != "inline" or opened is None or opened.type != "paragraph_open":
            continue
        if not opened.map or "![" not in token.content:
            continue
        lines = picture_lines(_tree(token.children or []))
        found.update(opened.map[0] + i for i, (_, figure) in enumerate(lines) if figure)
    return frozenset(found)


def _paragraph_blocks(node: _Node, inlines: tuple[Inline, ...]) -> list[Block]:
    """What a paragraph is shown as: a picture alone in it (or a link around one) is a
    figure, as is each line that holds a picture alone, written right under another picture
    or a line of text (Markdown joins the lines into one paragraph, and the pictures were
    printed as their descriptions, run together); the lines of text between are paragraphs."""
    inline = next((c for c in node.children if c.type == "inline"), None)
    if inline is None:
        return [Paragraph(inlines)]
    lines = picture_lines(inline.children)
    if len(lines) == 1 and lines[0][1] is not None:
        return [lines[0][1]]
    if all(figure is None for _, figure in lines):
        return [Paragraph(inlines)]
    out: list[Block] = []
    text: list[_Node] = []
    for line, figure in [*lines, ([], None)]:
        if figure is None and line:
            text.extend(line)
            continue
        while text and text[-1].type in ("softbreak", "hardbreak"):
            text.pop()
        if text:
            out.append(Paragraph(_inlines(_Node("inline", inline.token, text))))
            text = []
        if figure is not None:
            out.append(figure)
    return out


def _blocks(nodes: list[_Node]) -> tuple[Block, ...]:
    out: list[Block] = []
    for node in nodes:
        kind = node.type
        if kind == "front_matter":
            continue
        if kind == "heading":
            out.append(Heading(int(node.tag[1]), _inline_of(node)))
        elif kind == "paragraph":
            inlines = _inline_of(node)
            if (
                len(inlines) == 1
                and isinstance(inlines[0], Text)
                and inlines[0].text.strip() == "\\newpage"
            ):
                out.append(PageBreak())
            else:
                out.extend(_paragraph_blocks(node, inlines))
        elif kind in ("bullet_list", "ordered_list"):
            items = tuple(_blocks(item.children) for item in node.children)
            start = int(node.attrs.get("start", 1)) if kind == "ordered_list" else 1
            out.append(ListBlock(kind == "ordered_list", items, start))
        elif kind == "table":
            out.append(_table(node))
        elif kind == "container_div":
            classes, attrs = parse_attrs(node.info)
            if "pagebreak" in classes:
                out.append(PageBreak())
            else:
                out.append(Div(classes, attrs, _blocks(node.children)))
        elif kind == "blockquote":
            _attribution_apart(node)
            out.append(Quote(_blocks(node.children)))
        elif kind in ("fence", "code_block"):
            out.append(CodeBlock(node.content.replace(LINE_BREAK, "\n").rstrip("\n")))
        elif kind == "hr":
            out.append(Rule())
    return tuple(out)


def _separator_widths(line: str) -> tuple[int, ...]:
    """The dashes of each cell of a table's separator row, when they differ (a template
    asking for wider and narrower columns); else ()."""
    cells = line.strip().strip("|").split("|")
    dashes = tuple(cell.count("-") for cell in cells)
    return dashes if len(set(dashes)) > 1 and all(dashes) else ()


def _table(node: _Node) -> Table:
    header: tuple[tuple[Inline, ...], ...] = ()
    rows: list[tuple[tuple[Inline, ...], ...]] = []
    align: list[str] = []
    for section in node.children:
        for tr in section.children:
            cells = tuple(_inline_of(cell) for cell in tr.children)
            if section.type == "thead":
                header = cells
                for cell in tr.children:
                    style = str(cell.attrs.get("style", ""))
                    found = re.search(r"text-align:(\w+)", style)
                    align.append(found.group(1) if found else "left")
            else:
                rows.append(cells)
    widths = node.token.meta.get("widths", ()) if node.token is not None else ()
    return Table(header, tuple(rows), tuple(align), tuple(widths))


def _front_matter(text: str, source: str) -> dict[str, Any]:
    """The front matter a template wrote, read as content is (see :func:`load.parse_yaml`):
    plain data only, and a template's deep nesting, tags or aliases that repeat into millions
    of values are an error at their line, never a crash or a machine out of memory."""
    from .load import _Problems, parse_yaml

    problems = _Problems()
    # a title or date is one line wherever it is stamped: a line break is a space
    found = parse_yaml(text.replace(LINE_BREAK, " "), source, problems, line_offset=1)
    if problems.errors:
        raise ContentError(
            [
                Problem(
                    p.location,
                    f"the front matter the template wrote is not valid: {p.message}",
                    "use the 'json' filter for values, e.g. title: {{ course.title | json }}",
                )
                for p in problems.errors
            ]
        )
    data = found.data if found is not None else None
    return data if isinstance(data, dict) else {}


# '[' in one paragraph (500 links): Markdown looks for each one's closing ']' from where it
# stands, so a paragraph of nothing but '[' takes time that grows with its square (2 MB of
# them: eight minutes).
MAX_BRACKETS = 1_000


# Characters Markdown reads in one text looking for the ']' of each '[' (to that ']', else
# to the end of its paragraph): a '[' never closed is read on to there, so a module of
# paragraphs each holding many (990 "![a", under the limit above) took twenty minutes and
# more; the default kit's modules need a few hundred. At most a second's reading.
MAX_BRACKET_READING = 1_000_000
_PARAGRAPH_END = re.compile(r"\n[ \t]*(?=\n)")


def _bracket_reading(markdown: str) -> tuple[int, int] | None:
    """(0-based line, count) of the '[' at which Markdown's reading for closing brackets
    passes :data:`MAX_BRACKET_READING`, with how many of the text's '[' are never closed in
    their paragraph; or None. Linear in the text (each '[' finds its ']' by bisection)."""
    opens = [m.start() for m in re.finditer(r"\[", markdown)]
    if len(opens) * len(markdown) <= MAX_BRACKET_READING:
        return None
    closes = [m.start() for m in re.finditer(r"\]", markdown)]
    ends = [m.start() for m in _PARAGRAPH_END.finditer(markdown)]
    reading, unclosed, at_line = 0, 0, None
    for at in opens:
        close = bisect.bisect(closes, at)
        end = bisect.bisect(ends, at)
        paragraph_end = ends[end] if end < len(ends) else len(markdown)
        stop = closes[close] if close < len(closes) else len(markdown)
        if stop >= paragraph_end:
            unclosed += 1
        reading += min(stop, paragraph_end) - at
        if at_line is None and reading > MAX_BRACKET_READING:
            at_line = markdown.count("\n", 0, at)
    return (at_line, unclosed) if at_line is not None else None


# '*', '_' and '~' in one paragraph: each may open or close emphasis, and a paragraph of
# nothing else (2 MB of "*_") took a minute to read, nine times over for check.
MAX_EMPHASIS_MARKS = 10_000


# Parts (paragraphs, headings, list items, quotes, table cells) in one text: a module's text,
# its notes, or what a template wrote. Markdown keeps about three records for each part, and
# the renderers more: 2 MB of one-letter paragraphs held 2 GB of memory for a minute before
# any limit could be judged. The default kit's longest module has about 200; a table of 2,000
# rows and nine columns, 20,000.
MAX_PARTS = 20_000
# All the modules of a course together; what a template writes may have a few times as many
# (a slide's title in the deck's outline, the agenda, the contents), up to MAX_TOKENS records
MAX_COURSE_PARTS = 100_000
MAX_DOCUMENT_PARTS = MAX_TOKENS // 3
_MARKS_AHEAD = re.compile(r"(?:[ \t]*(?:[-*+>]|\d{1,9}[.)])(?=[ \t]|$))+")


def count_parts(markdown: str, most: int = MAX_PARTS) -> tuple[int, int]:
    """How many parts ``markdown`` has, counted line by line before Markdown reads it, up to
    the line where the count passes ``most`` (then its 0-based line; else -1): (count,
    line). A line that starts a block counts one, and one more for each list or quote mark
    ahead of its text and each '|' in it (a table's cell); a line that runs on a paragraph
    counts none."""
    count, after_blank = 0, True
    for n, line in enumerate(markdown.split("\n")):
        if not line.strip():
            after_blank = True
            continue
        marks = _MARKS_AHEAD.match(line)
        if after_blank or marks or "|" in line or STARTS_PART.match(line):
            count += 1 + line.count("|") + (len(marks.group().split()) if marks else 0)
            if count > most:
                return count, n
        after_blank = False
    return count, -1


def too_many_brackets(markdown: str, most_parts: int = MAX_PARTS) -> tuple[int, str, int] | None:
    """(0-based line, mark, count) of the first paragraph with more '[' than
    :data:`MAX_BRACKETS` (or more '*', '_' and '~' than :data:`MAX_EMPHASIS_MARKS`), or of
    the line where the text passes ``most_parts`` parts (mark "parts"), or None; looked at
    in one pass, before Markdown reads the text."""
    if len(markdown) > most_parts:  # else it cannot have so many: each takes a character
        count, line = count_parts(markdown, most_parts)
        if line >= 0:
            return line, "parts", count
    emphasis = sum(markdown.count(mark) for mark in "*_~")
    if markdown.count("[") <= MAX_BRACKETS and emphasis <= MAX_EMPHASIS_MARKS:
        read = _bracket_reading(markdown)
        return (read[0], "unclosed [", read[1]) if read is not None else None
    line = 0
    read = _bracket_reading(markdown)
    for paragraph in markdown.split("\n\n"):
        # Markdown reads each list item, table row and heading as a text of its own, and the
        # lines that run on from one as part of it: each such text counts on its own
        parts: list[str] = []
        for row in paragraph.split("\n"):
            if not parts or STARTS_PART.match(row):
                parts.append(row)
            else:
                parts[-1] += "\n" + row
        for part in parts:
            count = part.count("[")
            if count > MAX_BRACKETS:
                return line, "[", count
            count = sum(part.count(mark) for mark in "*_~")
            if count > MAX_EMPHASIS_MARKS:
                return line, "*, _ or ~", count
        line += paragraph.count("\n") + 2
    return (read[0], "unclosed [", read[1]) if read is not None else None


def brackets_problem(mark: str, count: int) -> tuple[str, str]:
    if mark == "parts":
        return (
            f"the text has more than {MAX_PARTS:,} parts by this line (paragraphs, headings, "
            f"list items, quotes and table cells); a module's text or its notes may have at "
            f"most {MAX_PARTS:,}",
            "split it into several modules, or look for a block pasted many times over",
        )
    if mark == "unclosed [":
        return (
            f"the text has {count:,} '[' that no ']' closes in its paragraph, from this line on: "
            "Markdown reads on to the paragraph's end looking for each one's ']', more text "
            "than a course's reading can take",
            "close each '[' with its ']', or write \\[ for a bracket that is only text",
        )
    most = MAX_BRACKETS if mark == "[" else MAX_EMPHASIS_MARKS
    what = "each link and picture has one" if mark == "[" else "each bold or italic text has two"
    return (
        f"this paragraph has {count:,} '{mark}'; a paragraph may have at most {most:,} ({what})",
        f"split the paragraph, or look for a run of '{mark}' pasted by mistake",
    )


def _document_too_large(source: str, parts: str) -> Problem:
    """What a template wrote is too large to lay out: the content cannot be (each module and
    the course were counted before), so the template's loops made it."""
    return Problem(
        Location(source),
        f"the document the template wrote has {parts} parts (headings, paragraphs, list "
        f"items, table cells...); an output may have at most {MAX_DOCUMENT_PARTS:,}",
        "check the template's loops: a course's handout has a few thousand",
    )


def unclosed_box(tokens: list[Any], lines: list[str]) -> tuple[int, str] | None:
    """The outermost ``:::`` box of a document still open at its end, as markdown-it read
    it (its line from 0, and the line), or None: a box a template left open took in
    everything after it (the rest of the handout printed inside a callout) without a word.
    The reader closes such boxes at the end of the document, with no closing mark; a box
    closed by the fence of one around it ends where that one does, and is not one."""
    opened: list[Any] = []
    closed: list[tuple[Any, Any]] = []  # (its closing token, its opening token)
    for token in tokens:
        if token.type == "container_div_open":
            opened.append(token)
        elif token.type == "container_div_close" and opened:
            closed.append((token, opened.pop()))
    last = None
    for index in range(len(tokens) - 1, -1, -1):  # the closes the end of the text made
        token = tokens[index]
        if token.type != "container_div_close" or token.markup:
            break
        last = next(start for end, start in closed if end is token)
    if last is None or not last.map:
        return None
    number = last.map[0]
    return number, lines[number].strip() if number < len(lines) else last.markup


def box_closed_with_another(tokens: list[Any]) -> tuple[int, str, int, str] | None:
    """The first ``:::`` box of a document that ends with no ``:::`` of its own, where the
    fence of the box around it closes both (as markdown-it reads it), as (the outer box's
    line from 0, its name, the inner one's line, its name: see :func:`_box_name`); or None.
    One of
    the two has no closing fence: a template that left a takeaway open printed the
    reflection after it inside the takeaway's box, without a word."""
    # the closes the end of the text made, which unclosed_box tells of: from here on
    end = len(tokens)
    while end and tokens[end - 1].type == "container_div_close" and not tokens[end - 1].markup:
        end -= 1
    opened: list[Any] = []
    for token in tokens[:end]:
        if token.type == "container_div_open":
            opened.append(token)
        elif token.type == "container_div_close" and opened:
            inner = opened.pop()
            if token.markup or not opened or not inner.map or not opened[-1].map:
                continue
            outer = opened[-1]
            # ended with the box around it where its fence is as long as that one's (a box
            # of a shorter fence inside, left open, ends with it harmlessly); a slide inside
            # another is the deck's to tell
            if len(inner.markup) < len(outer.markup) or "slide" in _box_name(inner.info):
                continue
            return outer.map[0], _box_name(outer.info), inner.map[0], _box_name(inner.info)
    return None


def _box_name(info: str) -> str:
    """A box as its opening line names it: its classes (".callout .takeaway"), or its word
    ("notes"), the same in every audience and language (not its title)."""
    written = re.sub(r"[\w-]+\s*=\s*(?:\"[^\"]*\"|'[^']*'|\S+)", " ", info.strip())
    classes = re.findall(r"(?:^|[\s{])(\.[\w-]+)", written)
    if classes:
        return " ".join(classes)
    return written.strip(" {}").split(" ")[0] if written.strip(" {}") else "box"


def parse(
    markdown: str, source: str = "intermediate document", warned: list[Slip] | None = None
) -> Document:
    """Parse intermediate Markdown into a :class:`Document`; bad front matter is a ContentError.
    ``warned`` receives what the template that wrote it most likely wrote by mistake, which
    would be left out without a word (see :func:`_template_slips`)."""
    crowded = too_many_brackets(markdown, MAX_DOCUMENT_PARTS)
    if crowded is not None and crowded[1] == "parts":
        raise ContentError([_document_too_large(source, f"more than {MAX_DOCUMENT_PARTS:,}")])
    if crowded is not None:
        raise ContentError(
            [Problem(Location(source, crowded[0] + 1), *brackets_problem(*crowded[1:]))]
        )
    unbroken = unbroken_problem(markdown)
    if unbroken is not None:  # the template wrote it: time to lay it out grows with its square
        raise ContentError([Problem(Location(source, unbroken[0] + 1), *unbroken[1:])])
    too_long = paragraph_problems(markdown, scale=2)
    if too_long:  # as the content's were counted: the template wrote, or joined, them
        raise ContentError([Problem(Location(source, n + 1), m, h) for n, m, h in too_long])
    tokens = _MD.parse(spaced_links(markdown))
    if len(tokens) > MAX_TOKENS:
        raise ContentError([_document_too_large(source, f"about {len(tokens) // 3:,}")])
    meta: dict[str, Any] = {}
    if tokens and tokens[0].type == "front_matter":
        meta = _front_matter(tokens[0].content, source)
    cut = _cut_short(tokens)
    if cut is not None:
        raise ContentError([Problem(Location(source, cut + 1), *_TOO_DEEP)])
    unclosed = unclosed_box(tokens, markdown.split("\n"))
    if unclosed is not None:  # (a module's own boxes are checked as it is read)
        line, opening = unclosed
        raise ContentError(
            [
                Problem(
                    Location(source, line + 1),
                    f"the box '{opening[:60]}' is never closed, so everything after it would "
                    "be inside it",
                    "close it with a ':::' line (as long as its opening one) in the template "
                    "that writes it; materials-gen show prints the document, line by line",
                )
            ]
        )
    both = box_closed_with_another(tokens)
    if both is not None:
        outer, opening, _, within = both
        raise ContentError(
            [
                Problem(
                    Location(source, outer + 1),
                    f"the box '{opening[:60]}' holds the box '{within[:60]}' opened after "
                    "it, and one ':::' line closes both: one of them has no ':::' of its "
                    "own, so the second is printed inside the first",
                    "close each box with a ':::' line of its own (as long as its opening "
                    "one): the first before the second opens if they follow each other; "
                    "a box meant to hold another opens and closes with a longer fence "
                    "(':::: outer' ... '::::'). materials-gen show prints the document, "
                    "line by line",
                )
            ]
        )
    bad = [
        Problem(Location(source, token.map[0] + 1 if token.map else 0), message, hint)
        for token in tokens
        if token.type == "container_div_open"
        for message, hint in attr_problems(token.info)
    ]
    if bad:
        raise ContentError(bad)
    lines = markdown.split("\n")
    for token in tokens:  # a table's separator row: the widths it draws, if any
        if token.type == "table_open" and token.map and token.map[0] + 1 < len(lines):
            token.meta["widths"] = _separator_widths(lines[token.map[0] + 1])
    try:
        tree = _tree(tokens)
    except _TooDeepInline as exc:
        raise ContentError(
            [
                Problem(
                    Location(source, exc.line),
                    f"bold, italic, links or struck text are nested more than "
                    f"{MAX_INLINE_NESTING} deep here",
                    "look for a run of '*', '_', '[' or '~' that opens more than it closes",
                    quote="",
                )
            ]
        ) from None
    if warned is not None:
        warned.extend(_template_slips(tokens, meta))
    return Document(meta=meta, blocks=_blocks(tree))


class Slip(NamedTuple):
    """What a template wrote that no output reads, and how a template line writing it
    reads (told at that line: see edition.Edition.slips)."""

    written: re.Pattern[str]
    message: str
    hint: str


def _template_slips(tokens: Sequence[Token], meta: dict[str, Any]) -> list[Slip]:
    """What a template wrote that no output reads: a front matter field of another name
    (``titel:``: the handout had no title) and a box's kind or attribute materials-gen does
    not know (``::: calout``: its text printed bare)."""
    from .errors import did_you_mean
    from .meta import FIELDS

    found: list[Slip] = []
    for key in meta:
        if str(key) in FIELDS:
            continue
        found.append(
            Slip(
                re.compile(rf"^\s*{re.escape(str(key))}\s*:"),
                f"the front matter's '{key}' is not a field any output reads: it is left out",
                did_you_mean(str(key), sorted(FIELDS))
                or f"the fields are {', '.join(sorted(FIELDS))}",
            )
        )
    for _, name, attribute, message, hint in _box_warnings(tokens, TEMPLATE_ATTRIBUTES):
        word = re.escape(name)
        named = rf"(?<![\w-]){word}\s*=" if attribute else rf"(?<![\w-])\.?{word}(?![\w-])"
        found.append(Slip(re.compile(rf"^\s*:{{3,}}.*{named}"), message, hint))
    return found


# What Markdown may read as a mark in a line of text (a backslash escapes any of them)
MARKS = "\\`*_[]<>~&!"


@lru_cache(maxsize=256)
def inline_markdown(text: str) -> tuple[Inline, ...]:
    """A one-line text given in an attribute (a box's title: ``::: {.activity title="Sort
    *the* cards"}``) as Markdown reads it inline: bold, italic, links and code, as in the
    headings and slides that show the same text; never a list or a heading. Nested past
    :data:`MAX_INLINE_NESTING`, it is its own words."""
    try:
        nodes = _tree(_MD.parseInline(text), 1)
    except _TooDeepInline:
        return (Text(text),)
    return tuple(i for node in nodes for i in _inlines(node)) if nodes else ()


def plain(inlines: tuple[Inline, ...]) -> str:
    """The text of some inlines without markup (for bookmarks, metadata, measurements)."""
    parts: list[str] = []
    for node in inlines:
        if isinstance(node, (Text, Code)):
            parts.append(node.text)
        elif isinstance(node, LineBreak):
            parts.append(" ")
        elif isinstance(node, Picture):
            parts.append(node.alt)
        else:
            parts.append(plain(node.children))
    return "".join(parts)
