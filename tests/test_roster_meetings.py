"""Rosters that are an online meeting's attendance report: Zoom's participant report, Teams'
attendance report, Google Meet's attendance sheet (the files in tests/rosters/, people made
up). Each was printed as the meeting wrote it: "Jane Doe (Jane D.)" and "iPhone (Priya
Natarajan)" on certificates, the organizer certified as an attendee, a person who joined
again from a tablet certified twice. Each person once, under the name a certificate should
print, without the organizer, each change named in a note.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from materials_gen.cli import main
from materials_gen.errors import Problem
from materials_gen.roster import as_typed, read_roster

ROSTERS = Path(__file__).parent / "rosters"
AUDIENCES = {"all-staff": "All staff", "clinical": "Clinical providers"}


def roster(tmp_path: Path, text: str | bytes, name: str = "people.csv") -> tuple:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    notes: list[Problem] = []
    people = read_roster(path, AUDIENCES, name, notes)
    return [as_typed(p.name) for p in people], notes


def fixture(name: str) -> bytes:
    return (ROSTERS / name).read_bytes()


def build(project: Path, report: str) -> tuple[list[str], list[str], str]:
    """The names on the all-staff certificates and sign-in sheet built from ``report``,
    and what the build said (on one line)."""
    shutil.copy(ROSTERS / report, project / report)
    result = CliRunner().invoke(
        main,
        ["build", "-p", str(project), "-j", "1", "--roster", str(project / report), "-a",
         "all-staff", "--only", "certificates", "--only", "sign-in"],
    )  # fmt: skip
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    out = project / "output" / "all-staff"
    certificates = PdfReader(str(out / "safe-rooms-all-staff-certificates.pdf")).pages
    names = [page.extract_text().splitlines()[2].strip() for page in certificates]
    sheet = PdfReader(str(out / "safe-rooms-all-staff-sign-in.pdf")).pages
    return names, [p.extract_text() for p in sheet], " ".join(result.output.split())


def test_a_zoom_participant_report_gives_each_person_once_by_the_name_to_print(
    project: Path,
) -> None:
    names, sheet, said = build(project, "zoom-participants.csv")
    # the host is not marked in Zoom's participants table: Pat Rivera is not guessed at
    assert names == [
        "Pat Rivera",
        "Jane Doe",  # "Jane Doe (Jane D.)", then "Jane's iPad (Jane D.)": one e-mail
        "Marcus Bell",  # a guest without an e-mail who joined twice: one name
        "Priya Natarajan",  # "iPhone (Priya Natarajan)"
        "Tomás Ortega",
        "Kimberly Osei",  # "Kim (Kimberly Osei)": a first name alone
        "Dana Lee",  # "Dana Lee (she/her) (Dana Lee)"
        "Call-in User_1",  # nobody knows who: warned of
    ]
    listed = "\n".join(sheet)
    assert listed.count("Jane Doe") == 1 and "iPhone" not in listed and "(Jane D.)" not in listed
    assert (
        "zoom-participants.csv:4: info: lines 8, 10 and 12 of the Zoom participant report print "
        "the name in brackets (the account's)" in said
    )
    assert (
        "2 rows of people who joined the meeting again are merged with the row of their first "
        "join, by the same e-mail or else the same name (line 10 with line 6, line 11 with "
        "line 7)" in said
    )
    assert (
        "zoom-participants.csv:14: warning: 'Call-in User_1' in the Zoom participant report is "
        "not a person's name" in said
    )
    assert "ignored the roster's columns 'Join Time'" in said and "'User Email'" not in said


def test_zoom_s_newer_report_with_its_summary_reads_the_same(tmp_path: Path) -> None:
    names, notes = roster(tmp_path, fixture("zoom-participants-2024.csv"))
    assert names == ["Pat Rivera", "Jane Doe", "Priya Natarajan", "Marcus Bell"]
    said = " ".join(n.message for n in notes)
    assert "column names are on line 4" in said
    assert "1 row of a person who joined the meeting again is merged" in said
    assert "(line 8 with line 6)" in said
    assert all(n.severity == "info" for n in notes)


def test_a_teams_report_leaves_its_organizer_off(project: Path) -> None:
    """Teams' report, as it downloads: UTF-16, tab-separated, a summary, the participants
    with their Role, then each join. The organizer held the meeting: no certificate and no
    line to sign; a guest's "(Guest)" is a label, not part of the name."""
    assert fixture("teams-attendance.csv")[:2] == b"\xff\xfe"
    names, sheet, said = build(project, "teams-attendance.csv")
    assert names == ["Jane Doe", "Kofi Mensah", "Priya Natarajan", "Sam Whitfield", "Tomás Ortega"]
    listed = "\n".join(sheet)
    assert "Pat Rivera" not in listed and "Kofi Mensah" in listed and "(Guest)" not in listed
    assert (
        "teams-attendance.csv:11: info: left off the certificates and the sign-in sheet: the "
        "Teams attendance report's organizer (line 11, whose Role is 'Organizer'), who held "
        "the meeting hint: to give them a certificate, write Attendee in their Role cell" in said
    )
    assert "'Role'" not in said.split("ignored the roster's columns")[1].split("info:")[0]


