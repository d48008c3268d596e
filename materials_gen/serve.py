"""``materials-gen preview``: build, watch, and show every output in the browser.

Like ``mkdocs serve`` or ``quarto preview``: the project is built, then watched; each save
rebuilds it in a background thread and the page in the browser reloads itself. The page
itself is the overview (overview.py, the same one ``build --index`` writes), rendered live;
this module only runs the builds, serves the page, the output folder's files and the page's
own script, and tells browsers when a build starts and ends (server-sent events).

The server is Starlette run by uvicorn, bound to 127.0.0.1 unless the trainer names another
address. What it serves is the trainer's own work, so every path is confined to the output
folder: anything that is not a plain file inside it (``..`` in any encoding, links, the build's
own bookkeeping files) is answered with the same plain 404.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import json
import logging
import os
import re
import secrets
import socket
import stat
import sys
import threading
import time
import webbrowser
from collections.abc import AsyncIterator, Callable, Iterable
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from . import thumbnails
from .console import Retold, Terminal, as_before, plural
from .errors import Location, MaterialsError, Problem, UsageError, told, warnings_in
from .options import BuildOptions
from .project import saved_since, source_stamps
from .rendering import LISTENING

ASSETS = "/_materials-gen/"  # the page's own files (never an output's path: see _refused)
SCRIPT = "preview.js"
EVENTS = "/events"

# Every HTML answer (the page, an HTML output, a 404) may only load what this server serves;
# no inline script, no frames, no plugins, no forms. Styles may be inline (the page's own).
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'; object-src 'none'"
)
TYPES = {
    ".pdf": "application/pdf",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
}
# shown in the browser when clicked; anything else is downloaded
# (a script or style sheet in the output folder is none the build made: a shipped project's
# own, downloaded rather than run by the page)
SHOWN = {".pdf", ".png", ".jpg", ".jpeg", ".webp", ".svg", ".html"}
# documents that could run script: they get the page's Content-Security-Policy too (a PDF does
# not: Chromium's viewer is refused by such a policy)
ACTIVE = {".html", ".svg"}
# the build's own files in the output folder (manifest, lock, staging): never served
PRIVATE = ".materials-gen"
# the Host header of a request to this computer (IPv6 in brackets, as browsers send it)
HOST_NAMES = ("127.0.0.1", "localhost", "[::1]")
HEARTBEAT = 15.0  # seconds between comments on a quiet event stream (finds closed tabs)


@dataclass(frozen=True)
class Event:
    """One announcement on the event stream: its number, name and JSON data."""

    number: int
    name: str  # "started", "built" or "failed"
    data: dict[str, Any]

    def encoded(self) -> bytes:
        body = json.dumps(self.data, ensure_ascii=True)
        return f"id: {self.number}\nevent: {self.name}\ndata: {body}\n\n".encode()


@dataclass(frozen=True)
class Shown:
    """What the page shows now: its HTML, which build made it, and that build's problems."""

    page: str
    number: int  # 0 before the first build has finished
    problems: tuple[Problem, ...] = ()


@dataclass
class _Listener:
    loop: asyncio.AbstractEventLoop
    queue: asyncio.Queue[Event | None] = field(default_factory=asyncio.Queue)


