"""The title screen: the game's name and only the buttons that work today.

The play screens are a later task, so there is no "Start" yet rather than a placeholder.
"""

from __future__ import annotations

import pygame

from game.ui.screen import Action, Quit, Screen, break_button, help_button
from game.ui.widgets import Button, ButtonColumn, ButtonRow, Label

TITLE = "Spot the Signs"
TAGLINE = "Calm stories about noticing when something is not right, and where to find help."


class TitleScreen(Screen):
    def compose(self) -> None:
        self.title = Label(TITLE, role="title", align="center")
        self.tagline = Label(TAGLINE, role="body", colour="text_muted", align="center")
        self.help = help_button()
        self.rest = break_button()
        self.quit = Button("Quit", self.quit_game)
        self.buttons = [self.help, self.rest, self.quit]
        self.set_widgets([self.title, self.tagline, *self.buttons])

    def quit_game(self) -> Action:
        return Quit()

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        assert self.ui is not None
        ui, m, sp = self.ui, self.margin(), self.ui.theme.spacing
        width, height = size[0] - 2 * m, size[1] - 2 * m
        text_w = min(width, 900)
        self.title.size_override = None
        # Tallest first: buttons in a column; then in a row; then a smaller title (large text).
        for attempt in range(8):
            group = ButtonColumn(self.buttons) if attempt == 0 else ButtonRow(self.buttons)
            title_h = self.title.preferred_size(ui, width)[1]
            tag_h = self.tagline.preferred_size(ui, text_w)[1]
            group_h = group.measure(ui, width)[1]
            total = title_h + sp.l + tag_h + sp.xl + group_h
            if total <= height:
                break
            if attempt >= 1:
                self.title.size_override = round(self.title.font_size(ui) * 0.85)
        top = m + max(0, (height - total) // 2)
        self.title.rect = pygame.Rect(m, top, width, title_h)
        self.tagline.rect = pygame.Rect(size[0] // 2 - text_w // 2, self.title.rect.bottom + sp.l, text_w, tag_h)
        group.place(ui, pygame.Rect(m, self.tagline.rect.bottom + sp.xl, width, group_h), align="center")
        self.rule_y = self.title.rect.bottom + sp.l // 2

    def draw_decor(self, surface: pygame.Surface) -> None:
        assert self.ui is not None
        c = self.ui.theme.colours
        # A soft lamp glow behind the name, and a short terracotta rule under it.
        name_w = min(self.title.rect.width, self.title.preferred_size(self.ui, self.title.rect.width)[0])
        sp = self.ui.theme.spacing
        glow = pygame.Rect(0, 0, name_w + 2 * sp.xxl, self.title.rect.height + sp.xl)
        glow.center = self.title.rect.center
        pygame.draw.ellipse(surface, c.help, glow)
        x = self.size[0] // 2
        pygame.draw.line(surface, c.decor, (x - 60, self.rule_y), (x + 60, self.rule_y), 3)
