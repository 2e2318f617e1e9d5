"""Playing one story: a stage or a phone, one line at a time, spotting signs, choices, kind
feedback, the ending, then the debrief.

    PlayScreen(story, playthrough=None, store=None)

Keys (the pupil goes at their own pace; nothing moves on alone unless they turn that on):
  Space / Enter      the next line; a click on the stage does the same; while a line types in,
                     any key or click shows it whole (and only that)
  Up / Down          an earlier line of this scene (and back);  S flags the line showing
  1-6                a choice; the arrows or Tab pick one, then Enter or Space takes it (no
                     choice has the focus until then: Space alone never chooses)
  Backspace / Z      back a step (undo the last choice);  L the story so far;  V it as text;  Esc pause
  H / B              help and a break (the app handles them; the pupil comes back to this place)

Everything the pupil does goes through the Playthrough; the screen keeps only how many lines of
this scene are showing (``revealed``) and which one is in the box (``picked``). What it draws
comes from the Playthrough: its lines, its choices in the order it gives them, its ending and its
debrief. After every step the place is autosaved (``store.write(pt, {"revealed": n})``), and the
save is cleared when the debrief opens or the story is left.

Motion (all of it off with reduced motion; then no frames are asked for): a line in a place types
in a word at a time at the pupil's text speed; in a chat, the sender is "typing" for a moment and
then the message slides up and fades in; a new scene fades in from its background; the focused
button's ring breathes for a moment. With ``settings.auto_advance`` the next line comes by itself
after a calm reading time, never a choice, never while paused or a card is up.

What the pupil meets is said on ``ui.emit`` for sound, speech and captions: ``place`` when a scene
starts, ``message`` (a chat message from someone else) and ``line`` for each new line, ``spotted``
for a sign newly flagged, ``feedback`` when any other card appears.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pygame

from game.classroom_path import contact_lines
from game.saves import SaveStore
from game.story.runtime import Playthrough, new_seed
from game.story.story import Story
from game.ui.play.arrange import arrange_chat, arrange_place
from game.ui.play.card import FeedbackCard
from game.ui.play.choices import ChoiceButton, ChoiceMenu, Panel
from game.ui.play.dialogue import DialogueBox
from game.ui.play.faces import Faces
from game.ui.play.keys import PlayInput
from game.ui.play.motion import PlayMotion
from game.ui.play.phone import Phone
from game.ui.play.stage import Stage
from game.ui.play.timing import Timer
from game.ui.play.words import PlayWords
from game.ui.screen import Action, Push, Replace, Screen, break_button, help_button
from game.ui.widgets import Button, ButtonRow, FocusPulse, Label, Widget


@dataclass
class Card:
    kind: str  # 'feedback' | 'spot-sign' | 'spot' | 'notice'
    title: str
    text: str
    then: Callable[[], Action | None]

class PlayScreen(PlayWords, PlayMotion, PlayInput, Screen):
    def __init__(self, story: Story, playthrough: Playthrough | None = None, store: SaveStore | None = None,
                 revealed: int | None = None) -> None:
        super().__init__()
        self.story = story
        self.pt = playthrough if playthrough is not None else Playthrough(story, new_seed())
        self.store = store
        # True while the story shown came from the autosave and no choice has been made since: if
        # the window fails now, the save may be why, so it is moved aside (see crashed) and the
        # crash screen never offers to go back into it.
        self.resumed = False
        self.revealed = min(len(self.pt.lines), max(1, revealed)) if revealed else min(1, len(self.pt.lines))
        self.picked = self.revealed - 1  # the line in the box (Up/Down move it back over this scene)
        self.card: Card | None = None
        self.frozen = False  # a feedback card is up: the scene behind it stays as it was ...
        self.frozen_picture: pygame.Surface | None = None  # ... drawn as this picture
        self.backdrop: str | None = None
        self.open_at_newest = False
        self.scene_id: str | None = None
        self.choice_buttons: list[Button] = []
        self.behind: list[Widget] = []  # the scene drawn under a card
        self.discussion_pauses = False  # the scene's discuss: question before its choices
        self.discussed: set[str] = set()  # scenes whose pause was shown on this visit
        self.typed: int | None = None  # how much of the newest line shows while it types in (None: all)
        self.typing_index: int | None = None
        self.typer = Timer()  # the newest line typing in (in a chat: its sender "typing")
        self.arrival = Timer()  # the newest chat message sliding up and fading in
        self.scene_fade = Timer()  # a new scene fading in from its background
        self.reader = Timer()  # moving on by itself: the reading time of the line showing
        self.pulse = FocusPulse()
        self.now = 0  # the app's clock at the last tick
        self.live = False  # ticked since it was last shown: events are said at once
        self.said: list[tuple[str, str]] = []  # events waiting for the first tick
        self._veil: tuple[tuple[str | None, tuple[int, int]], pygame.Surface] | None = None
        if self.pt.notice:
            self.card = Card("notice", "Welcome back", self.pt.notice, self.close_card_only)

    # -- building -----------------------------------------------------------------------------
    def compose(self) -> None:
        self.pause_button = Button("Pause (Esc)", self.pause, hotkey="escape")
        self.menu = ChoiceMenu()
        self.help = help_button()
        self.rest = break_button()
        self.top_row = ButtonRow([self.pause_button, self.help, self.rest], gap="m")
        self.next = Button("Next (Space)", self.go_on, variant="primary")
        self.flag = Button("Flag this line (S)", self.spot_picked)
        self.history_button = Button("Story so far (L)", self.open_history)
        self.undo_button = Button("Back a step (Z)", self.undo)
        self.hint = Label("", role="small", colour="text_muted")
        self.box = DialogueBox()
        self.stage = Stage()
        self.phone = Phone(self.story.characters)
        self.faces = Faces()
        self.ending_banner = Label("", role="subheading", align="center")
        self.banner_panel = Panel()
        self.row_panel = Panel()
        self.feedback = FeedbackCard(self.close_card)
        self.card_button = self.feedback.button
        self.start_line()
        self.sync()
        self.say_newest()
        if self.card is not None:
            self.say("feedback", self.card.text)

    def set_short_labels(self, short: bool) -> None:
        """Short words on the small actions when the long ones do not fit beside Next."""
        self.flag.label = "Flag (S)" if short else "Flag this line (S)"
        self.history_button.label = "So far (L)" if short else "Story so far (L)"
        self.undo_button.label = "Back (Z)" if short else "Back a step (Z)"

    def attach(self, ui) -> None:
        first = self.ui is None
        super().attach(ui)
        self.live = False
        if not first:  # back from the pause, help, a break: a still scene and a fresh reading time
            if self.place is not None:
                self.say("place", self.place)  # its sound again, if a quiet screen stopped it
            self.arrival.stop()
            self.phone.arrival = 1.0
            self.scene_fade.stop()
            self._veil = None
            if self.typing:
                self.finish_line()
            self.sync()
            self.arm_reader()

    # -- what is showing ----------------------------------------------------------------------
    @property
    def place(self) -> str | None:  # type: ignore[override]
        """The scene's background (its sound plays while the story shows); "" in a chat."""
        scene = self.pt.scene
        if scene is None:
            return None
        return "" if scene.kind == "chat" else (scene.background or "")

    @property
    def in_chat(self) -> bool:
        scene = self.pt.scene
        return scene is not None and scene.kind == "chat"

    @property
    def reading(self) -> bool:
        return self.revealed < len(self.pt.lines)

    @property
    def typing(self) -> bool:
        """The newest line is still typing in (the choices wait for it)."""
        return self.typed is not None

    @property
    def choosing(self) -> bool:
        """The choice menu is up: every line shown, and more than a plain Continue to pick."""
        return not (self.reading or self.typing or self.frozen or self.pt.finished) and not self._only_continue

    @property
    def _only_continue(self) -> bool:
        choices = self.pt.choices
        return len(choices) == 1 and choices[0].is_continue

    @property
    def next_shown(self) -> bool:
        return not self.choosing

    def sync(self) -> None:
        """Bring the widgets in line with the playthrough (after any step)."""
        scene, ending = self.pt.scene, self.pt.ending
        if scene is not None and scene.id != self.scene_id:
            self.scene_id = scene.id
            self.phone.app_name, self.phone.offset = scene.app, 0
            self.open_at_newest = True  # a chat opened part-way (a resumed story) shows its newest message
            self.backdrop = scene.background
            self.choice_buttons = []
            self.say("place", "" if scene.kind == "chat" else (scene.background or ""))
            self.begin_scene_fade()
        if scene is not None and not self.choice_buttons:
            self.choice_buttons = [ChoiceButton(f"{i + 1}.  {c.text}", self._chooser(i))
                                   for i, c in enumerate(self.pt.choices)]
            self.menu.buttons = [] if self._only_continue else list(self.choice_buttons)
        if ending is not None:
            self.menu.buttons = []
        self.picked = max(0, min(self.picked, self.revealed - 1))
        if self.typing and self.typing_index != self.revealed - 1:  # the lines changed under it
            self.finish_line()
        self.next.label = "Next (Space)" if self.reading or self.typing else "Continue (Space)"
        n = len(self.menu.buttons)
        self.hint.text = f"Press 1 to {n} to choose" if n > 1 else ("Press 1 to choose" if n else "")
        self.ending_banner.text = f"Ending: {ending.title}" if ending is not None else ""
        self._sync_words()
        if self.card is not None:
            self.feedback.show(self.card.kind, self.card.title, self.card.text, self._card_button_words())
        self.relayout()

    def _chooser(self, index: int) -> Callable[[], Action | None]:
        return lambda: self.choose(index)

    def _card_button_words(self) -> str:
        return "Continue (Enter)" if self.card and self.card.kind == "feedback" else "Back to the story (Enter)"

    # -- motion and what is said ----------------------------------------------------------------
    def say(self, event: str, text: str) -> None:
        """Tell sound, speech and captions (at the first tick when the screen is not shown yet)."""
        if self.live and self.ui is not None:
            self.ui.emit(event, text)
        else:
            self.said.append((event, text))

    def say_newest(self) -> None:
        if not self.revealed:
            return
        line, scene = self.pt.lines[self.revealed - 1], self.pt.scene
        name = self.story.speaker_name(line.speaker)
        words = f"{name}: {line.text}" if name else line.text
        if (scene is not None and scene.kind == "chat" and name and line.speaker != scene.phone) or line.via:
            self.say("message", words)
        self.say("line", words)

    # -- what the pupil does ------------------------------------------------------------------
    def autosave(self) -> None:
        if self.store is not None:
            self.store.write(self.pt, {"revealed": self.revealed})

    def go_on(self) -> Action | None:
        """Next (Space): the next line, or, with every line shown, Continue (to the next scene, or
        from the ending to the debrief)."""
        if self.typing:
            self.complete_line()
            return None
        if self.reading:
            return self.reveal_next()
        if self.pt.finished:
            return self.finish()
        if self._only_continue:
            return self.choose(0)
        return None

    def reveal_next(self) -> Action | None:
        if self.typing:
            self.complete_line()
            return None
        if self.reading:
            self.revealed += 1
            self.picked = self.revealed - 1
            self.autosave()
            self.start_line()
            self.sync()
            if self.in_chat and self.ui is not None:
                self.phone.show_newest(self.ui)
            self.say_newest()
            if self.choosing:
                self.focus.clear()  # the choices came: none is picked until the pupil picks one
        return None

    def spot_picked(self) -> Action | None:
        if not self.revealed or self.frozen:
            return None
        count = len(self.shown())
        if not count:
            return None
        line = self.pt.lines[min(self.picked, count - 1)]
        spot = self.pt.spot(line.id)
        self.autosave()
        self.card = Card("spot-sign" if spot.is_sign else "spot", spot.title, spot.text, self.close_card_only)
        self.reader.stop()
        self.sync()
        self.say("spotted" if spot.is_sign and not spot.already else "feedback",
                 f"{spot.title}. {spot.text}" if spot.is_sign and not spot.already else spot.text)
        return None

    def choose(self, index: int) -> Action | None:
        if self.reading or self.typing or self.card is not None or not 0 <= index < len(self.pt.choices):
            return None
        pause = self.discussion_pause()
        if pause is not None:
            return pause
        if self.pt.choices[index].feedback:
            self.freeze()
        choice = self.pt.choose(index)
        self.autosave_new_scene()
        self.resumed = False  # the engine took a step from the save and saved it again
        if choice.feedback:
            self.card = Card("feedback", choice.text, choice.feedback, self.after_choice)
            self.feedback.show(self.card.kind, self.card.title, self.card.text, self._card_button_words())
            self.relayout()
            self.say("feedback", choice.feedback)
            return None
        return self.after_choice()

    def freeze(self) -> None:
        """Keep the moment of a choice as a picture, to stay behind its feedback card."""
        assert self.ui is not None
        picture = pygame.Surface(self.size)
        self.focus.clear()
        Screen.draw(self, picture)
        self.frozen, self.frozen_picture = True, picture

    def discussion_pause(self) -> Action | None:
        """The scene's ``discuss:`` question as a pause before its first choice, once per visit,
        when discussion pauses are on (presenter mode, or the classroom file)."""
        scene = self.pt.scene
        if not self.discussion_pauses or scene is None or not scene.discuss or scene.id in self.discussed:
            return None
        from game.ui.screens.discuss import DiscussScreen

        self.discussed.add(scene.id)
        return Push(DiscussScreen(scene.discuss))

    def autosave_new_scene(self) -> None:
        if self.store is not None:
            self.store.write(self.pt, {"revealed": min(1, len(self.pt.lines))})

    def after_choice(self) -> Action | None:
        """On from a choice: the next scene's first line, or the ending's, on the stage."""
        self.card, self.frozen, self.frozen_picture = None, False, None
        self.discussed.clear()  # a scene visited again gets its pause again
        self.revealed = min(1, len(self.pt.lines))
        self.picked = 0
        self.scene_id = None
        self.choice_buttons = []
        self.start_line()
        self.sync()
        self.focus.focus(self.next)
        self.say_newest()
        return None

    def finish(self) -> Action:
        from game.ui.screens.debrief import DebriefScreen

        self.end_save()
        return Replace(DebriefScreen(self.story, self.pt.debrief(contact_lines()), self.store))

    def end_save(self) -> None:
        if self.store is not None:
            self.store.clear()

    def crashed(self) -> None:
        """A save that fails as soon as it is resumed would fail each time Continue resumed it:
        it is moved aside (with its backup) before the crash screen looks for a place to go back to."""
        if self.resumed and self.store is not None:
            self.store.set_aside()

    def undo(self) -> Action | None:
        if not self.pt.undo():
            return None
        self.card, self.frozen, self.frozen_picture = None, False, None
        self.scene_id = None
        self.choice_buttons = []
        self.revealed = len(self.pt.lines)
        self.picked = self.revealed - 1
        self.finish_line()
        self.autosave()
        self.sync()
        self.focus.clear()  # back at the choices: none picked
        return None

    def close_card(self) -> Action | None:
        card, self.card = self.card, None
        self.frozen = False
        action = card.then() if card is not None else None
        if action is None:
            self.sync()
            if not self.typing:
                self.arm_reader()
        return action

    def close_card_only(self) -> Action | None:
        return None

    def open_history(self) -> Action:
        from game.ui.screens.history import HistoryScreen

        return Push(HistoryScreen(self.pt.history(), self.pt, on_spot=self.autosave))

    def screen_text(self) -> str:
        """The scene so far as plain text (the clipboard and the text-only view): each line with
        who says it, then the open feedback card or the choices."""
        parts = [f"{item.speaker}: {item.line.text}" if item.speaker else item.line.text for item in self.shown()]
        if self.card is not None:
            parts += self.feedback.words
        elif self.choosing:
            parts += [b.label for b in self.menu.buttons]
        return "\n\n".join(parts)

    def open_text_view(self) -> Action:
        from game.ui.screens.text_view import TextViewScreen

        title = self.story.title if self.pt.scene is None else f"{self.story.title}: this part as text"
        return Push(TextViewScreen(title, self.screen_text()))

    def pause(self) -> Action:
        from game.ui.screens.pause import PauseScreen

        return Replace(PauseScreen(self))

    def leave(self) -> Action:
        """Leave early: help first, then the debrief (never "are you sure?")."""
        from game.ui.screens.debrief import DebriefScreen
        from game.ui.screens.pause import LeavingHelpScreen

        self.end_save()
        return Replace(LeavingHelpScreen(DebriefScreen(self.story, self.pt.debrief(contact_lines()), self.store)))

    # -- input --------------------------------------------------------------------------------

    # -- layout -------------------------------------------------------------------------------
    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        assert self.ui is not None
        top = self.place_top_bar(None, self.top_row)
        bar_left = min(b.rect.x for b in self.top_row.buttons)
        if self.frozen:  # a choice was made: the moment stays behind its feedback, as a picture
            content: list[Widget] = []
        elif self.in_chat:
            content = arrange_chat(self, size, top, bar_left)
            if self.open_at_newest:
                self.phone.show_newest(self.ui)
                self.open_at_newest = False
        else:
            content = arrange_place(self, size, top, bar_left)
        card: list[Widget] = []
        if self.card is not None:
            card = self.feedback.place(self.ui, pygame.Rect(self.margin(), top, size[0] - 2 * self.margin(),
                                                            size[1] - self.margin() - top))
            self._update_more()
        self.phone.show_focus = self.card is None
        # Under a card the scene is only a picture: its buttons cannot be clicked through the veil.
        self.behind = content if self.card is not None else []
        self.set_focus_widgets(card if self.card is not None else content)

    def set_focus_widgets(self, widgets: list[Widget]) -> None:
        """Set the widgets, keeping the focused button when it is still there. While choosing,
        nothing is focused until the pupil picks; otherwise Next (or the card's button)."""
        before, had_focus = self.focus.focused, self.focus.index is not None
        if self.card is not None:
            order: list[Widget] = [self.card_button, *self.top_row.buttons]
        else:
            order = [w for w in widgets if isinstance(w, Button)] + self.top_row.buttons
        self.set_widgets(widgets + self.top_row.buttons, order)  # help and a break: on every screen, cards too
        self.scroll = None
        if before in self.focus.widgets:
            self.focus.focus(before)
        elif self.card is not None:
            self.focus.focus(self.card_button)
        elif self.choosing or not had_focus:
            self.focus.clear()
        elif self.next in self.focus.widgets:
            self.focus.focus(self.next)

    # -- drawing ------------------------------------------------------------------------------

