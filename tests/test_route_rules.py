"""The route and suitability rules (E050-E053, W050-W059), as a writer meets them in `check`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.story.check import Context, backgrounds, routes
from game.story.check.suitability import clauses, is_placeholder, target_act, target_voice_patterns
from game.story.load import SHARED_FILES, LoadResult, load_scenario, parse_bytes
from game.story.model import Scenario
from game.story.safe_yaml import Limits
from game.story.validate import validate

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = [p for p in sorted((ROOT / "scenes").glob("*.yaml")) if p.stem not in SHARED_FILES]


def found(result: LoadResult, code: str):
    """The diagnostics of one code; the test names what else may or may not be there."""
    return [d for d in result.diagnostics if d.code == code]


def add_bus_stop_choice(text: str, choice: str) -> str:
    at = text.index("\n  teacher:\n")
    return text[:at] + "\n" + choice.rstrip("\n") + text[at:]


def bus_stop_condition(text: str, start: str, condition: str) -> str:
    at = text.index(f"      - text: {start}")
    end = text.index("\n", at) + 1
    return text[:end] + f"        if: {condition}\n" + text[end:]


# --- the shipped library ------------------------------------------------------


def test_the_example_passes_every_route_and_suitability_rule(load, example_text):
    result = load(example_text)
    assert result.story is not None
    assert [d.format() for d in result.diagnostics if re.match(r"[EW]05", d.code)] == []


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: p.stem)
def test_no_shipped_scenario_is_flagged(shared, path):
    result = load_scenario(path, shared, lint=True)
    assert [d.format() for d in result.diagnostics if re.match(r"[EW]05", d.code)] == []


# --- E050: trapped ---------------------------------------------------------------------------


def trap(text: str) -> str:
    """The example where, at the bus stop, only "Keep thinking" (a loop) is offered unless asked."""
    for start in ("Text Mia", "Tell your mum", "Wait and see"):
        text = bus_stop_condition(text, start, "asked")
    return add_bus_stop_choice(text, "      - text: Keep thinking.\n        go: bus-stop\n")


def test_a_pupil_trapped_by_conditions_is_an_error_at_the_scene_with_the_state(load, example_text, locate):
    text = trap(example_text)
    result = load(text)
    [d] = found(result, "E050")
    assert result.story is None and d.severity == "error"
    assert (d.line, d.col) == locate(text, "bus-stop:\n    kind")
    assert "trapped in the scene 'bus-stop'" in d.message and "no ending can be reached" in d.message
    assert "(with " in d.message and "more state" in d.message


def test_a_way_out_without_a_condition_frees_the_pupil(load, example_text):
    text = trap(example_text).replace("      - text: Keep thinking.\n        go: bus-stop",
                                      "      - text: Keep thinking.\n        go: not-yet")
    assert found(load(text), "E050") == []


def test_a_small_state_is_shown_whole_with_a_capped_counter_as_or_more():
    state = {"asked": False, "trust": 2}
    described = routes.describe_state(state, {"asked": False, "trust": 0}, {"trust": (None, 2)})
    assert described == "asked: false, trust: 2 or more"


def test_a_big_state_is_shown_as_what_differs_from_the_start():
    start = {f"flag{i}": False for i in range(7)}
    assert routes.describe_state({**start, "flag3": True}, start) == "flag3: true"
    assert routes.describe_state(start, start) == "the flags and counters as they start"


# --- E051: every choice hidden ------------------------------------------------------------------


def test_every_choice_hidden_in_a_reachable_state_is_an_error(load, example_text, locate):
    text = example_text
    for start in ("Text Mia", "Tell your mum", "Wait and see"):
        text = bus_stop_condition(text, start, "asked")
    [d] = found(load(text), "E051")
    assert "every choice's condition is false" in d.message and "'bus-stop'" in d.message
    assert d.line == locate(text, "choices:\n      - text: Text Mia")[0]


def test_a_choice_without_a_condition_means_one_is_always_offered(load, example_text):
    text = example_text
    for start in ("Text Mia", "Tell your mum"):
        text = bus_stop_condition(text, start, "asked")
    assert found(load(text), "E051") == []


# --- E052, W051: reachable only in theory ----------------------------------------------------------


def test_an_ending_the_conditions_never_allow_is_an_error(load, example_text, locate):
    text = bus_stop_condition(example_text, "Tell your mum", "told_adult")  # never true at the bus stop
    result = load(text)
    [d] = found(result, "E052")
    assert result.story is None
    assert (d.line, d.col) == locate(text, "mum-listens:\n    title")
    assert "'mum-listens' can be reached only in theory" in d.message and "'bus-stop'" in d.hint


def test_a_scene_the_conditions_never_allow_is_a_warning(load, changed, locate):
    text = changed("      - text: \"Say: \\\"I don't know what to do.\\\"\"\n",
                   "      - text: \"Say: \\\"I don't know what to do.\\\"\"\n        if: told_adult\n")
    result = load(text)
    scene = [d for d in found(result, "W051")]
    assert [d.message for d in scene] == ["the scene 'bus-stop' can be reached only in theory: the conditions on "
                                          "the way never allow it"]
    assert (scene[0].line, scene[0].col) == locate(text, "bus-stop:\n    kind")


def test_a_condition_that_can_come_true_reaches_its_scene(load, changed):
    text = changed("      - text: \"Say: \\\"I don't know what to do.\\\"\"\n",
                   "      - text: \"Say: \\\"I don't know what to do.\\\"\"\n        if: not told_adult\n")
    assert found(load(text), "W051") == [] and found(load(text), "E052") == []


# --- W050: a choice never offered -------------------------------------------------------------------


def test_a_choice_whose_condition_is_never_true_is_reported_at_its_condition(load, changed, locate):
    text = changed("        if: trust >= 1 and not told_adult\n", "        if: trust >= 3\n")
    result = load(text)
    [d] = found(result, "W050")
    assert result.story is not None and d.severity == "warning"
    assert (d.line, d.col) == locate(text, "trust >= 3")
    assert d.message.startswith("the choice 'Say: \"Thanks for trusting me.")
    assert "'trust >= 3' is false every time a pupil can be in the scene 'corridor'" in d.message


def test_a_choice_whose_condition_can_be_true_is_not_reported(load, changed):
    assert found(load(changed("        if: trust >= 1 and not told_adult\n", "        if: trust >= 2\n")),
                 "W050") == []


# --- W052: exploration stopped ----------------------------------------------------------------------


def test_exploration_that_stops_at_its_bound_says_so(load, example_text, monkeypatch):
    monkeypatch.setattr(routes, "STATE_BOUND", 10)
    result = load(example_text)
    [d] = found(result, "W052")
    assert d.message.startswith("path exploration stopped at 10 states")
    assert found(result, "E052") == [] and found(result, "W051") == []  # not claimed from part of the story


def test_routes_that_stop_at_their_bound_say_so(load, example_text, monkeypatch):
    monkeypatch.setattr(routes, "ROUTE_BOUND", 5)
    [d] = found(load(example_text), "W052")
    assert d.message.startswith("path exploration stopped after 5 routes")


def test_a_loop_with_a_counter_going_up_and_down_stops_at_the_bound(load, example_text, monkeypatch):
    monkeypatch.setattr(routes, "STATE_BOUND", 500)
    loop = ("      - text: Think again.\n        add: {trust: 1}\n        go: bus-stop\n"
            "      - text: Think less.\n        add: {trust: -1}\n        go: bus-stop\n")
    text = add_bus_stop_choice(example_text, loop)
    [d] = found(load(text), "W052")
    assert "500 states" in d.message


# --- W053: enough signs on every route -----------------------------------------------------------------


def test_a_route_with_fewer_than_four_signs_names_its_ending_and_signs(load, example_text, locate):
    text = re.sub(r"\n +sign: (?!flattery|secrecy|image-request)[a-z-]+", "", example_text)
    result = load(text)
    by_ending = {d.message.split("'")[1]: d for d in found(result, "W053")}
    assert set(by_ending) == {"told-teacher", "mum-listens", "not-yet"}
    d = by_ending["not-yet"]
    assert "shows only 3 warning signs (flattery, image-request, secrecy)" in d.message
    assert "lunch > messages > corridor > bus-stop > not-yet" in d.message
    assert (d.line, d.col) == locate(text, "not-yet:\n    title")


def test_four_signs_on_every_route_is_enough(load, example_text):
    text = re.sub(r"\n +sign: (?!flattery|secrecy|image-request|boundary-test)[a-z-]+", "", example_text)
    assert found(load(text), "W053") == []


# --- E053, and distancing by roles ----------------------------------------------------------------------


def test_a_target_with_the_players_name_is_refused(load, changed, locate):
    text = changed("    name: Mia\n", "    name: Sam\n")
    [d] = found(load(text), "E053")
    assert "same name as the player's character ('Sam')" in d.message
    assert d.line == locate(text, "name: Sam\n    role: target")[0]


def test_a_target_called_you_is_refused(load, changed):
    [d] = found(load(changed("    name: Mia\n", "    name: You\n")), "E053")
    assert "speak to the pupil as the young person being targeted" in d.message


def test_the_player_and_the_target_are_different_characters_by_their_roles(load, changed):
    # a character has one role: making Mia a second player leaves no target, and two players
    codes = [d.code for d in load(changed("    role: target\n", "    role: player\n")).diagnostics]
    assert codes.count("E032") == 2


# --- W054: what the guide keeps for 14-16 ---------------------------------------------------------------


def test_alcohol_in_an_11_to_13_story_is_reported_at_the_word(load, changed, locate):
    text = changed("We like all the same things!", "He's got vodka at his!")
    [d] = found(load(text), "W054")
    assert d.message == "'vodka' in an 11-13 story: the guide keeps alcohol for 14-16"
    assert (d.line, d.col) == locate(text, "vodka")


def test_a_party_in_a_choice_is_reported(load, changed):
    [d] = found(load(changed("Say nothing for now.", "Ask about the party.")), "W054")
    assert "parties" in d.message


def test_the_same_words_are_fine_in_a_14_to_16_story(load, changed):
    text = changed("We like all the same things!", "He's got vodka at his!")
    assert found(load(text.replace('band: "11-13"', 'band: "14-16"')), "W054") == []


def test_a_car_is_reported_when_the_manipulator_offers_it(load, changed):
    text = changed("jay: ur family wouldn't get ur art like I do",
                   "jay: I could pick u up in my car")
    [d] = found(load(text), "W054")
    assert "'car'" in d.message and "cars and lifts" in d.message


def test_an_everyday_car_away_from_the_manipulator_is_fine(load, changed):
    text = changed("Your mum listens to all of it.", "Your mum listens to all of it in the car.")
    assert found(load(text), "W054") == []


# --- W055: the choices are the friend's ----------------------------------------------------------------

TARGETS_VOICE = [
    "Send him the photo.", "Send Jay a selfie.", "I'll send the pic.", "Delete the messages like he said.",
    "Agree to meet him.", "Meet Jay after school.", "Mia agrees to meet Jay.", "Keep Jay secret.",
    "Keep it secret, like Jay said.", "OK, send it. Send the selfie.", "Do what Jay says.",
    "Get into Jay's car.", "Go to Jay's flat.", "I will meet Jay on Saturday.", "Just delete the chats.",
]


@pytest.mark.parametrize("choice", TARGETS_VOICE)
def test_a_choice_in_the_targets_voice_is_reported(load, changed, locate, choice):
    text = changed("      - text: Say nothing for now.\n", f"      - text: \"{choice}\"\n")
    text = text.replace("    pronouns: they\n    look: {skin: 3", "    pronouns: he\n    look: {skin: 3")  # Jay: he
    [d] = found(load(text), "W055")
    assert d.message.startswith(f"the choice {choice!r} reads as what Mia does (")
    assert "not what Sam does" in d.message
    assert d.line == locate(text, choice)[0]


def drafted_choices() -> list[str]:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return [c["text"] for path in LIBRARY for s in yaml.load(path.read_text(), Loader=loader)["scenes"].values()
            for c in s.get("choices", [])]


FRIENDS_VOICE = [
    "Promise to keep it secret.", "Keep it secret.", "Keep it to yourself for now.",
    "Tell Nia to screenshot everything and not delete anything.", 'Say: "Send him nothing. Block him."',
    "Zara looks worried. Say you'll keep it quiet for now.", "Meet Mia at the bus stop.",
    "Go with Mia to tell her mum.", 'Message Kofi: "send me the pic lol"', "Go with her.", "Meet them at the park.",
    "Block Jay.", "Report Jay's account.",
]


def test_no_drafted_or_everyday_friend_choice_is_reported(shared, example_text):
    src, _ = parse_bytes(example_text.encode(), "example.yaml", Limits())
    scenario, _ = validate(Scenario, src)
    patterns = target_voice_patterns(Context(src, scenario, shared, Limits(), "example"))
    assert target_act(patterns, "Send Jay the photo.") == "sending a picture"  # the patterns work here
    for choice in drafted_choices() + FRIENDS_VOICE:
        assert target_act(patterns, choice) is None, choice


def test_quoted_speech_and_what_follows_a_colon_are_the_friend_speaking():
    assert clauses('Say: "Send it to him." Then wait.') == ["say"]
    assert not any("maybe" in c for c in clauses('Reply "maybe", so it doesn\'t seem rude.'))


# --- W056: teacher notes written -------------------------------------------------------------------


def test_a_placeholder_objective_is_reported(load, changed, locate):
    text = changed("  - Know that it is never the young person's fault, and that telling a trusted adult helps\n",
                   "  - TODO\n")
    [d] = found(load(text), "W056")
    assert d.message == "the learning objective is not written yet ('TODO')"
    assert d.line == locate(text, "TODO")[0]


def test_a_blank_summary_is_reported(load, changed):
    text = changed("pupil_summary: Mia's art gets a new fan online. Sam notices something isn't right.\n",
                   "pupil_summary: \"  \"\n")
    [d] = found(load(text), "W056")
    assert "one-line summary for pupils is not written yet ('blank')" in d.message


@pytest.mark.parametrize("key", ["title", "band", "minutes", "summary"])
def test_the_metadata_every_story_needs_is_required(load, example_text, key):
    # W002 covers the teacher notes (content notes, objectives, questions, pupil summary);
    # these four the model itself requires (E012), so a story without them never loads.
    text, removed = re.subn(rf"^{key}:.*\n(?: +.*\n)*", "", example_text, flags=re.M)
    assert removed == 1
    result = load(text)
    assert result.story is None and [d.code for d in result.diagnostics] == ["E012"]


@pytest.mark.parametrize("text", ["TODO", "tbc", "...", "?", "Recognise flattery (TBC)", "Lorem ipsum dolor"])
def test_placeholders_are_recognised(text):
    assert is_placeholder(text)


@pytest.mark.parametrize("text", ["Know who to tell", "Today's lesson", "Talk about tomorrow"])
def test_real_notes_are_not_placeholders(text):
    assert not is_placeholder(text)


# --- W057, W058: can pupils read it --------------------------------------------------------------------


HARD = ("Communications demonstrate considerable psychological manipulation, characteristic of "
        "sophisticated exploitation techniques targeting vulnerable adolescents online.")


def test_a_line_far_above_its_band_is_reported(load, changed, locate):
    text = changed("- At the bus stop after school, you can't stop thinking about Mia.", f"- {HARD}")
    [d] = found(load(text), "W057")
    assert d.message == "this line reads like a text for an adult reader: far too hard for a story for ages 11-13"
    assert d.hint.startswith("rewrite it as two or three short sentences")
    assert (d.line, d.col) == locate(text, HARD)


@pytest.mark.parametrize(("line", "message", "fix"), [
    # Year 10 readers, one grade over the 11-13 limit (grade 9): a little hard
    ("Jay sends Mia presents and lovely compliments every single evening, and she likes it.",
     "this line reads like a text for about age 15 (Year 10): a little hard for a story for ages 11-13",
     "split the longest sentence in two"),
    # Year 13 readers, three and a half grades over: too hard
    ("Jay sends Mia presents and constant compliments every single evening, which feels strange.",
     "this line reads like a text for about age 18 (Year 13): too hard for a story for ages 11-13",
     "use shorter sentences and everyday words, for the youngest pupils in the band (about age 11, Year 7)"),
])
def test_how_far_over_the_band_a_line_is_decides_the_words(load, changed, line, message, fix):
    [d] = found(load(changed("- At the bus stop after school, you can't stop thinking about Mia.", f"- {line}")),
                "W057")
    assert d.message == message
    assert d.hint.startswith(fix)


def test_the_same_idea_in_plain_words_is_fine(load, changed):
    plain = "Jay is using lots of tricks on Mia. People who do this are very good at hiding it."
    assert found(load(changed("- At the bus stop after school, you can't stop thinking about Mia.",
                              f"- {plain}")), "W057") == []


def test_a_short_hard_line_is_not_judged(load, changed):
    assert found(load(changed("- It's lunchtime.", "- Psychological manipulation.")), "W057") == []


def test_a_line_too_long_for_the_screen_is_reported(load, changed):
    long = "Mia talks. " * 30
    [d] = found(load(changed("- It's lunchtime.", f"- {long.strip()}")), "W058")
    assert d.message == "this line is 376 characters long; at most 280 fit on the screen at once"


# --- W059: backgrounds ------------------------------------------------------------------------------------


@pytest.fixture
def art(tmp_path, monkeypatch) -> Path:
    """An art folder holding classroom, school-corridor and bus-stop backgrounds."""
    folder = tmp_path / "art" / "backgrounds"
    folder.mkdir(parents=True)
    for name in ("classroom", "school-corridor", "bus-stop"):
        (folder / f"{name}.svg").write_text("<svg/>")
    monkeypatch.setattr("game.paths.art_dir", lambda: tmp_path / "art")
    return folder


def test_a_missing_background_says_did_you_mean(load, changed, locate, art):
    text = changed("    background: bus-stop\n", "    background: bus-stpo\n")
    [d] = found(load(text), "W059")
    assert d.message == "there is no background called 'bus-stpo' (art/backgrounds/bus-stpo.svg)"
    assert d.hint == "did you mean 'bus-stop'?"
    assert (d.line, d.col) == locate(text, "bus-stpo")


def test_a_background_unlike_any_lists_the_ones_there_are(load, changed, art):
    [d] = found(load(changed("    background: bus-stop\n", "    background: beach\n")), "W059")
    assert d.hint == "the backgrounds are: bus-stop, classroom, school-corridor"


def test_backgrounds_that_exist_are_fine(load, example_text, art):
    assert found(load(example_text), "W059") == []


@pytest.mark.parametrize("name", ["../scenes/example", "/etc/passwd", "C:\\\\Windows\\\\x", "https://example.com/x.svg",
                                  "backgrounds/park", "bus-stop.svg"])
def test_a_background_that_is_a_path_is_refused_and_never_looked_up(load, changed, art, name):
    result = load(changed("    background: bus-stop\n", f"    background: \"{name}\"\n"))
    assert [d.code for d in result.diagnostics if d.code in ("E015", "W059")] == ["E015"]


@pytest.mark.parametrize("name", ["..", "../x", "/etc/passwd", "C:x", "https://x", "a/b", ""])
def test_only_plain_names_resolve_to_a_file(art, name):
    assert backgrounds.background_file(art, name) is None


def test_a_link_out_of_the_backgrounds_folder_does_not_count(load, changed, art, tmp_path):
    outside = tmp_path / "secret.svg"
    outside.write_text("<svg/>")
    (art / "beach.svg").symlink_to(outside)
    assert backgrounds.background_file(art, "beach") is None
    assert len(found(load(changed("    background: bus-stop\n", "    background: beach\n")), "W059")) == 1
