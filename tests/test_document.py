from __future__ import annotations

import pytest

from materials_gen.document import (
    Div,
    Emph,
    Heading,
    LineBreak,
    Link,
    ListBlock,
    PageBreak,
    Paragraph,
    Quote,
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


@pytest.mark.parametrize(
    ("written", "address"),
    [
        (
            "See [our policy](https://example.org/our policy.pdf) today.",
            "https://example.org/our%20policy.pdf",
        ),
        ("Write to [us](mailto:learning team@example.org).", "mailto:learning%20team@example.org"),
        ("[Form]( HTTPS://example.org/sign up )", "HTTPS://example.org/sign%20up"),
        ("Call [the line](tel:+1 555 0100).", "tel:+1%20555%200100"),
        (  # angle brackets in the address too: sent as a browser sends them
            "With [a link](https://example.org/a b?x=1&y=<2>) & <angle>",
            "https://example.org/a%20b?x=1&y=%3C2%3E",
        ),
    ],
)
def test_a_link_to_an_address_with_a_space_is_a_link(written: str, address: str) -> None:
    """A web address pasted with a space in it printed the brackets and the address as typed;
    it is the link meant, the space sent as %20."""
    (para,) = parse(written + "\n").blocks
    (link,) = [c for c in para.children if isinstance(c, Link)]
    assert link.href == address
    assert "](" not in plain(para.children)


@pytest.mark.parametrize(
    "written",
    [
        "`[code](https://example.org/a b)` is shown as typed",  # in code
        "[a note](see the box below) stays text",  # no address
        "![A picture](https://example.org/a b.png) is no link",
    ],
)
def test_what_is_not_a_spaced_link_is_left_as_written(written: str) -> None:
    (para,) = parse(written + "\n").blocks
    assert not [c for c in para.children if isinstance(c, Link)]


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
    assert caught.value.problems[0].location.line == 2


def test_front_matter_with_a_tab_names_its_line() -> None:
    """YAML allows no tab where a template might put one (PyYAML's reader says so, and
    where; libyaml would let it pass): the build stops at the front matter's line."""
    with pytest.raises(ContentError) as caught:
        parse("---\ntitle: ok\nsubtitle:\tA\n---\n", "intermediate handout")
    assert caught.value.problems[0].location.line == 3


def test_a_document_nested_past_what_markdown_reads_is_refused_not_cut() -> None:
    """A template that opens blocks inside each other a hundred times would lose every line
    after them (markdown-it stops reading there): refused, naming the line."""
    markdown = "Before\n\n" + "::: box\n" * 120 + "inside\n\nAfter\n"
    with pytest.raises(ContentError) as caught:
        parse(markdown, "handout.md.j2")
    (problem,) = caught.value.problems
    assert problem.location.file == "handout.md.j2" and "nested more than 100" in problem.message
    fences = [":" * (10 - n) for n in range(8)]  # each box inside one of a longer fence
    nine = parse(
        "".join(f"{f} box\n" for f in fences)
        + "- a\n  - b\n    - c\n\n"
        + "".join(f"{f}\n" for f in reversed(fences))
        + "After\n"
    )
    assert "After" in repr(nine.blocks)


def test_a_separator_row_of_unequal_dashes_gives_the_columns_shares() -> None:
    """ "| - | ------ | --- |" asks for a narrow, a wide and a middle column; equal dashes
    leave the widths to the columns' text."""
    from materials_gen.document import Table, parse

    doc = parse("| a | b | c |\n| - | ------ | --- |\n| 1 | 2 | 3 |\n\n| x | y |\n| --- | --- |\n")
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert [t.widths for t in tables] == [(1, 6, 3), ()]


def test_a_quotes_attribution_keeps_its_own_line() -> None:
    """'> — Chief Pharmacist' under a quotation was joined onto the quotation's line, as
    Markdown joins the lines of a paragraph; a sentence wrapped before a dash reads on."""
    doc = parse(
        '---\ntitle: x\n---\n\n> "Every dose is a decision."\n> \u2014 Chief Pharmacist\n\n'
        "> Rooms shape feelings\n> -- and habits.\n\n> a plain\n> quote - with a dash\n\n"
        "> The chairs faced the door\n> \u2014 which mattered \u2014 so people could leave.\n"
    )
    first, second, third, fourth = doc.blocks
    assert first == Quote(
        (
            Paragraph(
                (Text('"Every dose is a decision."'), LineBreak(), Text("\u2014 Chief Pharmacist"))
            ),
        )
    )
    assert LineBreak() not in second.children[0].children  # no sentence ended before it
    assert LineBreak() not in fourth.children[0].children
    assert third == Quote((Paragraph((Text("a plain quote - with a dash"),)),))


def test_no_space_is_left_after_full_width_punctuation() -> None:
    """A template's "**{name}。** {details}" left a double gap in a Japanese handout: the
    full stop holds its own space."""
    from materials_gen.document import Strong, Text, inline_markdown

    assert inline_markdown("**いのちの電話。** 電話してください。 次へ") == (
        Strong((Text("いのちの電話。"),)),
        Text("電話してください。次へ"),
    )
    assert inline_markdown("Hello. World") == (Text("Hello. World"),)
    # before a phone number, Latin, or a bold word too (the support line's details)
    assert inline_markdown("**いのちの電話。** 0120-783-556") == (
        Strong((Text("いのちの電話。"),)),
        Text("0120-783-556"),
    )
    assert inline_markdown("電話。 Call 988") == (Text("電話。Call 988"),)
    assert inline_markdown("いのちの電話。 **電話**") == (
        Text("いのちの電話。"),
        Strong((Text("電話"),)),
    )


def test_the_space_before_a_word_of_a_shaped_script_is_kept() -> None:
    """A word of a script that is shaped is never cut: joined to the Chinese sentence before
    it (the space after "。" left out), the two ran on past the page's edge."""
    from materials_gen.document import Text, inline_markdown

    for word in ("नमस्ते", "שלום", "مرحبا", "สวัสดี"):
        assert inline_markdown(f"做出贡献。 {word}") == (Text(f"做出贡献。 {word}"),)


def test_a_web_or_mail_address_written_out_in_the_text_is_a_link() -> None:
    """A trainer pastes "https://www.samhsa.gov/..." or an e-mail address into a sentence:
    it printed as plain text, though a reader expects to click it in the PDF or on a slide.
    A bare name such as samhsa.gov stays text, and so does the address of a picture written
    wrongly, printed as typed."""
    written = (
        "See https://www.samhsa.gov/trauma, write to help@example.org or see "
        "www.nctsn.org; samhsa.gov and report.py stay."
    )
    (para,) = parse(written + "\n").blocks
    links = [c for c in para.children if isinstance(c, Link)]
    assert [link.href for link in links] == [
        "https://www.samhsa.gov/trauma",
        "mailto:help@example.org",
        "http://www.nctsn.org",
    ]
    assert plain(para.children) == written


def test_an_address_written_out_that_a_link_would_cut_short_is_text() -> None:
    """An address written out with "<" in it was linked up to the "<" (to part of it),
    while its whole was printed: it prints as text, as Markdown reads "<" there."""
    (para,) = parse("See https://a.example.org/?q=<x>&y=1 now.\n").blocks
    assert not [c for c in para.children if isinstance(c, Link)]
    assert plain(para.children) == "See https://a.example.org/?q=<x>&y=1 now."


@pytest.mark.parametrize(
    ("written", "href"),
    [
        ("*Visit https://example.org/x1.*", "https://example.org/x1"),
        ("_https://example.org/x4_", "https://example.org/x4"),
        ("https://example.org/e: ok", "https://example.org/e"),
    ],
)
def test_an_address_written_out_links_without_the_punctuation_after_it(
    written: str, href: str
) -> None:
    """An address at the end of italic text was linked with its full stop ("x1."), one in
    underscores with its underscore, one before a colon with the colon."""
    (para,) = parse(written + "\n").blocks

    def links(inlines):
        for child in inlines:
            if isinstance(child, Link):
                yield child.href
            elif hasattr(child, "children"):
                yield from links(child.children)

    assert list(links(para.children)) == [href]
    assert plain(para.children) == written.strip("*")


@pytest.mark.parametrize(
    ("written", "label", "href"),
    [
        ("Mail:help@example.org.", "Mail:", "mailto:help@example.org"),
        ("E-mail:help@example.org", "E-mail:", "mailto:help@example.org"),
        ("Contact: a.b:help@example.org", "Contact: a.b:", "mailto:help@example.org"),
    ],
)
def test_a_label_written_before_an_e_mail_address_is_not_part_of_it(
    written: str, label: str, href: str
) -> None:
    """A label before an address, "Mail:help@example.org" (no space after the colon), was linked to
    "mailto:Mail:help@example.org", an address no mail program can send to."""
    (para,) = parse(written + "\n").blocks
    links = [c for c in para.children if isinstance(c, Link)]
    assert [link.href for link in links] == [href]
    assert plain(para.children[: para.children.index(links[0])]) == label
    assert plain(links[0].children) == href.removeprefix("mailto:")
    assert plain(para.children) == written


@pytest.mark.parametrize(
    ("written", "hrefs"),
    [
        ("פנו ל-help@example.org היום.", ["mailto:help@example.org"]),
        ("בקרו ב-www.example.org.", ["http://www.example.org"]),
        (
            "פנו ל\u05beinfo@example.org או ב-https://example.org/a",
            ["mailto:info@example.org", "https://example.org/a"],
        ),
        ("ראו ב-samhsa.gov", []),  # a bare name stays text, as after a space
        ("[ל-help@example.org](https://example.org)", ["https://example.org"]),  # no link in a link
    ],
)
def test_an_address_after_a_hebrew_prefix_is_a_link(written: str, hrefs: list[str]) -> None:
    """Hebrew joins "to" or "at" to the word after it with a hyphen or a maqaf: "ל-help@..."
    was printed as text where "to help@..." is a link (linkify took the letter for part of
    the address's name)."""
    (para,) = parse(written + "\n").blocks

    def links(inlines):
        for child in inlines:
            if isinstance(child, Link):
                yield child.href
                assert not list(links(child.children))
            elif hasattr(child, "children"):
                yield from links(child.children)

    assert list(links(para.children)) == hrefs
    if not written.startswith("["):
        assert plain(para.children) == written


def test_an_address_written_before_chinese_text_ends_where_the_chinese_begins() -> None:
    """Chinese and Japanese write an address with no space around it: linkify took the
    characters after it for part of its domain, and the link went to a made-up address
    ("example.xn--org-..."), the sentence after it underlined."""
    from materials_gen.document import Link, Text, parse

    document = parse("---\ntitle: x\n---\n\n详见https://example.org了解更多信息。\n")
    (paragraph,) = document.blocks
    assert paragraph.children == (
        Text("详见"),
        Link("https://example.org", (Text("https://example.org"),)),
        Text("了解更多信息。"),
    )


@pytest.mark.parametrize(
    ("href", "words", "printed"),
    [
        ("https://example.org/guide", "the guide", "https://example.org/guide"),
        ("mailto:team@example.org", "the team", "team@example.org"),
        ("tel:+15550100", "call us", "+15550100"),
        ("https://www.example.org/", "example.org", ""),  # its words show it
        ("HTTPS://Example.org", "see example.org today", ""),
        ("mailto:team@example.org", "team@example.org", ""),
        ("ftp://example.org/file", "the file", ""),  # no link a reader follows
        ("#a-heading", "above", ""),
    ],
)
def test_the_address_printed_after_a_link(href: str, words: str, printed: str) -> None:
    from materials_gen.document import printed_address

    assert printed_address(href, words) == printed
