"""The ``materials-gen`` command.

Thin on purpose: each command imports the pipeline only when it runs, so ``--help`` and
``--version`` answer at once. User mistakes arrive as :class:`MaterialsError` and leave as
``file:line:col: message`` lines and exit status 1; usage mistakes exit with 2 (Click).
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import re
import shlex
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import __version__
from .console import (
    Retold,
    Terminal,
    Timer,
    as_before,
    count_text,
    link_shown,
    plural,
    print_json,
    shown,
    size_text,
    use_colour,
)
from .errors import (
    EVERY_IN_JSON,
    ContentError,
    Location,
    MaterialsError,
    OutputError,
    Problem,
    UsageError,
    problem_data,
    told,
    visible,
    warnings_in,
)
from .progress import Progress

if TYPE_CHECKING:
    from .build import Built
    from .plan import Target

PROJECT_HELP = "The project folder (holds content/ and templates/). Default: the current folder."


project_option = click.option(
    "--project",
    "-p",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    help=PROJECT_HELP,
)


def _print_problems(problems: tuple[Problem, ...] | list[Problem]) -> None:
    for problem in told(problems):
        colour = "red" if problem.severity == "error" else "yellow"
        click.secho(problem.format(), fg=colour, err=True)


# the commands that never write a file: their failure is not "nothing was written"
_READ_ONLY = frozenset({"list_", "check", "show", "layouts"})


def _outcome(exc: MaterialsError, command: str = "") -> str:
    if getattr(exc, "outcome", ""):
        return str(exc.outcome)  # type: ignore[attr-defined]
    if command in _READ_ONLY:
        return ""
    if isinstance(exc, OutputError):
        return "the build stopped; every file in the output folder is as it was."
    return "no file was written or changed."


@contextlib.contextmanager
def _stopped_by_sigterm() -> Iterator[None]:
    """SIGTERM (a CI job's timeout, ``kill``) and SIGHUP (the terminal window closed) stop
    a command as Ctrl-C does: a build's workers are ended, its output folder unlocked and
    left as the last complete build left it, and it says so (exit status 130), rather than
    vanish with its lock left behind and the files of two builds side by side."""

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    before: dict[int, Any] = {}
    try:
        for each in caught:
            before[each] = signal.signal(each, stop)
    except (ValueError, OSError):  # no signals here (an embedding program's thread)
        for each, handler in before.items():
            signal.signal(each, handler)
        yield
        return
    try:
        yield
    finally:
        for each, handler in before.items():
            signal.signal(each, handler)


def _handles_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a MaterialsError into its messages and exit status; never a traceback.

    With ``--json`` the problems are printed as the command's JSON document instead
    (``{"ok": false, "problems": [...]}``), nothing on stderr.
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from .write import written_folders

        written_folders(forget=True)  # (what an earlier command in this process wrote)
        started = time.time()
        try:
            try:
                with _stopped_by_sigterm():
                    return func(*args, **kwargs)
            except BrokenPipeError:  # the reader of the output went away (`| head`): Click's
                raise
            except OSError as exc:  # a file or folder the system refuses: said, not a traceback
                raise _refused(exc, kwargs.get("project")) from None
        except KeyboardInterrupt:  # Ctrl-C before the command's own handling of it
            if func.__name__ in ("watch", "preview"):
                click.echo("Stopped.", err=True)
                sys.exit(0)
            said = "Stopped."
            written = written_folders()
            if func.__name__ == "build" and written:  # Ctrl-C as it finished
                report = written[-1] / "CHANGES.md"
                fresh = report.exists() and report.stat().st_mtime >= started - 1
                said = f"Stopped as the build finished: its new files are in {written[-1]}" + (
                    f"; {report} lists what changed." if fresh else "."
                )
            elif func.__name__ == "build":
                said = (
                    "Stopped: every file in the output folder is as the last complete build "
                    "left it (one that was being written is undone by the next build)."
                )
            if kwargs.get("as_json"):  # standard output holds one JSON document, even now
                _print_failure("interrupted", [Problem(None, said.removesuffix("."))])
            else:
                click.echo(said, err=True)
            sys.exit(130)
        except MaterialsError as exc:
            outcome = _outcome(exc, func.__name__)
            if kwargs.get("as_json"):
                _print_failure(outcome or "stopped on the problems listed.", exc.problems)
                sys.exit(exc.exit_code)
            colour = use_colour(_chosen_colour(kwargs.get("colour")))
            # --quiet: errors only, unless warnings are what failed it (--strict)
            errors_only = bool(kwargs.get("quiet")) and any(
                p.severity == "error" for p in exc.problems
            )
            every = EVERY_IN_JSON if "as_json" in kwargs else ""
            for problem in told(exc.problems, every):
                if errors_only and problem.severity != "error":
                    continue
                fg = "red" if problem.severity == "error" else "yellow"
                click.secho(problem.format(), fg=fg, err=True, color=colour)
            distinct = list(dict.fromkeys(exc.problems))  # one problem told at one place once
            errors = sum(1 for p in distinct if p.severity == "error")
            if errors:
                said = f"{plural(errors, 'problem')} found"
            else:
                said = f"{plural(len(distinct), 'warning')} found"
            said += f"; {outcome}" if outcome else "."
            click.secho(said, fg="red", err=True, color=colour)
            sys.exit(exc.exit_code)

    return wrapper


def _refused(exc: OSError, project: Path | None) -> MaterialsError:
    """A file or folder the operating system would not let materials-gen read or write (a
    folder of another user's, no room left on the disk), as a problem naming it."""
    from .errors import ContentError, Location, Problem
    from .project import display_path

    name = exc.filename
    where = None
    if isinstance(name, str | Path):
        shown = display_path(Path(name), Path(project)) if project else str(name)
        where = Location(shown)
    reason = (exc.strerror or type(exc).__name__).lower()
    if isinstance(exc, PermissionError):
        hint = (
            "give yourself permission to read it (and to write in the output folder), e.g. "
            "with chmod -R u+rwX, or work on a copy of the project you own"
        )
    elif exc.errno == errno.ENOSPC:
        hint = "free some room on the disk, then build again"
    else:
        hint = "check that the file or folder is there and can be opened, then try again"
    what = "it" if where is not None else "a file or folder"
    return ContentError([Problem(where, f"materials-gen may not open {what}: {reason}", hint)])


def _chosen_colour(option: bool | None) -> bool | None:
    """The command's own --color/--no-color, else the group's (or NO_COLOR's), else None."""
    if option is not None:
        return option
    ctx = click.get_current_context(silent=True)
    return ctx.color if ctx is not None else None


class _KindsOption(click.Option):
    """``--only``, whose help names every kind of output from the registry (so it never
    falls behind it), looked up only when help is shown: the registry imports the
    pipeline, which a build with nothing to do never needs."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        from .kinds import KINDS

        listed = f": {', '.join(KINDS)}. Default: all."
        if self.help and not self.help.endswith(listed):  # the kinds named after the list
            self.help = self.help.removesuffix(". Default: all.") + listed
        return super().get_help_record(ctx)


def _usage_as_json(error: click.UsageError, args: list[str]) -> None:
    """With ``--json`` among the command's words, a usage error (an unknown option, a value
    not allowed, a missing folder) is the command's JSON document too, exit status 2: a
    script reading stdout gets a document it can read, not nothing."""
    if "--json" not in args:
        return
    command = error.ctx.command_path if error.ctx is not None else "materials-gen"
    hint = f"see '{command} --help' for what it takes"
    if error.ctx is not None and isinstance(error.ctx.command, click.Group):
        named = [a for a in args if a in error.ctx.command.commands]  # type: ignore[attr-defined]
        if named and args.index("--json") < args.index(named[0]):
            hint = f"give --json after the command's name: {command} {named[0]} --json"
    _print_failure(
        "nothing was done: the command was not understood.",
        [Problem(None, error.format_message(), hint)],
    )
    sys.exit(error.exit_code)


def _print_failure(outcome: str, problems: Iterable[Problem]) -> None:
    """A failed command's JSON document: ``{"ok": false, "outcome", "problems"}``."""
    print_json({"ok": False, "outcome": outcome, "problems": [problem_data(p) for p in problems]})


class _JsonUsage:
    """Usage errors found reading a command's words are JSON when ``--json`` is among them
    (see _usage_as_json)."""

    def make_context(self, info_name: str | None, args: list[str], *a: Any, **k: Any) -> Any:
        given = list(args)
        try:
            return super().make_context(info_name, args, *a, **k)  # type: ignore[misc]
        except click.UsageError as error:
            error = _project_as_word(self, error, given)
            _usage_as_json(error, given)
            raise error from None


def _project_as_word(command: Any, error: click.UsageError, args: list[str]) -> click.UsageError:
    """ "Got unexpected extra argument (../other)": a project's folder (or a file in it) named
    without --project, told how to name it."""
    params = getattr(command, "params", ())
    takes = any("--project" in getattr(p, "opts", ()) for p in params)
    listed = re.fullmatch(r"Got unexpected extra arguments? \((.*)\)", error.message, re.S)
    if not takes or listed is None:
        return error
    # the words left over, as click lists them: the last of those given
    extra = next(
        (args[-n:] for n in range(1, len(args) + 1) if " ".join(args[-n:]) == listed[1]), []
    )
    try:  # a word with a NUL in it, or too long for a path, names no folder
        path = Path(extra[0]) if extra else None
        if path is None or not path.exists():
            return error
        folder = next((f for f in (path, *path.parents) if (f / "content").is_dir()), None)
    except (OSError, ValueError):
        return error
    if folder is None:
        hint = "to use a project, give its folder (the one holding content/) with --project"
    else:
        shown = folder.as_posix()
        hint = (
            f"to use the project in {shown}, give it with --project: "
            f"materials-gen {command.name} --project {shown}"
        )
    return click.UsageError(f"{error.message}\n    hint: {hint}", error.ctx)


class _Command(_JsonUsage, click.Command):
    """A command of materials-gen's."""


class _Group(_JsonUsage, click.Group):
    """The command group: its commands are _Commands, and a usage error found before any
    command reads its words (``materials-gen --json build``, a command's misspelt name) is
    JSON too."""

    command_class = _Command

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        given = list(args)
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError as error:
            _usage_as_json(error, given)
            raise


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="materials-gen")
@click.option(
    "--color/--no-color",
    "colour",
    default=None,
    help="Colour the output, or not. Default: colour on a terminal, unless NO_COLOR is set.",
)
@click.pass_context
def main(ctx: click.Context, colour: bool | None) -> None:
    """Build every audience's training materials from one body of content.

    From YAML and Markdown in content/, it makes for each audience a slide deck (.pptx)
    with speaker notes, a printable handout, a poster for the wall, a facilitator guide,
    printed slides and notes pages, evaluation and knowledge-check forms, a sign-in sheet
    and, with a roster, certificates (PDF). Templates and the theme are in templates/.

    Start with `materials-gen init my-course`, then run `materials-gen build` in that
    folder: the files appear in output/, one folder per audience (within one per language
    when the course is translated).
    """
    ctx.ensure_object(dict)
    if colour is not None:
        ctx.color = colour
    elif os.environ.get("NO_COLOR"):
        ctx.color = False


