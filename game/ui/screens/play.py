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

import math
from collections.abc import Callable
from dataclasses import dataclass

import pygame

from game.classroom_path import contact_lines
from game.saves import SaveStore
from game.story.runtime import Playthrough, new_seed
from game.story.story import Line, Story
from game.ui.pictures import background_image
from game.ui.play.arrange import arrange_chat, arrange_place
from game.ui.play.card import FeedbackCard
from game.ui.play.choices import ChoiceButton, ChoiceMenu, MenuPanel
from game.ui.play.dialogue import DialogueBox
from game.ui.play.faces import Faces, Reaction
from game.ui.play.phone import Phone, Shown, message_time
from game.ui.play.stage import Stage, stage_cast
from game.ui.play.timing import Timer, word_ends
from game.ui.screen import ACTIVATE_KEYS, MODIFIER_KEYS, Action, Push, Replace, Screen, break_button, help_button
from game.ui.widgets import Button, ButtonRow, FocusPulse, Label, Widget, spoken_label

NUMBER_KEYS = {getattr(pygame, f"K_{n}"): n - 1 for n in range(1, 7)}
NUMBER_KEYS |= {getattr(pygame, f"K_KP{n}"): n - 1 for n in range(1, 7)}
UNDO_KEYS = frozenset({pygame.K_BACKSPACE, pygame.K_z})
ARROW_KEYS = frozenset({pygame.K_UP, pygame.K_DOWN, pygame.K_LEFT, pygame.K_RIGHT})
# Keys that leave for another screen or step back: they work even while a line types in.
LEAVING_KEYS = frozenset({pygame.K_ESCAPE, pygame.K_l, pygame.K_v}) | UNDO_KEYS
TYPING_MS = (500, 14, 1500)  # a chat's "typing" bubble: a base, per character of the message, at most


@dataclass
class Card:
    kind: str  # 'feedback' | 'spot-sign' | 'spot' | 'notice'
    title: str
    text: str
    then: Callable[[], Action | None]


