"""A deliberately different organisation template, made in code for the tests.

4:3, layouts renamed ("Cover", "Bullets", "Divider", "Split", "Heading Only"), placeholders
moved (titles at the bottom of the cover, body on the right), unused layouts removed: what a
corporate template that is nothing like the built-in one looks like to materials-gen.
"""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation
from pptx.util import Inches

RENAMES = {
    "Title Slide": "Cover",
    "Title and Content": "Bullets",
    "Section Header": "Divider",
    "Two Content": "Split",
    "Title Only": "Heading Only",
}


def _rename(layout, name: str) -> None:
    layout._element.cSld.set("name", name)


def make_corporate_template(path: Path, potx: bool = False) -> Path:
    prs = Presentation()  # python-pptx's bare template is 4:3
    for layout in list(prs.slide_layouts):
        if layout.name not in RENAMES:
            prs.slide_layouts.remove(layout)
    for layout in prs.slide_layouts:
        new = RENAMES[layout.name]
        for ph in layout.placeholders:
            kind = str(ph.placeholder_format.type)
            if new == "Cover" and kind.startswith("CENTER_TITLE"):
                ph.left, ph.top, ph.width, ph.height = (
                    Inches(0.5),
                    Inches(4.6),
                    Inches(9),
                    Inches(1.2),
                )
            elif new == "Cover" and kind.startswith("SUBTITLE"):
                ph.left, ph.top, ph.width, ph.height = (
                    Inches(0.5),
                    Inches(5.8),
                    Inches(9),
                    Inches(1),
                )
            elif new == "Bullets" and kind.startswith("TITLE"):
                ph.left, ph.top, ph.width, ph.height = (
                    Inches(0.4),
                    Inches(0.3),
                    Inches(3),
                    Inches(6.5),
                )
            elif new == "Bullets" and "OBJECT" in kind:
                ph.left, ph.top, ph.width, ph.height = (
                    Inches(3.6),
                    Inches(0.5),
                    Inches(6),
                    Inches(6),
                )
        _rename(layout, new)
    path.parent.mkdir(parents=True, exist_ok=True)
    prs.save(str(path))
    if potx:
        import zipfile

        data = path.read_bytes()
        target = path.with_suffix(".potx")
        with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as out:
            for info in source.infolist():
                body = source.read(info.filename)
                if info.filename == "[Content_Types].xml":
                    body = body.replace(
                        b"presentationml.presentation.main+xml",
                        b"presentationml.template.main+xml",
                    )
                out.writestr(info, body)
        del data
        path.unlink()
        return target
    return path


def make_branded_template(path: Path, colour: str = "F3E9D2") -> Path:
    """The organisation template with a coloured background and a logo on its master.

    Every layout shows the master's background and shapes, as in most corporate templates:
    the printed slides must show them too.
    """
    import io

    from PIL import Image
    from pptx.dml.color import RGBColor
    from pptx.oxml.shapes.picture import CT_Picture

    make_corporate_template(path)
    prs = Presentation(str(path))
    master = prs.slide_master
    master.background.fill.solid()
    master.background.fill.fore_color.rgb = RGBColor.from_string(colour)
    logo = io.BytesIO()
    Image.new("RGB", (120, 40), (200, 30, 60)).save(logo, format="PNG")
    logo.seek(0)
    _, rid = master.part.get_or_add_image_part(logo)
    left, top, width, height = Inches(8.4), Inches(0.2), Inches(1.2), Inches(0.4)
    picture = CT_Picture.new_pic(90, "Logo", "Organisation logo", rid, left, top, width, height)
    master.shapes._spTree.append(picture)
    for layout in prs.slide_layouts:  # the layouts draw no background of their own
        background = layout._element.cSld.bg
        if background is not None:
            layout._element.cSld.remove(background)
    prs.save(str(path))
    return path


def make_template_with_fonts(path: Path, heading: str, body: str) -> Path:
    """The organisation template whose theme names ``heading`` and ``body`` as its fonts."""
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.oxml.ns import qn

    make_corporate_template(path)
    prs = Presentation(str(path))
    part = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob)
    scheme = root.find(f".//{qn('a:fontScheme')}")
    scheme.find(f"{qn('a:majorFont')}/{qn('a:latin')}").set("typeface", heading)
    scheme.find(f"{qn('a:minorFont')}/{qn('a:latin')}").set("typeface", body)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    prs.save(str(path))
    return path


# The names LibreOffice Impress gives PowerPoint's layouts when it saves a deck as .pptx
LIBREOFFICE_NAMES = {
    "Title Slide": "Title Slide",
    "Title and Content": "Title, Content",
    "Two Content": "Title, 2 Content",
    "Title Only": "Title Only",
    "Blank": "Blank Slide",
}


