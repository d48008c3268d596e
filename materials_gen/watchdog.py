"""The last word on a template that will not stop: a small process that ends the build.

A template's time limit (templating.SECONDS) is an alarm signal, and Python acts on a signal
only between two steps of Python code. One step done in Python's own C code (a comparison of
two long lists, a sort) is never interrupted, and neither is Ctrl-C: a shared template could
keep a machine busy for hours. The sandbox sizes the steps it knows of before they run; this
is the bound for any other.

The first template run forks a watchdog: a process that does nothing but read, from a pipe,
when a template starts and stops. A template still running :data:`GRACE` seconds after its
own limit, or :data:`CTRL_C_GRACE` seconds after Ctrl-C, is past helping: the watchdog says
so on standard error, naming the template, and kills the process running it. Nothing has
been written by then (templates run before any file is), so earlier outputs stay as they
were; the build's workers leave with it (see workers.leave_with_parent). The watchdog leaves
as soon as its parent is gone.
"""

from __future__ import annotations

import os
import select
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress

GRACE = 5.0  # seconds past a template's own limit before the watchdog ends the build
CTRL_C_GRACE = 2.0  # seconds after Ctrl-C for a template to stop before it is ended
_IDLE = 1.0  # how often an idle watchdog looks whether its parent is still there


class _Watch:
    def __init__(self, pid: int, end: int, child: int):
        self.pid = pid  # the process that started the watchdog
        self.end = end  # the pipe the watchdog reads
        self.child = child  # the watchdog's own


_WATCH: _Watch | None = None


@contextmanager
def watched(name: str, seconds: float) -> Iterator[None]:
    """Run what the block does (a template named ``name``, limited to ``seconds``) under the
    watchdog, where there is one to be had (POSIX, the main thread)."""
    watch = _watchdog()
    if watch is None:
        yield
        return
    _say(watch, f"B {seconds + GRACE} {name}")
    try:
        yield
    finally:
        _say(watch, "E")


def _say(watch: _Watch, line: str) -> None:
    data = (line.replace("\n", " ") + "\n").encode("utf-8", "backslashreplace")
    with suppress(OSError):  # the watchdog is gone: the limits of the sandbox still hold
        os.write(watch.end, data)


def _watchdog() -> _Watch | None:
    global _WATCH
    if _WATCH is not None and _WATCH.pid == os.getpid():
        return _WATCH
    if not hasattr(os, "fork") or threading.current_thread() is not threading.main_thread():
        return None
    import warnings

    try:
        read, write = os.pipe()
        parent = os.getpid()
        with warnings.catch_warnings():  # its child touches no lock another thread holds
            warnings.simplefilter("ignore", DeprecationWarning)
            child = os.fork()
    except OSError:
        return None
    if child == 0:  # pragma: no cover - the watchdog process (tested from outside)
        try:
            _serve(read, parent)
        finally:
            os._exit(0)
    os.close(read)
    _WATCH = _Watch(parent, write, child)
    return _WATCH


class _Interrupted(Exception):
    pass


def _serve(read: int, parent: int) -> None:  # pragma: no cover - runs in the watchdog
    """The watchdog's loop: read what its parent says; end it when a template overstays."""
    try:  # nothing of the parent's held open here: its files, pipes, output folder lock
        os.closerange(3, read)
        os.closerange(read + 1, 1 << 16)
    except OSError:
        pass
    interrupted: list[float] = []

    def on_interrupt(signum: int, frame: object) -> None:
        interrupted.append(time.monotonic())
        raise _Interrupted

    signal.signal(signal.SIGINT, on_interrupt)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    template, buffer = "", b""
    deadline = started = limit = 0.0
    while True:
        now = time.monotonic()
        if template and interrupted and interrupted[-1] >= started:
            deadline = min(deadline, interrupted[-1] + CTRL_C_GRACE)
        if template and now >= deadline:
            _end(parent, template, bool(interrupted and interrupted[-1] >= started), limit)
            return
        wait = min(deadline - now, _IDLE) if template else _IDLE
        try:
            ready, _, _ = select.select([read], [], [], max(wait, 0.0))
        except _Interrupted:
            continue
        if os.getppid() != parent:
            return
        if not ready:
            continue
        try:
            data = os.read(read, 4096)
        except _Interrupted:
            continue
        if not data:
            return  # the parent is done
        buffer += data
        while b"\n" in buffer:
            line, buffer = buffer.split(b"\n", 1)
            text = line.decode("utf-8", "replace")
            if text.startswith("B "):
                _, seconds, template = text.split(" ", 2)
                limit = float(seconds)
                started = time.monotonic()
                deadline = started + limit
            elif text == "E":
                template = ""


def _end(parent: int, template: str, interrupted: bool, limit: float) -> None:  # pragma: no cover
    if interrupted:
        said = (
            f"Stopped: the template {template} was in one step that Ctrl-C could not "
            "interrupt, so materials-gen was ended; no file was written or changed.\n"
        )
    else:
        said = (
            f"{template}: error: the template was still running {limit:g} seconds after it "
            "started, in one step that cannot be interrupted, so materials-gen was ended; no "
            "file was written or changed.\n"
            "    hint: templates format the course; look for a step over a very long list "
            "or text\n"
        )
    try:
        os.kill(parent, signal.SIGKILL)
    except OSError:
        return
    with suppress(OSError):
        os.write(2, said.encode("utf-8", "backslashreplace"))
