"""Classroom settings: the classroom file (game/classroom.py), edited with the keyboard.

    Up / Down (or Tab)   choose a row
    Enter                change it (show or hide a story, the next value, on/off)
    Left / Right         change a value either way
    typing               in the contact's fields: the name, role and where to find them

Every change is saved at once (atomically) and read back, so the mistakes shown are the ones in
the file. A file with mistakes (say from editing it by hand) is shown with each one located by
line and column; the first change saved from here keeps the old file beside it as
classroom.yaml.bak, so nothing typed by hand is lost.

The contact is typed here rather than only in the file: a teacher expects to set the school's
safeguarding lead where the other settings are, and may not know where the config folder is.
"""

from __future__ import annotations

import pygame
from pydantic import ValidationError

from game.classroom import Classroom, ClassroomFile, Contact, known_story_ids, read_classroom, save_change, with_story
from game.settings import Settings, layered_defaults, load_settings
from game.story.diagnostics import Diagnostic
from game.story.story import Story
from game.ui.screen import MODIFIER_KEYS, Action, Pop, break_button, help_button
from game.ui.screens.card_list import CardListScreen, CardPart, TextCard
from game.ui.screens.picker import load_stories
from game.ui.screens.settings import OPTIONS, Option
from game.ui.screens.teacher_widgets import TextField, ValueButton
from game.ui.widgets import Button, ButtonRow, Label, Widget

# The defaults a classroom sets here: the Settings screen's own rows (their values and words).
CLASSROOM_SETTINGS = ("text_scale", "font", "theme", "line_spacing", "reduced_motion", "read_aloud", "captions")
SETTING_ROWS: dict[str, Option] = {o.field: o for f in CLASSROOM_SETTINGS for o in OPTIONS if o.field == f}
CONTACT_FIELDS = (("name", "Name", 60, "e.g. Mrs Patel"),
                  ("role", "Role", 60, "e.g. designated safeguarding lead"),
                  ("where", "Where to find them", 120, "e.g. Room 12, or ask at the school office"))


def where_in_file(d: Diagnostic) -> str:
    if d.line is None:
        return ""
    return f"Line {d.line}" + (f", column {d.col}" if d.col is not None else "") + ": "


def problem_parts(state: ClassroomFile) -> list[CardPart]:
    """The file's mistakes, each where it is (line and column) with its hint."""
    errors = any(d.severity == "error" for d in state.diagnostics)
    parts = [CardPart("Mistakes in the classroom file" if errors else "Warnings in the classroom file",
                      "subheading", "text", "s"),
             CardPart(str(state.path), "small", "text_muted", "xs")]
    for d in sorted(state.diagnostics, key=lambda d: (d.line or 0, d.col or 0)):
        parts.append(CardPart(f"{where_in_file(d)}{d.message}", "body", "text", "s"))
        if d.hint:
            parts.append(CardPart(f"Hint: {d.hint}", "small", "text_muted", "xs"))
    if errors:
        parts.append(CardPart(f"Changing anything here saves a corrected file and keeps this one as "
                              f"{state.path.name}.bak.", "small", "text", "m"))
    return parts


def section(text: str) -> Label:
    return Label(text, role="subheading")


