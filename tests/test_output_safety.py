"""The output folder: where a build may write, what clean may remove, and fingerprints that
see every input (so that an edit anywhere rebuilds exactly the outputs it changes)."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from materials_gen.cli import main
from materials_gen.write import STAGING

from .conftest import PROJECTS, edit, write_manifest


def cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def built(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.suffix in (".pdf", ".pptx")
    }


def everything(top: Path) -> dict[str, bytes]:
    return {
        p.relative_to(top).as_posix(): p.read_bytes()
        for p in sorted(top.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


@pytest.fixture
def project(tmp_path: Path) -> Path:
    dest = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", dest)
    return dest


# ------------------------------------------------------------------ where a build writes


def set_output(project: Path, value: str) -> int:
    """Add ``settings: output: value`` to course.yaml; the line it is on."""
    course = project / "content" / "course.yaml"
    edit(course, "settings:\n  paper: a4", f"settings:\n  paper: a4\n  output: {value}")
    lines = course.read_text().splitlines()
    return next(i for i, line in enumerate(lines, start=1) if line.startswith("  output:"))


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("/tmp/materials-gen-elsewhere", "is not inside the project"),
        ("..", "leads outside the project"),
        ("../sibling", "leads outside the project"),
        ("out/../../sibling", "leads outside the project"),
        ("'.'", "is the project folder itself"),
        ("out/..", "is the project folder itself"),
        ("content", "is inside the project's content/ folder"),
        ("content/out", "is inside the project's content/ folder"),
        ("templates", "is inside the project's templates/ folder"),
        ("templates/out", "is inside the project's templates/ folder"),
        ("link-out", "leads outside the project"),
        ("link-out/deeper", "leads outside the project"),
        ("~/Desktop/training", "names your home folder"),
        # written on Windows: a folder named "build\handouts", or "C:\Users\..." made here
        ("'build\\handouts'", "is written with backslashes"),
        ("'C:\\Users\\jane\\out'", "is not inside the project"),
        ("'\\\\server\\share'", "is not inside the project"),
        # a build stopped at its first file with "cannot write to ...: File exists"
        ("notes.txt", "'notes.txt' is a file, not a folder"),
        ("notes.txt/out", "notes.txt, which is a file, not a folder"),
    ],
)
def test_a_shared_projects_output_setting_stays_inside_it(
    project: Path, tmp_path: Path, value: str, says: str
) -> None:
    outside = tmp_path / "sibling"
    outside.mkdir()
    (project / "link-out").symlink_to(outside, target_is_directory=True)
    (project / "notes.txt").write_text("a trainer's notes\n", encoding="utf-8")
    line = set_output(project, value)
    before = everything(tmp_path)
    for command in ("build", "clean", "list", "check"):  # check says what build would
        code, output = cli(command, "-p", str(project))
        assert code == 1, (command, output)
        assert f"content/course.yaml:{line}:" in output and "settings: output: '" in output
        assert says in output
        assert "Traceback" not in output
    assert everything(tmp_path) == before
    assert not Path("/tmp/materials-gen-elsewhere").exists()
    assert not (project / "~").exists()


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("Content", "is inside the project's content/ folder"),
        ("CONTENT/out", "is inside the project's content/ folder"),
        ("Templates", "is inside the project's templates/ folder"),
    ],
)
def test_a_folder_spelled_otherwise_on_a_file_system_that_ignores_case_is_refused(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str, says: str
) -> None:
    """macOS and Windows take 'Content' for content/: compared as names, 'output: Content'
    was a folder of its own, and the build wrote into the sources (and clean removed
    there). Here the file system is made to ignore case, as theirs do."""
    from materials_gen import write

    def ignoring_case(path: Path) -> tuple[int, int] | None:
        spelled = Path(path.anchor)
        for part in path.parts[1:]:  # each name as the folder on disk spells it
            names = {n.name.lower(): n.name for n in spelled.iterdir()} if spelled.is_dir() else {}
            spelled = spelled / names.get(part.lower(), part)
        try:
            found = spelled.stat()
        except OSError:
            return None
        return found.st_dev, found.st_ino

    monkeypatch.setattr(write, "_identity", ignoring_case)
    (project / "templates").mkdir(exist_ok=True)
    line = set_output(project, value)
    before = everything(tmp_path)
    for command in ("build", "clean", "check"):
        code, output = cli(command, "-p", str(project))
        assert code == 1 and f"content/course.yaml:{line}:" in output, (command, output)
        assert says in output and "Traceback" not in output
    assert everything(tmp_path) == before


def test_an_output_setting_inside_the_project_is_used(project: Path) -> None:
    set_output(project, "print/run-1")
    code, output = cli("build", "-p", str(project), "--only", "poster")
    assert code == 0, output
    assert len(list((project / "print" / "run-1").rglob("*.pdf"))) == 2


def _a_file(path: Path) -> Path:
    path.write_text("a trainer's notes\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("where", "says"),
    [
        (lambda p: Path("/"), "is the root of the file system"),
        (lambda p: p, "is the project folder itself"),
        (lambda p: p / "content", "is inside the project's content/ folder"),
        (lambda p: p / "content" / "images", "is inside the project's content/ folder"),
        (lambda p: p / "templates" / "out", "is inside the project's templates/ folder"),
        (lambda p: Path("/dev/null"), "'/dev/null' is a device, not a folder"),
        (lambda p: _a_file(p / "notes.txt") / "out", "notes.txt, which is a file, not a folder"),
    ],
)
def test_the_output_option_may_not_name_the_sources_or_the_root(
    project: Path, tmp_path: Path, where, says: str
) -> None:
    target = where(project)
    before = everything(tmp_path)
    for command in ("build", "clean"):
        code, output = cli(command, "-p", str(project), "-o", str(target))
        assert code == 2, output
        assert "--output: '" in output and says in output
        assert "Traceback" not in output
    assert everything(tmp_path) == before


def test_the_output_option_may_point_outside_the_project(project: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "handouts for the print shop"
    code, output = cli("build", "-p", str(project), "-o", str(elsewhere), "--only", "poster")
    assert code == 0, output
    assert len(list(elsewhere.rglob("*.pdf"))) == 2


# ------------------------------------------------------------------ clean


@pytest.fixture
def output(project: Path) -> Path:
    code, text = cli("build", "-p", str(project), "--only", "poster", "--only", "handout")
    assert code == 0, text
    return project / "output"


def test_clean_keeps_a_file_changed_since_it_was_built(project: Path, output: Path) -> None:
    changed = output / "clinical" / "safe-rooms-clinical-handout.pdf"
    changed.write_bytes(changed.read_bytes() + b"% the trainer's annotations")
    mine = output / "all-staff" / "my-notes.txt"
    mine.write_text("keep me")
    code, text = cli("clean", "-p", str(project))
    assert code == 0, text
    assert "Removed 3 outputs built by materials-gen" in text
    assert "clinical-handout.pdf: warning: kept: it was changed after materials-gen" in text
    assert changed.is_file() and mine.read_text() == "keep me"
    # the manifest stays, holding the kept file's record alone (the next build keeps it)
    assert "its build manifest" not in text
    assert sorted(p.name for p in output.rglob("*") if p.is_file()) == [
        ".materials-gen.json",
        "my-notes.txt",
        "safe-rooms-clinical-handout.pdf",
    ]


def test_a_build_keeps_a_copy_of_an_output_changed_since_it_was_built(
    project: Path, output: Path
) -> None:
    """`clean` kept an output the trainer changed (a handout annotated, a deck saved with
    their edits), but the next build replaced it, its changes lost, saying why only after.
    The changed copy is now kept beside the output made again, in the same write, with a
    warning; a second copy takes a number; clean leaves them, as the trainer's."""
    changed = output / "clinical" / "safe-rooms-clinical-handout.pdf"
    theirs = changed.read_bytes() + b"% the trainer's annotations"
    changed.write_bytes(theirs)
    code, text = cli("build", "-p", str(project), "--only", "handout", "-j", "1")
    assert code == 0, text
    aside = changed.with_name("safe-rooms-clinical-handout (changed).pdf")
    assert aside.read_bytes() == theirs and changed.read_bytes() != theirs
    said = " ".join(text.split())
    assert (
        "clinical/safe-rooms-clinical-handout.pdf: warning: changed since it was built, and "
        "made again from the content: the changed copy is kept beside it as "
        "'safe-rooms-clinical-handout (changed).pdf'"
    ) in said, said
    code, text = cli("build", "-p", str(project), "--only", "handout", "-j", "1")
    assert code == 0 and "changed copy" not in text, text  # nothing changed: nothing kept
    changed.write_bytes(changed.read_bytes() + b"% more")
    code, text = cli("build", "-p", str(project), "--only", "handout", "-j", "1")
    assert changed.with_name("safe-rooms-clinical-handout (changed 2).pdf").is_file(), text
    code, text = cli("clean", "-p", str(project))
    assert code == 0 and aside.is_file(), text


