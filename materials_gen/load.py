"""Stage 1, load: project folder -> raw content that remembers where every value came from.

YAML gives the structure and Markdown the prose. Every mapping key and list item keeps its
file, line and column (in :attr:`SourceDoc.marks`), so that later stages can point a trainer
at the exact line of a mistake. Nothing here judges the content; that is ``validate``'s job.
Text is cleaned on the way in (byte-order mark, Windows line endings, and what text pasted
from Word brings: manual line breaks, tabs, zero-width spaces; see ``pasted.py``), once, so
that every output shows the same text and no output library trips over invisible characters.
"""

from __future__ import annotations

import bisect
import datetime as dt
import os
import re
import shlex
import stat
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import (
    ContentError,
    Location,
    Problem,
    example_audience,
    example_audiences,
    line_at,
    use_example_audiences,
)
from .images import spaced_picture
from .pasted import (
    LINE_BREAK,
    ListLines,
    paragraph_problems,
    pasted_lists,
    tidy_line,
    tidy_value,
    unbroken_problem,
    without_bullet,
    word_bullet,
)
from .walk import left_alone
from .yaml_messages import (
    LOOK_ALIKE_DASHES,
    Slip,
    cut_at_hash,
    explain,
    folded_item,
    text_left,
)

Path_ = tuple[str | int, ...]

# What PyYAML reads in place of a manual line break: PyYAML takes U+2028 for the end of a
# line (which would cut a value and shift every line number after it), so the break rides
# through the parser as this format character, which ``pasted`` removes from every loaded text
# and so cannot be in a text for any other reason.
_BREAK_IN_YAML = "\ufffb"
# Code points that are no character at all: lone surrogates and Unicode's noncharacters.
NOT_TEXT = re.compile(
    "[\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"\\U{plane:04X}FFFE\\U{plane:04X}FFFF" for plane in range(17))
    + "]"
)


@dataclass(frozen=True)
class SourceDoc:
    """A parsed YAML document and the position of each key and item in it."""

    file: str
    data: Any
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict, compare=False)
    line_offset: int = 0
    # the source text of numbers and dates, so that 'version: 1.10' stays "1.10", not 1.1
    written: dict[Path_, str] = field(default_factory=dict, compare=False)
    # what follows a '#' on the line of a key given nothing ('primary: #1F4E79': YAML reads a
    # comment, and the colour meant is lost), to tell the trainer to quote it
    comments: dict[Path_, str] = field(default_factory=dict, compare=False)
    # the words YAML reads as yes/no or as nothing, as typed ('yes', 'Off', '~', 'null'), so
    # that a message says what the trainer wrote, not Python's True or None
    words: dict[Path_, str] = field(default_factory=dict, compare=False)
    # the lines of a plain text that start with a look-alike of a list's '-' ("• Calm
    # rooms"), each as (line, column, mark, the text after it): a list the trainer meant,
    # which YAML read as text
    bulleted: dict[Path_, tuple[tuple[int, int, str, str], ...]] = field(
        default_factory=dict, compare=False
    )
    # a one-word key on a line that may be a line of the text above it that lost its
    # indentation ("Note: bring water" under `notes: |`): what to say of it, where the key
    # is none the place has (else it is the setting it says, "takeaway:")
    left: dict[Path_, Slip] = field(default_factory=dict, compare=False)
    # the file line of the first line of each text written as a literal block (`notes: |`):
    # its lines are the file's, one for one, so a place in it has a line of its own
    literal: dict[Path_, int] = field(default_factory=dict, compare=False)
    # the file line of each '[[' of a text written over several lines (folded, or plain
    # and wrapped), in order: a mark to fill in is told at its own line, not its key's
    openings: dict[Path_, tuple[int, ...]] = field(default_factory=dict, compare=False)

    def location(self, path: Path_ = ()) -> Location:
        """The closest known position for ``path``, walking up to the parent if needed."""
        path = tuple(path)
        while path and path not in self.marks:
            path = path[:-1]
        line, col = self.marks.get(path, (1, 1))
        return Location(self.file, line, col)


@dataclass(frozen=True)
class BodyBlock:
    """A run of Markdown from a module body, with the audience fences that enclose it."""

    text: str
    line: int
    conditions: tuple[tuple[str, ...], ...] = ()
    condition_lines: tuple[int, ...] = ()


@dataclass(frozen=True)
class RawModule:
    """A module file: YAML front matter plus a Markdown body."""

    id: str
    front: SourceDoc
    body: tuple[BodyBlock, ...]


@dataclass(frozen=True)
class RawProject:
    root: Path
    course: SourceDoc
    modules: dict[str, RawModule]
    tables: dict[str, SourceDoc]
    warnings: tuple[Problem, ...] = ()
    # a translation's texts printed in its source's language (see translations.source_texts)
    source_words: tuple[str, ...] = ()
    # the words (folded) of the texts the translation gives in its own words: a one-word
    # text of the source's that is one of them is not told apart (glyphs.language_of)
    own_words: tuple[str, ...] = ()
    # of a translation: what of each field each file gives (see translations.origins_of)
    origins: Mapping[str, Mapping[str, str]] = field(default_factory=dict, compare=False)


class _Problems:
    """Collects problems while loading goes on, so all are reported together; each is
    kept once (a part repeated through an alias is said once), looked up in a set, so
    tens of thousands of them cost no more than their number."""

    def __init__(self) -> None:
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self._seen: set[Problem] = set()

    def _add(self, problem: Problem, into: list[Problem]) -> None:
        if problem not in self._seen:
            self._seen.add(problem)
            into.append(problem)

    def error(self, location: Location | None, message: str, hint: str = "") -> None:
        self._add(Problem(location, message, hint), self.errors)

    def warn(self, location: Location | None, message: str, hint: str = "") -> None:
        self._add(Problem(location, message, hint, severity="warning"), self.warnings)

    def note(self, location: Location | None, message: str, hint: str = "") -> None:
        """Something to know that is no mistake (``--strict`` does not fail on it)."""
        self._add(Problem(location, message, hint, severity="info"), self.warnings)


def relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def read_text(path: Path, root: Path, problems: _Problems) -> str | None:
    """Read a text file as a trainer's editor wrote it: UTF-8, any line ending, maybe a BOM.

    Only a regular file inside ``root`` is read (a link may lead elsewhere in the project,
    never out of it), and only up to :data:`MAX_FILE_BYTES`, so that a shared project cannot
    make a build read another folder's files, wait on a pipe or fill the memory.
    """
    name = relative(path, root)
    raw = _raw(path, root, problems)
    if raw is None:
        return None
    saved = _saved_as(raw)
    if saved is not None:
        problems.error(
            Location(name, 1),
            f"the file is {saved}, not plain text",
            "open it in the program that made it and save it as plain text (in Word: Save As, "
            "Plain Text, encoding UTF-8), then give it this name; or copy its text into a "
            "plain-text editor",
        )
        return None
    encoding = utf16_of(raw) or "utf-8-sig"
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = line_at(raw, exc.start)
        problems.error(
            Location(name, line),
            f"the file is not {'UTF-16' if encoding.startswith('utf-16') else 'UTF-8'} text "
            f"(byte 0x{raw[exc.start]:02x})",
            "save it as UTF-8 (in most editors: Save As, Encoding: UTF-8)",
        )
        return None
    return tidy_text(text, name, problems)


# What a document saved in a word processor's own format starts with, named a content file
# (a module saved from Word as "intro.md"): told as such, not "not UTF-8 text (byte 0xfe)"
# or "a module file must start with YAML front matter"
_DOCUMENTS = (
    (b"PK\x03\x04", "a Word document or another program's own file (.docx, .odt, .pages)"),
    (b"\xd0\xcf\x11\xe0", "a Word 97-2003 document (.doc)"),
    (b"{\\rtf", "a Rich Text document (.rtf)"),
    (b"%PDF-", "a PDF"),
)


