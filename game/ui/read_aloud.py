"""Read aloud: the computer's voice says what the pupil sees, when they have asked for it.

    read_aloud.install(app)     # App.start calls this: it is app.ui.services["speech"]
    app.ui.services["speech"].status()   # for Settings: "" or why the voice cannot work here
    app.ui.services["speech"].close()    # App.close: ends the voice's threads (a second at most)

A listener on the UI's one event channel (`Ui.emit`). With ``ui.settings.read_aloud`` on, it
says the control that gets the focus (``focus``), a new screen's introduction (``screen``), each
new story line and chat message (``line``, ``message``) and the feedback on a spotted sign
(``feedback``). With it off nothing is said, and no speech engine or thread is ever started.
A ``settings`` event sets the pace (``speech_rate``), starts the voice when read aloud is
switched on (and says so) and silences it when it is switched off.

What interrupts what: the pupil moving on (a new focus, screen, line or feedback) stops what is
being said, because only the latest matters. A chat message waits for the one before it, so a
burst of messages is read in full, and so does the first line after a screen's introduction.

The voice itself is `game.speech.Speaker`: it runs on its own thread and never makes the game
wait, even when the speech engine hangs or is missing (then ``status()`` says what to install).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from game.speech import Speaker
from game.ui.widgets import Ui

if TYPE_CHECKING:
    from game.ui.app import App

SERVICE = "speech"  # its name in ui.services
SWITCHED_ON = "Read aloud is on."

# event -> does it stop what is being said?
SPOKEN_EVENTS = {"focus": True, "screen": True, "line": True, "message": False, "feedback": True}


class SpeakerLike(Protocol):
    """What read aloud needs of a speaker (`game.speech.Speaker`, or a test's fake)."""

    @property
    def available(self) -> bool: ...

    def say(self, text: str, interrupt: bool = True) -> None: ...

    def stop(self) -> None: ...

    def set_rate(self, multiplier: float) -> None: ...

    def status(self) -> str: ...

    def close(self) -> object: ...


SPEAKER_FACTORY: Callable[[], SpeakerLike] = Speaker
"""Makes the speaker when read aloud is first switched on; tests may replace it."""


class ReadAloud:
    """The listener `install` puts on ``app.ui.listeners``; called as ``read_aloud(event, text)``."""

    def __init__(self, ui: Ui, make_speaker: Callable[[], SpeakerLike] | None = None) -> None:
        self.ui = ui
        self.make_speaker = make_speaker
        self.speaker: SpeakerLike | None = None  # made the first time read aloud is on
        self.on = False
        self.last_event = ""
        self.settings_changed(announce=False)

    def __call__(self, event: str, text: str) -> None:
        if event == "settings":
            self.settings_changed()
            return
        if event not in SPOKEN_EVENTS or not self.on or not text.strip():
            return
        interrupt = SPOKEN_EVENTS[event]
        if event in ("line", "message") and self.last_event == "screen":
            interrupt = False  # let the screen's introduction finish first
        self.last_event = event
        self._speaker().say(text, interrupt=interrupt)

    def settings_changed(self, announce: bool = True) -> None:
        """Pick up ``ui.settings``: the pace, and read aloud switched on or off."""
        settings = self.ui.settings
        was_on, self.on = self.on, settings.read_aloud
        if self.on:
            speaker = self._speaker()
            speaker.set_rate(settings.speech_rate)
            if announce and not was_on:
                speaker.say(SWITCHED_ON)
        elif was_on and self.speaker is not None:
            self.speaker.stop()

    def status(self) -> str:
        """For the Settings screen (``ui.services``): why the voice cannot work here, e.g. "Read
        aloud needs a speech engine. On Linux install espeak-ng ...", or "" when it can (or has not
        been switched on yet: nothing is started until then)."""
        if self.speaker is None or self.speaker.available:
            return ""
        return self.speaker.status()

    def close(self) -> None:
        """Stop the voice and end its threads (waits at most a second; never for ever)."""
        if self.speaker is not None:
            self.speaker.close()

    def _speaker(self) -> SpeakerLike:
        if self.speaker is None:
            self.speaker = (self.make_speaker or SPEAKER_FACTORY)()
        return self.speaker


def install(app: App, make_speaker: Callable[[], SpeakerLike] | None = None) -> None:
    """Put read aloud on ``app``'s event channel and in ``app.ui.services["speech"]``, replacing
    (and closing) one installed before. ``make_speaker``: tests pass a fake; `SPEAKER_FACTORY`
    otherwise."""
    for old in read_aloud_listeners(app):
        old.close()
        app.ui.listeners.remove(old)
    read_aloud = ReadAloud(app.ui, make_speaker)
    app.ui.listeners.append(read_aloud)
    app.ui.services[SERVICE] = read_aloud


def read_aloud_listeners(app: App) -> list[ReadAloud]:
    return [listener for listener in app.ui.listeners if isinstance(listener, ReadAloud)]


def read_aloud_of(app: App) -> ReadAloud | None:
    """The app's read aloud (None if not installed)."""
    service = app.ui.services.get(SERVICE)
    return service if isinstance(service, ReadAloud) else None
