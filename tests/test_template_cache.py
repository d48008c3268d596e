"""Compiled templates kept between builds: in the user's cache, private, small, and never a
reason for a build to fail."""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
import pytest

from materials_gen import templating
from materials_gen.templating import compiled_template, render_template


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's cache folder, for this test alone; no environment kept from another."""
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.setattr(templating, "_ENVIRONMENTS", {})
    return home / "materials-gen" / "templates"


@pytest.fixture
def compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the templates Jinja compiles from source."""
    seen: list[str] = []
    original = jinja2.Environment.compile

    def counted(self, source, name=None, filename=None, raw=False, defer_init=False):  # noqa: ANN001, ANN202
        seen.append(name)
        return original(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    return seen


def _templates(project: Path, count: int) -> list[str]:
    folder = project / "templates"
    folder.mkdir(exist_ok=True)
    names = []
    for n in range(count):
        name = f"extra-{n}.md.j2"
        (folder / name).write_text(f"Template {n}: {{{{ value }}}}\n", encoding="utf-8")
        names.append(name)
    return names


def _cached(cache: Path) -> list[Path]:
    return [p for folder in cache.iterdir() for p in folder.iterdir()]


def test_a_template_compiled_once_is_read_back_by_the_next_build(
    project: Path, cache: Path, compiles: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled_template(project, "handout.md.j2")
    assert "handout.md.j2" in compiles
    (version,) = cache.iterdir()
    assert version.stat().st_mode & 0o777 == 0o700  # code: this user's alone
    assert len(_cached(cache)) >= 1
    compiles.clear()
    monkeypatch.setattr(templating, "_ENVIRONMENTS", {})  # as the next build's process
    compiled_template(project, "handout.md.j2")
    assert compiles == []


def test_the_cache_keeps_only_the_newest_templates(
    project: Path, cache: Path, compiles: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(templating, "KEPT_TEMPLATES", 4)
    names = _templates(project, 7)
    for name in names:
        compiled_template(project, name)
        for file in _cached(cache):  # each older than the next: mtimes can tie on a fast disk
            os.utime(file, ns=(file.stat().st_mtime_ns - 10**9,) * 2)
    assert len(compiles) == 7
    kept = _cached(cache)
    assert 1 <= len(kept) <= 4
    compiles.clear()
    monkeypatch.setattr(templating, "_ENVIRONMENTS", {})
    compiled_template(project, names[-1])  # the newest is kept
    assert compiles == []


def test_a_new_version_removes_the_cache_of_the_others(project: Path, cache: Path) -> None:
    old = cache / "0.0.1-0123456789abcdef"
    old.mkdir(parents=True, mode=0o700)
    (old / "stale.cache").write_bytes(b"old code")
    compiled_template(project, "deck.md.j2")
    assert not old.exists()
    assert len(list(cache.iterdir())) == 1


def test_a_cache_folder_another_user_can_write_is_not_used(
    project: Path, cache: Path, compiles: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled_template(project, "deck.md.j2")
    cache.chmod(0o777)
    monkeypatch.setattr(templating, "_ENVIRONMENTS", {})
    compiles.clear()
    assert templating._bytecode_cache() is None
    compiled_template(project, "deck.md.j2")
    assert compiles == ["deck.md.j2"]  # compiled from source, not read from that folder


def test_no_cache_to_be_had_or_written_never_fails_a_build(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, compiles: list[str]
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    monkeypatch.setattr(templating, "_ENVIRONMENTS", {})
    assert templating._bytecode_cache() is None
    (name,) = _templates(project, 1)
    assert render_template(project, name, {"value": 3}) == "Template 0: 3\n"


def test_a_cache_folder_removed_during_a_build_is_not_an_error(
    project: Path, cache: Path, compiles: list[str]
) -> None:
    names = _templates(project, 2)
    assert render_template(project, names[0], {"value": 1}) == "Template 0: 1\n"
    for folder in cache.iterdir():  # another build (another version) took it away
        for file in folder.iterdir():
            file.unlink()
        folder.rmdir()
    assert render_template(project, names[1], {"value": 2}) == "Template 1: 2\n"


def test_a_damaged_cache_file_is_compiled_again(
    project: Path, cache: Path, compiles: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (name,) = _templates(project, 1)
    render_template(project, name, {"value": 1})
    for file in _cached(cache):
        file.write_bytes(file.read_bytes()[:40] + b"\x00garbage")
    monkeypatch.setattr(templating, "_ENVIRONMENTS", {})
    compiles.clear()
    assert render_template(project, name, {"value": 5}) == "Template 0: 5\n"
    assert compiles == [name]


def test_a_cache_folder_that_is_a_link_is_never_used_nor_emptied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, project: Path
) -> None:
    """The templates' cache folder a link to someone's folder (a shared cache path): nothing
    there is removed as another version's, and nothing is cached in it."""
    home = tmp_path / "home"
    (home / "Documents" / "important").mkdir(parents=True)
    (home / "Projects").mkdir()
    cache_home = tmp_path / "shared"
    (cache_home / "materials-gen").mkdir(parents=True)
    (cache_home / "materials-gen" / "templates").symlink_to(home)
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home))
    monkeypatch.setattr(templating, "_ENVIRONMENTS", {})
    assert templating._bytecode_cache() is None
    assert sorted(p.name for p in home.iterdir()) == ["Documents", "Projects"]
    compiled_template(project, "deck.md.j2")  # builds as without a cache
    assert sorted(p.name for p in home.iterdir()) == ["Documents", "Projects"]


def test_a_project_template_added_while_a_process_keeps_building_is_used(
    project: Path, cache: Path
) -> None:
    """watch and preview keep one environment: a project's own poster.md.j2 added (or
    removed) while they run was not used, Jinja finding the built-in one it had compiled
    still up to date, when templates/ was already there (holding the theme, say)."""
    from click.testing import CliRunner

    from materials_gen.cli import main

    (project / "templates").mkdir(exist_ok=True)
    (project / "templates" / "notes.txt").write_text("the theme would be here", "utf-8")
    args = ["build", "-p", str(project), "--only", "poster", "-a", "all-staff", "-j", "1"]
    assert CliRunner().invoke(main, args).exit_code == 0
    own = project / "templates" / "poster.md.j2"
    own.write_text("{{ course.no_such_thing }}\n", encoding="utf-8")
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1 and "templates/poster.md.j2:1" in result.output, result.output
    own.unlink()  # and the built-in one again once it is gone
    assert CliRunner().invoke(main, args).exit_code == 0
