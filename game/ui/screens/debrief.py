"""The debrief at the end of every route (and after leaving early).

It shows the engine's Debrief (game/story/debrief.py) and nothing else: its blocks, in order, in
scrolling text so nothing clips at large text. The first screenful is that it was not the young
person's fault, what a friend or trusted adult can do and where to get help: on a wide window
the help stands in its own column beside the rest, so Childline is always in sight; on a narrow
one (large text) it all reads in one column, in the engine's order. The signs on this route follow.

Nothing a pupil presses by habit can throw it away: no button has the focus when it opens; Space,
Enter and the arrow keys scroll it; the buttons are reached with Tab or the mouse; "Play again" is
the last of them and asks first.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.saves import SaveStore
from game.story.debrief import Block, Debrief
from game.story.story import Story
from game.ui.screen import ACTIVATE_KEYS, MODIFIER_KEYS, Action, PopToRoot, Push, Screen, break_button, help_button
from game.ui.widgets import Button, ButtonRow, Label, Paragraph, ScrollText

COLUMN_MIN = 420  # each of the two columns, at 100% text
_STYLE = {  # block kind -> (role, colour, space before)
    "heading": ("subheading", "text", "xl"),
    "place": ("subheading", "text", "l"),
    "text": ("body", "text", "xs"),
    "note": ("body", "text_muted", "xs"),
    "item": ("body", "text", "s"),
}


def block_paragraphs(blocks: tuple[Block, ...]) -> list[Paragraph]:
    out = []
    for i, block in enumerate(blocks):
        role, colour, space = _STYLE[block.kind]
        text = f"- {block.text}" if block.kind == "item" else block.text
        out.append(Paragraph(text, role, colour, space_before="s" if i == 0 else space))
    return out


class DebriefScreen(Screen):
    place = ""  # no background sound here

    def __init__(self, story: Story, debrief: Debrief, store: SaveStore | None = None,
                 again: Callable[[], Screen] | None = None) -> None:
        """``again`` makes the screen "Play again" opens (presenter mode plays again in presenter mode)."""
        super().__init__()
        self.story, self.debrief, self.store, self.again_screen = story, debrief, store, again

    def compose(self) -> None:
        self.heading = Label(self.debrief.heading, role="heading")
        blocks = self.debrief.blocks
        self.text = ScrollText(block_paragraphs(blocks))  # all of it, in one column
        self.main = ScrollText(block_paragraphs(tuple(b for b in blocks if b.section != "help")))
        self.side = ScrollText(block_paragraphs(tuple(b for b in blocks if b.section == "help")))
        self.panes: list[ScrollText] = []  # set by the first layout: one column, or two
        self.another = Button("Choose another story", self.choose_another)
        self.title = Button("Title", lambda: PopToRoot())
        self.again = Button("Play again", self.ask_play_again)
        self.bottom = ButtonRow([self.another, self.title, self.again], gap="m")
        self.top_row = ButtonRow([help_button(), break_button()], gap="m")
        self.focus.clear()  # nothing is pressed by a habit key: the pupil reads first

    def choose_another(self) -> Action:
        from game.ui.app import OnTitle
        from game.ui.screens.picker import PickerScreen

        return OnTitle(PickerScreen())

    def ask_play_again(self) -> Action:
        from game.ui.screens.confirm import ConfirmScreen

        return Push(ConfirmScreen("Start again from the beginning?",
                                  f"You will play {self.story.title} again from its first scene.",
                                  "Yes, start again", self.play_again))

    def play_again(self) -> Action:
        from game.ui.app import OnTitle

        if self.again_screen is not None:
            return OnTitle(self.again_screen())
        from game.ui.screens.picker import classroom_play

        return OnTitle(classroom_play(self.story, None, self.store))

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        assert self.ui is not None
        ui, m, sp = self.ui, self.margin(), self.ui.theme.spacing
        self.heading.size_override = None
        top = self.place_top_bar(self.heading, self.top_row)
        width = size[0] - 2 * m
        text_w = min(width, 1100)
        x = size[0] // 2 - text_w // 2
        if self.heading.rect.y < self.top_row.buttons[0].rect.bottom:  # beside the buttons: line it up
            shifted = self.heading.rect.move(x - self.heading.rect.x, 0)
            if shifted.right + sp.l <= min(b.rect.x for b in self.top_row.buttons):
                self.heading.rect = shifted
        _, row_h = self.bottom.measure(ui, text_w)
        self.bottom.place(ui, pygame.Rect(x, size[1] - m - row_h, text_w, row_h))
        room = pygame.Rect(x, top, text_w, max(0, size[1] - m - row_h - sp.l - top))
        column = int(COLUMN_MIN * ui.theme.text_scale)
        if room.width >= 2 * column + sp.xl:  # help in a column of its own, beside the rest
            side_w = (room.width - sp.xl) * 9 // 20
            self.main.rect = pygame.Rect(room.x, room.y, room.width - sp.xl - side_w, room.height)
            self.side.rect = pygame.Rect(self.main.rect.right + sp.xl, room.y, side_w, room.height)
            panes = [self.main, self.side]
        else:
            self.text.rect = room
            panes = [self.text]
        if panes != self.panes:
            self.panes = panes
            focused = self.focus.focused
            self.set_widgets([self.heading, *panes, *self.bottom.buttons, *self.top_row.buttons],
                             [*self.bottom.buttons, *self.top_row.buttons])
            if focused is not None:
                self.focus.focus(focused)
            else:
                self.focus.clear()
        self.scroll = None

    def draw_decor(self, surface: pygame.Surface) -> None:
        assert self.ui is not None
        c, sp = self.ui.theme.colours, self.ui.theme.spacing
        left, right = self.panes[0].rect, self.panes[-1].rect
        y = left.bottom + sp.l // 2
        pygame.draw.line(surface, c.surface, (left.x, y), (right.right, y), 2)
        if len(self.panes) == 2:
            x = (left.right + right.x) // 2
            pygame.draw.line(surface, c.surface, (x, left.y), (x, left.bottom), 2)

    def scroll_panes(self, dy: int) -> bool:
        """Scroll the first column that can still move that way (the help column when the rest is
        read to its end)."""
        assert self.ui is not None
        return any(pane.scroll_by(self.ui, dy) for pane in self.panes)

    def handle_key(self, event: pygame.event.Event) -> Action | None:
        assert self.ui is not None
        key = event.key
        if key in MODIFIER_KEYS:
            return None
        pane = self.panes[0]
        line, page = pane.line_step(self.ui), max(pane.line_step(self.ui), pane.rect.height * 4 // 5)
        steps = {pygame.K_UP: -line, pygame.K_DOWN: line, pygame.K_PAGEUP: -page, pygame.K_PAGEDOWN: page}
        if key in ACTIVATE_KEYS and self.focus.focused is None:
            steps[key] = page  # Space and Enter read on (a page at a time), as they moved the story on
        if key in steps:
            self.dirty |= self.scroll_panes(steps[key])
            return None
        if key in (pygame.K_HOME, pygame.K_END):
            for p in self.panes:
                self.dirty |= p.scroll_to(self.ui, 0 if key == pygame.K_HOME else p.max_offset(self.ui))
            return None
        return super().handle_key(event)

    def handle(self, event: pygame.event.Event) -> Action | None:
        if event.type == pygame.MOUSEWHEEL:
            assert self.ui is not None
            pos = pygame.mouse.get_pos()
            pane = next((p for p in self.panes if p.rect.collidepoint(pos)), self.panes[0])
            self.dirty |= pane.scroll_by(self.ui, -event.y * 3 * pane.line_step(self.ui))
            return None
        return super().handle(event)