class PlayScreen(Screen):
    def __init__(self, story: Story, playthrough: Playthrough | None = None, store: SaveStore | None = None,
                 revealed: int | None = None) -> None:
        super().__init__()
        self.story = story
        self.pt = playthrough if playthrough is not None else Playthrough(story, new_seed())
        self.store = store
        self.revealed = min(len(self.pt.lines), max(1, revealed)) if revealed else min(1, len(self.pt.lines))
        self.picked = self.revealed - 1  # the line in the box (Up/Down move it back over this scene)
        self.card: Card | None = None
        self.frozen = False  # a feedback card is up: the scene behind it stays as it was ...
        self.frozen_picture: pygame.Surface | None = None  # ... drawn as this picture
        self.backdrop: str | None = None
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
        self.menu_button = Button("Pause (Esc)", self.pause, hotkey="escape")
        self.menu = ChoiceMenu()
        self.help = help_button()
        self.rest = break_button()
        self.top_row = ButtonRow([self.menu_button, self.help, self.rest], gap="m")
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
        self.banner_panel = MenuPanel()
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

    def display_name(self, line: Line) -> str | None:
        name = self.story.speaker_name(line.speaker)
        character = self.story.characters.get(line.speaker)
        if name and line.via == "phone":
            return f"{name} (on the phone)"
        if name and character is not None and character.role == "player":
            return f"{name} (you)"
        return name

    def shown(self) -> list[Shown]:
        """The lines showing now, as the Playthrough gives them (a chat's newest waits while its
        sender is typing)."""
        scene, spotted = self.pt.scene, set(self.pt.spotted)
        owner = scene.phone if scene is not None else None
        count = self.revealed - (1 if self.in_chat and self.typing else 0)
        out, messages = [], 0
        for line in self.pt.lines[:count]:
            name = self.display_name(line)
            time = message_time(scene.time, messages) if scene is not None and name else None
            messages += 1 if name else 0
            out.append(Shown(line, name, line.speaker == owner, line.id in spotted, time))
        return out

    def sync(self) -> None:
        """Bring the widgets in line with the playthrough (after any step)."""
        scene, ending = self.pt.scene, self.pt.ending
        if scene is not None and scene.id != self.scene_id:
            self.scene_id = scene.id
            self.phone.app_name, self.phone.offset = scene.app, 0
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

    def _sync_words(self) -> None:
        shown = self.shown()
        if self.in_chat:
            scene = self.pt.scene
            assert scene is not None
            self.phone.items = shown
            self.phone.focus_index = self.picked if shown and self.picked < len(shown) else None
            self.phone.typing_from = self.pt.lines[self.revealed - 1] if self.typing else None
            self.phone.clock = scene.time
            people = [cid for cid in dict.fromkeys([self._player_id(), scene.phone]) if cid in self.story.characters]
            self.faces.people = [Reaction(self.story.characters[cid].look, self.story.characters[cid].name,
                                          self._mood_of(cid, shown)) for cid in people]
            return
        line = shown[self.picked].line if shown else None
        box = self.box
        box.plate.text = self.display_name(line) or "" if line is not None else ""
        box.line.set(line.text if line is not None else "", muted=line is not None and line.speaker == "narrator")
        box.line.typed = self.typed if line is not None and self.picked == self.revealed - 1 else None
        flagged = line is not None and line.id in self.pt.spotted
        box.earlier = self.picked < self.revealed - 1
        box.chip.flagged = flagged
        where = f"Earlier line, {self.picked + 1} of {self.revealed}" if box.earlier else ""
        box.chip.text = ", ".join(x for x in (where, "flagged" if where and flagged else "") if x) or (
            "Flagged" if flagged else "")
        part = self.pt.scene or self.pt.ending
        self.stage.cast = stage_cast(self.story.characters, part.present if part else (), line)

    def _player_id(self) -> str | None:
        return next((cid for cid, c in self.story.characters.items() if c.role == "player"), None)

    @staticmethod
    def _mood_of(cid: str, shown: list[Shown]) -> str:
        said = next((s.line for s in reversed(shown) if s.line.speaker == cid), None)
        return (said.mood or "neutral") if said is not None else "neutral"

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

    def start_line(self) -> None:
        """The newest line begins to appear: in a place it types in; in a chat its sender types
        first (someone else's message) and then it slides up. Neither with reduced motion."""
        assert self.ui is not None
        settings = self.ui.settings
        self.reader.stop()
        self.arrival.stop()
        self.phone.arrival = 1.0
        if not self.revealed:
            self.finish_line()
            return
        line, scene = self.pt.lines[self.revealed - 1], self.pt.scene
        still = settings.reduced_motion or settings.text_speed <= 0
        if self.in_chat:
            assert scene is not None
            someone_else = self.story.speaker_name(line.speaker) and line.speaker != scene.phone
            if still or not someone_else:
                self.finish_line()
            else:
                base, per_char, most = TYPING_MS
                self.typed, self.typing_index = 0, self.revealed - 1
                self.typer.begin(min(most, base + per_char * len(line.text)))
            return
        ends = word_ends(line.text)
        if still or not ends:
            self.finish_line()
        else:
            self.typed, self.typing_index = 0, self.revealed - 1
            self.typer.begin(math.ceil(ends[-1] * 1000 / settings.text_speed))

    def finish_line(self) -> None:
        """The newest line shows in full (a chat message arrives); moving on by itself may start."""
        was_typing_chat = self.typing and self.in_chat
        self.typed = self.typing_index = None
        self.typer.stop()
        if was_typing_chat and self.ui is not None and self.ui.theme.motion.fade:
            self.arrival.begin(self.ui.theme.motion.fade)
            self.phone.arrival = 0.0
        self.arm_reader()

    def complete_line(self) -> None:
        """A key or click while the line types in: show it whole at once, and do nothing else."""
        self.finish_line()
        self.sync()
        if self.in_chat and self.ui is not None:
            self.phone.show_newest(self.ui)
        self.dirty = True

    def arm_reader(self) -> None:
        """Moving on by itself (when the pupil turned it on): after a calm reading time of the
        line showing, the next line; never a choice, never over a card."""
        if self.ui is None:
            return
        if self.ui.settings.auto_advance and self.reading and self.revealed and self.card is None \
                and not self.typing:
            self.reader.begin(self.ui.theme.motion.read_ms(self.pt.lines[self.revealed - 1].text))
        else:
            self.reader.stop()

    def begin_scene_fade(self) -> None:
        assert self.ui is not None
        self._veil = None
        if self.card is None:
            self.scene_fade.begin(self.ui.theme.motion.scene)
        else:
            self.scene_fade.stop()

    def wake_after_ms(self) -> int | None:
        if self.ui is None:
            return None
        if not self.live or self.said:
            return 0
        timers = (self.typer, self.arrival, self.scene_fade, self.reader)
        if any(t.pending for t in timers):
            return 0
        motion = self.ui.theme.motion
        waits = []
        if self.typing:
            waits.append(motion.frame * 6 if self.in_chat else self._next_word_ms())  # the dots step slowly
        if self.arrival.on or self.scene_fade.on:
            waits.append(motion.frame)
        if self.reader.on:
            waits.append(self.reader.left(self.now))
        pulse = self.pulse.wake_after_ms(self.focus.focused, motion)
        if pulse is not None:
            waits.append(pulse)
        return max(0, min(waits)) if waits else None

    def _next_word_ms(self) -> int:
        assert self.ui is not None and self.typing_index is not None
        ends = word_ends(self.pt.lines[self.typing_index].text)
        due = next((e for e in ends if e > (self.typed or 0)), ends[-1])
        speed = max(self.ui.settings.text_speed, 1e-6)
        return max(0, math.ceil(due * 1000 / speed) - self.typer.elapsed(self.now))

    def _type_to(self, now_ms: int) -> bool:
        """Show the words typed by ``now_ms`` (in a chat, the dots); True when the picture changed."""
        assert self.ui is not None and self.typing_index is not None
        if self.in_chat:
            if self.typer.left(now_ms) <= 0:
                self.complete_line()
                return True
            dots = (self.typer.elapsed(now_ms) // (self.ui.theme.motion.frame * 6)) % 3
            changed, self.phone.dots = dots != self.phone.dots, dots
            return changed
        settings = self.ui.settings
        ends = word_ends(self.pt.lines[self.typing_index].text)
        chars = self.typer.elapsed(now_ms) * settings.text_speed / 1000
        if chars >= ends[-1]:
            self.complete_line()
            return True
        shown = max((e for e in ends if e <= chars), default=0)
        if shown == self.typed:
            return False
        self.typed = self.box.line.typed = shown
        return True

    def tick(self, now_ms: int) -> Action | None:
        assert self.ui is not None
        self.now = now_ms
        if not self.live:
            self.live = True
            said, self.said = self.said, []
            for event, text in said:
                self.ui.emit(event, text)
        for timer in (self.typer, self.arrival, self.scene_fade, self.reader):
            timer.stamp(now_ms)
        before = self.focus.focused
        changed = False
        if self.typing:
            changed |= self._type_to(now_ms)
        if self.arrival.on:
            self.phone.arrival = self.arrival.progress(now_ms)
            if self.phone.arrival >= 1:
                self.arrival.stop()
            changed = True
        if self.scene_fade.on:
            if self.scene_fade.progress(now_ms) >= 1:
                self.scene_fade.stop()
                self._veil = None
            changed = True
        if self.reader.on and self.reader.left(now_ms) <= 0:
            self.reader.stop()
            self.reveal_next()
            changed = True
        changed |= self.pulse.tick(now_ms, self.focus.focused, self.ui.theme.motion)
        for timer in (self.typer, self.arrival, self.scene_fade, self.reader):
            timer.stamp(now_ms)  # begun during this tick (a line finished, the next one came): from now
        after = self.focus.focused
        if after is not before and after is not None:
            self.ui.emit("focus", spoken_label(after))
        if changed:
            self.dirty = True
        return None

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
    def handle_key(self, event: pygame.event.Event) -> Action | None:
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
                return None
            if key in ARROW_KEYS:
                return self._move_among_choices(1 if key in (pygame.K_DOWN, pygame.K_RIGHT) else -1)
            return super().handle_key(event)
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

    def _move_among_choices(self, step: int) -> Action | None:
        buttons = self.menu.buttons
        here = buttons.index(self.focus.focused) if self.focus.focused in buttons else -1
        self.focus.focus(buttons[(here + step) % len(buttons)])
        return None

    def _card_key(self, event: pygame.event.Event) -> Action | None:
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

    def _update_more(self) -> None:
        from game.ui.play.card import MORE_BELOW

        assert self.ui is not None
        self.feedback.more.text = MORE_BELOW if self.feedback.unread(self.ui) else ""

    def handle(self, event: pygame.event.Event) -> Action | None:
        assert self.ui is not None
        if event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP) and self.reader.on:
            self.reader.begin(self.reader.length)
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1 and self.typing and self.card is None \
                and self.widget_at(event.pos) not in self.top_row.buttons:
            self.pressed = None
            self.complete_line()  # the click shows the line whole; it does not also read on or choose
            return None
        if event.type == pygame.MOUSEWHEEL:
            if self.card is not None:
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

    def on_click_elsewhere(self, pos: tuple[int, int]) -> Action | None:
        assert self.ui is not None
        if self.card is not None or self.choosing:
            return None
        if self.in_chat:
            hit = self.phone.item_at(self.ui, pos) if self.phone in self.widgets else None
            if hit is not None:  # a message: pick it (nothing moves)
                self.picked = hit
                self.sync()
                return None
            if self.phone.rect.collidepoint(pos):
                return None
        return self.go_on() if self.reading or self.typing else None

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
        self.set_widgets(widgets + (self.top_row.buttons if self.card is None else []), order)
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
    def draw(self, surface: pygame.Surface) -> None:
        """As every screen draws; while a new scene fades in, its background is laid over the
        scene, thinning out (the top row of buttons stays as it is)."""
        if not self.scene_fade.on:
            super().draw(surface)
            return
        assert self.ui is not None
        surface.fill(self.background)
        self.draw_decor(surface)
        bar = self.top_row.buttons
        for w in self.widgets:
            if w not in bar:
                w.draw(surface, self.ui, focused=w is self.focus.focused, hovered=w is self.hover)
        veil = self._scene_veil(surface.get_size())
        veil.set_alpha(round(255 * (1 - self.scene_fade.progress(self.now))))
        surface.blit(veil, (0, 0))
        for w in self.widgets:
            if w in bar:
                w.draw(surface, self.ui, focused=w is self.focus.focused, hovered=w is self.hover)

    def _scene_veil(self, size: tuple[int, int]) -> pygame.Surface:
        """The scene's background alone (a copy: its alpha changes while the scene fades in)."""
        assert self.ui is not None
        key = (self.backdrop, size)
        if self._veil is None or self._veil[0] != key:
            image = background_image(self.backdrop, size)
            if image is not None:
                veil = image.copy()
            else:
                veil = pygame.Surface(size)
                veil.fill(self.ui.theme.colours.rest_background)
            self._veil = (key, veil)
        return self._veil[1]

    def draw_decor(self, surface: pygame.Surface) -> None:
        assert self.ui is not None
        if self.frozen and self.frozen_picture is not None:
            picture = self.frozen_picture
            if picture.get_size() != surface.get_size():  # the window changed size under the card
                picture = pygame.transform.smoothscale(picture, surface.get_size())
            surface.blit(picture, (0, 0))
            return
        image = background_image(self.backdrop, self.size, self.ui.theme.colours.backdrop_wash)
        if image is not None:
            surface.blit(image, (0, 0))
        else:
            surface.fill(self.ui.theme.colours.rest_background)
        for w in self.behind:
            w.draw(surface, self.ui)
