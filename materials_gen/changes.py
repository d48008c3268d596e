"""What changed for each audience since the last build, in a trainer's words.

Before printing 200 handouts a trainer needs to know which printed copies are out of date.
Each build keeps a snapshot of the content every audience saw (modules, their objectives,
key points, paragraphs, questions, takeaways, and table rows, and the pictures they show by
the hash of their file); the next build compares its snapshot with that one and lists what
was added, removed or edited (a picture replaced under the same name too), and which files
that touched: as Markdown in CHANGES.md, and as plain text on the terminal, where an edited
bullet shows its text before and after, whole (a long paragraph: the words around the
edit). CHANGES.md also lists the files the build made again without a change to their
content (a template, the theme or an option changed), with why: it is always the report of
the last build that wrote files, never an older build's.
"""

from __future__ import annotations

import difflib
import re
import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .document import MODULE_BOXES
from .images import IMAGE  # a picture as validation writes it
from .model import Course
from .schedule import dropped_break


def _paragraphs(markdown: str) -> list[str]:
    return [" ".join(p.split()) for p in markdown.split("\n\n") if p.strip()]


def snapshot(
    course: Course, picture_hash: Callable[[str], str] | None = None, audience: str = ""
) -> dict[str, Any]:
    """A tailored course reduced to labelled texts, small enough to keep in the manifest;
    with ``picture_hash`` (a picture's project-relative path -> the hash of its file), the
    pictures those texts show too, so that a picture replaced under the same name is a
    change (a course without pictures has the snapshot it had before they were kept)."""
    modules = []
    tables: dict[str, list[list[str]]] = {}
    titles: dict[str, str] = {}  # each table's title, as a reader knows it (not its id)
    ends = dropped_break(course)  # its break is in no session plan: nothing prints it
    for module in course.modules:
        items: list[list[str]] = []
        items += [["learning objective", str(t)] for t in module.objectives]
        items += [["key point", str(t)] for t in module.key_points]
        items += [["paragraph", t] for t in _paragraphs(module.prose)]
        items += [["activity", f"{a.title}: {a.instructions}"] for a in module.activities]
        items += [["reflection question", str(t)] for t in module.reflection]
        if module.takeaway:
            items.append(["takeaway", str(module.takeaway)])
        if module.content_note:
            items.append(["content note", " ".join(str(module.content_note).split())])
        if module.notes:
            items.append(["speaker notes", " ".join(str(module.notes).split())])
        items += [["knowledge-check question", _question(q)] for q in module.questions]
        if module.duration:
            items.append(["time", f"{module.duration} min"])
        items += _printed_details(module, with_break=module is not ends)
        modules.append({"id": module.id, "title": str(module.title), "items": items})
        for table in module.tables:
            ids = [c.id for c in table.columns]
            tables[table.id] = [[str(row.cells.get(i, "")) for i in ids] for row in table.rows]
            if str(table.title or "").strip():
                titles[table.id] = str(table.title)
    found: dict[str, Any] = {"modules": modules, "tables": tables, "kept": KEPT}
    if titles:
        found["table_titles"] = titles
    found["course"] = _course_items(course, audience)
    if picture_hash is not None:
        texts = [t for m in modules for _, t in m["items"]]
        texts += [c for rows in tables.values() for row in rows for c in row]
        pictures = {src: picture_hash(src) for src in sorted(_pictures_in(texts))}
        if pictures:
            found["pictures"] = pictures
    return found


# What a snapshot keeps, by version: 2 added the course's own texts, the modules' questions
# and times; 3 the rest of what the pages print (activities' times and materials, answers'
# explanations, tables' titles, captions and headings, sources, breaks, the course's
# author, version and session); 4 the content's date (every page's footer prints it); 5 the
# organization, summary and keywords, and the session's trainer, group size, date and
# continuing-education approval (the sign-in sheet, the guide, the certificates). A
# snapshot of an older build is compared without what it did not keep: nothing is new in
# it only because it was not kept before.
KEPT = 5
_SINCE = {
    2: frozenset({"knowledge-check question", "time"}),
    3: frozenset(
        {
            "activity time",
            "materials",
            "explanation",
            "table title",
            "table caption",
            "column headings",
            "source",
            "break",
            "author",
            "version",
            "session",
        }
    ),
    4: frozenset({"content date"}),
    5: frozenset(
        {
            "organization",
            "summary",
            "keywords",
            "trainer",
            "group size",
            "session date",
            "accrediting body",
            "approval number",
        }
    ),
}


