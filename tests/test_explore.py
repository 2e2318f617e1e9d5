"""Path exploration: every state a pupil can reach, found the way the runtime plays it."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from game.story.explore import cap_state, explore
from game.story.load import SHARED_FILES, load_scenario, parse_bytes
from game.story.model import Scenario
from game.story.runtime import Playthrough, available_choices
from game.story.safe_yaml import Limits
from game.story.story import Story, compile_story
from game.story.validate import validate

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = [p for p in sorted((ROOT / "scenes").glob("*.yaml")) if p.stem not in SHARED_FILES]


def compiled(text: str, shared) -> Story:
    """A story compiled without the checks, so exploration can be shown what the checks refuse."""
    src, diags = parse_bytes(text.encode(), "example.yaml", Limits())
    assert src is not None, diags
    scenario, problems = validate(Scenario, src)
    assert scenario is not None, problems
    return compile_story(scenario, shared, "example.yaml", "0")


@pytest.fixture(scope="module")
def library(shared) -> list[Story]:
    stories = [load_scenario(path, shared).story for path in LIBRARY]
    assert all(stories)
    return stories


def add_bus_stop_choice(text: str, choice: str) -> str:
    """The example with ``choice`` (YAML, indented as a choice) added after the bus stop's own."""
    at = text.index("\n  teacher:\n")
    return text[:at] + "\n" + choice.rstrip("\n") + text[at:]


def bus_stop_choice(text: str, start: str, extra: str) -> str:
    """The example with ``extra`` (e.g. '        if: asked\\n') added under one bus-stop choice."""
    at = text.index(f"      - text: {start}")
    end = text.index("\n", at) + 1
    return text[:end] + extra + text[end:]


# --- what is found ---------------------------------------------------------------------------


def test_the_example_is_explored_completely(shared, example_text):
    found = explore(compiled(example_text, shared))
    assert found.complete and found.routes_complete
    assert found.scenes_reached == {"lunch", "messages", "corridor", "bus-stop", "teacher"}
    assert found.endings_reached == {"told-teacher", "mum-listens", "not-yet"}
    assert found.never_offered == () and found.trapped == () and found.all_hidden == ()


def test_every_drafted_scenario_is_explored_completely(library):
    for story in library:
        found = explore(story)
        assert found.complete and found.routes_complete, story.id
        assert found.scenes_reached == set(story.scenes) and found.endings_reached == set(story.endings)


def test_a_route_lists_its_scenes_then_its_ending(shared, example_text):
    found = explore(compiled(example_text, shared))
    shortest = min(found.routes, key=lambda r: len(r.parts))
    assert shortest.parts == ("lunch", "messages", "corridor", "teacher", "told-teacher")
    assert shortest.ending == "told-teacher"


def test_two_choices_to_the_same_state_make_one_route(shared, example_text):
    # In the corridor, both "tell Ms Okafor" choices set told_adult and go to the teacher:
    # the same next state, so one route (recorded with the first of the two choices).
    found = explore(compiled(example_text, shared))
    assert not any("corridor.c1" in r.choices for r in found.routes)
    assert any("corridor.c0" in r.choices for r in found.routes)
    assert len({r.choices for r in found.routes}) == len(found.routes)


def test_a_route_counts_only_the_lines_visible_on_it(shared, example_text):
    found = explore(compiled(example_text, shared))
    asked = [r for r in found.routes if r.choices[0] == "lunch.c0"]
    not_asked = [r for r in found.routes if r.choices[0] == "lunch.c1" and r.choices[1:] == asked[0].choices[1:]]
    # "You're the first person I've shown." (if: asked) adds six words to the asked route
    assert asked[0].words - not_asked[0].words == 6


def test_a_condition_never_true_where_it_stands_is_never_offered(shared, changed):
    text = changed("        if: trust >= 1 and not told_adult\n", "        if: trust >= 3\n")
    assert explore(compiled(text, shared)).never_offered == ("corridor.c1",)


def test_a_pupil_trapped_by_conditions_is_found_with_the_state(shared, example_text):
    text = example_text
    for start in ("Text Mia", "Tell your mum", "Wait and see"):
        text = bus_stop_choice(text, start, "        if: asked\n")
    text = add_bus_stop_choice(text, "      - text: Keep thinking.\n        go: bus-stop\n")
    found = explore(compiled(text, shared))
    assert found.trapped and {sid for sid, _ in found.trapped} == {"bus-stop"}
    assert all(state["asked"] is False for _, state in found.trapped)


