"""The shipped scenario library, played as pupils would: every scenario, on seeded random
routes, to a debrief that names the signs met, says it was not their fault, and lists help."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from game.story.library import Library, scenario_files
from game.story.runtime import Playthrough

SCENES = Path(__file__).resolve().parent.parent / "scenes"
LIBRARY = Library(SCENES)
FILES = scenario_files(SCENES)
SEEDS = range(1, 9)


def test_every_shipped_scenario_loads_without_errors():
    for path in FILES:
        result = LIBRARY.load(path)
        assert result.story is not None, [d.format() for d in result.diagnostics]


@pytest.fixture(scope="module")
def stories():
    return {p.stem: LIBRARY.load(p).story for p in FILES}


@pytest.mark.parametrize("scenario", [p.stem for p in FILES])
@pytest.mark.parametrize("seed", SEEDS)
def test_a_random_route_ends_in_a_debrief_with_the_signs_not_their_fault_and_help(stories, scenario, seed):
    story = stories[scenario]
    rng = random.Random(seed)
    pt = Playthrough(story, seed)
    met: set[str] = set()
    for _ in range(500):
        for line in pt.lines:
            if line.sign:
                met.add(line.sign)
                if rng.random() < 0.5:  # a pupil spots some signs and misses others
                    pt.spot(line.id)
        if pt.finished:
            break
        pt.choose(rng.randrange(len(pt.choices)))
    assert pt.finished, f"{scenario}: no ending after 500 steps"
    debrief = pt.debrief()
    assert {s.sign for s in debrief.signs} == met
    assert all(s.explanation for s in debrief.signs)
    target = story.characters_with("target")[0].name
    assert f"not {target}'s fault" in debrief.not_fault
    assert "responsible" in debrief.responsible
    text = debrief.as_text()
    assert "0800 1111" in text and "CEOP" in text and "trusted adult" in text.lower()
    assert debrief.ending_tone in ("hopeful", "open")


def test_every_scenario_ends_hopefully_or_openly_never_doomed(stories):
    for story in stories.values():
        assert {e.tone for e in story.endings.values()} <= {"hopeful", "open"}
