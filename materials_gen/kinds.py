"""Output kinds: what each kind of output is called, what it reads and how it is rendered.

Each kind is a small class in the spirit of a Sphinx builder: class-level ``name``,
``suffix``, ``template``, ``unit`` and ``description``, and a declaration of what it reads.
The declarations are what fingerprints and rebuild reasons come from:

- ``sees``: the variables its template is given. Which of them the template (with the
  partials it includes) really uses decides the template's inputs: ``course`` and
  ``audience`` are the audience's content, ``session`` also the start time, ``output`` the
  paper, ``attendees`` the roster, ``slides`` (the guide's) the deck's layout.
- ``draws_with``: what its renderer reads besides the document: the theme, pictures and the
  render options (paper, aspect, deck template...). The renderer is handed only these
  options; the others keep their defaults, so an output can never depend on an option its
  fingerprint leaves out.

A new kind of output is one class here and one renderer function (see ARCHITECTURE.md).
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import os
import stat
import sys
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from .inputs import (
    ASPECT,
    BLEED,
    CONTENT,
    DATE,
    DECK_TEMPLATE,
    LARGE_PRINT,
    LAYOUTS,
    MISSING,
    ORIENTATION,
    PAPER,
    PER_PAGE,
    PICTURES,
    POSTER_SIZE,
    PRINT,
    ROSTER,
    SETTINGS,
    SOURCE,
    START,
    THEME,
    TILE,
)
from .render import RenderOptions, RenderResult
from .walk import files_under

if TYPE_CHECKING:
    from .document import Document
    from .model import Course
    from .options import BuildOptions
    from .roster import Attendee
    from .theme import Theme

# What each template variable brings in. "slides" brings in the deck's layout: see deck_inputs.
VARIABLES: dict[str, frozenset[str]] = {
    "course": frozenset({CONTENT}),
    "audience": frozenset({CONTENT}),
    # the session plan's times and lengths come from the content; its clock times from the
    # start time, its day from the date: those two only when the template reads them (see
    # SESSION_PARTS)
    "session": frozenset({CONTENT}),
    # the knowledge check's two forms, made from the course's questions
    "checks": frozenset({CONTENT}),
    "output": frozenset({PAPER}),
    "attendees": frozenset({ROSTER, DATE}),
    # the sign-in sheet's: its days and trainers come from the roster, else the settings
    "sheets": frozenset({ROSTER, DATE, CONTENT}),
    "slides": frozenset(),
    # the labels in the course's language: their catalogs are files every output declares
    # (with the theme's: see jobs.Sources), so they name no input of their own
    "_": frozenset(),
    "_n": frozenset(),
}
# The parts of the session plan that another input decides, by the attribute that shows them:
# a template that reads none of them (the handout's agenda shows no day) does not have that
# input, and is neither rebuilt nor told of it when only it changed. A template that uses
# ``session`` in any other way (hands it to a macro, reads it by a computed name) reads them all.
SESSION_PARTS: dict[str, str] = {"date": DATE, "start": START, "end": START, "slots": START}
_READS_OF = "session."  # how a read part is listed among a template's variables
# what a session plan holds (schedule.Session): read by name, a part is known; read any other
# way (a method: session.get("start")), every part may be
_SESSION_FIELDS = frozenset(
    {
        "start",
        "end",
        "slots",
        "total_minutes",
        "teaching_minutes",
        "break_minutes",
        "other_minutes",
        "booked_minutes",
        "contact_hours",
        "date",
    }
)

# What the deck's layout depends on besides the deck's template: the slide numbers the guide
# shows come from it.
DECK_LAYOUT = frozenset({THEME, ASPECT, DECK_TEMPLATE, LAYOUTS})

_PRINTED = frozenset({THEME, PAPER, PICTURES, PRINT})  # a PDF on office paper
_SEES = frozenset({"course", "audience", "session", "checks", "output", "attendees", "_", "_n"})


class AudienceFacts(Protocol):
    """What deciding whether an output is made for an audience may look at."""

    @property
    def audience_id(self) -> str: ...

    @property
    def tailored(self) -> Course: ...

    @property
    def attendees(self) -> tuple[Attendee, ...]: ...

    @property
    def roster_given(self) -> bool: ...

    @property
    def elsewhere(self) -> tuple[Attendee, ...]:
        """The roster's people for this audience whose certificates are in other languages
        than this course's (a build of one language, or of a course not translated into
        theirs, makes none for them)."""
        ...


class Kind:
    """One kind of output. Subclasses set the class attributes; instances are in KINDS."""

    name: ClassVar[str]
    template: ClassVar[str]
    suffix: ClassVar[str] = ".pdf"
    unit: ClassVar[str] = "pages"
    description: ClassVar[str]
    renderer: ClassVar[str] = ".handout:render"  # "module:function" in materials_gen.render
    # what ``check`` runs in place of drawing (None: nothing more than templating): the
    # output laid out as a build lays it out, raising what the build would stop on
    checker: ClassVar[str | None] = ".handout:check_fits"
    sees: ClassVar[frozenset[str]] = _SEES
    # handouts, guide, forms
    draws_with: ClassVar[frozenset[str]] = _PRINTED | {LARGE_PRINT, SOURCE}
    # Per-audience values (attributes of an Edition) handed to the renderer, computed once
    # per audience for every kind that names them (the laid-out deck, the session plan).
    shares: ClassVar[tuple[str, ...]] = ()
    # ``--only NAME`` also makes this kind (the poster's tiles come with the poster).
    comes_with: ClassVar[str | None] = None
    # What to do when ``missing`` says the output cannot be made (shown by ``show``).
    missing_hint: ClassVar[str] = ""
    # What to do when ``made`` says the build makes no such output (shown by ``show``).
    not_made_hint: ClassVar[str | None] = None

    def made(self, course: Course, options: BuildOptions) -> bool:
        """Whether this build makes this kind at all (the tiles only with a tile size)."""
        return True

    def missing(self, facts: AudienceFacts) -> str | None:
        """Why this output cannot be made for an audience (None: it can)."""
        return None

    def hint_for(
        self, options: Any, facts: AudienceFacts | None = None, one_language: bool = False
    ) -> str:
        """What to do when ``missing`` says the output cannot be made, given the build's
        options and what ``missing`` looked at (``missing_hint``, unless the kind knows
        better)."""
        return self.missing_hint

    def context(self, edition: Any, used: frozenset[str] | None) -> dict[str, Any]:
        """The template variables this kind adds to course, audience, session and output;
        ``used``: the variables its template uses (None: not known, give everything).

        Every template may list the roster's attendees (empty without --roster); the roster
        is an input only of the outputs whose template uses ``attendees``.
        """
        return {"attendees": edition.attendees}

    def refuses(self, edition: Any) -> None:
        """ContentError when a build would refuse this output of ``edition`` short of
        drawing it, so that ``list`` tells what the build tells (by default, nothing: what
        it cannot draw is found by drawing it)."""

    def options(self, settings: RenderOptions, images: Mapping[str, bytes]) -> RenderOptions:
        """The render options this kind's renderer gets: only those it declares."""
        fields: dict[str, Any] = {"generator": settings.generator}
        for name in self.draws_with:
            if name in SETTINGS:
                fields.update((f, getattr(settings, f)) for f in SETTINGS[name].fields)
        if PICTURES in self.draws_with:
            fields["images"] = dict(images)
        return replace(RenderOptions(), **fields)

    def load(self) -> Any:
        """The renderer function, looked up when called (so a test may replace it)."""
        return _function(self.renderer)

    @property
    def loaded(self) -> bool:
        """Whether its renderer's module is imported in this process."""
        module = self.renderer.partition(":")[0]
        return importlib.util.resolve_name(module, "materials_gen.render") in sys.modules

    def render(
        self, document: Document, theme: Theme, options: RenderOptions, shared: Mapping[str, Any]
    ) -> RenderResult:
        """Render one output. ``shared``: the per-audience values named in ``shares``."""
        return self.load()(document, theme, options)

    def check_fits(
        self, document: Document, theme: Theme, options: RenderOptions, shared: Mapping[str, Any]
    ) -> None:
        """What a build of this output would stop on, found short of drawing it (see
        ``checker``); ``shared`` as for :meth:`render`."""
        if self.checker is not None:
            _function(self.checker)(document, theme, options)

    def __repr__(self) -> str:
        return f"<kind {self.name}>"


