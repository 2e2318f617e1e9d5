"""The defects issue 12 found on screen, each pinned by a test, and every screen checked for
overlaps at the window sizes and text sizes pupils use.

Each test names what a pupil saw before: the story text covering the scene, a click landing on a
button that had just moved there, one Space press throwing the debrief away, and so on.
"""

from __future__ import annotations

import os

import pytest

from game.paths import scenes_dir
from game.saves import SaveStore
from game.settings import Settings
from game.story.library import Library
from game.story.runtime import Playthrough
from game.ui.captions import Captions
from game.ui.pilot import run_test
from game.ui.screen import Push
from game.ui.screens.confirm import ConfirmScreen
from game.ui.screens.debrief import DebriefScreen
from game.ui.screens.help import HelpScreen
from game.ui.screens.pause import PauseScreen
from game.ui.screens.play import PlayScreen
from game.ui.screens.title import TitleScreen
from tests.ui_checks import problems

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

STILL = Settings(reduced_motion=True)
STORIES = {s.id: s for s in Library(scenes_dir()).stories()}
EXAMPLE = STORIES["example"]


def play(pilot, story=EXAMPLE, pt=None, revealed=None, store=None) -> PlayScreen:
    screen = PlayScreen(story, pt if pt is not None else Playthrough(story, 3, shuffle=False), store, revealed)
    pilot.app.apply(Push(screen))
    pilot.step()
    return screen


def read_all(pilot, screen: PlayScreen) -> None:
    while screen.reading:
        pilot.press("space")


def chat_playthrough(story=EXAMPLE) -> Playthrough:
    pt = Playthrough(story, 3, shuffle=False)
    while pt.scene is not None and pt.scene.kind != "chat":
        pt.choose(0)
    return pt


# -- the story text covered the scene ------------------------------------------------------------

@pytest.mark.parametrize("sid", sorted(STORIES))
def test_the_stage_keeps_most_of_the_window_even_for_the_longest_line_at_200_percent(sid):
    """At 1280x720 and 200% text the dialogue box takes at most 55% of the window."""
    story = STORIES[sid]
    shown = {sc.id: Playthrough.start_at(story, sc.id, shuffle=False).lines for sc in story.scenes.values()
             if sc.kind == "place"}
    scene_id, index = max(((s, i) for s, lines in shown.items() for i in range(len(lines))),
                          key=lambda si: len(shown[si[0]][si[1]].text))
    with run_test(settings=STILL, size=(1280, 720), text_scale=2.0) as pilot:
        screen = play(pilot, story, Playthrough.start_at(story, scene_id, shuffle=False), revealed=index + 1)
        assert screen.box.line.text == shown[scene_id][index].text
        scene = story.scenes[scene_id]
        assert screen.box.rect.top >= 720 * 45 // 100, (sid, scene.id, screen.box.rect)
        assert not problems(screen, pilot.app.ui, (1280, 720))


# -- buttons moved under the pointer ---------------------------------------------------------------

def test_a_click_on_a_button_that_has_just_moved_under_the_pointer_does_nothing():
    with run_test(settings=STILL, size=(1280, 720)) as pilot:
        screen = play(pilot)
        while len(screen.pt.lines) - screen.revealed > 1:
            pilot.press("space")
        next_at = screen.next.rect.center
        pilot.advance(500)
        pilot.click(next_at)  # the last line: the choices come
        assert screen.choosing and screen.pt.steps == 0
        pilot.click(next_at)  # a second click where Next was: nothing there now
        assert screen.pt.steps == 0 and screen.card is None
        first = screen.menu.buttons[0]
        pilot.click(first)  # a click on a choice that has only just appeared: ignored
        assert screen.pt.steps == 0 and screen.card is None
        pilot.advance(400)
        pilot.click(first)  # a moment later, the pupil means it
        assert screen.pt.steps == 1


