"""The choice menu: the choices of this moment as a numbered column of buttons over the stage,
under a short question ("What do you do?"), as a visual novel's choice screen.

Which order the choices come in is the Playthrough's (shuffled per playthrough); nothing here
reorders them. No choice has the focus when the menu appears: a number, an arrow or Tab picks
one, and only then does Enter or Space choose it. When the choices are taller than their room
(a small window, large text), they scroll inside the menu's card, with a scroll bar, and the
picked one is always scrolled into sight; a choice out of sight cannot be clicked.
"""

from __future__ import annotations

from typing import Any

import pygame

from game.ui.widgets import Button, Label, Ui, Widget, draw_scroll_bar

PROMPT = "What do you do?"


class ChoiceButton(Button):
    """A choice: its number, then its words, lined up on the left so longer choices read easily.
    ``clip``: the part of the menu it may show in, when the menu scrolls."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.align = "left"

    def draw(self, surface: pygame.Surface, ui: Ui, focused: bool = False, hovered: bool = False) -> None:
        if self.clip is None:
            super().draw(surface, ui, focused, hovered)
            return
        t = ui.theme
        ring = t.focus_gap + t.focus_width
        old = surface.get_clip()
        surface.set_clip(self.clip.inflate(2 * ring, 2 * ring).clip(old))
        super().draw(surface, ui, focused, hovered)
        surface.set_clip(old)


class Panel(Widget):
    """A calm card behind the menu (and a chat's row of buttons, the ending's title), so words
    never sit on the picture."""

    backdrop = True

    def __init__(self) -> None:
        super().__init__()
        self.bar: tuple[pygame.Rect, int, int] | None = None  # (viewport, offset, content): scrolling

    def draw(self, surface: pygame.Surface, ui: Ui, focused: bool = False, hovered: bool = False) -> None:
        t, c = ui.theme, ui.theme.colours
        pygame.draw.rect(surface, c.background, self.rect, border_radius=t.radii.large)
        pygame.draw.rect(surface, c.accent, self.rect, width=t.border_width, border_radius=t.radii.large)
        if self.bar is not None:
            view, offset, content = self.bar
            draw_scroll_bar(surface, ui, view.right + ui.theme.spacing.s, view, offset, content)


class ChoiceMenu:
    """The prompt and the buttons, placed as one column; ``height`` says what they need."""

    def __init__(self) -> None:
        self.panel = Panel()
        self.prompt = Label(PROMPT, role="subheading")
        self.buttons: list[ChoiceButton] = []
        self.offset = 0
        self._placed: tuple[pygame.Rect, bool] | None = None  # what the last place() was given

    def pad(self, ui: Ui) -> int:
        return ui.theme.spacing.l

    def _heights(self, ui: Ui, inner: int) -> list[int]:
        return [b.preferred_size(ui, inner)[1] for b in self.buttons]

    def height(self, ui: Ui, width: int, with_prompt: bool = True) -> int:
        """What the whole menu needs, every choice in sight, at ``width``."""
        sp, pad = ui.theme.spacing, self.pad(ui)
        inner = width - 2 * pad
        hs = self._heights(ui, inner)
        h = sum(hs) + sp.m * max(0, len(hs) - 1)
        if with_prompt:
            h += self.prompt.preferred_size(ui, inner)[1] + sp.m
        return h + 2 * pad

    def place(self, ui: Ui, rect: pygame.Rect, with_prompt: bool = True) -> list[Widget]:
        """Lay the menu out in ``rect``; the choices scroll when they need more. Returns the widgets shown."""
        self._placed = (pygame.Rect(rect), with_prompt)
        sp, pad = ui.theme.spacing, self.pad(ui)
        self.panel.rect = pygame.Rect(rect)
        inner = rect.width - 2 * pad
        y = rect.y + pad
        shown: list[Widget] = [self.panel]
        if with_prompt:
            ph = self.prompt.preferred_size(ui, inner)[1]
            self.prompt.rect = pygame.Rect(rect.x + pad, y, inner, ph)
            shown.append(self.prompt)
            y += ph + sp.m
        hs = self._heights(ui, inner)
        content = sum(hs) + sp.m * max(0, len(hs) - 1)
        view = pygame.Rect(rect.x + pad, y, inner, max(0, rect.bottom - pad - y))
        scrolls = content > view.height
        if scrolls:  # room for the bar beside the choices
            view.width -= sp.m + sp.s
            hs = self._heights(ui, view.width)
            content = sum(hs) + sp.m * max(0, len(hs) - 1)
        self.offset = max(0, min(self.offset, content - view.height)) if scrolls else 0
        self.panel.bar = (view, self.offset, content) if scrolls else None
        top = view.y - self.offset
        for b, bh in zip(self.buttons, hs, strict=True):
            b.rect = pygame.Rect(view.x, top, view.width, bh)
            b.clip = view if scrolls else None
            top += bh + sp.m
        return shown + list(self.buttons)

    def scroll_by(self, ui: Ui, dy: int) -> bool:
        if self.panel.bar is None or self._placed is None:
            return False
        before = self.offset
        self.offset += dy
        self.place(ui, *self._placed)
        return self.offset != before

    def show(self, ui: Ui, button: Widget | None) -> bool:
        """Scroll the least that brings ``button`` wholly into sight; True when it moved."""
        if self.panel.bar is None or not isinstance(button, ChoiceButton) or button not in self.buttons:
            return False
        view = self.panel.bar[0]
        if button.rect.top < view.top:
            return self.scroll_by(ui, button.rect.top - view.top)
        if button.rect.bottom > view.bottom:
            return self.scroll_by(ui, button.rect.bottom - view.bottom)
        return False