class Preview:
    """One project being previewed: the last good build, what the page shows, who listens.

    ``rebuild`` runs in the main thread (builds and watching); the server's requests read
    ``shown`` (one reference, swapped whole) from the event loop's thread, and listeners get
    events through their loop's queue, so neither side ever waits for the other.
    """

    def __init__(
        self,
        root: Path,
        options: BuildOptions,
        jobs: int = 1,
        terminal: Terminal | None = None,
    ):
        from .manifest import output_folder_of

        self.root = Path(root).resolve()  # the report's paths are then inside self.folder
        # every build writes the page's thumbnails (the deck's from its laid-out slides)
        # within its own all-or-nothing write, so the live page finds them all made
        self.options = replace(options, index=True)
        self.jobs = jobs
        # what it says as it builds, as `watch` says it (none without a terminal); each
        # warning told once while it stands, not after every save
        self.terminal = terminal or Terminal(json=True)
        self.say = self.terminal.say
        self.retold = Retold()
        # known before any build (even one that fails): course.yaml's setting read cheaply
        self.folder = output_folder_of(self.root, options.output).resolve()
        self.report: Any = None  # the last good BuildReport
        self.shown = Shown(_with_script(_waiting_page(), 0), 0)
        self._events = 0
        self._listeners: list[_Listener] = []
        self._lock = threading.Lock()
        self._closed = False

    # ------------------------------------------------------------------ builds

    def rebuild(self, saved: Iterable[str] = (), first: bool = False) -> Shown:
        """Build again after a save (or the first time); announce it and show the outcome.

        A mistake in the content keeps the last good outputs and shows its problems with
        their file and line; the next good build clears them. The ``first`` build raises a
        mistake in the command's options (UsageError), which no save can fix.
        """
        from .build import build
        from .records import built_when_free
        from .warmup import load_for_more_builds

        saved = sorted(saved)
        self.publish("started", {"saved": saved})
        started = time.perf_counter()
        try:
            report = built_when_free(
                lambda: build(self.root, self.options, jobs=self.jobs),
                self.say,
            )
        except MaterialsError as exc:
            if first and isinstance(exc, UsageError):
                raise
            return self._failed(exc.problems, started)
        except Exception as exc:  # noqa: BLE001 - a preview outlives any one bad save
            return self._failed((_bug("the build failed unexpectedly", exc),), started)
        folder = Path(report.output).resolve()  # settings: output may have changed
        changed = [_relative(b.path, folder) for b in report.rebuilt]
        if not changed and self.report is not None and folder == self.folder:
            # nothing made (a fix that brings the content back to what was built, after a
            # failed save): each file is told as the last build that made it told it, and,
            # when the files are those that build made, the page keeps saying what it
            # changed. Only this build's files: an audience or a language taken out is not
            # shown made (its files are left over, see BuildReport.left_over)
            before = {b.path: b for b in self.report.built}
            same = {b.path for b in report.built} == set(before)
            report = replace(
                report,
                built=[before.get(b.path, b) for b in report.built],
                what_changed=self.report.what_changed if same else report.what_changed,
                changes=self.report.changes if same else report.changes,
            )
        self.report = report
        self.folder = folder
        shown = self._show(tuple(report.warnings))
        seconds = time.perf_counter() - started
        warnings, repeated = self.retold.fresh(report.warnings)
        self.terminal.problems(warnings)
        warned = warnings_in(report.warnings)
        also = f"; {plural(len(warned), 'warning')}{as_before(repeated)}" if warned else ""
        self.terminal.final(
            f"Built {len(changed)} of {len(report.built)} files in {seconds:.2f} s; "
            f"the page is up to date{also}."
        )
        self.publish("built", {"page": shown.number, "changed": changed})
        load_for_more_builds(self.root, self.options, self.jobs)  # while it waits for a save
        return shown

    def _failed(self, problems: tuple[Problem, ...], started: float) -> Shown:
        shown = self._show(problems)
        self.terminal.problems(self.retold.fresh(problems, failed=True)[0])
        from .manifest import NAME

        # what the folder holds, in words that are true of it (as `watch` says)
        kept = (
            "keeps the last good outputs"
            if (self.folder / NAME).is_file()
            else "has nothing built yet"
        )
        self.terminal.final(
            f"The build stopped after {time.perf_counter() - started:.2f} s; the page shows "
            f"why and {kept}. Save a fix to build again."
        )
        self.publish(
            "failed",
            {"page": shown.number, "problems": [_problem_data(p) for p in problems]},
        )
        return shown

    def _show(self, problems: tuple[Problem, ...]) -> Shown:
        """The live page for the last good build and these problems (thumbnails of
        unchanged outputs come from the cache, see thumbnails.py)."""
        from .overview import make_overview, render_page

        try:
            overview = make_overview(self.root, self.folder, self.report, problems)
            page = render_page(overview, live=True)
        except Exception as exc:  # noqa: BLE001 - the server keeps running, and says why
            problems = (*problems, _bug("the overview page could not be made", exc))
            page = _problems_page(problems)
        page = _with_script(page, self.shown.number + 1)
        self.shown = Shown(page, self.shown.number + 1, problems)
        return self.shown

    # ------------------------------------------------------------------ events

    def publish(self, name: str, data: dict[str, Any]) -> Event:
        """Send an event to every browser listening, from any thread."""
        with self._lock:
            self._events += 1
            event = Event(self._events, name, data)
            listeners = list(self._listeners)
        for listener in listeners:
            _put(listener, event)
        return event

    def listen(self) -> _Listener:
        """A queue of the events to come, for a stream served on the running loop."""
        listener = _Listener(asyncio.get_running_loop())
        with self._lock:
            if self._closed:
                listener.queue.put_nowait(None)
            self._listeners.append(listener)
        return listener

    def forget(self, listener: _Listener) -> None:
        with self._lock, contextlib.suppress(ValueError):
            self._listeners.remove(listener)

    def close(self) -> None:
        """End every event stream (so that the server can stop without waiting for them)."""
        with self._lock:
            self._closed = True
            listeners = list(self._listeners)
        for listener in listeners:
            _put(listener, None)


