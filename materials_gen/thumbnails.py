"""Page thumbnails of built files, for the overview page (overview.py).

A thumbnail is a PNG of one page, kept as ``<output folder>/.thumbs/<file hash>-<n>.png``
(one flat folder: ``clean`` removes it with its last file).
Keyed by the hash of the file, a thumbnail never needs checking: the same bytes give the
same pictures, so only files not seen before are rasterised (the live preview re-renders
only what a save changed). PDF pages are rasterised with pypdfium2 (PDFium, the renderer
in Chromium), which draws a 17-page handout's thumbnails in a fraction of a second.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import struct
import zlib
from collections.abc import Iterable, Mapping
from pathlib import Path

from . import __version__
from .write import reaches_no_link

FOLDER = ".thumbs"
PAGES = 4  # thumbnails per output: enough to see what it looks like
WIDTH = 480  # pixels across: sharp on a card, readable enough when enlarged
# zlib's level: 3 deflates a page in a third of the time of the default 6 for a picture 10%
# larger (pages are mostly white), and a live preview waits for its thumbnails
LEVEL = 3


def key_of(digest: str) -> str:
    """The thumbnails' name of a file with this hash: the hash, the pictures' size and the
    release that drew them, so that thumbnails made another way are made again (and a
    browser may keep a thumbnail for as long as it likes: its name says what it shows)."""
    return hashlib.sha256(f"{digest} {WIDTH} {PAGES} {__version__}".encode()).hexdigest()[:16]


def prefix_of(digest: str) -> str:
    """The start of the thumbnails' names of a file with this hash (relative to the output
    folder): ``<prefix><n>.png`` is page n."""
    return f"{FOLDER}/{key_of(digest)}-"


def render_pdf(data: bytes, pages: int = PAGES, width: int = WIDTH) -> list[bytes]:
    """PNGs of the first ``pages`` pages of a PDF, ``width`` pixels across (deterministic:
    the same PDF gives the same bytes)."""
    import pypdfium2 as pdfium

    pictures: list[bytes] = []
    document = pdfium.PdfDocument(data)
    try:
        for index in range(min(pages, len(document))):
            page = document[index]
            try:
                scale = width / page.get_width()
                bitmap = page.render(scale=scale, may_draw_forms=True, rev_byteorder=True)
                pictures.append(_png(bitmap))
            finally:
                page.close()
    finally:
        document.close()
    return pictures


def _png(bitmap: object) -> bytes:
    """A PNG of a PDFium bitmap (RGB or RGBA rows), written with zlib alone so no imaging
    library is needed for a few thumbnails."""
    width, height = bitmap.width, bitmap.height  # type: ignore[attr-defined]
    stride, channels = bitmap.stride, bitmap.n_channels  # type: ignore[attr-defined]
    buffer = bytes(bitmap.buffer)  # type: ignore[attr-defined]
    row = width * channels
    raw = b"".join(b"\0" + buffer[y * stride : y * stride + row] for y in range(height))
    colour = {3: 2, 4: 6}.get(channels, 2)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, colour, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"tEXt", MARK)
        + chunk(b"IDAT", zlib.compress(raw, LEVEL))
        + chunk(b"IEND", b"")
    )


def made(folder: Path, digest: str) -> list[str]:
    """The thumbnails already made for a file with this hash (relative paths, in order)."""
    base = folder / FOLDER
    if not base.is_dir():
        return []
    start = key_of(digest) + "-"
    numbers = sorted(
        int(p.stem[len(start) :])
        for p in base.glob(start + "*.png")
        if p.stem[len(start) :].isdigit()
    )
    return [f"{prefix_of(digest)}{n}.png" for n in numbers]


def pictures_for(path: str, data: bytes, pages: int = PAGES) -> list[bytes]:
    """The thumbnails of one built file by its kind of file: PDFs page by page; other
    files (decks: see ``deck_pictures``) none here."""
    if path.lower().endswith(".pdf"):
        return render_pdf(data, pages)
    return []


def staged(digest: str, pictures: Iterable[bytes]) -> list[tuple[Path, bytes]]:
    """The files to write for one output's thumbnails (relative to the output folder)."""
    return [(Path(f"{prefix_of(digest)}{n}.png"), png) for n, png in enumerate(pictures, 1)]


