"""The words materials-gen itself puts on pages, slides and forms, in the course's language.

Every such word is a message of a gettext catalog. The English is written where the word is
used: ``{{ _("Key points") }}`` in a template, ``label("Page {page} of {total}", ...)`` in
the code; the translations are ``.po`` files, read with Babel:

- built in: ``materials_gen/locale/<language>.po`` (Spanish and French ship complete);
- the project's own: ``templates/locale/<language>.po``, which adds a language or overrides
  any message of a built-in one (an empty or fuzzy entry leaves the built-in one).

A course's ``language`` (a BCP 47 tag: ``es``, ``es-MX``, ``fr-CA``) is looked up from the
most to the least specific (``es-MX``, then ``es``), the project's catalog before the
built-in one, and English (the messages themselves) last. ``materials_gen/locale/
messages.pot`` lists every message; ``check`` names the ones a language lacks.

Placeholders are named in braces (``{page}``); a translation may reorder them but not add
others, and nothing else in braces is read: a shared catalog cannot reach into the values it
is given. Dates and numbers are formatted for the language by Babel.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import stat
import weakref
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ContentError, Location, Problem

LOCALE = Path(__file__).resolve().parent / "locale"  # the built-in catalogs
TEMPLATE = LOCALE / "messages.pot"  # every message, as extracted from the code and templates
PROJECT_FOLDER = "locale"  # a project's catalogs, inside its templates folder
MAX_CATALOG_BYTES = 4 * 1024 * 1024
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_BRACE = re.compile(r"[{}]")  # one that is no placeholder's (see _PLACEHOLDER)


@dataclass(frozen=True)
class Labels:
    """The messages of one language: each English message's translation (messages without
    one are English), and the catalog files they were read from (inputs of every output)."""

    language: str = "en"
    # each message's translation; a message with plural forms is keyed by its singular, its
    # forms joined by NUL in the order of the catalog's Plural-Forms
    translations: tuple[tuple[str, str], ...] = ()
    files: tuple[Path, ...] = ()
    plural_forms: str = "nplurals=2; plural=(n != 1);"  # the catalog's, for ngettext
    _table: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._table.update(self.translations)

    def __reduce__(self) -> Any:  # sent to the build's workers without the lookup table
        return (Labels, (self.language, self.translations, self.files, self.plural_forms))

    def gettext(self, message: str, /, **values: Any) -> str:
        """``message`` in this language, its ``{name}`` placeholders filled from ``values``."""
        return fill(self.form(message), values)

    def ngettext(self, singular: str, plural: str, count: int, /, **values: Any) -> str:
        """The form of a message for ``count`` ("1 question", "3 questions"), in this
        language's plural rules; ``{count}`` is filled with it."""
        values.setdefault("count", count)
        return fill(self.form(singular, plural, count), values)

    def form(self, singular: str, plural: str | None = None, count: int = 1) -> str:
        """The text :meth:`gettext` (no ``plural``) or :meth:`ngettext` fills: the message's
        translation, or the form of it for ``count``; the English when there is none."""
        if plural is None:
            return self._table.get(singular) or singular
        forms = self._table.get(singular)
        if forms is None:
            return singular if count == 1 else plural
        choices = forms.split("\0")  # one form alone in a language of one (Japanese)
        index = _plural_rule(self.plural_forms)(int(count))
        return choices[min(index, len(choices) - 1)]

    def has(self, message: str) -> bool:
        return message in self._table

    def option_letters(self) -> tuple[str, ...]:
        """The letters a form prints before a question's options, in this language: the
        catalog's translation of :data:`OPTION_LETTERS` when it gives eight different ones
        ("\u0623 \u0628 \u062c \u062f ..." in Arabic), else A to H."""
        return _letters_of(self.gettext(OPTION_LETTERS)) or tuple(OPTION_LETTERS.split())

    def stored(self, message: str, plural: bool = False) -> str | tuple[str, ...] | None:
        """The translation of ``message`` as a catalog holds it: its text, its ``plural``
        forms (one alone in a language of one form), or None when it has none."""
        found = self._table.get(message)
        if found is None or not plural:
            return found
        return tuple(found.split("\0"))

    def template_functions(self) -> tuple[Any, Any]:
        """``_`` and ``_n`` for a template: plain functions (a template cannot reach these
        labels through them: a function has no attribute a sandboxed template may read),
        remembered so that the template's filters format dates in the same language."""

        def gettext(message: str, /, **values: Any) -> str:
            values = _as_written(values)
            _filled_as_written("_", (message,), values)
            return self.gettext(message, **values)

        def ngettext(singular: str, plural: str, count: int | None = None, /, **values: Any) -> str:
            if count is None:
                from .templating import WrongValue

                raise WrongValue(
                    "_n needs the count that chooses between its two forms",
                    "give it after them: {{ _n('{count} question', '{count} questions', "
                    "checks.after | length) }}",
                )
            values = _as_written(values)
            _filled_as_written("_n", (singular, plural), {"count": count, **values})
            return self.ngettext(singular, plural, count, **values)

        # how many messages each takes first, and the text it fills (the translation, or
        # its form for the count): the sandbox judges what filling its {names} makes
        # before it is made (see templating._Sandbox.call)
        gettext._fills_messages, ngettext._fills_messages = 1, 2  # type: ignore[attr-defined]
        gettext._filled = lambda message, *_: self.form(message)  # type: ignore[attr-defined]
        ngettext._filled = lambda one, many, count, *_: self.form(one, many, count)  # type: ignore[attr-defined]
        _SPEAKERS[gettext] = self
        return gettext, ngettext

    @property
    def locale(self) -> Any:
        """Babel's locale of the language (English when Babel does not know it)."""
        return babel_locale(self.language)

    def long_date(self, day: dt.date) -> str:
        """A date as it is written in full: "2 November 2026", "2 de noviembre de 2026"."""
        return long_date(day, self.language)

    def minutes(self, value: Any) -> str:
        """A duration: "1 h 45 min" (the units from the catalog)."""
        minutes = int(value or 0)
        hours, rest = divmod(minutes, 60)
        if hours and rest:
            return self.gettext("{hours} h {minutes} min", hours=hours, minutes=rest)
        if hours:
            return self.gettext("{hours} h", hours=hours)
        return self.gettext("{minutes} min", minutes=rest)

    def number(self, value: float, digits: int | None = None) -> str:
        """A number as the language writes it (1.5, 1,5); with ``digits``, with exactly
        that many after the decimal sign (1.75, 1,75)."""
        from babel.numbers import format_decimal

        pattern = None if digits is None else "#,##0." + "0" * max(0, min(int(digits), 6))
        return format_decimal(value, format=pattern, locale=self.locale)


