"""A column of widgets taller than its room: it scrolls to keep the focused one in view.

Used by screens whose list can outgrow the window at large text (Settings, the class vote).
The screen keeps its widgets in its own FocusChain; the area only places them, scrolls them
(keys move the focus, the wheel moves the list), clips their drawing to the viewport, and says
which are out of sight (each item's ``clip``), so a click there does nothing.

    area = ScrollArea(items, gap_before=lambda w: 16)
    area.layout(ui, pygame.Rect(x, top, width, height))   # in the screen's layout
    area.scroll_into_view(ui, focused)                     # after the focus moves
    area.draw(surface, ui, focused, hovered)               # in the screen's draw
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pygame

from game.ui.screen import Action, Screen
from game.ui.widgets import Button, Label, Ui, Widget, draw_scroll_bar


class ScrollArea:
    def __init__(self, items: Sequence[Widget], gap_before: Callable[[Widget], int] | None = None,
                 full_width: Callable[[Widget], bool] | None = None) -> None:
        self.items = list(items)
        self.gap_before = gap_before or (lambda w: 0)
        # Buttons fill the width; text takes the width it needs.
        self.full_width = full_width or (lambda w: isinstance(w, Button))
        self.viewport = pygame.Rect(0, 0, 0, 0)
        self.offset = 0
        self.content_height = 0
        self._heights: list[int] = []

    # -- sizes ---------------------------------------------------------------------------------
    @staticmethod
    def _hidden(widget: Widget) -> bool:
        return isinstance(widget, Label) and not widget.text  # an empty note takes no room

    def _size(self, ui: Ui, widget: Widget) -> tuple[int, int]:
        if self._hidden(widget):
            return (0, 0)
        w, h = widget.preferred_size(ui, self.viewport.width)
        return (self.viewport.width if self.full_width(widget) else w, h)

    def _gap(self, index: int, widget: Widget) -> int:
        return 0 if index == 0 or self._hidden(widget) else self.gap_before(widget)

    def layout(self, ui: Ui, viewport: pygame.Rect) -> None:
        self.viewport = pygame.Rect(viewport)
        self._heights = [self._size(ui, w)[1] for w in self.items]
        self.content_height = sum(self._heights) + sum(self._gap(i, w) for i, w in enumerate(self.items))
        self.offset = max(0, min(self.offset, self.most()))
        self.place(ui)

    def place(self, ui: Ui) -> None:
        y = self.viewport.y - self.offset
        for i, (widget, height) in enumerate(zip(self.items, self._heights, strict=True)):
            y += self._gap(i, widget)
            widget.rect = pygame.Rect(self.viewport.x, y, self._size(ui, widget)[0], height)
            widget.clip = self.viewport
            y += height

    # -- scrolling -----------------------------------------------------------------------------
    def most(self) -> int:
        return max(0, self.content_height - self.viewport.height)

    def scrolls(self) -> bool:
        return self.most() > 0

    def scroll_to(self, ui: Ui, offset: int) -> bool:
        """True when the list moved."""
        offset = max(0, min(offset, self.most()))
        if offset == self.offset:
            return False
        self.offset = offset
        self.place(ui)
        return True

    def scroll_by(self, ui: Ui, dy: int) -> bool:
        return self.scroll_to(ui, self.offset + dy)

    def scroll_into_view(self, ui: Ui, widget: Widget | None, pad: int = 0) -> bool:
        """Scroll the least that shows all of ``widget`` (with ``pad`` around it); True when it moved."""
        if widget is None or widget not in self.items:
            return False
        if widget.rect.y - pad < self.viewport.y:
            return self.scroll_by(ui, widget.rect.y - pad - self.viewport.y)
        if widget.rect.bottom + pad > self.viewport.bottom:
            return self.scroll_by(ui, widget.rect.bottom + pad - self.viewport.bottom)
        return False

    def shows(self, widget: Widget) -> bool:
        """Whether ``widget`` (one of the items) is wholly in sight."""
        return self.viewport.contains(widget.rect)

    # -- drawing -------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, ui: Ui, focused: Widget | None, hovered: Widget | None) -> None:
        t = ui.theme
        ring = t.focus_gap + t.focus_width  # the focus ring sits outside a button: leave it room
        old_clip = surface.get_clip()
        surface.set_clip(self.viewport.inflate(2 * ring, 2 * ring).clip(old_clip))
        for w in self.items:
            if not self._hidden(w) and w.rect.bottom >= self.viewport.y - ring and \
                    w.rect.y <= self.viewport.bottom + ring:
                w.draw(surface, ui, focused=w is focused, hovered=w is hovered)
        surface.set_clip(old_clip)
        self.draw_scrollbar(surface, ui)

    def draw_scrollbar(self, surface: pygame.Surface, ui: Ui) -> None:
        """A thin bar just right of the viewport, only when the list is taller than it."""
        if self.scrolls():
            draw_scroll_bar(surface, ui, self.viewport.right + ui.theme.spacing.m, self.viewport, self.offset,
                            self.content_height)


class ScrollingScreen(Screen):
    """A screen with a heading and a top bar, and a ScrollArea (``self.area``) below them that
    scrolls to follow the focus, answers the wheel, and ignores clicks on what is out of sight.
    Subclasses make ``self.area`` in ``compose`` and call ``layout_area`` in ``layout``."""

    area: ScrollArea
    max_width = 900

    def column(self) -> tuple[int, int]:
        """The x and width of the area's column: centred, at most ``max_width`` wide."""
        m, w = self.margin(), self.size[0]
        width = min(w - 2 * m, self.max_width)
        return w // 2 - width // 2, width

    def layout_area(self, top: int, bottom: int | None = None) -> None:
        """The area fills the window below ``top`` (to ``bottom``, or the bottom margin)."""
        assert self.ui is not None
        x, width = self.column()
        bottom = self.size[1] - self.margin() if bottom is None else bottom
        self.area.layout(self.ui, pygame.Rect(x, top, width, max(0, bottom - top)))
        self.scroll_to_focus()

    def scroll_to_focus(self) -> None:
        """Show the focused item; at the first control, scroll right up to show what is above it too."""
        assert self.ui is not None
        focused = self.focus.focused
        first = next((w for w in self.area.items if w.focusable), None)
        if focused is first:
            self.dirty |= self.area.scroll_to(self.ui, 0)
        self.dirty |= self.area.scroll_into_view(self.ui, focused, pad=self.ui.theme.spacing.m)

    def handle(self, event: pygame.event.Event) -> Action | None:
        if event.type == pygame.MOUSEWHEEL:
            assert self.ui is not None
            step = self.ui.text.line_height(self.ui.theme.font_size("body"))
            self.dirty |= self.area.scroll_by(self.ui, -event.y * 3 * step)
            return None
        action = super().handle(event)
        if event.type == pygame.KEYDOWN:
            self.scroll_to_focus()
        return action

    def draw(self, surface: pygame.Surface) -> None:
        assert self.ui is not None
        surface.fill(self.background)
        focused = self.focus.focused
        for w in self.widgets:
            if w not in self.area.items:
                w.draw(surface, self.ui, focused=w is focused, hovered=w is self.hover)
        self.area.draw(surface, self.ui, focused, self.hover)
