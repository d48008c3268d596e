"""Large print: handouts, guide and forms with 18 pt text and more, on request.

``--large-print`` for a build, ``large_print: true`` for an audience or under ``settings``.
What a reader of large print checks: the size of the text on the page, headings larger than
it, nothing in small print but the running footer, labels and headers never broken mid-word.
"""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from pathlib import Path

from click.testing import CliRunner
from pypdf import PdfReader

from materials_gen.build import BuildOptions, build
from materials_gen.cli import main

from .conftest import KIT_LANGUAGE, PROJECTS, REPO, credited, edit, kit_copy, pages_text

KINDS = ("handout", "guide", "evaluation", "sign-in", "pretest", "answer-key")


def sizes(path: Path) -> Counter[float]:
    """Characters drawn at each type size (points), over every page."""
    found: Counter[float] = Counter()

    def visit(text: str, cm: list, tm: list, font: object, size: float) -> None:
        if text.strip():
            found[round(size * tm[0], 1)] += len(text.strip())

    for page in PdfReader(path).pages:
        page.extract_text(visitor_text=visit)
    return found


def built(tmp_path: Path, **options: object) -> dict[str, Path]:
    report = build(
        REPO,
        BuildOptions(
            languages=(KIT_LANGUAGE,),
            output=tmp_path,
            audiences=("all-staff",),
            kinds=KINDS,
            **options,
        ),
    )
    return {b.target.kind.name: b.path for b in report.built}


def test_large_print_sets_text_at_18_points_and_more(tmp_path: Path) -> None:
    regular = built(tmp_path / "regular")
    large = built(tmp_path / "large", large_print=True)
    for kind in KINDS:
        before, after = sizes(regular[kind]), sizes(large[kind])
        body = max(after, key=after.__getitem__) if kind != "sign-in" else 18.0
        assert max(before, key=before.__getitem__) < 12, kind  # the regular print
        assert body >= 18, (kind, sorted(after.items()))
        # nothing smaller than 12 pt (the running footer and the band's label), and all text
        # but those at 18 pt or more
        assert min(after) >= 12, (kind, sorted(after.items()))
        small = sum(n for s, n in after.items() if s < 18)
        footers = len(PdfReader(large[kind]).pages) * 120  # a footer's characters, roughly
        assert small <= footers, (kind, sorted(after.items()))
        assert max(after) > body  # headings larger than the text
        assert len(PdfReader(large[kind]).pages) > len(PdfReader(regular[kind]).pages) or (
            kind == "sign-in"
        )


def test_large_print_never_breaks_a_label_or_header_mid_word(tmp_path: Path) -> None:
    large = built(tmp_path, large_print=True)
    title_page = pages_text(large["handout"])[0]
    for label in ("AUDIENCE", "ORGANIZATION", "PREPARED BY", "CONTENT DATE"):
        assert label in title_page
    sign_in = pages_text(large["sign-in"])[0]
    assert "Signature" in sign_in and "department" in sign_in
    # the evaluation's scales: too wide for a portrait page at 18 pt, their columns are
    # numbered under a key that spells each word out whole ("Modera" / "tely" before)
    evaluation = " ".join(" ".join(pages_text(large["evaluation"])).split())
    for key in ("1 = Not at all", "3 = Moderately", "5 = Completely", "1 = Strongly disagree"):
        assert key in evaluation, key


def test_an_audience_asks_for_large_print_in_course_yaml(tmp_path: Path) -> None:

    project = kit_copy(tmp_path)
    course = project / "content" / "course.yaml"
    text = course.read_text(encoding="utf-8")
    assert "  - id: all-staff\n" in text
    edit(course, "  - id: all-staff\n", "  - id: all-staff\n    large_print: true\n")
    report = build(project, BuildOptions(kinds=("handout",)))
    handouts = {b.target.audience.id: b.path for b in report.built}
    for audience, large in (("all-staff", True), ("clinical", False)):
        found = sizes(handouts[audience])
        body = max(found, key=found.__getitem__)
        assert (body >= 18) is large, (audience, body)
    # and --standard-print overrides it for one build
    report = build(project, BuildOptions(kinds=("handout",), large_print=False))
    for each in report.built:
        found = sizes(each.path)
        assert max(found, key=found.__getitem__) < 12


