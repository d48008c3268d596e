"""Stage 2, validate: raw content -> typed :class:`~materials_gen.model.Course`.

Every problem is collected, located (file, line, column) and phrased for a trainer, with a
did-you-mean where a name was misspelt; then the stage stops once with all of them.
Checks that need the whole course (audience names, module and table references) run after
each file's own shape has been checked.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import types
import typing
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from pydantic import BaseModel, RootModel, Tag, ValidationError

from . import paper
from .console import listed
from .document import (
    MAX_COURSE_PARTS,
    body_problems,
    brackets_problem,
    count_parts,
    fence_warnings,
    marks_as_text,
    picture_sources,
    pictures_as_text,
    table_row_warnings,
    too_many_brackets,
)
from .errors import (
    ContentError,
    Location,
    Problem,
    did_you_mean,
    example_audience,
    example_audiences,
)
from .glyphs import has_cjk
from .images import IMAGE, IN_BRACKETS, normalise, shown_source
from .load import MAX_NUMBER, RawProject, SourceDoc, code_blanked, value_at
from .manifest import TRANSLATIONS
from .model import (
    CLOCK_PATTERN,
    ITEM_FIELDS,
    MOST_ROOM_MINUTES,
    Audience,
    Block,
    Course,
    Image,
    ListVariants,
    MinuteVariants,
    Module,
    Row,
    Table,
    Variants,
)
from .pasted import paragraph_problems
from .project import near_miss, renamed_hint
from .tailor import viewer
from .yaml_messages import ODD_SPACES, dash_name, quoted

# Keys a trainer does not write in a module file: materials-gen fills them in.
_INTERNAL = {"id", "file", "body"}


def _internal(model: type[BaseModel]) -> set[str]:
    if model is Module:
        return _INTERNAL
    if model is Row:
        return {"cells"}
    if model is Table:
        return {"id"}
    return set()


SHOWN_VALUE = 80  # characters of a value a message quotes (a pasted page is not repeated)


def _describe(value: Any, word: str | None = None) -> str:
    """What a value is, in a trainer's words; a yes/no as typed (``word``: 'yes', 'Off')."""
    if isinstance(value, dt.date):
        return f"date ({value})"
    if isinstance(value, bool):
        return f"yes/no value ({word or str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"number ({value})"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "set of 'key: value' lines"
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return "text"
    return type(value).__name__


def _unquoted_mark(value: Any) -> str | None:
    """The words of a ``[[fill in ...]]`` mark written without quotes in YAML, which reads
    the brackets as a list in a list (``[["fill in ..."]]``); None for any other value."""
    if (
        isinstance(value, list)
        and len(value) == 1
        and isinstance(value[0], list)
        and len(value[0]) == 1
        and isinstance(value[0][0], str)
        and value[0][0].lower().startswith("fill in")
    ):
        return value[0][0]
    return None


def _unwrap(tp: Any) -> list[Any]:
    """The concrete classes an annotation may stand for (Annotated and unions opened up)."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(tp)[0])
    if origin is typing.Union or isinstance(tp, types.UnionType):
        out: list[Any] = []
        for arg in typing.get_args(tp):
            out.extend(_unwrap(arg))
        return out
    return [tp]


def keys_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The keys a trainer may write at ``loc`` inside ``model``, for did-you-mean hints."""
    return [
        k
        for cls in classes_at(model, loc)
        if not issubclass(cls, RootModel)  # a text per audience: keyed by audience ids
        for k in cls.model_fields
        if k not in _internal(cls)
    ]


def named_keys_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str] | None:
    """The keys that may be written at ``loc`` inside ``model``, when that place takes only
    its model's own (a module's, a question's); None where a key may be a name the trainer
    gave (a table row's column ids, an audience's id in a text given per audience)."""
    classes = classes_at(model, loc)
    if any(cls is Row or issubclass(cls, RootModel) for cls in classes):
        return None
    return keys_at(model, loc)


def classes_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[type[BaseModel]]:
    """The models the value at ``loc`` inside ``model`` may be (a union opened up)."""
    candidates: list[Any] = [model]
    for part in loc:
        following: list[Any] = []
        for tp in candidates:
            for cls in _unwrap(tp):
                origin = typing.get_origin(cls)
                if isinstance(cls, type) and issubclass(cls, BaseModel) and isinstance(part, str):
                    if part in cls.model_fields:
                        following.append(cls.model_fields[part].annotation)
                elif origin in (tuple, list) and isinstance(part, int):
                    following.append(typing.get_args(cls)[0])
        candidates = following
    return [
        cls
        for tp in candidates
        for cls in _unwrap(tp)
        if isinstance(cls, type) and issubclass(cls, BaseModel)
    ]


def _branches(tp: Any) -> list[Any] | None:
    """The choices of a union of two or more (None left out), each as annotated (its
    ``Tag`` kept); None for any other annotation."""
    while typing.get_origin(tp) is typing.Annotated:
        tp = typing.get_args(tp)[0]
    if typing.get_origin(tp) is typing.Union or isinstance(tp, types.UnionType):
        members = [m for m in typing.get_args(tp) if m is not type(None)]
        return members if len(members) > 1 else None
    return None


def _plain(tp: Any) -> Any:
    """``tp`` without its Annotated layers, an optional one (``X | None``) as ``X``."""
    while True:
        if typing.get_origin(tp) is typing.Annotated:
            tp = typing.get_args(tp)[0]
            continue
        if typing.get_origin(tp) is typing.Union or isinstance(tp, types.UnionType):
            members = [m for m in typing.get_args(tp) if m is not type(None)]
            if len(members) == 1:
                tp = members[0]
                continue
        return tp


def _branch_label(member: Any) -> str | None:
    """The step pydantic names a union's choice by in an error's path: its ``Tag``, or a
    model's class name (a text's, a number's: not needed, nothing is inside them)."""
    for extra in getattr(member, "__metadata__", ()):
        if isinstance(extra, Tag):
            return extra.tag
    plain = _plain(member)
    if isinstance(plain, type) and issubclass(plain, BaseModel):
        return plain.__name__
    return None


def _union_steps(model: type[BaseModel], loc: tuple[Any, ...]) -> dict[int, str]:
    """The steps of a pydantic error's path that name the choice of a union it tried, by
    their place in the path: "str" and "FontFiles" in ('fonts', 'body', 'str'). Pydantic
    puts its own names for types there, which are no words of the content's."""
    steps: dict[int, str] = {}
    current: list[Any] = [model]
    for i, part in enumerate(loc):
        following: list[Any] = []
        for tp in current:
            members = _branches(tp)
            if members is not None:
                steps[i] = part
                following.extend(m for m in members if _branch_label(m) == part)
                continue
            tp = _plain(tp)
            if isinstance(tp, type) and issubclass(tp, RootModel):
                tp = _plain(tp.model_fields["root"].annotation)
            origin = typing.get_origin(tp)
            if isinstance(tp, type) and issubclass(tp, BaseModel):
                if isinstance(part, str) and part in tp.model_fields:
                    following.append(tp.model_fields[part].annotation)
            elif origin in (tuple, list) and isinstance(part, int):
                following.append(typing.get_args(tp)[0])
            elif origin is dict and isinstance(part, str):
                following.append(typing.get_args(tp)[1])
        current = following
    return steps


# what each choice of a union holds, by the error pydantic gives a value that is not it
_CHOICE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "int_parsing": "a whole number",
    "float_type": "a number",
    "bool_type": "yes or no",
    "model_type": "a set of 'key: value' lines",
    "dict_type": "a set of 'key: value' lines",
}


def _one_per_union(errors: list[dict[str, Any]], model: type[BaseModel]) -> list[dict[str, Any]]:
    """A union's errors said once, about the field the trainer wrote.

    Pydantic tries each choice of a union (``body: Noto Sans`` or ``body: {regular: ...}``)
    and reports every one that failed, under its own name for the choice ("'str' must be
    text", "'FontFiles' must be..."). A set of 'key: value' lines was meant as the choice
    that is one: only what is wrong inside it is told. Anything else fits no choice: one
    error, ``either_type``, says what the field may hold.
    """
    # each error, or each union's errors together, in the order pydantic gave them
    kept: dict[Any, list[dict[str, Any]]] = {}
    for n, error in enumerate(errors):
        steps = [i for i, s in _union_steps(model, error["loc"]).items() if str(s)[:1] != "#"]
        if not steps:  # none, or only tagged ones ("#str"): _problem_loc leaves those out
            kept[n] = [error]
            continue
        loc = tuple(p for i, p in enumerate(error["loc"]) if i not in steps)
        kept.setdefault(("union", error["loc"][: min(steps)]), []).append({**error, "loc": loc})
    said: list[dict[str, Any]] = []
    for key, group in kept.items():
        if isinstance(key, int):
            said.extend(group)
            continue
        depth = len(key[1])  # the union's place (its choice's step taken out)
        at_union = [e for e in group if len(e["loc"]) == depth and e["type"] != "missing"]
        value = at_union[0]["input"] if at_union else None
        modelled = [e for e in group if e not in at_union]  # inside a model's choice
        if not at_union or (isinstance(value, dict) and modelled):
            said.extend(modelled or group)
            continue
        choices = dict.fromkeys(_CHOICE_WORDS.get(e["type"], "") for e in at_union)
        said.append(
            {
                "type": "either_type",
                "loc": at_union[0]["loc"],
                "input": value,
                "msg": "fits none of its choices",
                "ctx": {"choices": tuple(c for c in choices if c)},
            }
        )
    return said


# What a setting must hold, for each kind of type error pydantic reports.
_MUST_HOLD = {
    "string_type": "text",
    "text_type": "text",
    "tuple_type": "a list",
    "list_type": "a list",
    "lines_type": "a list",
    "dict_type": "a set of 'key: value' lines",
    "model_type": "a set of 'key: value' lines",
    "model_attributes_type": "a set of 'key: value' lines",
}


# quotes a word processor types ("smart quotes"), which YAML reads as part of the text
_CURLY = "\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb"
CURLY_HINT = (
    "\u201c \u201d and \u2018 \u2019 (as a word processor types them) are not quotes to "
    'YAML but part of the text: use straight quotes, "like this"'
)


def _curly(value: Any) -> bool:
    """Whether ``value`` is a text a word processor's quotes open or close."""
    return isinstance(value, str) and bool(value) and (value[0] in _CURLY or value[-1] in _CURLY)


def _friendly(
    error: dict[str, Any], doc: SourceDoc, model: type[BaseModel], data: Any = None
) -> Problem:
    """A pydantic error said for a trainer; an empty setting is usually an indentation slip,
    and a value in a word processor's quotes was meant to be quoted. ``data``: what
    ``model`` was given, to try what a hint would have written against it."""
    problem = _friendly_problem(error, doc, model, data)
    if _curly(error.get("input")) and error["type"] != "extra_forbidden":  # a value's slip
        return Problem(problem.location, problem.message, CURLY_HINT)
    kind = error["type"]
    if error.get("input", 0) is not None or kind not in _MUST_HOLD:
        return problem
    loc = _problem_loc(error)
    name = next((p for p in reversed(loc) if isinstance(p, str)), "value")
    if loc and isinstance(loc[-1], int):  # a list's entry: "- " or "- null"
        return Problem(
            problem.location,
            f"entry {loc[-1] + 1} of '{name}' is empty; it must hold {_MUST_HOLD[kind]}",
            "write it after the '- ', or delete the line ('null' and '~' are YAML's words "
            "for nothing; put one in quotes to mean the word)",
        )
    word = doc.words.get(tuple(loc))  # '~' or 'null', YAML's words for nothing, as typed
    if word:  # 'a: ~': said as typed
        return Problem(
            problem.location,
            f"'{name}' is {_nothing(word)}; it must hold {_MUST_HOLD[kind]}",
            f"replace '{word}' with what '{name}' holds, or put it in quotes if it is meant as "
            f'text: {name}: "{word}"',
        )
    return Problem(
        problem.location,
        f"'{name}' has nothing after its colon; it must hold {_MUST_HOLD[kind]}",
        _empty_hint(doc, model, loc, name),
    )


def _empty_hint(doc: SourceDoc, model: type[BaseModel], loc: tuple[Any, ...], name: str) -> str:
    """Where the lines meant for an empty setting probably are: beside it instead of under it.

    ``competent:`` followed by ``all-staff: ...`` at the same indentation is read as an empty
    ``competent`` and a new setting ``all-staff``: when the next setting at the same
    indentation is not one that belongs there, it is named so the trainer knows which lines
    to indent.
    """
    comment = doc.comments.get(tuple(loc))
    if comment is not None:  # 'primary: #1F4E79'
        return (
            f"a '#' after a colon starts a comment in YAML, so '{comment[:40]}' was left out: "
            f'put it in quotes, {name}: "{comment[:40]}"'
        )
    here = doc.marks.get(tuple(loc))
    if here is None:
        return f"write it after '{name}: ', or on the lines below, indented further"
    siblings = sorted(
        (*mark, str(path[-1]))
        for path, mark in doc.marks.items()
        if len(path) == len(loc) and tuple(path[:-1]) == tuple(loc[:-1]) and mark[0] > here[0]
    )
    known = set(keys_at(model, loc[:-1]))
    if loc[:1] == ("rows",) and isinstance(doc.data, dict):  # a table row: its columns
        columns = doc.data.get("columns")
        known |= {str(c.get("id")) for c in columns if isinstance(c, dict)} if columns else set()
    if siblings and siblings[0][2] not in known and not isinstance(loc[-1], int):
        line, _, key = siblings[0]
        return (
            f"if '{key}:' (line {line}) and the lines after it belong to '{name}', indent them "
            f"further than '{name}:'"
        )
    return f"write it after '{name}: ', or on the lines below, indented further than '{name}:'"


def unknown_key(doc: SourceDoc, model: type[BaseModel], loc: tuple[Any, ...]) -> Problem:
    """A key at ``loc`` that ``model`` has none of there, with the one it is most like; on
    a line that lost the indentation of a text above it, told as that line."""
    key = str(loc[-1])
    near = did_you_mean(key, keys_at(model, loc[:-1]))
    left = text_left_behind(doc, loc, f"a key, it is not one {_owner(model, loc)} has", near)
    return left or Problem(doc.location(loc), f"unknown key '{key}'", near)


def text_left_behind(doc: SourceDoc, loc: tuple[Any, ...], meant: str, near: str) -> Problem | None:
    """A key that is none of those of its place, on a line that lost the indentation of the
    text above it ("Note: bring water" under `notes: |`, see load.SourceDoc.left): told as
    that line, to indent, with what the key is not if it was ``meant`` as one ("a key, it is
    not one a module has") and ``near``, the did-you-mean hint for it; None for any other
    key."""
    slip = doc.left.get(tuple(loc))
    if slip is None:
        return None
    key = str(loc[-1])
    nearest = f" ({near})" if near.startswith("did you mean") else ""
    return Problem(
        Location(doc.file, slip.line, slip.column),
        f"{slip.message}, so YAML reads `{key}:` as a key of its own",
        f"{slip.hint}; if `{key}:` is meant as {meant}{nearest}",
    )


