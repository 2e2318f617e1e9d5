"""Fonts, cached wrapped text, and measuring before drawing.

`load_font` is the one place a font comes from: the shipped files in ``art/fonts/`` (Atkinson
Hyperlegible, OpenDyslexic, Lexend; see art/fonts/README.md), by the names in `game.settings.FONTS`.
A missing or unreadable file falls back to pygame's own font, so the game never stops over a font.

Every font is drawn at the size that gives it Atkinson Hyperlegible's x-height (`SIZE_ADJUST`, like
CSS ``font-size-adjust``): the type scale in `game.ui.theme.TypeScale` means the same size whichever
font a pupil picks, and switching font moves layouts as little as it can.

Line spacing (`TextCache.configure`) is the distance from one wrapped line to the next, in times
the font size, as CSS ``line-height`` and WCAG 1.4.12 count it (1.5 is WCAG's recommendation), and
never so tight that one line's letters touch the next's. `TextCache.line_height` is that distance,
and a block of n lines is ``(n - 1) * line_height + one_line`` tall: a single line (a button's
label, `TextCache.one_line`) keeps the font's own height at any spacing.

`TextCache.render` keeps rendered surfaces keyed by (text, size, colour, wrap width, alignment,
weight), so redrawing an unchanged screen renders nothing. `TextCache.measure` reports the wrapped
size and whether it overflows a box, so screens can scroll or reflow instead of clipping.
"""

from __future__ import annotations

import contextlib
import io
import logging
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import pygame

from game.paths import art_dir
from game.ui.theme import Colour

log = logging.getLogger(__name__)

_ALIGN = {"left": pygame.FONT_LEFT, "center": pygame.FONT_CENTER, "right": pygame.FONT_RIGHT}

DEFAULT_FONT = "atkinson"
# settings name -> (regular file, bold file) in art/fonts/
FONT_FILES: dict[str, tuple[str, str]] = {
    "atkinson": ("AtkinsonHyperlegible-Regular.ttf", "AtkinsonHyperlegible-Bold.ttf"),
    "opendyslexic": ("OpenDyslexic-Regular.otf", "OpenDyslexic-Bold.otf"),
    "lexend": ("Lexend-Regular.ttf", "Lexend-Bold.ttf"),
}
# times the type scale's size that gives each font Atkinson Hyperlegible's x-height
SIZE_ADJUST: dict[str, float] = {"atkinson": 1.0, "opendyslexic": 0.9, "lexend": 0.94}
FALLBACK_SIZE_ADJUST = 1.34  # pygame's own font (freesansbold) has a smaller x-height
# the letters that reach highest and lowest in ordinary text: lines are never closer than these
INK_SAMPLE = "bdfhklgjpqyé()"

_warned: set[Path] = set()
_FONT_BYTES: dict[Path, bytes] = {}


def font_path(font: str = DEFAULT_FONT, bold: bool = False) -> Path:
    """The shipped file for a settings font name (an unknown name means the default font)."""
    regular, heavy = FONT_FILES.get(font, FONT_FILES[DEFAULT_FONT])
    return art_dir() / "fonts" / (heavy if bold else regular)


def load_font(size: int, font: str = DEFAULT_FONT, bold: bool = False) -> pygame.font.Font:
    """``font`` (a `game.settings.FONTS` name) at type-scale ``size``, regular or bold: the
    single source of fonts. A missing or broken file gives pygame's default font (bold, at a
    size that looks the same) and a warning in the log, never an error."""
    path = font_path(font, bold)
    adjust = SIZE_ADJUST.get(font if font in FONT_FILES else DEFAULT_FONT, 1.0)
    try:
        return pygame.font.Font(_font_file(path), max(1, round(size * adjust)))
    except (OSError, ValueError, pygame.error) as error:
        if path not in _warned:
            _warned.add(path)
            log.warning("font %s could not be loaded (%s): using pygame's default font", path, error)
        return pygame.font.Font(None, max(1, round(size * FALLBACK_SIZE_ADJUST)))


def _font_file(path: Path) -> io.BytesIO:
    """The font file in memory, read once through game/story/files.py (only a file really in
    art/fonts/: a link out of it is refused); each Font gets its own stream to read from."""
    data = _FONT_BYTES.get(path)
    if data is None:
        from game.story.files import open_asset

        data = _FONT_BYTES[path] = open_asset(path, within=path.parent).getvalue()
    stream = io.BytesIO(data)
    stream.name = str(path)
    return stream


def ink_height(font: pygame.font.Font) -> int:
    """From the top of the tallest ordinary letter to the bottom of the lowest, in pixels."""
    boxes = [m for m in font.metrics(INK_SAMPLE) if m is not None]
    if not boxes:
        return font.get_height()
    return max(m[3] for m in boxes) - min(m[2] for m in boxes)


@dataclass(frozen=True)
class TextSize:
    width: int
    height: int
    overflow: bool  # True when it does not fit the box it was measured against


