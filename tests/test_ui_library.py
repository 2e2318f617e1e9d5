"""Every shipped scenario, played to its debrief in the window by keyboard alone.

From the title: Start, the content note, How to play, the picker (Down/Up to the story's card,
Enter), then Space to reveal lines, Up/Down and S to flag every line that carries a sign, number
keys to choose (always the first choice, and a seeded random choice), Enter to close each card,
until the debrief. Once in each story a break (B) and help (H) are opened and closed mid-scene.
Headless, no sleeps: all of them run in a few seconds.
"""

from __future__ import annotations

import os
import random

import pytest

from game.paths import scenes_dir
from game.settings import Settings
from game.story.library import Library
from game.ui.pilot import run_test
from game.ui.screens.content_note import ContentNoteScreen
from game.ui.screens.debrief import DebriefScreen, target_name
from game.ui.screens.help import HelpScreen
from game.ui.screens.howto import HowToScreen
from game.ui.screens.pause import PauseScreen
from game.ui.screens.picker import PickerScreen, StoryCard
from game.ui.screens.play import PlayScreen
from game.ui.screens.rest import RestScreen
from game.ui.screens.title import TitleScreen

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

# Lines show whole and nothing moves (the pilot's clock only moves when told): the story's
# logic is tested here; typing in, moving on by itself and animation in test_ui_motion.py.
STILL = Settings(reduced_motion=True)

STORIES = Library(scenes_dir()).stories()
MAX_CHOICES = 200  # a guard against a route that never ends
CHILDLINE = "0800 1111"


def test_the_library_ships_eleven_stories():
    assert len(STORIES) == 11
    assert len({s.id for s in STORIES}) == 11


def open_story(pilot, story) -> PlayScreen:
    assert isinstance(pilot.screen, TitleScreen)
    pilot.press("enter")  # Start
    assert isinstance(pilot.screen, ContentNoteScreen)
    pilot.press("enter")
    assert isinstance(pilot.screen, HowToScreen)
    pilot.press("enter")
    picker = pilot.screen
    assert isinstance(picker, PickerScreen)
    ids = [card.story.id for card in picker.cards]
    want = ids.index(story.id)
    for _ in range(4 * len(ids) + 40):  # a tall card scrolls through first, so Down may take a few
        focused = picker.focus.focused
        assert isinstance(focused, StoryCard)
        have = ids.index(focused.story.id)
        if have == want:
            break
        pilot.press("down" if have < want else "up")
    assert picker.focus.focused.story.id == story.id
    pilot.press("enter")
    play = pilot.screen
    assert isinstance(play, PlayScreen) and play.story.id == story.id
    return play


def move_to(pilot, play: PlayScreen, index: int) -> None:
    while play.picked != index:
        before = play.picked
        pilot.press("down" if play.picked < index else "up")
        assert play.picked != before, "Up/Down did not move the picked line"


def flag_signs(pilot, play: PlayScreen) -> int:
    """Flag every shown line that carries a sign; returns how many were flagged."""
    flagged = 0
    for i, line in enumerate(play.pt.lines[:play.revealed]):
        if line.sign and line.id not in play.pt.spotted:
            move_to(pilot, play, i)
            pilot.press("s")
            assert play.card is not None and play.card.kind == "spot-sign", (line.id, play.card)
            pilot.press("enter")
            assert play.card is None and line.id in play.pt.spotted
            flagged += 1
    return flagged


def take_a_break_and_help(pilot, play: PlayScreen) -> None:
    where = (play.pt.scene.id, play.revealed, play.picked)
    pilot.press("b")
    assert isinstance(pilot.screen, RestScreen)
    pilot.press("space")
    assert pilot.screen is play and (play.pt.scene.id, play.revealed, play.picked) == where
    pilot.press("h")
    assert isinstance(pilot.screen, HelpScreen)
    pilot.press("x")
    assert pilot.screen is play and (play.pt.scene.id, play.revealed, play.picked) == where


def play_through(story, pick) -> tuple[DebriefScreen, int, list[str]]:
    with run_test(settings=STILL, size=(1024, 600)) as pilot:
        play = open_story(pilot, story)
        scenes: list[str] = []
        flagged = 0
        rested = undone = False
        for _ in range(MAX_CHOICES):
            assert pilot.screen is play
            if not undone and play.pt.steps == 1:  # once: undo the first choice, pause and resume
                first = scenes[0]
                pilot.press("backspace")
                assert play.pt.steps == 0 and play.pt.scene.id == first
                pilot.press("escape")
                assert isinstance(pilot.screen, PauseScreen)
                pilot.press("escape")
                assert pilot.screen is play and play.pt.scene.id == first
                undone = True
            scenes.append(play.pt.scene.id)
            if play.reading:
                pilot.press("space")
            if not rested and play.revealed >= 2:  # mid-scene, once
                take_a_break_and_help(pilot, play)
                rested = True
            while play.reading:
                pilot.press("space")
            flagged += flag_signs(pilot, play)
            choices = play.pt.choices
            assert 1 <= len(choices) <= 6, (play.pt.scene.id, len(choices))
            pilot.press(str(pick(len(choices)) + 1))
            if play.card is not None:
                assert play.card.kind == "feedback"
                pilot.press("enter")
            if isinstance(pilot.screen, DebriefScreen):
                return pilot.screen, flagged, scenes
        raise AssertionError(f"{story.id}: no debrief after {MAX_CHOICES} choices: {scenes[-10:]}")


def check_debrief(story, debrief: DebriefScreen) -> None:
    text = "\n".join(p.text for p in debrief.text.paragraphs)
    assert f"not {target_name(story)}'s fault" in text
    assert story.characters_with("target"), story.id
    assert f"not {story.characters_with('target')[0].name}'s fault" in text
    assert CHILDLINE in text
    assert not debrief.debrief.left_early


@pytest.mark.parametrize("story", STORIES, ids=[s.id for s in STORIES])
def test_every_story_plays_to_its_debrief_choosing_first(story):
    debrief, flagged, _ = play_through(story, lambda n: 0)
    check_debrief(story, debrief)
    assert flagged >= 1, f"{story.id}: the first route shows no line with a sign"
    assert all(sign.spotted for sign in debrief.debrief.signs), "every sign flagged shows as spotted"


@pytest.mark.parametrize("story", STORIES, ids=[s.id for s in STORIES])
def test_every_story_plays_to_its_debrief_choosing_at_random(story):
    rng = random.Random(f"library:{story.id}")
    debrief, _, _ = play_through(story, lambda n: rng.randrange(n))
    check_debrief(story, debrief)
    assert all(sign.spotted for sign in debrief.debrief.signs)
