"""Pictures in the content: checked with file and line, shown in the handout and the deck."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pypdf import PdfReader

from materials_gen.build import BuildOptions, build
from materials_gen.cli import main
from materials_gen.errors import ContentError
from materials_gen.load import load_project
from materials_gen.validate import validate

from .conftest import append, edit

ALT = "A calm waiting room with two green chairs and a window"


def built(project: Path, folder: Path, kind: str) -> Path:
    report = build(project, BuildOptions(output=folder, kinds=(kind,), audiences=("all-staff",)))
    return report.built[0].path


def test_picture_path_is_checked_and_made_project_relative(project: Path) -> None:
    course, warnings = validate(load_project(project))
    (image,) = course.modules[0].images
    assert image.path == "content/images/room.png"
    assert (image.alt, image.width, image.height) == (ALT, 480, 300)
    assert "](<content/images/room.png>)" in course.modules[0].body[0].text
    assert warnings == ()


def test_handout_shows_the_picture(project: Path, tmp_path: Path) -> None:
    reader = PdfReader(str(built(project, tmp_path, "handout")))
    images = [img for page in reader.pages for img in page.images]
    assert len(images) == 1
    assert images[0].image.size == (480, 300)


def test_deck_picture_keeps_its_shape_and_alt_text(project: Path, tmp_path: Path) -> None:
    prs = Presentation(str(built(project, tmp_path, "deck")))
    pictures = [sh for s in prs.slides for sh in s.shapes if sh.shape_type == 13]
    (picture,) = pictures
    assert picture._element.nvPicPr.cNvPr.get("descr") == ALT
    assert abs(picture.width / picture.height - 480 / 300) < 0.01
    assert picture.left + picture.width <= prs.slide_width


def test_missing_picture_names_file_and_line(project: Path) -> None:
    edit(project / "content" / "modules" / "intro.md", "../images/room.png", "../images/rom.png")
    with pytest.raises(ContentError) as caught:
        validate(load_project(project))
    (problem,) = caught.value.problems
    assert str(problem.location) == "content/modules/intro.md:23"
    assert problem.message == "picture '../images/rom.png' not found"


PASTED = "data:image/png;base64," + "iVBORw0KGgoAAAANSUhEUgAAAeAAAAEs" * 3000  # 96 KB


@pytest.mark.parametrize(
    ("written", "appended", "said"),
    [
        (f"![A calm room]({PASTED})", "", "the picture 'A calm room'"),
        ("![][image1]", f"\n[image1]: <{PASTED}>\n", "a picture with no description"),
    ],
    ids=["inline", "reference"],
)
def test_a_picture_pasted_as_a_data_address_is_named_briefly_with_what_to_do(
    project: Path, written: str, appended: str, said: str
) -> None:
    """Google Docs exports each picture as a reference to a ``data:`` address of its bytes:
    the message quoted all 100 KB of it (and a second one called it a run with no space).
    One short message, at the picture's line, says to save it as a file."""
    intro = project / "content" / "modules" / "intro.md"
    edit(intro, "Rooms shape how", f"{written}\n\nRooms shape how")
    intro.write_text(intro.read_text(encoding="utf-8") + appended, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        validate(load_project(project))
    (problem,) = caught.value.problems
    assert str(problem.location) == "content/modules/intro.md:21"
    assert problem.message.startswith(f"{said} is pasted into the text itself")
    assert "'data:image/png;base64,...'" in problem.message and len(problem.message) < 300
    assert "save the picture as a file in content/images/" in problem.hint


@pytest.mark.parametrize("attrs", ['{width="3in"}', "{width=50%}", "{.centered height=2cm}"])
def test_a_size_written_after_a_picture_is_told_and_the_picture_kept(
    project: Path, tmp_path: Path, attrs: str
) -> None:
    """Pandoc's and Quarto's ``{width=...}`` after a picture: Markdown read it as text after
    the picture, which then printed as its description followed by the braces, the picture
    gone. The picture prints; the size is named in a warning at its line."""
    edit(project / "content" / "modules" / "intro.md", "room.png)", f"room.png){attrs}")
    course, warnings = validate(load_project(project))
    (warning,) = warnings
    assert str(warning.location) == "content/modules/intro.md:23"
    assert warning.message.startswith(f"'{attrs}' after the picture is not read")
    (image,) = course.modules[0].images
    assert image.path == "content/images/room.png" and not image.inline
    reader = PdfReader(str(built(project, tmp_path, "handout")))
    assert sum(len(page.images) for page in reader.pages) == 1
    assert not any("{" in (page.extract_text() or "") for page in reader.pages)


def test_a_long_missing_picture_path_is_shown_cut_short(project: Path) -> None:
    long = "../images/" + "deep/" * 100 + "room.png"
    edit(project / "content" / "modules" / "intro.md", "../images/room.png", long)
    with pytest.raises(ContentError) as caught:
        validate(load_project(project))
    (problem,) = caught.value.problems
    assert problem.message.startswith("picture '../images/deep/deep/")
    assert "\u2026/deep/deep/deep/room.png (518 characters)' not found" in problem.message


def test_a_file_that_is_not_a_picture(project: Path) -> None:
    (project / "content" / "images" / "room.png").write_bytes(b"not really a png")
    with pytest.raises(ContentError) as caught:
        validate(load_project(project))
    assert "not a picture materials-gen can read" in caught.value.problems[0].message


def test_an_svg_drawing_is_named_as_one_with_how_to_export_it(project: Path) -> None:
    """An SVG (the usual logo or diagram file) is not 'not a picture': the message says it
    is a drawing materials-gen cannot draw, and the hint how to make a PNG of it."""
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect/></svg>'
    (project / "content" / "images" / "chart.svg").write_text(svg, encoding="utf-8")
    edit(project / "content" / "modules" / "intro.md", "../images/room.png", "../images/chart.svg")
    with pytest.raises(ContentError) as caught:
        validate(load_project(project))
    (problem,) = caught.value.problems
    assert str(problem.location) == "content/modules/intro.md:23"
    assert problem.message.endswith(
        "the file is an SVG drawing, which materials-gen cannot draw (it reads PNG, JPEG, GIF "
        "and BMP)"
    ), problem.message
    assert problem.hint.startswith("export the drawing as a PNG")


def test_picture_outside_the_project(project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.png"
    outside.write_bytes((project / "content" / "images" / "room.png").read_bytes())
    edit(project / "content" / "modules" / "intro.md", "../images/room.png", str(outside))
    with pytest.raises(ContentError) as caught:
        validate(load_project(project))
    assert "outside the project" in caught.value.problems[0].message


@pytest.mark.parametrize(
    ("written", "message", "hint"),
    [
        (
            "content\\images\\room.png",  # from the project's folder, as Explorer copies it
            "picture 'content\\images\\room.png' not found",
            "write the path with forward slashes, as images/room.png",
        ),
        (
            "..\\images\\room.png",
            "picture '..\\images\\room.png' not found",
            "write the path with forward slashes, as ../images/room.png",
        ),
        (
            "C:\\Users\\ana\\Desktop\\room.png",
            "picture 'C:\\Users\\ana\\Desktop\\room.png' is named by where it is on this computer",
            "write it relative to content/, as images/room.png",
        ),
    ],
    ids=["from-the-project", "from-the-module", "windows-absolute"],
)
def test_a_picture_path_written_the_windows_way_gets_a_hint_that_works(
    project: Path, written: str, message: str, hint: str
) -> None:
    """'content\\images\\room.png' was told to be written 'content/images/room.png', which
    is not found either (paths start at the module or at content/): the hint now gives a
    path that finds the picture."""
    edit(project / "content" / "modules" / "intro.md", "../images/room.png", written)
    with pytest.raises(ContentError) as caught:
        validate(load_project(project))
    (problem,) = caught.value.problems
    assert problem.message.startswith(message), problem.message
    assert problem.hint.startswith(hint), problem.hint
    suggested = hint.rsplit(" ", 1)[-1]
    edit(project / "content" / "modules" / "intro.md", written, suggested)
    course, _ = validate(load_project(project))  # the hint's path works
    assert course.modules[0].images[0].path == "content/images/room.png"


def test_a_picture_named_by_its_absolute_path_inside_the_project_is_refused(
    project: Path,
) -> None:
    """The README says an absolute path is an error: one inside the project was taken, and
    the project broke when it was shared."""
    inside = project / "content" / "images" / "room.png"
    edit(project / "content" / "modules" / "intro.md", "../images/room.png", str(inside))
    with pytest.raises(ContentError) as caught:
        validate(load_project(project))
    (problem,) = caught.value.problems
    assert "is named by where it is on this computer" in problem.message
    assert problem.hint == "write it relative to content/, as images/room.png"


def test_picture_without_alt_text_is_a_warning(project: Path) -> None:
    edit(project / "content" / "modules" / "intro.md", f"![{ALT}]", "![]")
    _, warnings = validate(load_project(project))
    (warning,) = warnings
    assert warning.message == "picture 'content/images/room.png' has no alt text"


def test_a_picture_without_alt_text_is_named_at_its_own_line(project: Path) -> None:
    """The warning named the first line of the module's body, whatever line the picture
    was on; two pictures without a description were both named there."""
    intro = project / "content" / "modules" / "intro.md"
    edit(intro, f"![{ALT}]", "![]")
    text = intro.read_text(encoding="utf-8")
    intro.write_text(text + "\nA paragraph.\n\nAnother.\n\n![](../images/room.png)\n")
    _, warnings = validate(load_project(project))
    lines = intro.read_text(encoding="utf-8").splitlines()
    written = [n for n, line in enumerate(lines, 1) if line.startswith("![](")]
    assert [w.location.line for w in warnings if "no alt text" in w.message] == written


def test_a_picture_without_a_description_is_decorative_in_the_deck(
    project: Path, tmp_path: Path
) -> None:
    """Its empty description made it a picture a screen reader announces as nothing, and
    one PowerPoint's accessibility checker lists; it is decoration, as in the PDFs."""
    edit(project / "content" / "modules" / "intro.md", f"![{ALT}]", "![]")
    prs = Presentation(str(built(project, tmp_path, "deck")))
    (picture,) = [sh for s in prs.slides for sh in s.shapes if sh.shape_type == 13]
    properties = picture._element.nvPicPr.cNvPr
    assert properties.get("descr") is None
    marks = [e.get("uri") for e in properties.iter("{*}ext")]
    assert marks == ["{C183D7F6-B498-43B3-948B-1728B52AA6E4}"]


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("team photo.png", "images/team photo.png"),  # as a trainer types it
        ("team photo.png", "<images/team photo.png>"),  # as Markdown asks for it
        ("\u00e9quipe.png", "images/\u00e9quipe.png"),  # a letter Markdown writes as %C3%A9
        ("team photo.png", "images/team%20photo.png"),  # written the web's way
        ("IMG_2024(1).png", "images/IMG_2024(1).png"),  # a second download's name
        ("IMG_2024 (1).png", "images/IMG_2024 (1).png"),  # ... as Windows names it
    ],
    ids=["space", "space-in-brackets", "accent", "percent-encoded", "brackets", "space-brackets"],
)
def test_a_picture_named_with_a_space_or_an_accent_is_shown(
    project: Path, tmp_path: Path, name: str, written: str
) -> None:
    """Such a picture printed as typed Markdown, or was silently left out (its path was
    looked up as "team%20photo.png"), in the handout and the deck."""
    from PIL import Image

    Image.new("RGB", (200, 100), "teal").save(project / "content" / "images" / name)
    intro = project / "content" / "modules" / "intro.md"
    intro.write_text(
        intro.read_text(encoding="utf-8") + f"\n![Our team]({written})\n", encoding="utf-8"
    )
    reader = PdfReader(str(built(project, tmp_path / "handout", "handout")))
    sizes = [img.image.size for page in reader.pages for img in page.images]
    assert (200, 100) in sizes and "![" not in "".join(p.extract_text() for p in reader.pages)
    assert "Our team" in _descriptions(built(project, tmp_path / "deck", "deck"))


