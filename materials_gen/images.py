"""Pictures in the content: found in Markdown, checked at validation, read once per build.

A module body may show a picture the Markdown way, ``![alt text](images/room.png)``. The
path is looked up beside the module file first, then in ``content/``; it must stay inside
the project and be a picture Pillow can read. Validation rewrites it to a project-relative
path, so that templates, the handout and the deck all name the same file, and ``build``
reads each picture once and hands the bytes to the renderers.
"""

from __future__ import annotations

import functools
import io
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import Location, Problem
from .manifest import TRANSLATIONS
from .project import looked_up, near_miss
from .walk import walk

# What is between '[' and ']' in Markdown: never past the paragraph (a blank line). Looked
# for across a whole module, a '[' never closed had each such pattern read on to the end of
# the text from every '[': time growing with the square of the module.
IN_BRACKETS = r"(?:[^\]\n]|\n(?![ \t]*(?:\n|$)))*"
# A path may hold brackets in pairs, as Markdown reads them: "IMG_2024(1).JPG", the name a
# second download of a phone photo gets (one level deep: a file's name has no more).
IMAGE = re.compile(
    rf"!\[(?P<alt>{IN_BRACKETS})\]"
    r"\((?P<src><[^>]+>|(?:[^()\s]|\([^()\s]*\))+)(?P<title>\s+\"[^\"]*\")?\)"
)
# A picture whose path holds a space, written without the "<...>" Markdown asks for: its
# name ends with a picture's extension (so that a link's text is never taken for one), and
# may hold brackets in pairs ("IMG_2024 (1).JPG"). The pattern finds the brackets only, each
# part stopped by the next bracket or quote, so that it takes time in proportion to the
# line; the name is checked in :func:`_spaced`.
_SPACED = re.compile(
    r'!\[(?P<alt>[^\[\]]*)\]\((?P<src>(?:[^()<>"\n]|\([^()<>"\n]*\))*)'
    r'(?P<title>"[^"\n]*"(?P<after>[^()<>"\n]*))?\)'
)
_PICTURE_NAME = (".png", ".jpg", ".jpeg", ".gif", ".bmp")
MAX_BYTES = 50 * 1024 * 1024  # the file, checked before it is opened
# width x height, checked before the pixels are decoded: a 48-megapixel phone photo fits;
# each picture at the limit takes about 250 MB to draw into a page
MAX_PIXELS = 50_000_000
MAX_SIDE = 20_000  # pixels on either side: no page or slide needs more
# what Pillow finds in the file -> the names such a file may have
FORMATS = {
    "PNG": (".png",),
    "JPEG": (".jpg", ".jpeg"),
    "GIF": (".gif",),
    "BMP": (".bmp",),
}
PICTURE_SUFFIXES = tuple(suffix for suffixes in FORMATS.values() for suffix in suffixes)
# the only formats Pillow is let open: any other it knows may hand the file to another
# program (an EPS to Ghostscript, which runs the PostScript in it) or decode without limits
PILLOW_FORMATS = tuple(FORMATS)


def open_picture(source: Any) -> Any:
    """Pillow's image of ``source`` (a path, bytes or a file), read only as PNG, JPEG, GIF or
    BMP: a file in any other format raises ``PIL.UnidentifiedImageError``."""
    from PIL import Image

    if isinstance(source, (bytes, bytearray)):
        source = io.BytesIO(source)
    image = Image.open(source, formats=PILLOW_FORMATS)
    if image.format == "MPO":  # a JPEG with more pictures after it (see first_picture)
        image.format = "JPEG"
    return image


def first_picture(image: Any, data: bytes) -> bytes:
    """``data`` (a picture file, open as ``image``) as one picture: a phone's or camera's
    JPEG that holds more after its own (an HDR gain map, a preview: Pillow's MPO) is cut
    to its first, which is the photo; any other is ``data`` itself."""
    entries = getattr(image, "mpinfo", None)
    entries = entries.get(0xB002) if isinstance(entries, dict) else None
    if not entries:
        return data
    size = entries[0].get("Size") if isinstance(entries[0], dict) else None
    if isinstance(size, int) and 0 < size < len(data) and data[size - 2 : size] == b"\xff\xd9":
        return _without_picture_list(data[:size])
    return data


