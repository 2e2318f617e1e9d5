"""Checks on what a screen shows, shared by the layout tests: nothing outside the window, no
text cut off, and no two visible things on top of each other.

A widget drawn behind others (the stage, the dialogue box, a panel, a card's veil: their
``backdrop`` is True) is left out of the pairs; everything else is compared by the part of it
that shows (``visible_rect``: a row scrolled partly out of its list shows only in the list).
"""

from __future__ import annotations

import pygame

from game.ui.widgets import Widget


def shown(screen) -> list[Widget]:
    """The widgets a pupil sees: not a panel behind others, not one scrolled wholly out of sight."""
    out = []
    for w in screen.widgets:
        if getattr(w, "backdrop", False):
            continue
        seen = w.visible_rect
        if seen.width <= 0 or seen.height <= 0:
            continue
        if getattr(w, "text", None) == "" and not getattr(w, "label", None):
            continue  # an empty label shows nothing
        out.append(w)
    return out


def overlaps(screen) -> list[tuple[Widget, Widget]]:
    items = shown(screen)
    found = []
    for i, a in enumerate(items):
        for b in items[i + 1:]:
            if a.visible_rect.colliderect(b.visible_rect):
                found.append((a, b))
    return found


def problems(screen, ui, size: tuple[int, int]) -> list[str]:
    """Every overlap, every widget outside the window and every one whose words do not fit."""
    window = pygame.Rect((0, 0), size)
    out = [f"{a!r} {tuple(a.visible_rect)} overlaps {b!r} {tuple(b.visible_rect)}" for a, b in overlaps(screen)]
    for w in shown(screen):
        if not window.contains(w.visible_rect):
            out.append(f"{w!r} {tuple(w.visible_rect)} is outside the window")
        if w.clip is None and w.overflows(ui):
            out.append(f"{w!r} cannot show all its words")
    return out
