"""Stage 6, write: the only stage that touches the output folder.

A build is all or nothing. Every file is first written into a staging folder inside the
output folder (the same file system, so moving a file into place is a rename). Only when
every file was staged are the old files replaced, one rename each; before each rename the
old file is kept in the staging folder as a hard link (or, where links are not possible, a
copy), so that a failure half-way through the replacing puts every old file back, byte for
byte and with its modification time. A build killed at any moment leaves nothing half
written: the next build (or ``clean``) finds the staging folder and undoes what it started.

Nothing here follows a link inside the output folder: a link where an output goes is
replaced, never written through, and a link or a file where a sub-folder should be stops
the build before anything moved.

The staging folder holds three trees mirroring the output folder:

- ``new/``: the files of this build, complete before any old file is touched;
- ``old/``: each replaced file, kept until the build has finished;
- ``absent/``: an empty marker for each output that had no file before this build;
- ``committed``: a marker written once every new file is in place.

Without the ``committed`` marker, an entry in ``old/`` or ``absent/`` whose ``new/`` file
is gone was moved into place by an interrupted build; undoing it restores the old file or
removes the new one, so the folder is the last good build again, manifest included.
"""

from __future__ import annotations

import contextlib
import errno
import hmac
import json
import os
import re
import shutil
import signal
import stat
import threading
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path, PurePosixPath

from .errors import Location, OutputError, Problem
from .walk import walk

STAGING = ".materials-gen-staging"
DONE = "committed"  # in the staging folder: every new file is in place
# In the staging folder: that this user's build made it, in this very place (see open_staging)
MADE_HERE = "made-here"
# Temporary files of materials-gen 0.x builds (written beside each output, then renamed).
_OLD_TEMP = re.compile(r"^\..+\.(pdf|pptx|json|md)\.[A-Za-z0-9_]{6,12}\.tmp$")
_FLAGS_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
_HINT = "free some space, check the folder's permissions, or choose another folder with --output"
# the same, for a file of the project (a translation, a catalog, a template, a deck design),
# which no --output moves: `deck-template` and `labels` told of an option they do not have
_PROJECT_HINT = "free some space or check the folder's permissions, then run the command again"


def write_outputs(
    folder: Path,
    files: list[tuple[Path, bytes]],
    listed: Collection[str] | None = None,
    recorded: Mapping[str, str] | None = None,
    kept_aside: list[tuple[str, str]] | None = None,
) -> list[Path]:
    """Write each (relative path, bytes) under ``folder``: all of them, or none.

    Raises OutputError, naming the file, when a destination cannot hold an output, holds a
    file materials-gen did not make (see :func:`not_made_here`; ``listed``: the files the
    folder's manifest lists, when the caller has read it), or the disk says no; the folder
    is then exactly as it was. Returns the paths written.

    ``recorded``: the hash each output had when the last build wrote it. An output changed
    since (a deck edited and saved in PowerPoint) is not lost when it is replaced: it is
    kept beside the new file, under a name of its own, in the same all-or-nothing write
    (see :func:`aside_name`); ``kept_aside`` receives each (output, name kept as).
    """
    folder = Path(folder)
    try:
        relatives = [safe_relative(relative) for relative, _ in files]
    except ValueError as exc:
        raise OutputError([_problem(folder, str(exc))]) from None
    problems = [p for r in relatives for p in destination_problems(folder, r)]
    problems = problems or not_made_here(folder, relatives, listed)
    if problems:
        raise OutputError(problems)
    if recorded:
        files = [*files, *_changed_kept(folder, relatives, files, recorded, kept_aside)]
        relatives = [safe_relative(relative) for relative, _ in files]
    recover(folder)  # an earlier build's leftovers never mix with this one's
    staging = folder / STAGING
    try:
        # (made again when it was deleted while the build ran, as a build makes it at first)
        folder.mkdir(parents=True, exist_ok=True)
        open_staging(staging)
    except OSError as exc:
        _remove_tree(staging)
        raise OutputError(
            [_problem(folder, f"cannot write in the folder: {exc.strerror or exc}")]
        ) from None
    try:
        for relative, (_, data) in zip(relatives, files, strict=True):
            stage_file(staging / "new" / relative, data, folder / relative)
    except BaseException:
        _remove_tree(staging)
        raise
    _commit(folder, staging, relatives)
    return [folder / r for r in relatives]