@pytest.mark.parametrize(("size", "scale"), [((1280, 720), 1.0), ((1024, 600), 2.0)], ids=str)
def test_between_two_presses_of_next_no_other_button_takes_its_place(size, scale):
    """A pupil clicking Next over and over never clicks something else: after each Next, whatever
    came (the next line, the choices, the next scene) left Next's place empty or Next itself."""
    with run_test(settings=STILL, size=size, text_scale=scale) as pilot:
        screen = play(pilot)
        for _ in range(80):
            if not isinstance(pilot.screen, PlayScreen):
                break
            if screen.card is not None:
                pilot.press("enter")
            elif screen.choosing:
                pilot.press("1")
            else:
                was = screen.next.rect.copy()
                pilot.press("space")
                if pilot.screen is screen and screen.card is None:
                    for w in screen.widgets:
                        if w.focusable and w is not screen.next:
                            assert not w.visible_rect.colliderect(was), (w, was, screen.pt.scene)


def test_flagging_a_message_in_a_chat_moves_nothing():
    with run_test(settings=STILL, size=(1280, 720)) as pilot:
        screen = play(pilot, pt=chat_playthrough(), revealed=5)
        ui = pilot.app.ui
        before = [screen.phone.item_rect(ui, i) for i in range(len(screen.phone.items))]
        offset = screen.phone.offset
        pilot.advance(500)
        pilot.click(screen.phone.item_rect(ui, 2).center)
        assert screen.picked == 2
        pilot.press("s", "enter")
        assert screen.phone.offset == offset
        assert [screen.phone.item_rect(ui, i) for i in range(len(screen.phone.items))] == before


# -- one Space press threw the debrief away -----------------------------------------------------

def test_the_debrief_opens_with_nothing_focused_space_reads_on_and_play_again_asks_first():
    pt = Playthrough(EXAMPLE, 3, shuffle=False)
    while not pt.finished:
        pt.choose(0)
    with run_test(settings=STILL, size=(1024, 600), text_scale=2.0) as pilot:
        pilot.app.apply(Push(DebriefScreen(EXAMPLE, pt.debrief())))
        pilot.step()
        debrief = pilot.screen
        assert debrief.focus.focused is None
        first = [p.text for p in debrief.panes[0].paragraphs[:3]]
        assert first[0] == "It was not Mia's fault" and "not Mia's fault" in first[1]
        offsets = []
        for _ in range(30):  # a pupil pressing on and on
            pilot.press("space")
            offsets.append(sum(p.offset for p in debrief.panes))
            assert pilot.screen is debrief
        assert offsets[0] > 0 and offsets[-1] == max(offsets)  # it read on to the end and stayed
        assert [b.label for b in debrief.bottom.buttons][-1] == "Play again"
        pilot.press("tab", "tab", "tab", "enter")  # Play again, last in the row
        assert isinstance(pilot.screen, ConfirmScreen) and pilot.screen.focus.focused is pilot.screen.no
        pilot.press("enter")  # the safe answer is the default
        assert pilot.screen is debrief


@pytest.mark.parametrize(("size", "scale"), [((1280, 720), 1.0), ((1920, 1080), 1.0)], ids=str)
def test_the_debriefs_first_screenful_is_not_their_fault_what_a_friend_can_do_and_childline(size, scale):
    pt = Playthrough(EXAMPLE, 3, shuffle=False)
    while not pt.finished:
        pt.choose(0)
    with run_test(settings=STILL, size=size, text_scale=scale) as pilot:
        pilot.app.apply(Push(DebriefScreen(EXAMPLE, pt.debrief())))
        pilot.step()
        ui, screen = pilot.app.ui, pilot.screen
        seen = []
        for pane in screen.panes:
            for p, y, font in pane._placed(ui):
                if y + ui.text.measure(p.text, font, pane._text_width(ui)).height <= pane.rect.height:
                    seen.append(p.text)
        words = "\n".join(seen)
        assert "not Mia's fault" in words and "Listen, and tell them you believe them." in words
        assert "Childline" in words and "0800 1111" in words


