"""One source of truth: on every route of every shipped story (every route the explorer finds),
the window shows the Playthrough's own lines at each step, plays the ending's visible lines (and
only those) on the stage, and its debrief says the same words as the terminal's.

The window is driven by keys through the pilot; the terminal by TextPlayer; both on the same
route, chosen by choice id (the window's order is shuffled, the terminal's is the writer's).
"""

from __future__ import annotations

import os
import re

import pytest

from game.paths import scenes_dir
from game.settings import Settings
from game.story.explore import explore
from game.story.library import Library
from game.story.runtime import Playthrough
from game.textplay import TextPlayer
from game.ui.pilot import run_test
from game.ui.screen import Push
from game.ui.screens.debrief import DebriefScreen, block_paragraphs
from game.ui.screens.play import PlayScreen

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

STILL = Settings(reduced_motion=True)
STORIES = Library(scenes_dir()).stories()


def words(text: str) -> list[str]:
    return re.findall(r"[\w']+", text)


def window_route(pilot, story, choices: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """Play ``choices`` (ids) in the window; returns the ending's lines shown and the debrief's words.
    At every step the line in view is the Playthrough's own."""
    play = PlayScreen(story, Playthrough(story, 11))
    pilot.app.apply(Push(play))
    pilot.step()
    for choice_id in choices:
        while True:
            shown = [s.line for s in play.shown()]
            assert shown == list(play.pt.lines[:play.revealed]), (story.id, play.pt.scene.id)
            if not play.reading:
                break
            pilot.press("space")
        index = next(i for i, c in enumerate(play.pt.choices) if c.id == choice_id)
        if play.choosing:
            pilot.press(str(index + 1))
        else:
            pilot.press("space")  # a Continue
        while play.card is not None:
            pilot.press("enter")
    assert play.pt.finished
    ending_lines = [play.box.line.text]
    while play.reading:
        pilot.press("space")
        ending_lines.append(play.box.line.text)
    assert ending_lines == [line.text for line in play.pt.lines], "the ending shows its visible lines, each once"
    pilot.press("space")
    debrief = pilot.screen
    assert isinstance(debrief, DebriefScreen)
    return ending_lines, words(" ".join(p.text for p in debrief.text.paragraphs))


def terminal_route(story, choices: tuple[str, ...]) -> tuple[list[str], list[str]]:
    said: list[str] = []
    tp = TextPlayer(story, said.append)
    for choice_id in choices:
        tp.choose(next(i for i, c in enumerate(tp.pt.choices) if c.id == choice_id))
    ending = [line.text for line in tp.pt.lines]
    start = len(said)
    tp.finish()
    debrief = "\n".join(said[start:]).split("══ Debrief ══", 1)[1].strip().split("\n", 1)[1]  # after "Ending: ..."
    return ending, words(debrief)


def window_debrief_words(story, choices: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """The window's words for a route without drawing it: the play screen's lines at each step
    (``PlayScreen.shown``) and the debrief screen's paragraphs, from a shuffled Playthrough."""
    pt = Playthrough(story, 5)
    screen = PlayScreen(story, pt)
    for choice_id in (*choices, None):
        for revealed in range(1, len(pt.lines) + 1):
            screen.revealed = revealed
            assert [s.line for s in screen.shown()] == list(pt.lines[:revealed])
        if choice_id is not None:
            pt.choose(next(i for i, c in enumerate(pt.choices) if c.id == choice_id))
    assert pt.finished
    return [ln.text for ln in pt.lines], words(" ".join(p.text for p in block_paragraphs(pt.debrief().blocks)))


@pytest.mark.parametrize("story", STORIES, ids=[s.id for s in STORIES])
def test_on_every_route_the_window_and_the_terminal_say_the_same_ending_and_debrief(story):
    found = explore(story)
    assert found.complete and found.routes
    for route in found.routes:
        assert window_debrief_words(story, route.choices) == terminal_route(story, route.choices), route.parts


@pytest.mark.parametrize("story", STORIES, ids=[s.id for s in STORIES])
def test_played_by_keys_the_window_shows_the_playthroughs_lines_ending_and_debrief(story):
    """A route to each ending, played by keys in the window (not drawn: the words are what count)."""
    routes = {}
    for route in explore(story).routes:
        routes.setdefault(route.ending, route)
    with run_test(settings=STILL, size=(1280, 720)) as pilot:
        pilot.app.render = lambda: False
        for route in routes.values():
            assert window_route(pilot, story, route.choices) == terminal_route(story, route.choices), route.parts
            pilot.app.stack[1:] = []


def test_an_ending_line_the_route_did_not_earn_is_not_shown():
    """The window used to print every line of an ending, ignoring their if: (issue 12)."""
    story = next(s for s in STORIES if any(ln.test for e in s.endings.values() for ln in e.lines))
    ending = next(e for e in story.endings.values() if any(ln.test for ln in e.lines))
    hidden = next(ln for ln in ending.lines if ln.test)
    routes = [r for r in explore(story).routes if r.ending == ending.id]
    seen_without = False
    with run_test(settings=STILL, size=(1280, 720)) as pilot:
        pilot.app.render = lambda: False
        for route in routes[:40]:
            shown, _ = window_route(pilot, story, route.choices)
            pilot.app.stack[1:] = []
            if hidden.text not in shown:
                seen_without = True
                break
    assert seen_without, f"{story.id}: no route to {ending.id} leaves out {hidden.text!r}"
