"""The words materials-gen itself prints, in the course's language (gettext catalogs, Babel).

What a Spanish-speaking trainer checks: the handout's headings, the forms' instructions, the
footers' "Página 1 de 4" and the dates are Spanish; a project can change any label, or add a
language, with a .po file and no code; ``check`` says which labels a language lacks.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from materials_gen import i18n
from materials_gen.cli import main
from materials_gen.i18n import LOCALE, Labels, load_labels, missing

from .conftest import PROJECTS, all_text, edit, pages_text, run, tool

AUDIENCE = "all-staff"


def cli(*args: str, code: int = 0) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result.output


def speak(project: Path, language: str) -> None:
    edit(project / "content" / "course.yaml", "language: en-GB", f"language: {language}")


def built(project: Path, *kinds: str) -> dict[str, str]:
    """Build the audience's ``kinds``; the text of each file, by kind."""
    only = [a for k in kinds for a in ("--only", k)]
    cli("build", "-p", str(project), "-a", AUDIENCE, "-j", "1", *only)
    found = {}
    for path in (project / "output" / AUDIENCE).glob("*.pdf"):
        kind = path.stem.removeprefix(f"safe-rooms-{AUDIENCE}-")
        found[kind] = "\n".join(pages_text(path))
    return found


# ---------------------------------------------------------------- the catalogs


def test_the_message_template_lists_every_label_in_the_code_and_templates() -> None:
    """messages.pot is current: run `python -m materials_gen.i18n` after changing a label."""
    from babel.messages.pofile import read_po

    with i18n.TEMPLATE.open("rb") as template:
        shipped = {m.id for m in read_po(template) if m.id}
    found = {m.id for m in i18n.extract() if m.id}
    assert found == shipped, f"run python -m materials_gen.i18n: {sorted(found ^ shipped, key=str)}"
    assert "Key points" in shipped and ("{count} question", "{count} questions") in shipped


@pytest.mark.parametrize("language", ["es", "fr"])
def test_spanish_and_french_are_complete(language: str) -> None:
    labels = load_labels(None, language)
    assert i18n.missing(labels) == []
    # every translation keeps the message's placeholders
    for message, text in labels.translations:
        wanted = set(i18n._PLACEHOLDER.findall(message))
        for form in text.split("\0"):
            assert set(i18n._PLACEHOLDER.findall(form)) <= wanted | {"count"}, (message, form)


def test_regional_languages_fall_back_to_the_language() -> None:
    mexico = load_labels(None, "es-MX")
    assert mexico.gettext("Key points") == load_labels(None, "es").gettext("Key points")
    assert mexico.gettext("Key points") != "Key points"
    assert load_labels(None, "en-GB").gettext("Key points") == "Key points"
    assert load_labels(None, "de").gettext("Key points") == "Key points"  # no catalog: English


@pytest.mark.parametrize("language", ["en-GB", "en-AU", "en-NZ", "en-IE"])
def test_british_spelling_for_the_englishes_that_use_it(language: str) -> None:
    """An en-GB course printed "ORGANIZATION" and "License or registration number"."""
    labels = load_labels(None, language)
    assert labels.gettext("Organization") == "Organisation"
    assert labels.gettext("License or registration number") == "Licence or registration number"
    assert labels.gettext("Key points") == "Key points"
    assert missing(labels) == []  # English: nothing to translate


def test_american_english_keeps_its_spelling() -> None:
    for language in ("en", "en-US", "en-CA"):
        assert load_labels(None, language).gettext("Organization") == "Organization"


def test_an_en_gb_sign_in_sheet_says_licence(project: Path) -> None:
    from materials_gen.build import BuildOptions, build

    from .conftest import credited

    credited(project)  # the sign-in sheet then asks for a licence number
    options = BuildOptions(output=project / "out", audiences=("clinical",), kinds=("sign-in",))
    (made,) = build(project, options).built  # the minimal course is in en-GB
    assert "Licence or registration" in all_text(made.path)


def test_plural_forms_follow_the_language() -> None:
    english = Labels()
    assert english.ngettext("{count} question", "{count} questions", 1) == "1 question"
    assert english.ngettext("{count} question", "{count} questions", 0) == "0 questions"
    french = load_labels(None, "fr")
    one, zero, two = (
        french.ngettext("{count} question", "{count} questions", n) for n in (1, 0, 2)
    )
    assert one.startswith("1 ") and zero.startswith("0 ") and two.startswith("2 ")
    assert zero == one.replace("1", "0")  # French counts zero as singular
    assert two != one.replace("1", "2")