def _function(name: str) -> Any:
    """A function of materials_gen.render by "module:function", imported on first use."""
    module_name, _, attr = name.partition(":")
    module = importlib.import_module(module_name, package="materials_gen.render")
    return getattr(module, attr)


class _DeckView(Kind):
    """The deck and its printed views: each draws the audience's one laid-out deck."""

    template = "deck.md.j2"
    shares = ("laid_out_deck",)
    view: ClassVar[str]  # "module:function" drawing a laid-out deck
    checker = None  # laid out once per audience: check lays the deck out itself

    def render(
        self, document: Document, theme: Theme, options: RenderOptions, shared: Mapping[str, Any]
    ) -> RenderResult:
        return _function(self.view)(shared["laid_out_deck"], theme, options)

    def check_fits(
        self, document: Document, theme: Theme, options: RenderOptions, shared: Mapping[str, Any]
    ) -> None:
        if self.checker is not None:  # the pages around the slides (their header, footer)
            _function(self.checker)(shared["laid_out_deck"], theme, options)


class Handout(Kind):
    name = "handout"
    template = "handout.md.j2"
    description = "printable PDF handout for participants"


class Deck(_DeckView):
    name = "deck"
    suffix = ".pptx"
    unit = "slides"
    renderer = ".deck:render"
    description = "editable PowerPoint deck with speaker notes"
    draws_with = frozenset({THEME, ASPECT, DECK_TEMPLATE, LAYOUTS, PICTURES, SOURCE})

    def render(
        self, document: Document, theme: Theme, options: RenderOptions, shared: Mapping[str, Any]
    ) -> RenderResult:
        return _function(".deck:write")(shared["laid_out_deck"], options)


