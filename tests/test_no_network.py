"""Privacy: nothing is ever sent anywhere. With every way of opening a network connection
made to fail, a pupil plays through every screen and a teacher writes a lesson pack."""

from __future__ import annotations

import socket

import pytest

from game.cli import main
from game.ui.pilot import run_test
from game.ui.screen import PopToRoot
from game.ui.screens.debrief import DebriefScreen
from game.ui.screens.history import HistoryScreen
from game.ui.screens.pause import PauseScreen
from game.ui.screens.picker import PickerScreen
from game.ui.screens.play import PlayScreen


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch, tmp_path):
    monkeypatch.setenv("SPOT_THE_SIGNS_HOME", str(tmp_path))

    def refuse(*args, **kwargs):
        raise NetworkUsed(f"network use: {args[:2]}")

    class NoSocket(socket.socket):
        def __init__(self, *args, **kwargs):
            refuse(*args)

    monkeypatch.setattr(socket, "socket", NoSocket)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "socketpair"):
        monkeypatch.setattr(socket, name, refuse)


def test_the_guard_really_refuses_a_connection(no_network):
    with pytest.raises(NetworkUsed):
        socket.create_connection(("127.0.0.1", 9))


def test_a_pupil_can_go_through_every_screen_without_the_network(no_network):
    with run_test(size=(1024, 600)) as pilot:
        pilot.press("enter")  # Start
        pilot.press("enter")  # the content note
        pilot.press("enter")  # how to play
        assert isinstance(pilot.screen, PickerScreen)
        pilot.press("enter")  # the first story
        play = pilot.screen
        assert isinstance(play, PlayScreen)
        pilot.press("space", "s", "enter")  # a line flagged, the card closed
        pilot.press("h", "x", "b", "x", "l")
        assert isinstance(pilot.screen, HistoryScreen)
        pilot.press("escape", "escape")
        assert isinstance(pilot.screen, PauseScreen)
        pilot.press("escape")
        for _ in range(60):
            if isinstance(pilot.screen, DebriefScreen):
                break
            screen = pilot.screen
            while getattr(screen, "reading", False):
                pilot.press("space")
            pilot.press("1")
            if getattr(pilot.screen, "card", None) is not None:
                pilot.press("enter")
        assert isinstance(pilot.screen, DebriefScreen)


def test_terminal_play_the_checker_and_a_lesson_pack_need_no_network(no_network, tmp_path, capsys):
    assert main(["play", "--text", "example", "--auto", "random", "--seed", "2"]) == 0
    assert main(["check", "--strict"]) == 0
    assert main(["lesson", "example", "-o", str(tmp_path / "pack.html")]) == 0
    assert (tmp_path / "pack.html").stat().st_size > 0
    assert "0800 1111" in capsys.readouterr().out


def test_settings_controls_about_delete_copy_and_the_text_view_need_no_network(no_network):
    from game.ui.screens.about import AboutScreen, DeletedScreen
    from game.ui.screens.controls import ControlsScreen
    from game.ui.screens.settings import SettingsScreen
    from game.ui.screens.text_view import TextViewScreen

    with run_test(size=(1024, 600)) as pilot:
        pilot.press("tab", "enter")
        settings = pilot.screen
        assert isinstance(settings, SettingsScreen)
        for row in settings.rows.values():  # every option, changed and saved
            settings.focus.focus(row)
            pilot.press("right")
        settings.focus.focus(settings.controls)
        pilot.press("enter")
        assert isinstance(pilot.screen, ControlsScreen)
        pilot.press("c", "escape")
        settings.focus.focus(settings.about)
        pilot.press("enter")
        assert isinstance(pilot.screen, AboutScreen)
        pilot.click(pilot.screen.delete)
        pilot.click(pilot.screen.yes)
        assert isinstance(pilot.screen, DeletedScreen)
        pilot.press("enter", "escape", "escape")
        pilot.click(pilot.screen.start)
        pilot.press("enter", "enter", "enter")  # the content note, how to play, the first story
        assert isinstance(pilot.screen, PlayScreen)
        pilot.press("space", "v")
        assert isinstance(pilot.screen, TextViewScreen)


def test_the_teacher_area_and_presenter_mode_need_no_network(no_network):
    from game.ui.screens.present import ClassVoteScreen, PresentScreen
    from game.ui.screens.teacher_catalogue import CatalogueScreen
    from game.ui.screens.teacher_classroom import ClassroomScreen
    from game.ui.screens.teacher_preview import PreviewScreen

    with run_test(size=(1024, 600)) as pilot:
        pilot.press("t", "1")
        assert isinstance(pilot.screen, CatalogueScreen)
        pilot.press("a")  # ages 11-13
        catalogue = pilot.screen
        catalogue.focus.focus(catalogue.cards[0])
        pilot.press("enter", "r")
        assert isinstance(pilot.screen, PreviewScreen)
        pilot.press("escape", "k")
        present = pilot.screen
        assert isinstance(present, PresentScreen)
        for _ in range(20):
            if not present.reading and not present.typing:
                break
            pilot.press("space")
        pilot.press("1")
        assert isinstance(pilot.screen, ClassVoteScreen)
        pilot.press("1", "enter", "escape")
        pilot.app.apply(PopToRoot())
        pilot.press("t", "2")
        assert isinstance(pilot.screen, ClassroomScreen)
