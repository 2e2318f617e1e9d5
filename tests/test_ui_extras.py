"""The window's extras, driven headless by the pilot: the crash screen back into a saved story,
the developer overlay (F12), the settings screen, and reloading a story that is being written."""

from __future__ import annotations

import os

import pytest

from game.saves import SaveStore
from game.settings import Settings
from game.story.library import Library
from game.ui.pilot import run_test
from game.ui.screen import Push, Screen
from game.ui.screens.crash import CrashScreen
from game.ui.screens.play import PlayScreen
from game.ui.screens.title import TitleScreen
from tests.conftest import SCENES

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

# Lines show whole and nothing moves (the pilot's clock only moves when told): the story's
# logic is tested here; typing in, moving on by itself and animation in test_ui_motion.py.
STILL = Settings(reduced_motion=True)


class Boom(Screen):
    def handle(self, event):
        raise RuntimeError("a bug in a screen")


def play(pilot, story, store=None) -> PlayScreen:
    pilot.app.apply(Push(PlayScreen(story, None, store)))
    pilot.step()
    return pilot.screen


# -- 1. the crash screen -----------------------------------------------------------------------
def test_after_a_crash_continue_goes_back_to_the_saved_place(story):
    with run_test(settings=STILL, size=(1280, 720)) as pilot:
        screen = play(pilot, story, SaveStore())
        while screen.reading:
            pilot.press("space")
        pilot.press("1")  # a choice: the new scene is autosaved
        if screen.card is not None:
            pilot.press("enter")
        pilot.press("space")
        scene, revealed = screen.pt.scene.id, screen.revealed
        assert scene != "lunch"
        pilot.app.apply(Push(Boom()))
        pilot.press("x")
        crash = pilot.screen
        assert isinstance(crash, CrashScreen)
        assert crash.heading.text == "Something went wrong."
        assert crash.body.text.startswith("Your place is saved.")
        pilot.press("enter")  # Continue
        resumed = pilot.screen
        assert isinstance(resumed, PlayScreen) and resumed is not screen
        assert resumed.pt.scene.id == scene and resumed.revealed == revealed
        assert [type(s) for s in pilot.app.stack] == [TitleScreen, PlayScreen]


def test_without_a_save_the_crash_screen_promises_nothing_and_continue_goes_to_the_title():
    with run_test() as pilot:
        pilot.app.apply(Push(Boom()))
        pilot.press("x")
        assert isinstance(pilot.screen, CrashScreen)
        assert "saved" not in pilot.screen.body.text
        pilot.press("enter")
        assert isinstance(pilot.screen, TitleScreen) and len(pilot.app.stack) == 1


# -- 2. the developer overlay --------------------------------------------------------------------
def test_f12_shows_and_hides_the_developer_overlay_with_the_scene_id(story):
    import pygame

    with run_test(settings=STILL, size=(1280, 720)) as pilot:
        screen = play(pilot, story)
        overlay = pilot.app.overlay
        assert not overlay.visible  # never shown unless asked for
        before = pygame.image.tobytes(pilot.snapshot(), "RGB")
        pilot.press("f12")
        assert overlay.visible
        lines = overlay.lines(pilot.app.stack)
        assert f"scenario: {story.id}" in lines and f"scene: {screen.pt.scene.id}" in lines
        assert any(line.startswith("last frame: ") and line.endswith(" ms") for line in lines)
        shown = pygame.image.tobytes(pilot.snapshot(), "RGB")
        assert shown != before
        pilot.press("escape")  # the pause menu: the story under it is still described
        assert f"scene: {screen.pt.scene.id}" in overlay.lines(pilot.app.stack)
        pilot.press("escape", "f12")
        assert not overlay.visible
        assert pygame.image.tobytes(pilot.snapshot(), "RGB") == before


