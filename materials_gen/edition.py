"""One audience's edition of the course: what its outputs share, each made once per build.

Every output of an audience reads the same tailored course; the deck, the printed slides,
the notes pages and the guide read the same deck. An :class:`Edition` makes each of these
the first time an output asks and keeps it, so nothing is templated, parsed or laid out
twice, and an output whose inputs did not change asks for nothing at all.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
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
        self._read: dict[str, frozenset[tuple[str, str]]] = {}  # see content_read
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
        course = {k: v for k, v in self.view.items() if k != "settings"}
        # an audience's large-print setting is content too: a template may print it (the
        # renderers' large print is an input of its own, told apart when the Markdown
        # stays the same)
        audience = context.plain(self.audience)
        content = {"course": course, "audience": audience}
        parts = {name: _digest(part.whole()) for name, part in self._parts.items()}
        # the parts as one line of JSON: a file's name may hold any character
        parts_line = json.dumps(parts, sort_keys=True, ensure_ascii=True)
        return "\n".join([_digest(content), _digest(self.view["settings"]), parts_line])

    @cached_property
    def _parts(self) -> dict[str, _Part]:
        """Each file's part of the content this audience sees, by the name its content key
        gives it: the course file's (with the audience's own entry), each module's and each
        table's."""
        course = self.view
        folder = self.content_folder
        parts: dict[str, _Part] = {
            f"{folder}course.yaml": _CoursePart(course, context.plain(self.audience))
        }
        for module in course.get("modules", ()):
            parts[str(module.get("file", ""))] = _Part(module, without="tables")
            for table in module.get("tables", ()):
                parts[f"tables/{table.get('id', '')}.yaml"] = _Part(table)
        poster = course.get("poster")
        table = poster.get("table") if poster else None
        if table:  # the poster's table: its file's part, read from the poster too
            name = f"tables/{table.get('id', '')}.yaml"
            parts.setdefault(name, _Part(table)).also.append(table)
        return parts

    def content_read(self, kind: Kind) -> dict[str, str] | None:
        """What the output of ``kind`` reads of each file's part of the content: part ->
        a hash of the fields it reads there ("" for none); None when that is not known (a
        template that reads its variables in ways not followed). Its Markdown depends on
        the content through these alone, so a rebuild names only the files whose part it
        reads changed (see jobs._why)."""
        read = self._content_reads(kind)
        if read is None:
            return None
        parts = self._parts.items()
        return {name: part.hash_of(read.get(name, frozenset())) for name, part in parts}

    def _content_reads(self, kind: Kind) -> dict[str, set[str]] | None:
        """The fields of each part the output of ``kind`` reads: those its template read as
        it rendered, and those the values computed for it read (the session plan, the
        knowledge checks, the deck's layout); None when not known."""
        variables = self.reads(kind).variables
        self.markdown(kind)
        read = self._read.get(self._key(kind))
        if variables is None or read is None:
            return None
        course = f"{self.content_folder}course.yaml"
        modules = [str(m.get("file", "")) for m in self.view.get("modules", ())]
        fields: dict[str, set[str]] = {name: set() for name in self._parts}
        for part, name in read:
            if part == course and name in _GATHERED:  # the modules' lists, gathered
                for module in modules:
                    fields[module].add(_GATHERED[name])
                if name == "references":  # the course's own sources, with the modules'
                    fields[course].add("sources")
            elif part in fields:
                fields[part].add(name)
        for variable, (own, each) in _COMPUTED_FROM.items():
            if variable in variables:
                fields[course].update(own)
                for module in modules:
                    fields[module].update(each)
        if "sheets" in variables and "sheets" in kind.sees:  # days and trainers
            fields[course].add(context.EVERY_FIELD)
        deck = KINDS["deck"]
        drawn_from_deck = kind.shares or ("slides" in variables and "slides" in kind.sees)
        if drawn_from_deck and kind.name != deck.name:
            shown = self._content_reads(deck)
            if shown is None:
                return None
            for part, names in shown.items():
                fields[part].update(names)
        return fields

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
            variables = self.context(kind)
            with context.reading(self._watched(variables)) as read:
                found = self._markdown[key] = render_template(self.root, kind.template, variables)
            self._read[key] = frozenset(read)
        return found

    def _watched(self, variables: dict[str, Any]) -> dict[int, tuple[str, str]]:
        """The records of the content's parts among a template's ``variables``, each with
        its part's name and the prefix of its fields' names there (see context.reading)."""
        watched = {
            id(record): (name, "")
            for name, part in self._parts.items()
            for record in (part.record, *part.also)
        }
        audience = variables.get("audience")
        if audience is not None:
            course = f"{self.content_folder}course.yaml"
            watched[id(audience)] = (course, _CoursePart.AUDIENCE)
        return watched

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
# the course's fields gathered from its modules, each by the field of a module it gathers
_GATHERED = {"questions": "questions", "references": "sources"}
# A field that tells whether a module has questions (the session plan times the knowledge
# checks when any has); a module's own fields are names, never holding "?".
_HAS_QUESTIONS = "questions?"
# The fields of the course file's part and of each module's that the values computed for a
# template read: the session plan (its slots, breaks and clock times, written as the
# course's language writes them) and the knowledge checks' forms (shuffled from a seed).
_COMPUTED_FROM: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "session": (
        frozenset({"language", "modules"}),
        frozenset({"id", "title", "duration", "break_after", _HAS_QUESTIONS}),
    ),
    "checks": (frozenset({"slug", "title", "modules"}), frozenset({"id", "title", "questions"})),
}