def test_every_choice_hidden_is_reported_and_the_runtime_still_offers_them(shared, example_text):
    text = example_text
    for start in ("Text Mia", "Tell your mum", "Wait and see"):
        text = bus_stop_choice(text, start, "        if: asked\n")
    story = compiled(text, shared)
    found = explore(story)
    assert {sid for sid, _ in found.all_hidden} == {"bus-stop"} and found.trapped == ()
    state = dict(found.all_hidden[0][1])
    assert available_choices(story.scenes["bus-stop"], state) == story.scenes["bus-stop"].choices


# --- bounds -------------------------------------------------------------------------------------


def endless(example_text: str) -> str:
    """The example with a bus-stop loop that adds 1 or takes 1 from trust: endless states."""
    loop = ("      - text: Think again.\n        add: {trust: 1}\n        go: bus-stop\n"
            "      - text: Think less.\n        add: {trust: -1}\n        go: bus-stop\n")
    return add_bus_stop_choice(example_text, loop)


def test_exploration_stops_at_the_state_bound_and_says_so(shared, example_text):
    found = explore(compiled(endless(example_text), shared), max_states=200)
    assert found.states == 200 and not found.complete and not found.routes_complete
    assert found.trapped == ()  # states past the bound are never reported as traps


def test_routes_stop_at_the_route_bound_and_say_so(shared, example_text):
    found = explore(compiled(example_text, shared), max_routes=3)
    assert len(found.routes) == 3 and not found.routes_complete and found.complete


def test_a_counter_that_only_grows_in_a_loop_still_explores_completely(shared, example_text):
    loop = "      - text: Think again.\n        add: {trust: 1}\n        go: bus-stop\n"
    story = compiled(add_bus_stop_choice(example_text, loop), shared)
    found = explore(story)
    # trust is only compared with 1 (trust >= 1): 2 stands for "2 or more"
    assert found.complete and found.caps == {"trust": (None, 2)}
    assert found.visits("bus-stop", {**story.initial_state, "trust": 7})


def test_a_counter_compared_with_another_is_never_capped(shared, changed):
    text = changed("  trust: 0\n", "  trust: 0\n  courage: 0\n")
    text = text.replace("        if: trust >= 1 and not told_adult\n", "        if: trust >= courage\n")
    text = text.replace("        add: {trust: 1}\n", "        add: {trust: 1, courage: 1}\n")
    assert explore(compiled(text, shared)).caps == {}


def test_cap_state_leaves_values_inside_the_cap_alone():
    caps = {"trust": (None, 3), "doubt": (-2, None)}
    assert cap_state({"trust": 9, "doubt": -5, "asked": True}, caps) == {"trust": 3, "doubt": -2, "asked": True}
    assert cap_state({"trust": 2, "doubt": 0, "asked": False}, caps) == {"trust": 2, "doubt": 0, "asked": False}


# --- exploration and the runtime agree -----------------------------------------------------------


def test_random_playthroughs_only_visit_explored_states(library):
    for story in library:
        found = explore(story)
        rng = random.Random(story.id)
        for seed in range(30):
            pt = Playthrough(story, seed)
            while not pt.finished:
                assert found.visits(pt.scene.id, pt.state), (story.id, pt.scene.id, pt.state)
                pt.choose(rng.randrange(len(pt.choices)))
            assert found.visits(pt.ending.id, pt.state)


def replay(story: Story, choice_ids: tuple[str, ...]) -> Playthrough:
    pt = Playthrough(story)
    for cid in choice_ids:
        pt.choose(next(i for i, c in enumerate(pt.choices) if c.id == cid))
    return pt


def test_every_route_shows_the_signs_a_playthrough_of_it_shows(library):
    for story in library:
        for route in explore(story).routes:
            pt = replay(story, route.choices)
            shown = pt.shown_lines()
            assert pt.finished and pt.ending.id == route.ending
            assert _visited(pt) == route.parts
            assert {ln.sign for ln in shown if ln.sign} == route.signs, (story.id, route.parts)
            assert sum(1 for ln in shown if ln.sign) == route.sign_lines
            assert sum(len(ln.text.split()) for ln in shown) == route.words


def _visited(pt: Playthrough) -> tuple[str, ...]:
    """The scenes and the ending a playthrough went through, in order (from its save)."""
    return tuple(part for part, _lines, _choice in pt.to_json()["trail"])


def test_exploring_never_imports_pygame():
    code = ("import sys; from game.story.explore import explore; from game.story.check.routes import ROUTE_RULES; "
            "print('pygame' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
