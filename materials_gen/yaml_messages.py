"""YAML mistakes in plain words: which line to change, and how.

PyYAML says what its parser met ("mapping values are not allowed here", "expected <block
end>, but found '<block mapping start>'"), at the place it gave up, which is often the line
after the mistake. A trainer needs the line to change and the change to make: "`audience:` is
indented further than `text:` above it; line them up". :func:`explain` reads the lines around
the place PyYAML names and recognises the slips people make in YAML by hand: a key or a list
item indented too far or not far enough, a tab in the indentation, a key without its colon,
no space after a colon, a quote never closed, an apostrophe inside single quotes, a colon
inside a text, a text that starts with a character YAML reserves. Anything else keeps
PyYAML's words, with the line.

:func:`folded_item` finds a slip PyYAML does not report at all: a list item indented further
than the item above it is read as more words of that item ("a - b"); :func:`cut_at_hash`
one it reports as a comment: "Room #4" read as "Room".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import yaml

from .console import plural


@dataclass(frozen=True)
class Slip:
    """A YAML mistake said for a trainer: 1-based line and column in the text, what, how."""

    line: int
    column: int
    message: str
    hint: str


# "  - key: value": indentation, list dashes, the key, and what follows its colon.
_KEY = re.compile(
    r"^(?P<indent>[ ]*)(?P<dash>(?:-[ ]+)*)"
    r"(?P<key>[^\s#'\"\[\]{}>|*&!%@`,:-][^#]*?|-[^\s#][^#]*?)"
    r":(?:[ \t]+(?P<value>.*))?$"  # the value with its trailing blanks (see _key): a lazy
)  # value before "[ \t]*$" took time growing with the square of a run of spaces in it
# "key:value": a name, a colon and text with no space between (not a web address or a time).
_NO_SPACE = re.compile(
    r"^(?P<indent>[ ]*)(?P<dash>(?:-[ ]+)*)(?P<key>[A-Za-z_][\w-]*):(?P<value>[^\s/:].*)$"
)
_DASH = re.compile(r"^(?P<indent>[ ]*)-(?:[ ]|$)")
_BLOCK_TEXT = re.compile(r":[ ]*[|>][-+0-9]*[ ]*(?:#.*)?$")
_RESERVED = {
    "@": "'@'",
    "`": "a backtick (`)",
    "%": "'%'",
    "*": "'*' (YAML reads it as a reference to another part)",
    "&": "'&' (YAML reads it as a name for this part)",
    "?": "'? '",
    "|": "'|'",
    ">": "'>'",
}


@dataclass(frozen=True)
class _Key:
    line: int  # 0-based
    column: int  # 0-based column of the key's first letter
    key: str
    value: str
    indent: str
    dash: str


def _key(lines: list[str], number: int) -> _Key | None:
    if not 0 <= number < len(lines):
        return None
    found = _KEY.match(lines[number])
    if not found or lines[number].lstrip().startswith("#"):
        return None
    indent, dash = found.group("indent"), found.group("dash")
    return _Key(
        number,
        len(indent) + len(dash),
        found.group("key").strip(),
        (found.group("value") or "").rstrip(" \t"),
        indent,
        dash,
    )


def _content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _before(lines: list[str], number: int) -> int | None:
    """The nearest line above ``number`` that holds something (not blank, not a comment)."""
    for above in range(min(number, len(lines)) - 1, -1, -1):
        if _content(lines[above]):
            return above
    return None


def quoted(text: str) -> str:
    """``text`` in quotes, as YAML reads it back: single quotes if it holds double ones."""
    if '"' in text and "'" not in text:
        return f"'{text}'"
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _in_quotes(key: _Key, value: str) -> str:
    return f"{key.indent}{key.dash}{key.key}: {quoted(value)}"


# quotes a word processor types around a text (“...”, „...“, «...», ‘...’), which YAML
# reads as part of the text: the opening ones, with the closing ones each may end with
_TYPED_QUOTES = {
    "\u201c": "\u201d\u201c",
    "\u201e": "\u201c\u201d",
    "\u00ab": "\u00bb",
    "\u2018": "\u2019",
}


def _quote_hint(key: _Key, value: str) -> str:
    """How to put ``value`` in quotes; one a word processor already put in its own quotes
    is told to use straight ones in their place (following "put it in quotes" kept them,
    printed, inside the straight ones)."""
    closing = _TYPED_QUOTES.get(value[:1])
    if closing and len(value) > 1 and value[-1] in closing:
        return (
            f"the quotes around it ({value[0]} {value[-1]}) are a word processor's, which YAML "
            f"reads as part of the text: use straight ones, {_in_quotes(key, value[1:-1]).strip()}"
        )
    return f"put the text in quotes: {_in_quotes(key, value).strip()}"


def explain(error: yaml.MarkedYAMLError, text: str) -> Slip:
    """The trainer's version of a PyYAML syntax error in ``text`` (the whole file, so that the
    lines a message names are the file's; the error's marks counted the same way)."""
    lines = text.split("\n")
    problem = error.problem or ""
    context = error.context or ""
    mark = error.problem_mark or error.context_mark
    line = mark.line if mark else 0
    column = mark.column if mark else 0
    at = error.context_mark
    found = (
        _quote_never_closed(lines, error)
        or _odd_space(lines, line, at.line if at else line)
        or _look_alike(lines, line, at.line if at else line)
        or _tab(lines, problem, line)
        or _dash_without_space(lines, {line, at.line if at else line})
        or _space_after_colon(lines, problem, context, line, at.line if at else line)
        or _item_under_item(lines, problem, line)
        or _item_after_entry(lines, problem, line)
        or _colon_in_text(lines, problem, line, column)
        or _indented_further(lines, problem, line, column)
        or _name_without_colon(lines, problem, line, column)
        or _not_lined_up(lines, problem, line, column)
        or _item_among_keys(lines, problem, line)
        or _after_quote(lines, problem, line)
        or _star_item(lines, context, at.line if at else line)
        or _reserved(lines, problem, context, line, column, at.line if at else line)
        or _other(lines, problem, context, error)
        or _item_start(lines, line)
    )
    if found is not None:
        return found
    return Slip(
        line + 1,
        column + 1,
        f"YAML cannot read this line ({problem or context})",
        "check the indentation and quoting on this line and the one above",
    )


# Spaces YAML reads as text, not as the space it needs, which text pasted from a word
# processor or an e-mail often has where ordinary spaces were typed.
ODD_SPACES = {
    "\u00a0": "a non-breaking space",
    "\u202f": "a narrow non-breaking space",
    "\u2007": "a figure space",
    "\u3000": "an ideographic (full-width) space",
    **{chr(c): "a typographic space" for c in range(0x2000, 0x200B)},
}
_ODD = "".join(ODD_SPACES)
# where YAML needs an ordinary space: in the indentation, after a list's dash, after a key's
# colon (the place of the first odd space is the group named)
_ODD_REACH = 200  # characters of a line a slip of spacing is looked for in
_ODD_PLACES = re.compile(
    rf"^(?P<indent>[ \t]*[{_ODD}][ \t{_ODD}]*)"
    rf"|^[ \t]*(?:-[ ]+)*(?P<dash>-[{_ODD}])"
    rf"|^[ \t]*(?:-[ ]+)*(?P<key>[^\s#'\"\[\]{{}}>|*&!%@`,:][^#:]*?):(?P<colon>[{_ODD}])"
)


# Punctuation that looks like YAML's own but is another character: a full-width colon (an
# East Asian keyboard's), and dashes and bullets a word processor makes of "- "
# (after a key's name: a key of a course's files is a word of ASCII letters)
_LOOK_ALIKE_COLON = re.compile(
    r"^(?P<key>\s*(?:-\s+)?[A-Za-z_][\w-]*)\s*(?P<colon>[\uff1a\ufe55\ufe13])"
)
# Marks a word processor or a habit puts where YAML's list item has its "- ": bullets, dashes
# (en, em, minus, hyphens Unicode keeps apart from ASCII's) and Markdown's "+"
_DASH_NAMES = {
    "\u2013": "an en dash (–)",
    "\u2014": "an em dash (—)",
    "\u2212": "a minus sign (−)",
    "\u2010": "a typographic hyphen (‐)",
    "\u2011": "a non-breaking hyphen (‑)",
    "\u2012": "a figure dash (‒)",
    "\u00b7": "a middle dot (·)",
    "+": "a plus sign (+)",
}
LOOK_ALIKE_DASHES = "\u2013\u2014\u2212\u2010\u2011\u2012\u00b7\u2022\u2023\u2043\u2219\u25aa\u25ab"
LOOK_ALIKE_DASHES += "\u25cf\u25cb\u25e6\u25a0\u25a1\u27a2\u25ba\u25b6+"
# (where YAML stopped reading: not "+", which Markdown in a text starts a line with)
_LOOK_ALIKE_DASH = re.compile(rf"^\s*(?P<dash>[{LOOK_ALIKE_DASHES[:-1]}])\s")
_STAR_ITEM = re.compile(r"^(?P<indent>\s*)\*\s+(?P<text>\S.*)$")


def dash_name(mark: str) -> str:
    """A look-alike of a list's '-' (see LOOK_ALIKE_DASHES), named as a message says it."""
    return _DASH_NAMES.get(mark, f"a bullet ({mark})")


