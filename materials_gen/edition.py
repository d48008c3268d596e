"""One audience's edition of the course: what its outputs share, each made once per build.

Every output of an audience reads the same tailored course; the deck, the printed slides,
the notes pages and the guide read the same deck. An :class:`Edition` makes each of these
the first time an output asks and keeps it, so nothing is templated, parsed or laid out
twice, and an output whose inputs did not change asks for nothing at all.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import replace
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import context
from .errors import ContentError, Location, Problem
from .kinds import KINDS, Kind, TemplateReads, template_reads

if TYPE_CHECKING:
    from .document import Document, Slip
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
        self._slips: dict[str, list[Problem]] = {}  # see slips
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
        content = {"course": course, "audience": self._course_part.audience}
        parts = {name: _digest(part.whole()) for name, part in self._parts.items()}
        # the parts as one line of JSON: a file's name may hold any character
        parts_line = json.dumps(parts, sort_keys=True, ensure_ascii=True)
        # each setting's own hash, by its place ("session: trainer"), so that a rebuild names
        # the setting changed
        settings = json.dumps(
            {name: _digest(value) for name, value in _leaves(self.view["settings"])},
            sort_keys=True,
            ensure_ascii=True,
        )
        return "\n".join([_digest(content), settings, parts_line])

    @cached_property
    def _course_file(self) -> str:
        """The course file's name as its part is named: this edition's content folder's."""
        return f"{self.content_folder}course.yaml"

    @cached_property
    def _course_part(self) -> _CoursePart:
        return _CoursePart(self.view, context.plain(self.audience))

    @cached_property
    def _parts(self) -> dict[str, _Part]:
        """Each file's part of the content this audience sees, by the name its content key
        gives it: the course file's (with the audience's own entry), each module's and each
        table's."""
        course = self.view
        parts: dict[str, _Part] = {self._course_file: self._course_part}
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

    def content_read(self, kind: Kind) -> dict[str, dict[str, str]] | None:
        """What the output of ``kind`` reads of each file's part of the content: part ->
        each field it reads there -> a hash of its value (nothing for a part it reads
        nothing of); None when that is not known (a template that reads its variables in
        ways not followed). Its Markdown depends on the content through these alone, so a
        rebuild names only the files whose fields it reads changed (see jobs._why)."""
        read = self._content_reads(kind)
        if read is None:
            return None
        found = {
            name: part.hashes_of(read[name]) for name, part in self._parts.items() if read[name]
        }
        found.update(self._origins(found))
        if read.get(SLIDE_NUMBERS):
            found[SLIDE_NUMBERS] = {"numbers": _digest(self.slide_numbers)[:16]}
            for name, fields in (self.content_read(KINDS["deck"]) or {}).items():
                found[DECK_SHOWS + name] = fields  # what may move them (see jobs._shown_edited)
        return found

    def checked_read(
        self, kind: Kind, read: Mapping[str, Mapping[str, str]] | None = None
    ) -> dict[str, dict[str, str]] | None:
        """What the Markdown of ``kind`` is made of, of the content, as its record keeps it
        to tell later, without templating, that the Markdown would be the same (see
        :meth:`reads_same`): of the records read field by field (the course, the audience,
        each module and table), the fields its template read, as :meth:`content_read`
        gives them; of every other variable made of the content (the session plan, the
        knowledge checks, the guide's slide numbers, the sign-in sheets...), a hash of its
        whole value. None when the variables the template uses are not known. ``read``: its
        :meth:`content_read`, when already made."""
        if self.reads(kind).variables is None:
            return None
        read = self.content_read(kind) if read is None else read
        if read is None:
            return None
        found: dict[str, dict[str, str]] = {}
        for name, fields in read.items():
            if name.startswith(ORIGINS):
                found[name] = dict(fields)
            elif name in self._parts:  # the values as given (a setting that is an input too)
                found[name] = self._parts[name].hashes_of(fields, real=True)
        found.update(self._whole_values(kind))
        return found

    def reads_same(self, kind: Kind, recorded: Mapping[str, Mapping[str, str]]) -> bool:
        """Whether every value ``recorded`` (a :meth:`checked_read` of an earlier build)
        holds is the same now: then the template of ``kind``, its other inputs the same,
        reads the same values and writes the same Markdown. False when ``recorded`` is
        empty (not known) or names a part that is gone."""
        if not recorded or self.reads(kind).variables is None:
            return False
        whole = self._whole_values(kind)
        if {n: f for n, f in recorded.items() if n.startswith(_WHOLE)} != whole:
            return False
        parts: dict[str, Mapping[str, str]] = {}
        for name, fields in recorded.items():
            if name.startswith((_WHOLE, ORIGINS)):
                continue
            part = self._parts.get(name)
            if part is None or part.hashes_of(fields, real=True) != fields:
                return False
            parts[name] = fields
        origins = {n: f for n, f in recorded.items() if n.startswith(ORIGINS)}
        return self._origins(parts) == origins

    def _whole_values(self, kind: Kind) -> dict[str, dict[str, str]]:
        """The variables the template of ``kind`` uses that are made of the content but
        not read field by field, each a hash of its whole value: the session plan, the
        knowledge checks and what the kind adds (see Kind.context)."""
        variables = self.reads(kind).variables or frozenset()
        found = {name: value for name, value in self._given_whole.items() if name in variables}
        for name, value in kind.context(self, variables).items():
            if name in variables:
                found[name] = _digest(context.plain(value))[:16]
        return {_WHOLE + name: {"value": found[name]} for name in sorted(found)}

    @cached_property
    def _given_whole(self) -> dict[str, str]:
        """The hashes of the session plan and the knowledge checks every template is given
        (see :meth:`_whole_values`), made once."""
        plan = self.data.session(self.start_option, self.day)
        return {"session": _digest(plan)[:16], "checks": _digest(self.data.checks)[:16]}

    def _origins(self, found: Mapping[str, Mapping[str, str]]) -> dict[str, dict[str, str]]:
        """Of a translation's parts, what of each field read each file gives (see
        translations.origins_of), as a part of its own (``ORIGINS`` + the part's name):
        a rebuild names the source or the translation as the one whose share of a changed
        field changed. A field not given so (made of several, or read whole) is either's."""
        from .inputs import part_of

        origins = self.course._origins  # noqa: SLF001 (the course's own)
        shares = {}
        for name, fields in found.items():
            given = origins.get(part_of(name))
            if given:
                shares[ORIGINS + name] = {
                    field: given[key] for field in fields if (key := _key_of(field)) in given
                }
        return shares

    def _content_reads(self, kind: Kind) -> dict[str, set[str]] | None:
        """The fields of each part the output of ``kind`` reads: those its template read as
        it rendered (the values computed for it, the session plan and the knowledge checks,
        by what they are made of), and for a printed view of the deck what the deck's
        template read; None when not known."""
        variables = self.reads(kind).variables
        self.markdown(kind)
        read = self._read.get(self._key(kind))
        if variables is None or read is None:
            return None
        fields: dict[str, set[str]] = {name: set() for name in (*self._parts, SLIDE_NUMBERS)}
        for part, name in read:
            if part in fields:
                fields[part].add(name)
        deck = KINDS["deck"]
        if kind.shares and kind.name != deck.name:  # drawn from the deck's layout
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

    def _watched(self, variables: dict[str, Any]) -> dict[int, context.Reads]:
        """The records among a template's ``variables`` whose fields are read from the
        content, each with what reading one of its fields reads (see context.reading): the
        parts' own records (the course's, its settings' and its audience's entry, each
        module's, each table's); the session plan's and the knowledge checks', by what
        they are made of; the guide's slide numbers, as themselves (see SLIDE_NUMBERS)."""
        course = self._course_file
        listed = self.view.get("modules", ())
        modules = [str(m.get("file", "")) for m in listed]
        files = {str(m.get("id", "")): str(m.get("file", "")) for m in listed}
        watched: dict[int, context.Reads] = {}
        for name, part in self._parts.items():
            for record in (part.record, *part.also):
                watched[id(record)] = _fields_of(name)
        watched[id(self.view)] = _course_fields(course, modules)
        # the course's questions, gathered module by module: each its module's
        gathered = iter(self.view.get("questions", ()))
        for module, file in zip(listed, modules, strict=True):
            for _, question in zip(module.get("questions", ()), gathered, strict=False):
                watched[id(question)] = _whole_field(file, "questions")
        _watch_nested(watched, self.view.get("settings"), course, "settings.")
        audience = variables.get("audience")
        if audience is not None:
            watched[id(audience)] = _fields_of(course, _CoursePart.AUDIENCE)
        session = variables.get("session")
        if isinstance(session, context.Record):
            watched[id(session)] = _session_fields(course, modules)
        checks = variables.get("checks")
        if isinstance(checks, context.Record):
            watched[id(checks)] = _checks_fields(course, modules)
            for form in ("before", "after"):
                for item in checks.get(form, ()):
                    file = files.get(str(item.get("module_id", "")), "")
                    watched[id(item)] = _question_fields(file)
        slides = variables.get("slides")
        if isinstance(slides, context.Record):  # the numbers, not what the deck reads
            watched[id(slides)] = lambda key: ((SLIDE_NUMBERS, "numbers"),)
        return watched

    def document(self, kind: Kind) -> Document:
        from .document import parse

        key = self._key(kind)
        found = self._documents.get(key)
        if found is None:
            source = f"intermediate {kind.name} for {self.audience.id}"
            markdown = self.markdown(kind)
            warned: list[Slip] = []
            try:
                found = self._documents[key] = parse(markdown, source, warned)
            except ContentError as exc:
                raise type(exc)(self._at_template(kind, source, markdown, exc.problems)) from None
            self._slips[key] = _slips_in_templates(self.root, warned) if warned else []
        return found

    def slips(self, kind: Kind | None = None) -> list[Problem]:
        """What the templates wrote that no output reads (a front matter field ``titel:``, a
        box ``::: calout``), warnings at the template's line where that can be told: of the
        document of ``kind``, or of every document this edition has parsed."""
        if kind is not None:
            self.document(kind)
            return list(self._slips.get(self._key(kind), ()))
        return [slip for found in self._slips.values() for slip in found]

    def _at_template(
        self, kind: Kind, source: str, markdown: str, problems: list[Problem]
    ) -> list[Problem]:
        """``problems`` of the document ``kind``'s template made, each told at the
        template's line that wrote it when that can be told for sure: a box's opening line
        (see slides.fence_template_line), or a line of the front matter (the template's one
        front matter line of its key, ``subtitle:``). The mistake is mended there, and each
        audience and language then tells it once (the front matter's column, which the
        course's text moves, is left out)."""
        from .render.slides import fence_template_line, front_matter_template_line

        lines = markdown.split("\n")
        heading = _front_matter_end(lines)
        at = [
            p.location.line
            for p in problems
            if p.location is not None and p.location.file == source and p.location.line
        ]
        if not any(
            n <= heading or lines[n - 1].lstrip().startswith(":::") for n in at if n <= len(lines)
        ):
            return problems
        own = self._own_template(kind)
        if own is None or own[1] is None:  # the built-in one, or one that cannot be read
            return problems
        shown, template = own
        found = []
        for problem in problems:
            where = problem.location
            if where is not None and where.file == source and 0 < where.line <= len(lines):
                text = lines[where.line - 1]
                if where.line <= heading:
                    line = front_matter_template_line(template, text)
                else:
                    line = fence_template_line(template, text)
                if line:
                    problem = replace(problem, location=Location(shown, line))
            found.append(problem)
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
        document = self.document(deck)
        with speaking(self.labels):  # "(cont.)" and the like, in the course's language
            return lay_out(
                document, self.theme, options, prepared, partial(self._written, deck, document)
            )

    def _written(self, kind: Kind, document: Document, block: Any) -> Location:
        """Where the template of ``kind`` wrote ``block`` of its ``document``: its file, and
        the line when it can be told (see slides.template_line)."""
        from .render.slides import template_line

        own = self._own_template(kind)
        if own is None:  # the built-in one
            return Location(f"templates/{kind.template}")
        shown, source = own
        return Location(shown, template_line(source, document, block) if source else 0)

    def _own_template(self, kind: Kind) -> tuple[str, str | None] | None:
        """The project's own template of ``kind``, as its problems name it, and its text
        (None when it cannot be read), read as the build reads the project; None when the
        built-in template is used."""
        from .load import _Problems, read_text
        from .project import display_unfollowed, find_template_file

        path = find_template_file(self.root, kind.template)
        if path is None or not path.is_relative_to(self.root):
            return None
        return display_unfollowed(path, self.root), read_text(path, self.root, _Problems())

    @cached_property
    def slide_numbers(self) -> dict[str, tuple[int, int]]:
        """Each module's first and last slide number in this audience's deck."""
        from .render.layout import module_slides

        return module_slides(self.laid_out_deck)

    def shared(self, kind: Kind) -> dict[str, Any]:
        """The per-audience values ``kind`` declares it renders from."""
        return {name: getattr(self, name) for name in kind.shares}