def _plural_problem(forms: str) -> str:
    """What is wrong with a catalog's Plural-Forms rule ("" when nothing): it must be read,
    and give every count from 0 to 1,000 (and a million) a form the catalog has."""
    import gettext

    match = re.search(r"plural\s*=\s*([^;]+)", forms)
    if match is None:
        return ""
    many = re.search(r"nplurals\s*=\s*(\d+)", forms)
    count = int(many.group(1)) if many else 2
    said = f"'{match.group(1).strip()[:80]}'"
    try:
        rule = gettext.c2py(match.group(1))
    except (ValueError, SyntaxError, RecursionError):
        return f"{said} cannot be read"
    for n in (*range(1001), 10**6):
        try:
            form = rule(n)
        except (ArithmeticError, RecursionError, ValueError):
            return f"{said} cannot be worked out for {n}"
        if not 0 <= form < count:
            return (
                f"{said} gives form {form} for {n}, and the catalog has forms 0 to "
                f"{count - 1} (nplurals={count})"
            )
    return ""


@functools.lru_cache(maxsize=16)
def _plural_rule(forms: str) -> Any:
    """The index of the plural form for a count, from a catalog's Plural-Forms header."""
    import gettext

    match = re.search(r"plural\s*=\s*([^;]+)", forms)
    try:
        return gettext.c2py(match.group(1) if match else "n != 1")
    except (ValueError, SyntaxError, RecursionError):
        return gettext.c2py("n != 1")


ENGLISH = Labels()

# the labels behind each template's ``_`` (see Labels.template_functions)
_SPEAKERS: weakref.WeakKeyDictionary[Any, Labels] = weakref.WeakKeyDictionary()


def labels_of(function: Any) -> Labels:
    """The labels a template's ``_`` speaks (English for anything else)."""
    try:
        return _SPEAKERS.get(function, ENGLISH)
    except TypeError:  # not a function at all
        return ENGLISH


def _as_written(values: dict[str, Any]) -> dict[str, Any]:
    """A label's values as a template writes them: a field not set is nothing (it printed
    "None" inside the label)."""
    return {name: "" if value is None else value for name, value in values.items()}


def _filled_as_written(function: str, messages: tuple[Any, ...], values: Mapping[str, Any]) -> None:
    """Refuse a template's label whose ``{name}`` placeholders (in any of its forms) and
    given values do not match: "Module {number} of {count}" given only ``number`` printed
    "of {count}", and a value given under another name (``cnt=3``) was dropped, without a
    word. A message that is no text (a number) is written as it is."""
    if not all(isinstance(m, str) for m in messages):
        return
    message = messages[-1]
    wanted = {name for m in messages for name in _PLACEHOLDER.findall(m)}
    missing, unknown = sorted(wanted - set(values)), sorted(set(values) - wanted - {"count"})
    if not missing and not unknown:
        return
    from .templating import WrongValue

    named = ", ".join(f"{{{n}}}" for n in missing) if missing else ""
    said = (
        f"the label '{message}' has {named} but is given no value for it"
        if missing
        else f"the label '{message}' has no {{{unknown[0]}}} for the value given as {unknown[0]}"
    )
    if missing and unknown:
        said += f" (a value is given as {', '.join(unknown)})"
    example = ", ".join(f"{n}=..." for n in sorted(wanted - {"count"})) or "no values"
    forms = "'one ...', 'many ...', count, " if function == "_n" else f"'{message}', "
    raise WrongValue(
        said,
        f"give {function}() a value for each {{name}} the label has, by that name: "
        f"{function}({forms}{example})",
    )


def fill(text: str, values: Mapping[str, Any]) -> str:
    """``text`` with each ``{name}`` replaced by ``values[name]`` (others left as they are)."""
    if not values:
        return text
    return _PLACEHOLDER.sub(
        lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), text
    )


# ---------------------------------------------------------------- the current language

_CURRENT: ContextVar[Labels] = ContextVar("materials_gen_labels", default=ENGLISH)


