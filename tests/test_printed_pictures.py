"""Pictures at the resolution paper needs (render/printed_pictures.py): what a PDF embeds."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from materials_gen.render import printed_pictures
from materials_gen.render.printed_pictures import PPI, SLACK, for_print

from .conftest import append


def _saved(image: Image.Image, kind: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, kind, **options)
    return out.getvalue()


def _opened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_a_photo_gets_at_most_the_pixels_its_printed_size_needs() -> None:
    photo = _saved(Image.radial_gradient("L").resize((4000, 3000)).convert("RGB"), "JPEG")
    printed = _opened(for_print(photo, 216, 162))  # three inches wide
    assert printed.format == "JPEG"
    assert 3 * PPI <= printed.width <= 3 * PPI * SLACK, printed.size
    assert abs(printed.width / printed.height - 4 / 3) < 0.01


def test_a_picture_near_its_printed_size_is_the_same_bytes() -> None:
    picture = _saved(Image.new("RGB", (600, 400), "teal"), "PNG")
    assert for_print(picture, 144, 96) is picture  # two inches at 300 an inch: 600 pixels
    assert for_print(picture, 0, 0) is picture  # no size, no crop


def test_a_crop_is_kept_when_nothing_else_is_done() -> None:
    """A template picture repeated at its own size is only cropped."""
    picture = _saved(Image.new("RGB", (200, 100), "teal"), "PNG")
    cropped = _opened(for_print(picture, 0, 0, (0.25, 0.0, 0.25, 0.5)))
    assert cropped.size == (100, 50)


@pytest.mark.parametrize(
    ("image", "kind", "mode"),
    [
        (Image.new("RGBA", (3000, 3000), (0, 128, 128, 100)), "PNG", "RGBA"),
        (Image.new("LA", (3000, 3000), (90, 100)), "PNG", "LA"),
        (Image.new("P", (3000, 3000), 0), "PNG", "RGBA"),  # its colour 0 see-through
        (Image.new("I;16", (3000, 3000), 40000), "PNG", "L"),
        (Image.new("1", (3000, 3000), 1), "PNG", "L"),
        (Image.new("CMYK", (3000, 3000), (0, 50, 100, 0)), "JPEG", "CMYK"),
    ],
    ids=["rgba", "grey-alpha", "palette-transparent", "16-bit", "1-bit", "cmyk"],
)
def test_every_kind_of_picture_keeps_its_colours_and_transparency(
    image: Image.Image, kind: str, mode: str
) -> None:
    options = {"transparency": 0} if image.mode == "P" else {}
    printed = _opened(for_print(_saved(image, kind, **options), 72, 72))
    assert printed.mode == mode
    assert printed.width <= PPI * SLACK
    if "A" in mode:
        assert printed.getpixel((10, 10))[-1] < 255  # still see-through


@pytest.mark.parametrize("points", [(0, 0), (144, 48), (24, 8)], ids=["unsized", "own", "smaller"])
def test_a_16_bit_grey_picture_keeps_its_shades(points: tuple[int, int]) -> None:
    """A gradient saved in 16 bits (a scanner's, a chart program's) printed as a black
    line on white: every shade past 255 was cut to white, at its own size (drawn as it was)
    as when resampled."""
    gradient = Image.new("I;16", (600, 200))
    gradient.putdata([round(x / 599 * 65535) for _ in range(200) for x in range(600)])
    printed = _opened(for_print(_saved(gradient, "PNG"), *points))
    assert printed.mode == "L"
    row = [printed.getpixel((x, printed.height // 2)) for x in range(printed.width)]
    assert row[0] < 5 and row[-1] > 250
    middle = row[len(row) // 2]
    assert 110 < middle < 145, middle  # half way: half grey, not white


def test_the_same_picture_at_the_same_size_gives_the_same_bytes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Rebuilds are byte-identical: resampling again (a fresh process) gives the same file."""
    photo = _saved(Image.radial_gradient("L").resize((3000, 2000)).convert("RGB"), "JPEG")
    first = for_print(photo, 100, 66)
    monkeypatch.setattr(printed_pictures, "_DONE", {})
    assert for_print(photo, 100, 66) == first


def test_resampled_pictures_are_kept_by_a_hash_not_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    """A course's photos are not all held in memory at once for the cache's sake."""
    monkeypatch.setattr(printed_pictures, "KEPT", 2)
    monkeypatch.setattr(printed_pictures, "_DONE", {})
    for shade in range(4):
        for_print(_saved(Image.new("RGB", (3000, 2000), (shade, 0, 0)), "PNG"), 72, 48)
    assert len(printed_pictures._DONE) == 2
    assert all(len(key[0]) == 16 for key in printed_pictures._DONE)


