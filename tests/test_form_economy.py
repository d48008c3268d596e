"""A form is printed once per participant, so it wastes no paper: its parts (headings,
questions, rating rows) are set closer than a handout's, and a form whose last page would
still hold only a little is set closer again when that saves the page. Its type, tick boxes
and the rows and lines to write in keep their size; large print keeps a handout's spacing.
"""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from materials_gen.document import parse
from materials_gen.render import RenderOptions, handout
from materials_gen.render.handout import FORM_ROW, FORM_SPACING, LIGHT_PAGE, render
from materials_gen.theme import load_theme

from .conftest import PROJECTS

THEME = load_theme(PROJECTS / "minimal")


def form(questions: int) -> str:
    """A knowledge check of ``questions`` questions of four options each."""
    parts = [
        "---",
        'title: "Knowledge check"',
        "layout: form",
        "---",
        "",
        "# Knowledge check",
        "",
    ]
    for n in range(1, questions + 1):
        parts += [
            f'::: {{.question number="{n}"}}',
            f"Question {n}: which of these answers is the one to tick?",
            "",
            *(f"- Answer {letter} to question {n}" for letter in "ABCD"),
            ":::",
            "",
        ]
    return "\n".join(parts)


def pages_at(markdown: str, spacing: float, large: bool = False) -> tuple[int, float]:
    """The pages of ``markdown`` set with ``spacing`` alone (no second try), and the share
    of its last page left empty."""
    options = RenderOptions(large_print=large)
    document, _, layout = handout._prepared(parse(markdown), THEME, options, spacing)
    drawn = handout._laid_out(document, layout, options)
    return drawn.pages, drawn.left