def _changed_kept(
    folder: Path,
    relatives: list[PurePosixPath],
    files: list[tuple[Path, bytes]],
    recorded: Mapping[str, str],
    kept_aside: list[tuple[str, str]] | None,
) -> list[tuple[Path, bytes]]:
    """The outputs about to be replaced that were changed since the last build wrote them,
    each as (the name it is kept as, its bytes now)."""
    from .manifest import file_hash

    taken = {r.as_posix() for r in relatives}
    kept: list[tuple[Path, bytes]] = []
    for relative, (_, data) in zip(relatives, files, strict=True):
        name = relative.as_posix()
        path = folder / relative
        if name not in recorded or not _regular(path) or file_hash(path) == recorded[name]:
            continue  # as built: nothing of the trainer's (hashed as read, not read whole)
        try:
            now = path.read_bytes()
        except OSError:
            continue
        if now == data:
            continue  # as it is made again: nothing lost
        aside = aside_name(folder, relative, taken)
        taken.add(aside.as_posix())
        kept.append((Path(aside), now))
        if kept_aside is not None:
            kept_aside.append((name, aside.as_posix()))
    return kept


def aside_name(folder: Path, relative: PurePosixPath, taken: Collection[str]) -> PurePosixPath:
    """A name beside ``relative`` for the copy of it a trainer changed: "deck (changed).pptx",
    then "deck (changed 2).pptx"..., one no file has and no output of this build takes."""
    for n in range(1, 1000):
        mark = " (changed)" if n == 1 else f" (changed {n})"
        candidate = relative.with_name(f"{relative.stem}{mark}{relative.suffix}")
        if candidate.as_posix() not in taken and not os.path.lexists(folder / candidate):
            return candidate
    raise OutputError([_problem(folder, f"no free name beside {relative} for its changed copy")])


def not_made_here(
    folder: Path, relatives: list[PurePosixPath], listed: Collection[str] | None = None
) -> list[Problem]:
    """A problem for each file where an output goes that materials-gen did not make: one of
    the trainer's own in a folder given with ``-o`` (a CHANGES.md, a PDF of the same name)
    is never replaced. A file is materials-gen's when the folder's manifest lists it (sealed
    or not: a colleague's build), or, with no manifest to say (deleted, damaged), when the
    file says so itself (a PDF or deck's creator, the page's generator, the report's title)."""
    from .manifest import CHANGES, NAME, Manifest

    existing = [r for r in relatives if _regular(folder / r)]
    if not existing:
        return []
    if listed is None:
        manifest = Manifest.read(folder, unsealed=True)
        listed = {*manifest.records, *([CHANGES] if manifest.changes_hash else [])}
    listed = {*listed, NAME}
    problems = []
    for relative in existing:
        name = relative.as_posix()
        if name in listed or relative.parts[0] in _OWN_FOLDERS or _says_made_here(folder / name):
            continue
        problems.append(
            Problem(
                Location(str(folder / relative)),
                "a file materials-gen did not make is where it writes an output; it is left "
                "as it is",
                "move or rename that file, or build into another folder with --output",
            )
        )
    return problems


_OWN_FOLDERS = (".thumbs",)  # the overview page's thumbnails, each named by a file's hash
_LOOKED_AT_MOST = 512 * 1024 * 1024  # bytes of a file read to see whether it says it is ours
_MADE_BY = b"materials-gen"


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _says_made_here(path: Path) -> bool:
    """Whether the file at ``path`` says materials-gen made it (read only as far as needed;
    a file that cannot be read as its kind says nothing)."""
    suffix = path.suffix.lower()
    try:
        if path.stat().st_size > _LOOKED_AT_MOST:  # none of materials-gen's is so large
            return False
        if suffix == ".pdf":
            import pikepdf

            with pikepdf.open(path) as pdf:
                creator = str(pdf.docinfo.get("/Creator", ""))
            return creator.startswith(_MADE_BY.decode())
        if suffix == ".pptx":
            import zipfile

            with zipfile.ZipFile(path) as package, package.open("docProps/app.xml") as app:
                return b"<Application>" + _MADE_BY in app.read(64 * 1024)
        with open(path, "rb") as file:
            head = file.read(4096)
    except Exception:  # noqa: BLE001 - not a file of its kind at all: not one of ours
        return False
    if suffix == ".md":
        return head.startswith(b"# What changed")
    if suffix == ".html":
        return b'<meta name="generator" content="' + _MADE_BY in head
    return False


