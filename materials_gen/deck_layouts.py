"""``materials-gen layouts``: what a deck template offers, and which layout each slide gets.

A trainer mapping their organisation's .pptx needs the names of its layouts and what
placeholders each holds, then sees which layout every kind of slide ends up on.

The mapping itself (``settings: deck: layouts:`` in course.yaml) is checked here too, entry
by entry, so that each problem names the line of the entry at fault: :func:`validate`
checks it against the template the settings name, the ``layouts`` command against the
template it describes.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from .errors import ContentError, Problem
from .load import SourceDoc

SETTING = ("settings", "deck", "layouts")


def describe_deck_template(
    root: Path, template: Path | None, aspect: str | None
) -> tuple[list[str], list[Problem]]:
    """Lines describing the deck template (``template``, else the project's, else the
    built-in one at ``aspect``): its size, layouts and placeholders, the slide kinds' layouts;
    and the problems of the course's layout mapping with that template, each at its line.

    ``aspect`` with a template is refused (UsageError): a template keeps its own slide size.
    """
    from .load import load_project
    from .options import BuildOptions
    from .plan import options_for
    from .render.pptx_template import builtin_presentation, reading_template
    from .theme import load_theme
    from .validate import validate

    if not (Path(root) / "content" / "course.yaml").is_file():
        if template is not None:
            return _template_alone(Path(template), aspect)  # a template looked at on its own
        return _built_in_alone(Path(root), aspect)
    raw = load_project(root)
    # the mapping is checked below against the template described (not the settings' one)
    course, _ = validate(raw, layouts=False)
    options = options_for(root, course, BuildOptions(aspect=aspect, deck_template=template))
    if options.deck_template is None:
        prs = builtin_presentation(load_theme(root), options.aspect)
    else:
        prs = _opened(options.deck_template, options.deck_template_name)
    theirs = None if options.deck_template is None else options.deck_template_name
    with reading_template(theirs):
        lines = _layouts_of(prs, options.deck_template_name)
        layouts = course.settings.deck.layouts  # in the order course.yaml gives them
        problems = mapping_problems(prs, options.deck_template_name, layouts, raw.course)
        if problems:  # which layout each kind gets depends on the entries at fault
            return lines, problems
        return lines + _kinds_of(prs, layouts, options.deck_template_name), []


def _layouts_of(prs: Any, name: str) -> list[str]:
    """A template's size, then each layout with its placeholders."""
    from .render.pptx_template import describe_layout
    from .render.slides import size_text

    width, height = prs.slide_width / 914400, prs.slide_height / 914400
    lines = [f"{name}: {size_text(width, height)}"]
    for layout in prs.slide_layouts:
        lines.append(f"  layout '{layout.name}'")
        lines.extend(f"      {line}" for line in describe_layout(layout))
    for number, master in enumerate(list(prs.slide_masters)[1:], start=2):
        names = ", ".join(f"'{layout.name}'" for layout in master.slide_layouts)
        lines.append(
            f"  slide master {number} (layouts {names or 'none'}): not used, a deck is made "
            "on the first slide master"
        )
    return lines


def _kinds_of(prs: Any, layouts: dict[str, str], name: str) -> list[str]:
    """The layout each kind of slide gets, with the course's mapping ``layouts``."""
    from .render.pptx_template import LayoutMap
    from .render.slides import KNOWN_KINDS

    mapping = LayoutMap(prs, layouts, name)
    return ["Slide kinds and the layout each gets:", *(_kind_line(mapping, k) for k in KNOWN_KINDS)]


def _template_alone(template: Path, aspect: str | None) -> tuple[list[str], list[Problem]]:
    """A template's layouts described outside any project (a file a colleague sent, looked
    at before it is added to one): each slide kind gets its layout by the layouts' names
    alone, as a project with no ``settings: deck: layouts:`` would."""
    from .errors import UsageError
    from .validate import deck_template_problem

    named = str(template)
    problem = deck_template_problem(
        template, named, f"the folder materials-gen is run in ({Path.cwd()})"
    )
    if problem:
        raise UsageError([Problem(None, *problem)])
    try:
        data = template.read_bytes()
    except OSError as exc:
        raise UsageError([Problem(None, f"cannot read {named}: {exc.strerror or exc}")]) from None
    if aspect is not None:
        raise UsageError([aspect_refused(aspect, named, data)])
    from .render.pptx_template import reading_template

    prs = _opened(data, named)
    with reading_template(named):
        return _layouts_of(prs, named) + _kinds_of(prs, {}, named), []