# -- at 1024x600 with 200% text ------------------------------------------------------------------

def test_feedback_after_a_choice_can_be_read_whole_at_the_smallest_window_and_largest_text():
    story = STORIES["owe-me"]  # long feedback
    choice = max((c for sc in story.scenes.values() for c in sc.choices if c.feedback), key=lambda c: len(c.feedback))
    scene = next(sc for sc in story.scenes.values() if choice in sc.choices)
    with run_test(settings=STILL, size=(1024, 600), text_scale=2.0) as pilot:
        screen = play(pilot, story, Playthrough.start_at(story, scene.id, shuffle=False), revealed=len(scene.lines))
        index = next(i for i, c in enumerate(screen.pt.choices) if c.id == choice.id)
        pilot.press(str(index + 1))
        assert screen.card is not None
        assert screen.feedback.words == [choice.text, choice.feedback]  # the title and all its words
        ui, text = pilot.app.ui, screen.feedback.text
        assert text.rect.height >= ui.text.line_height(ui.theme.font_size("body"))
        if text.max_offset(ui):
            assert screen.feedback.more in screen.widgets and screen.feedback.more.text  # a cue to read on
        for _ in range(20):  # Space reads on, then goes on
            if screen.card is None:
                break
            assert text.offset <= text.max_offset(ui)
            pilot.press("space")
        assert screen.card is None
        assert not problems(screen, ui, (1024, 600))


def test_help_shows_childline_in_its_first_screenful_at_the_smallest_window_and_largest_text():
    with run_test(settings=STILL, size=(1024, 600), text_scale=2.0) as pilot:
        pilot.app.apply(Push(HelpScreen()))
        pilot.step()
        ui, text = pilot.app.ui, pilot.screen.text
        visible = [p.text for p, y, font in text._placed(ui)
                   if y + ui.text.measure(p.text, font, text._text_width(ui)).height <= text.rect.height]
        assert any("Childline" in v and "0800 1111" in v for v in visible), visible


# -- the pause moved its buttons ------------------------------------------------------------------

def test_pause_keeps_every_button_in_its_place_and_quit_asks_first():
    places = {}
    for steps in (0, 1):
        with run_test(settings=STILL, size=(1280, 720)) as pilot:
            pt = Playthrough(EXAMPLE, 3, shuffle=False)
            for _ in range(steps):
                pt.choose(0)
            screen = play(pilot, pt=pt)
            pilot.press("escape")
            pause = pilot.screen
            assert isinstance(pause, PauseScreen)
            assert pause.undo.enabled == bool(steps) and pause.undo in pause.widgets
            places[steps] = {b.label: tuple(b.rect) for b in pause.buttons}
            pilot.advance(500)
            pilot.click(pause.quit)
            assert isinstance(pilot.screen, ConfirmScreen) and pilot.app.running  # asks first
            pilot.press("escape")
            assert pilot.screen is pause and screen is pause.play
    assert places[0] == places[1]


# -- smaller slips --------------------------------------------------------------------------------

def test_the_hint_says_press_a_number_only_when_there_are_choices():
    with run_test(settings=STILL, size=(1280, 720)) as pilot:
        pt = Playthrough.start_at(EXAMPLE, "teacher", shuffle=False)  # one Continue
        screen = play(pilot, pt=pt)
        read_all(pilot, screen)
        assert not screen.choosing and screen.next.label == "Continue (Space)"
        assert screen.hint not in screen.widgets or "number" not in screen.hint.text.lower()
        screen2 = play(pilot)
        read_all(pilot, screen2)
        assert screen2.hint in screen2.widgets and screen2.hint.text == "Press 1 to 2 to choose"


def test_a_chats_choices_come_with_back_a_step():
    with run_test(settings=STILL, size=(1280, 720)) as pilot:
        screen = play(pilot, pt=chat_playthrough())
        read_all(pilot, screen)
        assert screen.in_chat and screen.choosing and screen.undo_button in screen.widgets


