"""The content model: what a course is, in the trainer's words.

The same classes describe a course before and after tailoring. Before, a text field may hold
:class:`Variants` (one text per audience) and a list may hold :class:`Item` values limited to
some audiences; after :func:`materials_gen.tailor.tailor`, every text is a plain ``str`` and
every list holds only what the audience sees, which is what templates are written against.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Annotated, Any, Literal, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PrivateAttr,
    RootModel,
    StrictBool,
    StrictInt,
    StrictStr,
    Tag,
    model_validator,
)
from pydantic_core import PydanticCustomError

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"


# A language tag: the language, then at most four subtags (zh-Hant-TW, sr-Latn-RS, de-CH-1996)
LANGUAGE_PATTERN = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,4}$"


def canonical_tag(tag: str) -> str:
    """A language tag as BCP 47 writes it, whatever case it was typed in: the language in
    lower case, a script capitalised, a region in capitals ("ES" -> "es", "en-us" ->
    "en-US", "zh-hant-tw" -> "zh-Hant-TW"); its labels, dates and catalogs are found by it."""
    first, *rest = tag.split("-")
    parts = [first.lower()]
    for part in rest:
        if len(part) == 4 and part.isalpha():
            parts.append(part.title())
        elif len(part) == 2 and part.isalpha() or len(part) == 3 and part.isdigit():
            parts.append(part.upper())
        else:
            parts.append(part.lower())
    return "-".join(parts)


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class Variants(RootModel[dict[str, StrictStr]]):
    """One text per audience, e.g. ``{all-staff: ..., clinical: ...}``; ``default`` for the rest."""

    model_config = ConfigDict(frozen=True)


def shared_text(value: Any) -> str:
    """A text as one place that shows every audience's materials says it (the overview
    page, a build's report): its ``default``, else the first audience's of a text given per
    audience, its Markdown read (see meta.as_read); the text itself otherwise. Never the
    mapping of every audience's words."""
    from .meta import as_read

    if isinstance(value, Variants):
        given = value.root
        value = given.get("default", next(iter(given.values()), ""))
    return as_read(str(value))


def _text_kind(value: Any) -> str | None:
    if isinstance(value, str):
        return "#str"
    if isinstance(value, dict):
        return "#variants"
    if isinstance(value, Variants):
        return "#variants"
    return None


Text = Annotated[
    Union[Annotated[StrictStr, Tag("#str")], Annotated[Variants, Tag("#variants")]],  # noqa: UP007
    Discriminator(
        _text_kind,
        custom_error_type="text_type",
        custom_error_message="expected text",
    ),
]


def _audience_list(value: Any) -> Any:
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    return value


AudienceRefs = Annotated[tuple[StrictStr, ...], BeforeValidator(_audience_list)]


def _given(value: Any) -> Any:
    """An ``audience:`` written with nothing after it: a slip, never "every audience" (which
    leaving the line out says): the entry it limits would be shown to all."""
    if value is None:
        raise PydanticCustomError("audience_blank", "no audience is named")
    return value


# what limits an entry, a module or a row to some audiences: left out, it is for every
# audience; written, it names at least one ('audience:' or 'audience: []' is a mistake)
Audiences = Annotated[
    Union[Annotated[tuple[StrictStr, ...], Field(min_length=1)], None],  # noqa: UP007
    BeforeValidator(_audience_list),
    BeforeValidator(_given),
]


class ListVariants(RootModel[dict[str, tuple["ListText", ...]]]):
    """One list per audience, e.g. ``{all-staff: [...], clinical: [...]}``."""

    model_config = ConfigDict(frozen=True)


def _list_kind(value: Any) -> str | None:
    if isinstance(value, (list, tuple)):
        return "#list"
    if isinstance(value, (dict, ListVariants)):
        return "#variants"
    return None


class Item(Model):
    """A list entry limited to some audiences: ``{text: ..., audience: clinical}``."""

    text: Text
    audience: Audiences = None
    # an objective met by reflection or the evaluation form rather than a knowledge-check
    # question ("Commit to one action"): check does not ask for a question on it
    assessed: StrictBool = True


