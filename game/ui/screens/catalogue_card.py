"""A story's card in the teacher's catalogue: short enough that three or more fit on a 1280x720
window at normal text size, so a teacher can compare stories at a glance.

    Gifts from Dex                       Ages 11-13 · about 15 minutes · online · pupils see it
    Kofi, 12, plays the online game Starhaven with his friends Zain and Leah.
    (Online contact) (Gifts and attention) (Hidden identity) (Power imbalance)

The title, with the facts beside it (under it when they do not fit), the first sentence of the
summary, and the themes as tags (each theme's short ``tag`` from scenes/themes.yaml). The whole
summary, the warning signs, content notes and objectives are on the story's page
(teacher_scenario.py), one Enter away.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pygame

from game.story.story import Story
from game.ui.screen import Action
from game.ui.widgets import Ui, Widget

SETTINGS = {"online": "online", "in-person": "in person", "both": "online and in person"}
_SENTENCE = re.compile(r"(.+?[.!?][\"”’)]?)(?=\s+[\"“(]?[A-Z0-9]|\s*$)", re.S)


def setting_label(setting: str) -> str:
    return SETTINGS.get(setting, setting)


def first_sentence(text: str) -> str:
    """The text up to its first full stop (or ! or ?) that a new sentence follows."""
    text = " ".join(text.split())
    found = _SENTENCE.match(text)
    return found.group(1) if found else text


def story_facts(story: Story) -> str:
    return f"Ages {story.band} · about {story.minutes} minutes · {setting_label(story.setting)}"


def theme_names(story: Story) -> list[str]:
    """Each theme's name in full (the story's page)."""
    return [story.shared.themes[t].name if t in story.shared.themes else t for t in story.themes]


def theme_tags(story: Story) -> list[str]:
    """Each theme's short tag (its name when the themes file gives none)."""
    themes = story.shared.themes
    return [themes[t].short if t in themes else t for t in story.themes]


def card_facts(story: Story, pupils_see: bool) -> str:
    return f"{story_facts(story)} · {'pupils see it' if pupils_see else 'hidden from pupils'}"


@dataclass(frozen=True)
class _Placed:
    """Where the card's parts go, relative to its top-left corner."""

    title: tuple[int, int]
    facts: tuple[int, int]
    facts_align: str  # "right": beside the title; "left": under it
    sentence: tuple[int, int]
    tags: list[pygame.Rect]
    height: int