@contextmanager
def speaking(labels: Labels | None) -> Iterator[None]:
    """Label what is drawn inside in ``labels``' language (see :func:`label`)."""
    token = _CURRENT.set(labels or ENGLISH)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def current() -> Labels:
    return _CURRENT.get()


def gettext_noop(message: str) -> str:
    """``message`` as it is, marked for the catalogs: a label kept in data (a session slot's
    title) and translated where a template prints it (``_(slot.title)``)."""
    return message


# Translators: the letters of a question's options on a form and its answer key, in order,
# separated by spaces (eight of them, each different), e.g. in Arabic "أ ب ج د هـ و ز ح".
OPTION_LETTERS = gettext_noop("A B C D E F G H")


def label(message: str, /, **values: Any) -> str:
    """``message`` in the language of the output being made (see :func:`speaking`)."""
    return _CURRENT.get().gettext(message, **values)


# ---------------------------------------------------------------- dates and numbers


def _locale(tag: str) -> Any:
    """Babel's locale for a tag ("es_MX", "es"), or None when Babel does not know it."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(tag)
    except (UnknownLocaleError, ValueError):
        return None


@functools.lru_cache(maxsize=64)
def babel_locale(language: str) -> Any:
    """Babel's locale of a language tag: the region's, else the language's, else English."""
    found = _locale(language.replace("-", "_")) or _locale(language.split("-")[0])
    return found or _locale("en")


def named_tags(name: str, tags: Iterable[str]) -> list[str]:
    """The tags of ``tags`` that ``name`` names: the one it spells (any case, "_" for "-"),
    else the one tag whose first part it is ("en" for "en-US"); none when it names two."""
    asked = name.strip().lower().replace("_", "-")
    tags = list(tags)
    exact = [tag for tag in tags if tag.lower() == asked]
    first = [tag for tag in tags if tag.lower().split("-")[0] == asked]
    return exact or (first if len(first) == 1 else [])


def refuse_unknown_language(language: str) -> None:
    """ContentError when ``language`` (a well-formed tag) names no language materials-gen
    knows: a slip ("sp" for Spanish, "xx-notalang"), told before any file is made."""
    if known_language(language):
        return
    raise ContentError(
        [
            Problem(
                None,
                f"'{language.split('-')[0]}' is not a language materials-gen knows (a "
                "language tag starts with the language's two- or three-letter code)",
                "write e.g. es (Spanish), fr (French), pt-BR (Portuguese as in Brazil)",
            )
        ]
    )


def known_language(language: str) -> bool:
    """Whether Babel knows how the language writes dates and numbers."""
    return _locale(language.split("-")[0]) is not None


@functools.lru_cache(maxsize=256)  # every footer of every page asks for the same date
def long_date(day: dt.date, language: str) -> str:
    """``day`` written in full in ``language``. English keeps the day first ("2 November
    2026"): read the same way in the US and in the UK.

    A date is read whole, so no output breaks it across lines ("3" / "December 2026"), as a
    duration is kept whole (:func:`units.bind_units`): its spaces are no-break spaces
    (:func:`units.kept_whole`; a date as long as a sentence is left to break as words)."""
    from babel.dates import format_date

    from .units import kept_whole

    locale = babel_locale(language)
    pattern = "d MMMM y" if locale.language == "en" else "long"
    return kept_whole(format_date(day, pattern, locale=locale))


# ---------------------------------------------------------------- reading the catalogs


# Regions whose English spells as British English does (organisation, licence): their
# courses read the en_GB catalog before the labels as written (American English).
BRITISH_SPELLING = frozenset({"AU", "NZ", "IE", "ZA", "IN"})


def _candidates(language: str) -> list[str]:
    """The catalog names to look for, most specific first: es-MX -> es_MX, es-MX, es (and
    en-AU -> en_AU, en-AU, en_GB, en)."""
    parts = language.split("-")
    british = len(parts) > 1 and parts[0].lower() == "en" and parts[1].upper() in BRITISH_SPELLING
    names: list[str] = []
    for count in range(len(parts), 0, -1):
        tag = parts[:count]
        if count == 1 and british:
            names.append("en_GB")
        for name in ("_".join(tag), "-".join(tag)):
            if name not in names:
                names.append(name)
    return names


def catalog_files(root: Path | None, language: str) -> list[Path]:
    """The catalogs a course in ``language`` reads, in the order they are looked up: the
    project's, for each name (most specific first), then the built-in ones likewise, so
    that a project's own words always win (its en.po over the built-in en_GB.po of an en-GB
    course). ``root`` None: the built-in ones only."""
    from .project import builtin_templates, template_dirs

    folders = template_dirs(root) if root is not None else []
    project = [d / PROJECT_FOLDER for d in folders if d != builtin_templates()]
    found = []
    for group in (project, [LOCALE]):
        for name, folder in ((n, f) for n in _candidates(language) for f in group):
            path = folder / f"{name}.po"
            if path.is_file():
                found.append(path)
    return found