def test_dates_durations_and_numbers_follow_the_language() -> None:
    day = dt.date(2026, 11, 2)
    # a date is read whole: its spaces are no-break spaces, so no line parts it
    assert i18n.long_date(day, "en-US") == "2\xa0November\xa02026"
    assert i18n.long_date(day, "es") == "2\xa0de\xa0noviembre\xa0de\xa02026"
    assert i18n.long_date(day, "fr") == "2\xa0novembre\xa02026"
    assert i18n.long_date(day, "de") == "2.\xa0November\xa02026"
    assert i18n.long_date(day, "ja") == "2026年11月2日"  # no space to bind
    # a date as long as a sentence is read as words: it breaks between them as text does
    long = i18n.long_date(day, "kde")
    assert len(long) > 24 and "\xa0" not in long and " " in long
    assert Labels().minutes(115) == "1 h 55 min"
    assert load_labels(None, "es").number(1.5, 2) == "1,50"
    assert Labels("en").number(1.5, 2) == "1.50"


# ---------------------------------------------------------------- in the outputs


def test_a_spanish_course_prints_spanish_labels(project: Path) -> None:
    speak(project, "es")
    texts = built(project, "handout", "evaluation", "sign-in", "guide")
    es = load_labels(None, "es")
    handout = texts["handout"]
    for message in ("Key points", "Learning objectives", "Contents", "Reflection"):
        assert es.gettext(message) in handout, message
    assert es.gettext("Page {page} of {total}", page=1, total=handout.count("\f") + 1)[:6] in (
        handout
    )
    assert "4 de marzo de 2025" in handout  # the content's date, in Spanish
    for english in ("Key points", "Learning objectives", "Page 1 of", "PARTICIPANT HANDOUT"):
        assert english not in handout, english
    assert es.gettext("Participant handout").upper() in handout
    assert es.gettext("Signature") in texts["sign-in"]
    assert es.gettext("How well did each part meet its learning objectives?") in texts["evaluation"]
    assert es.gettext("Session plan") in texts["guide"]
    assert "Session plan" not in texts["guide"]


def test_a_spanish_deck_says_cont_and_agenda_in_spanish(project: Path) -> None:
    from pptx import Presentation

    speak(project, "es")
    cli("build", "-p", str(project), "-a", AUDIENCE, "-j", "1", "--only", "deck")
    deck = next((project / "output" / AUDIENCE).glob("*.pptx"))
    titles = [s.shapes.title.text for s in Presentation(str(deck)).slides if s.shapes.title]
    es = load_labels(None, "es")
    assert any(t.startswith(es.gettext("Agenda")) for t in titles), titles
    assert not any(t.startswith("Agenda") and es.gettext("Agenda") != "Agenda" for t in titles)


def test_a_project_catalog_changes_one_label(project: Path) -> None:
    folder = project / "templates" / "locale"
    folder.mkdir(parents=True)
    (folder / "en.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Key points"\nmsgstr "Remember"\n',
        encoding="utf-8",
    )
    texts = built(project, "handout")
    assert "Remember" in texts["handout"] and "Key points" not in texts["handout"]
    # the catalog is an input: changing it rebuilds, naming it
    edit(folder / "en.po", 'msgstr "Remember"', 'msgstr "To remember"')
    output = cli("build", "-p", str(project), "-a", AUDIENCE, "-j", "1", "--only", "handout")
    assert "templates/locale/en.po changed" in output


def test_a_project_can_add_a_language_with_the_labels_command(project: Path) -> None:
    speak(project, "de")
    output = cli("check", "-p", str(project))
    assert "have no translation for 'de'" in output and "materials-gen labels de" in output
    said = " ".join(cli("labels", "de", "-p", str(project)).split())
    assert "templates/locale/de.po" in said and "0 of" in said
    # no built-in German words: an entry deleted would print in English (a German course
    # was told to delete the entries it left alone)
    assert "delete the others" not in said and "Fill in the" in said, said
    catalog = project / "templates" / "locale" / "de.po"
    edit(catalog, 'msgid "Key points"\nmsgstr ""', 'msgid "Key points"\nmsgstr "Kernpunkte"')
    texts = built(project, "handout")
    assert "Kernpunkte" in texts["handout"]
    assert "2. November" not in texts["handout"] and "4. März 2025" in texts["handout"]
    # writing it again keeps what was translated
    assert "1 of" in cli("labels", "de", "-p", str(project))
    assert 'msgstr "Kernpunkte"' in catalog.read_text(encoding="utf-8")
    # a catalog that lacks one label says so in the singular
    spanish = (LOCALE / "es.po").read_text(encoding="utf-8")
    catalog.write_text(spanish.replace('msgstr "Puntos clave"', 'msgstr ""', 1), encoding="utf-8")
    output = " ".join(cli("check", "-p", str(project)).split())
    assert "1 label materials-gen puts on the outputs has no translation for 'de' and is" in output


