"""What changed for each audience since the last build, in a trainer's words.

Before printing 200 handouts a trainer needs to know which printed copies are out of date.
Each build keeps a snapshot of the content every audience saw (modules, their objectives,
key points, paragraphs, questions, takeaways, and table rows); the next build compares its
snapshot with that one and lists what was added, removed or edited, and which files that
touched.
"""

from __future__ import annotations

import difflib
from typing import Any

from .model import Course


def _paragraphs(markdown: str) -> list[str]:
    return [" ".join(p.split()) for p in markdown.split("\n\n") if p.strip()]


def snapshot(course: Course) -> dict[str, Any]:
    """A tailored course reduced to labelled texts, small enough to keep in the manifest."""
    modules = []
    tables: dict[str, list[list[str]]] = {}
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
        modules.append({"id": module.id, "title": str(module.title), "items": items})
        for table in module.tables:
            ids = [c.id for c in table.columns]
            tables[table.id] = [[str(row.cells.get(i, "")) for i in ids] for row in table.rows]
    return {"modules": modules, "tables": tables}


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _pairs(old: list[Any], new: list[Any], key: Any) -> list[tuple[str, Any, Any]]:
    """('added' | 'removed' | 'edited', old, new) for two sequences, edits paired in order."""
    out: list[tuple[str, Any, Any]] = []
    matcher = difflib.SequenceMatcher(
        a=[key(x) for x in old], b=[key(x) for x in new], autojunk=False
    )
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        olds, news = old[i1:i2], new[j1:j2]
        for a, b in zip(olds, news, strict=False):
            out.append(("edited", a, b))
        out += [("removed", a, None) for a in olds[len(news) :]]
        out += [("added", None, b) for b in news[len(olds) :]]
    return out


def describe(old: dict[str, Any] | None, new: dict[str, Any]) -> list[str]:
    """Lines saying what changed between two snapshots of one audience's content."""
    if not old:
        return []
    lines: list[str] = []
    old_modules = {m["id"]: m for m in old.get("modules", [])}
    new_modules = {m["id"]: m for m in new.get("modules", [])}
    for module_id, module in new_modules.items():
        if module_id not in old_modules:
            lines.append(f"module added: {module['title']}")
            continue
        before = old_modules[module_id]
        changes = []
        if before["title"] != module["title"]:
            changes.append(
                f"title edited: '{_short(before['title'])}' -> '{_short(module['title'])}'"
            )
        by_label = lambda item: tuple(item)  # noqa: E731
        for what, a, b in _pairs(before["items"], module["items"], by_label):
            if what == "edited" and a[0] != b[0]:
                changes.append(f"{a[0]} removed: '{_short(a[1])}'")
                changes.append(f"{b[0]} added: '{_short(b[1])}'")
            elif what == "edited":
                changes.append(f"{a[0]} edited: '{_short(a[1])}' -> '{_short(b[1])}'")
            elif what == "removed":
                changes.append(f"{a[0]} removed: '{_short(a[1])}'")
            else:
                changes.append(f"{b[0]} added: '{_short(b[1])}'")
        if changes:
            lines.append(f"module '{module['title']}':")
            lines.extend(f"  {c}" for c in changes)
    for module_id, module in old_modules.items():
        if module_id not in new_modules:
            lines.append(f"module removed: {module['title']}")
    old_tables, new_tables = old.get("tables", {}), new.get("tables", {})
    for table_id, rows in new_tables.items():
        before_rows = old_tables.get(table_id)
        if before_rows is None:
            lines.append(f"table added: {table_id}")
            continue
        changes = []
        for what, a, b in _pairs(before_rows, rows, tuple):
            label = (b or a)[0] if (b or a) else ""
            changes.append(f"row '{_short(label, 40)}' {what}")
        if changes:
            lines.append(f"table '{table_id}':")
            lines.extend(f"  {c}" for c in changes)
    for table_id in old_tables:
        if table_id not in new_tables:
            lines.append(f"table removed: {table_id}")
    return lines


def report(sections: list[tuple[str, list[str], list[str]]], version: str, date: str) -> str:
    """CHANGES.md: per audience, what changed and which files now need printing again."""
    out = [f"# What changed (content version {version}, {date})", ""]
    for audience, lines, files in sections:
        out.append(f"## {audience}")
        out.append("")
        out.extend(
            f"  - {line[2:]}" if line.startswith("  ") else f"- **{line}**" for line in lines
        )
        if files:
            out.append("")
            out.append("Rebuilt, print again: " + ", ".join(f"`{f}`" for f in files))
        out.append("")
    return "\n".join(out)
