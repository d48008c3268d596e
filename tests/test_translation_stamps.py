"""A translation is out of date only when the text it translates changed: a source edited
where a translation has nothing to say (a duration, the order of the modules, an audience,
the YAML's layout) leaves it up to date, without a warning to wade through."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from materials_gen.translations import stamp_of, text_stamp

from .conftest import REPO, edit
from .test_translations import SPANISH, cli, translated

OUT_OF_DATE = "translation is out of date"


def test_only_an_edit_of_text_to_translate_makes_a_translation_out_of_date(
    project: Path,
) -> None:
    translated(project)
    assert OUT_OF_DATE not in cli("check", "-p", str(project))
    content = project / "content"
    intro = content / "modules" / "intro.md"
    edit(intro, "duration: 10", "duration: 15")
    edit(intro, "    audience: clinical\nkey_points:", "    audience: all-staff\nkey_points:")
    edit(intro, "Rooms shape how people feel. Use", "Rooms shape how people feel.\nUse")
    edit(content / "course.yaml", "  - intro\n  - practice\n", "  - practice\n  - intro\n")
    edit(content / "course.yaml", 'version: "2.1"', 'version: "2.1"  # reviewed')
    assert OUT_OF_DATE not in cli("check", "-p", str(project))
    edit(intro, "Calm rooms help everyone", "Calm, quiet rooms help everyone")
    output = cli("check", "-p", str(project))
    assert output.count(OUT_OF_DATE) == 1
    assert "es/modules/intro.md:1: warning: the 'es' translation is out of date" in output
    stamp = re.search(r"then set translation_of: (\w+)", output).group(1)
    assert stamp == text_stamp("intro.md", intro.read_text(encoding="utf-8"))
    translation = project / SPANISH / "modules" / "intro.md"
    text = translation.read_text(encoding="utf-8")
    translation.write_text(re.sub(r"translation_of: \w+", f"translation_of: {stamp}", text))
    assert OUT_OF_DATE not in cli("check", "-p", str(project))


@pytest.mark.parametrize(
    "saved",
    ["windows line endings", "byte-order mark", "tab after a colon"],
)
def test_a_source_saved_again_in_another_form_leaves_its_translation_current(
    project: Path, saved: str
) -> None:
    """A source opened in Notepad and saved with Windows line endings or as "UTF-8 with
    BOM", or with a tab typed after a colon, reads as the same content: its translation
    stays up to date (no warning, and a corrected answer in the source still reaches it;
    an out-of-date translation keeps its own answers, so the two answer keys disagreed)."""
    from .test_translations import _with_question

    intro = project / "content" / "modules" / "intro.md"
    _with_question(intro)
    translated(project)
    edit(intro, "    answer: a", "    answer: b")  # no text to translate: still current
    text = intro.read_text(encoding="utf-8")
    if saved == "windows line endings":
        intro.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    elif saved == "byte-order mark":
        intro.write_bytes(text.encode("utf-8-sig"))
    else:
        intro.write_text(text.replace("duration: 10", "duration:\t10"), encoding="utf-8")
    assert OUT_OF_DATE not in cli("check", "-p", str(project))
    keys = [
        cli("show", "answer-key", "-a", "all-staff", "-l", language, "-p", str(project))
        for language in ("en", "es")
    ]
    answers = [
        next(line for line in key.split("## ", 2)[1].splitlines() if line.startswith("| 1 |"))
        .split("|")[3]
        .strip()
        for key in keys
    ]
    assert answers[0] == answers[1], answers


def test_a_new_version_leaves_the_translations_current(project: Path) -> None:
    """The version is the source's, whatever a translation says (as the README lists it):
    raising it marked every translation of course.yaml out of date, each release, and
    `check --strict` failed on it. A stamp made as they once were, with the version, still
    counts while the source is as it was."""
    from materials_gen.translations import _as_read, _text_stamp

    translated(project)
    course = project / "content" / "course.yaml"
    translation = project / SPANISH / "course.yaml"
    text = translation.read_text(encoding="utf-8")
    source = course.read_text(encoding="utf-8")
    legacy = _text_stamp(False, _as_read(source), legacy=True)
    assert legacy != text_stamp("course.yaml", source)  # (the version is in the old one)
    translation.write_text(re.sub(r"translation_of: \w+", f"translation_of: {legacy}", text))
    assert OUT_OF_DATE not in cli("check", "-p", str(project))
    # stamped so, and saying the version it was made at (as the kit's does): a new
    # version is still no reason, in the release it comes in and after
    assert 'version: "2.1"' in text
    translation.write_text(re.sub(r"translation_of: \w+", f"translation_of: {legacy}", text))
    edit(course, 'version: "2.1"', 'version: "2.2"')
    assert OUT_OF_DATE not in cli("check", "-p", str(project))
    edit(course, 'version: "2.2"', 'version: "2.1"')
    translation.write_text(text, encoding="utf-8")  # stamped as translate stamps it now
    edit(course, 'version: "2.1"', 'version: "2.2"')
    assert OUT_OF_DATE not in cli("check", "-p", str(project))
    edit(course, "title: Safe Rooms", "title: Safer Rooms")
    assert OUT_OF_DATE in cli("check", "-p", str(project))


def test_a_stamp_of_the_whole_source_file_still_counts_while_it_is_unchanged(
    project: Path,
) -> None:
    """Translations stamped before (with the hash of the whole file) are not all out of
    date at once."""
    translated(project)
    source = project / "content" / "modules" / "intro.md"
    translation = project / SPANISH / "modules" / "intro.md"
    text = translation.read_text(encoding="utf-8")
    whole = stamp_of(source.read_bytes())
    translation.write_text(re.sub(r"translation_of: \w+", f"translation_of: {whole}", text))
    assert OUT_OF_DATE not in cli("check", "-p", str(project))


def test_the_kits_translation_is_stamped_with_the_text_it_translates() -> None:
    """A project started from the kit keeps quiet about a duration changed in it."""
    folder = REPO / "content" / "translations" / "es"
    files = sorted(p for p in folder.rglob("*") if p.suffix in (".md", ".yaml"))
    assert len(files) == 9
    for translation in files:
        source = REPO / "content" / translation.relative_to(folder)
        stamp = re.search(r"(?m)^translation_of: (\w+)", translation.read_text(encoding="utf-8"))
        assert stamp is not None, translation
        assert stamp.group(1) == text_stamp(source.name, source.read_text(encoding="utf-8"))


def test_watch_tells_an_out_of_date_translation_once_while_the_source_is_edited(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each save of the source gives it another stamp, which the warning quotes: `watch`
    had told the same standing warning again after every save of the file."""
    import watchfiles
    from click.testing import CliRunner

    from materials_gen.cli import main

    translated(project)
    intro = project / "content" / "modules" / "intro.md"

    def saves(*folders: str, **options: object):
        for before, after in [
            ("Calm rooms help everyone", "Calm, quiet rooms help everyone"),
            ("Calm, quiet rooms help everyone", "Quiet rooms help everyone"),
            ("Rooms shape how people feel.", "Rooms shape how we all feel."),
        ]:
            edit(intro, before, after)
            yield {(watchfiles.Change.modified, str(intro))}

    monkeypatch.setattr(watchfiles, "watch", saves)
    result = CliRunner().invoke(
        main,
        ["watch", "-p", str(project), "-a", "all-staff", "--only", "handout", "-j", "1"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert result.output.count("Built ") == 4, result.output  # the first build, each save
    assert result.output.count(OUT_OF_DATE) == 1, result.output
    assert result.output.count("5 warnings (5 told before, not repeated)") == 2, result.output
