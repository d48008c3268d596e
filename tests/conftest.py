"""Shared fixtures: the default kit built once, small named projects, PDF readers."""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from materials_gen.build import BuildOptions, build

REPO = Path(__file__).resolve().parent.parent
PROJECTS = Path(__file__).resolve().parent / "projects"

# Strings only clinical providers may see in the default kit (checked absent for all staff).
KIT_CLINICAL_ONLY = [
    "trauma-focused cognitive behavioral therapy",
    "clinical supervision",
    "treatment plan",
    "secondary traumatic stress screening",
    "caseload review",
    "Case consultation in pairs",
    "EMDR",
]
# Strings every audience sees in the default kit.
KIT_SHARED = ["Safety walk-through", "Sort the practices", "What to do on Monday"]


# ---------------------------------------------------------------- the quick loop
#
# `pytest` runs every test: it is the README's test command and what CI runs.
# `pytest -m "not slow"` is the quick loop for working on the code, under a minute on two
# cores, on every core (see pytest_cmdline_main): every stage and every kind of output still
# checked as a user would (the default kit is built once per session, by each worker, see
# kit_outputs; test_kit checks every kind of output of it),
# with what follows left to the full run. Marks are given here rather than in each file so
# that one list says what the quick loop leaves out, and why.

LIBREOFFICE = "LibreOffice converts the decks"
KIT_AGAIN = "builds the default kit again (the quick loop reads the session's build)"
MORE_CASES = "another scenario of a behaviour the quick loop checks once"
SCHEMAS = "the Open XML SDK's schema checks of a whole deck"

# Modules whose every test is slow.
SLOW_MODULES: dict[str, str] = {
    "test_fuzz.py": "hundreds of random projects built",
    "test_properties.py": "hundreds of random texts and structures",
    "test_zz_clients.py": "qpdf, poppler and LibreOffice open every file the run built",
}

