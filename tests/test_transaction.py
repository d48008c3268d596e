"""A build is all or nothing: a failure at any point, even kill -9, never damages the last
good build, and the next build (or clean) undoes what an interrupted one left behind."""

from __future__ import annotations

import errno
import hashlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from materials_gen import write
from materials_gen.cli import main
from materials_gen.manifest import LOCK, Manifest
from materials_gen.write import STAGING

from .conftest import PROJECTS, edit, write_manifest

SMALL = ("--only", "handout", "--only", "poster", "-j", "1")


def state(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Every file in the output folder (the lock aside): modification time (ns) and bytes."""
    return {
        p.relative_to(folder).as_posix(): (p.lstat().st_mtime_ns, p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != LOCK
    }


def leftovers(folder: Path) -> list[str]:
    return sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.name == STAGING or p.name.endswith(".tmp")
    )


def cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def copy_project(tmp_path: Path, name: str = "project") -> Path:
    dest = tmp_path / name
    shutil.copytree(PROJECTS / "minimal", dest)
    return dest


@pytest.fixture
def last_good(tmp_path: Path) -> Path:
    """A project built once for all staff (handouts and posters), then edited so that every
    output changes: the next build replaces those and adds the clinical providers' files."""
    project = copy_project(tmp_path)
    code, output = cli("build", "-p", str(project), "-a", "all-staff", *SMALL)
    assert code == 0, output
    edit(project / "content" / "course.yaml", 'version: "2.1"', 'version: "2.2"')
    return project


def test_a_renderer_that_raises_changes_nothing(last_good: Path, monkeypatch) -> None:
    from materials_gen.render import poster

    folder = last_good / "output"
    before = state(folder)

    def broken(*args, **kwargs):
        raise RuntimeError("a bug in a renderer")

    monkeypatch.setattr(poster, "render", broken)
    from materials_gen.build import BuildOptions, build
    from materials_gen.errors import ContentError

    with pytest.raises(ContentError) as caught:
        build(last_good, BuildOptions(kinds=("handout", "poster")))
    problems = caught.value.problems  # every failing output at once: one poster per audience
    assert len(problems) == 2
    assert {p.location.file for p in problems} == {
        "intermediate poster for all-staff",
        "intermediate poster for clinical",
    }
    for problem in problems:
        assert "the poster cannot be laid out" in problem.message
        assert "RuntimeError: a bug in a renderer" in problem.message
    assert state(folder) == before
    assert leftovers(folder) == []


@pytest.mark.parametrize("failing_write", [1, 3, 5])
def test_a_full_disk_while_staging_changes_nothing(
    last_good: Path, monkeypatch, failing_write: int
) -> None:
    folder = last_good / "output"
    before = state(folder)
    real = os.write
    calls = []

    def full(fd: int, data) -> int:
        if len(data) > 100:  # a file's bytes, not the lock's process id
            calls.append(fd)
        if len(calls) == failing_write:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(fd, data)

    monkeypatch.setattr(os, "write", full)
    code, output = cli("build", "-p", str(last_good), *SMALL)
    monkeypatch.undo()
    assert code == 1, output
    # the first write is the staging folder's mark (see write.open_staging), then the files
    assert re.search(r"cannot write (the file|in the folder): No space left on device", output)
    assert str(folder) in output  # names the output, not a staging path
    assert STAGING not in output
    assert "every file in the output folder is as it was" in output
    assert "Traceback" not in output
    assert state(folder) == before
    assert leftovers(folder) == []


def replacing(monkeypatch: pytest.MonkeyPatch, before_each: Callable[[int, object], None]) -> list:
    """``os.replace`` with ``before_each(count, destination)`` called before each move (the
    count from 1), which may raise; the destinations moved to, as they come."""
    real = os.replace
    calls: list = []

    def replaced(src, dst, **kwargs) -> None:
        calls.append(dst)
        before_each(len(calls), dst)
        real(src, dst, **kwargs)

    monkeypatch.setattr(os, "replace", replaced)
    return calls


@pytest.mark.parametrize("failing_replace", [1, 2, 4, 5])
def test_permission_denied_half_way_through_replacing_puts_every_old_file_back(
    last_good: Path, monkeypatch, failing_replace: int
) -> None:
    folder = last_good / "output"
    before = state(folder)

    def denied(count: int, dst: object) -> None:
        if count == failing_replace:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(dst))

    replacing(monkeypatch, denied)
    code, output = cli("build", "-p", str(last_good), *SMALL)
    monkeypatch.undo()
    assert code == 1, output
    assert "cannot write the file: Permission denied" in output
    assert "Traceback" not in output
    assert state(folder) == before  # old files byte- and mtime-identical, new ones absent
    assert not (folder / "clinical").exists()
    assert leftovers(folder) == []
    code, output = cli("build", "-p", str(last_good), *SMALL)  # and the next build works
    assert code == 0, output
    assert "Built 4 files" in output


