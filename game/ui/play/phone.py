"""The phone of a chat scene, as phone-told games have it: a phone as tall as the window, the
clock and the app's bar at the top, messages arriving one at a time after a short "typing" bubble,
a time beside each, and the sender's face beside their messages.

The messages of the phone's owner sit on the right in the app's colour; everyone else's on the
left, on the surface colour; narration sits centred with no bubble. The picked message (Up/Down)
has a teal bar beside it and flagged ones a lamp-glow edge and a small flag. The view scrolls to
the newest message when one arrives and to the picked one when the pupil moves it; flagging never
scrolls, so nothing moves under the pointer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from game.ui import portraits
from game.ui.widgets import Ui, Widget, draw_scroll_bar

if TYPE_CHECKING:  # only for type hints: the story model is not needed to draw
    from game.story.model import Look
    from game.story.story import Character, Line


@dataclass(frozen=True, slots=True)
class Shown:
    """One revealed line as the screen shows it."""

    line: Line
    speaker: str | None  # display name; None for narration
    mine: bool  # sent from the phone being shown (drawn on the right)
    spotted: bool
    time: str | None = None  # the phone's clock when it arrived ("21:41"), if the scene has one


FLAGGED = "flagged"


def message_time(start: str | None, index: int) -> str | None:
    """The clock beside message ``index`` of a chat that starts at ``start`` ("21:40"): a minute
    passes every two messages, as a quick chat goes."""
    if not start:
        return None
    hours, minutes = (int(part) for part in start.split(":"))
    total = (hours * 60 + minutes + index // 2) % (24 * 60)
    return f"{total // 60:02d}:{total % 60:02d}"


class Phone(Widget):
    def __init__(self, cast: Mapping[str, Character] | None = None) -> None:
        super().__init__()
        self.cast: Mapping[str, Character] = cast or {}
        self.app_name: str | None = None
        self.clock: str | None = None  # the status bar's time
        self.items: list[Shown] = []
        self.focus_index: int | None = None
        self.show_focus = True
        self.offset = 0
        self.typing_from: Line | None = None  # someone is typing: the dots bubble, before their message
        self.dots = 0  # which dot is lifted (0-2) while they type
        self.arrival = 1.0  # the newest message sliding up and fading in (0-1)

    # -- geometry ----------------------------------------------------------------------------
    def frame_pad(self, ui: Ui) -> int:
        return ui.theme.spacing.s + ui.theme.spacing.xs

    def bar_height(self, ui: Ui) -> int:
        """The status bar (the clock) and the app's bar together."""
        t, sp = ui.theme, ui.theme.spacing
        return ui.text.one_line(t.font_size("small")) + sp.xs * 2 + ui.text.one_line(t.font_size("subheading")) \
            + 2 * sp.s

    def _view(self, ui: Ui) -> pygame.Rect:
        pad, sp = self.frame_pad(ui), ui.theme.spacing
        inner = self.rect.inflate(-2 * pad, -2 * pad)
        top = inner.y + self.bar_height(ui) + sp.s
        return pygame.Rect(inner.x + sp.m, top, max(1, inner.width - 2 * sp.m), max(0, inner.bottom - sp.s - top))

    def min_height(self, ui: Ui) -> int:
        """The bars and one message: less than this and the phone is not worth showing."""
        return 2 * self.frame_pad(ui) + self.bar_height(ui) + 3 * ui.text.one_line(ui.theme.font_size("body"))

    def avatar_size(self, ui: Ui) -> int:
        t, sp = ui.theme, ui.theme.spacing
        natural = ui.text.one_line(t.font_size("small")) + sp.xs + ui.text.one_line(t.font_size("body"))
        return max(sp.xl, min(sp.xxl, natural))

    def _look(self, line: Line) -> Look | None:
        character = self.cast.get(line.speaker)
        return character.look if character is not None else None

    def _has_avatar(self, item: Shown) -> bool:
        return item.speaker is not None and not item.mine and item.line.speaker in self.cast

    def _name(self, item: Shown) -> str:
        name = item.speaker or ""
        if item.spotted:
            name = f"{name}  ({FLAGGED})" if name else FLAGGED.capitalize()
        return name

    def _boxes(self, ui: Ui, width: int) -> list[tuple[pygame.Rect, int, int]]:
        """For each message (and the typing bubble, last, when someone types): its box relative to
        the view's top-left, the name row's height and the text's wrap width."""
        t, sp = ui.theme, ui.theme.spacing
        small, body = t.font_size("small"), t.font_size("body")
        face = self.avatar_size(ui)
        out, y = [], 0
        items: list[Shown | None] = [*self.items, *([None] if self.typing_from is not None else [])]
        for i, item in enumerate(items):
            if i:
                y += sp.m
            if item is None:  # the typing bubble: three dots, with the sender's face
                h = max(face, ui.text.one_line(body) + 2 * sp.s)
                out.append((pygame.Rect(face + sp.m, y, 4 * sp.l, h), 0, 0))
                y += h
                continue
            name = self._name(item)
            name_h = ui.text.one_line(small) + sp.xs if name else 0
            time_w = ui.text.measure(item.time, small).width + sp.s if item.time else 0
            if item.speaker is None:
                wrap = max(1, width - 2 * sp.l)
                m = ui.text.measure(item.line.text, body, wrap)
                box = pygame.Rect(0, y, width, name_h + m.height + 2 * sp.s)
            else:
                shift = face + sp.m if self._has_avatar(item) else 0
                most = min(int(width * 0.82), width - shift - time_w)
                wrap = max(1, most - 2 * sp.m)
                m = ui.text.measure(item.line.text, body, wrap)
                name_w = ui.text.measure(name, small).width if name else 0
                w = min(most, max(m.width + 2 * sp.m, name_w))
                x = width - w if item.mine else shift
                box = pygame.Rect(x, y, w, max(name_h + m.height + 2 * sp.s, face if shift else 0))
            out.append((box, name_h, wrap))
            y = box.bottom
        return out

    def content_height(self, ui: Ui) -> int:
        boxes = self._boxes(ui, self._view(ui).width)
        return boxes[-1][0].bottom if boxes else 0

    def max_offset(self, ui: Ui) -> int:
        return max(0, self.content_height(ui) - self._view(ui).height)

    def show_newest(self, ui: Ui) -> None:
        self.offset = self.max_offset(ui)

    def show_item(self, ui: Ui, index: int) -> None:
        """Scroll just enough that message ``index`` is in view."""
        boxes = self._boxes(ui, self._view(ui).width)
        if not 0 <= index < len(self.items):
            return
        box, view_h = boxes[index][0], self._view(ui).height
        if box.top < self.offset:
            self.offset = box.top
        elif box.bottom > self.offset + view_h:
            self.offset = min(box.top, box.bottom - view_h)
        self.offset = max(0, min(self.offset, self.max_offset(ui)))

    def scroll_by(self, ui: Ui, dy: int) -> bool:
        new = min(max(0, self.offset + dy), self.max_offset(ui))
        changed, self.offset = new != self.offset, new
        return changed

    def item_rect(self, ui: Ui, index: int) -> pygame.Rect:
        view = self._view(ui)
        return self._boxes(ui, view.width)[index][0].move(view.x, view.y - self.offset)

    def item_at(self, ui: Ui, pos: tuple[int, int]) -> int | None:
        if not self._view(ui).collidepoint(pos):
            return None
        return next((i for i in range(len(self.items)) if self.item_rect(ui, i).collidepoint(pos)), None)

    # -- drawing -----------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, ui: Ui, focused: bool = False, hovered: bool = False) -> None:
        c, sp = ui.theme.colours, ui.theme.spacing
        self._draw_frame(surface, ui)
        view = self._view(ui)
        self.offset = min(self.offset, self.max_offset(ui))
        old_clip = surface.get_clip()
        area = view.inflate(2 * sp.m - 2, 0)  # the bar and flag beside a bubble sit in the padding
        surface.set_clip(area.clip(old_clip) if old_clip else area)
        face = self.avatar_size(ui)
        boxes = self._boxes(ui, view.width)
        for i, (box, name_h, wrap) in enumerate(boxes):
            r = box.move(view.x, view.y - self.offset)
            if i >= len(self.items):
                self._draw_typing(surface, ui, r, face)
                continue
            item = self.items[i]
            arriving = i == len(self.items) - 1 and self.arrival < 1
            if arriving:
                r = r.move(0, round((1 - self.arrival) * sp.m))
            if r.bottom < view.top or r.top > view.bottom:
                continue
            self._draw_item(surface, ui, item, r, name_h, wrap, face)
            if item.spotted:
                self._draw_flag(surface, ui, r, item)
            if self.show_focus and i == self.focus_index:
                self._draw_picked(surface, ui, r, item)
            if arriving:  # fade in from the phone's page: its colour laid over, thinning out
                veil_rect = r.inflate(4 * sp.l, 0).clip(view.inflate(2 * sp.s, 0))
                veil = pygame.Surface(veil_rect.size, pygame.SRCALPHA)
                veil.fill((*c.background, round(255 * (1 - self.arrival))))
                surface.blit(veil, veil_rect)
        surface.set_clip(old_clip)
        if self.max_offset(ui) > 0:
            draw_scroll_bar(surface, ui, self.rect.right - self.frame_pad(ui) - sp.s, view, self.offset,
                            self.content_height(ui))

    def _draw_item(self, surface: pygame.Surface, ui: Ui, item: Shown, r: pygame.Rect, name_h: int, wrap: int,
                   face: int) -> None:
        t, c, sp = ui.theme, ui.theme.colours, ui.theme.spacing
        small, body = t.font_size("small"), t.font_size("body")
        name = self._name(item)
        if item.speaker is None:  # narration: centred, quiet, no bubble
            if name:
                label = ui.text.render(name, small, c.text)
                surface.blit(label, (r.centerx - label.get_width() // 2, r.y))
            image = ui.text.render(item.line.text, body, c.text_muted, wrap, "center")
            surface.blit(image, (r.centerx - image.get_width() // 2, r.y + name_h + sp.s))
            return
        fill, ink = (c.primary, c.on_primary) if item.mine else (c.surface, c.text)
        bubble = pygame.Rect(r.x, r.y + name_h, r.width, r.height - name_h)
        pygame.draw.rect(surface, fill, bubble, border_radius=t.radii.large)
        if item.spotted:  # a lamp-glow edge: flagged messages stay marked
            pygame.draw.rect(surface, c.help_border, bubble, width=t.border_width + 1, border_radius=t.radii.large)
        if self._has_avatar(item):
            surface.blit(portraits.avatar(self._look(item.line), item.line.mood, face, c.surface),
                         (r.x - face - sp.m, r.y))
        if name:
            label = ui.text.render(name, small, c.text_muted if not item.spotted else c.text)
            surface.blit(label, (r.right - label.get_width(), r.y) if item.mine else (r.x + sp.s, r.y))
        image = ui.text.render(item.line.text, body, ink, wrap)
        surface.blit(image, (bubble.x + sp.m, bubble.y + sp.s))
        if item.time:
            stamp = ui.text.render(item.time, small, c.text_muted)
            x = bubble.x - sp.s - stamp.get_width() if item.mine else bubble.right + sp.s
            surface.blit(stamp, (x, bubble.bottom - stamp.get_height()))

    def _draw_typing(self, surface: pygame.Surface, ui: Ui, r: pygame.Rect, face: int) -> None:
        """Someone is typing: their face and a bubble of three dots, one lifted in turn."""
        t, c, sp = ui.theme, ui.theme.colours, ui.theme.spacing
        line = self.typing_from
        if line is not None and line.speaker in self.cast:
            surface.blit(portraits.avatar(self._look(line), None, face, c.surface), (r.x - face - sp.m, r.y))
        bubble = pygame.Rect(r.x, r.y, r.width, min(r.height, ui.text.one_line(t.font_size("body")) + 2 * sp.s))
        pygame.draw.rect(surface, c.surface, bubble, border_radius=t.radii.large)
        radius = max(3, sp.xs + 1)
        for k in range(3):
            lift = sp.xs if k == self.dots else 0
            centre = (bubble.x + bubble.width * (k + 1) // 4, bubble.centery - lift)
            pygame.draw.circle(surface, c.text_muted, centre, radius)

    def _draw_picked(self, surface: pygame.Surface, ui: Ui, r: pygame.Rect, item: Shown) -> None:
        """The message S would flag: a teal bar beside it (buttons keep the focus ring to themselves)."""
        c, sp = ui.theme.colours, ui.theme.spacing
        bar_w = sp.xs + 2
        x = r.right + sp.xs if item.mine and item.speaker is not None else r.x - sp.xs - bar_w
        pygame.draw.rect(surface, c.focus_ring, (x, r.y, bar_w, r.height), border_radius=bar_w // 2)

    def _draw_flag(self, surface: pygame.Surface, ui: Ui, r: pygame.Rect, item: Shown) -> None:
        c, sp = ui.theme.colours, ui.theme.spacing
        size = max(12, ui.theme.font_size("small") // 2)
        if item.mine:
            x, y = r.x - size - sp.s, r.y
        else:
            x, y = r.right + sp.s, r.y
        pygame.draw.line(surface, c.help_border, (x, y), (x, y + size + 4), 3)
        pygame.draw.polygon(surface, c.decor, [(x + 2, y), (x + size, y + size // 3), (x + 2, y + 2 * size // 3)])

    def _draw_frame(self, surface: pygame.Surface, ui: Ui) -> None:
        """The phone: a dark case, its screen in the page colour, the clock, and the app's bar."""
        t, c, sp = ui.theme, ui.theme.colours, ui.theme.spacing
        pad = self.frame_pad(ui)
        case_radius = t.radii.large + pad + sp.s
        pygame.draw.rect(surface, c.text, self.rect, border_radius=case_radius)
        screen = self.rect.inflate(-2 * pad, -2 * pad)
        radius = t.radii.large + sp.s
        pygame.draw.rect(surface, c.background, screen, border_radius=radius)
        small = t.font_size("small")
        status_h = ui.text.one_line(small) + 2 * sp.xs
        if self.clock:
            stamp = ui.text.render(self.clock, small, c.text)
            surface.blit(stamp, (screen.x + sp.l, screen.y + sp.xs))
        # a battery, drawn: the status bar of any phone
        bw, bh = small, max(6, small // 2)
        battery = pygame.Rect(screen.right - sp.l - bw, screen.y + (status_h - bh) // 2, bw, bh)
        pygame.draw.rect(surface, c.text, battery, width=2, border_radius=2)
        pygame.draw.rect(surface, c.text, battery.inflate(-6, -6).move(-1, 0).clip(battery), border_radius=1)
        bar = pygame.Rect(screen.x, screen.y + status_h, screen.width, self.bar_height(ui) - status_h)
        pygame.draw.rect(surface, c.primary, bar)
        if self.app_name and bar.height:
            image = ui.text.render(self.app_name, t.font_size("subheading"), c.on_primary,
                                   max(1, bar.width - 2 * sp.m), "center")
            surface.blit(image, image.get_rect(center=bar.center))