def _bug(what: str, exc: Exception) -> Problem:
    return Problem(
        None,
        f"{what} ({type(exc).__name__}: {exc}); this is a bug in materials-gen, please "
        "report it with the file you saved",
        "the last good outputs are kept; save a fix to build again",
    )


def _problems_page(problems: Iterable[Problem]) -> str:
    """A bare page of problems, for when the overview itself could not be made."""
    items = "".join(f"<li><pre>{html.escape(p.format())}</pre></li>" for p in told(problems))
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>materials-gen preview</title></head><body><ul>{items}</ul></body></html>"
    )


def _put(listener: _Listener, event: Event | None) -> None:
    with contextlib.suppress(RuntimeError):  # its loop has stopped: nobody is listening
        listener.loop.call_soon_threadsafe(listener.queue.put_nowait, event)


def _relative(path: Path, folder: Path) -> str:
    path = Path(path)
    with contextlib.suppress(ValueError):
        return path.resolve().relative_to(folder).as_posix()
    return path.as_posix()


def _problem_data(problem: Problem) -> dict[str, str]:
    return {
        "where": str(problem.location) if problem.location else "",
        "severity": problem.severity,
        "message": problem.message,
        "hint": problem.hint,
    }


def _with_script(page: str, number: int) -> str:
    """The page with the live-reload script (an external file: the policy allows no inline
    script), told which build the page shows."""
    # (relative to the page: under the preview's key, see _Keyed)
    tag = f'<script src="{ASSETS.lstrip("/")}{SCRIPT}?page={number}" defer></script>'
    head = page.lower().rfind("</head>")
    if head < 0:
        return page + tag
    return page[:head] + tag + page[head:]


def _waiting_page() -> str:
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        "<title>materials-gen preview</title></head>"
        "<body><p>Building the project&hellip; this page shows it as soon as it is built.</p>"
        "</body></html>"
    )


# ---------------------------------------------------------------------- serving files


def served_file(folder: Path, raw_path: bytes | str) -> Path | None:
    """The file a request path names inside ``folder``, or None when it may not be served.

    ``raw_path`` is the path as sent (percent-encoded). It is decoded once; whatever then
    still looks encoded, climbs (``..``, ``.``), starts at a root, holds a backslash, a colon
    or a control character is refused, as is any link on the way and anything but a regular
    file. The build's own files (manifest, lock, staging) are never served.
    """
    try:
        if isinstance(raw_path, bytes):
            raw_path = raw_path.decode("ascii")
        path = unquote(raw_path.split("?", 1)[0], errors="strict")
    except UnicodeDecodeError:  # not a name any build writes
        return None
    if not path.startswith("/") or _refused(path[1:]):
        return None
    current = Path(folder)
    for part in path[1:].split("/"):
        current = current / part
        try:
            mode = os.lstat(current).st_mode
        except (OSError, ValueError):
            return None
        if stat.S_ISLNK(mode):
            return None
    return current if stat.S_ISREG(mode) else None


def _refused(path: str) -> bool:
    if not path or "%" in path:  # still encoded after one decoding: double encoding
        return True
    if any(ord(c) < 32 or ord(c) == 127 or c in "\\:" for c in path):
        return True
    parts = path.split("/")
    return any(part in ("", ".", "..") or part.startswith(PRIVATE) for part in parts)


