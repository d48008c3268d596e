from __future__ import annotations

from pathlib import Path

import pytest

from materials_gen.errors import ContentError
from materials_gen.load import _Problems, load_project, parse_yaml, split_body, split_front_matter

from .conftest import edit


def test_yaml_keeps_the_line_and_column_of_keys_and_items() -> None:
    problems = _Problems()
    doc = parse_yaml("title: A\nitems:\n  - one\n  - two\nnested:\n  key: v\n", "f.yaml", problems)
    assert doc is not None and not problems.errors
    assert doc.location(("title",)).line == 1
    assert doc.location(("items", 1)).line == 4
    assert (doc.location(("nested", "key")).line, doc.location(("nested", "key")).column) == (6, 3)
    # an unknown path falls back to its nearest known parent
    assert doc.location(("nested", "missing")).line == 5


def test_duplicate_yaml_keys_are_an_error_naming_both_lines() -> None:
    problems = _Problems()
    parse_yaml("title: A\nsubtitle: B\ntitle: C\n", "f.yaml", problems)
    (problem,) = problems.errors
    assert problem.location.line == 3
    assert "first on line 1" in problem.message


def test_yaml_syntax_error_has_line_and_quoting_hint() -> None:
    problems = _Problems()
    parse_yaml("title: ok\nsubtitle: Part 1: rooms\n", "c.yaml", problems)
    (problem,) = problems.errors
    assert problem.location.line == 2
    assert "`subtitle:` has a colon" in problem.message
    assert 'subtitle: "Part 1: rooms"' in problem.hint


def test_front_matter_lines_are_counted_from_the_top_of_the_file() -> None:
    problems = _Problems()
    text = "---\ntitle: T\nobjectives:\n  - a\n---\n\nBody here.\n"
    front, body, first = split_front_matter(text, "m.md", problems)
    assert front is not None
    assert front.location(("objectives", 0)).line == 4
    assert body.strip() == "Body here."
    assert first == 6


def test_missing_front_matter_is_explained() -> None:
    problems = _Problems()
    split_front_matter("# Just markdown\n", "m.md", problems)
    assert "front matter" in problems.errors[0].message


def test_body_is_split_at_audience_fences_only() -> None:
    body = (
        "Shared.\n\n"
        '::: {audience="clinical"}\n'
        "Clinical only.\n\n"
        "::: {.callout}\nInside a callout.\n:::\n"
        ":::\n\n"
        "Shared again.\n"
    )
    problems = _Problems()
    blocks = split_body(body, 10, "m.md", problems)
    assert not problems.errors
    assert [b.conditions for b in blocks] == [(), (("clinical",),), ()]
    assert "::: {.callout}" in blocks[1].text and blocks[1].text.count(":::") == 2
    assert blocks[1].line == 13 and blocks[2].text == "Shared again."


def test_unclosed_audience_fence_names_its_line() -> None:
    problems = _Problems()
    split_body('text\n\n::: {audience="clinical"}\nnever closed\n', 5, "m.md", problems)
    (problem,) = problems.errors
    assert problem.location.line == 7 and "never closed" in problem.message


@pytest.mark.parametrize("close", [":::", "::::"])
def test_a_fence_closed_twice_or_never_opened_names_its_line(close: str) -> None:
    """A ':::' with no box or fence open above it (closed twice, or its opening line
    deleted, the text above it perhaps meant for one audience) was printed as text, in every
    audience's handout, and nothing said so."""
    problems = _Problems()
    body = f'text\n\n::: {{audience="clinical"}}\nClinical only.\n:::\n{close}\n\nShared.\n'
    split_body(body, 5, "m.md", problems)
    (problem,) = problems.errors
    assert problem.location.line == 10 and f"this '{close}' closes nothing" in problem.message
    assert "put back the line that opens its fence" in problem.hint


