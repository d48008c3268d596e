"""The deck as a presenter and PowerPoint see it: slides, titles, notes, tables, fit, bytes."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Emu
from pypdf import PdfReader

from materials_gen.build import BuildOptions, build
from materials_gen.cli import main
from materials_gen.errors import ContentError, UsageError

from .conftest import (
    KIT_CLINICAL_ONLY,
    KIT_LANGUAGE,
    KIT_SHARED,
    REPO,
    all_text,
    edit,
    libreoffice_pdf,
    powerpoint_findings,
    run,
)
from .deck_templates import make_corporate_template, use_corporate_template


def deck_of(project: Path, folder: Path, **options) -> Path:
    report = build(project, BuildOptions(output=folder, kinds=("deck",), **options))
    return next(b.path for b in report.built if b.target.audience.id == "clinical")


def titles(prs) -> list[str]:
    """Slide titles as a reader sees them (no-break spaces read as spaces)."""
    return [titles_of(s).replace("\xa0", " ") for s in prs.slides]


def slide_text(slide) -> str:
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if shape.has_table:
            parts.extend(c.text_frame.text for row in shape.table.rows for c in row.cells)
    return "\n".join(parts)


def notes(slide) -> str:
    return slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""


def test_kit_deck_has_the_slides_a_session_needs(kit_decks: dict[str, Path]) -> None:
    prs = Presentation(str(kit_decks["all-staff"]))
    names = titles(prs)
    assert names[0] == "Trauma-Informed and Trauma-Competent Care"
    assert re.fullmatch(r"Agenda \(\d h \d\d min\)", names[1]), names[1]
    # a duration never breaks across lines: its spaces are no-break spaces in the deck
    assert re.fullmatch(r"Agenda \(\d\xa0h\xa0\d\d\xa0min\)", titles_of(prs.slides[1]))
    assert "Before we begin" in names
    assert "1. Welcome and overview" in names and "7. Bringing it together" in names
    assert "Trauma-informed care and trauma-competent care" in names  # two columns
    assert "Trauma-informed and trauma-competent care compared" in names  # the table
    assert "Activity: Safety walk-through (8 min)" in names
    # each module's takeaway and reflection slides, titled with the module: every slide's
    # title is its own, as a screen reader lists a deck by title
    assert "Takeaway: Welcome and overview" in names and "Reflect: Bringing it together" in names
    assert sum(n.startswith("Takeaway: ") for n in names) == 7
    assert sum(n.startswith("Reflect: ") for n in names) == 7
    assert len(set(names)) == len(names), [n for n in names if names.count(n) > 1]
    assert names[-2:] == ["Summary", "Questions and thank you"]
    first = slide_text(prs.slides[0])
    assert "All staff · Riverbend Community Health" in first
    assert "Version 1.0 · 2\xa0November\xa02026" in first  # the date kept whole


@pytest.mark.parametrize("audience", ["all-staff", "clinical"])
def test_every_content_slide_has_notes(kit_decks: dict[str, Path], audience: str) -> None:
    prs = Presentation(str(kit_decks[audience]))
    for number, slide in enumerate(prs.slides, start=1):
        if slide.slide_layout.name not in ("Title Slide", "Section Header"):
            assert notes(slide).strip(), f"slide {number} has no notes"
    key_points = next(s for s in prs.slides if titles_of(s) == "What trauma-informed care is")
    assert "framework" in notes(key_points) or len(notes(key_points)) > 200


def titles_of(slide) -> str:
    return slide.shapes.title.text_frame.text if slide.shapes.title else ""


def test_clinical_only_text_never_reaches_the_all_staff_deck(kit_decks: dict[str, Path]) -> None:
    def everything(path: Path) -> str:
        prs = Presentation(str(path))
        return "\n".join(slide_text(s) + "\n" + notes(s) for s in prs.slides).lower()

    staff, clinical = everything(kit_decks["all-staff"]), everything(kit_decks["clinical"])
    for phrase in KIT_CLINICAL_ONLY:
        assert phrase.lower() not in staff, phrase
        assert phrase.lower() in clinical, phrase
    for phrase in KIT_SHARED[:2]:
        assert phrase.lower() in staff


def test_comparison_is_a_native_editable_table(kit_decks: dict[str, Path]) -> None:
    prs = Presentation(str(kit_decks["clinical"]))
    tables = [sh for s in prs.slides for sh in s.shapes if sh.has_table]
    (table,) = [t.table for t in tables]
    cells = [[c.text_frame.text for c in row.cells] for row in table.rows]
    assert cells[0] == ["Aspect", "Trauma-informed care", "Trauma-competent care"]
    assert [row[0] for row in cells[1:]] == [
        "Focus",
        "Application",
        "Skills required",
        "Goal",
        "Example practices",
    ]
    assert "EMDR" in cells[5][2]  # the clinical variant of the cell


def test_text_lives_in_placeholders_and_stays_on_the_slide(kit_decks: dict[str, Path]) -> None:
    for path in kit_decks.values():
        prs = Presentation(str(path))
        width, height = prs.slide_width, prs.slide_height
        for number, slide in enumerate(prs.slides, start=1):
            for shape in slide.shapes:
                assert shape.left >= 0 and shape.top >= 0, (number, shape.name)
                assert shape.left + shape.width <= width, (number, shape.name)
                assert shape.top + shape.height <= height, (number, shape.name)
                if shape.has_text_frame and shape.text_frame.text.strip():
                    assert shape.is_placeholder, (number, shape.name)


def test_body_text_is_never_below_18_pt(kit_decks: dict[str, Path]) -> None:
    prs = Presentation(str(kit_decks["clinical"]))
    for slide in prs.slides:
        for shape in slide.placeholders:
            kind = str(shape.placeholder_format.type)
            if "BODY" in kind or "OBJECT" in kind:
                for paragraph in shape.text_frame.paragraphs:
                    for run in paragraph.runs:
                        assert run.font.size is None or run.font.size.pt >= 18, run.text


def test_footer_and_slide_numbers_on_every_slide(kit_decks: dict[str, Path]) -> None:
    prs = Presentation(str(kit_decks["clinical"]))
    for number, slide in enumerate(prs.slides, start=1):
        texts = [sh.text_frame.text for sh in slide.placeholders]
        assert (
            "Trauma-Informed and Trauma-Competent Care · Clinical providers · Version 1.0" in texts
        )
        assert str(number) in texts


def test_document_properties_come_from_the_content(kit_decks: dict[str, Path]) -> None:
    props = Presentation(str(kit_decks["all-staff"])).core_properties
    assert props.title == "Trauma-Informed and Trauma-Competent Care"
    assert props.author == "Riverbend Community Health"
    assert props.subject.startswith("Slides for All staff")
    assert "trauma-informed care" in props.keywords
    assert props.language == "en-US"
    assert props.created == dt.datetime(2026, 11, 2) == props.modified
    assert props.last_modified_by == "Riverbend Community Health"


def test_16_9_by_default_and_4_3_by_option(kit_decks: dict[str, Path], tmp_path: Path) -> None:
    prs = Presentation(str(kit_decks["all-staff"]))
    assert (round(Emu(prs.slide_width).inches, 2), Emu(prs.slide_height).inches) == (13.33, 7.5)
    narrow = Presentation(str(deck_of(REPO, tmp_path, aspect="4:3", audiences=("clinical",))))
    assert (Emu(narrow.slide_width).inches, Emu(narrow.slide_height).inches) == (10, 7.5)
    for slide in narrow.slides:
        for shape in slide.shapes:
            assert shape.left + shape.width <= narrow.slide_width


def test_two_builds_are_byte_identical(kit_decks: dict[str, Path], tmp_path: Path) -> None:
    again = build(REPO, BuildOptions(languages=(KIT_LANGUAGE,), output=tmp_path, kinds=("deck",)))
    for built in again.built:
        assert built.path.read_bytes() == kit_decks[built.target.audience.id].read_bytes()


def test_long_text_continues_on_a_cont_slide(project: Path, tmp_path: Path) -> None:
    bullets = "".join(
        f"  - Point number {i} about making rooms feel calmer and safer\n" for i in range(24)
    )
    edit(project / "content" / "modules" / "intro.md", "key_points:\n", "key_points:\n" + bullets)
    prs = Presentation(str(deck_of(project, tmp_path)))
    names = titles(prs)
    assert "Welcome to safe rooms" in names and "Welcome to safe rooms (cont.)" in names
    first = names.index("Welcome to safe rooms")
    cont = prs.slides[names.index("Welcome to safe rooms (cont.)")]
    # the notes once, on the first slide: written out again on each, a long content note
    # was printed three times over on the notes pages
    assert notes(prs.slides[first]).startswith("Say hello and explain the session.")
    assert notes(cont) == f"Continued from slide {first + 1}: its notes cover this slide too."
    all_text = "\n".join(slide_text(s) for s in prs.slides)
    for i in range(24):
        assert f"Point number {i} about" in all_text


def test_a_course_without_takeaways_sums_up_what_each_part_was_about(
    project: Path, tmp_path: Path
) -> None:
    """No module has a takeaway: the Summary slide was empty, its notes still asking for
    "one takeaway from each part". It lists the parts, with notes to match."""
    import re

    for name in ("intro", "practice"):
        module = project / "content" / "modules" / f"{name}.md"
        text = module.read_text(encoding="utf-8")
        module.write_text(re.sub(r"takeaway:.*?\n(?=\w)", "", text, flags=re.S), "utf-8")
    prs = Presentation(str(deck_of(project, tmp_path)))
    summary = prs.slides[titles(prs).index("Summary")]
    said = slide_text(summary)
    assert "Welcome to safe rooms" in said and "Putting it into practice" in said
    assert "what each part was about" in notes(summary) and "takeaway" not in notes(summary)


def test_the_summary_gives_each_takeaway(project: Path, tmp_path: Path) -> None:
    prs = Presentation(str(deck_of(project, tmp_path)))
    summary = prs.slides[titles(prs).index("Summary")]
    said = slide_text(summary)
    assert "Room layout is part of the treatment frame." in said  # the clinical takeaway
    assert "Use the table as a checklist." in said and "Welcome to safe rooms" not in said
    assert "one takeaway from each part" in notes(summary)


def test_a_bullet_too_long_for_a_slide_goes_on_over_continued_slides(
    project: Path, tmp_path: Path
) -> None:
    """A bullet of 900 words used to stop the deck ("too long for one slide"): it goes on
    over continued slides between its words, every word once and in order (text no slide
    can hold even so, one word too long, is named: see test_fit)."""
    huge = "A very long bullet " + " ".join(f"that keeps going {n}" for n in range(300))
    edit(
        project / "content" / "modules" / "intro.md", "  - Calm rooms help everyone", f"  - {huge}"
    )
    prs = Presentation(str(deck_of(project, tmp_path)))
    said, margins, marked = [], [], []
    for slide in prs.slides:
        body = [s for s in slide.placeholders if s.placeholder_format.idx == 1]
        for p in (p for s in body for p in s.text_frame.paragraphs if "keeps going" in p.text):
            said.append(p.text)
            margins.append(p._p.pPr.get("marL"))
            marked.append(p._p.pPr.find(qn("a:buNone")) is None)
    assert len(said) >= 2, said
    assert " ".join(said).split() == huge.split()
    # the rest goes on under the bullet's text, with no bullet of its own
    assert marked == [True] + [False] * (len(said) - 1) and len(set(margins)) == 1, margins


def test_organisation_template_through_the_mapping(project: Path, tmp_path: Path) -> None:
    use_corporate_template(project)
    prs = Presentation(str(deck_of(project, tmp_path)))
    assert (Emu(prs.slide_width).inches, Emu(prs.slide_height).inches) == (10, 7.5)
    used = {s.slide_layout.name for s in prs.slides}
    assert used <= {"Cover", "Bullets", "Divider", "Split", "Heading Only"}
    assert prs.slides[0].slide_layout.name == "Cover"
    assert titles(prs)[0] == "Safe Rooms"
    assert not any("(cont.)" in t for t in titles(prs))  # the cover shrinks, never continues
    body = next(s for s in prs.slides if titles_of(s) == "Welcome to safe rooms")
    assert body.slide_layout.name == "Bullets"
    assert "Seat the client nearest the door in therapy rooms" in slide_text(body)
    for slide in prs.slides:
        for shape in slide.shapes:
            assert shape.left + shape.width <= prs.slide_width


def test_potx_template_by_option(project: Path, tmp_path: Path) -> None:
    template = make_corporate_template(tmp_path / "brand.pptx", potx=True)
    prs = Presentation(str(deck_of(project, tmp_path / "out", deck_template=template)))
    assert prs.slides[0].slide_layout.name == "Cover"


def test_a_templates_own_slides_are_left_out(project: Path, tmp_path: Path) -> None:
    """A template holding two sample slides put them first in every deck: the course's
    slides were numbered two on from what the guide and the printed slides said."""
    template = make_corporate_template(tmp_path / "samples.pptx")
    design = Presentation(str(template))
    for words in ("Sample cover", "Sample content"):
        sample = design.slides.add_slide(design.slide_layouts[0])
        sample.shapes.title.text = words
    design.save(str(template))
    plain = Presentation(str(deck_of(project, tmp_path / "plain", deck_template=None)))
    deck = deck_of(project, tmp_path / "out", deck_template=template)
    prs = Presentation(str(deck))
    assert len(prs.slides) == len(plain.slides)
    assert not any("Sample" in slide_text(s) for s in prs.slides)
    assert slide_text(prs.slides[0]) == slide_text(plain.slides[0])
    with zipfile.ZipFile(deck) as package:
        slides = [n for n in package.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)]
        assert len(slides) == len(plain.slides)
        app = package.read("docProps/app.xml").decode()
        assert f"<Slides>{len(plain.slides)}</Slides>" in app


def test_mapping_to_a_missing_layout_names_the_available_ones(
    project: Path, tmp_path: Path
) -> None:
    make_corporate_template(project / "templates" / "corporate.pptx")
    edit(
        project / "content" / "course.yaml",
        "settings:\n",
        "settings:\n  deck:\n    template: templates/corporate.pptx\n"
        "    layouts:\n      title: Covr\n      bullets: Heading Only\n",
    )
    with pytest.raises(ContentError) as caught:
        deck_of(project, tmp_path)
    unfit, missing = sorted(caught.value.problems, key=lambda p: "Covr" in p.message)
    assert "mapped to layout 'Covr'" in missing.message
    assert "'Cover', 'Bullets', 'Divider', 'Split', 'Heading Only'" in missing.message
    assert missing.hint == "did you mean 'Cover'?"
    assert "layout 'Heading Only'" in unfit.message and "a body placeholder" in unfit.message


def test_missing_and_broken_templates(project: Path, tmp_path: Path) -> None:
    edit(
        project / "content" / "course.yaml",
        "settings:\n",
        "settings:\n  deck:\n    template: templates/nope.pptx\n",
    )
    with pytest.raises(ContentError) as caught:
        deck_of(project, tmp_path)
    (problem,) = caught.value.problems
    assert str(problem.location) == "content/course.yaml:29:5"
    assert "does not exist" in problem.message


def test_broken_template_files(project: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.pptx"
    broken.write_bytes(b"PK\x03\x04 a zip's start, and no more")
    with pytest.raises(ContentError) as caught:
        deck_of(project, tmp_path / "out", deck_template=broken)
    (problem,) = caught.value.problems
    assert "cannot be opened as PowerPoint: it is not a presentation PowerPoint saved" in (
        problem.message
    )
    assert "zip" not in problem.message.split(":", 1)[1]  # python-pptx's words left out
    with pytest.raises(UsageError):
        deck_of(project, tmp_path / "out", deck_template=tmp_path / "missing.pptx")


def test_a_template_of_text_is_told_at_its_setting_or_option(project: Path, tmp_path: Path) -> None:
    """A .pptx holding text was told without a place, in python-pptx's words ("File is
    not a zip file"), where a missing one is told at its setting's line."""
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates" / "corp.pptx").write_text("not a deck\n", encoding="utf-8")
    edit(
        project / "content" / "course.yaml",
        "settings:\n",
        "settings:\n  deck:\n    template: templates/corp.pptx\n",
    )
    with pytest.raises(ContentError) as caught:
        deck_of(project, tmp_path)
    (problem,) = caught.value.problems
    assert str(problem.location) == "content/course.yaml:29:5"
    assert problem.message.startswith(
        "the deck template 'templates/corp.pptx' is not a PowerPoint file, whatever its name"
    )
    assert "File is not a zip file" not in problem.message
    assert problem.hint.endswith("`materials-gen deck-template templates/deck.pptx`")
    edit(project / "content" / "course.yaml", "  deck:\n    template: templates/corp.pptx\n", "")
    with pytest.raises(UsageError) as refused:  # by option: no line, the option named
        deck_of(project, tmp_path, deck_template=project / "templates" / "corp.pptx")
    (problem,) = refused.value.problems
    assert problem.location is None
    assert problem.message.startswith("--deck-template: ")
    assert "is not a PowerPoint file, whatever its name" in problem.message


