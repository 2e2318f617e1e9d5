"""`spot-the-signs play` opens the window; --text stays the terminal and never imports pygame."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("SPOT_THE_SIGNS_HOME", str(tmp_path))
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    monkeypatch.setenv("PYGAME_HIDE_SUPPORT_PROMPT", "1")


def _python(code_or_args: list[str], home: Path, **env: str) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "SPOT_THE_SIGNS_HOME": str(home), "SDL_VIDEODRIVER": "dummy",
                "SDL_AUDIODRIVER": "dummy", "PYGAME_HIDE_SUPPORT_PROMPT": "1", **env}
    return subprocess.run([sys.executable, *code_or_args], cwd=ROOT, env=full_env, capture_output=True,
                          text=True, timeout=60)


@pytest.mark.parametrize("size, says", [("800x500", "at least 1024x600"), ("1023x768", "at least 1024x600"),
                                        ("1280x599", "at least 1024x600"), ("big", "WIDTHxHEIGHT"),
                                        ("1280x", "WIDTHxHEIGHT")])
def test_a_window_size_too_small_or_not_wxh_is_a_usage_error_in_one_sentence(capsys, size, says):
    assert main(["play", "--size", size]) == 2
    err = capsys.readouterr().err.strip()
    assert says in err and err.count("\n") == 0 and "Traceback" not in err


def test_size_and_fullscreen_belong_to_the_window_not_the_terminal(capsys):
    assert main(["play", "--text", "example", "--size", "1280x720"]) == 2
    assert main(["play", "--text", "example", "--fullscreen"]) == 2
    assert "leave out --text" in capsys.readouterr().err


def test_the_smallest_size_the_command_accepts_is_the_windows_own_minimum():
    from game.ui.__main__ import MIN_SIZE, parse_size
    from game.ui.app import MIN_SIZE as APP_MIN_SIZE

    assert MIN_SIZE == APP_MIN_SIZE
    assert parse_size("1024x600") == (1024, 600)
    assert parse_size(" 1920X1080 ") == (1920, 1080)


def test_python_main_py_opens_the_title_draws_one_frame_and_exits_0(tmp_path):
    done = _python(["main.py", "play", "--exit-after-first-frame", "--size", "1024x600"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr


def test_play_a_scenario_in_the_window_from_a_scene_with_state(capsys):
    assert main(["play", "example", "--from", "corridor", "--set", "trust=1", "--exit-after-first-frame"]) == 0
    assert main(["play", "example", "--fullscreen", "--exit-after-first-frame"]) == 0


def test_from_and_set_are_checked_the_same_way_for_the_window(capsys):
    assert main(["play", "example", "--from", "nowhere", "--exit-after-first-frame"]) == 2
    assert main(["play", "example", "--set", "trust=yes", "--exit-after-first-frame"]) == 2
    assert main(["play", "--from", "corridor", "--exit-after-first-frame"]) == 2
    err = capsys.readouterr().err
    assert "no scene or ending called 'nowhere'" in err
    assert "'trust' is a counter" in err
    assert "--from and --set need a SCENARIO" in err


def test_an_unknown_scenario_is_a_usage_error_before_any_window_opens(capsys):
    assert main(["play", "no-such-story", "--exit-after-first-frame"]) == 2
    assert "no scenario called 'no-such-story'" in capsys.readouterr().err


def test_no_display_gets_one_sentence_suggesting_text_and_exit_1(tmp_path):
    done = _python(["main.py", "play"], tmp_path, SDL_VIDEODRIVER="no-such-driver")
    assert done.returncode == 1
    err = done.stderr.strip()
    assert "Traceback" not in err and err.count("\n") == 0
    assert "spot-the-signs play --text" in err


def test_a_fallback_to_an_invisible_driver_counts_as_no_display(capsys, monkeypatch):
    # With no display at all, SDL may quietly draw offscreen: the pupil would see nothing.
    import pygame

    monkeypatch.setattr(pygame.display, "get_driver", lambda: "offscreen")
    assert main(["play", "--exit-after-first-frame"]) == 1
    assert "no display was found" in capsys.readouterr().err


def test_play_text_and_play_auto_never_import_pygame(tmp_path):
    code = ("import sys, io, contextlib\n"
            "from game.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    codes = [main(['play', '--text', 'example', '--auto', 'first']),\n"
            "             main(['play', 'example', '--auto', 'random', '--seed', '2']),\n"
            "             main(['play', '--text', 'example', '--auto', 'first', '--from', 'corridor']),\n"
            "             main(['play', '--text', 'example', '--size', '1280x720'])]\n"
            "assert codes == [0, 0, 0, 2], codes\n"
            "sys.exit(3 if 'pygame' in sys.modules else 0)")
    done = _python(["-c", code], tmp_path)
    assert done.returncode == 0, done.stderr


def test_a_size_mistake_is_reported_without_importing_pygame(tmp_path):
    code = ("import sys\nfrom game.cli import main\n"
            "assert main(['play', '--size', '800x500']) == 2\n"
            "sys.exit(3 if 'pygame' in sys.modules else 0)")
    done = _python(["-c", code], tmp_path)
    assert done.returncode == 0, done.stderr


def test_the_title_opens_without_loading_the_story_model(tmp_path):
    """Start-up speed: the title needs neither pydantic nor the scenario model (only a story does)."""
    import subprocess
    import sys

    code = ("import sys; from game.ui.__main__ import open_window; "
            "assert open_window(exit_after_first_frame=True) == 0; "
            "print(sorted(m for m in ('pydantic', 'game.story.model', 'game.classroom') if m in sys.modules))")
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "SPOT_THE_SIGNS_HOME": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[]"
