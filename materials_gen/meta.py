"""A document's metadata, typed and checked once: what every output stamps on itself.

A template writes its document's metadata as YAML front matter (title, audience, version,
date...). Front matter is untyped: a trainer's template can write a date that is no date, a
title that is a list, or leave a field out. Every renderer used to read the raw mapping with
``str(meta.get(...))`` and its own fallbacks, so one bad value printed ``['a', 'b']`` in a
footer or dated a PDF 1 January 2000 without a word. :func:`document_meta` reads the mapping
once, says clearly what is wrong, and gives the renderers a frozen record whose fields are
always text (empty when not given), a real date, or a tuple of keywords.

Renderers stamp from it with :class:`materials_gen.render.pdf.Stamp` (PDF) or the deck's
own writer; the texts every footer shows (``footer_left``, ``version_label``, ``long_date``)
are made here, so a handout, a poster and printed slides say the same thing the same way.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .errors import ContentError, Location, Problem, did_you_mean

# the fields an output reads; a template may write others (they are kept in ``extra``)
TEXT_FIELDS = (
    "title",
    "subtitle",
    "audience",
    "audience_description",
    "organization",
    "author",
    "version",
    "subject",
    "summary",
    "kind_label",
    "footer",
    "headline",
    "note",
)
# every field an output reads (a template's other fields are told as its slips)
FIELDS = frozenset({*TEXT_FIELDS, "date", "keywords", "language", "layout"})
LAYOUTS = ("", "form")
LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
MAX_TEXT = 2000  # characters of one metadata value: a title, not a chapter
NO_DATE = dt.date(2000, 1, 1)  # the files' date when the content has none (never the clock)


@dataclass(frozen=True)
class DocumentMeta:
    """The checked metadata of one document (one output of one audience)."""

    title: str = ""
    subtitle: str = ""
    audience: str = ""
    audience_description: str = ""
    organization: str = ""
    author: str = ""
    version: str = ""
    subject: str = ""
    summary: str = ""
    kind_label: str = ""  # "Participant handout", "Sign-in sheet"...
    footer: str = ""  # a template's own footer line (the deck's), else made from the rest
    headline: str = ""  # the poster's headline
    note: str = ""  # the poster's closing note
    date: dt.date | None = None  # the content's date: never the build's clock
    language: str = "en-US"
    keywords: tuple[str, ...] = ()
    layout: str = ""  # "form": a one-off form (a slim band, no title page)
    extra: tuple[tuple[str, Any], ...] = ()  # anything else the template wrote

    # ------------------------------------------------------------- texts to stamp

    @property
    def long_date(self) -> str:
        """The content's date as people read it, in the output's language: "4 March 2025",
        "4 de marzo de 2025" (empty without a date)."""
        from .i18n import current

        return current().long_date(self.date) if self.date else ""

    @property
    def pdf_date(self) -> str:
        """The PDF creation and modification date: the content's date, so that rebuilding the
        same content gives the same bytes (1 January 2000 without a date)."""
        day = self.date or NO_DATE
        return f"D:{day:%Y%m%d}000000Z"

    @property
    def version_label(self) -> str:
        from .i18n import label

        return label("Version {version}", version=self.version) if self.version else ""

    @property
    def title_line(self) -> str:
        """Title · audience: what a printed page says it belongs to (each part kept whole in
        its own direction, where one is Arabic or Hebrew: see reading_order.isolated_join)."""
        from .reading_order import isolated_join

        return isolated_join((self.title, self.audience))

    @property
    def footer_left(self) -> str:
        """The running footer's left part: the template's footer line, or title · audience."""
        return self.footer or self.title_line

    @property
    def footer_written(self) -> str:
        """What a trainer wrote that the running footer shows, to name its line when it is
        too long: the template's footer line, else the longer of the title and the audience
        name (the footer joins them, so its own text is in no file)."""
        return self.footer or max((self.title, self.audience), key=len)

    @property
    def author_name(self) -> str:
        """Who the file's Author field names: the organization, else the author."""
        return self.organization or self.author

    def page_label(self, page: int, total: int) -> str:
        """The running footer's right part: "Version 1.2 · 4 March 2025 · Page 2 of 4" (the
        version and the content's date on every printed page, so an old copy is recognised).
        Each part is kept whole in its own direction where one is Arabic or Hebrew (an Arabic
        date beside English labels reads as one phrase: see reading_order.isolated_join)."""
        from .i18n import label
        from .reading_order import isolated_join

        pages = label("Page {page} of {total}", page=page, total=total)
        return isolated_join((self.version_label, self.long_date, pages))


