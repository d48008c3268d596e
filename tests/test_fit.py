"""The one fitting policy: measure with the font drawn, shrink to a floor, then continue."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from materials_gen.fit import (
    NBSP,
    ROLES,
    Box,
    DoesNotFit,
    Measure,
    Para,
    Run,
    column_widths,
    evenly,
    largest_fit,
    largest_size,
    needed_height,
    para,
    poster_roles,
    share,
    shrinking,
)
from materials_gen.theme import load_theme
from materials_gen.units import bind_units

from .conftest import PROJECTS


@pytest.fixture(scope="module")
def measure() -> Measure:
    return Measure(load_theme(PROJECTS / "minimal"))


def bullets(count: int, words: int = 8) -> tuple[Para, ...]:
    text = " ".join(["calm"] * words)
    return tuple(Para((Run(f"{i}. {text}"),), bullet="bullet") for i in range(count))


def test_every_role_has_a_floor_below_its_largest_size() -> None:
    for role in ROLES.values():
        assert 0 < role.floor <= role.largest, role.name
        assert role.then in ("continue", "grow", "stop"), role.name
    assert ROLES["body"].floor == 18 and ROLES["slide-title"].floor == 24
    assert ROLES["table"].floor == 12 and ROLES["form-cell"].then == "grow"
    assert ROLES["slide-title"].font == "heading" and ROLES["slide-title"].bold


def test_text_measured_by_its_own_library_shrinks_by_the_same_policy() -> None:
    """A notes page measures its paragraphs with ReportLab (they carry markup); the sizes it
    tries, and what follows when none fits, are the notes role's, as for every other text:
    largest first, whole points, down to the floor and no further."""
    role = ROLES["notes"]
    assert (role.largest, role.floor, role.then) == (11, 9, "continue")
    tried: list[int] = []

    def fits_at(limit: int):  # noqa: ANN202
        def fits(size: int) -> bool:
            tried.append(size)
            return size <= limit

        return fits

    assert largest_size(role, fits_at(11)) == 11 and tried == [11]
    tried.clear()
    assert largest_size(role, fits_at(10)) == 10 and tried == [11, 10]
    tried.clear()
    assert largest_size(role, fits_at(8)) is None and tried == [11, 10, 9]


def test_every_shrinking_text_is_tried_down_to_its_floor_and_no_further() -> None:
    """The one sequence of sizes every output tries (slides, notes pages, footers, title
    pages, posters): largest first, a step apart, the floor itself always tried last (a
    poster's step of 0.75 pt went from 28.5 to 27.75 and never tried its floor of 28.4)."""
    assert list(shrinking(34, 24)) == list(range(34, 23, -1))
    assert list(shrinking(11, 7, 0.5)) == [11 - n / 2 for n in range(9)]
    assert list(shrinking(30, 28.4, 0.75)) == [30, 29.25, 28.5, 28.4]
    assert list(shrinking(9, 9)) == [9]


def test_poster_sizes_grow_with_the_viewing_distance() -> None:
    near, far = poster_roles(1.0), poster_roles(3.0)
    assert far["poster-body"].floor > near["poster-body"].floor >= 18
    assert near["poster-title"].floor > near["poster-heading"].floor > near["poster-body"].floor


def test_text_shrinks_to_the_floor_before_it_continues(measure: Measure) -> None:
    paras = bullets(8)
    box = Box(600, measure.height(paras, 20, 600) + 1)  # fits at 20 pt, not at 28
    (only,) = share(measure, paras, box, ROLES["body"])
    assert only[0] == paras
    assert 18 <= only[1] < 28


def test_continued_parts_are_balanced_with_no_lone_paragraph(measure: Measure) -> None:
    paras = bullets(9)
    # one line too many at the floor: the old way left one bullet on a nearly empty slide
    box = Box(600, measure.height(paras[:8], 18, 600) + 1)
    parts = share(measure, paras, box, ROLES["body"])
    assert [len(p) for p, _ in parts] in ([5, 4], [4, 5])
    assert len({size for _, size in parts}) == 1  # the same size on every continued slide
    assert [p for part, _ in parts for p in part] == list(paras)  # all of it, in order


def test_three_parts_of_like_paragraphs_hold_no_lone_one(measure: Measure) -> None:
    """Seven like bullets where three fit a slide: 3, 2 and 2 (they went 3, 3 and 1, a lone
    bullet on a nearly empty continued slide)."""
    paras = bullets(7)
    box = Box(600, measure.height(paras[:3], 18, 600) + 1)
    parts = share(measure, paras, box, ROLES["body"])
    assert [len(p) for p, _ in parts] == [3, 2, 2]
    assert [p for part, _ in parts for p in part] == list(paras)


def test_runs_are_the_fewest_then_the_fullest_as_empty_as_it_can_be_then_even() -> None:
    """Checked against every cut of a few items into runs."""
    import itertools
    import random

    chance = random.Random(11)
    for _ in range(300):
        choices = [0.1, 0.2, 0.3, 0.45, 0.7, 1.0, 1.3]
        sizes = [chance.choice(choices) for _ in range(chance.randint(0, 8))]

        def fill(i: int, j: int, sizes: list[float] = sizes) -> float:
            return sum(sizes[i:j])

        def fits(cut: list[range], sizes: list[float] = sizes) -> bool:
            return all(fill(r.start, r.stop) <= 1 + 1e-9 or len(r) == 1 for r in cut)

        cuts = []
        for k in range(len(sizes)):
            for at in itertools.combinations(range(1, len(sizes)), k):
                edges = [0, *at, len(sizes)]
                cuts.append([range(a, b) for a, b in zip(edges, edges[1:], strict=False)])
        good = [c for c in cuts if fits(c)] or [[]]
        found = evenly(len(sizes), fill)
        assert [i for r in found for i in r] == list(range(len(sizes)))
        assert fits(found) and len(found) == min(len(c) for c in good), (sizes, found)
        fewest = [c for c in good if len(c) == len(found)]

        def fullest(cut: list[range]) -> float:
            return max((fill(r.start, r.stop) for r in cut), default=0.0)

        least = min(map(fullest, fewest))
        assert fullest(found) <= least + 1e-9, (sizes, found)

        def squares(cut: list[range]) -> float:
            return sum(fill(r.start, r.stop) ** 2 for r in cut)

        even = min(squares(c) for c in fewest if fullest(c) <= least + 1e-9)
        assert squares(found) <= even + 1e-9, (sizes, found)


def test_a_heading_is_never_the_last_paragraph_of_a_part(measure: Measure) -> None:
    heading = Para((Run("What to check"),), heading=True)
    paras = bullets(4) + (heading,) + bullets(4)
    box = Box(600, measure.height(paras[:5], 18, 600) + 1)
    for part, _ in share(measure, paras, box, ROLES["body"]):
        assert not part[-1].heading or len(part) == 1


def test_a_heading_moved_on_with_its_text_never_overfills_the_next_part() -> None:
    """A cut that ended a part with a heading moved the heading on to the next part, which
    then no longer fitted even at the floor: the heading is cut before, never after."""

    class Lines:  # each paragraph as tall as the number it ends with, in lines of 18 pt
        def height(self, paras: tuple[Para, ...], size: float, width: float, kind=None) -> float:
            return sum(float(p.text.split()[-1]) for p in paras) * size

        def cuts_a_word(self, *given: object) -> bool:  # short words: none is ever cut
            return False

    tall = [("A 1", False), ("B 1", False), ("Heading 1", True), ("C 2", False), ("D 1", False)]
    paras = tuple(Para((Run(text),), heading=heading) for text, heading in tall)
    box = Box(500, 3 * 18)
    parts = share(Lines(), paras, box, (18, 18))  # type: ignore[arg-type]
    assert [[p.text for p in part] for part, _ in parts] == [
        ["A 1", "B 1"],
        ["Heading 1", "C 2"],
        ["D 1"],
    ]
    assert all(Lines().height(part, 18, 500) <= box.height for part, _ in parts)


def test_a_paragraph_no_box_holds_even_in_pieces_stops_with_its_text(measure: Measure) -> None:
    huge = para("w" * 3000)  # one word: nowhere to go on from
    with pytest.raises(DoesNotFit) as caught:
        share(measure, (huge,), Box(600, 300), ROLES["body"])
    assert caught.value.too_long.para == huge and caught.value.too_long.floor == 18


def test_a_paragraph_too_long_alone_goes_on_between_its_sentences(measure: Measure) -> None:
    """An activity's 250 words in one paragraph stopped the deck ("too long for one
    slide"): it goes on in the next box after the end of a sentence, the pieces shared out
    evenly, each at the same size, the first with the paragraph's bullet."""
    sentences = [
        f"Step {n}: pair up with someone from another team and explain what you wrote."
        for n in range(1, 25)
    ]
    long = Para(
        (Run(" ".join(sentences[:12]) + " "), Run(" ".join(sentences[12:]), bold=True)),
        bullet="bullet",
    )
    box = Box(600, 300)
    parts = share(measure, (bullets(1)[0], long), box, ROLES["body"])
    assert len(parts) >= 2 and len({size for _, size in parts}) == 1
    pieces = [p for part, _ in parts for p in part][1:]
    text = " ".join(p.text for p in pieces)
    assert text == " ".join(sentences)  # every word once, in order, cut only at spaces
    assert all(p.text.endswith(".") for p in pieces)  # each piece ends a sentence
    assert {p.bullet for p in pieces} == {"bullet"}  # the rest under the item's text
    assert [p.mark for p in pieces] == [True] + [False] * (len(pieces) - 1)
    assert any(r.bold for p in pieces for r in p.runs) and not pieces[0].runs[0].bold
    size = parts[0][1]
    heights = [measure.height(part, size, box.width) for part, _ in parts]
    assert all(h <= box.height for h in heights)
    assert min(heights) > max(heights) / 2  # shared out, no nearly empty last part


def test_a_paragraph_a_box_holds_goes_on_rather_than_leave_a_line_alone(
    measure: Measure,
) -> None:
    """An activity's instructions that one slide held at the floor, and "You will need:"
    after them: the one filled a slide at 18 pt and the other stood alone on the next. Its
    sentences go on over both, at a larger size; text that needs no more boxes is never
    cut."""
    sentences = [
        f"Step {n}: talk with your partner and write down what you noticed." for n in range(19)
    ]
    box = Box(600, 420)
    long = para(" ".join(sentences))
    floor = ROLES["body"].floor
    assert measure.height((long,), floor, box.width) <= box.height  # one box holds it
    assert largest_fit(measure, (long, para("You will need: cards.")), box, ROLES["body"]) is None
    parts = share(measure, (long, para("You will need: cards.")), box, ROLES["body"])
    assert len(parts) == 2 and parts[0][1] > floor, [(len(p), s) for p, s in parts]
    first, second = (measure.height(part, parts[0][1], box.width) for part, _ in parts)
    assert second > first / 2  # shared out: no lone line on the second
    text = " ".join(p.text for part, _ in parts for p in part)
    assert text == " ".join(sentences) + " You will need: cards."
    assert all(p.text.endswith(".") for part, _ in parts for p in part)  # cut at sentences


def test_a_sentence_too_long_alone_goes_on_between_its_words(measure: Measure) -> None:
    words = [f"word{n}" for n in range(600)]
    parts = share(measure, (para(" ".join(words)),), Box(600, 300), ROLES["body"])
    assert len(parts) >= 2
    assert " ".join(p.text for part, _ in parts for p in part).split() == words


def test_units_are_bound_with_no_break_spaces() -> None:
    assert bind_units("Agenda (1 h 45 min)") == f"Agenda (1{NBSP}h{NBSP}45{NBSP}min)"
    assert bind_units("Activity: walk-through (10 min)").endswith(f"(10{NBSP}min)")
    assert bind_units("at least 20 pt") == f"at least 20{NBSP}pt"
    assert bind_units("10 members and 5 steps") == "10 members and 5 steps"  # not units


@pytest.mark.parametrize(
    ("written", "bound"),
    [
        ("on 0800 000 1234.", f"on 0800{NBSP}000{NBSP}1234."),
        ("call +44 20 7946 0958 now", f"call +44{NBSP}20{NBSP}7946{NBSP}0958 now"),
        ("(555) 010 0100", f"(555){NBSP}010{NBSP}0100"),
        ("Call 988 or 911", "Call 988 or 911"),  # short numbers: no phone number
        ("ages 5 10 15", "ages 5 10 15"),
        ("Room 12 34", "Room 12 34"),
        # lists of numbers, not phone numbers: left free to break
        ("Rooms 101 102 103 104 105 106", "Rooms 101 102 103 104 105 106"),
        ("Scores: 85 90 75 60 55", "Scores: 85 90 75 60 55"),
        ("01 23 45 67 89", f"01{NBSP}23{NBSP}45{NBSP}67{NBSP}89"),  # a French number
        # beside Arabic too (its groups read from the left, in their order)
        (
            "\u0627\u062a\u0635\u0644 0800 000 1234",
            f"\u0627\u062a\u0635\u0644 0800{NBSP}000{NBSP}1234",
        ),
    ],
)
def test_a_phone_number_is_bound_whole(written: str, bound: str) -> None:
    """A phone number read across two lines ("0800" / "000 1234") is misdialled."""
    assert bind_units(written) == bound


def test_a_bound_unit_never_breaks(measure: Measure) -> None:
    text = bind_units("Take a short walk round the building (10 min)")
    size = 24.0
    role = ROLES["slide-title"]
    plain = "Take a short walk round the building (10 min)"
    for cut in range(28, len(plain)):  # widths that end the first line at every place
        width = measure.width(plain[:cut], size, role) + 1
        lines = measure.wrap(para(text), size, width, role)
        assert not any(line.endswith("(10") for line in lines), lines
        assert any(f"(10{NBSP}min)" in line for line in lines), lines
    width = measure.width("Take a short walk round the building (10", size, role) + 1
    assert measure.wrap(para(plain), size, width, role)[0].endswith("(10")  # it can fail


def test_the_font_drawn_is_the_font_measured(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "theme.yaml").write_text(
        "fonts:\n  body: Noto Sans\n  heading: Poppins\n", encoding="utf-8"
    )
    theme = load_theme(tmp_path)
    measure = Measure(theme)
    text = "Why safety comes first"
    title = measure.width(text, 34, ROLES["slide-title"])
    body = measure.width(text, 34, ROLES["body"])
    assert title == pytest.approx(stringWidth(text, measure.heading_fonts.bold, 34))
    assert body == pytest.approx(stringWidth(text, measure.fonts.regular, 34))
    assert title > body * 1.05  # bold Poppins is wider: measuring in the body font undercounts
    # a title that fits one line in the body font takes two in the heading font drawn
    width = (title + body) / 2
    assert measure.lines(para(text), 34, width) == 1
    assert measure.lines(para(text), 34, width, ROLES["slide-title"]) == 2
    room = Box(width, 34 * 1.2 + 1)
    assert largest_fit(measure, (para(text),), room, ROLES["body"]) == 28
    assert largest_fit(measure, (para(text),), room, ROLES["slide-title"]) < 34


def test_a_growing_cell_gets_the_height_its_text_needs_at_the_floor(measure: Measure) -> None:
    role = ROLES["form-cell"]
    text = (para("Trauma-Informed and Trauma-Competent Care for Every Member of Staff"),)
    width = measure.width("Trauma-Informed and", role.floor) + 1  # about three words a line
    assert largest_fit(measure, text, Box(width, role.floor * 1.2), role) is None
    lines = measure.lines(text[0], role.floor, width, role)
    assert lines >= 3
    assert needed_height(measure, text, width, role) == pytest.approx(lines * role.floor * 1.2)


def test_set_lines_keep_each_face_and_the_space_they_broke_at(measure: Measure) -> None:
    """The lines a printed view draws are the lines measured: each piece in the face that
    draws it, the break at a space remembered, a word longer than the line cut into as many
    lines as were counted."""
    runs = (Run("Ask "), Run("what happened", bold=True), Run(" and " + "listen " * 12))
    paragraph = Para(runs)
    lines = measure.set(paragraph, 18, 200)
    assert len(lines) == measure.lines(paragraph, 18, 200) > 2
    assert [line.text for line in lines] == list(measure.wrap(paragraph, 18, 200))
    assert " ".join(line.text for line in lines) == paragraph.text.strip()
    assert all(line.at_space for line in lines[:-1]) and not lines[-1].at_space
    faces = {text: font for line in lines for text, font in line.pieces}
    assert faces["what happened"] == measure.fonts.bold
    assert faces["Ask "] == measure.fonts.regular
    long = Para((Run("x" * 120),))
    cut = measure.set(long, 18, 200)
    assert len(cut) == measure.lines(long, 18, 200) > 1
    assert "".join(line.text for line in cut) == "x" * 120
    assert not any(line.at_space for line in cut)
    forced = Para((Run("one"), Run("", line_break=True), Run("two")))
    assert [(line.text, line.at_space) for line in measure.set(forced, 18, 200)] == [
        ("one", False),
        ("two", False),
    ]


def test_a_web_address_wider_than_a_slide_s_line_breaks_after_its_slashes(
    measure: Measure,
) -> None:
    """A web address wider than a slide's line was cut between characters on the printed
    slides ("/break/i" / "ndex.html") where LibreOffice breaks it after a slash: each line
    of it now ends after a slash, but a piece wider than the line itself; the lines are
    counted as they are drawn."""
    address = "https://example.org/a/very/long/path/that/goes/on/and/on/forever/index.html"
    paragraph = Para((Run(f"Read {address}"),))
    for width in (150, 200, 260):
        lines = measure.set(paragraph, 18, width)
        assert len(lines) == measure.lines(paragraph, 18, width)
        assert lines[0].text == "Read"  # the address starts a line of its own
        assert "".join(line.text for line in lines[1:]) == address
        for line in lines[1:-1]:
            assert line.text.endswith("/"), (width, [x.text for x in lines])
    piece = Para((Run("https://example.org/" + "x" * 60),))  # its last piece cut, as before
    assert "".join(line.text for line in measure.set(piece, 18, 150)).endswith("x" * 60)


@pytest.mark.parametrize(
    ("weights", "minimums"),
    [
        ([30, 60], [80, 600]),  # a web address wider than the whole table
        ([30, 60, 10], [300, 600, 400]),  # no two longest words fit side by side
        ([1, 1, 1, 1], [2000, 2000, 5, 2000]),
    ],
)
def test_columns_share_the_width_when_their_longest_words_cannot_all_fit(
    weights: list[float], minimums: list[float]
) -> None:
    """Columns whose longest words cannot all fit side by side still share exactly the
    width: those with short words keep their minimum, the rest share what is left (their
    long words are broken inside), and no column is left with nothing."""
    widths = column_widths(478, weights, minimums)
    assert sum(widths) == pytest.approx(478)
    assert all(w > 0 for w in widths)
    level = max(widths)
    for width, minimum in zip(widths, minimums, strict=True):
        assert width == pytest.approx(min(minimum, level)) or width >= minimum


def test_columns_whose_longest_words_fit_are_never_narrower_than_them() -> None:
    widths = column_widths(478, [30, 60], [80, 350])
    assert widths[1] >= 350 and sum(widths) == pytest.approx(478)


def test_a_web_address_wider_than_the_page_in_a_table_cell_is_printed(
    project: Path, tmp_path: Path
) -> None:
    """A comparison table cell holding a web address wider than the page: the handout is
    built, the address broken inside its cell, every character of it on the page."""
    from materials_gen.build import build
    from materials_gen.options import BuildOptions

    from .conftest import all_text, edit

    address = "https://www.example.org/trauma-informed-care/resources/for-every-member-of-staff/and-every-audience/index.html"
    edit(
        project / "content" / "tables" / "approaches.yaml",
        "    informed: Noticing",
        f"    informed: Noticing **{address}**",
    )
    out = tmp_path / "out"
    build(project, BuildOptions(output=out, kinds=("handout",)))
    handouts = sorted(out.rglob("*handout.pdf"))
    assert handouts
    for handout in handouts:
        assert address in all_text(handout).replace(" ", "")


def test_a_slide_line_breaks_after_a_hyphen_as_powerpoint_breaks_it(measure: Measure) -> None:
    """PowerPoint and LibreOffice break "Trauma-Competent" after its hyphen when the word
    does not fit the line: fitting counts, and a printed slide draws, the same lines. A
    hyphen before a number ("COVID-19") or starting a word ("-5") is no break."""
    text = "Trauma-Informed and Trauma-Competent Care"
    whole = measure.width("Trauma-Informed and Trauma-", 30)
    lines = measure.wrap(para(text), 30, whole + 2)
    assert lines == ("Trauma-Informed and Trauma-", "Competent Care"), lines
    width = measure.width("See COVID-", 30) + 2  # "COVID-" would fit after "See", "19" not
    assert measure.wrap(para("See COVID-19 and -5"), 30, width)[:2] == ("See", "COVID-19")


def test_lists_numbered_on_after_a_break_line_up_with_the_list_before() -> None:
    """An agenda of ten parts with a break after the seventh: "8." to "10." (a list of its
    own, numbered on) hung further than "1." to "7.", so its texts started further right.
    On one slide, every numbered list at one level hangs as far as the widest number."""
    from materials_gen.document import parse
    from materials_gen.fit import hanging
    from materials_gen.render.slides import plan

    agenda = "".join(f"{n}. Part {n}\n" for n in range(1, 8))
    agenda += "\n*Break, 10 min*\n\n" + "".join(f"{n}. Part {n}\n" for n in range(8, 11))
    (slide,) = plan(parse(f"::: {{.slide .agenda}}\n# Agenda\n\n{agenda}\n:::\n"))
    numbered = [p for p in slide.body if p.bullet == "number"]
    assert [p.number for p in numbered] == list(range(1, 11))
    assert len({hanging(p, 24) for p in numbered}) == 1


def test_a_numbered_list_hangs_its_numbers_as_far_as_its_widest_needs(measure: Measure) -> None:
    """An agenda of twelve parts: "10." ran into its text ("10.Extra part"), since a number
    hung one and a half ems whatever its digits. Every item of a list hangs as far as its
    widest number needs, so all their texts start at one place."""
    from materials_gen.document import parse
    from materials_gen.fit import hanging
    from materials_gen.render.slides import paragraphs

    items = "".join(f"{n}. Extra part number {n}\n" for n in range(1, 13))
    listed = paragraphs(parse(items).blocks)
    assert [p.number for p in listed] == list(range(1, 13))
    for size in (20, 28):
        hangs = {hanging(p, size) for p in listed}
        assert len(hangs) == 1, hangs
        (hang,) = hangs
        widest = measure.width("12.", size)
        assert hang >= widest + size * 0.4, (size, hang, widest)
    short = paragraphs(parse("1. One\n2. Two\n").blocks)
    assert hanging(short[0], 28) == 42  # a list of one-digit numbers keeps its hang


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("حماية البالغين المعرضين للخطر (5 min)", "5 min"),
        ("הגנה על מבוגרים בסיכון (5 min)", "5 min"),
        ("الاستراحة 15 min بعد الوحدة الأولى", "15 min"),
        ("نبدأ في 10:05 AM ونستريح", "10:05 AM"),
        ("وتستمر 1 h 45 min تقريبًا", "1 h 45 min"),
        ("شهادة حضور 3 December 2026 للمشاركين", "3 December 2026"),
        ("תעודה 12 March", "12 March"),
    ],
    ids=[
        "Arabic title",
        "Hebrew title",
        "between Arabic words",
        "clock time",
        "hours and minutes",
        "date",
        "Hebrew date",
    ],
)
def test_latin_units_and_times_beside_right_to_left_text_read_number_first(
    text: str, unit: str
) -> None:
    """An Arabic title with its "(5 min)" read "(min 5)" on the agenda, "10:05 AM" read
    "AM 10:05", a certificate's "3 December 2026" read "December 2026 3": in a line read
    from the right, the algorithm that orders it put the number
    on the far side of its words. Bound, each is one run read from the left, and the space
    after it stays with the words that follow (a mark after it had joined them); in a
    left-to-right text nothing is added."""
    from materials_gen.reading_order import levels
    from materials_gen.units import NBSP, bind_units

    bound = bind_units(text)
    shown = bound.replace("\u200e", "").replace(NBSP, " ")
    assert shown == text
    start = bound.index(unit[0])
    end = bound.index(unit.split()[-1], start) + len(unit.split()[-1])
    found = levels(bound, right_to_left=True)
    inside = {found[i] for i in range(start, end) if bound[i] != "\u200e"}
    assert len(inside) == 1 and found[start] % 2 == 0, (inside, found)
    if end < len(bound) and bound[end] == " ":  # the space after it: the Arabic line's
        assert found[end] % 2 == 1 and "\u200e" not in bound[end - 1 : end + 1]
    assert bind_units("Intro 10:05 AM (5 min)") == f"Intro 10:05{NBSP}AM (5{NBSP}min)"


