"""Saves and settings hold against anything a file can hold: wrong types, huge numbers,
escapes, pipes where files should be; and a save that makes the game fail is never offered again.

Every field of a save is checked against its story (game/story/save_check.py); what does not
fit is dropped with a notice, never passed on. Settings that cannot be used are moved aside.
"""

from __future__ import annotations

import json
import os
import random
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from game import paths
from game.saves import COULD_NOT_CONTINUE, Problem, Resumed, SaveStore, library_lookup
from game.settings import SETTINGS_RESET, SOME_RESET, Settings, read_settings, settings_path
from game.story.library import Library
from game.story.runtime import SAVE_PART_LOST, Playthrough
from tests.test_saves import played

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

HUGE = 10 ** 400  # past Python's float range; its text is 401 digits
STILL = Settings(reduced_motion=True)


def reveal_all(pilot) -> None:
    while pilot.screen.reading:
        pilot.press("space")


@pytest.fixture(scope="module")
def library() -> Library:
    return Library(paths.scenes_dir())


@pytest.fixture(scope="module")
def story(library: Library):
    found = library.load(paths.scenes_dir() / "example.yaml").story
    assert found is not None
    return found


def saved(story, steps: int = 2) -> dict:
    """The save of test_saves.played(story, steps), as it comes back from a file."""
    return json.loads(json.dumps(played(story, steps).to_json()))


def play_to_an_ending(pt: Playthrough, seed: int = 0) -> None:
    """Every step a pupil can take, from wherever the playthrough is: it must reach an ending."""
    rng = random.Random(seed)
    for _ in range(500):
        if pt.finished:
            break
        pt.history()
        pt.debrief()
        json.dumps(pt.to_json())
        for line in pt.lines[:2]:
            pt.spot(line.id)
        pt.choose(rng.randrange(len(pt.choices)))
    assert pt.finished
    pt.debrief().as_text()
    json.dumps(pt.to_json(), allow_nan=False)


# --- a save that passes the shape check but not the types ------------------------------------------


@pytest.mark.parametrize(("field", "bad"), [
    ("state", {"asked": False, "worried_aloud": False, "told_adult": False, "trust": "2"}),
    ("state", {"asked": "yes", "worried_aloud": False, "told_adult": False, "trust": 2}),
    ("state", {"asked": False, "worried_aloud": False, "told_adult": False, "trust": HUGE}),
    ("state", {"asked": False, "worried_aloud": False, "told_adult": False, "trust": 1.5}),
    ("state", {"asked": False, "worried_aloud": False, "told_adult": False}),
    ("helped", -3),
    ("helped", True),
    ("seed", HUGE),
    ("spotted", ["lunch.999"]),
    ("spotted", ["lunch.３"]),
    ("spotted", [["lunch.3"]]),
    ("origin", ["nowhere", {}]),
    ("fingerprint", "x" * 10_000),
])
def test_a_save_field_that_does_not_fit_its_story_is_dropped_with_a_notice_and_play_goes_on(story, field, bad):
    data = saved(story)
    data[field] = bad
    pt = Playthrough.from_json(story, data)
    assert pt.notice  # said, never silent
    assert all(type(v) is type(story.initial_state[k]) for k, v in pt.state.items())
    play_to_an_ending(pt)


def test_a_counter_that_is_text_no_longer_resumes_into_a_crash_at_the_next_choice(story):
    data = saved(story)
    data["state"]["trust"] = "2"
    pt = Playthrough.from_json(story, data)
    assert pt.notice == SAVE_PART_LOST
    assert pt.state["trust"] == saved_state(story)["trust"]  # replayed from the steps, not taken from the file
    pt.choose(0)


def saved_state(story) -> dict:
    return saved(story)["state"]


@pytest.mark.parametrize("indices", [[0] * 300_000, [2, 1], [0, 0], [-1], [999], [True], ["0"]])
def test_line_indices_that_do_not_fit_the_scene_are_dropped(story, indices):
    """300,000 repeated indices once resumed, and the story-so-far screen took seconds to open."""
    data = saved(story)
    data["trail"][-1][1] = indices
    pt = Playthrough.from_json(story, data)
    assert pt.notice == SAVE_PART_LOST
    assert len(pt.shown_lines()) < 100
    play_to_an_ending(pt)


