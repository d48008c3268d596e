"""Any name in any script: which shipped face draws each character, and what none can draw.

A theme's font (Noto Sans by default) covers Latin, Greek and Cyrillic, but a trainer's
content may hold a colleague's name in Chinese, a Japanese phrase or a Korean greeting.
Rather than print "???", every PDF draws each run of such characters in the first face that
ships with materials-gen (the ``rendercv-fonts`` package) and has them:

1. the face the text is set in (the theme's, or a deck template's);
2. Noto Sans, for a theme font that lacks Greek, Cyrillic or other letters it has;
3. Source Sans 3, for the arrows, boxes to tick, ticks and mathematical signs that Noto
   Sans lacks ("→", "☐", "✓", "≥"): a face of 0.4 MB, tried before the CJK faces, whose
   files are 6 to 10 MB, whatever the text around and the course's language (a symbol is
   measured where a slide is laid out and drawn where its page is printed: one face for
   it, or the line measured to fit would be drawn wider); but tried last for the geometric
   shapes ("□", "●"), which it draws smaller than the other faces;
4. Noto Sans SC, JP and KR, in the order the text asks for: Hangul wants KR, kana want JP,
   and Han characters alone (the same code points are drawn differently in China, Japan and
   Korea) follow the course's ``language`` (zh, ja, ko), else Simplified Chinese.

The same choice names the East Asian typeface of a deck's runs (:func:`east_asian`).

Devanagari (Hindi, Marathi, Nepali), which Noto Sans has, is shaped: its letters join into
conjuncts and its vowel signs move, so a word with Devanagari in it is laid out by HarfBuzz
(uharfbuzz, through ReportLab), measured as shaped and drawn as shaped, on canvas lines and
in paragraphs alike (in a paragraph with Devanagari, ReportLab shapes its other words too:
kerning, ligatures). Arabic and Hebrew are shaped the same way, in Noto Sans Arabic and
Hebrew (see static_faces.py), and read from the right: each line's words are put in the
order they are seen (see reading_order.py), and a paragraph that starts in one of them is
set whole in its face. Thai is shaped too, in Noto Sans Thai, and as it is written without
spaces between words its lines break where ICU's line breaker allows (see breakable).
Ethiopic (Amharic, Tigrinya) is drawn in Noto Sans Ethiopic, shaped for its kerning and
marks (its syllables neither join nor reorder). Text without these scripts is drawn as
before, glyph by glyph.

The CJK faces are 6 to 10 MB each: a face is read only when a character the theme's font
lacks is actually met, so a build without such characters never opens one. Each text is
checked first against the theme face's own table (ASCII text is looked at once per face).

Only characters no shipped face has (an emoji, a private-use character) are still replaced,
by '?', in the PDFs; :func:`unprintable` finds them once per build in the project's
sources, so the warning names the file and line to edit, once, rather than once per audience
and output.
"""

from __future__ import annotations

import bisect
import functools
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.pdfbase.pdfmetrics import stringWidth

from .errors import Location, Problem
from .walk import files_under

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

    from .load import RawProject
    from .theme import Theme

SUBSTITUTE = "?"

# ---------------------------------------------------------------- the shipped faces


# Arabic (with Persian, Urdu and the presentation forms) and Hebrew: the letters of the
# right-to-left scripts the PDFs lay out (see reading_order.py)
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefe]")
_HEBREW = re.compile("[\u0590-\u05ff\ufb1d-\ufb4f]")
# Thai: shaped (its vowels and tone marks stack), and broken between words (see breakable)
_THAI = re.compile("[\u0e00-\u0e7f]")
# Ethiopic (Amharic, Tigrinya): each syllable is a character of its own, and its letters
# neither join nor reorder; but its words are shaped all the same, as HarfBuzz gives them:
# Noto Sans Ethiopic kerns most syllables closer than their advances (drawn glyph by glyph a
# name was spaced out), places the gemination marks (U+135D-135F) over their letter, and
# joins a number's Ethiopic digits (፲፪) by their bars
_ETHIOPIC = re.compile("[\u1200-\u139f\u2d80-\u2ddf\uab00-\uab2f\U0001e7e0-\U0001e7ff]")


@dataclass(frozen=True)
class Face:
    """A shipped family that may draw what the theme's font cannot: its files by stem."""

    family: str  # as PowerPoint and LibreOffice name it
    stem: str  # NotoSansJP: NotoSansJP-Regular.ttf, NotoSansJP-Bold.ttf
    lang: str = ""  # the language tag a deck's run in this face carries
    # a face for one script only: tried for that script's letters alone, and made from the
    # variable font at this path in a JustMyType package (see static_faces.py)
    script: re.Pattern[str] | None = None
    variable: str = ""
    package: str = "justmytype_intl_rtl"
    folder: str = "Noto Sans"  # of a static face: its folder in rendercv-fonts
    # characters this face is tried for only after every other face of the order
    late: re.Pattern[str] | None = None

    def path(self, bold: bool) -> Path:
        if self.variable:
            return _static(self.package, self.variable, bold)
        import rendercv_fonts

        folder = Path(rendercv_fonts.__file__).parent / self.folder
        return folder / f"{self.stem}-{'Bold' if bold else 'Regular'}.ttf"

    def name(self, bold: bool) -> str:
        """The ReportLab name of the face (registered the first time it is asked for)."""
        name = f"mg-{self.stem}-{'Bold' if bold else 'Regular'}"
        _register(name, self.path(bold))
        return name

    def later(self, ch: str) -> bool:
        """Whether ``ch`` is tried in this face only when no other face has it."""
        return self.late is not None and self.late.match(ch) is not None

    def may_have(self, ch: str) -> bool:
        """Whether ``ch`` is worth looking up in this face (a script's face is opened for
        its own letters only, so that other text never makes its file)."""
        return self.script is None or self.script.match(ch) is not None


@functools.cache
def _static(package: str, variable: str, bold: bool) -> Path:
    import importlib

    from .static_faces import static_face

    folder = Path(importlib.import_module(package).__file__ or "").parent / "fonts"
    return static_face(folder / variable, bold)


LATIN = Face("Noto Sans", "NotoSans")
# Source Sans 3 draws the geometric shapes ("□", "■", "●") at a bullet's size, smaller than
# the other faces do and than a reader expects of a box to tick: tried for them last
SYMBOLS = Face(
    "Source Sans 3", "SourceSans3", folder="Source Sans 3", late=re.compile("[\u25a0-\u25ff]")
)
CHINESE = Face("Noto Sans SC", "NotoSansSC", "zh-CN")
JAPANESE = Face("Noto Sans JP", "NotoSansJP", "ja-JP")
KOREAN = Face("Noto Sans KR", "NotoSansKR", "ko-KR")
EAST_ASIAN = {"zh": CHINESE, "ja": JAPANESE, "ko": KOREAN}
ARABIC = Face(
    "Noto Sans Arabic",
    "NotoSansArabic",
    "ar-SA",
    _ARABIC,
    "ofl/notosansarabic/NotoSansArabic[wdth,wght].ttf",
)
THAI = Face(
    "Noto Sans Thai",
    "NotoSansThai",
    "th-TH",
    _THAI,
    "ofl/notosansthai/NotoSansThai[wdth,wght].ttf",
    "justmytype_intl_sea",
)
HEBREW = Face(
    "Noto Sans Hebrew",
    "NotoSansHebrew",
    "he-IL",
    _HEBREW,
    "ofl/notosanshebrew/NotoSansHebrew[wdth,wght].ttf",
)
ETHIOPIC = Face(
    "Noto Sans Ethiopic",
    "NotoSansEthiopic",
    "am-ET",
    _ETHIOPIC,
    "ofl/notosansethiopic/NotoSansEthiopic[wdth,wght].ttf",
    "justmytype_intl_africa",
)

_KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff]")
# Han, kana, Hangul, CJK punctuation and full-width forms: text a deck gives an East Asian face
_CJK = re.compile(
    r"[\u1100-\u11ff\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u31ff\u3200-\u9fff"
    r"\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff]"
)


def _register(name: str, path: Path) -> None:
    from reportlab.pdfbase import pdfmetrics

    from .face_metrics import font

    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(font(name, path))


