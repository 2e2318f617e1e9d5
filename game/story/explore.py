"""Bounded exhaustive exploration of a compiled Story's state space: the writers' path finder.

A *state* is a place in the story (a scene or an ending id) together with the values of all
its flags and counters. From each scene state, every choice a pupil would be offered there
(its condition true, the Continue of a ``go:`` scene included, and the runtime's "never trap a
pupil" fallback when conditions hide them all) leads to the next state once its ``set`` and
``add`` are applied. Endings are terminal.

The rules are the runtime's own: what is offered comes from ``runtime.available_choices`` and
what is shown from ``runtime.visible_lines``, so exploration and a Playthrough cannot disagree.

    ex = explore(story)
    ex.complete, ex.states            # False when the state bound was hit
    ex.trapped                        # (scene id, state) from which no ending can be reached
    ex.never_offered                  # choice ids whose condition is never true where they stand
    ex.routes                         # simple paths from the start to an ending, with their signs

Counters can grow without limit (a choice that adds 1 and loops back). Two things keep that
finite and honest:

- A counter that only ever goes up (every ``add`` to it is positive) and is only compared with
  numbers is counted up to one past the largest number it is compared with: beyond that no
  condition can tell its values apart, so ``trust: 7`` and ``trust: 3`` are the same state when
  the story only ever asks ``trust >= 2``. The same, downwards, for a counter that only goes
  down. This changes no result (what is reached, offered, shown or trapped), only how many
  states there are; ``Exploration.caps`` says which counters were capped, and ``cap_state``
  maps a Playthrough's state onto the explored one.
- Otherwise the search stops at ``max_states`` and says so (``complete`` is False) rather than
  running for ever; routes stop at ``max_routes`` (``routes_complete`` is False).

A story file is untrusted, so exploring it is bounded in memory and time as well as in states,
by counts rather than by the clock (the same story gives the same result on any computer):

- ``max_values`` bounds the values stored (states times ``names``): a state of 3,000 flags costs
  what 3,000 states of one flag do. ``max_work`` bounds the values copied and compared while
  expanding states (about the time spent). Either bound stops the search like ``max_states``
  (``complete`` is False, and ``bound`` says which was hit).

Everything here is pure and deterministic.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from game.story import conditions
from game.story.runtime import Playthrough, available_choices, visible_lines
from game.story.story import Story

MAX_STATES = 100_000
MAX_ROUTES = 10_000
# Values of flags and counters stored, over all states: ~8 bytes each, so tens of MB at most. A
# story with a few flags and counters reaches MAX_STATES long before this.
MAX_VALUES = 4_000_000
# Values copied or compared while expanding states (each choice offered copies the state): about
# a second of work on a slow school laptop.
MAX_WORK = 12_000_000
# Route search works within a budget of this much per route asked for: a step of the depth-first
# search costs 1 and recording a route its length. The search can wander through states that
# reach an ending only by a way the current route has already used, and routes through a big
# story can be long; either way it stops in well under a second.
_ROUTE_BUDGET_PER_ROUTE = 100

StateValues = tuple[bool | int, ...]
StateKey = tuple[str, StateValues]
Cap = tuple[int | None, int | None]  # (lowest, highest) value a capped counter is counted to


@dataclass(frozen=True, slots=True)
class Route:
    """One way through the story: distinct from every other route by the states it passes."""

    parts: tuple[str, ...]  # scene ids, then the ending id
    ending: str
    signs: frozenset[str]  # signs on lines visible on this route (conditions as the part was entered)
    sign_lines: int  # how many visible lines carry a sign
    words: int  # words in the visible lines
    choices: tuple[str, ...] = ()  # the choice id taken in each scene (a Continue included)


@dataclass(frozen=True, slots=True)
class Exploration:
    states: int
    complete: bool  # False if the state bound was hit: what was not reached may still be reachable
    scenes_reached: frozenset[str]
    endings_reached: frozenset[str]
    never_offered: tuple[str, ...]  # choice ids whose condition is false in every reached state of their scene
    trapped: tuple[tuple[str, dict], ...]  # reached scene states from which no ending is reachable
    routes: tuple[Route, ...]
    routes_complete: bool
    # reached scene states where conditions hide every choice, so the runtime falls back to
    # offering them anyway ("never trap a pupil"): the story does not do what its writer wrote
    all_hidden: tuple[tuple[str, dict], ...] = ()
    # counters counted only up to (or down to) a value past every number they are compared with
    caps: Mapping[str, Cap] = field(default_factory=dict)
    names: tuple[str, ...] = ()  # the flags and counters, in the order of a state's values
    reached: frozenset[StateKey] = frozenset()  # every state found: (part id, values in `names` order)
    bound: str = ""  # which bound stopped the search: "states", "values" or "work"; "" when complete

    def visits(self, part: str, state: Mapping[str, bool | int]) -> bool:
        """Whether exploration found this place with these flags and counters (capped as it counts them)."""
        capped = cap_state(state, self.caps)
        return (part, tuple(capped[n] for n in self.names)) in self.reached


def replay(story: Story, route: Route) -> Playthrough:
    """A Playthrough that has taken ``route``'s choices: at its ending, showing what the pupil reads there."""
    pt = Playthrough(story)
    for choice_id in route.choices:
        pt.choose(next(i for i, c in enumerate(pt.choices) if c.id == choice_id))
    return pt