def _without_picture_list(data: bytes) -> bytes:
    """A JPEG without its list of further pictures (the APP2 "MPF" segment), which has
    PowerPoint's and python-pptx's readers take the one picture for several."""
    return _jpeg_without(data, lambda marker, segment: _picture_list(marker, segment))


def _picture_list(marker: int, segment: bytes) -> bool:
    return marker == 0xE2 and segment[4:8] == b"MPF\x00"


def _jpeg_without(data: bytes, dropped: Callable[[int, bytes], bool]) -> bytes:
    """A JPEG without the segments before its picture's data that ``dropped`` (given each
    marker and segment) says go; the picture's data itself as it is, not compressed again."""
    at, out = 2, [data[:2]]
    while at + 4 <= len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        if marker == 0xDA:  # the picture's data starts: the rest as it is
            break
        length = int.from_bytes(data[at + 2 : at + 4], "big")
        segment = data[at : at + 2 + length]
        if not dropped(marker, segment):
            out.append(segment)
        at += 2 + length
    out.append(data[at:])
    joined = b"".join(out)
    return data if len(joined) == len(data) else joined  # (nothing dropped: the same bytes)


# What a picture carries besides its pixels and colours: the camera's data (EXIF: where a
# photo was taken, when, on what, by whom), XMP and IPTC (authors, captions, where a file
# was kept), comments. Left in, every deck and handout shared outside the organisation
# would carry where a photo of a client's home was taken. A JPEG keeps its JFIF header,
# its colour profile (APP2 "ICC_PROFILE") and Adobe's colour note (APP14), which its
# colours need; a PNG its colour, transparency and size chunks.
_JPEG_KEPT_APPS = frozenset({0xE0, 0xE2, 0xEE})
_PNG_PRIVATE = frozenset({b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"})


def without_private_data(data: bytes) -> bytes:
    """A JPEG or PNG picture's bytes without what it says of where, when and by whom it
    was made (see above), its pixels as they are; any other picture as it is."""
    if data[:2] == b"\xff\xd8":
        return _jpeg_without(
            data,
            lambda marker, segment: (
                marker == 0xFE  # a comment
                or (0xE0 <= marker <= 0xEF and marker not in _JPEG_KEPT_APPS)
                or _picture_list(marker, segment)
            ),
        )
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return _png_without(data, _PNG_PRIVATE)
    return data


def _png_without(data: bytes, dropped: frozenset[bytes]) -> bytes:
    """A PNG without its chunks of the kinds ``dropped``; the rest as they are."""
    at, out = 8, [data[:8]]
    while at + 12 <= len(data):
        length = int.from_bytes(data[at : at + 4], "big")
        kind = data[at + 4 : at + 8]
        end = at + 12 + length
        if end > len(data):  # cut short: the rest as it is (the reader says what it can)
            break
        if kind not in dropped:
            out.append(data[at:end])
        at = end
        if kind == b"IEND":  # (anything after the picture's end is no part of it)
            at = len(data)
            break
    out.append(data[at:])
    joined = b"".join(out)
    return data if len(joined) == len(data) else joined  # (nothing dropped: the same bytes)


def drawable(data: bytes) -> bool:
    """Whether a picture of a deck template's (a master's background, a logo) is one the
    printed slides draw: PNG, JPEG, GIF or BMP within the size limits a content picture
    has. Any other (EMF, SVG) is shown by PowerPoint but left off the printed slides."""
    return _drawable(bytes(data))


@functools.lru_cache(maxsize=64)  # a master's background is asked for by each of its layouts
def _drawable(data: bytes) -> bool:
    import warnings

    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            with open_picture(data) as image:
                size, kind = image.size, image.format or ""
        except Exception:  # noqa: BLE001 - not a picture of the four formats: not drawn
            return False
    return min(size) >= 1 and size_trouble(*size, kind, data) is None


# passes (scans) of a JPEG: a progressive photo has about ten; each is decoded over the whole
# picture, so one with thousands (a few MB) took minutes to read
MAX_SCANS = 100
RESIZE = (
    "save a smaller copy: a page or a slide needs at most about 3,000 pixels on the longer side"
)
RESAVE_JPEG = "open it in an image editor and save it again as an ordinary (baseline) JPEG"


def jpeg_scans(data: bytes) -> int:
    """How many scans (start-of-scan markers) a JPEG's bytes hold. Inside a scan's data a
    0xFF byte is always followed by 0x00 or a restart marker, so every FF DA is a scan (a
    thumbnail in the camera's data adds its own one)."""
    return data.count(b"\xff\xda")


def size_trouble(width: int, height: int, kind: str, data: bytes) -> Trouble | None:
    """What makes a picture of ``width`` x ``height`` pixels (``kind``: Pillow's name of its
    format; ``data``: its bytes) too costly to draw, judged before its pixels are decoded."""
    if width > MAX_SIDE or height > MAX_SIDE:
        return Trouble(
            f"the picture is {width:,} x {height:,} pixels; "
            f"at most {MAX_SIDE:,} pixels on each side",
            RESIZE,
        )
    if width * height > MAX_PIXELS:
        return Trouble(
            f"the picture has more than {MAX_PIXELS // 1_000_000} million pixels", RESIZE
        )
    scans = jpeg_scans(data) if kind == "JPEG" else 0
    if scans > MAX_SCANS:
        return Trouble(
            f"the JPEG is saved in {scans:,} passes (at most {MAX_SCANS} are read)", RESAVE_JPEG
        )
    return None


EXPORT = "open it in an image editor and export it again as PNG or JPEG"


def spaced_picture(line: str) -> str:
    """A line of a module body with each picture named with a space in its path
    (``![Our team](images/team photo.jpg)``, which Markdown would print as typed) written as
    Markdown reads it, ``![Our team](<images/team photo.jpg>)``."""
    if "![" not in line or line.count("[") > 1_000:  # see document.too_many_brackets
        return line
    return _SPACED.sub(_spaced, line)


def _spaced(match: re.Match[str]) -> str:
    """A picture named with a space, in brackets; anything else as it was."""
    src, title, after = match["src"], match["title"], match["after"] or ""
    name = src.rstrip()
    named = (
        name
        and not name[0].isspace()
        and any(c.isspace() for c in name)
        and name.lower().endswith(_PICTURE_NAME)
        and not after.strip()
        and (not title or len(name) < len(src))  # a title is set apart by a space
    )
    if not named:
        return match.group(0)
    return f"![{match['alt']}](<{name}>{f' {title}' if title else ''})"


class Trouble(str):
    """What is wrong with a picture (the text itself), and what to do about it (``hint``)."""

    hint: str

    def __new__(cls, message: str, hint: str = EXPORT) -> Trouble:
        trouble = super().__new__(cls, message)
        trouble.hint = hint
        return trouble


UNREADABLE = Trouble(
    "the file is not a picture materials-gen can read (it reads PNG, JPEG, GIF and BMP)"
)
DRAWING = Trouble(
    "the file is an SVG drawing, which materials-gen cannot draw (it reads PNG, JPEG, GIF and BMP)",
    "export the drawing as a PNG from the program that made it (or from a browser or an "
    "image editor), at twice the size it is shown, and change the path to the .png",
)


def _unreadable(path: Path) -> Trouble:
    """Why a file that is no picture of the four formats cannot be shown: a picture in
    another format is named by its format (told by its first bytes: it is never opened), an
    SVG drawing is said to be one."""
    try:
        with path.open("rb") as file:
            head = file.read(1024)
    except OSError:
        head = b""
    kind = other_format(head)
    if kind:
        return Trouble(f"the file is a {kind} picture; materials-gen reads PNG, JPEG, GIF and BMP")
    start = head.lower()
    return DRAWING if path.suffix.lower() == ".svg" or b"<svg" in start else UNREADABLE


def other_format(head: bytes) -> str:
    """The format of a picture file materials-gen does not read, from its first bytes ("" for
    none it knows of)."""
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "TIFF"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"msf1"):
        return "HEIC"
    if head[4:8] == b"ftyp" and head[8:12] == b"avif":
        return "AVIF"
    if head[:4] in (b"%!PS", b"\xc5\xd0\xd3\xc6"):
        return "EPS"
    if head[:4] == b"%PDF":
        return "PDF"
    if head[:4] == b"\x01\x00\x00\x00" and head[40:44] == b" EMF":
        return "EMF"
    if head[:4] == b"\xd7\xcd\xc6\x9a":
        return "WMF"
    if head[:4] == b"8BPS":
        return "PSD"
    return ""


@dataclass(frozen=True)
class Picture:
    path: str  # project-relative, with forward slashes
    alt: str
    width: int
    height: int
    inline: bool = False  # in a sentence (an icon), not a paragraph of its own
    line: int = 0  # the line of its module file it is written on


def _resolve(src: str, module_file: Path, root: Path) -> Path | None:
    """The picture's file: relative to the module file, else (for a module of a translation,
    content/translations/LANG/...) relative to its source module, else to content/."""
    src = src.strip("<>")
    bases = [module_file.parent]
    translations = root / TRANSLATIONS
    if module_file.is_relative_to(translations):
        inside = module_file.relative_to(translations).parts[1:]  # past the language
        bases.append((root / "content" / Path(*inside)).parent)
    for base in (*bases, root / "content"):
        info = looked_up(base / src)
        if info is not None and stat.S_ISREG(info.st_mode):
            return (base / src).resolve()
    for base in (*bases, root / "content"):  # not there as typed: its accents stored otherwise?
        path = _written_otherwise(base, src)
        info = looked_up(path) if path is not None else None
        if path is not None and info is not None and stat.S_ISREG(info.st_mode):
            return path.resolve()
    return None


def _not_a_file(src: str, module_file: Path, root: Path) -> tuple[str, str] | None:
    """Where ``src`` names something that is no file (a pipe, a device, a folder), inside
    the project: (its path from the project, what it is); None otherwise."""
    for base in (module_file.parent, root / "content"):
        path = base / src.strip("<>")
        info = looked_up(path)
        if info is None or stat.S_ISREG(info.st_mode) or not _folder_inside(path.parent, root):
            continue
        what = "a folder" if stat.S_ISDIR(info.st_mode) else "a pipe or a device"
        return Path(os.path.normpath(path)).relative_to(root).as_posix(), what
    return None


def _written_otherwise(base: Path, src: str) -> Path | None:
    """The file ``src`` names under ``base`` when its name's accents are written otherwise
    on disk: a file from a Mac's zip stores "café" as "cafe" and a combining accent, which
    looks the same as the "café" typed in the Markdown but is another name to Linux and
    Windows. None when there is no such file (or several)."""
    import unicodedata

    from .project import named_alike

    return named_alike(base, Path(src).parts, lambda name: unicodedata.normalize("NFC", name))


_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")


def _absolute(src: str) -> bool:
    """Whether a picture's path says where it is on one computer: from the top of a disk
    ("/home/...", "C:\\Users\\...", "\\\\server\\share") or a file address."""
    return bool(src.startswith(("/", "\\")) or _DRIVE.match(src) or src.lower().startswith("file:"))


def _outside(src: str, root: Path) -> bool:
    """Whether an absolute path names a file there is, outside the project."""
    info = looked_up(Path(src))
    return info is not None and not _folder_inside(Path(src).parent, root)


def _named_in_content(src: str, root: Path) -> str | None:
    """The path from content/ of the one picture in content/ whose file has ``src``'s name
    (any case), for a hint; None when there is none, or several."""
    name = src.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1].casefold()
    content = root / "content"
    if not name or not _folder_inside(content, root):
        return None
    found = []
    for folder, _, files in walk(content):  # (however deep its folders nest)
        found += [
            Path(folder) / f
            for f in files
            if f.casefold() == name and os.path.isfile(Path(folder) / f)  # never a pipe's name
        ]
        if len(found) > 1:
            break
    if len(found) != 1:
        return None
    return found[0].relative_to(content).as_posix()


