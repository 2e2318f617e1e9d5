"""Read aloud (game/ui/read_aloud.py) on the real app, driven by the pilot, with a fake speaker:
what is said when it is on, and that nothing is said (nor any engine started) when it is off."""

from __future__ import annotations

import os
import threading
from dataclasses import replace

import pytest

from game.settings import Settings
from game.speech import Speaker
from game.ui import read_aloud
from game.ui.pilot import run_test
from game.ui.read_aloud import SWITCHED_ON, ReadAloud, install, read_aloud_of
from game.ui.screen import Push
from game.ui.screens.settings import SettingsScreen
from game.ui.widgets import spoken_label

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

ON = Settings(read_aloud=True)


class FakeSpeaker:
    def __init__(self) -> None:
        self.said: list[tuple[str, bool]] = []
        self.rates: list[float] = []
        self.stops = 0
        self.closed = False
        self.available = True

    def say(self, text: str, interrupt: bool = True) -> None:
        self.said.append((text, interrupt))

    def stop(self) -> None:
        self.stops += 1

    def set_rate(self, multiplier: float) -> None:
        self.rates.append(multiplier)

    def status(self) -> str:
        return "Read aloud is ready." if self.available else "Read aloud needs a speech engine."

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def fakes(monkeypatch) -> list[FakeSpeaker]:
    """Every speaker made, by install(app) with no factory too."""
    made: list[FakeSpeaker] = []

    def make() -> FakeSpeaker:
        made.append(FakeSpeaker())
        return made[-1]

    monkeypatch.setattr(read_aloud, "SPEAKER_FACTORY", make)
    return made


def installed(pilot) -> FakeSpeaker | None:
    """Install read aloud on the pilot's app (again, if App.start did already) and return its
    speaker: None while read aloud has never been on."""
    install(pilot.app)
    return read_aloud_of(pilot.app).speaker


def test_tab_reads_the_focused_control_aloud(fakes):
    with run_test(size=(1024, 600), settings=ON) as pilot:
        speaker = installed(pilot)
        pilot.press("tab")
        focused = spoken_label(pilot.screen.focus.focused)
        assert focused and speaker.said[-1] == (focused, True)
        pilot.press("tab")
        assert speaker.said[-1] == (spoken_label(pilot.screen.focus.focused), True)


def test_nothing_is_said_and_no_voice_is_started_when_read_aloud_is_off(fakes):
    with run_test(size=(1024, 600), settings=Settings(read_aloud=False)) as pilot:
        assert installed(pilot) is None
        pilot.press("tab", "tab", "enter")
        pilot.app.ui.emit("line", "Mia: Hello")
        assert fakes == []
        assert read_aloud_of(pilot.app).status() == ""


def test_a_new_screen_is_introduced(fakes):
    with run_test(size=(1024, 600), settings=ON) as pilot:
        speaker = installed(pilot)
        pilot.press("tab", "enter")
        assert pilot.screen.spoken_intro()
        assert speaker.said[-1] == (pilot.screen.spoken_intro(), True)


def test_lines_messages_and_feedback_are_read_and_other_events_are_not(fakes):
    with run_test(size=(1024, 600), settings=ON) as pilot:
        speaker = installed(pilot)
        ui = pilot.app.ui
        ui.emit("line", "Mia: Are you coming to the park?")
        ui.emit("message", "Jay: dont tell anyone")
        ui.emit("message", "Jay: our secret")
        ui.emit("feedback", "Well spotted: asking to keep a secret is a warning sign.")
        ui.emit("place", "kitchen")
        ui.emit("select", "Play")
        ui.emit("back")
        ui.emit("focus", "")
        assert speaker.said == [
            ("Mia: Are you coming to the park?", True),
            ("Jay: dont tell anyone", False),  # a burst of messages is read in full
            ("Jay: our secret", False),
            ("Well spotted: asking to keep a secret is a warning sign.", True),
        ]


def test_the_first_line_after_a_screen_lets_its_introduction_finish(fakes):
    with run_test(size=(1024, 600), settings=ON) as pilot:
        speaker = installed(pilot)
        pilot.app.ui.emit("screen", "A story. Next")
        pilot.app.ui.emit("line", "Mia: Hi")
        pilot.app.ui.emit("line", "Sam: Hi Mia")
        assert speaker.said[-3:] == [("A story. Next", True), ("Mia: Hi", False), ("Sam: Hi Mia", True)]


