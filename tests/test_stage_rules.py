"""What a story says about its stage: moods (W070), someone on the phone (via: phone) and a
chat's clock (time:). Each rule: a story that breaks it (built from scenes/example.yaml) and the
example, which keeps it."""

from __future__ import annotations

import pytest

from game.ui.play.phone import message_time
from game.ui.play.stage import stage_cast

SECRET = "      - jay: dont tell anyone about us ok? they'd just be jealous\n        sign: secrecy\n"
MIA_UNEASY = "      - mia: Jay's really nice to me. Is that weird?\n        mood: uneasy\n"


def w070(result):
    return [d for d in result.diagnostics if d.code == "W070"]


def test_the_example_keeps_the_stage_rules(load, example_text):
    result = load(example_text)
    assert result.story is not None and w070(result) == []


def test_a_target_smiling_on_a_line_that_shows_pressure_is_warned_where_the_mood_is(load, changed, locate):
    text = changed(MIA_UNEASY, "      - mia: He says I mustn't tell anyone. It's our secret.\n"
                               "        sign: secrecy\n        mood: happy\n")
    [d] = w070(load(text))
    assert d.severity == "warning" and "Mia smiles (mood: happy)" in d.message and "Keep this between us" in d.message
    said_at = locate(text, "He says I mustn't")[0]
    assert (d.line, d.col) == (said_at + 2, 15)  # on the mood
    assert "worried, uneasy or sad" in d.hint


@pytest.mark.parametrize("mood", ["worried", "uneasy", "sad", None])
def test_the_same_line_with_a_mood_that_fits_or_none_passes(load, changed, mood):
    said = "      - mia: He says I mustn't tell anyone. It's our secret.\n        sign: secrecy\n"
    result = load(changed(MIA_UNEASY, said + (f"        mood: {mood}\n" if mood else "")))
    assert result.story is not None and w070(result) == []


def test_the_manipulator_may_smile_it_is_how_they_hide_what_they_do(load, changed):
    result = load(changed(SECRET, SECRET + "        mood: happy\n"))
    assert result.story is not None and w070(result) == []


def test_a_happy_line_without_a_pressure_sign_passes(load, example_text):
    assert "mood: happy" in example_text and w070(load(example_text)) == []


# --- via: phone, and who stands on the stage ---------------------------------------------------

def test_someone_on_the_phone_does_not_stand_on_the_stage(load, changed):
    lunch_line = ("      - sam: That dragon drawing is brilliant. I'd follow you too.\n"
                  "        why: A friend saying something kind, and wanting nothing back, is ordinary friendship.\n")
    text = changed(lunch_line, lunch_line + "      - jay: whats ur favourite drawing?\n        via: phone\n"
                               "        why: A question about her art is not a sign on its own.\n")
    result = load(text)
    assert result.story is not None, result.diagnostics
    story = result.story
    lunch = story.scenes["lunch"]
    assert "jay" not in lunch.present and {"mia", "sam"} <= set(lunch.present)
    by_phone = next(ln for ln in lunch.lines if ln.via == "phone")
    assert all(not f.speaking for f in stage_cast(story.characters, lunch.present, by_phone))


def test_a_written_present_list_is_kept_as_written(load, changed):
    text = changed("  lunch:\n    kind: place\n    background: classroom\n",
                   "  lunch:\n    kind: place\n    background: classroom\n    present: [mia]\n")
    assert load(text).story.scenes["lunch"].present == ("mia",)


# --- time: the phone's clock -------------------------------------------------------------------

def test_a_chat_scene_may_say_the_time_and_each_message_shows_a_time_beside_it(load, changed):
    story = load(changed("    time: '21:46'\n", '    time: "21:58"\n')).story
    assert story is not None and story.scenes["messages"].time == "21:58"
    assert [message_time("21:58", i) for i in range(5)] == ["21:58", "21:58", "21:59", "21:59", "22:00"]
    assert message_time("23:59", 2) == "00:00" and message_time(None, 3) is None


@pytest.mark.parametrize("bad", ['"24:00"', '"9:40"', "later", '"21:60"'])
def test_a_time_that_is_not_a_clock_time_is_refused_with_its_place(load, changed, locate, bad):
    text = changed("    time: '21:46'\n", f"    time: {bad}\n")
    result = load(text)
    assert result.story is None
    [d] = [d for d in result.diagnostics if d.severity == "error"]
    assert d.line == locate(text, f"time: {bad}")[0]