def _printed_details(module: Any, with_break: bool = True) -> list[list[str]]:
    """The rest of what a module's pages print: its activities' times and materials, its
    questions' explanations (the answer key), its tables' titles, captions and column
    headings, its sources and the break after it (``with_break``: the session plan has
    it; not after the last thing timed, where the session ends)."""
    items: list[list[str]] = []
    for activity in module.activities:
        if activity.duration:
            items.append(["activity time", f"{activity.title}: {activity.duration} min"])
        if activity.materials:
            needed = ", ".join(str(m) for m in activity.materials)
            items.append(["materials", f"{activity.title}: {needed}"])
    items += [["explanation", str(q.explanation)] for q in module.questions if q.explanation]
    for table in module.tables:
        if table.title:
            items.append(["table title", str(table.title)])
        if table.caption:
            items.append(["table caption", str(table.caption)])
        items.append(["column headings", " | ".join(str(c.heading) for c in table.columns)])
    items += [["source", _source(s)] for s in module.sources]
    if module.break_after and with_break:
        items.append(["break", f"{module.break_after} min after this module"])
    return items


def _source(source: Any) -> str:
    said = f"{source.author} ({source.year}). {source.title}"
    return f"{said}, {source.number}" if source.number else said


def _question(question: Any) -> str:
    """A knowledge-check question as the report shows it: its words, options and answer."""
    options = " / ".join(str(o) for o in question.options)
    said = f"{question.question} ({options})" if options else str(question.question)
    return f"{said}; answer: {question.correct}"


# a setting's name in the report where its own would say less
_LABELS = {"date": "session date"}


def _course_items(course: Course, audience: str) -> list[list[str]]:
    """The course's own texts an audience's outputs print: title, subtitle, the audience's
    description, where support is, the poster's words."""
    items = [["course title", str(course.title)]]
    if course.subtitle:
        items.append(["subtitle", str(course.subtitle)])
    for label, text in (
        ("organization", course.organization),
        ("author", course.author),
        ("version", course.version),
        ("summary", course.summary),
        ("keywords", ", ".join(course.keywords)),
    ):
        if text:
            items.append([label, str(text)])
    if course.date:
        items.append(["content date", str(course.date)])
    session = course.settings.session
    plan = f"starts at {session.start}"
    plan += f", {session.length} min long" if session.length else ""
    plan += f", breaks of {session.break_length} min"
    plan += f" every {session.break_every} min" if session.break_every else ""
    times = ("sign_in", "pre_test", "post_test", "evaluation")
    plan += "".join(f", {t.replace('_', '-')} {getattr(session, t)} min" for t in times)
    items.append(["session", plan])
    # the rest of the session's settings, and of any it gains, each by its name: printed on
    # the sign-in sheet, the guide's copies to print, the certificates
    told = {"start", "length", "break_length", "break_every", *times}
    credit = course.settings.continuing_education
    for name, value in [
        *((n, getattr(session, n)) for n in type(session).model_fields if n not in told),
        *((n, getattr(credit, n)) for n in type(credit).model_fields),
    ]:
        if value not in (None, ""):
            items.append([_LABELS.get(name, name.replace("_", " ")), str(value)])
    items += [["source", _source(s)] for s in course.sources]
    items += [
        ["audience description", a.description]
        for a in course.audiences
        if a.description and a.id == audience
    ]
    items += [
        ["support", f"{s.name}: {s.details}" if s.details else str(s.name)] for s in course.support
    ]
    poster = course.poster
    items += [
        [label, str(text)]
        for label, text in (
            ("poster headline", poster.headline),
            ("poster subtitle", poster.subtitle),
            ("poster note", poster.note),
        )
        if text
    ]
    items += [["poster point", str(point)] for point in poster.panel.points]
    return items