class ClassroomScreen(CardListScreen):
    def __init__(self, stories: list[Story] | None = None) -> None:
        super().__init__()
        self.stories = stories
        self.notice = ""

    @property
    def global_keys(self) -> bool:  # type: ignore[override]
        """While the teacher types a contact's details, H, B and C are letters."""
        return not isinstance(self.focus.focused, TextField)

    # -- building ---------------------------------------------------------------------------------
    def compose(self) -> None:
        if self.stories is None:
            self.stories = load_stories()
        self.known = known_story_ids() or [s.id for s in self.stories]
        self.state = read_classroom(lint=True)
        self.heading = Label("Classroom settings", role="heading")
        self.back = Button("Back (Esc)", self.go_back, hotkey="escape")
        self.top_row = ButtonRow([self.back, help_button(), break_button()])
        self.band_row = ButtonRow([])
        self.showing = Label("", role="small", colour="text_muted")
        self.empty = Label("", role="body")
        self.problems = TextCard([])
        self.every = ValueButton("", lambda _d: self.toggle_every())
        self.story_rows = {s.id: ValueButton("", lambda _d, sid=s.id: self.toggle_story(sid)) for s in self.stories}
        contact = self.state.classroom.contact
        self.fields = {key: TextField(label, (getattr(contact, key, None) or "") if contact else "", limit,
                                      self.contact_changed, placeholder)
                       for key, label, limit, placeholder in CONTACT_FIELDS}
        self.pauses = ValueButton("", lambda _d: self.toggle_pauses())
        self.setting_rows = {name: ValueButton("", lambda d, name=name: self.step_setting(name, d))
                             for name in SETTING_ROWS}
        self.path_label = Label("", role="small", colour="text_muted")
        self.rebuild()

    def rows(self) -> list[Widget]:
        assert self.stories is not None
        out: list[Widget] = [self.problems] if self.state.diagnostics else []
        out += [section("Stories pupils see (Enter shows or hides one)"), self.every, *self.story_rows.values(),
                section("Your school's contact, on every help screen (type, then Enter)"), *self.fields.values(),
                section("In lessons"), self.pauses,
                section("Settings every pupil starts with: each pupil can still change their own "
                        "(Left and Right change them)"),
                *self.setting_rows.values(), self.path_label]
        return out

    def rebuild(self, keep_place: bool = False) -> None:
        """Labels from the classroom now in use; the rows listed again, the focus kept."""
        assert self.stories is not None
        classroom = self.state.classroom
        self.problems.parts = problem_parts(self.state)
        self.every.label = f"Pupils see every story, new ones too: {'Yes' if classroom.scenarios is None else 'No'}"
        for story in self.stories:
            shown = classroom.allows(story.id)
            self.story_rows[story.id].label = (f"{'Shown' if shown else 'Hidden'}: {story.title} "
                                               f"(ages {story.band}, {story.minutes} min)")
        self.pauses.label = (f"Discussion pauses: {'On' if classroom.discussion_pauses else 'Off'}  "
                             "(stop at each scene's question for the class)")
        layer = classroom.settings_layer()
        built_in = Settings()
        for name, option in SETTING_ROWS.items():
            whose = "this classroom" if name in layer else "built in"
            self.setting_rows[name].label = f"{option.label(Settings.from_dict(layer, built_in))}  ({whose})"
        self.path_label.text = f"The classroom file: {self.state.path}"
        self.showing.text = self.notice or self.state.status()
        focused = self.focus.focused
        rows = self.rows()
        focusable = [w for w in rows if w.focusable]
        self.show_cards(rows, [self.heading, self.showing, *self.top_row.buttons],
                        [*focusable, *self.top_row.buttons], keep_offset=keep_place)
        if focused is not None:
            self.focus.focus(focused)
            if focused in self.card_y:
                self.reveal(focused)

    # -- changes ------------------------------------------------------------------------------------
    def save(self, classroom: Classroom) -> None:
        self.state, message = save_change(classroom, self.state, lint=True, known=self.known)
        self.notice = message
        self.rebuild(keep_place=True)

    def toggle_story(self, story_id: str) -> None:
        classroom = self.state.classroom
        self.save(with_story(classroom, story_id, not classroom.allows(story_id), self.known))

    def toggle_every(self) -> None:
        classroom = self.state.classroom
        if classroom.scenarios is None:
            self.save(classroom.changed(scenarios=list(self.known)))
        else:
            self.save(classroom.changed(scenarios=None))

    def toggle_pauses(self) -> None:
        self.save(self.state.classroom.changed(discussion_pauses=not self.state.classroom.discussion_pauses))

    def step_setting(self, name: str, direction: int) -> None:
        layer = self.state.classroom.settings_layer()
        value = getattr(SETTING_ROWS[name].step(Settings.from_dict(layer), direction, wrap=True), name)
        if value == getattr(Settings(), name):
            layer.pop(name, None)  # the built-in value: the classroom does not need to set it
        else:
            layer[name] = value
        self.save(self.state.classroom.changed(settings=layer))
        if self.ui is not None:  # the teacher sees the new defaults at once, as pupils will
            layer = self.state.classroom.settings_layer()
            self.ui.defaults = layered_defaults(layer)
            self.ui.apply(load_settings(classroom=layer))
            self.layout(self.size)

    def contact_changed(self, _value: str) -> None:
        values = {key: field.value for key, field in self.fields.items() if field.value}
        if not values:
            self.save(self.state.classroom.changed(contact=None))
            return
        if "name" not in values:
            self.notice = "Type the contact's name too: the contact is saved once it has a name."
            self.rebuild(keep_place=True)
            return
        try:
            Contact.model_validate(values)
        except ValidationError:
            self.notice = "The contact could not be saved: keep each part short."
            self.rebuild(keep_place=True)
            return
        self.save(self.state.classroom.changed(contact=values))

    def commit_fields(self) -> None:
        for field in self.fields.values():
            field.commit()

    def go_back(self) -> Action:
        self.commit_fields()
        return Pop()

    # -- input --------------------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> Action | None:
        before = self.focus.focused
        action = super().handle(event)
        if isinstance(before, TextField) and self.focus.focused is not before:
            before.commit()  # left the field (a key or a click): keep what was typed
        return action

    def handle_key(self, event: pygame.event.Event) -> Action | None:
        key = event.key
        if key in MODIFIER_KEYS:
            return None
        focused = self.focus.focused
        if isinstance(focused, TextField):
            if key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                focused.commit()
                self.dirty = True
                return None
            if key == pygame.K_ESCAPE:
                return self.go_back()
            moves = (pygame.K_TAB, pygame.K_UP, pygame.K_DOWN, pygame.K_PAGEUP, pygame.K_PAGEDOWN)
            if key not in moves and focused.type_key(event):
                self.dirty = True
                self.place_cards()  # the field may now wrap onto another line
                return None
        if isinstance(focused, ValueButton) and key in (pygame.K_LEFT, pygame.K_RIGHT):
            self.dirty = True
            focused.step(1 if key == pygame.K_RIGHT else -1)
            return None
        return super().handle_key(event)

