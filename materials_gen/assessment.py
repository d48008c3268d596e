"""Knowledge checks that measure learning: two parallel forms and what a reviewer checks.

The pre-test and the post-test are made once per audience from the tailored course (see
:func:`knowledge_checks`), and the forms and the answer key all print them:

- **Parallel forms.** Questions that test the same objective (``objective: 2``, the module's
  second objective) are shared out between the forms, alternately: with two or more items an
  objective is tested by different questions before and after, so the post-test does not
  reward remembering the pre-test. A question with no objective, or alone on its objective,
  is on both forms.
- **Options in a fixed order that spreads the right answers.** Each multiple-choice
  question's options are put in an order seeded by the course, the form and the question
  (the same on every build), choosing for its right answer the letter used least so far on
  the form, so that the answers are spread evenly over A, B, C, D. ``shuffle: false`` keeps a
  question's options as written, and so does an option that speaks of the others ("All of
  the above", "Both A and B": moved, it would speak of other options, or of itself).
- **The answer key follows each form**: its letters are the letters printed.

:func:`warnings` is what ``check`` says of the questions as written: true/false answers
leaning one way, objectives no question tests, questions tied to no objective (in a module
whose other questions are), fewer items on a form than ``settings: assessment:
minimum_items`` asks for, and right answers much longer or shorter than the options beside
them (a cue a test-wise reader uses).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .console import listed
from .errors import Location, Problem
from .load import RawProject
from .model import Course, Module, Question

LETTERS = "ABCDEFGH"
# a right answer this much longer than the mean of the other options (or this much shorter)
# stands out: test-wise readers pick the longest option
LONGER, SHORTER = 1.6, 0.5
# ...unless another option is about as long (within this factor): then it is not alone
ALIKE = 1.25
# true/false answers: warned when more than this share of them is the same (with 4 or more)
LEANING = 0.7


@dataclass(frozen=True)
class FormItem:
    """One question as a form prints it: its options in the printed order, its answer's
    letter on that form (or True / False)."""

    number: int
    question: str
    options: tuple[str, ...]
    correct: str
    explanation: str
    kind: str  # "multiple choice" or "true or false"
    module: str  # the module's title
    objective: int  # the module's objective it tests, as the module lists them; 0 for none
    module_id: str = ""  # where it is written: its module,
    index: int = 0  # and its place among the questions the audience has there (from 0)


@dataclass(frozen=True)
class KnowledgeChecks:
    """The two forms of one audience's knowledge check."""

    before: tuple[FormItem, ...]
    after: tuple[FormItem, ...]
    parallel: bool  # some objective is tested by different questions before and after


def knowledge_checks(course: Course, letters: Sequence[str] = LETTERS) -> KnowledgeChecks:
    """The pre-test and post-test of a tailored course (see the module's docstring), each
    answer's letter as the forms print it (``letters``: A to H in the course's language)."""
    seed = course.slug or course.title
    before: list[tuple[Module, Question]] = []
    after: list[tuple[Module, Question]] = []
    parallel = False
    # how many of each kind (multiple choice, true or false) each form has so far: the
    # forms are kept alike, so that a guess scores the same on both
    kinds: dict[str, list[int]] = {}
    for module in _modules(course):
        groups: dict[object, list[Question]] = {}
        for n, question in enumerate(module.questions):
            key = question.objective if question.objective else ("alone", n)
            groups.setdefault(key, []).append(question)
        for questions in groups.values():
            if len(questions) == 1:
                before.append((module, questions[0]))
                after.append((module, questions[0]))
                continue
            parallel = True
            here = [0, 0]  # this objective's items on each form: shared out evenly
            # a true-or-false statement by its answer too, and placed first, so that the
            # forms get as many false statements as each other (a module's question and
            # statement on one objective sent every statement to the post-test); the form
            # lists them in the order written
            placed: dict[int, int] = {}
            for n in sorted(range(len(questions)), key=lambda n: bool(questions[n].options)):
                question = questions[n]
                counts = kinds.setdefault(question.kind, [0, 0])
                said = kinds.setdefault(f"answer {question.answer}", [0, 0])
                form = min((0, 1), key=lambda f: (here[f], counts[f], said[f], f))
                counts[form] += 1
                said[form] += 1
                here[form] += 1
                placed[n] = form
            for n, question in enumerate(questions):
                (before if placed[n] == 0 else after).append((module, question))
    # the pre-test asks a module's questions in the order written (its groups by objective
    # had put a later objective's question first)
    written = {
        id(question): (m, n)
        for m, module in enumerate(_modules(course))
        for n, question in enumerate(module.questions)
    }
    before.sort(key=lambda item: written[id(item[1])])
    # the post-test's order comes from each question's wording alone (as it always has), so
    # printed post-tests stay valid from release to release
    after.sort(key=lambda item: _hash("after", str(item[1].question)))
    return KnowledgeChecks(
        _form(before, seed, "before", letters, written),
        _form(after, seed, "after", letters, written),
        parallel,
    )