# what each kind of file is called, as what holds its keys
_OWNERS = {"Module": "a module", "Table": "a table", "Course": "the course file"}


def _owner(model: type[BaseModel], loc: tuple[Any, ...]) -> str:
    """What holds the key at ``loc`` inside ``model``, in words: "a module", "an entry of
    `activities:`", "`settings:`"."""
    steps = loc[:-1]
    named = [i for i, step in enumerate(steps) if isinstance(step, str)]
    if not named:
        return _OWNERS.get(model.__name__, "this file")
    parent = steps[named[-1]]
    return f"an entry of `{parent}:`" if named[-1] < len(steps) - 1 else f"`{parent}:`"


def _problem_loc(error: dict[str, Any]) -> tuple[Any, ...]:
    """The path of a pydantic error as the content writes it (internal steps left out)."""
    loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and p.startswith("#")))
    # A table row's cells are written directly in the row; drop the internal 'cells' step.
    return tuple(
        p for i, p in enumerate(loc) if not (p == "cells" and i and isinstance(loc[i - 1], int))
    )


# what to write for a setting that is missing, where "add a line 'name: ...'" says too little
_MISSING_HINTS = {
    "answer": "add a line 'answer: b' here: the letter of the right option (a, b, c ...), or "
    "true or false for a true-or-false question",
}


def _has_options(data: Any, path: tuple[Any, ...]) -> bool:
    """Whether the question at ``path`` in a file's ``data`` lists options (one not found:
    the hint for either kind)."""
    question = value_at(data, path)
    return not isinstance(question, dict) or bool(question.get("options"))


# what a setting that may be written in several forms holds, in a trainer's words, and an
# example of each form (a font: a family's name or its files)
_FONT_CHOICE = (
    "name a font family (e.g. Noto Sans) or give font files (regular: fonts/X.ttf, ...)",
    "write e.g. '{name}: Noto Sans', or the files on the lines below it, indented: "
    "'regular: fonts/MyFont-Regular.ttf' (and bold:, italic:, bold_italic: if you have them)",
)
_EITHER = {
    ("fonts", "body"): _FONT_CHOICE,
    ("fonts", "heading"): _FONT_CHOICE,
    ("year",): (
        "be a year, e.g. 2014 (or n.d. for a work without one)",
        "write e.g. year: 2014, or leave the line out for n.d.",
    ),
}


def _either_problem(
    where: Location,
    loc: tuple[Any, ...],
    name: str,
    value: Any,
    choices: tuple[str, ...],
    word: str | None = None,
) -> Problem:
    """A setting written in none of the forms it may take: what it may be, in the trainer's
    words (never the names pydantic gives the forms)."""
    words, hint = next(
        (said for key, said in _EITHER.items() if tuple(loc[-len(key) :]) == key),
        (f"be {' or '.join(choices) or 'something else'}", ""),
    )
    hint = hint.format(name=name)
    if value is None and word:  # '~' or 'null', YAML's words for nothing
        return Problem(where, f"'{name}' is {_nothing(word)}; it must {words}", hint)
    if value is None:
        return Problem(where, f"'{name}' has nothing after its colon; it must {words}", hint)
    return Problem(where, f"'{name}' must {words}, not a {_describe(value, word)}", hint)


def _nothing(word: str) -> str:
    """A value written as one of YAML's words for nothing ('~', 'null'), as a message says it."""
    return f"'{word}', which YAML reads as nothing"