# an entry's own fields (no audience can have one of them as its id): a set of settings
# with one, in any case ("Text:"), is an entry with settings, whatever its other keys
# ("txt: ..." with "assessed: false"), never a text given per audience
ITEM_FIELDS = ("text", "audience", "assessed")
_ITEM_KEYS = set(ITEM_FIELDS)


def _item_kind(value: Any) -> str | None:
    if isinstance(value, str):
        return "#str"
    if isinstance(value, Item) or (
        isinstance(value, dict) and any(str(key).casefold() in _ITEM_KEYS for key in value)
    ):
        return "#item"
    if isinstance(value, (dict, Variants)):
        return "#variants"
    return None


ListText = Annotated[
    Union[  # noqa: UP007
        Annotated[StrictStr, Tag("#str")],
        Annotated[Item, Tag("#item")],
        Annotated[Variants, Tag("#variants")],
    ],
    Discriminator(
        _item_kind,
        custom_error_type="text_type",
        custom_error_message="expected text",
    ),
]


Lines = Annotated[
    Union[  # noqa: UP007
        Annotated[tuple[ListText, ...], Tag("#list")],
        Annotated[ListVariants, Tag("#variants")],
    ],
    Discriminator(
        _list_kind,
        custom_error_type="lines_type",
        custom_error_message="expected a list",
    ),
]
ListVariants.model_rebuild()


def _as_clock(value: Any) -> Any:
    """YAML 1.1 reads an unquoted 09:30 as the base-60 number 570; it is a time of day."""
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value // 60:02d}:{value % 60:02d}"
    return value


def _as_answer(value: Any) -> Any:
    """Answers as trainers write them: a letter (b), or true / false."""
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    if isinstance(value, str):
        return value.strip().upper()
    if value is None or isinstance(value, (list, tuple, dict)):  # one message, not three
        raise PydanticCustomError("answer_form", "one letter, or true or false")
    return value


def _as_text(value: Any) -> Any:
    """Versions are often typed as numbers (1.0); they are labels, so keep them as text."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


def _count(value: Any) -> Any:
    """A whole number as written: YAML's yes/no is a bool, which Python would count as 1 or 0."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise PydanticCustomError("int_type", "expected a whole number")
    return value


# The years a day may fall in: those a deck's (zip) file can stamp on its parts. A year
# outside them is a slip of the keyboard (2206 for 2026), and would stop the build.
FIRST_YEAR, LAST_YEAR = 1980, 2107