def _saved_as(raw: bytes) -> str | None:
    """What a content file is when it is a document of a word processor's own format."""
    start = raw.removeprefix(b"\xef\xbb\xbf")[:8]
    return next((what for mark, what in _DOCUMENTS if start.startswith(mark)), None)


def utf16_of(raw: bytes) -> str | None:
    """The UTF-16 a file is saved in (Windows Notepad's "Unicode", PowerShell's default):
    with its byte-order mark, "utf-16"; without one, by the zero bytes every other byte of
    text in a Latin script is ("utf-16-le" or "utf-16-be"), which UTF-8 text never holds (read
    as UTF-8, such a file was a hundred warnings of removed control characters); else None."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    start = raw[:400]
    if len(start) < 4 or len(start) % 2 and len(raw) <= 400:
        return None
    pairs = len(start) // 2
    if start[1::2].count(0) >= pairs * 0.4 and not start[0::2].count(0):
        return "utf-16-le"
    if start[0::2].count(0) >= pairs * 0.4 and not start[1::2].count(0):
        return "utf-16-be"
    return None


def text_of(raw: bytes) -> str:
    """A content file's bytes as text, as :func:`read_text` reads them but never refused
    (a byte that is no character: U+FFFD), for what copies or compares them."""
    return raw.decode(utf16_of(raw) or "utf-8", errors="replace")


def tidy_text(text: str, name: str, problems: _Problems) -> str:
    """Decoded text as content is read (see :func:`read_text`): any line ending as a newline,
    composed characters (NFC), invisible control characters and pasted tabs removed or made
    spaces (warned of), characters that cannot be shown reported; a byte-order mark left by
    a decoder that kept it, dropped."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    lines = text.split("\n")
    if name.endswith(".md") and "\t" in text:
        _tabbed_tables(lines, name, problems)
    for lineno, line in enumerate(lines, start=1):
        odd = NOT_TEXT.search(line)
        if odd:
            problems.error(
                Location(name, lineno, odd.start() + 1),
                f"U+{ord(odd.group()):04X} is not a character that can be shown or printed",
                "delete it; it often comes from a file saved in another encoding",
            )
        if line.isascii() and "\t" not in line and line.isprintable():
            continue
        lines[lineno - 1], removed = tidy_line(line)
        if removed is not None:
            problems.warn(
                Location(name, lineno, removed.index + 1),
                removed.said,
                "this often comes from text pasted from another program",
            )
    return "\n".join(lines)


# a line of a table pasted from Word or a spreadsheet as text: cells parted by tabs
_TABBED = re.compile(r"\S\t+\S")


def _tabbed_tables(lines: list[str], name: str, problems: _Problems) -> None:
    """Warn of each run of two or more lines of a Markdown file's text with tabs between
    words: a table pasted as text, which prints run together as one paragraph (its tabs
    are spaces once read). The front matter is YAML, and not looked at."""
    start = 0
    if lines and _FRONT.match(lines[0]):
        ends = (n for n, line in enumerate(lines[1:], 1) if _FRONT_END.match(line))
        start = next(ends, len(lines)) + 1
    run: list[int] = []
    for number in range(start, len(lines) + 1):
        if number < len(lines) and _TABBED.search(_without_mark(lines[number])):
            run.append(number)
            continue
        if len(run) >= 2:
            problems.warn(
                Location(name, run[0] + 1),
                f"these {len(run)} lines look like a table pasted with tabs between its "
                "cells: they print run together, as one paragraph",
                "write it as a Markdown table: a | Name | Role | header line, a |---|---| "
                "line under it, then one | ... | line for each row",
            )
        run = []


# the mark a list item pasted from Word starts with, and the tab after it: "•<tab>",
# "1.<tab>", "a)<tab>", "(3)<tab>", "–<tab>"
_PASTED_MARK = re.compile(r"^[ \t]*(?:[^\w\s]|o|\(?(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{2,4})[.)])\t+")


def _without_mark(line: str) -> str:
    """A line of a module's text without the list mark and tab Word pastes before an item:
    a tab there is the list's, not a table's."""
    return _PASTED_MARK.sub("", line, count=1)


def _too_big(size: int) -> tuple[str, str]:
    return (
        f"the file is {size / 1024 / 1024:.1f} MB; a content file can be at most "
        f"{MAX_FILE_BYTES // 1024 // 1024} MB",
        "split it into several files (e.g. one module per topic)",
    )


# Limits that keep loading fast and small whatever a file holds (documented in the README).
MAX_FILE_BYTES = 2 * 1024 * 1024  # one content or theme file
MAX_NESTING = 40  # lists and 'key: value' sets inside one another, aliases followed
MAX_VALUES = 500_000  # keys and values in one YAML file, each alias counted as what it repeats

_CORE = "tag:yaml.org,2002:"
# The tags a plain YAML file can carry: anything else (``!foo``, ``!!python/...``,
# ``!!binary``, ``!!set``) is refused rather than guessed at.
_SCALAR_TAGS = {
    _CORE + "str": yaml.SafeLoader.construct_yaml_str,
    _CORE + "int": yaml.SafeLoader.construct_yaml_int,
    _CORE + "float": yaml.SafeLoader.construct_yaml_float,
    _CORE + "bool": yaml.SafeLoader.construct_yaml_bool,
    _CORE + "null": yaml.SafeLoader.construct_yaml_null,
    _CORE + "timestamp": yaml.SafeLoader.construct_yaml_timestamp,
}
_MERGE = _CORE + "merge"
_INT = _CORE + "int"
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")  # a whole number as a person writes one
_FLOAT = _CORE + "float"
MAX_NUMBER = 40  # characters of a whole number YAML reads as one (a course's have a few)
_VALUE = _CORE + "value"  # YAML 1.1 reads a lone '=' this way; it is just text


class _Depth:
    """Stops composing at :data:`MAX_NESTING` before Python's own stack does (and notes the
    names given to texts, see :meth:`compose_node`).

    PyYAML builds nested lists by recursion, so ``[[[[...]]]]`` 10,000 deep would end in a
    RecursionError; counting the depth here stops it at the line where it goes too deep.
    """

    depth = 0

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node:
        """Also notes each text given a name (an ``&anchor``) and each name used (an
        ``*alias``): a name no alias uses is the start of a text YAML took for one."""
        event = self.peek_event()  # type: ignore[attr-defined]
        if isinstance(event, yaml.AliasEvent):
            self.aliased.add(event.anchor)
        elif isinstance(event, yaml.ScalarEvent) and event.anchor:
            self.named_texts.setdefault(event.anchor, event.start_mark)
        self.depth += 1
        try:
            if self.depth > MAX_NESTING:
                raise _TooDeep(self.peek_event().start_mark)  # type: ignore[attr-defined]
            return super().compose_node(parent, index)  # type: ignore[misc, no-any-return]
        finally:
            self.depth -= 1


class _Composer(_Depth, yaml.SafeLoader):
    """PyYAML's safe parser, written in Python: its error messages are the ones
    :mod:`yaml_messages` puts in a trainer's words."""


if getattr(yaml, "__with_libyaml__", False):
    from yaml._yaml import CParser

    class _FastComposer(_Depth, yaml.composer.Composer, CParser, yaml.resolver.Resolver):
        """The same nodes from libyaml's events, ten times faster: libyaml reads and splits the
        text, PyYAML's own composer (and :class:`_Depth`) builds the nodes. A text libyaml
        refuses is read again by :class:`_Composer` for its error."""

        def __init__(self, text: str) -> None:
            CParser.__init__(self, text)
            yaml.resolver.Resolver.__init__(self)
            yaml.composer.Composer.__init__(self)

        def compose_scalar_node(self, anchor: str | None) -> yaml.ScalarNode:
            node: yaml.ScalarNode = super().compose_scalar_node(anchor)
            node.style = node.style or None  # libyaml calls a plain scalar's style ''
            return node

else:  # pragma: no cover - PyYAML's wheels carry libyaml
    _FastComposer = _Composer  # type: ignore[misc, assignment]


class _TooDeep(Exception):
    def __init__(self, mark: yaml.Mark) -> None:
        super().__init__()
        self.mark = mark


