"""Certificates of completion from a roster: a page per attendee, names in any script."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from materials_gen.build import BuildOptions, build
from materials_gen.cli import main
from materials_gen.errors import ContentError

from .conftest import KIT_LANGUAGE, REPO, approved, credited, edit, kit_copy

ROSTER = (
    "name,audience,date\n"
    "Ada Lovelace,clinical,2026-11-20\n"
    '"O\u2019Brien, Siobh\u00e1n",all-staff,\n'
    "\u5f20\u4f1f,,\n"
    "Μαρία Παπαδοπούλου,clinical,\n"
)


def certificates(tmp_path: Path, roster: str) -> dict[str, list[str]]:
    path = tmp_path / "attendees.csv"
    path.write_text(roster, encoding="utf-8")
    options = BuildOptions(
        output=tmp_path / "out",
        kinds=("certificates",),
        roster=path,
        date="2026-11-19",
        languages=(KIT_LANGUAGE,),
    )
    report = build(approved(kit_copy(tmp_path)), options)
    return {
        b.target.audience.id: [p.extract_text() for p in PdfReader(str(b.path)).pages]
        for b in report.built
    }


def test_one_page_per_attendee_of_each_audience(tmp_path: Path) -> None:
    pages = certificates(tmp_path, ROSTER)
    clinical = pages["clinical"]
    assert len(clinical) == 3 and len(pages["all-staff"]) == 2  # a row without audience: both
    assert "Ada Lovelace" in clinical[0] and "20 November 2026" in clinical[0]
    assert "\u5f20\u4f1f" in clinical[1]  # drawn with the CJK fallback font
    assert "19 November 2026" in clinical[1]  # no date in the roster: the --date option
    assert "\u039c\u03b1\u03c1\u03af\u03b1" in clinical[2]
    assert "O\u2019Brien, Siobh\u00e1n" in pages["all-staff"][0]
    assert "1.83 contact hours" in clinical[0]  # 110 minutes, for continuing education
    lines = [line.strip() for line in clinical[0].splitlines()]
    hours = next(line for line in lines if "contact hours" in line)
    assert hours.endswith("1.83 contact hours")  # the approval is a line of its own
    assert any(line.startswith("Approved for continuing education by") for line in lines)
    assert "contact hours" not in pages["all-staff"][0]
    for text in clinical + pages["all-staff"]:
        assert "Trauma-Informed and Trauma-Competent Care" in text
        assert "Riverbend Learning and Development" in text


def test_no_roster_no_certificates(tmp_path: Path) -> None:
    """Certificates alone asked for without a roster: nothing can be made, which is the
    trainer's mistake (as ``show certificates`` has it), said with the fix; nothing written."""
    from materials_gen.errors import UsageError

    with pytest.raises(UsageError) as raised:
        build(
            REPO,
            BuildOptions(languages=(KIT_LANGUAGE,), output=tmp_path, kinds=("certificates",)),
        )
    said = str(raised.value)
    assert "no roster was given" in said and "--roster FILE" in said, said
    assert list(tmp_path.iterdir()) == []


def test_no_roster_is_told_once_for_every_audience_and_language(tmp_path: Path) -> None:
    """The same reason for every audience in every language is one error, not one for each
    (four for the kit in English and Spanish); one audience asked for is still named."""
    from materials_gen.errors import UsageError

    with pytest.raises(UsageError) as raised:
        build(REPO, BuildOptions(output=tmp_path, kinds=("certificates",)))
    assert [p.message for p in raised.value.problems] == [
        "no certificates: certificates are made for the people on a roster, and no roster was given"
    ]
    with pytest.raises(UsageError) as raised:
        build(REPO, BuildOptions(output=tmp_path, kinds=("certificates",), audiences=("clinical",)))
    messages = [p.message for p in raised.value.problems]
    assert len(messages) == 1 and messages[0].startswith("no certificates for Clinical"), messages


