"""YAML mistakes in plain words: each slip a trainer makes by hand, through the CLI.

Each case edits one line of a copy of the default kit the way people slip when they edit YAML,
and checks what the trainer reads: exit status 1, the file and the line to change (often not
the line PyYAML stopped at), a message in plain words, and none of PyYAML's own phrases.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from materials_gen.cli import main
from materials_gen.load import _Problems, parse_yaml

from .conftest import all_text, kit_copy

COURSE = "content/course.yaml"
WELCOME = "content/modules/welcome.md"
INFORMED = "content/modules/trauma-informed.md"
TABLE = "content/tables/comparison.yaml"

# PyYAML's words, which a trainer should never have to decode.
PARSER_WORDS = (
    "mapping values are not allowed",
    "expected <block end>",
    "could not find expected",
    "while scanning",
    "while parsing",
    "cannot start any token",
    "found unexpected end of stream",
)

# name: (file, line as written, line as slipped, the line named (a line of the slipped file,
#        found by its text), what the message says, what the hint says)
SLIPS: dict[str, tuple[str, str, str, str, str, str]] = {
    "a key indented too far": (
        WELCOME,
        "    audience: clinical\n    assessed: false\nkey_points:",
        "      audience: clinical\n    assessed: false\nkey_points:",
        "      audience: clinical",
        "`audience:` is indented further than `text:` above it",
        "move `audience:` 2 spaces to the left",
    ),
    "a key not indented far enough": (
        WELCOME,
        "    audience: clinical\n    assessed: false\nkey_points:",
        "   audience: clinical\n    assessed: false\nkey_points:",
        "   audience: clinical",
        "`audience:` is indented less than `text:` above it",
        "move `audience:` 1 space to the right",
    ),
    "a top-level key indented": (
        COURSE,
        "slug: trauma-care",
        "  slug: trauma-care",
        "  slug: trauma-care",
        "`slug:` is indented further than `subtitle:` above it",
        "so that it starts right under `subtitle:`",
    ),
    "a list item indented further than the one above": (
        INFORMED,
        "  - Describe how trauma can affect",
        "   - Describe how trauma can affect",
        "   - Describe how trauma can affect the way people act, feel and relate to others",
        "the `-` on line {line} is indented further than the `-` of the item above it",
        "move the `-` 1 space to the left",
    ),
    "an item with its own settings indented further than the one above": (
        "content/modules/comparison.md",
        "  - text: Identify which approach applies most to your own role",
        "   - text: Identify which approach applies most to your own role",
        "   - text: Identify which approach applies most to your own role",
        "the `-` on line {line} is indented further than the `-` of the item above it",
        "move the `-` 1 space to the left",
    ),
    # the item above has a setting of its own under it: YAML's words ("expected <block
    # end>, but found '<block sequence start>'") were told
    "an item indented further than an item with settings above it": (
        WELCOME,
        "  - Distinguish trauma-informed",
        "   - Distinguish trauma-informed",
        "   - Distinguish trauma-informed care from trauma-competent care in a sentence each",
        "the `-` on line {line} is indented further than the `-` of the item above it",
        "move the `-` 1 space to the left",
    ),
    "a list item indented less than the one above": (
        WELCOME,
        "  - Distinguish trauma-informed",
        " - Distinguish trauma-informed",
        " - Distinguish trauma-informed care from trauma-competent care in a sentence each",
        "the `-` on line {line} is indented less than the `-` of the item above it",
        "move the `-` 1 space to the right",
    ),
    "a tab for indentation": (
        COURSE,
        "  - id: clinical",
        "\t- id: clinical",
        "\t- id: clinical",
        "line {line} is indented with a tab; YAML indentation must be spaces",
        "replace the tab",
    ),
    "no space after the colon": (
        COURSE,
        "slug: trauma-care",
        "slug:trauma-care",
        "slug:trauma-care",
        "there is no space after the colon in `slug:trauma-care`",
        "`slug: trauma-care`",
    ),
    "a quote never closed": (
        COURSE,
        'version: "1.0"',
        'version: "1.0',
        'version: "1.0',
        'the quote (") after `version:` on line {line} is never closed',
        'add a closing " at the end of the text on line {line}',
    ),
    "an apostrophe inside single quotes": (
        WELCOME,
        "takeaway: Safety is where we begin",
        "takeaway: 'It's where we begin'\nx: Safety is where we begin",
        "takeaway: 'It's where we begin'",
        "in single quotes and has an apostrophe inside",
        'takeaway: "It\'s where we begin"',
    ),
    "a colon inside a text": (
        COURSE,
        "subtitle: Safety for everyone",
        "subtitle: Note: safety for everyone",
        "subtitle: Note: safety for everyone, skilled care where it is needed",
        "the text after `subtitle:` has a colon and a space in it",
        'subtitle: "Note: safety for everyone, skilled care where it is needed"',
    ),
    "a colon inside a text in a word processor's quotes": (
        COURSE,
        "subtitle: Safety for everyone, skilled care where it is needed",
        "subtitle: \u201cNote: safety for everyone\u201d",
        "subtitle: \u201cNote: safety for everyone\u201d",
        "the text after `subtitle:` has a colon and a space in it",
        "the quotes around it (\u201c \u201d) are a word processor's, which YAML reads as part "
        'of the text: use straight ones, subtitle: "Note: safety for everyone"',
    ),
    "a colon inside a table cell": (
        TABLE,
        "    informed: Noticing trauma",
        "    informed: Note: noticing trauma",
        "    informed: Note: noticing trauma and preventing further harm or re-traumatization",
        "the text after `informed:` has a colon and a space in it",
        'informed: "Note: noticing trauma',
    ),
    "a key given twice": (
        COURSE,
        "slug: trauma-care",
        "slug: trauma-care\ntitle: Another title",
        "title: Another title",
        "`title:` is given twice in the same place (first on line 1)",
        "keep one of them",
    ),
    "a key lined up with the list's dashes": (
        WELCOME,
        "    audience: clinical\n    assessed: false\nkey_points:",
        "  audience: clinical\n    assessed: false\nkey_points:",
        "  audience: clinical",
        "`audience:` is lined up with the `-` of the list item above it",
        "start it with '- ' if it is a new item",
    ),
    "a nested key not indented far enough": (
        TABLE,
        "      all-staff: Trauma-focused therapy",
        "    all-staff: Trauma-focused therapy",
        "    all-staff: Trauma-focused therapy by trained providers, and psychological first aid "
        "after a crisis",
        "`all-staff:` is lined up with `competent:` above it (line {above}), which has nothing "
        "after its colon",
        "if `all-staff:` and the lines after it belong to `competent:`, indent them further",
    ),
    "nested keys not indented at all": (
        TABLE,
        "      all-staff: Trauma-focused therapy by trained providers, and psychological first "
        "aid after a crisis\n      clinical:",
        "    all-staff: Trauma-focused therapy by trained providers, and psychological first "
        "aid after a crisis\n    clinical:",
        "    competent:",
        "'competent' has nothing after its colon; it must hold text",
        "if 'all-staff:' (line {below}) and the lines after it belong to 'competent', indent "
        "them further than 'competent:'",
    ),
    # spaces pasted from a word processor or an e-mail, where YAML needs an ordinary one
    "a non-breaking space in the indentation": (
        INFORMED,
        "  - Behavior that seems difficult",
        "\u00a0\u00a0- Behavior that seems difficult",
        "\u00a0\u00a0- Behavior that seems difficult can be a response to feeling unsafe",
        "line {line} has a non-breaking space at its start, where YAML needs an ordinary space",
        "retype the spaces at the start of line {line} as ordinary spaces",
    ),
    "a list item without the space after its dash": (
        COURSE,
        "  - trauma-competent care\n",
        "  -trauma-competent care\n",
        "  -trauma-competent care",
        "the `-` on line {line} has no space after it, so YAML reads `-trauma-competent care` "
        "as text, not as an item of the list",
        "put a space after the `-`: `- trauma-competent care`",
    ),
    "a list's first item without the space after its dash": (
        COURSE,
        "keywords:\n  - trauma-informed care\n",
        "keywords:\n  -trauma-informed care\n",
        "  -trauma-informed care",
        "the `-` on line {line} has no space after it",
        "put a space after the `-`: `- trauma-informed care`",
    ),
    "a first setting indented further than the others": (
        COURSE,
        "    trainer: Riverbend",
        "      trainer: Riverbend",
        "      trainer: Riverbend Learning and Development",
        "`trainer:` is indented further than the settings below it (`group_size:`, line {below})",
        "move `trainer:` 2 spaces to the left, so that it starts right above `group_size:`",
    ),
    "a non-breaking space after a key's colon": (
        INFORMED,
        "duration: 20",
        "duration:\u00a020",
        "duration:\u00a020",
        "line {line} has a non-breaking space after 'duration:', where YAML needs an ordinary",
        "retype the space after 'duration:' as an ordinary space",
    ),
}


@pytest.fixture
def kit(tmp_path: Path) -> Path:
    root = kit_copy(tmp_path)
    return root


@pytest.mark.parametrize("name", sorted(SLIPS))
def test_a_yaml_slip_names_the_line_to_change_in_plain_words(kit: Path, name: str) -> None:
    file, old, new, named, message, hint = SLIPS[name]
    path = kit / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is no longer in the kit's {file}"
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    line = text.split("\n").index(named) + 1
    result = CliRunner().invoke(
        main, ["build", "-p", str(kit), "--only", "handout"], catch_exceptions=False
    )
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert f"{file}:{line}:" in result.output, result.output
    numbers = {"line": line, "above": line - 1, "below": line + 1}
    assert message.format(**numbers) in result.output, result.output
    assert hint.format(**numbers) in result.output.split("hint: ", 1)[-1], result.output
    assert not any(words in result.output for words in PARSER_WORDS), result.output
    assert not (kit / "output").exists()  # nothing written


def test_a_non_breaking_space_after_a_list_s_dash_is_read_as_a_space(kit: Path) -> None:
    """'-' and a no-break space, as a web page or Google Docs pastes a list: YAML reads a
    list's entry only after an ordinary space, and the build stopped on it. It is read as
    the entry it is meant to be, as in a module's text."""
    path = kit / INFORMED
    text = path.read_text(encoding="utf-8")
    old = "  - Behavior that seems difficult"
    assert old in text
    path.write_text(text.replace(old, "  -\u00a0Behavior that seems difficult", 1), "utf-8")
    result = CliRunner().invoke(main, ["build", "-p", str(kit), "--only", "handout"])
    assert result.exit_code == 0, result.output
    handout = next((kit / "output").rglob("*all-staff-handout.pdf"))
    assert "Behavior that seems difficult can be a response" in " ".join(all_text(handout).split())


