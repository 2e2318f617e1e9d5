"""Settings round-trip, stay in range, survive a bad file, and sit on top of classroom defaults."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from game import paths
from game.settings import (
    FONTS,
    THEMES,
    Settings,
    config_dir,
    layered_defaults,
    load_settings,
    save_settings,
    settings_path,
)


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test keeps its files in its own folder: never the real user folders."""
    folder = tmp_path / "home"
    monkeypatch.setenv(paths.HOME_ENV, str(folder))
    return folder


def write_file(content: str | bytes) -> Path:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def test_settings_live_under_spot_the_signs_home(home):
    assert config_dir() == home / "config"
    assert settings_path() == home / "config" / "settings.json"


def test_without_the_override_settings_use_the_platform_config_folder(monkeypatch):
    monkeypatch.delenv(paths.HOME_ENV)
    assert "spot-the-signs" in str(config_dir())  # only the name is checked: nothing is written there


def test_with_no_file_the_defaults_are_used():
    settings = load_settings()
    assert settings == Settings()
    assert settings.font == "atkinson" and settings.theme == "light"
    assert settings.auto_advance is False
    assert not settings_path().exists()  # reading never creates anything


def test_every_setting_round_trips(home):
    chosen = Settings(text_scale=1.75, font="opendyslexic", line_spacing=2.0, theme="contrast",
                      reduced_motion=True, text_speed=0.0, auto_advance=True, captions=False,
                      master_volume=0.5, music_volume=0.0, effects_volume=1.0, mute=True,
                      read_aloud=True, speech_rate=0.75)
    assert save_settings(chosen)
    assert load_settings() == chosen
    assert [p.name for p in (home / "config").iterdir()] == ["settings.json"]


def test_only_the_pupils_own_choices_are_written():
    save_settings(replace(Settings(), theme="dark"))
    data = json.loads(settings_path().read_text(encoding="utf-8"))
    assert data == {"format": 1, "theme": "dark"}


@pytest.mark.parametrize(("field", "given", "expected"), [
    ("text_scale", 5, 2.0),
    ("text_scale", 0.2, 1.0),
    ("line_spacing", 9.0, 2.0),
    ("master_volume", -1, 0.0),
    ("music_volume", 1.5, 1.0),
    ("effects_volume", 2, 1.0),
    ("speech_rate", 0.0, 0.5),
    ("text_speed", -10, 0.0),
    ("text_speed", 10_000, 120.0),
])
def test_numbers_out_of_range_are_clamped(field, given, expected):
    write_file(json.dumps({field: given}))
    assert getattr(load_settings(), field) == expected
    assert getattr(Settings(**{field: given}), field) == expected


@pytest.mark.parametrize(("field", "given"), [
    ("text_scale", "big"),
    ("text_scale", True),
    ("text_scale", None),
    ("font", "comic-sans"),
    ("font", 3),
    ("theme", "purple"),
    ("reduced_motion", "yes"),
    ("auto_advance", 1),
    ("mute", None),
])
def test_values_of_the_wrong_kind_fall_back_to_the_default(field, given):
    write_file(json.dumps({field: given, "captions": False}))
    settings = load_settings()
    assert getattr(settings, field) == getattr(Settings(), field)
    assert settings.captions is False  # the good values in the same file are kept


def test_values_that_are_not_finite_fall_back_to_the_default():
    write_file('{"text_scale": NaN, "master_volume": Infinity}')
    settings = load_settings()
    assert settings.text_scale == 1.0 and settings.master_volume == Settings().master_volume


def test_choices_ignore_case_and_spaces():
    write_file(json.dumps({"font": " Lexend ", "theme": "DARK"}))
    settings = load_settings()
    assert (settings.font, settings.theme) == ("lexend", "dark")


def test_every_font_and_theme_is_accepted():
    for font in FONTS:
        assert Settings(font=font).font == font
    for theme in THEMES:
        assert Settings(theme=theme).theme == theme


def test_unknown_keys_are_ignored():
    write_file(json.dumps({"theme": "dark", "colour_of_the_sky": "blue", "format": 7}))
    assert load_settings() == replace(Settings(), theme="dark")


@pytest.mark.parametrize("content", [b"{not json", b"", b"[1, 2]", b'"dark"', b"\xff\xfe", b"[" * 100_000],
                         ids=["bad json", "empty", "a list", "a string", "not utf-8", "deeply nested"])
def test_a_corrupt_file_gives_the_defaults_and_is_moved_aside(content):
    path = write_file(content)
    assert load_settings(now=datetime(2026, 11, 25, 12, 0, 0)) == Settings()
    assert not path.exists()
    assert (path.parent / "settings.corrupt-20261125T120000.json").read_bytes() == content


def test_after_a_corrupt_file_the_next_save_works():
    write_file("{oops")
    settings = replace(load_settings(), text_scale=1.5)
    assert save_settings(settings)
    assert load_settings() == settings


def test_a_kill_mid_write_keeps_the_old_settings(monkeypatch):
    old = replace(Settings(), theme="dark")
    save_settings(old)

    def killed(src, dst):
        raise KeyboardInterrupt

    with monkeypatch.context() as patched, pytest.raises(KeyboardInterrupt):
        patched.setattr(os, "replace", killed)
        save_settings(replace(Settings(), theme="contrast"))
    assert load_settings() == old
    assert [p.name for p in settings_path().parent.iterdir()] == ["settings.json"]


def test_a_disk_that_refuses_is_reported_not_raised(monkeypatch):
    def full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    assert save_settings(Settings()) is False


# --- classroom defaults ---------------------------------------------------------------------------


def test_classroom_defaults_apply_when_the_pupil_has_chosen_nothing():
    classroom = {"theme": "contrast", "text_scale": 1.25, "read_aloud": True}
    settings = load_settings(classroom=classroom)
    assert (settings.theme, settings.text_scale, settings.read_aloud) == ("contrast", 1.25, True)
    assert settings.font == "atkinson"  # not set by the classroom: the built-in default


def test_the_pupils_own_choices_sit_on_top_of_the_classroom_defaults():
    classroom = {"theme": "contrast", "text_scale": 1.25}
    write_file(json.dumps({"theme": "dark"}))
    settings = load_settings(classroom=classroom)
    assert settings.theme == "dark"  # the pupil's choice wins
    assert settings.text_scale == 1.25  # the classroom's default where the pupil chose nothing


def test_a_classroom_change_reaches_pupils_who_did_not_choose_otherwise():
    save_settings(replace(layered_defaults({"theme": "dark"}), font="lexend"), classroom={"theme": "dark"})
    assert json.loads(settings_path().read_text()) == {"format": 1, "font": "lexend"}
    settings = load_settings(classroom={"theme": "contrast"})
    assert (settings.theme, settings.font) == ("contrast", "lexend")


def test_classroom_defaults_are_checked_like_everything_else():
    settings = layered_defaults({"text_scale": 3, "theme": "neon", "nonsense": 1})
    assert settings.text_scale == 2.0 and settings.theme == "light"


def test_a_corrupt_pupil_file_falls_back_to_the_classroom_defaults():
    write_file("{")
    assert load_settings(classroom={"theme": "dark"}).theme == "dark"