def _lines_up(lines: list[str], line: int, started: int) -> range:
    """The lines a slip is looked for on, from the one PyYAML stopped at up to the one
    where what it was reading ``started``, or the three above it (it often stops lines
    after the slip), the nearest first."""
    return range(min(line, len(lines) - 1), max(min(line - 3, started), 0) - 1, -1)


def _look_alike(lines: list[str], line: int, started: int) -> Slip | None:
    """A colon or a list's dash that is another character: a full-width colon ("id：
    clinical", typed on a Chinese or Japanese keyboard) or a list item started with an en
    dash or a bullet a word processor made of "- ". YAML reads either as text, and stops a
    line or two later; looked for from there up to three lines above."""
    for number in _lines_up(lines, line, started):
        text = lines[number]
        colon = _LOOK_ALIKE_COLON.match(text)
        if colon is not None:
            key = colon["key"].strip().removeprefix("-").strip()
            return Slip(
                number + 1,
                colon.start("colon") + 1,
                f"line {number + 1} has a full-width colon (：) after '{key}', which YAML "
                "does not read as a colon",
                f"retype it as an ordinary colon and a space: {key}: ...",
            )
        dash = _LOOK_ALIKE_DASH.match(text)
        if dash is not None:
            mark = dash["dash"]
            name = dash_name(mark)
            return Slip(
                number + 1,
                dash.start("dash") + 1,
                f"line {number + 1} starts with {name}, which YAML does not read as the '-' "
                "that starts a list item (a word processor may have made it of '- ')",
                "retype it as a hyphen (-) followed by a space",
            )
    return None


def _odd_space(lines: list[str], line: int, started: int) -> Slip | None:
    """A space pasted from a word processor (a non-breaking one, most often) where YAML needs
    an ordinary one: YAML reads it as text, so a list item, a key or its value is not what
    it looks like. Looked for from the line PyYAML stopped at up to the one where what it
    was reading ``started``, or the three above it (it often stops lines after the slip)."""
    for number in _lines_up(lines, line, started):
        # (its start only: an indent, a dash or a key is there, and a line of a hundred
        # thousand "- " would take the pattern minutes to try every way)
        found = _ODD_PLACES.match(lines[number][:_ODD_REACH])
        if found is None:
            continue
        if found["indent"] is not None:
            at = next(n for n, ch in enumerate(lines[number]) if ch in ODD_SPACES)
            where = "at its start"
            fix = f"retype the spaces at the start of line {number + 1} as ordinary spaces"
        elif found["dash"] is not None:
            at = found.end("dash") - 1
            where = "after its '-'"
            fix = "retype the space after the '-' as an ordinary space"
        else:
            at = found.start("colon")
            where = f"after '{found['key'].strip()}:'"
            fix = f"retype the space after '{found['key'].strip()}:' as an ordinary space"
        name = ODD_SPACES[lines[number][at]]
        return Slip(
            number + 1,
            at + 1,
            f"line {number + 1} has {name} {where}, where YAML needs an ordinary space "
            "(text pasted from a word processor or an e-mail often has them)",
            fix,
        )
    return None