def test_a_trail_that_does_not_walk_the_story_is_replayed_from_the_steps(story):
    data = saved(story)
    data["trail"][0][2] = data["trail"][1][2]  # a choice of another scene
    pt = Playthrough.from_json(story, data)
    assert pt.notice == SAVE_PART_LOST and pt.scene.id == Playthrough.from_json(story, saved(story)).scene.id


def test_a_save_with_no_place_at_all_is_refused_so_the_store_moves_it_aside(story, tmp_path, monkeypatch):
    monkeypatch.setenv(paths.HOME_ENV, str(tmp_path))
    store = SaveStore()
    store.write(Playthrough(story))
    data = json.loads(store.path.read_text(encoding="utf-8"))
    data["playthrough"]["trail"] = "lost"
    data["playthrough"]["actions"] = {"lost": True}
    store.path.write_text(json.dumps(data), encoding="utf-8")
    store.backup_path.unlink(missing_ok=True)
    result = store.read(library_lookup(Library(paths.scenes_dir())))
    assert isinstance(result, Problem) and result.message == COULD_NOT_CONTINUE
    assert not store.exists() and store.corrupt_files()


@pytest.mark.parametrize("text", [
    '{"kind": "spot-the-signs autosave", "save_format": 1, "scenario": "example", "playthrough": {}, '
    '"extra": {}, "n": ' + "9" * 5000 + "}",
    '{"kind": "spot-the-signs autosave", "save_format": NaN}',
    "[" * 100_000,
    '{"kind": "spot-the-signs autosave", "save_format": 1, "scenario": "example\\u0000", "playthrough": {}, '
    '"extra": {}}',
], ids=["a number of 5,000 digits", "NaN", "nested 100,000 deep", "a NUL in the id"])
def test_a_save_that_cannot_be_read_is_moved_aside_not_raised(tmp_path, monkeypatch, text):
    monkeypatch.setenv(paths.HOME_ENV, str(tmp_path))
    store = SaveStore()
    store.path.parent.mkdir(parents=True)
    store.path.write_text(text, encoding="utf-8")
    result = store.read(library_lookup(Library(paths.scenes_dir())))
    assert isinstance(result, Problem)
    assert not store.path.exists() and store.corrupt_files()


def test_screen_state_that_does_not_fit_is_left_out(story, tmp_path, monkeypatch):
    monkeypatch.setenv(paths.HOME_ENV, str(tmp_path))
    store = SaveStore()
    store.write(Playthrough(story), {"revealed": HUGE // 10 ** 390, "other": "x"})
    data = json.loads(store.path.read_text(encoding="utf-8"))
    data["extra"]["revealed"] = "3"
    store.path.write_text(json.dumps(data), encoding="utf-8")
    result = store.read(library_lookup(Library(paths.scenes_dir())))
    assert isinstance(result, Resumed) and result.extra == {}


def test_a_pipe_where_the_save_should_be_never_blocks(tmp_path, monkeypatch):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    monkeypatch.setenv(paths.HOME_ENV, str(tmp_path))
    store = SaveStore()
    store.path.parent.mkdir(parents=True)
    os.mkfifo(store.path)
    assert not store.exists()
    assert store.read(library_lookup(Library(paths.scenes_dir()))) is None


# --- property: whatever a save holds, it resumes and plays to an ending, or is moved aside --------

json_leaf = st.one_of(st.none(), st.booleans(), st.integers(min_value=-HUGE, max_value=HUGE),
                      st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=20),
                      st.sampled_from(["lunch.3", "lunch", "messages", "lunch.c0", "told-teacher", "\x00", "\x1b[31m",
                                       "lunch.０", "\ud800"]))
json_value = st.recursive(json_leaf, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
    st.text(max_size=8), inner, max_size=4), max_leaves=12)
FIELDS = ("fingerprint", "seed", "actions", "trail", "state", "spotted", "helped", "origin", "format",
          "readable_from", "scenario")
INSIDE = ("state", "state", "state", "trail", "trail", "actions", "spotted", "origin")  # where damage hides best


def mutate(data: dict, draw) -> dict:
    """The save with some fields replaced or deleted, or changed deep inside (one value of the
    state, one index of the trail ...), which a check of the shape alone lets through."""
    out = json.loads(json.dumps(data))
    for _ in range(draw(st.integers(1, 3))):
        how = draw(st.sampled_from(["replace", "delete", "inside", "inside", "inside"]))
        field = draw(st.sampled_from(INSIDE if how == "inside" else FIELDS))
        if how == "delete":
            out.pop(field, None)
        elif how == "replace" or not isinstance(out.get(field), (list, dict)) or not out.get(field):
            out[field] = draw(json_value)
        else:
            _change_inside(out[field], draw)
    return out


