"""The developer overlay (F12): what a writer or developer needs to see, drawn over any screen.

Off by default and never shown to pupils unless F12 is pressed. It shows the top screen, and
from the top story being played (a PlayScreen, or the one under the pause menu): the scenario
id, the scene (or ending) id, the flags and counters; and how long the last frame took to draw.
It draws at a fixed small size, whatever the pupil's text scale, in a panel in the top-left corner.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

if TYPE_CHECKING:
    from game.story.runtime import Playthrough
    from game.ui.screen import Screen
    from game.ui.widgets import Ui

FONT_SIZE = 22
PANEL = (24, 28, 36, 215)
TEXT = (245, 245, 240)
PAD = 10


def top_playthrough(stack: list[Screen]) -> Playthrough | None:
    """The playthrough of the top story on the stack (under a pause menu too), or None."""
    from game.ui.screens.play import PlayScreen

    for screen in reversed(stack):
        for candidate in (screen, getattr(screen, "play", None)):
            if isinstance(candidate, PlayScreen):
                return candidate.pt
    return None


class DevOverlay:
    def __init__(self) -> None:
        self.visible = False
        self.frame_ms = 0.0  # how long the last frame took to draw

    def toggle(self) -> None:
        self.visible = not self.visible

    def lines(self, stack: list[Screen]) -> list[str]:
        out = ["Developer overlay (F12 hides it)", f"screen: {type(stack[-1]).__name__ if stack else '-'}"]
        pt = top_playthrough(stack)
        if pt is None:
            out.append("no story is being played")
        else:
            out.append(f"scenario: {pt.story.id}")
            if pt.finished and pt.ending is not None:
                out.append(f"ending: {pt.ending.id}")
            else:
                out.append(f"scene: {pt.scene.id if pt.scene is not None else '-'}")
            state = pt.state
            flags = [f"{k}={'true' if v else 'false'}" for k, v in state.items() if isinstance(v, bool)]
            counters = [f"{k}={v}" for k, v in state.items() if not isinstance(v, bool)]
            out.append("flags: " + (", ".join(flags) or "none"))
            out.append("counters: " + (", ".join(counters) or "none"))
        out.append(f"last frame: {self.frame_ms:.1f} ms")
        return out

    def draw(self, surface: pygame.Surface, ui: Ui, stack: list[Screen]) -> pygame.Rect:
        """Draw the panel in the top-left corner (the play screen's buttons are on the right);
        returns where it was drawn."""
        wrap = min(surface.get_width() // 2, 560) - 2 * PAD
        rendered = [ui.text.render(line, FONT_SIZE, TEXT, wrap=wrap) for line in self.lines(stack)]
        width = max(r.get_width() for r in rendered) + 2 * PAD
        height = sum(r.get_height() for r in rendered) + 2 * PAD
        rect = pygame.Rect(PAD, PAD, width, height)
        panel = pygame.Surface(rect.size, pygame.SRCALPHA)
        pygame.draw.rect(panel, PANEL, panel.get_rect(), border_radius=8)
        surface.blit(panel, rect)
        y = rect.y + PAD
        for r in rendered:
            surface.blit(r, (rect.x + PAD, y))
            y += r.get_height()
        return rect
