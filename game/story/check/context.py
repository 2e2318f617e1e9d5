"""What every check rule can see."""

from __future__ import annotations

from dataclasses import dataclass, field

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
