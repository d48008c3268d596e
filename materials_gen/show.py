"""What one output looks like after a pipeline stage, to debug a template.

``materials-gen show OUTPUT --audience ID`` prints the tailored course (the ``course`` its
templates are given: what that audience sees, and no other audience), the intermediate
Markdown its template wrote, or the parsed document: exactly what a build would hand on,
for every kind of output (certificates need a roster, as in a build, at every stage).
"""

from __future__ import annotations

import json
import pprint
from pathlib import Path
from typing import Any

from .errors import Problem, UsageError
from .options import BuildOptions

STAGES = ("course", "markdown", "tree")


def show(
    root: Path, output: str, audience_id: str | None, stage: str, options: BuildOptions
) -> str:
    """The text of ``stage`` for one output; UsageError for a name that does not exist or
    an output that cannot be made for the audience (why, and what to do). Without
    ``audience_id``, the course's only audience; a course of several names them."""
    from .attendance import read_attendees
    from .build import load_course
    from .edition import Edition
    from .kinds import KINDS
    from .plan import Facts, check_names, options_for
    from .roster import in_language, in_other_languages

    source, _ = load_course(root)
    course = _in_language(root, source, options.languages) if options.languages else source
    if audience_id is None:
        audience_id = _the_audience(course)
    check_names(course, BuildOptions(audiences=(audience_id,), kinds=(output,)))
    kind = KINDS[output]
    audience = next(a for a in course.audiences if a.id == audience_id)
    settings = options_for(root, course, options)
    everyone = read_attendees(course, options, also=_every_language(root, source, options))
    attendees = in_language(everyone, course.language)
    edition = Edition(
        root,
        course,
        audience,
        settings,
        **options.edition(),
        attendees=attendees,
    )
    facts = Facts(course, audience_id, attendees, in_other_languages(everyone, course.language))
    if not kind.made(course, options):  # (the poster's tiles, without a tile setting)
        raise UsageError(
            [
                Problem(
                    None,
                    f"this build makes no {kind.name}: {kind.description}",
                    kind.not_made_hint,
                )
            ]
        )
    why = kind.missing(facts)
    if why is not None:  # at every stage: what a build would not make has nothing to show
        hint = kind.hint_for(options, facts, one_language=True) or None
        raise UsageError([Problem(None, why, hint)])
    if stage == "course":
        # the course as the audience's templates get it: tailored, and with only this
        # audience under ``audiences`` (the others' names and descriptions are never shown)
        return json.dumps(edition.view, indent=2, ensure_ascii=False, default=_data) + "\n"
    if stage == "markdown":
        return edition.markdown(kind)
    return pprint.pformat(edition.document(kind), width=100) + "\n"


def _the_audience(course: Any) -> str:
    """The course's one audience; UsageError listing them when it has several."""
    if len(course.audiences) == 1:
        return str(course.audiences[0].id)
    listed = ", ".join(f"{a.id} ({a.name})" for a in course.audiences)
    first = course.audiences[0].id
    raise UsageError(
        [
            Problem(
                None,
                f"show prints one audience's output, and this course has "
                f"{len(course.audiences)}: {listed}",
                f"name one with --audience, e.g. --audience {first}",
            )
        ]
    )


def _data(value: Any) -> Any:
    """Template data as JSON: a record as an object, a date or time as ISO 8601 text."""
    from .context import Record

    if isinstance(value, Record):
        return dict(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not template data")


def _every_language(root: Path, source: Any, options: BuildOptions) -> list[Any]:
    """The course in every language a build makes (a roster may name any of them, and its
    audiences as any of them names them); only read when there is a roster."""
    from .build import course_languages
    from .load import load_project

    if options.roster is None:
        return [source]
    return [each for _, each in course_languages(load_project(root), source)]


def _in_language(root: Path, course: Any, languages: tuple[str, ...]) -> Any:
    """The course in the one language ``languages`` names, translated as a build makes it."""
    from .build import course_languages
    from .load import load_project
    from .plan import chosen_languages

    chosen = chosen_languages(course_languages(load_project(root), course), languages)
    if len(chosen) != 1:
        raise UsageError(
            [Problem(None, "show shows one language at a time", "give --language once")]
        )
    return chosen[0][1]
