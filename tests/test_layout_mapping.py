"""The deck's layout mapping (settings: deck: layouts:) as a trainer meets its mistakes, and
`materials-gen layouts`: each entry at fault named at its line of course.yaml, with a hint;
`--aspect` refused with a template, which keeps its own slide size."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from pptx import Presentation

from materials_gen.cli import main

from .conftest import edit
from .deck_templates import (
    add_second_master,
    make_corporate_template,
    make_libreoffice_template,
)

CORPORATE = "'Cover', 'Bullets', 'Divider', 'Split', 'Heading Only'"


def invoke(runner: CliRunner, *args: str):
    return runner.invoke(main, list(args), catch_exceptions=False)


def _mapped(project: Path, *entries: str) -> dict[str, int]:
    """The project on the corporate template with ``entries`` ("kind: layout") mapped in
    its settings; each entry's line."""
    make_corporate_template(project / "templates" / "corporate.pptx")
    mapping = "".join(f"      {entry}\n" for entry in entries)
    course = project / "content" / "course.yaml"
    setting = "  deck:\n    template: templates/corporate.pptx\n    layouts:\n"
    edit(course, "settings:\n", f"settings:\n{setting}{mapping}")
    lines = course.read_text(encoding="utf-8").splitlines()
    return {entry: lines.index(f"      {entry}") + 1 for entry in entries}


def _said(result) -> list[str]:
    return result.stderr.splitlines()


def test_a_layout_the_template_lacks_is_named_at_its_line(runner: CliRunner, project: Path) -> None:
    line = _mapped(project, "title: Cover", "section: Dividr")["section: Dividr"]
    for command in ("check", "build"):
        result = invoke(runner, command, "-p", str(project))
        assert result.exit_code == 1, result.output
        said = _said(result)
        assert said[0].startswith(f"content/course.yaml:{line}:"), said
        assert "error: slide kind 'section' is mapped to layout 'Dividr'" in said[0]
        assert (
            f"which templates/corporate.pptx does not have; its layouts are {CORPORATE}"
            in (said[0])
        )
        assert said[1] == "    hint: did you mean 'Divider'?"
        assert "Traceback" not in result.output
    assert not (project / "output").exists()


def test_a_layout_of_another_slide_master_is_named_as_such(
    runner: CliRunner, project: Path
) -> None:
    """A template of two slide masters (a light and a dark design): a layout of the second
    was said to be one the template "does not have", with a hint to the first master's
    layout of a similar name; and 'layouts' listed the first master's alone, saying nothing
    of the other."""
    line = _mapped(project, "content: Dark Title and Content")["content: Dark Title and Content"]
    template = add_second_master(project / "templates" / "corporate.pptx")
    result = invoke(runner, "check", "-p", str(project))
    assert result.exit_code == 1, result.output
    said = " ".join(result.stderr.split())
    assert (
        f"content/course.yaml:{line}:7: error: slide kind 'content' is mapped to layout 'Dark "
        "Title and Content', which is in slide master 2 of templates/corporate.pptx: a deck is "
        "made on its first slide master"
    ) in said
    assert "copy the layout into the first slide master" in said
    listed = invoke(runner, "layouts", str(template))
    assert "slide master 2 (layouts 'Dark Title and Content'): not used" in listed.output


def test_a_layout_that_cannot_hold_the_slide_is_named_at_its_line(
    runner: CliRunner, project: Path
) -> None:
    lines = _mapped(project, "title: Covr", "bullets: Heading Only")
    result = invoke(runner, "check", "-p", str(project))
    assert result.exit_code == 1
    said = _said(result)
    missing, unfit = said[0], said[2]
    assert missing.startswith(f"content/course.yaml:{lines['title: Covr']}:")
    assert said[1] == "    hint: did you mean 'Cover'?"
    assert unfit.startswith(f"content/course.yaml:{lines['bullets: Heading Only']}:")
    from materials_gen.render.pptx_template import _a

    assert (_a("agenda"), _a("bullets")) == ("an 'agenda'", "a 'bullets'")  # as English says
    assert (
        "layout 'Heading Only' of templates/corporate.pptx cannot hold a 'bullets' slide: it "
        "needs a title placeholder and a body placeholder"
    ) in unfit, unfit
    assert said[3].startswith("    hint: run 'materials-gen layouts'")
    assert said[4] == "2 problems found."  # layouts writes nothing: nothing to undo