def _put(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    """``data`` with ``value`` at ``path`` (sets of 'key: value' and lists copied along it)."""
    if not path:
        return value
    if isinstance(data, dict) and path[0] in data:
        return {**data, path[0]: _put(data[path[0]], path[1:], value)}
    if isinstance(data, list) and isinstance(path[0], int) and 0 <= path[0] < len(data):
        return [*data[: path[0]], _put(data[path[0]], path[1:], value), *data[path[0] + 1 :]]
    return data


# settings their model takes as any text and a later check reads (a length, a paper size, a
# file), with what to write for the check to take it
_READ_LATER: dict[tuple[str, ...], tuple[Any, str]] = {
    ("settings", "poster", "bleed"): (
        paper.bleed,
        "write a number and a unit, e.g. 3mm or 0.125in (0 or none for no bleed)",
    ),
    ("settings", "poster", "tile"): (paper.size, "write a paper size, e.g. letter or a4"),
    ("settings", "deck", "template"): (
        None,
        "write the path of a .pptx or .potx file in the project, e.g. templates/corporate.pptx",
    ),
    **{
        ("fonts", role, face): (
            None,
            "write the path of a font file in templates/, e.g. fonts/MyFont-Regular.ttf",
        )
        for role in ("body", "heading")
        for face in ("regular", "bold", "italic", "bold_italic")
    },
}


# What a hint found by validating a file's data again with a value tried in a field: by
# the model, the data and the field's place, every list's entries as one (the same field:
# 3,000 numbers where key points' texts go were each tried in a whole module again, which
# took minutes). Emptied when the file's errors are told (see _check_model).
_TRIED: dict[tuple[Any, ...], Any] = {}


def _tried(kind: str, model: type[BaseModel], data: Any, loc: tuple[Any, ...], find: Any) -> Any:
    """``find()``, once for each field of ``data`` (see :data:`_TRIED`)."""
    key = (kind, model, id(data), tuple("#" if isinstance(p, int) else p for p in loc))
    if key not in _TRIED:
        _TRIED[key] = find()
    return _TRIED[key]


def _quoted_refused(
    doc: SourceDoc, model: type[BaseModel], data: Any, loc: tuple[Any, ...], text: str
) -> str | None:
    """What to write at ``loc`` when ``text`` (a number, in quotes) would be refused there
    too: "'7' is not a language tag" after "put the value in quotes: "7"" was a second
    mistake the first hint led to. None when the field takes it."""
    if isinstance(data, dict) and any(isinstance(p, int) for p in loc):
        # an entry of a list: what its field takes, found once for all its entries written
        # alike (their digits as one: "7" and "12" are, "1.5" is not)
        shape = re.sub(r"\d", "0", text)
        return _tried(  # type: ignore[no-any-return]
            f"quoted {shape}",
            model,
            data,
            loc,
            lambda: _quoted_refused_now(doc, model, data, loc, text),
        )
    return _quoted_refused_now(doc, model, data, loc, text)


def _quoted_refused_now(
    doc: SourceDoc, model: type[BaseModel], data: Any, loc: tuple[Any, ...], text: str
) -> str | None:
    later = _READ_LATER.get(tuple(loc))
    if later is not None:
        check, hint = later
        if check is None:  # a file's path: a number names none
            return hint
        try:
            check(text)
        except paper.PaperError:
            return hint
        return None
    if not isinstance(data, dict):
        return None
    try:
        model.model_validate(_put(data, loc, text))
    except ValidationError as exc:
        for error in _one_per_union(exc.errors(include_url=False), model):
            if _problem_loc(error) == tuple(loc):
                return _friendly_problem(error, doc, model).hint or None
    return None


def _example_number(
    doc: SourceDoc, model: type[BaseModel], data: Any, loc: tuple[Any, ...]
) -> tuple[int, str]:
    """A whole number the field at ``loc`` takes, for a hint's "e.g." (20 for most; 3 for
    slides per page, which may only be 1, 2, 3 or 6), and the numbers it may be when they
    are few ("1, 2, 3 or 6"; else ""); found once for each field (see :data:`_TRIED`)."""
    return _tried(  # type: ignore[no-any-return]
        "number", model, data, loc, lambda: _example_number_now(model, data, loc)
    )


def _example_number_now(model: type[BaseModel], data: Any, loc: tuple[Any, ...]) -> tuple[int, str]:
    choices = ""
    for example in (20, 10, 3, 1):
        if not isinstance(data, dict):
            return example, choices
        try:
            model.model_validate(_put(data, loc, example))
        except ValidationError as exc:
            refused = [e for e in exc.errors(include_url=False) if _problem_loc(e) == tuple(loc)]
            if not refused:
                return example, choices
            if refused[0]["type"] == "literal_error":
                choices = str(refused[0].get("ctx", {}).get("expected", ""))
            continue
        return example, choices
    return 20, choices


def _entry_of_keys(
    where: Location, said: str, model: type[BaseModel], loc: tuple[Any, ...], value: Any
) -> Problem:
    """An entry of a list of 'key: value' entries (a source, an audience) written otherwise:
    the keys it must give, and the form, with its first key first after the '- '."""
    fields = [
        (key, info.is_required())
        for cls in classes_at(model, loc)
        for key, info in cls.model_fields.items()
        if key not in _internal(cls)
    ]
    needed = list(dict.fromkeys(k for k, required in fields if required))
    others = [k for k in dict.fromkeys(k for k, _ in fields) if k not in needed]
    if not needed:
        return Problem(
            where, f"{said} must be a set of 'key: value' lines, not a {_describe(value)}"
        )
    # the text written, shown as the first key's that takes words (an id is a name's)
    words = next((k for k in needed if k != "id"), None)
    text = value if isinstance(value, str) and len(value) <= SHOWN_VALUE else "..."
    written = {k: text if k == words else "..." for k in needed}
    first = needed[0]
    below = ", ".join(f"'{k}: {written[k]}'" for k in needed[1:])
    hint = f"write it as '- {first}: {written[first]}'"
    if below:
        hint += f", with {below} on the lines below it, lined up with '{first}:'"
    if others:
        hint += f" ({', '.join(f'{k}:' for k in others)} if it has them)"
    keys = " and ".join(", ".join(f"{k}:" for k in needed).rsplit(", ", 1))
    return Problem(
        where,
        f"{said} must give its {keys} as 'key: value' lines, not a {_describe(value)}",
        hint,
    )


def _bulleted_list(file: str, said: str, bullets: tuple[tuple[int, int, str, str], ...]) -> Problem:
    """A list written with bullets or dashes a word processor makes of "- " (or Markdown's
    '+'): YAML reads its lines as one text. Named at the first such line, with each line
    and the character that is not YAML's '-'."""
    line, column, _, first = bullets[0]
    numbers = [str(number) for number, *_ in bullets]
    if len(numbers) > 5:  # a long list pasted whole
        numbers = [*numbers[:4], f"{len(numbers) - 4} more"]
    lines = f"line {numbers[0]} starts" if len(numbers) == 1 else f"lines {listed(numbers)} start"
    marks = list(dict.fromkeys(mark for _, _, mark, _ in bullets))
    named = listed([dash_name(mark) for mark in marks])
    retype = listed([f"'{mark}'" for mark in marks])
    return Problem(
        Location(file, line, column),
        f"{said} must be a list, but {lines} with {named}, which "
        f"{'is' if len(marks) == 1 else 'are'} not YAML's '-': "
        "YAML reads the lines as one text",
        f"retype each {retype} as a hyphen (-) followed by a space: - {first}",
    )


def _friendly_problem(
    error: dict[str, Any], doc: SourceDoc, model: type[BaseModel], data: Any = None
) -> Problem:
    loc = _problem_loc(error)
    kind = error["type"]
    value = error.get("input")
    if isinstance(value, str) and len(value) > SHOWN_VALUE:  # quoted in the message
        value = value[: SHOWN_VALUE - 1] + "\u2026"
    name = next((p for p in reversed(loc) if isinstance(p, str)), "value")
    where = doc.location(loc)
    word = doc.words.get(tuple(loc))  # a yes/no or a nothing as typed: 'Off', '~'
    if kind == "extra_forbidden":
        key = str(loc[-1])
        odd = next((ch for ch in key if ch in ODD_SPACES), None)
        if odd is not None:  # pasted: "  heading:" read as the key " heading"
            plain = "".join(" " if ch in ODD_SPACES else ch for ch in key).strip()
            return Problem(
                where,
                f"unknown key '{plain}': it has {ODD_SPACES[odd]} where YAML needs an ordinary "
                "space (text pasted from a word processor or an e-mail often has them)",
                f"retype the spaces before and in '{plain}:' as ordinary spaces",
            )
        if error["loc"][-2:-1] == ("#item",):  # "- text: ..." with "notes: ..." under it
            return _not_an_entry_field(where, key, texted=True)
        return unknown_key(doc, model, loc)
    mark = _unquoted_mark(value)
    if mark is not None:
        return Problem(
            where,
            "a [[fill in ...]] mark needs quotes here: without them, YAML reads its brackets "
            "as a list",
            f'write it in quotes: "[[{mark}]]"',
        )
    if kind == "missing" and loc[-1] == "regular" and loc[-3:-2] == ("fonts",):
        return Problem(  # bold: without regular: (a font's files, not a family's name)
            doc.location(loc[:-1]),
            f"'{loc[-2]}' gives font files but not the regular one",
            f"add a line 'regular: fonts/MyFont-Regular.ttf' under '{loc[-2]}:' (the upright "
            "face; bold:, italic: and bold_italic: are the others), or name a font family "
            f"instead: '{loc[-2]}: Noto Sans'",
        )
    if kind == "missing":
        hint = _MISSING_HINTS.get(str(loc[-1]), f"add a line '{loc[-1]}: ...' here")
        if loc[-1] == "answer" and not _has_options(doc.data, loc[:-1]):
            hint = "add a line 'answer: true' or 'answer: false' here (a question without options)"
        elif loc[-1] == "answer":
            hint = "add a line 'answer: b' here: the letter of the right option (a, b, c ...)"
        return Problem(doc.location(loc[:-1]), f"'{loc[-1]}' is missing", hint)
    if name == "audience" and kind in ("audience_blank", "too_short"):
        # left blank, what it limits would be shown to every audience; left empty, to none
        said = "nothing after its colon" if kind == "audience_blank" else "no audience in it"
        return Problem(
            where,
            f"'audience' has {said}, so it is not clear who should see this",
            f"name the audiences who see it, e.g. 'audience: {example_audience()}' "
            f"(several: 'audience: [{', '.join(dict.fromkeys(example_audiences()))}]'); for "
            "every audience, delete the line",
        )
    if kind == "either_type" and name == "answer":  # 1.5: neither a letter nor true/false
        kind = "answer_form"
    if kind == "either_type":
        choices = error.get("ctx", {}).get("choices", ())
        return _either_problem(where, loc, name, value, choices, word)
    if kind == "answer_form":  # nothing, or a list: a question has one right answer
        found = "nothing" if value is None else f"a {_describe(value, word)}"
        return Problem(
            where,
            f"'answer' must be the letter of the right option, or true or false, not "
            f"{_nothing(word) if value is None and word else found}",
            "write e.g. answer: b (a question with options) or answer: true (one without); "
            "a question has one right answer",
        )
    # a list's entry is told as one ("entry 3 of 'keywords'"), not as its whole list
    entry = bool(loc) and isinstance(loc[-1], int)
    said = f"entry {loc[-1] + 1} of '{name}'" if entry else f"'{name}'"
    if kind in ("string_type", "text_type"):
        hint = "put the value in quotes" if isinstance(value, (int, float, dt.date)) else ""
        typed = doc.written.get(tuple(loc))  # a number as written: 1.10, not 1.1
        if typed is not None and isinstance(value, (int, float)) and not isinstance(value, bool):
            hint = f'put the value in quotes: "{typed}"'
            if len(loc) >= 2 and isinstance(loc[-2], int) and " " in name:
                # a list's entry "- Crisis line: 988", which YAML reads as a name and a number
                hint = (
                    "if this is text containing ': ', put the whole entry in quotes: "
                    f'- "{name}: {typed}"'
                )
            else:  # "3" for a bleed is no length either: what the field takes
                hint = _quoted_refused(doc, model, data, loc, typed) or hint
            return Problem(where, f"{said} must be text, not a number ({typed})", hint)
        if isinstance(value, list):
            hint = "write one piece of text here, not a list"
        if isinstance(value, dict) and entry:  # "- Crisis line: 988": a name and a value
            hint = "write the entry as one piece of text; put it in quotes if it holds ': '"
        elif isinstance(value, dict) and name not in ("title", "notes", "takeaway"):
            hint = "write one piece of text here"
        if hint == "put the value in quotes":  # a date, or yes/no: if the field takes it so
            written = (word or str(value).lower()) if isinstance(value, bool) else str(value)
            if isinstance(value, bool):
                hint = f'put the value in quotes: "{written}"'
            hint = _quoted_refused(doc, model, data, loc, written) or hint
        return Problem(where, f"{said} must be text, not a {_describe(value, word)}", hint)
    if kind in ("tuple_type", "list_type", "lines_type"):
        typed = doc.written.get(tuple(loc))
        if name in ("audience", "includes") and typed is not None:  # an id of digits: text
            return Problem(
                where,
                f"'{name}' names audiences by their ids, which are text, not a number ({typed})",
                f'put the id in quotes: "{typed}"',
            )
        bullets = doc.bulleted.get(tuple(loc))
        if bullets and isinstance(value, str):
            return _bulleted_list(doc.file, said, bullets)
        return Problem(
            where,
            f"{said} must be a list, not a {_describe(value, word)}",
            "write each entry on its own line, starting with '- '",
        )
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        if entry:  # "- National Child Traumatic Stress Network" as a source: its keys
            return _entry_of_keys(where, said, model, loc, value)
        return Problem(
            where,
            f"'{name}' must be a set of 'key: value' lines, not a {_describe(value, word)}",
        )
    if kind == "string_pattern_mismatch":
        if error.get("ctx", {}).get("pattern") == CLOCK_PATTERN:
            return Problem(where, f"'{value}' is not a time of day", clock_hint(value))
        if str(error.get("ctx", {}).get("pattern", "")).startswith("^#"):
            return Problem(
                where,
                f"'{value}' is not a colour",
                # in quotes: YAML reads an unquoted '#' after a colon as a comment
                f'write a colour as #RRGGBB, in quotes, e.g. {name}: "#1F4E79"',
            )
        if name == "language":
            return Problem(
                where, f"'{value}' is not a language tag", "write e.g. en-US, en-GB, fr, es-MX"
            )
        from .plan import in_plain_letters

        written = in_plain_letters(str(value))
        if name == "id" and written and _refused_id(written):  # "Default": not "default"
            written = f"{written}-staff"
        return Problem(
            where,
            f"'{value}' is not a valid {name}",
            "use lower-case letters, digits and hyphens, e.g. "
            + (f"{written} (and the same wherever it is named)" if written else "all-staff"),
        )
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return Problem(where, f"'{value}' is not a valid {name}", f"expected {expected}")
    if kind == "date_year":
        return Problem(
            where,
            f"'{name}': {error['msg']}",
            f"check the year of '{value}': write the day as YYYY-MM-DD",
        )
    if kind.startswith("date"):
        return Problem(
            where,
            f"'{name}' must be a date like 2026-11-02, not '{value}'",
            "write the year, month and day as YYYY-MM-DD",
        )
    if value is None:
        written = "nothing"
    elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
        written = f"'{value}'"
    else:
        written = f"a {_describe(value, word)}"
    whole_hint = _number_hint(value, "minutes", 15, MOST_MINUTES.get(name, 24 * 60))
    # a module's duration, or one audience's (duration: {all-staff: 0}), or an activity's
    duration = name == "duration" or "duration" in loc[:-1]
    part = "activity" if "activities" in loc else "module"
    if duration and (kind.startswith("int") or kind in ("greater_than", "less_than_equal")):
        said = "'duration'" if name == "duration" else f"'duration' for '{name}'"
        if kind.startswith("int"):
            hint = whole_hint
        elif kind == "greater_than":  # none, or less than none
            hint = (
                f"give the minutes the {part} takes, e.g. {5 if part == 'activity' else 15}; "
                "leave the line out while it has no time yet"
            )
        else:  # more than a day
            hint = (
                "a duration is in minutes (1440 is a whole day): e.g. 90 for an hour and a "
                f"half; a longer {part} is better split into several"
            )
        return Problem(
            where,
            f"{said} must be a whole number of minutes between 1 and 1440, not {written}",
            hint,
        )
    if name == "break_after" and (kind.startswith("int") or kind.startswith("greater")):
        if isinstance(value, dict):  # break_after: {all-staff: 10}
            hint = (
                "a break after a module is the same for every audience: write one number "
                "of minutes, e.g. break_after: 10"
            )
        elif kind.startswith("int"):
            hint = whole_hint
        else:
            hint = "give the minutes of the break, e.g. 10, or leave the line out for none"
        return Problem(
            where,
            f"'break_after' must be a whole number of minutes between 1 and "
            f"{MOST_ROOM_MINUTES}, not {written}",
            hint,
        )
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        limit = next(iter(error.get("ctx", {}).values()), "")
        if isinstance(limit, float) and limit.is_integer():
            limit = int(limit)
        relation = "at least" if kind.startswith("greater") else "at most"
        if kind in ("greater_than", "less_than"):  # strictly: a whole number's next one
            if isinstance(limit, int) and isinstance(value, int):
                limit += 1 if kind == "greater_than" else -1
            else:
                relation = "more than" if kind == "greater_than" else "less than"
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        return Problem(
            where, f"'{name}' must be {relation} {limit}, not {value if number else written}"
        )
    if kind.startswith("int"):
        if loc[-2:-1] == ("session",) and name in SESSION_MINUTES:
            return Problem(
                where, f"'{name}' must be a whole number of minutes, not {written}", whole_hint
            )
        if name == "objective":  # a question's: the objective's place in its module's list
            hint = "name the objective by its place in the module's list, e.g. objective: 1"
            if not isinstance(value, str) or re.fullmatch(r"\s*\d+\s*", value):
                hint = _number_hint(value, "", 1)
            return Problem(where, f"'objective' must be a whole number, not {written}", hint)
        example, choices = _example_number(doc, model, data, loc)
        hint = _number_hint(value, "", example)
        return Problem(
            where,
            f"'{name}' must be a whole number, not {written}",
            f"{hint} (it may be {choices})" if choices else hint,
        )
    if kind.startswith("float"):
        comma = isinstance(value, str) and re.fullmatch(r"\s*(\d+),(\d+)\s*", value)
        hint = f"write a decimal point, not a comma: {comma[1]}.{comma[2]}" if comma else ""
        unit = isinstance(value, str) and re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*[a-zA-Z]+\s*", value)
        if unit:  # "10.5pt": the number alone, in the unit the field is in
            hint = f"write the number alone: {unit[1]}"
        return Problem(where, f"'{name}' must be a number, not {written}", hint)
    if kind.startswith("bool"):
        return Problem(
            where,
            f"'{name}' must be yes or no (true or false), not {written}",
            f"write {name}: yes or {name}: no",
        )
    if kind == "too_short":
        return Problem(where, f"'{name}' needs at least one entry")
    if kind == "string_too_long":
        most = error.get("ctx", {}).get("max_length", 0)
        return Problem(
            where,
            f"'{name}' is {len(str(value))} characters long; it may be at most {most}",
            "it names the output files: keep it short, e.g. trauma-care",
        )
    return Problem(where, f"'{name}': {error['msg']}")


def _table_hint(ref: str, tables: Iterable[str], otherwise: str) -> str:
    """What to do about a table no file holds: the one meant, when one is close; else the
    file to write (and the tables there are)."""
    hint = did_you_mean(ref, tables)
    if hint.startswith("did you mean"):
        return hint
    there = f" (there are {', '.join(repr(t) for t in sorted(tables))})" if tables else ""
    if any(mark in ref for mark in ("/", "\\")) or ref.startswith("."):  # a path, not a name
        return (
            "name a table by its file's name in content/tables/, without its folder or "
            f"'.yaml'{there}"
        )
    return f"write content/tables/{ref}.yaml (see README, Tables), or {otherwise}{there}"


# A time of day written on a 12-hour clock ("9:00 PM", "9pm", "9.30 a.m.") or with another
# separator ("21.30", "21h30")
_TWELVE_HOUR = re.compile(r"\s*(\d{1,2})(?:[:.h](\d{2}))?\s*([ap])\.?\s*m\.?\s*", re.IGNORECASE)
_OTHER_CLOCK = re.compile(r"\s*(\d{1,2})\s*[.h]\s*(\d{2})\s*", re.IGNORECASE)


def clock_hint(value: Any) -> str:
    """How to write a time of day written otherwise: on the 24-hour clock the session plan
    reads ("21:00 for 9:00 PM"), whenever what was meant is clear."""
    general = "write e.g. 09:30 (a 24-hour clock: hours 00 to 23, minutes 00 to 59)"
    if not isinstance(value, str):
        return general
    twelve = _TWELVE_HOUR.fullmatch(value)
    if twelve and 1 <= int(twelve[1]) <= 12 and int(twelve[2] or 0) < 60:
        hour = int(twelve[1]) % 12 + (12 if twelve[3].lower() == "p" else 0)
        return f"write it on a 24-hour clock: {hour:02d}:{twelve[2] or '00'} for {value.strip()}"
    other = _OTHER_CLOCK.fullmatch(value)
    if other and int(other[1]) < 24 and int(other[2]) < 60:
        return f"write hours and minutes with a colon: {int(other[1]):02d}:{other[2]}"
    return general


# A length written as a clock or with hours: "0:45", "1:30", "1h", "1 h 30", "1.5 hours",
# "45 min" (and "90m")
_CLOCK_LENGTH = re.compile(r"\s*(\d{1,2}):([0-5]\d)\s*")
_HOURS_LENGTH = re.compile(
    r"\s*(\d+(?:[.,]\d+)?)\s*(?:h|hrs?|hours?)\s*(?:(\d{1,2})\s*(?:m|mins?|minutes?)?)?\s*",
    re.IGNORECASE,
)
_MINUTES_LENGTH = re.compile(r"\s*(\d+)\s*(?:m|mins?|minutes?)\.?\s*", re.IGNORECASE)


def _as_minutes(value: Any) -> tuple[int, str] | None:
    """The minutes a length written otherwise stands for, and how it reads ("1 h 30 min"),
    or None."""
    if not isinstance(value, str):
        return None
    clock = _CLOCK_LENGTH.fullmatch(value)
    if clock:
        hours, minutes = int(clock.group(1)), int(clock.group(2))
        if not hours:
            return minutes, f"{minutes} min"
        return hours * 60 + minutes, f"{hours} h {minutes} min" if minutes else f"{hours} h"
    hours = _HOURS_LENGTH.fullmatch(value)
    if hours:
        whole = float(hours.group(1).replace(",", ".")) * 60 + int(hours.group(2) or 0)
        if whole.is_integer():
            return int(whole), value.strip()
    minutes = _MINUTES_LENGTH.fullmatch(value)
    if minutes:
        return int(minutes.group(1)), value.strip()
    return None


# the most minutes a setting may be, where it is less than a day's
MOST_MINUTES = {
    name: MOST_ROOM_MINUTES
    for name in ("break_after", "break_length", "sign_in", "pre_test", "post_test", "evaluation")
}
# the session's settings counted in minutes ('length: 2:00' is told it means 120)
SESSION_MINUTES = frozenset(
    ("length", "break_every", "break_length", "sign_in", "pre_test", "post_test", "evaluation")
)


def _number_hint(value: Any, unit: str, example: int, most: int = 24 * 60) -> str:
    """How to write a whole number that was written otherwise: quoted ('15'), with its
    unit ('10 min'), as a clock or in hours ('0:45', '1h': the minutes they stand for), or
    as something else. ``most``: the most minutes it may be (no hint suggests more)."""
    counted = f"the number of {unit}" if unit else "the number"
    if isinstance(value, float) and value == value and abs(value) < 10**9:  # 1.5, 90.0
        if value.is_integer():
            return f"write {counted} without a decimal point: {int(value)}"
        nearest = int(value + 0.5) if value > 0 else int(value - 0.5)
        if unit == "minutes":  # 1.5 is likely an hour and a half; 5.5 five minutes and more
            meant = round(value * 60)
            fits = 0 < value <= 4 and meant <= most
            hours = f"{meant} if you meant {value:g} hours, or " if fits else ""
            return f"write whole minutes: {hours}{nearest}"
        return f"write a whole number: {nearest}"
    length = _as_minutes(value) if unit == "minutes" else None
    if length is not None and length[0] > most:
        return f"'{str(value).strip()}' is {length[0]} minutes, more than the {most} it may be"
    if length is not None and length[0] > 0:
        return f"write {counted} alone: {length[0]} for {length[1]}"
    if isinstance(value, str) and re.fullmatch(r"\s*\d+\s*", value):
        if len(value.strip()) > MAX_NUMBER:  # read as text for its length, not for quotes
            return f"write {counted} in a few digits, e.g. {example}"
        if not value.isascii():  # another script's digits, or full-width ones (an Asian keyboard)
            return f"write {counted} in plain digits (0-9): {int(value)}"
        if value.strip().startswith("0") and value.strip() != "0":  # YAML: another base
            return f"write {counted} without quotes or a leading zero: {int(value)}"
        return f"write {counted} without quotes, e.g. {example}"
    if isinstance(value, str) and re.fullmatch(r"\s*[-+]?0[xXoObB_]\w*\s*|\s*\d[\d_]+\s*", value):
        return f"write {counted} in plain digits (0-9), e.g. {example}"
    if isinstance(value, str) and re.match(r"\s*\d", value):
        return f"write {counted} alone, without words after it, e.g. {example}"
    return f"write {counted} as digits, e.g. {example}"


def key_value_hint(example: str) -> str:
    """How to write a file that must be a set of 'key: value' lines, with an ``example``
    line of its own kind (a theme has no 'title:')."""
    return (
        f"write one 'key: value' line for each setting, e.g. {example} (see the field "
        "reference in the README for the keys it takes)"
    )


# a line each kind of file may start with, for the hint above
_FIRST_LINE = {
    "Course": "'title: Calm rooms'",
    "Module": "'title: Calm rooms'",
    "Table": "'title: Calm rooms compared'",
    "ThemeSpec": "'name: Calm rooms', or 'colors:' with 'primary: \"#1F4E79\"' under it",
}
# what a file of each kind is called, where it names itself ("a module's id is its file name")
_KIND_NAMES = {"Module": "module", "Table": "table"}


def _check_model(model: type[BaseModel], doc: SourceDoc, data: Any, problems: list[Problem]) -> Any:
    if not isinstance(data, dict):
        found = "nothing" if data is None else f"a {_describe(data)}"
        problems.append(
            Problem(
                doc.location(),
                f"expected a set of 'key: value' lines, found {found}",
                key_value_hint(_FIRST_LINE.get(model.__name__, "'title: Calm rooms'")),
            )
        )
        return None
    internal = _internal(model)
    for key in internal & data.keys():
        kind = _KIND_NAMES.get(model.__name__, "file")
        hint = f"a {kind}'s id is its file name" if key == "id" else ""
        problems.append(Problem(doc.location((key,)), f"unknown key '{key}'", hint))
    data = {k: v for k, v in data.items() if k not in internal}
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        # a list none of whose entries is valid is also "too short": the entries' own
        # errors say what to fix ("'Everyone' is not a valid id"), so that one is left out
        # (the lists other errors are inside: each error's location without its last steps)
        holding = {e["loc"][:n] for e in errors for n in range(1, len(e["loc"]))}
        errors = [e for e in errors if not (e["type"] == "too_short" and e["loc"] in holding)]
        errors = _one_per_union(errors, model)
        errors, untexted = _entries_without_text(errors, doc)
        try:
            found = untexted + [_friendly(e, doc, model, data) for e in errors]
        finally:
            _TRIED.clear()
        # "'title' is missing" says nothing new beside "unknown key 'titel' (did you mean
        # 'title'?)": keep the one that points at the typo.
        suggested = {p.hint for p in found if p.message.startswith("unknown key")}
        problems.extend(
            p
            for p in found
            if not (p.message.endswith("is missing") and _suggests(suggested, p.message))
        )
        return None


def _not_an_entry_field(location: Location, key: str, texted: bool = False) -> Problem:
    """A key of a list entry that is none of its fields (`tekst:`, `Text:`, `body:`), at its
    line: the fields an entry has, how one for some audiences is written, and the field it
    most likely is (`text:`, unless it is like another). ``texted``: the entry has its
    `text:`, so the key is not where its text went."""
    near = did_you_mean(key, ITEM_FIELDS)
    if not texted and (_misspelt_text(key) or near == "did you mean 'text'?"):
        hint = "did you mean 'text'?"
    elif near.startswith("did you mean") and near != "did you mean 'text'?":  # "audiance:"
        hint = near
    elif texted:  # "notes:" beside the entry's text
        hint = f"remove `{key}:`, or, if it is another entry of the list, start it with '- '"
    else:  # a word of its own ("body:", "point:"): where the entry's text went
        hint = f"if it is the entry's text, write `text:` in place of `{key}:`"
    return Problem(
        location,
        f"'{key}' is not a field of a list entry, whose fields are text, audience and "
        "assessed: an entry for some audiences is written `- text: ...` with `audience: ...` "
        "on the line under it, lined up with `text:`",
        hint,
    )


def _entries_without_text(
    errors: list[dict[str, Any]], doc: SourceDoc
) -> tuple[list[dict[str, Any]], list[Problem]]:
    """``errors`` without those of a list entry written with settings (`audience:`,
    `assessed:`) and no `text:` but a key of its own (`Text:`, `txt:`, `Note:`), which are
    told as one: that key, at its line, is not one of the entry's (did you mean 'text'?).
    Said otherwise, "'text' is missing" beside it asked for a second text."""
    without = {
        e["loc"][:-1]
        for e in errors
        if e["type"] == "missing" and e["loc"][-2:] == ("#item", "text")
    }
    keyed = {e["loc"][:-1] for e in errors if e["type"] == "extra_forbidden"} & without
    kept: list[dict[str, Any]] = []
    told: list[Problem] = []
    for error in errors:
        entry = error["loc"][:-1]
        if entry not in keyed:
            kept.append(error)
        elif error["type"] == "extra_forbidden":
            key = str(error["loc"][-1])
            # (the path as written: without the steps of the forms a list may take, as a
            # poster's points given per audience, "#variants")
            told.append(_not_an_entry_field(doc.location(_problem_loc(error)), key))
        elif error["type"] != "missing" or error["loc"][-1] != "text":
            kept.append(error)
    return kept, told


def _suggests(hints: set[str], missing_message: str) -> bool:
    name = missing_message.split("'")[1]
    return f"did you mean '{name}'?" in hints


def _walk(value: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """Every model, variant and item under ``value`` with its path in the source file."""
    yield path, value
    if isinstance(value, Variants):
        return
    if isinstance(value, ListVariants):
        for key, items in value.root.items():
            yield from _walk(items, path + (key,))
        return
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            if name in ("body", "modules", "tables", "table"):
                continue
            child = getattr(value, name)
            if name == "cells" and isinstance(child, dict):
                for key, cell in child.items():
                    yield from _walk(cell, path + (key,))
                continue
            yield from _walk(child, path + (name,))
    elif isinstance(value, tuple):
        for i, child in enumerate(value):
            yield from _walk(child, path + (i,))


# names Windows keeps for devices: no file or folder may have them (an audience's folder)
DEVICE_NAMES = frozenset(
    {
        "con",
        "prn",
        "aux",
        "nul",
        *(f"com{n}" for n in range(1, 10)),
        *(f"lpt{n}" for n in range(1, 10)),
    }
)


# words the content gives a meaning of their own where it names audiences: an audience of
# that id would be read as that meaning (its own text given to every other audience)
TAKEN_IDS = {
    "default": "in a text given per audience, 'default:' is the text of every audience not named",
    "text": "an entry for some audiences is written 'text: ...' with 'audience: ...'",
    "audience": "an entry for some audiences is written 'text: ...' with 'audience: ...'",
    "assessed": "an objective no question checks is written 'text: ...' with 'assessed: false'",
}


# an audience no one defined, named in this many places or more, is told once: with a
# defined id like it that nothing names, the misspelling is that id's, where it is defined
UNKNOWN_TOGETHER = 3


@dataclass(frozen=True)
class _UnknownAudience(Problem):
    """An unknown audience named at one place (see :func:`_unknown_together`)."""

    audience: str = ""


_AUDIENCES_APART = re.compile(r"\s*(?:[;/|&+]|\band\b|\bor\b)\s*", re.IGNORECASE)


def _audience_hint(name: str, known: set[str], names: Mapping[str, str] | None = None) -> str:
    """What to write for an audience name that is not one: several audiences named apart
    otherwise than with commas ("clinical; all-staff", "clinical and leadership") as the
    list they stand for, else the audience it is most like."""
    # (its spaces made single first: a run of them tried every way took minutes)
    parts = [part for part in _AUDIENCES_APART.split(" ".join(name.split())) if part]
    if len(parts) > 1 and all(part in known for part in parts):
        return f"to name several audiences, separate them with commas: audience: {', '.join(parts)}"
    ids = _audiences_in_words(name, known, names or {})
    if ids is not None:  # "clinical all-staff": two audiences, only spaces between them
        return (
            f"these are the audiences {listed([repr(part) for part in ids])}, with only spaces "
            f"between them: to name several, write them as a list: audience: [{', '.join(ids)}]"
        )
    return did_you_mean(name, known)


MOST_AUDIENCE_WORDS = 12  # words of an audience named, read as several audiences' ids or names


def _audiences_in_words(name: str, known: set[str], names: Mapping[str, str]) -> list[str] | None:
    """The ids of the audiences ``name`` names one after another with only spaces between
    ("clinical all-staff", "Clinical providers All staff"), each by its id or its name in
    any case; None unless it names two or more so, and nothing else."""
    words = name.split()
    if not 1 < len(words) <= MOST_AUDIENCE_WORDS:
        return None
    by_word = {**{n.casefold(): i for n, i in names.items()}, **{i.casefold(): i for i in known}}
    # the fewest audiences the words up to each place make, found from the start
    found: dict[int, list[str]] = {0: []}
    for end in range(1, len(words) + 1):
        for start in range(end):
            ref = by_word.get(" ".join(words[start:end]).casefold())
            if start in found and ref is not None:
                made = found[start] + [ref]
                if end not in found or len(made) < len(found[end]):
                    found[end] = made
    ids = found.get(len(words))
    return ids if ids is not None and len(ids) > 1 else None


def _unknown_audience(location: Location | None, name: str, hint: str) -> Problem:
    return _UnknownAudience(location, f"unknown audience '{name}'", hint, audience=name)


def _unknown_together(
    problems: list[Problem], named: Counter[str], defined: dict[str, Location | None]
) -> list[Problem]:
    """``problems`` with the unknown audiences named in many places (a whole course naming
    'clinical' when course.yaml misspells the id it defines) told once each: at the id
    that is misspelt when a defined id like it is named nowhere (everyone else spelt it
    alike), else at the first place, with the others listed."""
    places: dict[str, list[Problem]] = {}
    for problem in problems:
        if isinstance(problem, _UnknownAudience):
            places.setdefault(problem.audience, []).append(problem)
    out: list[Problem] = []
    for problem in problems:
        if not isinstance(problem, _UnknownAudience):
            out.append(problem)
            continue
        group = places[problem.audience]
        if len(group) < UNKNOWN_TOGETHER:
            out.append(Problem(problem.location, problem.message, problem.hint))
            continue
        if problem is not group[0]:
            continue
        name, count = problem.audience, len(group)
        where = [str(p.location) for p in group if p.location is not None]
        # the closest defined id, when nothing names it: everyone spelt it alike but there
        closest = difflib.get_close_matches(name, list(defined), n=1, cutoff=0.6)
        alike = [a for a in closest if not named[a]]
        if alike:
            out.append(
                Problem(
                    defined[alike[0]],
                    f"the audience '{alike[0]}' is named nowhere, and {count} places name "
                    f"an audience '{name}' that no one defines (the first: {where[0]})",
                    f"if '{alike[0]}' is misspelt, write id: {name} here",
                )
            )
            continue
        also = ", ".join(where[1:4]) + (f" and {len(where) - 4} more" if len(where) > 4 else "")
        out.append(
            Problem(
                problem.location,
                f"unknown audience '{name}', named in {count} places (also {also})",
                problem.hint,
            )
        )
    return out


# words one letter from "text" that a line of text may start with ("Next: ...")
_NOT_TEXT = {"next", "test", "tent", "teat"}


def _misspelt_text(key: str) -> bool:
    """Whether ``key`` is `text` misspelt ("txt", "texts", "texto"), not a word of its own."""
    if key.casefold() == "text":
        return True
    if key != key.lower() or key in _NOT_TEXT:
        return False
    return difflib.SequenceMatcher(None, key, "text").ratio() >= 0.75


def _entry_like(texts: Mapping[str, Any], known: set[str]) -> bool:
    """Whether the texts of a list entry, given per audience, are rather an entry's fields
    misspelt: more than one, and one of those no audience has like one of the fields
    ("tekst:" with "audiance:")."""
    return len(texts) > 1 and any(
        key not in known
        and key != "default"
        and (_misspelt_text(key) or did_you_mean(key, ITEM_FIELDS).startswith("did you mean"))
        for key in texts
    )


def _not_an_entry(doc: SourceDoc, path: tuple[Any, ...], field: str) -> Problem:
    """A setting of one text written as a list entry for some audiences (`takeaway:` with
    `text:` and `audience:` under it), told at that `audience:`: YAML reads it as texts
    for audiences named 'text' and 'audience', which none is, so it would print nothing."""
    name = next((str(p) for p in reversed(path) if isinstance(p, str)), "this setting")
    one = example_audience()
    return Problem(
        doc.location(path + (field,)),
        f"`{name}:` is one text, not an entry of a list, so `{field}:` cannot be one of its "
        "settings (only a list's entries are written `- text: ...` with `audience: ...`)",
        f"to give an audience a text of its own, write it under `{name}:` after the "
        f"audience's id, `{one}: ...`, with `default: ...` for every other audience",
    )


def _check_audiences(
    value: Any,
    doc: SourceDoc,
    known: set[str],
    problems: list[Problem],
    named: Counter[str] | None = None,
    names: Mapping[str, str] | None = None,
) -> None:
    """The audiences ``value`` names, each one ``known``; ``named`` counts them; ``names``:
    each audience's id by its name, for a hint."""
    named = Counter() if named is None else named
    for path, node in _walk(value, ()):
        refs: tuple[str, ...] = ()
        if isinstance(node, (Variants, ListVariants, MinuteVariants)):
            fields = {"audience", "assessed"} & set(node.root)
            if fields:  # {text: ..., audience: ...} for one text: a list entry's form
                problems.append(_not_an_entry(doc, path, min(fields)))
                continue
            if path and isinstance(path[-1], int) and _entry_like(node.root, known):
                # "- tekst: ...", "audiance: clinical": an entry's fields misspelt, not
                # texts for audiences no one defines
                for key in node.root:
                    named[key] += 1
                    if key not in known and key != "default":
                        problems.append(_not_an_entry_field(doc.location(path + (key,)), key))
                continue
            for key in node.root:
                named[key] += 1
                if key != "default" and key not in known:
                    hint = did_you_mean(key, known | {"default"})
                    meant = "an audience, the course has none of that id"
                    left = text_left_behind(doc, path + (key,), meant, hint)
                    if left is not None:  # "Note: ..." under `clinical: |`, not indented
                        problems.append(left)
                        continue
                    text = next(iter(node.root.values()))
                    if path and isinstance(path[-1], int) and _misspelt_text(str(key)):
                        # "- txt: Describe...": a list entry's `text:` misspelt, not an
                        # audience's text (nor text with a colon in it)
                        problems.append(_not_an_entry_field(doc.location(path + (key,)), key))
                        continue
                    if _curly(key):  # "“Predictability: choice” help": quoted as Word does
                        hint = CURLY_HINT
                    elif (
                        len(node.root) == 1
                        and isinstance(text, str)
                        and (" " in text or not difflib.get_close_matches(str(key), known, 1, 0.7))
                    ):
                        # most likely text with ': ' in it, read by YAML as a mapping: said
                        # so, with the whole text quoted to copy back
                        problems.append(
                            Problem(
                                doc.location(path + (key,)),
                                f"the text has a colon and a space in it ('{key}: ...'), so it "
                                f"is read as the text of an audience named '{key}', and there "
                                "is no such audience",
                                f"put the whole text in quotes: {quoted(f'{key}: {text}')}"
                                f"; if '{key}' is meant as an audience, {hint or 'see above'}",
                            )
                        )
                        continue
                    problems.append(_unknown_audience(doc.location(path + (key,)), key, hint))
            continue
        if isinstance(node, BaseModel) and "audience" in type(node).model_fields:
            refs = node.audience or ()
        for ref in refs:
            named[ref] += 1
            if ref not in known:
                problems.append(
                    _unknown_audience(
                        doc.location(path + ("audience",)),
                        ref,
                        _audience_hint(ref, known, names),
                    )
                )


def _refused_id(name: str) -> tuple[str, str] | None:
    """Why ``name`` cannot be an audience's id, and what to add to the hint; None when it
    can."""
    if name in DEVICE_NAMES:
        return (
            "Windows keeps the name for a device, so its output folder could not be made there",
            "",
        )
    if name in TAKEN_IDS:
        return (
            f"{TAKEN_IDS[name]}, so what is written for this audience would be read otherwise",
            f", and write it wherever '{name}' names this audience",
        )
    return None


def _check_audience_graph(course: Course, doc: SourceDoc, problems: list[Problem]) -> set[str]:
    seen: dict[str, int] = {}
    for i, audience in enumerate(course.audiences):
        if audience.id in seen:
            first = doc.location(("audiences", seen[audience.id], "id")).line
            problems.append(
                Problem(
                    doc.location(("audiences", i, "id")),
                    f"audience '{audience.id}' is defined twice (first on line {first})",
                    "give each audience its own id",
                )
            )
        refused = _refused_id(audience.id)
        if refused is not None:
            problems.append(
                Problem(
                    doc.location(("audiences", i, "id")),
                    f"'{audience.id}' cannot name an audience: {refused[0]}",
                    f"choose another id, e.g. '{audience.id}-staff'{refused[1]}",
                )
            )
        seen.setdefault(audience.id, i)
    known = set(seen)
    for i, audience in enumerate(course.audiences):
        for ref in audience.includes:
            if ref not in known:
                problems.append(
                    Problem(
                        doc.location(("audiences", i, "includes")),
                        f"audience '{audience.id}' includes unknown audience '{ref}'",
                        did_you_mean(ref, known),
                    )
                )
    includes = {a.id: a.includes for a in course.audiences}
    twice = {a.id for i, a in enumerate(course.audiences) if seen[a.id] != i}
    for start in [a for a in includes if a not in twice]:  # one defined twice: told so
        stack, visited = list(includes[start]), set()
        while stack:
            current = stack.pop()
            if current == start:
                problems.append(
                    Problem(
                        doc.location(("audiences", seen[start], "includes")),
                        f"audience '{start}' includes itself through 'includes'",
                        "a higher tier includes a lower one, never the reverse",
                    )
                )
                break
            if current in visited:
                continue
            visited.add(current)
            stack.extend(includes.get(current, ()))
    return known


def _check_poster(
    course: Course,
    doc: SourceDoc,
    tables: dict[str, Table],
    raw: RawProject,
    modules: list[Module],
    problems: list[Problem],
) -> Course:
    """The poster's table named or found, and its paper settings readable."""
    settings = course.settings.poster
    checks = [
        ("size", lambda v: paper.size(v, settings.orientation)),
        ("bleed", paper.bleed),
        ("tile", paper.size),
    ]
    for name, parse in checks:
        value = getattr(settings, name)
        if value is None:
            continue
        try:
            parse(value)
        except paper.PaperError as exc:
            problems.append(Problem(doc.location(("settings", "poster", name)), str(exc)))
    ref = course.poster.table
    table = None
    if ref is None:  # the first table a module the audience sees shows: see tailor.py
        pass
    elif not isinstance(ref, str) or ref not in tables:
        if not isinstance(ref, str) or ref not in raw.tables:
            found = near_miss(raw.root / "content" / "tables", f"{ref}.yaml")
            problems.append(
                Problem(
                    doc.location(("poster", "table")),
                    f"no table '{ref}' for the poster (expected content/tables/{ref}.yaml)",
                    renamed_hint(found, f"{ref}.yaml", raw.root)  # as a module's table says
                    if found is not None and isinstance(ref, str)
                    else _table_hint(str(ref), raw.tables, "name another table"),
                )
            )
    else:
        table = tables[ref]
    poster = course.poster.model_copy(update={"table": table})
    return course.model_copy(update={"poster": poster})


def check_deck_template(root: Path, name: str) -> tuple[str, str] | None:
    """What is wrong with a deck template path in the settings, if anything."""
    from .project import alike_hint, found_alike

    path = (root / name).resolve()
    if not path.is_relative_to(root.resolve()):
        return f"the deck template '{name}' is outside the project", "keep it in templates/"
    problem = deck_template_problem(path, f"the deck template '{name}'", "the project folder")
    alike = found_alike(root / name) if problem and problem[0].endswith("does not exist") else None
    if problem and alike is not None:  # its path from the project, as course.yaml writes it
        return problem[0], alike_hint(name, root / name, alike, root)
    return problem


def deck_template_problem(path: Path, named: str, relative_to: str) -> tuple[str, str] | None:
    """What is wrong with the file a deck template path leads to (``named`` in messages, a
    path ``relative_to`` what), if anything: it must be a PowerPoint file that exists."""
    if path.suffix.lower() not in (".pptx", ".potx"):
        return (
            f"{named} is not a PowerPoint file",
            "use a .pptx or .potx file saved from PowerPoint",
        )
    if not path.is_file():
        if os.path.lexists(path):  # a folder, a pipe, a device: never read
            return f"{named} is a folder, a pipe or a device, not a file", (
                "put the .pptx or .potx file itself there"
            )
        from .project import not_there_hint

        return f"{named} does not exist", not_there_hint(path, relative_to)
    from .render.pptx_template import MAX_UNPACKED

    size = path.stat().st_size
    if size > MAX_UNPACKED:
        return (
            f"{named} is {size / 1024**2:,.0f} MB; a deck template is at most "
            f"{MAX_UNPACKED // 1024**2} MB",
            "compress or remove its largest pictures and media in PowerPoint "
            "(File > Compress Pictures), and save it again",
        )
    if not _zip_package(path):  # text, or another program's file, named .pptx
        return (
            f"{named} is not a PowerPoint file, whatever its name: PowerPoint saves a "
            "presentation as a zip package, and this file is not one (another kind of file "
            "renamed, or a damaged one)",
            "save it from PowerPoint as a .pptx or .potx, or make one to start from with "
            "`materials-gen deck-template templates/deck.pptx`",
        )
    return None


# how a compound file starts: a deck saved with a password, or in PowerPoint's format of
# before 2007, which reading the template tells as such (see pptx_template)
_COMPOUND = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _zip_package(path: Path) -> bool:
    """Whether the file at ``path`` starts as a zip package does (what every .pptx and
    .potx is), or is a compound file, told more precisely where the template is read; a
    file that cannot be read is left to the build to tell."""
    try:
        with path.open("rb") as file:
            start = file.read(8)
    except OSError:
        return True
    # a first file, or an empty package
    return start[:4] in (b"PK\x03\x04", b"PK\x05\x06") or start == _COMPOUND


def _texts_of(value: Any) -> list[str]:
    """The texts a field gives: itself, an entry's ``text``, or each audience's."""
    texts = value.root.values() if isinstance(value, Variants) else [value]
    return [t for t in (getattr(t, "text", t) for t in texts) if isinstance(t, str)]


def _question_texts(
    question: Any, path: tuple[Any, ...], front: SourceDoc, problems: list[Problem]
) -> None:
    """A question's words, its options' and its explanation are printed as lines of text on
    the forms and the key: a table, list or picture in them is refused at its line (the
    forms printed a table's pipes as typed, and a picture as its description alone)."""
    from .document import more_than_text

    fields = [("question", question.question), ("explanation", question.explanation)]
    fields += [(("options", n), option) for n, option in enumerate(question.options)]
    for key, value in fields:
        found = next(filter(None, map(more_than_text, _texts_of(value))), None)
        if found is None:
            continue
        where = front.location((*path, *(key if isinstance(key, tuple) else (key,))))
        problems.append(
            Problem(
                where,
                f"{found} in a knowledge-check question: the forms print a question, its "
                "options and its explanation as lines of words",
                "write it in words (a scenario in a sentence or two); a table or picture to "
                "read belongs in the module, which the question can refer to",
            )
        )
        return


def _said_to_nobody(
    views: Mapping[str, Any], module: Any, question: Any, number: int, front: SourceDoc
) -> list[Problem]:
    """A question's words, and each of its options, as each audience that sees the question
    reads them: an option with no words for an audience (empty, or given per audience
    without theirs) was left off that audience's forms, so the options after it took other
    letters than the key gives, and a question with no words was printed without a number.
    Each is refused at its line, naming the audiences that would read nothing. ``views``:
    how each audience sees the course (see tailor.viewer), by its id."""
    translated = Path(front.file).is_relative_to(TRANSLATIONS)
    parts = [(("question",), question.question, "the question")]
    parts += [
        (("options", n), option, f"option {letter.lower()}")
        for n, (letter, option) in enumerate(zip(question.letters, question.options, strict=False))
    ]
    blank: dict[tuple[Any, ...], list[str]] = {}
    for audience, view in views.items():
        if not view.shows(module.audience) or not view.shows(question.audience):
            continue
        for key, value, _ in parts:
            if getattr(value, "audience", None):  # an option for some only: told elsewhere
                continue
            seen = view.apply(value)
            if isinstance(seen, str) and not seen.strip():
                blank.setdefault(key, []).append(audience)
    found = []
    for key, value, what in parts:
        who = blank.get(key)
        if not who:
            continue
        written = getattr(value, "text", value)  # an option given with its own fields
        per_audience = isinstance(written, Variants)
        blank_default = per_audience and not str(written.root.get("default", "x")).strip()
        said = (
            f"{what} has no words for {' and '.join(who)}" if per_audience else f"{what} is empty"
        )
        harm = (
            "the forms would leave it out and print the options after it under other "
            "letters than the key gives"
            if key[0] == "options"
            else "the forms would print its options under no question"
        )
        if blank_default:
            hint = f"write the words of its default: (or give them for {' and '.join(who)})"
        elif per_audience:
            hint = (
                f"give it words for {' and '.join(who)} (or a default: for every audience), "
                "or give the whole question an audience (audience: under the question)"
            )
        elif translated:
            hint = f"write {what}'s words in this translation, as the source has them"
        elif key[0] == "options":
            hint = "write the option's words, or take it out and give the answer's letter again"
        else:
            hint = "write the question's words"
        found.append(Problem(front.location(("questions", number, *key)), f"{said}: {harm}", hint))
    return found


def _question_problem(
    question: Any, written: Any = None
) -> tuple[str, str, tuple[str | int, ...]] | None:
    """What is wrong with a question's answer, given its options, if anything, and where
    under the question to tell it (its options, the option at fault, its answer);
    ``written``: the answer as the file has it (the model reads letters in capitals)."""
    from .fit import start_of

    if question.options:
        letters = question.letters
        if len(question.options) < 2 or len(question.options) > 8:
            return (
                f"a multiple-choice question needs 2 to 8 options, not {len(question.options)}",
                "give it the options to choose from (a, b, ...), or, for a statement that is "
                "true or false, leave the options out and write answer: true or answer: false"
                if len(question.options) < 2
                else "keep the 8 options that test the objective best",
                ("options",),
            )
        for n, (letter, option) in enumerate(zip(letters, question.options, strict=False)):
            if getattr(option, "audience", None):  # the others' forms would lack it
                return (
                    f"option {letter.lower()} is for some audiences only: the other audiences' "
                    "forms would print the options under other letters than the key gives",
                    "give the whole question an audience (audience: under the question), or "
                    "write one question for each audience",
                    ("options", n),
                )
        seen: dict[str, str] = {}
        for n, (letter, option) in enumerate(zip(letters, question.options, strict=False)):
            # the same words, whatever their spaces, case or last stop ("Wet" and "Wet.")
            said = " ".join(str(option).split()).casefold().rstrip(".!?;:,。 ")
            if said in seen:  # two the same: a reader cannot tell which the key means
                return (
                    f"options {seen[said].lower()} and {letter.lower()} are the same "
                    f"('{start_of(str(option))}')",
                    "make each option say something different",
                    ("options", n),  # the second of the two
                )
            seen[said] = letter
        # one letter of an option ("bc", "" or " " are in "ABCD" as text, and are none)
        if question.answer not in letters:  # one of them ("bc" and "" are none)
            # written as the option itself ("answer: Under one minute"): say which letter
            said = " ".join(str(question.answer).split()).casefold()
            for letter, option in zip(letters, question.options, strict=False):
                if " ".join(str(option).split()).casefold() == said:
                    return (
                        f"the answer is written as the text of option {letter.lower()} "
                        f"('{start_of(str(option))}'), not its letter",
                        f"write answer: {letter.lower()}",
                        ("answer",),
                    )
            answer = written if isinstance(written, str) else question.answer
            if isinstance(written, bool) or isinstance(question.answer, bool):
                # YAML's true or false, said as typed ('yes', 'On'; not 'True')
                answer = written if isinstance(written, str) else str(written).lower()
                return (
                    f"the answer '{answer}' is not the letter of an option: a question "
                    "with options is answered by one of their letters",
                    f"give the letter of the right option: {', '.join(letters).lower()}; or, "
                    "for a statement that is true or false, leave out its options",
                    ("answer",),
                )
            if isinstance(answer, str):  # as written, not as compared
                answer = " ".join(answer.split())
                if _several_letters(answer, letters):  # "a, c", "a and c", "ac"
                    return (
                        f"the answer '{start_of(answer)}' names several options: a question has "
                        "one right answer",
                        "give the letter of the one right option; for several right answers, "
                        "ask about each in a true-or-false question of its own, or add an "
                        "option that says them together ('Both a and c') and make it the answer",
                        ("answer",),
                    )
            return (
                f"the answer '{start_of(str(answer))}' is not the letter of an option",
                f"give the letter of the right option: {', '.join(letters).lower()}",
                ("answer",),
            )
        return None
    if not isinstance(question.answer, bool):
        said = question.answer.lower() if isinstance(question.answer, str) else question.answer
        return (
            f"the answer '{start_of(str(said))}' does not fit a true-or-false question",
            "write answer: true or answer: false, or give options for multiple choice",
            ("answer",),
        )
    return None


def _several_letters(answer: str, letters: str) -> bool:
    """Whether ``answer`` names several options by their letters: "a, c", "a and c",
    "A & C", "ac" (each letter one of ``letters``, none twice)."""
    words = [w for w in re.findall(r"[^\W\d_]+", answer) if w.casefold() not in _JOINING]
    if len(words) == 1:  # "ac": letters written together
        words = list(words[0])
    named = [w.upper() for w in words]
    return (
        len(named) > 1
        and len(set(named)) == len(named)
        and all(len(w) == 1 and w in letters for w in named)
    )


# words that join the letters of several answers ("a and c", "a ou c")
_JOINING = frozenset({"and", "or", "y", "o", "e", "et", "ou", "und", "oder"})


class _Parts:
    """The parts (paragraphs, list items, table cells...) of all the course's texts, counted
    as validation reads them: each text may have :data:`document.MAX_PARTS`, all together
    :data:`MAX_COURSE_PARTS`, told at the line where the count passes it, before Markdown
    reads any of them (a template's document holds them all, and more)."""

    def __init__(self) -> None:
        self.left = MAX_COURSE_PARTS

    def fit(self, text: str, file: str, first_line: int, problems: list[Problem]) -> bool:
        """Whether ``text`` still fits; if not, the problem is said (once)."""
        if self.left < 0:
            return False
        count, line = count_parts(text, self.left)
        self.left -= count
        if line < 0:
            return True
        problems.append(
            Problem(
                Location(file, first_line + line),
                f"the course's modules have more than {MAX_COURSE_PARTS:,} parts by this line "
                "(paragraphs, headings, list items, quotes and table cells, notes included); "
                f"a course may have at most {MAX_COURSE_PARTS:,}",
                "split the course into two, or look for a block pasted many times over",
            )
        )
        return False


# pixels of all the pictures a course shows, each file counted once: each may have
# images.MAX_PIXELS, but a file of a few kilobytes can hold 50 million pixels of one colour,
# each taking about a second to decode and draw in every output that shows it; 40 pictures
# at the limit, or about 160 twelve-megapixel phone photos
MAX_COURSE_PIXELS = 2_000_000_000


class _Pixels:
    """The pixels of the pictures read so far, each file counted once; past
    MAX_COURSE_PIXELS, said once, at the picture that passes it."""

    def __init__(self) -> None:
        self.seen: set[str] = set()
        self.total = 0

    def add(self, picture: Any, where: Location, problems: list[Problem]) -> None:
        if picture.path in self.seen:
            return
        self.seen.add(picture.path)
        before = self.total
        self.total += picture.width * picture.height
        if before <= MAX_COURSE_PIXELS < self.total:
            problems.append(
                Problem(
                    where,
                    f"the course's pictures have more than {MAX_COURSE_PIXELS // 1_000_000:,} "
                    f"million pixels in all by this one ('{picture.path}'); each is decoded and "
                    "drawn in every output that shows it",
                    "save smaller copies: a page or a slide needs at most about 3,000 pixels on "
                    "the longer side",
                )
            )


def _check_notes(module: Module, front: SourceDoc, problems: list[Problem], parts: _Parts) -> None:
    """Speaker notes are Markdown as a module's text is: nested no deeper than it may be."""
    notes = module.notes
    texts = notes.root.items() if isinstance(notes, Variants) else [("", notes)]
    for audience, text in texts:
        if not isinstance(text, str) or not text:
            continue
        where = front.location(("notes", audience) if audience else ("notes",))
        first = (where.line or 1) + (1 if "\n" in text else 0)
        found = body_problems(text, MAX_HEADING_WORDS)
        for offset, message, hint in found:
            problems.append(Problem(Location(front.file, first + offset), message, hint))
        if not found:
            parts.fit(text, front.file, first, problems)


def _check_paragraphs(text: str, first_line: int, file: str, problems: list[Problem]) -> None:
    """Refuse a paragraph too long to lay out in reasonable time, before trying."""
    for offset, message, hint in paragraph_problems(text):
        problems.append(Problem(Location(file, first_line + offset), message, hint))


_FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]")


def _first_found(
    pattern: re.Pattern[str], blocks: Any, front: SourceDoc, front_too: bool = True
) -> tuple[Location, re.Match[str]] | None:
    """Where ``pattern`` is first found in a module's text outside code (a code block, a
    code span: what it shows, as written), else (``front_too``) in the texts of its front
    matter."""
    for block in blocks:
        found = pattern.search(code_blanked(block.text))
        if found is not None:
            line = block.line + block.text.count("\n", 0, found.start())
            return Location(front.file, line), found
    from .sources import yaml_texts

    for text, where in yaml_texts(front) if front_too else ():
        found = pattern.search(code_blanked(text))
        if found is not None:
            return _line_in(front, text, where, found.start()), found
    return None


def _line_in(front: SourceDoc, text: str, where: Location, at: int) -> Location:
    """The line of the place ``at`` in a text of the front matter found at ``where`` (its
    key's line): in a literal block (`notes: |`), the line it is on; else the key's."""
    first = next(
        (line for path, line in front.literal.items() if value_at(front.data, path) == text),
        None,
    )
    if first is None:
        return where
    return Location(where.file, first + text.count("\n", 0, at))


def _footnotes(blocks: Any, front: SourceDoc) -> list[Problem]:
    """Markdown footnotes (``[^1]`` and ``[^1]: ...``), which materials-gen does not read:
    they would print as typed. Said once a module, at the first (its text's, else its front
    matter's: a key point's, the notes')."""
    first = _first_found(_FOOTNOTE, blocks, front)
    if first is None:
        return []
    where, found = first
    return [
        Problem(
            where,
            f"footnotes such as {found.group(0)} are not read: they print as typed",
            "put the work it cites under sources: in the module's front matter (it "
            "is listed in the handout and the guide), or name it in the sentence",
            severity="warning",
        )
    ]


# A task list's box ("- [ ] Book the room"), which CommonMark does not read: the box prints
# as typed
_TASK_BOX = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[[ xX]\](?=[ \t])", re.M)
# A heading without the space after its '#' ("#Safety first" alone on its line; not "#1")
_TIGHT_HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})([^\W\d_][^\n]{0,80})$(?=\n[ \t]*\n|\n?\Z)", re.M)