def load_labels(root: Path | None, language: str) -> Labels:
    """The labels of a course in ``language``; ContentError naming a project catalog's file
    and line when it cannot be read. Read once while its catalogs stay as they are (every
    audience's edition, ``check`` and a watch session ask again)."""
    files = catalog_files(root, language)
    from .manifest import file_hash

    # each catalog's bytes, not its time (an edit within the clock's tick is an edit too)
    stamps = [
        (path, "outside" if _leads_out(path, root) else file_hash(path, MAX_CATALOG_BYTES + 1))
        for path in files
    ]
    return _load_labels(root, language, tuple((p, s or "") for p, s in stamps))


def _leads_out(path: Path, root: Path | None) -> bool:
    """Whether a project's catalog is a link out of the project (never read, see below)."""
    own = root is not None and path.is_relative_to(root)
    return own and not path.resolve().is_relative_to(Path(root).resolve())  # type: ignore[arg-type]


@functools.lru_cache(maxsize=16)
def _load_labels(root: Path | None, language: str, stamps: tuple[tuple[Path, str], ...]) -> Labels:
    files = [path for path, _ in stamps]
    table: dict[str, str] = {}
    problems: list[Problem] = []
    for path in reversed(files):  # the most specific last, so that it wins
        table.update(_read_catalog(path, root, problems))
    if problems:
        raise ContentError(problems)
    forms = table.pop("", None) or Labels.plural_forms
    return Labels(language, tuple(sorted(table.items())), tuple(files), forms)


def _read_catalog(path: Path, root: Path | None, problems: list[Problem]) -> dict[str, str]:
    from .project import display_unfollowed

    # named as the project has it: a link by its own name, not where it leads
    shown = display_unfollowed(path, root) if root is not None else path.name
    if _leads_out(path, root):  # the project's own catalog (not a built-in one), linked out
        problems.append(
            Problem(
                Location(shown),
                "this catalog links to a place outside the project",
                "copy the file into the project instead of linking to it",
            )
        )
        return {}
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            problems.append(
                Problem(Location(shown), "this is not a regular file", "replace it with a file")
            )
            return {}
        if path.stat().st_size > MAX_CATALOG_BYTES:
            problems.append(
                Problem(
                    Location(shown),
                    f"the catalog is larger than {MAX_CATALOG_BYTES // 1024 // 1024} MB",
                    "a catalog of labels is a few hundred lines",
                )
            )
            return {}
        data = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(Location(shown), f"cannot read the catalog: {exc.strerror}"))
        return {}
    return _parse_catalog(data, shown, problems)


@functools.lru_cache(maxsize=32)
def _parsed(
    data: bytes,
) -> (
    tuple[tuple[str, str, tuple[tuple[int, int], ...], bool], ...]
    | tuple[str, int]
    | tuple[str, int, str]
):
    """The translated messages of a .po file as (message, translation, where its pieces are
    written: see :func:`_places`, whether it has plural forms), or the error found in it as
    (what, line[, hint]). A byte-order mark before it (Notepad's) is no part of it: Babel
    took it for a misformatted keyword."""
    data = data.removeprefix(b"\xef\xbb\xbf")
    data, undecodable = _as_saved(data)
    if undecodable is not None:
        return undecodable

    from babel.messages.pofile import PoFileError

    unclosed = _unclosed_line(data)
    if unclosed:
        return ('a quoted text is not closed (a line must end with its closing ")', unclosed)
    try:
        catalog = _read_bounded(data)
    except _TooManyForms as exc:
        text = data.decode("utf-8", errors="replace")
        at = text.find("nplurals")
        line = text.count("\n", 0, at) + 1 if at >= 0 else 1
        return (
            f"the catalog declares {exc.count:,} plural forms (nplurals); a language has "
            f"{MAX_PLURAL_FORMS} at most",
            line,
        )
    except PoFileError as exc:
        line = (getattr(exc, "lineno", -1) or 0) + 1  # Babel counts lines from 0
        said = str(exc).split(" on ")[0] or "not a .po file"
        if "more translations than num_plurals" in said:
            said = (
                "a message gives more plural forms (msgstr[0], msgstr[1], ...) than the "
                "catalog's Plural-Forms line has (nplurals)"
            )
        return (said, line)
    except (ValueError, UnicodeDecodeError, LookupError) as exc:
        return (f"not a .po file ({exc})", 0)
    lines = data.decode("utf-8", errors="replace").splitlines()
    rule = next((n for n, t in enumerate(lines, 1) if "Plural-Forms:" in t), 0)
    found = [("", catalog.plural_forms, ((0, rule),), False)]  # the catalog's rule first
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        line = _msgstr_line(lines, message.lineno or 0)
        if isinstance(message.id, tuple):  # plural forms: all given, or none at all
            forms = tuple(message.string) if isinstance(message.string, tuple) else ()
            if forms and all(forms):
                places = _places(lines, line, forms)
                found.append((message.id[0], "\0".join(forms), places, True))
            continue
        text = message.string if isinstance(message.string, str) else ""
        if text:
            found.append((message.id, text, _places(lines, line, (text,)), False))
    return tuple(found)


_FORM = re.compile(r"\s*msgstr(?:\[(\d+)\])?\s*(\".*)")


