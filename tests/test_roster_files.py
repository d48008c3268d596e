"""Rosters as trainers really have them: HR, learning-platform and sign-up form exports.

They carry more columns than a certificate needs, name their columns in their own words,
split names in two, write dates with a time, and come from Excel with a BOM, semicolons and
CRLF. The names and dates must reach the certificates; nothing else may stop the build. The
day a certificate prints comes from the roster, else --date, else the session's date setting,
never silently from the date the content was written.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from materials_gen.cli import main
from materials_gen.errors import ContentError, Problem
from materials_gen.roster import as_typed, read_roster

from .conftest import REPO, approved

AUDIENCES = {"all-staff": "All staff", "clinical": "Clinical providers"}


def roster(tmp_path: Path, text: str | bytes) -> tuple[tuple, list[Problem]]:
    path = tmp_path / "people.csv"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    notes: list[Problem] = []
    return read_roster(path, AUDIENCES, "people.csv", notes), notes


HR_EXPORT = (
    "\ufeffEmployee ID;First Name;Last Name;Email;Department;Completion Date;Audience\r\n"
    "1017;Ada;Lovelace;ada@example.org;Ward 4;2026-11-20 14:30:00;Clinical providers\r\n"
    "\r\n"
    "1018;Grace;Hopper;grace@example.org;Facilities;;ALL-STAFF\r\n"
    ";;;;;;\r\n"
)


def test_an_hr_export_gives_names_dates_and_audiences(tmp_path: Path) -> None:
    people, notes = roster(tmp_path, HR_EXPORT)
    assert [(p.name, p.audience, p.date, p.line) for p in people] == [
        ("Ada Lovelace", "clinical", dt.date(2026, 11, 20), 2),
        ("Grace Hopper", "all-staff", None, 4),
    ]
    (note,) = notes  # one line for the whole file, naming every ignored column
    assert note.severity == "info" and note.location.line == 1
    # (the ID and e-mail are read: they tell two people of one name apart)
    assert "ignored the roster's column 'Department'" in note.message


def test_format_characters_a_name_does_not_need_are_left_out(tmp_path: Path) -> None:
    """U+202E in 'Bob\u202egnp.exe' printed a box on the certificate (and turns the rest
    round where a font draws it); zero-width spaces and a byte-order mark inside a cell came
    through too. Hebrew and Arabic names keep the marks they need."""
    text = (
        "name\n"
        "Bob\u202egnp.exe\n"
        "Ada\u200b Love\ufefflace\n"
        "\u05d3\u05e0\u05d4 \u200f(\u05d3\u05e0\u05d9)\n"
    )
    people, _ = roster(tmp_path, text)
    assert [p.name.replace("\\", "") for p in people] == [  # as written (Markdown-escaped)
        "Bobgnp.exe",
        "Ada Lovelace",
        "\u05d3\u05e0\u05d4 \u200f(\u05d3\u05e0\u05d9)",
    ]


@pytest.mark.parametrize(
    ("header", "row", "name"),
    [
        ("Full name", "Ada Lovelace", "Ada Lovelace"),
        ("FULL_NAME", "Ada Lovelace", "Ada Lovelace"),
        ("Attendee", "Ada Lovelace", "Ada Lovelace"),
        ("Participant Name", "Ada Lovelace", "Ada Lovelace"),
        ("learner-name", "Ada Lovelace", "Ada Lovelace"),
        ("Surname,Given name", "Lovelace,Ada", "Ada Lovelace"),
        ("First name,Preferred name,Last name", "Augusta,Ada,Lovelace", "Ada Lovelace"),
        ("First name,Last name,Full name", "A,L,Ada Lovelace", "Ada Lovelace"),
        ("Last name", "Lovelace", "Lovelace"),
    ],
)
def test_header_variants(tmp_path: Path, header: str, row: str, name: str) -> None:
    (person,), _ = roster(tmp_path, f"{header}\n{row}\n")
    assert person.name == name


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("Email,Department\na@x.org,IT\n", 1, "the roster has no column for the attendees' names"),
        ("name,Attendee\nAda,Ada\n", 1, "the columns 'name' and 'Attendee' both hold"),
        ("Name,name\nAda,Ada\n", 1, "the columns 'Name' and 'name' both hold"),
        ("name,date\nAda,03/04/2026\n", 2, "'03/04/2026' may be read as two days"),
        ("name,date\nAda,2026-02-30\n", 2, "'2026-02-30' is not a date"),
        ("name,date\nAda,Mar-26\n", 2, "'Mar-26' gives a month and a year but no day"),
        ("name,audience\nAda,Managers\n", 2, "unknown audience 'Managers'"),
        ("First name,Last name,Email\n,,a@x.org\n", 2, "this row has no name"),
    ],
)
def test_what_cannot_be_used_names_its_line(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    with pytest.raises(ContentError) as caught:
        roster(tmp_path, text)
    (problem,) = caught.value.problems
    assert problem.location.line == line and problem.message.startswith(message)
    assert problem.hint


def build(project: Path, *args: str) -> tuple[int, str]:
    """``materials-gen build`` of ``project`` (a roster named relative to the project)."""
    args = tuple(str(project / a) if a.endswith(".csv") else a for a in args)
    result = CliRunner().invoke(main, ["build", "-p", str(project), "-j", "1", *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def certificate_pages(project: Path, audience: str) -> list[str]:
    path = project / "output" / audience / f"safe-rooms-{audience}-certificates.pdf"
    return [page.extract_text() for page in PdfReader(str(path)).pages]


def without_session_date(project: Path) -> None:
    course = project / "content" / "course.yaml"
    text = course.read_text(encoding="utf-8")
    kept = [line for line in text.splitlines(keepends=True) if "date: 2025-03-11" not in line]
    course.write_text("".join(kept).replace("  session:\n", ""), encoding="utf-8")


def test_an_hr_export_builds_certificates(project: Path) -> None:
    (project / "people.csv").write_bytes(HR_EXPORT.encode("utf-8"))
    code, output = build(project, "--roster", "people.csv", "--only", "certificates")
    assert code == 0, output
    assert output.count("ignored the roster's column 'Department'") == 1
    clinical = certificate_pages(project, "clinical")
    assert "Ada Lovelace" in clinical[0] and "20 November 2026" in clinical[0]  # its row's day
    assert "Grace Hopper" in certificate_pages(project, "all-staff")[0]
    assert "11 March 2025" in certificate_pages(project, "all-staff")[0]  # the setting


def test_last_sessions_certificates_are_named_when_a_new_roster_leaves_them(
    project: Path,
) -> None:
    """The certificates of last session's roster stayed in the output folder, unnamed, when
    the next session's (only clinicians) was built with --only certificates; and the build
    said to give a roster, which had been given. They are named, as made from a roster the
    new one does not name them for, and the overview page marks them not up to date (it
    showed them as any other output)."""
    (project / "monday.csv").write_text(
        "name,audience\nAda,clinical\nGrace,all-staff\n", encoding="utf-8"
    )
    (project / "tuesday.csv").write_text("name,audience\nLin,clinical\n", encoding="utf-8")
    assert build(project, "--roster", "monday.csv", "--only", "certificates")[0] == 0
    code, output = build(project, "--roster", "tuesday.csv", "--only", "certificates")
    assert code == 0, output
    said = " ".join(output.split())
    assert (
        "1 file an earlier build made from a roster is not made from tuesday.csv, which names "
        "nobody for it: it still names the people of the earlier roster: "
        "all-staff/safe-rooms-all-staff-certificates.pdf"
    ) in said
    assert "hint: run 'materials-gen clean' and build again to remove it" in said
    assert "tuesday.csv names nobody for this audience" in said
    assert "give a roster with --roster" not in said
    assert "build with the options that made them" not in said  # as it was: --roster
    code, output = build(project, "--roster", "tuesday.csv", "--only", "certificates", "--index")
    assert code == 0, output
    page = (project / "output" / "index.html").read_text(encoding="utf-8")
    cards = re.findall(r'<article class="card ([\w-]*)" id="([^"]+)"', page)
    assert [card for card in cards if card[0] == "left-over"] == [
        ("left-over", "file-all-staff-safe-rooms-all-staff-certificates-pdf")
    ], cards
    code, output = build(
        project, "--only", "certificates", "-a", "clinical", "--roster", "tuesday.csv"
    )
    assert "not made by this one" not in output  # all-staff's are not asked for


def test_the_day_comes_from_the_roster_then_date_then_the_setting(project: Path) -> None:
    (project / "people.csv").write_text("name,date\nAda,2026-01-05\nGrace,\n", encoding="utf-8")
    args = ("--roster", "people.csv", "--only", "certificates", "-a", "clinical")
    code, output = build(project, *args, "--date", "2026-02-06")
    assert code == 0, output
    ada, grace = certificate_pages(project, "clinical")
    assert "5 January 2026" in ada and "6 February 2026" in grace
    code, output = build(project, *args)  # the setting, and the reason is said
    assert code == 0, output
    said = " ".join(output.split())
    assert "--date 2026-02-06 no longer given (2025-03-11 from settings: session: date)" in said
    assert "11 March 2025" in certificate_pages(project, "clinical")[1]


def test_no_day_anywhere_stops_the_build_and_keeps_the_old_files(project: Path) -> None:
    without_session_date(project)
    (project / "people.csv").write_text("name\nAda\nGrace\nLin\n", encoding="utf-8")
    args = ("--roster", "people.csv", "--only", "certificates", "-a", "clinical")
    code, output = build(project, *args, "--date", "2026-02-06")
    assert code == 0, output
    before = (project / "output" / "clinical" / "safe-rooms-clinical-certificates.pdf").read_bytes()
    code, output = build(project, *args)
    assert code == 1
    assert "people.csv:2" in output and "and 2 more" in output
    assert "--date YYYY-MM-DD" in output  # the hint says how
    after = (project / "output" / "clinical" / "safe-rooms-clinical-certificates.pdf").read_bytes()
    assert after == before
    assert "2 March 2025" not in output  # the content's date is never offered as the day


def test_a_bad_date_option_is_a_clear_error(project: Path) -> None:
    (project / "people.csv").write_text("name\nAda\n", encoding="utf-8")
    code, output = build(project, "--roster", "people.csv", "--date", "12/03/2026")
    assert code == 2  # a usage error, as click gives for any bad option value
    assert "--date '12/03/2026' is not a day" in output and "YYYY-MM-DD" in output


@pytest.mark.parametrize("kind", ["certificates", "deck"])
def test_a_date_option_in_a_mistyped_year_is_told_before_anything_is_built(
    project: Path, kind: str
) -> None:
    """--date 2206-12-03 (for 2026): told up front whatever is built, even an output that
    does not print the day, rather than stopping a deck's build half way."""
    code, output = build(project, "--only", kind, "--date", "2206-12-03")
    assert code == 2, output
    assert "--date '2206-12-03': the year 2206 is not one a course is given in" in output
    assert "from 1980 to 2107" in output
    assert not (project / "output").exists()


