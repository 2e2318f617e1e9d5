"""The dialogue box of a place scene, as visual novels have it: a calm box across the bottom of
the window, a name plate on its top edge saying who speaks, and one line at a time.

    box = DialogueBox()                 # the box itself (drawn under its parts)
    box.plate.text = "Mia"              # the name plate ("" for narration: no plate)
    box.line.set("Look! Someone ...", role="speech")   # the words, typing in with line.typed
    box.chip.text = "Earlier line, 2 of 5"             # a note on the box's top edge, right

The play screen places these (game/ui/screens/play.py) and says what they show; nothing here
reads the story.
"""

from __future__ import annotations

import pygame

from game.ui.widgets import Ui, Widget, draw_scroll_bar


class DialogueBox(Widget):
    """The box: the page colour with a quiet border, so text never sits on the picture."""

    backdrop = True

    def __init__(self) -> None:
        super().__init__()
        self.plate = NamePlate()
        self.chip = Chip()
        self.line = LineText()
        self.earlier = False  # showing a line before the newest: a dashed look, so it reads as looking back

    def draw(self, surface: pygame.Surface, ui: Ui, focused: bool = False, hovered: bool = False) -> None:
        t, c = ui.theme, ui.theme.colours
        pygame.draw.rect(surface, c.background, self.rect, border_radius=t.radii.large)
        edge = c.accent if self.earlier else c.surface
        pygame.draw.rect(surface, edge, self.rect, width=t.border_width + (1 if self.earlier else 0),
                         border_radius=t.radii.large)


class _Pill(Widget):
    """One line of text in a rounded pill (the name plate, the chip)."""

    role = "button"

    def __init__(self) -> None:
        super().__init__()
        self.text = ""

    def _pad(self, ui: Ui) -> tuple[int, int]:
        return ui.theme.spacing.m, ui.theme.spacing.s

    def preferred_size(self, ui: Ui, max_width: int) -> tuple[int, int]:
        if not self.text:
            return (0, 0)
        px, py = self._pad(ui)
        m = ui.text.measure(self.text, ui.theme.font_size(self.role), max(1, max_width - 2 * px))
        return (min(max_width, m.width + 2 * px), m.height + 2 * py)

    def colours(self, ui: Ui) -> tuple[tuple[int, int, int], tuple[int, int, int], tuple[int, int, int]]:
        c = ui.theme.colours
        return c.surface, c.text, c.accent

    def draw(self, surface: pygame.Surface, ui: Ui, focused: bool = False, hovered: bool = False) -> None:
        if not self.text or not self.rect.width:
            return
        t = ui.theme
        fill, ink, edge = self.colours(ui)
        pygame.draw.rect(surface, fill, self.rect, border_radius=t.radii.medium)
        pygame.draw.rect(surface, edge, self.rect, width=t.border_width, border_radius=t.radii.medium)
        px, _ = self._pad(ui)
        image = ui.text.render(self.text, t.font_size(self.role), ink, max(1, self.rect.width - 2 * px))
        surface.blit(image, image.get_rect(midleft=(self.rect.x + px, self.rect.centery)))

    def overflows(self, ui: Ui) -> bool:
        px, py = self._pad(ui)
        return bool(self.text) and ui.text.measure(self.text, ui.theme.font_size(self.role), self.rect.width - 2 * px,
                                                   self.rect.height - 2 * py).overflow


class NamePlate(_Pill):
    """Who is speaking, on the box's top-left edge: "Mia", "Sam (you)", "Mum (on the phone)"."""

    def colours(self, ui: Ui) -> tuple[tuple[int, int, int], tuple[int, int, int], tuple[int, int, int]]:
        c = ui.theme.colours
        return c.primary, c.on_primary, c.primary


class Chip(_Pill):
    """A short note on the box's top-right edge: "Earlier line, 2 of 5", or "Flagged" in lamp glow."""

    role = "small"

    def __init__(self) -> None:
        super().__init__()
        self.flagged = False

    def colours(self, ui: Ui) -> tuple[tuple[int, int, int], tuple[int, int, int], tuple[int, int, int]]:
        c = ui.theme.colours
        return (c.help, c.text, c.help_border) if self.flagged else (c.surface, c.text, c.accent)


class LineText(Widget):
    """The words of the line showing. While it types in, only ``typed`` characters show (the box is
    always sized for the whole line, so nothing moves as words appear). A line too long for its
    room scrolls (PageUp/PageDown, the wheel), with a scroll bar as the cue."""

    def __init__(self) -> None:
        super().__init__()
        self.text = ""
        self.muted = False  # narration: the quieter ink
        self.typed: int | None = None
        self.offset = 0

    def set(self, text: str, muted: bool = False) -> None:
        if text != self.text:
            self.offset = 0
        self.text, self.muted = text, muted

    def _bar(self, ui: Ui) -> int:
        return ui.theme.spacing.s + ui.theme.spacing.m

    def content_height(self, ui: Ui, width: int) -> int:
        return ui.text.measure(self.text, ui.theme.font_size("body"), max(1, width - self._bar(ui))).height

    def max_offset(self, ui: Ui) -> int:
        return max(0, self.content_height(ui, self.rect.width) - self.rect.height)

    def scroll_by(self, ui: Ui, dy: int) -> bool:
        new = min(max(0, self.offset + dy), self.max_offset(ui))
        changed, self.offset = new != self.offset, new
        return changed

    def draw(self, surface: pygame.Surface, ui: Ui, focused: bool = False, hovered: bool = False) -> None:
        if not self.text or self.rect.height <= 0:
            return
        c = ui.theme.colours
        self.offset = min(self.offset, self.max_offset(ui))
        width = max(1, self.rect.width - self._bar(ui))
        shown = self.text[:self.typed] if self.typed is not None else self.text
        image = ui.text.render(shown, ui.theme.font_size("body"), c.text_muted if self.muted else c.text, width)
        old_clip = surface.get_clip()
        surface.set_clip(self.rect.clip(old_clip) if old_clip else self.rect)
        surface.blit(image, (self.rect.x, self.rect.y - self.offset))
        surface.set_clip(old_clip)
        if self.max_offset(ui) > 0:
            draw_scroll_bar(surface, ui, self.rect.right - ui.theme.spacing.s, self.rect, self.offset,
                            self.content_height(ui, self.rect.width))