def _places(lines: list[str], first: int, forms: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
    """Where each piece of a translation is written: (where it starts in the translation,
    its forms joined by NUL as :func:`_parsed` gives them, and its line), from the first
    ``msgstr`` line ``first`` on, each form (``msgstr[1]``) and each quoted line after it
    its own piece, so that a mistake is told at the line that holds it."""
    from babel.messages.pofile import unescape

    starts, at = [], 0
    for form in forms:
        starts.append(at)
        at += len(form) + 1
    places = [(0, first)]
    form, within = 0, 0
    for number in range(first, len(lines) + 1):
        line = lines[number - 1].strip()
        keyword = _FORM.match(line)
        if keyword is not None:
            if number > first and keyword.group(1) is None:
                break  # another message's
            form, within = int(keyword.group(1) or 0), 0
            line = keyword.group(2)
        elif number == first or not line.startswith('"'):
            break  # the translation's end: a blank line, a comment, the next msgid
        if form >= len(forms):
            break
        try:
            piece = unescape(line)
        except ValueError:
            break
        places.append((starts[form] + within, number))
        within += len(piece)
    return tuple(places)


def _line_of(places: tuple[tuple[int, int], ...], at: int) -> int:
    """The line of the piece of a translation that holds its character ``at`` (see
    :func:`_places`)."""
    line = places[0][1]
    for start, number in places:
        if start <= at:
            line = number
    return line


_CHARSET = re.compile(rb"charset=([A-Za-z0-9_.:-]+)")
SAVE_AS_UTF8 = "save it as UTF-8 (in most editors: Save As, Encoding: UTF-8)"


def _as_saved(data: bytes) -> tuple[bytes, tuple[str, int, str] | None]:
    """A catalog's bytes as Babel reads them, however an editor saved it: UTF-16 with its
    byte-order mark (Notepad's "Unicode") made UTF-8, its header's charset saying so; a lone
    CR ending each line (old Mac editors: Babel, splitting at LF, read one long comment
    line and dropped every label) made LF. Or, for text that is not in the charset its
    header names (UTF-8 when it names none), what is wrong, its line and what to do: it was
    "not a .po file" with Python's words, at no line."""
    import codecs

    from .errors import line_at

    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError as exc:
            return data, (f"it is not UTF-16 text (byte 0x{data[exc.start]:02x})", 1, SAVE_AS_UTF8)
        data = _CHARSET.sub(b"charset=UTF-8", data, count=1)
    data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    found = _CHARSET.search(data[:8192])
    charset = found.group(1).decode("ascii") if found else "utf-8"
    try:
        codecs.lookup(charset)
    except LookupError:
        return data, None  # (Babel says the charset is unknown)
    try:
        data.decode(charset)
    except UnicodeDecodeError as exc:
        named = "UTF-8" if codecs.lookup(charset).name == "utf-8" else charset
        said = f"it is not {named} text, as its header says (byte 0x{data[exc.start]:02x})"
        return data, (said, line_at(data, exc.start), SAVE_AS_UTF8)
    return data, None


def _msgstr_line(lines: list[str], msgid_line: int) -> int:
    """The line of the translation (its first ``msgstr``) of the message whose ``msgid`` is
    on ``msgid_line`` (counted from 1): where a mistake in it is told."""
    for number in range(max(msgid_line, 1), min(len(lines), msgid_line + 200) + 1):
        if lines[number - 1].lstrip().startswith("msgstr"):
            return number
    return msgid_line


_QUOTED = re.compile(
    r'^\s*(?:(?:msgid|msgid_plural|msgctxt|msgstr(?:\[\d+\])?)\s+)?"(?:\\.|[^"\\])*"\s*$'
)


# Plural forms a catalog may declare: a language has six at most (Arabic). Babel makes room
# for every declared form of every plural message as it reads the file, so a 116-byte
# catalog declaring 150 million took 2.4 GB: the number is checked where Babel reads it
# (however the header writes it: split across quoted pieces, "+150000000", "0_150_000_000"),
# before any room is made.
MAX_PLURAL_FORMS = 6


class _TooManyForms(Exception):
    def __init__(self, count: int):
        super().__init__(count)
        self.count = count


def _read_bounded(data: bytes) -> Any:
    """The catalog in ``data`` as Babel reads it, stopped with :class:`_TooManyForms` as soon
    as its header declares more plural forms than a language has."""
    import io

    from babel.messages.catalog import Catalog
    from babel.messages.pofile import PoFileParser

    class Bounded(Catalog):
        @property
        def num_plurals(self) -> int:
            count = Catalog.num_plurals.fget(self)  # type: ignore[attr-defined]
            if count > MAX_PLURAL_FORMS:
                raise _TooManyForms(count)
            return count

    catalog = Bounded()
    PoFileParser(catalog, False, abort_invalid=True).parse(io.BytesIO(data))
    return catalog


def _unclosed_line(data: bytes) -> int:
    """The first line holding quoted text that is not closed (0: none). Babel reads such a
    line without a word, dropping its last character: a mistake to name, not to print."""
    for number, line in enumerate(data.decode("utf-8", errors="replace").splitlines(), 1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        if '"' in text and not _QUOTED.match(text):
            return number
    return 0


MAX_REPEATS = 3  # times a translation may name one value ("{page}"): the msgid's once or twice
MAX_LABEL_CHARS = 2_000  # one label's translation (the longest English label is a sentence)


def _forms(text: str) -> Iterator[tuple[str, int]]:
    """Each form of a translation (its forms joined by NUL) and where it starts."""
    at = 0
    for form in text.split("\0"):
        yield form, at
        at += len(form) + 1


def _parse_catalog(data: bytes, shown: str, problems: list[Problem]) -> dict[str, str]:
    """The translations of one .po file; the key "" holds its Plural-Forms rule."""
    parsed = _parsed(data)
    if parsed and isinstance(parsed[0], str):
        what, line, *hint = parsed  # type: ignore[misc]
        problems.append(
            Problem(
                Location(shown, int(line)),
                f"the catalog cannot be read: {what}",
                hint[0]
                if hint
                else 'a catalog is a gettext .po file: msgid "English" then msgstr "translation"',
            )
        )
        return {}
    table: dict[str, str] = {}
    for message, text, places, plural in parsed:  # type: ignore[misc]
        line = places[0][1]  # the translation's first line, or the place of a mistake in it
        if not message:
            wrong = _plural_problem(text)
            if wrong:
                problems.append(
                    Problem(
                        Location(shown, line),
                        f"the catalog's plural rule {wrong}",
                        "write the Plural-Forms line the language's gettext documentation "
                        "gives, e.g. nplurals=2; plural=(n != 1);",
                    )
                )
                continue
            table[""] = text
            continue
        if len(text) > MAX_LABEL_CHARS:  # drawn on every page: a footer of a book took a minute
            problems.append(
                Problem(
                    Location(shown, line),
                    f"the translation of '{message[:60]}' is {len(text):,} characters long; a "
                    f"label is at most {MAX_LABEL_CHARS:,}",
                    "a label is a few words: keep the translation as short as the English",
                )
            )
            continue
        # a plural message's placeholders are its plural's too ("{count} breaks")
        wanted = set(_PLACEHOLDER.findall(message)) | ({"count"} if plural else set())
        used = set(_PLACEHOLDER.findall(text))
        repeated = max(  # in each form of a plural message, not all forms together
            (
                (times, n, start)
                for form, start in _forms(text)
                for n in used
                if (times := form.count(f"{{{n}}}")) > MAX_REPEATS
            ),
            default=None,
        )
        if repeated is not None:  # each filled with a value as long as a template makes
            once_more = text.find(f"{{{repeated[1]}}}", repeated[2])
            for _ in range(MAX_REPEATS):  # at the name's first use past the most
                once_more = text.find(f"{{{repeated[1]}}}", once_more + 1)
            problems.append(
                Problem(
                    Location(shown, _line_of(places, once_more)),
                    f"the translation of '{message[:60]}' uses {{{repeated[1]}}} "
                    f"{repeated[0]:,} times; a label names a value at most {MAX_REPEATS} times",
                    "keep the names in braces as often as the msgid has them",
                )
            )
            continue
        # the text with its placeholders blanked out, in their places
        bare = _PLACEHOLDER.sub(lambda m: "\x01" * len(m.group(0)), text)
        stray = _BRACE.search(bare)
        if stray is not None and not _BRACE.search(_PLACEHOLDER.sub("", message)):
            # '{minutes min', '{kind.__class__}': printed as typed, in every output
            at = stray.start()
            start = max(bare.rfind(" ", 0, at), bare.rfind("\0", 0, at)) + 1
            ends = [i for i in (bare.find(" ", at), bare.find("\0", at)) if i >= 0]
            piece = text[start : min(ends, default=len(text))][:40]
            names = ", ".join(f"{{{n}}}" for n in sorted(wanted))
            problems.append(
                Problem(
                    Location(shown, _line_of(places, at)),
                    f"the translation of '{message[:60]}' has a brace that names no value: "
                    f"'{piece}' (printed as typed)",
                    f"write each name in braces whole, as the msgid has it: {names}"
                    if wanted
                    else "take the brace out: the msgid names no value",
                )
            )
            continue
        if not used <= wanted:
            names = ", ".join(f"{{{n}}}" for n in sorted(used - wanted))
            first = min(m.start() for m in _PLACEHOLDER.finditer(text) if m.group(1) not in wanted)
            problems.append(
                Problem(
                    Location(shown, _line_of(places, first)),
                    f"the translation of '{message}' uses {names}, which the message does not have",
                    "keep the names in braces as they are in the msgid"
                    + (f": {', '.join(f'{{{n}}}' for n in sorted(wanted))}" if wanted else ""),
                )
            )
            continue
        if message == OPTION_LETTERS and not _letters_of(text):
            given = text.split()
            problems.append(
                Problem(
                    Location(shown, line),
                    f"the translation of '{OPTION_LETTERS}' gives {len(given)} letters"
                    + (", some of them the same" if len(given) == 8 else "")
                    + "; the forms print a question's options by eight different ones",
                    "write eight different letters separated by spaces (as in Arabic "
                    "'أ ب ج د هـ و ز ح'), or leave "
                    "the msgstr empty for A to H",
                )
            )
            continue
        table[message] = text
    return table


def _letters_of(text: str) -> tuple[str, ...]:
    """The option letters a translation of :data:`OPTION_LETTERS` gives: eight different
    ones, separated by spaces; () when it gives any other."""
    letters = tuple(text.split())
    wanted = len(OPTION_LETTERS.split())
    return letters if len(letters) == wanted == len(set(letters)) else ()


# ---------------------------------------------------------------- what a language lacks


@functools.cache
def all_messages() -> tuple[str, ...]:
    """Every message materials-gen puts on a page (messages.pot, as shipped)."""
    import io

    from babel.messages.pofile import read_po

    catalog = read_po(io.BytesIO(TEMPLATE.read_bytes()))
    return tuple(m.id[0] if isinstance(m.id, tuple) else m.id for m in catalog if m.id)


@functools.cache
def plural_forms() -> dict[str, str]:
    """Each message with a plural form (messages.pot, as shipped): its plural by its
    singular ("{count} questions" by "{count} question")."""
    import io

    from babel.messages.pofile import read_po

    catalog = read_po(io.BytesIO(TEMPLATE.read_bytes()))
    return {m.id[0]: m.id[1] for m in catalog if isinstance(m.id, tuple) and len(m.id) > 1}


def project_messages(root: Path | None) -> tuple[str | tuple[str, str], ...]:
    """The labels the project's own templates say (``_("...")`` and ``_n("...", "...")`` in
    its templates/ folder) that materials-gen's own words do not hold: a template's words
    written as a label, as the README advises. Each as a catalog's message id (a plural's
    as its two forms), in the order the templates say them. Read, never run: a template
    Jinja cannot read says nothing here (check and build tell what is wrong with it)."""
    if root is None:
        return ()
    import io

    from babel.messages.extract import extract

    from .templating import own_template_sources

    shipped = set(all_messages())
    found: dict[str | tuple[str, str], None] = {}
    for _name, source in own_template_sources(root):
        try:
            messages = list(
                extract(
                    "jinja2",
                    io.BytesIO(source.encode("utf-8")),
                    keywords={"_": None, "_n": (1, 2)},
                    options={"encoding": "utf-8"},
                )
            )
        except Exception:  # noqa: BLE001 - a template Jinja cannot parse: told elsewhere
            continue
        for _line, message, _comments, _context in messages:
            key = message[0] if isinstance(message, tuple) else message
            if key and key not in shipped:
                found.setdefault(tuple(message[:2]) if isinstance(message, tuple) else message)
    return tuple(found)


def missing(labels: Labels, root: Path | None = None) -> list[str]:
    """The messages with no translation in ``labels``' language (none for English): of
    materials-gen's own words, and of those the project ``root``'s own templates say."""
    if labels.language.split("-")[0].lower() == "en":
        return []
    own = [m[0] if isinstance(m, tuple) else m for m in project_messages(root)]
    return [m for m in (*all_messages(), *own) if not labels.has(m)]


# ---------------------------------------------------------------- a project's own catalog


LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,4}\Z")  # \Z: no newline after


def write_project_catalog(root: Path, language: str) -> tuple[Path, int, int]:
    """Write ``templates/locale/<language>.po`` with every label: the project's translations
    kept, the built-in ones filled in (to change, or to delete and keep the built-in), the
    rest empty to fill in. Returns the file, the labels translated and the labels in all."""
    import io

    from babel.messages.catalog import Catalog, Message
    from babel.messages.pofile import read_po

    if not LANGUAGE_TAG.match(language):
        raise ContentError(
            [Problem(None, f"'{language}' is not a language tag", "write e.g. es, fr or pt-BR")]
        )
    refuse_unknown_language(language)  # a slip ("sp"), as translate refuses it
    from .load import read_bytes_in
    from .write import ProjectWriteError, project_write_problems, write_in_project

    path = Path(root) / "templates" / PROJECT_FOLDER / f"{language}.po"
    refused = project_write_problems(Path(root), path)  # never read or written through a link
    if refused:
        raise ProjectWriteError(refused)
    own: dict[str, Any] = {}
    own_rule = ""  # the rule of the forms the trainer's catalog holds
    if path.is_file():  # keep what the trainer wrote, even a catalog that no longer reads
        data = read_bytes_in(path, Path(root))
        parsed = _parsed(data)
        problem = parsed if parsed and isinstance(parsed[0], str) else None
        try:
            if not problem:
                saved = _as_saved(data.removeprefix(b"\xef\xbb\xbf"))[0]
                read = _read_bounded(saved)
                # (those set aside as no template's, too: used again if one says it again)
                kept = [*read, *read.obsolete.values()]
                own = {m.id: m.string for m in kept if m.id and m.string}
                own_rule = read.plural_forms
                wrong = _plural_problem(own_rule)
                if wrong:  # its forms cannot be put in order: nothing is rewritten
                    lines = saved.decode("utf-8", "replace").splitlines()
                    at = next((n for n, t in enumerate(lines, 1) if "Plural-Forms:" in t), 0)
                    problem = (
                        f"its plural rule {wrong}",
                        at,
                        "write the Plural-Forms line the language's gettext documentation "
                        "gives, e.g. nplurals=2; plural=(n > 1);",
                    )
        except Exception:  # noqa: BLE001 - Babel raises many kinds for a damaged file
            problem = ("it is not a catalog Babel can read", 0)
        if problem:
            what, line, *hint = problem
            raise ContentError(
                [
                    Problem(
                        Location(path.relative_to(root).as_posix(), int(line) or None),
                        f"the catalog cannot be read ({what}), so it is left as it is",
                        hint[0] if hint else "mend that line, then run this again",
                    )
                ]
            )
    built_in = load_labels(None, language)
    template = read_po(io.BytesIO(TEMPLATE.read_bytes()))
    locale = babel_locale(language)
    catalog = Catalog(
        locale=locale if locale.language == language.split("-")[0] else None,
        project="materials-gen",
        copyright_holder="the course's authors",
    )
    catalog.language_team = language
    translated = 0
    said = [m for m in template if m.id]
    for message_id in project_messages(root):  # the project's templates' own labels
        note = "a label of this project's own templates"
        said.append(Message(message_id, auto_comments=[note]))
    for message in said:
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        string = own.get(message.id)
        if string is not None and isinstance(message.id, tuple) and own_rule:
            string = _forms_for(tuple(string), own_rule, catalog.plural_forms)
        if string is None:
            string = built_in.stored(key, plural=isinstance(message.id, tuple))
            if isinstance(string, tuple):  # the built-in forms, in the order the file's
                string = _forms_for(string, built_in.plural_forms, catalog.plural_forms)
        if string is None:
            string = ("", "") if isinstance(message.id, tuple) else ""
        if string and (all(string) if isinstance(string, tuple) else True):
            translated += 1
        catalog.add(
            message.id,
            string,
            auto_comments=message.auto_comments,
            flags=[f for f in message.flags if f != "fuzzy"],
        )
    # a translation no template says any more is kept, set aside (#~): nothing written by
    # hand is lost, and it is used again if a template says its label again
    for message_id, string in own.items():
        if message_id not in catalog:
            catalog.obsolete[message_id] = Message(message_id, string)
    write_in_project(Path(root), path, _po_bytes(catalog, no_location=True), replace=True)
    return path, translated, len(said)


# counts that between them take every form a plural rule has (a million: French's "many")
_SAMPLE_COUNTS = (*range(0, 1001), 10**6, 2 * 10**6, 10**9)


def _forms_for(forms: tuple[str, ...], rule: str, wanted: str) -> tuple[str, ...]:
    """A message's plural ``forms``, made under the Plural-Forms ``rule``, in the order of
    the ``wanted`` rule: for each form the wanted rule has, the form ``rule`` takes for a
    count that the wanted rule gives that form. The built-in French catalog has two forms
    (one, other); Babel writes French with three (one, many, other), and the two were
    written as its first two, leaving the everyday plural empty and "other" for millions."""
    if rule == wanted:
        return forms
    given, new = _plural_rule(rule), _plural_rule(wanted)
    count = int(m.group(1)) if (m := re.search(r"nplurals\s*=\s*(\d+)", wanted)) else 2
    made = []
    for form in range(count):
        sample = next((n for n in _SAMPLE_COUNTS if new(n) == form), None)
        at = given(sample) if sample is not None else len(forms) - 1
        made.append(forms[at] if 0 <= at < len(forms) else (forms[-1] if forms else ""))
    return tuple(made)


def _po_bytes(catalog: Any, **options: Any) -> bytes:
    """A catalog as a .po file that changes only when a message does: no line numbers, no
    creation date, no year in its header (catalogs are kept in git)."""
    import io

    from babel.messages.pofile import write_po

    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, include_lineno=False, **options)
    text = re.sub(rb'"POT-Creation-Date: [^"]*"\n', b"", buffer.getvalue())
    text = re.sub(rb"Copyright \(C\) \d+", b"Copyright (C)", text)
    return re.sub(rb"(# FIRST AUTHOR <EMAIL@ADDRESS>), \d+\.", rb"\1.", text)