@pytest.mark.parametrize(
    ("file", "written"),
    [
        (WELCOME, "title: Welcome and overview"),
        (COURSE, "title: Trauma-Informed and Trauma-Competent Care"),
        ("content/translations/es/course.yaml", "translation_of: "),
        ("templates/theme.yaml", "name: Riverbend"),
        (TABLE, "title: Trauma-informed and trauma-competent care compared"),
        (TABLE, "  - id: aspect"),
        (WELCOME, "  - text: Describe the purpose of this session"),
        ("content/modules/practical-steps.md", "  - title: One step I will take"),
    ],
)
def test_a_first_name_without_its_colon_is_named_at_its_line(
    kit: Path, file: str, written: str
) -> None:
    """The first setting of a file or of a list item written without its colon ("title
    Welcome and overview"): YAML reads it as text running on into the next line and stops
    there, at the next setting's colon. The line without the colon is named, with the line
    as it should be; the message had PyYAML's words, the line after, and a vague hint."""
    path = kit / file
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(n for n, line in enumerate(lines) if line.startswith(written))
    right = lines[number]
    name = right.strip().removeprefix("- ").split(":")[0]
    lines[number] = right.replace(f"{name}:", name, 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "-p", str(kit)], catch_exceptions=False)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert f"{file}:{number + 1}:" in result.output, result.output
    assert f"line {number + 1} has no colon after `{name}`" in result.output, result.output
    assert f"hint: put a colon after the name: `{right.strip()}`" in result.output, result.output
    assert not any(words in result.output for words in PARSER_WORDS), result.output