# Single tests, by module and function (every case of it), and why each is slow.
SLOW_TESTS: dict[str, dict[str, str]] = {
    "test_scale.py": {  # thousands of rows, slides and words; its quick refusals stay
        "test_poster_refuses_a_table_its_paper_cannot_hold_before_measuring_it": "10,000 rows",
        "test_a_long_handout_table_has_the_same_rows_on_each_page_as_one_reportlab_table": (
            "a table of thousands of rows"
        ),
        "test_fitting_work_grows_with_the_rows_not_their_square": "tables of 4,000 rows",
        "test_a_long_table_continues_over_slides_and_pages_with_every_row": "thousands of rows",
        "test_slides_are_numbered_and_linked_in_order": "a deck of hundreds of slides",
        "test_sharing_columns_out_gives_the_fewest_slides_that_fit": "every count tried",
        "test_a_5000_word_paragraph_builds_or_is_named": "5,000 words in every kind",
    },
    "test_hostile.py": {
        "test_five_hundred_modules_and_two_thousand_bullets": "500 modules",
        "test_control_characters_written_as_yaml_escapes": MORE_CASES,
    },
    "test_hostile_content.py": {
        "test_a_heading_at_the_limit_builds_every_output": "the longest heading, everywhere",
        "test_links_that_stay_inside_the_project_are_fine": MORE_CASES,
    },
    "test_handout.py": {
        "test_very_long_text_continues_over_pages": "pages of text",
        "test_two_builds_are_byte_identical": KIT_AGAIN,
    },
    "test_deck.py": {
        "test_cjk_runs_keep_an_east_asian_font_the_template_names": MORE_CASES,
        "test_check_numbers_slides_as_the_built_deck_does": (
            "a check and a build of the same project; check's numbering is in the quick loop"
        ),
        "test_libreoffice_converts_each_deck_as_a_presentation": LIBREOFFICE,
        "test_two_builds_are_byte_identical": KIT_AGAIN,
        "test_potx_template_by_option": MORE_CASES,  # the .pptx template stays quick
        "test_aspect_setting_unquoted_in_yaml": MORE_CASES,
        "test_check_warns_about_slides_without_notes": MORE_CASES,
        "test_16_9_by_default_and_4_3_by_option": KIT_AGAIN,
    },
    "test_powerpoint_schema.py": {  # test_zz_clients runs them on every deck built
        "test_the_check_finds_a_misordered_element": SCHEMAS,
        "test_organisation_template_fixture_is_valid": SCHEMAS,
        "test_builtin_template_is_valid": SCHEMAS,
    },
    # These read a module-scoped build of (part of) the default kit; reading kit_outputs
    # instead would make them free and let them back into the quick loop. test_kit and
    # test_schedule check the guide, the printed slides and the notes pages of the kit.
    "test_guide.py": {
        "test_the_kits_forms_are_byte_identical_on_rebuild": KIT_AGAIN,
        "test_start_time_option": MORE_CASES,
        "test_session_plan_has_clock_times_breaks_and_contact_hours": KIT_AGAIN,
        "test_slide_numbers_match_the_audiences_deck": KIT_AGAIN,
        "test_what_to_say_and_do_and_the_checklists": KIT_AGAIN,
    },
    "test_slide_handouts.py": {
        "test_an_error_in_a_worker_process_reaches_the_trainer_whole": (
            "starts a pool of worker processes"
        ),
        "test_three_slides_a_page_with_every_slide_title": KIT_AGAIN,
        "test_notes_pages_one_slide_and_its_notes_a_page": KIT_AGAIN,
        "test_office_comparison_layout_takes_the_two_columns": "the default kit's deck",
    },
    "test_translations.py": {
        # the list-length rule stays in the quick loop with the clinical point kept out
        "test_a_translation_with_fewer_options_keeps_the_sources_question": MORE_CASES,
        # the quick loop keeps reasons per audience and language (test_rebuild, test_kinds)
        "test_a_rebuild_names_only_the_files_each_language_and_audience_reads": (
            "a translated project built three times"
        ),
        "test_another_languages_labels_are_no_input_of_this_one": MORE_CASES,
        "test_after_a_partial_build_the_rest_still_says_which_file_changed": MORE_CASES,
        "test_print_again_lists_only_files_made_before": MORE_CASES,
    },
    "test_print_bw.py": {
        # the quick loop keeps black and white for every kind (test_kinds) and the band
        # measure itself (test_the_colour_pdfs_have_the_bands_the_measure_finds)
        "test_black_and_white_pdfs_have_no_solid_bands": "every page of the kit drawn and scanned",
    },
    "test_word_text.py": {
        # test_scripts checks in the quick loop that a build names such a character once
        "test_a_character_warning_names_its_line_once_for_all_audiences": KIT_AGAIN,
    },
    "test_large_print.py": {
        "test_an_audience_asks_for_large_print_in_course_yaml": MORE_CASES,
    },
    "test_page_breaks.py": {  # the quick loop keeps the contents list's own cases
        "test_the_last_item_or_row_never_stands_alone_on_a_page": (
            "lists and tables laid out after every height of text above them"
        ),
        "test_the_guides_contents_list_ends_on_its_page": KIT_AGAIN,
    },
    "test_tagged_spaces.py": {
        "test_the_kits_tags_keep_their_spaces": "every tagged PDF of the kit in each language",
    },
    "test_tagged_pdf.py": {  # test_tagged_spaces keeps a line's last word's space
        "test_tagged_text_keeps_the_spaces_where_lines_break": MORE_CASES,
    },
    "test_list_marks.py": {  # the quick loop keeps left-to-right marks and tick boxes
        "test_a_list_that_reads_from_the_right_has_its_marks_on_the_right": MORE_CASES,
        "test_options_that_read_from_the_right_have_their_boxes_on_the_right": MORE_CASES,
    },
    "test_watch.py": {
        "test_watch_builds_what_build_builds_with_the_same_options": MORE_CASES,
    },
    "test_layout_mapping.py": {  # the settings' template's case stays
        "test_a_mapping_checked_against_the_template_given_on_the_command_line_names_its_line": (
            MORE_CASES
        ),
    },
    "test_option_reasons.py": {  # test_rebuild keeps an option no longer given
        "test_a_dropped_option_with_no_setting_behind_it_gives_way_to_the_default": MORE_CASES,
    },
    "test_complex_scripts.py": {
        "test_a_variable_face_is_made_static_once_and_kept": MORE_CASES,
    },
    "test_scripts.py": {
        "test_a_font_file_replaced_between_two_builds_in_one_process_is_checked_anew": (MORE_CASES),
    },
    "test_large_print_breaks.py": {
        # the quick loop keeps a project's narrow table's breaks, the four-line title page
        # and the pieces themselves; these build the whole kit in large print
        "test_the_large_print_session_plan_never_cuts_a_time": "the kit built in large print",
        "test_a_hyphenated_word_breaks_only_after_its_hyphen": "the kit built in large print",
        "test_every_large_print_table_cell_reads_as_in_standard_print": (
            "the kit built in large print and standard print, every table cell read back"
        ),
        "test_the_kits_large_print_title_pages_are_one_page": "the kit built in large print",
        "test_a_four_line_title_keeps_the_large_print_title_page_to_one_page": MORE_CASES,
    },
    "test_transaction.py": {
        "test_source_date_epoch_does_not_change_the_bytes": KIT_AGAIN,
        # killing builds at eight points: the quick loop keeps a renderer that raises, a full
        # disk and a permission denied half way through
        "test_kill_9_at_any_point_leaves_old_or_new_files_never_partial_and_is_undone": (
            "builds killed with SIGKILL at eight points"
        ),
        "test_a_damaged_snapshot_in_a_good_manifest_never_crashes_the_changes_report": (MORE_CASES),
        "test_a_stale_lock_file_of_a_killed_build_does_not_block": MORE_CASES,
        "test_a_link_where_an_output_goes_is_replaced_never_followed": MORE_CASES,
        "test_a_sub_folder_that_is_a_link_stops_the_build_before_anything_moves": MORE_CASES,
        "test_a_lock_that_is_not_a_regular_file_is_refused_and_never_touched": MORE_CASES,
    },
    "test_reasons.py": {  # the quick loop keeps the sign-in sheet's start and paper
        "test_a_file_left_alone_by_a_change_is_not_told_it_when_made_again": (
            "every input of every kind changed and changed back, 17 builds of 14 kinds"
        ),
    },
    "test_roster_tracks.py": {
        "test_no_warning_when_every_person_has_an_audience": MORE_CASES,
    },
    "test_rtl_tables.py": {  # a short Hebrew table stays in the quick loop
        "test_a_long_hebrew_table_is_mirrored_on_every_page": MORE_CASES,
    },
    "test_form_breaks.py": {  # the quick loop keeps the meta line, the key and the forms
        "test_a_heading_never_ends_a_page": (
            "headings before six kinds of block at every height of the page"
        ),
    },
    "test_report_pictures.py": {  # a replaced picture stays in the quick loop
        "test_a_content_change_and_other_files_made_again_are_both_in_the_report": MORE_CASES,
        "test_a_picture_newly_shown_is_now_used": MORE_CASES,
    },
    "test_printed_turned.py": {  # turned groups, vertical text, columns stay as units
        "test_a_build_on_a_turning_template_prints_what_the_deck_shows": MORE_CASES,
    },
    "test_layout.py": {
        # test_slide_handouts checks the organisation's template on paper in the quick loop
        "test_printed_slides_show_the_template_background_and_logo": MORE_CASES,
    },
    "test_cli.py": {
        "test_init_makes_a_project_that_builds": KIT_AGAIN,
        "test_edit_a_bullet_and_rebuild": KIT_AGAIN,
        "test_bad_content_keeps_earlier_outputs": MORE_CASES,  # as the hostile corpus
        "test_template_error_keeps_earlier_outputs": MORE_CASES,
        "test_build_one_audience_and_output_folder": MORE_CASES,
        # every command's help stays in the quick loop: it lists --no-color
        "test_show_and_layouts_take_no_color": MORE_CASES,
    },
    # The quick loop keeps one module edited; these build a project two or three times each.
    "test_rebuild.py": {
        "test_a_picture_named_with_a_dot_is_an_input_like_any": MORE_CASES,
        # test_rebuild_languages keeps a language no longer made in the quick loop
        "test_files_an_earlier_build_made_and_this_one_does_not_are_named": MORE_CASES,
        "test_a_build_killed_alone_leaves_no_worker_holding_the_folder": (
            "the default kit built, killed and built again in other processes"
        ),
        "test_a_template_edit_rebuilds_only_its_outputs": MORE_CASES,
        "test_a_rebuild_with_nothing_changed_rewrites_nothing": MORE_CASES,
        "test_a_no_op_rebuild_imports_neither_reportlab_nor_pptx": MORE_CASES,
        "test_a_failure_mid_render_leaves_earlier_files_intact": MORE_CASES,
        "test_a_deleted_or_corrupt_manifest_means_a_full_rebuild": MORE_CASES,
        "test_force_rebuilds_everything": MORE_CASES,
        "test_parallel_equals_serial": "the whole project built twice",
        "test_a_clinical_only_edit_leaves_all_staff_files_alone": MORE_CASES,
        "test_an_output_changed_by_hand_is_rebuilt": MORE_CASES,
        "test_what_changed_report": MORE_CASES,
        "test_a_second_build_at_once_is_refused_clearly": MORE_CASES,
        "test_watch_rebuilds_on_save_and_stops_cleanly": "watches for seconds",
        "test_clean_removes_only_what_was_built": MORE_CASES,
        "test_a_build_leaves_the_cycle_collector_as_it_found_it": "builds a project twice",
    },
    "test_index.py": {"test_an_empty_thumbnail_folder_left_behind_is_removed": MORE_CASES},
    "test_rebuild_languages.py": {  # the quick loop keeps the quick check's count, per language
        "test_a_removed_language_is_named_once_and_no_longer_counted": (
            "a course in three languages built four times"
        ),
    },
    "test_output_safety.py": {
        "test_a_deck_template_from_the_settings_is_an_input": MORE_CASES,
        "test_a_picture_outside_content_is_an_input": MORE_CASES,
        "test_a_theme_font_anywhere_in_the_project_is_an_input": MORE_CASES,
        "test_the_roster_is_an_input_of_the_certificates_only": MORE_CASES,
        "test_clean_ignores_manifest_entries_that_lead_outside": MORE_CASES,
        "test_clean_on_a_read_only_folder_says_so": MORE_CASES,
    },
    # One test per input, each building a project twice: the quick loop keeps test_rebuild's
    # one module edited, the deck laid out once for all its views, show for every kind.
    "test_kinds.py": {
        name: "another input of the one-test-per-input set"
        for name in (
            "test_a_new_version_of_materials_gen_rebuilds_everything",
            "test_aspect",
            "test_aspect_with_the_organisations_template_changes_nothing",
            "test_content_another_audience_sees",
            "test_deck_template_file",
            "test_deck_template_of_markdown",
            "test_included_partial",
            "test_layouts",
            "test_own_template",
            "test_paper",
            "test_paper_setting",
            "test_per_page",
            "test_pictures",
            "test_poster_options",
            "test_roster",
            "test_start",
            "test_theme",
            "test_tile",
            "test_with_then_without_a_roster_rewrites_nothing_else",
            "test_a_sign_in_sheet_that_lists_the_roster_reads_it",
            "test_choosing_a_deck_template",
            "test_the_kits_own_template_is_an_input_like_any_other",
            "test_content",  # as test_rebuild's one module edited, which the loop keeps
            "test_print_setting",  # the loop keeps test_print_in_black_and_white
            "test_large_print_for_one_audience",  # and test_large_print
        )
    }
    | {
        "test_a_deck_template_is_kept_for_the_next_build_until_what_it_is_made_from_changes": (
            MORE_CASES
        )
    },
    "test_forms.py": {"test_no_questions_no_knowledge_checks": MORE_CASES},
}