def test_layouts_lists_the_template_then_names_the_entries_at_fault(
    runner: CliRunner, project: Path
) -> None:
    line = _mapped(project, "section: Dividr")["section: Dividr"]
    result = invoke(runner, "layouts", "-p", str(project))
    assert result.exit_code == 1
    assert result.stdout.startswith("templates/corporate.pptx: 10.00 x 7.50 in\n")
    assert "  layout 'Divider'" in result.stdout  # what the entry should name
    said = _said(result)
    assert said[0].startswith(f"content/course.yaml:{line}:")
    assert "'Dividr'" in said[0] and said[1] == "    hint: did you mean 'Divider'?"


def test_layouts_of_another_template_checks_the_mapping_against_it(
    runner: CliRunner, project: Path, tmp_path: Path
) -> None:
    """The mapping fits the project's template; `layouts OTHER` shows what it gives with
    OTHER (as `build --deck-template OTHER` would), at the entry's line."""
    line = _mapped(project, "title: Cover")["title: Cover"]
    other = tmp_path / "office.pptx"
    Presentation().save(str(other))
    assert invoke(runner, "layouts", "-p", str(project)).exit_code == 0
    result = invoke(runner, "layouts", str(other), "-p", str(project))
    assert result.exit_code == 1
    assert "  layout 'Title Slide'" in result.stdout
    said = _said(result)
    assert said[0].startswith(f"content/course.yaml:{line}:")
    assert "slide kind 'title' is mapped to layout 'Cover'" in said[0]


def test_layouts_refuses_aspect_with_a_template(
    runner: CliRunner, project: Path, tmp_path: Path
) -> None:
    template = make_corporate_template(tmp_path / "brand.pptx")
    result = invoke(runner, "layouts", str(template), "--aspect", "16:9", "-p", str(project))
    assert result.exit_code == 2
    said = _said(result)
    assert "--aspect 16:9 cannot apply to" in said[0]
    assert "a template keeps its own slide size (10.00 x 7.50 in, 4:3)" in said[0]
    assert said[1].startswith("    hint: leave --aspect out")
    assert not result.stdout
    # the project's own template, from the settings, is refused the same way, and says so
    _mapped(project, "title: Cover")
    result = invoke(runner, "layouts", "--aspect", "4:3", "-p", str(project))
    assert result.exit_code == 2
    assert "the project's deck template, settings: deck: template:" in result.stderr
    for command in ("build", "watch"):  # building, as describing: never silently dropped
        result = invoke(runner, command, "--aspect", "4:3", "-p", str(project))
        assert result.exit_code == 2, result.output
        assert "--aspect 4:3 cannot apply to templates/corporate.pptx" in result.stderr
    built = invoke(runner, "build", "-p", str(project), "--deck-template", str(template))
    assert built.exit_code == 0, built.output  # without --aspect, the template's own size
    # the built-in template takes it
    edit(project / "content" / "course.yaml", "    template: templates/corporate.pptx\n", "")
    edit(project / "content" / "course.yaml", "      title: Cover\n", "      title: Title Slide\n")
    result = invoke(runner, "layouts", "--aspect", "4:3", "-p", str(project))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("the built-in deck template: 10.00 x 7.50 in\n")


