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


# The quick loop's budget: under a minute on two cores. These tests each took more than
# 0.4 s there (`pytest -m "not slow" --durations=0`): a build of a project of their own,
# a long page or a corpus. The quick loop still checks each behaviour they stand for in
# a quicker test or in the session's kit build; the full run (CI) has them all. When the
# quick loop grows past a minute, list its slowest again here.
OVER_BUDGET = "over the quick loop's time (0.4 s on two cores): left to the full run"
_OVER_BUDGET: dict[str, tuple[str, ...]] = {
    "test_assessment.py": (
        "test_a_language_s_own_option_letters_are_on_its_forms_and_key",
        "test_an_objective_no_question_tests_is_named",
        "test_check_warns_what_a_reviewer_would",
        "test_contact_hours_name_who_approved_them",
        "test_facts_to_fill_in_are_named_until_they_are",
        "test_letters_left_as_written_on_one_letter_are_flagged",
        "test_the_printed_forms_and_key_follow_the_same_order",
    ),
    "test_certificates.py": (
        "test_a_name_no_font_draws_is_told_at_its_roster_line",
        "test_one_page_per_attendee_of_each_audience",
    ),
    "test_changes_report.py": (
        "test_a_build_tells_a_picture_by_its_description",
        "test_a_build_tells_the_new_order_and_not_a_renamed_file",
        "test_an_edit_to_anything_the_pages_print_is_reported",
        "test_changes_md_shows_the_content_s_markup_as_typed",
        "test_every_text_the_outputs_print_is_in_the_report",
    ),
    "test_clean_folders.py": ("test_clean_counts_the_outputs_apart_from_the_overview_pages_files",),
    "test_cli.py": (
        "test_build_prints_one_line_per_file_and_a_summary",
        "test_check_stops_on_a_table_that_only_large_print_cannot_hold",
        "test_check_stops_on_what_build_stops_on_for_every_audience",
        "test_installed_command_builds_and_leaves_quickly_with_its_output_whole",
        "test_installed_command_runs_in_a_fresh_process",
        "test_outputs_and_audiences_may_be_given_as_lists",
    ),
    "test_cli_output.py": (
        "test_a_failed_build_says_the_files_it_listed_as_made_were_not_written",
        "test_a_failed_build_with_json_says_nothing_of_lines_it_never_showed",
        "test_a_slide_without_notes_is_told_at_its_module_by_build_and_check_alike",
        "test_check_json",
        "test_check_numbers_the_slides_as_a_build_with_the_same_start_does",
        "test_each_file_is_announced_as_made_before_anything_is_written",
        "test_every_failing_output_is_reported_at_once_with_its_audience",
        "test_strict_turns_warnings_into_exit_1_and_writes_nothing",
    ),
    "test_complex_scripts.py": (
        "test_pdfs_print_every_script_and_check_names_only_those_they_cannot",
    ),
    "test_contrast.py": ("test_check_stops_on_a_faint_accent_naming_the_line_and_the_ratio",),
    "test_deck.py": (
        "test_a_bullet_too_long_for_a_slide_goes_on_over_continued_slides",
        "test_a_course_without_takeaways_sums_up_what_each_part_was_about",
        "test_a_table_of_three_columns_is_compared_side_by_side_only_when_it_says_so",
        "test_a_templates_own_slides_are_left_out",
        "test_long_text_continues_on_a_cont_slide",
        "test_organisation_template_through_the_mapping",
        "test_text_lives_in_placeholders_and_stays_on_the_slide",
    ),
    "test_fit.py": ("test_a_paragraph_of_thousands_of_words_is_cut_in_few_measurements",),
    "test_form_breaks.py": (
        "test_a_heading_under_a_forms_title_never_ends_the_first_page",
        "test_a_tick_one_question_keeps_its_answers_on_one_page",
    ),
    "test_golden_markdown.py": ("test_default_kit_markdown_matches_golden",),
    "test_guide.py": (
        "test_a_module_of_one_slide_is_named_as_one",
        "test_cues_for_distressing_material_only_in_a_course_that_has_it",
        "test_the_cards_to_print_start_a_page_of_their_own",
        "test_the_guide_asks_for_a_content_note_only_when_there_is_one",
    ),
    "test_handout.py": (
        "test_a_box_ending_in_a_list_and_a_paragraph_checks_and_prints",
        "test_a_column_of_short_words_does_not_take_the_room_a_web_address_needs",
        "test_a_table_row_too_long_for_a_page_goes_on_over_pages",
        "test_a_tables_caption_never_starts_a_page_without_its_table",
        "test_characters_the_theme_font_lacks_print_in_a_shipped_face",
        "test_letter_by_default_a4_by_setting_and_option",
        "test_long_table_repeats_its_header_on_each_page",
        "test_tables_stand_within_the_margins_and_short_cells_stay_whole",
    ),
    "test_hostile.py": (
        "test_a_heading_nearly_a_page_tall_at_the_end_never_hangs_the_build",
        "test_broken_project",
        "test_characters_no_font_has_are_named",
        "test_folders_nested_a_thousand_deep_are_walked",
    ),
    "test_hostile_content.py": (
        "test_a_course_of_many_large_modules_is_refused_at_the_line_it_passes_the_limit",
        "test_a_long_line_is_read_in_time_in_proportion_to_it",
        "test_a_long_run_of_blanks_or_brackets_is_told_at_once",
        "test_a_long_thai_paragraph_is_cut_into_lines_in_time",
        "test_a_module_of_countless_parts_is_refused_before_markdown_reads_it",
        "test_many_alike_warnings_are_told_in_a_screenful",
    ),
    "test_hostile_files.py": (
        "test_a_deck_template_carrying_code_or_objects_is_refused",
        "test_a_deck_template_master_too_crowded_to_draw_on_every_slide_is_refused",
        "test_a_deck_template_that_declares_a_document_type_is_refused",
        "test_a_deck_template_that_needs_a_password_or_an_unknown_packing_is_named",
        "test_a_deck_template_that_unpacks_too_far_is_refused_before_it_is_read",
        "test_a_deck_template_whose_design_cannot_be_used_is_named",
        "test_a_link_out_of_the_project_is_never_read_even_unused",
        "test_spreadsheet_exports_are_read",
    ),
    "test_images.py": (
        "test_a_phone_photo_taken_upright_stands_up_in_every_output",
        "test_a_photo_with_more_pixels_than_paper_needs_is_resampled_for_paper_only",
        "test_a_picture_named_with_a_space_or_an_accent_is_shown",
        "test_a_size_written_after_a_picture_is_told_and_the_picture_kept",
    ),
    "test_init.py": (
        "test_blank_starter_checks_cleanly",
        "test_deck_template_is_an_editable_pptx_that_builds_the_same_deck",
        "test_init_templates_copies_every_template",
    ),
    "test_kinds.py": (
        "test_a_sign_in_sheet_that_lists_nobody_does_not_read_the_roster",
        "test_color_is_colour",
        "test_show_works_for_every_kind",
        "test_the_deck_is_laid_out_once_per_audience_for_all_its_views",
        "test_the_deck_template_is_read_once_a_build_for_every_audience",
        "test_with_then_without_a_roster_rewrites_only_the_sign_in_sheet",
    ),
    "test_kit.py": ("test_each_output_is_stamped_for_its_audience_and_keeps_clinical_text_out",),
    "test_labels.py": (
        "test_a_catalogs_bad_plural_rule_is_named_in_the_catalog",
        "test_a_catalogs_words_cannot_put_a_file_from_elsewhere_in_a_pdf",
        "test_a_plural_form_each_naming_the_count_once_is_not_a_repeat",
        "test_a_project_can_add_a_language_with_the_labels_command",
        "test_a_spanish_course_prints_spanish_labels",
        "test_a_translations_missing_labels_are_told_at_its_own_language_line",
        "test_the_message_template_lists_every_label_in_the_code_and_templates",
    ),
    "test_large_print.py": (
        "test_a_long_footer_takes_the_width_above_the_page_label",
        "test_a_title_of_forty_long_words_ends_its_contents_entry_in_an_ellipsis",
        "test_large_print_sets_text_at_18_points_and_more",
    ),
    "test_large_print_breaks.py": (
        "test_a_box_item_longer_than_a_page_goes_on_under_its_bullet",
        "test_a_box_item_of_two_paragraphs_longer_than_a_page_goes_on_in_its_item",
        "test_a_box_whose_list_is_longer_than_a_page_goes_on_across_pages",
        "test_a_box_whose_paragraph_is_longer_than_a_page_goes_on_across_pages",
        "test_a_box_within_a_box_longer_than_a_page_goes_on_across_pages",
        "test_a_box_within_a_box_nearly_a_page_tall_goes_on_where_the_page_ends",
        "test_a_course_title_of_160_letters_takes_a_third_footer_line_in_large_print",
        "test_a_long_item_of_a_list_inside_a_box_item_goes_on_in_that_list",
        "test_a_question_option_longer_than_a_page_goes_on_across_pages",
        "test_a_table_in_a_box_item_goes_on_across_pages",
        "test_a_table_in_a_box_longer_than_a_page_goes_on_as_one_table",
        "test_a_table_in_a_box_within_a_box_has_its_header_only_at_the_top_of_a_page",
        "test_a_table_row_going_on_in_a_box_has_no_rule_across_it",
        "test_a_table_row_longer_than_a_page_goes_on_across_pages_as_one_row",
        "test_a_table_whose_long_words_break_into_syllables_is_printed_in_large_print",
        "test_a_word_broken_into_syllables_reads_whole_in_bold_and_in_a_row_going_on",
    ),
    "test_layout.py": (
        "test_an_activity_of_one_long_paragraph_goes_on_to_a_continued_slide",
        "test_check_and_build_tell_of_a_template_font_once_at_its_file",
        "test_printed_slides_break_lines_where_the_layout_did",
        "test_printed_slides_show_the_text_a_templates_own_shapes_say",
    ),
    "test_layout_mapping.py": (
        "test_a_layout_without_room_for_a_kinds_text_is_one_error_at_its_entry",
        "test_a_mistyped_slide_kind_is_warned_of_at_its_line",
        "test_a_section_layout_without_room_for_the_text_is_named_as_such",
        "test_a_template_saved_by_libreoffice_gives_every_slide_its_title_and_text",
    ),
    "test_output_safety.py": ("test_the_roster_is_an_input_of_what_prints_its_names_only",),
    "test_pacing.py": (
        "test_a_module_fits_its_time_without_a_word",
        "test_activities_count_against_the_module_s_time",
        "test_notes_a_module_repeats_on_its_slides_are_counted_once",
        "test_notes_too_long_to_say_in_the_module_s_time_are_named",
    ),
    "test_page_breaks.py": (
        "test_a_callout_continues_where_moving_it_would_leave_much_of_a_page_empty",
        "test_a_callout_in_a_list_item_is_laid_out_wherever_the_page_ends",
        "test_a_contents_list_a_page_break_follows_is_never_cut_in_two",
        "test_a_contents_list_s_heading_stays_with_its_first_entries",
        "test_a_heading_and_its_opening_sentence_go_with_what_they_open",
        "test_a_heading_and_its_sentence_go_with_the_part_they_introduce",
        "test_a_picture_in_a_list_item_or_a_column_lays_out_wherever_it_lands",
        "test_a_picture_is_drawn_a_little_smaller_rather_than_moved_on",
        "test_a_table_never_leaves_its_first_row_alone_at_the_foot_of_a_page",
        "test_a_table_row_as_tall_as_a_box_may_stand_alone_at_the_foot_of_a_page",
    ),
    "test_paragraph_wrap.py": ("test_only_a_word_too_long_for_any_line_is_hyphenated",),
    "test_poster.py": (
        "test_a_bleed_past_any_printers_trim_is_refused_where_it_is_given",
        "test_a_table_only_clinical_modules_show_stays_off_the_all_staff_poster",
        "test_bleed_sets_trim_and_bleed_boxes_and_crop_marks",
        "test_check_finds_a_poster_headline_too_long_for_its_sheet",
    ),
    "test_poster_tables.py": (
        "test_a_13_row_comparison_fits_with_every_row_readable",
        "test_a_cell_in_a_script_without_spaces_wraps_in_its_column",
        "test_a_long_table_flows_into_panels_each_with_the_header",
        "test_the_rows_a_message_says_fit_do_fit",
        "test_type_floor_does_not_grow_with_the_paper",
    ),
    "test_print_bw.py": (
        "test_nothing_is_printed_in_colour",
        "test_the_colour_pdfs_have_the_bands_the_measure_finds",
        "test_the_organisations_template_prints_without_its_backgrounds",
    ),
    "test_printed_pictures.py": (
        "test_a_picture_shown_many_times_is_decoded_once",
        "test_every_kind_of_picture_keeps_its_colours_and_transparency",
        "test_resampled_pictures_are_kept_by_a_hash_not_whole",
    ),
    "test_printed_turned.py": (
        "test_a_placeholder_in_two_columns_flows_into_the_second",
        "test_a_turned_group_turns_its_shapes_about_its_centre",
        "test_absurd_turns_deep_groups_and_empty_groups_print_sensibly",
    ),
    "test_reasons.py": (
        "test_an_output_that_shows_no_day_is_not_told_the_date_changed_beside_an_edit",
        "test_the_sign_in_sheet_is_not_told_a_start_time_it_does_not_show",
    ),
    "test_rebuild.py": (
        "test_a_build_stopped_while_its_workers_draw_does_not_wait_for_them",
        "test_a_build_that_cannot_start_workers_renders_everything_itself",
        "test_a_picture_at_the_project_s_top_never_takes_content_s_place",
        "test_a_stale_build_starts_its_workers_before_it_reads_the_project",
        "test_a_worker_killed_mid_build_is_told_once_and_nothing_is_written",
        "test_editing_one_module_rebuilds_what_it_reaches",
        "test_what_a_file_a_template_includes_reads_is_an_input",
    ),
    "test_references.py": ("test_the_outputs_cite_each_audience_s_sources",),
    "test_report_pictures.py": ("test_a_picture_found_in_a_new_place_is_used_instead_of_the_old",),
    "test_roster_files.py": ("test_changing_the_day_rebuilds_what_prints_it",),
    "test_roster_tracks.py": (
        "test_a_roster_s_language_column_gives_each_person_one_language",
        "test_a_translated_course_s_roster_without_a_language_column_is_warned_of",
    ),
    "test_rtl_tables.py": ("test_a_title_page_that_reads_from_the_right_is_mirrored",),
    "test_scale.py": ("test_text_too_tall_for_a_handout_page_goes_on",),
    "test_schedule.py": ("test_a_session_that_runs_past_midnight_is_named",),
    "test_scripts.py": (
        "test_a_build_names_an_undrawable_character_once",
        "test_renderers_no_longer_warn_per_output",
    ),
    "test_seal.py": (
        "test_a_shipped_handout_recorded_as_built_is_built_again",
        "test_an_output_folder_built_by_a_colleague_is_built_again_once",
        "test_without_any_private_folder_every_build_is_whole_and_says_why",
    ),
    "test_serve.py": (
        "test_every_file_and_thumbnail_the_page_names_opens_with_its_type",
        "test_the_port_is_free_when_the_preview_stops_while_its_build_s_workers_live",
    ),
    "test_slide_handouts.py": (
        "test_a_course_without_subtitle_is_described_by_its_title",
        "test_a_long_title_prints_on_slides_as_on_the_handout",
        "test_a_portrait_template_prints_three_slides_a_page_within_the_page",
        "test_long_notes_shrink_to_their_page_or_say_which_slide_they_continue",
        "test_notes_keep_their_lines_in_the_deck_and_on_the_notes_pages",
        "test_notes_that_run_on_never_leave_a_line_alone_on_a_page",
        "test_printed_slides_follow_the_organisation_template",
        "test_printed_slides_take_a_layouts_own_colours_and_capitals",
        "test_the_deck_and_its_printed_views_say_the_same_metadata",
    ),
    "test_sources.py": (
        "test_a_body_table_row_too_long_for_a_page_goes_on_over_pages",
        "test_a_module_text_too_long_for_a_slide_goes_on_to_the_next",
        "test_a_table_cell_too_long_names_its_line_from_every_output",
        "test_check_names_the_line_too",
    ),
    "test_tagged_pdf.py": (
        "test_a_picture_is_a_figure_with_its_description",
        "test_certificates_and_poster_tiles_are_tagged_too",
        "test_clinical_only_text_is_not_in_the_all_staff_structure",
        "test_every_pdf_of_the_kit_passes_the_pdfua_checker",
        "test_headings_never_skip_a_level_and_boxes_are_headed",
        "test_tagged_pdfs_rebuild_byte_for_byte",
        "test_the_handout_reads_in_document_order_with_headings_lists_and_tables",
    ),
    "test_template_numbers.py": (
        "test_a_layout_without_a_slide_number_shows_the_masters",
        "test_a_slide_number_with_words_keeps_them_and_shows_the_number_once",
        "test_a_template_numbered_from_0_is_numbered_so_everywhere",
        "test_a_template_without_the_usual_layout_names_says_which_layouts_it_took",
    ),
    "test_template_security.py": (
        "test_a_deck_template_making_thousands_of_slides_is_stopped",
        "test_a_huge_template_file_is_refused_without_being_read",
        "test_a_template_is_timed_where_the_system_has_no_alarm_signal",
        "test_a_template_that_is_not_utf8_is_named_without_a_traceback",
        "test_every_context_is_plain_data_of_one_audience",
        "test_every_way_to_make_a_huge_text_in_one_step_is_limited",
        "test_injection_payloads_run_nothing_and_read_nothing",
        "test_resource_bombs_stop_with_the_template_and_line",
    ),
    "test_transaction.py": (
        "test_a_damaged_manifest_means_a_full_rebuild_with_a_warning",
        "test_another_audience_built_earlier_is_never_replaced_by_a_failed_build",
    ),
    "test_translation_stamps.py": (
        "test_a_source_saved_again_in_another_form_leaves_its_translation_current",
        "test_a_stamp_of_the_whole_source_file_still_counts_while_it_is_unchanged",
    ),
    "test_translations.py": (
        "test_a_build_of_some_languages_tells_only_their_translations_warnings",
        "test_a_mistake_in_a_translation_names_its_file_and_line",
        "test_a_renamed_module_is_told_to_each_language_by_the_files_it_reads",
        "test_a_translated_body_without_its_sources_audience_fence_is_not_used",
        "test_a_translated_list_of_another_length_never_shows_a_clinical_point_to_all_staff",
        "test_a_translated_list_whose_entries_moved_keeps_the_sources_audiences",
        "test_a_translated_text_that_does_not_fit_is_named_at_its_translations_line",
        "test_a_translation_adds_no_key_and_keeps_the_sources_forms",
        "test_a_translation_deleted_or_a_module_removed_is_told_by_the_files_read",
        "test_a_translation_older_than_its_source_is_named",
        "test_a_translation_s_version_is_the_source_s",
        "test_an_audience_added_to_the_source_keeps_the_others_translated_names",
        "test_an_untranslated_copy_follows_its_source",
        "test_an_untranslated_copy_stays_one_when_its_source_changes_elsewhere_than_its_text",
        "test_build_and_show_one_language",
        "test_clinical_text_stays_out_of_the_spanish_all_staff_materials",
        "test_the_overview_page_counts_audiences_and_languages_apart",
        "test_translate_starts_a_translation_of_stamped_copies",
        "test_translate_writes_a_tag_as_tags_are_written_and_finds_its_folder_in_any_case",
    ),
    "test_validate.py": (
        "test_a_table_too_wide_to_read_says_how_many_columns_fit_and_that_many_build",
    ),
    "test_watch.py": (
        "test_a_mistake_in_the_options_stops_at_once_with_status_2",
        "test_a_name_the_project_lacks_is_refused_before_watching_starts",
        "test_a_save_during_the_first_build_is_built_too",
        "test_ctrl_c_during_a_build_stops_quietly_with_status_0",
        "test_ctrl_c_while_watching_stops_quietly_with_status_0",
    ),
    "test_word_text.py": (
        "test_a_mark_pasted_into_a_list_entry_is_dropped_everywhere",
        "test_bullets_pasted_into_notes_are_a_list_in_every_notes_view",
        "test_every_line_and_paragraph_separator_is_a_line_break",
    ),
    "test_workers.py": (
        "test_a_job_meant_for_a_worker_gone_while_idle_goes_to_another",
        "test_a_killed_worker_fails_its_job_and_nothing_waits_for_it",
        "test_a_worker_that_stops_serving_fails_its_job_and_the_other_takes_the_rest",
        "test_no_job_is_lost_to_a_worker_that_was_never_forked",
        "test_shutting_down_cancels_queued_jobs_and_refuses_new_ones",
        "test_terminating_ends_jobs_under_way_at_once",
        "test_the_first_worker_prepares_once_and_the_others_inherit_it",
        "test_workers_leave_when_the_build_s_process_is_killed",
        "test_workers_of_a_build_that_is_process_1_start",
    ),
    "test_yaml_messages.py": ("test_a_yaml_slip_names_the_line_to_change_in_plain_words",),
}