def _day(value: Any) -> dt.date:
    """A calendar day: a YAML date, or text like 2026-11-02; never a number or a date-time."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise PydanticCustomError("date_parsing", "no such day") from None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        if not FIRST_YEAR <= value.year <= LAST_YEAR:
            raise PydanticCustomError(
                "date_year",
                "the year {year} is not one a course is given in: a day from {first} to {last}",
                {"year": value.year, "first": FIRST_YEAR, "last": LAST_YEAR},
            )
        return value
    raise PydanticCustomError("date_type", "expected a date")


# Minutes, counts and days checked strictly: 'duration: yes' is a mistake, never 1 minute.
Minutes = Annotated[StrictInt, Field(gt=0, le=24 * 60)]
# the most minutes of a break, a sign-in, a knowledge check or an evaluation
MOST_ROOM_MINUTES = 120
RoomMinutes = Annotated[StrictInt, Field(ge=0, le=MOST_ROOM_MINUTES)]


class MinuteVariants(RootModel[dict[str, Minutes]]):
    """Minutes per audience, e.g. ``duration: {all-staff: 15, clinical: 25}`` (the clinical
    session goes deeper); ``default`` for the rest."""

    model_config = ConfigDict(frozen=True)


# A module's duration: minutes, or minutes per audience; anything but a mapping is read as
# minutes, so that "ten" is told it must be a whole number
Duration = Annotated[
    Union[  # noqa: UP007
        Annotated[Minutes, Tag("#minutes")],
        Annotated[MinuteVariants, Tag("#variants")],
    ],
    Discriminator(
        lambda value: "#variants" if isinstance(value, (dict, MinuteVariants)) else "#minutes"
    ),
]


Day = Annotated[dt.date, BeforeValidator(_day)]


class Audience(Model):
    id: Annotated[StrictStr, Field(pattern=SLUG_PATTERN, max_length=60)]
    name: StrictStr
    description: StrictStr = ""
    includes: AudienceRefs = ()
    continuing_education: StrictBool = (
        False  # contact hours on certificates, sign-out and licence on sign-in
    )
    # large print for this audience's handout, guide and forms; None: the project's setting
    large_print: StrictBool | None = None


class Support(Model):
    """Where help is: named in the content note and on closing pages."""

    name: Text
    details: Text = ""
    audience: Audiences = None


def _aspect(value: Any) -> Any:
    """YAML 1.1 reads an unquoted 16:9 as the base-60 number 969 (and 4:3 as 243)."""
    return {969: "16:9", 243: "4:3"}.get(value, value) if isinstance(value, int) else value


class DeckSettings(Model):
    """The deck's template and how its slide kinds map to the template's layouts."""

    template: StrictStr | None = None  # a .pptx or .potx in the project; None: built-in
    aspect: Annotated[Literal["16:9", "4:3"], BeforeValidator(_aspect)] = "16:9"
    layouts: dict[StrictStr, StrictStr] = {}
    # slides on each page of the printed slide handout
    per_page: Annotated[Literal[1, 2, 3, 6], BeforeValidator(_count)] = 3


def _word(value: Any) -> Any:
    """A choice as trainers type it ("A4", "Letter", "Landscape"): its case left out, as
    the command's options leave it out."""
    return value.strip().lower() if isinstance(value, str) else value


def _no_bleed(value: Any) -> Any:
    """``bleed: 0`` and ``bleed: off`` (which YAML reads as a number and as no) are no
    bleed, as ``none`` is; any other number still wants its unit."""
    if value is False or (
        isinstance(value, (int, float)) and not isinstance(value, bool) and value == 0
    ):
        return "none"
    return value


class PosterSettings(Model):
    """Paper and print options for the poster (checked by :mod:`materials_gen.paper`)."""

    size: Annotated[StrictStr, BeforeValidator(_as_text)] = "18x24"
    orientation: Annotated[Literal["portrait", "landscape"], BeforeValidator(_word)] = "portrait"
    bleed: Annotated[StrictStr | None, BeforeValidator(_no_bleed)] = None
    tile: StrictStr | None = None


CLOCK_PATTERN = r"^([01]?\d|2[0-3]):[0-5]\d$"
Clock = Annotated[StrictStr, BeforeValidator(_as_clock), Field(pattern=CLOCK_PATTERN)]


class SessionSettings(Model):
    """The live session: who runs it, for how many, for how long."""

    trainer: StrictStr = ""
    group_size: Annotated[StrictInt, Field(ge=1, le=500)] = 20
    length: Minutes | None = None
    start: Clock = "09:00"
    date: Day | None = None  # the day of the session: certificates, the sign-in sheet
    break_every: Minutes | None = None
    break_length: Annotated[StrictInt, Field(gt=0, le=MOST_ROOM_MINUTES)] = 10
    # minutes for what happens in the room besides the modules: the plan times them too
    # (sign-in and the knowledge check before the first module, if there are questions; the
    # knowledge check and the evaluation after the last)
    sign_in: RoomMinutes = 0
    pre_test: RoomMinutes = 0
    post_test: RoomMinutes = 0
    evaluation: RoomMinutes = 0


class ContinuingEducation(Model):
    """Who approved the session for continuing-education credit: printed beside the contact
    hours (certificates), and asked for by check wherever contact hours are printed."""

    accrediting_body: StrictStr = ""
    approval_number: StrictStr = ""


class AssessmentSettings(Model):
    """The knowledge checks: how many questions each form must have (a continuing-education
    post-test often needs a minimum; check warns below it)."""

    minimum_items: Annotated[StrictInt, Field(ge=1, le=200)] | None = None