def test_clean_ignores_manifest_entries_that_lead_outside(
    project: Path, output: Path, tmp_path: Path
) -> None:
    victims = tmp_path / "victims"
    victims.mkdir()
    victim = victims / "victim.pdf"
    victim.write_bytes(b"%PDF- someone else's file")
    digest = hashlib.sha256(victim.read_bytes()).hexdigest()
    (output / "linked").symlink_to(victims, target_is_directory=True)
    (output / "all-staff" / "link.pdf").symlink_to(victim)
    manifest = output / ".materials-gen.json"
    data = json.loads(manifest.read_text())
    names = [
        str(victim),
        "../../victims/victim.pdf",
        "all-staff/../../../victims/victim.pdf",
        "linked/victim.pdf",
        "all-staff/link.pdf",
    ]
    for name in names:  # each with the victim's hash, so that the hash check cannot save it
        record = dict(data["records"][0], path=name, output_hash=digest)
        data["records"].append(record)
    write_manifest(manifest, data)
    code, text = cli("clean", "-p", str(project))
    assert code == 0, text
    assert victim.read_bytes() == b"%PDF- someone else's file"
    for name in names[:4]:
        assert f"ignored the entry '{name}': it leads outside" in text
    assert "link.pdf: warning: kept: it is not a regular file" in text
    assert "Removed 4 outputs built by materials-gen" in text and "its build manifest" in text
    assert "Traceback" not in text


