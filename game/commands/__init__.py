"""One module per sub-command. Each has ``register(subparsers)`` and ``run(args) -> int``.

Modules are imported to build the parser, so they import only the standard library at
the top and load the engine inside ``run``: ``--help`` and ``--version`` stay instant,
and no command that opens no window ever imports pygame.
"""

from __future__ import annotations

import argparse
from pathlib import Path

# Listed here in the order `--help` shows them.
COMMANDS = ("play", "list", "new", "check", "explain", "graph", "coverage", "schema", "stats", "lesson", "publish")

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A mistake in how a command was called: reported in one sentence, exit 2."""


def scenes_folder(args: argparse.Namespace) -> Path:
    from game.paths import scenes_dir

    folder = Path(args.scenes) if args.scenes else scenes_dir()
    if not folder.is_dir():
        raise UsageError(f"the scenes folder {str(folder)!r} does not exist")
    return folder


def paths_or_scenes(args: argparse.Namespace) -> list[Path]:
    """The PATH arguments of a command, or the scenes folder; a missing path is a usage error."""
    paths = [Path(p) for p in args.paths] or [scenes_folder(args)]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise UsageError(f"no such file or folder: {missing[0]}")
    return paths


def library(args: argparse.Namespace):  # -> game.story.library.Library
    from game.paths import scenes_dir
    from game.story.library import Library

    return Library(scenes_folder(args), fallback=scenes_dir())


def load_story(args: argparse.Namespace, name: str):  # -> game.story.story.Story
    """A playable story by id or path, or a UsageError / printed diagnostics."""
    import sys

    from game.story.diagnostics import format_text
    from game.story.library import scenario_files

    lib = library(args)
    path = lib.find(name)
    if path is None:
        known = ", ".join(p.stem for p in scenario_files(lib.folder)) or "none"
        raise UsageError(f"there is no scenario called {name!r} (known: {known})")
    result = lib.load(path)
    if result.story is None:
        print(format_text(result.diagnostics), file=sys.stderr)
        raise ProblemsFound(f"{path} has problems, so it cannot be used yet")
    return result.story


class ProblemsFound(Exception):
    """The input had problems (already printed): exit 1 with this one sentence."""
