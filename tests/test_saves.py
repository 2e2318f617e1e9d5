"""The autosave keeps one place to resume, survives a kill mid-write, and never crashes on a bad file."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from game import paths
from game.atomic import write_atomic
from game.saves import (
    COULD_NOT_CONTINUE,
    EARLIER_PLACE,
    KEEP_CORRUPT,
    Problem,
    Resumed,
    SaveStore,
    StoryRef,
    library_lookup,
)
from game.story.library import Library
from game.story.runtime import Playthrough


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test keeps its files in its own folder: never the real user folders."""
    folder = tmp_path / "home"
    monkeypatch.setenv(paths.HOME_ENV, str(folder))
    return folder


@pytest.fixture(scope="module")
def library() -> Library:
    return Library(paths.scenes_dir())


@pytest.fixture
def lookup(library: Library):
    return library_lookup(library)


@pytest.fixture
def story(library: Library):
    found = library.find("example")
    assert found is not None
    loaded = library.load(found).story
    assert loaded is not None
    return loaded


@pytest.fixture
def own_library(tmp_path: Path) -> Path:
    """A scenes folder of its own holding a copy of the example (shared files from the real one)."""
    folder = tmp_path / "scenes"
    folder.mkdir()
    shutil.copy(paths.scenes_dir() / "example.yaml", folder / "example.yaml")
    return folder


def played(story, steps: int = 2) -> Playthrough:
    pt = Playthrough(story)
    pt.spot("lunch.3")
    for _ in range(steps):
        pt.choose(0)
    return pt


def resumed(result) -> Resumed:
    assert isinstance(result, Resumed), result
    return result


def problem(result) -> Problem:
    assert isinstance(result, Problem), result
    return result


def is_one_plain_sentence(text: str) -> bool:
    return text.count(". ") == 0 and text.endswith(".") and "Traceback" not in text and "Error" not in text


# --- the happy path ------------------------------------------------------------------------------


def test_with_no_save_there_is_nothing_to_resume(lookup):
    store = SaveStore()
    assert not store.exists()
    assert store.read(lookup) is None


def test_the_default_folder_is_under_spot_the_signs_home(home):
    assert SaveStore().folder == home / "saves"
    assert SaveStore().path == home / "saves" / "autosave.json"


def test_a_save_resumes_at_the_same_place_with_the_screen_state(story, lookup):
    pt = played(story)
    store = SaveStore()
    assert store.write(pt, {"revealed": 3})
    result = resumed(store.read(lookup))
    assert result.playthrough.to_json() == pt.to_json()
    assert result.playthrough.scene is not None and result.playthrough.scene.id == pt.scene.id
    assert result.playthrough.spotted == ("lunch.3",)
    assert result.extra == {"revealed": 3}
    assert result.notice is None and not result.from_backup


def test_a_finished_story_resumes_at_its_ending(story, lookup):
    pt = Playthrough(story)
    while not pt.finished:
        pt.choose(0)
    store = SaveStore()
    store.write(pt)
    again = resumed(store.read(lookup)).playthrough
    assert again.finished and again.ending == pt.ending


def test_the_save_names_its_story_and_format_and_nothing_more(story, home):
    store = SaveStore()
    store.write(played(story), {"revealed": 1})
    data = json.loads(store.path.read_text(encoding="utf-8"))
    assert set(data) == {"kind", "save_format", "scenario", "stem", "path", "playthrough", "extra"}
    assert data["save_format"] == 1
    assert data["scenario"] == "example" and data["stem"] == "example"
    assert Path(data["path"]) == (paths.scenes_dir() / "example.yaml").resolve()
    assert data["playthrough"]["scenario"] == "example"


def test_each_write_keeps_the_previous_save_as_the_backup(story):
    store = SaveStore()
    pt = Playthrough(story)
    store.write(pt, {"step": 0})
    pt.choose(0)
    store.write(pt, {"step": 1})
    assert json.loads(store.path.read_text())["extra"] == {"step": 1}
    assert json.loads(store.backup_path.read_text())["extra"] == {"step": 0}
    assert sorted(p.name for p in store.folder.iterdir()) == ["autosave.bak.json", "autosave.json"]


def test_clearing_forgets_the_place(story, lookup):
    store = SaveStore()
    store.write(played(story))
    store.write(played(story, 1))
    assert store.exists()
    store.clear()
    assert not store.exists()
    assert store.read(lookup) is None


def test_extra_that_is_not_json_data_is_a_programming_mistake(story):
    with pytest.raises(TypeError):
        SaveStore().write(Playthrough(story), {"when": datetime.now()})


# --- a kill or a full disk mid-write -----------------------------------------------------------------


def test_a_kill_while_writing_the_new_file_leaves_the_old_save(story, lookup, monkeypatch):
    store = SaveStore()
    old = played(story, 1)
    store.write(old, {"revealed": 2})

    def killed(fd):
        raise KeyboardInterrupt  # stands in for the process dying before the data reached the disk

    with monkeypatch.context() as patched, pytest.raises(KeyboardInterrupt):
        patched.setattr(os, "fsync", killed)
        store.write(played(story, 2))
    result = resumed(store.read(lookup))
    assert result.playthrough.to_json() == old.to_json()
    assert result.extra == {"revealed": 2} and result.notice is None


