"""Playing a story in the window, driven headless by the pilot: by keyboard alone, by mouse
alone, leaving early, the autosave, and the layout at the smallest and a large window."""

from __future__ import annotations

import os

import pygame
import pytest

from game.saves import SaveStore, library_lookup
from game.settings import Settings
from game.story.library import Library
from game.story.runtime import Playthrough
from game.ui.pilot import run_test
from game.ui.screen import Push
from game.ui.screens.confirm import ConfirmScreen
from game.ui.screens.debrief import DebriefScreen
from game.ui.screens.help import HelpScreen
from game.ui.screens.history import HistoryScreen
from game.ui.screens.pause import LeavingHelpScreen, PauseScreen
from game.ui.screens.play import PlayScreen
from game.ui.screens.rest import RestScreen
from game.ui.screens.title import TitleScreen
from game.ui.widgets import Button
from tests.conftest import EXAMPLE, SCENES

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

# Lines show whole and nothing moves (the pilot's clock only moves when told): the story's
# logic is tested here; typing in, moving on by itself and animation in test_ui_motion.py.
STILL = Settings(reduced_motion=True)


@pytest.fixture(scope="module")
def library():
    return Library(SCENES)


@pytest.fixture(scope="module")
def story(library):
    found = library.load(EXAMPLE).story
    assert found is not None
    return found


def start(pilot, story, store=None, shuffle=False) -> PlayScreen:
    """The example story; its choices in the writer's order unless ``shuffle`` (so a test can say
    which choice a number picks: the shuffle itself is tested in test_runtime.py)."""
    pilot.app.apply(Push(PlayScreen(story, Playthrough(story, 3, shuffle=shuffle), store)))
    pilot.step()
    return pilot.screen


def pixels(surface: pygame.Surface) -> bytes:
    return pygame.image.tobytes(surface, "RGB")


def reveal_all(pilot) -> None:
    while pilot.screen.reading:
        pilot.press("space")


def debrief_text(screen: DebriefScreen) -> str:
    return "\n".join(p.text for pane in screen.panes for p in pane.paragraphs)


def click(pilot, target) -> None:
    """A pupil's click, a moment after the screen last changed (the 400 ms guard: test_ui_stage.py)."""
    pilot.advance(500)
    pilot.click(target)


def test_a_story_plays_to_the_debrief_by_keyboard_alone(story):
    with run_test(settings=STILL, size=(1280, 720)) as pilot:
        play = start(pilot, story)
        assert play.revealed == 1 and play.pt.scene.id == "lunch"
        pilot.press("space", "enter")  # both reveal the next line
        assert play.revealed == 3 and play.box.line.text == story.scenes["lunch"].lines[2].text

        pilot.press("s")  # Sam's kind line: not a sign on its own, said kindly
        assert play.card is not None and play.card.kind == "spot"
        assert play.card.title == "Not a warning sign on its own"
        pilot.press("enter")
        assert play.card is None
        pilot.press("space")  # Mia: "We like all the same things!"
        assert not play.reading and play.choosing and play.focus.focused is None
        pilot.press("s")
        assert play.card.kind == "spot-sign" and play.card.title.startswith("Well spotted")
        pilot.press("enter", "s")
        assert play.card.title == "You've already flagged this one"  # not praised twice
        pilot.press("enter")
        assert set(play.pt.spotted) == {"lunch.2", "lunch.3"}
        assert play.box.chip.text == "Flagged"  # it stays marked

        pilot.press("space", "enter")  # no choice is picked until the pupil picks one
        assert play.pt.steps == 0 and play.card is None
        assert [b.label for b in play.menu.buttons] == [f"{i}.  {c.text}" for i, c in enumerate(play.pt.choices, 1)]
        pilot.press("1")  # by number: feedback at once, then Continue moves on
        assert play.card.kind == "feedback"
        assert play.card.text == story.scenes["lunch"].choices[0].feedback
        pilot.press("enter")
        assert play.pt.scene.id == "messages" and play.revealed == 1

        pilot.press("backspace")  # undo once: back to the choice, the spots kept, none picked
        assert play.pt.scene.id == "lunch" and play.choosing and play.focus.focused is None
        assert set(play.pt.spotted) == {"lunch.2", "lunch.3"}
        pilot.press("down", "down", "enter")  # the arrows pick: the second choice
        assert play.pt.state["asked"] is False
        pilot.press("enter")
        assert play.pt.scene.id == "messages"

        pilot.press("space")
        pilot.press("l")
        assert isinstance(pilot.screen, HistoryScreen)
        pilot.press("escape")
        assert pilot.screen is play
        pilot.press("escape")
        assert isinstance(pilot.screen, PauseScreen)
        pilot.press("escape")
        assert pilot.screen is play and play.revealed == 2

        before = pixels(pilot.snapshot())
        pilot.press("h")
        assert isinstance(pilot.screen, HelpScreen)
        pilot.press("x")
        assert pilot.screen is play and pixels(pilot.snapshot()) == before
        pilot.press("b")
        assert isinstance(pilot.screen, RestScreen)
        pilot.press("space")
        assert pilot.screen is play and pixels(pilot.snapshot()) == before

        reveal_all(pilot)
        pilot.press("1", "enter")
        reveal_all(pilot)
        assert play.pt.scene.id == "corridor"
        pilot.press("1", "enter")
        reveal_all(pilot)
        assert play.pt.scene.id == "teacher" and not play.choosing and play.next.label == "Continue (Space)"
        pilot.press("space")  # a scene with one Continue just continues: to the ending, on the stage
        assert play.pt.finished and play.ending_banner.text == f"Ending: {play.pt.ending.title}"
        reveal_all(pilot)
        assert play.box.line.text == play.pt.lines[-1].text
        pilot.press("space")
        assert isinstance(pilot.screen, DebriefScreen)
        text = debrief_text(pilot.screen)
        assert "not Mia's fault" in text and "0800 1111" in text
        assert "Too good to be true (you spotted this)" in text
        assert [type(s) for s in pilot.app.stack] == [TitleScreen, DebriefScreen]


