"""CHANGES.md: what changed in the content of the files a build made again, for each
audience, and why the others were made (see changes.py for how two contents compare)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .changes import FIRST_TIME, AudienceChanges, changes, markdown, snapshot
from .edition import Edition
from .images import PICTURE_SUFFIXES
from .jobs import AS_IT_WAS
from .manifest import CHANGES as CHANGES_NAME
from .manifest import Manifest, Record, output_hash, text_hash
from .model import Course
from .tailor import tailor

if TYPE_CHECKING:
    from .records import BuildReport, Built


def what_changed(
    course: Course,
    editions: dict[str, Edition],
    report: BuildReport,
    previous: Manifest,
    manifest: Manifest,
    picture_hash: Callable[[str], str] | None = None,
) -> bytes | None:
    """What changed in the content of the files this build made again, in each language and
    for each audience (``picture_hash``: a picture's hash, so that one replaced under the
    same name is a change); return CHANGES.md's bytes when this build made any file again
    (``report.changes`` keeps it, and ``report.what_changed`` the content's changes): the
    content's changes, and the files made again with the content they had, with why (a
    template, the theme, an option...) or as new, so that CHANGES.md is never an earlier
    build's report. A first build has nothing to compare with: it writes none.

    Each output's record keeps the content its file shows (``manifest.content_of``): a file
    made again is compared with the content it was made from, so a build that does not make
    a file again (another language, another kind) leaves its changes to the build that
    does. A file this build looked at and kept as it was (it does not show what changed)
    shows the content of now. The overview page's snapshots, of the course's own language,
    are kept up to date too."""
    current: dict[tuple[int, str], dict[str, Any]] = {}
    # the course each edition sees is tailored once a build, by the edition
    seen = {(id(e.course), e.audience.id): e for e in editions.values()}

    def content(each: Course, audience_id: str) -> dict[str, Any]:
        key = (id(each), audience_id)
        if key not in current:
            edition = seen.get(key)
            tailored = edition.tailored if edition else tailor(each, audience_id)
            current[key] = snapshot(tailored, picture_hash, audience_id)
        return current[key]

    for audience in course.audiences:  # the overview's "who gets what"
        if any(b.target.audience.id == audience.id for b in report.built):
            manifest.snapshots[audience.id] = content(course, audience.id)
    by_edition: dict[str, list[Built]] = {}
    for built in report.built:
        by_edition.setdefault(built.target.key, []).append(built)
    sections = []
    for key, made in by_edition.items():
        edition = editions.get(key)
        if edition is None:
            continue
        now = content(edition.course, edition.audience.id)
        digest = text_hash(json.dumps(now, sort_keys=True, ensure_ascii=False))
        manifest.contents[digest] = now
        language = made[0].target.language
        name = f"{edition.audience.name} ({language})" if language else str(edition.audience.name)
        before: dict[str, list[str]] = {}  # the content a file showed -> files made again
        for built in made:
            path = built.target.path.as_posix()
            was = previous.content_of.get(path)
            manifest.content_of[path] = digest
            if (
                built.status == "built"
                and built.reasons
                and was is not None
                and was != digest
                and _shows_change(previous.records.get(path), manifest.records.get(path))
            ):
                before.setdefault(was, []).append(path)
        for was, files in before.items():
            found = changes(previous.contents.get(was), now)
            if found:
                sections.append(AudienceChanges(name, tuple(found), tuple(files)))
    shown = {p: d for p, d in manifest.content_of.items() if p in manifest.records}
    manifest.content_of = shown
    manifest.contents = {d: c for d, c in manifest.contents.items() if d in shown.values()}
    remade = _remade(report, previous, {f for s in sections for f in s.files})
    first = False
    if not sections and not remade:
        # a first build writes no report, but replaces one it finds that no build here
        # wrote (shipped with a shared project, or left by someone else's build): the
        # report is always of the last build that changed files here
        found = output_hash(report.output / CHANGES_NAME)
        if previous.records or not report.rebuilt or found in (None, previous.changes_hash):
            return None
        first = True
    report.what_changed = sections
    report.changes = markdown(
        sections, course.version, str(course.date), remade.items(), first=first
    )
    return report.changes.encode("utf-8")


def _shows_change(before: Record | None, now: Record | None) -> bool:
    """Whether a file made again shows a change of its audience's content: its template
    wrote other Markdown, or a picture it shows changed. One whose Markdown is as it was
    (a sign-in sheet made again for a new colour while a key point was edited) is told
    with the reason it was made, not under the content's changes it does not show."""
    if before is None or now is None or not before.markdown or before.markdown != now.markdown:
        return True
    made = before.made_from
    return any(_content_file(n) and made.get(n) != v for n, v in now.inputs.items())


def _content_file(name: str) -> bool:
    """Whether an input (``file:...``) is a file of the content: in content/, or a picture
    the content shows from elsewhere in the project (``assets/logo.png``), not a template's
    or the theme's (templates/), nor a font or deck template outside the project."""
    from .manifest import outside

    path = name.removeprefix("file:")
    if path == name or outside(path):
        return False
    if path.startswith("content/"):
        return True
    return not path.startswith("templates/") and path.lower().endswith(PICTURE_SUFFIXES)


def _remade(report: BuildReport, previous: Manifest, told: set[str]) -> dict[str, list[str]]:
    """The files this build changed that the content's changes do not name (``told``), by
    why they were made: the inputs that changed, or as new when an earlier build made
    others (a first build has nothing to tell). A file made again as it was (--force, or
    one deleted or altered by hand, put back) is no change."""
    remade: dict[str, list[str]] = {}
    for built in report.rebuilt:
        path = built.target.path.as_posix()
        if path in told or AS_IT_WAS.intersection(built.reasons):
            continue
        if built.reasons:
            why = "; ".join(built.reasons)
        elif previous.records and path not in previous.records:
            why = FIRST_TIME
        else:
            continue
        remade.setdefault(why, []).append(path)
    return remade
