"""Translated courses: ``content/translations/<language>/`` mirrors the course's files.

A translation holds translated copies of the course's files, each where its source is:
``course.yaml``, ``modules/<id>.md``, ``tables/<id>.yaml``. A translated file may be a
complete copy or give only what it translates: it is laid over its source, key by key (a
list item by item when the lengths agree), so numbers, ids and settings come from the
source whatever the translation says about them only where it repeats them. A file with no
translation is the source's, printed in the source language (``check`` says so).

Each translated file records what it was translated from, as its first key:
``translation_of: <12 hex digits>``, the start of a SHA-256 of the source's text to
translate (see :func:`text_stamp`): what a translation gives of it, not the numbers, ids,
settings and order it takes from the source. When that text changes afterwards, the
translation is out of date: ``check`` names it, with the source file that changed, until
the translation is revised and its stamp renewed (``materials-gen translate LANGUAGE``
writes the stamps of files still missing). A source edited only where a translation has
nothing to say (a module's duration, the order of the modules) leaves it up to date. An
older stamp, of the whole source file, still counts while that file is as it was.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .document import block_kinds, source_texts
from .errors import Location, Problem
from .glyphs import OWN, own_words
from .load import (
    BodyBlock,
    RawModule,
    RawProject,
    SourceDoc,
    _Problems,
    _texts,
    file_id,
    parse_yaml,
    read_text,
    relative,
    split_body,
    split_front_matter,
    text_of,
    tidy_text,
    value_at,
)
from .manifest import TRANSLATIONS
from .walk import left_alone

if TYPE_CHECKING:
    from pydantic import BaseModel

FOLDER = TRANSLATIONS
STAMP = "translation_of"
STAMP_DIGITS = 12


def stamp_of(data: bytes) -> str:
    """The start of the SHA-256 of a source file's bytes: the stamp translations recorded
    before they recorded the text (:func:`text_stamp`), still read as current while the
    file is unchanged."""
    return hashlib.sha256(data).hexdigest()[:STAMP_DIGITS]


def text_stamp(name: str, text: str) -> str:
    """What a translation records of its source file ``name`` (its ``text``): the start of
    a SHA-256 of the text a translation of it translates, so that only an edit to that text
    makes the translation out of date. That is every text a translation laid over the file
    would replace (see :func:`overlay`): not the ids, audiences, settings, module list,
    answers, numbers, dates and yes/no it keeps from the source, nor the YAML's layout; and a
    module's body, paragraph by paragraph (a paragraph wrapped anew reads the same). The
    text is read as content is (:func:`load.tidy_text`), so that a file saved again with
    Windows line endings, a byte-order mark or a tab for a space reads the same. A file
    that cannot be read as content is stamped whole (any edit to it counts)."""
    return _text_stamp(name.endswith(".md"), _as_read(text))


def _as_read(text: str) -> str:
    """``text`` as loading reads a content file (its problems are told when it is loaded)."""
    return tidy_text(text, "source", _Problems())


@lru_cache(maxsize=256)
def _text_stamp(module: bool, text: str, legacy: bool = False, version: Any = None) -> str:
    """See :func:`text_stamp`; ``legacy``: as stamps were once made, with the course's
    version (``version``, when given: the one the translation says it was made at, its
    source's then), still read as current while the text to translate is as it was."""
    read = _source_parts(module, text)
    if read is None:
        return stamp_of(text.encode("utf-8"))
    data, raw = read
    if legacy and version is not None and isinstance(data, dict) and "version" in data:
        data = {**data, "version": version}
    paragraphs = [" ".join(p.split()) for p in raw]
    translated = {"text": _stamped_text(data, legacy), "body": paragraphs}
    canonical = json.dumps(translated, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:STAMP_DIGITS]


def _stamped_text(data: Any, legacy: bool = False) -> Any:
    """What a translation's stamp covers of a source's ``data``: the text it translates,
    without the course's version, which a translation takes from its source (a new
    version marked every translation out of date, each release; ``legacy``: with it)."""
    if isinstance(data, dict) and not legacy:
        data = {k: v for k, v in data.items() if k not in SOURCE_ONLY}
    return _translated_text(data)


def _translated_text(value: Any) -> Any:
    """The part of a source's data a translation replaces (see :func:`overlay`): its texts,
    in place (None for a list item with none), without what the source always keeps."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        found = {
            str(k): _translated_text(v) for k, v in value.items() if k not in KEPT and k != STAMP
        }
        kept = {k: v for k, v in found.items() if v is not None}
        return kept or None
    if isinstance(value, list):
        items = [_translated_text(v) for v in value]
        return items if any(i is not None for i in items) else None
    return None  # numbers, dates, yes/no: the source's own


def languages(root: Path) -> list[str]:
    """The languages the course is translated into (the folders of content/translations)."""
    from .i18n import LANGUAGE_TAG

    return [p.name for p in _folders(root) if LANGUAGE_TAG.match(p.name)]


def _folders(root: Path) -> list[Path]:
    """The folders of content/translations, by name (hidden ones left out)."""
    folder = Path(root) / FOLDER
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_dir() and not left_alone(p.name))


def odd_folders(root: Path) -> list[Problem]:
    """A warning for each folder of content/translations whose name is no language tag
    ('fr_CA', 'Français'): it is never built, and nothing said so."""
    from .i18n import LANGUAGE_TAG

    found = []
    for path in _folders(root):
        if LANGUAGE_TAG.match(path.name):
            continue
        meant = _tag_meant(path.name)
        found.append(
            Problem(
                Location(f"{FOLDER.as_posix()}/{path.name}"),
                f"the folder '{path.name}' is not named by a language tag, so it is not built",
                f"rename it {meant} (the language's tag)"
                if meant
                else "rename it by its language's tag, e.g. 'fr', 'fr-CA' or 'pt-BR'",
                severity="warning",
            )
        )
    return found


def _tag_meant(name: str) -> str | None:
    """The language tag a folder's name probably means: 'fr_CA' -> 'fr-CA', 'Français' or
    'French' -> 'fr'; None when none is found."""
    from .i18n import LANGUAGE_TAG

    dashed = name.replace("_", "-").strip()
    if LANGUAGE_TAG.match(dashed):
        return f"'{dashed}'"
    from babel import Locale, UnknownLocaleError

    wanted = name.strip().casefold()
    english = Locale("en").languages
    for code, said in english.items():
        if "_" not in code and said.casefold() == wanted:
            return f"'{code}'"
    for code in english:
        if "_" in code or len(code) > 3:
            continue
        try:
            own = Locale.parse(code).get_display_name(code)
        except (ValueError, LookupError, UnknownLocaleError):
            continue
        if own and own.casefold() == wanted:
            return f"'{code}'"
    return None


@dataclass(frozen=True)
class FileStatus:
    """One source file as one translation has it."""

    source: str  # project-relative
    translation: str | None  # project-relative; None: not translated
    state: str  # "current", "outdated", "copy" (untouched), "unstamped" or "missing"
    recorded: str = ""  # the stamp the translation carries
    now: str = ""  # the source's stamp today


@dataclass(frozen=True)
class _Overlay(SourceDoc):
    """A translated document laid over its source: positions from the translation where it
    gives the value, else from the source."""

    base: SourceDoc | None = field(default=None, compare=False)
    # the translation's own data, as it writes it (not the texts refreshed from its source)
    given: Any = field(default=None, compare=False)

    def location(self, path: Any = ()) -> Location:
        path = tuple(path)
        if self.base is not None and (path not in self.marks or self._sources(path)):
            return self.base.location(path)
        return super().location(path)

    def _sources(self, path: tuple[Any, ...]) -> bool:
        """Whether the value at ``path``, though the translation writes one there, is the
        source's: one a translation cannot change (an id, a setting, the version, a number
        or a date: see KEPT), or a text refreshed from the source (its own is still the
        words the source had: see _refresh). A Spanish poster's footer, too long for the
        source's version, was named at the translation's "version: 1.0"."""
        if any(step in KEPT or step in SOURCE_IDS for step in path):
            return True
        if len(path) == 1 and path[0] in SOURCE_ONLY:
            return True
        printed = value_at(self.data, path)
        if printed is not None and not isinstance(printed, (str, dict, list)):
            return True  # a number, a date, yes or no
        if isinstance(printed, str) and not any(isinstance(step, int) for step in path):
            return value_at(self.given, path) != printed  # (a list's places may differ)
        return False


# What a translation cannot change: names that tie the course together, settings, the
# answers of questions. Values that are not text (numbers, dates, true/false) are the
# source's too, so that a translation made before the source changed them never brings
# back the old ones.
KEPT = frozenset(
    {
        "id",
        "slug",
        "language",
        "audience",
        "includes",
        "modules",
        "tables",
        "settings",
        "answer",
        "path",
        "continuing_education",
        "large_print",
        "compare",
    }
)
# Words a translation may leave as the source has them without being told: a source is
# listed in the language it was published in (APA), with its author, title and address.
UNTRANSLATED = frozenset({"sources"})
# Ids written as text in places the stamp has always read (see KEPT): the source's too.
SOURCE_IDS = frozenset({"table"})  # the poster's table
# The source's too, and left out of a translation's stamp (see _stamped_text): a version is
# a number, written as text.
SOURCE_ONLY = frozenset({"version"})


def overlay(
    base: Any, top: Any, apart: list[tuple[Any, ...]] | None = None, stale: bool = False
) -> Any:
    """``top`` (a translation) laid over ``base`` (its source): mappings key by key, lists
    item by item; text is ``top``'s, everything else (numbers, dates, ids, settings,
    audiences: see KEPT) the source's. The translation's stamp is dropped.

    A list that cannot be laid item by item is kept whole as the source's, in the source's
    words, so that every entry keeps the audiences the source gives it: one whose length
    the translation does not keep (an entry left out, added or merged: the translation's
    list would show all staff a clinical-only point it left unmarked), or whose entries the
    translation gives other audiences than the source's entries in their places (moved).
    Its path is added to ``apart``. A question's answer is the source's, but a translation
    made before the source changed (``stale``) keeps its own answer with its own options
    (the source may have reordered them since), when its options are laid over the
    source's."""
    return _overlay(base, top, (), apart if apart is not None else [], stale, [], [], [])