_LANGUAGE: ContextVar[str] = ContextVar("language", default="")
# a translation's texts printed in its source's language, and that language (see writing)
_SOURCE: ContextVar[tuple[str, frozenset[str]]] = ContextVar("source", default=("", frozenset()))


@contextmanager
def writing(
    language: str, source: tuple[str, frozenset[str]] = ("", frozenset())
) -> Iterator[None]:
    """Within the block, Han characters with no kana or Hangul beside them are drawn in the
    face of ``language`` (a tag such as ja-JP) unless a call names another: a renderer sets
    the document's language once rather than pass it to every paragraph and line.
    ``source``: the language a translated course was written in and the texts (see
    :func:`said`) its translation leaves in it, which :func:`language_of` tells apart."""
    token = _LANGUAGE.set(language)
    told = _SOURCE.set(source)
    try:
        yield
    finally:
        _SOURCE.reset(told)
        _LANGUAGE.reset(token)


def language() -> str:
    """The language the renderer set with :func:`writing` (empty outside one)."""
    return _LANGUAGE.get()


_UNSEEN = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff"))  # soft hyphen, zero widths
_SPOKEN_SPACES = re.compile(r"[\s\u00a0\u2007\u202f]+")


def said(text: str) -> str:
    """``text`` as a reader hears it, for telling whether two texts are the same words: its
    spaces (no-break ones too) one space, soft hyphens and zero-width characters left out,
    in one case (a template may capitalize a text's first letter)."""
    return _SPOKEN_SPACES.sub(" ", text.translate(_UNSEEN)).strip().casefold()


def untranslated() -> bool:
    """Whether the renderer's document holds texts left in another language than its own:
    its source's (see :func:`writing`), or English labels its language has no catalog for;
    else no text need be looked at."""
    return bool(_SOURCE.get()[1]) or bool(_english_labels())


def language_of(text: str) -> str:
    """The language ``text`` (a paragraph, a cell, a title) is in: the source's, when a
    translation printed it in the words of its source (a module it does not translate, a
    key point it leaves out), so that a screen reader speaks it in that language; English,
    when it is one of materials-gen's own labels that the document's language has no
    translation for (a course in Arabic, whose "Learning objectives" print in English);
    else the language the renderer set (see :func:`writing`)."""
    source, texts = _SOURCE.get()
    if texts and _is_source(text, texts):
        return source
    labels = _english_labels()
    if labels and _is_label(said(text), labels):
        return "en"
    return _LANGUAGE.get()


def _english_labels() -> re.Pattern[str] | None:
    """The labels the language of the output being made prints in English (see
    i18n.speaking), as one pattern a text :func:`said` gives matches whole when it is one of
    them as printed: None for English or a language whose catalog translates them all."""
    from .i18n import current

    labels = current()
    if _LAST_LABELS[0] is not labels:  # asked for each paragraph: the last one's kept
        _LAST_LABELS[:] = [labels, _labels_left_in_english(labels)]
    return _LAST_LABELS[1]  # type: ignore[no-any-return]


_LAST_LABELS: list[Any] = [None, None]


@functools.lru_cache(maxsize=8)
def _labels_left_in_english(labels: Any) -> re.Pattern[str] | None:
    from .i18n import missing, plural_forms

    found = []
    plurals = plural_forms()
    for message in missing(labels):
        for form in dict.fromkeys((message, plurals.get(message, message))):
            pattern = _label_pattern(form)
            if pattern:
                found.append(pattern)
    return re.compile("|".join(f"(?:{p})" for p in found), re.DOTALL) if found else None


_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_LONGEST_LABEL = 300  # letters of a label as printed, its placeholders filled
# the placeholders the labels fill with a number ("{count} question", "Page {page} of
# {total}"): a digit first, then digits and a number's separators ("1,5", "1 250")
_NUMBERS = frozenset(
    {"count", "total", "page", "hours", "minutes", "row", "rows", "column", "columns"}
)
_NUMBER = r"\d[\d.,'\u2019\u066b\u066c ]*"
# any other placeholder: something, but not past a " · " (a line of labels and the course's
# words: "Version 1.0 · 3 de dezembro de 2026", see _is_label)
_FILLED = r"(?:(?! · ).)+?"
_BETWEEN = " · "


def _label_pattern(message: str) -> str:
    """A label's pattern as printed (in the form :func:`said` gives): its own words exactly,
    with their spaces, each ending at a word's end; each placeholder filled with something (a
    number, for a count); "" for a label with no words of its own ("{name}: {details}",
    which any text may be)."""
    pieces = _PLACEHOLDER.split(message)  # words, name, words, name, ... words
    words = [_SPOKEN_SPACES.sub(" ", w.translate(_UNSEEN)).casefold() for w in pieces[::2]]
    if not any(c.isalpha() for w in words for c in w):
        return ""
    words[0], words[-1] = words[0].lstrip(), words[-1].rstrip()  # said() strips a text
    out = []
    for n, word in enumerate(words):
        if n:
            out.append(_NUMBER if pieces[2 * n - 1] in _NUMBERS else _FILLED)
        if word:
            # a word of the label is not part of a longer word of the text's
            before = r"(?<!\w)" if n and word[0].isalnum() else ""
            after = r"(?!\w)" if n < len(words) - 1 and word[-1].isalnum() else ""
            out.append(before + re.escape(word) + after)
    return "".join(out)


@functools.lru_cache(maxsize=4096)
def _is_label(text: str, labels: re.Pattern[str]) -> bool:
    """Whether ``text`` (as :func:`said` gives it) is one of the labels ``labels`` matches
    (see :func:`_label_pattern`) as printed: its words in order, each as it is written, and
    each placeholder filled with something; or labels put together, the second in brackets
    ("Agenda (20 min)") or each after a " · " ("Part 1 of 2 · 15 min"), where a piece with
    no letters (a time, "09:00–09:15") may be too. A text longer than a label is none."""
    if len(text) > _LONGEST_LABEL:
        return False
    pieces = text.split(_BETWEEN)
    if len(pieces) == 1:
        return _one_label(text, labels)
    words = [piece for piece in pieces if any(c.isalpha() for c in piece)]
    return bool(words) and all(_one_label(piece, labels) for piece in words)


def _one_label(text: str, labels: re.Pattern[str]) -> bool:
    if labels.fullmatch(text):
        return True
    head, bracket, inner = text[:-1].rpartition(" (")  # "Agenda (20 min)": two labels
    bracketed = text.endswith(")") and bracket and head and inner
    return bool(bracketed and labels.fullmatch(head) and labels.fullmatch(inner))


@functools.lru_cache(maxsize=4096)
def _is_source(text: str, texts: frozenset[str]) -> bool:
    """Whether ``text`` is one of ``texts`` or made of them (see :func:`_made_of`); asked
    again for each character of a line whose face depends on its language."""
    spoken = said(text)
    if " " not in spoken and not _CJK.search(spoken):  # one word ("No", "Total"): may be
        if spoken not in texts:  # a word of the translation too: it is, where it uses it
            return False
        return _not_a_word(spoken) or OWN + spoken.casefold() not in texts
    return spoken in texts or _made_of(spoken, texts)


# In a translation's source texts (see :func:`writing`), a word its own texts use: OWN and
# the word folded (no text begins with it).
OWN = "\x00"


def own_words(texts: Iterable[str]) -> set[str]:
    """The words of ``texts`` (a translation's own), folded, as :func:`_is_source` looks
    them up."""
    return {w.casefold() for text in texts for w in _WORD_ONLY.findall(said(text))}


_WORD_ONLY = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def _not_a_word(text: str) -> bool:
    """Whether a text of one piece is no word a translation might share: an address or a
    code (a character that is no letter or hyphen: "https://...", "14-4884"), or a word of
    twelve letters or more."""
    return len(text) >= 12 or any(not (c.isalpha() or c == "-") for c in text)


