"""The session plan: made once per audience, and the agenda, guide and handout all print it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pptx import Presentation

from materials_gen.build import BuildOptions, build, load_course
from materials_gen.context import Record, audience_data, template_context
from materials_gen.schedule import session_plan
from materials_gen.tailor import tailor

from .conftest import PROJECTS, all_text, edit, pages_text

TIMED = PROJECTS / "timed-session"


def _plan(audience: str, start: str | None = None):
    course, _ = load_course(TIMED)
    return session_plan(tailor(course, audience), start)


def test_breaks_where_a_module_asks_and_every_hour() -> None:
    session = _plan("clinical")
    rows = [(s.start, s.end, s.title, s.kind, s.number) for s in session.slots]
    assert rows == [
        ("13:15", "13:35", "Opening the session", "module", 1),
        ("13:35", "14:10", "Listening without interrupting", "module", 2),
        ("14:10", "14:25", "Break", "break", 0),  # break_after: 15
        ("14:25", "15:05", "A handover in five steps", "module", 3),
        ("15:05", "15:15", "Break", "break", 0),  # break_every: 60 minutes without one
        ("15:15", "15:45", "Reviewing clinical risk at handover", "module", 4),
    ]
    assert (session.start, session.end) == ("13:15", "15:45")
    assert session.total_minutes == 150 and session.teaching_minutes == 125
    assert session.break_minutes == 25 and session.booked_minutes == 180
    assert session.contact_hours == 2.08  # breaks earn no credit


def test_the_plan_follows_the_audience_and_the_start_time() -> None:
    staff = _plan("all-staff", "8:05")
    assert [s.title for s in staff.slots][-1] == "A handover in five steps"  # no break at the end
    assert staff.slots[0].start == "08:05" and staff.start == "08:05"
    assert staff.total_minutes == 110 and staff.end == "09:55"


def test_every_template_sees_the_same_read_only_session() -> None:
    course, _ = load_course(TIMED)
    audience = course.audiences[1]
    data = audience_data(course, audience)
    one = template_context(data, audience, {"kind": "deck"})["session"]
    two = template_context(data, audience, {"kind": "handout"})["session"]
    assert isinstance(one, Record) and one is two  # computed once per audience and start
    assert one["total_minutes"] == 150 and one["slots"][2]["kind"] == "break"
    later = template_context(data, audience, {"kind": "guide"}, start="14:00")["session"]
    assert later["slots"][0]["start"] == "14:00"
    assert later["total_minutes"] == one["total_minutes"]
    with pytest.raises(AttributeError):
        one.total_minutes = 5  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        one["total_minutes"] = 5  # type: ignore[index]


def _total(text: str, pattern: str) -> str:
    found = re.search(pattern, text)
    assert found, text[:1500]
    return found.group(1)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    project = tmp_path_factory.mktemp("timed") / "project"
    shutil.copytree(TIMED, project)
    report = build(project, BuildOptions(kinds=("deck", "guide", "handout", "notes-pages")))
    return {f"{b.target.audience.id}/{b.target.kind.name}": b.path for b in report.built}


@pytest.mark.parametrize(
    ("audience", "total"), [("clinical", "2 h 30 min"), ("all-staff", "1 h 50 min")]
)
def test_agenda_guide_and_handout_give_the_same_total(
    built: dict[str, Path], audience: str, total: str
) -> None:
    deck = Presentation(str(built[f"{audience}/deck"]))
    agenda = deck.slides[1]
    title = agenda.shapes.title.text_frame.text.replace("\xa0", " ")  # units never break
    guide = re.sub(r"\s+", " ", all_text(built[f"{audience}/guide"]))
    handout = pages_text(built[f"{audience}/handout"])[1]  # after the title page
    assert _total(title, r"^Agenda \((.+)\)$") == total
    assert _total(guide, r"Starting at 13:15 · (.+?) in all") == total
    assert _total(handout, r"13:15–\d\d:\d\d · (.+?) in all") == total


def test_the_agenda_shows_each_break_with_its_times(built: dict[str, Path]) -> None:
    agenda = Presentation(str(built["clinical/deck"])).slides[1]
    body = "\n".join(s.text_frame.text for s in agenda.shapes if s.has_text_frame)
    body = body.replace("\xa0", " ")  # "15 min" is bound with no-break spaces
    assert "Break, 14:10–14:25 (15 min)" in body
    assert "Break, 15:05–15:15 (10 min)" in body
    # modules keep their numbers across the breaks, as on their section slides
    assert "A handover in five steps (40 min)" in body
    paragraphs = [p for s in agenda.shapes if s.has_text_frame for p in s.text_frame.paragraphs]
    numbered = [
        p for p in paragraphs if "Reviewing clinical risk" in "".join(r.text for r in p.runs)
    ]
    assert numbered and 'startAt="4"' in numbered[0]._p.xml  # noqa: SLF001
    notes = agenda.notes_slide.notes_text_frame.text.replace("\xa0", " ")
    assert "2 h 30 min in all, from 13:15 to 15:45" in notes and "with 2 breaks" in notes
    assert "Break at 15:05 (10 min)" in notes


def test_the_agenda_s_notes_say_the_plan_a_line_an_item(built: dict[str, Path]) -> None:
    """The agenda's speaker notes, materials-gen's own words, printed their plan as raw
    "- " lines in the notes pane and on the notes pages, a long item wrapping back under
    its hyphen: each item is a line of its own now, with no mark, in both."""
    agenda = Presentation(str(built["clinical/deck"])).slides[1]
    lines = agenda.notes_slide.notes_text_frame.text.replace("\xa0", " ").split("\n")
    assert lines[1:4] == [
        "Opening the session (20 min)",
        "Listening without interrupting (35 min)",
        "Break at 14:10 (15 min)",
    ], lines
    assert "Break at 15:05 (10 min)" in lines
    assert not [line for line in lines if line.startswith("-")], lines
    printed = re.sub(r"[ \xa0]+", " ", pages_text(built["clinical/notes-pages"])[1])
    assert "breaks: Opening the session (20 min) Listening" in printed, printed


def test_the_handout_lists_the_session_plan(built: dict[str, Path]) -> None:
    text = pages_text(built["clinical/handout"])[1]
    assert "Today's session" in text
    assert "14:10–14:25 Break 15 min" in text
    assert "15:15–15:45 4. Reviewing clinical risk at handover 30 min" in text
    staff = pages_text(built["all-staff/handout"])[1]
    assert "Reviewing clinical risk" not in staff


def test_guide_contact_hours_count_teaching_time_only(built: dict[str, Path]) -> None:
    guide = re.sub(r"\s+", " ", all_text(built["clinical/guide"]))
    assert "2 h 30 min in all of the 3 h booked · 2.08 continuing-education contact hours" in guide
    assert "15:05–15:15 Break 10" in guide


# Sign-in, the knowledge checks and the evaluation are timed in the plan too
ROOM = "    sign_in: 5\n    pre_test: 10\n    post_test: 10\n    evaluation: 5\n"


@pytest.fixture(scope="module")
def room(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The timed session with sign-in, knowledge checks and evaluation in its settings, and a
    knowledge-check question for the clinical audience only."""
    project = tmp_path_factory.mktemp("room") / "project"
    shutil.copytree(TIMED, project)
    course = project / "content" / "course.yaml"
    text = course.read_text(encoding="utf-8")
    course.write_text(text.replace("    break_length: 10\n", "    break_length: 10\n" + ROOM))
    review = project / "content" / "modules" / "clinical-review.md"
    body = review.read_text(encoding="utf-8")
    question = (
        "questions:\n  - question: A handover names the risk it hands on.\n    answer: true\n"
    )
    review.write_text(body.replace("\n---\n", "\n" + question + "---\n", 1), encoding="utf-8")
    return project


