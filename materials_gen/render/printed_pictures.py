"""Pictures at the resolution paper needs: what a PDF embeds of a picture it draws.

A phone photo has 12 to 48 million pixels; a handout draws it six inches wide and a printed
slide two, where 300 pixels an inch is all a printer can show. Embedding every pixel made a
handout of a dozen photos 8.5 MB and its build half a minute, three times over (handout,
printed slides, notes pages). So each PDF gets the picture resampled to :data:`PPI` pixels
an inch at the size it is drawn, in its own format (a photo stays a JPEG, a diagram a
lossless PNG), and a picture with no more pixels than that is drawn as it is, byte for
byte. The deck keeps every picture as it is: it is for editing, and PowerPoint compresses
pictures itself when asked.

The same picture drawn at the same size (a logo on every printed slide, a photo in both of
an audience's printed outputs) is resampled once a process.
"""

from __future__ import annotations

import functools
import hashlib
import io
import math

PPI = 300  # pixels an inch on paper: a printer's fine detail
# a picture at most this much larger than needed is drawn as it is (resampling it would
# cost more than it saves)
SLACK = 1.25
Crop = tuple[float, float, float, float]  # the share cut from the left, top, right, bottom
NO_CROP: Crop = (0.0, 0.0, 0.0, 0.0)


def for_print(data: bytes, width: float, height: float, crop: Crop = NO_CROP) -> bytes:
    """The picture in ``data``, cropped by ``crop``, with at most :data:`PPI` pixels an inch
    when drawn ``width`` x ``height`` points (no size: every pixel is kept), ``data`` itself
    when it needs neither."""
    sized = width > 0 and height > 0
    wanted = (_pixels(width), _pixels(height)) if sized else (0, 0)
    key = (hashlib.blake2b(data, digest_size=16).digest(), wanted, tuple(crop))
    if key not in _DONE:
        if len(_DONE) >= KEPT:
            del _DONE[next(iter(_DONE))]
        _DONE[key] = _printed(data, wanted, key[2])
    found = _DONE[key]
    return data if found is None else found


KEPT = 64  # pictures kept resampled, by what they were made from (not the pictures)
_DONE: dict[tuple[bytes, tuple[int, int], Crop], bytes | None] = {}


def _pixels(points: float) -> int:
    return max(1, math.ceil(points / 72 * PPI))


def _printed(data: bytes, wanted: tuple[int, int], crop: Crop) -> bytes | None:
    """The picture resampled and cropped, or None when it is drawn as it is."""
    from PIL import Image

    from ..images import open_picture

    with open_picture(data) as image:
        kind = image.format or "PNG"
        width, height = image.size
        left, top, right, bottom = crop
        box = (round(width * left), round(height * top))
        box += (round(width * (1 - right)), round(height * (1 - bottom)))
        shown = (box[2] - box[0], box[3] - box[1])
        too_many = 0 < wanted[0] * SLACK < shown[0] and 0 < wanted[1] * SLACK < shown[1]
        deep = image.mode in _DEEP_MODES
        profile = image.info.get("icc_profile")
        # colours meant in another space than the screen's (Adobe RGB, a phone's Display
        # P3): a PDF reader takes a picture's numbers for sRGB, so they are made sRGB's
        foreign = image.mode in ("RGB", "RGBA", "P") and _foreign(profile)
        drawn_as_it_is = not too_many and not any(crop) and not deep and not foreign
        if drawn_as_it_is or shown[0] < 1 or shown[1] < 1:
            return None
        target = shown
        if too_many:
            scale = max(wanted[0] / shown[0], wanted[1] / shown[1])
            target = (max(1, round(shown[0] * scale)), max(1, round(shown[1] * scale)))
        if kind == "JPEG" and too_many:
            # decoded at an eighth, quarter or half of its size when that is still enough:
            # the JPEG decoder's own shortcut, many times quicker than decoding every pixel
            needed = (
                math.ceil(width * target[0] / shown[0]),
                math.ceil(height * target[1] / shown[1]),
            )
            image.draft(image.mode, needed)
            drafted = image.size[0] / width, image.size[1] / height
            box = (
                round(box[0] * drafted[0]),
                round(box[1] * drafted[1]),
                round(box[2] * drafted[0]),
                round(box[3] * drafted[1]),
            )
            if box[2] - box[0] <= target[0] * SLACK:  # decoded near enough to the size
                target = (box[2] - box[0], box[3] - box[1])
        if deep:
            picture = _eight_bits(image)
        elif image.mode not in _KEPT_MODES:
            picture = image.convert(_mode(image))
        else:
            picture = image
        picture = picture.crop(box) if box != (0, 0, *picture.size) else picture
        if picture.size != target:
            picture = picture.resize(target, Image.Resampling.LANCZOS, reducing_gap=2.0)
        if foreign:
            picture = _in_srgb(picture, profile)
        out = io.BytesIO()
        extra = {"icc_profile": profile} if profile and not foreign else {}
        if kind == "JPEG" and picture.mode in ("L", "RGB", "CMYK"):
            picture.save(out, "JPEG", quality=92, **extra)
        else:
            # ReportLab reads the pixels back and compresses them itself: quickest is best
            picture.save(out, "PNG", compress_level=1, **extra)
        return out.getvalue()