def _digest(part: object) -> str:
    from .manifest import text_hash

    return text_hash(json.dumps(part, sort_keys=True, default=_jsonable, ensure_ascii=False))


class _Part:
    """One file's part of the content an audience sees: its record, and the value of each
    of its fields a template reads."""

    def __init__(self, record: context.Record, without: str = ""):
        self.record, self.without = record, without
        self.also: list[context.Record] = []  # the same part, given a template elsewhere

    def whole(self) -> Any:
        """The part as the content key hashes it."""
        if not self.without:
            return self.record
        return {k: v for k, v in self.record.items() if k != self.without}

    def value(self, name: str) -> Any:
        if name == context.EVERY_FIELD:
            return self.whole()
        if name == _HAS_QUESTIONS:
            return bool(self.record.get("questions"))
        return self.record.get(name)

    def hash_of(self, names: frozenset[str] | set[str]) -> str:
        """A hash of the fields ``names`` ("" for none)."""
        if not names:
            return ""
        return _digest({name: self.value(name) for name in sorted(names)})


class _CoursePart(_Part):
    """The course file's part: the course's own fields (not those its modules give it, nor
    its settings, inputs of their own) and the audience's entry, read as ``audience.*``."""

    AUDIENCE = "audience."

    def __init__(self, course: context.Record, audience: context.Record):
        super().__init__(course)
        self.audience = audience

    def whole(self) -> Any:
        own = {k: v for k, v in self.record.items() if k not in _FROM_MODULES and k != "settings"}
        return {"course": own, "audience": self.audience}

    def value(self, name: str) -> Any:
        if name == context.EVERY_FIELD:  # with the modules' order, which it sets
            return {"whole": self.whole(), "modules": self.value("modules")}
        if name == "modules":  # which, in what order: their own parts hold the rest
            return [str(m.get("file", "")) for m in self.record.get("modules", ())]
        if name == "settings":  # inputs of their own
            return None
        if name == "poster":  # its table is its file's part
            poster = self.record.get("poster")
            table = poster.get("table") if poster else None
            return {**poster, "table": table.get("id")} if table else poster
        audience = name.removeprefix(self.AUDIENCE)
        if audience != name:
            return self.audience if audience == context.EVERY_FIELD else self.audience.get(audience)
        return super().value(name)


def _content_folder(modules: Any) -> str:
    """The folder the course's files are in, as its modules' files show it ("content/", or
    "content/translations/es/" for a translation)."""
    for module in modules:
        file = str(module.get("file", ""))
        head, found, _ = file.rpartition("modules/")
        if found:
            return head
    return "content/"


def speaker_notes_warnings(editions: Mapping[str, Edition]) -> list[Problem]:
    """The content slides without speaker notes of the decks laid out for ``editions`` (by
    their keys: see :func:`plan.edition_key`) in this build (see
    :func:`render.layout.notes_warnings`), each deck named by its audience and language."""
    from .kinds import KINDS
    from .plan import named_in
    from .render.layout import notes_warnings

    found: list[Problem] = []
    template = KINDS["deck"].template
    for key, edition in editions.items():
        laid = edition.__dict__.get("laid_out_deck")  # only a deck laid out by this build
        if laid is not None:
            modules = {m.id: m.file for m in edition.course.modules}
            named = named_in(edition.audience.name, key.rpartition("/")[0])
            found.extend(notes_warnings(laid, named, modules, template))
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
