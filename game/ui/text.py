"""Fonts, cached wrapped text, and measuring before drawing.

`load_font` is the one place a font comes from (pygame's default font for now; the shipped
fonts arrive with the accessibility issue). `TextCache.render` keeps rendered surfaces keyed by
(text, size, colour, wrap width), so redrawing an unchanged screen renders nothing.
`TextCache.measure` reports the wrapped size and whether it overflows a box, so screens can
scroll or reflow instead of clipping.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

import pygame

from game.ui.theme import Colour

_ALIGN = {"left": pygame.FONT_LEFT, "center": pygame.FONT_CENTER, "right": pygame.FONT_RIGHT}


def load_font(size: int) -> pygame.font.Font:
    """The game's font at a pixel size. The single source of fonts: swap the file here."""
    return pygame.font.Font(None, size)


@dataclass(frozen=True)
class TextSize:
    width: int
    height: int
    overflow: bool  # True when it does not fit the box it was measured against


class TextCache:
    """Fonts by size and rendered text by (text, size, colour, wrap width); least recently used first out."""

    def __init__(self, max_items: int = 512) -> None:
        self.max_items = max_items
        self._fonts: dict[int, pygame.font.Font] = {}
        self._surfaces: OrderedDict[tuple[str, int, Colour, int, str], pygame.Surface] = OrderedDict()
        self.renders = 0  # how many times text was actually rendered (tests and benchmarks)
        self.font_name = "atkinson"  # a game.settings.FONTS name
        self.line_spacing = 1.5  # times the font's height, between wrapped lines

    def configure(self, font: str, line_spacing: float) -> None:
        """Use another font or line spacing from now on (the settings screen); forgets what was rendered."""
        if (font, line_spacing) != (self.font_name, self.line_spacing):
            self.font_name, self.line_spacing = font, line_spacing
            self._fonts.clear()
            self._surfaces.clear()

    def font(self, size: int) -> pygame.font.Font:
        found = self._fonts.get(size)
        if found is None:
            found = self._fonts[size] = load_font(size)
        return found

    def line_height(self, size: int) -> int:
        return self.font(size).get_linesize()

    def render(self, text: str, size: int, colour: Colour, wrap: int = 0, align: str = "left") -> pygame.Surface:
        """Anti-aliased text on a transparent surface; ``wrap`` > 0 wraps at that many pixels;
        ``align`` ('left', 'center', 'right') lines up wrapped lines."""
        key = (text, size, tuple(colour), max(0, int(wrap)), align)
        found = self._surfaces.get(key)
        if found is not None:
            self._surfaces.move_to_end(key)
            return found
        font = self.font(size)
        if text:
            font.align = _ALIGN[align]
            surface = font.render(text, True, colour, wraplength=key[3])
        else:
            surface = pygame.Surface((0, font.get_height()), pygame.SRCALPHA)
        self.renders += 1
        self._surfaces[key] = surface
        if len(self._surfaces) > self.max_items:
            self._surfaces.popitem(last=False)
        return surface

    def measure(self, text: str, size: int, width: int = 0, height: int | None = None) -> TextSize:
        """The size ``text`` takes wrapped at ``width`` (0: one line per paragraph), and whether it
        overflows a box of ``width`` x ``height`` (``height`` None: only the width is checked)."""
        w, h = self.render(text, size, (0, 0, 0), width).get_size()
        too_wide = width > 0 and w > width
        too_tall = height is not None and h > height
        return TextSize(w, h, too_wide or too_tall)

    def clear(self) -> None:
        self._surfaces.clear()