def _colour_options() -> list[Callable[..., Any]]:
    return [
        click.option(
            "--color/--no-color",
            "colour",
            default=None,
            help="Colour the output, or not. Default: colour on a terminal, unless "
            "NO_COLOR is set.",
        )
    ]


def _own_colour(func: Callable[..., Any]) -> Callable[..., Any]:
    """--color/--no-color after the command too (as every command takes it), for a command
    that prints nothing else to colour: it sets the command's context, which its messages
    and errors follow."""

    @functools.wraps(func)
    def wrapper(*args: Any, colour: bool | None = None, **kwargs: Any) -> Any:
        if colour is not None:
            click.get_current_context().color = colour
        return func(*args, **kwargs)

    return _colour_options()[0](wrapper)


def _output_options(
    more: str = "unchanged files, and the time each stage took",
) -> list[Callable[..., Any]]:
    """How a command talks: colour, quiet or verbose (printing ``more``)."""
    return [
        *_colour_options(),
        click.option("--quiet", "-q", is_flag=True, help="Print only errors and the final line."),
        click.option("--verbose", "-v", is_flag=True, help=f"Print more: {more}."),
    ]


def _check_output_options() -> list[Callable[..., Any]]:
    return _output_options("the modules, audiences and languages checked")


def _json_option(what: str) -> Callable[..., Any]:
    return click.option(
        "--json",
        "as_json",
        is_flag=True,
        help=f"Print {what} as JSON on stdout, and nothing else (for scripts and CI).",
    )


def _strict_option(what: str) -> Callable[..., Any]:
    return click.option(
        "--strict",
        is_flag=True,
        help=f"Treat warnings as errors: exit with status 1 {what}.",
    )


def _terminal(values: dict[str, Any], as_json: bool | None = None) -> Terminal:
    """The command's output settings; the group's --color/--no-color when the command's
    own is not given. ``as_json``: the command's --json (None: it has none)."""
    return Terminal.of(
        _chosen_colour(values.pop("colour", None)),
        values.pop("quiet", False),
        values.pop("verbose", False),
        bool(as_json),
        EVERY_IN_JSON if as_json is not None else "",
    )


def _deck_options() -> list[Callable[..., Any]]:
    """The options that shape the deck (one of the shapes `check` takes too)."""
    return [
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
            "--start",
            metavar="HH:MM",
            help="When the session starts, on a 24-hour clock (13:30 for 1:30 PM), for the "
            "clock times of the agenda slide and the facilitator guide. Default: the "
            "project's setting, else 09:00.",
        ),
    ]


def _how_options() -> list[Callable[..., Any]]:
    """The options that say how the outputs look and what they show: `build`, `watch` and
    `show` take the same ones, so `show` prints what `build` would make."""
    return [
        *_shape_options(),
        _roster_option("also make their certificates and print their names on the sign-in sheet"),
    ]


def _roster_option(what: str) -> Callable[..., Any]:
    """``--roster``, saying ``what`` the command does with the people."""
    return click.option(
        "--roster",
        type=click.Path(dir_okay=False, path_type=Path),
        help="A CSV of attendees (a name column, and optionally audience, date, trainer, "
        f"language; other columns are ignored): {what}.",
    )


