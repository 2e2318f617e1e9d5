"""Presenter mode: nothing saved, a class vote at each choice, discussion pauses."""

from __future__ import annotations

import os

import pygame
import pytest

from game.paths import scenes_dir
from game.settings import Settings
from game.story.library import Library
from game.story.runtime import Playthrough
from game.ui.pilot import run_test
from game.ui.screen import Push
from game.ui.screens.debrief import DebriefScreen
from game.ui.screens.discuss import DiscussScreen
from game.ui.screens.play import PlayScreen
from game.ui.screens.present import DEFAULT_PROMPT, ClassVoteScreen, PresentScreen

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

# Lines show whole and nothing moves (the pilot's clock only moves when told); motion is
# tested in test_ui_motion.py.
STILL = Settings(reduced_motion=True)


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("SPOT_THE_SIGNS_HOME", str(tmp_path))
    return tmp_path


@pytest.fixture(scope="module")
def library():
    return Library(scenes_dir())


def story_with_discussion(library):
    """A shipped story whose first scene with choices (on the first route) has a discuss: question."""
    for story in library.stories():
        pt = Playthrough(story)
        for _ in range(30):
            if pt.finished:
                break
            scene = pt.scene
            if scene.discuss and not (len(pt.choices) == 1 and pt.choices[0].is_continue):
                return story, pt
            pt.choose(0)
    pytest.skip("no shipped story has a discussion question before a real choice")


def read_to_choices(pilot, screen):
    while screen.reading:
        pilot.press("space")


def test_the_class_votes_with_number_keys_and_the_teacher_picks_the_choice_to_follow(library, home):
    story, pt = story_with_discussion(library)
    scene = pt.scene
    with run_test(settings=STILL, size=(1280, 720), text_scale=1.5) as pilot:
        present = PresentScreen(story, pt)
        pilot.app.apply(Push(present))
        pilot.step()
        read_to_choices(pilot, present)
        before, second = present.pt.steps, pt.choices[1].text
        pilot.press("1")  # choosing opens the vote; it is not a vote itself
        vote = pilot.screen
        assert isinstance(vote, ClassVoteScreen) and vote.tally == [0] * len(pt.choices)
        assert vote.prompt.text == scene.discuss
        pilot.press("1", "1", "1", "2")
        assert vote.tally[:2] == [3, 1]
        pilot.press("backspace")  # the last vote taken back
        assert vote.tally[:2] == [3, 0]
        assert vote.rows[0].most == 3
        assert not any(w.overflows(pilot.app.ui) for w in vote.widgets)
        assert vote.focus.focused is vote.rows[0] and vote.go.label == "Follow choice 1 (3 votes)"
        pilot.press("2")  # the focus stays on the most votes
        assert vote.focus.focused is vote.rows[0]
        pilot.press("down")  # the class talked it over: the teacher picks choice 2
        assert vote.focus.focused is vote.rows[1] and vote.go.label == "Follow choice 2 (1 vote)"
        pilot.press("enter")  # the teacher follows choice 2
        assert pilot.screen is present
        assert present.pt.steps == before + 1
        assert [e.text for e in present.pt.history() if e.kind == "choice"][-1] == second
        assert not any(home.rglob("autosave*.json"))  # nothing saved


def open_vote(pilot, story, seed: int = 1) -> tuple[PresentScreen, ClassVoteScreen]:
    present = PresentScreen(story, Playthrough(story, seed))
    pilot.app.apply(Push(present))
    pilot.step()
    while len(present.pt.choices) == 1:  # on to the first real choice
        read_to_choices(pilot, present)
        pilot.press("space")
        if isinstance(pilot.screen, DiscussScreen):
            pilot.press("enter")
    read_to_choices(pilot, present)
    pilot.press("1")
    assert isinstance(pilot.screen, ClassVoteScreen)
    return present, pilot.screen