# an objective's own number ("1. Recognize...", "2) Describe..."), before the one it is given
_OWN_NUMBER = re.compile(r"\s*(\d{1,2}[.)])\s+\S")


def _numbered_objectives(module: Module, front: SourceDoc) -> list[Problem]:
    """A warning for a module's objectives written with numbers of their own: printed as
    typed after each one's bullet, and perhaps not the numbers a question's ``objective:``
    counts (its place in the list). Said once a module, at the first."""
    for j, entry in enumerate(module.objectives):
        for text in _texts_of(entry):
            found = _OWN_NUMBER.match(text)
            if found is not None:
                return [
                    Problem(
                        front.location(("objectives", j)),
                        f"objective {j + 1} starts with a number of its own "
                        f"('{found.group(1)}'), which prints as typed after its bullet",
                        "take the numbers out of the objectives; a question names its "
                        "objective by its place in the list (objective: 1 for the first), "
                        "whatever number is typed",
                        severity="warning",
                    )
                ]
    return []


# a time typed at the end of a title: "Welcome (10 min)", "Practice (1 h 15 min)"
_OWN_TIME = re.compile(
    r"\(\s*((?:\d+\s*(?:h|hrs?|hours?)\b\s*)?(?:\d+\s*(?:mins?|minutes?)\b\s*)?)\)\s*$",
    re.IGNORECASE,
)