def _shape_options() -> list[Callable[..., Any]]:
    """The options that shape the outputs (paper, the deck, the poster, the session's
    times, large print, black and white): `check` takes them too, to check what a build
    with them would make."""
    return [
        click.option(
            "--paper",
            type=click.Choice(["letter", "a4"], case_sensitive=False),
            help="Paper size of the printed outputs (handouts, guides, forms, sign-in sheets, "
            "printed slides). Default: the project's setting, else letter.",
        ),
        *_deck_options(),
        click.option(
            "--poster-size",
            metavar="SIZE",
            help="Poster paper: Letter, Tabloid, A4-A0, 18x24, 24x36 or WIDTHxHEIGHT "
            "with a unit (e.g. 20x30in). Default: the project's setting, else 18x24.",
        ),
        click.option(
            "--orientation",
            type=click.Choice(["portrait", "landscape"], case_sensitive=False),
            help="Poster orientation. Default: the project's setting, else portrait.",
        ),
        click.option(
            "--bleed",
            metavar="LENGTH",
            help="Print-shop bleed, e.g. 3mm or 0.125in: colour past the trim, trim "
            "and bleed boxes, crop marks. 0, none or off: no bleed, over the setting's.",
        ),
        click.option(
            "--tile",
            metavar="SHEET",
            help="Also print the poster across office sheets of this size (letter, "
            "legal, a4, ...), with overlap, cutting guides and labels.",
        ),
        click.option(
            "--date",
            "session_date",
            metavar="YYYY-MM-DD",
            help="The day of the session, printed on certificates and the sign-in sheet "
            "(a roster's date column wins). Default: the project's session date setting.",
        ),
        click.option(
            "--large-print/--standard-print",
            "large_print",
            default=None,
            help="Large print: handouts, guide and forms with 19 pt text, larger headings, "
            "roomier lines, rows and boxes. Default: the audience's or project's setting.",
        ),
        click.option(
            "--print",
            "printing",
            type=click.Choice(["colour", "color", "bw"], case_sensitive=False),
            default=None,
            help="How the PDFs will be printed: colour, or bw for a black-and-white office "
            "printer (no solid bands, columns told apart by outline and fill, not colour). "
            "Default: the project's print setting, else colour.",
        ),
    ]


def _with(options: Callable[[], list[Callable[..., Any]]]) -> Callable[..., Any]:
    """A decorator adding a list of click options to a command."""

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        for option in reversed(options()):
            func = option(func)
        return func

    return decorate


