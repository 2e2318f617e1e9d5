"""The Speaker (game/speech.py) with a fake engine: it never makes the game wait, the newest line
wins, and a missing, failing or hanging engine ends in a clear sentence instead of a frozen game.

No sleeps: the fake engine signals with threading.Event, and the watchdog tests use deadlines of
a few milliseconds. Every test ends with every speech thread gone.
"""

from __future__ import annotations

import queue
import sys
import threading
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from game.speech import (
    MISSING_APLAY,
    MISSING_PYTTSX3,
    STATUS_CLOSED,
    STATUS_FAILING,
    STATUS_HUNG,
    STATUS_READY,
    SettledEspeak,
    Speaker,
    SpeechUnavailable,
    missing_engine_message,
    pyttsx3_engine,
)

WAIT = 2.0  # seconds: only a guard against a broken build, never reached when things work


class FakeEngine:
    """Behaves like a pyttsx3 Engine: say() queues, runAndWait() speaks each queued line word by
    word, calling the started-word callbacks, and stop() ends the current line at the next word.

    ``gate``: after the first word of the first line, wait for this event (a line in progress).
    ``hang``: runAndWait waits for this event before anything (an engine that stopped answering).
    ``raise_on``: runAndWait raises when it reaches this text.
    """

    def __init__(self, gate: threading.Event | None = None, hang: threading.Event | None = None,
                 raise_on: str | None = None) -> None:
        self.gate, self.hang, self.raise_on = gate, hang, raise_on
        self.properties: dict[str, Any] = {"rate": 200}
        self.callbacks: dict[str, list[Callable[..., None]]] = {}
        self.queued: list[str] = []
        self.spoken: list[tuple[str, int, bool]] = []  # (line, words said, finished)
        self.rates: list[float] = []
        self.stops = 0
        self.threads: set[int] = set()
        self.entered = threading.Event()  # runAndWait began
        self.at_gate = threading.Event()
        self._stopping = False

    def _used(self) -> None:
        self.threads.add(threading.get_ident())

    def getProperty(self, name: str) -> Any:
        self._used()
        return self.properties[name]

    def setProperty(self, name: str, value: Any) -> None:
        self._used()
        self.properties[name] = value
        if name == "rate":
            self.rates.append(value)

    def connect(self, topic: str, callback: Callable[..., None]) -> dict:
        self._used()
        self.callbacks.setdefault(topic, []).append(callback)
        return {"topic": topic, "cb": callback}

    def say(self, text: str) -> None:
        self._used()
        self.queued.append(text)

    def stop(self) -> None:
        self._used()
        self.stops += 1
        self._stopping = True

    def runAndWait(self) -> None:
        self._used()
        self.entered.set()
        if self.hang is not None:
            self.hang.wait()
        lines, self.queued = self.queued, []
        for text in lines:
            if text == self.raise_on:
                raise RuntimeError("the speech engine fell over")
            self._stopping = False
            words, said = text.split(), 0
            for word in words:
                for callback in self.callbacks.get("started-word", []):
                    callback(name=word, location=0, length=len(word))
                if self._stopping:
                    break
                said += 1
                if self.gate is not None:
                    gate, self.gate = self.gate, None
                    self.at_gate.set()
                    gate.wait()
            self.spoken.append((text, said, said == len(words)))


class Lab:
    """Makes speakers on fake engines and, at the end, lets every fake engine go, closes every
    speaker and checks that no speech thread is left."""

    def __init__(self) -> None:
        self.engines: list[FakeEngine] = []
        self.created: queue.Queue[FakeEngine] = queue.Queue()
        self.releases: list[threading.Event] = []
        self.speakers: list[Speaker] = []

    def event(self) -> threading.Event:
        e = threading.Event()
        self.releases.append(e)
        return e

    def speaker(self, make_engine: Callable[[int], FakeEngine] | None = None, **options: Any) -> Speaker:
        make_engine = make_engine or (lambda number: FakeEngine())

        calls = iter(range(1_000_000))

        def factory() -> FakeEngine:
            engine = make_engine(next(calls))  # numbered by call: a call may never return
            self.engines.append(engine)
            self.created.put(engine)
            return engine

        speaker = Speaker(factory, **options)
        self.speakers.append(speaker)
        return speaker

    def next_engine(self) -> FakeEngine:
        return self.created.get(timeout=WAIT)

    def finish(self) -> None:
        for e in self.releases:
            e.set()
        for speaker in self.speakers:
            assert speaker.close(timeout=WAIT), "a speech thread did not end"
        left = [t.name for t in threading.enumerate() if t.name.startswith("speech-")]
        assert not left, left