def test_pasted_text_is_cleaned(project: Path) -> None:
    module = project / "content" / "modules" / "intro.md"
    raw = module.read_bytes().replace(b"\n", b"\r\n")
    raw = b"\xef\xbb\xbf" + raw.replace(b"Rooms shape", b"Rooms\x07 shape")
    module.write_bytes(raw)
    loaded = load_project(project)
    body = loaded.modules["intro"].body[0].text
    assert "\r" not in body and "\x07" not in body and "Rooms shape" in body
    (warning,) = loaded.warnings
    assert warning.location.file == "content/modules/intro.md" and "U+0007" in warning.message


def test_non_utf8_file_is_reported_with_its_line(project: Path) -> None:
    module = project / "content" / "modules" / "intro.md"
    module.write_bytes(module.read_bytes().replace(b"soft", b"s\xe9ft"))
    with pytest.raises(ContentError) as caught:
        load_project(project)
    (problem,) = caught.value.problems
    assert problem.location.line == 21 and "UTF-8" in problem.message


def test_missing_course_file(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as caught:
        load_project(tmp_path)
    assert "content/course.yaml" in caught.value.problems[0].message


def test_tabs_get_a_hint(project: Path) -> None:
    edit(project / "content" / "course.yaml", "  - id: clinical", "\t- id: clinical")
    with pytest.raises(ContentError) as caught:
        load_project(project)
    (problem,) = caught.value.problems
    assert "indented with a tab" in problem.message
    assert "replace the tab" in problem.hint


# Texts whose nodes libyaml's events and PyYAML's own scanner must agree on, marks included:
# the fast reader is only a faster way to the same nodes.
_SAME_NODES = [
    "title: Plain text\nsubtitle: 'single' \ntext: \"double \\u00e9\"\n",
    "list:\n  - one\n  - two: 2\n    three: [a, b, {c: d}]\n",
    "folded: >\n  one\n  two\n\nliteral: |-\n  keep\n    this\n",
    "base: &b {x: 1, y: 2}\nother:\n  <<: *b\n  y: 3\n",
    "# a comment\nmulti: this plain text\n  runs on\n  three lines  # and a comment\n",
    "crlf: one\r\nnext: two\r\n",
    "\ufeffbom: first\n",
    "dates: 2026-12-02\nnumbers: [1, 1.5, 0x10, .inf]\nflags: [yes, no, on, null, ~]\n",
    "unicode: \u00e9t\u00e9 \u4e2d\u6587 \u0627\u0644\u0639\u0631\u0628\u064a\u0629\n",
    '? complex key\n: value\nempty:\nquoted key "x": 1\n',
    "room: &r Calm\nagain: *r\nwho: &Co Training\nlist:\n  - &Co2 more\n",
]


@pytest.mark.parametrize("text", _SAME_NODES)
def test_libyaml_and_pyyaml_give_the_same_nodes(text: str) -> None:
    from materials_gen.load import _compose_with, _Composer, _FastComposer

    def shape(node: object) -> object:
        import yaml

        assert isinstance(node, yaml.Node)
        marks = (node.start_mark.line, node.start_mark.column, node.end_mark.line,
                 node.end_mark.column)  # fmt: skip
        if isinstance(node, yaml.ScalarNode):
            return (node.tag, node.value, node.style, marks)
        if isinstance(node, yaml.SequenceNode):
            return (node.tag, node.flow_style, marks, [shape(n) for n in node.value])
        pairs = [(shape(k), shape(v)) for k, v in node.value]
        return (node.tag, node.flow_style, marks, pairs)

    assert _FastComposer is not _Composer
    (fast, fast_unused), (slow, slow_unused) = (
        _compose_with(_FastComposer, text),
        _compose_with(_Composer, text),
    )
    assert shape(fast) == shape(slow)
    # the texts given a name no alias uses (a slip: "&Co Training"), at the same places
    where = [(m.line, m.column) for m in fast_unused]
    assert where == [(m.line, m.column) for m in slow_unused]
    assert bool(where) == ("&Co" in text)


def test_every_shipped_yaml_file_reads_the_same_both_ways() -> None:
    import yaml

    from materials_gen.load import _compose_with, _Composer, _FastComposer

    root = Path(__file__).parent.parent
    files = [*root.glob("content/**/*.yaml"), *root.glob("templates/**/*.yaml")]
    assert len(files) >= 3
    for file in files:
        text = file.read_text(encoding="utf-8")
        fast, slow = _compose_with(_FastComposer, text), _compose_with(_Composer, text)
        assert yaml.serialize(fast[0]) == yaml.serialize(slow[0]), file
        assert not fast[1] and not slow[1], file  # no text loses its first word


@pytest.mark.parametrize(
    "text", ["title: ok\nsubtitle:\tA\n", "title: bell \x07\n", "title: \ufffe\n"]
)
def test_where_libyaml_is_more_lenient_pyyaml_decides(text: str) -> None:
    problems = _Problems()
    parse_yaml(text, "course.yaml", problems)
    assert problems.errors, text


def test_a_text_libyaml_refuses_gets_pyyaml_s_message() -> None:
    problems = _Problems()
    parse_yaml("title: a: b\n", "course.yaml", problems)
    (problem,) = problems.errors
    assert problem.location.line == 1
    assert "colon" in (problem.message + problem.hint).lower()


def test_a_box_for_one_audience_is_cut_out_with_its_fence_kept() -> None:
    """``{.callout audience="clinical" title=...}`` was taken for an ordinary box: every
    audience's handout printed it."""
    body = (
        "Shared.\n\n"
        '::: {.callout audience="clinical" title="For \\"clinicians\\""}\n'
        "Clinical only.\n"
        ":::\n\n"
        "Shared again.\n"
    )
    problems = _Problems()
    blocks = split_body(body, 1, "m.md", problems)
    assert not problems.errors
    assert [b.conditions for b in blocks] == [(), (("clinical",),), ()]
    assert blocks[1].text == '::: {.callout title="For \\"clinicians\\""}\nClinical only.\n:::'
    assert blocks[2].text == "Shared again."


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ('- item\n\n  ::: {audience="clinical"}\n  Clinical.\n  :::\n', 3),
        ('> ::: {audience="clinical"}\n> Clinical.\n> :::\n', 1),
        ('Text.\n\n   ::: {.callout audience="clinical"}\n   Clinical.\n   :::\n', 3),
        ("1. step\n   ::: {audience=clinical}\n   Clinical.\n   :::\n", 2),
    ],
    ids=["list item", "quote", "indented box", "numbered item"],
)
def test_an_audience_fence_further_in_than_its_lines_is_an_error(body: str, line: int) -> None:
    """Inside a list item or a quote the fence was left in the Markdown for every audience."""
    problems = _Problems()
    split_body(body, 1, "m.md", problems)
    (problem,) = problems.errors
    assert problem.location.line == line
    assert "must start at the beginning of its line" in problem.message