def test_a_zoom_webinar_report_gives_its_attendees_by_their_registered_names(
    project: Path,
) -> None:
    """Zoom's webinar report lists its host and panelists, each section under a heading and
    column names of its own, above 'Attendee Details': the host's columns were read, the
    heading 'Panelist Details' was a row with no name, and the attendees' cells were "under
    no column" (7 errors). Its attendees are read, by the names they registered with (not
    the one shown: "Priya N"), 'Attended' as their completion status (not 'Approval
    Status'); the section after them is not read."""
    names, sheet, said = build(project, "zoom-webinar-attendees.csv")
    assert names == ["Jane Doe", "Priya Natarajan"]  # Bob Smith registered, never came
    listed = "\n".join(sheet)
    assert "Dana Whitfield" not in listed and "Sam Lee" not in listed  # host, panelist
    assert "Bob Smith" in listed and "--" not in listed and "Priya N " not in listed
    assert (
        "zoom-webinar-attendees.csv:12: info: a Zoom webinar report: its attendees are read "
        "from line 12, under 'Attendee Details'" in said
    )
    assert "zoom-webinar-attendees.csv:16: info: the webinar's attendees end at 'Other " in said
    assert "error" not in said


def test_teams_older_attendance_list_reads_each_person_once(tmp_path: Path) -> None:
    """Teams' older list (UTF-16, tab-separated: Full Name, User Action, Timestamp) writes
    a row for each join and each leave: a leave was taken for the person joining again."""
    names, notes = roster(tmp_path, fixture("teams-attendance-list-old.csv"))
    assert names == ["Dana Whitfield", "Jane Doe", "Priya Natarajan"]
    said = " ".join(n.message for n in notes)
    assert "1 row of a person who joined the meeting again is merged" in said
    assert "(line 5 with line 3)" in said  # line 4 is Jane leaving, not joining


def test_a_meet_attendance_sheet_merges_a_person_who_joined_again(tmp_path: Path) -> None:
    names, notes = roster(tmp_path, fixture("meet-attendance.csv"))
    assert names == ["Pat Rivera", "Jane Doe", "Priya Natarajan", "Marcus Bell"]
    (merged,) = [n for n in notes if "joined the meeting again" in n.message]
    assert "(line 5 with line 3)" in merged.message and merged.severity == "info"


ZOOM = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"
TIMES = "11/20/2026 09:00:00 AM,11/20/2026 11:00:00 AM,120"


