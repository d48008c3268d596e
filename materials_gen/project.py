"""Where things are: the project folder, its templates, and the kit built into materials-gen.

The repository root is itself a materials project. An installed wheel carries a copy of its
``content/`` and ``templates/`` inside the package (``materials_gen/kit``); a source checkout
or editable install finds them beside the package instead.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from .errors import ContentError, Location, Problem
from .walk import walk

_PACKAGE = Path(__file__).resolve().parent


def kit_dir() -> Path:
    """The folder holding the built-in ``content/`` and ``templates/``."""
    packaged = _PACKAGE / "kit"
    if (packaged / "templates").is_dir():
        return packaged
    return _PACKAGE.parent


def builtin_templates() -> Path:
    return kit_dir() / "templates"


def builtin_content() -> Path:
    return kit_dir() / "content"


def template_dirs(root: Path) -> list[Path]:
    """Template folders in lookup order: the project's own first, then the built-in ones."""
    dirs = []
    own = root / "templates"
    if own.is_dir():
        if not own.resolve().is_relative_to(Path(root).resolve()):
            # a shared project must not make a build read another folder's templates
            raise ContentError(
                [
                    Problem(
                        Location("templates"),
                        "the templates folder links to a place outside the project",
                        "copy the templates into the project instead of linking to them",
                    )
                ]
            )
        dirs.append(own)
    builtin = builtin_templates()
    if not dirs or own.resolve() != builtin.resolve():
        dirs.append(builtin)
    return dirs


def find_template_file(root: Path, name: str) -> Path | None:
    """The project's file ``name`` in templates/, else the built-in one; ContentError when
    the project's is there but no file (a folder, a pipe, a link to nothing): the built-in
    one would be used in its place without a word."""
    for folder in template_dirs(root):
        candidate = folder / name
        if candidate.is_file():
            return candidate
        what = not_a_file(candidate)
        if what is not None:
            from .errors import ContentError, Location, Problem

            raise ContentError(
                [
                    Problem(
                        Location(display_unfollowed(candidate, root)),
                        f"this is {what}, where the project's {name} goes",
                        f"put the file itself there, or remove it to use the built-in {name}",
                    )
                ]
            )
    return None


def display_unfollowed(path: Path, root: Path) -> str:
    """``path`` as :func:`display_path` shows it, its own name as written: a link is named,
    not where it leads (nowhere, for a link to nothing)."""
    return f"{display_path(path.parent, root)}/{path.name}"


def not_a_file(path: Path | str) -> str | None:
    """What ``path`` is when something is there but no regular file to read, in words (a
    folder, a pipe, a link to nothing); None when it is a file, or nothing is there."""
    path = os.fspath(path)
    if not os.path.lexists(path) or os.path.isfile(path):
        return None
    if os.path.islink(path) and not os.path.exists(path):
        return "a link to nothing"
    return "a folder" if os.path.isdir(path) else "not a regular file (a pipe or a device)"


