"""`materials-gen preview` over HTTP: the live page, the files it links, what is refused.

The page and the files are asked for through Starlette's TestClient; what a browser could
send that httpx would tidy first (``..``, encoded or not) goes to a real server over a raw
connection, as a hostile page or a curious colleague would send it.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import httpx2 as httpx
import pytest
from starlette.testclient import TestClient

from materials_gen.build import BuildOptions, build
from materials_gen.errors import UsageError
from materials_gen.serve import (
    Preview,
    Serving,
    address_of,
    listening_socket,
    make_app,
    served_file,
)

from .conftest import PROJECTS

SCRIPT_TITLE = "Welcome <script>alert(1)</script>"
SECRET = "top secret: the course file outside the output folder"
TYPES = {
    ".pdf": "application/pdf",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".png": "image/png",
    ".html": "text/html",
}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal project, a module title holding a script tag, built once."""
    root = tmp_path_factory.mktemp("built") / "project"
    shutil.copytree(PROJECTS / "minimal", root)
    edit(
        root / "content" / "modules" / "intro.md",
        "title: Welcome to safe rooms",
        f'title: "{SCRIPT_TITLE}"',
    )
    build(root, BuildOptions())
    return root


@pytest.fixture
def project(built_once: Path, tmp_path: Path) -> Path:
    """A copy of the built project (its outputs and manifest too: the next build is a
    no-op), for tests that edit it."""
    root = tmp_path / "project"
    shutil.copytree(built_once, root, symlinks=True)
    return root


def started(root: Path) -> Preview:
    preview = Preview(root, BuildOptions())
    preview.rebuild()
    return preview


@pytest.fixture
def client(project: Path) -> Iterator[tuple[TestClient, Preview]]:
    """The preview of a project the test may edit."""
    preview = started(project)
    with TestClient(make_app(preview), base_url="http://127.0.0.1") as test_client:
        yield test_client, preview


@pytest.fixture(scope="module")
def looking(built_once: Path) -> Iterator[tuple[TestClient, Preview]]:
    """The preview of the built project, for tests that only look."""
    preview = started(built_once)
    with TestClient(make_app(preview), base_url="http://127.0.0.1") as test_client:
        yield test_client, preview


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.images: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "a" and found.get("href"):
            self.links.append(str(found["href"]))
        if tag == "img" and found.get("src"):
            self.images.append(str(found["src"]))


def links_of(page: str) -> _Links:
    parser = _Links()
    parser.feed(page)
    return parser


def local(url: str) -> bool:
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc and bool(parts.path)


def page_text(page: str) -> str:
    """The page's words as a reader sees them (tags dropped, entities read)."""
    page = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", page)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", page)).split())


# ---------------------------------------------------------------------- the page


def test_the_page_shows_every_audience_and_links_every_file_it_built(
    looking: tuple[TestClient, Preview],
) -> None:
    test_client, preview = looking
    answer = test_client.get("/")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/html")
    text = page_text(answer.text)
    assert "All staff" in text and "Clinical providers" in text

    links = {unquote(urlsplit(link).path) for link in links_of(answer.text).links if local(link)}
    for built in preview.report.built:
        name = built.path.relative_to(preview.folder).as_posix()
        assert name in links, f"the page does not link {name}"


def test_every_file_and_thumbnail_the_page_names_opens_with_its_type(
    looking: tuple[TestClient, Preview],
) -> None:
    test_client, preview = looking
    found = links_of(test_client.get("/").text)
    named = [u for u in found.links + found.images if local(u)]
    suffixes = set()
    for url in named:
        answer = test_client.get("/" + url.lstrip("/"))
        assert answer.status_code == 200, url
        suffix = Path(urlsplit(url).path).suffix.lower()
        suffixes.add(suffix)
        if suffix in TYPES:
            assert answer.headers["content-type"].startswith(TYPES[suffix]), url
        assert answer.headers["x-content-type-options"] == "nosniff"
        if suffix == ".pdf":
            assert answer.content.startswith(b"%PDF")
        if suffix == ".png":
            assert answer.content.startswith(b"\x89PNG")
            # named by what they show: kept by the browser across the page's reloads
            assert "immutable" in answer.headers["cache-control"], url
        else:  # the outputs themselves change under the same name: always asked again
            assert answer.headers["cache-control"] == "no-cache", url
    assert {".pdf", ".pptx", ".png"} <= suffixes, "no thumbnails or no outputs linked"


