from __future__ import annotations

import re
from pathlib import Path

import pytest

from materials_gen.errors import ContentError
from materials_gen.theme import load_theme


def write_theme(project: Path, text: str) -> None:
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates" / "theme.yaml").write_text(text, encoding="utf-8")


def test_builtin_theme_resolves_embedded_fonts(project: Path) -> None:
    theme = load_theme(project)
    assert theme.body_font.name == "Noto Sans"
    assert all(p.suffix == ".ttf" and p.is_file() for p in theme.body_font.files())


def test_project_theme_overrides_colours_and_fonts(project: Path) -> None:
    write_theme(project, 'fonts:\n  heading: Source Sans 3\ncolors:\n  primary: "#112233"\n')
    theme = load_theme(project)
    assert theme.colors.primary == "#112233"
    assert theme.heading_font.name == "Source Sans 3"
    assert theme.colors.accent == "#B84B35"  # untouched keys keep the defaults


def test_theme_mistakes_are_explained(project: Path) -> None:
    write_theme(
        project,
        'colors:\n  primary: "#12345"\n  acent: "#000000"\n'
        "sizes:\n  body: 3\nfonts:\n  body: Noto Sanz\n",
    )
    with pytest.raises(ContentError) as caught:
        load_theme(project)
    found = {(p.location.line, p.message, p.hint) for p in caught.value.problems}
    colour = (
        2,
        "'#12345' is not a colour",
        'write a colour as #RRGGBB, in quotes, e.g. primary: "#1F4E79"',
    )
    assert colour in found
    assert (3, "unknown key 'acent'", "did you mean 'accent'?") in found
    assert (5, "'body' must be at least 7, not 3", "") in found


def test_a_size_written_with_a_decimal_comma_is_told_to_use_a_point(project: Path) -> None:
    """'body: 10,5' (as much of Europe writes it) was "must be a number" and no more."""
    write_theme(project, "sizes:\n  body: 10,5\n")
    with pytest.raises(ContentError) as caught:
        load_theme(project)
    (problem,) = caught.value.problems
    assert problem.location.line == 2
    assert problem.message == "'body' must be a number, not '10,5'"
    assert problem.hint == "write a decimal point, not a comma: 10.5"


@pytest.mark.parametrize(("written", "number"), [("10.5pt", "10.5"), ("12 pt", "12")])
def test_a_size_written_with_its_unit_is_told_to_write_the_number_alone(
    project: Path, written: str, number: str
) -> None:
    """'body: 10.5pt' was "must be a number" with no hint."""
    write_theme(project, f"sizes:\n  body: {written}\n")
    with pytest.raises(ContentError) as caught:
        load_theme(project)
    (problem,) = caught.value.problems
    assert problem.message == f"'body' must be a number, not '{written}'"
    assert problem.hint == f"write the number alone: {number}"


def test_unknown_font_family_suggests(project: Path) -> None:
    write_theme(project, "fonts:\n  body: Noto Sanz\n")
    with pytest.raises(ContentError) as caught:
        load_theme(project)
    (problem,) = caught.value.problems
    assert problem.message == "unknown font family 'Noto Sanz'"
    assert problem.hint == "did you mean 'Noto Sans'?"


def test_own_font_files_must_exist_and_stay_inside(project: Path) -> None:
    write_theme(
        project,
        "fonts:\n  body:\n    regular: ../../outside.ttf\n"
        "  heading:\n    regular: fonts/missing.ttf\n",
    )
    with pytest.raises(ContentError) as caught:
        load_theme(project)
    messages = sorted(p.message for p in caught.value.problems)
    assert messages == [
        "font file '../../outside.ttf' is outside the project",
        "font file 'fonts/missing.ttf' does not exist",
    ]


def _fill(hex_colour: str) -> bytes:
    """How ReportLab writes a fill in this colour into a page's drawing commands."""
    from reportlab.lib.colors import HexColor
    from reportlab.lib.rl_accel import fp_str

    colour = HexColor(hex_colour)
    return f"{fp_str(colour.red, colour.green, colour.blue)} rg".encode()


def test_boxes_take_their_colours_from_the_theme(project: Path) -> None:
    from pypdf import PdfReader

    from materials_gen.build import BuildOptions, build
    from materials_gen.theme import mix

    write_theme(project, 'colors:\n  accent: "#00AA00"\n')
    report = build(project, BuildOptions(kinds=("handout",), audiences=("all-staff",)))
    pages = PdfReader(str(report.built[0].path)).pages
    drawn = b"".join(page.get_contents().get_data() for page in pages)
    assert _fill(mix("#00AA00", 0.08)) in drawn  # the activity box: the accent, faint
    assert _fill("#FBF3EC") not in drawn  # the old fixed beige is gone
    assert load_theme(project).palette.activity == mix("#00AA00", 0.08)


def test_no_renderer_keeps_a_colour_of_its_own() -> None:
    """Colours come from the theme's palette: a literal in a renderer is a colour a trainer
    cannot change."""
    import re

    folder = Path(__file__).resolve().parent.parent / "materials_gen" / "render"
    literal = re.compile(r"#[0-9A-Fa-f]{6}\b|HexColor\(\s*[\"']|colors\.(white|black)\b")
    for name in ("handout.py", "certificate.py", "poster.py", "pdf.py"):
        source = (folder / name).read_text(encoding="utf-8")
        found = [line for line in source.splitlines() if literal.search(line)]
        assert not found, (name, found)