def test_a_column_of_phone_numbers_keeps_them_whole_when_every_column_is_tight() -> None:
    """Four large-print columns whose longest pieces together are 3 pt wider than the page:
    the column of phone numbers was cut like the others ("1-800-555-019" / "9"); the
    columns of words give way instead (their words can break with a hyphen)."""
    from materials_gen.fit import numbers_only

    least = [111.6, 114.1, 144.9, 136.7]
    whole = [False, False, True, False]
    widths = column_widths(504, [44, 55, 14, 45], least, least, whole)
    assert widths[2] == 144.9 and abs(sum(widths) - 504) < 1e-6
    assert numbers_only(["Phone", "911", "1-800-555-0199"])
    assert numbers_only(["When", "9:00 AM-5:00 PM"]) is False  # "AM-5:00" holds letters
    assert not numbers_only(["Who to call", "Employee Assistance Program", "988"])


def test_a_paragraph_of_lines_goes_on_at_a_line_break(measure: Measure) -> None:
    """A key point of 24 lines kept apart by line breaks (no space after each full stop)
    was cut between words ("...italic text in" / "it."): it goes on at a line break."""
    runs: list[Run] = []
    for n in range(1, 25):
        if runs:
            runs.append(Run("", line_break=True))
        runs += [Run(f"Line {n} with "), Run("bold words", bold=True), Run(" in it.")]
    parts = share(measure, (Para(tuple(runs), bullet="bullet"),), Box(600, 300), ROLES["body"])
    pieces = [p for part, _ in parts for p in part]
    assert len(pieces) >= 2
    for piece in pieces:
        assert piece.text.startswith("Line ") and piece.text.endswith("in it."), piece.text
        assert not piece.runs[0].line_break and not piece.runs[-1].line_break
    assert sum(p.text.count("Line ") for p in pieces) == 24