@pytest.mark.parametrize(
    "written",
    [
        "![A calm room](images/a room.png and more words)",  # the path runs on
        "![A calm room] (images/room.png)",  # a space before the bracket
        "![A calm room](images/room.png",  # never closed
    ],
    ids=["runs-on", "spaced", "unclosed"],
)
def test_a_picture_markdown_prints_as_typed_is_told_at_its_line(
    project: Path, written: str
) -> None:
    """Such a picture was printed as its Markdown, with no word from check or build."""
    intro = project / "content" / "modules" / "intro.md"
    text = intro.read_text(encoding="utf-8")
    intro.write_text(text + f"\nThe room:\n{written}\n", encoding="utf-8")
    _, warnings = validate(load_project(project))
    (told,) = [w for w in warnings if "printed as typed" in w.message]
    assert str(told.location) == f"content/modules/intro.md:{text.count(chr(10)) + 3}"
    assert "angle brackets" in told.hint


def test_a_picture_in_a_sentence_gets_no_slide_of_its_own(project: Path, tmp_path: Path) -> None:
    """An icon inside a sentence ("look for the ![icon](...) beside the door") became a
    "Picture 2 of 2" slide, blown up to five inches; the picture on a line of its own keeps
    its slide."""
    from PIL import Image

    Image.new("RGB", (16, 16), "red").save(project / "content" / "images" / "icon.png")
    intro = project / "content" / "modules" / "intro.md"
    intro.write_text(
        intro.read_text(encoding="utf-8")
        + "\nLook for the ![exit icon](images/icon.png) beside every door.\n",
        encoding="utf-8",
    )
    course, _ = validate(load_project(project))
    images = {Path(i.path).name: i.inline for i in course.modules[0].images}
    assert images == {"room.png": False, "icon.png": True}
    prs = Presentation(str(built(project, tmp_path, "deck")))
    titles = [s.shapes.title.text for s in prs.slides if s.shapes.title is not None]
    assert sum(t.startswith("Picture") for t in titles) == 1, titles
    assert not any("of 2" in t for t in titles)


