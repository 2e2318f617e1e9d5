"""The play screen's keys and clicks, turned into Playthrough steps (see the keys in
game/ui/screens/play.py). ``PlayInput`` is a part of PlayScreen, kept apart so each stays small.

While the choices show, the arrows and Tab move between them (none is picked until then) and a
number chooses at once; otherwise Up and Down move over the lines already shown, and Space,
Enter or a click on the stage reads on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui.play.card import MORE_BELOW
from game.ui.screen import ACTIVATE_KEYS, MODIFIER_KEYS, Action

if TYPE_CHECKING:
    from game.ui.screens.play import PlayScreen

NUMBER_KEYS = {getattr(pygame, f"K_{n}"): n - 1 for n in range(1, 7)}
NUMBER_KEYS |= {getattr(pygame, f"K_KP{n}"): n - 1 for n in range(1, 7)}
UNDO_KEYS = frozenset({pygame.K_BACKSPACE, pygame.K_z})
ARROW_KEYS = frozenset({pygame.K_UP, pygame.K_DOWN, pygame.K_LEFT, pygame.K_RIGHT})
# Keys that leave for another screen or step back: they work even while a line types in.
LEAVING_KEYS = frozenset({pygame.K_ESCAPE, pygame.K_l, pygame.K_v}) | UNDO_KEYS


class PlayInput:
    def handle_key(self: PlayScreen, event: pygame.event.Event) -> Action | None:
        assert self.ui is not None
        key = event.key
        if key in MODIFIER_KEYS:
            return None
        self.dirty = True
        if self.reader.on:  # the pupil is busy here: a fresh reading time
            self.reader.begin(self.reader.length)
        if self.typing and self.card is None and key not in LEAVING_KEYS:
            self.complete_line()  # the key shows the line whole; it does not also read on or choose
            return None
        if key == pygame.K_ESCAPE:
            return self.pause()
        if key == pygame.K_l:
            return self.open_history()
        if key == pygame.K_v:
            return self.open_text_view()
        if key in UNDO_KEYS:
            return self.undo()
        if self.card is not None:
            return self._card_key(event)
        if key == pygame.K_s:
            return self.spot_picked()
        if key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            step = (1 if key == pygame.K_PAGEDOWN else -1)
            if self.in_chat:
                self.phone.scroll_by(self.ui, step * self.phone.rect.height // 2)
            else:
                self.box.line.scroll_by(self.ui, step * max(1, self.box.line.rect.height - 8))
            return None
        if self.choosing:
            if key in NUMBER_KEYS:
                return self.choose(NUMBER_KEYS[key])
            if key in ARROW_KEYS and self.focus.focused not in self.choice_buttons and self.menu.buttons:
                self.focus.focus(self.menu.buttons[0] if key != pygame.K_UP else self.menu.buttons[-1])
                self.menu.show(self.ui, self.focus.focused)
                return None
            if key == pygame.K_TAB:
                action = super().handle_key(event)
                self.menu.show(self.ui, self.focus.focused)
                return action
            if key in ARROW_KEYS:
                return self._move_among_choices(1 if key in (pygame.K_DOWN, pygame.K_RIGHT) else -1)
            return super().handle_key(event)
        if key in NUMBER_KEYS and NUMBER_KEYS[key] == 0 and not (self.reading or self.typing):
            return self.go_on()  # one way on (Continue, or from the ending to the debrief): 1 takes it too
        if key in (pygame.K_UP, pygame.K_DOWN):
            self.picked = max(0, min(len(self.shown()) - 1, self.picked + (1 if key == pygame.K_DOWN else -1)))
            self.sync()
            if self.in_chat:
                self.phone.show_item(self.ui, self.picked)
            return None
        if key in ACTIVATE_KEYS:
            if self.focus.focused in (None, self.next):
                return self.go_on()
            return super().handle_key(event)
        return super().handle_key(event)

    def _move_among_choices(self: PlayScreen, step: int) -> Action | None:
        assert self.ui is not None
        buttons = self.menu.buttons
        here = buttons.index(self.focus.focused) if self.focus.focused in buttons else -1
        self.focus.focus(buttons[(here + step) % len(buttons)])
        self.menu.show(self.ui, self.focus.focused)
        return None


    def _card_key(self: PlayScreen, event: pygame.event.Event) -> Action | None:
        assert self.ui is not None
        key = event.key
        if key in (pygame.K_UP, pygame.K_DOWN, pygame.K_PAGEUP, pygame.K_PAGEDOWN, pygame.K_HOME, pygame.K_END):
            self.feedback.text.handle_key(self.ui, key)
            self._update_more()
            return None
        if key in ACTIVATE_KEYS and self.focus.focused is self.card_button and self.feedback.read_on(self.ui):
            self._update_more()
            return None  # there is more to read: Space and Enter read on before they go on
        if key in ACTIVATE_KEYS or key == pygame.K_TAB or key in ARROW_KEYS:
            return super().handle_key(event)
        return None

    def _update_more(self: PlayScreen) -> None:

        assert self.ui is not None
        self.feedback.more.text = MORE_BELOW if self.feedback.unread(self.ui) else ""

    def handle(self: PlayScreen, event: pygame.event.Event) -> Action | None:
        assert self.ui is not None
        if event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP) and self.reader.on:
            self.reader.begin(self.reader.length)
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1 and self.typing and self.card is None \
                and self.widget_at(event.pos) not in self.top_row.buttons:
            self.pressed = None
            self.complete_line()  # the click shows the line whole; it does not also read on or choose
            return None
        if event.type == pygame.MOUSEWHEEL:
            step = self.ui.text.line_height(self.ui.theme.font_size("body"))
            if self.card is None and self.choosing and self.menu.panel.rect.collidepoint(pygame.mouse.get_pos()):
                self.dirty |= self.menu.scroll_by(self.ui, -event.y * 3 * step)
            elif self.card is not None:
                step = self.feedback.text.line_step(self.ui)
                self.dirty |= self.feedback.text.scroll_by(self.ui, -event.y * 3 * step)
                self._update_more()
            elif self.in_chat:
                self.dirty |= self.phone.scroll_by(self.ui, -event.y * 3 * self.ui.text.line_height(
                    self.ui.theme.font_size("body")))
            else:
                self.dirty |= self.box.line.scroll_by(self.ui, -event.y * 3 * self.ui.text.line_height(
                    self.ui.theme.font_size("body")))
            return None
        return super().handle(event)

    def on_click_elsewhere(self: PlayScreen, pos: tuple[int, int]) -> Action | None:
        assert self.ui is not None
        if self.card is not None:
            return None
        if self.in_chat:
            hit = self.phone.item_at(self.ui, pos) if self.phone in self.widgets else None
            if hit is not None:  # a message: pick it (nothing moves)
                self.picked = hit
                self.sync()
                return None
            if self.phone.rect.collidepoint(pos):
                return None
        return self.go_on() if (self.reading or self.typing) and not self.choosing else None
