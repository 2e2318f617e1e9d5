"""The debrief at the end of every route (and after leaving early).

It names the ending, says plainly that it was not the young person's fault and who is
responsible, goes through the signs on this route (the ones spotted and the ones missed, kindly),
what a friend or trusted adult can do, and where to get help: all in one ScrollText, so nothing
clips at large text. Then: Play again, Choose another story, Title.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from game.classroom_path import contact_in_use
from game.saves import SaveStore
from game.story.debrief import Debrief
from game.story.story import Story
from game.ui.screen import MODIFIER_KEYS, Action, PopToRoot, Replace, Screen, break_button, help_button
from game.ui.screens.help import routes_paragraphs
from game.ui.widgets import Button, ButtonRow, Label, Paragraph, ScrollText

if TYPE_CHECKING:
    from game.classroom import Contact

LEFT_EARLY = "You left the story early. That's fine: you can stop at any time."


def target_name(story: Story) -> str:
    targets = story.characters_with("target")
    return targets[0].name if len(targets) == 1 else "the young person"


def debrief_paragraphs(story: Story, debrief: Debrief, contact: Contact | None = None) -> list[Paragraph]:
    """``contact``: the school's own contact from the classroom file, shown with the help routes."""
    # "Not their fault" comes first, so it is on screen without scrolling at any size and text
    # scale; the ending's own lines follow it.
    out: list[Paragraph] = []
    if debrief.left_early:
        out.append(Paragraph(LEFT_EARLY, "body"))
    name = target_name(story)
    out.append(Paragraph(f"It was not {name}'s fault", "subheading",
                         space_before="xl" if debrief.left_early else "s"))
    out.append(Paragraph(debrief.not_fault, "body", space_before="xs"))
    out.append(Paragraph(debrief.responsible, "body", space_before="s"))
    ending = story.endings.get(debrief.ending_id or "")
    if ending is not None:
        out.append(Paragraph("How it ended", "subheading", space_before="xl"))
        for line in ending.lines:
            speaker = story.speaker_name(line.speaker)
            out.append(Paragraph(f"{speaker}: {line.text}" if speaker else line.text, "body",
                                 "text" if speaker else "text_muted", space_before="xs"))
    out.append(Paragraph("The warning signs on this route", "subheading", space_before="xl"))
    out.append(Paragraph(debrief.spotted_summary, "body", space_before="xs"))
    for sign in debrief.signs:
        mark = "you spotted this" if sign.spotted else "easy to miss"
        out.append(Paragraph(f"{sign.name} ({mark})", "body", space_before="m"))
        out.append(Paragraph(sign.explanation, "body", "text_muted", space_before="xs"))
    out.append(Paragraph("What a friend or trusted adult can do", "subheading", space_before="xl"))
    out.extend(Paragraph(f"- {item}", "body", space_before="xs") for item in debrief.friend_can_do)
    out.append(Paragraph("Where to get help", "subheading", space_before="xl"))
    out.extend(routes_paragraphs(debrief.help, debrief.school_contact, contact, first=True))
    return out


class DebriefScreen(Screen):
    place = ""  # no background sound here

    def __init__(self, story: Story, debrief: Debrief, store: SaveStore | None = None,
                 again: Callable[[], Screen] | None = None) -> None:
        """``again`` makes the screen "Play again" opens (presenter mode plays again in presenter mode)."""
        super().__init__()
        self.story, self.debrief, self.store, self.again_screen = story, debrief, store, again

    def compose(self) -> None:
        title = self.debrief.ending_title if not self.debrief.left_early else self.story.title
        self.heading = Label(title or self.story.title, role="heading")
        self.text = ScrollText(debrief_paragraphs(self.story, self.debrief, contact_in_use()))
        self.again = Button("Play again", self.play_again, variant="primary")
        self.another = Button("Choose another story", self.choose_another)
        self.title = Button("Title", lambda: PopToRoot())
        self.bottom = ButtonRow([self.again, self.another, self.title], gap="m")
        self.top_row = ButtonRow([help_button(), break_button()], gap="m")
        self.scroll = self.text
        self.set_widgets([self.heading, self.text, *self.bottom.buttons, *self.top_row.buttons],
                         [*self.bottom.buttons, *self.top_row.buttons])

    def choose_another(self) -> Action:
        from game.ui.app import OnTitle
        from game.ui.screens.picker import PickerScreen

        return OnTitle(PickerScreen())

    def play_again(self) -> Action:
        if self.again_screen is not None:
            return Replace(self.again_screen())
        from game.ui.screens.picker import classroom_play

        return Replace(classroom_play(self.story, None, self.store))

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
        self.text.rect = pygame.Rect(x, top, text_w, max(0, size[1] - m - row_h - sp.l - top))

    def draw_decor(self, surface: pygame.Surface) -> None:
        assert self.ui is not None
        c, sp = self.ui.theme.colours, self.ui.theme.spacing
        y = self.text.rect.bottom + sp.l // 2
        pygame.draw.line(surface, c.surface, (self.text.rect.x, y), (self.text.rect.right, y), 2)

    def handle_key(self, event: pygame.event.Event) -> Action | None:
        if event.key in MODIFIER_KEYS:
            return None
        return super().handle_key(event)
