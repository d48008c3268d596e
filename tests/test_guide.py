"""The facilitator guide: a timed session plan, slide numbers matching the deck, checklists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation

from materials_gen.build import BuildOptions, build
from materials_gen.cli import main

from .conftest import KIT_LANGUAGE, REPO, all_text, edit, pages_text


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("guide")
    report = build(
        REPO, BuildOptions(languages=(KIT_LANGUAGE,), output=out, kinds=("guide", "deck"))
    )
    return {f"{b.target.audience.id}/{b.target.kind.name}": b.path for b in report.built}


def test_session_plan_has_clock_times_breaks_and_contact_hours(kit: dict[str, Path]) -> None:
    clinical = re.sub(r"\s+", " ", all_text(kit["clinical/guide"]))
    # the kit is in American English: its times are written 9:00 AM
    assert "9:00 AM–9:05 AM Sign-in 5" in clinical
    assert "9:05 AM–9:10 AM Knowledge check: before 5" in clinical
    assert "9:10 AM–9:20 AM Welcome and overview 10" in clinical
    # the clinical session gives trauma-competent care 25 minutes (15 for all staff)
    assert "9:40 AM–10:05 AM Trauma-competent care in clinical practice 25" in clinical
    assert "10:05 AM–10:15 AM Break 10" in clinical  # break_every: 60 puts a break here
    assert "11:00 AM–11:10 AM Bringing it together 10" in clinical
    assert "11:15 AM–11:20 AM Session evaluation 5" in clinical
    assert "2 h 20 min in all of the 2 h 20 min booked" in clinical
    # sign-in, the knowledge checks and the evaluation earn no credit: 110 minutes of teaching
    assert "1.83 continuing-education contact hours" in clinical
    staff_plan = re.sub(r"\s+", " ", all_text(kit["all-staff/guide"]))
    assert "What trauma-competent care is 15" in staff_plan
    assert "2 h 10 min in all of the 2 h 20 min booked" in staff_plan
    staff = all_text(kit["all-staff/guide"])
    assert "contact hours" not in staff


def test_slide_numbers_match_the_audiences_deck(kit: dict[str, Path]) -> None:
    for audience in ("all-staff", "clinical"):
        text = re.sub(r"\s+", " ", all_text(kit[f"{audience}/guide"]))
        deck = Presentation(str(kit[f"{audience}/deck"]))
        titles = [s.shapes.title.text_frame.text if s.shapes.title else "" for s in deck.slides]
        ranges = re.findall(
            r"(\d)\. [^·]+?\d+:\d\d AM–\d+:\d\d AM · \d+ min · slides (\d+)–(\d+)", text
        )
        assert len(ranges) == 7, text[:2000]
        for module, first, last in ranges:
            # a module's slides start with its content note, if it has one, then its title
            start = int(first) - 1
            while titles[start].startswith(("Before we begin", f"Before part {module}")):
                start += 1  # its content note, continued or not
            assert titles[start].startswith(f"{module}. "), (audience, module, first)
            following = titles[int(last)] if int(last) < len(titles) else ""
            assert re.match(r"\d\. |Summary|Before part \d", following), (
                audience,
                module,
                last,
                following,
            )


def test_what_to_say_and_do_and_the_checklists(kit: dict[str, Path]) -> None:
    text = re.sub(r"\s+", " ", all_text(kit["clinical/guide"]))
    assert "Read aloud: content note" in text
    assert "What to say" in text and "What to do" in text
    assert "Case consultation in pairs" in text and "case summary cards" in text
    assert "Participant handout 26" in text  # 24 expected and 2 spare
    assert "Knowledge check: before 26" in text and "Evaluation form 26" in text
    # the sign-in sheet is one document with a row for each of them and spares, however
    # many pages that takes: it is printed once
    assert "Sign-in sheet 1 " in text
    assert "Projector or screen" in text
    # the boxes to tick are drawn as the forms draw theirs: the symbol's glyph ("☐") was a
    # third of the text's height
    assert "\u2610" not in text


def test_check_and_build_warn_about_timing(project: Path) -> None:
    """A module with no time and a plan longer than the session booked: check and build
    both warn, the overrun at the line that books the session's length."""
    edit(project / "content" / "modules" / "practice.md", "duration: 15\n", "")
    course = project / "content" / "course.yaml"
    edit(course, "  session:\n", "  session:\n    length: 5\n")
    line = course.read_text(encoding="utf-8").splitlines().index("    length: 5") + 1
    for command in ("check", "build"):
        result = CliRunner().invoke(main, [command, "-p", str(project)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        # at the module's title, where a duration is added
        assert (
            "content/modules/practice.md:2:1: warning: module 'practice' has no duration"
            in result.output
        )
        assert (
            f"content/course.yaml:{line}:5: warning: the session plan for All staff takes 10 "
            "minutes, 5 more than the 5 booked" in result.output
        ), result.output
    # the guide says so too ("10 min in all of the 5 min booked" read as if it fitted)
    guide = CliRunner().invoke(main, ["show", "guide", "-a", "all-staff", "-p", str(project)])
    assert "10 min in all: 5 min more than the 5 min booked" in guide.output, guide.output
    # the module without a time keeps its place in the deck's count of parts
    shown = CliRunner().invoke(main, ["show", "deck", "-a", "all-staff", "-p", str(project)])
    assert "\nPart 2 of 2\n" in shown.output and "Part 1 of 2 · 10 min" in shown.output
    # a 'duration:' left empty: its own line
    edit(project / "content" / "modules" / "practice.md", "title:", "duration:\ntitle:")
    result = CliRunner().invoke(main, ["check", "-p", str(project)], catch_exceptions=False)
    assert "content/modules/practice.md:2:1: warning: module 'practice' has no duration" in (
        result.output
    ), result.output


def test_an_audience_that_sees_no_module_is_warned_of_at_its_line(project: Path) -> None:
    """Every module limited to the clinical audience: the all-staff materials came out empty
    (a contents list with nothing in it, "0 min in all") and check said OK."""
    for module in (project / "content" / "modules").glob("*.md"):
        edit(module, "title:", "audience: clinical\ntitle:")
    course = (project / "content" / "course.yaml").read_text(encoding="utf-8").splitlines()
    line = course.index("  - id: all-staff") + 1
    for command in ("check", "build"):
        result = CliRunner().invoke(main, [command, "-p", str(project)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        assert (
            f"content/course.yaml:{line}:5: warning: All staff ('all-staff') see no module: "
            "every module is limited to other audiences" in result.output
        ), result.output
        assert "Clinical providers ('clinical') see no module" not in result.output


def test_start_time_option(project: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["build", "-p", str(project), "--only", "guide", "--only", "deck", "-a", "all-staff"]
        + ["--start", "13:30"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    folder = project / "output" / "all-staff"
    text = re.sub(r"\s+", " ", all_text(folder / "safe-rooms-all-staff-guide.pdf"))
    assert "Starting at 13:30" in text and "13:30–13:40 Welcome to safe rooms" in text
    agenda = Presentation(str(folder / "safe-rooms-all-staff-deck.pptx")).slides[1]
    assert "from 13:30 to 13:55" in agenda.notes_slide.notes_text_frame.text  # the same plan
    bad = CliRunner().invoke(main, ["build", "-p", str(project), "--start", "half past one"])
    assert bad.exit_code == 2 and "not a time of day" in bad.output


def test_the_kits_forms_are_byte_identical_on_rebuild(tmp_path: Path) -> None:
    kinds = (
        "guide",
        "slides",
        "notes-pages",
        "evaluation",
        "pretest",
        "posttest",
        "answer-key",
        "sign-in",
    )
    first = build(REPO, BuildOptions(languages=(KIT_LANGUAGE,), output=tmp_path / "a", kinds=kinds))
    second = build(
        REPO, BuildOptions(languages=(KIT_LANGUAGE,), output=tmp_path / "b", kinds=kinds)
    )
    assert len(first.built) == 16
    for one, two in zip(first.built, second.built, strict=True):
        assert one.path.read_bytes() == two.path.read_bytes(), one.path.name


def test_an_activity_s_cards_print_in_the_guide_for_its_audience(kit: dict[str, Path]) -> None:
    """The clinical case consultation hands out case cards: the guide prints them, one box
    each, to cut out; the all-staff guide, whose session has no such activity, has none."""
    clinical = re.sub(r"\s+", " ", all_text(kit["clinical/guide"]))
    assert "Cards to print" in clinical
    for card in ("Maya, 34.", "Daniel, 15.", "Amira, 52, a nurse.", "Luis, 28, a veteran."):
        assert card in clinical
    assert "Card 1 of 4" in clinical and "Card 4 of 4" in clinical
    assert "case summary cards (in the facilitator guide)" in clinical  # the checklist
    staff = re.sub(r"\s+", " ", all_text(kit["all-staff/guide"]))
    assert "Cards to print" not in staff and "Maya, 34." not in staff


@pytest.mark.parametrize("language", ["en-US", "es"])
def test_the_cards_to_print_start_a_page_of_their_own(
    kit_languages: dict[tuple[str, str, str], Path], language: str
) -> None:
    """A trainer prints the cards' pages and cuts them apart: the cards start a page of
    their own (the Spanish guide printed three cards under the room checklist, and the
    fourth overleaf), after the checklist's last row."""
    guide = kit_languages[language, "clinical", "guide"]
    pages = [" ".join(text.split()) for text in pages_text(guide)]
    said = {"en-US": ("cut the cards apart", "Maya, 34."), "es": ("separe las tarjetas", "Maya")}
    sentence, card = said[language]
    first = next(n for n, text in enumerate(pages) if sentence in text)
    assert card in pages[first]
    checklist = {"en-US": "Sign-in sheet and pens", "es": "Hoja de registro de asistencia"}
    assert checklist[language] in pages[first - 1] and checklist[language] not in pages[first]


def test_the_guide_asks_for_a_content_note_only_when_there_is_one(
    project: Path, tmp_path: Path
) -> None:
    """Without a content note anywhere, "Before you start" does not tell the trainer to read
    one out (it did, for every course), nor to tell people they may step out (a course on
    distressing material's cue): it says where support is."""

    def before_you_start() -> str:
        options = BuildOptions(output=tmp_path / "out", audiences=("all-staff",), kinds=("guide",))
        (built,) = build(project, options).built
        text = " ".join(all_text(built.path).split())
        return text[text.index("Before you start") :][:400]

    said = before_you_start()
    assert "Read each content note aloud" in said and "Remind people that they may step out" in said
    for module in (project / "content" / "modules").glob("*.md"):
        text = module.read_text(encoding="utf-8")
        kept = [line for line in text.split("\n") if not line.startswith("content_note:")]
        module.write_text("\n".join(kept), encoding="utf-8")
    said = before_you_start()
    assert "content note" not in said and "Remind people that they may step out" not in said
    assert "Know where support is: Duty manager." in said  # all staff: not the clinical lead


def test_a_module_of_one_slide_is_named_as_one(project: Path, tmp_path: Path) -> None:
    """The guide wrote "slides 5–5" (and "5–5" in the plan) for a module on one slide."""
    from materials_gen.build import load_course
    from materials_gen.edition import Edition
    from materials_gen.plan import options_for

    (project / "content" / "modules" / "pause.md").write_text(
        "---\ntitle: A pause\nduration: 5\n---\n\nBreathe.\n", encoding="utf-8"
    )
    edit(project / "content" / "course.yaml", "  - practice\n", "  - practice\n  - pause\n")
    course, _ = load_course(project)
    audience = next(a for a in course.audiences if a.id == "all-staff")
    edition = Edition(project, course, audience, options_for(project, course, BuildOptions()))
    numbers = edition.slide_numbers
    options = BuildOptions(output=tmp_path / "out", audiences=("all-staff",), kinds=("guide",))
    (built,) = build(project, options).built
    text = all_text(built.path)
    for first, last in numbers.values():
        if first == last:
            assert f"slide {first}" in text and f"{first}–{first}" not in text
        else:
            assert f"slides {first}–{last}" in text
    assert numbers["pause"][0] == numbers["pause"][1]


def test_cues_for_distressing_material_only_in_a_course_that_has_it(project: Path) -> None:
    """A medication-safety course got the trauma kit's cues: "watch the room for signs of
    distress" in every module, a quiet room and tissues on the checklist, "I knew I could
    step out" on the evaluation. They belong to a course with content notes."""

    def texts(folder: str) -> tuple[str, str]:
        options = BuildOptions(
            output=project / folder, kinds=("guide", "evaluation"), audiences=("all-staff",)
        )
        made = {b.target.kind.name: b.path for b in build(project, options).built}
        guide, form = (re.sub(r"\s+", " ", all_text(made[k])) for k in ("guide", "evaluation"))
        return guide, form

    cues = (
        "Watch the room for signs of distress",
        "A quiet room with a door",
        "Water, tissues",
        "Read each content note aloud",
    )
    guide, form = texts("noted")
    assert all(cue in guide for cue in cues)
    assert "I knew I could step out" in form
    edit(
        project / "content" / "modules" / "intro.md",
        "content_note: We talk about safety in general terms; step out whenever you need to.\n",
        "",
    )
    guide, form = texts("plain")
    assert not any(cue in guide for cue in cues)
    assert "I knew I could step out" not in form
    assert "Know where support is: Duty manager" in guide  # still told
    assert "Projector or screen" in guide and "The pace was right for me" in form


def test_a_course_with_no_time_prints_no_contact_hours(project: Path) -> None:
    """With no module timed, the guide printed "0.00 continuing-education contact hours"
    where the certificates print none: both leave the hours out (check warns of the
    modules with no duration)."""
    from .conftest import credited

    credited(project)
    for module in (project / "content" / "modules").glob("*.md"):
        text = module.read_text(encoding="utf-8")
        module.write_text(re.sub(r"(?m)^ *duration: \d+\n", "", text), encoding="utf-8")
    report = build(project, BuildOptions(kinds=("guide",), audiences=("clinical",)))
    guide = " ".join(all_text(report.built[0].path).split())
    assert "Session plan" in guide and "contact hours" not in guide
    credited_hours = project / "content" / "modules" / "intro.md"
    edit(credited_hours, "title:", "duration: 30\ntitle:")
    report = build(project, BuildOptions(kinds=("guide",), audiences=("clinical",)))
    assert "0.50 continuing-education contact hours" in all_text(report.built[0].path)


def _guide_with(project: Path, lines: str) -> str:
    """The clinical guide's Markdown (``show guide``), ``lines`` added to the Room audit."""
    instructions = "    instructions: Walk around the room and note three changes.\n"
    edit(project / "content" / "modules" / "practice.md", instructions, instructions + lines)
    result = CliRunner().invoke(main, ["show", "guide", "-a", "clinical", "-p", str(project)])
    assert result.exit_code == 0, result.output
    return result.output


def test_materials_named_with_a_capital_inside_keep_their_spelling(project: Path) -> None:
    """The guide's list of materials starts each with a capital: "iPad" printed "IPad" and
    "eCards" "ECards". A name with a capital after its first letter is kept as written."""
    shown = _guide_with(project, "    materials: [iPad with the survey app, eCards, flip chart]\n")
    rows = [line for line in shown.splitlines() if "| Room audit |" in line]
    assert [r.split("|")[1].strip() for r in rows] == [
        "iPad with the survey app",
        "eCards",
        "Flip chart",
    ]


def test_a_line_of_colons_in_a_card_stays_inside_its_card(project: Path) -> None:
    """A card whose text has a line of ':::' closed the card's box there: the rest of the
    card printed outside any card. The line prints as typed, inside the card."""
    card = "    cards:\n      - |\n        line one\n        :::\n        after the colons\n"
    from materials_gen.document import Div, parse

    document = parse(_guide_with(project, card))

    def divs(blocks: tuple) -> list:
        found = []
        for block in blocks:
            if isinstance(block, Div):
                found.append(block)
                found += divs(block.children)
        return found

    cards = [d for d in divs(document.blocks) if "Card 1 of 1" in str(d.attrs.get("title"))]
    (card,) = cards
    text = " ".join(str(child) for child in card.children)
    assert "line one" in text and "after the colons" in text and ":::" in text


def test_an_activity_s_cards_are_on_the_list_of_materials_to_print(project: Path) -> None:
    """An activity with cards and no materials of its own: the guide printed the cards at
    its end, saying to print a set for each pair, but no checklist line said so. The list
    of what to print names them, with a set for each pair of the group."""
    shown = _guide_with(project, "    cards:\n      - A first case\n      - A second case\n")
    section = shown.split("## Materials to print", 1)[1].split("\n## ", 1)[0]
    rows = [[cell.strip() for cell in line.split("|")[1:-1]] for line in section.splitlines()]
    assert ["Cards: Room audit", "10", "☐"] in rows, section  # the minimal group of 20