def _tab(lines: list[str], problem: str, line: int) -> Slip | None:
    if "'\\t'" not in problem or not 0 <= line < len(lines):
        return None
    text = lines[line]
    indent = text[: len(text) - len(text.lstrip(" \t"))]
    if "\t" not in indent:
        return None
    return Slip(
        line + 1,
        indent.index("\t") + 1,
        f"line {line + 1} is indented with a tab; YAML indentation must be spaces",
        "replace the tab at the start of the line with spaces (YAML cannot tell how wide a "
        "tab is), lining the line up with the one it belongs beside or under",
    )


# a list item's dash with no space after it: "-trauma-informed care" (not "---", not "-5")
# the text is taken whole, blanks and all, and stripped where it is used: a lazy text
# before "\s*" took hours over a line with a long run of spaces in it
_DASH_ALONE = re.compile(r"^(?P<indent>[ ]*)-(?P<text>[^\s\-\d.][^#]*)(?:#.*)?$")


def _dash_without_space(lines: list[str], near: set[int]) -> Slip | None:
    """A list item written without the space after its `-`: YAML reads "-trauma-informed
    care" as text, so the list above or below it breaks (its own text, or more words of the
    item above). Found at one of the lines ``near`` the error, or the line above one,
    when an item of the same list ("- ...") or the `name:` that opens it is beside it."""
    for number in sorted({n for line in near for n in (line - 1, line)}):
        if not 0 <= number < len(lines):
            continue
        alone = _DASH_ALONE.match(lines[number])
        if alone is None:
            continue
        at = len(alone.group("indent"))
        above = _before(lines, number)
        opens = above is not None and lines[above].rstrip().endswith(":")
        if _item_beside(lines, number, at) or opens:
            text = alone.group("text").strip()
            item = quoted(text) if text[0] in _INDICATORS else text
            return Slip(
                number + 1,
                at + 1,
                f"the `-` on line {number + 1} has no space after it, so YAML reads "
                f"`-{text}` as text, not as an item of the list",
                f"put a space after the `-`: `- {item}`",
            )
    return None


# what YAML reads as more than text at the start of an item: a comment, a name, a quote...
_INDICATORS = "#&*!|>'\"%@`[]{},?:"


def _item_beside(lines: list[str], number: int, at: int) -> bool:
    """Whether a list item ("- ...") starts at column ``at`` in the same list as line
    ``number``: above or below it, past the lines of the items between (indented further),
    up to the line that ends the list (indented less)."""
    for step in (-1, 1):
        n = number + step
        while 0 <= n < len(lines):
            if _content(lines[n]):
                indent = _indent(lines[n])
                if indent < at:
                    break
                item = _DASH.match(lines[n])
                if indent == at:
                    if item is not None:
                        return True
                    break
            n += step
    return False


def _after(lines: list[str], number: int) -> int | None:
    """The nearest line below ``number`` that holds something (not blank, not a comment)."""
    for below in range(number + 1, len(lines)):
        if _content(lines[below]):
            return below
    return None


def _space_after_colon(
    lines: list[str], problem: str, context: str, line: int, started: int
) -> Slip | None:
    candidates: list[int] = []
    if "could not find expected ':'" in problem:
        candidates.append(started)
    if "mapping values are not allowed" in problem or "could not find expected ':'" in problem:
        above = _before(lines, line)
        if above is not None:
            candidates.append(above)
    for number in candidates:
        if not 0 <= number < len(lines):
            continue
        found = _NO_SPACE.match(lines[number])
        if found:
            key, value = found.group("key"), found.group("value")
            return Slip(
                number + 1,
                len(found.group("indent")) + len(found.group("dash")) + len(key) + 2,
                f"there is no space after the colon in `{key}:{value.strip()}`",
                f"put a space after the colon: `{key}: {value.strip()}`",
            )
    return None


def _item_under_item(lines: list[str], problem: str, line: int) -> Slip | None:
    """A list item with settings of its own ("- text: ...") indented further than the item
    above it: YAML reads it as more words of that item, then stops at its colon. (A plain
    item so indented is read as more words without a stop: see :func:`folded_item`.)"""
    if "mapping values are not allowed" not in problem or not 0 <= line < len(lines):
        return None
    dash = _DASH.match(lines[line].replace("\t", " "))
    above = _before(lines, line)
    item = _DASH.match(lines[above].replace("\t", " ")) if above is not None else None
    if dash is None or item is None or above is None:
        return None
    if len(dash.group("indent")) <= len(item.group("indent")):
        return None
    return _item_further(line, dash, above, item)


def _item_after_entry(lines: list[str], problem: str, line: int) -> Slip | None:
    """A list item indented further than the item above it when that item has settings of
    its own ("- text: ..." and "assessed: false" under it): YAML, inside that item's
    settings, finds a list it cannot place there."""
    if "found '<block sequence start>'" not in problem or not 0 <= line < len(lines):
        return None
    dash = _DASH.match(lines[line].replace("\t", " "))
    if dash is None:
        return None
    own = len(dash.group("indent"))
    for above in range(line - 1, -1, -1):
        text = lines[above].replace("\t", " ")
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        item = _DASH.match(text)
        if item is not None and len(item.group("indent")) < own:
            spaces = own - len(item.group("indent"))
            return Slip(
                line + 1,
                own + 1,
                f"the `-` on line {line + 1} is indented further than the `-` of the item "
                f"above it (line {above + 1}), so YAML cannot read it as the next item",
                f"move the `-` {plural(spaces, 'space')} to the left",
            )
        if len(text) - len(text.lstrip(" ")) < own and item is None:
            return None  # a key less indented than the item: not an item above it
    return None