def test_an_audience_named_unreadably_stops_rather_than_shows() -> None:
    problems = _Problems()
    split_body('::: {.callout audience = "clinical"}\nClinical.\n:::\n', 1, "m.md", problems)
    (problem,) = problems.errors
    assert problem.location.line == 1 and "cannot be read" in problem.message


def test_a_box_never_closed_or_with_open_attributes_names_its_line() -> None:
    """A box whose ':::' was forgotten swallowed the rest of the module and the boxes the
    templates add after it (key points, takeaway, reflection); a box whose attributes lack
    their '}' vanished, its title with it. Both were built without a word; each is now an
    error at its line. Boxes closed as they should be (nested too) are not."""
    problems = _Problems()
    body = 'Intro.\n\n::: {.callout title="Remember"\nKeep calm.\n:::\n\n::: activity\nDo it.\n'
    split_body(body, 10, "m.md", problems)
    found = sorted((p.location.line, p.message) for p in problems.errors)
    assert [line for line, _ in found] == [12, 16], found
    assert "does not end with '}'" in found[0][1] and "never closed" in found[1][1]
    problems = _Problems()
    nested = ":::: columns\n::: column\nA.\n:::\n::: column\nB.\n:::\n::::\n\n::: notes\nN.\n:::\n"
    split_body(nested, 1, "m.md", problems)
    assert not problems.errors


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ("::: callout\nA.\n\n::: activity\nB.\n:::\n\nMore of A.\n:::\n", 4),  # as long
        (":::: callout\nA.\n\n::::: activity\nB.\n:::::\n\nMore of A.\n::::\n", 4),  # longer
        (  # a box in a box for one audience, as long as it
            '::: {.callout audience="clinical"}\nA.\n\n::: activity\nB.\n:::\n\nC.\n:::\n',
            4,
        ),
    ],
)
def test_a_box_whose_closing_line_closes_the_box_around_it_names_its_line(
    body: str, line: int
) -> None:
    """Markdown ends a box at the first ':::' line at least as long as its own: a box
    inside another with a fence as long ended the outer one with it, and the outer box's
    last words and its ':::' were printed outside it, without a word. Told at the inner
    box's line, with how to nest one box in another."""
    problems = _Problems()
    split_body(body, 1, "m.md", problems)
    (problem,) = problems.errors
    assert problem.location.line == line, problem
    assert "closes that one too" in problem.message and "longer fence" in problem.hint
    problems = _Problems()  # an audience fence is not a box: a box inside it is not inside one
    split_body('::: {audience="clinical"}\n::: callout\nA.\n:::\n:::\n', 1, "m.md", problems)
    assert not problems.errors


