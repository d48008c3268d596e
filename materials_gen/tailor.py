"""Stage 3, tailor: ``(Course, audience) -> Course`` with only what that audience sees.

A pure tree transform, like Sphinx's ``only`` directive or nbconvert's tag removal: content
limited to other audiences is dropped, per-audience variants are resolved to one text. It runs
before any template, so a template cannot leak a higher tier's text into a lower tier's output.

Audiences are tiers: an audience sees content marked for itself and for every audience it
``includes`` (directly or through others). Content without a mark is for everyone.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from .model import Block, Course, Item, ListVariants, MinuteVariants, Module, Table, Variants


def reach(course: Course, audience_id: str) -> tuple[str, ...]:
    """The audience and those it includes, nearest first (the order variants are looked up)."""
    includes = {a.id: a.includes for a in course.audiences}
    order: list[str] = []
    queue = [audience_id]
    while queue:
        current = queue.pop(0)
        if current in order:
            continue
        order.append(current)
        queue.extend(includes.get(current, ()))
    return tuple(order)


class _Tailor:
    def __init__(self, course: Course, audience_id: str):
        self.order = reach(course, audience_id)
        self.seen = set(self.order)

    def shows(self, refs: tuple[str, ...] | None) -> bool:
        return refs is None or bool(self.seen.intersection(refs))

    def keeps(self, value: Any) -> bool:
        if isinstance(value, Block):
            return all(self.seen.intersection(names) for names in value.conditions)
        if isinstance(value, BaseModel) and "audience" in type(value).model_fields:
            return self.shows(value.audience)
        return True

    def pick(self, variants: dict[str, Any], missing: Any) -> Any:
        """The variant for this audience: its own, else the nearest audience it includes,
        else ``default``, else ``missing``."""
        for audience_id in self.order:
            if audience_id in variants:
                return variants[audience_id]
        return variants.get("default", missing)

    def apply(self, value: Any) -> Any:
        if isinstance(value, Variants):
            return self.pick(value.root, "")
        if isinstance(value, MinuteVariants):  # a duration per audience
            return self.pick(value.root, None)
        if isinstance(value, ListVariants):
            return self.apply(self.pick(value.root, ()))
        if isinstance(value, Item):
            return self.apply(value.text)
        if isinstance(value, BaseModel):
            updates = {name: self.apply(getattr(value, name)) for name in type(value).model_fields}
            return value.model_copy(update=updates)
        if isinstance(value, tuple):
            kept = (self.apply(v) for v in value if self.keeps(v))
            return tuple(v for v in kept if v != "")
        if isinstance(value, dict):
            return {key: self.apply(v) for key, v in value.items()}
        return value


def viewer(course: Course, audience_id: str) -> _Tailor:
    """How ``audience_id`` sees the course, part by part: ``keeps(value)`` (an entry limited
    to some audiences, a fenced block) and ``pick(variants, missing)`` (a text given per
    audience), as :func:`tailor` applies them."""
    return _Tailor(course, audience_id)


def tailor(course: Course, audience_id: str) -> Course:
    """The course as ``audience_id`` sees it: every text a ``str``, every list filtered, and
    the poster's table one the audience may see (see :func:`poster_table`)."""
    tailoring = _Tailor(course, audience_id)
    table = poster_table(course, tailoring.order)
    tailored: Course = tailoring.apply(course)
    if table is not None:
        table = tailoring.apply(table)  # its rows for this audience
    modules = tuple(_with_body_notes(m) for m in tailored.modules)
    return tailored.model_copy(
        update={
            "poster": tailored.poster.model_copy(update={"table": table}),
            "modules": modules,
        }
    )


def _with_body_notes(module: Any) -> Any:
    """A module whose text holds ``::: notes`` boxes (the audience's), with what they say
    after its own notes: the speaker notes and the guide say it, as the handout leaves it
    out."""
    from .document import notes_of

    if not isinstance(module, Module):
        return module
    said = notes_of(module.prose)
    if not said:
        return module
    notes = "\n\n".join(n for n in (str(module.notes).strip(), *said) if n)
    return module.model_copy(update={"notes": notes})


def poster_table(course: Course, reached: tuple[str, ...]) -> Table | None:
    """The table on the poster of the audience that sees ``reached`` (see :func:`reach`), as
    the validated course holds it. The table course.yaml names, unless only modules the
    audience does not see show it (a clinical chart stays off the all-staff poster); without
    one named, the first table a module the audience sees shows."""
    seen = set(reached)
    visible = [
        m
        for m in course.modules
        if isinstance(m, Module) and (m.audience is None or seen.intersection(m.audience))
    ]
    named = course.poster.table
    if named is None:
        return next((t for m in visible for t in m.tables), None)
    shown_by = {
        m.id for m in course.modules if isinstance(m, Module) and named.id in _ids(m.tables)
    }
    if shown_by and not shown_by.intersection(m.id for m in visible):
        return None
    return named  # type: ignore[no-any-return]


def _ids(tables: tuple[Table, ...]) -> set[str]:
    return {t.id for t in tables}