def _folder_inside(folder: Path, root: Path) -> bool:
    """Whether ``folder`` is the project's or inside it (where a near miss may be looked
    for: never a folder outside, whose files are none of the project's business)."""
    try:
        return folder.resolve().is_relative_to(root.resolve())
    except (OSError, ValueError):
        return False


def check_picture(path: Path) -> tuple[int, int] | Trouble:
    """The picture's size in pixels, or what is wrong with it (cached while the file is unchanged).

    Every pixel is decoded here, within the limits, because Pillow reads lazily: a file whose
    header and chunks are sound can still hold pixel data that fails when a renderer draws it,
    and that must be a message at the Markdown line, not a traceback from ReportLab.
    """
    try:
        info = path.stat()
    except OSError as exc:
        return Trouble(f"the picture cannot be read: {exc.strerror or exc}")
    if not stat.S_ISREG(info.st_mode):
        return Trouble("the path is not a file", "name a picture file, e.g. images/room.png")
    if info.st_size == 0:
        return Trouble("the file is empty")
    if info.st_size > MAX_BYTES:
        return Trouble(f"the picture is larger than {MAX_BYTES // 1024 // 1024} MB", RESIZE)
    return _checked(path, info.st_size, info.st_mtime_ns)


@functools.lru_cache(maxsize=256)
def _checked(path: Path, size: int, modified: int) -> tuple[int, int] | Trouble:
    import warnings

    from PIL import Image, UnidentifiedImageError

    too_many = Trouble(
        f"the picture has more than {MAX_PIXELS // 1_000_000} million pixels", RESIZE
    )
    with warnings.catch_warnings():
        # the size is checked here, against materials-gen's own limits
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            with open_picture(path) as image:
                width, height = image.size
                kind = image.format or ""
                if kind not in FORMATS:
                    return Trouble(
                        f"the file is a {kind} picture; materials-gen reads PNG, JPEG, GIF and BMP"
                        if kind
                        else UNREADABLE
                    )
                costly = size_trouble(
                    width, height, kind, path.read_bytes() if kind == "JPEG" else b""
                )
                if costly is not None:
                    return costly
                if width < 1 or height < 1:
                    return UNREADABLE
                image.verify()  # chunk checksums (PNG), structure
            with open_picture(path) as image:
                turn = _turn(image)
                # every pixel of the first frame, as the renderers will need; a JPEG's at an
                # eighth of its size, which still reads every byte of its compressed data
                if image.format == "JPEG":
                    image.draft(image.mode, (max(1, width // 8), max(1, height // 8)))
                image.load()
        except Image.DecompressionBombError:
            return too_many
        except UnidentifiedImageError:
            return _unreadable(path)
        except PermissionError as exc:
            return Trouble(f"the picture cannot be read: {exc.strerror}", "check its permissions")
        except MemoryError:
            return Trouble("the picture is too large to decode", RESIZE)
        except Exception as exc:  # noqa: BLE001 - Pillow raises many kinds for damaged data
            return Trouble(
                f"the picture's data is damaged or cut short ({_reason(exc)})",
                "it may have been cut short while copying: copy, download or export it again",
            )
    if path.suffix.lower() not in FORMATS[kind]:
        return Trouble(
            f"the file is a {kind} picture but its name ends in '{path.suffix}'"
            if path.suffix
            else f"the file is a {kind} picture but its name has no extension",
            f"rename it to '{path.stem}{FORMATS[kind][0]}' and change the path in the Markdown",
        )
    return (height, width) if turn in QUARTER_TURNS else (width, height)


def picture_bytes(path: Path) -> bytes:
    """The bytes of a checked picture as every output shows it: standing up (see
    :func:`upright`)."""
    return upright(path.read_bytes())


def upright(data: bytes) -> bytes:
    """A picture's bytes with its pixels turned as its EXIF orientation says.

    A phone stores a photo taken upright with its pixels on their side, and a tag saying how
    to turn them; PowerPoint's pictures and PDF's draw the pixels as stored, so the photo
    would lie on its side in every output. Such a picture is turned once here, in its own
    format, without the camera's data (the tag, and where the photo was taken); any other
    is ``data`` itself (a JPEG holding more pictures after its photo: the photo alone).
    """
    import hashlib

    from PIL import ImageOps

    with open_picture(data) as image:
        data = first_picture(image, data)
        if _turn(image) == 1:
            return without_private_data(data)
        key = hashlib.blake2b(data, digest_size=16).digest()
        if key in _TURNED:  # every output of every audience shows it: turned once
            return _TURNED[key]
        kind = image.format
        profile = image.info.get("icc_profile")
        extra: dict[str, Any] = {"icc_profile": profile} if profile else {}
        if kind == "JPEG":
            # compressed again as the camera compressed it (its own tables and colour
            # sampling): about as many bytes as the photo, and as sharp; a quality of 95
            # made a phone's 7 MB photo 9 MB, and the deck larger than the photos
            from PIL import JpegImagePlugin

            tables = getattr(image, "quantization", None)
            extra.update({"qtables": tables} if tables else {"quality": 95})
            sampling = JpegImagePlugin.get_sampling(image)
            if sampling != -1:
                extra["subsampling"] = sampling
        turned = ImageOps.exif_transpose(image)
    out = io.BytesIO()
    if kind == "JPEG" and turned.mode in ("L", "RGB", "CMYK"):
        turned.save(out, "JPEG", **extra)
    else:
        turned.save(out, "PNG", **{k: v for k, v in extra.items() if k == "icc_profile"})
    _TURNED[key] = out.getvalue()
    while sum(map(len, _TURNED.values())) > KEPT_TURNED:  # the oldest go first
        del _TURNED[next(iter(_TURNED))]
    return out.getvalue()


KEPT_TURNED = 256 * 1024 * 1024  # bytes of turned pictures kept for the next output
_TURNED: dict[bytes, bytes] = {}  # a picture turned upright, by a hash of its file


ORIENTATION = 0x0112  # the EXIF tag that says how a camera's pixels are to be turned
QUARTER_TURNS = frozenset({5, 6, 7, 8})  # the orientations that swap width and height


def _turn(image: Any) -> int:
    """A picture's EXIF orientation, 1 (as stored) to 8; 1 when it has none, or a value
    the EXIF standard does not define. Read from the camera data before the pixels (where
    cameras write it): Pillow's own ``getexif`` decodes a whole PNG to look past them."""
    from PIL import Image

    raw = image.info.get("exif")
    if not raw:
        return 1
    try:
        found = Image.Exif()
        found.load(raw)
        turn = found.get(ORIENTATION, 1)
    except Exception:  # noqa: BLE001 - damaged camera data: the pixels are shown as stored
        return 1
    return turn if isinstance(turn, int) and 1 <= turn <= 8 else 1


def _which_picture(alt: str) -> str:
    alt = " ".join(alt.split())
    return f"the picture '{alt[:60]}'" if alt else "a picture with no description"


def shown_source(src: str) -> str:
    """A picture's address as a message shows it: a long one (the text of a picture pasted
    as a ``data:`` address runs to hundreds of kilobytes) cut to its start and end."""
    if len(src) <= 80:
        return src
    return f"{src[:48]}\u2026{src[-24:]} ({len(src):,} characters)"


def _reason(exc: Exception) -> str:
    """Pillow's words for the damage, on one line."""
    text = " ".join(str(exc).split())
    return text[:120] or type(exc).__name__


# Attributes written after a picture, as Pandoc and Quarto read them ("{width=50%}"):
# Markdown reads them as text after the picture, which then prints as its description
_SIZED = re.compile(IMAGE.pattern + r"\{(?P<attrs>[^{}\n]{0,300})\}")


def normalise(
    text: str,
    first_line: int,
    module_file: Path,
    root: Path,
    problems: list[Problem],
    warnings: list[Problem] | None = None,
) -> tuple[str, tuple[Picture, ...]]:
    """``text`` with each picture's path made project-relative, and the pictures found. A
    size written after a picture (``{width="3in"}``) is left out, with a warning: pictures
    are sized to fit their page or slide."""
    pictures: list[Picture] = []
    display = module_file.relative_to(root).as_posix()
    # the lines whose picture is shown on its own (read once, at the first picture): as the
    # outputs show them, so that a picture the handout prints on its own has its slide
    figures: list[frozenset[int]] = []

    def unsized(match: re.Match[str]) -> str:
        line = first_line + text.count("\n", 0, match.start())
        if warnings is not None:
            warnings.append(
                Problem(
                    Location(display, line),
                    f"'{{{match.group('attrs')[:60]}}}' after the picture is not read: "
                    "materials-gen sizes each picture to fit its page, slide or poster",
                    "take it out: the picture is fitted to each page and slide as it is",
                    severity="warning",
                )
            )
        return match.group(0)[: match.start("attrs") - match.start() - 1]

    if "){" in text:
        text = _SIZED.sub(unsized, text)

    def replace(match: re.Match[str]) -> str:
        line = first_line + text.count("\n", 0, match.start())
        where = Location(display, line)
        src = match.group("src").strip("<>")
        if src[:5].lower() == "data:":
            problems.append(
                Problem(
                    where,
                    f"{_which_picture(match.group('alt'))} is pasted into the text itself "
                    f"('{src.split(',', 1)[0][:40]},...', as Google Docs and web pages export "
                    "pictures); materials-gen uses picture files",
                    "save the picture as a file in content/images/ and name it: "
                    "![what it shows](images/picture.png)",
                )
            )
            return match.group(0)
        if re.match(r"^[a-z]+://", src, re.I):
            problems.append(
                Problem(
                    where,
                    "pictures must be files in the project, not web addresses "
                    f"({shown_source(src)})",
                    "download the picture into content/images/ and use that path",
                )
            )
            return match.group(0)
        if _absolute(src) and not _outside(src, root):  # "C:\\Users\\...", "/home/...":
            # only this computer has it (one outside the project is told as such below)
            found = _named_in_content(src, root)
            problems.append(
                Problem(
                    where,
                    f"picture '{shown_source(src)}' is named by where it is on this computer; "
                    "a project moved or shared would not find it",
                    f"write it relative to content/, as {found}"
                    if found
                    else "copy the picture into content/images/ and write images/ and its name",
                )
            )
            return match.group(0)
        path = _resolve(src, module_file, root)
        if "%" in src:  # written the web's way: "assembly%20point.jpg"
            from urllib.parse import unquote

            meant = _resolve(unquote(src), module_file, root)
            if path is not None and meant is None and unquote(src) != src:
                # a file named "50%25.png": Markdown reads "%25" in a path as "%", and every
                # output would look for "50%.png"
                problems.append(
                    Problem(
                        where,
                        f"picture '{shown_source(src)}': Markdown reads '%' and two digits "
                        "in a path as the character they stand for, so no output can find "
                        "this file by its name",
                        "rename the file without '%' (50-percent.png, say), and write that name",
                    )
                )
                return match.group(0)
            path = path or meant
        odd = _not_a_file(src, module_file, root) if path is None else None
        if odd is not None:  # a pipe, a device or a folder where the picture should be
            there, what = odd
            problems.append(
                Problem(
                    where,
                    f"picture '{shown_source(src)}' is {what}, not a picture file: it is "
                    "never read",
                    f"put the picture file itself at {there}",
                )
            )
            return match.group(0)
        if path is None:
            hint = (
                "paths are relative to the module file or to content/, "
                "e.g. images/room.png for content/images/room.png"
            )
            slashed = src.replace("\\", "/")
            if slashed != src:  # written as Windows writes a path
                # the path with forward slashes, as it finds the file (a path written from
                # the project's folder, "content\\images\\x.png", is one from content/)
                working = next(
                    (
                        candidate
                        for candidate in (slashed, slashed.removeprefix("content/"))
                        if _resolve(candidate, module_file, root) is not None
                    ),
                    None,
                ) or _named_in_content(slashed, root)
                hint = (
                    f"write the path with forward slashes, as {working or slashed} (a "
                    "backslash is no folder separator here)"
                )
            for base in (module_file.parent, root / "content"):
                folder = (base / src).parent
                if not _folder_inside(folder, root):
                    continue
                found = near_miss(folder, Path(src).name)
                if found is not None:
                    hint = (
                        f"found {Path(os.path.normpath(found)).relative_to(root).as_posix()}: "
                        f"write its name as it "
                        f"is ({found.name}), or rename the file"
                    )
                    break
            else:
                elsewhere = _named_in_content(src, root) if slashed == src else None
                if elsewhere is not None:  # in another folder: "label.png" for images/label.png
                    hint = f"found content/{elsewhere}: write its path as {elsewhere}"
            problems.append(Problem(where, f"picture '{shown_source(src)}' not found", hint))
            return match.group(0)
        if not path.is_relative_to(root.resolve()):
            problems.append(
                Problem(
                    where,
                    f"picture '{shown_source(src)}' is outside the project",
                    "copy it into content/images/ and write its path from there, e.g. "
                    f"images/{Path(src).name}",
                )
            )
            return match.group(0)
        checked = check_picture(path)
        if isinstance(checked, Trouble):
            problems.append(
                Problem(where, f"picture '{shown_source(src)}': {checked}", checked.hint)
            )
            return match.group(0)
        relative = path.relative_to(root.resolve()).as_posix()
        alt = match.group("alt").strip()
        if not figures:
            from .document import figure_lines  # (the Markdown parser: only with a picture)

            figures.append(figure_lines(text))
        inline = text.count("\n", 0, match.start()) not in figures[0]
        pictures.append(Picture(relative, alt, *checked, inline=inline, line=line))
        return f"![{match.group('alt')}](<{relative}>{match.group('title') or ''})"

    return IMAGE.sub(replace, text), tuple(pictures)
