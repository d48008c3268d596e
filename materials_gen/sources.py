"""Where a piece of output text came from: the file and line a trainer should edit.

The renderers see text after templating: the templates write intermediate Markdown from the
tailored course, so the line marks that load.py records are gone by the time a slide, a
poster cell or a handout row turns out too long. Rather than thread marks through every
template (a trainer's own templates would lose them), the build looks the text up here:
:class:`SourceIndex` holds every text scalar of course.yaml, the modules' front matter and
the tables, and every paragraph, list item, heading and table row of the module bodies,
each with its :class:`~materials_gen.errors.Location`.

:meth:`SourceIndex.locate` compares normalised text (Markdown emphasis, code and link syntax
removed, typographic quotes and dashes made plain, whitespace collapsed, case folded). An
exact match wins; else the one source text that contains the snippet; else, for a snippet
of some length, the one source text the snippet contains (a template may add words around
it). When the same text is in more than one place, the answer is ``None``: no location is
better than a wrong one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

from .errors import ContentError, Location, MaterialsError, Problem
from .glyphs import SUBSTITUTE
from .load import RawProject, SourceDoc, load_project
from .manifest import TRANSLATIONS

# a source text shorter than this is not looked for inside a longer snippet: short words
# ("Yes", a name) turn up in many outputs that did not come from them
MIN_CONTAINED = 20

# each bracket and parenthesis stops a match's look ahead: linear in the text's length
_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)")
_EMPHASIS = re.compile(r"[*_`~]+")
_LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?")
_HEADING = re.compile(r"^\s*#{1,6}\s+")
_QUOTE_MARK = re.compile(r"^\s*>\s?")
_FENCE = re.compile(r"^\s*(:{3,}|`{3,}|~{3,})")
_TYPOGRAPHY = str.maketrans(
    {
        "\u00a0": " ",
        "\u202f": " ",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2026": "...",
        "\u00ad": None,
    }
)


def normalise(text: str) -> str:
    """Text as both sides compare it: no Markdown marks, plain punctuation, one space, folded."""
    text = _LINK.sub(r"\1", text.translate(_TYPOGRAPHY))
    text = _EMPHASIS.sub("", text)
    text = text.replace("\\", "")
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class SourceText:
    """One text of the project, normalised, and where it starts."""

    text: str
    location: Location


class SourceIndex:
    """Every text of a project with its file and line, to name the source of output text."""

    def __init__(self, texts: Iterable[tuple[str, Location]], templates: SourceIndex | None = None):
        """``templates``: the texts the project's own templates write as they are (a
        picture's path, a heading of their own), looked in only for a text the content does
        not hold."""
        self.texts: list[SourceText] = []
        for raw, location in texts:
            text = normalise(raw)
            if text:
                self.texts.append(SourceText(text, location))
        self.templates = templates

    @classmethod
    def of(cls, project: RawProject) -> SourceIndex:
        """The index of a loaded project (course.yaml, modules, tables), in file order, and
        of each of its translations (a translated text is found in its translation's file;
        one the translation keeps from the source, at the source's line)."""
        from .translations import languages, translated_project

        texts = list(project_texts(project))
        for language in languages(project.root):
            try:
                translated, _, _ = translated_project(project, language)
            except MaterialsError:
                continue  # its own problems are told where it is read
            texts += project_texts(translated)
        return cls(texts, cls(template_texts(project.root)))

    def anywhere(self, snippet: str) -> bool:
        """Whether ``snippet`` is in some text of the index, as it is written."""
        wanted = normalise(snippet)
        return bool(wanted) and any(wanted in t.text for t in self.texts)

    def locate(self, snippet: str, language: str = "") -> Location | None:
        """The one place ``snippet`` came from, or None when it is nowhere or in several;
        ``language``: the output's, whose translation is where a text it writes itself came
        from (see :func:`_one`)."""
        one = partial(_one, language=language)
        wanted = normalise(snippet)
        if not wanted:
            return None
        exact = {t.location for t in self.texts if t.text == wanted}
        if exact:
            return one(exact)
        containing = {t.location for t in self.texts if wanted in t.text}
        if containing:
            return one(containing)
        drawn = _drawn_as(wanted)
        if drawn is not None:  # as drawn: a character no face has printed as '?'
            texts = [(t.location, _visible(t.text)) for t in self.texts]
            exact = {where for where, text in texts if drawn.fullmatch(text)}
            containing = exact or {where for where, text in texts if drawn.search(text)}
            if containing:
                return one(containing)
        if len(wanted) < MIN_CONTAINED:
            return None
        contained = [t for t in self.texts if len(t.text) >= MIN_CONTAINED and t.text in wanted]
        places = {t.location for t in contained}
        longest = max((len(t.text) for t in contained), default=0)
        if len(places) > 1 and 2 * longest >= len(wanted):
            # a line made of several texts ("Trainer: <the trainers> · <the organization>"):
            # the one that makes up most of it, the likeliest to shorten
            places = {t.location for t in contained if len(t.text) == longest}
        return one(places)


def _drawn_as(wanted: str) -> re.Pattern[str] | None:
    """What a snippet a PDF drew with '?' for each character no face has (an emoji, see
    glyphs.SUBSTITUTE) may have been written as, once the characters drawn as nothing are
    left out (:func:`_visible`): each '?' one character. None when it has no '?'. Looked for
    as written, the snippet was found in none of its texts, and the text around the emoji
    elsewhere (an e-mail address in a module's table) was named instead. (A '?' of any
    length took time growing threefold with each '?' when nothing matched.)"""
    parts = _visible(wanted).split(SUBSTITUTE)
    if len(parts) < 2:
        return None
    return re.compile(".".join(map(re.escape, parts)), re.DOTALL)


def _visible(text: str) -> str:
    """``text`` without the characters a PDF draws as nothing (a joiner, a variation
    selector: see glyphs.invisible), as it is compared with what a PDF drew."""
    from .glyphs import invisible

    if text.isascii() and text.isprintable():
        return text
    return "".join(ch for ch in text if not invisible(ch))


def _one(found: set[Location], language: str = "") -> Location | None:
    """The one place of ``found``. Of a text written both in the source and in the
    translation of ``language`` (the output's), the translation's: that output prints its
    copy, and mending the source's would not change it (a Spanish deck's too long module
    title, a name the translation writes as the source does, was named in the English
    file). Else, of a text a translation keeps as its source wrote it, the source's (where
    it is written first, and mended once for every language). A value the translation
    cannot change is at the source's place however it is written (see
    translations._Overlay.location)."""
    if len(found) > 1:
        own = {f for f in found if language and f.file.startswith(f"{_TRANSLATIONS}{language}/")}
        found = own or {f for f in found if not f.file.startswith(_TRANSLATIONS)} or found
    return next(iter(found)) if len(found) == 1 else None


_TRANSLATIONS = f"{TRANSLATIONS.as_posix()}/"


def template_texts(root: Path) -> Iterator[tuple[str, Location]]:
    """Each paragraph, list item, heading and table row the project's own templates write
    as they are, at its line (``templates/handout.md.j2``)."""
    from .templating import own_template_sources

    for name, text in own_template_sources(root):
        yield from _markdown_texts(text, f"templates/{name}", 1)


def project_texts(project: RawProject) -> Iterator[tuple[str, Location]]:
    """Every text of the project with its place: what the index holds, and what a check over
    the whole content (such as :func:`materials_gen.glyphs.unprintable`) reads."""
    yield from yaml_texts(project.course)
    for module in project.modules.values():
        yield from yaml_texts(module.front)
        for block in module.body:
            yield from _markdown_texts(block.text, module.front.file, block.line)
    for table in project.tables.values():
        yield from yaml_texts(table)


def yaml_strings(doc: SourceDoc) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """Each string in a YAML document, with its path (keys and list indexes)."""

    def walk(value: Any, path: tuple[Any, ...]) -> Iterator[tuple[str, tuple[Any, ...]]]:
        if isinstance(value, dict):
            for key, item in value.items():
                yield from walk(item, (*path, key))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                yield from walk(item, (*path, i))
        elif isinstance(value, str):
            yield value, path

    yield from walk(doc.data, ())


def yaml_texts(doc: SourceDoc) -> Iterator[tuple[str, Location]]:
    """Each string in a YAML document, at the line of its key or list item."""
    for value, path in yaml_strings(doc):
        location = doc.location(path)
        yield value, Location(location.file, location.line)
        # a multi-line value (a block scalar) also counts paragraph by paragraph
        parts = [p for p in re.split(r"\n\s*\n", value) if p.strip()]
        if len(parts) > 1:
            for part in parts:
                yield part, Location(location.file, location.line)


def _markdown_texts(text: str, file: str, first_line: int) -> Iterator[tuple[str, Location]]:
    """Each paragraph, list item, heading and table row of some Markdown, at its first line."""
    current: list[str] = []
    start = 0

    def flush() -> Iterator[tuple[str, Location]]:
        if current:
            yield " ".join(current), Location(file, start)
            current.clear()

    for number, line in enumerate(text.split("\n"), start=first_line):
        if not line.strip() or _FENCE.match(line):
            yield from flush()
            continue
        stripped = line.strip()
        if stripped.startswith("|"):
            yield from flush()
            yield stripped, Location(file, number)
            for cell in stripped.strip("|").split("|"):
                if cell.strip() and not set(cell.strip()) <= set("-: "):
                    yield cell, Location(file, number)
            continue
        heading, item = _HEADING.match(line), _LIST_MARK.match(line)
        if heading or item:
            yield from flush()
            line = line[(heading or item).end() :]  # type: ignore[union-attr]
            if heading:
                yield line.strip().rstrip("#"), Location(file, number)
                continue
        if not current:
            start = number
        current.append(_QUOTE_MARK.sub("", line).strip())
    yield from flush()


def located(error: MaterialsError, index: SourceIndex) -> MaterialsError:
    """``error`` with each problem that quotes its text but names no file given its source.

    Problems keep their order and wording; a problem whose text cannot be found for sure
    stays without a location.
    """
    return type(error)(_located(p, index) for p in error.problems)


@contextmanager
def locating(root: Path) -> Iterator[None]:
    """Re-raise a content error from the block with its quoted texts' files and lines.

    The index is built only when a problem needs it: a build that succeeds, or one whose
    problems all name their place already, does not read the project twice.
    """
    try:
        yield
    except ContentError as exc:
        if not needs_locating(exc):
            raise
        raise located(exc, SourceIndex.of(load_project(root))) from None


def _located(problem: Problem, index: SourceIndex) -> Problem:
    if problem.location is not None or not problem.quote:
        return problem
    found = index.locate(problem.quote, problem.language)
    if found is None and index.templates is not None and not index.anywhere(problem.quote):
        found = index.templates.locate(problem.quote)  # a template's own text
    found = found or problem.otherwise
    return replace(problem, location=found) if found else problem


def needs_locating(error: MaterialsError) -> bool:
    """Whether some problem of ``error`` quotes a text but says no file (worth an index)."""
    return any(p.location is None and p.quote for p in error.problems)
