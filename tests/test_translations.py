"""Translated courses: content/translations/<language>/ mirrors the course's files, and one
build makes every language into output/<language>/<audience>/.

What a trainer with a Spanish-speaking team checks: the Spanish handout has the Spanish text
and the Spanish labels, the English one is unchanged, an untranslated module still prints
(in English, with a warning), a translation older than its source is named by ``check``,
and nothing meant for clinical providers reaches the all-staff Spanish materials.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from materials_gen.build import BuildOptions, build
from materials_gen.cli import main
from materials_gen.i18n import load_labels

from .conftest import REPO, edit, kit_copy, pages_text

SPANISH = Path("content") / "translations" / "es"


def cli(*args: str, code: int = 0) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result.output


def text_of(path: Path) -> str:
    return "\n".join(pages_text(path))


def spanish_staff_handout(project: Path) -> str:
    """The text of the Spanish all-staff handout, built now."""
    report = build(project, BuildOptions(languages=("es",), kinds=("handout",)))
    return text_of(next(b.path for b in report.built if b.target.audience.id == "all-staff"))


def translated(project: Path) -> Path:
    """The minimal project with a Spanish translation of course.yaml and the intro module
    (the practice module and the table left untranslated)."""
    cli("translate", "es", "-p", str(project))
    folder = project / SPANISH
    (folder / "modules" / "practice.md").unlink()
    (folder / "tables" / "approaches.yaml").unlink()
    course = folder / "course.yaml"
    edit(course, "title: Safe Rooms", "title: Salas seguras")
    edit(course, "    name: All staff", "    name: Todo el personal")
    intro = folder / "modules" / "intro.md"
    edit(intro, "title: Welcome to safe rooms", "title: Bienvenida a las salas seguras")
    edit(intro, "  - Calm rooms help everyone", "  - Las salas tranquilas ayudan a todos")
    edit(
        intro,
        "  - text: Seat the client nearest the door in therapy rooms",
        "  - text: Siente al cliente junto a la puerta en las salas de terapia",
    )
    edit(intro, "duration: 10", "duration: 99")  # a translation cannot change a number
    edit(
        intro,
        "Rooms shape how people feel.",
        "Las salas influyen en cómo se sienten las personas.",
    )
    edit(
        intro,
        "Therapy rooms need a clear exit path for the client.",
        "Las salas de terapia necesitan una salida despejada para el cliente.",
    )
    return folder


def test_translate_starts_a_translation_of_stamped_copies(project: Path) -> None:
    said = cli("translate", "es", "-p", str(project))
    assert "Wrote 4 files" in said
    folder = project / SPANISH
    course = (folder / "course.yaml").read_text(encoding="utf-8")
    assert course.startswith("translation_of: ") and "\nlanguage: es\n" in course
    intro = (folder / "modules" / "intro.md").read_text(encoding="utf-8")
    assert intro.startswith("---\ntranslation_of: ")
    output = cli("check", "-p", str(project))
    assert "not translated into 'es' yet: still the copy of content/modules/intro.md" in output
    assert "Nothing to add" in cli("translate", "es", "-p", str(project))


def test_one_build_makes_every_language(project: Path) -> None:
    translated(project)
    output = cli("build", "-p", str(project), "-j", "1")
    folder = project / "output"
    english = folder / "en-GB" / "all-staff" / "safe-rooms-en-GB-all-staff-handout.pdf"
    spanish = folder / "es" / "all-staff" / "safe-rooms-es-all-staff-handout.pdf"
    assert english.is_file() and spanish.is_file()
    assert not (folder / "all-staff").exists()
    es = load_labels(None, "es")
    text = text_of(spanish)
    assert "Salas seguras" in text and "Bienvenida a las salas seguras" in text
    assert "Las salas tranquilas ayudan a todos" in text
    assert "Las salas influyen en cómo se sienten las personas." in text
    assert es.gettext("Key points") in text and "Key points" not in text
    assert "Todo el personal" in text
    # the untranslated module prints in English, and the build says so
    assert "Putting it into practice" in text
    assert "content/modules/practice.md: warning: not translated into 'es'" in output
    # the English outputs are the course as written
    english_text = text_of(english)
    assert "Safe Rooms" in english_text and "Salas seguras" not in english_text
    # numbers come from the source: the module still takes 10 minutes
    assert "99 min" not in text and "10 min" in text
    # a second build has nothing to do
    assert "Nothing to rebuild" in cli("build", "-p", str(project), "-j", "1")


def test_clinical_text_stays_out_of_the_spanish_all_staff_materials(project: Path) -> None:
    translated(project)
    cli("build", "-p", str(project), "-j", "1", "--only", "handout", "--only", "deck")
    folder = project / "output" / "es"
    everyone = text_of(folder / "all-staff" / "safe-rooms-es-all-staff-handout.pdf")
    clinical = text_of(folder / "clinical" / "safe-rooms-es-clinical-handout.pdf")
    for phrase in ("Siente al cliente junto a la puerta", "salida despejada"):
        assert phrase in clinical, phrase
        assert phrase not in everyone, phrase


def test_a_translation_older_than_its_source_is_named(project: Path) -> None:
    translated(project)
    edit(
        project / "content" / "modules" / "intro.md",
        "Rooms shape how people feel.",
        "Rooms shape how people feel and act.",
    )
    output = cli("check", "-p", str(project))
    assert (
        "content/translations/es/modules/intro.md:1: warning: the 'es' translation is out of "
        "date: content/modules/intro.md changed since it was translated"
    ) in output
    assert "then set translation_of: " in output


def test_a_mistake_in_a_translation_names_its_file_and_line(project: Path) -> None:
    folder = translated(project)
    built = cli("build", "-p", str(project), "-j", "1", "--only", "handout")
    assert "Built" in built
    before = {p: p.stat().st_mtime_ns for p in (project / "output").rglob("*.pdf")}
    edit(folder / "modules" / "intro.md", "key_points:\n", "key_points: [\n")
    output = cli("build", "-p", str(project), "-j", "1", "--only", "handout", code=1)
    assert "content/translations/es/modules/intro.md:" in output
    assert "Traceback" not in output
    after = {p: p.stat().st_mtime_ns for p in (project / "output").rglob("*.pdf")}
    assert after == before  # nothing written


def test_build_and_show_one_language(project: Path) -> None:
    """--language builds only the languages named and shows one; a language the course does
    not have is an error naming those it has."""
    translated(project)
    output = cli("build", "-p", str(project), "--language", "es", "--only", "handout")
    assert (project / "output" / "es" / "clinical").is_dir()
    assert not (project / "output" / "en-GB").exists()
    assert "Built 2 files" in output
    shown = cli("show", "handout", "-a", "clinical", "-p", str(project), "-l", "es")
    assert 'title: "Salas seguras"' in shown and "Las salas tranquilas ayudan a todos" in shown
    assert 'title: "Safe Rooms"' in cli("show", "handout", "-a", "clinical", "-p", str(project))
    wrong = cli("build", "-p", str(project), "--language", "de", code=2)
    assert "the course is not built in 'de': its languages are en-GB, es" in wrong
    assert "materials-gen translate de" in wrong
    typed = cli("build", "-p", str(project), "--language", "pt-br", code=2)
    assert "materials-gen translate pt-BR" in typed  # the tag as translate writes it


def reasons_of(output: str) -> dict[str, str]:
    """Each output made by a build (its path under the output folder) and why."""
    found: dict[str, str] = {}
    lines = output.split("\n")
    for n, line in enumerate(lines):
        if line.strip().startswith("made "):
            path = line.split()[1].split("output/", 1)[-1]
            why = []
            for after in lines[n + 1 :]:
                if not after.strip().startswith("because "):
                    break
                why.append(after.strip().removeprefix("because "))
            found[path] = ", ".join(why)
    return found


def test_a_rebuild_names_only_the_files_each_language_and_audience_reads(project: Path) -> None:
    """An English output is made again because of the English files, a Spanish one because
    of the Spanish files (and the English ones they fall back on); an audience's outputs
    name what changed in what it sees, not every file edited since the last build."""
    translated(project)
    cli("build", "-p", str(project))
    edit(project / "content" / "modules" / "intro.md", "Calm rooms help", "Quiet rooms help")
    intro = project / SPANISH / "modules" / "intro.md"
    edit(intro, "Las salas tranquilas ayudan", "Las salas silenciosas ayudan")
    said = reasons_of(cli("build", "-p", str(project)))
    english = said["en-GB/all-staff/safe-rooms-en-GB-all-staff-handout.pdf"]
    assert english == "content/modules/intro.md changed", said
    spanish = said["es/all-staff/safe-rooms-es-all-staff-handout.pdf"]
    assert "content/translations/es/modules/intro.md changed" in spanish, said
    # a clinical-only edit and a table edit: all staff see only the table's
    edit(project / "content" / "modules" / "intro.md", "nearest the door", "closest to the door")
    edit(project / "content" / "tables" / "approaches.yaml", "Kind words", "Warm words")
    said = reasons_of(cli("build", "-p", str(project), "-l", "en-GB"))
    staff = said["en-GB/all-staff/safe-rooms-en-GB-all-staff-handout.pdf"]
    assert staff == "content/tables/approaches.yaml changed", said
    clinical = said["en-GB/clinical/safe-rooms-en-GB-clinical-handout.pdf"]
    assert "content/modules/intro.md changed" in clinical and "approaches.yaml" in clinical


def spanish_reasons(project: Path) -> tuple[dict[str, str], str]:
    """Build again: why each output was made, and why the Spanish all-staff handout was."""
    said = reasons_of(cli("build", "-p", str(project)))
    return said, said["es/all-staff/safe-rooms-es-all-staff-handout.pdf"]


def test_a_renamed_module_is_told_to_each_language_by_the_files_it_reads(project: Path) -> None:
    """The intro module renamed in the course, its translation left under the old name: the
    Spanish materials now show the English module and no longer the Spanish one, and are
    told so; they are not told that the English module of the old name changed, a file
    they never read."""
    translated(project)
    cli("build", "-p", str(project))
    modules = project / "content" / "modules"
    (modules / "intro.md").rename(modules / "welcome.md")
    edit(project / "content" / "course.yaml", "  - intro\n", "  - welcome\n")
    said, spanish = spanish_reasons(project)
    assert spanish == (
        "content/course.yaml changed, content/modules/welcome.md now used, "
        "content/translations/es/modules/intro.md is no longer used"
    ), said
    assert all("content/modules/intro.md" not in why for why in said.values()), said


def test_a_translation_deleted_or_a_module_removed_is_told_by_the_files_read(
    project: Path,
) -> None:
    """The Spanish intro deleted: the Spanish materials no longer use the translation, the
    course's words printed (not that the deleted file "changed", nor that the course's
    intro, read all along for its ids and times, is "now used"); put back, its translation
    is used again. The practice module removed from the course: the Spanish materials are told
    that the course file changed and the module is no longer used, never a file of another
    language."""
    translated(project)
    cli("build", "-p", str(project))
    intro = project / SPANISH / "modules" / "intro.md"
    kept = intro.read_text(encoding="utf-8")
    intro.unlink()
    said, spanish = spanish_reasons(project)
    assert spanish == (
        "content/translations/es/modules/intro.md is no longer used (the words of "
        "content/modules/intro.md are printed)"
    ), said
    intro.write_text(kept, encoding="utf-8")
    said, spanish = spanish_reasons(project)
    assert spanish == (
        "content/translations/es/modules/intro.md now used (the translation of "
        "content/modules/intro.md)"
    ), said
    edit(project / "content" / "course.yaml", "  - practice\n", "")
    said, spanish = spanish_reasons(project)
    assert spanish == (
        "content/course.yaml changed, content/modules/practice.md is no longer used"
    ), said
    assert all("tables/" not in why for why in said.values()), said


def test_after_a_partial_build_the_rest_still_says_which_file_changed(project: Path) -> None:
    """A build of some outputs moves the record of the project's files on; the outputs it
    left are made later and still name the file whose content changed."""
    cli("build", "-p", str(project))
    edit(project / "content" / "modules" / "intro.md", "Calm rooms help", "Quiet rooms help")
    cli("build", "-p", str(project), "--only", "handout")
    said = reasons_of(cli("build", "-p", str(project)))
    assert said["clinical/safe-rooms-clinical-deck.pptx"] == "content/modules/intro.md changed"


def test_after_a_build_of_one_language_or_audience_the_rest_name_the_file_edited(
    project: Path,
) -> None:
    """After a build of English only, every Spanish output said its translation of the
    module had changed, though only the English module's duration was edited (the
    translation takes it from there); after a build of one audience, the other's outputs
    blamed course.yaml too for an edit to a table. Each output names the files edited since
    it was made, whatever was built in between."""
    translated(project)
    cli("build", "-p", str(project))
    edit(project / "content" / "modules" / "intro.md", "duration: 10", "duration: 12")
    cli("build", "-p", str(project), "-l", "en")
    said = reasons_of(cli("build", "-p", str(project)))
    spanish = {k: v for k, v in said.items() if k.startswith("es/")}
    assert spanish and set(spanish.values()) == {"content/modules/intro.md changed"}, spanish
    table = project / "content" / "tables" / "approaches.yaml"
    edit(table, "informed: Noticing", "informed: Noticing early")
    cli("build", "-p", str(project), "-a", "clinical", "-l", "en")
    said = reasons_of(cli("build", "-p", str(project), "-l", "en"))
    staff = {k: v for k, v in said.items() if "all-staff" in k}
    assert staff and set(staff.values()) == {"content/tables/approaches.yaml changed"}, staff


def test_another_languages_labels_are_no_input_of_this_one(project: Path) -> None:
    """A Spanish label changed: the Spanish outputs are made again, the English ones are
    left as they are without being made at all."""
    translated(project)
    folder = project / "templates" / "locale"
    folder.mkdir(parents=True)
    (folder / "es.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Key points"\nmsgstr "Recuerde"\n',
        encoding="utf-8",
    )
    cli("build", "-p", str(project))
    edit(folder / "es.po", 'msgstr "Recuerde"', 'msgstr "Para recordar"')
    report = build(project, BuildOptions())
    english = [b for b in report.built if "/en-GB/" in b.path.as_posix()]
    assert english and all(b.status == "unchanged" and b.seconds == 0 for b in english)
    assert any(b.status == "built" for b in report.built if "/es/" in b.path.as_posix())


def test_a_translation_into_the_courses_own_language_is_refused(project: Path) -> None:
    """The minimal course is in en-GB: ``translate en-GB`` makes nothing, and a folder
    content/translations/en-GB/ (whose edits nothing would read) stops check and build."""
    output = cli("translate", "en-GB", "-p", str(project), code=1)
    assert "the course itself is in en-GB: there is nothing to translate into" in output
    assert not (project / "content" / "translations").exists()
    translated(project)
    (project / SPANISH).rename(project / "content" / "translations" / "en-GB")
    for command in ("check", "build"):
        output = cli(command, "-p", str(project), code=1)
        assert "content/translations/en-GB: error: the course itself is in en-GB" in output
    # nor its language alone, which translate refuses too: a folder 'en' was built as a
    # third language, its warning hinting at 'translate en-GB', and '-l en' chose it
    (project / "content" / "translations" / "en-GB").rename(
        project / "content" / "translations" / "en"
    )
    for command in ("check", "build"):
        output = " ".join(cli(command, "-p", str(project), code=1).split())
        assert (
            "content/translations/en: error: the course itself is in en-GB: a translation "
            "into en would say the same"
        ) in output, output
        assert "translate en-GB" not in output, output
    assert not (project / "output" / "en").exists()


def test_a_translation_into_the_default_language_of_a_course_that_names_none_is_refused(
    project: Path,
) -> None:
    """A course.yaml without language: is in en-US: a folder en-us (any case) is its own
    language, refused by check and build at the folder (build made each file twice, then
    stopped on "cannot write the file: File exists"), and translate en-US makes nothing."""
    edit(project / "content" / "course.yaml", "language: en-GB\n", "")
    translated(project)
    (project / SPANISH).rename(project / "content" / "translations" / "en-us")
    for command in ("check", "build"):
        output = cli(command, "-p", str(project), code=1)
        assert (
            "content/translations/en-us: error: the course itself is in en-US: a translation "
            "into en-us is never read"
        ) in " ".join(output.split())
        assert "File exists" not in output
    output = cli("translate", "en-US", "-p", str(project), code=1)
    assert "the course itself is in en-US: there is nothing to translate into" in output


def test_print_again_lists_only_files_made_before(project: Path) -> None:
    """Only the English clinical outputs were built; after an English edit a whole build
    makes the Spanish ones for the first time: "Print again" names what was printed
    before and changed, not files nobody has printed yet."""
    translated(project)
    cli("build", "-p", str(project), "-a", "clinical", "-l", "en-GB")
    edit(project / "content" / "modules" / "intro.md", "Calm rooms help", "Quiet rooms help")
    output = cli("build", "-p", str(project))
    again = " ".join(output.split()).split("Print again: ", 1)[1].split(" (also saved")[0]
    assert "en-GB/clinical/safe-rooms-en-GB-clinical-handout.pdf" in again
    assert "es/" not in again, again


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "the course itself is in en-GB: a translation into en would say the same"),
        ("sp", "'sp' is not a language materials-gen knows"),
        ("xx-notalang", "'xx' is not a language materials-gen knows"),
    ],
)
def test_translate_refuses_a_language_it_would_only_copy_into(
    project: Path, language: str, said: str
) -> None:
    """A slip in the tag (no such language) or the course's own language without its region
    is refused before any file is written."""
    output = cli("translate", language, "-p", str(project), code=1)
    assert said in output
    assert not (project / "content" / "translations").exists()


def test_a_translated_list_of_another_length_never_shows_a_clinical_point_to_all_staff(
    project: Path,
) -> None:
    """The translation drops a key point and writes the clinical one without its audience:
    the source's list is printed (each entry with its audience), with a warning at the
    translation's line, never the clinical point in the all-staff handout."""
    folder = translated(project)
    intro = folder / "modules" / "intro.md"
    edit(
        intro,
        "  - Las salas tranquilas ayudan a todos\n"
        "  - text: Siente al cliente junto a la puerta en las salas de terapia\n"
        "    audience: clinical\n",
        "  - Siente al cliente junto a la puerta en las salas de terapia\n",
    )
    output = cli("check", "-p", str(project))
    line = intro.read_text(encoding="utf-8").splitlines().index("key_points:") + 1
    assert (
        f"content/translations/es/modules/intro.md:{line}:1: warning: 'key_points' has 1 "
        "entries in this translation and 2 in content/modules/intro.md"
    ) in output
    text = spanish_staff_handout(project)
    assert "Siente al cliente" not in text and "Seat the client" not in text
    assert "Calm rooms help everyone" in text  # the source's entry, in its words