def _overlay(
    base: Any,
    top: Any,
    path: tuple[Any, ...],
    apart: list[tuple[Any, ...]],
    stale: bool,
    unlike: list[tuple[tuple[Any, ...], str]],
    differ: list[tuple[Any, ...]],
    left: list[tuple[Any, ...]],
) -> Any:
    """See :func:`overlay`; ``unlike`` receives the paths of what the translation adds or
    writes in another form, ``differ`` those of values it cannot change but gives otherwise
    than the source (a duration, a setting, a date): the source's are printed; ``left``
    those of the source's words it does not give (see :data:`UNTRANSLATED`), printed in the
    source's language."""
    if isinstance(base, dict) and isinstance(top, dict):
        merged = dict(base)
        told = _told(path)
        for key in base:
            own = key in UNTRANSLATED or key in SOURCE_IDS or (key in SOURCE_ONLY and not path)
            if told and not own and key not in top and _translated_text({key: base[key]}):
                left.append((*path, key))
        for key, value in top.items():
            if key == STAMP or key == "language" and not path:
                continue
            if key in KEPT or key in SOURCE_IDS or (key in SOURCE_ONLY and not path):
                if key in base and not stale:
                    _differences(base[key], value, (*path, key), differ)
                continue
            if key in base:
                merged[key] = _overlay(
                    base[key], value, (*path, key), apart, stale, unlike, differ, left
                )
            else:  # a translation translates what its source has, and adds nothing
                unlike.append(((*path, key), ""))
        options = base.get("options")
        if (
            stale
            and "answer" in top
            and isinstance(options, list)
            and isinstance(top.get("options"), list)
            and len(top["options"]) == len(options)
        ):
            merged["answer"] = top["answer"]
        return merged
    if isinstance(base, list) and isinstance(top, list):
        by_id = _by_id(base, top)
        if by_id is not None:  # entries with ids (audiences, columns): each laid over its own
            if _told(path):
                left.extend((*path, n) for n, b in enumerate(base) if b["id"] not in by_id)
            ids = {b["id"] for b in base}  # an entry the source has not: added, so left out
            unlike.extend(((*path, n), "") for n, t in enumerate(top) if t["id"] not in ids)
            return [
                _overlay(b, by_id[b["id"]], (*path, n), apart, stale, unlike, differ, left)
                if b["id"] in by_id
                else b
                for n, b in enumerate(base)
            ]
        if len(base) == len(top) and not _moved(base, top):
            return [
                _overlay(b, t, (*path, n), apart, stale, unlike, differ, left)
                for n, (b, t) in enumerate(zip(base, top, strict=True))
            ]
        apart.append(path)
        return base
    if isinstance(top, str) and (base is None or isinstance(base, str)):
        return top
    if top is None and _translated_text(base) is not None:  # "key:" with nothing after it
        if _told(path):
            left.append(path)
        return base
    forms = (_form(base), _form(top))
    if top is not None and ("text" in forms or {"a list", "a set"} == set(forms)):
        # a text where the source has one for each audience, or the other way round: the
        # source's is printed (its audiences kept), and the translation's form is told
        unlike.append((path, f"is {forms[1]} in this translation and {forms[0]} in"))
    elif top is not None and not stale and top != base:
        differ.append(path)  # a number, date or yes/no of its own: the source's is printed
    return base


def _differences(base: Any, top: Any, path: tuple[Any, ...], differ: list[tuple[Any, ...]]) -> None:
    """The paths where ``top`` gives a value other than ``base`` (the deepest where both are
    sets of 'key: value', or lists of the same length), added to ``differ``."""
    if isinstance(base, dict) and isinstance(top, dict):
        for key, value in top.items():
            _differences(base.get(key), value, (*path, key), differ)
    elif isinstance(base, list) and isinstance(top, list) and len(base) == len(top):
        for n, (b, t) in enumerate(zip(base, top, strict=True)):
            _differences(b, t, (*path, n), differ)
    elif path[-1:] in (("audience",), ("includes",)):  # the same ids, written either way
        if top is not None and _audiences(top) != _audiences(base):
            differ.append(path)
    elif path[-1:] == ("answer",):  # a letter in either case: the same answer (see _as_answer)
        if top is not None and _answer_as_read(top) != _answer_as_read(base):
            differ.append(path)
    elif top is not None and top != base:
        differ.append(path)


def _answer_as_read(value: Any) -> Any:
    """An answer as a question reads it: 'a' and 'A' the same letter, 'True' and true the
    same; anything else as written."""
    from .model import _as_answer

    try:
        return _as_answer(value)
    except ValueError:  # nothing, or a list: compared as written
        return value


def _options_at(data: Any, path: tuple[Any, ...]) -> bool:
    """Whether the question whose answer is at ``path`` in ``data`` has options."""
    question = value_at(data, path[:-1])
    return isinstance(question, dict) and bool(question.get("options"))


def _form(value: Any) -> str:
    """What a value is, as a trainer would call it (a text, a list, a set of 'key: value')."""
    if isinstance(value, str):
        return "text"
    if isinstance(value, dict):
        return "a set"
    if isinstance(value, list):
        return "a list"
    return "a number, date or yes/no" if value is not None else "empty"


def _by_id(base: list[Any], top: list[Any]) -> dict[str, Any] | None:
    """The translation's entries by id, when every entry of both lists has one (each id
    once): an audience the source adds later keeps its source words, the others keep their
    translations (laid by place, they were all dropped as a list of another length)."""
    entries = [*base, *top]
    if not entries or not all(
        isinstance(e, dict) and isinstance(e.get("id"), str) for e in entries
    ):
        return None
    ids = [e["id"] for e in top]
    if len(set(ids)) != len(ids) or len({e["id"] for e in base}) != len(base):
        return None
    return {e["id"]: e for e in top}


def _moved(base: list[Any], top: list[Any]) -> bool:
    """Whether a translated list gives an entry an audience other than the source's entry
    in its place (entries moved, or marked otherwise), or leaves out the audience the
    source's entry has (rows moved and their 'audience:' lines dropped as words needing no
    translation): laid item by item, the source's audience would go with the translation's
    words of another entry."""
    for b, t in zip(base, top, strict=True):
        given = b.get("audience") if isinstance(b, dict) else None
        said = t.get("audience") if isinstance(t, dict) else None
        # an entry of the source's for some audiences is one in the translation too: its
        # 'audience:' line dropped, an entry moved there from elsewhere could not be told
        if (said is not None or given is not None) and _audiences(said) != _audiences(given):
            return True
    return False


def _answers_taken(base: SourceDoc, top: SourceDoc, problems: _Problems) -> None:
    """One warning for the questions of a translation older than its source that give no
    answer of their own: the source's letters are marked among this translation's options,
    which the source may have put in another order since (a key marking a wrong answer,
    with nothing but the file's "out of date" said of it)."""
    ours, theirs = (
        d.get("questions") if isinstance(d, dict) else None for d in (top.data, base.data)
    )
    if not isinstance(ours, list) or not isinstance(theirs, list) or len(ours) != len(theirs):
        return
    taking = [
        j
        for j, (mine, source) in enumerate(zip(ours, theirs, strict=True))
        if isinstance(mine, dict)
        and isinstance(source, dict)
        and "answer" not in mine
        and isinstance(mine.get("options"), list)
        and isinstance(source.get("options"), list)
    ]
    if not taking:
        return
    numbers = _and([str(j + 1) for j in taking])
    problems.warn(
        top.location(("questions", taking[0])),
        f"{'question' if len(taking) == 1 else 'questions'} {numbers} of this translation "
        f"{'takes its answer' if len(taking) == 1 else 'take their answers'} from "
        f"{base.file}, which is newer than it: if the source's options were put in another "
        "order since, the key marks a wrong one",
        "put the options in the order of the source's, then set translation_of as the "
        "out-of-date warning says",
    )


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _models() -> dict[str, type[BaseModel]]:
    """The model of each kind of file a translation gives (imported when first needed)."""
    from .model import Course, Module, Table

    return {"course": Course, "table": Table, "module": Module}