@pytest.mark.parametrize(
    ("file", "written", "slipped", "text_of", "opened"),
    [
        (WELCOME, "  Walk through the agenda briefly.", "", "notes", "notes: |"),
        (
            WELCOME,
            "  Walk through the agenda briefly.",
            "Walk through the agenda: briefly.",
            "notes",
            "notes: |",
        ),
        (WELCOME, "  about two ideas that are easy to mix up:", "", "notes", "notes: |"),
        (COURSE, "  Trauma-informed care is the shared groundwork", "", "summary", "summary: >-"),
        (
            "content/modules/practical-steps.md",
            "      Place it on the matching flip chart",
            "",
            "instructions",
            "    instructions: >-",
        ),
    ],
    ids=["notes", "notes, with a colon", "notes, a colon in the line", "summary", "instructions"],
)
def test_a_line_of_a_text_that_lost_its_indentation_is_told_to_be_indented(
    kit: Path, file: str, written: str, slipped: str, text_of: str, opened: str
) -> None:
    """A line of a text over several lines (`notes: |`, `summary: >-`) pasted without its
    indentation ends the text, and YAML reads the line as a setting of its own: it was told
    "has text but no `name:` before it" with a hint to write it as `name: text`, or, with a
    colon in it, as an unknown key with the module's keys listed."""
    path = kit / file
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(n for n, line in enumerate(lines) if line.startswith(written))
    indent = len(lines[number]) - len(lines[number].lstrip())
    lines[number] = lines[number].lstrip().replace(slipped.replace(":", ""), slipped, 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    opener = lines.index(opened) + 1
    result = CliRunner().invoke(main, ["check", "-p", str(kit)], catch_exceptions=False)
    assert result.exit_code == 1, result.output
    said = (
        f"{file}:{number + 1}:1: error: line {number + 1} seems to continue the text of "
        f"`{text_of}:` (line {opener}), but is indented less than the lines of that text"
    )
    assert said in result.output, result.output
    assert f"hint: indent it like the lines above it, by {indent} spaces" in result.output
    assert "unknown key" not in result.output and "no `name:`" not in result.output
    assert not any(words in result.output for words in PARSER_WORDS), result.output


TRAUMA_INFORMED = "content/modules/trauma-informed.md"
SPANISH_WELCOME = "content/translations/es/modules/welcome.md"


@pytest.mark.parametrize(
    ("file", "after", "slipped", "text_of", "opened", "spaces", "hint"),
    [
        # a module's key, none it has: it was "unknown key 'Note'", did you mean 'notes'
        (
            WELCOME,
            "  them in the summary.",
            "Note: bring water",
            "notes",
            "notes: |",
            2,
            "if `Note:` is meant as a key, it is not one a module has (did you mean 'notes'?)",
        ),
        (
            WELCOME,
            "  Please do whatever helps you.",
            "Remember: bring water",
            "content_note",
            "content_note: |",
            2,
            "if `Remember:` is meant as a key, it is not one a module has",
        ),
        # an activity's key: "unknown key 'Tip'", its keys listed
        (
            "content/modules/practical-steps.md",
            "      Place it on the matching flip chart, then read the other notes for ideas.",
            "    Tip: bring water",
            "instructions",
            "    instructions: >-",
            6,
            "if `Tip:` is meant as a key, it is not one an entry of `activities:` has",
        ),
        # a text per audience: "unknown audience 'Note'"
        (
            TRAUMA_INFORMED,
            "    receptionists, drivers, teachers and managers as much as for clinicians.",
            "  Note: bring water",
            "all-staff",
            "  all-staff: |",
            4,
            "if `Note:` is meant as an audience, the course has none of that id",
        ),
        # at the left edge, between two audiences' texts: it was told to move 2 spaces right
        (
            TRAUMA_INFORMED,
            "    receptionists, drivers, teachers and managers as much as for clinicians.",
            "Note: bring water",
            "all-staff",
            "  all-staff: |",
            4,
            "if `Note:` is meant as a key beside `all-staff:`, move it 2 spaces to the right, so "
            "that it starts right under `all-staff:`",
        ),
        # a translation's: "unknown key 'Nota'"
        (
            SPANISH_WELCOME,
            "  de la sesión. Anote algunas respuestas",
            "Nota: traiga agua",
            "notes",
            "notes: |",
            2,
            "if `Nota:` is meant as a key, it is not one a module has",
        ),
    ],
    ids=["notes", "content note", "instructions", "per audience", "between audiences", "es"],
)
@pytest.mark.parametrize("command", ["check", "build"])
def test_a_line_of_a_text_with_a_colon_that_lost_its_indentation_is_told_to_be_indented(
    kit: Path,
    command: str,
    file: str,
    after: str,
    slipped: str,
    text_of: str,
    opened: str,
    spaces: int,
    hint: str,
) -> None:
    """A line of a text over several lines, pasted without its indentation and with a
    colon after its first word ("Note: bring water"), is read by YAML as a key of its own:
    it was told as an unknown key (or audience), as if the trainer had meant one. It is told
    as the line of the text above, to indent, and what the key is not, if one is meant."""
    path = kit / file
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(n for n, line in enumerate(lines) if line.startswith(after)) + 1  # 0-based
    lines.insert(number, slipped)
    path.write_text("\n".join(lines), encoding="utf-8")
    opener = lines.index(opened) + 1
    result = CliRunner().invoke(main, [command, "-p", str(kit)], catch_exceptions=False)
    assert result.exit_code == 1, result.output
    key = slipped.split(":")[0].strip()
    column = len(slipped) - len(slipped.lstrip()) + 1
    said = (
        f"{file}:{number + 1}:{column}: error: line {number + 1} seems to continue the text of "
        f"`{text_of}:` (line {opener}), but is indented less than the lines of that text above "
        f"it, so YAML reads `{key}:` as a key of its own\n"
        f"    hint: indent it like the lines above it, by {spaces} spaces (as on line {number}); "
        + hint
    )
    assert said in result.output, result.output
    assert "unknown" not in result.output, result.output
    assert not any(words in result.output for words in PARSER_WORDS), result.output


def test_a_line_with_a_colon_that_lost_its_indentation_mid_text_is_the_one_told(
    kit: Path,
) -> None:
    """`Note: bring water` at the left edge in the middle of `notes: |` (not after its last
    line): YAML reads the next line of the notes as more of `Note:`'s text, and stops at
    its own colon ("the Application row: ..."). That innocent line was told to move two
    spaces to the left, which broke the notes further."""
    path = kit / "content" / "modules" / "comparison.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    opener = lines.index("notes: |")
    after = next(n for n in range(opener, len(lines)) if "Application row:" in lines[n])
    lines.insert(after, "Note: bring water")
    path.write_text("\n".join(lines), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "-p", str(kit)], catch_exceptions=False)
    assert result.exit_code == 1, result.output
    said = " ".join(result.output.split())
    assert (
        f"content/modules/comparison.md:{after + 1}:1: error: line {after + 1} seems to "
        f"continue the text of `notes:` (line {opener + 1}), but is indented less than the "
        "lines of that text above it, so YAML reads `Note:` as a key of its own"
    ) in said, said
    assert "hint: indent it like the lines above it, by 2 spaces" in said
    assert "to the left" not in said and "Application row:` is indented" not in said


