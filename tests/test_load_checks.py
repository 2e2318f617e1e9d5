"""The meaning of a scenario: references, conditions, effects, the scene graph and the
notes teachers rely on (E015-E039, W001-W003)."""

from __future__ import annotations

import re

import pytest

from game.story.load import LoadResult
from game.story.safe_yaml import Limits


def only(result: LoadResult, code: str):
    """The single diagnostic of a result that must fail with exactly that one problem."""
    assert result.story is None
    assert [d.code for d in result.diagnostics] == [code], [d.format() for d in result.diagnostics]
    assert result.diagnostics[0].severity == "error"
    return result.diagnostics[0]


# --- names and references ----------------------------------------------------------------


def test_an_id_that_is_not_the_file_name_is_reported_at_the_id(load, example_text, locate):
    d = only(load(example_text, name="scenes/park.yaml"), "E020")
    assert d.path == "scenes/park.yaml"
    assert (d.line, d.col) == locate(example_text, "example\n")
    assert "id: park" in d.hint


def test_a_go_to_an_unknown_scene_says_did_you_mean(load, changed, locate):
    text = changed("    go: told-teacher\n", "    go: told-teachr\n")
    d = only(load(text), "E021")
    assert (d.line, d.col) == locate(text, "told-teachr")
    assert d.hint == "did you mean 'told-teacher'?"


def test_a_choice_going_to_an_unknown_scene_is_reported_at_its_go(load, changed, locate):
    text = changed("        go: bus-stop\n", "        go: busstop\n")
    d = only(load(text), "E021")
    assert (d.line, d.col) == locate(text, "busstop")
    assert d.hint == "did you mean 'bus-stop'?"


def test_a_broken_go_is_not_also_reported_as_unreachable_scenes(load, changed):
    # the graph rules are skipped: one mistake gives one message, not five
    text = changed("        go: bus-stop\n", "        go: nowhere\n")
    assert [d.code for d in load(text).diagnostics] == ["E021"]


def test_an_unknown_speaker_says_did_you_mean(load, changed, locate):
    text = changed("      - mia: Jay wants a photo.", "      - mai: Jay wants a photo.")
    d = only(load(text), "E022")
    assert (d.line, d.col) == locate(text, "mai:")
    assert d.hint == "did you mean 'mia'?"


def test_text_with_a_colon_reads_as_an_unknown_speaker_with_a_hint(load, changed, locate):
    text = changed("      - At the bus stop", "      - Later: at the bus stop")
    d = only(load(text), "E022")
    assert (d.line, d.col) == locate(text, "Later:")
    assert d.hint


def test_an_unknown_character_on_screen_is_reported(load, changed, locate):
    text = changed("    discuss: What has changed", "    present: [mia, sammy]\n    discuss: What has changed")
    d = only(load(text), "E022")
    assert (d.line, d.col) == locate(text, "sammy")
    assert d.hint == "did you mean 'sam'?"


def test_an_unknown_sign_says_did_you_mean(load, changed, locate):
    text = changed("        sign: secrecy\n", "        sign: secrets\n")
    d = only(load(text), "E023")
    assert (d.line, d.col) == locate(text, "secrets")
    assert d.hint == "did you mean 'secrecy'?"


def test_a_sign_kept_for_older_pupils_is_refused_in_an_11_to_13_story(load, changed, locate):
    text = changed("        sign: secrecy\n", "        sign: parties\n")
    d = only(load(text), "E038")
    assert (d.line, d.col) == locate(text, "parties")
    assert "14-16" in d.message
    assert d.hint


def test_an_unknown_theme_says_did_you_mean(load, changed, locate):
    text = changed("hidden-identity,", "hiden-identity,")
    d = only(load(text), "E034")
    assert (d.line, d.col) == locate(text, "hiden-identity")
    assert d.hint == "did you mean 'hidden-identity'?"


def test_a_missing_start_scene_says_did_you_mean(load, changed, locate):
    text = changed("start: lunch", "start: lunc")
    d = only(load(text), "E027")
    assert (d.line, d.col) == locate(text, "lunc\n")
    assert d.hint == "did you mean 'lunch'?"


