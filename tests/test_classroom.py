"""The classroom file (game/classroom.py): every kind of mistake is located, the usable rest still
applies, it round-trips through save and load, and `check` and `play --classroom` read it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from game import paths
from game.classroom import (
    CLASSROOM_ENV,
    DEFAULT_HEADER,
    Classroom,
    classroom_defaults,
    classroom_path,
    current,
    parse_classroom,
    read_classroom,
    save_change,
    save_classroom,
    to_yaml,
    use_file,
    with_story,
)
from game.settings import load_settings

ROOT = Path(__file__).resolve().parent.parent
KNOWN = ["art-account", "example", "game-gifts", "new-friend", "owe-me"]


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    monkeypatch.setenv(paths.HOME_ENV, str(folder))
    monkeypatch.setenv(CLASSROOM_ENV, "")  # restored afterwards, whatever a test sets it to
    monkeypatch.delenv(CLASSROOM_ENV)
    return folder


def problems(text: str, lint: bool = False) -> list[tuple[str, int | None, int | None]]:
    return [(d.code, d.line, d.col) for d in parse_classroom(text, known=KNOWN, lint=lint).diagnostics]


def only(text: str, lint: bool = False):
    found = parse_classroom(text, known=KNOWN, lint=lint).diagnostics
    assert len(found) == 1, found
    return found[0]


# -- a good file ---------------------------------------------------------------------------------

GOOD = """\
# Year 8, Oak Hill School
scenarios:
  - new-friend
  - art-account
contact:
  name: Mrs Patel
  role: designated safeguarding lead
  where: Room 12, or ask at the school office
discussion_pauses: true
settings:
  text_scale: 1.25
  theme: dark
  reduced_motion: true