class Settings(Model):
    paper: Annotated[Literal["letter", "a4"], BeforeValidator(_word)] = "letter"
    output: StrictStr = "output"
    deck: DeckSettings = DeckSettings()
    poster: PosterSettings = PosterSettings()
    session: SessionSettings = SessionSettings()
    assessment: AssessmentSettings = AssessmentSettings()
    continuing_education: ContinuingEducation = ContinuingEducation()
    # check warns of a module a continuing-education audience sees that cites no source
    require_sources: StrictBool = False
    # also write index.html, the overview of every output, into the output folder (--index)
    index: StrictBool = False
    # large print for every audience's handout, guide and forms (an audience may set its own)
    large_print: StrictBool = False
    # the PDFs for a colour printer, or "bw" for a black-and-white one (--print)
    print: Literal["colour", "color", "bw"] = "colour"


class PosterPanel(Model):
    """The poster's audience panel: what this audience can do."""

    title: Text = "What you can do"
    points: Lines = ()


class Poster(Model):
    """What the wall poster says beside the comparison table."""

    headline: Text = ""
    subtitle: Text = ""
    table: Any = None  # a table id in the file; the Table once validated
    panel: PosterPanel = PosterPanel()
    note: Text = ""

    @property
    def shows_something(self) -> bool:
        """Whether it shows anything beside its headline: a table, the panel's points or a
        note (an audience's poster, once tailored: else no poster is made for it)."""
        return bool(self.table is not None or self.panel.points or self.note)


class Activity(Model):
    title: Text
    duration: Minutes | None = None
    instructions: Text = ""
    materials: tuple[ListText, ...] = ()
    # the cards the activity hands out (case summaries, example practices): the facilitator
    # guide prints them, one box each, to cut out
    cards: tuple[ListText, ...] = ()
    audience: Audiences = None


class Image(Model):
    """A picture shown in a module body: a project-relative path, its alt text and size."""

    path: StrictStr
    alt: StrictStr = ""
    width: int = 0
    height: int = 0
    # in a sentence ("look for the ![icon](...) beside..."), not a paragraph of its own: the
    # deck gives it no slide of its own
    inline: StrictBool = False


class Block(Model):
    """A run of Markdown prose from a module body, maybe limited to some audiences."""

    text: StrictStr
    line: int = 0
    conditions: tuple[tuple[str, ...], ...] = ()
    images: tuple[Image, ...] = ()


class Column(Model):
    id: Annotated[StrictStr, Field(pattern=SLUG_PATTERN)]
    heading: Text


class Row(Model):
    """A table row: one cell per column id, maybe limited to some audiences."""

    cells: dict[str, Text]
    audience: Audiences = None

    @model_validator(mode="before")
    @classmethod
    def _split_cells(cls, value: Any) -> Any:
        if isinstance(value, dict) and "cells" not in value:
            cells = {k: v for k, v in value.items() if k != "audience"}
            result: dict[str, Any] = {"cells": cells}
            if "audience" in value:
                result["audience"] = value["audience"]
            return result
        return value


class Table(Model):
    id: StrictStr = ""
    title: Text = ""
    caption: Text = ""
    columns: Annotated[tuple[Column, ...], Field(min_length=1)]
    rows: tuple[Row, ...] = ()
    # a table of three columns that compares the second with the third, row by row (the
    # first names each row): the deck shows the two side by side before the whole table
    compare: StrictBool = False


class Question(Model):
    """A knowledge-check question: multiple choice (options) or true/false (no options)."""

    question: Text
    options: tuple[ListText, ...] = ()
    answer: Annotated[Union[StrictStr, bool, int], BeforeValidator(_as_answer)]  # noqa: UP007
    explanation: Text = ""
    audience: Audiences = None
    # the module's objective it tests, counted from 1: questions on one objective are shared
    # out between the pre-test and the post-test (see assessment.py)
    objective: Annotated[StrictInt, Field(ge=1, le=50)] | None = None
    # false: the options keep the order written ("All of the above" last)
    shuffle: StrictBool = True

    @property
    def kind(self) -> str:
        return "multiple choice" if self.options else "true or false"

    @property
    def letters(self) -> tuple[str, ...]:
        return tuple("ABCDEFGH"[: len(self.options)])

    @property
    def correct(self) -> str:
        """The right answer as printed on the key: a letter, or True / False."""
        if not self.options:
            return "True" if self.answer is True else "False"
        return str(self.answer)


