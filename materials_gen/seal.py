"""The build manifest's seal: proof that this user's materials-gen wrote it.

The manifest (``output/.materials-gen.json``) decides what a build leaves alone: an output
whose recorded inputs and file hash still match is kept. An output folder travels with a
shared project, so its manifest is untrusted input like the rest: a project could ship a
forged handout beside a manifest recording that very file as built from the content, and a
build would keep it and say "up to date".

So every manifest is sealed with an HMAC (SHA-256) made with a key of this user's own: 32
random bytes made on the first build, kept in the user's data folder
(``~/.local/share/materials-gen/manifest.key`` on Linux), readable by this user alone. A
manifest without this user's seal (another person's, another computer's, an earlier
release's, or edited by hand) is read as no manifest at all: every output is remade, and the
build says why. Only ``clean`` reads such a manifest, to remove what it lists.

Where no private folder can hold the key (a read-only home), a folder of this user's in the
temporary folder is tried; failing both, manifests are written unsealed and every build
remakes everything, which is slower but never wrong.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

NAME = "manifest.key"
FIELD = "seal"  # the manifest's field holding the seal
_SIZE = 32
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)


def seal_of(data: dict[str, Any]) -> str | None:
    """The seal of a manifest's data (without its seal field); None when there is no key."""
    key = user_key()
    if key is None:
        return None
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    # a file name the system gave in no encoding (a Latin-1 name from a zip) is a lone
    # surrogate: written as its JSON escape, as the manifest writes it
    return hmac.new(key, text.encode("utf-8", "backslashreplace"), hashlib.sha256).hexdigest()


def genuine(data: dict[str, Any]) -> bool:
    """Whether ``data`` (a manifest as read) carries this user's seal. The seal field is
    removed from ``data`` either way."""
    found = data.pop(FIELD, None)
    expected = seal_of(data)
    return isinstance(found, str) and expected is not None and hmac.compare_digest(found, expected)


def private(folder: Path) -> bool:
    """A real folder (not a link) that only this user owns and can write to."""
    try:
        found = folder.lstat()
    except OSError:
        return False
    if not stat.S_ISDIR(found.st_mode):
        return False
    if hasattr(os, "getuid"):  # POSIX: owner and permissions; elsewhere the user's profile
        return found.st_uid == os.getuid() and not found.st_mode & 0o022
    return True


_KEYS: dict[Path, bytes] = {}  # each folder's key, once read (a failure is tried again)


def user_key() -> bytes | None:
    """This user's key, made on first use; None when no private folder can keep it."""
    for folder in _folders():
        key = _KEYS.get(folder)
        if key is None:
            key = _key_in(folder)
        if key is not None:
            _KEYS[folder] = key
            return key
    return None


def key_places() -> list[str]:
    """Where the key may be kept, first choice first (for messages)."""
    return [str(folder) for folder in _folders()]


def _folders() -> list[Path]:
    from platformdirs import user_data_path

    folders = [user_data_path("materials-gen", appauthor=False)]
    if hasattr(os, "getuid"):
        folders.append(Path(tempfile.gettempdir()) / f"materials-gen-{os.getuid()}")
    return folders


def _key_in(folder: Path) -> bytes | None:
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not private(folder):
            return None
        path = folder / NAME
        key = _read(path)
        if key is None:
            _make(path)
            key = _read(path)
        return key
    except OSError:
        return None


def _read(path: Path) -> bytes | None:
    """The key at ``path``: a regular file of this user's, unreadable to others, of the
    right size. None when there is none; one that is wrong is replaced (OSError if not)."""
    try:
        fd = os.open(path, os.O_RDONLY | _NO_FOLLOW | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        key = handle.read(_SIZE + 1)
    others = hasattr(os, "getuid") and (info.st_uid != os.getuid() or info.st_mode & 0o077)
    if not stat.S_ISREG(info.st_mode) or others or len(key) != _SIZE:
        os.unlink(path)  # not a key this user made alone: a new one (manifests rebuild once)
        return None
    return key


def _make(path: Path) -> None:
    """A new key at ``path``, made whole beside it and linked into place, so that two builds
    starting at once end with the same key (the second keeps the first's)."""
    draft = path.with_name(f".{path.name}.{os.getpid()}")
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NO_FOLLOW, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(os.urandom(_SIZE))
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links
            if not os.path.lexists(path):
                os.replace(draft, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(draft)