def test_a_mapping_checked_against_the_template_given_on_the_command_line_names_its_line(
    runner: CliRunner, project: Path
) -> None:
    """A mapping written for one template, built with --deck-template or with the built-in
    design: each entry the template cannot follow is named at its line, as from the
    settings' template."""
    make_corporate_template(project / "templates" / "corporate.pptx")
    course = project / "content" / "course.yaml"
    edit(course, "settings:\n", "settings:\n  deck:\n    layouts:\n      section: Dividr\n")
    line = course.read_text(encoding="utf-8").splitlines().index("      section: Dividr") + 1
    given = ("--deck-template", str(project / "templates" / "corporate.pptx"))
    for command, extra in (("check", given), ("build", given), ("build", ())):
        result = invoke(runner, command, "-p", str(project), *extra)
        assert result.exit_code == 1, result.output
        said = _said(result)
        assert said[0].startswith(f"content/course.yaml:{line}: error: slide kind 'section'")
        assert "Traceback" not in result.output
    assert not (project / "output").exists()


def test_a_mistyped_slide_kind_is_warned_of_at_its_line(runner: CliRunner, project: Path) -> None:
    """A kind under layouts: that is close to a kind the deck templates write ('bulets') is
    a warning at its line with the kind meant; a kind of the trainer's own ('case-study',
    for slides their own deck template writes) is not. An error found later, while laying
    out the deck, is told with the warnings found before it."""
    course = project / "content" / "course.yaml"
    entries = "      bulets: Title and Content\n      case-study: Title and Content\n"
    edit(course, "settings:\n", f"settings:\n  deck:\n    layouts:\n{entries}")
    line = course.read_text(encoding="utf-8").splitlines().index("      bulets: Title and Content")
    result = invoke(runner, "check", "-p", str(project))
    assert result.exit_code == 0, result.output
    said = _said(result)
    assert said[0].startswith(f"content/course.yaml:{line + 1}:")
    assert (
        "'bulets' is not a kind of slide" in said[0]
        and said[1] == "    hint: did you mean 'bullets'?"
    )
    assert "case-study" not in result.stderr
    edit(course, "      case-study: Title and Content\n", "      case-study: Title Only\n")
    for command in ("check", "build"):
        result = invoke(runner, command, "-p", str(project))
        assert result.exit_code == 1, result.output
        said = _said(result)
        assert "error: layout 'Title Only' of the built-in deck template cannot hold" in said[0]
        assert any("warning: 'bulets' is not a kind of slide" in s for s in said[2:]), said
        # check writes nothing, so it never says it wrote nothing
        ends = {"check": "1 problem found.", "build": "1 problem found; no file was written"}
        assert said[-1].startswith(ends[command]), said


def test_a_layout_without_room_for_a_kinds_text_is_one_error_at_its_entry(
    runner: CliRunner, project: Path
) -> None:
    """Section slides mapped to a layout with a title alone: one error for the kind, at the
    mapping's line, naming the slides and their text and what to do (not one a slide)."""
    line = _mapped(project, "section: Heading Only")["section: Heading Only"]
    result = invoke(runner, "build", "-p", str(project))
    assert result.exit_code == 1, result.output
    errors = [s for s in _said(result) if ": error: " in s]
    assert len(errors) == 2, errors  # one for each audience's deck
    assert errors[0].startswith(f"content/course.yaml:{line}: error: the deck for All staff:")
    assert (
        "layout 'Heading Only' of templates/corporate.pptx has no body or subtitle placeholder "
        "for the text of 'section' slides (slides " in errors[0]
    )
    hint = _said(result)[_said(result).index(errors[0]) + 1]
    assert hint.startswith("    hint: map 'section' under settings: deck: layouts: to a layout")