def test_a_paragraph_of_thousands_of_words_is_cut_in_few_measurements(
    measure: Measure, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bullet of 3,900 words took 24 s to cut for its slides: each piece was grown a word
    at a time, measuring the piece after every word, twenty times over to share the pieces
    out. Each piece's end is now found by halving: a few measurements a piece."""
    words = " ".join(f"word{n} is here" for n in range(1300))
    calls = 0
    height = Measure.height

    def counted(self: Measure, *args: object, **kwargs: object) -> float:
        nonlocal calls
        calls += 1
        return height(self, *args, **kwargs)

    monkeypatch.setattr(Measure, "height", counted)
    parts = share(measure, (para(words),), Box(600, 300), ROLES["body"])
    assert " ".join(p.text for part, _ in parts for p in part).split() == words.split()
    assert calls < 20_000, calls  # (a word at a time: hundreds of thousands)


def test_a_font_file_replaced_between_builds_is_measured_anew(tmp_path: Path) -> None:
    """Widths are kept for the process (``watch`` and ``preview`` build again and again in
    one), but a theme font file replaced since is read again and its text measured in it."""
    import shutil

    import rendercv_fonts

    from materials_gen.fit import text_width
    from materials_gen.render.fonts import register_face

    shipped = Path(rendercv_fonts.__file__).parent
    face = tmp_path / "OurFace.ttf"
    shutil.copy(next(shipped.rglob("Lato-Regular.ttf")), face)
    name = register_face(face)
    narrow = text_width("Welcome to the session", name, 12)
    shutil.copy(next(shipped.rglob("Poppins-Bold.ttf")), face)  # another face, same file
    again = register_face(face)  # a project's face is named by its bytes too
    assert again != name and again.startswith("mg-OurFace-")
    wide = text_width("Welcome to the session", again, 12)
    assert wide > narrow * 1.1, (narrow, wide)
    shutil.copy(next(shipped.rglob("Lato-Regular.ttf")), face)  # back as it was
    assert register_face(face) == name
    assert text_width("Welcome to the session", register_face(face), 12) == narrow


def test_a_size_that_keeps_every_word_whole_comes_first(measure: Measure) -> None:
    """A 64-letter compound in a bullet on a 4:3 slide was cut between two letters, with no
    hyphen ("...verordnungsbestimmu" / "ngen"), though a smaller size within the floor kept
    it whole: fitting takes the largest size at which no word is cut, when there is one."""
    word = "Arbeitnehmerüberlassungsgesetzesänderungsverordnungsbestimmungen"
    paras = (Para((Run(f"Read the {word} first"),), bullet="bullet"),)
    role = ROLES["body"]
    at_floor = measure.width(word, role.floor) + 40  # room for it at the floor and a bullet
    box = Box(at_floor, 400)
    assert measure.cuts_a_word(paras, role.largest, box.width, role)  # too wide at 28 pt
    size = largest_fit(measure, paras, box, role)
    assert size is not None and size < role.largest
    assert not measure.cuts_a_word(paras, size, box.width, role)
    assert measure.cuts_a_word(paras, size + 1, box.width, role)  # the largest that keeps it
    assert word in measure.wrap(paras[0], size, box.width, role)
    # a word no size within the floor keeps whole: the size the text's height allows
    narrow = Box(measure.width(word, role.floor) / 2, 400)
    assert largest_fit(measure, paras, narrow, role) == largest_size(
        role, lambda s: measure.height(paras, s, narrow.width, role) <= narrow.height
    )


def test_a_word_cut_even_at_the_floor_does_not_cost_the_others_their_wholeness(
    measure: Measure,
) -> None:
    """A code no size keeps whole, in the bullet after a long compound: the compound was
    cut between letters at 28 pt (every size cuts the code, so none was looked for that
    keeps the compound whole), and set whole at 21 pt once the code was gone. Only the
    words some size keeps whole decide the size."""
    word = "Arbeitnehmerüberlassungsgesetzesänderungsverordnungsbestimmungen"
    role = ROLES["body"]
    box = Box(measure.width(word, role.floor) + 40, 600)
    code = "T02q7Lm2Np9Rt4Vw8Yz1Ab3Cd5Ef6Gh0Ij2Kl4Mn6Op8Qr0St2Uv4Wx6Yz8Ab0Cd2Ef4Gh6Ij8Kl0Mn2Op" * 2
    compound = Para((Run(f"Ask the {word}"),), bullet="bullet")
    with_code = (compound, Para((Run(f"Ref {code}"),), bullet="bullet"))
    assert measure.cuts_a_word((with_code[1],), role.floor, box.width, role)  # at any size
    alone = largest_fit(measure, (compound,), box, role)
    size = largest_fit(measure, with_code, box, role)
    assert alone is not None and size is not None and size <= alone < role.largest
    assert word in measure.wrap(compound, size, box.width, role)
