"""How the title looks: the mark beside the name when it fits, a soft picture across the top that
no text sits on, and every button on the window whatever the notice and the text size."""

from __future__ import annotations

import os

import pygame
import pytest

from game.settings import Settings
from game.ui.pilot import run_test
from game.ui.screens.title import TitleScreen
from game.ui.theme import THEMES
from game.ui.widgets import Button

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")


def broken_save(home) -> None:
    (home / "saves").mkdir()
    (home / "saves" / "autosave.json").write_text("this is not a save", encoding="utf-8")


def assert_fits(screen: TitleScreen, ui, size) -> None:
    window = pygame.Rect((0, 0), size)
    for w in screen.widgets:
        assert window.contains(w.rect), (w, w.rect)
        assert not w.overflows(ui), w
    buttons = [w for w in screen.widgets if isinstance(w, Button)]
    assert all(a is b or not a.rect.colliderect(b.rect) for a in buttons for b in buttons)
    assert screen.card.contains(screen.title.rect)


@pytest.mark.parametrize("scale", [1.0, 2.0])
@pytest.mark.parametrize("size", [(1024, 600), (1280, 720), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_with_a_notice_every_button_and_the_notice_stay_on_the_window(size, scale, tmp_path):
    broken_save(tmp_path)
    with run_test(size=size, text_scale=scale) as pilot:
        pilot.click(pilot.screen.cont)
        screen = pilot.screen
        assert isinstance(screen, TitleScreen) and screen.notice in screen.widgets
        assert_fits(screen, pilot.app.ui, size)
        assert screen.focus.focused is screen.start


def test_the_tagline_gives_way_only_when_nothing_else_fits(tmp_path):
    with run_test(size=(1024, 600), text_scale=2.0) as pilot:
        assert pilot.screen.tagline in pilot.screen.widgets
    broken_save(tmp_path)
    with run_test(size=(1024, 600), text_scale=2.0) as pilot:
        pilot.click(pilot.screen.cont)
        assert pilot.screen.tagline not in pilot.screen.widgets
        pilot.resize(1920, 1080)
        assert pilot.screen.tagline in pilot.screen.widgets


@pytest.mark.parametrize("theme", list(THEMES))
def test_the_mark_is_beside_the_name_and_a_picture_fills_the_top(theme):
    with run_test(size=(1280, 720), settings=Settings(theme=theme)) as pilot:
        screen = pilot.screen
        shot = pilot.snapshot()
        page = THEMES[theme].colours.background
    icon = screen.icon_rect
    assert icon.width >= 64 and icon.right < screen.title.rect.left
    assert abs(icon.centery - screen.title.rect.centery) <= 4
    assert shot.get_at(icon.center)[:3] != page  # the mark is drawn
    top_row = {tuple(shot.get_at((x, 4)))[:3] for x in range(0, 1280, 16)}
    assert len(top_row) > 3 and page not in top_row  # a picture, not the plain page
    below = {tuple(shot.get_at((x, screen.start.rect.top - 4)))[:3] for x in range(0, screen.start.rect.left - 16, 16)}
    assert below == {page}  # the picture has faded into the page above the buttons


def test_the_mark_gives_way_when_the_name_needs_the_width():
    # OpenDyslexic, the widest font, at double size: the name needs the card's whole width.
    with run_test(size=(1024, 600), settings=Settings(text_scale=2.0, font="opendyslexic")) as pilot:
        screen = pilot.screen
        assert screen.icon_rect.width == 0
        assert screen.title.rect.width == screen.card.width - 2 * pilot.app.ui.theme.spacing.l