def _left_to_full_run(tests: dict[str, tuple[str, ...]], reason: str) -> None:
    """Mark slow, for ``reason``, each test named in ``tests`` (module -> functions)."""
    for module, names in tests.items():
        for name in names:
            SLOW_TESTS.setdefault(module, {}).setdefault(name, reason)


_left_to_full_run(_OVER_BUDGET, OVER_BUDGET)


# The quick loop grew past its minute again (150 s on two cores, as tests were added): these
# took about 0.3 s or more each there. A test of several cases keeps its first in the quick
# loop (the others are further cases of one behaviour); the full run (CI) has them all.
_OVER_BUDGET_AGAIN: dict[str, tuple[str, ...]] = {
    "test_assessment.py": (
        "test_a_form_leaning_one_way_is_told_at_a_statement_of_that_side",
        "test_a_module_no_question_tests_is_named_at_its_objectives",
        "test_a_question_of_eight_options_does_not_make_the_spread_look_uneven",
        "test_an_option_with_a_picture_is_refused_and_words_pass",
        "test_objectives_and_questions_are_matched_audience_by_audience",
    ),
    "test_certificates.py": (
        "test_a_long_name_leaves_the_other_lines_as_on_every_certificate",
        "test_a_name_of_one_word_wider_than_a_line_leaves_the_other_lines_as_they_are",
        "test_a_very_long_name_stays_on_the_page",
        "test_check_tells_every_language_s_problems",
        "test_check_with_a_roster_runs_the_certificates_template_for_each_person",
        "test_check_with_a_roster_stops_where_the_certificates_build_stops",
        "test_check_with_a_roster_tells_the_roster_s_problems_at_their_lines",
        "test_no_roster_no_certificates",
        "test_roster_on_the_command_line",
    ),
    "test_changes_report.py": (
        "test_a_break_no_session_plan_has_is_not_reported_as_added",
        "test_a_file_made_again_for_another_reason_is_not_told_under_an_edit_it_does_not_show",
        "test_changes_md_tells_audiences_with_the_same_changes_together",
    ),
    "test_cli.py": (
        "test_a_profiled_run_still_writes_its_profile",
        "test_check_stops_on_a_headline_too_long_for_the_tiles_captions",
        "test_check_stops_on_a_page_furniture_build_stops_on",
        "test_check_validates_without_writing",
    ),
    "test_cli_output.py": (
        "test_check_takes_the_options_that_shape_the_outputs_as_build_does",
        "test_unchanged_files_fold_into_one_count_line",
    ),
    "test_deck.py": (
        "test_a_modules_content_note_and_notes_are_on_its_own_slides",
        "test_a_table_continued_over_slides_keeps_its_size_to_the_slide",
        "test_a_template_with_no_two_column_layout_stacks_the_columns",
        "test_a_template_without_table_styles_gets_the_part_its_tables_need",
        "test_a_templates_sections_and_custom_shows_go_with_its_slides",
        "test_a_two_content_layout_of_unlike_boxes_is_named_as_such",
        "test_compare_on_a_table_without_three_columns_is_a_warning_at_its_line",
        "test_one_word_for_a_break_in_every_output",
        "test_text_keeps_its_size_to_the_slide_on_a_larger_or_smaller_slide",
        "test_the_summary_gives_each_takeaway",
        "test_the_themes_table_colours_are_the_decks_and_the_printed_slides",
    ),
    "test_form_breaks.py": (
        "test_the_spanish_large_print_evaluation_keeps_each_key_with_its_table",
    ),
    "test_form_economy.py": (
        "test_a_filled_form_table_adds_no_page",
        "test_a_last_page_holding_one_question_is_saved",
    ),
    "test_forms.py": (
        "test_a_long_course_title_grows_its_row_on_the_sign_in_sheet",
        "test_answer_key_matches_both_forms_as_printed",
        "test_both_forms_hold_the_same_mix_of_question_kinds",
        "test_the_sign_in_sheet_gives_names_the_widest_column",
    ),
    "test_golden_markdown.py": ("test_a_template_edit_fails_the_comparison",),
    "test_guide.py": (
        "test_a_course_with_no_time_prints_no_contact_hours",
        "test_an_audience_that_sees_no_module_is_warned_of_at_its_line",
    ),
    "test_hostile.py": (
        "test_control_characters_never_crash",
        "test_markup_characters_on_slides_and_posters",
    ),
    "test_hostile_content.py": (
        "test_a_50_mb_module_is_refused_before_it_is_read",
        "test_a_trainer_s_own_hidden_temporary_files_are_never_deleted",
        "test_folders_nested_a_thousand_deep_never_stop_check_build_or_clean",
        "test_watch_reports_every_content_error_and_picks_up_the_fix",
    ),
    "test_hostile_files.py": (
        "test_a_deck_template_picture_in_another_format_never_reaches_another_program",
        "test_a_deck_template_that_gives_no_slide_size_has_office_s_default",
        "test_a_deck_template_with_a_huge_slide_master_is_refused",
        "test_a_file_name_in_no_encoding_does_not_stop_the_build",
        "test_a_folder_in_content_the_user_may_not_read_is_passed_over",
        "test_a_project_fonts_family_is_the_name_its_file_gives",
        "test_a_sound_project_font_builds",
        "test_a_template_listing_too_many_parts_is_refused_before_its_list_is_read",
        "test_what_templates_read_is_kept_in_materials_gen_s_own_cache",
    ),
    "test_images.py": (
        "test_a_missing_picture_in_a_key_point_is_told_at_its_line_in_every_language",
        "test_a_phone_jpeg_with_a_second_picture_inside_is_shown_as_its_photo",
        "test_a_picture_alone_in_a_box_or_a_quote_gets_its_slide",
        "test_a_tall_infographic_gets_most_of_a_page",
        "test_deck_picture_keeps_its_shape_and_alt_text",
    ),
    "test_index.py": ("test_warnings_alone_are_not_told_as_problems_to_fix",),
    "test_kinds.py": (
        "test_a_template_that_prints_the_large_print_setting_is_made_again",
        "test_a_template_that_starts_showing_a_value_names_itself_not_the_value",
        "test_start_read_through_a_method_of_the_session",
    ),
    "test_labels.py": (
        "test_a_catalog_and_a_template_saved_with_a_byte_order_mark_are_read",
        "test_a_language_of_one_plural_form_translates_a_plural_label",
        "test_the_hint_for_missing_labels_names_the_catalog_the_course_reads",
    ),
    "test_large_print.py": (
        "test_a_date_its_column_cannot_hold_breaks_at_its_spaces",
        "test_a_long_organization_name_stays_large_in_the_band",
        "test_a_unit_a_narrow_column_cannot_hold_stops_the_build_rather_than_break",
    ),
    "test_large_print_breaks.py": (
        "test_a_question_longer_than_a_page_starts_where_the_form_has_room",
    ),
    "test_layout.py": (
        "test_a_layout_that_draws_its_titles_in_a_font_of_its_own_is_fitted_in_it",
        "test_a_link_on_a_slide_prints_as_the_deck_shows_it",
        "test_a_placeholder_s_own_fill_is_printed_behind_its_text",
        "test_a_placeholders_own_bullets_and_italics_print_as_projected",
        "test_a_slide_number_field_in_a_templates_own_text_box_prints_each_slides_number",
        "test_a_slide_number_prints_in_the_templates_own_size_and_weight",
        "test_a_template_naming_one_of_powerpoint_s_own_table_styles_is_told",
        "test_a_templates_odd_numbers_are_read_as_ooxml_allows_never_a_crash",
        "test_a_theme_font_of_the_same_widths_fits_an_office_template_quietly",
        "test_printed_slides_draw_a_templates_shapes_lines_and_groups",
        "test_printed_slides_show_the_laid_out_text",
        "test_see_through_shapes_and_faded_backgrounds_shown_on_every_slide_print_so",
        "test_the_deck_writes_the_marks_and_direction_it_was_laid_out_with",
        "test_the_font_a_templates_placeholders_name_is_fitted_and_printed",
        "test_the_fonts_the_master_s_text_styles_name_are_fitted_and_printed",
        "test_the_title_rule_goes_where_a_right_to_left_title_starts",
        "test_the_title_rule_stays_under_a_title_grown_to_more_lines",
        "test_what_is_below_a_grown_title_keeps_the_layout_s_space_under_it",
    ),
    "test_layout_mapping.py": (
        "test_a_layout_of_another_slide_master_is_named_as_such",
        "test_a_layout_that_sets_its_text_vertically_holds_no_slide",
        "test_a_usual_layout_whose_title_was_deleted_is_named_as_short_of_it",
        "test_content_mapped_also_takes_the_table_and_quote_slides",
        "test_layouts_of_another_template_checks_the_mapping_against_it",
        "test_layouts_taken_for_want_of_a_usual_name_are_told_beside_the_errors",
        "test_usual_layout_names_are_found_whatever_their_case",
    ),
    "test_load.py": ("test_hidden_files_are_not_content_and_a_mac_s_decomposed_names_are_found",),
    "test_output_safety.py": (
        "test_a_file_of_the_trainers_own_where_an_output_goes_is_never_replaced",
        "test_an_output_setting_inside_the_project_is_used",
        "test_the_output_option_may_point_outside_the_project",
    ),
    "test_overview.py": ("test_notes_are_counted_apart_from_warnings",),
    "test_pacing.py": (
        "test_a_translations_notes_too_long_for_the_module_s_time_are_named",
        "test_activities_longer_than_their_module_are_told_by_build_and_check",
        "test_an_activity_that_runs_over_several_slides_is_counted_once",
        "test_slides_faster_than_one_a_minute_are_named",
    ),
    "test_poster.py": (
        "test_a_footer_too_long_for_the_poster_names_the_audiences_line",
        "test_a_headline_that_takes_the_tables_room_is_named_in_the_hint",
        "test_a_long_course_title_takes_more_of_the_poster_before_it_stops",
        "test_a_poster_with_nothing_but_its_headline_is_not_made",
        "test_poster_is_deterministic_embedded_and_clean",
    ),
    "test_poster_tables.py": (
        "test_a_word_wider_than_its_poster_column_is_named_with_its_line_and_a_hint",
        "test_bleed_and_tiles_carry_the_long_table",
        "test_only_a_table_that_compares_two_approaches_takes_their_colours",
    ),
    "test_printed_turned.py": (
        "test_a_placeholder_set_vertically_is_fitted_and_printed_vertically",
        "test_a_shape_filled_as_its_group_takes_the_groups_fill",
        "test_a_template_nested_past_what_can_be_read_is_an_error_at_the_template",
        "test_mongolian_and_stacked_columns_run_left_to_right",
        "test_nested_and_flipped_groups_add_up_as_powerpoint_draws_them",
        "test_vertical_text_on_a_templates_shapes_prints_as_powerpoint_draws_it",
        "test_vertical_texts_stay_inside_their_boxes",
    ),
    "test_reasons.py": (
        "test_a_copied_template_edited_later_is_told_changed",
        "test_a_course_file_edit_beside_a_module_edit_is_named_where_it_shows",
        "test_a_course_file_edit_beside_a_module_edit_is_named_where_it_shows_the_order",
        "test_an_edit_an_output_does_not_show_is_not_its_reason_beside_another",
        "test_the_knowledge_check_is_told_of_its_questions_not_of_titles_it_does_not_print",
        "test_two_edits_in_one_build_each_named_only_where_it_shows",
    ),
    "test_rebuild.py": (
        "test_a_build_stopped_by_sigterm_says_so_in_json_and_leaves_no_lock",
        "test_a_picture_added_in_content_under_a_shown_name_rebuilds_what_shows_it",
        "test_a_process_that_builds_again_loads_the_renderers_while_it_waits",
        "test_a_rebuild_with_nothing_changed_still_warns",
        "test_ctrl_c_while_the_renderers_load_is_told_after_they_have",
    ),
    "test_rebuild_languages.py": (
        "test_a_rebuild_names_the_file_an_edit_to_a_translated_field_came_from",
        "test_a_setting_is_no_text_left_in_the_source_s_language",
        "test_the_source_s_language_changed_makes_the_translation_s_files_again",
    ),
    "test_references.py": ("test_an_undated_source_is_marked_in_the_course_s_language",),
    "test_roster_tracks.py": ("test_a_course_in_one_language_checks_the_column_too",),
    "test_scale.py": (
        "test_a_long_roster_s_sign_in_sheet_has_the_same_pages_as_one_reportlab_table",
    ),
    "test_sign_in_roster.py": (
        "test_a_sheet_that_ran_a_few_rows_onto_a_second_page_fits_on_one",
        "test_the_rows_go_on_to_the_foot_of_the_sheet_s_last_page",
    ),
    "test_slide_handouts.py": (
        "test_a_long_organisation_name_stays_left_of_the_pages_label",
        "test_a_master_of_many_shapes_is_printed_once_per_layout",
        "test_two_slides_a_page_each_in_its_half",
    ),
    "test_source_language.py": (
        "test_a_copy_translate_made_keeps_what_is_not_yet_translated_in_english",
        "test_a_whole_translation_marks_only_what_it_keeps_in_english",
        "test_entries_a_translation_gives_in_another_order_are_its_own",
    ),
    "test_sources.py": ("test_a_table_row_too_tall_for_a_slide_goes_on_on_the_next",),
    "test_tagged_pdf.py": (
        "test_a_modules_boxes_are_headings_beside_its_sections",
        "test_a_quotation_is_a_block_quote",
        "test_headings_written_at_one_level_are_read_at_one_level",
        "test_printed_slides_read_each_slide_title_first",
        "test_the_catalog_says_tagged_language_title_and_pdfua",
    ),
    "test_template_numbers.py": (
        "test_a_carried_rule_sharing_an_id_with_the_title_leaves_the_title_placeholder",
        "test_a_master_number_with_words_digits_and_another_field",
        "test_a_number_placeholder_shrunk_by_powerpoint_prints_shrunk",
        "test_bullets_on_a_layout_without_marks_start_at_the_margin",
    ),
    "test_template_security.py": ("test_an_output_s_template_left_empty_is_told",),
    "test_templating.py": ("test_poster_points_that_start_like_markdown_are_printed_as_written",),
    "test_translations.py": (
        "test_a_translated_text_with_a_colon_unquoted_is_told_to_be_quoted",
        "test_a_translation_s_own_numbers_dates_and_settings_are_told",
        "test_a_translations_own_answer_is_warned_of_at_its_line",
        "test_a_translations_own_language_setting_is_told_it_is_not_read",
        "test_after_a_build_of_one_language_or_audience_the_rest_name_the_file_edited",
        "test_an_audience_a_translation_lacks_is_named_by_its_id",
        "test_the_posters_table_left_out_of_a_translation_is_no_text_left_out",
        "test_words_a_translation_leaves_out_are_named_at_its_file",
    ),
    "test_watch.py": (
        "test_a_content_folder_put_back_in_its_place_is_still_watched",
        "test_a_fixed_roster_is_rebuilt_from_as_the_message_says",
    ),
    "test_watchdog.py": (
        "test_a_step_no_alarm_interrupts_ends_the_build_with_its_template_named",
        "test_a_template_that_ends_in_time_is_left_alone_and_the_watchdog_leaves_with_it",
        "test_ctrl_c_ends_a_step_it_cannot_interrupt",
    ),
    "test_word_text.py": (
        "test_a_box_title_written_in_markdown_reads_as_in_the_deck",
        "test_an_emoji_s_variation_selector_is_left_out_not_printed_as_a_mark",
        "test_an_ideographic_space_between_latin_words_prints_as_a_gap",
        "test_lists_pasted_into_instructions_keep_a_line_each_everywhere",
        "test_markdown_in_the_course_s_facts_is_read_everywhere_never_printed_as_typed",
    ),
}
_ONE_CASE_QUICK: dict[str, tuple[str, ...]] = {
    "test_certificates.py": ("test_a_certificate_never_parts_its_date_or_its_contact_hours",),
    "test_form_breaks.py": ("test_a_rating_key_never_parts_a_number_from_its_words",),
    "test_hostile_files.py": ("test_a_deck_template_s_own_picture_has_the_limits_of_any_picture",),
    "test_labels.py": ("test_a_language_tag_in_any_case_finds_its_labels",),
    "test_paragraph_wrap.py": (
        "test_a_paragraph_whose_breaking_cut_a_word_is_drawn_as_reportlab_draws_it",
    ),
    "test_reasons.py": (
        "test_a_change_that_left_a_file_alone_is_not_told_when_another_makes_it_again",
    ),
    "test_source_language.py": ("test_every_pdf_that_prints_it_says_so",),
    "test_template_numbers.py": (
        "test_a_number_placeholder_of_several_lines_and_fields_prints_as_it_shows",
    ),
    "test_template_security.py": (
        "test_a_builds_templates_together_have_a_time_limit",
        "test_an_object_with_no_text_is_named_not_printed_where_it_is_in_memory",
    ),
    "test_translations.py": ("test_a_translation_folder_not_named_by_a_language_tag_is_warned_of",),
}
OVER_BUDGET_AGAIN = "over the quick loop's time (about 0.3 s on two cores): left to the full run"
_left_to_full_run(_OVER_BUDGET_AGAIN, OVER_BUDGET_AGAIN)
for _module, _names in _ONE_CASE_QUICK.items():
    for _name in _names:
        QUICK_CASES.setdefault(_module, {}).setdefault(_name, 1)