def test_layouts_command_lists_layouts_and_mapping(project: Path, tmp_path: Path) -> None:
    template = make_corporate_template(tmp_path / "corporate.pptx")
    result = CliRunner().invoke(main, ["layouts", str(template), "-p", str(project)])
    assert result.exit_code == 0, result.output
    assert "10.00 x 7.50 in" in result.output
    assert "layout 'Cover'" in result.output
    assert "CENTER_TITLE  idx 0   at 0.50,4.60 in" in result.output
    assert "two-column    -> 'Split'" in result.output
    builtin = CliRunner().invoke(main, ["layouts", "-p", str(project)])
    assert "13.33 x 7.50 in" in builtin.output and "quote         -> 'Quote'" in builtin.output


def test_layouts_describes_a_template_outside_any_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A template a colleague sent, looked at before it joins a project: "no course file"."""
    template = make_corporate_template(tmp_path / "corporate.pptx")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["layouts", "corporate.pptx"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("corporate.pptx: 10.00 x 7.50 in")
    assert "layout 'Cover'" in result.output and "two-column    -> 'Split'" in result.output
    refused = CliRunner().invoke(main, ["layouts", str(template), "--aspect", "4:3"])
    assert refused.exit_code == 2 and "Traceback" not in refused.output, refused.output


def test_check_warns_about_slides_without_notes(project: Path) -> None:
    from materials_gen.project import builtin_templates

    (project / "templates").mkdir()
    text = (builtin_templates() / "deck.md.j2").read_text()
    table_notes = '::: notes\n{{ _("Go through the table one row at a time.") }}'
    assert table_notes in text
    text = text.replace(table_notes, "::: aside\nGo through")
    (project / "templates" / "deck.md.j2").write_text(text)
    result = CliRunner().invoke(main, ["check", "-p", str(project)])
    assert result.exit_code == 0
    assert (
        "warning: slide 14 ('Two approaches') of the deck for All staff has no speaker notes"
        in result.output
    )


def test_libreoffice_converts_each_deck_as_a_presentation(
    kit_decks: dict[str, Path], tmp_path: Path
) -> None:
    pdfinfo = shutil.which("pdfinfo")
    if not pdfinfo:
        pytest.skip("pdfinfo is not installed")
    for path in kit_decks.values():
        pdf, result = libreoffice_pdf(path, tmp_path)
        assert pdf.is_file(), result.stdout + result.stderr
        assert "impress_pdf_Export" in result.stdout  # opened as a presentation
        info = run(pdfinfo, str(pdf)).stdout
        pages = int(
            next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1]
        )
        assert pages == len(Presentation(str(path)).slides)


def test_aspect_setting_unquoted_in_yaml(project: Path, tmp_path: Path) -> None:
    # YAML 1.1 reads an unquoted 4:3 as the base-60 number 243; the setting still means 4:3
    edit(
        project / "content" / "course.yaml", "settings:\n", "settings:\n  deck:\n    aspect: 4:3\n"
    )
    prs = Presentation(str(deck_of(project, tmp_path)))
    assert Emu(prs.slide_width).inches == 10


def test_check_numbers_slides_as_the_built_deck_does(project: Path, tmp_path: Path) -> None:
    """After a slide that continues, `check` and the deck agree on every slide's number."""
    from materials_gen.project import builtin_templates

    points = "".join(
        f"  - Point {n}, a calm room lets people settle before anything else happens\n"
        for n in range(14)
    )
    edit(
        project / "content" / "modules" / "intro.md",
        "key_points:\n",
        f"key_points:\n{points}",
    )
    (project / "templates").mkdir()
    text = (builtin_templates() / "deck.md.j2").read_text()
    table_notes = '::: notes\n{{ _("Go through the table one row at a time.") }}'
    assert table_notes in text
    text = text.replace(table_notes, "::: aside\nGo through")
    (project / "templates" / "deck.md.j2").write_text(text)
    result = CliRunner().invoke(main, ["check", "-p", str(project)])
    assert result.exit_code == 0, result.output
    found = re.search(r"slide (\d+) \('Two approaches'\) of the deck for All staff", result.output)
    assert found, result.output
    out = tmp_path / "out"
    built = CliRunner().invoke(
        main, ["build", "-p", str(project), "-o", str(out), "--only", "deck", "-a", "all-staff"]
    )
    assert built.exit_code == 0, built.output
    deck = Presentation(str(next(out.rglob("*.pptx"))))
    titles = [s.shapes.title.text if s.shapes.title is not None else "" for s in deck.slides]
    assert any(t.endswith("(cont.)") for t in titles)  # the case this is about
    assert titles[int(found.group(1)) - 1] == "Two approaches"


