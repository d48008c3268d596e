"""The overview page as data and as HTML: who gets what, problems, escaping."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from materials_gen.cli import main
from materials_gen.errors import Location, Problem
from materials_gen.overview import (
    AudienceOutputs,
    ChangeLine,
    Item,
    ModuleRow,
    Output,
    Overview,
    ProblemLine,
    compare,
    make_overview,
    render_page,
)
from materials_gen.theme import Colours


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(page: str) -> _Tags:
    tags = _Tags()
    tags.feed(page)
    tags.close()
    return tags


@pytest.fixture
def built(project: Path) -> Path:
    result = CliRunner().invoke(main, ["build", "--project", str(project)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return project


def test_compare_shows_boxes_and_quotes_as_their_words() -> None:
    """A module's callout box and quote showed on the page as typed: "::: {.callout
    title=..."} Lock, lights ... :::" and "> If an exit is blocked"; a box is shown by its
    title (which its page prints) and its words."""
    box = '::: {.callout title="Remember"}\nLock, lights, out of sight.\n:::'
    quote = "> If an exit is blocked, use the **other** one."
    items = [["paragraph", box], ["paragraph", quote]]
    snapshots = {"staff": {"modules": [{"id": "a", "title": "A", "items": items}]}}
    (row,) = compare(snapshots, ["staff"], {"staff": "Staff"})
    assert [i.text for i in row.items] == [
        "Remember: Lock, lights, out of sight.",
        "If an exit is blocked, use the other one.",
    ]


@pytest.mark.slow
def test_the_comparison_marks_what_only_clinical_providers_get(built: Path) -> None:
    overview = make_overview(built, built / "output", None)
    items = {i.text: i for m in overview.comparison for i in m.items}
    clinical = items["Plan a clinical room layout for a session"]
    assert clinical.audiences == ("Clinical providers",) and not clinical.everyone
    shared = items["Name one way to make a room feel safer"]
    assert shared.everyone and shared.audiences == ("All staff", "Clinical providers")
    # the per-audience variants of one field: each marked with its own audience
    assert items["Small changes make rooms safer."].audiences == ("All staff",)
    # text as the reader sees it, not the content's Markdown
    assert "Rooms shape how people feel. Use soft light and clear signs." in items
    page = render_page(overview)
    row = page[page.index("Plan a clinical room layout") :][:300]
    assert "only Clinical providers" in row


@pytest.mark.slow
def test_problems_show_at_the_top_while_the_last_outputs_stay(built: Path) -> None:
    problem = Problem(
        Location("content/modules/intro.md", 9, 3),
        "unknown field 'key_pointz'",
        "did you mean 'key_points'?",
    )
    overview = make_overview(built, built / "output", None, [problem])
    page = render_page(overview, live=True)
    text = " ".join(" ".join(parsed(page).text).split())
    assert "content/modules/intro.md:9:3" in text
    assert "did you mean 'key_points'?" in text
    assert text.index("unknown field") < text.index("Handout")
    assert len([f for a in overview.audiences for f in a.outputs]) == 16
    assert "all-staff/safe-rooms-all-staff-handout.pdf" in page


def test_notes_are_counted_apart_from_warnings(built: Path) -> None:
    """The page said "6 warnings" where the terminal said 4: the roster's notes ("info")
    were counted as warnings. Warnings and notes are counted apart, as the terminal does."""
    said = [
        Problem(Location("content/course.yaml", 3), "a fact to fill in", severity="warning"),
        Problem(Location("people.csv", 1), "column 'Email' is not used", severity="info"),
        Problem(Location("people.csv", 4), "a row repeated", severity="info"),
    ]
    overview = make_overview(built, built / "output", None, said)
    text = " ".join(" ".join(parsed(render_page(overview, live=True)).text).split())
    assert "1 warning, 2 notes: the files were made" in text
    assert "Warnings (1)" in text and "3 warnings" not in text
    notes = make_overview(built, built / "output", None, said[1:])
    text = " ".join(" ".join(parsed(render_page(notes, live=True)).text).split())
    assert "2 notes: the files were made" in text and "Notes (2)" in text
    assert "Warnings (" not in text and "warnings: the files" not in text


def test_every_text_is_escaped() -> None:
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    output = Output(
        path=f"a/{evil}.pdf",
        kind="handout",
        label=evil,
        description=evil,
        pages=2,
        unit="pages",
        size=2048,
        status="built",
        reasons=(evil,),
        thumbnails=(f".thumbs/{evil}.png",),
    )
    overview = Overview(
        title=evil,
        version=evil,
        date=evil,
        audiences=(AudienceOutputs(evil, evil, (output,)),),
        comparison=(ModuleRow(evil, evil, (evil,), False, (Item(evil, evil, (evil,), False),)),),
        changes=(ChangeLine(evil, evil, evil, evil, evil),),
        problems=(ProblemLine("error", evil, evil, evil),),
        colours=dict(Colours().model_dump()),
        rebuilt=1,
        total=1,
    )
    page = render_page(overview)
    tags = parsed(page)
    assert "script" not in tags.tags
    assert tags.tags.count("img") == 2  # the thumbnail and its enlarged view, nothing injected
    assert "onerror=alert" not in page.replace("onerror=alert(1)&gt;", "")
    assert "&lt;script&gt;" in page
    assert evil in " ".join(tags.text)  # shown as the text it is


def test_compare_keeps_the_course_order_across_audiences() -> None:
    snapshots = {
        "staff": {"modules": [{"id": "a", "title": "A", "items": [["key point", "one"]]}]},
        "clinical": {
            "modules": [
                {"id": "a", "title": "A", "items": [["key point", "one"], ["key point", "two"]]},
                {"id": "b", "title": "B *deep*", "items": [["key point", "three"]]},
            ]
        },
    }
    rows = compare(snapshots, ["staff", "clinical"], {"staff": "Staff", "clinical": "Clinical"})
    assert [r.title for r in rows] == ["A", "B deep"]
    assert rows[0].everyone and not rows[1].everyone
    assert rows[1].audiences == ("Clinical",)
    assert [(i.text, i.audiences) for i in rows[0].items] == [
        ("one", ("Staff", "Clinical")),
        ("two", ("Clinical",)),
    ]


@pytest.mark.slow
def test_the_live_page_makes_missing_thumbnails_and_drops_stale_ones(built: Path) -> None:
    folder = built / "output"
    from materials_gen import thumbnails

    stale = folder / ".thumbs" / "0123456789abcdef-1.png"
    stale.parent.mkdir()
    (poster,) = folder.rglob("*clinical-poster.pdf")
    stale.write_bytes(thumbnails.render_pdf(poster.read_bytes(), pages=1)[0])
    overview = make_overview(built, folder, None)
    handouts = [f for a in overview.audiences for f in a.outputs if f.kind == "handout"]
    assert len(handouts) == 2
    for handout in handouts:
        assert len(handout.thumbnails) >= 2  # its first pages
        for thumbnail in handout.thumbnails:
            assert (folder / thumbnail).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert not stale.exists()


def _cards(project: Path) -> dict[str, tuple[str, str]]:
    """Each card of the page in the output folder: its file's name -> its class and text."""
    import re

    page = (project / "output" / "index.html").read_text(encoding="utf-8")
    cards = re.findall(r'<article class="card ([^"]*)" id="[^"]*">(.*?)</article>', page, re.S)
    found = {}
    for status, body in cards:
        (name,) = set(re.findall(r'href="([^"]+\.(?:pdf|pptx))"', body))
        found[Path(name).name] = (status, " ".join(parsed(body).text))
    return found