def _listed(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    """A repeatable option's values, each also taken as a list: ``--only guide,slides`` is
    ``--only guide --only slides`` (no audience, language or output name holds a comma)."""
    found: list[str] = []
    for value in values:
        parts = [part.strip() for part in value.split(",")]
        found += [part for part in parts if part] if len(parts) > 1 else parts
    return tuple(found)


def _selection_options(verb: str = "Build") -> list[Callable[..., Any]]:
    """Which audiences, languages and outputs: `build`, `watch`, `preview` and `list` take
    the same ones, so `list` names the files `build` would make (``verb``: what the command
    does with those chosen)."""
    return [
        click.option(
            "--audience",
            "-a",
            "audiences",
            multiple=True,
            callback=_listed,
            metavar="ID",
            help=f"{verb} only this audience (repeat for several, or list them: -a a,b). "
            "Default: all.",
        ),
        click.option(
            "--language",
            "-l",
            "languages",
            multiple=True,
            callback=_listed,
            metavar="LANG",
            help=f"Of a translated course, {verb.lower()} only this language (its tag, e.g. "
            "es or en-US; repeat for several, or list them). Default: every language.",
        ),
        click.option(
            "--only",
            "kinds",
            cls=_KindsOption,
            multiple=True,
            callback=_listed,
            metavar="OUTPUT",
            help=f"{verb} only this kind of output (repeatable, or a list: --only "
            "deck,guide). Default: all.",
        ),
    ]


def _folder_option() -> Callable[..., Any]:
    """``--output``: where a build writes (and where `list` says it would)."""
    return click.option(
        "--output",
        "-o",
        type=click.Path(file_okay=False, path_type=Path),
        help="Folder to write into. Default: the project's setting, else output/.",
    )


def _build_options() -> list[Callable[..., Any]]:
    """The options `build`, `watch` and `preview` share: what to build, how, and where (all
    read by :func:`_options`, so each command builds exactly what `build` would)."""
    return [
        project_option,
        *_selection_options(),
        *_how_options(),
        _folder_option(),
        click.option(
            "--index",
            is_flag=True,
            default=False,
            help="Also write index.html into the output folder: every output of every "
            "audience as thumbnails, to browse or share without materials-gen.",
        ),
        click.option(
            "--jobs",
            "-j",
            type=click.IntRange(1, 64),
            default=None,
            help="Outputs built at once, in separate processes. Default: the number of cores.",
        ),
    ]


build_options = _with(_build_options)


def _options(values: dict[str, Any]) -> Any:
    from .options import BuildOptions

    paper = values.get("paper")
    return BuildOptions(
        audiences=values.get("audiences", ()),
        languages=values.get("languages", ()),
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
        large_print=values.get("large_print"),
        printing=values["printing"].lower() if values.get("printing") else None,
        index=bool(values.get("index")),
    )


def _jobs(value: int | None) -> int:
    return value or os.cpu_count() or 1


class _Shown(Progress):
    """What ``build`` shows while it runs: each file as it is made, unchanged files counted,
    a bar for long builds (see console.py)."""

    def __init__(self, terminal: Terminal, verbose: bool):
        from .stopwatch import Stopwatch

        self.terminal = terminal
        self.unchanged = 0
        self.listed = 0  # "made" lines shown: made in memory, written only when all succeed
        self.stopwatch = Stopwatch() if verbose else None

    def planned(self, targets: list[Target]) -> None:
        self.terminal.start_bar(len(targets))

    def made(self, built: Built) -> None:
        count = count_text(built.pages, built.target.kind.unit)
        self.terminal.say(
            f"  made  {shown(built.path)}  {count}  {size_text(built.size)}  {built.seconds:.2f} s",
        )
        for reason in built.reasons:
            self.terminal.say(f"      because {reason}", dim=True)
        self.listed += not self.terminal.quiet  # (--quiet lists none: none is dropped "above")
        self.terminal.advance()

    def dropped(self, base: str) -> str:
        """What a failed build's last line says (``base``), with the files it listed as made
        and never wrote, so that no one goes looking for them."""
        if not self.listed:
            return base
        files = (
            "file listed above as made was"
            if self.listed == 1
            else (f"{self.listed} files listed above as made were")
        )
        return f"{base.rstrip('.')} (the {files} dropped)."

    def kept(self, built: Built) -> None:
        self.unchanged += 1
        self.terminal.detail(f"  unchanged  {shown(built.path)}", dim=True)
        self.terminal.advance()


def _summary(report: Any, seconds: float, repeated: int = 0) -> str:
    """The last line: what was made, and that it is now written (all files at once)."""
    built, unchanged = len(report.rebuilt), len(report.unchanged)
    warned = warnings_in(report.warnings)
    also = f"; {plural(len(warned), 'warning')}{as_before(repeated)}" if warned else ""
    if not built and not unchanged:  # nothing asked for could be made (see the warnings)
        return f"No file made in {shown(report.output)} ({seconds:.2f} s){also}."
    if not built and not any(b.rendered for b in report.unchanged):
        # nothing needed making (a build after one of some audiences or languages, whose
        # options the quick check did not find the same), as the quick check says it
        return (
            f"Nothing to rebuild: {plural(unchanged, 'file')} up to date in "
            f"{shown(report.output)} ({seconds:.2f} s){also}."
        )
    if not built:  # every file came out as it was ("Built 0 files" read as a failure)
        return (
            f"{plural(unchanged, 'file')} up to date in {shown(report.output)}, none written "
            f"again ({seconds:.2f} s){also}."
        )
    text = f"Built {plural(built, 'file')}"
    if unchanged:
        text += f" ({unchanged} unchanged)"
    them = "it" if built == 1 else "them"
    return f"{text} and wrote {them} into {shown(report.output)} in {seconds:.2f} s{also}."


def _stage_times(terminal: Terminal, report: Any, jobs: int) -> None:
    """--verbose: where the time went, stage by stage."""
    from .stopwatch import STAGES

    terminal.detail("Time by stage:")
    for stage in STAGES:
        seconds = report.seconds.get(stage, 0.0)
        extra = ""
        if stage == "render" and jobs > 1 and len(report.rebuilt) > 1:
            extra = f"  (the outputs' own times added up; {jobs} processes at once)"
        terminal.detail(f"  {stage:<10}{seconds:6.2f} s{extra}")


def _file_data(
    path: Path,
    kind: str,
    key: str,
    status: str,
    pages: int,
    size: int,
    seconds: float = 0.0,
    reasons: Iterable[str] = (),
) -> dict[str, Any]:
    """One file of ``build --json``, the same keys whether it was made or kept: ``key`` is
    its audience as the manifest names it ("es/clinical"; "clinical" for a course built in
    its own language only), given as the audience's id and the language apart."""
    from .kinds import KINDS

    language, _, audience = key.rpartition("/")
    return {
        "path": path.as_posix(),
        "kind": kind,
        "audience": audience,
        "language": language,
        "status": status,
        "pages": pages,
        "unit": KINDS[kind].unit if kind in KINDS else "pages",
        "size": size,
        "seconds": round(seconds, 3),
        "reasons": list(reasons),
    }


def _built_data(built: Any) -> dict[str, Any]:
    target = built.target
    return _file_data(
        built.path,
        target.kind.name,
        target.key,
        built.status,
        built.pages,
        built.size,
        built.seconds,
        built.reasons,
    )


def _by_path(file: dict[str, Any]) -> str:
    return str(file["path"])


def _changes_data(report: Any) -> list[dict[str, Any]]:
    return [
        {
            "audience": section.audience,
            "changes": [
                {"what": c.what, "where": c.place, "before": c.before, "after": c.after}
                for c in section.changes
            ],
            "files": list(section.files),
        }
        for section in report.what_changed
    ]


@main.command()
@build_options
@click.option("--force", is_flag=True, help="Rebuild every output, even those up to date.")
@_strict_option("and write nothing when the build has any warning")
@_json_option("what was built")
@_with(_output_options)
@_handles_errors
def build(
    force: bool, strict: bool, as_json: bool, jobs: int | None, project: Path, **values: Any
) -> None:
    """Build the materials: one file per output and audience.

    Each file is listed as it is made; all are written into the output folder together at
    the end, or none is (a failed build leaves the last good files as they were). Outputs
    whose inputs did not change since the last build are left as they are and counted as
    unchanged; each file made says why.

    With --json, stdout is one JSON object: "ok", "project", "output" (the folder),
    "seconds", "stages" (seconds by stage, as -v shows them), "files" (each with "path",
    "kind", "audience", "language", "status" built or unchanged, "pages", "unit", "size" in
    bytes, "seconds", "reasons"), "problems" (each with "severity", "file", "line",
    "column", "message", "hint") and "changes" (per audience: "audience", "changes" with
    "what", "where", "before", "after", and "files" to print again).
    """
    terminal = _terminal(values, as_json)
    timer = Timer()
    options = _options(values)
    if not force and not strict:
        from .manifest import quick_check, tool_version

        quick = quick_check(project, options.output, tool_version(__version__), options.request())
        if quick is not None:
            _nothing_to_rebuild(terminal, quick, timer, as_json, project)
            return
    from .build import build as run_build

    listener = _Shown(terminal, terminal.verbose)
    try:
        report = run_build(
            project,
            options,
            progress=listener,
            force=force,
            jobs=_jobs(jobs),
            strict=strict,
        )
    except MaterialsError as exc:
        if not as_json:  # JSON lists no "made" lines to drop
            exc.outcome = listener.dropped(_outcome(exc))  # type: ignore[attr-defined]
        raise
    finally:
        terminal.stop_bar()
    if as_json:
        print_json(
            {
                "ok": True,
                "project": Path(project).as_posix(),
                "output": report.output.as_posix(),
                "seconds": round(timer.seconds, 3),
                "stages": {k: round(v, 3) for k, v in report.seconds.items()},
                "files": sorted((_built_data(b) for b in report.built), key=_by_path),
                "problems": [problem_data(p) for p in report.warnings],
                "changes": _changes_data(report),
            }
        )
        return
    _tell(terminal, listener, report, timer, _jobs(jobs))


def _tell(
    terminal: Terminal,
    listener: _Shown,
    report: Any,
    timer: Timer,
    jobs: int,
    retold: Retold | None = None,
) -> None:
    """What a finished build says after its files (`build`, and `watch` after each save:
    ``retold``, the warnings it told already, not told again)."""
    if listener.unchanged:
        terminal.say(f"  {plural(listener.unchanged, 'file')} unchanged", dim=True)
    warnings, repeated = retold.fresh(report.warnings) if retold else (report.warnings, 0)
    terminal.problems(warnings)
    if report.what_changed:
        from .changes import plain

        terminal.say("")
        text = plain(report.what_changed, report.version, report.date, terminal.width)
        for line in text.rstrip().splitlines():
            terminal.say(line)
        terminal.say(f"(also saved as {shown(report.output / 'CHANGES.md')})", dim=True)
    if terminal.verbose:
        _stage_times(terminal, report, jobs)
    page = report.output / "index.html"
    if page.is_file():  # a build that is not asked for the page removes it
        terminal.say(f"Overview of every output: {shown(page)}")
    terminal.final(_summary(report, timer.seconds, repeated), fg="green", bold=True)


def _nothing_to_rebuild(
    terminal: Terminal, quick: Any, timer: Timer, as_json: bool, project: Path
) -> None:
    """Every output up to date (judged from file hashes, without loading the pipeline)."""
    if as_json:
        files = [
            _file_data(quick.folder / r.path, r.kind, r.audience, "unchanged", r.pages, r.size)
            for r in quick.unchanged
        ]
        print_json(
            {
                "ok": True,
                "project": Path(project).as_posix(),
                "output": quick.folder.as_posix(),
                "seconds": round(timer.seconds, 3),
                "stages": {},  # no stage ran
                "files": sorted(files, key=_by_path),
                "problems": [problem_data(p) for p in quick.warnings],
                "changes": [],
            }
        )
        return
    for record in quick.unchanged:
        terminal.detail(f"  unchanged  {shown(quick.folder / record.path)}", dim=True)
    terminal.problems(quick.warnings)  # the last build's: what it warned of still stands
    warned = warnings_in(quick.warnings)
    also = f"; {plural(len(warned), 'warning')}" if warned else ""
    terminal.final(
        f"Nothing to rebuild: {plural(len(quick.unchanged), 'file')} up to date in "
        f"{shown(quick.folder)} ({timer.seconds:.2f} s){also}."
    )


@main.command()
@project_option
@_strict_option("when there is any warning")
@_json_option("the result")
@_with(_shape_options)
@_roster_option(
    "also check their certificates and sign-in sheets, and the roster as a build reads it"
)
@_with(_check_output_options)
@_handles_errors
def check(
    project: Path,
    strict: bool,
    as_json: bool,
    **values: Any,
) -> None:
    """Check the content, theme and templates; write nothing.

    Exit status 0 when the project builds (1 with --strict if there are warnings), 1 when
    it has errors. With --json, stdout is one JSON object: "ok", "project", "modules", "audiences"
    (their ids), "errors", "warnings" (counts) and "problems" (each with "severity",
    "file", "line", "column", "message", "hint").
    """
    from .check import check_project

    terminal = _terminal(values, as_json)
    shaped = _options(values)  # as build with these options lays out
    course, warnings = check_project(project, strict, shaped)
    failed = strict and bool(warnings_in(warnings))
    if as_json:
        print_json(
            {
                "ok": not failed,
                "project": Path(project).as_posix(),  # what problems' files are relative to
                "modules": len(course.modules),
                "audiences": [a.id for a in course.audiences],
                "errors": 0,
                "warnings": len(warnings_in(warnings)),
                "problems": [problem_data(p) for p in warnings],
            }
        )
    else:
        terminal.problems(warnings, strict=failed)  # what fails it, even with --quiet
        _checked(terminal, project, course)
        summary = (
            f"{plural(len(course.modules), 'module')}, "
            f"{plural(len(course.audiences), 'audience')}, "
            f"{plural(len(warnings_in(warnings)), 'warning')}"
        )
        if failed:
            terminal.final(f"Failed: {summary} (--strict treats warnings as errors).", fg="red")
        else:
            terminal.final(f"OK: {summary}.")
    if failed:
        sys.exit(1)


def _checked(terminal: Terminal, project: Path, course: Any) -> None:
    """check --verbose: what was checked, so that a module or a translation left out is seen."""
    from .translations import languages

    if not terminal.verbose:
        return
    terminal.detail("Checked:")
    for module in course.modules:
        terminal.detail(f"  module     {module.id}  ({module.file})")
    for audience in course.audiences:
        terminal.detail(f"  audience   {audience.id}  ({audience.name})")
    for language in [course.language, *languages(project)]:
        terminal.detail(f"  language   {language}")


@main.command(name="list")
@project_option
@_json_option("the audiences and files")
@_with(functools.partial(_selection_options, "List the files of"))
@_with(_how_options)
@_folder_option()
@_with(_colour_options)
@_handles_errors
def list_(project: Path, as_json: bool, **values: Any) -> None:
    """List the audiences and the files a build makes.

    Takes the options `build` takes that change which files it makes and where (audiences,
    languages, outputs, roster, poster tiles, output folder...), and lists the files a build
    with them would make. With --json, stdout is one JSON object: "project", "audiences"
    (each with "id", "name" and "sees", the audiences whose content it also sees), "files"
    (each with "path", "kind", "audience", "language" and "description") and "not_made"
    (lines saying which outputs are left out and why).
    """
    from .attendance import read_attendees
    from .build import (
        chosen_languages,
        course_languages,
        output_folder,
        planned_files,
        refused_outputs,
    )
    from .load import load_project
    from .plan import chosen_audiences, options_for
    from .roster import in_language, in_other_languages
    from .tailor import reach
    from .validate import validate

    terminal = _terminal(values, as_json)
    options = _options(values)
    raw = load_project(project)
    course, _ = validate(raw)
    settings = options_for(project, course, options)  # each value checked as build does
    every = course_languages(raw, course)
    languages = chosen_languages(every, options.languages)
    attendees = read_attendees(course, options, also=[c for _, c in every])
    folder = output_folder(project, course, options)
    targets = planned_files(languages, options, attendees)
    refused_outputs(project, dict(languages), targets, settings, options, attendees)
    made = {(t.kind.name, t.audience.id) for t in targets}  # in one language built or more
    skipped = list(
        dict.fromkeys(  # of each language built, each reason once
            line
            for _, each in languages
            for line in _not_made(
                each,
                options,
                in_language(attendees, each.language),
                in_other_languages(attendees, each.language),
                made,
            )
        )
    )
    shown_audiences = chosen_audiences(course, options)
    if as_json:
        print_json(
            {
                "project": Path(project).as_posix(),
                "audiences": [
                    {"id": a.id, "name": a.name, "sees": list(reach(course, a.id))}
                    for a in shown_audiences
                ],
                "files": [
                    {
                        "path": (folder / t.path).as_posix(),
                        "kind": t.kind.name,
                        "audience": t.audience.id,
                        "language": t.language,  # "" when built in its own language only
                        "description": t.kind.description,
                    }
                    for t in targets
                ],
                "not_made": skipped,
            }
        )
        return
    terminal.say("Audiences:")
    for audience in shown_audiences:
        sees = reach(course, audience.id)
        extra = f"  also sees {', '.join(sees[1:])} content" if len(sees) > 1 else ""
        terminal.say(f"  {audience.id:<14} {audience.name}{extra}")
    # none: said so, rather than a heading over nothing (the reasons follow)
    terminal.say("Files a build makes:" if targets else "Files a build makes: none.")
    width = max((len(shown(folder / t.path)) for t in targets), default=0)
    for target in targets:
        terminal.say(f"  {shown(folder / target.path):<{width}}  {target.kind.description}")
    if skipped:
        terminal.say("Not made by this build:")
        for line in skipped:
            terminal.say(f"  {line}")


def _not_made(
    course: Any,
    options: Any,
    attendees: tuple[Any, ...],
    elsewhere: tuple[Any, ...],
    made: set[tuple[str, str]],
) -> list[str]:
    """The outputs a build with ``options`` leaves out, and why (a roster, questions, a
    setting): one line per kind, naming the audiences it is left out for. What is ``made``
    (an output and audience) in another language built is not left out."""
    from .plan import skipped

    by_kind: dict[str, list[Any]] = {}
    for each in skipped(course, options, attendees, elsewhere):
        if each.audience is not None and (each.kind.name, each.audience.id) in made:
            continue
        by_kind.setdefault(each.kind.name, []).append(each)
    out = []
    for name, items in by_kind.items():
        first = items[0]
        if first.audience is None:
            out.append(f"{name}: {first.why}")
            continue
        who = " and ".join(each.audience.id for each in items)
        if len(items) > 1 and first.hint:
            out.append(f"{name} for {who}: {first.hint}")
        else:
            out.append(f"{name} for {who}: {first.why}" + (f"; {first.hint}" if first.hint else ""))
    return out


@main.command()
@click.argument("output", metavar="OUTPUT")
@click.option(
    "--audience",
    "-a",
    metavar="ID",
    multiple=True,  # (given twice, refused: the second took the first's place unsaid)
    help="The audience to show it for. Default: the course's only audience, if it has one.",
)
@click.option(
    "--language",
    "-l",
    "languages",
    multiple=True,
    callback=_listed,
    metavar="LANG",
    help="Of a translated course, the language to show (e.g. es). Default: the course's own.",
)
@click.option(
    "--stage",
    type=click.Choice(["course", "markdown", "tree"]),
    default="markdown",
    show_default=True,
    help="course: the tailored content, as the audience's templates get it (no other "
    "audience in it); markdown: the template's result; tree: the parsed document.",
)
@_with(_how_options)
@project_option
@_handles_errors
@_own_colour
def show(output: str, audience: tuple[str, ...], stage: str, project: Path, **values: Any) -> None:
    """Print one output after a stage, to debug a template.

    OUTPUT is a kind of output, e.g. handout (see `materials-gen list`). It takes the
    options `build` takes, so it shows what `build` would make with them.
    """
    from .show import show as show_stage

    if len(audience) > 1:
        raise UsageError(
            [Problem(None, "show shows one audience at a time", "give --audience once")]
        )
    options = _options(values)
    # a template's escape sequences (clear the screen, write the clipboard) shown, not run
    printed = show_stage(project, output, audience[0] if audience else None, stage, options)
    click.echo(visible(printed, directions=True), nl=False)


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--templates",
    "with_templates",
    is_flag=True,
    help="Also copy the built-in templates, to change them. Without it the project "
    "uses the built-in ones, so later releases' template fixes reach it.",
)
@click.option(
    "--blank",
    is_flag=True,
    help="A minimal course of one module and one audience to fill in, instead of the "
    "full example course.",
)
@_own_colour
def init(directory: Path, with_templates: bool, blank: bool) -> None:
    """Start a new project in DIRECTORY.

    Copies the example course (in English, with its Spanish translation in
    content/translations/es) into content/ and the theme (colours, fonts) into
    templates/theme.yaml; the project uses the built-in templates. With --blank, content/
    holds a one-module starter instead. With --templates, the templates are copied too, to
    change them; in an existing project (`materials-gen init --templates .`) it adds the
    templates its templates/ folder lacks, and replaces none.
    """
    from .starter import create_project

    if with_templates and not blank and (directory / "content").is_dir():
        _add_templates(directory / "templates")
        return
    try:
        made = create_project(directory, blank=blank, with_templates=with_templates)
    except FileExistsError as exc:
        click.secho(
            f"error: {exc.filename} already exists; init never overwrites a project.",
            fg="red",
            err=True,
        )
        click.echo("    hint: choose an empty or new folder", err=True)
        sys.exit(1)
    except OSError as exc:
        click.secho(
            f"error: cannot create the project in {directory}: {exc.strerror or exc}",
            fg="red",
            err=True,
        )
        sys.exit(1)
    click.echo(f"Created a project in {directory}:")
    for line in made:
        click.echo(f"  {line}")
    folder = str(directory)
    if folder.startswith("-"):  # "cd -dash" would read it as cd's options
        folder = f"./{folder}"
    click.echo(f"Next: cd {shlex.quote(folder)} && materials-gen build")