# what the view gathers from the modules (a module's edit, not the course file's), and its
# settings (inputs of their own, but for a few: see _CoursePart)
_NOT_ITS_OWN = frozenset({"modules", "questions", "references", "settings"})
# A field that tells whether a module has questions (the session plan times the knowledge
# checks when any has); a module's own fields are names, never holding "?".
_HAS_QUESTIONS = "questions?"
_QUESTIONS_COUNT = "questions#"  # how many it has
# What the session plan's and the knowledge checks' fields are made of: the course file's
# fields and each module's (the plan's slots, breaks and clock times, written as the
# course's language writes them; the checks' forms, shuffled from a seed). A field not
# listed is taken to be made of all of them.
_EVERY_MODULE = frozenset({"id", "title", "duration", "break_after", _HAS_QUESTIONS})
# the session's settings its slots are made of (its start and day are inputs of their own)
_TIMED = frozenset(
    f"settings.session.{name}"
    for name in ("break_every", "break_length", "sign_in", "pre_test", "post_test", "evaluation")
)
_TIMES = frozenset({"duration", "break_after", _HAS_QUESTIONS})
_SESSION_MADE_OF: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "start": (frozenset(), frozenset()),  # --start or the setting: inputs of their own
    "date": (frozenset(), frozenset()),
    "booked_minutes": (frozenset({"settings.session.length"}), frozenset()),
    "teaching_minutes": (frozenset(), frozenset({"duration"})),
    "contact_hours": (frozenset(), frozenset({"duration"})),
    "break_minutes": (_TIMED | {"modules"}, _TIMES),
    "other_minutes": (_TIMED, frozenset({_HAS_QUESTIONS})),
    "total_minutes": (_TIMED | {"modules"}, _TIMES),
    "end": (_TIMED | {"modules"}, _TIMES),
}
_EVERY_SLOT = (_TIMED | {"language", "modules"}, _EVERY_MODULE)
_CHECKS_MADE_OF = (frozenset({"slug", "title", "modules"}), frozenset({"id", "questions"}))


