"""The Playthrough: what a pupil sees and does, run twice like ink's own runtime tests:
once directly, and once through a JSON save and restore after every step."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.story.load import load_shared, load_text
from game.story.runtime import Playthrough, SaveError
from game.story.story import Story

ROOT = Path(__file__).resolve().parent.parent
SCENES = ROOT / "scenes"
EXAMPLE = (SCENES / "example.yaml").read_text(encoding="utf-8")
SHARED, _ = load_shared(ROOT / "scenes")


def story_from(text: str = EXAMPLE) -> Story:
    result = load_text(text, "example.yaml", SHARED)
    assert result.story is not None, [d.format() for d in result.diagnostics]
    return result.story


class Pupil:
    """Drives a Playthrough; with ``roundtrip`` it saves and restores after every step."""

    def __init__(self, story: Story, roundtrip: bool) -> None:
        self.story = story
        self.roundtrip = roundtrip
        self.pt = Playthrough(story)

    def _settle(self) -> None:
        if self.roundtrip:
            data = json.loads(json.dumps(self.pt.to_json()))
            self.pt = Playthrough.from_json(self.story, data)
            assert self.pt.notice is None

    def choose_text(self, start: str):
        index = next(i for i, c in enumerate(self.pt.choices) if c.text.startswith(start))
        step = self.pt.choose(index)
        self._settle()
        return step

    def spot(self, line_id: str):
        result = self.pt.spot(line_id)
        self._settle()
        return result

    def undo(self) -> bool:
        done = self.pt.undo()
        self._settle()
        return done

    def texts(self) -> list[str]:
        return [line.text for line in self.pt.lines]


@pytest.fixture(params=["direct", "roundtrip"])
def pupil(request) -> Pupil:
    return Pupil(story_from(), request.param == "roundtrip")


def test_the_story_opens_on_its_start_scene_with_its_lines_and_choices(pupil):
    assert pupil.pt.scene.id == "lunch"
    assert pupil.texts()[0].startswith("It's lunchtime")
    assert [c.text for c in pupil.pt.choices] == ["Ask Mia what else Jay has said.",
                                                  "Say it's cool and talk about something else."]
    assert not pupil.pt.finished


def test_choosing_gives_the_feedback_and_moves_on(pupil):
    step = pupil.choose_text("Ask Mia")
    assert step.feedback.startswith("Asking kindly")
    assert step.go == "messages" and not step.ends
    assert pupil.pt.scene.id == "messages"


def test_a_line_with_a_condition_shows_only_when_it_is_true(pupil):
    pupil.choose_text("Say it's cool")
    assert "You're the first person I've shown." not in pupil.texts()
    other = Pupil(pupil.story, pupil.roundtrip)
    other.choose_text("Ask Mia")
    assert "You're the first person I've shown." in other.texts()


def test_a_choice_with_a_condition_is_offered_only_when_it_is_true(pupil):
    pupil.choose_text("Say it's cool")
    pupil.choose_text("Say nothing")
    assert not any(c.text.startswith('Say: "Thanks for trusting me') for c in pupil.pt.choices)
    other = Pupil(pupil.story, pupil.roundtrip)
    other.choose_text("Ask Mia")  # trust 1
    other.choose_text("Say nothing")
    assert any(c.text.startswith('Say: "Thanks for trusting me') for c in other.pt.choices)


def test_effects_set_flags_and_add_to_counters(pupil):
    pupil.choose_text("Ask Mia")
    pupil.choose_text("Say the secret part")
    assert pupil.pt.state["asked"] is True
    assert pupil.pt.state["worried_aloud"] is True
    assert pupil.pt.state["trust"] == 2
    assert pupil.pt.helped == 1


def test_spotting_a_real_sign_names_it_and_explains_it(pupil):
    result = pupil.spot("lunch.3")
    assert result.is_sign and result.sign == "flattery"
    assert "Too good to be true" in result.title
    assert result.text.startswith("Someone new who suddenly likes")  # the line's own why:
    assert pupil.pt.spotted == ("lunch.3",)


def test_spotting_an_ordinary_line_is_answered_kindly(pupil):
    result = pupil.spot("lunch.2")
    assert not result.is_sign
    assert "not a warning sign" in result.text
    assert "trusting your feelings" in result.text
    assert "ordinary friendship" in result.text  # the line's why:


def test_a_sign_uses_the_band_explanation_when_the_line_has_no_why(pupil):
    pupil.choose_text("Ask Mia")
    result = pupil.spot("messages.4")
    assert result.sign == "secrecy"
    assert result.text == SHARED.explain("secrecy", "11-13")


def test_spotting_the_same_line_twice_says_so_without_counting_twice(pupil):
    pupil.spot("lunch.3")
    again = pupil.spot("lunch.3")
    assert again.already
    assert pupil.pt.spotted == ("lunch.3",)


def test_a_line_not_yet_shown_cannot_be_spotted(pupil):
    with pytest.raises(ValueError):
        pupil.pt.spot("corridor.1")
    with pytest.raises(ValueError):
        pupil.pt.spot("no-such-scene.0")


def test_lines_shown_earlier_can_still_be_spotted(pupil):
    pupil.choose_text("Ask Mia")
    assert pupil.spot("lunch.3").is_sign


def test_undo_steps_back_before_the_last_choice_and_restores_state(pupil):
    pupil.choose_text("Ask Mia")
    pupil.choose_text("Say the secret part")
    assert pupil.undo()
    assert pupil.pt.scene.id == "messages"
    assert pupil.pt.state["worried_aloud"] is False
    assert pupil.pt.state["trust"] == 1
    assert pupil.pt.helped == 0


def test_undo_keeps_spots_on_lines_still_shown_and_drops_the_rest(pupil):
    pupil.spot("lunch.3")
    pupil.choose_text("Ask Mia")
    pupil.spot("messages.1")
    pupil.spot("lunch.2")  # an earlier line, spotted after the choice
    assert pupil.undo()
    assert set(pupil.pt.spotted) == {"lunch.3", "lunch.2"}


def test_undo_at_the_start_does_nothing(pupil):
    assert not pupil.undo()
    assert pupil.pt.scene.id == "lunch"


def test_a_scene_without_choices_offers_continue(pupil):
    pupil.choose_text("Ask Mia")
    pupil.choose_text("Say the secret part")
    pupil.choose_text('Say: "This isn')
    assert pupil.pt.scene.id == "teacher"
    assert len(pupil.pt.choices) == 1 and pupil.pt.choices[0].is_continue
    step = pupil.choose_text("Continue")
    assert step.ends and pupil.pt.finished
    assert pupil.pt.ending.title == "Mia is believed"
    assert pupil.pt.choices == ()


def _play_to_teacher_ending(pupil: Pupil) -> None:
    pupil.choose_text("Ask Mia")
    pupil.choose_text("Say the secret part")
    pupil.choose_text('Say: "This isn')
    pupil.choose_text("Continue")


def test_the_debrief_says_it_was_not_the_young_persons_fault_and_who_is_responsible(pupil):
    _play_to_teacher_ending(pupil)
    d = pupil.pt.debrief()
    assert "not Mia's fault" in d.not_fault
    assert "Jay is responsible" in d.responsible
    assert not d.left_early and d.ending_tone == "hopeful"


@pytest.mark.parametrize("scenario, words", [
    ("example", "This is called grooming. It is a kind of abuse."),
    ("owe-me", "This is called grooming. It is a kind of abuse, even when it feels like friendship or love."),
])
def test_the_debrief_names_it_as_grooming_in_both_bands(shared, scenario, words):
    from game.story.library import Library

    story = Library(SCENES).load(SCENES / f"{scenario}.yaml").story
    assert story is not None
    d = Playthrough(story).debrief()
    assert d.responsible.endswith(words) and words in d.as_text()


def test_the_debrief_lists_the_signs_of_this_route_spotted_or_not(pupil):
    pupil.spot("lunch.3")
    _play_to_teacher_ending(pupil)
    d = pupil.pt.debrief()
    by_id = {s.sign: s for s in d.signs}
    assert set(by_id) == {"flattery", "special-status", "only-i-understand", "private-chat", "secrecy",
                          "secretive-phone", "image-request", "boundary-test", "fake-identity"}
    assert by_id["flattery"].spotted and not by_id["secrecy"].spotted
    assert "1 of the 9" in d.spotted_summary
    assert all(s.explanation for s in d.signs)


def test_the_debrief_always_lists_help(pupil):
    _play_to_teacher_ending(pupil)
    text = pupil.pt.debrief().as_text()
    assert "0800 1111" in text and "CEOP" in text and "Report Remove" in text and "999" in text
    assert "trusted adult" in text


def test_leaving_early_still_gives_the_help_and_the_signs_so_far(pupil):
    d = pupil.pt.debrief()
    assert d.left_early
    assert [s.sign for s in d.signs] == ["flattery"]
    assert "0800 1111" in d.as_text()
    assert "not Mia's fault" in d.as_text()


def test_history_holds_every_line_choice_and_feedback_in_order(pupil):
    pupil.choose_text("Ask Mia")
    entries = pupil.pt.history()
    kinds = [e.kind for e in entries]
    assert kinds[:5] == ["line"] * 4 + ["choice"]
    assert entries[1].speaker == "Mia" and entries[0].speaker is None
    assert entries[4].feedback.startswith("Asking kindly")
    assert entries[5].text == "The next day, Mia shows you her messages from Jay."


def test_the_same_seed_and_choices_give_the_same_playthrough():
    story = story_from()
    a, b = Playthrough(story, seed=5), Playthrough(story, seed=5)
    for pt in (a, b):
        pt.choose(0)
        pt.spot("lunch.3")
        pt.choose(1)
    assert a.to_json() == b.to_json()


# --- saves ---------------------------------------------------------------------------


def test_a_save_carries_its_format_version_and_scenario():
    data = Playthrough(story_from()).to_json()
    assert data["format"] == 2 and data["readable_from"] == 2 and data["shuffle"] is True
    assert data["scenario"] == "example"


@pytest.mark.parametrize("bad", [None, [], "text", {"format": "1"}, {"format": 1, "scenario": "example"}])
def test_a_damaged_save_is_refused_with_a_reason(bad):
    with pytest.raises(SaveError):
        Playthrough.from_json(story_from(), bad)


def test_a_save_from_a_newer_game_is_refused():
    data = Playthrough(story_from()).to_json()
    data.update(format=99, readable_from=50)
    with pytest.raises(SaveError, match="newer"):
        Playthrough.from_json(story_from(), data)


def test_a_save_for_another_scenario_is_refused():
    data = Playthrough(story_from()).to_json()
    data["scenario"] = "another"
    with pytest.raises(SaveError, match="another story"):
        Playthrough.from_json(story_from(), data)


def test_a_save_with_a_damaged_trail_is_replayed_from_its_steps_not_crashed():
    pt = Playthrough(story_from())
    pt.choose(0)
    data = pt.to_json()
    data["trail"] = [["nowhere", None, None]]
    back = Playthrough.from_json(story_from(), data)
    assert back.scene is not None and back.scene.id == pt.scene.id
    assert back.notice == "Part of your save could not be read, but your place was kept."


def _saved_at_corridor() -> dict:
    pt = Playthrough(story_from())
    pt.choose(0)
    pt.spot("lunch.3")
    pt.choose(0)
    return json.loads(json.dumps(pt.to_json()))


def test_a_save_survives_a_small_edit_to_the_story_and_keeps_the_place():
    data = _saved_at_corridor()
    edited = story_from(EXAMPLE.replace("That dragon drawing is brilliant.", "That dragon is brilliant."))
    pt = Playthrough.from_json(edited, data)
    assert pt.scene.id == "corridor"
    assert pt.state["trust"] == 2
    assert pt.spotted == ("lunch.3",)
    assert "updated" in pt.notice


def test_a_save_whose_route_was_rewritten_resumes_at_the_saved_scene():
    data = _saved_at_corridor()
    # the first scene's first choice now leads elsewhere, so the saved steps no longer replay
    edited = story_from(EXAMPLE.replace("        go: messages\n      - text: Say it's cool",
                                        "        go: corridor\n      - text: Say it's cool"))
    pt = Playthrough.from_json(edited, data)
    assert pt.scene.id == "corridor"
    assert pt.state["trust"] == 2
    assert "back where you left off" in pt.notice


def test_a_save_whose_scene_was_deleted_starts_again_and_says_so():
    data = _saved_at_corridor()
    data["trail"][-1][0] = "old-scene"
    data["fingerprint"] = "changed"
    data["actions"] = [5]  # no longer replayable
    pt = Playthrough.from_json(story_from(), data)
    assert pt.scene.id == "lunch"
    assert "from the beginning" in pt.notice


def test_start_at_begins_anywhere_with_chosen_state():
    pt = Playthrough.start_at(story_from(), "corridor", {"trust": 3, "told_adult": False, "unknown": 1})
    assert pt.scene.id == "corridor"
    assert pt.state["trust"] == 3
    assert any(c.text.startswith('Say: "Thanks') for c in pt.choices)


def test_the_engine_never_imports_pygame():
    code = ("import sys, game.story.load, game.story.runtime, game.story.library, game.cli, game.textplay;"
            "sys.exit('pygame' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


def test_the_debrief_explains_a_sign_with_the_writers_own_why_when_there_is_one(pupil):
    _play_to_teacher_ending(pupil)
    by_id = {s.sign: s for s in pupil.pt.debrief().signs}
    assert by_id["flattery"].explanation.startswith("Someone new who suddenly likes")
    assert by_id["secrecy"].explanation == SHARED.explain("secrecy", "11-13")


def test_a_chat_scene_shows_the_phone_it_names_or_else_the_players():
    assert story_from().scenes["messages"].phone == "mia"
    assert story_from(EXAMPLE.replace("    phone: mia\n", "")).scenes["messages"].phone == "sam"
    assert story_from().scenes["lunch"].phone is None


def test_undo_after_starting_elsewhere_goes_back_to_where_the_play_began(pupil):
    pt = Playthrough.start_at(pupil.story, "corridor", {"trust": 1})
    pt.choose(0)
    restored = Playthrough.from_json(pupil.story, json.loads(json.dumps(pt.to_json())))
    for each in (pt, restored):
        assert each.undo()
        assert each.scene.id == "corridor" and each.state["trust"] == 1
        assert not each.undo()