def test_a_picture_alone_in_a_box_or_a_quote_gets_its_slide(project: Path, tmp_path: Path) -> None:
    """A picture alone in a callout, an activity box or a quote was taken for one inside a
    sentence (the box's lines, the quote's "> " around it): the handout showed it, and the
    deck had no slide for it, and said nothing."""
    _with_pictures(
        project,
        {"quoted": "green", "boxed": "green", "activity": "green"},
        "\n> ![A quoted picture](images/quoted.png)\n\n"
        + '::: {.callout title="Boxed"}\n![A boxed picture](images/boxed.png)\n:::\n\n'
        + '::: {.activity title="Look"}\n![A picture to look at](images/activity.png)\n:::\n',
    )
    course, _ = validate(load_project(project))
    assert not any(i.inline for i in course.modules[0].images)
    described = _described(built(project, tmp_path, "deck"))
    assert described == [ALT, "A quoted picture", "A boxed picture", "A picture to look at"]


def _with_pictures(project: Path, colours: dict[str, str], markdown: str) -> None:
    """Pictures of one colour each (name -> colour) in content/images/, and ``markdown``
    showing them at the end of the intro module's text."""
    from PIL import Image

    for name, colour in colours.items():
        Image.new("RGB", (120, 80), colour).save(project / "content" / "images" / f"{name}.png")
    intro = project / "content" / "modules" / "intro.md"
    intro.write_text(intro.read_text(encoding="utf-8") + markdown, encoding="utf-8")


def _described(deck: Path) -> list[str]:
    """The description of each picture in the deck, slide by slide."""
    prs = Presentation(str(deck))
    return [
        sh._element.nvPicPr.cNvPr.get("descr")
        for s in prs.slides
        for sh in s.shapes
        if sh.shape_type == 13
    ]


def test_a_tiny_picture_is_not_blown_up_to_fill_its_slide(project: Path, tmp_path: Path) -> None:
    """An 8-pixel picture filled five inches of its slide, a blur of squares: a picture is
    shown at most twice its size at 96 dpi (the handout never enlarges one past 96 dpi)."""
    from PIL import Image

    Image.new("RGB", (8, 8), "green").save(project / "content" / "images" / "room.png")
    prs = Presentation(str(built(project, tmp_path, "deck")))
    (picture,) = [sh for s in prs.slides for sh in s.shapes if sh.shape_type == 13]
    assert picture.width <= 8 * 2 * 914400 / 96 + 1 and picture.height == picture.width