# Corpora: many cases of one test. The quick loop keeps the first few cases (as collected),
# the full run all of them.
QUICK_CASES: dict[str, dict[str, int]] = {
    "test_hostile.py": {
        "test_broken_project": 4,
        "test_text_pasted_from_word_builds_everywhere": 1,
        "test_characters_no_font_has_are_named": 1,
    },
    "test_hostile_content.py": {"test_hostile_content_is_refused_with_file_and_line": 5},
    "test_hostile_files.py": {
        "test_damaged_picture": 2,
        "test_hostile_roster": 2,
        "test_damaged_font": 1,
        "test_other_picture_formats_build": 1,
    },
    "test_template_security.py": {
        "test_injection_payloads_run_nothing_and_read_nothing": 1,
        "test_resource_bombs_stop_with_the_template_and_line": 1,
        "test_every_context_is_plain_data_of_one_audience": 1,
        "test_pictures_a_template_shows_get_the_content_checks": 0,
    },
    "test_transaction.py": {
        "test_a_damaged_manifest_means_a_full_rebuild_with_a_warning": 1,
        "test_permission_denied_half_way_through_replacing_puts_every_old_file_back": 1,
        "test_a_full_disk_while_staging_changes_nothing": 1,
    },
    "test_output_safety.py": {"test_a_shared_projects_output_setting_stays_inside_it": 1},
    "test_slide_handouts.py": {"test_other_slides_per_page": 1},
    "test_poster.py": {"test_paper_sizes": 1},
    "test_certificates.py": {"test_bad_roster_rows_name_their_csv_line": 1},
    "test_schedule.py": {"test_agenda_guide_and_handout_give_the_same_total": 1},
    "test_layout.py": {
        "test_a_long_picture_description_builds": 1,
        "test_default_kit_laid_out_deck_matches_golden": 1,
    },
    # the first audience's Markdown of every kind (the second audience's in the full run)
    "test_golden_markdown.py": {"test_default_kit_markdown_matches_golden": 13},
}

