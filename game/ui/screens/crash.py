"""Shown instead of closing the window when a screen fails; the traceback is in the log."""

from __future__ import annotations

import pygame

from game.ui.screen import Action, PopToRoot, Quit, Screen, break_button, help_button
from game.ui.widgets import Button, ButtonRow, Label

SAVED_TEXT = ("Your place is saved. It was not caused by anything you did. "
              "Continue takes you back to your story.")


class CrashScreen(Screen):
    place = ""  # no background sound here

    def __init__(self, log_path: str | None = None) -> None:
        super().__init__()
        self.log_path = log_path

    def compose(self) -> None:
        self.heading = Label("Something went wrong.", role="heading")
        # It tells the pupil only what is true: "Your place is saved." only when there is a save.
        self.saved = self.save_exists()
        body = (SAVED_TEXT if self.saved
                else "It was not caused by anything you did. You can carry on from the start screen.")
        self.body = Label(body, role="body")
        self.cont = Button("Continue", self.carry_on, variant="primary")
        self.quit = Button("Quit", lambda: Quit())
        self.top_row = ButtonRow([help_button(), break_button()])
        self.choices = ButtonRow([self.cont, self.quit])
        self.set_widgets([self.heading, self.body, self.cont, self.quit, *self.top_row.buttons])

    @staticmethod
    def save_exists() -> bool:
        from game.saves import continuable

        return continuable()

    def carry_on(self) -> Action:
        """Back into the saved story (the title under it), or the title when there is no usable save."""
        from game.ui.app import OnTitle
        from game.ui.screens.title import resume_autosave

        if self.saved:
            try:
                result = resume_autosave()
            except Exception:  # the save could not be used: the title, never a second crash
                result = None
            if isinstance(result, Screen):
                return OnTitle(result)
        return PopToRoot()

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