def test_changing_the_day_rebuilds_what_prints_it(project: Path) -> None:
    (project / "people.csv").write_text("name\nAda\n", encoding="utf-8")
    args = ("--roster", "people.csv", "-a", "clinical")
    build(project, *args, "--date", "2026-02-06")
    folder = project / "output" / "clinical"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    code, output = build(project, *args, "--date", "2026-02-07")
    assert code == 0, output
    after = {p.name: p.read_bytes() for p in folder.iterdir()}
    rewritten = {name for name in after if after[name] != before.get(name)}
    assert rewritten == {"safe-rooms-clinical-certificates.pdf", "safe-rooms-clinical-sign-in.pdf"}
    assert "because --date changed from 2026-02-06 to 2026-02-07" in output
    sign_in = project / "output" / "clinical" / "safe-rooms-clinical-sign-in.pdf"
    assert "7 February 2026" in PdfReader(str(sign_in)).pages[0].extract_text()


def test_show_takes_the_build_options(project: Path) -> None:
    (project / "people.csv").write_text("Attendee,Email\nAda Lovelace,a@x.org\n", encoding="utf-8")
    result = CliRunner().invoke(
        main,
        [
            "show",
            "certificates",
            "-a",
            "clinical",
            "-p",
            str(project),
            "--roster",
            str(project / "people.csv"),
            "--date",
            "2026-12-03",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Ada Lovelace" in result.output and "3\xa0December\xa02026" in result.output


def test_ignored_columns_are_a_note_not_a_warning(project: Path) -> None:
    """An HR export builds under --strict: the ignored columns are said, not held against it."""
    (project / "people.csv").write_bytes(HR_EXPORT.encode("utf-8"))
    code, output = build(project, "--roster", "people.csv", "--only", "certificates", "--strict")
    assert code == 0, output
    assert "info: ignored the roster's column 'Department'" in output
    assert "warning" not in output


# A learning platform's export as it comes: its own words for the audience ("Group") and
# for whether each person completed the course, and dates written day first.
PLATFORM_EXPORT = (
    "\ufeffFirst name;Surname;Email address;Group;Course completion;Completion date\r\n"
    "Amira;Haddad;a@example.org;Clinical providers;Complete;14/04/2026 10:32\r\n"
    "Tom;O'Brien;t@example.org;All staff;Completed (achieved pass grade);03/04/2026\r\n"
    "Zoë;Łukasiewicz-Smythe;z@example.org;Clinical providers;Not started;\r\n"
)


def test_a_platform_export_gives_audiences_completion_and_day_first_dates(
    tmp_path: Path,
) -> None:
    people, notes = roster(tmp_path, PLATFORM_EXPORT)
    assert [(p.name, p.audience, p.date, p.completed) for p in people] == [
        ("Amira Haddad", "clinical", dt.date(2026, 4, 14), True),
        ("Tom O\\'Brien", "all-staff", dt.date(2026, 4, 3), True),  # 14/04 says day first
        ("Zoë Łukasiewicz\\-Smythe", "clinical", None, False),
    ]
    # 'Group' read as the audience by its cells; the e-mail tells people apart; 14/04/2026
    # decides that 03/04/2026 is the 3rd of April
    read, order = notes
    assert "read the column 'Group' as the audience" in read.message
    assert "'03/04/2026' is read as 3 April 2026" in order.message and order.location.line == 2


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        (["14/04/2026", "03/04/2026"], [dt.date(2026, 4, 14), dt.date(2026, 4, 3)]),
        (["4/14/2026", "04/03/2026 9:00 AM"], [dt.date(2026, 4, 14), dt.date(2026, 4, 3)]),
        (["03.04.2026", "2026-04-05"], [dt.date(2026, 4, 3), dt.date(2026, 4, 5)]),
    ],
)
def test_a_date_column_s_order_comes_from_the_dates_that_tell_it(
    tmp_path: Path, dates: list[str], expected: list[dt.date]
) -> None:
    rows = "".join(f"Person {n},{day}\n" for n, day in enumerate(dates))
    people, _ = roster(tmp_path, "name,date\n" + rows)
    assert [p.date for p in people] == expected