def ensure(
    folder: Path,
    files: Mapping[str, str],
    data: Mapping[str, bytes] | None = None,
    pages: int = PAGES,
    extra: Mapping[str, list[bytes]] | None = None,
) -> dict[str, list[str]]:
    """Make the missing thumbnails of ``files`` (path relative to ``folder`` -> file hash)
    and return each path's thumbnails (relative paths). ``data``: bytes of files not on
    disk yet; ``extra``: pictures already drawn for a path (a deck's slides). Only hashes
    with no thumbnail folder are rendered; an unreadable file just has none."""
    shown: dict[str, list[str]] = {}
    for path, digest in files.items():
        have = made(folder, digest)
        if not have:
            pictures = (extra or {}).get(path)
            if pictures is None:
                try:
                    raw = (data or {}).get(path)
                    if raw is None:
                        raw = _output_bytes(folder, path)
                    pictures = pictures_for(path, raw, pages) if raw is not None else []
                except Exception:  # noqa: BLE001 - a file PDFium cannot read has no pictures
                    pictures = []
            for relative, png in staged(digest, pictures):
                if not reaches_no_link(folder, relative):
                    break  # a link where the thumbnails go: none, rather than write through it
                if not _written(folder / relative, png):
                    return {**shown, **{p: made(folder, files[p]) for p in files if p not in shown}}
            have = made(folder, digest)
        shown[path] = have
    return shown


def _written(target: Path, png: bytes) -> bool:
    """Write one thumbnail whole (beside it, then moved into place); False when it cannot
    be (a full disk, a read-only folder), leaving nothing half-written: the page then shows
    the outputs without the pictures it could not keep, never a failure of its own."""
    tmp = target.with_suffix(".tmp")
    try:
        target.parent.mkdir(exist_ok=True)
        tmp.write_bytes(png)
        tmp.replace(target)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        return False
    return True


# The largest output a thumbnail is drawn from (a deck of a thousand slides is far smaller).
MAX_OUTPUT_BYTES = 512 * 1024 * 1024


def _output_bytes(folder: Path, path: str) -> bytes | None:
    """An output's bytes, when ``path`` is a regular file of ``folder`` reached through no
    link (the manifest that names it may have come with a shared project)."""
    import os
    import stat

    if not reaches_no_link(folder, path):
        return None
    target = folder / path
    try:
        info = os.lstat(target)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_OUTPUT_BYTES:
            return None
        return target.read_bytes()
    except OSError:
        return None


def prune(folder: Path, keep: Iterable[str], recorded: Iterable[str] = ()) -> None:
    """Remove the thumbnails of files no longer built (``keep``: the current hashes), but
    never those a build recorded (``recorded``, relative paths: the build removes those)."""
    wanted, recorded = {key_of(d) for d in keep}, set(recorded)
    base = folder / FOLDER
    if base.is_dir() and not base.is_symlink():
        for child in base.glob("*.png"):
            mine = f"{FOLDER}/{child.name}" in recorded
            if child.name.split("-", 1)[0] not in wanted and not mine and ours(child):
                with contextlib.suppress(OSError):  # a read-only folder: kept, as it is
                    child.unlink(missing_ok=True)


# a thumbnail of the live page's, or one left half-written: "<key>-<page>.png" / ".tmp"
OWN_NAME = re.compile(r"[0-9a-f]{16}-\d+\.(?:png|tmp)")
# what every thumbnail says of itself (a PNG text chunk right after its header): a file of
# the same name is removed only when it says so too, never a trainer's own picture that
# happens to sit in a .thumbs folder (-o pointed at a folder that had one)
MARK = b"Software\0materials-gen thumbnail"
_HEAD = len(b"\x89PNG\r\n\x1a\n") + 25 + 12 + len(MARK)  # signature, IHDR, the mark


def ours(path: Path) -> bool:
    """Whether ``path`` is a regular file (not a link) of materials-gen's own thumbnails:
    its name, and its first bytes marked as :func:`_png` marks them."""
    import os
    import stat

    if not OWN_NAME.fullmatch(path.name):
        return False
    try:
        fd = os.open(
            path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        )
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        head = os.read(fd, _HEAD)
    except OSError:
        return False
    finally:
        os.close(fd)
    if head[33 + 8 : 33 + 8 + len(MARK)] == MARK:
        return True
    if _unmarked(head):
        return True
    # one left half-written (a build stopped as it wrote): its first bytes, if any, are a
    # thumbnail's so far
    return path.suffix == ".tmp" and len(head) < _HEAD and _PNG_START.startswith(head[:8])


def _unmarked(head: bytes) -> bool:
    """Whether ``head`` begins a thumbnail as releases before the mark wrote them (kept by
    the live page since, and to be cleaned after an upgrade): a PNG whose header says
    :data:`WIDTH` pixels across, 8 bits, RGB or RGBA, its pixels' chunk right after, as
    :func:`_png` writes them and no other program's picture of that name would be."""
    if len(head) < 41 or not head.startswith(_PNG_START) or head[12:16] != b"IHDR":
        return False
    width, _, depth, colour = struct.unpack(">IIBB", head[16:26])
    return width == WIDTH and depth == 8 and colour in (2, 6) and head[37:41] == b"IDAT"


_PNG_START = b"\x89PNG\r\n\x1a\n"