def _made_of(text: str, texts: frozenset[str]) -> bool:
    """Whether ``text`` is made of ``texts`` and of what has no letters: a source's entry
    in a reference list (its author, year, title and address, in the words published).
    Each word of ``text`` is looked up once, alone and with the word after it (see
    :func:`_pieces`): linear in the text, however many texts a translation leaves out."""
    label = _LABEL.match(text)  # an option's or an item's letter ("B. ...", "(c) ...")
    if label is not None:
        text = text[label.end() :]
    if not any(c.isalpha() for c in text):
        return False
    index = _pieces(texts)
    covered = bytearray(len(text))
    sure = False  # a piece of several words, or no word (one word may be either language's)
    words = list(_WORD.finditer(text))
    for n, word in enumerate(words):
        after = f" {_key_word(words[n + 1].group())}" if n + 1 < len(words) else ""
        # at the word, and at its first letter or digit ("(HHS Publication No. ...")
        first = next((i for i, c in enumerate(word.group()) if c.isalnum()), 0)
        for at in dict.fromkeys((0, first)):
            start = word.start() + at
            own = _key_word(word.group()[at:])
            for piece in index.get(own + after, ()) + index.get(own, ()):
                if text.startswith(piece, start):
                    covered[start : start + len(piece)] = b"\x01" * len(piece)
                    sure = sure or " " in piece or _not_a_word(piece)
                    break
    uncovered = (c for c, seen in zip(text, covered, strict=True) if not seen)
    return sure and not any(c.isalpha() for c in uncovered)


_LABEL = re.compile(r"\(?[^\W\d_][.)]\s+|\(?\d{1,3}[.)]\s+")  # not "Dr. "


def _key_word(word: str) -> str:
    """A word as a piece's index holds it: the punctuation after it left out ("Focus:",
    "supervision." as "Focus", "supervision")."""
    return word.rstrip(".,;:!?)\u201d\u2019\"'") or word


_WORD = re.compile(r"\S+")


@functools.lru_cache(maxsize=8)
def _pieces(texts: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """The texts a text may be made of (see :func:`_made_of`), those of four letters or
    more (a shorter word is part of too many others), by their first two words (their one
    word, for a text of one), the longest first."""
    index: dict[str, list[str]] = {}
    for text in sorted(texts, key=lambda t: (-len(t), t)):
        if sum(c.isalpha() for c in text) >= 4:
            key = " ".join(map(_key_word, text.split(" ", 2)[:2]))
            index.setdefault(key, []).append(text)
    return {key: tuple(found) for key, found in index.items()}


def faces_for(text: str, language: str = "") -> tuple[Face, ...]:
    """The shipped faces to try for ``text``, in order (see the module's docstring)."""
    first = _east_asian_face(text, language)
    others = (f for f in (CHINESE, JAPANESE, KOREAN) if f is not first)
    return (LATIN, SYMBOLS, first, *others, ARABIC, HEBREW, THAI, ETHIOPIC)


def _east_asian_face(text: str, language: str) -> Face:
    """The CJK face ``text`` asks for (see the module's docstring)."""
    if _HANGUL.search(text):
        return KOREAN
    if _KANA.search(text):
        return JAPANESE
    # Han alone: the face of the language it is in (a source's, left untranslated), else
    # of the document's: Han is no English, so a label printed in English ("Version 1.0 ·
    # 2026年12月3日", "Objectives: {title}") draws it as the course's language does
    for tag in (language, language_of(text), _LANGUAGE.get()):
        face = EAST_ASIAN.get(tag.split("-")[0].lower())
        if face is not None:
            return face
    return CHINESE


def east_asian(text: str, language: str = "", context: str = "") -> Face | None:
    """The East Asian face a deck's run of ``text`` names (with its language), or None when
    the text has no Chinese, Japanese or Korean in it. ``context`` (the run's paragraph)
    decides the script, so a bold word of a Japanese sentence stays Japanese."""
    if text.isascii() or not _CJK.search(text):
        return None
    return _east_asian_face(context or text, language)


@dataclass(frozen=True)
class Script:
    """A complex script a deck names a typeface for (``a:cs``): PowerPoint and LibreOffice
    shape it, and lay out a right-to-left one from the right, with the fonts they have."""

    family: str  # the typeface the run names (Noto, free on every system that lacks it)
    lang: str  # the run's language when the deck's language is not of this script
    rtl: bool = False
    languages: tuple[str, ...] = ()  # deck languages written in this script


_SCRIPTS = (
    (
        re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]"),
        Script("Noto Sans Arabic", "ar-SA", True, ("ar", "fa", "ur", "ps", "ku", "sd", "ug")),
    ),
    (
        re.compile(r"[\u0590-\u05ff\ufb1d-\ufb4f]"),
        Script("Noto Sans Hebrew", "he-IL", True, ("he", "yi", "iw")),
    ),
    (
        re.compile(r"[\u0900-\u097f\ua8e0-\ua8ff]"),
        Script("Noto Sans Devanagari", "hi-IN", False, ("hi", "mr", "ne", "sa", "kok", "mai")),
    ),
    (re.compile(r"[\u0e00-\u0e7f]"), Script("Noto Sans Thai", "th-TH", False, ("th",))),
)


# scripts that are not complex scripts to a deck (its runs name no ``a:cs`` face for them),
# but whose text a PDF's tags give its own language, as they do a complex script's
_PLAIN_SCRIPTS = (
    (_ETHIOPIC, Script("Noto Sans Ethiopic", "am-ET", False, ("am", "ti", "tig", "gez", "byn"))),
)


def written_script(text: str) -> Script | None:
    """The script of ``text`` a PDF's tags name the language of, beyond East Asian: a
    complex script's (see :func:`complex_script`), or Ethiopic's."""
    found = complex_script(text)
    if found is not None or text.isascii():
        return found
    for pattern, script in _PLAIN_SCRIPTS:
        if pattern.search(text):
            return script
    return None


def complex_script(text: str) -> Script | None:
    """The complex script of ``text`` (Arabic, Hebrew, Devanagari or Thai), or None."""
    if text.isascii():
        return None
    for pattern, script in _SCRIPTS:
        if pattern.search(text):
            return script
    return None


def right_to_left(text: str) -> bool:
    """Whether a paragraph reads from the right: its first letter of a strong direction is
    Arabic or Hebrew (the Unicode bidirectional algorithm's rule for a paragraph)."""
    return strong_direction(text) is True