def _item_further(line: int, dash: re.Match[str], above: int, item: re.Match[str]) -> Slip:
    """The item on ``line`` (its ``dash``) is indented further than the item on ``above``."""
    spaces = len(dash.group("indent")) - len(item.group("indent"))
    return Slip(
        line + 1,
        len(dash.group("indent")) + 1,
        f"the `-` on line {line + 1} is indented further than the `-` of the item above it "
        f"(line {above + 1}), so YAML reads it as more words of that item",
        f"move the `-` {plural(spaces, 'space')} to the left",
    )


def _colon_in_text(lines: list[str], problem: str, line: int, column: int) -> Slip | None:
    if "mapping values are not allowed" not in problem:
        return None
    key = _key(lines, line)
    if key is None or key.column + len(key.key) >= column:
        return None  # the colon PyYAML stopped at is the key's own
    value = lines[line][lines[line].index(":", key.column + len(key.key)) + 1 :].strip()
    return Slip(
        line + 1,
        column + 1,
        f"the text after `{key.key}:` has a colon and a space in it, which YAML reads as the "
        "start of another setting",
        _quote_hint(key, value),
    )


def _indented_further(lines: list[str], problem: str, line: int, column: int) -> Slip | None:
    """A `key:` indented further than the `key: text` above it, read as more of that text."""
    if "mapping values are not allowed" not in problem:
        return None
    key = _key(lines, line)
    if key is None:
        return None
    for above in range(line - 1, -1, -1):
        parent = _key(lines, above)
        if parent is not None and parent.column < key.column:
            if not parent.value:
                return None  # nothing to read it into: not this slip
            empty = _empty_key_above(lines, above, parent.column)
            if empty is not None:  # `competent:` then `all-staff: text` beside it, not under it
                return Slip(
                    above + 1,
                    parent.column + 1,
                    f"`{parent.key}:` is lined up with `{empty.key}:` above it (line "
                    f"{empty.line + 1}), which has nothing after its colon",
                    f"if `{parent.key}:` and the lines after it belong to `{empty.key}:`, indent "
                    f"them further than `{empty.key}:`",
                )
            wedged = _wedged(lines, above, key)
            if wedged is not None:  # `nurses: 30` moved left, between two of its siblings
                return wedged
            left = _text_left(lines, above)
            if left is not None and parent.key not in _setting_names():
                # `Note: bring water` lost its indentation inside a text: the lines after it
                # are the text's, rightly indented, and read as more of `Note:`'s
                slip = left[0]
                told = f"{slip.message}, so YAML reads `{parent.key}:` as a key of its own"
                return Slip(slip.line, slip.column, told, slip.hint)
            spaces = key.column - parent.column
            return Slip(
                line + 1,
                key.column + 1,
                f"`{key.key}:` is indented further than `{parent.key}:` above it "
                f"(line {above + 1}); line them up",
                f"move `{key.key}:` {plural(spaces, 'space')} to the left, so "
                f"that it starts right under `{parent.key}:`",
            )
    return None


# the name a line without its colon starts with: "title Welcome and overview"
_NAME_FIRST = re.compile(r"^(?P<lead>[ ]*(?:-[ ]+)*)(?P<name>[A-Za-z_][\w-]*)(?P<rest>.*)$")


def _name_without_colon(lines: list[str], problem: str, line: int, column: int) -> Slip | None:
    """The first `key:` of a file or of a list item written without its colon ("title
    Welcome and overview", "- text Describe...", "fonts" over its settings): with no key
    before it to end it, YAML reads the line as text running on into the next one, and
    stops at the colon of the key there, the line after the slip; or, when a comment ends
    the line, at the key itself, where a set of settings cannot start after a text."""
    running_on = "mapping values are not allowed" in problem
    cut_short = "but found '<block mapping start>'" in problem
    if not running_on and not cut_short:
        return None
    key = _key(lines, line)
    if key is None or (running_on and lines[line].find(":", key.column) != column):
        return None  # the colon PyYAML stopped at is not the next key's own
    above = _before(lines, line)
    if above is None or _key(lines, above) is not None:
        return None
    found = _NAME_FIRST.match(lines[above].rstrip())
    if found is None:
        return None
    rest = _without_comment(found["rest"]).strip()
    if cut_short and rest == found["rest"].strip():
        return None  # no comment ended the text: not this slip
    # lined up with the key below it (a key of the same set), or a name alone over the
    # settings or the list it holds
    if len(found["lead"]) != key.column and (rest or len(found["lead"]) > key.column):
        return None
    first = _before(lines, above)
    owner = _key(lines, first) if first is not None else None
    if owner is not None and owner.value and owner.column < key.column:
        return None  # more lines of the text of the key above
    name = found["name"]
    fixed = f"{found['lead'].lstrip()}{name}:{' ' + rest if rest else ''}"
    return Slip(
        above + 1,
        len(found["lead"]) + len(name) + 1,
        f"line {above + 1} has no colon after `{name}`, so YAML reads the line as text, not "
        f"as a `{name}:` setting",
        f"put a colon after the name: `{fixed}`",
    )


def _empty_key_above(lines: list[str], line: int, column: int) -> _Key | None:
    """The `key:` with nothing after it just above ``line``, at the same ``column``."""
    above = _before(lines, line)
    key = _key(lines, above) if above is not None else None
    if key is not None and key.column == column and not key.value:
        return key
    return None