@pytest.mark.parametrize("which", ["backup rename", "final rename"])
def test_a_kill_at_either_rename_leaves_a_readable_save(story, lookup, monkeypatch, which):
    store = SaveStore()
    first, second = played(story, 0), played(story, 1)
    store.write(first)
    store.write(second)
    real_replace = os.replace
    calls = []

    def replace(src, dst):
        calls.append(dst)
        if (which == "backup rename") == (Path(dst) == store.backup_path):
            raise KeyboardInterrupt
        real_replace(src, dst)

    with monkeypatch.context() as patched, pytest.raises(KeyboardInterrupt):
        patched.setattr(os, "replace", replace)
        store.write(played(story, 2))
    result = resumed(store.read(lookup))
    # killed before the backup rename: the latest save is untouched; after it: the backup is it
    assert result.playthrough.to_json() == second.to_json()
    assert result.notice is None
    assert not [p for p in store.folder.iterdir() if p.name.endswith(".tmp")]


def test_a_full_disk_keeps_the_old_save_and_does_not_stop_the_game(story, lookup, monkeypatch):
    store = SaveStore()
    old = played(story, 1)
    store.write(old)

    def full(fd):
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(os, "fsync", full)
        assert store.write(played(story, 2)) is False
    assert resumed(store.read(lookup)).playthrough.to_json() == old.to_json()
    assert sorted(p.name for p in store.folder.iterdir()) == ["autosave.json"]


def test_temporary_files_left_by_a_real_kill_are_swept_later(story):
    store = SaveStore()
    store.folder.mkdir(parents=True)
    left = store.folder / ".autosave.json.abc123.tmp"
    left.write_text("{half")
    os.utime(left, (0, 0))
    store.write(Playthrough(story))
    assert not left.exists()


def test_write_atomic_creates_the_folder_and_replaces_whole(tmp_path):
    target = tmp_path / "a" / "b" / "file.json"
    write_atomic(target, b"one")
    write_atomic(target, b"two", backup=tmp_path / "a" / "b" / "file.bak")
    assert target.read_bytes() == b"two"
    assert (tmp_path / "a" / "b" / "file.bak").read_bytes() == b"one"


# --- bad saves are moved aside, with one plain sentence ----------------------------------------------


@pytest.mark.parametrize("content", [
    b"{not json",
    b"",
    b"\xff\xfe\x00garbage",
    b"[" * 200_000,
    b"null",
    b"[1, 2, 3]",
    b'{"kind": "spot-the-signs autosave", "save_format": 1, "scenario": "example"}',
    b'{"kind": "spot-the-signs autosave", "save_format": "1", "scenario": "example", "playthrough": {}, "extra": {}}',
    b'{"kind": "spot-the-signs autosave", "save_format": 1, "scenario": "example", "playthrough": {}, "extra": []}',
    b'{"kind": "something else", "save_format": 1, "scenario": "example", "playthrough": {}, "extra": {}}',
], ids=["bad json", "empty", "not utf-8", "deeply nested", "null", "a list", "no playthrough",
        "format as text", "extra not an object", "another kind of file"])
def test_a_save_that_is_not_a_save_is_moved_aside_with_a_plain_message(content, lookup):
    store = SaveStore()
    store.folder.mkdir(parents=True)
    store.path.write_bytes(content)
    result = problem(store.read(lookup))
    assert result.message == COULD_NOT_CONTINUE and is_one_plain_sentence(result.message)
    assert not store.path.exists()
    assert len(result.moved_to) == 1 and result.moved_to[0].is_file()
    assert result.moved_to[0].name.startswith("autosave.corrupt-")
    assert store.read(lookup) is None  # never tried again


def _damaged_playthroughs(story) -> list[dict]:
    good = played(story).to_json()
    return [
        {**good, "trail": [5]},
        {**good, "trail": []},
        {**good, "actions": [99, "nowhere.1"], "fingerprint": "changed"},
        {**good, "state": {"nonsense": True}},
        {**good, "origin": [1, 2]},
        {**good, "helped": "lots"},
        {**good, "scenario": "another-story"},
        {**good, "trail": [["lunch", [999], None]]},
    ]


def test_a_save_the_engine_cannot_use_never_raises(story, lookup):
    store = SaveStore()
    for damaged in _damaged_playthroughs(story):
        store.write(played(story))
        data = json.loads(store.path.read_text())
        data["playthrough"] = damaged
        store.path.write_text(json.dumps(data))
        store.backup_path.unlink(missing_ok=True)
        result = store.read(lookup)
        assert isinstance(result, (Resumed, Problem)), damaged
        if isinstance(result, Problem):
            assert result.message == COULD_NOT_CONTINUE


