"""Stage 4, template: tailored course -> the intermediate Markdown of one output.

Templates decide what goes into an output and in what order; they are Jinja, run in a
sandbox with ``StrictUndefined`` so that a typo in a variable name is an error with the
template's file and line rather than a silent blank. The project's ``templates/`` folder is
searched first, then the built-in templates, so a trainer can override a single file.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from .errors import ContentError, Location, Problem, did_you_mean
from .project import display_path, template_dirs


def _cell(text: Any) -> str:
    """Text made safe for one cell of a Markdown pipe table."""
    return re.sub(r"\s*\n\s*", " ", str(text)).replace("|", "\\|").strip()


def _oneline(text: Any) -> str:
    return re.sub(r"\s*\n\s*", " ", str(text)).strip()


def _attr(text: Any) -> str:
    """Text made safe inside a quoted attribute of a ``:::`` fence."""
    return _oneline(text).replace("\\", "\\\\").replace('"', '\\"')


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _minutes(value: Any) -> str:
    minutes = int(value or 0)
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{hours} h {rest} min"
    if hours:
        return f"{hours} h"
    return f"{rest} min"


def _shuffled(items: Any, seed: str = "") -> list[Any]:
    """The items in a fixed order that looks random (the same order on every build)."""
    import hashlib

    def key(item: Any) -> str:
        text = str(getattr(item, "question", item))
        return hashlib.sha256(f"{seed}\0{text}".encode()).hexdigest()

    return sorted(items, key=key)


def _longdate(value: Any) -> str:
    """A date as trainers write it on a cover: 2 November 2026."""
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    return str(value)


def environment(root: Path) -> ImmutableSandboxedEnvironment:
    """The sandboxed environment for a project (one per build: templates compile once)."""
    key = tuple(str(d.resolve()) for d in template_dirs(root))
    env = _ENVIRONMENTS.get(key)
    if env is None:
        env = _ENVIRONMENTS[key] = _new_environment(root)
    return env


# Jinja checks each template's modification time before reusing it, so an environment can
# serve a whole watch session: an edited template is compiled again, an unchanged one is not.
_ENVIRONMENTS: dict[tuple[str, ...], ImmutableSandboxedEnvironment] = {}


class _ProjectLoader(jinja2.FileSystemLoader):
    """Finds templates only inside their folders: a link that leads out is not followed."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        source, filename, uptodate = super().get_source(environment, template)
        resolved = Path(filename).resolve()
        if not any(resolved.is_relative_to(Path(p).resolve()) for p in self.searchpath):
            raise jinja2.TemplateNotFound(template)
        return source, filename, uptodate


def _new_environment(root: Path) -> ImmutableSandboxedEnvironment:
    loader = _ProjectLoader([str(d) for d in template_dirs(root)])
    env = ImmutableSandboxedEnvironment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        cell=_cell,
        oneline=_oneline,
        attr=_attr,
        json=_json,
        minutes=_minutes,
        longdate=_longdate,
        shuffled=_shuffled,
    )
    return env


def _template_line(exc: BaseException, filenames: set[str]) -> tuple[str, int] | None:
    """The innermost template frame of a traceback (Jinja rewrites frames to template lines)."""
    found = None
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name in filenames:
            found = (name, tb.tb_lineno)
        tb = tb.tb_next
    return found


def render_template(root: Path, name: str, context: dict[str, Any]) -> str:
    """Render template ``name`` with ``context``; ContentError naming file and line on failure."""
    env = environment(root)
    try:
        template = env.get_template(name)
    except jinja2.TemplateSyntaxError as exc:
        where = Location(display_path(Path(exc.filename or name), root), exc.lineno or 0)
        raise ContentError(
            [
                Problem(
                    where, f"template syntax error: {exc.message}", "check the {% %} and {{ }} tags"
                )
            ]
        ) from None
    except jinja2.TemplateNotFound:
        folders = ", ".join(display_path(d, root) for d in template_dirs(root))
        raise ContentError(
            [Problem(None, f"template '{name}' not found", f"looked in: {folders}")]
        ) from None
    filename = template.filename or name
    known = {filename}
    for folder in template_dirs(root):
        known.update(str(p) for p in folder.rglob("*.j2"))
    try:
        return template.render(context)
    except jinja2.UndefinedError as exc:
        message = exc.message or "undefined value"
        hint = "check the spelling of the variable or field"
        missing = re.search(r"has no attribute '([^']+)'", message)
        if missing:
            hint = _attribute_hint(missing.group(1), message, context)
        raise ContentError([Problem(_where(exc, known, root, filename), message, hint)]) from None
    except jinja2.TemplateNotFound as exc:
        folders = ", ".join(display_path(d, root) for d in template_dirs(root))
        raise ContentError(
            [
                Problem(
                    _where(exc, known, root, filename),
                    f"template '{exc.name}' not found",
                    f"templates can include only files in: {folders}",
                )
            ]
        ) from None
    except SecurityError as exc:
        raise ContentError(
            [
                Problem(
                    _where(exc, known, root, filename),
                    f"the template tried something templates may not do: {exc}",
                    "templates can read the course and format it, nothing else",
                )
            ]
        ) from None
    except jinja2.TemplateError as exc:
        raise ContentError(
            [Problem(_where(exc, known, root, filename), f"template error: {exc}")]
        ) from None
    except (TypeError, ValueError, ArithmeticError, LookupError) as exc:
        # a template computing with a missing value (a module without a duration, ...)
        raise ContentError(
            [
                Problem(
                    _where(exc, known, root, filename),
                    f"the template failed: {exc}",
                    "a value the template uses may be missing in the content",
                )
            ]
        ) from None


def _where(exc: BaseException, known: set[str], root: Path, fallback: str) -> Location:
    frame = _template_line(exc, known)
    if frame is None:
        return Location(display_path(Path(fallback), root))
    return Location(display_path(Path(frame[0]), root), frame[1])


def _attribute_hint(attribute: str, message: str, context: dict[str, Any]) -> str:
    """Suggest the closest field name of the object whose attribute was misspelt."""
    names: set[str] = set()
    for value in context.values():
        names.update(_field_names(value))
    return did_you_mean(attribute, names) or "check the spelling of the field"


def _field_names(value: Any) -> set[str]:
    fields = getattr(type(value), "model_fields", None)
    names: set[str] = set(fields or ())
    if fields:
        for name in fields:
            child = getattr(value, name, None)
            if isinstance(child, tuple) and child and hasattr(type(child[0]), "model_fields"):
                names.update(type(child[0]).model_fields)
    return names
