"""The title screen: the game's name and only the buttons that work today.

Start leads to the content note and How to play (each once a session), then the story picker.
Continue is shown only while there is an autosave; it resumes that story, or, if the save cannot
be used, says so in one plain sentence here and leaves Start to begin again.

The title is the bottom of the stack for the whole session, so it remembers what this session
has already shown (``Session``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from game.ui.screen import Action, Push, Quit, Screen, break_button, help_button
from game.ui.widgets import Button, ButtonColumn, ButtonRow, Label, Ui

if TYPE_CHECKING:
    from game.saves import Problem

TITLE = "Spot the Signs"
TAGLINE = "Calm stories about noticing when something is not right, and where to find help."


def resume_autosave() -> Screen | Problem | None:
    """The autosaved story as a PlayScreen at the saved place (the title's and the crash screen's
    Continue); a Problem when the save could not be used (it was moved aside), None when there is none."""
    from game.paths import scenes_dir
    from game.saves import Resumed, SaveStore, library_lookup
    from game.story.library import Library
    from game.ui.screens.play import PlayScreen

    store = SaveStore()
    result = store.read(library_lookup(Library(scenes_dir())))
    if not isinstance(result, Resumed):
        return result
    pt = result.playthrough
    revealed = result.extra.get("revealed")  # how far into the scene the pupil had read
    revealed = revealed if isinstance(revealed, int) and not isinstance(revealed, bool) else None
    return PlayScreen(pt.story, playthrough=pt, store=store, revealed=revealed)


@dataclass
class Session:
    """What this run of the game has already shown the pupil."""

    content_note_seen: bool = False
    how_to_seen: bool = False


class TitleScreen(Screen):
    def __init__(self) -> None:
        super().__init__()
        self.session = Session()
        self.has_save = False

    def compose(self) -> None:
        self.title = Label(TITLE, role="title", align="center")
        self.tagline = Label(TAGLINE, role="body", colour="text_muted", align="center")
        self.notice = Label("", role="body", align="center")
        self.start = Button("Start", self.start_game, variant="primary")
        self.cont = Button("Continue", self.continue_game)
        self.settings = Button("Settings", self.open_settings)
        self.help = help_button()
        self.rest = break_button()
        self.quit = Button("Quit", self.quit_game)
        self.has_save = self.save_exists()
        self.arrange()

    def arrange(self) -> None:
        """The widgets for whether there is a save and a notice; focus stays where it was."""
        focused = self.focus.focused
        self.buttons = [self.start, *([self.cont] if self.has_save else []), self.settings, self.help, self.rest,
                        self.quit]
        notice = [self.notice] if self.notice.text else []
        self.set_widgets([self.title, self.tagline, *notice, *self.buttons])
        if focused is not None:
            self.focus.focus(focused)

    def attach(self, ui: Ui) -> None:
        """Shown again (after a story, say): the autosave may have come or gone."""
        super().attach(ui)
        has_save = self.save_exists()
        if has_save != self.has_save:
            self.has_save = has_save
            self.arrange()
            self.size = (0, 0)  # the app lays out again when the size differs

    @staticmethod
    def save_exists() -> bool:
        from game.saves import autosave_exists

        return autosave_exists()

    # -- actions -----------------------------------------------------------------------------
    def start_game(self) -> Action:
        from game.ui.screens.content_note import ContentNoteScreen

        if self.session.content_note_seen:
            return Push(self.after_content_note())
        return Push(ContentNoteScreen(then=self.after_content_note))

    def after_content_note(self) -> Screen:
        from game.ui.screens.howto import HowToScreen
        from game.ui.screens.picker import PickerScreen

        self.session.content_note_seen = True
        if self.session.how_to_seen:
            return PickerScreen()
        return HowToScreen(then=self.after_how_to)

    def after_how_to(self) -> Screen:
        from game.ui.screens.picker import PickerScreen

        self.session.how_to_seen = True
        return PickerScreen()

    def continue_game(self) -> Action | None:
        result = resume_autosave()
        if isinstance(result, Screen):
            play = result

            def resume() -> Screen:
                self.session.content_note_seen = True
                return play

            if self.session.content_note_seen:
                return Push(resume())
            from game.ui.screens.content_note import ContentNoteScreen

            return Push(ContentNoteScreen(then=resume))
        # Nothing to resume (the unusable save was moved aside): say so, and Start begins again.
        from game.saves import Problem

        self.notice.text = result.message if isinstance(result, Problem) else ""
        self.has_save = self.save_exists()
        self.arrange()
        self.focus.focus(self.start)
        if self.ui is not None and self.size != (0, 0):
            self.layout(self.size)
        return None

    def open_settings(self) -> Action:
        from game.ui.screens.settings import SettingsScreen

        return Push(SettingsScreen())

    def quit_game(self) -> Action:
        return Quit()

    # -- layout ------------------------------------------------------------------------------
    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        assert self.ui is not None
        ui, m, sp = self.ui, self.margin(), self.ui.theme.spacing
        width, height = size[0] - 2 * m, size[1] - 2 * m
        text_w = min(width, 900)
        self.title.size_override = None
        has_notice = bool(self.notice.text)
        # Tallest first: buttons in a column; then in a row; then a smaller title (large text).
        for attempt in range(8):
            group = ButtonColumn(self.buttons) if attempt == 0 else ButtonRow(self.buttons)
            title_h = self.title.preferred_size(ui, width)[1]
            tag_h = self.tagline.preferred_size(ui, text_w)[1]
            notice_h = self.notice.preferred_size(ui, text_w)[1] + sp.l if has_notice else 0
            group_h = group.measure(ui, width)[1]
            total = title_h + sp.l + tag_h + sp.xl + notice_h + group_h
            if total <= height:
                break
            if attempt >= 1:
                self.title.size_override = round(self.title.font_size(ui) * 0.85)
        top = m + max(0, (height - total) // 2)
        self.title.rect = pygame.Rect(m, top, width, title_h)
        self.tagline.rect = pygame.Rect(size[0] // 2 - text_w // 2, self.title.rect.bottom + sp.l, text_w, tag_h)
        y = self.tagline.rect.bottom + sp.xl
        if has_notice:
            self.notice.rect = pygame.Rect(size[0] // 2 - text_w // 2, y, text_w, notice_h - sp.l)
            y += notice_h
        group.place(ui, pygame.Rect(m, y, width, group_h), align="center")
        self.rule_y = self.title.rect.bottom + sp.l // 2

    def draw_decor(self, surface: pygame.Surface) -> None:
        assert self.ui is not None
        c = self.ui.theme.colours
        # A soft lamp glow behind the name, and a short terracotta rule under it.
        name_w = min(self.title.rect.width, self.title.preferred_size(self.ui, self.title.rect.width)[0])
        sp = self.ui.theme.spacing
        glow = pygame.Rect(0, 0, name_w + 2 * sp.xxl, self.title.rect.height + sp.xl)
        glow.center = self.title.rect.center
        pygame.draw.ellipse(surface, c.help, glow)
        x = self.size[0] // 2
        pygame.draw.line(surface, c.decor, (x - 60, self.rule_y), (x + 60, self.rule_y), 3)