def test_a_large_print_setting_that_is_not_yes_or_no_names_its_line(
    runner: CliRunner, project: Path
) -> None:
    edit(project / "content" / "course.yaml", "settings:\n", "settings:\n  large_print: big\n")
    result = runner.invoke(main, ["check", "-p", str(project)])
    assert result.exit_code == 1
    assert "content/course.yaml:" in result.output and "large_print" in result.output
    assert "Traceback" not in result.output


def test_a_long_footer_takes_the_width_above_the_page_label(tmp_path: Path) -> None:
    """Spanish in large print: the title and audience do not fit in two lines beside
    "Versión 1.0 · 2 de noviembre de 2026 · Página 3 de 37", so they take the whole width
    above it, and the pages' text ends above the footer's rule (it never stops the build)."""
    report = build(
        REPO,
        BuildOptions(
            languages=("es",),
            output=tmp_path,
            audiences=("all-staff",),
            kinds=("handout",),
            large_print=True,
        ),
    )
    (handout,) = [b.path for b in report.built]
    pages = subprocess.run(
        ["pdftotext", str(handout), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")[:-1]
    assert len(pages) > 20
    for number, text in enumerate(pages, start=1):
        lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
        label = next(i for i, line in enumerate(lines) if f"Página {number} de" in line)
        assert lines[label].startswith("Versión"), lines[label]  # alone on its line
        assert "Todo el personal" in " ".join(lines[label - 2 : label]), lines[label - 2 : label]
    reader = PdfReader(str(handout))
    lowest = 1e9
    heights: list[float] = []

    def visit(text: str, cm: list, tm: list, font: object, size: float) -> None:
        if text.strip():
            heights.append(tm[5] * cm[3] + cm[5])

    for page in reader.pages[2:5]:
        heights.clear()
        page.extract_text(visitor_text=visit)
        body = [y for y in heights if y > 80]  # above the footer's lines
        lowest = min(lowest, *body)
    rule = 0.55 * 72 + 2 * 12 * 1.2 + 11  # the footer's rule: two lines of 12 pt above its base
    assert lowest > rule


def test_a_title_word_too_long_for_the_page_shrinks_the_title_first(project: Path) -> None:
    """A large-print title whose one long word is wider than the page at the title's size
    is set smaller until the word fits (it was cut: "Deeskalationsmanagem" / "ent")."""
    edit(
        project / "content" / "course.yaml",
        "title: Safe Rooms",
        "title: Deeskalationsmanagement in der Jugendhilfe",
    )
    options = BuildOptions(
        output=project / "out", kinds=("handout",), audiences=("all-staff",), large_print=True
    )
    (built,) = build(project, options).built
    assert "Deeskalationsmanagement" in pages_text(built.path)[0].split()


def test_a_large_print_sign_in_sheet_never_cuts_a_name_inside_a_word(tmp_path: Path) -> None:
    """Long names in large print: the columns' words could not all stand whole, and the
    names gave way ("Kon-stantino-poulou-Wright"). A header's long word is hyphenated
    first ("depart-ment"); a name breaks only at its spaces and its own hyphen."""
    text = _large_print_sign_in(
        tmp_path,
        "Name\nAlexandra Konstantinopoulou-Wright\nMohammed Abdullahi Okonkwo\n"
        "Maria Fernanda dos Santos Oliveira\n"
        + "".join(f"Person Number{n}\n" for n in range(8)),  # rows numbered past 10
    )
    words = {word for line in text.splitlines() for word in line.split()}
    # (on a sheet turned for its columns, the name stands whole on one line)
    parts = words | {f"{w.split('-')[0]}-" for w in words if "-" in w}
    for whole in ("Konstantinopoulou-", "Abdullahi", "Okonkwo", "Fernanda", "Oliveira"):
        assert whole in parts, sorted(words)
    assert "Signature" in words and "Time" in words


def test_a_name_longer_than_its_column_breaks_rather_than_squeeze_the_columns_to_write_in(
    tmp_path: Path,
) -> None:
    """A thirty-five-letter name kept whole took the sheet's width: the columns to write in
    shrank to a few millimetres under headers cut letter by letter ("Ti-m-e in", "Sig-na-ture").
    The name now breaks, hyphenated, and the short headers stand whole."""
    text = _large_print_sign_in(
        tmp_path, "Name\nHubert Blaine Wolfeschlegelsteinhausenbergerdorff Sr.\nAna Li\n"
    )
    words = {word for line in text.splitlines() for word in line.split()}
    assert {"Signature", "Time"} <= words, sorted(words)
    # the name's lines, the row numbers beside them; a hyphen it broke at is a soft hyphen
    joined = re.sub(r"[\s\d\u00ad-]", "", text)
    assert "Wolfeschlegelsteinhausenbergerdorff" in joined


def test_a_name_no_column_could_hold_whole_breaks_before_any_header_word(
    tmp_path: Path,
) -> None:
    """A name part of forty-four letters cannot stand whole in any column: it breaks,
    hyphenated, and every header keeps its words whole ("Team or department", not
    "de-/part-/ment" over columns too narrow to write in)."""
    text = _large_print_sign_in(
        tmp_path, "Name\nMaximiliane Wolfeschlegelsteinhausenbergerdorff-Schmidt\nAna Li\n"
    )
    words = {word for line in text.splitlines() for word in line.split()}
    assert {"department", "Signature", "Time", "Team"} <= words, sorted(words)
    joined = re.sub(r"[\s\d\u00ad-]", "", text)
    assert "WolfeschlegelsteinhausenbergerdorffSchmidt" in joined


def test_a_crowded_large_print_sheet_hyphenates_headers_before_it_cuts_a_name(
    project: Path, tmp_path: Path
) -> None:
    """Six columns in large print on A4 (an audience earning credit writes its licence
    number and two times): the names' words could not all stand whole beside the headers'.
    A Cyrillic or Polish name was cut where its column ended ("Константинопольс" / "кий-",
    with no hyphen: a name misspelt on a record people sign). Header words of six letters or
    more are hyphenated first, a shorter one never ("Time", not "Ti-me"); a name breaks only
    at its spaces and its own hyphens. The session's day stands whole in its cell."""
    credited(project)
    text = _large_print_sign_in(
        tmp_path,
        "name,audience\n"
        "Александр Владимирович Константинопольский-Преображенский,clinical\n"
        "Grzegorz Brzęczyszczykiewicz-Żółćgęśląjaźń,clinical\n",
        project,
        "clinical",
    ).replace("\u00a0", " ")
    words = {word for line in text.splitlines() for word in line.split()}
    for whole in ("Константинопольский-", "Преображенский", "Brzęczyszczykiewicz-", "Time"):
        assert whole in words, sorted(words)
    assert "11 March 2025" in text  # the session's day, on one line


def test_a_crowded_sheet_hyphenates_a_long_header_word_once_and_keeps_the_others_whole(
    project: Path, tmp_path: Path
) -> None:
    """A long name part ("Featherstonehaugh") beside six large-print columns: the licence
    column's header was cut at every syllable, "Li-cense / or reg- / istra- / tion / num- /
    ber", over a column too narrow to write a number in. Its long word is hyphenated once
    at most ("registra-" / "tion"; not at all on the sheet turned for its columns), its
    shorter words stand whole, and the name too."""
    credited(project)
    text = _large_print_sign_in(
        tmp_path,
        "name,audience\nJean-Luc Smith-Jones-Featherstonehaugh,clinical\nAna Garcia,clinical\n",
        project,
        "clinical",
    ).replace("\u00a0", " ")
    words = {word for line in text.splitlines() for word in line.split()}
    parts = words | {part for w in words for part in w.split("-")}
    for whole in ("Licence", "number", "Time", "Featherstonehaugh"):  # (en-GB, A4)
        assert whole in parts, sorted(words)
    assert "Li-" not in words and "reg-" not in words


def test_a_date_its_column_cannot_hold_breaks_at_its_spaces(tmp_path: Path) -> None:
    """A date is kept whole, but a crowded large-print sheet (a long Spanish title, a trainer
    of long names) cannot give its column the whole date: it breaks between its words,
    never inside one or inside the year ("23 de -" / "sep-" / "tiem-" / "bre -" / "de 202" /
    "6"), and the header "Capacitador(a)" keeps its letters together."""
    project = kit_copy(tmp_path)
    edit(
        project / "content" / "translations" / "es" / "course.yaml",
        "title: Atención informada sobre el trauma y competente en trauma",
        "title: Psicotraumatología interdisciplinaria y neuropsicofarmacología",
    )
    roster = tmp_path / "people.csv"
    roster.write_text(
        "name,audience,date,trainer\n"
        "Ana Ruiz,clinical,2026-09-23,Prof. Konstantinopoulou Papadimitrakopoulou\n",
        encoding="utf-8",
    )
    for paper in ("a4", "letter"):
        report = build(
            project,
            BuildOptions(
                output=tmp_path / paper,
                languages=("es",),
                audiences=("clinical",),
                kinds=("sign-in",),
                large_print=True,
                paper=paper,
                roster=roster,
            ),
        )
        (sheet,) = [b.path for b in report.built]
        text = subprocess.run(
            ["pdftotext", "-layout", "-l", "1", str(sheet), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.replace("\u00a0", " ")
        words = {word for line in text.splitlines() for word in line.split()}
        assert {"23", "septiembre", "2026", "Capacitador(a)"} <= words, (paper, sorted(words))


def test_a_long_organization_name_stays_large_in_the_band(project: Path, tmp_path: Path) -> None:
    """Large print's band: a long organization name shrank to the standard band's floor,
    7 pt, beside a 12 pt label. It now stays at large print's floor, taking a line more."""
    name = (
        "Riverbend Community Health and Wellness Cooperative of the Greater Tri-County "
        "Metropolitan Region, Incorporated"
    )
    edit(project / "content" / "course.yaml", "organization: Test Clinic", f"organization: {name}")
    options = BuildOptions(
        output=tmp_path / "out",
        kinds=("evaluation", "handout", "sign-in"),
        audiences=("all-staff",),
        large_print=True,
    )
    for built in build(project, options).built:
        sizes: list[float] = []
        tops: list[float] = []  # each line's distance from the page's top edge, at most
        page = PdfReader(str(built.path)).pages[0]

        def visit(text: str, cm: list, tm: list, font: object, size: float) -> None:
            if "Wellness" in text or "Incorporated" in text or "Region" in text:
                sizes.append(size * abs(tm[3]) * abs(cm[3]))  # noqa: B023 - read at once
                tops.append(float(page.mediabox.height) - tm[5] - size)  # noqa: B023

        page.extract_text(visitor_text=visit)
        assert sizes and min(sizes) >= 12, (built.path.name, sizes)
        # three lines in a form's slim band: the band grows, and they keep a printer's
        # margin (the first line stood 4 pt from the edge)
        assert min(tops) >= 10, (built.path.name, tops)


def test_a_footer_too_long_names_the_line_of_what_makes_it_long(project: Path) -> None:
    """A running footer too long even at its floor (title · audience, in large print): the
    message names the line of the text that makes it long, not none (the footer's own text is
    in no file)."""
    title = " ".join(["Trauma-informed practice across community services"] * 4)
    edit(project / "content" / "course.yaml", "title: Safe Rooms", f"title: {title}")
    edit(
        project / "content" / "course.yaml",
        "    name: All staff",
        "    name: All staff, volunteers, contractors, students on placement, agency workers "
        "and members of the board of trustees",
    )
    result = CliRunner().invoke(
        main,
        ["build", "-p", str(project), "--large-print", "--only", "evaluation", "-a", "all-staff"],
    )
    assert result.exit_code == 1, result.output
    said = " ".join(result.output.split())
    assert "content/course.yaml:1: error: the evaluation for" in said, said
    assert "the footer 'Trauma-informed practice" in said


def test_a_sheet_too_crowded_for_an_upright_page_is_printed_turned(
    project: Path, tmp_path: Path
) -> None:
    """Six columns in large print (an audience earning credit): upright, "License or
    reg-istra-tion number" and "Signa-ture" were hyphenated over columns a few centimetres
    wide, too narrow to sign in. The sheet is printed turned (landscape), every header word
    and name whole; the same sheet in regular print, and a sheet of fewer columns in large
    print, stay upright. Every page of it is turned alike."""
    credited(project)
    roster = tmp_path / "people.csv"
    roster.write_text(
        "name,audience\n"
        + "".join(f"Bartholomew Featherstonehaugh-Worthington {n},clinical\n" for n in range(9))
        + "Ana Li,all-staff\n",
        encoding="utf-8",
    )
    for paper in ("letter", "a4"):
        sheets = {}
        for large in (True, False):
            report = build(
                project,
                BuildOptions(
                    output=tmp_path / f"{paper}-{large}",
                    kinds=("sign-in",),
                    large_print=large,
                    roster=roster,
                    paper=paper,
                ),
            )
            sheets[large] = {b.target.audience.id: b.path for b in report.built}
        crowded = PdfReader(sheets[True]["clinical"])
        assert len(crowded.pages) > 1
        for page in crowded.pages:
            assert page.mediabox.width > page.mediabox.height, paper
        text = subprocess.run(
            ["pdftotext", "-layout", str(sheets[True]["clinical"]), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        words = {word for line in text.splitlines() for word in line.split()}
        assert {"registration", "Signature", "Featherstonehaugh-Worthington"} <= words, words
        for upright in (sheets[False]["clinical"], sheets[True]["all-staff"]):
            (first, *_) = PdfReader(upright).pages
            assert first.mediabox.width < first.mediabox.height, upright


def test_a_sheet_still_crowded_when_turned_is_printed_turned(project: Path, tmp_path: Path) -> None:
    """A sign-in template of eight columns (a profession and an employer added): crowded
    even turned, the sheet stayed upright, every long header cut over columns a finger
    wide ("Li- / cense / or / regis- / tra- / tion / num- / ber"). Turned, its columns have
    the room a page has across: only the added long words are hyphenated ("Profes-sional"),
    the licence column's and the times' stand whole."""
    import shutil

    credited(project)
    templates = project / "templates"
    templates.mkdir(exist_ok=True)
    template = templates / "sign-in.md.j2"
    shutil.copy(REPO / "templates" / "sign-in.md.j2", template)
    text = template.read_text(encoding="utf-8")
    text = text.replace(
        '{{ _("License or registration number") }} |',
        '{{ _("License or registration number") }} | Professional designation | '
        "Employing organization |",
    )
    text = text.replace(
        "| - | ---------- | -------- | ---- | ---- | -------- |",
        "| - | ---------- | -------- | ---- | ---- | ---- | ---- | -------- |",
    )
    text = text.replace("{% if credit %} |{% endif %}", "{% if credit %} | | |{% endif %}")
    template.write_text(text, encoding="utf-8")
    roster = tmp_path / "people.csv"
    roster.write_text("name,audience\nAna Rodríguez,clinical\n", encoding="utf-8")
    options = BuildOptions(
        output=tmp_path / "out",
        audiences=("clinical",),
        kinds=("sign-in",),
        large_print=True,
        roster=roster,
        paper="letter",
    )
    (sheet,) = [b.path for b in build(project, options).built]
    pages = PdfReader(sheet).pages
    assert all(page.mediabox.width > page.mediabox.height for page in pages)
    text = subprocess.run(
        ["pdftotext", "-layout", "-l", "1", str(sheet), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    words = {word for line in text.splitlines() for word in line.split()}
    assert {"Licence", "registration", "number", "Time", "Signature"} <= words, words


def _large_print_sign_in(
    tmp_path: Path,
    roster_text: str,
    project: Path = PROJECTS / "minimal",
    audience: str = "all-staff",
) -> str:
    """The text (pdftotext -layout) of a project's large-print sign-in sheet for an audience
    (the minimal project's, A4: narrower than letter) for a roster of ``roster_text``."""
    roster = tmp_path / "people.csv"
    roster.write_text(roster_text, encoding="utf-8")
    report = build(
        project,
        BuildOptions(
            output=tmp_path / "out",
            audiences=(audience,),
            kinds=("sign-in",),
            large_print=True,
            roster=roster,
        ),
    )
    (sheet,) = [b.path for b in report.built]
    return subprocess.run(
        ["pdftotext", "-layout", str(sheet), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_a_title_of_forty_long_words_ends_its_contents_entry_in_an_ellipsis(
    tmp_path: Path,
) -> None:
    """A module title within the limit (40 words) of long words, in large print: its
    contents entry would stand taller than a page, and the handout stopped, blaming another
    module's objective. The entry shows its first lines, the last ending in an ellipsis; the
    module's own heading keeps the whole title."""
    project = kit_copy(tmp_path)
    title = " ".join(["Extraordinarilywelcomingness"] * 40)
    module = project / "content" / "modules" / "trauma-informed.md"
    edit(module, "title: What trauma-informed care is", f"title: {title}")
    report = build(
        project,
        BuildOptions(
            languages=(KIT_LANGUAGE,),
            output=tmp_path / "out",
            audiences=("clinical",),
            kinds=("handout",),
            large_print=True,
        ),
    )
    (handout,) = [b.path for b in report.built]
    text = " ".join(pages_text(handout))
    assert "Extraordinarilywelcomingness\u2026" in text
    assert text.count("Extraordinarilywelcomingness") >= 40 + 2  # the heading's, in full


def test_a_unit_a_narrow_column_cannot_hold_stops_the_build_rather_than_break(
    tmp_path: Path,
) -> None:
    """A table of seven columns whose cells end "(10 min)": in large print a column is
    narrower than that unit, which never breaks ("(1" and "0 min)" on two lines): the
    build stops at the table's file, saying how many columns the page holds."""
    project = kit_copy(tmp_path)
    columns = "".join(f"  - id: c{n}\n    heading: Step {n}\n" for n in range(7))
    row = "".join(f"{'  - ' if n == 0 else '    '}c{n}: Plan it (10 min)\n" for n in range(7))
    (project / "content" / "tables" / "wide.yaml").write_text(
        f"title: A wide table\ncolumns:\n{columns}rows:\n{row * 3}", encoding="utf-8"
    )
    edit(
        project / "content" / "modules" / "comparison.md",
        "tables: [comparison]",
        "tables: [comparison, wide]",
    )
    result = CliRunner().invoke(
        main,
        ["build", "-p", str(project), "-a", "all-staff", "--only", "handout", "-l", "en"]
        + ["--large-print", "-j", "1"],
        env={"NO_COLOR": "1"},
    )
    assert result.exit_code == 1, result.output
    assert re.search(
        r"content/tables/wide\.yaml:\d+: error: .*7 columns is too wide", result.output
    )
    assert not (project / "output").exists() or not list((project / "output").rglob("*.pdf"))