@pytest.fixture
def lab() -> Iterator[Lab]:
    lab = Lab()
    try:
        yield lab
    finally:
        lab.finish()


def said(engine: FakeEngine) -> list[str]:
    return [text for text, _, _ in engine.spoken]


def test_a_line_is_spoken_by_an_engine_that_only_its_own_worker_thread_touches(lab):
    speaker = lab.speaker()
    speaker.say("Mia:   Hello\nthere")
    assert speaker.wait_until_idle(WAIT)
    engine = lab.engines[0]
    assert engine.spoken == [("Mia: Hello there", 3, True)]
    assert len(engine.threads) == 1 and threading.get_ident() not in engine.threads
    assert speaker.available and speaker.status() == STATUS_READY
    assert speaker.spoken == 1


def test_empty_text_is_not_spoken(lab):
    speaker = lab.speaker()
    speaker.say("   \n ")
    assert speaker.wait_until_idle(WAIT)
    assert lab.engines[0].spoken == []


def test_a_newer_line_stops_the_one_being_spoken(lab):
    gate = lab.event()
    speaker = lab.speaker(lambda n: FakeEngine(gate=gate))
    speaker.say("one two three four")
    engine = lab.next_engine()
    assert engine.at_gate.wait(WAIT)  # "one" has been said; "two" is next
    speaker.say("Settings")
    gate.set()
    assert speaker.wait_until_idle(WAIT)
    assert engine.spoken == [("one two three four", 1, False), ("Settings", 1, True)]
    assert engine.stops >= 1


def test_only_the_latest_of_several_waiting_lines_is_spoken(lab):
    gate = lab.event()
    speaker = lab.speaker(lambda n: FakeEngine(gate=gate))
    speaker.say("first line")
    engine = lab.next_engine()
    assert engine.at_gate.wait(WAIT)
    for text in ("Play", "Settings", "Quit"):
        speaker.say(text)
    gate.set()
    assert speaker.wait_until_idle(WAIT)
    assert said(engine) == ["first line", "Quit"]


def test_a_line_said_without_interrupting_waits_for_the_current_one(lab):
    gate = lab.event()
    speaker = lab.speaker(lambda n: FakeEngine(gate=gate))
    speaker.say("Mia: Are you coming")
    engine = lab.next_engine()
    assert engine.at_gate.wait(WAIT)
    speaker.say("Sam: Yes", interrupt=False)
    speaker.say("Mia: Good", interrupt=False)
    gate.set()
    assert speaker.wait_until_idle(WAIT)
    assert engine.spoken == [("Mia: Are you coming", 4, True), ("Sam: Yes", 2, True), ("Mia: Good", 2, True)]
    assert engine.stops == 0


def test_stop_silences_the_current_line_and_forgets_what_was_waiting(lab):
    gate = lab.event()
    speaker = lab.speaker(lambda n: FakeEngine(gate=gate))
    speaker.say("a long line of the story")
    engine = lab.next_engine()
    assert engine.at_gate.wait(WAIT)
    speaker.say("next", interrupt=False)
    speaker.stop()
    gate.set()
    assert speaker.wait_until_idle(WAIT)
    assert engine.spoken == [("a long line of the story", 1, False)]


def test_no_speech_engine_makes_read_aloud_unavailable_with_a_sentence_and_say_does_nothing(lab):
    def no_engine(number: int) -> FakeEngine:
        raise SpeechUnavailable("Read aloud needs a speech engine. On Linux install espeak-ng.")

    speaker = lab.speaker(no_engine)
    assert speaker.wait_until_idle(WAIT)
    assert not speaker.available
    assert speaker.status() == "Read aloud needs a speech engine. On Linux install espeak-ng."
    speaker.say("hello")
    speaker.set_rate(1.5)
    speaker.stop()
    assert speaker.wait_until_idle(WAIT)
    assert lab.engines == []


