"""``materials-gen layouts``: what a deck template offers, and which layout each slide gets.

A trainer mapping their organisation's .pptx needs the names of its layouts and what
placeholders each holds, then sees which layout every kind of slide ends up on.
"""

from __future__ import annotations

from pathlib import Path


def describe_deck_template(root: Path, template: Path | None, aspect: str | None) -> list[str]:
    """Lines describing the deck template (``template``, else the project's, else the
    built-in one at ``aspect``): its size, layouts and placeholders, the slide kinds' layouts."""
    from .build import load_course
    from .options import BuildOptions
    from .plan import options_for
    from .render.pptx_template import (
        LayoutMap,
        builtin_presentation,
        describe_layout,
        open_presentation,
    )
    from .render.slides import KNOWN_KINDS
    from .theme import load_theme

    course, _ = load_course(root)
    options = options_for(root, course, BuildOptions(aspect=aspect, deck_template=template))
    if options.deck_template is None:
        prs = builtin_presentation(load_theme(root), options.aspect)
    else:
        prs = open_presentation(options.deck_template, options.deck_template_name)
    width, height = prs.slide_width / 914400, prs.slide_height / 914400
    lines = [f"{options.deck_template_name}: {width:.2f} x {height:.2f} in"]
    for layout in prs.slide_layouts:
        lines.append(f"  layout '{layout.name}'")
        lines.extend(f"      {line}" for line in describe_layout(layout))
    mapping = LayoutMap(prs, dict(options.layouts), options.deck_template_name)
    lines.append("Slide kinds and the layout each gets:")
    lines.extend(f"  {kind:<13} -> '{mapping.for_kind(kind).layout.name}'" for kind in KNOWN_KINDS)
    return lines