def _foreign(profile: bytes | None) -> bool:
    """Whether an RGB (or palette) picture's colour profile is another RGB space than sRGB
    (one Pillow can read)."""
    if not profile:
        return False
    return _described(profile) not in ("", "sRGB")


@functools.lru_cache(maxsize=32)
def _described(profile: bytes) -> str:
    """ "sRGB" for a profile of sRGB, else its description ("" when it cannot be read: the
    picture's numbers are then taken as they are, as any PDF reader would)."""
    from PIL import ImageCms

    try:
        read = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        if read.profile.xcolor_space.strip() != "RGB":  # a grey or CMYK one: not for RGB
            return ""
        found = ImageCms.getProfileDescription(read)
    except (OSError, ValueError, TypeError, AttributeError, ImageCms.PyCMSError):
        return ""
    return "sRGB" if "srgb" in found.lower() else found.strip() or "another"


def _in_srgb(picture: object, profile: bytes) -> object:
    """``picture``'s colours in sRGB, from the space its ``profile`` says they are in."""
    from PIL import ImageCms

    mode = picture.mode  # type: ignore[attr-defined]
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        return ImageCms.profileToProfile(
            picture, source, ImageCms.createProfile("sRGB"), outputMode=mode
        )
    except (OSError, ValueError, TypeError, ImageCms.PyCMSError):  # a profile it cannot use:
        return picture  # the numbers as they are, as any PDF reader takes them


# modes resampled as they are; any other (a palette, 1-bit, 16-bit) is made one of these
_KEPT_MODES = frozenset({"L", "LA", "RGB", "RGBA", "CMYK"})
# grey in more than eight bits (a 16-bit PNG from a scanner or a chart program): read as it
# is, or made 8-bit by Pillow's convert("L"), every shade past 255 is cut to white, and a
# gradient prints as a black line on white; so it is always scaled down, even when drawn
# at its own size
_DEEP_MODES = frozenset({"I", "I;16", "I;16B", "I;16L", "I;16N", "F"})


def _eight_bits(image: object) -> object:
    """A grey picture of more than eight bits as an 8-bit one, its shades scaled (65,535
    becomes 255) rather than cut; one whose shades already fit eight bits as it is."""
    picture = image.convert("F")  # type: ignore[attr-defined]
    high = picture.getextrema()[1]
    if high > 255:
        scale = 255 / 65535 if high <= 65535 else 255 / high
        picture = picture.point(lambda value: value * scale)
    return picture.convert("L")


def _mode(image: object) -> str:
    """The mode a picture is resampled in: with its transparency, if it has any."""
    mode = getattr(image, "mode", "RGB")
    info = getattr(image, "info", {})
    see_through = "A" in mode or "transparency" in info
    if mode in ("1", "L", "I", "I;16", "I;16B", "I;16L", "F") and not see_through:
        return "L"
    return "RGBA" if see_through else "RGB"