def strong_direction(text: str) -> bool | None:
    """True when ``text``'s first letter of a strong direction reads from the right, False
    when it reads from the left, None when it has none (digits, marks, spaces)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return None


def table_reads_from_right(header: Iterable[str]) -> bool:
    """Whether a table reads from the right (its first column drawn rightmost): the first
    letter of a strong direction in its header cells, in order, is Arabic or Hebrew, as for
    one paragraph."""
    return right_to_left("\n".join(header))


def script_language(script: Script, deck_language: str, text: str = "") -> str:
    """The language a run of ``script`` carries: the deck's own when it is written in that
    script (an Arabic course's Arabic), else the one ``text``'s own letters show (Urdu's
    and Persian's letters Arabic lacks), else the script's usual one."""
    if deck_language.split("-")[0].lower() in script.languages:
        return deck_language
    if script.lang == "ar-SA" and text:
        if _URDU.search(text):
            return "ur-PK"
        if _PERSIAN.search(text):
            return "fa-IR"
    return script.lang


# the letters of Urdu that neither Arabic nor Persian writes (ٹ ڈ ڑ ں ہ ے ۓ), and those of
# Persian (and Urdu) that Arabic does not (پ چ ژ گ ک ی): Persian or Urdu quoted in a
# document of another language was said to be Arabic, and read by a screen reader so
_URDU = re.compile("[\u0679\u0688\u0691\u06ba\u06c1\u06d2\u06d3]")
_PERSIAN = re.compile("[\u067e\u0686\u0698\u06af\u06a9\u06cc]")


# a line never starts with closing punctuation, nor ends with opening (kinsoku shori)
_CLOSING = set("、。，．：；！？」』】）〉》ーゝゞヽヾ々ぁぃぅぇぉっゃゅょァィゥェォッャュョ")
_OPENING = set("「『【（〈《")
# what no line of Chinese or Japanese starts with, or ends with (see :func:`breakable`)
NO_LINE_START = frozenset(_CLOSING)
NO_LINE_END = frozenset(_OPENING)


def breakable(word: str) -> list[str]:
    """``word`` (text without spaces) cut where a line may break: Chinese, Japanese and
    Korean text breaks between characters, as it is written without spaces; Latin words stay
    whole. Joined without spaces, the pieces are the word again."""
    if word.isascii():
        return [word]
    if UNSPACED.search(word):
        return _between_words(word)
    if not _CJK.search(word):
        return [word]
    pieces: list[str] = []
    glue = False  # the previous piece was opening punctuation: this one joins it
    for ch in word:
        cjk = bool(_CJK.match(ch))
        if pieces and (glue or ch in _CLOSING or not (cjk or _CJK.match(pieces[-1][-1]))):
            pieces[-1] += ch
        else:
            pieces.append(ch)
        glue = ch in _OPENING
    return pieces


def has_cjk(text: str) -> bool:
    """Whether ``text`` has Chinese, Japanese or Korean characters."""
    return _CJK.search(text) is not None


@functools.lru_cache(maxsize=4096)
def cjk_words(word: str) -> list[str]:
    """``word`` (Chinese, Japanese or Korean text without spaces) cut into its words, as
    ICU's dictionary finds them ("誤り", "全く" "そう" "思わ" "ない"): what a column is
    kept wide enough for, though a line may still break between any two characters (see
    :func:`breakable`). Joined, the pieces are ``word`` again."""
    from icu4py.breakers import WordBreaker

    return [piece for piece in WordBreaker(str(word), "ja") if piece]


@functools.lru_cache(maxsize=4096)
def _between_words(text: str) -> list[str]:
    """``text`` cut where ICU's line breaker allows a line to break (in Thai, between words,
    which are written without spaces); joined, the pieces are ``text`` again."""
    from icu4py.breakers import LineBreaker

    return list(LineBreaker(str(text), "th"))


def broke_at_space(line: str) -> bool:
    """Whether a line that ends in ``line``'s last character ended at a space: the space a
    printed page leaves out where it breaks a line, which a reader of its text (a screen
    reader, a copy and paste) must still be given. Not after Chinese, Japanese or Korean
    text, which breaks between characters, nor after a hyphen or a soft hyphen."""
    if not line or line[-1].isspace() or line[-1] in "-\u00ad\u2010":
        return False
    return not _CJK.match(line[-1]) and not UNSPACED.match(line[-1])


# ---------------------------------------------------------------- what a face has


def forget_faces() -> None:
    """Forget what the faces were found to have: a font file replaced while materials-gen
    runs (``watch``, ``preview``) is read again under its name (see ``render.fonts.Fonts``)."""
    _table.cache_clear()
    _covered.cache_clear()
    _cmap.cache_clear()
    _shapes.cache_clear()
    _first.cache_clear()
    shape_run.cache_clear()
    SHAPED_WIDTHS.clear()
    _width.cache_clear()
    _NUMBERED.clear()


# How wide a piece of a word is, shaped in a face at a size: (text, face, size) -> points.
# Kept by the paragraph layout (render/pdf.py), which cuts a paragraph split by a page into
# lines again, and forgotten with the faces.
SHAPED_WIDTHS: dict[tuple[str, str, float], float] = {}


@functools.cache
def _table(font: str) -> dict[int, int]:
    from reportlab.pdfbase import pdfmetrics

    return pdfmetrics.getFont(font).face.charToGlyph


# every character str.isspace() counts: a space is drawn as a gap, in whatever face; but
# the ideographic space (a full-width gap, typed by a Japanese or Chinese input method),
# which a Latin face lacks and draws as nothing, is drawn in a face that has it
_SPACES = (
    "\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f"
)
_WIDE_SPACE = "\u3000"


@functools.cache
def _covered(font: str) -> frozenset[str]:
    """Every character the face draws, and every space: what :func:`lacks` compares with."""
    return frozenset(chr(code) for code in _table(font)) | frozenset(_SPACES)


def has(font: str, ch: str) -> bool:
    """Whether the ReportLab face ``font`` has a glyph for ``ch`` (spaces always count, but
    the ideographic space, which only a face that has it draws as a gap)."""
    return (ch.isspace() and ch != _WIDE_SPACE) or ord(ch) in _table(font)


def lacks(font: str, text: str) -> bool:
    """Whether some character of ``text`` is not in ``font`` (the fast question, asked of
    every text drawn: one set comparison, in C)."""
    return not _covered(font).issuperset(text)


def _style(font: str) -> bool:
    """Whether ``font`` is a bold face (a fallback is drawn bold where the text is)."""
    from reportlab.lib.fonts import ps2tt

    try:
        return bool(ps2tt(font)[1])
    except ValueError:
        return "bold" in font.lower()


def fallback(ch: str, font: str, language: str = "", context: str = "") -> str | None:
    """The ReportLab face that draws ``ch`` when ``font`` cannot; None when none can.

    ``context`` is the text around it, whose script decides between the CJK faces.
    """
    return _first(ch, faces_for(context or ch, language), _style(font))


@functools.lru_cache(maxsize=4096)
def _first(ch: str, order: tuple[Face, ...], bold: bool) -> str | None:
    """The first face of ``order`` with a glyph for ``ch``, asked once per character, order
    and weight (a paragraph of Thai asks it for every letter)."""
    # a script's own face first, for its letters (the CJK faces are not opened for them)
    # (and a face that draws ``ch`` poorly last)
    for face in sorted(order, key=lambda face: (face.script is None, face.later(ch))):
        if not face.may_have(ch):
            continue
        name = face.name(bold)
        if ord(ch) in _table(name):
            return name
    return None


# Scripts the PDFs cannot lay out yet: their letters join, reorder or stack (Syriac, Thaana,
# N'Ko; the Indic scripts but Devanagari; Thai, Lao, Tibetan, Myanmar, Khmer). Drawn glyph
# by glyph they would print wrong words, so the PDFs treat them as characters no face has,
# and say so; decks name their face and direction (``a:cs``, ``rtl``) and PowerPoint and
# LibreOffice lay them out. Devanagari, Arabic and Hebrew are shaped (see SHAPED).
_NEEDS_SHAPING = re.compile(
    "[\u0700-\u074f\u0780-\u089f\u0980-\u0dff\u0e80-\u0eff\u0f00-\u0fff\u1000-\u109f\u1780-\u17ff]"
)
# Scripts the PDFs shape: a word with one of their letters is laid out by HarfBuzz; Arabic
# and Hebrew also read from the right (see reading_order.py)
SHAPED = re.compile(
    "[\u0900-\u097f\ua8e0-\ua8ff\u0590-\u05ff\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff"
    "\ufb1d-\ufdff\ufe70-\ufefe\u0e00-\u0e7f"
    f"{_ETHIOPIC.pattern[1:-1]}]"
)
# Scripts written without spaces between words, whose lines break where ICU's line breaker
# says (a dictionary of the language's words)
UNSPACED = _THAI
# the letters of the right-to-left scripts the PDFs lay out
RIGHT_TO_LEFT = re.compile(f"{_ARABIC.pattern}|{_HEBREW.pattern}")


def needs_shaping(ch: str) -> bool:
    """Whether ``ch`` belongs to a script the PDFs cannot lay out yet (see above)."""
    return _NEEDS_SHAPING.match(ch) is not None


def drawable(ch: str, fonts: Iterable[str] = ()) -> bool:
    """Whether ``ch`` prints: in one of ``fonts`` or in a shipped face (and not in a script
    that must be shaped)."""
    if ch.isspace():
        return True
    if needs_shaping(ch):
        return False
    if any(ord(ch) in _table(f) for f in fonts):
        return True
    return fallback(ch, "", "", ch) is not None


def invisible(ch: str) -> bool:
    """A format or control character no face draws, or a variation selector (the "draw it
    as an emoji" mark U+FE0F that Teams and the web paste after a symbol): left out rather
    than shown as '?'."""
    return unicodedata.category(ch) in ("Cf", "Cc") or _variation_selector(ch)


def _variation_selector(ch: str) -> bool:
    code = ord(ch)
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


# ---------------------------------------------------------------- runs, widths, drawing


def runs(text: str, font: str, language: str = "", context: str = "") -> list[tuple[str, str]]:
    """``text`` cut into (piece, face) runs: each character in ``font`` when it has it, else
    in the first shipped face that does (in the script of ``context``, the whole paragraph,
    when given). Spaces stay with the run they are in; characters no face has stay in
    ``font`` (the renderers replace them first, see ``pdf.printable``).

    Text that reads from the right (its paragraph's first letter of a strong direction is
    Arabic or Hebrew) is set whole in that script's face when the face has all of it (Noto
    Sans Arabic and Hebrew have Latin letters, digits and punctuation too): one face keeps the
    paragraph in one run, which ReportLab lays out from the right without fault."""
    whole = context or text
    if not whole.isascii() and RIGHT_TO_LEFT.search(whole) and right_to_left(whole):
        face = _rtl_face(whole).name(_style(font))
        if not lacks(face, text):
            return [(text, face)]
    if not lacks(font, text):
        return [(text, font)]
    table = _table(font)
    order, bold = faces_for(context or text, language), _style(font)
    faces: list[str] = []  # each character's face
    for ch in text:
        if ch == _WIDE_SPACE and ord(ch) not in _table(faces[-1] if faces else font):
            face = _first(ch, order, bold) or font  # a face that draws it as a gap
        elif ch.isspace() or ord(ch) in table:
            face = faces[-1] if ch.isspace() and faces else font
        else:
            face = _first(ch, order, bold) or font
        faces.append(face)
    if SHAPED.search(text):
        _whole_words(text, faces)
    return _grouped(text, faces)


def _grouped(text: str, faces: list[str]) -> list[tuple[str, str]]:
    """``text`` cut where the face of its characters (``faces``, one each) changes; a
    space stays in the run before it. Each run is sliced once: the time grows with the
    length of the text, not with its square."""
    out: list[tuple[str, str]] = []
    start = 0
    for n in range(1, len(text) + 1):
        kept = text[n].isspace() and text[n] != _WIDE_SPACE if n < len(text) else False
        if n == len(text) or (faces[n] != faces[start] and not kept):
            out.append((text[start:n], faces[start]))
            start = n
    return out


def _rtl_face(text: str) -> Face:
    """The face of the right-to-left script ``text`` starts in."""
    for ch in text:
        if _ARABIC.match(ch):
            return ARABIC
        if _HEBREW.match(ch):
            return HEBREW
    return ARABIC


def _whole_words(text: str, faces: list[str]) -> None:
    """Each word of ``text`` with a shaped letter drawn whole in that letter's face (when
    the face has all the word's characters), changing ``faces`` (one per character) in
    place: ReportLab shapes a word in the face of its first character, so "(हिंदी)" must not
    start in another face than its letters."""
    start = 0
    while start < len(text):
        end = start
        while end < len(text) and not text[end].isspace():
            end += 1
        face = next((faces[n] for n in range(start, end) if SHAPED.match(text[n])), None)
        if face and all(has(face, text[n]) for n in range(start, end)):
            faces[start:end] = [face] * (end - start)
        start = end + 1


@functools.cache
def _shapes(font: str) -> bool:
    """Whether ReportLab can shape runs in ``font`` (a TrueType face, uharfbuzz installed)."""
    from reportlab.pdfbase import pdfmetrics

    return bool(getattr(pdfmetrics.getFont(font), "shapable", False))


# the faces whose unmapped glyphs have their private-use code points (see number_glyphs)
_NUMBERED: set[str] = set()


def number_glyphs(font: str) -> None:
    """Give each glyph of ``font`` that no character maps to (an Arabic letter's joined
    form, a ligature) a private-use code point of its own, in the order of the glyphs,
    before the face is first shaped.

    ReportLab numbers such a glyph as shaping first meets it, so the numbers, and with them
    the PDF's bytes (the map from the font's glyphs back to text), depended on what the
    process had shaped before: an Arabic handout made by a worker that had drawn the guide
    first, or by the build's process measuring a slide, differed from one made on its own
    (``-j 1`` and ``-j 2``, ``--only`` and a whole build, an edit and a fresh build). It
    also kept the first meeting's advance as the glyph's width, kerned or not, and in the
    font's units rather than thousandths of an em, where a PDF's widths are; each glyph now
    has its own advance, as the PDF's widths give it."""
    if font in _NUMBERED:
        return
    _NUMBERED.add(font)
    from reportlab.pdfbase import pdfmetrics

    face = getattr(pdfmetrics.getFont(font), "face", None)
    metrics = getattr(face, "hmetrics", None)
    if face is None or metrics is None or not hasattr(face, "glyphToChar"):
        return  # not a TrueType face: nothing is shaped in it
    mapped, point = face.glyphToChar, _PRIVATE_FIRST
    for glyph, (advance, _) in enumerate(metrics):
        if glyph in mapped:
            continue
        while point in face.charToGlyph:
            point += 1
        if point > _PRIVATE_LAST:  # a face of more unmapped glyphs than the area holds
            break
        face.charToGlyph[point] = glyph
        mapped[glyph] = [point]
        face.charWidths[point] = face._pdfScale(advance)  # noqa: SLF001
        point += 1