def test_a_code_block_never_closed_names_its_line() -> None:
    """A line of tildes used as a divider opened a code block that ran to the end of the
    module, printing its audience fences and clinical text as code to every audience."""
    body = 'Intro.\n\n~~~~~~\n\nMore.\n\n::: {audience="clinical"}\nClinical.\n:::\n'
    problems = _Problems()
    split_body(body, 4, "m.md", problems)
    (problem,) = problems.errors
    assert problem.location.line == 6 and "never closed" in problem.message
    assert "'~~~~~~'" in problem.hint
    problems = _Problems()
    split_body('```\ncode\n```\n\n::: {audience="clinical"}\nC.\n:::\n', 1, "m.md", problems)
    assert not problems.errors


def test_a_table_markdown_prints_as_text_is_told_at_its_line(project: Path) -> None:
    """A pipe table whose |---| line is short a cell, and a table pasted from Word with
    tabs between its cells, both printed as run-together text, with no word from check."""
    from materials_gen.validate import validate

    intro = project / "content" / "modules" / "intro.md"
    text = intro.read_text(encoding="utf-8")
    first = text.count("\n") + 2  # the line after the blank one appended
    intro.write_text(
        text + "\n| Name | Role | Notes |\n|---|---|\n| Ana | Nurse | Early |\n\n"
        "Name\tRole\tShift\nAna\tNurse\tEarly\nBob\tPorter\tLate\n",
        encoding="utf-8",
    )
    _, warnings = validate(load_project(project))
    told = {str(w.location): w.message for w in warnings}
    short = told[f"content/modules/intro.md:{first}"]
    assert "header has 3 cells and the |---| line under it 2" in short
    tabbed = told[f"content/modules/intro.md:{first + 4}"]
    assert "these 3 lines look like a table pasted with tabs" in tabbed


@pytest.mark.parametrize("entry", ["  - null", "  -", "  - ~"])
def test_an_empty_list_entry_is_named_as_one(project: Path, entry: str) -> None:
    """An objective "- null" (a pasted blank) was told "'objectives' has nothing after its
    colon", of a line with no colon."""
    from materials_gen.validate import validate

    intro = project / "content" / "modules" / "intro.md"
    edit(intro, "objectives:\n", f"objectives:\n{entry}\n")
    with pytest.raises(ContentError) as caught:
        validate(load_project(project))
    (problem,) = caught.value.problems
    assert str(problem.location).startswith("content/modules/intro.md:5")
    assert problem.message == "entry 1 of 'objectives' is empty; it must hold text"
    assert "delete the line" in problem.hint


