"""``build --index``: the overview page written into the output folder with the outputs."""

from __future__ import annotations

import re
import struct
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from materials_gen.cli import main

from .conftest import edit, output_count


class _Page(HTMLParser):
    """The links, pictures and text of a page, as a browser would find them."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.images: list[str] = []
        self.scripts = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "a" and found.get("href"):
            self.links.append(str(found["href"]))
        if tag == "img" and found.get("src"):
            self.images.append(str(found["src"]))
        if tag == "script":
            self.scripts += 1
        if tag == "link" and found.get("href"):
            self.links.append(str(found["href"]))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def page_of(folder: Path) -> _Page:
    page = _Page()
    page.feed((folder / "index.html").read_text(encoding="utf-8"))
    page.close()
    return page


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


def build(runner: CliRunner, project: Path, *more: str):
    return runner.invoke(
        main, ["build", "--project", str(project), "--index", *more], catch_exceptions=False
    )


@pytest.mark.slow
def test_index_links_every_output_and_shows_its_pages(project: Path, runner: CliRunner) -> None:
    result = build(runner, project)
    assert result.exit_code == 0, result.output
    folder = project / "output"
    page = page_of(folder)
    outputs = [
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and p.suffix in (".pdf", ".pptx") and ".thumbs" not in p.parts
    ]
    assert len(outputs) == output_count(project, index=True)
    for output in outputs:
        assert output in page.links, f"the page does not link {output}"
    for link in page.links:  # every link is a file in the folder or a place on the page
        file = link.split("#", 1)[0]
        assert not file or (folder / file).is_file(), link
    assert page.images, "no thumbnails on the page"
    for image in page.images:
        assert not image.startswith(("/", "http:", "https:")), image
        width, height = png_size(folder / image)
        assert 200 <= width <= 1000 and 100 <= height <= 1400, (image, width, height)
    # a deck's slides are there too, drawn from its laid-out slides
    deck = next(o for o in outputs if o.endswith("all-staff-deck.pptx"))
    html = (folder / "index.html").read_text(encoding="utf-8")
    card = html[html.index(f'href="{deck}"') - 4000 : html.index(f'href="{deck}"')]
    assert ".thumbs/" in card
    assert page.scripts == 0  # the static page runs nothing
    text = " ".join(" ".join(page.text).split())
    assert "Clinical providers" in text and "All staff" in text


@pytest.mark.slow
def test_a_rebuild_with_nothing_changed_leaves_the_page_byte_identical(
    project: Path, runner: CliRunner
) -> None:
    assert build(runner, project).exit_code == 0
    folder = project / "output"
    first = (folder / "index.html").read_bytes()
    thumbs = sorted(p.name for p in (folder / ".thumbs").iterdir())
    assert build(runner, project).exit_code == 0
    assert (folder / "index.html").read_bytes() == first
    assert sorted(p.name for p in (folder / ".thumbs").iterdir()) == thumbs


@pytest.mark.slow
def test_an_edit_shows_on_the_page_and_stale_thumbnails_go(
    project: Path, runner: CliRunner
) -> None:
    assert build(runner, project).exit_code == 0
    folder = project / "output"
    before = {p.name for p in (folder / ".thumbs").iterdir()}
    edit(project / "content/modules/intro.md", "Calm rooms help everyone", "Calm rooms help all")
    assert build(runner, project).exit_code == 0
    after = {p.name for p in (folder / ".thumbs").iterdir()}
    text = " ".join(" ".join(page_of(folder).text).split())
    assert "Calm rooms help all" in text
    assert "made again" in text
    assert after != before
    # only thumbnails of outputs on the page stay
    shown = {Path(i).name for i in page_of(folder).images}
    assert after == shown


@pytest.mark.slow
def test_clean_removes_the_page_and_its_thumbnails(project: Path, runner: CliRunner) -> None:
    assert build(runner, project).exit_code == 0
    folder = project / "output"
    assert (folder / "index.html").is_file() and (folder / ".thumbs").is_dir()
    result = runner.invoke(main, ["clean", "--project", str(project)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert not (folder / "index.html").exists()
    assert not (folder / ".thumbs").exists()


@pytest.mark.slow
def test_the_setting_writes_the_page_and_a_build_without_it_removes_it(
    project: Path, runner: CliRunner
) -> None:
    course = project / "content/course.yaml"
    text = course.read_text(encoding="utf-8")
    assert "settings:" in text
    course.write_text(text.replace("settings:", "settings:\n  index: true", 1), encoding="utf-8")
    result = runner.invoke(main, ["build", "--project", str(project)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert (project / "output/index.html").is_file()
    course.write_text(text, encoding="utf-8")
    result = runner.invoke(main, ["build", "--project", str(project)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert not (project / "output/index.html").exists()
    assert not (project / "output/.thumbs").exists()


def test_an_empty_thumbnail_folder_left_behind_is_removed(project: Path, runner: CliRunner) -> None:
    """A build without the page looks for its files only when the last build wrote some, or
    left their folder: an empty thumbnail folder is still tidied away."""
    result = runner.invoke(main, ["build", "--project", str(project)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    (project / "output/.thumbs").mkdir()
    args = ["build", "--project", str(project), "--force"]
    result = runner.invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert not (project / "output/.thumbs").exists()


@pytest.mark.slow
def test_markup_in_the_content_is_shown_as_text(project: Path, runner: CliRunner) -> None:
    evil = '<script>alert("x")</script>'
    edit(project / "content/modules/intro.md", "Calm rooms help everyone", f"Calm {evil} rooms")
    result = build(runner, project)
    assert result.exit_code == 0, result.output
    page = page_of(project / "output")
    assert page.scripts == 0
    assert f"Calm {evil} rooms" in " ".join(page.text)


def test_warnings_alone_are_not_told_as_problems_to_fix(project: Path, runner: CliRunner) -> None:
    """A build that made every file, with warnings only (a fact still to fill in), showed
    "3 problems to fix" in an alert and "The files below are from the last good build"."""
    edit(
        project / "content" / "course.yaml",
        "title: Safe Rooms",
        "title: Safe Rooms [[fill in the site]]",
    )
    result = build(runner, project, "--only", "poster")
    assert result.exit_code == 0 and "warning" in result.output, result.output
    html = (project / "output" / "index.html").read_text(encoding="utf-8")
    text = " ".join(" ".join(page_of(project / "output").text).split())
    assert "to fix" not in text and "last good build" not in text
    assert "warning" in text and 'role="alert"' not in html


def test_a_title_given_per_audience_is_one_title_on_the_page(
    project: Path, runner: CliRunner
) -> None:
    """A course title given per audience: the page's title and heading were Python's
    printout of the mapping ("root={'default': ..., 'clinical': ...}"), every audience's
    title in its header."""
    edit(
        project / "content" / "course.yaml",
        "title: Safe Rooms",
        "title:\n  default: Safe Rooms\n  clinical: Safe Rooms for *Clinicians*",
    )
    result = runner.invoke(main, ["build", "-p", str(project), "--index", "--only", "handout"])
    assert result.exit_code == 0, result.output
    page = (project / "output" / "index.html").read_text(encoding="utf-8")
    assert "<title>Safe Rooms: every output</title>" in page and "<h1>Safe Rooms</h1>" in page
    assert "root=" not in page and "Clinicians" not in page.partition("</h1>")[0]


def test_a_translations_audiences_are_named_in_its_language(
    project: Path, runner: CliRunner
) -> None:
    """The page a build writes headed the Spanish outputs "All staff (es)", though the
    translation names the audience "Todo el personal" (the live preview page did); both
    name it as the translation does."""
    result = runner.invoke(main, ["translate", "es", "-p", str(project)])
    assert result.exit_code == 0, result.output
    course = project / "content" / "translations" / "es" / "course.yaml"
    edit(course, "    name: All staff", "    name: Todo el personal")
    result = runner.invoke(main, ["build", "-p", str(project), "--index", "--only", "handout"])
    assert result.exit_code == 0, result.output
    page = (project / "output" / "index.html").read_text(encoding="utf-8")
    assert "Todo el personal (es)" in page and "All staff (es)" not in page
    assert "All staff (en-GB)" in page
    # who gets what names each audience, in a translated course too: it named its id alone
    # ("only clinical") as the build's audiences are named by language there
    whom = re.findall(r'<span class="who">([^<]*)', page)
    assert whom and "only Clinical providers" in whom, whom
    assert not any(w in ("only clinical", "only all-staff") for w in whom), whom


def test_a_build_that_makes_nothing_keeps_what_the_last_one_changed_on_the_page(
    project: Path,
) -> None:
    """After a save that changes nothing, watch's build (which makes every file's decision
    itself) rewrote the page without its "What changed" section, which CHANGES.md kept.
    The page now says what the last build that made something changed, as CHANGES.md does."""
    from materials_gen.build import BuildOptions
    from materials_gen.build import build as run_build

    options = BuildOptions(index=True, kinds=("handout",), audiences=("all-staff",))
    run_build(project, options)
    edit(project / "content/modules/intro.md", "Calm rooms help everyone", "Calm rooms help all")
    run_build(project, options)
    folder = project / "output"
    page = (folder / "index.html").read_bytes()
    assert b"What changed in the last build" in page
    report = run_build(project, options)  # nothing to make
    assert not report.rebuilt
    assert (folder / "index.html").read_bytes() == page


def test_a_build_that_makes_nothing_shows_its_own_warnings_on_the_page(project: Path) -> None:
    """A mark filled in that no output of the build prints leaves every file as it was:
    the page kept from the last build went on listing the warning just mended."""
    from materials_gen.build import BuildOptions
    from materials_gen.build import build as run_build

    options = BuildOptions(index=True, kinds=("handout",), audiences=("all-staff",))
    course = project / "content" / "course.yaml"
    edit(
        course,
        "settings:\n",
        "settings:\n  continuing_education:\n    accrediting_body: '[[fill in the body]]'\n",
    )
    run_build(project, options)
    page = (project / "output" / "index.html").read_text(encoding="utf-8")
    assert "to be filled in: the body" in page, page[-3000:]
    edit(course, "'[[fill in the body]]'", "Board of Nursing")
    report = run_build(project, options)
    assert not report.rebuilt
    page = (project / "output" / "index.html").read_text(encoding="utf-8")
    assert "to be filled in: the body" not in page


def test_a_file_deleted_since_it_was_made_is_shown_missing(
    project: Path, runner: CliRunner
) -> None:
    """A handout deleted by hand, then a build of the deck alone: the page kept the
    handout's card, marked "made again", with its pages' pictures and an Open link to a
    file that is not there. It is marked missing, with neither."""
    assert build(runner, project, "-a", "all-staff").exit_code == 0
    handout = next((project / "output" / "all-staff").glob("*-handout.pdf"))
    handout.unlink()
    result = build(runner, project, "-a", "all-staff", "--only", "deck")
    assert result.exit_code == 0, result.output
    page = (project / "output" / "index.html").read_text(encoding="utf-8")
    name = f"all-staff/{handout.name}"
    at = page.index(f'<p class="path">{name}</p>')
    card = page[page.rindex("<article", 0, at) : page.index("</article>", at)]
    assert '<span class="badge missing">missing</span>' in card, card
    assert "no longer in the output folder" in card
    assert "<img" not in card and f'href="{name}"' not in card, card
    assert f'href="{name}"' not in page