def as_read(text: str) -> str:
    """A line of front matter (a title, an audience's name) as a reader sees it: its
    Markdown read, as the deck's title slide and the forms' lines read the same text, and
    its marks left out ("Safe Rooms & *Calm* Spaces" is "Safe Rooms & Calm Spaces" on a
    title page, in a running footer and in the file's properties), never printed as typed."""
    from .document import MARKS, inline_markdown, plain

    if not any(mark in text for mark in MARKS):  # (read as it is)
        return text
    return plain(inline_markdown(text))


def _text(name: str, value: Any, problems: list[Problem], where: Location | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float, dt.date)):
        problems.append(
            Problem(
                where,
                f"the front matter's '{name}' is a {_kind(value)}, not text",
                f"write one line of text, e.g. {name}: {{{{ course.{name} | json }}}}",
            )
        )
        return ""
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    if len(text) > MAX_TEXT:
        problems.append(
            Problem(
                where,
                f"the front matter's '{name}' is {len(text):,} characters long "
                f"(at most {MAX_TEXT:,})",
                "metadata is a line, not a paragraph: shorten it in the content",
            )
        )
        return ""
    return text


def _kind(value: Any) -> str:
    if isinstance(value, Mapping):
        return "mapping"
    if isinstance(value, (list, tuple)):
        return "list"
    if isinstance(value, bool):
        return "true/false value"
    return type(value).__name__


def _date(value: Any, problems: list[Problem], where: Location | None) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    problems.append(
        Problem(
            where,
            f"the front matter's 'date' is '{value}', not a date",
            "write it as YYYY-MM-DD, e.g. date: {{ course.date | json }}",
        )
    )
    return None


def _keywords(value: Any, problems: list[Problem], where: Location | None) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        return tuple(as_read(k.strip()) for k in value.split(",") if k.strip())
    if isinstance(value, (list, tuple)) and all(
        isinstance(k, (str, int, float)) and not isinstance(k, bool) for k in value
    ):
        return tuple(as_read(str(k)) for k in value if str(k).strip())
    problems.append(
        Problem(
            where,
            "the front matter's 'keywords' must be a list of words or phrases",
            "write e.g. keywords: {{ course.keywords | list | json }}",
        )
    )
    return ()


def document_meta(meta: Mapping[str, Any], source: str | None = None) -> DocumentMeta:
    """The checked metadata of a document's front matter; ContentError naming every bad field.

    ``source`` names where the front matter came from (e.g. "intermediate handout for
    clinical (from handout.md.j2)"), for the messages.
    """
    where = Location(source) if source else None
    problems: list[Problem] = []
    if source is None:  # say which document it is, as well as the front matter can tell
        label, audience = meta.get("kind_label"), meta.get("audience")
        what = str(label) if isinstance(label, str) and label else "document"
        if isinstance(audience, str) and audience:
            what += f" for {audience}"
        where = Location(f"the {what[0].lower() + what[1:]} (its template's front matter)")
    fields: dict[str, Any] = {
        name: as_read(_text(name, meta.get(name), problems, where)) for name in TEXT_FIELDS
    }
    fields["date"] = _date(meta.get("date"), problems, where)
    fields["keywords"] = _keywords(meta.get("keywords"), problems, where)
    language = meta.get("language")
    if language is None or language == "":
        fields["language"] = "en-US"
    elif isinstance(language, str) and LANGUAGE.match(language.strip()):
        fields["language"] = language.strip()
    else:
        problems.append(
            Problem(
                where,
                f"the front matter's 'language' is '{language}', not a language tag",
                "write e.g. language: {{ course.language | json }} (a tag such as en-US)",
            )
        )
    layout = meta.get("layout") or ""
    if layout in LAYOUTS:
        fields["layout"] = layout
    else:
        problems.append(
            Problem(
                where,
                f"the front matter's 'layout' is '{layout}'; the only layout is 'form'",
                did_you_mean(str(layout), [x for x in LAYOUTS if x])
                or "leave it out for a document with a title page",
            )
        )
    fields["extra"] = tuple((str(k), v) for k, v in meta.items() if k not in FIELDS)
    if problems:
        raise ContentError(problems)
    return DocumentMeta(**fields)