def test_hidden_files_are_not_content_and_a_mac_s_decomposed_names_are_found(
    project: Path,
) -> None:
    """A project copied from a Mac holds "._intro.md" beside each file (binary: the build
    stopped, "not UTF-8 text"), an editor leaves ".#intro.md" (a link to nowhere: "cannot
    read the file"); a Mac writes "café.md" as "cafe" and an accent, which course.yaml's
    "café" did not find. Hidden files are passed over; names are compared composed."""
    import os
    import unicodedata

    modules = project / "content" / "modules"
    (modules / "._practice.md").write_bytes(b"\x00\x05\x16\x07\x00\x02\xb0\xff")
    os.symlink("someone@host.1234:1700000000", modules / ".#practice.md")
    (modules / "intro.md").rename(modules / (unicodedata.normalize("NFD", "café") + ".md"))
    edit(project / "content" / "course.yaml", "  - intro\n", "  - café\n")
    from materials_gen.validate import validate

    from .conftest import said

    raw = load_project(project)
    assert sorted(raw.modules) == ["café", "practice"]
    course, warnings = validate(raw)
    assert [m.id for m in course.modules] == ["café", "practice"] and not warnings
    said("translate", "es", "-p", str(project))  # its copies, and their sources, found
    assert "OK: 2 modules" in said("check", "-p", str(project))


def test_an_office_owner_file_and_a_mac_zips_folder_are_not_content(project: Path) -> None:
    """Word keeps "~$intro.md" beside a file it has open (binary, with NUL bytes): it
    stopped the build as a module without front matter, and one in content/tables/ was
    warned of; a Mac's zip unpacked into content/translations/ leaves "__MACOSX", which was
    told to be renamed by its language's tag (and failed --strict). None is content."""
    from materials_gen.validate import validate

    from .conftest import said

    owner = b"\x0bJane Smith\x00" + b"\x00" * 40
    (project / "content" / "modules" / "~$intro.md").write_bytes(owner)
    (project / "content" / "tables" / "~$comparison.yaml").write_bytes(owner)
    zipped = project / "content" / "translations" / "__MACOSX"
    zipped.mkdir(parents=True)
    (zipped / "._course.yaml").write_bytes(b"\x00\x05\x16\x07")
    raw = load_project(project)
    assert "~$intro" not in raw.modules
    _, warnings = validate(raw)
    assert not warnings, warnings
    checked = said("check", "--strict", "-p", str(project))
    assert "OK: 2 modules" in checked and "__MACOSX" not in checked and "~$" not in checked


def test_a_module_saved_as_notepad_s_unicode_is_read(project: Path) -> None:
    """Windows Notepad's "Unicode" is UTF-16 with a byte-order mark: a module saved so was
    refused ("not UTF-8 text, byte 0xff") though its mark says what it is; it is read, and
    ``translate`` copies it as text."""
    from materials_gen.validate import validate

    from .conftest import said

    intro = project / "content" / "modules" / "intro.md"
    text = intro.read_text(encoding="utf-8").replace("Welcome to safe rooms", "Bienvenue, Zoë")
    intro.write_bytes(text.replace("\n", "\r\n").encode("utf-16"))
    course, _ = validate(load_project(project))
    assert course.modules[0].title == "Bienvenue, Zoë"
    said("translate", "es", "-p", str(project))
    copy = project / "content" / "translations" / "es" / "modules" / "intro.md"
    assert "title: Bienvenue, Zoë" in copy.read_text(encoding="utf-8")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_a_file_saved_as_utf16_without_its_mark_is_read(project: Path, codec: str) -> None:
    """UTF-16 without a byte-order mark (as some Windows tools save) was read as UTF-8: each
    line "lost" its zero bytes as control characters, a hundred warnings for one file."""
    from materials_gen.validate import validate

    course_file = project / "content" / "course.yaml"
    text = course_file.read_text(encoding="utf-8").replace("title: ", "title: Zoë's ", 1)
    course_file.write_bytes(text.encode(codec))
    intro = project / "content" / "modules" / "intro.md"
    intro.write_bytes(intro.read_text(encoding="utf-8").encode(codec))
    loaded = load_project(project)
    assert not [p for p in loaded.warnings if "control character" in p.message], loaded.warnings
    course, _ = validate(loaded)
    assert course.modules[0].title == "Welcome to safe rooms"
    assert "Zoë's" in str(course.title)