@pytest.mark.parametrize("key", ["takeaway: Safety first", "Takeaway: Safety first"])
def test_a_key_after_a_text_over_lines_is_still_a_key(kit: Path, key: str) -> None:
    """A module's own key at the left edge after a text over lines is that key (the
    module's, after its notes); one it has not, like one of its own, is told as the line
    of the text, with the key it is like."""
    path = kit / WELCOME
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "takeaway: Safety is where we begin, for the people we serve and for ourselves.\n", ""
    )
    text = text.replace("  them in the summary.\n", f"  them in the summary.\n{key}\n")
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "-p", str(kit)], catch_exceptions=False)
    if key.startswith("takeaway"):
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == 1, result.output
    assert "line 32 seems to continue the text of `notes:` (line 18)" in result.output
    assert "it is not one a module has (did you mean 'takeaway'?)" in result.output


# Slips the kit's files do not show, checked on the loader alone: (text, line, message, hint).
MORE: dict[str, tuple[str, int, str, str]] = {
    "a text starting with '@'": (
        "title: @home visits\n",
        1,
        "starts with '@', which YAML keeps for itself",
        'title: "@home visits"',
    ),
    "a text starting with '['": (
        "title: [Draft] Safety\n",
        1,
        "starts with '[', so YAML reads it as a list",
        'title: "[Draft] Safety"',
    ),
    "text after a quoted part": (
        'title: "Safe" rooms\n',
        1,
        "starts with a quote, so YAML reads only up to the next quote",
        "title: '\"Safe\" rooms'",
    ),
    "a quote closed lines later": (
        'title: "Safe rooms\nduration: 10\nnotes: "calm"\n',
        1,
        'the quote (") after `title:` on line 1 is never closed',
        "add a closing",
    ),
    "a list item's quote closed lines later": (
        'points:\n  - calm\n  - "Safe rooms\n  - quiet\nnotes: |\n  Say "hello" first.\n',
        3,
        'the quote (") on line 3 is never closed',
        "add a closing",
    ),
    "a quote closed on a later line, before a slip elsewhere": (
        'points:\n  - "Safe rooms\n    and calm"\n  - quiet\ntitle: [Draft\n',
        5,
        "the '[' on line 5 starts a list that is never closed",
        "",
    ),
    "a line of text without a key": (
        "notes: Calm rooms\nhelp everyone\nduration: 10\n",
        2,
        "line 2 has text but no `name:` before it",
        "if it continues the text of `notes:` (line 1), indent it further",
    ),
    "a text on the line under its key, not indented": (
        "- question:\n  Which one is right?\n  answer: b\n",
        2,
        "line 2 has text but no `name:` before it",
        "if it is the text of `question:` (line 1), indent it further than `question:`, or put "
        "it on line 1 after the colon",
    ),
    "a list item after a text": (
        "title: Safe rooms\n  - calm\n",
        2,
        "line 2 starts a list item, but `title:` already has a text on line 1",
        "a setting holds one text or a list",
    ),
    "a first name without its colon, with a comment after its text": (
        "title Safe rooms  # the title\nduration: 10\n",
        1,
        "line 1 has no colon after `title`, so YAML reads the line as text",
        "put a colon after the name: `title: Safe rooms`",
    ),
    "a list item's first name without its colon, with a comment after its text": (
        "objectives:\n  - text Describe  # first\n    assessed: false\n",
        2,
        "line 2 has no colon after `text`",
        "put a colon after the name: `- text: Describe`",
    ),
    "a first name without its colon over the settings it holds": (
        "fonts\n  body: Noto Sans\n  heading: Lato\n",
        1,
        "line 1 has no colon after `fonts`",
        "put a colon after the name: `fonts:`",
    ),
    "a first name without its colon over the list it holds": (
        "objectives\n  - text: Describe\n",
        1,
        "line 1 has no colon after `objectives`",
        "put a colon after the name: `objectives:`",
    ),
    "a line of a text carried on over lines, without its indentation": (
        "summary: This course explains\n  two related ways\nof responding to trauma\ntitle: x\n",
        3,
        "line 3 seems to continue the text of `summary:` (line 1), but is indented less",
        "indent it like the lines above it, by 2 spaces (as on line 2)",
    ),
    "a setting without its colon after a text over lines": (
        "title: Welcome\nnotes: |\n  Calm rooms\n\n  help everyone\nduration 10\n",
        6,
        "line 6 has no colon after `duration`",
        "put a colon after the name: `duration: 10`; or, if the line is more of the text of "
        "`notes:` (line 2), indent it like the lines above it, by 2 spaces (as on line 5)",
    ),
    "a block text line indented too little": (
        "notes: |\n  Calm rooms\n help everyone\nduration: 10\n",
        3,
        "line 3 is indented less than the lines above it of the text of `notes:`",
        "indent every line of that text by the same 2 spaces",
    ),
    "a backslash in double quotes": (
        'path: "C:\\shared"\n',
        1,
        "a backslash (\\) starts a special character",
        "path: 'C:\\shared'",
    ),
    "a folder's \\U in double quotes, which YAML reads as a character's number": (
        'subtitle: "Saved in C:\\Users\\ana\\Training"\n',
        1,
        "a backslash (\\) starts a special character, and '\\U' here is not one",
        "subtitle: 'Saved in C:\\Users\\ana\\Training'",
    ),
    "a full-width colon, typed on a Chinese or Japanese keyboard": (
        "audiences:\n  - id\uff1a clinical\n    name: Clinical\n",
        2,
        "line 2 has a full-width colon (\uff1a) after 'id', which YAML does not read as a colon",
        "retype it as an ordinary colon and a space: id: ...",
    ),
    "a list item started with an en dash a word processor made": (
        "key_points:\n  - Calm\n  \u2013 Calm rooms help\n  - More\n",
        3,
        "line 3 starts with an en dash (\u2013), which YAML does not read as the '-'",
        "retype it as a hyphen (-) followed by a space",
    ),
    "a list item started with '*', as in Markdown": (
        "key_points:\n  * Calm rooms help\n  * More\n",
        2,
        "line 2 starts with '*', which is not YAML's '-'",
        "retype the '*' as a hyphen (-): - Calm rooms help",
    ),
    "a key written as a list after '?'": (
        "title: Rooms\n? [a, b]\n",
        2,
        "a key must be a word",
        "a '?' at the start of a line, or a '[' or '{' before the colon, makes the key a list",
    ),
    "an unclosed list": (
        "keywords: [calm, safe\ntitle: Rooms\n",
        1,
        "the '[' on line 1 starts a list that is never closed with ']'",
        "close it with ']'",
    ),
    "a list opened on the last line and never closed": (
        "title: Rooms\nkeywords: [calm, {safe: yes}, [[\n",
        2,
        "the '[' on line 2 starts a list that is never closed with ']'",
        "close it with ']'",
    ),
    "an em space in a list's indentation": (
        "title: Rooms\nkeywords:\n\u2003- calm\n- safe\n",
        3,
        "line 3 has a typographic space at its start, where YAML needs an ordinary space",
        "retype the spaces at the start of line 3 as ordinary spaces",
    ),
    "no space after the colon of the last key": (
        "title: Rooms\nduration:10\n",
        2,
        "no space after the colon in `duration:10`",
        "`duration: 10`",
    ),
    "a module added at the end of the file, under the settings": (
        "modules:\n  - welcome\n  - intro\nsettings:\n  paper: a4\n  session:\n"
        "    start: '09:00'\n  - practice\n",
        8,
        "line 8 is a list item ('- practice'), but it stands among the `key: value` lines of "
        "`settings:` (line 4), such as `session:` on line 6",
        "move it up into the list of `modules:` (line 1), under its other items",
    ),
    "a list item in Markdown bold": (
        "key_points:\n  - **Always** assume good intent\n  - Next\n",
        2,
        "this list item starts with '*' (YAML reads it as a reference to another part)",
        'put the item\'s text in quotes: - "**Always** assume good intent"',
    ),
    "a list item starting with a bracketed word": (
        "key_points:\n  - [Optional] assume good intent\n",
        2,
        "this list item starts with '[', so YAML reads it as a list or set of settings",
        'put the item\'s text in quotes: - "[Optional] assume good intent"',
    ),
    "a list item in bold, with a comment after it": (
        "key_points:\n  - **Always** assume good intent  # the first one\n",
        2,
        "this list item starts with '*'",
        'put the item\'s text in quotes: - "**Always** assume good intent"',
    ),
    "a title starting with an ampersand word": (
        "title: Safe Rooms\norganisation: &Co Training\n",
        2,
        "'&Co' at the start of this text is read by YAML as a name for it (an anchor) "
        "and left out of it",
        'put the whole text in quotes: "&Co Training"',
    ),
    "a list item starting with an ampersand word": (
        "key_points:\n  - Calm\n  - &more to come\n",
        3,
        "'&more' at the start of this text is read by YAML as a name for it",
        'put the whole text in quotes: "&more to come"',
    ),
    "a list's first item written without its dash": (
        "key_points:\n  Calm rooms\n  - Next\n",
        3,
        "line 3 starts a list item, but `key_points:` already has a text on line 2, so YAML "
        "reads the item as more of that text",
        "if line 2 is an item of the list too, start it with '- '; if line 3 continues the "
        "text, remove its '-'",
    ),
    "a text under its key with a list item after it": (
        "title: x\ntakeaway:\n  Safety is where we begin,\n  for the people we serve\n"
        "  - and for ourselves.\n",
        5,
        "line 5 starts a list item, but `takeaway:` already has a text on line 3",
        "if line 5 continues the text, remove its '-'",
    ),
    "a list item without its space, starting with '#'": (
        "key_points:\n  - Calm\n  -#5 fee\n",
        3,
        "the `-` on line 3 has no space after it",
        'put a space after the `-`: `- "#5 fee"`',
    ),
    "a list item of settings without the space after its dash": (
        "audiences:\n  - id: all-staff\n    name: All\n  -id: clinical\n    name: Clin\n",
        4,
        "the `-` on line 4 has no space after it, so YAML reads `-id: clinical` as text",
        "put a space after the `-`: `- id: clinical`",
    ),
    "a per-audience value moved left, between two of its set": (
        "title: x\nduration:\n  all-staff: 15\nnurses: 30\n  pharmacists: 20\n",
        4,
        "`nurses:` is indented less than `all-staff:` above it (line 3) and `pharmacists:` "
        "below it (line 5)",
        "if `nurses:` belongs with them, move it 2 spaces to the right",
    ),
    "a per-audience list moved left, between two of its set": (
        "poster:\n  panel:\n    points:\n      all-staff:\n        - Lock it\n"
        "    nurses:\n        - Check it\n      pharmacists:\n        - Review it\n",
        6,
        "`nurses:` is indented less than `all-staff:` above it (line 4) and `pharmacists:` "
        "below it (line 8)",
        "move it 2 spaces to the right, so that it starts right under `all-staff:`",
    ),
    "a list item starting with a backtick": (
        "key_points:\n  - `Reset` the room\n",
        2,
        "this list item starts with a backtick (`), which YAML keeps for itself",
        'put the item\'s text in quotes: - "`Reset` the room"',
    ),
}