def test_the_labels_command_starts_from_the_built_in_translation(project: Path) -> None:
    said = " ".join(cli("labels", "es", "-p", str(project)).split())
    assert "delete the others: they keep the built-in words" in said, said
    text = (project / "templates" / "locale" / "es.po").read_text(encoding="utf-8")
    assert f'msgstr "{load_labels(None, "es").gettext("Key points")}"' in text


@pytest.mark.parametrize("language", ["fr", "es"])
def test_the_labels_command_writes_the_built_in_plurals_in_the_file_s_own_forms(
    project: Path, language: str
) -> None:
    """The built-in French catalog has two plural forms (one, other); the file is written
    with Babel's three for French (one, many, other), and the two were copied as its first
    two: the everyday plural left empty (a run later said 211 of 214 translated, the first
    214), and "other" used for millions only. Each form is now the built-in one for the
    counts the file's rule gives it."""
    said = [cli("labels", language, "-p", str(project)) for _ in range(2)]
    every = len(i18n.all_messages())
    assert said[0] == said[1] and f"{every} of {every} labels translated" in said[0], said
    written = i18n.load_labels(project, language)
    built_in = load_labels(None, language)
    for count in (0, 1, 2, 5, 1_000_000):
        assert written.ngettext("{count} part", "{count} parts", count) == built_in.ngettext(
            "{count} part", "{count} parts", count
        ), count


@pytest.mark.parametrize(
    ("entry", "said"),
    [
        (
            'msgid "Page {page} of {total}"\nmsgstr "Seite {seite} von {total}"\n',
            "uses {seite}, which the message does not have",
        ),
        ('msgid "Key points"\nmsgstr "Kernpunkte\n', "the catalog cannot be read"),
        (  # drawn in every page's footer: 790,000 words took a minute a build
            'msgid "Page {page} of {total}"\nmsgstr "{page} ' + "Seite " * 400 + '{total}"\n',
            "is 2,414 characters long; a label is at most 2,000",
        ),
        (  # each filled with a template's value: 250 of them made 500 MB
            'msgid "Page {page} of {total}"\nmsgstr "' + "{page} " * 250 + '{total}"\n',
            "uses {page} 250 times; a label names a value at most 3 times",
        ),
        (  # printed as typed: "9:10–9:20 · {minutes min"
            'msgid "{minutes} min"\nmsgstr "{minutes min"\n',
            "has a brace that names no value: '{minutes' (printed as typed)",
        ),
        (  # a field or a format is no name: printed as typed too
            'msgid "Page {page} of {total}"\nmsgstr "Seite {page.__class__} von {total:>99}"\n',
            "has a brace that names no value: '{page.__class__}'",
        ),
    ],
    ids=["placeholder", "cut short", "too long", "repeated", "unclosed brace", "no name"],
)
def test_a_bad_catalog_is_named_with_its_line(project: Path, entry: str, said: str) -> None:
    speak(project, "de")
    folder = project / "templates" / "locale"
    folder.mkdir(parents=True)
    (folder / "de.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n' + entry,
        encoding="utf-8",
    )
    output = cli("build", "-p", str(project), code=1)
    assert "templates/locale/de.po:" in output and said in output
    assert "Traceback" not in output


def german_catalog(project: Path, forms: str, translations: tuple[str, ...]) -> None:
    """The project speaking German, with templates/locale/de.po: its header's Plural-Forms
    line(s) ``forms`` (line 4 on), and one plural message translated as ``translations``."""
    speak(project, "de")
    folder = project / "templates" / "locale"
    folder.mkdir(parents=True)
    strings = "".join(f'msgstr[{n}] "{text}"\n' for n, text in enumerate(translations))
    (folder / "de.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        f'{forms}\n\nmsgid "{{count}} part"\nmsgid_plural "{{count}} parts"\n{strings}',
        encoding="utf-8",
    )


def test_a_plural_form_each_naming_the_count_once_is_not_a_repeat(project: Path) -> None:
    """Welsh has four plural forms, Arabic six: each names {count} once, and the limit on
    repeated names counted them all together ("uses {count} 4 times")."""
    german_catalog(
        project,
        '"Plural-Forms: nplurals=4; plural=(n==1 ? 0 : n==2 ? 1 : n<8 ? 2 : 3);\\n"',
        ("{count} rhan", "{count} ran", "{count} rhan.", "{count} rhannau"),
    )
    output = cli("check", "-p", str(project))
    assert "times; a label names a value at most" not in output, output


