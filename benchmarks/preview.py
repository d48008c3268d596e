"""How soon the preview page shows an edit, beside the plain rebuild; how fast thumbnails are.

Run from the repository root:  python benchmarks/preview.py [--edits 3]

Needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver) and
selenium (the test extra). On a copy of the default kit it measures:
  * the plain rebuild after a one-bullet edit (a bullet every audience sees), in this process;
  * the time from saving the same kind of edit to the page in headless Chromium showing the
    new words (`materials-gen preview`, the page reloaded by its server-sent event), for
    several edits. The issue's target: at most the rebuild plus 1 s;
  * the thumbnails of the clinical handout's pages (pypdfium2), all of them and the first four
    the page shows. The target: under 1 s.

Figures depend on the machine and on what else it runs; compare those measured in one run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from installed import as_installed

REPO = Path(__file__).resolve().parent.parent
BULLET = "  - Trauma is widespread, so assume anyone you meet may be affected"
MODULE = Path("content") / "modules" / "trauma-informed.md"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def kit(where: Path) -> Path:
    shutil.copytree(  # the kit in its own language, as the other benchmarks measure it
        REPO / "content", where / "content", ignore=shutil.ignore_patterns("translations")
    )
    shutil.copytree(REPO / "templates", where / "templates")
    return where


def edit(project: Path, word: str) -> None:
    path = project / MODULE
    text = path.read_text(encoding="utf-8")
    if BULLET not in text:
        raise SystemExit(f"the bullet to edit is no longer in {MODULE}: update BULLET")
    path.write_text(text.replace(BULLET, f"{BULLET} {word}", 1), encoding="utf-8")


def rebuild_seconds(project: Path) -> float:
    from materials_gen.build import BuildOptions, build

    build(project, BuildOptions(), jobs=os.cpu_count() or 1)
    edit(project, "zebra")
    start = time.perf_counter()
    build(project, BuildOptions(), jobs=os.cpu_count() or 1)
    return time.perf_counter() - start


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def page_seconds(project: Path, words: list[str], profile: Path) -> list[float]:
    from selenium import webdriver

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "materials_gen", "preview", "-p", str(project), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        text=True,
    )
    assert server.stdout is not None
    # "Preview at http://...?key=... (Ctrl-C to stop)": the rest, a few lines a build, waits
    # in the pipe
    address = server.stdout.readline().split()[2]
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(
        options=options, service=webdriver.ChromeService("/usr/bin/chromedriver")
    )
    # asked in the page and answered yes or no: cheap, so that polling does not take the
    # CPU the build needs (reading innerText lays the whole page out at every poll)
    shows = (
        "return document.readyState === 'complete' && "
        "document.body.textContent.includes(arguments[0])"
    )
    seconds: list[float] = []
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:  # the first build, then the page
            try:
                driver.get(address)  # (the key it holds: kept by the browser)
                if driver.execute_script(shows, "Trauma is widespread"):
                    break
            except Exception:  # noqa: BLE001 - the server is still starting
                pass
            time.sleep(0.5)
        time.sleep(1)
        for word in words:
            start = time.monotonic()
            edit(project, word)
            while time.monotonic() - start < 60:
                try:
                    if driver.execute_script(shows, word):
                        break
                except Exception:  # noqa: BLE001 - the page is reloading
                    pass
                time.sleep(0.05)
            seconds.append(time.monotonic() - start)
            time.sleep(1)
    finally:
        driver.quit()
        os.killpg(server.pid, signal.SIGINT)
        server.wait(timeout=30)
    return seconds


def thumbnail_seconds(project: Path) -> tuple[int, float, float]:
    from materials_gen.thumbnails import render_pdf

    handout = next((project / "output" / "clinical").glob("*-handout.pdf"))
    data = handout.read_bytes()
    every = []
    first = []
    for _ in range(5):
        start = time.perf_counter()
        pages = render_pdf(data, pages=10_000)
        every.append(time.perf_counter() - start)
        start = time.perf_counter()
        render_pdf(data, pages=4)
        first.append(time.perf_counter() - start)
    return len(pages), min(every), min(first)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args()
    as_installed()
    work = Path(tempfile.mkdtemp(prefix="materials-gen-preview-bench-"))
    try:
        plain = rebuild_seconds(kit(work / "plain"))
        count, every, first = thumbnail_seconds(work / "plain")
        words = ["yak", "okapi", "quokka", "tapir", "dugong"][: args.edits]
        live = page_seconds(kit(work / "live"), words, work / "profile")
        print(f"plain rebuild after a one-bullet edit (in process): {plain:.2f} s")
        for word, seconds in zip(words, live, strict=True):
            print(f"save to updated page ({word}): {seconds:.2f} s ({seconds - plain:+.2f} s)")
        print(
            f"thumbnails of the {count}-page clinical handout: {every:.2f} s; "
            f"of its first 4 pages: {first:.2f} s"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