def test_the_overlay_lists_flags_and_counters_and_works_without_a_story(story):
    with run_test() as pilot:
        pilot.press("f12")
        assert "no story is being played" in pilot.app.overlay.lines(pilot.app.stack)
        screen = play(pilot, story)
        lines = pilot.app.overlay.lines(pilot.app.stack)
        for name, value in screen.pt.state.items():
            shown = ("true" if value else "false") if isinstance(value, bool) else str(value)
            assert any(line.startswith(("flags: ", "counters: ")) and f"{name}={shown}" in line for line in lines)


# -- 3. the settings screen ----------------------------------------------------------------------
def assert_fits(screen, ui, size):
    import pygame

    from game.ui.widgets import Button

    window = pygame.Rect((0, 0), size)
    for w in screen.widgets:
        assert window.contains(w.rect), (w, w.rect)
        assert not w.overflows(ui), w
    buttons = [w for w in screen.widgets if isinstance(w, Button)]
    for a in buttons:
        for b in buttons:
            assert a is b or not a.rect.colliderect(b.rect), (a, b)
    assert {"Get help (H)", "Take a break (B)"} <= {b.label for b in buttons}


def assert_settings_fit(screen, ui, size):
    """The settings list scrolls: what is in its viewport fits; the rest is out of sight, not clipped."""
    import pygame

    window = pygame.Rect((0, 0), size)
    assert window.contains(screen.viewport)
    shown = [w for w in screen.widgets if w not in screen.items or screen.viewport.contains(w.rect)]
    assert screen.focus.focused in shown
    for w in shown:
        assert window.contains(w.rect), (w, w.rect)
        assert not w.overflows(ui), w


def test_settings_change_the_text_size_live_and_keep_it(tmp_path):
    from game.settings import load_settings, settings_path
    from game.ui.screens.settings import SettingsScreen

    size = (1024, 600)
    with run_test(size=size) as pilot:
        title = pilot.screen
        start_h = title.start.rect.height
        assert [b.label for b in title.buttons][:2] == ["Start", "Settings"]
        pilot.press("tab", "enter")
        settings = pilot.screen
        assert isinstance(settings, SettingsScreen)
        assert settings.focus.focused is settings.size_button
        assert "100%" in settings.size_button.label
        pilot.press("right")
        assert "125%" in settings.size_button.label and pilot.app.ui.theme.text_scale == 1.25
        pilot.press("right", "right", "right", "right")  # stops at 200%
        assert "200%" in settings.size_button.label and pilot.app.ui.theme.text_scale == 2.0
        assert_settings_fit(settings, pilot.app.ui, size)
        while settings.focus.focused is not settings.motion_button:
            pilot.press("down")
        pilot.press("right")  # reduced motion on
        assert settings.motion_button.label == "Reduced motion: On"
        saved = load_settings()
        assert saved.text_scale == 2.0 and saved.reduced_motion
        assert settings_path().is_relative_to(tmp_path)
        pilot.press("escape")
        assert pilot.screen is title  # Esc returns, and the title is laid out again at 200%
        assert title.start.rect.height > start_h
        assert_fits(title, pilot.app.ui, size)
        pilot.snapshot()
        assert title.focus.focused is title.settings
        pilot.press("enter", "left", "left")
        assert pilot.app.ui.theme.text_scale == 1.5 and load_settings().text_scale == 1.5


def test_settings_are_reachable_from_the_pause_menu_and_the_story_relayouts(story):
    from game.ui.screens.pause import PauseScreen
    from game.ui.screens.settings import SettingsScreen

    size = (1024, 600)
    with run_test(size=size) as pilot:
        screen = play(pilot, story)
        next_h = screen.next.rect.height
        pilot.press("escape")
        pause = pilot.screen
        assert isinstance(pause, PauseScreen)
        pilot.click(pause.settings)
        assert isinstance(pilot.screen, SettingsScreen)
        pilot.press("right", "right", "right", "right")
        pilot.press("escape")
        assert pilot.screen is pause
        assert_fits(pause, pilot.app.ui, size)
        pilot.press("escape")
        assert pilot.screen is screen and screen.next.rect.height > next_h
        assert not any(w.overflows(pilot.app.ui) for w in screen.widgets)


