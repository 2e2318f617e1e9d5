"""Drive the window headless, like Textual's Pilot: no real time, no sleeps.

    with run_test(size=(1024, 600)) as pilot:
        pilot.press("tab", "enter")
        pilot.click(pilot.screen.quit)
        assert isinstance(pilot.screen, TitleScreen)

Events go through pygame's real queue and the app's one router, then the app steps once.
SDL's dummy video and audio drivers are used unless a driver was already chosen.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import pygame

from game.settings import Settings
from game.ui.app import App
from game.ui.screen import Screen
from game.ui.widgets import Widget

KEY_ALIASES = {"enter": "return", "esc": "escape", "pageup": "page up", "pagedown": "page down",
               "pgup": "page up", "pgdn": "page down"}
MODIFIERS = {"shift": (pygame.K_LSHIFT, pygame.KMOD_LSHIFT), "ctrl": (pygame.K_LCTRL, pygame.KMOD_LCTRL),
             "alt": (pygame.K_LALT, pygame.KMOD_LALT)}


class Pilot:
    def __init__(self, app: App) -> None:
        self.app = app
        self.now = 0  # virtual milliseconds: only advance() moves it

    @property
    def screen(self) -> Screen:
        return self.app.top

    def step(self) -> None:
        self.app.step()

    def press(self, *keys: str) -> None:
        """Press keys by name: 'tab', 'shift+tab', 'h', 'enter', 'space', 'f11', 'page down'."""
        for spec in keys:
            *mods, name = spec.lower().split("+") if spec != "+" else ["+"]
            mod = 0
            for m in mods:
                code, flag = MODIFIERS[m]
                mod |= flag
                pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=code, mod=mod, unicode="", scancode=0))
            key = pygame.key.key_code(KEY_ALIASES.get(name, name))
            char = name if len(name) == 1 else {"space": " ", "enter": "\r", "return": "\r"}.get(name, "")
            if mod & pygame.KMOD_SHIFT:
                char = char.upper()
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=char, scancode=0))
            pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode=char, scancode=0))
            self.step()

    def _pos(self, target: Widget | tuple[int, int]) -> tuple[int, int]:
        if isinstance(target, Widget):
            return target.rect.center
        return (int(target[0]), int(target[1]))

    def hover(self, target: Widget | tuple[int, int]) -> None:
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=self._pos(target), rel=(0, 0), buttons=(0, 0, 0)))
        self.step()

    def click(self, target: Widget | tuple[int, int], y: int | None = None) -> None:
        """Click a widget's centre, or a point: click(widget), click((x, y)) or click(x, y)."""
        pos = self._pos(target if y is None else (target, y))  # type: ignore[arg-type]
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
        self.step()

    def scroll(self, clicks: int) -> None:
        """Turn the mouse wheel: positive scrolls down (towards the end)."""
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-clicks, flipped=False))
        self.step()

    def resize(self, width: int, height: int) -> None:
        self.app.resize((width, height))
        self.step()

    def advance(self, ms: int) -> None:
        """Move virtual time on (animations) and step."""
        self.now += ms
        self.step()

    def snapshot(self) -> pygame.Surface:
        """A copy of what the window shows now."""
        self.app.dirty = True
        self.app.render()
        assert self.app.surface is not None
        return self.app.surface.copy()


@contextmanager
def run_test(size: tuple[int, int] = (1024, 600), root: Screen | None = None,
             text_scale: float | None = None, settings: Settings | None = None) -> Iterator[Pilot]:
    """An App on SDL's dummy drivers, started and drawn once, closed afterwards. ``settings``: the
    pupil's (built-in defaults if None); ``text_scale`` overrides their text size."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    pilot: Pilot
    app = App(size=size, root=root, text_scale=text_scale, clock=lambda: pilot.now, settings=settings)
    pilot = Pilot(app)
    app.start()
    pygame.event.clear()
    app.render()
    try:
        yield pilot
    finally:
        app.close()