def write_in_project(root: Path, path: Path, data: bytes, *, replace: bool = False) -> bool:
    """Write ``path``, a file of the project ``root`` (a translation, a catalog, a template),
    never through a link: a folder on the way that is a link, or a link in the file's place,
    stops it (OutputError naming it), so that a shared project cannot have materials-gen
    write outside it. An existing file is replaced only with ``replace`` (False: nothing is
    written, and False is returned); a new one is made whole, then moved into place."""
    problems = project_write_problems(root, path)
    if problems:
        raise ProjectWriteError(problems)
    if os.path.lexists(path) and not replace:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.parent / f".{path.name}.{os.getpid()}.tmp"
    try:
        fd = os.open(temporary, _FLAGS_NEW, 0o644)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise ProjectWriteError(
            [_problem(path, f"cannot write the file: {exc.strerror or exc}", _PROJECT_HINT)]
        ) from None
    return True


class ProjectWriteError(OutputError):
    """A file of the project (a translation, a catalog, a template) could not be written:
    nothing was, and no build ran."""

    outcome = "nothing was written."


def project_write_problems(root: Path, path: Path) -> list[Problem]:
    """Why ``path`` cannot be written as a file of the project ``root`` without following a
    link (see :func:`write_in_project`)."""
    shown = path.relative_to(root).as_posix()
    problems = destination_problems(Path(root), PurePosixPath(shown), within="project")
    if not problems and os.path.islink(path):
        problems = [
            _problem(
                path,
                f"{shown} is a link; materials-gen writes only files inside the project",
                "remove the link (copy the file into the project if it is needed), then "
                "run this again",
            )
        ]
    return problems


NAME_MOST = 255  # bytes in one file or folder name, on every common file system


def output_folder_problem(root: Path, folder: Path, shared: bool) -> tuple[str, str] | None:
    """Why ``folder`` may not hold a build's outputs (message, hint), or None.

    A build replaces and ``clean`` removes files there, so it may never be a file system's
    root, the project folder itself, or its content/ or templates/ (or a folder inside
    them). ``shared``: the folder comes from the project's settings, which travel with a
    shared project and so must also stay inside it (relative, and not out through a link).
    """
    given = folder.as_posix()
    longest = max((len(os.fsencode(part)) for part in folder.parts), default=0)
    if longest > NAME_MOST:  # no file system holds it: said at the setting, not on writing
        return (
            f"'{given[:40]}…' has a folder name of {longest:,} bytes, longer than a file "
            f"system allows ({NAME_MOST})",
            "name a shorter folder, e.g. 'output'",
        )
    windows = re.match(r"[A-Za-z]:[\\/]|[\\/]{2}", given)  # C:\Users\..., \\server\share
    if shared and (folder.is_absolute() or folder.drive or windows):
        return (
            f"'{given}' is not inside the project",
            "write a folder relative to the project, e.g. 'output: output', "
            "or choose any folder with --output",
        )
    if shared and "\\" in given:  # written as Windows writes a path: one folder's name here
        slashed = re.sub(r"[\\/]+", "/", given)
        return (
            f"'{given}' is written with backslashes, which are no folder separators here: it "
            "would be one folder of that name",
            f"write it with forward slashes, e.g. 'output: {slashed}'",
        )
    if shared and given.startswith("~"):  # a shell's home folder: a folder named "~" here
        return (
            f"'{given}' names your home folder, which the project's settings may not: it "
            "would be a folder named '~' inside the project",
            "write a folder relative to the project, e.g. 'output: output', "
            f"or choose any folder with --output (e.g. --output {given})",
        )
    resolved = (root / folder if shared else folder).resolve()
    project = root.resolve()
    if resolved == Path(resolved.anchor):
        return f"'{given}' is the root of the file system", "name a folder for the outputs"
    if _same(resolved, project):
        return (
            f"'{given}' is the project folder itself",
            "name a folder for the outputs, e.g. 'output'",
        )
    for name in ("content", "templates"):
        if _within(resolved, (root / name).resolve()):
            return (
                f"'{given}' is inside the project's {name}/ folder",
                "keep the outputs apart from the sources, e.g. in 'output'",
            )
    if shared and not resolved.is_relative_to(project):
        return (
            f"'{given}' leads outside the project",
            "keep the outputs inside the project, e.g. 'output: output', "
            "or choose any folder with --output",
        )
    return _not_a_folder(given, resolved)


