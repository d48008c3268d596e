"""A template from someone else cannot run code, read files, see other audiences or hang.

Templates are shared like documents (a colleague's kit, a template pack), so each test here
is an attack: the context is walked for anything that is not plain data, classic server-side
template injection payloads are run, and resource bombs must stop with a message naming the
template's file and line.
"""

from __future__ import annotations

import datetime as dt
import pickle
import re
import shutil
import time
import types
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from materials_gen import templating
from materials_gen.build import BuildOptions, context_of, intermediate, load_course, plan
from materials_gen.cli import main
from materials_gen.context import VALUE_TYPES, Record
from materials_gen.errors import ContentError
from materials_gen.roster import read_roster

from .conftest import KIT_CLINICAL_ONLY, REPO, edit

ROSTER = (
    "name,audience,trainer,date\nAda Lovelace,,Grace Hopper,2026-11-20\n"
    "Alan Turing,clinical,,2026-11-20\n"
)

# Text only clinical providers may see in the minimal project, one for each way of limiting
# content (list entry, variant, fence, support entry, table row and cell, activity, question,
# module, audience description).
MINIMAL_CLINICAL_ONLY = [
    "Plan a clinical room layout",
    "Seat the client nearest the door",
    "Room layout is part of the treatment frame",
    "Therapy rooms need a clear exit path",
    "Book a supervision slot",
    "Weekly case review",
    "Exposure therapy protocols",
    "People who provide treatment",
    "Debrief a clinical case",
    "Which grounding technique fits a dissociating client",
    "Clinical rooms checklist",
]


def _clinical_extras(project: Path) -> None:
    """Add a clinical-only activity, question and module to the minimal project."""
    edit(
        project / "content" / "modules" / "practice.md",
        "activities:\n",
        "questions:\n"
        "  - question: Which grounding technique fits a dissociating client?\n"
        "    options: [Five senses, Silence]\n"
        "    answer: a\n"
        "    audience: clinical\n"
        "activities:\n"
        "  - title: Debrief a clinical case\n"
        "    duration: 5\n"
        "    audience: clinical\n",
    )
    (project / "content" / "modules" / "clinical-rooms.md").write_text(
        "---\ntitle: Clinical rooms checklist\naudience: clinical\nduration: 5\n---\n\nText.\n",
        encoding="utf-8",
    )
    course = project / "content" / "course.yaml"
    edit(course, "  - practice\n", "  - practice\n  - clinical-rooms\n")


def _contexts(project: Path, tmp_path: Path, audience: str) -> list[tuple[str, dict[str, Any]]]:
    """The context of every output kind the build makes for ``audience``, as the build makes it."""
    course, _ = load_course(project)
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    attendees = read_roster(roster, [a.id for a in course.audiences], "roster.csv")
    targets = plan(course, BuildOptions(audiences=(audience,)), attendees)
    assert {t.kind.name for t in targets} >= {"handout", "deck", "guide", "certificates", "poster"}
    paper = course.settings.paper
    return [
        (t.kind.name, context_of(project, course, t, paper, attendees=attendees)) for t in targets
    ]


def _walk(value: Any, path: str, seen: list[tuple[str, Any]]) -> None:
    seen.append((path, value))
    if isinstance(value, Record):
        for key, child in value.items():
            _walk(child, f"{path}.{key}", seen)
    elif isinstance(value, tuple):
        for n, child in enumerate(value):
            _walk(child, f"{path}[{n}]", seen)


# What a template can call on the data (everything else reachable is a plain value).
MAPPING_METHODS = {"get", "keys", "items", "values"}
DANGEROUS = {"parse_raw", "parse_file", "parse_obj", "model_validate_json", "model_construct"}


@pytest.mark.parametrize("audience", ["all-staff", "clinical"])
def test_every_context_is_plain_data_of_one_audience(
    project: Path, tmp_path: Path, audience: str
) -> None:
    _clinical_extras(project)
    env = templating.environment(project)
    for kind, variables in _contexts(project, tmp_path, audience):
        seen: list[tuple[str, Any]] = []
        for name, value in variables.items():
            _walk(value, name, seen)
        for path, value in seen:
            if path in ("_", "_n"):  # the labels: plain functions, nothing to reach through
                assert isinstance(value, types.FunctionType), path
                assert not [a for a in dir(value) if not a.startswith("_")], path
                continue
            assert isinstance(value, (Record, tuple, *VALUE_TYPES)), f"{kind}: {path} is {value!r}"
            for attribute in dir(value):
                reached = env.getattr(value, attribute)
                if attribute.startswith("_") or not callable(reached):
                    continue
                assert attribute not in DANGEROUS
                if isinstance(value, Record):
                    assert attribute in MAPPING_METHODS, f"{kind}: {path}.{attribute}"
                else:  # a method of str, int, tuple, date...: bound to a built-in value
                    owner = getattr(reached, "__self__", None)
                    assert type(owner).__module__ in ("builtins", "datetime"), (path, attribute)
        audiences = variables["course"]["audiences"]
        assert [a["id"] for a in audiences] == [audience]
        text = repr(variables)
        for words in MINIMAL_CLINICAL_ONLY:
            assert (words in text) == (audience == "clinical"), f"{kind}: {words!r}"


def test_kit_all_staff_contexts_hold_no_clinical_text(tmp_path: Path) -> None:
    for kind, variables in _contexts(REPO, tmp_path, "all-staff"):
        text = repr(variables).lower()
        for words in KIT_CLINICAL_ONLY:
            assert words.lower() not in text, f"{kind}: {words!r}"
        assert "clinical providers receive everything" not in text


def test_a_template_looping_over_audiences_sees_only_its_own(project: Path) -> None:
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates" / "handout.md.j2").write_text(
        "{% for a in course.audiences %}{{ a.name }}: {{ a.description }}\n{% endfor %}",
        encoding="utf-8",
    )
    course, _ = load_course(project)
    (target,) = plan(course, BuildOptions(audiences=("all-staff",), kinds=("handout",)))
    assert intermediate(project, course, target, "a4") == "All staff: Everyone who works here.\n"


# ---------------------------------------------------------------- injection payloads


