"""The command line as a writer or teacher uses it: list, play in the terminal, bad input."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from game.cli import main
from game.story.load import load_shared, load_text
from game.textplay import play_auto, play_interactive

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = (ROOT / "scenes" / "example.yaml").read_text(encoding="utf-8")


def run(*args: str, cwd: Path = ROOT, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "game", *args], cwd=cwd, input=stdin, capture_output=True,
                          text=True, timeout=60, env=env)


def example_story():
    shared, _ = load_shared(ROOT / "scenes")
    story = load_text(EXAMPLE, "example.yaml", shared).story
    assert story is not None
    return story


def test_version_is_printed():
    out = run("--version")
    assert out.returncode == 0 and out.stdout.startswith("spot-the-signs ")


def test_list_shows_each_scenario_with_band_minutes_and_signs():
    out = run("list")
    assert out.returncode == 0
    line = next(ln for ln in out.stdout.splitlines() if ln.startswith("example "))
    assert "11-13" in line and "8 min" in line and "Mia's new follower" in line and "flattery" in line


def test_list_json_is_an_array_of_objects():
    out = run("list", "--json")
    rows = json.loads(out.stdout)
    example = next(r for r in rows if r["id"] == "example")
    assert example["band"] == "11-13" and example["minutes"] == 8 and "secrecy" in example["signs"]


def test_list_filters_by_band():
    rows = json.loads(run("list", "--json", "--band", "14-16").stdout)
    assert all(r["band"] == "14-16" for r in rows)
    assert "example" not in [r["id"] for r in rows]


def test_auto_play_prints_a_transcript_ending_in_the_debrief():
    out = run("play", "--text", "example", "--auto", "random", "--seed", "3")
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "Debrief" in text
    assert "not Mia's fault" in text
    assert "0800 1111" in text
    assert "Well spotted" in text
    debrief = text.split("══ Debrief ══", 1)[1]
    assert "The warning signs on this route" in debrief and "Too good to be true" in debrief


def test_auto_play_is_the_same_for_the_same_seed():
    assert run("play", "--text", "example", "--auto", "random", "--seed", "7").stdout == \
        run("play", "--text", "example", "--auto", "random", "--seed", "7").stdout


def test_every_command_works_from_another_folder(tmp_path):
    assert run("list", cwd=tmp_path).returncode == 0
    assert run("check", cwd=tmp_path).returncode == 0
    assert run("play", "--text", "example", "--auto", "first", cwd=tmp_path).returncode == 0


def test_scenes_option_points_at_another_folder(tmp_path):
    shutil.copy(ROOT / "scenes" / "example.yaml", tmp_path / "example.yaml")
    out = run("--scenes", str(tmp_path), "list", "--json")
    assert [r["id"] for r in json.loads(out.stdout)] == ["example"]


def test_a_path_can_be_played_as_well_as_an_id(tmp_path):
    path = tmp_path / "example.yaml"
    shutil.copy(ROOT / "scenes" / "example.yaml", path)
    assert run("play", "--text", str(path), "--auto", "first").returncode == 0


def test_an_unknown_scenario_gets_one_sentence_and_exit_2():
    out = run("play", "--text", "no-such-story")
    assert out.returncode == 2
    assert "no scenario called 'no-such-story'" in out.stderr
    assert "Traceback" not in out.stderr


def test_a_broken_scenario_cannot_be_played_and_says_why(tmp_path):
    (tmp_path / "broken.yaml").write_text(EXAMPLE.replace("id: example", "id: broken").replace("go: corridor",
                                                                                             "go: coridor"))
    out = run("--scenes", str(tmp_path), "play", "--text", "broken")
    assert out.returncode == 1
    assert "error[E021]" in out.stderr and "did you mean 'corridor'?" in out.stderr
    assert "Traceback" not in out.stderr


def test_a_bad_flag_is_a_usage_error():
    out = run("list", "--colour")
    assert out.returncode == 2 and "Traceback" not in out.stderr


def test_a_missing_scenes_folder_is_a_usage_error(tmp_path):
    out = run("--scenes", str(tmp_path / "nope"), "list")
    assert out.returncode == 2 and "does not exist" in out.stderr


def test_terminal_play_by_numbers_spotting_undo_help_and_leaving():
    answers = iter(["s 4", "s 3", "1", "u", "2", "h", "zzz", "9", "q"])
    said: list[str] = []
    code = play_interactive(example_story(), lambda prompt: next(answers), said.append)
    text = "\n".join(said)
    assert code == 0
    assert "Well spotted: Too good to be true" in text
    assert "Not a warning sign on its own" in text
    assert "> Ask Mia what else Jay has said." in text
    assert "(Went back one step.)" in text
    assert "> Say it's cool and talk about something else." in text
    assert "Get help" in text and "Childline: Call 0800 1111" in text
    assert "Sorry, I didn't understand that." in text
    assert "Choose a number from 1 to 2." in text
    assert "You left the story early" in text and "══ Debrief ══" in text
    assert text.count("stop at any time") == 2  # the content note at the start, and on leaving


def test_terminal_play_to_an_ending_shows_the_debrief():
    answers = iter(["1", "1", "1", ""])  # Enter continues when there is only Continue
    said: list[str] = []
    play_interactive(example_story(), lambda prompt: next(answers), said.append)
    text = "\n".join(said)
    assert "── Mia is believed ──" in text
    assert "not Mia's fault" in text and "0800 1111" in text


def test_end_of_input_leaves_the_story_with_help():
    def ask(prompt: str) -> str:
        raise EOFError

    said: list[str] = []
    assert play_interactive(example_story(), ask, said.append) == 0
    assert "0800 1111" in "\n".join(said)


def test_auto_play_spots_every_tagged_line_it_meets():
    said: list[str] = []
    assert play_auto(example_story(), "first", 0, said.append) == 0
    assert "You spotted all" in "\n".join(said)


def test_main_py_runs_the_same_command_line():
    out = subprocess.run([sys.executable, str(ROOT / "main.py"), "--version"], capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0 and out.stdout.startswith("spot-the-signs ")


def test_checking_works_without_a_user_folder_for_the_language_notes(monkeypatch, capsys):
    """The notes only save time: a Python with no user folder to give (no platformdirs) checks afresh."""
    from game.story.check import language_notes

    def no_folder():
        raise ImportError("No module named 'platformdirs'")

    monkeypatch.setattr(language_notes, "user_data_dir", no_folder)
    assert language_notes.folder() is None and language_notes.notes() == []
    assert main(["check", "--strict", str(ROOT / "scenes" / "example.yaml")]) == 0
    assert "no problems found" in capsys.readouterr().out


def test_a_package_missing_from_this_python_gets_one_sentence_not_a_traceback(monkeypatch, capsys):
    from game.commands import check

    def missing(args):
        raise ModuleNotFoundError("No module named 're2'", name="re2")

    monkeypatch.setattr(check, "run", missing)
    assert main(["check", "scenes"]) == 2
    err = capsys.readouterr().err
    assert "google-re2" in err and "pip install -e ." in err and "Traceback" not in err
