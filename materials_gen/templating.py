"""Stage 4, template: tailored course -> the intermediate Markdown of one output.

Templates decide what goes into an output and in what order; they are Jinja, run in a
sandbox with ``StrictUndefined`` so that a typo in a variable name is an error with the
template's file and line rather than a silent blank. The project's ``templates/`` folder is
searched first, then the built-in templates, so a trainer can override a single file.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import posixpath
import re
import shutil
import string
import time
from collections.abc import Callable, Iterable, Iterator, KeysView, Mapping, MappingView, ValuesView
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame, operators
from jinja2.loaders import split_template_path
from jinja2.sandbox import MAX_RANGE, ImmutableSandboxedEnvironment, SecurityError

from .context import Record, unwatched_fields
from .errors import ContentError, Location, Problem, did_you_mean
from .i18n import Labels, labels_of
from .pasted import runs_as_space
from .project import display_path, display_unfollowed, not_a_file, template_dirs
from .units import kept_whole
from .walk import files_under
from .watchdog import watched

# What one template may use; past these it stops with a message naming its file and line.
SECONDS = 5  # wall-clock time to render one output's template
# wall-clock time of all the templates one build or check renders (every audience, language
# and output): each within SECONDS, a shared project's templates could otherwise keep a
# build of 300 audiences running for hours
TOTAL_SECONDS = 120
MEMORY = 1024**3  # bytes of memory a template may take beyond what the build already uses
TEXT_LIMIT = 10_000_000  # characters (or items) one operation may make: 'a' * n, ~, +
# items (those of nested lists counted) a comparison, 'in', sort, unique, min, max, sum or
# groupby may look through: Python does each in one step no time limit can interrupt
COMPARE_LIMIT = 1_000_000
# characters of intermediate Markdown one template may write: 250 times the default kit's
# handout, past which laying it out (not templating it) would take minutes and gigabytes
OUTPUT_LIMIT = 8_000_000
TEMPLATE_LIMIT = 1_000_000  # characters of one template file (the built-in ones: a few 1,000)
FIELD_WIDTH = 1_000  # the widest field of a format: '{:>n}', '%nd', center(n), indent(n)
POWER_BITS = 100_000  # the largest integer a template may compute with **


class TemplateLeadsOut(jinja2.TemplateNotFound):
    """A template file that is a link to somewhere outside its folder: never read."""

    def __init__(self, name: str, folder: str):
        super().__init__(name)
        self.folder = folder  # the template folder it is in


def _not_found(
    exc: jinja2.TemplateNotFound, name: str, root: Path, included: bool = False
) -> tuple[str, str]:
    """The message and hint of a template that cannot be read: not there (``included``: by
    another template), or a link that leads out of its folder."""
    if isinstance(exc, TemplateLeadsOut):
        return (
            f"the template {display_path(Path(exc.folder), root)}/{name} is a link to a file "
            "outside the project's templates, which is not read",
            "put the template itself in the templates folder",
        )
    folders = ", ".join(display_path(d, root) for d in template_dirs(root))
    where = "templates can include only files in" if included else "looked in"
    return f"template '{name}' not found", f"{where}: {folders}"


def _output_templates() -> frozenset[str]:
    """The templates that make an output (handout.md.j2...), not the partials they include."""
    from .kinds import KINDS

    return frozenset(kind.template for kind in KINDS.values())


class TemplateUnreadable(jinja2.TemplateError):
    """A template file that cannot be read as text: not UTF-8, or not readable at all."""

    def __init__(self, message: str, hint: str, path: str | None = None):
        super().__init__(message)
        self.hint = hint
        self.path = path  # the file at fault, when it is not the one a lookup would find


class TemplateTooLong(jinja2.TemplateError):
    """A template file longer than TEMPLATE_LIMIT (refused before it is parsed)."""


class _OutOfTime(BaseException):
    """A template's time is up. Not an Exception: Jinja works out constant expressions
    while compiling and takes any Exception raised there for "not constant", to be worked
    out again when the template runs; the time limit raised as one was swallowed, and the
    expression then ran without a limit (``[1]|slice(10**11)|min`` for ever)."""


class TemplateLimit(Exception):
    """A template went past one of the limits above (raised from inside the template, or,
    for the length of what it writes, beside it: ``at`` then holds its file and line)."""

    at: tuple[str, int] | None = None


class WrongValue(jinja2.TemplateError):
    """A filter or function given a value of a kind it does not take (a date filter given
    a text, a text filter a whole list): said as such, with what it takes, rather than
    printed as Python writes the value ("None", "(Record({'id': ...") or told in Python's
    words."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.hint = hint


def given(value: Any) -> str:
    """A value a template gave, as a trainer reads it: "nothing (a field not set)", "a
    whole module (a record of fields)", "a list", "the text 'abc'", "the number 10"."""
    if value is None:
        return "nothing (a field that is not set)"
    if isinstance(value, Record):
        return "a whole record of fields (a module, a question, a row...)"
    if isinstance(value, Mapping):
        return "a set of fields"
    if isinstance(value, (list, tuple, set, frozenset)):
        return "a list"
    if isinstance(value, bool):
        return f"yes or no ({value})"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:39] + "…"
        return f"the text '{shown}'"
    return "a value of another kind"


def _defined(value: Any) -> Any:
    """``value``, unless it is a field that does not exist (a misspelt ``module.titel``):
    that is told as such, at its line, not as a value of the wrong kind."""
    if isinstance(value, jinja2.Undefined):
        value._fail_with_undefined_error()
    return value


def _text_of(name: str, value: Any) -> str:
    """``value`` as the text filter ``name`` takes it: a text or a number as written,
    nothing for a field not set; a record or a list is refused (it printed as Python
    writes it: "(Record({'id': ...")."""
    if value is None:
        return ""
    if isinstance(value, (Record, Mapping, list, tuple, set, frozenset)):
        raise WrongValue(
            f"the {name} filter takes a text, and was given {given(value)}",
            f"give it one field, e.g. {{{{ module.title | {name} }}}}; loop over a list "
            f"({{% for point in module.key_points %}}) to write each of its items",
        )
    return str(value)


_SPACES = re.compile(r"\s+")


def _joined(text: Any) -> str:
    """``text`` on one line: each run of white space holding a line break one space (see
    pasted.runs_as_space: "\\s*\\n" tried at every space of a long run took time growing
    with its square)."""
    return runs_as_space(str(text), "\n", _SPACES)


def _cell(text: Any) -> str:
    """Text made safe for one cell of a Markdown pipe table."""
    return _joined(_text_of("cell", text)).replace("|", "\\|").strip()


# What, at the start of a line, Markdown reads as the start of a block rather than as
# text: a heading, a quote, a list item ("- ", "+ ", "* ", "1. ", "1) "), a rule or a
# setext underline, a code fence, a ::: box, a link reference definition. A trainer's list
# entry ("# of incidents fell", "1) Call the duty manager", "2024. A year of change")
# is text: the mark is escaped, so that every output prints it as written.
_BLOCK_START = re.compile(
    r"""\#{1,6}(?=[ \t]|$)          # a heading
      | >                           # a quote
      | [-+*](?=[ \t]|$)            # a list item
      | (?P<number>\d{1,9})[.)](?=[ \t]|$)  # a numbered one: its mark is after the number
      | ([-*_])[ \t]*(?:\2[ \t]*){2,}$   # a rule
      | =+[ \t]*$                   # a setext underline
      | `{3,} | ~{3,} | :{3,}        # a fence, a box
      | \[[^\]]*\]:                 # a link reference definition
    """,
    re.VERBOSE,
)


def _line(text: Any) -> str:
    """``text`` on one line, without the spaces around it."""
    return _joined(text).strip()


def _oneline(text: Any) -> str:
    """``text`` on one line, to be read as text wherever a template writes it: at the start
    of a line (``- {{ point | oneline }}``) a mark that would start a block is escaped."""
    line = _line(_text_of("oneline", text))
    found = _BLOCK_START.match(line)
    if found is None:
        return line
    at = found.end("number") if found.group("number") else 0
    return f"{line[:at]}\\{line[at:]}"


# What ends a sentence, in the scripts the outputs are written in; and the marks that may
# close one after its stop ("(see page 2.)", a quotation's last word and mark)
_STOPS = ".!?\u2026\u3002\uff01\uff1f\u061f\u0964"
_CLOSERS = "\"')]}\u00bb\u201d\u2019*_"


# Languages whose sentences end with the ideographic full stop
_IDEOGRAPHIC_STOP = frozenset({"ja", "zh"})


def _ended(text: Any, language: Any = "") -> str:
    """``text`` on one line (as :func:`_oneline`), ending as a sentence ends: with its own
    full stop, question or exclamation mark if it has one ("Dr. Lee, Ph.D." is not given a
    second), else with the full stop of the course's ``language`` ("。" in Chinese and
    Japanese, whatever the script of the last word: "相談窓口 EAP。"), or, not given, of
    the text's last letter."""
    line = _oneline(_text_of("ended", text))
    last = line.rstrip(_CLOSERS + " ")
    if not last or last[-1] in _STOPS:
        return line
    from .glyphs import has_cjk

    primary = str(language or "").split("-")[0].lower()
    ideographic = primary in _IDEOGRAPHIC_STOP if primary else has_cjk(last[-1])
    return line + ("\u3002" if ideographic else ".")


def _listed(items: Any, language: Any = "", between: str = ",") -> str:
    """``items`` joined as the course's ``language`` writes a list: with its comma ("、" in
    Chinese and Japanese, "، " in Arabic, Persian and Urdu, else ", "), or ``between`` ";"
    with its semicolon ("；", "؛ ", "; "); the templates joined with English's in every
    language ("挂图, 马克笔.")."""
    primary = str(language or "").split("-")[0].lower()
    marks = _LIST_MARKS.get(primary, {",": ", ", ";": "; "})
    mark = marks.get(str(between), f"{_text_of('listed', between)} ")
    read = _read_within(items, len(mark), "the listed filter")  # held to TEXT_LIMIT, as join
    _has_text(*read)  # each made text, as join's
    return mark.join(_text_of("listed", item) for item in read)