def _read(path: Path) -> tuple[bytes, os.stat_result] | None:
    """The file's bytes, opened without following a link (it may have changed since)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as file:
        status = os.fstat(file.fileno())
        if not stat.S_ISREG(status.st_mode):
            return None
        return file.read(), status


# ---------------------------------------------------------------------- the app


class _Keyed:
    """Answers only a browser that has this preview's key, which every address it asks for
    begins with: the page is at ``/KEY/`` (the address the command prints), and its links,
    thumbnails, script and event stream are addresses relative to it, so they carry the key
    too. Without it, every account of the computer could read the outputs, certificates and
    sign-in sheets with their names, by asking the port (a shared computer, a terminal
    server). The key was kept in a cookie once: a browser sends a cookie of 127.0.0.1 to
    every port of it, so any other program listening on the computer was given the key.
    An address with ``?key=KEY`` (as printed before) is sent to the page at ``/KEY/``."""

    def __init__(self, app: Any, key: str):
        self.app, self.key = app, key

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        import hmac

        from starlette.requests import Request
        from starlette.responses import RedirectResponse, Response

        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope["path"])
        first, _, rest = path.lstrip("/").partition("/")
        if path.startswith("/") and hmac.compare_digest(first.encode(), self.key.encode()):
            if not path.startswith(f"/{first}/"):  # its page's address ends with "/"
                await RedirectResponse(f"/{first}/", 303)(scope, receive, send)
                return
            raw = scope.get("raw_path") or path.encode("utf-8")
            inner = dict(scope)
            inner["path"] = "/" + rest
            inner["raw_path"] = raw[len(first) + 1 :]  # (the key is never percent-encoded)
            await self.app(inner, receive, send)
            return
        request = Request(scope)
        given = request.query_params.get("key", "")
        if given and hmac.compare_digest(given.encode(), self.key.encode()):
            # the same page under its key; a path of several leading slashes
            # ("//example.org/") would send the browser to another site
            answer: Any = RedirectResponse(f"/{self.key}/" + request.url.path.lstrip("/"), 303)
        else:
            answer = Response(
                "Open the address materials-gen printed: it holds this preview's key.\n",
                403,
                {"X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"},
                "text/plain; charset=utf-8",
            )
        await answer(scope, receive, send)


def make_app(
    preview: Preview,
    hosts: Iterable[str] = HOST_NAMES,
    key: str | None = None,
) -> Any:
    """The Starlette app serving ``preview``: the page at ``/``, the output folder's files,
    the page's script, and the event stream. ``hosts``: the Host headers answered (others
    get 400, so that another web site cannot reach the page through a name of its own that
    points at this computer); ``("*",)`` answers any. ``key``: the secret every address
    begins with (the page at ``/KEY/``, see :class:`_Keyed`); None: none asked."""
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.trustedhost import TrustedHostMiddleware
    from starlette.requests import Request
    from starlette.responses import RedirectResponse, Response, StreamingResponse
    from starlette.routing import Route

    script = resources.files(__package__).joinpath(SCRIPT).read_bytes()

    def headers(suffix: str = ".html") -> dict[str, str]:
        found = {"X-Content-Type-Options": "nosniff", "Cache-Control": "no-cache"}
        if suffix in ACTIVE:
            found["Content-Security-Policy"] = CSP
        found["Referrer-Policy"] = "no-referrer"
        return found

    def not_found() -> Response:
        return Response("Not found.\n", 404, headers(".txt"), "text/plain; charset=utf-8")

    async def page(request: Request) -> Response:
        return Response(preview.shown.page, 200, headers(), "text/html; charset=utf-8")

    async def live_script(request: Request) -> Response:
        return Response(script, 200, headers(".js"), TYPES[".js"])

    async def events(request: Request) -> Response:
        listener = preview.listen()
        hello = {"page": preview.shown.number}

        async def stream() -> AsyncIterator[bytes]:
            try:
                yield f"retry: 1000\nevent: hello\ndata: {json.dumps(hello)}\n\n".encode()
                while True:
                    try:
                        event = await asyncio.wait_for(listener.queue.get(), HEARTBEAT)
                    except TimeoutError:
                        yield b": still here\n\n"
                        continue
                    if event is None:
                        return
                    yield event.encoded()
            finally:
                preview.forget(listener)

        return StreamingResponse(
            stream(), 200, {**headers(".txt"), "Cache-Control": "no-store"}, "text/event-stream"
        )

    async def output_file(request: Request) -> Response:
        raw = request.scope.get("raw_path") or request.scope["path"].encode("utf-8")
        if raw == b"/index.html":  # the page --index wrote: the live one shows the same, and
            # works (in the sandbox a served page gets, its pictures could not be asked for)
            return RedirectResponse("./", 303)  # (relative: under the preview's key)
        found = served_file(preview.folder, raw)
        read = _read(found) if found is not None else None
        if read is None:
            return not_found()
        data, status = read
        suffix = found.suffix.lower()
        tag = f'"{status.st_mtime_ns:x}-{status.st_size:x}"'
        extra = {**headers(suffix), "ETag": tag}
        if suffix in ACTIVE:  # a page or drawing of the output folder (the overview, or a
            # shipped project's own): shown in a sandbox, where no script runs and nothing
            # it holds can read the preview's other files
            extra["Content-Security-Policy"] = CSP + "; sandbox"
        if found.parent.name == thumbnails.FOLDER and suffix == ".png":
            # named by the hash of the output they show: a reload after a build asks again
            # only for the thumbnails of the outputs that changed
            extra["Cache-Control"] = "max-age=86400, immutable"
        if suffix not in SHOWN:
            extra["Content-Disposition"] = f'attachment; filename="{_ascii_name(found.name)}"'
        if request.headers.get("if-none-match") == tag:
            return Response(b"", 304, extra)
        # a script or style sheet of the output folder is data, never run as one
        kind = "application/octet-stream" if suffix in (".js", ".css") else TYPES.get(suffix)
        return Response(data, 200, extra, kind or "application/octet-stream")

    routes = [
        Route("/", page),
        Route(EVENTS, events),
        Route(ASSETS + SCRIPT, live_script),
        Route("/{path:path}", output_file),
    ]
    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=list(hosts))]
    if key is not None:
        middleware.append(Middleware(_Keyed, key=key))
    return Starlette(routes=routes, middleware=middleware)


def _ascii_name(name: str) -> str:
    return "".join(c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in name)


# ---------------------------------------------------------------------- watching


def watch(preview: Preview, stop: threading.Event | None = None, debounce: int = 300) -> None:
    """Rebuild after each save in content/ or templates/, or of a file named on the command
    line (the roster, the deck template), until ``stop`` is set or Ctrl-C."""
    from .project import followed_files, saves

    # watchfiles says "KeyboardInterrupt caught, stopping watch" on Ctrl-C; the command
    # says it stopped itself
    logging.getLogger("watchfiles.main").setLevel(logging.ERROR)

    def links(found: list[Path]) -> None:  # never followed (see project.watched_folders)
        for link in found:
            name = _saved_name(str(link), preview.root)
            preview.say(f"Not followed: {name} is a link to a folder.")

    def named() -> list[Path]:
        return followed_files(preview.root, preview.options)

    for changes in saves(preview.root, named, debounce, stop, on_links=links):
        saved = sorted({_saved_name(path, preview.root) for path in changes})
        preview.say(f"Saved: {', '.join(saved)}")
        preview.rebuild(saved)


def _saved_name(path: str, root: Path) -> str:
    with contextlib.suppress(ValueError):
        return Path(path).relative_to(root).as_posix()
    return path


# ---------------------------------------------------------------------- the command


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to ``host`` and ``port`` (0: a free one), listening; UsageError when the
    address cannot be used (a port in use, a name that is not this computer's)."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
        sock = socket.socket(family, kind, proto)
    except OSError as exc:
        raise UsageError(
            [Problem(None, f"--host {host}: {exc.strerror or exc}", "leave --host out")]
        ) from None
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        hint = "choose another --port, or leave it out for a free one"
        raise UsageError(
            [Problem(None, f"cannot serve on {host} port {port}: {exc.strerror or exc}", hint)]
        ) from None
    return sock


def address_of(sock: socket.socket) -> str:
    """The page's address for a socket (IPv6 addresses in brackets)."""
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


