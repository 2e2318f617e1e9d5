"""Motion in the play screen, on the pilot's virtual clock (it moves only when told): lines type
in at the pupil's text speed, a key shows them whole, moving on by itself, chat messages sliding
in, scenes fading in, the focus ring breathing; none of it with reduced motion. And what the
screen says on the event channel for sound, speech and captions."""

from __future__ import annotations

import os
from dataclasses import replace

import pygame
import pytest

from game.settings import Settings
from game.story.runtime import Playthrough
from game.ui.pictures import background_image
from game.ui.pilot import Pilot, run_test
from game.ui.play.timing import word_ends
from game.ui.screen import Push
from game.ui.screens.pause import PauseScreen
from game.ui.screens.play import PlayScreen
from game.ui.text import TextCache
from game.ui.theme import CONTROL_CONTRAST, LIGHT, contrast_ratio
from game.ui.widgets import Button, FocusPulse, Ui

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

MOVING = Settings()  # the built-in defaults: text speed 40, motion on, moving on by itself off
STILL = Settings(reduced_motion=True)


def start(pilot: Pilot, story, pt: Playthrough | None = None, revealed: int | None = None) -> PlayScreen:
    """The story in the writer's order of choices (so "1" is the file's first choice)."""
    pt = pt if pt is not None else Playthrough(story, 3, shuffle=False)
    pilot.app.apply(Push(PlayScreen(story, pt, None, revealed)))
    pilot.step()
    assert isinstance(pilot.screen, PlayScreen)
    return pilot.screen


def settle(pilot: Pilot, limit_ms: int = 60_000) -> None:
    """Let virtual time run until the screen asks for no more frames."""
    spent = 0
    while (wake := pilot.app.wake_after_ms()) is not None:
        assert spent <= limit_ms, "the screen never came to rest"
        pilot.advance(max(1, wake))
        spent += max(1, wake)


def record(pilot: Pilot) -> list[tuple[str, str]]:
    heard: list[tuple[str, str]] = []
    pilot.app.ui.listeners.append(lambda event, text: heard.append((event, text)))
    return heard


STORY_EVENTS = ("line", "message", "place", "spotted", "feedback")