# What the guide reads of the deck: its slide numbers (see jobs._shown_edited), named as no
# file's part is; and, kept beside what it reads of each part, what the deck shows of it
SLIDE_NUMBERS = ":slide numbers"
DECK_SHOWS = ":deck:"
# A translated part's fields, by what of each its translation and its source give
ORIGINS = ":from:"
# A variable given the templates whole, kept by the hash of its value (Edition.checked_read)
_WHOLE = ":whole:"
# The fields of a module's record made of its body
_OF_BODY = frozenset({"prose", "images"})


def _key_of(field: str) -> str:
    """The key of a content file that gives a field of its part's record (see
    translations.origins_of)."""
    from .translations import BODY

    if field in _OF_BODY:
        return BODY
    if field in (_HAS_QUESTIONS, _QUESTIONS_COUNT):
        return "questions"
    key = field.partition(".")[0]
    return "audiences" if key == "audience" else key


def _fields_of(part: str, prefix: str = "") -> context.Reads:
    """A part's own record: a field read is that field of the part."""
    return lambda key: ((part, prefix + key),)


def _whole_field(part: str, name: str) -> context.Reads:
    """A record within one field of a part (a question of a module's): any of its fields
    read is that field read."""
    return lambda key: ((part, name),)


def _made_of(
    course: str, modules: list[str], own: frozenset[str], each: frozenset[str]
) -> tuple[tuple[str, str], ...]:
    return (*((course, f) for f in own), *((m, f) for m in modules for f in each))


