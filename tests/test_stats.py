"""`spot-the-signs stats`: a scenario in figures, as a writer or teacher reads them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.story.explore import explore
from game.story.stats import DEBRIEF_MINUTES, SECONDS_PER_CHOICE, WORDS_PER_MINUTE, story_stats, to_text

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "game", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, env=env)


@pytest.fixture(scope="module")
def example(shared):
    from game.story.load import load_scenario

    story = load_scenario(ROOT / "scenes" / "example.yaml", shared).story
    assert story is not None
    return story


def test_the_example_in_figures(example):
    stats = story_stats(example, explore(example))
    assert (stats["scenes"], stats["choices"], stats["endings"]) == (5, 10, 3)
    assert stats["routes"] == 16 and stats["routes_complete"]
    assert len(stats["signs"]) == 9 and stats["signs_per_route"] == {"fewest": 8, "most": 9}
    assert stats["words"] == sum(len(ln.text.split()) for part in (*example.scenes.values(),
                                 *example.endings.values()) for ln in part.lines)


def test_minutes_are_words_on_an_average_route_plus_time_per_choice_and_the_debrief(example):
    found = explore(example)
    stats = story_stats(example, found)
    words = sum(r.words for r in found.routes) / len(found.routes)
    continues = {c.id for scene in example.scenes.values() for c in scene.choices if c.is_continue}  # teacher
    choices = sum(len(set(r.choices) - continues) for r in found.routes) / len(found.routes)
    expected = words / WORDS_PER_MINUTE["11-13"] + choices * SECONDS_PER_CHOICE / 60 + DEBRIEF_MINUTES
    assert stats["minutes"]["estimate"] == round(expected)
    assert stats["minutes"]["declared"] == 8


def test_the_reading_level_names_the_hardest_line(example):
    level = story_stats(example, explore(example))["reading_level"]
    assert level["index"].startswith("ARI")
    assert example.line(level["hardest_line"]["id"]) is not None


def test_routes_past_the_bound_are_shown_as_at_least(example):
    text = to_text(story_stats(example, explore(example, max_routes=4)))
    assert "routes       at least 4" in text


def test_stats_prints_the_figures_and_how_the_minutes_were_estimated():
    out = run("stats", "example")
    assert out.returncode == 0, out.stderr
    assert "routes       16" in out.stdout and "signs        9:" in out.stdout
    assert "words at 120 a minute" in out.stdout and "(declared: 8" in out.stdout


def test_stats_json_is_one_object():
    out = run("stats", "example", "--json")
    data = json.loads(out.stdout)
    assert data["id"] == "example" and data["routes"] == 16 and data["minutes"]["words_per_minute"] == 120


def test_stats_for_an_unknown_scenario_is_a_usage_error():
    out = run("stats", "no-such-story")
    assert out.returncode == 2 and "there is no scenario called 'no-such-story'" in out.stderr