def test_the_focus_goes_to_the_most_votes_and_a_tie_leaves_nothing_for_enter_to_follow(library):
    story = library.load(scenes_dir() / "example.yaml").story
    with run_test(settings=STILL, size=(1280, 720)) as pilot:
        present, vote = open_vote(pilot, story)
        assert vote.focus.focused is None and not vote.go.enabled  # no votes: nothing picked
        assert vote.go.label == "Follow a choice (no votes yet)"
        pilot.press("enter", "space")
        assert pilot.screen is vote and vote.tally == [0] * len(vote.rows)
        pilot.press("2")
        assert vote.focus.focused is vote.rows[1] and vote.go.enabled
        pilot.press("1")  # one each: a tie
        assert vote.focus.focused is None and not vote.go.enabled and "a tie" in vote.go.label
        pilot.press("enter")  # nothing is focused: Enter does nothing
        assert pilot.screen is vote and not present.pt.steps
        pilot.press("1")
        assert vote.focus.focused is vote.rows[0]
        pilot.press("backspace")  # the tie again
        assert vote.focus.focused is None
        pilot.press("backspace")  # choice 2 leads again
        assert vote.focus.focused is vote.rows[1] and vote.tally[:2] == [0, 1]


def test_a_click_on_a_row_adds_a_vote_and_the_follow_button_goes_ahead(library):
    story = library.load(scenes_dir() / "example.yaml").story
    with run_test(settings=STILL, size=(1024, 600), text_scale=2.0) as pilot:
        present, vote = open_vote(pilot, story)
        second = vote.rows[1]
        vote.area.scroll_into_view(pilot.app.ui, second)
        pilot.step()
        pilot.advance(500)  # the rows have just appeared (and scrolled): a click on one now is taken
        pilot.click(second)
        pilot.click(second)
        assert pilot.screen is vote and vote.tally[1] == 2 and not present.pt.steps  # a tap never goes ahead
        assert vote.focus.focused is second
        window = pilot.app.surface.get_rect()
        assert window.contains(vote.go.rect) and not vote.go.overflows(pilot.app.ui)
        assert vote.go.label == "Follow choice 2 (2 votes)"
        assert not any(vote.go.rect.colliderect(row.rect) for row in vote.rows if vote.area.shows(row))
        expected = present.pt.choices[1].text
        pilot.advance(500)
        pilot.click(vote.go)
        assert pilot.screen is present
        pilot.step()
        assert [e.text for e in present.pt.history() if e.kind == "choice"][-1] == expected


def test_the_vote_lists_the_choices_in_the_order_the_class_saw_them(library):
    story = library.load(scenes_dir() / "example.yaml").story
    for seed in range(50):  # a playthrough whose first choice point is not in the writer's order
        pt = Playthrough(story, seed)
        while len(pt.choices) == 1:
            pt.choose(0)
        written = [c.text for c in story.scenes[pt.scene.id].choices]
        if [c.text for c in pt.choices] != written:
            break
    else:
        pytest.fail("no seed shuffles the first choice point")
    with run_test(settings=STILL, size=(1280, 720)) as pilot:
        present = PresentScreen(story, pt)
        pilot.app.apply(Push(present))
        pilot.step()
        read_to_choices(pilot, present)
        seen = [b.label for b in present.choice_buttons]
        pilot.press("1")
        vote = pilot.screen
        assert [row.label for row in vote.rows] == seen == [f"{i}.  {c.text}" for i, c in enumerate(pt.choices, 1)]
        assert [row.label.split(".  ", 1)[1] for row in vote.rows] != written


