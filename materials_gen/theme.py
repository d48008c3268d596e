"""The theme: colours, fonts and sizes shared by every output, from ``templates/theme.yaml``.

Fonts are TrueType files embedded in every output. A theme names either a family that ships
with materials-gen (from the ``rendercv-fonts`` package: Noto Sans covers Latin, Greek and
Cyrillic) or font files inside the project's ``templates/`` folder. Characters the theme's
font lacks (Chinese, Japanese, Korean) are drawn in the shipped Noto Sans SC, JP and KR
faces: see :mod:`materials_gen.glyphs`.
"""

from __future__ import annotations

import functools
import io
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Union

from pydantic import BaseModel, ConfigDict, Field, StrictStr

from . import font_tables
from .errors import ContentError, Location, Problem, did_you_mean
from .load import _Problems, parse_yaml, read_text
from .project import alike_hint, display_path, find_template_file, found_alike, looked_up
from .validate import _check_model

Colour = Annotated[StrictStr, Field(pattern=r"^#[0-9A-Fa-f]{6}$")]

MAX_FONT_BYTES = 64 * 1024 * 1024  # a project's font file (Noto Sans CJK is about 17 MB)
BASIC_LATIN = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


class _ThemeModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FontFiles(_ThemeModel):
    regular: StrictStr
    bold: StrictStr | None = None
    italic: StrictStr | None = None
    bold_italic: StrictStr | None = None


FontChoice = Union[StrictStr, FontFiles]  # noqa: UP007


class Fonts(_ThemeModel):
    body: FontChoice = "Noto Sans"
    heading: FontChoice = "Noto Sans"


class Colours(_ThemeModel):
    primary: Colour = "#1F4E79"
    accent: Colour = "#B84B35"
    informed: Colour = "#2E7D6B"
    competent: Colour = "#5B4B8A"
    text: Colour = "#222222"
    muted: Colour = "#5F6B73"
    callout: Colour = "#EEF4F8"
    rule: Colour = "#C9D3DB"
    table_header: Colour = "#1F4E79"
    table_stripe: Colour = "#F4F7F9"


class Sizes(_ThemeModel):
    body: Annotated[float, Field(ge=7, le=20)] = 10.5
    small: Annotated[float, Field(ge=6, le=14)] = 8.5
    h1: Annotated[float, Field(ge=10, le=48)] = 22
    h2: Annotated[float, Field(ge=9, le=36)] = 15
    h3: Annotated[float, Field(ge=8, le=28)] = 12
    title: Annotated[float, Field(ge=14, le=72)] = 30


class ThemeSpec(_ThemeModel):
    name: StrictStr = "materials-gen"
    fonts: Fonts = Fonts()
    colors: Colours = Colours()
    sizes: Sizes = Sizes()