def test_a_scene_and_an_ending_with_the_same_id_are_refused(load, changed, locate):
    text = changed("  not-yet:\n    title", "  corridor:\n    title")
    text = changed("        go: not-yet\n", "        go: teacher\n", text)
    d = only(load(text), "E028")
    assert (d.line, d.col) == (locate(text, "  corridor:\n    title")[0], 3)
    assert d.hint


def test_a_reserved_word_as_a_character_id_is_refused(load, changed, locate):
    text = changed("  ms-okafor:\n", "  narrator:\n").replace("      - ms-okafor:", "      - narrator:")
    d = only(load(text), "E036")
    assert (d.line, d.col) == (locate(text, "  narrator:\n")[0], 3)
    assert "narrator2" in d.hint


def test_a_state_name_with_capitals_is_refused(load, changed, locate):
    text = changed("  trust: 0\n", "  trust: 0\n  Told-Adult: false\n")
    d = only(load(text), "E014")
    assert (d.line, d.col) == locate(text, "Told-Adult")
    assert "told_adult" in d.hint


def test_a_background_that_is_a_path_is_refused(load, changed, locate):
    text = changed("    background: bus-stop\n", "    background: ../../secret\n")
    d = only(load(text), "E015")
    assert (d.line, d.col) == locate(text, "../../secret")
    assert d.hint


# --- conditions and effects --------------------------------------------------------------


def test_a_condition_that_stops_too_early_is_reported_at_its_end(load, changed, locate):
    text = changed("        if: asked\n", "        if: trust >= \n")
    d = only(load(text), "E024")
    line, col = locate(text, "trust >=")
    assert (d.line, d.col) == (line, col + len("trust >="))
    assert "trust >= 2" in d.hint


def test_a_condition_that_stops_too_early_without_a_trailing_space_is_reported_at_its_end(load, changed, locate):
    text = changed("        if: asked\n", "        if: trust >=\n")
    d = only(load(text), "E024")
    line, col = locate(text, "trust >=")
    assert (d.line, d.col) == (line, col + len("trust >="))


@pytest.mark.parametrize("written", ["told_adult\n          && x", ">-\n          told_adult && x"])
def test_a_condition_written_over_two_lines_is_reported_at_its_start(load, changed, locate, written):
    # the value is folded into one line, so a column inside it would point at nothing
    text = changed("        if: asked\n", f"        if: {written}\n")
    d = only(load(text), "E024")
    assert (d.line, d.col) == locate(text, written)


def test_ampersands_in_a_condition_are_reported_at_their_column(load, changed, locate):
    text = changed("        if: asked\n", "        if: told_adult && x\n")
    d = only(load(text), "E024")
    assert (d.line, d.col) == locate(text, "&&")
    assert "'and'" in d.hint


def test_the_column_inside_a_quoted_condition_allows_for_the_quote(load, changed, locate):
    text = changed("        if: asked\n", '        if: "told_adult && x"\n')
    d = only(load(text), "E024")
    assert (d.line, d.col) == locate(text, "&&")


def test_a_single_equals_in_a_choice_condition_gets_a_hint(load, changed, locate):
    text = changed("        if: trust >= 1 and not told_adult", "        if: trust = 1")
    d = only(load(text), "E024")
    assert (d.line, d.col) == locate(text, "= 1")
    assert "==" in d.hint


def test_a_wall_of_brackets_in_a_condition_is_reported_not_crashed_on(load, changed, locate):
    text = changed("        if: asked\n", '        if: "' + "(" * 240 + "asked" + ")" * 240 + '"\n')
    d = only(load(text), "E024")
    assert d.line == locate(text, "((((")[0]
    assert d.hint


def test_an_undeclared_name_in_a_condition_says_did_you_mean(load, changed, locate):
    text = changed("        if: asked\n", "        if: askd\n")
    d = only(load(text), "E025")
    assert (d.line, d.col) == locate(text, "askd")
    assert d.hint == "did you mean 'asked'?"


