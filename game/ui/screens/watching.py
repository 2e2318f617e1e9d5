"""Play as you write, in the window: `spot-the-signs play SCENARIO --watch`.

The story reloads each time its file is saved, keeping the place (game/watch.py decides what
to show: ``reload``; ``FileWatcher`` raises the flag). While the file is broken its located
problems are shown on a plain screen instead of the story; once it is saved in working order
the story carries on from the same place.

    watch = Watch(load=lambda: library.load(path), changed=watcher.take)
    first = watch.next(None)
    root = WatchingPlayScreen(watch, first) if first.ok else WatchProblemsScreen(watch, first)

Both screens look for a save a few times a second (``wake_after_ms``/``tick``) and reload
there, between the writer's key presses, so the story never changes mid-step. Tests call
``reload()`` directly. Nothing here is autosaved: it is a writer's try-out, not a pupil's place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pygame

from game.story.load import LoadResult
from game.story.runtime import Playthrough
from game.story.story import Story
from game.ui.screen import Action, Quit, Replace, Screen, break_button, help_button
from game.ui.screens.play import Card, PlayScreen
from game.ui.widgets import Button, ButtonRow, Label, Paragraph, ScrollText
from game.watch import KEPT, Reloaded, reload

KEPT_TAIL = "Your place was kept."
POLL_MS = 250  # how often the screens look at the watcher's flag (a cheap check)
PROBLEMS_NOTE = "Fix these problems and save the file: the story carries on from the same place."


@dataclass
class Watch:
    """How to read the story file again, and whether it was saved since last asked."""

    load: Callable[[], LoadResult]
    changed: Callable[[], bool] = field(default=lambda: False)
    start: Callable[[Story], Playthrough] = Playthrough  # the first playthrough (--from/--set)

    def next(self, previous: Playthrough | None) -> Reloaded:
        return reload(self.load(), previous, self.start)


class WatchingPlayScreen(PlayScreen):
    def __init__(self, watch: Watch, reloaded: Reloaded) -> None:
        assert reloaded.story is not None and reloaded.playthrough is not None
        super().__init__(reloaded.story, reloaded.playthrough, None)
        self.watch = watch
        self.note = reloaded.note

    def wake_after_ms(self) -> int | None:
        own = super().wake_after_ms()
        return POLL_MS if own is None else min(own, POLL_MS)

    def tick(self, now_ms: int) -> Action | None:  # type: ignore[override]  # the app applies it
        super().tick(now_ms)
        return self.reload() if self.watch.changed() else None

    def reload(self) -> Action | None:
        """Read the file again: the story at the same place, or the file's problems."""
        now = self.watch.next(self.pt)
        if not now.ok:
            return Replace(WatchProblemsScreen(self.watch, now, play=self))
        return self.take(now)

    def take(self, now: Reloaded) -> Action | None:
        """Show the reloaded story at the kept place (a card says so when the place could not be kept)."""
        assert now.story is not None and now.playthrough is not None
        self.story, self.pt, self.note = now.story, now.playthrough, now.note
        self.revealed = min(len(self.pt.lines), max(1, self.revealed)) if self.pt.lines else 0
        self.picked = self.revealed - 1
        self.scene_id, self.choice_buttons = None, []
        self.frozen, self.frozen_picture = False, None
        self.phone.cast = self.story.characters  # the reloaded story's people
        kept = now.note == KEPT or now.note.endswith(KEPT_TAIL)  # the place was kept: no card in the way
        self.card = None if kept else Card("notice", "The story was reloaded", now.note, self.close_card_only)
        self.dirty = True
        if self.pt.finished:
            return self.finish()
        self.sync()
        return None


class WatchProblemsScreen(Screen):
    """The story file's problems, each with its file, line and column, until it is fixed."""

    def __init__(self, watch: Watch, broken: Reloaded, play: WatchingPlayScreen | None = None) -> None:
        super().__init__()
        self.watch = watch
        self.broken = broken
        self.play = play

    def compose(self) -> None:
        self.heading = Label("The story file has problems", role="heading")
        self.note = Label(PROBLEMS_NOTE, role="body", colour="text_muted")
        self.text = ScrollText([])
        self.quit = Button("Quit", lambda: Quit())
        self.top_row = ButtonRow([help_button(), break_button()], gap="m")
        self.set_widgets([self.heading, self.note, self.text, self.quit, *self.top_row.buttons],
                         [self.quit, *self.top_row.buttons])
        self.scroll = self.text
        self.show(self.broken)

    def lines(self) -> list[str]:
        return [d.format() for d in self.broken.diagnostics] or ["The file could not be read."]

    def show(self, broken: Reloaded) -> None:
        self.broken = broken
        self.text.paragraphs = [Paragraph(line, "small") for line in self.lines()]
        self.text.offset = 0
        self.relayout()

    def wake_after_ms(self) -> int | None:
        return POLL_MS

    def tick(self, now_ms: int) -> Action | None:  # type: ignore[override]  # the app applies it
        return self.reload() if self.watch.changed() else None

    def reload(self) -> Action | None:
        """Read the file again: still broken, show the new problems; fixed, carry on with the story."""
        now = self.watch.next(self.play.pt if self.play is not None else None)
        if not now.ok:
            self.show(now)
            self.dirty = True
            return None
        if self.play is None:
            return Replace(WatchingPlayScreen(self.watch, now))
        action = self.play.take(now)
        return action if action is not None else Replace(self.play)

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        assert self.ui is not None
        ui, m, sp = self.ui, self.margin(), self.ui.theme.spacing
        top = self.place_top_bar(self.heading, self.top_row)
        width = size[0] - 2 * m
        note_h = self.note.preferred_size(ui, width)[1]
        qw, qh = self.quit.preferred_size(ui, width)
        self.note.rect = pygame.Rect(m, top, width, note_h)
        self.quit.rect = pygame.Rect(size[0] - m - qw, size[1] - m - qh, qw, qh)
        y = self.note.rect.bottom + sp.l
        self.text.rect = pygame.Rect(m, y, width, max(0, self.quit.rect.top - sp.l - y))
