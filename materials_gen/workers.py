"""Worker processes for a build's renderers, forked from a first worker that loads them.

A forked process inherits what its parent has imported. The renderers' libraries
(ReportLab's platypus, python-pptx, pikepdf, Pillow) and the theme's fonts take a fifth of
a second to load; imported in the build's process before the workers are forked, they keep
one core busy and the other idle while the build waits for them. So a fresh build forks its
first worker before it loads the project: that worker loads the renderers while the build
reads, checks, templates and lays out, then forks the other workers, which inherit them.
The libraries are loaded once, as before, and off the build's path.

The build hands each job to an idle worker over a pipe (the function and its arguments,
pickled) and reads the result back the same way; :class:`Workers` is a
:class:`concurrent.futures.Executor`, so the build waits on its futures as on any other
pool's. A worker that dies (killed, out of memory) fails the job it held, and those no worker
is left to take, never the build's process; a job it had not begun goes to another worker.
Each worker leaves as soon as its parent is gone or the build closes its pipe, and the first
worker waits for the others it forked. A build that stops (Ctrl-C, an error) ends its
workers at once (:meth:`Workers.terminate`) rather than wait for the files they are making.
"""

from __future__ import annotations

import os
import pickle
import signal
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool
from contextlib import suppress
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, Pipe, wait
from typing import Any

# what a worker sends back: the function's result, or what it raised
_RESULT, _RAISED = "result", "raised"


@dataclass(eq=False)
class _Worker:
    connection: Connection  # the build's end of this worker's pipe
    busy: Future[Any] | None = None
    alive: bool = True
    ready: bool = False  # it said so: a worker never forked cannot have taken a job


@dataclass(eq=False)
class _Pending:
    future: Future[Any]
    message: bytes


@dataclass(eq=False)
class _State:
    queue: deque[_Pending] = field(default_factory=deque)
    closing: bool = False


