"""``materials-gen check``: the content, theme and templates checked without writing.

Beyond validation (every problem of the content, with its file and line), a check warns
about what a trainer would want to know before the session: modules without a duration,
session plans longer than the time booked, and deck slides without speaker notes, numbered
as the deck numbers them (from the laid-out deck, continued slides included).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import ContentError, Location, Problem, with_warnings
from .load import RawProject
from .model import Course, Module
from .options import BuildOptions
from .roster import Attendee, in_language
from .sources import locating
from .theme import Theme


def check_project(
    root: Path, strict: bool = False, options: BuildOptions | None = None
) -> tuple[Course, list[Problem]]:
    """The validated course and every warning; MaterialsError on any problem. A translated
    course is checked in each of its languages, as a build makes it. ``strict`` (check
    --strict) also asks for sources, as ``settings: require_sources`` does."""
    from .templating import template_budget

    with template_budget():  # its templates together, as a build's
        return _check_project(root, strict, options)


def _check_project(
    root: Path, strict: bool, options: BuildOptions | None
) -> tuple[Course, list[Problem]]:
    from .build import checked_project, course_languages
    from .contrast import contrast_problems
    from .edition import deck_template_notes
    from .translations import language_location

    project, course, theme, found = checked_project(root)
    # where a build would write: a setting no build may write into stops check as it does build
    from .manifest import output_folder_of

    output_folder_of(root, None, course.settings.output)
    # colours too faint to read are what ``check`` is for: it stops on them (a build warns),
    # with every other problem and warning it finds (they are told together)
    faint = contrast_problems(theme)
    warnings = [*found, *project_warnings(project, course, options, strict)]
    with with_warnings(warnings), locating(root):
        said = project.course.location(("language",))
        languages = course_languages(project, course, warnings)
        found = [*faint]
        # with --roster, the roster read as a build reads it: its people's certificates and
        # sign-in sheets are checked too, and what a build tells of them is told here
        attendees = _roster(course, languages, theme, options, warnings)
        decks: list[Any] = []  # every language's editions, whose decks the template speaks of
        for language, each in languages:
            where = language_location(root, language, said) if each is not course else said
            warnings.extend(label_warnings(root, each, where))
            # the pace of the course's own language (a translation's notes run longer or
            # shorter, but its modules have the same time)
            try:
                _check_outputs(
                    root,
                    each,
                    theme,
                    warnings,
                    project if each is course else None,
                    options,
                    (in_language(attendees, each.language), language),
                    decks,
                )
            except ContentError as exc:  # every language's problems, told together
                found.extend(p for p in exc.problems if p not in found)
        # what the deck template tells, once for every deck (as a build tells it)
        warnings.extend(deck_template_notes(decks))
        if found:
            raise ContentError(found)
    # a translation reads what it does not translate from the source: said once, not per language
    return course, list(dict.fromkeys(warnings))


def project_warnings(
    project: RawProject, course: Course, options: BuildOptions | None, strict: bool = False
) -> list[Problem]:
    """What ``check`` and ``build`` both warn of in the course as a whole, told alike by
    each (``build --strict`` fails on them as ``check --strict`` does): a session plan longer
    than booked or a module without a time, contact hours without the accrediting body and
    approval number, modules that cite no source when sources are required (``strict``:
    check --strict asks for them too), and knowledge checks of too few questions."""
    from .assessment import warnings as assessment_warnings

    return [
        *timing_warnings(course, project, options.start if options else None),
        *credit_warnings(course, project),
        *source_warnings(project, course, strict),
        *assessment_warnings(project, course),
    ]


def _roster(
    course: Course,
    languages: list[tuple[str, Course]],
    theme: Theme,
    options: BuildOptions | None,
    warnings: list[Problem],
) -> tuple[Attendee, ...]:
    """The attendees of ``options``' roster (none without one), what a build would tell of
    them added to ``warnings``."""
    from .attendance import every_language, roster_of

    if options is None or options.roster is None:
        return ()
    columns: set[str] = set()
    courses = [each for _, each in languages]
    attendees = roster_of(course, options, courses, theme, warnings, columns)
    if attendees and len(languages) > 1:
        warnings.extend(every_language(languages, attendees, options, columns))
    return attendees


def _check_outputs(
    root: Path,
    course: Course,
    theme: Theme,
    warnings: list[Problem],
    project: RawProject | None = None,
    options: BuildOptions | None = None,
    people: tuple[tuple[Attendee, ...], str] = ((), ""),
    decks: list[Any] | None = None,
) -> None:
    """Run every template and lay out every deck, as a build would (with ``options``: the
    deck's template and shape), adding warnings (and, given the loaded ``project``, whether
    each module's material fits its time). ``people``: the roster's attendees in the
    course's language, and that language's tag in a translated course (else "").
    ``decks``: the editions are added to it, for what the deck template tells of their decks
    (told once for every language's)."""
    from .edition import Edition
    from .kinds import KINDS, TemplateReads
    from .plan import options_for, plan
    from .templating import compiled_template

    options = options or BuildOptions()
    settings = options_for(root, course, options)
    deck = KINDS["deck"]
    editions: dict[str, Edition] = {}
    reads: dict[str, TemplateReads] = {}  # each template looked at once
    attendees, language = people
    targets = plan(course, options, attendees, language)
    # the templates of outputs a plain build does not make (certificates want a roster):
    # compiled, so that a mistake in one is found before the day it is needed
    made = {t.kind.template for t in targets}
    for kind in KINDS.values():
        if kind.template and kind.template not in made:
            compiled_template(root, kind.template)
    found: list[Problem] = []  # every output's problems, told together (as build does)
    for target in targets:
        audience = target.audience
        edition = editions.setdefault(
            audience.id,
            Edition(
                root,
                course,
                audience,
                settings,
                **options.edition(),  # the agenda's clock times can move the slides after it
                attendees=attendees,
                theme=theme,
                reads=reads,
            ),
        )
        try:
            _output_fits(edition, target, theme, settings, deck, warnings, course, project)
        except ContentError as exc:
            found.extend(p for p in exc.problems if p not in found)
    if decks is not None:
        decks.extend(editions.values())
    if found:
        raise ContentError(found)


def _output_fits(
    edition: Any,
    target: Any,
    theme: Theme,
    settings: Any,
    deck: Any,
    warnings: list[Problem],
    course: Course,
    project: RawProject | None,
) -> None:
    """One output checked as a build would make it, short of drawing it."""
    from .render.layout import notes_warnings

    audience = target.audience
    edition.document(target.kind)  # every template runs and its result parses
    warnings.extend(edition.slips(target.kind))  # and what it wrote that none reads
    _fits(edition, target, theme, settings)  # laid out as a build would, short of drawing
    if target.kind is deck:
        warnings.extend(shared_titles(edition.laid_out_deck, audience.name, deck.template))
        from .pacing import pacing_warnings

        # a translation's notes are said in its language, in the time the source gives
        named = target.audience_named
        warnings.extend(pacing_warnings(project, edition.tailored, edition.laid_out_deck, named))
        modules = {m.id: m.file for m in course.modules}
        warnings.extend(notes_warnings(edition.laid_out_deck, named, modules, deck.template))


def _fits(edition: Any, target: Any, theme: Theme, settings: Any) -> None:
    """An output checked as its build begins, short of drawing it (its kind's checker: the
    poster laid out on its sheet and its tiles' captions, a handout's tables on its page
    and its band and footer, the printed slides' header and footer), its problems told as a
    build tells them, with the audience (check said OK to what stopped every build)."""
    from .i18n import speaking
    from .jobs import render_options
    from .rendering import with_audience

    kind = target.kind
    if kind.checker is None:
        return
    try:
        shared = edition.shared(kind)  # the laid-out deck, for the printed slides
    except ContentError:
        return  # the deck's own problem, told once, where the deck is checked
    # the options the build gives the renderer (large print included), from the same code
    options = render_options(kind, edition, settings, edition.pictures(kind))
    try:
        with speaking(edition.labels):
            kind.check_fits(edition.document(kind), theme, options, shared)
    except ContentError as exc:
        raise ContentError([with_audience(p, target) for p in exc.problems]) from None


def credit_warnings(course: Course, project: RawProject | None = None) -> list[Problem]:
    """Contact hours printed for an audience while no accrediting body and approval number
    say who approved them."""
    credit = course.settings.continuing_education
    if credit.accrediting_body and credit.approval_number:
        return []
    where = Location("content/course.yaml")
    if project is not None:
        where = project.course.location(("settings", "continuing_education"))
    return [
        Problem(
            where,
            f"contact hours are printed for {audience.name} (continuing_education: true) "
            "without the accrediting body and approval number",
            "set settings: continuing_education: accrediting_body and approval_number; the "
            "certificates print them beside the hours",
            severity="warning",
        )
        for audience in course.audiences
        if audience.continuing_education
    ]


def source_warnings(project: RawProject, course: Course, asked: bool = False) -> list[Problem]:
    """With ``settings: require_sources: true`` (or when ``asked``: check --strict), each
    module a continuing-education audience sees that cites no source (its own, or for that
    audience)."""
    from .tailor import tailor

    if not (course.settings.require_sources or asked):
        return []
    found: dict[str, Problem] = {}
    for audience in course.audiences:
        if not audience.continuing_education:
            continue
        for module in tailor(course, audience.id).modules:
            if module.sources or module.id in found:
                continue
            raw = project.modules.get(module.id)
            where = raw.front.location(("title",)) if raw else Location(module.file)
            found[module.id] = Problem(
                where,
                f"module '{module.id}' cites no source, and {audience.name} earn "
                "continuing-education credit for it",
                "add 'sources:' (author, year, title, publisher, url) to the module",
                severity="warning",
            )
    return list(found.values())


SESSION_LENGTH = ("settings", "session", "length")
SESSION_START = ("settings", "session", "start")


def timing_warnings(course: Course, project: RawProject, start: str | None = None) -> list[Problem]:
    """Modules without a duration, a break after the last module that nothing follows,
    session plans longer than the session booked, and plans that run past midnight from
    ``start`` (--start; else the course's setting): what ``build`` warns of too."""
    from .pacing import duration_line
    from .plan import check_start
    from .schedule import days_later, dropped_break, session_plan
    from .tailor import tailor

    check_start(start)

    found: list[Problem] = []
    for module in course.modules:
        if not module.duration:
            found.append(
                Problem(
                    duration_line(project, module),
                    f"module '{module.id}' has no duration",
                    "add e.g. 'duration: 15' (minutes) so the session plan can time it",
                    severity="warning",
                )
            )
    timed = {m.id for m in course.modules if m.duration}
    length = course.settings.session.length
    dropped: dict[str, tuple[str, list[str]]] = {}  # module -> its file, the audiences
    longest: dict[str, tuple[Module, int]] = {}  # modules longer than break_every
    for index, audience in enumerate(course.audiences):
        tailored = tailor(course, audience.id)
        if not tailored.modules:  # every module limited to other audiences: empty materials
            found.append(
                Problem(
                    project.course.location(("audiences", index, "id")),
                    f"{audience.name} ('{audience.id}') see no module: every module is "
                    "limited to other audiences, so their materials would be empty",
                    f"add '{audience.id}' to the 'audience:' of the modules they should see "
                    "(or take that line out of a module for every audience), or remove the "
                    "audience",
                    severity="warning",
                )
            )
        for module in tailored.modules:  # a duration given per audience, not for this one
            if module.id in timed and not module.duration:
                found.append(
                    Problem(
                        duration_line(project, module),
                        f"module '{module.id}' has no duration for {audience.name}",
                        f"add '{audience.id}:' (or 'default:') to its duration",
                        severity="warning",
                    )
                )
        every = course.settings.session.break_every
        for module in tailored.modules:  # the longest time each module is given
            minutes = module.duration or 0
            if every and minutes > every and minutes > longest.get(module.id, (module, 0))[1]:
                longest[module.id] = (module, minutes)
        last = dropped_break(tailored)
        if last is not None:
            dropped.setdefault(last.id, (last.file, []))[1].append(audience.name)
        plan = session_plan(tailored, start)
        total = plan.total_minutes
        begin = start or course.settings.session.start
        days = days_later(plan, begin)
        if days:
            later = "the next day" if days == 1 else f"{days} days later"
            found.append(
                Problem(
                    None if start else project.course.location(SESSION_START),
                    f"the session plan for {audience.name} runs past midnight: from "
                    f"{plan.start}, its {total} minutes end at {plan.end} {later}",
                    "start it earlier (settings: session: start, or --start) or shorten it: "
                    "the outputs print the clock times of one day",
                    severity="warning",
                )
            )
        if length and total > length:
            found.append(
                Problem(
                    project.course.location(SESSION_LENGTH),
                    f"the session plan for {audience.name} takes {total} minutes, "
                    f"{total - length} more than the {length} booked",
                    "shorten modules or breaks, or raise settings: session: length",
                    severity="warning",
                )
            )
    found.extend(_longer_activities(course, project))
    every = course.settings.session.break_every
    for module, minutes in longest.values():
        found.append(
            Problem(
                duration_line(project, module),
                f"module '{module.id}' takes {minutes} minutes, longer than break_every "
                f"({every}): the session plan puts no break inside a module",
                "split it into two modules (a break can come between them), or raise "
                "settings: session: break_every",
                severity="warning",
            )
        )
    for module, (file, audiences) in dropped.items():
        raw = project.modules.get(module)
        whose = "any" if len(audiences) == len(course.audiences) > 1 else "the"
        named = "" if whose == "any" else " for " + " and ".join(audiences)
        found.append(
            Problem(
                raw.front.location(("break_after",)) if raw else Location(file),
                f"the break after module '{module}' is not in {whose} session plan{named}: "
                "it is the last module, and nothing timed follows it",
                "move break_after to the module the break should follow, or remove it",
                severity="warning",
            )
        )
    return found


def _longer_activities(course: Course, project: RawProject) -> list[Problem]:
    """A module whose activities alone take longer than the module: the agenda, the guide
    and the handout print the module's time beside activities that cannot fit in it. Said
    once per module, naming the audiences it is so for, at its ``duration:`` line."""
    from .tailor import tailor

    over: dict[tuple[str, int, int], list[str]] = {}
    for audience in course.audiences:
        for module in tailor(course, audience.id).modules:
            activities = sum(a.duration or 0 for a in getattr(module, "activities", ()))
            if module.duration and activities > module.duration:
                over.setdefault((module.id, activities, module.duration), []).append(audience.name)
    found = []
    for (module, activities, minutes), audiences in over.items():
        raw = project.modules.get(module)
        found.append(
            Problem(
                raw.front.location(("duration",)) if raw else None,
                f"the activities of module '{module}' take {activities} minutes for "
                f"{' and '.join(audiences)}, more than the module's {minutes}: the agenda, "
                "the guide and the handout give the module "
                f"{minutes} minutes and its activities {activities}",
                "give the module the time its activities take, or more (duration:), or "
                "shorten its activities",
                severity="warning",
            )
        )
    return found


LISTED = 12  # missing labels named in the warning; the rest are counted


def label_warnings(root: Path, course: Course, where: Location) -> list[Problem]:
    """The labels (materials-gen's own words on the outputs) that the course's language has
    no translation for, and a language whose dates and numbers Babel does not know; both
    said at ``where`` (the course's language in course.yaml)."""
    from .i18n import PROJECT_FOLDER, known_language, load_labels, missing

    language = course.language
    found: list[Problem] = []
    if not known_language(language):
        found.append(
            Problem(
                where,
                f"the language '{language}' is not one whose dates and numbers materials-gen "
                "knows: they and its labels are written as in English",
                "use a language tag such as 'es', 'fr-CA' or 'pt-BR'",
                severity="warning",
            )
        )
        # (not the labels to fill in: 'materials-gen labels' refuses such a tag)
        return found
    labels = load_labels(root, language)
    lacking = missing(labels, root)
    if lacking:
        named = ", ".join(f"'{m}'" for m in lacking[:LISTED])
        more = f" and {len(lacking) - LISTED} more" if len(lacking) > LISTED else ""
        # the project's own catalog when it has one ('labels zh-Hans' wrote zh-Hans.po),
        # else the language's: its regions share it, not its scripts (zh-Hans, zh-Hant)
        own = [f for f in labels.files if f.is_relative_to(root)]
        parts = language.split("-")
        scripted = any(len(part) == 4 and part.isalpha() for part in parts[1:])
        base = own[0].stem if own else language if scripted else parts[0]
        found.append(
            Problem(
                where,
                f"{_labels_count(len(lacking))} materials-gen puts on the outputs "
                f"{'has' if len(lacking) == 1 else 'have'} no translation for '{language}' "
                f"and {'is' if len(lacking) == 1 else 'are'} printed in English: {named}{more}",
                f"'materials-gen labels {base}' writes templates/{PROJECT_FOLDER}/{base}.po "
                "with every label, the translations there are kept; fill in the rest",
                severity="warning",
            )
        )
    return found


def _labels_count(count: int) -> str:
    return "1 label" if count == 1 else f"{count} labels"


def shared_titles(laid: Any, audience: str, template: str) -> list[Problem]:
    """A warning for each title two slides of a deck share: a screen reader lists a deck's
    slides by title (and PowerPoint's Accessibility Checker flags it), so slides need titles
    of their own. Continued slides are numbered already ("(cont.)", "(cont. 2)")."""
    slides: dict[str, list[Any]] = {}
    for slide in laid.slides:
        if slide.title.strip():
            slides.setdefault(" ".join(slide.title.split()).casefold(), []).append(slide)
    found = []
    for same in slides.values():
        if len(same) < 2:
            continue
        numbers = ", ".join(str(s.number) for s in same[:-1]) + f" and {same[-1].number}"
        found.append(
            Problem(
                None,
                f"slides {numbers} of the deck for {audience} have the same title "
                f"'{same[0].title}': a screen reader lists slides by title, so they cannot be "
                "told apart",
                f"give each its own title (in the modules, or in {template})",
                severity="warning",
            )
        )
    return found