def _compose(text: str) -> tuple[yaml.Node | None, list[Any]]:
    if "\t" in text or yaml.reader.Reader.NON_PRINTABLE.search(text):
        # where the two readers differ: libyaml lets a tab after a colon pass, and reads
        # some characters PyYAML refuses; PyYAML's reading (and its message) is kept
        return _compose_with(_Composer, text)
    try:
        return _compose_with(_FastComposer, text)
    except yaml.YAMLError:
        return _compose_with(_Composer, text)  # the error in the words yaml_messages knows


def _compose_with(composer: type[Any], text: str) -> tuple[yaml.Node | None, list[Any]]:
    """The document's node, and where each text given a name no alias uses starts."""
    loader = composer(text)
    loader.aliased, loader.named_texts = set(), {}
    try:
        node = loader.get_single_node()
    finally:
        loader.dispose()
    unused = [mark for name, mark in loader.named_texts.items() if name not in loader.aliased]
    return node, unused


def parse_yaml(text: str, file: str, problems: _Problems, line_offset: int = 0) -> SourceDoc | None:
    """Parse YAML keeping the line and column of every key and list item.

    Only plain data comes out: text, numbers, yes/no, dates, lists and 'key: value' sets.
    Tags, impossible dates, aliases that refer to themselves or repeat into millions of
    values, and nesting deeper than :data:`MAX_NESTING` are problems with a line number.
    """
    try:
        node, unused = _compose(text.replace(LINE_BREAK, _BREAK_IN_YAML))
    except _TooDeep as exc:
        problems.error(
            Location(file, exc.mark.line + 1 + line_offset, exc.mark.column + 1),
            f"lists and 'key: value' sets are nested more than {MAX_NESTING} deep here",
            "materials-gen content is never this deep: look for stray '[' or '{'",
        )
        return None
    except yaml.MarkedYAMLError as exc:
        # the line to change and how, in a trainer's words, counted from the top of the file
        for mark in (exc.problem_mark, exc.context_mark):
            if mark is not None:
                mark.line += line_offset
        slip = explain(exc, "\n" * line_offset + text)
        problems.error(Location(file, slip.line, slip.column), slip.message, slip.hint)
        return None
    except (yaml.YAMLError, ValueError) as exc:  # errors without a position
        problems.error(Location(file, 1 + line_offset), f"YAML error: {exc}")
        return None
    if node is None:
        return SourceDoc(file=file, data=None, marks={}, line_offset=line_offset)
    lines = text.split("\n")
    for mark in unused:  # "- &Co events": YAML names the text "Co" and keeps "events"
        written = lines[mark.line][mark.column :].strip() if mark.line < len(lines) else ""
        first = written.split()[0] if written else "&"
        problems.error(
            Location(file, mark.line + 1 + line_offset, mark.column + 1),
            f"'{first[:40]}' at the start of this text is read by YAML as a name for it (an "
            "anchor) and left out of it",
            f'put the whole text in quotes: "{written[:60]}"'
            if written
            else "put the whole text in quotes",
        )
    if unused:
        return None
    if not _measure(node, file, problems, line_offset):
        return None
    reader = _Reader(file, problems, line_offset, [""] * line_offset + text.split("\n"))
    data = reader.construct(node, ())
    return SourceDoc(
        file=file,
        data=data,
        marks=reader.marks,
        line_offset=line_offset,
        written=reader.written,
        comments=reader.comments,
        bulleted=reader.bulleted,
        words=reader.words,
        left=reader.left,
        literal=reader.literal,
        openings=reader.openings,
    )


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _measure(root: yaml.Node, file: str, problems: _Problems, offset: int) -> bool:
    """Refuse, before building anything, what aliases would make endless, deep or huge.

    PyYAML shares a node between every alias of it, so the node graph stays small even for
    the "billion laughs" bomb; its size once every alias is repeated is counted here, node by
    node, without repeating anything.
    """
    size: dict[int, int] = {}
    depth: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if finished:
            on_path.discard(key)
            children = _children(node)
            size[key] = 1 + sum(size[id(c)] for c in children)
            depth[key] = 1 + max((depth[id(c)] for c in children), default=0)
            continue
        if key in size:
            continue
        on_path.add(key)
        stack.append((node, True))
        for child in _children(node):
            if id(child) in on_path:
                problems.error(
                    Location(file, *_mark(child, offset)),
                    "this alias is used inside itself, so it would repeat for ever",
                    "an '*alias' can only repeat a part that is complete before it",
                )
                return False
            if id(child) not in size:
                stack.append((child, False))
    if size[id(root)] <= MAX_VALUES and depth[id(root)] <= MAX_NESTING:
        return True
    # point at the smallest part that is still too big: where the repeating happens
    node = root
    while True:
        bigger = [
            c for c in _children(node) if size[id(c)] > MAX_VALUES or depth[id(c)] > MAX_NESTING
        ]
        if not bigger:
            break
        node = bigger[0]
    where = Location(file, *_mark(node, offset))
    if len(size) > MAX_VALUES:
        problems.error(
            where,
            f"this file holds more than {MAX_VALUES:,} values",
            "split it into several files",
        )
    elif size[id(root)] > MAX_VALUES:
        problems.error(
            where,
            f"with its aliases repeated, this file would hold more than {MAX_VALUES:,} values",
            "write the content out instead of repeating it through '*alias' references",
        )
    else:
        problems.error(
            where,
            f"with its aliases followed, lists and sets are nested more than {MAX_NESTING} deep",
            "an '*alias' inside an '&anchor' inside another adds up; write the content out",
        )
    return False


def _mark(node: yaml.Node, offset: int) -> tuple[int, int]:
    return node.start_mark.line + 1 + offset, node.start_mark.column + 1


