"""Settings (from the title and the pause menu): every option a pupil or teacher can change,
keyboard first, each change shown at once.

    Up / Down (or Tab)   choose a setting (the list scrolls to keep it in view)
    Left / Right         change it (Enter changes it too: the next value, round again)
    Esc                  back to where the pupil was

Every change applies at once through ``ui.apply`` (the screen itself is drawn again in the new
size, font, spacing and colours: that is the preview) and is saved at once with
game.settings.save_settings: there is no "Apply" and no "are you sure?".

The options are data (`OPTIONS`): a setting's name, the values it steps through and how each is
said. A row is a Button whose label is "Name: value", so read-aloud and the clipboard say it too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import pygame

from game.settings import Settings, save_settings
from game.ui.screen import MODIFIER_KEYS, Action, Pop, Push, break_button, help_button
from game.ui.scroll_area import ScrollArea, ScrollingScreen
from game.ui.widgets import Button, ButtonRow, Label, Ui, Widget

HINT = "Up and Down choose a setting. Left and Right change it. Changes are kept at once."
SAMPLE = "Mia: Did you see my drawing? Jay says it is the best one yet."


def _percent(value: float) -> str:
    return f"{round(value * 100)}%"


def _on_off(value: bool) -> str:
    return "On" if value else "Off"


@dataclass(frozen=True)
class Option:
    """One row: the Settings field, what the row is called, the values in order, and how to say one."""

    field: str
    name: str
    values: Sequence[Any]
    say: Callable[[Any], str]

    def label(self, settings: Settings) -> str:
        return f"{self.name}: {self.say(getattr(settings, self.field))}"

    def step(self, settings: Settings, direction: int, wrap: bool = False) -> Settings:
        """``settings`` with this option moved one value on (or back); stops at the ends unless ``wrap``."""
        now = getattr(settings, self.field)
        if isinstance(now, bool) or not isinstance(now, (int, float)):
            index = list(self.values).index(now) if now in self.values else 0
        else:  # the nearest step: a hand-edited file may hold a value between them
            index = min(range(len(self.values)), key=lambda i: abs(self.values[i] - now))
        index += direction
        index = index % len(self.values) if wrap else max(0, min(len(self.values) - 1, index))
        return replace(settings, **{self.field: self.values[index]})


FONT_NAMES = {"atkinson": "Atkinson Hyperlegible", "opendyslexic": "OpenDyslexic", "lexend": "Lexend"}
THEME_NAMES = {"light": "Light", "dark": "Dark", "contrast": "High contrast"}
SPEEDS = {0.0: "Instant", 80.0: "Fast", 40.0: "Normal", 20.0: "Slow"}
VOLUMES = tuple(v / 10 for v in range(11))
RATES = {0.5: "Very slow", 0.75: "Slow", 1.0: "Normal", 1.25: "A little faster", 1.5: "Fast", 1.75: "Faster",
         2.0: "Very fast"}

# Groups of rows, in the order they are shown.
GROUPS: list[tuple[str, list[Option]]] = [
    ("Reading", [
        Option("text_scale", "Text size", (1.0, 1.25, 1.5, 1.75, 2.0), _percent),
        Option("font", "Font", tuple(FONT_NAMES), FONT_NAMES.__getitem__),
        Option("line_spacing", "Line spacing", (1.0, 1.25, 1.5, 1.75, 2.0), lambda v: f"{v:g} lines"),
        Option("theme", "Colours", tuple(THEME_NAMES), THEME_NAMES.__getitem__),
        Option("text_speed", "Text speed", tuple(SPEEDS), lambda v: SPEEDS.get(v, f"{v:g} letters a second")),
        Option("auto_advance", "Move on by itself", (False, True), _on_off),
        Option("reduced_motion", "Reduced motion", (False, True), _on_off),
    ]),
    ("Sound", [
        Option("mute", "Sound", (True, False), lambda v: "Off (muted)" if v else "On"),
        Option("master_volume", "Volume", VOLUMES, _percent),
        Option("music_volume", "Background sounds", VOLUMES, _percent),
        Option("effects_volume", "Button and message sounds", VOLUMES, _percent),
        Option("captions", "Captions for sounds", (False, True), _on_off),
    ]),
    ("Read aloud", [
        Option("read_aloud", "Read aloud", (False, True), _on_off),
        Option("speech_rate", "Reading speed", tuple(RATES), lambda v: RATES.get(v, f"{v:g} times")),
    ]),
]
OPTIONS: list[Option] = [option for _, options in GROUPS for option in options]


class OptionButton(Button):
    """A settings row: Enter steps it round; Left and Right are handled by the screen."""

    def __init__(self, option: Option, screen: SettingsScreen) -> None:
        super().__init__("", lambda: screen.change(option, 1, wrap=True))
        self.option = option
        self.align = "left"


class SettingsScreen(ScrollingScreen):
    def __init__(self, settings: Settings | None = None) -> None:
        super().__init__()
        self.settings = settings

    def compose(self) -> None:
        assert self.ui is not None
        if self.settings is None:
            self.settings = self.ui.settings
        self.heading = Label("Settings", role="heading")
        self.hint = Label(HINT, role="body", colour="text_muted")
        self.sample = Label(SAMPLE, role="body")
        self.rows = {option.field: OptionButton(option, self) for option in OPTIONS}
        self.group_labels = [Label(name, role="subheading") for name, _ in GROUPS]
        self.notes = {"Sound": Label("", role="small", colour="text_muted"),
                      "Read aloud": Label("", role="small", colour="text_muted")}
        self.controls = Button("Controls: every key", self.open_controls)
        self.about = Button("About and privacy", self.open_about)
        self.back = Button("Back (Esc)", lambda: Pop(), hotkey="escape", variant="primary")
        self.top_row = ButtonRow([help_button(), break_button()], gap="m")
        # The list, top to bottom: what scrolls.
        self.items: list[Widget] = [self.hint, self.sample]
        for (name, options), heading in zip(GROUPS, self.group_labels, strict=True):
            self.items.append(heading)
            self.items.extend(self.rows[o.field] for o in options)
            if name in self.notes:
                self.items.append(self.notes[name])
        self.items += [self.controls, self.about, self.back]
        # A group's note (why sound or speech cannot work here) is shown with any of its rows.
        self.note_of = {self.rows[o.field]: self.notes[name] for name, options in GROUPS if name in self.notes
                        for o in options}
        self.area = ScrollArea(self.items, self.gap_before)
        buttons = [w for w in self.items if isinstance(w, Button)]
        self.set_widgets([self.heading, *self.items, *self.top_row.buttons], [*buttons, *self.top_row.buttons])
        self.refresh_labels()

    def attach(self, ui: Ui) -> None:
        first = self.ui is None
        super().attach(ui)
        if not first and self.settings != ui.settings:  # changed elsewhere (Delete my data)
            self.settings = ui.settings
            self.refresh_labels()

    # Tests and the title's old API name two rows directly.
    @property
    def size_button(self) -> Button:
        return self.rows["text_scale"]

    @property
    def motion_button(self) -> Button:
        return self.rows["reduced_motion"]

    def refresh_labels(self) -> None:
        assert self.settings is not None and self.ui is not None
        for row in self.rows.values():
            row.label = row.option.label(self.settings)
        self.notes["Sound"].text = self.service_note("sound")
        self.notes["Read aloud"].text = self.service_note("speech")

    def service_note(self, name: str) -> str:
        """A sentence from the sound or speech service when it cannot work here ("" when it can)."""
        assert self.ui is not None
        service = self.ui.services.get(name)
        if service is None:
            return ""
        try:
            return str(service.status())
        except Exception:  # a broken service must not break Settings
            return ""

    # -- changes ------------------------------------------------------------------------------
    def change(self, option: Option, direction: int, wrap: bool = False) -> None:
        assert self.settings is not None
        self.apply(option.step(self.settings, direction, wrap))

    def apply(self, settings: Settings) -> None:
        """Use ``settings`` now (every screen lays out again when next shown) and save them."""
        assert self.ui is not None
        if settings == self.settings:
            return
        self.settings = settings
        save_settings(settings, classroom=self.ui.defaults.to_dict())  # only what differs from the classroom's
        self.ui.apply(settings)
        self.refresh_labels()
        self.relayout()
        self.dirty = True

    def open_about(self) -> Action:
        from game.ui.screens.about import AboutScreen

        return Push(AboutScreen())

    def open_controls(self) -> Action:
        from game.ui.screens.controls import ControlsScreen

        return Push(ControlsScreen())

    # -- input ---------------------------------------------------------------------------------
    def handle_key(self, event: pygame.event.Event) -> Action | None:
        key = event.key
        if key in MODIFIER_KEYS:
            return None
        focused = self.focus.focused
        if key in (pygame.K_LEFT, pygame.K_RIGHT) and isinstance(focused, OptionButton):
            self.change(focused.option, 1 if key == pygame.K_RIGHT else -1)
            assert self.ui is not None
            self.ui.emit("focus", focused.label)  # say the new value
            return None
        if key in (pygame.K_UP, pygame.K_DOWN):  # (the list scrolls after any key: ScrollingScreen)
            self.dirty = True
            self.focus.move(1 if key == pygame.K_DOWN else -1)
            return None
        return super().handle_key(event)

    # -- scrolling -----------------------------------------------------------------------------
    @property
    def viewport(self) -> pygame.Rect:
        return self.area.viewport

    @property
    def offset(self) -> int:
        return self.area.offset

    def content_height(self) -> int:
        return self.area.content_height

    def scroll_to_focus(self) -> None:
        super().scroll_to_focus()
        note = self.note_of.get(self.focus.focused)
        if note is not None and note.text and self.ui is not None:  # the note in sight too, the row first
            self.dirty |= self.area.scroll_into_view(self.ui, note)
            self.dirty |= self.area.scroll_into_view(self.ui, self.focus.focused, pad=self.ui.theme.spacing.m)

    # -- layout --------------------------------------------------------------------------------
    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        self.layout_area(self.place_top_bar(self.heading, self.top_row))

    def gap_before(self, widget: Widget) -> int:
        assert self.ui is not None
        sp = self.ui.theme.spacing
        if widget in self.group_labels or widget is self.controls:
            return sp.xl
        return sp.m if isinstance(widget, Button) or widget is self.sample else sp.s