def test_everything_in_the_room_is_timed_and_none_of_it_is_credited(room: Path) -> None:
    course, _ = load_course(room)
    session = session_plan(tailor(course, "clinical"))
    kinds = [(s.kind, s.start, s.end) for s in session.slots]
    assert kinds[:3] == [
        ("sign-in", "13:15", "13:20"),
        ("pretest", "13:20", "13:30"),
        ("module", "13:30", "13:50"),
    ]
    # they are time in the room too: 35 minutes, then a 35-minute module, is a break first
    assert kinds[3] == ("break", "13:50", "14:00")
    assert kinds[-2:] == [("posttest", "16:10", "16:20"), ("evaluation", "16:20", "16:25")]
    assert session.teaching_minutes == 125 and session.other_minutes == 30
    assert session.total_minutes == 190 and session.contact_hours == 2.08
    # an audience without questions has no knowledge check to time
    staff = session_plan(tailor(course, "all-staff"))
    assert [s.kind for s in staff.slots if s.kind not in ("module", "break")] == [
        "sign-in",
        "evaluation",
    ]


def test_break_every_counts_every_minute_in_the_room(tmp_path: Path) -> None:
    """Sign-in, the knowledge checks and the evaluation are time in the room: they count
    towards break_every, and what closes the session gets a break before it when it would
    take the room past break_every (it ran 100 minutes without one). A module longer than
    break_every is named, at its duration's line, as the plan cannot cut it."""
    from click.testing import CliRunner

    from materials_gen.cli import main

    project = tmp_path / "project"
    shutil.copytree(TIMED, project)
    course_file = project / "content" / "course.yaml"
    room = "    sign_in: 20\n    pre_test: 30\n    post_test: 30\n    evaluation: 15\n"
    text = course_file.read_text(encoding="utf-8")
    course_file.write_text(text.replace("    break_length: 10\n", "    break_length: 10\n" + room))
    review = project / "content" / "modules" / "clinical-review.md"
    body = review.read_text(encoding="utf-8")
    question = "questions:\n  - question: A handover names the risk.\n    answer: true\n"
    review.write_text(body.replace("\n---\n", "\n" + question + "---\n", 1), encoding="utf-8")
    course, _ = load_course(project)
    plan = session_plan(tailor(course, "clinical"))
    stretches, since = [], 0
    for slot in plan.slots:
        if slot.kind == "break":
            stretches.append(since)
            since = 0
        else:
            since += slot.minutes
    stretches.append(since)
    # 20 + 30 of sign-in and knowledge check, then a break before the 20-minute module...
    assert [(s.kind, s.start) for s in plan.slots[:3]] == [
        ("sign-in", "13:15"),
        ("pretest", "13:35"),
        ("break", "14:05"),
    ]
    # ...and one before the 45 minutes that close the session, after the last module
    assert [s.kind for s in plan.slots[-4:]] == ["module", "break", "posttest", "evaluation"]
    assert max(stretches) <= 60 and plan.teaching_minutes == 125
    # the 30 minutes of sign-in and 15 of evaluation are not split by a break
    edit(course_file, "    break_every: 60\n", "    break_every: 35\n")
    result = CliRunner().invoke(main, ["check", "-p", str(project)])
    lines = (project / "content" / "modules" / "handover.md").read_text("utf-8").splitlines()
    line = lines.index("duration: 40") + 1
    assert (
        f"content/modules/handover.md:{line}:1: warning: module 'handover' takes 40 "
        "minutes, longer than break_every (35)" in result.output
    ), result.output
    assert "'listening' takes" not in result.output  # 35 minutes: not longer


