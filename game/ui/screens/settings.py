"""Settings (from the title and the pause menu): text size and reduced motion, keyboard first.

    Up / Down (or Tab)   choose a setting
    Left / Right         change it (Enter changes it too: the next size, or on/off)
    Esc                  back to where the pupil was

Every change applies at once (the window lays itself out again at the new text size) and is
saved at once with game.settings.save_settings: there is no "Apply" and no "are you sure?".
"""

from __future__ import annotations

from dataclasses import replace

import pygame

from game.settings import Settings, save_settings
from game.ui.screen import MODIFIER_KEYS, Action, Pop, Screen, break_button, help_button
from game.ui.widgets import Button, ButtonColumn, ButtonRow, Label

TEXT_SIZES = (1.0, 1.25, 1.5, 1.75, 2.0)
HINT = "Up and Down choose a setting. Left and Right change it. Changes are kept at once."


class SettingsScreen(Screen):
    def __init__(self, settings: Settings | None = None) -> None:
        super().__init__()
        self.settings = settings

    def compose(self) -> None:
        assert self.ui is not None
        if self.settings is None:
            self.settings = self.ui.settings
        self.heading = Label("Settings", role="heading")
        self.hint = Label(HINT, role="body", colour="text_muted")
        self.size_button = Button("", lambda: self.change_text_size(1, wrap=True), variant="primary")
        self.motion_button = Button("", lambda: self.toggle_motion())
        self.back = Button("Back (Esc)", lambda: Pop(), hotkey="escape")
        self.buttons = [self.size_button, self.motion_button, self.back]
        self.column = ButtonColumn(self.buttons, gap="m")
        self.top_row = ButtonRow([help_button(), break_button()], gap="m")
        self.show_hint = True
        self.refresh_labels()
        self.arrange()

    def arrange(self) -> None:
        focused = self.focus.focused
        hint = [self.hint] if self.show_hint else []
        self.set_widgets([self.heading, *hint, *self.buttons, *self.top_row.buttons])
        if focused is not None:
            self.focus.focus(focused)

    def refresh_labels(self) -> None:
        assert self.settings is not None
        self.size_button.label = f"Text size: {round(self.settings.text_scale * 100)}%  (Left / Right)"
        self.motion_button.label = f"Reduced motion: {'On' if self.settings.reduced_motion else 'Off'}"

    # -- changes ------------------------------------------------------------------------------
    def change_text_size(self, direction: int, wrap: bool = False) -> None:
        assert self.settings is not None and self.ui is not None
        now = min(TEXT_SIZES, key=lambda s: abs(s - self.settings.text_scale))
        index = TEXT_SIZES.index(now) + direction
        if wrap:
            index %= len(TEXT_SIZES)
        index = max(0, min(len(TEXT_SIZES) - 1, index))
        self.apply(replace(self.settings, text_scale=TEXT_SIZES[index]))

    def toggle_motion(self) -> None:
        assert self.settings is not None
        self.apply(replace(self.settings, reduced_motion=not self.settings.reduced_motion))

    def apply(self, settings: Settings) -> None:
        """Use ``settings`` now (the shared theme: every screen lays out again when next shown) and save them."""
        assert self.ui is not None
        if settings == self.settings:
            return
        self.settings = settings
        save_settings(settings)
        self.ui.apply(settings)
        self.refresh_labels()
        if self.size != (0, 0):
            self.layout(self.size)

    # -- input ---------------------------------------------------------------------------------
    def handle_key(self, event: pygame.event.Event) -> Action | None:
        key = event.key
        if key in MODIFIER_KEYS:
            return None
        focused = self.focus.focused
        if key in (pygame.K_LEFT, pygame.K_RIGHT) and focused in (self.size_button, self.motion_button):
            self.dirty = True
            if focused is self.size_button:
                self.change_text_size(1 if key == pygame.K_RIGHT else -1)
            else:
                self.toggle_motion()
            return None
        if key in (pygame.K_UP, pygame.K_DOWN):
            self.dirty = True
            self.focus.move(1 if key == pygame.K_DOWN else -1)
            return None
        return super().handle_key(event)

    # -- layout --------------------------------------------------------------------------------
    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        assert self.ui is not None
        ui, m, sp = self.ui, self.margin(), self.ui.theme.spacing
        top = self.place_top_bar(self.heading, self.top_row)
        width = min(size[0] - 2 * m, 900)
        x = size[0] // 2 - width // 2
        hint_h = self.hint.preferred_size(ui, width)[1]
        col_h = self.column.measure(ui, width)[1]
        room = size[1] - m - top
        show_hint = hint_h + sp.l + col_h <= room
        if show_hint != self.show_hint:
            self.show_hint = show_hint
            self.arrange()
        total = col_h + ((hint_h + sp.l) if show_hint else 0)
        y = top + max(0, (room - total) // 2)
        if show_hint:
            self.hint.rect = pygame.Rect(x, y, width, hint_h)
            y += hint_h + sp.l
        self.column.place(ui, pygame.Rect(x, y, width, col_h), align="center")