def test_an_engine_that_raises_while_starting_gets_the_message_for_this_computer(lab):
    def broken(number: int) -> FakeEngine:
        raise OSError("libespeak-ng.so.1: cannot open shared object file")

    speaker = lab.speaker(broken)
    assert speaker.wait_until_idle(WAIT)
    assert not speaker.available and speaker.status() == missing_engine_message()


@pytest.mark.parametrize(("platform", "words"), [
    ("linux", "espeak-ng"), ("win32", "Windows voice"), ("darwin", "Spoken Content")])
def test_the_missing_engine_message_says_what_to_do_on_each_system(platform, words):
    message = missing_engine_message(platform)
    assert message.startswith("Read aloud needs") and words in message


def test_the_default_factory_turns_a_failing_pyttsx3_into_a_sentence(monkeypatch):
    def failing_engine() -> None:
        raise RuntimeError("This means you probably do not have eSpeak or eSpeak-ng installed!")

    monkeypatch.setitem(sys.modules, "pyttsx3", types.ModuleType("pyttsx3"))
    monkeypatch.setitem(sys.modules, "pyttsx3.engine", types.SimpleNamespace(Engine=failing_engine))
    with pytest.raises(SpeechUnavailable, match="espeak-ng"):
        pyttsx3_engine("linux")
    with pytest.raises(SpeechUnavailable, match="Windows voice"):
        pyttsx3_engine("win32")


def test_the_default_factory_says_when_pyttsx3_or_aplay_is_missing(monkeypatch):
    monkeypatch.setitem(sys.modules, "pyttsx3", types.ModuleType("pyttsx3"))
    monkeypatch.setitem(sys.modules, "pyttsx3.engine", None)  # importing it raises ImportError
    with pytest.raises(SpeechUnavailable) as missing:
        pyttsx3_engine("linux")
    assert str(missing.value) == MISSING_PYTTSX3

    class Espeak:
        driver_name = "espeak"

    monkeypatch.setitem(sys.modules, "pyttsx3.engine", types.SimpleNamespace(Engine=Espeak))
    monkeypatch.setattr("game.speech.shutil.which", lambda name: None)
    with pytest.raises(SpeechUnavailable) as no_player:
        pyttsx3_engine("linux")
    assert str(no_player.value) == MISSING_APLAY


def test_the_espeak_engine_waits_until_espeak_is_quiet_after_a_line_and_a_new_rate(monkeypatch):
    class Espeak:
        driver_name = "espeak"

        def __init__(self) -> None:
            self.calls: list[str] = []

        def getProperty(self, name: str) -> str:
            return "the voice"

        def setProperty(self, name: str, value: Any) -> None:
            self.calls.append(f"set {name}")

        def runAndWait(self) -> None:
            self.calls.append("run")

    playing = [True, True, False, True, False]  # espeak busy for two looks, then for one
    monkeypatch.setitem(sys.modules, "pyttsx3", types.ModuleType("pyttsx3"))
    monkeypatch.setitem(sys.modules, "pyttsx3.engine", types.SimpleNamespace(Engine=Espeak))
    monkeypatch.setitem(sys.modules, "pyttsx3.drivers._espeak", types.SimpleNamespace(IsPlaying=lambda: playing.pop(0)))
    monkeypatch.setattr("game.speech.shutil.which", lambda name: "/usr/bin/aplay")
    monkeypatch.setattr(SettledEspeak, "POLL", 0)
    engine = pyttsx3_engine("linux")
    assert isinstance(engine, SettledEspeak) and engine.driver_name == "espeak"
    engine.runAndWait()
    assert playing == [True, False]  # it looked until espeak was quiet
    engine.setProperty("rate", 262)
    assert playing == [] and engine.calls == ["run", "set rate"]
    assert engine.getProperty("rate") == SettledEspeak.DEFAULT_WPM  # espeak-ng's own pace
    assert engine.getProperty("voice") == "the voice"


def test_an_engine_that_raises_mid_line_is_replaced_by_a_fresh_one(lab):
    speaker = lab.speaker(lambda n: FakeEngine(raise_on="boom" if n == 0 else None))
    speaker.say("boom")
    first = lab.next_engine()
    second = lab.next_engine()  # made by the replacement worker
    speaker.say("after the error")
    assert speaker.wait_until_idle(WAIT)
    assert said(first) == [] and said(second) == ["after the error"]
    assert speaker.available and speaker.status() == STATUS_READY
    assert len(first.threads & second.threads) == 0  # each engine on its own thread


