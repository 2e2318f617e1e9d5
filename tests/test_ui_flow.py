"""From the title to a story: Start, Continue, the content note, How to play and the picker,
driven headless by the pilot. Every test runs with its own user folder (SPOT_THE_SIGNS_HOME)."""

from __future__ import annotations

import os
from pathlib import Path

import pygame
import pytest

from game.paths import scenes_dir
from game.saves import COULD_NOT_CONTINUE, SaveStore
from game.story.library import Library
from game.story.runtime import Playthrough
from game.ui.pilot import run_test
from game.ui.screen import Push
from game.ui.screens.content_note import ContentNoteScreen
from game.ui.screens.help import HelpScreen
from game.ui.screens.howto import HowToScreen
from game.ui.screens.picker import PickerScreen, StoryCard
from game.ui.screens.rest import RestScreen
from game.ui.screens.title import TitleScreen
from game.ui.widgets import Button

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

PLAY_SCREEN = Path(__file__).resolve().parent.parent / "game" / "ui" / "screens" / "play.py"
needs_play_screen = pytest.mark.skipif(not PLAY_SCREEN.exists(),
                                       reason="game/ui/screens/play.py (PlayScreen) is not written yet")
SIZES = [(1024, 600), (1920, 1080)]
SCALES = [1.0, 2.0]


@pytest.fixture(scope="module")
def stories():
    return Library(scenes_dir()).stories()


def labels(screen) -> list[str]:
    return [w.label for w in screen.focus.widgets if isinstance(w, Button)]


def pixels(surface: pygame.Surface) -> bytes:
    return pygame.image.tobytes(surface, "RGB")


def save_a_story(story, extra=None) -> Playthrough:
    pt = Playthrough(story)
    assert SaveStore().write(pt, extra or {})
    return pt


def story_of(screen):
    """The story a PlayScreen is playing, whatever it calls its attributes."""
    story = getattr(screen, "story", None)
    if story is None:
        story = getattr(getattr(screen, "playthrough", None), "story", None)
    return story


def to_picker(pilot) -> PickerScreen:
    pilot.press("enter")  # Start (focused)
    assert isinstance(pilot.screen, ContentNoteScreen)
    pilot.press("enter")
    assert isinstance(pilot.screen, HowToScreen)
    pilot.press("enter")
    assert isinstance(pilot.screen, PickerScreen)
    return pilot.screen


# -- the title -----------------------------------------------------------------------------------


def test_the_title_offers_start_help_break_and_quit_with_start_focused():
    with run_test() as pilot:
        assert isinstance(pilot.screen, TitleScreen)
        assert labels(pilot.screen) == ["Start", "Settings", "Get help (H)", "Take a break (B)", "Quit"]
        assert pilot.screen.focus.focused is pilot.screen.start


def test_continue_is_shown_second_only_when_there_is_an_autosave(stories):
    save_a_story(stories[0])
    with run_test() as pilot:
        assert labels(pilot.screen) == ["Start", "Continue", "Settings", "Get help (H)", "Take a break (B)", "Quit"]


def test_continue_appears_when_a_save_is_made_while_another_screen_is_shown(stories):
    with run_test() as pilot:
        pilot.press("h")
        save_a_story(stories[0])
        pilot.press("x")
        assert "Continue" in labels(pilot.screen)
        assert pilot.screen.cont.rect.height > 0


def test_a_save_that_cannot_be_used_is_explained_in_one_sentence_and_start_still_works(tmp_path):
    (tmp_path / "saves").mkdir()
    (tmp_path / "saves" / "autosave.json").write_text("this is not a save", encoding="utf-8")
    with run_test() as pilot:
        pilot.click(pilot.screen.cont)
        assert isinstance(pilot.screen, TitleScreen)
        assert pilot.screen.notice.text == COULD_NOT_CONTINUE
        assert pilot.screen.notice in pilot.screen.widgets
        assert "Continue" not in labels(pilot.screen)
        assert pilot.screen.focus.focused is pilot.screen.start
        to_picker(pilot)


@needs_play_screen
def test_continue_resumes_the_saved_story_after_the_content_note(stories):
    from game.ui.screens.play import PlayScreen

    story = stories[0]
    saved = save_a_story(story, {"revealed": 2})
    with run_test() as pilot:
        pilot.click(pilot.screen.cont)
        assert isinstance(pilot.screen, ContentNoteScreen)
        pilot.press("enter")
        assert isinstance(pilot.screen, PlayScreen)
        assert story_of(pilot.screen).id == story.id
        assert pilot.screen.pt.scene == saved.scene
        assert pilot.screen.revealed == min(2, len(saved.lines))


# -- start: content note, how to play, picker ----------------------------------------------------