@pytest.mark.parametrize(
    ("rule", "said"),
    [
        ("nplurals=2; plural=n/0;", "'n/0' cannot be worked out for 0"),
        ("nplurals=2; plural=n % 0;", "cannot be worked out for 0"),
        ("nplurals=2; plural=-7;", "'-7' cannot be read"),
        (
            "nplurals=2; plural=(n > 1 ? 2 : 0);",
            "gives form 2 for 2, and the catalog has forms 0 to 1",
        ),
        ("nplurals=2; plural=(n != 1;", "cannot be read"),
    ],
    ids=["division by zero", "modulo zero", "not C", "a form the catalog lacks", "unclosed"],
)
def test_a_catalogs_bad_plural_rule_is_named_in_the_catalog(
    project: Path, rule: str, said: str
) -> None:
    """A Plural-Forms rule was compiled and never tried: dividing by zero stopped the build
    blaming the built-in deck template, and a rule giving a form the catalog has not
    quietly took the last one."""
    german_catalog(project, f'"Plural-Forms: {rule}\\n"', ("{count} Teil", "{count} Teile"))
    for command in ("check", "build"):
        output = " ".join(cli(command, "-p", str(project), code=1).split())
        assert "templates/locale/de.po" in output and "the catalog's plural rule" in output
        assert said in output and "built-in" not in output and "Traceback" not in output


@pytest.mark.parametrize(
    "forms",
    [
        '"Plural-Forms: nplurals=150000000; plural=(n != 1);\\n"',
        '"Plural-Forms: nplurals=7; plural=(n != 1);\\n"',
        # written so that a look at the text alone misses it, as Babel reads it whole
        '"Plural-Forms: nplurals="\n"150000000; plural=(n != 1);\\n"',
        '"Plural-Forms: nplurals=+150000000; plural=(n != 1);\\n"',
        '"Plural-Forms: nplurals=0_150_000_000; plural=(n != 1);\\n"',
    ],
    ids=["150 million", "seven", "split", "plus sign", "underscores"],
)
def test_a_catalog_declaring_more_plural_forms_than_a_language_has_is_refused(
    project: Path, forms: str
) -> None:
    """Babel makes room for each declared form of every plural message as it reads: a
    116-byte catalog declaring 150 million forms took 2.4 GB, and more ran out of memory
    with a traceback. The number is checked where Babel reads it, and named at its line."""
    german_catalog(project, forms, ("{count} Teil",))
    output = " ".join(cli("check", "-p", str(project), code=1).split())
    assert "templates/locale/de.po:4" in output, output
    assert "plural forms (nplurals); a language has 6 at most" in output
    assert "Traceback" not in output


def test_placeholders_are_filled_by_name_only() -> None:
    assert i18n.fill("{a} and {b}", {"a": 1, "b": 2}) == "1 and 2"
    assert i18n.fill("{a.__class__}", {"a": 1}) == "{a.__class__}"
    assert i18n.fill("{missing}", {}) == "{missing}"


@pytest.mark.parametrize(
    "reach", ["_.__globals__", "_.__closure__[0].cell_contents", "_n.__code__", "_.__self__"]
)
def test_a_template_cannot_reach_through_the_label_functions(project: Path, reach: str) -> None:
    """``_`` and ``_n`` are the only functions a template is given: nothing behind them
    (the catalogs, materials-gen's modules) can be reached from a shared template."""
    (project / "templates").mkdir()
    (project / "templates" / "handout.md.j2").write_text(
        f"---\ntitle: x\n---\n\n{{{{ {reach} }}}}\n", encoding="utf-8"
    )
    output = cli("build", "-p", str(project), "--only", "handout", code=1)
    assert "templates/handout.md.j2:5" in output
    assert "Traceback" not in output


def test_clock_times_follow_the_language() -> None:
    """One session plan, its times written as the course's language writes them."""
    from materials_gen.schedule import _clock

    assert _clock(9 * 60 + 5, "en-US") == "9:05\u202fAM"
    assert _clock(13 * 60 + 5, "en-US") == "1:05\u202fPM"
    assert _clock(13 * 60 + 5, "en-GB") == "13:05"
    assert _clock(13 * 60 + 5, "es") == "13:05"
    assert _clock(13 * 60 + 5, "fr-CA") == "13 h 05"


def test_translated_headers_never_break_a_printed_word(project: Path) -> None:
    """French headers are longer: the sign-in sheet's columns still fit the longest word
    printed in them (a course title's "Neurodevelopmentally-Informed" whole, never cut in
    two inside its column)."""
    speak(project, "fr")
    edit(
        project / "content" / "course.yaml",
        "title: Safe Rooms",
        "title: Neurodevelopmentally-Informed Care",
    )
    built(project, "sign-in")
    sheet = next((project / "output" / AUDIENCE).glob("*-sign-in.pdf"))
    words = run(tool("pdftotext"), str(sheet), "-").stdout.split()
    assert "Neurodevelopmentally-Informed" in words, words[:40]


def test_a_translations_missing_labels_are_told_at_its_own_language_line(project: Path) -> None:
    """A translation into a language materials-gen has no labels for: the warning points at
    the language line of that translation's course.yaml, where the trainer set it, not at
    the course's own language."""
    cli("translate", "de", "-p", str(project))
    course = project / "content" / "translations" / "de" / "course.yaml"
    line = course.read_text(encoding="utf-8").splitlines().index("language: de") + 1
    output = cli("check", "-p", str(project))
    warning = next(s for s in output.splitlines() if "have no translation for 'de'" in s)
    assert warning.startswith(f"content/translations/de/course.yaml:{line}:1: warning: "), warning