def _pictures_in(texts: Iterable[str]) -> dict[str, str]:
    """The pictures ``texts`` show: each file (as validation names it, project-relative)
    with its description."""
    found: dict[str, str] = {}
    for text in texts:
        if "![" in text:
            for picture in IMAGE.finditer(text):
                found.setdefault(picture["src"].strip("<>"), _flat(picture["alt"]))
    return found


@dataclass(frozen=True)
class Change:
    """One thing that changed: ``what`` ("key point edited", "module added"...), the texts
    before and after (empty when there was none), and the module or table it is in."""

    what: str
    before: str = ""
    after: str = ""
    place: str = ""  # "module 'Welcome'", "table 'comparison'"; "" for a module itself


@dataclass(frozen=True)
class AudienceChanges:
    """What changed for one audience, and the files that now need printing again."""

    audience: str
    changes: tuple[Change, ...]
    files: tuple[str, ...]


def _flat(text: str) -> str:
    return " ".join(text.split())


def _pairs(
    old: list[Any], new: list[Any], key: Any, alike: Callable[[Any, Any], bool]
) -> list[tuple[str, Any, Any]]:
    """('added' | 'removed' | 'edited', old, new) for two sequences, edits paired in order
    where ``alike`` finds the new one the old one edited (see :func:`_paired`)."""
    out: list[tuple[str, Any, Any]] = []
    matcher = difflib.SequenceMatcher(
        a=[key(x) for x in old], b=[key(x) for x in new], autojunk=False
    )
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        out += _paired(old[i1:i2], new[j1:j2], alike)
    return out


# how alike two texts must be to be told as one edited, not one removed and another added
# (difflib's ratio): a sentence letter by letter (an edit keeps more than half its letters;
# the same point in another language, a third or so), a longer text word by word; texts
# longer than so many words are paired by place
EDITED_ALIKE = 0.5
ALIKE_LETTERS = 300
EDITED_ALIKE_WORDS = 0.4
ALIKE_WORDS_MOST = 2000


def _paired(
    olds: list[Any], news: list[Any], alike: Callable[[Any, Any], bool]
) -> list[tuple[str, Any, Any]]:
    """The items of a stretch where ``olds`` gave way to ``news``: each old one paired, in
    order, with the first new one after the last pair that is like it (an edit), the others
    removed or added. Paired by place alone, a list told in another language (a translation's
    key points printed in the source's language once the source's list changed) was told as
    each old item "edited" into an unrelated new one."""
    if len(olds) == len(news) == 1:  # one text for one (a date, a title): an edit
        return [("edited", olds[0], news[0])]
    out: list[tuple[str, Any, Any]] = []
    start = 0
    for a in olds:
        match = next((j for j in range(start, len(news)) if alike(a, news[j])), None)
        if match is None:
            out.append(("removed", a, None))
            continue
        out += [("added", None, b) for b in news[start:match]]
        out.append(("edited", a, news[match]))
        start = match + 1
    out += [("added", None, b) for b in news[start:]]
    return out


def _alike_items(old: Any, new: Any) -> bool:
    """Whether ``new`` reads as ``old`` edited: a text of the same kind ("key point": never
    a paragraph) whose words are like the old ones."""
    return old[0] == new[0] and _alike(str(old[1]), str(new[1]))


def _alike_rows(old: Any, new: Any) -> bool:
    """Whether the table row ``new`` reads as ``old`` edited: its cells' words alike."""
    return _alike(*(" ".join(str(cell or "") for cell in row) for row in (old, new)))


