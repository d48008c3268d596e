"""Stage 1, load: project folder -> raw content that remembers where every value came from.

YAML gives the structure and Markdown the prose. Every mapping key and list item keeps its
file, line and column (in :attr:`SourceDoc.marks`), so that later stages can point a trainer
at the exact line of a mistake. Nothing here judges the content; that is ``validate``'s job.
Text is cleaned on the way in (byte-order mark, Windows line endings, control characters) so
that no later stage or output library trips over invisible characters.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError, Location, Problem

Path_ = tuple[str | int, ...]

# Characters removed from every text file: C0/C1 controls other than tab and newline.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class SourceDoc:
    """A parsed YAML document and the position of each key and item in it."""

    file: str
    data: Any
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict, compare=False)
    line_offset: int = 0

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


class _Problems:
    """Collects problems while loading goes on, so all are reported together."""

    def __init__(self) -> None:
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []

    def error(self, location: Location | None, message: str, hint: str = "") -> None:
        self.errors.append(Problem(location, message, hint))

    def warn(self, location: Location | None, message: str, hint: str = "") -> None:
        self.warnings.append(Problem(location, message, hint, severity="warning"))


def relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def read_text(path: Path, root: Path, problems: _Problems) -> str | None:
    """Read a text file as a trainer's editor wrote it: UTF-8, any line ending, maybe a BOM."""
    name = relative(path, root)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.error(Location(name), f"cannot read the file: {exc.strerror or exc}")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.error(
            Location(name, line),
            f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x})",
            "save it as UTF-8 (in most editors: Save As, Encoding: UTF-8)",
        )
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    for lineno, line in enumerate(text.split("\n"), start=1):
        found = _CONTROL.search(line)
        if found:
            problems.warn(
                Location(name, lineno, found.start() + 1),
                f"removed invisible control character U+{ord(found.group()):04X}",
                "this often comes from text pasted from another program",
            )
    return _CONTROL.sub("", text)