def test_the_agenda_notes_part_and_length_follow_the_languages_punctuation(
    tmp_path: Path,
) -> None:
    """The agenda slide's notes of a course in French say each part in French words and
    order: "Pause à 10:05 (10 min)". (The colon once written into the template also lacked
    French's space before it; a part's own colon, "Knowledge check: before: 5 min", made
    two: each length is now in brackets, as the notes pages' strip and the slides have it.)"""
    import shutil

    from pptx import Presentation

    from materials_gen.build import BuildOptions, build

    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    course = project / "content" / "course.yaml"
    course.write_text(
        course.read_text(encoding="utf-8").replace("language: en-GB", "language: fr"), "utf-8"
    )
    options = BuildOptions(output=tmp_path / "out", audiences=("all-staff",), kinds=("deck",))
    (deck,) = [b.path for b in build(project, options).built]
    agenda = Presentation(str(deck)).slides[1]
    notes = agenda.notes_slide.notes_text_frame.text
    assert "Welcome to safe rooms (10\xa0min)" in notes, notes


def test_a_catalogs_words_cannot_put_a_file_from_elsewhere_in_a_pdf(
    project: Path, tmp_path: Path
) -> None:
    """A shared project's catalog gave the option letters as ReportLab markup: an <img> tag
    naming a picture outside the project put it beside every question of the pretest (and
    /dev/zero read until memory ran out). Its words are text: the tag is printed, no file
    is read."""
    from PIL import Image
    from pypdf import PdfReader

    secret = tmp_path / "outside" / "secret.png"
    secret.parent.mkdir()
    Image.new("RGB", (40, 10), "red").save(secret)
    folder = project / "templates" / "locale"
    folder.mkdir(parents=True)
    tag = f'<img/src=\\"{secret}\\"/width=\\"40\\"/height=\\"10\\"/>'
    (folder / "en.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        f'msgid "A B C D E F G H"\nmsgstr "{tag} B C D E F G H"\n\n'
        f'msgid "Organization"\nmsgstr "<img/src=\\"{secret}\\"/>"\n',
        encoding="utf-8",
    )
    edit(
        project / "content" / "modules" / "intro.md",
        "content_note:",
        "questions:\n  - question: Which light calms a room?\n    options: [Soft, Harsh]\n"
        "    answer: a\ncontent_note:",
    )
    out = tmp_path / "out"
    cli("build", "-p", str(project), "-o", str(out), "--only", "pretest", "--only", "handout")
    for pdf in out.rglob("*.pdf"):
        reader = PdfReader(pdf)
        sizes = [image.image.size for page in reader.pages for image in page.images]
        assert (40, 10) not in sizes, pdf.name
        printed = "".join(page.extract_text() for page in reader.pages).lower()
        assert "<img/src=" in printed, pdf.name  # shown as written (upper-cased: a label)


