"""One audience's edition of the course: what its outputs share, each made once per build.

Every output of an audience reads the same tailored course; the deck, the printed slides,
the notes pages and the guide read the same deck. An :class:`Edition` makes each of these
the first time an output asks and keeps it, so nothing is templated, parsed or laid out
twice, and an output whose inputs did not change asks for nothing at all.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import context
from .errors import Location, Problem
from .kinds import KINDS, Kind, TemplateReads, template_reads

if TYPE_CHECKING:
    from .document import Document
    from .i18n import Labels
    from .model import Audience, Course
    from .render import RenderOptions
    from .render.layout import LaidOutDeck
    from .roster import Attendee
    from .theme import Theme


def session_day(text: str) -> dt.date:
    """The --date option's day; UsageError for anything but a real YYYY-MM-DD day in a year
    a course is given in."""
    from .errors import Problem, UsageError
    from .model import FIRST_YEAR, LAST_YEAR

    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        message = f"--date '{text}' is not a day"
    else:
        if FIRST_YEAR <= day.year <= LAST_YEAR:
            return day
        message = f"--date '{text}': the year {day.year} is not one a course is given in"
    raise UsageError(
        [
            Problem(
                None,
                message,
                f"write the day of the session as YYYY-MM-DD, from {FIRST_YEAR} to "
                f"{LAST_YEAR}, e.g. --date 2026-12-03",
            )
        ]
    )


def attendees_for(attendees: tuple[Attendee, ...], audience_id: str) -> tuple[Attendee, ...]:
    """The roster's people for one audience (a row without an audience is for every one)."""
    return tuple(a for a in attendees if not a.audience or a.audience == audience_id)