# Past its minute a third time (68 s on two cores): each of these took 0.4 s or more there,
# most of them starting a watch, waiting out its pauses, or building a project of their own.
# Their behaviours keep a quicker test in the quick loop (the watch's rebuilds, the faces
# read back from the cache, a translation's fences); the full run (CI) has them all.
_OVER_BUDGET_THIRD: dict[str, tuple[str, ...]] = {
    "test_face_metrics.py": (
        "test_the_pdfs_are_the_same_bytes_whether_the_faces_come_from_the_cache_or_not",
    ),
    "test_layout.py": ("test_a_background_style_of_the_theme_is_printed_as_its_gradient",),
    "test_load.py": ("test_a_translation_named_but_for_its_case_is_told_to_be_renamed",),
    "test_rendering.py": ("test_each_audience_s_jobs_go_out_longest_last_job_first",),
    "test_report_pictures.py": (
        "test_a_picture_kept_elsewhere_in_the_project_replaced_is_told_too",
    ),
    "test_tailor.py": ("test_a_notes_box_in_a_module_s_text_is_said_in_the_speaker_notes",),
    "test_translations.py": (
        "test_a_translated_list_item_moved_out_of_its_fence_is_not_printed_for_others",
        "test_a_translated_paragraph_moved_out_of_its_fence_is_not_printed_for_others",
        "test_a_translated_table_s_rows_moved_without_their_audiences_keep_the_sources",
    ),
    "test_watch.py": (
        "test_a_save_while_another_build_writes_is_built_once_it_is_done",
        "test_every_file_the_build_reads_is_followed",
    ),
    "test_yaml_messages.py": ("test_a_non_breaking_space_after_a_list_s_dash_is_read_as_a_space",),
}
_left_to_full_run(_OVER_BUDGET_THIRD, OVER_BUDGET)


