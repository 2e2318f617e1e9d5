"""Text only (V in a story): the scene so far as plain scrolling text, in the pupil's font and
size, with nothing else on the screen. For pupils who find the panels and pictures too busy,
and for screen magnifiers. Esc or V goes back to exactly where they were."""

from __future__ import annotations

import pygame

from game.ui.screen import Action, Pop
from game.ui.screens.content_note import ReadingScreen
from game.ui.widgets import Button, Paragraph, ScrollText


class TextViewScreen(ReadingScreen):
    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.heading_text = title
        self.plain = text

    def body(self) -> ScrollText:
        paragraphs = [Paragraph(part, space_before="m") for part in self.plain.split("\n\n") if part.strip()]
        return ScrollText(paragraphs or [Paragraph("Nothing has happened yet in this part of the story.")])

    def actions(self) -> list[Button]:
        self.back = Button("Back to the story (Esc)", lambda: Pop(), hotkey="escape", variant="primary")
        return [self.back]

    def on_other_key(self, event: pygame.event.Event) -> Action | None:
        return Pop() if event.key == pygame.K_v else None

    def screen_text(self) -> str:
        return self.plain
