"""Reachability over a story's scene graph, ignoring conditions (every choice counted as possible).

A graph is a mapping from a scene id to the scenes and endings it can lead to. The check
rules build it from the scenario model, the story map from the compiled Story; both ask the
same two questions here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence


def reachable_from(start: str, graph: Mapping[str, Sequence[str]]) -> set[str]:
    """Every part a route from ``start`` can reach, ``start`` included."""
    seen = {start}
    todo = [start]
    while todo:
        for nxt in graph.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def reaching(targets: Iterable[str], graph: Mapping[str, Sequence[str]]) -> set[str]:
    """Every part from which some route reaches one of ``targets``, the targets included."""
    back: dict[str, list[str]] = {}
    for src, nexts in graph.items():
        for t in nexts:
            back.setdefault(t, []).append(src)
    seen = set(targets)
    todo = list(seen)
    while todo:
        for prev in back.get(todo.pop(), ()):
            if prev not in seen:
                seen.add(prev)
                todo.append(prev)
    return seen