@pytest.mark.parametrize(
    "dates",
    [
        ["03/04/2026", "2026-04-05"],  # no date tells which comes first
        ["14/04/2026", "4/14/2026"],  # the dates disagree
    ],
)
def test_a_date_that_reads_two_ways_is_refused_with_a_way_out(
    tmp_path: Path, dates: list[str]
) -> None:
    rows = "".join(f"Person {n},{day}\n" for n, day in enumerate(dates))
    with pytest.raises(ContentError) as caught:
        roster(tmp_path, "name,date\n" + rows)
    problem = caught.value.problems[0]
    said = "may be read as two days" if dates[1].startswith("2026") else "is not a date"
    assert problem.location.line == 2 and said in problem.message, problem
    assert "YYYY-MM-DD" in problem.hint and "--date" in problem.hint


def test_a_column_of_audience_names_is_read_as_the_audience(tmp_path: Path) -> None:
    """A column named in a platform's own words ('Dept') whose cells mostly name audiences:
    everyone would otherwise get every audience's certificate (and its contact hours)."""
    text = "Name,Dept,Email\nAda,clinical,a@x\nGrace,All Staff,g@x\nLin,,l@x\n"
    people, notes = roster(tmp_path, text)
    assert [(p.name, p.audience) for p in people] == [
        ("Ada", "clinical"),
        ("Grace", "all-staff"),
        ("Lin", ""),
    ]
    told = [n.message for n in notes]
    assert any("read the column 'Dept' as the audience" in m for m in told)
    assert not any("'Dept'" in m and "ignored" in m for m in told)
    with pytest.raises(ContentError) as caught:  # a misspelt one is then told at its line
        roster(tmp_path, "Name,Dept\nAda,clinical\nGrace,clinicl\nLin,all-staff\n")
    (problem,) = caught.value.problems
    assert problem.location.line == 3 and "unknown audience 'clinicl'" in problem.message


def test_a_column_of_other_words_is_not_an_audience(tmp_path: Path) -> None:
    text = "Name,Department\nAda,Clinical\nGrace,Facilities\nLin,Kitchen\n"
    people, notes = roster(tmp_path, text)
    assert {p.audience for p in people} == {""}
    assert "'Department'" in notes[0].message and "ignored" in notes[0].message


