"""Text a poster or a certificate would leave off its page stops the build, named at the
template's line, rather than vanish: they are laid out from named parts (the poster's table
and panel; a certificate's name, headings and paragraphs), and a project's own template
that writes anything else saw no change and no word."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from materials_gen.cli import main

from .conftest import append, approved, edit, kit_copy

POSTER_TABLE = "{% set table = course.poster.table %}\n"
PANEL = "- {{ point | oneline }}\n"


def _said(output: str) -> str:
    return " ".join(output.split())


@pytest.mark.parametrize(
    ("old", "new", "told"),
    [
        (  # a paragraph and a heading among the poster's parts: on no part of it
            POSTER_TABLE,
            POSTER_TABLE + "\nAsk your supervisor about the helpline.\n\n## Our promise\n",
            [
                "a paragraph outside the poster's table and panel ('Ask your supervisor "
                "about the helpline.') is not printed",
                "a heading outside the poster's table and panel ('Our promise') is not printed",
            ],
        ),
        (  # a list under a panel's bullet: the panel prints each bullet's first paragraph
            PANEL,
            PANEL + "\n    - Every shift, every visitor\n\n",
            ["a list under a bullet of the panel ('Every shift, every visitor') is not printed"],
        ),
    ],
)
def test_what_a_poster_template_writes_off_its_parts_is_named_at_its_line(
    tmp_path: Path, old: str, new: str, told: list[str]
) -> None:
    project = kit_copy(tmp_path)
    template = project / "templates" / "poster.md.j2"
    edit(template, old, new)
    result = CliRunner().invoke(main, ["build", "-p", str(project), "--only", "poster"])
    assert result.exit_code == 1, result.output
    said = _said(result.output)
    for words in told:
        assert words in said, result.output
    # told at the template's line that writes it, for the audience whose poster it is
    written = template.read_text(encoding="utf-8")
    first = new.removeprefix(old).strip().split("\n")[0]
    line = written[: written.index(first)].count("\n") + 1
    assert f"templates/poster.md.j2:{line}: error: the poster for All staff:" in result.output
    assert "make it a bullet of the panel" in said
    assert not (project / "output").exists()  # nothing written
    # check finds it as well, before a build is tried
    checked = CliRunner().invoke(main, ["check", "-p", str(project)])
    assert checked.exit_code == 1 and told[0] in _said(checked.output), checked.output


def test_a_second_comparison_box_is_named_not_dropped(tmp_path: Path) -> None:
    """A poster prints one comparison table: the first box's. A second box, as a template
    that compares two pairs would write, had been drawn in place of the first."""
    project = kit_copy(tmp_path)
    append(
        project / "templates" / "poster.md.j2",
        "\n::: comparison\n| Then | Now |\n| --- | --- |\n| Paper | Screens |\n:::\n",
    )
    result = CliRunner().invoke(
        main, ["build", "-p", str(project), "--only", "poster", "-a", "clinical"]
    )
    assert result.exit_code == 1, result.output
    assert (
        "the poster for Clinical providers: a table in a second comparison box ('Then') "
        "is not printed" in _said(result.output)
    ), result.output


def test_a_bullet_or_a_table_on_a_certificate_is_named_at_its_line(tmp_path: Path) -> None:
    """A certificate draws its name, headings and paragraphs: the approval written as a
    bullet, or a table of hours, had been left off every certificate without a word."""
    project = approved(kit_copy(tmp_path))
    template = project / "templates" / "certificates.md.j2"
    anchor = '{{ _("has completed the training") }}\n'
    before = template.read_text(encoding="utf-8")
    edit(template, anchor, anchor + "\n- Approved by the Board\n")
    roster = tmp_path / "people.csv"
    roster.write_text("name,audience\nAda Lovelace,all-staff\n", encoding="utf-8")
    args = ["build", "-p", str(project), "--only", "certificates", "--roster", str(roster)]
    result = CliRunner().invoke(main, [*args, "--date", "2026-11-19", "-a", "all-staff"])
    assert result.exit_code == 1, result.output
    line = before[: before.index(anchor)].count("\n") + 3
    assert (
        f"templates/certificates.md.j2:{line}: error: the certificates for All staff: a list "
        "in a certificate ('Approved by the Board') is not printed" in _said(result.output)
    ), result.output
    assert "write it as a paragraph of a certificate" in _said(result.output)


def test_the_kit_s_own_posters_and_certificates_leave_nothing_off(tmp_path: Path) -> None:
    """The built-in templates write only what each output prints, for every audience and
    language of the kit: no build of theirs stops on this check."""
    project = approved(kit_copy(tmp_path))
    roster = tmp_path / "people.csv"
    roster.write_text("name\nAda Lovelace\n", encoding="utf-8")
    args = ["check", "-p", str(project), "--roster", str(roster), "--date", "2026-11-19"]
    result = CliRunner().invoke(main, args)
    assert "is not printed" not in result.output, result.output
    assert result.exit_code == 0, result.output


def test_a_poster_whose_front_matter_names_no_audience_is_named_once(project: Path) -> None:
    """A problem of a poster whose template gives no audience is told as the poster of the
    audience built, once: it read "the poster for All staff: the poster: ..."."""
    (project / "templates").mkdir(exist_ok=True)
    poster = "---\n---\n\nA line on no part of the poster.\n"
    (project / "templates" / "poster.md.j2").write_text(poster, encoding="utf-8")
    args = ["build", "-p", str(project), "--only", "poster", "-a", "all-staff"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    said = _said(result.output)
    assert "templates/poster.md.j2:4: error: the poster for All staff: a paragraph" in said, said
    assert "the poster:" not in said, said