_PRIVATE_FIRST, _PRIVATE_LAST = 0xE000, 0xF8FF  # the Private Use Area, as ReportLab uses it


def shaping(text: str, font: str) -> bool:
    """Whether ``text`` in ``font`` is drawn shaped (it has Devanagari, and can be)."""
    return SHAPED.search(text) is not None and _shapes(font)


def _shaped(piece: str, font: str, size: float) -> str:
    """``piece`` as drawn in ``font``: shaped word by word (its glyphs and their advances,
    carrying the text they stand for: see :func:`actual_text`) when it has Devanagari, else
    the text itself."""
    parts = _shaped_parts(piece, font, size)
    joined = parts[0] if parts else piece
    for part in parts[1:]:
        joined += part
    return joined


def _shaped_parts(piece: str, font: str, size: float) -> list[str]:
    """``piece`` cut at its spaces, each word with Devanagari in it shaped on its own (HarfBuzz
    takes a text's script from its first letters: "Call प्रशिक्षक" shaped whole would be
    shaped as Latin), the rest as it is."""
    if not shaping(piece, font):
        return [piece]
    return [_shaped_word(part, font, size) for part in re.split(r"(\s+)", piece) if part]


# The OpenType features shaped text is laid out with: kerning and the standard ligatures,
# as every text program sets by default. ReportLab also sets discretionary ligatures, which
# fonts keep for display use: Noto Sans Hebrew would join yod and vav into the Yiddish letter
# ױ and Noto Sans Arabic write the word الله as one sign.
FEATURES = {"kern": True, "liga": True}


def _shaped_word(word: str, font: str, size: float) -> str:
    """One word shaped (when it has a script that is), with the text it stands for, in its
    script's direction; measured and drawn alike (see :func:`shape_run`)."""
    if not SHAPED.search(word):
        return word
    return shape_run(word, font, size, RIGHT_TO_LEFT.search(word) is not None)


_DIRECTION: ContextVar[str] = ContextVar("direction", default="")


@functools.cache
def _directed() -> None:
    """Let :func:`shape_run` name the direction HarfBuzz shapes in: ReportLab's shaper lets
    HarfBuzz guess it from the text's script, which reads Arabic-Indic digits (Arabic script)
    from the right and an Arabic word's Latin neighbour from the left, whatever the line's
    order. ReportLab's shaper is given HarfBuzz with a buffer that takes the direction set
    here (and guesses, as before, when none is)."""
    import types

    import uharfbuzz
    from reportlab.pdfbase import ttfonts

    class Buffer(uharfbuzz.Buffer):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__()
            direction = _DIRECTION.get()
            if direction:
                self.direction = direction

    module = types.ModuleType("uharfbuzz", "uharfbuzz, its buffers taking a set direction")
    module.__dict__.update({k: v for k, v in vars(uharfbuzz).items() if not k.startswith("__")})
    module.Buffer = Buffer  # type: ignore[attr-defined]
    ttfonts.uharfbuzz = module


@functools.lru_cache(maxsize=8192)
def shape_run(text: str, font: str, size: float, right_to_left: bool) -> str:
    """``text`` (one run of one level, in the order written) shaped in ``font`` in the given
    direction, its glyphs in drawing order, with the text it stands for; the text itself
    when the font cannot be shaped."""
    if not text or not _shapes(font):
        return text
    _directed()
    from reportlab.lib.abag import ABag
    from reportlab.pdfbase.ttfonts import shapeFragWord

    text = str(text)
    number_glyphs(font)
    word = [stringWidth(text, font, size), (ABag(fontName=font, fontSize=size), text)]
    token = _DIRECTION.set("rtl" if right_to_left else "ltr")
    try:
        shaped = shapeFragWord(word, FEATURES, force=True)[1][1]
    finally:
        _DIRECTION.reset(token)
    data = getattr(shaped, "__shapeData__", None)
    return text if data is None else _stands_for(shaped, data, text)