@pytest.mark.parametrize(
    ("cell", "printed"),
    [
        ("Jane Doe", "Jane Doe"),
        ("Jane Doe (Jane D.)", "Jane Doe"),  # the name shown in the meeting, whole
        ("J. Doe (Jane Doe)", "Jane Doe"),  # an initial for a word
        ("Jane D (Jane Doe)", "Jane Doe"),
        ("Kim (Kimberly Osei)", "Kimberly Osei"),
        ("Jane's iPad (Jane Doe)", "Jane Doe"),
        ("+1 555 0100 (Jane Doe)", "Jane Doe"),
        ("Zoom user (Jane Doe)", "Jane Doe"),
        ("Dr Jane Doe (jdoe@example.org)", "Dr Jane Doe"),  # an address is no name
        ("Dana Lee (she/her)", "Dana Lee"),
        ("Dana Lee (they/them) (D. Lee)", "Dana Lee"),
        ("Siobhán Ní Bhriain (Siobhan Ni Bhriain)", "Siobhán Ní Bhriain"),
        ("Mary-Jane O'Neil (Maryjane)", "Mary-Jane O'Neil"),
        ("李伟 (Wei Li)", "李伟"),  # a script with no space between its names: whole
        ("ยุพิน (Yupin Srisuk)", "ยุพิน"),
    ],
)
def test_the_name_a_zoom_cell_prints(tmp_path: Path, cell: str, printed: str) -> None:
    text = f'{ZOOM}"{cell}",someone@example.org,{TIMES},No\n'
    names, notes = roster(tmp_path, text)
    assert names == [printed]
    assert not any(n.severity == "warning" for n in notes)


def test_a_device_name_without_a_person_s_is_warned_of_at_its_row(tmp_path: Path) -> None:
    names, notes = roster(
        tmp_path, f"{ZOOM}Ada Lovelace,,{TIMES},Yes\nConference Room B (Room 2),,{TIMES},Yes\n"
    )
    assert names == ["Ada Lovelace", "Conference Room B"]
    (warning,) = [n for n in notes if n.severity == "warning"]
    assert warning.location.line == 3 and "'Conference Room B'" in warning.message


def test_two_people_of_one_name_in_a_meeting_stay_two(tmp_path: Path) -> None:
    """Rows of one name and two e-mails are two people; a row of that name without an
    e-mail cannot tell whose it is, and stays a person of its own."""
    names, notes = roster(
        tmp_path,
        f"{ZOOM}Sam Lee,sam.lee@example.org,{TIMES},No\nSam Lee,slee@example.com,{TIMES},No\n"
        f"Ana Ruiz,,{TIMES},Yes\nAna Ruiz,ana@example.org,{TIMES},No\n",
    )
    assert names == ["Sam Lee", "Sam Lee", "Ana Ruiz"]
    assert any("(line 5 with line 4)" in n.message for n in notes)


def test_a_role_column_of_jobs_is_not_a_meeting_s_role(tmp_path: Path) -> None:
    """An HR export's 'Role' (a job) is ignored, as before, and leaves nobody off; a roster
    whose Role says who organized leaves the organizer off too."""
    names, notes = roster(tmp_path, "Name,Role\nAda Lovelace,Nurse\nGrace Hopper,Organizer\n")
    assert names == ["Ada Lovelace", "Grace Hopper"]
    assert any("ignored the roster's column 'Role'" in n.message for n in notes)
    names, notes = roster(tmp_path, "Name,Role\nAda Lovelace,Attendee\nGrace Hopper,Organizer\n")
    assert names == ["Ada Lovelace"]
    assert any("the roster's organizer (line 3" in n.message for n in notes)


def test_a_roster_that_is_no_meeting_s_report_keeps_its_names_as_typed(tmp_path: Path) -> None:
    """Brackets in a roster written by hand are the trainer's to keep; one e-mail under two
    names stays two rows, as before."""
    names, _ = roster(
        tmp_path,
        "Name,Email\nKim (Kimberly Osei),k@example.org\nSam Whitfield (Guest),s@example.org\n"
        "Sam Whitfield,s@example.org\n",
    )
    assert names == ["Kim (Kimberly Osei)", "Sam Whitfield (Guest)", "Sam Whitfield"]