def _course_fields(course: str, modules: list[str]) -> context.Reads:
    """The course's record: its own fields, and the lists it gathers from its modules
    (the questions, the references with its own sources) by the modules' fields."""

    def read(key: str) -> tuple[tuple[str, str], ...]:
        if key == "questions":  # how many each has (each question read is its module's)
            return _made_of(course, modules, frozenset(), frozenset({_QUESTIONS_COUNT}))
        if key == "references":
            return _made_of(course, modules, frozenset({"sources"}), frozenset({"sources"}))
        return ((course, key),)

    return read


def _watch_nested(watched: dict[int, context.Reads], record: Any, part: str, prefix: str) -> None:
    """``record`` (the course's settings) and the records within it, each field read by
    its path ("settings.session.length")."""
    if not isinstance(record, context.Record):
        return
    watched[id(record)] = _fields_of(part, prefix)
    for key, value in record.items():
        _watch_nested(watched, value, part, f"{prefix}{key}.")


def _session_fields(course: str, modules: list[str]) -> context.Reads:
    return lambda key: _made_of(course, modules, *_SESSION_MADE_OF.get(key, _EVERY_SLOT))


def _checks_fields(course: str, modules: list[str]) -> context.Reads:
    """The knowledge checks' forms: which questions, in what order (all the modules'
    questions, shuffled from the course's seed)."""
    return lambda key: _made_of(course, modules, *_CHECKS_MADE_OF)