def _not_a_folder(given: str, resolved: Path) -> tuple[str, str] | None:
    """``resolved`` (as ``given``) is, or is inside, something that is not a folder: a
    file, or a device such as /dev/null (a build would stop at its first file with "File
    exists")."""
    for place in (resolved, *resolved.parents):
        try:
            if not place.exists():
                continue
        except OSError:
            return None
        if place.is_dir():
            return None
        what = "a file" if place.is_file() else "a device"
        if place == resolved:
            return (
                f"'{given}' is {what}, not a folder",
                "name a folder for the outputs (it is made if it is not there), e.g. 'output'",
            )
        return (
            f"'{given}' is inside {place.as_posix()}, which is {what}, not a folder",
            "name a folder for the outputs (it is made if it is not there), e.g. 'output'",
        )
    return None


def _identity(path: Path) -> tuple[int, int] | None:
    """The folder or file on disk that ``path`` names (its device and number), or None."""
    try:
        found = path.stat()
    except (OSError, ValueError):
        return None
    if not found.st_ino:  # a file system that numbers nothing (some network drives)
        return None
    return found.st_dev, found.st_ino


def _same(path: Path, other: Path) -> bool:
    """Whether two resolved paths name the same folder: by name, or on disk, where the file
    system takes other spellings for one name ('Content' for content/ on macOS and Windows,
    which ignore case; a name's other Unicode form)."""
    if path == other:
        return True
    found = _identity(path)
    return found is not None and found == _identity(other)


def _within(path: Path, folder: Path) -> bool:
    """Whether a resolved ``path`` is ``folder`` or inside it, as :func:`_same` judges
    names: 'Content/out' is inside content/ where case is ignored."""
    if path.is_relative_to(folder):
        return True
    target = _identity(folder)
    return target is not None and any(_identity(p) == target for p in (path, *path.parents))


def safe_relative(relative: Path | str) -> PurePosixPath:
    """A path relative to the output folder that cannot leave it; ValueError otherwise."""
    path = PurePosixPath(Path(relative).as_posix())
    if path.is_absolute() or not path.parts or ".." in path.parts or "\\" in str(path):
        raise ValueError(f"not a path inside the output folder: {relative}")
    if path.parts[0] == STAGING or str(path) == ".":
        raise ValueError(f"not a path inside the output folder: {relative}")
    return path


def destination_problems(
    folder: Path, relative: PurePosixPath, within: str = "output"
) -> list[Problem]:
    """Why ``relative`` cannot be written under ``folder`` without following a link or
    replacing something that is not a file (a folder, a device, a pipe); ``within``: what
    ``folder`` is, as the messages name it ("output": the output folder, "project")."""
    outputs = within == "output"
    where, rerun, hint, again = (
        (
            "the output folder",
            "(or choose another folder with --output), then build again",
            _HINT,
            "then build again",
        )
        if outputs
        else (
            "the project",
            "(copy the folder into the project if it is needed), then run this again",
            _PROJECT_HINT,
            "then run this again",
        )
    )
    path = folder
    for part in relative.parts[:-1]:
        path = path / part
        try:
            mode = os.lstat(path).st_mode
        except FileNotFoundError:
            return []
        except OSError as exc:
            return [_problem(path, f"cannot reach the folder: {exc.strerror or exc}", hint)]
        if stat.S_ISLNK(mode):
            return [
                _problem(
                    path,
                    f"this folder is a link; materials-gen writes only inside {where}",
                    f"remove the link {rerun}",
                )
            ]
        if not stat.S_ISDIR(mode):
            return [
                _problem(
                    path,
                    f"a file is where materials-gen puts a folder{' of outputs' * outputs}",
                    f"move or rename that file, {again}",
                )
            ]
    path = folder / relative
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return []
    except OSError as exc:
        return [_problem(path, f"cannot reach the file: {exc.strerror or exc}", hint)]
    if stat.S_ISREG(mode) or stat.S_ISLNK(mode):
        return []
    what = "a folder" if stat.S_ISDIR(mode) else "not a regular file"
    return [
        _problem(
            path, f"cannot write the file: {what} is in its place", f"move or rename it, {again}"
        )
    ]


