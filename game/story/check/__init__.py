"""Semantic checks on a validated scenario: one small function per rule, all run together.

Each rule takes a ``Context`` and yields diagnostics; it never raises and never prints.
To add a rule, write a function in the module for its family and list it in ``RULES``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from game.story.check.context import Context
from game.story.check.graph import GRAPH_RULES
from game.story.check.metadata import METADATA_RULES
from game.story.check.references import REFERENCE_RULES
from game.story.diagnostics import Diagnostic

Rule = Callable[[Context], Iterator[Diagnostic]]

# References first: the graph rules assume every `go` resolves, so they are skipped when
# a reference is broken (one mistake should give one message, not five).
RULES: tuple[Rule, ...] = (*REFERENCE_RULES, *METADATA_RULES)


def run_checks(ctx: Context) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for rule in RULES:
        found.extend(rule(ctx))
    if not any(d.severity == "error" and d.code in ctx.graph_blockers for d in found):
        for rule in GRAPH_RULES:
            found.extend(rule(ctx))
    return found


__all__ = ["RULES", "Context", "run_checks"]
