"""What ReportLab reads from a font file, kept in the user's cache folder (face_metrics.py):
read back, a face is the face ReportLab reads, value for value, so the PDFs are the same
bytes; an entry of another file, another ReportLab, or damaged, is never used."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from reportlab.pdfbase.ttfonts import TTFontFace, TTFontFile

from materials_gen import face_metrics, glyphs
from materials_gen.theme import _builtin_family

from .conftest import PROJECTS, edit

NOTO = glyphs.LATIN.path(False)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder of the test's own."""
    folder = tmp_path / "metrics"
    folder.mkdir()
    monkeypatch.setattr(face_metrics, "_folder", lambda: folder)
    return folder


def differences(read: Any, kept: Any, where: str = "face") -> list[str]:
    """Where two values differ, types and the order of keys included (1000 is not 1000.0:
    a width's type shows in the PDF's numbers)."""
    if callable(read):  # the scale to a 1000-unit em, rebuilt
        return [] if repr(read(1234)) == repr(kept(1234)) else [f"{where}: another scale"]
    if type(read) is not type(kept):
        return [f"{where}: {type(read).__name__} became {type(kept).__name__}"]
    if isinstance(read, dict):
        if list(read) != list(kept):
            return [f"{where}: other keys, or in another order"]
        return [d for k in read for d in differences(read[k], kept[k], f"{where}.{k}")]
    if isinstance(read, list | tuple):
        if len(read) != len(kept):
            return [f"{where}: {len(read)} items became {len(kept)}"]
        found: list[str] = []
        for n, (a, b) in enumerate(zip(read, kept, strict=True)):
            found += differences(a, b, f"{where}[{n}]")
            if found:
                return found
        return found
    if getattr(read, "ustr", None) != getattr(kept, "ustr", None):
        return [f"{where}: another name"]
    return [] if read == kept else [f"{where}: {read!r} became {kept!r}"]


def shipped_faces() -> list[Path]:
    """Faces of each kind the PDFs draw with: the theme's Noto Sans, an East Asian face of
    30,000 glyphs, a face another foundry made, and a static face made from a variable
    font (see static_faces.py)."""
    lato = _builtin_family("Lato", None, [])
    assert lato is not None
    return [
        NOTO,
        glyphs.LATIN.path(True),
        glyphs.CHINESE.path(False),
        glyphs.JAPANESE.path(True),
        lato.files()[3],
        glyphs.HEBREW.path(False),
    ]


@pytest.mark.parametrize("path", shipped_faces(), ids=lambda p: p.name)
def test_a_face_read_back_from_the_cache_is_the_face_reportlab_reads(
    cache: Path, path: Path
) -> None:
    read = TTFontFace(str(path))
    first = face_metrics.face(path)  # read from the file, and kept
    (entry,) = cache.iterdir()
    kept = face_metrics.face(path)  # from the entry
    assert not differences(vars(read), vars(first))
    assert not differences(vars(read), vars(kept))
    assert face_metrics.code_points(path) == frozenset(read.charToGlyph)
    assert list(cache.iterdir()) == [entry]


def test_an_entry_holds_no_code(cache: Path) -> None:
    """A JSON header and arrays of numbers: nothing in it runs when it is read."""
    import hashlib
    import json

    face_metrics.face(NOTO)
    (entry,) = cache.iterdir()
    data = entry.read_bytes()
    assert data.startswith(b"materials-gen face metrics 2\n")
    header = json.loads(data.split(b"\n")[2])
    font = NOTO.read_bytes()
    assert header["source"] == [str(NOTO.resolve()), len(font), hashlib.sha256(font).hexdigest()]
    assert {code for _, code, _ in header["arrays"]} <= {"q", "d", "B"}