# More of the same kind, each checked once in the quick loop and in full in the full run
# (what keeps the quick loop under a minute on two cores as the suite grows).
_MORE_QUICK_CASES: dict[str, dict[str, int]] = {
    "test_changes_report.py": {
        "test_an_edit_to_anything_the_pages_print_is_reported": 1,
        "test_every_text_the_outputs_print_is_in_the_report": 1,
    },
    "test_hostile_content.py": {"test_a_long_line_is_read_in_time_in_proportion_to_it": 1},
    "test_hostile_files.py": {
        "test_a_deck_template_reaching_outside_itself_is_refused": 1,
        "test_a_link_out_of_the_project_is_never_read_even_unused": 1,
    },
}
_MORE_SLOW_TESTS: dict[str, dict[str, str]] = {
    "test_large_print_breaks.py": {
        "test_no_page_ends_with_what_introduces_the_next": "every large-print page read",
        "test_no_paragraph_leaves_its_last_line_alone_on_a_page": "every large-print page read",
        "test_a_projects_narrow_table_breaks_times_and_words_only_after_a_dash": MORE_CASES,
    },
    "test_deck.py": {"test_the_rule_under_each_title_is_marked_decorative": SCHEMAS},
    "test_template_security.py": {
        "test_a_template_that_writes_a_million_paragraphs_stops_before_laying_them_out": (
            "a million paragraphs"
        ),
    },
    "test_kit.py": {
        "test_no_clinical_only_text_reaches_the_spanish_all_staff_outputs": (
            "the Spanish outputs (the English ones are checked in the quick loop)"
        ),
    },
    "test_rebuild.py": {
        "test_an_option_no_longer_given_is_said_so": MORE_CASES,
        "test_a_deleted_template_leaves_nothing_to_rebuild_once_built_again": MORE_CASES,
    },
    "test_kinds.py": {
        "test_print_in_black_and_white": MORE_CASES,
        "test_large_print": MORE_CASES,
    },
    "test_watch.py": {"test_a_linked_folder_is_not_watched_and_saves_still_rebuild": MORE_CASES},
    "test_rebuild_languages.py": {
        "test_each_build_reports_the_changes_of_the_files_it_makes_again": MORE_CASES,
        "test_the_quick_check_counts_the_files_made_now_and_sees_a_language_come_and_go": (
            MORE_CASES
        ),
    },
    "test_large_print.py": {
        "test_large_print_never_breaks_a_label_or_header_mid_word": MORE_CASES,
    },
    "test_guide.py": {
        "test_an_activity_s_cards_print_in_the_guide_for_its_audience": MORE_CASES,
        "test_check_and_build_warn_about_timing": MORE_CASES,
    },
    "test_page_breaks.py": {"test_a_contents_list_never_leaves_one_entry_alone": MORE_CASES},
    "test_report_pictures.py": {
        "test_a_rebuild_without_a_content_change_reports_what_it_made_again": MORE_CASES,
        "test_a_picture_replaced_under_the_same_name_is_told_by_its_description": MORE_CASES,
    },
    "test_form_breaks.py": {
        "test_a_heading_its_meta_line_and_a_second_heading_go_with_what_follows": MORE_CASES,
    },
    "test_layout_mapping.py": {"test_layouts_refuses_aspect_with_a_template": MORE_CASES},
    "test_clean_folders.py": {"test_clean_removes_the_language_folders_it_empties": MORE_CASES},
    "test_serve.py": {
        "test_what_changed_stays_on_the_page_after_a_failed_save_is_fixed": MORE_CASES,
    },
    "test_print_bw.py": {"test_the_poster_columns_differ_in_grey": MORE_CASES},
    "test_translation_stamps.py": {
        "test_only_an_edit_of_text_to_translate_makes_a_translation_out_of_date": MORE_CASES,
    },
    "test_hostile_content.py": {"test_blocks_nested_deep_are_laid_out_once_each": MORE_CASES},
    "test_references.py": {"test_check_strict_asks_for_sources_too": MORE_CASES},
    "test_templating.py": {
        "test_a_pipe_named_like_a_template_does_not_hang_the_build": MORE_CASES,
    },
    "test_init.py": {
        "test_init_copies_content_and_theme_and_builds_from_the_built_in_templates": MORE_CASES,
    },
    "test_translations.py": {"test_one_build_makes_every_language": MORE_CASES},
    "test_forms.py": {"test_knowledge_checks_hold_the_audiences_questions": MORE_CASES},
}
for _module, _cases in _MORE_QUICK_CASES.items():
    QUICK_CASES.setdefault(_module, {}).update(_cases)
