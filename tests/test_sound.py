"""The calm sounds (game/ui/sound.py): which sound each event plays and how loud, the ambient loop
for each place, and a game that stays silent and whole when there is no audio device."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pygame
import pytest

from game import paths
from game.settings import Settings
from game.story.check.backgrounds import available_backgrounds, backgrounds_dir
from game.ui import sound
from game.ui.pilot import run_test
from game.ui.sound import EFFECTS, LOOPS, PLACES, SoundBoard, volumes
from game.ui.text import TextCache
from game.ui.theme import theme_for
from game.ui.widgets import Ui

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

EVERY_EVENT = [("focus", "Start"), ("select", "Start"), ("back", ""), ("screen", "Title"), ("line", "Mia: Hi"),
               ("message", "Jay: hey"), ("spotted", "Well spotted"), ("feedback", "Good thinking"),
               ("place", "kitchen"), ("place", "park"), ("place", "nowhere"), ("place", ""), ("settings", "")]


class FakeSound:
    def __init__(self, file, log: list) -> None:  # a path, or a file object named by its path
        path = getattr(file, "name", file)
        if not Path(path).is_file():
            raise FileNotFoundError(path)
        self.name, self.volume, self.log = Path(path).stem, 1.0, log

    def set_volume(self, volume: float) -> None:
        self.volume = volume

    def play(self) -> None:
        self.log.append(("play", self.name, self.volume))


class FakeChannel:
    def __init__(self, index: int, log: list) -> None:
        self.index, self.log, self.sound = index, log, None

    def play(self, sound: FakeSound, loops: int = 0, fade_ms: int = 0) -> None:
        self.sound = sound
        self.log.append(("loop", self.index, sound.name, loops, fade_ms))

    def fadeout(self, ms: int) -> None:
        self.sound = None
        self.log.append(("fadeout", self.index, ms))

    def stop(self) -> None:
        self.sound = None
        self.log.append(("stop", self.index))


class FakeMixer:
    """Stands in for pygame.mixer: records what would be heard."""

    def __init__(self, fail: Exception | None = None) -> None:
        self.fail, self.started, self.init_calls = fail, False, 0
        self.log: list[tuple] = []
        self.num_channels, self.reserved = 8, 0
        self.channels: dict[int, FakeChannel] = {}

    def get_init(self):
        return (22050, -16, 2) if self.started else None

    def init(self, **kwargs) -> None:
        self.init_calls += 1
        if self.fail is not None:
            raise self.fail
        self.started = True

    def get_num_channels(self) -> int:
        return self.num_channels

    def set_num_channels(self, n: int) -> None:
        self.num_channels = n

    def set_reserved(self, n: int) -> None:
        self.reserved = n

    def Channel(self, index: int) -> FakeChannel:  # pygame.mixer's name
        return self.channels.setdefault(index, FakeChannel(index, self.log))

    def Sound(self, file) -> FakeSound:  # pygame.mixer's name
        return FakeSound(file, self.log)

    def playing(self) -> dict[int, str]:
        """The loops sounding now, by channel."""
        return {i: c.sound.name for i, c in self.channels.items() if c.sound is not None}


def make_ui(**changes) -> Ui:
    settings = replace(Settings(), **changes)
    return Ui(theme_for(settings), TextCache(), settings)


def board_with(mixer: FakeMixer, folder: Path | None = None, **changes) -> tuple[Ui, SoundBoard]:
    ui = make_ui(**changes)
    board = SoundBoard(ui, mixer=mixer, folder=folder if folder is not None else paths.audio_dir())
    ui.listeners.append(board)
    return ui, board


def plays(mixer: FakeMixer) -> list[tuple]:
    return [entry for entry in mixer.log if entry[0] == "play"]


# -- effects and their volume ----------------------------------------------------------------------
@pytest.mark.parametrize(("event", "name"), sorted(EFFECTS.items()))
def test_each_event_plays_its_own_sound_at_master_times_effects_volume(event, name):
    mixer = FakeMixer()
    ui, _ = board_with(mixer, master_volume=0.5, effects_volume=0.6, music_volume=0.9)
    ui.emit(event, "some words")
    assert plays(mixer) == [("play", name, pytest.approx(0.5 * 0.6))]


def test_the_six_effects_are_the_agreed_ones():
    assert EFFECTS == {"focus": "move", "select": "select", "back": "back", "message": "message",
                       "spotted": "spotted", "feedback": "feedback"}


@pytest.mark.parametrize("event", ["screen", "line", "settings"])
def test_events_without_a_sound_play_nothing_and_leave_the_mixer_alone(event):
    mixer = FakeMixer()
    ui, _ = board_with(mixer)
    ui.emit(event, "Hello")
    assert mixer.log == [] and mixer.init_calls == 0


def test_muted_nothing_plays_and_the_audio_device_is_never_opened():
    mixer = FakeMixer()
    ui, board = board_with(mixer, mute=True)
    for event, text in EVERY_EVENT:
        ui.emit(event, text)
    assert mixer.log == [] and mixer.init_calls == 0
    assert board.status().startswith("Sound is muted")


def test_effects_at_zero_volume_play_nothing():
    mixer = FakeMixer()
    ui, _ = board_with(mixer, effects_volume=0.0)
    ui.emit("select", "Start")
    assert plays(mixer) == []


def test_a_change_of_volume_is_applied_at_once_to_effects_and_to_the_loop_playing():
    mixer = FakeMixer()
    ui, board = board_with(mixer, master_volume=1.0, effects_volume=0.8, music_volume=0.6)
    ui.emit("place", "kitchen")
    assert board.sounds["home"].volume == pytest.approx(0.6)
    ui.apply(replace(ui.settings, master_volume=0.5, effects_volume=0.4, music_volume=0.2))
    assert board.sounds["home"].volume == pytest.approx(0.5 * 0.2)  # the loop playing got quieter
    ui.emit("focus", "Next")
    assert plays(mixer)[-1] == ("play", "move", pytest.approx(0.5 * 0.4))


def test_muting_fades_the_loop_out_and_unmuting_brings_it_back_and_the_effects():
    mixer = FakeMixer()
    ui, board = board_with(mixer)
    ui.emit("place", "park")
    assert list(mixer.playing().values()) == ["outdoors"]
    ui.apply(replace(ui.settings, mute=True))
    assert mixer.playing() == {} and board.loop is None
    assert all(s.volume == 0 for s in board.sounds.values())
    ui.emit("select", "Next")
    assert plays(mixer) == []
    ui.apply(replace(ui.settings, mute=False))
    assert list(mixer.playing().values()) == ["outdoors"]
    ui.emit("select", "Next")
    assert plays(mixer) == [("play", "select", pytest.approx(0.8 * 0.8))]


def test_a_place_chosen_while_muted_is_heard_once_sound_is_turned_on():
    mixer = FakeMixer()
    ui, _ = board_with(mixer, mute=True)
    ui.emit("place", "classroom")
    assert mixer.init_calls == 0
    ui.apply(replace(ui.settings, mute=False))
    assert list(mixer.playing().values()) == ["school"]


def test_volumes_are_master_times_each_and_nothing_when_muted():
    assert volumes(Settings(master_volume=0.5, effects_volume=0.5, music_volume=1.0)) == (0.25, 0.5)
    assert volumes(Settings(mute=True)) == (0.0, 0.0)


# -- the ambient loop ------------------------------------------------------------------------------
def test_a_place_starts_its_loop_fading_in_and_a_new_place_crossfades():
    mixer = FakeMixer()
    ui, _ = board_with(mixer)
    fade = ui.theme.motion.ambient
    assert fade > 0
    ui.emit("place", "kitchen")
    assert mixer.log == [("loop", 1, "home", -1, fade)]
    ui.emit("place", "bus-stop")
    assert mixer.log[1:] == [("fadeout", 1, fade), ("loop", 0, "outdoors", -1, fade)]
    assert mixer.playing() == {0: "outdoors"}


def test_another_place_with_the_same_loop_does_not_restart_it():
    mixer = FakeMixer()
    ui, _ = board_with(mixer)
    ui.emit("place", "kitchen")
    ui.emit("place", "bedroom")
    ui.emit("place", "bedroom")
    assert [e for e in mixer.log if e[0] == "loop"] == [("loop", 1, "home", -1, ui.theme.motion.ambient)]


@pytest.mark.parametrize("place", ["", "the-moon"])
def test_no_place_or_one_without_a_sound_fades_the_loop_out(place):
    mixer = FakeMixer()
    ui, board = board_with(mixer)
    ui.emit("place", "school-corridor")
    ui.emit("place", place)
    assert mixer.playing() == {} and board.loop is None
    assert mixer.log[-1] == ("fadeout", 1, ui.theme.motion.ambient)


def test_with_reduced_motion_the_loops_change_at_once():
    mixer = FakeMixer()
    ui, _ = board_with(mixer, reduced_motion=True)
    ui.emit("place", "kitchen")
    ui.emit("place", "park")
    assert mixer.log == [("loop", 1, "home", -1, 0), ("stop", 1), ("loop", 0, "outdoors", -1, 0)]


def test_music_at_zero_plays_no_loop_but_effects_still_play():
    mixer = FakeMixer()
    ui, _ = board_with(mixer, music_volume=0.0)
    ui.emit("place", "kitchen")
    ui.emit("spotted", "Well spotted")
    assert mixer.playing() == {}
    assert plays(mixer) == [("play", "spotted", pytest.approx(0.8 * 0.8))]


def test_loops_have_channels_of_their_own():
    mixer = FakeMixer()
    ui, _ = board_with(mixer)
    ui.emit("focus", "Start")
    assert mixer.reserved == sound.LOOP_CHANNELS == 2
    assert mixer.num_channels >= sound.LOOP_CHANNELS + sound.EFFECT_CHANNELS


def test_close_stops_the_loop():
    mixer = FakeMixer()
    ui, board = board_with(mixer)
    ui.emit("place", "kitchen")
    board.close()
    assert mixer.playing() == {} and board.loop is None


def test_every_background_picture_has_a_place_sound_and_every_sound_file_exists():
    assert sorted(PLACES) == available_backgrounds(backgrounds_dir())
    assert {p.loop for p in PLACES.values()} == set(LOOPS)
    for name in (*EFFECTS.values(), *LOOPS):
        assert (paths.audio_dir() / f"{name}.wav").is_file(), name


# -- no audio device -------------------------------------------------------------------------------
def test_when_the_mixer_cannot_start_every_event_is_silent_and_the_reason_is_kept():
    mixer = FakeMixer(fail=pygame.error("No available audio device"))
    ui, board = board_with(mixer)
    for event, text in EVERY_EVENT * 2:
        ui.emit(event, text)
    assert mixer.log == []
    assert mixer.init_calls == 1  # remembered: it does not try again on every key press
    assert ui.failed_listeners == 0 and board.errors == 0
    assert board.state == "silent"
    assert "No available audio device" in board.status()
    assert "silently" in board.status()


def test_a_pygame_without_its_mixer_is_silent_too():
    mixer = FakeMixer(fail=NotImplementedError("mixer module not available"))
    ui, board = board_with(mixer)
    ui.emit("select", "Start")
    assert board.state == "silent" and "mixer module not available" in board.status()


def test_missing_sound_files_lose_only_those_sounds(tmp_path):
    for name in ("select", "home"):
        (tmp_path / f"{name}.wav").write_bytes((paths.audio_dir() / f"{name}.wav").read_bytes())
    mixer = FakeMixer()
    ui, board = board_with(mixer, folder=tmp_path)
    for event, text in EVERY_EVENT:
        ui.emit(event, text)
    assert plays(mixer) == [("play", "select", pytest.approx(0.64))]
    assert ("loop", 1, "home", -1, ui.theme.motion.ambient) in mixer.log
    assert ui.failed_listeners == 0
    assert "could not be loaded" in board.status() and "move" in board.status()


def test_a_sound_that_fails_while_playing_is_counted_never_raised():
    mixer = FakeMixer()
    ui, board = board_with(mixer)
    ui.emit("focus", "Start")

    def broken() -> None:
        raise pygame.error("device lost")

    board.sounds["select"].play = broken
    ui.emit("select", "Start")
    ui.emit("back", "")
    assert ui.failed_listeners == 0 and board.errors == 1
    assert "device lost" in board.last_error
    assert plays(mixer)[-1][1] == "back"


def test_the_whole_game_runs_silently_when_the_audio_device_refuses(monkeypatch):
    def no_device(*args, **kwargs):
        raise pygame.error("No available audio device")

    monkeypatch.setattr(pygame.mixer, "get_init", lambda: None)
    monkeypatch.setattr(pygame.mixer, "init", no_device)
    with run_test(size=(1024, 600)) as pilot:
        sound.install(pilot.app)
        board = pilot.app.sound
        assert board in pilot.app.ui.listeners
        pilot.press("tab", "tab", "enter", "escape")  # focus, select, a screen, back
        for event, text in EVERY_EVENT:
            pilot.app.ui.emit(event, text)
        pilot.step()
        assert pilot.app.crashes == 0 and pilot.app.ui.failed_listeners == 0
        assert board.state == "silent" and board.errors == 0
        assert "No available audio device" in board.status()


# -- the real mixer on SDL's dummy audio driver ----------------------------------------------------
@pytest.fixture
def real_mixer():
    was_started = pygame.mixer.get_init() is not None
    yield pygame.mixer
    if not was_started:
        pygame.mixer.quit()


def test_the_real_mixer_loads_every_sound_and_plays_them(real_mixer):
    ui = make_ui()
    board = SoundBoard(ui)
    ui.listeners.append(board)
    for event, text in EVERY_EVENT:
        ui.emit(event, text)
    if board.state == "silent":  # a machine whose SDL has no dummy audio driver
        assert board.reason and "silently" in board.status()
        return
    assert board.state == "ready" and board.missing == [] and board.errors == 0
    assert sorted(board.sounds) == sorted({*EFFECTS.values(), *LOOPS})
    assert board.status() == "Sound is on."
    ui.emit("place", "kitchen")
    assert board.channels[board.active].get_busy()
    board.close()


def test_settings_show_why_there_is_no_sound(monkeypatch):
    """The board is the app's "sound" service, so Settings can say why the game is silent."""
    from game.ui.pilot import run_test
    from game.ui.screen import Push
    from game.ui.screens.settings import SettingsScreen

    with run_test(size=(1280, 720)) as pilot:
        board = pilot.app.ui.services["sound"]
        assert board is pilot.app.sound
        monkeypatch.setattr(board, "status", lambda: "No sound on this computer, so the game plays silently.")
        pilot.app.apply(Push(SettingsScreen()))
        assert pilot.screen.notes["Sound"].text == "No sound on this computer, so the game plays silently."