def _add_templates(templates: Path) -> None:
    """``init --templates`` in an existing project: the built-in templates it lacks."""
    from .starter import add_templates

    try:
        added, kept = add_templates(templates)
    except OSError as exc:
        message = f"error: cannot copy the templates: {exc.strerror or exc}"
        click.secho(message, fg="red", err=True)
        sys.exit(1)
    except MaterialsError as exc:  # a link where a template goes: never written through
        for problem in told(exc.problems):
            click.secho(problem.format(), fg="red", err=True)
        sys.exit(1)
    if not added:
        click.echo(f"Nothing to add: {templates} has every built-in template.")
        return
    click.echo(f"Added the built-in templates to {templates}, yours to change:")
    click.echo("  " + ", ".join(added))
    if kept:
        click.echo(f"Kept as they were: {', '.join(kept)}.")


@main.command(name="deck-template")
@click.argument("out", metavar="OUT.pptx", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--aspect",
    type=click.Choice(["16:9", "4:3"]),
    help="Slide shape. Default: the project's setting, else 16:9.",
)
@click.option("--force", is_flag=True, help="Replace OUT.pptx if it exists.")
@project_option
@_handles_errors
@_own_colour
def deck_template(out: Path, aspect: str | None, force: bool, project: Path) -> None:
    """Write the built-in deck design as an editable .pptx.

    A designer can restyle it in PowerPoint (View > Slide Master: colours, fonts, logo,
    backgrounds; keep the layouts' names and placeholders) and give it back. Then use it
    with `build --deck-template OUT.pptx`, or for every build with settings: deck:
    template: in content/course.yaml. Unchanged, it gives the same decks as the built-in
    design. The theme's colours and fonts are those of the project (templates/theme.yaml).
    """
    from .render.pptx_template import builtin_template_bytes
    from .theme import load_theme

    if out.suffix.lower() not in (".pptx", ".potx"):
        raise UsageError(
            [Problem(None, f"{out} is not a .pptx file name", "name it e.g. organisation.pptx")]
        )
    if os.path.lexists(out) and not force:
        raise UsageError(
            [Problem(None, f"{out} already exists", "choose another name, or add --force")]
        )
    _named_project(project)  # a project named is one whose theme is wanted
    chosen = aspect or _project_aspect(project)
    data = builtin_template_bytes(load_theme(project), chosen, out.suffix.lower() == ".potx")
    from .write import ProjectWriteError, write_in_project

    # never through a link: in a shared project's templates/ one may lead anywhere
    inside = Path(os.path.abspath(out)).is_relative_to(Path(os.path.abspath(project)))
    root = Path(os.path.abspath(project)) if inside else Path(os.path.abspath(out)).parent
    try:
        write_in_project(root, Path(os.path.abspath(out)), data, replace=True)
    except OSError as exc:
        raise ProjectWriteError(
            [Problem(Location(str(out)), f"cannot write {out}: {exc.strerror or exc}")]
        ) from None
    click.echo(f"Wrote the built-in deck design ({chosen}) to {out}.")
    click.echo(
        "Restyle it in PowerPoint under View > Slide Master, keeping the layouts' names; "
        f"then build with --deck-template {shlex.quote(str(out))}."
    )