def _unknown_key(kind: str, path: tuple[Any, ...]) -> str | None:
    """When ``path`` ends in a key that no file of ``kind`` ("course", "table" or "module":
    its front matter) may hold there, the hint to give (did you mean); else None."""
    from .errors import did_you_mean
    from .validate import named_keys_at

    model = _models().get(kind)
    if model is None or not path or not isinstance(path[-1], str):
        return None
    keys = named_keys_at(model, path[:-1])  # (a row's column ids: told as the source lacks)
    if not keys or path[-1] in keys:
        return None
    return did_you_mean(path[-1], keys) or None


def _not_entry_field(kind: str, data: Any, path: tuple[Any, ...]) -> bool:
    """Whether ``path`` ends in a key that is none of a list entry's fields (`tekst:`),
    where a file of ``kind`` has a list entry and the source's ``data`` has one written
    with its settings (`text:` with `audience:`): not a table's row, keyed by its columns."""
    from .model import ITEM_FIELDS, Item
    from .validate import classes_at

    model = _models().get(kind)
    entry = value_at(data, path[:-1])
    return (
        model is not None
        and len(path) > 1
        and isinstance(entry, dict)
        and any(str(key).casefold() in ITEM_FIELDS for key in entry)
        and str(path[-1]) not in ITEM_FIELDS
        and Item in classes_at(model, path[:-1])
    )


def _audiences(value: Any) -> frozenset[str]:
    if value is None:
        return frozenset()
    if isinstance(value, (list, tuple)):
        return frozenset(str(v).strip() for v in value)
    return frozenset(a.strip() for a in str(value).replace(",", " ").split())


def _per_audience(value: Any, known: set[str] | None) -> bool:
    """Whether ``value`` (of a source file) is a text given per audience: a set whose keys
    are all audiences the course defines, or 'default'."""
    return (
        bool(known)
        and isinstance(value, dict)
        and bool(value)
        and ({str(k) for k in value} <= (known or set()) | {"default"})
    )


def _defined_audiences(course: SourceDoc) -> set[str]:
    """The ids of the audiences the source's course.yaml defines (as written: validating
    the source tells what is wrong with them)."""
    given = course.data.get("audiences") if isinstance(course.data, dict) else None
    return {
        str(entry["id"])
        for entry in given or ()
        if isinstance(entry, dict) and isinstance(entry.get("id"), (str, int))
    }


_UNKNOWN = (
    "unknown audience '{name}': the source's text is printed here, in its language, until "
    "the translation names the audiences the source does"
)


def _unknown_named(
    doc: SourceDoc, known: set[str], problems: _Problems, blocks: tuple[Any, ...] = ()
) -> None:
    """A warning at each audience a translation names that the course does not define: in
    an entry's ``audience:`` (a misspelt 'clinico') and in its text's fences. Such a slip
    was told only as entries or fences unlike the source's, at the list's line and without
    the name, and the source's words printed in their place (as they still are). A warning,
    not an error as in the source: a translation's slip stops no build of the source's
    language."""
    from .validate import _audience_hint

    if not known:
        return

    def look(value: Any, path: tuple[Any, ...]) -> None:
        if isinstance(value, dict):
            if "audience" in value:
                for name in sorted(_audiences(value["audience"]) - known):
                    hint = _audience_hint(name, known)
                    where = doc.location(path + ("audience",))
                    problems.warn(where, _UNKNOWN.format(name=name), hint)
            for key, child in value.items():
                look(child, path + (key,))
        elif isinstance(value, list):
            for n, child in enumerate(value):
                look(child, path + (n,))

    look(doc.data, ())
    for block in blocks:
        for names, line in zip(block.conditions, block.condition_lines, strict=True):
            for name in names:
                if name not in known:
                    where = Location(doc.file, line)
                    problems.warn(where, _UNKNOWN.format(name=name), _audience_hint(name, known))


def _laid_over(
    base: SourceDoc,
    top: SourceDoc,
    problems: _Problems,
    stale: bool = False,
    kind: str = "",
    known: set[str] | None = None,
    written: Any = None,
) -> _Overlay:
    """``top`` (a translation's file) laid over ``base`` (its source's), what differs told;
    ``known``: the audiences the course defines (a text given for one it does not is an
    unknown audience, as in the source); ``written``: the translation's data as its file
    writes it, before texts were refreshed from the source (see _refresh), its ``given``
    (else ``top``'s data)."""
    apart: list[tuple[Any, ...]] = []
    unlike: list[tuple[tuple[Any, ...], str]] = []
    differ: list[tuple[Any, ...]] = []
    left: list[tuple[Any, ...]] = []
    top_data = top.data if top.data is not None else {}
    if not isinstance(top_data, dict) and isinstance(base.data, dict):
        # a list or a text where the whole file's settings belong: none of it is laid over
        # (it was told as "'the list' is a list", or, of a course, not at all)
        from .validate import key_value_hint

        problems.warn(
            top.location(),
            f"this translation is {_form(top_data)}, not a set of 'key: value' lines like "
            f"{base.file}: none of it is used, and the source's words are printed",
            key_value_hint(
                f"'{'title' if 'title' in base.data else next(iter(base.data), 'title')}: ...'"
                f" with the {kind or 'file'}'s title translated, under the keys of {base.file}"
            ),
        )
        top_data = {}
    data = _overlay(base.data, top_data, (), apart, stale, unlike, differ, left)
    if top_data is not top.data and top.data is not None:  # told above, once
        left.clear()
    if stale:
        _answers_taken(base, top, problems)
    # a list entry's key that is none of its fields ("- tekst: ..." with "audience: ..."),
    # where the source's entry has its settings: told as in the source; the source's text,
    # printed in its place, is not told again as missing
    misfielded = [
        path for path, said in unlike if not said and _not_entry_field(kind, base.data, path)
    ]
    left = [p for p in left if not (p[-1:] == ("text",) and p[:-1] in {m[:-1] for m in misfielded})]
    if left:
        named = ", ".join(f"'{_named(p, base.data, keys=True)}'" for p in left[:_MOST_NAMED])
        more = f" and {len(left) - _MOST_NAMED} more" if len(left) > _MOST_NAMED else ""
        problems.warn(
            top.location(_nearest(top.data, left[0])),
            f"{_texts_count(len(left))} of {base.file} {'is' if len(left) == 1 else 'are'} "
            f"not in this translation: {named}{more}, printed in the source's language",
            f"translate {'it' if len(left) == 1 else 'them'} here, under the same "
            f"{'key' if len(left) == 1 else 'keys'} as in {base.file}"
            + _entry_hint(left, base.data),
        )
    for path in differ:
        ours, theirs = _as_typed(top, path), _as_typed(base, path)
        named = _named(path, base.data)
        if path[-1:] == ("answer",) and "questions" in path and _options_at(base.data, path):
            # the source's answer changed since the translation was copied, or the options
            # were put in another order in it: its forms print them so beside the source's
            # letter, and the key would mark a wrong one. A warning: which, only the
            # translator knows
            problems.warn(
                top.location(path),
                f"'{named}' is {ours} in this translation and {theirs} in {base.file}: "
                f"the source's {theirs} is used, with this translation's options in their "
                "order, so if they are not in the source's order, the key marks a wrong one",
                "keep each option in its source's place, in the same order, and take "
                "'answer' out of the translation (the source's is used); to change the "
                f"answer, change it in {base.file}",
            )
            continue
        # a note, not a warning: a translation copied before the source changed a number
        # holds the old one without anyone having meant it (--strict does not fail on it)
        problems.note(
            top.location(path),
            f"'{named}' is {ours} in this translation and {theirs} in {base.file}: "
            "the source's is printed (a translation changes words, not numbers, dates, "
            "settings or ids)",
            "a translation need not give it: remove the line from the translation; to "
            f"change it for every language, change it in {base.file}",
        )
    for path, said in unlike:
        if path in misfielded:
            from .validate import _not_an_entry_field

            entry = value_at(top.data, path[:-1])
            texted = isinstance(entry, dict) and "text" in entry
            told = _not_an_entry_field(top.location(path), str(path[-1]), texted)
            problems.error(told.location, told.message, told.hint)
            continue
        named = _named(path, base.data if said else top.data)  # not in the source: the ids here
        unknown = _unknown_key(kind, path) if not said else None
        if unknown is not None:  # a key no such file has (misspelt): as in the source
            from .validate import unknown_key

            told = unknown_key(top, _models()[kind], path)
            problems.error(told.location, told.message, told.hint)
            continue
        unknown_audience = known is not None and str(path[-1]) not in known
        if not said and unknown_audience and _per_audience(value_at(base.data, path[:-1]), known):
            from .validate import _audience_hint, text_left_behind

            name = str(path[-1])  # a text for an audience no one defines: misspelt
            hint = _audience_hint(name, known or set())
            meant = "an audience, the course has none of that id"
            left = text_left_behind(top, path, meant, hint)
            if left is not None:  # a line of the text above, not indented: as in the source
                problems.error(left.location, left.message, left.hint)
                continue
            problems.warn(top.location(path), _UNKNOWN.format(name=name), hint)
            continue
        if not said:
            problems.warn(
                top.location(path),
                f"'{named}' is not in {base.file}: a translation cannot add it, so it is left out",
                "add it to the source first (numbers, times and audiences always come from "
                "the source), then translate it here",
            )
            continue
        given = value_at(top.data, path)
        colon = (  # a text with ": " in it, unquoted: YAML reads "words: more words" as a set
            isinstance(given, dict)
            and len(given) == 1
            and " " in str(next(iter(given)))
            and isinstance(value_at(base.data, path), str)
        )
        problems.warn(
            top.location(path),
            f"'{named}' {said} {base.file}: the source's is printed, in its language",
            "put the text in quotes: the ': ' in it makes YAML read it as 'key: value'"
            if colon
            else "translate it in the source's form: one text for each audience where the "
            "source has one for each, one text where it has one",
        )
    for path in apart:
        here, there = _count(top.data, path), _count(base.data, path)
        named = _named(path, base.data)
        if here != there:
            said = f"has {here} entries in this translation and {there} in {base.file}"
        else:
            said = (
                f"gives its entries other audiences than {base.file} does, in their places "
                "(an entry moved, or one for some audiences written without its "
                "'audience:')"
            )
        problems.warn(
            top.location(path),
            f"'{named}' {said}: the source's are printed, in its language, until the "
            "translation has one entry for each of the source's, in its order",
            "translate each entry of the source in its place (a translation cannot leave "
            "one out, add one or move one: each keeps the audiences the source gives it)",
        )
    return _Overlay(
        file=top.file,
        data=data,
        marks=dict(top.marks),
        line_offset=top.line_offset,
        written={**base.written, **top.written},
        words={**base.words, **top.words},
        bulleted=dict(top.bulleted),  # (lines of the translation's file)
        left=dict(top.left),
        # each text's '[[' lines in the file its location names (see location)
        openings={
            **{p: lines for p, lines in base.openings.items() if p not in top.marks},
            **top.openings,
        },
        base=base,
        given=top_data if written is None else written,
    )