def cap_state(state: Mapping[str, bool | int], caps: Mapping[str, Cap]) -> dict[str, bool | int]:
    """A Playthrough's flags and counters as exploration counts them (see the module's notes)."""
    out = dict(state)
    for name, (low, high) in caps.items():
        value = out[name]
        if high is not None and value > high:  # type: ignore[operator]
            out[name] = high
        elif low is not None and value < low:  # type: ignore[operator]
            out[name] = low
    return out


def counter_caps(story: Story) -> dict[str, Cap]:
    """Which counters can be capped, and where: see the module's notes."""
    counters = {n for n, v in story.initial_state.items() if not isinstance(v, bool)}
    ups: set[str] = set()
    downs: set[str] = set()
    for scene in story.scenes.values():
        for choice in scene.choices:
            for name, amount in choice.adds:
                if amount > 0:
                    ups.add(name)
                elif amount < 0:
                    downs.add(name)
    numbers: dict[str, set[int]] = {n: {0} for n in counters}  # 0: a bare `trust` means trust != 0
    uncappable = ups & downs
    for source in _condition_sources(story):
        for node in _compares(conditions.parse(source)):
            left, right = node.left, node.right
            if isinstance(left, conditions.Name) and isinstance(right, conditions.Name):
                uncappable |= {left.name, right.name}  # compared with each other: values matter
            for side, other in ((left, right), (right, left)):
                if isinstance(side, conditions.Name) and isinstance(other, conditions.Const) \
                        and side.name in numbers:
                    numbers[side.name].add(int(other.value))
    caps: dict[str, Cap] = {}
    for name in sorted(counters - uncappable):
        if name in ups:
            caps[name] = (None, max(numbers[name]) + 1)
        elif name in downs:
            caps[name] = (min(numbers[name]) - 1, None)
    return caps


def _compares(node: conditions.Node) -> list[conditions.Compare]:
    if isinstance(node, conditions.Compare):
        return [node]
    if isinstance(node, conditions.Not):
        return _compares(node.operand)
    if isinstance(node, conditions.BoolOp):
        return _compares(node.left) + _compares(node.right)
    return []


def _condition_sources(story: Story) -> set[str]:
    parts = (*story.scenes.values(), *story.endings.values())
    sources = {ln.condition for part in parts for ln in part.lines if ln.condition}
    sources |= {c.condition for scene in story.scenes.values() for c in scene.choices if c.condition}
    return sources


