"""Semantic checks on a validated scenario: one small function per rule.

Each rule takes a ``Context`` and yields diagnostics; it never raises and never prints.
To add a rule, write a function in the module for its family and list it in that module's
rule tuple, then name the tuple below.

Two tiers, because every `list`, `play` and game start loads every story:
- structure (references, metadata, the scene graph): linear and cheap, run on every load;
  a story that fails them cannot be played.
- the safeguarding linter (language, suitability, backgrounds, people, sign cues, teaching,
  telling, and the route rules that explore every state a pupil can reach): run by
  `spot-the-signs check`, which writers and CI use on every scenario. Its modules are
  imported only then. Checks across the library (a name used for two people) are in
  check/library_names.py, run by `check` on a folder.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from game.story.check.context import Context
from game.story.check.graph import GRAPH_RULES
from game.story.check.metadata import METADATA_RULES
from game.story.check.references import REFERENCE_RULES
from game.story.diagnostics import Diagnostic

if TYPE_CHECKING:
    from game.story.story import Story

Rule = Callable[[Context], Iterator[Diagnostic]]

# References first: the graph rules assume every `go` resolves, so they are skipped when
# a reference is broken (one mistake should give one message, not five).
RULES: tuple[Rule, ...] = (*REFERENCE_RULES, *METADATA_RULES)


def lint_rules() -> tuple[Rule, ...]:
    from game.story.check.backgrounds import BACKGROUND_RULES
    from game.story.check.language import LANGUAGE_RULES
    from game.story.check.people import PEOPLE_RULES
    from game.story.check.sign_cues import SIGN_CUE_RULES
    from game.story.check.stage import STAGE_RULES
    from game.story.check.suitability import SUITABILITY_RULES
    from game.story.check.teaching import TEACHING_RULES
    from game.story.check.telling import TELLING_LINT_RULES

    return (*LANGUAGE_RULES, *SUITABILITY_RULES, *BACKGROUND_RULES, *PEOPLE_RULES, *SIGN_CUE_RULES,
            *TEACHING_RULES, *TELLING_LINT_RULES, *STAGE_RULES)


def run_checks(ctx: Context, lint: bool = False) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for rule in RULES + (lint_rules() if lint else ()):
        found.extend(rule(ctx))
    if not any(d.severity == "error" and d.code in ctx.graph_blockers for d in found):
        for rule in GRAPH_RULES:
            found.extend(rule(ctx))
    return found


def run_story_checks(ctx: Context, story: Story) -> list[Diagnostic]:
    """Linter only, on the compiled story once nothing above found an error: the route rules,
    which explore every state a pupil can reach (check/routes.py)."""
    from game.story.check.routes import run_route_checks

    return run_route_checks(ctx, story)


__all__ = ["RULES", "Context", "lint_rules", "run_checks", "run_story_checks"]