class Slides(_DeckView):
    name = "slides"
    renderer = ".slide_handout:render"
    view = ".slide_handout:print_slides"
    checker = ".slide_handout:check_slides"
    description = "the deck printed as a handout, slides with lines for notes"
    draws_with = Deck.draws_with | {PAPER, PER_PAGE, PRINT}


class NotesPages(_DeckView):
    name = "notes-pages"
    renderer = ".slide_handout:render_notes"
    view = ".slide_handout:print_notes"
    checker = ".slide_handout:check_notes"
    description = "each slide with its speaker notes, one per page, for the presenter"
    draws_with = Deck.draws_with | {PAPER, PRINT}


class Guide(Kind):
    name = "guide"
    template = "guide.md.j2"
    description = "facilitator guide: session plan, what to say and do, checklists"
    sees = _SEES | {"slides"}

    def context(self, edition: Any, used: frozenset[str] | None) -> dict[str, Any]:
        variables = super().context(edition, used)
        if used is None or "slides" in used:  # else the deck need not be laid out for it
            variables["slides"] = edition.slide_numbers
        return variables


class Evaluation(Kind):
    name = "evaluation"
    template = "evaluation.md.j2"
    description = "evaluation form mapped to the learning objectives"


class _Questions(Kind):
    """A form made from the knowledge-check questions: only when the audience has some."""

    missing_hint = "add 'questions:' to a module this audience sees"

    def missing(self, facts: AudienceFacts) -> str | None:
        if facts.tailored.questions:
            return None
        return (
            f"the content for '{facts.audience_id}' has no knowledge-check questions, "
            f"so there is no {self.name} for it"
        )


class Pretest(_Questions):
    name = "pretest"
    template = "pretest.md.j2"
    description = "knowledge check before the session"


class Posttest(_Questions):
    name = "posttest"
    template = "posttest.md.j2"
    description = "knowledge check after the session (questions in another order)"