def _timed_title(module: Module, front: SourceDoc) -> list[Problem]:
    """A warning for a module title that ends with a time of its own: the agenda, the guide
    and the handout's session plan print each module's time after its title themselves, so
    it printed twice ("Welcome (10 min) (10 min)"), and stayed when the duration changed.
    So too for each activity's title, after which the deck, the guide and the handout print
    the activity's time ("Activity: Role play (30 min) (15 min)")."""
    found = []
    time = _own_time(module.title)
    if time:
        found.append(
            Problem(
                front.location(("title",)),
                f"the title ends with a time of its own ('{time}'); the agenda, the guide and "
                "the session plan print the module's time after its title themselves, so it "
                "would show twice",
                f"take '{time}' out of the title: the time printed is the module's duration",
                severity="warning",
            )
        )
    for j, activity in enumerate(module.activities):
        time = _own_time(activity.title)
        if not time:
            continue
        where = front.location(("activities", j, "title"))
        if activity.duration:
            found.append(
                Problem(
                    where,
                    f"the title of activity {j + 1} ends with a time of its own ('{time}'); "
                    "the deck, the guide and the handout print the activity's time after its "
                    "title themselves, so it would show twice",
                    f"take '{time}' out of the title: the time printed is the activity's "
                    f"duration ({activity.duration} min)",
                    severity="warning",
                )
            )
        else:
            found.append(
                Problem(
                    where,
                    f"the title of activity {j + 1} ends with a time of its own ('{time}'), "
                    "printed as typed: the activity has no duration, so its time is not "
                    "counted against the module's",
                    f"take '{time}' out of the title and give the activity its time as "
                    "duration: (in minutes); the deck, the guide and the handout print it "
                    "after the title",
                    severity="warning",
                )
            )
    return found


