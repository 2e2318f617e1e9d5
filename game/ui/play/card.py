"""The kind feedback card: after a choice, after flagging a line, and "Welcome back" notices.

Its title and words scroll together in one ScrollText, so at any size and text scale the
explanation is there to read (never only the title); when there is more than fits, a scroll bar
and "More below" say so, and Space or Enter reads on a page before they go on.
"""

from __future__ import annotations

import pygame

from game.ui.widgets import Button, Label, Paragraph, ScrollText, Ui, Widget

MORE_BELOW = "More below: Down or Space to read on"


class CardPanel(Widget):
    """The quiet veil over the scene and the card behind a feedback or spot message."""

    backdrop = True

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


class FeedbackCard:
    def __init__(self, on_close) -> None:
        self.panel = CardPanel()
        self.text = ScrollText([])
        self.more = Label(MORE_BELOW, role="small", colour="text_muted")
        self.button = Button("Continue (Enter)", on_close, variant="primary")

    def show(self, kind: str, title: str, text: str, button: str) -> None:
        self.panel.kind = kind
        self.text.paragraphs = ([Paragraph(title, "subheading")] if title else []) + [
            Paragraph(text, "body", space_before="m")]
        self.text.offset = 0
        self.button.label = button

    @property
    def words(self) -> list[str]:
        return [p.text for p in self.text.paragraphs]

    def unread(self, ui: Ui) -> bool:
        return self.text.offset < self.text.max_offset(ui)

    def read_on(self, ui: Ui) -> bool:
        """Space or Enter while there is more: a page on (True), else False (they go on)."""
        if not self.unread(ui):
            return False
        self.text.scroll_by(ui, max(self.text.line_step(ui), self.text.rect.height - self.text.line_step(ui)))
        return True

    def place(self, ui: Ui, area: pygame.Rect) -> list[Widget]:
        """Centre the card in ``area`` as tall as its words need (at most all of it)."""
        sp = ui.theme.spacing
        width = min(area.width, 900)
        pad = sp.xl if width >= 700 and area.height >= 400 else sp.m
        inner = width - 2 * pad
        bw, bh = self.button.preferred_size(ui, inner)
        self.text.rect = pygame.Rect(0, 0, inner, 10_000)
        need = self.text.content_height(ui)
        more_h = self.more.preferred_size(ui, inner)[1]
        room = area.height - 2 * pad - sp.xs - sp.l - bh
        fits = need <= room
        text_h = need if fits else max(0, room - more_h - sp.s)
        h = 2 * pad + sp.xs + text_h + (0 if fits else more_h + sp.s) + sp.l + bh
        x, y = area.centerx - width // 2, area.y + max(0, (area.height - h) // 2)
        self.panel.rect = pygame.Rect(x, y, width, h)
        self.text.rect = pygame.Rect(x + pad, y + pad + sp.xs, inner, text_h)
        shown: list[Widget] = [self.panel, self.text]
        bottom = self.text.rect.bottom
        if not fits:
            self.more.rect = pygame.Rect(x + pad, bottom + sp.s, inner, more_h)
            shown.append(self.more)
            bottom = self.more.rect.bottom
        self.button.rect = pygame.Rect(x + width - pad - bw, bottom + sp.l, bw, bh)
        return [*shown, self.button]
