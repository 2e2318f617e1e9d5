"""Shown instead of closing the window when a screen fails; the traceback is in the log."""

from __future__ import annotations

import pygame

from game.ui.screen import Action, PopToRoot, Quit, Screen, break_button, help_button
from game.ui.widgets import Button, ButtonRow, Label


class CrashScreen(Screen):
    def __init__(self, log_path: str | None = None) -> None:
        super().__init__()
        self.log_path = log_path

    def compose(self) -> None:
        self.heading = Label("Something went wrong.", role="heading")
        # Until the play screens autosave, this must not promise a saved place: it tells the
        # pupil only what is true. ("Your place is saved." arrives with the play screens.)
        self.body = Label("It was not caused by anything you did. You can carry on from the start screen.",
                          role="body")
        self.cont = Button("Continue", self.carry_on, variant="primary")
        self.quit = Button("Quit", lambda: Quit())
        self.top_row = ButtonRow([help_button(), break_button()])
        self.choices = ButtonRow([self.cont, self.quit])
        self.set_widgets([self.heading, self.body, self.cont, self.quit, *self.top_row.buttons])

    def carry_on(self) -> Action:
        return PopToRoot()  # the title, until the play screens can resume a story

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        assert self.ui is not None
        ui, m, sp = self.ui, self.margin(), self.ui.theme.spacing
        top = self.place_top_bar(None, self.top_row)
        width = min(size[0] - 2 * m, 900)
        x = size[0] // 2 - width // 2
        head_h = self.heading.preferred_size(ui, width)[1]
        body_h = self.body.preferred_size(ui, width)[1]
        choices_h = self.choices.measure(ui, width)[1]
        total = head_h + sp.m + body_h + sp.xl + choices_h
        y = max(top, top + (size[1] - m - top - total) // 2)
        self.heading.rect = pygame.Rect(x, y, width, head_h)
        self.body.rect = pygame.Rect(x, self.heading.rect.bottom + sp.m, width, body_h)
        self.choices.place(ui, pygame.Rect(x, self.body.rect.bottom + sp.xl, width, choices_h))