class Serving:
    """uvicorn serving an app in a thread of its own, until ``stop``.

    The server has the thread, not the builds: a build runs templates under a time limit
    that is an alarm signal, which only the main thread receives (templating.py), and Ctrl-C
    reaches the main thread too, so the command stops wherever it is.
    """

    def __init__(self, app: Any, sock: socket.socket, on_stop: Callable[[], None]):
        import uvicorn

        config = uvicorn.Config(
            app,
            log_level="warning",
            access_log=False,
            lifespan="off",
            timeout_graceful_shutdown=2,
        )
        self.server = uvicorn.Server(config)
        self.sock = sock
        self.url = address_of(sock)
        self.on_stop = on_stop  # ends the event streams, which would hold the shutdown
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [sock]}, name="serve", daemon=True
        )
        LISTENING.add(sock)  # not held by the workers of the builds it shows (rendering.py)

    def start(self, seconds: float = 10.0) -> None:
        self.thread.start()
        deadline = time.monotonic() + seconds
        while not self.server.started and self.thread.is_alive():
            if time.monotonic() > deadline:
                break
            time.sleep(0.01)

    def stop(self) -> None:
        self.on_stop()
        self.server.should_exit = True
        self.thread.join(timeout=10)
        LISTENING.discard(self.sock)
        self.sock.close()