def test_clean_ignores_an_entry_whose_folder_no_file_can_have(project: Path, output: Path) -> None:
    """A manifest entry under a folder named past the system's limit (300 letters) stopped
    every clean with "File name too long" and a hint about permissions, after removing the
    outputs, the manifest kept: the folder could never be cleaned. It is ignored."""
    manifest = output / ".materials-gen.json"
    data = json.loads(manifest.read_text())
    name = "x" * 300 + "/y.pdf"
    data["records"].append(dict(data["records"][0], path=name))
    write_manifest(manifest, data)
    code, text = cli("clean", "-p", str(project))
    assert code == 0, text
    assert f"ignored the entry '{name}': no file can have that name" in text
    assert "Removed 4 outputs built by materials-gen" in text and "its build manifest" in text
    assert not manifest.exists()


@pytest.mark.parametrize("stale_lock", [False, True])
def test_clean_on_a_read_only_folder_says_so(
    project: Path, output: Path, monkeypatch, stale_lock: bool
) -> None:
    if stale_lock:
        (output / ".materials-gen.lock").write_text("4242")
    before = everything(output)
    real_open, real_unlink = os.open, os.unlink
    inside = str(output)

    def read_only(path, *args, **kwargs):
        if str(path).startswith(inside):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))

    def open_(path, flags, *args, **kwargs):
        if flags & os.O_CREAT:
            read_only(path)
        return real_open(path, flags, *args, **kwargs)

    def unlink(path, *args, **kwargs):
        read_only(path)
        return real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_)
    monkeypatch.setattr(os, "unlink", unlink)
    code, text = cli("clean", "-p", str(project))
    monkeypatch.undo()
    assert code == 1, text
    assert "cannot clean" in text and "Read-only file system" in text
    assert "the folder may be read-only" in text
    assert "Traceback" not in text
    assert everything(output) == before


