"""Hostile files other than YAML and Markdown: pictures, fonts and rosters.

Each case starts from a good build of the small 'minimal' project, replaces one file with a
damaged or hostile one, and builds again through the real command. The message must name the
file and line (the CSV line, for a roster), give a hint, exit 1 with no traceback, and leave
every file of the good build exactly as it was.
"""

from __future__ import annotations

import copy
import io
import os
import re
import shutil
import struct
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from pptx.oxml.ns import qn
from pypdf import PdfReader

from materials_gen import font_tables, images, roster, theme
from materials_gen.cli import main
from materials_gen.errors import ContentError

from .conftest import PROJECTS, all_text, edit, pages_text

ROOM = PROJECTS / "minimal" / "content" / "images" / "room.png"
INTRO = "content/modules/intro.md"
PICTURE_LINE = f"{INTRO}:23"

Mutation = Callable[[Path], None]


def build(project: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["build", "-p", str(project), "-j", "1", *args])


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def assert_refused(result: Result, before: dict[str, bytes], folder: Path, *expected: str) -> None:
    """Exit 1, every expected piece in the message, a hint, no traceback, nothing changed."""
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert "error: " in result.output and "hint: " in result.output, result.output
    for piece in expected:
        assert piece in result.output, result.output
    assert snapshot(folder) == before


@pytest.fixture(scope="module")
def good_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal project after a good build of the outputs these cases touch."""
    project = tmp_path_factory.mktemp("hostile-files") / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    people = project / "people.csv"
    people.write_text("name,trainer\nAda Lovelace,Sam Lee\n", encoding="utf-8")
    kinds = ("--only", "handout", "--only", "certificates")
    result = build(project, "-a", "all-staff", *kinds, "--roster", str(people))
    assert result.exit_code == 0, result.output
    return project


ROSTER_ARGS = ("--roster", "people.csv")


@pytest.fixture
def built(good_build: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the good build (the roster is named relative to the project)."""
    project = tmp_path / "project"
    shutil.copytree(good_build, project)
    monkeypatch.chdir(project)
    return project


# ---------------------------------------------------------------- pictures


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    found, at = [], 8
    while at < len(png):
        (size,) = struct.unpack(">I", png[at : at + 4])
        found.append((png[at + 4 : at + 8], png[at + 8 : at + 8 + size]))
        at += 12 + size
    return found


def png_with_corrupt_pixels() -> bytes:
    """Every chunk sound (checksums match), the compressed pixel data garbage."""
    out = b"\x89PNG\r\n\x1a\n"
    for kind, data in _chunks(ROOM.read_bytes()):
        if kind == b"IDAT":
            data = data[:20] + bytes(len(data) - 20)
        out += _chunk(kind, data)
    return out


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims a size but holds almost no pixels: refused before decoding, or damaged."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + _chunk(b"IEND", b"")
    )


def saved(kind: str, **options: object) -> bytes:
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    with Image.open(ROOM) as image:
        image.convert("RGB").save(buffer, kind, **options)
    return buffer.getvalue()


def picture(name: str, data: bytes | Callable[[], bytes]) -> Mutation:
    """Put ``data`` at content/images/``name`` and show it where room.png was shown."""

    def apply(project: Path) -> None:
        (project / "content" / "images" / name).write_bytes(data() if callable(data) else data)
        if name != "room.png":
            edit(project / INTRO, "../images/room.png", f"../images/{name}")

    return apply


def many_scans(count: int = 150) -> bytes:
    """A small progressive JPEG whose last scan is repeated: ``count`` scans and more, each
    decoded over the whole picture (thousands took minutes to read, in a few MB)."""
    data = saved("JPEG", progressive=True)
    last = data.rindex(b"\xff\xda")
    return data[:last] + data[last:-2] * count + data[-2:]