def _told(path: tuple[Any, ...]) -> bool:
    """Whether words left out at ``path`` are told: not a source's (see UNTRANSLATED)."""
    return not any(part in UNTRANSLATED for part in path)


def _source_words(merged: Any, source: Any, own: bool = False) -> list[str]:
    """The texts of ``merged`` (a translation laid over its ``source``) that are the
    source's own words at their place: left out by the translation, kept whole as the
    source's, a file it does not translate at all, or copied by ``translate`` and not yet
    translated. Printed in the source's language. With ``own``, the others: the texts the
    translation gives in its own words."""
    if isinstance(merged, str):
        same = isinstance(source, str) and source == merged
        return [merged] if same != own else []
    if isinstance(merged, dict):
        theirs = source if isinstance(source, dict) else {}
        return [
            w
            for k, v in merged.items()
            if k not in _NO_WORDS  # ids, settings, a version: never printed as words
            for w in _source_words(v, theirs.get(k), own)
        ]
    if isinstance(merged, list):
        theirs = source if isinstance(source, list) else []
        by_id = _by_id(theirs, merged)  # entries with ids are laid by id (see _overlay)
        if by_id is not None:
            entries = {e["id"]: e for e in theirs}
            return [w for v in merged for w in _source_words(v, entries.get(v["id"]), own)]
        return [
            w
            for n, v in enumerate(merged)
            for w in _source_words(v, theirs[n] if n < len(theirs) else None, own)
        ]
    return []


# what is the source's in every language and is no text in a language (ids, settings, the
# language, the answer's letter, a version, the poster's table's id): never words left in
# the source's language, whose change would be a reason to rebuild or a span to tag
_NO_WORDS = KEPT | SOURCE_IDS | SOURCE_ONLY

_MOST_NAMED = 5  # of the texts a translation leaves out, named in its warning


def _texts_count(count: int) -> str:
    return "1 text" if count == 1 else f"{count} texts"


def _nearest(data: Any, path: tuple[Any, ...]) -> tuple[Any, ...]:
    """The longest start of ``path`` that ``data`` has: where the translation comes
    closest to what it leaves out (the place to add it)."""
    for n, part in enumerate(path):
        held = isinstance(data, dict) and part in data
        if not held and not (isinstance(data, list) and isinstance(part, int) and part < len(data)):
            return path[:n]
        data = data[part]
    return path


def _as_typed(doc: SourceDoc, path: tuple[Any, ...]) -> str:
    """The value at ``path`` of ``doc`` as its file writes it ("1.10", not 1.1), shortened."""
    value: Any = doc.written.get(path)
    if value is None:
        value = doc.data
        for part in path:
            if not isinstance(value, (dict, list)) or part not in (
                value if isinstance(value, dict) else range(len(value))
            ):
                return "not given"
            value = value[part]
    if value is None:
        return "not given"
    if isinstance(value, (dict, list)):
        return "set otherwise"
    # a yes/no as typed ('yes', 'Off'), not as Python writes it
    text = doc.words.get(path, str(value).lower()) if isinstance(value, bool) else str(value)
    return f"'{text if len(text) <= 40 else text[:40] + '...'}'"


def _named(path: tuple[Any, ...], data: Any = None, keys: bool = False) -> str:
    """A path in a file's ``data`` as a trainer reads it: "key_points", "questions 2
    options"; an entry with an id by its id ("audiences leadership", not "audiences 3"),
    and, with ``keys``, a whole entry with the texts it gives ("audiences leadership (name,
    description)")."""
    said = []
    for step in path:
        entry = value_at(data, (step,))
        if isinstance(step, int):
            ident = entry.get("id") if isinstance(entry, dict) else None
            said.append(str(ident) if isinstance(ident, str) and ident else str(step + 1))
        else:
            said.append(str(step))
        data = entry
    named = " ".join(said) or "the list"
    if keys and path and isinstance(path[-1], int) and isinstance(data, dict):
        keys = [str(k) for k, v in data.items() if k not in KEPT and _translated_text(v)]
        if keys:
            named += f" ({', '.join(keys)})"
    return named


def _entry_hint(paths: list[tuple[Any, ...]], data: Any) -> str:
    """How to add an entry of a list the translation lacks, by the first such entry's id."""
    for path in paths:
        entry = value_at(data, path)
        if path and isinstance(path[-1], int) and isinstance(entry, dict):
            ident = entry.get("id")
            if isinstance(ident, str) and ident:
                return f" (an entry of a list: '- id: {ident}', then its texts translated)"
    return ""


def _count(data: Any, path: tuple[Any, ...]) -> int:
    for part in path:
        data = data[part]
    return len(data)


_UNTRANSLATED_LINES = re.compile(rf"(?m)^({STAMP}|language):.*\n")


def _status(source: Path, root: Path, name: str | None = None, text: str = "") -> FileStatus:
    """The status of the translation ``name`` (its ``text``) of ``source``; without a name,
    the file has no translation. The source is read once, for its stamp and to tell an
    untouched copy."""
    shown = relative(source, root)
    if name is None:
        return FileStatus(shown, None, "missing")
    data = source.read_bytes()
    raw_text = text_of(data)
    source_text, read = _as_read(raw_text), _as_read(text)  # both as content is read
    module = source.name.endswith(".md")
    now, own = _text_stamp(module, source_text), _text_stamp(module, read)
    match = re.search(rf"(?m)^{STAMP}:\s*(\S+)", text)
    recorded = match.group(1) if match else ""
    # stamps of this source that still count: of its text as read (what ``translate``
    # records); as stamps were once made, with the version (the source's now, and the one
    # the translation gives: its source's when it was made, so a new version is no reason);
    # of its text as it was once stamped (before it was read as content is, which tells
    # the same text apart by its line endings) and of its bytes (the first stamps)
    theirs = None if module else _source_parts(False, read)
    given = theirs[0].get("version") if theirs and isinstance(theirs[0], dict) else None
    legacy = (
        _text_stamp(module, source_text, legacy=True),
        _text_stamp(
            module, source_text, True, given if isinstance(given, (str, int, float)) else None
        ),
    )
    stamps = (now, *legacy, _text_stamp(module, raw_text), stamp_of(data))
    if not recorded:
        state = "unstamped"
    elif _UNTRANSLATED_LINES.sub("", read) == _UNTRANSLATED_LINES.sub("", source_text):
        state = "copy"  # still the copy ``translate`` made
    elif own == now:
        # its texts are still the source's own, though the source changed where a
        # translation has nothing to say (a duration, the list of modules): still a copy
        state = "copy"
    elif any(recorded == each[: len(recorded)] for each in stamps):
        state = "current"  # the stamp of the text to translate, or an older one of the file
    elif own == recorded:
        # its text is still the text of the source it was copied from: a copy never
        # translated, of a source edited since (it follows the source, as a missing file)
        state = "copy"
    else:
        state = "outdated"
    return FileStatus(shown, name, state, recorded, now)


# Where a field of a translated file comes from, for a rebuild to name the file an edit to
# it came from (see origins_of): the module's body, kept beside its front matter's keys
BODY = ":body"
_THEIRS = "\x00"  # a text of the translation's own, in what a field shows of the source