def test_labels_names_the_line_of_a_catalog_it_cannot_read_and_refuses_an_unknown_language(
    project: Path,
) -> None:
    """A damaged catalog of a language the course is not in was "mend it (materials-gen
    check names the line)", and check, which reads only the course's languages, said OK;
    `labels sp` (Spanish is es) wrote sp.po. The line is named here, nothing written."""
    catalog = project / "templates" / "locale" / "de.po"
    catalog.parent.mkdir(parents=True)
    catalog.write_text('msgid "Key points"\nmsgstr "Kernpunkte\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["labels", "de", "-p", str(project)])
    assert result.exit_code == 1, result.output
    assert "templates/locale/de.po:2: error: the catalog cannot be read" in result.output
    assert catalog.read_text(encoding="utf-8").endswith('"Kernpunkte\n')
    result = CliRunner().invoke(main, ["labels", "sp", "-p", str(project)])
    assert result.exit_code == 1 and "'sp' is not a language" in result.output, result.output
    assert not (catalog.parent / "sp.po").exists()
    # nor does check, of a course in 'sp', send the trainer to run it
    speak(project, "sp")
    said = " ".join(cli("check", "-p", str(project)).split())
    assert "the language 'sp' is not one whose dates and numbers" in said, said
    assert "labels sp" not in said and "use a language tag such as 'es'" in said, said


def test_a_catalog_and_a_template_saved_with_a_byte_order_mark_are_read(project: Path) -> None:
    """Windows Notepad writes a byte-order mark before UTF-8 text. A catalog saved so was
    refused with Babel's own words ("Unknown or misformatted keyword"); a template saved
    so lost its front matter (the handout's cover blank, its facts printed as a heading).
    Both are read as without it."""
    from .conftest import REPO

    locale = project / "templates" / "locale"
    locale.mkdir(parents=True, exist_ok=True)
    (locale / "fr.po").write_bytes(
        b'\xef\xbb\xbfmsgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        b'msgid "Key points"\nmsgstr "Points essentiels"\n'
    )
    assert load_labels(project, "fr").gettext("Key points") == "Points essentiels"
    built_in = (REPO / "templates" / "handout.md.j2").read_bytes()
    (project / "templates" / "handout.md.j2").write_bytes(b"\xef\xbb\xbf" + built_in)
    cli("build", "-p", str(project), "--only", "handout", "-a", "all-staff")
    (handout,) = (project / "output" / "all-staff").glob("*handout.pdf")
    cover = pages_text(handout)[0]
    assert "Safe Rooms" in cover and "title:" not in cover and "---" not in cover


@pytest.mark.parametrize("saved", ["utf-16-le", "utf-16-be", "lone-cr", "crlf"])
def test_a_catalog_saved_by_another_systems_editor_is_read(project: Path, saved: str) -> None:
    """Notepad's "Unicode" (UTF-16 with its mark) was refused as "a quoted text is not
    closed"; an old Mac editor's lone CR line endings made Babel read one comment line, and
    every label of the catalog was dropped without a word."""
    text = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Key points"\nmsgstr "Points essentiels à retenir"\n'
    )
    data = {
        "utf-16-le": b"\xff\xfe" + text.encode("utf-16-le"),
        "utf-16-be": b"\xfe\xff" + text.encode("utf-16-be"),
        "lone-cr": text.replace("\n", "\r").encode("utf-8"),
        "crlf": text.replace("\n", "\r\n").encode("utf-8"),
    }[saved]
    locale = project / "templates" / "locale"
    locale.mkdir(parents=True, exist_ok=True)
    (locale / "fr.po").write_bytes(data)
    assert load_labels(project, "fr").gettext("Key points") == "Points essentiels à retenir"


def test_a_catalog_not_in_its_headers_charset_is_told_at_its_line(project: Path) -> None:
    """Windows-1252 bytes under a "charset=UTF-8" header: "not a .po file ('utf-8' codec
    can't decode byte 0xf3 in position 13...)", at no line, with a hint about msgid."""
    from click.testing import CliRunner

    from materials_gen.cli import main

    locale = project / "templates" / "locale"
    locale.mkdir(parents=True, exist_ok=True)
    (locale / "es.po").write_bytes(
        b'msgid ""\r\nmsgstr ""\r\n"Content-Type: text/plain; charset=UTF-8\\n"\r\n\r\n'
        b'msgid "Key points"\r\nmsgstr "Puntos b\xe1sicos"\r\n'
    )
    edit(project / "content" / "course.yaml", "language: en-GB", "language: es")
    result = CliRunner().invoke(main, ["check", "-p", str(project)])
    assert result.exit_code == 1, result.output
    said = " ".join(result.output.split())
    assert "templates/locale/es.po:6: error: the catalog cannot be read: it is not UTF-8" in said
    assert "(byte 0xe1)" in said and "save it as UTF-8" in said and "codec" not in said


@pytest.mark.parametrize(("typed", "read"), [("ES", "es"), ("es-mx", "es-MX"), ("EN-gb", "en-GB")])
def test_a_language_tag_in_any_case_finds_its_labels(project: Path, typed: str, read: str) -> None:
    """``language: ES`` printed every label in English (the catalog is es.po) and offered to
    make templates/locale/ES.po: the tag is read as BCP 47 writes it."""
    from materials_gen.load import load_project
    from materials_gen.validate import validate

    edit(project / "content" / "course.yaml", "language: en-GB", f"language: {typed}")
    course, _ = validate(load_project(project))
    assert course.language == read
    if read.startswith("es"):
        cli("build", "-p", str(project), "--only", "handout", "-a", "all-staff")
        (handout,) = (project / "output" / "all-staff").glob("*handout.pdf")
        assert "MATERIAL PARA PARTICIPANTES" in pages_text(handout)[0]


HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
ONE_FORM = '"Plural-Forms: nplurals=1; plural=0;\\n"\n'


def project_catalog(project: Path, language: str, entries: str) -> None:
    """The project speaking ``language``, with templates/locale/LANGUAGE.po: a header, then
    ``entries``."""
    speak(project, language)
    folder = project / "templates" / "locale"
    folder.mkdir(parents=True)
    (folder / f"{language}.po").write_text(HEADER + entries, encoding="utf-8")


