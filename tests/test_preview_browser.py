"""`materials-gen preview` in a real browser: Debian's chromium, driven by selenium.

What a trainer does with the preview: open the page and see every audience's outputs as
thumbnails, save an edit and watch the page follow, save a mistake and see it named with its
file and line, fix it and see the message go.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from materials_gen.build import BuildOptions
from materials_gen.serve import Preview

from .conftest import PROJECTS
from .test_serve import edit, running

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
AUDIENCES = {"all-staff": "All staff", "clinical": "Clinical providers"}
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,1000",
]
WITHIN = 20.0  # seconds a change may take to reach the page (a rebuild of the minimal project)


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    if not CHROMIUM.is_file() or not Path(DRIVER).is_file():
        pytest.skip(
            "needs Debian's chromium and chromium-driver at /usr/bin "
            "(apt-get install -y chromium chromium-driver)"
        )
    webdriver = pytest.importorskip("selenium.webdriver", reason="needs selenium")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path / 'chromium-profile'}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = webdriver.ChromeService(executable_path=DRIVER)
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", root)
    return root


def wait_for(check: Callable[[], Any], seconds: float = WITHIN) -> Any:
    """The first true answer of ``check`` within ``seconds`` (the page reloads meanwhile)."""
    deadline = time.monotonic() + seconds
    last: Any = None
    while time.monotonic() < deadline:
        try:
            last = check()
        except Exception:  # noqa: BLE001 - the page was between two loads
            last = None
        if last:
            return last
        time.sleep(0.1)
    return last


def words(driver: Any) -> str:
    return str(driver.execute_script("return document.body.innerText"))


# For each link to one of an audience's files: a loaded thumbnail in it or next to it.
THUMBNAILS = """
const folder = arguments[0] + "/";
let found = 0;
for (const link of document.querySelectorAll("a[href]")) {
  if (!link.getAttribute("href").startsWith(folder)) continue;
  let box = link;
  for (let up = 0; up < 4 && box; up++, box = box.parentElement) {
    const shown = Array.from(box.querySelectorAll("img")).filter(
      (img) => img.complete && img.naturalWidth > 0);
    if (shown.length) { found++; break; }
  }
}
return found;
"""


def test_the_page_follows_edits_mistakes_and_fixes(browser: Any, project: Path) -> None:
    """Served under its key, as the command serves it: the page's thumbnails, script and
    event stream are asked for at addresses relative to it, which carry the key."""
    preview = Preview(project, BuildOptions())
    preview.rebuild()
    with running(preview, key="s3cret-key-of-this-preview") as url:
        browser.get(url)
        assert wait_for(lambda: all(name in words(browser) for name in AUDIENCES.values()))
        for folder in AUDIENCES:
            assert wait_for(lambda f=folder: browser.execute_script(THUMBNAILS, f)), (
                f"no thumbnails shown for {folder}"
            )

        # an edit: the page shows the new words without the trainer reloading it
        module = project / "content" / "modules" / "intro.md"
        edit(module, "Calm rooms help everyone", "Calm rooms help every visitor")
        preview.rebuild(["content/modules/intro.md"])
        assert wait_for(lambda: "every visitor" in words(browser)), words(browser)

        # a mistake: named with its file and line, the outputs still shown
        course = project / "content" / "course.yaml"
        good = course.read_text(encoding="utf-8")
        course.write_text(good.replace("subtitle: A two-module", "subtitle: [A two-module"))
        preview.rebuild(["content/course.yaml"])
        assert wait_for(lambda: "content/course.yaml:" in words(browser)), words(browser)
        assert browser.execute_script(THUMBNAILS, "all-staff")

        # fixed: the message goes
        course.write_text(good, encoding="utf-8")
        preview.rebuild(["content/course.yaml"])
        assert wait_for(lambda: "content/course.yaml:" not in words(browser)), words(browser)
        assert "every visitor" in words(browser)

        # the page lives within its own security policy: nothing it needs was refused
        logged = [entry["message"] for entry in browser.get_log("browser")]
        refused = [message for message in logged if "Content Security Policy" in message]
        assert not refused, refused


def test_a_save_reaches_the_page_through_the_watcher(browser: Any, project: Path) -> None:
    """The whole loop as a trainer has it: the file saved, the watcher rebuilding, the page
    following; timed from the save to the new words on the page."""
    import threading

    from materials_gen.serve import watch

    preview = Preview(project, BuildOptions())
    preview.rebuild()
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(preview, stop), daemon=True)
    with running(preview) as url:
        watcher.start()
        browser.get(url)
        assert wait_for(lambda: "All staff" in words(browser))
        time.sleep(0.5)  # the watcher is set up
        saved = time.monotonic()
        edit(
            project / "content" / "modules" / "intro.md",
            "Calm rooms help everyone",
            "Calm rooms help every guest",
        )
        assert wait_for(lambda: "every guest" in words(browser)), words(browser)
        seconds = time.monotonic() - saved
        stop.set()
        watcher.join(timeout=10)
    assert seconds < WITHIN
    print(f"save to updated page: {seconds:.2f} s")