def test_cjk_runs_keep_an_east_asian_font_the_template_names(project: Path, tmp_path: Path) -> None:
    """A template whose theme names its own East Asian font (a designer's choice) keeps it:
    the runs say their language and name no face; without one, they name the shipped face."""
    import zipfile

    plain = make_corporate_template(tmp_path / "plain.pptx")
    branded = tmp_path / "branded.pptx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(branded, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("ppt/theme/"):
                data = data.replace(b'<a:ea typeface=""/>', b'<a:ea typeface="Yu Gothic"/>')
            target.writestr(item, data)
    edit(
        project / "content" / "modules" / "intro.md",
        "  - Calm rooms help everyone\n",
        "  - Calm rooms help everyone\n  - 安全な場所\n",
    )
    for template, face in ((branded, None), (plain, "Noto Sans JP")):
        prs = Presentation(str(deck_of(project, tmp_path / template.stem, deck_template=template)))
        (run,) = [
            r
            for s in prs.slides
            for sh in s.shapes
            if sh.has_text_frame
            for p in sh.text_frame.paragraphs
            for r in p.runs
            if r.text == "安全な場所"
        ]
        props = run._r.find(qn("a:rPr"))
        assert props.get("lang") == "ja-JP"
        ea = props.find(qn("a:ea"))
        assert (ea.get("typeface") if ea is not None else None) == face