def _problem(path: Path, message: str, hint: str = _HINT) -> Problem:
    return Problem(Location(str(path)), message, hint)


def stage_file(path: Path, data: bytes, destination: Path) -> None:
    """Write one new file into the staging folder, to disk before anything is replaced."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, _FLAGS_NEW | getattr(os, "O_CLOEXEC", 0), 0o644)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        raise OutputError(
            [_problem(destination, f"cannot write the file: {exc.strerror or exc}")]
        ) from None


# the output folders whose new files this process has put in place since the command
# began (see written_folders): a Ctrl-C after that must not say they were left as before
_written: list[Path] = []


def written_folders(forget: bool = False) -> list[Path]:
    """The output folders whose new files were put in place since this was last called
    with ``forget`` (a command begins so): a build stopped by Ctrl-C as it finished, its
    files already in place, said that every file was as the last build left it."""
    found = list(_written)
    if forget:
        _written.clear()
    return found


def _commit(folder: Path, staging: Path, relatives: list[PurePosixPath]) -> None:
    """Move every staged file into place; on any failure put every old file back."""
    made: list[Path] = []  # folders this build created, removed again on failure
    current = folder
    try:
        for relative in relatives:
            current = folder / relative
            _keep_old(current, staging, relative)
            made.extend(_make_parents(folder, relative))
            os.replace(staging / "new" / relative, current)
        (staging / DONE).touch()  # from here on, the kept old files are only litter
        _written.append(folder)
    except BaseException as exc:
        with _undisturbed():  # a second Ctrl-C must not stop the putting back halfway
            undone = _undo(folder, staging)
            for path in reversed(made):
                _remove_empty(path)
            if undone:
                _remove_tree(staging)
        if not isinstance(exc, OSError):
            raise
        message = f"cannot write the file: {exc.strerror or exc}"
        if not undone:
            message += f"; the old files are kept in {staging} and put back by the next build"
        raise OutputError([_problem(current, message)]) from None
    _remove_tree(staging)


@contextlib.contextmanager
def _undisturbed() -> Iterator[None]:
    """Ctrl-C and SIGTERM held back until the block is done: a trainer who pressed Ctrl-C
    twice while a build put the old files back was told the folder was as before, and found
    it half old, half new. A signal that comes meanwhile is sent again as the block ends,
    and stops the build then. (Python runs its signal handlers in the main thread only, so
    only a build there can hold them; a build in another thread is stopped otherwise.)"""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    came: list[int] = []
    before = {}
    for number in (signal.SIGINT, signal.SIGTERM):
        before[number] = signal.signal(number, lambda got, frame: came.append(got))
    try:
        yield
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)
        if came:
            signal.raise_signal(came[0])


def _keep_old(path: Path, staging: Path, relative: PurePosixPath) -> None:
    """Keep the file about to be replaced (or a marker that there was none)."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        marker = staging / "absent" / relative
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()
        return
    if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):  # changed since it was checked
        raise OSError(errno.EISDIR, "something other than a file is in its place")
    kept = staging / "old" / relative
    kept.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(path, kept, follow_symlinks=False)
    except OSError:  # a file system without hard links: a copy, with its times
        if stat.S_ISLNK(mode):
            os.symlink(os.readlink(path), kept)
        else:
            shutil.copy2(path, kept, follow_symlinks=False)


def _make_parents(folder: Path, relative: PurePosixPath) -> list[Path]:
    made = []
    path = folder
    for part in relative.parts[:-1]:
        path = path / part
        if not os.path.lexists(path):
            path.mkdir()
            made.append(path)
    return made