def preview(
    project: Path,
    options: BuildOptions,
    host: str = "127.0.0.1",
    port: int = 0,
    open_browser: bool = False,
    jobs: int = 1,
    terminal: Terminal | None = None,
) -> None:
    """The ``preview`` command: serve, build, watch; Ctrl-C stops it all, no traceback."""
    import click

    try:
        _preview(Path(project), options, host, port, open_browser, jobs, terminal or Terminal())
    except MaterialsError as exc:
        for problem in told(exc.problems):
            click.secho(problem.format(), fg="red", err=True)
        sys.exit(exc.exit_code)


LOCAL = ("127.0.0.1", "localhost", "::1")  # --host values that only this computer reaches


def names_of_this_computer(host: str) -> tuple[str, ...]:
    """The names a request to the page served on ``host`` (--host) may give as its Host:
    this computer's own (its loopback names, its name, its addresses) and ``host`` itself.
    Any other is refused, even on a network: a web page elsewhere that has its own name
    point at this computer (DNS rebinding) gets nothing."""
    found = [*HOST_NAMES]
    if host not in ("0.0.0.0", "::", ""):
        found.append(f"[{host}]" if ":" in host else host)
    with contextlib.suppress(OSError):
        name = socket.gethostname()
        found += [name, socket.getfqdn(name)]
        for *_, address in socket.getaddrinfo(name, None, type=socket.SOCK_STREAM):
            found.append(f"[{address[0]}]" if ":" in address[0] else address[0])
    with contextlib.suppress(OSError):  # the address others reach it at (no packet is sent)
        probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            probe.connect(("192.0.2.1", 9))
            found.append(probe.getsockname()[0])
        finally:
            probe.close()
    ordered = sorted(dict.fromkeys(n for n in found if n), key=lambda n: n.startswith("127."))
    return tuple(ordered)


def _preview(
    project: Path,
    options: BuildOptions,
    host: str,
    port: int,
    open_browser: bool,
    jobs: int,
    terminal: Terminal,
) -> None:
    import click

    if not any((project / n).is_dir() for n in ("content", "templates")):
        raise MaterialsError(
            [Problem(Location(str(project)), "no content/ or templates/ folder to preview")]
        )
    from .build import check_given_names

    check_given_names(project, options)  # before the page is served: no save can fix a name
    session = Preview(project, options, jobs, terminal)
    local = host in LOCAL
    names = HOST_NAMES if local else names_of_this_computer(host)
    sock = listening_socket(host, port)
    port_now = sock.getsockname()[1]
    key = secrets.token_urlsafe(18)  # (this preview's: see _Keyed)
    app = make_app(session, names, key)
    serving = Serving(app, sock, session.close)
    serving.url += f"{key}/"
    try:
        serving.start()
        click.echo(f"Preview at {serving.url} (Ctrl-C to stop).")
        if not local:
            seen = [n for n in names if re.fullmatch(r"[0-9.]+", n) and not n.startswith("127.")]
            away = f"http://{seen[0]}:{port_now}/{key}/"
            at = f" (from another computer: {away})" if seen else ""
            click.secho(
                f"Other computers can see this page: it is served on {host}{at}.",
                fg="yellow",
                err=True,
            )
        if open_browser:
            webbrowser.open(serving.url)
        before = source_stamps(session.root)
        session.rebuild(first=True)
        # a save while the first build ran, before the watcher started: built now
        while saved := saved_since(before, session.root):
            names = [_saved_name(path, session.root) for path in saved]
            session.say(f"Saved: {', '.join(names)}")
            before = source_stamps(session.root)
            session.rebuild(names)
        watch(session)
    except KeyboardInterrupt:
        pass  # Ctrl-C during a build: the build's files are as they were or all new
    finally:
        serving.stop()
    click.echo("Stopped the preview.")