# Past its minute a fourth time (113 s on two cores, 1,699 tests): each of these took more
# than 0.4 s there (a test of several cases, 0.3 s a case: it keeps its first). Each stands
# for a behaviour the quick loop checks in a quicker test or in the session's kit build; the
# full run (CI) has them all.
_OVER_BUDGET_FOURTH: dict[str, tuple[str, ...]] = {
    "test_assessment.py": ("test_a_fact_to_fill_in_whose_mark_is_left_open_is_named_too",),
    "test_changes_report.py": ("test_an_audience_s_first_files_are_not_listed_as_made_again",),
    "test_cli_output.py": ("test_build_strict_fails_on_what_check_strict_fails_on",),
    "test_complex_scripts.py": (
        "test_a_line_of_a_paragraph_reads_in_the_paragraph_s_direction",
        "test_shaped_pdfs_are_the_same_bytes_whatever_was_shaped_before_them",
    ),
    "test_form_breaks.py": ("test_a_heading_right_before_another_never_ends_a_page_alone",),
    "test_handout.py": ("test_a_box_going_on_on_another_page_says_its_title_there_once",),
    "test_images.py": (
        "test_every_picture_on_a_slide_is_described_in_its_notes",
        "test_pictures_among_key_points_are_on_the_slides_as_in_the_handout",
    ),
    "test_index.py": ("test_a_title_given_per_audience_is_one_title_on_the_page",),
    "test_kinds.py": ("test_standard_print_given_says_so",),
    "test_layout.py": (
        "test_a_layout_reaching_past_the_slide_holds_its_text_on_the_slide",
        "test_a_table_too_big_for_a_box_cut_by_the_slide_s_edge_is_told_why",
        "test_a_turned_placeholder_is_left_as_its_layout_turns_it",
        "test_text_is_fitted_and_printed_in_the_template_fonts",
    ),
    "test_layout_mapping.py": (
        "test_a_layout_taken_for_want_of_a_usual_name_is_told_once_for_every_audience",
        "test_slides_no_usual_layout_holds_go_to_the_one_with_most_room",
    ),
    "test_load.py": ("test_files_named_but_for_their_case_are_told_not_used",),
    "test_paragraph_wrap.py": ("test_a_compound_of_more_than_a_hundred_letters_is_hyphenated",),
    "test_reasons.py": (
        "test_a_change_that_left_a_file_alone_is_not_told_when_another_makes_it_again",
        "test_a_setting_that_is_no_input_of_its_own_is_named",
        "test_an_include_named_by_a_variable_is_told_once_not_as_every_template",
        "test_the_guide_told_of_moved_slide_numbers_names_what_its_deck_shows",
    ),
    "test_rebuild.py": (
        "test_a_forced_rebuild_rewrites_no_file_it_makes_again_as_it_was",
        "test_an_edit_templates_only_the_outputs_whose_values_it_changed",
    ),
    "test_roster_files.py": ("test_certificates_left_by_a_build_without_the_roster_are_told_so",),
    "test_schedule.py": ("test_a_module_without_a_time_says_no_time_set_in_the_guide_and_handout",),
    "test_serve.py": (
        "test_an_audience_taken_out_again_is_shown_not_up_to_date_not_made",
        "test_only_the_browser_given_the_printed_address_is_answered",
    ),
    "test_tagged_pdf.py": (
        "test_a_link_going_on_over_a_page_break_is_one_link",
        "test_a_passage_in_another_script_says_its_language",
        "test_each_link_is_described_by_its_own_words_as_written",
    ),
    "test_template_numbers.py": (
        "test_a_date_field_of_the_master_says_the_content_s_date",
        "test_a_number_after_many_words_keeps_its_own_words",
        "test_a_number_placeholder_of_several_lines_and_fields_prints_as_it_shows",
        "test_a_title_rule_s_fields_say_the_number_and_the_content_s_date",
        "test_each_line_of_a_number_placeholder_prints_in_its_own_weight_and_the_number_s_size",
    ),
    "test_template_security.py": ("test_a_builds_templates_together_have_a_time_limit",),
    "test_translations.py": (
        "test_a_text_a_translation_adds_for_a_defined_audience_is_not_called_unknown",
        "test_a_translated_module_no_longer_listed_is_told_where_it_is",
        "test_a_translation_folder_not_named_by_a_language_tag_is_warned_of",
        "test_an_answers_letter_in_another_case_is_the_same_answer",
        "test_an_audience_a_translation_adds_is_told_as_left_out",
        "test_files_no_output_prints_are_warned_of_once_and_not_as_untranslated",
        "test_keys_a_trainer_names_are_not_taken_for_misspelt_ones",
        "test_questions_taking_a_newer_sources_answers_are_warned_of",
        "test_texts_a_partly_translated_file_keeps_as_written_are_told",
    ),
}
_left_to_full_run(_OVER_BUDGET_FOURTH, OVER_BUDGET)
_ONE_CASE_QUICK_FOURTH: dict[str, tuple[str, ...]] = {
    "test_complex_scripts.py": ("test_chinese_before_another_script_wraps_inside_the_page",),
    "test_hostile.py": ("test_a_deck_template_holding_what_powerpoint_never_writes_is_named",),
    "test_layout.py": ("test_a_layout_s_room_is_the_part_of_its_box_on_the_slide",),
    "test_page_breaks.py": ("test_a_heading_never_ends_a_page_above_its_columns",),
    "test_rebuild.py": (
        "test_a_link_turned_to_another_file_of_the_project_rebuilds_what_shows_it",
        "test_a_template_that_prints_what_another_input_also_sets_is_made_again",
    ),
    "test_slide_handouts.py": ("test_every_file_is_described_by_the_course_title",),
    "test_template_security.py": (
        "test_a_template_asking_for_a_field_by_a_number_builds",
        "test_a_template_nested_too_deeply_is_named_by_every_command",
        "test_whatever_a_template_raises_is_told_at_its_line",
    ),
    "test_templating.py": ("test_a_filter_given_the_wrong_kind_of_value_says_so_at_its_line",),
    "test_translations.py": (
        "test_a_translation_that_is_a_list_is_told_once_with_an_example_of_its_kind",
        "test_an_audience_misspelt_in_a_translation_is_named_at_its_line",
    ),
    "test_watch.py": ("test_a_watch_stopped_once_its_build_is_done_says_no_build_was_stopped",),
}
for _module, _names in _ONE_CASE_QUICK_FOURTH.items():
    for _name in _names:
        QUICK_CASES.setdefault(_module, {})[_name] = 1
