"""Output kinds declare what they read: change one input, and exactly the outputs that read it
are rebuilt, each saying why; every other file keeps its bytes and modification time.

One test per input. Each builds the small 'minimal' project for one audience, changes one
thing, builds again and checks the set of files rewritten and the reason printed; most also
build the changed project afresh elsewhere, to check that no output left alone is stale.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from materials_gen.cli import main
from materials_gen.kinds import KINDS
from materials_gen.project import builtin_templates

from .conftest import edit

AUDIENCE = "all-staff"
# What the minimal project makes for all staff (no questions, so no knowledge checks).
EVERY = {"handout", "deck", "slides", "notes-pages", "guide", "evaluation", "sign-in", "poster"}
DECK_VIEWS = {"deck", "slides", "notes-pages"}


def cli(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def files(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Each output of the audience by kind: modification time (ns) and bytes."""
    found = {}
    for path in sorted((folder / AUDIENCE).glob("*.*")):
        kind = path.stem.removeprefix(f"safe-rooms-{AUDIENCE}-")
        found[kind] = (path.stat().st_mtime_ns, path.read_bytes())
    return found


def reasons(output: str) -> dict[str, list[str]]:
    """The reasons printed under each rebuilt file, by kind."""
    said: dict[str, list[str]] = {}
    kind = ""
    for line in output.splitlines():
        match = re.search(rf"safe-rooms-{AUDIENCE}-([a-z-]+)\.\w+  ", line)
        if match:
            kind = match.group(1)
        elif line.strip().startswith("because ") and kind:
            said.setdefault(kind, []).append(line.strip().removeprefix("because "))
    return said


def rebuild(
    project: Path,
    tmp_path: Path,
    change: Callable[[], None] | None,
    before: tuple[str, ...] = (),
    after: tuple[str, ...] | None = None,
    fresh: bool = True,
) -> tuple[set[str], dict[str, list[str]]]:
    """Build with options ``before``, make ``change``, build with ``after`` (default the same
    options): the kinds rewritten, and the reasons printed for each.

    ``fresh``: also build the changed project into another folder and check that the files
    left alone are byte for byte what a fresh build makes (nothing stale).
    """
    after = before if after is None else after
    folder = project / "output"
    cli("build", "-p", str(project), "-a", AUDIENCE, "-j", "1", *before)
    old = files(folder)
    if change is not None:
        change()
    output = cli("build", "-p", str(project), "-a", AUDIENCE, "-j", "1", *after)
    new = files(folder)
    rewritten = {kind for kind in new if old.get(kind) != new[kind]}
    if fresh:
        other = tmp_path / "fresh"
        cli("build", "-p", str(project), "-a", AUDIENCE, "-j", "1", "-o", str(other), *after)
        assert {k: d for k, (_, d) in files(other).items()} == {k: d for k, (_, d) in new.items()}
        differ = {k for k, (_, data) in files(other).items() if old.get(k, (0, b""))[1] != data}
        assert rewritten == differ, "rewritten files are not exactly those that changed"
    said = reasons(output)
    assert set(said) == rewritten, output
    return rewritten, said


def own_template(project: Path, name: str) -> Path:
    """A copy of a built-in template in the project, to edit."""
    (project / "templates").mkdir(exist_ok=True)
    path = project / "templates" / name
    shutil.copy(builtin_templates() / name, path)
    return path


# ------------------------------------------------------------------ content and templates


def test_content(project: Path, tmp_path: Path) -> None:
    intro = project / "content" / "modules" / "intro.md"
    rebuilt, said = rebuild(
        project,
        tmp_path,
        lambda: edit(intro, "Calm rooms help everyone", "Quiet rooms help everyone"),
    )
    assert rebuilt == {"handout", *DECK_VIEWS}  # the poster and forms do not show key points
    assert said["handout"] == ["content/modules/intro.md changed"]


def test_content_another_audience_sees(project: Path, tmp_path: Path) -> None:
    intro = project / "content" / "modules" / "intro.md"
    rebuilt, _ = rebuild(
        project,
        tmp_path,
        lambda: edit(intro, "Seat the client nearest the door", "Seat the client by the door"),
    )
    assert rebuilt == set()  # clinical only: nothing for all staff moves