class AnswerKey(_Questions):
    name = "answer-key"
    template = "answer-key.md.j2"
    description = "answers to both knowledge checks, for the trainer"


class SignIn(Kind):
    """The sign-in sheet: with a roster, one sheet per day and trainer it names, listing the
    people expected, then spare rows; without one, blank rows for the group to sign. The
    roster is among its inputs only while its template lists them (``sheets``)."""

    name = "sign-in"
    template = "sign-in.md.j2"
    description = "sign-in sheet for the session (with a roster, its names printed)"
    sees = _SEES | {"sheets"}

    def context(self, edition: Any, used: frozenset[str] | None) -> dict[str, Any]:
        """``sheets``: each with ``date``, ``trainer`` and ``people`` (see
        :func:`roster.sign_in_sheets`)."""
        from .roster import sign_in_sheets

        found = super().context(edition, used)
        if used is None or "sheets" in used:
            trainer = edition.course.settings.session.trainer
            found["sheets"] = sign_in_sheets(edition.attendees, edition.day, trainer)
        return found


class Certificates(Kind):
    name = "certificates"
    template = "certificates.md.j2"
    renderer = ".certificate:render"
    checker = ".certificate:check_fits"  # check --roster: every name on its page
    description = "certificates of completion (only with a roster)"
    draws_with = frozenset({THEME, PAPER, PRINT, SOURCE})
    missing_hint = (
        "give a roster with --roster FILE: a CSV of attendees (columns name, and optionally "
        "audience, date, trainer, language)"
    )

    def hint_for(
        self, options: Any, facts: AudienceFacts | None = None, one_language: bool = False
    ) -> str:
        """``one_language``: for a command that takes one language (``show``)."""
        roster = getattr(options, "roster", None)
        if roster is None:
            return self.missing_hint
        if facts is not None and not facts.attendees and facts.elsewhere:
            theirs = _languages_of(facts.elsewhere)
            if one_language:
                asked = " or ".join(f"-l {tag}" for tag in theirs)
                wanted = f"show them in their language ({asked})"
            else:
                tags = [facts.tailored.language, *theirs]
                wanted = f"build their language too (-l {','.join(tags)})"
            return (
                f"{wanted}, or give them this course's language in {Path(roster).name}'s "
                "language column"
            )
        return (
            f"{Path(roster).name} names nobody for this audience who completed the course: "
            "give each person's audience in its audience column (a row without one is for "
            "every audience), and check its completion status column if it has one"
        )

    def refuses(self, edition: Any) -> None:
        """People the roster gives no day for, with no day to print for them (its context
        refuses them), and a fact still marked to be filled in, which a certificate, proof
        of the training, never prints."""
        from .render.certificate import refuse_marks

        self.context(edition, None)
        refuse_marks(edition.document(self))

    def missing(self, facts: AudienceFacts) -> str | None:
        from .roster import completed

        if completed(facts.attendees):
            return None
        if facts.attendees:
            return (
                f"certificates are made for the people who completed the course, and the "
                f"roster's completion status says nobody for '{facts.audience_id}' has"
            )
        languages = _languages_of(getattr(facts, "elsewhere", ()))
        if languages:
            return (
                f"the roster's people for '{facts.audience_id}' have their certificates in "
                f"{' and '.join(languages)}, and this is the course in {facts.tailored.language}"
            )
        if getattr(facts, "roster_given", True):
            return f"the roster names nobody for '{facts.audience_id}', so no certificate"
        return "certificates are made for the people on a roster, and no roster was given"

    def context(self, edition: Any, used: frozenset[str] | None) -> dict[str, Any]:
        """The roster's attendees who completed the course (all, without a completion
        status column), each with the day their certificate prints: the roster's date
        column, else --date, else the session's date setting. A certificate never prints a
        day nobody gave (the content's date is when the material was written)."""
        from .roster import completed

        people = completed(edition.attendees)
        return {"attendees": dated(people, edition.day, edition.audience_id)}


