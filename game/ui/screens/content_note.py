"""Before the first story of a session: a short, calm note on what the stories are about.

``ReadingScreen`` is the shape it shares with How to play: a heading with Get help and Take a
break beside it, text that scrolls instead of clipping at large text sizes, and a row of
buttons at the bottom (the first one focused).
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.ui.screen import Action, Pop, Replace, Screen, break_button, help_button
from game.ui.widgets import Button, ButtonRow, Label, Paragraph, ScrollText

NOTE = [
    Paragraph("These stories are about young people who are pressured or tricked by someone who wants "
              "to harm them. Sometimes that person pretends to be a friend."),
    Paragraph("In each story you play a friend who notices that something is not right, and works out "
              "what to do.", space_before="m"),
    Paragraph("You can stop at any time. Nothing bad happens if you do.", "subheading", space_before="l"),
    Paragraph("Help is always one key away: press H.", "subheading", space_before="m"),
    Paragraph("It is always OK to talk to a trusted adult, like a parent or carer, or a teacher, about "
              "anything in these stories.", "subheading", space_before="m"),
]


class ReadingScreen(Screen):
    """A heading, scrolling text and a row of buttons; subclasses say what goes in them."""

    heading_text = ""
    max_text_width = 1100

    def body(self) -> ScrollText:
        raise NotImplementedError

    def actions(self) -> list[Button]:
        raise NotImplementedError

    def compose(self) -> None:
        self.heading = Label(self.heading_text, role="heading")
        self.text = self.body()
        self.help = help_button()
        self.rest = break_button()
        self.top_row = ButtonRow([self.help, self.rest])
        self.bottom_row = ButtonRow(self.actions())
        self.scroll = self.text
        self.set_widgets([self.heading, self.text, *self.bottom_row.buttons, self.help, self.rest])

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        assert self.ui is not None
        ui, m, sp = self.ui, self.margin(), self.ui.theme.spacing
        width = min(size[0] - 2 * m, self.max_text_width)
        x = (size[0] - width) // 2  # one centred column on a wide window
        bar_w, bar_h = self.top_row.measure(ui, width)
        head_w, head_h = self.heading.preferred_size(ui, width)
        if head_w + sp.l + bar_w <= width:
            band = max(head_h, bar_h)
            self.heading.rect = pygame.Rect(x, m + (band - head_h) // 2, head_w, head_h)
            self.top_row.place(ui, pygame.Rect(x + width - bar_w, m + (band - bar_h) // 2, bar_w, bar_h),
                               align="right")
            top = m + band + sp.l
        else:
            self.top_row.place(ui, pygame.Rect(x, m, width, bar_h), align="right")
            self.heading.rect = pygame.Rect(x, m + bar_h + sp.l, width, head_h)
            top = self.heading.rect.bottom + sp.l
        row_h = self.bottom_row.measure(ui, width)[1]
        room = max(0, size[1] - m - row_h - sp.xl - top)
        self.text.rect = pygame.Rect(x, top, width, room)
        # Short text: the buttons follow it rather than sitting at the bottom of a big window.
        self.text.rect.height = min(room, self.text.content_height(ui))
        self.bottom_row.place(ui, pygame.Rect(x, self.text.rect.bottom + sp.xl, width, row_h))


class ContentNoteScreen(ReadingScreen):
    """``then`` makes the screen that follows (How to play, the picker, or a resumed story)."""
    place = ""  # no background sound here

    heading_text = "Before you start"

    def __init__(self, then: Callable[[], Screen] | None = None) -> None:
        super().__init__()
        self.then = then

    def body(self) -> ScrollText:
        return ScrollText(NOTE)

    def actions(self) -> list[Button]:
        self.go_on = Button("Carry on (Enter)", self.carry_on, variant="primary")
        self.back = Button("Back (Esc)", self.go_back, hotkey="escape")
        return [self.go_on, self.back]

    def carry_on(self) -> Action:
        return Replace(self.then()) if self.then is not None else Pop()

    def go_back(self) -> Action:
        return Pop()