def make_libreoffice_template(path: Path) -> Path:
    """A template as LibreOffice Impress saves one: its own layout names (no 'Section
    Header'), and every placeholder of a layout written without an index, so that all of
    them share the title's (0)."""
    prs = Presentation()
    for layout in list(prs.slide_layouts):
        if layout.name not in LIBREOFFICE_NAMES:
            prs.slide_layouts.remove(layout)
    for layout in prs.slide_layouts:
        for ph in layout.placeholders:
            ph.element.ph.attrib.pop("idx", None)
        _rename(layout, LIBREOFFICE_NAMES[layout.name])
    path.parent.mkdir(parents=True, exist_ok=True)
    prs.save(str(path))
    return path


def use_corporate_template(project: Path) -> Path:
    """The project's course made with :func:`make_corporate_template`, its slide kinds mapped
    to the template's layouts (title: Cover, section: Divider, quote: Bullets)."""
    template = make_corporate_template(project / "templates" / "corporate.pptx")
    course = project / "content" / "course.yaml"
    text = course.read_text(encoding="utf-8")
    assert "settings:\n" in text
    course.write_text(
        text.replace(
            "settings:\n",
            "settings:\n  deck:\n    template: templates/corporate.pptx\n"
            "    layouts:\n      title: Cover\n      section: Divider\n      quote: Bullets\n",
            1,
        ),
        encoding="utf-8",
    )
    return template


def style_master_text(path: Path, title: dict[str, str], body: dict[str, str]) -> Path:
    """``path`` (a template) with its slide master's title and body text styles given
    ``title`` and ``body``: attributes of the first level's paragraph ('spcAft' in points)
    or run ('spc', 'typeface' for its Latin font), as a designer or LibreOffice sets them."""
    from pptx.oxml.ns import qn
    from pptx.oxml.xmlchemy import OxmlElement

    prs = Presentation(str(path))
    styles = prs.slide_master._element.find(qn("p:txStyles"))
    for tag, given in (("p:titleStyle", title), ("p:bodyStyle", body)):
        level = styles.find(qn(tag)).find(qn("a:lvl1pPr"))
        run = level.find(qn("a:defRPr"))
        if "spc" in given:
            run.set("spc", given["spc"])
        if "typeface" in given:
            for old in run.findall(qn("a:latin")):
                run.remove(old)
            latin = OxmlElement("a:latin")
            latin.set("typeface", given["typeface"])
            after_it = run.find(qn("a:ea"))  # the Latin font comes before the others
            if after_it is not None:
                after_it.addprevious(latin)
            else:
                run.append(latin)
        if "spcAft" in given:
            after = OxmlElement("a:spcAft")
            points = OxmlElement("a:spcPts")
            points.set("val", str(int(given["spcAft"]) * 100))
            after.append(points)
            before = level.find(qn("a:spcBef"))
            if before is None:
                before = level.find(qn("a:lnSpc"))
            if before is not None:
                before.addnext(after)
            else:
                level.insert(0, after)
    prs.save(str(path))
    return path


def add_second_master(path: Path) -> Path:
    """``path`` (a template) with a second slide master, whose one layout is a copy of the
    first master's 'Title and Content' (or first layout) named 'Dark Title and Content'."""
    import copy

    from pptx.opc.constants import CONTENT_TYPE as CT
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.opc.packuri import PackURI
    from pptx.oxml import parse_xml
    from pptx.oxml.ns import nsdecls, qn
    from pptx.parts.slide import SlideLayoutPart, SlideMasterPart

    prs = Presentation(str(path))
    package, first = prs.part.package, prs.slide_master
    element = copy.deepcopy(first._element)
    listed = element.find(qn("p:sldLayoutIdLst"))
    for entry in list(listed):
        listed.remove(entry)
    master = SlideMasterPart(
        PackURI("/ppt/slideMasters/slideMaster2.xml"), CT.PML_SLIDE_MASTER, package, element
    )
    master.relate_to(first.part.part_related_by(RT.THEME), RT.THEME)
    model = next(
        (lay for lay in first.slide_layouts if lay.name in ("Title and Content", "Bullets")),
        first.slide_layouts[0],
    )
    copied = copy.deepcopy(model._element)
    copied.find(qn("p:cSld")).set("name", "Dark Title and Content")
    layout = SlideLayoutPart(
        PackURI("/ppt/slideLayouts/slideLayout99.xml"), CT.PML_SLIDE_LAYOUT, package, copied
    )
    layout.relate_to(master, RT.SLIDE_MASTER)
    rid = master.relate_to(layout, RT.SLIDE_LAYOUT)
    listed.append(parse_xml(f'<p:sldLayoutId {nsdecls("p", "r")} id="2147483900" r:id="{rid}"/>'))
    rid = prs.part.relate_to(master, RT.SLIDE_MASTER)
    masters = prs.part._element.find(qn("p:sldMasterIdLst"))
    masters.append(parse_xml(f'<p:sldMasterId {nsdecls("p", "r")} id="2147483899" r:id="{rid}"/>'))
    prs.save(str(path))
    return path
