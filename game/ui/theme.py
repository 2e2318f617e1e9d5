"""Design tokens: every colour, size and duration the window uses, in one place.

A `Theme` is a frozen dataclass. There are three, named as `game.settings.THEMES` names them:
`LIGHT` (cream and ink, the default), `DARK` (cream text on a deep warm plum-navy, never pure
black) and `CONTRAST` (high contrast: white on near-black, a bright yellow focus ring, every
text pair at least 7:1). Screens and widgets read tokens by role (`theme.colours.text`,
`theme.type.body`), never a literal colour or size.
`Theme.text_pairs()` and `Theme.control_pairs()` list every foreground/background pair the
screens and widgets draw, so a test can check each one against WCAG 2.2 (4.5:1 text, 7:1 in the
high-contrast theme, 3:1 controls); another test draws every screen and fails on text drawn on
a pair that is not listed.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.settings import Settings

Colour = tuple[int, int, int]
Rgba = tuple[int, int, int, int]  # a colour laid over a picture or a scene; alpha 0 (none) .. 255

TEXT_CONTRAST = 4.5  # WCAG 1.4.3, normal-size text
ENHANCED_TEXT_CONTRAST = 7.0  # WCAG 1.4.6: what the high-contrast theme gives every text pair
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
    rest_background: Colour  # the Take-a-break screen, and a scene with no picture
    scroll_track: Colour
    scrim: Rgba  # laid over a scene under a feedback card: the card stands out, the scene rests
    backdrop_wash: Rgba  # laid over a place's picture (dims it in the dark themes; none in light)
    art_wash: Rgba  # laid over the title's illustrated band: a soft picture, never busy


def over(wash: Rgba, colour: Colour) -> Colour:
    """What ``colour`` looks like with ``wash`` laid over it (alpha blending, as pygame does it)."""
    r, g, b, a = wash

    def mix(under: int, top: int) -> int:
        return round(under + (top - under) * a / 255)

    return (mix(colour[0], r), mix(colour[1], g), mix(colour[2], b))


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
    """Pixel sizes at text scale 1.0, for Atkinson Hyperlegible (game.ui.text gives the other
    fonts the same x-height). Tuned to look as big as the first design's sizes in pygame's own
    font (24, 30, 30, 36, 48, 88): the same capital and x-heights, lines a few per cent narrower;
    the bold roles match its line widths."""

    small: int = 18
    body: int = 22
    button: int = 22
    subheading: int = 26
    heading: int = 34  # bold
    title: int = 62  # bold
    bold_roles: tuple[str, ...] = ("heading", "title")  # drawn in the font's bold weight


@dataclass(frozen=True)
class Motion:
    """Milliseconds. Calm and short; reduced motion sets every animation to 0 (``still()``) but
    keeps the reading times: moving on by itself still waits for the pupil to read."""

    focus: int = 120
    fade: int = 200  # a new chat message slides up and fades in
    scroll: int = 160
    scene: int = 400  # a new scene fades in from its background
    pulse: int = 1600  # one slow breath of the glow outside the focused control's ring
    pulse_for: int = 3200  # how long it breathes after the focus moves (then still: under WCAG's 5 s)
    pulse_alpha: int = 110  # the glow at its brightest (0-255); the ring itself never changes
    frame: int = 33  # between frames while something moves: 30 a second, smooth for calm fades, light on old laptops
    ambient: int = 800  # one place's background sound fading into the next's
    read_base: int = 1200  # moving on by itself: the calm reading time of any line ...
    read_per_char: int = 60  # ... and this much more for each of its characters

    def still(self) -> Motion:
        """Nothing moves (reduced motion); the reading times stay."""
        return replace(self, focus=0, fade=0, scroll=0, scene=0, pulse=0, pulse_for=0, pulse_alpha=0,
                       ambient=0)

    def read_ms(self, text: str) -> int:
        """How long moving on by itself waits once ``text`` is showing in full."""
        return self.read_base + self.read_per_char * len(text)


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

    @property
    def min_text_contrast(self) -> float:
        """The contrast every text pair of this theme keeps: 7:1 in high contrast, else 4.5:1."""
        return ENHANCED_TEXT_CONTRAST if self.name == "contrast" else TEXT_CONTRAST

    def text_pairs(self) -> dict[str, tuple[Colour, Colour]]:
        """Every (text colour, background colour) pair the screens and widgets draw. Text is only
        ever drawn on one of these backgrounds, never on a picture (tests/test_ui_theme.py draws
        every screen and checks)."""
        c = self.colours
        return {
            "text on background (pages, the scene panel, cards, the phone)": (c.text, c.background),
            "muted text on background (hints, narration, names)": (c.text_muted, c.background),
            "text on surface (buttons, story cards, key caps, a picked line, their chat bubble)":
                (c.text, c.surface),
            "muted text on surface (a picked line's name or narration, a card's details)":
                (c.text_muted, c.surface),
            "text on a hovered button or card": (c.text, c.surface_hover),
            "muted text on a hovered story card": (c.text_muted, c.surface_hover),
            "text on primary (the main button, my chat bubble, the phone's header)": (c.on_primary, c.primary),
            "text on a hovered primary button": (c.on_primary, c.primary_hover),
            "text on lamp glow (the help button, a flagged line, the title's glow)": (c.text, c.help),
            "text on a hovered help button": (c.text, c.help_hover),
            "text on the break screen and a scene with no picture": (c.text, c.rest_background),
            "muted text on the break screen and a scene with no picture": (c.text_muted, c.rest_background),
            "a caption: the page colour on an ink pill": (c.background, c.text),
        }

    def control_pairs(self) -> dict[str, tuple[Colour, Colour]]:
        """Every (focus ring, border or marker, what it sits on) pair: needs 3:1."""
        c = self.colours
        return {
            "focus ring on background": (c.focus_ring, c.background),
            "focus ring on the break screen": (c.focus_ring, c.rest_background),
            "picked-line bar on a picked line": (c.focus_ring, c.surface),
            "picked-line bar on a flagged line": (c.focus_ring, c.help),
            "button border on background": (c.accent, c.background),
            "button border on the break screen": (c.accent, c.rest_background),
            "primary button on background": (c.primary, c.background),
            "primary button on the break screen": (c.primary, c.rest_background),
            "help border on background (and a flagged bubble's edge, its flag)": (c.help_border, c.background),
            "help border on the break screen": (c.help_border, c.rest_background),
            "flag on a flagged line": (c.help_border, c.help),
            "phone frame on a scene with no picture": (c.text_muted, c.rest_background),
            "scroll thumb on its track": (c.accent, c.scroll_track),
            "a class vote's bar on its track": (c.primary, c.scroll_track),
        }


LIGHT = Theme(
    name="light",
    colours=Colours(
        background=hex_colour("#F5EBDD"),  # cream
        surface=hex_colour("#EAD8BF"),  # sand
        surface_hover=hex_colour("#E2CCAD"),
        text=hex_colour("#3F3B4A"),  # ink
        text_muted=hex_colour("#5A5468"),  # 4.6:1 on a hovered card (#5C566A was 4.49)
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
        scrim=(*hex_colour("#3F3B4A"), 90),  # ink, lightly
        backdrop_wash=(*hex_colour("#F5EBDD"), 0),  # the pictures are drawn for this theme
        art_wash=(*hex_colour("#F5EBDD"), 150),
    ),
)

DARK = Theme(
    name="dark",
    colours=Colours(
        background=hex_colour("#221D2E"),  # deep plum-navy ink
        surface=hex_colour("#302942"),
        surface_hover=hex_colour("#3C3452"),
        text=hex_colour("#F5EBDD"),  # cream
        text_muted=hex_colour("#D3C7BB"),
        accent=hex_colour("#8DB8B5"),  # soft teal
        primary=hex_colour("#9ACBC6"),  # light teal: ink text on it
        primary_hover=hex_colour("#B2DAD5"),
        on_primary=hex_colour("#1C1826"),
        help=hex_colour("#5B4325"),  # a lamp's warm glow at night: cream text on it
        help_hover=hex_colour("#6B4F2C"),
        help_border=hex_colour("#E8B060"),  # lamp amber
        decor=hex_colour("#D98F74"),  # terracotta, lifted
        focus_ring=hex_colour("#FFD27A"),  # lamp light
        rest_background=hex_colour("#1C1826"),
        scroll_track=hex_colour("#302942"),
        scrim=(*hex_colour("#0F0C16"), 150),
        backdrop_wash=(*hex_colour("#221D2E"), 160),  # the picture at dusk: the lamp ring shows on any part of it
        art_wash=(*hex_colour("#221D2E"), 150),
    ),
)

CONTRAST = Theme(
    name="contrast",
    colours=Colours(
        background=hex_colour("#0B0B0D"),  # near-black
        surface=hex_colour("#1C1C21"),
        surface_hover=hex_colour("#2B2B32"),
        text=hex_colour("#FFFFFF"),
        text_muted=hex_colour("#E8E8E8"),  # hints are as clear as the rest
        accent=hex_colour("#E8E8E8"),  # white borders round every control
        primary=hex_colour("#A5ECFF"),  # pale cyan: black text on it
        primary_hover=hex_colour("#C8F4FF"),
        on_primary=hex_colour("#000000"),
        help=hex_colour("#3D2E00"),  # deep amber: white text on it
        help_hover=hex_colour("#4F3C00"),
        help_border=hex_colour("#FFB733"),
        decor=hex_colour("#FF9E7A"),
        focus_ring=hex_colour("#FFE500"),  # bright yellow
        rest_background=hex_colour("#050506"),
        scroll_track=hex_colour("#2B2B32"),
        scrim=(*hex_colour("#000000"), 170),
        backdrop_wash=(*hex_colour("#0B0B0D"), 205),  # the picture only as a faint shape
        art_wash=(*hex_colour("#0B0B0D"), 205),
    ),
)

THEMES: dict[str, Theme] = {"light": LIGHT, "dark": DARK, "contrast": CONTRAST}


PRESENTER_TEXT_SCALE = 1.5  # presenter mode's text is at least this, so the back row can read it


def theme_for(settings: Settings, presenting: bool = False) -> Theme:
    """The theme a pupil's settings ask for: its colours, their text size (at least
    PRESENTER_TEXT_SCALE while ``presenting`` to a class), and no motion at all when they turned
    reduced motion on."""
    scale = max(settings.text_scale, PRESENTER_TEXT_SCALE) if presenting else settings.text_scale
    theme = THEMES.get(settings.theme, LIGHT).scaled(scale)
    if settings.reduced_motion:
        theme = replace(theme, motion=theme.motion.still())
    return theme
