"""What the commands other than a plain build say: each line true of what happened, each
hint one that, followed, does what the trainer wanted."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from materials_gen.build import BuildOptions, build
from materials_gen.cli import main
from materials_gen.console import Terminal
from materials_gen.manifest import Lock
from materials_gen.serve import Preview

from .conftest import edit, kit_copy


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The kit: a course in en-US with its Spanish translation, es (only read here)."""
    return kit_copy(tmp_path_factory.mktemp("kit"))


@pytest.mark.parametrize("command", [["list"], ["show", "handout", "-a", "all-staff"]])
@pytest.mark.parametrize(
    "typed, meant",
    [
        ("es-MX", "es"),  # the course's Spanish, in another region
        ("es_ES", "es"),
        ("Spanish", "es"),  # its name in English
        ("Español", "es"),  # in itself
        ("espanol", "es"),  # without the accent
        ("Spansih", "es"),  # a slip
        ("spa", "es"),  # its three-letter code
        ("en-GB", "en-US"),
        ("ENGLISH", "en-US"),
    ],
)
def test_a_language_the_course_has_typed_another_way_is_the_one_meant(
    kit: Path, command: list[str], typed: str, meant: str
) -> None:
    """``-l es-MX`` on a course with Spanish 'es' hinted "materials-gen translate es-MX",
    which made a second, untranslated Spanish; ``-l Spanish`` hinted a translate that
    failed ("'spanish' is not a language tag")."""
    code, output = run(*command, "-p", str(kit), "-l", typed)
    assert code == 2, output
    assert f"error: the course is not built in '{typed}'" in output
    assert f"hint: did you mean '{meant}'?" in output
    assert "translate" not in output


@pytest.mark.parametrize(
    "typed, hint",
    [
        ("fr", "to add it, start a translation with: materials-gen translate fr"),
        ("de-de", "to add it, start a translation with: materials-gen translate de-DE"),
        ("fra", "to add it, start a translation with: materials-gen translate fr"),
        ("xx", "name one of them by its tag, e.g. -l es"),  # no language
        ("Klingonish", "name one of them by its tag, e.g. -l es"),  # no tag
    ],
)
def test_only_a_language_the_course_lacks_is_offered_a_translation(
    kit: Path, typed: str, hint: str
) -> None:
    code, output = run("build", "-p", str(kit), "-l", typed)
    assert code == 2, output
    assert f"hint: {hint}\n" in output, output
    assert not (kit / "output").exists()


def test_show_given_a_list_of_languages_asks_for_one(kit: Path) -> None:
    """``show handout -l es,en`` hinted "materials-gen translate es,en"."""
    code, output = run("show", "handout", "-a", "all-staff", "-p", str(kit), "-l", "es,en")
    assert code == 2, output
    assert "error: show shows one language at a time" in output
    assert "translate" not in output


def test_show_given_two_audiences_asks_for_one(kit: Path) -> None:
    """``show handout -a clinical -a all-staff`` showed the all-staff handout without a
    word, the first audience dropped."""
    code, output = run("show", "handout", "-a", "clinical", "-a", "all-staff", "-p", str(kit))
    assert code == 2, output
    assert "error: show shows one audience at a time" in output
    assert "hint: give --audience once" in output


@pytest.mark.parametrize("command", [["list"], ["check"], ["show", "handout", "-a", "nobody"]])
def test_a_command_that_writes_nothing_never_says_it_wrote_nothing(
    kit: Path, command: list[str]
) -> None:
    """list, check and show ended their errors with "no file was written or changed",
    which only a command that writes can say."""
    args = [*command, "-p", str(kit)] + (["-l", "xx"] if command[0] != "show" else [])
    if command == ["check"]:
        args = ["check", "-p", str(kit), "--start", "25:00"]
    code, output = run(*args)
    assert code in (1, 2), output
    last = output.rstrip().splitlines()[-1]
    assert last.endswith("problem found.") or last.endswith("problems found."), output
    assert "no file was written" not in output


def test_labels_in_english_says_how_to_change_a_label(project: Path) -> None:
    """``labels en`` said "0 of 214 labels translated. Fill in the 214 empty msgstr lines",
    though it is how an English label's words are changed."""
    for language in ("en", "en-GB"):
        code, output = run("labels", language, "-p", str(project))
        assert code == 0, output
        assert "fill in the msgstr of only the entries you want to change" in output
        assert "the others, left empty, keep the built-in words" in output
        assert "labels translated" not in output and "Fill in the" not in output


