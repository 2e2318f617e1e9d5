"""The shape the teacher area's reading pages share (its home, a story's page, the read-through):
a heading with Back, Get help and Take a break beside it, text that scrolls, an optional line
of hints, and a row of buttons under them.

On a short window with large text the heading, then the hint, give their room to the text, so
the text always keeps at least ``MIN_TEXT_SHARE`` of the window (1024x600 at text size 2.0).
"""

from __future__ import annotations

import pygame

from game.ui.screen import Action, Pop, Screen, break_button, help_button
from game.ui.widgets import Button, ButtonRow, Label, ScrollText

MIN_TEXT_SHARE = 0.4


class TeacherPage(Screen):
    place = ""  # no background sound here

    heading_text = ""
    max_text_width = 1100

    def body(self) -> ScrollText:
        raise NotImplementedError

    def actions(self) -> list[Button]:
        raise NotImplementedError

    def go_back(self) -> Action | None:
        return Pop()

    def compose(self) -> None:
        self.heading = Label(self.heading_text, role="heading")
        self.text = self.body()
        self.back = Button("Back (Esc)", self.go_back, hotkey="escape")
        self.top_row = ButtonRow([self.back, help_button(), break_button()], gap="m")
        self.bottom_row = ButtonRow(self.actions(), gap="m")
        self.hint = Label("", role="small", colour="text_muted")
        self.hint_optional = True  # False while the hint says something the teacher needs (the find line)
        self.scroll = self.text
        self.arrange()

    def arrange(self, heading: bool = True, hint: bool = True) -> None:
        focused = self.focus.focused
        shown = [w for w, on in ((self.heading, heading), (self.hint, hint and bool(self.hint.text))) if on]
        self.set_widgets([*shown, self.text, *self.bottom_row.buttons, *self.top_row.buttons],
                         [*self.bottom_row.buttons, *self.top_row.buttons])
        if focused is not None:
            self.focus.focus(focused)

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        assert self.ui is not None
        for heading, hint in ((True, True), (False, True), (False, False)):
            if not hint and not self.hint_optional:
                break
            room = self._place(size, heading, hint)
            if room >= size[1] * MIN_TEXT_SHARE:
                break
        self.arrange(heading, hint or not self.hint_optional)
        self._place(size, heading, hint or not self.hint_optional)

    def _place(self, size: tuple[int, int], heading: bool, hint: bool) -> int:
        """Place everything; returns the height the text may use."""
        assert self.ui is not None
        ui, m, sp = self.ui, self.margin(), self.ui.theme.spacing
        width = min(size[0] - 2 * m, self.max_text_width)
        x = (size[0] - width) // 2  # one centred column on a wide window
        right = size[0] - m  # the buttons sit at the window's edge, the heading over the text
        bar_w, bar_h = self.top_row.measure(ui, right - x)
        head_w, head_h = self.heading.preferred_size(ui, width)
        if heading and x + head_w + sp.l + bar_w <= right:
            band = max(head_h, bar_h)
            self.heading.rect = pygame.Rect(x, m + (band - head_h) // 2, head_w, head_h)
            self.top_row.place(ui, pygame.Rect(right - bar_w, m + (band - bar_h) // 2, bar_w, bar_h),
                               align="right")
            top = m + band + sp.l
        else:
            self.top_row.place(ui, pygame.Rect(x, m, width, bar_h), align="right")
            self.heading.rect = pygame.Rect(x, m + bar_h + sp.l, width, head_h)
            top = (self.heading.rect.bottom if heading else m + bar_h) + sp.l
        row_h = self.bottom_row.measure(ui, width)[1]
        hint_h = self.hint.preferred_size(ui, width)[1] + sp.s if hint and self.hint.text else 0
        room = max(0, size[1] - m - row_h - hint_h - sp.l - top)
        # Short text: the buttons follow it rather than sitting at the bottom of a big window.
        self.text.rect = pygame.Rect(x, top, width, room)  # the width first: the height depends on it
        self.text.rect.height = min(room, self.text.content_height(ui))
        y = self.text.rect.bottom + sp.l
        if hint_h:
            self.hint.rect = pygame.Rect(x, y, width, hint_h - sp.s)
            y += hint_h
        self.bottom_row.place(ui, pygame.Rect(x, y, width, row_h))
        return room