def test_a_vote_with_no_discussion_question_asks_what_the_friend_should_do(library):
    story = library.load(scenes_dir() / "example.yaml").story
    with run_test(settings=STILL, size=(1024, 600), text_scale=2.0) as pilot:
        present = PresentScreen(story)
        pilot.app.apply(Push(present))
        pilot.step()
        read_to_choices(pilot, present)
        pilot.press("1")
        vote = pilot.screen
        assert isinstance(vote, ClassVoteScreen)
        player = next(c.name for c in story.characters.values() if c.role == "player")
        if not present.pt.scene.discuss:
            assert vote.prompt.text == DEFAULT_PROMPT.format(player=player)
        window = pilot.app.surface.get_rect()
        for i in range(len(vote.rows)):  # each row scrolls into view when it has the focus
            pilot.press("down")
            assert vote.focus.focused is vote.rows[i] and vote.picked == i
            assert vote.area.shows(vote.rows[i]) and window.contains(vote.rows[i].rect)
        pilot.press(*(str(i + 1) for i in range(len(vote.rows))))
        in_sight = [w for w in vote.widgets if w not in vote.area.items or vote.area.shows(w)]
        assert not any(w.overflows(pilot.app.ui) for w in in_sight)
        assert vote.tally == [1] * len(vote.rows)
        pilot.press("escape")  # back to the story, nothing chosen
        assert pilot.screen is present and not present.pt.steps


def test_presenter_mode_plays_to_the_debrief_and_saves_nothing(library, home):
    story = library.load(scenes_dir() / "example.yaml").story
    with run_test(settings=STILL, size=(1280, 720)) as pilot:
        present = PresentScreen(story)
        pilot.app.apply(Push(present))
        pilot.step()
        for _ in range(80):
            screen = pilot.screen
            if isinstance(screen, DebriefScreen):
                break
            if isinstance(screen, DiscussScreen):
                pilot.press("enter")
            elif isinstance(screen, ClassVoteScreen):
                pilot.press("1", "1", "enter")
            elif getattr(screen, "card", None) is not None:
                pilot.press("enter")
            else:
                read_to_choices(pilot, screen)
                pilot.press("1" if screen.choosing else "space")  # a choice, or Continue (the ending too)
        assert isinstance(pilot.screen, DebriefScreen)
        assert not any(home.rglob("*.json"))
        pilot.click(pilot.screen.again)  # playing again asks, then stays in presenter mode
        pilot.click(pilot.screen.yes)
        assert isinstance(pilot.screen, PresentScreen) and pilot.screen.pt.steps == 0


def test_discussion_pauses_for_pupils_come_once_before_the_choices_when_turned_on(library):
    story, pt = story_with_discussion(library)
    with run_test(settings=STILL, size=(1280, 720)) as pilot:
        play = PlayScreen(story, pt)
        play.discussion_pauses = True
        pilot.app.apply(Push(play))
        pilot.step()
        read_to_choices(pilot, play)
        steps = play.pt.steps
        pilot.press("1")
        assert isinstance(pilot.screen, DiscussScreen)
        assert pt.scene.discuss in pilot.screen.screen_text()
        assert "not about yourselves" in pilot.screen.screen_text()
        pilot.press("enter")
        assert pilot.screen is play and play.pt.steps == steps  # nothing chosen yet
        pilot.press("1")
        assert play.pt.steps == steps + 1  # the pause came once


def test_without_pauses_pupils_choose_straight_away(library):
    story, pt = story_with_discussion(library)
    with run_test(settings=STILL, size=(1280, 720)) as pilot:
        play = PlayScreen(story, pt)
        pilot.app.apply(Push(play))
        pilot.step()
        read_to_choices(pilot, play)
        steps = play.pt.steps
        pilot.press("1")
        assert play.pt.steps == steps + 1


def test_play_present_needs_a_scenario_and_the_window():
    from game.cli import main

    assert main(["play", "--present"]) == 2
    assert main(["play", "--text", "--present", "example"]) == 2