def _own_time(title: Any) -> str:
    """The time typed at the end of a title ("(10 min)"), of any audience's text; "" when
    none ends with one."""
    for text in _texts_of(title):
        found = _OWN_TIME.search(text)
        if found is not None and any(ch.isdigit() for ch in found.group(1)):
            return found.group(0).strip()
    return ""


def _typed_marks(blocks: Any, front: SourceDoc) -> list[Problem]:
    """Marks Markdown does not read, which print as typed: a task list's boxes, a heading's
    '#' without its space. Each said once a module, at the first."""
    found = []
    box = _first_found(_TASK_BOX, blocks, front)
    if box is not None:
        found.append(
            Problem(
                box[0],
                f"'{box[1].group(0).strip()}' prints as typed: a task list's boxes are not read",
                "start the item with a box to tick, \u2610, or write the item alone",
                severity="warning",
            )
        )
    # (in the module's text: a key point "#MeToo in the workplace" is meant as written)
    heading = _first_found(_TIGHT_HEADING, blocks, front, front_too=False)
    if heading is not None:
        marks, words = heading[1].group(1), heading[1].group(2)
        found.append(
            Problem(
                heading[0],
                f"'{marks}{words[:40]}' prints as typed: a heading has a space after its '{marks}'",
                f"write '{marks} {words[:40]}'",
                severity="warning",
            )
        )
    return found


# An HTML tag pasted into Markdown from a web page or an editor (``<b>``, ``<br>``, ``<sup>``)
_HTML_TAG = re.compile(
    r"</?(?:b|i|u|em|strong|br|sub|sup|span|div|p|font|a|small|mark|center|img|hr|ul|ol|li"
    r"|table|tr|td|th|h[1-6])(?:\s[^<>\n]*)?/?>",
    re.I,
)
_HTML_INSTEAD = {
    "b": "write **bold** instead",
    "strong": "write **bold** instead",
    "i": "write *italics* instead",
    "em": "write *italics* instead",
    "br": "for a line break, end the line with a backslash (\\) instead",
}


def _html_tags(blocks: Any, front: SourceDoc) -> list[Problem]:
    """HTML tags in a module's text or its front matter's texts, which materials-gen does
    not read: they print as typed ("<b>", "<br>"). Said once a module, at the first; one
    in code (`<b>`) is code to show."""
    first = _first_found(_HTML_TAG, blocks, front)
    if first is None:
        return []
    where, found = first
    name = re.match(r"</?([a-z0-9]+)", found.group(0), re.I).group(1).casefold()  # type: ignore[union-attr]
    instead = _HTML_INSTEAD.get(name)
    return [
        Problem(
            where,
            f"HTML such as {found.group(0)} is not read: it prints as typed",
            instead
            or "write it in Markdown (see 'The intermediate Markdown' in the README), "
            "or leave the tag out",
            severity="warning",
        )
    ]


MAX_HEADING_WORDS = 40
# Columns of one table: 16 still print in large print on a handout page; past about 25 a
# column is narrower than its own padding.
MAX_TABLE_COLUMNS = 16

# Markdown's reference-style pictures: ![alt][label], ![alt][] or ![alt], with the path given
# on a line of its own, [label]: path "title". They are written out as ![alt](path "title")
# before the pictures are checked, so that both ways get the same checks.
_DEFINITION = re.compile(
    r"""^ {0,3}\[(?P<label>[^\]\n]+)\]:[ \t]*(?P<dest><[^>\n]*>|\S+)"""
    r"""(?:[ \t]+(?P<title>"[^"\n]*"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*$""",
    re.MULTILINE,
)
_REFERENCE = re.compile(rf"!\[(?P<alt>{IN_BRACKETS})\](?:\[(?P<label>{IN_BRACKETS})\])?(?![(\[])")


def _label(text: str) -> str:
    return " ".join(text.split()).casefold()


def _definitions(texts: list[str]) -> dict[str, tuple[str, str]]:
    found: dict[str, tuple[str, str]] = {}
    for text in texts:
        for match in _DEFINITION.finditer(text):
            title = (match.group("title") or "")[1:-1].replace('"', "'")
            found.setdefault(_label(match.group("label")), (match.group("dest"), title))
    return found


def _inline_references(text: str, definitions: dict[str, tuple[str, str]]) -> str:
    """``text`` with each reference-style picture written the inline way."""

    def inline(match: re.Match[str]) -> str:
        label = _label(match.group("label") or match.group("alt"))
        if label not in definitions:
            return match.group(0)
        dest, title = definitions[label]
        dest = dest if dest.startswith("<") else f"<{dest}>"
        titled = f' "{title}"' if title else ""
        return f"![{match.group('alt')}]({dest}{titled})"

    return _REFERENCE.sub(inline, text)


# the endings of a Markdown file other than ".md" (".MD" from Windows, ".markdown" from a
# Mac editor, ".md.txt" from Notepad): a module file so named is never read
_MARKDOWN_ENDINGS = (".md", ".markdown", ".mdown", ".mkd", ".md.txt")


def _modules_not_read(root: Path, listed: Collection[str]) -> list[Problem]:
    """A warning for each file of content/modules that looks like a module but is not
    read, as its name does not end in ".md": it was skipped without a word, while a ".md"
    file not listed is told. One whose id is listed is told by that module's own error
    (with the rename to make)."""
    from .walk import left_alone

    folder = root / "content" / "modules"
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return []
    found = []
    for path in entries:
        name = path.name
        lowered = name.lower()
        ending = next((e for e in _MARKDOWN_ENDINGS if lowered.endswith(e)), None)
        if ending is None or name.endswith(".md") or left_alone(name) or not path.is_file():
            continue
        module_id = name[: -len(ending)]
        if module_id in listed:
            continue
        found.append(
            Problem(
                Location(f"content/modules/{name}"),
                f"'{name}' is not read: a module's file name ends in '.md'",
                f"rename it to {module_id}.md, and list '- {module_id}' under 'modules:' in "
                "content/course.yaml to build it",
                severity="warning",
            )
        )
    return found


def _bold_as_typed_in_fields(front: SourceDoc) -> list[Problem]:
    """The '**' that print as typed in a module's front matter (a key point, the takeaway,
    the notes), as the body's are told (see _unchecked_pictures): said once a text, at its
    line."""
    from .sources import yaml_texts

    found = []
    seen: set[str] = set()
    for text, where in yaml_texts(front):
        if text in seen or ("**" not in text and "__" not in text):
            continue
        seen.add(text)
        for line, written in marks_as_text(text):
            offset = sum(len(part) + 1 for part in text.split("\n")[:line])
            found.append(_bold_as_typed(_line_in(front, text, where, offset), written))
            break
    return found