# a list's comma and semicolon where they are not English's (see _listed)
_LIST_MARKS = {
    **{language: {",": "\u3001", ";": "\uff1b"} for language in ("zh", "ja")},
    **{language: {",": "\u060c ", ";": "\u061b "} for language in ("ar", "fa", "ur")},
}


# Languages that write every noun with a capital: a heading keeps its capital in a sentence
_NOUNS_CAPITALISED = frozenset({"de", "lb"})


def _in_sentence(text: Any, language: Any = "") -> str:
    """A heading as it reads inside a sentence ("Trauma-informed care and trauma-competent
    care"): its first letter small, unless the next is a capital too (an acronym: "TCC"),
    or the course's ``language`` writes nouns with a capital (German)."""
    line = _oneline(_text_of("in_sentence", text))
    if len(line) < 2 or not line[0].isupper() or not line[1].islower():
        return line
    if str(language or "").split("-")[0].lower() in _NOUNS_CAPITALISED:
        return line
    return line[0].lower() + line[1:]


def _attr(text: Any, *field: Any) -> str:
    """Text made safe inside a quoted attribute of a ``:::`` fence. (It takes the place of
    Jinja's own ``attr``, which reads a field by its name: one given a name is told so.)"""
    if field:
        raise jinja2.TemplateRuntimeError(
            "the attr filter makes a text safe inside a quoted ::: attribute "
            '(title="{{ course.title | attr }}") and takes no name: to read a field, '
            "write it after a dot (course.title)"
        )
    return _line(_text_of("attr", text)).replace("\\", "\\\\").replace('"', '\\"')


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=_jsonable)


def _jsonable(value: Any) -> Any:
    if isinstance(value, Record):
        return dict(value)
    return str(value)


def _labels(context: Any) -> Labels:
    """The labels the template's ``_`` speaks (English when a caller gave none)."""
    return labels_of(context.get("_"))


@jinja2.pass_context
def _minutes(context: Any, value: Any) -> str:
    """A duration in the course's language: "1 h 45 min"; nothing for a field not set."""
    value = _defined(value)
    if value is None:
        return ""
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or not 0 <= value < 10**9  # (not a number, or none a session lasts)
    ):
        raise WrongValue(
            f"the minutes filter takes a number of minutes, 0 or more, and was given "
            f"{given(value)}",
            "give it a duration, e.g. {{ module.duration | minutes }}",
        )
    return _labels(context).minutes(int(value + 0.5))  # (half a minute up, as said aloud)


def _shuffled(items: Any, seed: str = "") -> list[Any]:
    """The items in a fixed order that looks random (the same order on every build)."""
    items = _defined(items)
    import hashlib

    if isinstance(items, (str, Record, Mapping)) or not isinstance(items, Iterable):
        raise WrongValue(
            f"the shuffled filter takes a list, and was given {given(items)}",
            "give it a list, e.g. {{ checks.after | shuffled(course.slug) }}",
        )

    def key(item: Any) -> str:
        # a question is ordered by its wording; any other item by its text
        text = str(item.get("question", item) if isinstance(item, Mapping) else item)
        return hashlib.sha256(f"{seed}\0{text}".encode()).hexdigest()

    return sorted(items, key=key)


@jinja2.pass_context
def _longdate(context: Any, value: Any) -> str:
    """A date as it is written in full on a cover, in the course's language: "2 November
    2026", "2 de noviembre de 2026"."""
    value = _defined(value)
    if isinstance(value, dt.date):
        return _labels(context).long_date(value)
    if value is None:
        return ""  # (a date not set: nothing, as the field itself prints)
    raise WrongValue(
        f"the longdate filter takes a date, and was given {given(value)}",
        "give it a date field, e.g. {{ session.date | longdate }} or {{ course.date | longdate }}",
    )


def _nobreak(value: Any) -> str:
    """A short phrase kept whole on its line (:func:`units.kept_whole`): "1.83 contact
    hours" is never read as "1.83 contact" / "hours"."""
    return kept_whole(_text_of("nobreak", value))


@jinja2.pass_context
def _number(context: Any, value: Any, digits: int | None = None) -> str:
    """A number as the course's language writes it: 1.5, 1,5; ``number(2)``: with two
    digits after the decimal sign (1.75, 1,75)."""
    value = _defined(value)
    if digits is not None and (isinstance(digits, bool) or not isinstance(digits, int)):
        raise WrongValue(
            f"number() takes a whole number of digits after the decimal sign, and was given "
            f"{given(digits)}",
            "e.g. {{ session.contact_hours | number(2) }}",
        )
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value != value or value in (float("inf"), float("-inf")) or abs(value) > 1e15:
            raise WrongValue(
                f"the number filter takes a number a trainer reads, and was given {given(value)}",
                "give it a count, a duration or hours, e.g. "
                "{{ session.contact_hours | number(2) }}",
            )
        return _labels(context).number(value, digits)
    raise WrongValue(
        f"the number filter takes a number, and was given {given(value)}",
        "give it a number field, e.g. {{ session.contact_hours | number(2) }}",
    )


def environment(root: Path) -> ImmutableSandboxedEnvironment:
    """The sandboxed environment for a project (one per build: templates compile once)."""
    key = tuple(str(d.resolve()) for d in template_dirs(root))
    env = _ENVIRONMENTS.get(key)
    if env is None:
        env = _ENVIRONMENTS[key] = _new_environment(root)
    return env


# Jinja checks each template before reusing it (its time and its text: see _ProjectLoader),
# so an environment can serve a whole watch session: an edited template is compiled again,
# an unchanged one is not.
_ENVIRONMENTS: dict[tuple[str, ...], ImmutableSandboxedEnvironment] = {}


def own_template_sources(root: Path) -> list[tuple[str, str]]:
    """The project's own templates (in its templates/ folder, not the built-in ones), each
    as (name, text), read as a build reads them: never through a link that leads out of the
    folder, never past the length a template may have. One that cannot be read is left
    out (check and build tell what is wrong with it)."""
    from .project import builtin_templates

    try:
        dirs = template_dirs(Path(root))
    except ContentError:  # a templates folder that leads out of the project: none read
        return []
    own = Path(root) / "templates"
    if dirs[0] != own or own.resolve() == builtin_templates().resolve():
        return []
    loader = _ProjectLoader([str(own)])
    found = []
    for folder, subfolders, files in os.walk(own):  # (links to folders are not followed)
        subfolders.sort()
        for name in sorted(files):
            if not name.endswith(".j2"):
                continue
            template = Path(folder, name).relative_to(own).as_posix()
            try:
                source, _, _ = loader.get_source(None, template)  # type: ignore[arg-type]
            except (jinja2.TemplateError, OSError, UnicodeDecodeError):
                continue
            found.append((template, source))
    return found