def _with_question(module: Path) -> None:
    module.write_text(
        module.read_text(encoding="utf-8").replace(
            "notes: Say hello",
            "questions:\n"
            "  - question: Which helps a room feel safe?\n"
            "    options:\n"
            "      - Soft light\n"
            "      - Loud music\n"
            "      - Locked doors\n"
            "    answer: a\n"
            "notes: Say hello",
            1,
        ),
        encoding="utf-8",
    )


def test_an_answer_goes_with_the_options_it_was_given_for(project: Path) -> None:
    """The source reorders a question's options (the right one last, answer c); a Spanish
    translation made before keeps its own order: its key stays its own (a), never the
    source's letter on the translation's options."""
    _with_question(project / "content" / "modules" / "intro.md")
    folder = translated(project)
    intro = folder / "modules" / "intro.md"
    for english, spanish in (
        ("Which helps a room feel safe?", "¿Qué ayuda a que una sala se sienta segura?"),
        ("      - Soft light", "      - Luz suave"),
        ("      - Loud music", "      - Música alta"),
        ("      - Locked doors", "      - Puertas cerradas con llave"),
    ):
        edit(intro, english, spanish)
    source = project / "content" / "modules" / "intro.md"
    edit(
        source,
        "      - Soft light\n      - Loud music\n      - Locked doors\n    answer: a",
        "      - Loud music\n      - Locked doors\n      - Soft light\n    answer: c",
    )
    shown = cli("show", "pretest", "-a", "all-staff", "-l", "es", "-p", str(project))
    question = shown.split("¿Qué ayuda a que una sala se sienta segura?", 1)[1].split(":::")[0]
    printed = [line[2:] for line in question.splitlines() if line.startswith("- ")]
    key = cli("show", "answer-key", "-a", "all-staff", "-l", "es", "-p", str(project))
    before = key.split("## ", 2)[1]  # the pre-test's: | 1 | question | letter | why |
    row = next(line for line in before.splitlines() if line.startswith("| 1 |"))
    letter = row.split("|")[3].strip()
    assert printed["ABC".index(letter)] == "Luz suave", (printed, letter)