def test_the_page_is_served_with_a_strict_policy_and_its_script(
    looking: tuple[TestClient, Preview],
) -> None:
    test_client, _ = looking
    answer = test_client.get("/")
    policy = answer.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    script = re.search(r'<script src="([^"]+)"', answer.text)
    assert script, "the live page has no reload script"
    code = test_client.get(script.group(1))
    assert code.status_code == 200
    assert "EventSource" in code.text
    assert code.headers["content-type"].startswith("text/javascript")


def test_a_module_title_holding_a_script_tag_is_shown_as_text(
    looking: tuple[TestClient, Preview],
) -> None:
    test_client, _ = looking
    page = test_client.get("/").text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert SCRIPT_TITLE in page_text(page)


def test_another_host_name_is_refused(looking: tuple[TestClient, Preview]) -> None:
    """A web page whose name is pointed at 127.0.0.1 cannot read the preview."""
    test_client, _ = looking
    answer = test_client.get("/", headers={"host": "evil.example"})
    assert answer.status_code == 400
    assert "alert" not in answer.text


def test_served_to_other_computers_it_still_answers_only_this_computers_names(
    looking: tuple[TestClient, Preview],
) -> None:
    """With --host 0.0.0.0 every Host was answered: a web page elsewhere pointing its own
    name at this computer (DNS rebinding) read the course. Only this computer's names and
    addresses, and the --host given, are answered."""
    from materials_gen.serve import names_of_this_computer

    _, preview = looking
    names = names_of_this_computer("0.0.0.0")
    assert "127.0.0.1" in names and socket.gethostname() in names
    assert "0.0.0.0" not in names and "*" not in names
    assert "192.168.1.20" in names_of_this_computer("192.168.1.20")
    with TestClient(make_app(preview, names), base_url="http://127.0.0.1") as client:
        assert client.get("/", headers={"host": "evil.example:8766"}).status_code == 400
        own = client.get("/", headers={"host": f"{socket.gethostname()}:8766"})
        assert own.status_code == 200


# ---------------------------------------------------------------------- confinement