# whose first case alone took more than a second: left to the full run whole
_left_to_full_run(
    {
        "test_rebuild.py": (
            "test_a_link_turned_to_another_file_of_the_project_rebuilds_what_shows_it",
            "test_a_template_that_prints_what_another_input_also_sets_is_made_again",
        ),
        "test_translations.py": (
            "test_an_audience_misspelt_in_a_translation_is_named_at_its_line",
        ),
        "test_watch.py": ("test_a_watch_stopped_once_its_build_is_done_says_no_build_was_stopped",),
    },
    OVER_BUDGET,
)


# Still a few seconds past its minute on an idle machine (60 s, 1,608 tests): each of these
# took 0.3 s or more there. The full run (CI) has them all.
_OVER_BUDGET_FIFTH: dict[str, tuple[str, ...]] = {
    "test_certificates.py": (
        "test_bad_roster_rows_name_their_csv_line",
        "test_trainers_too_long_for_a_certificate_are_named_at_their_line",
    ),
    "test_changes_report.py": ("test_a_shipped_report_never_survives_the_first_build",),
    "test_clean_folders.py": ("test_clean_names_only_the_files_of_its_own_it_removed",),
    "test_cli.py": (
        "test_list_names_the_files_a_build_with_the_same_options_makes",
        "test_list_says_what_a_build_of_one_language_leaves_out_as_build_does",
    ),
    "test_complex_scripts.py": (
        "test_chinese_before_another_script_wraps_inside_the_page",
        "test_compared_columns_in_hebrew_start_at_the_right",
    ),
    "test_deck.py": ("test_an_organisation_templates_file_data_never_reaches_a_deck",),
    "test_face_metrics.py": (
        "test_a_damaged_entry_is_read_again_from_the_file",
        "test_a_face_read_back_from_the_cache_is_the_face_reportlab_reads",
    ),
    "test_forms.py": ("test_a_question_with_a_very_long_compound_keeps_the_answer_keys_columns",),
    "test_hostile.py": ("test_a_deck_template_holding_what_powerpoint_never_writes_is_named",),
    "test_images.py": (
        "test_pictures_written_line_under_line_are_each_shown",
        "test_the_space_after_a_picture_in_a_sentence_is_kept",
    ),
    "test_layout.py": ("test_a_master_s_dashed_arrow_prints_dashed_with_its_arrowhead",),
    "test_output_safety.py": ("test_the_output_option_may_not_name_the_sources_or_the_root",),
    "test_page_breaks.py": ("test_a_heading_never_ends_a_page_above_its_columns",),
    "test_poster.py": ("test_a_footer_of_one_long_word_is_quoted_by_its_start",),
    "test_rebuild.py": (
        "test_a_file_a_template_includes_before_it_is_there_is_an_input",
        "test_a_file_deleted_by_hand_and_edited_content_are_both_told",
    ),
    "test_roster_tracks.py": ("test_certificates_of_a_language_not_built_are_said_to_be_so",),
    "test_slide_handouts.py": ("test_every_file_is_described_by_the_course_title",),
    "test_tagged_pdf.py": ("test_a_link_is_described_by_its_words_and_heard_once",),
    "test_template_numbers.py": (
        "test_a_layout_number_placeholder_without_text_is_filled",
        "test_a_master_s_number_box_is_aligned_and_anchored_as_the_master_s",
    ),
    "test_template_security.py": (
        "test_a_template_asking_for_a_field_by_a_number_builds",
        "test_a_template_nested_too_deeply_is_named_by_every_command",
        "test_whatever_a_template_raises_is_told_at_its_line",
    ),
    "test_templating.py": ("test_a_deck_template_s_slide_that_would_be_lost_or_untitled_is_named",),
    "test_transaction.py": (
        "test_permission_denied_half_way_through_replacing_puts_every_old_file_back",
    ),
    "test_translations.py": (
        "test_a_translation_that_is_a_list_is_told_once_with_an_example_of_its_kind",
        "test_a_translations_first_words_are_told_as_its_translation_being_used",
    ),
    "test_validate.py": ("test_a_start_on_a_twelve_hour_clock_is_told_on_the_24_hour_one",),
    "test_word_text.py": ("test_a_numbered_sub_list_starting_after_1_keeps_a_line_for_each_item",),
    "test_workers.py": ("test_a_cancelled_job_does_not_hold_up_the_next",),
}
_left_to_full_run(_OVER_BUDGET_FIFTH, OVER_BUDGET)