def test_a_translation_with_fewer_options_keeps_the_sources_question(project: Path) -> None:
    _with_question(project / "content" / "modules" / "intro.md")
    folder = translated(project)
    intro = folder / "modules" / "intro.md"
    edit(intro, "      - Locked doors\n", "")
    output = cli("check", "-p", str(project))
    assert "warning: 'questions 1 options' has 2 entries in this translation and 3 in" in output


def test_files_no_output_prints_are_warned_of_once_and_not_as_untranslated(
    project: Path,
) -> None:
    """A module file course.yaml does not list and a table no module shows print in no
    output: each is told so once, at its file, and not also as missing a translation (the
    module's warning was repeated for each language)."""
    translated(project)
    content = project / "content"
    intro = (content / "modules" / "intro.md").read_text(encoding="utf-8")
    (content / "modules" / "spare.md").write_text(intro, encoding="utf-8")
    table = (content / "tables" / "approaches.yaml").read_text(encoding="utf-8")
    (content / "tables" / "unshown.yaml").write_text(table, encoding="utf-8")
    output = cli("check", "-p", str(project))
    assert output.count("content/modules/spare.md:1: warning: module 'spare' is not listed") == 1
    assert output.count("content/tables/unshown.yaml:1: warning: table 'unshown' is shown") == 1
    assert "spare.md: warning: not translated" not in output
    assert "unshown.yaml: warning: not translated" not in output
    # the files the course prints are still told as untranslated
    assert "content/tables/approaches.yaml: warning: not translated into 'es'" in output


def test_an_untranslated_copy_follows_its_source(project: Path) -> None:
    """translate copied the table; nobody translated it; the source's text is corrected
    afterwards: the Spanish handout prints the corrected text, and the warning still says
    the file was never translated."""
    cli("translate", "es", "-p", str(project))
    table = project / "content" / "tables" / "approaches.yaml"
    edit(table, "informed: Noticing", "informed: Recognising")
    output = cli("check", "-p", str(project))
    assert (
        "not translated into 'es' yet: still the copy of content/tables/approaches.yaml" in output
    )
    text = spanish_staff_handout(project)
    assert "Recognising" in text and "Noticing" not in text


def test_a_translated_body_without_its_sources_audience_fence_is_not_used(
    project: Path,
) -> None:
    """The translator writes the clinical paragraph without its ::: {audience="clinical"}
    fence: the source's text is printed (fenced as the source fences it), with a warning,
    never the clinical paragraph in the all-staff handout."""
    folder = translated(project)
    intro = folder / "modules" / "intro.md"
    text = intro.read_text(encoding="utf-8")
    text = text.replace('::: {audience="clinical"}\n', "").replace(
        "para el cliente.\n:::\n", "para el cliente.\n"
    )
    intro.write_text(text, encoding="utf-8")
    output = cli("check", "-p", str(project))
    assert "is not set apart for audiences as its source's is" in output
    said = spanish_staff_handout(project)
    assert "salida despejada" not in said and "clear exit path" not in said


def _fence_grown(project: Path, after: str) -> Path:
    """The minimal project's clinical fence given more after its paragraph (``after``, from
    the blank line on, its closing fence included), then translated: the Spanish intro."""
    source = project / "content" / "modules" / "intro.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("for the client.\n:::", f"for the client.\n{after}"), "utf-8")
    return translated(project) / "modules" / "intro.md"


def test_a_translated_paragraph_moved_out_of_its_fence_is_not_printed_for_others(
    project: Path,
) -> None:
    """The fences kept, but the clinical paragraph set before its fence while the fence
    kept the rest (a list): the fences matched the source's, and the clinical paragraph was
    printed in the Spanish all-staff handout. What each fence holds is compared too."""
    intro = _fence_grown(project, "\n- Keep the door clear\n:::")
    text = intro.read_text(encoding="utf-8")
    moved = "Las salas de terapia necesitan una salida despejada para el cliente."
    text = text.replace(
        f'::: {{audience="clinical"}}\n{moved}\n', f'{moved}\n\n::: {{audience="clinical"}}\n'
    )
    assert f"{moved}\n\n::: {{audience" in text, text
    intro.write_text(text, encoding="utf-8")
    output = " ".join(cli("check", "-p", str(project)).split())
    assert (
        "the text this translation sets apart for clinical is not made as its source's "
        "(a list of 1 item here, a paragraph and a list of 1 item in the source)"
    ) in output, output
    said = spanish_staff_handout(project)
    assert "salida despejada" not in said and "clear exit path" not in said