def test_a_tall_infographic_gets_most_of_a_page(project: Path, tmp_path: Path) -> None:
    """A 400 x 3200 picture was held to half a page: an inch wide, half the page blank."""
    import re

    from PIL import Image

    Image.new("RGB", (400, 3200), "teal").save(project / "content" / "images" / "tall.png")
    intro = project / "content" / "modules" / "intro.md"
    intro.write_text(
        intro.read_text(encoding="utf-8") + "\n![The steps, top to bottom](images/tall.png)\n",
        encoding="utf-8",
    )
    reader = PdfReader(str(built(project, tmp_path, "handout")))
    drawn = []  # the height each picture is drawn at: "w 0 0 h x y cm" before it is painted
    for page in reader.pages:
        content = page.get_contents().get_data().decode("latin-1")
        drawn += [
            float(h) for h in re.findall(r"[\d.]+ 0 0 ([\d.]+) [\d.-]+ [\d.-]+ cm\s*/", content)
        ]
    assert max(drawn) > 0.6 * float(reader.pages[0].mediabox.height), drawn


def _add_picture(project: Path, name: str, alt: str) -> None:
    intro = project / "content" / "modules" / "intro.md"
    intro.write_text(
        intro.read_text(encoding="utf-8") + f"\n![{alt}](images/{name})\n", encoding="utf-8"
    )


def _descriptions(deck: Path) -> list[str]:
    """The descriptions of a deck's pictures, slide by slide."""
    return [
        sh._element.nvPicPr.cNvPr.get("descr")
        for s in Presentation(str(deck)).slides
        for sh in s.shapes
        if sh.shape_type == 13
    ]


def _pictures(path: Path) -> list:
    """The pictures a PDF draws (Pillow images), page by page."""
    return [img.image for page in PdfReader(str(path)).pages for img in page.images]