@pytest.mark.parametrize(
    ("roster", "line", "message"),
    [
        ("name,audience\nAda,clinicl\n", 2, "unknown audience 'clinicl'"),
        ("name,date\nAda,20 November\n", 2, "'20 November' is not a date"),
        ("name,audience\nAda,\n,clinical\n", 3, "this row has no name"),
        # accents alone print a lone "´" as someone's name
        (
            "name\nAda\n\u0301\u0301\u0301\n",
            3,
            "this row's name '\u0301\u0301\u0301' has no letter",
        ),
        ("name\nAda\n-- ?\n", 3, "this row's name '-- ?' has no letter"),
        ("nmae\nAda\n", 1, "the roster has no column for the attendees' names"),
        ("name,Full name\nAda,Ada\n", 1, "the columns 'name' and 'Full name' both hold"),
    ],
)
def test_bad_roster_rows_name_their_csv_line(
    tmp_path: Path, roster: str, line: int, message: str
) -> None:
    with pytest.raises(ContentError) as caught:
        certificates(tmp_path, roster)
    (problem,) = caught.value.problems
    assert problem.location.line == line and problem.message.startswith(message)
    assert problem.location.file.endswith("attendees.csv")


def test_roster_on_the_command_line(project: Path, tmp_path: Path) -> None:
    roster = tmp_path / "people.csv"
    roster.write_text("name\nAda Lovelace\nGrace Hopper\n")
    result = CliRunner().invoke(
        main,
        ["build", "-p", str(project), "--roster", str(roster), "--only", "certificates"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert "safe-rooms-clinical-certificates.pdf  2 pages" in result.output
    text = PdfReader(str(project / "output" / "clinical" / "safe-rooms-clinical-certificates.pdf"))
    first = text.pages[0].extract_text()
    assert "11 March 2025" in first  # settings: session: date
    # nobody named a trainer (no roster column, no setting, no author): no empty "Trainer:"
    assert "Trainer:" not in first and "Test Clinic" in first


LONG_NAME = (
    "Maria Magdalena Konstantinopoulou-Featherstonehaugh von Hohenzollern-Sigmaringen "
    "de la Vega y Alcántara Montgomery"
)


def _word_boxes(path: Path) -> tuple[list[tuple[float, float, float, float, str]], float, float]:
    """Every word drawn on the first page with its box (poppler's own measure), and the page."""
    import re
    import subprocess

    from .conftest import tool

    html = subprocess.run(
        [tool("pdftotext"), "-bbox", "-f", "1", "-l", "1", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    page = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', html)
    assert page is not None
    words = [
        (float(a), float(b), float(c), float(d), w)
        for a, b, c, d, w in re.findall(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', html
        )
    ]
    return words, float(page.group(1)), float(page.group(2))


def _kit_clinical_certificates(tmp_path: Path, roster: str) -> Path:
    """The default kit's clinical certificates for ``roster`` (a CSV's text)."""
    path = tmp_path / "attendees.csv"
    path.write_text(roster, encoding="utf-8")
    report = build(
        approved(kit_copy(tmp_path)),
        BuildOptions(
            languages=(KIT_LANGUAGE,), output=tmp_path / "out", kinds=("certificates",), roster=path
        ),
    )
    (built,) = [b for b in report.built if b.target.audience.id == "clinical"]
    return built.path


def test_a_very_long_name_stays_on_the_page(tmp_path: Path) -> None:
    roster = f'name,audience,date\n"{LONG_NAME}",clinical,2026-11-20\n'
    built = _kit_clinical_certificates(tmp_path, roster)
    text = " ".join(PdfReader(str(built)).pages[0].extract_text().split())
    assert LONG_NAME in text and "1.83 contact hours" in text
    words, width, height = _word_boxes(built)
    margin = 0.5 * 72 + 10  # the inner border
    for x0, y0, x1, y1, word in words:
        assert margin <= x0 and x1 <= width - margin, word
        assert margin <= y0 and y1 <= height - margin, word


def test_a_long_name_leaves_the_other_lines_as_on_every_certificate(tmp_path: Path) -> None:
    """A name of three barrels shrank the whole certificate, the course title from 24 pt to
    14: the certificates of one session looked unlike. Only the name adapts."""
    roster = (
        "name,audience,date\n"
        '"Maximiliana Bartholomew-Featherstonehaugh-Worthington",clinical,2026-11-20\n'
        "Ada Lovelace,clinical,2026-11-20\n"
    )
    _same_lines_but_the_name(_kit_clinical_certificates(tmp_path, roster))


def test_a_name_of_one_word_wider_than_a_line_leaves_the_other_lines_as_they_are(
    tmp_path: Path,
) -> None:
    """A name written as one word too long for a line even at the name's floor also shrank
    every other line to half its size, though that could not make the word fit: only the
    name breaks, where its line ends."""
    word = "Wolfeschlegelsteinhausenbergerdorffvoralternwarengewissenhaft"
    roster = f"name,audience,date\n{word},clinical,2026-11-20\nAda Lovelace,clinical,2026-11-20\n"
    _same_lines_but_the_name(_kit_clinical_certificates(tmp_path, roster))


def _same_lines_but_the_name(built: Path) -> None:
    """The lines of the first two certificates in ``built``, but their names, are drawn at
    the same sizes."""
    sizes = []
    for page in PdfReader(str(built)).pages:
        found: dict[str, float] = {}

        def visit(text: str, cm, tm, font, size: float, found=found) -> None:
            if text.strip():
                found[text.strip()] = size * tm[0]

        page.extract_text(visitor_text=visit)
        sizes.append(found)
    long, short = sizes[:2]
    shared = [t for t in long if t in short]  # all but the names
    assert len(shared) >= 3
    assert all(abs(long[t] - short[t]) < 0.01 for t in shared), shared


def _overfull_certificates(project: Path, count: int, names: list[str]) -> str:
    """The message of a certificates build that stops, the project's own certificates
    template writing ``count`` lines under each name, for a roster of ``names``."""
    templates = project / "templates"
    templates.mkdir()
    page = (REPO / "templates" / "certificates.md.j2").read_text(encoding="utf-8")
    lines = "\n\n".join(f"Completed part {n} of the training in full." for n in range(count))
    (templates / "certificates.md.j2").write_text(
        page.replace("has completed the training", lines), encoding="utf-8"
    )
    roster = project / "people.csv"
    roster.write_text("name\n" + "".join(f"{n}\n" for n in names), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        build(
            project, BuildOptions(kinds=("certificates",), audiences=("all-staff",), roster=roster)
        )
    return " ".join(str(caught.value).split())


def test_a_certificate_too_full_for_its_page_is_a_clear_error(project: Path) -> None:
    """Shrinking stops at the roles' floors; then the build stops. Lines that no name could
    fit beside are every certificate's problem, not the first attendee's."""
    message = _overfull_certificates(project, 24, ["Ada Lovelace"])
    assert "the certificates for All staff: no certificate fits on one page" in message
    assert "even with the name at 20 pt and the lines at 10 pt" in message
    assert "Ada Lovelace" not in message


def test_a_certificate_a_long_name_overfills_names_the_attendee(project: Path) -> None:
    """Lines that fit beside a name of one line, but not beside this attendee's long one: the
    message names the attendee, and says the roster's name may be shortened."""
    message = _overfull_certificates(project, 12, ["Ada Lovelace", " ".join(["Maximiliana"] * 9)])
    assert "the certificate for 'Maximiliana" in message
    assert "or the name in the roster" in message


def test_check_with_a_roster_stops_where_the_certificates_build_stops(project: Path) -> None:
    """``check --roster`` fits every certificate as the build does: lines too long for the
    page were found by the build alone (check read no roster), now by both, in its words."""
    _overfull_certificates(project, 24, ["Ada Lovelace"])
    args = ["-p", str(project), "--roster", str(project / "people.csv")]
    runner = CliRunner()
    assert runner.invoke(main, ["check", "-p", str(project)]).exit_code == 0  # no people
    checked = runner.invoke(main, ["check", *args])
    built = runner.invoke(main, ["build", *args, "--only", "certificates"])
    assert checked.exit_code == built.exit_code == 1, checked.output
    said = [line for line in checked.output.splitlines() if "error: " in line]
    assert said == [line for line in built.output.splitlines() if "error: " in line]
    assert "no certificate fits on one page" in said[0]


def test_check_with_a_roster_runs_the_certificates_template_for_each_person(
    project: Path,
) -> None:
    """A mistake in the part of a certificates template that only runs for a person: check
    said OK, and the first build with the roster, on the day, stopped at the template's line."""
    templates = project / "templates"
    templates.mkdir()
    page = (REPO / "templates" / "certificates.md.j2").read_text(encoding="utf-8")
    line = 1 + page.splitlines().index("## {{ person.name | oneline }}")
    broken = page.replace("{{ person.name | oneline }}", "{{ person.name | oneline }}{{ 1 / 0 }}")
    (templates / "certificates.md.j2").write_text(broken, encoding="utf-8")
    roster = project / "people.csv"
    roster.write_text("name\nAda Lovelace\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["check", "-p", str(project)]).exit_code == 0
    checked = runner.invoke(main, ["check", "-p", str(project), "--roster", str(roster)])
    assert checked.exit_code == 1
    said = " ".join(checked.output.split())
    assert f"templates/certificates.md.j2:{line}: error: the template failed" in said
    assert "Traceback" not in checked.output


def test_check_with_a_roster_tells_the_roster_s_problems_at_their_lines(project: Path) -> None:
    """The roster read as a build reads it: an unknown audience is an error at its CSV line,
    a name no font draws an error at its line; nothing is written."""
    roster = project / "people.csv"
    roster.write_text("name,audience\nAda Lovelace,clinical\nSam \U0001f600 Lee,\n", "utf-8")
    runner = CliRunner()
    checked = runner.invoke(main, ["check", "-p", str(project), "--roster", str(roster)])
    assert checked.exit_code == 1, checked.output
    said = " ".join(checked.output.split())
    assert f"{roster.as_posix()}:3: error: the certificate and sign-in line of" in said
    assert "no font here draws '\U0001f600' (U+1F600)" in said
    roster.write_text("name,audience\nAda Lovelace,nurses\n", encoding="utf-8")
    checked = runner.invoke(main, ["check", "-p", str(project), "--roster", str(roster)])
    assert checked.exit_code == 1
    assert f"{roster.as_posix()}:2: error: unknown audience 'nurses'" in checked.output
    assert not (project / "output").exists()


def test_check_tells_every_language_s_problems(tmp_path: Path) -> None:
    """A translated course is checked in each language, and the problems of all of them are
    told together, as build tells them (check stopped at the first language's)."""
    kit = approved(kit_copy(tmp_path))
    page = kit / "templates" / "certificates.md.j2"
    lines = "\n\n".join(f"Completed part {n} of the training in full." for n in range(24))
    edit(page, "## {{ person.name | oneline }}\n", "## {{ person.name | oneline }}\n\n" + lines)
    roster = kit / "people.csv"
    roster.write_text(
        "name,audience,language,date\n"
        "Ada Lovelace,all-staff,en-US,2026-12-01\n"
        "Ana García,clinical,es,2026-12-01\n",
        encoding="utf-8",
    )
    checked = CliRunner().invoke(main, ["check", "-p", str(kit), "--roster", str(roster)])
    assert checked.exit_code == 1
    said = [line for line in checked.output.splitlines() if "error: " in line]
    assert len(said) == 2 and all("no certificate fits on one page" in s for s in said), said
    assert any("All staff" in s for s in said) and any("Personal clínico" in s for s in said)


def test_trainers_too_long_for_a_certificate_are_named_at_their_line(project: Path) -> None:
    """A trainer setting of 150 names makes every certificate too full: the message names
    the setting's line in course.yaml (not an attendee), and the hint the trainers."""
    course = project / "content" / "course.yaml"
    names = ", ".join(f"Trainer Number{n} Lastname{n}" for n in range(150))
    text = course.read_text(encoding="utf-8")
    course.write_text(
        text.replace("  session:\n", f'  session:\n    trainer: "{names}"\n', 1),
        encoding="utf-8",
    )
    line = 1 + course.read_text(encoding="utf-8").splitlines().index(f'    trainer: "{names}"')
    roster = project / "people.csv"
    roster.write_text("name\nAda Lovelace\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["build", "-p", str(project), "--roster", str(roster), "--only", "certificates"]
    )
    assert result.exit_code == 1, result.output
    said = " ".join(result.output.split())
    assert f"content/course.yaml:{line}: error: the certificates for" in said
    assert "no certificate fits on one page" in said
    assert "the trainers' names" in said


@pytest.mark.parametrize(
    ("name", "said", "fix"),
    [
        (
            "\u10dc\u10d8\u10dc\u10dd \u10d1\u10d4\u10e0\u10d8\u10eb\u10d4",  # Georgian
            "no font here draws Georgian",
            "name a TrueType font of your own with Georgian letters",
        ),
        (
            "\u0bae\u0bc1\u0bb0\u0bc1\u0b95\u0ba9\u0bcd",  # Tamil
            "Tamil is not laid out in PDFs yet",
            "write the name in Latin letters in the roster",
        ),
        ("Sam \U0001f600 Lee", "no font here draws '\U0001f600' (U+1F600)", "leave"),
    ],
)
def test_a_name_no_font_draws_stops_the_build_at_its_roster_line(
    project: Path, tmp_path: Path, name: str, said: str, fix: str
) -> None:
    """A name no font here draws printed as '???' on its certificate and sign-in line, with
    one warning among others: a trainer printing 150 certificates missed it. The build and
    check stop at the roster's line, naming whose certificate, what cannot be drawn and
    the fix; names that can be drawn still print."""
    roster = tmp_path / "people.csv"
    roster.write_text(f"name\nAda Lovelace\n{name}\nSatō Hanako\n", encoding="utf-8")
    runner = CliRunner()
    args = ["-p", str(project), "--roster", str(roster)]
    for command in (["check", *args], ["build", *args, "--only", "certificates"]):
        result = runner.invoke(main, command, env={"NO_COLOR": "1"}, catch_exceptions=False)
        assert result.exit_code == 1, result.output
        told = " ".join(result.output.split())
        assert (
            f"{roster.as_posix()}:3: error: the certificate and sign-in line of '{name}' "
            f"cannot be printed: {said}"
        ) in told, told
        assert "hint: write the name in Latin letters in the roster" in told
        assert fix in told
        assert "Traceback" not in result.output
    assert not (project / "output").exists()
    roster.write_text("name\nAda Lovelace\nSatō Hanako\n", encoding="utf-8")
    result = runner.invoke(main, ["build", *args, "--only", "certificates"])
    assert result.exit_code == 0, result.output


def test_a_trainer_s_name_no_font_draws_names_whose_certificate(
    project: Path, tmp_path: Path
) -> None:
    roster = tmp_path / "people.csv"
    roster.write_text("name,trainer\nAda Lovelace,\u10dc\u10d8\u10dc\u10dd\n", "utf-8")
    result = CliRunner().invoke(
        main, ["build", "-p", str(project), "--roster", str(roster), "--only", "certificates"]
    )
    assert result.exit_code == 1, result.output
    told = " ".join(result.output.split())
    assert (
        f"{roster.as_posix()}:2: error: the certificate of 'Ada Lovelace' cannot be printed "
        "(its trainer's name, '\u10dc\u10d8\u10dc\u10dd'): no font here draws Georgian"
    ) in told
    assert "hint: write the trainer's name in Latin letters in the roster" in told


def test_certificates_asked_for_without_a_roster_say_why_none_is_made(project: Path) -> None:
    """``--only certificates`` without a roster makes nothing: the command's mistake, told
    as ``show certificates`` tells it (exit status 2), even with --quiet, not a "No file
    made" that exits 0."""
    for quiet in ([], ["-q"]):
        args = ["build", "-p", str(project), "--only", "certificates", *quiet]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2, result.output
        said = " ".join(result.output.split())
        assert "error: no certificates: certificates are made for the people on a" in said
        assert said.count("error:") == 1, said  # once, for both audiences
        assert "hint: give a roster with --roster FILE" in said
        assert "No file made" not in said
    assert not (project / "output").exists()


@pytest.mark.parametrize(
    "audience",
    [
        "Licensed clinical social workers, counselors, psychologists and psychiatrists",
        "Licensed clinical providers, clinical supervisors and care coordinators",
        "Clinical providers, supervisors and care coordinators",
        "Licensed clinical providers, supervisors and care coordinators",
    ],
)
def test_a_certificate_never_parts_its_date_or_its_contact_hours(
    project: Path, tmp_path: Path, audience: str
) -> None:
    """The line under the course title (audience · day · contact hours) wraps where it must,
    never inside the day ("3" / "December 2026") or the hours ("1.83 contact" / "hours")."""
    credited(project)
    edit(
        project / "content" / "course.yaml", "    name: Clinical providers", f"    name: {audience}"
    )
    roster = tmp_path / "people.csv"
    roster.write_text("name,audience\nAda Lovelace,clinical\n", encoding="utf-8")
    report = build(
        project,
        BuildOptions(
            output=tmp_path / "out", kinds=("certificates",), audiences=("clinical",), roster=roster
        ),
    )
    (path,) = [b.path for b in report.built]
    lines = [" ".join(line.split()) for line in pages_layout(path)]
    assert any("11 March 2025" in line for line in lines), lines
    assert any(re.search(r"\d[.,]\d+ contact hours", line) for line in lines), lines


def pages_layout(path: Path) -> list[str]:
    """The lines of a PDF as pdftotext lays them out."""
    import subprocess

    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout.splitlines()


def test_a_certificate_never_prints_a_fact_still_to_be_filled_in(tmp_path: Path) -> None:
    """The kit as it ships marks its continuing-education approval "[[fill in the
    accrediting body]]": the other outputs print the mark, so that it is seen and mended,
    and certificates printed it too, on the proof of training handed to each person. A
    build of certificates now stops at each mark's line, in each language, and writes
    nothing; ``check --roster`` says the same; the outputs asked for by name (the sign-in
    sheet with the roster's names) are made."""
    kit = kit_copy(tmp_path)
    roster = tmp_path / "people.csv"
    roster.write_text("name,audience\nAda Lovelace,clinical\nAna Ruiz,all-staff\n", "utf-8")
    lines = {
        str(path.relative_to(kit)): path.read_text(encoding="utf-8").splitlines()
        for path in (kit / "content").rglob("course.yaml")
    }
    marks = sorted(
        f"{file}:{n}: error: the certificates for "
        for file, text in lines.items()
        for n, line in enumerate(text, start=1)
        if "accrediting_body: " in line or "approval_number: " in line
    )
    assert len(marks) == 4  # in English and in Spanish
    out = tmp_path / "out"
    given = ["-p", str(kit), "--roster", str(roster), "--date", "2026-12-01"]
    english = [mark for mark in marks if "translations/" not in mark]
    for command in (["build", "-o", str(out)], ["check"], ["list"]):
        result = CliRunner().invoke(main, [*command, *given])
        assert result.exit_code == 1, result.output
        said = [line for line in result.output.splitlines() if "would print '[[fill" in line]
        assert len(said) == 4, result.output  # two marks, for the audience in each language
        # at the English file's lines, in each language: a translation's settings are its
        # source's, whatever it writes (`list` named no line at all)
        for line in said:
            assert any(line.startswith(mark) for mark in english), (line, english)
        assert any("Clinical providers" in line for line in said)
        assert any("Personal clínico" in line for line in said)
        assert "would print '[[fill in the approval number]]'" in result.output
    assert not out.exists()
    result = CliRunner().invoke(main, ["build", "-o", str(out), "--only", "sign-in", *given])
    assert result.exit_code == 0, result.output
    sheets = [PdfReader(str(p)).pages[0].extract_text() for p in out.rglob("*sign-in.pdf")]
    assert any("Ada Lovelace" in text for text in sheets)


def test_a_mark_in_what_every_certificate_s_band_prints_stops_it_too(tmp_path: Path) -> None:
    """A certificates template that prints the organization only in its band (the
    document's front matter, not a paragraph) printed "[[fill in your organization's
    name]]" atop every certificate of an audience earning no credit, with the build's
    blessing. The band, heading and footer are looked at as the lines are."""
    kit = approved(kit_copy(tmp_path))
    edit(
        kit / "content" / "course.yaml",
        "organization: Riverbend Community Health",
        'organization: "[[fill in your organization\'s name]]"',
    )
    template = kit / "templates" / "certificates.md.j2"
    lines = template.read_text(encoding="utf-8").split("\n")
    lines = [
        '{% if trainer %}{{ _("Trainer: {name}", name=trainer) }}{% endif +%}'
        if "Trainer: {name}" in line
        else line
        for line in lines
    ]
    template.write_text("\n".join(lines), encoding="utf-8")
    roster = tmp_path / "people.csv"
    roster.write_text("name,audience\nAna Ruiz,all-staff\n", encoding="utf-8")
    args = ["build", "-p", str(kit), "-o", str(tmp_path / "out"), "--only", "certificates"]
    result = CliRunner().invoke(main, [*args, "--roster", str(roster), "--date", "2026-12-01"])
    assert result.exit_code == 1, result.output
    assert (
        "content/course.yaml:4: error: the certificates for All staff: a certificate would "
        "print '[[fill in your organization's name]]'" in result.output
    )