def test_content_mapped_also_takes_the_table_and_quote_slides(
    runner: CliRunner, project: Path
) -> None:
    """'content' covers every text slide: a template with no 'Quote' or 'Title and Table'
    layout puts its table and quote slides where 'content' is mapped, and no warning says
    they were guessed (it repeated at every build, watch and preview save)."""
    _mapped(project, "title: Cover", "section: Divider", "content: Bullets", "two-column: Split")
    result = invoke(runner, "build", "-p", str(project), "-a", "all-staff", "--only", "deck")
    assert result.exit_code == 0, result.output
    assert "are on layout" not in result.output
    deck = Presentation(str(project / "output" / "all-staff" / "safe-rooms-all-staff-deck.pptx"))
    layouts = {s.shapes.title.text: s.slide_layout.name for s in deck.slides if s.shapes.title}
    assert layouts["Two approaches"] == "Bullets"  # the table slide
    assert {s.slide_layout.name for s in deck.slides} == {"Cover", "Divider", "Bullets", "Split"}


def test_a_template_saved_by_libreoffice_gives_every_slide_its_title_and_text(
    runner: CliRunner, project: Path
) -> None:
    """LibreOffice saves a layout's placeholders without their indexes and renames the
    layouts: the body used to take the title's place (a deck of untitled slides), and the
    section slides went to 'Title Only', which has no place for their part and time. Each
    placeholder now keeps a place of its own, and the section slides go to a layout with
    room for their text, which the trainer is told."""
    template = make_libreoffice_template(project / "templates" / "impress.pptx")
    result = invoke(runner, "build", "-p", str(project), "--only", "deck", "-j", "1")
    assert result.exit_code == 0, result.output
    plain = Presentation(str(next((project / "output").rglob("*deck.pptx"))))
    result = invoke(
        runner,
        *("build", "-p", str(project), "--only", "deck", "-j", "1"),
        *("--deck-template", str(template)),
    )
    assert result.exit_code == 0, result.output
    assert "'section' slides are on layout 'Title Slide'" in " ".join(result.output.split())
    deck = Presentation(str(next((project / "output").rglob("*deck.pptx"))))
    assert len(deck.slides) == len(plain.slides)
    for n, (ours, theirs) in enumerate(zip(plain.slides, deck.slides, strict=True), 1):
        assert theirs.shapes.title is not None, n
        assert theirs.shapes.title.text == ours.shapes.title.text, n
        texts = [s.text_frame.text for s in theirs.placeholders if s.has_text_frame]
        assert len(set(texts)) == len(texts), (n, texts)  # no text in two places
        indexes = [s.placeholder_format.idx for s in theirs.placeholders]
        assert len(set(indexes)) == len(indexes), (n, indexes)
        assert _texts(theirs) == _texts(ours), n  # the same words, none lost
    sections = [s for s in deck.slides if s.slide_layout.name == "Title Slide"][1:]
    assert sections, "the section slides are on the layout with a subtitle"
    listed = invoke(runner, "layouts", str(template), "-p", str(project))
    assert listed.exit_code == 0, listed.output
    assert (
        "  section       -> 'Title Slide' ('Title Only' when it has no text below its title)"
        in listed.output.splitlines()
    ), listed.output


def _texts(slide) -> list[str]:
    return sorted(s.text_frame.text for s in slide.shapes if s.has_text_frame and s.text_frame.text)


def test_a_section_layout_without_room_for_the_text_is_named_as_such(
    runner: CliRunner, project: Path
) -> None:
    """The template has a 'Section Header' holding a title alone: the section slides, which
    have their part and time below the title, go to a layout with room for it, and the
    trainer is told what 'Section Header' lacks (not that the template has none)."""
    prs = Presentation()
    (section,) = [layout for layout in prs.slide_layouts if layout.name == "Section Header"]
    for ph in list(section.placeholders):
        if ph.placeholder_format.idx != 0:
            ph.element.getparent().remove(ph.element)
    template = project / "templates" / "sections.pptx"
    template.parent.mkdir(parents=True, exist_ok=True)
    prs.save(str(template))
    result = invoke(
        runner,
        *("build", "-p", str(project), "--only", "deck", "-j", "1"),
        *("--deck-template", str(template)),
    )
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert (
        "'section' slides are on layout 'Title Slide': layout 'Section Header' has no place "
        "for the text below their title"
    ) in said, said
    assert "has no layout named 'Section Header'" not in said


