from __future__ import annotations

import datetime as dt
from pathlib import Path

from materials_gen.load import load_project
from materials_gen.model import Audience, Block, Course, Item, Module, Row, Table, Variants
from materials_gen.tailor import reach, tailor
from materials_gen.validate import validate

from .conftest import edit


def course_of(*modules: Module, audiences: tuple[Audience, ...] | None = None) -> Course:
    return Course(
        title="T",
        organization="O",
        version="1",
        date=dt.date(2026, 1, 1),
        audiences=audiences
        or (
            Audience(id="all-staff", name="All staff"),
            Audience(id="clinical", name="Clinical", includes=("all-staff",)),
        ),
        modules=modules,
    )


def test_items_blocks_rows_and_modules_follow_the_tiers() -> None:
    table = Table(
        columns=({"id": "a", "heading": "A"},),
        rows=(Row(cells={"a": "everyone"}), Row(cells={"a": "clinicians"}, audience=("clinical",))),
    )
    module = Module(
        title="M",
        key_points=(
            "shared",
            Item(text="deep", audience=("clinical",)),
            Item(text="basic", audience=("all-staff",)),
        ),
        body=(
            Block(text="Shared prose."),
            Block(text="Clinical prose.", conditions=(("clinical",),)),
        ),
        tables=(table,),
    )
    hidden = Module(title="Clinical only module", audience=("clinical",))
    course = course_of(module, hidden)

    staff = tailor(course, "all-staff")
    assert [m.title for m in staff.modules] == ["M"]
    assert staff.modules[0].key_points == ("shared", "basic")
    assert staff.modules[0].prose == "Shared prose."
    assert [r.cells["a"] for r in staff.modules[0].tables[0].rows] == ["everyone"]

    clinical = tailor(course, "clinical")
    assert [m.title for m in clinical.modules] == ["M", "Clinical only module"]
    assert clinical.modules[0].key_points == ("shared", "deep", "basic")
    assert clinical.modules[0].prose == "Shared prose.\n\nClinical prose."


def test_variants_resolve_through_includes_then_default() -> None:
    module = Module(
        title=Variants({"all-staff": "Basics", "clinical": "In depth"}),
        takeaway=Variants({"all-staff": "Shared takeaway"}),
        notes=Variants({"clinical": "Clinical notes only"}),
        key_points=(Variants({"default": "Fallback"}), Variants({"clinical": "Dropped for staff"})),
    )
    course = course_of(module)
    staff, clinical = tailor(course, "all-staff").modules[0], tailor(course, "clinical").modules[0]
    assert (staff.title, clinical.title) == ("Basics", "In depth")
    assert clinical.takeaway == "Shared takeaway"  # clinical includes all-staff
    assert (staff.notes, clinical.notes) == ("", "Clinical notes only")
    assert staff.key_points == ("Fallback",)
    assert clinical.key_points == ("Fallback", "Dropped for staff")


def test_a_third_audience_needs_content_edits_only(project: Path) -> None:
    edit(
        project / "content" / "course.yaml",
        "support:\n",
        "  - id: leadership\n    name: Leaders\n    includes: [all-staff]\nsupport:\n",
    )
    edit(
        project / "content" / "modules" / "intro.md",
        "key_points:\n",
        "key_points:\n  - text: Budget for quieter furniture\n    audience: leadership\n",
    )
    course, _ = validate(load_project(project))
    assert reach(course, "leadership") == ("leadership", "all-staff")
    leaders = tailor(course, "leadership").modules[0]
    assert "Budget for quieter furniture" in leaders.key_points
    assert "Seat the client nearest the door in therapy rooms" not in leaders.key_points
    assert leaders.takeaway == "Small changes make rooms safer."
    assert "Budget for quieter furniture" not in tailor(course, "clinical").modules[0].key_points


def test_tailoring_leaves_the_input_untouched() -> None:
    module = Module(title=Variants({"all-staff": "A", "clinical": "B"}))
    course = course_of(module)
    tailor(course, "all-staff")
    assert isinstance(course.modules[0].title, Variants)


def test_a_box_for_clinicians_reaches_their_handout_only(project: Path) -> None:
    """A callout with an audience among its attributes was printed in every handout."""
    from materials_gen.build import BuildOptions, build

    from .conftest import all_text

    module = project / "content" / "modules" / "intro.md"
    with module.open("a", encoding="utf-8") as handle:
        handle.write(
            '\n::: {.callout audience="clinical" title="Exit paths"}\n'
            "Keep the exit path clear in therapy rooms.\n:::\n"
        )
    build(project, BuildOptions(kinds=("handout",)))
    output = project / "output"
    clinical = all_text(output / "clinical" / "safe-rooms-clinical-handout.pdf")
    everyone = all_text(output / "all-staff" / "safe-rooms-all-staff-handout.pdf")
    assert "Exit paths" in clinical and "Keep the exit path clear" in clinical
    assert "Exit paths" not in everyone and "exit path clear" not in everyone
    assert ":::" not in clinical and "audience" not in clinical


def test_a_notes_box_in_a_module_s_text_is_said_in_the_speaker_notes(project: Path) -> None:
    """A ::: notes box in a module's text was left out of the handout, as documented, but
    also of the deck's speaker notes, the notes pages and the guide: what it said reached
    no one. It follows the module's own notes (the clinical one's for clinicians only)."""
    from click.testing import CliRunner
    from pptx import Presentation

    from materials_gen.cli import main

    from .conftest import all_text

    intro = project / "content" / "modules" / "intro.md"
    intro.write_text(
        intro.read_text(encoding="utf-8")
        + "\n::: notes\nPause and ask about the room.\n:::\n\n"
        + '::: {audience="clinical"}\n::: notes\nMention the exit path.\n:::\n:::\n',
        encoding="utf-8",
    )
    course, _ = validate(load_project(project))
    staff = next(m for m in tailor(course, "all-staff").modules if m.id == "intro")
    clinical = next(m for m in tailor(course, "clinical").modules if m.id == "intro")
    assert staff.notes == "Say hello and explain the session.\n\nPause and ask about the room."
    assert clinical.notes.endswith("Pause and ask about the room.\n\nMention the exit path.")
    result = CliRunner().invoke(
        main, ["build", "-p", str(project), "--only", "deck,guide,handout", "-a", "all-staff"]
    )
    assert result.exit_code == 0, result.output
    out = project / "output" / "all-staff"
    deck = Presentation(next(out.glob("*deck.pptx")))
    notes = [s.notes_slide.notes_text_frame.text for s in deck.slides if s.has_notes_slide]
    assert any("Pause and ask about the room." in n for n in notes)
    assert not any("exit path" in n for n in notes)
    assert "Pause and ask about the room." in " ".join(
        all_text(next(out.glob("*guide.pdf"))).split()
    )
    assert "Pause and ask" not in all_text(next(out.glob("*handout.pdf")))