def test_a_phone_photo_taken_upright_stands_up_in_every_output(
    project: Path, tmp_path: Path
) -> None:
    """A phone stores an upright photo's pixels on their side with an EXIF tag saying how to
    turn them; PowerPoint and PDF draw the pixels as stored, so the photo lay on its side
    (in a landscape frame) in the deck, the handout and the printed slides."""
    from PIL import Image

    stored = Image.new("RGB", (160, 120), "white")
    stored.paste((255, 0, 0), (0, 0, 160, 20))  # the stored top: the photo's right side
    exif = Image.Exif()
    exif[0x0112] = 6  # turn a quarter clockwise to show
    exif[0x8825] = {2: (51.0, 30.0, 0.0)}  # where it was taken: not for the handout
    stored.save(project / "content" / "images" / "desk.jpg", exif=exif.tobytes(), quality=95)
    _add_picture(project, "desk.jpg", "The front desk, seen from the door")
    course, _ = validate(load_project(project))
    (image,) = [i for i in course.modules[0].images if i.path.endswith("desk.jpg")]
    assert (image.width, image.height) == (120, 160)
    deck = Presentation(str(built(project, tmp_path / "deck", "deck")))
    (shape,) = [
        sh
        for s in deck.slides
        for sh in s.shapes
        if sh.shape_type == 13 and sh._element.nvPicPr.cNvPr.get("descr").startswith("The front")
    ]
    assert shape.image.size == (120, 160) and shape.height > shape.width
    for kind in ("handout", "slides"):
        (picture,) = [
            p for p in _pictures(built(project, tmp_path / kind, kind)) if p.width < p.height
        ]
        rgb = picture.convert("RGB")
        right, left = rgb.getpixel((rgb.width - 2, rgb.height // 2)), rgb.getpixel((2, 2))
        assert right[0] > 200 and right[1] < 80, (kind, right)  # the red band on the right
        assert min(left) > 200, (kind, left)
        assert 0x8825 not in picture.getexif() and 0x0112 not in picture.getexif()


def test_a_photo_with_more_pixels_than_paper_needs_is_resampled_for_paper_only(
    project: Path, tmp_path: Path
) -> None:
    """A 12-megapixel photo was embedded whole in the handout, the printed slides and the
    notes pages (8.5 MB handouts for a dozen photos, half a minute a build): each PDF now
    gets at most 300 pixels an inch at the size it draws the photo; the deck keeps every
    pixel, for editing."""
    from PIL import Image

    photo = Image.radial_gradient("L").resize((3000, 2000)).convert("RGB")
    photo.save(project / "content" / "images" / "big.jpg", quality=90)
    _add_picture(project, "big.jpg", "The training room before the session")
    deck = Presentation(str(built(project, tmp_path / "deck", "deck")))
    sizes = [sh.image.size for s in deck.slides for sh in s.shapes if sh.shape_type == 13]
    assert (3000, 2000) in sizes
    for kind in ("handout", "slides", "notes-pages"):
        path = built(project, tmp_path / kind, kind)
        reader = PdfReader(str(path))
        (picture,) = [p for p in _pictures(path) if abs(p.width / p.height - 1.5) < 0.01]
        width_in = float(reader.pages[0].mediabox.width) / 72
        assert picture.width <= 300 * width_in, (kind, picture.size)
        assert picture.format == "JPEG"  # a photo stays a photo


def test_a_picture_with_no_more_pixels_than_paper_needs_is_drawn_byte_for_byte(
    project: Path, tmp_path: Path
) -> None:
    """Resampling a picture that does not need it would only blur it: a small JPEG is
    embedded in the handout exactly as the file holds it, as binary data (ReportLab's
    ASCII85 text around it made every photo a quarter larger)."""
    import pikepdf
    from PIL import Image

    Image.radial_gradient("L").convert("RGB").save(
        project / "content" / "images" / "small.jpg", quality=80
    )
    _add_picture(project, "small.jpg", "A small photo of the garden")
    data = (project / "content" / "images" / "small.jpg").read_bytes()
    with pikepdf.open(built(project, tmp_path, "handout")) as pdf:
        streams = [
            ([str(f) for f in pikepdf.Array(image.get("/Filter"))], image.read_raw_bytes())
            for page in pdf.pages
            for image in page.get_images().values()
            if "/DCTDecode" in str(image.get("/Filter"))
        ]
    assert streams == [(["/DCTDecode"], data)]


@pytest.mark.parametrize("turn", range(1, 9))
def test_every_camera_orientation_is_turned_as_exif_says(turn: int) -> None:
    """The eight EXIF orientations, in a PNG (lossless, so compared pixel for pixel) as
    screenshots and edited photos carry them."""
    import io

    from PIL import Image, ImageOps

    from materials_gen.images import upright

    stored = Image.new("RGB", (30, 20), "white")
    stored.paste((255, 0, 0), (0, 0, 10, 5))  # a corner to follow
    exif = Image.Exif()
    exif[0x0112] = turn
    out = io.BytesIO()
    stored.save(out, "PNG", exif=exif.tobytes())
    data = out.getvalue()
    shown = Image.open(io.BytesIO(upright(data)))
    expected = ImageOps.exif_transpose(Image.open(io.BytesIO(data)))
    assert shown.size == ((20, 30) if turn >= 5 else (30, 20))
    assert shown.convert("RGB").tobytes() == expected.convert("RGB").tobytes()
    assert b"eXIf" in data and b"eXIf" not in upright(data)  # (the camera's data: never out)


def test_a_picture_a_key_point_names_must_be_there_and_is_shown_once_added(
    project: Path, tmp_path: Path
) -> None:
    """A picture named in a key point (or any text besides a module's body) that was not
    there was left out without a word, its description printed; added later, it was never
    looked for again (the next build made nothing). Its path was also only the project's,
    where a module's body takes content/'s too."""
    from click.testing import CliRunner

    from materials_gen.cli import main

    intro = project / "content" / "modules" / "intro.md"
    edit(intro, "key_points:\n", 'key_points:\n  - "![The sign on the door](images/door.png)"\n')
    out = tmp_path / "out"
    args = ["build", "-p", str(project), "-o", str(out), "--only", "handout", "-a", "clinical"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert "picture 'images/door.png' not found" in result.output
    assert "content/modules/intro.md:" in result.output  # where it is named
    from PIL import Image

    Image.new("RGB", (64, 32), "orange").save(project / "content" / "images" / "door.png")
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    (handout,) = out.rglob("*handout.pdf")
    assert (64, 32) in [i.image.size for page in PdfReader(handout).pages for i in page.images]


def test_a_missing_picture_in_a_key_point_is_told_at_its_line_in_every_language(
    project: Path,
) -> None:
    """A picture a key point names, with a short description, was told as "intermediate
    handout for all-staff: picture not found": its text is in the module and, kept as the
    source wrote it, in the translation too. The source's line is named."""
    runner = CliRunner()
    edit(
        project / "content/modules/intro.md",
        "key_points:\n",
        'key_points:\n  - "![x](images/nothere.png)"\n',
    )
    assert runner.invoke(main, ["translate", "es", "-p", str(project)]).exit_code == 0
    translated = project / "content/translations/es/modules/intro.md"  # translated, in part
    edit(translated, "Calm rooms help everyone", "Las salas tranquilas ayudan a todos")
    result = runner.invoke(main, ["check", "-p", str(project)])
    assert result.exit_code == 1, result.output
    assert "content/modules/intro.md:9: error: picture 'images/nothere.png' not found" in (
        result.output
    ), result.output


def test_a_phone_jpeg_with_a_second_picture_inside_is_shown_as_its_photo(
    project: Path, tmp_path: Path
) -> None:
    """iPhone HDR photos, Android "Ultra HDR" photos and many cameras' JPEGs carry a second
    picture (a gain map, a preview) after the photo; Pillow calls them MPO, and the build
    refused them as "a MPO picture". Each is its photo: a JPEG in the deck and the
    handout, the second picture and its list left out."""
    from PIL import Image

    photo = Image.new("RGB", (320, 240), (200, 40, 40))
    photo.save(
        project / "content" / "images" / "ward.jpg",
        format="MPO",
        save_all=True,
        append_images=[Image.new("RGB", (80, 60), (0, 0, 0))],
    )
    with Image.open(project / "content" / "images" / "ward.jpg") as written:
        assert written.format == "MPO"
    _add_picture(project, "ward.jpg", "The ward corridor in the morning")
    deck = Presentation(str(built(project, tmp_path / "deck", "deck")))
    (shape,) = [
        sh
        for s in deck.slides
        for sh in s.shapes
        if sh.shape_type == 13 and sh._element.nvPicPr.cNvPr.get("descr").startswith("The ward")
    ]
    assert shape.image.content_type == "image/jpeg" and shape.image.size == (320, 240)
    import io

    kept = Image.open(io.BytesIO(shape.image.blob))
    assert kept.format == "JPEG" and getattr(kept, "n_frames", 1) == 1
    pictures = _pictures(built(project, tmp_path / "handout", "handout"))
    (picture,) = [p for p in pictures if p.size == (320, 240)]
    assert picture.convert("RGB").getpixel((5, 5))[0] > 150


def test_a_picture_whose_accents_are_stored_otherwise_is_found(
    project: Path, tmp_path: Path
) -> None:
    """A picture unzipped from a Mac keeps "é" as "e" and a combining accent: it looks the
    same as the "é" typed in the Markdown, but the build said "not found", with no hint."""
    import shutil
    import unicodedata

    images = project / "content" / "images"
    shutil.copy(images / "room.png", images / unicodedata.normalize("NFD", "salle-café.png"))
    _add_picture(project, unicodedata.normalize("NFC", "salle-café.png"), "The café corner")
    assert "The café corner" in _descriptions(built(project, tmp_path / "deck", "deck"))


def test_the_courses_pictures_together_have_a_limit(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each picture within its own 50 million pixels, hundreds of them (a few kilobytes each,
    one colour) took a second each to decode, in every output: the pictures of a course
    together have a limit, each file counted once, told at the picture that passes it."""
    import shutil

    from materials_gen import validate as validating

    monkeypatch.setattr(validating, "MAX_COURSE_PIXELS", 480 * 300)  # room.png exactly
    images = project / "content" / "images"
    module = project / "content" / "modules" / "intro.md"
    room = "![A calm waiting room with two green chairs and a window](../images/room.png)"
    edit(module, room, f"{room}\n\nAgain:\n\n{room}")  # the same file: counted once
    validate(load_project(project))
    shutil.copy(images / "room.png", images / "room-2.png")
    other = room.replace("A calm", "Another calm").replace("room.png", "room-2.png")
    edit(module, f"Again:\n\n{room}", f"Again:\n\n{other}")
    text = module.read_text(encoding="utf-8")
    line = text.splitlines().index(
        "![Another calm waiting room with two green chairs and a window](../images/room-2.png)"
    )
    with pytest.raises(ContentError) as caught:
        validate(load_project(project))
    (problem,) = caught.value.problems
    assert str(problem.location) == f"content/modules/intro.md:{line + 1}"
    assert problem.message.startswith("the course's pictures have more than 0 million pixels")
    assert "'content/images/room-2.png'" in problem.message


@pytest.mark.parametrize(
    "linked",
    [
        "[{picture}](https://example.org/room)",
        "[{picture}][room]\n\n[room]: https://example.org/room",  # the link by reference
    ],
)
def test_a_picture_that_is_a_link_alone_on_its_line_is_a_picture_of_its_own(
    project: Path, tmp_path: Path, linked: str
) -> None:
    """[![a picture](p.png)](https://...) alone on its line: the handout printed only its
    description, as a link, and the deck made no slide of it, without a word."""
    intro = project / "content" / "modules" / "intro.md"
    picture = f"![{ALT}](../images/room.png)"
    edit(intro, picture, linked.format(picture=picture))
    course, _ = validate(load_project(project))
    (image,) = course.modules[0].images
    assert not image.inline
    reader = PdfReader(str(built(project, tmp_path / "h", "handout")))
    assert [img.image.size for page in reader.pages for img in page.images] == [(480, 300)]
    prs = Presentation(str(built(project, tmp_path / "d", "deck")))
    pictures = [sh for s in prs.slides for sh in s.shapes if sh.shape_type == 13]
    assert [p._element.nvPicPr.cNvPr.get("descr") for p in pictures] == [ALT]


def test_a_picture_in_a_box_is_centred_as_on_the_page(project: Path, tmp_path: Path) -> None:
    """A picture in an activity's instructions was set at the box's left edge, where a
    picture of the module's text is centred."""
    import pikepdf

    intro = project / "content" / "modules" / "intro.md"
    edit(
        intro,
        "notes: Say hello and explain the session.",
        "notes: Say hello and explain the session.\nactivities:\n  - title: Look\n"
        f"    instructions: |\n      Look at it:\n\n      ![{ALT}](images/room.png)\n",
    )
    handout = built(project, tmp_path, "handout")
    centres = []
    with pikepdf.open(handout) as pdf:
        for page in pdf.pages:
            width = float(page.MediaBox[2])
            ctm, saved = pikepdf.Matrix(), []
            for operands, operator in pikepdf.parse_content_stream(page):
                name = str(operator)
                if name == "q":
                    saved.append(ctm)
                elif name == "Q":
                    ctm = saved.pop()
                elif name == "cm":
                    ctm = pikepdf.Matrix(*[float(v) for v in operands]) @ ctm
                elif name == "Do":  # the unit square the picture fills, as placed
                    left, right = ctm.e, ctm.e + ctm.a
                    centres.append((left + right) / 2 / width)
    assert len(centres) == 2, centres  # the module's picture and the activity's
    assert all(abs(c - 0.5) < 0.03 for c in centres), centres


def test_pictures_written_line_under_line_are_each_shown(project: Path, tmp_path: Path) -> None:
    """Two pictures on consecutive lines, a picture right under a line of text, and a
    picture as an item of a tight list: Markdown joins the lines into one paragraph (or
    one list), and the pictures printed as their descriptions run together ("first of
    twosecond of two"), had no slide, and nothing was said. Each picture on a line of its
    own is shown on its own, in the handout and in the deck alike."""
    _with_pictures(
        project,
        {"first": "green", "second": "blue", "captioned": "red", "listed": "orange"},
        "\n![The first of two](images/first.png)\n![The second of two](images/second.png)\n"
        + "\nA line of text right above the picture\n![A captioned one](images/captioned.png)\n"
        + "\n- A list item\n- ![A listed one](images/listed.png)\n",
    )
    course, _ = validate(load_project(project))
    assert not any(i.inline for i in course.modules[0].images)
    reader = PdfReader(str(built(project, tmp_path / "h", "handout")))
    assert len([img for page in reader.pages for img in page.images]) == 5
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "A line of text right above the picture" in text
    assert "twoThe second" not in text and "of twosecond" not in text
    assert _described(built(project, tmp_path / "d", "deck")) == [
        ALT,
        "The first of two",
        "The second of two",
        "A captioned one",
        "A listed one",
    ]


def test_the_space_after_a_picture_in_a_sentence_is_kept(project: Path, tmp_path: Path) -> None:
    """ "Look for the ![green exit sign](...) above the door" read "green exit signabove the
    door" on the slide, in the notes and in the handout: the space after a picture was
    taken for one after a full-width full stop."""
    from PIL import Image

    Image.new("RGB", (16, 16), "green").save(project / "content" / "images" / "sign.png")
    intro = project / "content" / "modules" / "intro.md"
    edit(
        intro,
        "  - Calm rooms help everyone\n",
        '  - "Look for the ![green exit sign](images/sign.png) above the door"\n',
    )
    prs = Presentation(str(built(project, tmp_path / "d", "deck")))
    texts = [sh.text_frame.text for s in prs.slides for sh in s.shapes if sh.has_text_frame]
    assert any("green exit sign above the door" in t for t in texts), texts
    reader = PdfReader(str(built(project, tmp_path / "h", "handout")))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "green exit sign above the door" in text


def test_a_sideways_photo_turned_upright_keeps_its_size_and_sharpness() -> None:
    """A phone's sideways photo was turned and compressed again at quality 95: each of a
    dozen 7 MB photos took 9 MB in the deck, larger than the photos themselves. It is
    compressed again as the camera compressed it (its tables, its colour sampling)."""
    import io
    import os

    from PIL import Image, ImageFilter, JpegImagePlugin

    from materials_gen.images import upright

    noise = Image.frombytes("RGB", (640, 480), os.urandom(640 * 480 * 3))
    photo = noise.filter(ImageFilter.GaussianBlur(2))
    exif = Image.Exif()
    exif[0x0112] = 6  # taken upright, stored on its side
    out = io.BytesIO()
    photo.save(out, "JPEG", quality=80, exif=exif.tobytes())
    data = out.getvalue()
    turned = upright(data)
    with Image.open(io.BytesIO(data)) as source, Image.open(io.BytesIO(turned)) as shown:
        assert shown.size == (480, 640)
        assert shown.quantization == source.quantization
        assert JpegImagePlugin.get_sampling(shown) == JpegImagePlugin.get_sampling(source)
    assert len(turned) < 1.1 * len(data)


def test_pictures_among_key_points_are_on_the_slides_as_in_the_handout(
    project: Path, tmp_path: Path
) -> None:
    """A key point that is a picture was a picture in the handout but only its description,
    in italics, among the bullets of the deck's slide (and so on the printed slides and
    notes pages). Each is shown: the first beside the bullets, a second on a slide of its
    own that continues them, whose notes ask for it to be described."""
    from PIL import Image

    for name, size, colour in (("room", (160, 100), "green"), ("door", (100, 160), "blue")):
        Image.new("RGB", size, colour).save(project / "content" / "images" / f"{name}.png")
    intro = project / "content" / "modules" / "intro.md"
    edit(
        intro,
        "  - Calm rooms help everyone\n",
        '  - Calm rooms help everyone\n  - "![A calm waiting room](images/room.png)"\n'
        '  - "![The front door left open](images/door.png)"\n  - Doors stay unlocked\n',
    )
    prs = Presentation(str(built(project, tmp_path / "d", "deck")))
    slides = [
        (
            [sh.text_frame.text for sh in s.shapes if sh.has_text_frame],
            [sh._element.nvPicPr.cNvPr.get("descr") for sh in s.shapes if sh.shape_type == 13],
            s.notes_slide.notes_text_frame.text,
        )
        for s in prs.slides
    ]
    (bullets,) = [s for s in slides if any("Calm rooms help everyone" in t for t in s[0])]
    assert bullets[1] == ["A calm waiting room"]
    assert any("Doors stay unlocked" in t for t in bullets[0])
    assert not any("A calm waiting room" in t or "front door" in t for t in bullets[0])
    after = slides[slides.index(bullets) + 1]
    assert after[1] == ["The front door left open"]
    assert any(t.endswith("(cont.)") for t in after[0])
    described = "Describe the picture for anyone who cannot see it: The front door left open."
    assert described in after[2]
    for kind in ("slides", "notes-pages"):  # the printed slides show what is projected
        reader = PdfReader(str(built(project, tmp_path / kind, kind)))
        sizes = {i.image.size for page in reader.pages for i in page.images}
        assert {(160, 100), (100, 160)} <= sizes, kind


def test_every_picture_on_a_slide_is_described_in_its_notes(project: Path, tmp_path: Path) -> None:
    """Only a picture alone on a slide that continues the key points got a line in the
    speaker notes asking for it to be described: the one beside the bullets on the first
    slide, and those beside the bullets that continue, got nothing. Every picture a slide
    shows is now described in that slide's notes, in the order shown, once each, in the
    deck and on the notes pages alike."""
    from PIL import Image

    pictures = {"room": "A calm waiting room", "door": "The front door left open"}
    pictures["desk"] = "A desk by the window"
    for name in pictures:
        Image.new("RGB", (160, 100), "green").save(project / "content" / "images" / f"{name}.png")
    point = "  - Point {n}, say what people do when a client arrives upset, and why it helps\n"
    points = "".join(point.format(n=n) for n in range(1, 5))
    later = "".join(point.format(n=n) for n in range(5, 13))
    shown = "".join(f'  - "![{alt}](images/{name}.png)"\n' for name, alt in pictures.items())
    edit(
        project / "content" / "modules" / "intro.md",
        "  - Calm rooms help everyone\n",
        "  - Calm rooms help everyone\n" + points + shown + later,
    )
    ask = "Describe the picture for anyone who cannot see it: {alt}."
    prs = Presentation(str(built(project, tmp_path / "d", "deck")))
    slides = [
        (
            [sh._element.nvPicPr.cNvPr.get("descr") for sh in s.shapes if sh.shape_type == 13],
            s.notes_slide.notes_text_frame.text,
            " ".join(sh.text_frame.text for sh in s.shapes if sh.has_text_frame),
        )
        for s in prs.slides
    ]
    seen = [alt for alts, _, _ in slides for alt in alts if alt in pictures.values()]
    assert seen == list(pictures.values()), seen
    beside_text = 0
    for alts, notes, text in slides:
        asked = [line for line in notes.split("\n") if line.startswith(ask.split(":")[0])]
        assert asked == [ask.format(alt=alt) for alt in alts if alt], (alts, notes)
        beside_text += bool(alts) and "Point" in text
    assert beside_text >= 2  # on the first slide and on one that continues it
    pages = PdfReader(str(built(project, tmp_path / "n", "notes-pages"))).pages
    said = " ".join(" ".join((p.extract_text() or "").split()) for p in pages)
    for alt in pictures.values():
        assert said.count(ask.format(alt=alt)) == 1, alt


def test_a_picture_file_named_with_an_emoji_is_no_character_to_print(project: Path) -> None:
    """A picture stored as "😀 smile.png" and shown as such printed fine, yet the build
    warned that no font can draw '😀' (failing --strict): a picture's path is never drawn."""
    from PIL import Image

    Image.new("RGB", (40, 30), "red").save(project / "content" / "images" / "😀 smile.png")
    Image.new("RGB", (40, 30), "blue").save(project / "content" / "images" / "🌟.png")
    append(
        project / "content" / "modules" / "intro.md",
        "\n![A red square](<images/😀 smile.png>)\n\n![A star][star]\n\n[star]: images/🌟.png\n",
    )
    result = CliRunner().invoke(main, ["check", "--strict", "-p", str(project)])
    assert result.exit_code == 0, result.output
    assert "no font" not in result.output


def test_a_picture_file_whose_name_holds_a_percent_code_is_told_what_to_do(
    project: Path,
) -> None:
    """A file named "50%25.png", written as it is named: Markdown reads "%25" as "%", so no
    output could find it; it was "written in a way materials-gen cannot check"."""
    from PIL import Image

    Image.new("RGB", (40, 30), "red").save(project / "content" / "images" / "50%25.png")
    intro = project / "content" / "modules" / "intro.md"
    intro.write_text(
        intro.read_text(encoding="utf-8") + "\n![Half of it](images/50%25.png)\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["check", "-p", str(project)])
    assert result.exit_code == 1, result.output
    said = " ".join(result.output.split())
    assert "picture 'images/50%25.png': Markdown reads '%'" in said
    assert "rename the file without '%'" in said and "cannot check" not in said


def test_no_picture_carries_where_when_or_by_whom_it_was_taken(
    project: Path, tmp_path: Path
) -> None:
    """Only a photo turned upright lost its camera's data: one stored upright kept in the
    deck and the handout where it was taken (GPS), when, on what and by whom, and a PNG its
    text (an author, a path on the trainer's computer). Every picture goes out without
    them, its pixels and colour profile as they were."""
    import io
    import zipfile

    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

    images = project / "content" / "images"
    exif = Image.Exif()
    exif[0x013B] = "Jane Doe"  # the artist
    exif[0x010F] = "Apple"
    exif[0x0112] = 1  # stored upright
    gps = exif.get_ifd(0x8825)
    gps[2] = (40.0, 44.0, 54.0)
    Image.new("RGB", (64, 48), "teal").save(
        images / "photo.jpg", "JPEG", exif=exif.tobytes(), comment=b"Jane Doe's visit"
    )
    info = PngInfo()
    info.add_text("Comment", "C:\\Users\\jdoe\\Pictures\\client-home-visit.png")
    Image.new("RGB", (64, 48), "olive").save(images / "drawn.png", pnginfo=info)
    append(
        project / "content" / "modules" / "intro.md",
        "\n![A waiting room](images/photo.jpg)\n\n![A floor plan](images/drawn.png)\n",
    )
    deck = built(project, tmp_path / "d", "deck")
    with zipfile.ZipFile(deck) as package:
        media = [package.read(n) for n in package.namelist() if n.startswith("ppt/media/")]
    handout = built(project, tmp_path / "h", "handout").read_bytes()
    assert len(media) >= 3
    for data in [*media, handout]:
        assert b"Jane Doe" not in data and b"jdoe" not in data and b"Apple" not in data
    shown = [Image.open(io.BytesIO(m)) for m in media]
    assert {(i.size, i.format) for i in shown} >= {((64, 48), "JPEG"), ((64, 48), "PNG")}


def test_a_picture_named_with_a_space_in_a_yaml_text_is_shown(
    project: Path, tmp_path: Path
) -> None:
    """A key point (any text of the YAML) naming a picture with a space in its path printed
    as typed Markdown in the handout and the deck, and check said nothing: only a module's
    body had such a path written as Markdown reads it."""
    from PIL import Image

    Image.new("RGB", (200, 100), "teal").save(project / "content" / "images" / "Waiting Room.PNG")
    edit(
        project / "content" / "modules" / "intro.md",
        "  - Calm rooms help everyone\n",
        '  - Calm rooms help everyone\n  - "![Our waiting room](images/Waiting Room.PNG)"\n',
    )
    reader = PdfReader(str(built(project, tmp_path / "handout", "handout")))
    sizes = [img.image.size for page in reader.pages for img in page.images]
    assert (200, 100) in sizes and "![" not in "".join(p.extract_text() for p in reader.pages)
    assert "Our waiting room" in _descriptions(built(project, tmp_path / "deck", "deck"))
