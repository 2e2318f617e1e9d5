"""Messages that a writer who is not a programmer can act on: found by reading the
writer's guide against the checker's real output."""

from __future__ import annotations

from game.story.load import LoadResult


def codes(result: LoadResult) -> list[str]:
    return [d.code for d in result.diagnostics]


def first(result: LoadResult, code: str):
    return next(d for d in result.diagnostics if d.code == code)


def test_a_hash_inside_unquoted_text_warns_that_pupils_see_only_the_start(load, changed, locate):
    text = changed("      - mia: You're the first person I've shown.\n",
                   "      - mia: You're my #1 friend, the first person I've shown.\n")
    result = load(text)
    assert result.story is not None  # a warning: the story still loads
    d = first(result, "W004")
    assert (d.line, d.col) == locate(text, "You're my")
    assert "\"You're my\"" in d.message and "quotes" in d.hint


def test_a_hash_inside_quoted_text_and_a_comment_after_an_id_are_fine(load, changed):
    text = changed("      - mia: You're the first person I've shown.\n",
                   "      - mia: \"You're my #1 friend.\"\n")
    text = text.replace("start: lunch\n", "start: lunch   # the first scene\n")
    assert "W004" not in codes(load(text))


def test_a_misspelt_key_on_a_speech_line_gives_one_message_with_did_you_mean(load, changed):
    text = changed("Someone called Jay followed my art account.\n        mood: happy\n",
                   "Someone called Jay followed my art account.\n        mode: happy\n")
    result = load(text)
    assert codes(result) == ["E011"]
    assert result.diagnostics[0].hint == "did you mean 'mood'?"


def test_an_id_with_capitals_says_what_ids_may_hold_in_plain_words(load, changed):
    result = load(changed("id: example\n", "id: Example\n"), name="Example.yaml")
    d = first(result, "E013")
    assert "lowercase letters, numbers, - and _" in d.message
    assert "pattern" not in d.message and "^" not in d.message


def test_a_number_out_of_range_for_a_choice_of_numbers_is_not_told_to_use_quotes(load, changed):
    d = first(load(changed("look: {skin: 4,", "look: {skin: 7,")), "E013")
    assert d.hint is None or "quotes" not in d.hint


def test_a_long_dash_in_the_band_is_explained(load, changed):
    d = first(load(changed('band: "11-13"', 'band: "11–13"')), "E013")
    assert "plain hyphen" in d.hint


def test_empty_text_after_a_speaker_says_to_write_it(load, changed):
    d = first(load(changed("      - mia: Jay's really nice to me. Is that weird?\n", "      - mia:\n")), "E013")
    assert "empty" in d.hint


def test_yes_in_a_condition_is_answered_with_true_or_false(load, changed):
    d = first(load(changed("if: asked\n", "if: asked == yes\n")), "E025")
    assert "true or false" in d.hint


def test_an_empty_condition_is_an_error_not_always_true(load, changed):
    assert "E024" in codes(load(changed("if: asked\n", 'if: ""\n')))


def test_an_unknown_theme_with_nothing_close_lists_the_themes(load, changed):
    d = first(load(changed("themes: [online-contact,", "themes: [grooming,")), "E034")
    assert "online-contact" in d.hint


def test_a_chat_phone_owned_by_nobody_is_reported(load, changed, locate):
    text = changed("    phone: mia\n", "    phone: nobody\n")
    d = first(load(text), "E022")
    assert (d.line, d.col) == locate(text, "nobody")


def test_an_id_that_names_a_shared_file_is_not_told_to_rename_the_file_to_it(load, changed):
    result = load(changed("id: example\n", "id: help\n"))
    assert all("help.yaml" not in (d.hint or "") for d in result.diagnostics)


def test_a_very_long_condition_is_shortened_in_its_message(load, changed):
    long = "asked and " * 40 + "nonsense ="
    d = first(load(changed("if: asked\n", f"if: {long}\n")), "E024")
    assert len(d.message) < 200


def test_a_sad_ending_is_told_that_every_ending_carries_hope(load, changed):
    result = load(changed("    title: It's not too late\n    tone: open\n",
                          "    title: It's not too late\n    tone: sad\n"))
    assert codes(result) == ["E013"]
    assert result.diagnostics[0].hint == "every ending carries hope: use 'open' for one where nobody has been told yet"


def test_a_renamed_character_is_told_which_ids_there_are(load, changed):
    text = changed("  mia:\n    name: Mia\n", "  zara:\n    name: Mia\n")
    d = first(load(text), "E022")
    assert d.hint.endswith("the characters' ids are sam, zara, jay, ms-okafor")