def test_the_title_focuses_continue_when_there_is_a_story_to_carry_on():
    store = SaveStore()
    with run_test(settings=STILL) as pilot:
        play(pilot, store=store)
        pilot.press("space")
        assert store.exists()
    with run_test(settings=STILL) as pilot:
        title = pilot.screen
        assert isinstance(title, TitleScreen) and title.focus.focused is title.cont


def test_a_caption_never_crosses_the_dialogue_boxs_edge():
    with run_test(settings=STILL, size=(1280, 720)) as pilot:
        screen = play(pilot)
        surface = pilot.snapshot()
        captions = Captions(pilot.app.ui, lambda: pilot.now)
        captions("place", "school-corridor")
        pill = captions.draw(surface, pilot.app.ui, pilot.now, screen)
        box = screen.box.rect
        assert pill is not None and (not pill.colliderect(box) or box.contains(pill))


# -- every screen, every size ----------------------------------------------------------------------

def every_screen(pilot):
    """Yield (name, screen) for each screen a pupil meets, one after another."""
    yield "title", pilot.screen
    pilot.press("enter")
    yield "content note", pilot.screen
    pilot.press("enter")
    yield "how to play", pilot.screen
    pilot.press("enter")
    yield "picker", pilot.screen
    screen = play(pilot)
    yield "place, reading", screen
    read_all(pilot, screen)
    yield "place, choosing", screen
    pilot.press("s")
    yield "spot card", screen
    pilot.press("enter", "enter", "enter")
    pilot.press("2")
    yield "feedback", screen
    while screen.card is not None:
        pilot.press("enter")
    pilot.press("space")
    yield "chat, reading", screen
    read_all(pilot, screen)
    yield "chat, choosing", screen
    pilot.press("escape")
    yield "pause", pilot.screen
    pilot.press("l")
    yield "story so far", pilot.screen
    pilot.press("escape", "escape", "h")
    yield "help", pilot.screen
    pilot.press("x", "b")
    yield "break", pilot.screen
    pilot.press("x")
    for _ in range(40):
        if screen.pt.finished:
            break
        read_all(pilot, screen)
        pilot.press("1" if screen.choosing else "space")
        while screen.card is not None:
            pilot.press("enter")
    yield "the ending", screen
    read_all(pilot, screen)
    pilot.press("space")
    yield "debrief", pilot.screen


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720), (1920, 1080)], ids=str)
@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_on_every_screen_nothing_overlaps_and_everything_fits(size, scale):
    with run_test(settings=STILL, size=size, text_scale=scale) as pilot:
        found = []
        for name, screen in every_screen(pilot):
            pilot.step()
            found += [f"{name}: {p}" for p in problems(screen, pilot.app.ui, size)]
            labels = {getattr(w, "label", None) for w in screen.widgets}
            if name not in ("help", "break"):
                assert "Get help (H)" in labels, name
        assert not found, "\n".join(found)


@pytest.mark.parametrize(("size", "scale"), [((1024, 600), 2.0), ((1024, 600), 1.0), ((1280, 720), 1.0)], ids=str)
def test_the_picker_keeps_its_heading_and_shows_at_least_two_stories(size, scale):
    from game.ui.screens.picker import PickerScreen

    with run_test(settings=STILL, size=size, text_scale=scale) as pilot:
        pilot.app.apply(Push(PickerScreen()))
        pilot.step()
        picker = pilot.screen
        assert picker.heading in picker.widgets and picker.heading.text == "Choose a story"
        whole = [c for c in picker.cards if picker.view.contains(c.rect)]
        assert len(whole) >= 2, [c.rect for c in picker.cards[:3]]
        assert not problems(picker, pilot.app.ui, size)
        assert all(c.story.title in c.text and c.story.pupil_summary in c.text for c in picker.cards)