def _bold_as_typed(where: Location, written: str) -> Problem:
    """The warning for '**' Markdown did not read as bold, printed as typed in ``written``."""
    return Problem(
        where,
        f"'**' is printed as typed here ('{written}'): Markdown did not read it as bold",
        "end the bold right after a letter or a word, and put the punctuation after the "
        "closing '**' (**注意**：, not **注意：**)"
        if has_cjk(written)
        else "open the bold right before a word and close it right after one (**Note:** "
        "text), with nothing but the words between",
        severity="warning",
    )


def _unchecked_pictures(
    body: list[Block], file: str, problems: list[Problem], warnings: list[Problem]
) -> None:
    """Any picture Markdown would still show that the checks above did not see; any written
    so that Markdown prints it as typed instead of showing it (a warning: the text may be
    meant, in a course about Markdown)."""
    for block in body:
        for line, written in marks_as_text(block.text):
            warnings.append(_bold_as_typed(Location(file, block.line + line), written))
        for line, written in pictures_as_text(block.text):
            warnings.append(
                Problem(
                    Location(file, block.line + line),
                    f"'{shown_source(written[:80])}' is printed as typed, not shown as a "
                    "picture: Markdown does not read it as one",
                    "write it as ![what it shows](images/file.png), with nothing between ']' "
                    "and '(' and the closing ')'; a path with a space or a bracket goes in "
                    "angle brackets: ![what it shows](<images/my photo (1).jpg>)",
                    severity="warning",
                )
            )
        # the inline ones: checked above, and either accepted or reported
        # (as Markdown gives a path: "%20" for a space, but "50%25.png" left as written)
        checked = {unquote(m.group("src").strip("<>")) for m in IMAGE.finditer(block.text)}
        for line, src in picture_sources(block.text):
            if unquote(src) not in checked:
                problems.append(
                    Problem(
                        Location(file, block.line + line),
                        f"the picture '{shown_source(src)}' is written in a way materials-gen "
                        "cannot check",
                        "write it as ![what it shows](images/file.png)",
                    )
                )


def _check_titles(value: Any, doc: SourceDoc, problems: list[Problem]) -> None:
    """Refuse titles and headings too long to be one: they must fit a slide's title."""
    for path, node in _walk(value, ()):
        if not path or path[-1] not in ("title", "heading"):
            continue
        texts = node.root.items() if isinstance(node, Variants) else [(None, node)]
        for key, text in texts:
            words = len(text.split()) if isinstance(text, str) else 0
            if words > MAX_HEADING_WORDS:
                at = path + (key,) if key else path
                problems.append(
                    Problem(
                        doc.location(at),
                        f"this {path[-1]} has {words:,} words; a {path[-1]} can have at most "
                        f"{MAX_HEADING_WORDS}",
                        "shorten it; the rest can go in a summary, notes or the text",
                    )
                )


def _raw_list(data: Any, key: str) -> list[Any]:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, list) else []


def _raw_audience_ids(data: Any) -> set[str]:
    """Audience ids from a course file that failed validation, to keep checking the rest.

    Only when every audience entry is itself valid: otherwise each reference to the broken
    audience would be reported again, burying the one real mistake.
    """
    ids = set()
    for entry in _raw_list(data, "audiences"):
        try:
            ids.add(Audience.model_validate(entry).id)
        except ValidationError:
            return set()
    return ids


# Labels and clock times that YAML may read as numbers (1.10, 9:30, 16:9) or dates: they are
# kept exactly as the trainer wrote them, so that 'version: 1.10' never prints as 1.1.
AS_WRITTEN: tuple[tuple[str, ...], ...] = (
    ("version",),
    ("settings", "poster", "size"),
    ("settings", "session", "start"),
    ("settings", "deck", "aspect"),
)


def _as_written(doc: SourceDoc, data: Any) -> Any:
    """``data`` with the values at :data:`AS_WRITTEN` replaced by their source text."""
    for path in AS_WRITTEN:
        if path in doc.written:
            data = _replaced(data, path, doc.written[path])
    return data


def _cells_as_written(doc: SourceDoc) -> Any:
    """A table's data with each number in its rows (a cell, a row's label: "42", "12.5",
    "2024") as the trainer wrote it: a table of figures is text to print, and was refused
    cell by cell ("must be text, not a number")."""

    def kept(value: Any, path: tuple[Any, ...]) -> Any:
        if isinstance(value, dict):
            return {k: kept(v, (*path, k)) for k, v in value.items()}
        if isinstance(value, list):
            return [kept(v, (*path, i)) for i, v in enumerate(value)]
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        inside = len(path) >= 3 and path[2] != "audience"  # a cell (or its audience's)
        if number and inside and path in doc.written:
            return doc.written[path]
        return value

    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("rows"), list):
        return data
    return {**data, "rows": kept(data["rows"], ("rows",))}


def _replaced(data: Any, path: tuple[str, ...], value: str) -> Any:
    if not path or not isinstance(data, dict) or path[0] not in data:
        return value if not path else data
    return {**data, path[0]: _replaced(data[path[0]], path[1:], value)}


def _column_misspelt(table: Table, doc: SourceDoc, column_ids: list[str]) -> list[Problem]:
    """A column whose id no row uses while two rows or more name a column close to it that
    the table does not have: the column's id misspelt where it is defined ("pharamcy",
    every row "pharmacy"). Told there, once: told at each row, each hint would have the
    rows copy the misspelling."""
    used = Counter(key for row in table.rows for key in row.cells if key not in column_ids)
    found = []
    for i, column_id in enumerate(column_ids):
        if any(column_id in row.cells for row in table.rows):
            continue
        close = difflib.get_close_matches(column_id, [k for k, n in used.items() if n >= 2], 1, 0.7)
        if close:
            meant = close[0]
            found.append(
                Problem(
                    doc.location(("columns", i, "id")),
                    f"no row gives a cell for the column '{column_id}', while "
                    f"{used[meant]} rows give one for '{meant}', which the table does not have",
                    f"if the column is '{meant}', write 'id: {meant}' here",
                )
            )
    return found


# the most audiences a course may have: each is a set of outputs (eleven files and more),
# checked, laid out and built apart, so a short course.yaml listing thousands would keep
# a machine building for days (a shared project's, say)
MOST_AUDIENCES = 30


def _audiences_counted(doc: SourceDoc) -> None:
    """ContentError at the first audience past :data:`MOST_AUDIENCES`, before anything is
    made of them."""
    given = doc.data.get("audiences") if isinstance(doc.data, dict) else None
    if isinstance(given, list) and len(given) > MOST_AUDIENCES:
        raise ContentError(
            [
                Problem(
                    doc.location(("audiences", MOST_AUDIENCES)),
                    f"a course has at most {MOST_AUDIENCES} audiences, and this one lists "
                    f"{len(given)}: each is a whole set of outputs to check and build",
                    "give audiences that see the same content one audience (a text for some "
                    "audiences may name several), or make a course of its own for a group "
                    "of them",
                )
            ]
        )


def validate(raw: RawProject, layouts: bool = True) -> tuple[Course, tuple[Problem, ...]]:
    """Check the whole project; return the course and any warnings, or raise ContentError.

    ``layouts``: check ``settings: deck: layouts:`` against the deck template the settings
    name (the ``layouts`` command checks it against the template it describes instead).
    """
    problems: list[Problem] = []
    warnings: list[Problem] = list(raw.warnings)
    doc = raw.course
    # a translation's slips that its source has too (a cell left out, an empty module, its
    # text kept) are said for the source alone
    source = not Path(doc.file).is_relative_to(TRANSLATIONS)
    _audiences_counted(doc)
    course = _check_model(Course, doc, _as_written(doc, doc.data), problems)
    known: set[str] = set()
    names: dict[str, str] = {}  # each audience's id by its name
    named: Counter[str] = Counter()  # how often each audience is named
    # how each audience sees the course, as tailoring will (none: the course did not load)
    views = {a.id: viewer(course, a.id) for a in course.audiences} if course is not None else {}
    if course is not None:
        known = _check_audience_graph(course, doc, problems)
        for audience in course.audiences:  # one tier names those it includes
            named.update(audience.includes)
        names = {a.name: a.id for a in course.audiences if isinstance(a.name, str)}
        _check_audiences(course, doc, known, problems, named, names)
        _check_titles(course, doc, problems)
    else:
        known = _raw_audience_ids(doc.data)

    tables: dict[str, Table] = {}
    for table_id, table_doc in raw.tables.items():
        table = _check_model(Table, table_doc, _cells_as_written(table_doc), problems)
        if table is None:
            continue
        column_ids = [c.id for c in table.columns]
        if len(column_ids) > MAX_TABLE_COLUMNS:
            problems.append(
                Problem(
                    table_doc.location(("columns", MAX_TABLE_COLUMNS)),
                    f"this table has {len(column_ids)} columns; a table can have at most "
                    f"{MAX_TABLE_COLUMNS} (no page, slide or poster panel holds more side by "
                    "side)",
                    "split it into two tables, or turn it round so that its columns are rows",
                )
            )
        reserved = [i for i, c in enumerate(column_ids) if c == "audience"]
        for i in reserved:  # a row's `audience:` limits the row: it cannot also be a cell
            problems.append(
                Problem(
                    table_doc.location(("columns", i, "id")),
                    "'audience' cannot name a column: in a row, 'audience:' says which "
                    "audiences see the row",
                    "name the column something else (e.g. 'group' or 'who'), in 'columns:' "
                    "and in every row",
                )
            )
        if reserved:
            continue  # its rows would only say the same again, as unknown audiences
        misspelt = _column_misspelt(table, table_doc, column_ids)
        if misspelt:  # one error where the column is named, not one at every row
            problems.extend(misspelt)
            continue
        for i, column_id in enumerate(column_ids):
            if column_id in column_ids[:i]:
                first = table_doc.location(("columns", column_ids.index(column_id), "id")).line
                problems.append(
                    Problem(
                        table_doc.location(("columns", i, "id")),
                        f"column '{column_id}' is defined twice (first on line {first})",
                        "give each column its own id",
                    )
                )
        for i, row in enumerate(table.rows):
            for key in row.cells:
                if key not in column_ids:
                    hint = did_you_mean(key, column_ids + ["audience"])
                    if not hint.startswith("did you mean"):  # the columns, and the one key more
                        listed = ", ".join(f"'{c}'" for c in column_ids)
                        hint = (
                            f"its columns are {listed}; a row may also say which 'audience' sees it"
                        )
                    problems.append(
                        Problem(
                            table_doc.location(("rows", i, key)),
                            f"'{key}' is not a column of this table",
                            hint,
                        )
                    )
        if known:
            _check_audiences(table, table_doc, known, problems, named, names)
        _check_titles(table, table_doc, problems)
        if source:
            warnings.extend(_missing_cells(table, table_doc, column_ids))
            warnings.extend(_compare_unshown(table, table_doc))
        cells = [
            r.model_copy(update={"cells": {c: r.cells.get(c, "") for c in column_ids}})
            for r in table.rows
        ]
        tables[table_id] = table.model_copy(update={"id": table_id, "rows": tuple(cells)})

    modules: list[Module] = []
    parts = _Parts()
    pixels = _Pixels()
    named_tables: set[str] = set()  # the tables modules and the poster name, valid or not
    module_ids = course.modules if course is not None else _raw_list(doc.data, "modules")
    if module_ids:
        listed: dict[str, int] = {}
        for i, module_id in enumerate(module_ids):
            where = doc.location(("modules", i))
            if not isinstance(module_id, str):
                problems.append(
                    Problem(where, "each entry of 'modules' must be a module name (its file name)")
                )
                continue
            if module_id in listed:
                problems.append(
                    Problem(
                        where,
                        f"module '{module_id}' is listed twice (first on line {listed[module_id]})",
                        "remove one of the two lines",
                    )
                )
                continue
            listed[module_id] = where.line
            raw_module = raw.modules.get(module_id)
            if raw_module is None:
                expected = f"content/modules/{module_id}.md"
                hint = did_you_mean(module_id, raw.modules)
                if not hint.startswith("did you mean"):  # none close: the two ways on
                    hint = (
                        f"write the module in {expected}, or take this line out; the module "
                        f"files there are {', '.join(sorted(raw.modules)) or 'none yet'}"
                    )
                folder = raw.root / "content" / "modules"
                found = near_miss(folder, f"{module_id}.md") if folder.is_dir() else None
                if found is not None:
                    hint = renamed_hint(found, f"{module_id}.md", raw.root)
                elif not folder.is_dir():
                    what = "is not a folder" if folder.exists() else "does not exist"
                    hint = (
                        f"content/modules {what}: make it a folder holding one .md file for "
                        "each module"
                    )
                problems.append(
                    Problem(where, f"no module file for '{module_id}' (expected {expected})", hint)
                )
                continue
            module = _check_model(Module, raw_module.front, raw_module.front.data, problems)
            if module is None:
                continue
            front = raw_module.front
            if known:
                _check_audiences(module, front, known, problems, named, names)
            for block in raw_module.body:
                for names, line in zip(block.conditions, block.condition_lines, strict=True):
                    for name in names:
                        named[name] += 1
                        if name not in known and known:
                            problems.append(
                                _unknown_audience(
                                    Location(front.file, line),
                                    name,
                                    _audience_hint(name, known, names),
                                )
                            )
            warnings.extend(_numbered_objectives(module, front))
            warnings.extend(_timed_title(module, front))
            for j, question in enumerate(module.questions):
                _question_texts(question, ("questions", j), front, problems)
                problems.extend(_said_to_nobody(views, module, question, j, front))
                written = value_at(raw_module.front.data, ("questions", j, "answer"))
                # a yes/no word as typed ('yes', 'On'): YAML reads it as true or false
                written = raw_module.front.words.get(("questions", j, "answer"), written)
                problem = _question_problem(question, written)
                if problem:  # told at its options, the option at fault or its answer
                    message, hint, key = problem
                    problems.append(Problem(front.location(("questions", j, *key)), message, hint))
                if question.objective and question.objective > len(module.objectives):
                    count = len(module.objectives)
                    problems.append(
                        Problem(
                            front.location(("questions", j, "objective")),
                            f"objective {question.objective}: the module has "
                            f"{count} objective{'s' if count != 1 else ''}",
                            "objectives are counted from 1, in the order the module lists them",
                        )
                    )
            resolved_tables = []
            shown: set[str] = set()
            for j, ref in enumerate(module.tables):
                if isinstance(ref, str):
                    named_tables.add(ref)
                if not isinstance(ref, str) or ref not in tables:
                    if isinstance(ref, str) and ref not in raw.tables:
                        found = near_miss(raw.root / "content" / "tables", f"{ref}.yaml")
                        problems.append(
                            Problem(
                                front.location(("tables", j)),
                                f"no table '{ref}' (expected content/tables/{ref}.yaml)",
                                renamed_hint(found, f"{ref}.yaml", raw.root)
                                if found is not None
                                else _table_hint(ref, raw.tables, "take it out of tables:"),
                            )
                        )
                    elif not isinstance(ref, str):
                        problems.append(
                            Problem(
                                front.location(("tables", j)), "a table is named by its file name"
                            )
                        )
                    continue
                if ref in shown:  # a table is shown once: twice is a slip, and each
                    problems.append(  # copy was laid out again (1,000 took minutes)
                        Problem(
                            front.location(("tables", j)),
                            f"the table '{ref}' is listed twice in tables:",
                            "a module shows each table once: take this one out",
                        )
                    )
                    continue
                shown.add(ref)
                resolved_tables.append(tables[ref])
            _check_titles(module, front, problems)
            _check_notes(module, front, problems, parts)
            definitions = _definitions([b.text for b in raw_module.body])
            body = []
            for b in raw_module.body:
                _check_paragraphs(b.text, b.line, front.file, problems)
                crowded = too_many_brackets(b.text)
                if crowded is not None:  # said; never read further
                    where = Location(front.file, b.line + crowded[0])
                    problems.append(Problem(where, *brackets_problem(*crowded[1:])))
                    continue
                if not parts.fit(b.text, front.file, b.line, problems):
                    continue
                for offset, message, hint in body_problems(b.text, MAX_HEADING_WORDS):
                    problems.append(Problem(Location(front.file, b.line + offset), message, hint))
                for offset, message, hint in fence_warnings(b.text):
                    where = Location(front.file, b.line + offset)
                    warnings.append(Problem(where, message, hint, severity="warning"))
                if source:
                    for offset, message, hint in table_row_warnings(b.text):
                        where = Location(front.file, b.line + offset)
                        warnings.append(Problem(where, message, hint, severity="warning"))
                text, pictures = normalise(
                    _inline_references(b.text, definitions),
                    b.line,
                    raw.root / front.file,
                    raw.root,
                    problems,
                    warnings,
                )
                images = tuple(
                    Image(path=p.path, alt=p.alt, width=p.width, height=p.height, inline=p.inline)
                    for p in pictures
                )
                body.append(Block(text=text, line=b.line, conditions=b.conditions, images=images))
                for picture in pictures:
                    pixels.add(picture, Location(front.file, picture.line or b.line), problems)
                    if not picture.alt:
                        warnings.append(
                            Problem(
                                Location(front.file, picture.line or b.line),
                                f"picture '{picture.path}' has no alt text",
                                "describe it between the brackets: ![A calm waiting room](...)",
                                severity="warning",
                            )
                        )
            _unchecked_pictures(body, front.file, problems, warnings)
            warnings.extend(_footnotes(raw_module.body, front))
            warnings.extend(_bold_as_typed_in_fields(front))
            warnings.extend(_html_tags(raw_module.body, front))
            warnings.extend(_typed_marks(raw_module.body, front))
            modules.append(
                module.model_copy(
                    update={
                        "id": module_id,
                        "file": front.file,
                        "tables": tuple(resolved_tables),
                        "body": tuple(body),
                    }
                )
            )
        # a file whose name differs only in its capitals from a module listed and not found:
        # that module's error says to rename the file, never to list it as another module
        missing = {m.lower() for m in listed if m not in raw.modules}
        for module_id, raw_module in raw.modules.items():
            # a file of the source's is told by the source's validation alone (a module a
            # translation leaves untranslated is the source's file), a translation's by its own
            own = source or Path(raw_module.front.file).is_relative_to(TRANSLATIONS)
            if own and module_id not in listed and module_id.lower() not in missing:
                # (of a translation: the list is its source's, whose line is not this file's)
                where = doc.location(("modules",))
                line = f" (line {where.line})" if where.line and source else ""
                folder = Path(raw_module.front.file).parent.as_posix()
                warnings.append(
                    Problem(
                        Location(raw_module.front.file, 1),
                        f"module '{module_id}' is not listed under 'modules' in"
                        " content/course.yaml, so it is not built",
                        f"to build it, add '- {module_id}' under 'modules:' in "
                        f"content/course.yaml{line}, in the order it is taught; if it is not "
                        f"meant to be built, move the file out of {folder}",
                        severity="warning",
                    )
                )
        if source:
            warnings.extend(_modules_not_read(raw.root, listed))

    if course is not None:
        if isinstance(course.poster.table, str):
            named_tables.add(course.poster.table)
        course = _check_poster(course, doc, tables, raw, modules, problems)

    if course is not None and course.settings.deck.template:
        problem = check_deck_template(raw.root, course.settings.deck.template)
        if problem:
            problems.append(
                Problem(doc.location(("settings", "deck", "template")), problem[0], problem[1])
            )
        elif layouts and course.settings.deck.layouts:
            from .deck_layouts import settings_mapping_problems

            deck = course.settings.deck
            problems.extend(settings_mapping_problems(raw.root, deck.template, deck.layouts, doc))

    if course is not None:
        warnings.extend(_mistyped_slide_kinds(course, doc))
        if source:
            warnings.extend(_empty_modules(modules))
        if len(modules) == len(course.modules):  # whether the poster shows a table needs all
            warnings.extend(
                _poster_table_hidden(course.model_copy(update={"modules": tuple(modules)}), doc)
            )
            if source:
                warnings.extend(_tables_unshown(raw, named_tables))

    defined = {}
    if course is not None:
        defined = {
            a.id: doc.location(("audiences", i, "id")) for i, a in enumerate(course.audiences)
        }
    for each in (doc, *raw.tables.values(), *(m.front for m in raw.modules.values())):
        problems.extend(_fences_in_yaml(each, raw.root))
    problems = _unknown_together(problems, named, defined)
    if problems or course is None:
        raise ContentError(problems + warnings)
    course = course.model_copy(update={"modules": tuple(modules)})
    from .gaps import texts_for_nobody

    warnings.extend(texts_for_nobody(course, raw))
    return course, tuple(warnings)