for _module, _tests in _MORE_SLOW_TESTS.items():
    SLOW_TESTS.setdefault(_module, {}).update(_tests)


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    """The quick loop runs on every core (pytest-xdist, a test dependency), unless ``-n``
    says otherwise: each worker builds the kit once for itself and takes its share of the
    tests. The full run, the README's test command that CI runs, stays in one process."""
    quick = config.getoption("markexpr", "") == "not slow"
    if (
        quick
        and config.pluginmanager.hasplugin("xdist")
        and config.getoption("numprocesses", None) is None
        and not hasattr(config, "workerinput")
        and not config.getoption("usepdb", False)
    ):
        config.option.numprocesses = "auto"


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """In the quick loop, a module whose every test is slow is not even imported (importing
    the fuzzing module and hypothesis takes seconds)."""
    if collection_path.name in SLOW_MODULES and config.getoption("markexpr", "") == "not slow":
        return True
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark slow what the lists above name (see "the quick loop" above)."""
    seen: dict[tuple[str, str], int] = {}
    for item in items:
        module = item.path.name
        function = getattr(item, "originalname", item.name)
        reason = SLOW_MODULES.get(module) or SLOW_TESTS.get(module, {}).get(function)
        kept = QUICK_CASES.get(module, {}).get(function)
        if reason is None and kept is not None:
            seen[module, function] = seen.get((module, function), 0) + 1
            if seen[module, function] > kept:
                reason = "a further case of a corpus"
        if reason is not None:
            item.add_marker(pytest.mark.slow(reason=reason))


@pytest.fixture(autouse=True)
def _each_test_builds_as_a_fresh_process() -> None:
    """No deck template kept from another test's build: a process that builds again keeps
    the last one it prepared (``layout._LAST``, as watch and preview rebuild), which would
    make what a test measures depend on the tests before it. A test of that keeping keeps it
    within itself."""
    import sys

    layout = sys.modules.get("materials_gen.render.layout")
    if layout is not None:
        layout._LAST.clear()


# Every PDF and deck the tests build, checked by real clients at the end (test_zz_clients).
BUILT_FILES: dict[str, Path] = {}


@pytest.fixture(autouse=True, scope="session")
def _record_built_files():
    """Note every output file the tests write, so that real clients can check them all."""
    import hashlib

    from materials_gen import write

    original = write.stage_file

    def recording(path: Path, data: bytes, destination: Path) -> None:
        original(path, data, destination)
        if destination.suffix in (".pdf", ".pptx"):
            BUILT_FILES.setdefault(hashlib.sha256(data).hexdigest(), destination)

    patcher = pytest.MonkeyPatch()
    patcher.setattr(write, "stage_file", recording)
    yield
    patcher.undo()


# The default kit's own language (its translations are built beside it, see kit_languages)
KIT_LANGUAGE = "en-US"


@pytest.fixture(scope="session")
def kit_languages(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str, str], Path]:
    """The default kit (repository root) built once, every language; (language, audience
    id, kind) -> file."""
    out = tmp_path_factory.mktemp("kit-output")
    report = build(REPO, BuildOptions(output=out), jobs=min(2, os.cpu_count() or 1))
    return {
        (b.target.language, b.target.audience.id, b.target.kind.name): b.path for b in report.built
    }


@pytest.fixture(scope="session")
def kit_outputs(kit_languages: dict[tuple[str, str, str], Path]) -> dict[tuple[str, str], Path]:
    """The default kit's outputs in its own language; (audience id, kind) -> file."""
    return {(a, kind): p for (lang, a, kind), p in kit_languages.items() if lang == KIT_LANGUAGE}