def test_present_in_the_teacher_area_and_play_present_are_one_presenter_mode(library, monkeypatch):
    """Both routes open the same screen at the same scale: the same pixels at 1280x720."""
    import game.ui.__main__ as window
    from game.cli import main
    from game.ui.screens.teacher_scenario import ScenarioScreen
    from game.ui.theme import PRESENTER_TEXT_SCALE

    monkeypatch.setattr("game.ui.screens.play.new_seed", lambda: 5)  # one order of choices for both
    opened: dict = {}
    monkeypatch.setattr(window, "open_window", lambda size, **kw: opened.update(kw, size=size) or 0)
    assert main(["play", "example", "--present", "--size", "1280x720"]) == 0
    assert opened.get("text_scale") is None  # no scale of its own: showing the screen is presenter mode
    story = library.load(scenes_dir() / "example.yaml").story
    shots, scales = [], []
    for route in ("play --present", "teacher area"):
        root = opened["root"] if route == "play --present" else ScenarioScreen(story)
        with run_test(settings=STILL, size=opened["size"], root=root) as pilot:
            if route == "teacher area":
                assert pilot.app.ui.theme.text_scale == 1.0  # the teacher's own size on the story's page
                pilot.press("k")
            screen = pilot.screen
            assert type(screen) is PresentScreen and screen.store is None, route
            scales.append(pilot.app.ui.theme.text_scale)
            pilot.step()  # its first tick: the scene's sound and its caption
            shots.append(pygame.image.tobytes(pilot.snapshot(), "RGB"))
    assert scales == [PRESENTER_TEXT_SCALE, PRESENTER_TEXT_SCALE]
    assert shots[0] == shots[1]


def test_finishing_presenting_gives_the_teacher_their_own_text_size_back(library):
    from game.ui.screens.pause import LeavingHelpScreen, PauseScreen
    from game.ui.screens.teacher_scenario import ScenarioScreen
    from game.ui.theme import PRESENTER_TEXT_SCALE

    story = library.load(scenes_dir() / "example.yaml").story
    own = Settings(reduced_motion=True, text_scale=1.25)
    with run_test(settings=own, size=(1024, 600)) as pilot:
        page = ScenarioScreen(story)
        pilot.app.apply(Push(page))
        pilot.step()
        before = [tuple(w.rect) for w in page.widgets]
        pilot.press("k")
        present = pilot.screen
        assert pilot.app.ui.theme.text_scale == PRESENTER_TEXT_SCALE
        assert pilot.app.ui.settings.text_scale == 1.25  # the teacher's own setting is not changed
        pilot.press("h")  # help over the story: still in front of the class
        assert pilot.app.ui.theme.text_scale == PRESENTER_TEXT_SCALE
        pilot.press("escape", "escape")
        assert isinstance(pilot.screen, PauseScreen)
        pilot.advance(500)
        pilot.click(pilot.screen.leave)  # leaving early: help, then the debrief, all still presented
        assert isinstance(pilot.screen, LeavingHelpScreen) and pilot.app.ui.theme.text_scale == PRESENTER_TEXT_SCALE
        pilot.press("escape")
        debrief = pilot.screen
        assert isinstance(debrief, DebriefScreen) and pilot.app.ui.theme.text_scale == PRESENTER_TEXT_SCALE
        assert present is not debrief and debrief.title.label == "Finish presenting"
        pilot.advance(500)
        pilot.click(debrief.title)
        assert pilot.screen is page  # back where presenter mode began, at the teacher's own size
        assert pilot.app.ui.theme.text_scale == 1.25
        assert [tuple(w.rect) for w in page.widgets] == before  # the page as it was


def test_play_present_finishes_on_the_title(library):
    from game.ui.screens.title import TitleScreen

    story = library.load(scenes_dir() / "example.yaml").story
    with run_test(settings=STILL, size=(1280, 720), root=PresentScreen(story)) as pilot:
        assert pilot.app.ui.theme.text_scale == 1.5
        debrief = pilot.app.apply(pilot.screen.finish()) or pilot.screen
        assert isinstance(debrief, DebriefScreen)
        pilot.advance(500)
        pilot.click(debrief.title)
        assert isinstance(pilot.screen, TitleScreen) and pilot.app.stack == [pilot.screen]
        assert pilot.app.ui.theme.text_scale == 1.0
