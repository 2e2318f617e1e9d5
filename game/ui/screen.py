"""Screens and the actions they return.

A Screen builds its widgets once (`compose`), places them for a window size (`layout`), draws
(`draw`) and turns an input event into an Action or None (`handle`). It never changes the app:
the app applies the Action. Focus belongs to the screen (`self.focus`), so a screen that is
covered by Help and uncovered again keeps its focus exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.ui.widgets import Button, ButtonRow, FocusChain, FocusPulse, Label, ScrollText, Ui, Widget, spoken_label


@dataclass(frozen=True)
class Push:
    screen: Screen


@dataclass(frozen=True)
class Pop:
    pass


@dataclass(frozen=True)
class Replace:
    screen: Screen


@dataclass(frozen=True)
class PopToRoot:
    """Back to the bottom screen (the title)."""


@dataclass(frozen=True)
class Quit:
    pass


Action = Push | Pop | Replace | PopToRoot | Quit

MODIFIER_KEYS = frozenset({
    pygame.K_LSHIFT, pygame.K_RSHIFT, pygame.K_LCTRL, pygame.K_RCTRL, pygame.K_LALT, pygame.K_RALT,
    pygame.K_LGUI, pygame.K_RGUI, pygame.K_CAPSLOCK, pygame.K_NUMLOCK, pygame.K_MODE,
})
ACTIVATE_KEYS = frozenset({pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE})
MOVE_GUARD_MS = 400  # a click this soon after a button came or moved under the pointer is ignored
NEXT_KEYS = frozenset({pygame.K_RIGHT, pygame.K_DOWN})
PREVIOUS_KEYS = frozenset({pygame.K_LEFT, pygame.K_UP})


def help_button() -> Button:
    """The "Get help (H)" button every screen shows (H itself is handled by the app)."""

    def open_help() -> Action:
        from game.ui.screens.help import HelpScreen

        return Push(HelpScreen())

    return Button("Get help (H)", open_help, hotkey="h", variant="help")


def break_button() -> Button:
    """The "Take a break (B)" button every screen shows (B itself is handled by the app)."""

    def open_break() -> Action:
        from game.ui.screens.rest import RestScreen

        return Push(RestScreen())

    return Button("Take a break (B)", open_break, hotkey="b")


class Screen:
    global_keys = True  # the app opens Help on H and the break on B over this screen
    # The place whose background sound plays while this screen shows: None leaves it as it is
    # (help, pause, settings over a story); "" is quiet (title, picker, debrief, teacher area):
    # the app says so when the screen is shown. The play screen says its own places.
    place: str | None = None
    # True for a screen shown to the whole class (PresentScreen): presenter mode begins with it
    # and lasts, for what is shown over it or in its place, until the teacher goes back past it.
    presenting = False

    def __init__(self) -> None:
        self.ui: Ui | None = None
        self.size = (0, 0)
        self.widgets: list[Widget] = []
        self.focus = FocusChain()
        self.scroll: ScrollText | None = None  # the widget scroll keys and the wheel move
        self.hover: Widget | None = None
        self.pressed: Widget | None = None
        self.dirty = True
        self.pulse = FocusPulse()  # the focused button's glow breathes a moment after the focus moves
        # The click guard: when each button came or moved to where it is (the app's clock), so a
        # click meant for what was there before is not taken by what has just moved there.
        self.clock_ms = 0
        self._placed: dict[int, tuple[int, int, int, int]] | None = None
        self._moved_at: dict[int, int] = {}

    def __repr__(self) -> str:
        return type(self).__name__

    # -- life cycle ------------------------------------------------------------------------
    def attach(self, ui: Ui) -> None:
        """Called by the app when the screen is shown; builds the widgets the first time."""
        first = self.ui is None
        self.ui = ui
        if first:
            self.compose()

    def compose(self) -> None:
        """Create self.widgets (drawing order) and self.focus (Tab order)."""

    def crashed(self) -> None:
        """The window is about to show the crash screen over this screen (it is in the stack):
        a last chance to make sure the same failure is not offered again (see PlayScreen)."""

    def set_widgets(self, widgets: list[Widget], focus_order: list[Widget] | None = None) -> None:
        self.widgets = widgets
        self.focus = FocusChain(focus_order if focus_order is not None else widgets)

    def layout(self, size: tuple[int, int]) -> None:
        """Place the widgets for a window of ``size``. Subclasses call this first."""
        self.size = size
        self.dirty = True

    def relayout(self) -> None:
        """Lay out again at the same size (the words or widgets changed); before the first layout
        there is nothing to do: the app lays a screen out when it shows it."""
        if self.ui is not None and self.size != (0, 0):
            self.layout(self.size)
        self.dirty = True

    def wake_after_ms(self) -> int | None:
        """Milliseconds until an animation needs the next frame; None when still (the focus glow
        only, here; screens with more animation override this and ask the pulse too)."""
        return self.pulse.wake_after_ms(self.focus.focused, self.ui.theme.motion) if self.ui else None

    def tick(self, now_ms: int) -> None:
        """Advance animations to ``now_ms``; set self.dirty when something moved."""
        if self.ui is not None and self.pulse.tick(now_ms, self.focus.focused, self.ui.theme.motion):
            self.dirty = True

    # -- drawing ---------------------------------------------------------------------------
    @property
    def background(self) -> tuple[int, int, int]:
        assert self.ui is not None
        return self.ui.theme.colours.background

    def draw(self, surface: pygame.Surface) -> None:
        assert self.ui is not None
        surface.fill(self.background)
        self.draw_decor(surface)
        for w in self.widgets:
            w.draw(surface, self.ui, focused=w is self.focus.focused, hovered=w is self.hover)

    def draw_decor(self, surface: pygame.Surface) -> None:
        """Ornaments under the widgets (rules, glows)."""

    # -- words, for speech and the clipboard -------------------------------------------------
    def screen_text(self) -> str:
        """Everything this screen says, top to bottom, as plain text (copy for screen readers)."""
        parts: list[str] = []
        for w in self.widgets:
            if isinstance(w, ScrollText):
                parts.extend(p.text for p in w.paragraphs)
            else:
                said = spoken_label(w)
                if said:
                    parts.append(said)
        return "\n\n".join(parts)

    def spoken_intro(self) -> str:
        """What read-aloud says when the screen appears: its first text, then the focused control."""
        first = next((spoken_label(w) for w in self.widgets if not w.focusable and spoken_label(w)), "")
        focused = spoken_label(self.focus.focused) if self.focus.focused is not None else ""
        parts = [part.strip() for part in (first, focused) if part and part.strip()]
        # a full stop between the parts, unless the first already ends a sentence
        ended = [p if i == len(parts) - 1 or p[-1] in ".!?:" else p + "." for i, p in enumerate(parts)]
        return " ".join(ended)

    # -- input -----------------------------------------------------------------------------
    def track_moves(self, now_ms: int) -> None:
        """Note the buttons that appeared or moved since the last look (the app looks before each
        frame). Where they first stood when the screen was first shown does not count."""
        placed = {id(w): tuple(w.rect) for w in self.widgets if w.focusable}
        if self._placed is not None:
            for key, rect in placed.items():
                if self._placed.get(key) != rect:
                    self._moved_at[key] = now_ms
        self._placed = placed  # type: ignore[assignment]

    def just_moved(self, widget: Widget) -> bool:
        """``widget`` came or moved under the pointer less than MOVE_GUARD_MS ago."""
        moved = self._moved_at.get(id(widget))
        return moved is not None and self.clock_ms - moved < MOVE_GUARD_MS

    def widget_at(self, pos: tuple[int, int]) -> Widget | None:
        """The control under ``pos``, passing over one scrolled out of its list's window there (a
        row scrolled up under the top bar must not take a click meant for the bar's buttons)."""
        for w in reversed(self.widgets):
            if w.focusable and w.rect.collidepoint(pos) and (w.clip is None or w.clip.collidepoint(pos)):
                return w
        return None

    def handle(self, event: pygame.event.Event) -> Action | None:
        """The shared focus-chain behaviour; screens override and call it for the rest."""
        assert self.ui is not None
        if event.type == pygame.KEYDOWN:
            return self.handle_key(event)
        if event.type == pygame.MOUSEMOTION:
            hit = self.widget_at(event.pos)
            if hit is not self.hover:
                self.hover, self.dirty = hit, True
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self.pressed = self.widget_at(event.pos)
        elif event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            hit, pressed, self.pressed = self.widget_at(event.pos), self.pressed, None
            if hit is not None:
                if hit is not pressed or self.just_moved(hit):
                    return None  # pressed on something else, or it has just moved under the pointer
                self.focus.focus(hit)
                self.dirty = True
                return self.activate(hit)
            return self.on_click_elsewhere(event.pos)
        elif event.type == pygame.MOUSEWHEEL and self.scroll is not None:
            self.dirty |= self.scroll.scroll_by(self.ui, -event.y * 3 * self.scroll.line_step(self.ui))
        return None

    def handle_key(self, event: pygame.event.Event) -> Action | None:
        assert self.ui is not None
        key, mod = event.key, event.mod
        if key in MODIFIER_KEYS:
            return None
        self.dirty = True
        if self.scroll is not None and self.scroll.handle_key(self.ui, key):
            return None
        if key == pygame.K_TAB:
            self.focus.move(-1 if mod & pygame.KMOD_SHIFT else 1)
            return None
        if key in NEXT_KEYS or key in PREVIOUS_KEYS:
            self.focus.move(1 if key in NEXT_KEYS else -1)
            return None
        if key in ACTIVATE_KEYS:
            focused = self.focus.focused
            return self.activate(focused) if focused is not None else None
        name = pygame.key.name(key)
        for w in self.widgets:
            if isinstance(w, Button) and w.hotkey == name:
                self.focus.focus(w)
                return self.activate(w)
        return self.on_other_key(event)

    def activate(self, widget: Widget) -> Action | None:
        """Use ``widget`` (Enter, a click or its hotkey), telling sound and speech first."""
        if self.ui is not None:
            self.ui.emit("select", spoken_label(widget))
        return widget.activate()

    def on_other_key(self, event: pygame.event.Event) -> Action | None:
        return None

    def on_click_elsewhere(self, pos: tuple[int, int]) -> Action | None:
        return None

    # -- layout helpers --------------------------------------------------------------------
    def margin(self) -> int:
        assert self.ui is not None
        sp = self.ui.theme.spacing
        return sp.xl if min(self.size) >= 700 else sp.l

    def place_top_bar(self, heading: Label | None, row: ButtonRow) -> int:
        """A heading on the left and the buttons on the right, or stacked when they do not fit
        side by side; returns the y where the content below may start."""
        assert self.ui is not None
        ui, m = self.ui, self.margin()
        gap = ui.theme.spacing.l
        width = self.size[0] - 2 * m
        row_w, row_h = row.measure(ui, width)
        if heading is None:
            return row.place(ui, pygame.Rect(m, m, width, row_h), align="right").bottom + gap
        head_w, head_h = heading.preferred_size(ui, width)
        if head_w + gap + row_w <= width and row_h <= max(head_h, row_h):
            band = max(head_h, row_h)
            heading.rect = pygame.Rect(m, m + (band - head_h) // 2, head_w, head_h)
            row.place(ui, pygame.Rect(m + width - row_w, m + (band - row_h) // 2, row_w, row_h), align="right")
            return m + band + gap
        bar = row.place(ui, pygame.Rect(m, m, width, row_h), align="right")
        head_w, head_h = heading.preferred_size(ui, width)
        heading.rect = pygame.Rect(m, bar.bottom + gap, width, head_h)
        return heading.rect.bottom + gap