def test_clean_stopped_by_one_folder_removes_the_rest_and_finishes_when_run_again(
    project: Path, output: Path, monkeypatch
) -> None:
    """A folder of one audience that will not let its files go (made immutable): clean
    stopped at its first file, having removed others without saying so, and the next clean
    left their emptied folder behind. It now removes every other file, says what it
    removed and which it could not, keeps the manifest, and the next clean finishes."""
    real_unlink = os.unlink
    held = str(output / "clinical")

    def unlink(path, *args, **kwargs):
        if str(path).startswith(held):
            raise OSError(errno.EPERM, os.strerror(errno.EPERM), str(path))
        return real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", unlink)
    code, text = cli("clean", "-p", str(project))
    monkeypatch.undo()
    said = " ".join(text.split())
    assert code == 1 and "Traceback" not in text, text
    assert "Removed 2 outputs built by materials-gen from" in said
    assert said.count("error: cannot clean") == 2 and "Operation not permitted" in said
    assert "still there, with the build manifest: clean again" in said
    assert not (output / "all-staff").exists()  # emptied, and removed
    assert len(list((output / "clinical").glob("*.pdf"))) == 2
    assert (output / ".materials-gen.json").is_file()
    code, text = cli("clean", "-p", str(project))
    assert code == 0 and "Removed 2 outputs" in text, text
    assert not output.exists()


def test_clean_removes_what_an_interrupted_build_left(project: Path, output: Path) -> None:
    (output / STAGING / "new" / "all-staff").mkdir(parents=True)
    (output / STAGING / "new" / "all-staff" / "half.pdf").write_bytes(b"%PDF-1.4 half")
    old_temp = output / "all-staff" / ".safe-rooms-all-staff-handout.pdf.x81kq_0z.tmp"
    old_temp.write_bytes(b"half a file")
    code, text = cli("clean", "-p", str(project))
    assert code == 0, text
    assert "Removed what an interrupted build left" in text
    assert not output.exists()


# ------------------------------------------------------------------ fingerprints


def exactly_what_changed(project: Path, tmp_path: Path, change, *options: str) -> set[str]:
    """Build, make ``change``, rebuild: the outputs rewritten must be exactly those whose
    bytes a fresh build of the changed project makes different. Returns them."""
    code, text = cli("build", "-p", str(project), *options)
    assert code == 0, text
    folder = project / "output"
    before = built(folder)
    change()
    fresh = tmp_path / "fresh"
    code, text = cli("build", "-p", str(project), "-o", str(fresh), *options)
    assert code == 0, text
    different = {n for n, (_, data) in built(fresh).items() if before[n][1] != data}
    code, text = cli("build", "-p", str(project), *options)
    assert code == 0, text
    after = built(folder)
    moved = {n for n in after if after[n] != before[n]}
    assert moved == different, text
    assert {n: d for n, (_, d) in after.items()} == {n: d for n, (_, d) in built(fresh).items()}
    assert "Nothing to rebuild" in cli("build", "-p", str(project), *options)[1]
    return moved


def test_a_picture_outside_content_is_an_input(project: Path, tmp_path: Path) -> None:
    from PIL import Image

    pictures = project / "pictures"
    pictures.mkdir()
    shutil.move(project / "content" / "images" / "room.png", pictures / "room.png")
    edit(
        project / "content" / "modules" / "intro.md",
        "../images/room.png",
        "../../pictures/room.png",
    )

    def repaint() -> None:
        Image.new("RGB", (64, 48), (200, 40, 40)).save(pictures / "room.png")

    moved = exactly_what_changed(
        project, tmp_path, repaint, "--only", "handout", "--only", "poster", "--only", "deck"
    )
    assert {n.rsplit("-", 1)[-1] for n in moved} == {"handout.pdf", "deck.pptx"}  # not posters


def test_a_deck_template_from_the_settings_is_an_input(project: Path, tmp_path: Path) -> None:
    from pptx import Presentation
    from pptx.util import Inches

    from .deck_templates import make_corporate_template

    brand = project / "brand"
    brand.mkdir()
    template = make_corporate_template(brand / "corporate.pptx")
    edit(
        project / "content" / "course.yaml",
        "settings:\n  paper: a4",
        "settings:\n  paper: a4\n  deck:\n    template: brand/corporate.pptx\n"
        "    layouts:\n      title: Cover\n      section: Divider\n      quote: Bullets\n",
    )

    def restyle() -> None:
        prs = Presentation(str(template))
        prs.slide_width = Inches(11)  # a wider slide: the printed slides change shape too
        for layout in prs.slide_layouts:
            for placeholder in layout.placeholders:
                placeholder.left = placeholder.left + Inches(0.25)
        prs.save(str(template))

    moved = exactly_what_changed(
        project, tmp_path, restyle, "--only", "deck", "--only", "slides", "--only", "handout"
    )
    assert {n.rsplit("-", 1)[-1] for n in moved} == {"deck.pptx", "slides.pdf"}