def run_width(run: str, font: str, size: float) -> float:
    """The width of a run from :func:`shape_run` (or plain text) as drawn."""
    data = getattr(run, "__shapeData__", None)
    if data is None:
        return stringWidth(run, font, size)
    return sum(glyph.x_advance for glyph in data) * size / 1000


def seen_runs(
    pieces: list[tuple[str, str]] | tuple[tuple[str, str], ...],
    size: float,
    language: str = "",
    rtl: bool | None = None,
) -> list[tuple[str, str]]:
    """One line of (text, font) pieces, in the order written, with Arabic or Hebrew in it:
    its runs of one level and face, each shaped in its direction, in the order seen from the
    left (see reading_order.py). The line reads in its paragraph's direction, ``rtl`` (from
    the right when True), as PowerPoint and a PDF reader set each line of a paragraph; when
    not given, the line is a paragraph of its own: from the right when its first letter of
    a strong direction is. Its faces are chosen as for a paragraph (a line that reads from
    the right is set in its script's face, Latin and digits too)."""
    from .reading_order import ISOLATE_CHARS, NO_ISOLATES, runs_seen

    whole = "".join(text for text, _ in pieces).translate(NO_ISOLATES)
    parts: list[tuple[str, str]] = []
    for text, font in pieces:
        # a directional isolate (see reading_order.isolated_join) sets the levels of what it
        # encloses, and is drawn as nothing: the text between them is cut into faces
        for segment in _AT_ISOLATES.split(text):
            if segment in ISOLATE_CHARS:
                parts.append((font, segment))
            elif segment:
                parts.extend((face, part) for part, face in runs(segment, font, language, whole))
    base = right_to_left(whole) if rtl is None else rtl
    return [
        (shape_run(text, face, size, right), face) for face, text, right in runs_seen(parts, base)
    ]


_AT_ISOLATES = re.compile("([\u2066-\u2069])")


def _stands_for(shaped: str, data: list[Any], actual: str, source: str = "", start: int = 0) -> str:
    """A shaped run that remembers the text it stands for, also once joined to others (a
    paragraph's line is its words added together), and, glyph by glyph, the text of the
    cluster each begins (see :func:`clusters`): ``source`` is the text its clusters count
    in (``actual`` itself, unless it is part of a longer word starting at ``start``)."""
    run = _stands_for_class()(str(shaped), shapeData=data)
    run.actual = actual
    run.said = _cluster_texts(data, source or actual, start + len(actual))
    return run


def _cluster_texts(data: list[Any], source: str, end: int) -> tuple[str, ...]:
    """For each glyph, the text of its cluster if it is the cluster's first glyph drawn, else
    nothing (a mark drawn after its letter, the second glyph of a split vowel)."""
    clusters = sorted({d.cluster for d in data if 0 <= d.cluster < len(source)})
    # a vowel sign or other mark HarfBuzz keeps apart (Arabic harakat, Hebrew niqqud) is
    # given back with its letter: apart, a reader would set it on a line of its own
    starts = [c for n, c in enumerate(clusters) if not n or not _mark(source[c])]
    ends = dict(zip(starts, [*starts[1:], end], strict=True))
    said: list[str] = []
    seen: set[int] = set()
    for glyph in data:
        if not 0 <= glyph.cluster < len(source):
            said.append("")
            continue
        start = starts[max(0, bisect.bisect_right(starts, glyph.cluster) - 1)]
        said.append("" if start in seen else source[start : ends[start]])
        seen.add(start)
    return tuple(said)


def _mark(ch: str) -> bool:
    return unicodedata.category(ch) in ("Mn", "Me")


@functools.cache
def _stands_for_class() -> type:
    from reportlab.pdfbase.ttfonts import ShapedStr

    class StandsFor(ShapedStr):  # type: ignore[misc]
        actual: str
        said: tuple[str, ...]

        def __add__(self, other: str) -> str:
            joined = ShapedStr.__add__(self, other)
            return _joined(joined, self.actual + written(other), self.said + _each(other))

        def __radd__(self, other: str) -> str:
            joined = ShapedStr.__radd__(self, other)
            return _joined(joined, written(other) + self.actual, _each(other) + self.said)

        def __getitem__(self, at: int | slice) -> str:
            part = ShapedStr.__getitem__(self, at)
            if not isinstance(at, slice) or not part:
                return part  # type: ignore[no-any-return]
            said = self.said[at]
            # drawn from the left, a run that reads from the right is written backwards
            text = "".join(said)
            if RIGHT_TO_LEFT.search(text):
                text = "".join(reversed(said))
            return _joined(part, text, said)

    return StandsFor


def _joined(joined: Any, actual: str, said: tuple[str, ...]) -> str:
    run = _stands_for_class()(str(joined), shapeData=joined.__shapeData__)
    run.actual, run.said = actual, said
    return run


def written(text: str) -> str:
    """The text a (perhaps shaped) run stands for, as written: a shaped run's glyphs do not
    spell it."""
    return getattr(text, "actual", None) or str(text)


def _each(text: str) -> tuple[str, ...]:
    return getattr(text, "said", None) or tuple(str(text))


def clusters(run: str) -> list[tuple[int, int, str]]:
    """A shaped run cut into its clusters as drawn: (first glyph, end, the text it stands
    for). Right-to-left runs are given to a reader cluster by cluster: a reader puts the
    clusters of a line in the order they were written, which it cannot do for one span
    standing for a whole phrase."""
    said = getattr(run, "said", ())
    cuts = [n for n, text in enumerate(said) if text or n == 0]
    return [(n, end, said[n]) for n, end in zip(cuts, [*cuts[1:], len(said)], strict=True)]


def marks_apart(cluster: str, said: str) -> list[tuple[str, str]]:
    """One cluster of a shaped run cut into pieces, each with the text it stands for: its
    letter (what the cluster stands for) and, apart, the marks drawn over or under it with
    nothing (Noto Sans Arabic draws a letter's dots as such marks). A reader takes a piece's
    place from its glyphs: a mark off the line, standing for the letter, would cut the word
    in two for it."""
    data = getattr(cluster, "__shapeData__", None)
    if not data or len(data) < 2:
        return [(cluster, said)]
    pieces: list[tuple[int, int, bool]] = []
    for n, glyph in enumerate(data):
        mark = glyph.x_advance == 0
        if pieces and pieces[-1][2] == mark:
            pieces[-1] = (pieces[-1][0], n + 1, mark)
        else:
            pieces.append((n, n + 1, mark))
    if all(mark for *_, mark in pieces):
        return [(cluster, said)]
    out = []
    for start, end, mark in pieces:
        out.append((cluster[start:end], "" if mark else said))
        said = said if mark else ""
    return out


def reads_from_right(run: str) -> bool:
    """Whether a shaped run is of a right-to-left script (see :func:`clusters`)."""
    actual = getattr(run, "actual", None)
    return actual is not None and RIGHT_TO_LEFT.search(actual) is not None


def actual_text(shaped: str) -> str | None:
    """The text a shaped run stands for (a reader of the PDF is given it back, in the order it
    was written: shaped glyphs are in drawing order, some with no character of their own),
    or None for plain text."""
    return getattr(shaped, "actual", None)


