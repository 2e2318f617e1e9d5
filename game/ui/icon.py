"""The game's mark: a speech bubble with a lamp lit inside it (art/icon.svg).

    pygame.display.set_icon(window_icon())   # App.start, before set_mode
    icon_image(120)                          # the title screen draws it large

The SVG is loaded at the size asked for (cached per size). If SDL_image cannot read SVG, or
the file is missing, the same shapes are drawn in code from the light theme's tokens, so there
is always an icon and it always looks the same.
"""

from __future__ import annotations

from functools import lru_cache

import pygame

from game.ui.theme import LIGHT

ICON_SIZE = 64  # the window icon, in pixels square
VIEWBOX = 256  # art/icon.svg is drawn on a 256 x 256 grid; drawn_icon uses the same numbers


def icon_path():
    from game.paths import art_dir

    return art_dir() / "icon.svg"


def window_icon() -> pygame.Surface:
    """The window's icon: art/icon.svg at 64 x 64 (cached)."""
    return icon_image(ICON_SIZE)


@lru_cache(maxsize=8)
def icon_image(size: int) -> pygame.Surface:
    """The mark at ``size`` x ``size`` pixels, with a transparent corner round its rounded tile."""
    try:
        return load_svg_icon(size)
    except (pygame.error, OSError, NotImplementedError, ValueError):
        return drawn_icon(size)


def load_svg_icon(size: int) -> pygame.Surface:
    from game.story.files import open_asset

    path = icon_path()
    image = pygame.image.load_sized_svg(open_asset(path, within=path.parent), (size, size))
    if image.get_size() != (size, size):
        image = pygame.transform.smoothscale(image, (size, size))
    return image


def drawn_icon(size: int) -> pygame.Surface:
    """art/icon.svg's shapes drawn in code (at four times the size, then smoothed down)."""
    c = LIGHT.colours
    k = 4 * size / VIEWBOX  # grid units to pixels on the big canvas

    def rect(x: float, y: float, w: float, h: float) -> pygame.Rect:
        return pygame.Rect(round(x * k), round(y * k), round(w * k), round(h * k))

    def points(*xy: float) -> list[tuple[int, int]]:
        return [(round(xy[i] * k), round(xy[i + 1] * k)) for i in range(0, len(xy), 2)]

    big = pygame.Surface((4 * size, 4 * size), pygame.SRCALPHA)
    big.fill((*c.accent, 0))  # clear, in the tile's colour: smoothing does not darken its edge
    pygame.draw.rect(big, c.accent, rect(8, 8, 240, 240), border_radius=round(56 * k))  # the tile
    pygame.draw.polygon(big, c.background, points(84, 168, 66, 216, 128, 172))  # the bubble's tail
    pygame.draw.rect(big, c.background, rect(36, 44, 184, 136), border_radius=round(44 * k))  # the bubble
    pygame.draw.circle(big, c.help, (round(128 * k), round(112 * k)), round(50 * k))  # the lamp's glow
    pygame.draw.polygon(big, c.decor, points(110, 70, 146, 70, 166, 112, 90, 112))  # its shade
    pygame.draw.rect(big, c.text, rect(122, 112, 12, 34))  # its stem
    pygame.draw.rect(big, c.text, rect(102, 144, 52, 12), border_radius=round(6 * k))  # its foot
    return pygame.transform.smoothscale(big, (size, size))