@pytest.mark.parametrize(
    "closing", ["    post_test: 0\n    evaluation: 0\n", "    evaluation: 10\n"]
)
def test_no_break_comes_before_the_first_module_or_after_the_end(
    tmp_path: Path, closing: str
) -> None:
    """Counting sign-in and the knowledge check put a break ten minutes into the session,
    right after people arrived; and a long last module with nothing timed after it got a
    break after the session's end, counted in its length. Neither is in the plan, nor a
    break before a short evaluation (what opens or closes the session is split off by a
    break only when it takes half of break_every or more)."""
    project = tmp_path / "project"
    shutil.copytree(TIMED, project)
    course_file = project / "content" / "course.yaml"
    room = "    sign_in: 5\n    pre_test: 5\n" + closing
    edit(course_file, "    break_length: 10\n", "    break_length: 10\n" + room)
    edit(project / "content" / "modules" / "opening.md", "duration: 20", "duration: 58")
    edit(project / "content" / "modules" / "handover.md", "duration: 40", "duration: 58")
    course, _ = load_course(project)
    plan = session_plan(tailor(course, "all-staff"))
    kinds = [s.kind for s in plan.slots]
    assert kinds[:2] == ["sign-in", "module"], kinds  # no questions: no knowledge check
    if "evaluation: 0" in closing:  # the session ends with its last module
        assert kinds[-1] == "module" and plan.end == "16:16", kinds
        assert plan.total_minutes == 181  # 5 + 58, a break, 35, 15 after it, 58
    else:  # 58 minutes and 10 of evaluation: past 60, but no break for a short closing
        assert kinds[-2:] == ["module", "evaluation"], kinds