def story_said(heard: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [e for e in heard if e[0] in STORY_EVENTS]


def near(a, b, within: int = 2) -> bool:
    """Two colours the same but for alpha blending's rounding."""
    return all(abs(x - y) <= within for x, y in zip(a[:3], b[:3], strict=True))


def type_ms(text: str, speed: float) -> int:
    """How long a line takes to type in completely at ``speed`` characters a second."""
    return -(-word_ends(text)[-1] * 1000 // int(speed))


# -- text speed -----------------------------------------------------------------------------------
@pytest.mark.parametrize("speed", [40.0, 15.0])
def test_a_line_types_in_a_word_at_a_time_at_the_text_speed(story, speed):
    with run_test(size=(1280, 720), settings=replace(MOVING, text_speed=speed)) as pilot:
        play = start(pilot, story)
        text = play.pt.lines[0].text
        assert play.typed == 0 and play.box.line.typed == 0
        half = len(text) / 2
        pilot.advance(round(half * 1000 / speed))  # half the characters' time
        whole_words = max(e for e in word_ends(text) if e <= half)
        longest = max(len(w) for w in text.split())
        assert play.typed == whole_words and half - longest <= play.typed <= half
        assert play.box.line.typed == play.typed and text[play.typed - 1] != " "
        pilot.advance(type_ms(text, speed) - pilot.now - 1)
        assert play.typing
        pilot.advance(1)
        assert not play.typing and play.box.line.typed is None


def test_the_words_shown_while_typing_are_drawn_and_the_rest_is_not(story):
    with run_test(size=(1280, 720), settings=MOVING) as pilot:
        play = start(pilot, story)
        settle(pilot)
        pilot.press("space")  # Mia's line begins: nothing of it is drawn yet
        box = play.box.line.rect.copy()
        empty = pygame.image.tobytes(pilot.snapshot().subsurface(box), "RGB")
        pilot.advance(type_ms(play.pt.lines[1].text, 40) // 2)
        half = pygame.image.tobytes(pilot.snapshot().subsurface(box), "RGB")
        settle(pilot)
        whole = pygame.image.tobytes(pilot.snapshot().subsurface(box), "RGB")
        assert empty != half != whole
        assert play.box.line.rect == box  # the box was the whole line's from the start: nothing reflows


def test_a_key_or_a_click_while_typing_shows_the_line_whole_and_does_nothing_else(story):
    with run_test(size=(1280, 720), settings=MOVING) as pilot:
        play = start(pilot, story)
        pilot.press("space")  # the first line shows whole; nothing else
        assert play.revealed == 1 and not play.typing
        pilot.press("enter")  # now it reads on
        assert play.revealed == 2 and play.typing
        pilot.click(play.box.line.rect.center)  # a click on the line shows it whole
        assert play.revealed == 2 and not play.typing
        pilot.press("space")
        assert play.revealed == 3 and play.typing
        pilot.press("s")  # even S: it only shows the line whole (flagging needs the whole line read)
        assert play.card is None and not play.pt.spotted and not play.typing
        pilot.press("space")
        assert play.revealed == 4 and play.typing  # the last line: no choices while it types in
        assert not any(b in play.widgets for b in play.menu.buttons)
        pilot.press("1")  # a number shows the line whole; it does not choose
        assert play.pt.scene.id == "lunch" and play.card is None and not play.typing
        assert play.menu.buttons and all(b in play.widgets for b in play.menu.buttons)
        pilot.press("1")
        assert play.card is not None and play.card.kind == "feedback"


def test_the_choices_come_once_the_last_line_is_whole_with_none_picked(story):
    with run_test(size=(1280, 720), settings=MOVING) as pilot:
        play = start(pilot, story)
        heard = record(pilot)
        for _ in range(3):
            pilot.press("space", "space")
        assert play.revealed == 4 and play.typing and play.focus.focused is play.next
        settle(pilot)
        assert play.choosing and play.focus.focused is None and play.next not in play.widgets
        assert not any(label == b.label for e, label in heard if e == "focus" for b in play.menu.buttons)
        pilot.press("enter", "space")  # the presses meant for "next line" do not choose
        assert play.card is None and play.pt.steps == 0
        pilot.press("down")  # the first arrow picks choice 1, and says so
        assert play.focus.focused is play.menu.buttons[0]
        assert ("focus", play.menu.buttons[0].label) in heard
        pilot.press("enter")  # now Enter takes it
        assert play.card is not None


def test_text_speed_0_shows_whole_lines(story):
    with run_test(size=(1280, 720), settings=replace(MOVING, text_speed=0)) as pilot:
        play = start(pilot, story)
        assert not play.typing
        pilot.press("space")
        assert play.revealed == 2 and not play.typing


# -- reduced motion -------------------------------------------------------------------------------
def test_reduced_motion_shows_whole_lines_and_asks_for_no_frames(story):
    with run_test(size=(1280, 720), settings=replace(STILL, text_speed=40)) as pilot:
        play = start(pilot, story)
        assert not play.typing and play.wake_after_ms() is None
        settle(pilot)  # the place's caption runs out (captions are not motion)
        frames = pilot.app.frames
        for _ in range(5):
            pilot.advance(1000)
        assert pilot.app.frames == frames  # idle: nothing drawn
        for key in ("space", "tab", "right", "down"):
            pilot.press(key)
            assert not play.typing and play.wake_after_ms() is None, key
        assert all(b.glow == 0 for b in play.focus.widgets if isinstance(b, Button))
        pt = Playthrough(story, shuffle=False)
        pt.choose(1)  # the chat scene
        chat = start(pilot, story, pt)
        assert chat.in_chat
        pilot.press("space")  # Jay's message: no "typing" bubble, no slide, at once
        assert chat.phone.arrival == 1.0 and chat.phone.typing_from is None and not chat.scene_fade.on
        assert chat.shown()[-1].line.speaker == "jay"
        assert chat.wake_after_ms() is None


def test_with_motion_on_the_screen_comes_to_rest_and_then_asks_for_nothing(story):
    with run_test(size=(1280, 720), settings=MOVING) as pilot:
        play = start(pilot, story)
        assert play.wake_after_ms() is not None  # the scene fades in, the line types in
        settle(pilot)
        frames = pilot.app.frames
        for _ in range(5):
            pilot.advance(1000)
        assert pilot.app.frames == frames and not play.typing


# -- moving on by itself --------------------------------------------------------------------------
def test_moving_on_by_itself_waits_a_calm_reading_time_then_shows_the_next_line(story):
    with run_test(size=(1280, 720), settings=replace(MOVING, auto_advance=True)) as pilot:
        play = start(pilot, story)
        motion = pilot.app.ui.theme.motion
        first = play.pt.lines[0].text
        pilot.advance(type_ms(first, 40))
        assert not play.typing and play.revealed == 1
        read = motion.read_ms(first)
        assert read == motion.read_base + motion.read_per_char * len(first) >= 1200
        pilot.advance(read - 1)
        assert play.revealed == 1
        pilot.advance(1)
        assert play.revealed == 2 and play.typing  # the next line types in, then waits again


def test_moving_on_by_itself_stops_at_the_choices_and_never_chooses(story):
    with run_test(size=(1280, 720), settings=replace(STILL, auto_advance=True)) as pilot:
        play = start(pilot, story)
        for _ in range(len(play.pt.lines) - 1):
            pilot.advance(play.wake_after_ms())
        assert not play.reading
        assert play.wake_after_ms() is None  # nothing to wait for: the pupil chooses
        pilot.advance(120_000)
        assert play.pt.scene.id == "lunch" and play.card is None and not play.pt.steps


def test_moving_on_by_itself_stops_while_paused_and_waits_afresh_after(story):
    with run_test(size=(1280, 720), settings=replace(STILL, auto_advance=True)) as pilot:
        play = start(pilot, story)
        read = pilot.app.ui.theme.motion.read_ms(play.pt.lines[0].text)
        pilot.advance(read - 200)
        pilot.press("escape")
        assert isinstance(pilot.screen, PauseScreen)
        pilot.advance(120_000)
        assert play.revealed == 1
        pilot.press("escape")  # resume: a whole reading time again, from now
        assert pilot.screen is play
        pilot.advance(read - 1)
        assert play.revealed == 1
        pilot.advance(1)
        assert play.revealed == 2


def test_moving_on_by_itself_waits_while_a_card_is_open_and_after_a_key(story):
    with run_test(size=(1280, 720), settings=replace(STILL, auto_advance=True)) as pilot:
        play = start(pilot, story)
        read = pilot.app.ui.theme.motion.read_ms(play.pt.lines[0].text)
        pilot.press("s")  # a card: nothing moves on under it
        assert play.card is not None
        pilot.advance(60_000)
        assert play.revealed == 1
        pilot.press("enter")
        pilot.advance(read - 100)
        pilot.press("up")  # busy reading: a fresh reading time
        pilot.advance(read - 1)
        assert play.revealed == 1
        pilot.advance(1)
        assert play.revealed == 2


# -- what is said ---------------------------------------------------------------------------------
def test_each_story_event_is_said_once_with_its_words(story):
    with run_test(size=(1280, 720), settings=MOVING) as pilot:
        heard = record(pilot)
        play = start(pilot, story)
        lines = story.scenes["lunch"].lines
        assert [e for e in heard if e[0] != "focus"] == [
            ("screen", heard[0][1]), ("place", "classroom"), ("line", lines[0].text)]
        settle(pilot)
        pilot.resize(1024, 600)  # a relayout and redraws say nothing
        pilot.snapshot()
        pilot.press("space")
        assert story_said(heard)[-1] == ("line", f"Mia: {lines[1].text}")
        settle(pilot)  # typing in and finishing say nothing more
        pilot.press("space", "space", "space", "space")
        assert story_said(heard) == [("place", "classroom"), ("line", lines[0].text), ("line", f"Mia: {lines[1].text}"),
                        ("line", f"Sam: {lines[2].text}"), ("line", f"Mia: {lines[3].text}")]

        pilot.press("s")  # Mia's last line is a sign
        spot = play.card
        assert spot is not None and spot.kind == "spot-sign"
        assert story_said(heard)[-1] == ("spotted", f"{spot.title}. {spot.text}")
        pilot.press("enter", "s")  # flagged again: said kindly, not praised again
        assert play.card.title == "You've already flagged this one"
        assert story_said(heard)[-1] == ("feedback", play.card.text)
        pilot.press("enter", "1")
        feedback = story.scenes["lunch"].choices[0].feedback
        assert story_said(heard)[-1] == ("feedback", feedback)
        before = len(heard)
        pilot.press("enter")  # on to the chat
        messages = story.scenes["messages"].lines
        assert [e for e in heard[before:] if e[0] != "focus"] == [
            ("select", "Continue (Enter)"), ("place", ""), ("line", messages[0].text)]
        pilot.press("space", "space")
        jay = f"Jay: {messages[1].text}"
        assert story_said(heard)[-2:] == [("message", jay), ("line", jay)]
        settle(pilot)
        while play.reading:  # Jay types before each of his messages; Mia's own arrive at once
            pilot.press("space")
            settle(pilot)
        said = [words for kind, words in story_said(heard) if kind == "line"]
        assert said[-len(messages):] == [f"{story.speaker_name(m.speaker)}: {m.text}" if story.speaker_name(m.speaker)
                                         else m.text for m in messages]  # each once, in order
        counted = {kind: sum(1 for e, _ in heard if e == kind) for kind in ("place", "spotted", "message")}
        assert counted == {"place": 2, "spotted": 1, "message": 4}  # Jay's four; none for Mia's own


def test_a_notice_card_on_a_resumed_story_is_said_after_the_screen(story):
    with run_test(size=(1280, 720), settings=MOVING) as pilot:
        heard = record(pilot)
        resumed = Playthrough.start_at(story, "lunch")
        resumed.notice = "The story changed since last time, so it starts again here."
        play = start(pilot, story, resumed)
        assert play.card is not None and play.card.kind == "notice"
        kinds = [e for e, _ in heard if e != "focus"]
        assert kinds == ["screen", "place", "line", "feedback"]
        assert story_said(heard)[-1] == ("feedback", resumed.notice)


# -- chat messages and scenes ---------------------------------------------------------------------
def test_someone_types_for_a_moment_then_their_message_slides_up_and_fades_in(story):
    with run_test(size=(1280, 720), settings=MOVING) as pilot:
        pt = Playthrough(story, shuffle=False)
        pt.choose(1)
        play = start(pilot, story, pt)
        settle(pilot)
        fade = pilot.app.ui.theme.motion.fade
        assert 150 <= fade <= 250
        pilot.press("space")  # Jay's first message: first Jay is "typing"
        view, ui = play.phone, pilot.app.ui
        jay = play.pt.lines[1]
        assert play.typing and view.typing_from is jay and len(view.items) == 1
        typing_ms = play.typer.length
        assert 500 <= typing_ms <= 1500
        dots = pilot.snapshot()
        pilot.advance(typing_ms // 2)
        assert view.dots != 0 or pilot.snapshot() != dots  # the dots move while Jay types
        pilot.advance(typing_ms - typing_ms // 2)
        assert not play.typing and view.typing_from is None and view.items[-1].line is jay
        assert view.arrival == 0.0 and play.wake_after_ms() <= ui.theme.motion.frame
        pilot.advance(fade // 2)
        assert view.arrival == pytest.approx(0.5)
        box, name_h = view.item_rect(ui, 1), view._boxes(ui, view._view(ui).width)[1][1]
        middle = pilot.snapshot().subsurface(box).copy()
        pilot.advance(fade // 2)
        assert view.arrival == 1.0 and not play.arrival.on
        settle(pilot)
        rest = pilot.snapshot().subsurface(box).copy()
        page, bubble = ui.theme.colours.background, ui.theme.colours.surface
        x, top = box.width // 2, name_h + 2
        assert rest.get_at((x, top))[:3] == bubble
        # Half way in, the bubble is half its slide lower and half faded into the phone's page.
        assert middle.get_at((x, top))[:3] == page
        lowered = middle.get_at((x, top + ui.theme.spacing.m // 2))[:3]
        assert lowered not in (page, bubble)


def test_a_new_scene_fades_in_from_its_background(story):
    with run_test(size=(1280, 720), settings=MOVING) as pilot:
        play = start(pilot, story)
        ui = pilot.app.ui
        panel = play.box.rect
        # Inside the dialogue box, right of its words and above Next (no text there).
        spot = (panel.right - ui.theme.radii.large - 4, play.next.rect.top - 6)
        first = pilot.snapshot()
        backdrop = background_image(play.backdrop, pilot.app.size)
        assert backdrop is not None
        assert near(first.get_at(spot), backdrop.get_at(spot))  # only the place at first
        help_button = play.help.rect.center
        pilot.advance(ui.theme.motion.scene // 2)
        middle = pilot.snapshot()
        assert not near(middle.get_at(spot), backdrop.get_at(spot), 8)
        assert not near(middle.get_at(spot), ui.theme.colours.background, 8)
        assert middle.get_at(help_button) == first.get_at(help_button)  # the top row does not fade
        pilot.advance(ui.theme.motion.scene)
        assert not play.scene_fade.on
        assert pilot.snapshot().get_at(spot)[:3] == ui.theme.colours.background  # the panel


# -- the focus ring breathes ----------------------------------------------------------------------
def test_the_focus_ring_breathes_for_a_while_after_the_focus_moves_only_with_motion(story):
    with run_test(size=(1280, 720), settings=MOVING) as pilot:
        play = start(pilot, story)
        settle(pilot)
        motion = pilot.app.ui.theme.motion
        assert play.focus.focused.glow == 0  # a screen appearing does not pulse
        pilot.press("tab")
        moved = pilot.now
        button = play.focus.focused
        assert isinstance(button, Button) and play.wake_after_ms() == motion.frame
        pilot.advance(motion.pulse // 2)
        assert button.glow > 0.9
        frames = pilot.app.frames
        pilot.advance(motion.pulse // 2)
        assert button.glow < 0.1 and pilot.app.frames > frames
        while play.wake_after_ms() is not None:
            assert pilot.now - moved <= motion.pulse_for + motion.frame, "it kept on breathing"
            pilot.advance(play.wake_after_ms())
        assert button.glow == 0 and pilot.now - moved >= motion.pulse_for
        settle(pilot)  # a caption may still be showing
        frames = pilot.app.frames
        pilot.advance(10_000)
        assert pilot.app.frames == frames  # at rest: no frames

    with run_test(size=(1280, 720), settings=STILL) as pilot:
        play = start(pilot, story)
        pilot.press("tab")
        assert play.wake_after_ms() is None and play.focus.focused.glow == 0


def test_the_glow_is_outside_the_ring_so_the_ring_keeps_its_contrast():
    pygame.font.init()
    ui = Ui(LIGHT, TextCache())
    t, c = ui.theme, ui.theme.colours
    button = Button("Next (Space)", lambda: None)
    button.rect = pygame.Rect(60, 60, 200, 56)
    still = pygame.Surface((320, 180))
    still.fill(c.background)
    button.draw(still, ui, focused=True)
    button.glow = 1.0
    glowing = pygame.Surface((320, 180))
    glowing.fill(c.background)
    button.draw(glowing, ui, focused=True)
    grow = t.focus_gap + t.focus_width
    ring = button.rect.inflate(2 * grow, 2 * grow)
    mid_y = ring.centery
    # Across the ring's left side: the gap inside, the ring, and the gap outside are unchanged.
    for x in range(ring.x - t.focus_gap, ring.x + grow):
        assert glowing.get_at((x, mid_y)) == still.get_at((x, mid_y)), x
    assert still.get_at((ring.x + 1, mid_y))[:3] == c.focus_ring
    assert contrast_ratio(c.focus_ring, c.background) >= CONTROL_CONTRAST
    glow_x = ring.x - t.focus_gap - 1  # just beyond the gap: the glow is there
    assert glowing.get_at((glow_x, mid_y)) != still.get_at((glow_x, mid_y))


def test_the_pulse_helper_only_runs_after_a_move_and_stops_with_motion_off():
    motion = LIGHT.motion
    pulse = FocusPulse()
    a, b = Button("A", lambda: None), Button("B", lambda: None)
    assert pulse.wake_after_ms(a, motion) == 0
    pulse.tick(0, a, motion)  # first seen: no pulse
    assert pulse.wake_after_ms(a, motion) is None and a.glow == 0
    pulse.tick(100, b, motion)  # moved: it breathes from now
    assert pulse.wake_after_ms(b, motion) == motion.frame
    assert pulse.tick(100 + motion.pulse // 2, b, motion) and b.glow == pytest.approx(1.0)
    pulse.tick(200 + motion.pulse // 2, a, motion)  # moved back: b rests at once
    assert b.glow == 0
    pulse.tick(300 + motion.pulse // 2, a, motion.still())
    assert a.glow == 0 and pulse.wake_after_ms(a, motion.still()) is None
