"""Read aloud through the computer's own voice, without ever making the game wait. No pygame here.

    speaker = Speaker()                       # one worker thread; the engine is made there
    speaker.say("Mia: Hello")                 # returns at once; replaces anything not yet spoken
    speaker.say("and this too", interrupt=False)   # waits for the current line instead
    speaker.set_rate(1.5)                     # the pupil's speech_rate, times the voice's own pace
    speaker.available, speaker.status()       # for the settings screen
    speaker.close()                           # at the end: waits a bounded time, never for ever

The voice comes from pyttsx3, which wraps each system's speech: SAPI5 on Windows,
NSSpeechSynthesizer on macOS, espeak-ng on Linux (played through ``aplay``).

How it stays out of the game's way, and the pyttsx3 pitfalls it handles:

- ONE worker thread makes the engine and is the only thread that ever touches it (pyttsx3 engines
  are not thread-safe, and SAPI needs COM set up on the thread that uses it). The caller only
  puts text on a queue under a lock: ``say`` never waits for the engine.
- Each utterance is ``engine.say(text); engine.runAndWait()`` on the worker. ``runAndWait``
  blocks until the line is spoken, which is why it never runs on the game's thread. pyttsx3's
  espeak driver plays each line with ``aplay`` on espeak's own thread and can return from
  ``runAndWait`` while the line still plays; a line started then is cancelled (tried by hand: the
  second line came out silent). The default factory wraps that engine so ``runAndWait`` also
  waits, on the worker, until espeak has finished playing (`SettledEspeak`, which also keeps a
  new rate from being lost).
- A newer ``say`` clears what is waiting and asks the line being spoken to stop: the engine's
  ``started-word`` callback calls ``engine.stop()`` (pyttsx3's documented way to interrupt) when
  it runs on the worker's own thread (SAPI5 and NSSpeechSynthesizer call back there), so the engine
  is still touched only by its own thread. The espeak driver calls back on espeak's thread and
  has already synthesised the whole line by then, so there the line ends first and the newest
  waiting text follows.
- An engine that raised is never used again (pyttsx3's ``runAndWait`` leaves its loop marked as
  running when it raises, so the next call fails with "run loop already started"): a fresh worker
  with a fresh engine takes over. ``pyttsx3.init()`` hands back a cached engine per driver, which
  would give the replacement the broken engine again, so the default factory builds
  ``pyttsx3.engine.Engine()`` directly.
- A watchdog thread gives making the engine, and each line, a deadline (longer for longer lines
  and slower rates). An engine that misses it is abandoned with its worker (a thread cannot be
  killed; it is a daemon and is never touched again) and a fresh one is started, at most
  ``max_restarts`` times; then read aloud gives up and ``status()`` says so.
- No engine at all (``init`` raising: no espeak-ng library, no SAPI voice) makes the speaker
  unavailable with a sentence saying what to install; ``say`` is then a no-op.

The engine factory is injectable: tests pass a fake engine and tiny deadlines.
"""

from __future__ import annotations

import contextlib
import math
import shutil
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from game.settings import RANGES

RATE_RANGE = RANGES["speech_rate"]  # 0.5-2.0 times the voice's own pace
FALLBACK_WPM = 200  # pyttsx3's drivers start at 200 words a minute when they cannot say
MAX_WAITING = 16  # lines waiting behind the current one (say(..., interrupt=False)); older ones drop

STARTING, READY, UNAVAILABLE, CLOSED = "starting", "ready", "unavailable", "closed"

STATUS_STARTING = "Read aloud is starting the computer's voice."
STATUS_READY = "Read aloud is ready."
STATUS_CLOSED = "Read aloud is switched off."
STATUS_HUNG = ("The computer's voice stopped answering, so read aloud has stopped for now. "
               "Start the game again to try again.")
STATUS_FAILING = ("The computer's voice kept failing, so read aloud has stopped for now. "
                  "Start the game again to try again.")


class SpeechUnavailable(Exception):
    """There is no speech engine to use; the message is a sentence a pupil or teacher can act on."""


def missing_engine_message(platform: str = sys.platform) -> str:
    """What to tell someone whose computer has no speech engine pyttsx3 can use."""
    if platform == "win32":
        return ("Read aloud needs a Windows voice, and none started. Add one in Settings, Time and "
                "language, Speech, then start the game again.")
    if platform == "darwin":
        return ("Read aloud needs the Mac's voice, and it did not start. Check System Settings, "
                "Accessibility, Spoken Content, then start the game again.")
    return ("Read aloud needs a speech engine. On Linux install espeak-ng "
            "(for example: sudo apt install espeak-ng), then start the game again.")