def test_own_template(project: Path, tmp_path: Path) -> None:
    poster = own_template(project, "poster.md.j2")
    rebuilt, said = rebuild(
        project,
        tmp_path,
        lambda: edit(poster, "note: {{ course.poster.note | json }}", 'note: "Ask early."'),
    )
    assert rebuilt == {"poster"}
    assert said["poster"] == ["templates/poster.md.j2 changed"]


def test_a_template_that_starts_showing_a_value_names_itself_not_the_value(
    project: Path, tmp_path: Path
) -> None:
    """An evaluation form edited to print the session's day and start: the value did not
    change, the template did, and that is the one reason given."""
    form = own_template(project, "evaluation.md.j2")
    rebuilt, said = rebuild(
        project,
        tmp_path,
        lambda: form.write_text(
            form.read_text(encoding="utf-8")
            + "\nHeld on {{ session.date }} from {{ session.start }}.\n",
            encoding="utf-8",
        ),
    )
    assert rebuilt == {"evaluation"}
    assert said["evaluation"] == ["templates/evaluation.md.j2 changed"]


def test_included_partial(project: Path, tmp_path: Path) -> None:
    front = own_template(project, "_form_front.md.j2")
    rebuilt, said = rebuild(
        project,
        tmp_path,
        lambda: edit(
            front, "kind_label: {{ label | json }}", 'kind_label: {{ (label ~ " form") | json }}'
        ),
    )
    assert rebuilt == {"evaluation", "sign-in"}  # the forms that include it
    assert said["sign-in"] == ["templates/_form_front.md.j2 changed"]


def test_deck_template_of_markdown(project: Path, tmp_path: Path) -> None:
    """The guide reads deck.md.j2 too: the slide numbers it shows come from the deck."""
    deck = own_template(project, "deck.md.j2")
    extra = "::::: {.slide .bullets}\n## House rules\n\n- Phones on silent\n\n:::::\n\n"
    rebuilt, said = rebuild(
        project,
        tmp_path,
        lambda: edit(deck, "::::: {.slide .agenda}", extra + "::::: {.slide .agenda}"),
    )
    assert rebuilt == {*DECK_VIEWS, "guide"}
    assert said["guide"] == ["templates/deck.md.j2 changed"]
    assert said["deck"] == ["templates/deck.md.j2 changed"]


def test_theme(project: Path, tmp_path: Path) -> None:
    theme = own_template(project, "theme.yaml")
    rebuilt, said = rebuild(
        project, tmp_path, lambda: edit(theme, 'primary: "#1F4E79"', 'primary: "#7A1F4E"')
    )
    assert rebuilt == EVERY
    assert said["poster"] == ["templates/theme.yaml changed"]


def test_pictures(project: Path, tmp_path: Path) -> None:
    from PIL import Image

    def repaint() -> None:
        Image.new("RGB", (64, 48), (200, 40, 40)).save(project / "content/images/room.png")

    rebuilt, said = rebuild(project, tmp_path, repaint)
    assert rebuilt == {"handout", *DECK_VIEWS}  # the outputs that show it
    assert said["slides"] == ["content/images/room.png changed"]


# ------------------------------------------------------------------ the deck's design


def _corporate(project: Path) -> Path:
    from .deck_templates import make_corporate_template

    (project / "brand").mkdir()
    template = make_corporate_template(project / "brand" / "corporate.pptx")
    edit(
        project / "content" / "course.yaml",
        "settings:\n  paper: a4",
        "settings:\n  paper: a4\n  deck:\n    template: brand/corporate.pptx\n"
        "    layouts:\n      title: Cover\n      section: Divider\n      quote: Bullets\n",
    )
    return template