def test_a_picture_shown_many_times_is_decoded_once(
    project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A handout showing one picture 40 times kept 40 decoded copies while its pages were
    drawn (13 MB each for a 7000-pixel picture: 400 of them ran a build out of memory);
    its pixels are decoded once, and the PDF holds the picture once."""
    from pypdf import PdfReader
    from reportlab.lib.utils import ImageReader

    from materials_gen.build import BuildOptions, build

    Image.new("RGB", (1200, 900), "teal").save(project / "content" / "images" / "wide.png")
    module = project / "content" / "modules" / "intro.md"
    append(module, "".join(f"\n![Teal {n}](images/wide.png)\n" for n in range(40)))
    decoded: set[int] = set()
    real = ImageReader.getRGBData

    def counted(self: ImageReader) -> bytes:
        decoded.add(id(self))
        return real(self)

    monkeypatch.setattr(ImageReader, "getRGBData", counted)
    options = BuildOptions(audiences=("all-staff",), kinds=("handout",))
    (made,) = build(project, options, jobs=1).built
    teal = [
        x
        for page in PdfReader(made.path).pages
        for x in page.images
        if x.image is not None and x.image.convert("RGB").getpixel((0, 0)) == (0, 128, 128)
    ]
    assert len(teal) >= 20  # drawn on 20 pages or more (a page lists a picture once)...
    assert len({x.indirect_reference.idnum for x in teal}) == 1  # ...from one picture
    assert len(decoded) <= 2  # the module's own picture, and this one: once each


def _rgb_profile(name: str, red: tuple, green: tuple, blue: tuple, gamma: float) -> bytes:
    """A matrix-and-curve ICC profile (version 2, display class) of an RGB space: its
    primaries (XYZ, adapted to D50) and one gamma, as Adobe RGB (1998) is written."""
    import struct

    def number(value: float) -> bytes:  # s15Fixed16
        return struct.pack(">i", round(value * 65536))

    def xyz(x: float, y: float, z: float) -> bytes:
        return b"XYZ " + bytes(4) + number(x) + number(y) + number(z)

    text = name.encode("ascii") + b"\0"
    described = b"desc" + bytes(4) + struct.pack(">I", len(text)) + text + bytes(8 + 3 + 67)
    curve = b"curv" + bytes(4) + struct.pack(">IH", 1, round(gamma * 256)) + bytes(2)
    tags = [
        (b"desc", described),
        (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", xyz(*red)),
        (b"gXYZ", xyz(*green)),
        (b"bXYZ", xyz(*blue)),
        (b"rTRC", curve),
        (b"gTRC", curve),
        (b"bTRC", curve),
        (b"cprt", b"text" + bytes(4) + b"none\0\0\0\0"),
    ]
    table, data = b"", b""
    at = 128 + 4 + 12 * len(tags)
    for signature, tag in tags:
        table += signature + struct.pack(">II", at + len(data), len(tag))
        data += tag + bytes(-len(tag) % 4)
    body = struct.pack(">I", len(tags)) + table + data
    header = struct.pack(">I", 128 + len(body)) + b"none" + bytes([2, 0x10, 0, 0])
    header += b"mntrRGB XYZ " + bytes(12) + b"acsp" + bytes(28)
    header += number(0.9642) + number(1.0) + number(0.8249) + bytes(4 + 16 + 28)
    return header + body


ADOBE_RGB = _rgb_profile(
    "Adobe RGB (1998)",
    (0.6097, 0.3111, 0.0195),
    (0.2053, 0.6257, 0.0609),
    (0.1492, 0.0632, 0.7446),
    2.19921875,
)


@pytest.mark.parametrize("kind", ["PNG", "JPEG"])
def test_a_picture_in_another_colour_space_is_printed_in_srgb(kind: str) -> None:
    """An Adobe RGB photo (or a phone's Display P3 one) was embedded with its numbers as
    they are, which every PDF reader takes for sRGB: its red printed dull. Its colours are
    made sRGB's for paper; an sRGB picture is left as it is, byte for byte."""
    from PIL import ImageCms

    picture = Image.new("RGB", (64, 48), (220, 30, 30))
    data = _saved(
        picture, kind, icc_profile=ADOBE_RGB, **({"quality": 95} if kind == "JPEG" else {})
    )
    red = _opened(for_print(data, 0, 0)).getpixel((10, 10))
    assert red[0] >= 250 and red[1] < 40 and red[2] < 40, red  # (255, 24, 24) in sRGB
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    plain = _saved(picture, kind, icc_profile=srgb)
    assert for_print(plain, 0, 0) == plain
    # a palette picture (a GIF-like PNG of few colours) with the same profile, as well
    palette = picture.convert("P", palette=Image.Palette.ADAPTIVE)
    coloured = _opened(for_print(_saved(palette, "PNG", icc_profile=ADOBE_RGB), 0, 0))
    red = coloured.convert("RGB").getpixel((10, 10))
    assert red[0] >= 250 and red[1] < 40 and red[2] < 40, red
    # a profile no colour engine can use: the numbers as they are, never a failed build
    broken = ADOBE_RGB.replace(b"acsp", b"acsp" + bytes(8), 1)
    damaged = _saved(picture, "PNG", icc_profile=broken)
    assert _opened(for_print(damaged, 0, 0)).getpixel((10, 10)) == (220, 30, 30)