def origins_of(merged: Any, top: Any) -> dict[str, str]:
    """For each key of ``merged`` (a translation laid over its source; ``top``: the
    translation's own data), what of it each file gives, as two short hashes: "source:
    translation". The source's is the value with each text the translation gives blanked
    (the numbers, ids, audiences and untranslated words the source gives at their places);
    the translation's is its own value at that key. A rebuild that finds a field of the
    content shown changed names the file whose hash of it changed: an edit to the source's
    key point that the translation translates is no reason for the translation's
    outputs, made again for its own edited title (see jobs._shown_edited)."""
    if not isinstance(merged, dict):
        return {}
    given = top if isinstance(top, dict) else {}
    return {
        str(key): f"{_short(_source_part(value, _laid(key, given, SOURCE_ONLY)))}:"
        f"{_short(given.get(key))}"
        for key, value in merged.items()
    }


def body_origin(translated: bool, blocks: tuple[BodyBlock, ...]) -> str:
    """A module's body as :func:`origins_of` gives a key: the translation's, or the
    source's (not translated, or left so)."""
    texts = _short([block.text for block in blocks])
    return f":{texts}" if translated else f"{texts}:"


def _short(value: Any) -> str:
    canonical = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


def _source_part(merged: Any, top: Any) -> Any:
    """``merged`` with each text the translation gives (``top``'s, at its place) blanked:
    what of it the source gives."""
    if isinstance(merged, str):
        return _THEIRS if isinstance(top, str) and top == merged else merged
    if isinstance(merged, dict):
        given = top if isinstance(top, dict) else {}
        return {key: _source_part(value, _laid(key, given)) for key, value in merged.items()}
    if isinstance(merged, list):
        if not isinstance(top, list):
            return [_source_part(value, None) for value in merged]
        by_id = _by_id(merged, top)
        if by_id is not None:  # laid over by id (see _overlay)
            return [_source_part(value, by_id.get(value["id"])) for value in merged]
        if len(top) == len(merged):
            return [_source_part(m, t) for m, t in zip(merged, top, strict=True)]
        return [_source_part(value, None) for value in merged]
    return merged


def _laid(key: Any, given: dict[Any, Any], kept: frozenset[str] = frozenset()) -> Any:
    """The translation's value at ``key``, unless the source's is always printed there."""
    return None if key in KEPT or key in SOURCE_IDS or key in kept else given.get(key)


@dataclass(frozen=True)
class _Refresh:
    """The texts of a translation older than its source that are still the words of the
    source it was copied from (as ``translate`` wrote them, never translated): printed as
    the source has them now. ``texts``: the source's text now at each path of the front
    matter (a course, a table); ``paragraphs``: the source's paragraph now for each of the
    body's old ones (white space made even). ``found``: the stamp proved them so; else
    they are only alike the source's texts now (an edit of them), told, not replaced."""

    texts: dict[tuple[Any, ...], str]
    paragraphs: dict[str, str]
    found: bool = True


def _refresh(source: Path, module: bool, text: str, recorded: str) -> _Refresh | None:
    """What of a translation (its ``text``) older than its ``source`` is still the words
    of the source it was copied from. Its stamp (``recorded``) is a hash of that source's
    texts (see text_stamp), which cannot be read back; but where the source changed only
    texts the translation left as ``translate`` copied them, the old source is the source
    now with the translation's words at those places, and its hash is the stamp: each set
    of such places is tried (those whose words are alike the source's now), and a set
    whose hash is the stamp is proved. None when no text is alike the source's."""
    source_text, read = _as_read(text_of(source.read_bytes())), _as_read(text)
    mine, theirs = _texts_and_paragraphs(module, read), _texts_and_paragraphs(module, source_text)
    if mine is None or theirs is None or not recorded:
        return None
    (given, _), (now, now_raw) = mine, theirs
    wanted = _stamped_text(now[0])
    places = [
        path
        for path, said in _leaves(wanted)
        if isinstance(old := value_at(given[0], path), str) and old != said and _alike(old, said)
    ]
    paragraphs = []
    if len(given[1]) == len(now[1]):
        paragraphs = [
            n
            for n, (a, b) in enumerate(zip(given[1], now[1], strict=True))
            if a != b and _alike(a, b)
        ]
    chances = [("text", p) for p in places] + [("body", n) for n in paragraphs]
    if not chances:
        return None

    def stamp(chosen: tuple[tuple[str, Any], ...]) -> str:
        text_now, body = _copied(wanted), list(now[1])
        for kind, where in chosen:
            if kind == "body":
                body[where] = given[1][where]
            else:
                _put(text_now, where, value_at(given[0], where))
        canonical = json.dumps(
            {"text": text_now, "body": body}, sort_keys=True, ensure_ascii=False, default=str
        )
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[: len(recorded)]

    from itertools import combinations

    sizes = range(len(chances), 0, -1) if len(chances) <= _MOST_TRIED else [len(chances)]
    chosen = next(
        (c for size in sizes for c in combinations(chances, size) if stamp(c) == recorded),
        None,
    )
    found = chosen is not None
    chosen = chosen if chosen is not None else tuple(chances)
    return _Refresh(
        texts={where: value_at(now[0], where) for kind, where in chosen if kind == "text"},
        paragraphs={given[1][n]: now_raw[n] for kind, n in chosen if kind == "body"},
        found=found,
    )


_MOST_TRIED = 12  # places whose every set is tried (4,095 hashes); more: all of them only


def _texts_and_paragraphs(
    module: bool, text: str
) -> tuple[tuple[Any, list[str]], list[str]] | None:
    """A file's data and its body's paragraphs (white space made even, as stamped), and
    those paragraphs as written; None when it cannot be read."""
    read = _source_parts(module, text)
    if read is None:
        return None
    data, raw = read
    return (data if data is not None else {}, [" ".join(p.split()) for p in raw]), raw


def _source_parts(module: bool, text: str) -> tuple[Any, list[str]] | None:
    """A file's data (its front matter's, for a module) and its body's paragraphs as
    written; None when it cannot be read."""
    problems = _Problems()
    body = ""
    if module:
        front, body, _ = split_front_matter(text, "source", problems)
    else:
        front = parse_yaml(text, "source", problems)
    if problems.errors or front is None:
        return None
    return front.data, [p.strip("\n") for p in re.split(r"\n\s*\n", body) if p.strip()]


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], str]]:
    """The texts of ``value`` (as _translated_text gives it), with their paths."""
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, dict):
        return [leaf for k, v in value.items() for leaf in _leaves(v, (*path, k))]
    if isinstance(value, list):
        return [leaf for n, v in enumerate(value) for leaf in _leaves(v, (*path, n))]
    return []