def test_a_bad_latest_save_falls_back_to_the_good_backup(story, lookup):
    store = SaveStore()
    first = played(story, 1)
    store.write(first, {"revealed": 4})
    store.write(played(story, 2))
    store.path.write_text('{"kind": "spot-the-signs autosave", "sav')  # cut short
    result = resumed(store.read(lookup))
    assert result.from_backup
    assert result.playthrough.to_json() == first.to_json()
    assert result.extra == {"revealed": 4}
    assert result.notice == EARLIER_PLACE
    assert [p.name.split(".corrupt-")[0] for p in store.corrupt_files()] == ["autosave"]


def test_when_both_copies_are_bad_both_are_moved_aside(story, lookup):
    store = SaveStore()
    store.write(played(story, 1))
    store.write(played(story, 2))
    store.path.write_text("{")
    store.backup_path.write_text("[]")
    result = problem(store.read(lookup))
    assert result.message == COULD_NOT_CONTINUE
    assert len(result.moved_to) == 2 and len(result.reasons) == 2
    assert not store.exists()


def test_a_save_from_a_newer_game_is_moved_aside(story, lookup):
    store = SaveStore()
    store.write(played(story))
    data = json.loads(store.path.read_text())
    data["save_format"] = 99
    store.path.write_text(json.dumps(data))
    result = problem(store.read(lookup))
    assert "newer version" in result.reasons[0]
    assert is_one_plain_sentence(result.message)


def test_a_playthrough_from_a_newer_engine_is_moved_aside_and_the_backup_used(story, lookup):
    store = SaveStore()
    first = played(story, 1)
    store.write(first)
    store.write(played(story, 2))
    data = json.loads(store.path.read_text())
    data["playthrough"].update(format=99, readable_from=99)
    store.path.write_text(json.dumps(data))
    result = resumed(store.read(lookup))
    assert result.from_backup and result.playthrough.to_json() == first.to_json()
    assert len(store.corrupt_files()) == 1


def test_a_save_for_a_story_that_is_gone_is_moved_aside(story, own_library):
    library = Library(own_library, fallback=paths.scenes_dir())
    pt = played(library.load(own_library / "example.yaml").story)
    store = SaveStore()
    store.write(pt)
    (own_library / "example.yaml").unlink()
    result = problem(store.read(library_lookup(library)))
    assert result.message == COULD_NOT_CONTINUE
    assert "no longer in the library" in result.reasons[0]
    assert len(store.corrupt_files()) == 1


def test_only_the_newest_few_bad_saves_are_kept(lookup):
    store = SaveStore(now=lambda: datetime(2026, 11, 25, 12, 0, 0))
    store.folder.mkdir(parents=True)
    for n in range(KEEP_CORRUPT + 3):
        store.path.write_text(f"bad {n}")
        problem(store.read(lookup))
    kept = store.corrupt_files()
    assert len(kept) == KEEP_CORRUPT
    assert kept[0].name.startswith("autosave.corrupt-20261125T120000")
    assert [p.read_text() for p in kept] == [f"bad {n}" for n in range(3, KEEP_CORRUPT + 3)]


# --- finding the story again ----------------------------------------------------------------------


def test_an_edited_story_resumes_with_the_engines_notice(own_library):
    library = Library(own_library, fallback=paths.scenes_dir())
    path = own_library / "example.yaml"
    pt = played(library.load(path).story)
    store = SaveStore()
    store.write(pt, {"revealed": 2})
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("sharing a table by the window", "sharing a table by the door"), encoding="utf-8")
    result = resumed(store.read(library_lookup(library)))
    assert result.notice == "This story was updated since you last played. Your place was kept."
    assert result.playthrough.scene.id == pt.scene.id
    assert result.extra == {"revealed": 2}


def test_a_story_played_from_its_own_file_is_found_by_its_path(tmp_path, library, example_text):
    own = tmp_path / "elsewhere" / "my-story.yaml"  # a story's id is its file's name
    own.parent.mkdir()
    own.write_text(example_text.replace("\nid: example\n", "\nid: my-story\n"), encoding="utf-8")
    story = library.load(own).story
    assert story is not None and story.id == "my-story"
    store = SaveStore()
    store.write(played(story))
    assert resumed(store.read(library_lookup(library))).playthrough.story.id == "my-story"


def test_the_lookup_never_treats_a_saved_id_as_a_path(library):
    lookup = library_lookup(library)
    assert lookup(StoryRef("../scenes/example")) is None
    assert lookup(StoryRef("example", path="scenes/example.yaml")) is not None  # found by id
    assert lookup(StoryRef("signs", stem="signs")) is None  # shared files are not stories


def test_a_lookup_that_fails_is_a_problem_not_a_crash(story):
    store = SaveStore()
    store.write(played(story))

    def broken(ref):
        raise RuntimeError("disk gone")

    result = problem(store.read(broken))
    assert result.message == COULD_NOT_CONTINUE


def test_saves_and_settings_never_import_pygame():
    code = "import sys, game.saves, game.settings; print('pygame' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=paths.PACKAGE_DIR.parent,
                         capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "False", out.stderr
