"""Nothing a file can do breaks a promise: no traceback, no crash, no hang, nothing read from
outside the project's folders, nothing lost. One section per class of hostile file.

(Saves, settings and the crash loop: test_hostile_saves.py. Property tests over hostile
values in stories and classroom files: test_loader_properties.py.)
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.story.diagnostics import Diagnostic
from game.story.explore import explore
from game.story.load import load_text
from game.story.safe_yaml import Limits

ROOT = Path(__file__).resolve().parent.parent
SCENES = ROOT / "scenes"
EXAMPLE = (SCENES / "example.yaml").read_text(encoding="utf-8")
HUGE = "9" * 5000


def run(*args: str | Path, home: Path, timeout: float = 60, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "SPOT_THE_SIGNS_HOME": str(home), "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    return subprocess.run([sys.executable, "-m", "game", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout, env=env, input=stdin)


def one_sentence(done: subprocess.CompletedProcess, code: int = 1) -> str:
    assert done.returncode == code, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    return done.stderr


def codes(result) -> list[str]:
    return [d.code for d in result.diagnostics]


def only(result, code: str) -> Diagnostic:
    found = [d for d in result.diagnostics if d.code == code]
    assert len(found) == 1, [d.format() for d in result.diagnostics]
    return found[0]


def in_folder(tmp_path: Path, text: str, stem: str = "example") -> Path:
    folder = tmp_path / "scenes"
    folder.mkdir(exist_ok=True)
    (folder / f"{stem}.yaml").write_text(text.replace("id: example", f"id: {stem}"), encoding="utf-8")
    return folder


# --- 1. huge integers -----------------------------------------------------------------------------------


@pytest.mark.parametrize("number", [HUGE, "0x" + "f" * 5000, "1" + ":0" * 3000, "0b" + "1" * 20_000, "-" + HUGE,
                                    "1.0e+400", "1_000_000_000"],
                         ids=["decimal", "hex", "base 60", "binary", "negative", "float", "underscores"])
def test_a_huge_number_in_any_yaml_form_is_a_short_located_error(load, changed, locate, number):
    text = changed("  trust: 0\n", f"  trust: {number}\n")
    d = only(load(text), "E013")
    assert (d.line, d.col) == locate(text, number[:6])
    assert len(d.message) < 80 and "1,000,000" in d.hint


def test_a_huge_number_as_a_mapping_key_is_a_located_error_not_a_traceback(load, changed):
    text = changed("  trust: 0\n", f"  trust: 0\n  ? 0x{'f' * 5000}\n  : 1\n")
    assert codes(load(text)) == ["E013"]


def test_a_base_60_number_of_a_megabyte_is_refused_after_one_look(load, changed):
    text = changed("minutes: 8", "minutes: 1" + ":0" * 500_000)  # once over 20 s to read
    started = time.process_time()
    d = only(load(text, limits=Limits(max_bytes=2 << 20)), "E013")
    assert d.message.endswith("is too long")
    assert time.process_time() - started < 5  # not a speed target: a guard against reading it in squared time


def test_a_huge_counter_no_longer_passes_check_strict_to_crash_the_first_autosave(tmp_path):
    folder = in_folder(tmp_path, EXAMPLE.replace("  trust: 0\n", "  trust: " + "9" * 4000 + "\n"))
    done = run("check", "--strict", folder / "example.yaml", home=tmp_path)
    assert done.returncode == 1 and "E013" in done.stdout and "Traceback" not in done.stderr


@pytest.mark.parametrize("command", [["check"], ["list"], ["coverage"], ["play", "--text", "example"],
                                     ["play", "--text", "--classroom", "CLASSROOM"]])
def test_no_command_prints_a_traceback_for_a_huge_key(tmp_path, command):
    folder = in_folder(tmp_path, EXAMPLE.replace("  trust: 0\n", f"  trust: 0\n  ? 0x{'f' * 5000}\n  : 1\n"))
    classroom = tmp_path / "classroom.yaml"
    classroom.write_text(f"scenarios: [example]\n? 0x{'f' * 5000}\n: 1\n", encoding="utf-8")
    args = [str(classroom) if a == "CLASSROOM" else a for a in command]
    done = run("--scenes", folder, *args, home=tmp_path, stdin="q\n")
    assert "Traceback" not in done.stdout + done.stderr
    assert "int_max_str_digits" not in done.stdout + done.stderr


# --- 2. control characters written as escapes ------------------------------------------------------------


@pytest.mark.parametrize("escape", ["\\0", "\\e", "\\a", "\\x1b", "\\u0000", "\\N", "\\L", "\\r", "\\b"])
def test_a_control_character_written_as_an_escape_is_e004_at_its_text(load, changed, locate, escape):
    text = changed("title: Mia's new follower", f'title: "Mia{escape}s new follower"')
    d = only(load(text), "E004")
    assert (d.line, d.col) == locate(text, '"Mia')


def test_a_new_line_and_a_tab_may_still_be_written_as_escapes(load, changed):
    assert load(changed("title: Mia's new follower", 'title: "Mia\\tnew\\nfollower"')).ok


@pytest.mark.parametrize("stem", ["signs", "help", "themes"])
def test_the_shared_files_refuse_escaped_control_characters_too(tmp_path, stem):
    folder = tmp_path / "scenes"
    shutil.copytree(SCENES, folder)
    path = folder / f"{stem}.yaml"
    text = path.read_text(encoding="utf-8")
    name = re.search(r"name: \"?([A-Z])", text)
    assert name is not None
    path.write_text(text.replace(name.group(0), f'name: "\\0{name.group(1)}', 1).replace(
        f'name: "\\0{name.group(1)}"', f'name: "\\0{name.group(1)}', 1), encoding="utf-8")
    done = run("check", path, home=tmp_path)
    assert done.returncode == 1 and "E004" in done.stdout


def test_no_terminal_output_holds_a_raw_control_character(tmp_path):
    folder = in_folder(tmp_path, EXAMPLE.replace("title: Mia's new follower", 'title: "\\e[31mMia\\a\\0"'))
    for args in (["check"], ["list"], ["list", "--json"], ["check", "--format", "json"]):
        done = run("--scenes", folder, *args, home=tmp_path)
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f]", done.stdout + done.stderr), args


# --- 4. links out of the project's folders ----------------------------------------------------------------


def test_a_background_that_links_out_of_art_backgrounds_is_never_read_by_the_window(tmp_path, monkeypatch):
    pygame = pytest.importorskip("pygame")
    from game import paths
    from game.story import files
    from game.ui import pictures

    art = tmp_path / "art"
    (art / "backgrounds").mkdir(parents=True)
    outside = tmp_path / "secret.svg"
    shutil.copy(next((ROOT / "art" / "backgrounds").glob("*.svg")), outside)
    (art / "backgrounds" / "beach.svg").symlink_to(outside)
    shutil.copy(next((ROOT / "art" / "backgrounds").glob("*.svg")), art / "backgrounds" / "park.svg")
    monkeypatch.setattr(paths, "art_dir", lambda: art)
    opened: list[str] = []
    real_open = os.open
    monkeypatch.setattr(files.os, "open", lambda p, *a: opened.append(str(p)) or real_open(p, *a))
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    pygame.display.init()
    try:
        assert pictures.background_image("beach", (64, 36)) is None
        assert pictures.background_image("park", (64, 36)) is not None
    finally:
        pygame.display.quit()
    assert not any("secret" in p or "beach" in p for p in opened)


def test_a_story_that_links_out_of_the_scenes_folder_is_refused_not_read(tmp_path):
    folder = tmp_path / "scenes"
    folder.mkdir()
    (tmp_path / "elsewhere.yaml").write_text(EXAMPLE.replace("id: example", "id: linked"), encoding="utf-8")
    (folder / "linked.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    done = run("check", folder, home=tmp_path)
    assert done.returncode == 1 and "link to a file outside the folder" in done.stdout
    listed = run("--scenes", folder, "list", "--json", home=tmp_path)
    assert json.loads(listed.stdout) == [] and "could not be loaded" in listed.stderr


def test_a_sound_that_links_out_of_audio_is_not_loaded(tmp_path):
    from game.story.files import FileProblem, open_asset

    (tmp_path / "audio").mkdir()
    (tmp_path / "outside.wav").write_bytes(b"RIFF")
    (tmp_path / "audio" / "select.wav").symlink_to(tmp_path / "outside.wav")
    with pytest.raises(FileProblem, match="outside"):
        open_asset(tmp_path / "audio" / "select.wav", within=tmp_path / "audio")


def test_a_link_inside_its_folder_is_still_read(tmp_path):
    from game.story.files import read_file

    (tmp_path / "a.yaml").write_text("x: 1", encoding="utf-8")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    assert read_file(tmp_path / "b.yaml", max_bytes=10, within=tmp_path) == b"x: 1"


# --- 5. files that are not files --------------------------------------------------------------------------

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


@needs_fifo
@pytest.mark.parametrize("name", ["story.yaml", "help.yaml", "signs.yaml", "notes.md"])
def test_a_pipe_named_like_a_file_never_makes_check_or_list_wait(tmp_path, name):
    folder = tmp_path / "scenes"
    folder.mkdir()
    shutil.copy(SCENES / "example.yaml", folder)
    os.mkfifo(folder / name)
    done = run("check", folder / name, home=tmp_path, timeout=30)
    assert done.returncode == 1 and "not an ordinary file" in done.stdout
    if name.endswith(".yaml"):
        assert run("check", folder, home=tmp_path, timeout=30).returncode == 1
        assert run("--scenes", folder, "list", home=tmp_path, timeout=30).returncode == 0


def test_a_folder_named_like_a_story_is_passed_over_and_one_given_by_name_is_refused(tmp_path):
    from game.story.files import FileProblem, read_file

    (tmp_path / "odd.yaml").mkdir()
    with pytest.raises(FileProblem, match="folder"):
        read_file(tmp_path / "odd.yaml", max_bytes=100)


def test_a_device_is_refused_before_it_is_read(tmp_path):
    from game.story.files import FileProblem, read_file

    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    with pytest.raises(FileProblem, match="not an ordinary file"):
        read_file("/dev/zero", max_bytes=100)


# --- 7. exploration of a wide state ---------------------------------------------------------------------


def wide_story(flags: int, chain: int, read: bool = True) -> str:
    """A valid-looking story declaring ``flags`` flags; ``chain`` scenes each set one or not, so
    there are 2**chain states, each holding every flag."""
    out = ["id: wide", "title: Wide", 'band: "11-13"', "minutes: 5", "setting: both", "summary: A test.", "state:"]
    out += [f"  f{i}: false" for i in range(flags)]
    out += ["characters:", "  sam: {name: Sam, role: player}", "  mia: {name: Mia, role: target}",
            "  ms-okafor: {name: Ms Okafor, role: trusted-adult}", "scenes:"]
    for i in range(chain):
        nxt = f"s{i + 1}" if i < chain - 1 else "end"
        out += [f"  s{i}:", "    lines:", "      - Mia looks at her phone.", "    choices:",
                "      - text: Ask Mia.", f"        go: {nxt}", f"        set: {{f{i}: true}}",
                "      - text: Wait.", f"        go: {nxt}"]
    out += ["endings:", "  end:", "    title: Mia talks to Ms Okafor", "    tone: hopeful", "    lines:",
            "      - ms-okafor: It's not your fault, Mia."]
    out += [f"      - text: Sam remembers.\n        if: f{i}" for i in range(chain if read else 0)]
    return "\n".join(out) + "\n"


def test_a_wide_state_stops_at_the_values_bound_and_says_so_with_flags_in_the_hint(shared):
    result = load_text(wide_story(3000, 20), "wide.yaml", shared, lint=True)
    d = only(result, "W052")
    assert "each holding 3,000 flags and counters" in d.message
    assert "flag" in d.hint and "counter '" not in d.hint


def test_exploration_stops_at_its_work_and_values_bounds(shared):
    story = load_text(wide_story(50, 12), "wide.yaml", shared).story
    assert story is not None
    whole = explore(story)
    assert whole.complete and whole.states == 2 ** 13 - 1  # 2**i states of scene i, 2**12 of the ending
    by_values = explore(story, max_values=50 * 100)
    assert not by_values.complete and by_values.bound == "values" and by_values.states == 100
    by_work = explore(story, max_work=50 * 3 * 40)
    assert not by_work.complete and by_work.bound == "work" and by_work.states < 200


def test_w052_names_the_counter_that_keeps_changing_and_not_flags(load, monkeypatch):
    from game.story.check import routes

    monkeypatch.setattr(routes, "STATE_BOUND", 50)
    text = EXAMPLE
    loop = ("      - text: Think again.\n        add: {trust: 1}\n        go: bus-stop\n"
            "      - text: Think less.\n        add: {trust: -1}\n        go: bus-stop\n")
    at = text.index("\n  teacher:\n")
    d = only(load(text[:at] + "\n" + loop.rstrip("\n") + text[at:]), "W052")
    assert "counter 'trust'" in d.hint


def test_w052_for_flags_alone_does_not_talk_about_counters(shared, monkeypatch):
    from game.story.check import routes

    monkeypatch.setattr(routes, "STATE_BOUND", 50)
    d = only(load_text(wide_story(12, 12), "wide.yaml", shared, lint=True), "W052")
    assert "counter" not in d.hint and "flag" in d.hint


# --- 8. output paths --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("args", "says"), [
    (["graph", "example", "-o", "FOLDER.html"], "can be written as"),
    (["graph", "example", "-o", "DOTFOLDER"], "is a folder"),
    (["graph", "example", "-o", "MISSING/map.dot"], "does not exist"),
    (["lesson", "example", "-o", "MISSING/pack.html"], "does not exist"),
    (["lesson", "example", "-o", "FOLDER.html"], "is a folder"),
    (["lesson", "--all", "-o", "FILE"], "is a file"),
    (["lesson", "--all", "-o", "MISSING/deeper"], "does not exist"),
    (["new", "leo-and-max", "--dir", "FILE"], "is a file"),
    (["new", "leo-and-max", "--dir", "FILE/deeper"], "could not be made"),
    (["coverage", "-o", "FOLDER"], "is a folder"),
    (["schema", "-o", "FOLDER"], "is a folder"),
])
def test_an_output_that_cannot_be_written_is_one_sentence_and_exit_1(tmp_path, args, says):
    (tmp_path / "out").mkdir()
    (tmp_path / "out.html").mkdir()
    (tmp_path / "file").write_text("x", encoding="utf-8")
    (tmp_path / "out.dot").mkdir()
    names = {"FOLDER": tmp_path / "out", "MISSING": tmp_path / "missing", "FILE": tmp_path / "file",
             "DOTFOLDER": tmp_path / "out.dot"}
    args = [re.sub("DOTFOLDER|FOLDER|MISSING|FILE", lambda m: str(names[m.group()]), a) for a in args]
    done = run(*args, home=tmp_path)
    assert says in one_sentence(done, 2 if says == "can be written as" else 1)


def test_a_disk_that_refuses_the_write_is_one_sentence(tmp_path, monkeypatch, capsys):
    from game.cli import main

    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "write_text", refuse)
    assert main(["graph", "example", "-o", str(tmp_path / "map.dot")]) == 1
    err = capsys.readouterr().err
    assert "no permission to write" in err and err.count("\n") == 1


# --- 9. a library of thousands: the index --------------------------------------------------------------


def library_of(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for i in range(n):
        path = folder / f"story-{i:03d}.yaml"
        path.write_text(EXAMPLE.replace("id: example", f"id: story-{i:03d}"), encoding="utf-8")
        made.append(path)
    return made


def test_list_reads_only_the_files_that_changed(tmp_path):
    from game.library_index import catalogue

    made = library_of(tmp_path / "scenes", 6)
    index = tmp_path / "index"
    first = catalogue(tmp_path / "scenes", SCENES, index)
    assert first.read == 6 and len(first.stories) == 6
    assert catalogue(tmp_path / "scenes", SCENES, index).read == 0
    made[2].write_text(made[2].read_text(encoding="utf-8").replace("minutes: 8", "minutes: 9"), encoding="utf-8")
    made[4].unlink()
    library_of(tmp_path / "extra", 0)
    again = catalogue(tmp_path / "scenes", SCENES, index)
    assert again.read == 1 and len(again.stories) == 5
    assert next(s for s in again.stories if s.id == "story-002").minutes == 9


def test_the_index_is_rebuilt_when_a_shared_file_changes(tmp_path):
    from game.library_index import catalogue

    library_of(tmp_path / "scenes", 3)
    shutil.copy(SCENES / "themes.yaml", tmp_path / "scenes" / "themes.yaml")
    index = tmp_path / "index"
    assert catalogue(tmp_path / "scenes", SCENES, index).read == 3
    with (tmp_path / "scenes" / "themes.yaml").open("a", encoding="utf-8") as f:
        f.write("\n# edited\n")
    assert catalogue(tmp_path / "scenes", SCENES, index).read == 3


@pytest.mark.parametrize("damage", ["not json", "numbers", "control", "types", "huge"])
def test_a_damaged_index_is_read_again_never_trusted(tmp_path, damage):
    from game.library_index import catalogue

    library_of(tmp_path / "scenes", 2)
    index = tmp_path / "index"
    catalogue(tmp_path / "scenes", SCENES, index)
    [path] = index.glob("*.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    entry = data["stories"]["story-000.yaml"]["info"]
    text = {
        "not json": "{oops",
        "numbers": path.read_text(encoding="utf-8").replace('"minutes":8', '"minutes":' + "9" * 5000),
        "control": json.dumps({**data, "stories": {**data["stories"], "story-000.yaml": {
            **data["stories"]["story-000.yaml"], "info": {**entry, "title": "\x1b[31m\x00"}}}}),
        "types": json.dumps({**data, "stories": {**data["stories"], "story-000.yaml": {
            **data["stories"]["story-000.yaml"], "info": {**entry, "signs": "flattery"}}}}),
        "huge": "[" * 100_000,
    }[damage]
    path.write_text(text, encoding="utf-8")
    again = catalogue(tmp_path / "scenes", SCENES, index)
    assert again.read == 2 and {s.title for s in again.stories} == {"Mia's new follower"}


def test_list_gives_the_same_rows_from_the_index_as_from_the_files(tmp_path):
    library_of(tmp_path / "scenes", 3)
    cold = run("--scenes", tmp_path / "scenes", "list", "--json", home=tmp_path)
    warm = run("--scenes", tmp_path / "scenes", "list", "--json", home=tmp_path)
    assert cold.stdout == warm.stdout and len(json.loads(warm.stdout)) == 3
    assert list(json.loads(warm.stdout)[0]) == ["id", "title", "band", "minutes", "setting", "signs", "themes", "path"]


def test_the_picker_builds_its_cards_from_the_index_and_loads_the_story_chosen(tmp_path, monkeypatch):
    pytest.importorskip("pygame")
    from game.library_index import catalogue
    from game.ui.pilot import run_test
    from game.ui.screen import Push
    from game.ui.screens.picker import PickerScreen
    from game.ui.screens.play import PlayScreen

    monkeypatch.setenv("SPOT_THE_SIGNS_HOME", str(tmp_path / "home"))
    made = library_of(tmp_path / "scenes", 4)
    catalogue(tmp_path / "scenes", SCENES)
    with run_test() as pilot:
        import game.library_index as index

        reads = []
        real = index.catalogue
        monkeypatch.setattr(index, "catalogue", lambda *a, **k: reads.append(real(*a, **k).read) or real(*a, **k))
        pilot.app.apply(Push(PickerScreen(folder=tmp_path / "scenes")))
        assert reads[0] == 0 and len(pilot.screen.all_cards) == 4
        made[0].write_text("id: broken\n", encoding="utf-8")  # changed after the picker opened
        pilot.screen.start_story(pilot.screen.all_cards[0].story)
        assert "could not be opened" in pilot.screen.empty.text
        assert pilot.screen.empty in pilot.screen.widgets and pilot.screen.empty.rect.bottom <= pilot.screen.view.top
        pilot.app.apply(pilot.screen.start_story(pilot.screen.all_cards[1].story))
        assert isinstance(pilot.screen, PlayScreen) and pilot.screen.story.id == "story-001"


# --- 10. the smaller ones ---------------------------------------------------------------------------------


def test_size_is_bounded_by_the_largest_screens(tmp_path):
    done = run("play", "--size", "99999999x99999999", "--exit-after-first-frame", home=tmp_path)
    assert "at most 7680x4320" in one_sentence(done, 2)


def test_a_long_name_is_shortened_in_its_message(load, changed):
    name = "b" * 5000
    d = only(load(changed("    background: bus-stop\n", f"    background: ../{name}\n")), "E015")
    assert len(d.message) < 200 and "..." in d.message


def test_any_long_quoted_value_in_any_message_is_shortened():
    d = Diagnostic("x.yaml", 1, 1, "error", "E999", f"the scene {'s' * 5000!r} and {'t' * 9!r} can't be", "h")
    from game.story.diagnostics import MAX_QUOTED

    assert "'" + "s" * (MAX_QUOTED - 1) + "...'" in d.message and "'ttttttttt'" in d.message and "can't" in d.message


def test_the_classroom_files_e002_hint_does_not_talk_about_stories():
    from game.classroom import LIMITS, parse_classroom

    found = parse_classroom("scenarios: [example]\n" + "#" * LIMITS.max_bytes, known=["example"])
    [d] = found.diagnostics
    assert d.code == "E002" and "story" not in d.hint and "classroom" in d.hint


def test_fullwidth_digits_are_not_numbers_in_conditions(load, changed):
    d = only(load(changed("        if: trust >= 1 and not told_adult\n", "        if: trust >= １\n")), "E024")
    assert "0 to 9" in d.hint


def test_a_file_level_error_is_printed_at_1_1_for_editors(tmp_path):
    path = tmp_path / "example.yaml"
    path.write_bytes(b"#" * (Limits().max_bytes + 1))
    done = run("check", path, home=tmp_path)
    assert re.search(r"example\.yaml:1:1: error\[E002\]", done.stdout), done.stdout


def test_a_background_read_through_the_one_opener_still_covers_any_window(monkeypatch):
    """SDL closes the stream it loads a picture from: a window of another shape needs a second load."""
    pygame = pytest.importorskip("pygame")
    from game.ui import pictures

    monkeypatch.setattr(pictures, "_MISSING", set())
    monkeypatch.setattr(pictures, "_PLAIN", {})
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    pygame.display.init()
    try:
        for size in ((1024, 600), (1280, 720), (600, 1024)):
            found = pictures.background_image("classroom", size)
            assert found is not None and found.get_size() == size
    finally:
        pygame.display.quit()


def test_a_big_folder_is_checked_on_every_core_with_the_same_findings(tmp_path, monkeypatch):
    from game.story import library
    from game.story.check_files import check_paths

    made = library_of(tmp_path / "scenes", library.PARALLEL_FROM + 2)
    made[7].write_text(made[7].read_text(encoding="utf-8").replace("go: told-teacher", "go: told-teachr"),
                       encoding="utf-8")
    shared = check_paths([tmp_path / "scenes"], SCENES)
    monkeypatch.setattr(library, "PARALLEL_FROM", 10**9)
    alone = check_paths([tmp_path / "scenes"], SCENES)
    assert shared == alone and shared[1] == len(made)
    assert [d.path for d in shared[0] if d.code == "E021"] == [str(made[7])]
