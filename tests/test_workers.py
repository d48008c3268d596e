"""The build's worker processes: forked from a first worker that prepared what they share,
given jobs over pipes, and gone when the build is done, killed or interrupted."""

from __future__ import annotations

import os
import signal
import sys
import time
from concurrent.futures import CancelledError
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from materials_gen.errors import ContentError, Location, Problem
from materials_gen.workers import Workers

from .conftest import alive

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")

PREPARED: dict[str, int] = {}


def _prepare(marks: str) -> None:
    """What the first worker prepares: noted in a file (one line each time it runs)."""
    PREPARED["by"] = os.getpid()
    with open(marks, "a", encoding="utf-8") as file:
        file.write(f"{os.getpid()}\n")


def _who(pause: float = 0.0) -> tuple[int, int, int | None]:
    time.sleep(pause)
    return os.getpid(), os.getppid(), PREPARED.get("by")


def _fails() -> None:
    raise ContentError([Problem(Location("content/modules/intro.md", 3), "too long", "cut")])


def _unpicklable() -> object:
    return lambda: None


def _killed() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _stops_serving() -> None:
    """As if Ctrl-C reached this worker alone (and not the others, nor the build)."""
    raise KeyboardInterrupt


class _Unrebuildable(Exception):
    """An error whose class cannot be made again from its arguments (as some libraries')."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.hint = hint


def _raises_unrebuildable() -> None:
    raise _Unrebuildable("too long", "cut it")


def _no_fork() -> None:
    def refused() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    os.fork = refused  # in the first worker only: it cannot fork the others


def _no_fork_after_a_while() -> None:
    time.sleep(0.5)  # the build has jobs for every worker by now
    _no_fork()


def _gone(pids: set[int], seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while any(alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not any(alive(p) for p in pids)


def test_the_first_worker_prepares_once_and_the_others_inherit_it(tmp_path: Path) -> None:
    marks = tmp_path / "prepared"
    workers = Workers(2, prepare=lambda: _prepare(str(marks)))
    try:
        seen = [f.result(timeout=60) for f in [workers.submit(_who, 0.3) for _ in range(6)]]
    finally:
        workers.shutdown()
    pids = {pid for pid, _, _ in seen}
    first = int(marks.read_text(encoding="utf-8").split()[0])
    assert marks.read_text(encoding="utf-8").split() == [str(first)]  # prepared once
    assert os.getpid() not in pids and pids == {first, *pids} and len(pids) == 2
    # every job saw what the first worker prepared; the second worker is its child
    assert {by for _, _, by in seen} == {first}
    assert {parent for pid, parent, _ in seen if pid != first} == {first}
    assert "by" not in PREPARED  # nothing of it in the build's own process
    assert _gone(pids)


def test_a_job_s_error_reaches_the_build_as_it_was_raised() -> None:
    workers = Workers(2)
    try:
        error = workers.submit(_fails).exception(timeout=60)
        again = workers.submit(_who).result(timeout=60)  # the worker goes on
    finally:
        workers.shutdown()
    assert isinstance(error, ContentError)
    assert list(error.problems) == [
        Problem(Location("content/modules/intro.md", 3), "too long", "cut")
    ]
    assert again[0] != os.getpid()


def test_what_cannot_cross_to_or_from_a_worker_fails_that_job_only() -> None:
    workers = Workers(1)
    try:
        returned = workers.submit(_unpicklable).exception(timeout=60)
        sent = workers.submit(_who, lambda: 1).exception(timeout=5)  # not picklable: at once
        fine = workers.submit(_who).result(timeout=60)
    finally:
        workers.shutdown()
    assert isinstance(returned, RuntimeError) and "pickle" in str(returned).lower()
    assert sent is not None and "pickle" in str(sent).lower()
    assert fine[0] != os.getpid()


def test_a_killed_worker_fails_its_job_and_nothing_waits_for_it() -> None:
    workers = Workers(2)
    try:
        killed = workers.submit(_killed)
        others = [workers.submit(_who, 0.1) for _ in range(4)]
        assert isinstance(killed.exception(timeout=60), BrokenProcessPool)
        # the other jobs finish, on the worker left, or fail at once when none is left (the
        # second worker leaves with the first, its parent): none is left waiting
        done = [f.exception(timeout=60) for f in others]
        assert all(e is None or isinstance(e, BrokenProcessPool) for e in done)
    finally:
        workers.shutdown()


def test_a_failed_preparation_leaves_each_job_to_load_what_it_needs() -> None:
    def broken() -> None:
        raise ImportError("no such library")

    workers = Workers(2, prepare=broken)
    try:
        assert workers.submit(_who).result(timeout=60)[0] != os.getpid()
    finally:
        workers.shutdown()


def test_shutting_down_cancels_queued_jobs_and_refuses_new_ones() -> None:
    workers = Workers(1)
    running = workers.submit(_who, 0.5)
    queued = [workers.submit(_who) for _ in range(3)]
    time.sleep(0.2)
    workers.shutdown(wait=True, cancel_futures=True)
    assert running.result(timeout=5)[0] != os.getpid()  # the job under way finishes
    for future in queued:
        with pytest.raises(CancelledError):
            future.result(timeout=5)
    with pytest.raises(RuntimeError):
        workers.submit(_who)
    assert _gone({running.result()[0]})


def test_workers_leave_when_the_build_s_process_is_killed(tmp_path: Path) -> None:
    """The build's process killed on its own: its workers (the first one's child too) go."""
    import subprocess

    script = (
        "import sys, time\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "from tests.test_workers import _who\n"
        "from materials_gen.workers import Workers\n"
        "workers = Workers(2)\n"
        "futures = [workers.submit(_who, 0.4) for _ in range(2)]\n"
        "print(' '.join(str(f.result()[0]) for f in futures), flush=True)\n"
        "time.sleep(60)\n"
    )
    root = Path(__file__).resolve().parent.parent
    with subprocess.Popen(
        [sys.executable, "-c", script, str(root)], stdout=subprocess.PIPE, text=True
    ) as process:
        try:
            assert process.stdout is not None
            pids = {int(p) for p in process.stdout.readline().split()}
            assert len(pids) >= 1 and all(alive(p) for p in pids)
            process.kill()
            process.wait(timeout=30)
            assert _gone(pids), "workers outlived the build"
        finally:
            if process.poll() is None:
                process.kill()


def test_a_cancelled_job_does_not_hold_up_the_next() -> None:
    workers = Workers(1)
    try:
        first = workers.submit(_who, 0.3)
        cancelled = workers.submit(_who)
        after = workers.submit(_who)
        assert cancelled.cancel()
        assert first.result(timeout=60)[0] == after.result(timeout=10)[0] != os.getpid()
    finally:
        workers.shutdown()


def test_a_worker_that_stops_serving_fails_its_job_and_the_other_takes_the_rest() -> None:
    """Whichever worker stops (the first, which forked the other, or the other), the build
    hears of it at once: its job fails, the remaining jobs go to the worker left, and the
    workers end when the build shuts them down."""
    for _ in range(3):  # the job lands on either worker
        workers = Workers(2)
        try:
            stopped = workers.submit(_stops_serving)
            others = [workers.submit(_who, 0.05) for _ in range(4)]
            assert isinstance(stopped.exception(timeout=20), BrokenProcessPool)
            pids = {f.result(timeout=20)[0] for f in others}
        finally:
            workers.shutdown()
        assert len(pids) == 1 and os.getpid() not in pids
        assert _gone(pids)


def test_an_error_the_build_cannot_rebuild_fails_its_job_and_nothing_waits() -> None:
    workers = Workers(1)
    try:
        error = workers.submit(_raises_unrebuildable).exception(timeout=20)
        after = workers.submit(_who).result(timeout=20)
    finally:
        workers.shutdown()
    assert isinstance(error, RuntimeError) and "could not be read" in str(error)
    assert after[0] != os.getpid()


def test_a_first_worker_that_cannot_fork_the_others_makes_every_job_itself() -> None:
    workers = Workers(3, prepare=_no_fork)
    try:
        seen = [f.result(timeout=20) for f in [workers.submit(_who) for _ in range(5)]]
    finally:
        workers.shutdown()
    assert len({pid for pid, _, _ in seen}) == 1


def test_no_job_is_lost_to_a_worker_that_was_never_forked() -> None:
    """Jobs are handed only to workers that have begun to serve: the build does not send
    work down the pipe of a worker the first could not fork, to fail when the pipe closes."""
    workers = Workers(3, prepare=_no_fork_after_a_while)
    try:
        futures = [workers.submit(_who) for _ in range(6)]
        seen = [f.result(timeout=20) for f in futures]
    finally:
        workers.shutdown()
    assert len({pid for pid, _, _ in seen}) == 1


def test_a_job_meant_for_a_worker_gone_while_idle_goes_to_another() -> None:
    workers = Workers(2)
    try:
        seen = [f.result(timeout=20) for f in [workers.submit(_who, 0.3) for _ in range(2)]]
        first = {parent for _, parent, _ in seen if parent != os.getpid()}
        second = {pid for pid, parent, _ in seen if parent in first}
        assert len(second) == 1
        os.kill(second.pop(), signal.SIGKILL)
        time.sleep(0.3)
        after = [f.result(timeout=20) for f in [workers.submit(_who) for _ in range(4)]]
    finally:
        workers.shutdown()
    assert {pid for pid, _, _ in after} == first


def test_terminating_ends_jobs_under_way_at_once() -> None:
    workers = Workers(2)
    long = [workers.submit(_who, 60) for _ in range(2)]
    time.sleep(0.5)
    started = time.monotonic()
    workers.terminate()
    assert time.monotonic() - started < 10
    assert all(isinstance(f.exception(timeout=1), BrokenProcessPool) for f in long)


def test_workers_of_a_build_that_is_process_1_start(tmp_path: Path) -> None:
    """In a container, the build may be process 1: its workers' parent is then 1 from the
    start, which is not their parent being gone."""
    import shutil
    import subprocess

    if shutil.which("unshare") is None:
        pytest.skip("needs unshare to be process 1")
    probe = subprocess.run(
        ["unshare", "--pid", "--fork", "--mount-proc", "true"], capture_output=True
    )
    if probe.returncode:
        pytest.skip("this machine does not let a test start a process as process 1")
    root = Path(__file__).resolve().parent.parent
    script = (
        "import os, sys\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "assert os.getpid() == 1\n"
        "from tests.test_workers import _who\n"
        "from materials_gen.workers import Workers\n"
        "workers = Workers(2)\n"
        "print(sorted({f.result(timeout=20)[0] for f in "
        "[workers.submit(_who, 0.2) for _ in range(4)]}))\n"
        "workers.shutdown()\n"
    )
    done = subprocess.run(
        ["unshare", "--pid", "--fork", "--mount-proc", sys.executable, "-c", script, str(root)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert len(eval(done.stdout)) == 2  # noqa: S307 - a list of numbers this test printed
