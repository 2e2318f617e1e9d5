"""The one channel sound, speech and captions listen on (`Ui.emit`), and `Ui.apply` of settings."""

from __future__ import annotations

import os
from dataclasses import replace

from game.settings import Settings
from game.ui.pilot import run_test
from game.ui.screens.title import TitleScreen

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")


def test_focus_select_screen_and_back_are_told_to_listeners_with_what_a_screen_reader_would_say():
    heard: list[tuple[str, str]] = []
    with run_test(size=(1024, 600)) as pilot:
        pilot.app.ui.listeners.append(lambda event, text: heard.append((event, text)))
        pilot.press("tab")
        assert heard[-1] == ("focus", "Settings")
        pilot.press("enter")
        assert ("select", "Settings") in heard
        assert heard[-1][0] == "screen" and heard[-1][1].startswith("Settings")
        pilot.press("escape")
        assert ("back", "") in heard
        assert isinstance(pilot.screen, TitleScreen)


def test_a_listener_that_raises_never_stops_the_game():
    def broken(event: str, text: str) -> None:
        raise RuntimeError("speech engine fell over")

    with run_test(size=(1024, 600)) as pilot:
        pilot.app.ui.listeners.append(broken)
        pilot.press("tab", "tab")
        assert pilot.app.crashes == 0
        assert pilot.app.ui.failed_listeners >= 2


def test_applying_settings_changes_the_theme_and_lays_every_screen_out_again():
    with run_test(size=(1024, 600)) as pilot:
        ui = pilot.app.ui
        before = ui.layout_key()
        ui.apply(replace(ui.settings, text_scale=2.0, reduced_motion=True))
        assert ui.theme.text_scale == 2.0
        assert ui.theme.motion.fade == 0 and ui.theme.motion.focus == 0
        assert ui.layout_key() != before
        assert ui.settings == replace(Settings(), text_scale=2.0, reduced_motion=True)


def test_screen_text_lists_what_the_screen_says_top_to_bottom():
    with run_test(size=(1024, 600)) as pilot:
        text = pilot.screen.screen_text()
        assert text.index("Spot the Signs") < text.index("Start") < text.index("Quit")


def test_on_every_screen_the_focus_glow_breathes_briefly_then_the_window_sleeps():
    with run_test(size=(1024, 600)) as pilot:
        title = pilot.screen
        pilot.step()
        assert title.wake_after_ms() is None  # a screen appearing does not pulse
        pilot.press("tab")
        assert title.wake_after_ms() is not None
        glows = set()
        for _ in range(20):
            pilot.advance(100)
            glows.add(round(title.settings.glow, 2))
        assert len(glows) > 3  # it breathed
        pilot.advance(pilot.app.ui.theme.motion.pulse_for)
        assert title.wake_after_ms() is None and title.settings.glow == 0


def test_with_reduced_motion_the_focus_never_glows():
    with run_test(size=(1024, 600), settings=Settings(reduced_motion=True)) as pilot:
        title = pilot.screen
        pilot.press("tab")
        assert title.wake_after_ms() is None
        pilot.advance(500)
        assert title.settings.glow == 0


def test_a_places_sound_plays_through_the_story_and_its_overlays_and_stops_outside_it():
    from game.paths import scenes_dir
    from game.story.library import Library
    from game.ui.screen import Push
    from game.ui.screens.debrief import DebriefScreen
    from game.ui.screens.play import PlayScreen

    story = Library(scenes_dir()).load(scenes_dir() / "example.yaml").story
    places: list[str] = []
    with run_test(size=(1280, 720), settings=Settings(reduced_motion=True)) as pilot:
        pilot.app.ui.listeners.append(lambda event, text: places.append(text) if event == "place" else None)
        play = PlayScreen(story)
        pilot.app.apply(Push(play))
        pilot.step()
        assert play.pt.scene.kind == "place" and places[-1] == play.pt.scene.background
        count = len(places)
        pilot.press("escape")  # the pause menu keeps the place's sound
        pilot.press("h")  # and so does help over it
        assert len(places) == count
        pilot.press("escape", "escape")
        assert pilot.screen is play and places[-1] == play.pt.scene.background
        pilot.app.apply(Push(DebriefScreen(story, play.pt.debrief())))
        assert places[-1] == ""  # out of the story: quiet


def test_the_spoken_intro_never_doubles_a_full_stop():
    from game.ui.screen import Push
    from game.ui.screens.rest import RestScreen

    with run_test(size=(1024, 600)) as pilot:
        pilot.app.apply(Push(RestScreen()))
        intro = pilot.screen.spoken_intro()
        assert ".." not in intro and intro.strip()
        assert pilot.screen.spoken_intro() == intro