@pytest.fixture(scope="session")
def kit_build(kit_outputs: dict[tuple[str, str], Path]) -> dict[str, Path]:
    """The default kit's handouts: audience id -> PDF."""
    return {a: p for (a, kind), p in kit_outputs.items() if kind == "handout"}


@pytest.fixture(scope="session")
def kit_decks(kit_outputs: dict[tuple[str, str], Path]) -> dict[str, Path]:
    """The default kit's decks: audience id -> PPTX."""
    return {a: p for (a, kind), p in kit_outputs.items() if kind == "deck"}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A writable copy of the small 'minimal' project."""
    dest = tmp_path / "project"
    shutil.copytree(PROJECTS / "minimal", dest)
    return dest


def credited(project: Path) -> None:
    """Make the minimal project's clinical audience earn continuing-education credit."""
    edit(
        project / "content" / "course.yaml",
        "    includes: [all-staff]",
        "    includes: [all-staff]\n    continuing_education: true",
    )


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def said(*args: str) -> str:
    """What a command prints (exit status 0), its white space made single spaces."""
    from materials_gen.cli import main

    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def output_count(project: Path, **options) -> int:
    """How many files a build of ``project`` makes (so tests need not hard-code it)."""
    from materials_gen.build import load_course, plan

    course, _ = load_course(project)
    return len(plan(course, BuildOptions(**options)))


