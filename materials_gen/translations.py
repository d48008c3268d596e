"""Translated courses: ``content/translations/<language>/`` mirrors the course's files.

A translation holds translated copies of the course's files, each where its source is:
``course.yaml``, ``modules/<id>.md``, ``tables/<id>.yaml``. A translated file may be a
complete copy or give only what it translates: it is laid over its source, key by key (a
list item by item when the lengths agree), so numbers, ids and settings come from the
source whatever the translation says about them only where it repeats them. A file with no
translation is the source's, printed in the source language (``check`` says so).

Each translated file records what it was translated from, as its first key:
``translation_of: <the first 12 hex digits of the source file's SHA-256>``. When the source
changes afterwards, the translation is out of date: ``check`` names it, with the source
file that changed, until the translation is revised and its stamp renewed
(``materials-gen translate LANGUAGE`` writes the stamps of files still missing).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import Location, Problem
from .load import (
    RawModule,
    RawProject,
    SourceDoc,
    _Problems,
    _texts,
    parse_yaml,
    read_text,
    relative,
    split_body,
    split_front_matter,
)

FOLDER = Path("content") / "translations"
STAMP = "translation_of"
STAMP_DIGITS = 12


def stamp_of(path: Path) -> str:
    """What a translation records of its source file: the start of its SHA-256."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:STAMP_DIGITS]


def languages(root: Path) -> list[str]:
    """The languages the course is translated into (the folders of content/translations)."""
    from .i18n import LANGUAGE_TAG

    folder = Path(root) / FOLDER
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and LANGUAGE_TAG.match(p.name))


@dataclass(frozen=True)
class FileStatus:
    """One source file as one translation has it."""

    source: str  # project-relative
    translation: str | None  # project-relative; None: not translated
    state: str  # "current", "outdated", "unstamped" or "missing"
    recorded: str = ""  # the stamp the translation carries
    now: str = ""  # the source's stamp today


@dataclass(frozen=True)
class _Overlay(SourceDoc):
    """A translated document laid over its source: positions from the translation where it
    gives the value, else from the source."""

    base: SourceDoc | None = field(default=None, compare=False)

    def location(self, path: Any = ()) -> Location:
        path = tuple(path)
        if path in self.marks or self.base is None:
            return super().location(path)
        return self.base.location(path)


# What a translation cannot change: names that tie the course together, settings, the
# answers of questions. Values that are not text (numbers, dates, true/false) are the
# source's too, so that a translation made before the source changed them never brings
# back the old ones.
KEPT = frozenset(
    {
        "id",
        "slug",
        "language",
        "audience",
        "includes",
        "modules",
        "tables",
        "settings",
        "answer",
        "path",
        "continuing_education",
        "large_print",
    }
)


def overlay(base: Any, top: Any) -> Any:
    """``top`` (a translation) laid over ``base`` (its source): mappings key by key, lists
    item by item when their lengths agree; text is ``top``'s, everything else (numbers,
    dates, ids, settings: see KEPT) the source's. The translation's stamp is dropped."""
    if isinstance(base, dict) and isinstance(top, dict):
        merged = dict(base)
        for key, value in top.items():
            if key == STAMP or key in KEPT:
                continue
            merged[key] = overlay(base[key], value) if key in base else value
        return merged
    if isinstance(base, list) and isinstance(top, list):
        if len(base) == len(top):
            return [overlay(b, t) for b, t in zip(base, top, strict=True)]
        return top
    if base is None or isinstance(base, str):
        return top
    return base


def _laid_over(base: SourceDoc, top: SourceDoc) -> _Overlay:
    data = overlay(base.data, top.data if top.data is not None else {})
    return _Overlay(
        file=top.file,
        data=data,
        marks=dict(top.marks),
        line_offset=top.line_offset,
        written={**base.written, **top.written},
        base=base,
    )


