"""Rebuilds of a translated course: a language added or removed changes what a build makes
(and what the quick check counts), and each build reports the changes of the content of
the files it makes again, in their language, leaving the others' to the build that makes
them."""

from __future__ import annotations

import shutil
from pathlib import Path

from .conftest import edit, output_count
from .conftest import said as cli
from .test_translations import SPANISH, translated


def test_the_quick_check_counts_the_files_made_now_and_sees_a_language_come_and_go(
    project: Path,
) -> None:
    handouts = ("build", "-p", str(project), "--only", "handout")
    cli("translate", "es", "-p", str(project))
    assert "Built 4 files" in cli(*handouts)
    shutil.rmtree(project / SPANISH)
    assert "Built 2 files" in cli(*handouts)  # the course alone, in its own folders
    assert "Nothing to rebuild: 2 files up to date" in cli(*handouts)  # not the Spanish
    (project / SPANISH.parent / "fr").mkdir()  # a language with nothing translated yet
    assert "Built 2 files (2 unchanged)" in cli(*handouts)
    assert (project / "output" / "fr" / "clinical").is_dir()
    (project / SPANISH.parent / "fr").rmdir()
    output = cli(*handouts)  # past the quick check (a language went), nothing to make
    assert "Nothing to rebuild: 2 files up to date in" in output, output
    assert "Nothing to rebuild: 2 files up to date" in cli(*handouts)


def test_a_setting_is_no_text_left_in_the_source_s_language(project: Path) -> None:
    """The paper changed: the Spanish files also gave "the text it leaves in en-GB changed",
    as if English words had changed in them. Settings, ids, the language and the version
    are no words left untranslated; only the setting is the reason."""
    cli("translate", "es", "-p", str(project))
    handouts = ("build", "-p", str(project), "--only", "handout", "-a", "clinical")
    cli(*handouts)
    edit(project / "content" / "course.yaml", "  paper: a4", "  paper: letter")
    said = cli(*handouts)  # its white space made single spaces
    assert said.count("made /") == 2 and "es-clinical-handout" in said, said
    assert said.count("because settings: paper changed from a4 to letter") == 2, said
    assert "the text it leaves in" not in said, said


def test_a_removed_language_is_named_once_and_no_longer_counted(project: Path) -> None:
    """The whole build after a translation was removed names the files it no longer makes
    (they stay, for clean), as of a language the course no longer has: no option makes
    them again. The next one has nothing to do, counts the files made now and does not
    name them again (it did at every build, and --strict failed until clean)."""
    cli("translate", "es", "-p", str(project))
    cli("translate", "fr", "-p", str(project))
    build = ("build", "-p", str(project))
    cli(*build)
    shutil.rmtree(project / SPANISH)
    count = output_count(project)  # in each language
    output = cli(*build)
    said = f"{count} files an earlier build made are of a language or audience the course no"
    assert said in output and "--roster" not in output, output
    assert "es/all-staff/safe-rooms-es-all-staff" in output
    again = cli(*build)
    assert f"Nothing to rebuild: {2 * count} files up to date" in again
    assert "earlier build made" not in again, again
    assert "earlier build made" not in cli(*build, "--force")
    shutil.rmtree(project / "output" / "es")  # removed by hand: forgotten by the next build
    cli("build", "-p", str(project), "--force")
    assert f"Nothing to rebuild: {2 * count} files up to date" in cli(*build)
    assert "Removed" in cli("clean", "-p", str(project))
    assert not (project / "output").exists()


