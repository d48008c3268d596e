"""Short units that never break across lines: "(10 min)", "1 h 45 min", "20 pt", "10:05 AM".

A duration, a size or a time of day read across two lines ("(10" / "min)", "10:05" / "AM")
is misread. Every text of a document has its units and clock times bound with no-break
spaces as it is parsed (:mod:`document`), so the deck, the printed pages, posters and forms
all keep them whole, and every measurement (:mod:`fit`) honours them.
"""

from __future__ import annotations

import re

from .glyphs import RIGHT_TO_LEFT  # the letters of Arabic and Hebrew

NBSP = "\u00a0"
# the spaces no line breaks at: the no-break space, the figure space and the narrow no-break
# space (which Babel writes in "9:00 AM" and French numbers)
NO_BREAK_SPACES = "\u00a0\u2007\u202f"
NO_BREAK_SPACE = re.compile(f"[{NO_BREAK_SPACES}]")

# the letters of a phrase kept whole on its line ("3 December 2026", "1.83 contact hours",
# "4 = En gran parte"); a longer one ("23 Mwedi wa Nnyano na Nnyano na U 2026") is read as
# words, and breaks between them as any text does
PHRASE_MOST = 24


def kept_whole(text: str) -> str:
    """``text`` with its white space made single no-break spaces when it is a short phrase
    (at most :data:`PHRASE_MOST` letters), so that no line parts it; a longer one with single
    plain spaces. A bound phrase a line is too narrow for still breaks at its spaces, never
    inside a word (see ``render/pdf.py``)."""
    words = text.split()
    return (NBSP if len(" ".join(words)) <= PHRASE_MOST else " ").join(words)


_UNIT = r"(?:h|hr|hrs|hours?|min|mins|minutes?|s|sec|secs|seconds?|pt|px|mm|cm|m|km|kg|g|%)"
_AMOUNT = rf"\d+(?:[.,]\d+)? {_UNIT}(?!\w)"
_UNITS = re.compile(rf"(?<![\w.,]){_AMOUNT}(?: {_AMOUNT})*")
_DIGIT = re.compile(r"\d")

# A clock time with the part of the day written beside it, as typed or as Babel writes it
# in some languages with an ordinary space: "10:05 AM", "1:05 p.m.", "1:05 a. m.", Canadian
# French "13 h 05", Greek "1:05 μ.μ.", Thai "13:05 น.", Arabic "1:05 م", Korean "오후 1:05"
_TIME = r"\d{1,2}(?:[:.]\d{2}| h \d{2})"
_DAY_PART = r"(?:[AaPp]\.? ?[Mm]\.?|[μπ]\.μ\.|น\.|[صم])"
_CLOCK = re.compile(
    rf"(?<![\w.,:])(?:(?:오전|오후) {_TIME}|{_TIME} {_DAY_PART}(?![^\W_])|\d{{1,2}} h \d{{2}})"
)


def bind_units(text: str) -> str:
    """``text`` with the spaces inside "10 min", "1 h 45 min", "20 pt" and clock times
    ("10:05 AM", "13 h 05") made no-break spaces.

    A duration, a size or a time read across two lines ("(10" / "min)") is misread; a
    no-break space keeps it whole in PowerPoint, LibreOffice, ReportLab and in
    :class:`Measure`.
    """
    if " " not in text or _DIGIT.search(text) is None:
        return text
    if RIGHT_TO_LEFT.search(text) is None:
        text = _CLOCK.sub(lambda found: found.group(0).replace(" ", NBSP), text)
        text = _PHONE.sub(_phone_whole, text)
        return _UNITS.sub(lambda found: found.group(0).replace(" ", NBSP), text)
    text = _CLOCK.sub(_clock_beside_right_to_left, text)
    # a phone number's groups bound: a no-break space between two numbers keeps them one
    # number read from the left, where spaces beside Arabic or Hebrew reverse the groups
    text = _PHONE.sub(_phone_whole, text)
    # beside Arabic or Hebrew, a unit written the Latin way ("5 min" after an Arabic title)
    # is marked as read from the left where its number starts, or the algorithm that orders
    # such a line shows its number after its word: "(min 5)" (its word is read from the left
    # of itself: a mark after it would part it from the space that follows)
    text = _UNITS.sub(lambda found: LRM + found.group(0).replace(" ", NBSP), text)
    # a number after Arabic or Hebrew words that starts a phrase written the Latin way
    # ("3 December 2026" on a certificate beside an Arabic name) is marked as that phrase
    # is read, from the left: "December 2026 3" otherwise. A number with no Latin word
    # after it ("الوحدة 2") is the Arabic or Hebrew text's own, and left as it is; one
    # after Latin words ("Call 988 or ...") is read from the left already.
    return _LATIN_PHRASE.sub(lambda found: _after_right_to_left(found, text), text)


# A phone number written in groups of digits ("0800 000 1234", "+44 20 7946 0958",
# "(555) 010 0100"): read across two lines ("0800" / "000 1234"), it is misdialled. Groups of
# two to five digits parted by single spaces, with 7 to 15 digits in all (as ITU's E.164
# allows), not inside a longer number
_PHONE = re.compile(
    r"(?<![\w.,:+(])(?:\+\d{1,3} )?(?:\(\d{2,5}\) ?)?\d{2,5}(?: \d{2,5}){1,4}(?![\w.,:]?\d)"
)


def _phone_whole(found: re.Match[str]) -> str:
    """A phone number's spaces made no-break spaces; a run of numbers that is a list rather
    than a phone number ("Rooms 101 102 103 104", "10 20 30 40") left as it is: a phone
    number starts with "+", a bracketed area code or 0, or its groups are not all alike."""
    number = found.group(0)
    digits = sum(ch.isdigit() for ch in number)
    groups = [len(g.strip("()+")) for g in number.split()]
    dialled = number[0] in "+(0" or len(set(groups)) > 1 and groups[-1] >= 3
    return number.replace(" ", NBSP) if 7 <= digits <= 15 and dialled else number


def may_part(text: str) -> bool:
    """Whether ``text`` is a phrase bound by no-break spaces that a line too narrow for it
    may break at those spaces, at the last: a date, a short phrase; never one that holds a
    unit or a clock time ("(10 min)", "10:05 AM"), which stays whole."""
    if NO_BREAK_SPACE.search(text) is None:
        return False
    plain = NO_BREAK_SPACE.sub(" ", text)
    return not (_UNITS.search(plain) or _CLOCK.search(plain))


def _after_right_to_left(found: re.Match[str], text: str) -> str:
    """The number ``found``, marked as read from the left when the last letter before it
    is Arabic or Hebrew."""
    last = next((c for c in reversed(text[: found.start()]) if c.isalpha()), "")
    return LRM + found.group(0) if last and RIGHT_TO_LEFT.match(last) else found.group(0)


# a number followed by a space (a no-break space in a date) and a Latin word, not inside a
# number or already marked
_LATIN_PHRASE = re.compile(r"(?<![\w.,:\u200e])\d+(?=[ \u00a0][A-Za-z])")


def _clock_beside_right_to_left(found: re.Match[str]) -> str:
    """A clock time bound whole; one written the Latin way ("10:05 AM", "13 h 05") marked as
    read from the left where it starts, as a unit is (below): "AM 10:05" otherwise."""
    bound = found.group(0).replace(" ", NBSP)
    return LRM + bound if _LATIN_LETTER.search(bound) else bound


_LATIN_LETTER = re.compile("[A-Za-z]")
LRM = "\u200e"  # the left-to-right mark: a strong left-to-right character that draws nothing