def test_a_status_that_says_neither_is_an_error_at_its_line(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as caught:
        roster(tmp_path, "name,status\nAda,Completed\nLin,Not started\nGrace,maybe later\n")
    (problem,) = caught.value.problems
    assert problem.location.line == 4 and "'maybe later'" in problem.message
    assert "Completed" in problem.hint


def test_who_has_not_completed_gets_no_certificate_but_is_on_the_sign_in_sheet(
    project: Path,
) -> None:
    (project / "people.csv").write_bytes(PLATFORM_EXPORT.encode("utf-8"))
    code, output = build(
        project, "--roster", "people.csv", "--only", "certificates", "--only", "sign-in"
    )
    assert code == 0, output
    certificates = "\n".join(certificate_pages(project, "clinical"))
    assert "Amira Haddad" in certificates and "Smythe" not in certificates
    sign_in = project / "output" / "clinical" / "safe-rooms-clinical-sign-in.pdf"
    listed = "\n".join(page.extract_text() for page in PdfReader(str(sign_in)).pages)
    assert "Amira Haddad" in listed and "Zoë Łukasiewicz-Smythe" in listed
    # told once, by the roster's lines, never by name (see the next test)
    assert "no certificate for 1 person whose completion status says" in output
    assert "Smythe" not in output


def test_the_notes_a_build_keeps_name_no_one(project: Path) -> None:
    """Who did not complete the course, and who has no audience, was told by name, and
    the build keeps its notes in its manifest and on the overview page a whole staff may
    browse: failing and not showing up are no one else's business. They are told by the
    roster's lines."""
    from .conftest import credited

    credited(project)
    (project / "people.csv").write_text(
        "name,status\nTom O'Brien,Completed\nMary-Jane O'Neil (RN),Failed\nAda Lee,Completed\n",
        encoding="utf-8",
    )
    code, output = build(project, "--roster", "people.csv", "--only", "certificates", "--index")
    assert code == 0, output
    assert "have no audience (lines 2 and 4)" in " ".join(output.split())
    assert "completion status says the course is not completed (line 3)" in output
    kept = [project / "output" / "index.html", *(project / "output").glob(".materials-gen*.json")]
    assert len(kept) >= 2
    for path in kept:
        text = path.read_text(encoding="utf-8")
        assert "Brien" not in text and "Neil" not in text and "Ada Lee" not in text


@pytest.mark.parametrize(
    ("header", "cell"),
    [("Status", "Active"), ("Progress", "Module 3"), ("Group", "Morning"), ("Result", "8/10")],
)
def test_a_column_whose_cells_say_neither_is_ignored_as_before(
    tmp_path: Path, header: str, cell: str
) -> None:
    """An HR export's 'Status' of 'Active', a 'Progress' of '100%', a 'Group' of 'Morning':
    columns of a name a roster may use for the completion status or the audience, whose
    cells say neither, stopped the build at every row; they are ignored, with a note."""
    people, notes = roster(tmp_path, f"Name,{header}\nAda,{cell}\nGrace,{cell}\n")
    assert [(p.name, p.audience, p.completed) for p in people] == [
        ("Ada", "", True),
        ("Grace", "", True),
    ]
    assert any(f"'{header}'" in n.message for n in notes)


@pytest.mark.parametrize(
    "status", ["Completed (did not achieve pass grade)", "Complete - failed", "Not completed"]
)
def test_a_status_that_says_not_anywhere_is_not_completed(tmp_path: Path, status: str) -> None:
    """Moodle writes "Completed (did not achieve pass grade)" for a failed attempt: it
    starts as a completion does, and gave a certificate."""
    text = f"name,completion status\nAda,Completed\nGrace,{status}\n"
    people, _ = roster(tmp_path, text)
    assert [p.completed for p in people] == [True, False]


def test_an_impossible_date_in_a_column_of_known_order_is_told_so(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as caught:
        roster(tmp_path, "name,date\nAnn,14/04/2026\nBob,31/02/2026\n")
    (problem,) = caught.value.problems
    assert problem.location.line == 3 and "'31/02/2026' is not a date" in problem.message
    assert "writes the day first" in problem.hint and "names no such day" in problem.hint


def test_the_sign_in_sheet_prints_the_session_s_trainer_as_the_certificate_does(
    project: Path,
) -> None:
    """The session's trainer setting is Markdown on the certificate; the sign-in sheet
    escaped it once it could list a roster (printing 'Dr \\*Lee\\*')."""
    course = project / "content" / "course.yaml"
    text = course.read_text(encoding="utf-8")
    course.write_text(text.replace("  session:\n", '  session:\n    trainer: "Dr *Lee*"\n'))
    (project / "people.csv").write_text("name\nAda Lovelace\n", encoding="utf-8")
    code, output = build(
        project, "--roster", "people.csv", "--only", "sign-in", "--only", "certificates"
    )
    assert code == 0, output
    sign_in = project / "output" / "all-staff" / "safe-rooms-all-staff-sign-in.pdf"
    said = " ".join(page.extract_text() for page in PdfReader(str(sign_in)).pages)
    assert "Dr Lee" in said and "*" not in said and "\\" not in said
    assert "Dr Lee" in "\n".join(certificate_pages(project, "all-staff"))


@pytest.mark.parametrize(
    ("column", "marks", "came"),
    [
        ("Attended", ["✓", "", "✗", "✔", "x"], ["Ada", "Kat"]),  # an x beside ticks: a cross
        ("Present", ["x", "", "X", "", ""], ["Ada", "Alan"]),  # x's and blanks: x's are ticks
        ("Attended?", ["☑", "☐", "☐", "☑", "☐"], ["Ada", "Kat"]),
    ],
    ids=["ticks-and-crosses", "x-and-blanks", "boxes"],
)
def test_a_column_of_ticks_says_who_came(
    tmp_path: Path, column: str, marks: list[str], came: list[str]
) -> None:
    """A sign-up sheet's "Attended" column of ticks was ignored ("its cells do not say"), so
    those who never came got certificates. Ticks (or x's in a column of x's and blanks) mark
    who came; a blank box or a cross, who did not; a note says how the column was read."""
    people = ["Ada", "Grace", "Alan", "Kat", "Lin"]
    rows = "".join(f"{name},{mark}\n" for name, mark in zip(people, marks, strict=True))
    attendees, notes = roster(tmp_path, f"Name,{column}\n{rows}")
    assert [a.name for a in attendees] == people  # all on the sign-in sheet
    assert [a.name for a in attendees if a.completed] == came
    (note,) = [n for n in notes if "read as ticks" in n.message]
    assert f"the column '{column}' is read as ticks: {len(came)} of 5 people" in note.message
    assert note.severity == "info"


def test_a_column_of_completion_words_is_not_read_as_ticks(tmp_path: Path) -> None:
    """A blank completion status still says nothing to the contrary (only ticks make a
    blank an unticked box)."""
    attendees, notes = roster(tmp_path, "Name,Status\nAda,Completed\nGrace,\n")
    assert [a.completed for a in attendees] == [True, True]
    assert not any("ticks" in n.message for n in notes)


def test_a_person_listed_twice_gets_one_certificate_and_one_line(project: Path) -> None:
    """A meeting's attendance report lists a person each time they join: two certificates
    and two lines on the sign-in sheet. Each person once, the rows left out named."""
    (project / "people.csv").write_text(
        "Full Name,Attended\nAda Lovelace,✓\nGrace Hopper,✓\nada  LOVELACE,✓\n"
        "Grace Hopper,✓\nAlan Turing,\n",
        encoding="utf-8",
    )
    code, output = build(
        project, "--roster", "people.csv", "--only", "certificates", "--only", "sign-in", "-a",
        "all-staff",
    )  # fmt: skip
    assert code == 0, output
    pages = certificate_pages(project, "all-staff")
    assert len(pages) == 2 and sum("Ada Lovelace" in p for p in pages) == 1
    sign_in = project / "output" / "all-staff" / "safe-rooms-all-staff-sign-in.pdf"
    listed = "\n".join(page.extract_text() for page in PdfReader(str(sign_in)).pages)
    assert listed.count("Grace Hopper") == 1 and "Alan Turing" in listed
    said = " ".join(output.split())
    assert "2 rows repeat a person listed before (lines 4, 5)" in said


TEAMS_REPORT = (
    "1. Summary\n"
    "Meeting title\tSafe rooms training\n"
    "Attended participants\t2\n"
    "\n"
    "2. Participants\n"
    "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\n"
    "Ada Lovelace\t3/11/25, 9:00:00 AM\t3/11/25, 10:00:00 AM\t1h\tada@example.org\n"
    "Grace Hopper\t3/11/25, 9:02:00 AM\t3/11/25, 10:00:00 AM\t58m\tgrace@example.org\n"
    "\n"
    "3. In-Meeting Activities\n"
    "Name\tJoin Time\tLeave Time\tDuration\n"
    "Ada Lovelace\t3/11/25, 9:00:00 AM\t3/11/25, 9:30:00 AM\t30m\n"
)


def test_a_meeting_report_is_read_from_its_column_names_to_the_end_of_its_section(
    tmp_path: Path,
) -> None:
    """A meeting's attendance report writes a summary above its participants, and another
    section after them: it was refused as having no column of names on line 1. Its column
    names are found below, the rows end at the section's blank line, and a note says so."""
    attendees, notes = roster(tmp_path, TEAMS_REPORT)
    assert [a.name for a in attendees] == ["Ada Lovelace", "Grace Hopper"]
    assert attendees[0].line == 7
    (note,) = [n for n in notes if "column names are on line" in n.message]
    assert note.location.line == 6 and "the 5 lines above them are skipped" in note.message


def test_a_sep_line_names_the_delimiter(tmp_path: Path) -> None:
    """Excel's "sep=;" first line was taken for the column names."""
    attendees, _ = roster(tmp_path, "sep=;\nName;Audience\nAda, Countess;clinical\n")
    assert [(as_typed(a.name), a.audience) for a in attendees] == [("Ada, Countess", "clinical")]


def test_a_quoted_cell_may_hold_a_line_break(tmp_path: Path) -> None:
    """A spreadsheet cell with a line break in it (Alt+Enter), quoted as CSV quotes it, was
    refused as a quote "not closed on the same line" wherever it stood: in a column that is
    not read (notes) it is fine, the next row keeping its line; in a name it is refused,
    at its row (no row may run into the next)."""
    attendees, _ = roster(
        tmp_path, 'Name,Notes\nAda Lovelace,"first line\nsecond line"\nGrace Hopper,ok\n'
    )
    assert [(a.name, a.line) for a in attendees] == [("Ada Lovelace", 2), ("Grace Hopper", 4)]
    with pytest.raises(ContentError) as caught:
        roster(tmp_path, 'Name\n"Ada\nLovelace"\nGrace Hopper\n')
    (problem,) = caught.value.problems
    assert problem.location.line == 2 and "is a quoted cell over several lines" in problem.message


def test_a_quote_left_open_is_still_told_at_its_line(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as caught:
        roster(tmp_path, 'Name\n"Ada Lovelace\nGrace Hopper\n')
    (problem,) = caught.value.problems
    assert problem.location.line == 2 and "not closed" in problem.message


MOODLE_COMPLETION = (
    "ID,Name,Email address,Quiz: Module 1,Quiz: Module 1 - Completion date,Course complete\n"
    "12,Ana Ruiz,ana@example.org,Completed,20/11/26 10:15,20/11/26 11:20\n"
    "13,Ben Okafor,ben@example.org,Not completed,,\n"
    '14,Chen Li,chen@example.org,Completed,20/11/26 10:40,"Friday, 20 November 2026, 11:25"\n'
)


def test_a_course_completion_column_of_dates_says_who_completed(tmp_path: Path) -> None:
    """Moodle's completion report gives each person who completed the day they did, under
    'Course complete', and leaves it blank for one who has not: that column was ignored, and
    the one who had not completed got a certificate too."""
    attendees, notes = roster(tmp_path, MOODLE_COMPLETION)
    assert [a.name for a in attendees] == ["Ana Ruiz", "Ben Okafor", "Chen Li"]
    assert [a.name for a in attendees if a.completed] == ["Ana Ruiz", "Chen Li"]
    (note,) = [n for n in notes if "Course complete" in n.message and "read as" in n.message]
    assert "2 of 3 people have one; the others get no certificate" in note.message


def test_a_zoom_participant_report_gives_the_names(tmp_path: Path) -> None:
    """Zoom names its column "Name (Original Name)": the report was refused as having no
    column of names."""
    report = (
        "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants\n"
        "123 4567 8901,Trauma training,11/20/2026 09:00:00 AM,11/20/2026 11:30:00 AM,"
        "host@example.org,150,2\n"
        "\n"
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"
        "Ada Lovelace,ada@example.org,11/20/2026 09:01:00 AM,11/20/2026 11:30:00 AM,149,No\n"
        "Grace Hopper,,11/20/2026 09:03:00 AM,11/20/2026 11:29:00 AM,146,Yes\n"
    )
    attendees, _ = roster(tmp_path, report)
    assert [a.name for a in attendees] == ["Ada Lovelace", "Grace Hopper"]


def test_an_empty_column_beside_the_names_is_not_a_second_name_column(tmp_path: Path) -> None:
    """An anonymous Microsoft Form leaves its 'Name' column empty and holds the names in the
    form's own 'Full name' question: the roster was refused as naming people twice. Two
    columns of names that both hold names are still a mistake to mend."""
    form = (
        "ID,Start time,Completion time,Email,Name,Full name\n"
        "1,11/20/26 9:01:02,11/20/26 9:02:00,anonymous,,José Álvarez\n"
        "2,11/20/26 9:01:05,11/20/26 9:02:30,anonymous,,Mary Smith\n"
    )
    attendees, _ = roster(tmp_path, form)
    assert [a.name for a in attendees] == ["José Álvarez", "Mary Smith"]
    with pytest.raises(ContentError) as error:
        roster(tmp_path, "Name,Full name\nAda,Ada Lovelace\n")
    assert "the columns 'Name' and 'Full name' both hold the attendee's name" in str(error.value)


def test_a_name_typed_with_separate_accents_is_one_letter_and_one_person(
    tmp_path: Path,
) -> None:
    """A name saved on a Mac or pasted keeps its accents as marks after the letters ("e" and
    a combining diaeresis): certificates drew the mark beside the letter, and the same name
    typed whole became a second person with a second certificate."""
    import unicodedata

    names = ["Zoë Smith", "Ångström Lee", "Nguyễn Văn An", "José Núñez"]
    apart = "".join(f"{unicodedata.normalize('NFD', n)},clinical\n" for n in names)
    attendees, notes = roster(tmp_path, f"Name,Audience\n{apart}José Núñez,clinical\n")
    assert [a.name for a in attendees] == names
    assert any("repeats a person listed before" in n.message for n in notes)


def test_a_row_of_no_audience_repeats_the_same_person_s_row_that_names_one(
    tmp_path: Path,
) -> None:
    """Bea Lee listed once with no audience (every audience) and once as clinical: two
    clinical certificates and two lines on the clinical sheet, and no note. The row that
    names her audience is hers; the other repeats it, and is told as such."""
    attendees, notes = roster(
        tmp_path,
        "Name,Audience,Status\n"
        "Bea Lee,,Completed\n"
        "Ada Lovelace,,Completed\n"
        "bea  lee,clinical,Not started\n",
    )
    assert sorted((a.name.casefold(), a.audience) for a in attendees) == [
        ("ada lovelace", ""),
        ("bea lee", "clinical"),  # (its spaces as a name prints)
    ]
    (bea,) = [a for a in attendees if "bea" in a.name.casefold()]
    assert bea.completed  # completed in the row that repeats hers
    said = " ".join(n.message for n in notes)
    assert "1 row repeats a person listed before (line 2)" in said


def test_people_after_a_blank_row_of_a_sheet_with_a_title_row_are_read(tmp_path: Path) -> None:
    """A sheet with its title above the column names and a blank row between two groups of
    people: those below the blank row were left out, certificates and sign-in lines lost,
    without a word. They are read on; a meeting report's next section still is not, and a
    note says how many lines below were left."""
    attendees, _ = roster(
        tmp_path,
        "Staff training - March\nName,Audience\nAna Lopez,clinical\nBen Ng,all-staff\n"
        ",\nCarla Cruz,clinical\nDan Diaz,all-staff\n",
    )
    assert [(a.name, a.line) for a in attendees] == [
        ("Ana Lopez", 3),
        ("Ben Ng", 4),
        ("Carla Cruz", 6),
        ("Dan Diaz", 7),
    ]
    attendees, notes = roster(tmp_path, TEAMS_REPORT)
    assert [a.name for a in attendees] == ["Ada Lovelace", "Grace Hopper"]
    (note,) = [n for n in notes if "rows end at this blank line" in n.message]
    assert note.location.line == 9 and "the 3 lines below it are not read" in note.message
    assert note.severity == "info"


@pytest.mark.parametrize(
    "written", ["2026/03/14", "14-Mar-2026", "14 March 2026", "March 14, 2026", "Mar 14 2026"]
)
def test_a_date_that_reads_one_way_is_read_however_it_is_written(
    tmp_path: Path, written: str
) -> None:
    """Dates a spreadsheet or a person writes that can be read only one way were refused as
    "not a date": the year first with slashes, a month named in English."""
    attendees, _ = roster(tmp_path, f'Name,Date\nAda Lovelace,"{written}"\n')
    assert [str(a.date) for a in attendees] == ["2026-03-14"]


def test_excel_s_short_dates_with_a_month_named_reach_the_certificates(project: Path) -> None:
    """Excel's default date of a CSV export is d-mmm-yy ("14-Mar-26"): the roster was
    refused, "'14-Mar-26' is not a date", though a month named reads one way. A two-digit
    year after a named month is this century's, as with "3/14/26"; a completion column of
    such dates says who completed; a month without a day is named as such."""
    (project / "people.csv").write_text(
        'Name,Audience,Date\nAna Garc\u00eda,clinical,14-Mar-26\n"Lee, Kim",all-staff,2 Sept 26\n',
        encoding="utf-8",
    )
    code, output = build(project, "--roster", "people.csv", "--only", "certificates")
    assert code == 0, output
    assert "14 March 2026" in certificate_pages(project, "clinical")[0]
    assert "2 September 2026" in certificate_pages(project, "all-staff")[0]
    completion = "Name,Course complete\nAna Ruiz,20-Nov-26\nBen Okafor,\n"
    (project / "people.csv").write_text(completion, encoding="utf-8")
    code, output = build(project, "--roster", "people.csv", "--only", "certificates")
    assert "'Course complete' is read as the day each person completed" in output, output
    (project / "people.csv").write_text("Name,Date\nAna Ruiz,Mar-26\n", encoding="utf-8")
    code, output = build(project, "--roster", "people.csv", "--only", "certificates")
    assert code == 1 and "people.csv:2: error: 'Mar-26' gives a month and a year but no day" in (
        output
    ), output
    assert "write the day too" in output


def test_a_date_read_two_ways_is_told_both_ways(tmp_path: Path) -> None:
    """3/4/2026 in a column whose dates never say which comes first is refused (a
    certificate must not print the wrong month), and the hint gave "2026-04-03" as its
    example, reading it day first: it shows both readings."""
    with pytest.raises(ContentError) as caught:
        roster(tmp_path, "Name,Date\nAda Lovelace,3/4/2026\nGrace Hopper,3/4/2026\n")
    problem = caught.value.problems[0]
    assert "write it as YYYY-MM-DD (2026-03-04 for 4 March, 2026-04-03 for 3 April)" in (
        problem.hint
    )


def test_a_mac_csv_not_in_utf8_is_told_at_its_own_line(tmp_path: Path) -> None:
    """Excel for Mac's "CSV (Macintosh)" is MacRoman with a lone CR ending each line: an
    accented name on line 3 was told at line 1 (only LF was counted)."""
    with pytest.raises(ContentError) as caught:
        roster(tmp_path, "name\rAda Lovelace\rJos\u00e9 Mart\u00ednez\r".encode("mac_roman"))
    (problem,) = caught.value.problems
    assert problem.location.line == 3 and "not UTF-8 text" in problem.message


def test_the_manifest_names_files_outside_the_project_from_it(
    project: Path, tmp_path: Path
) -> None:
    """The manifest, which goes wherever the output folder is shared, recorded the roster,
    a deck template and materials-gen's own files by their absolute paths: where they
    were kept, a home folder and a login name with them. They are named from the project
    ("../people.csv"), and a rebuild still sees them change."""
    import json

    (tmp_path / "people.csv").write_text("name\nAda Lee\n", encoding="utf-8")
    roster = str(tmp_path / "people.csv")
    args = ["build", "-p", str(project), "-j", "1", "--roster", roster, "--only", "sign-in"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    (manifest,) = (project / "output").glob(".materials-gen*.json")
    text = manifest.read_text(encoding="utf-8")
    assert str(tmp_path) not in text and "/site-packages/" not in text.split("../")[0]
    data = json.loads(text)
    names = [*data["inputs"], *data["extra_inputs"]]
    assert "../people.csv" in data["inputs"] and not [n for n in names if n.startswith("/")]
    (tmp_path / "people.csv").write_text("name\nAda Lee\nGrace Hopper\n", encoding="utf-8")
    again = CliRunner().invoke(main, args)
    assert "Grace Hopper" in "".join(
        page.extract_text()
        for page in PdfReader(str(next((project / "output").rglob("*all-staff-sign-in.pdf")))).pages
    ), again.output


def test_the_manifest_names_a_roster_outside_the_project_by_its_name_alone(
    tmp_path: Path,
) -> None:
    """A roster given by its full path, from a private folder, with a warning about it (a
    person with no audience, in the default kit): the build manifest, which goes wherever
    the output folder is shared, keeps the warning naming the roster by its file name, not
    its full path (its folder, a login name)."""
    project = tmp_path / "kit"
    for folder in ("content", "templates"):
        shutil.copytree(REPO / folder, project / folder, ignore=shutil.ignore_patterns("tr*s"))
    approved(project)
    private = tmp_path / "home" / "alice" / "private"
    private.mkdir(parents=True)
    roster = private / "roster.csv"
    roster.write_text("name\nAna Diaz\n", encoding="utf-8")
    args = ["build", "-p", str(project), "-j", "1", "--roster", str(roster)]
    result = CliRunner().invoke(main, [*args, "--date", "2026-12-01", "--only", "certificates"])
    assert result.exit_code == 0, result.output
    assert f"{roster}:2: warning: 1 person in the roster has no audience" in result.output
    manifest = (project / "output" / ".materials-gen.json").read_text(encoding="utf-8")
    assert '"file": "roster.csv"' in manifest
    assert str(private) not in manifest and str(tmp_path) not in manifest


def test_certificates_left_by_a_build_without_the_roster_are_told_so(project: Path) -> None:
    """Built with a roster, then with --only certificates and none: the certificates were
    told as "of a language or audience the course no longer has" (the audiences were
    judged by what this build made: nothing), and, told once, never rightly. They are
    told as not made by this build, with the option that made them."""
    (project / "people.csv").write_text("name,audience\nAda,clinical\n", encoding="utf-8")
    assert build(project, "--roster", "people.csv")[0] == 0
    # (certificates alone, which this build cannot make, are the command's mistake)
    code, output = build(project, "--only", "certificates,poster")
    said = " ".join(output.split())
    assert code == 0, output
    assert "1 file an earlier build made is not made by this one, so not brought up to date" in (
        said
    ), said
    assert "no longer has" not in said and "such as --roster" in said


@pytest.mark.parametrize(
    ("header", "done", "not_done"),
    [
        ("Progress", "100%", "45%"),
        ("Result", "Satisfactory", "Unsatisfactory"),
        ("Completed?", "Yes", "No"),  # a form's question
        ("Completed", "Yes", "No"),  # a yes/no, not the day
        ("Transcript Status", "Completed", "In Progress"),  # a platform's own wording
        ("Did you complete the session?", "Yes", "No"),
        ("Estado", "Completado", "No asistió"),
        ("Statut", "Terminé", "En cours"),
    ],
)
def test_a_completion_column_in_its_own_words_keeps_certificates_from_who_did_not_complete(
    tmp_path: Path, header: str, done: str, not_done: str
) -> None:
    """Rosters from learning platforms, forms and other languages say who completed in
    their own words: a 'Progress' of 45%, a 'Result' of Unsatisfactory, a 'Transcript
    Status' of In Progress, an 'Estado' of No asistió were ignored (a note said so) and the
    person got a certificate; a 'Completed' column of Yes and No stopped the build, as a
    day that was not one. Each is read, and only who completed is certified."""
    people, _ = roster(tmp_path, f"Name,{header}\nAda,{done}\nGrace,{not_done}\n")
    assert [(p.name, p.completed) for p in people] == [("Ada", True), ("Grace", False)]


def test_the_parts_of_a_name_print_and_people_of_one_name_stay_two(tmp_path: Path) -> None:
    """An HR export's prefix, middle name and suffix were left off the certificate, and two
    people of one name (told apart by their IDs) got one certificate between them."""
    people, notes = roster(
        tmp_path,
        "Employee ID,Prefix,First Name,Middle Name,Last Name,Suffix\n"
        "E1,Dr.,John,A.,Smith,Jr.\n"
        "E2,,John,,Smith,\n"
        "E3,,John,,Smith,\n"
        "E3,,John,,Smith,\n",  # the same person twice: one certificate
    )
    names = [p.name.replace("\\", "") for p in people]
    assert names == ["Dr. John A. Smith Jr.", "John Smith", "John Smith"]
    assert any("repeats a person listed before (line 5)" in n.message for n in notes)


def test_one_name_typed_with_other_punctuation_is_one_person(tmp_path: Path) -> None:
    """The same person in two rows, one with a curly apostrophe (as Word types it) and one
    with a straight one, got two certificates and signed twice."""
    people, _ = roster(
        tmp_path,
        "Name\nSiobh\u00e1n O'Brien\nSiobh\u00e1n O\u2019Brien\n"
        "Mary-Jane Doe\nMary\u2010Jane Doe\n",
    )
    assert len(people) == 2


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("Thursday, March 5, 2026", "2026-03-05"),
        ("Thu 5 Mar 2026", "2026-03-05"),
        ("Friday, 6 March 2026", "2026-03-06"),
        ("Wed 03/04/2026", "2026-03-04"),  # only 4 March is a Wednesday: the weekday tells
        ("Fri. 2026-04-03", "2026-04-03"),
    ],
)
def test_a_long_date_with_its_weekday_is_read(tmp_path: Path, written: str, day: str) -> None:
    """A long date as a form or a calendar writes it, its weekday first, was refused as
    "not a date"; a weekday also tells which of two readings of 03/04/2026 is meant."""
    attendees, _ = roster(tmp_path, f'Name,Date\nAda Lovelace,"{written}"\n')
    assert [str(a.date) for a in attendees] == [day]


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("Friday, March 5, 2026", "names a Friday, but 5 March 2026 is a Thursday"),
        ("Sat 3/4/2026", "names a Saturday, but neither 4 March nor 3 April 2026 is one"),
        ("Thu 03/12/2026", "both 12 March and 3 December 2026 are a Thursday"),
    ],
)
def test_a_weekday_the_date_does_not_fall_on_is_told_at_its_line(
    tmp_path: Path, written: str, said: str
) -> None:
    """A certificate must not print a day the roster may have mistyped: a weekday that
    does not fit the date is told, with both."""
    with pytest.raises(ContentError) as caught:
        roster(tmp_path, f'Name,Date\nGrace Hopper,2026-03-02\nAda Lovelace,"{written}"\n')
    (problem,) = caught.value.problems
    assert problem.location.line == 3 and said in problem.message, problem