def _undo(folder: Path, staging: Path) -> bool:
    """Put back what an unfinished commit replaced; True when nothing is left to put back."""
    complete = True
    if os.path.lexists(staging / DONE):
        return complete
    for kept in _files(staging / "old"):
        relative = kept.relative_to(staging / "old")
        if os.path.lexists(staging / "new" / relative):
            continue  # never moved: the old file is still in place
        if not _ours(folder, relative) or not stat.S_ISREG(os.lstat(kept).st_mode):
            continue
        try:
            os.replace(kept, folder / relative)
        except OSError:
            complete = False
    for marker in _files(staging / "absent"):
        relative = marker.relative_to(staging / "absent")
        if os.path.lexists(staging / "new" / relative) or not _ours(folder, relative):
            continue
        try:
            (folder / relative).unlink(missing_ok=True)
        except OSError:
            complete = False
    return complete


def open_staging(staging: Path) -> None:
    """Make the staging folder, marked as this build's own: where it is (its device and its
    number there, which a folder copied or unpacked from a shared project does not have),
    sealed with this user's key (see seal.py; without a key, the place alone). A later
    build undoes an interrupted commit only from a folder so marked (see :func:`recover`):
    one that came with a project, whose "old files to put back" and "new files to remove"
    could name any file of the output folder (a trainer's own notes beside the outputs), is
    removed without acting on anything in it."""
    staging.mkdir()
    place = _place(staging)
    marked = json.dumps({"place": place, "seal": _seal(place)}).encode("utf-8")
    fd = os.open(staging / MADE_HERE, _FLAGS_NEW | getattr(os, "O_CLOEXEC", 0), 0o644)
    try:
        os.write(fd, marked)
        os.fsync(fd)  # on disk before any file is replaced, as the staged files are
    finally:
        os.close(fd)


def _place(staging: Path) -> dict[str, object]:
    """Where the staging folder is: its file system and its number there, which stay when
    the project's folder is renamed or moved on its disk (an interrupted build is undone
    there all the same) and which a copy, or a folder unpacked from a shared project, has
    not."""
    found = os.lstat(staging)
    return {"device": found.st_dev, "number": found.st_ino}


def _seal(place: dict[str, object]) -> str | None:
    from .seal import seal_of

    return seal_of({"staging": place})