def test_labels_of_a_language_built_in_says_how_to_change_one(project: Path) -> None:
    code, output = run("labels", "es", "-p", str(project))
    assert code == 0, output
    assert "edit the msgstr of only the entries you want to change" in output


def test_clean_while_a_build_writes_says_nothing_was_removed(project: Path) -> None:
    """It added "files that could not be removed are still there, with the build manifest",
    though it tried to remove nothing."""
    build(project, BuildOptions(audiences=("all-staff",), kinds=("poster",)), jobs=1)
    folder = project / "output"
    lock = Lock(folder)
    assert lock.acquire()
    try:
        code, output = run("clean", "-p", str(project))
    finally:
        lock.release()
    assert code == 1, output
    assert f"a build is writing to {folder.name} right now" in output or "right now" in output
    assert output.rstrip().endswith("1 problem found; nothing was removed.")
    assert "could not be removed" not in output
    assert any(folder.rglob("*.pdf"))


def test_the_command_list_gives_each_command_whole() -> None:
    """The list of commands cut descriptions mid-sentence ("labels ... LANGUAGE, to...")."""
    code, output = run("--help")
    assert code == 0
    listed = output.split("Commands:")[1]
    assert "..." not in listed, listed
    for name in main.commands:  # type: ignore[attr-defined]
        assert f"  {name} " in listed


def test_list_help_says_list_not_build() -> None:
    """``list --help`` said -a "Build only this audience"."""
    code, output = run("list", "--help")
    assert code == 0
    text = " ".join(output.split())
    assert "Build only" not in text and "build only" not in text
    assert "List the files of only this audience" in text


def test_check_verbose_lists_what_was_checked(project: Path) -> None:
    """``check --help`` said -v prints "unchanged files, and the time each stage took",
    and ``check -v`` printed what ``check`` prints."""
    code, plain = run("check", "-p", str(project))
    code_v, verbose = run("check", "-v", "-p", str(project))
    assert code == code_v == 0, verbose
    assert "module     intro  (content/modules/intro.md)" in verbose
    assert "audience   all-staff  (All staff)" in verbose
    assert "language   en-GB" in verbose
    assert "Checked:" not in plain
    code, helped = run("check", "--help")
    assert "the time each stage took" not in helped
    assert "the modules, audiences and languages checked" in " ".join(helped.split())


def test_preview_tells_warnings_on_stderr_once_and_takes_quiet(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Preview printed warnings on stdout (build and watch use stderr), every one again
    after each save, and had no -q."""
    edit(project / "content" / "course.yaml", "title:", "title: \U0001f600")
    preview = Preview(project, BuildOptions(kinds=("poster",)), terminal=Terminal())
    preview.rebuild(first=True)
    out, err = capsys.readouterr()
    assert "warning:" in err and "warning:" not in out, (out, err)
    assert "the page is up to date; 1 warning." in out, out
    preview.rebuild(["content/modules/intro.md"])
    out, err = capsys.readouterr()
    assert "warning:" not in err + out
    assert "the page is up to date; 1 warning (1 told before, not repeated)." in out, out
    code, output = run("preview", "--help")
    assert "-q, --quiet" in output


def test_warnings_told_before_a_failed_build_are_not_told_again_after_its_fix() -> None:
    """`watch`: a save with a mistake, then the save that fixes it, told every standing
    warning again (six `[[fill in]]` marks), though the README says a warning is told once
    while it stands: the failed build's problems had replaced the ones told."""
    from materials_gen.console import Retold
    from materials_gen.errors import Location, Problem

    mark = Problem(Location("content/course.yaml", 43), "to be filled in", severity="warning")
    slip = Problem(Location("content/modules/summary.md", 4), "YAML cannot read this line")
    retold = Retold()
    assert retold.fresh([mark]) == ([mark], 0)
    assert retold.fresh([slip], failed=True) == ([slip], 0)
    assert retold.fresh([mark]) == ([], 1)  # fixed: the mark still stands, told before
    assert retold.fresh([slip], failed=True)[0] == [slip]  # an error is always told


def test_a_project_file_that_cannot_be_written_is_not_told_to_build_again(
    project: Path,
) -> None:
    """`labels de` with a folder where templates/locale/de.po goes said "move or rename it,
    then build again", and a file it could not write "... or choose another folder with
    --output": neither fits a command that writes a file of the project."""
    (project / "templates" / "locale" / "de.po").mkdir(parents=True)
    code, output = run("labels", "de", "-p", str(project))
    said = " ".join(output.split())
    assert code == 1, said
    assert "templates/locale/de.po" in said and "is in its place" in said, said
    assert "hint: move or rename it, then run this again" in said, said
    assert "build again" not in said and "--output" not in said
