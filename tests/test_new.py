"""`spot-the-signs new`: a working, commented skeleton for a new story, and clear refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import main
from game.story.schema import MODELINE
from game.story.skeleton import BANDS, skeleton

ROOT = Path(__file__).resolve().parent.parent


def _new(tmp_path: Path, *args: str) -> int:
    return main(["new", *args, "--dir", str(tmp_path)])


@pytest.mark.parametrize("band", BANDS)
def test_new_story_passes_check_strict_unchanged(tmp_path, capsys, band):
    assert _new(tmp_path, "leo-and-max", "--band", band) == 0
    capsys.readouterr()
    assert main(["check", "--strict", str(tmp_path / "leo-and-max.yaml")]) == 0, capsys.readouterr().out


@pytest.mark.parametrize("band", BANDS)
def test_new_story_declares_its_band_and_fits_it(load, band):
    result = load(skeleton("leo-and-max", band), name="leo-and-max.yaml")
    assert result.story is not None and result.story.band == band
    assert result.diagnostics == []


def test_new_story_has_every_part_a_writer_needs_to_copy(load):
    story = load(skeleton("leo-and-max"), name="leo-and-max.yaml").story
    assert story is not None
    roles = {c.role for c in story.characters.values()}
    assert {"player", "target", "manipulator", "trusted-adult"} <= roles
    assert story.initial_state and len(story.endings) == 2 and 3 <= len(story.scenes) <= 4
    assert any(line.test for scene in story.scenes.values() for line in scene.lines)  # one condition
    assert len(set(story.signs)) >= 4 and story.pupil_summary and story.questions


def test_new_story_starts_with_the_schema_modeline():
    assert skeleton("leo-and-max").splitlines()[0] == MODELINE


def test_new_story_in_another_folder_points_at_the_schema_from_there(tmp_path):
    assert _new(tmp_path, "leo-and-max") == 0
    first = (tmp_path / "leo-and-max.yaml").read_text(encoding="utf-8").splitlines()[0]
    relative = first.removeprefix("# yaml-language-server: $schema=")
    assert (tmp_path / relative).resolve() == (ROOT / "schema" / "scenario.schema.json").resolve()


def test_new_story_is_valid_against_the_schema():
    jsonschema = pytest.importorskip("jsonschema")
    from game.story.safe_yaml import Limits, parse
    from game.story.schema import scenario_schema

    for band in BANDS:
        data = parse(skeleton("leo-and-max", band), "leo-and-max.yaml", Limits()).data
        assert list(jsonschema.Draft7Validator(scenario_schema()).iter_errors(data)) == []


def test_new_goes_into_the_scenes_folder_given_before_the_command(tmp_path, capsys):
    assert main(["--scenes", str(tmp_path), "new", "leo-and-max"]) == 0
    assert (tmp_path / "leo-and-max.yaml").is_file()
    assert "leo-and-max.yaml" in capsys.readouterr().out


def test_new_never_overwrites_a_story(tmp_path, capsys):
    existing = tmp_path / "leo-and-max.yaml"
    existing.write_text("mine", encoding="utf-8")
    assert _new(tmp_path, "leo-and-max") == 2
    assert existing.read_text(encoding="utf-8") == "mine"
    err = capsys.readouterr().err
    assert "already exists" in err and err.count("\n") == 1


@pytest.mark.parametrize("bad", ["Leo", "leo and max", "_leo", "leo.yaml", "léo", "x" * 61])
def test_new_refuses_an_id_that_is_not_an_id(tmp_path, capsys, bad):
    assert _new(tmp_path, bad) == 2
    err = capsys.readouterr().err
    assert "cannot be a story id" in err and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("reserved", ["signs", "help", "themes", "language"])
def test_new_refuses_the_name_of_a_shared_file(tmp_path, capsys, reserved):
    assert _new(tmp_path, reserved) == 2
    assert "shared data file" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