def _not_lined_up(lines: list[str], problem: str, line: int, column: int) -> Slip | None:
    """A key or `-` that lines up with nothing above it (indented too little)."""
    if "expected <block end>" not in problem:
        return None
    if "'-'" in problem or "<block sequence start>" in problem:
        dash = _DASH.match(lines[line]) if 0 <= line < len(lines) else None
        if dash is None:
            return None
        at = len(dash.group("indent"))
        for above in range(line - 1, -1, -1):
            other = _DASH.match(lines[above])
            if other is not None and len(other.group("indent")) > at:
                spaces = len(other.group("indent")) - at
                return Slip(
                    line + 1,
                    at + 1,
                    f"the `-` on line {line + 1} is indented less than the `-` of the item "
                    f"above it (line {above + 1}); line them up",
                    f"move the `-` {plural(spaces, 'space')} to the right",
                )
            if _content(lines[above]) and _indent(lines[above]) <= at:
                break
        return None
    if "<block mapping start>" in problem or "'?'" in problem:
        key = _key(lines, line)
        if key is None:
            return None
        above = _before(lines, line)
        item = _DASH.match(lines[above]) if above is not None else None
        if above is not None and item is not None and len(item.group("indent")) == key.column:
            return Slip(
                line + 1,
                key.column + 1,
                f"`{key.key}:` is lined up with the `-` of the list item above it "
                f"(line {above + 1}), but does not start with '- '",
                "start it with '- ' if it is a new item; if it belongs to the item above, "
                "indent it further, under that item's text",
            )
        for above in range(line - 1, -1, -1):
            other = _key(lines, above)
            if other is not None and other.column > key.column:
                spaces = other.column - key.column
                odd = _odd_one_out(lines, above, line, key.column)
                if odd:  # the first of its settings, further in than the others
                    return Slip(
                        above + 1,
                        other.column + 1,
                        f"`{other.key}:` is indented further than the settings below it "
                        f"(`{key.key}:`, line {line + 1}); line them up",
                        f"move `{other.key}:` {plural(spaces, 'space')} to the "
                        f"left, so that it starts right above `{key.key}:`",
                    )
                left = _text_or_key(lines, line, key, other)
                if left is not None:
                    return left
                return Slip(
                    line + 1,
                    key.column + 1,
                    f"`{key.key}:` is indented less than `{other.key}:` above it "
                    f"(line {above + 1}); line them up",
                    f"move `{key.key}:` {plural(spaces, 'space')} to the right, "
                    f"so that it starts right under `{other.key}:`",
                )
            if other is not None and other.column < key.column:
                wedged = _wedged(lines, above, key)
                if wedged is not None:
                    return wedged
            if other is not None and other.column <= key.column:
                break
    return None


def _text_or_key(lines: list[str], line: int, key: _Key, other: _Key) -> Slip | None:
    """``key``, indented less than ``other`` above it, on a line that may be one of a text
    above that lost its indentation ("Note: bring water" under `notes: |`): told as that
    line, with moving it under ``other`` if it is a key; None for a setting's name, which
    is more likely the key out of line (see text_left)."""
    found = _text_left(lines, line)
    if found is None or key.key in _setting_names():
        return None
    left, text = found
    told = f"{left.message}, so YAML reads `{key.key}:` as a key of its own"
    if other.line > text.line:  # "handout:" in a line of the text: no key to line up with
        return Slip(left.line, left.column, told, left.hint)
    spaces = other.column - key.column
    return Slip(
        left.line,
        left.column,
        told,
        f"{left.hint}; if `{key.key}:` is meant as a key beside `{other.key}:`, move it "
        f"{plural(spaces, 'space')} to the right, so that it starts right under "
        f"`{other.key}:`",
    )


def _wedged(lines: list[str], at: int, key: _Key) -> Slip | None:
    """The key on line ``at``, indented less than ``key`` (below it) and than the key
    above it that ``key`` lines up with: the one out of line, between two of its siblings
    (a per-audience entry moved left, out of the set it belongs to)."""
    out = _key(lines, at)
    if out is None:
        return None
    for above in range(at - 1, -1, -1):
        other = _key(lines, above)
        if other is None:
            continue
        if other.column == key.column:
            spaces = key.column - out.column
            left = _text_or_key(lines, at, out, other)
            if left is not None:
                return left
            return Slip(
                at + 1,
                out.column + 1,
                f"`{out.key}:` is indented less than `{other.key}:` above it (line "
                f"{above + 1}) and `{key.key}:` below it (line {key.line + 1})",
                f"if `{out.key}:` belongs with them, move it {plural(spaces, 'space')}"
                f" to the right, so that it starts right under "
                f"`{other.key}:`; if not, move `{key.key}:` and the lines with it as far to "
                "the left",
            )
        if other.column <= out.column or other.column < key.column:
            return None
    return None


def _odd_one_out(lines: list[str], first: int, line: int, column: int) -> bool:
    """Whether the key on line ``first`` is the one out of line: the first
    setting under its parent, the only one at its indentation, while the settings from
    ``line`` on (at ``column``) are two or more. "   paper:" over-indented under
    "settings:" must move left, not every setting after it right."""
    above = _before(lines, first)
    if above is not None and _indent(lines[above]) >= column:
        return False  # not the first setting under its parent
    if any(_content(lines[n]) for n in range(first + 1, line)):
        return False  # more lines at its indentation, or its own value's
    same = 0
    for below in range(line, len(lines)):
        if not _content(lines[below]):
            continue
        indent = _indent(lines[below])
        if indent < column:
            break
        if indent == column and _key(lines, below) is not None:
            same += 1
    return same >= 2


