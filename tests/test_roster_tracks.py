"""A roster's people and the audiences (tracks) whose certificates they get."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from materials_gen.cli import main

from .conftest import credited


def test_a_person_without_an_audience_in_a_credited_course_is_warned_of(project: Path) -> None:
    """An empty audience means every audience: with contact hours on the clinical
    certificates, the trainer is told who gets them that way, at the roster's row."""
    credited(project)
    roster = project / "people.csv"
    roster.write_text("name,audience\nAna Blank,\nBen Stone,clinical\n", encoding="utf-8")
    args = ["build", "-p", str(project), "--only", "certificates", "--roster", str(roster)]
    result = CliRunner().invoke(main, [*args, "--date", "2026-12-03"])
    assert result.exit_code == 0, result.output
    warning = next(line for line in result.output.splitlines() if "people.csv" in line)
    assert warning.endswith(
        "people.csv:2: warning: 1 person in the roster has no audience (line 2): each gets a "
        "certificate for every audience, with the contact hours of Clinical providers"
    )


def test_no_warning_when_every_person_has_an_audience(project: Path) -> None:
    credited(project)
    roster = project / "people.csv"
    roster.write_text("name,audience\nAna Blank,all-staff\nBen Stone,clinical\n", "utf-8")
    args = ["build", "-p", str(project), "--only", "certificates", "--roster", str(roster)]
    result = CliRunner().invoke(main, [*args, "--date", "2026-12-03"])
    assert result.exit_code == 0 and "no audience" not in result.output, result.output


def test_a_roster_may_name_an_audience_as_a_translation_names_it(project: Path) -> None:
    """A Spanish trainer's roster says "Todo el personal" (the Spanish translation's name
    of all-staff): read as that audience, not refused as unknown."""
    cli = CliRunner()
    assert cli.invoke(main, ["translate", "es", "-p", str(project)]).exit_code == 0
    course = project / "content" / "translations" / "es" / "course.yaml"
    course.write_text(
        course.read_text(encoding="utf-8").replace("name: All staff", "name: Todo el personal"),
        encoding="utf-8",
    )
    roster = project / "people.csv"
    roster.write_text("name,audience\nAna Blank,Todo el personal\n", encoding="utf-8")
    args = ["build", "-p", str(project), "--only", "certificates", "--roster", str(roster)]
    result = cli.invoke(main, [*args, "-l", "es", "--date", "2026-12-03"])
    assert result.exit_code == 0, result.output
    made = [line for line in result.output.splitlines() if "certificates.pdf" in line]
    assert len(made) == 1 and "/es/all-staff/" in made[0], result.output


def _spanish(project: Path) -> None:
    assert CliRunner().invoke(main, ["translate", "es", "-p", str(project)]).exit_code == 0


def _certificates(project: Path, roster: str, *more: str) -> tuple[int, str, dict[str, str]]:
    """Exit code, output, and the text of each certificates file made (by its path)."""
    from .conftest import all_text

    (project / "people.csv").write_text(roster, encoding="utf-8")
    args = ["build", "-p", str(project), "--only", "certificates", "--date", "2026-12-03"]
    result = CliRunner().invoke(main, [*args, "--roster", str(project / "people.csv"), *more])
    made = {
        str(path.relative_to(project / "output")): all_text(path)
        for path in sorted((project / "output").rglob("*certificates.pdf"))
    }
    return result.exit_code, result.output, made


def test_a_roster_s_language_column_gives_each_person_one_language(project: Path) -> None:
    """Ana asked for Spanish, Ben for English (by name, in any case), Cy left it empty: Ana's
    certificate is made only in Spanish, Ben's only in English, Cy's in both."""
    _spanish(project)
    roster = (
        "name,audience,language\n"
        "Ana Blank,all-staff,es\nBen Stone,all-staff,english\nCy Moss,all-staff,\n"
    )
    code, output, made = _certificates(project, roster)
    assert code == 0, output
    assert "gives no language" not in output
    spanish = next(text for path, text in made.items() if path.startswith("es/"))
    english = next(text for path, text in made.items() if not path.startswith("es/"))
    assert "Ana Blank" in spanish and "Ben Stone" not in spanish and "Cy Moss" in spanish
    assert "Ben Stone" in english and "Ana Blank" not in english and "Cy Moss" in english


def test_a_language_is_named_by_its_tag_or_its_name_in_english_or_in_itself() -> None:
    from materials_gen.roster import _language, language_names

    spoken = {tag: language_names(tag) for tag in ("en-US", "es")}
    for cell in ("es", "ES", "es_MX", "Spanish", "español", "Espanol", "ESPAÑOL"):
        assert _language(cell, spoken) == "es", cell
    for cell in ("en", "en-GB", "English", "english (united states)", "en_us"):
        assert _language(cell, spoken) == "en-US", cell
    assert _language("", spoken) == ""
    assert _language("French", spoken) is None
    assert _language("fr", spoken) is None


