"""The roster read for a build, and what a build tells of its people: who gets no
certificate and why, a roster that names no language or no audience where it matters, and
outputs asked for by name that cannot be made."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ContentError, Location, Problem
from .model import Course
from .options import BuildOptions
from .roster import Attendee, as_typed, completed, read_roster, roster_lines, shown
from .theme import Theme

if TYPE_CHECKING:
    from .glyphs import Unprintable


def read_attendees(
    course: Course,
    options: BuildOptions,
    notes: list[Problem] | None = None,
    also: Iterable[Course] = (),
    columns: set[str] | None = None,
) -> tuple[Attendee, ...]:
    """The roster's attendees (none without --roster); ``notes`` receives what was ignored.
    An audience may be named as ``course`` names it or as any course of ``also`` does (the
    course in its other languages), and a language as any of these courses is written in.
    ``columns`` receives the roster's columns that certificates use."""
    if options.roster is None:
        return ()
    roster = Path(options.roster)
    missing(roster)
    audiences: dict[str, list[str]] = {a.id: [a.name] for a in course.audiences}
    also = list(also)
    for each in also:
        for audience in each.audiences:
            if audience.id in audiences and audience.name not in audiences[audience.id]:
                audiences[audience.id].append(audience.name)
    languages = list(dict.fromkeys(c.language for c in (course, *also)))
    return read_roster(roster, audiences, roster.as_posix(), notes, languages, columns)


def missing(roster: Path) -> None:
    """UsageError (exit status 2, as for a --deck-template that is not there) when the file
    ``--roster`` names does not exist: the command line is wrong, not the roster; the hint
    says where the path is read from, or how to write it for the file it likely means."""
    from .errors import UsageError

    if os.path.lexists(roster):
        if roster.is_symlink() and not roster.exists():  # a link to a file not there
            where = os.readlink(roster)
            raise UsageError(
                [
                    Problem(
                        None,
                        f"--roster: '{roster}' is a link to '{where}', which does not exist",
                        "give the roster file's own path, or mend the link",
                    )
                ]
            )
        return
    from .project import not_there_hint

    hint = not_there_hint(
        roster, f"the folder materials-gen is run in ({Path.cwd()}), not to the project"
    )
    raise UsageError([Problem(None, f"--roster: '{roster}' does not exist", hint)])


def roster_of(
    course: Course,
    options: BuildOptions,
    courses: Iterable[Course],
    theme: Theme,
    notes: list[Problem],
    columns: set[str],
) -> tuple[Attendee, ...]:
    """The roster's attendees as a build (or ``check --roster``) reads them, with what it
    tells of them added to ``notes``: names no font draws, at their roster lines; people
    who have not completed the course; people with no audience where audiences earn hours.
    ``courses`` are the course in each of its languages; ``columns`` receives the roster's
    columns that certificates use."""
    attendees = read_attendees(course, options, notes, courses, columns)
    if not attendees:
        return attendees
    from .glyphs import unprintable_in

    people = [(as_typed(a.name), Location(a.file, a.line)) for a in attendees]
    people += [(as_typed(a.trainer), Location(a.file, a.line)) for a in attendees if a.trainer]
    if names_printed(options):
        unprintable = unprintable_people(attendees, theme)
        if unprintable:
            raise ContentError(unprintable)
    notes.extend(unprintable_in(people, theme))
    if certificates_asked(options):
        notes.extend(not_completed(attendees))
        notes.extend(every_track(course, completed(attendees)))
    return attendees


def every_language(
    languages: list[tuple[str, Course]],
    attendees: tuple[Attendee, ...],
    options: BuildOptions,
    columns: set[str],
) -> list[Problem]:
    """A roster without a language column, in a build of several languages: each person
    gets a certificate in each language, which is seldom what a trainer prints. Said once
    (a language column left empty says "every language" on purpose)."""
    if "language" in columns or not certificates_asked(options):
        return []
    from .roster import language_names

    tags = " and ".join(
        f"{(language_names(c.language) or (c.language,))[0]} ({c.language})" for _, c in languages
    )
    return [
        Problem(
            Location(attendees[0].file, 1),
            f"the roster gives no language: each person gets a certificate in {tags}",
            "add a 'language' column (e.g. es, or Spanish) for the language of each person's "
            "certificate, or build one language with -l",
            severity="warning",
        )
    ]


def certificates_asked(options: BuildOptions) -> bool:
    return not options.kinds or "certificates" in options.kinds


def names_printed(options: BuildOptions) -> bool:
    """Whether the outputs asked for print the roster's names (certificates, sign-in)."""
    return not options.kinds or bool({"certificates", "sign-in"} & set(options.kinds))


def unprintable_people(attendees: Iterable[Attendee], theme: Theme) -> list[Problem]:
    """An error at each roster row whose name (or trainer's name) no font here can draw
    whole: its certificate and sign-in line would print '?' where the name goes, one page
    among many that a trainer prints without reading each, and one warning among others."""
    from .glyphs import unprintable_names

    attendees = list(attendees)
    found = unprintable_names(
        [as_typed(n) for a in attendees for n in (a.name, a.trainer) if n], theme
    )
    if not found:
        return []
    problems = []
    for a in attendees:
        name, trainer = as_typed(a.name), as_typed(a.trainer)
        if name in found:
            whose = f"the certificate and sign-in line of '{shown(name)}' cannot be printed"
            what, hint = _unprintable(found[name], "the name")
        elif trainer in found:
            whose = (
                f"the certificate of '{shown(name)}' cannot be printed (its trainer's name, "
                f"'{shown(trainer)}')"
            )
            what, hint = _unprintable(found[trainer], "the trainer's name")
        else:
            continue
        problems.append(Problem(Location(a.file, a.line), f"{whose}: {what}", hint))
    return problems