def test_a_language_of_one_plural_form_translates_a_plural_label(project: Path) -> None:
    """Japanese has one plural form: msgstr[0] "休憩{count}回" serves every count. It was
    refused ("uses {count}, which the message does not have": the singular 'a break' has
    none), and a translation that was read printed the English."""
    from materials_gen.i18n import load_labels

    project_catalog(
        project,
        "ja",
        ONE_FORM + '\nmsgid "a break"\nmsgid_plural "{count} breaks"\nmsgstr[0] "休憩{count}回"\n',
    )
    output = cli("check", "-p", str(project))
    assert "ja.po" not in output or "error" not in output, output
    labels = load_labels(project, "ja")
    assert labels.ngettext("a break", "{count} breaks", 1) == "休憩1回"
    assert labels.ngettext("a break", "{count} breaks", 3) == "休憩3回"


def test_plural_forms_other_than_the_rule_says_are_named_at_the_translation(
    project: Path,
) -> None:
    """Two forms in a catalog whose rule has one: Babel's "msg has more translations than
    num_plurals of catalog", said in words a translator reads."""
    project_catalog(
        project,
        "ja",
        ONE_FORM + '\nmsgid "a break"\nmsgid_plural "{count} breaks"\n'
        'msgstr[0] "休憩"\nmsgstr[1] "休憩{count}回"\n',
    )
    output = " ".join(cli("check", "-p", str(project), code=1).split())
    assert (
        "templates/locale/ja.po:6: error: the catalog cannot be read: a message gives more "
        "plural forms (msgstr[0], msgstr[1], ...) than the catalog's Plural-Forms line has"
    ) in output, output


def test_a_catalogs_mistake_is_named_at_its_msgstr_line(project: Path) -> None:
    """'{numbr}' in a translation was named at the msgid's line, the one above it."""
    project_catalog(project, "de", '\nmsgid "Slide {number}"\nmsgstr "Folie {numbr}"\n')
    output = " ".join(cli("check", "-p", str(project), code=1).split())
    assert (
        "templates/locale/de.po:6: error: the translation of 'Slide {number}' uses {numbr}"
        in output
    )


POLISH_FORMS = (
    '"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && '
    '(n%100<10 || n%100>=20) ? 1 : 2);\\n"\n'
)


def test_a_catalogs_mistake_is_named_at_the_line_that_holds_it(project: Path) -> None:
    """A bad name in a plural message's third form (msgstr[2]) was named at its msgstr[0]
    line, and one on the third line of a translation written over several lines at its
    msgstr line: each is named at the form's or the quoted line's own line."""
    project_catalog(
        project,
        "pl",
        POLISH_FORMS + '\nmsgid "{count} question"\nmsgid_plural "{count} questions"\n'  # 6, 7
        'msgstr[0] "{count} pytanie"\nmsgstr[1] "{count} pytania"\n'  # 8, 9
        'msgstr[2] "{liczba} pytań"\n'  # 10
        '\nmsgid "Page {page} of {total}"\nmsgstr ""\n'  # 12, 13
        '"Strona {page} "\n"z {total}, "\n"{strona}"\n'  # 14, 15, 16
        '\nmsgid "Slide {number}"\nmsgstr ""\n"Slajd "\n"{number"\n',  # 18-21
    )
    output = " ".join(cli("check", "-p", str(project), code=1).split())
    for line, said in (
        (10, "the translation of '{count} question' uses {liczba}"),
        (16, "the translation of 'Page {page} of {total}' uses {strona}"),
        (21, "the translation of 'Slide {number}' has a brace that names no value"),
    ):
        assert f"templates/locale/pl.po:{line}: error: {said}" in output, (line, output)


def test_a_catalogs_plural_rule_that_cannot_be_used_is_named_at_its_line() -> None:
    """A Plural-Forms rule giving a form the catalog lacks was named at no line."""
    from materials_gen.errors import Problem
    from materials_gen.i18n import _parse_catalog

    data = (HEADER + '"Plural-Forms: nplurals=2; plural=(n > 1 ? 5 : 0);\\n"\n').encode()
    problems: list[Problem] = []
    _parse_catalog(data, "de.po", problems)
    assert [(str(p.location), "plural rule" in p.message) for p in problems] == [("de.po:4", True)]


def test_the_hint_for_missing_labels_names_the_catalog_the_course_reads(project: Path) -> None:
    """A zh-Hans course was told "'materials-gen labels zh' writes templates/locale/zh.po",
    a catalog of its own beside the zh-Hans.po it reads, starting again from nothing."""
    speak(project, "zh-Hans")
    said = " ".join(cli("check", "-p", str(project)).split())
    assert "'materials-gen labels zh-Hans' writes templates/locale/zh-Hans.po" in said, said
    cli("labels", "zh-Hans", "-p", str(project))
    catalog = project / "templates" / "locale" / "zh-Hans.po"
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(
        text.replace('msgid "Key points"\nmsgstr ""', 'msgid "Key points"\nmsgstr "要点"'), "utf-8"
    )
    said = " ".join(cli("check", "-p", str(project)).split())
    assert "'materials-gen labels zh-Hans' writes templates/locale/zh-Hans.po" in said, said
    # a region shares its language's catalog
    speak_again = project / "content" / "course.yaml"
    speak_again.write_text(
        speak_again.read_text(encoding="utf-8").replace("language: zh-Hans", "language: de-AT"),
        "utf-8",
    )
    said = " ".join(cli("check", "-p", str(project)).split())
    assert "'materials-gen labels de' writes templates/locale/de.po" in said, said


