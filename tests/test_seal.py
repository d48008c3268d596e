"""The build manifest's seal: an output folder that came with a shared project is never
taken as built from the project's content (see seal.py)."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import stat
from pathlib import Path

import pytest

from materials_gen import seal
from materials_gen.manifest import Manifest

from .conftest import write_manifest
from .test_rebuild import cli

FORGED = b"%PDF-1.7\n% a handout that says something the content does not\n%%EOF\n"
NOT_YOURS = "this output folder was not built by your materials-gen"


@pytest.fixture
def built(project: Path) -> Path:
    cli("build", "-p", str(project), "-j", "1", "--only", "handout", "--only", "poster")
    return project / "output"


@pytest.fixture
def own_key(tmp_path: Path, monkeypatch) -> Path:
    """A user data folder of the test's own, and no key remembered from before."""
    home = tmp_path / "data-home"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home / "materials-gen"


def forge(built: Path, key: bytes) -> Path:
    """What a shared project could ship: a handout of its own making, and the manifest
    recording that very file as built, sealed with a key of its own."""
    handout = built / "clinical" / "safe-rooms-clinical-handout.pdf"
    handout.write_bytes(FORGED)
    manifest = built / ".materials-gen.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data.pop(seal.FIELD)
    for record in data["records"]:
        if record["path"] == "clinical/safe-rooms-clinical-handout.pdf":
            record["output_hash"] = hashlib.sha256(FORGED).hexdigest()
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    data[seal.FIELD] = hmac.new(key, text.encode(), hashlib.sha256).hexdigest()
    manifest.write_text(json.dumps(data), encoding="utf-8")
    return handout


@pytest.mark.parametrize("key", [b"k" * 32, None], ids=["another key", "no seal"])
def test_a_shipped_handout_recorded_as_built_is_built_again(
    project: Path, built: Path, key: bytes | None
) -> None:
    handout = built / "clinical" / "safe-rooms-clinical-handout.pdf"
    good = handout.read_bytes()
    forge(built, key or b"")
    if key is None:
        manifest = built / ".materials-gen.json"
        data = json.loads(manifest.read_text(encoding="utf-8"))
        data.pop(seal.FIELD)
        manifest.write_text(json.dumps(data), encoding="utf-8")
    output = cli("build", "-p", str(project), "--only", "handout", "--only", "poster")
    assert NOT_YOURS in output and "every output is built again" in output
    assert handout.read_bytes() == good
    again = cli("build", "-p", str(project), "--only", "handout", "--only", "poster")
    assert "Nothing to rebuild" in again and NOT_YOURS not in again


def test_a_shipped_manifest_is_never_the_quick_checks_answer(project: Path, built: Path) -> None:
    """The quick check (no library loaded, nothing templated) trusted the manifest alone."""
    from materials_gen import __version__
    from materials_gen.build import BuildOptions
    from materials_gen.manifest import quick_check, tool_version

    options = BuildOptions(kinds=("handout", "poster")).request()
    version = tool_version(__version__)
    assert quick_check(project, None, version, options) is not None  # this user's own: read
    forge(built, b"k" * 32)
    assert Manifest.read(built).foreign and not Manifest.read(built).records
    assert quick_check(project, None, version, options) is None


def test_an_output_folder_built_by_a_colleague_is_built_again_once(
    project: Path, built: Path, own_key: Path
) -> None:
    """A team sharing an output folder: the next colleague's build makes everything once
    (with a note saying why), then only what changes."""
    output = cli("build", "-p", str(project), "--only", "handout", "--only", "poster")
    # made again, each compared with its file there (the same bytes: not rewritten)
    assert NOT_YOURS in output and "none written again" in output, output
    assert "Nothing to rebuild" in cli(
        "build", "-p", str(project), "--only", "handout", "--only", "poster"
    )


def test_the_key_is_made_once_and_only_this_user_can_read_it(own_key: Path) -> None:
    key = seal.user_key()
    assert key is not None and len(key) == 32
    path = own_key / seal.NAME
    assert path.read_bytes() == key
    if hasattr(os, "getuid"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(own_key.stat().st_mode) == 0o700
    seal._KEYS.clear()  # as in the next process
    assert seal.user_key() == key  # the same key in the next build


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_key_others_can_read_or_of_the_wrong_size_is_replaced(own_key: Path) -> None:
    first = seal.user_key()
    path = own_key / seal.NAME
    for spoil in (lambda: path.chmod(0o644), lambda: path.write_bytes(b"short")):
        spoil()
        seal._KEYS.clear()  # as in the next process
        new = seal.user_key()
        assert new is not None and new != first and len(new) == 32
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        first = new


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_data_folder_others_may_write_is_not_used(own_key: Path) -> None:
    own_key.mkdir(parents=True)
    own_key.chmod(0o777)
    key = seal.user_key()
    assert key is not None and not (own_key / seal.NAME).exists()
    fallback = Path(seal.key_places()[1])
    assert fallback.name == f"materials-gen-{os.getuid()}"
    assert (fallback / seal.NAME).read_bytes() == key


def test_without_any_private_folder_every_build_is_whole_and_says_why(
    project: Path, monkeypatch, tmp_path: Path
) -> None:
    nowhere = tmp_path / "a-file"
    nowhere.write_text("not a folder")
    monkeypatch.setattr(seal, "_folders", lambda: [nowhere / "materials-gen"])
    cli("build", "-p", str(project), "--only", "poster")
    output = cli("build", "-p", str(project), "--only", "poster")
    assert "found no private folder to keep its key in" in output
    assert "Nothing to rebuild" not in output and "none written again" in output, output
    assert str(nowhere / "materials-gen") in output  # where to make one


def test_clean_removes_what_a_colleagues_manifest_lists(project: Path, built: Path) -> None:
    forge(built, b"k" * 32)  # the forged handout's hash is recorded: removed as listed
    output = cli("clean", "-p", str(project))
    assert "Removed" in output
    assert not any(p.suffix == ".pdf" for p in built.rglob("*"))


def test_a_manifest_written_by_a_build_is_sealed_and_a_resealed_one_is_read(
    project: Path, built: Path
) -> None:
    manifest = built / ".materials-gen.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    assert isinstance(data.get(seal.FIELD), str) and len(data[seal.FIELD]) == 64
    data["made"] = data["made"][:1]
    manifest.write_text(json.dumps(data), encoding="utf-8")  # edited: no longer sealed
    assert Manifest.read(built).foreign
    write_manifest(manifest, data)
    assert Manifest.read(built).made == data["made"]


def test_a_key_that_could_not_be_had_once_is_had_the_next_time(own_key: Path, monkeypatch) -> None:
    """A watching process whose first build met a passing failure (its folder briefly a file,
    say) went on without a key for good: every later build remade everything."""
    monkeypatch.setattr(seal, "_folders", lambda: [own_key])
    own_key.parent.mkdir(parents=True)
    own_key.write_text("in the way")
    assert seal.user_key() is None
    own_key.unlink()
    key = seal.user_key()
    assert key is not None and (own_key / seal.NAME).read_bytes() == key