@pytest.fixture(scope="module")
def server(built_once: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real server for the built project, with traps: a link inside the output folder to a
    secret file outside it, and a linked folder."""
    root = tmp_path_factory.mktemp("served") / "project"
    shutil.copytree(built_once, root, symlinks=True)
    secret = root / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    output = root / "output"
    (output / "link.txt").symlink_to(secret)
    (output / "inside-link.pdf").symlink_to(next(output.glob("*/*.pdf")))
    (output / "linked-folder").symlink_to(root / "content", target_is_directory=True)
    (output / ".materials-gen.lock").write_text(SECRET, encoding="utf-8")
    with running(started(root)) as url:
        yield url


@contextlib.contextmanager
def running(preview: Preview, key: str | None = None) -> Iterator[str]:
    """uvicorn serving ``preview`` in a thread on a free port of 127.0.0.1 (every address
    under ``key``, when given, as the command serves it)."""
    app = make_app(preview, key=key)
    serving = Serving(app, listening_socket("127.0.0.1", 0), preview.close)
    serving.start()
    try:
        yield serving.url + (f"{key}/" if key else "")
    finally:
        serving.stop()


def raw_get(url: str, path: str) -> tuple[int, bytes]:
    """GET exactly ``path``, as sent (no client tidies it first)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.putrequest("GET", path, skip_accept_encoding=True)
        connection.endheaders()
        answer = connection.getresponse()
        return answer.status, answer.read()
    finally:
        connection.close()


ATTEMPTS = [
    "/../content/course.yaml",
    "/../secret.txt",
    "/all-staff/../../secret.txt",
    "/%2e%2e/content/course.yaml",
    "/%2E%2E/secret.txt",
    "/%252e%252e/secret.txt",
    "/%252e%252e%252fsecret.txt",
    "/..%2fcontent/course.yaml",
    "/..%2Fsecret.txt",
    "/all-staff/..%2f..%2fsecret.txt",
    "/..%5csecret.txt",
    "/..\\secret.txt",
    "/%c0%ae%c0%ae/secret.txt",
    "//etc/passwd",
    "/%2fetc/passwd",
    "/C:/Windows/win.ini",
    "/all-staff/%00.pdf",
    "/secret.txt%00.pdf",
    "/link.txt",
    "/linked-folder/course.yaml",
    "/.materials-gen.json",
    "/%2ematerials-gen.json",
    "/.materials-gen.lock",
    "/./.materials-gen.json",
    "/all-staff/",
    "/all-staff",
    "/inside-link.pdf",
    "/does-not-exist.pdf",
    "/<script>alert(1)</script>",
]


@pytest.mark.parametrize("path", ATTEMPTS)
def test_nothing_outside_the_output_folder_is_served(server: str, path: str) -> None:
    status, body = raw_get(server, path)
    assert status == 404, path
    assert SECRET.encode() not in body
    assert b"course.yaml" not in body and b"<script>" not in body
    assert b"Traceback" not in body and b"root:" not in body


def test_a_plain_file_inside_is_served_over_the_same_connection(server: str) -> None:
    status, body = raw_get(server, "/all-staff/safe-rooms-all-staff-handout.pdf")
    assert status == 200 and body.startswith(b"%PDF")


def test_served_file_refuses_every_way_out(tmp_path: Path) -> None:
    folder = tmp_path / "output"
    (folder / "a").mkdir(parents=True)
    (folder / "a" / "b.pdf").write_bytes(b"%PDF")
    (tmp_path / "outside.pdf").write_bytes(b"%PDF secret")
    (folder / "a" / "out.pdf").symlink_to(tmp_path / "outside.pdf")
    assert served_file(folder, b"/a/b.pdf") == folder / "a" / "b.pdf"
    assert served_file(folder, b"/a/%62.pdf") == folder / "a" / "b.pdf"
    for path in (b"/a/out.pdf", b"/a/../a/b.pdf", b"/a//b.pdf", b"/a/b.pdf/", b"/a", b"/"):
        assert served_file(folder, path) is None, path
    assert served_file(folder, b"/a/\xff.pdf") is None
    assert served_file(folder, b"/a/%ff.pdf") is None


# ---------------------------------------------------------------------- live rebuilds


@pytest.mark.slow  # a real rebuild of half the outputs; the broken-file test stays quick
def test_a_save_is_announced_on_the_event_stream_and_the_page_follows(project: Path) -> None:
    preview = started(project)
    events: queue.Queue[tuple[str, dict[str, object]]] = queue.Queue()
    with running(preview) as url:

        def listen() -> None:
            name = ""
            with httpx.stream("GET", url + "events", timeout=30) as answer:
                assert answer.headers["content-type"].startswith("text/event-stream")
                for line in answer.iter_lines():
                    if line.startswith("event: "):
                        name = line.removeprefix("event: ")
                    elif line.startswith("data: "):
                        events.put((name, json.loads(line.removeprefix("data: "))))

        listener = threading.Thread(target=listen, daemon=True)
        listener.start()
        name, hello = events.get(timeout=10)
        assert name == "hello" and hello["page"] == preview.shown.number

        edit(
            project / "content" / "modules" / "intro.md",
            "Calm rooms help everyone",
            "Calm rooms help every visitor",
        )
        preview.rebuild(["content/modules/intro.md"])
        name, data = events.get(timeout=10)
        assert name == "started" and data["saved"] == ["content/modules/intro.md"]
        name, data = events.get(timeout=30)
        assert name == "built", data
        changed = data["changed"]
        assert isinstance(changed, list)
        assert "all-staff/safe-rooms-all-staff-handout.pdf" in changed
        assert data["page"] == preview.shown.number
        assert "every visitor" in page_text(httpx.get(url).text)
    listener.join(timeout=10)
    assert not listener.is_alive(), "the event stream did not end when the server stopped"


def test_a_broken_file_is_shown_with_its_line_while_the_last_outputs_stay(
    client: tuple[TestClient, Preview], project: Path
) -> None:
    test_client, preview = client
    handout = "/all-staff/safe-rooms-all-staff-handout.pdf"
    before = test_client.get(handout).content
    course = project / "content" / "course.yaml"
    good = course.read_text(encoding="utf-8")
    course.write_text(good.replace("subtitle: A two-module", "subtitle: [A two-module"))

    shown = preview.rebuild(["content/course.yaml"])
    assert shown.problems
    text = page_text(test_client.get("/").text)
    assert re.search(r"content/course\.yaml:\d+", text), text
    page = test_client.get("/").text
    assert handout.lstrip("/") in links_of(page).links, "the last good outputs are not shown"
    assert test_client.get(handout).content == before

    course.write_text(good, encoding="utf-8")
    shown = preview.rebuild(["content/course.yaml"])
    assert not [p for p in shown.problems if p.severity == "error"]
    assert "content/course.yaml:" not in page_text(test_client.get("/").text)


def test_a_project_that_never_built_shows_its_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """...and says, in the terminal, that nothing is built yet: it said the page "keeps the
    last good outputs", of which there were none."""
    root = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", root)
    edit(root / "content" / "course.yaml", "modules:", "modules: [")
    from materials_gen.console import Terminal

    preview = Preview(root, BuildOptions(), terminal=Terminal.of(False, False, False, False))
    preview.rebuild()
    with TestClient(make_app(preview), base_url="http://127.0.0.1") as test_client:
        text = page_text(test_client.get("/").text)
    assert re.search(r"content/course\.yaml:\d+", text), text
    told = capsys.readouterr()
    said = " ".join((told.out + told.err).split())
    assert "the page shows why and has nothing built yet" in said, said


def test_the_page_an_index_build_wrote_is_the_live_page_in_preview(
    looking: tuple[TestClient, Preview],
) -> None:
    """/index.html (the page `build --index` writes) was served in a sandbox, where its
    thumbnails could not be asked for: every one showed broken. It is the live page."""
    test_client, _ = looking
    answer = test_client.get("/index.html", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "./"
    # and under a key, as the command serves it: to the key's page
    keyed = make_app(looking[1], key="s3cret-key")
    with TestClient(keyed, base_url="http://127.0.0.1") as browser:
        page = browser.get("/s3cret-key/index.html")
        assert page.status_code == 200 and str(page.url).endswith("/s3cret-key/"), page.url


# ---------------------------------------------------------------------- the address


def test_a_free_port_of_this_computer_only_by_default() -> None:
    sock = listening_socket("127.0.0.1", 0)
    try:
        host, port = sock.getsockname()[:2]
        assert host == "127.0.0.1" and port > 0
        assert address_of(sock) == f"http://127.0.0.1:{port}/"
        with pytest.raises(UsageError, match=f"port {port}"):
            listening_socket("127.0.0.1", port)
    finally:
        sock.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.slow
@pytest.mark.parametrize("stop", ["SIGINT", "SIGTERM", "SIGHUP"])
def test_preview_serves_on_localhost_and_stops_on_ctrl_c(project: Path, stop: str) -> None:
    """Ctrl-C, a ``kill`` (SIGTERM) or the terminal window closed (SIGHUP) stop the preview
    as Ctrl-C does (the last two ended it at once, a build under way leaving the files of
    two builds side by side in the output folder)."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "materials_gen", "preview", "-p", str(project), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    try:
        assert process.stdout is not None
        printed = process.stdout.readline()  # "Preview at http://.../KEY/ (Ctrl-C ...)"
        url = printed.split()[2]
        assert re.fullmatch(rf"http://127\.0\.0\.1:{port}/[\w-]{{20,}}/", url), printed
        deadline = time.monotonic() + 60
        text = ""
        with httpx.Client(follow_redirects=True) as browser:
            while "All staff" not in text and time.monotonic() < deadline:
                assert process.poll() is None, "the preview stopped by itself"
                # the page says it is building until the first build is done
                with contextlib.suppress(httpx.TransportError):
                    text = page_text(browser.get(url, timeout=2).text)
                time.sleep(0.2)
        assert "All staff" in text and "Clinical providers" in text, text
        # another account of the computer, without the printed address: nothing
        assert httpx.get(f"http://127.0.0.1:{port}/", timeout=2).status_code == 403
    finally:
        process.send_signal(getattr(signal, stop))
        out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert f"http://127.0.0.1:{port}/" in printed
    assert "Traceback" not in out + err
    assert "Stopped the preview." in out


def test_an_audience_taken_out_again_is_shown_not_up_to_date_not_made(
    client: tuple[TestClient, Preview], project: Path
) -> None:
    """An audience added, then taken out again: the second build made nothing new (its
    files were there already), and the page told the last build's files (the added
    audience's too) as made by it, its count "0 of" the files before. It shows this build's
    files, and the added audience's as not up to date."""
    test_client, preview = client
    course = project / "content" / "course.yaml"
    original = course.read_text(encoding="utf-8")
    edit(
        course,
        "    description: People who provide treatment.\n",
        "    description: People who provide treatment.\n  - id: leaders\n    name: Leaders\n"
        "    includes: [clinical]\n    description: People who lead teams.\n",
    )
    preview.rebuild(["content/course.yaml"])
    assert preview.report is not None
    made = len(preview.report.built)
    course.write_text(original, encoding="utf-8")
    preview.rebuild(["content/course.yaml"])
    assert preview.report is not None and 0 < len(preview.report.built) < made
    page = test_client.get("/").text
    cards = re.findall(r'<article class="card ([\w-]*)" id="file-([\w-]+?)-', page)
    leaders = {status for status, audience in cards if audience == "leaders"}
    others = {status for status, audience in cards if audience != "leaders"}
    assert leaders == {"left-over"}, cards
    assert "left-over" not in others and "built" not in others, cards


def test_what_changed_stays_on_the_page_after_a_failed_save_is_fixed(
    client: tuple[TestClient, Preview], project: Path
) -> None:
    """An edit, then a save that breaks the course, then its fix: the fix makes nothing
    (the content is what the edit built), and the page still says what the edit changed
    and which files it made again, until a build makes files again."""
    test_client, preview = client
    edit(
        project / "content" / "modules" / "intro.md",
        "Calm rooms help everyone",
        "Calm rooms help every visitor",
    )
    preview.rebuild(["content/modules/intro.md"])
    changed = page_text(test_client.get("/").text)
    assert "every visitor" in changed
    course = project / "content" / "course.yaml"
    good = course.read_text(encoding="utf-8")
    course.write_text(good.replace("subtitle: A two-module", "subtitle: [A two-module"))
    assert preview.rebuild(["content/course.yaml"]).problems
    course.write_text(good, encoding="utf-8")
    shown = preview.rebuild(["content/course.yaml"])
    assert not [p for p in shown.problems if p.severity == "error"]
    assert page_text(test_client.get("/").text) == changed


def test_a_page_or_script_shipped_in_the_output_folder_cannot_run(
    client: tuple[TestClient, Preview],
) -> None:
    """A shared project's output/evil.html with output/evil.js ran in the preview's origin
    (its policy allows the origin's own scripts): from there it could read every output,
    certificates made from the user's roster among them, and send them away. A page of
    the output folder is shown in a sandbox; a script there is only downloaded."""
    test_client, preview = client
    (preview.folder / "evil.html").write_text('<script src="evil.js"></script>', encoding="utf-8")
    (preview.folder / "evil.js").write_text("fetch('/')", encoding="utf-8")
    page = test_client.get("/evil.html")
    assert page.status_code == 200
    assert page.headers["content-security-policy"].endswith("; sandbox")
    script = test_client.get("/evil.js")
    assert not script.headers["content-type"].startswith("text/javascript")
    assert script.headers["content-disposition"].startswith("attachment")


def _job_pid(pause: float) -> int:
    time.sleep(pause)
    return os.getpid()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
def test_the_port_is_free_when_the_preview_stops_while_its_build_s_workers_live(
    looking: tuple[TestClient, Preview],
) -> None:
    """A build's workers are forked from the preview's process: they once held its socket
    too, so a preview stopped during a build (or killed) left its port taken until they
    noticed. Now the port can be served again the moment the preview lets go of it."""
    from materials_gen.rendering import start_workers, stop

    _, preview = looking
    serving = Serving(make_app(preview), listening_socket("127.0.0.1", 0), preview.close)
    serving.start()
    port = urlsplit(serving.url).port
    workers = start_workers(2, ["poster"])
    try:
        pids = {f.result(timeout=60) for f in [workers.submit(_job_pid, 0.3) for _ in range(4)]}
        assert len(pids) == 2 and os.getpid() not in pids
        assert httpx.get(serving.url, timeout=10).status_code == 200  # still served here
        serving.stop()
        again = listening_socket("127.0.0.1", port)  # not "address already in use"
        again.close()
    finally:
        stop(workers)
        serving.stop()


def test_only_the_browser_given_the_printed_address_is_answered(built_once: Path) -> None:
    """Any account of the computer could read the outputs (certificates and sign-in
    sheets with their names) by asking the port. Every address begins with this preview's
    key, which only the printed address holds. (It was kept in a cookie: a browser sends
    a cookie of 127.0.0.1 to every port of it, so any program listening on the computer
    was given the key.)"""
    preview = started(built_once)
    app = make_app(preview, key="s3cret-key")
    (deck,) = [p for p in built_once.glob("output/**/*deck.pptx")][:1]
    file = deck.relative_to(built_once / "output").as_posix()
    with TestClient(app, base_url="http://127.0.0.1") as stranger:
        for path in ("/", "/?key=wrong", "/all-staff/", "/.thumbs/x.png", "/wrong/", f"/{file}"):
            refused = stranger.get(path, follow_redirects=False)
            assert refused.status_code == 403, path
            assert "holds this preview's key" in refused.text
        # a path of two slashes is another site's address to a browser: never sent there
        away = "http://127.0.0.1//elsewhere.example/?key=s3cret-key"
        sent = stranger.get(away, follow_redirects=False)
        assert sent.status_code == 303
        assert sent.headers["location"] == "/s3cret-key/elsewhere.example/"
    with TestClient(app, base_url="http://127.0.0.1") as browser:
        opened = browser.get("/?key=s3cret-key", follow_redirects=False)  # as printed before
        assert opened.status_code == 303 and opened.headers["location"] == "/s3cret-key/"
        assert "set-cookie" not in opened.headers  # nothing a browser hands other ports
        page = browser.get("/s3cret-key/")
        assert page.status_code == 200 and "<html" in page.text.lower()
        assert browser.get("/s3cret-key", follow_redirects=False).status_code == 303
        assert browser.get(f"/s3cret-key/{file}").status_code == 200
        # the page's own script is asked for under the key too
        script = re.search(r'<script src="([^"]+)"', page.text)
        assert script and not script.group(1).startswith("/"), script
        assert browser.get("/s3cret-key/" + script.group(1)).status_code == 200
        assert browser.get(f"/{file}").status_code == 403  # no cookie kept: the key each time