def test_each_build_reports_the_changes_of_the_files_it_makes_again(project: Path) -> None:
    """An English edit: a build of the Spanish files alone (which do not show it) neither
    reports it nor uses it up; the build that makes the English files again reports it,
    under their language, and a build of the posters (which do not show key points) leaves
    it to the build that makes the handouts."""
    translated(project)
    handouts = ("build", "-p", str(project), "--only", "handout")
    cli(*handouts)
    intro = project / "content" / "modules" / "intro.md"
    edit(intro, "Calm rooms help everyone", "Quiet rooms help everyone")
    output = cli(*handouts, "-l", "es")
    assert "What changed" not in output and "Nothing to rebuild: 2 files" in output, output
    output = cli(*handouts)
    assert (
        "All staff (en-GB) and Clinical providers (en-GB) In module 'Welcome to safe rooms': "
        "key point edited before: Calm rooms help everyone after: Quiet rooms help everyone "
        "Print again: en-GB/all-staff/safe-rooms-en-GB-all-staff-handout.pdf, "
        "en-GB/clinical/safe-rooms-en-GB-clinical-handout.pdf"
    ) in output
    report = (project / "output" / "CHANGES.md").read_text(encoding="utf-8")
    assert "## All staff (en-GB)" in report and "Quiet rooms help everyone" in report
    assert "es/" not in report
    edit(intro, "Quiet rooms help everyone", "Calm, quiet rooms help everyone")
    assert "What changed" not in cli("build", "-p", str(project), "--only", "poster")
    output = cli(*handouts, "-l", "en-GB")
    assert "after: Calm, quiet rooms help everyone" in output
    assert "Print again: en-GB/all-staff/safe-rooms-en-GB-all-staff-handout.pdf" in output


def test_the_source_s_language_changed_makes_the_translation_s_files_again(
    project: Path,
) -> None:
    """The Spanish handouts mark what they leave in English with the course's language.
    Changing that language (en-GB to en-US) left them as they were ("Nothing to rebuild"),
    marked en-GB, though a forced build marked them en-US: the mark was in their
    fingerprint but not among the inputs a build compares. They are made again, saying
    why."""
    from .test_source_language import texts_by_language

    translated(project)
    build = ("build", "-p", str(project), "--only", "handout")
    cli(*build)
    handout = project / "output" / "es" / "all-staff" / "safe-rooms-es-all-staff-handout.pdf"
    english = "Both approaches matter"  # a key point of the untranslated module
    assert english in texts_by_language(handout)["en-GB"]
    edit(project / "content" / "course.yaml", "language: en-GB", "language: en-US")
    output = " ".join(cli(*build).split())
    made = output.partition("es/all-staff/safe-rooms-es-all-staff-handout.pdf")[2]
    assert (
        made
        and (
            "because language in content/course.yaml changed from en-GB to en-US (the text the "
            "translation leaves in it is marked so)"
        )
        in made.partition(" made ")[0]
    )
    assert english in texts_by_language(handout)["en-US"]
    assert "en-GB" not in texts_by_language(handout)
    assert "Nothing to rebuild" in cli(*build)


def _reasons(output: str, name: str) -> str:
    """What a build says after making the file ``name``: its reasons."""
    told = " ".join(output.split()).partition(f"{name} ")[2]
    assert told, output
    return told.partition(" made ")[0].partition(" files unchanged")[0]


def test_a_rebuild_names_the_file_an_edit_to_a_translated_field_came_from(
    project: Path,
) -> None:
    """The English module and its Spanish translation edited in one build: the Spanish
    files named both, though the English edit was to a key point the translation gives in
    its own words, which no Spanish file shows. Each names the file whose share of a field
    it shows changed: the translation's title alone here; with the English duration (a
    number every language prints as the source has it) changed too, both, but for a file
    that does not show the duration."""
    translated(project)
    build = ("build", "-p", str(project), "--only", "handout,evaluation")
    cli(*build)
    intro = project / "content" / "modules" / "intro.md"
    spanish = project / SPANISH / "modules" / "intro.md"
    english, translation = "content/modules/intro.md", f"{SPANISH.as_posix()}/modules/intro.md"
    edit(intro, "  - Calm rooms help everyone", "  - Calm rooms help every one of us")
    edit(spanish, "title: Bienvenida a las salas", "title: Le damos la bienvenida a las salas")
    output = cli(*build)
    for kind in ("handout", "evaluation"):
        said = _reasons(output, f"es/all-staff/safe-rooms-es-all-staff-{kind}.pdf")
        assert f"because {translation} changed" in said and english not in said, said
    said = _reasons(output, "en-GB/all-staff/safe-rooms-en-GB-all-staff-handout.pdf")
    assert f"because {english} changed" in said and translation not in said, said

    edit(intro, "duration: 10", "duration: 15")
    edit(spanish, "title: Le damos la bienvenida", "title: Bienvenida")
    output = cli(*build)
    said = _reasons(output, "es/all-staff/safe-rooms-es-all-staff-handout.pdf")
    assert f"because {english} changed" in said and f"because {translation} changed" in said
    said = _reasons(output, "es/all-staff/safe-rooms-es-all-staff-evaluation.pdf")
    assert f"because {translation} changed" in said and english not in said, said