def test_another_audience_built_earlier_is_never_replaced_by_a_failed_build(
    tmp_path: Path, monkeypatch
) -> None:
    project = copy_project(tmp_path)
    assert cli("build", "-p", str(project), "-a", "clinical", *SMALL)[0] == 0
    assert cli("build", "-p", str(project), "-a", "all-staff", *SMALL)[0] == 0
    folder = project / "output"
    before = state(folder)
    edit(project / "content" / "course.yaml", 'version: "2.1"', 'version: "2.2"')
    staff = folder / "all-staff" / "safe-rooms-all-staff-handout.pdf"
    staff.unlink()
    staff.mkdir()  # the last output of the build cannot be written
    before.pop("all-staff/safe-rooms-all-staff-handout.pdf")
    code, output = cli("build", "-p", str(project), *SMALL)
    assert code == 1, output
    assert f"{staff}: error: cannot write the file: a folder is in its place" in output
    assert "Traceback" not in output
    assert state(folder) == before
    assert leftovers(folder) == []


def test_a_link_where_an_output_goes_is_replaced_never_followed(last_good: Path) -> None:
    folder = last_good / "output"
    victim = last_good.parent / "precious.txt"
    victim.write_text("not yours")
    handout = folder / "all-staff" / "safe-rooms-all-staff-handout.pdf"
    handout.unlink()
    handout.symlink_to(victim)
    code, output = cli("build", "-p", str(last_good), *SMALL)
    assert code == 0, output
    assert victim.read_text() == "not yours"
    assert not handout.is_symlink() and handout.read_bytes().startswith(b"%PDF")


def test_a_sub_folder_that_is_a_link_stops_the_build_before_anything_moves(
    last_good: Path,
) -> None:
    folder = last_good / "output"
    elsewhere = last_good.parent / "elsewhere"
    elsewhere.mkdir()
    (folder / "clinical").symlink_to(elsewhere, target_is_directory=True)
    before = state(folder)
    code, output = cli("build", "-p", str(last_good), *SMALL)
    assert code == 1, output
    assert f"{folder / 'clinical'}: error: this folder is a link" in output
    assert list(elsewhere.iterdir()) == []
    assert state(folder) == before


# ------------------------------------------------------------------ kill -9

KILLER = """
import importlib, os, signal, sys

target, count, folder = sys.argv[1], int(sys.argv[2]), sys.argv[3]
module_name, _, name = target.rpartition(".")
module = importlib.import_module(module_name)
original = getattr(module, name)
calls = 0


def counting(*args, **kwargs):
    global calls
    paths = [str(a) for a in args if isinstance(a, (str, os.PathLike))]
    if paths and not any(p.startswith(folder) for p in paths):
        return original(*args, **kwargs)  # not the output folder's (a template cache's)
    calls += 1
    if calls == count:
        os.kill(os.getpid(), signal.SIGKILL)
    return original(*args, **kwargs)


setattr(module, name, counting)
from materials_gen.cli import main

main(sys.argv[4:])
"""