def mix(colour: str, amount: float, base: str = "#FFFFFF") -> str:
    """``colour`` laid over ``base`` at ``amount`` (0: the base, 1: the colour), as #RRGGBB."""
    one = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    two = [int(base[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(
        f"{round(b + (c - b) * amount):02X}" for c, b in zip(one, two, strict=True)
    )


@dataclass(frozen=True)
class Palette:
    """Every colour an output draws, named by its role: the theme's colours and a few made
    from them. Renderers take colours from here only, so a trainer who changes the theme's
    accent changes every box, bar and bullet drawn in it, and no renderer keeps a colour of
    its own that the theme cannot reach."""

    primary: str
    accent: str
    informed: str
    competent: str
    text: str
    muted: str
    callout: str
    rule: str
    table_header: str
    table_stripe: str
    activity: str  # an activity box's background: the accent, faint
    band: str  # the header and footer bands' fill (the primary colour, or the paper in b&w)
    paper: str = "#FFFFFF"  # the page, and boxes cut out of a shaded area
    on_primary: str = "#FFFFFF"  # text on the bands and on table headers
    marks: str = "#000000"  # printer's crop marks: registration black, by convention
    # printed in black and white: no large solid areas, the bands and table headers drawn as
    # rules on the paper, and what colour tells apart elsewhere told by outline and fill
    monochrome: bool = False

    @classmethod
    def of(cls, colours: Colours, monochrome: bool = False) -> Palette:
        if monochrome:
            return cls.black_and_white()
        return cls(
            **colours.model_dump(),
            activity=mix(colours.accent, 0.08),
            band=colours.primary,
        )

    @classmethod
    def black_and_white(cls) -> Palette:
        """The palette for an office printer in black and white (``--print bw``): black text
        and headings, greys only for what is secondary (bars, footers, rules), white where the
        colour palette fills a band, a header row or a box. Greys are chosen apart enough to
        survive a toner-saving print (the lightest, the rules, is 50% black); every text
        colour reads at 7:1 or better on the paper."""
        black, white = "#000000", "#FFFFFF"
        return cls(
            primary=black,
            accent="#4D4D4D",
            informed=black,
            competent=black,
            text=black,
            muted="#4D4D4D",
            callout=white,
            rule="#808080",
            table_header=white,
            table_stripe=white,
            activity=white,
            band=white,
            on_primary=black,
            monochrome=True,
        )


class FontFamily(BaseModel):
    """Four resolved TrueType files (styles missing from a family fall back to regular)."""

    model_config = ConfigDict(frozen=True)
    name: str
    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path

    def files(self) -> tuple[Path, Path, Path, Path]:
        return self.regular, self.bold, self.italic, self.bold_italic


class Theme(BaseModel):
    model_config = ConfigDict(frozen=True)
    spec: ThemeSpec
    body_font: FontFamily
    heading_font: FontFamily
    source: str
    # where theme.yaml sets each colour ("colors.accent" -> (file, line, column)), to point at
    places: dict[str, tuple[str, int, int]] = {}

    @property
    def colors(self) -> Colours:
        return self.spec.colors

    @property
    def sizes(self) -> Sizes:
        return self.spec.sizes

    @property
    def palette(self) -> Palette:
        """The colours every renderer draws with (see :class:`Palette`)."""
        return Palette.of(self.spec.colors)

    def palette_for(self, printing: str) -> Palette:
        """The palette of an output printed in ``printing`` ("colour" or "bw")."""
        return Palette.of(self.spec.colors, monochrome=printing == "bw")


def builtin_families() -> dict[str, Path]:
    import rendercv_fonts

    return {
        folder.name: folder
        for folder in sorted(Path(rendercv_fonts.__file__).parent.iterdir())
        if folder.is_dir() and any(folder.glob("*.ttf"))
    }


def _builtin_family(name: str, where: Location, problems: list[Problem]) -> FontFamily | None:
    families = builtin_families()
    folder = families.get(name)
    if folder is None:
        problems.append(
            Problem(where, f"unknown font family '{name}'", did_you_mean(name, families))
        )
        return None
    stem = name.replace(" ", "")
    styles = {}
    for style, suffix in (
        ("regular", "Regular"),
        ("bold", "Bold"),
        ("italic", "Italic"),
        ("bold_italic", "BoldItalic"),
    ):
        path = folder / f"{stem}-{suffix}.ttf"
        if not path.is_file():
            matches = [p for p in folder.glob(f"*-{suffix}.ttf") if re.match(rf"^{stem}-", p.name)]
            path = matches[0] if matches else None
        styles[style] = path
    regular = styles["regular"]
    if regular is None:
        problems.append(Problem(where, f"font family '{name}' has no regular TrueType file"))
        return None
    bold = styles["bold"] or regular
    italic = styles["italic"] or regular
    bold_italic = styles["bold_italic"] or bold
    return FontFamily(name=name, regular=regular, bold=bold, italic=italic, bold_italic=bold_italic)


def font_problem(path: Path) -> str | None:
    """What stops ReportLab from embedding this font file, or None.

    A project's font is parsed and every glyph subset built here, with the same parser the
    renderers use, so that a text file named .ttf or a truncated download is a message naming
    theme.yaml rather than a traceback from ReportLab in the middle of a build.
    """
    try:
        info = path.stat()
    except OSError as exc:
        return f"cannot be read: {exc.strerror or exc}"
    if info.st_size > MAX_FONT_BYTES:
        return f"is larger than {MAX_FONT_BYTES // 1024 // 1024} MB"
    return _font_problem(path, info.st_size, info.st_mtime_ns)


# the family each project font file names itself ("DejaVu Sans" for DejaVuSans.ttf), as
# PowerPoint and a deck template name it; read when the file is checked
_FAMILIES: dict[str, str] = {}


class _Named(io.BytesIO):
    """A font file's bytes, with its name (as ReportLab names a file in its messages)."""

    def __init__(self, data: bytes, name: str):
        super().__init__(data)
        self.name = name


@functools.lru_cache(maxsize=32)
def _font_problem(path: Path, size: int, modified: int) -> str | None:
    from reportlab.pdfbase.ttfonts import TTFontFile

    try:
        data = path.read_bytes()
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    costly = font_tables.problem(data)
    if costly is not None:  # before ReportLab, which would take minutes and gigabytes
        return costly
    try:
        font = TTFontFile(_Named(data, str(path)), validate=0)  # the bytes read once
        family = font.familyName
        if isinstance(family, bytes):
            family = family.decode("utf-8", "replace")
        family = "".join(ch for ch in family or "" if ch.isprintable())  # a name, in XML too
        if family and family.strip():
            _FAMILIES[str(path)] = " ".join(family.split())[:100]
        codes = sorted(font.charToGlyph)  # at most font_tables.MAX_CHARACTERS: checked above
        for start in range(0, len(codes), 256):  # ReportLab embeds subsets of 256 glyphs
            font.makeSubset(codes[start : start + 256])
    except Exception as exc:  # noqa: BLE001 - ReportLab raises many kinds for damaged fonts
        reason = re.sub(r'^TTF file "[^"]*":\s*', "", " ".join(str(exc).split()))
        return f"is not a TrueType font that can be embedded ({reason[:120] or type(exc).__name__})"
    missing = [ch for ch in BASIC_LATIN if ord(ch) not in font.charToGlyph]
    if missing:
        return f"has no letters for basic Latin (missing {''.join(missing[:12])})"
    return None


def _file_family(
    files: FontFiles,
    base: Path,
    root: Path,
    where: dict[str, Location],
    problems: list[Problem],
) -> FontFamily | None:
    resolved: dict[str, Path | None] = {}
    for style in ("regular", "bold", "italic", "bold_italic"):
        name = getattr(files, style)
        if name is None:
            resolved[style] = None
            continue
        at = where[style]  # the line of theme.yaml that names this file
        path = (base / name).resolve()
        inside = path.is_relative_to(root.resolve()) or path.is_relative_to(base.resolve())
        if not inside:
            problems.append(
                Problem(
                    at,
                    f"font file '{name}' is outside the project",
                    "keep fonts in templates/fonts/",
                )
            )
            resolved[style] = None
            continue
        info = looked_up(path)
        if info is None or not stat.S_ISREG(info.st_mode):
            hint = (
                "check the path: it is relative to templates/ (fonts usually go in "
                "templates/fonts/); or remove the line to use the theme's built-in font"
                if info is None
                else "put the .ttf file itself there"
            )
            alike = found_alike(base / name) if info is None else None
            if alike is not None:  # Lato-regular.ttf, its accents stored otherwise, fonts\\
                hint = alike_hint(name, base / name, alike, base)
            problems.append(
                Problem(
                    at,
                    f"font file '{name}' does not exist"
                    if info is None
                    else f"font file '{name}' is a folder, a pipe or a device, not a file",
                    hint,
                )
            )
            resolved[style] = None
            continue
        if path.suffix.lower() != ".ttf":
            problems.append(
                Problem(
                    at, f"font file '{name}' is not a TrueType (.ttf) file", "convert it to .ttf"
                )
            )
            resolved[style] = None
            continue
        trouble = font_problem(path)
        if trouble is not None:
            problems.append(
                Problem(
                    at,
                    f"font file '{name}' {trouble}",
                    "use a .ttf file from the font's maker, or a built-in family such as "
                    "'Noto Sans'",
                )
            )
            resolved[style] = None
            continue
        resolved[style] = path
    regular = resolved["regular"]
    if regular is None:
        return None
    bold = resolved["bold"] or regular
    return FontFamily(
        name=_FAMILIES.get(str(regular)) or regular.stem.split("-")[0],
        regular=regular,
        bold=bold,
        italic=resolved["italic"] or regular,
        bold_italic=resolved["bold_italic"] or bold,
    )


def load_theme(root: Path) -> Theme:
    """The project's theme (or the built-in one), fonts resolved to files; ContentError if bad."""
    path = find_template_file(root, "theme.yaml")
    loading = _Problems()
    problems: list[Problem] = []
    spec = ThemeSpec()
    source = "built-in defaults"
    base = root / "templates"
    doc = None
    if path is not None:
        source = display_path(path, root)
        base = path.parent
        home = root if path.parent == root / "templates" else path.parent
        text = read_text(path, home, loading)  # a link may not lead out of the project
        doc = parse_yaml(text, source, loading) if text is not None else None
        problems.extend(loading.errors)
        if doc is not None:
            checked = _check_model(
                ThemeSpec, doc, doc.data if doc.data is not None else {}, problems
            )
            spec = checked or spec
    families: dict[str, FontFamily | None] = {}
    for role in ("body", "heading"):
        choice = getattr(spec.fonts, role)
        where = doc.location(("fonts", role)) if doc is not None else Location(source)
        if isinstance(choice, str):
            families[role] = _builtin_family(choice, where, problems)
        else:
            at = {
                style: doc.location(("fonts", role, style)) if doc is not None else Location(source)
                for style in FontFiles.model_fields
            }
            families[role] = _file_family(choice, base, root, at, problems)
    if problems:
        raise ContentError(problems)
    body, heading = families["body"], families["heading"]
    assert body is not None and heading is not None
    places = {}
    if doc is not None:
        for key in Colours.model_fields:
            if ("colors", key) in doc.marks:
                where = doc.location(("colors", key))
                places[f"colors.{key}"] = (where.file, where.line, where.column)
    return Theme(spec=spec, body_font=body, heading_font=heading, source=source, places=places)
