"""Take a break: a calm, plain screen that hides everything else at once.

Any key (or a click) goes back to exactly where the pupil was; H goes to help instead (and
help then goes back to where the pupil was). Nothing asks "are you sure?" and nothing times out.
"""

from __future__ import annotations

import pygame

from game.ui.screen import MODIFIER_KEYS, Action, Pop, Replace, Screen, help_button
from game.ui.widgets import Label


class RestScreen(Screen):
    global_keys = False  # every key is "I'm ready"

    def compose(self) -> None:
        self.message = Label("Take as long as you need.", role="heading", align="center")
        self.hint = Label("Press any key when you're ready.", role="body", colour="text_muted", align="center")
        self.help = help_button()
        self.help.on_activate = self.open_help
        self.set_widgets([self.message, self.hint, self.help])

    @property
    def background(self) -> tuple[int, int, int]:
        assert self.ui is not None
        return self.ui.theme.colours.rest_background

    def open_help(self) -> Action:
        from game.ui.screens.help import HelpScreen

        return Replace(HelpScreen())

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        assert self.ui is not None
        ui, m, sp = self.ui, self.margin(), self.ui.theme.spacing
        width = min(size[0] - 2 * m, 900)
        x = size[0] // 2 - width // 2
        msg_h = self.message.preferred_size(ui, width)[1]
        hint_h = self.hint.preferred_size(ui, width)[1]
        bw, bh = self.help.preferred_size(ui, size[0] - 2 * m)
        self.help.rect = pygame.Rect(size[0] - m - bw, size[1] - m - bh, bw, bh)
        room = self.help.rect.top - sp.l - m
        top = m + max(0, (room - msg_h - sp.m - hint_h) // 2)
        self.message.rect = pygame.Rect(x, top, width, msg_h)
        self.hint.rect = pygame.Rect(x, self.message.rect.bottom + sp.m, width, hint_h)

    def draw(self, surface: pygame.Surface) -> None:
        assert self.ui is not None
        surface.fill(self.background)
        for w in self.widgets:  # no focus ring: nothing here asks for a choice
            w.draw(surface, self.ui, hovered=w is self.hover)

    def handle_key(self, event: pygame.event.Event) -> Action | None:
        if event.key in MODIFIER_KEYS:
            return None
        if event.key == pygame.K_h:
            return self.open_help()
        return Pop()

    def on_click_elsewhere(self, pos: tuple[int, int]) -> Action | None:
        return Pop()