def test_start_shows_the_content_note_then_how_to_play_then_the_picker():
    with run_test() as pilot:
        to_picker(pilot)
        assert len(pilot.app.stack) == 2  # each step replaced the last: Back goes to the title


def test_the_content_note_says_what_the_stories_are_about_and_where_help_is():
    with run_test() as pilot:
        pilot.press("enter")
        text = " ".join(p.text for p in pilot.screen.text.paragraphs)
        for needed in ("pressured or tricked", "friend who notices", "stop at any time", "press H",
                       "trusted adult"):
            assert needed in text


def test_the_content_note_and_how_to_play_are_shown_once_a_session():
    with run_test() as pilot:
        to_picker(pilot)
        pilot.press("escape")
        assert isinstance(pilot.screen, TitleScreen)
        pilot.press("enter")
        assert isinstance(pilot.screen, PickerScreen)


def test_going_back_from_the_content_note_shows_it_again_next_time():
    with run_test() as pilot:
        pilot.press("enter", "escape")
        assert isinstance(pilot.screen, TitleScreen)
        pilot.press("enter")
        assert isinstance(pilot.screen, ContentNoteScreen)


def test_how_to_play_lists_every_key_and_esc_skips_it():
    with run_test() as pilot:
        pilot.press("enter", "enter")
        assert isinstance(pilot.screen, HowToScreen)
        keys = {k for row, _ in pilot.screen.text.rows for k in row}
        assert {"Space", "Enter", "S", "1", "Backspace", "L", "Esc", "H", "B"} <= keys
        pilot.press("escape")
        assert isinstance(pilot.screen, PickerScreen)


def test_how_to_play_can_be_pushed_from_anywhere_and_goes_back():
    with run_test() as pilot:
        pilot.app.apply(Push(HowToScreen()))
        pilot.step()
        pilot.press("escape")
        assert isinstance(pilot.screen, TitleScreen) and len(pilot.app.stack) == 1


# -- the picker ------------------------------------------------------------------------------------


def test_the_picker_has_a_card_for_every_story_with_its_details(stories):
    with run_test() as pilot:
        picker = to_picker(pilot)
        assert [c.story.id for c in picker.cards] == [s.id for s in stories]
        card = picker.cards[0]
        shown = " ".join(p.text for p in card.parts)  # a short window: the card is made shorter ...
        assert card.story.title in shown and card.story.band in shown and str(card.story.minutes) in shown
        assert card.story.pupil_summary in shown
        # ... but read aloud and copied whole, and shown whole where there is room for two such cards
        assert all(note in card.text for note in card.story.content_notes)
        assert picker.focus.focused is card
    with run_test(size=(1920, 1080)) as pilot:
        card = to_picker(pilot).cards[0]
        assert not card.compact and all(note in " ".join(p.text for p in card.parts)
                                        for note in card.story.content_notes)


@pytest.mark.parametrize("band", ["11-13", "14-16"])
def test_the_band_filter_narrows_the_cards(stories, band):
    with run_test() as pilot:
        picker = to_picker(pilot)
        pilot.click(picker.band_buttons[band])
        assert picker.cards and len(picker.cards) < len(stories)
        assert {c.story.band for c in picker.cards} == {band}
        assert [w for w in picker.focus.widgets if isinstance(w, StoryCard)] == picker.cards
        assert picker.focus.focused is picker.band_buttons[band]
        assert band in picker.showing.text
        pilot.click(picker.band_buttons["All"])
        assert len(picker.cards) == len(stories)


def test_the_band_filter_works_from_the_keyboard():
    with run_test() as pilot:
        picker = to_picker(pilot)
        while picker.focus.focused is not picker.band_buttons["14-16"]:
            pilot.press("tab")
        pilot.press("enter")
        assert {c.story.band for c in picker.cards} == {"14-16"}


def test_down_and_up_move_between_cards():
    with run_test(size=(1920, 1080)) as pilot:
        picker = to_picker(pilot)
        pilot.press("down")
        assert picker.focus.focused is picker.cards[1]
        pilot.press("up")
        assert picker.focus.focused is picker.cards[0]


@needs_play_screen
def test_enter_on_a_card_starts_that_story():
    from game.ui.screens.play import PlayScreen

    with run_test(size=(1920, 1080)) as pilot:
        picker = to_picker(pilot)
        pilot.press("down")
        chosen = picker.cards[1].story
        pilot.press("enter")
        assert isinstance(pilot.screen, PlayScreen)
        assert story_of(pilot.screen).id == chosen.id


@needs_play_screen
def test_clicking_a_card_starts_that_story():
    from game.ui.screens.play import PlayScreen

    with run_test(size=(1920, 1080)) as pilot:
        picker = to_picker(pilot)
        card = picker.cards[1]
        pilot.click(card)
        assert isinstance(pilot.screen, PlayScreen)
        assert story_of(pilot.screen).id == card.story.id


