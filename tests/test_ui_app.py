"""The window, driven headless by the pilot: focus, help and break keys, crashes, resizing."""

from __future__ import annotations

import os

import pygame

from game.ui.pilot import run_test
from game.ui.screen import Push, Screen
from game.ui.screens.crash import CrashScreen
from game.ui.screens.help import HelpScreen
from game.ui.screens.rest import RestScreen
from game.ui.screens.title import TitleScreen

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")


def pixels(surface: pygame.Surface) -> bytes:
    return pygame.image.tobytes(surface, "RGB")


def test_the_title_opens_with_start_help_break_and_quit_and_focus_on_start():
    with run_test() as pilot:
        assert isinstance(pilot.screen, TitleScreen)
        labels = [w.label for w in pilot.screen.focus.widgets]
        assert labels == ["Start", "Settings", "Get help (H)", "Take a break (B)", "Quit"]  # Continue: test_ui_flow.py
        assert pilot.screen.focus.focused is pilot.screen.start


def test_tab_moves_focus_and_wraps_and_shift_tab_goes_back():
    with run_test() as pilot:
        chain = pilot.screen.focus
        pilot.press("tab", "tab", "tab")
        assert chain.focused is pilot.screen.rest
        pilot.press("tab", "tab")
        assert chain.focused is pilot.screen.start  # wrapped past Quit
        pilot.press("shift+tab")
        assert chain.focused is pilot.screen.quit  # wrapped back
        pilot.press("up")
        assert chain.focused is pilot.screen.rest
        pilot.press("down", "down", "down", "down")
        assert chain.focused is pilot.screen.help


def test_enter_and_space_activate_the_focused_button():
    with run_test() as pilot:
        pilot.press("tab", "tab", "enter")
        assert isinstance(pilot.screen, HelpScreen)
        pilot.press("escape")
        pilot.press("tab", "space")
        assert isinstance(pilot.screen, RestScreen)
        pilot.press("space")
        pilot.press("tab", "enter")
        assert not pilot.app.running


def test_h_opens_help_and_any_key_returns_to_the_title_exactly_as_it_was():
    with run_test() as pilot:
        pilot.press("shift+tab")
        before = pixels(pilot.snapshot())
        pilot.press("h")
        assert isinstance(pilot.screen, HelpScreen)
        pilot.press("x")
        assert isinstance(pilot.screen, TitleScreen)
        assert pilot.screen.focus.focused is pilot.screen.quit
        assert pixels(pilot.snapshot()) == before


def test_b_opens_the_break_and_any_key_returns_exactly_as_it_was():
    with run_test() as pilot:
        pilot.press("tab", "tab", "tab")
        before = pixels(pilot.snapshot())
        pilot.press("b")
        assert isinstance(pilot.screen, RestScreen)
        pilot.press("shift+tab")  # the Shift on its own is not "a key" but Tab is
        assert isinstance(pilot.screen, TitleScreen)
        assert pilot.screen.focus.focused is pilot.screen.rest
        assert pixels(pilot.snapshot()) == before


