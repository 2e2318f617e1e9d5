"""Pause (Esc in a story): Resume, the story so far, back a step, settings, help, leave, quit.

The pause stands in for the story on the stack (Replace), so leaving can swap it for help and
then the debrief without leaving the story underneath. Leaving never asks "are you sure?": it
shows help first, then the debrief for what was seen so far. Quit keeps the autosave, so the
pupil can carry on another time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui.screen import MODIFIER_KEYS, Action, Pop, Push, Quit, Replace, Screen, break_button, help_button
from game.ui.screens.help import HelpScreen
from game.ui.widgets import Button, ButtonColumn, ButtonRow, Label

if TYPE_CHECKING:
    from game.ui.screens.play import PlayScreen


class PauseScreen(Screen):
    def __init__(self, play: PlayScreen) -> None:
        super().__init__()
        self.play = play

    def compose(self) -> None:
        self.heading = Label("Paused", role="heading")
        self.body = Label("Take your time. Nothing happens until you choose.", role="body", colour="text_muted")
        self.resume = Button("Resume (Esc)", self.resume_story, hotkey="escape", variant="primary")
        self.history = Button("Story so far (L)", self.open_history, hotkey="l")
        self.undo = Button("Back a step (Z)", self.back_a_step, hotkey="z")
        self.settings = Button("Settings", self.open_settings)
        self.leave = Button("Leave this story", self.leave_story)
        self.quit = Button("Quit the game", self.ask_quit)
        # Every button keeps its place: Back a step is greyed when there is nothing to go back to.
        self.undo.enabled = bool(self.play.pt.steps)
        buttons = [self.resume, self.history, self.undo, self.settings, self.leave, self.quit]
        self.buttons = buttons
        self.column = ButtonColumn(buttons, gap="m")
        self.top_row = ButtonRow([help_button(), break_button()], gap="m")
        self.set_widgets([self.heading, self.body, *buttons, *self.top_row.buttons])

    def resume_story(self) -> Action:
        return Replace(self.play)

    def open_history(self) -> Action:
        from game.ui.screens.history import HistoryScreen

        return Push(HistoryScreen(self.play.pt.history(), self.play.pt, on_spot=self.play.autosave))

    def ask_quit(self) -> Action:
        from game.ui.screens.confirm import ConfirmScreen

        kept = ("Your place in this story is kept: next time, choose Continue on the title to carry on."
                if self.play.store is not None else "This story will start again from the beginning next time.")
        return Push(ConfirmScreen("Quit the game?", kept, "Yes, quit", lambda: Quit(), no="No, stay"))

    def open_settings(self) -> Action:
        from game.ui.screens.settings import SettingsScreen

        return Push(SettingsScreen())

    def back_a_step(self) -> Action:
        self.play.undo()
        return Replace(self.play)

    def leave_story(self) -> Action:
        return self.play.leave()

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        assert self.ui is not None
        ui, m, sp = self.ui, self.margin(), self.ui.theme.spacing
        top = self.place_top_bar(self.heading, self.top_row)
        width = min(size[0] - 2 * m, 900)
        x = size[0] // 2 - width // 2
        body_h = self.body.preferred_size(ui, width)[1]
        room = size[1] - m - top
        # One button under another; side by side (wrapping) when the column does not fit (large text).
        group: ButtonColumn | ButtonRow = self.column
        if self.column.measure(ui, width)[1] > room:
            group = ButtonRow(self.buttons, gap="m")
        col_h = group.measure(ui, width)[1]
        show_body = body_h + sp.l + col_h <= room
        total = col_h + ((body_h + sp.l) if show_body else 0)
        y = top + max(0, (room - total) // 2)
        focused = self.focus.focused
        self.set_widgets([self.heading, *([self.body] if show_body else []), *self.buttons, *self.top_row.buttons])
        if focused is not None:
            self.focus.focus(focused)
        if show_body:
            self.body.rect = pygame.Rect(x, y, width, body_h)
            y += body_h + sp.l
        group.place(ui, pygame.Rect(x, y, width, col_h), align="center")

    def handle_key(self, event: pygame.event.Event) -> Action | None:
        if event.key in MODIFIER_KEYS:
            return None
        if event.key == pygame.K_ESCAPE:
            return self.resume_story()
        return super().handle_key(event)


class LeavingHelpScreen(HelpScreen):
    """Help, shown when a pupil leaves a story early; going back from it opens the debrief."""

    def __init__(self, debrief: Screen) -> None:
        super().__init__()
        self.debrief = debrief

    def compose(self) -> None:
        from game.ui.screens.help import load_help
        from game.ui.widgets import Paragraph

        super().compose()
        self.back.label = "Continue (Esc)"
        help_file = load_help()
        if help_file is not None:
            self.text.paragraphs.insert(0, Paragraph(help_file.leaving_early, "body"))

    def take_break(self) -> Action:
        from game.ui.screens.rest import RestScreen

        return Push(RestScreen())  # the break comes back here, then on to the debrief

    def handle(self, event: pygame.event.Event) -> Action | None:
        action = super().handle(event)
        return Replace(self.debrief) if isinstance(action, Pop) else action
