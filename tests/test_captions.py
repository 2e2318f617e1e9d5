"""Captions (game/ui/captions.py): the meaningful sounds in words, only when the pupil wants them,
for a while, in a pill that stays inside the window and off every button, sound or no sound."""

from __future__ import annotations

import os
from dataclasses import replace

import pygame
import pytest

from game.settings import Settings
from game.ui import captions, sound
from game.ui import pilot as pilot_module
from game.ui.app import App
from game.ui.captions import BIG_CONTROL, SHOW_MS, Captions, place_pill
from game.ui.pilot import run_test
from game.ui.sound import PLACES, SoundBoard
from game.ui.text import TextCache
from game.ui.theme import theme_for
from game.ui.widgets import Ui
from tests.test_sound import FakeMixer
from tests.test_ui_snapshots import SHOTS, example_story

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")


class Clock:
    def __init__(self) -> None:
        self.now = 1000

    def __call__(self) -> int:
        return self.now


def listening(**changes) -> tuple[Ui, Captions, Clock]:
    settings = replace(Settings(), **changes)
    ui = Ui(theme_for(settings), TextCache(), settings)
    clock = Clock()
    found = Captions(ui, clock)
    ui.listeners.append(found)
    return ui, found, clock


def shown(found: Captions, clock: Clock) -> str | None:
    caption = found.visible(clock())
    return caption.text if caption is not None else None


# -- what is captioned, and when -----------------------------------------------------------------
@pytest.mark.parametrize(("event", "text", "caption"), [
    ("message", "Jay: hey", "[phone chimes: a new message]"),
    ("spotted", "Well spotted", "[a soft chime: well spotted]"),
    ("feedback", "Jay moved the chat somewhere private.", "[a soft tone: feedback]"),
    ("place", "kitchen", "[quiet sounds of a kitchen]"),
    ("place", "bus-stop", "[quiet sounds of a bus stop]"),
])
def test_meaningful_sounds_are_captioned_when_captions_are_on(event, text, caption):
    ui, found, clock = listening(captions=True)
    ui.emit(event, text)
    assert shown(found, clock) == caption


@pytest.mark.parametrize(("event", "text"), [("message", "Jay: hey"), ("spotted", ""), ("feedback", "x"),
                                              ("place", "kitchen")])
def test_nothing_is_captioned_when_captions_are_off(event, text):
    ui, found, clock = listening(captions=False)
    ui.emit(event, text)
    assert shown(found, clock) is None and found.wake_after_ms() is None


@pytest.mark.parametrize(("event", "text"), [("focus", "Start"), ("select", "Start"), ("back", ""),
                                              ("screen", "Title"), ("line", "Mia: hi"), ("settings", "")])
def test_button_sounds_and_plain_events_are_not_captioned(event, text):
    ui, found, clock = listening(captions=True)
    ui.emit(event, text)
    assert shown(found, clock) is None


def test_every_place_has_words_for_its_caption():
    for name, place in PLACES.items():
        assert place.words.startswith(("a ", "an ")) and "-" not in place.words, name


def test_a_place_is_captioned_only_when_its_sound_changes():
    ui, found, clock = listening()
    ui.emit("place", "kitchen")
    found.current = None
    ui.emit("place", "bedroom")  # the same home sound goes on: nothing new to hear
    assert shown(found, clock) is None
    ui.emit("place", "park")
    assert shown(found, clock) == "[quiet sounds of a park]"
    found.current = None
    for quiet in ("", "the-moon"):
        ui.emit("place", quiet)
        assert shown(found, clock) is None
    ui.emit("place", "park")  # back after a quiet scene: the sound starts again
    assert shown(found, clock) == "[quiet sounds of a park]"


def test_a_caption_runs_out_and_asks_for_the_frame_that_hides_it():
    ui, found, clock = listening()
    ui.emit("spotted", "")
    assert found.wake_after_ms() == SHOW_MS
    clock.now += SHOW_MS - 1
    assert shown(found, clock) is not None and found.wake_after_ms() == 1
    clock.now += 1
    assert shown(found, clock) is None and found.wake_after_ms() is None


def test_the_newest_caption_replaces_the_one_showing():
    ui, found, clock = listening()
    ui.emit("message", "Jay: hey")
    clock.now += 2000
    ui.emit("feedback", "")
    assert shown(found, clock) == "[a soft tone: feedback]" and found.wake_after_ms() == SHOW_MS


def test_turning_captions_off_hides_the_one_showing_at_once():
    ui, found, clock = listening()
    ui.emit("message", "Jay: hey")
    ui.apply(replace(ui.settings, captions=False))
    assert shown(found, clock) is None
    ui.emit("message", "Jay: you there?")
    assert shown(found, clock) is None
    ui.apply(replace(ui.settings, captions=True))
    ui.emit("message", "Jay: hello?")
    assert shown(found, clock) == "[phone chimes: a new message]"


