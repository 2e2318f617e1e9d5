"""A short notice at the bottom of the window ("Copied the words on this screen."), over any
screen, gone after a few seconds. The app owns one; it asks for a frame only when one is due."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pygame

from game.ui.widgets import Ui

if TYPE_CHECKING:
    from game.ui.screen import Screen

SHOW_MS = 3000


class Toast:
    def __init__(self) -> None:
        self.text = ""
        self.until = 0  # app clock ms when it goes

    def show(self, text: str, now_ms: int) -> None:
        self.text, self.until = text, now_ms + SHOW_MS

    def visible(self, now_ms: int) -> bool:
        return bool(self.text) and now_ms < self.until

    def wake_after_ms(self, now_ms: int) -> int | None:
        """Milliseconds until it must be taken away; None when there is none."""
        return max(1, self.until - now_ms) if self.text else None

    def tick(self, now_ms: int) -> bool:
        """True when it just went (the window needs drawing again)."""
        if self.text and now_ms >= self.until:
            self.text = ""
            return True
        return False

    def draw(self, surface: pygame.Surface, ui: Ui, now_ms: int, screen: Screen | None = None,
             avoid: Sequence[pygame.Rect] = ()) -> pygame.Rect | None:
        """The notice in a pill clear of the screen's controls and of ``avoid`` (the caption)."""
        if not self.visible(now_ms):
            return None
        from game.ui.captions import draw_pill

        return draw_pill(surface, ui, self.text, screen, avoid)
