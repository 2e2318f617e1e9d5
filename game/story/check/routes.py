"""Rules that follow the story as pupils can really play it: conditions, flags and counters included.

The graph rules (graph.py) count every choice as possible. These run on the compiled Story
once every other check has passed, explore its state space (game/story/explore.py) and
report what the conditions change: a pupil trapped in a state with no way to an ending, a
choice or a scene that can never come up, an ending that can never be reached, and a
route that shows pupils too few warning signs to learn from.

This module is imported only when a file has loaded without errors (check/__init__.py).
Each diagnostic points back into the YAML: a scene id to ("scenes", id), a choice id
"<scene>.c<i>" to its place in that scene's choices (or its ``go:`` for a Continue).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from game.story.check.context import Context
from game.story.check.graph import edges, reachable_from
from game.story.diagnostics import Diagnostic
from game.story.explore import MAX_ROUTES, MAX_STATES, Exploration, Route, cap_state, explore

if TYPE_CHECKING:
    from game.story.story import Story

MIN_SIGNS = 4  # distinct warning signs a route should show; several together are what pupils learn
# How far the checker explores (read when it runs, so a test can lower them).
STATE_BOUND = MAX_STATES
SHOW_WHOLE_STATE = 6  # a state with this many flags and counters or fewer is shown whole in messages
ROUTE_BOUND = MAX_ROUTES


@dataclass(slots=True)
class StoryContext:
    """What a route rule sees: the file (for locations), the compiled story and its exploration."""

    ctx: Context
    story: Story
    found: Exploration


StoryRule = Callable[[StoryContext], Iterator[Diagnostic]]


def explore_story(ctx: Context, story: Story) -> StoryContext:
    return StoryContext(ctx, story, explore(story, STATE_BOUND, ROUTE_BOUND))


# --- locating ids in the YAML ----------------------------------------------------------


def choice_path(sc: StoryContext, choice_id: str) -> tuple[Any, ...]:
    sid, _, c = choice_id.rpartition(".c")
    if sc.story.scenes[sid].choices[0].is_continue:
        return ("scenes", sid, "go")
    return ("scenes", sid, "choices", int(c))


def describe_state(state: Mapping[str, bool | int], initial: Mapping[str, bool | int],
                   caps: Mapping[str, tuple[int | None, int | None]] | None = None) -> str:
    """'asked: false, trust: 3 or more': every flag and counter when there are few, else only what
    differs from the start (the part a writer can act on).

    A counter exploration capped (see explore.py) is shown as "N or more" ("N or less") at its cap.
    """
    caps = caps or {}
    every = len(state) <= SHOW_WHOLE_STATE
    changed: list[str] = []
    for name, value in state.items():
        if not every and initial.get(name) == value:
            continue
        if isinstance(value, bool):
            changed.append(f"{name}: {str(value).lower()}")
            continue
        low, high = caps.get(name, (None, None))
        more = " or more" if value == high else " or less" if value == low else ""
        changed.append(f"{name}: {value}{more}")
    return ", ".join(changed) if changed else "the flags and counters as they start"


def _by_scene(states: tuple[tuple[str, dict], ...], initial: Mapping[str, bool | int]) -> dict[str, list[dict]]:
    """The states of each scene, the one closest to the start first (the easiest for a writer to follow)."""
    out: dict[str, list[dict]] = {}
    for sid, state in states:
        out.setdefault(sid, []).append(state)
    for found in out.values():
        found.sort(key=lambda state: sum(initial.get(k) != v for k, v in state.items()))
    return out


def _more(n: int) -> str:
    return f" (and {n} more state{'s' if n != 1 else ''} like it)" if n else ""


# --- the rules ------------------------------------------------------------------------------


def exploration_finished(sc: StoryContext) -> Iterator[Diagnostic]:
    found = sc.found
    if not found.complete:
        wide = found.bound in ("values", "work")
        held = f" (each holding {len(found.names):,} flags and counters)" if wide else ""
        yield sc.ctx.src.diag((), "W052", f"path exploration stopped at {found.states:,} states{held}, so the "
                              "route checks (E052, W050, W051) could not look at the whole story",
                              _why_so_many_states(sc, wide), severity="warning")
    elif not found.routes_complete:
        yield sc.ctx.src.diag((), "W052", f"path exploration stopped after {len(found.routes):,} routes, so the "
                              "signs check (W053) looked at those routes only",
                              "the story has very many routes: fewer choices that rejoin later keep it readable",
                              severity="warning")


def _why_so_many_states(sc: StoryContext, wide: bool) -> str:
    """The hint for W052: what in this story makes so many states (counters only when it has some
    that keep changing; flags otherwise), and, for very wide states, that every flag costs."""
    adds = {name for scene in sc.story.scenes.values() for c in scene.choices for name, _ in c.adds}
    endless = [name for name in sc.story.initial_state if name in adds and name not in sc.found.caps]
    if endless:
        why = (f"the counter {endless[0]!r} can keep changing round a loop, so every time round is a new state: "
               "give the loop a way out that does not add, or use a flag")
    else:
        why = ("each flag that one route sets and another does not doubles the states to follow: use fewer "
               "flags, or set them the same way on routes that meet again")
    if wide:
        why = f"declare only the flags and counters the story uses; {why}"
    return why


def nobody_is_trapped(sc: StoryContext) -> Iterator[Diagnostic]:
    initial = cap_state(sc.story.initial_state, sc.found.caps)
    for sid, states in _by_scene(sc.found.trapped, initial).items():
        yield sc.ctx.src.diag(
            ("scenes", sid), "E050",
            f"a pupil can be trapped in the scene {sid!r} (with {describe_state(states[0], initial, sc.found.caps)}): "
            f"no ending can be reached from there{_more(len(states) - 1)}",
            "the conditions (if:) on the way out are never true from here: give the scene, or one after it, "
            "a choice without 'if:' that leads towards an ending", key=True)


def some_choice_is_always_offered(sc: StoryContext) -> Iterator[Diagnostic]:
    initial = cap_state(sc.story.initial_state, sc.found.caps)
    for sid, states in _by_scene(sc.found.all_hidden, initial).items():
        yield sc.ctx.src.diag(
            ("scenes", sid, "choices"), "E051",
            f"in the scene {sid!r}, every choice's condition is false (with "
            f"{describe_state(states[0], initial, sc.found.caps)}), so the game would offer all of them anyway"
            f"{_more(len(states) - 1)}",
            "make sure one choice is always offered: give one no 'if:', or cover every case, "
            "e.g. 'trust >= 2' and 'trust < 2'", key=True)


def _reached_only_in_theory(sc: StoryContext, section: str, code: str, noun: str) -> Iterator[Diagnostic]:
    """Parts the scene graph reaches but the conditions on the way never let a pupil reach."""
    if not sc.found.complete:
        return
    graph = _graph_reach(sc)
    parts, reached = ((sc.story.endings, sc.found.endings_reached) if section == "endings"
                      else (sc.story.scenes, sc.found.scenes_reached))
    for pid in parts:
        if pid in graph and pid not in reached:
            yield sc.ctx.src.diag(
                (section, pid), code,
                f"the {noun} {pid!r} can be reached only in theory: the conditions on the way never allow it",
                f"check the 'if:' on the choices that lead to it{_from(sc, pid)}, and the set:/add: that "
                "should make them true", severity="error" if code.startswith("E") else "warning", key=True)


def every_ending_is_reached(sc: StoryContext) -> Iterator[Diagnostic]:
    yield from _reached_only_in_theory(sc, "endings", "E052", "ending")


def every_scene_is_reached(sc: StoryContext) -> Iterator[Diagnostic]:
    yield from _reached_only_in_theory(sc, "scenes", "W051", "scene")


def every_choice_can_be_offered(sc: StoryContext) -> Iterator[Diagnostic]:
    if not sc.found.complete:
        return
    scenario = sc.ctx.scenario
    for choice_id in sc.found.never_offered:
        path = choice_path(sc, choice_id)
        sid, i = path[1], path[3]
        condition = scenario.scenes[sid].choices[i].if_
        yield sc.ctx.src.diag(
            (*path, "if"), "W050",
            f"the choice {_quote(scenario.scenes[sid].choices[i].text)} is never offered: its condition "
            f"{condition!r} is false every time a pupil can be in the scene {sid!r}",
            "check the names it uses and the choices before it that set or add to them, or remove the 'if:'",
            severity="warning")


def routes_show_enough_signs(sc: StoryContext) -> Iterator[Diagnostic]:
    fewest: dict[str, tuple[Route, int]] = {}  # ending -> its route with fewest signs, how many are short
    for route in sc.found.routes:
        if len(route.signs) >= MIN_SIGNS:
            continue
        best, count = fewest.get(route.ending, (route, 0))
        if len(route.signs) < len(best.signs):
            best = route
        fewest[route.ending] = (best, count + 1)
    for eid, (route, count) in fewest.items():
        signs = ", ".join(sorted(route.signs)) or "none"
        others = f" ({count - 1} more route{'s' if count != 2 else ''} to it also show{'s' if count == 2 else ''}" \
                 f" fewer than {MIN_SIGNS})" if count > 1 else ""
        yield sc.ctx.src.diag(
            ("endings", eid), "W053",
            f"a route to the ending {eid!r} shows only {len(route.signs)} warning sign"
            f"{'s' if len(route.signs) != 1 else ''} ({signs}): {' > '.join(route.parts)}{others}",
            f"pupils learn from several signs together: tag at least {MIN_SIGNS} different signs (sign:) on "
            "every route, e.g. in a scene all routes pass through", severity="warning", key=True)


# --- helpers ----------------------------------------------------------------------------------


def _graph_reach(sc: StoryContext) -> set[str]:
    """Scenes and endings a route reaches when every choice is counted as possible."""
    return reachable_from(sc.story.start, edges(sc.ctx))


def _from(sc: StoryContext, target: str) -> str:
    sources = [sid for sid, scene in sc.story.scenes.items() if any(c.go == target for c in scene.choices)]
    if not sources:
        return ""
    shown = ", ".join(repr(s) for s in sources[:3]) + (" ..." if len(sources) > 3 else "")
    return f" (in {shown})"


def _quote(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:57] + "...")


ROUTE_RULES: tuple[StoryRule, ...] = (
    exploration_finished, nobody_is_trapped, some_choice_is_always_offered, every_ending_is_reached,
    every_scene_is_reached, every_choice_can_be_offered, routes_show_enough_signs,
)


def run_route_checks(ctx: Context, story: Story) -> list[Diagnostic]:
    from game.story.check.telling import TELLING_RULES  # they build on StoryContext, defined here

    sc = explore_story(ctx, story)
    found: list[Diagnostic] = []
    for rule in ROUTE_RULES + TELLING_RULES:
        found.extend(rule(sc))
    return found