def test_a_usual_layout_whose_title_was_deleted_is_named_as_short_of_it(
    runner: CliRunner, project: Path
) -> None:
    """'Title and Content' with its title deleted: the warning said the template had no
    layout named 'Title and Content', which it has."""
    prs = Presentation()
    (content,) = [layout for layout in prs.slide_layouts if layout.name == "Title and Content"]
    for ph in list(content.placeholders):
        if ph.placeholder_format.idx == 0:
            ph.element.getparent().remove(ph.element)
    template = project / "templates" / "untitled.pptx"
    template.parent.mkdir(parents=True, exist_ok=True)
    prs.save(str(template))
    result = _deck_on(runner, project, template)
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert "'Title and Content' has no title placeholder" in said, said
    assert (
        "no layout named" not in said
        or "'Title and Content'" not in said.split("no layout named")[1].split("hint")[0]
    )


def test_placeholders_sharing_an_index_get_the_smallest_free_ones(tmp_path: Path) -> None:
    """Renumbered placeholders take the smallest indexes the layout leaves free, so a
    layout that also has the largest index there is (4294967295) is still valid."""
    from materials_gen.render.pptx_template import open_presentation

    template = make_libreoffice_template(tmp_path / "impress.pptx")
    prs = Presentation(str(template))
    layout = next(each for each in prs.slide_layouts if len(each.placeholders) > 2)
    last = list(layout.placeholders)[-1]
    last.element.ph.set("idx", "4294967295")
    prs.save(str(template))
    opened = open_presentation(template.read_bytes(), "impress.pptx")
    for each in opened.slide_layouts:
        indexes = [ph.placeholder_format.idx for ph in each.placeholders]
        assert len(set(indexes)) == len(indexes), (each.name, indexes)
        assert all(0 <= i <= 4294967295 for i in indexes), (each.name, indexes)
    again = next(each for each in opened.slide_layouts if each.name == layout.name)
    assert sorted(ph.placeholder_format.idx for ph in again.placeholders)[:-1] == list(
        range(len(again.placeholders) - 1)
    )


def _default_template(
    path: Path, keep: set[str] | None = None, rename: dict[str, str] | None = None
) -> Path:
    """python-pptx's default template, with only the layouts ``keep`` (all by default), and
    some renamed."""
    prs = Presentation()
    layouts = prs.slide_layouts
    for layout in list(layouts):
        if keep is not None and layout.name not in keep:
            layouts.remove(layout)
        elif rename and layout.name in rename:
            layout.name = rename[layout.name]
    path.parent.mkdir(parents=True, exist_ok=True)
    prs.save(str(path))
    return path


def _deck_on(runner: CliRunner, project: Path, template: Path, *more: str):
    """The project's decks built on ``template`` (``more``: options of the build's)."""
    args = ("build", "-p", str(project), "--only", "deck", "-j", "1", *more)
    return invoke(runner, *args, "--deck-template", str(template))


def test_usual_layout_names_are_found_whatever_their_case(runner: CliRunner, project: Path) -> None:
    """A Google Slides export names its layouts 'Title slide', 'Section header', 'Title and
    body': matched exactly, the section slides went to 'Title slide' with a warning that
    the template had no 'Section Header'."""
    template = _default_template(
        project / "templates" / "google.pptx",
        rename={"Section Header": "Section header", "Title Slide": "Title slide"},
    )
    result = _deck_on(runner, project, template)
    assert result.exit_code == 0, result.output
    assert "slides are on layout" not in result.output, result.output
    deck = Presentation(str(next((project / "output").rglob("*deck.pptx"))))
    layouts = {s.slide_layout.name for s in deck.slides}
    assert "Section header" in layouts and "Title slide" in layouts


