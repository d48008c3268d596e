"""The watchdog: a template stuck in one step of Python's own C code, which neither the time
limit's alarm nor Ctrl-C interrupts, still ends (see materials_gen/watchdog.py).

Each case runs in a process of its own, which the watchdog ends as it would a build."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from .conftest import PROJECTS, alive

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the watchdog forks")

# a single step of C code, hours long, that checks for no signal
ENDLESS = "sum(range(10**15))"


def _run(script: str, **kwargs) -> tuple[subprocess.CompletedProcess[str], float]:
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        capture_output=True,
        text=True,
        timeout=60,
        **kwargs,
    )
    return done, time.monotonic() - start


def test_a_step_no_alarm_interrupts_ends_the_build_with_its_template_named(
    tmp_path: Path,
) -> None:
    """A template in one C step for hours (a comparison of long lists, a sort) was never
    stopped by its 5-second limit: the build ran on at full speed until killed by hand."""
    import shutil

    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    done, took = _run_build(project)
    assert took < 20, took
    assert done.returncode == -signal.SIGKILL, done
    assert "handout.md.j2: error: the template was still running" in done.stderr, done.stderr
    assert "no file was written or changed" in done.stderr
    output = project / "output"
    assert not [p for p in output.rglob("*") if p.suffix in (".pdf", ".pptx")]
    # nothing it left behind (the folder's lock, a half-made file) stops the next build
    from click.testing import CliRunner

    from materials_gen.cli import main

    again = CliRunner().invoke(main, ["build", "-p", str(project), "--only", "handout", "-j", "1"])
    assert again.exit_code == 0, again.output
    assert len([p for p in output.rglob("*.pdf")]) == 2


def _run_build(project: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    script = f"""
        import sys
        from materials_gen import templating, watchdog
        from materials_gen.cli import main

        templating.SECONDS = 0.5
        watchdog.GRACE = 0.5
        def endless(template, context):
            return str({ENDLESS})
        templating._generate = endless
        main(["build", "-p", {str(project)!r}, "--only", "handout", "-j", "1"])
        """
    return _run(script)


def test_ctrl_c_ends_a_step_it_cannot_interrupt(tmp_path: Path) -> None:
    """Ctrl-C during such a step was ignored until the step ended (hours)."""
    script = f"""
        import sys
        from materials_gen import watchdog
        watchdog.GRACE = 1000.0
        with watchdog.watched("templates/deck.md.j2", 1000.0):
            print("in", flush=True)
            {ENDLESS}
        print("finished", flush=True)
        """
    process = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(script)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert process.stdout is not None and process.stdout.readline() == "in\n"
    time.sleep(0.3)
    start = time.monotonic()
    os.killpg(process.pid, signal.SIGINT)  # as the terminal sends it, to the whole group
    out, err = process.communicate(timeout=30)
    assert time.monotonic() - start < 10
    assert process.returncode == -signal.SIGKILL
    assert "finished" not in out
    assert "Stopped: the template templates/deck.md.j2" in err and "no file was written" in err


def test_a_template_that_ends_in_time_is_left_alone_and_the_watchdog_leaves_with_it() -> None:
    script = """
        import time
        from materials_gen import watchdog
        watchdog.GRACE = 0.2
        for _ in range(3):
            with watchdog.watched("templates/deck.md.j2", 0.2):
                time.sleep(0.05)
        time.sleep(1.0)  # long past the limit of each: nothing rings
        print(watchdog._WATCH.child, flush=True)
        """
    done, _ = _run(script)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    child = int(done.stdout.split()[-1])
    for _ in range(50):  # gone once its parent is (it sees the pipe close)
        if not alive(child):
            break
        time.sleep(0.1)
    assert not alive(child)