def _languages_of(people: tuple[Attendee, ...]) -> list[str]:
    """The languages ``people``'s certificates are in, by their tags."""
    return sorted({a.language for a in people if a.language})


class Poster(Kind):
    name = "poster"
    template = "poster.md.j2"
    renderer = ".poster:render"
    checker = ".poster:check_fits"
    description = "comparison poster for the wall (print-shop ready)"
    unit = "pages"
    # it draws no picture today, but every picture its template names is checked and read
    draws_with = frozenset({THEME, POSTER_SIZE, ORIENTATION, BLEED, PICTURES, PRINT, SOURCE})
    missing_hint = (
        "show a table of content/tables/ in a module this audience sees (or name one: "
        "poster: table:), or give the poster points to act on (poster: panel: points:)"
    )

    def missing(self, facts: AudienceFacts) -> str | None:
        """None when the audience's poster shows something beside its headline: a table,
        the panel's points or a note (else it would be a headline over a blank sheet)."""
        if facts.tailored.poster.shows_something:
            return None
        return (
            f"the content for '{facts.audience_id}' gives its poster nothing to show under "
            "its headline (no table a module it sees shows, no panel, no note), so there is "
            "no poster for it"
        )


class PosterTiles(Poster):
    name = "poster-tiles"
    template = "poster.md.j2"
    renderer = ".poster:render_tiles"
    checker = ".poster:check_tiles"
    description = "the poster split over office sheets (only with a tile setting)"
    unit = "sheets"
    draws_with = Poster.draws_with | {TILE}
    comes_with = "poster"
    not_made_hint = (
        "give a tile size with --tile letter (or a4), or set settings: poster: tile: in "
        "content/course.yaml"
    )

    def made(self, course: Course, options: BuildOptions) -> bool:
        return bool(options.tile or course.settings.poster.tile)


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Handout(),
        Deck(),
        Slides(),
        NotesPages(),
        Guide(),
        Evaluation(),
        Pretest(),
        Posttest(),
        AnswerKey(),
        SignIn(),
        Certificates(),
        Poster(),
        PosterTiles(),
    )
}


@dataclass(frozen=True)
class TemplateReads:
    """What rendering one template reads: its files (the template and every partial it
    includes, imports or extends) and the context variables they use (None: not known,
    e.g. a partial named by a variable, so every variable counts)."""

    files: tuple[Path, ...]
    variables: frozenset[str] | None


def template_reads(root: Path, name: str) -> TemplateReads:
    """Found by reading the templates (as the build will find them), not by running them.

    A template that cannot be read or parsed reads "everything": the build then reports
    the problem when it renders it.
    """
    from .manifest import file_hash
    from .project import template_dirs

    dirs = tuple(str(d.resolve()) for d in template_dirs(root))
    # each template's bytes, not its time: an edit within the clock's tick (or a copy that
    # keeps the time) is an edit to a process that builds again (watch, preview)
    stamps = tuple(
        sorted(
            (str(p), file_hash(p) or _stamp_of(p))
            for d in dirs
            for p in files_under(Path(d), ".j2")
        )
    )
    reads = _kept_reads(Path(root), name, dirs, stamps)
    # a template may include a file of any name (_note.txt): its bytes are the key too, or
    # a change to what it includes or reads would be found only by a clean build; read
    # again until the files read are those the key holds (a chain of includes: a few times)
    held: tuple[tuple[str, str], ...] = ()
    for _ in range(_MOST_INCLUDE_ROUNDS):
        others = tuple(
            sorted((str(p), file_hash(p) or MISSING) for p in reads.files if p.suffix != ".j2")
        )
        if others == held:
            break
        held = others
        reads = _kept_reads(Path(root), name, dirs, stamps + others)
    else:  # a long chain changed at once: read afresh, not kept
        reads = _template_reads.__wrapped__(Path(root), name, dirs, stamps + held)
    return reads


_MOST_INCLUDE_ROUNDS = 8
# What a kept reading of the templates holds: raised when it holds more, so that no reading an
# older materials-gen kept is taken for one of today's (it would miss the session's parts).
_READS_FORMAT = 3
_KEPT_TEMPLATE_BYTES = 1024 * 1024  # larger templates are parsed each build, not hashed here