@pytest.mark.parametrize("audience", ["all-staff", "clinical"])
def test_a_modules_notes_are_spoken_on_one_slide_only(
    kit_decks: dict[str, Path], audience: str
) -> None:
    """The module's notes go under its key points; its objectives slide keeps its own words,
    so that the notes pages never print the same long notes twice in a row. (A slide
    continued on another keeps its notes there too, said to be continued.)"""
    said: list[tuple[int, str]] = []  # each slide's notes, spaces made single
    prs = Presentation(str(kit_decks[audience]))
    for number, slide in enumerate(prs.slides, start=1):
        if slide.has_notes_slide and not titles_of(slide).endswith("(cont.)"):
            said.append((number, " ".join(notes(slide).split())))
    for number, slide in enumerate(prs.slides, start=1):
        if not slide.has_notes_slide or titles_of(slide).endswith("(cont.)"):
            continue
        for paragraph in notes(slide).split("\n"):
            paragraph = " ".join(paragraph.split())
            if len(paragraph) < 150:  # a short line a slide of each kind may say
                continue
            again = [other for other, text in said if other != number and paragraph in text]
            assert not again, f"slides {number} and {again} say: {paragraph[:60]}..."


DECORATIVE = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"


def _decorative(shape: object) -> bool:
    properties = shape._element.find(".//" + qn("p:cNvPr"))  # type: ignore[attr-defined]
    return any(e.get("uri") == DECORATIVE for e in properties.iter(qn("a:ext")))


def test_the_rule_under_each_title_is_marked_decorative(kit_decks: dict[str, Path]) -> None:
    """The rule under a content slide's title: an empty shape without a description, which a
    screen reader met before each title and PowerPoint's accessibility checker listed on
    forty slides. It is decorative, and it comes after the title in the slide's order of
    shapes (PowerPoint's reading order listed "Title rule" first)."""
    from .conftest import powerpoint_findings

    for path in kit_decks.values():
        rules = []
        for slide in Presentation(str(path)).slides:
            shapes = list(slide.shapes)
            for n, shape in enumerate(shapes):
                if shape.name == "Title rule":
                    rules.append(shape)
                    assert n and shapes[n - 1] == slide.shapes.title, (slide.slide_id, n)
        assert len(rules) > 20 and all(_decorative(r) for r in rules)
        assert powerpoint_findings(path) == []


def test_a_table_of_three_columns_is_compared_side_by_side_only_when_it_says_so(
    project: Path, tmp_path: Path
) -> None:
    """Every three-column table (a drill, its signal, what to do) got the kit's comparison
    slide, "Signal and what to do", with the kit's notes "Put the two approaches side by
    side", beside its own table slide: a slide of nonsense and one of the kit's words in a
    trainer's deck. ``compare: true`` asks for it."""
    from materials_gen.build import BuildOptions, build

    def titles(folder: Path) -> tuple[list[str], str]:
        options = BuildOptions(output=folder, kinds=("deck",), audiences=("clinical",))
        (made,) = build(project, options).built
        slides = Presentation(str(made.path)).slides
        notes = " ".join(s.notes_slide.notes_text_frame.text for s in slides if s.has_notes_slide)
        return [s.shapes.title.text for s in slides if s.shapes.title is not None], notes

    compared, notes = titles(tmp_path / "compared")
    # its notes name the table's two sides (not "the two approaches" of the kit's course)
    assert "Informed and competent" in compared
    assert "Compare Informed with Competent, row by row." in notes
    table = project / "content" / "tables" / "approaches.yaml"
    table.write_text(table.read_text(encoding="utf-8").replace("compare: true", "#"), "utf-8")
    plain, notes = titles(tmp_path / "plain")
    assert "Informed and competent" not in plain and "row by row" not in notes
    assert "Two approaches" in plain  # the table itself, on its slide


def test_compare_on_a_table_without_three_columns_is_a_warning_at_its_line(
    project: Path,
) -> None:
    """A fourth column added to a compared table made its side-by-side slide vanish without
    a word: ``check`` now says so at the ``compare:`` line."""
    from click.testing import CliRunner

    from materials_gen.cli import main

    table = project / "content" / "tables" / "approaches.yaml"
    text = table.read_text(encoding="utf-8")
    table.write_text(text.replace("rows:\n", "  - id: who\n    heading: Who\nrows:\n", 1), "utf-8")
    lines = table.read_text(encoding="utf-8").splitlines()
    line = next(n for n, said in enumerate(lines, start=1) if said.startswith("compare: true"))
    result = CliRunner().invoke(main, ["check", "-p", str(project)])
    assert f"approaches.yaml:{line}:1: warning: compare: true sets a table's second" in (
        result.output
    )
    assert "this table has 4 columns: the side-by-side slide is left out" in result.output


def test_the_themes_table_colours_are_the_decks_and_the_printed_slides(
    project: Path, tmp_path: Path
) -> None:
    """The deck's tables took PowerPoint's table style (the primary colour, tinted) whatever
    the theme's table_header and table_stripe, which the handout, guide and forms draw: a
    theme with its own table colours gave the handout and the deck two designs of one table."""
    import shutil

    from pypdf import PdfReader

    from materials_gen.build import BuildOptions, build

    (project / "templates").mkdir(exist_ok=True)
    theme = project / "templates" / "theme.yaml"
    shutil.copy(REPO / "templates" / "theme.yaml", theme)
    edit(theme, 'table_header: "#1F4E79"', 'table_header: "#8B1A1A"')
    edit(theme, 'table_stripe: "#F4F7F9"', 'table_stripe: "#E6F4E6"')
    options = BuildOptions(output=tmp_path, kinds=("deck", "slides"), audiences=("clinical",))
    made = {b.target.kind.name: b.path for b in build(project, options).built}
    import zipfile

    prs = Presentation(str(made["deck"]))
    styles = [
        shape.table._tbl.tblPr.find(qn("a:tableStyleId")).text
        for slide in prs.slides
        for shape in slide.shapes
        if shape.has_table
    ]
    with zipfile.ZipFile(made["deck"]) as package:
        defined = package.read("ppt/tableStyles.xml").decode("utf-8")
    assert styles and all(s and s in defined for s in styles)  # the deck's own table style
    assert 'firstRow><a:tcTxStyle b="on">' in defined and "8B1A1A" in defined
    assert "E6F4E6" in defined
    drawn = " ".join(
        page.get_contents().get_data().decode("latin-1") for page in PdfReader(made["slides"]).pages
    )
    assert ".545098 .101961 .101961 rg" in drawn  # #8B1A1A, as ReportLab writes it


