"""What an output is made from, by name: the inputs that output kinds declare.

Every output's record in the build manifest keeps the value of each input it was made from:
the value itself for an option (so that a rebuild can say "--paper changed from letter to
a4"), a hash for files and content. Files are named by their path (``file:`` and the path
relative to the project, with ".." when outside it): templates, the theme file and its
fonts, pictures. Comparing the recorded values with today's gives the reasons a rebuild
prints, in the trainer's words.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# The inputs a kind may declare. Files (templates, theme, fonts, pictures) are "file:" entries.
TOOL = "materials-gen"  # the tool's own code: any change to it may change any output
CONTENT = "content"  # the course as this audience sees it (tailored)
START = "start"  # when the session starts: the session plan's clock times
DATE = "date"  # the day of the session (--date or the setting): certificates, sign-in
ROSTER = "roster"  # the attendees of this audience
PAPER = "paper"
ASPECT = "aspect"
DECK_TEMPLATE = "deck template"  # the organisation's .pptx/.potx (or the built-in one)
LAYOUTS = "layouts"  # which layout of the deck template each slide kind gets
PER_PAGE = "per page"  # slides on each page of the slide handout
POSTER_SIZE = "poster size"
ORIENTATION = "orientation"
BLEED = "bleed"
TILE = "tile"
THEME = "theme"  # the theme file and its fonts (file entries)
PICTURES = "pictures"  # every picture the output shows (file entries, found when templated)
LARGE_PRINT = "large print"  # --large-print, the audience's setting, else the project's
PRINT = "print"  # --print: colour, or black and white for office printers
# a translation's texts left in its source's language, and which language that is: each
# output marks them so (the course's language, the English it leaves untranslated)
SOURCE = "source language"
# inputs whose value is the audience's, not the build's (see Edition)
PER_AUDIENCE = frozenset({LARGE_PRINT, SOURCE})

NO_SOURCE = "none"  # its value for a course in its own language (see Edition.source_value)
FILE = "file:"
MISSING = "missing"  # the value of a file input that is not there (see jobs.Sources.file)


@dataclass(frozen=True)
class Setting:
    """An input that is one value of the build: set on the command line or in the settings."""

    name: str
    flag: str | None  # the command-line option, if there is one
    setting: str  # where content/course.yaml sets it
    fields: tuple[str, ...]  # the RenderOptions fields it decides
    value: Callable[[Any], str]  # its value, as recorded, from the build's RenderOptions


def _plain(value: Any) -> str:
    return "none" if value is None else str(value)


_TEMPLATE_SHAPE = "the deck template's"


def _aspect(options: Any) -> str:
    # the organisation's template decides the slide shape: --aspect then changes nothing
    return _TEMPLATE_SHAPE if options.deck_template is not None else options.aspect


def _deck_template(options: Any) -> str:
    from .manifest import text_hash

    if options.deck_template is None:
        return options.deck_template_name
    return f"{options.deck_template_name}\n{text_hash(options.deck_template)}"


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting(PAPER, "--paper", "settings: paper", ("paper",), lambda o: o.paper),
        Setting(ASPECT, "--aspect", "settings: deck: aspect", ("aspect",), _aspect),
        Setting(
            DECK_TEMPLATE,
            "--deck-template",
            "settings: deck: template",
            ("deck_template", "deck_template_name"),
            _deck_template,
        ),
        Setting(
            LAYOUTS,
            None,
            "settings: deck: layouts",
            ("layouts",),
            lambda o: json.dumps(dict(o.layouts), sort_keys=True),
        ),
        Setting(
            PER_PAGE, None, "settings: deck: per_page", ("per_page",), lambda o: str(o.per_page)
        ),
        Setting(
            POSTER_SIZE,
            "--poster-size",
            "settings: poster: size",
            ("poster_size",),
            lambda o: o.poster_size,
        ),
        Setting(
            ORIENTATION,
            "--orientation",
            "settings: poster: orientation",
            ("orientation",),
            lambda o: o.orientation,
        ),
        Setting(BLEED, "--bleed", "settings: poster: bleed", ("bleed",), lambda o: _plain(o.bleed)),
        Setting(TILE, "--tile", "settings: poster: tile", ("tile",), lambda o: _plain(o.tile)),
        Setting(PRINT, "--print", "settings: print", ("printing",), lambda o: o.printing),
    )
}

# The command-line options by input (BuildOptions' field names), to say which one was used.
FLAG_FIELDS = {
    PAPER: "paper",
    ASPECT: "aspect",
    DECK_TEMPLATE: "deck_template",
    POSTER_SIZE: "poster_size",
    ORIENTATION: "orientation",
    BLEED: "bleed",
    TILE: "tile",
    START: "start",
    DATE: "date",
    ROSTER: "roster",
    LARGE_PRINT: "large_print",
    PRINT: "printing",
}


# Where content/course.yaml sets each input that an option can set: the fields under
# ``settings:`` (an audience may set its own large print, see set_in_course).
_SETTING_FIELDS = {
    **{
        name: ("settings", *s.setting.removeprefix("settings: ").split(": "))
        for name, s in SETTINGS.items()
    },
    START: ("settings", "session", "start"),
    DATE: ("settings", "session", "date"),
    LARGE_PRINT: ("settings", "large_print"),
}


# The same, as paths in the course's template data ("settings.deck.aspect")
SETTING_PATHS = frozenset(".".join(path) for path in _SETTING_FIELDS.values())


def set_in_course(settings: Any, audience: Any = None) -> dict[str, str]:
    """The inputs content/course.yaml itself sets (given a value, even the default one), each
    with where: the course's ``settings`` (its validated model) and the audience's own
    large print. An input it does not set has its default value."""
    found: dict[str, str] = {}
    for name, (_, *path) in _SETTING_FIELDS.items():
        model = settings
        for part in path:
            if part not in getattr(model, "model_fields_set", ()):
                break
            model = getattr(model, part)
        else:
            found[name] = _where(name, frozenset())
    if audience is not None and getattr(audience, "large_print", None) is not None:
        found[LARGE_PRINT] = f"large_print of the audience '{audience.id}' in content/course.yaml"
    elif LARGE_PRINT in found:
        found[LARGE_PRINT] = "settings: large_print"
    return found


def file_key(key: str) -> str:
    """The input name of a file, from its manifest key (see ``manifest.key_of``)."""
    return FILE + key


def shown_file(name: str, root: Path) -> str:
    """A file input as a trainer reads it: project-relative, 'built-in ...', or absolute."""
    from .manifest import BUILT_IN, outside, path_of
    from .project import display_path

    key = name.removeprefix(FILE)
    if key.startswith(BUILT_IN):  # "built-in templates/deck.md.j2"
        return "built-in " + key.removeprefix(BUILT_IN)
    return display_path(path_of(key, root), root) if outside(key) else key


def reasons(
    old: Mapping[str, str],
    new: Mapping[str, str],
    *,
    root: Path,
    content_files: list[str],
    flags: frozenset[str],
    was_flags: frozenset[str] = frozenset(),
    settings: Mapping[str, str] | None = None,
    named_only: bool = False,
) -> tuple[str, ...]:
    """Why an output was rebuilt: each of its inputs whose value changed, in words.

    ``content_files``: the content files that changed since the last build (named when the
    audience's content changed); ``flags``: the inputs set on this build's command line,
    ``was_flags`` those set on the last build's (an option no longer given is said so, not
    blamed on the settings); ``settings``: the inputs content/course.yaml sets, and where
    (see :func:`set_in_course`; an option no longer given leaves the others their default);
    ``named_only``: ``content_files`` are those whose part the output shows changed (see
    jobs._why), the content's only reasons.
    """
    said: list[str] = []
    names = sorted(set(old) | set(new), key=_order)
    read_now = {Path(n).name for n in new if n.startswith(FILE) and old.get(n) != new[n]}
    # the files read no longer, by name: one of them read again from elsewhere replaces it
    gone: dict[str, str] = {}
    for n in sorted(old):
        if n.startswith(FILE) and n not in new:
            gone.setdefault(Path(n).name, n)
    own = frozenset(
        n for n in names if (n in SETTINGS or n in _PLACES) and old.get(n) != new.get(n)
    )
    for name in names:
        before, after = old.get(name), new.get(name)
        if before == after:
            continue
        if after is None and name.startswith(FILE) and Path(name).name in read_now:
            continue  # a file replaced by one of the same name (a template overridden)
        if None in (before, after) and not name.startswith(FILE) and name not in (CONTENT, TOOL):
            # a value read no longer, or read for the first time (a template edited to show
            # the date): the value did not change, what made it read so is the reason
            continue
        if name == ASPECT and _TEMPLATE_SHAPE in (before, after):
            continue  # the slide shape comes with the deck template, said on its own
        if name == SOURCE and old.get(CONTENT) != new.get(CONTENT) and _same_language(old, new):
            continue  # what it leaves untranslated changed with its content, said on its own
        if name in was_flags - flags and before is not None and after is not None:
            said.append(_no_longer_given(name, before, after, settings))
            continue
        replaced = gone.get(Path(name).name) if before is None else None
        said.extend(
            _reason(name, before, after, root, content_files, flags, replaced, named_only, own)
        )
    if len(said) > 1:  # a setting named on its own says more than "settings changed"
        said = [s for s in said if s != "settings in content/course.yaml changed"]
    # a file new to this output is "now used", not also "changed", nor is the one it is used
    # instead of (a picture the content shows from a new place changes the content's part
    # that shows it, and the files added or removed are among the content's edited files)
    named = {
        file
        for s in said
        if " now used" in s
        for file in (s.partition(" now used")[0], s.partition(" now used instead of ")[2])
    }
    said = [s for s in said if s.removesuffix(" changed") not in named]
    from .manifest import outside

    # the fonts materials-gen ships, taken or left because the theme names other fonts (or
    # materials-gen changed): that is the reason, not the files of its installation
    shipped = {
        shown_file(n, root)
        for n in names
        if n.startswith(FILE)
        and outside(n.removeprefix(FILE))
        and Path(n).suffix.lower() in (".ttf", ".otf")
    }
    others = [s for s in said if not any(s.startswith(f"{f} ") for f in shipped)]
    if others and len(others) < len(said):
        said = others
    return tuple(dict.fromkeys(_templates_now_used(said)))


def _never_included(name: str) -> bool:
    """Whether a file of the template folders is one no template includes: a font (the
    theme names it) or a picture, each its own reason when newly used."""
    from .images import PICTURE_SUFFIXES

    return Path(name).suffix.lower() in (".ttf", ".otf", ".ttc", *PICTURE_SUFFIXES)


# more templates than this newly used at once are said in one reason (see below)
MOST_TEMPLATES_NAMED = 3


def _templates_now_used(said: list[str]) -> list[str]:
    """``said``, with many files of the template folders newly used told in one reason: an
    include that names its template by a variable ({% include "note-" ~ audience.id %})
    may read any file there, so every one becomes an input at once, and each was told as
    the reason a handout was made again ("templates/certificates.md.j2 now used"), a dozen
    that it never reads."""
    new = [
        s
        for s in said
        if s.endswith(" now used")
        and s.startswith(("templates/", "built-in templates/"))
        and not _never_included(s.removesuffix(" now used"))
    ]
    if len(new) <= MOST_TEMPLATES_NAMED:
        return said
    shown = ", ".join(s.removesuffix(" now used") for s in new[:2])
    one = (
        f"{len(new)} files of the template folders now used ({shown} and {len(new) - 2} "
        "more: an include names its template by a variable, so any may be read)"
    )
    return [*(s for s in said if s not in new), one]  # after what made them used


def content_parts(key: str) -> dict[str, str]:
    """Each file's part of the content an audience sees (file -> hash), from the third line
    of an edition's content key (see :attr:`edition.Edition.content_key`); none from a key
    without it (an older build's)."""
    lines = key.split("\n", 2)
    try:
        parts = json.loads(lines[2]) if len(lines) > 2 else {}
    except ValueError:
        return {}
    if not isinstance(parts, dict):
        return {}
    return {str(k): str(v) for k, v in parts.items()}


_IN_FOLDER = re.compile(r"^content/(?:translations/[^/]+/)?")


def part_of(name: str) -> str:
    """The part of the content a file holds, or a part's name (see
    :func:`content_parts`), as one name: a translation's file and its source's are one."""
    return _IN_FOLDER.sub("", name)


def _settings_changed(before: str, after: str) -> list[str] | None:
    """The places of the settings that differ between two content keys (their second line:
    see :attr:`edition.Edition.content_key`), or None when a key does not name them."""
    try:
        old, new = (json.loads(key.split("\n", 2)[1]) for key in (before, after))
    except (IndexError, ValueError):
        return None
    if not (isinstance(old, dict) and isinstance(new, dict)):
        return None
    return sorted(str(p) for p in old.keys() | new.keys() if old.get(p) != new.get(p))


# where the inputs that are settings but not of SETTINGS are set in course.yaml
_PLACES = {
    START: "settings: session: start",
    DATE: "settings: session: date",
    LARGE_PRINT: "settings: large_print",
}


def _content_reasons(
    before: str, after: str, content_files: list[str], named_only: bool = False
) -> list[str]:
    """The files whose part of this audience's content changed: those of ``content_files``
    (edited since the last build) that hold a changed part, or that a changed part falls
    back on (the course's module under a translation's); else the parts' own files.

    A part that appeared or went (a module added, removed or renamed, a translation added
    or deleted) is its own file's alone, "now used" or "no longer used", with the course
    file when it was edited (its list of modules): the Spanish materials no longer showing
    a translated module are not told that the English module of that name was edited."""
    old, new = content_parts(before), content_parts(after)
    changed = {n for n in old.keys() | new.keys() if old.get(n) != new.get(n)}
    if not changed:  # a key without parts (an older build's): every file edited
        said = [f"{f} changed" for f in content_files]
        return said if said or named_only else ["the content changed"]
    # a part still shown whose text changed: an edit to it, or to the file it falls back
    # on; or, ``named_only``, a file whose part the output shows changed (its settings, the
    # modules' order: what the file shows, which no part of the audience's tells)
    kept = {_IN_FOLDER.sub("", n) for n in changed if n in old and n in new}
    said = [f"{f} changed" for f in content_files if named_only or _IN_FOLDER.sub("", f) in kept]
    # parts named by their file (a table's part is named by its id alone: its file, the
    # course's or a translation's, is told by the files edited)
    came = sorted(n for n in changed if n not in old and n.startswith("content/"))
    went = sorted(n for n in changed if n not in new and n.startswith("content/"))
    if came or went:
        if COURSE_FILE in content_files and f"{COURSE_FILE} changed" not in said:
            said.insert(0, f"{COURSE_FILE} changed")  # its list of modules
        # a module's part moving between its file and its translation's (a translation's
        # first words, or its file deleted): the source is still read (its ids, durations)
        source_of = {n: _IN_FOLDER.sub("content/", n) for n in (*came, *went)}
        translated = {n for n in came if source_of[n] != n and source_of[n] in went}
        untranslated = {n for n in went if source_of[n] != n and source_of[n] in came}
        paired = {source_of[n] for n in translated | untranslated}
        for n in came:
            if n in translated:
                said.append(f"{n} now used (the translation of {source_of[n]})")
            elif n not in paired:
                said.append(f"{n} now used")
        for n in went:
            if n in untranslated:
                said.append(f"{n} is no longer used (the words of {source_of[n]} are printed)")
            elif n not in paired:
                said.append(f"{n} is no longer used")
    if named_only:  # a file that came or went is told so, not also as changed
        told = {*came, *went, *(_IN_FOLDER.sub("content/", n) for n in (*came, *went))}
        return [s for s in said if s.removesuffix(" changed") not in told]
    if said:
        return said
    # else the files edited that the parts show (a picture's size), else the parts' own
    # files (a partial build moved the record of edited files on)
    if content_files:
        return [f"{f} changed" for f in content_files]
    return [f"{n if n.startswith('content/') else 'content/' + n} changed" for n in sorted(changed)]


COURSE_FILE = "content/course.yaml"


def _order(name: str) -> tuple[int, str]:
    """Reasons in the order a trainer thinks of them: content, templates, theme, options."""
    if name == CONTENT:
        return (0, name)
    if name.startswith(FILE):
        return (1, name)
    return (2 if name != TOOL else 3, name)


def _reason(
    name: str,
    before: str | None,
    after: str | None,
    root: Path,
    content_files: list[str],
    flags: frozenset[str],
    replaced: str | None = None,
    named_only: bool = False,
    own: frozenset[str] = frozenset(),
) -> list[str]:
    """One input's change in words. A file read now and not before is "now used" (a
    picture shown anew, a partial included); when it takes the place of a file of the same
    name read no longer (``replaced``: the project's own copy of a built-in template, a
    picture beside its module now found before content/'s), it is used instead of that one.
    ``named_only``: see :func:`reasons`; ``own``: the settings changed that are inputs of
    their own, each told apart (not again among the settings the content key names)."""
    if name == CONTENT:
        old_content, new_content = ((v or "").partition("\n")[0] for v in (before, after))
        if old_content != new_content:
            return _content_reasons(before or "", after or "", content_files, named_only)
        if named_only and not any(part_of(f) == part_of(COURSE_FILE) for f in content_files):
            return []  # no setting it shows changed
        places = _settings_changed(before or "", after or "")
        if places is None:  # an older build's key: which, it cannot tell
            return ["settings in content/course.yaml changed"]
        # a setting that is an input of its own is told as such (with its values)
        told = {SETTINGS[n].setting if n in SETTINGS else _PLACES.get(n) for n in own}
        return [f"settings: {p} changed" for p in places if f"settings: {p}" not in told]
    if name.startswith(FILE):
        shown = shown_file(name, root)
        # a file a template would read if it were there ("include ... ignore missing"),
        # not there: nothing was read from it
        before = None if before == MISSING else before
        if after == MISSING:
            return [f"{shown} was removed"] if before is not None else []
        if after is None:
            return [f"{shown} is no longer used"] if before is not None else []
        if before is not None:
            return [f"{shown} changed"]
        if replaced is not None:
            return [f"{shown} now used instead of {shown_file(replaced, root)}"]
        return [f"{shown} now used"]
    if name == TOOL:
        return ["materials-gen changed"]
    if name == ROSTER:
        # (a roster's name is recorded only where it names someone for the file's audience)
        old_file, new_file = (v.partition("\n")[0] if v else "" for v in (before, after))
        if old_file == new_file:
            return [f"the roster {new_file} changed"]
        if not old_file:
            return [f"--roster {new_file} given (nobody named before)"]
        if not new_file:
            return [f"the roster names nobody for it now ({old_file} before)"]
        return [f"--roster changed from {old_file} to {new_file}"]
    if name in (START, DATE):
        return [f"{_where(name, flags)} changed from {before} to {after}"]
    if name == DECK_TEMPLATE:
        old_name, new_name = (v.partition("\n")[0] if v else "?" for v in (before, after))
        if old_name == new_name:
            return [f"the deck template {new_name} changed"]
        return [f"the deck template changed from {old_name} to {new_name}"]
    if name == LAYOUTS:
        return ["settings: deck: layouts changed"]
    if name == SOURCE:
        old_language, new_language = map(_source_language, (before, after))
        if old_language and new_language and old_language != new_language:
            return [
                f"language in {COURSE_FILE} changed from {old_language} to {new_language} "
                "(the text the translation leaves in it is marked so)"
            ]
        return [f"the text it leaves in {new_language or old_language} changed"]
    if before is None or after is None:
        return [f"{_where(name, flags)} changed"]
    if name == LARGE_PRINT:  # the option says its value: --standard-print, not "--large-print no"
        if LARGE_PRINT in flags:
            return [f"{_print_flag(after)} given ({_shown_value(name, before)} before)"]
        before, after = _shown_value(name, before), _shown_value(name, after)
    return [f"{_where(name, flags)} changed from {before} to {after}"]


def _source_language(value: str | None) -> str:
    """The language a value of :data:`SOURCE` names ("" when it names none)."""
    return "" if value in (None, NO_SOURCE) else str(value).partition("\n")[0]


def _same_language(old: Mapping[str, str], new: Mapping[str, str]) -> bool:
    """Whether the language of the text a translation leaves untranslated is the same (or
    there was none before, or is none now)."""
    before, after = (_source_language(v.get(SOURCE)) for v in (old, new))
    return before == after or "" in (before, after)


def _no_longer_given(name: str, before: str, after: str, settings: Mapping[str, str] | None) -> str:
    """An option the last build's command line gave and this one's does not, with the value
    now used and where it comes from: the setting in content/course.yaml, or the default
    when nothing sets it (``settings`` None: the setting's place, as unknown)."""
    now = _shown_value(name, after)
    if name == LARGE_PRINT:  # --large-print or --standard-print: the option says its value
        given = _print_flag(before)
    else:
        given = f"{_flag(name)} {_shown_value(name, before)}"
    if settings is None:
        return f"{given} no longer given ({now} from {_where(name, frozenset())})"
    if name in settings:
        return f"{given} no longer given ({now} from {settings[name]})"
    return f"{given} no longer given ({now} by default)"


def _print_flag(value: str | None) -> str:
    """The option that gives large print's recorded value: --large-print or --standard-print."""
    return "--large-print" if value == "yes" else "--standard-print"


def _shown_value(name: str, value: str) -> str:
    """A recorded value as a trainer reads it: a file's name without its hash (the deck
    template, the roster), large or standard print, "none" for no value."""
    if name in (DECK_TEMPLATE, ROSTER):
        value = value.partition("\n")[0]
    if name == LARGE_PRINT:
        return "large print" if value == "yes" else "standard print"
    return value or "none"


def _flag(name: str) -> str:
    """The command-line option that sets the input ``name``."""
    return _where(name, frozenset({name}))


def _where(name: str, flags: frozenset[str]) -> str:
    """The option's flag when the command line set it, else its place in the settings."""
    if name == START:
        return "--start" if START in flags else "settings: session: start"
    if name == DATE:
        return "--date" if DATE in flags else "settings: session: date"
    if name == LARGE_PRINT:
        return "--large-print" if LARGE_PRINT in flags else "large_print in content/course.yaml"
    if name == ROSTER:
        return "--roster"
    setting = SETTINGS.get(name)
    if setting is None:
        return name
    return setting.flag if setting.flag and name in flags else setting.setting