def test_a_layout_that_sets_its_text_vertically_holds_no_slide(
    runner: CliRunner, project: Path
) -> None:
    """With no 'Title and Content', the text slides went to 'Title and Vertical Text', and
    every point was written top to bottom, on screen and on paper."""
    keep = {
        "Title Slide",
        "Title Only",
        "Blank",
        "Title and Vertical Text",
        "Vertical Title and Text",
    }
    template = _default_template(project / "templates" / "vertical.pptx", keep=keep)
    result = _deck_on(runner, project, template)
    assert result.exit_code == 1, result.output
    assert "error: no layout of templates/vertical.pptx can hold an 'agenda' slide" in result.output
    assert not (project / "output").exists()
    # with a layout of text set across, the text slides go there
    keep.add("Title and Content")
    _default_template(project / "templates" / "vertical.pptx", keep=keep)
    result = _deck_on(runner, project, template)
    assert result.exit_code == 0, result.output
    deck = Presentation(str(next((project / "output").rglob("*deck.pptx"))))
    assert not {"Title and Vertical Text", "Vertical Title and Text"} & {
        s.slide_layout.name for s in deck.slides
    }


def test_layouts_taken_for_want_of_a_usual_name_are_told_beside_the_errors(
    runner: CliRunner, tmp_path: Path
) -> None:
    """Every text slide of the kit on 'Picture with Caption' (the template's only layout
    with a text place), whose caption is too small for the comparison's rows: the error
    blamed the table, and the warning that would have named the layout was dropped with
    the build."""
    from .conftest import KIT_LANGUAGE, kit_copy

    project = kit_copy(tmp_path)
    template = _default_template(
        tmp_path / "pictures.pptx", keep={"Title Slide", "Picture with Caption", "Blank"}
    )
    result = _deck_on(runner, project, template, "-a", "clinical", "-l", KIT_LANGUAGE)
    said = " ".join(result.output.split())
    # (the comparison now continues at the table's least size, over slide after slide of
    # the caption, where it stopped the build: the layout is told either way)
    if result.exit_code == 1:
        assert ": error: the deck for Clinical providers" in said, said
    assert (
        f"{template}: warning: 'activity', 'agenda', 'bullets'" in said
        and "slides are on layout 'Picture with Caption'" in said
    ), said


def test_slides_no_usual_layout_holds_go_to_the_one_with_most_room(
    runner: CliRunner, project: Path
) -> None:
    """A template whose 'Title and Content' has lost its text placeholder: the slides of
    points went to the first layout in the template with a title and a text box, its
    'Section Header', whose strip of text continued them over slide after slide (76 slides
    of the kit's 46). They go to the layout with the largest text box, and the warning
    names it."""
    built = invoke(runner, "build", "-p", str(project), "--only", "deck", "-j", "1")
    assert built.exit_code == 0, built.output
    planned = len(Presentation(str(next((project / "output").rglob("*deck.pptx")))).slides)
    template = project / "templates" / "bodiless.pptx"
    prs = Presentation()
    for layout in prs.slide_layouts:
        if layout.name == "Title and Content":
            for shape in list(layout.placeholders):
                if shape.placeholder_format.idx == 1:
                    shape._element.getparent().remove(shape._element)
    template.parent.mkdir(parents=True, exist_ok=True)
    prs.save(str(template))
    result = _deck_on(runner, project, template)
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert "'bullets'" in said and "slides are on layout 'Content with Caption'" in said, said
    deck = Presentation(str(next((project / "output").rglob("*deck.pptx"))))
    on = [s for s in deck.slides if s.slide_layout.name == "Content with Caption"]
    assert len(on) > 2  # every slide of points
    assert len(deck.slides) == planned  # none continued for want of room
    assert not [
        s for s in deck.slides if "(cont.)" in (s.shapes.title.text if s.shapes.title else "")
    ]