def test_a_translated_deck_is_in_its_language_throughout(kit_languages: dict) -> None:
    """The Spanish deck's slides were marked Spanish, but its masters, layouts, notes
    master, slide numbers and default text style said en-US: text a trainer adds to it was
    spell-checked and read aloud as English."""
    import zipfile

    decks = [p for (language, _, kind), p in kit_languages.items() if kind == "deck"]
    spanish = [p for p in decks if "-es-" in p.name]
    assert spanish
    for deck in spanish:
        with zipfile.ZipFile(deck) as package:
            said = {
                value
                for name in package.namelist()
                if name.endswith(".xml")
                for value in re.findall(r'\blang="([^"]+)"', package.read(name).decode("utf-8"))
            }
        assert said == {"es"}, said


def test_a_modules_content_note_and_notes_are_on_its_own_slides(
    project: Path, tmp_path: Path
) -> None:
    """A later module's content note was a second "Before we begin" slide before module 1,
    while the guide read it aloud at that module, citing slides that did not show it; a
    module with notes but no objectives or key points lost its notes from the deck and the
    notes pages (the guide printed them)."""
    modules = project / "content" / "modules"
    edit(
        modules / "practice.md",
        "notes: Walk through the table.",
        "notes: Walk through the table.\ncontent_note: The table names hard experiences.",
    )
    (modules / "housekeeping.md").write_text(
        "---\ntitle: Housekeeping\nduration: 5\n"
        "notes: Point out the fire exits and the toilets.\n---\n\nWhere things are.\n",
        encoding="utf-8",
    )
    edit(project / "content" / "course.yaml", "  - practice\n", "  - practice\n  - housekeeping\n")
    options = BuildOptions(
        output=tmp_path / "out", audiences=("all-staff",), kinds=("deck", "guide")
    )
    made = {b.target.kind.name: b.path for b in build(project, options).built}
    prs = Presentation(str(made["deck"]))
    names = titles(prs)
    note = next(n for n, s in enumerate(prs.slides, 1) if "hard experiences" in slide_text(s))
    assert names[note - 1] == "Before part 2"
    assert names.count("Before we begin") == 1  # module 1's own, just before it
    assert names[names.index("Before we begin") + 1] == "1. Welcome to safe rooms"
    assert names[note] == "2. Putting it into practice"  # just before the part it is about
    guide = " ".join(all_text(made["guide"]).split())
    first, last = map(
        int,
        re.search(
            r"2\. Putting it into practice \S+–\S+ · 15 min · slides (\d+)–(\d+)", guide
        ).groups(),
    )
    assert first <= note <= last
    said = [notes(s) for s in prs.slides if "Housekeeping" in titles_of(s)]
    assert any("Point out the fire exits and the toilets." in n for n in said)


def test_one_word_for_a_break_in_every_output(project: Path, tmp_path: Path) -> None:
    """A project's catalog that calls a break "Recess" changed the guide and the handout;
    the agenda slide and its notes kept "Break", from messages of their own."""
    edit(
        project / "content" / "modules" / "intro.md",
        "duration: 10",
        "duration: 10\nbreak_after: 10",
    )
    folder = project / "templates" / "locale"
    folder.mkdir(parents=True)
    (folder / "en.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Break"\nmsgstr "Recess"\n',
        encoding="utf-8",
    )
    options = BuildOptions(
        output=tmp_path / "out", audiences=("all-staff",), kinds=("deck", "guide")
    )
    made = {b.target.kind.name: b.path for b in build(project, options).built}
    prs = Presentation(str(made["deck"]))
    agenda = prs.slides[1]
    assert re.search(r"Recess, \S+–\S+ \(10\smin\)", slide_text(agenda)), slide_text(agenda)
    assert re.search(r"Recess at \S+ \(10\smin\)", notes(agenda)), notes(agenda)
    assert "Break" not in slide_text(agenda) + notes(agenda)
    assert "Recess" in all_text(made["guide"])


def test_a_templates_sections_and_custom_shows_go_with_its_slides(
    project: Path, tmp_path: Path
) -> None:
    """A deck saved as the template kept its sections ("Cover" then claiming the course's
    first slides) and its custom shows, whose slide references then pointed at other parts:
    a package PowerPoint offers to repair."""
    from lxml import etree

    prs = Presentation()
    for _ in range(2):
        prs.slides.add_slide(prs.slide_layouts[1])
    root = prs.part._element
    ids = [s.slide_id for s in prs.slides]
    rids = [entry.rId for entry in prs.slides._sldIdLst]
    p = "http://schemas.openxmlformats.org/presentationml/2006/main"
    r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    shows = etree.fromstring(
        f'<p:custShowLst xmlns:p="{p}" xmlns:r="{r}"><p:custShow name="Short" id="0">'
        f'<p:sldLst><p:sld r:id="{rids[1]}"/></p:sldLst></p:custShow></p:custShowLst>'
    )
    root.insert(list(root).index(root.find(qn("p:defaultTextStyle"))), shows)
    sections = etree.fromstring(
        f'<p:extLst xmlns:p="{p}"><p:ext uri="{{521415D9-36F7-43E2-AB2F-B90AF26B5E84}}">'
        '<p14:sectionLst xmlns:p14="http://schemas.microsoft.com/office/powerpoint/2010/main">'
        '<p14:section name="Cover" id="{11111111-1111-1111-1111-111111111111}"><p14:sldIdLst>'
        f'<p14:sldId id="{ids[0]}"/><p14:sldId id="{ids[1]}"/></p14:sldIdLst></p14:section>'
        "</p14:sectionLst></p:ext></p:extLst>"
    )
    root.append(sections)
    template = tmp_path / "saved-deck.pptx"
    prs.save(str(template))
    deck = deck_of(project, tmp_path / "out", deck_template=template)
    with zipfile.ZipFile(deck) as package:
        presentation = package.read("ppt/presentation.xml").decode("utf-8")
    assert "custShow" not in presentation and "sectionLst" not in presentation
    assert len(Presentation(str(deck)).slides) > 2


@pytest.mark.parametrize(
    "missing", [("tableStyles",), ("tableStyles", "viewProps"), ("presProps", "viewProps")]
)
def test_a_template_without_table_styles_gets_the_part_its_tables_need(
    project: Path, tmp_path: Path, missing: tuple[str, ...]
) -> None:
    """LibreOffice saves a template with no table-styles part; a deck built on it showed
    its tables plain black on white in LibreOffice (PowerPoint and the printed slides in
    PowerPoint's usual style). The deck now has the part, naming that style the default.
    Nor does it save view properties, without which PowerPoint offers to repair the deck:
    the deck has those too (and presentation properties, were they missing)."""
    import re as regex

    from .conftest import powerpoint_findings

    source = tmp_path / "full.pptx"
    Presentation().save(str(source))
    template = tmp_path / "libreoffice.pptx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(template, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if any(item.filename == f"ppt/{part}.xml" for part in missing):
                continue
            for part in missing:
                if item.filename == "ppt/_rels/presentation.xml.rels":
                    data = regex.sub(rf"<Relationship [^>]*{part}[^>]*/>".encode(), b"", data)
                if item.filename == "[Content_Types].xml":
                    data = regex.sub(rf"<Override [^>]*{part}[^>]*/>".encode(), b"", data)
            new.writestr(item, data)
    deck = deck_of(project, tmp_path / "out", deck_template=template)
    with zipfile.ZipFile(deck) as package:
        styles = package.read("ppt/tableStyles.xml").decode("utf-8")
        rels = package.read("ppt/_rels/presentation.xml.rels").decode("utf-8")
        types = package.read("[Content_Types].xml").decode("utf-8")
    assert 'def="{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"' in styles
    assert "tableStyles" in rels and "presentationml.tableStyles+xml" in types
    tables = [sh for s in Presentation(str(deck)).slides for sh in s.shapes if sh.has_table]
    assert tables
    for part in ("tableStyles", "viewProps", "presProps"):
        assert part in rels and f"presentationml.{part}+xml" in types, part
    assert powerpoint_findings(deck) == []


