"""Captions: the meaningful sounds described in words, for pupils who cannot hear them.

    captions.install(app)    # in App.start: app.captions listens on app.ui
    app.captions.draw(surface, ui, now_ms, screen)    # after the screen, before the overlay
    app.captions.needs_redraw()   # a caption appeared or ran out: draw the window again
    app.captions.wake_after_ms()  # when the one showing runs out (the loop sleeps until then)

When the pupil's ``captions`` setting is on, a message, a spotted sign, feedback and the start of
a place's ambient sound each show a short caption ("[quiet sounds of a kitchen]") for `SHOW_MS`,
in a small pill at the bottom left. Captions never depend on the sound: they work with no audio
device and while muted, which is when they matter most. Button sounds (move, select, back) are
not captioned: they only echo what the pupil just did and can already see.

The pill never covers a control: it sits as low as it can at the left (else at the right), above
any button in its way, and above any text too when there is room for that; in the theme's
colours and at the pupil's text size.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from game.ui.sound import PLACES, loop_for

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.screen import Screen
    from game.ui.widgets import Ui, Widget

SHOW_MS = 5000  # long enough to read a few words at any reading pace; the next caption replaces it
BIG_CONTROL = 1 / 3  # of the window's height: a control this tall may have a corner covered

SOUND_WORDS: dict[str, str] = {  # event -> what its sound is
    "message": "[phone chimes: a new message]",
    "spotted": "[a soft chime: well spotted]",
    "feedback": "[a soft tone: feedback]",
}


def place_words(place: str) -> str:
    """The caption for a place's ambient sound starting: "[quiet sounds of a kitchen]"."""
    return f"[quiet sounds of {PLACES[place].words}]"


@dataclass(frozen=True)
class Caption:
    text: str
    until_ms: int


class Captions:
    """A `Ui` listener that keeps the caption to show; ``clock`` gives the time in ms (the app's)."""

    def __init__(self, ui: Ui, clock: Callable[[], int]) -> None:
        self.ui = ui
        self.clock = clock
        self.current: Caption | None = None
        self.drawn: Caption | None = None  # what the window shows now
        self.loop: str | None = None  # the ambient sound now: a caption only when it changes
        self.errors = 0

    # -- the listener ----------------------------------------------------------------------------
    def __call__(self, event: str, text: str = "") -> None:
        try:
            self.hear(event, text)
        except Exception:  # a caption is never worth stopping the game for
            self.errors += 1

    def hear(self, event: str, text: str) -> None:
        if event == "settings":
            if not self.ui.settings.captions:
                self.current = None
            return
        words = SOUND_WORDS.get(event)
        if event == "place":
            loop = loop_for(text)
            changed, self.loop = loop != self.loop, loop
            words = place_words(text) if changed and loop is not None else None
        if words is not None and self.ui.settings.captions:
            self.current = Caption(words, self.clock() + SHOW_MS)

    # -- time ------------------------------------------------------------------------------------
    def visible(self, now_ms: int) -> Caption | None:
        caption = self.current
        return caption if caption is not None and now_ms < caption.until_ms else None

    def wake_after_ms(self) -> int | None:
        """Milliseconds until the caption showing runs out; None when there is none."""
        caption = self.visible(self.clock())
        return max(1, caption.until_ms - self.clock()) if caption is not None else None

    def needs_redraw(self) -> bool:
        """True when the window shows a different caption from the one it should (one appeared,
        ran out, or was turned off)."""
        return self.visible(self.clock()) is not self.drawn

    # -- drawing ---------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, ui: Ui, now_ms: int, screen: Screen | None = None) -> pygame.Rect | None:
        """Draw the caption showing at ``now_ms`` (if any) clear of ``screen``'s buttons; returns its pill."""
        caption = self.visible(now_ms)
        self.drawn = caption
        if caption is None:
            return None
        try:
            return draw_pill(surface, ui, caption.text, screen)
        except Exception:  # never take the window down for a caption
            self.errors += 1
            return None