def test_an_entry_is_made_anew_when_its_font_file_changes(cache: Path, tmp_path: Path) -> None:
    """A font file replaced (a project's font updated) is read again, even by a file of the
    same size and time (``cp -p``, a zip unpacked): its entry names the file by its bytes,
    and a face of the old file would print wrong widths."""
    font = tmp_path / "Brand.ttf"
    shutil.copyfile(NOTO, font)
    first = face_metrics.face(font)
    when = font.stat().st_mtime_ns
    data = bytearray(font.read_bytes())
    hmtx = first.table["hmtx"]["offset"]  # the first glyphs' advance widths, doubled
    for at in range(hmtx, hmtx + 4 * 50, 4):
        width = int.from_bytes(data[at : at + 2], "big")
        data[at : at + 2] = min(2 * width, 65535).to_bytes(2, "big")
    font.write_bytes(bytes(data))
    os.utime(font, ns=(when, when))
    again = face_metrics.face(font)
    assert not differences(vars(TTFontFace(str(font))), vars(again))
    assert again.hmetrics[:50] != first.hmetrics[:50]
    assert len(list(cache.iterdir())) == 1  # one entry per file, made anew


def _resealed(change: Any) -> Any:
    """A damage to an entry's header that keeps its checksum right (only the header's own
    values are then wrong): ``change`` is given the header, and changes it or returns the
    header's new text."""
    import zlib

    def damaged(data: bytes) -> bytes:
        magic, _, head, payload = data.split(b"\n", 3)
        header = json.loads(head)
        written = change(header)
        rest = (written if written is not None else json.dumps(header).encode()) + b"\n" + payload
        return magic + b"\n" + b"%08x" % zlib.crc32(rest) + b"\n" + rest

    return damaged


def _missing(header: dict[str, Any]) -> None:
    header["arrays"][0][0] = "x"  # the character map's array, under another name


DAMAGE = {
    "empty": lambda data: b"",
    "cut short": lambda data: data[: len(data) // 2],
    "a byte changed": lambda data: data[:-100] + bytes([data[-100] ^ 0xFF]) + data[-99:],
    "a header's value changed": lambda data: data.replace(b'"ascent":', b'"ascent":1', 1),
    "not an entry": lambda data: b"\x89PNG\r\n\x1a\n" + data,
    "arrays that lie": _resealed(lambda h: h["arrays"][0].__setitem__(2, h["arrays"][0][2] + 1)),
    "a count below zero": _resealed(lambda h: h["arrays"][0].__setitem__(2, -1)),
    "an array missing": _resealed(_missing),
    "a header that is a list": _resealed(lambda h: b"[]"),
    "a header nested deep": _resealed(lambda h: b"[" * 100_000 + b"]" * 100_000),
    "fields that are a list": _resealed(lambda h: h.__setitem__("fields", [])),
    "a name that is a number": _resealed(lambda h: h["fields"].__setitem__("name", {"name": 5})),
    "no units to the em": _resealed(lambda h: h["fields"].__setitem__("unitsPerEm", 0)),
    "another ReportLab": _resealed(lambda h: h.__setitem__("version", "3.0 " + h["version"])),
}


@pytest.mark.parametrize("damage", DAMAGE, ids=list(DAMAGE))
def test_a_damaged_entry_is_read_again_from_the_file(cache: Path, damage: str) -> None:
    """An entry cut short by a full disk, changed, of another ReportLab, or not an entry
    at all, is never used: the file is read again, and the entry made anew."""
    face_metrics.face(NOTO)
    (entry,) = cache.iterdir()
    whole = entry.read_bytes()
    entry.write_bytes(DAMAGE[damage](whole))
    assert face_metrics.code_points(NOTO) == frozenset(TTFontFile(str(NOTO)).charToGlyph)
    assert not differences(vars(TTFontFace(str(NOTO))), vars(face_metrics.face(NOTO)))
    assert entry.read_bytes() == whole  # made anew


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="a pipe is POSIX's")
def test_a_pipe_where_an_entry_goes_is_not_waited_on(cache: Path) -> None:
    face_metrics.face(NOTO)
    (entry,) = cache.iterdir()
    entry.unlink()
    os.mkfifo(entry)
    assert face_metrics.code_points(NOTO) == frozenset(TTFontFile(str(NOTO)).charToGlyph)