def _alike(before: str, after: str) -> bool:
    before, after = _flat(before), _flat(after)
    if max(len(before), len(after)) <= ALIKE_LETTERS:  # a sentence: letter by letter
        ratio = difflib.SequenceMatcher(None, before, after, autojunk=False).ratio()
        return ratio >= EDITED_ALIKE
    words = before.split(), after.split()  # a paragraph: word by word
    if max(map(len, words)) > ALIKE_WORDS_MOST:
        return True
    return difflib.SequenceMatcher(None, *words, autojunk=False).ratio() >= EDITED_ALIKE_WORDS


def changes(old: dict[str, Any] | None, new: dict[str, Any]) -> list[Change]:
    """What changed between two snapshots of one audience's content (none without an old
    one: a first build has nothing to compare with), as a reader sees it: a module whose
    file was renamed is the same module (nothing to tell when nothing in it changed), a
    new order of the modules is told as such, and texts are shown without their markup
    (a picture by its description; one whose file was replaced under the same name is
    told where it was shown before and still is)."""
    if not old:
        return []
    kept = old.get("kept", 1)
    if kept < KEPT:  # kept by an older build: compare what it kept
        unkept = frozenset().union(*(labels for n, labels in _SINCE.items() if n > kept))
        new = {**new}
        if kept < 2:
            new["course"] = old.get("course", [])
        new["course"] = [i for i in new.get("course", []) if i[0] not in unkept]
        new["modules"] = [
            {**m, "items": [i for i in m["items"] if i[0] not in unkept]}
            for m in new.get("modules", [])
        ]
    found: list[Change] = []
    for what, a, b in _pairs(old.get("course", []), new.get("course", []), tuple, _alike_items):
        found.extend(_item_change(what, a, b, ""))
    old_pictures, new_pictures = old.get("pictures", {}), new.get("pictures", {})
    replaced = {p for p, h in new_pictures.items() if old_pictures.get(p, h) != h}
    old_modules, new_modules = old.get("modules", []), new.get("modules", [])
    was = _matched_modules(old_modules, new_modules)  # new id -> the module it was
    for module in new_modules:
        before = was.get(module["id"])
        if before is None:
            found.append(Change("module added", after=readable(module["title"])))
            continue
        place = f"module '{readable(module['title'])}'"
        if before["title"] != module["title"]:
            edited = readable(before["title"]), readable(module["title"])
            found.append(Change("title edited", *edited, place))
        for what, a, b in _pairs(before["items"], module["items"], tuple, _alike_items):
            found.extend(_item_change(what, a, b, place))
        texts = ([t for _, t in m["items"]] for m in (before, module))
        found += _replaced(*texts, replaced, place)
    order = _reordered(old_modules, new_modules, was)
    if order is not None:
        found.append(order)
    kept = {id(m) for m in was.values()}
    for module in old_modules:
        if id(module) not in kept:
            found.append(Change("module removed", before=readable(module["title"])))
    old_tables, new_tables = old.get("tables", {}), new.get("tables", {})
    titles = {**old.get("table_titles", {}), **new.get("table_titles", {})}

    def named(table_id: str) -> str:  # as a reader knows it: its title, else its id
        return readable(titles.get(table_id, "")) or table_id

    for table_id, rows in new_tables.items():
        before_rows = old_tables.get(table_id)
        if before_rows is None:
            found.append(Change("table added", after=named(table_id)))
            continue
        place = f"table '{named(table_id)}'"
        for what, a, b in _pairs(before_rows, rows, tuple, _alike_rows):
            label = _flat((b or a)[0]) if (b or a) else ""
            found.append(_row_change(what, readable(label), a, b, place))
        cells = ([c for row in r for c in row] for r in (before_rows, rows))
        found += _replaced(*cells, replaced, place)
    for table_id in old_tables:
        if table_id not in new_tables:
            found.append(Change("table removed", before=named(table_id)))
    return found