SIZES_KEPT = 8192  # text sizes remembered (a few hundred kilobytes at most)


class TextCache:
    """Fonts by (size, weight) and rendered text by (text, size, colour, wrap width, alignment,
    weight); least recently used first out."""

    def __init__(self, max_items: int = 512) -> None:
        self.max_items = max_items
        self._fonts: dict[tuple[int, bool], pygame.font.Font] = {}
        self._surfaces: OrderedDict[tuple[str, int, Colour, int, str, bool], pygame.Surface] = OrderedDict()
        # The size of each text drawn or measured, whatever its colour: layouts measure before
        # they draw, and measuring must not fill the cache with black copies of every text.
        self._sizes: dict[tuple[str, int, int, bool], tuple[int, int]] = {}
        self.renders = 0  # how many times text was actually rendered (tests and benchmarks)
        self.font_name = DEFAULT_FONT  # a game.settings.FONTS name
        self.line_spacing = 1.5  # times the font size, from one wrapped line to the next

    def configure(self, font: str, line_spacing: float) -> None:
        """Use another font or line spacing from now on (the settings screen); forgets what was rendered."""
        if (font, line_spacing) != (self.font_name, self.line_spacing):
            self.font_name, self.line_spacing = font, line_spacing
            self._fonts.clear()
            self.clear()

    def font(self, size: int, bold: bool = False) -> pygame.font.Font:
        """The pupil's font at ``size``, its wrapped lines ``line_spacing`` apart."""
        found = self._fonts.get((size, bold))
        if found is None:
            found = self._fonts[(size, bold)] = load_font(size, self.font_name, bold)
            pitch = max(ink_height(found) + 1, round(self.line_spacing * size))
            # An SDL_ttf without it keeps the font's own spacing (and line_height says so).
            with contextlib.suppress(AttributeError, pygame.error):
                found.set_linesize(pitch)
        return found

    def line_height(self, size: int, bold: bool = False) -> int:
        """How far apart wrapped lines are drawn (baseline to baseline): what one more line adds."""
        return self.font(size, bold).get_linesize()

    def one_line(self, size: int, bold: bool = False) -> int:
        """How tall a single line is (a name, a button's words), whatever the line spacing."""
        return self.font(size, bold).get_height()

    def render(self, text: str, size: int, colour: Colour, wrap: int = 0, align: str = "left",
               bold: bool = False) -> pygame.Surface:
        """Anti-aliased text on a transparent surface; ``wrap`` > 0 wraps at that many pixels;
        ``align`` ('left', 'center', 'right') lines up wrapped lines."""
        key = (text, size, tuple(colour), max(0, int(wrap)), align, bold)
        found = self._surfaces.get(key)
        if found is not None:
            self._surfaces.move_to_end(key)
            return found
        surface = self._draw(text, size, colour, key[3], align, bold)
        self._surfaces[key] = surface
        if len(self._surfaces) > self.max_items:
            self._surfaces.popitem(last=False)
        return surface

    def _draw(self, text: str, size: int, colour: Colour, wrap: int, align: str, bold: bool) -> pygame.Surface:
        font = self.font(size, bold)
        if text:
            font.align = _ALIGN[align]
            surface = _trim_last_line(font, font.render(text, True, colour, wraplength=wrap))
        else:
            surface = pygame.Surface((0, font.get_height()), pygame.SRCALPHA)
        self.renders += 1
        if len(self._sizes) >= SIZES_KEPT:
            self._sizes.clear()
        self._sizes[(text, size, wrap, bold)] = surface.get_size()
        return surface

    def measure(self, text: str, size: int, width: int = 0, height: int | None = None,
                bold: bool = False) -> TextSize:
        """The size ``text`` takes wrapped at ``width`` (0: one line per paragraph), and whether it
        overflows a box of ``width`` x ``height`` (``height`` None: only the width is checked)."""
        wrap = max(0, int(width))
        found = self._sizes.get((text, size, wrap, bold))
        w, h = found if found is not None else self._draw(text, size, (0, 0, 0), wrap, "left", bold).get_size()
        too_wide = width > 0 and w > width
        too_tall = height is not None and h > height
        return TextSize(w, h, too_wide or too_tall)

    def clear(self) -> None:
        self._surfaces.clear()
        self._sizes.clear()


def _trim_last_line(font: pygame.font.Font, surface: pygame.Surface) -> pygame.Surface:
    """SDL_ttf gives every wrapped line, the last one too, a full line spacing; when that is more
    than the font's own height, cut the empty band under the last line, so a block of n lines is
    (n - 1) spacings and one line tall and a one-line label stays centred in its button."""
    pitch, own = font.get_linesize(), font.get_height()
    height = surface.get_height()
    if pitch <= own or height <= own:
        return surface
    lines = max(1, round(height / pitch))
    keep = min(height, (lines - 1) * pitch + own)
    return surface.subsurface((0, 0, surface.get_width(), keep)).copy()