def made_here(staging: Path) -> bool:
    """Whether the staging folder is one a build of this user's made, where it is (see
    :func:`open_staging`)."""
    marker = staging / MADE_HERE
    try:
        found = os.lstat(marker)
        if not stat.S_ISREG(found.st_mode) or found.st_size > 4096:
            return False
        data = json.loads(marker.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("place") != _place(staging):
            return False
    except (OSError, ValueError):
        return False
    expected, seal = _seal(data["place"]), data.get("seal")
    if expected is None:  # no key on this computer: the place alone
        return seal is None
    return isinstance(seal, str) and hmac.compare_digest(seal, expected)


def _ours(folder: Path, relative: Path) -> bool:
    """Whether a commit could have put (or replaced) ``relative`` in ``folder``: a path in the
    folder that reaches no link on the way, in a folder that is there. Anything else in a
    staging folder was not left by a build (one that came with a shared project, say) and is
    never acted on: putting a file "back" through a link, or removing one, would touch a file
    outside the output folder."""
    return reaches_no_link(folder, relative) and (folder / relative).parent.is_dir()


def reaches_no_link(folder: Path, relative: Path | str) -> bool:
    """Whether ``relative`` is a path inside ``folder`` (never ``..`` or absolute) whose
    folders on the way are real folders, not links: what may be read, written or removed
    there when the path comes from a file that may have come with a shared project (a
    manifest, a staging folder)."""
    try:
        path = safe_relative(relative)
    except ValueError:
        return False
    return not destination_problems(folder, path)


# what recover names a staging folder no build here left (see recover)
NOT_MADE_HERE = f"{STAGING}, not made by a build here"


def recover(folder: Path) -> list[str]:
    """Undo what an interrupted build left in ``folder`` (call it holding the build lock).

    Old files an unfinished commit replaced are put back, files it added are removed, and
    the staging folder and earlier versions' temporary files are deleted. Returns the
    leftovers dealt with, as paths relative to the folder, for a warning; a staging folder
    no build here left (one that came with a shared project) is removed as it is, nothing in
    it acted on, and named :data:`NOT_MADE_HERE`.
    """
    found: list[str] = []
    staging = folder / STAGING
    if os.path.lexists(staging):
        ours = False
        if staging.is_dir() and not staging.is_symlink():
            # undone only when a build of this user's left it here: any other (one that came
            # with a shared project) is removed as it is, nothing in it acted on
            ours = made_here(staging)
            if ours and not _undo(folder, staging):
                raise OutputError(
                    [
                        _problem(
                            staging,
                            "cannot put back the files an interrupted build replaced",
                            "check the folder's permissions, then build again",
                        )
                    ]
                )
            removed = _remove_tree(staging)
        else:
            staging.unlink()
            removed = True
        if not removed:
            raise OutputError(
                [
                    _problem(
                        staging,
                        "cannot remove what an interrupted build left here",
                        "check the folder's permissions, then build again",
                    )
                ]
            )
        found.append(STAGING if ours else NOT_MADE_HERE)
    for path in _files(folder, skip=STAGING):
        if _old_temporary(folder, path):
            path.unlink()
            found.append(path.relative_to(folder).as_posix())
    return found


def leftovers(folder: Path) -> bool:
    """Did an interrupted build leave anything in ``folder``? (cheap; no change made)"""
    if os.path.lexists(folder / STAGING):
        return True
    return any(_old_temporary(folder, p) for p in _files(folder, skip=STAGING))


def _old_temporary(folder: Path, path: Path) -> bool:
    """Whether ``path`` is what an interrupted build of materials-gen 0.x left: a hidden
    temporary file named after one of the outputs (".x-clinical-handout.pdf.k3j9x_2a.tmp"),
    in an output folder a build made (it holds the manifest), in the folder of an audience
    or a language's audience. Nothing else of that shape is touched: a trainer's own
    ".draft.md.abc123.tmp" in a folder given with --output was deleted."""
    from .manifest import NAME as MANIFEST

    if not _OLD_TEMP.match(path.name) or not (folder / MANIFEST).is_file():
        return False
    if len(path.relative_to(folder).parts) > 3:
        return False
    target = path.name[1:].rsplit(".", 2)[0]  # ".x.pdf.k3j9x_2a.tmp" -> "x.pdf"
    return target == MANIFEST or target.endswith(_output_endings())


def _output_endings() -> tuple[str, ...]:
    """How the name of each kind of output ends ("-handout.pdf", "-deck.pptx")."""
    from .kinds import KINDS

    return tuple(f"-{kind.name}{kind.suffix}" for kind in KINDS.values())


def _files(top: Path, skip: str = "") -> list[Path]:
    """Regular files and links under ``top``, never following a link to a folder."""
    found: list[Path] = []
    if not top.is_dir() or top.is_symlink():
        return found
    for base, dirs, names in walk(top):
        if skip and Path(base) == top and skip in dirs:
            dirs.remove(skip)
        found.extend(Path(base) / n for n in names)
        found.extend(Path(base) / d for d in dirs if os.path.islink(os.path.join(base, d)))
    return sorted(found)


def _remove_tree(path: Path) -> bool:
    """Remove a staging folder; False when the disk refused (the next build tries again).
    Folder by folder from a list, not as shutil.rmtree does (calling itself a level: a
    staging folder nested a thousand deep, shipped with a project, stopped build and clean
    with a RecursionError); a link is removed, never followed."""
    if not os.path.lexists(path):
        return True
    try:
        if path.is_symlink() or not path.is_dir():
            path.unlink()
            return True
        folders: list[str] = []
        for base, dirs, names in walk(path):
            folders.append(base)
            for name in names + [d for d in dirs if os.path.islink(os.path.join(base, d))]:
                os.unlink(os.path.join(base, name))
        for folder in reversed(folders):  # each after the folders in it
            os.rmdir(folder)
    except FileNotFoundError:
        return not os.path.lexists(path)
    except OSError:
        return False
    return True


def _remove_empty(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.rmdir()
