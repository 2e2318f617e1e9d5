"""The story so far (L): every line, choice and feedback of this playthrough, to read back at
the pupil's own pace. It opens at the newest part; Esc, L or Back returns to the same place."""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from game.story.runtime import Entry
from game.ui.screen import MODIFIER_KEYS, Action, Pop, Screen, break_button, help_button
from game.ui.widgets import Button, ButtonRow, Label, Paragraph, ScrollText

HINT = "Up and Down scroll. Esc or L takes you back to the story."


def history_paragraphs(entries: Sequence[Entry]) -> list[Paragraph]:
    out: list[Paragraph] = []
    for entry in entries:
        if entry.kind == "ending":
            out.append(Paragraph(entry.text, "subheading", space_before="l"))
        elif entry.kind == "choice":
            out.append(Paragraph(f"You chose: {entry.text}", "body", space_before="m"))
            if entry.feedback:
                out.append(Paragraph(entry.feedback, "body", "text_muted", space_before="xs"))
            out.append(Paragraph("", "small", space_before="s"))
        elif entry.speaker:
            out.append(Paragraph(f"{entry.speaker}: {entry.text}", "body"))
        else:
            out.append(Paragraph(entry.text, "body", "text_muted"))
    return out or [Paragraph("Nothing yet.", "body", "text_muted")]


class HistoryScreen(Screen):
    def __init__(self, entries: Sequence[Entry]) -> None:
        super().__init__()
        self.entries = list(entries)
        self.opened = False

    def compose(self) -> None:
        self.heading = Label("The story so far", role="heading")
        self.text = ScrollText(history_paragraphs(self.entries))
        self.back = Button("Back (Esc)", lambda: Pop(), hotkey="escape", variant="primary")
        self.top_row = ButtonRow([self.back, help_button(), break_button()], gap="m")
        self.hint = Label(HINT, role="small", colour="text_muted")
        self.scroll = self.text
        self.set_widgets([self.heading, self.text, self.hint, *self.top_row.buttons])

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        assert self.ui is not None
        ui, m, sp = self.ui, self.margin(), self.ui.theme.spacing
        top = self.place_top_bar(self.heading, self.top_row)
        width = size[0] - 2 * m
        hint_h = self.hint.preferred_size(ui, width)[1]
        self.hint.rect = pygame.Rect(m, size[1] - m - hint_h, width, hint_h)
        text_w = min(width, 1100)
        self.text.rect = pygame.Rect(size[0] // 2 - text_w // 2, top, text_w, max(0, self.hint.rect.top - sp.m - top))
        if not self.opened:  # open at the newest part, where the pupil is
            self.opened = True
            self.text.scroll_to(ui, self.text.max_offset(ui))

    def handle_key(self, event: pygame.event.Event) -> Action | None:
        if event.key in MODIFIER_KEYS:
            return None
        if event.key in (pygame.K_ESCAPE, pygame.K_l):
            return Pop()
        return super().handle_key(event)