UNDATED = "n.d."  # a source's year when it has none, as written in the content


class Source(Model):
    """A reference a module or the course rests on: a report, guideline, book or web page."""

    author: StrictStr  # a person ("Bride, B. E.") or an organization
    year: Annotated[Union[StrictInt, StrictStr], BeforeValidator(_as_text)] = UNDATED  # noqa: UP007
    title: StrictStr
    number: StrictStr = ""  # a report's or series' number: "TIP 57", "HHS Publication No. ..."
    publisher: StrictStr = ""  # left out when it is the author, as APA style does
    url: StrictStr = ""
    audience: Audiences = None

    @property
    def apa(self) -> str:
        """The reference in APA style (7th edition), as Markdown: Author. (Year). *Title*
        (Number). Publisher. URL"""
        author = self.author.strip()
        parts = [author if author.endswith(".") else f"{author}.", f"({self.printed_year})."]
        title = self.title.strip().rstrip(".")
        number = f" ({self.number.strip()})" if self.number.strip() else ""
        # a title that ends in its own question or exclamation mark takes no full stop
        end = "" if title.endswith(("?", "!")) and not number else "."
        parts.append(f"*{_markdown_safe(title)}*{number}{end}")
        if self.publisher and self.publisher.strip().rstrip(".") != author.rstrip("."):
            publisher = self.publisher.strip()
            parts.append(publisher if publisher.endswith(".") else f"{publisher}.")
        url = self.url.strip()
        if url:  # a web address a reader of the PDF can follow (an autolink)
            followed = re.fullmatch(r"(?i)(https?|mailto):[^\s<>]+", url)
            parts.append(f"<{url}>" if followed else url)
        return " ".join(parts)

    @property
    def cite(self) -> str:
        """How the text cites it, as APA does: "Bride (2004)" for a person written "Bride,
        B. E.", "Bride & Robinson (2004)" for two, "Bride et al. (2004)" for three or more
        ("Bride, B. E., Robinson, M. M., & Figley, C. R."); the whole name of an
        organization ("University of California, San Francisco")."""
        author = self.author.strip()
        parts = [p.strip() for p in _AUTHOR_PARTS.split(author) if p.strip()]
        people = len(parts) >= 2 and len(parts) % 2 == 0
        if people and all(_INITIALS.fullmatch(p) for p in parts[1::2]):
            surnames = parts[0::2]
            if len(surnames) == 1:
                name = surnames[0]
            elif len(surnames) == 2:
                name = f"{surnames[0]} & {surnames[1]}"
            else:
                name = f"{surnames[0]} et al."
        else:
            name = author.rstrip(".")
        return f"{name} ({self.printed_year})"

    @property
    def printed_year(self) -> str:
        """The year as a reference prints it: an undated work's "n.d." in the output's
        language ("s. f." in Spanish), as APA's own translations write it."""
        from .i18n import label

        # Translators: APA's mark for a work with no date ("no date"): "s. f." in Spanish,
        # "s. d." in French.
        return label("n.d.") if self.year == UNDATED else str(self.year)


def in_apa_order(sources: Iterable[Source]) -> tuple[Source, ...]:
    """``sources`` once each (the same reference written twice counts once), in the order of
    an APA reference list, which is also the order of several works cited together: by
    author, then year (an undated work, "n.d.", first), then title."""
    found: dict[str, Source] = {}
    for source in sources:
        found.setdefault(source.apa, source)
    return tuple(
        sorted(
            found.values(),
            key=lambda s: (s.author.lower(), s.year != UNDATED, str(s.year), s.title.lower()),
        )
    )


