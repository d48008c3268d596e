from __future__ import annotations

import pytest

from materials_gen.document import (
    Div,
    Emph,
    Heading,
    Link,
    ListBlock,
    PageBreak,
    Paragraph,
    Strong,
    Table,
    Text,
    parse,
    parse_attrs,
    plain,
)
from materials_gen.errors import ContentError

SOURCE = """---
title: "A: title"
keywords: [one, two]
---

# Heading *one*

Some **bold** and a [link](https://example.org).

::: {.callout .takeaway title="Take this away"}
Inside the box.
:::

:::: columns
::: column
Left
:::
::: column
Right
:::
::::

| A | B \\| C |
|---|---|
| 1 | 2 |

\\newpage

3. three
4. four
"""


def test_front_matter_becomes_metadata() -> None:
    document = parse(SOURCE)
    assert document.meta == {"title": "A: title", "keywords": ["one", "two"]}


def test_blocks_and_inlines() -> None:
    blocks = parse(SOURCE).blocks
    heading, para, callout, columns, table, pagebreak, numbered = blocks
    assert heading == Heading(1, (Text("Heading "), Emph((Text("one"),))))
    assert Strong((Text("bold"),)) in para.children
    assert Link("https://example.org", (Text("link"),)) in para.children
    assert isinstance(callout, Div) and callout.classes == ("callout", "takeaway")
    assert callout.attrs == {"title": "Take this away"}
    assert plain(callout.children[0].children) == "Inside the box."
    assert [plain(c.children[0].children) for c in columns.children] == ["Left", "Right"]
    assert isinstance(table, Table)
    assert [plain(c) for c in table.header] == ["A", "B | C"]
    assert isinstance(pagebreak, PageBreak)
    assert isinstance(numbered, ListBlock) and numbered.ordered and numbered.start == 3


def test_html_is_text_not_markup() -> None:
    (para,) = parse("<script>alert(1)</script> & <b>x</b>\n").blocks
    assert isinstance(para, Paragraph)
    assert plain(para.children) == "<script>alert(1)</script> & <b>x</b>"


@pytest.mark.parametrize(
    ("info", "classes", "attrs"),
    [
        ("notes", ("notes",), {}),
        (
            '{.reflection lines=4 title="Think about it"}',
            ("reflection",),
            {"lines": "4", "title": "Think about it"},
        ),
        ("{#id .a .b}", ("a", "b"), {"id": "id"}),
        ('{.callout title="unbalanced}', ("callout",), {"title": '"unbalanced'}),
    ],
)
def test_attributes(info: str, classes: tuple[str, ...], attrs: dict[str, str]) -> None:
    assert parse_attrs(info) == (classes, attrs)


def test_bad_front_matter_from_a_template_is_a_content_error() -> None:
    with pytest.raises(ContentError) as caught:
        parse("---\ntitle: a: b\n---\n", "intermediate handout")
    assert "json" in caught.value.problems[0].hint
