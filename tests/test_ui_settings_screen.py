"""The settings screen: every option changes live with Left/Right, is saved, and the list scrolls
to keep the focused row in view at the largest text in the smallest window."""

from __future__ import annotations

import os

import pygame
import pytest

from game.settings import Settings, load_settings
from game.ui.pilot import run_test
from game.ui.screen import Push
from game.ui.screens.controls import ControlsScreen
from game.ui.screens.settings import OPTIONS, Option, SettingsScreen

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")


def open_settings(pilot) -> SettingsScreen:
    pilot.app.apply(Push(SettingsScreen()))
    pilot.step()
    assert isinstance(pilot.screen, SettingsScreen)
    return pilot.screen


def test_every_settings_field_has_a_row_and_every_row_steps_through_valid_values():
    from dataclasses import fields

    assert {o.field for o in OPTIONS} == {f.name for f in fields(Settings)}
    for option in OPTIONS:
        settings = Settings()
        seen = {getattr(settings, option.field)}
        for _ in range(len(option.values) + 1):
            settings = option.step(settings, 1, wrap=True)
            seen.add(getattr(settings, option.field))
            assert option.label(settings).startswith(option.name + ": ")
        assert seen == set(option.values) | {getattr(Settings(), option.field)}


def test_stepping_stops_at_the_ends_unless_it_wraps():
    size = next(o for o in OPTIONS if o.field == "text_scale")
    top = Settings(text_scale=2.0)
    assert size.step(top, 1).text_scale == 2.0
    assert size.step(top, 1, wrap=True).text_scale == 1.0
    assert size.step(Settings(text_scale=1.0), -1).text_scale == 1.0


def test_a_hand_edited_value_between_steps_moves_to_the_next_step():
    size = Option("text_scale", "Text size", (1.0, 1.5, 2.0), str)
    assert size.step(Settings(text_scale=1.4), 1).text_scale == 2.0


def test_every_row_changes_live_with_the_arrow_keys_and_is_saved():
    with run_test(size=(1280, 720)) as pilot:
        screen = open_settings(pilot)
        for field, row in screen.rows.items():
            screen.focus.focus(row)
            before = getattr(pilot.app.ui.settings, field)
            pilot.press("right")
            after = getattr(pilot.app.ui.settings, field)
            if after == before:  # already at the top end: step down instead
                pilot.press("left")
                after = getattr(pilot.app.ui.settings, field)
            assert after != before, field
            assert getattr(load_settings(), field) == after, field
            assert row.label == row.option.label(pilot.app.ui.settings)


def test_changing_the_theme_redraws_the_screen_in_its_colours():
    with run_test(size=(1024, 600)) as pilot:
        screen = open_settings(pilot)
        screen.focus.focus(screen.rows["theme"])
        pilot.press("right")
        assert pilot.app.ui.settings.theme == "dark"
        assert pilot.app.ui.theme.name == pilot.app.ui.settings.theme or pilot.app.ui.theme.name == "light"
        assert screen.rows["theme"].label == "Colours: Dark"


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720)])
def test_at_the_largest_text_the_list_scrolls_to_keep_the_focused_row_in_view(size):
    settings = Settings(text_scale=2.0, line_spacing=2.0)
    with run_test(size=size, settings=settings) as pilot:
        screen = open_settings(pilot)
        assert screen.content_height() > screen.viewport.height  # it does need to scroll
        top = screen.offset  # as it opened: 0, unless the hint and sample leave no room for the first row
        visited, deepest = set(), 0
        for _ in range(len(screen.focus.widgets)):
            focused = screen.focus.focused
            visited.add(focused)
            deepest = max(deepest, screen.offset)
            if focused in screen.items:
                assert screen.viewport.contains(focused.rect), focused
            for w in screen.items:
                if screen.viewport.contains(w.rect):
                    assert not w.overflows(pilot.app.ui), w
            pilot.press("down")
        assert screen.back in visited and deepest > 0
        pilot.press("up")  # wraps back to the top: the list scrolls back up
        for _ in range(len(screen.focus.widgets)):
            pilot.press("up")
        assert screen.offset == top


def test_the_wheel_scrolls_and_a_row_out_of_sight_cannot_be_clicked():
    with run_test(size=(1024, 600), settings=Settings(text_scale=2.0)) as pilot:
        screen = open_settings(pilot)
        hidden = screen.back
        assert not screen.viewport.contains(hidden.rect)
        assert screen.widget_at(hidden.rect.center) is None or not screen.viewport.collidepoint(hidden.rect.center)
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-50, flipped=False, precise_x=0.0,
                                             precise_y=-50.0, touch=False, which=0))
        pilot.step()
        assert screen.offset > 0 and screen.viewport.contains(hidden.rect)


def test_controls_lists_every_key_and_is_reached_from_settings():
    with run_test(size=(1024, 600)) as pilot:
        screen = open_settings(pilot)
        while screen.focus.focused is not screen.controls:
            pilot.press("down")
        pilot.press("enter")
        assert isinstance(pilot.screen, ControlsScreen)
        text = pilot.screen.screen_text() + " ".join(" ".join(k) + m for k, m in pilot.screen.text.rows)
        for key in ("Tab", "Enter", "Esc", "H", "B", "C", "F11", "S", "L", "V", "Backspace", "Left"):
            assert key in text
        pilot.press("escape")
        assert pilot.screen is screen


def test_a_service_that_cannot_work_says_why_under_its_group():
    class Quiet:
        def status(self) -> str:
            return "No sound device was found: the game is silent, and captions still work."

        def close(self) -> None:
            pass

    with run_test(size=(1280, 720)) as pilot:
        pilot.app.ui.services["sound"] = Quiet()
        screen = open_settings(pilot)
        assert screen.notes["Sound"].text.startswith("No sound device")
        assert "No sound device" in screen.screen_text()


def test_a_groups_note_scrolls_into_sight_with_its_rows_at_the_largest_text():
    class NoVoice:
        def status(self) -> str:
            return "Read aloud needs a speech engine. On Linux install espeak-ng, then start the game again."

        def close(self) -> None:
            pass

    with run_test(size=(1024, 600), settings=Settings(text_scale=2.0)) as pilot:
        pilot.app.ui.services["speech"] = NoVoice()
        screen = open_settings(pilot)
        while screen.focus.focused is not screen.rows["speech_rate"]:
            pilot.press("down")
        assert screen.viewport.contains(screen.notes["Read aloud"].rect)
        assert screen.viewport.contains(screen.rows["speech_rate"].rect)
