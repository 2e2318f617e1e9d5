"""How the play screen moves: a line typing in word by word, a chat's "typing" bubble and its
message sliding in, a scene fading in from its picture, moving on by itself after a calm reading
time, and the focused button's breathing glow. All of it is off with reduced motion, and no frame
is asked for while nothing moves (``wake_after_ms`` is None).

``PlayMotion`` is a part of PlayScreen (game/ui/screens/play.py), kept apart so each stays small:
it reads and sets the screen's state (``revealed``, ``typed``, the phone, the timers).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pygame

from game.ui.pictures import background_image
from game.ui.play.timing import word_ends
from game.ui.screen import Action
from game.ui.widgets import spoken_label

if TYPE_CHECKING:
    from game.ui.screens.play import PlayScreen

TYPING_MS = (500, 14, 1500)  # a chat's "typing" bubble: a base, per character of the message, at most


class PlayMotion:
    def start_line(self: PlayScreen) -> None:
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

    def finish_line(self: PlayScreen) -> None:
        """The newest line shows in full (a chat message arrives); moving on by itself may start."""
        was_typing_chat = self.typing and self.in_chat
        self.typed = self.typing_index = None
        self.typer.stop()
        if was_typing_chat and self.ui is not None and self.ui.theme.motion.fade:
            self.arrival.begin(self.ui.theme.motion.fade)
            self.phone.arrival = 0.0
        self.arm_reader()

    def complete_line(self: PlayScreen) -> None:
        """A key or click while the line types in: show it whole at once, and do nothing else."""
        self.finish_line()
        self.sync()
        if self.in_chat and self.ui is not None:
            self.phone.show_newest(self.ui)
        self.dirty = True

    def arm_reader(self: PlayScreen) -> None:
        """Moving on by itself (when the pupil turned it on): after a calm reading time of the
        line showing, the next line; never a choice, never over a card."""
        if self.ui is None:
            return
        if self.ui.settings.auto_advance and self.reading and self.revealed and self.card is None \
                and not self.typing:
            self.reader.begin(self.ui.theme.motion.read_ms(self.pt.lines[self.revealed - 1].text))
        else:
            self.reader.stop()

    def begin_scene_fade(self: PlayScreen) -> None:
        assert self.ui is not None
        self._veil = None
        if self.card is None:
            self.scene_fade.begin(self.ui.theme.motion.scene)
        else:
            self.scene_fade.stop()

    def wake_after_ms(self: PlayScreen) -> int | None:
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

    def _next_word_ms(self: PlayScreen) -> int:
        assert self.ui is not None and self.typing_index is not None
        ends = word_ends(self.pt.lines[self.typing_index].text)
        due = next((e for e in ends if e > (self.typed or 0)), ends[-1])
        speed = max(self.ui.settings.text_speed, 1e-6)
        return max(0, math.ceil(due * 1000 / speed) - self.typer.elapsed(self.now))

    def _type_to(self: PlayScreen, now_ms: int) -> bool:
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

    def tick(self: PlayScreen, now_ms: int) -> Action | None:
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

    def draw(self: PlayScreen, surface: pygame.Surface) -> None:
        """The scenery (draw_decor paints the whole window: no fill first), then the widgets; while
        a new scene fades in, its background is laid over it, thinning out (the top row of buttons
        stays as it is)."""
        assert self.ui is not None
        self.draw_decor(surface)
        if not self.scene_fade.on:
            for w in self.widgets:
                w.draw(surface, self.ui, focused=w is self.focus.focused, hovered=w is self.hover)
            return
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

    def _scene_veil(self: PlayScreen, size: tuple[int, int]) -> pygame.Surface:
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

    def draw_decor(self: PlayScreen, surface: pygame.Surface) -> None:
        assert self.ui is not None
        if self.frozen and self.frozen_picture is not None:
            picture = self.frozen_picture
            if picture.get_size() != surface.get_size():  # the window changed size under the card
                picture = pygame.transform.smoothscale(picture, surface.get_size())
            surface.blit(picture, (0, 0))
            return
        image = background_image(self.backdrop, self.size, self.ui.theme.colours.backdrop_wash)
        self.stage.picture, self.stage.fill = image, self.ui.theme.colours.rest_background
        if self.stage not in self.widgets and self.stage not in self.behind:  # else the stage draws it
            if image is not None:
                surface.blit(image, (0, 0))
            else:
                surface.fill(self.ui.theme.colours.rest_background)
        for w in self.behind:
            w.draw(surface, self.ui)