def _change_inside(node, draw) -> None:
    """Replace one value somewhere inside a list or mapping (going down a level or two)."""
    for _ in range(3):
        keys = list(range(len(node))) if isinstance(node, list) else sorted(node)
        if not keys:
            return
        key = draw(st.sampled_from(keys))
        if isinstance(node[key], (list, dict)) and node[key] and draw(st.booleans()):
            node = node[key]
            continue
        node[key] = draw(json_value)
        return


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), steps=st.integers(0, 4))
def test_a_fuzzed_save_resumes_and_plays_to_an_ending_or_is_refused(story, data, steps):
    from game.story.runtime import SaveError

    fuzzed = mutate(saved(story, steps), data.draw)
    try:
        pt = Playthrough.from_json(story, fuzzed)
    except SaveError:
        return  # the store moves it aside and says so (test_a_save_with_no_place_at_all ...)
    play_to_an_ending(pt, data.draw(st.integers(0, 99)))


@settings(max_examples=100, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_fuzzed_save_file_is_resumed_or_moved_aside_with_a_notice(story, tmp_path_factory, data):
    home = tmp_path_factory.mktemp("home")
    os.environ[paths.HOME_ENV] = str(home)
    try:
        store = SaveStore(home / "saves")
        store.write(Playthrough(story))
        outer = json.loads(store.path.read_text(encoding="utf-8"))
        outer["playthrough"] = mutate(outer["playthrough"], data.draw)
        if data.draw(st.integers(0, 3)) == 0:
            outer[data.draw(st.sampled_from(["kind", "save_format", "scenario", "extra", "stem", "path"]))] = \
                data.draw(json_value)
        text = json.dumps(outer)
        if data.draw(st.integers(0, 3)) == 0:  # and the text itself cut or broken
            cut = data.draw(st.integers(0, len(text)))
            text = text[:cut] + data.draw(st.sampled_from(["", "9" * 5000, "\\u0000", "NaN", "}"]))
        store.path.write_text(text, encoding="utf-8")
        store.backup_path.unlink(missing_ok=True)
        result = store.read(library_lookup(Library(paths.scenes_dir())))
        if isinstance(result, Resumed):
            play_to_an_ending(result.playthrough)
        else:
            assert isinstance(result, Problem) and result.message == COULD_NOT_CONTINUE
            assert not store.path.exists() and store.corrupt_files()
    finally:
        os.environ.pop(paths.HOME_ENV, None)


# --- settings ------------------------------------------------------------------------------------------


def write_settings(text: str | bytes) -> Path:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def test_a_settings_number_of_400_digits_no_longer_stops_the_game():
    path = write_settings('{"text_scale": ' + "9" * 400 + "}")
    found = read_settings(now=datetime(2026, 1, 2, 3, 4, 5))
    assert found.settings == Settings()
    assert found.notice == SETTINGS_RESET
    assert not path.exists() and found.moved_to is not None and found.moved_to.exists()


def test_settings_with_a_value_that_does_not_fit_are_moved_aside_and_written_again_without_it():
    path = write_settings(json.dumps({"theme": "dark", "font": ["lexend"], "text_scale": 1.5}))
    found = read_settings()
    assert (found.settings.theme, found.settings.font, found.settings.text_scale) == ("dark", "atkinson", 1.5)
    assert found.notice == SOME_RESET and found.moved_to is not None
    assert json.loads(path.read_text(encoding="utf-8")) == {"format": 1, "theme": "dark", "text_scale": 1.5}
    assert read_settings().notice is None  # said once


def test_a_folder_or_a_pipe_in_place_of_the_settings_gives_the_defaults_with_a_notice():
    path = settings_path()
    path.mkdir(parents=True)
    found = read_settings()
    assert found.settings == Settings() and found.notice == SETTINGS_RESET
    if hasattr(os, "mkfifo"):
        if path.exists():
            path.rename(path.with_name("elsewhere"))
        os.mkfifo(path)
        found = read_settings()  # never waits for a writer
        assert found.settings == Settings() and found.notice == SETTINGS_RESET


settings_leaf = st.one_of(st.none(), st.booleans(), st.integers(min_value=-HUGE, max_value=HUGE),
                          st.floats(), st.text(max_size=12), st.sampled_from(["dark", "LEXEND ", "\x00", "\ud800"]))
settings_value = st.recursive(settings_leaf, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
    st.text(max_size=6), inner, max_size=3), max_leaves=8)