class Edition:
    """The course for one audience in one build (``start`` and ``date``: the --start and
    --date options, if given)."""

    def __init__(
        self,
        root: Path,
        course: Course,
        audience: Audience,
        settings: RenderOptions,
        *,
        start: str | None = None,
        date: str | None = None,
        attendees: tuple[Attendee, ...] = (),
        theme: Theme | None = None,
        large_print: bool | None = None,
        reads: dict[str, TemplateReads] | None = None,
    ):
        """``reads``: what each template reads, shared by the editions of one build (the
        templates are the same for every audience and language)."""
        self.root = Path(root)
        self.course = course
        self.audience = audience
        self.settings = settings
        self.start_option = start
        self.date_option = date
        self.large_print_option = large_print
        self._all_attendees = attendees
        self._theme = theme
        self._markdown: dict[str, str] = {}
        self._documents: dict[str, Document] = {}
        self._pictures: dict[str, dict[str, bytes]] = {}
        self._reads: dict[str, TemplateReads] = {} if reads is None else reads

    @property
    def audience_id(self) -> str:
        return self.audience.id

    @property
    def theme(self) -> Theme:
        if self._theme is None:
            from .theme import load_theme

            self._theme = load_theme(self.root)
        return self._theme

    @cached_property
    def tailored(self) -> Course:
        return self.data.tailored

    @cached_property
    def data(self) -> context.AudienceData:
        """The tailored course as its templates see it, and its session plans."""
        from .i18n import speaking

        with speaking(self.labels):  # what the view computes ("n.d."), in its language
            return context.audience_data(self.course, self.audience, self.labels.option_letters())

    @cached_property
    def view(self) -> context.Record:
        return self.data.view

    @cached_property
    def content_key(self) -> str:
        """Hashes of the content this audience sees (what its templates are given): the
        course without its settings, then the settings (most of which are inputs of their
        own, so that a rebuild can tell "settings: paper changed" from a content edit), then
        one line for each file's part of the content (``file=hash``: the course file, each
        module and table), so that a rebuild names the files whose content this audience
        sees changed, not every file edited since (see :func:`inputs.content_parts`)."""
        from .manifest import text_hash

        def digest(part: object) -> str:
            return text_hash(
                json.dumps(part, sort_keys=True, default=_jsonable, ensure_ascii=False)
            )

        course = {k: v for k, v in self.view.items() if k != "settings"}
        # an audience's large-print setting is content too: a template may print it (the
        # renderers' large print is an input of its own, told apart when the Markdown
        # stays the same)
        audience = context.plain(self.audience)
        content = {"course": course, "audience": audience}
        modules = course.get("modules", ())
        folder = self.content_folder
        parts: dict[str, str] = {}
        # what the course file says (the lists modules add to are theirs, not its)
        own = {k: v for k, v in course.items() if k not in _FROM_MODULES}
        parts[f"{folder}course.yaml"] = digest({"course": own, "audience": audience})
        for module in modules:
            tables = module.get("tables", ())
            parts[str(module.get("file", ""))] = digest(
                {k: v for k, v in module.items() if k != "tables"}
            )
            for table in tables:
                parts[f"tables/{table.get('id', '')}.yaml"] = digest(table)
        # the parts as one line of JSON: a file's name may hold any character
        parts_line = json.dumps(parts, sort_keys=True, ensure_ascii=True)
        return "\n".join([digest(content), digest(self.view["settings"]), parts_line])

    @cached_property
    def content_folder(self) -> str:
        """Where this edition's content files are: "content/", or its translation's folder
        (whether or not its first module is translated)."""
        from .translations import FOLDER

        language = str(self.course.language)
        translation = self.root / FOLDER / language
        found = _content_folder(self.view.get("modules", ()))
        if found == "content/" and language and translation.is_dir():
            return f"{(FOLDER / language).as_posix()}/"
        return found

    @cached_property
    def attendees(self) -> tuple[Attendee, ...]:
        return attendees_for(self._all_attendees, self.audience.id)

    @property
    def roster_given(self) -> bool:
        """Whether the build read a roster (naming this audience's people, or others')."""
        return bool(self._all_attendees)

    @cached_property
    def labels(self) -> Labels:
        """The words materials-gen puts on this audience's outputs, in the course's language."""
        from .i18n import load_labels

        return load_labels(self.root, self.course.language)

    @cached_property
    def large_print(self) -> bool:
        """Large print: --large-print (or --standard-print), else the audience's setting,
        else the project's."""
        if self.large_print_option is not None:
            return self.large_print_option
        if self.audience.large_print is not None:
            return self.audience.large_print
        return self.course.settings.large_print

    @property
    def source_texts(self) -> tuple[str, frozenset[str]]:
        """What a translation prints in its source's language (marked so in every output):
        the source's language and those texts; ("", frozenset()) for a course in its own."""
        return self.course._source_texts  # noqa: SLF001 (the course's own)

    @cached_property
    def source_value(self) -> str:
        """:attr:`source_texts` as an input's value: the language, then a hash of the
        texts; "none" when there are none."""
        from .inputs import NO_SOURCE
        from .manifest import text_hash

        language, texts = self.source_texts
        if not texts:
            return NO_SOURCE
        return f"{language}\n{text_hash(*sorted(texts))}"

    @cached_property
    def start(self) -> str:
        """When the session starts: --start, else the course's setting."""
        return self.start_option or self.course.settings.session.start

    @cached_property
    def day(self) -> dt.date | None:
        """The day of the session: --date, else the course's setting, else None (unknown)."""
        if self.date_option is None:
            return self.course.settings.session.date
        return session_day(self.date_option)

    def reads(self, kind: Kind) -> TemplateReads:
        """What rendering the template of ``kind`` reads (looked up once per build)."""
        found = self._reads.get(kind.template)
        if found is None:
            found = self._reads[kind.template] = template_reads(self.root, kind.template)
        return found

    def context(self, kind: Kind) -> dict[str, Any]:
        """Every variable the template of ``kind`` sees for this audience."""
        output = {"kind": kind.name, "paper": self.settings.paper}
        extra = kind.context(self, self.reads(kind).variables)
        found = context.template_context(
            self.data, self.audience, output, start=self.start_option, day=self.day, **extra
        )
        # {{ _("Key points") }}, {{ _n("{count} part", "{count} parts", n) }}: the labels
        found["_"], found["_n"] = self.labels.template_functions()
        return found

    def markdown(self, kind: Kind) -> str:
        """Stage 4: the intermediate Markdown of ``kind``, shared by the kinds that render
        the same template with the same variables (the deck and its printed views)."""
        from .templating import render_template

        key = self._key(kind)
        found = self._markdown.get(key)
        if found is None:
            found = self._markdown[key] = render_template(
                self.root, kind.template, self.context(kind)
            )
        return found

    def document(self, kind: Kind) -> Document:
        from .document import parse

        key = self._key(kind)
        found = self._documents.get(key)
        if found is None:
            source = f"intermediate {kind.name} for {self.audience.id}"
            found = self._documents[key] = parse(self.markdown(kind), source)
        return found

    def pictures(self, kind: Kind) -> dict[str, bytes]:
        """The bytes of every picture the output of ``kind`` shows, checked (see pictures.py)."""
        from .pictures import read_pictures

        key = self._key(kind)
        found = self._pictures.get(key)
        if found is None:
            source = f"intermediate {kind.name} for {self.audience.id} (from {kind.template})"
            found = self._pictures[key] = read_pictures(self.root, self.document(kind), source)
        return found

    def _key(self, kind: Kind) -> str:
        """Kinds with one template share its result unless the template reads ``output``
        (which names the kind) or the kind adds variables of its own."""
        variables = self.reads(kind).variables
        if variables is None or "output" in variables:
            return kind.name
        return f"{kind.template} {' '.join(sorted(kind.sees))}"

    @cached_property
    def laid_out_deck(self) -> LaidOutDeck:
        """The audience's deck laid out once, in the deck template's geometry: the deck, the
        printed slides, the notes pages and the guide's slide numbers are views of it."""
        from .i18n import speaking
        from .render.layout import deck_template, lay_out

        deck = KINDS["deck"]
        options = deck.options(self.settings, self.pictures(deck))
        prepared = deck_template(self.theme, options)  # the same for every audience
        with speaking(self.labels):  # "(cont.)" and the like, in the course's language
            return lay_out(self.document(deck), self.theme, options, prepared)

    @cached_property
    def slide_numbers(self) -> dict[str, tuple[int, int]]:
        """Each module's first and last slide number in this audience's deck."""
        from .render.layout import module_slides

        return module_slides(self.laid_out_deck)

    def shared(self, kind: Kind) -> dict[str, Any]:
        """The per-audience values ``kind`` declares it renders from."""
        return {name: getattr(self, name) for name in kind.shares}


