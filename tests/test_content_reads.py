"""What each output reads of each content file: the fields its template reads as it renders
(context.reading), and those the values computed for it read (Edition.content_read)."""

from __future__ import annotations

from pathlib import Path

from materials_gen.build import load_course
from materials_gen.context import EVERY_FIELD, Record, reading
from materials_gen.edition import Edition
from materials_gen.kinds import KINDS
from materials_gen.options import BuildOptions
from materials_gen.plan import options_for

from .conftest import edit
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