def test_deck_template_file(project: Path, tmp_path: Path) -> None:
    """The organisation's .pptx: the deck and its printed views (and the guide, if the
    slide numbers move) are rebuilt; nothing else is."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor

    template = _corporate(project)

    def recolour() -> None:
        prs = Presentation(str(template))
        for layout in prs.slide_layouts:
            fill = layout.background.fill
            fill.solid()
            fill.fore_color.rgb = RGBColor(0xF3, 0xEE, 0xE0)
        prs.save(str(template))

    rebuilt, said = rebuild(project, tmp_path, recolour)
    assert rebuilt == DECK_VIEWS  # the printed slides show the template's backgrounds too
    assert said["notes-pages"] == ["the deck template brand/corporate.pptx changed"]


def test_choosing_a_deck_template(project: Path, tmp_path: Path) -> None:
    from .deck_templates import make_corporate_template

    template = make_corporate_template(tmp_path / "corporate.pptx")
    rebuilt, said = rebuild(
        project, tmp_path, None, after=("--deck-template", str(template)), fresh=False
    )
    assert DECK_VIEWS <= rebuilt <= {*DECK_VIEWS, "guide"}
    assert said["deck"] == [
        f"the deck template changed from the built-in deck template to {template.as_posix()}"
    ]


def test_layouts(project: Path, tmp_path: Path) -> None:
    _corporate(project)
    course = project / "content" / "course.yaml"
    rebuilt, said = rebuild(
        project, tmp_path, lambda: edit(course, "quote: Bullets", "quote: Split")
    )
    assert rebuilt <= {*DECK_VIEWS, "guide"} and rebuilt >= DECK_VIEWS
    assert said["deck"] == ["settings: deck: layouts changed"]


def test_aspect(project: Path, tmp_path: Path) -> None:
    rebuilt, said = rebuild(project, tmp_path, None, after=("--aspect", "4:3"))
    assert DECK_VIEWS <= rebuilt <= {*DECK_VIEWS, "guide"}
    assert said["deck"] == ["--aspect changed from 16:9 to 4:3"]


def test_aspect_with_the_organisations_template_changes_nothing(
    project: Path, tmp_path: Path
) -> None:
    """The template decides the slide shape: the aspect setting beside it rebuilds nothing
    (and --aspect with it is refused, see test_layout_mapping)."""
    _corporate(project)
    course = project / "content" / "course.yaml"
    rebuilt, _ = rebuild(
        project,
        tmp_path,
        lambda: edit(
            course,
            "    template: brand/corporate.pptx\n",
            "    template: brand/corporate.pptx\n    aspect: 4:3\n",
        ),
        fresh=False,
    )
    assert rebuilt == set()


def test_per_page(project: Path, tmp_path: Path) -> None:
    course = project / "content" / "course.yaml"
    rebuilt, said = rebuild(
        project,
        tmp_path,
        lambda: edit(course, "  paper: a4\n", "  paper: a4\n  deck:\n    per_page: 6\n"),
    )
    assert rebuilt == {"slides"}
    assert said["slides"] == ["settings: deck: per_page changed from 3 to 6"]


# ------------------------------------------------------------------ options


def test_paper(project: Path, tmp_path: Path) -> None:
    rebuilt, said = rebuild(project, tmp_path, None, after=("--paper", "letter"))
    assert rebuilt == EVERY - {"deck", "poster"}  # slides and posters have their own sizes
    assert said["handout"] == ["--paper changed from a4 to letter"]


def test_paper_setting(project: Path, tmp_path: Path) -> None:
    course = project / "content" / "course.yaml"
    rebuilt, said = rebuild(project, tmp_path, lambda: edit(course, "paper: a4", "paper: letter"))
    assert rebuilt == EVERY - {"deck", "poster"}
    assert said["guide"] == ["settings: paper changed from a4 to letter"]


# the outputs drawn by the handout renderer: the handout, the guide and the forms
LARGE_PRINT = {"handout", "guide", "evaluation", "sign-in"}


def test_large_print(project: Path, tmp_path: Path) -> None:
    rebuilt, said = rebuild(project, tmp_path, None, after=("--large-print",))
    assert rebuilt == LARGE_PRINT  # decks, printed slides and posters have their own sizes
    assert said["handout"] == ["--large-print given (standard print before)"]


def test_standard_print_given_says_so(project: Path, tmp_path: Path) -> None:
    """Large print set for the audience, then --standard-print on the command line: the
    reason names the option typed, not "--large-print changed from yes to no"."""
    _large_print_for_all_staff(project, tmp_path / "first")
    rebuilt, said = rebuild(project, tmp_path, None, after=("--standard-print",))
    assert rebuilt == LARGE_PRINT
    assert said["handout"] == ["--standard-print given (large print before)"]


def _large_print_for_all_staff(project: Path, tmp_path: Path) -> tuple[set[str], dict]:
    """The kinds rewritten, and their reasons, when all staff ask for large print."""
    course = project / "content" / "course.yaml"
    return rebuild(
        project,
        tmp_path,
        lambda: edit(
            course, "    name: All staff\n", "    name: All staff\n    large_print: true\n"
        ),
    )


def test_large_print_for_one_audience(project: Path, tmp_path: Path) -> None:
    rebuilt, said = _large_print_for_all_staff(project, tmp_path)
    assert rebuilt == LARGE_PRINT
    assert said["guide"] == [
        "large_print in content/course.yaml changed from standard print to large print"
    ]


def test_a_template_that_prints_the_large_print_setting_is_made_again(
    project: Path, tmp_path: Path
) -> None:
    """A poster template that prints the audience's large-print setting: turning it on
    makes that poster again too (it was left as it was, unlike a fresh build)."""
    poster = own_template(project, "poster.md.j2")
    edit(
        poster,
        "note: {{ course.poster.note | json }}",
        'note: "Large print: {{ audience.large_print }}"',
    )
    rebuilt, said = _large_print_for_all_staff(project, tmp_path)
    assert rebuilt == LARGE_PRINT | {"poster"}
    assert said["poster"] == ["content/course.yaml changed"]
    assert said["guide"] == [
        "large_print in content/course.yaml changed from standard print to large print"
    ]


# every PDF: all but the deck, which is projected
PRINTED = EVERY - {"deck"}


def test_print_in_black_and_white(project: Path, tmp_path: Path) -> None:
    rebuilt, said = rebuild(project, tmp_path, None, after=("--print", "bw"))
    assert rebuilt == PRINTED
    assert said["poster"] == ["--print changed from colour to bw"]


def test_print_setting(project: Path, tmp_path: Path) -> None:
    course = project / "content" / "course.yaml"
    rebuilt, said = rebuild(
        project, tmp_path, lambda: edit(course, "  paper: a4\n", "  paper: a4\n  print: bw\n")
    )
    assert rebuilt == PRINTED
    assert said["slides"] == ["settings: print changed from colour to bw"]


def test_color_is_colour(project: Path, tmp_path: Path) -> None:
    """The American spelling is the same setting: nothing is rebuilt for it."""
    rebuilt, _ = rebuild(project, tmp_path, None, after=("--print", "color"), fresh=False)
    assert rebuilt == set()


def test_start(project: Path, tmp_path: Path) -> None:
    rebuilt, said = rebuild(project, tmp_path, None, after=("--start", "13:30"))
    # the outputs that show the session plan's clock times (the agenda's in its notes: the
    # printed slides, made again, come out the same and are not rewritten)
    assert rebuilt == {"handout", "guide", "deck", "notes-pages"}
    assert said["guide"] == ["--start changed from 09:00 to 13:30"]


def test_start_read_through_a_method_of_the_session(project: Path, tmp_path: Path) -> None:
    """A template that reads the start time other than by name (``session.get("start")``)
    is made again when it changes, as one reading ``session.start`` is."""
    form = own_template(project, "evaluation.md.j2")
    form.write_text(
        form.read_text(encoding="utf-8") + '\nStarts at {{ session.get("start") }}.\n',
        encoding="utf-8",
    )
    rebuilt, said = rebuild(project, tmp_path, None, after=("--start", "13:30"))
    assert "evaluation" in rebuilt
    assert said["evaluation"] == ["--start changed from 09:00 to 13:30"]


def test_the_fields_a_session_plan_has_are_those_the_templates_reading_knows() -> None:
    import dataclasses

    from materials_gen.kinds import _SESSION_FIELDS
    from materials_gen.schedule import Session

    assert {f.name for f in dataclasses.fields(Session)} == _SESSION_FIELDS


@pytest.mark.parametrize(
    ("option", "value", "reason"),
    [
        ("--poster-size", "24x36", "--poster-size changed from 18x24 to 24x36"),
        ("--orientation", "landscape", "--orientation changed from portrait to landscape"),
        ("--bleed", "3mm", "--bleed changed from none to 3mm"),
    ],
)
def test_poster_options(
    project: Path, tmp_path: Path, option: str, value: str, reason: str
) -> None:
    rebuilt, said = rebuild(project, tmp_path, None, after=(option, value), fresh=False)
    assert rebuilt == {"poster"}
    assert said["poster"] == [reason]


def test_tile(project: Path, tmp_path: Path) -> None:
    rebuilt, said = rebuild(
        project, tmp_path, None, before=("--tile", "letter"), after=("--tile", "a4")
    )
    assert rebuilt == {"poster-tiles"}  # the poster itself is the same
    assert said["poster-tiles"] == ["--tile changed from letter to a4"]


def test_roster(project: Path, tmp_path: Path) -> None:
    roster = tmp_path / "people.csv"
    roster.write_text("name,audience\nAda Lovelace,all-staff\nGrace Hopper,clinical\n")

    def rename() -> None:
        roster.write_text("name,audience\nAda King,all-staff\nGrace Hopper,clinical\n")

    rebuilt, said = rebuild(project, tmp_path, rename, before=("--roster", str(roster)))
    assert rebuilt == {"certificates", "sign-in"}  # the sign-in sheet prints the names
    assert said["certificates"] == ["the roster people.csv changed"]
    assert said["sign-in"] == ["the roster people.csv changed"]


def _sign_in_with_renamed_roster(
    project: Path, tmp_path: Path, body: str
) -> tuple[set[str], dict[str, list[str]]]:
    """The project's own sign-in template, its front matter then ``body``, built with a
    roster, then again after the roster renames Ada: what was rebuilt, and why."""
    sign_in = own_template(project, "sign-in.md.j2")
    front = sign_in.read_text(encoding="utf-8").split("{% set settings")[0]
    sign_in.write_text(front + body, encoding="utf-8")
    roster = tmp_path / "people.csv"
    roster.write_text("name\nAda Lovelace\n")
    return rebuild(
        project,
        tmp_path,
        lambda: roster.write_text("name\nAda King\n"),
        before=("--roster", str(roster)),
    )


def test_a_sign_in_sheet_that_lists_nobody_does_not_read_the_roster(
    project: Path, tmp_path: Path
) -> None:
    """The declaration comes from the template: a sheet of blank rows only (no ``sheets``,
    no ``attendees``) is left alone when the roster changes."""
    blank = (
        '# {{ _("Sign-in sheet") }}\n\n::: form-table\n| # | {{ _("Name (print)") }} |\n'
        "| - | --- |\n{% for n in range(1, 6) %}\n| {{ n }} | |\n\n{% endfor %}\n:::\n"
    )
    rebuilt, _ = _sign_in_with_renamed_roster(project, tmp_path, blank)
    assert rebuilt == {"certificates"}


def test_a_sign_in_sheet_that_lists_the_roster_reads_it(project: Path, tmp_path: Path) -> None:
    """The declaration comes from the template: list the attendees, and the roster counts."""
    listed = "{% for person in attendees %}\n- {{ person.name }}\n{% endfor %}"
    rebuilt, said = _sign_in_with_renamed_roster(project, tmp_path, listed)
    assert rebuilt == {"certificates", "sign-in"}
    assert said["sign-in"] == ["the roster people.csv changed"]


def test_with_then_without_a_roster_rewrites_only_the_sign_in_sheet(
    project: Path, tmp_path: Path
) -> None:
    """The sign-in sheet printed the roster's names: without it, it goes back to blank rows.
    Nothing else read the roster (the certificates are left as they were until ``clean``)."""
    roster = tmp_path / "people.csv"
    roster.write_text("name\nAda Lovelace\n")
    folder = project / "output"
    cli("build", "-p", str(project), "-a", AUDIENCE, "-j", "1", "--roster", str(roster))
    before = files(folder)
    output = cli("build", "-p", str(project), "-a", AUDIENCE, "-j", "1")
    after = files(folder)
    assert {k for k in after if after[k] != before[k]} == {"sign-in"}
    assert reasons(output) == {"sign-in": ["--roster people.csv no longer given (none by default)"]}
    assert f"Built 1 file ({len(EVERY) - 1} unchanged)" in output


def test_a_new_version_of_materials_gen_rebuilds_everything(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from materials_gen import manifest, plan, records

    real = manifest.tool_version

    def upgrade() -> None:  # a new release: its name is in every file's metadata
        for module in (records, manifest):
            monkeypatch.setattr(module, "tool_version", lambda v: real("9.9") + "-next")
        monkeypatch.setattr(plan, "__version__", "9.9")

    rebuilt, said = rebuild(project, tmp_path, upgrade, fresh=False)
    assert rebuilt == EVERY
    assert said["sign-in"] == ["materials-gen changed"]


# ------------------------------------------------------------------ show, every kind


@pytest.mark.parametrize("kind", list(KINDS))
def test_show_works_for_every_kind(project: Path, tmp_path: Path, kind: str) -> None:
    roster = tmp_path / "people.csv"
    roster.write_text("name\nAda Lovelace\n")
    edit(
        project / "content" / "modules" / "practice.md",
        "takeaway:",
        "questions:\n  - question: Where should the way out be?\n    options:\n"
        "      - Clear of furniture\n      - Behind the desk\n    answer: a\n"
        "    explanation: People need to see the way out.\ntakeaway:",
    )
    tiled = ["--tile", "letter"] if kind == "poster-tiles" else []
    result = CliRunner().invoke(
        main,
        ["show", kind, "-a", AUDIENCE, "-p", str(project), "--roster", str(roster), *tiled],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert "Safe Rooms" in result.output  # every output names the course
    if kind == "certificates":
        assert "## Ada Lovelace" in result.output
    if kind in ("pretest", "posttest", "answer-key"):
        assert "Where should the way out be?" in result.output


def test_show_the_poster_s_tiles_without_a_tile_size_says_so(project: Path) -> None:
    """``show poster-tiles`` printed the poster's Markdown, exit 0, where ``build`` and
    ``list`` make no tiles without a tile size."""
    result = CliRunner().invoke(
        main, ["show", "poster-tiles", "-a", AUDIENCE, "-p", str(project)], catch_exceptions=False
    )
    assert result.exit_code == 2, result.output
    assert "this build makes no poster-tiles" in result.output and "--tile" in result.output


def test_building_the_poster_s_tiles_without_a_tile_size_says_how_to_ask(project: Path) -> None:
    """``build --only poster-tiles`` without a tile size ended "0 files up to date in
    output", then "No file made", exit status 0, which reads as success: it is the
    command's mistake, as ``show poster-tiles`` says."""
    result = CliRunner().invoke(
        main, ["build", "--only", "poster-tiles", "-a", AUDIENCE, "-p", str(project)]
    )
    assert result.exit_code == 2, result.output
    assert "error: no poster-tiles" in result.output and "--tile letter" in result.output
    assert "No file made in " not in result.output and "up to date" not in result.output


