"""How to play: the keys, once a session before the picker, and again whenever it is pushed
(from Help, say) with ``HowToScreen()``, when carrying on simply goes back.

Enter or Esc carries on (it can always be skipped); Up/Down and the wheel scroll at large text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pygame

from game.ui.screen import Action, Pop, Replace, Screen
from game.ui.screens.content_note import ReadingScreen
from game.ui.widgets import Button, Paragraph, ScrollText, Ui

INTRO = "You play a friend who notices. There are no timers: take as long as you like."
KEYS: list[tuple[tuple[str, ...], str]] = [
    (("Space", "Enter"), "Show the next line of the story."),
    (("S",), "Flag the line you are reading if it looks like a warning sign."),
    (("Up", "Down"), "Go back to an earlier line, to flag it too."),
    (("1", "2", "3"), "Choose what to say or do. Or use the arrows, then Enter."),
    (("Backspace",), "Undo your last choice."),
    (("L",), "Look back at everything so far."),
    (("V",), "See this part as plain text."),
    (("Esc",), "Pause the story."),
    (("H",), "Get help. It is always one key away."),
    (("B",), "Take a break. The story waits for you."),
]
OUTRO = "You can use the mouse too. Every key is listed under Settings, then Controls."


class KeyTable(ScrollText):
    """An intro line, then rows of key caps beside what each key does; scrolls like ScrollText.
    A row with no keys is a group heading."""

    def __init__(self, intro: str, rows: Sequence[tuple[tuple[str, ...], str]], outro: str = "") -> None:
        super().__init__([Paragraph(intro)])
        self.intro, self.rows, self.outro = intro, list(rows), outro

    # sizes ----------------------------------------------------------------------------------
    def _cap_size(self, ui: Ui) -> int:
        return ui.theme.font_size("body")

    def _cap(self, ui: Ui, key: str) -> tuple[int, int]:
        m = ui.text.measure(key, self._cap_size(ui))
        sp = ui.theme.spacing
        return max(m.width + 2 * sp.m, m.height + 2 * sp.s), m.height + 2 * sp.s

    def _caps_width(self, ui: Ui, keys: tuple[str, ...]) -> int:
        gap = ui.theme.spacing.s
        return sum(self._cap(ui, k)[0] for k in keys) + gap * (len(keys) - 1)

    def _key_column(self, ui: Ui) -> int:
        width = self._text_width(ui)
        return min(max(self._caps_width(ui, keys) for keys, _ in self.rows if keys), width * 2 // 5)

    def _layout_rows(self, ui: Ui) -> list[tuple[str, int, int, int]]:
        """('intro' | row index | 'outro', y, height, caps height) in content coordinates."""
        sp, width = ui.theme.spacing, self._text_width(ui)
        body = ui.theme.font_size("body")
        out: list[tuple[str, int, int, int]] = []
        y = 0
        h = ui.text.measure(self.intro, body, width).height
        out.append(("intro", y, h, 0))
        y += h + sp.l
        col = self._key_column(ui)
        text_w = max(1, width - col - sp.l)
        heading = ui.theme.font_size("subheading")
        for i, (keys, meaning) in enumerate(self.rows):
            if not keys:  # a group heading across the whole width
                y += sp.m if i else 0
                h = ui.text.measure(meaning, heading, width).height
                out.append((str(i), y, h, 0))
                y += h + sp.m
                continue
            caps_h = self._caps_height(ui, keys, col)
            text_h = ui.text.measure(meaning, body, text_w).height
            h = max(caps_h, text_h)
            out.append((str(i), y, h, caps_h))
            y += h + sp.m
        if self.outro:
            y += sp.s
            h = ui.text.measure(self.outro, body, width).height
            out.append(("outro", y, h, 0))
            y += h + sp.m
        return out

    def _caps_height(self, ui: Ui, keys: tuple[str, ...], col: int) -> int:
        """Key caps wrap onto more lines when the key column is narrow (large text)."""
        gap = ui.theme.spacing.s
        x, lines, cap_h = 0, 1, 0
        for k in keys:
            w, h = self._cap(ui, k)
            cap_h = h
            if x and x + w > col:
                lines, x = lines + 1, 0
            x += w + gap
        return lines * cap_h + (lines - 1) * gap

    def content_height(self, ui: Ui) -> int:
        rows = self._layout_rows(ui)
        _, y, h, _ = rows[-1]
        return y + h

    # drawing --------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, ui: Ui, focused: bool = False, hovered: bool = False) -> None:
        self.scroll_to(ui, self.offset)
        t, c, sp = ui.theme, ui.theme.colours, ui.theme.spacing
        width, body = self._text_width(ui), t.font_size("body")
        col = self._key_column(ui)
        old_clip = surface.get_clip()
        surface.set_clip(self.rect.clip(old_clip) if old_clip else self.rect)
        for name, y, h, _caps_h in self._layout_rows(ui):
            top = self.rect.y + y - self.offset
            if top > self.rect.bottom or top + h < self.rect.y:
                continue
            if name in ("intro", "outro"):
                text = self.intro if name == "intro" else self.outro
                colour = c.text if name == "intro" else c.text_muted
                surface.blit(ui.text.render(text, body, colour, width), (self.rect.x, top))
                continue
            keys, meaning = self.rows[int(name)]
            if not keys:
                surface.blit(ui.text.render(meaning, t.font_size("subheading"), c.text, width), (self.rect.x, top))
                continue
            x, line_top = self.rect.x, top
            for k in keys:
                w, ch = self._cap(ui, k)
                if x > self.rect.x and x + w > self.rect.x + col:
                    x, line_top = self.rect.x, line_top + ch + sp.s
                cap = pygame.Rect(x, line_top, w, ch)
                pygame.draw.rect(surface, c.surface, cap, border_radius=t.radii.small)
                pygame.draw.rect(surface, c.accent, cap, width=t.border_width, border_radius=t.radii.small)
                label = ui.text.render(k, self._cap_size(ui), c.text)
                surface.blit(label, label.get_rect(center=cap.center))
                x += w + sp.s
            text = ui.text.render(meaning, body, c.text, max(1, width - col - sp.l))
            first_cap_h = self._cap(ui, keys[0])[1]
            text_top = top + max(0, (first_cap_h - ui.text.one_line(body)) // 2)
            surface.blit(text, (self.rect.x + col + sp.l, text_top))
        surface.set_clip(old_clip)
        self.draw_scrollbar(surface, ui)


class HowToScreen(ReadingScreen):
    """``then`` makes the screen that follows; without it, carrying on goes back (Pop)."""
    place = ""  # no background sound here

    heading_text = "How to play"

    def __init__(self, then: Callable[[], Screen] | None = None) -> None:
        super().__init__()
        self.then = then

    def body(self) -> ScrollText:
        return KeyTable(INTRO, KEYS, OUTRO)

    def actions(self) -> list[Button]:
        label = "Got it (Enter)" if self.then is not None else "Back (Esc)"
        self.go_on = Button(label, self.carry_on, hotkey="escape", variant="primary")
        return [self.go_on]

    def carry_on(self) -> Action:
        return Replace(self.then()) if self.then is not None else Pop()