MISSING_PYTTSX3 = ("Read aloud needs the pyttsx3 package, which is missing. "
                   "Install the game again (pip install spot-the-signs).")
MISSING_APLAY = ("Read aloud needs aplay to play the voice. On Linux install alsa-utils "
                 "(for example: sudo apt install alsa-utils), then start the game again.")


def pyttsx3_engine(platform: str | None = None) -> Any:
    """The system's voice through pyttsx3. Called on the worker thread that will use it.

    Raises SpeechUnavailable with a sentence saying what is missing.
    """
    platform = platform or sys.platform
    if platform == "win32":
        # SAPI is COM: each thread that uses it initialises COM for itself (comtypes does it only
        # for the thread that first imports it; a replacement worker would be left without).
        with contextlib.suppress(Exception):  # without pythoncom, the engine below says what failed
            import pythoncom  # type: ignore[import-not-found]

            pythoncom.CoInitialize()
    try:
        from pyttsx3.engine import Engine  # type: ignore[import-untyped]
    except ImportError as e:
        raise SpeechUnavailable(MISSING_PYTTSX3) from e
    try:
        engine = Engine()  # not pyttsx3.init(): that caches one engine per driver for every thread
    except Exception as e:  # no espeak-ng library, no SAPI voice, no AppKit...
        raise SpeechUnavailable(missing_engine_message(platform)) from e
    if getattr(engine, "driver_name", "") != "espeak":
        return engine
    if platform.startswith("linux") and shutil.which("aplay") is None:
        raise SpeechUnavailable(MISSING_APLAY)  # pyttsx3's espeak driver plays each line with aplay
    try:
        from pyttsx3.drivers._espeak import IsPlaying  # type: ignore[import-untyped]
    except Exception:  # a pyttsx3 without it: a line may cut the one before short
        return engine
    return SettledEspeak(engine, IsPlaying)


class SettledEspeak:
    """pyttsx3's espeak engine, made to keep every line whole and at the pupil's pace.

    Tried by hand with pyttsx3 2.99 and espeak-ng 1.51, its driver synthesises on espeak's own
    thread and plays each line with ``aplay`` inside espeak's callback, so:

    - the first ``runAndWait`` returns while the line still plays, and a line started then is
      cancelled (``endLoop`` calls ``stop()``, which cancels whatever espeak is busy with);
    - a rate set just before a line is often lost the same way (it waits in espeak's queue);
    - ``getProperty("rate")`` reads espeak's default or its current rate at random (its ctypes
      binding leaves out ``espeak_GetParameter``'s second argument).

    So ``runAndWait`` and ``setProperty`` wait, on the worker, until espeak is quiet (a look every
    10 ms, as the driver's own loop does; the watchdog bounds this wait like any other), and the
    voice's own pace is espeak-ng's documented default, 175 words a minute.
    """

    POLL = 0.01
    DEFAULT_WPM = 175

    def __init__(self, engine: Any, is_playing: Callable[[], Any]) -> None:
        self._engine = engine
        self._is_playing = is_playing

    def __getattr__(self, name: str) -> Any:
        return getattr(self._engine, name)

    def _settle(self) -> None:
        while self._is_playing():
            time.sleep(self.POLL)

    # pyttsx3's names
    def getProperty(self, name: str) -> Any:
        return self.DEFAULT_WPM if name == "rate" else self._engine.getProperty(name)

    def setProperty(self, name: str, value: Any) -> None:
        self._engine.setProperty(name, value)
        self._settle()

    def runAndWait(self) -> None:
        self._engine.runAndWait()
        self._settle()


def clamp_rate(multiplier: float) -> float:
    """``multiplier`` within the settings' speech_rate range (1.0 for nonsense)."""
    if isinstance(multiplier, bool) or not isinstance(multiplier, (int, float)) or not math.isfinite(multiplier):
        return 1.0
    return float(min(max(multiplier, RATE_RANGE[0]), RATE_RANGE[1]))


@dataclass(eq=False)
class _Worker:
    """One worker thread and the engine it owns. Flags are read and written under the speaker's lock."""

    number: int
    thread: threading.Thread | None = None
    abandoned: bool = False  # the watchdog gave up on it: it must never touch the speaker again
    interrupt: bool = False  # a newer line arrived (or stop()): stop the current one at the next word


