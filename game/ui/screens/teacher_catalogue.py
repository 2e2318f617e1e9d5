"""The catalogue: every story in the library with what a teacher plans with.

Each card is short (catalogue_card.py): title, age band, minutes, setting, whether pupils see it
(the classroom file), the first sentence of the summary and the themes as tags; the rest is on the
story's page. Filters and sort are buttons that cycle (a key each; Shift goes back):

    A  age band     T  theme     L  length     O  sort (title, age band, shortest first)

Up/Down move between cards, Enter opens a story's page (teacher_scenario.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pygame

from game.story.story import Story
from game.ui.screen import MODIFIER_KEYS, Action, Pop, Push, break_button, help_button
from game.ui.screens.card_list import CardListScreen
from game.ui.screens.catalogue_card import CatalogueCard
from game.ui.screens.picker import BANDS, load_stories
from game.ui.widgets import Button, ButtonRow, Label

LENGTHS: tuple[int | None, ...] = (None, 10, 15, 20, 30)  # "up to N minutes"
SORTS = ("title", "age band", "shortest first")


@dataclass(frozen=True)
class Filters:
    band: str = "All"
    theme: str | None = None  # a theme id
    length: int | None = None  # up to this many minutes
    sort: str = "title"

    def keep(self, story: Story) -> bool:
        return ((self.band == "All" or story.band == self.band)
                and (self.theme is None or self.theme in story.themes)
                and (self.length is None or story.minutes <= self.length))

    def apply(self, stories: Sequence[Story]) -> list[Story]:
        kept = [s for s in stories if self.keep(s)]
        if self.sort == "age band":
            return sorted(kept, key=lambda s: (s.band, s.title.casefold()))
        if self.sort == "shortest first":
            return sorted(kept, key=lambda s: (s.minutes, s.title.casefold()))
        return sorted(kept, key=lambda s: s.title.casefold())


def _next(options: Sequence, now, direction: int):
    return options[(list(options).index(now) + direction) % len(options)]


class CatalogueScreen(CardListScreen):
    def __init__(self, stories: list[Story] | None = None, filters: Filters = Filters()) -> None:
        super().__init__()
        self.stories = stories
        self.filters = filters

    def compose(self) -> None:
        if self.stories is None:
            self.stories = load_stories()
        self.themes = sorted({t for s in self.stories for t in s.themes},
                             key=lambda t: self._theme_name(t).casefold())
        self.heading = Label("Catalogue", role="heading")
        self.back = Button("Back (Esc)", lambda: Pop(), hotkey="escape")
        self.top_row = ButtonRow([self.back, help_button(), break_button()])
        self.band_button = Button("", lambda: self.cycle("band", 1), hotkey="a")
        self.theme_button = Button("", lambda: self.cycle("theme", 1), hotkey="t")
        self.length_button = Button("", lambda: self.cycle("length", 1), hotkey="l")
        self.sort_button = Button("", lambda: self.cycle("sort", 1), hotkey="o")
        self.filter_buttons = [self.band_button, self.theme_button, self.length_button, self.sort_button]
        self.band_row = ButtonRow(self.filter_buttons, gap="m")
        self.showing = Label("", role="small", colour="text_muted")
        self.empty = Label("", role="body")
        self.refresh()

    def _theme_name(self, theme: str) -> str:
        for s in self.stories or ():
            if theme in s.shared.themes:
                return s.shared.themes[theme].name
        return theme

    def attach(self, ui) -> None:
        """Shown again after a story's page: whether pupils see it may have changed."""
        first = self.ui is None
        super().attach(ui)
        if not first:
            self.refresh(keep_place=True)

    # -- filtering ------------------------------------------------------------------------------
    def cycle(self, which: str, direction: int) -> None:
        f = self.filters
        if which == "band":
            f = Filters(_next(BANDS, f.band, direction), f.theme, f.length, f.sort)
        elif which == "theme":
            f = Filters(f.band, _next((None, *self.themes), f.theme, direction), f.length, f.sort)
        elif which == "length":
            f = Filters(f.band, f.theme, _next(LENGTHS, f.length, direction), f.sort)
        else:
            f = Filters(f.band, f.theme, f.length, _next(SORTS, f.sort, direction))
        self.filters = f
        focused = self.focus.focused
        self.refresh()
        if focused is not None:
            self.focus.focus(focused)

    def refresh(self, keep_place: bool = False) -> None:
        """The cards for the filters (and what pupils see now), and the buttons' labels."""
        from game.classroom import current

        classroom = current().classroom
        f = self.filters
        self.band_button.label = f"Ages: {'all' if f.band == 'All' else f.band} (A)"
        self.theme_button.label = f"Theme: {'all' if f.theme is None else self._theme_name(f.theme)} (T)"
        self.length_button.label = f"Length: {'any' if f.length is None else f'up to {f.length} min'} (L)"
        self.sort_button.label = f"Sort: {f.sort} (O)"
        for button, active in zip(self.filter_buttons, (f.band != "All", f.theme is not None, f.length is not None,
                                                        False), strict=True):
            button.variant = "primary" if active else "default"
        assert self.stories is not None
        focused = self.focus.focused
        cards = [CatalogueCard(s, classroom.allows(s.id), self.open_story) for s in f.apply(self.stories)]
        total, n = len(self.stories), len(cards)
        seen = sum(classroom.allows(s.id) for s in self.stories)
        self.showing.text = (f"Showing {n} of {total} {'story' if total == 1 else 'stories'}. "
                             f"Pupils see {seen}. Enter opens a story.")
        self.empty.text = "" if cards else "No story matches these filters. Press A, T or L to change them."
        others: list = [self.heading, self.showing, *self.band_row.buttons, *self.top_row.buttons]
        if self.empty.text:
            others.append(self.empty)
        self.show_cards(cards, others, [*cards, *self.band_row.buttons, *self.top_row.buttons], keep_offset=keep_place)
        if keep_place and isinstance(focused, CatalogueCard):
            again = next((c for c in cards if c.story.id == focused.story.id), None)
            if again is not None:
                self.focus.focus(again)

    def open_story(self, story: Story) -> Action:
        from game.ui.screens.teacher_scenario import ScenarioScreen

        return Push(ScenarioScreen(story))

    # -- input ------------------------------------------------------------------------------------
    def handle_key(self, event: pygame.event.Event) -> Action | None:
        if event.key in MODIFIER_KEYS:
            return None
        keys = {pygame.K_a: ("band", self.band_button), pygame.K_t: ("theme", self.theme_button),
                pygame.K_l: ("length", self.length_button), pygame.K_o: ("sort", self.sort_button)}
        if event.key in keys and event.mod & pygame.KMOD_SHIFT:  # Shift: the other way round
            which, button = keys[event.key]
            self.focus.focus(button)
            self.dirty = True
            self.cycle(which, -1)
            return None
        return super().handle_key(event)
