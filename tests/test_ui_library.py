"""Every shipped scenario, played to its debrief in the window by keyboard alone.

From the title: Start, the content note, How to play, the picker (Down/Up to the story's card,
Enter), then Space to reveal lines, S to flag each line that carries a sign as it shows (and Up
with S for one earlier line), number keys to choose (always the first choice shown, and a seeded
random choice), Enter to close each card, the ending's lines on the stage, then the debrief. Once
in each story a break (B) and help (H) are opened and closed mid-scene. The same stories are also
played with the mouse alone. Headless, no sleeps: all of them run in a few seconds.
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
from game.ui.screens.debrief import DebriefScreen
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


def flag_showing(pilot, play: PlayScreen) -> int:
    """Flag the line in view if it carries a sign and is not flagged yet; returns 1 if it flagged."""
    line = play.pt.lines[play.picked]
    if not line.sign or line.id in play.pt.spotted:
        return 0
    pilot.press("s")
    assert play.card is not None and play.card.kind == "spot-sign", (line.id, play.card)
    pilot.press("enter")
    assert play.card is None and line.id in play.pt.spotted
    return 1


def read_and_flag(pilot, play: PlayScreen) -> int:
    """Space through the lines, flagging each sign as it shows; once a scene has two signs, the
    first of them is left and flagged afterwards by going back to it with Up."""
    flagged = 0
    left: int | None = None
    while True:
        line = play.pt.lines[play.picked]
        if line.sign and line.id not in play.pt.spotted and left is None and play.reading:
            left = play.picked  # flagged later, by going back
        else:
            flagged += flag_showing(pilot, play)
        if not play.reading:
            break
        pilot.press("space")
    if left is not None and play.pt.lines[left].id not in play.pt.spotted:
        if play.choosing:  # the arrows move among the choices now: the story so far flags it instead
            return flagged + flag_from_history(pilot, play, left)
        move_to(pilot, play, left)
        flagged += flag_showing(pilot, play)
    return flagged


def flag_from_history(pilot, play: PlayScreen, index: int) -> int:
    from game.ui.screens.history import HistoryScreen, LineRow, SpotNoteScreen

    pilot.press("l")
    history = pilot.screen
    assert isinstance(history, HistoryScreen)
    target = play.pt.lines[index].id
    for _ in range(400):
        row = history.focus.focused
        if isinstance(row, LineRow) and row.entry.line is not None and row.entry.line.id == target:
            break
        pilot.press("up")
    pilot.press("s")
    assert isinstance(pilot.screen, SpotNoteScreen)
    pilot.press("enter")
    pilot.press("escape")
    assert pilot.screen is play and target in play.pt.spotted
    return 1


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
            flagged += flag_showing(pilot, play)
            if play.reading:
                pilot.press("space")
            if not rested and play.revealed >= 2:  # mid-scene, once
                take_a_break_and_help(pilot, play)
                rested = True
            flagged += read_and_flag(pilot, play)
            if play.choosing:
                choices = play.pt.choices
                assert 1 <= len(choices) <= 6, (play.pt.scene.id, len(choices))
                assert play.focus.focused is None, "no choice is picked before the pupil picks one"
                pilot.press(str(pick(len(choices)) + 1))
            else:
                pilot.press("space")  # Continue
            if play.card is not None:
                assert play.card.kind == "feedback"
                pilot.press("enter")
            if play.pt.finished and pilot.screen is play:  # the ending, on the stage
                assert play.ending_banner.text == f"Ending: {play.pt.ending.title}"
                flagged += read_and_flag(pilot, play)
                pilot.press("space")
            if isinstance(pilot.screen, DebriefScreen):
                return pilot.screen, flagged, scenes
        raise AssertionError(f"{story.id}: no debrief after {MAX_CHOICES} choices: {scenes[-10:]}")


def check_debrief(story, debrief: DebriefScreen) -> None:
    text = "\n".join(p.text for pane in debrief.panes for p in pane.paragraphs)
    assert f"not {debrief.debrief.target}'s fault" in text
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


def click(pilot, widget) -> None:
    """A pupil's click: a moment after the last change on screen (a click within 400 ms of a
    button moving under the pointer is ignored on purpose; test_ui_stage.py tests that)."""
    pilot.advance(500)
    pilot.click(widget)


def play_by_mouse(story, pick) -> tuple[DebriefScreen, int]:
    with run_test(settings=STILL, size=(1280, 720)) as pilot:
        click(pilot, pilot.screen.start)
        click(pilot, pilot.screen.go_on)  # the content note
        click(pilot, pilot.screen.go_on)  # how to play
        picker = pilot.screen
        assert isinstance(picker, PickerScreen)
        card = next(c for c in picker.cards if c.story.id == story.id)
        for _ in range(200):  # scroll the list with the wheel until the card is in sight
            if picker.widget_at(card.rect.center) is card:
                break
            pilot.hover(picker.cards[0].rect.center)
            pilot.scroll(1)
        click(pilot, card)
        play = pilot.screen
        assert isinstance(play, PlayScreen) and play.story.id == story.id
        flagged = 0
        for _ in range(2000):
            if isinstance(pilot.screen, DebriefScreen):
                return pilot.screen, flagged
            assert pilot.screen is play
            if play.card is not None:
                click(pilot, play.card_button)
                continue
            line = play.pt.lines[play.picked]
            if line.sign and line.id not in play.pt.spotted and play.flag in play.widgets:
                click(pilot, play.flag)
                assert play.card is not None and line.id in play.pt.spotted
                flagged += 1
                continue
            if play.choosing:
                click(pilot, play.menu.buttons[pick(len(play.menu.buttons))])
            else:
                assert play.next in play.widgets, "Next (or Continue) is always there when there is no menu"
                click(pilot, play.next)
        raise AssertionError(f"{story.id}: no debrief by mouse")


@pytest.mark.parametrize("story", STORIES, ids=[s.id for s in STORIES])
def test_every_story_plays_to_its_debrief_by_mouse_alone(story):
    rng = random.Random(f"mouse:{story.id}")
    debrief, flagged = play_by_mouse(story, lambda n: rng.randrange(n))
    check_debrief(story, debrief)
    assert flagged >= 1 and all(sign.spotted for sign in debrief.debrief.signs)