def _put(data: Any, path: tuple[Any, ...], value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _alike(old: str, now: str) -> bool:
    """Whether ``old`` reads as an edit of ``now`` (most of its words the same, in order):
    the source's words as they were, not a translation of them."""
    from difflib import SequenceMatcher

    a, b = old.casefold().split(), now.casefold().split()
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    # two words at least in common: a short text shares one with its translation as often
    # as not ("trauma secundario", "secondary trauma": half their words, in order)
    same = sum(block.size for block in matcher.get_matching_blocks())
    return same >= 2 and matcher.ratio() >= 0.5


def _refreshed(data: Any, refresh: _Refresh | None) -> Any:
    """A translation's ``data`` with the source's texts now in the places ``refresh``
    proved to be still its old words (a question whose options are so takes the
    source's answer, for the source's options as they are now)."""
    if refresh is None or not refresh.found or not refresh.texts or not isinstance(data, dict):
        return data
    data = _copied(data)
    for path, text in refresh.texts.items():
        _put(data, path, text)
        if path[:1] == ("questions",) and "options" in path:
            question = value_at(data, path[: path.index("options")])
            if isinstance(question, dict):
                question.pop("answer", None)
    return data


def _copied(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copied(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copied(v) for v in value]
    return value


def _refreshed_blocks(
    blocks: tuple[BodyBlock, ...], refresh: _Refresh | None
) -> tuple[BodyBlock, ...]:
    """A translation's body with the source's paragraphs now in place of its old ones."""
    if refresh is None or not refresh.found or not refresh.paragraphs:
        return blocks

    def swap(match: re.Match[str]) -> str:
        return refresh.paragraphs.get(" ".join(match.group().split()), match.group())

    return tuple(replace(b, text=_PARAGRAPH.sub(swap, b.text)) for b in blocks)


def _tell_old(
    file: str,
    doc: SourceDoc,
    blocks: tuple[BodyBlock, ...],
    refresh: _Refresh | None,
    source: str,
    problems: _Problems,
) -> None:
    """The texts of a translation older than its source that are alike the source's texts
    now but not proved to be its old words: told at their lines, printed as written."""
    if refresh is None or refresh.found:
        return
    lines = [(doc.location(path).line, value_at(doc.data, path)) for path in refresh.texts]
    lines += [(n, p) for b in blocks for n, p in _lined(b) if p in refresh.paragraphs]
    _tell_kept(file, lines, problems, source)


def translated_project(
    project: RawProject, language: str
) -> tuple[RawProject, list[FileStatus], list[Problem]]:
    """The project as ``language``'s translation has it, each file's status, and the
    problems of reading the translation (with their files and lines)."""
    root = project.root
    folder = root / FOLDER / language
    content = root / "content"
    problems = _Problems()
    statuses: list[FileStatus] = []

    course = project.course
    found = next(_texts(folder, "course.yaml", root, problems), None)
    doc = parse_yaml(found[2], found[1], problems) if found else None
    status = _status(content / "course.yaml", root, *(found[1:] if found else ()))
    statuses.append(status)
    # the texts printed in the source's language (see source_texts)
    origins: dict[str, dict[str, str]] = {}  # by the part of the content each file is
    known = _defined_audiences(project.course)
    # what the translation writes itself: a text refreshed from its source below is the
    # source's, which an edit to the source's is the reason for (see origins_of)
    own = doc.data if doc is not None else None
    if doc is not None and doc.data is not None and status.state == "outdated":
        refresh = _refresh(content / "course.yaml", False, found[2], status.recorded)  # type: ignore[index]
        _tell_old(doc.file, doc, (), refresh, status.source, problems)
        doc = replace(doc, data=_refreshed(doc.data, refresh))
    if doc is not None and doc.data is not None and status.state != "copy":
        _unknown_named(doc, known, problems)
        stale = status.state == "outdated"
        course = _laid_over(project.course, doc, problems, stale, "course", known, own)
        _tell_kept(doc.file, _kept_lines(doc, project.course), problems)
        origins[_part(project.course.file)] = origins_of(course.data, course.given)
    said = doc.data.get("language") if doc is not None and isinstance(doc.data, dict) else None
    if said is not None and str(said).replace("_", "-").casefold() != language.casefold():
        problems.warn(
            doc.location(("language",)),  # type: ignore[union-attr]
            f"'language: {said}' is not read: a translation's language is its folder's name, "
            f"'{language}'",
            f"to translate into {said}, run 'materials-gen translate {said}'; to call this "
            f"translation {said}, rename its folder {FOLDER.as_posix()}/{language}",
        )
    words = _source_words(course.data, project.course.data)
    # the texts it gives in its own words: a one-word text of the source's is in the
    # source's language unless the translation uses that word too ("No", "Total")
    mine = _source_words(course.data, project.course.data, own=True)
    if isinstance(course.data, dict):  # the translation's language, whatever it says
        course = replace(course, data={**course.data, "language": language})

    modules: dict[str, RawModule] = {}
    given = {file_id(p): (n, t) for p, n, t in _texts(folder / "modules", "*.md", root, problems)}
    for module_id, module in project.modules.items():
        name, text = given.pop(module_id, (None, ""))
        status = _status(root / module.front.file, root, name, text)  # its name as on disk
        statuses.append(status)
        if status.state == "copy":  # not translated: the source, as it is now
            name = None
        stale = status.state == "outdated"
        refresh = None
        if stale:
            refresh = _refresh(root / module.front.file, True, text, status.recorded)
        translated = modules[module_id] = (
            _translated_module(module, name, text, problems, stale, known, refresh) or module
        )
        if isinstance(translated.front, _Overlay):
            origin = origins[_part(module.front.file)] = origins_of(
                translated.front.data, translated.front.given
            )
            origin[BODY] = body_origin(translated.body is not module.body, translated.body)
        words += _source_words(translated.front.data, module.front.data)
        mine += _source_words(translated.front.data, module.front.data, own=True)
        if translated.body is module.body:  # not translated, or told so
            words += [block.text for block in module.body]
        else:  # the paragraphs, items and cells it has as the source has them
            here = source_texts([block.text for block in translated.body])
            there = source_texts([block.text for block in module.body])
            words += sorted(here & there)
            mine += sorted(here - there)
    for module_id, (name, _text) in given.items():  # no such module
        problems.warn(
            Location(name),
            f"'{module_id}' is not a module of the course: this translation is not used",
            f"name it as its source in content/modules/ ({', '.join(project.modules)})",
        )

    tables: dict[str, SourceDoc] = {}
    given = {file_id(p): (n, t) for p, n, t in _texts(folder / "tables", "*.yaml", root, problems)}
    for table_id, table in project.tables.items():
        name, text = given.pop(table_id, (None, ""))
        status = _status(root / table.file, root, name, text)
        statuses.append(status)
        doc = parse_yaml(text, name, problems) if name and status.state != "copy" else None
        stale = status.state == "outdated"
        own = doc.data if doc is not None else None  # (as written: see _laid_over)
        if doc is not None and doc.data is not None and stale:
            refresh = _refresh(root / table.file, False, text, status.recorded)
            _tell_old(doc.file, doc, (), refresh, status.source, problems)
            doc = replace(doc, data=_refreshed(doc.data, refresh))
        if doc is not None:
            _unknown_named(doc, known, problems)
            laid = tables[table_id] = _laid_over(table, doc, problems, stale, "table", known, own)
            _tell_kept(doc.file, _kept_lines(doc, table), problems)
            origins[_part(table.file)] = origins_of(laid.data, laid.given)
        else:
            tables[table_id] = table
        words += _source_words(tables[table_id].data, table.data)
        mine += _source_words(tables[table_id].data, table.data, own=True)

    raw = RawProject(
        root=root,
        course=course,
        modules=modules,
        tables=tables,
        warnings=(*project.warnings, *problems.warnings),
        source_words=tuple(dict.fromkeys(words)),
        own_words=tuple(sorted(own_words(mine))),
        origins=origins,
    )
    return raw, statuses, problems.errors


def _part(source: str) -> str:
    """The part of the content a source file is, as a rebuild names it."""
    from .inputs import part_of

    return part_of(source)


def _translated_module(
    module: RawModule,
    name: str | None,
    text: str,
    problems: _Problems,
    stale: bool = False,
    known: set[str] | None = None,
    refresh: _Refresh | None = None,
) -> RawModule | None:
    """``module`` as its translation ``name`` has it (None: no usable translation);
    ``known``: the audiences the course defines; ``refresh``: its texts still the words
    of the source it was copied from (see _refresh)."""
    if name is None:
        return None
    front, body, body_line = split_front_matter(text, name, problems)
    if front is None:
        return None
    front = front if front.data is not None else SourceDoc(name, {}, {(): (2, 1)}, 1)
    blocks = split_body(body, body_line, name, problems)
    _tell_old(name, front, blocks, refresh, module.front.file, problems)
    own = front.data  # (a text refreshed from the source is the source's: see origins_of)
    front = replace(front, data=_refreshed(front.data, refresh))
    blocks = _refreshed_blocks(blocks, refresh)
    _unknown_named(front, known or set(), problems, blocks)
    written = blocks  # the translation's own text, whatever is printed instead
    if body.strip() and _fenced(blocks) != _fenced(module.body):
        problems.warn(
            Location(name, body_line),
            "the text of this translation is not set apart for audiences as its source's is "
            f"({_fences(module.body)} in the source, {_fences(blocks)} here): the source's "
            "text is printed, in its language, until they agree",
            'keep each ::: {audience="..."} fence of the source around its translation, '
            "in the same order",
        )
        blocks = module.body
    elif body.strip() and _fenced_parts(blocks) != _fenced_parts(module.body):
        # the same fences, but text moved out of one (or into one): a clinical paragraph
        # set before its fence would be printed for every audience
        here, there = _fenced_parts(blocks), _fenced_parts(module.body)
        at = next(
            (n for n, (a, b) in enumerate(zip(here, there, strict=False)) if a != b),
            min(len(here), len(there)),
        )
        fenced = [b for b in blocks if b.conditions]
        fence = fenced[min(at, len(fenced) - 1)]
        ours, theirs = (p[at] if at < len(p) else (fence.conditions, ()) for p in (here, there))
        problems.warn(
            Location(name, fence.condition_lines[-1] if fence.condition_lines else body_line),
            f"the text this translation sets apart for {_names(ours[0])} is not made as "
            f"its source's ({_made_of(ours[1])} here, {_made_of(theirs[1])} in the "
            "source): the source's text is printed, in its language, until they agree, so "
            "that no text meant for some audiences is printed for others",
            "translate each paragraph, list and picture of the source's fenced text inside "
            "the same fence, one for one",
        )
        blocks = module.body
    if not body.strip() and any(block.text.strip() for block in module.body):
        problems.warn(
            Location(name, body_line),
            "this translation has no text below its front matter: the module's text is "
            "printed in the source's language",
            f"translate the text of {module.front.file} below the closing '---' here",
        )
    kept = [(front.location(p).line, t) for p, t in _kept_as_written(front.data, module.front.data)]
    if body.strip():
        theirs = {p for b in module.body for p in _paragraphs(b.text)}
        kept += [(n, p) for b in written for n, p in _lined(b) if p in theirs and _prose(p)]
    _tell_kept(name, kept, problems)
    return RawModule(
        id=module.id,
        front=_order_kept(
            module.front, _laid_over(module.front, front, problems, stale, "module", known, own)
        ),
        body=blocks if body.strip() else module.body,
    )


def _order_kept(base: SourceDoc, laid: _Overlay) -> _Overlay:
    """``laid`` (a module's translation over ``base``, its source's) with each question
    whose options keep their order in the source ("All of the above") keeping it here too:
    its options in the translation's words may not say so ("Todo lo anterior"), and
    shuffled, the key would mark a letter the source's option does not point at."""
    from .assessment import keeps_order

    source = base.data.get("questions") if isinstance(base.data, dict) else None
    translated = laid.data.get("questions") if isinstance(laid.data, dict) else None
    if not isinstance(source, list) or not isinstance(translated, list):
        return laid
    questions = list(translated)
    for n, (theirs, ours) in enumerate(zip(source, translated, strict=False)):
        if isinstance(theirs, dict) and isinstance(ours, dict) and keeps_order(theirs):
            questions[n] = {**ours, "shuffle": False}
    return replace(laid, data={**laid.data, "questions": questions})


# the fields of a module whose texts are its prose, each a sentence or more to translate
# (its references' titles, names and addresses stay as written, as do single terms)
_PROSE_FIELDS = frozenset(
    {
        "objectives",
        "key_points",
        "notes",
        "takeaway",
        "reflection",
        "content_note",
        "questions",
        "activities",
        "summary",
        "description",
    }
)


def _prose(text: str) -> bool:
    """Whether ``text`` is a sentence to translate, not a term or a name: four words or
    more, of letters."""
    return len(re.findall(r"[^\W\d_]{2,}", text)) >= 4


def _kept_as_written(
    given: Any, source: Any, prose: bool = False, path: tuple[Any, ...] = ()
) -> list[tuple[tuple[Any, ...], str]]:
    """The texts that a translation's data (``given``) writes as its ``source`` does, in
    the same place, with their paths: in a module's front matter those of its prose fields
    (see _PROSE_FIELDS); with ``prose``, every sentence (a course's, a table's), but for the
    names and the sources that stay as written."""
    if isinstance(given, str):
        return [(path, given)] if prose and given == source and _prose(given) else []
    if isinstance(given, dict) and isinstance(source, dict):
        return [
            found
            for key, value in given.items()
            if key in source and key not in _NO_WORDS and key not in _AS_WRITTEN
            for found in _kept_as_written(
                value, source[key], prose or key in _PROSE_FIELDS, (*path, key)
            )
        ]
    if isinstance(given, list) and isinstance(source, list):
        by_id = _by_id(source, given)  # entries with ids are laid by id (see _overlay)
        if by_id is not None:
            entries = {e["id"]: e for e in source}
            return [
                found
                for n, g in enumerate(given)
                if g["id"] in entries
                for found in _kept_as_written(g, entries[g["id"]], prose, (*path, n))
            ]
        if len(given) == len(source):
            return [
                found
                for n, (g, s) in enumerate(zip(given, source, strict=True))
                for found in _kept_as_written(g, s, prose, (*path, n))
            ]
    return []


# names a course gives that stay as written in any language, and sources (see UNTRANSLATED)
_AS_WRITTEN = UNTRANSLATED | {"organization", "author"}
_MOST_QUOTED = 3  # of the texts still the source's words, quoted with their lines


def _kept_lines(doc: SourceDoc, source: SourceDoc) -> list[tuple[int, str]]:
    """The sentences of a translated course or table (``doc``) still its ``source``'s words
    as written, each with its line."""
    return [(doc.location(p).line, t) for p, t in _kept_as_written(doc.data, source.data, True)]


def _lined(block: BodyBlock) -> list[tuple[int, str]]:
    """A body block's paragraphs (see _paragraphs), each with the line it starts on."""
    text = block.text
    first = len(text) - len(text.lstrip("\n"))  # (the block's line is its first text's)
    return [
        (block.line + text[: m.start()].count("\n") - first, " ".join(m.group().split()))
        for m in _PARAGRAPH.finditer(text)
    ]


_PARAGRAPH = re.compile(r"\S(?:.|\n(?!\s*\n))*")  # to the next blank line


def _tell_kept(
    file: str, kept: list[tuple[int, str]], problems: _Problems, older: str = ""
) -> None:
    """One warning for the texts of a translation (``file``) still its source's words as
    written, each with its line (``kept``: line and text), at the first of them: printed
    in the source's language. With ``older`` (the source file), the texts are alike the
    source's now, as its words were before an edit: printed as written here."""
    if not kept:
        return
    from .fit import start_of

    kept = sorted(set(kept), key=lambda k: k[0])
    named = ", ".join(f"'{start_of(t, 40)}' (line {n})" for n, t in kept[:_MOST_QUOTED])
    rest = sorted({n for n, _ in kept[_MOST_QUOTED:]})
    more = ""
    if rest:
        more = f" and {len(kept) - _MOST_QUOTED} more, on {'line' if len(rest) == 1 else 'lines'}"
        more += f" {_spans(rest)}"
    one = len(kept) == 1
    if older:
        problems.warn(
            Location(file, kept[0][0]),
            f"{_texts_count(len(kept))} of this translation {'is' if one else 'are'} the "
            f"source's words as {older} had {'it' if one else 'them'} before an edit, it "
            f"seems: printed as written here, in the source's language and out of date: "
            f"{named}{more}",
            f"translate {'it' if one else 'them'} from {older} as it is now",
        )
        return
    problems.warn(
        Location(file, kept[0][0]),
        f"{_texts_count(len(kept))} of this translation {'is' if one else 'are'} still the "
        f"source's words as written, printed in the source's language: {named}{more}",
        f"translate {'it' if one else 'them'} here; a name or term that is the same in both "
        "languages may stay",
    )


def _spans(lines: list[int]) -> str:
    """Line numbers as runs: "10-12, 15, 18-40"."""
    runs: list[list[int]] = []
    for n in lines:
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)


def _paragraphs(text: str) -> list[str]:
    """A body block's paragraphs (and list items' runs), as written, white space made even."""
    return [" ".join(part.split()) for part in re.split(r"\n\s*\n", text) if part.strip()]


def _fenced(blocks: tuple[BodyBlock, ...]) -> list[tuple[tuple[str, ...], ...]]:
    """The audiences a body's fences set text apart for, in order (one entry a fence)."""
    found: list[tuple[tuple[str, ...], ...]] = []
    last: tuple[tuple[str, ...], ...] = ()
    for block in blocks:
        if block.conditions and block.conditions != last:
            found.append(tuple(tuple(sorted(set(c))) for c in block.conditions))
        last = block.conditions
    return found


def _fenced_parts(
    blocks: tuple[BodyBlock, ...],
) -> tuple[tuple[tuple[tuple[str, ...], ...], tuple[str, ...]], ...]:
    """Each run of text set apart for audiences: its fences' audiences, and what it is made
    of (see document.block_kinds)."""
    return tuple(
        (tuple(tuple(sorted(set(c))) for c in block.conditions), block_kinds(block.text))
        for block in blocks
        if block.conditions
    )


def _names(conditions: tuple[tuple[str, ...], ...]) -> str:
    return " within ".join(", ".join(audiences) for audiences in conditions)


def _made_of(kinds: tuple[str, ...]) -> str:
    from .console import listed

    return listed(kinds) or "nothing"


def _fences(blocks: tuple[BodyBlock, ...]) -> str:
    fences = _fenced(blocks)
    said = "; ".join(_names(f) for f in fences)
    return f"{len(fences)} fenced ({said})" if fences else "none fenced"


def status_problems(
    language: str, statuses: list[FileStatus], root: Path | None = None
) -> list[Problem]:
    """What ``check`` (and a build) says of one translation: files not translated (printed
    in the source language), copies not translated yet, translations older than their
    source, and translations that do not say what they were made from. Given the project's
    ``root``, a file not translated whose translation is there under another case or with
    ".txt" added (``intro.MD``, ``intro.md.txt``) is told to be renamed."""
    from .project import near_miss, renamed_hint

    found: list[Problem] = []
    for status in statuses:
        said = _said(language, status)
        if said is None:
            continue
        where, message, hint = said
        if status.state == "missing" and root is not None:
            mirror = Path(FOLDER, language, Path(status.source).relative_to("content"))
            alike = near_miss((root / mirror).parent, mirror.name)
            if alike is not None:
                hint = renamed_hint(alike, mirror.name, root)
        # the words quote the source's stamp, which each save of it moves: the same
        # warning while the file stays in this state (told once by `watch`)
        standing = f"{language} {status.state} {status.source}"
        found.append(Problem(where, message, hint, severity="warning", standing=standing))
    return found


def _said(language: str, status: FileStatus) -> tuple[Location, str, str] | None:
    at = Location(status.translation or status.source, 1)
    if status.state == "missing":
        mirror = Path(status.source).relative_to("content").as_posix()
        return (
            Location(status.source),
            f"not translated into '{language}': printed in the course's language in the "
            f"'{language}' materials",
            f"add content/translations/{language}/{mirror} "
            f"(materials-gen translate {language} starts it)",
        )
    if status.state == "copy":
        return (
            at,
            f"not translated into '{language}' yet: still the copy of {status.source}, "
            f"whose text (as it is now) is printed in the '{language}' materials",
            "translate its text in place (keep the keys, ids and numbers as they are)",
        )
    if status.state == "outdated":
        return (
            at,
            f"the '{language}' translation is out of date: {status.source} changed since it "
            f"was translated (translation_of: {status.recorded}, now {status.now})",
            f"bring the translation up to date, then set translation_of: {status.now}",
        )
    if status.state == "unstamped":
        return (
            at,
            "the translation does not say what it was translated from",
            f"add 'translation_of: {status.now}' as its first key, once it matches {status.source}",
        )
    return None


def translated_courses(
    project: RawProject,
) -> list[tuple[str, Any, tuple[Problem, ...], list[FileStatus]]]:
    """Each translation of the loaded ``project``, validated: (language, course, warnings,
    statuses); ContentError naming every problem of every translation (file and line)."""
    from .errors import ContentError
    from .to_fill import to_fill
    from .validate import validate

    source = _language_in(project.course.data)
    made = []
    errors: list[Problem] = []
    folded: dict[str, str] = {}
    _languages_counted(project)
    for language in languages(project.root):
        twin = folded.setdefault(str(language).casefold(), str(language))
        if twin != language:  # one folder on Windows and macOS, whose names ignore case
            errors.append(
                Problem(
                    Location(f"{FOLDER.as_posix()}/{language}"),
                    f"the translations '{twin}' and '{language}' differ only in case: on "
                    "Windows and macOS they are one folder, and their outputs one",
                    "keep one of them (language tags are usually written as 'es' or 'pt-BR')",
                )
            )
            continue
        if str(language).casefold() == str(source).casefold():
            errors.append(_own_language(language, source))  # edits there: read by nothing
            continue
        if _variety_of(str(source), str(language)):  # en beside an en-US course, as translate
            errors.append(_variety_unnamed(language, source))  # refuses it: the same words
            continue
        raw, statuses, problems = translated_project(project, language)
        errors.extend(problems)
        try:
            course, warnings = validate(raw)
        except ContentError as exc:
            errors.extend(exc.problems)
            continue
        # a fact to fill in is filled in each language (the translation keeps the mark)
        warnings = (*warnings, *to_fill(raw))
        if raw.source_words:  # marked in its outputs as in the source's language
            marked = source_texts(raw.source_words)
            # of its own words, those a one-word text of the source's is (only those tell)
            alone = {t.casefold() for t in marked if " " not in t}
            marked |= {OWN + w for w in raw.own_words if w in alone}
            course._source_texts = (source, marked)
        course._origins = raw.origins
        made.append((language, course, warnings, statuses))
    if errors:
        raise ContentError(errors)
    return made


# the most languages a course is built in (its own and its translations), and the most
# audiences in all of them together: each is a set of outputs to check and build
MOST_LANGUAGES = 20
MOST_EDITIONS = 100


def _languages_counted(project: RawProject) -> None:
    """ContentError when the course is translated into more languages than
    :data:`MOST_LANGUAGES`, or its audiences in every language are more than
    :data:`MOST_EDITIONS`, before any translation is read."""
    from .errors import ContentError

    count = len(languages(project.root)) + 1  # and the course's own
    audiences = (
        project.course.data.get("audiences") if isinstance(project.course.data, dict) else None
    )
    editions = count * (len(audiences) if isinstance(audiences, list) else 1)
    if count > MOST_LANGUAGES:
        said = f"a course is built in at most {MOST_LANGUAGES} languages, and this one in {count}"
    elif editions > MOST_EDITIONS:
        said = (
            f"a course is built for at most {MOST_EDITIONS} audiences in all its languages, and "
            f"this one for {editions} ({len(audiences or ())} audiences in {count} languages)"
        )
    else:
        return
    raise ContentError(
        [
            Problem(
                Location(FOLDER.as_posix()),
                f"{said}: each is a whole set of outputs to check and build",
                "keep the translations you print from in content/translations, the others "
                "elsewhere, or make a course of its own for some of the audiences",
            )
        ]
    )


def language_location(root: Path, language: str, source: Location) -> Location:
    """Where the course in ``language`` says its language: the ``language:`` line of its
    translation's course.yaml, or ``source`` (the course's own) when it is not a
    translation or does not say."""
    path = root / FOLDER / language / "course.yaml"
    text = read_text(path, root, _Problems())  # as loading read it: inside, tidied
    if text is None:
        return source
    doc = parse_yaml(text, (FOLDER / language / "course.yaml").as_posix(), _Problems())
    if doc is None or ("language",) not in doc.marks:
        return source
    return doc.location(("language",))


def source_language(root: Path) -> str:
    """The language the project's course is written in (see :func:`_course_language`)."""
    return _course_language(Path(root) / "content" / "course.yaml", Path(root))


def _course_language(course: Path, root: Path) -> str:
    """The ``language:`` course.yaml gives (read as loading reads it, not validated; the
    model's default when it gives none), or "" when it cannot be read."""
    from .errors import ContentError
    from .load import read_bytes_in

    try:
        text = text_of(read_bytes_in(course, root))
    except (ContentError, OSError):
        return ""
    doc = parse_yaml(text, course.name, _Problems())
    data = doc.data if doc is not None else None
    return _language_in(data) if isinstance(data, dict) else ""


def _language_in(data: Any) -> str:
    """The language course.yaml's ``data`` says the course is in: its ``language:``, or the
    model's default when it says none."""
    from .model import Course

    said = data.get("language") if isinstance(data, dict) else None
    return str(said or Course.model_fields["language"].default)


def _own_language(language: str, source: str) -> Problem:
    return Problem(
        Location(f"{FOLDER.as_posix()}/{language}"),
        f"the course itself is in {source}: a translation into {language} is never read",
        f"make the changes in content/ itself, then remove {FOLDER.as_posix()}/{language}/",
    )


def _variety_of(source: str, language: str) -> bool:
    """Whether ``language`` is the language alone of a course in a variety of it (en for an
    en-US course): a translation into it would say the same, and ``-l en`` names the
    course's own."""
    base, _, region = source.casefold().partition("-")
    return bool(region) and language.casefold() == base


def _variety_unnamed(language: str, source: str) -> Problem:
    return Problem(
        Location(f"{FOLDER.as_posix()}/{language}"),
        f"the course itself is in {source}: a translation into {language} would say the same",
        f"for another variety of {language}, name its region in the folder's name too (as "
        f"in en-GB or fr-CA); otherwise remove {FOLDER.as_posix()}/{language}/",
    )


def translation_tag(root: Path, language: str) -> str:
    """The tag a translation into ``language`` goes by: the folder already made for it in
    any case ("ES" is the project's "es"), else the tag as tags are written (the language in
    small letters, a region in capitals, a script with one: "pt-BR", "zh-Hant"). A folder
    of another case beside the first made every command stop (on Windows and macOS they
    are one folder)."""
    folder = Path(root) / FOLDER
    if folder.is_dir():
        for found in languages(root):
            if found.casefold() == language.casefold():
                return found
    parts = language.split("-")
    written = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 2 or part.isdigit():
            written.append(part.upper())
        elif len(part) == 4:
            written.append(part.title())
        else:
            written.append(part.lower())
    return "-".join(written)


def start_translation(root: Path, language: str) -> list[Path]:
    """Copy each source file the ``language`` translation lacks into it, stamped with what
    it is a copy of (and course.yaml with the translation's language), for a translator to
    translate in place. Files already there are left as they are. Returns those written."""
    from .errors import ContentError
    from .i18n import LANGUAGE_TAG, refuse_unknown_language
    from .load import read_bytes_in
    from .write import write_in_project

    if not LANGUAGE_TAG.match(language):
        raise ContentError(
            [Problem(None, f"'{language}' is not a language tag", "write e.g. es, fr or pt-BR")]
        )
    language = translation_tag(root, language)
    refuse_unknown_language(language)
    root = Path(root)
    content = root / "content"
    source = _course_language(content / "course.yaml", root)
    if source and source.casefold() == language.casefold():
        raise ContentError(
            [
                Problem(
                    Location("content/course.yaml"),
                    f"the course itself is in {source}: there is nothing to translate into",
                    "name another language, e.g. es, fr or pt-BR",
                )
            ]
        )
    if source and _variety_of(source, language):
        raise ContentError(  # en for an en-US course: the same words, no variety named
            [
                Problem(
                    Location("content/course.yaml"),
                    f"the course itself is in {source}: a translation into {language} would "
                    "say the same",
                    f"for another variety of {language}, name its region too (as in en-GB "
                    "or fr-CA); otherwise name another language",
                )
            ]
        )
    # the content as a build reads it, every problem told with its line before any copy is
    # made: a file saved in UTF-16, a table YAML cannot read, is mended once, not once more
    # in each translation
    from .load import load_project
    from .validate import validate

    validate(load_project(root))
    folder = root / FOLDER / language
    sources = [content / "course.yaml"]
    sources += sorted((content / "modules").glob("*.md"))
    sources += sorted((content / "tables").glob("*.yaml"))
    sources = [s for s in sources if not left_alone(s.name)]  # as a build reads them
    written = []
    for source in sources:
        target = folder / source.relative_to(content)
        if os.path.lexists(target):
            continue
        # read as a build reads it: a file of the project (a link out of it, a pipe or a
        # device is refused), never more than a content file may hold
        data = read_bytes_in(source, root)
        text = text_of(data)
        stamp = f"{STAMP}: {text_stamp(source.name, text)}\n"
        if source.suffix == ".md" and text.startswith("---"):
            first, _, rest = text.partition("\n")
            text = f"{first}\n{stamp}{rest}"
        else:
            text = stamp + text
        if source.name == "course.yaml" and source.parent == content:
            text = re.sub(r"(?m)^language:.*$", f"language: {language}", text, count=1)
        # never through a link: a translations folder that links out of the project is refused
        if write_in_project(root, target, text.encode("utf-8")):
            written.append(target)
    return written