def test_switching_read_aloud_off_silences_it_and_on_again_says_so_at_the_pupils_pace(fakes):
    with run_test(size=(1024, 600), settings=ON) as pilot:
        speaker = installed(pilot)
        made = len(fakes)
        ui = pilot.app.ui
        assert speaker.rates == [1.0]
        ui.apply(replace(ui.settings, read_aloud=False))
        assert speaker.stops == 1
        before = list(speaker.said)
        pilot.press("tab")
        assert speaker.said == before  # silent
        ui.apply(replace(ui.settings, read_aloud=True, speech_rate=1.5))
        assert speaker.said[-1] == (SWITCHED_ON, True) and speaker.rates[-1] == 1.5
        ui.apply(replace(ui.settings, speech_rate=0.75))
        assert speaker.rates[-1] == 0.75 and speaker.said[-1] == (SWITCHED_ON, True)  # not said twice
        assert len(fakes) == made  # one voice for the whole session


def test_switching_read_aloud_on_in_settings_starts_the_voice_then(fakes):
    with run_test(size=(1024, 600)) as pilot:
        assert installed(pilot) is None and fakes == []
        pilot.app.ui.apply(replace(pilot.app.ui.settings, read_aloud=True))
        assert [text for text, _ in fakes[0].said] == [SWITCHED_ON]


def test_closing_read_aloud_closes_its_voice_and_installing_again_replaces_it(fakes):
    with run_test(size=(1024, 600), settings=ON) as pilot:
        first = installed(pilot)
        second = installed(pilot)
        assert first.closed and not second.closed
        assert [x for x in pilot.app.ui.listeners if isinstance(x, ReadAloud)] == [read_aloud_of(pilot.app)]
        read_aloud_of(pilot.app).close()
        assert second.closed


def test_settings_says_why_read_aloud_cannot_work_here(fakes):
    with run_test(size=(1280, 720), settings=ON) as pilot:
        speaker = installed(pilot)
        assert pilot.app.ui.services["speech"] is read_aloud_of(pilot.app)
        assert read_aloud_of(pilot.app).status() == ""  # working: nothing to say
        speaker.available = False  # e.g. no espeak-ng on this computer
        pilot.app.apply(Push(SettingsScreen()))
        pilot.step()
        assert pilot.screen.notes["Read aloud"].text == "Read aloud needs a speech engine."


class QuickEngine:
    """A speech engine that speaks at once (the real Speaker's fake engine, kept tiny here)."""

    def __init__(self) -> None:
        self.spoken: list[str] = []
        self._queued: list[str] = []

    def getProperty(self, name: str) -> int:
        return 200

    def setProperty(self, name: str, value: object) -> None:
        pass

    def connect(self, topic: str, callback: object) -> None:
        pass

    def say(self, text: str) -> None:
        self._queued.append(text)

    def stop(self) -> None:
        pass

    def runAndWait(self) -> None:
        self.spoken += self._queued
        self._queued = []


def test_with_the_real_speaker_tab_is_spoken_on_its_own_thread_and_closing_ends_it(monkeypatch):
    engines: list[QuickEngine] = []
    speakers: list[Speaker] = []

    def engine() -> QuickEngine:
        engines.append(QuickEngine())
        return engines[-1]

    def make() -> Speaker:
        speakers.append(Speaker(engine))
        return speakers[-1]

    monkeypatch.setattr(read_aloud, "SPEAKER_FACTORY", make)
    with run_test(size=(1024, 600), settings=ON) as pilot:
        speaker = installed(pilot)
        assert speaker.wait_until_idle(2.0)
        pilot.press("tab")
        assert speaker.wait_until_idle(2.0)
        assert engines[-1].spoken == [spoken_label(pilot.screen.focus.focused)]
        read_aloud_of(pilot.app).close()
    for s in speakers:
        assert s.close(timeout=2.0)
    assert not [t for t in threading.enumerate() if t.name.startswith("speech-")]
