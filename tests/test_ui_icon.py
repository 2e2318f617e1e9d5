"""The app icon: art/icon.svg at 64 x 64 for the window, and the same mark drawn in code when SVG
cannot be loaded."""

from __future__ import annotations

import os

import pygame
import pytest

from game.ui import icon
from game.ui.theme import LIGHT

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

# Points on the 256-unit grid of art/icon.svg and the token each shows.
LANDMARKS = {
    (24, 128): "accent",  # the tile
    (60, 160): "background",  # the bubble
    (100, 140): "help",  # the lamp's glow
    (128, 95): "decor",  # the shade
    (128, 130): "text",  # the stem
}


@pytest.fixture(autouse=True)
def _fresh_cache():
    icon.icon_image.cache_clear()
    yield
    icon.icon_image.cache_clear()


def opaque_pixels(surface: pygame.Surface) -> int:
    return pygame.mask.from_surface(surface, 127).count()


def at(surface: pygame.Surface, x: int, y: int) -> tuple[int, int, int]:
    scale = surface.get_width() / icon.VIEWBOX
    return tuple(surface.get_at((int(x * scale), int(y * scale))))[:3]


def close(a, b, tolerance: int = 12) -> bool:
    return all(abs(p - q) <= tolerance for p, q in zip(a, b, strict=True))


def test_the_window_icon_is_the_svg_at_64_by_64_with_a_clear_corner():
    image = icon.window_icon()
    assert image.get_size() == (64, 64)
    assert opaque_pixels(image) > 0.75 * 64 * 64
    assert image.get_at((0, 0)).a == 0  # round corners: the desktop shows through
    for (x, y), token in LANDMARKS.items():
        assert close(at(image, x, y), getattr(LIGHT.colours, token)), (token, at(image, x, y))


def test_the_icon_is_loaded_once():
    assert icon.window_icon() is icon.window_icon()


def test_without_svg_support_the_same_mark_is_drawn_in_code(monkeypatch):
    def no_svg(*args, **kwargs):
        raise pygame.error("SVG support not available")

    monkeypatch.setattr(pygame.image, "load_sized_svg", no_svg, raising=False)
    monkeypatch.setattr(pygame.image, "load", no_svg)
    image = icon.window_icon()
    assert image.get_size() == (64, 64) and opaque_pixels(image) > 0.75 * 64 * 64
    for (x, y), token in LANDMARKS.items():
        assert close(at(image, x, y), getattr(LIGHT.colours, token)), (token, at(image, x, y))


def test_a_missing_file_falls_back_to_the_drawn_mark(monkeypatch, tmp_path):
    monkeypatch.setattr(icon, "icon_path", lambda: tmp_path / "icon.svg")
    image = icon.window_icon()
    assert image.get_size() == (64, 64) and opaque_pixels(image) > 0
    drawn = icon.drawn_icon(64)
    assert pygame.image.tobytes(image, "RGBA") == pygame.image.tobytes(drawn, "RGBA")


def test_the_drawn_mark_matches_the_svg_pixel_for_pixel_within_a_little():
    try:
        svg = icon.load_svg_icon(128)
    except (pygame.error, NotImplementedError) as exc:
        pytest.skip(f"this pygame cannot load SVG ({exc})")
    drawn = icon.drawn_icon(128)
    differ = sum(1 for x in range(0, 128, 2) for y in range(0, 128, 2)
                 if svg.get_at((x, y)).a > 200 and drawn.get_at((x, y)).a > 200
                 and not close(svg.get_at((x, y))[:3], drawn.get_at((x, y))[:3], 24))
    assert differ < 0.02 * 64 * 64


def test_the_title_can_draw_it_large():
    assert icon.icon_image(160).get_size() == (160, 160)