def test_a_translated_list_item_moved_out_of_its_fence_is_not_printed_for_others(
    project: Path,
) -> None:
    """A clinical list item taken out of its fence's list and added to a list everyone
    sees: the fence still held a paragraph and a list, as the source's, and the item was
    printed in the Spanish all-staff handout. A fence's lists are compared item for item."""
    intro = _fence_grown(
        project, "\n- Keep the door clear\n- Check the lock\n:::\n\n- Open the blinds"
    )
    text = intro.read_text(encoding="utf-8")
    text = text.replace("- Check the lock\n", "").replace(
        "- Open the blinds", "- Open the blinds\n- REVISE LA CERRADURA"
    )
    intro.write_text(text, encoding="utf-8")
    output = " ".join(cli("check", "-p", str(project)).split())
    assert "(a paragraph and a list of 1 item here, a paragraph and a list of 2 items" in output
    assert "REVISE LA CERRADURA" not in spanish_staff_handout(project)


def test_a_translated_text_that_does_not_fit_is_named_at_its_translations_line(
    project: Path,
) -> None:
    """A translated table cell too long for the poster (one sheet; a slide's table goes on
    over slides): the error names the line of the translation that holds it (it named no
    file), as one in the source names the source's."""
    folder = translated(project)
    source = project / "content" / "tables" / "approaches.yaml"
    table = folder / "tables" / "approaches.yaml"
    long = " ".join(["palabra"] * 400)
    text = source.read_text(encoding="utf-8").replace("informed: Noticing", f"informed: {long}")
    table.write_text(text, encoding="utf-8")
    line = next(
        n
        for n, said in enumerate(text.splitlines(), start=1)
        if said.startswith("    informed: palabra")
    )
    output = cli("build", "-p", str(project), "-l", "es", "--only", "poster", code=1)
    said = " ".join(output.split())
    assert f"content/translations/es/tables/approaches.yaml:{line}: error: the poster for" in said


def test_a_build_of_some_languages_tells_only_their_translations_warnings(
    project: Path,
) -> None:
    translated(project)
    english = cli("build", "-p", str(project), "-l", "en-GB", "--only", "handout")
    assert "not translated into 'es'" not in english
    spanish = cli("build", "-p", str(project), "-l", "es", "--only", "handout")
    assert "content/modules/practice.md: warning: not translated into 'es'" in spanish


def test_the_overview_page_counts_audiences_and_languages_apart(project: Path) -> None:
    """Two audiences in two languages: "for 2 audiences in 2 languages" (not "for 4
    audiences"), each group named by its audience in its language and the language, never
    by an id (the translation names all staff "Todo el personal")."""
    translated(project)
    cli("build", "-p", str(project), "--index", "--only", "handout")
    page = (project / "output" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"for 2 audiences in 2 languages", page)
    names = re.findall(r'<a href="#audience-[^"]*">([^<]*)</a>', page)
    assert names == [
        "All staff (en-GB)",
        "Clinical providers (en-GB)",
        "Todo el personal (es)",
        "Clinical providers (es)",
    ]


def test_a_corrected_answer_in_the_source_reaches_an_up_to_date_translation(
    project: Path,
) -> None:
    """The trainer corrects a question's key in the source (options unchanged): the Spanish
    translation, up to date (answers are no text to translate), keys the corrected option."""
    _with_question(project / "content" / "modules" / "intro.md")
    folder = translated(project)
    intro = folder / "modules" / "intro.md"
    source = project / "content" / "modules" / "intro.md"
    stamp = re.search(r"translation_of: (\S+)", intro.read_text(encoding="utf-8")).group(1)
    edit(source, "    answer: a", "    answer: b")
    edit(intro, f"translation_of: {stamp}", f"translation_of: {stamp}")  # still current
    key = cli("show", "answer-key", "-a", "all-staff", "-l", "es", "-p", str(project))
    shown = cli("show", "pretest", "-a", "all-staff", "-l", "es", "-p", str(project))
    question = shown.split("Which helps a room feel safe?", 1)[1].split(":::")[0]
    printed = [line[2:] for line in question.splitlines() if line.startswith("- ")]
    row = next(line for line in key.split("## ", 2)[1].splitlines() if line.startswith("| 1 |"))
    assert printed["ABC".index(row.split("|")[3].strip())] == "Loud music"


def test_a_translated_list_whose_entries_moved_keeps_the_sources_audiences(
    project: Path,
) -> None:
    """The translator moves the clinical key point first (with its audience line): laid
    entry by entry, the first source entry's audience (everyone) would go with the clinical
    words. The source's list is printed instead, with a warning."""
    folder = translated(project)
    intro = folder / "modules" / "intro.md"
    edit(
        intro,
        "  - Las salas tranquilas ayudan a todos\n"
        "  - text: Siente al cliente junto a la puerta en las salas de terapia\n"
        "    audience: clinical\n",
        "  - text: Siente al cliente junto a la puerta en las salas de terapia\n"
        "    audience: clinical\n"
        "  - Las salas tranquilas ayudan a todos\n",
    )
    output = cli("check", "-p", str(project))
    assert "'key_points' gives its entries other audiences than content/modules/intro.md" in (
        output
    )
    text = spanish_staff_handout(project)
    assert "Siente al cliente" not in text and "Seat the client" not in text


def test_a_translation_s_version_is_the_source_s(project: Path) -> None:
    """The source went to version 2.2; the Spanish handout's footer still said 2.1, the
    version the translation was copied with (a number, written as text)."""
    translated(project)
    edit(project / "content" / "course.yaml", 'version: "2.1"', 'version: "2.2"')
    text = spanish_staff_handout(project)
    assert "2.2" in text and "2.1" not in text


def test_an_audience_added_to_the_source_keeps_the_others_translated_names(
    project: Path,
) -> None:
    """Adding a third audience (as the README shows) made the translation's audience list
    one of another length: every Spanish output went back to the English audience names."""
    translated(project)
    edit(
        project / "content" / "course.yaml",
        "audiences:\n",
        "audiences:\n  - id: leadership\n    name: Leadership\n    includes: [all-staff]\n",
    )
    text = spanish_staff_handout(project)
    assert "Todo el personal" in text and "All staff" not in text


