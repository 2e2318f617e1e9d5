"""Writers' play tools: start anywhere (--from, --set) and play as you write (--watch)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from game.cli import main
from game.story.load import LoadResult
from game.story.runtime import Playthrough
from game.textplay import Origin, play_auto, play_interactive, play_watching
from game.watch import BROKEN, FRESH, KEPT, OTHER_STORY, FileWatcher, reload

ROOT = Path(__file__).resolve().parent.parent


def _asker(answers: list[str]) -> Callable[[str], str]:
    it: Iterator[str] = iter(answers)

    def ask(_prompt: str) -> str:
        try:
            return next(it)
        except StopIteration:
            raise EOFError from None

    return ask


def _story(load):
    result = load((ROOT / "scenes" / "example.yaml").read_text("utf-8"))
    assert result.story is not None, result.diagnostics
    return result.story


# --- --from and --set ---------------------------------------------------------------------


def test_from_starts_at_the_scene_with_the_chosen_state(load):
    out: list[str] = []
    play_auto(_story(load), "first", 0, out.append, Origin("corridor", {"worried_aloud": True}))
    text = "\n".join(out)
    assert "(Starting at 'corridor' with worried_aloud=true.)" in text
    first_line = next(line for line in out if line.startswith("[ 1]"))
    assert "A week later, Mia is quiet" in first_line
    assert "You said the secret stuff felt wrong" in text  # the line shown only when worried_aloud


def test_undo_after_from_goes_back_to_that_scene_not_the_start(load):
    out: list[str] = []
    play_interactive(_story(load), _asker(["2", "u", "q"]), out.append, Origin("corridor", {}))
    after_undo = "\n".join(out[out.index("(Went back one step.)"):])
    assert "A week later, Mia is quiet" in after_undo and "It's lunchtime" not in after_undo


def test_play_from_and_set_on_the_command_line(capsys):
    assert main(["play", "--text", "example", "--auto", "first", "--from", "corridor", "--set", "trust=1",
                 "--set", "told_adult=false"]) == 0
    out = capsys.readouterr().out
    assert "(Starting at 'corridor' with trust=1, told_adult=false.)" in out
    assert "Thanks for trusting me" in out  # the choice offered only when trust >= 1


@pytest.mark.parametrize(("args", "message"), [
    (["--from", "corridr"], "there is no scene or ending called 'corridr' in 'example': did you mean 'corridor'?"),
    (["--set", "trsut=2"], "'trsut' is not in the state of 'example': did you mean 'trust'?"),
    (["--set", "asked=2"], "'asked' is a flag: write asked=true or asked=false"),
    (["--set", "trust=lots"], "'trust' is a counter: write a whole number, e.g. trust=2"),
    (["--set", "trust=true"], "'trust' is a counter: write a whole number, e.g. trust=2"),
    (["--set", "trust"], "--set needs NAME=VALUE, e.g. --set trust=2 (not 'trust')"),
])
def test_a_wrong_from_or_set_is_one_sentence_and_exit_2(capsys, args, message):
    assert main(["play", "--text", "example", "--auto", "first", *args]) == 2
    captured = capsys.readouterr()
    assert captured.err == f"spot-the-signs: {message}\n" and captured.out == ""


def test_from_works_without_auto_too(capsys, monkeypatch):
    monkeypatch.setattr("builtins.input", _asker(["q"]))
    assert main(["play", "--text", "example", "--from", "teacher"]) == 0
    assert "Thank you both for telling me" in capsys.readouterr().out


# --- reloading an edited file -----------------------------------------------------------


def test_reload_keeps_the_place_when_a_line_is_edited(load, changed):
    before = Playthrough(_story(load))
    before.choose(0)  # lunch -> messages
    result = load(changed("The next day, Mia shows you her messages from Jay.", "Mia shows you her phone."))
    now = reload(result, before)
    assert now.ok and now.playthrough is not None
    assert now.playthrough.scene is not None and now.playthrough.scene.id == "messages"
    assert now.playthrough.lines[0].text == "Mia shows you her phone."
    assert now.note == "This story was reloaded. Your place was kept."


def test_reload_of_an_unchanged_file_keeps_everything(load, example_text):
    before = Playthrough(_story(load))
    before.choose(0)
    now = reload(load(example_text), before)
    assert now.note == KEPT and now.playthrough is not None and now.playthrough.to_json() == before.to_json()


def test_reload_of_a_broken_file_shows_its_located_problems_instead(load, changed, locate):
    before = Playthrough(_story(load))
    text = changed("go: told-teacher", "go: told-teacherr")
    now = reload(load(text), before)
    assert not now.ok and now.playthrough is None and now.note == BROKEN
    line = locate(text, "go: told-teacherr")[0]
    assert [(d.code, d.line) for d in now.diagnostics if d.severity == "error"] == [("E021", line)]


def test_reload_after_the_file_is_fixed_carries_on_from_the_same_place(load, changed, example_text):
    before = Playthrough(_story(load))
    before.choose(1)
    assert not reload(load(changed("tone: open", "tone: sad")), before).ok
    now = reload(load(example_text), before)  # the caller kept `before` while the file was broken
    assert now.ok and now.playthrough is not None and now.playthrough.scene.id == "messages"


def test_reload_when_the_current_scene_was_removed_starts_again(load, example_text):
    before = Playthrough(_story(load))
    before.choose(0)
    before.choose(0)  # corridor
    now = reload(load(example_text.replace("corridor", "hallway")), before)  # renamed: corridor is gone
    assert now.ok and now.playthrough is not None
    assert "starts again from the beginning" in now.note
    assert now.playthrough.scene is not None and now.playthrough.scene.id == "lunch"


def test_reload_of_a_file_with_another_id_starts_again(load, changed):
    before = Playthrough(_story(load))
    now = reload(load(changed("id: example", "id: example-two"), name="example-two.yaml"), before)
    assert now.ok and now.note == OTHER_STORY and now.playthrough.steps == 0


def test_first_load_without_a_previous_playthrough_starts_at_the_start(load, example_text):
    now = reload(load(example_text), None)
    assert now.ok and now.note == FRESH and now.playthrough.scene.id == "lunch"


def test_reloading_imports_no_window_code():
    import subprocess

    code = "import sys, game.watch; print('pygame' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "False", out.stderr


# --- the watching loop, driven without real file events -----------------------------------


class FakeFile:
    """Stands in for the file on disk and the watcher: tests 'save' new text between prompts."""

    def __init__(self, load, text: str) -> None:
        self._load, self.text, self.saved = load, text, False

    def save(self, text: str) -> None:
        self.text, self.saved = text, True

    def load(self) -> LoadResult:
        return self._load(self.text)

    def changed(self) -> bool:
        saved, self.saved = self.saved, False
        return saved


def test_watching_shows_problems_in_place_of_the_story_and_carries_on_when_fixed(load, changed, example_text,
                                                                                 locate):
    file = FakeFile(load, example_text)
    broken = changed("go: told-teacher", "go: told-teacherr")
    steps = iter([
        lambda: "1",  # lunch -> messages
        lambda: file.save(broken) or "",  # the writer saves a mistake; Enter
        lambda: "",  # still broken: the prompt waits
        lambda: file.save(example_text) or "",  # fixed
        lambda: "q",
    ])
    out: list[str] = []
    assert play_watching(file.load, file.changed, lambda _p: next(steps)(), out.append) == 0
    text = "\n".join(out)
    broken_at = text.index("error[E021]")
    assert f"example.yaml:{locate(broken, 'go: told-teacherr')[0]}:" in text[broken_at - 40:broken_at]
    assert BROKEN in text.replace("\n", " ")
    after = text[broken_at:]
    assert "── The story was reloaded. Your place was kept. ──" in after
    assert "The next day, Mia shows you her messages from Jay." in after  # the same scene, shown again


def test_watching_a_file_that_starts_broken_waits_for_the_fix(load, changed, example_text):
    file = FakeFile(load, changed("tone: open", "tone: sad"))
    steps = iter([lambda: file.save(example_text) or "", lambda: "q"])
    out: list[str] = []
    assert play_watching(file.load, file.changed, lambda _p: next(steps)(), out.append) == 0
    text = "\n".join(out)
    assert text.index("E013") < text.index(FRESH) < text.index("It's lunchtime.")


def test_an_answer_typed_while_the_file_was_saved_is_not_applied_to_the_new_text(load, changed, example_text):
    file = FakeFile(load, example_text)
    edited = changed("Ask Mia what else Jay has said.", "Ask Mia about Jay.")
    steps = iter([lambda: file.save(edited) or "1", lambda: "q"])
    out: list[str] = []
    play_watching(file.load, file.changed, lambda _p: next(steps)(), out.append)
    text = "\n".join(out)
    assert "Ask Mia about Jay." in text and "> Ask Mia" not in text


def test_watch_needs_a_scenario_and_no_auto(capsys):
    assert main(["play", "--watch"]) == 2
    assert main(["play", "example", "--watch", "--auto", "first"]) == 2
    err = capsys.readouterr().err
    assert "--watch needs a SCENARIO" in err and "--watch cannot be used with --auto" in err


def test_leaving_while_the_file_is_broken_still_shows_where_to_get_help(load, changed):
    file = FakeFile(load, changed("tone: open", "tone: sad"))
    out: list[str] = []
    assert play_watching(file.load, file.changed, _asker(["q"]), out.append) == 0
    assert "Childline" in "\n".join(out)


# --- one real save, seen by watchfiles -------------------------------------------------------


def test_saving_the_file_is_noticed_by_the_watcher(tmp_path):
    pytest.importorskip("watchfiles")
    story = tmp_path / "leo.yaml"
    story.write_text("one", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    watcher = FileWatcher(story).start()
    try:
        seen = False
        for attempt in range(20):  # the watcher thread needs a moment to start: save until it notices
            story.write_text(f"save {attempt}", encoding="utf-8")
            if watcher.wait(0.5):
                seen = True
                break
        assert seen, "no change was noticed within 10 seconds"
        assert watcher.take() is True and watcher.take() is False
    finally:
        watcher.stop()

