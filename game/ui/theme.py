"""Design tokens: every colour, size and duration the window uses, in one place.

A `Theme` is a frozen dataclass; `LIGHT` is the only one so far. Dark and high-contrast themes
are further instances of the same fields (add them to `THEMES`): screens and widgets read
tokens by role (`theme.colours.text`, `theme.type.body`), never a literal colour or size.
`Theme.text_pairs()` and `Theme.control_pairs()` list every foreground/background pair the
widgets draw, so a test can check each one against WCAG 2.2 (4.5:1 text, 3:1 controls).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.settings import Settings

Colour = tuple[int, int, int]

TEXT_CONTRAST = 4.5  # WCAG 1.4.3, normal-size text
CONTROL_CONTRAST = 3.0  # WCAG 1.4.11, focus rings and control borders


def hex_colour(text: str) -> Colour:
    """'#F5EBDD' -> (245, 235, 221)."""
    value = text.lstrip("#")
    if len(value) != 6:
        raise ValueError(f"expected #RRGGBB, got {text!r}")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


def relative_luminance(colour: Colour) -> float:
    """WCAG relative luminance of an sRGB colour (0 black .. 1 white)."""

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = colour
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_ratio(a: Colour, b: Colour) -> float:
    """WCAG contrast ratio between two colours, 1.0 .. 21.0, order-independent."""
    la, lb = relative_luminance(a), relative_luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


@dataclass(frozen=True)
class Colours:
    background: Colour  # the page
    surface: Colour  # panels, cards, ordinary buttons
    surface_hover: Colour  # an ordinary button under the mouse
    text: Colour  # body text on background and surface
    text_muted: Colour  # hints and captions; still 4.5:1
    accent: Colour  # control borders, scroll thumbs
    primary: Colour  # the main button's fill
    primary_hover: Colour
    on_primary: Colour  # text on primary
    help: Colour  # the "Get help" button's fill (lamp glow)
    help_hover: Colour
    help_border: Colour
    decor: Colour  # terracotta: rules and ornaments only, never text
    focus_ring: Colour
    rest_background: Colour  # the Take-a-break screen
    scroll_track: Colour


@dataclass(frozen=True)
class Spacing:
    xs: int = 4
    s: int = 8
    m: int = 16
    l: int = 24  # noqa: E741 - the usual name in a spacing scale
    xl: int = 40
    xxl: int = 64


@dataclass(frozen=True)
class Radii:
    small: int = 6
    medium: int = 12
    large: int = 20


@dataclass(frozen=True)
class TypeScale:
    """Pixel sizes for pygame.font.Font(None, size) at text scale 1.0."""

    small: int = 24
    body: int = 30
    button: int = 30
    subheading: int = 36
    heading: int = 48
    title: int = 88


@dataclass(frozen=True)
class Motion:
    """Milliseconds. Calm and short; a reduce-motion setting will set them to 0."""

    focus: int = 120
    fade: int = 200
    scroll: int = 160


@dataclass(frozen=True)
class Theme:
    name: str
    colours: Colours
    spacing: Spacing = field(default_factory=Spacing)
    radii: Radii = field(default_factory=Radii)
    type: TypeScale = field(default_factory=TypeScale)
    motion: Motion = field(default_factory=Motion)
    focus_width: int = 4
    focus_gap: int = 3
    border_width: int = 2
    text_scale: float = 1.0  # the pupil's text size setting: 1.0 .. 2.0

    def font_size(self, role: str) -> int:
        """The pixel size of a type role ('body', 'heading', ...) at this theme's text scale."""
        return max(8, round(getattr(self.type, role) * self.text_scale))

    def scaled(self, text_scale: float) -> Theme:
        return replace(self, text_scale=text_scale)

    def text_pairs(self) -> dict[str, tuple[Colour, Colour]]:
        """Every (text colour, background colour) pair the widgets draw."""
        c = self.colours
        return {
            "text on background": (c.text, c.background),
            "muted text on background": (c.text_muted, c.background),
            "text on surface": (c.text, c.surface),
            "muted text on surface": (c.text_muted, c.surface),
            "text on hovered button": (c.text, c.surface_hover),
            "text on primary button": (c.on_primary, c.primary),
            "text on hovered primary button": (c.on_primary, c.primary_hover),
            "text on help button": (c.text, c.help),
            "text on hovered help button": (c.text, c.help_hover),
            "text on the break screen": (c.text, c.rest_background),
            "muted text on the break screen": (c.text_muted, c.rest_background),
        }

    def control_pairs(self) -> dict[str, tuple[Colour, Colour]]:
        """Every (focus ring or border, what it sits on) pair: needs 3:1."""
        c = self.colours
        return {
            "focus ring on background": (c.focus_ring, c.background),
            "focus ring on the break screen": (c.focus_ring, c.rest_background),
            "button border on background": (c.accent, c.background),
            "button border on the break screen": (c.accent, c.rest_background),
            "primary button on background": (c.primary, c.background),
            "help border on background": (c.help_border, c.background),
            "help border on the break screen": (c.help_border, c.rest_background),
            "scroll thumb on its track": (c.accent, c.scroll_track),
        }


LIGHT = Theme(
    name="light",
    colours=Colours(
        background=hex_colour("#F5EBDD"),  # cream
        surface=hex_colour("#EAD8BF"),  # sand
        surface_hover=hex_colour("#E2CCAD"),
        text=hex_colour("#3F3B4A"),  # ink
        text_muted=hex_colour("#5C566A"),
        accent=hex_colour("#4E7372"),  # teal
        primary=hex_colour("#3E6463"),  # deep teal: cream text on it passes 4.5:1
        primary_hover=hex_colour("#355857"),
        on_primary=hex_colour("#FFF8EE"),
        help=hex_colour("#FFE6B0"),  # lamp glow
        help_hover=hex_colour("#FFDC94"),
        help_border=hex_colour("#9A5A44"),  # deep terracotta
        decor=hex_colour("#C9826A"),  # terracotta
        focus_ring=hex_colour("#2C5A59"),
        rest_background=hex_colour("#EFE2CF"),
        scroll_track=hex_colour("#EAD8BF"),
    ),
)

THEMES: dict[str, Theme] = {"light": LIGHT}


def theme_for(settings: Settings) -> Theme:
    """The theme a pupil's settings ask for: its colours, their text size, and no motion at all
    when they turned reduced motion on."""
    theme = THEMES.get(settings.theme, LIGHT).scaled(settings.text_scale)
    if settings.reduced_motion:
        theme = replace(theme, motion=Motion(focus=0, fade=0, scroll=0))
    return theme