def test_a_template_with_no_two_column_layout_stacks_the_columns(
    project: Path, tmp_path: Path
) -> None:
    """A Keynote theme has no layout of two text places: the build stopped at the compared
    table's slide, mapping it to a layout of one failed too, and 'materials-gen layouts'
    itself stopped instead of listing the layouts. The columns now go one under the other
    on the layout of a slide of points, said as a layout guessed."""
    prs = Presentation()
    for name in ("Two Content", "Comparison"):
        (layout,) = [lay for lay in prs.slide_layouts if lay.name == name]
        prs.slide_layouts.remove(layout)
    template = tmp_path / "keynote-like.pptx"
    prs.save(str(template))
    listed = CliRunner().invoke(main, ["layouts", str(template), "-p", str(project)])
    assert listed.exit_code == 0, listed.output
    assert re.search(r"two-column\s+-> 'Title and Content'", listed.output), listed.output
    deck = Presentation(str(deck_of(project, tmp_path / "out", deck_template=template)))
    (slide,) = [s for s in deck.slides if "Informed and competent" in titles_of(s)]
    body = [sh for sh in slide.placeholders if sh.placeholder_format.idx != 0]
    said = " ".join(sh.text_frame.text for sh in body)
    assert said.index("Informed") < said.index("Competent") and "Noticing" in said
    edit(
        project / "content" / "course.yaml",
        "settings:\n",
        "settings:\n  deck:\n    layouts:\n      two-column: Title and Content\n",
    )
    deck_of(project, tmp_path / "mapped", deck_template=template)  # no longer refused


def test_a_two_content_layout_of_unlike_boxes_is_named_as_such(
    project: Path, tmp_path: Path
) -> None:
    """A 'Two Content' layout one of whose boxes is far smaller: its columns go one under
    the other on another layout, and the warning said the layout had no text placeholder
    (it has two), with a hint to add one."""
    from pptx.util import Inches

    prs = Presentation()
    (comparison,) = [lay for lay in prs.slide_layouts if lay.name == "Comparison"]
    prs.slide_layouts.remove(comparison)
    (two,) = [lay for lay in prs.slide_layouts if lay.name == "Two Content"]
    body = [ph for ph in two.placeholders if ph.placeholder_format.idx == 2][0]
    body.width = Inches(1.5)
    template = tmp_path / "uneven.pptx"
    prs.save(str(template))
    options = BuildOptions(output=tmp_path / "out", kinds=("deck",), deck_template=template)
    said = " ".join(str(w.message) for w in build(project, options).warnings)
    assert "'Two Content' has text placeholders too unlike in size to be two columns" in said
    assert "has no text placeholder" not in said


def scaled_template(path: Path, factor: float) -> Path:
    """PowerPoint's own template with its slide, and every placeholder and shape of its
    master and layouts, ``factor`` times as large (Keynote's themes are 26.67 x 15 in:
    2.67 times PowerPoint's 4:3 slide, whose text sizes they multiply too)."""
    prs = Presentation()
    prs.slide_width = round(prs.slide_width * factor)
    prs.slide_height = round(prs.slide_height * factor)
    for part in (prs.slide_master, *prs.slide_layouts):
        for shape in part.shapes:
            if shape._element.find(f"{qn('p:spPr')}/{qn('a:xfrm')}") is None:
                continue  # placed where its master's placeholder is
            shape.left, shape.top = round(shape.left * factor), round(shape.top * factor)
            shape.width, shape.height = round(shape.width * factor), round(shape.height * factor)
    prs.save(str(path))
    return path


def test_text_keeps_its_size_to_the_slide_on_a_larger_or_smaller_slide(
    project: Path, tmp_path: Path
) -> None:
    """On a Keynote theme's 26.67 x 15 in slide, text was fitted in the points meant for a
    10 in slide: titles and bullets projected at a third of their usual size, and a slide
    held three times the text. Sizes now go with the slide (a Google Slides 7.5 in slide
    gets three quarters of them): the slides are the same slides, each text the same share
    of its slide."""

    def sizes_and_titles(deck: Path) -> tuple[list[list[float]], list[str], float]:
        prs = Presentation(str(deck))
        found = [
            sorted(
                {
                    run.font.size.pt
                    for shape in slide.placeholders
                    if shape.has_text_frame
                    for p in shape.text_frame.paragraphs
                    for run in p.runs
                    if run.font.size is not None and run.text.strip()
                }
            )
            for slide in prs.slides
        ]
        return found, titles(prs), prs.slide_width / Emu(914400)

    standard = sizes_and_titles(
        deck_of(project, tmp_path / "s", deck_template=scaled_template(tmp_path / "s.pptx", 1))
    )
    for factor in (8 / 3, 0.75):
        template = scaled_template(tmp_path / f"{factor}.pptx", factor)
        sizes, said, width = sizes_and_titles(
            deck_of(project, tmp_path / str(factor), deck_template=template)
        )
        assert said == standard[1], factor  # the same slides, each as full
        assert width == pytest.approx(10 * factor, abs=0.01)
        for mine, usual in zip(sizes, standard[0], strict=True):
            assert len(mine) == len(usual), factor
            for got, meant in zip(mine, usual, strict=True):
                assert got == pytest.approx(meant * factor, abs=1 + factor / 2), (factor, mine)


def test_text_is_drawn_unkerned_as_it_was_measured(kit_decks: dict[str, Path]) -> None:
    """PowerPoint's own master text styles kern text of 12 pt and more (kern="1200"), which
    fitting does not measure: PowerPoint set a few lines narrower than the printed slides,
    and broke them elsewhere. Every run of a slide now turns kerning (and letter spacing) off,
    as the printed slides draw it."""
    prs = Presentation(str(kit_decks["clinical"]))
    master = prs.slide_master._element
    assert any(p.get("kern") == "1200" for p in master.iter(qn("a:defRPr")))  # the template
    runs = [r for slide in prs.slides for r in slide._element.iter(qn("a:r"))]
    assert len(runs) > 200
    for each in runs:
        props = each.find(qn("a:rPr"))
        assert props is not None and (props.get("kern"), props.get("spc")) == ("0", "0")


