"""What each output reads of each content file: the fields its template reads as it renders
(context.reading), and those the values computed for it read (Edition.content_read)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from materials_gen.build import load_course
from materials_gen.context import EVERY_FIELD, Record, reading
from materials_gen.edition import Edition
from materials_gen.kinds import KINDS
from materials_gen.options import BuildOptions
from materials_gen.plan import options_for

from .conftest import REPO, edit
from .test_reasons import QUESTIONS


def test_the_fields_read_are_those_of_the_watched_records() -> None:
    module, other = Record({"title": "A", "notes": "B"}), Record({"title": "C"})
    with reading({id(module): lambda key: (("modules/a.md", key),)}) as read:
        assert module["title"] == "A" and other["title"] == "C"
        assert module.get("missing") is None
    assert read == {("modules/a.md", "title"), ("modules/a.md", "missing")}


def test_a_record_listed_is_read_whole_and_nothing_is_read_outside_a_block() -> None:
    module = Record({"title": "A", "notes": "B"})
    module["title"]  # not watched: nothing noted anywhere
    with reading({id(module): lambda key: (("modules/a.md", f"x.{key}"),)}) as read:
        dict(module.items())
    assert ("modules/a.md", f"x.{EVERY_FIELD}") in read


def test_a_block_inside_another_keeps_its_reads_apart() -> None:
    first, second = Record({"a": 1}), Record({"b": 2})
    with reading({id(first): lambda key: (("one", key),)}) as outer:
        first["a"]
        with reading({id(second): lambda key: (("two", key),)}) as inner:
            second["b"]
            first["a"]
        first["a"]
    assert outer == {("one", "a")} and inner == {("two", "b")}


def _edition(project: Path) -> Edition:
    course, _ = load_course(project)
    audience = next(a for a in course.audiences if a.id == "all-staff")
    return Edition(project, course, audience, options_for(project, course, BuildOptions()))


def test_an_output_reads_what_it_shows_of_each_module(project: Path) -> None:
    """The post-test reads the questions of a module, not its key points; the handout
    reads its key points, not its questions; a part it reads nothing of hashes to ""."""
    practice = project / "content/modules/practice.md"
    edit(practice, "takeaway:", QUESTIONS)
    before = _edition(project)
    posttest, handout = KINDS["posttest"], KINDS["handout"]
    was = {k: before.content_read(k) for k in (posttest, handout)}
    assert was[posttest] and was[handout]
    assert was[posttest]["content/modules/practice.md"]  # its questions
    edit(practice, "Both approaches matter", "Both approaches count")  # a key point
    after = _edition(project)
    assert after.content_read(posttest) == was[posttest]
    assert after.content_read(handout) != was[handout]
    edit(practice, "Where should the way out be?", "Where is the way out?")  # a question
    last = _edition(project)
    assert last.content_read(posttest) != was[posttest]
    assert last.content_read(handout) == after.content_read(handout)


def test_the_guide_reads_the_deck_s_slide_numbers_not_what_the_deck_shows(project: Path) -> None:
    """The guide gives each module's slide numbers: what it reads of the deck is those
    numbers, which a key point edited in place leaves as they were and a dozen more key
    points move; not the key points themselves, which it does not print. What the deck
    shows is kept beside, apart: what may have moved the numbers when they move."""
    from materials_gen.edition import DECK_SHOWS, SLIDE_NUMBERS

    guide = KINDS["guide"]

    def own(read: dict | None) -> dict:
        assert read is not None
        return {k: v for k, v in read.items() if not k.startswith(DECK_SHOWS)}

    before = _edition(project).content_read(guide)
    assert before is not None and SLIDE_NUMBERS in before
    assert "key_points" not in before["content/modules/intro.md"]
    assert "key_points" in before[DECK_SHOWS + "content/modules/intro.md"]
    intro = project / "content/modules/intro.md"
    edit(intro, "Calm rooms help everyone", "Calm rooms help")
    assert own(_edition(project).content_read(guide)) == own(before)
    more = "".join(f"  - Point {n} about a calm and safe room for everyone\n" for n in range(12))
    edit(intro, "key_points:\n", "key_points:\n" + more)
    moved = _edition(project).content_read(guide)
    assert moved is not None and moved[SLIDE_NUMBERS] != before[SLIDE_NUMBERS]


# ------------------------------------------- deciding without templating (checked_read)


_NO_TRANSLATIONS = shutil.ignore_patterns("translations")


def _editions(project: Path) -> list[Edition]:
    course, _ = load_course(project)
    settings = options_for(project, course, BuildOptions())
    return [Edition(project, course, a, settings) for a in course.audiences]


_WORD = re.compile(r"[A-Za-z]{4,}")
_NUMBER = re.compile(r"(?<![\w.-])(\d{1,3})(?![\w.:-])")


def _edits_of(text: str) -> list[tuple[str, str]]:
    """Small edits a trainer makes, each (old line, new line): a word changed in a line of
    text or of a value, a number one more. Lines that name a field (``title:``) keep the
    name, so that the content stays valid."""
    found = []
    for line in text.splitlines():
        key, colon, value = line.partition(": ")
        where = value if colon and re.fullmatch(r"\s*-?\s*[\w.-]+", key) else line
        if where.strip() in ("", "---", ":::") or where.lstrip().startswith(("{", "::")):
            continue
        number = _NUMBER.search(where)
        word = _WORD.search(where)
        if number and not word:
            changed = where[: number.start()] + str(int(number[1]) + 1) + where[number.end() :]
        elif word:
            changed = where[: word.start()] + word[0] + "s" + where[word.end() :]
        else:
            continue
        found.append((line, line[: len(line) - len(where)] + changed))
    return found


def _every_edit(project: Path, step: int) -> list[tuple[Path, str, str]]:
    """Every ``step``-th edit of :func:`_edits_of` in every content file of ``project``."""
    edits = [
        (path, old, new)
        for path in sorted((project / "content").rglob("*"))
        if path.suffix in (".yaml", ".md")
        for old, new in _edits_of(path.read_text(encoding="utf-8"))
    ]
    return edits[::step]


@pytest.mark.slow  # about a hundred edits of the default kit, each templated twice over
def test_an_output_decided_unchanged_without_templating_writes_the_same_markdown(
    tmp_path: Path,
) -> None:
    """The default kit edited line by line, a word or a number at a time (and a module
    moved, and the session's settings changed): for each output, when the values its
    template read at the last build are all the same after the edit (so a rebuild keeps its
    file without templating it), its template writes exactly the Markdown it wrote before.
    Both cases occur (the test would not notice a check that never keeps anything, or that
    keeps everything)."""
    from materials_gen.errors import MaterialsError

    project = tmp_path / "kit"
    shutil.copytree(REPO / "content", project / "content", ignore=_NO_TRANSLATIONS)
    shutil.copytree(REPO / "templates", project / "templates")
    course_file = project / "content" / "course.yaml"
    kinds = [k for k in KINDS.values() if k.template and k.name != "certificates"]
    before = {}
    for edition in _editions(project):
        for kind in kinds:
            if kind.missing(edition) is None:
                before[edition.audience.id, kind.name] = (
                    edition.markdown(kind),
                    edition.checked_read(kind),
                )
    edits = _every_edit(project, 9)
    moved = course_file.read_text(encoding="utf-8")
    first, second = re.findall(r"^  - ([\w-]+)$", moved, flags=re.MULTILINE)[:2]
    edits.append((course_file, f"  - {first}\n  - {second}\n", f"  - {second}\n  - {first}\n"))
    # the sign-in sheets' trainer, and a break more in the session plan
    edits.append((course_file, "trainer: Riverbend", "trainer: The Riverbend"))
    edits.append((course_file, "break_every: 65", "break_every: 30"))
    # a dozen key points more: the later modules' slide numbers move (the guide's)
    more = "".join(f"  - Point {n} about a calm and safe room for everyone\n" for n in range(12))
    comparison = project / "content/modules/comparison.md"
    edits.append((comparison, "key_points:\n", "key_points:\n" + more))
    assert len(edits) > 60
    kept = changed = 0
    for path, old, new in edits:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        try:
            editions = _editions(project)
        except MaterialsError:  # an edit the content does not take (an id, a letter)
            editions = []
        for edition in editions:
            for kind in kinds:
                was = before.get((edition.audience.id, kind.name))
                if was is None or was[1] is None or kind.missing(edition) is not None:
                    continue
                try:
                    markdown = edition.markdown(kind)
                except MaterialsError:
                    continue
                if edition.reads_same(kind, was[1]):
                    kept += 1
                    where = f"{path.name}: {old.strip()!r} -> {new.strip()!r}"
                    assert markdown == was[0], f"{kind.name} ({edition.audience.id}), {where}"
                elif markdown != was[0]:
                    changed += 1
        path.write_text(text, encoding="utf-8")
    assert kept > 100 and changed > 100, (kept, changed)
