"""Controls only the teacher area uses: a one-line text field (for the school's contact) and a
button whose value is changed with Left/Right.

Pupils never meet a text field: the game asks them for no names and no free-text answers. The
teacher area is for teachers, who type the name of the school's safeguarding lead once.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.ui.screen import Action
from game.ui.widgets import Button, Ui, Widget

CTRL = pygame.KMOD_CTRL | pygame.KMOD_ALT | pygame.KMOD_GUI


class TextField(Widget):
    """A label and a line of text the teacher types into while the field has the focus.

    Typing adds letters at the end, Backspace removes the last one (Ctrl+Backspace the last word),
    Delete clears the field. ``on_commit`` gets the text when the teacher presses Enter or leaves
    the field; the screen calls ``commit``.
    """

    focusable = True

    def __init__(self, label: str, value: str, max_length: int, on_commit: Callable[[str], None],
                 placeholder: str = "") -> None:
        super().__init__()
        self.name, self.value, self.max_length = label, value, max_length
        self.on_commit, self.placeholder = on_commit, placeholder
        self.saved = value

    def __repr__(self) -> str:
        return f"TextField({self.name!r})"

    @property
    def label(self) -> str:
        """What a screen reader says: the field's name and what is in it."""
        return f"{self.name}: {self.value or 'empty'}"

    def _padding(self, ui: Ui) -> tuple[int, int]:
        sp = ui.theme.spacing
        return sp.l, sp.s + sp.xs

    def _shown(self, focused: bool) -> tuple[str, str]:
        """(the text, its colour token): the value with a caret while typing, or the placeholder."""
        if focused:
            return f"{self.name}: {self.value}|", "text"
        if self.value:
            return f"{self.name}: {self.value}", "text"
        return f"{self.name}: {self.placeholder}", "text_muted"

    def preferred_size(self, ui: Ui, max_width: int) -> tuple[int, int]:
        px, py = self._padding(ui)
        inner = max(1, max_width - 2 * px)
        size = ui.theme.font_size("button")
        h = max(ui.text.measure(self._shown(f)[0], size, inner).height for f in (True, False))
        return (max_width, max(Button.MIN_HEIGHT, h + 2 * py))

    def draw(self, surface: pygame.Surface, ui: Ui, focused: bool = False, hovered: bool = False) -> None:
        t, c = ui.theme, ui.theme.colours
        radius = t.radii.small
        pygame.draw.rect(surface, c.background, self.rect, border_radius=radius)
        pygame.draw.rect(surface, c.accent, self.rect, width=t.border_width, border_radius=radius)
        px, py = self._padding(ui)
        text, colour = self._shown(focused)
        image = ui.text.render(text, t.font_size("button"), getattr(c, colour), max(1, self.rect.width - 2 * px))
        surface.blit(image, (self.rect.x + px, self.rect.y + py))
        if focused:
            grow = 2 * (t.focus_gap + t.focus_width)
            pygame.draw.rect(surface, c.focus_ring, self.rect.inflate(grow, grow), width=t.focus_width,
                             border_radius=radius + t.focus_gap + t.focus_width)

    def overflows(self, ui: Ui) -> bool:
        return self.rect.height < self.preferred_size(ui, self.rect.width)[1]

    def type_key(self, event: pygame.event.Event) -> bool:
        """Edit for a key press; True when the key was used (a letter, Backspace, Delete)."""
        if event.key == pygame.K_BACKSPACE:
            if event.mod & pygame.KMOD_CTRL:
                self.value = self.value.rstrip().rpartition(" ")[0]
            else:
                self.value = self.value[:-1]
            return True
        if event.key == pygame.K_DELETE:
            self.value = ""
            return True
        char = getattr(event, "unicode", "") or ""
        if len(char) == 1 and char.isprintable() and not event.mod & CTRL:
            if len(self.value) < self.max_length:
                self.value += char
            return True
        return False

    def commit(self) -> None:
        """Hand the text over when it changed since it was last handed over."""
        value = " ".join(self.value.split())
        self.value = value
        if value != self.saved:
            self.saved = value
            self.on_commit(value)

    def activate(self) -> Action | None:
        self.commit()
        return None


class ValueButton(Button):
    """A setting shown as 'Name: value'. Enter or a click moves to the next value; Left and Right
    (handled by the screen through ``step``) move either way."""

    def __init__(self, label: str, on_step: Callable[[int], None]) -> None:
        super().__init__(label, lambda: on_step(1))
        self.on_step = on_step
        self.align = "left"

    def step(self, direction: int) -> None:
        self.on_step(direction)