def draw_pill(surface: pygame.Surface, ui: Ui, text: str, screen: Screen | None,
              avoid: Sequence[pygame.Rect] = ()) -> pygame.Rect:
    """``text`` in a pill clear of ``screen``'s controls (and of ``avoid``: another pill)."""
    t, sp = ui.theme, ui.theme.spacing
    size = t.font_size("small")
    pad_x, pad_y = sp.m, sp.s
    inset = screen.margin() if screen is not None and screen.ui is not None else sp.l
    hard, soft = obstacles(screen, ui, surface.get_rect()) if screen is not None else ([], [])
    hard = [*hard, *(r.inflate(2 * sp.s, 2 * sp.s) for r in avoid)]
    # On one line if it can go somewhere clear of every control; else wrapped narrower, to fit a
    # gap beside them (a small window with large text); else on one line wherever is least bad.
    widest = max(1, surface.get_width() - 2 * inset - 2 * pad_x)
    for wrap in (widest, max(1, surface.get_width() * 2 // 5), widest):
        image = ui.text.render(text, size, t.colours.background, wrap)
        pill_w, pill_h = image.get_width() + 2 * pad_x, image.get_height() + 2 * pad_y
        rect = place_pill(surface.get_size(), (pill_w, pill_h), inset, sp.s, hard, soft, fallback=False)
        if rect is not None:
            break
    else:
        rect = place_pill(surface.get_size(), (pill_w, pill_h), inset, sp.s, hard, soft)
    # Ink on the page colour, the other way round: the text/background pair the theme already
    # checks for contrast, and unlike any button.
    pygame.draw.rect(surface, t.colours.text, rect, border_radius=min(pill_h // 2, t.radii.large))
    surface.blit(image, (rect.x + pad_x, rect.y + pad_y))
    return rect


def obstacles(screen: Screen, ui: Ui, window: pygame.Rect) -> tuple[list[pygame.Rect], list[pygame.Rect]]:
    """(the controls, with room for their focus rings; the text, pictures and panels) the pill
    should not cover, each grown by the gap to keep from it. A panel behind others (the dialogue
    box, the phone, the menu's card) counts like text: the pill sits wholly off it, never across
    its edge. A card in a list (``card``: a story card, however short) or a control taller than
    `BIG_CONTROL` of the window counts as text too: a corner of it covered still leaves it easy to use."""
    t, sp = ui.theme, ui.theme.spacing
    ring = 2 * (t.focus_gap + t.focus_width + sp.s)
    widgets: Sequence[Widget] = [w for w in screen.widgets if w.rect.clip(window).height > 0]
    hard, soft = [], []
    for w in widgets:
        seen = w.rect.clip(window)
        if w.focusable and seen.height <= BIG_CONTROL * window.height and not getattr(w, "card", False):
            hard.append(seen.inflate(ring, ring))
        elif not getattr(w, "caption_may_cover", False) and (seen.width < window.width or seen.height < window.height):
            soft.append(seen.inflate(2 * sp.xs, 2 * sp.xs))
    return hard, soft


def place_pill(window: tuple[int, int], pill: tuple[int, int], inset: int, edge: int,
               hard: Sequence[pygame.Rect], soft: Sequence[pygame.Rect], fallback: bool = True) -> pygame.Rect | None:
    """Where the pill goes: ``inset`` from the left (else from the right), as low as it can be
    (``edge`` from the bottom) without touching anything in ``hard`` or ``soft``; else without
    touching ``hard``; else at the bottom left (only a screen with controls all the way up)."""
    (width, height), (w, h) = window, pill
    lowest = height - edge - h
    # Moving up from the bottom, the first place that is clear sits just above something, or just
    # below something, or at the very top.
    ys = sorted({lowest, edge, *(r.top - h for r in (*hard, *soft)), *(r.bottom for r in (*hard, *soft))},
                reverse=True)
    ys = [y for y in ys if edge <= y <= lowest]
    xs = sorted({inset, max(inset, width - inset - w), max(inset, (width - w) // 2)})
    for blocked in ((*hard, *soft), tuple(hard)):
        for y in ys:
            for x in xs:
                rect = pygame.Rect(x, y, w, h)
                if not any(rect.colliderect(r) for r in blocked):
                    return rect
    return pygame.Rect(inset, max(0, lowest), w, h) if fallback else None


def install(app: App) -> None:
    """Listen on ``app.ui`` with the app's clock; the captions are ``app.captions``."""
    captions = Captions(app.ui, app.clock)
    app.ui.listeners.append(captions)
    app.captions = captions
