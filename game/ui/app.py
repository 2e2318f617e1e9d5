"""The window: one event loop, one input router, a stack of screens, redraw only on change.

    App(size=(1280, 720)).run()

- Screens return Actions (Push, Pop, Replace, PopToRoot, Quit); `App.apply` is the only place
  the stack changes.
- The router: window events (close, resize, F11 fullscreen, F12 the developer overlay) first;
  then H (help) and B (take a break) on every screen that has `global_keys`; then the top screen's `handle`.
- Nothing is drawn unless something changed (input, a resize, or a screen's animation asking
  for a frame via `wake_after_ms`); the loop sleeps in `pygame.event.wait`, so an idle window
  uses no CPU.
- A screen's `tick` may return an Action too (the --watch screens: the story file broke or was fixed).
- F12 shows the developer overlay (game/ui/overlay.py) over any screen; it is off until pressed.
- An exception in a screen's layout, handle or draw never closes the window: the traceback
  goes to <user data>/logs/crash.log and the Crash screen is shown.
"""

from __future__ import annotations

import datetime
import time
import traceback
import warnings
import weakref
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pygame

from game.settings import Settings
from game.ui.captions import Captions
from game.ui.captions import install as install_captions
from game.ui.overlay import DevOverlay
from game.ui.read_aloud import install as install_read_aloud
from game.ui.screen import Action, Pop, PopToRoot, Push, Quit, Replace, Screen
from game.ui.sound import SoundBoard
from game.ui.sound import install as install_sound
from game.ui.text import TextCache
from game.ui.theme import theme_for
from game.ui.toast import Toast
from game.ui.widgets import Ui, spoken_label

__all__ = ["MIN_SIZE", "Action", "App", "EndPresenting", "OnTitle", "Pop", "PopToRoot", "Push", "Quit", "Replace",
           "Screen"]

DEFAULT_SIZE = (1280, 720)
MIN_SIZE = (1024, 600)
CAPTION = "Spot the Signs"
CRASH_LOG = "crash.log"


@dataclass(frozen=True)
class OnTitle(PopToRoot):
    """The stack becomes the title (the root when it is one, else a new title) and then ``screen``:
    the crash screen's Continue, back into the saved story with the title under it."""

    screen: Screen


@dataclass(frozen=True)
class EndPresenting(PopToRoot):
    """Presenter mode ends: back to the screen it began over (a story's page in the teacher
    area), or to the title when it began the window (``play --present``)."""


def monotonic_ms() -> Callable[[], int]:
    """A clock in milliseconds from now that only moves forward, whatever SDL has started."""
    start = time.monotonic()
    return lambda: int((time.monotonic() - start) * 1000)


def crash_log_path() -> Path:
    from game.paths import user_data_dir

    return user_data_dir() / "logs" / CRASH_LOG