def test_the_break_screen_hides_everything_else():
    with run_test() as pilot:
        pilot.press("b")
        snap = pilot.snapshot()
        background = pilot.app.ui.theme.colours.rest_background
        assert snap.get_at((5, 5))[:3] == background
        assert snap.get_at((snap.get_width() // 2, 5))[:3] == background


def test_from_the_break_h_goes_to_help_and_help_goes_back_to_where_the_pupil_was():
    with run_test() as pilot:
        pilot.press("b", "h")
        assert isinstance(pilot.screen, HelpScreen)
        pilot.press("b")
        assert isinstance(pilot.screen, RestScreen)
        pilot.press("q")
        assert isinstance(pilot.screen, TitleScreen)
        assert len(pilot.app.stack) == 1


def test_buttons_work_with_the_mouse():
    with run_test() as pilot:
        pilot.hover(pilot.screen.rest)
        assert pilot.screen.hover is pilot.screen.rest
        pilot.click(pilot.screen.rest)
        assert isinstance(pilot.screen, RestScreen)
        pilot.click(10, 10)
        assert isinstance(pilot.screen, TitleScreen)
        assert pilot.screen.focus.focused is pilot.screen.rest
        pilot.click(pilot.screen.help)
        assert isinstance(pilot.screen, HelpScreen)
        pilot.click(pilot.screen.back)
        assert isinstance(pilot.screen, TitleScreen)


def test_help_lists_every_route_from_help_yaml():
    from game.ui.screens.help import load_help

    help_file = load_help()
    assert help_file is not None
    with run_test() as pilot:
        pilot.press("h")
        text = "\n".join(p.text for p in pilot.screen.text.paragraphs)
        for route in [*help_file.routes, help_file.school_contact]:
            assert route.name in text and route.detail in text
            for way in (route.phone, route.web):
                assert way is None or way in text
        for needed in ("Childline", "0800 1111", "CEOP", "Report Remove", "999", "101"):
            assert needed in text


def test_help_scrolls_with_keys_and_the_wheel_and_stays_open():
    with run_test(size=(1024, 600)) as pilot:
        pilot.press("h")
        text = pilot.screen.text
        assert text.can_scroll(pilot.app.ui)
        pilot.press("down")
        assert text.offset > 0
        pilot.press("end")
        assert text.offset == text.max_offset(pilot.app.ui)
        pilot.press("home", "page down")
        assert text.offset > 0
        pilot.scroll(-10)
        assert text.offset == 0
        pilot.press("tab", "right", "left")
        assert isinstance(pilot.screen, HelpScreen)


def test_idle_window_draws_nothing_new():
    with run_test() as pilot:
        frames = pilot.app.frames
        for _ in range(5):
            pilot.step()
        assert pilot.app.frames == frames
        pilot.hover((2, 2))  # the mouse over nothing changes nothing
        assert pilot.app.frames == frames
        pilot.press("tab")
        assert pilot.app.frames == frames + 1


class Boom(Screen):
    def compose(self) -> None:
        self.set_widgets([])

    def handle(self, event):
        if event.type == pygame.KEYDOWN and event.key == pygame.K_x:
            raise RuntimeError("a bug in a screen")
        return None


class BoomOnDraw(Screen):
    def draw(self, surface):
        raise ValueError("a bug while drawing")


def test_a_screen_that_raises_shows_the_crash_screen_and_writes_a_log(tmp_path):
    with run_test() as pilot:
        pilot.app.apply(Push(Boom()))
        pilot.press("x")
        assert pilot.app.running
        assert isinstance(pilot.screen, CrashScreen)
        log = tmp_path / "logs" / "crash.log"
        assert "RuntimeError: a bug in a screen" in log.read_text(encoding="utf-8")
        labels = {w.label for w in pilot.screen.focus.widgets}
        assert {"Continue", "Quit", "Get help (H)", "Take a break (B)"} <= labels
        pilot.press("h")
        assert isinstance(pilot.screen, HelpScreen)
        pilot.press("escape", "enter")  # back, then Continue
        assert isinstance(pilot.screen, TitleScreen)
        assert len(pilot.app.stack) == 1


def test_a_screen_that_fails_to_draw_shows_the_crash_screen(tmp_path):
    with run_test() as pilot:
        pilot.app.apply(Push(BoomOnDraw()))
        pilot.step()
        assert isinstance(pilot.screen, CrashScreen)
        assert "ValueError: a bug while drawing" in (tmp_path / "logs" / "crash.log").read_text(encoding="utf-8")
        pilot.snapshot()  # and the crash screen itself draws


def test_f11_toggles_fullscreen_and_back_to_the_same_window_size():
    with run_test(size=(1100, 700)) as pilot:
        pilot.press("f11")
        assert pilot.app.fullscreen
        pilot.press("f11")
        assert not pilot.app.fullscreen and pilot.app.size == (1100, 700)


def test_the_window_never_goes_below_its_minimum_size():
    with run_test(size=(640, 480)) as pilot:
        assert pilot.app.size == (1024, 600)
        pilot.resize(800, 500)
        assert pilot.app.size == (1024, 600)


def test_resizing_under_help_lays_the_title_out_again_on_return():
    with run_test() as pilot:
        pilot.press("h")
        pilot.resize(1920, 1080)
        pilot.press("x")
        assert pilot.screen.size == (1920, 1080)
        assert pilot.screen.quit.rect.right <= 1920


def test_the_real_clock_moves_without_pygame_init(monkeypatch):
    """Animations, notices and captions run on App.clock: it must move in a real window, where
    pygame.init() is never called (pygame.time.get_ticks() would stay at 0 and freeze them)."""
    import time as real_time

    from game.ui.app import App

    now = [100.0]
    monkeypatch.setattr(real_time, "monotonic", lambda: now[0])
    app = App()
    assert app.clock() == 0
    now[0] += 0.25
    assert app.clock() == 250