@lru_cache(maxsize=16)
def _templates_digest(dirs: tuple[str, ...], stamps: tuple[tuple[str, str], ...]) -> str | None:
    """A hash of every template's path and bytes (and Jinja's version), read once a build
    for all of them; None when one is not a regular file of a template's size (a pipe or
    device named like a template must not be read here: it could block; the loader's own
    checks report it when the template is rendered) or cannot be read."""
    import hashlib
    import json

    import jinja2

    digest = hashlib.sha256(json.dumps([jinja2.__version__, _READS_FORMAT, dirs]).encode())
    try:
        for path, _ in stamps:
            info = os.stat(path)
            if not stat.S_ISREG(info.st_mode) or info.st_size > _KEPT_TEMPLATE_BYTES:
                return None
            digest.update(path.encode() + b"\0" + Path(path).read_bytes())
    except OSError:
        return None
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _kept_folder() -> Path | None:
    """The folder compiled templates are kept in (this user's only), or None."""
    from .templating import kept_folder

    return kept_folder()


@lru_cache(maxsize=256)
def _kept_reads(
    root: Path, name: str, dirs: tuple[str, ...], stamps: tuple[tuple[str, int], ...]
) -> TemplateReads:
    """:func:`_template_reads`, kept between builds beside the compiled templates (in the
    folder of this user's only, see templating.kept_folder), keyed by the name, the folders
    and every template's bytes: parsing the templates again is most of the template stage's
    time."""
    import hashlib
    import json

    templates = _templates_digest(dirs, stamps)
    folder = _kept_folder()
    if templates is None or folder is None:
        return _template_reads(root, name, dirs, stamps)
    digest = hashlib.sha256(f"{templates}\0{name}".encode())
    kept = folder / f"materials_gen_reads_{digest.hexdigest()}.json"
    try:
        data = json.loads(kept.read_text(encoding="utf-8"))
        files = tuple(Path(f) for f in data["files"])
        variables = None if data["variables"] is None else frozenset(data["variables"])
        if all(any(f.is_relative_to(d) for d in dirs) for f in files):
            return TemplateReads(files, variables)
    except (OSError, ValueError, KeyError, TypeError):
        pass
    found = _template_reads(root, name, dirs, stamps)
    data = {
        "files": [str(f) for f in found.files],
        "variables": None if found.variables is None else sorted(found.variables),
    }
    try:
        temporary = kept.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(data), encoding="utf-8")
        temporary.replace(kept)
    except OSError:
        pass
    else:
        from .templating import kept as prune

        prune(folder)  # never more than a few hundred files
    return found


def _session_parts(tree: Any) -> set[str]:
    """The parts of ``session`` a template reads (see SESSION_PARTS), as ``session.NAME``:
    those it reads by name (``session.date``, ``session["start"]``), or all of them when it
    uses ``session`` any other way."""
    from jinja2 import nodes

    uses = [n for n in tree.find_all(nodes.Name) if n.name == "session" and n.ctx == "load"]
    parts: set[str] = set()
    named = 0
    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        inner = node.node
        if not (isinstance(inner, nodes.Name) and inner.name == "session"):
            continue
        if isinstance(node, nodes.Getattr):
            part = node.attr
        elif isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
            part = node.arg.value
        else:
            continue  # session[name]: which part is not known
        if part not in _SESSION_FIELDS:
            continue  # session.get("start"), session.items(): any part may be read
        parts.add(part)
        named += 1
    if named < len(uses):
        parts = set(SESSION_PARTS)
    return {_READS_OF + p for p in parts if p in SESSION_PARTS}