def test_the_date_that_decides_a_column_s_order_is_named_in_a_note(tmp_path: Path) -> None:
    """One date that reads one way (14/03/2026) decides how every 03/04/2026 of the column
    is read: were it mistyped, every certificate would print the wrong month without a
    word. The note names that date's line and how the others are read; a column whose
    dates all read one way, or that writes dots as Europe does, needs none."""
    people, notes = roster(tmp_path, "Name,Date\nAda,03/04/2026\nBo,14/03/2026\n")
    assert [str(p.date) for p in people] == ["2026-04-03", "2026-03-14"]
    (note,) = notes
    assert note.severity == "info" and note.location.line == 3, note
    assert "read with the day first" in note.message and "'14/03/2026'" in note.message
    assert "'03/04/2026' is read as 3 April 2026" in note.message
    assert "if the column writes the month first, this date is mistyped" in note.hint
    for quiet in ("Name,Date\nAda,14/03/2026\nBo,15/03/2026\n", "Name,Date\nAda,03.04.2026\n"):
        assert roster(tmp_path, quiet)[1] == []


@pytest.mark.parametrize(
    ("header", "row", "name"),
    [
        (
            "Nombre;Apellidos;Correo electrónico",
            "Ana;García López;ana@example.es",
            "Ana García López",
        ),
        ("Nombre;Primer apellido;Segundo apellido", "Juan;García;López", "Juan García López"),
        ("Nombre completo;Fecha", "Ana García;2026-03-05", "Ana García"),
        ("Nombre;Fecha", "Ana García;2026-03-05", "Ana García"),
        ("Prénom;Nom;Courriel", "Marie;Curie;marie@example.fr", "Marie Curie"),
        ("Nom;Date", "Marie Curie;2026-03-05", "Marie Curie"),
        ("Vorname;Name;Datum", "Karl;Müller;05.03.2026", "Karl Müller"),
        ("Name;Datum", "Karl Müller;05.03.2026", "Karl Müller"),
        ("Nome;Sobrenome", "João;Silva", "João Silva"),
        # typed without their accents
        ("Prenom;Nom;Correo electronico", "Marie;Curie;m@example.fr", "Marie Curie"),
        ("Nome;Ultimo nome", "João;Silva", "João Silva"),
    ],
)
def test_a_roster_with_its_columns_named_in_another_language_gives_the_names(
    tmp_path: Path, header: str, row: str, name: str
) -> None:
    """A Spanish, French, German or Portuguese export was refused as having no column of
    names ('Nombre completo'), or printed first names only. A bare 'Nombre' beside
    'Apellidos' is the first name; a bare 'Nom' beside 'Prénom' is the last."""
    attendees, notes = roster(tmp_path, f"{header}\n{row}\n")
    assert [a.name for a in attendees] == [name]
    assert not [n for n in notes if "ignored" in n.message], notes