# (as loaded: a line of colons in a YAML text is escaped, to print as typed; a folded text,
# ">", joins it to the line before)
# a fence of colons, and "audience=" after it on its line: looked for apart, each once a line
# (one pattern "fence, anything, audience=" tried from every fence took minutes on a line of
# thousands of fences)
_FENCE_START = re.compile(r"(?:^|\s)\\?:{3,}", re.MULTILINE)
_AUDIENCE_EQUALS = re.compile(r"\baudience[ \t]*=")


def _audience_fence(value: str) -> re.Match[str] | None:
    """The first fence of colons in ``value`` with "audience=" after it on its line."""
    at = 0
    while (fence := _FENCE_START.search(value, at)) is not None:
        end = value.find("\n", fence.end())
        end = len(value) if end < 0 else end
        if _AUDIENCE_EQUALS.search(value, fence.end(), end):
            return fence
        at = end + 1  # the next line: a later fence of this line has no "audience=" after it
    return None


_MOST_FENCES_TOLD = 20  # in one file: each at its line


def _fences_in_yaml(doc: SourceDoc, root: Path | None = None) -> list[Problem]:
    """An audience fence (``::: {audience="clinical"}``) in a YAML text: only a module's
    body sets text apart with one; in a text of the front matter, course.yaml or a table
    it was printed as it stands, what it holds shown to every audience. Told at the line
    of the file (under ``root``) it is on, however YAML joined the text's lines."""
    found: list[Problem] = []
    lines: list[str] = []
    read = False

    def line_of(start: int, colons: str) -> int | None:
        """The first line of the file from ``start`` on that holds ``colons`` and names an
        audience."""
        nonlocal lines, read
        if not read and root is not None:
            read = True
            try:
                lines = (root / doc.file).read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeError):
                lines = []
        for number in range(max(start, 1), len(lines) + 1):
            if colons in lines[number - 1] and "audience" in lines[number - 1]:
                return number
        return None

    def walk(value: Any, path: tuple[Any, ...]) -> None:
        if len(found) >= _MOST_FENCES_TOLD:
            return
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, (*path, key))
        elif isinstance(value, list):
            for n, item in enumerate(value):
                walk(item, (*path, n))
        elif isinstance(value, str) and ":::" in value:
            fence = _audience_fence(value)
            if fence is None:
                return
            where = doc.location(path)
            first = (where.line or 1) + (1 if "\n" in value else 0)  # a block's first line
            colons = fence.group().strip().lstrip("\\")[:3]
            line = line_of(where.line or 1, colons) or first + value.count("\n", 0, fence.start())
            key = next((str(k) for k in reversed(path) if isinstance(k, str)), "this text")
            first_id, second_id = example_audiences()
            found.append(
                Problem(
                    Location(doc.file, line),
                    f"an audience fence works only in a module's text below its front "
                    f"matter: in '{key}' it would be printed as typed, and what it holds "
                    "shown to every audience",
                    f"give '{key}' one text per audience instead ({key}: then a line "
                    f"'{first_id}: ...' and a line '{second_id}: ...' under it), or, in a "
                    f"list, mark the entry with 'audience: {example_audience()}'",
                )
            )

    walk(doc.data, ())
    return found


def _missing_cells(table: Table, doc: SourceDoc, column_ids: list[str]) -> list[Problem]:
    """A row without a cell for a column (its line deleted, or misspelt and told as such):
    printed blank, so said, each row once."""
    found = []
    for i, row in enumerate(table.rows):
        missing = [c for c in column_ids if c not in row.cells]
        if not missing:
            continue
        names = ", ".join(f"'{c}'" for c in missing)
        found.append(
            Problem(
                doc.location(("rows", i)),
                f"row {i + 1} has no {names} cell{'s' if len(missing) > 1 else ''}: printed blank",
                f"add '{missing[0]}: ...' to the row, or '{missing[0]}: \"\"' for a cell left "
                "blank on purpose",
                severity="warning",
            )
        )
    return found


def _compare_unshown(table: Table, doc: SourceDoc) -> list[Problem]:
    """``compare: true`` on a table that has not three columns: the side-by-side slide
    compares the second column with the third, so it is left out; said, not silently."""
    count = len(table.columns)
    if not table.compare or count == 3:
        return []
    return [
        Problem(
            doc.location(("compare",)),
            f"compare: true sets a table's second and third columns side by side on a "
            f"slide, and this table has {count} column{'s' if count != 1 else ''}: the "
            "side-by-side slide is left out",
            "give the table three columns (the first naming each row), or take out 'compare: true'",
            severity="warning",
        )
    ]


def _empty_modules(modules: list[Module]) -> list[Problem]:
    """A module with a title and nothing to teach (a file started and left): its slides and
    handout pages would be a bare heading."""
    found = []
    for module in modules:
        said = (
            module.objectives,
            module.key_points,
            module.activities,
            module.reflection,
            module.questions,
            module.takeaway,
            module.notes,
            module.tables,
        )
        if any(said) or any(b.text.strip() for b in module.body):
            continue
        found.append(
            Problem(
                Location(module.file, 1),
                f"module '{module.id}' has nothing in it yet: no objectives, key points or "
                "text, so its slides and pages are a bare heading",
                "write its content after the front matter, or take it out of course.yaml's "
                "modules: until it is ready",
                severity="warning",
            )
        )
    return found


def tables_shown(modules: Iterable[Module | Any], poster: Table | None) -> set[str]:
    """The ids of the tables the course prints: those its modules list and the poster's."""
    shown = {table.id for module in modules for table in getattr(module, "tables", ())}
    if poster is not None:
        shown.add(poster.id)
    return shown


def _tables_unshown(raw: RawProject, named: set[str]) -> list[Problem]:
    """A warning for each file of content/tables/ that no module lists under ``tables:``
    and the poster does not name (``named``: the tables they name, valid or not): it is
    printed in no output (told as a module file that course.yaml does not list is)."""
    found = []
    for table_id, doc in raw.tables.items():
        if table_id in named:
            continue
        found.append(
            Problem(
                Location(doc.file, 1),
                f"table '{table_id}' is shown by no module, so it is printed in no output",
                f"to show it, add '{table_id}' to the 'tables:' of the module it belongs to "
                f"(tables: [{table_id}]); if it is not meant to be shown, move the file out of "
                f"{Path(doc.file).parent.as_posix()}",
                severity="warning",
            )
        )
    return found


def _poster_table_hidden(course: Course, doc: SourceDoc) -> list[Problem]:
    """The audiences whose poster has no table, said once: a table course.yaml names that
    only modules they do not see show (a clinical dosing chart), or, with none named, no
    table a module they see shows and no panel or note for them either (the poster would
    be a headline over 20 inches of white: it is not made, see kinds.Poster.missing)."""
    from .tailor import poster_table, viewer

    bare: list[str] = []  # whose poster has no table
    empty: list[str] = []  # of them, whose poster shows nothing but its headline: not made
    given = course.poster
    for audience in course.audiences:
        seen = viewer(course, audience.id)  # the audience's poster, as tailoring makes it
        panel = given.panel.model_copy(update={"points": seen.apply(given.panel.points)})
        poster = given.model_copy(
            update={
                "table": poster_table(course, seen.order),
                "panel": panel,
                "note": seen.apply(given.note),
            }
        )
        if poster.table is None:
            bare.append(audience.name)
            if not poster.shows_something:
                empty.append(audience.name)
    table = course.poster.table
    if table is None:
        if not empty:
            return []
        where = doc.location(("poster",)) if ("poster",) in doc.marks else doc.location()
        message = (
            f"no poster is made for {', '.join(empty)}: it would show its headline alone "
            "(no table of content/tables/ that a module shows, no panel, no note)"
        )
        hint = (
            "show a table of content/tables/ in a module (or name one: poster: table:), or "
            "give the poster points to act on (poster: panel: points:)"
        )
        return [Problem(where, message, hint, severity="warning")]
    if not bare:
        return []
    shown_by = ", ".join(
        m.id for m in course.modules if isinstance(m, Module) and table in m.tables
    )
    if empty == bare:
        left = "no poster is made for them (it would show its headline alone)"
    elif empty:
        left = f"their poster has no table, and none is made for {', '.join(empty)}"
    else:
        left = "their poster has no table"
    message = (
        f"the poster's table '{table.id}' is shown only in modules {', '.join(bare)} do "
        f"not see ({shown_by}): {left}"
    )
    hint = "name a table every audience may see, or give this table's rows an audience"
    return [Problem(doc.location(("poster", "table")), message, hint, severity="warning")]


def _mistyped_slide_kinds(course: Course, doc: SourceDoc) -> list[Problem]:
    """A warning for each slide kind under settings: deck: layouts: that no built-in
    template writes but is close to one that it does ('bulets'): its layout would never be
    used. A name far from every kind is left alone, as a kind a deck template of the
    trainer's own may write ('{.slide .case-study}')."""
    if not course.settings.deck.layouts:
        return []
    import difflib

    from .render.slides import KNOWN_KINDS, ROLE_NAMES

    known = {*KNOWN_KINDS, *ROLE_NAMES}
    found = []
    for kind in course.settings.deck.layouts:
        if kind in known or not difflib.get_close_matches(kind, known, n=1, cutoff=0.75):
            continue
        found.append(
            Problem(
                doc.location(("settings", "deck", "layouts", kind)),
                f"'{kind}' is not a kind of slide the built-in deck templates write, so the "
                "layout mapped to it is never used",
                did_you_mean(kind, known),
                severity="warning",
            )
        )
    return found