def _question_fields(module: str) -> context.Reads:
    """One question of a form: its module's title, id or questions (all three, read as a
    whole)."""
    names = {"module": "title", "module_id": "id"}

    def read(key: str) -> tuple[tuple[str, str], ...]:
        if key == context.EVERY_FIELD:
            return tuple((module, name) for name in ("title", "id", "questions"))
        return ((module, names.get(key, "questions")),)

    return read


def _leaves(value: Any, at: str = "") -> Iterator[tuple[str, Any]]:
    """Each setting of a record of settings, by its place ("session: trainer"); a list is
    one setting."""
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield from _leaves(item, f"{at}: {key}" if at else str(key))
    else:
        yield at, value


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

    def value(self, name: str, real: bool = False) -> Any:
        """The value of the field ``name`` (``real``: as the template was given it, the
        settings that are inputs of their own too; see _CoursePart)."""
        if name == context.EVERY_FIELD:
            return self.whole()
        if name == _HAS_QUESTIONS:
            return bool(self.record.get("questions"))
        if name == _QUESTIONS_COUNT:
            return len(self.record.get("questions") or ())
        return self.record.get(name)

    def hashes_of(self, names: Iterable[str], real: bool = False) -> dict[str, str]:
        """Each of the fields ``names`` -> a hash of its value (``real``: see value)."""
        return {name: _digest(self.value(name, real))[:16] for name in sorted(names)}


class _CoursePart(_Part):
    """The course file's part: the course's own fields (not those its modules give it;
    which modules, in what order; its settings, read by their paths, ``settings.session.
    length``, most of them inputs of their own too) and the audience's entry, read as
    ``audience.*``."""

    AUDIENCE = "audience."

    def __init__(self, course: context.Record, audience: context.Record):
        super().__init__(course)
        self.audience = audience

    def whole(self) -> Any:
        own = {k: v for k, v in self.record.items() if k not in _NOT_ITS_OWN}
        # which modules, in what order: the course file's (their own parts hold the rest)
        own["modules"] = self.value("modules")
        return {"course": own, "audience": self.audience}

    def value(self, name: str, real: bool = False) -> Any:
        """A field's value; a setting's without the settings within it that are inputs of
        their own (the reasons name those apart), unless ``real``: what a template that
        read it was given (a rebuild that keeps a file unrendered compares those)."""
        if name == context.EVERY_FIELD:
            return self.whole()
        if name == "modules":  # which, in what order: their own parts hold the rest
            return [str(m.get("file", "")) for m in self.record.get("modules", ())]
        if name == "settings" or name.startswith("settings."):  # a setting, by its path
            path = name.removesuffix("." + context.EVERY_FIELD)
            found: Any = self.record
            for key in path.split("."):
                found = found.get(key) if isinstance(found, context.Record) else None
            return found if real else _without_inputs(found, path)
        if name == "poster":  # its table is its file's part
            poster = self.record.get("poster")
            table = poster.get("table") if poster else None
            return {**poster, "table": table.get("id")} if table else poster
        audience = name.removeprefix(self.AUDIENCE)
        if audience != name:
            return self.audience if audience == context.EVERY_FIELD else self.audience.get(audience)
        return super().value(name)