def test_a_face_the_cache_cannot_keep_is_read_from_its_file(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A face holding a value of a kind the cache does not keep (another ReportLab might
    add one) is read from its file every time, never kept in part."""

    class Odd(TTFontFace):
        def __init__(self, filename: str) -> None:
            super().__init__(filename)
            self.features = {1, 2}

    monkeypatch.setattr(face_metrics, "TTFontFace", Odd)
    assert face_metrics.face(NOTO).features == {1, 2}
    assert not list(cache.iterdir())


def test_the_cache_folder_falls_back_to_a_private_one_when_home_is_read_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    from materials_gen.user_cache import folder

    home_cache = tmp_path / "cache"
    home_cache.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(home_cache))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    found = folder("metrics")
    assert found == tmp_path / "tmp" / f"materials-gen-{os.getuid()}" / "metrics"
    assert folder("metrics") == found


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="XDG_CACHE_HOME names the cache on POSIX")
def test_the_pdfs_are_the_same_bytes_whether_the_faces_come_from_the_cache_or_not(
    tmp_path: Path,
) -> None:
    """A build with an empty cache folder and one reading every face from it make the same
    bytes: a handout and a form with a tick box and Chinese, drawn in Noto Sans SC."""
    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    edit(project / "content" / "modules" / "intro.md", "Calm rooms", "□ 安全 Calm rooms")
    environment = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}

    def built(out: str) -> dict[str, bytes]:
        command = [sys.executable, "-m", "materials_gen", "build", "-p", str(project)]
        command += ["-o", str(tmp_path / out), "-j", "1", "--only", "handout", "--force"]
        done = subprocess.run(command, env=environment, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return {p.name: p.read_bytes() for p in (tmp_path / out).rglob("*.pdf")}

    first = built("first")
    metrics = tmp_path / "cache" / "materials-gen" / "metrics"
    entries = {p: p.stat().st_ino for p in metrics.iterdir()}  # (made anew: another file)
    assert any(p.name.startswith("NotoSansSC-") for p in entries)
    again = built("again")
    assert again == first and len(first) == 2
    assert {p: p.stat().st_ino for p in metrics.iterdir()} == entries  # read, not made


def test_the_cache_keeps_the_faces_read_last(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One entry per font file: a project's own fonts, one folder after another, would
    fill the cache folder. Past the limit, those read longest ago go; the faces every build
    reads stay."""
    monkeypatch.setattr(face_metrics, "MAX_ENTRIES", 3)
    face_metrics.face(NOTO)
    (noto,) = cache.iterdir()
    for n in range(4):
        font = tmp_path / f"project-{n}" / "Brand.ttf"
        font.parent.mkdir()
        shutil.copyfile(glyphs.LATIN.path(True), font)
        os.utime(noto, ns=(1, 1))  # long ago, then read again: kept
        face_metrics.face(NOTO)
        face_metrics.face(font)
    kept = sorted(cache.iterdir())
    assert len(kept) == 3 and noto in kept
    assert not differences(vars(TTFontFace(str(NOTO))), vars(face_metrics.face(NOTO)))


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="owners and modes are POSIX's")
@pytest.mark.parametrize("name", ["metrics", "faces"])
def test_a_cache_folder_others_can_write_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """What another user could put in a cache folder anyone may write (a face's metrics, a
    static face) is neither read nor written: this user's private folder in the temporary
    folder is used instead."""
    import tempfile

    from materials_gen.user_cache import folder

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    shared = tmp_path / "cache" / "materials-gen" / name
    shared.mkdir(parents=True)
    shared.chmod(0o777)
    private = tmp_path / "tmp" / f"materials-gen-{os.getuid()}" / name
    assert folder(name) == private
    shared.chmod(0o755)
    shared.parent.chmod(0o777)  # the folder holding it: another could replace it
    assert folder(name) == private
    shared.parent.chmod(0o755)
    assert folder(name) == shared


def test_a_font_from_the_cache_is_the_font_reportlab_makes(cache: Path) -> None:
    """The TTFont around a face from the cache holds what ReportLab's own TTFont holds
    (should a later ReportLab add to it, this says so)."""
    from reportlab.pdfbase.ttfonts import TTFont

    made = TTFont("mg-test", str(NOTO))
    face_metrics.face(NOTO)  # kept
    kept = face_metrics.font("mg-test", NOTO)
    assert list(vars(kept)) == list(vars(made))
    for name in ("fontName", "_asciiReadable", "shapable"):
        assert getattr(kept, name) == getattr(made, name), name
    assert type(kept.encoding) is type(made.encoding) and isinstance(kept, TTFont)
    assert not differences(vars(made.face), vars(kept.face))