@pytest.mark.parametrize(
    ("start", "said"),
    [
        (
            b"PK\x03\x04\x14\x00\x06\x00",
            "a Word document or another program's own file (.docx, .odt, .pages)",
        ),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Word 97-2003 document (.doc)"),
        (b"{\\rtf1\\ansi\\deff0 Welcome}", "a Rich Text document (.rtf)"),
        (b"%PDF-1.7\n", "a PDF"),
    ],
)
def test_a_module_saved_in_a_word_processors_own_format_is_named_as_such(
    project: Path, start: bytes, said: str
) -> None:
    """A module saved from Word as intro.md was "not UTF-8 text (byte 0xfe)", and one saved
    as RTF "must start with YAML front matter": each is told for what it is, and how to save
    it as text."""
    (project / "content" / "modules" / "intro.md").write_bytes(start + b"\x00" * 64)
    with pytest.raises(ContentError) as caught:
        load_project(project)
    (problem,) = caught.value.problems
    assert str(problem.location) == "content/modules/intro.md:1"
    assert problem.message == f"the file is {said}, not plain text"
    assert "save it as plain text" in problem.hint


def test_files_named_but_for_their_case_are_told_not_used(project: Path) -> None:
    """A project made on a Mac or Windows, where "Theme.yaml" is "theme.yaml", built here:
    its own theme, a template saved by Notepad as "handout.md.j2.txt", a label catalog
    "EN.po" and a "Translations" folder were passed over without a word, the built-in ones
    used in their place (and no Spanish built). Each is named, with the name to give it."""
    import shutil

    from .conftest import REPO, said

    templates = project / "templates"
    (templates / "locale").mkdir(parents=True)
    shutil.copy(REPO / "templates" / "theme.yaml", templates / "Theme.yaml")
    shutil.copy(REPO / "templates" / "handout.md.j2", templates / "handout.md.j2.txt")
    (templates / "locale" / "EN.po").write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    (project / "content" / "Translations" / "es").mkdir(parents=True)
    checked = said("check", "-p", str(project))
    for found, name in [
        ("templates/Theme.yaml", "theme.yaml"),
        ("templates/handout.md.j2.txt", "handout.md.j2"),
        ("templates/locale/EN.po", "en.po"),
        ("content/Translations", "translations"),
    ]:
        assert f"{found}: warning: not used: materials-gen reads" in checked, checked
        assert f"found {found}: rename it to {name}" in checked, checked
    shutil.move(templates, project / "Templates")
    checked = said("check", "-p", str(project))
    assert "Templates: warning: not used" in checked and "rename it to templates" in checked
    shutil.move(project / "content", project / "Content")
    from click.testing import CliRunner

    from materials_gen.cli import main

    result = CliRunner().invoke(main, ["check", "-p", str(project)])
    assert result.exit_code == 1 and "found Content: rename it to content" in result.output