@pytest.mark.parametrize("rule", ["plural=(n > 1;", "plural=(n % 0);"])
def test_labels_leaves_a_catalog_whose_plural_rule_cannot_be_used_as_it_is(
    project: Path, rule: str
) -> None:
    """A mistyped plural rule was read as English's: ``labels`` then rewrote every plural
    message's forms in that order, the trainer's singulars lost ("une pause" became
    "{count} pauses"); a rule dividing by zero ended in a traceback."""
    cli("labels", "fr", "-p", str(project))
    catalog = project / "templates" / "locale" / "fr.po"
    text = catalog.read_text(encoding="utf-8")
    header = next(line for line in text.splitlines() if "Plural-Forms:" in line)
    broken = text.replace(header, f'"Plural-Forms: nplurals=3; {rule}\\n"')
    catalog.write_text(broken, encoding="utf-8")
    said = cli("labels", "fr", "-p", str(project), code=1)
    assert "fr.po:" in said and "plural rule" in said, said
    assert "Traceback" not in said
    assert catalog.read_text(encoding="utf-8") == broken


def test_a_label_of_the_projects_own_template_is_in_its_catalog_and_kept(project: Path) -> None:
    """A template's own words, written as a label as the README advises, were left out of
    the catalog `labels` writes, and a translation written there by hand was deleted the
    next time it ran: the Spanish handout went back to English without a word. The label
    is in the catalog, `check` says while it has no translation, and what was written is
    kept, even once no template uses it (as an obsolete entry, used again if it returns)."""
    import shutil

    from .conftest import REPO

    speak(project, "es")
    templates = project / "templates"
    templates.mkdir(exist_ok=True)
    shutil.copy(REPO / "templates" / "handout.md.j2", templates / "handout.md.j2")
    edit(templates / "handout.md.j2", '_("Key points")', '_("Points to remember")')
    said = " ".join(cli("check", "-p", str(project)).split())
    assert "'Points to remember'" in said and "no translation for 'es'" in said, said
    cli("labels", "es", "-p", str(project))
    catalog = templates / "locale" / "es.po"
    text = catalog.read_text(encoding="utf-8")
    assert 'msgid "Points to remember"\nmsgstr ""' in text
    edit(
        catalog,
        'msgid "Points to remember"\nmsgstr ""',
        'msgid "Points to remember"\nmsgstr "Para recordar"',
    )
    assert "'Points to remember'" not in cli("check", "-p", str(project))
    cli("labels", "es", "-p", str(project))  # again: the translation stays
    assert 'msgstr "Para recordar"' in catalog.read_text(encoding="utf-8")
    assert "Para recordar" in built(project, "handout")["handout"]
    # no template says it any more: kept, set aside, and back when a template says it again
    edit(templates / "handout.md.j2", '_("Points to remember")', '_("Key points")')
    cli("labels", "es", "-p", str(project))
    assert '#~ msgid "Points to remember"\n#~ msgstr "Para recordar"' in catalog.read_text(
        encoding="utf-8"
    )
    edit(templates / "handout.md.j2", '_("Key points")', '_("Points to remember")')
    cli("labels", "es", "-p", str(project))
    assert 'msgid "Points to remember"\nmsgstr "Para recordar"' in catalog.read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize(("language", "after"), [("fr", " : "), ("es", ": "), ("en-GB", ": ")])
def test_the_agenda_s_line_of_what_comes_before_the_first_part_is_the_language_s(
    project: Path, language: str, after: str
) -> None:
    """The agenda slide's "13:30–13:40: Sign-in (5 min) · ..." kept its English colon in a
    French deck, every other label on the slide spaced as French writes it: the line is a
    label of the catalogs, the time span and its parts put in by the language's words."""
    import re

    from materials_gen.build import BuildOptions, intermediate, load_course
    from materials_gen.plan import plan

    speak(project, language)
    edit(project / "content" / "course.yaml", "  session:\n", "  session:\n    sign_in: 5\n")
    course, _ = load_course(project)
    target = plan(course, BuildOptions(audiences=(AUDIENCE,), kinds=("deck",)))[0]
    markdown = intermediate(project, course, target, "a4")
    spans = re.findall(r"^\*(\S+–\S+)(\s?:\s)", markdown, re.M)
    assert spans and {colon for _, colon in spans} == {after}, spans
