"""Get help: every route from scenes/help.yaml, with the school's own contact from the classroom
file (game/classroom.py) when a school set one, in a ScrollText so it never clips at large text.

Up/Down/PageUp/PageDown/Home/End and the wheel scroll; Tab and Left/Right move between the
buttons; B goes to the break; any other key goes back to exactly where the pupil was.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

import pygame

from game.classroom_path import contact_in_use
from game.story.debrief import HelpEntry, help_entries
from game.story.model import HelpFile
from game.ui.screen import (
    ACTIVATE_KEYS,
    MODIFIER_KEYS,
    Action,
    Pop,
    Replace,
    Screen,
)
from game.ui.widgets import Button, ButtonRow, Label, Paragraph, ScrollText

if TYPE_CHECKING:
    from game.classroom import Contact

NAV_KEYS = frozenset({pygame.K_TAB, pygame.K_LEFT, pygame.K_RIGHT}) | ACTIVATE_KEYS


@lru_cache(maxsize=1)
def load_help() -> HelpFile | None:
    """help.yaml from the scenes folder, read once per run."""
    from game.paths import scenes_dir
    from game.story.load import load_shared

    shared, _problems = load_shared(scenes_dir())
    return shared.help


def entry_paragraphs(entries: Sequence[HelpEntry], first: bool = False) -> list[Paragraph]:
    """Places to get help as the engine words them (game/story/debrief.py: help_entries): a name,
    how to reach it, and a quieter note."""
    out: list[Paragraph] = []
    for i, entry in enumerate(entries):
        out.append(Paragraph(entry.name, "subheading", space_before="s" if first and not i else "l"))
        if entry.ways:
            out.append(Paragraph(entry.ways, "body", space_before="xs"))
        if entry.detail:
            out.append(Paragraph(entry.detail, "body", "text_muted", space_before="xs"))
    return out


def first_words(help_file: HelpFile | None) -> str:
    """What the help page says first, so a short window with large text still shows a number to
    call: "You can talk to someone at any time. Call Childline free on 0800 1111." (the first route
    in help.yaml with a phone number, or Childline when help.yaml cannot be read)."""
    routes = help_file.routes if help_file else ()
    route = next((r for r in routes if r.phone), None)
    name, phone = (route.name, route.phone) if route else ("Childline", "0800 1111")
    return f"You can talk to someone at any time. Call {name} on {phone}."


def help_paragraphs(help_file: HelpFile | None, contact: Contact | None = None) -> list[Paragraph]:
    entries = help_entries(help_file.routes if help_file else None, help_file.school_contact if help_file else None,
                           contact.lines() if contact is not None else None)
    out = [Paragraph(first_words(help_file), "subheading"),
           Paragraph("These people are all there to help.", "body", space_before="s")]
    out.extend(entry_paragraphs(entries))
    if help_file is not None:
        out.append(Paragraph("What a friend can do", "subheading", space_before="xl"))
        out.extend(Paragraph(f"- {line}", "body", space_before="xs") for line in help_file.friend_can_do)
    return out


class HelpScreen(Screen):
    global_keys = False  # it handles H and B itself: any key goes back

    def __init__(self, help_file: HelpFile | None = None) -> None:
        super().__init__()
        self.help_file = help_file

    def compose(self) -> None:
        self.heading = Label("Get help", role="heading")
        self.text = ScrollText(help_paragraphs(self.help_file or load_help(), contact_in_use()))
        self.back = Button("Back (Esc)", self.go_back, hotkey="escape", variant="primary")
        self.rest = Button("Take a break (B)", self.take_break, hotkey="b")
        self.howto = Button("How to play (P)", self.how_to_play, hotkey="p")
        self.hint = Label("Up and Down scroll. Any other key takes you back.", role="small", colour="text_muted")
        self.buttons = ButtonRow([self.back, self.rest, self.howto])
        self.scroll = self.text
        self.set_widgets([self.heading, self.text, self.hint, self.back, self.rest, self.howto])

    def go_back(self) -> Action:
        return Pop()

    def take_break(self) -> Action:
        from game.ui.screens.rest import RestScreen

        return Replace(RestScreen())

    def how_to_play(self) -> Action:
        """How to play again, in place of this page: closing it returns to where the pupil was."""
        from game.ui.screens.howto import HowToScreen

        return Replace(HowToScreen())

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        assert self.ui is not None
        ui, m, sp = self.ui, self.margin(), self.ui.theme.spacing
        top = self.place_top_bar(self.heading, self.buttons)
        width = size[0] - 2 * m
        hint_h = self.hint.preferred_size(ui, width)[1]
        self.hint.rect = pygame.Rect(m, size[1] - m - hint_h, width, hint_h)
        text_w = min(width, 1100)
        self.text.rect = pygame.Rect(m, top, text_w, max(0, self.hint.rect.top - sp.m - top))

    def handle_key(self, event: pygame.event.Event) -> Action | None:
        assert self.ui is not None
        key = event.key
        if key in MODIFIER_KEYS:
            return None
        if key in NAV_KEYS or key in self.text.SCROLL_KEYS:
            return super().handle_key(event)
        if key == pygame.K_b:
            return self.take_break()
        if key == pygame.K_p:
            return self.how_to_play()
        return Pop()
