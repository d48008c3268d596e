"""Loading what a build needs before it needs it, so that its work starts sooner.

A fresh ``build`` starts its workers before it reads the project when it will likely make
several outputs: the first worker loads the renderers while this process reads, checks and
templates (:func:`early_workers`). ``watch`` and ``preview`` load them while they wait for a
save (:func:`load_for_more_builds`). Python's cycle collector is eased while building
(:func:`collector_eased`).
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from .errors import MaterialsError
from .manifest import NAME as MANIFEST_NAME
from .manifest import output_folder_of
from .options import BuildOptions
from .theme import Theme, load_theme


@contextmanager
def early_workers(
    root: Path, options: BuildOptions, force: bool, jobs: int
) -> Iterator[Executor | None]:
    """Workers started before the project is read, when the build will likely make several
    outputs in a process that has not loaded the renderers yet (a fresh ``build``): the
    first worker loads them while this process reads, checks and templates (see workers.py).
    Otherwise None: the workers start with the first job, as a rebuild that makes nothing,
    or a single output in this process, needs none. Shut down when the build ends."""
    from .kinds import KINDS
    from .rendering import start_workers, stop

    kinds = [k for k in (options.kinds or KINDS) if k in KINDS]
    early = (
        jobs >= 2
        and hasattr(os, "fork")
        and not all(KINDS[k].loaded for k in kinds)
        and (force or _likely_stale(root, options))
    )
    ready = None
    if early:
        theme = _loaded_before_workers(root, kinds)
        with suppress(OSError):  # no process or pipe to be had: the first job tries again
            ready = start_workers(jobs, kinds, theme=theme, root=root)
    try:
        yield ready
    except BaseException:
        if ready is not None:  # the build stopped: its workers go at once
            stop(ready)
        raise
    finally:
        if ready is not None:
            ready.shutdown(wait=True, cancel_futures=True)


def _loaded_before_workers(root: Path, kinds: Iterable[str]) -> Theme | None:
    """What this process needs too, loaded before the workers are forked, so that they
    inherit it rather than load it again: the theme's fonts, which measuring text reads, and
    the deck's layout (python-pptx) when a deck view is built. None when the theme cannot be
    read (the build reads it again, and tells what is wrong)."""
    import datetime as dt

    from .i18n import long_date
    from .kinds import KINDS
    from .render.fonts import Fonts

    if any(KINDS[k].shares for k in kinds):  # a view of the laid-out deck
        from .render import layout, ooxml, pptx_template  # noqa: F401 - to lay it out
    with suppress(Exception):  # every output writes the date: Babel and its language's words
        long_date(dt.date(2000, 1, 1), _course_language(root) or "en")
    try:
        theme = load_theme(root)
        for family in (theme.body_font, theme.heading_font):
            Fonts(family)
    except Exception:  # noqa: BLE001 - reported by the build itself
        return None
    return theme


def load_for_more_builds(root: Path, options: BuildOptions, jobs: int) -> None:
    """Load the renderers of the outputs ``options`` asks for, their libraries and the
    theme's fonts in this process, for a process that builds again and again (``watch``,
    ``preview``) to call while it waits: the workers of its later builds are forked with
    them loaded, rather than load them again in each build (see rendering.load_renderers).
    A build on one process loads them itself, in its first build."""
    from .kinds import KINDS
    from .rendering import load_renderers

    if jobs < 2 or not hasattr(os, "fork"):
        return
    kinds = [k for k in (options.kinds or KINDS) if k in KINDS]
    if all(KINDS[k].loaded for k in kinds):
        return
    with _interrupt_held():
        theme = _loaded_before_workers(root, kinds)  # the deck's layout code, the fonts
        load_renderers(kinds, theme, root)


@contextmanager
def _interrupt_held() -> Iterator[None]:
    """Ctrl-C, SIGTERM and SIGHUP held back while libraries are imported, and told as soon
    as they are: an interrupt inside a compiled module's start-up (pikepdf's) aborts the
    process rather than raise KeyboardInterrupt, so ``preview`` stopped while it waited for
    a save died with a "critical error" instead of saying "Stopped" (a closed terminal
    window, SIGHUP, did so too). Each is noted by a handler of its own meanwhile (blocking
    the signal in this thread was not enough: the preview's server thread took it, and
    Python raised it here all the same). Only in the main thread, where handlers are set
    (elsewhere nothing is held)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held = [
        getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
    ]
    noted: list[int] = []
    before: dict[int, Any] = {}
    try:
        for each in held:
            before[each] = signal.signal(each, lambda number, _: noted.append(number))
    except (ValueError, OSError):  # no handler may be set here: nothing is held
        for each, handler in before.items():
            signal.signal(each, handler)
        yield
        return
    try:
        yield
    finally:
        for each, handler in before.items():
            signal.signal(each, handler)
        if noted:  # told now, as it would have been (the first one noted)
            number = noted[0]
            handler = before.get(number)
            if callable(handler):
                handler(number, None)
            elif handler == signal.SIG_DFL and number == signal.SIGINT:
                raise KeyboardInterrupt
            elif handler == signal.SIG_DFL:
                signal.raise_signal(number)


def _course_language(root: Path) -> str | None:
    """The language course.yaml names, as written (not checked: the build checks it)."""
    from .manifest import course_file

    doc = course_file(root)
    language = doc.data.get("language") if doc and isinstance(doc.data, dict) else None
    return language if isinstance(language, str) else None


def _likely_stale(root: Path, options: BuildOptions) -> bool:
    """Whether the output folder looks out of date, from a glance and without reading the
    project: it has no manifest, or a file of the project is newer than it. A wrong guess
    costs time only (workers started for nothing, or later than they could have)."""
    try:
        folder = output_folder_of(root, options.output)
        built = (folder / MANIFEST_NAME).stat().st_mtime
    except (OSError, MaterialsError):
        return True
    if options.roster is not None:
        with suppress(OSError):
            if Path(options.roster).stat().st_mtime > built:
                return True
    looked = 0
    for top in (root / "content", root / "templates"):
        if top.is_symlink():  # not followed out of the project, even to look at times
            return True
        for path, _, files in os.walk(top):
            for name in files:
                looked += 1
                if looked > _GLANCE:
                    return True
                with suppress(OSError):
                    if os.stat(os.path.join(path, name)).st_mtime > built:
                        return True
    return False


_GLANCE = 2_000  # files looked at before guessing the build stale (a huge project)


@contextmanager
def collector_eased() -> Iterator[None]:
    """Python's cycle collector eased while building. A build makes millions of short-lived
    objects, and the collector's passes over everything alive cost it about a tenth of its
    time. So what is alive when the build starts (the pipeline's modules, the project as
    loaded) is set aside (frozen; the workers are forked after a second freeze that adds the
    renderers, the fonts and the course, see rendering.py), and the collector runs less
    often; it still runs, so a long course's memory stays near what it was (500 modules:
    18 s instead of 21, 507 MB at the peak instead of 495). Afterwards all is as it was, for
    watch and preview, which build again and again in one process; a caller that froze
    objects itself keeps them frozen (nothing is frozen or thawed then)."""
    import gc

    threshold = gc.get_threshold()
    ours = gc.get_freeze_count() == 0
    if ours:
        gc.freeze()
    gc.set_threshold(5_000, 10, 10)
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        if ours:
            gc.unfreeze()