def _modules(course: Course) -> list[Module]:
    return [m for m in course.modules if isinstance(m, Module)]


def _hash(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def _form(
    items: list[tuple[Module, Question]],
    seed: str,
    form: str,
    letters: Sequence[str],
    written: dict[int, tuple[int, int]],
) -> tuple[FormItem, ...]:
    used: Counter[int] = Counter()
    out = []
    for number, (module, question) in enumerate(items, 1):
        options, correct = _ordered(question, seed, form, used)
        out.append(
            FormItem(
                number=number,
                question=str(question.question),
                options=options,
                correct=letters[LETTERS.index(correct)] if question.options else correct,
                explanation=str(question.explanation),
                kind=question.kind,
                module=str(module.title),
                objective=question.objective or 0,
                module_id=module.id,
                index=written[id(question)][1],
            )
        )
    return tuple(out)


def _ordered(
    question: Question, seed: str, form: str, used: Counter[int]
) -> tuple[tuple[str, ...], str]:
    """The question's options in the form's order and its answer's letter there: the right
    answer at the least used position so far (ties broken by the seed), the others in a
    seeded order around it."""
    if not question.options:
        return (), question.correct
    options = [str(o) for o in question.options]
    right = LETTERS.index(str(question.answer))
    if not question.shuffle or any(_names_others(o) for o in options):
        used[right] += 1
        return tuple(options), LETTERS[right]
    key = _hash(seed, form, str(question.question))
    places = range(len(options))
    target = min(places, key=lambda p: (used[p], _hash(key, str(p))))
    used[target] += 1
    others = sorted((o for n, o in enumerate(options) if n != right), key=lambda o: _hash(key, o))
    ordered = others[:target] + [options[right]] + others[target:]
    return tuple(ordered), LETTERS[target]


# An option that speaks of the others ("All of the above", "Both A and B"): moved, it would
# speak of other options, or of itself, so such a question's options keep their order
_CONJUNCTIONS = r"(?:and|or|nor|&|y|e|o|ni|et|ou|und|oder)"
_AND = rf",?\s*{_CONJUNCTIONS}\s+"  # "A, B and C", and with the serial comma: "A, B, and C"
_OTHERS = re.compile(
    # "All of the above", "all the above", "None of these", "Neither of them", "All the
    # answers above"
    r"(?i:\b(?:all|none|both|neither|any|either)\s+(?:of\s+the|the|of)\s+above\b|"
    r"\b(?:all|none|both|neither|any|either)\s+(?:of\s+)?(?:the\s+)?"
    r"(?:answers|options|choices|responses)\s+above\b|"
    r"\b(?:all|none|both|neither|any|either)\s+of\s+(?:the\s+)?(?:these|them|"
    r"(?:options|answers|choices)\b)|"
    # "All are correct", "None of the answers is right"
    r"^\W*(?:all|none)\s+(?:(?:of\s+)?(?:the\s+)?(?:answers|options|choices)\s+)?(?:are|is)\s+"
    r"(?:correct|right|true|wrong|incorrect|false)\W*$|"
    # "Todas las anteriores", "Ninguna de las anteriores", "Todas las respuestas anteriores",
    # "Todo lo anterior", "Ninguna es correcta"
    r"\b(?:todas|todos|ninguna|ninguno|ambas|ambos)\s+(?:de\s+)?(?:las\s+|los\s+)?"
    r"(?:(?:respuestas|opciones)\s+)?(?:anteriores|opciones)\b|"
    r"\b(?:todo|nada)\s+(?:de\s+)?lo\s+anterior\b|"
    r"^\W*(?:todas|todos|ninguna|ninguno)\s+(?:es|son)\s+(?:correct|verdader|fals)[ao]s?\W*$|"
    # "Toutes les réponses ci-dessus", "Aucune de ces réponses", "Tout ce qui précède"
    r"\b(?:toutes|aucune)\s+(?:de\s+)?(?:les|des|ces)\s+(?:r[ée]ponses|propositions)\b|"
    r"ci-dessus|\btout\s+ce\s+qui\s+pr[ée]c[èe]de\b|"
    r"\b(?:alle|keine)\s+(?:der\s+)?(?:oben|genannten)\b|"
    r"^\W*(?:alle|keine)\s+(?:antworten\s+)?(?:sind|ist)\s+(?:richtig|falsch)\W*$|"
    # "Both a and b", "solo b y c": letters after a word that names options (a lone "a" is an
    # article); "Options 1 and 2": numbers after one that says options
    r"\b(?:both|either|neither|options?|answers?|choices?|only|ambas|opciones|solo|sólo)\s+"
    rf"[a-h]\s*(?:,\s*[a-h]\s*)*{_AND}[a-h]\b|"
    r"\b(?:options?|answers?|choices?|opciones|respuestas)\s+"
    rf"[1-8]\s*(?:,\s*[1-8]\s*)*{_AND}[1-8]\b|"
    # "Both 1 and 2", nothing more ("both 2 and 3 visits" counts visits)
    rf"^\W*(?:both|ambas|ambos)\s+[1-8]\s*(?:,\s*[1-8]\s*)*{_AND}[1-8]\W*$|"
    # an option that is nothing but letters: "a and c", "b y c", "a, b, and c"
    rf"^\W*[a-h]\s*(?:,\s*[a-h]\s*)*{_AND}[a-h]\W*$)"
    # capitals anywhere: "A and B", "A, B or C", "A, B, and C"
    rf"|\b[A-H]\s*(?:,\s*[A-H]\s*)*{_AND}[A-H]\b"
)


def keeps_order(question: dict[str, Any]) -> bool:
    """Whether a question as written (its YAML mapping) keeps its options in the order
    written: ``shuffle: false``, or an option of any audience's that speaks of the others."""
    if question.get("shuffle") is False:
        return True
    options = question.get("options")
    return isinstance(options, list) and any(
        _names_others(text) for option in options for text in _texts_of(option)
    )


def _texts_of(value: Any) -> list[str]:
    """The texts a written value gives: itself, or each audience's (``{text: ..}``,
    ``{all-staff: .., clinical: ..}``)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _texts_of(item)]
    return []


def _names_others(option: str) -> bool:
    """Whether an option speaks of the others: "All of the above", "None of these",
    "Both A and B", "A and C", "Todas las anteriores"."""
    return bool(_OTHERS.search(option))


def warnings(project: RawProject, course: Course) -> list[Problem]:
    """What a reviewer of the knowledge checks would point out (see the module's
    docstring), each at the line of the question or module it is about."""
    found: list[Problem] = []
    modules = _modules(course)
    if not any(m.questions for m in modules):
        return found
    truths: list[tuple[bool, Location]] = []
    for module in modules:
        raw = project.modules.get(module.id)
        if raw is None:
            continue
        where = raw.front.location
        tied = {q.objective for q in module.questions if q.objective}
        assessed = [o for o in module.objectives if getattr(o, "assessed", True)]
        if not module.questions and assessed:  # other modules are tested; this one not at all
            found.append(
                _warning(
                    where(("objectives",)),
                    f"no knowledge-check question tests this module's objectives "
                    f"({len(assessed)} of them), while the other modules' questions make the "
                    "pre-test and post-test",
                    "add questions with 'objective: N' to the module, or mark objectives met "
                    "by reflection or the evaluation 'assessed: false'",
                )
            )
        for n, question in enumerate(module.questions):
            at = where(("questions", n))
            if not question.options and isinstance(question.answer, bool):
                truths.append((question.answer, where(("questions", n, "answer"))))
            if tied and not question.objective:
                found.append(
                    _warning(
                        at,
                        "this question is tied to no objective, unlike the module's others",
                        "add 'objective: N' (N: the module's objective it tests, from 1)",
                    )
                )
            cue = _length_cue(question)
            if cue:
                found.append(_warning(where(("questions", n, "options")), cue, _CUE_HINT))
        for n, objective in enumerate(module.objectives, 1):
            if tied and n not in tied and getattr(objective, "assessed", True):
                found.append(
                    _warning(
                        where(("objectives", n - 1)),
                        f"no knowledge-check question tests this objective "
                        f"('{_written(objective)}')",
                        f"add a question with 'objective: {n}' to the module's questions, or "
                        "mark an objective met by reflection or the evaluation 'assessed: false'",
                    )
                )
    found.extend(_leaning(truths))
    found.extend(_audiences_untested(project, course, modules))
    from .tailor import tailor

    # where options are kept as written: what an uneven spread of answers comes from
    kept = next(
        (
            project.modules[m.id].front.location(("questions", n, "shuffle"))
            for m in modules
            if m.id in project.modules
            for n, q in enumerate(m.questions)
            if not q.shuffle or any(_names_others(str(o)) for o in q.options)
        ),
        None,
    )
    minimum = course.settings.assessment.minimum_items
    setting = project.course.location(("settings", "assessment", "minimum_items"))
    for audience in course.audiences:
        tailored = tailor(course, audience.id)
        if not tailored.questions:
            continue  # no knowledge check is made for this audience
        checks = knowledge_checks(tailored)
        mixes = [Counter(item.kind for item in form) for form in (checks.before, checks.after)]
        if mixes[0] != mixes[1]:
            where, uneven = _mixed_at(project, course)
            found.append(
                _warning(
                    where,
                    f"for {audience.name}, the pre-test asks {_mix(mixes[0])} and the "
                    f"post-test {_mix(mixes[1])}: a guess scores differently on each, so "
                    f"the scores before and after cannot be compared{uneven}",
                    "an objective's questions are shared out between the forms, one each in "
                    "turn: give each objective an even number of each kind (two multiple-"
                    "choice, or two true-or-false, or two of each)",
                )
            )
        for name, form in (("pre-test", checks.before), ("post-test", checks.after)):
            # the letters are materials-gen's choice, and even, unless options are kept
            # in the order written
            bias = _position_bias(form) if kept is not None else ""
            if bias:
                found.append(
                    _warning(
                        kept or project.course.location(()),
                        f"on the {name} for {audience.name}, {bias}",
                        "let materials-gen order the options (remove 'shuffle: false' where "
                        "the order does not matter), or write the right answers of questions "
                        "whose options keep their order ('All of the above') at varied letters",
                    )
                )
            leaning = _form_leaning(form)
            if leaning:
                found.append(
                    _warning(
                        _leaning_at(project, course, audience.id, form),
                        f"on the {name} for {audience.name}, {leaning}",
                        "rewrite some statements of that form's objectives so that about as "
                        "many are false as true",
                    )
                )
            if minimum and len(form) < minimum:
                found.append(
                    _warning(
                        setting,
                        f"the {name} for {audience.name} has {len(form)} "
                        f"question{'' if len(form) == 1 else 's'}, fewer than the {minimum} "
                        "asked for",
                        "add questions to the modules (two per objective make the "
                        "pre-test and post-test parallel)",
                    )
                )
    return list(dict.fromkeys(found))


def _mix(kinds: Counter[str]) -> str:
    """A form's questions by kind: "1 true-or-false question and 2 multiple-choice
    questions"."""
    said = [
        f"{kinds[kind]} {kind.replace(' ', '-')} question{'' if kinds[kind] == 1 else 's'}"
        for kind in ("true or false", "multiple choice")
        if kinds[kind]
    ]
    return " and ".join(said) if said else "none"


def _mixed_at(project: RawProject, course: Course) -> tuple[Location, str]:
    """Where the forms' mixes part, and what parts them: the objectives whose questions
    cannot be shared out evenly, named, at the first one's first question (else the
    course). An objective of an odd number of questions (three: one form gets two) is
    named first; only when there is none, those of an odd number of one kind (one
    multiple-choice question and one true-or-false statement), which the forms balance
    between them when they can."""
    found: list[tuple[int, Location, str]] = []
    for module in _modules(course):
        raw = project.modules.get(module.id)
        if raw is None:
            continue
        groups: dict[object, list[int]] = {}
        for n, question in enumerate(module.questions):
            if question.objective:
                groups.setdefault(question.objective, []).append(n)
        for objective, numbers in groups.items():
            kinds = Counter(module.questions[n].kind for n in numbers)
            rank = 0 if len(numbers) % 2 else 1 if any(c % 2 for c in kinds.values()) else 2
            if len(numbers) > 1 and rank < 2:
                said = " and ".join(f"{c} {k.replace(' ', '-')}" for k, c in sorted(kinds.items()))
                named = f"objective {objective} of '{module.id}' ({said})"
                found.append((rank, raw.front.location(("questions", numbers[0])), named))
    if not found:
        return project.course.location(()), ""
    best = min(rank for rank, _, _ in found)
    chosen = [(where, named) for rank, where, named in found if rank == best]
    listed = ", ".join(named for _, named in chosen[:3])
    more = f" and {len(chosen) - 3} more" if len(chosen) > 3 else ""
    return chosen[0][0], f" (shared out unevenly: {listed}{more})"


def _audiences_untested(
    project: RawProject, course: Course, modules: list[Module]
) -> list[Problem]:
    """Objectives and questions as each audience has them: an objective an audience has
    whose every question is for other audiences (its forms never test it), and a question
    an audience is asked on an objective it does not have (it was never taught it)."""
    from .tailor import _Tailor

    untested: dict[tuple[str, int], list[str]] = {}
    untaught: dict[tuple[str, int], list[str]] = {}
    for audience in course.audiences:
        sees = _Tailor(course, audience.id)
        for module in modules:
            if module.id not in project.modules or not sees.shows(module.audience):
                continue
            tied = {q.objective for q in module.questions if q.objective}
            asked = [(n, q) for n, q in enumerate(module.questions) if sees.keeps(q)]
            tested = {q.objective for _, q in asked if q.objective}
            for n, objective in enumerate(module.objectives, 1):
                assessed = getattr(objective, "assessed", True)
                if sees.keeps(objective) and assessed and n in tied and n not in tested:
                    untested.setdefault((module.id, n), []).append(audience.name)
            for n, question in asked:
                number = question.objective
                known = bool(number) and number <= len(module.objectives)
                if known and not sees.keeps(module.objectives[number - 1]):
                    untaught.setdefault((module.id, n), []).append(audience.name)
    found = []
    for (module_id, n), names in untested.items():
        where = project.modules[module_id].front.location(("objectives", n - 1))
        found.append(
            _warning(
                where,
                f"no question for {listed(names)} tests this objective: its questions are "
                "for other audiences only",
                f"add a question for them with 'objective: {n}', or take 'audience:' off one of "
                "its questions",
            )
        )
    for (module_id, n), names in untaught.items():
        where = project.modules[module_id].front.location(("questions", n))
        found.append(
            _warning(
                where,
                f"this question is asked of {listed(names)}, on an objective not theirs (it "
                "is for other audiences only): their forms test what they were not taught",
                "give the question the same 'audience:' as its objective, or tie it to one of "
                "theirs ('objective: N')",
            )
        )
    return found


def _position_bias(form: tuple[FormItem, ...]) -> str:
    """What is uneven about where the right answers of a form's multiple-choice questions
    are, or "": a letter never right though it should be twice, or right more than twice
    as often as its even share (each question sharing its chance among its own options: a
    question of eight makes H no more due than one)."""
    items = [item for item in form if item.options]
    if not items:
        return ""
    due: Counter[str] = Counter()
    for item in items:
        for letter in LETTERS[: len(item.options)]:
            due[letter] += 1 / len(item.options)
    counts = Counter(item.correct for item in items)  # (made with Latin letters: see warnings)
    for letter, most in counts.most_common():
        if most > max(2, 2 * due[letter]):
            return f"{most} of the {len(items)} right answers are {letter}"
    never = [letter for letter in LETTERS if due[letter] >= 2 and not counts[letter]]
    if never:
        return f"no right answer is {' or '.join(never)} in {len(items)} questions"
    return ""


def _leaning_at(
    project: RawProject, course: Course, audience_id: str, form: tuple[FormItem, ...]
) -> Location:
    """Where the first true-or-false answer of the side ``form`` leans to is written (the
    course file when that cannot be told)."""
    from .tailor import _Tailor

    truths = [item.correct for item in form if not item.options]
    side = "True" if truths.count("True") * 2 > len(truths) else "False"
    item = next(i for i in form if not i.options and i.correct == side)
    module = next((m for m in _modules(course) if m.id == item.module_id), None)
    raw = project.modules.get(item.module_id)
    if module is None or raw is None:
        return project.course.location(())
    tailoring = _Tailor(course, audience_id)
    shown = [n for n, q in enumerate(module.questions) if tailoring.keeps(q)]
    if item.index >= len(shown):
        return project.course.location(())
    return raw.front.location(("questions", shown[item.index], "answer"))


def _form_leaning(form: tuple[FormItem, ...]) -> str:
    """A form's true-or-false answers leaning one way, or "" (see :data:`LEANING`)."""
    truths = [item.correct for item in form if not item.options]
    if len(truths) < 4:
        return ""
    true = truths.count("True")
    most = max(true, len(truths) - true)
    if most / len(truths) <= LEANING:
        return ""
    side = "true" if true * 2 > len(truths) else "false"
    return (
        f"{most} of the {len(truths)} true-or-false answers are {side}: a guess of "
        f"'{side}' scores well"
    )


_CUE_HINT = (
    "make the options alike in length and detail: test-wise readers pick the longest (or "
    "the odd one out) without knowing the answer"
)


def _length_cue(question: Question) -> str:
    if len(question.options) < 3:
        return ""
    right = LETTERS.index(str(question.answer))
    lengths = [len(_written(o)) for o in question.options]
    others = [n for i, n in enumerate(lengths) if i != right]
    mean = sum(others) / len(others)
    # the right answer stands out only alone: an option about as long (or as short) as it
    # is no cue ("Wet", "Lather", "Dry", "Sing loudly": "Wet" is no shorter than "Dry")
    if lengths[right] > LONGER * mean and max(others) * ALIKE < lengths[right]:
        return (
            f"the right answer is {lengths[right] / mean:.1f} times as long as the other "
            "options on average: a cue to the answer"
        )
    if lengths[right] < SHORTER * mean and min(others) > ALIKE * lengths[right]:
        return "the right answer is much shorter than the other options: a cue to the answer"
    return ""


def _written(item: object) -> str:
    """A list item's text (an item limited to audiences is written as ``text:``; one with a
    text per audience is named by its first)."""
    text = getattr(item, "text", item)
    variants = getattr(text, "root", None)
    if isinstance(variants, dict) and variants:
        return str(next(iter(variants.values())))
    return str(text)


def _leaning(truths: list[tuple[bool, Location]]) -> list[Problem]:
    if len(truths) < 4:
        return []
    true = sum(1 for value, _ in truths if value)
    share = max(true, len(truths) - true) / len(truths)
    if share <= LEANING:
        return []
    side = "true" if true * 2 > len(truths) else "false"
    return [
        _warning(
            truths[0][1],
            f"{max(true, len(truths) - true)} of the {len(truths)} true-or-false questions "
            f"are {side}: a guess of '{side}' scores well",
            "rewrite some statements so that about as many are false as true",
        )
    ]


def _warning(where: Location, message: str, hint: str) -> Problem:
    return Problem(where, message, hint, severity="warning")