def test_a_story_plays_to_the_debrief_by_mouse_alone(story):
    with run_test(settings=STILL, size=(1024, 600)) as pilot:
        play = start(pilot, story)
        click(pilot, play.next)
        click(pilot, (5, pilot.app.size[1] // 3))  # a click on the stage also reveals the next line
        assert play.revealed == 3
        click(pilot, play.next)
        assert not play.reading
        click(pilot, play.flag)  # the line showing: Mia's
        assert play.card.kind == "spot-sign"
        click(pilot, play.card_button)
        click(pilot, play.menu.buttons[0])
        assert play.card.kind == "feedback"
        click(pilot, play.card_button)
        assert play.pt.scene.id == "messages"

        click(pilot, play.pause_button)
        pause = pilot.screen
        assert isinstance(pause, PauseScreen)
        click(pilot, pause.history)
        assert isinstance(pilot.screen, HistoryScreen)
        click(pilot, pilot.screen.back)
        assert pilot.screen is pause
        click(pilot, pause.undo)
        assert pilot.screen is play and play.pt.scene.id == "lunch"
        click(pilot, play.menu.buttons[0])
        click(pilot, play.card_button)

        click(pilot, play.help)
        assert isinstance(pilot.screen, HelpScreen)
        click(pilot, pilot.screen.back)
        click(pilot, play.rest)
        assert isinstance(pilot.screen, RestScreen)
        click(pilot, (10, 10))
        assert pilot.screen is play

        for _ in range(3):  # messages, corridor, bus stop
            while play.reading:
                click(pilot, play.next)
            click(pilot, play.menu.buttons[-1] if play.pt.scene.id == "corridor" else play.menu.buttons[0])
            click(pilot, play.card_button)
        while play.reading:
            click(pilot, play.next)
        click(pilot, play.next)  # the teacher: Continue, to the ending
        while not isinstance(pilot.screen, DebriefScreen):
            click(pilot, play.next)
        text = debrief_text(pilot.screen)
        assert "not Mia's fault" in text and "0800 1111" in text
        click(pilot, pilot.screen.again)  # Play again asks first
        assert isinstance(pilot.screen, ConfirmScreen)
        click(pilot, pilot.screen.yes)
        assert isinstance(pilot.screen, PlayScreen) and pilot.screen.pt.steps == 0
        assert [type(s) for s in pilot.app.stack] == [TitleScreen, PlayScreen]


def test_leaving_early_shows_help_first_then_the_debrief(story, tmp_path):
    store = SaveStore(tmp_path / "saves")
    with run_test(settings=STILL) as pilot:
        play = start(pilot, story, store)
        pilot.press("space")
        assert store.exists()
        pilot.press("escape")
        pilot.click(pilot.screen.leave)  # never "are you sure?"
        assert isinstance(pilot.screen, LeavingHelpScreen)
        assert not store.exists()
        text = "\n".join(p.text for p in pilot.screen.text.paragraphs)
        assert "0800 1111" in text
        pilot.press("escape")
        assert isinstance(pilot.screen, DebriefScreen) and pilot.screen.debrief.left_early
        assert "not Mia's fault" in debrief_text(pilot.screen)
        assert [type(s) for s in pilot.app.stack] == [TitleScreen, DebriefScreen]
        assert play not in pilot.app.stack
        pilot.click(pilot.screen.title)
        assert isinstance(pilot.screen, TitleScreen)


def test_a_break_while_leaving_comes_back_to_help_then_the_debrief(story):
    with run_test(settings=STILL) as pilot:
        start(pilot, story)
        pilot.press("escape")
        pilot.click(pilot.screen.leave)
        pilot.press("b")
        assert isinstance(pilot.screen, RestScreen)
        pilot.press("space")
        assert isinstance(pilot.screen, LeavingHelpScreen)
        pilot.press("space")
        assert isinstance(pilot.screen, DebriefScreen)


def test_the_place_is_autosaved_after_a_step_and_cleared_at_the_end(story, library, tmp_path):
    store = SaveStore(tmp_path / "saves")
    with run_test(settings=STILL) as pilot:
        play = start(pilot, story, store)
        assert not store.exists()
        pilot.press("space")
        saved = store.read(library_lookup(library))
        assert saved.extra == {"revealed": 2} and saved.playthrough.scene.id == "lunch"
        reveal_all(pilot)
        pilot.press("2")
        saved = store.read(library_lookup(library))
        assert saved.playthrough.scene.id == "messages" and saved.extra == {"revealed": 1}
        assert [c.id for c in saved.playthrough.choices] == [c.id for c in play.pt.choices]
        pilot.press("enter")
        for choice in ("1", "3", "3"):  # messages, corridor ("I don't know"), bus stop (wait)
            reveal_all(pilot)
            pilot.press(choice, "enter")
        assert play.pt.ending.id == "not-yet" and store.exists()  # the ending's lines: still kept
        reveal_all(pilot)
        pilot.press("space")
        assert isinstance(pilot.screen, DebriefScreen)
        assert not store.exists()


def test_a_resumed_story_shows_the_lines_that_were_showing(story, library, tmp_path):
    store = SaveStore(tmp_path / "saves")
    with run_test(settings=STILL) as pilot:
        start(pilot, story, store)
        pilot.press("space", "space")
    saved = store.read(library_lookup(library))
    with run_test(settings=STILL) as pilot:
        pilot.app.apply(Push(PlayScreen(story, saved.playthrough, store, revealed=saved.extra["revealed"])))
        pilot.step()
        assert pilot.screen.revealed == 3 and pilot.screen.picked == 2
        assert pilot.screen.box.line.text == story.scenes["lunch"].lines[2].text


LAYOUTS = [((1024, 600), 2.0), ((1920, 1080), 1.0), ((1024, 600), 1.0)]


def check_layout(pilot, what):
    screen, size = pilot.screen, pilot.app.size
    window = pygame.Rect((0, 0), size)
    ui = pilot.app.ui
    area = getattr(screen, "area", None)  # a scrolling list: what is scrolled out of sight is not shown
    for w in screen.widgets:
        if area is not None and w in area.items and not area.shows(w):
            continue
        assert window.contains(w.rect), (what, w, w.rect)
        assert not w.overflows(ui), (what, w)
    buttons = [w for w in screen.widgets if isinstance(w, Button)
               and not (area is not None and w in area.items and not area.shows(w))]
    for a in buttons:
        for b in buttons:
            assert a is b or not a.visible_rect.colliderect(b.visible_rect), (what, a, b)
    labels = {b.label for b in buttons}
    assert {"Get help (H)", "Take a break (B)"} <= labels, what


def walk_the_phases(pilot, story):
    """Yield a name at each look worth checking: place and chat, reading, choosing, cards."""
    play = start(pilot, story)
    yield "place, reading"
    reveal_all(pilot)
    yield "place, choosing"
    pilot.press("s")
    yield "spot card"
    pilot.press("enter", "1")
    yield "feedback card"
    pilot.press("enter")
    yield "chat, reading"
    reveal_all(pilot)
    assert play.phone in play.widgets or play.menu.buttons[0] in play.widgets
    yield "chat, choosing"
    pilot.press("escape")
    yield "pause"
    pilot.press("l")
    yield "history"
    pilot.press("escape", "escape", "2", "enter")
    reveal_all(pilot)
    pilot.press("3", "enter")
    reveal_all(pilot)
    pilot.press("3", "enter")
    yield "the ending, on the stage"
    reveal_all(pilot)
    pilot.press("space")
    yield "debrief"


@pytest.mark.parametrize(("size", "scale"), LAYOUTS, ids=lambda v: str(v))
def test_no_widget_overflows_and_help_stays_on_screen(story, size, scale):
    with run_test(settings=STILL, size=size, text_scale=scale) as pilot:
        for what in walk_the_phases(pilot, story):
            check_layout(pilot, what)
            pilot.snapshot()  # and it draws


def test_the_place_background_is_drawn_and_the_chat_shows_its_app(story):
    with run_test(settings=STILL, size=(1920, 1080)) as pilot:
        play = start(pilot, story)
        snap = pilot.snapshot()
        assert snap.get_at((200, 300))[:3] != pilot.app.ui.theme.colours.rest_background
        assert not play.in_chat and play.stage in play.widgets and play.phone not in play.widgets
        reveal_all(pilot)
        pilot.press("2", "enter")
        assert play.in_chat and play.phone.app_name == "Sketchbook" and play.phone in play.widgets
        reveal_all(pilot)
        mine = [item for item in play.phone.items if item.mine]
        assert mine and all(item.line.speaker == "mia" for item in mine)
        ui = pilot.app.ui
        index = play.phone.items.index(mine[0])
        jay = next(i for i, item in enumerate(play.phone.items) if item.line.speaker == "jay")
        assert play.phone.item_rect(ui, index).right > play.phone.item_rect(ui, jay).right


def test_enter_and_space_pressed_to_read_on_never_pick_a_choice(story):
    with run_test(settings=STILL, size=(1280, 720)) as pilot:
        screen = start(pilot, story)
        while screen.reading:
            pilot.press("enter")
        pilot.press("enter", "space", "enter", "space")  # presses too many, meant for "next line"
        assert screen.pt.scene.id == "lunch" and screen.card is None and screen.focus.focused is None
        pilot.press("down")  # the first arrow picks choice 1 ...
        assert screen.focus.focused is screen.menu.buttons[0]
        pilot.press("enter")  # ... and now Enter takes it
        assert screen.pt.steps == 1


@pytest.mark.parametrize("size", [(1280, 720), (1024, 600)])
def test_the_first_line_shows_as_soon_as_a_story_starts(story, size):
    with run_test(settings=STILL, size=size) as pilot:
        screen = start(pilot, story)
        assert screen.revealed == 1
        assert screen.box.line in screen.widgets and screen.box.line.rect.height > 0
        assert screen.box.line.text == story.scenes["lunch"].lines[0].text


def test_how_to_play_can_be_read_again_from_help_and_closes_back_to_the_story(story):
    from game.ui.screens.howto import HowToScreen

    with run_test(settings=STILL, size=(1280, 720)) as pilot:
        screen = start(pilot, story)
        pilot.press("h", "p")
        assert isinstance(pilot.screen, HowToScreen)
        pilot.press("escape")
        assert pilot.screen is screen


def test_choose_another_story_on_the_debrief_opens_the_picker_over_the_title(story):
    from game.ui.screens.picker import PickerScreen

    with run_test(settings=STILL, size=(1280, 720)) as pilot:
        screen = start(pilot, story)
        for _ in range(20):
            if isinstance(pilot.screen, DebriefScreen):
                break
            while pilot.screen.reading:
                pilot.press("space")
            pilot.press("space" if pilot.screen.pt.finished or not pilot.screen.choosing else "1")
            if getattr(pilot.screen, "card", None) is not None:
                pilot.press("enter")
        assert isinstance(pilot.screen, DebriefScreen) and screen is not pilot.screen
        pilot.click(pilot.screen.another)
        assert isinstance(pilot.screen, PickerScreen)
        assert [type(s) for s in pilot.app.stack] == [TitleScreen, PickerScreen]
