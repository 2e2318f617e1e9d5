"""The language checks' notes (check/language_notes.py): an unchanged story is not searched
again, anything that could change the findings makes a new note, a bad note is never trusted,
and "Delete my data" deletes them. Every test has its own user folder (conftest)."""

from __future__ import annotations

import pytest

from game.privacy import delete_my_data, kept_files
from game.story.check import language, language_notes

BLAMING = ("      - At the bus stop after school, you can't stop thinking about Mia.",
           "      - At the bus stop after school, you think Mia should have told her mum.")


def findings(result) -> list[tuple[str, int | None, int | None, str]]:
    """The language checks' findings (the file's name is checked elsewhere: E020)."""
    return [(d.code, d.line, d.col, d.message) for d in result.diagnostics if d.code[1:3] == "04"]


@pytest.fixture
def counted(monkeypatch):
    """How many times the language rules really searched a story."""
    runs = []
    real = language.avoid_list

    def avoid_list(ctx):
        runs.append(ctx.src.path)
        return real(ctx)

    monkeypatch.setattr(language, "avoid_list", avoid_list)
    return runs


def test_an_unchanged_story_is_not_searched_again_and_gives_the_same_findings(load, changed, counted):
    text = changed(*BLAMING)
    first = findings(load(text))
    again = findings(load(text, name="renamed.yaml"))
    assert first == again and [code for code, *_ in first] == ["E040"]
    assert len(counted) == 1
    assert {d.path for d in load(text, name="renamed.yaml").diagnostics} == {"renamed.yaml"}


def test_a_changed_story_is_searched_again(load, changed, counted, example_text):
    load(example_text)
    assert findings(load(changed(*BLAMING)))[0][0] == "E040"
    assert len(counted) == 2


def test_a_changed_avoid_list_or_code_makes_a_new_note(monkeypatch):
    story = "the same story"
    assert language_notes.key(story, "list-a") != language_notes.key(story, "list-b")
    before = language_notes.key(story, "list-a")
    monkeypatch.setattr(language_notes, "_code_key", "other code")
    assert language_notes.key(story, "list-a") != before


@pytest.mark.parametrize("bad", ["{not json", '{"findings": [[1, 2, "fatal", "E040", "m", null]]}',
                                 '{"findings": [["1", 2, "error", "E040", "m", null]]}', '{"other": []}'])
def test_a_note_that_cannot_be_trusted_is_ignored(load, changed, counted, bad):
    text = changed(*BLAMING)
    first = findings(load(text))
    for note in language_notes.notes():
        note.write_text(bad, encoding="utf-8")
    assert findings(load(text)) == first
    assert len(counted) == 2


def test_no_notes_when_the_folder_cannot_be_written(load, changed, counted, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the notes' folder would be", encoding="utf-8")
    monkeypatch.setattr(language_notes, "folder", lambda: blocker / "language")
    text = changed(*BLAMING)
    assert findings(load(text)) == findings(load(text))
    assert len(counted) == 2


def test_notes_past_the_limit_are_pruned(load, changed, monkeypatch):
    monkeypatch.setattr(language_notes, "MAX_NOTES", 4)
    monkeypatch.setattr(language_notes, "_pruned", False)
    folder = language_notes.folder()
    folder.mkdir(parents=True)
    for i in range(10):
        (folder / f"old{i}.json").write_text('{"findings": []}', encoding="utf-8")
    load(changed(*BLAMING))
    assert len(language_notes.notes()) <= 6


def test_delete_my_data_deletes_the_notes(load, changed):
    load(changed(*BLAMING))
    assert any("checker's notes" in kept.what for kept in kept_files())
    deleted, failed = delete_my_data()
    assert failed == [] and language_notes.notes() == []
    assert any(path.parent == language_notes.folder() for path in deleted)
