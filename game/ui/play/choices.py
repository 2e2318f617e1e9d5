"""The choice menu: the choices of this moment as a numbered column of buttons over the stage,
under a short question ("What do you do?"), as a visual novel's choice screen.

Which order the choices come in is the Playthrough's (shuffled per playthrough); nothing here
reorders them. No choice has the focus when the menu appears: a number, an arrow or Tab picks
one, and only then does Enter or Space choose it.
"""

from __future__ import annotations

from typing import Any

import pygame

from game.ui.widgets import Button, Label, Ui, Widget

PROMPT = "What do you do?"


class ChoiceButton(Button):
    """A choice: its number, then its words, lined up on the left so longer choices read easily."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.align = "left"


class MenuPanel(Widget):
    """A calm card behind the menu, so its words never sit on the picture."""

    backdrop = True

    def draw(self, surface: pygame.Surface, ui: Ui, focused: bool = False, hovered: bool = False) -> None:
        t, c = ui.theme, ui.theme.colours
        pygame.draw.rect(surface, c.background, self.rect, border_radius=t.radii.large)
        pygame.draw.rect(surface, c.accent, self.rect, width=t.border_width, border_radius=t.radii.large)


class ChoiceMenu:
    """The prompt and the buttons, placed as one column; ``height`` says what they need."""

    def __init__(self) -> None:
        self.panel = MenuPanel()
        self.prompt = Label(PROMPT, role="subheading")
        self.buttons: list[Button] = []

    def pad(self, ui: Ui) -> int:
        return ui.theme.spacing.l

    def height(self, ui: Ui, width: int, with_prompt: bool = True) -> int:
        sp, pad = ui.theme.spacing, self.pad(ui)
        inner = width - 2 * pad
        hs = [b.preferred_size(ui, inner)[1] for b in self.buttons]
        h = sum(hs) + sp.m * max(0, len(hs) - 1)
        if with_prompt:
            h += self.prompt.preferred_size(ui, inner)[1] + sp.m
        return h + 2 * pad

    def place(self, ui: Ui, rect: pygame.Rect, with_prompt: bool = True) -> list[Widget]:
        """Lay the menu out in ``rect`` (its height from ``height``); returns the widgets shown."""
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
        for b in self.buttons:
            bh = b.preferred_size(ui, inner)[1]
            b.rect = pygame.Rect(rect.x + pad, y, inner, bh)
            y += bh + sp.m
        return shown + list(self.buttons)
