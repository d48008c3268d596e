"""What a build makes: the outputs (kind x audience) a trainer asked for, and the settings
they are made with.

Nothing here reads templates or renders: planning answers "which files, with which
options" from the validated course and the command line, and checks the names a trainer
typed (a misspelt audience or output is a usage error with a did-you-mean).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from . import __version__, paper
from .edition import attendees_for
from .errors import Problem, UsageError, did_you_mean
from .i18n import named_tags
from .kinds import KINDS, Kind
from .model import CLOCK_PATTERN, Audience, Course, canonical_tag
from .options import BuildOptions
from .project import display_path
from .render import BUILT_IN_TEMPLATE, RenderOptions
from .roster import Attendee


@dataclass(frozen=True)
class Target:
    """One file a build makes: an output kind for one audience (in one language, when the
    course is translated)."""

    kind: Kind
    audience: Audience
    path: Path  # relative to the output folder
    language: str = ""  # the language of a translated course's outputs ("" untranslated)

    @property
    def key(self) -> str:
        """The edition it belongs to (see :func:`edition_key`)."""
        return edition_key(self.language, self.audience.id)

    @property
    def audience_named(self) -> str:
        """Its audience as a message names it: with its language when the course is
        translated ("All staff (es)"), since an audience's name may be the same in two."""
        return named_in(self.audience.name, self.language)


def named_in(name: str, language: str) -> str:
    """An audience's ``name`` in a message about its outputs in ``language`` ("" for an
    untranslated course's)."""
    return f"{name} ({language})" if language else name


def edition_key(language: str, audience_id: str) -> str:
    """An audience's outputs in one language: "clinical", or "es/clinical" for a language of
    a translated course (the manifest and the overview page group outputs by it)."""
    return f"{language}/{audience_id}" if language else audience_id


# Latin letters that are not a letter and its accents, and the letters they are written as
_SPELT = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "þ": "th"})
SLUG_LENGTH = 60  # as long as a slug written out may be (model.Course.slug)


