"""A story's parts and conditions in a teacher's words (game/story/plain_words.py): no ids, no
flag names, and the words say what the engine tests."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from game.story.library import Library
from game.story.plain_words import condition_words, part_name
from tests.conftest import SCENES

SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")
OPERATORS = ("==", "!=", ">=", "<=", " < ", " > ", "(", ")")


@pytest.fixture(scope="module")
def stories():
    return {s.id: s for s in Library(SCENES).stories()}


def conditions_of(story) -> set[str]:
    found = set()
    for part in (*story.scenes.values(), *story.endings.values()):
        found |= {line.condition for line in part.lines if line.condition}
        found |= {c.condition for c in getattr(part, "choices", ()) if c.condition}
    return found


def test_every_shipped_condition_is_said_without_ids_names_or_symbols(stories):
    said = 0
    for story in stories.values():
        hyphenated = {pid for pid in (*story.scenes, *story.endings) if "-" in pid or "_" in pid}
        for condition in conditions_of(story):
            words = condition_words(story, condition)
            assert not SNAKE.search(words), (story.id, condition, words)
            assert not any(op in words for op in OPERATORS), (story.id, condition, words)
            assert not any(pid in words for pid in hyphenated), (story.id, condition, words)
            assert words and words not in ("always", "never"), (story.id, condition, words)
            said += 1
    assert said > 50  # the shipped stories do use conditions: this test is not empty


def test_a_flag_is_said_through_the_choice_that_sets_it(stories):
    car = stories["the-car"]
    choice = next(c.text for s in car.scenes.values() for c in s.choices if ("checked_in", True) in c.sets)
    assert condition_words(car, "checked_in") == f"you chose “{choice.rstrip('.')}”"
    assert condition_words(car, "not checked_in") == f"you did not choose “{choice.rstrip('.')}”"
    assert condition_words(car, "trust >= 2") == "trust is 2 or more"
    assert condition_words(car, "trust < 2") == "trust is less than 2"


def test_every_choice_that_sets_a_flag_is_named(stories):
    owe = stories["owe-me"]
    setters = [c.text for s in owe.scenes.values() for c in s.choices if ("told_dev", True) in c.sets]
    assert len(setters) == 2
    words = condition_words(owe, "told_dev")
    assert words.startswith("you chose “") and " or “" in words
    assert all(text.split()[0] in words for text in setters)


def fake_story(state: dict, choices: list[tuple[str, dict]]):
    """A story with one scene whose choices set flags: just what the words read."""
    made = [SimpleNamespace(text=text, sets=tuple(sets.items())) for text, sets in choices]
    return SimpleNamespace(initial_state=state, scenes={"first-scene": SimpleNamespace(choices=made)},
                           endings={"home": SimpleNamespace(title="Safe at home")})


STORY = fake_story(
    {"asked": False, "told": False, "quiet": True, "never_set": False, "trust": 0, "worry": 0},
    [("Ask her.", {"asked": True}), ("Tell Mum.", {"told": True}), ("Tell Dad.", {"told": True}),
     ("Tell a teacher.", {"told": True}), ("Shout about it.", {"quiet": False})],
)


@pytest.mark.parametrize("condition, words", [
    ("asked", "you chose “Ask her”"),
    ("asked == true", "you chose “Ask her”"),
    ("asked == false", "you did not choose “Ask her”"),
    ("asked != true", "you did not choose “Ask her”"),
    ("told", "you chose “Tell Mum”, “Tell Dad” or “Tell a teacher”"),
    ("not told", "you chose none of “Tell Mum”, “Tell Dad” or “Tell a teacher”"),
    ("quiet", "you did not choose “Shout about it”"),  # true at the start: a choice ends it
    ("not quiet", "you chose “Shout about it”"),
    ("never_set", "“never set” is true"),
    ("not never_set", "“never set” is false"),
    ("trust", "trust is not 0"),
    ("not trust", "trust is 0"),
    ("2 <= trust", "trust is 2 or more"),
    ("not trust > 1", "trust is 1 or less"),
    ("trust == 3", "trust is 3"),
    ("trust > worry", "trust is more than worry"),
    ("asked or told", "you chose “Ask her” or “Tell Mum”, “Tell Dad” or “Tell a teacher”"),
    ("not (asked and trust >= 2)", "you did not choose “Ask her” or trust is less than 2"),
    ("asked and (trust >= 2 or worry > 0)",
     "you chose “Ask her” and either trust is 2 or more or worry is more than 0"),
    ("(asked and trust >= 1) or worry == 2", "both you chose “Ask her” and trust is 1 or more or worry is 2"),
])
def test_conditions_in_words(condition, words):
    assert condition_words(STORY, condition) == words


def test_a_long_choice_is_cut_at_a_word_and_its_quote_closed():
    story = fake_story({"said": False}, [('Say: "It is not your fault. We can go to Ms Novak together, now."',
                                          {"said": True})])
    words = condition_words(story, "said")
    assert words == 'you chose “Say: "It is not your fault. We can go to Ms…"”'


def test_parts_are_numbered_in_the_order_written_and_endings_have_their_titles(stories):
    story = stories["the-car"]
    scenes = list(story.scenes)
    assert [part_name(story, s) for s in scenes] == [f"Part {i}" for i in range(1, len(scenes) + 1)]
    ending = next(iter(story.endings.values()))
    assert part_name(story, ending.id) == f"the ending “{ending.title}”"
    assert part_name(story, ending.id, heading=True) == f"Ending: {ending.title}"