def shape_words(shaper: Callable[..., Any]) -> Callable[..., Any]:
    """ReportLab's word shaper for paragraphs, made (1) to shape a word that changes face (an
    italic syllable, a bold one) face by face: ReportLab shapes a word in its first run's face
    and looks the glyphs up in each run's own, which another face numbers differently; and
    (2) to give each shaped run the text it stands for (see :func:`actual_text`), cut where
    its first glyph's cluster (a character position in the run) begins."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import ShapedFragWord, makeShapedFragWord

    def one_face(word: Any, *args: Any, **kwargs: Any) -> Any:
        text, offsets = "", {}
        for frag, part in word[1:]:
            if not hasattr(frag, "cbDefn"):
                offsets.setdefault(id(frag), (len(text), part))
                text += part
        if has_cjk(text) and not SHAPED.search(text):
            # Chinese, Japanese or Korean needs no shaping: drawn as written, each character
            # its own glyph, as in a paragraph that is not shaped. Shaped, a character whose
            # glyph a face shares with another was given back as that one (a Kangxi radical
            # for "色"), and a line of it could not be cut between its characters
            return word
        kwargs.setdefault("features", FEATURES)
        for frag, _ in word[1:]:
            if getattr(frag, "fontName", None):
                number_glyphs(frag.fontName)
        new = shaper(word, *args, **kwargs)
        if new is word:
            return new
        for n, (frag, run) in enumerate(new[1:], 1):
            data = getattr(run, "__shapeData__", None)
            if data and id(frag) in offsets:  # a run stands for its frag's own text
                start, part = offsets[id(frag)]
                new[n] = (frag, _stands_for(run, data, part, text, start))
        if RIGHT_TO_LEFT.search(text) and all(offsets.get(id(f)) for f, _ in new[1:]):
            # HarfBuzz gives a word that reads from the right in drawing order: its styled
            # runs (a link, then its full stop) are put back in the order written, which
            # lines are ordered from (see render/pdf.py)
            new[1:] = sorted(new[1:], key=lambda run: offsets[id(run[0])][0])
        return new

    def shaped(word: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(word, ShapedFragWord) or any(
            getattr(text, "__shapeData__", None) is not None for _, text in word[1:]
        ):
            return word  # shaped already (a piece of a cut word, a paragraph split by a page)
        groups: list[list[Any]] = []
        for frag, text in word[1:]:
            face = getattr(frag, "fontName", None)
            if groups and (
                hasattr(frag, "cbDefn") or getattr(groups[-1][0][0], "fontName", None) == face
            ):
                groups[-1].append((frag, text))
            else:
                groups.append([(frag, text)])
        if len(groups) <= 1:
            return one_face(word, *args, **kwargs)
        parts = []
        for group in groups:
            wide = sum(
                pdfmetrics.stringWidth(t, f.fontName, f.fontSize)
                for f, t in group
                if not hasattr(f, "cbDefn")
            )
            parts.append(one_face(word.__class__([wide, *group]), *args, **kwargs))
        if all(part[1:] == group for part, group in zip(parts, groups, strict=True)):
            return word
        runs = [run for part in parts for run in part[1:]]
        return makeShapedFragWord(word)([sum(part[0] for part in parts), *runs])

    return shaped


def piece_width(piece: str, font: str, size: float) -> float:
    """The width of ``piece`` drawn in ``font`` (one face, no fallback), shaped as drawn."""
    if piece.isascii():  # the common case, asked of every word fitted: no shaping
        return stringWidth(piece, font, size)
    return sum(run_width(part, font, size) for part in _shaped_parts(piece, font, size))


def width(text: str, font: str, size: float, language: str = "") -> float:
    """The width of ``text`` at ``size``, each run measured in the face that draws it (kept
    for a word or a line: a table's words are measured for each of its columns' widths, a
    footer's on every page; forgotten with the faces)."""
    if not text.isascii():
        text = text.translate(_NO_ISOLATES)  # they draw nothing (see reading_order.py)
    if len(text) > _KEPT_WIDTH:
        return _width.__wrapped__(text, font, size, language)
    return _width(text, font, size, language)


_KEPT_WIDTH = 200  # the longest text whose width is kept (a line's, a few words')
_NO_ISOLATES = str.maketrans(dict.fromkeys(range(0x2066, 0x206A)))  # LRI, RLI, FSI, PDI


@functools.lru_cache(maxsize=16384)
def _width(text: str, font: str, size: float, language: str) -> float:
    return sum(piece_width(piece, face, size) for piece, face in runs(text, font, language))


def note_written(canvas: Canvas, text: str) -> None:
    """Tell the structure element being drawn (see render.tagging: Structure.marked) what
    it says, in the order it was written: one holding Arabic or Hebrew gives a screen
    reader that text, its glyphs being drawn in the order they are seen."""
    written = getattr(canvas, "written", None)
    if written is not None and text:
        written.append(text)


def draw_string(
    canvas: Canvas,
    x: float,
    y: float,
    text: str,
    font: str,
    size: float,
    align: str = "left",
    language: str = "",
    rtl: bool | None = None,
) -> None:
    """Draw one line at ``x`` (its left edge, "centre" or "right" edge), run by run; a line
    with Arabic or Hebrew, or any line of a paragraph that reads from the right (``rtl``),
    word by word, in the order they are seen in its paragraph's direction (see
    :func:`seen_runs`)."""
    note_written(canvas, text)
    if RIGHT_TO_LEFT.search(text) or (rtl and text.strip()):
        # a line of a paragraph that reads from the right, with Arabic or Hebrew on it or
        # not, in the order its paragraph's direction gives ("2024." ends at the left)
        _draw_bidi(canvas, x, y, ((text, font),), size, align, language, rtl)
        return
    text = text.translate(_NO_ISOLATES)  # an isolated part's, on a line without Arabic
    pieces = runs(text, font, language)
    if len(pieces) == 1 and not shaping(text, pieces[0][1]):  # in the face that has it
        canvas.setFont(pieces[0][1], size)
        if align == "centre":
            canvas.drawCentredString(x, y, text)
        elif align == "right":
            canvas.drawRightString(x, y, text)
        else:
            canvas.drawString(x, y, text)
        canvas.setFont(font, size)
        return
    widths = [piece_width(piece, face, size) for piece, face in pieces]
    if align == "centre":
        x -= sum(widths) / 2
    elif align == "right":
        x -= sum(widths)
    for (piece, face), w in zip(pieces, widths, strict=True):
        if shaping(piece, face):  # word by word, each shaped run with the text it stands for
            line = canvas.beginText(x, y)
            line.setFont(face, size)
            line.textOut(_shaped(piece, face, size))
            canvas.drawText(line)
        else:
            canvas.setFont(face, size)
            canvas.drawString(x, y, piece)
        x += w
    canvas.setFont(font, size)


def _draw_bidi(
    canvas: Canvas,
    x: float,
    y: float,
    pieces: list[tuple[str, str]] | tuple[tuple[str, str], ...],
    size: float,
    align: str,
    language: str,
    rtl: bool | None = None,
) -> None:
    """One line with right-to-left text, run by run in the order seen (see
    :func:`seen_runs`), measured as drawn."""
    seen = seen_runs(pieces, size, language, rtl)
    drawn = [(run, face, run_width(run, face, size)) for run, face in seen]
    total = sum(w for *_, w in drawn)
    x -= {"centre": total / 2, "right": total}.get(align, 0)
    for run, face, w in drawn:
        line = canvas.beginText(x, y)
        line.setFont(face, size)
        line.textOut(run)
        canvas.drawText(line)
        x += w
    if pieces:
        canvas.setFont(pieces[0][1], size)


def draw_line(
    canvas: Canvas,
    x: float,
    y: float,
    pieces: list[tuple[str, str]] | tuple[tuple[str, str], ...],
    size: float,
    language: str = "",
    fills: Sequence[Any] = (),
    rtl: bool | None = None,
) -> None:
    """Draw one line of (text, font) pieces from ``x``, in one text object: each piece in its
    font, or the shipped face that has a character its font lacks; each in its colour of
    ``fills`` when given (one a piece; None: the canvas's), a line with right-to-left text
    (or of a paragraph that reads from the right, ``rtl``) in the canvas's, in the order
    seen in its paragraph's direction ``rtl`` (see :func:`seen_runs`)."""
    note_written(canvas, "".join(piece for piece, _ in pieces))
    if any(RIGHT_TO_LEFT.search(piece) for piece, _ in pieces) or (
        rtl and any(piece.strip() for piece, _ in pieces)
    ):
        _draw_bidi(canvas, x, y, pieces, size, "left", language, rtl)
        return
    text = canvas.beginText(x, y)
    for n, (piece, font) in enumerate(pieces):
        if n < len(fills) and fills[n] is not None:
            text.setFillColor(fills[n])
        for part, face in runs(piece.translate(_NO_ISOLATES), font, language):
            text.setFont(face, size)
            text.textOut(_shaped(part, face, size))
    canvas.drawText(text)


_TAG = re.compile(r"(<[^>]*>)")


def fallback_markup(markup: str, font: str, language: str = "") -> str:
    """ReportLab paragraph markup with every run the face lacks wrapped in
    ``<font name=...>`` naming the shipped face that draws it (bold inside ``<b>``).

    Only text between tags is looked at; entities are ASCII, so they stay as they are.
    """
    if markup.isascii():
        return markup
    from reportlab.lib.fonts import ps2tt, tt2ps

    try:
        family, bold, italic = ps2tt(font)
    except ValueError:
        family, bold, italic = font, 0, 0
    depth = {"b": bold, "i": italic}
    context = _TAG.sub("", markup)  # the paragraph's script decides, not each styled word's
    out: list[str] = []
    for part in _TAG.split(markup):
        if part.startswith("<"):
            tag = part.strip("</>").split(" ")[0].lower()
            key = {"b": "b", "strong": "b", "i": "i", "em": "i"}.get(tag)
            if key:
                depth[key] += -1 if part.startswith("</") else 1
            out.append(part)
            continue
        if not part:
            continue
        face = tt2ps(family, int(depth["b"] > 0), int(depth["i"] > 0))
        for piece, drawn in runs(part, face, language, context):
            out.append(piece if drawn == face else f'<font name="{drawn}">{piece}</font>')
    return "".join(out)


# ---------------------------------------------------------------- what no face can draw


@functools.lru_cache(maxsize=16)
def _cmap(path: Path) -> frozenset[int]:
    """The code points a font file has glyphs for (its character map, without registering
    the font for drawing)."""
    from .face_metrics import code_points

    return code_points(path)


def undrawable(text: str, fonts: Iterable[str]) -> set[str]:
    """The characters of ``text`` that neither ``fonts`` nor any shipped face can draw."""
    fonts = tuple(fonts)
    if not fonts:
        return set()
    if not any(lacks(f, text) for f in fonts) and not _NEEDS_SHAPING.search(text):
        return set()
    # an invisible one too (an emoji's variation selector, a joiner no face has): drawn,
    # it would be a blank glyph that copies as nothing; the renderers leave it out
    return {c for c in set(text) if not drawable(c, fonts)}


def named(chars: Iterable[str]) -> str:
    """Characters as a message names them: 'x' (U+0078), sorted."""
    return ", ".join(
        f"'{c}' (U+{ord(c):04X})" if c.isprintable() else f"U+{ord(c):04X}" for c in sorted(chars)
    )


def unprintable(project: RawProject, theme: Theme) -> tuple[Problem, ...]:
    """One warning for each source line that holds characters no font here can draw.

    Checked once per build over the project's own texts (course.yaml, modules, tables and the
    project's templates), so a trainer is told where to edit, once, whatever the number of
    audiences and outputs; the PDFs print such characters as '?'. Each distinct character is
    looked up once, and a project whose text is all ASCII opens no font at all.
    """
    from .sources import project_texts

    return unprintable_in(_texts(project, project_texts(project)), theme)


# where a link or picture leads: "](path" written inline, or a reference's definition
# ("[star]: images/star.png" on a line of its own)
_DESTINATION = re.compile(
    r"\]\(\s*(?:<[^>\n]*>|[^)\s]*)|(?m:^ {0,3}(\[[^\]\n]+\]):[ \t]*(?:<[^>\n]*>|\S+))"
)


def _undestined(match: re.Match[str]) -> str:
    return f"{match.group(1)}:" if match.group(1) else "]("


def unprintable_in(given: Iterable[tuple[str, Location]], theme: Theme) -> tuple[Problem, ...]:
    """The warnings of :func:`unprintable` for any texts, each with the line it came from
    (a roster's names: a trainer edits the roster's line, not an output)."""
    # (where a link or a picture leads is a path or an address, never drawn: a picture
    # file named with an emoji printed fine and was warned of)
    texts = [(_DESTINATION.sub(_undestined, t), where) for t, where in given if not t.isascii()]
    chars = {c for text, _ in texts for c in text if not c.isascii() and not c.isspace()}
    if not chars:
        return ()
    bad, shaped = _unprintable_chars(chars, theme)
    found: dict[Location, set[str]] = {}
    scripts: dict[Location, set[str]] = {}
    for text, where in texts:
        here = (bad - shaped).intersection(text)
        if here:
            found.setdefault(Location(where.file, where.line), set()).update(here)
        laid = shaped.intersection(text)
        if laid:
            scripts.setdefault(Location(where.file, where.line), set()).update(laid)
    lines = sorted({*found, *scripts}, key=lambda w: (w.file, w.line or 0))
    problems = []
    for where in lines:
        if where in scripts:
            names = sorted({_script_name(c) for c in scripts[where]})
            problems.append(
                Problem(
                    where,
                    f"{' and '.join(names)} text is not laid out in PDFs yet: its letters "
                    f"print as '{SUBSTITUTE}' there (the decks show it, in its own face and "
                    "direction)",
                    "use the decks for this text, or print the PDFs without it",
                    severity="warning",
                )
            )
        if where in found:
            problems.append(
                Problem(
                    where,
                    f"no font here can draw {named(found[where])}: in PDFs, characters no "
                    f"font has print as '{SUBSTITUTE}'",
                    "use a character from the text's own script (emoji and private-use "
                    "characters have no glyph in the shipped fonts), or name a theme font "
                    "that has it",
                    severity="warning",
                )
            )
    return tuple(problems)


def _unprintable_chars(chars: set[str], theme: Theme) -> tuple[set[str], set[str]]:
    """Of ``chars``: those neither the theme's fonts nor a shipped face draw, and those of a
    script the PDFs do not lay out yet (see :func:`needs_shaping`)."""
    # the two faces most text is drawn in, registered as drawing them will need (read once
    # a process); a no-op rebuild reads no other
    from .render.fonts import characters

    drawn = characters(theme.body_font.regular) | characters(theme.heading_font.bold)
    bad = {
        c
        for c in chars
        if ord(c) not in drawn
        and not invisible(c)
        and not any(ord(c) in _cmap(face.path(False)) for face in faces_for(c) if face.may_have(c))
    }
    shaped = {c for c in chars if needs_shaping(c) and not invisible(c)}
    return bad, shaped


@dataclass(frozen=True)
class Unprintable:
    """What of a name no PDF can print: the scripts no font here draws ("Georgian"), those
    the PDFs do not lay out yet ("Tamil"), and other characters no font has (an emoji)."""

    scripts: tuple[str, ...]
    not_laid_out: tuple[str, ...]
    characters: frozenset[str]


def unprintable_names(names: Iterable[str], theme: Theme) -> dict[str, Unprintable]:
    """Each of ``names`` that would print with a '?' in it, and what of it cannot be drawn
    (a roster's names: a certificate with '?' for its name is no certificate)."""
    names = [n for n in names if not n.isascii()]
    chars = {c for name in names for c in name if not c.isascii() and not c.isspace()}
    if not chars:
        return {}
    bad, shaped = _unprintable_chars(chars, theme)
    found: dict[str, Unprintable] = {}
    for name in names:
        here = (bad | shaped).intersection(name)
        if not here:
            continue
        letters = {c for c in here if unicodedata.category(c)[0] in "LM"}
        found[name] = Unprintable(
            tuple(sorted({_script_name(c) for c in letters - shaped})),
            tuple(sorted({_script_name(c) for c in letters & shaped})),
            frozenset(here - letters),
        )
    return found


def _script_name(ch: str) -> str:
    """The script of a character as a message names it ("Devanagari", "Arabic")."""
    try:
        return unicodedata.name(ch).split()[0].title()
    except ValueError:
        return f"U+{ord(ch):04X}"


_TEMPLATE_BYTES = 10 * 1024 * 1024  # a template larger than this is not checked here


def _texts(
    project: RawProject, content: Iterable[tuple[str, Location]]
) -> Iterator[tuple[str, Location]]:
    """The content's texts, then each line of the project's own templates."""
    yield from content
    folder = project.root / "templates"
    if not folder.is_dir():
        return
    inside = project.root.resolve()
    for path in files_under(folder, ".j2"):
        try:
            # only regular files inside the project: a pipe named like a template would
            # block the read, and a link out of the project is not the project's text
            real = path.resolve()
            info = real.stat()
            if not (
                real.is_relative_to(inside)
                and stat.S_ISREG(info.st_mode)
                and info.st_size <= _TEMPLATE_BYTES
            ):
                continue  # the template stage reports a template it cannot use
            text = real.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # the template stage reports a template it cannot read
        name = path.relative_to(project.root).as_posix()
        for number, line in enumerate(text.split("\n"), start=1):
            if not line.isascii():
                yield line, Location(name, number)
