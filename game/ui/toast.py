"""A short notice at the bottom of the window ("Copied the words on this screen."), over any
screen, gone after a few seconds. The app owns one; it asks for a frame only when one is due."""

from __future__ import annotations

import pygame

from game.ui.widgets import Ui

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

    def draw(self, surface: pygame.Surface, ui: Ui, now_ms: int) -> None:
        if not self.visible(now_ms):
            return
        t, c, sp = ui.theme, ui.theme.colours, ui.theme.spacing
        width = min(surface.get_width() - 2 * sp.xl, 900)
        image = ui.text.render(self.text, t.font_size("body"), c.on_primary, width - 2 * sp.l, "center")
        box = image.get_rect().inflate(2 * sp.l, 2 * sp.m)
        box.midbottom = (surface.get_width() // 2, surface.get_height() - sp.l)
        pygame.draw.rect(surface, c.primary, box, border_radius=t.radii.large)
        surface.blit(image, image.get_rect(center=box.center))