def test_show_a_knowledge_check_without_questions_says_so(project: Path) -> None:
    result = CliRunner().invoke(
        main, ["show", "pretest", "-a", AUDIENCE, "-p", str(project)], catch_exceptions=False
    )
    assert result.exit_code == 2
    assert "the content for 'all-staff' has no knowledge-check questions" in result.output


def test_show_certificates_without_a_roster_says_what_to_do(project: Path) -> None:
    result = CliRunner().invoke(
        main, ["show", "certificates", "-a", AUDIENCE, "-p", str(project)], catch_exceptions=False
    )
    assert result.exit_code == 2
    assert "made for the people on a roster, and no roster was given" in result.output
    assert "--roster FILE" in result.output
    assert "Traceback" not in result.output
    # a roster naming only another audience's people: said so, and how to give audiences
    (project / "people.csv").write_text("name,audience\nAda Lovelace,clinical\n", encoding="utf-8")
    args = ["show", "certificates", "-a", AUDIENCE, "-p", str(project), "--roster"]
    result = CliRunner().invoke(main, [*args, str(project / "people.csv")])
    assert result.exit_code == 2, result.output
    assert f"the roster names nobody for '{AUDIENCE}'" in result.output
    assert "people.csv names nobody for this audience" in result.output
    assert "no roster was given" not in result.output and "Traceback" not in result.output