"""


def test_a_good_file_gives_every_value_and_no_problems():
    state = parse_classroom(GOOD, known=KNOWN, lint=True)
    assert state.diagnostics == () and state.ok
    room = state.classroom
    assert room.scenarios == ["new-friend", "art-account"]
    assert room.contact.lines() == ("Mrs Patel, designated safeguarding lead",
                                    "Where to find them: Room 12, or ask at the school office")
    assert room.discussion_pauses is True
    assert room.settings_layer() == {"text_scale": 1.25, "theme": "dark", "reduced_motion": True}


def test_no_file_or_only_comments_means_every_story_and_the_built_in_settings(home):
    assert not read_classroom(home / "missing.yaml").exists
    for text in ("", "# nothing yet\n\n# still nothing\n"):
        state = parse_classroom(text, known=KNOWN)
        assert state.diagnostics == () and state.classroom == Classroom()
    assert Classroom().allows("anything") and Classroom().settings_layer() == {}


def test_one_story_id_may_be_written_as_text():
    assert parse_classroom("scenarios: new-friend\n", known=KNOWN).classroom.scenarios == ["new-friend"]


def test_the_classroom_settings_are_the_layer_under_the_pupils_own(home):
    layer = parse_classroom(GOOD, known=KNOWN).classroom.settings_layer()
    settings = load_settings(classroom=layer)
    assert (settings.text_scale, settings.theme, settings.reduced_motion) == (1.25, "dark", True)


# -- every kind of mistake, located ----------------------------------------------------------------


def test_an_unknown_story_id_is_located_with_a_did_you_mean(locate):
    text = "scenarios:\n  - new-friend\n  - new-freind\n"
    d = only(text)
    assert (d.code, d.line, d.col) == ("E060", *locate(text, "new-freind"))
    assert d.hint == "did you mean 'new-friend'?" and d.severity == "error"


def test_an_unknown_story_id_with_nothing_close_lists_the_stories():
    d = only("scenarios: [zzz]\n")
    assert d.code == "E060" and "new-friend" in d.hint


def test_a_story_listed_twice_and_an_empty_list_are_warnings(locate):
    text = "scenarios: [example, owe-me, example]\n"
    d = only(text)
    assert (d.code, d.severity, d.line, d.col) == ("W060", "warning", 1, text.rindex("example") + 1)
    d = only("scenarios: []\n")
    assert (d.code, d.severity, d.line, d.col) == ("W061", "warning", 1, 12)


def test_a_misspelt_key_is_located_with_a_did_you_mean(locate):
    text = "contcat:\n  name: Mrs Patel\n"
    d = only(text)
    assert (d.code, d.line, d.col) == ("E011", 1, 1) and d.hint == "did you mean 'contact'?"


def test_a_misspelt_setting_is_located_with_a_did_you_mean(locate):
    text = "settings:\n  text_scale: 1.5\n  fnot: lexend\n"
    d = only(text)
    assert (d.code, d.line, d.col) == ("E011", *locate(text, "fnot")) and d.hint == "did you mean 'font'?"


def test_a_misspelt_contact_key_is_located(locate):
    text = "contact:\n  name: Mr Cole\n  rôle: head of year\n"
    d = only(text)
    assert (d.code, d.line, d.col) == ("E011", *locate(text, "rôle")) and d.hint == "did you mean 'role'?"


def test_a_setting_out_of_range_says_the_range(locate):
    text = "settings:\n  text_scale: 3\n"
    d = only(text)
    assert (d.code, d.line, d.col) == ("E013", *locate(text, "3"))
    assert d.hint == "text_scale goes from 1.0 to 2.0"


def test_a_number_in_quotes_is_not_a_number(locate):
    text = "settings:\n  line_spacing: '1.5'\n"
    d = only(text)
    assert (d.code, d.line, d.col) == ("E013", *locate(text, "'1.5'")) and "without quotes" in d.hint


def test_a_setting_that_is_not_one_of_the_choices_gets_the_closest(locate):
    text = "settings:\n  theme: darkk\n"
    d = only(text)
    assert (d.code, d.line, d.col) == ("E013", *locate(text, "darkk")) and d.hint == "did you mean 'dark'?"
    assert "'light', 'dark' or 'contrast'" in d.message


def test_on_off_must_be_true_or_false(locate):
    text = "discussion_pauses: sometimes\n"
    d = only(text)
    assert (d.code, d.line, d.col) == ("E013", *locate(text, "sometimes")) and d.hint == "write true or false"
    text = "settings:\n  mute: 1\n"
    d = only(text)
    assert (d.code, d.line, d.col) == ("E013", *locate(text, "1")) and d.hint == "write true or false"


def test_an_empty_value_is_a_mistake_with_a_hint(locate):
    text = "contact:\n  name: Mrs Patel\n  role:\n"
    d = only(text)
    assert (d.code, d.line) == ("E013", 3) and "empty" in d.hint


def test_a_contact_needs_a_name(locate):
    text = "contact:\n  role: safeguarding lead\n"
    d = only(text)
    assert (d.code, d.line, d.col) == ("E012", 1, 1) and "name" in d.message


def test_a_contact_that_is_too_long_is_located(locate):
    text = f"contact:\n  name: {'x' * 61}\n"
    d = only(text)
    assert (d.code, d.line, d.col) == ("E013", 2, 9) and "60" in d.message


def test_the_contact_is_checked_against_the_avoid_list_when_linting(locate):
    text = "contact:\n  name: Mr Cole\n  where: ask anyone, even if you were naive\n"
    assert problems(text) == []
    d = only(text, lint=True)
    assert (d.code, d.line) == ("E040", 3) and "naive" in d.message


def test_the_file_must_be_key_value_lines():
    d = only("- new-friend\n- owe-me\n")
    assert (d.code, d.line, d.col) == ("E010", 1, 1) and "docs/classroom.md" in d.hint


def test_yaml_that_cannot_be_read_is_located_and_everything_is_the_default():
    state = parse_classroom("scenarios: [new-friend\ncontact: {name: x}\n", known=KNOWN)
    assert [d.code for d in state.diagnostics] == ["E001"] and state.diagnostics[0].line is not None
    assert state.classroom == Classroom()


def test_anchors_and_tags_are_refused_as_in_scenarios():
    d = only("contact: &c {name: x}\nsettings: *c\n")
    assert (d.code, d.line) == ("E006", 1) and "classroom file" in d.message
    d = only("contact: !!python/object {name: x}\n")
    assert d.code == "E007"


def test_a_file_that_is_not_utf8_or_too_big_is_refused(home):
    bad = home / "classroom.yaml"
    bad.parent.mkdir(parents=True)
    bad.write_bytes(b"contact:\n  name: Mr \xa3\n")
    d = read_classroom(bad, known=KNOWN).diagnostics[0]
    assert (d.code, d.line, d.col) == ("E003", 2, 12)
    bad.write_text("# " + "x" * 70_000 + "\n", encoding="utf-8")
    assert read_classroom(bad, known=KNOWN).diagnostics[0].code == "E002"


# -- what still applies ------------------------------------------------------------------------------


def test_a_mistake_leaves_out_only_the_value_it_is_in():
    text = GOOD.replace("text_scale: 1.25", "text_scale: 5").replace("  - art-account", "  - Art Account")
    state = parse_classroom(text, known=KNOWN)
    assert not state.ok
    room = state.classroom
    assert room.scenarios == ["new-friend"]  # the broken id matches nothing: pupils see fewer, never more
    assert room.contact.name == "Mrs Patel" and room.discussion_pauses
    assert room.settings_layer() == {"theme": "dark", "reduced_motion": True}


def test_a_contact_without_its_name_is_left_out_and_the_rest_applies():
    state = parse_classroom("scenarios: [owe-me]\ncontact:\n  role: head of year\n", known=KNOWN)
    assert state.classroom.contact is None and state.classroom.scenarios == ["owe-me"]


def test_an_unknown_story_keeps_the_rest_of_the_list():
    state = parse_classroom("scenarios: [owe-me, nope]\n", known=KNOWN)
    assert state.classroom.visible([type("S", (), {"id": i})() for i in KNOWN])[0].id == "owe-me"
    assert [s for s in KNOWN if state.classroom.allows(s)] == ["owe-me"]


# -- writing -----------------------------------------------------------------------------------------


def test_save_and_load_round_trip_keeping_the_header(home):
    path = home / "classroom.yaml"
    original = parse_classroom(GOOD, known=KNOWN)
    path.parent.mkdir(parents=True)
    path.write_text(GOOD, encoding="utf-8")
    assert save_classroom(original.classroom.changed(discussion_pauses=False), path) is None
    again = read_classroom(path, known=KNOWN, lint=True)
    assert again.diagnostics == ()
    assert again.classroom == original.classroom.changed(discussion_pauses=False)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Year 8, Oak Hill School\n") and "discussion_pauses" not in text
    assert not list(path.parent.glob(".*.tmp")) and not (path.parent / "classroom.yaml.bak").exists()


@pytest.mark.parametrize("name", ["No", "yes", "Ms O'Neill: Head of Year", "#1 Mr Ó Briain", "null", "1.5"])
def test_any_contact_text_survives_the_round_trip(home, name):
    room = Classroom().changed(contact={"name": name, "where": "'quoted' \"both\" ways"})
    path = home / "c.yaml"
    assert save_classroom(room, path) is None
    assert read_classroom(path, known=KNOWN).classroom == room


def test_a_new_file_starts_with_the_explaining_header(home):
    path = classroom_path()
    assert path == home / "config" / "classroom.yaml"
    assert save_classroom(Classroom().changed(scenarios=["owe-me"]), path) is None
    assert path.read_text(encoding="utf-8") == DEFAULT_HEADER + "\nscenarios:\n- owe-me\n"
    assert to_yaml(Classroom()) == DEFAULT_HEADER + "\n"


def test_saving_over_a_file_with_mistakes_keeps_it_as_bak(home):
    path = home / "classroom.yaml"
    path.parent.mkdir(parents=True)
    broken = "# ours\ncontcat: {name: Mrs Patel}\nscenarios: [owe-me, nope]\n"
    path.write_text(broken, encoding="utf-8")
    state = read_classroom(path, known=KNOWN)
    after, message = save_change(with_story(state.classroom, "example", True, KNOWN), state)
    assert "classroom.yaml.bak" in message
    assert (path.parent / "classroom.yaml.bak").read_text(encoding="utf-8") == broken
    assert after.ok and after.classroom.scenarios == ["example", "owe-me"]
    assert path.read_text(encoding="utf-8").startswith("# ours\n")


def test_a_file_that_cannot_be_written_is_unchanged_and_says_why(home):
    blocker = home / "not-a-folder"
    blocker.parent.mkdir(parents=True)
    blocker.write_text("x", encoding="utf-8")
    message = save_classroom(Classroom(), blocker / "classroom.yaml")
    assert message is not None and "could not be saved" in message


def test_showing_and_hiding_a_story_keeps_the_librarys_order():
    room = Classroom()
    room = with_story(room, "owe-me", False, KNOWN)
    assert room.scenarios == ["art-account", "example", "game-gifts", "new-friend"]
    room = with_story(room, "owe-me", True, KNOWN)
    assert room.scenarios == KNOWN
    assert with_story(Classroom(scenarios=["nope", "example"]), "art-account", True, KNOWN).scenarios == [
        "art-account", "example"]


# -- the file in use -------------------------------------------------------------------------------------


def test_current_reads_again_only_when_the_file_changes(home):
    first = current()
    assert not first.exists and current() is first
    assert save_classroom(Classroom(scenarios=["owe-me"]), classroom_path()) is None
    second = current()
    assert second.classroom.scenarios == ["owe-me"] and current() is second
    assert save_classroom(Classroom(settings={"text_scale": 1.5}), classroom_path()) is None
    assert classroom_defaults() == {"text_scale": 1.5}


def test_use_file_points_the_game_at_another_classroom_file(home, tmp_path):
    other = tmp_path / "shared" / "year8.yaml"
    other.parent.mkdir()
    other.write_text("scenarios: [owe-me]\n", encoding="utf-8")
    assert use_file(other) == other.resolve()
    assert os.environ[CLASSROOM_ENV] == str(other.resolve())
    assert current().path == other.resolve() and current().classroom.scenarios == ["owe-me"]


# -- the command line ------------------------------------------------------------------------------------


def _run(args: list[str], home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, paths.HOME_ENV: str(home), "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy",
           "PYGAME_HIDE_SUPPORT_PROMPT": "1"}
    env.pop(CLASSROOM_ENV, None)
    return subprocess.run([sys.executable, "-m", "game", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60)


def test_check_recognises_a_classroom_file_and_locates_its_mistakes(home, tmp_path):
    path = tmp_path / "classroom.yaml"
    path.write_text("scenarios: [new-freind]\n", encoding="utf-8")
    done = _run(["check", str(path)], home)
    assert done.returncode == 1
    assert f"{path}:1:13: error[E060]: there is no story called 'new-freind'" in done.stdout
    assert "did you mean 'new-friend'?" in done.stdout
    path.write_text(GOOD, encoding="utf-8")
    done = _run(["check", "--strict", str(path)], home)
    assert done.returncode == 0, done.stdout


def test_play_with_a_faulty_classroom_file_still_starts_and_says_what_is_wrong(home, tmp_path):
    path = tmp_path / "year8.yaml"
    path.write_text("scenarios: [owe-me]\nsettings: {theme: darkk}\n", encoding="utf-8")
    done = _run(["play", "--classroom", str(path), "--exit-after-first-frame", "--size", "1024x600"], home)
    assert done.returncode == 0, done.stderr
    assert "error[E013]" in done.stderr and "did you mean 'dark'?" in done.stderr and "Traceback" not in done.stderr
    done = _run(["play", "--classroom", str(tmp_path / "none.yaml"), "--exit-after-first-frame"], home)
    assert done.returncode == 0 and "does not exist yet" in done.stderr


def test_terminal_play_offers_only_the_stories_the_classroom_lists(home, tmp_path, monkeypatch, capsys):
    from game.cli import main

    path = tmp_path / "classroom.yaml"
    path.write_text("scenarios: [owe-me]\n", encoding="utf-8")
    monkeypatch.setattr("builtins.input", lambda _prompt="": "q")
    assert main(["play", "--text", "--classroom", str(path)]) == 0
    out = capsys.readouterr().out
    assert "1) You owe us" in out and "2)" not in out


def test_the_example_in_the_docs_is_a_good_file():
    text = (ROOT / "docs" / "classroom.md").read_text(encoding="utf-8")
    example = text.split("```yaml file=classroom.yaml\n", 1)[1].split("```", 1)[0]
    state = parse_classroom(example, lint=True)
    assert state.diagnostics == ()
    assert state.classroom.contact.name == "Mrs Patel" and state.classroom.scenarios[0] == "new-friend"
    assert state.header.startswith("# Year 8, Oak Hill School.")


def test_reading_the_classroom_file_never_imports_pygame(home):
    code = ("import sys, game.classroom as c; c.current(); c.parse_classroom('scenarios: [owe-me]', lint=True); "
            "assert 'pygame' not in sys.modules, 'pygame was imported'")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
                          env={**os.environ, paths.HOME_ENV: str(home)})
    assert done.returncode == 0, done.stderr


def test_terminal_help_shows_the_schools_contact_second_like_the_window(tmp_path):
    from game.paths import config_dir, scenes_dir
    from game.story.library import Library
    from game.textplay import _help_text

    story = Library(scenes_dir()).load(scenes_dir() / "example.yaml").story
    plain = _help_text(story)
    assert "In school, you can talk to" not in plain
    config_dir().mkdir(parents=True, exist_ok=True)
    (config_dir() / "classroom.yaml").write_text(
        "contact:\n  name: Mrs Patel\n  role: designated safeguarding lead\n  where: Room 12\n", encoding="utf-8")
    lines = _help_text(story).splitlines()
    school = next(i for i, line in enumerate(lines) if "In school, you can talk to: Mrs Patel" in line)
    assert "designated safeguarding lead" in " ".join(lines[school:school + 3])
    assert "Room 12" in " ".join(lines[school:school + 3])
    assert lines[2].startswith("  * Talk to a trusted adult") and school > 2


def test_continue_is_left_out_for_a_story_the_teacher_hid_and_comes_back_when_shown():
    import os

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    from game.paths import config_dir, scenes_dir
    from game.saves import SaveStore, autosave_story_id
    from game.story.library import Library
    from game.story.runtime import Playthrough
    from game.ui.pilot import run_test

    story = Library(scenes_dir()).load(scenes_dir() / "example.yaml").story
    pt = Playthrough(story)
    pt.choose(0)
    assert SaveStore().write(pt) and autosave_story_id() == "example"
    config_dir().mkdir(parents=True, exist_ok=True)
    classroom = config_dir() / "classroom.yaml"
    classroom.write_text("scenarios: [owe-me]\n", encoding="utf-8")
    with run_test(size=(1280, 720)) as pilot:
        assert pilot.screen.cont not in pilot.screen.buttons
    assert SaveStore().exists()  # kept, not deleted
    classroom.write_text("scenarios: [owe-me, example]\n", encoding="utf-8")
    with run_test(size=(1280, 720)) as pilot:
        assert pilot.screen.cont in pilot.screen.buttons


def test_a_damaged_save_never_stops_the_title_when_a_classroom_file_exists():
    import os

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    from game.paths import config_dir
    from game.saves import SaveStore, autosave_story_id, continuable
    from game.ui.pilot import run_test

    store = SaveStore()
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_text("[" * 100_000, encoding="utf-8")  # nested too deep for json
    config_dir().mkdir(parents=True, exist_ok=True)
    (config_dir() / "classroom.yaml").write_text("scenarios: [owe-me]\n", encoding="utf-8")
    assert autosave_story_id() is None and continuable()  # Continue then says the save cannot be used
    with run_test(size=(1280, 720)) as pilot:
        assert pilot.app.crashes == 0 and pilot.screen.cont in pilot.screen.buttons
