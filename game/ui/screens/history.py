"""The story so far (L): every line, choice and feedback of this playthrough, to read back at
the pupil's own pace, and to flag any line shown so far as a warning sign (with the same kind
feedback as in the story). It opens at the newest line; Esc, L or Back returns to the same place.

Up and Down (or Tab) move between the lines; Enter, Space, S or a click flags the line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pygame

from game.story.runtime import Entry, Playthrough
from game.ui.screen import MODIFIER_KEYS, Action, Pop, Push, break_button, help_button
from game.ui.scroll_area import ScrollArea, ScrollingScreen
from game.ui.widgets import Button, ButtonRow, Label, Ui, Widget

HINT = "Up and Down move between the lines. Enter or S flags a line as a warning sign. Esc takes you back."
READ_ONLY_HINT = "Up and Down scroll. Esc or L takes you back to the story."


class LineRow(Button):
    """A line of the story as a row: who said it and what, and "(flagged)" once flagged."""

    def __init__(self, entry: Entry, flagged: bool, on_activate: Callable[[], Action | None]) -> None:
        super().__init__("", on_activate)
        self.entry, self.align = entry, "left"
        self.set_flagged(flagged)

    def set_flagged(self, flagged: bool) -> None:
        self.flagged = flagged
        words = f"{self.entry.speaker}: {self.entry.text}" if self.entry.speaker else self.entry.text
        self.label = f"{words}  (flagged)" if flagged else words

    def _padding(self, ui: Ui) -> tuple[int, int]:
        return ui.theme.spacing.m, ui.theme.spacing.s

    def draw(self, surface: pygame.Surface, ui: Ui, focused: bool = False, hovered: bool = False) -> None:
        t, c = ui.theme, ui.theme.colours
        fill = c.help if self.flagged else (c.surface_hover if hovered else None)
        if fill is not None:
            pygame.draw.rect(surface, fill, self.rect, border_radius=t.radii.medium)
        px, py = self._padding(ui)
        ink = c.text if self.entry.speaker or self.flagged else c.text_muted
        image = ui.text.render(self.label, t.font_size("body"), ink, max(1, self.rect.width - 2 * px))
        surface.blit(image, (self.rect.x + px, self.rect.y + py))
        if focused:
            grow = 2 * (t.focus_gap + t.focus_width)
            pygame.draw.rect(surface, c.focus_ring, self.rect.inflate(grow, grow), width=t.focus_width,
                             border_radius=t.radii.medium + t.focus_gap + t.focus_width)

    def preferred_size(self, ui: Ui, max_width: int) -> tuple[int, int]:
        px, py = self._padding(ui)
        m = ui.text.measure(self.label, ui.theme.font_size("body"), max(1, max_width - 2 * px))
        return (max_width, m.height + 2 * py)

    def overflows(self, ui: Ui) -> bool:
        px, py = self._padding(ui)
        return ui.text.measure(self.label, ui.theme.font_size("body"), self.rect.width - 2 * px,
                               self.rect.height - 2 * py).overflow


def history_items(entries: Sequence[Entry], spotted: set[str], flag: Callable[[LineRow], Action | None] | None
                  ) -> list[Widget]:
    out: list[Widget] = []
    for entry in entries:
        if entry.kind == "ending":
            out.append(Label(entry.text, "subheading"))
        elif entry.kind == "choice":
            out.append(Label(f"You chose: {entry.text}", "body"))
            if entry.feedback:
                out.append(Label(entry.feedback, "body", "text_muted"))
        elif flag is not None and entry.line is not None:
            row = LineRow(entry, entry.line.id in spotted, lambda: None)
            row.on_activate = (lambda r=row: flag(r))  # type: ignore[misc]
            out.append(row)
        else:
            out.append(Label(f"{entry.speaker}: {entry.text}" if entry.speaker else entry.text, "body",
                             "text" if entry.speaker else "text_muted"))
    return out or [Label("Nothing yet.", "body", "text_muted")]


class HistoryScreen(ScrollingScreen):
    """``pt``: the playthrough, to flag lines in (None: read only); ``on_spot``: after a flag (autosave)."""

    max_width = 1100

    def __init__(self, entries: Sequence[Entry], pt: Playthrough | None = None,
                 on_spot: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.entries, self.pt, self.on_spot = list(entries), pt, on_spot
        self.opened = False

    def compose(self) -> None:
        self.heading = Label("The story so far", role="heading")
        self.back = Button("Back (Esc)", lambda: Pop(), hotkey="escape", variant="primary")
        self.top_row = ButtonRow([self.back, help_button(), break_button()], gap="m")
        self.hint = Label(HINT if self.pt is not None else READ_ONLY_HINT, role="small", colour="text_muted")
        spotted = set(self.pt.spotted) if self.pt is not None else set()
        self.items = history_items(self.entries, spotted, self.flag if self.pt is not None else None)
        self.rows = [w for w in self.items if isinstance(w, LineRow)]
        self.area = ScrollArea([self.hint, *self.items], self._gap)
        self.set_widgets([self.heading, *self.top_row.buttons, self.hint, *self.items],
                         [*self.rows, *self.top_row.buttons])
        if self.rows:
            self.focus.focus(self.rows[-1])  # the newest line: where the pupil is

    def _gap(self, widget: Widget) -> int:
        assert self.ui is not None
        sp = self.ui.theme.spacing
        if isinstance(widget, Label) and widget.role == "subheading":
            return sp.xl
        return sp.xs if isinstance(widget, Label) and widget.colour == "text_muted" and widget is not self.hint \
            else sp.s

    def flag(self, row: LineRow) -> Action | None:
        assert self.pt is not None and row.entry.line is not None
        spot = self.pt.spot(row.entry.line.id)
        if self.on_spot is not None:
            self.on_spot()
        for other in self.rows:  # the same line shown twice is flagged in both places
            if other.entry.line is not None and other.entry.line.id == row.entry.line.id:
                other.set_flagged(True)
        self.relayout()
        if self.ui is not None:
            self.ui.emit("spotted" if spot.is_sign and not spot.already else "feedback", spot.text)
        return Push(SpotNoteScreen(spot.title, spot.text))

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        self.layout_area(self.place_top_bar(self.heading, self.top_row))
        if not self.opened:  # open at the newest part, where the pupil is
            self.opened = True
            assert self.ui is not None
            self.area.scroll_to(self.ui, self.area.most())

    def handle_key(self, event: pygame.event.Event) -> Action | None:
        if event.key in MODIFIER_KEYS:
            return None
        if event.key in (pygame.K_ESCAPE, pygame.K_l):
            return Pop()
        if event.key == pygame.K_s and self.focus.focused in self.rows:
            return self.activate(self.focus.focused)
        if event.key in (pygame.K_UP, pygame.K_DOWN) and not self.rows:
            assert self.ui is not None
            step = self.ui.text.line_height(self.ui.theme.font_size("body"))
            self.dirty |= self.area.scroll_by(self.ui, step if event.key == pygame.K_DOWN else -step)
            return None
        return super().handle_key(event)


class SpotNoteScreen(ScrollingScreen):
    """The kind feedback on a line flagged from the story so far; any key goes back to the list."""

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.title_text, self.text_value = title, text

    def compose(self) -> None:
        self.heading = Label(self.title_text, role="heading")
        self.text = Label(self.text_value, "body")
        self.back = Button("Back to the story so far (Enter)", lambda: Pop(), hotkey="escape", variant="primary")
        self.top_row = ButtonRow([help_button(), break_button()], gap="m")
        self.area = ScrollArea([self.text, self.back], lambda w: self.ui.theme.spacing.l if self.ui else 0,
                               full_width=lambda w: w is self.text)
        self.set_widgets([self.heading, *self.top_row.buttons, self.text, self.back],
                         [self.back, *self.top_row.buttons])

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        self.layout_area(self.place_top_bar(self.heading, self.top_row))

    def handle_key(self, event: pygame.event.Event) -> Action | None:
        if event.key in MODIFIER_KEYS:
            return None
        return super().handle_key(event)