def test_a_projects_font_named_like_a_shipped_one_is_drawn_as_itself(
    project: Path, tmp_path: Path
) -> None:
    """The project's own Lato-*.ttf files (here Ubuntu's letters under Lato's file names)
    as the body font beside the shipped Lato for headings: each is embedded and drawn as
    itself. They went by one name, and the body came out in the shipped Lato."""
    import pikepdf
    import rendercv_fonts

    from materials_gen.build import BuildOptions, build

    shipped = Path(rendercv_fonts.__file__).parent
    fonts = project / "templates" / "fonts"
    fonts.mkdir(parents=True)
    styles = {"regular": "Regular", "bold": "Bold", "italic": "Italic", "bold_italic": "BoldItalic"}
    for style in styles.values():
        data = (shipped / "Ubuntu" / f"Ubuntu-{style}.ttf").read_bytes()
        (fonts / f"Lato-{style}.ttf").write_bytes(data)
    lines = "".join(f"    {k}: fonts/Lato-{v}.ttf\n" for k, v in styles.items())
    write_theme(project, f"fonts:\n  body:\n{lines}  heading: Lato\n")
    report = build(
        project, BuildOptions(output=tmp_path / "out", audiences=("all-staff",), kinds=("handout",))
    )
    embedded: dict[str, bytes] = {}
    with pikepdf.open(report.built[0].path) as pdf:
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                for descendant in font.get("/DescendantFonts", [font]):
                    descriptor = descendant.get("/FontDescriptor")
                    if descriptor is not None and "/FontFile2" in descriptor:
                        name = str(descendant.BaseFont).split("+", 1)[-1]
                        embedded[name] = descriptor.FontFile2.read_bytes()
    # a font is embedded under the name its file gives itself
    assert {"Ubuntu-Regular", "Lato-Bold"} <= set(embedded), sorted(embedded)


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("body:", "'body' has nothing after its colon; it must name a font family"),
        ("body: [Noto Sans]", "'body' must name a font family (e.g. Noto Sans) or give font "),
        ("body: true", "'body' must name a font family"),
        ("body: 12", "'body' must name a font family"),
    ],
)
def test_a_font_of_the_wrong_kind_is_one_message_about_its_field(
    project: Path, written: str, said: str
) -> None:
    """A font is a family's name or its files: pydantic tried both and named each by its
    own type ("'str' has nothing after its colon", "'FontFiles' must be a set of 'key:
    value' lines"), with a hint to write 'str: '."""
    write_theme(project, f"name: Mine\nfonts:\n  {written}\n  heading: Noto Sans\n")
    with pytest.raises(ContentError) as caught:
        load_theme(project)
    (problem,) = caught.value.problems
    assert (problem.location.line, problem.location.column) == (3, 3)
    assert problem.message.startswith(said)
    assert "give font files (regular: fonts/X.ttf, ...)" in problem.message
    assert problem.hint.startswith("write e.g. 'body: Noto Sans', or the files")


def test_font_files_without_the_regular_one_are_told_at_their_font(project: Path) -> None:
    write_theme(project, "fonts:\n  heading:\n    bold: fonts/Mine-Bold.ttf\n")
    with pytest.raises(ContentError) as caught:
        load_theme(project)
    (problem,) = caught.value.problems
    assert problem.location.line == 2
    assert problem.message == "'heading' gives font files but not the regular one"
    assert problem.hint.startswith(
        "add a line 'regular: fonts/MyFont-Regular.ttf' under 'heading:'"
    )


# pydantic's names for what a value may be, which a trainer never wrote
TYPE_NAMES = re.compile(
    r"'(str|int|float|bool|dict|list|tuple|FontFiles|Fonts|Colours|Sizes|ThemeSpec)'"
    r"|constrained-|function-(after|before|wrap|plain)|nullable|\[str\]|Union|Literal"
)


@pytest.mark.parametrize("value", ["", "[a]", "{a: b}", "true", "7", "2026-01-01", "1.5"])
@pytest.mark.parametrize(
    "place",
    [
        "name: {}",
        "fonts:\n  body: {}",
        "fonts:\n  heading:\n    regular: {}",
        "colors:\n  text: {}",
        "sizes:\n  h1: {}",
        "fonts:\n  body:\n    regular: fonts/A.ttf\n    italic: {}",
    ],
)
def test_no_theme_message_names_a_type_of_the_program(
    project: Path, place: str, value: str
) -> None:
    write_theme(project, place.format(value) + "\n")
    try:
        load_theme(project)
    except ContentError as caught:
        for problem in caught.problems:
            assert not TYPE_NAMES.search(f"{problem.message} {problem.hint}"), problem


def test_a_colour_written_as_a_number_is_told_the_form_a_colour_takes(project: Path) -> None:
    """'primary: 123456' was told to put the value in quotes, and "123456" is no colour."""
    write_theme(project, "colors:\n  primary: 123456\n")
    with pytest.raises(ContentError) as caught:
        load_theme(project)
    (problem,) = caught.value.problems
    assert problem.message == "'primary' must be text, not a number (123456)"
    assert problem.hint == 'write a colour as #RRGGBB, in quotes, e.g. primary: "#1F4E79"'


def test_a_theme_that_is_a_list_is_shown_a_line_a_theme_has(project: Path) -> None:
    """Its hint's example was 'title: Calm rooms', which a theme refuses ("unknown key")."""
    write_theme(project, "- a\n")
    with pytest.raises(ContentError) as caught:
        load_theme(project)
    (problem,) = caught.value.problems
    assert problem.message == "expected a set of 'key: value' lines, found a list"
    assert "e.g. 'name: Calm rooms', or 'colors:' with 'primary: \"#1F4E79\"' under it" in (
        problem.hint
    )
