"""What the play screen draws: the place background, the characters standing in a place, the lines
of a scene (a dialogue panel in a place, a phone in a chat) with a small round face beside each
spoken line, choice buttons and the kind feedback card.

Nothing here decides what happens next: PlayScreen (play.py) owns the Playthrough and hands
these widgets what to show.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pygame

from game.ui import portraits
from game.ui.widgets import Button, Ui, Widget

if TYPE_CHECKING:  # only for type hints: the story model is not needed to draw
    from game.story.model import Look
    from game.story.story import Character, Line, Story

@dataclass(frozen=True, slots=True)
class Shown:
    """One revealed line as the screen shows it."""

    line: Line
    speaker: str | None  # display name; None for narration
    mine: bool  # chat: sent from the phone being shown (drawn on the right)
    spotted: bool


FLAGGED = "flagged"


class LinesView(Widget):
    """The lines of the current scene shown so far. ``mode`` is 'place' (a dialogue panel) or
    'chat' (a phone with message bubbles). The picked line (for spotting) has a teal bar; flagged
    lines keep a small flag and the word "flagged". It scrolls itself to keep the focused line
    in view; it never clips text sideways."""

    def __init__(self, mode: str = "place", app_name: str | None = None, story: Story | None = None) -> None:
        super().__init__()
        self.mode, self.app_name = mode, app_name
        # The story's characters: their faces beside their lines (in a chat, a profile picture, drawn
        # from the look as the writer describes how the account appears).
        self.cast: Mapping[str, Character] = story.characters if story is not None else {}
        self.items: list[Shown] = []
        self.focus_index: int | None = None
        self.show_focus = True
        self.show_header = True  # a chat's app bar; it gives way on a short window with large text
        self.offset = 0
        # The newest line as it appears (PlayScreen animates these): how many of its characters
        # show (None: all; boxes are always sized for the whole line, so nothing reflows) and,
        # in a chat, how far its bubble has slid up and faded in (0-1).
        self.typed: int | None = None
        self.arrival = 1.0

    # -- geometry ----------------------------------------------------------------------------
    def _pad(self, ui: Ui) -> int:
        return ui.theme.spacing.m

    def header_height(self, ui: Ui) -> int:
        if self.mode != "chat" or not self.show_header:
            return 0
        return ui.text.one_line(ui.theme.font_size("subheading")) + 2 * ui.theme.spacing.s

    def _inner_width(self, ui: Ui, width: int) -> int:
        return max(1, width - 2 * self._pad(ui))

    def avatar_size(self, ui: Ui) -> int:
        """The diameter of the face beside a line: as tall as the name and the first line of words
        (so a one-line item is no taller for it), within a comfortable range. 0 with no cast."""
        if not self.cast:
            return 0
        t, sp = ui.theme, ui.theme.spacing
        natural = ui.text.one_line(t.font_size("small")) + sp.xs + ui.text.one_line(t.font_size("body"))
        return max(sp.xl, min(sp.xxl + sp.s if self.mode == "place" else sp.xxl, natural))

    def _look(self, item: Shown) -> Look | None:
        character = self.cast.get(item.line.speaker) if item.speaker is not None else None
        return character.look if character is not None else None

    def _has_avatar(self, item: Shown) -> bool:
        """Chat: incoming messages from a character have a face; the phone owner's own do not."""
        if not self.cast or item.speaker is None or item.line.speaker not in self.cast:
            return False
        return self.mode == "place" or not item.mine

    def _item_boxes(self, ui: Ui, width: int) -> list[tuple[pygame.Rect, int, int]]:
        """For each item: its box relative to the content's top-left, the name row's height and
        the text's wrap width."""
        t, sp = ui.theme, ui.theme.spacing
        inner = self._inner_width(ui, width)
        small, body = t.font_size("small"), t.font_size("body")
        face = self.avatar_size(ui)
        column = face + sp.m if face else 0  # room for a face beside a spoken line
        out, y = [], 0
        for i, item in enumerate(self.items):
            if i:
                y += sp.m if self.mode == "chat" else sp.s
            name = self._name(item)
            name_h = ui.text.one_line(small) + sp.xs if name else 0
            if self.mode == "place":
                gutter = sp.l  # room for the flag
                wrap = max(1, inner - gutter - 2 * sp.s - (column if item.speaker is not None else 0))
                text_h = ui.text.measure(item.line.text, body, wrap).height
                box = pygame.Rect(0, y, inner, max(name_h + text_h, face if self._has_avatar(item) else 0) + 2 * sp.s)
            elif item.speaker is None:  # narration in a chat: centred, no bubble
                wrap = max(1, inner - 2 * sp.l)
                m = ui.text.measure(item.line.text, body, wrap)
                box = pygame.Rect(0, y, inner, name_h + m.height + 2 * sp.s)
            else:
                shift = column if self._has_avatar(item) else 0  # an incoming message's face, on its left
                wrap = max(1, min(int(inner * 0.8), inner - shift) - 2 * sp.m)
                m = ui.text.measure(item.line.text, body, wrap)
                name_w = ui.text.measure(name, small).width if name else 0
                w = min(inner - shift, max(m.width + 2 * sp.m, name_w))
                x = inner - w if item.mine else shift
                box = pygame.Rect(x, y, w, max(name_h + m.height + 2 * sp.s, face if shift else 0))
            out.append((box, name_h, wrap))
            y = box.bottom
        return out

    def _name(self, item: Shown) -> str:
        if item.spotted:
            return f"{item.speaker}  ({FLAGGED})" if item.speaker else FLAGGED.capitalize()
        return item.speaker or ""

    def content_height(self, ui: Ui, width: int | None = None) -> int:
        boxes = self._item_boxes(ui, width if width is not None else self.rect.width)
        return (boxes[-1][0].bottom if boxes else 0) + 2 * self._pad(ui) + self.header_height(ui)

    def _view(self, ui: Ui) -> pygame.Rect:
        pad, head = self._pad(ui), self.header_height(ui)
        return pygame.Rect(self.rect.x + pad, self.rect.y + head + pad, self._inner_width(ui, self.rect.width),
                           max(0, self.rect.height - head - 2 * pad))

    def follow_focus(self, ui: Ui) -> None:
        """Scroll so the focused line (else the last) is in view, with as much before it as fits."""
        boxes = self._item_boxes(ui, self.rect.width)
        if not boxes:
            self.offset = 0
            return
        index = self.focus_index if self.focus_index is not None else len(boxes) - 1
        box = boxes[min(index, len(boxes) - 1)][0]
        view_h = self._view(ui).height
        # Start at the earliest whole line that still leaves the focused one in view: no line
        # is shown cut in half at the top.
        first = next((b for b, _, _ in boxes if box.bottom - b.top <= view_h), box)
        self.offset = max(0, min(box.top, first.top))

    def scroll_by(self, ui: Ui, dy: int) -> bool:
        boxes = self._item_boxes(ui, self.rect.width)
        total = boxes[-1][0].bottom if boxes else 0
        new = min(max(0, self.offset + dy), max(0, total - self._view(ui).height))
        changed, self.offset = new != self.offset, new
        return changed

    def item_rect(self, ui: Ui, index: int) -> pygame.Rect:
        """Where line ``index`` is on the window now (it may be scrolled out of view)."""
        view = self._view(ui)
        return self._item_boxes(ui, self.rect.width)[index][0].move(view.x, view.y - self.offset)

    def item_at(self, ui: Ui, pos: tuple[int, int]) -> int | None:
        if not self._view(ui).collidepoint(pos):
            return None
        for i in range(len(self.items)):
            if self.item_rect(ui, i).collidepoint(pos):
                return i
        return None

    # -- drawing -----------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, ui: Ui, focused: bool = False, hovered: bool = False) -> None:
        t, c, sp = ui.theme, ui.theme.colours, ui.theme.spacing
        if self.mode == "chat":
            self._draw_phone(surface, ui)
        view = self._view(ui)
        old_clip = surface.get_clip()
        ring = 0
        area = view.inflate(2 * sp.m - 2, 0)  # the bar and flag beside a bubble sit in the padding
        surface.set_clip(area.clip(old_clip) if old_clip else area)
        small, body = t.font_size("small"), t.font_size("body")
        face = self.avatar_size(ui)
        for i, ((box, name_h, wrap), item) in enumerate(zip(self._item_boxes(ui, self.rect.width), self.items,
                                                           strict=True)):
            r = box.move(view.x, view.y - self.offset)
            newest = i == len(self.items) - 1
            arriving = newest and self.mode == "chat" and self.arrival < 1
            if arriving:
                r = r.move(0, round((1 - self.arrival) * sp.m))
            if r.bottom < view.top - ring or r.top > view.bottom + ring:
                continue
            narration = item.speaker is None
            ink = c.text_muted if narration else c.text
            if self.mode == "chat" and not narration:
                fill = c.primary if item.mine else c.surface
                ink = c.on_primary if item.mine else c.text
                bubble = pygame.Rect(r.x, r.y + name_h, r.width, r.height - name_h)
                pygame.draw.rect(surface, fill, bubble, border_radius=t.radii.large)
                if item.spotted:  # a lamp-glow edge: flagged lines stay marked
                    pygame.draw.rect(surface, c.help_border, bubble, width=t.border_width + 1,
                                     border_radius=t.radii.large)
                text_x = bubble.x + sp.m
                if self._has_avatar(item):
                    self._draw_avatar(surface, ui, item, (r.x - face - sp.m, r.y), face, c.surface)
            elif self.mode == "chat":
                text_x = r.x + sp.l
            else:
                picked = item.spotted or (self.show_focus and i == self.focus_index)
                if picked:
                    pygame.draw.rect(surface, c.help if item.spotted else c.surface, r, border_radius=t.radii.medium)
                text_x = r.x + sp.l + sp.s
                if face and item.speaker is not None:  # narration keeps the whole width
                    if self._has_avatar(item):
                        self._draw_avatar(surface, ui, item, (text_x, r.y + sp.s), face,
                                          c.background if picked else c.surface)
                    text_x += face + sp.m
            name = self._name(item)
            if name:
                align = "right" if (self.mode == "chat" and item.mine) else "left"
                label = ui.text.render(name, small, c.text_muted if not item.spotted else c.text)
                name_x = r.right - label.get_width() if align == "right" else (
                    r.centerx - label.get_width() // 2 if self.mode == "chat" and narration else text_x)
                if self.mode == "chat" and not narration and align == "left":
                    name_x = r.x + sp.s
                surface.blit(label, (name_x, r.y + (0 if self.mode == "chat" else sp.s)))
            top = r.y + name_h + sp.s
            align = "center" if self.mode == "chat" and narration else "left"
            text = item.line.text[:self.typed] if newest and self.typed is not None else item.line.text
            image = ui.text.render(text, body, ink, wrap, align)
            x = r.centerx - image.get_width() // 2 if align == "center" else text_x
            surface.blit(image, (x, top))
            if item.spotted:
                self._draw_flag(surface, ui, r, item)
            if self.show_focus and i == self.focus_index:
                self._draw_picked(surface, ui, r, item)
            if arriving:  # fade in from the phone's page: its colour laid over, thinning out
                inside = view.inflate(2 * (self._pad(ui) - t.border_width - 1), 0)
                veil_rect = r.inflate(4 * sp.l, 0).clip(inside)
                veil = pygame.Surface(veil_rect.size, pygame.SRCALPHA)
                veil.fill((*c.background, round(255 * (1 - self.arrival))))
                surface.blit(veil, veil_rect)
        surface.set_clip(old_clip)
        if self.scroll_range(ui) > 0:
            self._draw_scroll_hint(surface, ui, view)

    def _draw_avatar(self, surface: pygame.Surface, ui: Ui, item: Shown, at: tuple[int, int], size: int,
                     backing: tuple[int, int, int]) -> None:
        """The speaker's face in a circle, showing the mood this line was said with."""
        surface.blit(portraits.avatar(self._look(item), item.line.mood, size, backing), at)

    def scroll_range(self, ui: Ui) -> int:
        boxes = self._item_boxes(ui, self.rect.width)
        return max(0, (boxes[-1][0].bottom if boxes else 0) - self._view(ui).height)

    def _draw_scroll_hint(self, surface: pygame.Surface, ui: Ui, view: pygame.Rect) -> None:
        c, sp = ui.theme.colours, ui.theme.spacing
        track = pygame.Rect(self.rect.right - sp.s - sp.xs, view.y, sp.xs + 2, view.height)
        pygame.draw.rect(surface, c.scroll_track, track, border_radius=sp.xs)
        # Lines are never cut at the top, so the offset may pass the plain range by part of a line:
        # the thumb then sits at the bottom, never below the track.
        most = max(1, self.scroll_range(ui), self.offset)
        thumb_h = max(sp.l, track.height * view.height // (view.height + most))
        thumb_y = track.y + (track.height - thumb_h) * self.offset // most
        pygame.draw.rect(surface, c.accent, (track.x, thumb_y, track.width, thumb_h), border_radius=sp.xs)

    def _draw_picked(self, surface: pygame.Surface, ui: Ui, r: pygame.Rect, item: Shown) -> None:
        """The line S would flag: a teal bar beside it (buttons keep the focus ring to themselves)."""
        c, sp = ui.theme.colours, ui.theme.spacing
        bar_w = sp.xs + 2
        if self.mode == "place":
            bar = pygame.Rect(r.x, r.y, bar_w, r.height)
        elif item.mine and item.speaker is not None:
            bar = pygame.Rect(r.right + sp.xs, r.y, bar_w, r.height)
        else:
            bar = pygame.Rect(r.x - sp.xs - bar_w, r.y, bar_w, r.height)
        pygame.draw.rect(surface, c.focus_ring, bar, border_radius=bar_w // 2)

    def _draw_flag(self, surface: pygame.Surface, ui: Ui, r: pygame.Rect, item: Shown) -> None:
        c, sp = ui.theme.colours, ui.theme.spacing
        size = max(12, ui.theme.font_size("small") // 2)
        if self.mode == "place":
            x, y = r.x + sp.s + sp.xs, r.y + sp.s + 2
        elif item.mine:
            x, y = r.x - size - sp.s, r.bottom - size - sp.xs
        else:
            x, y = r.right + sp.s, r.bottom - size - sp.xs
        pygame.draw.line(surface, c.help_border, (x, y), (x, y + size + 4), 3)
        pygame.draw.polygon(surface, c.decor, [(x + 2, y), (x + size, y + size // 3), (x + 2, y + 2 * size // 3)])

    def _draw_phone(self, surface: pygame.Surface, ui: Ui) -> None:
        t, c = ui.theme, ui.theme.colours
        radius = t.radii.large + t.spacing.s
        pygame.draw.rect(surface, c.background, self.rect, border_radius=radius)
        head = pygame.Rect(self.rect.x, self.rect.y, self.rect.width, self.header_height(ui))
        pygame.draw.rect(surface, c.primary, head, border_top_left_radius=radius, border_top_right_radius=radius)
        if self.app_name and head.height:
            size = t.font_size("subheading")
            image = ui.text.render(self.app_name, size, c.on_primary, max(1, head.width - 2 * t.spacing.m), "center")
            surface.blit(image, image.get_rect(center=head.center))
        pygame.draw.rect(surface, c.text_muted, self.rect, width=t.border_width + 1, border_radius=radius)


def stage_cast(characters: Mapping[str, Character], present: Sequence[str],
               shown: Sequence[Line]) -> list[tuple[Look, str]]:
    """(look, mood) for each character present, in order: whoever said the latest line shows that
    line's mood, everyone else is calm (neutral)."""
    speaker = next((ln for ln in reversed(shown) if ln.speaker in present), None)
    return [(characters[cid].look, (speaker.mood or "neutral") if speaker is not None and speaker.speaker == cid
             else "neutral") for cid in present if cid in characters]


class Stage(Widget):
    """The characters present in a place, standing on the background above the dialogue panel.

    Its rect is the room between the top bar and the panel (the play screen sets it). The figures
    stand on the panel's top edge, their waists tucked just behind it, as large as the room allows
    up to about half the window's height; when the room is too small for a face to read (a small
    window, big text, a long scene), they are not drawn: the faces beside the lines still show who
    is speaking."""

    def __init__(self) -> None:
        super().__init__()
        self.cast: list[tuple[Look, str]] = []

    def min_height(self, ui: Ui) -> int:
        return 5 * ui.theme.spacing.xl  # a face about 60 pixels tall

    def figure_rects(self, ui: Ui, window_height: int) -> list[pygame.Rect]:
        """Where each figure goes (empty when there is no room for them)."""
        n = len(self.cast)
        if not n or self.rect.width <= 0:
            return []
        sp = ui.theme.spacing
        tuck = sp.l  # hidden behind the panel's top edge
        h = min(self.rect.height + tuck, window_height * 45 // 100)
        step = 0.92  # neighbours stand close, like people chatting
        w = h * 4 // 5
        needed = w + (n - 1) * w * step
        if needed > self.rect.width:  # too many for the width: smaller
            w = int(self.rect.width / (1 + (n - 1) * step))
            h = w * 5 // 4
        if h < self.min_height(ui):
            return []
        total = int(w + (n - 1) * w * step)
        x0 = self.rect.centerx - total // 2
        bottom = self.rect.bottom + tuck
        return [pygame.Rect(x0 + int(i * w * step), bottom - h, w, h) for i in range(n)]

    def draw(self, surface: pygame.Surface, ui: Ui, focused: bool = False, hovered: bool = False) -> None:
        for (look, mood), r in zip(self.cast, self.figure_rects(ui, surface.get_height()), strict=False):
            surface.blit(portraits.figure(look, mood, r.size), r.topleft)


class Panel(Widget):
    """A calm card behind the dialogue and the choices, so text never sits on the picture."""

    def draw(self, surface: pygame.Surface, ui: Ui, focused: bool = False, hovered: bool = False) -> None:
        t, c = ui.theme, ui.theme.colours
        pygame.draw.rect(surface, c.background, self.rect, border_radius=t.radii.large)
        pygame.draw.rect(surface, c.surface, self.rect, width=t.border_width, border_radius=t.radii.large)


class ChoiceButton(Button):
    """A choice: its number, then its words, lined up on the left so longer choices read easily."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.align = "left"


class CardPanel(Widget):
    """The quiet veil over the scene and the card behind a feedback or spot message."""

    def __init__(self, kind: str = "feedback") -> None:
        super().__init__()
        self.kind = kind  # 'feedback' | 'spot-sign' | 'spot' | 'notice'

    def draw(self, surface: pygame.Surface, ui: Ui, focused: bool = False, hovered: bool = False) -> None:
        t, c = ui.theme, ui.theme.colours
        veil = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        veil.fill(c.scrim)
        surface.blit(veil, (0, 0))
        pygame.draw.rect(surface, c.background, self.rect, border_radius=t.radii.large)
        edge = c.help_border if self.kind == "spot-sign" else c.accent
        pygame.draw.rect(surface, edge, self.rect, width=t.border_width, border_radius=t.radii.large)
        band = pygame.Rect(self.rect.x, self.rect.y, self.rect.width, t.spacing.s + t.spacing.xs)
        fill = c.help if self.kind == "spot-sign" else c.surface
        pygame.draw.rect(surface, fill, band.inflate(-2 * t.border_width, 0).move(0, t.border_width),
                         border_top_left_radius=t.radii.large, border_top_right_radius=t.radii.large)