@pytest.mark.parametrize("name", sorted(MORE))
def test_more_yaml_slips_in_plain_words(name: str) -> None:
    text, line, message, hint = MORE[name]
    problems = _Problems()
    assert parse_yaml(text, "f.yaml", problems) is None or problems.errors
    (problem,) = problems.errors
    assert problem.location is not None and problem.location.line == line, problem.format()
    assert message in problem.message, problem.format()
    assert hint in problem.hint, problem.format()
    assert not any(words in problem.format() for words in PARSER_WORDS)


@pytest.mark.parametrize(
    ("marks", "named", "retype"),
    [
        ("\u2022\u2022\u2022", "a bullet (\u2022)", "'\u2022'"),
        ("\u2013\u2013\u2013", "an en dash (\u2013)", "'\u2013'"),
        ("\u2014\u2014\u2014", "an em dash (\u2014)", "'\u2014'"),
        ("\u25e6\u25aa\u25aa", "a bullet (\u25e6) and a bullet (\u25aa)", "'\u25e6' and '\u25aa'"),
        (
            "\u00b7\u2212\u2011",
            "a middle dot (\u00b7), a minus sign (\u2212) and a non-breaking hyphen",
            "'\u00b7', '\u2212' and '\u2011'",
        ),
        ("+++", "a plus sign (+)", "'+'"),
    ],
)
def test_a_list_written_with_bullets_or_dashes_names_their_lines(
    kit: Path, marks: str, named: str, retype: str
) -> None:
    """key_points written with a word processor's bullets or dashes ("  \u2022 Calm rooms"):
    YAML reads the lines as one text, and the message said only that 'key_points' must be a
    list, "starting with '- '". It names the lines and the character that is not YAML's '-'."""
    path = kit / WELCOME
    text = path.read_text(encoding="utf-8")
    items = [
        "  - Trauma is common among the people we serve and the people we work beside",
        "  - Trauma-informed care is part of every role in the organization",
        "  - Trauma-competent care is the specialist layer for those who treat trauma",
    ]
    old = "\n".join(items) + "\n  - Look after yourself today; step out whenever you need to\n"
    old += "  - text: Clinical providers go deeper on interventions, supervision and self-care\n"
    old += "    audience: clinical\n"
    assert old in text
    new = "".join(f"  {mark}{item[3:]}\n" for mark, item in zip(marks, items, strict=True))
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    line = text.split("\n").index(items[0]) + 1
    result = CliRunner().invoke(main, ["check", "-p", str(kit)], catch_exceptions=False)
    assert result.exit_code == 1, result.output
    said = (
        f"{WELCOME}:{line}:3: error: 'key_points' must be a list, but lines {line}, "
        f"{line + 1} and {line + 2} start with {named}"
    )
    assert said in result.output, result.output
    assert "not YAML's '-'" in result.output, result.output
    assert (
        f"hint: retype each {retype} as a hyphen (-) followed by a space: - Trauma is common"
        in result.output
    ), result.output
    assert "starting with '- '" not in result.output


