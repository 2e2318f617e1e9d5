"""The title screen: the game's name and only the buttons that work today.

It looks like a game's front page: a soft, washed picture across the top (a different place for
the dark theme) fading into the page, and a card holding the mark (art/icon.svg) beside the name
and the tagline, so no text ever sits on the picture. On a small window with large text the
buttons go into a row, then the name gets smaller, and the tagline gives way last.

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

from game.ui.icon import icon_image
from game.ui.pictures import background_image
from game.ui.screen import Action, Push, Quit, Screen, break_button, help_button
from game.ui.theme import Colour, Rgba
from game.ui.widgets import Button, ButtonColumn, ButtonRow, Label, Ui

if TYPE_CHECKING:
    from game.saves import Problem

TITLE = "Spot the Signs"
TAGLINE = "Calm stories about noticing when something is not right, and where to find help."
TITLE_ART = {"light": "park", "dark": "street-dusk", "contrast": "park"}  # the picture behind the name
ICON_TO_TITLE = 1.15  # the mark beside the name, as a share of the name's font size
CARD_MAX_WIDTH = 1200  # the card holding the name and the tagline, at its widest
BAND_SHRINK = 3  # the band's picture is drawn at a third of the window's size
BAND_BLUR = 2  # pixels: the picture is softened, never sharp behind the name
_BANDS: dict[tuple, pygame.Surface] = {}


def resume_autosave() -> Screen | Problem | None:
    """The autosaved story as a PlayScreen at the saved place (the title's and the crash screen's
    Continue); a Problem when the save could not be used (it was moved aside), None when there is none."""
    from game.paths import scenes_dir
    from game.saves import Resumed, SaveStore, library_lookup
    from game.story.library import Library
    from game.ui.screens.picker import classroom_play

    store = SaveStore()
    result = store.read(library_lookup(Library(scenes_dir())))
    if not isinstance(result, Resumed):
        return result
    pt = result.playthrough
    revealed = result.extra.get("revealed")  # how far into the scene the pupil had read
    revealed = revealed if isinstance(revealed, int) and not isinstance(revealed, bool) else None
    screen = classroom_play(pt.story, pt, store, revealed)  # with the classroom's discussion pauses
    screen.resumed = True  # should the window fail before the next choice, the save is moved aside
    return screen


@dataclass
class Session:
    """What this run of the game has already shown the pupil."""

    content_note_seen: bool = False
    how_to_seen: bool = False


class TitleScreen(Screen):
    place = ""  # no background sound here

    def __init__(self, notice: str = "") -> None:
        """``notice``: a sentence to show under the name (the settings could not be read, say)."""
        super().__init__()
        self.first_notice = notice
        self.session = Session()
        self.has_save = False
        self.show_tagline = True  # False only when the window is too small for it and every button

    def compose(self) -> None:
        self.title = Label(TITLE, role="title", align="center")
        self.tagline = Label(TAGLINE, role="body", colour="text_muted", align="center")
        self.notice = Label(self.first_notice, role="body", align="center")
        self.start = Button("Start", self.start_game, variant="primary")
        self.cont = Button("Continue", self.continue_game)
        self.settings = Button("Settings", self.open_settings)
        self.help = help_button()
        self.rest = break_button()
        self.quit = Button("Quit", self.quit_game)
        self.has_save = self.save_exists()
        self.arrange()
        if self.has_save:  # a story to carry on: Continue is what the pupil most likely wants
            self.focus.focus(self.cont)

    def arrange(self) -> None:
        """The widgets for whether there is a save and a notice; focus stays where it was."""
        focused = self.focus.focused
        self.buttons = [self.start, *([self.cont] if self.has_save else []), self.settings, self.help, self.rest,
                        self.quit]
        notice = [self.notice] if self.notice.text else []
        tagline = [self.tagline] if self.show_tagline else []
        self.set_widgets([self.title, *tagline, *notice, *self.buttons])
        if focused is not None:
            self.focus.focus(focused)

    def attach(self, ui: Ui) -> None:
        """Shown again (after a story, say): the autosave may have come or gone."""
        super().attach(ui)
        has_save = self.save_exists()
        if has_save != self.has_save:
            self.has_save = has_save
            self.arrange()
            if has_save:
                self.focus.focus(self.cont)
            self.relayout()

    @staticmethod
    def save_exists() -> bool:
        from game.saves import continuable

        return continuable()

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
        self.relayout()
        return None

    def open_settings(self) -> Action:
        from game.ui.screens.settings import SettingsScreen

        return Push(SettingsScreen())

    def quit_game(self) -> Action:
        return Quit()

    def on_other_key(self, event: pygame.event.Event) -> Action | None:
        from game.ui.screens.teacher_home import teacher_key  # T: the teacher area, not advertised to pupils

        return teacher_key(event)

    # -- layout ------------------------------------------------------------------------------
    def _head(self, ui: Ui, inner: int) -> tuple[int, int, int]:
        """(the mark's size, 0 when it does not fit beside the name on one line; the name's width
        and height)."""
        sp = ui.theme.spacing
        size = self.title.font_size(ui)
        name_w, name_h = self.title.preferred_size(ui, inner)
        icon = round(size * ICON_TO_TITLE)
        if name_h > ui.text.one_line(size, self.title.bold(ui)) + 1 or name_w + sp.l + icon > inner:
            icon = 0
        return icon, name_w, name_h

    def _plans(self) -> list[tuple[type[ButtonColumn] | type[ButtonRow], str, float]]:
        """Ways to fit, roomiest first: (button layout, its gap, the title's size as a share of its
        token). A column, closer together; then a row; then a smaller title (large text)."""
        return [(ButtonColumn, "l", 1.0), (ButtonColumn, "m", 1.0),
                *((ButtonRow, "m", 0.85 ** i) for i in range(7))]

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        assert self.ui is not None
        ui, m, sp = self.ui, self.margin(), self.ui.theme.spacing
        width, height = size[0] - 2 * m, size[1] - 2 * m
        pad = sp.l
        inner = min(width, CARD_MAX_WIDTH) - 2 * pad  # the card's text width
        text_w = min(width, 900)
        notice_h = self.notice.preferred_size(ui, text_w)[1] + sp.l if self.notice.text else 0
        # The tagline gives way last, and only to keep every button and a notice on the window.
        for show_tagline in (True, False):
            for kind, gap, share in self._plans():
                group = kind(self.buttons, gap=gap)
                self.title.size_override = None if share == 1.0 else round(ui.theme.font_size("title") * share)
                icon, name_w, name_h = self._head(ui, inner)
                head_h = max(name_h, icon)
                tag_w, tag_h = self.tagline.preferred_size(ui, inner) if show_tagline else (0, 0)
                card_h = pad + head_h + (sp.l + tag_h if show_tagline else 0) + pad
                below = sp.xl if kind is ButtonColumn else sp.l
                group_h = group.measure(ui, width)[1]
                total = card_h + below + notice_h + group_h
                if total <= height:
                    break
            if total <= height:
                break
        if show_tagline != self.show_tagline:
            self.show_tagline = show_tagline
            self.arrange()
        top = m + max(0, (height - total) // 2)
        head_w = name_w + (sp.l + icon if icon else 0)
        card_w = min(width, max(head_w, tag_w) + 2 * pad)
        self.card = pygame.Rect(size[0] // 2 - card_w // 2, top, card_w, card_h)
        head_x = self.card.centerx - head_w // 2
        self.icon_rect = pygame.Rect(head_x, top + pad + (head_h - icon) // 2, icon, icon)
        if icon:
            self.title.align = "left"
            self.title.rect = pygame.Rect(head_x + icon + sp.l, top + pad + (head_h - name_h) // 2, name_w, name_h)
        else:
            self.title.align = "center"
            self.title.rect = pygame.Rect(self.card.x + pad, top + pad, card_w - 2 * pad, name_h)
        self.tagline.rect = pygame.Rect(self.card.x + pad, top + pad + head_h + sp.l, card_w - 2 * pad, tag_h)
        self.rule = pygame.Rect(0, 0, 2 * sp.xxl if show_tagline else 0, sp.xs - 1)
        self.rule.center = (self.card.centerx, top + pad + head_h + sp.l // 2)
        y = self.card.bottom + below
        if notice_h:
            self.notice.rect = pygame.Rect(size[0] // 2 - text_w // 2, y, text_w, notice_h - sp.l)
            y += notice_h
        group.place(ui, pygame.Rect(m, y, width, group_h), align="center")

    # -- drawing -----------------------------------------------------------------------------
    def draw_decor(self, surface: pygame.Surface) -> None:
        """A soft picture across the top, fading into the page; the card that holds the name (text
        never sits on the picture), the mark beside the name and a short terracotta rule."""
        assert self.ui is not None
        t, c = self.ui.theme, self.ui.theme.colours
        band = title_band(TITLE_ART.get(t.name, TITLE_ART["light"]), self.size, self.card.bottom + t.spacing.l,
                          c.art_wash, c.background, t.spacing.xxl)
        if band is not None:
            surface.blit(band, (0, 0))
        pygame.draw.rect(surface, c.background, self.card, border_radius=t.radii.large)
        pygame.draw.rect(surface, c.surface, self.card, width=t.border_width, border_radius=t.radii.large)
        if self.icon_rect.width:
            surface.blit(icon_image(self.icon_rect.width), self.icon_rect)
        if self.rule.width:
            pygame.draw.rect(surface, c.decor, self.rule, border_radius=self.rule.height // 2)


def title_band(name: str, window: tuple[int, int], height: int, wash: Rgba, page: Colour,
               fade: int) -> pygame.Surface | None:
    """A ``height``-pixel strip of art/backgrounds/<name>.svg covering the ``window`` (the strip
    ending at the picture's middle, where the art keeps its calm detail), softened
    (a light blur and ``wash``) and fading into ``page`` over its last ``fade`` pixels; cached.
    None without the picture."""
    height = min(height, window[1])
    key = (name, window, height, wash, page, fade)
    found = _BANDS.get(key)
    if found is not None or window[0] <= 0 or height <= 0:
        return found
    # Drawn small and scaled up: it is blurred anyway, and a third of the size draws ~9x quicker.
    small = (max(1, window[0] // BAND_SHRINK), max(1, window[1] // BAND_SHRINK))
    picture = background_image(name, small, wash)
    if picture is None:
        return None
    small_h = max(1, min(small[1], -(-height // BAND_SHRINK)))
    top = max(0, small[1] // 2 - small_h)
    band = pygame.transform.smoothscale(picture.subsurface((0, top, small[0], small_h)), (window[0], height))
    band = pygame.transform.gaussian_blur(band, BAND_BLUR)
    fade = min(fade, height)
    row = pygame.Surface((window[0], 1), pygame.SRCALPHA)
    for i in range(fade):  # the page colour, more and more opaque towards the bottom edge
        row.fill((*page, round(255 * (i + 1) / fade)))
        band.blit(row, (0, height - fade + i))
    _BANDS.clear()  # one band is shown at a time
    _BANDS[key] = band
    return band
