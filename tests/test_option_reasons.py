"""Why a file is made again when an option the last build was given is given no more: the
value now used and where it comes from, a setting in content/course.yaml or the default."""

from __future__ import annotations

from pathlib import Path

from materials_gen.inputs import (
    BLEED,
    DATE,
    DECK_TEMPLATE,
    LARGE_PRINT,
    PAPER,
    ROSTER,
    reasons,
)

from .conftest import edit
from .conftest import said as cli


def test_a_dropped_option_with_no_setting_behind_it_gives_way_to_the_default(
    project: Path,
) -> None:
    """--large-print given, then not: the minimal course sets no large print, so standard
    print is the default (it said "no from large_print in content/course.yaml"); an
    audience's own setting and the project's are each named as where the value comes from."""
    build = ("build", "-p", str(project), "--only", "handout")
    cli(*build, "--large-print")
    output = cli(*build)
    assert output.count("because --large-print no longer given (standard print by default)") == 2
    assert "from large_print" not in output
    course = project / "content" / "course.yaml"
    edit(course, "    includes: [all-staff]", "    includes: [all-staff]\n    large_print: false")
    edit(course, "settings:\n", "settings:\n  large_print: false\n")
    cli(*build, "--large-print")
    output = cli(*build)
    assert (
        "because --large-print no longer given (standard print from large_print of the "
        "audience 'clinical' in content/course.yaml)"
    ) in output
    assert (
        "because --large-print no longer given (standard print from settings: large_print)"
    ) in output


def test_every_dropped_option_is_worded_with_the_values_a_trainer_reads() -> None:
    """Files are named without the hash recorded beside them, no value is "none"."""
    settings = {PAPER: "settings: paper"}

    def why(name: str, before: str, after: str, settings: dict[str, str] = settings) -> str:
        said = reasons(
            {name: before},
            {name: after},
            root=Path("."),
            content_files=[],
            flags=frozenset(),
            was_flags=frozenset({name}),
            settings=settings,
        )
        assert len(said) == 1, said
        return said[0]

    assert why(PAPER, "letter", "a4") == "--paper letter no longer given (a4 from settings: paper)"
    assert why(BLEED, "3mm", "none") == "--bleed 3mm no longer given (none by default)"
    assert why(DATE, "2025-05-05", "none") == "--date 2025-05-05 no longer given (none by default)"
    assert why(LARGE_PRINT, "yes", "no") == (
        "--large-print no longer given (standard print by default)"
    )
    assert why(LARGE_PRINT, "no", "yes", {LARGE_PRINT: "settings: large_print"}) == (
        "--standard-print no longer given (large print from settings: large_print)"
    )
    assert why(DECK_TEMPLATE, "brand.pptx\n" + "0" * 64, "the built-in deck template") == (
        "--deck-template brand.pptx no longer given (the built-in deck template by default)"
    )
    assert why(ROSTER, "people.csv\n" + "1" * 64, "\n" + "2" * 64) == (
        "--roster people.csv no longer given (none by default)"
    )