def _tag_name(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


# a line that starts with ':::' (a box's fence), and its indentation
_BOX_LINE = re.compile(r"(?m)^([ \t]*)(:{3,})")
# the YAML texts that hold paragraphs and lists of Markdown, as a module's body does
_BLOCK_FIELDS = frozenset({"notes", "instructions", "content_note"})


def _blocks(path: Path_) -> bool:
    """Whether ``path`` leads to a text of paragraphs and lists: speaker notes, an
    activity's instructions, a content note, an activity's card; one audience's text of
    them (``instructions: {clinical: ...}``) and an entry's (``- text: ...``) too."""
    pairs = zip(path, path[1:], strict=False)
    return any(part in _BLOCK_FIELDS for part in path if isinstance(part, str)) or any(
        part == "cards" and isinstance(after, int) for part, after in pairs
    )


# a key written as a list or a set ("? [a, b]", "[a, b]: text", "{a: 1}: text"), which YAML
# allows and no setting has
_COMPLEX_KEY = (
    "a '?' at the start of a line, or a '[' or '{' before the colon, makes the key a list "
    "or a set: write the setting's name before the colon (title: ...), and put a text "
    "that starts with '?', '[' or '{' in quotes"
)


def _entry(path: Path_) -> bool:
    """Whether ``path`` leads to a list entry's text (``- text`` or ``- text: ...``)."""
    return isinstance(path[-1], int) or (
        len(path) > 1 and path[-1] == "text" and isinstance(path[-2], int)
    )


class _Reader:
    """Builds plain Python values from a checked node graph, noting where each came from."""

    def __init__(
        self, file: str, problems: _Problems, offset: int, lines: list[str] | None = None
    ) -> None:
        self.file = file
        self.problems = problems
        self.offset = offset
        self.lines = lines or []
        self.marks: dict[Path_, tuple[int, int]] = {}
        self.written: dict[Path_, str] = {}
        self.comments: dict[Path_, str] = {}
        self.bulleted: dict[Path_, tuple[tuple[int, int, str, str], ...]] = {}
        self.words: dict[Path_, str] = {}
        self.left: dict[Path_, Slip] = {}
        self.literal: dict[Path_, int] = {}
        self.openings: dict[Path_, tuple[int, ...]] = {}

    def where(self, node: yaml.Node) -> Location:
        return Location(self.file, *_mark(node, self.offset))

    def opening_lines(self, node: yaml.Node) -> tuple[int, ...]:
        """The file line of each '[[' written in ``node``'s text, in order."""
        first, last = node.start_mark.line + self.offset, node.end_mark.line + self.offset
        found = []
        for index in range(first, min(last, len(self.lines) - 1) + 1):
            line = self.lines[index]
            if index == first:
                line = line[node.start_mark.column :]
            if index == last:
                line = line[: node.end_mark.column] if index != first else line
            found += [index + 1] * line.count("[[")
        return tuple(found)

    def unknown_tag(self, node: yaml.Node) -> None:
        self.problems.error(
            self.where(node),
            f"unknown YAML tag '{_tag_name(node.tag)}'",
            "materials-gen reads plain YAML: remove the tag, or put the text in quotes "
            "if it starts with '!'",
        )

    def construct(self, node: yaml.Node, path: Path_) -> Any:
        self.marks.setdefault(path, _mark(node, self.offset))
        if isinstance(node, yaml.MappingNode):
            if node.tag != _CORE + "map":
                self.unknown_tag(node)
                return None
            return self.mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _CORE + "seq":
                self.unknown_tag(node)
                return None
            return [self.construct(item, path + (i,)) for i, item in enumerate(node.value)]
        return self.scalar(node, path)

    def mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        merges: list[tuple[yaml.Node, yaml.Node]] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                merges.append((key_node, value_node))
                continue
            key = self.scalar(key_node, None) if isinstance(key_node, yaml.ScalarNode) else []
            if isinstance(key, (list, dict)):
                self.problems.error(self.where(key_node), "a key must be a word", _COMPLEX_KEY)
                continue
            if not isinstance(key, str):  # 'true:', 'null:', '1.10:': the key as typed
                key = key_node.value
            at = key_node.start_mark.line + self.offset  # (self.lines start at the file's top)
            left = text_left(self.lines, at) if key_node.style is None else None
            if left is not None and len(key.split()) > 1:
                # words and a colon, no key's name ("Walk through the agenda: briefly."): a
                # line of the text above that lost its indentation, read as a setting
                where = Location(self.file, left.line, left.column)
                self.problems.error(where, left.message, left.hint)
                continue
            if left is not None:  # one word ("Note: bring water"): told if no key here
                self.left[path + (key,)] = left
            if key in result:
                first = self.marks[path + (key,)]
                self.problems.error(
                    self.where(key_node),
                    f"`{key}:` is given twice in the same place (first on line {first[0]})",
                    "keep one of them; if this line starts a new item of a list, begin it "
                    "with '- '",
                )
                continue
            self.marks[path + (key,)] = _mark(key_node, self.offset)
            result[key] = self.construct(value_node, path + (key,))
            if result[key] is None and at < len(self.lines):
                line = self.lines[at]
                after = line[key_node.end_mark.column :].lstrip(" \t")
                if after.startswith(":") and after[1:].lstrip(" \t").startswith("#"):
                    # (up to a comment after it: "#1F4E79   # headings")
                    said = re.split(r"\s+#", after[1:].strip(), maxsplit=1)[0]
                    self.comments[path + (key,)] = said
        for key_node, value_node in merges:
            self.merge(key_node, value_node, path, result)
        return result

    def merge(
        self, key_node: yaml.Node, value_node: yaml.Node, path: Path_, result: dict[str, Any]
    ) -> None:
        """YAML's ``<<: *defaults``: keys written here win, then the first set merged."""
        sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
        if not sources or not all(isinstance(s, yaml.MappingNode) for s in sources):
            self.problems.error(
                self.where(key_node),
                "'<<' must be followed by a set of 'key: value' lines to merge here",
                "write e.g. '<<: *defaults' where '&defaults' names a set of 'key: value' lines",
            )
            return
        for source in sources:
            scratch = _Reader(self.file, self.problems, self.offset, self.lines)
            merged = scratch.construct(source, path)
            if not isinstance(merged, dict):
                continue
            for key, value in merged.items():
                if key in result:
                    continue
                result[key] = value
                inner = path + (key,)
                # what the merged text's reader noted of each value under the key
                for ours, theirs in (
                    (self.marks, scratch.marks),
                    (self.written, scratch.written),
                    (self.bulleted, scratch.bulleted),
                    (self.words, scratch.words),
                    (self.left, scratch.left),
                    (self.literal, scratch.literal),
                    (self.openings, scratch.openings),
                ):
                    for at, noted in theirs.items():
                        if at[: len(inner)] == inner:
                            ours.setdefault(at, noted)

    def scalar(self, node: yaml.Node, path: Path_ | None) -> Any:
        if node.tag == _VALUE or (
            node.tag in (_INT, _FLOAT)
            and (
                len(node.value) > MAX_NUMBER
                or ":" in node.value
                or (node.tag == _INT and not _DECIMAL.fullmatch(node.value))
            )
        ):
            # a "number" longer than any a course holds (0x and 3,600 digits, 59:59:...
            # in 200,000 groups) is text: PyYAML would build it digit by digit, slowly, into
            # a number no message could print; one written as a clock ("9:30", which YAML
            # 1.1 reads as 570, base 60) is text as written: a time or a length that a field
            # reads, or a message quotes, as the trainer wrote it; and so is a whole number
            # YAML 1.1 reads in another base ("045" as 37, octal; "0x10", "0b11") or with
            # "_": an approval number "012345" stays as written, and 'duration: 045' is a
            # mistake named at its line, never 37 minutes
            value: Any = node.value
        elif node.tag in _SCALAR_TAGS:
            try:
                value = _SCALAR_TAGS[node.tag](_SCALARS, node)
            except (ValueError, OverflowError, yaml.YAMLError) as exc:
                self.unreadable(node, exc)
                return node.value
        else:
            self.unknown_tag(node)
            return None
        if isinstance(value, str):
            if path is not None and node.style is None:
                self.note_bullets(node, path)
            if path is not None and node.style == "|":  # its text starts on the next line
                self.literal[path] = node.start_mark.line + self.offset + 2
            if path is not None and "[[" in value and node.end_mark.line > node.start_mark.line:
                self.openings[path] = self.opening_lines(node)
            slip = folded_item(node, self.lines, self.offset)
            if slip is not None:
                where = Location(self.file, slip.line, slip.column)
                self.problems.error(where, slip.message, slip.hint)
            slip = cut_at_hash(node, self.lines, self.offset)
            if slip is not None:
                where = Location(self.file, slip.line, slip.column)
                self.problems.warn(where, slip.message, slip.hint)
            if node.style == '"':
                self.folder_in_quotes(node)
            if path and _entry(path):  # "- •<tab>Text": the bullet pasted with the text,
                value = without_bullet(value)  # known by its tab before tabs are spaces
            if path and _blocks(path):
                if "\n" in value:  # Markdown, as a body is
                    value = pasted_lists(value)
                # a line of colons would open or close the box the text is printed in (a
                # card's, an activity's, the speaker notes'): it prints as typed instead
                value = _BOX_LINE.sub(r"\1\\\2", value)
            value = self.clean(node, value)
            if "![" in value:  # a picture named with a space, as in a module's body
                value = "\n".join(spaced_picture(line) for line in value.split("\n"))
            if node.style is None and _WORD_QUOTED.fullmatch(value):
                # version: “0.1” typed in a word processor: YAML keeps its quotes as text
                inner = value[1:-1].strip()
                self.problems.warn(
                    self.where(node),
                    f"this text is wrapped in a word processor's quotes ({_cut(value)}), "
                    "which YAML does not read as quotes: they are printed as part of it",
                    f'use straight quotes, "{_cut(inner)}", or none',
                )
            unbroken = unbroken_problem(value)
            too_long = [unbroken] if unbroken is not None else paragraph_problems(value)
            for offset, message, hint in too_long:  # at its own line of a block of several
                where = self.where(node)
                below = offset + (1 if node.style in ("|", ">") else 0)
                line = (where.line or 1) + below
                at = Location(where.file, line, where.column if not below else None)
                self.problems.error(at, message, hint)
            if too_long:
                return ""
            return value
        number = isinstance(value, (int, float, dt.date)) and not isinstance(value, bool)
        if path is not None and node.style is None and number:
            self.written[path] = node.value  # e.g. 'version: 1.10' as the trainer wrote it
        elif path is not None and node.style is None and node.value and not number:
            self.words[path] = node.value  # 'yes', 'Off', '~': a yes/no or nothing, as typed
        return value

    def note_bullets(self, node: yaml.Node, path: Path_) -> None:
        """Note the lines of a plain text that start with a look-alike of a list's '-' (a
        bullet or a dash a word processor made of "- "), for the message of a field that
        takes a list (see SourceDoc.bulleted)."""
        start, end = node.start_mark, node.end_mark
        found = []
        for number in range(start.line, end.line + 1):
            at = number + self.offset
            if at >= len(self.lines):
                break
            line = self.lines[at]
            column = start.column if number == start.line else len(line) - len(line.lstrip())
            text = line[column:]
            if len(text) > 1 and text[0] in LOOK_ALIKE_DASHES and text[1].isspace():
                found.append((at + 1, column + 1, text[0], _cut(text[1:].strip(), 60)))
        if found:
            self.bulleted[path] = tuple(found)

    def folder_in_quotes(self, node: yaml.Node) -> None:
        """A Windows folder in double quotes ("S:\\new-staff\\forms"): there a backslash starts
        a special character, and "\\n", "\\f" or "\\t" became a line break, a page feed or a
        tab, the folder's letters lost without a word. Warned of, with single quotes."""
        start, end = node.start_mark, node.end_mark
        if start.line != end.line or start.line + self.offset >= len(self.lines):
            return
        written = self.lines[start.line + self.offset][start.column : end.column]
        bare = written.replace("\\\\", "")  # a backslash written as two is one
        if _FOLDER.search(written) and re.search(r"\\[0abtnvfreN_LP ]", bare):
            inner = written[1:-1].replace("'", "''")
            self.problems.warn(
                self.where(node),
                f"inside double quotes a backslash starts a special character, so the "
                f"folder in {_cut(written)} is printed with a line break or a tab in it, "
                "its letters lost",
                f"put it in single quotes: '{_cut(inner, 60)}'",
            )

    def unreadable(self, node: yaml.Node, exc: Exception) -> None:
        written = node.value if len(node.value) <= 40 else node.value[:40] + "..."
        if node.tag == _CORE + "timestamp":
            self.problems.error(
                self.where(node),
                f"'{written}' looks like a date, but there is no such day ({exc})",
                "write a real date as YYYY-MM-DD, e.g. 2026-02-28, or put text in quotes",
            )
            return
        kind = {"int": "a whole number", "float": "a number", "bool": "yes or no"}.get(
            node.tag[len(_CORE) :], "a value"
        )
        self.problems.error(
            self.where(node),
            f"'{written}' cannot be read as {kind}",
            "put the value in quotes if it is text",
        )

    def clean(self, node: yaml.Node, value: str) -> str:
        found = NOT_TEXT.search(value)
        if found:
            # only an escape such as "\ud800" gets here: a file cannot hold these
            self.problems.error(
                self.where(node),
                f"U+{ord(found.group()):04X} is not a character that can be shown or printed",
                "remove the escape (\\u... or \\U...) from the quoted text",
            )
            return NOT_TEXT.sub("", value)
        # a manual line break, a tab, a zero-width space, whether pasted or written as an
        # escape such as "\v", "\t" or "\u200b" in a quoted string (see pasted.py)
        value, removed = tidy_value(value.replace(_BREAK_IN_YAML, LINE_BREAK))
        value = without_comments(value)  # a text's comment hidden, as a module's text's
        if removed is not None:
            self.problems.warn(
                self.where(node),
                removed.said,
                "control characters cannot be printed or shown on a slide",
            )
        return value


_SCALARS = yaml.SafeLoader("")


_FRONT = re.compile(r"^---[ \t]*$")
# '---' as a word processor turns it: an em or en dash, or several (or a horizontal bar)
_DASHES_AS_LINE = re.compile(r"^[ \t]*[\u2012-\u2015\u2500\u2501-]{1,6}[ \t]*$")
_FRONT_END = re.compile(r"^(---|\.\.\.)[ \t]*$")
# the words after the colons are trimmed after matching (a lazy ".*?" before "\s*$" took
# time growing with the square of the spaces in a long line)
_FENCE_OPEN = re.compile(r"^(:{3,})\s*(\S.*)$")
_FENCE_CLOSE = re.compile(r"^(:{3,})\s*$")


# a Windows folder: a drive ("C:\\", "S:\\") or a share ("\\\\server")
_FOLDER = re.compile(r"(?<![A-Za-z])[A-Za-z]:\\|\\\\[A-Za-z]")


def _cut(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


# a whole text in curly quotes (“…”, ‘…’, „…“), as a word processor types them
_WORD_QUOTED = re.compile("[\u201c\u2018\u201e\u201a].+[\u201d\u2019\u201c]", re.S)
_TOP_HEADING = re.compile(r"^ {0,3}#(?:[ \t]|$)")  # "# Title": a heading of the top level
_AS_BIG = (
    "printed as large as a module's title and listed in the handout's contents as if it "
    "were a module"
)
_HASH_TOP = (
    f"a '#' heading inside a module is {_AS_BIG}",
    "use '##' (or '###') for a heading inside a module",
)
_UNDERLINED_TOP = (
    f"a heading underlined with '=' is a top-level heading, as '#' is: {_AS_BIG}",
    "underline it with '-' instead, or write it as '## ' and its words",
)
# "Title" over a line of "=": the same heading, written the other way Markdown allows
_TOP_UNDERLINE = re.compile(r"^ {0,3}=+[ \t]*$")
_NOT_TEXT_ABOVE = re.compile(r"^ {0,3}(?:#|:::|```|~~~|>|[-*+][ \t]|\d{1,9}[.)][ \t]|\|)")
_AUDIENCE_ATTR = re.compile(r"""^\{\s*audience\s*=\s*["']?([^"'}]*)(?:["']\s*)?\}$""")
# "audience=..." among a fence's other attributes ({.callout audience="clinical" title=...})
_AUDIENCE_AMONG = re.compile(r"""(?:^|(?<=[\s{]))audience\s*=\s*("[^"]*"|'[^']*'|[^\s}"']*)""")
# a fence further in than a module's own lines: in a list item or a quote, or indented
_INNER_FENCE = re.compile(r"^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(:{3,})[ \t]*(\S.*)$")
_CODE_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")


def split_front_matter(
    text: str, file: str, problems: _Problems
) -> tuple[SourceDoc | None, str, int]:
    """Split a Markdown file into its YAML front matter and body (and the body's first line)."""
    lines = text.split("\n")
    if not lines or not _FRONT.match(lines[0]):
        hint = "put '---' on the first line, the module's title and lists below it, then '---'"
        if lines and _DASHES_AS_LINE.match(lines[0]):  # a word processor's AutoCorrect
            hint = (
                f"the first line is '{lines[0].strip()}', dashes a word processor made of "
                "'---': type three hyphens (-) there, and on the line that ends the front "
                "matter (in Word, undo the AutoCorrect with Ctrl+Z right after typing them)"
            )
        problems.error(
            Location(file, 1),
            "a module file must start with YAML front matter between two '---' lines",
            hint,
        )
        return None, text, 1
    for end in range(1, len(lines)):
        if _FRONT_END.match(lines[end]):
            break
    else:
        problems.error(
            Location(file, 1),
            "the front matter that starts on line 1 is never closed",
            "add a line with '---' after the last front-matter line",
        )
        return None, "", 1
    front_text = "\n".join(lines[1:end])
    front = parse_yaml(front_text, file, problems, line_offset=1)
    body = "\n".join(lines[end + 1 :])
    return front, body, end + 2


# What the scan below looks at: a line that may open or close a code block (up to three
# spaces, then three backticks or tildes or more), a run of backticks (a code span's), the
# start of an HTML comment. Each alternative is bounded, so finding them all is linear.
_MARKS = re.compile(r"^[ \t]{0,3}(?:`{3,}|~{3,})|`+|<!--", re.M)
_FENCE_LINE = re.compile(r"[ \t]{0,3}(`{3,}|~{3,})")
_CLOSING_LINE = re.compile(r"[ \t]{0,3}(`{3,}+|~{3,}+)[`~]*+[ \t]*+$")  # (never tried twice)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def code_and_comments(text: str) -> list[tuple[int, int, str]]:
    """The code blocks, code spans and HTML comments of a Markdown ``text``, in order, as
    (start, end, "code" or "comment"): a block from its opening fence's line to its closing
    one (one never closed is none); a span from a run of backticks to the next run as long
    in its paragraph (one never closed is none: its backticks are text); a comment from
    ``<!--`` to the next ``-->``, with the blanks either side on its line (one never closed
    is none). Found in one pass, each mark looked at once, so that no text makes it slow:
    patterns tried at every unclosed mark took minutes over a paragraph of backticks or a
    file of unclosed comments."""
    found: list[tuple[int, int, str]] = []
    lines = _line_starts(text)
    closing = _closing_lines(text, lines)
    blanks = [m.start() for m in _BLANK_LINE.finditer(text)]
    runs: dict[int, list[int]] = {}  # backtick runs by length: their starts, in order
    for mark in re.finditer(r"`+", text):
        runs.setdefault(mark.end() - mark.start(), []).append(mark.start())
    seen: dict[int, int] = {}  # by length: how many of its runs are behind the scan
    comments_end = text.rfind("-->")  # no comment opened after the last "-->" closes
    at = 0
    for mark in _MARKS.finditer(text):
        if mark.start() < at:
            continue
        word = mark.group()
        if word == "<!--":
            if mark.start() + 4 > comments_end:
                continue
            close = text.find("-->", mark.start() + 4)
            begin = mark.start()
            while begin > at and text[begin - 1] in " \t":
                begin -= 1
            end = close + 3
            while end < len(text) and text[end] in " \t":
                end += 1
            found.append((begin, end, "comment"))
            at = end
            continue
        if word.lstrip(" \t")[:3] in ("```", "~~~") and _line_start(text, mark.start()):
            end = _fence_end(text, mark.start(), lines, closing)
            if end is not None:
                found.append((mark.start(), end, "code"))
                at = end
                continue
            if word.lstrip(" \t")[0] == "~":
                continue
        begin = mark.start() + len(word) - len(word.lstrip(" \t"))
        size = len(word) - (begin - mark.start())  # (the whole run: each pattern is greedy)
        end = _span_end(begin, size, runs, seen, blanks)
        if end is not None:
            found.append((begin, end, "code"))
            at = end
        else:
            at = begin + size  # its backticks are text
    return found


def _line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in re.finditer("\n", text))]