def _named_project(project: Path) -> None:
    """ContentError unless ``project``, when named with --project, is a project: a command
    that also works outside one (the built-in template) took a misspelt name for none, and
    described the built-in template as if it were the project's."""
    ctx = click.get_current_context()
    if ctx.get_parameter_source("project") is not click.core.ParameterSource.DEFAULT:
        from .load import require_project

        require_project(project)


def _project_aspect(project: Path) -> str:
    """The project's deck aspect setting when it has a course, else 16:9."""
    try:
        from .build import load_course

        course, _ = load_course(project)
    except MaterialsError:
        return "16:9"
    return str(course.settings.deck.aspect or "16:9")


@main.command(short_help="Start (or complete) a translation of the course.")
@click.argument("language", metavar="LANGUAGE")
@project_option
@_handles_errors
@_own_colour
def translate(language: str, project: Path) -> None:
    """Start (or complete) a translation of the course into LANGUAGE.

    Copies each content file that content/translations/LANGUAGE/ lacks into it, marked with
    what it is a copy of (translation_of: ...), to translate in place; files already there
    are left alone. The next build makes every language into output/LANGUAGE/AUDIENCE/;
    `materials-gen check` lists what is still untranslated or out of date.
    """
    from .load import require_project
    from .translations import FOLDER, start_translation, translation_tag

    require_project(project)
    language = translation_tag(project, language)  # the folder's own case, if it has one
    written = start_translation(project, language)
    folder = project / FOLDER / language
    if not written:
        click.echo(f"Nothing to add: {shown(folder)} has every content file already.")
        return
    files = "file" if len(written) == 1 else "files"
    click.echo(f"Wrote {len(written)} {files} into {shown(folder)} to translate:")
    for path in written:
        click.echo(f"  {shown(path)}")