def _item_among_keys(lines: list[str], problem: str, line: int) -> Slip | None:
    """A list item (`- practice`) among the `key: value` lines of a set (added at the end of
    course.yaml, under `settings:`, rather than under `modules:` where the list is)."""
    if "expected <block end>" not in problem or "'-'" not in problem:
        return None
    dash = _DASH.match(lines[line]) if 0 <= line < len(lines) else None
    if dash is None:
        return None
    at = len(dash.group("indent"))
    parent = sibling = None
    for above in range(line - 1, -1, -1):
        key = _key(lines, above)
        if key is None or key.dash:
            continue
        if key.column == at and sibling is None:
            sibling = key
        elif key.column < at:
            parent = key
            break
    if sibling is None:
        return None
    where = f" of `{parent.key}:` (line {parent.line + 1})" if parent is not None else ""
    home = None
    for above in range(line - 1, -1, -1):
        item = _DASH.match(lines[above])
        if item is not None and len(item.group("indent")) == at:
            owner = next(
                (
                    k
                    for k in (_key(lines, n) for n in range(above - 1, -1, -1))
                    if k is not None and not k.dash and k.column < at
                ),
                None,
            )
            if owner is not None and (parent is None or owner.line != parent.line):
                home = owner
                break
    hint = (
        f"move it up into the list of `{home.key}:` (line {home.line + 1}), under its other items"
        if home is not None
        else "a list item belongs under a key that holds a list: move it there, or write it "
        "as `key: value` like the lines around it"
    )
    return Slip(
        line + 1,
        at + 1,
        f"line {line + 1} is a list item ('{lines[line].strip()[:40]}'), but it stands among "
        f"the `key: value` lines{where}, such as `{sibling.key}:` on line {sibling.line + 1}",
        hint,
    )


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _after_quote(lines: list[str], problem: str, line: int) -> Slip | None:
    """Text left over after a quoted text, a '[...]' or a '{...}' on the same line."""
    if "expected <block end>, but found '<scalar>'" not in problem:
        return None
    key = _key(lines, line)
    if key is None or not key.value:
        return _block_text(lines, line)
    value = key.value
    first = value[0]
    if first == "'" and value.count("'") > 2:
        inner = value[1:-1] if value.endswith("'") and len(value) > 1 else value[1:]
        return Slip(
            line + 1,
            key.column + len(key.key) + 3,
            f"the text after `{key.key}:` is in single quotes and has an apostrophe inside, "
            "which ends the text early",
            f"use double quotes around it: {_in_quotes(key, inner).strip()}",
        )
    if first in "'\"":
        what = "a quote, so YAML reads only up to the next quote"
    elif first in "[{":
        what = f"'{first}', so YAML reads it as a list or set of settings"
    else:
        return None
    return Slip(
        line + 1,
        key.column + len(key.key) + 3,
        f"the text after `{key.key}:` starts with {what}, and the rest of the line is left over",
        f"put the whole text in quotes: {_in_quotes(key, value).strip()}",
    )


def _block_text(lines: list[str], line: int) -> Slip | None:
    """A line of a `key: |` text indented less than the text's first line."""
    for above in range(line - 1, -1, -1):
        if _BLOCK_TEXT.search(lines[above]):
            key = _key(lines, above)
            name = f"`{key.key}:`" if key else f"line {above + 1}"
            first = next((n for n in range(above + 1, line) if lines[n].strip()), None)
            spaces = _indent(lines[first]) if first is not None else 2
            return Slip(
                line + 1,
                _indent(lines[line]) + 1,
                f"line {line + 1} is indented less than the lines above it of the text of "
                f"{name} (line {above + 1})",
                f"indent every line of that text by the same {spaces} spaces",
            )
        if _content(lines[above]) and _indent(lines[above]) < _indent(lines[line]):
            break
    return None


def _star_item(lines: list[str], context: str, started: int) -> Slip | None:
    """A list item started with '*', as Markdown's are: YAML reads '*' as the start of an
    alias (a reference to a value named elsewhere) and stops at the space after it."""
    if context != "while scanning an alias" or started >= len(lines):
        return None
    found = _STAR_ITEM.match(lines[started])
    if found is None:
        return None
    return Slip(
        started + 1,
        found.end("indent") + 1,
        f"line {started + 1} starts with '*', which is not YAML's '-': YAML reads '*' as "
        "a reference to a value named elsewhere, not as the start of a list item",
        f"retype the '*' as a hyphen (-): - {found['text'].strip()}",
    )


def _reserved(
    lines: list[str], problem: str, context: str, line: int, column: int, started: int
) -> Slip | None:
    """A text starting with a character YAML keeps for itself: '@', '`', '*', '&', '|'..."""
    if "cannot start any token" in problem:
        where = line
    elif context in ("while scanning an alias", "while scanning an anchor"):
        where = started
    elif context == "while scanning a block scalar" or "mapping keys are not allowed" in problem:
        where = line if "mapping keys" in problem else started
    else:
        return None
    key = _key(lines, where)
    if key is None or not key.value or key.value[0] not in _RESERVED:
        return None
    return Slip(
        where + 1,
        key.column + len(key.key) + 3,
        f"the text after `{key.key}:` starts with {_RESERVED[key.value[0]]}, which YAML "
        "keeps for itself",
        f"put the text in quotes: {_in_quotes(key, key.value).strip()}",
    )


def _quote_never_closed(lines: list[str], error: yaml.MarkedYAMLError) -> Slip | None:
    """A quote opened and never closed, however far down PyYAML noticed it."""
    context = error.context or ""
    problem = error.problem or ""
    if context == "while scanning a quoted scalar" and error.context_mark is not None:
        opened = error.context_mark.line
        quote = lines[opened][error.context_mark.column : error.context_mark.column + 1]
        return _unclosed(lines, opened, quote or '"')
    escape = "unknown escape character" in problem or "expected escape sequence" in problem
    if escape and error.problem_mark is not None:
        line = error.problem_mark.line
        key = _key(lines, line)
        fix = ""
        if key is not None and key.value.startswith('"') and key.value.endswith('"'):
            inner = key.value[1:-1].replace("'", "''")
            fix = f", or single quotes instead: {key.indent}{key.dash}{key.key}: '{inner}'"
        # the backslash and its letter ("\\T", or "\\U" of "C:\\Users", which YAML reads as
        # the start of a character's number)
        text = lines[line] if line < len(lines) else ""
        at = text.rfind("\\", 0, error.problem_mark.column + 1)
        said = text[at : at + 2] if at >= 0 else f"\\{problem[-2:-1]}"
        return Slip(
            line + 1,
            at + 1 if at >= 0 else error.problem_mark.column,
            "inside double quotes a backslash (\\) starts a special character, and "
            f"'{said}' here is not one",
            f"write two backslashes (\\\\) for one{fix}",
        )
    # a quote that ran on into the following lines, until another quote closed it
    limit = error.problem_mark.line if error.problem_mark else len(lines)
    for number in range(min(limit, len(lines))):
        key = _key(lines, number)
        item = _ITEM.match(lines[number]) if key is None else None  # '- "text' too
        value = key.value if key else item.group("text").rstrip(" \t") if item else ""
        if not value or value[0] not in "'\"" or _closes(value):
            continue
        # a key or an item read as part of the text: the quote still open on the line
        # before it (a text in quotes may go on over lines, closed on a later one)
        for n in range(number + 1, min(limit + 1, len(lines))):
            if _closes(value[0] + " ".join(lines[number + 1 : n])):
                break
            if _key(lines, n) or _ITEM.match(lines[n]):
                return _unclosed(lines, number, value[0])
    return None