# what the view gathers from the modules: a module's edit, not the course file's
_FROM_MODULES = frozenset({"modules", "questions", "sources", "references"})


def _content_folder(modules: Any) -> str:
    """The folder the course's files are in, as its modules' files show it ("content/", or
    "content/translations/es/" for a translation)."""
    for module in modules:
        file = str(module.get("file", ""))
        head, found, _ = file.rpartition("modules/")
        if found:
            return head
    return "content/"


def speaker_notes_warnings(editions: Any) -> list[Problem]:
    """The content slides without speaker notes of the decks laid out for ``editions`` in
    this build (see :func:`render.layout.notes_warnings`)."""
    from .kinds import KINDS
    from .render.layout import notes_warnings

    found: list[Problem] = []
    template = KINDS["deck"].template
    for edition in editions:
        laid = edition.__dict__.get("laid_out_deck")  # only a deck laid out by this build
        if laid is not None:
            modules = {m.id: m.file for m in edition.course.modules}
            found.extend(notes_warnings(laid, edition.audience.name, modules, template))
    return found


def deck_template_notes(editions: Any, settings: Any) -> list[Problem]:
    """What the deck template of the decks laid out for ``editions`` tells the trainer
    (a font fitted in another), once for the template, at its file."""
    found: list[Problem] = []
    for edition in editions:
        laid = edition.__dict__.get("laid_out_deck")  # only a deck laid out by this build
        for message, hint in laid.notes if laid is not None else ():
            where = Location(settings.deck_template_name or "the built-in deck template")
            note = Problem(where, message, hint, severity="warning")
            if note not in found:
                found.append(note)
    return found


def _jsonable(value: Any) -> Any:
    if isinstance(value, context.Record):
        return dict(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