@pytest.mark.parametrize(("size", "scale"), [((1024, 600), 2.0), ((1920, 1080), 1.0), ((1280, 720), 1.5)])
def test_the_settings_screen_fits(size, scale):
    from game.ui.screens.settings import SettingsScreen

    with run_test(size=size, text_scale=scale) as pilot:
        pilot.app.apply(Push(SettingsScreen()))
        pilot.step()
        assert_settings_fit(pilot.screen, pilot.app.ui, size)
        assert f"{round(scale * 100)}%" in pilot.screen.size_button.label


# -- 4. play as you write, in the window (--watch) -------------------------------------------------
LINE = "Look! Someone called Jay followed my art account."


@pytest.fixture
def draft(tmp_path, example_text):
    path = tmp_path / "drafts" / "example.yaml"
    path.parent.mkdir()
    path.write_text(example_text, encoding="utf-8")
    return path


def shown_texts(screen) -> list[str]:
    return [item.line.text for item in screen.shown()]


def test_saving_the_story_file_reloads_it_at_the_same_place(draft, example_text):
    from game.ui.screens.watching import Watch, WatchingPlayScreen, WatchProblemsScreen

    assert LINE in example_text
    library = Library(SCENES)
    saves = []
    watch = Watch(lambda: library.load(draft), changed=lambda: bool(saves) and saves.pop())
    with run_test(settings=STILL, size=(1280, 720)) as pilot:
        screen = WatchingPlayScreen(watch, watch.next(None))
        pilot.app.apply(Push(screen))
        pilot.press("space", "space")
        assert screen.pt.scene.id == "lunch" and screen.revealed == 3

        draft.write_text(example_text.replace(LINE, "Look! Someone called Jay liked all my drawings."), "utf-8")
        assert screen.reload() is None  # a changed file: the same place, the new words
        assert screen.pt.scene.id == "lunch" and screen.revealed == 3 and screen.card is None
        assert "Look! Someone called Jay liked all my drawings." in shown_texts(screen)

        draft.write_text(example_text.replace("scenes:", "scenes: [", 1), "utf-8")
        action = screen.reload()  # a broken file: its problems instead of the story
        problems = action.screen
        assert isinstance(problems, WatchProblemsScreen)
        pilot.app.apply(action)
        pilot.step()
        assert pilot.screen is problems
        assert all(":" in line for line in problems.lines())
        assert any(d.line is not None for d in problems.broken.diagnostics)  # located: file:line:col
        assert_fits(problems, pilot.app.ui, (1280, 720))
        pilot.snapshot()

        draft.write_text(example_text, "utf-8")
        saves.append(True)  # the watcher's flag: the app's tick reloads and carries on
        pilot.step()
        assert pilot.screen is screen
        assert screen.pt.scene.id == "lunch" and screen.revealed == 3 and LINE in shown_texts(screen)


def test_a_file_broken_from_the_start_shows_its_problems_then_the_story(draft, example_text):
    from game.ui.screens.watching import Watch, WatchingPlayScreen, WatchProblemsScreen

    draft.write_text(example_text.replace("scenes:", "scenes: [", 1), "utf-8")
    library = Library(SCENES)
    watch = Watch(lambda: library.load(draft))
    first = watch.next(None)
    assert not first.ok
    with run_test(settings=STILL, size=(1024, 600), text_scale=2.0) as pilot:
        pilot.app.apply(Push(WatchProblemsScreen(watch, first)))
        pilot.step()
        assert_fits(pilot.screen, pilot.app.ui, (1024, 600))
        assert pilot.screen.reload() is None  # still broken
        draft.write_text(example_text, "utf-8")
        action = pilot.screen.reload()
        assert isinstance(action.screen, WatchingPlayScreen)
        pilot.app.apply(action)
        pilot.step()
        assert pilot.screen.pt.scene.id == "lunch"