class App:
    def __init__(self, size: tuple[int, int] = DEFAULT_SIZE, root: Screen | None = None,
                 text_scale: float | None = None, clock: Callable[[], int] | None = None,
                 settings: Settings | None = None, notice: str | None = None) -> None:
        """``settings``: the pupil's (built-in defaults if None); ``text_scale`` overrides its text size.
        ``notice``: a sentence for the pupil at the start (their settings could not be read), shown
        on the title screen, or as a short notice over any other first screen."""
        self.requested_size = self._clamp(size)
        self.root = root
        self.notice = notice
        settings = settings if settings is not None else Settings()
        if text_scale is not None:
            settings = replace(settings, text_scale=text_scale)
        self.ui = Ui(theme_for(settings), TextCache())
        self.ui.apply(settings)  # the theme, font and spacing: the same path as a change in Settings
        self.clock = clock or monotonic_ms()  # not pygame.time.get_ticks: it stays 0 until pygame.init()
        self.stack: list[Screen] = []
        self.surface: pygame.Surface | None = None
        self.fullscreen = False
        self.windowed_size = self.requested_size
        self.running = False
        self.dirty = True
        self.frames = 0  # how many times the window was drawn (tests check idle redraws)
        self.crashes = 0
        self.overlay = DevOverlay()  # F12: for writers and developers; off unless pressed
        self.toast = Toast()  # "Copied ..." and other short notices over any screen
        self.sound: SoundBoard | None = None  # game/ui/sound.py, installed by start
        self.captions: Captions | None = None  # game/ui/captions.py, installed by start
        self.presenter_base: int | None = None  # where in the stack presenter mode began
        # What each screen was last laid out for (text size, font, spacing): the Settings screen
        # changes them, and every screen shown afterwards lays out again.
        self.laid_out_at: weakref.WeakKeyDictionary[Screen, tuple] = weakref.WeakKeyDictionary()

    # -- window ----------------------------------------------------------------------------
    @staticmethod
    def _clamp(size: tuple[int, int]) -> tuple[int, int]:
        return (max(MIN_SIZE[0], int(size[0])), max(MIN_SIZE[1], int(size[1])))

    @property
    def size(self) -> tuple[int, int]:
        assert self.surface is not None
        return self.surface.get_size()

    def start(self) -> None:
        pygame.display.init()
        pygame.font.init()
        pygame.key.set_repeat(400, 40)
        from game.ui.icon import window_icon

        pygame.display.set_icon(window_icon())  # before set_mode: some systems ignore it afterwards
        self.surface = pygame.display.set_mode(self.requested_size, pygame.RESIZABLE)
        pygame.display.set_caption(CAPTION)
        try:
            with warnings.catch_warnings():  # from_display_module is the 2.5 way to reach this window
                warnings.simplefilter("ignore", DeprecationWarning)
                pygame.Window.from_display_module().minimum_size = MIN_SIZE
        except (AttributeError, pygame.error):  # older pygame-ce or a driver without windows
            pass
        if self.root is None:
            from game.ui.screens.title import TitleScreen

            self.root = TitleScreen(self.notice or "")
        elif self.notice:
            self.toast.show(self.notice, self.clock())
        install_sound(self)
        install_captions(self)
        install_read_aloud(self)  # before the first screen, so its intro is read
        self.running = True
        self.apply(Push(self.root))

    def close(self) -> None:
        self.running = False
        for service in self.ui.services.values():  # the sound board, read aloud: stop their work
            try:
                service.close()
            except Exception:  # an extra that fails to stop must not keep the window open
                self.write_log(f"close of {service!r}", traceback.format_exc())
        pygame.display.quit()

    def resize(self, size: tuple[int, int]) -> None:
        """The window's new size (from the window manager or the pilot); relayout the top screen."""
        size = self._clamp(size)
        if self.surface is None or self.surface.get_size() != size:
            self.surface = pygame.display.set_mode(size, pygame.RESIZABLE)
        if not self.fullscreen:
            self.windowed_size = size
        self._relayout()

    def toggle_fullscreen(self) -> None:
        if self.fullscreen:
            self.fullscreen = False
            self.surface = pygame.display.set_mode(self.windowed_size, pygame.RESIZABLE)
        else:
            self.windowed_size = self.size
            self.fullscreen = True
            self.surface = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        self._relayout()

    def _relayout(self) -> None:
        self.dirty = True
        if self.stack:
            self._guard(lambda: self._layout(self.top), "layout")

    def _layout(self, screen: Screen) -> None:
        screen.layout(self.size)
        self.laid_out_at[screen] = self.ui.layout_key()

    # -- the stack -------------------------------------------------------------------------
    @property
    def top(self) -> Screen:
        return self.stack[-1]

    def _show(self, screen: Screen) -> None:
        screen.attach(self.ui)
        if screen.size != self.size or self.laid_out_at.get(screen) != self.ui.layout_key():
            self._layout(screen)
        screen.dirty = True
        self.dirty = True
        if screen.place == "":  # out of the story: its background sound fades away
            self.ui.emit("place", "")
        self.ui.emit("screen", screen.spoken_intro())

    def apply(self, action: Action | None) -> None:
        if action is None:
            return
        if isinstance(action, Quit):
            self.running = False
            return
        if isinstance(action, Push):
            self.stack.append(action.screen)
        elif isinstance(action, Replace):
            self.stack[-1] = action.screen
        elif isinstance(action, Pop):
            if len(self.stack) > 1:
                self.stack.pop()
                self.ui.emit("back")
        elif isinstance(action, EndPresenting):
            from game.ui.screens.title import TitleScreen

            del self.stack[self.presenter_base or 0:]
            self.presenter_base = None
            if not self.stack:
                self.stack.append(TitleScreen())
        elif isinstance(action, OnTitle):
            from game.ui.screens.title import TitleScreen

            bottom = self.stack[0] if self.stack and isinstance(self.stack[0], TitleScreen) else TitleScreen()
            self.stack[:] = [bottom, action.screen]
        elif isinstance(action, PopToRoot):
            del self.stack[1:]
        else:
            raise TypeError(f"not an Action: {action!r}")
        self._presenter_mode()
        self._guard(lambda: self._show(self.top), "layout")

    def _presenter_mode(self) -> None:
        """Presenter mode begins when a presenting screen is shown (from the teacher area or
        ``play --present``: one way for both) and lasts for everything over it or in its place (the
        vote, feedback, the debrief) until the stack goes back below it: then the teacher's own
        text size is back, and each screen lays out again for it as it is shown."""
        if self.presenter_base is not None and len(self.stack) <= self.presenter_base:
            self.presenter_base = None
        if self.presenter_base is None and self.stack and self.top.presenting:
            self.presenter_base = len(self.stack) - 1
        self.ui.present(self.presenter_base is not None)

    # -- input -----------------------------------------------------------------------------
    def dispatch(self, event: pygame.event.Event) -> None:
        """The one input router."""
        kind = event.type
        if kind == pygame.QUIT:
            self.running = False
            return
        if kind == pygame.VIDEORESIZE:
            if not self.fullscreen:
                self.resize((event.w, event.h))
            return
        if kind in (pygame.WINDOWEXPOSED, pygame.WINDOWRESTORED, pygame.WINDOWSHOWN, pygame.VIDEOEXPOSE):
            self.dirty = True
            return
        if kind == pygame.KEYDOWN:
            if event.key == pygame.K_F11:
                self.toggle_fullscreen()
                return
            if event.key == pygame.K_F12:
                self.overlay.toggle()
                self.dirty = True
                return
            plain = not event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT | pygame.KMOD_GUI)
            if plain and self.top.global_keys and event.key == pygame.K_c:
                self.copy_screen_text()
                return
            if plain and self.top.global_keys and event.key in (pygame.K_h, pygame.K_b):
                from game.ui.screens.help import HelpScreen
                from game.ui.screens.rest import RestScreen

                self.apply(Push(HelpScreen() if event.key == pygame.K_h else RestScreen()))
                return
        if kind in (pygame.KEYDOWN, pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP,
                    pygame.MOUSEWHEEL):
            top = self.top
            top.clock_ms = self.clock()  # the click guard compares it with when a button last moved
            before = top.focus.focused
            action = self._guard(lambda: top.handle(event), "handle")
            after = top.focus.focused
            if after is not before and after is not None and top is self.top and action is None:
                self.ui.emit("focus", spoken_label(after))
            self.apply(action)

    def copy_screen_text(self) -> bool:
        """C: put the words on the screen on the clipboard, as Ren'Py's clipboard voicing does,
        so a screen reader (or any text-to-speech tool) can read them. True when it worked."""
        try:
            pygame.scrap.put_text(self.top.screen_text())
            done = True
        except (pygame.error, AttributeError):  # no clipboard on this system
            done = False
        except Exception:  # a screen's bug: say copying failed, log it, keep the pupil's place
            self.write_log(f"copy of {self.top!r}", traceback.format_exc())
            done = False
        notice = "Copied the words on this screen." if done else "Copying is not possible on this computer."
        self.toast.show(notice, self.clock())
        self.ui.emit("select", notice)
        self.dirty = True
        return done

    # -- failures --------------------------------------------------------------------------
    def _guard(self, call: Callable[[], Action | None], what: str) -> Action | None:
        try:
            return call()
        except Exception:  # a screen's bug must not close the window
            self.crash(what)
            return None

    def crash(self, what: str) -> None:
        from game.ui.screens.crash import CrashScreen

        self.crashes += 1
        failed = self.top if self.stack else None
        path = self.write_log(f"{what} in {failed!r}", traceback.format_exc())
        if isinstance(failed, CrashScreen):
            return  # the crash screen itself failed: keep what is on the window, never loop
        for below in self.stack:  # before the crash screen asks whether there is a place to go back to
            try:
                below.crashed()
            except Exception:
                self.write_log(f"crashed() of {below!r}", traceback.format_exc())
        screen = CrashScreen(str(path) if path else None)
        self.stack.append(screen)
        try:
            self._show(screen)
        except Exception:
            self.write_log("layout of the crash screen", traceback.format_exc())

    @staticmethod
    def write_log(what: str, trace: str) -> Path | None:
        """Append to the crash log (no pupil data is in it: only the program's own traceback)."""
        try:
            path = crash_log_path()
            path.parent.mkdir(parents=True, exist_ok=True)
            stamp = datetime.datetime.now().isoformat(timespec="seconds")
            with path.open("a", encoding="utf-8") as f:
                f.write(f"--- {stamp} {what}\n{trace}\n")
            return path
        except OSError:
            return None

    # -- drawing and the loop ---------------------------------------------------------------
    def needs_redraw(self) -> bool:
        return self.dirty or (bool(self.stack) and self.top.dirty) or (
            self.captions is not None and self.captions.needs_redraw())

    def render(self) -> bool:
        """Draw the top screen if anything changed; True when a frame was drawn."""
        if self.stack:
            self.top.track_moves(self.clock())
        if not self.needs_redraw() or self.surface is None:
            return False
        started = time.perf_counter()
        top = self.top
        self._guard(lambda: top.draw(self.surface), "draw")
        if top is not self.top:  # it crashed: draw the crash screen instead
            crash_screen = self.top
            try:
                crash_screen.draw(self.surface)
            except Exception:
                self.write_log("draw of the crash screen", traceback.format_exc())
                self.surface.fill(self.ui.theme.colours.background)
        caption = self.captions.draw(self.surface, self.ui, self.clock(), self.top) if self.captions else None
        self.toast.draw(self.surface, self.ui, self.clock(), self.top, [caption] if caption else [])
        if self.overlay.visible:
            try:
                self.overlay.draw(self.surface, self.ui, self.stack)
            except Exception:  # a developer aid must never take the window down
                self.write_log("draw of the developer overlay", traceback.format_exc())
        self.overlay.frame_ms = (time.perf_counter() - started) * 1000
        pygame.display.flip()
        self.dirty = False
        self.top.dirty = False
        self.frames += 1
        return True

    def wake_after_ms(self) -> int | None:
        """Milliseconds until something needs a frame (the top screen's animation, a notice
        going away); None when nothing moves, so the loop sleeps until an event."""
        waits = [w for w in (self.top.wake_after_ms() if self.stack else None,
                             self.toast.wake_after_ms(self.clock()),
                             self.captions.wake_after_ms() if self.captions is not None else None) if w is not None]
        return min(waits) if waits else None

    def tick(self) -> None:
        if self.toast.tick(self.clock()):
            self.dirty = True
        if self.stack and self.top.wake_after_ms() is not None:
            top = self.top
            action = self._guard(lambda: top.tick(self.clock()), "tick")
            if isinstance(action, (Push, Pop, Replace, PopToRoot, Quit)):  # e.g. --watch: the file broke
                self.apply(action)

    def step(self) -> None:
        """Handle every queued event, advance animations, draw if needed (the pilot's heartbeat)."""
        for event in pygame.event.get():
            self.dispatch(event)
            if not self.running:
                return
        self.tick()
        self.render()

    def run(self) -> None:
        self.start()
        try:
            while self.running:
                self.render()
                wake = self.wake_after_ms()
                event = pygame.event.wait(max(1, wake) if wake is not None else 0)  # 0: until an event
                if event.type != pygame.NOEVENT:
                    self.dispatch(event)
                for event in pygame.event.get():
                    if not self.running:
                        break
                    self.dispatch(event)
                self.tick()
        finally:
            self.close()