def _without_inputs(value: Any, path: str) -> Any:
    """A setting's value (at ``path``) without the settings within it that are inputs of
    their own (told by their own reasons: "settings: paper changed from...")."""
    from .inputs import SETTING_PATHS

    if path in SETTING_PATHS:
        return None
    if not isinstance(value, context.Record):
        return value
    return {
        k: _without_inputs(v, f"{path}.{k}")
        for k, v in value.items()
        if f"{path}.{k}" not in SETTING_PATHS
    }


def _content_folder(modules: Any) -> str:
    """The folder the course's files are in, as its modules' files show it ("content/", or
    "content/translations/es/" for a translation)."""
    for module in modules:
        file = str(module.get("file", ""))
        head, found, _ = file.rpartition("modules/")
        if found:
            return head
    return "content/"


def _front_matter_end(lines: list[str]) -> int:
    """The line (from 1) closing a document's front matter, or 0 when it has none."""
    if not lines or lines[0].strip() != "---":
        return 0
    return next((n for n, line in enumerate(lines[1:], 2) if line.strip() == "---"), 0)


def _slips_in_templates(root: Path, slips: list[Slip]) -> list[Problem]:
    """``slips``, warnings at each line of the project's own templates that writes them
    (an included one too), each line once: the same slip written on two lines is told at
    both. One no template writes as such is left out: a module's own box (told as that
    module is read), or one made by template code. The built-in templates write none."""
    from .templating import own_template_sources

    found: list[Problem] = []
    for name, text in own_template_sources(root):
        for n, line in enumerate(text.split("\n"), 1):
            for slip in slips:
                if slip.written.search(line):
                    where = Location(f"templates/{name}", n)
                    found.append(Problem(where, slip.message, slip.hint, severity="warning"))
    return found


def speaker_notes_warnings(
    editions: Mapping[str, Edition], made: Collection[str] | None = None
) -> list[Problem]:
    """The content slides without speaker notes of the decks laid out for ``editions`` (by
    their keys: see :func:`plan.edition_key`) in this build (see
    :func:`render.layout.notes_warnings`), each deck named by its audience and language;
    of those ``made`` names alone, when given (the editions whose deck is made now)."""
    from .kinds import KINDS
    from .plan import named_in
    from .render.layout import notes_warnings

    found: list[Problem] = []
    template = KINDS["deck"].template
    for key, edition in editions.items():
        laid = edition.__dict__.get("laid_out_deck")  # only a deck laid out by this build
        if laid is not None and (made is None or key in made):
            modules = {m.id: m.file for m in edition.course.modules}
            named = named_in(edition.audience.name, key.rpartition("/")[0])
            found.extend(notes_warnings(laid, named, modules, template))
    return found


def template_slips(editions: Iterable[Edition]) -> list[Problem]:
    """What the templates wrote that no output reads, in the documents ``editions`` parsed
    in this build, each once (told at the template's line, it is the same for every
    audience and language)."""
    return list(dict.fromkeys(slip for edition in editions for slip in edition.slips()))


def deck_template_notes(editions: Any) -> list[Problem]:
    """What the deck template of the decks laid out for ``editions`` tells the trainer
    (a font fitted in another), once for the template, at its file. The kinds of slide put
    on a layout of another name are told once a layout, those of every deck together (one
    audience's deck has pictures, another's tables)."""
    from .render import BUILT_IN_TEMPLATE
    from .render.layout import guessed_notes

    where = None
    found: list[Problem] = []
    guessed = []
    for edition in editions:
        laid = edition.__dict__.get("laid_out_deck")  # only a deck laid out by this build
        if laid is None:
            continue
        where = Location(laid.template_name or BUILT_IN_TEMPLATE)  # one for every deck
        guessed.extend(laid.guessed)
        for message, hint in laid.notes:
            note = Problem(where, message, hint, severity="warning")
            if note not in found:
                found.append(note)
    found.extend(Problem(where, m, h, severity="warning") for m, h in guessed_notes(guessed))
    return found


def _jsonable(value: Any) -> Any:
    if isinstance(value, context.Record):
        return dict(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
