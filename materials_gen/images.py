"""Pictures in the content: found in Markdown, checked at validation, read once per build.

A module body may show a picture the Markdown way, ``![alt text](images/room.png)``. The
path is looked up beside the module file first, then in ``content/``; it must stay inside
the project and be a picture Pillow can read. Validation rewrites it to a project-relative
path, so that templates, the handout and the deck all name the same file, and ``build``
reads each picture once and hands the bytes to the renderers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import Location, Problem

IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src><[^>]+>|[^)\s]+)(?P<title>\s+\"[^\"]*\")?\)")
MAX_BYTES = 50 * 1024 * 1024
MAX_PIXELS = 100_000_000


@dataclass(frozen=True)
class Picture:
    path: str  # project-relative, with forward slashes
    alt: str
    width: int
    height: int


def _resolve(src: str, module_file: Path, root: Path) -> Path | None:
    src = src.strip("<>")
    for base in (module_file.parent, root / "content"):
        candidate = (base / src).resolve()
        if candidate.is_file():
            return candidate
    return None


def check_picture(path: Path) -> tuple[int, int] | str:
    """The picture's size in pixels, or what is wrong with it."""
    import warnings

    from PIL import Image, UnidentifiedImageError

    too_many = f"the picture has more than {MAX_PIXELS // 1_000_000} million pixels"
    try:
        if path.stat().st_size > MAX_BYTES:
            return f"the picture is larger than {MAX_BYTES // 1024 // 1024} MB"
        with warnings.catch_warnings():
            # the size is checked here, against materials-gen's own limit
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    return too_many
                image.verify()
    except Image.DecompressionBombError:
        return too_many
    except (UnidentifiedImageError, SyntaxError, ValueError):
        return "the file is not a picture materials-gen can read (use PNG or JPEG)"
    except OSError as exc:
        return f"the picture cannot be read: {exc.strerror or exc}"
    if path.suffix.lower() not in (".png", ".jpg", ".jpeg", ".gif", ".bmp"):
        return "use a PNG or JPEG picture"
    return width, height


def normalise(
    text: str, first_line: int, module_file: Path, root: Path, problems: list[Problem]
) -> tuple[str, tuple[Picture, ...]]:
    """``text`` with each picture's path made project-relative, and the pictures found."""
    pictures: list[Picture] = []
    display = module_file.relative_to(root).as_posix()

    def replace(match: re.Match[str]) -> str:
        line = first_line + text.count("\n", 0, match.start())
        where = Location(display, line)
        src = match.group("src").strip("<>")
        if re.match(r"^[a-z]+://", src, re.I):
            problems.append(
                Problem(
                    where,
                    f"pictures must be files in the project, not web addresses ({src})",
                    "download the picture into content/images/ and use that path",
                )
            )
            return match.group(0)
        path = _resolve(src, module_file, root)
        if path is None:
            problems.append(
                Problem(
                    where,
                    f"picture '{src}' not found",
                    "paths are relative to the module file or to content/, "
                    "e.g. images/room.png for content/images/room.png",
                )
            )
            return match.group(0)
        if not path.is_relative_to(root.resolve()):
            problems.append(Problem(where, f"picture '{src}' is outside the project"))
            return match.group(0)
        checked = check_picture(path)
        if isinstance(checked, str):
            problems.append(Problem(where, f"picture '{src}': {checked}"))
            return match.group(0)
        relative = path.relative_to(root.resolve()).as_posix()
        alt = match.group("alt").strip()
        pictures.append(Picture(relative, alt, *checked))
        return f"![{match.group('alt')}](<{relative}>{match.group('title') or ''})"

    return IMAGE.sub(replace, text), tuple(pictures)