class Workers(Executor):
    """``count`` worker processes: the first forked at once, running ``prepare`` (imports,
    fonts...) and then forking the others, which inherit what it prepared. ``started`` runs
    first thing in each worker, before ``prepare`` in the first (closing what a worker must
    not hold, say); it may not start a thread, as the first worker forks after it."""

    def __init__(
        self,
        count: int,
        prepare: Callable[[], None] = lambda: None,
        started: Callable[[], None] = lambda: None,
    ):
        if count < 1:
            raise ValueError("at least one worker")
        ends = [Pipe(duplex=True) for _ in range(count)]
        self._wake_reader, self._wake_writer = Pipe(duplex=False)
        self._lock = threading.Lock()
        self._state = _State()
        build = os.getpid()
        try:
            pid = os.fork()
        except OSError:  # no process to be had: nothing of this is left open
            for connection in (*(end for pair in ends for end in pair), self._wake_reader):
                connection.close()
            self._wake_writer.close()
            raise
        if pid == 0:  # the first worker
            try:
                for ours, _ in ends:
                    ours.close()
                self._wake_reader.close()
                self._wake_writer.close()
                _first_worker([theirs for _, theirs in ends], prepare, started, build)
            finally:
                os._exit(0)
        self._pid, self._reaped = pid, False
        for _, theirs in ends:
            theirs.close()
        self._workers = [_Worker(ours) for ours, _ in ends]
        self._thread = threading.Thread(target=self._run, name="materials-gen workers")
        self._thread.daemon = True
        self._thread.start()

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            message = pickle.dumps((fn, args, kwargs), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # noqa: BLE001 - what cannot be pickled is this job's error
            future.set_exception(exc)
            return future
        with self._lock:
            if self._state.closing:
                raise RuntimeError("cannot submit to workers that are shutting down")
            self._state.queue.append(_Pending(future, message))
        self._wake()
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        with self._lock:
            already = self._state.closing
            self._state.closing = True
            if cancel_futures:
                while self._state.queue:
                    future = self._state.queue.popleft().future
                    if not future.cancel():  # taken for a worker that had gone: fails
                        future.set_exception(_broken())
        if not already:
            self._wake()
        if wait:
            self._thread.join()
            if not self._reaped:
                with suppress(ChildProcessError):
                    os.waitpid(self._pid, 0)
                self._reaped = True

    def terminate(self) -> None:
        """End the workers now, whatever they are making (the build has stopped): queued
        jobs are cancelled, those under way fail."""
        if not self._reaped:  # else its number may be another process's by now
            with suppress(OSError):
                os.kill(self._pid, signal.SIGKILL)  # the others leave with it, their parent
        self.shutdown(wait=True, cancel_futures=True)

    def _wake(self) -> None:
        with suppress(OSError):
            self._wake_writer.send_bytes(b"")

    def _run(self) -> None:
        """Hand queued jobs to idle workers and results to their futures, until shut down
        with nothing left to do; then close the pipes, which ends the workers. Should this
        fail, every job not done fails with it: the build never waits for nothing."""
        try:
            self._serve_jobs()
        except BaseException as exc:  # noqa: BLE001 - told to each job's future
            with self._lock:
                left = [p.future for p in self._state.queue]
                self._state.queue.clear()
                self._state.closing = True
            left += [w.busy for w in self._workers if w.busy is not None]
            for future in left:
                if not future.done():
                    with suppress(Exception):  # cancelled or finished meanwhile
                        future.set_running_or_notify_cancel()
                    with suppress(Exception):
                        future.set_exception(RuntimeError(f"the workers stopped: {exc!r}"))
        finally:
            for worker in self._workers:
                worker.connection.close()
            self._wake_reader.close()
            self._wake_writer.close()

    def _serve_jobs(self) -> None:
        while True:
            self._hand_out()
            busy = [w for w in self._workers if w.busy is not None]
            with self._lock:
                if self._state.closing and not busy and not self._state.queue:
                    return
            starting = [w for w in self._workers if w.alive and not w.ready]
            heard = {w.connection: w for w in (*busy, *starting)}
            for ready in wait([self._wake_reader, *heard]):
                if ready is self._wake_reader:
                    with suppress(EOFError, OSError):
                        self._wake_reader.recv_bytes()
                elif heard[ready].ready:
                    self._received(heard[ready])
                else:
                    self._started(heard[ready])

    def _hand_out(self) -> None:
        for worker in self._workers:
            if not worker.ready or not worker.alive or worker.busy is not None:
                continue
            pending = self._next()
            if pending is None:
                return
            try:
                worker.connection.send_bytes(pending.message)
            except OSError:  # the worker is gone: the job goes to another
                worker.alive = False
                with self._lock:
                    self._state.queue.appendleft(pending)
                continue
            worker.busy = pending.future
        if not any(w.alive for w in self._workers):
            with self._lock:
                left = list(self._state.queue)
                self._state.queue.clear()
            for pending in left:
                if pending.future.running() or pending.future.set_running_or_notify_cancel():
                    pending.future.set_exception(_broken())

    def _next(self) -> _Pending | None:
        """The first queued job not cancelled, now running; None when there is none."""
        while True:
            with self._lock:
                if not self._state.queue:
                    return None
                pending = self._state.queue.popleft()
            # running already: taken for a worker that had gone, now for another
            if pending.future.running() or pending.future.set_running_or_notify_cancel():
                return pending

    def _started(self, worker: _Worker) -> None:
        """A worker's first word: it serves (jobs go to it from now on), or its pipe closed
        before it began (never forked, say), so no job was ever meant for it."""
        try:
            worker.connection.recv_bytes()
        except (EOFError, OSError):
            worker.alive = False
            return
        worker.ready = True

    def _received(self, worker: _Worker) -> None:
        future, worker.busy = worker.busy, None
        assert future is not None
        try:
            message = worker.connection.recv_bytes()
        except (EOFError, OSError):
            worker.alive = False
            future.set_exception(_broken())
            return
        try:
            kind, value = pickle.loads(message)
        except Exception as exc:  # noqa: BLE001 - an error whose class cannot be rebuilt, say
            said = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
            future.set_exception(RuntimeError(f"a worker's answer could not be read ({said})"))
            return
        if kind == _RESULT:
            future.set_result(value)
        else:
            future.set_exception(value)


def _broken() -> BrokenProcessPool:
    return BrokenProcessPool(
        "a worker process stopped before it finished (killed, or out of memory)"
    )


def _first_worker(
    ends: list[Connection],
    prepare: Callable[[], None],
    started: Callable[[], None],
    build: int,
) -> None:
    """Prepare, fork the other workers (each keeping its own end of the pipes), serve the
    first pipe, then wait for the workers it forked. A worker it cannot fork (a limit on
    processes reached) is left out: its pipe closed, the build gives its jobs to the others."""
    started()
    with suppress(Exception):  # what it did not prepare, each job loads for itself
        prepare()
    me = os.getpid()
    children = []
    for n in range(1, len(ends)):
        try:
            pid = os.fork()
        except OSError:
            continue
        if pid == 0:
            try:
                for m, end in enumerate(ends):
                    if m != n:
                        end.close()
                started()
                _serve(ends[n], me)
            finally:
                os._exit(0)
        children.append(pid)
    for end in ends[1:]:
        end.close()
    _serve(ends[0], build)
    for pid in children:
        with suppress(ChildProcessError, KeyboardInterrupt):
            os.waitpid(pid, 0)


def _serve(end: Connection, parent: int) -> None:
    """Run each job the pipe brings, sending back its result or what it raised, until the
    build closes the pipe; or leave as soon as this worker's ``parent`` is gone (killed on
    its own, by a supervisor or the system), not waiting for work that will never come.
    Its end of the pipe is closed when it stops serving, so the build knows at once."""
    leave_with_parent(parent)
    try:
        end.send_bytes(b"")  # serving: the build may hand it jobs
    except OSError:  # the build has closed it already
        end.close()
        return
    try:
        _jobs_from(end)
    finally:
        end.close()


def _jobs_from(end: Connection) -> None:
    while True:
        try:
            message = end.recv_bytes()
        except (EOFError, OSError):
            return
        except KeyboardInterrupt:  # Ctrl-C reaches the whole process group: the build tells
            return
        try:
            fn, args, kwargs = pickle.loads(message)
            reply = (_RESULT, fn(*args, **kwargs))
        except KeyboardInterrupt:
            return
        except BaseException as exc:  # noqa: BLE001 - the build decides what it means
            reply = (_RAISED, exc)
        try:
            data = pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # noqa: BLE001 - a result or error that cannot cross
            said = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
            data = pickle.dumps((_RAISED, RuntimeError(said)))
        try:
            end.send_bytes(data)
        except OSError:
            return


def leave_with_parent(parent: int | None = None) -> None:
    """Leave this process as soon as its parent is gone (watched by a thread). ``parent``:
    the process that forked this one; another parent now means it was gone before this
    process started. (Not "a parent of 1": a build may be process 1, in a container.)"""
    if parent is None:
        parent = os.getppid()
    if os.getppid() != parent:
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