def test_a_translated_table_s_rows_moved_without_their_audiences_keep_the_sources(
    project: Path,
) -> None:
    """Two rows of a table swapped in the translation, and the clinical row's 'audience:'
    line dropped as needing no translation: laid over the source's rows by place, the
    clinical row's words were printed in the all-staff handout."""
    source = project / "content" / "tables" / "approaches.yaml"
    folder = translated(project)
    rows = yaml.safe_load(source.read_text(encoding="utf-8"))
    clinical = next(n for n, row in enumerate(rows["rows"]) if "audience" in row)
    moved = dict(rows["rows"][clinical])
    del moved["audience"]
    first = next(k for k in moved if k != "audience")
    moved[first] = "FILA CLINICA"
    others = [r for n, r in enumerate(rows["rows"]) if n != clinical]
    rows["rows"] = [moved, *others]  # the clinical row first, the others after
    (folder / "tables" / "approaches.yaml").write_text(
        yaml.safe_dump(rows, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    output = " ".join(cli("check", "-p", str(project)).split())
    assert "'rows' gives its entries other audiences than content/tables/approaches.yaml" in output
    assert "FILA CLINICA" not in spanish_staff_handout(project)


def test_a_translation_adds_no_key_and_keeps_the_sources_forms(project: Path) -> None:
    """A translation gave a module a break its source has not (the Spanish plan ran 15
    minutes longer, with a break the English has not); a clinical objective translated as
    a plain text was replaced by the English without a word; a poster table named in the
    translation won over the source's."""
    folder = translated(project)
    intro = folder / "modules" / "intro.md"
    edit(intro, "duration: 99", "duration: 99\nbreak_after: 15")
    edit(
        intro,
        "  - text: Plan a clinical room layout for a session\n    audience: clinical\n",
        "  - Planifique la disposición de una sala clínica\n",
    )
    output = cli("check", "-p", str(project))
    lines = intro.read_text(encoding="utf-8").splitlines()
    added = lines.index("break_after: 15") + 1
    assert (
        f"content/translations/es/modules/intro.md:{added}:1: warning: 'break_after' is not "
        "in content/modules/intro.md: a translation cannot add it, so it is left out"
    ) in output
    # an entry for some audiences written without its audience: the list is the source's
    # (translated so, with the entries moved, the clinical one would reach all staff)
    assert (
        "warning: 'objectives' gives its entries other audiences than content/modules/intro.md "
        "does, in their places (an entry moved, or one for some audiences written without "
        "its 'audience:')"
    ) in " ".join(output.split())
    report = build(project, BuildOptions(kinds=("guide",)))
    guides = {b.target.language: b.path for b in report.built if b.target.audience.id == "clinical"}
    spanish = guides.pop("es")
    (english,) = guides.values()

    def minutes(path: Path) -> list[str]:
        return re.findall(r"\d+ min", text_of(path))

    assert minutes(english) == minutes(spanish)
    assert "Planifique" not in text_of(spanish)


def test_a_key_misspelt_in_a_translation_is_an_error_with_the_key_it_meant(
    project: Path,
) -> None:
    """A translation's misspelt key ('key_pionts') was told as a key the source has not,
    a warning whose hint sent the translator to add it to the source, and the translated
    key points printed in English. A key no such file may hold is an error at its line,
    with the key meant, in a module, the course and a table alike, as in the source."""
    folder = translated(project)
    cli("translate", "es", "-p", str(project))  # the table too
    intro = folder / "modules" / "intro.md"
    edit(intro, "key_points:", "key_pionts:")
    edit(folder / "course.yaml", "title: Salas seguras", "titel: Salas seguras")
    edit(folder / "tables" / "approaches.yaml", "rows:", "rowz:")
    output = " ".join(cli("check", "-p", str(project), code=1).split())
    for file, key, meant in (
        (intro, "key_pionts", "key_points"),
        (folder / "course.yaml", "titel", "title"),
        (folder / "tables" / "approaches.yaml", "rowz", "rows"),
    ):
        lines = file.read_text(encoding="utf-8").splitlines()
        line = next(n for n, text in enumerate(lines) if text.startswith(key))
        where = file.relative_to(project).as_posix()
        assert (
            f"{where}:{line + 1}:1: error: unknown key '{key}' hint: did you mean '{meant}'?"
        ) in output, output
    assert "a translation cannot add it" not in output


def test_keys_a_trainer_names_are_not_taken_for_misspelt_ones(project: Path) -> None:
    """A table's column renamed in the source (its rows' keys are column ids) stopped every
    build, the source's own too, as "unknown key 'informed'" in the translation; a text
    given per audience keys its texts by audience ids. Each is told (a column as a key the
    source lacks, an audience the course does not define as unknown), and the build goes
    on."""
    folder = translated(project)
    cli("translate", "es", "-p", str(project))  # the table too, translated
    edit(folder / "tables" / "approaches.yaml", "heading: Informed", "heading: Informado")
    table = project / "content" / "tables" / "approaches.yaml"
    table.write_text(
        table.read_text(encoding="utf-8")
        .replace("- id: informed", "- id: informed-care")
        .replace("    informed:", "    informed-care:"),
        encoding="utf-8",
    )
    intro = folder / "modules" / "intro.md"
    edit(intro, "  clinical: Room layout", "  leaders: Para quien dirige.\n  clinical: Room layout")
    output = " ".join(cli("check", "-p", str(project)).split())
    assert "error" not in output, output
    assert "'rows 1 informed' is not in content/tables/approaches.yaml" in output
    assert "intro.md:18:3: warning: unknown audience 'leaders'" in output, output
    cli("build", "-p", str(project), "-l", "en", "--only", "handout")


def test_questions_taking_a_newer_sources_answers_are_warned_of(project: Path) -> None:
    """A translation older than its source, whose question gives no answer of its own (as
    the answer's own warning tells a translator to leave it), took the source's new letter
    among its options in their old order: the key marked a wrong answer, and only the
    file's "out of date" was said. The questions taking the source's answers are named."""
    source = project / "content" / "modules" / "intro.md"
    edit(
        source,
        "takeaway:",
        "questions:\n  - question: Where should the way out be?\n    options:\n"
        "      - Near the client\n      - Behind the desk\n    answer: a\ntakeaway:",
    )
    cli("translate", "es", "-p", str(project))
    mine = project / SPANISH / "modules" / "intro.md"
    edit(mine, "question: Where should the way out be?", "question: ¿Dónde va la salida?")
    edit(mine, "    answer: a\n", "")
    said = "takes its answer from content/modules/intro.md, which is newer than it"
    assert said not in " ".join(cli("check", "-p", str(project)).split())
    edit(
        source,
        "      - Near the client\n      - Behind the desk\n    answer: a",
        ("      - Behind the desk\n      - Near the client\n    answer: b"),
    )
    output = " ".join(cli("check", "-p", str(project)).split())
    line = mine.read_text(encoding="utf-8").splitlines().index("questions:") + 2
    assert (
        f"content/translations/es/modules/intro.md:{line}:5: warning: question 1 of this" in output
    )
    assert said in output and "the key marks a wrong one" in output


def test_texts_a_partly_translated_file_keeps_as_written_are_told(project: Path) -> None:
    """A module translated in part (its title and a key point) printed the rest in English
    in the Spanish outputs, and check said nothing once the file was no longer the copy
    ``translate`` wrote. The sentences it keeps as its source writes them are named, in its
    front matter and its text; a term or name the same in both languages is not."""
    folder = translated(project)
    intro = folder / "modules" / "intro.md"
    said = " ".join(cli("check", "-p", str(project)).split())
    assert "still the source's words" in said  # the translated() module keeps some
    assert "'Name one way to make a room feel safer'" in said
    # translated in full, but for a term: nothing said
    text = intro.read_text(encoding="utf-8")
    for english, spanish in (
        ("Name one way to make a room feel safer", "Nombre una forma de hacer una sala segura"),
        ("Say hello and explain the session.", "Salude y explique la sesión."),
        ("What makes a room feel safe to you?", "¿Qué hace que una sala le parezca segura?"),
        ("Small changes make rooms safer.", "Los pequeños cambios hacen las salas más seguras."),
        ("Room layout is part of the treatment frame.", "La disposición es parte del marco."),
        (
            "We talk about safety in general terms; step out whenever you need to.",
            "Hablamos de seguridad en general; salga cuando lo necesite.",
        ),
        ("Plan a clinical room layout for a session", "Planifique la sala para una sesión"),
        (
            "A calm waiting room with two green chairs and a window",
            "Una sala de espera tranquila con dos sillas verdes y una ventana",
        ),
    ):
        text = text.replace(english, spanish)
    intro.write_text(text, encoding="utf-8")
    said = " ".join(cli("check", "-p", str(project)).split())
    module = "content/translations/es/modules/intro.md"
    assert not re.search(rf"{module}:\d+: warning: \d+ texts? of this translation", said), said
    # the source given a fence the translation lacks: its text is printed in English until
    # they agree, which is said; the translation's own text is not "still the source's"
    source = project / "content" / "modules" / "intro.md"
    edit(
        source,
        "Rooms shape how people feel.",
        '::: {audience="clinical"}\nSupervision helps.\n:::\n\nRooms shape how people feel.',
    )
    said = " ".join(cli("check", "-p", str(project)).split())
    assert "is not set apart for audiences as its source's is" in said, said
    assert not re.search(rf"{module}:\d+: warning: \d+ texts? of this translation", said), said


def test_a_translated_module_no_longer_listed_is_told_where_it_is(project: Path) -> None:
    """A module taken out of the course's list: its translation's warning named a line of
    the translation's course.yaml as content/course.yaml's, and told to move the file out
    of content/modules, where it is not."""
    folder = translated(project)
    edit(project / "content" / "course.yaml", "  - intro\n", "")
    said = " ".join(cli("check", "-p", str(project)).split())
    told = said.split("content/translations/es/modules/intro.md:1: warning: module 'intro'")[1]
    hint = told.split("hint: ")[1].split(" warning: ")[0]
    assert "under 'modules:' in content/course.yaml, in the order" in hint, hint
    assert f"move the file out of {(folder / 'modules').relative_to(project).as_posix()}" in hint


def test_a_translation_s_own_numbers_dates_and_settings_are_told(project: Path) -> None:
    """A translation that gives a module another duration, the course another date or the
    session another start: each was dropped without a word (the translator's file stated a
    schedule nobody would print). Each is now a note at its line, naming both values (a
    note: a translation copied before the source changed holds the old value unmeant, and
    --strict must not fail on it); the translation's words, and the source's own values,
    are printed as before."""
    folder = translated(project)  # its intro takes 99 minutes, where the source's takes 10
    course = folder / "course.yaml"
    text = course.read_text(encoding="utf-8")
    course.write_text(text.replace("  session:\n", '  session:\n    start: "14:00"\n', 1))
    output = " ".join(cli("check", "-p", str(project)).split())
    intro = (folder / "modules" / "intro.md").read_text(encoding="utf-8").splitlines()
    line = intro.index("duration: 99") + 1
    assert (
        f"content/translations/es/modules/intro.md:{line}:1: info: 'duration' is '99' in "
        "this translation and '10' in content/modules/intro.md: the source's is printed"
    ) in output
    start = course.read_text(encoding="utf-8").splitlines().index('    start: "14:00"') + 1
    assert (
        f"content/translations/es/course.yaml:{start}:5: info: 'settings session start' is "
        "'14:00' in this translation and"
    ) in output
    assert "'title' is" not in output and "'language' is" not in output  # words: its own
    assert "Salas seguras" in spanish_staff_handout(project)


def test_an_audience_a_translation_lacks_is_named_by_its_id(project: Path) -> None:
    """An audience added to the source after the translation was made: the warning named
    "'audiences 3'", a place in a list a trainer cannot find. It names the audience by its
    id, with the texts to translate, and the hint says how to add it."""
    folder = translated(project)
    edit(
        project / "content" / "course.yaml",
        "audiences:\n",
        "audiences:\n  - id: leadership\n    name: Leaders\n    includes: [all-staff]\n"
        "    description: Managers who set policy.\n",
    )
    output = " ".join(cli("check", "-p", str(project)).split())
    assert (
        "is not in this translation: 'audiences leadership (name, description)', printed "
        "in the source's language"
    ) in output, output
    assert "'- id: leadership', then its texts translated" in output
    assert "'audiences 1" not in output and folder.is_dir()


def test_the_posters_table_left_out_of_a_translation_is_no_text_left_out(
    tmp_path: Path,
) -> None:
    """A translation's poster without 'table:' was told "1 text ... is not in this
    translation: 'poster table'": it names a table by its id, which comes from the source."""
    from .conftest import kit_copy

    project = kit_copy(tmp_path)
    course = project / "content" / "translations" / "es" / "course.yaml"
    lines = course.read_text(encoding="utf-8").splitlines(keepends=True)
    course.write_text("".join(x for x in lines if x.strip() != "table: comparison"), "utf-8")
    output = " ".join(cli("check", "-p", str(project)).split())
    assert "'poster table'" not in output and "poster table" not in output


def test_a_translated_text_with_a_colon_unquoted_is_told_to_be_quoted(tmp_path: Path) -> None:
    """A translated key point "Cuídese hoy: salga cuando quiera", unquoted, was told "is a
    set in this translation and text in ...": the hint says to put it in quotes."""
    from .conftest import kit_copy

    project = kit_copy(tmp_path)
    module = project / "content" / "translations" / "es" / "modules" / "welcome.md"
    lines = module.read_text(encoding="utf-8").split("\n")
    at = lines.index("key_points:") + 1
    lines[at] = "  - Cuídese hoy: salga cuando quiera"
    module.write_text("\n".join(lines), encoding="utf-8")
    output = " ".join(cli("check", "-p", str(project)).split())
    assert (
        f"content/translations/es/modules/welcome.md:{at + 1}:5: warning: 'key_points 1' is a "
        "set in this translation and text in content/modules/welcome.md"
    ) in output, output
    assert "hint: put the text in quotes: the ': ' in it makes YAML read it" in output


def test_words_a_translation_leaves_out_are_named_at_its_file(project: Path) -> None:
    """A translation without an audience's name or a module's takeaway, or with nothing
    below its front matter, printed those in English in every Spanish footer, PDF title and
    box, and check said nothing; a source's reference may stay as published."""
    folder = translated(project)
    course = folder / "course.yaml"
    edit(course, "    name: Todo el personal\n", "")
    intro = folder / "modules" / "intro.md"
    text = intro.read_text(encoding="utf-8")
    front, body = text.split("\n---\n", 1)
    intro.write_text(front + "\n---\n", encoding="utf-8")
    output = " ".join(cli("check", "-p", str(project)).split())
    entry = course.read_text(encoding="utf-8").splitlines().index("  - id: all-staff") + 1
    assert (
        f"content/translations/es/course.yaml:{entry}:5: warning: 1 text of content/course.yaml "
        "is not in this translation: 'audiences all-staff name', printed in the source's language"
    ) in output
    assert (
        "content/translations/es/modules/intro.md:" in output
        and "this translation has no text below its front matter: the module's text is "
        "printed in the source's language"
        in output
    )
    assert "sources" not in output
    # what a translation need not give is not asked for: the version, a source's own words
    edit(course, 'version: "2.1"\n', "")
    output = " ".join(cli("check", "-p", str(project)).split())
    assert "'version'" not in output
    # a whole translation of the kit leaves out only its sources: nothing is said
    kit = " ".join(cli("check", "-p", str(REPO)).split())
    assert "not in this translation" not in kit and "below its front matter" not in kit


def test_a_translation_never_chooses_the_posters_table() -> None:
    from materials_gen.translations import overlay

    base = {"poster": {"table": "comparison", "headline": "Two approaches"}}
    top = {"poster": {"table": "roles", "headline": "Dos enfoques"}}
    assert overlay(base, top) == {"poster": {"table": "comparison", "headline": "Dos enfoques"}}


def test_two_translations_differing_in_case_are_refused(project: Path) -> None:
    """content/translations/es and content/translations/ES built into output/es and
    output/ES: one folder on Windows and macOS, each language's files over the other's."""
    import shutil

    folder = translated(project)
    shutil.copytree(folder, folder.parent / "ES")
    output = cli("check", "-p", str(project), code=1)
    assert "the translations 'ES' and 'es' differ only in case" in output or (
        "the translations 'es' and 'ES' differ only in case" in output
    )


def test_translate_writes_a_tag_as_tags_are_written_and_finds_its_folder_in_any_case(
    project: Path,
) -> None:
    """`translate ES` beside an "es" translation made a folder "ES", and every command then
    stopped on two translations differing only in case (one folder on Windows and macOS)."""
    translated(project)
    said = cli("translate", "ES", "-p", str(project))  # completes "es" (two files it lacks)
    assert "Wrote 2 files into " in said and "translations/es to translate" in said
    cli("translate", "PT-br", "-p", str(project))
    folders = sorted(p.name for p in (project / "content" / "translations").iterdir())
    assert folders == ["es", "pt-BR"]
    course = (project / "content" / "translations" / "pt-BR" / "course.yaml").read_text("utf-8")
    assert "language: pt-BR" in course
    cli("check", "-p", str(project))  # no refusal of the folders


def test_an_untranslated_copy_stays_one_when_its_source_changes_elsewhere_than_its_text(
    project: Path,
) -> None:
    """A module's duration changed in the source (or the course's list of modules): the
    copy nobody translated was no longer reported at all, neither untranslated nor out of
    date."""
    cli("translate", "es", "-p", str(project))
    edit(project / "content" / "modules" / "intro.md", "duration: 10", "duration: 12")
    output = cli("check", "-p", str(project))
    assert "es/modules/intro.md:1: warning: not translated into 'es' yet" in output


def test_a_language_named_by_its_first_part_that_two_varieties_share_is_asked_which(
    project: Path,
) -> None:
    """`-l en` with en-US and en-GB said the course was not built in 'en' and to start a
    translation into 'en', which translate refuses."""
    cli("translate", "en-US", "-p", str(project))  # beside the course's own en-GB
    result = CliRunner().invoke(main, ["build", "-p", str(project), "-l", "en"])
    assert result.exit_code == 2, result.output
    assert "'en' names more than one of the course's languages" in result.output
    assert "translate en" not in result.output


@pytest.mark.parametrize(
    "broken, said",
    [
        ("content/tables/approaches.yaml", "content/tables/approaches.yaml:1:"),
        ("content/modules/intro.md", "content/modules/intro.md:2: error: the file is not UTF-8"),
    ],
)
def test_translate_copies_nothing_from_content_a_build_cannot_read(
    project: Path, broken: str, said: str
) -> None:
    """A table YAML could not read, or a module saved in another encoding (Latin-1), was
    copied into the new translation (as replacement characters) and "Wrote 4 files": the
    problem is told at its line, as check tells it, and no file is written."""
    path = project / broken
    if broken.endswith(".yaml"):
        path.write_text("title: [oops\n", encoding="utf-8")
    else:
        text = path.read_text(encoding="utf-8").replace("Welcome", "Bienvenue à")
        path.write_bytes(text.encode("latin-1"))
    result = CliRunner().invoke(main, ["translate", "fr", "-p", str(project)])
    assert result.exit_code == 1, result.output
    assert said in result.output
    assert not (project / "content" / "translations" / "fr").exists()


def test_a_translations_own_answer_is_warned_of_at_its_line(tmp_path: Path) -> None:
    """A translator swapped a question's first two options and set 'answer: b': the forms
    printed the options in the translation's order, the key the source's letter, and so
    marked the worst option right, with only an info line (which --strict passes). It is a
    warning at the line, saying what the key does."""
    from .conftest import kit_copy

    project = kit_copy(tmp_path)
    summary = project / "content" / "translations" / "es" / "modules" / "summary.md"
    first = "      - Explicar qué pasará después en cada interacción\n"
    second = "      - Comenzar una terapia para el trauma con un cliente sin capacitación\n"
    edit(summary, first + second, second + first)
    edit(summary, "    answer: a\n", "    answer: b\n")
    line = summary.read_text(encoding="utf-8").splitlines().index("    answer: b") + 1
    result = CliRunner().invoke(main, ["check", "-p", str(project)])
    said = " ".join(result.output.split())
    assert (
        f"content/translations/es/modules/summary.md:{line}:5: warning: 'questions 1 answer' "
        "is 'b' in this translation and 'a' in content/modules/summary.md: the source's 'a' is "
        "used, with this translation's options in their order"
    ) in said, said
    strict = CliRunner().invoke(main, ["check", "--strict", "-p", str(project)])
    assert strict.exit_code == 1, strict.output


@pytest.mark.parametrize(("folder", "meant"), [("es_MX", "'es-MX'"), ("Español", "'es'")])
def test_a_translation_folder_not_named_by_a_language_tag_is_warned_of(
    project: Path, folder: str, meant: str
) -> None:
    """'fr_CA' and 'Français' were left out of every build without a word."""
    import shutil

    made = translated(project)
    shutil.copytree(made, made.parent / folder)
    for command in ("check", "build"):
        said = " ".join(cli(command, "-p", str(project)).split())
        assert (
            f"content/translations/{folder}: warning: the folder '{folder}' is not named by a "
            f"language tag, so it is not built hint: rename it {meant} (the language's tag)"
        ) in said, said


def test_a_translations_own_language_setting_is_told_it_is_not_read(project: Path) -> None:
    """'language: de' in the Spanish translation's course.yaml was dropped without a word."""
    made = translated(project)
    course = made / "course.yaml"
    text = course.read_text(encoding="utf-8")
    assert "language: es" in text
    course.write_text(text.replace("language: es", "language: de"), encoding="utf-8")
    line = course.read_text(encoding="utf-8").splitlines().index("language: de") + 1
    said = " ".join(cli("check", "-p", str(project)).split())
    assert (
        f"content/translations/es/course.yaml:{line}:1: warning: 'language: de' is not read: a "
        "translation's language is its folder's name, 'es'"
    ) in said, said


def test_a_translations_first_words_are_told_as_its_translation_being_used(
    project: Path,
) -> None:
    """A module copied by translate, then given its first translated words: the rebuild
    said the translation was "now used" and the English module "is no longer used", though
    its ids and durations are still read from it."""
    cli("translate", "es", "-p", str(project))
    cli("build", "-p", str(project), "-l", "es", "--only", "handout", "-j", "1")
    intro = project / SPANISH / "modules" / "intro.md"
    edit(intro, "title: Welcome to safe rooms", "title: Bienvenida a las salas seguras")
    said = " ".join(
        cli("build", "-p", str(project), "-l", "es", "--only", "handout", "-j", "1").split()
    )
    assert (
        "content/translations/es/modules/intro.md now used (the translation of "
        "content/modules/intro.md)"
    ) in said, said
    assert "content/modules/intro.md is no longer used" not in said


def _without_notes(path: Path) -> None:
    """The module at ``path`` with no speaker notes (its block of them taken out)."""
    text = path.read_text(encoding="utf-8")
    cut = re.sub(r"(?m)^notes: \|\n(?:(?:  .*)?\n)+", "", text)
    assert cut != text, f"no notes in {path}"
    path.write_text(cut, encoding="utf-8")


@pytest.mark.slow
def test_a_deck_without_notes_is_named_with_its_language(tmp_path: Path) -> None:
    """A module without notes in the course and in its translation: build and check named
    both decks "the deck for All staff", so the two warnings told nothing apart (and, with
    the same slide number, were one)."""
    from .conftest import kit_copy

    kit = kit_copy(tmp_path)
    _without_notes(kit / "content/modules/welcome.md")
    _without_notes(kit / "content/translations/es/modules/welcome.md")
    for command in (("build", "--only", "deck", "-a", "all-staff"), ("check",)):
        result = CliRunner().invoke(main, [*command, "-p", str(kit)])
        assert result.exit_code == 0, result.output
        said = [line for line in result.output.splitlines() if "has no speaker notes" in line]
        assert any("the deck for All staff (en-US)" in line for line in said), said
        assert any(" (es) has no speaker notes" in line for line in said), said


@pytest.mark.parametrize(
    ("written", "misspelt"),
    [
        ("    audience: clinical\nkey_points:", "    audience: clinicla\nkey_points:"),
        ('::: {audience="clinical"}', '::: {audience="clinicla"}'),
        ("  clinical: Room layout", "  clinicla: Room layout"),
    ],
    ids=["entry", "fence", "per-audience-text"],
)
def test_an_audience_misspelt_in_a_translation_is_named_at_its_line(
    project: Path, written: str, misspelt: str
) -> None:
    """A translation naming an audience the course does not define ('clinicla') was told
    only as entries or fences unlike the source's (at the list's line, without the name),
    or as a text it cannot add. It is named at its line, with the audience it is most
    like; a warning (--strict stops on it), so that the source's own language still
    builds, and the source's text printed there in the meantime."""
    intro = translated(project) / "modules" / "intro.md"
    text = intro.read_text(encoding="utf-8")
    assert written in text
    intro.write_text(text.replace(written, misspelt, 1), encoding="utf-8")
    lines = text.replace(written, misspelt, 1).splitlines()
    line = next(n for n, each in enumerate(lines, 1) if each.startswith(misspelt.split("\n")[0]))
    for command in ("check", "build"):
        output = " ".join(cli(command, "-p", str(project)).split())
        said = f"{SPANISH.as_posix()}/modules/intro.md:{line}"
        assert f"{said}" in output and "warning: unknown audience 'clinicla'" in output, output
        assert "did you mean 'clinical'?" in output
    cli("build", "-p", str(project), "--strict", code=1)


def test_an_audience_a_translation_adds_is_told_as_left_out(project: Path) -> None:
    """An audience a translation's course.yaml adds (one the source does not define) was
    dropped without a word: it is told as left out, as any other addition is."""
    course = translated(project) / "course.yaml"
    edit(course, "audiences:\n", "audiences:\n  - id: leaders\n    name: Líderes\n")
    output = cli("check", "-p", str(project))
    assert "'audiences leaders' is not in content/course.yaml" in output, output
    assert "a translation cannot add it" in output


@pytest.mark.parametrize(
    ("file", "text", "line", "kind"),
    [
        ("course.yaml", "- Salas seguras\n", 1, "course"),
        ("modules/intro.md", "---\n- Bienvenida\n---\nHola.\n", 2, "module"),
        ("tables/approaches.yaml", "- Enfoques\n", 1, "table"),
    ],
)
def test_a_translation_that_is_a_list_is_told_once_with_an_example_of_its_kind(
    project: Path, file: str, text: str, line: int, kind: str
) -> None:
    """A translation of the course that was a list was not told at all (its source printed
    in English); of a module or a table, as "'the list' is a list in this translation"."""
    cli("translate", "es", "-p", str(project))
    (project / SPANISH / file).write_text(text, encoding="utf-8")
    said = cli("check", "-p", str(project))
    told = [n for n in said.splitlines() if f"es/{file}:" in n and "list" in n]
    assert told == [
        f"content/translations/es/{file}:{line}:1: warning: this translation is a list, not a "
        f"set of 'key: value' lines like content/{file}: none of it is used, and the source's "
        "words are printed"
    ], said
    assert f"e.g. 'title: ...' with the {kind}'s title translated" in said
    assert "'the list'" not in said


def test_an_answers_letter_in_another_case_is_the_same_answer(tmp_path: Path) -> None:
    """'answer: A' in the source and 'a' in its translation were warned of as two answers
    (the key marking a wrong one), though a question reads either as option a."""
    from .conftest import kit_copy

    project = kit_copy(tmp_path)
    edit(project / "content" / "modules" / "summary.md", "    answer: a\n", "    answer: A\n")
    result = CliRunner().invoke(main, ["check", "-p", str(project)])
    said = " ".join(result.output.split())
    assert result.exit_code == 0, said
    assert "answer' is 'a' in this translation and 'A'" not in said, said


def test_a_text_a_translation_adds_for_a_defined_audience_is_not_called_unknown(
    project: Path,
) -> None:
    """The source gives a takeaway for all staff and one for everyone else ('default'); the
    translation, copied before, gives one for clinical providers too: 'clinical' is an
    audience of the course, so it is told as a text the source lacks, not as unknown."""
    folder = translated(project)
    edit(project / "content" / "modules" / "intro.md", "  clinical: Room layout", "  default: Room")
    output = " ".join(cli("check", "-p", str(project)).split())
    assert "'takeaway clinical' is not in content/modules/intro.md" in output, output
    assert "unknown audience 'clinical'" not in output
    assert (folder / "modules" / "intro.md").is_file()


@pytest.mark.parametrize(
    ("written", "slipped", "hint"),
    [
        ("  - text: Explicar cómo", "  - texto: Explicar cómo", "did you mean 'text'?"),
        (
            "  - text: Pregunte por",
            "  - body: Pregunte por",
            "if it is the entry's text, write `text:` in place of `body:`",
        ),
    ],
)
def test_a_translated_list_entry_s_text_key_misspelt_is_told_as_in_the_source(
    tmp_path: Path, written: str, slipped: str, hint: str
) -> None:
    """A translation's entry for some audiences with `texto:` for `text:` was told as two
    warnings (its text missing, and 'texto' a key the source has not), and the source's
    words printed: it is told as in the source, at its line, with the entry's form."""
    project = kit_copy(tmp_path)
    path = project / SPANISH / "modules" / "trauma-informed.md"
    edit(path, written, slipped)
    lines = path.read_text(encoding="utf-8").split("\n")
    line = next(n for n, text in enumerate(lines) if text.startswith(slipped))
    key = slipped.split("- ")[1].split(":")[0]
    output = cli("check", "-p", str(project), code=1)
    assert (
        f"{SPANISH.as_posix()}/modules/trauma-informed.md:{line + 1}:5: error: '{key}' is not "
        "a field of a list entry, whose fields are text, audience and assessed: an entry for "
        "some audiences is written `- text: ...` with `audience: ...` on the line under it, "
        f"lined up with `text:`\n    hint: {hint}\n"
    ) in output, output
    assert "is not in this translation" not in output, output


def _half_translated(project: Path) -> Path:
    """The minimal project's Spanish copies, with only their titles translated."""
    cli("translate", "es", "-p", str(project))
    folder = project / SPANISH
    edit(folder / "course.yaml", "title: Safe Rooms", "title: Salas seguras")
    edit(folder / "tables" / "approaches.yaml", "title: Two approaches", "title: Dos enfoques")
    edit(folder / "modules" / "intro.md", "title: Welcome to safe rooms", "title: Bienvenida")
    return folder


def test_a_translated_course_or_table_keeping_the_sources_sentences_is_told(
    project: Path,
) -> None:
    """A course.yaml or a table translated in part (its title) printed the rest in English
    with no word: only modules were looked at. They are now, field by field, each named
    with its line."""
    _half_translated(project)
    said = " ".join(cli("check", "-p", str(project)).split())
    assert (
        "content/translations/es/course.yaml:3: warning: 5 texts of this translation are "
        "still the source's words as written, printed in the source's language: 'A "
        "two-module test course' (line 3), 'A short course used by the test suite.' (line "
        "10), 'Everyone who works here.' (line 14) and 2 more, on lines 18, 21"
    ) in said, said
    assert (
        "content/translations/es/tables/approaches.yaml:23: warning: 1 text of this "
        "translation is still the source's words as written, printed in the source's "
        "language: 'The two approaches side by side.' (line 23)"
    ) in said, said
    # names stay as written, and a short term may: not told
    assert "'Test Clinic'" not in said and "'Kind words'" not in said


def test_the_texts_a_translation_keeps_as_written_are_named_by_their_lines(
    project: Path,
) -> None:
    """The warning named three texts, "and 9 more", at the file's line 1: a translator had
    to hunt for the rest. It is at the first of them, and gives the lines of the others."""
    _half_translated(project)
    said = " ".join(cli("check", "-p", str(project)).split())
    assert (
        "content/translations/es/modules/intro.md:6: warning: 12 texts of this translation "
        "are still the source's words as written, printed in the source's language: 'Name "
        "one way to make a room feel safer' (line 6), 'Plan a clinical room layout for a "
        "ses...' (line 7), 'Calm rooms help everyone' (line 10) and 9 more, on lines 11, 13, "
        "15, 17-19, 22, 24, 27"
    ) in said, said


def _spanish_guide(project: Path) -> str:
    report = build(project, BuildOptions(languages=("es",), kinds=("guide",)))
    return " ".join(
        text_of(next(b.path for b in report.built if b.target.audience.id == "all-staff")).split()
    )


def test_an_untranslated_text_of_an_older_translation_follows_its_source(project: Path) -> None:
    """A module translated but for its notes, whose English notes were then edited: the
    Spanish guide printed the old English notes, and the warning no longer named them
    (only "out of date" was said). The translation's stamp is the hash of the source's
    texts it was copied from: the source now with the translation's old words in their
    place has that hash, so they are still the copy's, printed as the source is now and
    named as untranslated; the translator's own words stay."""
    translated(project)
    source = project / "content" / "modules" / "intro.md"
    edit(
        source,
        "notes: Say hello and explain the session.",
        "notes: Say hello and explain the whole day.",
    )
    said = " ".join(cli("check", "-p", str(project)).split())
    module = "content/translations/es/modules/intro.md"
    assert f"{module}:1: warning: the 'es' translation is out of date" in said, said
    assert (
        f"{module}:6: warning: 8 texts of this translation are still the source's words as "
        "written, printed in the source's language: 'Name one way to make a room feel safer' "
        "(line 6), 'Plan a clinical room layout for a ses...' (line 7), 'Say hello and "
        "explain the whole day.' (line 13) and 5 more"
    ) in said, said
    guide = _spanish_guide(project)
    assert "Say hello and explain the whole day." in guide, guide
    assert "explain the session" not in guide
    assert "Bienvenida a las salas seguras" in guide  # the translator's words stay


def test_an_older_translations_text_not_proved_the_old_source_is_named_and_kept(
    project: Path,
) -> None:
    """When the source also changed a text the translation translates, its old words cannot
    be proved: a text alike the source's now is named as out of date, at its line, and
    printed as written (it may be the translator's)."""
    translated(project)
    source = project / "content" / "modules" / "intro.md"
    edit(
        source,
        "notes: Say hello and explain the session.",
        "notes: Say hello and explain the whole day.",
    )
    edit(source, "  - Calm rooms help everyone", "  - Calm rooms help every one of us")
    said = " ".join(cli("check", "-p", str(project)).split())
    assert (
        "content/translations/es/modules/intro.md:13: warning: 1 text of this translation is "
        "the source's words as content/modules/intro.md had it before an edit, it seems: "
        "printed as written here, in the source's language and out of date: 'Say hello and "
        "explain the session.' (line 13)"
    ) in said, said
    guide = _spanish_guide(project)
    assert "Say hello and explain the session." in guide
    assert "Bienvenida a las salas seguras" in guide


def test_a_short_translated_text_is_not_taken_for_the_source_s_old_words(
    tmp_path: Path,
) -> None:
    """An edit anywhere in the kit's course.yaml had check say the Spanish keyword 'trauma
    secundario' was the source's words before an edit: it shares one of its two words with
    'secondary trauma', which was enough to read as alike. An old English text still is."""
    project = kit_copy(tmp_path)
    course = project / "content" / "course.yaml"
    edit(course, "[[fill in the EAP's phone number]]", "555-0100")
    result = CliRunner().invoke(main, ["check", "-p", str(project)])
    said = " ".join(result.output.split())
    assert "trauma secundario" not in said and "before an edit" not in said, said
    # the keyword left in English by `translate` and edited since is still found
    spanish = project / "content" / "translations" / "es" / "course.yaml"
    edit(spanish, "  - trauma secundario\n", "  - secondary trauma\n")
    edit(course, "  - secondary trauma\n", "  - secondary trauma exposure\n")
    result = CliRunner().invoke(main, ["check", "-p", str(project)])
    said = " ".join(result.output.split())
    assert "'secondary trauma' (line 15)" in said, said
