"""Files a trainer meant that materials-gen does not use, as their names are written.

On macOS and Windows a name matches whatever its case (``Theme.yaml`` is ``theme.yaml``),
and Notepad adds ".txt" where Windows hides it. Here, and to materials-gen everywhere, such a
file is another one: a project made on one of them and built on Linux had its own theme,
templates, label catalogs or translations passed over without a word, the built-in ones
used in their place. Each is named, with the name to give it. (A module, a table, a picture
and the course file are looked for by name and told of where they are missing: see
``project.near_miss``.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from .errors import Location, Problem
from .project import builtin_templates, display_path, near_folder, near_miss, renamed_hint


def look_alikes(root: Path, languages: Iterable[str]) -> list[Problem]:
    """A warning for each file or folder of the project that is named as one materials-gen
    reads but for its case or an added suffix, and so not used: the theme, a template, a
    label catalog of a language the course is made in, the templates, catalogs and
    translations folders."""
    found: dict[Path, Problem] = {}

    def folder(parent: Path, name: str, instead: str) -> Path | None:
        if (parent / name).is_dir():
            return parent / name
        alike = near_folder(parent, name)
        if alike is not None:
            found[alike] = _unused(root, alike, name, instead)
        return None

    def file(parent: Path, name: str, instead: str) -> None:
        if (parent / name).exists():
            return
        alike = near_miss(parent, name)
        if alike is not None and alike not in found:
            found[alike] = _unused(root, alike, name, instead)

    templates = folder(root, "templates", "the built-in theme and templates are used")
    if templates is not None:
        file(templates, "theme.yaml", "the built-in theme is used")
        for template in sorted(builtin_templates().glob("*.j2")):
            file(templates, template.name, f"the built-in {template.name} is used")
        catalogs = folder(templates, "locale", "the built-in labels are used")
        if catalogs is not None:
            from .i18n import _candidates

            for language in dict.fromkeys(languages):
                for name in _candidates(language):
                    file(catalogs, f"{name}.po", "the built-in labels are used")
    if (root / "content").is_dir():
        folder(root / "content", "translations", "no translation is built")
    if templates is not None:
        for stray in _templates_not_used(root, templates):
            found.setdefault(stray, _not_a_template(root, stray))
    return list(found.values())


# a template that takes another's text: what it names is used, whatever its name
_TAKES = re.compile(r"\{%-?\s*(?:include|import|from|extends)\s+[\"']([^\"']+)[\"']")


def _templates_not_used(root: Path, templates: Path) -> list[Path]:
    """The project's template files (``*.j2`` in templates/) that no output is made from:
    not named as a built-in template (an output's own, or a part the built-in ones include),
    nor included, imported or extended by one of the project's own. A misspelt name
    (``handot.md.j2``) or one of an output materials-gen does not make (``workbook.md.j2``)
    was passed over without a word, the built-in template used in its place."""
    from .templating import own_template_sources

    known = {t.name for t in builtin_templates().glob("*.j2")}
    sources = own_template_sources(root)
    taken = {name for _, text in sources for name in _TAKES.findall(text)}
    return [
        templates / name
        for name, _ in sources
        if "/" not in name and name not in known and name not in taken
    ]


def _not_a_template(root: Path, stray: Path) -> Problem:
    import difflib

    outputs = sorted(t.name for t in builtin_templates().glob("*.j2") if t.name[0] != "_")
    stem = stray.name.removesuffix(".j2").removesuffix(".md")
    stems = {name.removesuffix(".md.j2"): name for name in outputs}
    close = difflib.get_close_matches(stem.lower(), list(stems), n=1, cutoff=0.6)
    include = f'{{% include "{stray.name}" %}}'
    if close:
        hint = f"did you mean '{stems[close[0]]}'? rename it to change the {close[0]}"
    else:
        hint = "rename it as the template of the output it is meant to change"
    return Problem(
        Location(display_path(stray, root)),
        "not used: no output is made from this template, and no template includes it "
        "(an output's template has its name: " + ", ".join(outputs) + ")",
        f"{hint}; a part of a template is used once one includes it ({include})",
        severity="warning",
    )


def _unused(root: Path, alike: Path, name: str, instead: str) -> Problem:
    """The warning of one look-alike: where it is, that it is not used, what to call it."""
    wanted = (alike.parent / name).relative_to(root).as_posix()
    return Problem(
        Location(display_path(alike, root)),
        f"not used: materials-gen reads {wanted}, so {instead}",
        renamed_hint(alike, name, root),
        severity="warning",
    )