def test_a_name_the_translation_writes_as_its_source_did_is_named_at_the_source(
    tmp_path: Path,
) -> None:
    """The organization and the author are written as the source writes them in the kit's
    Spanish course.yaml; edited in the English file, they reach the Spanish files, made
    again, which said only "because what its template wrote changed" (the author: "the text
    it leaves in en-US changed"): the texts refreshed from the source were counted as the
    translation's own. The Spanish files now name the English file, as the English do."""
    from .conftest import kit_copy

    project = kit_copy(tmp_path)
    course = project / "content" / "course.yaml"
    build = ("build", "-p", str(project), "--only", "handout", "-a", "clinical")
    cli(*build)
    for old, new in (
        ("organization: Riverbend Community Health", "organization: Riverbend Health Partners"),
        ("author: Riverbend Learning and Development", "author: Riverbend Training Team"),
    ):
        edit(course, old, new)
        output = cli(*build)
        for language in ("en-US", "es"):
            path = f"{language}/clinical/trauma-care-{language}-clinical-handout.pdf"
            said = _reasons(output, path).partition(" s because ")[2]
            assert said.startswith("content/course.yaml changed"), (path, said)
            assert " because " not in said, (path, said)  # (its only reason)


def test_a_too_long_text_is_named_where_the_output_s_language_takes_it_from(
    tmp_path: Path,
) -> None:
    """A module title the Spanish translation writes as the English does (a name), too long
    for a slide: the Spanish deck's error named the English file, whose edit leaves the
    Spanish title as it is; it names the Spanish file. A value the translation cannot
    change, written there all the same (the kit's Spanish "version: 1.0"), is named at the
    source's line: a version too long for the poster's footer was named at the
    translation's "1.0"."""
    from click.testing import CliRunner

    from materials_gen.cli import main

    from .conftest import kit_copy

    project = kit_copy(tmp_path)
    title = (
        "Supercalifragilisticexpialidociousandevenlongerwordthatcannotbreakanywhereatall"
        "inanyslidetitleever Supercalifragilisticexpialidociousandevenlongerwordthatcannotbreak"
    )
    for folder in ("content", "content/translations/es"):
        module = project / folder / "modules" / "summary.md"
        text = module.read_text(encoding="utf-8")
        (old,) = [line for line in text.splitlines() if line.startswith("title:")]
        module.write_text(text.replace(old, f"title: {title.strip()}", 1), encoding="utf-8")
    build = ["build", "-p", str(project), "--only", "deck", "-a", "all-staff", "-j", "1"]
    said = CliRunner().invoke(main, [*build, "-l", "es"]).output
    errors = [line for line in said.splitlines() if ": error: " in line]
    assert errors and all(
        line.startswith("content/translations/es/modules/summary.md:") for line in errors
    ), said

    project = kit_copy(tmp_path / "version")
    course = project / "content" / "course.yaml"
    text = course.read_text(encoding="utf-8")
    (old,) = [line for line in text.splitlines() if line.startswith("version:")]
    long = "2.3.1 draft for review by the quality and safety committee, not yet approved " * 2
    course.write_text(text.replace(old, f'version: "{long.strip()}"', 1), encoding="utf-8")
    poster = ["build", "-p", str(project), "--only", "poster", "-a", "all-staff", "-j", "1"]
    said = CliRunner().invoke(main, [*poster, "-l", "es"]).output
    number = text.splitlines().index(old) + 1
    errors = [line for line in said.splitlines() if "the footer is too long" in line]
    assert errors and all(line.startswith(f"content/course.yaml:{number}:") for line in errors), (
        said
    )
