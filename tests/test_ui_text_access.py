"""Copy for screen readers (C puts the screen's words on the clipboard) and the text-only view
(V in a story shows the scene so far as plain scrolling text)."""

from __future__ import annotations

import os

import pygame
import pytest

from game.paths import scenes_dir
from game.story.library import Library
from game.ui.pilot import run_test
from game.ui.screen import Push
from game.ui.screens.play import PlayScreen
from game.ui.screens.text_view import TextViewScreen
from game.ui.screens.title import TitleScreen
from game.ui.toast import SHOW_MS

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")


@pytest.fixture(scope="module")
def story():
    found = Library(scenes_dir()).load(scenes_dir() / "example.yaml").story
    assert found is not None
    return found


def test_c_copies_the_words_on_the_screen_and_says_so_for_a_while():
    heard: list[tuple[str, str]] = []
    with run_test(size=(1024, 600)) as pilot:
        pilot.app.ui.listeners.append(lambda e, t: heard.append((e, t)))
        before = pilot.snapshot()
        pilot.press("c")
        assert isinstance(pilot.screen, TitleScreen)  # nothing else happened
        copied = pygame.scrap.get_text()
        assert "Spot the Signs" in copied and "Start" in copied and "Quit" in copied
        assert ("select", "Copied the words on this screen.") in heard
        shown = pilot.snapshot()
        assert pygame.image.tobytes(shown, "RGB") != pygame.image.tobytes(before, "RGB")  # the notice
        assert pilot.app.wake_after_ms() == SHOW_MS
        pilot.advance(SHOW_MS)
        assert pilot.app.wake_after_ms() is None  # gone, and the window sleeps again
        assert pygame.image.tobytes(pilot.snapshot(), "RGB") == pygame.image.tobytes(before, "RGB")


def test_without_a_clipboard_c_says_copying_is_not_possible(monkeypatch):
    def refuse(text: str) -> None:
        raise pygame.error("no clipboard")

    with run_test(size=(1024, 600)) as pilot:
        monkeypatch.setattr(pygame.scrap, "put_text", refuse)
        assert pilot.app.copy_screen_text() is False
        assert pilot.app.toast.text == "Copying is not possible on this computer."
        assert pilot.app.crashes == 0


def test_in_a_story_c_copies_the_lines_so_far_with_who_said_them(story):
    with run_test(size=(1280, 720)) as pilot:
        pilot.app.apply(Push(PlayScreen(story)))
        pilot.step()
        pilot.press("space", "space")
        screen = pilot.screen
        pilot.press("c")
        copied = pygame.scrap.get_text()
        assert copied == screen.screen_text()
        first = screen.shown()[0]
        assert (f"{first.speaker}: {first.line.text}" if first.speaker else first.line.text) in copied


def test_v_shows_the_scene_as_plain_text_and_esc_goes_back_to_the_same_place(story):
    with run_test(size=(1024, 600), text_scale=2.0) as pilot:
        pilot.app.apply(Push(PlayScreen(story)))
        pilot.step()
        pilot.press("space", "space")
        screen, revealed = pilot.screen, pilot.screen.revealed
        pilot.press("v")
        view = pilot.screen
        assert isinstance(view, TextViewScreen)
        assert [p.text for p in view.text.paragraphs] == screen.screen_text().split("\n\n")
        assert not any(w.overflows(pilot.app.ui) for w in view.widgets)
        pilot.press("v")
        assert pilot.screen is screen and screen.revealed == revealed
        pilot.press("v", "escape")
        assert pilot.screen is screen and screen.revealed == revealed


@pytest.mark.parametrize("size", [(1280, 720), (1024, 600)])
def test_the_copied_notice_covers_no_button_and_no_caption(size):
    from game.ui.widgets import Button

    with run_test(size=size) as pilot:
        pilot.app.ui.emit("place", "kitchen")  # a caption is showing too
        pilot.press("c")
        surface = pilot.app.surface
        caption = pilot.app.captions.draw(surface, pilot.app.ui, pilot.now, pilot.screen)
        notice = pilot.app.toast.draw(surface, pilot.app.ui, pilot.now, pilot.screen, [caption] if caption else [])
        assert notice is not None and surface.get_rect().contains(notice)
        assert caption is None or not notice.colliderect(caption)
        for w in pilot.screen.widgets:
            if isinstance(w, Button):
                assert not notice.colliderect(w.rect), w