# ---------------------------------------------------------------- for developers


def extract() -> Any:
    """Every message in the code and the built-in templates, as a Babel catalog (what
    ``messages.pot`` holds): ``label(...)`` calls in materials_gen, ``_(...)`` in templates."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    from . import __version__
    from .project import builtin_templates

    catalog = Catalog(
        project="materials-gen",
        version=__version__.split("+")[0],
        copyright_holder="materials-gen contributors",
    )
    sources = (
        (
            Path(__file__).resolve().parent,
            [("**.py", "python")],
            {"label": None, "gettext": None, "gettext_noop": None},
        ),
        (builtin_templates(), [("**.j2", "jinja2")], {"_": None, "_n": (1, 2)}),
    )
    for folder, method, keywords in sources:
        for name, line, message, comments, _context in extract_from_dir(
            str(folder), method, keywords=keywords, comment_tags=("Translators:",)
        ):
            where = (
                f"{folder.name}/{name}" if folder.name == "templates" else f"materials_gen/{name}"
            )
            texts = message if isinstance(message, tuple) else (message,)
            braced = any(_PLACEHOLDER.search(t) for t in texts if t)
            flags = ("python-brace-format",) if braced else ()
            catalog.add(message, locations=[(where, line)], auto_comments=comments, flags=flags)
    return catalog


def write_template() -> None:
    """Write ``messages.pot`` from the code and templates, and bring the shipped catalogs up
    to date with it: new messages added empty (to translate: a test fails until they are),
    messages no longer used dropped (``python -m materials_gen.i18n``).

    Files are written without line numbers or a creation date, so that they change only when
    a message does (they are kept in git; a test checks that the template is current)."""
    import io

    from babel.messages.pofile import read_po

    template = extract()
    TEMPLATE.parent.mkdir(exist_ok=True)
    TEMPLATE.write_bytes(_po_bytes(template, sort_by_file=True))
    for path in sorted(LOCALE.glob("*.po")):
        catalog = read_po(io.BytesIO(path.read_bytes()))
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        path.write_bytes(_po_bytes(catalog, ignore_obsolete=True))


if __name__ == "__main__":
    write_template()
