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

from .model import Block, Course, Item, ListVariants, MinuteVariants, Variants


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


def tailor(course: Course, audience_id: str) -> Course:
    """The course as ``audience_id`` sees it: every text a ``str``, every list filtered."""
    return _Tailor(course, audience_id).apply(course)