@pytest.mark.parametrize(
    ("title", "said", "hint"),
    [
        ("yes", "'title' must be text, not a yes/no value (yes)", 'put the value in quotes: "yes"'),
        ("NO", "'title' must be text, not a yes/no value (NO)", 'put the value in quotes: "NO"'),
        ("Off", "'title' must be text, not a yes/no value (Off)", 'put the value in quotes: "Off"'),
        ("~", "'title' is '~', which YAML reads as nothing; it must hold text", 'title: "~"'),
        ("Null", "'title' is 'Null', which YAML reads as nothing", 'title: "Null"'),
    ],
)
def test_yaml_s_words_for_yes_no_and_nothing_are_told_as_typed(
    kit: Path, title: str, said: str, hint: str
) -> None:
    """YAML reads yes, NO, Off as yes/no and ~ as nothing, and keys 'true:' and 'null:' as
    those too: the messages said Python's words ("yes/no value (true)", "unknown key
    'True'", "'None'") or that '~' was "nothing after its colon". They say what was typed."""
    path = kit / WELCOME
    text = path.read_text(encoding="utf-8")
    old = "title: Welcome and overview\n"
    assert old in text
    text = text.replace(old, f"title: {title}\ntrue: calm\nnull: rooms\n", 1)
    path.write_text(text, encoding="utf-8")
    line = text.split("\n").index(f"title: {title}") + 1
    result = CliRunner().invoke(main, ["check", "-p", str(kit)], catch_exceptions=False)
    assert result.exit_code == 1, result.output
    assert f"{WELCOME}:{line}:1: error: {said}" in result.output, result.output
    assert hint in result.output, result.output
    assert f"{WELCOME}:{line + 1}:1: error: unknown key 'true'" in result.output
    assert f"{WELCOME}:{line + 2}:1: error: unknown key 'null'" in result.output
    assert "True" not in result.output and "None" not in result.output
    assert "(true)" not in result.output and "(false)" not in result.output