def parse_yaml(text: str, file: str, problems: _Problems, line_offset: int = 0) -> SourceDoc | None:
    """Parse YAML keeping the line and column of every key and list item."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else 0
        col = mark.column + 1 if mark else 0
        message = f"YAML syntax error: {exc.problem or exc.context}"
        hint = "check the indentation and quoting on this line and the one above"
        if exc.problem and "\\t" in exc.problem:
            hint = "YAML indentation must use spaces, not tabs"
        elif exc.problem and "mapping values are not allowed" in exc.problem:
            hint = "a text containing ': ' must be in quotes, e.g. title: \"Part 1: Safety\""
        problems.error(Location(file, line, col), message, hint)
        return None
    except yaml.YAMLError as exc:  # errors without a position
        problems.error(Location(file), f"YAML error: {exc}")
        return None
    marks: dict[Path_, tuple[int, int]] = {}
    data = _construct(node, (), marks, file, problems, line_offset) if node is not None else None
    return SourceDoc(file=file, data=data, marks=marks, line_offset=line_offset)


_SCALARS = yaml.SafeLoader("")


def _mark(node: yaml.Node, offset: int) -> tuple[int, int]:
    return node.start_mark.line + 1 + offset, node.start_mark.column + 1


def _construct(
    node: yaml.Node,
    path: Path_,
    marks: dict[Path_, tuple[int, int]],
    file: str,
    problems: _Problems,
    offset: int,
) -> Any:
    marks.setdefault(path, _mark(node, offset))
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        _SCALARS.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = _construct(key_node, path + ("<key>",), {}, file, problems, offset)
            if isinstance(key, (list, dict)):
                problems.error(Location(file, *_mark(key_node, offset)), "a key must be a word")
                continue
            key = str(key)
            if key in result:
                first = marks[path + (key,)]
                problems.error(
                    Location(file, *_mark(key_node, offset)),
                    f"'{key}' is given twice in the same place (first on line {first[0]})",
                    "keep one of them",
                )
                continue
            marks[path + (key,)] = _mark(key_node, offset)
            result[key] = _construct(value_node, path + (key,), marks, file, problems, offset)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _construct(item, path + (i,), marks, file, problems, offset)
            for i, item in enumerate(node.value)
        ]
    value = _SCALARS.construct_object(node, deep=True)
    if isinstance(value, str) and _CONTROL.search(value):
        # written as an escape such as "\x1f" in a quoted string: remove it all the same
        found = _CONTROL.search(value)
        assert found is not None
        problems.warn(
            Location(file, *_mark(node, offset)),
            f"removed invisible control character U+{ord(found.group()):04X}",
            "control characters cannot be printed or shown on a slide",
        )
        value = _CONTROL.sub("", value)
    return value


_FRONT = re.compile(r"^---[ \t]*$")
_FRONT_END = re.compile(r"^(---|\.\.\.)[ \t]*$")
_FENCE_OPEN = re.compile(r"^(:{3,})\s*(\S.*?)\s*$")
_FENCE_CLOSE = re.compile(r"^(:{3,})\s*$")
_AUDIENCE_ATTR = re.compile(r"""^\{\s*audience\s*=\s*["']?([^"'}]*)["']?\s*\}$""")
_CODE_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")


def split_front_matter(
    text: str, file: str, problems: _Problems
) -> tuple[SourceDoc | None, str, int]:
    """Split a Markdown file into its YAML front matter and body (and the body's first line)."""
    lines = text.split("\n")
    if not lines or not _FRONT.match(lines[0]):
        problems.error(
            Location(file, 1),
            "a module file must start with YAML front matter between two '---' lines",
            "put '---' on the first line, the module's title and lists below it, then '---'",
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


def split_body(body: str, first_line: int, file: str, problems: _Problems) -> tuple[BodyBlock, ...]:
    """Cut a Markdown body into blocks at ``::: {audience="..."}`` fences.

    Fences of other kinds (callouts a trainer writes) are left in the Markdown untouched; the
    stack below only tracks them so that their closing ``:::`` is not taken for ours.
    """
    blocks: list[BodyBlock] = []
    stack: list[tuple[bool, tuple[str, ...], int]] = []  # (is_audience, audiences, line)
    current: list[str] = []
    current_line = first_line
    in_code: str | None = None

    def flush(next_line: int) -> None:
        nonlocal current, current_line
        joined = "\n".join(current)
        text = joined.strip("\n")
        skipped = len(joined) - len(joined.lstrip("\n"))  # blank lines before the text
        if text.strip():
            audience_frames = [(aud, ln) for is_aud, aud, ln in stack if is_aud]
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

    for offset, line in enumerate(body.split("\n")):
        lineno = first_line + offset
        code = _CODE_FENCE.match(line)
        if in_code is not None:
            if code and code.group(1)[0] == in_code[0] and len(code.group(1)) >= len(in_code):
                in_code = None
            current.append(line)
            continue
        if code:
            in_code = code.group(1)
            current.append(line)
            continue
        opened = _FENCE_OPEN.match(line)
        if opened and not _FENCE_CLOSE.match(line):
            attr = _AUDIENCE_ATTR.match(opened.group(2))
            if attr:
                flush(lineno + 1)
                names = tuple(n for n in re.split(r"[\s,]+", attr.group(1).strip()) if n)
                if not names:
                    problems.error(
                        Location(file, lineno),
                        "this audience fence names no audience",
                        'write e.g. ::: {audience="clinical"}',
                    )
                stack.append((True, names, lineno))
                continue
            stack.append((False, (), lineno))
            current.append(line)
            continue
        if _FENCE_CLOSE.match(line) and stack:
            is_audience, _, _ = stack[-1]
            if is_audience:
                flush(lineno + 1)
                stack.pop()
                continue
            stack.pop()
            current.append(line)
            continue
        current.append(line)
    flush(first_line)
    for is_audience, _, ln in stack:
        if is_audience:
            problems.error(
                Location(file, ln),
                "this audience fence is never closed",
                "add a line with ':::' where the audience-only text ends",
            )
    return tuple(blocks)


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def _texts(
    folder: Path, pattern: str, root: Path, problems: _Problems
) -> Iterator[tuple[Path, str, str]]:
    """Each readable text file in ``folder`` as (path, project-relative name, text)."""
    if not folder.is_dir():
        return
    for path in sorted(folder.glob(pattern)):
        name = relative(path, root)
        if not _inside(path, root):
            problems.error(Location(name), "this file links to a place outside the project")
            continue
        text = read_text(path, root, problems)
        if text is not None:
            yield path, name, text


def load_project(root: Path) -> RawProject:
    """Read every content file of the project at ``root``; raise ContentError on any problem."""
    root = Path(root)
    problems = _Problems()
    content = root / "content"
    course_path = content / "course.yaml"
    if not course_path.is_file():
        hint = "run 'materials-gen init DIR' to start a project, or pass --project"
        problems.error(
            Location(relative(course_path, root)),
            "no course file: every project needs content/course.yaml",
            hint,
        )
        raise ContentError(problems.errors)

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

    modules: dict[str, RawModule] = {}
    for path, name, text in _texts(content / "modules", "*.md", root, problems):
        front, body, body_line = split_front_matter(text, name, problems)
        if front is None:
            continue
        if front.data is None:
            front = SourceDoc(name, {}, {(): (2, 1)}, 1)
        blocks = split_body(body, body_line, name, problems)
        modules[path.stem] = RawModule(id=path.stem, front=front, body=blocks)

    tables: dict[str, SourceDoc] = {}
    for path, name, text in _texts(content / "tables", "*.yaml", root, problems):
        doc = parse_yaml(text, name, problems)
        if doc is not None:
            tables[path.stem] = doc

    if problems.errors or course is None:
        raise ContentError(problems.errors + problems.warnings)
    return RawProject(
        root=root,
        course=course,
        modules=modules,
        tables=tables,
        warnings=tuple(problems.warnings),
    )