def pages_text(path: Path) -> list[str]:
    """The text of each page, with whitespace folded (what a reader sees, line breaks aside)."""
    stat = path.stat()
    return list(_pages_text(str(path), stat.st_mtime_ns, stat.st_size))


@functools.lru_cache(maxsize=64)
def _pages_text(path: str, mtime_ns: int, size: int) -> tuple[str, ...]:
    """Read once per version of a file: many tests read the same kit handout."""
    reader = PdfReader(path)
    return tuple(re.sub(r"\s+", " ", page.extract_text() or "") for page in reader.pages)


def all_text(path: Path) -> str:
    return " ".join(pages_text(path))


def kit_copy(tmp_path: Path) -> Path:
    """A copy of the kit as it ships (its content and templates), to change things in."""
    project = tmp_path / "kit"
    shutil.copytree(REPO / "content", project / "content")
    shutil.copytree(REPO / "templates", project / "templates")
    return project


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(path: Path, text: str) -> None:
    """``text`` added at the end of the file at ``path`` (a module's body, say)."""
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def libreoffice_pdf(deck: Path, folder: Path) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """``deck`` converted to PDF by LibreOffice headless into ``folder`` (a client nobody here
    wrote), with what LibreOffice said; the test is skipped where LibreOffice is missing."""
    soffice = shutil.which("soffice")
    if not soffice:
        pytest.skip("LibreOffice (soffice) is not installed")
    result = run(
        soffice,
        f"-env:UserInstallation=file://{folder / 'profile'}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(folder),
        str(deck),
    )
    return folder / (deck.stem + ".pdf"), result


def tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        pytest.skip(f"{name} is not installed (apt-get install poppler-utils qpdf)")
    return found


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, check=False)


# PowerPoint validates every part against the ECMA-376 schemas and offers to repair a deck that
# fails; these are the Office versions trainers use.
POWERPOINT_VERSIONS = ("office2016", "microsoft365")


def powerpoint_findings(path: Path) -> list[str]:
    """What the Open XML SDK's checks (schema, semantics, security) find in a deck or template.

    One line per finding, naming the Office version, the part and the element; empty when
    PowerPoint is expected to open the file without a repair prompt.
    """
    from openxml_audit import FileFormat, OpenXmlValidator

    found = []
    for version in POWERPOINT_VERSIONS:
        validator = OpenXmlValidator(
            file_format=FileFormat(version), max_errors=0, security_validation=True
        )
        result = validator.validate(str(path))
        found += [f"{version} {e.severity.value}: {e}" for e in result.errors]
    return found


def write_manifest(path: Path, data: dict | str) -> None:
    """Write a build manifest as this user's materials-gen would: sealed with their key (a
    hand-written one is otherwise not used at all; see seal.py)."""
    import json

    from materials_gen.seal import FIELD, seal_of

    if isinstance(data, str):
        data = json.loads(data)
    data = {k: v for k, v in data.items() if k != FIELD}
    data[FIELD] = seal_of(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def alive(pid: int) -> bool:
    """Whether process ``pid`` runs (a zombie, finished but not yet waited for, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.is_file() and stat.read_text().split(")")[-1].split()[0] == "Z")