def test_a_name_given_to_a_text_and_used_is_no_slip() -> None:
    """An anchor that an alias repeats is YAML at work, not a slip: both texts are kept."""
    problems = _Problems()
    doc = parse_yaml("a: &room Calm rooms\nb: *room\n", "f.yaml", problems)
    assert doc is not None and doc.data == {"a": "Calm rooms", "b": "Calm rooms"}
    assert not problems.errors


def test_front_matter_slips_count_lines_from_the_top_of_the_module(kit: Path) -> None:
    """A module's YAML starts on line 2 (after '---'): the line named is the file's line."""
    path = kit / WELCOME
    text = path.read_text(encoding="utf-8").replace("duration: 10", "duration:10", 1)
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "-p", str(kit)], catch_exceptions=False)
    assert result.exit_code == 1
    assert f"{WELCOME}:3:" in result.output and "`duration:10`" in result.output, result.output


@pytest.mark.parametrize(
    ("text", "kept", "hint"),
    [
        ("title: Room #4 safety\n", "Room", 'title: "Room #4 safety"'),
        ("key_points:\n  - Step #2 of 3\n", "Step", '- "Step #2 of 3"'),
    ],
)
def test_a_text_cut_short_at_a_hash_is_a_warning(text: str, kept: str, hint: str) -> None:
    problems = _Problems()
    doc = parse_yaml(text, "f.yaml", problems)
    assert doc is not None and not problems.errors
    (warning,) = problems.warnings
    assert warning.location is not None and warning.location.line == text.count("\n")
    assert "the words after '#'" in warning.message and "left out" in warning.message
    assert hint in warning.hint