@settings(max_examples=150, deadline=None, derandomize=True)
@example({"text_scale": HUGE}, "")
@example({"master_volume": -HUGE, "theme": "\x00"}, "")
@given(st.dictionaries(st.sampled_from([*Settings.__dataclass_fields__, "format", "other"]), settings_value,
                       max_size=6) | settings_value,
       st.sampled_from(["", "9" * 500, "NaN", "\\u0000", "]"]))
def test_whatever_the_settings_file_holds_the_settings_are_valid(data, tail):
    try:
        text = json.dumps(data)
    except ValueError:
        text = "{}"
    write_settings(text + tail if tail and isinstance(data, dict) and len(text) % 2 else text)
    found = read_settings()
    Settings(**found.settings.to_dict())  # every field valid
    for name, value in found.settings.to_dict().items():
        default = getattr(Settings(), name)
        assert type(value) is type(default), name
    assert found.notice in (None, SETTINGS_RESET, SOME_RESET)
    settings_path().unlink(missing_ok=True)


# --- the crash loop ---------------------------------------------------------------------------------------


def test_a_save_that_makes_resuming_fail_leads_to_the_crash_screen_once_then_the_title_without_continue(
        story, tmp_path, monkeypatch):
    from game.ui.pilot import run_test
    from game.ui.screens.content_note import ContentNoteScreen
    from game.ui.screens.crash import CrashScreen
    from game.ui.screens.play import PlayScreen
    from game.ui.screens.title import TitleScreen

    monkeypatch.setenv(paths.HOME_ENV, str(tmp_path))
    pt = Playthrough(story)
    pt.choose(0)
    store = SaveStore()
    assert store.write(pt) and store.write(pt)  # a save and its spare copy, both the same
    original = Playthrough.choose

    def fails(self, index):  # whatever in the save makes the engine fail at the next step
        raise RuntimeError("a save that cannot be played on")

    monkeypatch.setattr(Playthrough, "choose", fails)
    with run_test(settings=STILL) as pilot:
        pilot.click(pilot.screen.cont)
        assert isinstance(pilot.screen, ContentNoteScreen)
        pilot.press("enter")
        assert isinstance(pilot.screen, PlayScreen)
        reveal_all(pilot)
        pilot.press("1")
        assert isinstance(pilot.screen, CrashScreen) and pilot.app.crashes == 1
        assert not store.exists() and len(store.corrupt_files()) == 2  # moved aside before the crash screen
        assert not pilot.screen.saved  # it does not say "Your place is saved", nor go back into it
        monkeypatch.setattr(Playthrough, "choose", original)
        pilot.click(pilot.screen.cont)
        assert isinstance(pilot.screen, TitleScreen)
        assert pilot.screen.cont not in pilot.screen.buttons
        assert pilot.app.crashes == 1


def test_a_crash_after_a_choice_was_made_from_the_save_keeps_the_save(story, tmp_path, monkeypatch):
    from game.ui.pilot import run_test
    from game.ui.screens.crash import CrashScreen
    from game.ui.screens.play import PlayScreen

    monkeypatch.setenv(paths.HOME_ENV, str(tmp_path))
    store = SaveStore()
    assert store.write(Playthrough(story))
    with run_test(settings=STILL) as pilot:
        pilot.click(pilot.screen.cont)
        pilot.press("enter")
        play = pilot.screen
        assert isinstance(play, PlayScreen) and play.resumed
        reveal_all(pilot)
        pilot.press("1")
        assert not play.resumed
        monkeypatch.setattr(PlayScreen, "draw", lambda self, surface: 1 / 0)
        pilot.app.dirty = play.dirty = True
        pilot.step()
        assert isinstance(pilot.screen, CrashScreen)
        assert store.exists() and pilot.screen.saved


def test_settings_that_could_not_be_read_are_said_on_the_title(tmp_path, monkeypatch):
    from game.ui.app import App
    from game.ui.screens.title import TitleScreen

    write_settings("{oops")
    found = read_settings()
    app = App(settings=found.settings, notice=found.notice, clock=lambda: 0)
    app.start()
    try:
        assert isinstance(app.root, TitleScreen)
        assert app.root.notice.text == SETTINGS_RESET and app.root.notice in app.root.widgets
    finally:
        app.close()
