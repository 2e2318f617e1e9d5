"""The small focusable widget set: Label, Button, ScrollText, the FocusChain, and the
ButtonRow / ButtonColumn layouts.

Widgets hold a `rect` their screen sets in `layout`, draw themselves from the theme's tokens,
and say whether their text `overflows` that rect (the layout tests ask every widget).
A Button's `on_activate` returns an Action (or None); the screen hands it to the app.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pygame

from game.settings import Settings
from game.ui.text import TextCache
from game.ui.theme import Motion, Theme, theme_for

if TYPE_CHECKING:
    from game.ui.screen import Action


UiListener = Callable[[str, str], None]
"""Called as ``listener(event, text)``; see `Ui.emit` for the events."""


@dataclass
class Ui:
    """What every widget draws with (the theme at the pupil's text scale, the text cache) and the
    pupil's settings, plus the one channel that sound, speech and captions listen on.

    ``ui.apply(settings)`` is the one place settings take effect: the theme, font, line spacing and
    motion change here, and every listener hears ``("settings", "")`` so it can pick up volumes or
    the speech rate from ``ui.settings``. Screens lay out again when ``layout_key()`` changes.
    """

    theme: Theme
    text: TextCache
    settings: Settings = field(default_factory=Settings)
    defaults: Settings = field(default_factory=Settings)  # what "Delete my data" goes back to (a classroom's)
    listeners: list[UiListener] = field(default_factory=list)
    # Services by name ("sound", "speech"): the settings screen shows each one's `status()` under
    # its group (a sentence on how it stands here, "" for nothing to say); the app calls `close()`.
    services: dict[str, Any] = field(default_factory=dict)
    failed_listeners: int = 0  # listeners that raised (a sound or speech bug never stops the game)
    # Presenter mode: the text is at least PRESENTER_TEXT_SCALE (game/ui/theme.py) while it lasts;
    # ``settings`` keep the teacher's own size, which is back (and saved) when it ends.
    presenting: bool = False

    def apply(self, settings: Settings) -> None:
        self.settings = settings
        self.theme = theme_for(settings, self.presenting)
        self.text.configure(font=settings.font, line_spacing=settings.line_spacing)
        self.emit("settings")

    def present(self, on: bool) -> None:
        """Presenter mode on or off (the app decides, from the screens it shows)."""
        if on != self.presenting:
            self.presenting = on
            self.theme = theme_for(self.settings, on)

    def layout_key(self) -> tuple[Any, ...]:
        """What a layout depends on besides the window size: a change means lay out again."""
        return (self.theme.text_scale, self.text.font_name, self.text.line_spacing)

    def emit(self, event: str, text: str = "") -> None:
        """Tell sound, speech and captions what just happened. Events:

        - ``focus``: a control got the focus (text: what it says)
        - ``select``: a control was used (text: what it says); ``back``: a screen was closed
        - ``screen``: a screen was shown (text: what a screen reader would say first)
        - ``line``: a new line of the story appeared (text: "Mia: Hello" or the narration)
        - ``message``: a chat message arrived (text: the line); ``spotted`` / ``feedback``: the
          pupil spotted a sign / feedback appeared (text: the feedback)
        - ``place``: the scene's background changed (text: its name, e.g. "kitchen"; "" for none)
        - ``settings``: ``ui.settings`` changed
        """
        for listener in list(self.listeners):
            try:
                listener(event, text)
            except Exception:
                self.failed_listeners += 1


def spoken_label(widget: Widget) -> str:
    """What a screen reader would say for ``widget``: a button's label, a label's text."""
    return str(getattr(widget, "label", None) or getattr(widget, "text", None) or "")


class Widget:
    focusable = False

    def __init__(self) -> None:
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.clip: pygame.Rect | None = None  # in a scrolling list: the part of the window it may show in

    def preferred_size(self, ui: Ui, max_width: int) -> tuple[int, int]:
        return (0, 0)

    @property
    def visible_rect(self) -> pygame.Rect:
        """The part of it that shows: all of it, but in a scrolling list (a menu of choices, a
        long list of lines) only what is inside the list's window."""
        return self.rect if self.clip is None else self.rect.clip(self.clip)

    def draw(self, surface: pygame.Surface, ui: Ui, focused: bool = False, hovered: bool = False) -> None:
        pass

    def overflows(self, ui: Ui) -> bool:
        return False

    def activate(self) -> Action | None:
        return None


class Label(Widget):
    """Static text wrapped to its rect's width."""

    def __init__(self, text: str, role: str = "body", colour: str = "text", align: str = "left") -> None:
        super().__init__()
        self.text, self.role, self.colour, self.align = text, role, colour, align
        self.size_override: int | None = None  # a layout may shrink a heading to fit

    def font_size(self, ui: Ui) -> int:
        return self.size_override or ui.theme.font_size(self.role)

    def bold(self, ui: Ui) -> bool:
        return self.role in ui.theme.type.bold_roles

    def preferred_size(self, ui: Ui, max_width: int) -> tuple[int, int]:
        m = ui.text.measure(self.text, self.font_size(ui), max_width, bold=self.bold(ui))
        return (m.width, m.height)

    def draw(self, surface: pygame.Surface, ui: Ui, focused: bool = False, hovered: bool = False) -> None:
        colour = getattr(ui.theme.colours, self.colour)
        image = ui.text.render(self.text, self.font_size(ui), colour, self.rect.width, self.align, self.bold(ui))
        x = self.rect.x
        if self.align == "center":
            x = self.rect.centerx - image.get_width() // 2
        elif self.align == "right":
            x = self.rect.right - image.get_width()
        surface.blit(image, (x, self.rect.y))

    def overflows(self, ui: Ui) -> bool:
        if not self.text:
            return False  # an empty label takes no room and shows nothing
        return ui.text.measure(self.text, self.font_size(ui), self.rect.width, self.rect.height,
                               bold=self.bold(ui)).overflow


class Button(Widget):
    """A labelled control. ``hotkey`` is a pygame key name ('h', 'escape') shown in the label
    by the caller; ``variant`` is 'default', 'primary' or 'help'."""

    MIN_HEIGHT = 48  # a comfortable target for a mouse or a touchscreen

    def __init__(self, label: str, on_activate: Callable[[], Action | None], hotkey: str | None = None,
                 variant: str = "default") -> None:
        super().__init__()
        self.label, self.on_activate, self.hotkey, self.variant = label, on_activate, hotkey, variant
        # False: shown in its place, greyed, and neither focused nor pressed (a menu whose buttons
        # keep their places whether or not each can be used now)
        self.enabled = True
        self.align = "center"  # ChoiceButton lines its words up on the left
        self.glow = 0.0  # 0-1: the breathing glow outside the focus ring (FocusPulse sets it)

    def __repr__(self) -> str:
        return f"Button({self.label!r})"

    @property
    def focusable(self) -> bool:  # type: ignore[override]
        return self.enabled

    def _padding(self, ui: Ui) -> tuple[int, int]:
        sp = ui.theme.spacing
        return sp.l, sp.s + sp.xs

    def preferred_size(self, ui: Ui, max_width: int) -> tuple[int, int]:
        px, py = self._padding(ui)
        m = ui.text.measure(self.label, ui.theme.font_size("button"), max(1, max_width - 2 * px))
        return (m.width + 2 * px, max(self.MIN_HEIGHT, m.height + 2 * py))

    def _colours(self, ui: Ui, hovered: bool) -> tuple[Any, Any, Any]:
        c = ui.theme.colours
        if not self.enabled:
            return c.background, c.text_muted, c.surface
        if self.variant == "primary":
            return (c.primary_hover if hovered else c.primary), c.on_primary, c.primary
        if self.variant == "help":
            return (c.help_hover if hovered else c.help), c.text, c.help_border
        return (c.surface_hover if hovered else c.surface), c.text, c.accent

    def draw(self, surface: pygame.Surface, ui: Ui, focused: bool = False, hovered: bool = False) -> None:
        t = ui.theme
        fill, ink, border = self._colours(ui, hovered)
        radius = t.radii.medium
        pygame.draw.rect(surface, fill, self.rect, border_radius=radius)
        pygame.draw.rect(surface, border, self.rect, width=t.border_width, border_radius=radius)
        px, _ = self._padding(ui)
        image = ui.text.render(self.label, t.font_size("button"), ink, max(1, self.rect.width - 2 * px), self.align)
        if self.align == "left":
            surface.blit(image, image.get_rect(midleft=(self.rect.x + px, self.rect.centery)))
        else:
            surface.blit(image, image.get_rect(center=self.rect.center))
        if focused:
            grow = 2 * (t.focus_gap + t.focus_width)
            ring = self.rect.inflate(grow, grow)
            ring_radius = radius + t.focus_gap + t.focus_width
            pygame.draw.rect(surface, t.colours.focus_ring, ring, width=t.focus_width, border_radius=ring_radius)
            if self.glow > 0 and t.motion.pulse_alpha > 0:
                self._draw_glow(surface, ui, ring, ring_radius)

    def _draw_glow(self, surface: pygame.Surface, ui: Ui, ring: pygame.Rect, ring_radius: int) -> None:
        """A soft band outside the ring, a focus gap away from it: the ring and the page on both
        sides of it keep their colours, so its 3:1 contrast never drops while it breathes."""
        t = ui.theme
        spread = max(1, round(self.glow * t.focus_width))
        outer = ring.inflate(2 * (t.focus_gap + spread), 2 * (t.focus_gap + spread))
        layer = pygame.Surface(outer.size, pygame.SRCALPHA)
        alpha = round(min(1.0, self.glow) * t.motion.pulse_alpha)
        pygame.draw.rect(layer, (*t.colours.focus_ring, alpha), layer.get_rect(), width=spread,
                         border_radius=ring_radius + t.focus_gap + spread)
        surface.blit(layer, outer)

    def overflows(self, ui: Ui) -> bool:
        px, py = self._padding(ui)
        size = ui.theme.font_size("button")
        return ui.text.measure(self.label, size, self.rect.width - 2 * px, self.rect.height - 2 * py).overflow

    def activate(self) -> Action | None:
        return self.on_activate() if self.enabled else None


class FocusPulse:
    """The focused button's ring breathes (a glow outside it) for ``motion.pulse_for`` ms after the
    focus moves, then rests, so an idle window asks for no frames. Nothing when motion is off.

        pulse.wake_after_ms(focused, motion)   # in the screen's wake_after_ms
        pulse.tick(now_ms, focused, motion)    # in its tick; True when the glow changed

    The first focus it sees only sets the starting point (a screen appearing does not pulse).
    """

    _UNSEEN = object()

    def __init__(self) -> None:
        self.widget: Any = self._UNSEEN  # the focused widget last seen
        self.started: int | None = None  # app clock ms the breathing began; None: not breathing
        self.pending = False  # the focus moved: the next tick starts the breathing

    def wake_after_ms(self, focused: Widget | None, motion: Motion) -> int | None:
        if motion.pulse_for <= 0 or motion.pulse <= 0:
            return None
        if focused is not self.widget or self.pending:
            return 0
        return motion.frame if self.started is not None else None

    def tick(self, now_ms: int, focused: Widget | None, motion: Motion) -> bool:
        changed = False
        if focused is not self.widget:
            changed = self._set(0.0)
            first = self.widget is self._UNSEEN
            self.widget, self.started = focused, None
            self.pending = not first and isinstance(focused, Button)
        if motion.pulse_for <= 0 or motion.pulse <= 0:
            self.pending, self.started = False, None
            return self._set(0.0) or changed
        if self.pending:
            self.pending, self.started = False, now_ms
        if self.started is None:
            return changed
        elapsed = now_ms - self.started
        if elapsed >= motion.pulse_for:
            self.started = None
            return self._set(0.0) or changed
        return self._set(0.5 - 0.5 * math.cos(2 * math.pi * elapsed / motion.pulse)) or changed

    def stop(self) -> bool:
        self.pending, self.started = False, None
        return self._set(0.0)

    def _set(self, glow: float) -> bool:
        widget = self.widget
        if not isinstance(widget, Button) or widget.glow == glow:
            return False
        widget.glow = glow
        return True


@dataclass(frozen=True)
class Paragraph:
    text: str
    role: str = "body"
    colour: str = "text"
    space_before: str = "s"  # a spacing token


class ScrollText(Widget):
    """Long text in a rect: it scrolls (Up/Down, PageUp/PageDown, Home/End, the mouse wheel)
    instead of clipping, and shows a scroll bar when there is more than fits."""

    SCROLL_KEYS = (pygame.K_UP, pygame.K_DOWN, pygame.K_PAGEUP, pygame.K_PAGEDOWN, pygame.K_HOME, pygame.K_END)

    def __init__(self, paragraphs: Sequence[Paragraph]) -> None:
        super().__init__()
        self.paragraphs = list(paragraphs)
        self.offset = 0

    def _bar_width(self, ui: Ui) -> int:
        return ui.theme.spacing.s + ui.theme.spacing.m  # the bar and its gap

    def _text_width(self, ui: Ui) -> int:
        return max(1, self.rect.width - self._bar_width(ui))

    def _placed(self, ui: Ui) -> list[tuple[Paragraph, int, int]]:
        """(paragraph, y within the content, font size) for each paragraph."""
        out, y, width = [], 0, self._text_width(ui)
        for i, p in enumerate(self.paragraphs):
            if i:
                y += getattr(ui.theme.spacing, p.space_before)
            size = ui.theme.font_size(p.role)
            out.append((p, y, size))
            y += ui.text.measure(p.text, size, width).height
        return out

    def content_height(self, ui: Ui) -> int:
        placed = self._placed(ui)
        if not placed:
            return 0
        p, y, size = placed[-1]
        return y + ui.text.measure(p.text, size, self._text_width(ui)).height

    def max_offset(self, ui: Ui) -> int:
        return max(0, self.content_height(ui) - self.rect.height)

    def can_scroll(self, ui: Ui) -> bool:
        return self.max_offset(ui) > 0

    def scroll_to(self, ui: Ui, offset: int) -> bool:
        new = min(max(0, offset), self.max_offset(ui))
        changed, self.offset = new != self.offset, new
        return changed

    def scroll_by(self, ui: Ui, dy: int) -> bool:
        return self.scroll_to(ui, self.offset + dy)

    def line_step(self, ui: Ui) -> int:
        return ui.text.line_height(ui.theme.font_size("body"))

    def handle_key(self, ui: Ui, key: int) -> bool:
        """Scroll for a scroll key; True when the key was a scroll key (even at the end)."""
        page = max(self.line_step(ui), self.rect.height - self.line_step(ui))
        steps = {pygame.K_UP: -self.line_step(ui), pygame.K_DOWN: self.line_step(ui),
                 pygame.K_PAGEUP: -page, pygame.K_PAGEDOWN: page}
        if key in steps:
            self.scroll_by(ui, steps[key])
        elif key == pygame.K_HOME:
            self.scroll_to(ui, 0)
        elif key == pygame.K_END:
            self.scroll_to(ui, self.max_offset(ui))
        else:
            return False
        return True

    def draw(self, surface: pygame.Surface, ui: Ui, focused: bool = False, hovered: bool = False) -> None:
        self.scroll_to(ui, self.offset)  # stays valid after a resize
        width = self._text_width(ui)
        old_clip = surface.get_clip()
        surface.set_clip(self.rect.clip(old_clip) if old_clip else self.rect)
        for p, y, size in self._placed(ui):
            top = self.rect.y + y - self.offset
            image = ui.text.render(p.text, size, getattr(ui.theme.colours, p.colour), width)
            if top + image.get_height() >= self.rect.y and top <= self.rect.bottom:
                surface.blit(image, (self.rect.x, top))
        surface.set_clip(old_clip)
        self.draw_scrollbar(surface, ui)

    def draw_scrollbar(self, surface: pygame.Surface, ui: Ui) -> None:
        """The thin bar at the right edge, only when the content is taller than the rect."""
        if self.can_scroll(ui):
            draw_scroll_bar(surface, ui, self.rect.right - ui.theme.spacing.s, self.rect, self.offset,
                            self.content_height(ui))

    def overflows(self, ui: Ui) -> bool:
        return False  # it scrolls; its text is wrapped to its width


def draw_scroll_bar(surface: pygame.Surface, ui: Ui, x: int, view: pygame.Rect, offset: int, content: int) -> None:
    """The one scroll bar every scrolling thing draws: a thin track at ``x`` as tall as ``view``,
    and a thumb showing which part of ``content`` pixels is in view at ``offset``."""
    c, sp = ui.theme.colours, ui.theme.spacing
    track = pygame.Rect(x, view.y, sp.s, view.height)
    pygame.draw.rect(surface, c.scroll_track, track, border_radius=sp.xs)
    thumb_h = max(sp.xl, track.height * view.height // max(1, content))
    thumb_y = track.y + (track.height - thumb_h) * offset // max(1, content - view.height)
    pygame.draw.rect(surface, c.accent, (track.x, thumb_y, track.width, thumb_h), border_radius=sp.xs)


class FocusChain:
    """The focusable widgets of one screen in Tab order; moving past either end wraps.

    The first widget has the focus, unless ``clear()`` left none (a choice menu, the debrief:
    Enter and Space then press nothing); the first move then focuses the first (or the last)."""

    def __init__(self, widgets: Iterable[Widget] = ()) -> None:
        self.widgets = [w for w in widgets if w.focusable]
        self.index: int | None = 0

    @property
    def focused(self) -> Widget | None:
        return self.widgets[self.index] if self.widgets and self.index is not None else None

    def move(self, delta: int) -> None:
        if not self.widgets:
            return
        if self.index is None:
            self.index = 0 if delta > 0 else len(self.widgets) - 1
        else:
            self.index = (self.index + delta) % len(self.widgets)

    def focus(self, widget: Widget) -> None:
        if widget in self.widgets:
            self.index = self.widgets.index(widget)

    def clear(self) -> None:
        self.index = None


class _ButtonGroup:
    def __init__(self, buttons: Sequence[Button], gap: str = "l") -> None:
        self.buttons = list(buttons)
        self.gap = gap

    def _gap(self, ui: Ui) -> int:
        return getattr(ui.theme.spacing, self.gap)


class ButtonRow(_ButtonGroup):
    """Buttons side by side, wrapping onto more rows when the width runs out (large text)."""

    def _rows(self, ui: Ui, max_width: int) -> list[list[tuple[Button, int, int]]]:
        rows: list[list[tuple[Button, int, int]]] = [[]]
        used, gap = 0, self._gap(ui)
        for b in self.buttons:
            w, h = b.preferred_size(ui, max_width)
            need = w if not rows[-1] else used + gap + w
            if rows[-1] and need > max_width:
                rows.append([])
                need = w
            rows[-1].append((b, w, h))
            used = need
        return rows

    def measure(self, ui: Ui, max_width: int) -> tuple[int, int]:
        rows, gap = self._rows(ui, max_width), self._gap(ui)
        width = max((sum(w for _, w, _ in r) + gap * (len(r) - 1) for r in rows), default=0)
        height = sum(max(h for _, _, h in r) for r in rows if r) + gap * (len(rows) - 1)
        return width, height

    def place(self, ui: Ui, rect: pygame.Rect, align: str = "left") -> pygame.Rect:
        gap, y = self._gap(ui), rect.y
        for row in self._rows(ui, rect.width):
            if not row:
                continue
            row_w = sum(w for _, w, _ in row) + gap * (len(row) - 1)
            row_h = max(h for _, _, h in row)
            x = {"left": rect.x, "center": rect.centerx - row_w // 2, "right": rect.right - row_w}[align]
            for b, w, _ in row:
                b.rect = pygame.Rect(x, y, w, row_h)
                x += w + gap
            y += row_h + gap
        return pygame.Rect(rect.x, rect.y, rect.width, max(0, y - gap - rect.y))


class ButtonColumn(_ButtonGroup):
    """Buttons stacked, all as wide as the widest (capped at the width given)."""

    min_width = 320

    def measure(self, ui: Ui, max_width: int) -> tuple[int, int]:
        sizes = [b.preferred_size(ui, max_width) for b in self.buttons]
        width = min(max_width, max([self.min_width, *(w for w, _ in sizes)]))
        sizes = [b.preferred_size(ui, width) for b in self.buttons]
        return width, sum(h for _, h in sizes) + self._gap(ui) * (len(sizes) - 1)

    def place(self, ui: Ui, rect: pygame.Rect, align: str = "center") -> pygame.Rect:
        width, height = self.measure(ui, rect.width)
        x = {"left": rect.x, "center": rect.centerx - width // 2, "right": rect.right - width}[align]
        y = rect.y
        for b in self.buttons:
            h = b.preferred_size(ui, width)[1]
            b.rect = pygame.Rect(x, y, width, h)
            y += h + self._gap(ui)
        return pygame.Rect(x, rect.y, width, height)