class CatalogueCard(Widget):
    focusable = True

    def __init__(self, story: Story, pupils_see: bool, on_activate: Callable[[Story], Action | None]) -> None:
        super().__init__()
        self.story = story
        self.pupils_see = pupils_see
        self.on_activate = on_activate
        self.title = story.title
        self.facts = card_facts(story, pupils_see)
        self.sentence = first_sentence(story.summary)
        self.tags = theme_tags(story)
        self._cache: tuple[tuple, _Placed] | None = None

    def __repr__(self) -> str:
        return f"CatalogueCard({self.story.id!r})"

    @property
    def text(self) -> str:
        """Everything the card says (for speech and the clipboard)."""
        themes = f"Themes: {', '.join(self.tags)}." if self.tags else ""
        return "\n".join(part for part in (self.title, self.facts, self.sentence, themes) if part)

    # -- layout ---------------------------------------------------------------------------------
    def _pad(self, ui: Ui) -> int:
        return ui.theme.spacing.s + ui.theme.spacing.xs

    def _tag_pad(self, ui: Ui) -> tuple[int, int]:
        return ui.theme.spacing.s, ui.theme.spacing.xs

    def _place(self, ui: Ui, width: int) -> _Placed:
        key = (width, ui.layout_key())
        if self._cache is not None and self._cache[0] == key:
            return self._cache[1]
        t, sp, pad = ui.theme, ui.theme.spacing, self._pad(ui)
        inner = max(1, width - 2 * pad)
        title = ui.text.measure(self.title, t.font_size("subheading"), inner)
        facts = ui.text.measure(self.facts, t.font_size("small"), inner)
        if title.width + sp.l + facts.width <= inner:  # side by side, the facts on the title's baseline
            facts_at, align, y = (pad + inner, pad + title.height - facts.height), "right", pad + title.height
        else:
            facts_at, align = (pad, pad + title.height + sp.xs), "left"
            y = facts_at[1] + facts.height
        y += sp.xs
        sentence_at = (pad, y)
        y += ui.text.measure(self.sentence, t.font_size("small"), inner).height
        tags: list[pygame.Rect] = []
        if self.tags:
            px, py = self._tag_pad(ui)
            size = t.font_size("small")
            x, y, row_h = pad, y + sp.s, 0
            for tag in self.tags:
                words = ui.text.measure(tag, size, max(1, inner - 2 * px))  # a long name wraps in its pill
                w, h = words.width + 2 * px, max(words.height, ui.text.line_height(size)) + 2 * py
                if x > pad and x + w > pad + inner:  # wrap onto another row of tags
                    x, y, row_h = pad, y + row_h + sp.xs, 0
                tags.append(pygame.Rect(x, y, w, h))
                x, row_h = x + w + sp.s, max(row_h, h)
            y += row_h
        placed = _Placed((pad, pad), facts_at, align, sentence_at, tags, y + pad)
        self._cache = (key, placed)
        return placed

    def height_for(self, ui: Ui, width: int) -> int:
        return self._place(ui, width).height

    def preferred_size(self, ui: Ui, max_width: int) -> tuple[int, int]:
        return (max_width, self.height_for(ui, max_width))

    def overflows(self, ui: Ui) -> bool:
        return self.rect.height < self.height_for(ui, self.rect.width)

    # -- drawing --------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, ui: Ui, focused: bool = False, hovered: bool = False) -> None:
        t, c = ui.theme, ui.theme.colours
        radius = t.radii.medium
        placed = self._place(ui, self.rect.width)
        inner = max(1, self.rect.width - 2 * self._pad(ui))
        pygame.draw.rect(surface, c.surface_hover if hovered else c.surface, self.rect, border_radius=radius)
        pygame.draw.rect(surface, c.accent, self.rect, width=t.border_width, border_radius=radius)
        ox, oy = self.rect.topleft
        title = ui.text.render(self.title, t.font_size("subheading"), c.text, inner)
        surface.blit(title, (ox + placed.title[0], oy + placed.title[1]))
        facts = ui.text.render(self.facts, t.font_size("small"), c.text_muted, inner)
        fx = placed.facts[0] - (facts.get_width() if placed.facts_align == "right" else 0)
        surface.blit(facts, (ox + fx, oy + placed.facts[1]))
        sentence = ui.text.render(self.sentence, t.font_size("small"), c.text, inner)
        surface.blit(sentence, (ox + placed.sentence[0], oy + placed.sentence[1]))
        px = self._tag_pad(ui)[0]
        for tag, box in zip(self.tags, placed.tags, strict=True):
            pill = box.move(ox, oy)
            round_by = min(pill.height // 2, t.radii.large)
            pygame.draw.rect(surface, c.background, pill, border_radius=round_by)
            pygame.draw.rect(surface, c.accent, pill, width=max(1, t.border_width // 2), border_radius=round_by)
            words = ui.text.render(tag, t.font_size("small"), c.text, max(1, pill.width - 2 * px))
            surface.blit(words, words.get_rect(center=pill.center))
        if focused:
            grow = 2 * (t.focus_gap + t.focus_width)
            pygame.draw.rect(surface, c.focus_ring, self.rect.inflate(grow, grow), width=t.focus_width,
                             border_radius=radius + t.focus_gap + t.focus_width)

    def activate(self) -> Action | None:
        return self.on_activate(self.story)