def _state(source: Path, doc: SourceDoc | None, root: Path) -> tuple[str, str, str]:
    now = stamp_of(source)
    recorded = ""
    if doc is not None and isinstance(doc.data, dict):
        recorded = str(doc.data.get(STAMP) or "")
    if not recorded:
        return "unstamped", recorded, now
    if _untouched(root / doc.file, source) if doc is not None else False:
        return "copy", recorded, now
    return ("current" if recorded == now[: len(recorded)] else "outdated"), recorded, now


def _untouched(translation: Path, source: Path) -> bool:
    """Whether a translated file is still the copy ``translate`` made (nothing translated)."""
    import re

    def words(path: Path) -> str:
        text = path.read_text(encoding="utf-8", errors="replace")
        return re.sub(rf"(?m)^({STAMP}|language):.*\n", "", text)

    try:
        return words(translation) == words(source)
    except OSError:
        return False


def translated_project(
    project: RawProject, language: str
) -> tuple[RawProject, list[FileStatus], list[Problem]]:
    """The project as ``language``'s translation has it, each file's status, and the
    problems of reading the translation (with their files and lines)."""
    root = project.root
    folder = root / FOLDER / language
    problems = _Problems()
    statuses: list[FileStatus] = []
    content = root / "content"

    course = project.course
    course_path = folder / "course.yaml"
    source_course = content / "course.yaml"
    if course_path.is_file():
        text = read_text(course_path, root, problems)
        doc = parse_yaml(text, relative(course_path, root), problems) if text else None
        if doc is not None and isinstance(doc.data, dict):
            course = _laid_over(project.course, doc)
            state, recorded, now = _state(source_course, doc, root)
            statuses.append(
                FileStatus("content/course.yaml", relative(course_path, root), state, recorded, now)
            )
    else:
        statuses.append(FileStatus("content/course.yaml", None, "missing"))
    if isinstance(course.data, dict):  # the translation's language, whatever it says
        course = _Overlay(
            file=course.file,
            data={**course.data, "language": language},
            marks=dict(course.marks),
            line_offset=course.line_offset,
            written=dict(course.written),
            base=course.base if isinstance(course, _Overlay) else None,
        )

    modules: dict[str, RawModule] = {}
    translated = {
        p.stem: (p, n, t) for p, n, t in _texts(folder / "modules", "*.md", root, problems)
    }
    for module_id, module in project.modules.items():
        source = content / "modules" / f"{module_id}.md"
        found = translated.pop(module_id, None)
        if found is None:
            modules[module_id] = module
            statuses.append(FileStatus(relative(source, root), None, "missing"))
            continue
        path, name, text = found
        front, body, body_line = split_front_matter(text, name, problems)
        if front is None:
            modules[module_id] = module
            continue
        front = front if front.data is not None else SourceDoc(name, {}, {(): (2, 1)}, 1)
        blocks = split_body(body, body_line, name, problems)
        modules[module_id] = RawModule(
            id=module_id,
            front=_laid_over(module.front, front),
            body=blocks if body.strip() else module.body,
        )
        state, recorded, now = _state(source, front, root)
        statuses.append(FileStatus(relative(source, root), name, state, recorded, now))
    for module_id, (_path, name, _text) in translated.items():  # no such module
        problems.warn(
            Location(name),
            f"'{module_id}' is not a module of the course: this translation is not used",
            f"name it as its source in content/modules/ ({', '.join(project.modules)})",
        )

    tables: dict[str, SourceDoc] = {}
    own_tables = {
        p.stem: (p, n, t) for p, n, t in _texts(folder / "tables", "*.yaml", root, problems)
    }
    for table_id, table in project.tables.items():
        source = content / "tables" / f"{table_id}.yaml"
        found = own_tables.pop(table_id, None)
        doc = parse_yaml(found[2], found[1], problems) if found else None
        if doc is None:
            tables[table_id] = table
            if found is None:
                statuses.append(FileStatus(relative(source, root), None, "missing"))
            continue
        tables[table_id] = _laid_over(table, doc)
        state, recorded, now = _state(source, doc, root)
        statuses.append(FileStatus(relative(source, root), found[1], state, recorded, now))

    raw = RawProject(
        root=root,
        course=course,
        modules=modules,
        tables=tables,
        warnings=(*project.warnings, *problems.warnings),
    )
    return raw, statuses, problems.errors


