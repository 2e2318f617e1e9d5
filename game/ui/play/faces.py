"""The people beside the phone in a chat scene: the pupil's character and the friend whose phone
it is, each a round face on a small card with their name, showing the mood of what they last said
(calm until they say something)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from game.ui import portraits
from game.ui.widgets import Ui, Widget

if TYPE_CHECKING:
    from game.story.model import Look


@dataclass(frozen=True, slots=True)
class Reaction:
    look: Look
    name: str
    mood: str


class Faces(Widget):
    """Side by side when there is room, else one above the other; nothing when too small to read."""

    backdrop = True  # drawn under the text and buttons; its names are part of its picture

    def __init__(self) -> None:
        super().__init__()
        self.people: list[Reaction] = []

    def card_size(self, ui: Ui, face: int) -> tuple[int, int]:
        sp = ui.theme.spacing
        return face + 2 * sp.m, face + sp.s + ui.text.one_line(ui.theme.font_size("small")) + 2 * sp.m

    def min_face(self, ui: Ui) -> int:
        return 3 * ui.theme.spacing.xl  # big enough to read a face from the back of a classroom

    def fits(self, ui: Ui, rect: pygame.Rect) -> int:
        """The face diameter that fits ``rect`` side by side (0: none does)."""
        n, sp = len(self.people), ui.theme.spacing
        if not n:
            return 0
        small = ui.text.one_line(ui.theme.font_size("small"))
        by_width = (rect.width - (n - 1) * sp.m) // n - 2 * sp.m
        by_height = rect.height - sp.s - small - 2 * sp.m
        face = min(by_width, by_height, 8 * sp.xl)  # up to 320 pixels: a face to read across a classroom
        return face if face >= self.min_face(ui) else 0

    def draw(self, surface: pygame.Surface, ui: Ui, focused: bool = False, hovered: bool = False) -> None:
        face = self.fits(ui, self.rect)
        if not face:
            return
        t, c, sp = ui.theme, ui.theme.colours, ui.theme.spacing
        w, h = self.card_size(ui, face)
        n = len(self.people)
        x = self.rect.centerx - (n * w + (n - 1) * sp.m) // 2
        for person in self.people:
            card = pygame.Rect(x, self.rect.y, w, h)
            pygame.draw.rect(surface, c.background, card, border_radius=t.radii.large)
            pygame.draw.rect(surface, c.surface, card, width=t.border_width, border_radius=t.radii.large)
            surface.blit(portraits.avatar(person.look, person.mood, face, c.surface), (card.x + sp.m, card.y + sp.m))
            name = ui.text.render(person.name, t.font_size("small"), c.text, w - 2 * sp.s, "center")
            surface.blit(name, (card.centerx - name.get_width() // 2, card.y + sp.m + face + sp.s))
            x += w + sp.m