def _line_start(text: str, at: int) -> bool:
    return at == 0 or text[at - 1] == "\n"


@dataclass(frozen=True)
class _Closing:
    """The lines of a text that may close a code block with one mark (a backtick or a
    tilde): each line's index and how many of the mark it starts with, and the most any
    line from each on has."""

    lines: list[tuple[int, int]]
    most: list[int]


def _closing_lines(text: str, lines: list[int]) -> dict[str, _Closing]:
    """Each line that may close a code block, by its mark (see :class:`_Closing`)."""
    found: dict[str, list[tuple[int, int]]] = {"`": [], "~": []}
    for n, start in enumerate(lines):
        if text[start : start + 4].lstrip(" \t")[:1] not in ("`", "~"):
            continue
        end = text.find("\n", start)
        line = text[start : end if end >= 0 else len(text)]
        shape = _CLOSING_LINE.match(line)
        if shape is not None:
            marks = shape.group(1)
            found[marks[0]].append((n, len(marks)))
    out = {}
    for mark, each in found.items():
        most, after = [0] * len(each), 0
        for n in range(len(each) - 1, -1, -1):
            after = max(after, each[n][1])
            most[n] = after
        out[mark] = _Closing(each, most)
    return out


def _fence_end(text: str, at: int, lines: list[int], closing: dict[str, _Closing]) -> int | None:
    """Where the code block whose opening fence starts the line at ``at`` ends (after its
    closing fence's line, without its line break), or None when no line closes it: the
    first later line of as many of its marks or more (of fewer, down to three, where no
    later line has as many)."""
    opening = _FENCE_LINE.match(text, at)
    if opening is None:
        return None
    marks = opening.group(1)
    line = bisect.bisect_right(lines, at) - 1
    if line + 1 >= len(lines) or lines[line + 1] > len(text):  # no line break after it
        return None
    later = closing[marks[0]].lines
    first = bisect.bisect_right(later, (line, len(text) + 1))
    if first >= len(later):
        return None
    need = min(len(marks), closing[marks[0]].most[first])
    if need < 3:
        return None
    for at_line in range(first, len(later)):  # each looked at once: the block takes it in
        n, count = later[at_line]
        if count >= need:
            stop = text.find("\n", lines[n])
            return stop if stop >= 0 else len(text)
    return None


