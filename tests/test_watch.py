"""`materials-gen watch` as a trainer runs it in a terminal: Ctrl-C stops it quietly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import edit

pytestmark = pytest.mark.skipif(os.name != "posix", reason="Ctrl-C is sent as SIGINT")


def _watch(project: Path, out: Path, *args: str) -> subprocess.Popen[str]:
    """The installed command in a session of its own, so that Ctrl-C can reach it and its
    workers as a terminal sends it (to the whole foreground group) and nothing else."""
    return subprocess.Popen(
        [sys.executable, "-m", "materials_gen", "watch", "-p", str(project), "-o", str(out)]
        + ["--only", "poster", "-a", "all-staff", "--debounce", "100", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def _ctrl_c(process: subprocess.Popen[str]) -> tuple[str, str]:
    os.killpg(process.pid, signal.SIGINT)
    try:
        return process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()


def _quiet(out: str, err: str) -> None:
    for noise in ("Traceback", "KeyboardInterrupt", "Aborted!", "stopping watch"):
        assert noise not in out + err, out + err
    assert out.rstrip().endswith("Stopped watching.")


def test_ctrl_c_while_watching_stops_quietly_with_status_0(project: Path, tmp_path: Path) -> None:
    poster = tmp_path / "out" / "all-staff" / "safe-rooms-all-staff-poster.pdf"
    process = _watch(project, tmp_path / "out")
    deadline = time.monotonic() + 30
    while not poster.is_file() and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    assert poster.is_file(), "the first build did not happen"
    time.sleep(0.3)  # waiting for saves
    out, err = _ctrl_c(process)
    assert process.returncode == 0, out + err
    _quiet(out, err)
    assert "Built 1 file" in out and "build under way" not in out


def test_ctrl_c_during_a_build_stops_quietly_with_status_0(project: Path, tmp_path: Path) -> None:
    process = _watch(project, tmp_path / "out", "-j", "2")
    assert process.stdout is not None
    assert process.stdout.readline().startswith("Watching ")  # the first build starts now
    out, err = _ctrl_c(process)
    assert process.returncode == 0, out + err
    _quiet(out, err)
    if "Built " not in out:  # stopped before it was done (nearly always)
        assert "The build under way was stopped: every file in the output folder" in out
    for made in (tmp_path / "out").rglob("*.pdf"):  # none, or whole: never half-written
        assert made.read_bytes().rstrip().endswith(b"%%EOF")


@pytest.mark.parametrize("stop", ["SIGTERM", "SIGHUP"])
def test_a_watch_stopped_once_its_build_is_done_says_no_build_was_stopped(
    project: Path, tmp_path: Path, stop: str
) -> None:
    """Stopped as soon as it printed the build's outcome (while it loads what the next
    build needs), the watch said "The build under way was stopped", of a build that was
    done; and a ``kill`` or the terminal closed (SIGHUP, unhandled) ended it at once."""
    process = _watch(project, tmp_path / "out", "-j", "2")
    assert process.stdout is not None
    lines = []
    while not (lines and lines[-1].startswith("Built ")) and process.poll() is None:
        lines.append(process.stdout.readline())
    os.killpg(process.pid, getattr(signal, stop))
    try:
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, out + err
    _quiet(out, err)
    assert "build under way" not in out


# ------------------------------------------------------------------ build's options

ONE_BUILD = {"force", "strict", "as_json"}  # build's options for one build only
HOW_IT_PRINTS = {"colour", "quiet", "verbose"}


def _option_names(command: str) -> set[str]:
    from materials_gen.cli import main

    return {p.name for p in main.commands[command].params if p.name}


def test_watch_and_preview_take_builds_options() -> None:
    build = _option_names("build")
    assert build - ONE_BUILD <= _option_names("watch")
    assert build - ONE_BUILD - HOW_IT_PRINTS <= _option_names("preview")


def test_watch_builds_what_build_builds_with_the_same_options(
    project: Path, tmp_path: Path
) -> None:
    from click.testing import CliRunner

    from materials_gen.cli import main

    options = ["--only", "handout", "-a", "clinical", "--paper", "letter", "--large-print"]
    options += ["--print", "bw", "--start", "13:30"]
    watched = tmp_path / "watched"
    process = subprocess.Popen(
        [sys.executable, "-m", "materials_gen", "watch", "-p", str(project), "-o", str(watched)]
        + [*options, "-q"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert process.stdout is not None
    first = process.stdout.readline()  # quiet: the build's final line only
    out, err = _ctrl_c(process)
    assert process.returncode == 0, first + out + err
    assert first.startswith("Built 1 file and wrote it into"), first + out + err
    assert out == "Stopped watching.\n"

    built = tmp_path / "built"
    result = CliRunner().invoke(
        main, ["build", "-p", str(project), "-o", str(built), *options], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    name = Path("clinical") / "safe-rooms-clinical-handout.pdf"
    made = sorted(p.relative_to(watched) for p in watched.rglob("*.pdf"))
    assert made == [name]
    assert (watched / name).read_bytes() == (built / name).read_bytes()


@pytest.mark.parametrize(
    ("command", "option", "said"),
    [
        ("watch", ("--only", "handuot"), "did you mean 'handout'?"),
        ("preview", ("--deck-template", "nope.pptx"), "--deck-template: 'nope.pptx' does not"),
    ],
)
def test_a_mistake_in_the_options_stops_at_once_with_status_2(
    project: Path, tmp_path: Path, command: str, option: tuple[str, str], said: str
) -> None:
    """No save can fix the command line: it stops as `build` does, instead of waiting."""
    process = subprocess.Popen(
        [sys.executable, "-m", "materials_gen", command, "-p", str(project)]
        + ["-o", str(tmp_path / "out"), *option],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        out, err = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        out, err = _ctrl_c(process)
        pytest.fail(f"{command} kept running after a mistake in its options:\n{out}{err}")
    assert process.returncode == 2, out + err
    assert said in err
    assert "Traceback" not in out + err


def test_a_ctrl_c_python_drops_during_a_build_still_stops_the_watch(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C landing where Python drops its KeyboardInterrupt (a callback as a module
    finishes importing) let the build finish and the watch go on watching: now the watch
    stops once the build is over, quietly."""
    from click.testing import CliRunner

    from materials_gen import build as building
    from materials_gen.cli import main
    from materials_gen.errors import ContentError

    def build(*args: object, **kwargs: object) -> object:
        try:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.1)
        except KeyboardInterrupt:
            pass  # dropped, as Python drops it in some places
        raise ContentError([])

    def watched_on(*args: object, **kwargs: object) -> object:
        raise AssertionError("the watch went on watching after Ctrl-C")

    import watchfiles

    monkeypatch.setattr(building, "build", build)
    monkeypatch.setattr(watchfiles, "watch", watched_on)
    before = signal.getsignal(signal.SIGINT)  # as this test process has it, whatever ran before
    result = CliRunner().invoke(main, ["watch", "-p", str(project), "-o", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    assert result.output.rstrip().endswith("Stopped watching.")
    assert signal.getsignal(signal.SIGINT) is before  # the watch put back the handler it found


def test_a_linked_folder_is_not_watched_and_saves_still_rebuild(
    project: Path, tmp_path: Path
) -> None:
    """A shared project's content/ holding a link to /proc: the watch followed it, watched
    all of it and ended with a PermissionError traceback. The link is named and left out,
    and a save in the real folders still rebuilds."""
    from materials_gen.project import watched_folders

    (project / "content" / "p").symlink_to("/proc")
    folders, recursive, links = watched_folders(project)
    assert not recursive and links == [project / "content" / "p"]
    assert all(not f.is_symlink() and "proc" not in f.parts for f in folders)
    poster = tmp_path / "out" / "all-staff" / "safe-rooms-all-staff-poster.pdf"
    process = _watch(project, tmp_path / "out")
    deadline = time.monotonic() + 30
    while not poster.is_file() and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    assert poster.is_file(), "the first build did not happen"
    first = poster.stat().st_mtime_ns
    time.sleep(0.5)
    course = project / "content" / "course.yaml"
    course.write_text(course.read_text(encoding="utf-8").replace("2.1", "2.2"), "utf-8")
    while poster.stat().st_mtime_ns == first and time.monotonic() < deadline + 30:
        time.sleep(0.05)
        assert process.poll() is None, process.communicate()
    out, err = _ctrl_c(process)
    _quiet(out, err)
    assert "Not followed: " in out and "content/p is a link to a folder" in out
    assert poster.stat().st_mtime_ns != first


def _until(done, process: subprocess.Popen[str], seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while not done() and time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        time.sleep(0.05)
    return bool(done())


def test_a_fixed_roster_is_rebuilt_from_as_the_message_says(project: Path, tmp_path: Path) -> None:
    """ "Save a fix to rebuild", said of a roster's mistake: saving the fixed roster rebuilt
    nothing (only content/ and templates/ were watched), nor did saving the deck template
    given with --deck-template. Files named on the command line are followed too."""
    roster = tmp_path / "people.csv"
    roster.write_text("name,audience\nAda Lovelace,clinicians\n", encoding="utf-8")
    sheet = tmp_path / "out" / "all-staff" / "safe-rooms-all-staff-sign-in.pdf"
    process = _watch(project, tmp_path / "out", "--only", "sign-in", "--roster", str(roster))
    assert _until(lambda: process.stdout is not None, process)
    time.sleep(3)  # the first build fails on the roster, and the watch begins
    assert not sheet.exists()
    roster.write_text("name,audience\nAda Lovelace,all-staff\n", encoding="utf-8")
    built = _until(sheet.is_file, process)
    out, err = _ctrl_c(process)
    _quiet(out, err)
    assert "unknown audience 'clinicians'" in out + err
    assert built, out + err
    assert "Changed: " in out and "people.csv" in out


def test_a_content_folder_put_back_in_its_place_is_still_watched(
    project: Path, tmp_path: Path
) -> None:
    """Restoring content/ from a copy (deleted, then copied back) while watching: that
    build happened, and every later save was never seen (the watch was on the deleted
    folder). The watch starts again on the folder now in its place."""
    import shutil

    backup = tmp_path / "backup"
    shutil.copytree(project / "content", backup)
    poster = tmp_path / "out" / "all-staff" / "safe-rooms-all-staff-poster.pdf"
    process = _watch(project, tmp_path / "out")
    assert _until(poster.is_file, process), "the first build did not happen"
    first = poster.stat().st_mtime_ns
    time.sleep(0.5)
    shutil.rmtree(project / "content")
    shutil.copytree(backup, project / "content")
    time.sleep(3)  # the watch sees the folder replaced, and starts again on the new one
    course = project / "content" / "course.yaml"
    course.write_text(course.read_text(encoding="utf-8").replace("2.1", "2.2"), "utf-8")
    changed = _until(lambda: poster.stat().st_mtime_ns != first, process)
    out, err = _ctrl_c(process)
    _quiet(out, err)
    assert changed, out + err


@pytest.mark.parametrize("command", ["watch", "preview"])
def test_a_save_during_the_first_build_is_built_too(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """The watcher starts once the first build is over: a save made while that build ran
    was never seen, and the outputs it had just called up to date were the old ones."""
    import watchfiles
    from click.testing import CliRunner
    from pypdf import PdfReader

    import materials_gen.build
    import materials_gen.serve
    from materials_gen.cli import main

    module = project / "content" / "modules" / "intro.md"
    real, calls = materials_gen.build.build, []

    def saving_meanwhile(*args: object, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) == 1:  # the trainer saves while the first build runs
            text = module.read_text(encoding="utf-8")
            module.write_text(text + "\nSaved while building.\n", encoding="utf-8")
        return real(*args, **kwargs)

    monkeypatch.setattr(materials_gen.build, "build", saving_meanwhile)
    monkeypatch.setattr(watchfiles, "watch", lambda *a, **k: iter(()))  # then nothing more
    out = tmp_path / "out"
    args = [command, "-p", str(project), "-o", str(out), "--only", "handout", "-a", "clinical"]
    if command == "preview":
        args += ["--port", "0"]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert len(calls) == 2, result.output
    assert "intro.md" in result.output
    (handout,) = out.rglob("*handout.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(handout).pages)
    assert "Saved while building." in " ".join(text.split())


@pytest.mark.parametrize(
    ("command", "option", "said"),
    [
        ("watch", ("--only", "handuot"), "there is no output 'handuot'"),
        ("preview", ("--only", "handuot"), "there is no output 'handuot'"),
        ("watch", ("-a", "clinicl"), "there is no audience 'clinicl'"),
        ("preview", ("-a", "clinicl"), "there is no audience 'clinicl'"),
        ("preview", ("-l", "xx"), "the course is not built in 'xx'"),
        ("watch", ("--start", "25:00"), "--start: '25:00' is not a time of day"),
        ("preview", ("--start", "9h"), "--start: '9h' is not a time of day"),
        ("watch", ("--tile", "postcard"), "--tile: 'postcard' is not a paper size"),
        ("preview", ("--bleed", "lots"), "--bleed"),
    ],
)
def test_a_name_the_project_lacks_is_refused_before_watching_starts(
    project: Path, tmp_path: Path, command: str, option: tuple[str, str], said: str
) -> None:
    """An output, audience or language named that the project does not have is told first,
    not after "Watching ..." or "Preview at ..." as if the watch had begun."""
    done = subprocess.run(
        [sys.executable, "-m", "materials_gen", command, "-p", str(project)]
        + ["-o", str(tmp_path / "out"), *option],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2, done.stdout + done.stderr
    assert said in done.stderr
    assert done.stdout == "", done.stdout
    assert not (tmp_path / "out").exists()


def test_a_name_holding_a_terminal_control_sequence_is_shown_escaped(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A shared project's folder named with "ESC]0;...BEL ESC[2J" set the terminal's title
    and cleared its screen when watch and preview named it ("Not followed: ..."); every line
    the commands print shows such characters escaped."""
    from materials_gen.console import Terminal

    Terminal(colour=False).say("Not followed: content/r\x1b]0;PWNED\x07\x1b[2J is a link")
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "content/r\\x1b]0;PWNED\\x07\\x1b[2J is a link" in out


def _watch_into(said: Path, project: Path, out: Path, kind: str) -> subprocess.Popen[str]:
    """A watch of one output for all staff, what it prints written to ``said`` as it goes
    (read while it runs; a pipe is read only at the end)."""
    with said.open("w") as printed:
        return subprocess.Popen(
            [sys.executable, "-m", "materials_gen", "watch", "-p", str(project), "-o", str(out)]
            + ["--only", kind, "-a", "all-staff", "--debounce", "100", "-j", "1"],
            stdout=printed,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )


def _picture(path: Path, colour: str) -> None:
    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (40, 30), colour).save(path, format="PNG" if path.suffix == ".png" else "JPEG")


def test_every_file_the_build_reads_is_followed(project: Path, tmp_path: Path) -> None:
    """Saves the watch never heard, so the outputs kept the old picture or text: a camera's
    IMG_0042.JPG replaced (only lower-case names were followed), a file a template includes
    whatever its name (_note.txt), and a picture kept elsewhere in the project
    (shared/logo.png). Each rebuilds, named as changed."""
    from materials_gen.manifest import file_hash

    from .conftest import REPO

    _picture(project / "content" / "images" / "IMG_0042.JPG", "red")
    _picture(project / "shared" / "logo.png", "blue")
    intro = project / "content" / "modules" / "intro.md"
    intro.write_text(
        intro.read_text(encoding="utf-8")
        + "\n![A door](images/IMG_0042.JPG)\n\n![Our logo](../../shared/logo.png)\n",
        encoding="utf-8",
    )
    template = (REPO / "templates" / "handout.md.j2").read_text(encoding="utf-8")
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates" / "handout.md.j2").write_text(
        template + '\n{% include "_note.txt" %}\n', encoding="utf-8"
    )
    (project / "templates" / "_note.txt").write_text("A note, version one.\n", encoding="utf-8")
    out = tmp_path / "out"
    handout = out / "all-staff" / "safe-rooms-all-staff-handout.pdf"
    said = tmp_path / "said.txt"
    process = _watch_into(said, project, out, "handout")
    assert _until(handout.is_file, process), "the first build did not happen"
    saves = [
        (project / "content" / "images" / "IMG_0042.JPG", lambda p: _picture(p, "green")),
        (project / "templates" / "_note.txt", lambda p: p.write_text("A note, version TWO.\n")),
        (project / "shared" / "logo.png", lambda p: _picture(p, "yellow")),
    ]
    rebuilt = []
    for path, save in saves:
        time.sleep(1.5)
        before = file_hash(handout)
        save(path)
        rebuilt.append(_until(lambda before=before: file_hash(handout) != before, process, 30))
    # a picture elsewhere in the project named before it is there: the build stops, and
    # saving the picture where the content says builds again, as the message asks
    time.sleep(1.5)
    before = file_hash(handout)
    intro.write_text(
        intro.read_text(encoding="utf-8") + "\n![A map](../../shared/map.png)\n", "utf-8"
    )
    stopped = _until(lambda: "shared/map.png' not found" in said.read_text(), process, 30)
    time.sleep(1.5)
    _picture(project / "shared" / "map.png", "purple")
    rebuilt.append(_until(lambda: file_hash(handout) != before, process, 30))
    _ctrl_c(process)
    out_text = said.read_text(encoding="utf-8")
    _quiet(out_text, "")
    assert stopped, out_text
    assert rebuilt == [True, True, True, True], out_text
    for name in ("IMG_0042.JPG", "_note.txt", "logo.png", "map.png"):
        assert any(
            line.startswith("Changed: ") and name in line for line in out_text.splitlines()
        ), out_text


def test_a_save_no_event_told_of_is_found_by_looking(project: Path) -> None:
    """Files written into a folder copied in before the watcher follows it make no event:
    the Spanish labels of a templates/locale/es.po copied in were never built. The source
    folders are looked at again at each wake (every second at least), so such a save is
    found all the same."""
    import threading

    import watchfiles

    from materials_gen.project import saves

    (project / "templates").mkdir()
    stop = threading.Event()
    wakes = iter([set(), set(), set()])

    def quiet_watch(*args: object, **kwargs: object):
        # the watcher hears nothing; only its timeouts wake the loop
        locale = project / "templates" / "locale"
        locale.mkdir(parents=True)
        (locale / "es.po").write_text('msgid "Handout"\nmsgstr "Cuaderno"\n', encoding="utf-8")
        yield from wakes

    real = watchfiles.watch
    watchfiles.watch = quiet_watch
    try:
        batches = saves(project, stop=stop)
        first = next(batches)
    finally:
        watchfiles.watch = real
        stop.set()
    assert first == [str(project / "templates" / "locale" / "es.po")]


def test_a_save_while_another_build_writes_is_built_once_it_is_done(
    project: Path, tmp_path: Path
) -> None:
    """A save while another build (one started by hand) wrote to the output folder: the
    watch said "another build is writing... save a fix to rebuild", gave up, and the save
    was never built. It waits for the other build, then builds."""
    from materials_gen.manifest import Lock, file_hash

    out = tmp_path / "out"
    poster = out / "all-staff" / "safe-rooms-all-staff-poster.pdf"
    said = tmp_path / "said.txt"
    process = _watch_into(said, project, out, "poster")
    assert _until(poster.is_file, process), "the first build did not happen"
    time.sleep(1)
    before = file_hash(poster)
    other = Lock(out)  # another build, writing
    assert other.acquire()
    try:
        course = project / "content" / "course.yaml"
        course.write_text(course.read_text(encoding="utf-8").replace("2.1", "2.2"), "utf-8")
        assert _until(lambda: "writing to the output folder" in said.read_text(), process, 30)
        time.sleep(1)
        assert file_hash(poster) == before
    finally:
        other.release()
    rebuilt = _until(lambda: file_hash(poster) != before, process, 30)
    _ctrl_c(process)
    text = said.read_text(encoding="utf-8")
    _quiet(text, "")
    assert rebuilt, text
    assert "save a fix" not in text.lower()


def test_watch_outside_a_project_says_how_to_start_one(tmp_path: Path) -> None:
    """``watch`` in a folder that is no project said only "has no content/ or templates/
    folder to watch", where build, check and list say how to start one."""
    from click.testing import CliRunner

    from materials_gen.cli import main

    result = CliRunner().invoke(main, ["watch", "-p", str(tmp_path)])
    assert result.exit_code == 1, result.output
    assert "no course file" in result.output and "materials-gen init DIR" in result.output


def test_a_build_that_writes_nothing_does_not_say_built_0_files(project: Path) -> None:
    """A build that made its files to know, and found each as it was (watch after a save,
    --force), said "Built 0 files (16 unchanged)", which reads as a failure."""
    from click.testing import CliRunner

    from materials_gen.cli import main

    args = ["build", "-p", str(project), "--only", "handout", "-a", "clinical"]
    assert CliRunner().invoke(main, args).exit_code == 0
    result = CliRunner().invoke(main, [*args, "--force"])
    assert "1 file up to date in " in result.output and "none written again" in result.output
    assert "Built 0" not in result.output


def test_a_mistake_before_anything_was_built_says_nothing_is_kept(
    project: Path, tmp_path: Path
) -> None:
    """With a content error and no output folder, watch said "The last good outputs are
    kept", when no output had ever been built."""
    edit(project / "content" / "modules" / "intro.md", "key_points:", "key_pionts:")
    process = _watch(project, tmp_path / "out")
    time.sleep(4)  # the first build fails on the content, and the watch begins
    out, err = _ctrl_c(process)
    _quiet(out, err)
    assert "unknown key 'key_pionts'" in err, err
    assert "Nothing is built yet; save a fix to build." in out, out
    assert "last good outputs" not in out


def test_saves_closer_than_the_debounce_are_one_batch(project: Path) -> None:
    """Saves 150 ms apart were each a build of their own with --debounce 400 (the watch
    waited 50 ms for more saves, whatever --debounce said): they are one batch, built once
    the project has been quiet for that long."""
    import threading

    from materials_gen.project import saves

    stop = threading.Event()
    batches: list[list[str]] = []

    def listen() -> None:
        for batch in saves(project, debounce=400, stop=stop):
            batches.append(batch)

    listener = threading.Thread(target=listen)
    listener.start()
    try:
        time.sleep(1.0)  # the watch is started
        module = project / "content" / "modules" / "intro.md"
        text = module.read_text(encoding="utf-8")
        for n in range(4):
            module.write_text(text + f"\nSaved {n}.\n", encoding="utf-8")
            time.sleep(0.15)
        time.sleep(1.5)
    finally:
        stop.set()
        listener.join(timeout=10)
    assert len(batches) == 1, batches


def test_a_link_left_out_is_named_as_itself(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A link in content/modules to its own folder was named as where it leads: "Not
    followed: content/modules is a link to a folder", of a folder that is watched; the
    trainer could not find the link. It is named as the link itself."""
    from materials_gen.console import link_shown
    from materials_gen.project import watched_folders

    modules = project / "content" / "modules"
    (modules / "loop").symlink_to(".")
    (project / "content" / "elsewhere").mkdir()
    (modules / "linked").symlink_to("../elsewhere")
    monkeypatch.chdir(project)
    _, _, links = watched_folders(project)
    assert sorted(link_shown(link) for link in links) == [
        "content/modules/linked",
        "content/modules/loop",
    ]