def explore(story: Story, max_states: int = MAX_STATES, max_routes: int = MAX_ROUTES,
            max_values: int = MAX_VALUES, max_work: int = MAX_WORK) -> Exploration:
    names = tuple(story.initial_state)
    width = max(1, len(names))
    # wide states (many flags) mean fewer of them: the values stored stay within max_values
    by_values = max(1, max_values // width) < max_states
    max_states = min(max_states, max(1, max_values // width))
    position = {name: i for i, name in enumerate(names)}
    caps = counter_caps(story)
    bounds = [(position[n], low, high) for n, (low, high) in caps.items()]
    start: StateKey = (story.start, tuple(cap_state(story.initial_state, caps)[n] for n in names))
    keys: list[StateKey] = [start]
    index: dict[StateKey, int] = {start: 0}
    # per expanded state: the (choice id, next state) pairs, one per distinct next state
    succ: list[tuple[tuple[str, int], ...]] = []
    offered: set[str] = set()
    all_hidden: list[int] = []
    complete = True
    bound = ""
    work = 0
    scenes = story.scenes
    # each choice's effects as positions in a state's values, worked out once
    effects = {c.id: ([(position[n], v) for n, v in c.sets], [(position[n], a) for n, a in c.adds])
               for scene in scenes.values() for c in scene.choices}

    i = 0
    while i < len(keys) and complete:
        part, values = keys[i]
        scene = scenes.get(part)
        if scene is None:  # an ending: nothing follows
            succ.append(())
            i += 1
            continue
        state = dict(zip(names, values, strict=True))
        choices = available_choices(scene, state)
        work += width * (1 + len(choices))  # the state read, then copied (or compared) once per choice
        if work > max_work:
            complete, bound = False, "work"
            break
        first = choices[0]
        if first.test is not None and not first.test(state):
            # The fallback: only reached when every choice has a condition and all are false.
            all_hidden.append(i)
        else:
            offered.update(c.id for c in choices)
        out: dict[int, str] = {}
        for choice in choices:
            nxt_values = values
            sets, adds = effects[choice.id]
            if sets or adds:
                changed = list(values)
                for at, value in sets:
                    changed[at] = value
                for at, amount in adds:
                    changed[at] += amount
                for at, low, high in bounds:
                    if high is not None and changed[at] > high:
                        changed[at] = high
                    elif low is not None and changed[at] < low:
                        changed[at] = low
                nxt_values = tuple(changed)
            nxt = (choice.go, nxt_values)
            j = index.get(nxt)
            if j is None:
                if len(keys) >= max_states:
                    complete = False
                    bound = "values" if by_values else "states"
                    break
                j = index[nxt] = len(keys)
                keys.append(nxt)
            out.setdefault(j, choice.id)
        else:
            succ.append(tuple((cid, j) for j, cid in out.items()))
            i += 1
    expanded = len(succ)  # states 0..expanded-1 have all their successors known

    endings = story.endings
    is_end = [keys[k][0] in endings for k in range(len(keys))]
    back: list[list[int]] = [[] for _ in keys]
    for k in range(expanded):
        for _cid, j in succ[k]:
            back[j].append(k)
    # Pessimistic: can surely reach an ending. Optimistic: might, counting states never expanded
    # (past the bound) as able to; only states that surely cannot are reported as traps.
    sure = _reaching([k for k in range(len(keys)) if is_end[k]], back)
    maybe = _reaching([k for k in range(len(keys)) if is_end[k] or k >= expanded], back)
    trapped = tuple((keys[k][0], dict(zip(names, keys[k][1], strict=True))) for k in range(expanded)
                    if not is_end[k] and not maybe[k])

    reached_scenes = frozenset(keys[k][0] for k in range(len(keys)) if not is_end[k])
    never_offered = tuple(c.id for sid in _in_order(story, reached_scenes)
                          for c in scenes[sid].choices if c.test is not None and c.id not in offered)

    routes, routes_complete = _routes(story, names, keys, succ, is_end, sure, max_routes)
    return Exploration(
        states=len(keys),
        complete=complete,
        scenes_reached=reached_scenes,
        endings_reached=frozenset(keys[k][0] for k in range(len(keys)) if is_end[k]),
        never_offered=never_offered,
        trapped=trapped,
        routes=routes,
        routes_complete=routes_complete and complete,
        all_hidden=tuple((keys[k][0], dict(zip(names, keys[k][1], strict=True))) for k in all_hidden),
        caps=caps,
        names=names,
        reached=frozenset(keys),
        bound=bound,
    )


def _in_order(story: Story, reached: frozenset[str]) -> list[str]:
    return [sid for sid in story.scenes if sid in reached]


def _reaching(targets: list[int], back: list[list[int]]) -> list[bool]:
    seen = [False] * len(back)
    for t in targets:
        seen[t] = True
    todo = list(targets)
    while todo:
        for prev in back[todo.pop()]:
            if not seen[prev]:
                seen[prev] = True
                todo.append(prev)
    return seen


def _routes(story: Story, names: tuple[str, ...], keys: list[StateKey],
            succ: list[tuple[tuple[str, int], ...]], is_end: list[bool], can_end: list[bool],
            max_routes: int) -> tuple[tuple[Route, ...], bool]:
    """Every simple path through the state graph from the start to an ending, up to max_routes.

    Depth first, keeping running totals (signs, sign lines, words) for each depth of the
    current path, so a route costs its own length to record and nothing more.
    """
    if not keys or not can_end[0] or not succ:
        return (), not keys or not can_end[0]

    position = {name: i for i, name in enumerate(names)}
    reads: dict[str, tuple[int, ...]] = {}  # per part: where the values its lines' conditions read are
    shown: dict[tuple[Any, ...], tuple[frozenset[str], int, int]] = {}

    def seen_at(k: int) -> tuple[frozenset[str], int, int]:
        """Signs, sign-tagged lines and words of what is shown on entering state k. Worked out once
        per part and values its lines read (a state's other values change nothing shown), each time
        at the cost of the part's lines from the search's budget."""
        nonlocal budget
        part, values = keys[k]
        where = reads.get(part)
        if where is None:
            owner = story.scenes.get(part) or story.endings[part]
            read = {n.name for ln in owner.lines if ln.condition
                    for n in conditions.names(conditions.parse(ln.condition))}
            where = reads[part] = tuple(sorted(position[n] for n in read))
        key = (part, *(values[i] for i in where))
        found = shown.get(key)
        if found is None:
            owner = story.scenes.get(part) or story.endings[part]
            budget -= len(owner.lines)
            lines = visible_lines(owner, dict(zip(names, values, strict=True)))
            signs = [ln.sign for ln in lines if ln.sign]
            found = shown[key] = (frozenset(signs), len(signs), sum(len(ln.text.split()) for ln in lines))
        return found

    memo: dict[int, tuple[frozenset[str], int, int]] = {}
    routes: list[Route] = []
    budget = _ROUTE_BUDGET_PER_ROUTE * max_routes
    expanded = len(succ)
    path = [0]
    taken: list[str] = []
    on_path = {0}
    totals = [seen_at(0)]  # running (signs, sign lines, words) up to each state on the path
    stack = [iter(succ[0])]  # one iterator of (choice id, next state) per state on the path
    while stack:
        budget -= 1
        step = next(stack[-1], None)
        if step is None:
            stack.pop()
            on_path.discard(path.pop())
            totals.pop()
            if taken:
                taken.pop()
            continue
        cid, j = step
        if j in on_path or not can_end[j] or (j >= expanded and not is_end[j]):
            continue  # a loop, a dead end, or past the state bound
        here = memo.get(j)
        if here is None:
            here = memo[j] = seen_at(j)
        signs, sign_lines, words = totals[-1]
        total = (signs | here[0] if here[0] else signs, sign_lines + here[1], words + here[2])
        if is_end[j]:
            budget -= len(path)
            if len(routes) >= max_routes or budget < 0:
                return tuple(routes), False
            parts = (*(keys[k][0] for k in path), keys[j][0])
            routes.append(Route(parts, parts[-1], total[0], total[1], total[2], (*taken, cid)))
            continue
        if budget < 0:
            return tuple(routes), False
        path.append(j)
        taken.append(cid)
        on_path.add(j)
        totals.append(total)
        stack.append(iter(succ[j]))
    return tuple(routes), True
