"""The ``materials-gen`` command.

Thin on purpose: each command imports the pipeline only when it runs, so ``--help`` and
``--version`` answer at once. User mistakes arrive as :class:`MaterialsError` and leave as
``file:line:col: message`` lines and exit status 1; usage mistakes exit with 2 (Click).
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import Location, MaterialsError, OutputError, Problem

PROJECT_HELP = "The project folder (holds content/ and templates/). Default: the current folder."


project_option = click.option(
    "--project",
    "-p",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    help=PROJECT_HELP,
)


def _print_problems(problems: tuple[Problem, ...] | list[Problem]) -> None:
    for problem in problems:
        colour = "red" if problem.severity == "error" else "yellow"
        click.secho(problem.format(), fg=colour, err=True)


def _handles_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a MaterialsError into its messages and exit status; never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except MaterialsError as exc:
            _print_problems(exc.problems)
            errors = sum(1 for p in exc.problems if p.severity == "error")
            noun = "problem" if errors == 1 else "problems"
            if getattr(exc, "outcome", ""):
                outcome = exc.outcome  # type: ignore[attr-defined]
            elif isinstance(exc, OutputError):
                outcome = "the build stopped; every file in the output folder is as it was."
            else:
                outcome = "no file was written or changed."
            click.secho(f"{errors} {noun} found; {outcome}", fg="red", err=True)
            sys.exit(exc.exit_code)

    return wrapper


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.1f} MB"
    return f"{max(1, round(n / 1024))} KB"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="materials-gen")
def main() -> None:
    """Build every audience's training materials from one body of content.

    Content lives in content/ (YAML and Markdown); templates and the theme in templates/.
    Run `materials-gen build` in a project folder to make the handouts in output/.
    """


def _how_options() -> list[Callable[..., Any]]:
    """The options that say how the outputs look and what they show: `build`, `watch` and
    `show` take the same ones, so `show` prints what `build` would make."""
    return [
        click.option(
            "--paper",
            type=click.Choice(["letter", "a4"], case_sensitive=False),
            help="Paper size for handouts. Default: the project's setting, else letter.",
        ),
        click.option(
            "--aspect",
            type=click.Choice(["16:9", "4:3"]),
            help="Slide shape of the built-in deck template. Default: the project's "
            "setting, else 16:9.",
        ),
        click.option(
            "--deck-template",
            type=click.Path(dir_okay=False, path_type=Path),
            help="A .pptx or .potx whose layouts the deck uses. Default: the "
            "project's setting, else the built-in template.",
        ),
        click.option(
            "--poster-size",
            metavar="SIZE",
            help="Poster paper: Letter, Tabloid, A4-A0, 18x24, 24x36 or WIDTHxHEIGHT "
            "with a unit (e.g. 20x30in). Default: the project's setting, else 18x24.",
        ),
        click.option(
            "--orientation",
            type=click.Choice(["portrait", "landscape"]),
            help="Poster orientation. Default: the project's setting, else portrait.",
        ),
        click.option(
            "--bleed",
            metavar="LENGTH",
            help="Print-shop bleed, e.g. 3mm or 0.125in: colour past the trim, trim "
            "and bleed boxes, crop marks.",
        ),
        click.option(
            "--tile",
            metavar="SHEET",
            help="Also print the poster across office sheets of this size (letter, "
            "a4, ...), with overlap, cutting guides and labels.",
        ),
        click.option(
            "--start",
            metavar="HH:MM",
            help="When the session starts, for the facilitator guide's clock times. "
            "Default: the project's setting, else 09:00.",
        ),
        click.option(
            "--date",
            "session_date",
            metavar="YYYY-MM-DD",
            help="The day of the session, printed on certificates (a roster's date "
            "column wins). Default: the project's session date setting.",
        ),
        click.option(
            "--roster",
            type=click.Path(dir_okay=False, path_type=Path),
            help="A CSV of attendees (a name column, and optionally audience, date, "
            "trainer; other columns are ignored): also make their certificates.",
        ),
    ]


def _with(options: Callable[[], list[Callable[..., Any]]]) -> Callable[..., Any]:
    """A decorator adding a list of click options to a command."""

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        for option in reversed(options()):
            func = option(func)
        return func

    return decorate


def build_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The options shared by `build` and `watch`: what to build, how, and where."""
    options = [
        project_option,
        click.option(
            "--audience",
            "-a",
            "audiences",
            multiple=True,
            metavar="ID",
            help="Build only this audience (repeat for several). Default: all.",
        ),
        click.option(
            "--only",
            "kinds",
            multiple=True,
            metavar="OUTPUT",
            help="Build only this kind of output: handout, deck or poster "
            "(repeatable). Default: all.",
        ),
        *_how_options(),
        click.option(
            "--output",
            "-o",
            type=click.Path(file_okay=False, path_type=Path),
            help="Folder to write into. Default: the project's setting, else output/.",
        ),
        click.option(
            "--jobs",
            "-j",
            type=click.IntRange(1, 64),
            default=None,
            help="Outputs built at once, in separate processes. Default: the number of cores.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _options(values: dict[str, Any]) -> Any:
    from .options import BuildOptions

    paper = values.get("paper")
    return BuildOptions(
        audiences=values.get("audiences", ()),
        kinds=values.get("kinds", ()),
        paper=paper.lower() if paper else None,
        output=values.get("output"),
        aspect=values["aspect"],
        deck_template=values["deck_template"],
        poster_size=values["poster_size"],
        orientation=values["orientation"],
        bleed=values["bleed"],
        tile=values["tile"],
        roster=values["roster"],
        start=values["start"],
        date=values["session_date"],
    )


def _jobs(value: int | None) -> int:
    return value or os.cpu_count() or 1


def _count(pages: int, unit: str) -> str:
    return f"{pages} {unit[:-1] if pages == 1 else unit}"


def _announce(built: Any) -> None:
    shown = _shown(built.path)
    if built.status == "unchanged":
        click.echo(f"  {shown}  unchanged")
        return
    count = _count(built.pages, built.target.kind.unit)
    click.echo(f"  {shown}  {count}  {_size(built.size)}  {built.seconds:.2f} s")
    for reason in built.reasons:
        click.secho(f"      because {reason}", dim=True)


def _summary(report: Any, seconds: float) -> str:
    built, unchanged = len(report.rebuilt), len(report.unchanged)
    text = f"Built {built} {'file' if built == 1 else 'files'}"
    if unchanged:
        text += f" ({unchanged} unchanged)"
    return f"{text} into {_shown(report.output)} in {seconds:.2f} s."


@main.command()
@build_options
@click.option("--force", is_flag=True, help="Rebuild every output, even those up to date.")
@_handles_errors
def build(force: bool, jobs: int | None, project: Path, **values: Any) -> None:
    """Build the materials: one file per output and audience.

    Outputs whose inputs did not change since the last build are left as they are
    ("unchanged"); the summary says what was rebuilt and why.
    """
    start = time.perf_counter()
    options = _options(values)
    if not force:
        from .manifest import quick_check, tool_version

        quick = quick_check(project, options.output, tool_version(__version__), options.request())
        if quick is not None:
            for record in quick.unchanged:
                click.echo(f"  {_shown(quick.folder / record.path)}  unchanged")
            seconds = time.perf_counter() - start
            click.echo(
                f"Nothing to rebuild: {len(quick.unchanged)} files up to date in "
                f"{_shown(quick.folder)} ({seconds:.2f} s)."
            )
            return
    from .build import build as run_build

    report = run_build(project, options, on_built=_announce, force=force, jobs=_jobs(jobs))
    _print_problems(report.warnings)
    if report.changes:
        click.echo("")
        click.echo(report.changes.rstrip())
        click.echo(f"(saved as {_shown(report.output / 'CHANGES.md')})")
    click.echo(_summary(report, time.perf_counter() - start))


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


@main.command()
@project_option
@_handles_errors
def check(project: Path) -> None:
    """Check the content, theme and templates without writing anything."""
    from .check import check_project

    course, warnings = check_project(project)
    _print_problems(warnings)
    modules = len(course.modules)
    click.echo(
        f"OK: {modules} modules, {len(course.audiences)} audiences, "
        f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''}."
    )


@main.command(name="list")
@project_option
@_handles_errors
def list_(project: Path) -> None:
    """List the audiences and the files a build makes."""
    from .build import BuildOptions, load_course, output_folder, plan
    from .tailor import reach

    course, _ = load_course(project)
    click.echo("Audiences:")
    for audience in course.audiences:
        sees = reach(course, audience.id)
        extra = f" (also sees {', '.join(sees[1:])} content)" if len(sees) > 1 else ""
        click.echo(f"  {audience.id:<14} {audience.name}{extra}")
    folder = output_folder(project, course, BuildOptions())
    click.echo("Files a build makes:")
    for target in plan(course, BuildOptions()):
        click.echo(f"  {_shown(folder / target.path)}  ({target.kind.description})")


@main.command()
@click.argument("output", metavar="OUTPUT")
@click.option("--audience", "-a", required=True, metavar="ID", help="The audience to show it for.")
@click.option(
    "--stage",
    type=click.Choice(["course", "markdown", "tree"]),
    default="markdown",
    show_default=True,
    help="course: the tailored content; markdown: the template's result; "
    "tree: the parsed document.",
)
@_with(_how_options)
@project_option
@_handles_errors
def show(output: str, audience: str, stage: str, project: Path, **values: Any) -> None:
    """Print what one output looks like after a pipeline stage (to debug a template).

    OUTPUT is a kind of output, e.g. handout (see `materials-gen list`). It takes the
    options `build` takes, so it shows what `build` would make with them.
    """
    from .show import show as show_stage

    options = _options(values)
    click.echo(show_stage(project, output, audience, stage, options), nl=False)


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def init(directory: Path) -> None:
    """Start a new project in DIRECTORY from the built-in starter kit."""
    from .project import builtin_content, builtin_templates

    for name in ("content", "templates"):
        if (directory / name).exists():
            click.secho(
                f"error: {directory / name} already exists; init never overwrites a project.",
                fg="red",
                err=True,
            )
            click.echo("    hint: choose an empty or new folder", err=True)
            sys.exit(1)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        shutil.copytree(builtin_content(), directory / "content")
        shutil.copytree(builtin_templates(), directory / "templates")
    except OSError as exc:
        click.secho(
            f"error: cannot create the project in {directory}: {exc.strerror or exc}",
            fg="red",
            err=True,
        )
        sys.exit(1)
    click.echo(f"Created a project in {directory}: content/ and templates/.")
    click.echo(f"Next: cd {directory} && materials-gen build")


@main.command()
@click.argument("template", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--aspect", type=click.Choice(["16:9", "4:3"]), help="Of the built-in template.")
@project_option
@_handles_errors
def layouts(template: Path | None, aspect: str | None, project: Path) -> None:
    """List a deck template's layouts and placeholders, and the layout each slide kind gets.

    TEMPLATE is a .pptx or .potx; without it, the project's deck template (or the built-in
    one). Use the names shown here under settings: deck: layouts: in content/course.yaml.
    """
    from .deck_layouts import describe_deck_template

    for line in describe_deck_template(project, template, aspect):
        click.echo(line)


@main.command()
@project_option
@click.option(
    "--output",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    help="The output folder to clean. Default: the project's setting, else output/.",
)
@_handles_errors
def clean(project: Path, output: Path | None) -> None:
    """Remove the files materials-gen built, and nothing else.

    Only regular files the output folder's build manifest lists, still as they were built,
    are removed (with the manifest, the changes report, what an interrupted build left, and
    folders left empty). A file changed since, a link, or anything else in the folder stays.
    """
    from .clean import clean_folder
    from .manifest import Lock, output_folder_of

    folder = output_folder_of(project, output)
    if not folder.is_dir():
        click.echo(f"Nothing to clean: {_shown(folder)} does not exist.")
        return
    lock = Lock(folder)
    try:
        busy = not lock.acquire()
    except OSError as exc:
        raise _CleanError([_cannot_clean(folder, exc)]) from None
    if busy:
        raise _CleanError(
            [
                Problem(
                    None,
                    f"a build is writing to {_shown(folder)} right now",
                    "try again after it has finished",
                )
            ]
        )
    try:
        removed, notes, leftovers = clean_folder(folder, _shown)
    except OSError as exc:
        raise _CleanError([_cannot_clean(folder, exc)]) from None
    finally:
        lock.release()
    with contextlib.suppress(OSError):
        folder.rmdir()  # only when nothing else is left in it
    _print_problems(notes)
    if leftovers:
        click.echo(f"Removed what an interrupted build left in {_shown(folder)}.")
    if removed is None:
        click.echo(f"Nothing to clean: {_shown(folder)} has no build manifest.")
    else:
        click.echo(f"Removed {removed} files built by materials-gen from {_shown(folder)}.")


class _CleanError(OutputError):
    outcome = "files that could not be removed are still there."


def _cannot_clean(folder: Path, exc: OSError) -> Problem:
    where = Location(str(exc.filename)) if exc.filename else Location(str(folder))
    return Problem(
        where,
        f"cannot clean {_shown(folder)}: {exc.strerror or exc}",
        "the folder may be read-only: check its permissions",
    )


@main.command()
@build_options
@click.option(
    "--debounce",
    type=click.IntRange(50, 10000),
    default=300,
    show_default=True,
    help="Milliseconds to wait for more saves before rebuilding.",
)
def watch(jobs: int | None, project: Path, debounce: int, **values: Any) -> None:
    """Rebuild what changed whenever a file in content/ or templates/ is saved.

    Runs until Ctrl-C. A mistake in the content is printed and the last good outputs stay;
    the next save that fixes it rebuilds.
    """
    import watchfiles

    from .build import build as run_build
    from .errors import MaterialsError

    options = _options(values)
    folders = [
        str(project / name) for name in ("content", "templates") if (project / name).is_dir()
    ]
    if not folders:
        click.secho(
            f"error: {project} has no content/ or templates/ folder to watch.", fg="red", err=True
        )
        sys.exit(1)

    def once() -> None:
        start = time.perf_counter()
        try:
            report = run_build(project, options, on_built=_announce, jobs=_jobs(jobs))
        except MaterialsError as exc:
            _print_problems(exc.problems)
            click.secho("The last good outputs are kept; save a fix to rebuild.", fg="yellow")
            return
        except Exception as exc:  # noqa: BLE001 - a watch session outlives any one bad save
            click.secho(
                f"error: the build failed unexpectedly ({type(exc).__name__}: {exc}); "
                "this is a bug in materials-gen, please report it with the file you saved",
                fg="red",
                err=True,
            )
            click.secho("The last good outputs are kept; save a fix to rebuild.", fg="yellow")
            return
        _print_problems(report.warnings)
        if report.changes:
            click.echo(report.changes.rstrip())
        click.echo(_summary(report, time.perf_counter() - start))

    click.echo(f"Watching {', '.join(_shown(Path(f)) for f in folders)} (Ctrl-C to stop).")
    once()
    for changes in watchfiles.watch(
        *folders, debounce=debounce, raise_interrupt=False, watch_filter=_source_filter
    ):
        names = sorted({_shown(Path(path)) for _, path in changes})
        click.echo(f"\nChanged: {', '.join(names)}")
        once()
    click.echo("Stopped watching.")


SOURCE_SUFFIXES = (
    ".md",
    ".yaml",
    ".yml",
    ".j2",
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".pptx",
    ".potx",
    ".ttf",
)


def _source_filter(change: Any, path: str) -> bool:
    """Content, templates, pictures and fonts; not editors' swap, backup and temporary files."""
    name = Path(path).name
    return name.endswith(SOURCE_SUFFIXES) and not name.startswith((".", "~"))