# and those a later round's tests pushed over it (the quick loop took 66 s on two idle cores)
_OVER_BUDGET_SIXTH: dict[str, tuple[str, ...]] = {
    "test_deck.py": (
        "test_every_output_links_a_phone_number_and_prints_other_addresses_as_their_words",
    ),
    "test_output_safety.py": ("test_a_shipped_manifest_never_has_a_build_remove_a_file_outside",),
    "test_page_breaks.py": ("test_a_table_s_last_two_rows_go_on_together_however_tall_they_are",),
    "test_powerpoint_schema.py": (
        "test_every_shape_keeps_an_id_of_its_own_beside_a_template_s_low_footer_ids",
        "test_a_template_whose_notes_master_has_no_notes_box_still_carries_the_notes",
    ),
    "test_rebuild.py": (
        "test_a_shared_manifest_never_makes_the_quick_check_wait_or_read_outside",
        "test_a_project_moved_with_its_output_folder_is_still_up_to_date",
    ),
    "test_serve.py": (
        "test_nothing_outside_the_output_folder_is_served",
        "test_the_page_shows_every_audience_and_links_every_file_it_built",
    ),
    "test_source_language.py": ("test_the_untranslated_module_is_english_in_the_spanish_handout",),
    "test_tagged_pdf.py": ("test_a_link_broken_over_lines_leaves_no_empty_link_behind",),
    "test_word_text.py": ("test_every_control_character_of_a_line_or_value_is_named",),
}
_left_to_full_run(_OVER_BUDGET_SIXTH, OVER_BUDGET)


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
        # (not a trainer's changed copy of an output, kept beside it as "... (changed).pdf"
        # by the same write: its bytes are the trainer's, damaged on purpose by some tests)
        if destination.suffix in (".pdf", ".pptx") and " (changed" not in destination.name:
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