def test_a_table_continued_over_slides_keeps_its_size_to_the_slide(
    project: Path, tmp_path: Path
) -> None:
    """A table too long for one slide goes on over the fewest slides it needs at its floor,
    at the largest size that holds it on that many: on a 10 in slide the floor, 12 pt; on a
    20 in one, whose floor is 24 pt, no smaller than the 10 in slide's share of it (its
    cells' margins are the same points, a smaller share: it holds the rows at 29 pt)."""
    table = project / "content" / "tables" / "approaches.yaml"
    data = yaml.safe_load(table.read_text(encoding="utf-8"))
    data["compare"] = False  # a table on the slides, not columns side by side
    data["rows"] += [
        {
            "aspect": f"Aspect number {n} of the two",
            "informed": f"What every member of staff does about it, in a sentence {n}",
            "competent": f"What a trained provider does about it, in a sentence {n}",
        }
        for n in range(30)
    ]
    table.write_text(yaml.safe_dump(data), encoding="utf-8")

    def table_sizes(factor: float) -> set[float]:
        template = scaled_template(tmp_path / f"t{factor}.pptx", factor)
        deck = deck_of(project, tmp_path / f"o{factor}", deck_template=template)
        return {
            run.font.size.pt
            for slide in Presentation(str(deck)).slides
            for shape in slide.shapes
            if shape.has_table
            for row in shape.table.rows
            for cell in row.cells
            for p in cell.text_frame.paragraphs
            for run in p.runs
            if run.font.size is not None
        }

    (small,) = table_sizes(1)
    (large,) = table_sizes(2)
    assert small == 12.0 and large >= 2 * small, (small, large)


def test_a_table_picture_or_link_in_notes_or_an_activity_is_said_on_the_slides(
    project: Path,
) -> None:
    """A table in the speaker notes, the picture and the link beside it, and a table in an
    activity's instructions: the guide and the handout printed them, the deck's notes and
    the activity slide dropped the table and the picture without a word, and the notes
    kept a link's words without its address."""
    intro = project / "content" / "modules" / "intro.md"
    edit(
        intro,
        "notes: Say hello and explain the session.",
        "notes: |\n  Before the table.\n\n  | Step | Time |\n  |---|---|\n  | Intro | 5 min |\n\n"
        "  ![A map of the exits](images/room.png)\n\n"
        "  See [the policy](https://example.org/policy), or [call us](tel:+15550100).\n"
        "activities:\n  - title: Grid\n    duration: 5\n    instructions: |\n"
        "      Use this grid:\n\n      | Role | Task |\n      |---|---|\n"
        "      | Lead | Reads the case |\n\n      Then discuss.",
    )
    result = CliRunner().invoke(
        main, ["build", "-p", str(project), "--only", "deck", "-a", "all-staff"]
    )
    assert result.exit_code == 0, result.output
    deck = Presentation(next((project / "output" / "all-staff").glob("*deck.pptx")))
    notes = "\n".join(s.notes_slide.notes_text_frame.text for s in deck.slides if s.has_notes_slide)
    assert "Step \u00b7 Time" in notes and "Intro \u00b7 5 min" in notes, notes
    assert "A map of the exits" in notes
    assert "the policy (https://example.org/policy)" in notes
    assert "call us (+15550100)" in notes  # a number to read out, not "tel:+15550100"
    shown = [
        " ".join(sh.text_frame.text.split())
        for s in deck.slides
        for sh in s.shapes
        if sh.has_text_frame
    ]
    assert any("Role \u00b7 Task" in t and "Lead \u00b7 Reads the case" in t for t in shown)


def test_struck_words_are_struck_on_the_slides_and_their_printed_copies(project: Path) -> None:
    """A key point correcting a price, "Price ~~$50~~ $40": the handout and guide struck
    the old price, every slide view printed "Price $50 $40", which reads the other way."""
    from materials_gen.document import Paragraph, parse
    from materials_gen.fit import Measure, Para, Run
    from materials_gen.render.slides import runs
    from materials_gen.theme import load_theme

    edit(
        project / "content" / "modules" / "intro.md",
        "  - Calm rooms help everyone",
        "  - Price ~~$50~~ $40 for calm rooms",
    )
    result = CliRunner().invoke(
        main, ["build", "-p", str(project), "--only", "deck", "-a", "all-staff"]
    )
    assert result.exit_code == 0, result.output
    deck = next((project / "output" / "all-staff").glob("*deck.pptx"))
    with zipfile.ZipFile(deck) as package:
        slides = [
            package.read(n).decode("utf-8")
            for n in package.namelist()
            if n.startswith("ppt/slides/slide")
        ]
    struck = [
        m.group(0)
        for xml in slides
        for m in re.finditer(r'<a:r><a:rPr[^>]*strike="sngStrike"[^>]*>.*?</a:r>', xml)
    ]
    assert len(struck) == 1 and ">$50<" in struck[0], struck
    # the printed copies draw from the lines as set: the struck piece is marked
    (block,) = parse("Price ~~$50~~ $40").blocks
    assert isinstance(block, Paragraph)
    para = Para(runs(block.children))
    assert [r.strike for r in para.runs if r.text.strip()] == [False, True, False]
    (line,) = Measure(load_theme(project)).set(para, 24, 600)
    pieces = zip(line.pieces, line.struck, strict=True)
    assert [text for (text, _), flag in pieces if flag] == ["$50"]
    assert Run("x", strike=True).strike