@pytest.mark.slow
def test_files_a_build_was_not_asked_for_are_marked_when_a_build_would_make_them_again(
    project: Path,
) -> None:
    """After a build of one audience, another language or some outputs only, the page
    showed the files it was not asked for as if up to date, though the project had changed
    under them: each that a build would make again is marked not up to date, saying which
    options left it out; one the change does not touch is not."""

    def build(*options: str) -> None:
        args = ["build", "--project", str(project), "--index", *options]
        result = CliRunner().invoke(main, args, catch_exceptions=False)
        assert result.exit_code == 0, result.output

    build()
    intro = project / "content" / "modules" / "intro.md"
    text = intro.read_text(encoding="utf-8")
    # what clinical providers alone see: all staff's files stay as they are
    intro.write_text(text.replace("a clear exit path", "a clear, lit exit path"), "utf-8")
    build("--audience", "clinical")
    cards = _cards(project)
    assert not any(status == "left-over" for status, _ in cards.values()), cards
    # what every audience sees, built for all staff alone: the clinical files are stale
    intro.write_text(text.replace("Calm rooms help everyone", "Calm rooms help us all"), "utf-8")
    build("--audience", "all-staff", "--only", "handout")
    cards = _cards(project)
    stale = {name for name, (status, _) in cards.items() if status == "left-over"}
    assert any("clinical-handout" in name for name in stale), cards
    assert any("all-staff-deck" in name for name in stale), cards
    assert not any("all-staff-handout" in name for name in stale), cards
    # the clinical sign-in sheet shows no key point: nothing it shows changed
    assert not any("sign-in" in name for name in stale), cards
    for name in stale:
        assert "not up to date" in cards[name][1], cards[name]
        assert "--audience" in cards[name][1], cards[name]