def _span_end(
    begin: int, size: int, runs: dict[int, list[int]], seen: dict[int, int], blanks: list[int]
) -> int | None:
    """Where a code span opened by ``size`` backticks at ``begin`` ends: after the next run
    of exactly as many in its paragraph (before a blank line), or None."""
    starts = runs.get(size, [])
    n = seen.get(size, 0)
    while n < len(starts) and starts[n] <= begin:
        n += 1
    seen[size] = n
    if n >= len(starts):
        return None
    paragraph = bisect.bisect_left(blanks, begin)
    limit = blanks[paragraph] if paragraph < len(blanks) else None
    if limit is not None and starts[n] > limit:
        return None
    return starts[n] + size


def code_blanked(text: str) -> str:
    """``text`` with its code (code blocks, code spans) made spaces, its line breaks kept:
    for the checks that look for what Markdown does not read (an HTML tag, a footnote),
    which in code is shown as written."""
    if "`" not in text and "~~~" not in text:
        return text
    parts, at = [], 0
    for start, end, what in code_and_comments(text):
        if what == "code":
            parts += [text[at:start], re.sub(r"[^\n]", " ", text[start:end])]
            at = end
    return "".join([*parts, text[at:]])


def without_comments(text: str) -> str:
    """``text`` without its HTML comments (``<!-- TODO: check these figures -->``), hidden in
    every Markdown viewer and so never printed; each gives way to its line breaks, so that
    the lines after it keep their numbers. One left open is left as written, and one inside
    code (a code block, a `code span`) is code to show, kept."""
    if "<!--" not in text:
        return text
    parts, at = [], 0
    for start, end, what in code_and_comments(text):
        if what == "comment":
            parts += [text[at:start], _gone(text[start:end])]
            at = end
    return "".join([*parts, text[at:]])


def _gone(comment: str) -> str:
    """What a comment (with the blanks either side of it) leaves: its line breaks, or one
    space between the words it stood between ("with <!-- a note --> care": one space)."""
    breaks = comment.count("\n")
    if breaks:
        return "\n" * breaks
    spaced = comment[:1] in " \t" and comment[-1:] in " \t"
    return " " if spaced else comment[: len(comment) - len(comment.lstrip(" \t"))]