# an APA author list: "Bride, B. E., Robinson, M. M., & Figley, C. R." in its pieces
_AUTHOR_PARTS = re.compile(r",\s*(?:&\s*)?|\s+&\s+")
_INITIALS = re.compile(r"(?:[A-Z\u00c0-\u00de][a-z]?\.[\s-]*)+")  # "B. E.", "M.-L.", "Ch."


def _markdown_safe(text: str) -> str:
    """Text set in italics by Markdown: its own marks kept as written (an asterisk, a
    backslash, a bracket or a backtick printed as typed, not read)."""
    from .document import MARKS

    return "".join(f"\\{c}" if c in MARKS else c for c in text)


class Module(Model):
    id: StrictStr = ""
    file: StrictStr = ""
    title: Text
    audience: Audiences = None
    duration: Duration | None = None
    objectives: tuple[ListText, ...] = ()
    key_points: tuple[ListText, ...] = ()
    notes: Text = ""
    reflection: tuple[ListText, ...] = ()
    takeaway: Text = ""
    activities: tuple[Activity, ...] = ()
    content_note: Text = ""
    # minutes of break after it
    break_after: Annotated[StrictInt, Field(gt=0, le=MOST_ROOM_MINUTES)] | None = None
    questions: tuple[Question, ...] = ()
    sources: tuple[Source, ...] = ()
    tables: tuple[Any, ...] = ()  # table ids in the file; Table objects once validated
    body: tuple[Block, ...] = ()

    @property
    def references(self) -> tuple[Source, ...]:
        """The module's sources once each, in APA order: as its guide page lists them and its
        slide cites them (the handout's reference list is in the same order)."""
        return in_apa_order(self.sources)

    @property
    def prose(self) -> str:
        """The module's Markdown body as the audience sees it (after tailoring)."""
        return "\n\n".join(block.text for block in self.body)

    @property
    def images(self) -> tuple[Image, ...]:
        """The pictures in the module's body, in order (after tailoring: the audience's)."""
        return tuple(image for block in self.body for image in block.images)


class Course(Model):
    # a translation's texts printed in its source's language, and that language (see
    # translations.translated_courses): the outputs mark them so, for screen readers
    _source_texts: tuple[str, frozenset[str]] = PrivateAttr(default=("", frozenset()))
    # of a translation: what of each field of its files each file gives, by the part of
    # the content each is (see translations.origins_of), for a rebuild's reasons
    _origins: Mapping[str, Mapping[str, str]] = PrivateAttr(default_factory=dict)

    title: Text
    subtitle: Text = ""
    slug: Annotated[StrictStr, Field(pattern=SLUG_PATTERN, max_length=60)] | None = None
    organization: StrictStr
    author: StrictStr = ""
    version: Annotated[StrictStr, BeforeValidator(_as_text)]
    date: Day
    language: Annotated[
        StrictStr, Field(pattern=LANGUAGE_PATTERN), AfterValidator(canonical_tag)
    ] = "en-US"
    keywords: tuple[StrictStr, ...] = ()
    summary: Text = ""
    audiences: Annotated[tuple[Audience, ...], Field(min_length=1)]
    support: tuple[Support, ...] = ()
    modules: Annotated[
        tuple[Any, ...], Field(min_length=1)
    ]  # ids in the file; Module objects once validated
    settings: Settings = Settings()
    poster: Poster = Poster()
    sources: tuple[Source, ...] = ()  # what the whole course rests on

    @property
    def references(self) -> tuple[Source, ...]:
        """Every source of the course and its modules, once each, in the order of an APA
        reference list: by author, then year (an undated work, "n.d.", first), then title."""
        return in_apa_order(
            (*self.sources, *(s for m in self.modules if isinstance(m, Module) for s in m.sources))
        )

    @property
    def questions(self) -> tuple[Question, ...]:
        """Every knowledge-check question, module by module (after tailoring: the audience's)."""
        return tuple(q for m in self.modules if isinstance(m, Module) for q in m.questions)

    def audience(self, audience_id: str) -> Audience:
        for audience in self.audiences:
            if audience.id == audience_id:
                return audience
        raise KeyError(audience_id)