def test_a_language_the_course_is_not_built_in_is_an_error_at_its_row(project: Path) -> None:
    _spanish(project)
    roster = "name,language\nAna Blank,es\nBen Stone,French\n"
    code, output, made = _certificates(project, roster)
    assert code == 1 and not made
    assert "people.csv:3: error: the course is not built in 'French': its languages are " \
        "English (en-GB), Spanish (es)" in output, output  # fmt: skip
    assert "materials-gen translate" in output


def test_a_course_in_one_language_checks_the_column_too(project: Path) -> None:
    """An untranslated course: "English" is its language (every certificate, as without the
    column); "Spanish" is refused rather than silently printed in English."""
    code, output, made = _certificates(project, "name,language\nAna Blank,English\n")
    assert code == 0 and len(made) == 2 and all("Ana Blank" in t for t in made.values())
    code, output, made = _certificates(project, "name,language\nAna Blank,Spanish\n")
    assert code == 1 and "its language is English (en-GB)" in output, output


def test_a_translated_course_s_roster_without_a_language_column_is_warned_of(
    project: Path,
) -> None:
    """Each person would get a certificate in each language: said once, at the roster; a
    language column left empty says "every language" on purpose, and -l builds one."""
    _spanish(project)
    code, output, made = _certificates(project, "name\nAna Blank\nBen Stone\n")
    assert code == 0 and len(made) == 4
    warned = [line for line in output.splitlines() if "gives no language" in line]
    assert len(warned) == 1 and warned[0].endswith(
        "people.csv:1: warning: the roster gives no language: each person gets a certificate "
        "in English (en-GB) and Spanish (es)"
    ), output
    code, output, _ = _certificates(project, "name,language\nAna Blank,\n")
    assert code == 0 and "gives no language" not in output
    code, output, _ = _certificates(project, "name\nAna Blank\n", "-l", "es")
    assert code == 0 and "gives no language" not in output


def test_show_lists_only_the_people_of_the_language_shown(project: Path) -> None:
    _spanish(project)
    (project / "people.csv").write_text(
        "name,language\nAna Blank,Spanish\nBen Stone,en\n", encoding="utf-8"
    )
    args = ["show", "certificates", "-a", "all-staff", "-p", str(project), "--date", "2026-12-03"]
    args += ["--roster", str(project / "people.csv")]
    spanish = CliRunner().invoke(main, [*args, "-l", "es"])
    english = CliRunner().invoke(main, args)
    assert spanish.exit_code == 0 and english.exit_code == 0, spanish.output + english.output
    assert "Ana Blank" in spanish.output and "Ben Stone" not in spanish.output
    assert "Ben Stone" in english.output and "Ana Blank" not in english.output


def test_certificates_of_a_language_not_built_are_said_to_be_so(project: Path) -> None:
    """A roster whose people for an audience all have their certificates in another
    language: a build of this language alone (``--only certificates -l en``) made none and
    said nothing, and ``show`` said the roster names nobody for the audience. Both now say
    whose language it is and how to build it; a build of every language makes them there
    and warns of nothing."""
    _spanish(project)
    roster = "name,audience,language\nAna Blank,clinical,es\nBen Stone,all-staff,en\n"
    (project / "people.csv").write_text(roster, encoding="utf-8")
    args = ["--roster", str(project / "people.csv"), "--date", "2026-12-03"]
    out = project / "out"
    build = ["build", "-p", str(project), "-o", str(out), "--only", "certificates", *args]
    result = CliRunner().invoke(main, [*build, "-a", "clinical", "-l", "en"])
    said = " ".join(result.output.split())
    # nothing asked for can be made: the command's mistake, as show has it
    assert result.exit_code == 2 and not list(out.rglob("*.pdf")), result.output
    assert (
        "error: no certificates for Clinical providers: the roster's people for 'clinical' "
        "have their certificates in es, and this is the course in en-GB"
    ) in said
    assert "hint: build their language too (-l en-GB,es)" in said
    show = ["show", "certificates", "-p", str(project), "-a", "clinical", *args]
    result = CliRunner().invoke(main, show)
    said = " ".join(result.output.split())
    assert result.exit_code == 2 and "names nobody" not in said, result.output
    assert "the roster's people for 'clinical' have their certificates in es" in said
    # show takes one language: its hint names one ("-l en-GB,es" was refused by show)
    assert "hint: show them in their language (-l es)" in said, said
    result = CliRunner().invoke(main, [*show, "-l", "es"])
    assert result.exit_code == 0 and "Ana Blank" in result.output, result.output
    result = CliRunner().invoke(main, build)
    assert result.exit_code == 0, result.output
    assert len(list(out.rglob("*-certificates.pdf"))) == 2
    assert "no certificates" not in result.output
