"""The game's calm sounds: a soft effect for each thing the pupil does and a quiet loop for the place.

    sound.install(app)        # in App.start: app.sound is the SoundBoard, listening on app.ui
    app.sound.status()        # for the Settings screen: "Sound is on.", or why the game is silent

The `SoundBoard` listens on ``ui.emit`` (see `Ui.emit`): focus, select, back, message, spotted and
feedback each play their effect from audio/ (see audio/README.md); ``place`` crossfades to the
ambient loop for that background (`PLACES`: home, school or outdoors; an unknown place or "" is
quiet). The fade takes ``ui.theme.motion.ambient`` ms, which is 0 (instant) with reduced motion.
Effects play at master x effects volume, loops at master x music, 0 when muted; the ``settings``
event applies new volumes at once.

Nothing here can stop the game. The mixer starts the first time a sound is wanted (never while
muted, so a muted pupil's computer never opens its audio device); if it cannot start (no audio
device, a driver that refuses, a pygame built without its mixer) the board goes silent for good
and `status` says why. Captions (game/ui/captions.py) do not depend on any of this.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.settings import Settings

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.widgets import Ui

EFFECTS: dict[str, str] = {  # event -> audio/<name>.wav
    "focus": "move",
    "select": "select",
    "back": "back",
    "message": "message",
    "spotted": "spotted",
    "feedback": "feedback",
}
LOOPS = ("home", "school", "outdoors")


@dataclass(frozen=True)
class Place:
    loop: str  # one of LOOPS
    words: str  # what the place is, for a caption: "[quiet sounds of a kitchen]"


# Every picture in art/backgrounds/ and the loop that sounds like it (a test keeps them in step).
# The school loop is a far-off murmur of people, so it also suits a cafe and a youth club.
PLACES: dict[str, Place] = {
    "bedroom": Place("home", "a bedroom"),
    "bus-stop": Place("outdoors", "a bus stop"),
    "cafe": Place("school", "a cafe"),
    "car-park": Place("outdoors", "a car park"),
    "classroom": Place("school", "a classroom"),
    "kitchen": Place("home", "a kitchen"),
    "park": Place("outdoors", "a park"),
    "school-corridor": Place("school", "a school corridor"),
    "street-dusk": Place("outdoors", "a street at dusk"),
    "youth-club": Place("school", "a youth club"),
}

# The mixer's format when the game starts it: the WAVs are 16-bit at 22050 Hz, so no resampling,
# and a small buffer keeps a button's sound close to the key press.
MIXER_FORMAT = {"frequency": 22050, "size": -16, "channels": 2, "buffer": 512}
LOOP_CHANNELS = 2  # reserved for the ambient loop: one fades out while the other fades in
EFFECT_CHANNELS = 6  # effects that may overlap (a quick Tab, Tab, Enter)


def volumes(settings: Settings) -> tuple[float, float]:
    """(effects, music) volume, 0..1: master x effects and master x music; both 0 when muted."""
    if settings.mute:
        return 0.0, 0.0
    return settings.master_volume * settings.effects_volume, settings.master_volume * settings.music_volume


def loop_for(place: str) -> str | None:
    """The ambient loop for a background name, or None (no place, or one with no sound)."""
    found = PLACES.get(place)
    return found.loop if found is not None else None


class SoundBoard:
    """A `Ui` listener that plays the effects and the ambient loop. ``mixer`` is a stand-in for
    ``pygame.mixer`` (tests); ``folder`` holds the WAVs (``game.paths.audio_dir()`` if None)."""

    def __init__(self, ui: Ui, mixer: Any = None, folder: Path | None = None) -> None:
        self.ui = ui
        self.mixer = mixer
        self.folder = folder
        self.state = "waiting"  # waiting (not needed yet) | ready | silent (it could not start)
        self.reason = ""  # why it is silent
        self.sounds: dict[str, Any] = {}
        self.missing: list[str] = []  # sound files that could not be loaded
        self.channels: list[Any] = []
        self.active = 0  # the loop channel in use
        self.place = ""  # the scene's background, even while no loop is playing
        self.loop: str | None = None  # the loop playing now
        self.errors = 0  # failures while playing (each one only loses that sound)
        self.last_error = ""

    # -- the listener ----------------------------------------------------------------------------
    def __call__(self, event: str, text: str = "") -> None:
        try:
            self.hear(event, text)
        except Exception as exc:  # a sound is never worth stopping the game for
            self.errors += 1
            self.last_error = f"{event}: {type(exc).__name__}: {exc}"

    def hear(self, event: str, text: str) -> None:
        if event in EFFECTS:
            self.play_effect(EFFECTS[event])
        elif event == "place":
            self.place = text
            self.sync_ambient()
        elif event == "settings":
            if self.state == "ready":
                self.apply_volumes()
            self.sync_ambient()

    def play_effect(self, name: str) -> None:
        effects, _ = volumes(self.ui.settings)
        if effects <= 0 or not self.start():
            return
        sound = self.sounds.get(name)
        if sound is not None:
            sound.play()

    def sync_ambient(self) -> None:
        """Play the loop the place and the volumes ask for (crossfading), or none."""
        _, music = volumes(self.ui.settings)
        wanted = loop_for(self.place) if music > 0 else None
        if wanted == self.loop or (wanted is not None and not self.start()):
            return
        if self.state != "ready":  # nothing was ever played: nothing to stop
            self.loop = wanted
            return
        fade = max(0, int(self.ui.theme.motion.ambient))
        if self.loop is not None:
            old = self.channels[self.active]
            if fade:
                old.fadeout(fade)
            else:
                old.stop()
        self.loop = wanted
        sound = self.sounds.get(wanted) if wanted is not None else None
        if sound is not None:
            self.active = (self.active + 1) % len(self.channels)
            self.channels[self.active].play(sound, loops=-1, fade_ms=fade)

    # -- the mixer -------------------------------------------------------------------------------
    def start(self) -> bool:
        """Start the mixer and load the sounds, once; False (and silent from now on) if it cannot."""
        if self.state != "waiting":
            return self.state == "ready"
        try:
            mixer = self.mixer
            if mixer is None:
                import pygame

                mixer = self.mixer = pygame.mixer
            if not mixer.get_init():
                mixer.init(**MIXER_FORMAT)
            mixer.set_num_channels(max(mixer.get_num_channels(), LOOP_CHANNELS + EFFECT_CHANNELS))
            mixer.set_reserved(LOOP_CHANNELS)
            self.channels = [mixer.Channel(i) for i in range(LOOP_CHANNELS)]
        except Exception as exc:  # pygame.error (no device), NotImplementedError (no mixer built in) ...
            self.state = "silent"
            self.reason = str(exc).strip() or type(exc).__name__
            return False
        self.load(mixer)
        self.state = "ready"
        self.apply_volumes()
        return True

    def load(self, mixer: Any) -> None:
        if self.folder is None:
            from game.paths import audio_dir

            self.folder = audio_dir()
        from game.story.files import open_asset

        for name in (*EFFECTS.values(), *LOOPS):
            try:  # only a file really in the folder (a link out of it is refused), read once
                self.sounds[name] = mixer.Sound(open_asset(self.folder / f"{name}.wav", within=self.folder))
            except Exception:  # missing or unreadable: only that sound is lost
                self.missing.append(name)

    def apply_volumes(self) -> None:
        effects, music = volumes(self.ui.settings)
        for name, sound in self.sounds.items():
            sound.set_volume(music if name in LOOPS else effects)

    def close(self) -> None:
        """Stop the loop (the window is closing); the board can start again later."""
        try:
            for channel in self.channels:
                channel.stop()
        except Exception as exc:
            self.errors += 1
            self.last_error = f"close: {type(exc).__name__}: {exc}"
        self.loop = None

    def status(self) -> str:
        """One sentence for the Settings screen: is sound on, muted, or why is the game silent.

        Asking starts the mixer (unless muted), so the answer is what the pupil will hear."""
        if self.ui.settings.mute:
            return "Sound is muted. Captions still describe the sounds when they are on."
        self.start()
        if self.state == "silent":
            return (f"No sound on this computer ({self.reason}), so the game plays silently. "
                    "Captions still describe the sounds when they are on.")
        if self.missing:
            return f"Sound is on, but {len(self.missing)} sound files could not be loaded: {', '.join(self.missing)}."
        return "Sound is on."


def install(app: App) -> None:
    """Listen on ``app.ui``; the board is ``app.sound`` and ``app.ui.services["sound"]`` (the
    settings screen shows its status, the app closes it)."""
    board = SoundBoard(app.ui)
    app.ui.listeners.append(board)
    app.ui.services["sound"] = board
    app.sound = board
