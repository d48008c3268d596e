"""Text pasted from Word (or a web page, or an e-mail): the invisible characters it brings.

A trainer who copies a paragraph from a Word document brings along characters no editor
shows: a manual line break (Shift+Enter) is U+000B, a tab lines up columns, a zero-width
space (U+200B) or word joiner (U+2060) marks where a word may break, a soft hyphen (U+00AD)
where it may be hyphenated. Left alone they glue words together ("exports them.A manual"),
open wide gaps on slides or print as gaps in a handout.

Every text is tidied here once, when it is loaded, so that every output sees the same text:

- a manual line break (U+000B, and the other characters Unicode and Word use for one:
  U+000C, U+0085, U+2028, U+2029) becomes :data:`LINE_BREAK`, which ``document.py`` turns
  into a line break on slides, handouts and posters, wherever the text ends up (a bullet, a
  table cell, a heading; a Markdown hard break could not live in a table cell);
- a tab becomes one space (with the spaces around it), except in the indentation at the start
  of a line, which gives YAML and Markdown their structure;
- a format character (Unicode category Cf: zero-width space, word joiner, soft hyphen, a
  byte-order mark inside the text...) is removed, unless the text's script needs it: the
  zero-width joiner and non-joiner between letters of scripts that join them (Arabic, the
  Indic scripts...) or inside an emoji sequence, right-to-left marks in right-to-left text, and
  the few format characters that are drawn (the Arabic number signs);
- any other control character (category Cc) is removed and reported, since nothing can show
  it and it rarely comes from anywhere a trainer meant it to.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# The character that stands for a manual line break in loaded text: Unicode's LINE SEPARATOR.
LINE_BREAK = "\u2028"

# What Word, Unicode and old systems write for a line break inside a paragraph.
BREAKS = frozenset("\x0b\x0c\x85\u2028\u2029")

_ZERO_WIDTH_JOINERS = frozenset("\u200c\u200d")
# Bidirectional marks, embeddings and isolates: meaningful only beside right-to-left text.
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Format characters that are drawn (prepended concatenation marks), so never removed.
_DRAWN = frozenset("\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2")
_DRAWN |= frozenset("\U000110bd\U000110cd")
# Scripts whose letters never join, so a joiner between them is noise from a paste.
_NON_JOINING = ("LATIN", "GREEK", "CYRILLIC", "CJK", "HIRAGANA", "KATAKANA", "HANGUL")
_TAGS = range(0xE0020, 0xE0080)  # the tail of a flag emoji such as England's
_BLACK_FLAG = "\U0001f3f4"

# The marks Word, Outlook and web pages paste before a list's items as text: round, square
# and arrow bullets; and, only before a tab (as Word pastes a list's mark, where a dash or
# an arrow starting a sentence has a space), dashes, ticks, arrows and diamonds, and the
# "o" and "§" Word's second and third levels become when their Symbol and Wingdings
# glyphs are pasted as plain letters.
_BULLET_MARKS = "·•◦▪▫‣⁃●○■□➢►▶∙"
_TAB_MARKS = "o§–—✓✔✗✘☐☑→➔➜➤⇒❖◆◇♦"
# (after the mark, a tab as Word pastes it, or no-break spaces as Outlook, Gmail and web
# pages do: "•\u00a0Text", Outlook's second level "o\u00a0\u00a0Text")
_NO_BREAK_SPACES = "\u00a0\u2007\u202f"
_WORD_BULLET = re.compile(
    rf"^(?P<indent>[ \t]*)(?:[{_BULLET_MARKS}][ \t{_NO_BREAK_SPACES}]+"
    rf"|[{_TAB_MARKS}][\t{_NO_BREAK_SPACES}][ \t{_NO_BREAK_SPACES}]*)(?=\S)"
)


def word_bullet(line: str) -> str:
    """A line of a Markdown body that starts with a pasted bullet ("•<tab>Text"), as the
    Markdown list item it stands for ("- Text"); each tab of its indentation one level in
    (two spaces: the nested list of the item above). Any other line as it is."""
    found = _WORD_BULLET.match(line)
    if found is None:
        return line
    indent = found.group("indent").replace("\t", "  ")
    return f"{indent}- {line[found.end() :]}"


# A list item's first line: a Markdown bullet or number ("- ", "1. ", "2) ") or one as
# Word pastes it (a number in brackets, "(3)<tab>")
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)]|\(\d{1,3}\))[ \t]+\S")


def list_item(line: str) -> bool:
    """Whether a line of a Markdown body starts a list item: a Markdown bullet or number,
    or a bullet mark pasted from Word ("•<tab>Text"). Word pastes each paragraph as one
    line, and a trainer writes one so: the line after such items that is none of them and
    is not indented under them is a paragraph of its own (Markdown would make it more of
    the last item's text). Lettered items are known by their run (see _lettered_breaks)."""
    return bool(_LIST_ITEM.match(line) or _WORD_BULLET.match(line))


def ends_list(after_item: bool, line: str, is_item: bool) -> bool:
    """Whether ``line``, right after a list item's line (``after_item``), is a paragraph of
    its own: no item itself, and not indented under the item (see :func:`list_item`)."""
    return after_item and not is_item and line[:1] not in ("", " ", "\t")


def pasted_lists(text: str) -> str:
    """Markdown written in a YAML text (speaker notes, an activity's instructions, a content
    note, a card), read as a module's body is (see :class:`ListLines`): a bullet pasted
    from Word ("•<tab>Text", "<tab>o<tab>Text" a level in) a list item; a lettered, roman
    or bracketed item ("a)", "iv.", "(2)") on a line of its own; and the line after a list
    item's line that is not indented under it a paragraph of its own."""
    raw = text.split("\n")
    read = ListLines.of(raw)
    out: list[str] = []
    for n, line in enumerate(raw):
        if read.new_paragraph(n):
            out.append("")
        elif read.breaks_before(n) and out and not out[-1].rstrip().endswith("\\"):
            out[-1] = out[-1].rstrip() + "\\"  # a Markdown line break
        out.append(word_bullet(line))
    return "\n".join(out)


@dataclass(frozen=True)
class ListLines:
    """How the lines of Markdown a trainer pasted from Word read: which are list items
    (Markdown's, Word's bullets, lettered and numbered runs Markdown has no list for),
    which start a paragraph of their own, and which go on a line of their own in the
    paragraph above. A module's body and the YAML texts of Markdown read them alike."""

    lines: list[str]
    broken: frozenset[int]  # lines to start on a line of their own (see _lettered_breaks)
    lettered: frozenset[int]  # the lines of lettered and numbered runs

    @classmethod
    def of(cls, lines: list[str]) -> ListLines:
        broken = _lettered_breaks(lines)
        return cls(lines, frozenset(broken), frozenset(_lettered_items(lines, broken)))

    def item(self, n: int) -> bool:
        return n in self.lettered or list_item(self.lines[n])

    def new_paragraph(self, n: int) -> bool:
        """Whether line ``n`` starts a paragraph of its own: after a list item's line and
        not indented under it (see ends_list), or a lettered list right after a bulleted
        one (a list of its own, not more of the last bullet's text)."""
        if n == 0:
            return False
        line = self.lines[n]
        after_bullets = n in self.lettered and list_item(self.lines[n - 1]) and not list_item(line)
        return after_bullets or ends_list(self.item(n - 1), line, self.item(n))

    def breaks_before(self, n: int) -> bool:
        """Whether line ``n`` goes on a line of its own in the paragraph above."""
        return n in self.broken and not self.new_paragraph(n)


def _lettered_items(lines: list[str], broken: set[int]) -> set[int]:
    """The lines that are items of the lettered, roman or numbered runs ``broken`` (see
    :func:`_lettered_breaks`) breaks: those it names, and the first item of each run."""
    firsts = {n - 1 for n in broken if n - 1 not in broken}
    return broken | {
        n for n in firsts if n >= 0 and (_LETTERED.match(lines[n]) or _NUMBERED.match(lines[n]))
    }


# A lettered or roman item pasted from Word ("a.<tab>Text", "(b) Text", "iv) Text"), or
# one numbered by its level ("1.1 Text"), which
# Markdown has no list for: lines of them run together into one line of a paragraph.
_LETTERED = re.compile(
    r"^[ \t]*(?:\((?:[a-zA-Z]|[ivxIVX]{2,4}|\d{1,3})\)|(?:[a-zA-Z]|[ivxIVX]{2,4})[.)]"
    r"|\d{1,3}(?:\.\d{1,3})+\.?)[ \t]+\S"  # or numbered by level: "1.1 Text", "2.3.1. Text"
)
# A numbered item ("3. Text", "4) Text"): Markdown's own list, but one whose first number is
# not 1 cannot start right under a sentence, and its lines ran on in the sentence's paragraph
_NUMBERED = re.compile(r"^[ \t]*(\d{1,9})[.)][ \t]+\S")
# a line whose end cannot take a line break: a heading, a fence, a table row, a rule
_NO_BREAK_AFTER = re.compile(r"^[ \t]*(?:#|:::|```|~~~|\||-{3,}[ \t]*$|={3,}[ \t]*$)")


def _column(line: str) -> int:
    """The column a line's text starts at, a tab taken to Markdown's next stop of four."""
    wide = line.expandtabs(4)
    return len(wide) - len(wide.lstrip(" "))


# A list item's mark and the spaces after it, once Word's bullets are Markdown's
_ITEM_MARK = re.compile(r"^ *(?:[-*+]|\d{1,9}[.)]|\(\d{1,3}\))( +)")


def _text_column(item: str) -> int:
    """The column a list item's text starts at: a line indented to it is under the item."""
    found = _ITEM_MARK.match(word_bullet(item).expandtabs(4))
    if found is None:
        return _column(item) + 2
    spaces = len(found.group(1))
    return found.start(1) + (spaces if spaces <= 4 else 1)


def _runs_on(lines: list[str], n: int) -> bool:
    """Whether line ``n``, a numbered item, is read as more of the paragraph above it:
    Markdown starts no list inside a paragraph with a number other than 1, so a numbered
    line in the same place as the paragraph (under the same item, or at the margin under a
    sentence) runs on in it. A numbered line not under the item above is that list going
    on, or a list of its own after it, which Markdown reads as one (a line break would
    print); an indented paragraph after a blank line is only read under the list item it
    is indented to (otherwise it may be code)."""
    column = _column(lines[n])
    at = n - 1
    while at >= 0 and lines[at].strip():
        line = lines[at]
        if list_item(line):
            if column >= _text_column(line):
                return True  # under the item: more of its text
            # the paragraph after the item's line that is not indented under it (see
            # ends_list); right under the item, its list going on
            return at < n - 1 and lines[at + 1][:1] not in (" ", "\t")
        at -= 1
    indent = _column(lines[at + 1])
    if indent == 0:
        return True
    above = next(
        (line for line in reversed(lines[: max(at, 0)]) if line.strip() and _column(line) < indent),
        None,
    )
    if above is None or not list_item(above):
        return False
    start = _text_column(above)
    return start <= indent < start + 4 and column >= start


def _lettered_breaks(lines: list[str]) -> set[int]:
    """The lines (by index) of a Markdown body that start an item of a lettered or roman
    list ("a.", "(b)", "iv)"; two or more such lines one after the other) and follow a line
    of the same paragraph: each is to start on a line of its own, as the trainer saw it
    in Word, its letter kept (a line break is put at the end of the line before)."""
    items = [bool(_LETTERED.match(line)) for line in lines]
    found: set[int] = set()
    for n, is_item in enumerate(items):
        if not is_item or n == 0:
            continue
        run = items[n - 1] or (n + 1 < len(items) and items[n + 1])
        before = lines[n - 1]
        if run and before.strip() and not _NO_BREAK_AFTER.match(before):
            found.add(n)
    # a numbered list starting after 1 right under a sentence ("Continue with:" then
    # "3. Third" and "4. Fourth") or under a list item's text (a sub-list "3." and "4."
    # indented under "2."): each item on a line of its own, its number as typed
    n = 1
    while n < len(lines):
        first = _NUMBERED.match(lines[n])
        before = lines[n - 1]
        if first is None or not before.strip():
            n += 1
            continue
        column = _column(lines[n])
        run = n
        while run < len(lines) and _NUMBERED.match(lines[run]) and _column(lines[run]) == column:
            run += 1
        if (
            first.group(1) != "1"
            and run - n >= 2
            and not _NO_BREAK_AFTER.match(before)
            and _runs_on(lines, n)
        ):
            found.update(range(n, run))
        n = run
    return found


# A number Word pastes before a numbered list's item, known by its tab: "1.<tab>", "(3)<tab>"
_NUMBER_TAB = r"(?:\d{1,3}[.)]|\(\d{1,3}\))\t[ \t]*(?=\S)"
_WORD_NUMBER = re.compile(_NUMBER_TAB)
# A list entry ("- ") whose text starts with a bullet or number pasted with it, known by the
# tab Word puts after it: the entry's own dash draws the list's mark
_PASTED_AFTER_DASH = re.compile(
    rf"(-[ ]+)(?:[{_BULLET_MARKS}{_TAB_MARKS}][\t{_NO_BREAK_SPACES}][ \t{_NO_BREAK_SPACES}]*"
    rf"(?=\S)|{_NUMBER_TAB})"
)


def without_bullet(text: str) -> str:
    """A list entry's text without a bullet or number pasted before it ("• Text",
    "–<tab>Text", "1.<tab>Text": the list draws its own), whatever marks the entry."""
    found = _WORD_BULLET.match(text) or _WORD_NUMBER.match(text)
    if found is None or found.groupdict().get("indent"):
        return text
    return text[found.end() :]


# A run of blanks: one holding a tab is a space (not at the start of a line: see
# tidy_line). Each run is found once and looked into, in time that grows with the text
# (a pattern "[ ]*\t" tried at every space of a long run of them took minutes).
_BLANKS = re.compile(r"[ \t]+")


def runs_as_space(text: str, mark: str, runs: re.Pattern[str] = _BLANKS) -> str:
    """``text`` with each run (of blanks, or of ``runs``) that holds ``mark`` made one
    space; each run found once and looked into, in time that grows with the text."""
    if mark not in text:
        return text
    return runs.sub(lambda run: " " if mark in run.group() else run.group(), text)


def _tabs_as_spaces(text: str) -> str:
    """``text`` with each run of blanks that holds a tab made one space."""
    return runs_as_space(text, "\t")


def _around_breaks(text: str) -> str:
    """``text`` without the blanks around its line breaks: the break is the separator, so
    they would only indent a line."""
    parts = text.split(LINE_BREAK)
    last = len(parts) - 1
    return LINE_BREAK.join(
        part.rstrip(" \t") if n == 0 else part.lstrip(" \t") if n == last else part.strip(" \t")
        for n, part in enumerate(parts)
    )


@dataclass(frozen=True)
class Removed:
    """A control character that was removed, and where in the text it was (0-based); with
    every other one removed from the same text after it (``others``)."""

    char: str
    index: int
    others: tuple[str, ...] = ()

    @property
    def said(self) -> str:
        """What was removed, as a warning says it: each character once, by its code."""
        every = [self.char, *self.others]
        codes = list(dict.fromkeys(f"U+{ord(ch):04X}" for ch in every))
        if len(every) == 1:
            return f"removed invisible control character {codes[0]}"
        listed = ", ".join(codes[:6]) + (", ..." if len(codes) > 6 else "")
        return f"removed {len(every):,} invisible control characters ({listed})"


# A list's mark followed by no-break spaces (what a web page or Google Docs pastes): read
# as a paragraph by Markdown, every item ran into one line
_NO_BREAK_MARK = re.compile(
    "([-*+]|\\d{1,9}[.)]|\\(\\d{1,3}\\)|[a-zA-Z][.)]|\\([a-zA-Z]\\)|[ivxIVX]{2,4}[.)])"
    "[\u00a0\u2007\u202f]+[ \t]*(?=\\S)"
)


def tidy_line(line: str) -> tuple[str, Removed | None]:
    """One line of a text file, tidied; the first control character removed, if any.

    The line's indentation keeps its tabs: in YAML a tab there is a mistake the trainer is
    told about (the loader names the line), in Markdown it is structure.
    """
    body = line.lstrip(" \t")
    indent = line[: len(line) - len(body)]
    if body[1:2] == "\t" and body[:1] in _TAB_MARKS:  # marks read as bullets by their tab
        indent, body = indent + body[:2], body[2:]  # (see word_bullet): kept as they are
    elif pasted := _PASTED_AFTER_DASH.match(body):  # "- –<tab>Text", "- 1.<tab>Text": the
        body = pasted.group(1) + body[pasted.end() :]  # list's own dash is its mark
    elif spaced := _NO_BREAK_MARK.match(body):  # "1.\u00a0Text" from a web page or Google
        body = spaced.group(1) + " " + body[spaced.end() :]  # Docs: a list item, as typed
    text, removed = _tidy(body)
    if removed is not None:
        removed = Removed(removed.char, removed.index + len(indent), removed.others)
    return indent + _tabs_as_spaces(text), removed


def tidy_value(value: str) -> tuple[str, Removed | None]:
    """A text value (a YAML string, wherever it came from), tidied whole.

    A value has no indentation of its own, so every tab is a space; a line break at its
    start or end, and blanks around one inside it, say nothing and are dropped.
    """
    text, removed = _tidy(value)
    text = _tabs_as_spaces(text)
    if LINE_BREAK in text:
        text = _around_breaks(text).strip(LINE_BREAK)
    return text, removed


def _tidy(text: str) -> tuple[str, Removed | None]:
    if text.isprintable():  # no control, format or line-breaking character: nothing to do
        return text, None
    out: list[str] = []
    removed: Removed | None = None
    others: list[str] = []  # each control character removed after the first
    rtl = any(unicodedata.bidirectional(ch) in ("R", "AL") and ch not in _BIDI for ch in text)
    for index, ch in enumerate(text):
        if ch in BREAKS:
            out.append(LINE_BREAK)
            continue
        kind = unicodedata.category(ch)
        if kind == "Cc" and ch not in "\t\n":
            if removed is None:
                removed = Removed(ch, index)
            else:
                others.append(ch)
            continue
        if kind == "Cf" and not _needed(text, index, rtl):
            continue
        out.append(ch)
    if removed is not None and others:
        removed = Removed(removed.char, removed.index, tuple(others))
    return "".join(out), removed


def _needed(text: str, index: int, rtl: bool) -> bool:
    """Whether the format character at ``index`` does something the text's script needs."""
    ch = text[index]
    if ch in _DRAWN:
        return True
    if ch in _BIDI:
        return rtl
    before = text[index - 1] if index else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    if ord(ch) in _TAGS:
        return before == _BLACK_FLAG or (bool(before) and ord(before) in _TAGS)
    if ch in _ZERO_WIDTH_JOINERS:
        if _emoji(before) and _emoji(after):
            return True  # e.g. woman + ZWJ + laptop is one picture
        return _joins(before) and _joins(after)
    return False


def _emoji(ch: str) -> bool:
    return bool(ch) and (
        unicodedata.category(ch) == "So" or ch == "\ufe0f" or 0x1F3FB <= ord(ch) <= 0x1F3FF
    )


def _joins(ch: str) -> bool:
    """A letter or mark of a script in which joiners change how letters are drawn."""
    if not ch or ch.isascii() or unicodedata.category(ch)[0] not in "LM":
        return False
    return not unicodedata.name(ch, "").startswith(_NON_JOINING)


# characters in a run of text with no space in it (a word, a web address shown as text):
# laying one out takes time growing with the square of its length (a 400,000-character
# one took minutes and gigabytes); a link's address behind its words is not laid out
MAX_UNBROKEN = 1000
# Scripts written without spaces, whose lines break between their letters (Chinese,
# Japanese) or between words found by ICU (Thai, Lao, Khmer, Myanmar): their letters end a
# run as a space does, up to MAX_SPACELESS characters without a space (a Thai paragraph of
# 50,000 took 16 s to lay out, 10,000 well under a second).
MAX_SPACELESS = 10_000
_BREAKS_INSIDE = (
    "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u2e80-\u2fdf\u3000-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003134f"
)
# a word longer than a line may hold: the words a text's check looks at, found by the
# expression's own scan (tried only where a word starts, so linear in the text's length)
_LONG_WORD = re.compile(rf"(?<!\S)\S{{{MAX_UNBROKEN + 1},}}")
_RUN = re.compile(rf"[^{_BREAKS_INSIDE}]+")  # the letters of a word that break only at spaces


def _shown_of(word: str) -> str:
    """A word as laid out: a Markdown link's address, ``](...)``, left out (its words stay).
    One pass (a regular expression retried at each '](' took time growing with the square
    of a word holding many)."""
    kept, start = [], 0
    while (opening := word.find("](", start)) >= 0:
        closing = word.find(")", opening + 2)
        if closing < 0:
            break
        kept.append(word[start : opening + 1])
        start = closing + 1
    kept.append(word[start:])
    return "".join(kept)


_DEFINES_LINK = re.compile(r"[ ]{0,3}\[[^\]\n]{1,999}\]:[ \t]*")


def unbroken_problem(text: str) -> tuple[int, str, str] | None:
    """The line (0 for the first) of ``text``'s first run of more than MAX_UNBROKEN
    characters with no space in it (or MAX_SPACELESS, of scripts written without spaces), a
    message and a hint; None when there is none. Linear in the text's length."""
    if len(text) <= MAX_UNBROKEN:
        return None
    for found in _LONG_WORD.finditer(text):
        word = found.group(0)
        line_start = text.rfind("\n", 0, found.start()) + 1
        if _DEFINES_LINK.fullmatch(text, line_start, found.start()):
            continue  # a reference's address ("[image1]: <data:...>"): never laid out
        shown = _shown_of(word)
        longest = max((len(run) for run in _RUN.findall(shown)), default=0)
        if longest <= MAX_UNBROKEN and len(shown) <= MAX_SPACELESS:
            continue
        limit = MAX_UNBROKEN if longest > MAX_UNBROKEN else MAX_SPACELESS
        length = longest if longest > MAX_UNBROKEN else len(shown)
        start = "".join(c if c.isprintable() else "?" for c in shown[:20])
        return (
            text.count("\n", 0, found.start()),
            f"a run of {length:,} characters with no space in it ('{start}\u2026'); a text "
            f"may hold runs of at most {limit:,}",
            "break it with spaces; a long web address can stand behind words, as "
            "[the policy](https://...)"
            if limit == MAX_UNBROKEN
            else "split it into paragraphs, with a blank line between them",
        )
    return None


# A paragraph's words and characters: ReportLab lays out what is left of a paragraph again
# on each page it runs onto, so the time grows with its pages times its length (5,000
# words of 350-letter words, 1.75 MB in 337 pages, took eight minutes; 50,000 characters
# of any script take a second or two). A trainer's paragraph has a few hundred characters.
MAX_PARAGRAPH_WORDS = 5000
MAX_PARAGRAPH_CHARS = 50_000
# a line that starts a text of its own though no blank line comes before it: a list item,
# a heading, a table row, a quote (document.py counts parts and marks by it too)
STARTS_PART = re.compile(r"^[ \t]*(?:[-*+][ \t]|\d{1,9}[.)][ \t]|\||#{1,6}[ \t]|>)")
# a line that stands between paragraphs as a blank one does: a rule, front matter's
# '---', a fence (':::', '```')
_BETWEEN_PARTS = re.compile(r"^[ \t]*(?:-{3,}|:{3,}|`{3,}|~{3,})")


def paragraph_problems(text: str, scale: int = 1) -> list[tuple[int, str, str]]:
    """Each paragraph of ``text`` too long to lay out in reasonable time: (its 0-based line,
    message, hint). A paragraph ends at a blank line, or where a line starts a list item,
    a heading, a table row or a quote; its characters are those laid out (a link's
    address is not). Linear in the text's length. ``scale``: times the
    limits, for what a template writes around the content's paragraphs (a label, a
    number), which were held to them."""
    most_words, most_chars = MAX_PARAGRAPH_WORDS * scale, MAX_PARAGRAPH_CHARS * scale
    if len(text) <= most_chars and len(text.split()) <= most_words:
        return []
    found: list[tuple[int, str, str]] = []
    start, words, chars = 0, 0, 0

    def close() -> None:
        if words > most_words:
            said = f"{words:,} words; a paragraph can have at most {most_words:,}"
        elif chars > most_chars:
            said = f"{chars:,} characters; a paragraph can have at most {most_chars:,}"
        else:
            return
        found.append(
            (
                start,
                f"this paragraph has {said}",
                "split it into paragraphs with blank lines between them",
            )
        )

    for n, line in enumerate(text.split("\n")):
        # a reference's address ("[image1]: <data:...>") is never laid out, nor a link's
        between = not line.strip() or _BETWEEN_PARTS.match(line) or _DEFINES_LINK.match(line)
        if between or STARTS_PART.match(line):
            close()
            start, words, chars = n, 0, 0
            if between:
                start += 1
                continue
        words += len(line.split())
        chars += len(_shown_of(line)) if "](" in line else len(line)
    close()
    return found