def test_an_engine_that_keeps_raising_gives_up_after_bounded_restarts(lab):
    speaker = lab.speaker(lambda n: FakeEngine(raise_on="boom"), max_restarts=2)
    for _ in range(3):
        engine = lab.next_engine()  # the first, then each replacement
        speaker.say("boom")
        assert engine.entered.wait(WAIT)
    assert speaker.wait_until_idle(WAIT)
    assert not speaker.available and speaker.status() == STATUS_FAILING
    assert len(lab.engines) == 3


def test_a_hanging_engine_never_blocks_say_and_is_given_up_after_bounded_restarts(lab):
    hang = lab.event()
    speaker = lab.speaker(lambda n: FakeEngine(hang=hang), max_restarts=2, timeout_base=0.005, timeout_per_char=0)
    for _ in range(3):
        caller = threading.Thread(target=speaker.say, args=("Mia: Hello",), name="test-caller")
        caller.start()
        caller.join(WAIT)
        assert not caller.is_alive(), "say() waited for the engine"
        assert lab.next_engine().entered.wait(WAIT)
    assert speaker.wait_until_idle(WAIT)
    assert not speaker.available and speaker.status() == STATUS_HUNG
    assert len(lab.engines) == 3
    assert all(engine.spoken == [] for engine in lab.engines)  # all still stuck in runAndWait
    speaker.say("ignored now")  # returns at once and starts nothing
    assert len(lab.engines) == 3


def test_an_engine_that_hangs_while_starting_is_replaced(lab):
    stuck = lab.event()

    def stuck_then_fine(number: int) -> FakeEngine:
        if number == 0:
            stuck.wait()  # making the first engine never finishes (until the test ends)
        return FakeEngine()

    # Plenty of restarts: a replacement slow to start on a busy machine may be replaced too.
    speaker = lab.speaker(stuck_then_fine, start_timeout=0.005, max_restarts=10)
    speaker.say("hello")
    assert speaker.wait_until_idle(WAIT)
    assert speaker.available
    assert [said(engine) for engine in lab.engines if said(engine)] == [["hello"]]


def test_the_rate_is_the_voices_own_pace_times_the_pupils_setting(lab):
    speaker = lab.speaker(rate=1.5)
    speaker.say("one")
    assert speaker.wait_until_idle(WAIT)
    speaker.set_rate(0.5)
    speaker.say("two")
    assert speaker.wait_until_idle(WAIT)
    speaker.set_rate(7)  # clamped to the settings' range
    speaker.say("three")
    assert speaker.wait_until_idle(WAIT)
    speaker.say("four")  # unchanged: not set again
    assert speaker.wait_until_idle(WAIT)
    assert lab.engines[0].rates == [300, 100, 400]
    speaker.set_rate(float("nan"))
    assert speaker.rate == 1.0


def test_close_ends_the_worker_and_the_watchdog_and_say_afterwards_does_nothing(lab):
    speaker = lab.speaker()
    speaker.say("hello")
    assert speaker.wait_until_idle(WAIT)
    assert speaker.close(timeout=WAIT)
    assert not [t for t in threading.enumerate() if t.name.startswith("speech-")]
    assert not speaker.available and speaker.status() == STATUS_CLOSED
    speaker.say("after close")
    assert said(lab.engines[0]) == ["hello"]
    assert speaker.close(timeout=WAIT)  # twice is fine


def test_close_never_waits_for_a_line_being_spoken_and_stops_it(lab):
    gate = lab.event()
    speaker = lab.speaker(lambda n: FakeEngine(gate=gate))
    speaker.say("a long line of the story")
    engine = lab.next_engine()
    assert engine.at_gate.wait(WAIT)
    assert speaker.close(timeout=0) is False  # the worker is mid-line: close returns at once
    gate.set()
    assert speaker.close(timeout=WAIT)
    assert engine.spoken == [("a long line of the story", 1, False)]


def test_speech_never_imports_pygame():
    import subprocess

    code = "import sys, game.speech; print('pygame' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                         cwd=Path(__file__).resolve().parent.parent)
    assert out.stdout.strip() == "False", out.stderr