def test_a_layout_taken_for_want_of_a_usual_name_is_told_once_for_every_audience(
    runner: CliRunner, project: Path
) -> None:
    """Only the clinical deck has a picture slide, on the corporate template's 'Bullets'
    with the slides of points: the warning came once per audience, the staff's without
    'image' and the clinical one with it. It comes once, naming the kinds of every deck,
    from check and from build alike."""
    module = project / "content" / "modules" / "intro.md"
    picture = "![A calm waiting room with two green chairs and a window](../images/room.png)"
    edit(module, picture, f'::: {{audience="clinical"}}\n{picture}\n:::')
    template = make_corporate_template(project / "templates" / "corporate.pptx")
    for command in ("check", "build"):
        result = invoke(runner, command, "-p", str(project), "--deck-template", str(template))
        assert result.exit_code == 0, result.output
        said = [
            line for line in result.stderr.splitlines() if "slides are on layout 'Bullets'" in line
        ]
        assert len(said) == 1, (command, result.stderr)
        assert said[0].startswith(
            "templates/corporate.pptx: warning: 'activity', 'agenda', 'bullets'"
        ), said
        assert "'image'" in said[0], (command, said)


def test_layouts_outside_a_project_lists_the_built_in_template(
    runner: CliRunner, tmp_path: Path
) -> None:
    """'materials-gen layouts' with no template, in a folder that is no project, stopped
    with "no course file", though the README says it lists the built-in template: it lists
    it as a project without a template of its own does, in each shape."""
    from .conftest import PROJECTS

    inside = invoke(runner, "layouts", "-p", str(PROJECTS / "minimal"))
    alone = invoke(runner, "layouts", "-p", str(tmp_path))
    assert alone.exit_code == 0 and inside.exit_code == 0, alone.output
    assert alone.output == inside.output
    assert alone.output.startswith("the built-in deck template: 13.33 x 7.50 in")
    square = invoke(runner, "layouts", "-p", str(tmp_path), "--aspect", "4:3")
    assert square.output.startswith("the built-in deck template: 10.00 x 7.50 in")


def test_a_deck_template_whose_text_is_too_faint_on_its_background_is_told(
    project: Path, tmp_path: Path
) -> None:
    """An organization's template with a dark background and the dark text it came with:
    titles at 1.02:1 built, and check said OK, though the theme's colours are checked. Each
    pair below WCAG's threshold is told once, with the layouts that draw it; the template
    as materials-gen writes it is told of nothing."""
    import re
    import zipfile

    runner = CliRunner()
    design = tmp_path / "ours.pptx"
    assert runner.invoke(main, ["deck-template", str(design), "-p", str(project)]).exit_code == 0
    dark = tmp_path / "dark.pptx"
    with zipfile.ZipFile(design) as source, zipfile.ZipFile(dark, "w") as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == "ppt/slideMasters/slideMaster1.xml":
                background = (
                    b'<p:bg><p:bgPr><a:solidFill><a:srgbClr val="4A4A4A"/></a:solidFill>'
                    b"<a:effectLst/></p:bgPr></p:bg>"
                )
                body = re.sub(rb"<p:bg>.*?</p:bg>", background, body, count=1, flags=re.S)
            target.writestr(info, body)
    args = ["build", "-p", str(project), "-a", "all-staff", "--only", "deck"]
    result = runner.invoke(main, [*args, "-o", str(tmp_path / "a"), "--deck-template", str(dark)])
    said = " ".join(result.output.split())
    assert result.exit_code == 0, result.output
    title = re.search(r"draw(?:s its| their) title text in #\w{6} on #4A4A4A, a contrast of", said)
    assert title, said
    assert "below the 3:1 asked of large text (WCAG 2.1 contrast)" in said
    assert len(re.findall(r"title text in #\w{6} on #4A4A4A", said)) == 1  # once, all layouts
    check = runner.invoke(main, ["check", "-p", str(project), "--deck-template", str(dark)])
    assert "title text in" in check.output, check.output
    kept = runner.invoke(main, [*args, "-o", str(tmp_path / "b"), "--deck-template", str(design)])
    assert kept.exit_code == 0 and "contrast" not in kept.output, kept.output