@pytest.mark.parametrize(
    ("target", "count", "committed"),
    [
        ("materials_gen.render.handout.render", 2, False),  # while rendering
        ("os.fsync", 2, False),  # while staging
        ("os.link", 1, False),  # keeping the first old file
        ("os.replace", 1, False),  # before the first file moves
        ("os.replace", 2, False),  # one file replaced
        ("os.replace", 4, False),  # three moved, new files among them
        ("os.replace", 5, False),  # all but the manifest
        ("materials_gen.write._remove_tree", 1, True),  # all in place, staging not removed
    ],
)
def test_kill_9_at_any_point_leaves_old_or_new_files_never_partial_and_is_undone(
    tmp_path: Path, target: str, count: int, committed: bool
) -> None:
    project = copy_project(tmp_path)
    reference = copy_project(tmp_path, "reference")
    for where in (project, reference):
        assert cli("build", "-p", str(where), "-a", "all-staff", *SMALL)[0] == 0
        edit(where / "content" / "course.yaml", 'version: "2.1"', 'version: "2.2"')
    assert cli("build", "-p", str(reference), *SMALL)[0] == 0
    folder, finished = project / "output", state(reference / "output")
    before = state(folder)
    # The manifest records materials-gen's own version, which may differ between two runs
    # of a test suite while materials-gen is being edited: checked for what it says instead.
    finished.pop(".materials-gen.json")

    script = tmp_path / "killer.py"
    script.write_text(KILLER)
    # only calls on the output folder count: a template cache written first (another
    # test's templates, kept in that test process only) must not take the first kill
    args = [sys.executable, str(script), target, str(count), str(folder)]
    args += ["build", "-p", str(project)]
    killed = subprocess.run([*args, *SMALL], capture_output=True, text=True, check=False)
    assert killed.returncode == -9, killed.stdout + killed.stderr

    names = set(before) | set(finished)
    for name in sorted(names):
        path = folder / name
        if not path.exists():
            assert name not in before, f"{name}: an old file is gone"
            continue
        data = path.read_bytes()
        if name == ".materials-gen.json" and data != before[name][1]:
            assert Manifest.read(folder).records, "the manifest is neither the old nor a new one"
            continue
        ok = {before[name][1]} if name in before else set()
        ok |= {finished[name][1]} if name in finished else set()
        assert data in ok, f"{name}: neither the old nor the new file (partial?)"

    undone = write.recover(folder)
    assert leftovers(folder) == []
    after = state(folder)
    if committed:
        after.pop(".materials-gen.json")
        assert {n: b for n, (_, b) in after.items()} == {n: b for n, (_, b) in finished.items()}
    else:
        assert after == before, "the interrupted build was not undone exactly"
    assert bool(undone) == (target != "materials_gen.render.handout.render")  # no staging yet

    code, output = cli("build", "-p", str(project), *SMALL)  # and the next build finishes
    assert code == 0, output
    after = state(folder)
    after.pop(".materials-gen.json")
    assert {n: b for n, (_, b) in after.items()} == {n: b for n, (_, b) in finished.items()}
    assert leftovers(folder) == []
    manifest = Manifest.read(folder)
    assert {r.path: r.output_hash for r in manifest.records.values()} == {
        n: hashlib.sha256(b).hexdigest() for n, (_, b) in finished.items() if n.endswith(".pdf")
    }


@pytest.mark.parametrize("moved", [False, True])
def test_the_next_build_undoes_an_interrupted_one_and_says_so(last_good: Path, moved: bool) -> None:
    """The old files a killed build had replaced are put back by the next build, the
    project's folder renamed in between too (its staging folder is still its own)."""
    folder = last_good / "output"
    handout = folder / "all-staff" / "safe-rooms-all-staff-handout.pdf"
    good = handout.read_bytes()
    # What a build killed after replacing the handout leaves: the old file kept in staging.
    staging = folder / STAGING
    write.open_staging(staging)
    (staging / "old" / "all-staff").mkdir(parents=True)
    (staging / "new").mkdir()
    os.link(handout, staging / "old" / "all-staff" / handout.name)
    handout.unlink()
    handout.write_bytes(b"%PDF- a newer file the killed build had moved in")
    old_temp = folder / "clinical" / ".safe-rooms-clinical-handout.pdf.k3j9x_2a.tmp"
    old_temp.parent.mkdir()
    old_temp.write_bytes(b"half a file from materials-gen 0.x")
    from materials_gen.build import BuildOptions, build

    if moved:
        last_good = last_good.rename(last_good.with_name("renamed"))
        folder = last_good / "output"
        handout, old_temp = (folder / p.relative_to(p.parents[1]) for p in (handout, old_temp))
    report = build(last_good, BuildOptions(kinds=("handout",), audiences=("clinical",)))
    assert handout.read_bytes() == good
    assert leftovers(folder) == []
    warning = next(w for w in report.warnings if "interrupted build was undone" in w.message)
    assert STAGING in warning.message and old_temp.name in warning.message