@main.command(short_help="Write a catalog of labels to translate or change.")
@click.argument("language", metavar="LANGUAGE")
@project_option
@_handles_errors
@_own_colour
def labels(language: str, project: Path) -> None:
    """Write the project's catalog of labels for LANGUAGE, to translate or change.

    The labels are the words materials-gen itself puts on the outputs ("Key points",
    "Page 3 of 12", the forms' headings...). This writes templates/locale/LANGUAGE.po with
    every one of them: the project's translations kept, the built-in ones filled in, the
    rest empty. Fill in (or change) the msgstr lines; an entry left empty is printed from
    the built-in catalog, or in English. LANGUAGE is a tag such as es, fr or pt-BR.
    """
    from .i18n import catalog_files, write_project_catalog
    from .load import require_project
    from .translations import source_language

    require_project(project)  # templates/locale/ of a folder that is no project is no use
    path, translated, total = write_project_catalog(project, language)
    base = language.split("-")[0].lower()
    if base == "en":  # the labels' own words: every msgstr empty, nothing to translate
        click.echo(f"Wrote {shown(path)}: the {total} labels, in English.")
        click.echo(
            "To change a label's words, fill in the msgstr of only the entries you want "
            "to change; the others, left empty, keep the built-in words."
        )
        return
    click.echo(f"Wrote {shown(path)}: {translated} of {total} labels translated.")
    own = base == source_language(project).split("-")[0].lower()
    if catalog_files(None, language):  # a language built in: its words, to change
        click.echo(
            "To change a label's words, edit the msgstr of only the entries you want to "
            "change, and delete the others: they keep the built-in words (and later "
            "releases' wording)."
        )
    elif translated == total:  # the project's own words, every one: no others to keep
        click.echo("To change a label's words, edit its msgstr.")
    if own and translated < total:
        click.echo(
            f"Fill in the {total - translated} empty msgstr lines; materials-gen check "
            "lists those still missing."
        )
    elif translated < total:
        click.echo(
            f"Fill in the {total - translated} empty msgstr lines; once the course or a "
            f"translation of it is in {language}, materials-gen check lists those still "
            "missing."
        )


@main.command()
@click.argument(
    "template", required=False, type=click.Path(dir_okay=False, exists=True, path_type=Path)
)
@click.option(
    "--aspect",
    type=click.Choice(["16:9", "4:3"]),
    help="The shape of the built-in template. Refused with a template of your own, "
    "which keeps its own slide size.",
)
@project_option
@_handles_errors
@_own_colour
def layouts(template: Path | None, aspect: str | None, project: Path) -> None:
    """List a deck template's layouts and what each slide gets.

    Each layout is shown with its placeholders, then the layout each slide kind gets.

    TEMPLATE is a .pptx or .potx; without it, the project's deck template (or the built-in
    one). Use the names shown here under settings: deck: layouts: in content/course.yaml.
    """
    from .deck_layouts import describe_deck_template

    # a folder named that does not exist, or one with a content/ that is no project (its
    # course file a folder): refused; an existing folder of no project lists the built-in
    if not project.is_dir() or (project / "content").exists():
        _named_project(project)
    lines, problems = describe_deck_template(project, template, aspect)
    for line in lines:
        click.echo(line)
    if problems:  # the layouts are listed first: they are what the mapping should name
        raise ContentError(problems)


@main.command()
@project_option
@click.option(
    "--output",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    help="The output folder to clean. Default: the project's setting, else output/.",
)
@_handles_errors
@_own_colour
def clean(project: Path, output: Path | None) -> None:
    """Remove the files materials-gen built, and nothing else.

    Only regular files the output folder's build manifest lists, still as they were built,
    are removed (with the manifest, the changes report, what an interrupted build left, and
    folders left empty). A file changed since, a link, or anything else in the folder stays.
    """
    from .clean import clean_folder
    from .manifest import Lock, output_folder_of, output_setting_problems

    if output is None:  # the project's own output folder: its setting must be readable
        from .load import require_project

        require_project(project)
        unread = output_setting_problems(project)
        if unread:
            raise ContentError(
                [
                    *unread,
                    Problem(
                        Location("content/course.yaml"),
                        "clean reads the output folder from 'settings: output' in this file",
                        "mend it, or name the folder to clean with --output",
                    ),
                ]
            )
    folder = output_folder_of(project, output)
    if not folder.is_dir():
        click.echo(f"Nothing to clean: {shown(folder)} does not exist.")
        return
    lock = Lock(folder)
    try:
        busy = not lock.acquire()
    except OSError as exc:
        raise _NothingCleaned([_cannot_clean(folder, exc)]) from None
    if busy:
        raise _NothingCleaned(
            [
                Problem(
                    None,
                    f"a build is writing to {shown(folder)} right now",
                    "try again after it has finished",
                )
            ]
        )
    try:
        removed, notes, leftovers = clean_folder(folder, shown)
    except OSError as exc:
        raise _CleanError([_cannot_clean(folder, exc)]) from None
    finally:
        lock.release()
    with contextlib.suppress(OSError):
        folder.rmdir()  # only when nothing else is left in it
    _print_problems(notes)
    if leftovers:
        click.echo(f"Removed what an interrupted build left in {shown(folder)}.")
    if removed is None:
        click.echo(f"Nothing to clean: {shown(folder)} has no build manifest.")
    else:
        said = f"Removed {plural(removed.outputs, 'output')} built by materials-gen from "
        said += shown(folder)
        if removed.own == ("the build manifest",):  # the last file it writes, removed last
            said += ", and its build manifest"
        elif removed.others:
            said += f", and {removed.others} of its own files beside them ({removed.own_files()})"
        click.echo(f"{said}.")
        if removed.refused:  # the others are gone: said above, then each that is not
            raise _CleanError([_cannot_clean(folder, exc) for _, exc in removed.refused])


class _CleanError(OutputError):
    outcome = (
        "files that could not be removed are still there, with the build manifest: "
        "clean again once they can be removed."
    )


class _NothingCleaned(OutputError):
    """Clean stopped before it tried to remove anything (a build is writing, the folder
    cannot be locked): it says so, and nothing of files left behind."""

    outcome = "nothing was removed."