@pytest.mark.parametrize("mute", [True, False])
def test_captions_work_with_no_audio_device_and_while_muted(mute):
    ui, found, clock = listening(mute=mute)
    mixer = FakeMixer(fail=pygame.error("No available audio device"))
    board = SoundBoard(ui, mixer=mixer)
    ui.listeners.insert(0, board)
    ui.emit("place", "classroom")
    assert shown(found, clock) == "[quiet sounds of a classroom]"
    ui.emit("spotted", "Well spotted")
    assert shown(found, clock) == "[a soft chime: well spotted]"
    assert mixer.log == [] and ui.failed_listeners == 0


# -- where the pill goes ---------------------------------------------------------------------------
def test_the_pill_sits_at_the_bottom_left_when_nothing_is_there():
    rect = place_pill((1024, 600), (300, 40), 24, 8, [], [])
    assert rect == pygame.Rect(24, 600 - 8 - 40, 300, 40)


def test_the_pill_rises_above_a_button_and_prefers_to_cover_no_text():
    button = pygame.Rect(0, 500, 1024, 100)
    text = pygame.Rect(0, 300, 1024, 180)  # too little room under it
    assert place_pill((1024, 600), (300, 40), 24, 8, [button], [text]).bottom == 300
    crowded = pygame.Rect(0, 20, 1024, 480)  # text all the way up: cover text, never the button
    assert place_pill((1024, 600), (300, 40), 24, 8, [button], [crowded]).bottom == 500


def test_with_buttons_all_the_way_up_the_pill_stays_at_the_bottom_left():
    wall = pygame.Rect(0, 0, 1024, 600)
    assert place_pill((1024, 600), (300, 40), 24, 8, [wall], []).topleft == (24, 552)


@pytest.mark.parametrize("scale", [1.0, 2.0])
@pytest.mark.parametrize("name", sorted(SHOTS))
def test_on_every_main_screen_the_pill_is_inside_the_window_and_off_every_button(name, scale):
    story = example_story()
    with run_test(size=(1024, 600), text_scale=scale) as pilot:
        SHOTS[name](pilot, story)
        app, screen = pilot.app, pilot.screen
        before = pilot.snapshot()
        found = Captions(app.ui, lambda: pilot.now)
        found("place", "school-corridor")  # the longest place caption
        surface = before.copy()
        rect = found.draw(surface, app.ui, pilot.now, screen)
        assert rect is not None
        assert surface.get_rect().contains(rect), rect
        ring = 2 * (app.ui.theme.focus_gap + app.ui.theme.focus_width)
        for w in screen.widgets:
            if w.focusable and w.rect.clip(surface.get_rect()).height <= BIG_CONTROL * 600 \
                    and not getattr(w, "card", False):  # a story card: a corner covered still shows it
                assert not rect.colliderect(w.rect.inflate(ring, ring)), f"covers {w!r} on {name}"
        small = app.ui.theme.font_size("small")
        assert rect.height >= app.ui.text.line_height(small)  # drawn at the pupil's text size
        assert pygame.image.tobytes(surface.subsurface(rect), "RGB") != pygame.image.tobytes(
            before.subsurface(rect), "RGB")  # it drew the pill
        for image in (surface, before):
            image.fill((0, 0, 0), rect)
        assert pygame.image.tobytes(surface, "RGB") == pygame.image.tobytes(before, "RGB")  # and nothing else


# -- in the app, with the hook lines the coordinator adds to game/ui/app.py ----------------------------
class HookedApp(App):
    """game/ui/app.py with the hooks for sound and captions (the report lists the same lines)."""

    def start(self) -> None:
        sound.install(self)
        captions.install(self)
        super().start()

    def needs_redraw(self) -> bool:
        return super().needs_redraw() or self.captions.needs_redraw()

    def render(self) -> bool:
        drew = super().render()
        if drew:  # in app.py the caption is drawn before the flip; here after, and flipped again
            self.captions.draw(self.surface, self.ui, self.clock(), self.top)
            pygame.display.flip()
        return drew


APP_HAS_HOOKS = hasattr(App(), "captions")  # once the coordinator has added them to app.py


def test_the_window_is_drawn_again_when_a_caption_appears_and_when_it_runs_out(monkeypatch):
    if not APP_HAS_HOOKS:
        monkeypatch.setattr(pilot_module, "App", HookedApp)
    monkeypatch.setattr(pygame.mixer, "get_init", lambda: None)
    monkeypatch.setattr(pygame.mixer, "init", lambda *a, **k: (_ for _ in ()).throw(pygame.error("no device")))
    with run_test(size=(1024, 600), text_scale=2.0) as pilot:
        app = pilot.app
        pilot.step()
        frames = app.frames
        pilot.step()
        assert app.frames == frames  # idle: nothing drawn
        app.ui.emit("message", "Jay: hey")
        pilot.step()
        assert app.frames == frames + 1 and app.captions.drawn is not None
        shot = pilot.snapshot()
        pilot.advance(SHOW_MS - 1)
        assert app.captions.drawn is not None
        pilot.advance(1)
        assert app.captions.drawn is None and app.captions.wake_after_ms() is None
        assert pygame.image.tobytes(pilot.snapshot(), "RGB") != pygame.image.tobytes(shot, "RGB")
        assert app.sound.state == "silent" and app.crashes == 0 and app.ui.failed_listeners == 0