@pytest.mark.parametrize("command", ["build", "clean"])
def test_a_staging_folder_that_came_with_a_project_never_reaches_outside_it(
    tmp_path: Path, command: str
) -> None:
    """A shared project whose output folder holds a made-up "interrupted build" and a link to
    a folder outside: undoing it removed a file there and put a planted one in."""
    project = copy_project(tmp_path)
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "important.txt").write_text("keep me", encoding="utf-8")
    folder = project / "output"
    (folder / STAGING / "absent" / "link").mkdir(parents=True)
    (folder / STAGING / "old" / "link").mkdir(parents=True)
    (folder / "link").symlink_to(Path("..") / ".." / "victim")
    (folder / STAGING / "absent" / "link" / "important.txt").write_text("", encoding="utf-8")
    (folder / STAGING / "old" / "link" / "planted.sh").write_text("echo pwned", encoding="utf-8")
    args = [command, "-p", str(project)] + (list(SMALL) if command == "build" else [])
    code, output = cli(*args)
    assert "Traceback" not in output
    assert (victim / "important.txt").read_text(encoding="utf-8") == "keep me"
    assert not (victim / "planted.sh").exists()
    assert not (folder / STAGING).exists()


@pytest.mark.parametrize("command", ["clean", "build"])
@pytest.mark.parametrize("made", ["shipped", "copied"])
def test_a_staging_folder_no_build_of_this_user_left_here_touches_nothing(
    last_good: Path, tmp_path: Path, made: str, command: str
) -> None:
    """A staging folder in the output folder that no build of this user's left there (one
    shipped with a project, or one of this user's own copied in from another folder), its
    "old files to put back" and "new files to remove" naming the trainer's own files beside
    the outputs: it is removed, and none of them is removed or replaced (they were)."""
    folder = last_good / "output"
    notes, plan = folder / "trainer-notes.txt", folder / "all-staff" / "my-plan.docx"
    notes.write_text("my private notes", encoding="utf-8")
    plan.write_text("mine", encoding="utf-8")
    staging = folder / STAGING
    if made == "copied":  # a genuine one, but made elsewhere: its place is not this one
        elsewhere = tmp_path / "elsewhere"
        elsewhere.mkdir()
        write.open_staging(elsewhere / STAGING)
        shutil.copytree(elsewhere / STAGING, staging)
    (staging / "absent").mkdir(parents=True)
    (staging / "absent" / notes.name).write_text("", encoding="utf-8")
    (staging / "old" / "all-staff").mkdir(parents=True)
    (staging / "old" / "all-staff" / plan.name).write_text("ATTACKER", encoding="utf-8")
    code, output = cli(command, "-p", str(last_good), *(SMALL if command == "build" else ()))
    assert code == 0, output
    assert notes.read_text(encoding="utf-8") == "my private notes"
    assert plan.read_text(encoding="utf-8") == "mine"
    assert not staging.exists()
    if command == "build":  # said as it is: it was not undone ("the files ... are back")
        said = " ".join(output.split())
        assert "that no build here left (it came with the folder) was removed as it was" in said
        assert "interrupted build was undone" not in said