def _cannot_clean(folder: Path, exc: OSError) -> Problem:
    where = Location(str(exc.filename)) if exc.filename else Location(str(folder))
    return Problem(
        where,
        f"cannot clean {shown(folder)}: {exc.strerror or exc}",
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
@_with(_output_options)
@_handles_errors
def watch(jobs: int | None, project: Path, debounce: int, **values: Any) -> None:
    """Rebuild whenever a file in content/ or templates/ is saved.

    Takes build's options, and builds what `build` would build with them. Runs until
    Ctrl-C. A mistake in the content is printed and the last good outputs stay; the next
    save that fixes it rebuilds. A mistake in the options (an --only or --audience the
    project does not have, a --deck-template that is not there...) stops it at once, as it
    stops `build`.
    """
    import logging
    from functools import partial

    from .build import build as run_build
    from .project import (
        followed_files,
        saved_since,
        saves,
        source_folders,
        source_stamps,
        watched_folders,
    )
    from .records import built_when_free
    from .warmup import load_for_more_builds

    terminal = _terminal(values)
    options = _options(values)
    folders = [str(f) for f in source_folders(project)]
    if not folders:  # not a project: told as build tells it, with how to start one
        from .load import require_project

        require_project(project)
    if folders:
        from .build import check_given_names

        check_given_names(project, options)  # before "Watching": no save can fix a name
    _, _, links = watched_folders(project)
    if not folders:
        click.secho(
            f"error: {project} has no content/ or templates/ folder to watch.", fg="red", err=True
        )
        sys.exit(1)

    retold = Retold()  # a warning is told once while it stands, not after every save

    def kept() -> str:
        """What a failed build leaves, in words that are true of the output folder."""
        from .manifest import NAME, output_folder_of

        try:
            built = (output_folder_of(project, options.output) / NAME).is_file()
        except (MaterialsError, OSError):  # a setting that does not read: no folder to keep
            built = False
        if built:
            return "The last good outputs are kept; save a fix to rebuild."
        return "Nothing is built yet; save a fix to build."

    def once(first: bool = False) -> None:
        nonlocal building
        building = True
        timer = Timer()
        listener = _Shown(terminal, terminal.verbose)
        try:
            report = built_when_free(
                lambda: run_build(project, options, progress=listener, jobs=_jobs(jobs)),
                terminal.say,
            )
        except MaterialsError as exc:
            if first and isinstance(exc, UsageError):  # the options: no save can fix them
                raise
            terminal.problems(retold.fresh(exc.problems, failed=True)[0])
            terminal.final(listener.dropped(kept()), fg="yellow")
            return
        except Exception as exc:  # noqa: BLE001 - a watch session outlives any one bad save
            click.secho(
                f"error: the build failed unexpectedly ({type(exc).__name__}: {exc}); "
                "this is a bug in materials-gen, please report it with the file you saved",
                fg="red",
                err=True,
                color=terminal.colour,
            )
            terminal.final(kept(), fg="yellow")
            return
        finally:
            terminal.stop_bar()
        building = False  # done: what follows tells it, and makes the next build quicker
        _tell(terminal, listener, report, timer, _jobs(jobs), retold)
        load_for_more_builds(project, options, _jobs(jobs))  # while it waits for a save

    # watchfiles says "KeyboardInterrupt caught, stopping watch" on Ctrl-C; the command says
    # it stopped itself (as preview does)
    logging.getLogger("watchfiles.main").setLevel(logging.ERROR)
    # Ctrl-C is also remembered: Python drops the KeyboardInterrupt it raises when it lands
    # in some places (a callback as a module finishes importing), and the build then goes
    # on; once it is over, the watch stops as asked instead of watching on
    interrupted = _remember_ctrl_c()
    building = True
    try:
        terminal.say(f"Watching {', '.join(shown(Path(f)) for f in folders)} (Ctrl-C to stop).")
        for link in links:
            terminal.say(f"Not followed: {link_shown(link)} is a link to a folder.")
        before = source_stamps(project)
        once(first=True)
        # a save while the first build ran, before the watcher started: built now
        while saved := saved_since(before, project):
            if interrupted.is_set():
                raise KeyboardInterrupt
            names = sorted({shown(Path(path)) for path in saved})
            terminal.say(f"\nChanged while building: {', '.join(names)}")
            before = source_stamps(project)
            once()
        building = False
        if interrupted.is_set():
            raise KeyboardInterrupt
        told = list(links)

        def links_left_out(found: list[Path]) -> None:  # when the watch starts again
            for link in found:
                if link not in told:
                    terminal.say(f"Not followed: {link_shown(link)} is a link to a folder.")
            told[:] = found

        named = partial(followed_files, project, options)
        for changes in saves(project, named, debounce, on_links=links_left_out):
            names = sorted({shown(Path(path)) for path in changes})
            terminal.say(f"\nChanged: {', '.join(names)}")
            once()
            building = False  # (a build that failed too)
            if interrupted.is_set():
                raise KeyboardInterrupt
    except KeyboardInterrupt:  # Ctrl-C: stop quietly, whatever was under way
        if building:
            terminal.say(
                "\nThe build under way was stopped: every file in the output folder is as it "
                "was, or all new."
            )
    finally:
        interrupted.restore()
    terminal.final("Stopped watching.")


class _CtrlC(threading.Event):
    """Set by Ctrl-C (SIGINT), which still raises KeyboardInterrupt as Python's own handler
    does. Where Python drops that KeyboardInterrupt (it reports it as "Exception ignored"),
    it is not printed: the event says it. ``restore`` puts back what there was."""

    def __init__(self) -> None:
        super().__init__()
        self.previous: Any = None
        self.hook = sys.unraisablehook

    def __call__(self, signum: int, frame: Any) -> None:
        self.set()
        raise KeyboardInterrupt

    def dropped(self, unraisable: Any) -> None:
        if issubclass(unraisable.exc_type, KeyboardInterrupt):
            self.set()
            return
        self.hook(unraisable)

    def restore(self) -> None:
        sys.unraisablehook = self.hook
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)
            self.previous = None


def _remember_ctrl_c() -> _CtrlC:
    event = _CtrlC()
    sys.unraisablehook = event.dropped
    if threading.current_thread() is threading.main_thread():
        event.previous = signal.getsignal(signal.SIGINT)
        signal.signal(signal.SIGINT, event)
    return event


@main.command(short_help="Build, watch and show every output in the browser.")
@build_options
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=0,
    help="The port to serve on. Default: a free one.",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="The address to serve on. Only this computer can see the page unless you give "
    "another address.",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the browser.")
@click.option(
    "--quiet", "-q", is_flag=True, help="Print only errors, the address and each build's last line."
)
@_with(_colour_options)
def preview(
    jobs: int | None, project: Path, port: int, host: str, open_browser: bool, **values: Any
) -> None:
    """Build, then watch and show every output of every audience in the browser.

    Takes build's options, and builds what `build` would build with them (and the page,
    always). The page shows each output as thumbnails, what each audience gets module by
    module, what changed and any problem with its file and line; it updates after each
    save. Runs until Ctrl-C. A mistake in the options stops it at once, as it stops `build`.
    """
    from .serve import preview as serve_preview

    terminal = _terminal(values)
    with _stopped_by_sigterm():  # as Ctrl-C: a build under way undone, the page stopped
        serve_preview(
            project,
            _options(values),
            host=host,
            port=port,
            open_browser=open_browser,
            jobs=_jobs(jobs),
            terminal=terminal,
        )


def run() -> None:
    """The command as installed (``materials-gen``, ``python -m materials_gen``): :func:`main`,
    then a quick exit.

    A build leaves behind hundreds of thousands of objects (the course, the laid-out decks,
    fonts and their measurements), and Python's own shutdown frees each of them and tears
    down every imported module: about a tenth of a second a build, after the last file is
    written and the summary printed. So once the command is done, what must happen still
    happens (``atexit`` handlers, the output flushed) and the process then ends without
    that teardown, as mypy's command does. With another thread still running (a server, a
    watcher), a profiler or tracer that writes its findings once the run is over
    (``python -m cProfile -m materials_gen``), or ``python -i`` (its prompt after the
    command), the command leaves the usual way.
    """
    import atexit
    import threading

    try:
        main()  # standalone mode: Click always ends with SystemExit
        status: object = 0
    except SystemExit as exc:
        status = exc.code
    main_thread = threading.main_thread()
    running = any(t is not main_thread and not t.daemon for t in threading.enumerate())
    inspected = sys.flags.inspect or os.environ.get("PYTHONINSPECT")  # python -i: a prompt
    if running or inspected or sys.getprofile() is not None or sys.gettrace() is not None:
        raise SystemExit(status)
    code = _exit_status(status)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        if stream is None:  # no console (pythonw)
            continue
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`| head`): what Python's exit does
            code = code or 120
    os._exit(code)


def _exit_status(status: object) -> int:
    """The exit status SystemExit(status) gives (a text is printed and gives 1)."""
    if status is None:
        return 0
    if isinstance(status, int):
        return status & 0xFF  # what the system keeps of it
    if sys.stderr is not None:
        print(status, file=sys.stderr)
    return 1
