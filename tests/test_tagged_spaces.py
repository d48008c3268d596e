"""What a screen reader reads from the tags keeps every space a printed page leaves out: a
line break between two words reads as a space however the words are styled (a bold word at
the end of a line, then plain text), and a contents entry reads as its title, a space, then
its page number ("Checklists 12", "clinical practice 12"), never run together.

Read with poppler's ``pdfinfo -struct-text``: the text of each structure element, as
assistive technology is given it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from materials_gen.build import BuildOptions, build

from .conftest import PROJECTS, edit, run, tool

INTRO = Path("content") / "modules" / "intro.md"
# words of two to nine letters, every third bold, every seventh italic, every eleventh a link:
# at some width, each style ends a line somewhere
WORDS = ["".join("abcdefghij"[(n * 7 + k * 3) % 10] for k in range(2 + n % 8)) for n in range(240)]
STYLED = " ".join(
    f"**{w}**"
    if n % 3 == 0
    else f"*{w}*"
    if n % 7 == 0
    else f"[{w}](https://example.org/{w})"
    if n % 11 == 0
    else w
    for n, w in enumerate(WORDS)
)
LONG_TITLE = "Trauma-competent care in clinical practice for every team that meets people in crisis"


def tagged_texts(path: Path) -> list[tuple[str, str]]:
    """Each structure element's text: (element type, its text)."""
    found: list[tuple[str, str]] = []
    for line in run(tool("pdfinfo"), "-struct-text", str(path)).stdout.splitlines():
        text = line.strip()
        if text.startswith('"') and found:
            kind, said = found[-1]
            found[-1] = (kind, said + text[1:-1])
        elif text and not text.startswith("/"):
            found.append((text.split()[0].rstrip(":"), ""))
    return found


@pytest.fixture(scope="module")
def styled(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[bool, str], Path]:
    """The minimal project with a long paragraph of styled words in its first module's text
    and notes, and a module title long enough to take two lines in the contents: (large
    print, kind) -> its all-staff handout and guide."""
    folder = tmp_path_factory.mktemp("tagged-spaces")
    project = folder / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    edit(
        project / INTRO, "Rooms shape how people feel.", STYLED + "\n\nRooms shape how people feel."
    )
    edit(project / INTRO, "notes: Say hello and explain the session.", f'notes: "{STYLED}"')
    edit(project / INTRO, "title: Welcome to safe rooms", f"title: {LONG_TITLE}")
    found = {}
    for large in (False, True):
        options = BuildOptions(
            output=folder / f"out-{large}",
            audiences=("all-staff",),
            kinds=("handout", "guide"),
            large_print=large,
        )
        for made in build(project, options).built:
            found[large, made.target.kind.name] = made.path
    return found


@pytest.mark.parametrize("large", [False, True], ids=["standard", "large-print"])
@pytest.mark.parametrize("kind", ["handout", "guide"])
def test_a_line_ending_in_a_bold_italic_or_linked_word_keeps_its_space(
    styled: dict[tuple[bool, str], Path], kind: str, large: bool
) -> None:
    """Every word of the styled paragraph reads as itself: none run into the next where a
    line broke after a bold ("Cccccccc" + "ddddddd" read "Ccccccccddddddd"), italic or
    linked word."""
    words = set(WORDS)
    # the styled paragraph (its parts, where it crossed a page), none of the other text
    texts = [text for _, text in tagged_texts(styled[large, kind])]
    read = [
        word
        for text in texts
        if sum(w in words for w in text.split()) > 10
        for word in re.findall(r"\b[a-j]{2,}\b", text)
    ]
    run_together = sorted({w for w in read if w not in words})
    assert not run_together, run_together[:10]
    assert sum(w in words for w in read) >= len(WORDS)  # the paragraph was read


@pytest.mark.parametrize("large", [False, True], ids=["standard", "large-print"])
@pytest.mark.parametrize("kind", ["handout", "guide"])
def test_a_contents_entry_reads_its_title_then_its_page(
    styled: dict[tuple[bool, str], Path], kind: str, large: bool
) -> None:
    """A long title over two lines reads with the space where its line broke, then a space,
    then its page number."""
    entries = [text for element, text in tagged_texts(styled[large, kind]) if element == "TOCI"]
    assert entries, kind
    for entry in entries:
        assert re.fullmatch(r".*\D \d+", entry), entry
    (long,) = [entry for entry in entries if "Trauma-competent" in entry]
    assert re.fullmatch(rf"1\. {LONG_TITLE} \d+", long), long


def test_the_kits_tags_keep_their_spaces(kit_languages: dict[tuple[str, str, str], Path]) -> None:
    """The default kit: no sentence runs into the next where a bold lead-in ended a line
    ("without harm.Assessment"), no contents entry into its page ("Checklists12")."""
    for (language, audience, kind), path in sorted(kit_languages.items()):
        if kind not in ("handout", "guide"):
            continue
        for element, text in tagged_texts(path):
            glued = re.findall(r"\w+[.?!:][\"”]?[A-Z]\w+", text)
            assert not glued, (language, audience, kind, glued)
            if element == "TOCI":
                assert re.fullmatch(r".*\D \d+", text), (language, audience, kind, text)