# ------------------------------------------------------------------ what kinds share, results


def test_the_deck_is_laid_out_once_per_audience_for_all_its_views(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from materials_gen.build import BuildOptions, build
    from materials_gen.render import layout

    real, calls = layout.lay_out, []

    def counting(document, theme, options, prepared=None, template=None):
        calls.append(document.meta.get("audience"))
        return real(document, theme, options, prepared, template)

    monkeypatch.setattr(layout, "lay_out", counting)
    kinds = ("deck", "slides", "notes-pages", "guide")
    report = build(project, BuildOptions(kinds=kinds), jobs=1)
    assert len(report.rebuilt) == 8
    assert sorted(calls) == ["All staff", "Clinical providers"]


def test_the_deck_template_is_read_once_a_build_for_every_audience(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both audiences' decks are laid out in one prepared template (read once, each
    paragraph measured once), and each still shows its own audience."""
    from materials_gen.build import BuildOptions, build
    from materials_gen.render import layout, pptx_template

    real, made = pptx_template.builtin_presentation, []

    def counting(theme, aspect):
        made.append(aspect)
        return real(theme, aspect)

    monkeypatch.setattr(pptx_template, "builtin_presentation", counting)
    monkeypatch.setattr(layout, "_LAST", {})  # nothing kept from an earlier build
    report = build(project, BuildOptions(kinds=("deck",)), jobs=1)
    assert len(report.rebuilt) == 2
    assert made == ["16:9"]
    footers = {}
    for path in sorted((project / "output").rglob("*-deck.pptx")):
        deck = Presentation(str(path))
        footers[path.parent.name] = {
            shape.text_frame.text
            for slide in deck.slides
            for shape in slide.placeholders
            if shape.placeholder_format.type == PP_PLACEHOLDER.FOOTER
        }
    assert any("All staff" in text for text in footers["all-staff"])
    assert not any("Clinical" in text for text in footers["all-staff"])
    assert any("Clinical providers" in text for text in footers["clinical"])


def test_a_deck_template_is_kept_for_the_next_build_until_what_it_is_made_from_changes(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``watch`` and ``preview`` build again in one process: the deck template (and what it
    measured) is prepared again only when the theme, the template or a font file it
    measures with changed, and every deck is what a fresh process makes."""
    import rendercv_fonts

    from materials_gen.build import BuildOptions, build
    from materials_gen.render import layout, pptx_template

    real, made = pptx_template.builtin_presentation, []

    def counting(theme, aspect):
        made.append(aspect)
        return real(theme, aspect)

    monkeypatch.setattr(pptx_template, "builtin_presentation", counting)
    monkeypatch.setattr(layout, "_LAST", {})

    def deck(name: str, fresh: bool = False) -> bytes:
        if fresh:  # as a new process: nothing kept
            layout._LAST.clear()
        options = BuildOptions(kinds=("deck",), audiences=(AUDIENCE,), output=tmp_path / name)
        build(project, options, jobs=1)
        (path,) = (tmp_path / name).rglob("*-deck.pptx")
        return path.read_bytes()

    first = deck("one")
    assert deck("two") == first
    assert len(made) == 1
    theme = own_template(project, "theme.yaml")
    edit(theme, 'primary: "#1F4E79"', 'primary: "#7A1F4E"')
    recoloured = deck("three")
    assert len(made) == 2 and recoloured != first
    assert deck("three-fresh", fresh=True) == recoloured
    shipped = Path(rendercv_fonts.__file__).parent
    fonts = project / "templates" / "fonts"
    fonts.mkdir()
    styles = ("Regular", "Bold", "Italic", "BoldItalic")
    for style in styles:
        (fonts / f"Own-{style}.ttf").write_bytes(
            (shipped / "Noto Sans" / f"NotoSans-{style}.ttf").read_bytes()
        )
    own = "{regular: fonts/Own-Regular.ttf, bold: fonts/Own-Bold.ttf, "
    own += "italic: fonts/Own-Italic.ttf, bold_italic: fonts/Own-BoldItalic.ttf}"
    edit(theme, "  body: Noto Sans", f"  body: {own}")
    deck("four")
    made.clear()
    for style in styles:  # the same names, other letters: measured again
        (fonts / f"Own-{style}.ttf").write_bytes(
            (shipped / "Ubuntu" / f"Ubuntu-{style}.ttf").read_bytes()
        )
    replaced = deck("five")
    assert len(made) == 1
    assert deck("five-fresh", fresh=True) == replaced


def test_an_output_of_several_files(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A renderer may return further files beside its output (an HTML page's pictures):
    they are written, kept, checked and cleaned with it."""
    from dataclasses import replace

    from materials_gen.build import BuildOptions, build
    from materials_gen.manifest import Manifest
    from materials_gen.render import poster

    real = poster.render

    def with_preview(document, theme, options):
        return replace(real(document, theme, options), more=(("poster-preview.txt", b"hi"),))

    monkeypatch.setattr(poster, "render", with_preview)
    options = BuildOptions(kinds=("poster",), audiences=(AUDIENCE,))
    folder = project / "output"
    preview = folder / AUDIENCE / "poster-preview.txt"
    build(project, options)
    assert preview.read_bytes() == b"hi"
    record = Manifest.read(folder).records[f"{AUDIENCE}/poster-preview.txt"]
    assert record.part_of == f"{AUDIENCE}/safe-rooms-{AUDIENCE}-poster.pdf"

    again = build(project, options)
    assert [b.status for b in again.built] == ["unchanged"]
    preview.unlink()
    mended = build(project, options)
    assert mended.built[0].reasons == ("the file was missing",)
    assert preview.read_bytes() == b"hi"

    said = cli("clean", "-p", str(project))  # the poster with its preview, and the manifest
    assert "Removed 1 output built by materials-gen from " in said and "its build manifest" in said
    assert not preview.exists()


def test_the_kits_own_template_is_an_input_like_any_other(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The repository is itself a project whose templates are the built-in ones: editing one
    rebuilds the outputs that read it, not everything as "materials-gen changed"."""
    from materials_gen import project as project_module

    from .conftest import REPO

    kit = tmp_path / "kit"
    for name in ("content", "templates"):
        shutil.copytree(REPO / name, kit / name)
    monkeypatch.setattr(project_module, "kit_dir", lambda: kit)
    only = ("-a", AUDIENCE, "--only", "poster", "--only", "evaluation", "--only", "sign-in")
    only += ("--language", "en")  # the kit is in English and Spanish: one language is enough
    cli("build", "-p", str(kit), "-j", "1", *only)
    folder = kit / "output" / "en-US" / AUDIENCE
    before = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    poster = kit / "templates" / "poster.md.j2"
    edit(poster, "note: {{ course.poster.note | json }}", 'note: "Ask early."')
    output = cli("build", "-p", str(kit), "-j", "1", *only)
    after = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    assert {n for n in after if after[n] != before[n]} == {"trauma-care-en-US-all-staff-poster.pdf"}
    assert "because templates/poster.md.j2 changed" in output
    assert "materials-gen changed" not in output


def test_every_variable_a_template_is_given_has_declared_inputs(project: Path) -> None:
    """A variable added to the template context without saying what it is made from would
    let an output be kept when it changed: each must be in kinds.VARIABLES."""
    from materials_gen.build import BuildOptions, context_of, load_course, plan
    from materials_gen.kinds import VARIABLES

    course, _ = load_course(project)
    for target in plan(course, BuildOptions(kinds=tuple(KINDS))):
        given = set(context_of(project, course, target, "a4"))
        assert given <= set(VARIABLES), (target.kind.name, given - set(VARIABLES))
        assert given == set(target.kind.sees), target.kind.name


def test_a_title_s_accented_letters_and_length_make_a_file_name() -> None:
    """Without a slug the files were named from the title with every accented letter a
    hyphen ("formaci-n-en-and-"), and a long title made a name the file system refused
    ("File name too long") after check had said OK."""
    from types import SimpleNamespace

    from materials_gen.plan import SLUG_LENGTH, course_slug

    def slug(title: str) -> str:
        return course_slug(SimpleNamespace(slug=None, title=title))  # type: ignore[arg-type]

    assert slug("Formación en Ñandú: Straße") == "formacion-en-nandu-strasse"
    long = slug("Trauma-informed care " * 20)
    assert len(long) <= SLUG_LENGTH and long.startswith("trauma-informed-care-")
    assert not long.endswith("-") and long.split("-")[-1] in ("trauma", "informed", "care")
    assert slug("訓練") == "course"
