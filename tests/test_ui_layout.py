"""Layout at the smallest and a large window, at normal and double text size: the help and
break buttons stay on screen and no text overflows its box."""

from __future__ import annotations

import os

import pygame
import pytest

from game.ui.pilot import run_test
from game.ui.screen import Push
from game.ui.screens.crash import CrashScreen
from game.ui.screens.help import HelpScreen
from game.ui.screens.rest import RestScreen
from game.ui.screens.title import TitleScreen
from game.ui.text import TextCache
from game.ui.widgets import Button

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

SIZES = [(1024, 600), (1920, 1080)]
SCALES = [1.0, 2.0]
SCREENS = {"title": TitleScreen, "help": HelpScreen, "break": RestScreen, "crash": CrashScreen}


def open_screen(pilot, name):
    if name != "title":
        pilot.app.apply(Push(SCREENS[name]()))
        pilot.step()
    return pilot.screen


@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", list(SCREENS))
def test_every_widget_is_on_screen_and_no_text_overflows(name, size, scale):
    with run_test(size=size, text_scale=scale) as pilot:
        screen = open_screen(pilot, name)
        window = pygame.Rect((0, 0), size)
        for w in screen.widgets:
            assert window.contains(w.rect), (w, w.rect)
            assert not w.overflows(pilot.app.ui), w
        buttons = [w for w in screen.widgets if isinstance(w, Button)]
        for a in buttons:
            for b in buttons:
                assert a is b or not a.visible_rect.colliderect(b.visible_rect), (a, b)


@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", list(SCREENS))
def test_help_is_visible_on_every_screen_and_the_break_on_every_other(name, size, scale):
    with run_test(size=size, text_scale=scale) as pilot:
        screen = open_screen(pilot, name)
        labels = {w.label for w in screen.widgets if isinstance(w, Button)}
        window = pygame.Rect((0, 0), size)
        visible = {w.label for w in screen.widgets if isinstance(w, Button) and window.contains(w.rect)}
        assert visible == labels
        if name == "help":
            assert "Take a break (B)" in labels and screen.heading.text == "Get help"
        elif name == "break":
            assert "Get help (H)" in labels
        else:
            assert {"Get help (H)", "Take a break (B)"} <= labels


def test_measure_reports_overflow_before_drawing():
    pygame.font.init()
    cache = TextCache()
    long = "word " * 60
    one_line = cache.line_height(30)
    m = cache.measure(long, 30, width=300, height=one_line)
    assert m.overflow and m.height > one_line and m.width <= 300
    assert not cache.measure("Hi", 30, width=300, height=one_line).overflow


def test_text_is_rendered_once_and_then_cached():
    pygame.font.init()
    cache = TextCache()
    a = cache.render("Childline", 30, (0, 0, 0), 200)
    b = cache.render("Childline", 30, (0, 0, 0), 200)
    assert a is b and cache.renders == 1
    cache.render("Childline", 30, (0, 0, 0), 201)
    assert cache.renders == 2