def test_a_spanish_export_gives_audiences_days_and_who_completed(tmp_path: Path) -> None:
    text = (
        "Nombre;Apellidos;Audiencia;Fecha;Estado;Idioma;Formadora\n"
        "Ana;García;clinical;2026-03-14;Completado;es;Rosa Díaz\n"
        "Luis;Pérez;all-staff;2026-03-14;No asistió;es;Rosa Díaz\n"
    )
    path = tmp_path / "people.csv"
    path.write_text(text, encoding="utf-8")
    people = read_roster(path, AUDIENCES, "people.csv", [], languages=("es",))
    assert [(p.name, p.audience, str(p.date), p.completed, p.trainer) for p in people] == [
        ("Ana García", "clinical", "2026-03-14", True, "Rosa Díaz"),
        ("Luis Pérez", "all-staff", "2026-03-14", False, "Rosa Díaz"),
    ]


@pytest.mark.parametrize(
    ("text", "names", "left_off"),
    [
        # a totals row at the foot, after a blank row
        ("Name,Audience\nAna García,clinical\nBo Chen,clinical\n,\nTotal: 2,\n", 2, "line 5"),
        # Canvas's gradebook: "Points Possible" under its column names
        (
            "Student,ID,Section,Final Score\n    Points Possible,,,100\n"
            "Ana Garcia,101,Clinical,95\nBo Chen,102,Clinical,90\n",
            2,
            "line 2",
        ),
        ("name\nAna García\nGrand total 2\n", 1, "line 3"),
    ],
    ids=["total", "canvas", "grand-total"],
)
def test_a_row_of_sums_gets_no_certificate(
    tmp_path: Path, text: str, names: int, left_off: str
) -> None:
    """A sheet's "Total: 2" and Canvas's "Points Possible" were certified as attendees, in
    every audience, and listed on the sign-in sheet to sign."""
    people, notes = roster(tmp_path, text)
    assert len(people) == names
    assert not any("total" in as_typed(p.name).casefold() for p in people)
    assert not any("possible" in as_typed(p.name).casefold() for p in people)
    said = [n for n in notes if "a row of sums, not a person" in n.message]
    assert said and left_off in said[0].message and said[0].severity == "info"