def test_a_template_no_output_is_made_from_is_told_not_used(project: Path) -> None:
    """A template saved as "handot.md.j2", or as the template of an output materials-gen
    does not make ("workbook.md.j2"), was passed over without a word, the built-in
    template used in its place. Each is named, with the name it may have been meant to
    have; a part another template includes, and the project's own templates, are not."""
    import shutil

    from .conftest import REPO, said

    templates = project / "templates"
    templates.mkdir()
    shutil.copy(REPO / "templates" / "handout.md.j2", templates / "handot.md.j2")
    (templates / "workbook.md.j2").write_text("# Workbook\n", encoding="utf-8")
    (templates / "closing.md.j2").write_text("Thank you.\n", encoding="utf-8")
    shutil.copy(REPO / "templates" / "guide.md.j2", templates / "guide.md.j2")
    (templates / "guide.md.j2").write_text(
        (templates / "guide.md.j2").read_text(encoding="utf-8")
        + '\n{% include "closing.md.j2" %}\n',
        encoding="utf-8",
    )
    checked = " ".join(said("check", "-p", str(project)).split())
    assert "templates/handot.md.j2: warning: not used: no output is made from this" in checked
    assert "did you mean 'handout.md.j2'? rename it to change the handout" in checked
    assert "templates/workbook.md.j2: warning: not used" in checked
    assert "closing.md.j2: warning" not in checked and "guide.md.j2: warning" not in checked


def test_a_translation_named_but_for_its_case_is_told_to_be_renamed(project: Path) -> None:
    """ "intro.MD" in content/translations/es/modules: the trainer was told to add
    intro.md, which seemed to be there."""
    from .conftest import said

    said("translate", "es", "-p", str(project))
    modules = project / "content" / "translations" / "es" / "modules"
    (modules / "intro.md").rename(modules / "intro.MD")
    checked = said("check", "-p", str(project))
    assert "found content/translations/es/modules/intro.MD: rename it to intro.md" in checked


def test_a_module_not_in_utf8_with_old_mac_line_endings_is_told_at_its_line(
    project: Path,
) -> None:
    """A module saved as Windows-1252 with a lone CR ending each line (an old Mac editor):
    the accent on line 11 was told at line 1."""
    intro = project / "content" / "modules" / "intro.md"
    lines = intro.read_text(encoding="utf-8").split("\n")
    lines[10] = lines[10] + " caf\u00e9"
    intro.write_bytes("\r".join(lines).encode("cp1252"))
    with pytest.raises(ContentError) as caught:
        load_project(project)
    (problem,) = [p for p in caught.value.problems if "not UTF-8" in p.message]
    assert (problem.location.file, problem.location.line) == ("content/modules/intro.md", 11)


def test_a_file_named_but_for_its_capitals_gets_one_fix(project: Path) -> None:
    """A module file saved as "Practice.md": its error said to rename it, the warning beside
    it to list a module 'Practice'; a table saved as "Approaches.yaml": its module said to
    rename it, the poster to name 'Approaches' instead. Each says to rename the file, and
    nothing else is said of it."""
    from click.testing import CliRunner

    from materials_gen.cli import main

    def checked() -> str:
        result = CliRunner().invoke(main, ["check", "-p", str(project)])
        assert result.exit_code == 1, result.output
        return " ".join(result.output.split())

    modules = project / "content" / "modules"
    (modules / "practice.md").rename(modules / "Practice.md")
    told = checked()
    assert "found content/modules/Practice.md: rename it to practice.md" in told, told
    assert "is not listed under 'modules'" not in told and "- Practice" not in told
    (modules / "Practice.md").rename(modules / "practice.md")
    tables = project / "content" / "tables"
    (tables / "approaches.yaml").rename(tables / "Approaches.yaml")
    course = project / "content" / "course.yaml"
    course.write_text(course.read_text(encoding="utf-8") + "poster:\n  table: approaches\n")
    told = checked()
    found = "found content/tables/Approaches.yaml: rename it to approaches.yaml"
    assert told.count(found) == 2, told  # the module's table and the poster's
    assert "did you mean" not in told