@lru_cache(maxsize=256)
def _template_reads(
    root: Path, name: str, dirs: tuple[str, ...], stamps: tuple[tuple[str, int], ...]
) -> TemplateReads:
    import jinja2
    from jinja2 import meta, nodes

    from .templating import environment

    env = environment(root)
    files: list[Path] = []
    variables: set[str] | None = set()
    todo, seen = [name], set()
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            assert env.loader is not None
            source, filename, _ = env.loader.get_source(env, current)
            tree = env.parse(source)
        except jinja2.TemplateNotFound:
            # not there (yet): "include ... ignore missing" reads nothing, a plain include
            # stops the build; either way the file that would be read is an input ("missing"
            # until it is made), so that making it rebuilds what includes it
            files.extend(_would_be(current, dirs))
            continue
        except (
            jinja2.TemplateError,
            OSError,
            ValueError,
            TypeError,
            AttributeError,
            AssertionError,
            RecursionError,
            MemoryError,
        ):
            # unknown: compiling it says what is wrong (a template nested too deeply)
            return TemplateReads(tuple(files), None)
        if filename:
            files.append(Path(filename).resolve())
        try:
            if variables is not None:  # every name read: a few may be the template's own
                variables |= {n.name for n in tree.find_all(nodes.Name) if n.ctx == "load"}
                variables |= _session_parts(tree)
            partials = list(meta.find_referenced_templates(tree))
        except RecursionError:
            return TemplateReads(tuple(files), None)
        for partial in partials:
            if partial is None:  # a partial named by a variable: any file there may be read
                variables = None
                for folder in map(Path, dirs):
                    for path in files_under(folder):
                        if path.name.endswith(".j2"):  # looked into for what it includes
                            todo.append(path.relative_to(folder).as_posix())
                        else:  # a template too, if that is what the name makes ("notes.txt")
                            files.append(path.resolve())
            else:
                todo.append(partial)
    found = tuple(sorted(set(files)))
    return TemplateReads(found, frozenset(variables) if variables is not None else None)


def _stamp_of(path: Path) -> str:
    """A template file's time, for one whose bytes cannot be read (a pipe, a folder), or
    what it is when it is not there to stat (a link to nothing): the build says so."""
    try:
        return str(path.stat().st_mtime_ns)
    except OSError:
        return MISSING


def _would_be(name: str, dirs: tuple[str, ...]) -> list[Path]:
    """Where each template folder would hold a template called ``name`` (none outside a
    folder: the loader refuses such a name)."""
    found = []
    for folder in map(Path, dirs):
        try:
            path = (folder / name).resolve()
        except (OSError, ValueError):  # no file could have that name (a NUL in it)
            continue
        if path.is_relative_to(folder.resolve()) and path != folder.resolve():
            found.append(path)
    return found


def template_inputs(kind: Kind, reads: TemplateReads) -> frozenset[str]:
    """The named inputs a kind's template stage reads (files aside)."""
    used = kind.sees if reads.variables is None else kind.sees & reads.variables
    names: set[str] = set()
    for variable in used:
        names |= VARIABLES[variable]
    if "session" in used:
        for part, name in SESSION_PARTS.items():
            if reads.variables is None or _READS_OF + part in reads.variables:
                names.add(name)
    if "slides" in used:
        names |= DECK_LAYOUT - {THEME}
    return frozenset(names)


def dated(
    attendees: tuple[Attendee, ...], day: dt.date | None, audience_id: str
) -> tuple[Attendee, ...]:
    """The attendees with the day of their certificate; ContentError naming the roster's
    lines that have no date when neither --date nor the session's setting gives one."""
    from .errors import ContentError, Location, Problem

    undated = [a for a in attendees if a.date is None]
    if undated and day is None:
        first = undated[0]
        others = f" and {len(undated) - 1} more" if len(undated) > 1 else ""
        raise ContentError(
            [
                Problem(
                    Location(first.file, first.line),
                    f"no day for the {audience_id} certificate of this attendee{others}: the "
                    "roster gives no date, and neither --date nor the session's date "
                    "setting is set",
                    "give it with --date YYYY-MM-DD, a 'date' column in the roster, or "
                    "'date:' under 'settings: session:' in course.yaml",
                )
            ]
        )
    return tuple(a if a.date is not None else replace(a, date=day) for a in attendees)