def test_the_quick_check_does_not_hide_leftovers(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    assert cli("build", "-p", str(project), *SMALL)[0] == 0
    write.open_staging(project / "output" / STAGING)  # as a build here leaves it
    (project / "output" / STAGING / "new").mkdir(parents=True)
    code, output = cli("build", "-p", str(project), *SMALL)
    assert code == 0  # (it found nothing to make again: "Nothing to rebuild" all the same)
    assert "interrupted build was undone" in output
    assert leftovers(project / "output") == []
    assert "Nothing to rebuild" in cli("build", "-p", str(project), *SMALL)[1]


# ------------------------------------------------------------------ the lock


@pytest.mark.parametrize("what", ["link", "dangling link", "folder", "pipe", "hard link"])
def test_a_lock_that_is_not_a_regular_file_is_refused_and_never_touched(
    last_good: Path, what: str
) -> None:
    """A hard link is a regular file with another name: a build and clean wrote their
    process's number into it, emptying whatever file outside it also was."""
    folder = last_good / "output"
    lock = folder / LOCK
    victim = last_good.parent / "victim.txt"
    victim.write_text("keep me")
    stamp = victim.stat().st_mtime_ns
    if what == "link":
        lock.symlink_to(victim)
    elif what == "dangling link":
        lock.symlink_to(last_good.parent / "nothing-here")
    elif what == "folder":
        lock.mkdir()
    elif what == "hard link":
        os.link(victim, lock)
    else:
        os.mkfifo(lock)
    before = state(folder)
    code, output = cli("build", "-p", str(last_good), *SMALL)
    assert code == 1, output
    assert f"{lock}: error: the build lock is" in output
    assert "Traceback" not in output
    assert victim.read_text() == "keep me" and victim.stat().st_mtime_ns == stamp
    assert not (last_good.parent / "nothing-here").exists()
    assert state(folder) == before
    assert os.path.lexists(lock)  # left for the trainer to look at
    code, output = cli("clean", "-p", str(last_good))
    assert code == 1 and f"{lock}: error: the build lock is" in output, output
    assert victim.read_text() == "keep me" and victim.stat().st_mtime_ns == stamp
    assert state(folder) == before


def test_a_stale_lock_file_of_a_killed_build_does_not_block(last_good: Path) -> None:
    (last_good / "output" / LOCK).write_text("12345")
    code, output = cli("build", "-p", str(last_good), *SMALL)
    assert code == 0, output
    assert not (last_good / "output" / LOCK).exists()


# ------------------------------------------------------------------ the manifest

DAMAGED = [
    '{"format": 6, "version": "x", "request": "y", "inputs": {}, "records": {}}',
    '{"format": 6, "version": "x", "request": "y", "inputs": null, "records": []}',
    '{"format": 6, "version": 3, "request": "y", "inputs": {}, "records": []}',
    '{"format": 6, "version": "x", "request": "y", "inputs": {"a": 1}, "records": []}',
    '{"format": 6, "version": "x", "request": "y", "inputs": {}, "records": [[1, 2]]}',
    '{"format": 6, "version": "x", "request": "y", "inputs": {}, "records": '
    '[{"path": "a", "kind": "k", "audience": "a", "fingerprint": "f", "output_hash": "h",'
    ' "pages": "3", "size": 1, "inputs": {}, "part_of": ""}]}',
    '{"format": 6, "version": "x", "request": "y", "inputs": {}, "records": '
    '[{"path": "a", "kind": "k", "audience": "a", "fingerprint": "f", "output_hash": "h",'
    ' "pages": true, "size": 1, "inputs": {}, "part_of": ""}]}',
    '{"format": 6, "version": "x", "request": "y", "inputs": {}, "records": [],'
    ' "snapshots": {"all-staff": {"modules": [{"id": "m", "title": "t", "items": "pages"}]}}}',
    '{"format": 6, "version": "x", "request": "y", "inputs": {}, "records": [],'
    ' "snapshots": {"all-staff": {"tables": {"t": [[1]]}}}}',
    '{"format": 6, "version": "x", "request": "y", "inputs": {}, "records": [], "snapshots": []}',
    '{"format": 6, "version": "x", "request": "y", "inputs": {}, "extra_inputs": "x",'
    ' "records": []}',
    '["format", 1]',
    "[" * 100000,
    "\udcff not json",
    '{"format": "1"}',
]


@pytest.mark.parametrize("text", DAMAGED)
def test_a_damaged_manifest_means_a_full_rebuild_with_a_warning(tmp_path: Path, text: str) -> None:
    project = copy_project(tmp_path)
    assert cli("build", "-p", str(project), *SMALL)[0] == 0
    manifest = project / "output" / ".materials-gen.json"
    if text.startswith('{"format": 6'):  # sealed as a build would, so that its fields are read
        write_manifest(manifest, text)
    else:
        manifest.write_bytes(text.encode("utf-8", "surrogateescape"))
    code, output = cli("build", "-p", str(project), *SMALL)
    assert code == 0, output
    assert "Traceback" not in output
    # every output made again, and compared with its file: the same bytes, not rewritten
    assert "4 files up to date in " in output and "none written again" in output, output
    assert "warning: the build manifest cannot be used" in output
    assert Manifest.read(project / "output").damaged == ""
    assert "Nothing to rebuild" in cli("build", "-p", str(project), *SMALL)[1]


def test_a_damaged_snapshot_in_a_good_manifest_never_crashes_the_changes_report(
    tmp_path: Path,
) -> None:
    import json

    project = copy_project(tmp_path)
    assert cli("build", "-p", str(project), *SMALL)[0] == 0
    manifest = project / "output" / ".materials-gen.json"
    data = json.loads(manifest.read_text())
    data["snapshots"]["all-staff"]["modules"][0]["items"] = [["key point"]]
    write_manifest(manifest, data)
    edit(project / "content" / "modules" / "intro.md", "Calm rooms help", "Quiet rooms help")
    code, output = cli("build", "-p", str(project), *SMALL)
    assert code == 0, output
    assert "should be a label and a text" in output


# ------------------------------------------------------------------ reproducible bytes


@pytest.mark.parametrize("fresh", [False, True], ids=["loaded", "fresh-process"])
def test_source_date_epoch_does_not_change_the_bytes(
    tmp_path: Path, monkeypatch, fresh: bool
) -> None:
    """Also with the workers started before the build hides the variable from its renderers
    (as a fresh process starts them): they hide it themselves."""
    from materials_gen.build import BuildOptions, build
    from materials_gen.kinds import Kind

    if fresh:
        monkeypatch.setattr(Kind, "loaded", property(lambda self: False))

    project = copy_project(tmp_path)
    outputs = {}
    for epoch in (None, "1700000000", "0"):
        if epoch is None:
            monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
        else:
            monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        folder = tmp_path / f"out-{epoch}"
        build(project, BuildOptions(output=folder), jobs=2)
        outputs[epoch] = {n: b for n, (_, b) in state(folder).items()}
        assert os.environ.get("SOURCE_DATE_EPOCH") == epoch  # given back as it was
    assert len(outputs[None]) > 10
    assert outputs["1700000000"] == outputs[None]
    assert outputs["0"] == outputs[None]


@pytest.mark.skipif(not hasattr(os, "kill") or os.name != "posix", reason="POSIX signals")
def test_a_second_ctrl_c_while_old_files_are_put_back_waits_for_them(
    last_good: Path, monkeypatch
) -> None:
    """Ctrl-C pressed twice: the first stopped the build as it replaced files, the second
    stopped the putting back of the old ones halfway, and the folder was left half old,
    half new, under a message saying it was as before. The second waits until every old
    file is back."""
    import signal

    folder = last_good / "output"
    before = state(folder)

    def interrupted(count: int, dst: object) -> None:
        if count == 2:  # the first Ctrl-C, as the second file is moved into place
            raise KeyboardInterrupt
        if count == 3:  # the second, as the first old file is put back
            os.kill(os.getpid(), signal.SIGINT)

    calls = replacing(monkeypatch, interrupted)
    code, output = cli("build", "-p", str(last_good), *SMALL)
    monkeypatch.undo()
    assert code != 0, output
    assert len(calls) >= 3  # the second Ctrl-C came as the old files were put back
    assert state(folder) == before, output
    assert leftovers(folder) == []


def test_an_output_folder_deleted_while_a_build_runs_is_made_again(
    last_good: Path, monkeypatch
) -> None:
    """A trainer deleted the output folder while 'watch' rebuilt it: the build stopped with
    "cannot write in the folder", a hint about disk space, and no outputs at all. The
    folder is made again, as a build makes it at first, with every file."""
    from materials_gen import build as building
    from materials_gen.build import BuildOptions, build

    folder = last_good / "output"
    real = building.write_outputs

    def deleted_first(target, files, *args, **kwargs):
        shutil.rmtree(target)
        return real(target, files, *args, **kwargs)

    monkeypatch.setattr(building, "write_outputs", deleted_first)
    report = build(last_good, BuildOptions(kinds=("handout", "poster")))
    assert report.built and all(b.path.is_file() for b in report.built)
    assert leftovers(folder) == []