def split_body(body: str, first_line: int, file: str, problems: _Problems) -> tuple[BodyBlock, ...]:
    """Cut a Markdown body into blocks at ``::: {audience="..."}`` fences (its HTML comments
    left out, see :func:`without_comments`).

    Fences of other kinds (callouts a trainer writes) are left in the Markdown untouched; the
    stack below only tracks them so that their closing ``:::`` is not taken for ours.
    """
    body = without_comments(body)
    blocks: list[BodyBlock] = []
    # (is_audience, audiences, line, also a box: its ":::" is kept in the text)
    stack: list[tuple[bool, tuple[str, ...], int, bool]] = []
    # the boxes Markdown reads (an audience fence alone is taken out of the text): the
    # length of each one's fence, and its line
    boxes: list[tuple[int, int]] = []
    current: list[str] = []
    current_line = first_line
    in_code: str | None = None
    code_line = 0

    def flush(next_line: int) -> None:
        nonlocal current, current_line
        joined = "\n".join(current)
        text = joined.strip("\n")
        skipped = len(joined) - len(joined.lstrip("\n"))  # blank lines before the text
        if text.strip():
            audience_frames = [(aud, ln) for is_aud, aud, ln, _ in stack if is_aud]
            blocks.append(
                BodyBlock(
                    text=text,
                    line=current_line + skipped,
                    conditions=tuple(a for a, _ in audience_frames),
                    condition_lines=tuple(ln for _, ln in audience_frames),
                )
            )
        current = []
        current_line = next_line

    body_lines = body.split("\n")
    read = ListLines.of(body_lines)  # list items, pasted from Word or not (see pasted.py)

    for offset, line in enumerate(body_lines):
        lineno = first_line + offset
        code = _CODE_FENCE.match(line)
        if in_code is not None:
            if code and code.group(1)[0] == in_code[0] and len(code.group(1)) >= len(in_code):
                in_code = None
            current.append(line)
            continue
        if code:
            in_code, code_line = code.group(1), lineno
            current.append(line)
            continue
        opened = _FENCE_OPEN.match(line)
        if opened and not _FENCE_CLOSE.match(line):
            attrs = opened.group(2).rstrip()
            if attrs.startswith("{") and not attrs.endswith("}"):
                # read as no box at all: its title and its kind gone, its text loose
                problems.error(
                    Location(file, lineno),
                    "this box's attributes start with '{' but the line does not end with '}'",
                    "end the line with '}', e.g. ::: {.callout title=\"Remember\"}",
                )
            attr = _AUDIENCE_ATTR.match(attrs)
            unreadable = False
            twice = len(_AUDIENCE_KEY.findall(attrs)) > 1  # the last would be read alone
            try:
                if twice:
                    raise ValueError(attrs)
                among = None if attr else _audience_among(attrs)
            except ValueError:
                problems.error(
                    Location(file, lineno),
                    "this fence gives 'audience' twice: one would be read, the other left out"
                    if twice
                    else "this fence seems to name an audience, but its attributes cannot be read",
                    "name every audience in one, e.g. "
                    f'::: {{audience="{" ".join(example_audiences())}"}}'
                    if twice
                    else f'write e.g. ::: {{.callout audience="{example_audience()}" '
                    "title=\"Remember\"}, with no space around '='",
                )
                among, unreadable = ("", ""), True
            if attr or among:
                flush(lineno + 1)
                listed = attr.group(1) if attr else among[0]  # type: ignore[index]
                names = tuple(n for n in re.split(r"[\s,]+", listed.strip().strip("'\"")) if n)
                if not names and not unreadable:
                    problems.error(
                        Location(file, lineno),
                        "this audience fence names no audience",
                        f'write e.g. ::: {{audience="{example_audience()}"}}',
                    )
                boxed = bool(among and among[1])
                stack.append((True, names, lineno, boxed))
                if boxed:  # the box itself, without its audience
                    current.append(f"{opened.group(1)} {among[1]}")  # type: ignore[index]
                    boxes.append((len(opened.group(1)), lineno))
                continue
            stack.append((False, (), lineno, False))
            boxes.append((len(opened.group(1)), lineno))
            current.append(line)
            continue
        if _FENCE_CLOSE.match(line) and not stack:
            # printed as text otherwise; and the text above it was perhaps meant for one
            # audience, its opening line deleted
            problems.error(
                Location(file, lineno),
                f"this '{line.strip()}' closes nothing: no box or audience fence is open above it",
                "if the text above it is for one audience, put back the line that opens its "
                f'fence where that text starts (::: {{audience="{example_audience()}"}}); '
                "else remove this line",
            )
            continue
        if _FENCE_CLOSE.match(line) and stack:
            is_audience, _, _, boxed = stack[-1]
            if boxed or not is_audience:
                _closes_the_box_around(boxes, len(line.strip()), file, lineno, problems)
            if is_audience:
                if boxed:
                    current.append(line)
                flush(lineno + 1)
                stack.pop()
                continue
            stack.pop()
            current.append(line)
            continue
        inner = _INNER_FENCE.match(line) if "audience" in line else None
        if inner and _AUDIENCE_AMONG.search(inner.group(2)):
            problems.error(
                Location(file, lineno),
                "an audience fence must start at the beginning of its line: inside a list "
                "item, a quote or an indented block it would be shown to every audience",
                "put the fence at the start of a line, around the whole list or quote "
                "(copy the parts every audience sees above or below it)",
            )
        above = current[-1] if current else ""
        underlined = (
            _TOP_UNDERLINE.match(line)
            and above.strip()
            and not _NOT_TEXT_ABOVE.match(above)
            and not _TOP_UNDERLINE.match(above)
        )
        if underlined:
            problems.warn(Location(file, lineno - 1), *_UNDERLINED_TOP)
        elif _TOP_HEADING.match(line):
            problems.warn(Location(file, lineno), *_HASH_TOP)
        if read.breaks_before(offset) and current and not current[-1].rstrip().endswith("\\"):
            current[-1] = current[-1].rstrip() + "\\"  # a Markdown line break
        boxed = any(box for *_, box in stack)  # (inside a box the text stays as written)
        if not boxed and read.new_paragraph(offset):
            # a paragraph right after a list item's line, not indented under it: its own,
            # as Word pastes it and a trainer writes it, not more of the item's text
            flush(lineno)
        # "•<tab>Text" pasted from Word: a list item; a picture named with a space
        current.append(spaced_picture(word_bullet(line)))
    flush(first_line)
    if in_code is not None:
        problems.error(
            Location(file, code_line),
            f"this code block ('{in_code}') is never closed, so the rest of the module would "
            "be printed as code, audience fences and all",
            f"end the code block with a line of '{in_code}'; for a dividing line, write '---'",
        )
    for is_audience, _, ln, _ in stack:
        if is_audience:
            problems.error(
                Location(file, ln),
                "this audience fence is never closed",
                "add a line with ':::' where the audience-only text ends",
            )
        else:  # the rest of the module, and the boxes the templates add after it, inside
            problems.error(
                Location(file, ln),
                "this box is never closed, so everything after it (the rest of the module, "
                "and the key points and takeaway the handout adds) would be inside it",
                "add a line with ':::' where the box ends",
            )
    return tuple(blocks)


def _closes_the_box_around(
    boxes: list[tuple[int, int]], length: int, file: str, lineno: int, problems: _Problems
) -> None:
    """A box's closing ``length`` colons at ``lineno``, told when they close a box around
    it too (and the box itself is popped from ``boxes``). Markdown ends a box at the first
    line of at least as many colons as its opening: a box inside another with a fence as
    long (``:::`` in ``:::``) or longer was ended with it, and the rest of the outer box
    printed outside it, its last ``:::`` as text."""
    inner = boxes.pop() if boxes else None
    around = next(((n, at) for n, at in boxes if n <= length), None)
    if inner is None or around is None:
        return
    problems.error(
        Location(file, inner[1]),
        f"this box is inside the box opened at line {around[1]}, and its closing line "
        f"(line {lineno}) closes that one too: what follows it would print outside both",
        "give the box around it a longer fence than the one inside, e.g. ':::: {.callout}' "
        "and '::::' around '::: {.activity}' and ':::'; or close the first box before the "
        "second opens",
    )


_AUDIENCE_KEY = re.compile(r"(?<![\w-])audience\s*=")


