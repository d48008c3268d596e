"""Tagged PDF (PDF/UA-1): what a screen reader gets from the handout, the guide and the forms.

Checked by tools nobody here wrote: the ``pdfua`` checker (PyPI) and poppler's
``pdfinfo -struct-text``; the catalog entries read with pikepdf.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from materials_gen.build import BuildOptions, build

from .conftest import (
    KIT_CLINICAL_ONLY,
    KIT_LANGUAGE,
    REPO,
    append,
    approved,
    kit_copy,
    run,
    tool,
)

# every kind of PDF the default kit builds (certificates and poster tiles: see below)
TAGGED = (
    "handout",
    "guide",
    "evaluation",
    "pretest",
    "posttest",
    "sign-in",
    "answer-key",
    "slides",
    "notes-pages",
    "poster",
)


def pdfua_findings(paths: list[Path]) -> str:
    """What the pdfua checker says of ``paths`` (one run for all); empty when it finds nothing
    in any of them."""
    done = subprocess.run(
        [sys.executable, "-m", "pdfua", "check", *map(str, paths)], capture_output=True, text=True
    )
    if done.returncode == 0 and done.stdout.count("PASS (no findings)") == len(paths):
        return ""
    return f"{done.stdout}{done.stderr}"


def tagged_outputs(kit_outputs: dict[tuple[str, str], Path]) -> list[Path]:
    return [path for (_, kind), path in sorted(kit_outputs.items()) if kind in TAGGED]


def structure(path: Path) -> list[tuple[int, str, str]]:
    """The structure tree as pdfinfo shows it: (depth, element type, its text), in order."""
    found = run(tool("pdfinfo"), "-struct-text", str(path))
    assert found.returncode == 0, found.stderr
    tree: list[tuple[int, str, str]] = []
    for line in found.stdout.splitlines():
        depth = (len(line) - len(line.lstrip())) // 2
        text = line.strip()
        if text.startswith('"'):
            if tree:
                d, kind, said = tree[-1]
                tree[-1] = (d, kind, said + text.strip('"'))
        elif text and not text.startswith("/"):
            tree.append((depth, text.split()[0].rstrip(":"), ""))
    return tree


def test_every_pdf_of_the_kit_passes_the_pdfua_checker(
    kit_outputs: dict[tuple[str, str], Path],
) -> None:
    paths = tagged_outputs(kit_outputs)
    assert len(paths) == 2 * len(TAGGED)
    assert pdfua_findings(paths) == ""


def test_certificates_and_poster_tiles_are_tagged_too(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("name,audience\nAda Lovelace,clinical\nZoë Ørsted,all-staff\n")
    options = BuildOptions(
        output=tmp_path / "out",
        kinds=("certificates", "poster-tiles"),
        roster=roster,
        date="2026-11-30",
        tile="letter",
        languages=(KIT_LANGUAGE,),
    )
    built = [b.path for b in build(approved(kit_copy(tmp_path)), options).built]
    assert len(built) == 4
    assert pdfua_findings(built) == ""
    certificate = next(p for p in built if "clinical-certificates" in p.name)
    tree = structure(certificate)
    assert ("H2", "Ada Lovelace") in [(kind, text) for _, kind, text in tree]
    tiles = next(p for p in built if "clinical-poster-tiles" in p.name)
    with pikepdf.open(tiles) as pdf:
        figures = [k for k in pdf.Root.StructTreeRoot.K.K if str(k.S) == "/Figure"]
        assert len(figures) == len(pdf.pages)
        assert all("Part of the poster" in str(f.Alt) for f in figures)


def test_printed_slides_read_each_slide_title_first(
    kit_outputs: dict[tuple[str, str], Path],
) -> None:
    for kind in ("slides", "notes-pages"):
        tree = structure(kit_outputs["clinical", kind])
        sections = [i for i, (_, k, _) in enumerate(tree) if k == "Sect"]
        assert len(sections) == 47, kind  # one per slide of the clinical deck
        for start in sections:
            assert tree[start + 1][1] == "H1", (kind, tree[start : start + 3])
        titles = [text for _, k, text in tree if k == "H1"]
        assert "Agenda (2 h 20 min)" in titles
    poster = structure(kit_outputs["clinical", "poster"])
    assert [k for _, k, _ in poster][:3] == ["Document", "H1", "P"]
    assert "TH" in [k for _, k, _ in poster]


def test_the_catalog_says_tagged_language_title_and_pdfua(
    kit_outputs: dict[tuple[str, str], Path],
) -> None:
    for path in tagged_outputs(kit_outputs):
        with pikepdf.open(path) as pdf:
            root = pdf.Root
            assert root.MarkInfo.Marked is True, path.name
            assert str(root.Lang) == "en-US", path.name
            assert root.ViewerPreferences.DisplayDocTitle is True
            assert "/StructTreeRoot" in root
            assert pdf.pdf_version >= "1.7"
            xmp = bytes(root.Metadata.read_bytes()).decode("utf-8")
            assert "<pdfuaid:part>1</pdfuaid:part>" in xmp
            title = str(pdf.docinfo["/Title"])
            assert f'<rdf:li xml:lang="x-default">{title}</rdf:li>' in xmp, path.name
            for n, page in enumerate(pdf.pages):
                assert page.obj.StructParents == n
                assert page.obj.Tabs == pikepdf.Name.S
        info = run(tool("pdfinfo"), str(path)).stdout
        assert re.search(r"Tagged:\s+yes", info), path.name


def test_xmp_metadata_says_what_the_document_information_says(
    kit_outputs: dict[tuple[str, str], Path],
) -> None:
    """A reader that prefers XMP (Acrobat's Document Properties, a catalogue) shows the
    same title, author, subject, keywords, tool and dates as one that reads the document
    information: every PDF of the kit says each in both."""
    from pikepdf.models.metadata import decode_pdf_date

    dc, pdf_ns, xmp = (
        "{http://purl.org/dc/elements/1.1/}",
        "{http://ns.adobe.com/pdf/1.3/}",
        "{http://ns.adobe.com/xap/1.0/}",
    )
    for path in tagged_outputs(kit_outputs):
        with pikepdf.open(path) as pdf:
            info = {str(k): str(v) for k, v in pdf.docinfo.items()}
            meta = dict(pdf.open_metadata())
        assert info["/Author"] and info["/Subject"] and info["/Keywords"], path.name
        assert meta[dc + "title"] == info["/Title"], path.name
        assert meta[dc + "creator"] == [info["/Author"]], path.name
        assert meta[dc + "description"] == info["/Subject"], path.name
        assert meta[pdf_ns + "Keywords"] == info["/Keywords"], path.name
        assert meta[pdf_ns + "Producer"] == info["/Producer"], path.name
        assert meta[xmp + "CreatorTool"] == info["/Creator"], path.name
        for key, name in (("/CreationDate", "CreateDate"), ("/ModDate", "ModifyDate")):
            assert meta[xmp + name] == decode_pdf_date(info[key]).isoformat(), path.name


def test_the_handout_reads_in_document_order_with_headings_lists_and_tables(
    kit_build: dict[str, Path],
) -> None:
    tree = structure(kit_build["clinical"])
    kinds = [kind for _, kind, _ in tree]
    assert kinds[0] == "Document"
    for needed in ("H1", "H2", "P", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD"):
        assert needed in kinds, f"no {needed} in the handout's structure"
    assert "TOC" in kinds and "TOCI" in kinds
    headings = [text for _, kind, text in tree if kind in ("H1", "H2")]
    # the modules, in the order of course.yaml, each a heading after the title
    assert headings[0].startswith("Trauma-Informed")
    modules = [h for h in headings if re.match(r"\d+\. ", h)]
    assert modules == sorted(modules, key=lambda h: int(h.split(".")[0]))
    assert len(modules) >= 5
    # the contents lists the headings that follow, in the same order
    entries = [text for _, kind, text in tree if kind == "TOCI"]
    listed = [e for e in entries if re.match(r"\d+\. ", e)]
    assert [re.sub(r"\d+$", "", e).strip() for e in listed] == modules
    # a table's header cells come before its body cells
    first_table = kinds.index("Table")
    assert kinds[first_table + 1 : first_table + 3] == ["TR", "TH"]


def test_tagged_text_keeps_the_spaces_where_lines_break(
    kit_outputs: dict[tuple[str, str], Path],
) -> None:
    """A screen reader reads the tags, not the page: where a line breaks, the words either
    side stay two words ("choose and", never "chooseand"). Every word in the tags is a word
    poppler's pdftotext finds on the page (it sees the gap between lines)."""
    for kind in TAGGED:
        path = kit_outputs["clinical", kind]
        tagged = run(tool("pdfinfo"), "-struct-text", str(path)).stdout
        quoted = " ".join(re.findall(r'^\s*"(.*)"$', tagged, flags=re.MULTILINE))
        page = run(tool("pdftotext"), str(path), "-").stdout
        words = set(re.findall(r"[A-Za-z]+", page))
        run_together = set(re.findall(r"[A-Za-z]+", quoted)) - words
        assert not run_together, (path.name, sorted(run_together)[:10])


def test_headings_never_skip_a_level_and_boxes_are_headed(
    kit_outputs: dict[tuple[str, str], Path],
) -> None:
    """A screen reader's list of headings: H1 first, each heading at most one level below the
    one before it; a box's title ("Learning objectives", "Takeaway") is a heading too."""
    for kind in TAGGED:
        levels = [
            int(k[1])
            for _, k, _ in structure(kit_outputs["clinical", kind])
            if re.fullmatch(r"H\d", k)
        ]
        assert levels and levels[0] == 1, kind
        skips = [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
        assert not skips, (kind, skips)
    headings = [
        t.strip() for _, k, t in structure(kit_outputs["clinical", "handout"]) if k[:1] == "H"
    ]
    for title in ("Learning objectives", "Takeaway", "Reflection"):
        assert title in headings, title
    # a bold line heading what follows (how the kit and trainers write a subheading) is a
    # heading to a screen reader, as it looks; a bold sentence is not
    for title in ("What it involves", "How it shows up day to day"):
        assert title in headings, title
    assert not any(h.endswith(".") for h in headings), headings


def test_a_modules_boxes_are_headings_beside_its_sections(
    kit_outputs: dict[tuple[str, str], Path],
) -> None:
    """A module's activity, takeaway and reflection boxes were H3 under "Key points" (and
    the guide's "Facilitation cues" under "Sources"): moving by H2, a screen reader skipped
    them, or read them as parts of the key points. Each box of the whole module is now a
    peer of its sections, and a heading after a box is still read in the module."""

    def outline(kind: str) -> list[tuple[str, str]]:
        return [
            (k, t.strip())
            for _, k, t in structure(kit_outputs["clinical", kind])
            if re.fullmatch(r"H\d", k)
        ]

    handout = outline("handout")
    module = handout[handout.index(("H1", "2. What trauma-informed care is")) :][:9]
    assert module == [
        ("H1", "2. What trauma-informed care is"),
        ("H2", "Learning objectives"),
        ("H2", "What it involves"),
        ("H2", "How it shows up day to day"),
        ("H2", "Key points"),
        ("H2", "Activity: Safety walk-through \u00b7 8 min"),
        ("H2", "Takeaway"),
        ("H2", "Reflection"),
        ("H1", "3. Trauma-competent care in clinical practice"),
    ]
    guide = outline("guide")
    assert ("H2", "Facilitation cues") in guide and ("H3", "Facilitation cues") not in guide
    # an activity box in the guide's "What to do" is a part of that section
    assert ("H3", "Safety walk-through \u00b7 8 min") in guide


def _elements(pdf: pikepdf.Pdf, kind: pikepdf.Name) -> list[pikepdf.Dictionary]:
    """The structure elements of type ``kind`` in ``pdf``'s structure tree, in order."""
    found: list[pikepdf.Dictionary] = []

    def walk(node: pikepdf.Object) -> None:
        if isinstance(node, pikepdf.Dictionary):
            if node.get("/S") == kind:
                found.append(node)
            kids = node.get("/K")
            if isinstance(kids, pikepdf.Array):
                for kid in kids:
                    walk(kid)
            elif kids is not None:
                walk(kids)

    walk(pdf.Root.StructTreeRoot)
    return found


def _all_staff_handout(project: Path, tmp_path: Path) -> Path:
    """The all-staff handout of ``project`` (a copy of the kit), built into tmp_path/out."""
    options = BuildOptions(
        kinds=("handout",),
        audiences=("all-staff",),
        languages=(KIT_LANGUAGE,),
        output=tmp_path / "out",
    )
    (built,) = build(project, options).built
    return built.path


def test_headings_written_at_one_level_are_read_at_one_level(tmp_path: Path) -> None:
    """Two "###" headings straight under a module's title look alike: both are H2 (the
    first was H2, the second, measured from the first, H3 under it), in the tags and the
    bookmarks alike; a "##" after them is their peer, and a "###" under it the level below."""
    project = kit_copy(tmp_path)
    append(
        project / "content" / "modules" / "trauma-informed.md",
        "\n\n### Lighting at night\n\nLamps low.\n\n### Seating by the door\n\n"
        "Chairs facing the way out.\n\n## Rooms at night\n\nQuiet.\n\n### Lamps\n\nLow.\n",
    )
    handout = _all_staff_handout(project, tmp_path)
    tags = [(k, t.strip()) for _, k, t in structure(handout) if re.fullmatch(r"H\d", k)]
    start = tags.index(("H2", "Lighting at night"))
    assert tags[start : start + 4] == [
        ("H2", "Lighting at night"),
        ("H2", "Seating by the door"),
        ("H2", "Rooms at night"),
        ("H3", "Lamps"),
    ]
    with pikepdf.open(handout) as pdf:
        marks = []

        def read(item: pikepdf.Dictionary, depth: int) -> None:
            while item is not None:
                marks.append((depth, str(item.Title)))
                if "/First" in item:
                    read(item.First, depth + 1)
                item = item.get("/Next")

        read(pdf.Root.Outlines.First, 0)
    module = next(d for d, t in marks if t.endswith("What trauma-informed care is"))
    at = marks.index((module + 1, "Lighting at night"))
    assert marks[at : at + 4] == [
        (module + 1, "Lighting at night"),
        (module + 1, "Seating by the door"),
        (module + 1, "Rooms at night"),
        (module + 2, "Lamps"),
    ]


def test_a_link_is_described_by_its_words_and_heard_once(tmp_path: Path) -> None:
    """A link's Link element and annotation were described by its address ("Link to
    https://..."), what a screen reader's list of links said; a link broken over two lines
    was two links. Now: its own words, one Link element for all its lines."""
    project = kit_copy(tmp_path)
    words = (
        "the national guidance on therapeutic environments for wards, waiting rooms, "
        "corridors, quiet rooms and every other place where people wait for care"
    )
    append(
        project / "content" / "modules" / "trauma-informed.md",
        f"\n\nRead [{words}](https://example.org/estates/) before the session, "
        "and [the checklist](https://example.org/list) after it.\n",
    )
    handout = _all_staff_handout(project, tmp_path)
    with pikepdf.open(handout) as pdf:
        links = [
            (str(link.Alt), [str(r.Obj.Contents) for r in link.K])
            for link in _elements(pdf, pikepdf.Name.Link)
        ]
    ours = [
        (alt, said)
        for alt, said in links
        if "example.org" in alt or alt in (words, "the checklist")
    ]
    assert ours == [(words, [words, words]), ("the checklist", ["the checklist"])], ours


def test_each_link_is_described_by_its_own_words_as_written(tmp_path: Path) -> None:
    """Two links to one address in a paragraph were one Link element, each annotation
    described by both links' words run together ("the policythe policy", "the policyour
    house rules"); a link on Arabic words was described by its drawn glyphs (shaped, in
    the order they are seen, some in the private use area); a web address broken at a
    hyphen gained a space. Each link is its own element, described by its words as
    written."""
    project = kit_copy(tmp_path)
    address = "https://example.org/policy-for-trauma-informed-rooms-and-waiting-areas-" * 2
    append(
        project / "content" / "modules" / "trauma-informed.md",
        "\n\nRead [the policy](https://example.org/p) before the session, and bring "
        "[the policy](https://example.org/p) with you.\n\n"
        "Ask about [the policy](https://example.org/p) or [our house rules]"
        "(https://example.org/p) at the desk.\n\n"
        "\u0645\u0631\u062d\u0628\u0627 [\u0631\u0627\u0628\u0637 \u0647\u0646\u0627]"
        "(https://example.org/ar) \u0628\u0643\u0645.\n\n"
        f"The whole text: <{address}>.\n",
    )
    handout = _all_staff_handout(project, tmp_path)
    with pikepdf.open(handout) as pdf:
        links = [
            (str(link.Alt), [str(r.Obj.Contents) for r in link.K])
            for link in _elements(pdf, pikepdf.Name.Link)
            if "/A" in link.K[0].Obj and "example.org" in str(link.K[0].Obj.A.get("/URI", ""))
        ]
    arabic = "\u0631\u0627\u0628\u0637 \u0647\u0646\u0627"
    assert links[:5] == [
        ("the policy", ["the policy"]),
        ("the policy", ["the policy"]),
        ("the policy", ["the policy"]),
        ("our house rules", ["our house rules"]),
        (arabic, [arabic]),
    ], links
    alt, said = links[5]
    assert alt == address and set(said) == {address} and len(said) >= 2, links[5]


def test_a_link_going_on_over_a_page_break_is_one_link(tmp_path: Path) -> None:
    """A link whose words go on over a page break was two links, each described by the
    whole link's words (a screen reader's list of links said it twice, in full). It is one
    Link element, its annotations on both pages."""
    project = kit_copy(tmp_path)
    words = " ".join(f"step {n} of the long guidance on quiet rooms" for n in range(120))
    append(
        project / "content" / "modules" / "trauma-informed.md",
        f"\n\nRead [{words}](https://example.org/long) before the session.\n",
    )
    handout = _all_staff_handout(project, tmp_path)
    with pikepdf.open(handout) as pdf:
        pages = {page.objgen: n for n, page in enumerate(pdf.pages)}
        links = [
            (str(link.Alt), {pages[r.Pg.objgen] for r in link.K})
            for link in _elements(pdf, pikepdf.Name.Link)
            if "/A" in link.K[0].Obj and "example.org/long" in str(link.K[0].Obj.A.URI)
        ]
    assert len(links) == 1, [(alt[:40], on) for alt, on in links]
    ((alt, on),) = links
    assert alt == words and len(on) >= 2, (alt[:40], on)


# "Welcome to the class" in Persian and in Urdu
PERSIAN = "\u062e\u0648\u0634 \u0622\u0645\u062f\u06cc\u062f \u0628\u0647 \u06a9\u0644\u0627\u0633"
URDU = (
    "\u06a9\u0644\u0627\u0633 \u0645\u06cc\u06ba \u062e\u0648\u0634 \u0622\u0645\u062f\u06cc\u062f"
)


def test_a_passage_in_another_script_says_its_language(tmp_path: Path) -> None:
    """An Arabic paragraph and a Chinese key point in an English handout were tagged as
    English (the document's language): a screen reader read them with English rules. They
    say their own language, as the deck's runs do; a paragraph that mixes in English words
    keeps the document's."""
    project = kit_copy(tmp_path)
    arabic = (
        "\u0645\u0631\u062d\u0628\u0627 \u0628\u0643\u0645 "
        "\u0641\u064a \u0627\u0644\u062f\u0648\u0631\u0629"
    )
    chinese = "\u521b\u4f24\u77e5\u60c5\u7167\u62a4\u4ece\u5b89\u5168\u5f00\u59cb"
    append(
        project / "content" / "modules" / "trauma-informed.md",
        f"\n\n{arabic}.\n\n{chinese}\u3002\n\nMixed: the word {arabic} in a sentence.\n"
        f"\n\n{PERSIAN}.\n\n{URDU}.\n",
    )
    handout = _all_staff_handout(project, tmp_path)
    with pikepdf.open(handout) as pdf:
        spoken = {}
        for element in _elements(pdf, pikepdf.Name.P):
            actual = str(element.get("/ActualText", ""))
            spoken[actual or str(element.get("/Alt", ""))] = str(element.get("/Lang", ""))
        tree = structure(handout)
    assert spoken.get(f"{arabic}.") == "ar-SA", spoken
    # Persian and Urdu, by the letters Arabic does not write: they were said to be Arabic
    assert spoken.get(f"{PERSIAN}.") == "fa-IR", spoken
    assert spoken.get(f"{URDU}.") == "ur-PK", spoken
    assert any(text.strip().startswith("Mixed:") for _, _, text in tree)
    assert spoken.get(f"Mixed: the word {arabic} in a sentence.") == "", spoken
    with pikepdf.open(handout) as pdf:
        langs = [
            str(e.get("/Lang", ""))
            for e in _elements(pdf, pikepdf.Name.P)
            if "/Lang" in e and not str(e.get("/ActualText", ""))
        ]
    assert "zh-CN" in langs, langs


def test_a_quotation_is_a_block_quote(tmp_path: Path) -> None:
    """A "> quoted" passage, drawn in a shaded box, was a Div like any box: a screen reader
    did not say it is a quotation."""
    project = kit_copy(tmp_path)
    append(
        project / "content" / "modules" / "trauma-informed.md",
        "\n\n> Safety first, then everything else.\n",
    )
    handout = _all_staff_handout(project, tmp_path)
    tree = structure(handout)
    at = next(n for n, (_, _, text) in enumerate(tree) if "Safety first, then" in text)
    quotes = [n for n, (_, kind, _) in enumerate(tree[:at]) if kind == "BlockQuote"]
    assert quotes and tree[quotes[-1]][0] < tree[at][0], tree[at - 3 : at + 1]
    assert pdfua_findings([handout]) == ""


def test_clinical_only_text_is_not_in_the_all_staff_structure(
    kit_build: dict[str, Path],
) -> None:
    clinical = " ".join(text for _, _, text in structure(kit_build["clinical"])).lower()
    everyone = " ".join(text for _, _, text in structure(kit_build["all-staff"])).lower()
    found = [p for p in KIT_CLINICAL_ONLY if p.lower() in clinical]
    assert found, "the clinical handout's structure holds none of the clinical-only text"
    for phrase in KIT_CLINICAL_ONLY:
        assert phrase.lower() not in everyone, phrase


def test_a_picture_is_a_figure_with_its_description(tmp_path: Path) -> None:

    project = kit_copy(tmp_path)
    pictures = project / "content" / "pictures"
    pictures.mkdir(exist_ok=True)
    from PIL import Image

    Image.new("RGB", (60, 40), (200, 30, 30)).save(pictures / "red.png")
    module = project / "content" / "modules" / "trauma-informed.md"
    text = module.read_text(encoding="utf-8")
    module.write_text(
        text + "\n\n![A red square standing for the calm room](pictures/red.png)\n",
        encoding="utf-8",
    )
    report = build(
        project,
        BuildOptions(kinds=("handout",), audiences=("all-staff",), languages=(KIT_LANGUAGE,)),
    )
    (handout,) = [b.path for b in report.built]
    with pikepdf.open(handout) as pdf:
        figures = [str(f.get("/Alt", "")) for f in _elements(pdf, pikepdf.Name.Figure)]
    assert figures == ["A red square standing for the calm room"]


@pytest.mark.parametrize("kind", ["handout", "sign-in"])
def test_tagged_pdfs_rebuild_byte_for_byte(tmp_path: Path, kind: str) -> None:
    first = build(
        REPO, BuildOptions(languages=(KIT_LANGUAGE,), output=tmp_path / "a", kinds=(kind,))
    )
    second = build(
        REPO, BuildOptions(languages=(KIT_LANGUAGE,), output=tmp_path / "b", kinds=(kind,))
    )
    one = {b.path.name: b.path.read_bytes() for b in first.built}
    two = {b.path.name: b.path.read_bytes() for b in second.built}
    assert one == two and one


def test_a_rating_forms_statements_head_their_rows(
    kit_outputs: dict[tuple[str, str], Path],
) -> None:
    """The evaluation's statements were TD cells: a screen reader on a tick box said "Agree"
    but not which statement it was for. Each statement is its row's header (TH, Row)."""
    rows = _table_rows(kit_outputs["all-staff", "evaluation"])
    rated = [r for r in rows if r and r[0] == "TH/Row"]
    assert len(rated) >= 5, rows[:4]
    assert all(cell == "TD" for r in rated for cell in r[1:])


def _table_rows(path: Path) -> list[list[str]]:
    """Each TR of a PDF's structure: its cells' types, with a TH's scope ("TH/Row")."""
    import pikepdf

    rows: list[list[str]] = []

    def walk(node: object) -> None:
        if isinstance(node, pikepdf.Array):
            for kid in node:
                walk(kid)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            if node.S == "/TR":
                rows.append(
                    [
                        str(k.S)[1:] + (f"/{str(k.A.Scope)[1:]}" if "/A" in k else "")
                        for k in node.K
                        if isinstance(k, pikepdf.Dictionary) and "/S" in k
                    ]
                )
            walk(node.get("/K", pikepdf.Array()))

    with pikepdf.open(path) as pdf:
        walk(pdf.Root.StructTreeRoot.K)
    return rows


@pytest.mark.parametrize("kind", ["poster", "slides"])
def test_a_table_whose_first_column_is_set_as_headings_tags_it_so(
    kit_outputs: dict[tuple[str, str], Path], kind: str
) -> None:
    """The comparison's first column ("Focus", "Application"...) is drawn as its rows'
    headings (bold, apart from the compared cells) on the poster and the printed slides, as
    in the deck, but was tagged TD: a screen reader on a cell could not say which row it
    was in. Each heads its row (TH, scope Row); the header row heads the columns."""
    rows = _table_rows(kit_outputs["clinical", kind])
    body = [r for r in rows if r and r[0] != "TH/Column"]
    assert len(body) >= 5, rows[:3]
    assert all(r[0] == "TH/Row" and all(c == "TD" for c in r[1:]) for r in body), body[:3]
    assert any(r and all(c == "TH/Column" for c in r) for r in rows), rows[:3]


def test_a_knowledge_checks_questions_are_headings(
    kit_outputs: dict[tuple[str, str], Path],
) -> None:
    """Each question was a P among Ps: a screen reader could not go question by question.
    Each is a heading one level under the form's title, its options after it."""
    tree = structure(kit_outputs["clinical", "pretest"])
    questions = [text for _, kind, text in tree if kind == "H2"]
    assert len(questions) >= 10 and all(re.match(r"\d+\. ", q) for q in questions), questions
    assert [kind for _, kind, _ in tree].count("H1") == 1


def test_english_labels_of_a_language_without_a_catalog_say_they_are_english(
    tmp_path: Path,
) -> None:
    """A course in German, for which no catalog ships, prints materials-gen's own words in
    English ("Learning objectives", "Agenda (10 min)"): they were tagged as German, the
    document's language, and a screen reader read English with German rules. Each says it
    is English, in the handout's tags and in the deck's runs; the course's own words keep
    the document's language."""
    import shutil

    from pptx import Presentation

    from .conftest import PROJECTS, edit

    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    edit(project / "content" / "course.yaml", "language: en-GB", "language: de")
    edit(project / "content" / "modules" / "practice.md", "Putting it into practice", "Behandeln")
    options = BuildOptions(
        kinds=("handout", "deck"), audiences=("all-staff",), output=tmp_path / "out"
    )
    built = {b.target.kind.name: b.path for b in build(project, options).built}
    with pikepdf.open(built["handout"]) as pdf:
        assert str(pdf.Root.Lang) == "de"
        headings = [(str(e.get("/Lang", "")), e) for e in _elements(pdf, pikepdf.Name.H2)]
    tree = structure(built["handout"])
    said = [text for _, kind, text in tree if kind == "H2"]
    assert "Learning objectives" in said, said
    langs = [lang for lang, _ in headings]
    assert langs[said.index("Learning objectives")] == "en", (said, langs)
    deck = Presentation(built["deck"])
    runs = [
        run
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_text_frame and shape.text_frame.text.startswith("Agenda")
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
    ]
    assert runs and all(run._r.rPr.get("lang") == "en" for run in runs), [
        run._r.rPr.get("lang") for run in runs
    ]
    # the course's own titles keep the document's language (a module's "2. Behandeln" too,
    # which looked like "{first} and {second}")
    with pikepdf.open(built["handout"]) as pdf:
        titles = [str(e.get("/Lang", "")) for e in _elements(pdf, pikepdf.Name.H1)]
    assert titles and all(lang in ("", "de") for lang in titles), titles
    own = [
        run._r.rPr.get("lang")
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_text_frame
        for paragraph in shape.text_frame.paragraphs
        if paragraph.text == "Behandeln"
        for run in paragraph.runs
    ]
    assert own and all(lang == "de" for lang in own), own
    assert "2. Behandeln" in [text for _, kind, text in tree if kind == "H1"], tree


def test_a_course_s_own_words_are_not_taken_for_an_english_label() -> None:
    """In a course whose language has no catalog, a text was English when it looked like one
    of materials-gen's labels with their spaces left out: "Colocando em prática" was
    "{first} and {second}", "Khía cạnh" "{hours} h", German "Behandeln" and "Verband" too.
    A label's words match as written, whole words, each placeholder filled (a count with a
    number); labels put together stay English."""
    from materials_gen.glyphs import language_of, writing
    from materials_gen.i18n import Labels, speaking

    practice = "Colocando em prática"
    for tag, own in [
        ("pt-BR", [practice, f"2. {practice}", f"{practice} (20 min)"]),
        ("vi", ["Khía cạnh", "Vitamin h"]),
        ("de", ["Behandeln", "Hand", "Verband", "Verband (10 min)", "Seite x of 3"]),
    ]:
        with speaking(Labels(language=tag)), writing(tag):
            for text in own:
                assert language_of(text) == tag, text
            for text in [
                "Learning objectives",
                "Agenda (20\u00a0min)",
                "3 h",
                "1 h 45 min",
                "Page 3 of 12",
                "2 questions",
                "Objectives: Colocando em prática",
                "Part 1 of 2 · 15\u00a0min",
            ]:
                assert language_of(text) == "en", (tag, text)
            assert language_of("Page x of 12") == tag  # a page is a number


def test_a_link_broken_over_lines_leaves_no_empty_link_behind(tmp_path: Path) -> None:
    """A long address broken over two lines left a link annotation of no width at the end
    of the line before it (37 in the kit's PDFs): a stop a reader tabbing through the links
    met with nothing to show. Every link left covers words, and each is tagged."""
    project = kit_copy(tmp_path)
    long_address = "https://store.samhsa.gov/product/" + "trauma-informed-care-" * 4 + "guide"
    words = " ".join(["Read more"] * 3)
    append(
        project / "content" / "modules" / "trauma-informed.md",
        "".join(f"\n\n{words[:n]} at {long_address}.\n" for n in range(0, 27, 3)),
    )
    handout = _all_staff_handout(project, tmp_path)
    with pikepdf.open(handout) as pdf:
        links = [
            a for page in pdf.pages for a in page.get("/Annots", []) if a.get("/Subtype") == "/Link"
        ]
        assert any("/A" in a and long_address in str(a.A.get("/URI", "")) for a in links)
        widths = [float(a.Rect[2]) - float(a.Rect[0]) for a in links]
        assert min(widths) > 0.01, sorted(widths)[:5]
        assert all("/StructParent" in a for a in links)


def test_a_printed_slide_s_link_is_described_by_its_words_and_heard_once(
    project: Path, tmp_path: Path
) -> None:
    """On the printed slides and the notes pages, a link was described by its address
    ("Link to https://..."), and one broken over lines was a Link element for each line.
    As in the handout: its own words, one Link element for all its lines."""
    from .conftest import edit

    words = (
        "every person who waits in them for a long time, whatever brought them to the "
        "clinic today and however long they have waited"
    )
    edit(
        project / "content" / "modules" / "intro.md",
        "  - Calm rooms help everyone\n",
        f'  - "Calm rooms help [{words}](https://example.org/rooms)"\n',
    )
    options = BuildOptions(
        kinds=("slides", "notes-pages"), audiences=("all-staff",), output=tmp_path / "out"
    )
    for made in build(project, options).built:
        with pikepdf.open(made.path) as pdf:
            links = [
                (str(link.Alt), [str(r.Obj.Contents) for r in link.K])
                for link in _elements(pdf, pikepdf.Name.Link)
            ]
        (alt, said), *others = links
        assert alt == words and set(said) == {words} and len(said) >= 2, (made.path, links)
        assert not others, links