def _replaced(old: list[str], new: list[str], replaced: set[str], place: str) -> list[Change]:
    """ "picture changed" for each picture of ``replaced`` (its file's bytes changed) that
    the texts of a module or the cells of a table, ``old`` and ``new``, show both before
    and after (a picture shown anew is told as added)."""
    if not replaced:
        return []
    before, after = _pictures_in(old), _pictures_in(new)
    return [
        Change("picture changed", after=f"{alt or '(no description)'} ({src})", place=place)
        for src, alt in after.items()
        if src in replaced and src in before
    ]


def _matched_modules(
    old: list[dict[str, Any]], new: list[dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    """Each module of ``new`` that was in ``old``, by its id: the module of the same id, or
    else, as a module whose file was renamed or moved, the one left over with the same
    title and texts, then the same title, then the same texts."""
    by_id = {m["id"]: m for m in old}
    was = {m["id"]: by_id[m["id"]] for m in new if m["id"] in by_id}
    left = [m for m in old if m["id"] not in was]
    for same in (
        lambda a, b: a["title"] == b["title"] and a["items"] == b["items"],
        lambda a, b: a["title"] == b["title"],
        lambda a, b: a["items"] == b["items"],
    ):
        for module in new:
            if module["id"] in was:
                continue
            match = next((m for m in left if same(m, module)), None)
            if match is not None:
                was[module["id"]] = match
                left.remove(match)
    return was


def _reordered(
    old: list[dict[str, Any]], new: list[dict[str, Any]], was: dict[str, dict[str, Any]]
) -> Change | None:
    """ "modules reordered", with the order before and after, when the modules in both
    snapshots come in another order (one added or removed moves no other)."""
    kept = {id(m) for m in was.values()}
    before = [m for m in old if id(m) in kept]
    after = [was[m["id"]] for m in new if m["id"] in was]
    if [id(m) for m in before] == [id(m) for m in after]:
        return None
    titles = {id(was[m["id"]]): readable(m["title"]) for m in new if m["id"] in was}
    return Change(
        "modules reordered",
        "; ".join(readable(m["title"]) for m in before),
        "; ".join(titles[id(m)] for m in after),
    )


def _item_change(what: str, old: Any, new: Any, place: str) -> list[Change]:
    """One text of a module added, removed or edited, shown as a reader sees it."""
    if what == "removed":
        label, text = _shown(*old)
        return [Change(f"{label} removed", before=text, place=place)] if text else []
    if what == "added":
        label, text = _shown(*new)
        return [Change(f"{label} added", after=text, place=place)] if text else []
    (old_label, before), (new_label, after) = _shown(*old), _shown(*new)
    if not before and not after:  # a box's untitled fences: nothing a reader sees
        return []
    if old_label != new_label:
        return [
            Change(f"{old_label} removed", before=before, place=place),
            Change(f"{new_label} added", after=after, place=place),
        ]
    if before == after:  # the same to read: what differs is the file or the markup
        if old_label == "picture":
            return [Change("picture replaced", *_picture_files(old[1], new[1]), place)]
        before, after = _flat(old[1]), _flat(new[1])
    return [Change(f"{old_label} edited", before, after, place)]


def _shown(label: str, text: str) -> tuple[str, str]:
    """A text of a module as the report shows it: a paragraph that is a picture is a
    picture, told by its description; any other text without its markup."""
    picture = IMAGE.fullmatch(text.strip())
    if picture is not None:
        return "picture", _flat(picture["alt"]) or "(no description)"
    opening = _FENCE.match(text.lstrip())
    if label == "paragraph" and opening is not None and "notes" in _classes(opening):
        label = "speaker notes"  # a '::: notes' box in a module's text
    return label, readable(text)


def _picture_files(old: str, new: str) -> tuple[str, str]:
    """A picture replaced by another of the same description: the description, and each
    one's file."""
    a, b = IMAGE.search(old), IMAGE.search(new)
    if a is None or b is None:
        return _flat(old), _flat(new)
    alt = _flat(b["alt"]) or "(no description)"
    return f"{alt} ({a['src'].strip('<>')})", f"{alt} ({b['src'].strip('<>')})"


def readable(text: str) -> str:
    """Markdown as a reader sees it, on one line: emphasis marks dropped, a link by its
    words, a picture in a text by its description, a quote's marks left out, and a box's
    fences by its title ("Remember: Wash your hands."; a paragraph of a module's text may
    be a whole box: "::: {.callout}" ... ":::")."""
    titles: list[str] = []
    if ":::" in text:
        titles, text = _unfenced(text)
    words = _words(text) if text.strip() else ""
    return ": ".join(t for t in (*titles, words) if t)


def _words(text: str) -> str:
    if not any(ch in text for ch in "*_`[!<\\&>#-+0123456789"):
        return _flat(text)
    from markdown_it import MarkdownIt

    words: list[str] = []
    for block in MarkdownIt("commonmark").parse(text):
        if block.type != "inline":
            continue
        for token in block.children or []:
            if token.type == "image":
                alt = _flat("".join(c.content for c in token.children or []))
                words.append(f"[picture: {alt}]" if alt else "[picture]")
            elif token.type in ("text", "code_inline", "html_inline"):
                words.append(token.content)
            elif token.type in ("softbreak", "hardbreak"):
                words.append(" ")
        words.append(" ")
    return _flat("".join(words)) or _flat(text)


# The classes of the boxes a module's text may hold (README: "Fenced divs"): a fence names
# one bare ("::: notes") or in braces ("::: {.callout title=...}")
_BOXES = MODULE_BOXES
_ONE = r":{3,}(?:[ \t]*(?:\{[^}\n]*\}|[A-Za-z][\w-]*(?![\w-])))?"  # a fence, unnamed
_FENCE = re.compile(
    r":{3,}[ \t]*(?:\{(?P<attributes>[^}\n]*)\}|(?P<word>[A-Za-z][\w-]*)(?![\w-]))?"
)
_COLONS = re.compile(r"\s*:{3,}")
_CLOSING = re.compile(r"(?:^|\s+):{3,}\s*$")
_INSIDE = re.compile(r"(?<=\s)" + _ONE + r"(?:\s+" + _ONE + r")*(?=\s|$)")  # fences in a row


def _unfenced(text: str) -> tuple[list[str], str]:
    """The titles of the boxes whose fences ``text`` holds, and the text without them.

    A snapshot keeps a paragraph on one line, so a box written on lines of its own is one
    line here ("::: notes Say this. :::"): fences are taken at its start (where a word after
    one is a box's class only if it is one: "::: Then ..." is a fence and a word), at its
    end, and inside it where one box closes and the next opens (":::: columns ::: column
    Left ::: ::: column Right ::: ::::") or a fence names attributes. Prose that speaks of
    ':::' ("type ::: notes to start", "10:30 ::: 11:00") is left as it is."""
    titles: list[str] = []

    def kept(found: re.Match[str]) -> None:
        title = _title_of(found["attributes"]) if found["attributes"] is not None else ""
        if title:
            titles.append(title)

    while (found := _FENCE.match(text.lstrip())) is not None:
        if found["word"] is not None and found["word"] not in _BOXES:
            text = text[_COLONS.match(text).end() :]  # type: ignore[union-attr]
        else:
            kept(found)
            text = text.lstrip()[found.end() :]
    while (found := _CLOSING.search(text)) is not None:
        text = text[: found.start()]

    def inside(group: re.Match[str]) -> str:
        fences = list(_FENCE.finditer(group[0]))
        named = any(f["attributes"] is not None for f in fences)
        if len(fences) < 2 and not named:
            return group[0]  # one bare ':::' in a sentence: the writer's own
        for found in fences:
            kept(found)
        return " "

    text = _INSIDE.sub(inside, text)
    return titles, text.strip()


def _title_of(attributes: str) -> str:
    """The title="..." of a box's attributes, read as the pages read them; "" when none."""
    from .document import parse_attrs

    return parse_attrs("{" + attributes + "}")[1].get("title", "").strip()


def _classes(fence: re.Match[str]) -> tuple[str, ...]:
    """The classes a fence gives its box: its bare word, or those in its braces."""
    from .document import parse_attrs

    if fence["attributes"] is not None:
        return parse_attrs("{" + fence["attributes"] + "}")[0]
    return (fence["word"],) if fence["word"] else ()


BLANK = "(blank)"  # a table cell with nothing in it, as a change report shows it


def _row_change(
    what: str, label: str, old: list[str] | None, new: list[str] | None, place: str
) -> Change:
    """A table row added, removed or edited; an edit shows the cells that differ."""
    if what == "edited" and old is not None and new is not None:
        cells = [(a, b) for a, b in zip(old, new, strict=False) if a != b]
        # a cell emptied (or filled) reads as such, never as an edit showing one text
        before = " | ".join(readable(a) or BLANK for a, _ in cells)
        after = " | ".join(readable(b) or BLANK for _, b in cells)
        if before == after:  # the same to read: the markup differs
            before = " | ".join(_flat(a) or BLANK for a, _ in cells)
            after = " | ".join(_flat(b) or BLANK for _, b in cells)
        return Change(f"row '{label}' edited", before, after, place)
    row = " | ".join(readable(c) for c in (new or old or []))
    return Change(f"row '{label}' {what}", *((row, "") if what == "removed" else ("", row)), place)


def describe(old: dict[str, Any] | None, new: dict[str, Any]) -> list[str]:
    """Lines saying what changed between two snapshots (the report's lines, as plain text)."""
    return [line for change in changes(old, new) for line in _plain_change(change, "", 0)]


# ---------------------------------------------------------------- the two reports


def focus(before: str, after: str, context: int = 8) -> tuple[str, str]:
    """Before and after of a long text, around the words that differ.

    A short text (a bullet) is shown whole. For a long paragraph, both are cut to the words
    that changed with ``context`` words either side, so the edit is visible at a glance
    instead of two paragraphs to compare by eye; "..." marks what was left out.
    """
    if len(before) <= 200 and len(after) <= 200:
        return before, after
    a, b = before.split(), after.split()
    # the words the two share at their start and at their end (in time linear in their
    # length: a diff of two 5,000-word paragraphs took seconds each)
    shortest = min(len(a), len(b))
    start = next((n for n in range(shortest) if a[n] != b[n]), shortest)
    end = next((n for n in range(shortest - start) if a[-1 - n] != b[-1 - n]), shortest - start)
    if start == len(a) == len(b):
        return before, after  # the same words, spaced otherwise
    i1, j1, i2, j2 = start, start, len(a) - end, len(b) - end

    def cut(words: list[str], start: int, end: int) -> str:
        lo, hi = max(0, start - context), min(len(words), end + context)
        text = " ".join(words[lo:hi])
        return ("..." if lo > 0 else "") + text + ("..." if hi < len(words) else "")

    return cut(a, i1, i2), cut(b, j1, j2)


def _plain_change(change: Change, indent: str, width: int) -> list[str]:
    """One change as plain text: what, then before and after on lines of their own."""
    before, after = focus(change.before, change.after)
    if change.before and change.after:
        return [
            f"{indent}{change.what}",
            *_wrapped(f"{indent}  before: ", before, width),
            *_wrapped(f"{indent}  after:  ", after, width),
        ]
    return _wrapped(f"{indent}{change.what}: ", before or after, width)


def _wrapped(lead: str, text: str, width: int) -> list[str]:
    """``lead`` and ``text``, wrapped to ``width`` (0: not wrapped) under the text's start:
    every word is kept, only the line breaks move."""
    if width <= 0 or len(lead) + len(text) <= width:
        return [lead + text]
    return textwrap.wrap(
        text,
        width=max(width, len(lead) + 20),
        initial_indent=lead,
        subsequent_indent=" " * len(lead),
        break_long_words=False,
        break_on_hyphens=False,
    )


def _grouped(changes: tuple[Change, ...]) -> list[tuple[str, list[Change]]]:
    """Changes by the module or table they are in, in order ("" for modules themselves)."""
    groups: dict[str, list[Change]] = {}
    for change in changes:
        groups.setdefault(change.place, []).append(change)
    return list(groups.items())


def plain(sections: list[AudienceChanges], version: str, date: str, width: int = 0) -> str:
    """The report for the terminal: plain text a trainer reads as it is (no Markdown
    marks), every text whole, wrapped to ``width`` columns (0: not wrapped). Audiences
    with the same changes (an edit every tier sees) are told once, together."""
    out = [f"What changed since the last build (content version {version}, {date}):"]
    for changes_, alike in _together(sections):
        out.append("")
        out.append(" and ".join(s.audience for s in alike))
        for place, group in _grouped(changes_):
            if place:
                out.append(f"  In {place}:")
            for change in group:
                out.extend(_plain_change(change, "    " if place else "  ", width))
        files = [f for s in alike for f in s.files]
        if files:
            out.extend(_wrapped("  Print again: ", ", ".join(files), width))
    return "\n".join(out) + "\n"


def _together(
    sections: list[AudienceChanges],
) -> list[tuple[tuple[Change, ...], list[AudienceChanges]]]:
    """The audiences with the same changes (an edit every tier sees), each group once, in
    the order of its first audience: the terminal's report and CHANGES.md tell them alike."""
    together: dict[tuple[Change, ...], list[AudienceChanges]] = {}
    for section in sections:
        together.setdefault(section.changes, []).append(section)
    return list(together.items())


_MARKUP = re.compile(r"([\\`*_\[\]<>&])")


def _literal(text: str) -> str:
    """``text`` as Markdown that shows it as typed: the characters that would start a tag,
    a link, a picture, emphasis or code are escaped; the rest is left readable."""
    return _MARKUP.sub(r"\\\1", text)


# why a file a build made and no earlier one did is in CHANGES.md (see change_report)
FIRST_TIME = "made for the first time"


def markdown(
    sections: list[AudienceChanges],
    version: str,
    date: str,
    remade: Iterable[tuple[str, Iterable[str]]] = (),
    *,
    first: bool = False,
) -> str:
    """CHANGES.md: per audience, what changed and which files now need printing again;
    then the files made again with the content they had (``remade``: why, and the files),
    and if the content changed nowhere, that it did not (``first``: that no build before
    this one is known to compare with)."""
    shown = _literal  # the content's words as typed: never a tag, link or picture that a
    # Markdown viewer would load (the content may be someone else's)
    out = [f"# What changed (content version {shown(version)}, {date})", ""]
    if first:
        out += [
            "The first build of these materials in this folder: there is no earlier build "
            "of yours to compare with, so every file was made from the content as it is.",
            "",
        ]
    elif not sections:
        out += ["No content changed since the last build.", ""]
    for changes_, alike in _together(sections):
        out.append(f"## {' and '.join(shown(s.audience) for s in alike)}")
        out.append("")
        for place, group in _grouped(changes_):
            indent = "  " if place else ""
            if place:
                out.append(f"- **{shown(place)}:**")
            for change in group:
                before, after = (shown(t) for t in focus(change.before, change.after))
                if before and after:
                    out.append(f"{indent}- {change.what}: '{before}' -> '{after}'")
                else:
                    out.append(f"{indent}- {change.what}: '{before or after}'")
        files = [f for section in alike for f in section.files]
        if files:
            out.append("")
            out.append("Rebuilt, print again: " + ", ".join(f"`{f}`" for f in files))
        out.append("")
    listed = [(why, ", ".join(f"`{f}`" for f in files)) for why, files in remade]
    again = [(why, files) for why, files in listed if why != FIRST_TIME]
    new = [files for why, files in listed if why == FIRST_TIME]
    if again:
        out += ["## Made again, the content as before", ""]
        out += [f"- {why}: {files}" for why, files in again]
        out.append("")
    if new:  # (an audience added, say): not made again
        out += ["## Made for the first time", "", *(f"- {files}" for files in new), ""]
    return "\n".join(out)