def test_a_comment_set_off_by_two_spaces_is_no_slip() -> None:
    problems = _Problems()
    parse_yaml("title: Rooms  # a short title\nduration: 10 # minutes\n", "f.yaml", problems)
    assert not problems.errors and not problems.warnings


@pytest.mark.parametrize(
    "text",
    [
        'objectives:\n  - "Name the signs of stress"  # core\n     in yourself\n',
        'activities:\n  - "Role play"  # in pairs\n    minutes: 10\n',
    ],
)
def test_a_quoted_list_item_with_a_comment_is_not_blamed_for_the_line_after_it(
    text: str,
) -> None:
    problems = _Problems()
    parse_yaml(text, "f.yaml", problems)
    (problem,) = problems.errors
    assert "this list item starts with" not in problem.message, problem.format()
    assert problem.location is not None and problem.location.line == 3, problem.format()


@pytest.mark.parametrize(
    "written", ["\u201c0.1\u201d", "\u2018Safe Rooms\u2019", "\u201eSichere R\u00e4ume\u201c"]
)
def test_a_text_wrapped_in_a_word_processors_quotes_is_warned_of(written: str) -> None:
    """version: “0.1” (typed in a word processor) printed “0.1” with its quotes on every
    footer: YAML reads only straight quotes as quotes. A warning at the value says so."""
    problems = _Problems()
    doc = parse_yaml(f"title: Safe Rooms\nversion: {written}\n", "f.yaml", problems)
    assert doc is not None and doc.data["version"] == written  # kept as written, and told
    (warning,) = problems.warnings
    assert warning.location is not None and warning.location.line == 2
    assert "wrapped in a word processor's quotes" in warning.message
    assert warning.hint == f'use straight quotes, "{written[1:-1]}", or none'


def test_curly_quotes_inside_a_text_or_in_straight_quotes_are_text() -> None:
    problems = _Problems()
    parse_yaml('a: He said \u201chello\u201d twice\nb: "\u201cquoted\u201d"\n', "f.yaml", problems)
    assert not problems.warnings


def test_a_value_left_out_as_a_comment_is_told_to_be_quoted(kit: Path) -> None:
    """``primary: #1F4E79`` reads as 'primary:' and a comment: it was told "has nothing after
    its colon; write it after 'primary: '", which is what the trainer did. The hint says
    that '#' starts a comment and shows the value in quotes; so in a module's front matter,
    whose lines count from the file's top."""
    theme = kit / "templates" / "theme.yaml"
    theme.write_text(
        theme.read_text(encoding="utf-8").replace('primary: "#1F4E79"', "primary: #1F4E79"),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["check", "-p", str(kit)], catch_exceptions=False)
    assert result.exit_code == 1
    said = " ".join(result.output.split())
    assert (
        "'primary' has nothing after its colon; it must hold text hint: a '#' after a colon "
        "starts a comment in YAML, so '#1F4E79' was left out: put it in quotes, "
        'primary: "#1F4E79"'
    ) in said
    path = kit / WELCOME
    path.write_text(
        path.read_text(encoding="utf-8").replace("title: Welcome", "title: #1 Welcome", 1),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["check", "-p", str(kit)], catch_exceptions=False)
    said = " ".join(result.output.split())
    assert f"{WELCOME}:2:" in said and 'put it in quotes, title: "#1 Welcome and overview"' in said


def test_a_folder_in_double_quotes_that_loses_its_letters_is_warned_of() -> None:
    """ "S:\\new-staff\\forms" in double quotes printed "S:" a line break "ew-staff", a page
    feed and "orms", without a word: "\\n" and "\\f" are special characters there. A
    Windows folder in double quotes with one is warned of, with the single quotes to use;
    one whose backslashes are written twice is no slip."""
    problems = _Problems()
    doc = parse_yaml('subtitle: "Forms: S:\\new-staff\\forms"\n', "f.yaml", problems)
    assert doc is not None and not problems.errors
    (warning,) = problems.warnings
    assert warning.location is not None and warning.location.line == 1
    assert "the folder in" in warning.message and "its letters lost" in warning.message
    assert warning.hint == "put it in single quotes: 'Forms: S:\\new-staff\\forms'"
    problems = _Problems()
    parse_yaml(
        'subtitle: "S:\\\\new-staff\\\\forms"\nnote: "Line one\\nLine two"\n', "f.yaml", problems
    )
    assert not problems.warnings and not problems.errors
