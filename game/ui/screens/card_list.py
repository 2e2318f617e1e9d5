"""A screen whose main part is a scrolling list of focusable cards: the story picker, and the
teacher area's catalogue and classroom settings.

Above the list: a heading, the top bar (Back, Get help, Take a break), a row of controls (filters)
and a status line. Up/Down move between cards (a card taller than the list scrolls through first),
Tab walks every control, Enter or a click uses the focused card. The list keeps the focused card in
view and scrolls with the wheel, PageUp/PageDown and Home/End. A card is any focusable widget: its
height is ``preferred_size(ui, width)[1]``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pygame

from game.ui.screen import MODIFIER_KEYS, Action, Screen
from game.ui.widgets import ButtonRow, Label, Ui, Widget, draw_scroll_bar


@dataclass(frozen=True)
class CardPart:
    text: str
    role: str
    colour: str
    space_before: str  # a spacing token


class TextCard(Widget):
    """A card of text parts (a title, facts, lists) on a surface; focusable, and used by Enter or a
    click when it has ``on_activate``."""

    focusable = True
    card = True  # a big card: a caption over a part of it still leaves it easy to see and use

    def __init__(self, parts: Sequence[CardPart], on_activate: Callable[[], Action | None] | None = None,
                 brief: Sequence[int] = ()) -> None:
        super().__init__()
        self.all_parts = list(parts)
        self.on_activate = on_activate
        # How many parts it keeps at each step of being made shorter (a short window, large text):
        # (3, 2) is the first three parts, then only the first two. No steps: it never shortens.
        self.brief = tuple(brief)
        self.compact = 0  # how many steps shorter it is now

    @property
    def parts(self) -> list[CardPart]:
        """What the card shows: all its parts, or fewer when it is compact."""
        steps = self.brief[:self.compact]
        return self.all_parts[:steps[-1]] if steps else self.all_parts

    @parts.setter
    def parts(self, parts: Sequence[CardPart]) -> None:
        self.all_parts = list(parts)

    @property
    def text(self) -> str:
        """Everything the card says (for speech and the clipboard), compact or not."""
        return "\n".join(part.text for part in self.all_parts)

    def _padding(self, ui: Ui) -> int:
        return ui.theme.spacing.m + ui.theme.spacing.xs

    def height_for(self, ui: Ui, width: int) -> int:
        pad, text_w = self._padding(ui), max(1, width - 2 * self._padding(ui))
        h = 0
        for i, part in enumerate(self.parts):
            if i:
                h += getattr(ui.theme.spacing, part.space_before)
            h += ui.text.measure(part.text, ui.theme.font_size(part.role), text_w).height
        return h + 2 * pad

    def preferred_size(self, ui: Ui, max_width: int) -> tuple[int, int]:
        return (max_width, self.height_for(ui, max_width))

    def draw(self, surface: pygame.Surface, ui: Ui, focused: bool = False, hovered: bool = False) -> None:
        t, c = ui.theme, ui.theme.colours
        radius = t.radii.medium
        pygame.draw.rect(surface, c.surface_hover if hovered else c.surface, self.rect, border_radius=radius)
        pygame.draw.rect(surface, c.accent, self.rect, width=t.border_width, border_radius=radius)
        pad = self._padding(ui)
        text_w = max(1, self.rect.width - 2 * pad)
        y = self.rect.y + pad
        for i, part in enumerate(self.parts):
            if i:
                y += getattr(t.spacing, part.space_before)
            image = ui.text.render(part.text, t.font_size(part.role), getattr(c, part.colour), text_w)
            surface.blit(image, (self.rect.x + pad, y))
            y += image.get_height()
        if focused:
            grow = 2 * (t.focus_gap + t.focus_width)
            pygame.draw.rect(surface, c.focus_ring, self.rect.inflate(grow, grow), width=t.focus_width,
                             border_radius=radius + t.focus_gap + t.focus_width)

    def overflows(self, ui: Ui) -> bool:
        return self.rect.height < self.height_for(ui, self.rect.width)

    def activate(self) -> Action | None:
        return self.on_activate() if self.on_activate is not None else None


class CardListScreen(Screen):
    """Subclasses make ``heading``, ``top_row``, ``band_row`` (the controls above the list),
    ``showing`` (the status line) and ``empty`` in ``compose``, and call ``show_cards``."""
    place = ""  # no background sound here

    COLUMN = 1280  # the widest the list grows on a large window

    heading: Label
    top_row: ButtonRow
    band_row: ButtonRow
    showing: Label
    empty: Label

    def __init__(self) -> None:
        super().__init__()
        self.cards: list[Widget] = []
        self.card_y: dict[Widget, int] = {}  # each card's top within the scrolling list
        self.offset = 0  # how far the card list is scrolled
        self.view = pygame.Rect(0, 0, 0, 0)  # where the card list shows
        self.content_h = 0

    def show_cards(self, cards: list[Widget], others: list[Widget], focus_order: list[Widget],
                   keep_offset: bool = False) -> None:
        """The cards to list and the other widgets (drawing order), then lay out again."""
        self.cards = cards
        self.set_widgets([*cards, *others], focus_order)
        if not keep_offset:
            self.offset = 0
        self.relayout()

    # -- layout ------------------------------------------------------------------------------
    def short_labels(self, short: bool) -> None:
        """Short words on the filters above the list (a subclass's own), when room is short."""

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        assert self.ui is not None
        ui, m, sp = self.ui, self.margin(), self.ui.theme.spacing
        width = min(size[0] - 2 * m, self.COLUMN)
        x = (size[0] - width) // 2  # one centred column on a wide window
        self.heading.size_override = None
        self.short_labels(False)
        bar_w, bar_h = self.top_row.measure(ui, width)
        head_w, head_h = self.heading.preferred_size(ui, width)
        band_h = self.band_row.measure(ui, width)[1]
        show_h = self.showing.preferred_size(ui, width)[1] if self.showing.text else 0
        below = sp.l + band_h + sp.s + show_h + sp.m  # from the top band to the card list
        side_by_side = head_w + sp.l + bar_w <= width
        top_band = max(head_h, bar_h) if side_by_side else bar_h + sp.l + head_h
        self.heading_shown, beside_filters = True, False
        # A short window with large text: the "Showing ..." line gives its room first, then the
        # heading moves up beside the filters (smaller, the filters in short words); the heading
        # stays: a pupil always sees what this screen is.
        if not side_by_side and size[1] - 2 * m - top_band - below < size[1] * 2 // 5:
            if show_h:
                below, show_h = below - show_h - sp.s, 0
            self.short_labels(True)
            self.heading.size_override = ui.theme.font_size("subheading")
            head_w, head_h = self.heading.preferred_size(ui, width)
            filters_w, band_h = self.band_row.measure(ui, width)
            if head_w + sp.l + filters_w <= width:
                beside_filters, top_band = True, bar_h
            else:  # no room beside the filters either: the heading gives its room to the list
                self.heading.size_override = None
                self.short_labels(False)
                band_h = self.band_row.measure(ui, width)[1]
                self.heading_shown, top_band = False, bar_h
        if side_by_side:
            self.heading.rect = pygame.Rect(x, m + (top_band - head_h) // 2, head_w, head_h)
            self.top_row.place(ui, pygame.Rect(x + width - bar_w, m + (top_band - bar_h) // 2, bar_w, bar_h),
                               align="right")
        elif beside_filters:
            self.top_row.place(ui, pygame.Rect(x, m, width, bar_h), align="right")
            row_y = m + bar_h + sp.l
            self.heading.rect = pygame.Rect(x, row_y + (band_h - head_h) // 2, head_w, head_h)
        else:
            self.top_row.place(ui, pygame.Rect(x, m, width, bar_h), align="right")
            self.heading.rect = pygame.Rect(x, m + bar_h + sp.l, width, head_h)
        self.widgets = [w for w in self.widgets if w is not self.heading]
        if self.heading_shown:
            self.widgets.append(self.heading)
        if bool(show_h) != (self.showing in self.widgets) and self.showing.text:
            self.widgets = [w for w in self.widgets if w is not self.showing] + ([self.showing] if show_h else [])
        y = m + top_band + sp.l
        if beside_filters:
            self.band_row.place(ui, pygame.Rect(x + head_w + sp.l, y, width - head_w - sp.l, band_h), align="right")
        else:
            self.band_row.place(ui, pygame.Rect(x, y, width, band_h))
        y += band_h + sp.s
        self.showing.rect = pygame.Rect(x, y, width, show_h)
        y += show_h + sp.m
        if self.empty.text:  # in place of the cards; or, over cards (a notice), the list starts below it
            self.empty.rect = pygame.Rect(x, y, width, self.empty.preferred_size(ui, width)[1])
            if self.cards:
                y = self.empty.rect.bottom + sp.m
        self.view = pygame.Rect(x, y, width, max(0, size[1] - m - y))
        self.place_cards()
        focused = self.focus.focused
        if focused in self.card_y:
            self.reveal(focused)

    def _list_width(self) -> int:
        assert self.ui is not None
        sp = self.ui.theme.spacing
        return self.view.width - (sp.s + sp.m)  # room for the scroll bar

    def place_cards(self) -> None:
        """Stack the cards in the list (again, after one changed its height). Cards that can be
        brief go compact when fewer than two would show whole: a pupil always sees a choice."""
        assert self.ui is not None
        ui, sp = self.ui, self.ui.theme.spacing
        width = self._list_width() - 2 * (ui.theme.focus_gap + ui.theme.focus_width)
        cards = [card for card in self.cards if isinstance(card, TextCard)]
        most = max((len(card.brief) for card in cards), default=0)
        for step in range(most + 1):
            for card in cards:
                card.compact = step
            heights = sorted(card.preferred_size(ui, width)[1] for card in self.cards)
            if len(heights) < 2 or heights[-1] + heights[-2] + sp.m <= self.view.height:
                break
        inset = ui.theme.focus_gap + ui.theme.focus_width  # the focus ring stays inside
        width = self._list_width() - 2 * inset
        y = inset
        self.card_y = {}
        for card in self.cards:
            self.card_y[card] = y
            card.rect = pygame.Rect(self.view.x + inset, 0, width, card.preferred_size(ui, width)[1])
            y += card.rect.height + sp.m
        self.content_h = y - sp.m + inset if self.cards else 0
        self._apply_offset()

    def max_offset(self) -> int:
        return max(0, self.content_h - self.view.height)

    def _apply_offset(self) -> None:
        self.offset = min(max(0, self.offset), self.max_offset())
        for card in self.cards:
            card.rect.y = self.view.y + self.card_y[card] - self.offset
            card.clip = self.view  # only the part in the list's window shows
        self.dirty = True

    def scroll_by(self, dy: int) -> None:
        self.offset += dy
        self._apply_offset()

    def reveal(self, card: Widget, prefer_bottom: bool = False) -> None:
        """Scroll so the card shows; a card taller than the list shows its top (or its bottom)."""
        inset = self.ui.theme.focus_gap + self.ui.theme.focus_width if self.ui else 0
        top = self.card_y[card] - inset
        bottom = self.card_y[card] + card.rect.height + inset
        if bottom - top > self.view.height:
            self.offset = bottom - self.view.height if prefer_bottom else top
        elif top < self.offset:
            self.offset = top
        elif bottom > self.offset + self.view.height:
            self.offset = bottom - self.view.height
        self._apply_offset()

    def line_step(self) -> int:
        assert self.ui is not None
        return self.ui.text.line_height(self.ui.theme.font_size("body")) * 2

    # -- input -------------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> Action | None:
        if event.type == pygame.MOUSEWHEEL:
            self.scroll_by(-event.y * self.line_step())
            return None
        return super().handle(event)

    def handle_key(self, event: pygame.event.Event) -> Action | None:
        assert self.ui is not None
        key = event.key
        if key in MODIFIER_KEYS:
            return None
        focused = self.focus.focused
        page = max(self.line_step(), self.view.height - self.line_step())
        if key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            self.scroll_by(page if key == pygame.K_PAGEDOWN else -page)
            return None
        if key in (pygame.K_HOME, pygame.K_END):
            self.offset = 0 if key == pygame.K_HOME else self.max_offset()
            self._apply_offset()
            return None
        if focused in self.card_y and key in (pygame.K_UP, pygame.K_DOWN):
            return self._card_step(focused, 1 if key == pygame.K_DOWN else -1)
        action = super().handle_key(event)
        focused = self.focus.focused
        if focused in self.card_y:
            self.reveal(focused)
        return action

    def _card_step(self, card: Widget, delta: int) -> None:
        """Down: scroll through the rest of a tall card first, then go to the next card."""
        view_top, view_bottom = self.offset, self.offset + self.view.height
        y = self.card_y[card]
        if delta > 0 and y + card.rect.height > view_bottom:
            self.scroll_by(min(self.line_step(), y + card.rect.height - view_bottom + 8))
            return None
        if delta < 0 and y < view_top:
            self.scroll_by(-min(self.line_step(), view_top - y + 8))
            return None
        i = self.cards.index(card) + delta
        while 0 <= i < len(self.cards) and not self.cards[i].focusable:
            i += delta
        if 0 <= i < len(self.cards):
            self.focus.focus(self.cards[i])
            self.reveal(self.cards[i], prefer_bottom=delta < 0)
        self.dirty = True
        return None

    # -- drawing -----------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        assert self.ui is not None
        surface.fill(self.background)
        self.draw_decor(surface)
        focused = self.focus.focused
        for w in self.widgets:
            if w not in self.card_y:
                w.draw(surface, self.ui, focused=w is focused, hovered=w is self.hover)
        old_clip = surface.get_clip()
        surface.set_clip(self.view.clip(old_clip) if old_clip else self.view)
        for card in self.cards:
            if card.rect.bottom >= self.view.top and card.rect.top <= self.view.bottom:
                card.draw(surface, self.ui, focused=card is focused, hovered=card is self.hover)
        surface.set_clip(old_clip)
        if self.max_offset() > 0:
            x = self.view.x + self._list_width() + self.ui.theme.spacing.m
            draw_scroll_bar(surface, self.ui, x, self.view, self.offset, self.content_h)