def _audience_among(attrs: str) -> tuple[str, str] | None:
    """``audience=...`` among a fence's other attributes (``{.callout audience="clinical"
    title="For clinicians"}``): the audiences named, and the attributes without them ("" when
    none is left); None when the fence names no audience. ValueError when it seems to name
    one in a way the attributes cannot be read (``audience = "x"`` with spaces), so that the
    text is never taken for every audience's."""
    if "audience" not in attrs or not attrs.startswith("{") or not attrs.endswith("}"):
        return None
    if not _AUDIENCE_AMONG.search(attrs):
        return None
    from .document import parse_attrs

    classes, found = parse_attrs(attrs)
    if "audience" not in found:
        raise ValueError(attrs)
    names = found.pop("audience")
    words = [f".{c}" for c in classes]
    if "id" in found:
        words.append(f"#{found.pop('id')}")
    for key, value in found.items():
        words.append(f'{key}="{_quoted(value)}"')
    return names, "{" + " ".join(words) + "}" if words else ""


def _quoted(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')


def read_bytes_in(path: Path, root: Path) -> bytes:
    """The bytes of ``path``, a file of the project ``root``, read as loading reads one (see
    :func:`_raw`); ContentError naming the file when it cannot be."""
    problems = _Problems()
    raw = _raw(path, root, problems)
    if raw is None:
        raise ContentError(problems.errors)
    return raw


def _raw(path: Path, root: Path, problems: _Problems) -> bytes | None:
    """The bytes of a regular file inside ``root`` (a link may lead elsewhere in the project,
    never out of it), at most :data:`MAX_FILE_BYTES`: a shared project cannot make
    materials-gen read another folder's files, wait on a pipe or fill the memory."""
    name = relative(path, root)
    if not _inside(path, root):
        linked = _linked_folder(path, root)
        if linked is not None:  # told once for the folder, not for each file in it
            problems.error(
                Location(relative(linked, root)),
                "this folder links to a place outside the project",
                "copy the folder into the project instead of linking to it",
            )
            return None
        problems.error(
            Location(name),
            "this file links to a place outside the project",
            "copy the file into the project instead of linking to it",
        )
        return None
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            problems.error(Location(name), "this is not a regular file", "replace it with a file")
            return None
        if info.st_size > MAX_FILE_BYTES:
            problems.error(Location(name), *_too_big(info.st_size))
            return None
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        problems.error(Location(name), f"cannot read the file: {exc.strerror or exc}")
        return None
    if len(raw) > MAX_FILE_BYTES:  # it grew while being read
        problems.error(Location(name), *_too_big(len(raw)))
        return None
    return raw


def _linked_folder(path: Path, root: Path) -> Path | None:
    """The outermost folder of the project above ``path`` that is a link out of it (a
    translation's folder linked to another project's), or None."""
    found = None
    for folder in path.parents:
        if folder == root or not folder.is_relative_to(root):
            break
        if folder.is_symlink() and not _inside(folder, root):
            found = folder
    return found


def _inside(path: Path, root: Path) -> bool:
    """Whether ``path``, with every link followed, is inside ``root``."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a link that leads to itself
        return False


def file_id(path: Path) -> str:
    """The id a module or table file gives: its name without the extension, its letters
    composed (a Mac may write "café.md" as "cafe" and an accent; course.yaml lists "café")."""
    return unicodedata.normalize("NFC", path.stem)


def _texts(
    folder: Path, pattern: str, root: Path, problems: _Problems
) -> Iterator[tuple[Path, str, str]]:
    """Each readable text file in ``folder`` as (path, project-relative name, text): not one
    no trainer wrote or sees (see :func:`walk.left_alone`: a Word owner file ``~$intro.md``
    stopped the build, as a module without front matter)."""
    if not folder.is_dir():
        return
    os.listdir(folder)  # a folder the user may not look in: PermissionError, not "no files"
    for path in sorted(folder.glob(pattern)):
        if left_alone(path.name):
            continue
        name = relative(path, root)
        text = read_text(path, root, problems)
        if text is not None:
            yield path, name, text


def _project_above(folder: Path) -> Path | None:
    """The project a folder lies inside (its content/, modules/, tables/ or templates/), if
    one of the two folders above it holds content/course.yaml."""
    for parent in folder.parents[:2]:
        try:
            if (parent / "content" / "course.yaml").is_file():
                return parent
        except OSError:
            return None
    return None


def require_project(root: Path) -> None:
    """Raise ContentError unless ``root`` is a project (it has content/course.yaml), saying
    where it looked, what the folder is instead and how to fix it (a course file named
    otherwise; a folder inside a project)."""
    problems = _Problems()
    content = root / "content"
    course_path = content / "course.yaml"
    if course_path.is_file():
        return
    if course_path.is_dir() or os.path.lexists(course_path):
        what = "a folder" if course_path.is_dir() else "not a regular file"
        problems.error(
            Location(relative(course_path, root)),
            f"content/course.yaml is {what}, where the course file goes",
            "move it away and put the course file (YAML) in its place",
        )
        raise ContentError(problems.errors)
    folder = root.resolve()
    where = "the current folder" if str(root) == "." else f"the project folder {folder}"
    if not root.exists():
        where = f"{folder}, which does not exist"
    elif not root.is_dir():
        where = f"{folder}, which is not a folder"
    hint = "run 'materials-gen init DIR' to start a project, or pass --project"
    from .project import near_folder, near_miss, renamed_hint

    found = near_miss(content, "course.yaml") if content.is_dir() else None
    if found is not None:  # course.yml, Course.YAML, course.yaml.txt
        hint = renamed_hint(found, "course.yaml", root)
    elif not content.is_dir() and near_folder(root, "content") is not None:  # Content/
        hint = renamed_hint(near_folder(root, "content"), "content", root)  # type: ignore[arg-type]
    above = _project_above(folder)
    if above is not None:  # run from inside the project: content/ or modules/
        where += f", which is inside the project {above}"
        hint = (
            f"run it from the project folder ({above}), or pass --project {shlex.quote(str(above))}"
        )
    problems.error(
        Location(relative(course_path, root)),
        f"no course file: every project needs content/course.yaml (looked in {where})",
        hint,
    )
    raise ContentError(problems.errors)


def value_at(data: Any, path: tuple[Any, ...]) -> Any:
    """The value at ``path`` in a file's data as read (keys of sets, places in lists); None
    where there is none."""
    for step in path:
        if isinstance(data, dict):
            data = data.get(step)
        elif isinstance(data, list) and isinstance(step, int) and 0 <= step < len(data):
            data = data[step]
        else:
            return None
    return data


def load_project(root: Path) -> RawProject:
    """Read every content file of the project at ``root``; raise ContentError on any problem."""
    root = Path(root)
    require_project(root)
    problems = _Problems()
    content = root / "content"
    course_path = content / "course.yaml"
    course: SourceDoc | None = None
    text = read_text(course_path, root, problems)
    if text is not None:
        course = parse_yaml(text, relative(course_path, root), problems)
        if course is not None and not isinstance(course.data, dict):
            problems.error(
                course.location(),
                "content/course.yaml is empty or is not a set of 'key: value' lines",
                "start from the example in the README",
            )
        elif course is not None:  # the hints' examples name the project's own audiences
            listed = course.data.get("audiences")
            entries = listed if isinstance(listed, list) else []
            use_example_audiences(e.get("id") for e in entries if isinstance(e, dict))

    modules: dict[str, RawModule] = {}
    for path, name, text in _texts(content / "modules", "*.md", root, problems):
        front, body, body_line = split_front_matter(text, name, problems)
        if front is None:
            continue
        if front.data is None:
            front = SourceDoc(name, {}, {(): (2, 1)}, 1)
        blocks = split_body(body, body_line, name, problems)
        modules[file_id(path)] = RawModule(id=file_id(path), front=front, body=blocks)

    tables: dict[str, SourceDoc] = {}
    for path, name, text in _texts(content / "tables", "*.yaml", root, problems):
        doc = parse_yaml(text, name, problems)
        if doc is not None:
            tables[file_id(path)] = doc

    if problems.errors or course is None:
        raise ContentError(problems.errors + problems.warnings)
    return RawProject(
        root=root,
        course=course,
        modules=modules,
        tables=tables,
        warnings=tuple(problems.warnings),
    )