@pytest.mark.parametrize(
    ("name", "odd"),
    [
        ("WAITLIST (did not attend)", True),
        ("+1 555 1234", True),
        ("ana@example.org", True),
        ("Cancelled", True),
        ("Count Dracula", False),
        ("Summer Total-Wellness", False),
        ("María José de la Cruz", False),
    ],
)
def test_a_name_that_is_no_person_s_is_warned_of_at_its_row(
    tmp_path: Path, name: str, odd: bool
) -> None:
    """A heading between groups of people, a phone number or an address in the name column
    was certified silently."""
    people, notes = roster(tmp_path, f"name,audience\nBo Chen,clinical\n{name},clinical\n")
    assert len(people) == 2  # still certified: the trainer decides
    warned = [n for n in notes if "does not look like a person's name" in n.message]
    assert bool(warned) is odd, notes
    if odd:
        assert warned[0].location.line == 3 and warned[0].severity == "warning"


@pytest.mark.parametrize(
    "heading",
    [
        "Your full name (as it should appear on your certificate)",
        "Your name",
        "First and last name",
        "Name of participant",
        "User Full Name",
    ],
)
def test_a_sign_up_form_s_name_question_is_the_name_column(tmp_path: Path, heading: str) -> None:
    """Google Forms writes the question as the column's name: "the roster has no column for
    the attendees' names" stopped the build, though the README reads a form's export as it
    is. A question about another's name (a manager's) is not a name column."""
    text = (
        f'"Timestamp","Email Address","{heading}","Manager name","Which track are you in?"\n'
        '"2026/12/03 9:01:22 AM GMT-5","a@x.org","Ana García","Bo Chen","Clinical providers"\n'
    )
    people, _ = roster(tmp_path, text)
    assert [as_typed(p.name) for p in people] == ["Ana García"]
    assert people[0].audience == "clinical"


def test_an_lms_export_s_name_parts_are_read(tmp_path: Path) -> None:
    people, _ = roster(tmp_path, "User First Name,User Last Name\nAna,García\n")
    assert [as_typed(p.name) for p in people] == ["Ana García"]


