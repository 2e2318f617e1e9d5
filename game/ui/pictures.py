"""The background pictures (art/backgrounds/<name>.svg), drawn to cover a window and cached.

    background_image("kitchen", (1280, 720))                 # the picture, cropped evenly to cover
    background_image("kitchen", (1280, 720), theme_wash)     # with a theme's wash laid over it

SDL_image draws each SVG at the size it is shown (`load_sized_svg`), several times quicker than
drawing it at its own 1920x1080 and scaling. The plain picture is cached by name and size, and
a washed copy is made from it, so the dark themes (which ask for both: the scene fades in from
the plain one) draw each SVG once.
"""

from __future__ import annotations

import io

import pygame

from game.ui.theme import Rgba

_UNBOUNDED = 1 << 14  # a side so long that the other side decides the size
_MOST = 8  # pictures kept of each kind: a window shows one place at a time
_MISSING: set[str] = set()  # backgrounds with no file, or one SDL_image refused
_PLAIN: dict[tuple[str, tuple[int, int]], pygame.Surface] = {}
_WASHED: dict[tuple[str, tuple[int, int], Rgba], pygame.Surface] = {}


def background_image(name: str | None, size: tuple[int, int], wash: Rgba | None = None) -> pygame.Surface | None:
    """art/backgrounds/<name>.svg covering ``size`` (cropped evenly), with ``wash`` laid over it
    (a theme's ``backdrop_wash``); None when there is no picture."""
    plain = _plain(name, size) if name else None
    if plain is None or wash is None or not wash[3]:
        return plain
    key = (name, size, wash)
    found = _WASHED.get(key)
    if found is None:
        found = plain.copy()
        veil = pygame.Surface(size, pygame.SRCALPHA)
        veil.fill(wash)
        found.blit(veil, (0, 0))
        _keep(_WASHED, key, found)
    return found


def _plain(name: str, size: tuple[int, int]) -> pygame.Surface | None:
    if name in _MISSING or size[0] <= 0 or size[1] <= 0:
        return None
    found = _PLAIN.get((name, size))
    if found is not None:
        return found
    from game.paths import art_dir
    from game.story.files import open_asset

    folder = art_dir() / "backgrounds"
    try:
        # only a file really in the folder (a link out of it is refused), read once; SDL closes
        # the stream it loads from, so each load gets its own
        svg = open_asset(folder / f"{name}.svg", within=folder).getvalue()
        # SDL_image fits the picture inside the size given: as wide as the window, or as tall
        source = pygame.image.load_sized_svg(io.BytesIO(svg), (size[0], _UNBOUNDED))
        if source.get_height() < size[1]:
            source = pygame.image.load_sized_svg(io.BytesIO(svg), (_UNBOUNDED, size[1]))
    except (pygame.error, OSError, ValueError):
        source = None
    if source is None:
        _MISSING.add(name)
        return None
    sw, sh = source.get_size()
    scale = max(size[0] / sw, size[1] / sh)  # cover the window, crop the overflow evenly
    w, h = max(size[0], round(sw * scale)), max(size[1], round(sh * scale))
    if pygame.display.get_surface():
        source = source.convert_alpha()
    image = source if (w, h) == (sw, sh) else pygame.transform.smoothscale(source, (w, h))
    found = image.subsurface(pygame.Rect((w - size[0]) // 2, (h - size[1]) // 2, *size)).copy()
    _keep(_PLAIN, (name, size), found)
    return found


def _keep(cache: dict, key: tuple, picture: pygame.Surface) -> None:
    if len(cache) >= _MOST:
        cache.clear()
    cache[key] = picture