def _closes(value: str) -> bool:
    """Whether a quoted text that starts ``value`` ends on the same line."""
    quote, rest = value[0], value[1:]
    if quote == "'":
        return bool(re.search(r"(?<!')'(?:'')*(?!')", rest.replace("''", "")))
    return bool(re.search(r'(?<!\\)(?:\\\\)*"', rest))


def _unclosed(lines: list[str], line: int, quote: str) -> Slip:
    key = _key(lines, line)
    name = f" after `{key.key}:`" if key else ""
    column = (lines[line].find(quote) + 1) if 0 <= line < len(lines) else 1
    return Slip(
        line + 1,
        max(column, 1),
        f"the quote ({quote}){name} on line {line + 1} is never closed",
        f"add a closing {quote} at the end of the text on line {line + 1}",
    )


_ITEM = re.compile(r"^(?P<lead>[ ]*(?:-[ ]+)+)(?P<text>\S.*)$")


def _unquoted(text: str) -> Iterator[tuple[int, str]]:
    """Each character of a line outside quotes, with its position (the quotes left out)."""
    quote = ""
    for i, char in enumerate(text):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        else:
            yield i, char


def _without_comment(text: str) -> str:
    """``text`` without a ``# comment`` after it (a '#' after a space, outside quotes)."""
    for i, char in _unquoted(text):
        if char == "#" and i and text[i - 1] in " \t":
            return text[:i]
    return text


def _last_open(lines: list[str], line: int, column: int) -> tuple[int, int, str] | None:
    """The last '[' or '{' not closed before ``line``:``column`` (0-based), outside quotes
    and comments: (its line, its column, the bracket)."""
    opened: list[tuple[int, int, str]] = []
    for number, text in enumerate(lines[: line + 1]):
        for n, char in _unquoted(_without_comment(text if number < line else text[:column])):
            if char in "[{":
                opened.append((number, n, char))
            elif char in "]}" and opened:
                opened.pop()
    return opened[-1] if opened else None


def _item_start(lines: list[str], line: int) -> Slip | None:
    """A list item whose text starts with a character YAML keeps for itself ("- **Always**
    ...": bold in Markdown, a reference in YAML), or with '[' or '{' and more after the
    bracket closes ("- [Optional] assume ...")."""
    if not 0 <= line < len(lines):
        return None
    found = _ITEM.match(lines[line])
    if found is None:
        return None
    text = _without_comment(found.group("text")).rstrip()
    first = text[0]
    if first in _RESERVED:
        what = f"{_RESERVED[first]}, which YAML keeps for itself"
    elif first in "[{" and not text.endswith("]}"[first == "{"]):
        what = f"'{first}', so YAML reads it as a list or set of settings"
    elif first in "'\"" and not text.endswith(first):
        what = "a quote, so YAML reads only up to the next quote"
    else:
        return None
    return Slip(
        line + 1,
        len(found.group("lead")) + 1,
        f"this list item starts with {what}",
        f"put the item's text in quotes: {found.group('lead').lstrip()}{quoted(text)}",
    )


def _other(
    lines: list[str], problem: str, context: str, error: yaml.MarkedYAMLError
) -> Slip | None:
    """Text without a `key:`, an unclosed '[' or '{', a second '---'."""
    at = error.context_mark
    if "could not find expected ':'" in problem and at is not None:
        line = at.line
        left = text_left(lines, line)
        if left is not None:
            return left
        above = _before(lines, line)
        parent = _key(lines, above) if above is not None else None
        hint = "write it as `name: text`, or start it with '- ' if it is an item of a list"
        if parent is not None and not parent.value and parent.column >= _indent(lines[line]):
            hint = (
                f"if it is the text of `{parent.key}:` (line {above + 1}), indent it further "
                f"than `{parent.key}:`, or put it on line {above + 1} after the colon"
            )
        elif parent is not None and parent.value:
            hint = (
                f"if it continues the text of `{parent.key}:` (line {above + 1}), indent it "
                f"further than `{parent.key}:`; otherwise write it as `name: text`"
            )
        return Slip(
            line + 1,
            at.column + 1,
            f"line {line + 1} has text but no `name:` before it, so YAML cannot tell what it "
            "belongs to",
            hint,
        )
    if context.startswith("while parsing a flow") and at is not None:
        line, column = at.line, at.column
        bracket = lines[line][column : column + 1] if line < len(lines) else ""
        if bracket not in ("[", "{"):  # the mark is past it (the file's end): the last open
            line, column, bracket = _last_open(lines, line, column) or (line, column, "[")
        closing = {"[": "]", "{": "}"}.get(bracket, "]")
        return Slip(
            line + 1,
            column + 1,
            f"the '{bracket}' on line {line + 1} starts a list that is never closed "
            f"with '{closing}'",
            f"close it with '{closing}', or put the whole text in quotes if it is a text",
        )
    if "expected a single document" in context and error.problem_mark is not None:
        return Slip(
            error.problem_mark.line + 1,
            1,
            "a line of three dashes (---) ends the settings here, but more follow",
            "remove the '---' line, or the lines after it",
        )
    if "found ':'" in problem and error.problem_mark is not None:
        return Slip(
            error.problem_mark.line + 1,
            error.problem_mark.column + 1,
            "this line starts with a colon: the setting's name is missing",
            "write the name before the colon, e.g. `title: ...`",
        )
    return None


@lru_cache(maxsize=1)
def _setting_names() -> frozenset[str]:
    """The name of every setting a course's files may hold (each model's fields)."""
    from pydantic import BaseModel

    from . import model, theme  # noqa: F401  (their classes, when a file is read alone)

    names: set[str] = set()
    classes: list[type[BaseModel]] = [BaseModel]
    while classes:
        for sub in classes.pop().__subclasses__():
            classes.append(sub)
            if sub.__module__.startswith("materials_gen."):
                names.update(sub.model_fields)
    return frozenset(names - {"root"})