def test_the_agenda_guide_and_handout_show_them_at_the_same_times(
    room: Path, tmp_path: Path
) -> None:
    options = BuildOptions(
        output=tmp_path / "out", audiences=("clinical",), kinds=("deck", "guide", "handout")
    )
    made = {b.target.kind.name: b.path for b in build(room, options).built}
    agenda = Presentation(str(made["deck"])).slides[1]
    slide = " ".join(s.text_frame.text for s in agenda.shapes if s.has_text_frame)
    slide = slide.replace("\xa0", " ")
    assert "13:15–13:30: Sign-in (5 min) · Knowledge check: before (10 min)" in slide
    assert "16:10–16:25: Knowledge check: after (10 min) · Session evaluation (5 min)" in slide
    guide = re.sub(r"\s+", " ", all_text(made["guide"]))
    assert "13:15–13:20 Sign-in 5" in guide and "16:20–16:25 Session evaluation 5" in guide
    assert "3 h 10 min in all: 10 min more than the 3 h booked · 2.08 continuing-education" in guide
    handout = pages_text(made["handout"])[1]
    assert "13:20–13:30 Knowledge check: before 10 min" in handout
    # the notes a line a part, its length in brackets: "Knowledge check: before: 10 min"
    # (the part's own colon, then the line's) read as a label and its value
    notes = agenda.notes_slide.notes_text_frame.text.replace("\xa0", " ").split("\n")
    assert "Knowledge check: before (10 min)" in notes and "Sign-in (5 min)" in notes, notes
    assert not [line for line in notes[1:] if line.count(": ") > 1], notes


def test_a_module_may_take_longer_for_one_audience(tmp_path: Path) -> None:
    """duration: {all-staff: 10, clinical: 25}: each audience's plan, and only it, gives the
    module its own time; a duration that is not a number says so."""
    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    intro = project / "content" / "modules" / "intro.md"
    text = intro.read_text(encoding="utf-8")
    intro.write_text(
        text.replace("duration: 10", "duration:\n  all-staff: 10\n  clinical: 25"),
        encoding="utf-8",
    )
    course, _ = load_course(project)
    staff, clinical = (session_plan(tailor(course, a)) for a in ("all-staff", "clinical"))
    assert staff.slots[0].minutes == 10 and clinical.slots[0].minutes == 25
    assert clinical.teaching_minutes - staff.teaching_minutes == 15
    intro.write_text(text.replace("duration: 10", "duration: ten"), encoding="utf-8")
    from materials_gen.errors import ContentError

    with pytest.raises(ContentError) as stopped:
        load_course(project)
    assert "'duration' must be a whole number" in str(stopped.value)


def test_a_module_without_a_time_says_no_time_set_in_the_guide_and_handout(
    tmp_path: Path,
) -> None:
    """A module with no duration takes no time in the plan: the guide and the handout show
    when it starts and "no time set" (never "09:00–09:00", a 0 or a blank)."""
    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    intro = project / "content" / "modules" / "intro.md"
    intro.write_text(intro.read_text(encoding="utf-8").replace("duration: 10\n", ""), "utf-8")
    options = BuildOptions(
        output=tmp_path / "out", audiences=("all-staff",), kinds=("guide", "handout")
    )
    built = {b.target.kind.name: b.path for b in build(project, options).built}
    for kind in ("guide", "handout"):
        text = re.sub(r"[ \t]+", " ", all_text(built[kind]))
        assert "09:00–09:00" not in text, kind
        assert re.search(r"09:00 (1\. )?Welcome to safe rooms no time set", text), (kind, text)
    guide = re.sub(r"[ \t]+", " ", all_text(built["guide"]))
    assert "09:00 · no time set · slides" in guide
    assert "Starting at 09:00 · 15 min in all" in guide
    # with no time set anywhere, the plan's line says so: never "0 min in all"
    practice = project / "content" / "modules" / "practice.md"
    practice.write_text(practice.read_text("utf-8").replace("duration: 15\n", ""), "utf-8")
    again = {b.target.kind.name: b.path for b in build(project, options).built}
    guide = re.sub(r"\s+", " ", all_text(again["guide"]))
    assert "Starting at 09:00 · no time set" in guide and "0 min" not in guide


def _last_module_breaks(project: Path) -> None:
    """The timed session with a 15-minute break asked for after its last module (the
    clinical review, shown to clinical providers only)."""
    review = project / "content" / "modules" / "clinical-review.md"
    text = review.read_text(encoding="utf-8")
    review.write_text(text.replace("\n---\n", "\nbreak_after: 15\n---\n", 1), encoding="utf-8")