def test_a_theme_font_anywhere_in_the_project_is_an_input(project: Path, tmp_path: Path) -> None:
    import rendercv_fonts

    noto = Path(rendercv_fonts.__file__).parent / "Noto Sans"
    fonts = project / "fonts"
    fonts.mkdir()
    shutil.copy(noto / "NotoSans-Regular.ttf", fonts / "Body.ttf")
    (project / "templates").mkdir()
    (project / "templates" / "theme.yaml").write_text(
        "fonts:\n  body:\n    regular: ../fonts/Body.ttf\n", encoding="utf-8"
    )

    def swap() -> None:
        shutil.copy(noto / "NotoSans-Bold.ttf", fonts / "Body.ttf")

    moved = exactly_what_changed(project, tmp_path, swap, "--only", "handout", "--only", "poster")
    assert len(moved) == 4


def test_the_roster_is_an_input_of_what_prints_its_names_only(
    project: Path, tmp_path: Path
) -> None:
    """Ada's new name reaches her certificate and the all-staff sign-in sheet, which print
    it; the handouts and Grace's audience's files are left alone."""
    roster = tmp_path / "people.csv"
    roster.write_text("name,audience\nAda Lovelace,all-staff\nGrace Hopper,clinical\n")

    def rename() -> None:
        roster.write_text("name,audience\nAda King,all-staff\nGrace Hopper,clinical\n")

    moved = exactly_what_changed(
        project,
        tmp_path,
        rename,
        "--roster",
        str(roster),
        "--only",
        "certificates",
        "--only",
        "handout",
        "--only",
        "sign-in",
    )
    assert moved == {
        "all-staff/safe-rooms-all-staff-certificates.pdf",
        "all-staff/safe-rooms-all-staff-sign-in.pdf",
    }


@pytest.mark.parametrize("where", ["absolute", "up", "through a link"])
def test_a_shipped_manifest_never_has_a_build_remove_a_file_outside(
    project: Path, output: Path, tmp_path: Path, where: str
) -> None:
    """A manifest that came with a project, listing an overview-page file with the hash of a
    file elsewhere: the next build removed that file as the page's leftover."""
    victims = tmp_path / "victims"
    victims.mkdir()
    victim = victims / "precious"
    victim.write_bytes(b"precious")
    digest = hashlib.sha256(victim.read_bytes()).hexdigest()
    (output / "linked").symlink_to(victims, target_is_directory=True)
    name = {"absolute": str(victim), "up": "../../victims/precious"}.get(where, "linked/precious")
    manifest = output / ".materials-gen.json"
    data = json.loads(manifest.read_text())
    data["records"].append(dict(data["records"][0], path=name, kind="index", output_hash=digest))
    data["version"] = data["request"] = ""  # as if from another build: everything made again
    write_manifest(manifest, data)
    code, text = cli("build", "-p", str(project), "--only", "poster", "--only", "handout")
    assert code == 0 and "Traceback" not in text, text
    assert victim.read_bytes() == b"precious"


def test_thumbnails_are_never_read_or_written_through_a_link(tmp_path: Path) -> None:
    """Preview's page of a failed build drew thumbnails of whatever the manifest named (a
    PDF elsewhere, /dev/zero until the memory ran out) into a `.thumbs` link's target."""
    from materials_gen import thumbnails

    folder, outside = tmp_path / "output", tmp_path / "outside"
    folder.mkdir()
    outside.mkdir()
    (folder / thumbnails.FOLDER).symlink_to(outside, target_is_directory=True)
    from reportlab.pdfgen.canvas import Canvas

    paper = folder / "a.pdf"
    canvas = Canvas(str(paper))
    canvas.drawString(72, 720, "A page")
    canvas.save()
    assert thumbnails.ensure(folder, {"a.pdf": "0" * 64}) == {"a.pdf": []}
    assert list(outside.iterdir()) == []
    (folder / thumbnails.FOLDER).unlink()
    for name in ("../outside/x.pdf", "/dev/zero"):
        assert thumbnails._output_bytes(folder, name) is None


