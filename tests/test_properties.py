"""Property-based checks of the pieces the documents are made of: random texts and
structures, each read as the library the piece replaces reads it (shlex, markdown-it's
syntax tree, ReportLab's paragraph parser). Left to the full run, with the fuzzing."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.styles import ParagraphStyle

from materials_gen.render import pdf
from materials_gen.render.fonts import Fonts
from materials_gen.theme import load_theme

from .conftest import PROJECTS
from .test_paragraph_wrap import _fragments, _Parsed


@given(st.text(alphabet=" \t\r\n\u00a0\u2003\u2028.#=ab-{}", max_size=30))
def test_attributes_without_quotes_are_split_as_shlex_splits_them(info: str) -> None:
    """Attributes without quotes or backslashes are split without shlex, into the same words
    (at spaces, tabs and line ends only: a no-break space stays inside its word)."""
    import shlex

    from materials_gen.document import attribute_words

    assert list(attribute_words(info)) == shlex.split(info, posix=True)


_PIECES = (
    "# A *heading*",
    "text with [a link](https://example.org 'T'), `code` and ![alt *x*](p.png \"t\")",
    "- item\n- item **two**\n  - nested",
    "1. one\n2. two",
    "> quoted\n> more",
    "| a | b |\n|:--|--:|\n| *x* | [l](y) |",
    '::: {.callout title="Hi"}\ntext\n:::',
    ":::: slide\n::: notes\nsay\n:::\n::::",
    "```\ncode\n```",
    "---",
    "~~gone~~ text  \nafter a hard break",
    "[ref]: https://example.org\n[ref]",
)


@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=8))
def test_tokens_are_nested_as_markdown_it_nests_them(pieces: list[str]) -> None:
    """The document's own walker nests tokens exactly as markdown-it's SyntaxTreeNode does."""
    from markdown_it.tree import SyntaxTreeNode

    from materials_gen.document import _MD, _tree

    def shape(node: object) -> tuple[object, ...]:
        return (
            node.type,  # type: ignore[attr-defined]
            node.tag,  # type: ignore[attr-defined]
            dict(node.attrs),  # type: ignore[attr-defined]
            node.content if not node.children else "",  # type: ignore[attr-defined]
            tuple(shape(c) for c in node.children),  # type: ignore[attr-defined]
        )

    tokens = _MD.parse("\n\n".join(pieces))
    theirs = SyntaxTreeNode(tokens).children
    ours = _tree(tokens)
    assert [shape(n) for n in ours] == [shape(n) for n in theirs]


PLAIN = st.text(
    alphabet=st.characters(blacklist_characters="<&", blacklist_categories=("Cs",)), max_size=80
)


@settings(max_examples=200, deadline=None)
@given(text=PLAIN, bold=st.booleans(), size=st.sampled_from([8, 11, 24]))
def test_a_text_without_markup_gets_the_fragments_reportlab_parses(
    text: str, bold: bool, size: int
) -> None:
    """The fragments made without the HTML parser (no tag, no entity in the text) are those
    ReportLab's parser makes, attribute for attribute, with the same text and bullet."""
    fonts = Fonts(load_theme(PROJECTS / "minimal").body_font)
    style = ParagraphStyle(
        "body",
        fontName=fonts.bold if bold else fonts.regular,
        fontSize=size,
        leading=size * 1.3,
        bulletText="\u2022" if bold else None,
        textTransform="uppercase" if size == 24 else None,
    )
    ours, parsed = pdf.Paragraph(text, style), _Parsed(text, style)
    assert ours.text == parsed.text
    assert ours.bulletText == parsed.bulletText
    assert _fragments(ours) == _fragments(parsed)