def test_a_break_after_the_last_module_comes_before_what_follows_it(
    room: Path, tmp_path: Path
) -> None:
    """A break asked for after the last module was dropped without a word: it now comes
    between that module and what the session times after it (the knowledge check)."""
    project = tmp_path / "project"
    shutil.copytree(room, project)  # the shared room stays as the other tests know it
    _last_module_breaks(project)
    course, _ = load_course(project)
    kinds = [(s.kind, s.minutes) for s in session_plan(tailor(course, "clinical")).slots]
    assert kinds[-4:] == [("module", 30), ("break", 15), ("posttest", 10), ("evaluation", 5)]


def test_a_break_after_the_last_module_that_nothing_follows_is_named(tmp_path: Path) -> None:
    """With nothing timed after the last module, the session ends there: the break is not
    in the plan, and check says so at the module's break_after line."""
    from click.testing import CliRunner

    from materials_gen.cli import main

    project = tmp_path / "project"
    shutil.copytree(TIMED, project)
    _last_module_breaks(project)
    course, _ = load_course(project)
    assert session_plan(tailor(course, "clinical")).slots[-1].kind == "module"
    result = CliRunner().invoke(main, ["check", "-p", str(project)])
    assert result.exit_code == 0, result.output
    review = (project / "content" / "modules" / "clinical-review.md").read_text("utf-8")
    line = review.splitlines().index("break_after: 15") + 1
    assert (
        f"content/modules/clinical-review.md:{line}:1: warning: the break after module"
        " 'clinical-review' is not in the session plan for Clinical providers" in result.output
    )
    assert "move break_after to the module the break should follow" in result.output


def test_a_session_that_runs_past_midnight_is_named(tmp_path: Path) -> None:
    """Clock times go round at midnight: a session from 22:00 printed '10:00 PM-7:16 AM'
    with no word of the next day. build and check warn, at the start setting's line or of
    --start; a session that ends at midnight is fine."""
    from click.testing import CliRunner

    from materials_gen.cli import main

    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    course, _ = load_course(project)
    minutes = session_plan(tailor(course, "clinical")).total_minutes
    ends_at_midnight = f"{(24 * 60 - minutes) // 60:02d}:{(24 * 60 - minutes) % 60:02d}"
    late = f"{(24 * 60 - minutes + 1) // 60:02d}:{(24 * 60 - minutes + 1) % 60:02d}"

    def told(*args: str) -> list[str]:
        result = CliRunner().invoke(main, [*args, "-p", str(project)])
        assert result.exit_code == 0, result.output
        return [line for line in result.output.splitlines() if "past midnight" in line]

    assert told("check", "--start", ends_at_midnight) == []
    (said,) = [line for line in told("check", "--start", late) if "Clinical providers" in line]
    assert said.startswith("warning: the session plan for Clinical providers runs past midnight")
    assert "the next day" in said
    assert any("Clinical providers" in line for line in told("build", "--start", late))
    course_file = project / "content" / "course.yaml"
    text = course_file.read_text(encoding="utf-8")
    course_file.write_text(text.replace("  session:\n", f"  session:\n    start: '{late}'\n"))
    line = course_file.read_text(encoding="utf-8").splitlines().index(f"    start: '{late}'") + 1
    assert any(s.startswith(f"content/course.yaml:{line}:") for s in told("check"))
    # a plan of more than a day says how many days later it ends, not "the next day"
    for module in ("intro", "practice"):
        path = project / "content" / "modules" / f"{module}.md"
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(?m)^duration: .*$", "duration: 1440", text), encoding="utf-8")
    (said,) = [line for line in told("check", "--start", "23:00") if "Clinical" in line]
    assert "the next day" not in said and " 2 days later" in said, said


@pytest.mark.parametrize(
    ("minutes", "hours"), [(115, 1.91), (110, 1.83), (60, 1.0), (90, 1.5), (59, 0.98), (1, 0.01)]
)
def test_contact_hours_are_never_more_than_the_time_taught(minutes: int, hours: float) -> None:
    """115 minutes printed 1.92 contact hours (1.9167 rounded up): accrediting bodies give
    no credit above the time taught, so the hours are rounded down."""
    from materials_gen.schedule import credited_hours

    assert credited_hours(minutes) == hours
    assert credited_hours(minutes) * 60 <= minutes