@dataclass(frozen=True)
class _Busy:
    """What the worker is doing now, and when the watchdog gives up on it."""

    worker: _Worker
    text: str  # "" while the engine is being made
    deadline: float


class Speaker:
    """Speaks text on a worker thread; every method returns at once except ``close``, which waits
    at most ``timeout`` seconds."""

    def __init__(self, engine_factory: Callable[[], Any] = pyttsx3_engine, *, rate: float = 1.0,
                 max_restarts: int = 3, start_timeout: float = 30.0, timeout_base: float = 10.0,
                 timeout_per_char: float = 0.2) -> None:
        """Making an engine may take ``start_timeout`` seconds (SAPI's first start builds its COM
        wrappers), and a line ``timeout_base`` seconds plus ``timeout_per_char`` for each character
        (divided by the rate), before the watchdog abandons that engine. After ``max_restarts``
        replacements of a hung engine, or that many failures in a row, read aloud gives up."""
        self._factory = engine_factory
        self._rate = clamp_rate(rate)
        self._max_restarts = max_restarts
        self._start_timeout = start_timeout
        self._timeout_base = timeout_base
        self._timeout_per_char = timeout_per_char
        self._cond = threading.Condition()
        self._waiting: deque[str] = deque(maxlen=MAX_WAITING)
        self._state = STARTING
        self._reason = ""
        self._busy: _Busy | None = None
        self._worker: _Worker | None = None
        self._abandoned: list[_Worker] = []
        self._failures = 0  # in a row; a line spoken well sets it back to 0
        self._hangs = 0  # ever: each leaves a thread behind, so these never reset
        self._workers_started = 0
        self.spoken = 0  # lines the engine finished (or was stopped in)
        with self._cond:
            self._start_worker()
        self._watchdog = threading.Thread(target=self._watch, name="speech-watchdog", daemon=True)
        self._watchdog.start()

    # -- what the game calls (never waits for the engine) ----------------------------------------
    @property
    def available(self) -> bool:
        """False once there is no engine (none installed, or it kept failing) or after close()."""
        with self._cond:
            return self._state in (STARTING, READY)

    def status(self) -> str:
        """A sentence for the settings screen."""
        with self._cond:
            if self._state == UNAVAILABLE:
                return self._reason
            return {STARTING: STATUS_STARTING, READY: STATUS_READY}.get(self._state, STATUS_CLOSED)

    def say(self, text: str, interrupt: bool = True) -> None:
        """Speak ``text`` soon. ``interrupt``: forget what is waiting and stop the current line
        (only the latest matters); otherwise wait behind them."""
        text = " ".join(str(text).split())
        if not text:
            return
        with self._cond:
            if self._state not in (STARTING, READY):
                return
            if interrupt:
                self._waiting.clear()
                self._interrupt_locked()
            self._waiting.append(text)
            self._cond.notify_all()

    def stop(self) -> None:
        """Be quiet: forget what is waiting and stop the current line."""
        with self._cond:
            self._waiting.clear()
            self._interrupt_locked()
            self._cond.notify_all()

    def set_rate(self, multiplier: float) -> None:
        """The pupil's speech_rate (0.5-2.0) times the voice's own pace, from the next line on."""
        with self._cond:
            self._rate = clamp_rate(multiplier)

    @property
    def rate(self) -> float:
        with self._cond:
            return self._rate

    def close(self, timeout: float = 1.0) -> bool:
        """Stop speaking and end the threads, waiting at most ``timeout`` seconds in all.
        True when every thread (abandoned ones too) has ended."""
        with self._cond:
            if self._state != CLOSED:
                self._state = CLOSED
                self._waiting.clear()
                self._interrupt_locked()
                self._cond.notify_all()
            threads = [w.thread for w in [*self._abandoned, self._worker] if w is not None and w.thread is not None]
        threads.append(self._watchdog)
        end = time.monotonic() + max(0.0, timeout)
        for thread in threads:
            if thread is not threading.current_thread():
                thread.join(max(0.0, end - time.monotonic()))
        return not any(t.is_alive() for t in threads)

    def wait_until_idle(self, timeout: float) -> bool:
        """Wait (tests, tools; never the game) until nothing is waiting or being spoken, or there is
        no engine. True if that happened within ``timeout`` seconds."""
        with self._cond:
            return self._cond.wait_for(self._idle_locked, timeout)

    def __enter__(self) -> Speaker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- under the lock ---------------------------------------------------------------------------
    def _idle_locked(self) -> bool:
        if self._state in (UNAVAILABLE, CLOSED):
            return True
        return self._state == READY and self._busy is None and not self._waiting

    def _interrupt_locked(self) -> None:
        if self._busy is not None and self._busy.text:
            self._busy.worker.interrupt = True

    def _deadline_locked(self, text: str) -> float:
        return time.monotonic() + self._timeout_base + self._timeout_per_char * len(text) / self._rate

    def _start_worker(self) -> None:
        self._workers_started += 1
        worker = _Worker(self._workers_started)
        worker.thread = threading.Thread(target=self._run, args=(worker,), daemon=True,
                                         name=f"speech-worker-{worker.number}")
        self._worker = worker
        self._busy = _Busy(worker, "", time.monotonic() + self._start_timeout)  # making the engine has one too
        self._state = STARTING
        worker.thread.start()  # its first step (the factory) takes no lock
        self._cond.notify_all()

    def _give_up(self, reason: str) -> None:
        self._state = UNAVAILABLE
        self._reason = reason
        self._worker = None
        self._busy = None
        self._waiting.clear()
        self._cond.notify_all()

    def _failed(self, worker: _Worker, hung: bool) -> None:
        """``worker``'s engine raised or hung: replace it, or give up."""
        self._busy = None
        if self._worker is worker:
            self._worker = None
        self._failures += 1
        if hung:
            worker.abandoned = True
            self._abandoned.append(worker)
            self._hangs += 1
        if self._state == CLOSED:
            self._cond.notify_all()
            return
        if self._hangs > self._max_restarts:
            self._give_up(STATUS_HUNG)
        elif self._failures > self._max_restarts:
            self._give_up(STATUS_FAILING)
        else:
            self._start_worker()

    def _current(self, worker: _Worker) -> bool:
        return self._worker is worker and not worker.abandoned and self._state != CLOSED

    # -- the worker thread: the only one that touches its engine ---------------------------------
    def _run(self, worker: _Worker) -> None:
        try:
            engine = self._factory()
        except Exception as e:
            with self._cond:
                if self._current(worker):
                    self._give_up(str(e) if isinstance(e, SpeechUnavailable) else missing_engine_message())
            return
        try:
            default_rate = float(engine.getProperty("rate"))
            if not math.isfinite(default_rate) or default_rate <= 0:
                default_rate = FALLBACK_WPM
            engine.connect("started-word", lambda **_: self._on_word(worker, engine))
        except Exception:
            default_rate = FALLBACK_WPM
        with self._cond:
            if not self._current(worker):
                return
            self._busy = None
            self._state = READY
            self._cond.notify_all()
        applied_rate: float | None = None
        while True:
            with self._cond:
                while not self._waiting and self._current(worker):
                    self._cond.wait()
                if not self._current(worker):
                    break
                text = self._waiting.popleft()
                worker.interrupt = False
                rate = self._rate
                self._busy = _Busy(worker, text, self._deadline_locked(text))
                self._cond.notify_all()  # the watchdog starts watching this line
            try:
                if rate != applied_rate:
                    engine.setProperty("rate", round(default_rate * rate))
                    applied_rate = rate
                engine.say(text)
                engine.runAndWait()
            except Exception:
                with self._cond:
                    if self._current(worker):
                        self._failed(worker, hung=False)  # never reuse this engine
                return
            with self._cond:
                if worker.abandoned:
                    return  # the watchdog gave up on us while we were speaking: touch nothing
                self._busy = None
                self._failures = 0
                self.spoken += 1
                self._cond.notify_all()
        with contextlib.suppress(Exception):
            engine.stop()

    def _on_word(self, worker: _Worker, engine: Any) -> None:
        """The engine's word callback: stop here if a newer line came, but only on the worker's own
        thread (espeak calls back on its own thread, where stopping would cancel the next line)."""
        if threading.current_thread() is not worker.thread:
            return
        with self._cond:
            stop = worker.interrupt or self._state == CLOSED
        if stop:
            engine.stop()

    # -- the watchdog thread --------------------------------------------------------------------
    def _watch(self) -> None:
        with self._cond:
            while self._state in (STARTING, READY):
                busy = self._busy
                if busy is None:
                    self._cond.wait()
                    continue
                remaining = busy.deadline - time.monotonic()
                if remaining > 0:
                    self._cond.wait(remaining)
                    continue
                self._failed(busy.worker, hung=True)
