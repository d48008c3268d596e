"""The build manifest: what every output was made from, so unchanged outputs are left alone.

``output/.materials-gen.json`` records, for the last build: the tool's version, the command
line's options, the hash of every input file (content, templates, theme, fonts, deck
template, pictures), and for every output its fingerprint (a hash of everything its renderer
received), the hash of the file written, and a snapshot of the content each audience saw.

Two checks use it. The quick check, before any library beyond the standard one and PyYAML is
imported: if no input file changed and every output is still as written, nothing needs doing.
The thorough check, per output, after templating: an output whose fingerprint is unchanged
is not rendered again and its file is not touched.

This module is deliberately light: the quick check must cost little more than starting Python.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

NAME = ".materials-gen.json"
LOCK = ".materials-gen.lock"
CHANGES = "CHANGES.md"
FORMAT = 1


def tool_version(version: str) -> str:
    """The release plus a hash of materials-gen's own code, so that any change to the tool
    (an upgrade, or a developer's edit) rebuilds everything it may have changed."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(version.encode())
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return f"{version}+{digest.hexdigest()[:16]}"


def file_hash(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def text_hash(*parts: str | bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8") if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()


def watched_files(root: Path) -> list[Path]:
    """The project's own input files: everything under content/ and templates/."""
    files: list[Path] = []
    for folder in ("content", "templates"):
        base = root / folder
        if base.is_dir():
            files.extend(p for p in base.rglob("*") if p.is_file() and not p.name.startswith("."))
    return sorted(files)


def input_hashes(root: Path, extra: list[Path] | tuple[Path, ...] = ()) -> dict[str, str]:
    """Hashes of the project's files plus ``extra`` files (fonts, a deck template elsewhere)."""
    hashes: dict[str, str] = {}
    for path in [*watched_files(root), *extra]:
        digest = file_hash(path)
        if digest is not None:
            hashes[key_of(path, root)] = digest
    return hashes


def key_of(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()


@dataclass
class Record:
    path: str  # relative to the output folder
    kind: str
    audience: str
    fingerprint: str
    output_hash: str
    pages: int
    size: int


@dataclass
class Manifest:
    version: str = ""
    request: str = ""
    inputs: dict[str, str] = field(default_factory=dict)
    extra_inputs: list[str] = field(default_factory=list)  # absolute paths outside the project
    records: dict[str, Record] = field(default_factory=dict)
    snapshots: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        """The manifest in ``folder``; an empty one if it is missing, unreadable or corrupt."""
        try:
            data = json.loads((folder / NAME).read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                return cls()
            records = {r["path"]: Record(**r) for r in data.get("records", [])}
            return cls(
                version=str(data["version"]),
                request=str(data["request"]),
                inputs=dict(data["inputs"]),
                extra_inputs=list(data.get("extra_inputs", [])),
                records=records,
                snapshots=dict(data.get("snapshots", {})),
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls()

    def to_json(self) -> str:
        data = {
            "format": FORMAT,
            "version": self.version,
            "request": self.request,
            "inputs": dict(sorted(self.inputs.items())),
            "extra_inputs": sorted(self.extra_inputs),
            "records": [vars(r) for _, r in sorted(self.records.items())],
            "snapshots": self.snapshots,
        }
        return json.dumps(data, indent=1, ensure_ascii=False, sort_keys=False) + "\n"


def request_key(version: str, options: dict[str, Any]) -> str:
    return text_hash(version, json.dumps(options, sort_keys=True, default=str))


def output_folder_of(root: Path, output: Path | None) -> Path:
    """The output folder from the option, else from course.yaml's settings, without validating."""
    if output is not None:
        return Path(output)
    try:
        import yaml

        data = yaml.safe_load((root / "content" / "course.yaml").read_text(encoding="utf-8"))
        folder = data.get("settings", {}).get("output", "output")
        return root / str(folder)
    except Exception:  # any problem is reported properly by the full build
        return root / "output"


@dataclass
class QuickResult:
    unchanged: list[Record]
    folder: Path


def quick_check(
    root: Path, output: Path | None, version: str, options: dict[str, Any]
) -> QuickResult | None:
    """Every output up to date, judged from file hashes alone? None means: run the build."""
    folder = output_folder_of(root, output)
    manifest = Manifest.read(folder)
    if not manifest.records or manifest.version != version:
        return None
    if manifest.request != request_key(version, options):
        return None
    extra = [Path(p) for p in manifest.extra_inputs]
    if input_hashes(root, extra) != manifest.inputs:
        return None
    for record in manifest.records.values():
        if file_hash(folder / record.path) != record.output_hash:
            return None
    return QuickResult(sorted(manifest.records.values(), key=lambda r: r.path), folder)


class Lock:
    """One build at a time per output folder; a second gets a clear message, not a mess."""

    def __init__(self, folder: Path):
        self.path = folder / LOCK
        self.handle: Any = None

    def acquire(self) -> bool:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.handle = open(self.path, "a+")  # noqa: SIM115 (held until release)
        try:
            import fcntl
        except ImportError:  # Windows: no advisory locks; builds there are not guarded
            return True
        try:
            fcntl.flock(self.handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self.handle.close()
            self.handle = None
            return False
        self.handle.seek(0)
        self.handle.truncate()
        self.handle.write(str(os.getpid()))
        self.handle.flush()
        return True

    def release(self) -> None:
        if self.handle is not None:
            self.path.unlink(missing_ok=True)
            self.handle.close()
            self.handle = None
