"""``materials-gen init``: a new project, from the example course or a blank starter.

A new project gets the content and the theme, not the templates: a project that never
changed a template keeps using the built-in ones (the lookup falls back to them, see
``project.template_dirs``), so the template fixes of later releases reach it. A trainer who
wants to change a template copies it, or all of them with ``--templates``.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from pathlib import Path

from .project import builtin_content, builtin_templates

THEME = "theme.yaml"

# The blank starter: one audience, one module, every field a trainer usually fills in,
# each with a word on what it is for. It builds every output without a warning.
BLANK_COURSE = """\
# The course: its title, who it is for, and its modules in order.
# Every output (deck, handout, poster, guide, forms) is made from this folder.
title: My Course
subtitle: What the session is about, in one line
slug: my-course          # the start of every output's file name
organization: My Organization
version: "0.1"
date: {today}            # the date of this version of the content
language: en-US
summary: >-
  Two or three sentences on what people will learn and why it matters.

# Who the materials are for. Add an audience with `includes: [everyone]` to give
# it everything `everyone` sees, plus content marked `audience: <its id>`.
audiences:
  - id: everyone
    name: Everyone
    description: Everyone who attends the session.

modules:
  - welcome

# The poster for the wall: a headline, a comparison table from content/tables/ and a
# panel of points.
poster:
  headline: My Course in one picture
  subtitle: What to remember after the session
  table: before-after
  panel:
    title: What each of us can do
    points:
      - "**Notice** what is happening around you"
      - "**Act** on what you notice"
      - "**Ask** for help when you need it"
  note: Questions? Ask the trainer.

settings:
  paper: letter          # or a4
  session:
    start: "09:00"
    length: 30           # minutes booked for the session
"""

BLANK_MODULE = """\
---
title: Welcome
duration: 15
objectives:
  - Say what this session covers and why it matters
key_points:
  - The first thing people should remember
  - The second thing people should remember
notes: |
  What to say while this module is on screen. Speaker notes appear under each slide
  of the deck and in the facilitator guide.
reflection:
  - A question for people to think about afterwards
takeaway: The one sentence people should leave with.
tables: [before-after]
---

The module's text, in Markdown: paragraphs, **bold**, *italic*, lists. It is printed in
the handout; the key points become the slides.
"""

BLANK_TABLE = """\
title: Before and after the session
columns:
  - id: topic
    heading: Topic
  - id: before
    heading: Before
  - id: after
    heading: After
rows:
  - topic: Knowing
    before: What people may know already
    after: What they know after the session
  - topic: Doing
    before: What people do today
    after: What they will do differently
  - topic: Asking for help
    before: Who people turn to today
    after: Whom they can turn to now
caption: A table is shown in the handout, on a slide and on the poster.
"""


def create_project(directory: Path, blank: bool = False, with_templates: bool = False) -> list[str]:
    """Make a project in ``directory``; lines saying what was made.

    FileExistsError when it already has content/ or templates/ (nothing is changed then).
    The project is made in a folder of its own beside them, then moved into place: one that
    cannot be made whole (no room left on the disk) leaves nothing behind, so that init can
    be run again (a half-copied content/ was left, its files cut short, and init refused
    to run again as it found a project there). OSError then, its message a sentence.
    """
    for name in ("content", "templates"):
        if os.path.lexists(directory / name):
            raise FileExistsError(17, "already exists", str(directory / name))
    created = not os.path.lexists(directory)
    directory.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".materials-gen-init-", dir=directory))
    moved: list[Path] = []
    try:
        made = _made_in(staging, blank, with_templates)
        for name in ("content", "templates"):
            os.rename(staging / name, directory / name)
            moved.append(directory / name)
        staging.rmdir()
    except BaseException as exc:
        for path in [staging, *moved]:
            shutil.rmtree(path, ignore_errors=True)
        if created:
            with contextlib.suppress(OSError):
                directory.rmdir()
        if isinstance(exc, shutil.Error):  # copytree's list of every file it could not copy
            source, _, why = exc.args[0][0]
            reason = re.sub(r"^\[Errno \d+\] ", "", str(why)).split(": '")[0]
            raise OSError(f"cannot copy {Path(source).name}: {reason}") from None
        raise
    return made


def _made_in(directory: Path, blank: bool, with_templates: bool) -> list[str]:
    """The project's content/ and templates/ made in ``directory``; what was made."""
    made = []
    if blank:
        _blank_content(directory / "content")
        made.append("content/     a one-module starter course to fill in")
    else:
        shutil.copytree(builtin_content(), directory / "content")
        made.append(
            "content/     the example course (trauma-informed and trauma-competent care),"
            " in English and Spanish (content/translations/es)"
        )
    templates = directory / "templates"
    if with_templates:
        shutil.copytree(builtin_templates(), templates)
        made.append("templates/   the theme and every template, yours to change")
    else:
        templates.mkdir()
        shutil.copy2(builtin_templates() / THEME, templates / THEME)
        made.append(f"templates/{THEME}  the theme: colours, fonts and type sizes")
        made.append("(the built-in templates are used; init --templates copies them to change)")
    return made


def add_templates(templates: Path) -> tuple[list[str], list[str]]:
    """The built-in templates a project's templates/ folder lacks, copied in to change;
    a file already there is never replaced (it is the trainer's). The names added, and
    those kept as they were."""
    from .write import write_in_project

    templates.mkdir(exist_ok=True)
    added, kept = [], []
    for source in sorted(builtin_templates().iterdir()):
        if not source.is_file():
            continue
        target = templates / source.name
        # never through a link (a shared project's templates/ may hold one leading out)
        if write_in_project(templates.parent, target, source.read_bytes()):
            added.append(source.name)
        else:
            kept.append(source.name)
    return added, kept


def _blank_content(content: Path) -> None:
    import datetime as dt

    (content / "modules").mkdir(parents=True)
    (content / "tables").mkdir()
    today = dt.date.today().isoformat()
    (content / "course.yaml").write_text(BLANK_COURSE.format(today=today), encoding="utf-8")
    (content / "modules" / "welcome.md").write_text(BLANK_MODULE, encoding="utf-8")
    (content / "tables" / "before-after.yaml").write_text(BLANK_TABLE, encoding="utf-8")
