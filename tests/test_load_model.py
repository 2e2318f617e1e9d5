"""The shape of a scenario: unknown and missing keys, wrong types, YAML 1.1 traps (E011-E014).

Pydantic reports every shape problem at once; each becomes a located diagnostic.
"""

from __future__ import annotations

from game.story.load import LoadResult


def only(result: LoadResult, code: str):
    """The single diagnostic of a result that must fail with exactly that one problem."""
    assert result.story is None
    assert [d.code for d in result.diagnostics] == [code], [d.format() for d in result.diagnostics]
    return result.diagnostics[0]


def test_a_misspelt_optional_key_is_unknown_with_a_did_you_mean_hint(load, changed, locate):
    text = changed("    pronouns: she\n    look: {skin: 2", "    pronons: she\n    look: {skin: 2")
    d = only(load(text), "E011")
    assert (d.line, d.col) == locate(text, "pronons")
    assert "'characters.mia'" in d.message
    assert d.hint == "did you mean 'pronouns'?"


def test_a_misspelt_title_is_unknown_and_title_is_missing(load, changed, locate):
    text = changed("title: Mia's new follower", "titel: Mia's new follower")
    by_code = {d.code: d for d in load(text).diagnostics}
    assert set(by_code) == {"E011", "E012"}
    assert (by_code["E011"].line, by_code["E011"].col) == locate(text, "titel")
    assert by_code["E011"].hint == "did you mean 'title'?"
    assert "'title'" in by_code["E012"].message


def test_an_unknown_key_with_nothing_close_lists_the_keys_allowed(load, changed, locate):
    text = changed("    pronouns: they\n    look: {skin: 4", "    favourite: cake\n    look: {skin: 4")
    d = only(load(text), "E011")
    assert (d.line, d.col) == locate(text, "favourite")
    assert d.hint.startswith("the keys allowed here are: ")
    assert "pronouns" in d.hint


def test_a_missing_top_level_key_is_reported_with_a_line_to_add(load, changed):
    d = only(load(changed("setting: both\n", "")), "E012")
    assert d.message == "missing the key 'setting'"
    assert d.line == 6  # the file's first key
    assert d.hint == "add a line 'setting: ...'"


def test_a_missing_key_in_an_ending_points_at_that_ending(load, changed, locate):
    text = changed("    title: A trusted adult helps\n", "")
    d = only(load(text), "E012")
    assert d.message == "in 'endings.mum-listens' missing the key 'title'"
    assert (d.line, d.col) == locate(text, "mum-listens:")


def test_the_answer_no_is_read_as_false_and_the_hint_says_quote_it(load, changed, locate):
    text = changed("      - mia: I'm glad I told you, Sam.", "      - mia: No")
    d = only(load(text), "E013")
    assert (d.line, d.col) == locate(text, "mia: No")
    assert "text" in d.message
    assert 'quotes, e.g. "No"' in d.hint


def test_a_choice_text_of_yes_is_read_as_true_and_the_hint_says_quote_it(load, changed, locate):
    text = changed("      - text: Say nothing for now.", "      - text: yes")
    d = only(load(text), "E013")
    assert (d.line, d.col) == locate(text, "yes\n")
    assert "quotes" in d.hint


def test_a_narration_line_of_just_no_is_read_as_false_and_the_hint_says_quote_it(load, changed, locate):
    text = changed("      - It's lunchtime. You and Mia are sharing a table by the window.", "      - No")
    d = only(load(text), "E013")
    assert d.line == locate(text, "- No")[0]
    assert "quotes" in d.hint


def test_an_unquoted_age_band_is_read_as_text_and_is_fine(load, changed):
    assert load(changed('band: "11-13"', "band: 11-13")).ok


def test_minutes_written_in_words_is_a_wrong_type_with_a_hint(load, changed, locate):
    text = changed("minutes: 8", "minutes: ten")
    d = only(load(text), "E013")
    assert (d.line, d.col) == locate(text, "ten")
    assert "'minutes'" in d.message
    assert "whole number" in d.hint


def test_minutes_out_of_range_is_reported(load, changed, locate):
    text = changed("minutes: 8", "minutes: 0")
    d = only(load(text), "E013")
    assert (d.line, d.col) == locate(text, "0\n")


def test_an_id_read_as_a_number_gets_a_hint_to_quote_it(load, changed, locate):
    text = changed("id: example", "id: 123")
    d = only(load(text), "E013")
    assert (d.line, d.col) == locate(text, "123")
    assert "quotes" in d.hint


def test_an_unknown_age_band_is_reported_at_its_value(load, changed, locate):
    text = changed('band: "11-13"', 'band: "11-14"')
    d = only(load(text), "E013")
    assert (d.line, d.col) == locate(text, '"11-14"')
    assert "'11-13'" in d.message


def test_a_mapping_where_a_list_belongs_gets_a_hint(load, changed, locate):
    text = changed("themes: [online-contact, gifts-attention, hidden-identity, fear-not-believed]",
                   "themes: {online-contact: 1}")
    d = only(load(text), "E013")
    assert d.line == locate(text, "themes:")[0]
    assert "'- item'" in d.hint


def test_a_number_as_a_scene_id_gets_a_hint_to_quote_it(load, changed, locate):
    text = changed("  teacher:\n", "  1:\n    lines: [Later.]\n    go: teacher\n\n  teacher:\n")
    d = only(load(text), "E014")
    assert (d.line, d.col) == locate(text, "1:\n")
    assert "'scenes'" in d.message
    assert "quotes" in d.hint


def test_a_state_name_read_as_false_gets_a_hint_about_yes_and_no(load, changed, locate):
    text = changed("  trust: 0\n", "  trust: 0\n  no: false\n")
    d = only(load(text), "E014")
    assert (d.line, d.col) == locate(text, "no: false")
    assert "yes, no" in d.hint


def test_a_top_level_key_read_as_a_number_is_reported_at_that_key(load, changed, locate):
    text = changed("minutes: 8\n", "minutes: 8\n12: 3\n")
    d = only(load(text), "E014")
    assert (d.line, d.col) == locate(text, "12: 3")
    assert "quotes" in d.hint


def test_an_empty_top_level_key_is_reported_at_that_key(load, changed, locate):
    text = changed("minutes: 8\n", "minutes: 8\n~: 3\n")
    d = only(load(text), "E014")
    assert (d.line, d.col) == locate(text, "~: 3")
    assert "empty" in d.hint


def test_every_shape_problem_in_a_file_is_reported_together(load, changed, locate):
    text = changed("minutes: 8", "minutes: ten")
    text = changed("      - mia: I'm glad I told you, Sam.", "      - mia: No", text)
    text = changed("    pronouns: she\n    look: {skin: 2", "    pronons: she\n    look: {skin: 2", text)
    text = changed("    title: A trusted adult helps\n", "", text)
    found = sorted((d.line, d.code) for d in load(text).diagnostics)
    assert found == sorted([
        (locate(text, "minutes: ten")[0], "E013"),
        (locate(text, "mia: No")[0], "E013"),
        (locate(text, "pronons")[0], "E011"),
        (locate(text, "mum-listens:")[0], "E012"),
    ])
