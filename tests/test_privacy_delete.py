"""Delete my data: the About and privacy screen lists what is kept and deletes it, with one
confirmation; the school's classroom file is kept."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from game.paths import config_dir, user_data_dir
from game.privacy import delete_my_data, kept_files
from game.saves import SaveStore
from game.settings import Settings, load_settings, save_settings, settings_path
from game.story.library import Library
from game.story.runtime import Playthrough
from game.ui.pilot import run_test
from game.ui.screen import Push
from game.ui.screens.about import AboutScreen, ConfirmDeleteScreen, DeletedScreen
from game.ui.screens.settings import SettingsScreen
from game.ui.screens.title import TitleScreen
from tests.conftest import EXAMPLE, SCENES

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("SPOT_THE_SIGNS_HOME", str(tmp_path))
    return tmp_path


def make_everything() -> Path:
    save_settings(Settings(text_scale=1.5, theme="dark"))
    story = Library(SCENES).load(EXAMPLE).story
    pt = Playthrough(story)
    pt.choose(0)
    store = SaveStore()
    assert store.write(pt) and store.write(pt)  # the second write leaves a spare copy
    log = user_data_dir() / "logs" / "crash.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text("--- a traceback\n", encoding="utf-8")
    classroom = config_dir() / "classroom.yaml"
    classroom.write_text("discussion_pauses: true\n", encoding="utf-8")
    return classroom


def test_kept_files_lists_settings_the_save_its_spare_and_the_crash_log():
    make_everything()
    kept = {k.path.name for k in kept_files()}
    assert {"settings.json", "autosave.json", "autosave.bak.json", "crash.log"} <= kept
    assert "classroom.yaml" not in kept


def test_delete_my_data_removes_them_all_and_keeps_the_classroom_file():
    classroom = make_everything()
    deleted, failed = delete_my_data()
    assert failed == [] and len(deleted) >= 4
    assert kept_files() == []
    assert not settings_path().exists() and not SaveStore().exists()
    assert classroom.exists()
    assert load_settings() == Settings()


def test_with_nothing_kept_there_is_nothing_to_delete():
    assert delete_my_data() == ([], [])


def test_a_file_that_cannot_be_deleted_is_reported_not_raised(monkeypatch):
    make_everything()

    real_unlink = Path.unlink

    def stuck(self, missing_ok=False):
        if self.name == "crash.log":
            raise PermissionError("in use")
        return real_unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", stuck)
    deleted, failed = delete_my_data()
    assert [p.name for p in failed] == ["crash.log"] and deleted


def test_from_settings_a_pupil_deletes_their_data_with_one_confirmation_and_no_is_the_safe_default():
    make_everything()
    settings = load_settings()
    with run_test(size=(1024, 600), settings=settings) as pilot:
        pilot.app.apply(Push(SettingsScreen()))
        pilot.step()
        screen = pilot.screen
        while screen.focus.focused is not screen.about:
            pilot.press("down")
        pilot.press("enter")
        about = pilot.screen
        assert isinstance(about, AboutScreen)
        text = about.screen_text()
        assert "Nothing is ever sent anywhere" in text and "settings.json" in text
        pilot.click(about.delete)
        assert isinstance(pilot.screen, ConfirmDeleteScreen)
        assert pilot.screen.focus.focused is pilot.screen.no
        pilot.press("enter")  # No: nothing deleted
        assert pilot.screen is about and settings_path().exists()
        pilot.click(about.delete)
        pilot.click(pilot.screen.yes)
        assert isinstance(pilot.screen, DeletedScreen)
        assert "deleted" in pilot.screen.screen_text()
        assert kept_files() == [] and pilot.app.ui.settings == Settings()
        assert pilot.app.ui.theme.text_scale == 1.0
        pilot.press("enter")
        assert pilot.screen is about and "keeps nothing" in about.screen_text()
        pilot.press("escape")
        assert pilot.screen is screen and screen.size_button.label == "Text size: 100%"


def test_after_deleting_the_title_no_longer_offers_continue():
    make_everything()
    with run_test(size=(1280, 720)) as pilot:
        title = pilot.screen
        assert isinstance(title, TitleScreen) and title.cont in title.buttons
        pilot.app.apply(Push(ConfirmDeleteScreen()))
        pilot.step()
        pilot.click(pilot.screen.yes)
        pilot.press("enter")
        assert pilot.screen is title and title.cont not in title.buttons


def test_delete_goes_back_to_the_classroom_defaults_not_the_built_in_ones():
    make_everything()
    classroom = replace(Settings(), font="opendyslexic")
    with run_test(size=(1280, 720), settings=load_settings()) as pilot:
        pilot.app.ui.defaults = classroom
        pilot.app.apply(Push(ConfirmDeleteScreen()))
        pilot.step()
        pilot.click(pilot.screen.yes)
        assert pilot.app.ui.settings.font == "opendyslexic"


def test_hidden_copies_left_by_a_write_cut_off_part_way_are_deleted_too():
    make_everything()
    left = [settings_path().parent / ".settings.json.abc123.tmp", SaveStore().path.parent / ".autosave.json.x1.tmp"]
    for path in left:
        path.write_text("{}", encoding="utf-8")
    assert {p.name for p in left} <= {k.path.name for k in kept_files()}
    delete_my_data()
    assert not any(p.exists() for p in left) and kept_files() == []