def display_path(path: Path, root: Path) -> str:
    """A path as a trainer should read it in a message: project-relative, or 'built-in'."""
    path = path.resolve()
    try:
        return path.relative_to(root.resolve()).as_posix()
    except ValueError:
        pass
    try:
        return "built-in " + path.relative_to(kit_dir().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


# Names a file may have that a trainer means as another: the same in other capitals, or
# with the other spelling of its extension.
_SAME_KIND = ({".yaml", ".yml"}, {".md", ".markdown", ".txt", ".text"}, {".jpg", ".jpeg"})


def near_miss(folder: Path, name: str) -> Path | None:
    """A file in ``folder`` named as ``name`` is meant but not written (``welcome.MD``,
    ``before-after.yml``, ``Card.JPG`` for ``card.jpg``, ``storage.txt`` for a module's
    ``storage.md``), or None."""
    wanted = Path(name)
    suffix = wanted.suffix.lower()
    kinds = next((kind for kind in _SAME_KIND if suffix in kind), {suffix})
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return None
    for entry in entries:
        if entry.name == wanted.name or not entry.is_file():
            continue
        # "welcome.md.txt": saved by Notepad, which adds ".txt" where Windows hides it
        named = Path(entry.name[:-4]) if entry.name.lower().endswith(".txt") else entry
        for each in dict.fromkeys((named, Path(entry.name))):
            if each.stem.casefold() == wanted.stem.casefold() and each.suffix.lower() in kinds:
                return entry
    return None


def near_folder(parent: Path, name: str) -> Path | None:
    """A folder in ``parent`` named as ``name`` but for its case (``Templates``,
    ``content/Translations``: one name on macOS and Windows, two here), when ``name``
    itself is not there; or None."""
    if os.path.lexists(parent / name):
        return None
    try:
        entries = sorted(parent.iterdir())
    except OSError:
        return None
    return next((e for e in entries if e.name.casefold() == name.casefold() and e.is_dir()), None)


def found_alike(path: Path) -> Path | None:
    """The one file ``path`` means when it is not there as written: its name's accents
    stored otherwise (a Mac's zip stores "é" as "e" and an accent), its letters in another
    case (made on macOS or Windows, where case does not matter), backslashes written for
    folder separators (``templates\\corporate.pptx``); None when there is none, or more
    than one."""
    import unicodedata

    def key(name: str) -> str:
        return unicodedata.normalize("NFC", name).casefold()

    path = Path(os.path.abspath(path))
    here, rest = path, []
    while not os.path.lexists(here) and here.parent != here:
        rest.insert(0, here.name)
        here = here.parent
    parts = [piece for part in rest for piece in part.split("\\") if piece]
    if not parts or not here.is_dir():
        return None
    found = named_alike(here, parts, key)
    return found if found is not None and found.is_file() else None


def named_alike(base: Path, parts: Iterable[str], key: Callable[[str], str]) -> Path | None:
    """The one path under ``base`` whose parts are ``parts`` as ``key`` sees names (its
    accents composed, its case folded...); None when there is none, or more than one."""
    here = base
    for part in parts:
        if part in (".", ".."):
            here = here / part
            continue
        try:
            found = [e for e in here.iterdir() if key(e.name) == key(part)]
        except OSError:
            return None
        if len(found) != 1:
            return None
        here = found[0]
    return here


def not_there_hint(path: Path, relative_to: str) -> str:
    """What to do about a file named on the command line that is not there: the name to
    write when a file of that name in other letters is (see :func:`found_alike`), else
    where the path is read from (``relative_to``)."""
    alike = found_alike(path)
    if alike is not None:  # Corporate.pptx, its accents stored otherwise, backslashes
        return alike_hint(str(path), path, alike, Path.cwd())
    return f"check the path: it is relative to {relative_to}"


def alike_hint(typed: str, path: Path, found: Path, base: Path) -> str:
    """How to write the path ``typed`` (``path``: where it leads) so that it names
    ``found`` (see :func:`found_alike`), a path relative to ``base`` as ``typed`` is: the
    file's own name, with forward slashes; or, when only the accents of its name are
    stored otherwise (which no retyping can match), to rename the file."""
    import unicodedata

    try:
        written = found.relative_to(Path(os.path.abspath(base))).as_posix()
    except ValueError:
        written = str(found)
    slashed = Path(os.path.abspath(str(path).replace("\\", "/")))
    same = [unicodedata.normalize("NFC", str(p)) for p in (slashed, found)]
    if same[0] == same[1] and str(slashed) != str(found):
        how = "with forward slashes, and " if "\\" in typed else ""
        return (
            f"found {written}, whose accents are stored otherwise (as a Mac's zip stores "
            f"them: the same to the eye, another name here): write the path {how}rename the "
            "file, typing its name again"
        )
    if "\\" in typed:
        return (
            f"write it as {written}, as the file is named, with forward slashes (a backslash "
            "is no folder separator here)"
        )
    return f"write it as {written}, as the file is named, or rename the file"


def renamed_hint(found: Path, name: str, root: Path) -> str:
    """How to use ``found`` for the file named ``name`` (see :func:`near_miss`)."""
    why = "materials-gen reads the name exactly as written"
    if found.name.lower().endswith(".txt") and not name.lower().endswith(".txt"):
        why = (
            "an editor such as Notepad adds '.txt', and Windows hides it: turn on View > "
            "File name extensions to see it"
        )
    return f"found {display_path(found, root)}: rename it to {name} ({why})"


def looked_up(path: Path) -> os.stat_result | None:
    """What the system says of ``path`` (links followed), or None when there is nothing
    there to find: missing, or a name it cannot look up (too long, a NUL byte). A folder
    the user may not look in raises PermissionError: what is there is not known, and a
    build that took it for missing would tell of files missing that are not."""
    try:
        return path.stat()
    except PermissionError:
        raise
    except (OSError, ValueError):
        return None


# The project's folders of its own input: what a build reads from them is what it watches
# (its manifest, the quick check that finds nothing changed, watch and preview).
SOURCE_FOLDERS = ("content", "templates")


def source_folders(root: Path) -> list[Path]:
    """The project's content/ and templates/, those that exist: the folders a build hashes
    first and a watch follows. One that is a link leading out of the project is none of
    them (the build refuses it, saying so): hashed, a shared project's ``templates`` linked
    to ``/`` or the home folder had every file there read before that was said."""
    inside = Path(root).resolve()
    found = []
    for name in SOURCE_FOLDERS:
        folder = root / name
        try:
            if folder.is_dir() and folder.resolve().is_relative_to(inside):
                found.append(folder)
        except (OSError, RuntimeError):  # a loop of links: none of the project's folders
            continue
    return found


def watched_folders(root: Path) -> tuple[list[Path], bool, list[Path]]:
    """What a watch follows, and how: (folders, recursively, links not followed). The
    source folders, each with everything in it; or, when a folder in them is a link (to
    anywhere: a shared project's link to /proc or /usr would have the watch follow and
    watch all of it), each real folder in them on its own, and the links left out."""
    tops = source_folders(root)
    real: list[Path] = []
    links: list[Path] = []
    for top in tops:
        for base, dirs, _ in walk(top):
            real.append(Path(base))
            links += [Path(base) / d for d in dirs if os.path.islink(os.path.join(base, d))]
    if not links:
        return tops, True, []
    return real, False, sorted(links)


def source_stamps(root: Path) -> dict[str, tuple[int, int]]:
    """Each source file a watch follows (content/, templates/: see :func:`is_source`; never
    through a link to a folder) as it is now: its modification time and size, by path. A
    watcher starts only once the first build is over; compared before and after that
    build, these tell of a save made while it ran, which the watcher never sees."""
    stamps: dict[str, tuple[int, int]] = {}
    for top in source_folders(root):
        for base, _, names in walk(top):
            for name in names:
                path = os.path.join(base, name)
                if not is_source(None, path):
                    continue
                try:
                    info = os.lstat(path)
                except OSError:
                    continue
                stamps[path] = (info.st_mtime_ns, info.st_size)
    return stamps


def saved_since(before: dict[str, tuple[int, int]], root: Path) -> list[str]:
    """The source files saved, added or removed since ``before`` (see :func:`source_stamps`)."""
    now = source_stamps(root)
    return sorted(path for path in before.keys() | now.keys() if before.get(path) != now.get(path))


def _identity(path: Path) -> tuple[int, int] | None:
    """A folder's identity (device and inode; None: not there, or not a folder): another
    folder put in its place (a backup restored, a colleague's copy unzipped) has another."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino) if stat.S_ISDIR(info.st_mode) else None


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size)


def followed_files(root: Path, options: Any) -> list[Path]:
    """The files a build reads from outside content/ and templates/, which a watch follows
    too: the roster and the deck template given on the command line, and the deck template
    course.yaml's settings name (read as it is now; none while it cannot be read)."""
    from .load import value_at
    from .manifest import course_file  # (which reads this module)

    named = [Path(p) for p in (options.roster, options.deck_template) if p is not None]
    doc = course_file(root)  # read as the quick check reads it, parsed once for its text
    template = value_at(doc.data, ("settings", "deck", "template")) if doc is not None else None
    if isinstance(template, str) and template.strip():
        named.append(root / template.strip())
    return named + _read_by_last_build(root, options) + _pictures_named_elsewhere(root)


def _pictures_named_elsewhere(root: Path) -> list[Path]:
    """The pictures the content names in the project outside content/ and templates/
    (``../../assets/logo.png``), there or not: a build stopped because one is missing is
    built again once it is saved there, as the message asks. Each file is read as a build
    reads content (``load.read_text``: a regular file of the project, of a content file's
    size at most), so a pipe or a link to ``/dev/zero`` never holds the watch up."""
    from .images import IMAGE
    from .load import _Problems, read_text

    root = Path(os.path.abspath(root))
    content = root / "content"
    if content not in source_folders(root):
        return []
    tops = [root / name for name in SOURCE_FOLDERS]
    found: set[Path] = set()
    for base, _, names in walk(content):
        for name in names:
            path = Path(base) / name
            if not name.lower().endswith((".md", ".yaml", ".yml")):
                continue
            text = read_text(path, root, _Problems())  # (what is wrong: the build says)
            if text is None or "![" not in text:
                continue
            for match in IMAGE.finditer(text):
                src = match.group("src").strip("<>")
                if ":" in src or src.startswith("/"):  # an address, a drive: never a file here
                    continue
                for folder in (path.parent, content):
                    named = Path(os.path.normpath(folder / src))
                    elsewhere = not any(named.is_relative_to(top) for top in tops)
                    if elsewhere and named.is_relative_to(root):
                        found.add(named)
    return sorted(found)


def _read_by_last_build(root: Path, options: Any) -> list[Path]:
    """The project's files the last build read that a save in the source folders would not
    tell of: a picture kept elsewhere in the project (``../shared/logo.png``), a file a
    template includes whatever its name (``_note.txt``). Its manifest records each file an
    output was made from; files outside the project are left alone."""
    from .errors import MaterialsError
    from .manifest import Manifest, output_folder_of, outside

    try:
        records = Manifest.read(output_folder_of(root, options.output)).records.values()
    except (MaterialsError, OSError, ValueError):
        return []
    inside = root.resolve()
    folders = [inside / name for name in SOURCE_FOLDERS]
    found: set[Path] = set()
    for record in records:
        for name in record.inputs:
            written = name.removeprefix("file:")
            if written == name or outside(written):
                continue
            path = Path(os.path.normpath(inside / written))
            if not path.is_relative_to(inside):
                continue
            if is_source(None, str(path)) and any(path.is_relative_to(f) for f in folders):
                continue  # heard when saved
            found.add(root / path.relative_to(inside))
    return sorted(found)


DEBOUNCE_MOST = 1600  # ms: saves that never pause are built after this at the least


def saves(
    root: Path,
    files: Callable[[], Iterable[Path]] = list,
    debounce: int = 300,
    stop: Any = None,
    on_links: Callable[[list[Path]], None] | None = None,
) -> Iterator[list[str]]:
    """Each batch of saves a watch rebuilds after (``watch``, ``preview``): the paths saved,
    added or removed in content/ and templates/ (see :func:`is_source`), and among
    the files ``files()`` names (read again after each save: see :func:`followed_files`).
    A batch is built once no file was saved for ``debounce`` milliseconds.

    A source folder replaced by another (deleted and copied back, unzipped anew) or made
    where there was none is followed from then on: the watch starts again on the folders as
    they are now (a watch on a deleted folder hears nothing more). Those, and the named
    files, are looked at every second, as well as after each save. ``on_links``: the links
    to folders left out, each time the watch starts (see :func:`watched_folders`). Ends
    when ``stop`` (a threading.Event) is set, or at Ctrl-C.
    """
    import watchfiles

    named = [Path(f) for f in files()]
    told: list[Path] | None = None
    # what the source folders hold, looked at again after each event and every second: a
    # folder copied in is followed only once the watcher hears of it, and files written into
    # it before then make no event (their stamps tell of them)
    known = source_stamps(root)
    # a source folder's own deletion is heard (its device and inode may come back with the
    # folder put in its place: no sure sign on their own)
    own = {str(root / name) for name in SOURCE_FOLDERS}

    def followed(change: Any, path: str) -> bool:
        return path in own or is_source(change, path)

    while True:
        folders, recursive, links = watched_folders(root)
        if on_links is not None and links != told:
            on_links(links)
        told = links
        tops = {name: _identity(root / name) for name in SOURCE_FOLDERS}
        stamps = {f: _stamp(f) for f in named}
        again = False
        for changes in watchfiles.watch(
            *map(str, folders or [root]),  # no folder yet: the project's top, for its coming
            # ``debounce`` ms without a save before a batch is built (watchfiles' step); a
            # batch of saves that never pause is built after five times that at most
            step=debounce,
            debounce=max(DEBOUNCE_MOST, 5 * debounce),
            stop_event=stop,
            raise_interrupt=False,
            watch_filter=followed,
            recursive=recursive and bool(folders),
            ignore_permission_denied=True,
            yield_on_timeout=True,
            rust_timeout=1000,
        ):
            saved = {path for _, path in changes}
            seen = source_stamps(root)
            saved.update(p for p in known.keys() | seen.keys() if known.get(p) != seen.get(p))
            known = seen
            now = {f: _stamp(f) for f in named}  # before the build: a save during it counts
            saved.update(str(f) for f in named if now[f] != stamps.get(f))
            stamps = now
            moved = [
                n for n, was in tops.items() if _identity(root / n) != was or str(root / n) in saved
            ]
            saved.update(str(root / n) for n in moved)
            if saved:
                yield sorted(saved)
                named = [Path(f) for f in files()]  # course.yaml may name another now
                stamps.update({f: _stamp(f) for f in named if f not in stamps})
            if moved:
                again = True
                break
        if not again:
            return


# What a save in those folders may change (watch_filter of watchfiles)
SOURCE_SUFFIXES = (
    ".md",
    ".yaml",
    ".yml",
    ".j2",
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".bmp",
    ".pptx",
    ".potx",
    ".ttf",
    ".po",  # a label catalog (templates/locale)
)


def is_source(change: object, path: str) -> bool:
    """A file whose save should rebuild (``watch``, ``preview``): content, templates,
    pictures and fonts, whatever the case of their names (``IMG_0042.JPG``, as cameras
    name them), a name starting with a dot included (a build reads ``.room.png`` if the
    content shows it); not editors' lock and temporary files (``.#notes.md``,
    ``~notes.md``) or macOS's resource forks (``._room.png``)."""
    name = Path(path).name
    return name.lower().endswith(SOURCE_SUFFIXES) and not name.startswith((".#", "._", "~"))