def _canary(tmp_path: Path) -> tuple[Path, Path]:
    secret = tmp_path / "outside" / "secret.json"
    secret.parent.mkdir()
    secret.write_text('{"title": "CANARY-SECRET"}', encoding="utf-8")
    return secret, tmp_path / "outside" / "pwned"


class _Touch:
    """Unpickling this runs a command that creates a file (what an attacker would send)."""

    def __init__(self, path: Path):
        self.path = path

    def __reduce__(self):
        return (Path.touch, (self.path,))


PAYLOADS = [
    "{{ course.parse_raw(PICKLE, content_type='application/pickle', allow_pickle=True) }}",
    "{{ course.parse_file(SECRET) }}",
    "{{ audience.parse_file(SECRET) }}",
    "{{ course.modules[0].parse_file(SECRET) }}",
    "{{ course.model_validate_json(SECRET) }}",
    "{{ course.copy() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ course.__class__.__init__.__globals__ }}",
    "{{ course.modules.__class__.__base__ }}",
    "{{ course._fields }}",
    "{{ cycler.__init__.__globals__.os.popen('touch ' ~ PWNED).read() }}",
    "{{ joiner.__init__.__globals__ }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ lipsum.__globals__['os'].popen('touch ' ~ PWNED).read() }}",
    "{{ self.__init__.__globals__ }}",
    "{{ self._TemplateReference__context }}",
    "{{ range.__self__ }}",
    "{{ course.get.__self__ }}",
    "{{ '{0.__class__.__init__.__globals__}'.format(course) }}",
    "{{ '{0._fields}'.format_map({'a': course}) }}",
    "{{ '%s' % course.__class__ }}",
    "{{ '%s' | format(course.__class__) }}",
    "{{ course | attr('__class__') }}",
    "{{ (course | attr('parse_file'))(SECRET) }}",
    "{% set x = course.modules.__setitem__(0, 1) %}",
    "{{ dict(a=1).update(b=2) }}",
    "{{ config }}{{ request }}",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_injection_payloads_run_nothing_and_read_nothing(
    project: Path, tmp_path: Path, payload: str
) -> None:
    secret, pwned = _canary(tmp_path)
    source = (
        payload.replace("PICKLE", repr(pickle.dumps(_Touch(pwned))))
        .replace("SECRET", repr(str(secret)))
        .replace("PWNED", repr(str(pwned)))
    )
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates" / "poster.md.j2").write_text(f"---\n---\n\n{source}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--project", str(project)])
    assert "Traceback" not in result.output
    assert not pwned.exists(), "the template ran a command"
    assert "CANARY-SECRET" not in result.output, "the template read a file outside the project"
    course, _ = load_course(project)
    (target,) = plan(course, BuildOptions(audiences=("all-staff",), kinds=("poster",)))
    try:
        text = intermediate(project, course, target, "a4")
    except ContentError as exc:
        (problem,) = exc.problems
        assert str(problem.location).startswith("templates/poster.md.j2")
        text = problem.message
    assert "CANARY-SECRET" not in text and "<function" not in text and "module" not in text
    assert not pwned.exists()


# ---------------------------------------------------------------- resource limits


LIMITS = {
    "recursive macro": ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", "itself"),
    "huge format width": ("{{ '{:>99999999999}'.format(1) }}", "format field"),
    "width from a value": ("{{ '{:{}}'.format(1, 10**10) }}", "width from a value"),
    "huge percent width": ("{{ '%099999999999d' % 1 }}", "'%' format field"),
    "percent star": ("{{ '%*d' % (10**10, 1) }}", "'*'"),
    "format filter": ("{{ '%99999999999s' | format('x') }}", "'%' format field"),
    "center": ("{{ 'x' | center(10**11) }}", "center()"),
    "indent": ("{{ 'x\\ny' | indent(10**11) }}", "indent()"),
    "repeat text": ("{{ 'a' * 10**12 }}", "repeating"),
    "repeat list": ("{{ [1, 2] * 10**12 }}", "repeating"),
    "power": ("{{ 9 ** (10 ** 9) }}", "too large a number"),
    "replace": ("{{ ('a' * 100000) | replace('a', 'a' * 1000) }}", "replace()"),
    "range": (
        "{% for i in range(10**9) %}{% endfor %}",
        "asks for a range of more numbers than a template may make (100,000)",
    ),
    "doubling": (
        "{% macro d(s, n) %}{{ d(s ~ s, n - 1) if n else s | length }}{% endmacro %}"
        "{{ d('a', 60) }}",
        "joining texts with '~'",
    ),
    "nested loops": (
        "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
        "seconds",
    ),
    # worked out while compiling (a constant): the limit raised there was taken for "not
    # constant" and swallowed, and the expression then ran for ever; now min() reads what
    # it is given within its own limit
    "constant worked out while compiling": (
        "{{ [1] | slice(100000000000) | min }}",
        "lists or places",
    ),
    # filters whose result grows with an argument: sized before they run
    "wordwrap's separator": (
        "{{ ('a ' * 55) | wordwrap(1, wrapstring='y' * 9000000) | length }}",
        "wordwrap()",
    ),
    "urlize's target": (
        "{{ ('http://a.co ' * 50) | urlize(target='y' * 9000000) | length }}",
        "urlize()",
    ),
    "urlize's rel": ("{{ ('a@b.co ' * 50) | urlize(rel='y' * 9000000) | length }}", "urlize()"),
    "batch's filling": ("{{ [1] | batch(9000000000, 'x') | first | length }}", "batch("),
    "slice's lists": ("{{ [1] | slice(9000000000) | list | length }}", "slice("),
    # one step of Python's own, which no alarm interrupts: sized before it runs
    "in through nested lists": (
        "{% set L = [1] * 1000000 %}{{ [2] in [L] * 100000 }}",
        "compare, sort or search",
    ),
    "comparing nested lists": (
        "{% set L = [1] * 1000000 %}{{ [L] * 100000 == [L] * 100000 }}",
        "compare, sort or search",
    ),
    "sorting nested lists": (
        "{% set L = [1] * 1000000 %}{{ ([L] * 100000) | sort | length }}",
        "compare, sort or search",
    ),
    "a list's count": (
        "{% set L = [1] * 1000000 %}{{ ([L] * 100000).count([2]) }}",
        "compare, sort or search",
    ),
    "select in": (
        "{% set L = [1] * 1000000 %}{{ [[2]] | select('in', [L] * 100000) | list }}",
        "compare, sort or search",
    ),
    "sum of lists": ("{{ [[1], [2]] | sum(start=[]) | length }}", "numbers only"),
    "endless output": (
        "{% for a in range(100000) %}{% for b in range(1000) %}{{ 'x' * 1000 }}"
        "{% endfor %}{% endfor %}",
        "more than",
    ),
}


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_builds_templates_together_have_a_time_limit(
    project: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """Each template within its own limit, 300 audiences kept a build running for hours: a
    build's (or check's) templates together stop at TOTAL_SECONDS, with the template and
    line where the time ran out."""
    monkeypatch.setattr(templating, "TOTAL_SECONDS", 1)
    monkeypatch.setattr(templating, "SECONDS", 30)  # each template's own: never reached
    loop = "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates" / "poster.md.j2").write_text(f"---\n---\n\n\n{loop}\n", "utf-8")
    started = time.monotonic()
    result = CliRunner().invoke(main, [command, "--project", str(project)])
    assert time.monotonic() - started < 20
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "templates/poster.md.j2:5" in result.output, result.output
    assert (
        "the templates of this build ran for more than 1 seconds in all (for every audience, "
        "language and output together)" in " ".join(result.output.split())
    ), result.output
    assert not (project / "output").exists()


def _seconds(name: str, expected: str) -> int:
    """The time limit a case runs under: a second, where its own limit comes first; more
    for the memory case, and for a case sized as it is read (a million items read take
    most of a second on a busy machine, and an alarm that rings inside a test library's
    garbage-collection hook is lost there)."""
    if expected == "memory":
        return 20
    return 10 if name == "constant worked out while compiling" else 1


@pytest.mark.parametrize("name", LIMITS)
def test_resource_bombs_stop_with_the_template_and_line(
    project: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    body, expected = LIMITS[name]
    # the memory case gets time to reach its limit even on a busy machine; the others stop
    # on their own limit long before a second
    monkeypatch.setattr(templating, "SECONDS", _seconds(name, expected))
    monkeypatch.setattr(templating, "MEMORY", 256 * 1024**2)
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates" / "poster.md.j2").write_text(f"---\n---\n\n\n{body}\n", encoding="utf-8")
    output = project / "output"
    result = CliRunner().invoke(main, ["build", "--project", str(project), "-o", str(output)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "templates/poster.md.j2" in result.output
    assert any(e in result.output for e in expected.split(" | ")), result.output
    # at its line (a macro calling itself: the call; endless output: the line writing it),
    # but for what is worked out while compiling (no line runs yet)
    if name != "constant worked out while compiling":
        assert "templates/poster.md.j2:5" in result.output, result.output
    assert not [p for p in output.rglob("*") if p.suffix in (".pdf", ".pptx")]


@pytest.mark.parametrize(
    "body", ["{{ 'abc'[::0] }}", "{{ '%c' % 1000000000 }}", "{{ 10 // (1 - 1) }}"]
)
def test_a_computation_that_fails_is_told_to_be_checked_not_blamed_on_the_content(
    project: Path, body: str
) -> None:
    """A step of 0, a character code too large, a division by zero: the hint said a value
    of the content may be missing, when the line's own computation is what failed."""
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates" / "poster.md.j2").write_text(f"---\n---\n\n{body}\n", "utf-8")
    result = CliRunner().invoke(main, ["build", "-p", str(project), "--only", "poster"])
    said = " ".join(result.output.split())
    assert result.exit_code == 1 and "Traceback" not in said, said
    assert "templates/poster.md.j2:4: error: the template failed:" in said
    assert "hint: check what this line computes with" in said
    assert "may be missing in the content" not in said


def test_templates_that_include_each_other_are_told_at_an_include_line(project: Path) -> None:
    """Two templates that include each other stopped naming the output's template alone:
    the include line of one of them, where the loop is, is named."""
    templates = project / "templates"
    templates.mkdir(exist_ok=True)
    (templates / "poster.md.j2").write_text('---\n---\n\n{% include "a.md.j2" %}\n')
    (templates / "a.md.j2").write_text('A\n{% include "b.md.j2" %}\n')
    (templates / "b.md.j2").write_text('B\n\n{% include "a.md.j2" %}\n')
    result = CliRunner().invoke(main, ["build", "-p", str(project), "--only", "poster"])
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    assert "calls itself without end" in result.output
    assert re.search(r"templates/(a\.md\.j2:2|b\.md\.j2:3): error", result.output), result.output


@pytest.mark.parametrize("name", ["nested loops", "constant worked out while compiling"])
def test_a_template_is_timed_where_the_system_has_no_alarm_signal(
    project: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """Windows has no SIGALRM: the time limit was none at all, and an endless template hung
    the build. A timer thread interrupts it there; the build's own Ctrl-C still aborts."""
    import signal

    monkeypatch.delattr(signal, "setitimer")
    body, expected = LIMITS[name]
    monkeypatch.setattr(templating, "SECONDS", _seconds(name, expected))
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates" / "poster.md.j2").write_text(f"---\n---\n\n\n{body}\n", "utf-8")
    args = ["build", "--project", str(project), "--only", "poster", "-a", "all-staff", "-j", "1"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    assert "templates/poster.md.j2" in result.output
    assert any(e in result.output for e in expected.split(" | ")), result.output
    # a template within its time is untouched by the timer, later
    (project / "templates" / "poster.md.j2").unlink()
    result = CliRunner().invoke(main, args)
    time.sleep(1.5)  # past the limit: a timer left running would interrupt here
    assert result.exit_code == 0, result.output
    # nor after a template that fails at once (the timer was stopped only when it ended
    # well, and interrupted whatever ran a second later)
    (project / "templates" / "poster.md.j2").write_text("{{ course.nothing.here }}", "utf-8")
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1 and "nothing" in result.output, result.output
    time.sleep(1.5)


def test_a_percent_format_counts_each_field_as_the_value_it_takes(project: Path) -> None:
    """The limit on '%' counted every field as the whole mapping (or the longest value):
    six short fields of a row that also holds a long text were refused."""
    body = (
        "{% set row = {'name': 'Ana', 'notes': 'x' * 2000000} %}"
        "{{ ('%(name)s ' * 6) % row }} {{ ('%s and %s' % ('y' * 6000000, 'z')) | length }}"
    )
    (project / "templates").mkdir(exist_ok=True)
    poster = f"---\n---\n\n::: panel\n{body}\n:::\n"  # (a panel's text: printed)
    (project / "templates" / "poster.md.j2").write_text(poster, "utf-8")
    args = ["build", "-p", str(project), "--only", "poster", "-a", "all-staff"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output


def poster_markdown(project: Path, body: str) -> str:
    """The Markdown a poster template of ``body`` (after an empty front matter) writes."""
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates" / "poster.md.j2").write_text(f"---\n---\n\n{body}", "utf-8")
    course, _ = load_course(project)
    (target,) = plan(course, BuildOptions(audiences=("all-staff",), kinds=("poster",)))
    return intermediate(project, course, target, "a4")


def test_limits_leave_ordinary_templates_alone(project: Path) -> None:
    text = poster_markdown(
        project,
        "{{ '%.2f' | format(1.5) }} {{ '{:>6}'.format('ok') }} {{ '-' * 20 }} "
        "{{ 2 ** 10 }} {{ 'ab' | center(6) }} {{ course.title | replace('Safe', 'Calm') }} "
        "{{ course.date.year }} {{ 'one two three' | wordwrap(7, wrapstring='/') }} "
        "{{ 'see https://example.org' | urlize(target='_blank') }} "
        "{{ [1, 2, 3] | batch(2, 0) | list }} {{ [1, 2, 3] | slice(2) | list }}\n",
    )
    assert text.endswith(
        "1.50     ok -------------------- 1024   ab   Calm Rooms 2025 one two/three see "
        '<a href="https://example.org" rel="noopener" target="_blank">https://example.org</a> '
        "[[1, 2], [3, 0]] [[1, 2], [3]]\n"
    ), text


def test_random_and_lipsum_are_gone_for_byte_identical_rebuilds(project: Path) -> None:
    env = templating.environment(project)
    assert "random" not in env.filters and "lipsum" not in env.globals
    assert set(env.globals) == {"range", "dict", "cycler", "joiner", "namespace"}


def refused_poster(project: Path, body: str) -> str:
    """The output of a poster build whose template is ``body`` (after an empty front
    matter, from line 4), refused with the template's line and no traceback."""
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates" / "poster.md.j2").write_text(f"---\n---\n\n{body}\n", "utf-8")
    args = ["build", "-p", str(project), "--only", "poster", "-a", "all-staff"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    assert "templates/poster.md.j2:4" in result.output, result.output
    return result.output


SEQUENCE = "a sequence not yet made a list (what map, select or reverse give)"


@pytest.mark.parametrize(
    ("written", "named"),
    [
        ("cycler(1)", "a Cycler"),
        ("joiner()", "a Joiner"),
        ("_", "the function gettext"),
        ("course.date.strftime", "the method strftime"),
        ("'See ' ~ cycler(1)", "a Cycler"),
        ("cycler(1) | string", "a Cycler"),
        # made text and cut, so that only where it is in memory is left
        ("(cycler(1) | string)[-15:-1]", "a Cycler"),
        ("(cycler(1) ~ '')[-15:-1]", "a Cycler"),
        ("('%s' % cycler(1))[-15:-1]", "a Cycler"),
        ("'{}'.format(course.title.upper)[-15:-1]", "the method upper"),
        ("([cycler(1)] | join)[-15:-1]", "a Cycler"),
        ("joiner() | truncate(40)", "a Joiner"),
        ("[[course.title.upper]] | first | string", "the method upper"),
        ("[[[[[[cycler(1)]]]]]] | truncate(60)", "a Cycler"),  # deeper than it looks through
        ("{'a': {'b': {'c': {'d': {'e': [joiner()]}}}}} | string", "a Joiner"),
        # filled into a label, or a sequence a filter gives one by one, made text
        ("(_('{x}', x=cycler(1)))[-13:-1]", "a Cycler"),
        ("(_n('{x}', '{x}', 2, x=joiner()))[-13:-1]", "a Joiner"),
        ("([1] | map('upper') | string)[-13:-1]", SEQUENCE),
        ("('%s' % ([1] | map('upper')))[-13:-1]", SEQUENCE),
        ("('{}'.format([1] | select))[-13:-1]", SEQUENCE),
        ("((range(3) | batch(2)) | string)[-13:-1]", SEQUENCE),
        ("([1] | map('upper') | pprint)[-13:-1]", SEQUENCE),
        ("('%s' | format([1] | reject))[-13:-1]", SEQUENCE),
        ("([[1] | map('upper')] | join)[-13:-1]", SEQUENCE),
        ("([1] | map('upper') | e)[-13:-1]", SEQUENCE),
        ("([1, 2] | reverse | string)[-13:-1]", SEQUENCE),
        ("([1, 1] | unique | list | first | string) ~ ([1] | slice(1) | string)", SEQUENCE),
    ],
)
def test_an_object_with_no_text_is_named_not_printed_where_it_is_in_memory(
    project: Path, written: str, named: str
) -> None:
    """A template writing a cycler, or a function it forgot to call, printed
    "<jinja2.utils.Cycler object at 0x7f...>": where it was in memory, other bytes on every
    build (and a detail of the machine in a file shared onward)."""
    said = refused_poster(project, f"{{{{ {written} }}}}")
    assert f"the template writes {named}, which has no text to print" in said
    assert " at 0x" not in said


def test_sequences_filters_give_one_by_one_still_join_list_and_count(project: Path) -> None:
    """What map, select and reverse give is refused only where it would be made text
    itself: joined, listed, counted, looped over or reversed, it is read item by item."""
    text = poster_markdown(
        project,
        "{{ ['a', 'b'] | map('upper') | join(', ') }}|{{ [3, 1, 2] | select('odd') | list }}|"
        "{{ ['x', 'y'] | reverse | join }}|{{ [1, 2, 3] | reject('odd') | list | length }}|"
        "{% for p in [1, 2, 3, 4] | batch(2) %}{{ p | join('+') }};{% endfor %}|"
        "{{ _('{names}', names=['a', 'b'] | map('upper') | join(' & ')) }}",
    )
    assert text.strip().splitlines()[-1] == "A, B|[3, 1]|yx|1|1+2;3+4;|A & B", text


@pytest.mark.parametrize(
    "written",
    [
        "course.date.strftime('%s')",  # seconds since 1970, in the machine's time zone
        "'{:%s}'.format(course.date)",
        "course.date.strftime('%z%Z')",
        "course.date.strftime(format='%c')",  # the machine's way of writing a date
        "course.date.strftime('%-d')",  # a flag not every system has
    ],
)
def test_a_date_is_written_the_same_on_every_machine(project: Path, written: str) -> None:
    """A template wrote the builder's time zone into a handout (and other bytes in each)."""
    assert "a date's format may not use" in refused_poster(project, f"{{{{ {written} }}}}")


def test_a_date_formatted_the_usual_ways_still_works(project: Path) -> None:
    text = poster_markdown(
        project,
        "{{ course.date.strftime('%A %d %B %Y, %H:%M') }} "
        "{{ '{:%d/%m/%y}'.format(course.date) }} {{ '{:.0%}'.format(0.5) }}\n",
    )
    assert text.endswith("Tuesday 04 March 2025, 00:00 04/03/25 50%\n")


def test_dates_stay_dates(project: Path, tmp_path: Path) -> None:
    variables = dict(_contexts(project, tmp_path, "all-staff"))["handout"]
    assert variables["course"]["date"] == dt.date(2025, 3, 4)


@pytest.mark.parametrize(
    ("picture", "expected"),
    [
        ("content/images/fake.png", "not a picture"),
        ("../outside.png", "outside the project"),
        ("content/images/linked.png", "outside the project"),
    ],
)
def test_pictures_a_template_shows_get_the_content_checks(
    project: Path, tmp_path: Path, picture: str, expected: str
) -> None:
    """A picture named by a template (not a module body) is checked before it is read."""
    (project / "content" / "images" / "fake.png").write_text("not a PNG", encoding="utf-8")
    shutil.copyfile(project / "content" / "images" / "room.png", tmp_path / "outside.png")
    (project / "content" / "images" / "linked.png").symlink_to(tmp_path / "outside.png")
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates" / "poster.md.j2").write_text(
        f"---\n---\n\n![A picture]({picture})\n", encoding="utf-8"
    )
    result = CliRunner().invoke(
        main, ["build", "--project", str(project), "-o", str(tmp_path / "o")]
    )
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert f"picture '{picture}'" in result.output and expected in result.output
    assert "poster.md.j2" in result.output


def test_a_template_that_writes_what_no_builtin_writes_still_builds(
    project: Path, tmp_path: Path
) -> None:
    """No title-page facts and a heading taller than a page: laid out, never a traceback."""
    words = " ".join(["Supercalifragilistic"] * 600)
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates" / "handout.md.j2").write_text(
        f"---\ntitle: Own\n---\n\n# {words}\n\nAfter the heading.\n\n# Next part\n\nMore.\n",
        encoding="utf-8",
    )
    out = tmp_path / "o"
    result = CliRunner().invoke(
        main, ["build", "-p", str(project), "-o", str(out), "--only", "handout", "-j", "1"]
    )
    assert result.exit_code == 0, result.output
    from pypdf import PdfReader

    reader = PdfReader(str(out / "all-staff" / "safe-rooms-all-staff-handout.pdf"))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert text.count("Supercalifragilistic") == 600 and "After the heading." in text
    assert len(reader.pages) > 3
    # one bookmark for the long heading (not one per page it runs over), one for the next
    assert [o.title.split()[0] for o in reader.outline] == ["Supercalifragilistic", "Next"]


_LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True)
)
FRONT_MATTER_BOMBS = {
    "deep nesting": (
        "".join(" " * (2 * n) + "a:\n" for n in range(60)) + " " * 120 + "b\n",
        "nested more than",
    ),
    "billion laughs": (_LAUGHS, "values"),
    "python tag": ("x: !!python/object/apply:os.system ['touch pwned']\n", "tag"),
}


@pytest.mark.parametrize("name", FRONT_MATTER_BOMBS)
def test_the_front_matter_a_template_writes_is_read_as_content_is(project: Path, name: str) -> None:
    """A template's front matter gets the same limits as content YAML: nested thousands deep
    it crashed the build with a RecursionError; aliases and tags are refused at their line."""
    front, expected = FRONT_MATTER_BOMBS[name]
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates" / "poster.md.j2").write_text(f"---\n{front}---\n\nText\n", "utf-8")
    output = project / "output"
    args = ["build", "--project", str(project), "-o", str(output), "--only", "poster"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and not isinstance(result.exception, RecursionError)
    assert "front matter the template wrote" in result.output and expected in result.output
    assert not (project / "pwned").exists()


def test_a_template_that_writes_a_million_paragraphs_stops_before_laying_them_out(
    project: Path,
) -> None:
    """Six lines of template within every other limit wrote 9 MB of short paragraphs: the
    handout took six minutes and 6 GB to lay out 33,000 pages. The document's size (here
    180,000 paragraphs) stops it at once, counted before Markdown reads it, naming it."""
    import time

    from materials_gen.document import MAX_DOCUMENT_PARTS

    (project / "templates").mkdir(exist_ok=True)
    (project / "templates" / "handout.md.j2").write_text(
        "---\ntitle: x\n---\n{% for j in range(2) %}{% for i in range(90000) %}\np{{ i }}\n\n"
        "{% endfor %}{% endfor %}\n",
        encoding="utf-8",
    )
    started = time.monotonic()
    args = ["build", "-p", str(project), "--only", "handout", "-a", "all-staff", "-j", "1"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    assert "intermediate handout for all-staff" in result.output
    most = f"{MAX_DOCUMENT_PARTS:,}"
    assert f"has more than {most} parts" in result.output and f"at most {most}" in result.output
    assert time.monotonic() - started < 60


def test_a_handout_past_its_page_limit_stops(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from materials_gen.render import handout

    monkeypatch.setattr(handout, "MAX_PAGES", 3)
    args = ["build", "-p", str(project), "--only", "handout", "-a", "all-staff", "-j", "1"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1 and "runs past 3 pages" in result.output, result.output


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("{{ ('x' * 9000000 ~ 'y' * 9000000) | length }}", "joining texts with '~'"),
        ("{{ 'x'.center(900000000) | length }}", "center()"),
        ("{{ 'x'.zfill(900000000) | length }}", "zfill()"),
        ("{{ 'x'.ljust(900000000) | length }}", "ljust()"),
        ("{{ ('%(a(b))0900000000d' % {'a(b)': 1}) | length }}", "'%' format field"),
        ("{{ ('ab' * 4000000).replace('a', 'aaaa') | length }}", "replace()"),
        ("{{ ('x' * 1000).join(['y'] * 20000) | length }}", "join()"),
        ("{{ (['x' * 9000000] * 100) | join | length }}", "the join filter"),
        ("{{ (['x' * 9000000] * 100) | listed('zh') | length }}", "the listed filter"),
        ("{{ (['a'] * 1000) | join('x' * 9000000) | length }}", "the join filter"),
        ("{{ (['x' * 9000000] * 100) | map('upper') | join | length }}", "the join filter"),
        ("{{ (['x' * 9000000] * 100) | string | length }}", "the string filter"),
        ("{{ (['x' * 9000000] * 100) | pprint | length }}", "the pprint filter"),
        ("{{ (['x' * 9000000] * 100) | tojson | length }}", "the tojson filter"),
        # an indent writes itself on every line, at every depth: 200 million characters
        ("{{ [range(100000) | list] | tojson(indent=1000) | length }}", "the tojson filter"),
        ("{{ [[[range(50000) | list]]] | tojson(300) | length }}", "the tojson filter"),
        ("{{ [1] | tojson(indent=10000000) | length }}", "tojson's indent is 10,000,000 wide"),
        ("{{ ([{'a': 'x' * 9000000}] * 100) | json | length }}", "the json filter"),
        ("{{ ['x' * 9000000] * 100 }}", "writing a list or mapping"),
        ("{{ ('\\n' * 9000000) | indent(1000) | length }}", "indent()"),
        ("{{ _('{a}' * 100, a='x' * 9000000) | length }}", "filling a label's {names}"),
        ("{{ _n('{a}', '{a}' * 100, 2, a='x' * 9000000) | length }}", "filling a label's"),
        ("{{ ('{0:>999}' * 1000000).format(1) | length }}", "a format would make"),
        ("{{ ('{0}' * 100).format('x' * 9000000) | length }}", "a format would make"),
        ("{{ (('%s' * 100) % (('x' * 9000000,) * 100)) | length }}", "a '%' format would"),
        ("{{ ('%s' * 100) | format(*(('x' * 9000000,) * 100)) | length }}", "a '%' format"),
        ("{{ (('%(a)s' * 100) % {'a': 'x' * 9000000}) | length }}", "a '%' format would"),
        ("{{ ('x' * 1000000).translate({120: 'y' * 900}) | length }}", "translate()"),
        ("{{ course.date.strftime('%999Y' * 100000) | length }}", "a date's format"),
        ("{{ ('x'.encode() * 900000000) | length }}", "'encode'"),
        # a module's or the course's record, counted as a few characters, filled a step
        # 5 to 26 times over the limit (143 to 259 million characters)
        ("{{ ('{body}' * 100000).format_map(course.modules[0]) | length }}", "a format would"),
        ("{{ ('{0[body]}' * 100000).format(course.modules[0]) | length }}", "a format would"),
        ("{{ _('{a}' * 10000, a=course.modules[0]) | length }}", "filling a label's"),
        ("{{ (('%s' * 10000) % ((course.modules[0],) * 10000)) | length }}", "a '%' format"),
        ("{{ ([course] * 100000) | join | length }}", "the join filter"),
        ("{{ ([course] * 100000) | string | length }}", "the string filter"),
        ("{{ ([course.modules[0].values()] * 100000) | string | length }}", "the string"),
        # a text's join() of what is not a list, a translate() table that is a list
        ("{{ ('y' * 9000000).join(range(20) | map('string')) | length }}", "join()"),
        ("{{ ('y' * 9000000).join({'a': '1', 'b': '2', 'c': '3'}.values()) | length }}", "join()"),
        ("{{ ('y' * 1000000).translate([''] * 121 + ['z' * 100]) | length }}", "translate()"),
        ("{{ ('y' * 1000000).translate(course.modules[0]) | length }}", "translate()"),
        ("{{ 'y'.translate(cycler(1, 2)) }}", "translate() takes a dict or a list"),
    ],
    ids=[
        "tilde",
        "center",
        "zfill",
        "ljust",
        "nested-key",
        "replace-method",
        "join",
        "join-filter",
        "listed-filter",
        "join-separator",
        "join-generator",
        "string",
        "pprint",
        "tojson",
        "tojson-indent",
        "tojson-indent-deep",
        "tojson-indent-wide",
        "json",
        "written-list",
        "indent",
        "label",
        "plural-label",
        "format-widths",
        "format-values",
        "percent-values",
        "percent-filter",
        "percent-mapping",
        "translate",
        "strftime-widths",
        "bytes",
        "format-map-record",
        "format-record-item",
        "label-record",
        "percent-records",
        "join-filter-records",
        "string-records",
        "string-record-values",
        "join-method-map",
        "join-method-values",
        "translate-list",
        "translate-record",
        "translate-other",
    ],
)
def test_every_way_to_make_a_huge_text_in_one_step_is_limited(
    project: Path, body: str, expected: str
) -> None:
    """Each of these made 900 million characters (about 930 MB) before the memory cap
    stopped it: the limit on one step did not see them."""
    assert expected in refused_poster(project, body)


def test_a_label_is_judged_by_the_translation_it_fills(project: Path) -> None:
    """The limit counted the {names} of the English message, not of the project catalog's
    translation that is filled: a translation naming the value more often made more."""
    locale = project / "templates" / "locale"
    locale.mkdir(parents=True)
    (locale / "en.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Tip: {a}"\nmsgstr "{a} {a} {a}"\n',
        encoding="utf-8",
    )
    body = "{{ _('Tip: {a}', a='x' * 4000000) | length }}"
    assert "filling a label's {names}" in refused_poster(project, body)


def test_ordinary_uses_of_those_steps_still_work(project: Path) -> None:
    text = poster_markdown(
        project,
        "{{ 'a' ~ 'b' ~ 3 }} {{ '%d%%' % 5 }} {{ ', '.join(['x', 'y']) }} "
        "{{ 'ab'.center(6) }}|{{ '7'.zfill(3) }} {{ '%(n)s' % {'n': 'k'} }}\n"
        "{{ ['a', 'b'] | join(', ') }} {{ [1, 2] | map('string') | join('-') }} "
        "{{ {'n': 1} | tojson }} {{ [1, 'a'] }} {{ 'a\nb' | indent(2) }}\n",
    )
    assert text.endswith("ab3 5% x, y   ab  |007 k\na, b 1-2 {\"n\": 1} [1, 'a'] a\n  b\n")


def test_ordinary_joins_formats_and_tables_of_records_still_work(project: Path) -> None:
    """The limits count a record by what writing it would make, and read a map given to a
    text's join() once, within the limit: ordinary uses give what they gave."""
    text = poster_markdown(
        project,
        "{{ ' / '.join(course.modules | map(attribute='id') | select('equalto', 'intro')) }}"
        " {{ '{title}'.format_map(course.modules[0]) }} {{ 'ab'.translate(['x'] * 98) }}"
        " {{ ', '.join({'k': 'v'}.values()) }} {{ 'ab'.translate('0123456789' * 10) }}\n",
    )
    assert text.endswith("intro Welcome to safe rooms xb v 78\n"), text[-200:]


def test_a_template_too_long_to_compile_quickly_is_refused(project: Path) -> None:
    """A 24 MB template of comments took 30 s to compile, outside the 5 s limit."""
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates" / "poster.md.j2").write_text(
        "---\n---\n" + "{# a comment #}\n" * 100_000, encoding="utf-8"
    )
    args = ["build", "-p", str(project), "--only", "poster", "-a", "all-staff"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    assert "templates/poster.md.j2" in result.output and "at most 1,000,000" in result.output


def test_a_huge_template_file_is_refused_without_being_read(project: Path) -> None:
    """A 3 GB template (sparse: nothing on disk) was read and decoded whole before its
    length was looked at: gigabytes of memory, then a traceback. Now its first million
    characters are read, no more; a link in templates/ that leads out of the project to a
    huge file is not read at all."""
    templates = project / "templates"
    templates.mkdir(exist_ok=True)
    with (templates / "handout.md.j2").open("wb") as huge:
        huge.truncate(3 * 2**30)
    outside = project.parent / "outside.md.j2"
    with outside.open("wb") as huge:
        huge.truncate(3 * 2**30)
    (templates / "poster.md.j2").symlink_to(outside)
    said = {}
    for output in ("handout", "poster"):
        args = ["build", "-p", str(project), "--only", output, "-a", "all-staff"]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 1 and "Traceback" not in result.output, result.output
        assert f"templates/{output}.md.j2" in result.output
        said[output] = result.output
    assert "is more than 1,000,000 characters long" in said["handout"]
    assert "is a link to a file outside the project's templates" in said["poster"]


@pytest.mark.parametrize("included", [False, True], ids=["itself", "included"])
def test_a_template_that_is_not_utf8_is_named_without_a_traceback(
    project: Path, included: bool
) -> None:
    templates = project / "templates"
    templates.mkdir(exist_ok=True)
    bad = templates / ("part.md.j2" if included else "poster.md.j2")
    bad.write_bytes(b"\xff\xfe Caf\xe9 poster\n")
    if included:
        (templates / "poster.md.j2").write_text('---\n---\n{% include "part.md.j2" %}\n')
    result = CliRunner().invoke(main, ["check", "-p", str(project)])
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    assert f"the template {bad.name} is not UTF-8 text" in result.output
    assert "templates/poster.md.j2" in result.output and "Save As" in result.output


def test_a_deck_template_making_thousands_of_slides_is_stopped(project: Path) -> None:
    """A six-line template made 80,000 slides within the template limits: a minute and
    3 GB for the deck, ten minutes and 8 GB for a build (printed slides and notes pages are
    views of the same slides: one limit holds all three)."""
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates" / "deck.md.j2").write_text(
        "---\ntitle: x\n---\n\n{% for i in range(6000) %}::::: {.slide .section}\n"
        "## Part {{ i }}\n:::::\n\n{% endfor %}\n",
        encoding="utf-8",
    )
    output = project / "output"
    result = CliRunner().invoke(
        main, ["build", "-p", str(project), "-o", str(output), "--only", "deck", "-a", "clinical"]
    )
    assert result.exit_code == 1, result.output
    assert "makes 6,000 slides, more than 5,000" in result.output
    assert not list(output.rglob("*.pptx"))


@pytest.mark.parametrize(
    "body",
    ["{{ " + "(" * 70 + "1" + ")" * 70 + " }}", "{% if x %}" * 400 + "a" + "{% endif %}" * 400],
)
def test_a_template_nested_too_deeply_is_named_by_every_command(project: Path, body: str) -> None:
    """A 150-byte template of nested parentheses ended check, build and show in a Python
    traceback: what a template reads was looked for before it was compiled, and that
    look was not held to the compiler's limits."""
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates" / "evaluation.md.j2").write_text(body, encoding="utf-8")
    show = ["show", "evaluation", "-a", "all-staff"]
    for command in (["check"], ["build", "--only", "evaluation"], show):
        result = CliRunner().invoke(main, [*command, "-p", str(project)])
        assert result.exit_code == 1, (command, result.output)
        assert (
            "Traceback" not in result.output
            and result.exception is None
            or isinstance(result.exception, SystemExit)
        ), (command, result.exception)
        assert (
            "templates/evaluation.md.j2: error: the template cannot be compiled: it is nested "
            "too deeply" in result.output
        ), (command, result.output)


def test_text_a_template_nests_past_the_page_width_is_told_in_words(project: Path) -> None:
    """A template writing 45 quotes one inside the other left its text no width: the build
    said "cannot be laid out (ValueError: not enough values to unpack ...)"."""
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates" / "evaluation.md.j2").write_text(
        "---\n---\n\n{{ '> ' * 45 }}Deep words\n", encoding="utf-8"
    )
    result = CliRunner().invoke(
        main, ["build", "-p", str(project), "--only", "evaluation", "-a", "all-staff"]
    )
    assert result.exit_code == 1, result.output
    assert "ValueError" not in result.output and "Traceback" not in result.output
    assert "text nested this deep" in result.output and "'Deep words'" in result.output


def test_six_columns_across_a_page_are_not_taken_for_nesting(project: Path) -> None:
    """Text nested past the page's width is refused; six columns side by side (each under
    an inch wide) are a week's form, laid out as before."""
    columns = "".join(f"::: column\n**Day {n}**\n\nYes / No\n:::\n\n" for n in range(1, 7))
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates" / "evaluation.md.j2").write_text(
        f"---\n---\n\n# Week\n\n:::: columns\n{columns}::::\n", encoding="utf-8"
    )
    result = CliRunner().invoke(
        main, ["build", "-p", str(project), "--only", "evaluation", "-a", "all-staff"]
    )
    assert result.exit_code == 0, result.output


def test_an_output_s_template_left_empty_is_told(project: Path) -> None:
    """An empty templates/handout.md.j2 replaced the built-in handout with a blank page, and
    check said OK. It is an error at the file; an empty partial, which may leave a part out
    on purpose, is not."""
    from click.testing import CliRunner

    from materials_gen.cli import main

    (project / "templates").mkdir(exist_ok=True)
    (project / "templates" / "handout.md.j2").write_text("\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "-p", str(project)], catch_exceptions=False)
    assert result.exit_code == 1
    assert "templates/handout.md.j2: error: the template handout.md.j2 is empty" in result.output
    (project / "templates" / "handout.md.j2").unlink()
    (project / "templates" / "_nothing.md.j2").write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "-p", str(project)], catch_exceptions=False)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("{{ 'abcdef' | truncate(2) }}", "the template failed"),  # Jinja's own assertion
        ("{{ 'x' | truncate(5, end='xxxxxx') }}", "the template failed"),
        ("{{ ('inf' | float) | int }}", "the template failed"),  # 'inf' folded into its code
        ("{{ ('nan' | float) | minutes }}", "the template failed"),
        ("{% include [none, 5] %}", "the template failed"),  # the loader given a list
        ("{% include '\\x00' %}", "template"),
        ("{{ '\\ud800' }}", "half of a character (U+D800"),
        ("{{ '%c' % 55296 }}", "half of a character (U+D800"),
    ],
)
def test_whatever_a_template_raises_is_told_at_its_line(
    project: Path, written: str, said: str
) -> None:
    """A shared template that made Jinja or Python raise what the build did not expect (an
    assertion inside a filter, a name missing from its compiled code, a loader given a
    list) printed a traceback; one that wrote half of a character passed check, then
    stopped show and build with a traceback."""
    output = refused_poster(project, written)
    assert said in output, output
    checked = CliRunner().invoke(main, ["check", "-p", str(project)])
    assert checked.exit_code == 1 and "templates/poster.md.j2:4" in checked.output