def _built_in_alone(root: Path, aspect: str | None) -> tuple[list[str], list[Problem]]:
    """The built-in deck template's layouts, outside any project (at ``aspect``, else the
    default shape): what a project's deck is made on until it names a template of its own."""
    from .model import DeckSettings
    from .plan import BUILT_IN_TEMPLATE
    from .render.pptx_template import builtin_presentation, reading_template
    from .theme import load_theme

    prs = builtin_presentation(load_theme(root), aspect or DeckSettings().aspect)
    with reading_template(None):
        lines = _layouts_of(prs, BUILT_IN_TEMPLATE)
        return lines + _kinds_of(prs, {}, BUILT_IN_TEMPLATE), []


def _kind_line(mapping: Any, kind: str) -> str:
    """The layout a kind of slide gets, as the built-in deck template writes it (a title
    and a section slide with text below the title), and the other one a slide without
    that text gets, when it is another."""
    written = mapping.for_kind(kind, text=True).layout.name
    bare = mapping.for_kind(kind).layout.name
    alone = f" ('{bare}' when it has no text below its title)" if bare != written else ""
    return f"  {kind:<13} -> '{written}'{alone}"


def aspect_refused(aspect: str, name: str, template: bytes) -> Problem:
    """Why ``--aspect`` cannot apply to the deck template ``name``: its own slide size."""
    from .render.slides import aspect_of, size_text

    prs = _opened(template, name)
    width, height = prs.slide_width / 914400, prs.slide_height / 914400
    shape = aspect_of(width, height)
    return Problem(
        None,
        f"--aspect {aspect} cannot apply to {name}: a template keeps its own slide size "
        f"({size_text(width, height)}{', ' + shape if shape else ''})",
        "leave --aspect out: it picks the shape of the built-in deck template only (to change "
        "a template's shape, change its slide size in PowerPoint, under Design > Slide Size)",
    )


def mapping_problems(
    prs: Any, template_name: str, layouts: Mapping[str, str], doc: SourceDoc
) -> list[Problem]:
    """What is wrong with each entry of the layout mapping for the presentation ``prs``
    (a layout it does not have, or one that cannot hold the slide), at the entry's line of
    ``doc`` (course.yaml)."""
    from .render.pptx_template import LayoutMap

    found = []
    for kind, name in layouts.items():
        try:
            LayoutMap(prs, {kind: name}, template_name)  # the check a build makes, one entry
        except ContentError as exc:
            where = doc.location((*SETTING, kind))
            found.extend(replace(p, location=p.location or where) for p in exc.problems)
    return found


def settings_mapping_problems(
    root: Path, template: str, layouts: Mapping[str, str], doc: SourceDoc
) -> list[Problem]:
    """The layout mapping checked against the deck template the settings name (a
    project-relative path already found to be a PowerPoint file). A template that cannot
    be opened is left for the build to report, as without a mapping."""
    from .project import display_path

    path = root / template
    name = display_path(path, root)
    try:
        prs = _opened_file(str(path.resolve()), _stamp(path), name)
    except (OSError, ContentError):
        return []
    return mapping_problems(prs, name, layouts, doc)


def _stamp(path: Path) -> str:
    """The file's bytes as a hash (its time can stay the same through an edit)."""
    from .manifest import file_hash

    found = file_hash(path)
    if found is None:
        raise OSError(f"{path} cannot be read")
    return found


@functools.lru_cache(maxsize=1)
def _opened_file(path: str, digest: str, name: str) -> Any:
    """The template at ``path`` as python-pptx reads it, once while the file stays the same
    (a translated course, or watch's next build, checks the same mapping again)."""
    return _opened(Path(path).read_bytes(), name)


def _opened(data: bytes, name: str) -> Any:
    from .render.pptx_template import open_presentation

    return open_presentation(data, name)