def in_plain_letters(text: str) -> str:
    """``text`` in lower-case plain letters, digits and hyphens: "Clínico Team" ->
    "clinico-team" (not "cl-nico-team"), as a file name or an id is written."""
    plain = unicodedata.normalize("NFKD", text.lower().translate(_SPELT))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def course_slug(course: Course) -> str:
    """The start of every output's file name: the course's ``slug``, else its title in
    plain letters ("Formación en Ñandú" -> "formacion-en-nandu", not "formaci-n-en-and"),
    at most SLUG_LENGTH characters, cut between words; "course" when none is left."""
    if course.slug:
        return course.slug
    title = course.title if isinstance(course.title, str) else "course"
    slug = in_plain_letters(title)
    if len(slug) > SLUG_LENGTH:
        cut = slug[: SLUG_LENGTH + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else slug[:SLUG_LENGTH]
    return slug or "course"


def target_path(course: Course, kind: Kind, audience: Audience, language: str = "") -> Path:
    """Where an output goes: ``<audience>/<slug>-<audience>-<kind>``, or for a translated
    course ``<language>/<audience>/<slug>-<language>-<audience>-<kind>``."""
    slug = course_slug(course)
    if language:
        name = f"{slug}-{language}-{audience.id}-{kind.name}{kind.suffix}"
        return Path(language) / audience.id / name
    return Path(audience.id) / f"{slug}-{audience.id}-{kind.name}{kind.suffix}"


class Facts:
    """What deciding whether an audience gets an output looks at, made only when asked:
    ``attendees``, the roster's people in the course's language; ``elsewhere``, its others
    (see :func:`materials_gen.roster.in_language`)."""

    def __init__(
        self,
        course: Course,
        audience_id: str,
        attendees: tuple[Attendee, ...],
        elsewhere: tuple[Attendee, ...] = (),
    ):
        self.course, self.audience_id = course, audience_id
        self.attendees = attendees_for(attendees, audience_id)
        self.elsewhere = attendees_for(elsewhere, audience_id)
        # a roster read (for this audience or others, in this language or others)
        self.roster_given = bool(attendees or elsewhere)

    @cached_property
    def tailored(self) -> Course:
        from .tailor import tailor

        return tailor(self.course, self.audience_id)


def check_names(course: Course | None, options: BuildOptions) -> None:
    """UsageError for every audience or output the trainer named that does not exist (the
    outputs alone when ``course`` is None)."""
    problems: list[Problem] = []
    known = [a.id for a in course.audiences] if course is not None else []
    for name in options.audiences if course is not None else ():
        if name not in known:
            problems.append(
                Problem(
                    None,
                    f"there is no audience '{name}' in content/course.yaml",
                    did_you_mean(name, known),
                )
            )
    for name in options.kinds:
        if name not in KINDS:
            problems.append(
                Problem(None, f"there is no output '{name}'", did_you_mean(name, KINDS))
            )
    if problems:
        raise UsageError(problems)


def chosen_languages(
    languages: list[tuple[str, Course]], wanted: tuple[str, ...]
) -> list[tuple[str, Course]]:
    """The languages of ``languages`` (as :func:`build.course_languages` gives them) that
    ``wanted`` names (all when it names none). A language is named by its tag ("es",
    "en-US") or, when only one has it, its first part ("en"); case does not matter.

    Raises UsageError naming each language the course does not have."""
    if not wanted:
        return languages
    tags = [language or course.language for language, course in languages]
    chosen: set[int] = set()
    problems = []
    for name in wanted:
        asked = name.strip().lower().replace("_", "-")
        found = named_tags(name, tags)
        if found:
            chosen.update(n for n, tag in enumerate(tags) if tag in found)
            continue
        varieties = [t for t in tags if t.lower().split("-")[0] == asked]
        if len(varieties) > 1:  # "en" with en-US and en-GB: which one is meant
            listed = " or ".join(varieties)
            problems.append(
                Problem(
                    None,
                    f"'{name}' names more than one of the course's languages: {listed}",
                    f"name one of them, e.g. -l {varieties[0]} (repeat -l for several)",
                )
            )
            continue
        hint = _language_hint(name, tags)
        problems.append(
            Problem(
                None,
                f"the course is not built in '{name}': its languages are {', '.join(tags)}",
                hint,
            )
        )
    if problems:
        raise UsageError(problems)
    return [each for n, each in enumerate(languages) if n in chosen]


def _language_hint(name: str, tags: list[str]) -> str:
    """What to do about ``name``, a language the course is not built in (``tags``): the
    language meant, when it is one of the course's under another region ("es-MX", "es_ES"
    for es), its name in English or in itself ("Spanish", "Español", "espanol") or a slip of
    either; how to start a translation only when it is a well-formed tag of a language the
    course does not have at all (following a hint never makes a second Spanish)."""
    from .i18n import LANGUAGE_TAG, babel_locale, known_language

    meant = meant_languages(name, tags)
    if meant:
        return f"did you mean {' or '.join(repr(t) for t in meant)}?"
    asked = name.strip().replace("_", "-")
    if LANGUAGE_TAG.match(asked) and known_language(asked):
        first, *rest = canonical_tag(asked).split("-")  # "de-de": de-DE, as translate makes
        tag = "-".join([babel_locale(first).language, *rest])  # "fra": fr
        return f"to add it, start a translation with: materials-gen translate {tag}"
    return f"name one of them by its tag, e.g. -l {tags[-1]}" if tags else ""


def meant_languages(name: str, tags: list[str]) -> list[str]:
    """The ``tags`` that ``name`` likely means though it names none of them exactly: those of
    its language in another region, else the one named by its language's name (in English or
    in itself, any case, with or without accents), else the closest to a slip of either."""
    import difflib

    from .i18n import LANGUAGE_TAG, babel_locale, known_language
    from .roster import language_names

    asked = name.strip().replace("_", "-")
    base = asked.split("-")[0].casefold()
    if LANGUAGE_TAG.match(asked) and known_language(base):  # "spa", "eng": es, en
        base = babel_locale(base).language
    same = [t for t in tags if t.split("-")[0].casefold() == base]
    if same:
        return same
    names = {_loose(t): t for t in tags}
    for tag in tags:
        for each in language_names(tag):
            names.setdefault(_loose(each), tag)
            names.setdefault(_loose(each.split(" (")[0]), tag)  # "Spanish (Mexico)"
    typed = _loose(name)
    if typed in names:
        return [names[typed]]
    close = difflib.get_close_matches(typed, list(names), n=1, cutoff=0.75)
    return [names[close[0]]] if close else []


def _loose(text: str) -> str:
    """A language's tag or name compared loosely: any case, without accents."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold().replace("_", "-"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def chosen_audiences(course: Course, options: BuildOptions) -> list[Audience]:
    """The audiences a build with ``options`` makes outputs for (``-a``), in the course's
    order: all of them when none is named."""
    return [a for a in course.audiences if not options.audiences or a.id in options.audiences]


def plan(
    course: Course, options: BuildOptions, attendees: tuple[Attendee, ...] = (), language: str = ""
) -> list[Target]:
    """The files a build makes, in the order of the audiences and of KINDS (``language``: of
    one language of a translated course)."""
    check_names(course, options)
    audiences = chosen_audiences(course, options)
    kinds = [
        k
        for k in KINDS.values()
        if (not options.kinds or k.name in options.kinds or k.comes_with in options.kinds)
        and k.made(course, options)
    ]
    targets = []
    for audience in audiences:
        facts = Facts(course, audience.id, attendees)
        for kind in kinds:
            if kind.missing(facts) is None:
                path = target_path(course, kind, audience, language)
                targets.append(Target(kind, audience, path, language))
    return targets


def options_for(root: Path, course: Course, options: BuildOptions) -> RenderOptions:
    """The renderers' options: settings overridden by the command line, files read here."""
    from .validate import check_deck_template, deck_template_problem

    deck = course.settings.deck
    template: bytes | None = None
    name = BUILT_IN_TEMPLATE
    path = deck_template_file(root, course, options)
    if path is not None:
        given = Path(options.deck_template) if options.deck_template else root / str(deck.template)
        name = display_path(given, root)
        if options.deck_template:  # a command-line path: from the folder materials-gen runs in
            problem = deck_template_problem(
                given,
                f"--deck-template: '{given}'",
                f"the folder materials-gen is run in ({Path.cwd()}), not to the project",
            )
        else:
            problem = check_deck_template(given.parent, given.name)
        if problem:
            raise UsageError([Problem(None, problem[0], problem[1])])
        try:
            template = given.read_bytes()
        except OSError as exc:
            raise UsageError(
                [Problem(None, f"cannot read {name}: {exc.strerror or exc}")]
            ) from None
        if options.aspect is not None:  # the built-in design's shape: never silently dropped
            from .deck_layouts import aspect_refused

            named = (
                name
                if options.deck_template
                else f"{name} (the project's deck template, settings: deck: template:)"
            )
            raise UsageError([aspect_refused(options.aspect, named, template)])
    poster = course.settings.poster
    check_start(options.start)
    if options.date is not None:  # told before anything is built, whatever is asked for
        from .edition import session_day

        session_day(options.date)
    for flag, value, reader in (
        ("--poster-size", options.poster_size, paper.size),
        ("--bleed", options.bleed, paper.bleed),
        ("--tile", options.tile, paper.size),
    ):
        if value is not None:
            try:
                reader(value)
            except paper.PaperError as exc:
                raise UsageError([Problem(None, f"{flag}: {exc}")]) from None
    bleed = options.bleed or poster.bleed  # --bleed 0 switches off the setting's, for one build
    poster_size = options.poster_size or poster.size
    # as the size is typed ('30x20in' is 30 in wide), unless an orientation is given
    set_here = "orientation" in poster.model_fields_set
    return RenderOptions(
        poster_size=poster_size,
        orientation=options.orientation
        or (poster.orientation if set_here else paper.typed_orientation(poster_size)),
        bleed=None if paper.no_bleed(bleed) else bleed,
        tile=options.tile or poster.tile,
        paper=options.paper or course.settings.paper,
        generator=f"materials-gen {__version__}",
        aspect=options.aspect or deck.aspect,
        deck_template=template,
        deck_template_name=name,
        layouts=tuple(sorted(deck.layouts.items())),
        per_page=deck.per_page,
        printing=printing(options.printing or course.settings.print),
    )


def check_start(start: str | None) -> None:
    """Stop on a --start that is not a time of day (UsageError)."""
    if start is not None and not re.match(CLOCK_PATTERN, start):
        from .validate import clock_hint

        raise UsageError(
            [Problem(None, f"--start: '{start}' is not a time of day", clock_hint(start))]
        )


def printing(value: str) -> str:
    """How PDFs are printed, as recorded: "colour" (also written "color"), or "bw"."""
    return "colour" if value.lower() in ("colour", "color") else "bw"


def deck_template_file(root: Path, course: Course, options: BuildOptions) -> Path | None:
    """The deck template the build uses (by option, else by setting); None: the built-in one."""
    name = course.settings.deck.template
    given = options.deck_template or (root / name if name else None)
    return Path(given).resolve() if given is not None else None


@dataclass(frozen=True)
class Skipped:
    """An output a build does not make, and why: what ``list`` tells a trainer who wonders
    where the pretest went."""

    kind: Kind
    audience: Audience | None  # None: for no audience
    why: str
    hint: str = ""


def skipped(
    course: Course,
    options: BuildOptions,
    attendees: tuple[Attendee, ...] = (),
    elsewhere: tuple[Attendee, ...] = (),
) -> list[Skipped]:
    """Every (kind, audience) the build leaves out, with the reason its kind gives
    (``attendees`` and ``elsewhere``: as :class:`Facts` takes them)."""
    check_names(course, options)
    out: list[Skipped] = []
    audiences = chosen_audiences(course, options)
    for kind in KINDS.values():
        if (
            options.kinds
            and kind.name not in options.kinds
            and kind.comes_with not in options.kinds
        ):
            continue
        if not kind.made(course, options):
            out.append(Skipped(kind, None, kind.description, kind.not_made_hint or ""))
            continue
        for audience in audiences:
            facts = Facts(course, audience.id, attendees, elsewhere)
            why = kind.missing(facts)
            if why is not None:
                out.append(Skipped(kind, audience, why, kind.hint_for(options, facts)))
    return out