# name: (mutation, what the message must say)
PICTURES: dict[str, tuple[Mutation, str]] = {
    "jpeg in 150 passes": (
        picture("room.jpg", many_scans),
        "the JPEG is saved in 159 passes (at most 100 are read)",
    ),
    "png, valid chunks, corrupt pixel data": (
        picture("room.png", png_with_corrupt_pixels),
        "the picture's data is damaged or cut short",
    ),
    "png cut short": (
        picture("room.png", lambda: ROOM.read_bytes()[: ROOM.stat().st_size // 2]),
        "damaged or cut short",
    ),
    "png 99,000,000 x 1": (
        picture("room.png", png_header(99_000_000, 1)),
        "99,000,000 x 1 pixels; at most 20,000 pixels on each side",
    ),
    "png 1 x 99,000,000": (
        picture("room.png", png_header(1, 99_000_000)),
        "at most 20,000 pixels on each side",
    ),
    "png 7,072 x 7,072 (sides within the limit, too many pixels)": (
        picture("room.png", png_header(7_072, 7_072)),
        "more than 50 million pixels",
    ),
    "png with a zero width": (picture("room.png", png_header(0, 10)), "picture '../images/room"),
    "png, empty file": (picture("room.png", b""), "the file is empty"),
    "jpeg cut short": (
        picture("room.jpg", lambda: saved("JPEG")[:3000]),
        "damaged or cut short",
    ),
    "jpeg, empty file": (picture("room.jpg", b""), "the file is empty"),
    "jpeg named .png": (
        picture("room.png", lambda: saved("JPEG")),
        "the file is a JPEG picture but its name ends in '.png'",
    ),
    "png named .jpg": (
        picture("room.jpg", ROOM.read_bytes()),
        "the file is a PNG picture but its name ends in '.jpg'",
    ),
    "png with no extension": (
        picture("room", ROOM.read_bytes()),
        "the file is a PNG picture but its name has no extension",
    ),
    "gif named .png": (picture("room.png", lambda: saved("GIF")), "a GIF picture"),
    "gif header only": (picture("room.gif", lambda: saved("GIF")[:13]), "picture '../images/room"),
    "webp named .png": (
        picture("room.png", lambda: saved("WEBP")),
        "the file is a WEBP picture; materials-gen reads PNG, JPEG, GIF and BMP",
    ),
    "text named .gif": (picture("room.gif", b"GIF89a, or so it says"), "not a picture"),
    "a folder named room.png": (
        lambda p: (
            (p / "content/images/room.png").unlink() or (p / "content/images/room.png").mkdir()
        ),
        "picture '../images/room.png'",
    ),
}


@pytest.mark.parametrize("case", sorted(PICTURES))
def test_damaged_picture(built: Path, case: str) -> None:
    mutation, what = PICTURES[case]
    before = snapshot(built / "output")
    mutation(built)
    started = time.monotonic()
    result = build(built, "-a", "all-staff", "--only", "handout")
    assert_refused(result, before, built / "output", PICTURE_LINE, what)
    assert time.monotonic() - started < 30


def test_picture_limit_is_checked_before_decoding(tmp_path: Path, monkeypatch) -> None:
    """A picture over a limit is refused from its header alone: its pixels are never decoded."""
    from PIL import ImageFile

    def no_decoding(self: object) -> None:
        raise AssertionError("pixels decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    for size in ((99_000_000, 1), (10_001, 10_001)):
        path = tmp_path / f"{size[0]}x{size[1]}.png"
        path.write_bytes(png_header(*size))
        trouble = images.check_picture(path)
        assert isinstance(trouble, images.Trouble), trouble
        assert trouble.startswith(("the picture is 99,000,000 x 1", "the picture has more than"))
        assert "smaller copy" in trouble.hint


@pytest.mark.parametrize("kind", ["JPEG", "GIF", "BMP"])
def test_other_picture_formats_build(project: Path, tmp_path: Path, kind: str) -> None:
    suffix = images.FORMATS[kind][0]
    picture(f"room{suffix}", saved(kind))(project)
    result = build(project, "-a", "all-staff", "--only", "handout", "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    (handout,) = (tmp_path / "out").rglob("*.pdf")
    shown = [img.image.size for page in PdfReader(str(handout)).pages for img in page.images]
    assert shown == [(480, 300)]


# ---------------------------------------------------------------- fonts

THEME = "name: Brand\nfonts:\n  body:\n    regular: fonts/Brand.ttf\n"
NOTO = Path(theme.builtin_families()["Noto Sans"]) / "NotoSans-Regular.ttf"


def greek_only_font() -> bytes:
    """A sound TrueType font whose only glyphs are Greek capitals (no basic Latin)."""
    from reportlab.pdfbase.ttfonts import TTFontFile

    noto = TTFontFile(str(NOTO))
    return noto.makeSubset([c for c in range(0x391, 0x3A9) if c in noto.charToGlyph])


def font(data: bytes | Callable[[], bytes], theme_text: str = THEME) -> Mutation:
    def apply(project: Path) -> None:
        (project / "templates" / "fonts").mkdir(parents=True, exist_ok=True)
        (project / "templates" / "fonts" / "Brand.ttf").write_bytes(
            data() if callable(data) else data
        )
        (project / "templates" / "theme.yaml").write_text(theme_text, encoding="utf-8")

    return apply


def noto_with(tables: Callable[[dict[bytes, bytes]], None]) -> Callable[[], bytes]:
    """Noto Sans with some of its tables' bytes changed by ``tables`` (tag -> bytes)."""

    def make() -> bytes:
        from io import BytesIO

        from fontTools.ttLib.sfnt import SFNTReader, SFNTWriter

        with NOTO.open("rb") as handle:
            reader = SFNTReader(handle)
            tags = [tag if isinstance(tag, bytes) else tag.encode() for tag in reader.keys()]  # noqa: SIM118 (a reader is no mapping)
            raw = {tag: reader[tag.decode()] for tag in tags}
        tables(raw)
        out = BytesIO()
        writer = SFNTWriter(out, len(raw), sfntVersion=b"\0\1\0\0")
        for tag in sorted(raw):
            writer[tag.decode()] = raw[tag]
        writer.close()
        return out.getvalue()

    return make


def _every_code(raw: dict[bytes, bytes]) -> None:
    """A character map of one group, every code from 0 to 0xFFFFFFFF (75 KB: 22.8 GB)."""
    import struct

    group = struct.pack(">III", 0, 0xFFFFFFFF, 1)
    table = struct.pack(">HHIII", 13, 0, 16 + len(group), 0, 1) + group
    raw[b"cmap"] = struct.pack(">HHHHI", 0, 1, 3, 10, 12) + table


def _backwards(raw: dict[bytes, bytes]) -> None:
    """Glyph 2's outline said to end before it starts (every such glyph copied at 16 MB)."""
    import struct

    long = struct.unpack_from(">h", raw[b"head"], 50)[0]
    size = 4 if long else 2
    loca = bytearray(raw[b"loca"])
    loca[3 * size : 4 * size] = b"\0" * size
    raw[b"loca"] = bytes(loca)


# name: (mutation, where, what the message must say)
FONTS: dict[str, tuple[Mutation, str, str]] = {
    "a 75 KB font mapping four billion characters": (
        font(noto_with(_every_code)),
        "templates/theme.yaml:4",
        "font file 'fonts/Brand.ttf' maps 4,294,967,296 characters; a font may map at most",
    ),
    "a glyph running backwards": (
        font(noto_with(_backwards)),
        "templates/theme.yaml:4",
        "font file 'fonts/Brand.ttf' is damaged: glyph 2's outline runs backwards",
    ),
    "text named .ttf": (
        font(b"This is not a font, just words.\n"),
        "templates/theme.yaml:4",
        "font file 'fonts/Brand.ttf' is not a TrueType font that can be embedded",
    ),
    "empty .ttf": (
        font(b""),
        "templates/theme.yaml:4",
        "font file 'fonts/Brand.ttf' is not a TrueType font",
    ),
    "truncated font": (
        font(lambda: NOTO.read_bytes()[: NOTO.stat().st_size // 3]),
        "templates/theme.yaml:4",
        "font file 'fonts/Brand.ttf' is not a TrueType font that can be embedded",
    ),
    "font with no basic Latin": (
        font(greek_only_font),
        "templates/theme.yaml:4",
        "font file 'fonts/Brand.ttf' has no letters for basic Latin",
    ),
    "a bad bold face names its own line": (
        font(
            b"\0\1\0\0 not really",
            "fonts:\n  heading:\n    regular: fonts/Good.ttf\n    bold: fonts/Brand.ttf\n",
        ),
        "templates/theme.yaml:4",
        "font file 'fonts/Brand.ttf' is not a TrueType font",
    ),
}


@pytest.mark.parametrize("case", sorted(FONTS))
def test_damaged_font(built: Path, case: str) -> None:
    mutation, where, what = FONTS[case]
    before = snapshot(built / "output")
    mutation(built)
    shutil.copyfile(NOTO, built / "templates" / "fonts" / "Good.ttf")
    result = build(built, "-a", "all-staff", "--only", "handout")
    assert_refused(result, before, built / "output", where, what)
    assert "reportlab" not in result.output.lower()


def test_a_sound_project_font_builds(project: Path, tmp_path: Path) -> None:
    lato = Path(theme.builtin_families()["Lato"]) / "Lato-Regular.ttf"
    (project / "templates" / "fonts").mkdir(parents=True)
    shutil.copyfile(lato, project / "templates" / "fonts" / "Trainer-Regular.ttf")
    (project / "templates" / "theme.yaml").write_text(
        "fonts:\n  body:\n    regular: fonts/Trainer-Regular.ttf\n", encoding="utf-8"
    )
    result = build(project, "-a", "all-staff", "--only", "handout", "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    (handout,) = (tmp_path / "out").rglob("*.pdf")
    fonts = {
        str(f["/BaseFont"]).partition("+")[2]
        for page in PdfReader(str(handout)).pages
        for f in page["/Resources"]["/Font"].values()
    }
    assert "Lato-Regular" in fonts and "Safe Rooms" in pages_text(handout)[0]


def test_a_project_fonts_family_is_the_name_its_file_gives(project: Path, tmp_path: Path) -> None:
    """A theme naming fonts/Trainer-Regular.ttf (Lato inside) had the family called
    "Trainer", its file's name: the deck named a font "Trainer" that PowerPoint does not
    know, and a deck template in the font's real name was warned of as a font
    materials-gen does not have, with the hint to do what the trainer had done."""
    import zipfile

    lato = Path(theme.builtin_families()["Lato"]) / "Lato-Regular.ttf"
    (project / "templates" / "fonts").mkdir(parents=True)
    shutil.copyfile(lato, project / "templates" / "fonts" / "Trainer-Regular.ttf")
    (project / "templates" / "theme.yaml").write_text(
        "fonts:\n  body:\n    regular: fonts/Trainer-Regular.ttf\n", encoding="utf-8"
    )
    assert theme.load_theme(project).body_font.name == "Lato"
    result = build(project, "-a", "all-staff", "--only", "deck", "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    (deck,) = (tmp_path / "out").rglob("*.pptx")
    with zipfile.ZipFile(deck) as package:
        scheme = package.read("ppt/theme/theme1.xml").decode("utf-8")
    assert 'typeface="Lato"' in scheme and "Trainer" not in scheme


# ---------------------------------------------------------------- rosters

FIFTY = [f"Attendee {n}" for n in range(1, 51)]


def with_stray_quote() -> str:
    rows = ["name,audience", *(f"{n}," for n in FIFTY)]
    rows[3] = '"Attendee 3,'  # line 4: the quote never closes
    return "\n".join(rows) + "\n"


# name: (roster bytes or text, where, what the message must say)
ROSTERS: dict[str, tuple[str | bytes, str, str]] = {
    "an Excel workbook given as the roster": (
        b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 4,
        "people.csv",
        "the roster is a spreadsheet workbook (.xlsx or .ods), not a CSV file",
    ),
    "an Excel 97 workbook": (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512),
        "people.csv",
        "an Excel 97-2003 workbook (.xls)",
    ),
    "a cell over 128 KB": (
        "name,trainer\nAda,Sam\nGrace," + "x" * (128 * 1024 + 1) + "\n",
        "people.csv:3",
        "a roster line is at most 4,096 characters",
    ),
    "a name over 120 characters": (
        "name\nAda\n" + "Ada " * 40 + "\n",
        "people.csv:3",
        "a roster cell is at most 120 characters",
    ),
    "a stray quote among 50 attendees": (
        with_stray_quote(),
        "people.csv:4",
        'a double quote (") on this line is not closed on the same line',
    ),
    "text after a closing quote": (
        'name\n"Ada" Lovelace\n',
        "people.csv:2",
        'a double quote (") on this line is out of place',
    ),
    "a quoted trainer cell over several lines": (
        'name,trainer\nAda,"Sam\n:::\n\n::: certificate\n## Eve\n"\nGrace,\n',
        "people.csv:2",
        "is a quoted cell over several lines",
    ),
    "a name with a carriage return inside quotes": (
        'name\n"Ada\rLovelace"\n',
        "people.csv:2",
        "is a quoted cell over several lines",
    ),
    "an unquoted comma in a name": (
        "name\nLovelace, Ada\n",
        "people.csv:2",
        "cell 2 ('Ada') is under no column of the first line",
    ),
    "terminal escape codes in a name": (
        "name\nAda\n\x1b[2J\x1b]0;pwned\x07Grace\n",
        "people.csv:3",
        "this line has a control character (\\x1b)",
    ),
    "a line separator in a name": (
        "name\nAda\u2028Lovelace\n",
        "people.csv:2",
        "control character (\\u2028)",
    ),
    "escape codes in an unknown column": (
        "name,te\x1b[31mam\nAda,x\n",
        "people.csv:1",
        "\\x1b",
    ),
    "not UTF-8": (
        "name\nAda\nZo\u00eb\n".encode("cp1252"),
        "people.csv:3",
        "the roster is not UTF-8 text",
    ),
    "an empty file": (b"", "people.csv:1", "the roster is empty"),
    "only a byte-order mark": (b"\xef\xbb\xbf", "people.csv:1", "the roster is empty"),
    "only blank lines": ("\n\n , ,\n", "people.csv:1", "the roster is empty"),
    "column names but no attendees": ("name,audience\n", "people.csv:2", "no attendees"),
    "a column named twice": ("name,name\nAda,Ada\n", "people.csv:1", "named twice"),
    "100,000 attendees": (
        "name\n" + "".join(f"Attendee {n}\n" for n in range(100_000)),
        "people.csv:10002",
        "the roster has more than 10,000 attendees",
    ),
    "a roster over 10 MB": (
        "name\n" + ("Ada Lovelace\n" * 900_000),
        "people.csv",
        "the roster is larger than 10 MB",
    ),
}


@pytest.mark.parametrize("case", sorted(ROSTERS))
def test_hostile_roster(built: Path, case: str) -> None:
    data, where, what = ROSTERS[case]
    before = snapshot(built / "output")
    path = built / "people.csv"
    if isinstance(data, str):
        path.write_bytes(data.encode("utf-8"))
    else:
        path.write_bytes(data)
    started = time.monotonic()
    result = build(built, "-a", "all-staff", "--only", "certificates", *ROSTER_ARGS)
    assert_refused(result, before, built / "output", where, what)
    assert time.monotonic() - started < 20
    # terminal escape codes and other control characters are never echoed raw
    assert not any(ch in result.output for ch in "\x1b\x07\x00\r\u2028")


def test_roster_that_is_a_folder(built: Path) -> None:
    (built / "folder.csv").mkdir()
    result = build(built, "--only", "certificates", "--roster", "folder.csv")
    assert result.exit_code == 2 and "Traceback" not in result.output  # click: a usage error
    assert "'folder.csv' is a directory" in result.output
    with pytest.raises(ContentError) as caught:
        roster.read_roster(built / "folder.csv", ["all-staff"], "folder.csv")
    assert caught.value.problems[0].message == "the roster is not a file"


def test_roster_that_never_ends(built: Path) -> None:
    """A device or pipe given as the roster is refused at once, never read until memory runs out."""
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    before = snapshot(built / "output")
    started = time.monotonic()
    result = build(built, "-a", "all-staff", "--only", "certificates", "--roster", "/dev/zero")
    assert_refused(result, before, built / "output", "/dev/zero: error: the roster is not a file")
    assert time.monotonic() - started < 20


def certificate_pages(project: Path, roster_bytes: bytes, tmp_path: Path) -> list[str]:
    (project / "people.csv").write_bytes(roster_bytes)
    out = tmp_path / "out"
    result = build(
        project, "-a", "all-staff", "--only", "certificates", *ROSTER_ARGS, "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    (pdf,) = out.rglob("*certificates.pdf")
    return pages_text(pdf)


HOSTILE_CELLS = [
    "::: certificate",
    "## Eve",
    "**bold** _em_ `code`",
    "[a link](https://example.com)",
    "{{ 7 * 7 }} {% raw %}",
    "<b>&amp; &copy;</b>",
    "- a bullet",
    "1. a number",
    "> a quote",
    "a \\ backslash | pipe",
    "![picture](../../etc/passwd)",
]


def test_roster_cells_are_plain_text(built: Path, tmp_path: Path) -> None:
    """Markdown and template syntax in cells prints as typed: one certificate per row."""
    lines = ["name,trainer"]
    for n, cell in enumerate(HOSTILE_CELLS):
        quoted = '"' + cell.replace('"', '""') + '"'
        lines.append(f"{quoted},{quoted}" if n % 2 else f"Person {n},{quoted}")
    pages = certificate_pages(built, "\n".join(lines).encode(), tmp_path)
    assert len(pages) == len(HOSTILE_CELLS)
    for n, (cell, page) in enumerate(zip(HOSTILE_CELLS, pages, strict=True)):
        assert f"Trainer: {cell}" in page, page
        if n % 2:
            assert page.count(cell) == 2, page  # the name, then the trainer line
        assert "49" not in page


def test_spreadsheet_exports_are_read(built: Path, tmp_path: Path) -> None:
    """Excel's 'CSV UTF-8' (BOM, CRLF, semicolons in some locales) and 'Unicode Text' (UTF-16)."""
    names = ["O\u2019Brien, Siobh\u00e1n", 'Ada "The Countess" Lovelace', "\u5f20\u4f1f"]
    semicolons = "\ufeffName;Trainer\r\n" + "".join(
        f'"{n.replace(chr(34), chr(34) * 2)}";Sam\r\n' for n in names
    )
    pages = certificate_pages(built, semicolons.encode("utf-8"), tmp_path / "a")
    assert [any(n in p for p in pages) for n in names] == [True, True, True]
    tabs = "name\ttrainer\r\n" + "".join(
        f'"{n.replace(chr(34), chr(34) * 2)}"\tSam\r\n' for n in names
    )
    pages = certificate_pages(built, tabs.encode("utf-16"), tmp_path / "b")
    assert len(pages) == 3 and names[0] in pages[0] and names[2] in pages[2]


def test_a_long_name_shrinks_to_fit_one_page(built: Path, tmp_path: Path) -> None:
    name = ("Wolfeschlegelsteinhausenbergerdorff " * 4)[: roster.MAX_CELL].strip()
    pages = certificate_pages(built, f"name\n{name}\nW{'W' * 119}\n".encode(), tmp_path)
    assert len(pages) == 2
    assert name in pages[0] and "Trainer's signature" in pages[0]
    assert "W" * 120 in pages[1].replace(" ", "")


def test_messages_show_control_characters_escaped() -> None:
    assert roster.shown("A\x1b[31mda\u202e") == "A\\x1b[31mda\\u202e"
    assert roster.shown("x" * 100).endswith("\u2026") and len(roster.shown("x" * 100)) == 61


# ---------------------------------------------------------------- deck templates


def _template_with(tmp_path: Path, add: Callable[[object], None]) -> Path:
    """The project's deck template, with more written into its zip by ``add``."""
    import zipfile

    base = tmp_path / "base.pptx"
    assert CliRunner().invoke(main, ["deck-template", str(base)]).exit_code == 0
    bomb = tmp_path / "corporate.pptx"
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            out.writestr(info, source.read(info.filename))
        add(out)
    return bomb


@pytest.mark.parametrize("case", ["unpacks to gigabytes", "thousands of parts"])
def test_a_deck_template_that_unpacks_too_far_is_refused_before_it_is_read(
    tmp_path: Path, case: str
) -> None:
    """A 4 MB template holding a 4 GB part took 12.7 GB of memory and two minutes to build;
    its zip directory says so before a byte is unpacked."""
    from materials_gen.render import pptx_template

    def add(out: object) -> None:
        import zipfile

        assert isinstance(out, zipfile.ZipFile)
        if case == "unpacks to gigabytes":
            with out.open("ppt/media/image99.png", "w") as part:
                chunk = bytes(1024 * 1024)
                for _ in range(pptx_template.MAX_UNPACKED // len(chunk) + 2):
                    part.write(chunk)
        else:
            for n in range(pptx_template.MAX_PARTS + 1):
                out.writestr(f"ppt/extra/part{n}.xml", b"<a/>")

    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    (project / "templates").mkdir(exist_ok=True)
    shutil.copy(_template_with(tmp_path, add), project / "templates" / "corporate.pptx")
    edit(
        project / "content" / "course.yaml",
        "settings:\n",
        "settings:\n  deck:\n    template: templates/corporate.pptx\n",
    )
    result = CliRunner().invoke(main, ["build", "-p", str(project), "--only", "deck", "-j", "1"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    said = " ".join(result.output.split())
    assert "the deck template templates/corporate.pptx" in said
    assert ("unpacks to" if case == "unpacks to gigabytes" else "parts") in said


def test_a_deck_template_with_a_huge_slide_master_is_refused(tmp_path: Path) -> None:
    """A master of a million tiny shapes (228 MB of XML in a 9 MB file, inside the unpacked
    limit) took check three minutes and 3 GB."""
    from materials_gen.render import pptx_template

    def add(out: object) -> None:
        import zipfile

        assert isinstance(out, zipfile.ZipFile)
        with out.open("ppt/slideMasters/slideMaster9.xml", "w") as part:
            shape = b"<p:sp/>" * 100_000
            for _ in range(pptx_template.MAX_XML_PART // len(shape) + 2):
                part.write(shape)

    problem = pptx_template._unpacked_problem(_template_with(tmp_path, add).read_bytes())
    assert problem is not None and "slideMaster9.xml" in problem and "of XML" in problem


def test_a_file_name_with_a_terminal_escape_is_shown_escaped() -> None:
    """A module named with an escape sequence (which sets a terminal's title, or worse) was
    echoed raw in the message naming it."""
    from materials_gen.errors import Location, Problem

    said = Problem(Location("content/modules/\x1b]0;PWNED\x07welcome.md"), "x", "y\x9b").format()
    assert "\x1b" not in said and "\x07" not in said and "\x9b" not in said
    assert "\\x1b]0;PWNED\\x07welcome.md" in said


def test_a_file_name_with_a_line_break_or_a_direction_override_is_shown_escaped() -> None:
    """A module named "zz\nOK: 7 modules, 2 audiences, 0 warnings.\nx.md" had `check` print
    a made-up OK line; one with U+202E showed its name backwards."""
    from materials_gen.errors import Location, Problem

    name = "content/modules/zz\nOK: 7 modules, 2 audiences, 0 warnings.\n\u202ex.md"
    said = Problem(Location(name), "the file has no front matter", "add one").format()
    assert said.count("\n") == 1  # the hint's own line only
    assert "\\nOK: 7 modules" in said and "\\u202ex.md" in said and "\u202e" not in said


def test_show_prints_a_templates_escape_sequences_escaped(project: Path) -> None:
    """A template writing "\x1b]52;c;...\x07\x1b[2J" had `show` write the user's clipboard and
    clear the screen; the content's own text is cleaned when read, a template's was not."""
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates" / "handout.md.j2").write_text(
        '---\n---\n\n{{ "\\x1b]52;c;ZWNobw==\\x07\\x1b[2J\\x1b[31mRED" }}\n', encoding="utf-8"
    )
    result = CliRunner().invoke(
        main, ["show", "handout", "-a", "all-staff", "-p", str(project)], color=True
    )
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "\\x1b]52;c;ZWNobw==\\x07" in result.output


@pytest.mark.parametrize("stage", ["markdown", "tree"])
def test_show_prints_a_templates_direction_override_escaped(project: Path, stage: str) -> None:
    """A template writing U+202E (what follows it shown backwards) had `show` print it
    as it was, while the README says what `show` prints has direction marks escaped."""
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates" / "handout.md.j2").write_text(
        '---\n---\n\n# A {{ "\\u202eevil\\u2066" }}\n', encoding="utf-8"
    )
    args = ["show", "handout", "-a", "all-staff", "-p", str(project), "--stage", stage]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "\u202e" not in result.output and "\u2066" not in result.output
    assert "\\u202eevil" in result.output, result.output


def test_a_language_tag_with_a_line_break_after_it_is_refused() -> None:
    from materials_gen.i18n import LANGUAGE_TAG

    assert LANGUAGE_TAG.match("es") and LANGUAGE_TAG.match("pt-BR")
    assert not LANGUAGE_TAG.match("es\n")


def test_a_glyph_made_of_thousands_of_others_is_counted_once_each() -> None:
    """A 790 KB font mapped 200,000 characters to one glyph made of 65,533 others: every
    256-character subset copied them all, and check ran for a quarter of an hour."""
    from materials_gen.font_tables import MAX_PARTS, _count

    wide = {1: list(range(2, 70_000))}  # one glyph of 70,000 parts
    deep = {n: [n + 1, n + 1] for n in range(1, 40)}  # each of two of the next: 2**40
    looped = {1: [2], 2: [1]}
    assert _count(1, wide, {}, 0) == MAX_PARTS + 1
    assert _count(1, deep, {}, 0) > MAX_PARTS
    assert _count(1, looped, {}, 0) > MAX_PARTS
    assert _count(1, {1: [2, 3], 2: [3]}, {}, 0) == 3  # an accented letter: a few


def test_a_font_that_maps_too_many_characters_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 127 KB font mapping all 1.1 million code points took check a minute and
    gigabytes (every 256-glyph subset of it is made to see that it embeds)."""
    import rendercv_fonts

    monkeypatch.setattr(font_tables, "MAX_CHARACTERS", 100)
    theme._font_problem.cache_clear()
    font = next(Path(rendercv_fonts.__file__).parent.rglob("Lato-Regular.ttf"))
    info = font.stat()
    said = theme._font_problem(font, info.st_size, info.st_mtime_ns)
    theme._font_problem.cache_clear()
    assert said is not None and "a font may map at most 100" in said


@pytest.mark.parametrize(
    ("target", "kind", "refused"),
    [
        ("file://attacker.example/share/beacon.png", "IMAGE", "links a picture from outside it"),
        ("https://attacker.example/beacon.png", "IMAGE", "links a picture from outside it"),
        ("https://attacker.example/beacon.mp4", "VIDEO", "links a video from outside it"),
        ("https://attacker.example/beacon.wav", "AUDIO", "links a sound from outside it"),
        ("https://attacker.example/beacon.mp4", "MEDIA", "links a video or sound from outside"),
        (
            "https://attacker.example/beacon.wdp",
            "http://schemas.microsoft.com/office/2007/relationships/hdphoto",
            "links a picture from outside it",
        ),
        ("file://attacker.example/share/notes.docx", "HYPERLINK", "links to file://attacker"),
        ("https://www.example.org/policies", "HYPERLINK", ""),  # a web page, as a slide's
        # on the package itself (_rels/.rels), not on a part: copied into every deck
        ("package:https://attacker.example/track.png", "IMAGE", "links a picture from outside"),
    ],
    ids=[
        "linked-file-picture",
        "linked-web-picture",
        "linked-video",
        "linked-sound",
        "linked-media",
        "linked-hd-photo",
        "file-link",
        "web-link",
        "package-picture",
    ],
)
def test_a_deck_template_reaching_outside_itself_is_refused(
    project: Path, tmp_path: Path, target: str, kind: str, refused: str
) -> None:
    """A template whose master linked a picture at file://attacker.example/... (or any
    address) built without a word, and every deck made on it fetched it when opened: a
    tracking beacon, or the user's network sign-in sent to the attacker's share. A linked
    video, sound or HD photo at a web address passed, as only pictures were looked for."""
    from pptx import Presentation
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    design = project / "templates" / "corporate.pptx"
    design.parent.mkdir(exist_ok=True)
    assert CliRunner().invoke(main, ["deck-template", str(design)]).exit_code == 0
    prs = Presentation(str(design))
    reltype = kind if kind.startswith("http") else getattr(RT, kind)
    if target.startswith("package:"):
        prs.part.package.relate_to(target.removeprefix("package:"), reltype, is_external=True)
    else:
        prs.slide_master.part.relate_to(target, reltype, is_external=True)
    prs.save(str(design))
    # the printed slides open the template as the deck does (and leave no deck holding a
    # made-up link for the run's check of every deck with PowerPoint's rules)
    args = ["build", "-p", str(project), "--only", "slides", "-a", "clinical"]
    result = CliRunner().invoke(main, [*args, "--deck-template", str(design)])
    if refused:
        assert result.exit_code == 1, result.output
        assert refused in result.output and "Link to File" in result.output
        # told at the template's file, as every problem of a project's file is
        assert "templates/corporate.pptx: error: the deck template" in result.output
    else:
        assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("active", "said"),
    [
        ("macro-type", "holds macros (it is saved as a macro-enabled file)"),
        ("vba", "holds macros (a VBA project), in /ppt/presentation.xml"),
        ("ole", "holds an object embedded from another program, in /ppt/slideLayouts/"),
        ("activex", "holds an ActiveX control, in /ppt/slideMasters/"),
        ("add-in", "holds an Office add-in (a task pane), in the package"),
        ("ribbon", "holds a custom ribbon (buttons that call code), in the package"),
    ],
)
def test_a_deck_template_carrying_code_or_objects_is_refused(
    project: Path, active: str, said: str
) -> None:
    """A shared template's VBA project, its embedded OLE object and its macro-enabled type
    were copied into every deck built on it (python-pptx keeps every part a kept part
    relates to), while the README says only its design is used."""
    from pptx import Presentation
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    design = project / "templates" / "corporate.pptx"
    design.parent.mkdir(exist_ok=True)
    assert CliRunner().invoke(main, ["deck-template", str(design)]).exit_code == 0
    prs = Presentation(str(design))
    package = prs.part.package
    office = "http://schemas.microsoft.com/office/2006/relationships/"
    officedoc = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    if active != "macro-type":
        owner, name, kind, reltype = {
            "vba": (prs.part, "/ppt/vbaProject.bin", "application/vnd.ms-office.vbaProject",
                    office + "vbaProject"),
            "ole": (prs.slide_layouts[1].part, "/ppt/embeddings/oleObject1.bin",
                    "application/vnd.openxmlformats-officedocument.oleObject",
                    officedoc + "oleObject"),
            "activex": (prs.slide_master.part, "/ppt/activeX/activeX1.xml",
                        "application/vnd.ms-office.activeX+xml", officedoc + "control"),
            # the package's own relationships: an add-in loaded from a \\\\server share
            # when the deck opens; a ribbon whose buttons call code
            "add-in": (package, "/ppt/webextensions/taskpanes.xml",
                       "application/vnd.ms-office.webextensiontaskpanes+xml",
                       "http://schemas.microsoft.com/office/2011/relationships/"
                       "webextensiontaskpanes"),
            "ribbon": (package, "/customUI/customUI14.xml", "application/xml",
                       "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"),
        }[active]  # fmt: skip
        owner.relate_to(Part(PackURI(name), kind, package, b"<x/>"), reltype)
    prs.save(str(design))
    if active == "macro-type":  # the main part's type, as PowerPoint writes a .pptm
        import io
        import zipfile

        plain = b"application/vnd.openxmlformats-officedocument.presentationml.presentation"
        macro = b"application/vnd.ms-powerpoint.presentation.macroEnabled"
        data = design.read_bytes()
        with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(design, "w") as out:
            for info in source.infolist():
                body = source.read(info.filename)
                if info.filename == "[Content_Types].xml":
                    body = body.replace(plain + b".main+xml", macro + b".main+xml")
                out.writestr(info, body)
    result = CliRunner().invoke(
        main,
        ["build", "-p", str(project), "--only", "deck", "-a", "all-staff",
         "--deck-template", str(design)],
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    assert said in result.output and "not a macro-enabled one" in result.output
    assert not (project / "output").exists()


ENDLESS = Path("/proc/self/pagemap")  # says it is a regular file of no size; never ends


@pytest.mark.skipif(not ENDLESS.exists(), reason="needs Linux's /proc")
@pytest.mark.parametrize(
    "where", ["content/images/logo.png", "templates/notes.txt", "templates/locale/en.po"]
)
def test_a_link_out_of_the_project_is_never_read_even_unused(project: Path, where: str) -> None:
    """A link to /proc/self/pagemap anywhere in content/ or templates/, used or not, hung
    check and build while its hash was taken; a link to a file outside had its path and hash
    written into the manifest."""
    import hashlib
    import json
    import subprocess
    import sys

    link = project / where
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(ENDLESS)
    secret = project.parent / "pin.txt"
    secret.write_text("1234", encoding="utf-8")
    (project / "content" / "pin.txt").symlink_to(secret)
    for command in ("check", "build"):
        done = subprocess.run(
            [sys.executable, "-m", "materials_gen", command, "-p", str(project)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        said = done.stdout + done.stderr
        assert "Traceback" not in said
        if where.endswith(".po"):  # a catalog in use: named, not read
            assert done.returncode == 1 and "links to a place outside the project" in said
            return
        assert done.returncode == 0, said
    manifest = (project / "output" / ".materials-gen.json").read_text(encoding="utf-8")
    secret_hash = hashlib.sha256(b"1234").hexdigest()
    assert str(secret) not in manifest and secret_hash not in manifest and "pagemap" not in manifest
    inputs = json.loads(manifest)["inputs"]  # each link by its name alone, never read
    assert inputs[where] == inputs["content/pin.txt"] == "a link out of the project"


@pytest.mark.parametrize(
    ("picture_data", "said"),
    [
        (lambda: png_header(13_300, 13_300), "more than 50 million pixels"),
        (many_scans, "the JPEG is saved in 159 passes"),
    ],
    ids=["13,300 x 13,300 png", "jpeg in 159 passes"],
)
def test_a_deck_template_s_own_picture_has_the_limits_of_any_picture(
    project: Path, picture_data: Callable[[], bytes], said: str
) -> None:
    """A 26 KB template holding a 13,300-pixel-square PNG took 1.5 GB to print its slides; one
    holding a JPEG of thousands of passes never finished: a template's pictures went round
    every limit a picture in the content has."""
    import io
    import warnings

    from pptx import Presentation

    design = project / "templates" / "corporate.pptx"
    design.parent.mkdir(exist_ok=True)
    assert CliRunner().invoke(main, ["deck-template", str(design)]).exit_code == 0
    prs = Presentation(str(design))
    with warnings.catch_warnings():  # python-pptx reads the size with Pillow, which warns
        warnings.simplefilter("ignore")
        prs.slide_master.part.get_or_add_image_part(io.BytesIO(picture_data()))
    prs.save(str(design))
    args = ["build", "-p", str(project), "--only", "slides", "-a", "clinical"]
    result = CliRunner().invoke(main, [*args, "--deck-template", str(design)])
    assert result.exit_code == 1, result.output
    assert "holds a picture that is too costly to draw" in result.output
    assert said in result.output and "/ppt/media/" in result.output
    assert "Traceback" not in result.output


def _design_with(project: Path, change: Callable[[Any], None]) -> Path:
    """The built-in design saved as templates/corporate.pptx, changed by ``change`` (given the
    opened presentation) before it is saved."""
    from pptx import Presentation

    design = project / "templates" / "corporate.pptx"
    design.parent.mkdir(exist_ok=True)
    assert CliRunner().invoke(main, ["deck-template", str(design)]).exit_code == 0
    prs = Presentation(str(design))
    change(prs)
    prs.save(str(design))
    return design


def _many_placeholders(prs: Any) -> None:
    import copy

    layout = prs.slide_layouts[1]
    tree = layout.placeholders[1]._element.getparent()
    for n in range(150):
        shape = copy.deepcopy(layout.placeholders[1]._element)
        shape.nvSpPr.cNvPr.id = 1000 + n
        tree.append(shape)


def _no_size(prs: Any) -> None:
    size = prs.part._element.find(qn("p:sldSz"))
    size.set("cx", "0")
    size.set("cy", "0")


def _broken_theme(prs: Any) -> None:
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    prs.slide_master.part.part_related_by(RT.THEME)._blob = b"<a:theme><unclosed"


def _one_layout_listed(times: int) -> Callable[[Any], None]:
    """The first master's list of layouts made ``times`` entries naming its first layout:
    no part added, no byte past the size limits."""

    def change(prs: Any) -> None:
        listed = prs.slide_master._element.find(qn("p:sldLayoutIdLst"))
        first = listed[0]
        for entry in list(listed):
            listed.remove(entry)
        for n in range(times):
            entry = copy.deepcopy(first)
            entry.set("id", str(2147483649 + n))
            listed.append(entry)

    return change


def _no_layouts(prs: Any) -> None:
    listed = prs.slide_master._element.find(qn("p:sldLayoutIdLst"))
    for entry in list(listed):
        prs.slide_master.part.rels.pop(entry.get(qn("r:id")))
        listed.remove(entry)


def _layout_left_out(prs: Any) -> None:
    """The master still lists its second layout, whose part (and relationship) is gone, as
    in a template a tool saved with a part missing."""
    listed = prs.slide_master._element.find(qn("p:sldLayoutIdLst"))
    prs.slide_master.part.rels.pop(listed[1].get(qn("r:id")))


def _one_master_listed(times: int) -> Callable[[Any], None]:
    def change(prs: Any) -> None:
        listed = prs.part._element.find(qn("p:sldMasterIdLst"))
        first = listed[0]
        for n in range(times - 1):
            entry = copy.deepcopy(first)
            entry.set("id", str(2147483648 + 1000 + n))
            listed.append(entry)

    return change


@pytest.mark.parametrize(
    ("change", "said"),
    [
        # a master and its layouts listed over and over, each entry naming one part: every
        # walk over masters times layouts took hours for a 30 KB file
        (_one_master_listed(3000), "lists 3,000 slide masters; a deck template has at most 50"),
        (_one_master_listed(2), "lists its slide master /ppt/slideMasters/slideMaster1.xml twice"),
        (_one_layout_listed(20_000), "lists more than 500 layouts"),
        (_one_layout_listed(2), "lists its layout /ppt/slideLayouts/slideLayout1.xml twice"),
        (_many_placeholders, "of 155 placeholders; a layout holds at most 100"),
        (_no_size, "gives its slides a size of 0.00 x 0.00 in"),
        (_broken_theme, "has a theme (/ppt/theme/theme1.xml) that is not readable XML"),
        (_layout_left_out, "lists a layout of its slide master"),
        (_no_layouts, "has no layouts in its slide master"),
    ],
    ids=[
        "one master listed 3,000 times",
        "one master listed twice",
        "one layout listed 20,000 times",
        "one layout listed twice",
        "150 placeholders",
        "no size",
        "theme not XML",
        "a layout left out",
        "no layouts",
    ],
)
def test_a_deck_template_whose_design_cannot_be_used_is_named(
    project: Path, change: Callable[[Any], None], said: str
) -> None:
    """A layout of 30,000 placeholders took minutes a slide (each slide copies them all); a
    slide size of zero blamed the deck's template file; a theme that is not XML, a
    traceback."""
    design = _design_with(project, change)
    args = ["build", "-p", str(project), "--only", "deck", "-a", "clinical"]
    result = CliRunner().invoke(main, [*args, "--deck-template", str(design)])
    assert result.exit_code == 1, result.output
    assert f"the deck template {design}" in result.output or "corporate.pptx" in result.output
    assert said in result.output and "Traceback" not in result.output


def test_a_deck_template_that_gives_no_slide_size_has_office_s_default(project: Path) -> None:
    """A template whose presentation gives no slide size (the schema lets it leave it out):
    build, check and layouts ended in a TypeError. It is 10 x 7.5 in, as PowerPoint opens
    it, and the deck says so."""
    from pptx import Presentation

    def no_size(prs: Any) -> None:
        prs.part._element.remove(prs.part._element.find(qn("p:sldSz")))

    design = _design_with(project, no_size)
    for command in ("check", "build"):
        result = CliRunner().invoke(
            main, [command, "-p", str(project), "--deck-template", str(design)]
        )
        assert result.exit_code == 0, result.output
    deck = next((project / "output").rglob("*deck.pptx"))
    shown = Presentation(str(deck))
    assert (shown.slide_width, shown.slide_height) == (9144000, 6858000)
    listed = CliRunner().invoke(main, ["layouts", str(design)])
    assert listed.exit_code == 0 and ": 10.00 x 7.50 in" in listed.output


def _lying(data: bytes, name: str, claimed: int, crc: int | None = None) -> bytes:
    """``data`` (a zip) with the sizes of its part ``name`` said to be ``claimed`` bytes in
    both the part's own header and the directory (and its checksum ``crc``, when given), as
    a made-up file can."""
    import struct

    out = bytearray(data)
    encoded = name.encode()
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        at = out.find(signature)
        while at != -1:
            if out[at + name_at : at + name_at + len(encoded)] == encoded:
                struct.pack_into("<I", out, at + size_at, claimed)
                if crc is not None:  # the checksum sits four bytes before the sizes
                    struct.pack_into("<I", out, at + size_at - 8, crc)
            at = out.find(signature, at + 4)
    return bytes(out)


@pytest.mark.parametrize("checksum", [False, True], ids=["its checksum", "a matching checksum"])
def test_a_deck_template_whose_directory_lies_about_a_part_is_refused(
    project: Path, checksum: bool
) -> None:
    """Thirty parts said to be 16 bytes each, each a gigabyte of zeros inflated, took check
    100 seconds and 2.2 GB: python-pptx reads each whole before cutting it to its size. With
    the checksum of the bytes it claims, reading it to that size found nothing wrong."""
    import io
    import zipfile

    design = _design_with(project, lambda prs: None)
    buffer = io.BytesIO(design.read_bytes())
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("ppt/junk.bin", b"\0" * 4_000_000)
    claimed = 65_536  # no larger compressed than that: only reading past it finds the rest
    crc = zlib.crc32(b"\0" * claimed) if checksum else None
    design.write_bytes(_lying(buffer.getvalue(), "ppt/junk.bin", claimed, crc))
    args = ["build", "-p", str(project), "--only", "deck", "-a", "clinical"]
    result = CliRunner().invoke(main, [*args, "--deck-template", str(design)])
    assert result.exit_code == 1, result.output
    assert "is damaged: its part ppt/junk.bin is not what its directory says" in result.output
    # saved again by PowerPoint, not compressed: its size is not what is wrong
    assert "save it again as a PowerPoint Presentation" in result.output
    assert "Compress Pictures" not in result.output


FLAGS = {"encrypted": 0x1, "strong encryption": 0x40, "patched": 0x20}  # a zip part's flag bits


def _sealed(data: bytes, how: str) -> bytes:
    """``data`` (a zip) with each part marked encrypted, or said to be packed with
    Deflate64, in its own header and the directory; or a Compound File's first bytes (a
    deck saved with a password, or a .ppt)."""
    if how == "compound":
        return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + data
    out = bytearray(data)
    for signature, flags_at, method_at in ((b"PK\x03\x04", 6, 8), (b"PK\x01\x02", 8, 10)):
        at = out.find(signature)
        while at != -1:
            if how in FLAGS:
                out[at + flags_at] |= FLAGS[how]
            else:
                out[at + method_at : at + method_at + 2] = b"\x09\x00"
            at = out.find(signature, at + 4)
    return bytes(out)


@pytest.mark.parametrize(
    ("how", "said"),
    [
        ("encrypted", "is encrypted and needs a password"),
        ("strong encryption", "is encrypted and needs a password"),
        ("patched", "as patched data, which PowerPoint does not use"),
        ("deflate64", "with Deflate64, which PowerPoint does not use"),
        ("compound", "is protected by a password, or saved in PowerPoint's format before 2007"),
    ],
)
def test_a_deck_template_that_needs_a_password_or_an_unknown_packing_is_named(
    project: Path, how: str, said: str
) -> None:
    """A part marked encrypted, or packed with Deflate64, printed a traceback (zipfile's
    RuntimeError, NotImplementedError) from the template's first reading; a deck saved
    with a password is no zip at all and was called 'not a zip file'."""
    design = _design_with(project, lambda prs: None)
    design.write_bytes(_sealed(design.read_bytes(), how))
    given = ["-p", str(project), "--deck-template", str(design)]
    for args in (["build", *given, "--only", "deck"], ["check", *given], ["layouts", str(design)]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 1, (args, result.output)
        assert said in result.output and "Traceback" not in result.output, result.output
        assert "remove any password" in result.output


def test_a_deck_templates_xml_is_counted_by_content_type_and_in_all(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A layout renamed slideLayout1.dat (its content type still a layout's) went round the
    16 MB limit of an XML part; 33 layouts of 15 MB each, within it, took 11 GB."""
    import io
    import zipfile

    from materials_gen.render import pptx_template

    design = _design_with(project, lambda prs: None).read_bytes()
    with zipfile.ZipFile(io.BytesIO(design)) as archive:
        parts = {i.filename: archive.read(i) for i in archive.infolist()}
    xml = {n: len(b) for n, b in parts.items() if n.endswith(".xml")}
    largest = max(xml, key=xml.__getitem__)
    renamed = largest.removesuffix(".xml") + ".dat"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in parts.items():
            if name == "[Content_Types].xml":
                body = body.replace(largest.encode(), renamed.encode())
            archive.writestr(renamed if name == largest else name, body)
    monkeypatch.setattr(pptx_template, "MAX_XML_PART", xml[largest] - 1)
    said = pptx_template._unpacked_problem(out.getvalue())
    assert said is not None and f"holds {renamed}" in said and "of XML" in said
    monkeypatch.setattr(pptx_template, "MAX_XML_PART", 16 * 1024 * 1024)
    monkeypatch.setattr(pptx_template, "MAX_XML", sum(xml.values()) - 1)
    said = pptx_template._unpacked_problem(design)
    assert said is not None and "MB of XML; a deck template holds at most" in said


@pytest.mark.parametrize("codec", ["utf-8", "utf-16"])
@pytest.mark.parametrize("where", ["prolog", "after a long comment"])
def test_a_deck_template_that_declares_a_document_type_is_refused(
    project: Path, codec: str, where: str
) -> None:
    """A slide master with a DOCTYPE declaring an entity used in its text: python-pptx keeps
    the entity unread, and the deck was written with it, exit 0, its words lost. Office never
    writes a DOCTYPE: the template is refused, however the part is encoded and wherever in
    it the declaration stands."""
    import io
    import zipfile

    design = _design_with(project, lambda prs: None)
    source = zipfile.ZipFile(io.BytesIO(design.read_bytes()))
    name = "ppt/slideMasters/slideMaster1.xml"
    xml = source.read(name).decode("utf-8")
    body = xml.split("?>", 1)[1]
    filler = f"<!--{' ' * 1_500_000}-->" if where != "prolog" else ""
    declared = '<!DOCTYPE p:sldMaster [<!ENTITY org "Test Clinic">]>'
    header = f'<?xml version="1.0" encoding="{codec.upper()}" standalone="yes"?>'
    changed = (header + filler + declared + body).encode(codec)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, changed if info.filename == name else source.read(info))
    design.write_bytes(out.getvalue())
    args = ["build", "-p", str(project), "--only", "deck", "-a", "clinical"]
    result = CliRunner().invoke(main, [*args, "--deck-template", str(design)])
    assert result.exit_code == 1, result.output
    said = " ".join(result.output.split())
    assert f"declares a document type in its part {name}" in said
    assert "save it again as a PowerPoint Presentation" in said and "Compress" not in said
    assert not list((project / "output").rglob("*.pptx"))


def _master_background(design: Path, data: bytes, content_type: str, name: str) -> None:
    """The deck template at ``design`` with its slide master's background a picture part of
    ``data``, typed ``content_type`` (the part ``ppt/media/NAME``), as a crafted file has it."""
    import zipfile

    background = (
        '<p:bg><p:bgPr><a:blipFill><a:blip r:embed="rId99"/><a:stretch><a:fillRect/>'
        "</a:stretch></a:blipFill><a:effectLst/></p:bgPr></p:bg>"
    )
    relation = (
        '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/'
        f'2006/relationships/image" Target="../media/{name}"/></Relationships>'
    )
    original = design.read_bytes()
    with zipfile.ZipFile(io.BytesIO(original)) as before, zipfile.ZipFile(design, "w") as after:
        for item in before.infolist():
            part = before.read(item.filename)
            if item.filename == "ppt/slideMasters/slideMaster1.xml":
                text = part.decode()
                text = re.sub(r"<p:bg>.*?</p:bg>", background, text, count=1, flags=re.S)
                if background not in text:
                    text = text.replace("<p:cSld>", f"<p:cSld>{background}", 1)
                part = text.encode()
            elif item.filename == "ppt/slideMasters/_rels/slideMaster1.xml.rels":
                part = part.replace(b"</Relationships>", relation.encode())
            elif item.filename == "[Content_Types].xml":
                extension = name.rsplit(".", 1)[1]
                default = f'<Default Extension="{extension}" ContentType="{content_type}"/>'
                part = part.replace(b"<Default ", f"{default}<Default ".encode(), 1)
            after.writestr(item, part)
        after.writestr(f"ppt/media/{name}", data)


def test_a_deck_template_picture_in_another_format_never_reaches_another_program(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A template's background in EPS went to Pillow's EPS reader, which runs the file's
    PostScript in Ghostscript (once per printed output; a loop in it never ended), and every
    deck made on it carried the PostScript to whoever opened it (LibreOffice runs it in
    Ghostscript too). Such a template is refused, typed as EPS or not, and no program is
    started; pictures are only ever read as PNG, JPEG, GIF or BMP."""
    started = tmp_path / "ghostscript-ran"
    fake = tmp_path / "bin" / "gs"
    fake.parent.mkdir()
    fake.write_text(f"#!/bin/sh\ntouch '{started}'\nexit 1\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}{os.pathsep}{os.environ['PATH']}")
    eps = (
        b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 400 225\n%%EndComments\n"
        b"{ } loop\nshowpage\n%%EOF\n"
    )
    design = project / "templates" / "corporate.pptx"
    design.parent.mkdir(exist_ok=True)
    assert CliRunner().invoke(main, ["deck-template", str(design)]).exit_code == 0
    plain = design.read_bytes()
    args = ["build", "-p", str(project), "-o", str(tmp_path / "out"), "-a", "clinical", "-j", "1"]
    for typed, name in (("image/x-eps", "image1.eps"), ("image/png", "image1.png")):
        design.write_bytes(plain)
        _master_background(design, eps, typed, name)
        result = CliRunner().invoke(
            main, [*args, "--only", "slides", "--only", "deck", "--deck-template", str(design)]
        )
        assert result.exit_code == 1, result.output
        assert f"holds a PostScript (EPS) picture, /ppt/media/{name}" in result.output
        assert not started.exists(), "Ghostscript was started"
        assert not (tmp_path / "out").exists()
    from materials_gen.images import drawable, open_picture

    assert not drawable(eps)  # and were one let through, it would not be read
    with pytest.raises(Exception, match="cannot identify"):
        open_picture(eps)
    assert not started.exists()


def test_a_deck_template_picture_of_any_part_type_has_the_limits_of_any_picture(
    project: Path,
) -> None:
    """A 13,300-pixel-square PNG typed application/octet-stream was decoded in full (10 s
    and 800 MB an output): a picture is what a shape or background shows, whatever its
    part's type says."""
    design = project / "templates" / "corporate.pptx"
    design.parent.mkdir(exist_ok=True)
    assert CliRunner().invoke(main, ["deck-template", str(design)]).exit_code == 0
    _master_background(design, png_header(13_300, 13_300), "application/octet-stream", "x.dat")
    args = ["build", "-p", str(project), "--only", "slides", "-a", "clinical"]
    result = CliRunner().invoke(main, [*args, "--deck-template", str(design)])
    assert result.exit_code == 1, result.output
    assert "/ppt/media/x.dat (the picture has more than 50 million pixels)" in result.output


@pytest.mark.parametrize(
    ("shape", "count", "said"),
    [
        (
            '<p:sp><p:nvSpPr><p:cNvPr id="{n}" name="s{n}"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
            "<p:spPr/></p:sp>",
            600,
            "of 6",
        ),
        (
            '<p:sp><p:nvSpPr><p:cNvPr id="{n}" name="s{n}"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
            "<p:spPr/><p:txBody><a:bodyPr/><a:p>" + "<a:r><a:t>xx</a:t></a:r>" * 60 + "</a:p>"
            "</p:txBody></p:sp>",
            100,
            "pieces of text",
        ),
    ],
    ids=["600 shapes", "6,000 runs"],
)
def test_a_deck_template_master_too_crowded_to_draw_on_every_slide_is_refused(
    project: Path, shape: str, count: int, said: str
) -> None:
    """48,000 small shapes on a slide master (a 580 KB file, within every size limit) took
    minutes and gigabytes a PDF: every printed slide draws them all. check refuses them."""
    from pptx import Presentation

    design = project / "templates" / "corporate.pptx"
    design.parent.mkdir(exist_ok=True)
    assert CliRunner().invoke(main, ["deck-template", str(design)]).exit_code == 0
    prs = Presentation(str(design))
    tree = prs.slide_master.shapes._spTree  # noqa: SLF001
    for n in range(count):
        tree.append(_shape(shape, 5000 + n))
    prs.save(str(design))
    edit(
        project / "content/course.yaml",
        "settings:\n",
        "settings:\n  deck:\n    template: templates/corporate.pptx\n",
    )
    result = CliRunner().invoke(main, ["check", "-p", str(project)])
    assert result.exit_code == 1, result.output
    assert "has its slide master of" in result.output and said in result.output


def _shape(xml: str, n: int) -> Any:
    from pptx.oxml import parse_xml
    from pptx.oxml.ns import nsdecls

    text = xml.format(n=n).replace("<p:sp>", f"<p:sp {nsdecls('p', 'a')}>", 1)
    return parse_xml(text)


def test_a_folder_the_user_may_not_read_is_named_not_a_traceback(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A content folder the user may not look in (copied from another user's account):
    build, check and list ended in a PermissionError traceback (--json printed nothing), and
    an unreadable modules folder was told as every module's file missing. The folder is
    named, with what to do; --json is a document."""
    from materials_gen import load

    listed = os.listdir
    modules = project / "content" / "modules"

    def refused(path: Any) -> list[str]:
        if Path(path) == modules:
            raise PermissionError(13, "Permission denied", str(path))
        return listed(path)

    monkeypatch.setattr(load.os, "listdir", refused)
    for command in ("build", "check"):
        result = CliRunner().invoke(main, [command, "-p", str(project)])
        assert result.exit_code == 1 and "Traceback" not in result.output, result.output
        said = " ".join(result.output.split())
        assert "content/modules: error: materials-gen may not open it: permission denied" in said
        assert "no module file" not in said and "chmod" in said
    as_json = CliRunner().invoke(main, ["check", "-p", str(project), "--json"])
    import json

    document = json.loads(as_json.stdout)
    assert document["ok"] is False and document["problems"][0]["file"] == "content/modules"
    assert not (project / "output").exists()


def test_a_file_name_in_no_encoding_does_not_stop_the_build(project: Path) -> None:
    """A picture whose name is Latin-1 bytes (from a zip made on Windows) anywhere in
    content/: every build stopped with a UnicodeEncodeError traceback while the manifest was
    sealed, though check said OK. The build goes on, and the next finds nothing changed."""
    name = b"caf\xe9.png".decode("utf-8", "surrogateescape")
    shutil.copy(project / "content" / "images" / "room.png", project / "content" / "images" / name)
    first = CliRunner().invoke(main, ["build", "-p", str(project)])
    assert first.exit_code == 0, first.output
    again = CliRunner().invoke(main, ["build", "-p", str(project)])
    assert again.exit_code == 0 and "Nothing to rebuild" in again.output, again.output


@pytest.mark.parametrize("what", ["a folder", "a pipe"])
def test_a_font_or_deck_template_that_is_no_file_is_said_to_be_one(
    project: Path, what: str
) -> None:
    """A pipe or a folder where a theme's font or the deck template should be was told
    "does not exist", with a hint to check the path written: it is said as what it is."""
    templates = project / "templates"
    (templates / "fonts").mkdir(parents=True, exist_ok=True)
    for path in (templates / "fonts" / "a.ttf", templates / "brand.pptx"):
        path.mkdir() if what == "a folder" else os.mkfifo(path)
    (templates / "theme.yaml").write_text(
        "fonts:\n  body: {regular: fonts/a.ttf, bold: fonts/a.ttf}\n", encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["check", "-p", str(project)])
    said = " ".join(result.output.split())
    assert result.exit_code == 1, said
    assert "font file 'fonts/a.ttf' is a folder, a pipe or a device, not a file" in said
    assert "does not exist" not in said
    (templates / "theme.yaml").unlink()
    args = ["build", "-p", str(project), "--deck-template", str(templates / "brand.pptx")]
    result = CliRunner().invoke(main, [*args, "--only", "deck"])
    said = " ".join(result.output.split())
    assert result.exit_code in (1, 2), said
    assert "is a folder, a pipe or a device, not a file" in said or "is a directory" in said
    assert "does not exist" not in said


@pytest.mark.parametrize("what", ["a link to nothing", "a folder", "a pipe"])
def test_a_template_or_theme_that_is_no_file_is_named(project: Path, what: str) -> None:
    """templates/theme.yaml or a template made a link to nothing, a folder or a pipe: the
    built-in one was used in its place without a word (every output in the built-in
    colours). It is an error at its path."""
    templates = project / "templates"
    templates.mkdir(exist_ok=True)
    for name in ("theme.yaml", "handout.md.j2"):
        path = templates / name
        if what == "a link to nothing":
            path.symlink_to(templates / "missing")
        elif what == "a folder":
            path.mkdir()
        else:
            os.mkfifo(path)
        result = CliRunner().invoke(main, ["build", "-p", str(project), "--only", "handout"])
        assert result.exit_code == 1, result.output
        said = " ".join(result.output.split())
        assert f"templates/{name}: error: " in said, said
        assert what.split()[-1] in said or "not a regular file" in said
        if path.is_dir() and not path.is_symlink():
            path.rmdir()
        else:
            path.unlink()
    assert not (project / "output").exists()


def test_ctrl_c_during_a_build_says_what_became_of_the_outputs(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C while a build ran printed Click's bare "Aborted!"; it says the output folder
    keeps the last complete build, exit status 130 (as a shell reports Ctrl-C)."""
    import materials_gen.build as pipeline

    def interrupted(*args: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "build", interrupted)
    result = CliRunner().invoke(main, ["build", "-p", str(project)])
    assert result.exit_code == 130 and "Aborted" not in result.output
    assert "Stopped: every file in the output folder is as the last complete build" in (
        result.output
    )


def test_ctrl_c_as_a_build_finishes_says_its_files_are_written(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C a moment after a build put its new files in place, while it tidied up: it
    said every file was as the last complete build left it, and the next build found
    nothing to do, so the trainer kept the old handouts in mind and never saw what changed.
    It now says the new files are written, and where the report of what changed is."""
    import materials_gen.write as write

    cli_build = ["build", "-p", str(project), "-j", "1"]
    assert CliRunner().invoke(main, cli_build).exit_code == 0
    edit(project / "content" / "modules" / "intro.md", "Calm rooms help everyone", "Calm rooms")
    tidy = write._remove_tree

    def interrupted(path: Path, *args: Any, **kwargs: Any) -> Any:
        if (path / write.DONE).exists():  # the new files are in place: tidying up
            tidy(path, *args, **kwargs)
            raise KeyboardInterrupt
        return tidy(path, *args, **kwargs)

    monkeypatch.setattr(write, "_remove_tree", interrupted)
    result = CliRunner().invoke(main, cli_build)
    said = " ".join(result.output.split())
    assert result.exit_code == 130, said
    assert "Stopped as the build finished: its new files are in" in said, said
    assert "CHANGES.md lists what changed" in said, said
    assert "as the last complete build" not in said
    monkeypatch.setattr(write, "_remove_tree", tidy)
    again = CliRunner().invoke(main, cli_build)
    assert "Nothing to rebuild" in again.output, again.output
    handout = next((project / "output").rglob("*all-staff-handout.pdf"))
    assert "Calm rooms help everyone" not in all_text(handout)


def test_a_dumb_terminal_gets_no_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    from materials_gen.console import use_colour

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "dumb")
    assert use_colour(None) is False and use_colour(True) is True
    monkeypatch.setenv("TERM", "xterm-256color")
    assert use_colour(None) is None


def test_what_templates_read_is_kept_in_materials_gen_s_own_cache(project: Path) -> None:
    """What each template reads was kept in Jinja's shared temporary folder, never pruned
    (15,000 files on one machine); it is kept beside the compiled templates, pruned."""
    import jinja2

    from materials_gen import kinds, templating

    shared = Path(jinja2.FileSystemBytecodeCache().directory)
    before = set(shared.glob("materials_gen_reads_*")) if shared.is_dir() else set()
    kinds._kept_reads.cache_clear()
    assert (
        CliRunner().invoke(main, ["build", "-p", str(project), "--only", "handout"]).exit_code == 0
    )
    after = set(shared.glob("materials_gen_reads_*")) if shared.is_dir() else set()
    assert after == before
    assert kinds._kept_folder() == templating.kept_folder() is not None


def test_a_default_output_folder_that_is_a_link_out_is_named_as_such(
    project: Path, tmp_path: Path
) -> None:
    """output/ made a link to a folder outside the project, with no output setting: the
    error blamed "settings: output: 'output'" in course.yaml, which has no such setting."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (project / "output").symlink_to(elsewhere)
    result = CliRunner().invoke(main, ["build", "-p", str(project)])
    assert result.exit_code == 1
    said = " ".join(result.output.split())
    assert "output: error: the output folder 'output' leads outside the project" in said
    assert "settings: output" not in said and "--output" in said
    assert not list(elsewhere.iterdir())


def test_one_problem_at_one_place_is_told_once(project: Path) -> None:
    """A folder of the output made a link: the same error at the same folder was told
    once for each file to be written there (eleven times, then "... and 6 more"), with a
    hint to run check, which does not look at the output folder."""
    from materials_gen.errors import EVERY_IN_JSON, Location, Problem, told

    same = Problem(Location("output/clinical"), "this folder is a link", "remove the link")
    other = Problem(Location("output/all-staff"), "this folder is a link", "remove the link")
    assert told([same, same, same, other]) == [same, other]
    many = [Problem(Location("x.md", n), "too long", "shorten it") for n in range(1, 9)]
    assert "the command with --json lists every one" in told(many, EVERY_IN_JSON)[-1].hint
    assert told(many)[-1].hint == "mend the first ones and try again"


def test_the_count_of_alike_problems_offers_json_only_where_the_command_has_it(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`clean` stopped on many files the disk would not let go told the trainer to run
    it with --json, which clean does not take ("No such option")."""
    from click.testing import CliRunner

    import materials_gen.clean as cleaning
    from materials_gen.cli import main
    from materials_gen.errors import ContentError, Location, Problem

    def refused(*args: object, **kwargs: object) -> None:
        raise ContentError(
            [
                Problem(Location(f"output/{n}.pdf"), "cannot remove it", "unlock it")
                for n in range(9)
            ]
        )

    monkeypatch.setattr(cleaning, "clean_folder", refused)
    (project / "output").mkdir()
    said = CliRunner().invoke(main, ["clean", "-p", str(project)]).output
    assert "... and 4 more errors like the one above" in said and "--json" not in said, said


def test_ctrl_c_during_check_says_stopped_and_nothing_of_the_outputs(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C during check (which writes nothing) said the build's sentence about the
    output folder."""
    import materials_gen.check as checking

    def interrupted(*args: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(checking, "check_project", interrupted)
    result = CliRunner().invoke(main, ["check", "-p", str(project)])
    assert result.exit_code == 130 and result.output.strip() == "Stopped."


def test_a_folder_in_content_the_user_may_not_read_is_passed_over(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder under content/ the user may not look in, that the content does not use (a
    desktop's .Trash-1000 owned by another user): every build stopped on it while check
    said OK. It is passed over, as before."""
    from materials_gen import walk

    hidden = project / "content" / ".Trash-1000"
    hidden.mkdir()
    scan = os.scandir

    def refused(path: Any = ".") -> Any:
        if isinstance(path, str | os.PathLike) and Path(path) == hidden:
            raise PermissionError(13, "Permission denied", str(path))
        return scan(path)

    monkeypatch.setattr(walk.os, "scandir", refused)
    result = CliRunner().invoke(main, ["build", "-p", str(project), "--only", "handout"])
    assert result.exit_code == 0, result.output


def test_a_template_listing_too_many_parts_is_refused_before_its_list_is_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A 90 MB template listing a million empty parts took ten seconds and 680 MB only to be
    refused: its directory was read whole before its parts were counted. The count is read
    from the zip's end record first (the zip64 one too), and the directory never opened."""
    import io
    import zipfile

    from materials_gen.render import pptx_template

    def package(count: int) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
            for n in range(count):
                archive.writestr(f"p{n}", b"")
        return out.getvalue()

    assert pptx_template._listed_parts(package(30)) == 30
    many = package(pptx_template.MAX_PARTS + 1)
    assert pptx_template._listed_parts(many) == pptx_template.MAX_PARTS + 1
    zip64 = package(65_600)  # past what the plain end record counts: the zip64 one says
    assert b"PK\x06\x06" in zip64 and pptx_template._listed_parts(zip64) == 65_600

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("the zip's directory was read")

    monkeypatch.setattr(zipfile, "ZipFile", never)
    for data, count in ((many, pptx_template.MAX_PARTS + 1), (zip64, 65_600)):
        said = pptx_template._unpacked_problem(data)
        assert said is not None and said.startswith(f"holds {count:,} parts")


@pytest.mark.parametrize("folder", ["templates", "content"])
def test_a_source_folder_linked_out_of_the_project_is_refused_before_anything_is_read(
    project: Path, tmp_path: Path, folder: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A shared project whose templates/ (or content/) is a link to a folder outside it:
    the build hashed every file there before refusing the link (a link to / walked the
    whole disk for a minute and ended in a traceback). Nothing outside is opened, the link
    is named, and a watch follows none of it."""
    from materials_gen import manifest
    from materials_gen.project import source_stamps, watched_folders

    outside = tmp_path / "elsewhere"
    if (project / folder).is_dir():
        shutil.copytree(project / folder, outside)
        shutil.rmtree(project / folder)
    outside.mkdir(exist_ok=True)
    (outside / "secret.txt").write_text("1234", encoding="utf-8")
    (project / folder).symlink_to(outside)
    opened: list[str] = []
    hashed = manifest.file_hash
    monkeypatch.setattr(manifest, "file_hash", lambda p, *a: opened.append(str(p)) or hashed(p, *a))
    result = CliRunner().invoke(main, ["build", "-p", str(project)])
    assert result.exit_code == 1, result.output
    assert (
        "Traceback" not in result.output
        and result.exception is None
        or isinstance(result.exception, SystemExit)
    )
    assert "links to a place outside the project" in result.output, result.output
    assert not [p for p in opened if str(outside) in p or f"/{folder}/" in p], opened
    assert not any(str(outside) in s or f"/{folder}/" in s for s in source_stamps(project))
    assert project / folder not in watched_folders(project)[0]


@pytest.mark.parametrize("kind", ["pipe", "endless"])
def test_a_pipe_or_an_endless_file_in_content_never_stops_a_watch(project: Path, kind: str) -> None:
    """A pipe (``mkfifo content/x.md``) hung `watch` and `preview` right after their first
    build, looking for pictures named outside content/, and a link to /dev/zero ran them
    out of memory: such a file is no text a trainer wrote, and is passed over at once."""
    import threading

    from materials_gen.options import BuildOptions
    from materials_gen.project import followed_files

    odd = project / "content" / "odd.md"
    if kind == "pipe":
        os.mkfifo(odd)
    else:
        odd.symlink_to("/dev/zero")
    found: list[list[Path]] = []
    looking = threading.Thread(
        target=lambda: found.append(followed_files(project, BuildOptions())), daemon=True
    )
    looking.start()
    looking.join(20)
    assert found and not looking.is_alive()