class _ProjectLoader(jinja2.FileSystemLoader):
    """Finds templates only inside their folders: a link that leads out is not followed."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        # found as Jinja finds it, but where it leads looked at before a byte is read, and
        # read no further than a template may go (a huge or endless file is never loaded)
        pieces = split_template_path(template)
        for index, folder in enumerate(self.searchpath):  # noqa: B007 - used after
            filename = posixpath.join(folder, *pieces)
            if os.path.isfile(filename):
                break
            what = not_a_file(filename)
            if what is not None:  # the project's, not a file: never the built-in in its place
                raise TemplateUnreadable(
                    f"the template {template} is {what}",
                    "put the template file itself there, or remove it to use the built-in one",
                    filename,
                )
        else:
            raise jinja2.TemplateNotFound(template)
        before = [posixpath.join(f, *pieces) for f in self.searchpath[:index]]
        resolved = Path(filename).resolve()
        if not any(resolved.is_relative_to(Path(p).resolve()) for p in self.searchpath):
            raise TemplateLeadsOut(template, folder)
        source = self._read(filename, template)
        if not source.strip() and template in _output_templates():
            # an output's own template left empty (saved by mistake, or copied from nothing):
            # the output would be a blank page, and check say nothing
            raise TemplateUnreadable(
                f"the template {template} is empty: the output it makes would have nothing in it",
                "delete it to use the built-in one, or write the template in it",
                filename,
            )
        mtime = os.path.getmtime(filename)

        def same() -> bool:
            """Whether the file still holds what was compiled: its time and its text (an
            edit within the clock's tick, or a copy that keeps the time, has the same); and
            is still the one found, no folder before it now holding one of that name (a
            project's own poster.md.j2 added while watch runs on the built-in one)."""
            try:
                if any(os.path.isfile(path) for path in before):
                    return False
                if os.path.getmtime(filename) != mtime:
                    return False
                return self._read(filename, template) == source
            except (OSError, TemplateUnreadable, TemplateTooLong):
                return False

        return source, os.path.normpath(filename), same

    def _read(self, filename: str, template: str) -> str:
        """The text of a template file, refused past TEMPLATE_LIMIT characters (compiling
        it would take minutes) without reading the rest."""
        try:
            with open(filename, encoding=self.encoding) as file:
                # (a byte-order mark, as Notepad writes one, is not the template's text: read
                # as text, it hid the front matter's opening '---')
                source = file.read(TEMPLATE_LIMIT + 1).removeprefix("\ufeff")
        except UnicodeDecodeError:
            raise TemplateUnreadable(
                f"the template {template} is not UTF-8 text",
                "save it as UTF-8: in a text editor, Save As with the encoding UTF-8",
            ) from None
        except OSError as exc:
            raise TemplateUnreadable(
                f"the template {template} cannot be read ({exc.strerror or exc})",
                "check that it is a file you may read",
            ) from None
        if len(source) > TEMPLATE_LIMIT:
            raise TemplateTooLong(
                f"the template {template} is more than {TEMPLATE_LIMIT:,} characters long; "
                f"a template is at most {TEMPLATE_LIMIT:,}"
            )
        return source


def _too_big(size: int, what: str, estimate: bool = False) -> None:
    """Stop a step that would make more than TEXT_LIMIT characters (``estimate``: ``size``
    was counted only until past the limit, see :func:`_text_size`)."""
    if size > TEXT_LIMIT:
        made = f"more than {TEXT_LIMIT:,}" if estimate else f"{size:,}"
        raise TemplateLimit(
            f"{what} would make {made} characters; one step of a template may make at most "
            f"{TEXT_LIMIT:,}"
        )


def _text_size(value: Any) -> int:
    """About how many characters ``value`` makes written out as text (``str()``, a join,
    JSON): its texts' lengths and a few for each item, counted only until past TEXT_LIMIT,
    so that a list holding a text a hundred times over is judged before it is written, not
    after. A record (a module, the course) and any other mapping count their keys and
    values, as Python writes them out whole ("Record({'id': ..."): counted as a few
    characters, a module's record filled a format's field a hundred thousand times over,
    143 million characters, within the limit. A collection met again (the course a hundred
    thousand times in one list) is counted once and its size taken again, so that sizing
    takes no longer than the value's distinct parts. Numbers count their digits; any other
    object a few."""
    sizes: dict[int, int] = {}  # each collection's size, once counted whole
    held: list[Any] = []  # those collections, held: a part made here (a view's pairs) keeps its id
    counted = 0  # everything counted so far: the limit is judged on it
    open_sums = [0]  # the size of each collection being counted, innermost last
    work: list[tuple[Any, bool]] = [(value, False)]
    while work and counted <= TEXT_LIMIT:
        item, closing = work.pop()
        if closing:  # every part of ``item`` counted: its size is known
            size = open_sums.pop()
            sizes[id(item)] = size
            held.append(item)
            open_sums[-1] += size
            continue
        known = sizes.get(id(item))
        parts = None if known is not None else _parts(item)
        if parts is not None:
            overhead, children = parts
            counted += overhead
            open_sums.append(overhead)
            work.append((item, True))
            work.extend((child, False) for child in children)
            continue
        size = known if known is not None else _leaf_size(item)
        counted += size
        open_sums[-1] += size
    return counted


def _parts(item: Any) -> tuple[int, list[Any]] | None:
    """A collection's own characters and its parts, as :func:`_text_size` counts them;
    None for what is not a collection."""
    if isinstance(item, str):
        return None
    if isinstance(item, (list, tuple, set, frozenset)):
        return 2, list(item)
    if isinstance(item, (Record, Mapping)):
        fields = unwatched_fields(item) if isinstance(item, Record) else item
        return 10, [*fields.keys(), *fields.values()]
    if isinstance(item, MappingView):  # keys(), values(), items(): written out whole
        return 16, _viewed(item)
    return None


def _leaf_size(item: Any) -> int:
    if isinstance(item, str):
        return len(item) + 4
    if isinstance(item, (int, float)) and abs(item) < 10**100:
        return len(str(item))
    return 16


def _viewed(view: MappingView) -> list[Any]:
    """What a mapping's view (``keys()``, ``values()``, ``items()``) writes out: its
    mapping's keys, values or both, read without noting a record as read whole."""
    mapping = getattr(view, "_mapping", None)
    if isinstance(mapping, Record):
        fields = unwatched_fields(mapping)
        if isinstance(view, KeysView):
            return list(fields.keys())
        if isinstance(view, ValuesView):
            return list(fields.values())
        return [*fields.keys(), *fields.values()]
    return list(view)


def _read_within(items: Any, between: int, what: str = "the join filter") -> list[Any]:
    """The items ``join`` is given (a generator such as ``map`` is read once, here), read one
    by one and stopped as soon as they and the separators ``between`` them pass TEXT_LIMIT:
    a map over a hundred long texts was made whole (900 million characters, seconds of
    work) before its size was looked at."""
    read: list[Any] = []
    sizes: dict[int, int] = {}  # an item met again (the course, many times) sized once
    size = 0
    for item in items:
        read.append(item)  # (held here: its id stays its own)
        if id(item) not in sizes:
            sizes[id(item)] = _text_size(item)
        size += sizes[id(item)] + (between if len(read) > 1 else 0)
        _too_big(size, what, estimate=True)
    return read


_COLLECTIONS = (list, tuple, dict, set, frozenset)


def _compare_size(value: Any, what: str) -> int:
    """How many items comparing ``value`` may look through (those of the collections it
    holds too, however deep), counted only until past COMPARE_LIMIT, which is refused: a
    list holding a long list a hundred thousand times over is one step of Python's that
    would run for hours, out of reach of the time limit."""
    total, stack = 0, [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            total += len(item)
            stack.extend(v for v in item.values() if isinstance(v, _COLLECTIONS))
        elif isinstance(item, _COLLECTIONS):
            total += len(item)
            stack.extend(v for v in item if isinstance(v, _COLLECTIONS))
        if total > COMPARE_LIMIT:
            raise TemplateLimit(
                f"{what} would look through more than {COMPARE_LIMIT:,} items; a template "
                f"may compare, sort or search at most {COMPARE_LIMIT:,} at once"
            )
    return total


_PASSED = (jinja2.Environment, jinja2.runtime.Context, nodes.EvalContext)


def _compared(name: str, original: Callable[..., Any]) -> Callable[..., Any]:
    """Jinja's filter ``name`` (sort, unique, min, max, sum, groupby, dictsort), given what
    it orders or adds read here and sized first (see :func:`_compare_size`). ``sum`` adds
    numbers only: adding lists or texts is one step that grows without a check."""

    def checked(*args: Any, **kwargs: Any) -> Any:
        passed = [a for a in args if isinstance(a, _PASSED)]
        values = [a for a in args if not isinstance(a, _PASSED)]
        if values:
            items = values[0]
            if not isinstance(items, (str, dict)) and hasattr(items, "__iter__"):
                read: list[Any] = []
                for item in items:  # a generator (a map) read once, here, within the limit
                    read.append(item)
                    if len(read) > COMPARE_LIMIT:
                        _compare_size(read, f"the {name} filter")
                items = values[0] = read
            _compare_size(items, f"the {name} filter")
        if name == "sum":  # from a number, so that adding a list or text fails at once
            start = kwargs.get("start", values[2] if len(values) > 2 else 0)
            if not isinstance(start, (int, float)) or isinstance(start, bool):
                raise TemplateLimit("the sum filter adds numbers only: start from a number")
        return original(*passed, *values, **kwargs)

    return functools.update_wrapper(checked, original)


def _sized(name: str, original: Callable[..., Any]) -> Callable[..., Any]:
    """Jinja's filter ``name``, held to TEXT_LIMIT by the size of what it is given (all of
    its arguments: ``join``'s separator is repeated between the items)."""

    def checked(*args: Any, **kwargs: Any) -> Any:
        context = [a for a in args if isinstance(a, nodes.EvalContext)]
        values = [a for a in args if not isinstance(a, nodes.EvalContext)]
        size = 0
        if name == "join" and values and not isinstance(values[0], str):
            separator = values[1] if len(values) > 1 else kwargs.get("d", "")
            values[0] = _read_within(values[0], _text_size(separator))
            _has_text(*values[0])  # each made text (a map in a list wrote where it was)
            size += _text_size(separator) * max(len(values[0]) - 1, 0)
        size += sum(_text_size(v) for v in [*values, *kwargs.values()])
        _too_big(size, f"the {name} filter", estimate=True)
        return original(*context, *values, **kwargs)

    return functools.update_wrapper(checked, original)


def _indented_json(original: Callable[..., Any]) -> Callable[..., Any]:
    """``tojson`` with ``indent``: each value on a line of its own, indented by ``indent``
    for each level it is in, so what it makes grows with the indent times the items times
    their depth, not with the size of what it is given (an indent of 1,000 made 200 million
    characters of a list of 100,000 numbers). The indent is a field's width, and what it
    makes is counted as it is written, stopped once past TEXT_LIMIT."""

    def checked(*args: Any, **kwargs: Any) -> Any:
        values = [a for a in args if not isinstance(a, nodes.EvalContext)]
        indent = kwargs.get("indent", values[1] if len(values) > 1 else None)
        if indent is not None and values:
            _check_width(indent, "tojson's indent")
            made = 0
            encoder = json.JSONEncoder(indent=indent, sort_keys=True)
            with suppress(TypeError, ValueError):  # the filter says what is wrong
                for piece in encoder.iterencode(values[0]):
                    made += len(piece)
                    if made > TEXT_LIMIT:
                        _too_big(made, "the tojson filter", estimate=True)
        return original(*args, **kwargs)

    return functools.update_wrapper(checked, original)


class NoText(jinja2.TemplateError):
    """A template wrote an object that has no text of its own (a function, a cycler)."""


class HalfCharacter(jinja2.TemplateError):
    """A template wrote half of a character (a lone surrogate, '\\ud800'): no file can hold
    it as text."""


_HALVES = re.compile("[\ud800-\udfff]")


# What Python writes for an object with no text of its own: its kind and where it is in
# memory ("<jinja2.utils.Cycler object at 0x7f...>"), different on every run
_OBJECT = re.compile(r"<([^\n]{1,200}?) at 0x[0-9a-fA-F]{6,}>")


_PLAIN = (str, int, float, bool, type(None), dt.date, dt.time)

# what a sequence a filter gives one by one (map, select, reverse...) is named as, made text
_SEQUENCE = "a sequence not yet made a list (what map, select or reverse give)"


def _textless(
    value: Any, depth: int = 4, judged: dict[int, tuple[int, Any]] | None = None
) -> str | None:
    """What in ``value`` has no text of its own (a function, a method, a cycler), named as
    a trainer reads it; None when every part of it writes as data does. Made into text, its
    kind and where it is in memory ("<... at 0x7f...>") would reach the output, or a slice
    of it (``(cycler(1)|string)[-13:-1]``): other bytes on every build, and a fact about
    the machine; so it is refused wherever a template makes text of it, not only when
    written out whole. A collection met again (the course a hundred thousand times in one
    list) is judged once (``judged``: each one by its id, with the depth it was judged to,
    and held, so that a part made while judging, a view's pairs, keeps its id its own)."""
    if isinstance(value, (*_PLAIN, jinja2.Undefined)):
        return None
    if isinstance(value, Iterator):  # made text, it is where it is in memory too
        return _SEQUENCE
    collection = isinstance(value, (list, tuple, set, frozenset, Mapping, MappingView))
    if depth > 0 and collection:
        judged = {} if judged is None else judged
        if judged.get(id(value), (-1, None))[0] >= depth:
            return None  # judged already, and found to write as data
        if isinstance(value, Mapping):
            parts: Iterable[Any] = (v for pair in value.items() for v in pair)
        elif isinstance(value, MappingView):  # keys(), values(), items()
            parts = _viewed(value)
        else:
            parts = value
        found = next(filter(None, (_textless(v, depth - 1, judged) for v in parts)), None)
        if found is None:
            judged[id(value)] = (depth, value)
        return found
    found = _OBJECT.search(repr(value))  # (deeper than ``depth``: the whole of it, once)
    return _described(found.group(1)) if found is not None else None


def _has_text(*values: Any) -> None:
    """Refuse (NoText) any of ``values`` that has no text of its own (see _textless)."""
    for value in values:
        what = _textless(value)
        if what is not None:
            raise NoText(what)


def _text_filter(original: Callable[..., Any], reads: bool = False) -> Callable[..., Any]:
    """A filter given no value that has no text of its own (see _textless): ``string``,
    ``truncate``, ``trim``... would make text of it. ``reads``: its first value is read
    item by item (``join``'s, whose items are judged as it reads them), not made text."""
    passes = jinja2.utils._PassArg.from_obj(original) is not None  # noqa: SLF001
    first = (1 if passes else 0) + (1 if reads else 0)

    def checked(*args: Any, **kwargs: Any) -> Any:
        _has_text(*args[first:], *kwargs.values())
        return original(*args, **kwargs)

    return functools.update_wrapper(checked, original)


def _finalize(value: Any) -> Any:
    """A value written into the output: a list or mapping is judged by the size of its text
    before it is made (a text is judged as it is made); an object with no text of its own
    (a function, a cycler, a method not called) is refused, as it would print where it is
    in memory, other bytes on every build. A field not set writes nothing (it printed
    "None"); a whole record, or a list of them, is refused (it printed "(Record({'id':
    ..." into the handout)."""
    if value is None:
        return ""
    if isinstance(value, Record) or (
        isinstance(value, (list, tuple)) and any(isinstance(v, Record) for v in value)
    ):
        raise WrongValue(
            f"the template writes {given(value)} where text goes",
            "write one of its fields, e.g. {{ module.title }}, or loop over a list to write "
            "each item's ({% for module in course.modules %}{{ module.title }}{% endfor %})",
        )
    if not isinstance(value, str):
        _too_big(_text_size(value), "writing a list or mapping", estimate=True)
    if not isinstance(value, (int, float, bool, type(None))):
        text = value if isinstance(value, str) else str(value)
        found = _OBJECT.search(text)
        if found is not None:
            raise NoText(_described(found.group(1)))
        half = _HALVES.search(text)
        if half is not None:
            raise HalfCharacter(f"U+{ord(half.group()):04X}")
    return value


def _described(what: str) -> str:
    """An object Python wrote as "<... at 0x...>", named as a trainer reads it: "the
    function gettext", "the method strftime", "a Cycler"."""
    called = re.match(r"(?:built-in |bound )?(function|method) (\S+)", what)
    if called is not None:
        return f"the {called.group(1)} {called.group(2).rsplit('.', 1)[-1]}"
    return f"a {what.removesuffix(' object').rsplit('.', 1)[-1]}"


def _check_width(width: Any, what: str) -> None:
    if isinstance(width, str):
        width = len(width)
    if isinstance(width, int) and width > FIELD_WIDTH:
        raise TemplateLimit(
            f"{what} is {width:,} wide; the widest a template may use is {FIELD_WIDTH:,}"
        )


_PERCENT_SPEC = re.compile(r"[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")


def _check_percent(text: str, values: Any = ()) -> None:
    """``'%8.2f' % x`` and the ``format`` filter: no field wider than FIELD_WIDTH, and what
    the fields make filled with ``values`` within TEXT_LIMIT (a thousand '%s' filled with
    a long text each made 400 MB): each field counted as its own value ("%(name)s" the
    mapping's, the others the values in turn), written with repr() (``%r``, ``%a``) up to
    four times as long. A field's key is skipped as Python reads it, brackets nested
    inside it counted ("%(a(b))9d")."""
    items = values if isinstance(values, tuple) else (values,)
    mapping = values if isinstance(values, Mapping) else None
    turn = 0  # the value the next field without a key takes
    size = len(text)
    at = text.find("%")
    while at != -1:
        start, at = at, at + 1
        if text.startswith("%", at):  # "%%": a percent sign
            at = text.find("%", at + 1)
            continue
        key = None
        if text.startswith("(", at):
            depth, opened = 0, at
            while at < len(text):
                depth += {"(": 1, ")": -1}.get(text[at], 0)
                at += 1
                if depth == 0:
                    break
            key = text[opened + 1 : at - 1]
        match = _PERCENT_SPEC.match(text, at)
        end = match.end() if match else at
        widest = 0
        for number in match.groups() if match else ():
            if number == "*":
                raise TemplateLimit("a '%' format may not take its width from a value ('*')")
            if number:
                _check_width(int(number), f"the '%' format field '{text[start : end + 1]}'")
                widest = max(widest, int(number))
        if key is not None and mapping is not None:
            value = _text_size(mapping.get(key, ""))
        else:
            value = _text_size(items[turn]) if turn < len(items) else 0
            turn += 1
        conversion = text[end : end + 2].lstrip("hlL")[:1]
        size += max(widest, value * (4 if conversion in ("r", "a") else 1))
        _too_big(size, "a '%' format", estimate=True)
        at = text.find("%", end)


def _check_format(text: str) -> None:
    """``'{:>8}'.format(x)``: no field wider than FIELD_WIDTH, no widths taken from values."""
    for _, field, spec, _ in string.Formatter().parse(text):
        if field is None or not spec:
            continue
        if "{" in spec:
            raise TemplateLimit("a format field may not take its width from a value ('{:{}}')")
        if re.search(r"%.", spec):  # a date's format ('{:%d %B}'); '{:.0%}' is a number's
            _check_strftime(spec)
        for number in re.findall(r"\d+", spec):
            _check_width(int(number), f"the format field '{{:{spec}}}'")


def _format_size(text: str, values: list[Any]) -> int:
    """At most how long ``text.format(*values)`` is: its own letters, and for each field
    the widest it may be or the longest value (a format of a million fields, or a short
    one filled with a long text many times, made hundreds of millions of characters)."""
    largest = max((_text_size(v) for v in values), default=0)
    size = 0
    for literal, field, spec, _ in string.Formatter().parse(text):
        size += len(literal)
        if field is not None:
            widths = [int(n) for n in re.findall(r"\d+", spec or "")]
            size += max([largest, *widths])
        if size > TEXT_LIMIT:
            break
    return size


def _huge_power(base: Any, exponent: Any) -> bool:
    if not (isinstance(base, int) and isinstance(exponent, int)):
        return False
    return exponent > 0 and abs(base) > 1 and exponent * base.bit_length() > POWER_BITS


_CLOCKS = (dt.date, dt.datetime, dt.time)
_CLOCK_READINGS = frozenset(
    {"today", "now", "utcnow", "fromtimestamp", "utcfromtimestamp", "astimezone", "timestamp"}
)


class _Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, with limits on how much one operation may make.

    The sandbox stops templates reaching Python's internals; these checks stop the other way
    a shared template can hurt a machine: one step that asks for gigabytes (``'a' * 10**12``,
    ``'{:>99999999999}'.format(1)``, ``9 ** 10**9``), refused before it runs.
    """

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.code_generator_class = _Generator

    def getattr(self, obj: Any, attribute: str) -> Any:
        found = super().getattr(obj, attribute)
        if isinstance(found, jinja2.Undefined) and isinstance(obj, Record):
            _missed(attribute, obj)
        return found

    def getitem(self, obj: Any, argument: Any) -> Any:
        found = super().getitem(obj, argument)
        if isinstance(found, jinja2.Undefined) and isinstance(obj, Record):
            _missed(str(argument), obj)
        return found

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Jinja's rule, and no reading of the clock: a date's ``today()``, ``now()``,
        ``fromtimestamp()`` would make a file differ from one day (or time zone) to the
        next, where the content's own date is what every output prints."""
        clock = isinstance(obj, (dt.date, dt.time)) or obj in _CLOCKS
        if clock and attr in _CLOCK_READINGS:
            return False
        if isinstance(obj, str) and attr == "encode":  # bytes: nothing a text needs
            return False
        return bool(super().is_safe_attribute(obj, attr, value))

    def compared(self, value: Any) -> Any:
        """``value``, about to be compared or looked through by ``in``: refused when it is a
        collection of more than COMPARE_LIMIT items (see :func:`_compare_size`)."""
        if isinstance(value, _COLLECTIONS):
            _compare_size(value, "a comparison or 'in'")
        return value

    def checked_concat(self, parts: tuple[Any, ...]) -> str:
        """``a ~ b``: the texts joined, when the result is within TEXT_LIMIT; each part
        as it would be written on its own (a field not set is nothing: "Date: " ~ a date
        not set printed "Date: None"; a whole record is refused)."""
        _has_text(*parts)
        texts = [str(_finalize(part)) for part in parts]
        _too_big(sum(len(t) for t in texts), "joining texts with '~'")
        return "".join(texts)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        """A call the template makes; a text's own methods that pad or repeat (``center``,
        ``ljust``, ``zfill``, ``expandtabs``, ``replace``, ``join``) are held to the same
        limits as the filters that do the same."""
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, (str, bytes, bytearray)):
            if __obj.__name__ == "join" and args and not isinstance(args[0], (list, tuple, str)):
                # a map, a dict's values, a set: read once, here, within the limit
                args = (_read_within(args[0], len(owner), "join()"), *args[1:])
            _check_text_method(owner, __obj.__name__, args, kwargs)
        elif isinstance(owner, (dt.date, dt.time)) and __obj.__name__ == "strftime":
            _check_strftime(args[0] if args else kwargs.get("format"))
        elif isinstance(owner, _COLLECTIONS):  # a list's count() or index() compares
            for value in (owner, *args, *kwargs.values()):
                __self.compared(value)
        messages = getattr(__obj, "_fills_messages", 0)  # ``_`` and ``_n``: see i18n
        if messages:
            try:  # the text filled: the catalog's translation, else the English
                filled = [__obj._filled(*args)]
            except Exception:  # noqa: BLE001 - the call itself will say what is wrong
                filled = list(args[:messages])
            values = [*args[messages:], *kwargs.values()]
            _has_text(*values)  # filled in as text (a cycler wrote where it was in memory)
            largest = max((_text_size(v) for v in values), default=0)
            size = max(
                (len(m) + m.count("{") * largest for m in filled if isinstance(m, str)),
                default=0,
            )
            _too_big(size, "filling a label's {names}", estimate=True)
        return super().call(__context, __obj, *args, **kwargs)

    def call_binop(self, context: Any, op: str, left: Any, right: Any) -> Any:
        sized = (str, bytes, bytearray, tuple, list)
        if op == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, sized) and isinstance(n, int) and not isinstance(n, bool):
                    _too_big(len(seq) * n, "repeating a text or list")
        elif op == "+" and isinstance(left, sized) and isinstance(right, sized):
            _too_big(len(left) + len(right), "joining two texts or lists")
        elif op == "%" and isinstance(left, str):
            _has_text(right)
            _check_percent(left, right)
        elif op == "**" and _huge_power(left, right):
            raise TemplateLimit(f"{left} ** {right} is too large a number for a template")
        return super().call_binop(context, op, left, right)

    def wrap_str_format(self, value: Any) -> Any:
        wrapped = super().wrap_str_format(value)
        if wrapped is not None:
            text = value.__self__
            _check_format(text)

            def checked(*args: Any, **kwargs: Any) -> Any:
                _has_text(*args, *kwargs.values())
                _too_big(_format_size(text, [*args, *kwargs.values()]), "a format", True)
                return wrapped(*args, **kwargs)

            return checked
        return wrapped


# What a date's strftime may be asked for: the day, month, year, weekday and time of the
# content's own date, as Python writes them on every machine. Not "%s" (seconds since 1970
# in the machine's time zone), "%z"/"%Z" (the zone), "%c"/"%x"/"%X" (the machine's way of
# writing a date), nor a width or flag ("%999Y": a thousand characters each; "%-d": not
# every system has it): each would make the file differ from machine to machine.
_STRFTIME = re.compile(r"%[aAbBdHIjmMpSUwWyYGuVf%]")
MAX_STRFTIME = 200  # characters of a date's format: "Monday, 3 March 2025" needs a dozen


def _check_strftime(form: Any) -> None:
    if not isinstance(form, str):
        return
    if len(form) > MAX_STRFTIME:
        raise TemplateLimit(f"a date's format may have at most {MAX_STRFTIME} characters")
    left = _STRFTIME.sub("", form)
    if "%" in left:
        at = left.index("%")
        raise SecurityError(
            f"a date's format may not use '{left[at : at + 2]}' (it would differ from machine "
            "to machine); use %d %m %Y %B %A %H %M and the like, with no width or flag"
        )


def _longest_replacement(table: Any) -> int:
    """The longest text ``str.translate`` may put for one character with ``table``: a dict
    or record, a list or tuple (indexed by the character's number), a text or a range (one
    character each). Any other table is refused: what it gives cannot be known before."""
    if isinstance(table, (Record, Mapping)):
        values: Iterable[Any] = (
            unwatched_fields(table).values() if isinstance(table, Record) else table.values()
        )
    elif isinstance(table, (list, tuple)):
        values = table
    elif isinstance(table, (str, range)):
        return 1
    else:
        raise TemplateLimit("translate() takes a dict or a list as its table")
    return max([1, *(len(v) for v in values if isinstance(v, str))])


def _check_text_method(
    text: str | bytes | bytearray, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    if name == "translate" and args and isinstance(text, str):
        _too_big(len(text) * _longest_replacement(args[0]), "translate()")
    if name in ("center", "ljust", "rjust", "zfill"):
        _check_width(args[0] if args else kwargs.get("width", 0), f"{name}()")
    elif name == "expandtabs":
        size = args[0] if args else kwargs.get("tabsize", 8)
        _check_width(size, "expandtabs()")
        if isinstance(size, int):
            tab = "\t" if isinstance(text, str) else b"\t"
            _too_big(len(text) + text.count(tab) * max(size - 1, 0), "expandtabs()")  # type: ignore[arg-type]
    elif name == "replace" and len(args) >= 2:
        old, new = args[0], args[1]
        if not (isinstance(old, type(text)) and isinstance(new, type(text))):
            return
        times = text.count(old) if old else len(text) + 1
        _too_big(len(text) + times * max(0, len(new) - len(old)), "replace()")
    elif name == "join" and args and isinstance(args[0], (list, tuple, str)):
        parts = args[0]
        joined = sum(len(str(p)) for p in parts) + len(text) * max(len(parts) - 1, 0)
        _too_big(joined, "join()")


class _Generator(CodeGenerator):
    """Jinja's code generator, but ``a ~ b`` joins through the sandbox's ``checked_concat``
    (Jinja joins such texts itself, where no limit could see the result grow), and what a
    comparison or ``in`` looks through is sized first (:func:`compared`)."""

    def visit_Compare(self, node: nodes.Compare, frame: Frame) -> None:
        self.write("(environment.compared(")
        self.visit(node.expr, frame)
        self.write(")")
        for op in node.ops:
            self.visit(op, frame)
        self.write(")")

    def visit_Operand(self, node: nodes.Operand, frame: Frame) -> None:
        self.write(f" {operators[node.op]} environment.compared(")
        self.visit(node.expr, frame)
        self.write(")")

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.checked_concat((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


def _center(value: Any, width: int = 80) -> str:
    _check_width(width, "center()")
    return str(value).center(width)


# Filters whose result may grow past what they are given by as much as an argument asks
# (a separator put at every line, an attribute in every link, a count of empty places), held
# to TEXT_LIMIT before they run. Those that only make a text a few times longer (escape,
# upper, title) or shorter need no such check: what they are given is already held to it.


@jinja2.pass_environment
def _wordwrap(
    env: jinja2.Environment,
    value: Any,
    width: int = 79,
    break_long_words: bool = True,
    wrapstring: str | None = None,
    break_on_hyphens: bool = True,
) -> str:
    """``wordwrap``: its ``wrapstring`` is put between every two lines it makes, which are at
    most about twice as many as the text has widths in it (or, not breaking long words, its
    words), and one more for each line it had."""
    text = str(value)
    wrap = str(env.newline_sequence if wrapstring is None else wrapstring)
    if not isinstance(width, int) or width < 1:
        raise TemplateLimit("wordwrap() needs a width of at least 1 character")
    breaks = 2 * len(text) // width if break_long_words else len(text.split())
    lines = breaks + 2 * (text.count("\n") + 1)
    _too_big(len(text) + lines * len(wrap), "wordwrap()", estimate=True)
    return jinja2.filters.do_wordwrap(
        env, text, width, break_long_words, wrapstring, break_on_hyphens
    )


@jinja2.pass_eval_context
def _urlize(
    context: nodes.EvalContext,
    value: Any,
    trim_url_limit: int | None = None,
    nofollow: bool = False,
    target: str | None = None,
    rel: str | None = None,
    extra_schemes: Any = None,
) -> str:
    """``urlize``: each word may become a link that writes it twice, with ``target`` and
    ``rel`` in it."""
    text = str(value)
    policies = context.environment.policies
    extra = len(str(target or policies.get("urlize.target") or "")) + len(
        str(rel or policies.get("urlize.rel") or "")
    )
    links = len(text.split())
    _too_big(3 * len(text) + links * (extra + 64), "urlize()", estimate=True)
    return jinja2.filters.do_urlize(
        context, text, trim_url_limit, nofollow, target, rel, extra_schemes
    )


def _filled(name: str, count: Any, fill_with: Any) -> None:
    """``batch``'s or ``slice``'s ``count``: the lists it makes, or the places it fills."""
    if not isinstance(count, int) or isinstance(count, bool) or count < 1:
        raise TemplateLimit(f"{name}() needs a whole number of at least 1")
    if (fill_with is not None or name == "slice") and count > TEXT_LIMIT:
        raise TemplateLimit(
            f"{name}({count:,}) would make more than {TEXT_LIMIT:,} lists or places; one "
            f"step of a template may make at most {TEXT_LIMIT:,}"
        )


def _batch(value: Any, linecount: int, fill_with: Any = None) -> Any:
    """``batch``: its last list filled up to ``linecount`` places when ``fill_with`` is
    given."""
    _filled("batch", linecount, fill_with)
    return jinja2.filters.do_batch(value, linecount, fill_with)


@jinja2.pass_eval_context
def _slice(context: nodes.EvalContext, value: Any, slices: int, fill_with: Any = None) -> Any:
    """``slice``: ``slices`` lists, however few items there are."""
    _filled("slice", slices, fill_with)
    return jinja2.filters.do_slice(context, value, slices, fill_with)


def _indent(value: Any, width: int | str = 4, first: bool = False, blank: bool = False) -> str:
    _check_width(width, "indent()")
    text = str(value)
    each = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
    _too_big(len(text) + (text.count("\n") + 1) * max(each, 0), "indent()")
    return jinja2.filters.do_indent(text, width, first, blank)


def _format(value: Any, *args: Any, **kwargs: Any) -> str:
    _check_percent(str(value), kwargs if kwargs else args)
    return jinja2.filters.do_format(value, *args, **kwargs)


def _replace(value: Any, old: str, new: str, count: int | None = None) -> str:
    text = str(value)
    times = text.count(str(old)) if count is None else min(count, text.count(str(old)))
    _too_big(len(text) + times * max(0, len(str(new)) - len(str(old))), "replace()")
    return text.replace(str(old), str(new), -1 if count is None else count)


KEPT_TEMPLATES = 400  # compiled templates kept per version: a few dozen projects' worth


class _TemplateCache(jinja2.FileSystemBytecodeCache):
    """Jinja's cache of compiled templates, kept small and never a reason to fail: a
    template compiled anew is added and the oldest files beyond :data:`KEPT_TEMPLATES` go
    (every project folder, and every copy of a template a test makes, has entries of its
    own); a file that cannot be read back whole (damaged, cut short) is compiled again, and
    one that cannot be written (a full disk, a folder removed meanwhile) is left out: the
    build compiles as it would without a cache."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - Jinja reads the file with pickle and marshal
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
            _keep_newest(Path(self.directory), KEPT_TEMPLATES)
        except OSError:
            pass


def _keep_newest(folder: Path, most: int) -> None:
    """Remove the oldest files of ``folder`` past ``most`` (down to three quarters of it,
    so that the next templates compiled do not each list the folder again)."""
    entries = []
    with os.scandir(folder) as found:
        for entry in found:
            try:
                entries.append((entry.stat().st_mtime_ns, entry.path))
            except OSError:
                continue  # removed by another build meanwhile
    if len(entries) <= most:
        return
    entries.sort()
    for _, path in entries[: len(entries) - most * 3 // 4]:
        with suppress(OSError):
            os.unlink(path)


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between builds: Jinja's own cache, keyed by each template's
    path and source, in :func:`kept_folder`. Without one (None) every build compiles every
    template again."""
    folder = kept_folder()
    return _TemplateCache(str(folder), pattern="%s.cache") if folder is not None else None


def kept(folder: Path) -> None:
    """After a file is added to :func:`kept_folder`: the oldest go past KEPT_TEMPLATES."""
    with suppress(OSError):
        _keep_newest(folder, KEPT_TEMPLATES)


def kept_folder() -> Path | None:
    """Where what the templates make of themselves is kept between builds (compiled
    templates, and what each reads: see kinds.template_reads): this user's cache folder
    (``~/.cache/materials-gen/templates`` on Linux), one folder per version of
    materials-gen, the code included (the first build of a new version removes the
    others'), at most :data:`KEPT_TEMPLATES` files. Compiled templates are code, so the
    folder must be this user's alone: one that another user owns or can write is not used
    (None, as when no such folder can be had)."""
    from platformdirs import user_cache_path

    from . import __version__
    from .manifest import tool_version
    from .seal import private

    versions = user_cache_path("materials-gen", appauthor=False) / "templates"
    folder = versions / tool_version(__version__).replace("+", "-")
    try:
        versions.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not private(versions):  # a link, or a folder others may write: nothing in it
            return None
        if not folder.is_dir():
            folder.mkdir(mode=0o700, exist_ok=True)
            for other in versions.iterdir():  # the other versions' folders, never a link
                if other != folder and not other.is_symlink() and other.is_dir():
                    shutil.rmtree(other, ignore_errors=True)
        if not private(folder):
            return None
        return folder
    except OSError:
        return None


class _Undefined(jinja2.StrictUndefined):
    """A name or field that does not exist, as Jinja's StrictUndefined: an error with the
    template's line wherever it is used, and also where StrictUndefined lets it through
    unseen: written inside a list (``map(attribute='titel') | list`` printed
    "[Undefined, ...]") or put to a test (``rejectattr('audiance', 'none')`` kept
    everything). ``is defined`` still asks about it."""

    __repr__ = jinja2.StrictUndefined._fail_with_undefined_error


def _strict_test(test: Callable[..., bool]) -> Callable[..., bool]:
    def strict(value: Any, *args: Any, **kwargs: Any) -> bool:
        if isinstance(value, jinja2.Undefined):
            value._fail_with_undefined_error()
        return test(value, *args, **kwargs)

    return strict


# Jinja's tests that compare their value with another (``select("in", items)``)
_COMPARING_TESTS = (
    "in", "==", "eq", "equalto", "!=", "ne", ">", "gt", "greaterthan", "ge", ">=", "<", "lt",
    "lessthan", "<=", "le",
)  # fmt: skip


def _compared_test(env: _Sandbox, test: Callable[..., Any]) -> Callable[..., Any]:
    """A comparing test (``select("in", items)``, ``is eq``) sizing what it compares."""

    def checked(value: Any, other: Any) -> Any:
        return test(env.compared(value), env.compared(other))

    return functools.update_wrapper(checked, test)


def _new_environment(root: Path) -> ImmutableSandboxedEnvironment:
    loader = _ProjectLoader([str(d) for d in template_dirs(root)])
    env = _Sandbox(
        bytecode_cache=_bytecode_cache(),
        loader=loader,
        undefined=_Undefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_finalize,
    )
    env.filters.update(
        cell=_cell,
        oneline=_oneline,
        ended=_ended,
        listed=_listed,
        in_sentence=_in_sentence,
        attr=_attr,
        json=_json,
        minutes=_minutes,
        longdate=_longdate,
        nobreak=_nobreak,
        number=_number,
        shuffled=_shuffled,
        center=_center,
        indent=_indent,
        format=_format,
        replace=_replace,
        wordwrap=_wordwrap,
        urlize=_urlize,
        batch=_batch,
        slice=_slice,
    )
    for name in ("join", "string", "pprint", "tojson", "json", "xmlattr", "urlencode"):
        env.filters[name] = _sized(name, env.filters[name])
    env.filters["tojson"] = _indented_json(env.filters["tojson"])
    for name in ("sort", "unique", "min", "max", "sum", "groupby", "dictsort"):
        env.filters[name] = _compared(name, env.filters[name])
    for name in _COMPARING_TESTS:
        env.tests[name] = _compared_test(env, env.tests[name])
    # a test of a field that does not exist is the typo it looks like, but for these two
    env.tests.update(
        {
            name: _strict_test(test)
            for name, test in env.tests.items()
            if name not in ("defined", "undefined")
        }
    )
    # random breaks byte-identical rebuilds; lipsum writes placeholder text of any size
    del env.filters["random"], env.globals["lipsum"]
    for name, original in env.filters.items():
        if name not in _STRUCTURAL_FILTERS:
            env.filters[name] = _text_filter(original, reads=name in _READS_ITEMS)
    return env


# Filters that read what they are given item by item, making text of each item (which they
# judge as they read it, see _read_within), not of the whole
_READS_ITEMS = frozenset({"join", "listed"})

# Filters that make no text of what they are given (they count, pick, sort or regroup it:
# what they return is judged where it is made text), so need not look through it, which
# for a whole course (``course.modules | length`` in a loop over 500 modules) would cost
# as much as the course is long, each time.
_STRUCTURAL_FILTERS = frozenset(
    {
        "length", "count", "first", "last", "list", "select", "reject", "selectattr",
        "rejectattr", "map", "sort", "unique", "groupby", "batch", "slice", "dictsort",
        "items", "default", "d", "sum", "min", "max", "abs", "round", "int", "float",
        "shuffled", "reverse",
    }
)  # fmt: skip


def _template_line(exc: BaseException, filenames: set[str]) -> tuple[str, int] | None:
    """The innermost template frame of a traceback: Jinja rewrites the frames of what it
    catches to template lines; a frame of the compiled code it did not (the time limit,
    which it must not catch) is taken back to its template line here."""
    found = None
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name in filenames:
            line = tb.tb_lineno
            template = tb.tb_frame.f_globals.get("__jinja_template__")
            if template is not None:  # the compiled code's line: the template's
                line = template.get_corresponding_lineno(line)
            found = (name, line)
        tb = tb.tb_next
    return found


def _template_file(root: Path, name: str) -> Path:
    """The file a template name leads to (the first template folder that has it)."""
    for folder in template_dirs(root):
        if (folder / name).is_file():
            return folder / name
    return Path(name)


def _limit_words(exc: BaseException) -> str:
    if isinstance(exc, MemoryError):
        return f"it needed more than {MEMORY // 1024**2:,} MB of memory"
    if isinstance(exc, RecursionError):
        return "it is nested too deeply"
    return str(exc)


def render_template(root: Path, name: str, context: dict[str, Any]) -> str:
    """Render template ``name`` with ``context``; ContentError naming file and line on failure."""
    template = compiled_template(root, name)
    filename = template.filename or name
    known = {filename}
    for folder in template_dirs(root):
        known.update(str(p) for p in files_under(folder, ".j2"))
    try:
        with _limits(display_path(Path(filename), root)):
            return _generate(template, context)
    except _FAILURES as exc:
        message, hint = _explain(exc, context, root)
        where = _where(exc, known, root, filename)
        raise ContentError([Problem(where, message, hint)]) from None


def compiled_template(root: Path, name: str) -> jinja2.Template:
    """Template ``name`` as the build finds it, compiled; ContentError naming its file and
    line when it cannot be (``check`` compiles those of outputs it does not make too)."""
    env = environment(root)
    try:
        # compiling a template is held to the time and memory of running one
        with _limits(display_path(_template_file(root, name), root)):
            return env.get_template(name)
    except TemplateUnreadable as exc:
        found = Path(exc.path) if exc.path else _template_file(root, name)
        where = Location(display_unfollowed(found, root))
        raise ContentError([Problem(where, str(exc.message), exc.hint)]) from None
    except (TemplateLimit, TemplateTooLong, MemoryError, RecursionError) as exc:
        raise ContentError(
            [
                Problem(
                    Location(display_path(_template_file(root, name), root)),
                    f"the template cannot be compiled: {_limit_words(exc)}",
                    "a template is a page or two of Markdown with a few loops; shorten it",
                )
            ]
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        where = Location(display_path(Path(exc.filename or name), root), exc.lineno or 0)
        message, hint = f"template syntax error: {exc.message}", "check the {% %} and {{ }} tags"
        unclosed = _unclosed_tag(exc)
        if unclosed is not None:  # Jinja names what it met after it, a line or more later
            line, closing = unclosed
            where = Location(where.file, line)
            message = f"this tag is not closed: its '{closing}' is missing"
            hint = f"end the tag with '{closing}' on this line"
        missing = _no_such(exc.message or "", root)
        if missing is not None:
            message, hint = missing
        left_open = _left_open(exc)
        if left_open is not None:  # told at the end of the file: the tag left open is the fix
            tag, line = left_open
            where = Location(where.file, line)
            ends = "the template ends" if "end of template" in exc.message else "another tag"
            message = f"this {{% {tag} %}} is never closed ({ends} first, at line {exc.lineno})"
            hint = f"add {{% end{tag} %}} where its part ends"
        raise ContentError([Problem(where, message, hint)]) from None
    except jinja2.TemplateNotFound as exc:
        raise ContentError([Problem(None, *_not_found(exc, name, root))]) from None


def _no_such(said: str, root: Path) -> tuple[str, str] | None:
    """Jinja's words for a filter or test it does not have (``No filter named 'onelin'.``
    as a template is compiled; ``... 'onelin' found.`` as it runs, where Jinja leaves the
    question until then: directly inside an ``{% if %}``), as a message and the closest
    name; None for any other words."""
    missing = re.fullmatch(r"No (filter|test) named '([^']*)'(?: found)?\.?", said.strip())
    if missing is None:
        return None
    kind, named = missing.groups()
    env = environment(root)
    known = env.filters if kind == "filter" else env.tests
    return (
        f"there is no {kind} named '{named}'",
        did_you_mean(named, [k for k in known if not k.startswith("_")]),
    )


# What a template can cause: its own mistakes, the sandbox saying no, a limit, and Python's
# errors from computing with a value the content left out (a module without a duration...).
# A shared template is untrusted input: whatever else running it raises (Jinja's own
# assertions, a name its compiled code lacks, a loader given a list) is the template's too,
# told at its line, never a traceback.
_FAILURES = (
    TemplateLimit,
    RecursionError,
    MemoryError,
    jinja2.TemplateError,
    TypeError,
    ValueError,
    ArithmeticError,
    LookupError,
    AssertionError,
    NameError,
    AttributeError,
    RuntimeError,  # cycler() with nothing to cycle through
)


def _explain(exc: BaseException, context: dict[str, Any], root: Path) -> tuple[str, str]:
    """The message and hint for a template that failed while it ran."""
    if isinstance(exc, TemplateLimit):
        return (
            f"the template went past a limit: {exc}",
            "templates format the course; look for a loop, a macro or a number that grows "
            "without end",
        )
    if isinstance(exc, RecursionError):
        return (
            "the template calls itself without end (a macro that calls itself, or templates "
            "that include each other)",
            "give the macro a condition on which it stops",
        )
    if isinstance(exc, MemoryError):
        return (
            f"the template needed more than {MEMORY // 1024**2:,} MB of memory",
            "look for text or lists that the template makes larger and larger",
        )
    if isinstance(exc, jinja2.UndefinedError):
        message = exc.message or "undefined value"
        missing = re.search(r"has no attribute '([^']+)'", message)
        if not missing:
            return message, "check the spelling of the variable or field"
        if re.match(r"^'str object' has no attribute", message):  # point.text of a text
            return (
                f"a text has no field '{missing.group(1)}': it is text already",
                "write it as it is ({{ point }}), or with a filter ({{ point | oneline }})",
            )
        listed = re.match(r"^'(?:tuple|list) object' has no attribute", message)
        if listed:  # course.modules.title: a list has items, not fields
            return (
                f"a list has no field '{missing.group(1)}': its items have fields",
                "loop over the list ({% for module in course.modules %}{{ module.title }}"
                "{% endfor %}), or take one of its items (course.modules[0].title)",
            )
        message = re.sub(r"^'[\w.]*Record object' has no attribute", "there is no field", message)
        return message, _attribute_hint(missing.group(1), message, context)
    if isinstance(exc, TemplateUnreadable):  # one it includes
        return str(exc.message), exc.hint
    if isinstance(exc, jinja2.TemplateNotFound):
        return _not_found(exc, str(exc.name), root, included=True)
    if isinstance(exc, WrongValue):
        return exc.message or "", exc.hint
    if isinstance(exc, NoText):
        return (
            f"the template writes {exc.message}, which has no text to print (it would print "
            "where it is in memory, other bytes on every build)",
            "call a function or method with its brackets, e.g. {{ course.date.strftime('%Y') }};"
            " write a cycler's value with .next(); join a sequence into text, e.g. "
            "{{ names | map('upper') | join(', ') }}",
        )
    if isinstance(exc, HalfCharacter):
        return (
            f"the template writes half of a character ({exc.message}, one of the two halves "
            "that stand for one character together), which no file can hold as text",
            "write the character itself, or its code in full (e.g. '\\U0001F600' for an "
            "emoji), not half of it",
        )
    if isinstance(exc, (AssertionError, NameError, AttributeError, RuntimeError)):
        return (
            f"the template failed: {exc or type(exc).__name__}",
            "check what the filters and tags on this line are given (e.g. truncate's "
            "length must be longer than the text it ends with)",
        )
    if isinstance(exc, SecurityError):
        return (
            f"the template tried something templates may not do: {exc}",
            "templates can read the course and format it, nothing else",
        )
    if isinstance(exc, jinja2.TemplateError):
        return _no_such(str(exc), root) or (f"template error: {exc}", "")
    for pattern, message, hint in _PYTHONS_WORDS:
        if pattern.search(str(exc)):
            return message, hint
    if isinstance(exc, (ArithmeticError, ValueError)):  # what the line computes, not content
        return (
            f"the template failed: {exc}",
            "check what this line computes with: a division by zero, a number too large "
            "for what it is given to (a character's code, a count), a step of 0",
        )
    return (
        f"the template failed: {exc}",
        "a value the template uses may be missing in the content",
    )


# What Python says of a value of the wrong kind, as a template author reads it
_PYTHONS_WORDS = (
    (
        re.compile(r"Range too big"),  # the sandbox's own limit
        f"the template asks for a range of more numbers than a template may make ({MAX_RANGE:,})",
        "loop over the course's own lists (e.g. {% for point in module.key_points %}), or "
        f"a range of at most {MAX_RANGE:,}",
    ),
    (
        re.compile(r"NoneType"),  # (before the rest: the field not set is the cause)
        "the template computes with, compares or loops over a field that is not set",
        "use it only when it is there: {% if session.booked_minutes %}...{% endif %}, or "
        "give it a value to fall back on: (session.booked_minutes or 0)",
    ),
    (
        re.compile(r"'NoneType' object is not iterable"),
        "the template loops over a field that is not set",
        "loop only when it is there: {% if module.activities %}{% for ... %}...{% endfor %}"
        "{% endif %}, or {% for x in field or [] %}",
    ),
    (
        re.compile(r"object is not iterable"),
        "the template loops over a value that is no list (a number, a date, yes or no)",
        "loop over a list field, e.g. {% for point in module.key_points %}",
    ),
    (
        re.compile(r"can only concatenate str|unsupported operand type|must be str, not"),
        "the template adds a number to a text, or a text to a number",
        "join texts with ~ ({{ 'Part ' ~ loop.index }}); add numbers to numbers",
    ),
    (
        re.compile(r"invalid literal for int|could not convert string to float"),
        "the template reads a text as a number",
        "give numbers to what counts or adds (a duration, a count), texts to the rest",
    ),
    (
        re.compile(
            r"takes (?:\d+|no) positional arguments? but \d+ (?:were|was) given|"
            r"got an unexpected keyword argument|takes not more than"
        ),
        "a filter, function or macro is given more values than it takes",
        "see what it takes in the README's Templates section, or in the macro's own line",
    ),
)


def _generate(template: jinja2.Template, context: dict[str, Any]) -> str:
    """The template's text, stopped once it is longer than OUTPUT_LIMIT."""
    chunks: list[str] = []
    size = 0
    written = template.generate(context)
    for chunk in written:
        size += len(chunk)
        if size > OUTPUT_LIMIT:
            over = TemplateLimit(
                f"it wrote more than {OUTPUT_LIMIT:,} characters of Markdown for one output"
            )
            over.at = _writing_line(written)
            raise over
        chunks.append(chunk)
    return "".join(chunks)


def _writing_line(generator: Any) -> tuple[str, int] | None:
    """The template line a template's output is being written from, while it waits to
    write more (the innermost template code its generators are at): the line of the loop,
    or of the macro's call, that went past the limit."""
    found = None
    while generator is not None:
        frame = getattr(generator, "gi_frame", None)
        template = frame.f_globals.get("__jinja_template__") if frame is not None else None
        if template is not None:
            line = template.get_corresponding_lineno(frame.f_lineno)
            found = (frame.f_code.co_filename, line)
        generator = getattr(generator, "gi_yieldfrom", None)
    return found


class _Budget:
    """What is left of TOTAL_SECONDS in the build or check under way (see
    :func:`template_budget`); None outside one, where each template has SECONDS alone."""

    left: float | None = None


@contextmanager
def template_budget() -> Iterator[None]:
    """Around a build or a check: its templates together may run for TOTAL_SECONDS."""
    before = _Budget.left
    _Budget.left = float(TOTAL_SECONDS)
    try:
        yield
    finally:
        _Budget.left = before


@contextmanager
def _limits(name: str) -> Iterator[None]:
    """A time and a memory limit around one template, where the system offers them.

    The time limit is an alarm signal where the system has one (POSIX), else a timer thread
    that interrupts the main thread as Ctrl-C does (Windows); either reaches only the main
    thread, where builds render their templates; a step of Python's own that no signal
    interrupts is ended by the watchdog (see watchdog.py). The memory limit caps the process's
    address space at what it uses now plus MEMORY (Linux), so a template that grows a text
    without end gets MemoryError instead of taking the machine's memory.
    """
    import signal
    import threading

    left = _Budget.left
    if left is not None and left <= 0:
        raise TemplateLimit(_spent())
    seconds = SECONDS if left is None else min(SECONDS, left)
    main = threading.current_thread() is threading.main_thread()
    alarm = main and hasattr(signal, "setitimer")
    timer = _Timer(seconds) if main and not alarm else None

    def stop(signum: int, frame: Any) -> None:
        raise _OutOfTime

    late = TemplateLimit(
        f"it ran for more than {SECONDS} seconds" if seconds == SECONDS else _spent()
    )
    started = time.monotonic()
    previous: Any = None
    limit = None
    try:  # (the alarm set inside: one that rings at once, with little budget left, is told)
        limit = _memory_limit()
        if alarm:
            previous = signal.signal(signal.SIGALRM, stop)
            signal.setitimer(signal.ITIMER_REAL, seconds)
        with watched(name, SECONDS):  # a step the alarm cannot interrupt: the build ends
            yield
    except _OutOfTime as exc:  # said where the template was when its time was up
        raise late.with_traceback(exc.__traceback__) from None
    except KeyboardInterrupt as exc:
        if timer is not None and timer.stop():
            raise late.with_traceback(exc.__traceback__) from None
        raise
    finally:
        if left is not None:
            _Budget.left = left - (time.monotonic() - started)
        if timer is not None:  # however the template ended: it never rings later
            timer.stop()
        if alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            if previous is not None:
                signal.signal(signal.SIGALRM, previous)
        if limit is not None:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, limit)


def _spent() -> str:
    return (
        f"the templates of this build ran for more than {TOTAL_SECONDS} seconds in all (for "
        "every audience, language and output together)"
    )


class _Timer:
    """The time limit where there is no alarm signal: a thread that, ``seconds`` on,
    interrupts the main thread (a KeyboardInterrupt there, told from Ctrl-C by
    :meth:`stop`)."""

    def __init__(self, seconds: float = SECONDS) -> None:
        import threading

        self._lock = threading.Lock()
        self._rung = self._stopped = False
        self._thread = threading.Timer(seconds, self._ring)
        self._thread.daemon = True
        self._thread.start()

    def _ring(self) -> None:
        import _thread

        with self._lock:
            if not self._stopped:
                self._rung = True
                _thread.interrupt_main()

    def stop(self) -> bool:
        """Stop the timer; whether it rang. An interrupt it sent and the main thread has
        not yet received is received here, not in what the build does next."""
        with self._lock:
            stopped, self._stopped = self._stopped, True
        self._thread.cancel()
        if self._rung and not stopped:
            try:
                for _ in range(1000):  # the interrupt arrives between two steps of Python
                    time.sleep(0)
            except KeyboardInterrupt:
                pass
        return self._rung


def _memory_limit() -> tuple[int, int] | None:
    """Lower the address-space limit to the current size plus MEMORY; the old limit, to restore."""
    try:
        import os
        import resource

        with open("/proc/self/statm", encoding="ascii") as statm:
            in_use = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        old = resource.getrlimit(resource.RLIMIT_AS)
        soft, hard = old
        wanted = in_use + MEMORY
        if hard != resource.RLIM_INFINITY:
            wanted = min(wanted, hard)
        if soft != resource.RLIM_INFINITY and soft <= wanted:
            return None
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
        return old
    except (ImportError, OSError, ValueError):
        return None


def _where(exc: BaseException, known: set[str], root: Path, fallback: str) -> Location:
    frame = getattr(exc, "at", None) or _template_line(exc, known)
    if frame is None:
        return Location(display_path(Path(fallback), root))
    return Location(display_path(Path(frame[0]), root), frame[1])


# the tags that open a part their end tag closes
_BLOCK_TAGS = frozenset({"if", "for", "macro", "call", "filter", "block", "with", "raw"})


def _unclosed_tag(exc: jinja2.TemplateSyntaxError) -> tuple[int, str] | None:
    """Where a tag was opened and not closed, and the mark that closes it, when Jinja
    stopped at a character it met inside it later ("unexpected char '#' at 2104": the
    ``{% for ... %`` one line up, its "}" missing, read on into the next line)."""
    if exc.message == "unexpected '}'" and exc.source is not None and exc.lineno:
        # "{{ course.title }": one brace where two close it, told at its line
        lines = exc.source.splitlines() or [""]
        text = lines[min(exc.lineno, len(lines)) - 1]
        for opening, closing in (("{{", "}}"), ("{%", "%}")):
            if opening in text and closing not in text[text.rfind(opening) :]:
                return exc.lineno, closing
        return None
    found = re.fullmatch(r"unexpected char .* at (\d+)", exc.message or "")
    if found is None or exc.source is None:
        return None
    before = exc.source[: int(found.group(1))]
    opened = max(before.rfind("{%"), before.rfind("{{"))
    if opened < 0:
        return None
    closing = "%}" if before.startswith("{%", opened) else "}}"
    if closing in before[opened:]:
        return None
    return before.count("\n", 0, opened) + 1, closing


def _left_open(exc: jinja2.TemplateSyntaxError) -> tuple[str, int] | None:
    """The innermost tag a template left open, and its line, when Jinja stopped at the end
    of the file saying one is ("Unexpected end of template... 'if'"): the line of the
    ``{% if %}``, not of the file's end, is where a trainer looks."""
    found = re.search(r"innermost block that needs to be closed is '(\w+)'", exc.message or "")
    if found is None or exc.source is None:
        return None
    from jinja2.lexer import TOKEN_BLOCK_BEGIN, TOKEN_NAME

    opened: list[tuple[str, int]] = []
    after_begin = False
    # read up to the tag Jinja stopped at (another tag than the end it waited for): the
    # end tags after it would close the loops outside the one left open, and the outermost
    # loop was named
    stopped = None if "end of template" in (exc.message or "") else exc.lineno
    try:
        for token in _Sandbox().lexer.tokeniter(exc.source, None):
            line, kind, value = token
            if stopped is not None and line >= stopped:
                break
            if kind == "whitespace":
                continue
            if kind == TOKEN_BLOCK_BEGIN:
                after_begin = True
                continue
            if after_begin and kind == TOKEN_NAME:
                if value in _BLOCK_TAGS:
                    opened.append((value, line))
                elif value.startswith("end") and opened and opened[-1][0] == value[3:]:
                    opened.pop()
                elif value == "set":  # a {% set x %}...{% endset %} block: not told apart
                    pass
            after_begin = False
    except jinja2.TemplateSyntaxError:
        return None
    return next(((tag, line) for tag, line in reversed(opened) if tag == found.group(1)), None)


# the records a template last looked for a field they do not have in, by the field's name:
# what a misspelt field is suggested from (a few, the latest; see _attribute_hint)
_MISSED: dict[str, Any] = {}
_MISSED_MOST = 16


def _missed(attribute: str, record: Any) -> None:
    _MISSED.pop(attribute, None)
    _MISSED[attribute] = record
    while len(_MISSED) > _MISSED_MOST:
        del _MISSED[next(iter(_MISSED))]


def _attribute_hint(attribute: str, message: str, values: dict[str, Any]) -> str:
    """Suggest the closest field name of the record whose field was misspelt: of that
    record's own fields when it is known (a module's 'objectives' for 'objective', never
    a question's 'objective'; a support entry's fields for 'phone'), else of every record
    the template sees."""
    record = _MISSED.get(attribute)
    if record is not None:
        own = sorted(str(name) for name in unwatched_fields(record))
        close = did_you_mean(attribute, own) if own else ""
        if close.startswith("did you mean"):
            return close
        if own:
            return (
                "its fields are "
                + ", ".join(f"'{name}'" for name in own[:12])
                + (", ..." if len(own) > 12 else "")
            )
    names: set[str] = set()
    for value in values.values():
        names.update(_field_names(value))
    return did_you_mean(attribute, names) or "check the spelling of the field"


def _field_names(value: Any, depth: int = 3) -> set[str]:
    """The field names of a record and of the records in it (first items of lists)."""
    names: set[str] = set()
    if depth and isinstance(value, Mapping):
        for name, child in value.items():
            names.add(str(name))
            if isinstance(child, tuple) and child:
                child = child[0]
            names.update(_field_names(child, depth - 1))
    return names