# the organization's approval for continuing education, as a trainer fills it in: a
# certificate prints no fact still marked to be filled in
APPROVAL = {
    "[[fill in the accrediting body]]": "State Board of Behavioral Health",
    "[[fill in the approval number]]": "BH-2026-0412",
}


def approved(project: Path) -> Path:
    """``project`` (a copy of the kit) with its continuing-education approval filled in, in
    every language, so that its certificates can be made."""
    for course in (project / "content").rglob("course.yaml"):
        text = course.read_text(encoding="utf-8")
        for mark, fact in APPROVAL.items():
            text = text.replace(mark, fact)
        course.write_text(text, encoding="utf-8")
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
    PowerPoint is expected to open the file without a repair prompt. A link's address
    outside the deck is not one: the security check warns of every web, e-mail and phone
    link ("External relationship target"), which PowerPoint opens as they are.
    """
    from openxml_audit import FileFormat, OpenXmlValidator

    found = []
    for version in POWERPOINT_VERSIONS:
        validator = OpenXmlValidator(
            file_format=FileFormat(version), max_errors=0, security_validation=True
        )
        result = validator.validate(str(path))
        found += [
            f"{version} {e.severity.value}: {e}"
            for e in result.errors
            if not (e.severity.value == "warning" and "External relationship target" in str(e))
        ]
    return found


# what each content-stream operator names, and where its resources keep it
_NAMED = {"gs": "/ExtGState", "sh": "/Shading", "Do": "/XObject", "Tf": "/Font"}


def unnamed_resources(pdf: bytes | Path) -> list[str]:
    """What the PDF's pages and forms use by name (a graphics state, a shading, a picture or
    form, a font) without holding it in their resources: a viewer draws those parts
    wrongly, or not at all ("ExtGState 'gRLs0' is unknown"). One line each; empty when all
    is there."""
    import io

    import pikepdf

    found: list[str] = []
    source = io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf
    with pikepdf.open(source) as doc:
        looked: set[tuple[int, int]] = set()

        def walk(thing: pikepdf.Object, resources: pikepdf.Object, where: str) -> None:
            for operands, operator in pikepdf.parse_content_stream(thing):
                kind = _NAMED.get(str(operator))
                if kind is None or not operands or not isinstance(operands[0], pikepdf.Name):
                    continue
                name = operands[0]
                held = resources.get(kind) if resources is not None else None
                if held is None or name not in held:
                    found.append(f"{where}: {operator} {name} is not in its {kind}")
                elif kind == "/XObject":
                    inner = held[name]
                    if inner.get("/Subtype") == "/Form" and inner.objgen not in looked:
                        looked.add(inner.objgen)
                        # a form without resources of its own uses its page's (PDF 1.1)
                        walk(inner, inner.get("/Resources", resources), f"{where} form {name}")

        for n, page in enumerate(doc.pages, start=1):
            walk(page, page.obj.get("/Resources"), f"page {n}")
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