@pytest.mark.parametrize(
    ("text", "printed"),
    [
        # Canvas's gradebook writes "Last, First" in its Student column
        (
            'Student,ID\n"García, Ana",101\n"Chen, Bo",102\nSam Lee,103\n',
            ["Ana García", "Bo Chen", "Sam Lee"],
        ),
        # a column that says so, for one name of two
        ('"Employee Name (Last, First)"\n"García, Ana"\nBo Chen\n', ["Ana García", "Bo Chen"]),
        # a comma before a credential or a suffix is no such name
        ('Name\n"Ana García, RN"\n"Bo Chen, PhD"\n"Sam Lee, Jr."\n',
         ["Ana García, RN", "Bo Chen, PhD", "Sam Lee, Jr."]),
        # one name of several so written: as typed
        ('Name\n"García, Ana"\nBo Chen\nSam Lee\n', ["García, Ana", "Bo Chen", "Sam Lee"]),
    ],
    ids=["gradebook", "column-says", "credentials", "one-of-several"],
)  # fmt: skip
def test_names_written_last_name_first_are_printed_first_name_first(
    tmp_path: Path, text: str, printed: list[str]
) -> None:
    """A gradebook's "García, Ana" printed so on the certificate ("García, Ana has
    completed..."), with no word."""
    people, notes = roster(tmp_path, text)
    assert [as_typed(p.name) for p in people] == printed
    turned = [n for n in notes if "are printed first name first" in n.message]
    assert bool(turned) is (printed[0] == "Ana García")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_a_roster_in_utf16_without_its_byte_order_mark_is_read(
    tmp_path: Path, encoding: str
) -> None:
    """Saved as UTF-16 with no byte-order mark (as PowerShell and some exports write it),
    the roster was refused with "this line has a control character (\\x00)" and a hint to
    retype the cell; content files so saved were read."""
    text = "Name\tAudience\r\nAna García\tclinical\r\nBo Chen\tclinical\r\n"
    people, _ = roster(tmp_path, text.encode(encoding))
    assert [(as_typed(p.name), p.line) for p in people] == [("Ana García", 2), ("Bo Chen", 3)]


def test_a_roster_that_is_not_there_is_a_mistake_on_the_command_line(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--roster`` naming no file stopped with status 1, "cannot read the roster: No such
    file or directory", where ``--deck-template`` naming no file is a usage error (status
    2) that says the path is read from the folder materials-gen is run in. A roster now
    says so too, or how to write the name of the file it likely means; the outputs of the
    build before are left as they were."""
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out"
    runner = CliRunner()
    made = runner.invoke(main, ["build", "-p", str(project), "-o", str(out), "--only", "handout"])
    assert made.exit_code == 0, made.output
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (tmp_path / "people.csv").write_text("name\nAna Ruiz\n", encoding="utf-8")
    for command in (["build", "-o", str(out)], ["check"]):
        for given, hint in (
            ("nobody.csv", f"relative to the folder materials-gen is run in ({tmp_path})"),
            ("People.csv", "write it as people.csv"),
        ):
            result = runner.invoke(main, [*command, "-p", str(project), "--roster", given])
            assert result.exit_code == 2, result.output
            assert f"error: --roster: '{given}' does not exist" in result.output
            assert hint in result.output, result.output
    (tmp_path / "linked.csv").symlink_to(tmp_path / "gone.csv")
    result = runner.invoke(main, ["check", "-p", str(project), "--roster", "linked.csv"])
    assert result.exit_code == 2, result.output
    assert "error: --roster: 'linked.csv' is a link to" in result.output
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_files_of_a_language_the_course_changed_are_told_as_such_not_as_the_roster_s(
    tmp_path: Path,
) -> None:
    """The course's language changed (en-US to en-GB): its sign-in sheets and certificates
    in the old language's folder were told as made from a roster "which names nobody for
    them", though the roster named them all; they are left over as the other files of a
    language the course no longer has."""
    from .conftest import edit, kit_copy

    project = approved(kit_copy(tmp_path))
    (project / "people.csv").write_text(
        "name,audience,language\nPat Rivera,clinical,en\nSam Okafor,all-staff,en\n",
        encoding="utf-8",
    )
    args = ("--roster", "people.csv", "--date", "2026-12-03", "--only", "sign-in,certificates")
    code, output = build(project, *args)
    assert code == 0, output
    edit(project / "content" / "course.yaml", "language: en-US", "language: en-GB")
    code, output = build(project, *args)
    said = " ".join(output.split())
    assert code == 0, output
    assert "names nobody for them" not in said, said
    assert "4 files an earlier build made are of a language or audience the course no " in said
    assert "en-US/clinical/trauma-care-en-US-clinical-certificates.pdf" in said, said


def test_a_roster_given_or_swapped_is_said_with_its_names(project: Path) -> None:
    """A roster given for the first time was said as "--roster changed", and so was another
    roster file: the reason names them, as the reasons of the other options do."""
    (project / "monday.csv").write_text("name,audience\nAda,clinical\n", encoding="utf-8")
    (project / "tuesday.csv").write_text("name,audience\nLin,clinical\n", encoding="utf-8")
    only = ("--only", "sign-in", "-a", "clinical")
    assert build(project, *only)[0] == 0
    code, output = build(project, *only, "--roster", "monday.csv")
    assert code == 0 and "because --roster monday.csv given (nobody named before)" in output, output
    code, output = build(project, *only, "--roster", "tuesday.csv")
    assert code == 0 and "because --roster changed from monday.csv to tuesday.csv" in output


def test_a_roster_naming_nobody_for_an_audience_is_no_reason_for_its_sheet(
    project: Path,
) -> None:
    """A roster naming nobody for an audience leaves its sign-in sheet as it was (blank
    rows, as without one), yet was named among the reasons it was made again for another
    input: "An input whose change left a file as it was is never its reason"."""
    (project / "monday.csv").write_text("name,audience\nAda,clinical\n", encoding="utf-8")
    assert build(project, "--only", "sign-in")[0] == 0
    code, output = build(
        project, "--only", "sign-in", "--date", "2026-12-03", "--roster", "monday.csv"
    )
    assert code == 0, output
    told = output.split("made ")
    (staff,) = [t for t in told if "all-staff-sign-in.pdf" in t]
    (clinical,) = [t for t in told if "clinical-sign-in.pdf" in t]
    assert "--date changed" in staff and "--roster" not in staff, staff
    assert "--roster monday.csv given (nobody named before)" in clinical, clinical
    code, output = build(project, "--only", "sign-in", "--date", "2026-12-03")
    assert code == 0 and "all-staff-sign-in.pdf" not in output, output  # nothing it showed
    assert "--roster monday.csv no longer given" in output, output


def test_certificates_a_new_roster_leaves_are_not_told_as_made_under_another_name(
    tmp_path: Path,
) -> None:
    """The English clinical certificates of a roster whose clinician moved to all staff
    were told as "made by this one under other names" (the Spanish clinical certificates
    were taken for them): they still name the earlier roster's people, and are told so."""
    from .conftest import kit_copy

    project = approved(kit_copy(tmp_path))
    roster = project / "people.csv"
    roster.write_text(
        "name,audience,language\nPat Rivera,clinical,en-US\nAna Ruiz,clinical,es\n",
        encoding="utf-8",
    )
    args = ("--roster", "people.csv", "--date", "2026-12-03", "--only", "certificates")
    assert build(project, *args)[0] == 0
    roster.write_text(
        "name,audience,language\nPat Rivera,all-staff,en-US\nAna Ruiz,clinical,es\n",
        encoding="utf-8",
    )
    code, output = build(project, *args)
    said = " ".join(output.split())
    assert code == 0, output
    assert "under other names" not in said, said
    assert (
        "1 file an earlier build made from a roster is not made from people.csv, which names "
        "nobody for it: it still names the people of the earlier roster: "
        "en-US/clinical/trauma-care-en-US-clinical-certificates.pdf"
    ) in said, said
