"""Rebuilding after edits: only what changed moves, nothing half-written, watch, clean."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from materials_gen.build import BuildOptions, build
from materials_gen.cli import main
from materials_gen.errors import ContentError, OutputError
from materials_gen.manifest import Lock

from .conftest import REPO, alive, edit, kit_copy, output_count, write_manifest


def files(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Every built file: modification time (ns) and bytes."""
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.suffix in (".pdf", ".pptx")
    }


def moved(before: dict, after: dict) -> set[str]:
    return {name for name in after if before.get(name) != after[name]}


def cli(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def built(project: Path) -> Path:
    cli("build", "-p", str(project), "-j", "1")
    return project / "output"


def test_a_rebuild_with_nothing_changed_rewrites_nothing(project: Path, built: Path) -> None:
    before = files(built)
    output = cli("build", "-p", str(project))
    assert moved(before, files(built)) == set()
    total = output_count(project)
    assert f"Nothing to rebuild: {total} files up to date" in output
    output = cli("build", "-p", str(project), "-v")  # each file named, one line each
    assert output.count("  unchanged  ") == total


def test_a_forced_rebuild_rewrites_no_file_it_makes_again_as_it_was(
    project: Path, built: Path
) -> None:
    """--force made every file again and rewrote each, the same bytes under a new time,
    though a file that comes out byte for byte as before is not rewritten: printing
    services and sync tools took every file for new. It makes each again, and writes none
    whose bytes are the same; one changed by hand is put back (the changed copy kept
    beside it)."""
    before = files(built)
    handout = next(p for p in before if p.endswith("handout.pdf"))
    (built / handout).write_bytes(before[handout][1] + b"\n% edited\n")
    output = cli("build", "-p", str(project), "--force", "-j", "1")
    after = files(built)
    aside = handout.replace("handout.pdf", "handout (changed).pdf")
    assert after.pop(aside)[1] == before[handout][1] + b"\n% edited\n", output
    assert moved(before, after) == {handout}, output
    assert after[handout][1] == before[handout][1]


def test_a_rebuild_with_nothing_changed_still_warns(project: Path) -> None:
    """A fact still to fill in was named by the first build only: the next said "Nothing to
    rebuild" and nothing else, and a trainer printed "[[fill in ...]]". A build that finds
    every file up to date says again what the last build warned of, in words and in JSON."""
    edit(
        project / "content" / "modules" / "intro.md",
        "Calm rooms help everyone",
        "Call [[fill in the duty manager's number]]. Calm rooms help everyone",
    )
    first = cli("build", "-p", str(project))
    warned = [line for line in first.splitlines() if "to be filled in" in line]
    assert len(warned) == 1 and "content/modules/intro.md:" in warned[0]
    again = cli("build", "-p", str(project))
    assert "Nothing to rebuild" in again and again.splitlines()[-1].endswith("; 1 warning.")
    assert warned[0] in again.splitlines()
    data = json.loads(cli("build", "-p", str(project), "--json"))
    said = [p for p in data["problems"] if "to be filled in" in p["message"]]
    assert said and said[0]["file"] == "content/modules/intro.md" and said[0]["line"]
    assert said[0]["severity"] == "warning"


def test_another_font_in_the_theme_is_one_reason_not_the_font_files(project: Path) -> None:
    """The theme's heading font changed: each file gave five reasons, four of them the
    paths of the font files inside materials-gen's installation ("built-in .../site-
    packages/.../Lato-Bold.ttf now used"). The theme is the one reason."""
    build = ("build", "-p", str(project), "--only", "handout", "-a", "clinical")
    cli(*build)
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates" / "theme.yaml").write_text("fonts:\n  heading: Lato\n", "utf-8")
    said = [line.strip() for line in cli(*build).splitlines() if "because" in line]
    assert said == ["because templates/theme.yaml now used"], said


def test_editing_one_module_rebuilds_what_it_reaches(project: Path, built: Path) -> None:
    before = files(built)
    edit(
        project / "content" / "modules" / "intro.md",
        "Calm rooms help everyone",
        "Quiet rooms help everyone",
    )
    output = cli("build", "-p", str(project))
    assert moved(before, files(built)) == {
        f"{audience}/safe-rooms-{audience}-{kind}"
        for audience in ("all-staff", "clinical")
        for kind in ("handout.pdf", "deck.pptx", "slides.pdf", "notes-pages.pdf")
    }
    assert f"  {output_count(project) - 8} files unchanged" in output  # folded into one line
    assert "because content/modules/intro.md changed" in output
    assert f"Built 8 files ({output_count(project) - 8} unchanged)" in output


def test_a_picture_named_with_a_dot_is_an_input_like_any(project: Path, built: Path) -> None:
    """A file whose name starts with a dot, shown by the content, is read by the build: a
    change to it rebuilds what shows it, even when everything else is unchanged (the quick
    check once passed over such names and said nothing was to rebuild)."""
    from PIL import Image

    picture = project / "content" / "images" / ".door.png"
    Image.new("RGB", (40, 30), "red").save(picture)
    module = project / "content" / "modules" / "intro.md"
    module.write_text(
        module.read_text(encoding="utf-8") + "\n![A red door](../images/.door.png)\n",
        encoding="utf-8",
    )
    cli("build", "-p", str(project))
    before = files(built)
    Image.new("RGB", (40, 30), "blue").save(picture)
    output = cli("build", "-p", str(project))
    assert "because content/images/.door.png changed" in output
    assert "safe-rooms-all-staff-handout.pdf" in " ".join(moved(before, files(built)))
    from materials_gen.project import is_source

    assert is_source(None, str(picture))  # and watch rebuilds on its save
    assert not is_source(None, str(picture.with_name("._door.png")))
    assert is_source(None, str(project / "templates" / "locale" / "de.po"))  # a catalog too


def test_a_picture_at_the_project_s_top_never_takes_content_s_place(
    project: Path, built: Path, tmp_path: Path
) -> None:
    """A picture a template or a text field names as images/room.png was looked for first
    at the project's top, beside content/: one added there changed a clean build's pages,
    yet the next build, whose recorded inputs were unchanged, found nothing to rebuild.
    content/'s is looked for first, so both builds show it."""
    from PIL import Image

    (project / "templates").mkdir()
    (project / "templates" / "handout.md.j2").write_text(
        "---\ntitle: Rooms\n---\n\n# Rooms\n\n![A quiet room](images/room.png)\n",
        encoding="utf-8",
    )
    cli("build", "-p", str(project), "--only", "handout")
    (project / "images").mkdir()
    Image.new("RGB", (40, 30), "red").save(project / "images" / "room.png")
    cli("build", "-p", str(project), "--only", "handout")
    kept = {name: data for name, (_, data) in files(built).items() if "handout" in name}
    shutil.rmtree(built)
    cli("build", "-p", str(project), "--only", "handout")
    clean = {name: data for name, (_, data) in files(built).items()}
    assert len(clean) == 2 and clean == kept
    roundabout = project.parent / "elsewhere" / ".." / project.name  # -p as a user wrote it
    (project.parent / "elsewhere").mkdir()
    cli("build", "-p", str(roundabout), "--only", "handout", "--force")
    assert {name: data for name, (_, data) in files(built).items()} == kept


def test_a_picture_added_in_content_under_a_shown_name_rebuilds_what_shows_it(
    project: Path, built: Path
) -> None:
    """A template shows images/logo.png, found at the project's top; then content/ gets a
    file of that name, which a build looks at first. Every later build said "nothing to
    rebuild" and kept the old picture, while a clean build showed the new one. The outputs
    that show it are rebuilt, naming the file, and are what a clean build makes."""
    from PIL import Image

    (project / "templates").mkdir()
    (project / "templates" / "handout.md.j2").write_text(
        "---\ntitle: Rooms\n---\n\n# Rooms\n\n![Our logo](images/logo.png)\n",
        encoding="utf-8",
    )
    (project / "images").mkdir()
    Image.new("RGB", (40, 30), "green").save(project / "images" / "logo.png")
    cli("build", "-p", str(project), "--only", "handout")
    before = files(built)
    Image.new("RGB", (40, 30), "purple").save(project / "content" / "images" / "logo.png")
    output = " ".join(cli("build", "-p", str(project), "--only", "handout").split())
    assert "because content/images/logo.png now used" in output
    handouts = {name for name in moved(before, files(built)) if "handout" in name}
    assert len(handouts) == 2
    assert "Nothing to rebuild" in cli("build", "-p", str(project), "--only", "handout")
    kept = {name: data for name, (_, data) in files(built).items() if "handout" in name}
    shutil.rmtree(built)
    cli("build", "-p", str(project), "--only", "handout")
    assert {name: data for name, (_, data) in files(built).items()} == kept


def test_what_a_file_a_template_includes_reads_is_an_input(project: Path, built: Path) -> None:
    """What each template reads (variables, partials) is kept between builds, keyed by the
    templates' bytes: only the .j2 files' were, so a template including _note.txt missed
    what the note came to read. Once the note read the start time, --start rebuilt nothing;
    once it included _other.txt, an edit to that was found only by a clean build."""
    from pypdf import PdfReader

    def handout() -> str:
        path = built / "all-staff" / "safe-rooms-all-staff-handout.pdf"
        return " ".join(page.extract_text() for page in PdfReader(path).pages)

    (project / "templates").mkdir()
    (project / "templates" / "handout.md.j2").write_text(
        '---\ntitle: Rooms\n---\n\n# Rooms\n\n{% include "_note.txt" %}\n', encoding="utf-8"
    )
    note = project / "templates" / "_note.txt"
    note.write_text("Safety first.", encoding="utf-8")
    cli("build", "-p", str(project), "--only", "handout")
    note.write_text("Doors open at {{ session.start }}.", encoding="utf-8")
    cli("build", "-p", str(project), "--only", "handout")
    output = cli("build", "-p", str(project), "--only", "handout", "--start", "11:15")
    assert "--start" in output and "11:15" in handout()
    note.write_text('{% include "_other.txt" %}', encoding="utf-8")
    (project / "templates" / "_other.txt").write_text("Version A", encoding="utf-8")
    cli("build", "-p", str(project), "--only", "handout")
    (project / "templates" / "_other.txt").write_text("Version B", encoding="utf-8")
    output = cli("build", "-p", str(project), "--only", "handout")
    assert "because templates/_other.txt changed" in output
    assert "Version B" in handout()


def test_a_file_a_template_includes_before_it_is_there_is_an_input(
    project: Path, built: Path
) -> None:
    """A template including a file that is not there yet ("ignore missing", or a build that
    stopped for it): making the file, then editing it, rebuilds what includes it each time,
    as a forced build would make it. The reasons name what happened to the file: a file
    not there is never said to be used (the template's first build named it, and the
    built-in folder's, as "now used"), its making is "now used", not "changed"."""
    from pypdf import PdfReader

    def handout() -> str:
        path = built / "all-staff" / "safe-rooms-all-staff-handout.pdf"
        return " ".join(page.extract_text() for page in PdfReader(path).pages)

    (project / "templates").mkdir()
    (project / "templates" / "handout.md.j2").write_text(
        '---\ntitle: Rooms\n---\n\n# Rooms\n\n{% include "_note.txt" ignore missing %}\n',
        encoding="utf-8",
    )
    build = ("build", "-p", str(project), "--only", "handout", "-a", "all-staff")
    first = cli(*build)
    assert "_note.txt" not in first and "because templates/handout.md.j2 now used" in first
    note = project / "templates" / "_note.txt"
    note.write_text("Doors open early.", encoding="utf-8")
    said = cli(*build)
    assert "because templates/_note.txt now used" in said and "changed" not in said
    assert "Doors open early." in handout()
    note.write_text("Doors open late.", encoding="utf-8")
    assert "because templates/_note.txt changed" in cli(*build)
    assert "Doors open late." in handout()
    note.unlink()
    assert "because templates/_note.txt was removed" in cli(*build)
    assert "Doors open" not in handout()


def test_a_file_deleted_by_hand_and_edited_content_are_both_told(
    project: Path, built: Path
) -> None:
    """The clinical handout deleted, then a clinical-only key point edited: its reasons
    say both, as the deck beside it says the edit."""
    (built / "clinical" / "safe-rooms-clinical-handout.pdf").unlink()
    edit(
        project / "content" / "modules" / "intro.md",
        "Seat the client nearest the door",
        "Seat the client near the door",
    )
    output = cli("build", "-p", str(project), "-a", "clinical", "--only", "handout,deck")
    said = output.split("safe-rooms-clinical-handout.pdf", 1)[1].split("made ", 1)[0]
    assert "because the file was missing" in said and "or changed" not in said
    assert "because content/modules/intro.md changed" in said


def test_a_clinical_only_edit_leaves_all_staff_files_alone(project: Path, built: Path) -> None:
    before = files(built)
    edit(
        project / "content" / "modules" / "intro.md",
        "Seat the client nearest the door",
        "Seat the client near the door",
    )
    cli("build", "-p", str(project))
    assert moved(before, files(built)) == {
        f"clinical/safe-rooms-clinical-{kind}"
        for kind in ("handout.pdf", "deck.pptx", "slides.pdf", "notes-pages.pdf")
    }


def test_a_template_edit_rebuilds_only_its_outputs(project: Path, built: Path) -> None:
    from materials_gen.project import builtin_templates

    before = files(built)
    (project / "templates").mkdir()
    text = (builtin_templates() / "poster.md.j2").read_text()
    (project / "templates" / "poster.md.j2").write_text(
        text.replace("note: {{ course.poster.note | json }}", 'note: "Ask for help early."')
    )
    output = cli("build", "-p", str(project))
    assert moved(before, files(built)) == {
        "all-staff/safe-rooms-all-staff-poster.pdf",
        "clinical/safe-rooms-clinical-poster.pdf",
    }
    said = "because templates/poster.md.j2 now used instead of built-in templates/poster.md.j2"
    assert said in output


def test_a_deleted_or_corrupt_manifest_means_a_full_rebuild(project: Path, built: Path) -> None:
    """Every output is made again, and compared with the file there: each comes out as it
    was, so none is written again."""
    manifest = built / ".materials-gen.json"
    manifest.unlink()
    before = files(built)
    total = output_count(project)
    again = f"{total} files up to date in "
    output = cli("build", "-p", str(project))
    assert again in output and "none written again" in output, output
    assert not moved(before, files(built))
    manifest.write_text("{ this is not json")
    output = cli("build", "-p", str(project))
    assert again in output and "the build manifest cannot be used" in output, output
    write_manifest(manifest, '{"format": 6, "version": 3, "records": "nonsense"}')
    assert again in cli("build", "-p", str(project))
    assert not moved(before, files(built))


def test_an_output_changed_by_hand_is_rebuilt(project: Path, built: Path) -> None:
    handout = built / "clinical" / "safe-rooms-clinical-handout.pdf"
    good = handout.read_bytes()
    handout.write_bytes(b"scribbled over")
    output = cli("build", "-p", str(project))
    assert "because the file was changed since it was built (by hand, or by" in output
    assert handout.read_bytes() == good


def test_a_build_after_one_of_some_audiences_says_nothing_needed_rebuilding(
    project: Path, built: Path
) -> None:
    """A build of one audience, then of all, with nothing changed: each said "N files up
    to date in output, none written again", the words for a forced build that made every
    file again; none was made. It says so as a build with nothing to do does."""
    before = files(built)
    one = cli("build", "-p", str(project), "-a", "clinical")
    assert "Nothing to rebuild: " in one and "none written again" not in one, one
    every = cli("build", "-p", str(project))
    total = output_count(project)
    assert f"Nothing to rebuild: {total} files up to date in " in every, every
    assert files(built) == before


def test_force_rebuilds_everything(project: Path, built: Path) -> None:
    """Every output is made again; each comes out as it was, so none is rewritten, nor the
    build's record of them (its manifest)."""
    manifest = built / ".materials-gen.json"
    before, record = files(built), (manifest.stat().st_mtime_ns, manifest.read_bytes())
    output = cli("build", "-p", str(project), "--force")
    total = output_count(project)
    assert f"{total} files up to date in " in output and "none written again" in output, output
    assert files(built) == before  # the same bytes, and the same times
    assert (manifest.stat().st_mtime_ns, manifest.read_bytes()) == record


def _as_in_a_fresh_process(monkeypatch) -> None:
    """No renderer imported yet, as in a fresh ``build``: a stale build starts its workers
    before it reads the project (the first loads the renderers, see workers.py)."""
    from materials_gen.kinds import Kind

    monkeypatch.setattr(Kind, "loaded", property(lambda self: False))


@pytest.mark.parametrize("fresh", [False, True], ids=["loaded", "fresh-process"])
def test_parallel_equals_serial(project: Path, tmp_path: Path, monkeypatch, fresh: bool) -> None:
    if fresh:
        _as_in_a_fresh_process(monkeypatch)
    serial = build(project, BuildOptions(output=tmp_path / "serial"), jobs=1)
    parallel = build(project, BuildOptions(output=tmp_path / "parallel"), jobs=4)
    assert len(serial.built) == len(parallel.built) == output_count(project)
    for one, two in zip(serial.built, parallel.built, strict=True):
        assert one.path.read_bytes() == two.path.read_bytes()


def test_a_stale_build_starts_its_workers_before_it_reads_the_project(
    project: Path, tmp_path: Path, monkeypatch
) -> None:
    """In a fresh process, a build that will likely make several files starts its workers
    first, so that they load the renderers while it reads the project; a build with nothing
    to make starts none, and neither does a build on one process."""
    from materials_gen import build as building
    from materials_gen import rendering

    _as_in_a_fresh_process(monkeypatch)
    events: list[str] = []
    started, checked = rendering.start_workers, building.checked_project

    def starting(*args, **kwargs):
        events.append("workers")
        return started(*args, **kwargs)

    def reading(*args, **kwargs):
        events.append("read")
        return checked(*args, **kwargs)

    monkeypatch.setattr(rendering, "start_workers", starting)
    monkeypatch.setattr(building, "checked_project", reading)
    out = tmp_path / "out"

    def built(**kwargs) -> list[str]:
        events.clear()
        build(project, BuildOptions(output=out), **{"jobs": 2, **kwargs})
        return list(events)

    assert built() == ["workers", "read"]  # the first build
    assert built() == ["read"]  # nothing changed
    edit(project / "content" / "modules" / "intro.md", "Calm rooms help", "Quiet rooms help")
    assert built() == ["workers", "read"]  # a module edited
    assert built(force=True) == ["workers", "read"]
    edit(project / "content" / "modules" / "intro.md", "Quiet rooms help", "Calm rooms help")
    assert built(jobs=1) == ["read"]
    (out / ".materials-gen.json").unlink()
    assert built() == ["workers", "read"]  # no manifest: everything is made


def test_a_process_that_builds_again_loads_the_renderers_while_it_waits(
    project: Path, tmp_path: Path
) -> None:
    """watch and preview load the renderers between builds (load_for_more_builds): the
    workers of the next build are forked with them loaded, instead of a first worker
    loading them again for every save. Run in a fresh process, where nothing is loaded."""
    script = """
import sys
from pathlib import Path
from materials_gen import rendering
from materials_gen.build import build
from materials_gen.warmup import load_for_more_builds
from materials_gen.kinds import KINDS
from materials_gen.options import BuildOptions

root, out = Path(sys.argv[1]), Path(sys.argv[2])
options = BuildOptions(output=out)
build(root, options, jobs=2)
print("after a build:", all(k.loaded for k in KINDS.values()))
load_for_more_builds(root, options, 2)
print("while waiting:", all(k.loaded for k in KINDS.values()))
starts = []
started = rendering.start_workers
rendering.start_workers = lambda *a, **k: starts.append(k.get("root")) or started(*a, **k)
module = root / "content" / "modules" / "intro.md"
module.write_text(module.read_text().replace("Calm rooms help", "Quiet rooms help"))
report = build(root, options, jobs=2)
print("made:", len(report.rebuilt), "workers started before reading:", starts.count(root))
"""
    done = subprocess.run(
        [sys.executable, "-c", script, str(project), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[:2] == ["after a build: False", "while waiting: True"]
    made, early = lines[2].removeprefix("made: ").split(" workers started before reading: ")
    assert int(made) > 1 and early == "0"


def test_a_build_leaves_the_cycle_collector_as_it_found_it(project: Path, tmp_path: Path) -> None:
    """watch and preview build again and again in one process: a build that left objects
    frozen, or the collector slowed, would keep every earlier build's garbage alive."""
    import gc

    threshold = gc.get_threshold()
    build(project, BuildOptions(output=tmp_path / "one"), jobs=2)
    assert (gc.isenabled(), gc.get_threshold(), gc.get_freeze_count()) == (True, threshold, 0)
    # a build that fails while its workers render (a deck title that cannot fit)
    edit(
        project / "content" / "modules" / "intro.md",
        "title: Welcome to safe rooms",
        "title: " + " ".join(["Extraordinarilywelcoming"] * 38),
    )
    with pytest.raises(ContentError):
        build(project, BuildOptions(output=tmp_path / "two"), jobs=2)
    assert (gc.isenabled(), gc.get_threshold(), gc.get_freeze_count()) == (True, threshold, 0)
    # what a caller froze itself stays frozen
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with pytest.raises(ContentError):
            build(project, BuildOptions(output=tmp_path / "three"), jobs=2)
        assert gc.get_freeze_count() >= frozen
    finally:
        gc.unfreeze()


def test_a_failure_mid_render_leaves_earlier_files_intact(
    project: Path, built: Path, monkeypatch
) -> None:
    from materials_gen.render import deck

    before = files(built)
    edit(
        project / "content" / "modules" / "intro.md",
        "Calm rooms help everyone",
        "Quiet rooms help everyone",
    )

    def broken(*args, **kwargs):
        raise ContentError([])

    monkeypatch.setattr(deck, "write", broken)
    with pytest.raises(ContentError):
        build(project, BuildOptions(), jobs=1)
    assert files(built) == before
    assert not [p for p in built.rglob("*.tmp")]


def test_a_second_build_at_once_is_refused_clearly(project: Path, built: Path) -> None:
    lock = Lock(built)
    assert lock.acquire()
    try:
        edit(project / "content" / "modules" / "intro.md", "Calm rooms", "Quiet rooms")
        with pytest.raises(OutputError) as caught:
            build(project, BuildOptions())
        assert "another materials-gen build is writing to" in caught.value.problems[0].message
    finally:
        lock.release()
    build(project, BuildOptions())  # and once it is free, building works again


def _children(pid: int) -> set[int]:
    """The processes ``pid`` started, and those they started (Linux's /proc), or the test is
    skipped."""
    found: set[int] = set()
    tasks = Path(f"/proc/{pid}/task")
    if not tasks.is_dir():
        pytest.skip("needs Linux's /proc")
    for task in tasks.iterdir():
        children = task / "children"
        if not children.is_file():
            pytest.skip("this kernel does not list a process's children")
        with contextlib.suppress(OSError):  # gone meanwhile
            found.update(int(n) for n in children.read_text().split())
    for child in list(found):
        if Path(f"/proc/{child}/task").is_dir():
            found |= _children(child)
    return found


def test_a_build_killed_alone_leaves_no_worker_holding_the_folder(
    project: Path, tmp_path: Path
) -> None:
    """A build's main process killed on its own (by a supervisor, the system, 'kill PID'):
    its worker processes leave too, and the output folder's lock goes with them, so the next
    build runs instead of being told another build is writing there."""
    out = tmp_path / "out"
    command = [sys.executable, "-m", "materials_gen", "build", "-p", str(REPO), "-o", str(out)]
    process = subprocess.Popen([*command, "-j", "2", "--force"], stdout=subprocess.DEVNULL)
    workers: set[int] = set()
    deadline = time.monotonic() + 60
    while len(workers) < 2 and process.poll() is None and time.monotonic() < deadline:
        workers |= _children(process.pid)  # the first worker, then the one it forks
        time.sleep(0.02)
    if not workers:
        pytest.skip("the build finished before its workers could be seen")
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)
    deadline = time.monotonic() + 10
    while any(alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(w) for w in workers), "workers outlived their build"
    again = subprocess.run([*command, "-j", "2"], capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "another materials-gen build" not in again.stdout + again.stderr


def test_a_project_moved_with_its_output_folder_is_still_up_to_date(
    project: Path, built: Path, tmp_path: Path
) -> None:
    """The manifest named the files materials-gen ships (its templates, fonts and label
    catalogs) by their path from the project ("../../../usr/lib/..."): a project moved one
    folder deeper, or renamed, found them all changed and made every output again. They
    are named by their place among the shipped files, and the moved project has nothing
    to rebuild."""
    import json

    recorded = json.loads((built / ".materials-gen.json").read_text(encoding="utf-8"))
    names = [*recorded["extra_inputs"], *(n for r in recorded["records"] for n in r["inputs"])]
    assert any(n.startswith("file:built-in:templates/") for n in names), names
    assert not [n for n in names if "../" in n or n.removeprefix("file:").startswith("/")]
    moved = tmp_path / "elsewhere" / "deeper" / "rooms"
    moved.parent.mkdir(parents=True)
    shutil.copytree(project, moved, symlinks=True)
    before = files(moved / "output")
    output = cli("build", "-p", str(moved), "-j", "1")
    assert "Nothing to rebuild" in output, output
    assert files(moved / "output") == before


def test_an_option_no_longer_given_is_said_so(project: Path, built: Path) -> None:
    """Built with --paper letter, then without it: the minimal project's settings say A4, and
    the reason says the option was dropped, not that the settings changed."""
    cli("build", "-p", str(project), "--paper", "letter")
    output = cli("build", "-p", str(project))
    assert "because --paper letter no longer given (a4 from settings: paper)" in output
    assert "settings: paper changed" not in output


def test_files_an_earlier_build_made_and_this_one_does_not_are_named(
    project: Path, built: Path
) -> None:
    """A slug changed: the outputs now have other names; the old files stay (they may be
    printed already) but the build says they are no longer brought up to date, once."""
    edit(project / "content" / "course.yaml", "slug: safe-rooms", "slug: rooms")
    output = " ".join(cli("build", "-p", str(project), "--only", "deck").split())
    # a build of some outputs names the left-over files of those outputs only
    assert "2 files an earlier build made are made by this one under other names" in output
    assert "safe-rooms-clinical-deck.pptx" in output and "handout" not in output
    output = " ".join(cli("build", "-p", str(project)).split())
    count = output_count(project)
    # made now under the new name: left over, to clean (no option would bring them up to
    # date); the decks' were named by the build before
    said = f"{count - 2} files an earlier build made are made by this one under other names"
    assert said in output, output
    assert "run 'materials-gen clean' and build again to remove them" in output
    assert "--roster" not in output and "deck.pptx" not in output
    assert "clinical/safe-rooms-clinical-handout.pdf" in output or f"{count - 6} more" in output
    assert (built / "clinical" / "rooms-clinical-deck.pptx").is_file()
    assert "earlier build made" not in cli("build", "-p", str(project), "--force")


def test_a_shared_manifest_never_makes_the_quick_check_wait_or_read_outside(
    project: Path, built: Path
) -> None:
    """The output folder's manifest travels with a shared project: a pipe or a device it
    lists among the inputs is not waited on or read without end, and an input recorded as
    inside the project but leading out of it is not hashed."""
    import json

    manifest = built / ".materials-gen.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    pipe = built.parent / "pipe"
    if hasattr(os, "mkfifo"):
        os.mkfifo(pipe)
    data["extra_inputs"] += [str(pipe), "/dev/zero"]
    (built.parent.parent / "outside.txt").write_text("not the project's", encoding="utf-8")
    record = data["records"][0]
    record["inputs"]["file:content/../../outside.txt"] = "0" * 64
    write_manifest(manifest, data)
    done = subprocess.run(
        [sys.executable, "-m", "materials_gen", "build", "-p", str(project)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    after = json.loads(manifest.read_text(encoding="utf-8"))
    assert not any("outside.txt" in p for p in after["extra_inputs"])


def test_a_deleted_template_leaves_nothing_to_rebuild_once_built_again(
    project: Path, built: Path
) -> None:
    """A project template read only by an output the last builds did not make (certificates
    without --roster), then deleted: one build takes note, the next has nothing to do."""
    roster = project / "people.csv"
    roster.write_text("name\nAda Lovelace\n", encoding="utf-8")
    (project / "templates").mkdir(exist_ok=True)
    certificates = project / "templates" / "certificates.md.j2"
    shutil.copy(REPO / "templates" / "certificates.md.j2", certificates)
    cli("build", "-p", str(project), "--roster", str(roster))
    cli("build", "-p", str(project))
    certificates.unlink()
    cli("build", "-p", str(project))
    assert "Nothing to rebuild" in cli("build", "-p", str(project))


def test_what_changed_report(project: Path, built: Path) -> None:
    edit(
        project / "content" / "modules" / "intro.md",
        "Calm rooms help everyone",
        "Quiet rooms help everyone",
    )
    edit(
        project / "content" / "tables" / "approaches.yaml",
        "    competent: Weekly case review",
        "    competent: Fortnightly case review",
    )
    output = cli("build", "-p", str(project))
    report = (built / "CHANGES.md").read_text()
    assert "## All staff" in report and "## Clinical providers" in report
    assert "key point edited: 'Calm rooms help everyone' -> 'Quiet rooms help everyone'" in report
    staff, clinical = report.split("## Clinical providers")
    assert "row 'Supervision' edited" in clinical and "Supervision" not in staff  # a clinical row
    assert "`clinical/safe-rooms-clinical-poster.pdf`" in clinical
    assert "key point edited" in output


def test_clean_removes_only_what_was_built(project: Path, built: Path) -> None:
    mine = built / "my-notes.txt"
    mine.write_text("keep me")
    output = cli("clean", "-p", str(project))
    assert f"Removed {output_count(project)} outputs built by materials-gen" in output
    assert output.rstrip().endswith(", and its build manifest.")
    assert mine.read_text() == "keep me"
    assert sorted(p.name for p in built.rglob("*")) == ["my-notes.txt"]
    assert "Nothing to clean" in cli("clean", "-p", str(project))


def _heavy_imports_of_a_no_op(project: Path) -> list[str]:
    code = (
        "import sys\n"
        "from materials_gen.cli import main\n"
        f"try:\n    main(['build', '-p', {str(project)!r}, '-j', '1'])\n"
        "except SystemExit:\n    pass\n"
        "heavy = ('reportlab', 'pptx', 'pydantic', 'jinja2', 'markdown_it')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "Nothing to rebuild" in result.stdout
    return result.stdout.strip().splitlines()[-1]


def test_a_no_op_rebuild_imports_neither_reportlab_nor_pptx(project: Path, built: Path) -> None:
    assert _heavy_imports_of_a_no_op(project) == "[]"


@pytest.mark.slow  # the kit built first
def test_a_no_op_rebuild_of_the_kit_loads_no_model(tmp_path: Path) -> None:
    """The kit's course.yaml, a key after a text over several lines: reading it to find the
    output folder loaded every model (pydantic) to know the settings' names, a no-op that
    took three times as long."""
    project = kit_copy(tmp_path)
    cli("build", "-p", str(project), "-j", "1", "-q")
    assert _heavy_imports_of_a_no_op(project) == "[]"


def test_watch_rebuilds_on_save_and_stops_cleanly(project: Path) -> None:
    handout = project / "output" / "all-staff" / "safe-rooms-all-staff-handout.pdf"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "materials_gen",
            "watch",
            "-p",
            str(project),
            "--only",
            "handout",
            "-a",
            "all-staff",
            "--debounce",
            "100",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while not handout.is_file() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert handout.is_file(), "the first build did not happen"
        first = handout.stat().st_mtime_ns
        time.sleep(0.5)
        edit(
            project / "content" / "modules" / "intro.md",
            "Calm rooms help everyone",
            "Quiet rooms help everyone",
        )
        while handout.stat().st_mtime_ns == first and time.monotonic() < deadline:
            time.sleep(0.1)
        assert handout.stat().st_mtime_ns != first, "the edit was not rebuilt"
        edit(project / "content" / "modules" / "intro.md", "key_points:", "key_pionts:")
        time.sleep(1.5)
        assert handout.is_file()  # the last good output stays through a mistake
    finally:
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=20)
    assert process.returncode == 0, output
    assert "because content/modules/intro.md changed" in output
    assert "unknown key 'key_pionts'" in output
    assert "Stopped watching." in output
    assert "Traceback" not in output


def test_a_build_stopped_by_sigterm_says_so_in_json_and_leaves_no_lock(tmp_path: Path) -> None:
    """A CI job's timeout (SIGTERM) ended a --json build with nothing on standard output and
    its output folder's lock left behind. It stops as Ctrl-C stops it: one JSON document,
    status 130, the lock gone, the folder as the last complete build left it."""
    from .conftest import kit_copy

    project = kit_copy(tmp_path)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "materials_gen", "build", "--force", "--json"]
    process = subprocess.Popen(
        [*command, "-p", str(project), "-o", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not (out / ".materials-gen.lock").exists() and time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        time.sleep(0.02)
    process.send_signal(signal.SIGTERM)
    said, err = process.communicate(timeout=60)
    assert process.returncode == 130, (said, err)
    data = json.loads(said)
    assert data["ok"] is False and data["outcome"] == "interrupted", data
    assert not (out / ".materials-gen.lock").exists()
    assert not list(out.rglob("*.pdf")) and "Traceback" not in err


def test_a_template_edited_within_the_clocks_tick_is_rebuilt_in_a_loaded_process(
    project: Path, tmp_path: Path
) -> None:
    """watch and preview keep templates compiled between builds, and took one whose time
    had not changed for unchanged: an edit within the clock's tick (FAT and network drives
    keep two seconds), or a copy keeping the time, left the old text in the handout, and
    its record said it was up to date."""
    import os
    import shutil

    from pypdf import PdfReader

    from materials_gen.build import BuildOptions, build

    templates = project / "templates"
    templates.mkdir(exist_ok=True)
    template = templates / "handout.md.j2"
    shutil.copy(REPO / "templates" / "handout.md.j2", template)
    options = BuildOptions(output=tmp_path / "out", kinds=("handout",), audiences=("clinical",))
    build(project, options)
    before = os.stat(template)
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace('_("About this course")', '"PROBE HEADING"'), "utf-8")
    os.utime(template, ns=(before.st_atime_ns, before.st_mtime_ns))
    (made,) = build(project, options).built
    printed = " ".join(page.extract_text() for page in PdfReader(made.path).pages)
    assert "PROBE HEADING" in printed


def test_a_build_that_cannot_start_workers_renders_everything_itself(
    project: Path, tmp_path: Path, monkeypatch
) -> None:
    """No process to be had (the system's limit on processes, or on open files, reached):
    the build makes every file in its own process, the same bytes, and says nothing odd."""
    from materials_gen import workers

    def no_fork() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    serial = build(project, BuildOptions(output=tmp_path / "serial"), jobs=1)
    _as_in_a_fresh_process(monkeypatch)
    monkeypatch.setattr(workers.os, "fork", no_fork)
    alone = build(project, BuildOptions(output=tmp_path / "alone"), jobs=2)
    assert len(alone.built) == len(serial.built) == output_count(project)
    for one, two in zip(serial.built, alone.built, strict=True):
        assert one.path.read_bytes() == two.path.read_bytes()


@pytest.mark.parametrize("fresh", [False, True], ids=["loaded", "fresh-process"])
def test_a_build_stopped_while_its_workers_draw_does_not_wait_for_them(
    project: Path, tmp_path: Path, monkeypatch, fresh: bool
) -> None:
    """Ctrl-C reaching the build alone ('kill -INT', an editor's stop button) while a worker
    draws a long handout: the build stops at once, its workers with it."""
    from materials_gen import build as building
    from materials_gen.render import handout

    if fresh:
        _as_in_a_fresh_process(monkeypatch)
    monkeypatch.setattr(handout, "render", lambda *args: time.sleep(60))  # the workers' too
    made = building.make_jobs

    def interrupted(group, *args, **kwargs):
        if group[0].audience.id != "all-staff":  # the second audience's turn
            raise KeyboardInterrupt
        return made(group, *args, **kwargs)

    monkeypatch.setattr(building, "make_jobs", interrupted)
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        build(project, BuildOptions(output=tmp_path / "out"), jobs=2)
    assert time.monotonic() - started < 20
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.pdf"))


def test_a_worker_killed_mid_build_is_told_once_and_nothing_is_written(
    project: Path, tmp_path: Path, monkeypatch
) -> None:
    """A worker ended from outside (the system short of memory, say): one message saying so
    and what to do, not one per output blaming its template; no file written."""
    from materials_gen.render import handout
    from materials_gen.rendering import WORKER_LOST

    monkeypatch.setattr(handout, "render", lambda *args: os.kill(os.getpid(), signal.SIGKILL))
    out = tmp_path / "out"
    with pytest.raises(OutputError) as stopped:
        build(project, BuildOptions(output=out), jobs=2)
    assert list(stopped.value.problems) == [WORKER_LOST]
    assert "--jobs 1" in WORKER_LOST.hint and "memory" in WORKER_LOST.message
    assert not out.exists() or not any(out.rglob("*.p*"))


@pytest.mark.parametrize("sent", ["SIGINT", "SIGTERM", "SIGHUP"])
def test_ctrl_c_while_the_renderers_load_is_told_after_they_have(tmp_path: Path, sent: str) -> None:
    """The preview loads the renderers between builds while its server thread runs. Ctrl-C
    then was taken by that thread, and Python raised it in the main thread inside a
    compiled module's start-up (pikepdf's), which aborted the process ("critical error"):
    the loading now finishes, and the interrupt is told after it, as Ctrl-C always is. So
    too a kill (SIGTERM) or the terminal window closed (SIGHUP), which the command's own
    handler makes an interrupt: a SIGHUP aborted a preview so (seen under a loaded CI)."""
    script = tmp_path / "held.py"
    script.write_text(
        "import os, signal, threading, time\n"
        "from materials_gen.cli import _stopped_by_sigterm\n"
        "from materials_gen.warmup import _interrupt_held\n"
        "threading.Thread(target=time.sleep, args=(5,), daemon=True).start()  # a server\n"
        "done = False\n"
        "try:\n"
        "  with _stopped_by_sigterm():\n"
        "    with _interrupt_held():\n"
        f"        threading.Timer(0.2, os.kill, (os.getpid(), signal.{sent})).start()\n"
        "        end = time.monotonic() + 1.5\n"
        "        while time.monotonic() < end:  # a module's start-up, in Python here\n"
        "            sum(range(1000))\n"
        "        done = True\n"
        "except KeyboardInterrupt:\n"
        "    print('interrupted after' if done else 'interrupted inside')\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "interrupted after", result.stdout + result.stderr


def test_a_save_while_a_build_reads_the_content_is_built_next_time(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A module saved while a build ran, after the build had read it: the build recorded
    the file as saved (its hash taken later), though it printed the text before; every
    later build found the outputs up to date, and the handout kept the old text. The
    hashes are taken before the build reads the files, so the next build makes it again."""
    from pypdf import PdfReader

    import materials_gen.build

    options = BuildOptions(output=tmp_path / "out", audiences=("all-staff",), kinds=("handout",))
    build(project, options)
    intro = project / "content" / "modules" / "intro.md"
    edit(intro, "Calm rooms help everyone", "Quiet rooms help everyone")
    real = materials_gen.build.checked_project

    def saved_meanwhile(*args: object, **kwargs: object) -> object:
        found = real(*args, **kwargs)  # the build has read the module...
        edit(intro, "Quiet rooms help everyone", "Bright rooms help everyone")  # ...then a save
        return found

    monkeypatch.setattr(materials_gen.build, "checked_project", saved_meanwhile)
    build(project, options)
    monkeypatch.setattr(materials_gen.build, "checked_project", real)
    args = ["build", "-p", str(project), "-o", str(tmp_path / "out"), "-a", "all-staff"]
    result = CliRunner().invoke(main, [*args, "--only", "handout"])
    assert result.exit_code == 0, result.output
    assert "Nothing to rebuild" not in result.output and "Built 1 file" in result.output
    (handout,) = (tmp_path / "out").rglob("*handout.pdf")
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(handout).pages)
    assert "Bright rooms help everyone" in text


def test_an_edit_templates_only_the_outputs_whose_values_it_changed(
    project: Path, built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A key point edited, twice in a row: the outputs that do not show key points (the
    guide, the forms, the sign-in sheet, the poster) are kept without their templates
    being run at all, the second time too (their records moved on the first); those that
    show them are made again, exactly as a fresh build makes them."""
    import materials_gen.templating as templating

    rendered: list[str] = []
    original = templating.render_template

    def counted(root: Path, name: str, variables: dict) -> str:
        rendered.append(name)
        return original(root, name, variables)

    monkeypatch.setattr(templating, "render_template", counted)
    intro = project / "content" / "modules" / "intro.md"
    for old, new in [("Calm rooms help everyone", "Calm rooms help"), ("help", "help us")]:
        before = files(built)
        edit(intro, old, new)
        rendered.clear()
        cli("build", "-p", str(project), "-j", "1")
        assert set(rendered) == {"deck.md.j2", "handout.md.j2"}
        remade = moved(before, files(built))
        shown = ("-deck.pptx", "-handout.pdf", "-slides.pdf", "-notes-pages.pdf")
        assert remade == {n for n in files(built) if n.endswith(shown)}
        assert len(remade) == 8  # both audiences' four
    fresh = project / "fresh"
    cli("build", "-p", str(project), "-o", str(fresh), "--force", "-j", "1")
    assert {n: b for n, (_, b) in files(built).items()} == {
        n: b for n, (_, b) in files(fresh).items()
    }


@pytest.mark.parametrize("linked", ["picture", "folder", "template"])
def test_a_link_turned_to_another_file_of_the_project_rebuilds_what_shows_it(
    project: Path, linked: str
) -> None:
    """A picture, a folder of pictures or a template reached through a link inside the
    project, the link then turned to another file (or folder) of the project: no file's
    bytes changed, yet the outputs that show it are what the other file makes, exactly as
    a fresh build makes them (a rebuild found everything up to date, and left them
    stale)."""
    from PIL import Image

    content = project / "content"
    if linked == "template":
        templates = project / "templates"
        templates.mkdir(exist_ok=True)
        poster = (REPO / "templates" / "poster.md.j2").read_text(encoding="utf-8")
        (templates / "poster-a.md.j2").write_text(poster, encoding="utf-8")
        headline = "headline: {{ (course.poster.headline or course.title) | json }}"
        assert headline in poster
        other = poster.replace(headline, 'headline: "Safe rooms for everyone"')
        (templates / "poster-b.md.j2").write_text(other, encoding="utf-8")
        link, first, second = templates / "poster.md.j2", "poster-a.md.j2", "poster-b.md.j2"
    else:
        for folder, colour in (("v1", "red"), ("v2", "blue")):
            (content / folder).mkdir()
            for name in ("a.png", "b.png"):
                shade = colour if name == "a.png" else "green"
                Image.new("RGB", (40, 30), shade).save(content / folder / name)
        edit(content / "modules" / "intro.md", "\n---\n", "\n---\n\n![A door](shots/a.png)\n")
        if linked == "picture":
            (content / "shots").mkdir()
            link, first, second = content / "shots" / "a.png", "../v1/a.png", "../v1/b.png"
        else:
            link, first, second = content / "shots", "v1", "v2"
    link.symlink_to(first)
    cli("build", "-p", str(project), "-j", "1")
    before = files(project / "output")
    link.unlink()
    link.symlink_to(second)
    output = cli("build", "-p", str(project), "-j", "1")
    assert "Nothing to rebuild" not in output
    remade = moved(before, files(project / "output"))
    assert remade and all(("poster" in n) == (linked == "template") for n in remade)
    fresh = project / "fresh"
    cli("build", "-p", str(project), "-o", str(fresh), "--force", "-j", "1")
    assert {n: b for n, (_, b) in files(project / "output").items()} == {
        n: b for n, (_, b) in files(fresh).items()
    }


COURSE, INTRO = Path("content/course.yaml"), Path("content/modules/intro.md")


@pytest.mark.parametrize(
    ("template", "line", "file", "old", "new"),
    [
        # a setting that is an input of its own, which the output is not made with
        ("sign-in.md.j2", "Doors open at {{ settings.start }}.", COURSE, "  session:\n",
         "  session:\n    start: '10:00'\n"),
        ("handout.md.j2", "Slides: {{ course.settings.deck.aspect }}.", COURSE, "settings:\n",
         "settings:\n  deck:\n    aspect: '4:3'\n"),
        ("deck.md.j2", "Paper: {{ course.settings.paper }}.", COURSE, "paper: a4", "paper: letter"),
        # a module written out whole, deep in lists (read as text, not field by field)
        ("sign-in.md.j2", "{{ ([[[[course.modules[0]]]]] | string)[:300] }}", INTRO,
         "Welcome to safe rooms", "Welcome"),
    ],
)  # fmt: skip
def test_a_template_that_prints_what_another_input_also_sets_is_made_again(
    project: Path, template: str, line: str, file: Path, old: str, new: str
) -> None:
    """A template of the project's printing a setting that is an input of its own (the
    session's start, the deck's aspect, the paper) in an output that is not made with that
    input, or a record written out whole: the setting, or the module's title, changed in
    the content: the output was kept unrendered, stale, as only the content had moved and
    no value its template was known to read had."""
    templates = project / "templates"
    templates.mkdir(exist_ok=True)
    text = (REPO / "templates" / template).read_text(encoding="utf-8")
    heading = next(t for t in text.splitlines() if t.startswith("# "))
    (templates / template).write_text(text.replace(heading, f"{heading}\n\n{line}\n", 1), "utf-8")
    cli("build", "-p", str(project), "-j", "1")
    edit(project / file, old, new)
    before = files(project / "output")
    cli("build", "-p", str(project), "-j", "1")
    made = moved(before, files(project / "output"))
    kind = template.removesuffix(".md.j2")
    assert any(n.endswith((f"-{kind}.pdf", f"-{kind}.pptx")) for n in made), made
    fresh = project / "fresh"
    cli("build", "-p", str(project), "-o", str(fresh), "--force", "-j", "1")
    assert {n: b for n, (_, b) in files(project / "output").items()} == {
        n: b for n, (_, b) in files(fresh).items()
    }


def test_a_build_with_its_manifest_gone_rewrites_only_what_comes_out_otherwise(
    project: Path, built: Path
) -> None:
    """With the output folder's manifest deleted, a build rewrote every file, each "made"
    with no reason given, though each came out byte for byte as before. It compares with
    the files there: the same are not written again, and one made otherwise says why."""
    before = files(built)
    (built / ".materials-gen.json").unlink()
    output = cli("build", "-p", str(project))
    total = output_count(project)
    assert f"{total} files up to date in " in output and "none written again" in output, output
    assert files(built) == before  # the same bytes and times
    (built / ".materials-gen.json").unlink()
    edit(project / "content" / "modules" / "intro.md", "Rooms shape how", "Rooms always shape how")
    output = cli("build", "-p", str(project))
    assert "made " in output and "because no record says how the file there was made" in output
    made = [line for line in output.splitlines() if line.startswith("  made ")]
    reasons = [line for line in output.splitlines() if line.strip().startswith("because ")]
    assert made and len(reasons) == len(made), output