def test_an_undeclared_name_with_nothing_close_says_how_to_declare_it(load, changed):
    d = only(load(changed("        if: asked\n", "        if: brave\n")), "E025")
    assert d.hint == "declare it under 'state:', e.g. brave: false"


def test_comparing_a_flag_with_a_number_is_reported_at_the_operator(load, changed, locate):
    text = changed("        if: asked\n", "        if: asked >= 1\n")
    d = only(load(text), "E025")
    assert (d.line, d.col) == locate(text, ">= 1")
    assert "trust >= 2" in d.hint


def test_setting_an_undeclared_name_says_did_you_mean(load, changed, locate):
    text = changed("set: {asked: true}", "set: {askd: true}")
    d = only(load(text), "E026")
    assert (d.line, d.col) == locate(text, "askd")
    assert d.hint == "did you mean 'asked'?"


def test_adding_to_a_flag_is_refused(load, changed, locate):
    text = changed("add: {trust: 1}\n        feedback: Asking", "add: {asked: 1}\n        feedback: Asking")
    d = only(load(text), "E026")
    assert (d.line, d.col) == locate(text, "asked: 1")
    assert "set: {asked: true}" in d.hint


def test_setting_a_flag_to_a_number_is_refused(load, changed, locate):
    text = changed("set: {asked: true}", "set: {asked: 3}")
    d = only(load(text), "E026")
    assert (d.line, d.col) == locate(text, "3}")
    assert d.hint


# --- cast, scenes and the graph ----------------------------------------------------------


def test_a_story_without_a_player_is_refused(load, changed, locate):
    text = changed("    role: player", "    role: friend")
    d = only(load(text), "E032")
    assert (d.line, d.col) == locate(text, "characters:")
    assert "found 0" in d.message
    assert d.hint


def test_a_story_without_a_target_is_refused(load, changed, locate):
    text = changed("    role: target", "    role: friend")
    d = only(load(text), "E032")
    assert (d.line, d.col) == locate(text, "characters:")
    assert d.hint


def test_a_story_without_a_manipulator_gets_a_warning_and_still_loads(load, changed, locate):
    text = changed("    role: manipulator", "    role: other")
    result = load(text)
    assert result.ok
    [d] = result.diagnostics
    assert (d.code, d.severity) == ("W003", "warning")
    assert (d.line, d.col) == locate(text, "characters:")


def test_a_scene_with_neither_choices_nor_go_is_a_dead_end(load, changed, locate):
    text = changed("    go: told-teacher\n", "")
    d = only(load(text), "E033")
    assert (d.line, d.col) == (locate(text, "  teacher:")[0], 3)
    assert "go:" in d.hint


def test_a_scene_with_both_choices_and_go_is_refused(load, changed, locate):
    text = changed("    app: Sketchbook\n", "    app: Sketchbook\n    go: corridor\n")
    d = only(load(text), "E033")
    assert (d.line, d.col) == locate(text, "go: corridor")
    assert d.hint


def test_more_than_six_choices_is_too_many_for_the_screen(load, changed, locate):
    extra = "".join(f"      - text: Option {i}.\n        go: teacher\n" for i in range(4))
    text = changed("      - text: Wait and see what happens.\n", extra + "      - text: Wait and see what happens.\n")
    d = only(load(text), "E035")
    assert "7 choices" in d.message
    assert d.line == locate(text, "    choices:\n      - text: Text Mia")[0]
    assert d.hint


def test_an_ending_no_route_leads_to_is_refused(load, changed, locate):
    text = changed("        go: not-yet\n", "        go: teacher\n")
    d = only(load(text), "E029")
    assert (d.line, d.col) == (locate(text, "  not-yet:")[0], 3)
    assert d.hint