def text_left(lines: list[str], line: int) -> Slip | None:
    """A line of a text written over several lines (`notes: |`, `summary: >-`, or a plain
    text carried on) that lost its indentation, as a paste often does: YAML ends the text
    above it and reads the line as a setting of its own. The line is indented no further
    than the text's `key:`, and the lines between them are the text's, indented further."""
    found = _text_left(lines, line)
    return found[0] if found is not None else None


def _text_left(lines: list[str], line: int) -> tuple[Slip, _Key] | None:
    """:func:`text_left`'s slip, and the `key:` of the text the line lost."""
    if not 0 <= line < len(lines):
        return None
    indent = _indent(lines[line])
    inside = None  # the least indentation of the text's lines above
    keys = False  # whether one of them looks like a `key:` (only in a `|` or `>` text)
    shallowest = line  # a line of the text indented by ``inside``
    for above in range(line - 1, -1, -1):
        text = lines[above]
        if not text.strip():
            continue
        spaces = _indent(text)
        if inside is None or spaces < inside:
            key = _key(lines, above)
            if inside is not None and key is not None and key.column < inside:
                if key.column < indent:
                    return None  # the line is indented further than the key: not this slip
                block = _BLOCK_TEXT.search(text) is not None
                if not block and (not key.value or keys or key.value[0] in "'\"[{"):
                    return None
                indent_it = (
                    f"indent it like the lines above it, by {plural(inside, 'space')} (as on "
                    f"line {shallowest + 1})"
                )
                named = _NAME_FIRST.match(lines[line].rstrip())
                if (
                    named is not None
                    and indent == key.column
                    and named["rest"][:1] in ("", " ")
                    and named["name"] in _setting_names()  # (last: it loads the models)
                ):  # "duration 10" under a text: a setting without its colon, more likely
                    name, rest = named["name"], _without_comment(named["rest"]).strip()
                    fixed = f"{named['lead'].lstrip()}{name}:{' ' + rest if rest else ''}"
                    return Slip(
                        line + 1,
                        indent + len(name) + 1,
                        f"line {line + 1} has no colon after `{name}`, so YAML cannot read it "
                        "as a setting",
                        f"put a colon after the name: `{fixed}`; or, if the line is more of "
                        f"the text of `{key.key}:` (line {above + 1}), {indent_it}",
                    ), key
                return Slip(
                    line + 1,
                    indent + 1,
                    f"line {line + 1} seems to continue the text of `{key.key}:` (line "
                    f"{above + 1}), but is indented less than the lines of that text above it",
                    indent_it,
                ), key
            if spaces <= indent:
                return None
            inside, shallowest = spaces, above
        keys = keys or _key(lines, above) is not None
    return None


def folded_item(node: yaml.Node, lines: list[str], offset: int = 0) -> Slip | None:
    """A plain text that swallowed a list item indented too far: "- a" then "   - b".

    YAML reads a line indented further than the text above it as more of that text, so the
    item silently becomes part of the one above ("a - b") or of a `key: text`. Nobody means
    that; say which `-` to move.
    """
    if not isinstance(node, yaml.ScalarNode) or node.style is not None:
        return None
    first, last = node.start_mark.line + offset, node.end_mark.line + offset
    for number in range(first + 1, min(last + 1, len(lines))):
        dash = _DASH.match(lines[number].replace("\t", " "))
        if dash is None:
            continue
        owner = lines[first]
        item = _DASH.match(owner)
        if item is not None and len(item.group("indent")) < len(dash.group("indent")):
            return _item_further(number, dash, first, item)
        missing = _dash_without_space(lines, {first})
        if missing is not None:
            return missing
        key = _key(lines, first)
        above = _before(lines, first)
        if key is None and above is not None:  # the text under its `key:` ("takeaway:")
            owner = _key(lines, above)
            if owner is not None and not owner.value and owner.column < _indent(lines[first]):
                key = owner  # the text starts on the line after the key
        if key is None:  # a text on its own line, not a `key:`
            previous = _before(lines, number)
            shown = previous + 1 if previous is not None else first + 1
            return Slip(
                number + 1,
                len(dash.group("indent")) + 1,
                f"line {number + 1} starts a list item, but the line above it (line "
                f"{shown}) is text, not an item of a list, so YAML reads the item as more "
                "of that text",
                f"start line {shown} with '- ' if it is an item of the list too",
            )
        name = f"`{key.key}:`"
        hint = f"a setting holds one text or a list: remove the text after {name}, or the '-'"
        if not key.value:  # its text on the lines below it: they may be meant as items
            hint = (
                f"a setting holds one text or a list: if line {first + 1} is an item of "
                f"the list too, start it with '- '; if line {number + 1} continues the "
                "text, remove its '-'"
            )
        return Slip(
            number + 1,
            len(dash.group("indent")) + 1,
            f"line {number + 1} starts a list item, but {name} already has a text on line "
            f"{first + 1}, so YAML reads the item as more of that text",
            hint,
        )
    return None


_HASH = re.compile(r"^ #\S")


def cut_at_hash(node: yaml.Node, lines: list[str], offset: int = 0) -> Slip | None:
    """A text cut short at " #", which YAML reads as the start of a comment: "Room #4".

    A comment a trainer means is usually set off by two spaces ("duration: 10  # minutes");
    one space and a word right after the '#' is how "Room #4" or "Step #2" is typed.
    """
    if not isinstance(node, yaml.ScalarNode) or node.style is not None:
        return None
    line = node.end_mark.line + offset
    if not 0 <= line < len(lines):
        return None
    rest = lines[line][node.end_mark.column :]
    if not _HASH.match(rest):
        return None
    whole = f"{node.value}{rest}".strip()
    key = _key(lines, line)
    if key is not None:
        fix = _in_quotes(key, whole).strip()
    else:  # a list item, or a text's last line
        dashes = re.match(r"[ ]*((?:-[ ]+)*)", lines[line])
        fix = f"{dashes.group(1) if dashes else ''}{quoted(whole)}"
    return Slip(
        line + 1,
        node.end_mark.column + 2,
        f"the words after '#' on line {line + 1} are left out: YAML reads ' #' as the start "
        "of a comment",
        f"put the text in quotes to keep them: {fix}",
    )