def _unprintable(missing: Unprintable, text: str) -> tuple[str, str]:
    """What a name's message says cannot be drawn, and its hint (see unprintable_people)."""
    from .glyphs import SUBSTITUTE, named

    said, fixes = [], [f"write {text} in Latin letters in the roster"]
    if missing.scripts:
        scripts = " and ".join(missing.scripts)
        said.append(f"no font here draws {scripts}")
        fixes.append(
            f"name a TrueType font of your own with {scripts} letters (and A-Z, a-z, 0-9) as "
            "the body and heading fonts in templates/theme.yaml (fonts: body: regular: "
            "fonts/YourFont-Regular.ttf)"
        )
    if missing.not_laid_out:
        said.append(f"{' and '.join(missing.not_laid_out)} is not laid out in PDFs yet")
    if missing.characters:
        said.append(f"no font here draws {named(missing.characters)}")
        fixes.append(f"leave {named(missing.characters)} out of {text}")
    return (
        "; ".join(said) + f" ('{SUBSTITUTE}' would print in their place)",
        ", or ".join(fixes),
    )


def every_track(course: Course, attendees: tuple[Attendee, ...]) -> list[Problem]:
    """People of the roster with no audience, in a course whose audiences earn
    continuing-education hours: each gets a certificate of every audience, with its contact
    hours (as the README says an empty audience means), which an accrediting body asks
    about. Said once, at the first such row, naming a few."""
    credited = [a for a in course.audiences if a.continuing_education]
    if len(course.audiences) < 2 or not credited:
        return []
    open_ = [a for a in attendees if not a.audience]
    if not open_:
        return []
    names = _some(open_)
    ids = " or ".join(a.id for a in course.audiences)
    return [
        Problem(
            Location(open_[0].file, open_[0].line),
            f"{_people(len(open_))} in the roster {'has' if len(open_) == 1 else 'have'} "
            f"no audience ({names}): each gets a certificate for every audience, with the "
            f"contact hours of {', '.join(a.name for a in credited)}",
            f"write the audience each attended ({ids}) in the audience column; leave it "
            "empty only for someone who attended every track",
            severity="warning",
        )
    ]


def _some(people: list[Attendee]) -> str:
    """Where the people are in the roster, by its lines ("lines 3, 4 and 9"), not by their
    names: a build's notes are kept in its manifest and shown on the overview page a whole
    staff may browse, and who did not complete a course is no one else's business."""
    return roster_lines([a.line for a in people], 5)


def not_completed(attendees: tuple[Attendee, ...]) -> list[Problem]:
    """The people whose completion status says they have not completed the course: they
    get no certificate (they are still expected on the sign-in sheet). Told once."""
    left = [a for a in attendees if not a.completed]
    if not left:
        return []
    return [
        Problem(
            Location(left[0].file, left[0].line),
            f"no certificate for {_people(len(left))} whose completion status says the "
            f"course is not completed ({_some(left)})",
            severity="info",
        )
    ]


def _people(count: int) -> str:
    return "1 person" if count == 1 else f"{count} people"


def not_made(
    languages: list[tuple[str, Course]], options: BuildOptions, attendees: tuple[Attendee, ...]
) -> list[Problem]:
    """A warning for each output ``--only`` names that this build cannot make, and why, in
    the ``languages`` built (in each, the roster's people in that language, of
    ``attendees``, are those it makes certificates for). A reason that holds in every
    language built is told once; one that holds in some names them."""
    from .edition import attendees_for
    from .plan import chosen_audiences, skipped
    from .roster import in_language, in_other_languages

    # (kind, audience id or "", why, hint) -> {language: the output's name there}
    held: dict[tuple[str, str, str, str], dict[str, str]] = {}
    built = {course.language for _, course in languages}
    every = {
        (language, a.id)
        for language, course in languages
        for a in chosen_audiences(course, options)
    }
    for language, course in languages:
        mine = in_language(attendees, course.language)
        others = in_other_languages(attendees, course.language)
        for each in skipped(course, options, mine, others):
            if each.kind.name not in options.kinds:
                continue
            whose, audience = "", ""
            if each.audience is not None:
                whose, audience = f" for {each.audience.name}", each.audience.id
                theirs = attendees_for(others, each.audience.id)
                if theirs and all(a.language in built for a in theirs):
                    continue  # their certificates are made in their languages, this build
            key = (each.kind.name, audience, each.why, each.hint)
            held.setdefault(key, {})[language] = f"{each.kind.name}{whose}"
    # a reason every audience of every language shares is told once, not for each of them;
    # one an audience has in every language, once for it (named as the first language has it)
    said: dict[tuple[str, str, str], list[str]] = {}  # (output, why, hint): the languages
    alike: dict[tuple[str, str, str], set[tuple[str, str]]] = {}
    for (kind, audience, why, hint), names in held.items():
        if audience:
            alike.setdefault((kind, why, hint), set()).update((n, audience) for n in names)
    whole = {key for key, pairs in alike.items() if pairs == every and len(every) > len(languages)}
    for (kind, _, why, hint), names in held.items():
        if (kind, why, hint) in whole:
            said[(kind, why, hint)] = [language for language, _ in languages]
        else:
            said.setdefault((next(iter(names.values())), why, hint), []).extend(names)
    found = []
    for (output, why, hint), where in said.items():
        if len(where) < len(languages) and all(where):
            output += f" in {' and '.join(where)}"
        found.append(
            Problem(
                None,
                f"no {output}: {why}",
                hint or "see 'materials-gen list' for what a build makes",
                severity="warning",
            )
        )
    return found