def test_a_scene_that_can_never_reach_an_ending_traps_the_pupil(load, changed, locate):
    loop = "  limbo:\n    lines: [You go round in circles.]\n    go: limbo\n\n  teacher:\n"
    text = changed("  teacher:\n", loop)
    text = changed("      - text: Wait and see what happens.\n",
                   "      - text: Go round in circles.\n        go: limbo\n"
                   "      - text: Wait and see what happens.\n", text)
    d = only(load(text), "E030")
    assert (d.line, d.col) == (locate(text, "  limbo:")[0], 3)
    assert "trapped" in d.message
    assert d.hint


def test_an_unreachable_scene_is_a_warning_and_the_story_still_loads(load, changed, locate):
    text = changed("  teacher:\n", "  spare:\n    lines: [Nobody comes here.]\n    go: not-yet\n\n  teacher:\n")
    result = load(text)
    assert result.ok
    [d] = result.diagnostics
    assert (d.code, d.severity) == ("W001", "warning")
    assert (d.line, d.col) == (locate(text, "  spare:")[0], 3)
    assert d.hint


@pytest.mark.parametrize("key", ["content_notes", "objectives", "questions", "pupil_summary"])
def test_missing_teacher_notes_are_a_warning_and_the_story_still_loads(load, example_text, key):
    text, removed = re.subn(rf"^{key}:.*\n(?: +.*\n)*", "", example_text, flags=re.M)
    assert removed == 1
    result = load(text)
    assert result.ok
    [d] = result.diagnostics
    assert (d.code, d.severity) == ("W002", "warning")
    assert f"'{key}:'" in d.message
    assert d.line == 6  # the top of the file
    assert d.hint


def test_too_many_scenes_for_the_limit_is_refused(load, example_text, locate):
    d = only(load(example_text, limits=Limits(max_scenes=3)), "E039")
    assert (d.line, d.col) == locate(example_text, "scenes:")
    assert d.hint


# --- all together ------------------------------------------------------------------------


def test_every_reference_problem_in_a_file_is_reported_together(load, changed, locate):
    text = changed("      - mia: Jay wants a photo.", "      - mai: Jay wants a photo.")
    text = changed("        sign: secrecy\n", "        sign: secrets\n", text)
    text = changed("        if: asked\n", "        if: told_adult && x\n", text)
    text = changed("set: {asked: true}", "set: {askd: true}", text)
    text = changed("hidden-identity,", "hiden-identity,", text)
    text = changed("    go: told-teacher\n", "    go: told-teachr\n", text)
    found = sorted((d.line, d.col, d.code) for d in load(text).diagnostics)
    assert found == sorted([
        (*locate(text, "mai:"), "E022"),
        (*locate(text, "secrets"), "E023"),
        (*locate(text, "&&"), "E024"),
        (*locate(text, "askd"), "E026"),
        (*locate(text, "hiden-identity"), "E034"),
        (*locate(text, "told-teachr"), "E021"),
    ])


def test_warnings_come_with_the_errors_of_the_same_file(load, changed):
    text = changed("    role: manipulator", "    role: other")
    text = changed("        sign: secrecy\n", "        sign: secrets\n", text)
    result = load(text)
    assert result.story is None
    assert sorted(d.code for d in result.diagnostics) == ["E023", "W003"]


def test_thousands_of_broken_names_are_all_reported_without_a_long_wait(load, changed):
    # a suggestion compares a name with every scene: thousands of each must not take minutes
    scenes = "".join(f"  s{i}: {{lines: [x], go: nowhere{i}}}\n" for i in range(5_000))
    result = load(changed("scenes:\n", "scenes:\n" + scenes))
    broken = [d for d in result.diagnostics if d.code == "E021"]
    assert len(broken) == 5_000
    assert all(d.line is not None for d in broken)


def test_thousands_of_bad_conditions_are_all_reported_at_their_columns(load, changed, locate):
    lines = "".join("      - {text: x, if: a &}\n" for _ in range(5_000))
    text = changed("      - It's lunchtime.", lines + "      - It's lunchtime.")
    found = [d for d in load(text).diagnostics if d.code == "E024"]
    assert len(found) == 5_000
    first_line, col = locate(text, "&}")
    assert {d.col for d in found} == {col}
    assert found[0].line == first_line