def test_a_file_of_the_trainers_own_where_an_output_goes_is_never_replaced(
    project: Path, tmp_path: Path
) -> None:
    """-o may name a folder of the trainer's own: a PDF of the same name as an output, or a
    CHANGES.md of theirs, is left as it is and the build stops naming it, nothing written.
    Moved away, the build goes ahead; its own files it replaces later, with or without the
    manifest that lists them (deleted: each file says materials-gen made it)."""
    folder = tmp_path / "Documents"
    poster = folder / "clinical" / "safe-rooms-clinical-poster.pdf"
    poster.parent.mkdir(parents=True)
    poster.write_bytes(b"%PDF-1.4 the trainer's own poster")
    (folder / "CHANGES.md").write_text("# Our team's changes\n", encoding="utf-8")
    mine = everything(folder)
    build = ("build", "-p", str(project), "-o", str(folder), "--only", "poster", "-j", "1")
    code, said = cli(*build)
    assert code == 1, said
    assert said.count("a file materials-gen did not make is where it writes an output") == 2
    assert "safe-rooms-clinical-poster.pdf" in said and "CHANGES.md" in said
    assert everything(folder) == mine, "nothing written, nothing replaced"

    poster.unlink()
    (folder / "CHANGES.md").unlink()
    code, said = cli(*build)
    assert code == 0, said
    (folder / ".materials-gen.json").unlink()  # the listing gone: the files still say whose
    code, said = cli(*build, "--force")
    assert code == 0, said


@pytest.mark.parametrize(
    "key",
    ["built-in:fonts/../../../../etc/passwd", "built-in:templates//etc/passwd", "built-in:x/y"],
)
def test_a_manifest_s_built_in_name_never_leads_out_of_what_materials_gen_ships(
    key: str, tmp_path: Path
) -> None:
    """The manifest names the files materials-gen ships "built-in:<folder>/<file>": one that
    climbs out of its folder, is absolute or names no shipped folder leads to no file (a
    manifest's name is never a way to read elsewhere)."""
    from materials_gen.manifest import file_hash, path_of

    found = path_of(key, tmp_path)
    assert not found.exists() and file_hash(found) is None
    assert path_of("built-in:templates/deck.md.j2", tmp_path).is_file()


def test_a_project_s_own_folder_named_like_a_shipped_one_stays_the_project_s(
    tmp_path: Path,
) -> None:
    """A project's folder named "built-in:fonts" gave its files the manifest's name of a
    shipped file: one kept there was hashed from materials-gen's own fonts, and an edit of
    it made nothing again. It keeps a name of the project's."""
    from materials_gen.manifest import key_of, outside, path_of

    font = tmp_path / "built-in:fonts" / "My.ttf"
    font.parent.mkdir()
    font.write_bytes(b"font")
    key = key_of(font, tmp_path)
    assert not outside(key) and path_of(key, tmp_path).resolve() == font.resolve()


def test_one_build_at_a_time_where_there_is_no_flock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows has no advisory flock: the lock was taken without locking anything, so two
    builds at once both wrote (the README promises the second stops at once). There the
    lock file's first byte is locked (msvcrt), which the second build cannot take."""
    import sys
    import types

    from materials_gen.manifest import Lock

    held: set[int] = set()

    def locking(fd: int, mode: int, nbytes: int) -> None:
        inode = os.fstat(fd).st_ino
        if inode in held:
            raise OSError(errno.EACCES, "locked by another process")
        held.add(inode)

    fake = types.SimpleNamespace(locking=locking, LK_NBLCK=2)
    monkeypatch.setitem(sys.modules, "fcntl", None)  # import fcntl: ImportError, as on Windows
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    first, second = Lock(tmp_path / "out"), Lock(tmp_path / "out")
    assert first.acquire()
    assert not second.acquire()  # the other build's: refused at once
    first.release()
    held.clear()  # the system lifts a closed file's locks
    assert second.acquire()
    second.release()
