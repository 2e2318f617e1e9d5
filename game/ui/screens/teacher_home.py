"""For teachers: the way into the catalogue and the classroom settings.

Reached with T on the title screen, which shows pupils no button for it. It holds no secrets
(everything here is in the stories and in the classroom file), so it asks for no password.
"""

from __future__ import annotations

import pygame

from game.ui.screen import Action, Push
from game.ui.screens.teacher_page import TeacherPage
from game.ui.widgets import Button, Paragraph, ScrollText, Ui

TEACHER_KEY = pygame.K_t
_MODIFIERS = pygame.KMOD_CTRL | pygame.KMOD_ALT | pygame.KMOD_GUI


def teacher_key(event: pygame.event.Event) -> Action | None:
    """T on the title: open the teacher area (the title's only hook)."""
    if event.key == TEACHER_KEY and not event.mod & _MODIFIERS:
        return Push(TeacherScreen())
    return None


def home_paragraphs() -> list[Paragraph]:
    from game.classroom import current

    state = current()
    return [
        Paragraph("This area is for teachers. Pupils are not shown the way in."),
        Paragraph("Catalogue", "subheading", space_before="l"),
        Paragraph("Every story with its age band, length, themes, warning signs, content notes and learning "
                  "objectives. Filter and sort them, read a story right through with its teacher notes, or play "
                  "it from any scene.", space_before="xs"),
        Paragraph("Classroom settings", "subheading", space_before="l"),
        Paragraph("Which stories pupils see, your school's safeguarding lead or pastoral contact (shown on every "
                  "help screen), discussion pauses, and the settings every pupil starts with.", space_before="xs"),
        Paragraph(state.status(), "body", "text_muted", space_before="l"),
        Paragraph(f"The classroom file: {state.path}", "small", "text_muted", space_before="xs"),
    ]


class TeacherScreen(TeacherPage):
    heading_text = "For teachers"

    def body(self) -> ScrollText:
        return ScrollText(home_paragraphs())

    def actions(self) -> list[Button]:
        # Numbers, not letters: C (copy the screen's words), H and B work on every screen.
        self.catalogue = Button("Catalogue (1)", self.open_catalogue, hotkey="1", variant="primary")
        self.classroom = Button("Classroom settings (2)", self.open_classroom, hotkey="2")
        return [self.catalogue, self.classroom]

    def attach(self, ui: Ui) -> None:
        """Shown again after the classroom settings: the file's state may have changed."""
        first = self.ui is None
        super().attach(ui)
        if not first:
            paragraphs = home_paragraphs()
            if paragraphs != self.text.paragraphs:
                self.text.paragraphs = paragraphs
                self.relayout()

    def open_catalogue(self) -> Action:
        from game.ui.screens.teacher_catalogue import CatalogueScreen

        return Push(CatalogueScreen())

    def open_classroom(self) -> Action:
        from game.ui.screens.teacher_classroom import ClassroomScreen

        return Push(ClassroomScreen())
