"""Decks and templates PowerPoint opens without a repair prompt (ECMA-376 schema order).

LibreOffice opens a deck whatever the order of its elements; PowerPoint validates each part
against the schemas and offers to repair one that fails. Every deck the test run builds is
checked in test_zz_clients; these check the templates themselves, and that the check can fail.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx.oxml.ns import qn

from materials_gen.render.ooxml import element, put
from materials_gen.render.pptx_template import builtin_presentation
from materials_gen.theme import load_theme

from .conftest import REPO, powerpoint_findings
from .deck_templates import make_corporate_template
from .test_deck import deck_of


@pytest.mark.parametrize("aspect", ["16:9", "4:3"])
def test_builtin_template_is_valid(aspect: str, tmp_path: Path) -> None:
    path = tmp_path / "builtin.pptx"
    builtin_presentation(load_theme(REPO), aspect).save(str(path))
    assert powerpoint_findings(path) == []


@pytest.mark.parametrize("potx", [False, True])
def test_organisation_template_fixture_is_valid(potx: bool, tmp_path: Path) -> None:
    assert powerpoint_findings(make_corporate_template(tmp_path / "brand.pptx", potx)) == []


def _misorder_first_paragraph(deck: Path, out: Path) -> None:
    """Copy ``deck`` with line spacing moved after the bullet in one paragraph's properties."""
    with zipfile.ZipFile(deck) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "ppt/slides/slide2.xml":
                root = etree.fromstring(data)
                spacing = next(root.iter(qn("a:lnSpc")))
                properties = spacing.getparent()
                properties.remove(spacing)
                properties.append(spacing)  # after buNone / buAutoNum / defRPr: out of order
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
            target.writestr(info, data)


def test_the_check_finds_a_misordered_element(project: Path, tmp_path: Path) -> None:
    deck = deck_of(project, tmp_path / "out")
    assert powerpoint_findings(deck) == []
    broken = tmp_path / "misordered.pptx"
    _misorder_first_paragraph(deck, broken)
    found = powerpoint_findings(broken)
    assert found, "a misordered a:lnSpc went unnoticed"
    assert all("lnSpc" in line and "/ppt/slides/slide2.xml" in line for line in found)
    assert {line.split()[0] for line in found} == {"office2016", "microsoft365"}


def test_put_keeps_schema_order_and_one_bullet() -> None:
    p_pr = etree.fromstring(
        b'<a:pPr xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        b"<a:lnSpc/><a:buFont/><a:defRPr/></a:pPr>"
    )
    put(p_pr, element("a:buChar", char="*"))
    put(p_pr, element("a:buAutoNum", type="arabicPeriod"))  # replaces the character bullet
    put(p_pr, element("a:buClr"))
    names = [etree.QName(e).localname for e in p_pr]
    assert names == ["lnSpc", "buClr", "buFont", "buAutoNum", "defRPr"]


def _numbered_low(path: Path) -> Path:
    """``path`` (a template) with each layout's footer and slide-number placeholders under
    the low ids LibreOffice gives them when it saves a template (3 and 4), which a slide's
    own shapes take first (its body, a picture)."""
    from pptx import Presentation

    prs = Presentation(str(path))
    for layout in prs.slide_layouts:
        for ph in layout.placeholders:
            kind = ph.element.ph.get("type")
            if kind in ("ftr", "sldNum"):
                ph.element.find(f"{qn('p:nvSpPr')}/{qn('p:cNvPr')}").set(
                    "id", "3" if kind == "ftr" else "4"
                )
    prs.save(str(path))
    return path


def test_every_shape_keeps_an_id_of_its_own_beside_a_template_s_low_footer_ids(
    project: Path, tmp_path: Path
) -> None:
    """A slide's footer and number, copied from a layout that numbers them low (as a
    template saved by LibreOffice does), kept the layout's ids, which the slide's picture
    or body had taken: PowerPoint offers to repair a slide with two shapes of one id, and
    may drop the picture doing it."""
    template = tmp_path / "low.pptx"
    builtin_presentation(load_theme(REPO), "16:9").save(str(template))
    deck = deck_of(project, tmp_path / "out", deck_template=_numbered_low(template))
    from pptx import Presentation

    shared = []
    for number, slide in enumerate(Presentation(str(deck)).slides, start=1):
        ids = [e.get("id") for e in slide.shapes._spTree.iter(qn("p:cNvPr"))]
        shared += [(number, i) for i in set(ids) if ids.count(i) > 1]
    assert shared == []
    assert powerpoint_findings(deck) == []


def test_a_template_whose_notes_master_has_no_notes_box_still_carries_the_notes(
    project: Path, tmp_path: Path
) -> None:
    """PowerPoint saves a notes master without its notes box when Body is unticked in its
    Notes Master view: the build stopped with "the deck template holds what PowerPoint does
    not write" (python-pptx gives such a notes page no text frame), though check said OK.
    The notes now get a box of their own where PowerPoint puts it."""
    from pptx import Presentation

    template = tmp_path / "no-notes-box.pptx"
    prs = builtin_presentation(load_theme(REPO), "16:9")
    master = prs.notes_master
    for ph in list(master.placeholders):
        if ph.element.ph.get("type") == "body":
            ph.element.getparent().remove(ph.element)
    prs.save(str(template))
    deck = deck_of(project, tmp_path / "out", deck_template=template)
    slides = Presentation(str(deck)).slides
    notes = [s.notes_slide.notes_text_frame.text for s in slides if s.has_notes_slide]
    assert "Say hello and explain the session." in notes, notes
    assert powerpoint_findings(deck) == []