def test_a_cycler_of_nothing_is_told_at_its_line(project: Path) -> None:
    """cycler() with nothing to cycle through raised Python's RuntimeError, printed as a
    traceback."""
    assert "the template failed" in refused_poster(project, "{{ cycler() }}")


@pytest.mark.parametrize(
    "expression", ["course.get(1)", "course[1] is defined", "course.get(1, 'x')", "course.get(2.5)"]
)
def test_a_template_asking_for_a_field_by_a_number_builds(
    project: Path, tmp_path: Path, expression: str
) -> None:
    """``{{ course.get(1) }}`` at the top of a shared handout template: `check` said OK and
    `build` printed a traceback, the fields a template read being sorted with the number
    among their names. A number names no field: nothing is read, and the build goes on."""
    templates = project / "templates"
    templates.mkdir(exist_ok=True)
    own = (REPO / "templates" / "handout.md.j2").read_text(encoding="utf-8")
    (templates / "handout.md.j2").write_text(
        f"{{% set asked = ({expression}) %}}\n" + own, encoding="utf-8"
    )
    args = ["build", "-p", str(project), "-o", str(tmp_path / "o"), "--only", "handout"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("other", ["range", "joiner()"])
def test_an_object_with_no_text_is_refused_behind_a_view_judged_before(
    project: Path, other: str
) -> None:
    """A dict's items() made pairs that were judged, then freed: the next dict's pairs took
    their places in memory and were taken as judged already, so the object in them printed
    where it is in memory ("ge at 0x7f4dbe319ee0>")."""
    body = f"{{{{ ([{{'a': 1}}.items(), {{'b': {other}}}.items()] | string)[-25:-3] }}}}"
    said = refused_poster(project, body)
    assert "which has no text to print" in said


def test_a_build_whose_template_time_runs_out_as_a_template_starts_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With a few microseconds of the build's template time left, the alarm rang while the
    limits were being set, before they could tell it: ``check`` ended in a traceback of
    ``_OutOfTime`` (seen under a loaded CI machine). It is told as the time limit."""
    import time

    from materials_gen import templating

    monkeypatch.setattr(templating._Budget, "left", 1e-6)
    for _ in range(20):
        with pytest.raises(templating.TemplateLimit), templating._limits("templates/x.md.j2"):
            time.sleep(0.01)
        templating._Budget.left = 1e-6
