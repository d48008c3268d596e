"""The "What changed" report tells a trainer what a reader of the printed copies would see
changed: a module's file renamed is no change."""

from __future__ import annotations

import copy
from typing import Any

from materials_gen.changes import Change, changes

PICTURE = "![A calm waiting room with two green chairs](<content/images/room.png>)"


def snap() -> dict[str, Any]:
    return {
        "modules": [
            {
                "id": "welcome",
                "title": "Welcome",
                "items": [["key point", "Calm rooms help"], ["paragraph", PICTURE]],
            },
            {
                "id": "why-both-matter",
                "title": "Why both matter",
                "items": [["paragraph", "Both."]],
            },
            {"id": "summary", "title": "Summary", "items": [["takeaway", "Small changes."]]},
        ],
        "tables": {},
    }


def test_a_module_whose_file_was_renamed_is_the_same_module() -> None:
    old = snap()
    new = copy.deepcopy(old)
    new["modules"][1]["id"] = "why-both"
    assert changes(old, new) == []  # nothing a reader sees changed
    new["modules"][1]["items"][0][1] = "Both, always."
    assert changes(old, new) == [
        Change("paragraph edited", "Both.", "Both, always.", "module 'Why both matter'")
    ]
    new["modules"][1]["title"] = "Why both count"  # same texts, another title and file
    new["modules"][1]["items"][0][1] = "Both."
    assert changes(old, new) == [
        Change("title edited", "Why both matter", "Why both count", "module 'Why both count'")
    ]