def test_an_organisation_templates_file_data_never_reaches_a_deck(
    project: Path, tmp_path: Path
) -> None:
    """A template saved by Office and SharePoint carries who had it and where: a
    sensitivity label's owner and the file's path (custom properties), a document
    library's fields (custom XML), comment authors, an add-in's tag with a server path, a
    machine's name for the file. Every deck carried them all; only its design is used."""
    template = tmp_path / "corp.pptx"
    made = CliRunner().invoke(main, ["deck-template", str(template)])
    assert made.exit_code == 0, made.output
    with zipfile.ZipFile(template) as zin:
        parts = {n: zin.read(n) for n in zin.namelist()}
    kinds = "application/vnd.openxmlformats-officedocument"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    added = {
        "docProps/custom.xml": ("custom-properties+xml", "custom-properties", "_rels/.rels"),
        "ppt/commentAuthors.xml": (
            "presentationml.commentAuthors+xml",
            "commentAuthors",
            "ppt/_rels/presentation.xml.rels",
        ),
        "ppt/tags/tag1.xml": ("presentationml.tags+xml", "tags", "ppt/_rels/presentation.xml.rels"),
    }
    parts["docProps/custom.xml"] = (
        b'<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocume'
        b'nt/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument'
        b'/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2"'
        b' name="Owner"><vt:lpwstr>jane.doe@example.org</vt:lpwstr></property></Properties>'
    )
    parts["ppt/commentAuthors.xml"] = (
        b'<p:cmAuthorLst xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main">'
        b'<p:cmAuthor id="1" name="Jane Doe" initials="JD" lastIdx="1" clrIdx="0"/></p:cmAuthorLst>'
    )
    parts["ppt/tags/tag1.xml"] = (
        b'<p:tagLst xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main">'
        b'<p:tag name="SAVEDBY" val="\\\\FILESRV01\\hr$\\jdoe"/></p:tagLst>'
    )
    for number, (name, (kind, reltype, rels)) in enumerate(added.items(), start=90):
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
            b"</Types>",
            f'<Override PartName="/{name}" ContentType="{kinds}.{kind}"/></Types>'.encode(),
        )
        target = name if rels == "_rels/.rels" else name.removeprefix("ppt/")
        parts[rels] = parts[rels].replace(
            b"</Relationships>",
            f'<Relationship Id="rId{number}" Type="{rel}/{reltype}" Target="{target}"/>'
            "</Relationships>".encode(),
        )
    parts["docProps/core.xml"] = parts["docProps/core.xml"].replace(
        b"</cp:coreProperties>", b"<dc:identifier>JDOE-LAPTOP</dc:identifier></cp:coreProperties>"
    )
    with zipfile.ZipFile(template, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in parts.items():
            zout.writestr(name, data)
    deck = deck_of(project, tmp_path / "out", deck_template=template)
    with zipfile.ZipFile(deck) as package:
        names = package.namelist()
        everything = b"".join(package.read(n) for n in names)
    assert not [n for n in names if "custom" in n or "comment" in n or "tags/" in n], names
    for private in (b"jane.doe", b"Jane Doe", b"jdoe", b"JDOE-LAPTOP"):
        assert private not in everything
    assert len(Presentation(str(deck)).slides) > 5


@pytest.mark.parametrize(("aspect", "named"), [("16:9", None), ("4:3", "screen4x3")])
def test_a_deck_names_its_slide_size_as_powerpoint_does(
    project: Path, tmp_path: Path, aspect: str, named: str | None
) -> None:
    """A 16:9 deck said it was "On-screen Show (4:3)" (python-pptx's template's own size name,
    kept with the wide size), which PowerPoint's Slide Size dialog showed; a 4:3 one keeps
    the name."""
    options = BuildOptions(
        kinds=("deck",), audiences=("all-staff",), aspect=aspect, output=tmp_path / "out"
    )
    (made,) = build(project, options).built
    with zipfile.ZipFile(made.path) as package:
        presentation = package.read("ppt/presentation.xml").decode("utf-8")
    size = re.search(r"<p:sldSz [^>]*>", presentation)
    assert size is not None
    found = re.search(r'type="([^"]+)"', size.group(0))
    assert (found.group(1) if found else None) == named, size.group(0)


def test_a_quote_slide_s_text_is_not_named_vertical(project: Path, tmp_path: Path) -> None:
    """The built-in template's quote layout is made from Office's 'Title and Vertical Text',
    whose text it sets across: a quote slide's text placeholder was still named "Vertical
    Text Placeholder" in PowerPoint's Selection Pane, which a screen reader user hears."""
    options = BuildOptions(kinds=("deck",), audiences=("all-staff",), output=tmp_path / "out")
    (made,) = build(project, options).built
    names = [
        (s.slide_layout.name, shape.name)
        for s in Presentation(str(made.path)).slides
        for shape in s.shapes
    ]
    assert any(layout == "Quote" for layout, _ in names)
    assert not [n for _, n in names if "Vertical" in n], names


def test_every_output_links_a_phone_number_and_prints_other_addresses_as_their_words(
    project: Path, tmp_path: Path
) -> None:
    """A tel: link was a link in the handout but lost its number on the slide; a link to
    a javascript: address printed as typed ("[js](javascript:alert(1))") on the slide, the
    printed slides and the handout, where an ftp: link printed its words. Every output now
    follows one rule: a web, e-mail or phone address is a link; any other prints its words."""
    edit(
        project / "content" / "modules" / "intro.md",
        "  - Calm rooms help everyone",
        "  - Calm rooms help everyone, call [us](tel:+15550100)\n"
        '  - "Not [js](javascript:alert(1)) nor [ftp](ftp://x.org/f) nor [a heading](#rooms)"',
    )
    report = build(
        project,
        BuildOptions(
            output=tmp_path / "out", kinds=("deck", "slides", "handout"), audiences=("all-staff",)
        ),
    )
    files = {b.target.kind.name: b.path for b in report.built}
    prs = Presentation(str(files["deck"]))
    said = {}
    for slide in prs.slides:
        for shape in slide.shapes:
            for para in shape.text_frame.paragraphs if shape.has_text_frame else ():
                text = "".join(r.text for r in para.runs)
                said[text] = [r.hyperlink.address for r in para.runs if r.hyperlink.address]
    assert said["Calm rooms help everyone, call us"] == ["tel:+15550100"]
    assert said["Not js nor ftp nor a heading"] == []
    assert powerpoint_findings(files["deck"]) == []
    for kind in ("slides", "handout"):
        text = " ".join(
            " ".join(page.extract_text().split()) for page in PdfReader(str(files[kind])).pages
        )
        assert "Not js nor ftp nor a heading" in text and "](" not in text, kind


def test_an_address_written_out_is_a_link_on_the_slide_and_in_the_handout(
    project: Path, tmp_path: Path
) -> None:
    edit(
        project / "content" / "modules" / "intro.md",
        "  - Calm rooms help everyone",
        "  - Calm rooms help everyone, see https://example.org/rooms or mail help@example.org",
    )
    report = build(
        project,
        BuildOptions(output=tmp_path / "out", kinds=("deck", "handout"), audiences=("all-staff",)),
    )
    files = {b.target.kind.name: b.path for b in report.built}
    addresses = [
        r.hyperlink.address
        for slide in Presentation(str(files["deck"])).slides
        for shape in slide.shapes
        if shape.has_text_frame
        for para in shape.text_frame.paragraphs
        for r in para.runs
        if r.hyperlink.address
    ]
    assert "https://example.org/rooms" in addresses and "mailto:help@example.org" in addresses
    uris = [
        str(annot.get_object()["/A"]["/URI"])
        for page in PdfReader(str(files["handout"])).pages
        for annot in page.get("/Annots", [])
        if "/A" in annot.get_object() and "/URI" in annot.get_object()["/A"]
    ]
    assert "https://example.org/rooms" in uris and "mailto:help@example.org" in uris


def test_the_exported_design_shows_each_layout_on_a_sample_slide_decks_leave_out(
    project: Path, tmp_path: Path
) -> None:
    """`deck-template` wrote a file without slides: opened and saved in LibreOffice
    Impress, it lost its whole design (one plain master, another slide size, no theme
    colours). It holds a sample slide of each layout, titled with the layout's name; a deck
    built on it leaves them out: the same slides, titles and notes as the built-in design."""
    from materials_gen.render.pptx_template import SAMPLE_NOTE

    template = tmp_path / "ours.pptx"
    made = CliRunner().invoke(main, ["deck-template", "-p", str(project), str(template)])
    assert made.exit_code == 0, made.output
    exported = Presentation(str(template))
    assert [
        s.shapes.title.text if s.shapes.title is not None else s.slide_layout.name
        for s in exported.slides
    ] == [layout.name for layout in exported.slide_layouts]
    assert any(
        SAMPLE_NOTE in shape.text_frame.text
        for s in exported.slides
        for shape in s.placeholders
        if shape.has_text_frame
    )

    def deck(*extra: str) -> list[tuple[str, str]]:
        out = tmp_path / f"out{len(extra)}"
        given = ["-o", str(out), "--only", "deck", "-a", "all-staff", *extra]
        result = CliRunner().invoke(main, ["build", "-p", str(project), "-j", "1", *given])
        assert result.exit_code == 0, result.output
        (path,) = out.rglob("*.pptx")
        slides = Presentation(str(path)).slides
        return [
            (
                s.shapes.title.text if s.shapes.title is not None else "",
                s.notes_slide.notes_text_frame.text if s.has_notes_slide else "",
            )
            for s in slides
        ]

    built_in, on_it = deck(), deck("--deck-template", str(template))
    assert on_it == built_in
    assert not any(title in ("Title Only", "Blank", "Two Content") for title, _ in on_it)