def status_problems(language: str, statuses: list[FileStatus]) -> list[Problem]:
    """What ``check`` (and a build) says of one translation: files not translated (printed
    in the source language), copies not translated yet, translations older than their
    source, and translations that do not say what they were made from."""
    found: list[Problem] = []
    for status in statuses:
        said = _said(language, status)
        if said is not None:
            where, message, hint = said
            found.append(Problem(where, message, hint, severity="warning"))
    return found


def _said(language: str, status: FileStatus) -> tuple[Location, str, str] | None:
    at = Location(status.translation or status.source, 1)
    if status.state == "missing":
        mirror = Path(status.source).relative_to("content").as_posix()
        return (
            Location(status.source),
            f"not translated into '{language}': printed in the course's language in the "
            f"'{language}' materials",
            f"add content/translations/{language}/{mirror} "
            f"(materials-gen translate {language} starts it)",
        )
    if status.state == "copy":
        return (
            at,
            f"not translated into '{language}' yet: still the copy of {status.source}",
            "translate its text in place (keep the keys, ids and numbers as they are)",
        )
    if status.state == "outdated":
        return (
            at,
            f"the '{language}' translation is out of date: {status.source} changed since it "
            f"was translated (translation_of: {status.recorded}, now {status.now})",
            f"bring the translation up to date, then set translation_of: {status.now}",
        )
    if status.state == "unstamped":
        return (
            at,
            "the translation does not say what it was translated from",
            f"add 'translation_of: {status.now}' as its first key, once it matches {status.source}",
        )
    return None


def translated_courses(root: Path) -> list[tuple[str, Any, tuple[Problem, ...], list[FileStatus]]]:
    """Each translation of the course, validated: (language, course, warnings, statuses);
    ContentError naming every problem of every translation (file and line)."""
    from .errors import ContentError
    from .load import load_project
    from .validate import validate

    found = languages(root)
    if not found:
        return []
    project = load_project(root)
    source = project.course.data.get("language") if isinstance(project.course.data, dict) else None
    made = []
    errors: list[Problem] = []
    for language in found:
        if language == source:
            continue  # the course's own language: nothing to translate
        raw, statuses, problems = translated_project(project, language)
        errors.extend(problems)
        try:
            course, warnings = validate(raw)
        except ContentError as exc:
            errors.extend(exc.problems)
            continue
        made.append((language, course, warnings, statuses))
    if errors:
        raise ContentError(errors)
    return made


def start_translation(root: Path, language: str) -> list[Path]:
    """Copy each source file the ``language`` translation lacks into it, stamped with what
    it is a copy of (and course.yaml with the translation's language), for a translator to
    translate in place. Files already there are left as they are. Returns those written."""
    import re

    from .errors import ContentError
    from .i18n import LANGUAGE_TAG

    if not LANGUAGE_TAG.match(language):
        raise ContentError(
            [Problem(None, f"'{language}' is not a language tag", "write e.g. es, fr or pt-BR")]
        )
    root = Path(root)
    content = root / "content"
    folder = root / FOLDER / language
    sources = [content / "course.yaml"]
    sources += sorted((content / "modules").glob("*.md"))
    sources += sorted((content / "tables").glob("*.yaml"))
    written = []
    for source in sources:
        target = folder / source.relative_to(content)
        if target.exists() or not source.is_file():
            continue
        text = source.read_text(encoding="utf-8")
        stamp = f"{STAMP}: {stamp_of(source)}\n"
        if source.suffix == ".md" and text.startswith("---"):
            first, _, rest = text.partition("\n")
            text = f"{first}\n{stamp}{rest}"
        else:
            text = stamp + text
        if source.name == "course.yaml" and source.parent == content:
            text = re.sub(r"(?m)^language:.*$", f"language: {language}", text, count=1)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written
