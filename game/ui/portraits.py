"""Character pictures for the window: game/art/characters.py's SVG, drawn by pygame-ce's SVG loader
at exactly the size needed, and kept in a small least-recently-used cache.

    figure(look, mood, (w, h))          # the half-body figure that stands in a place
    avatar(look, mood, diameter, backing) # a round face for beside a line

Both always return a surface: when this pygame cannot load SVG (or the SVG fails), a plain
head-and-shoulders shape in the look's skin and top colours is drawn instead, and the game goes on.
"""

from __future__ import annotations

import io
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import pygame

from game.art import characters
from game.ui.theme import Colour, hex_colour

MAX_ENTRIES = 64
MAX_PIXELS = 4_000_000  # about 16 MB of pictures at most, whatever the window size
DIM = (190, 190, 198)  # multiplies a figure's colours: someone not speaking, a step back in the shade
SUPERSAMPLE = 2  # a round avatar is cut at twice its size and scaled down, for a smooth edge


def look_key(look: Any) -> tuple:
    """A hashable key for a Look, from every field the model has (a field added later is part of
    the key without anyone remembering to add it; lists, like the accessories, become tuples)."""
    if look is None:
        return ()
    values = (getattr(look, name) for name in type(look).model_fields)
    return tuple(tuple(sorted(v)) if isinstance(v, list) else v for v in values)


class PortraitCache:
    """Rendered pictures by (look, mood, size, kind), least recently used out first, bounded both
    by count and by pixels."""

    def __init__(self, max_entries: int = MAX_ENTRIES, max_pixels: int = MAX_PIXELS) -> None:
        self.max_entries, self.max_pixels = max_entries, max_pixels
        self._items: OrderedDict[tuple, pygame.Surface] = OrderedDict()
        self.pixels = 0
        self.renders = 0  # SVG rasterisations (tests and benchmarks)
        self.failures = 0  # SVG loads that failed and fell back to the plain shape

    def __len__(self) -> int:
        return len(self._items)

    def clear(self) -> None:
        self._items.clear()
        self.pixels = 0

    def _get(self, key: tuple, make: Callable[[], pygame.Surface]) -> pygame.Surface:
        found = self._items.get(key)
        if found is not None:
            self._items.move_to_end(key)
            return found
        found = make()
        self._items[key] = found
        self.pixels += found.get_width() * found.get_height()
        while len(self._items) > 1 and (len(self._items) > self.max_entries or self.pixels > self.max_pixels):
            _, old = self._items.popitem(last=False)
            self.pixels -= old.get_width() * old.get_height()
        return found

    def _render(self, look: Any, mood: str | None, size: tuple[int, int], framing: str) -> pygame.Surface:
        w, h = max(1, int(size[0])), max(1, int(size[1]))
        try:
            svg = characters.character_svg(look, mood, w, h, framing)
            image = pygame.image.load(io.BytesIO(svg.encode("utf-8")), "portrait.svg")
            self.renders += 1
            if image.get_size() != (w, h):
                image = pygame.transform.smoothscale(image.convert_alpha() if pygame.display.get_surface()
                                                     else image, (w, h))
        except (pygame.error, ValueError, NotImplementedError, OSError, MemoryError):
            self.failures += 1
            return plain_figure(look, (w, h), framing)
        return image.convert_alpha() if pygame.display.get_surface() else image

    def figure(self, look: Any, mood: str | None, size: tuple[int, int], dim: bool = False) -> pygame.Surface:
        """The half-body figure filling ``size`` = (width, height), cut at the waist by the bottom edge.
        ``dim``: a step back from the speaker, its colours a little darker (the shape is unchanged)."""
        key = ("figure", look_key(look), mood or "neutral", (int(size[0]), int(size[1])), dim)
        if not dim:
            return self._get(key, lambda: self._render(look, mood, size, "bust"))

        def make() -> pygame.Surface:
            image = self.figure(look, mood, size).copy()
            image.fill(DIM, special_flags=pygame.BLEND_RGB_MULT)
            return image

        return self._get(key, make)

    def avatar(self, look: Any, mood: str | None, diameter: int, backing: Colour) -> pygame.Surface:
        """The face in a circle of ``diameter`` pixels on a ``backing`` colour, transparent outside."""
        diameter = max(2, int(diameter))
        key = ("avatar", look_key(look), mood or "neutral", diameter, tuple(backing))

        def make() -> pygame.Surface:
            big = diameter * SUPERSAMPLE
            picture = self._render(look, mood, (big, big), "face")
            round_ = pygame.Surface((big, big), pygame.SRCALPHA)
            pygame.draw.circle(round_, (*backing, 255), (big // 2, big // 2), big // 2)
            round_.blit(picture, (0, 0))
            mask = pygame.Surface((big, big), pygame.SRCALPHA)
            pygame.draw.circle(mask, (255, 255, 255, 255), (big // 2, big // 2), big // 2)
            round_.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
            return pygame.transform.smoothscale(round_, (diameter, diameter))

        return self._get(key, make)


def plain_figure(look: Any, size: tuple[int, int], framing: str = "bust") -> pygame.Surface:
    """The fallback: a head and shoulders in the look's skin and top colours (no SVG needed)."""
    w, h = size
    f = characters.figure(look)
    surface = pygame.Surface((w, h), pygame.SRCALPHA)
    if framing == "face":
        head_r, head = w * 0.26, (w // 2, int(h * 0.42))
        body = pygame.Rect(int(w * 0.12), int(h * 0.74), int(w * 0.76), h)
    else:
        head_r, head = w * 0.17, (w // 2, int(h * (f.cy / 250)))
        body = pygame.Rect(int(w * (0.5 - f.shoulders / 200)), int(h * (f.sy / 250)), int(w * f.shoulders / 100), h)
    pygame.draw.ellipse(surface, hex_colour(f.top), body)
    pygame.draw.circle(surface, hex_colour(f.skin), head, max(1, int(head_r)))
    return surface


PORTRAITS = PortraitCache()


def figure(look: Any, mood: str | None, size: tuple[int, int], dim: bool = False) -> pygame.Surface:
    return PORTRAITS.figure(look, mood, size, dim)


def avatar(look: Any, mood: str | None, diameter: int, backing: Colour) -> pygame.Surface:
    return PORTRAITS.avatar(look, mood, diameter, backing)
