"""The published page never disagrees with the engine: the same walks, played through the real page in
Chromium and through Playthrough, show the same lines, choices, feedback and debrief, word for word.

For every story in the library: 200 seeded random walks (choosing, flagging lines, going back a step,
leaving early), and every route from start to ending where a story has fewer than 200. The page's
choices may come in any order, so they are matched by id.
"""

from __future__ import annotations

import pytest
from webtools import walk_source

from game.paths import scenes_dir
from game.story.explore import explore
from game.story.library import Library, scenario_files
from game.story.runtime import Playthrough
from game.story.story import Story

WALKS = 200
DRAWN = 20  # walks played with the page drawn as a pupil sees it
STORIES = [p.stem for p in scenario_files(scenes_dir())]


@pytest.fixture(scope="module")
def library() -> Library:
    return Library(scenes_dir())


def name_of(story: Story, speaker: str) -> str | None:
    c = story.characters.get(speaker)
    if c is None:
        return None
    return f"{c.name} (you)" if c.role == "player" else c.name


def words(story: Story, line) -> str:
    name = story.speaker_name(line.speaker)
    return f"{name}: {line.text}" if name else line.text


def expected_debrief(story: Story, pt: Playthrough) -> dict:
    d = pt.debrief()
    targets = story.characters_with("target")
    target = targets[0].name if len(targets) == 1 else "the young person"
    routes = [r.name for r in d.help]  # the school's contact already second
    return {
        "heading": story.title if d.left_early else d.ending_title,
        "left": d.left_early,
        "fault_heading": f"It was not {target}'s fault",
        "not_fault": d.not_fault,
        "responsible": d.responsible,
        "ending": [] if d.left_early else [words(story, ln) for ln in pt.lines],
        "summary": d.spotted_summary,
        "signs": [[s.sign, f"{s.name} ({'you spotted this' if s.spotted else 'easy to miss'})", s.explanation]
                  for s in d.signs],
        "friend": list(d.friend_can_do),
        "help": routes,
    }


def replay(story: Story, steps: list[dict]) -> int:
    """Play the page's walk on a Playthrough, checking every step; returns the number of steps."""
    pt = Playthrough(story)
    help_file = story.shared.help
    for n, step in enumerate(steps[:-1]):
        where = f"{story.id}, step {n}"
        assert step["lines"] == [[name_of(story, ln.speaker), ln.text] for ln in pt.lines], where
        offered = pt.choices
        if len(offered) == 1 and offered[0].is_continue:
            assert step["choices"] == "continue", where
        else:
            assert sorted(map(tuple, step["choices"])) == sorted((c.id, c.text) for c in offered), where
        action = step["do"]
        if "choose" in action:
            index = 0 if action["choose"] == "continue" else [c.id for c in offered].index(action["choose"])
            made = pt.choose(index)
            assert step["card"] == ([made.text, made.feedback] if made.feedback else None), where
        elif "spot" in action:
            spot = pt.spot(pt.lines[action["spot"]].id)
            assert step["card"] == [spot.title, spot.text], where
        elif "undo" in action:
            assert pt.undo(), where
        else:
            assert action == {"leave": True}, where
            assert step["leaving"] == (help_file.leaving_early if help_file else ""), where
            break
    else:
        assert pt.finished, f"{story.id}: the page reached the debrief before the story's end"
    assert steps[-1]["debrief"] == expected_debrief(story, pt), story.id
    return len(steps)


@pytest.mark.parametrize("story_id", STORIES)
def test_the_page_shows_what_the_engine_shows_on_every_walk(story_id, library, published, browser):
    story = library.load(library.find(story_id)).story
    assert story is not None
    found = explore(story)
    routes = [list(r.choices) for r in found.routes] if len(found.routes) < WALKS and found.routes_complete else []
    page = browser.new_page()
    try:
        page.goto((published / "stories" / f"{story_id}.html").as_uri())
        walks = page.evaluate(walk_source(), {"seeds": list(range(1, DRAWN + 1)), "maxSteps": 80})
        # The rest with the page not drawn (the script runs just the same; only layout and paint are
        # skipped), which plays them three times faster: looks are tested in test_web_browser.py.
        page.evaluate("document.documentElement.style.display = 'none'")
        walks += page.evaluate(walk_source(), {"seeds": list(range(DRAWN + 1, WALKS + 1)), "routes": routes,
                                               "maxSteps": 80})
    finally:
        page.close()
    assert len(walks) == WALKS + len(routes)
    endings = set()
    for steps in walks:
        replay(story, steps)
        endings.add(steps[-1]["debrief"]["heading"])
    # the walks are not all the same: between them they reach every ending the routes reach
    if routes:
        assert endings >= {story.endings[r.ending].title for r in found.routes}
