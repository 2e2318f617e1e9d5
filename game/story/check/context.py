"""What every check rule can see."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from game.story.diagnostics import did_you_mean
from game.story.model import Scenario
from game.story.safe_yaml import Limits
from game.story.shared import Shared
from game.story.source import Source


@dataclass(slots=True)
class Context:
    src: Source
    scenario: Scenario
    shared: Shared
    limits: Limits
    stem: str  # the file name without .yaml
    # codes that make the graph meaningless (a `go` to nowhere, no start scene)
    graph_blockers: frozenset[str] = field(default=frozenset({"E021", "E027", "E028", "E033"}))
    # how many names did_you_mean may still compare in this file (see below)
    hint_budget: int = 200_000

    def did_you_mean(self, word: str, choices: Collection[str]) -> str | None:
        """diagnostics.did_you_mean, within a budget for the whole file.

        Each suggestion compares the word with every candidate, so a file with thousands of
        broken names and thousands of scenes (or state names) would take minutes. Past the
        budget the problems are still all reported, only without a suggestion.
        """
        self.hint_budget -= len(choices)
        if self.hint_budget < 0:
            return None
        return did_you_mean(word, choices)
