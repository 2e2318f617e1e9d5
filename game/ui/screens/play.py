"""Playing one story: lines one at a time, spotting signs, choices, kind feedback, the debrief.

    PlayScreen(story, playthrough=None, store=None)

Keys (the pupil goes at their own pace; nothing moves on alone unless they turn that on):
  Space / Enter      the next line (or the focused button); a click on the scene does the same;
                     while a line is still typing in, any key or click shows it whole (and only that)
  Up / Down          pick a line shown so far;  S flags it as a warning sign (kind feedback at once)
  1-6                a choice;  Tab / Left / Right move between the buttons
  Backspace / Z      back a step (undo the last choice);  L the story so far;  Esc pause
  H / B              help and a break (the app handles them; the pupil comes back to this place)

Everything the pupil does goes through the Playthrough; the screen only keeps how many lines of
this scene are showing (``revealed``) and which one is picked. After every step the place is
autosaved (``store.write(pt, {"revealed": n})``), and the save is cleared when the story ends
or is left.

Motion (all of it off with reduced motion; then no frames are asked for): a new line types in a
word at a time at the pupil's text speed (``settings.text_speed`` characters a second, 0: at
once), and the choices appear once it is whole; a new chat message slides up and fades in; a new
scene fades in from its background; the focused button's ring breathes for a moment after the
focus moves (``FocusPulse``). With ``settings.auto_advance`` the next line comes by itself after a
calm reading time (``theme.motion.read_ms``), never a choice, never while paused or a card is up.
Times come from the app's clock through ``tick``: a timer that begins is stamped by the next tick.

What the pupil meets is said on ``ui.emit`` for sound, speech and captions: ``place`` when a scene
starts, ``message`` (a chat message from someone else) and ``line`` for each new line, ``spotted``
for a sign newly flagged, ``feedback`` when any other card appears. Events that happen before the
screen is shown are said at its first tick, after the app's ``screen``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

import pygame

from game.saves import SaveStore
from game.story.runtime import Playthrough
from game.story.story import Story
from game.ui.pictures import background_image
from game.ui.screen import (
    ACTIVATE_KEYS,
    MODIFIER_KEYS,
    Action,
    Push,
    Replace,
    Screen,
    break_button,
    help_button,
)
from game.ui.screens.play_view import (
    CardPanel,
    ChoiceButton,
    LinesView,
    Panel,
    Shown,
    Stage,
    stage_cast,
)
from game.ui.widgets import Button, ButtonRow, FocusPulse, Label, Paragraph, ScrollText, Ui, Widget, spoken_label

NUMBER_KEYS = {getattr(pygame, f"K_{n}"): n - 1 for n in range(1, 7)}
NUMBER_KEYS |= {getattr(pygame, f"K_KP{n}"): n - 1 for n in range(1, 7)}
UNDO_KEYS = frozenset({pygame.K_BACKSPACE, pygame.K_z})
BUTTON_KEYS = frozenset({pygame.K_TAB, pygame.K_LEFT, pygame.K_RIGHT})
READING_HINT = "Space: next line. Up and Down pick a line, S flags it as a warning sign."
CHOOSING_HINT = "Press a number, or Tab then Enter. S flags the picked line."
# Keys that leave for another screen or step back: they work even while a line types in.
LEAVING_KEYS = frozenset({pygame.K_ESCAPE, pygame.K_l, pygame.K_v}) | UNDO_KEYS


def word_ends(text: str) -> list[int]:
    """Where each word of ``text`` ends (an index into it): a line types in a whole word at a time,
    so a word is never shown broken and the words already shown never move."""
    return [m.end() for m in re.finditer(r"\S+", text)]


class Timer:
    """A stretch of time on the app's clock. A screen has no clock of its own, so one that
    ``begin``s now is ``stamp``ed with the time by the next tick."""

    def __init__(self) -> None:
        self.length = 0
        self.start: int | None = None
        self.on = False

    def begin(self, length: int) -> None:
        self.length, self.start, self.on = length, None, length > 0

    def stop(self) -> None:
        self.on, self.start = False, None

    @property
    def pending(self) -> bool:
        return self.on and self.start is None

    def stamp(self, now_ms: int) -> None:
        if self.pending:
            self.start = now_ms

    def elapsed(self, now_ms: int) -> int:
        return 0 if self.start is None else max(0, now_ms - self.start)

    def progress(self, now_ms: int) -> float:
        return min(1.0, self.elapsed(now_ms) / self.length) if self.on else 1.0

    def left(self, now_ms: int) -> int:
        return max(0, self.length - self.elapsed(now_ms))


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
        self.pt = playthrough if playthrough is not None else Playthrough(story)
        self.store = store
        # True while the story shown came from the autosave and no choice has been made since: if
        # the window fails now, the save may be why, so it is moved aside (see crashed) and the
        # crash screen never offers to go back into it.
        self.resumed = False
        self.revealed = min(len(self.pt.lines), max(1, revealed)) if revealed else min(1, len(self.pt.lines))
        self.picked = self.revealed - 1  # the line Up/Down moves over (for spotting)
        self.card: Card | None = None
        self.frozen = False  # a feedback card is up: the scene behind it stays as it was
        self.backdrop: str | None = None
        self.scene_id: str | None = None
        self.choice_buttons: list[Button] = []
        # False right after the last line appears: a pupil pressing Enter/Space to read on must
        # not pick choice 1 by accident. Any move (Tab, arrows, a number, a click) or one more
        # Enter arms the choices.
        self.choices_armed = True
        self.behind: list[Widget] = []  # the scene drawn under a card
        self.discussion_pauses = False  # the scene's discuss: question before its choices
        self.discussed: set[str] = set()  # scenes whose pause was shown on this visit
        # Motion: how much of the newest line shows while it types in (None: all of it).
        self.typed: int | None = None
        self.typing_index: int | None = None
        self.typer = Timer()  # the newest line typing in
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
        self.menu = Button("Pause (Esc)", self.pause, hotkey="escape")
        self.help = help_button()
        self.rest = break_button()
        self.top_row = ButtonRow([self.menu, self.help, self.rest], gap="m")
        self.next = Button("Next (Space)", self.reveal_next, variant="primary")
        self.flag = Button("Flag this line (S)", self.spot_picked)
        self.history_button = Button("Story so far (L)", self.open_history)
        self.undo_button = Button("Back a step (Z)", self.undo)
        self.panel = Panel()
        self.actions_panel = Panel()  # a chat's choices and hint, when a picture is behind them
        self.stage = Stage()
        self.lines_view = LinesView(story=self.story)
        self.hint = Label("", role="small", colour="text_muted")
        self.card_panel = CardPanel()
        self.card_title = Label("", role="subheading")
        self.card_text = ScrollText([])
        self.card_button = Button("Continue (Enter)", self.close_card, variant="primary")
        self.start_line()
        self.sync()
        self.say_newest()
        if self.card is not None:
            self.say("feedback", self.card.text)

    def attach(self, ui: Ui) -> None:
        first = self.ui is None
        super().attach(ui)
        self.live = False
        if not first:  # back from the pause, help, a break: a still scene and a fresh reading time
            if self.place is not None:
                self.say("place", self.place)  # its sound again, if a quiet screen stopped it
            self.arrival.stop()
            self.lines_view.arrival = 1.0
            self.scene_fade.stop()
            self._veil = None
            if self.typing:
                self.finish_line()
                self.sync()
            self.arm_reader()

    @property
    def place(self) -> str | None:  # type: ignore[override]
        """The scene's background (its sound plays while the story shows); "" in a chat. The
        screen says it itself (as a scene starts, and when shown again), so the app need not."""
        scene = self.pt.scene
        if scene is None:
            return None
        return "" if scene.kind == "chat" else (scene.background or "")

    @property
    def reading(self) -> bool:
        return self.revealed < len(self.pt.lines)

    @property
    def typing(self) -> bool:
        """The newest line is still typing in (the choices wait for it)."""
        return self.typed is not None

    def shown(self) -> list[Shown]:
        scene, spotted = self.pt.scene, set(self.pt.spotted)
        owner = scene.phone if scene is not None else None
        return [Shown(line, self._speaker(line.speaker), line.speaker == owner, line.id in spotted)
                for line in self.pt.lines[:self.revealed]]

    def _speaker(self, speaker: str) -> str | None:
        name = self.story.speaker_name(speaker)
        character = self.story.characters.get(speaker)
        if name and character is not None and character.role == "player":
            return f"{name} (you)"
        return name

    def sync(self) -> None:
        """Bring the widgets in line with the playthrough (after any step)."""
        scene = self.pt.scene
        if scene is not None and scene.id != self.scene_id:
            self.scene_id = scene.id
            self.lines_view.mode = "chat" if scene.kind == "chat" else "place"
            self.lines_view.app_name = scene.app
            self.backdrop = scene.background
            self.choice_buttons = []
            self.say("place", "" if scene.kind == "chat" else (scene.background or ""))
            self.begin_scene_fade()
        if scene is not None and not self.choice_buttons:
            choices = self.pt.choices
            if len(choices) == 1 and choices[0].is_continue:
                self.choice_buttons = [Button("Continue (Enter)", lambda: self.choose(0), variant="primary")]
            else:
                self.choice_buttons = [ChoiceButton(f"{i + 1}.  {c.text}", self._chooser(i))
                                       for i, c in enumerate(choices)]
        self.picked = max(0, min(self.picked, self.revealed - 1))
        if self.typing and self.typing_index != self.revealed - 1:  # the lines changed under it
            self.finish_line()
        self.lines_view.items = self.shown()
        if scene is not None:
            self.stage.cast = stage_cast(self.story.characters, scene.present, self.pt.lines[:self.revealed])
        self.lines_view.typed = self.typed
        self.lines_view.focus_index = self.picked if self.revealed else None
        if self.card is not None:
            self.card_panel.kind = self.card.kind
            self.card_title.text = self.card.title
            self.card_text.paragraphs = [Paragraph(self.card.text)]
            self.card_text.offset = 0
        self.hint.text = READING_HINT if self.reading or self.typing else CHOOSING_HINT
        self.relayout()

    def _chooser(self, index: int) -> Callable[[], Action | None]:
        return lambda: self.choose(index)

    # -- motion and what is said ----------------------------------------------------------------
    def say(self, event: str, text: str) -> None:
        """Tell sound, speech and captions (at the first tick when the screen is not shown yet)."""
        if self.live and self.ui is not None:
            self.ui.emit(event, text)
        else:
            self.said.append((event, text))

    def say_newest(self) -> None:
        """The newest line has just appeared: "Name: text" (or the narration); a chat message
        from someone else is a ``message`` too."""
        if not self.revealed:
            return
        line, scene = self.pt.lines[self.revealed - 1], self.pt.scene
        name = self.story.speaker_name(line.speaker)
        words = f"{name}: {line.text}" if name else line.text
        if scene is not None and scene.kind == "chat" and name and line.speaker != scene.phone:
            self.say("message", words)
        self.say("line", words)

    def start_line(self) -> None:
        """The newest line begins to appear: it types in (or shows whole with reduced motion or
        text speed 0); in a chat its bubble slides up."""
        assert self.ui is not None
        settings, motion = self.ui.settings, self.ui.theme.motion
        self.reader.stop()
        self.arrival.stop()
        self.lines_view.arrival = 1.0
        if not self.revealed:
            self.finish_line()
            return
        line, scene = self.pt.lines[self.revealed - 1], self.pt.scene
        ends = word_ends(line.text)
        if settings.reduced_motion or settings.text_speed <= 0 or not ends:
            self.finish_line()
        else:
            self.typed, self.typing_index = 0, self.revealed - 1
            self.typer.begin(math.ceil(ends[-1] * 1000 / settings.text_speed))
        if scene is not None and scene.kind == "chat" and self.story.speaker_name(line.speaker):
            self.arrival.begin(motion.fade)
            self.lines_view.arrival = 0.0 if self.arrival.on else 1.0

    def finish_line(self) -> None:
        """The newest line shows in full; moving on by itself may start counting."""
        self.typed = self.typing_index = None
        self.typer.stop()
        self.lines_view.typed = None
        self.arm_reader()

    def complete_line(self) -> None:
        """A key or click while the line types in: show it whole at once, and do nothing else."""
        self.finish_line()
        self.sync()
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

    def _next_word_ms(self) -> int:
        assert self.ui is not None and self.typing_index is not None
        ends = word_ends(self.pt.lines[self.typing_index].text)
        due = next((e for e in ends if e > (self.typed or 0)), ends[-1])
        speed = max(self.ui.settings.text_speed, 1e-6)
        return max(0, math.ceil(due * 1000 / speed) - self.typer.elapsed(self.now))

    def _type_to(self, now_ms: int) -> bool:
        """Show the words typed by ``now_ms``; True when the picture changed."""
        assert self.ui is not None and self.typing_index is not None
        settings = self.ui.settings
        ends = word_ends(self.pt.lines[self.typing_index].text)
        if settings.reduced_motion or settings.text_speed <= 0:
            self.complete_line()
            return True
        chars = self.typer.elapsed(now_ms) * settings.text_speed / 1000
        if chars >= ends[-1]:
            self.complete_line()
            return True
        shown = max((e for e in ends if e <= chars), default=0)
        if shown == self.typed:
            return False
        self.typed = self.lines_view.typed = shown
        return True

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
            waits.append(self._next_word_ms())
        if self.arrival.on or self.scene_fade.on:
            waits.append(motion.frame)
        if self.reader.on:
            waits.append(self.reader.left(self.now))
        pulse = self.pulse.wake_after_ms(self.focus.focused, motion)
        if pulse is not None:
            waits.append(pulse)
        return max(0, min(waits)) if waits else None

    def tick(self, now_ms: int) -> None:
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
            self.lines_view.arrival = self.arrival.progress(now_ms)
            if self.lines_view.arrival >= 1:
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
        if after is not before and after is not None:  # e.g. the choices came once the line was whole
            self.ui.emit("focus", spoken_label(after))
        if changed:
            self.dirty = True

    # -- what the pupil does ------------------------------------------------------------------
    def autosave(self) -> None:
        if self.store is not None:
            self.store.write(self.pt, {"revealed": self.revealed})

    def reveal_next(self) -> Action | None:
        if self.typing:
            self.complete_line()
            return None
        if self.reading:
            self.revealed += 1
            self.picked = self.revealed - 1
            self.choices_armed = self.reading or len(self.pt.choices) == 1
            self.autosave()
            self.start_line()
            self.sync()
            self.say_newest()
        return None

    def spot_picked(self) -> Action | None:
        if not self.revealed:
            return None
        line = self.pt.lines[self.picked]
        spot = self.pt.spot(line.id)
        self.autosave()
        kind = "spot-sign" if spot.is_sign else "spot"
        self.card = Card(kind, spot.title, spot.text, self.close_card_only)
        self.reader.stop()
        self.sync()
        if spot.is_sign and not spot.already:
            self.say("spotted", f"{spot.title}. {spot.text}")
        else:
            self.say("feedback", spot.text)
        return None

    def choose(self, index: int) -> Action | None:
        if self.reading or self.typing or self.card is not None or not 0 <= index < len(self.pt.choices):
            return None
        pause = self.discussion_pause()
        if pause is not None:
            return pause
        choice = self.pt.choose(index)
        if self.pt.finished:
            self.end_save()
        else:
            self.autosave_new_scene()
        self.resumed = False  # the engine took a step from the save and saved it again
        if choice.feedback:
            self.card = Card("feedback", choice.text, choice.feedback, self.after_choice)
            self.frozen = True
            self.sync_card_only()
            self.say("feedback", choice.feedback)
            return None
        return self.after_choice()

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

    def sync_card_only(self) -> None:
        """Show the feedback card over the scene the choice was made in (the lines stay as they were)."""
        assert self.card is not None
        self.card_panel.kind = self.card.kind
        self.card_title.text = self.card.title
        self.card_text.paragraphs = [Paragraph(self.card.text)]
        self.card_text.offset = 0
        self.relayout()

    def after_choice(self) -> Action | None:
        self.card, self.frozen = None, False
        self.discussed.clear()  # a scene visited again gets its pause again
        if self.pt.finished:
            return self.finish()
        self.revealed = min(1, len(self.pt.lines))
        self.picked = 0
        self.scene_id = None
        self.start_line()
        self.sync()
        self.say_newest()
        return None

    def finish(self) -> Action:
        from game.ui.screens.debrief import DebriefScreen

        self.end_save()
        return Replace(DebriefScreen(self.story, self.pt.debrief(), self.store))

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
        self.card, self.frozen = None, False
        self.scene_id = None
        self.revealed = len(self.pt.lines)
        self.picked = self.revealed - 1
        self.finish_line()
        self.autosave()
        self.sync()
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

        return Push(HistoryScreen(self.pt.history()))

    def screen_text(self) -> str:
        """The scene so far as plain text (the clipboard and the text-only view): each line with
        who says it, then the open feedback card or the choices."""
        parts = [f"{item.speaker}: {item.line.text}" if item.speaker else item.line.text for item in self.shown()]
        if self.card is not None:
            parts += [self.card.title, self.card.text]
        elif not self.reading and not self.typing:
            parts += [b.label for b in self.choice_buttons]
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
        return Replace(LeavingHelpScreen(DebriefScreen(self.story, self.pt.debrief(), self.store)))

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
            if key in self.card_text.SCROLL_KEYS:
                self.card_text.handle_key(self.ui, key)
                return None
            if key in ACTIVATE_KEYS or key in BUTTON_KEYS:
                return super().handle_key(event)
            return None
        if key == pygame.K_s:
            return self.spot_picked()
        if key in (pygame.K_UP, pygame.K_DOWN):
            self.picked = max(0, min(self.revealed - 1, self.picked + (1 if key == pygame.K_DOWN else -1)))
            self.sync()
            return None
        if key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            self.lines_view.scroll_by(self.ui, self.lines_view.rect.height * (1 if key == pygame.K_PAGEDOWN else -1))
            return None
        if key in NUMBER_KEYS:
            return self.choose(NUMBER_KEYS[key])
        if key in ACTIVATE_KEYS and not self.choices_armed and self.focus.focused in self.choice_buttons:
            self.choices_armed = True  # swallow the Enter that was meant for "next line"
            return None
        if key in BUTTON_KEYS:
            self.choices_armed = True
        if key in ACTIVATE_KEYS or key in BUTTON_KEYS:
            return super().handle_key(event)
        return None

    def handle(self, event: pygame.event.Event) -> Action | None:
        assert self.ui is not None
        if event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP) and self.reader.on:
            self.reader.begin(self.reader.length)
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1 and self.typing and self.card is None \
                and self.widget_at(event.pos) not in self.top_row.buttons:
            self.pressed = None
            self.complete_line()  # the click shows the line whole; it does not also read on or choose
            return None
        if event.type == pygame.MOUSEWHEEL and self.card is None:
            self.dirty |= self.lines_view.scroll_by(self.ui, -event.y * 3 * self.ui.text.line_height(
                self.ui.theme.font_size("body")))
            return None
        return super().handle(event)

    def on_click_elsewhere(self, pos: tuple[int, int]) -> Action | None:
        assert self.ui is not None
        if self.card is not None:
            return None
        hit = self.lines_view.item_at(self.ui, pos) if self.lines_view in self.widgets else None
        if hit is not None:
            self.picked = hit
            self.sync()
            return None
        return self.reveal_next()

    # -- layout -------------------------------------------------------------------------------
    def _actions(self) -> tuple[list[Button], list[Button]]:
        """(the row of small actions, the stacked choices) for the current phase."""
        single = len(self.choice_buttons) == 1
        if self.reading or self.typing:
            return [self.next, self.flag], []
        if single:
            return [self.choice_buttons[0], self.flag], []
        return [self.flag], list(self.choice_buttons)

    def _row_with_extras(self, row: list[Button], width: int) -> list[Button]:
        """Add "Story so far" and "Back a step" to the row when they fit on the same line."""
        assert self.ui is not None
        extras = [self.history_button] + ([self.undo_button] if self.pt.steps else [])
        one_row = ButtonRow(row).measure(self.ui, width)[1]
        for n in range(len(extras), 0, -1):
            if ButtonRow(row + extras[:n]).measure(self.ui, width)[1] <= one_row:
                return row + extras[:n]
        return row

    def _stack_actions(self, x: int, y: int, width: int, room: int) -> tuple[int, list[Widget]]:
        """Place the actions from ``y`` down; returns (their height, the widgets used). Leaves out
        the row of small actions and then the hint when the choices need the room."""
        assert self.ui is not None
        if self.frozen:
            return 0, []
        ui, sp = self.ui, self.ui.theme.spacing
        row, choices = self._actions()
        row = self._row_with_extras(row, width)
        hint_h = self.hint.preferred_size(ui, width)[1]
        choice_hs = [b.preferred_size(ui, width)[1] for b in choices]
        choices_h = sum(choice_hs) + sp.m * max(0, len(choices) - 1)
        row_h = ButtonRow(row, gap="m").measure(ui, width)[1]
        parts = [("choices", choices_h), ("row", row_h), ("hint", hint_h)]
        if not choices:  # before the row can give way: while reading, the row is what moves on
            parts = [p for p in parts if p[0] != "choices"]
        while len(parts) > 1 and sum(h for _, h in parts) + sp.m * (len(parts) - 1) > room:
            parts.pop()
        used: list[Widget] = []
        top = y
        for name, h in parts:
            if name == "choices":
                for b, bh in zip(choices, choice_hs, strict=True):
                    b.rect = pygame.Rect(x, y, width, bh)
                    y += bh + sp.m
                used += choices
            elif name == "row":
                ButtonRow(row, gap="m").place(ui, pygame.Rect(x, y, width, h))
                used += row
                y += h + sp.m
            else:
                self.hint.rect = pygame.Rect(x, y, width, h)
                used.append(self.hint)
                y += h + sp.m
        return max(0, y - sp.m - top), used

    def _measure_actions(self, width: int, room: int) -> int:
        return self._stack_actions(0, 0, width, room)[0]

    def _action_room(self, width: int, room: int, keep: int) -> int:
        """The room the actions may take: all of ``room`` but ``keep`` (for at least one line),
        unless the choices alone need more: then the row and the hint give way first, and the
        lines give only what the choices need."""
        reserved = room - keep
        if self._measure_actions(width, reserved) <= reserved:
            return reserved
        return min(room, max(reserved, self._measure_actions(width, 0)))  # room 0: the choices alone

    def _picked_height(self, width: int) -> int:
        """The height of the picked line (else the last) in the lines view at ``width``."""
        assert self.ui is not None
        boxes = self.lines_view._item_boxes(self.ui, width)
        if not boxes:
            return 0
        index = self.lines_view.focus_index if self.lines_view.focus_index is not None else len(boxes) - 1
        return boxes[min(index, len(boxes) - 1)][0].height + 2 * self.ui.theme.spacing.s

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        assert self.ui is not None
        ui, m, sp = self.ui, self.margin(), self.ui.theme.spacing
        top = self.place_top_bar(None, self.top_row)
        width, bottom = size[0] - 2 * m, size[1] - m
        view = self.lines_view
        one_line = ui.text.one_line(ui.theme.font_size("body")) + ui.text.one_line(
            ui.theme.font_size("small")) + sp.xs + 2 * sp.s  # the smallest useful view: one line
        content: list[Widget] = []
        if view.mode == "place":
            pw = min(width, 1240)
            px, pad = size[0] // 2 - pw // 2, sp.l
            inner = pw - 2 * pad
            room = bottom - top - 2 * pad
            # Keep room for the whole picked line (up to half the panel), not just one row, so
            # the line a pupil is reading or flagging is never shown cut in half.
            keep = (max(one_line, min(self._picked_height(inner + 2 * sp.m), room // 2)) + sp.m) if view.items else 0
            act_room = self._action_room(inner, room, keep)
            actions_h = self._measure_actions(inner, act_room)
            needed = view.content_height(ui, inner + 2 * sp.m) - 2 * sp.m
            lines_h = min(needed, room - actions_h - sp.m)
            # A single narration line (no name row) is shorter than `one_line`: it must still show.
            show_lines = bool(view.items) and lines_h >= min(one_line, needed)
            panel_h = 2 * pad + actions_h + ((lines_h + sp.m) if show_lines else 0)
            if not actions_h:
                panel_h -= sp.m
            self.panel.rect = pygame.Rect(px, bottom - panel_h, pw, panel_h)
            y = self.panel.rect.y + pad
            if show_lines:
                view.rect = pygame.Rect(px + pad - sp.m, y - sp.m, inner + 2 * sp.m, lines_h + 2 * sp.m)
                y += lines_h + sp.m
            _, used = self._stack_actions(px + pad, y, inner, act_room)
            self.stage.rect = pygame.Rect(px, top, pw, max(0, self.panel.rect.top - top))
            content = [self.stage, self.panel, *([view] if show_lines else []), *used]
        else:
            view.show_header = True
            keep = one_line + view.header_height(ui) + 2 * sp.m
            side = width >= 2 * 460 + sp.xl and ui.theme.text_scale < 1.6
            if side:  # the phone on the left, the actions beside it
                phone_w = min(640, (width - sp.xl) // 2)
                act_w = min(720, width - phone_w - sp.xl)
                x0 = size[0] // 2 - (phone_w + sp.xl + act_w) // 2
                view.rect = pygame.Rect(x0, top, phone_w, bottom - top)
                actions_h = self._measure_actions(act_w, bottom - top)
                y = top + max(0, (bottom - top - actions_h) // 2)
                _, used = self._stack_actions(x0 + phone_w + sp.xl, y, act_w, bottom - top)
                content = [view, *used]
            else:  # the phone above the actions
                col_w = min(width, 900)
                x0 = size[0] // 2 - col_w // 2
                act_room = self._action_room(col_w, bottom - top, keep + sp.l)
                # Large text on a short window: the choices stay, and the row, the hint and then
                # the app bar give way before the phone itself does.
                if bottom - top - act_room - sp.l < keep:
                    keep -= view.header_height(ui)
                    view.show_header = False
                actions_h = self._measure_actions(col_w, act_room)
                phone_h = bottom - top - actions_h - (sp.l if actions_h else 0)
                used = self._stack_actions(x0, bottom - actions_h, col_w, act_room)[1]
                view.rect = pygame.Rect(x0, top, col_w, max(0, phone_h))
                content = [*([view] if phone_h >= keep else []), *used]
            if self.backdrop and used:  # text never sits on a picture: a panel behind the actions
                box = used[0].rect.unionall([w.rect for w in used[1:]])
                self.actions_panel.rect = box.inflate(2 * sp.m, 2 * sp.m)
                content.insert(content.index(used[0]), self.actions_panel)
        view.follow_focus(ui)
        card: list[Widget] = []
        if self.card is not None:
            card = self._layout_card(top, bottom, width)
        view.show_focus = self.card is None
        # Under a card the scene is only a picture: its buttons cannot be clicked through the veil.
        self.behind = content if self.card is not None else []
        self.set_focus_widgets((card if self.card is not None else content) + self.top_row.buttons)

    def _layout_card(self, top: int, bottom: int, width: int) -> list[Widget]:
        assert self.ui is not None
        ui, sp = self.ui, self.ui.theme.spacing
        cw = min(width, 900)
        self.card_button.label = "Continue (Enter)" if self.card and self.card.kind == "feedback" \
            else "Back to the story (Enter)"
        # Roomy padding, unless the text would then get less than one line (a short window, large text).
        for pad in (sp.xl if cw >= 700 else sp.l, sp.m):
            inner = cw - 2 * pad
            title_h = self.card_title.preferred_size(ui, inner)[1] if self.card_title.text else 0
            button_w, button_h = self.card_button.preferred_size(ui, inner)
            room = bottom - top - 2 * pad - sp.xs - title_h - 2 * sp.l - button_h
            if room >= ui.text.one_line(ui.theme.font_size("body")):
                break
        self.card_text.rect = pygame.Rect(0, 0, inner, 10_000)
        text_h = max(0, min(self.card_text.content_height(ui), room))
        ch = 2 * pad + sp.xs + title_h + sp.l + text_h + sp.l + button_h
        x, y = self.size[0] // 2 - cw // 2, top + max(0, (bottom - top - ch) // 2)
        self.card_panel.rect = pygame.Rect(x, y, cw, ch)
        self.card_title.rect = pygame.Rect(x + pad, y + pad + sp.xs, inner, title_h)
        self.card_text.rect = pygame.Rect(x + pad, self.card_title.rect.bottom + sp.l, inner, text_h)
        self.card_button.rect = pygame.Rect(x + cw - pad - button_w, self.card_text.rect.bottom + sp.l,
                                            button_w, button_h)
        title = [self.card_title] if self.card_title.text else []
        return [self.card_panel, *title, self.card_text, self.card_button]

    def set_focus_widgets(self, widgets: list[Widget]) -> None:
        """Set the widgets, keeping the focused button when it is still there, else the first."""
        before = self.focus.focused
        if self.card is not None:
            order = [self.card_button, *self.top_row.buttons]
        else:
            order = [w for w in widgets if isinstance(w, Button) and w not in self.top_row.buttons]
            order += self.top_row.buttons
        self.set_widgets(widgets, order)
        self.scroll = self.card_text if self.card is not None else None
        if before in self.focus.widgets:
            self.focus.focus(before)

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
        image = background_image(self.backdrop, self.size, self.ui.theme.colours.backdrop_wash)
        if image is not None:
            surface.blit(image, (0, 0))
        else:
            surface.fill(self.ui.theme.colours.rest_background)
        for w in self.behind:
            w.draw(surface, self.ui)
