"""The stage of a place scene: the people present, standing on the dialogue box's top edge over
the place's picture (the play screen draws the picture across the whole window).

Whoever says the line in the dialogue box stands in front, as they are, with that line's mood
on their face; everyone else stands a step back, a little smaller and dimmed, with a calm
(neutral) face. Their places never change while a scene lasts, so nobody jumps about when the
speaker changes. When the room is too small for a face to read (a small window with large
text), nobody is drawn: the name plate still says who is speaking.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from game.ui import portraits
from game.ui.widgets import Ui, Widget

if TYPE_CHECKING:  # only for type hints: the story model is not needed to draw
    from game.story.model import Look
    from game.story.story import Character, Line

STEP_BACK = 0.9  # the size of someone not speaking, against the speaker
TUCK = 0.08  # how much of a figure's height stands behind the dialogue box


@dataclass(frozen=True, slots=True)
class Figure:
    look: Look
    mood: str
    speaking: bool


def stage_cast(characters: Mapping[str, Character], present: Sequence[str], line: Line | None) -> list[Figure]:
    """A figure for each character present, in order: the one saying ``line`` (the line in the
    dialogue box) speaks, with its mood (neutral when it has none); everyone else is calm."""
    speaker = line.speaker if line is not None and line.via is None else None
    return [Figure(characters[cid].look, (line.mood or "neutral") if cid == speaker and line else "neutral",
                   cid == speaker)
            for cid in present if cid in characters]


class Stage(Widget):
    """Its rect is the room the figures may stand in: from under the top bar down to the dialogue
    box's top edge (the play screen sets it)."""

    backdrop = True  # drawn under the text and buttons, never one of them
    caption_may_cover = True  # the people in the picture: a sound's caption may stand over them

    def __init__(self) -> None:
        super().__init__()
        self.cast: list[Figure] = []
        self.avoid: pygame.Rect | None = None  # the top bar: no head goes under its buttons
        # The place's picture for the whole window (None: the plain ``fill``); the stage draws it
        # with the people on it as one picture, made again only when someone or something changes.
        self.picture: pygame.Surface | None = None
        self.fill: tuple[int, int, int] = (0, 0, 0)
        self._scenery: tuple[tuple, pygame.Surface] | None = None

    def min_height(self, ui: Ui) -> int:
        return 5 * ui.theme.spacing.xl  # a face about 60 pixels tall

    def figure_rects(self, ui: Ui) -> list[pygame.Rect]:
        """Where each figure goes (empty when there is no room for them to be read): as tall as
        the stage, or shorter where a head would go under the top bar's buttons."""
        height = int(self.rect.height / (1 - TUCK))
        for _ in range(12):
            rects = self._rects(ui, height)
            if self.avoid is None or not any(r.colliderect(self.avoid) for r in rects):
                return rects
            height = int(height * 0.94)
        return []

    def _rects(self, ui: Ui, height: int) -> list[pygame.Rect]:
        n = len(self.cast)
        if not n or self.rect.width <= 0:
            return []
        h = height
        w = h * 4 // 5
        step = 0.9  # neighbours stand close, like people chatting
        if w * (1 + (n - 1) * step) > self.rect.width:  # too many for the width: smaller
            w = int(self.rect.width / (1 + (n - 1) * step))
            h = w * 5 // 4
        if h < self.min_height(ui):
            return []
        total = int(w * (1 + (n - 1) * step))
        x0 = self.rect.centerx - total // 2
        bottom = self.rect.bottom + int(h * TUCK)
        out = []
        for i, figure in enumerate(self.cast):
            fw, fh = (w, h) if figure.speaking else (int(w * STEP_BACK), int(h * STEP_BACK))
            cx = x0 + int(i * w * step) + w // 2
            out.append(pygame.Rect(cx - fw // 2, bottom - fh, fw, fh))
        return out

    def draw(self, surface: pygame.Surface, ui: Ui, focused: bool = False, hovered: bool = False) -> None:
        """The picture and the people on it, over the whole window: one blit a frame."""
        placed = list(zip(self.cast, self.figure_rects(ui), strict=False))
        key = (id(self.picture), surface.get_size(), self.fill,
               tuple((portraits.look_key(f.look), f.mood, f.speaking, tuple(r)) for f, r in placed))
        if self._scenery is None or self._scenery[0] != key:
            scenery = pygame.Surface(surface.get_size())
            if self.picture is not None and self.picture.get_size() == surface.get_size():
                scenery.blit(self.picture, (0, 0))
            else:
                scenery.fill(self.fill)
            # those a step back first, then the speaker in front of them
            for figure, r in sorted(placed, key=lambda fr: fr[0].speaking):
                scenery.blit(portraits.figure(figure.look, figure.mood, r.size, dim=not figure.speaking), r.topleft)
            self._scenery = (key, scenery)
        surface.blit(self._scenery[1], (0, 0))