def test_a_card_scrolled_out_of_the_list_cannot_be_clicked():
    with run_test() as pilot:
        picker = to_picker(pilot)
        hidden = picker.cards[-1]
        assert hidden.rect.top > picker.view.bottom
        assert picker.widget_at((hidden.rect.centerx, picker.view.bottom + 2)) is not hidden


def test_a_band_button_can_be_clicked_with_a_card_scrolled_under_it():
    with run_test() as pilot:
        picker = to_picker(pilot)
        pilot.press("end")
        button = picker.band_buttons["14-16"]
        assert any(c.rect.colliderect(button.rect) for c in picker.cards)
        pilot.click(button)
        assert {c.story.band for c in picker.cards} == {"14-16"}


def test_the_list_scrolls_with_the_wheel_and_page_keys():
    with run_test() as pilot:
        picker = to_picker(pilot)
        pilot.scroll(2)
        assert picker.offset > 0
        pilot.press("home")
        assert picker.offset == 0
        pilot.press("end")
        assert picker.offset == picker.max_offset() > 0
        pilot.press("page up")
        assert picker.offset < picker.max_offset()


def test_a_card_taller_than_the_list_is_scrolled_through_before_the_next_card():
    with run_test(size=(1024, 600), text_scale=2.0) as pilot:
        picker = to_picker(pilot)
        for card in picker.cards:  # cards that cannot be made shorter (the picker's can)
            card.brief = ()
        picker.relayout()
        first = picker.cards[0]
        assert first.rect.height > picker.view.height
        pilot.press("down")
        assert picker.focus.focused is first and picker.offset > 0
        for _ in range(40):
            if picker.focus.focused is not first:
                break
            pilot.press("down")
        assert picker.focus.focused is picker.cards[1]


# -- layout ---------------------------------------------------------------------------------------


def open_flow_screen(pilot, name):
    if name == "title":
        return pilot.screen
    pilot.app.apply(Push({"content note": ContentNoteScreen, "how to play": HowToScreen,
                          "picker": PickerScreen}[name]()))
    pilot.step()
    return pilot.screen


def assert_laid_out(screen, ui, size):
    window = pygame.Rect((0, 0), size)
    others = [w for w in screen.widgets if not isinstance(w, StoryCard)]
    for w in others:
        assert window.contains(w.rect), (w, w.rect)
        assert not w.overflows(ui), w
    buttons = [w for w in others if isinstance(w, Button)]
    for a in buttons:
        for b in buttons:
            assert a is b or not a.rect.colliderect(b.rect), (a, b)
    assert {"Get help (H)", "Take a break (B)"} <= {b.label for b in buttons}


@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", ["title", "content note", "how to play", "picker"])
def test_every_flow_screen_fits_the_window_with_large_text(name, size, scale, stories):
    save_a_story(stories[0])  # the title with all five buttons
    with run_test(size=size, text_scale=scale) as pilot:
        screen = open_flow_screen(pilot, name)
        assert_laid_out(screen, pilot.app.ui, size)
        pilot.snapshot()


@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_cards_fit_the_list_and_the_focused_card_is_always_in_view(size, scale):
    with run_test(size=size, text_scale=scale) as pilot:
        picker = open_flow_screen(pilot, "picker")
        window = pygame.Rect((0, 0), size)
        for card in picker.cards:
            assert picker.view.left <= card.rect.left and card.rect.right <= picker.view.right
            assert not card.overflows(pilot.app.ui)
        assert window.contains(picker.view)
        for _ in range(60):  # walk to the last card
            focused = picker.focus.focused
            assert focused.rect.clip(picker.view).height > 0
            if focused is picker.cards[-1] and focused.rect.bottom <= picker.view.bottom:
                break
            pilot.press("down")
        assert picker.focus.focused is picker.cards[-1]
        pilot.snapshot()


# -- help and the break from each screen ---------------------------------------------------------


@pytest.mark.parametrize("key,cover,leave", [("h", HelpScreen, "x"), ("b", RestScreen, "space")])
@pytest.mark.parametrize("name", ["title", "content note", "how to play", "picker"])
def test_help_and_the_break_return_to_the_same_place(name, key, cover, leave):
    with run_test(size=(1024, 600), text_scale=2.0) as pilot:
        screen = open_flow_screen(pilot, name)
        pilot.press("tab", "down")  # move focus and scroll a little, so there is a place to keep
        focused = screen.focus.focused
        before = pixels(pilot.snapshot())
        pilot.press(key)
        assert isinstance(pilot.screen, cover)
        pilot.press(leave)
        assert pilot.screen is screen
        assert screen.focus.focused is focused
        assert pixels(pilot.snapshot()) == before