def text_of(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_a_last_page_holding_one_question_is_saved() -> None:
    # the first number of questions that takes one page more: its last page holds one
    n = 2
    while pages_at(form(n), FORM_SPACING)[0] == pages_at(form(n - 1), FORM_SPACING)[0]:
        n += 1
    usual, left = pages_at(form(n), FORM_SPACING)
    assert left > 1 - LIGHT_PAGE  # a nearly empty page
    result = render(parse(form(n)), THEME, RenderOptions())
    assert result.pages == usual - 1
    text = text_of(result.data)
    assert all(f"Question {q}:" in text for q in range(1, n + 1))  # nothing left out
    assert "Answer D to question " + str(n) in text


def test_a_form_is_set_closer_than_a_handout() -> None:
    n = 30
    as_form = render(parse(form(n)), THEME, RenderOptions())
    assert as_form.pages < pages_at(form(n), 1.0)[0]  # a handout's spacing


def test_a_form_whose_last_page_is_well_filled_is_laid_out_once(monkeypatch) -> None:
    calls: list[float] = []
    real = handout._laid_out

    def counted(*args, **kwargs):
        drawn = real(*args, **kwargs)
        calls.append(drawn.left)
        return drawn

    monkeypatch.setattr(handout, "_laid_out", counted)
    # the most questions that fill their last page beyond the light share
    n = 2
    while True:
        pages, left = pages_at(form(n), FORM_SPACING)
        if pages > 1 and left < 1 - LIGHT_PAGE:
            break
        n += 1
    calls.clear()
    result = render(parse(form(n)), THEME, RenderOptions())
    assert len(calls) == 1 and result.pages == pages


def test_large_print_keeps_a_handouts_spacing() -> None:
    n = 12
    large_form = pages_at(
        form(n), handout._spacing(parse(form(n)), RenderOptions(large_print=True)), large=True
    )
    large_handout = pages_at(form(n), 1.0, large=True)
    assert large_form == large_handout


@pytest.mark.parametrize("close", [1.0, FORM_SPACING, FORM_SPACING * handout.CLOSER])
def test_rows_to_write_in_keep_their_height(close: float) -> None:
    markdown = "::: form-table\n| Name | Date |\n| --- | --- |\n| | |\n| | |\n:::\n"
    _, _, layout = handout._prepared(parse(form(1)), THEME, RenderOptions(), close)
    (table,) = layout.blocks(parse(markdown).blocks, layout.width)
    assert table._rowHeights[1:] == [FORM_ROW, FORM_ROW]  # noqa: SLF001


def test_the_kits_evaluation_form_is_one_sheet_in_every_language(kit_languages) -> None:
    """Printed once per participant, the kit's evaluation form takes two pages (one sheet,
    both sides) for every audience and language: the Spanish one took three."""
    forms = {k: p for k, p in kit_languages.items() if k[2] == "evaluation"}
    assert {language for language, _, _ in forms} == {"en-US", "es"}
    pages = {k: len(PdfReader(p).pages) for k, p in forms.items()}
    assert set(pages.values()) == {2}, pages


def filled_form(header: tuple[str, ...], rows: int, after: str = "") -> str:
    """A sign-in sheet's table of ``rows`` numbered rows, marked to go on to the foot of its
    page; ``after``: what follows it on the next page."""
    return "\n".join(
        [
            "---",
            'title: "Sign-in sheet"',
            "layout: form",
            "---",
            "",
            "# Sign-in sheet",
            "",
            "::: {.form-table .fill}",
            "| " + " | ".join(header) + " |",
            "| " + " | ".join("-" * len(h) for h in header) + " |",
            *(f"| {n} |" + " |" * (len(header) - 1) for n in range(1, rows + 1)),
            ":::",
            *(["", "\\newpage", "", after] if after else []),
        ]
    )


def numbers_at(data: bytes) -> list[list[tuple[float, float, str]]]:
    """Each page's row numbers: (x, y, number)."""
    found = []
    for page in PdfReader(io.BytesIO(data)).pages:
        seen: list[tuple[float, float, str]] = []

        def visit(text: str, cm: list, tm: list, *_: object, seen: list = seen) -> None:
            if text.strip().isdigit():
                seen.append((cm[4] + tm[4], cm[5] + tm[5], text.strip()))

        page.extract_text(visitor_text=visit)
        found.append(seen)
    return found


@pytest.mark.parametrize(
    "header",
    [("#", "Name", "Signature"), ("#", "\u05e9\u05dd", "\u05d7\u05ea\u05d9\u05de\u05d4")],
    ids=["from the left", "from the right"],
)
def test_a_filled_form_table_goes_on_to_the_foot_of_its_page(header: tuple[str, ...]) -> None:
    """Three rows, then blank rows numbered on to the foot of the page; a Hebrew sheet's
    numbers stand at its right, as its first three do. What follows on the next page is
    printed after them, on that page."""
    data = render(parse(filled_form(header, 3, "Thank you.")), THEME, RenderOptions()).data
    first, second = numbers_at(data)
    assert [n for _, _, n in first] == [str(n) for n in range(1, len(first) + 1)]
    assert len(first) > 15  # a page of rows: a Letter page holds some twenty
    assert len({round(x) for x, _, _ in first}) == 1  # one column, the first rows' own
    lowest = min(y for _, y, _ in first)
    assert lowest < 1.5 * 72  # down to the footer's rule (1 in from the paper's edge)
    assert not second and "Thank you." in text_of(data)


def test_a_filled_form_table_adds_no_page() -> None:
    """Rows that end near the foot of a page, or run a few onto the next: the blank rows
    fill what is left of the page the rows end on, never a page of their own."""
    for rows in range(18, 26):
        plain = render(
            parse(filled_form(("#", "Name"), rows).replace(" .fill", "")), THEME, RenderOptions()
        )
        filled = render(parse(filled_form(("#", "Name"), rows)), THEME, RenderOptions())
        assert filled.pages == plain.pages, rows
        numbers = [n for page in numbers_at(filled.data) for _, _, n in page]
        assert numbers[:rows] == [str(n) for n in range(1, rows + 1)], rows
        assert numbers == [str(n) for n in range(1, len(numbers) + 1)], rows
        assert min(y for _, y, _ in numbers_at(filled.data)[-1]) < 1.5 * 72, rows  # its foot


def test_a_filled_table_from_the_right_stays_so_on_its_last_page() -> None:
    """A Hebrew sheet running onto a second page: that page's table, rebuilt with its blank
    rows, lost its mirroring (the number column at the left, under the widest header)."""
    header = ("#", "\u05e9\u05dd", "\u05d7\u05ea\u05d9\u05de\u05d4")
    data = render(parse(filled_form(header, 29)), THEME, RenderOptions()).data
    first, second = numbers_at(data)
    assert second and [n for _, _, n in first + second][-1] == str(len(first) + len(second))
    assert {round(x) for x, _, _ in first} == {round(x) for x, _, _ in second}
    assert min(x for x, _, _ in second) > 400  # at the right of the page


@pytest.mark.parametrize(
    "place",
    ["text after it", "a second table", "a box", "columns"],
)
def test_a_filled_table_with_something_after_it_or_around_it_adds_no_page(place: str) -> None:
    """Blank rows fill a page only where nothing comes after the table on it: text or a
    second table after it were pushed onto a page of their own, and a table inside a box or
    columns, measured there before it is placed, broke the page or stopped the build."""
    table = filled_form(("#", "Name"), 5).split("::: {.form-table .fill}")[1]
    head = filled_form(("#", "Name"), 5).split("::: {.form-table .fill}")[0]
    body = {
        "text after it": f"::: {{.form-table .fill}}{table}\nThank you for coming.\n",
        "a second table": f"::: {{.form-table .fill}}{table}\n::: {{.form-table .fill}}{table}",
        "a box": f":::: {{.callout title=Morning}}\n::: {{.form-table .fill}}{table}::::\n",
        "columns": (
            "::::: columns\n:::: column\n::: {.form-table .fill}"
            + table
            + "::::\n:::: column\nRight\n::::\n:::::\n"
        ),
    }[place]
    filled = render(parse(head + body), THEME, RenderOptions())
    plain = render(parse((head + body).replace(" .fill", "")), THEME, RenderOptions())
    assert filled.pages == plain.pages == 1, place
    numbers = [n for page in numbers_at(filled.data) for _, _, n in page]
    if place == "a second table":  # the first keeps its rows; the last fills the page
        assert numbers[:6] == ["1", "2", "3", "4", "5", "1"] and len(numbers) > 10
    else:
        assert numbers == [n for page in numbers_at(plain.data) for _, _, n in page], place


def test_blank_rows_count_in_the_digits_of_the_last_row() -> None:
    """Arabic-Indic numbers go on in Arabic-Indic; a mark that is no number ("²", "①")
    starts no count (its int() stopped the build)."""
    arabic = (
        filled_form(("#", "Name"), 2).replace("| 1 |", "| \u0661 |").replace("| 2 |", "| \u0662 |")
    )
    data = render(parse(arabic), THEME, RenderOptions()).data
    (numbers,) = numbers_at(data)
    assert [n for _, _, n in numbers][:4] == ["\u0661", "\u0662", "\u0663", "\u0664"]
    for mark in ("\u00b2", "\u2460"):
        odd = filled_form(("#", "Name"), 2).replace("| 2 |", f"| {mark} |")
        assert render(parse(odd), THEME, RenderOptions()).pages == 1


def _kit_sign_in(folder, names: int, audience: str, paper: str) -> list[str]:
    """The text of each page of the default kit's sign-in sheet for a roster of ``names``."""
    from materials_gen.build import BuildOptions, build

    from .conftest import KIT_LANGUAGE, REPO

    folder.mkdir(parents=True, exist_ok=True)
    roster = folder / "roster.csv"
    rows = [f"Person Number{n:03d},{audience}" for n in range(1, names + 1)]
    roster.write_text("name,audience\n" + "\n".join(rows) + "\n", encoding="utf-8")
    options = BuildOptions(
        languages=(KIT_LANGUAGE,),
        audiences=(audience,),
        kinds=("sign-in",),
        output=folder / "out",
        roster=roster,
        paper=paper,
        date="2026-12-03",
    )
    (built,) = build(REPO, options).built
    return [page.extract_text() for page in PdfReader(str(built.path)).pages]


def test_a_sign_in_sheet_that_fits_one_page_with_shorter_rows_is_one_page(tmp_path) -> None:
    """18 names and 4 spare rows for a continuing-education audience fit one Letter page
    with the shorter rows, as 17 names and 5 rows do: the second try was skipped on an
    estimate, and the sheet printed a second page of nothing but blank rows."""
    fewer = _kit_sign_in(tmp_path / "17", 17, "clinical", "letter")
    assert len(fewer) == 1 and "22" in fewer[0].split()  # 22 rows on its one page
    pages = _kit_sign_in(tmp_path / "18", 18, "clinical", "letter")
    assert len(pages) == 1, [p[-200:] for p in pages]
    assert "Person Number018" in pages[0]


@pytest.mark.slow
@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize("audience", ["clinical", "all-staff"])
def test_no_page_of_a_sign_in_sheet_holds_only_blank_rows(tmp_path, audience, paper) -> None:
    """Whatever the roster's length, a page of the sheet lists someone: the rows to write
    in (4 spare, then blank to the foot of the page) never open a page of their own when
    the sheet's rows fit on the page before."""
    for names in range(15, 27):  # past where each sheet's first page is full
        pages = _kit_sign_in(tmp_path / str(names), names, audience, paper)
        for n, page in enumerate(pages, start=1):
            assert "Person Number" in page, (names, n, len(pages))
