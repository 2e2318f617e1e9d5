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
    """The input had problems (already printed), or an output could not be written: exit 1 with
    this one sentence."""


# --- files a command writes ---------------------------------------------------------------------


def check_output(path: Path, example: str = "") -> None:
    """Before any work is done: ProblemsFound, in one sentence, when ``path`` cannot be written as
    a file (a folder in its place, no such folder, no permission). ``example``: a file name to
    suggest when a folder was given."""
    import os

    shown = str(path)
    if path.is_dir():
        raise ProblemsFound(f"{shown} is a folder: give a file name" + (f", e.g. {path / example}" if example else ""))
    problem = folder_problem(path.parent)
    if problem is not None:
        raise ProblemsFound(problem)
    if path.exists() and not os.access(path, os.W_OK):
        raise ProblemsFound(f"there is no permission to write {shown}")


def check_output_folder(folder: Path) -> None:
    """The same for a folder a command writes several files into (it may not exist yet)."""
    if folder.exists() and not folder.is_dir():
        raise ProblemsFound(f"{folder} is a file, not a folder")
    problem = folder_problem(folder if folder.exists() else folder.parent)
    if problem is not None:
        raise ProblemsFound(problem)


def folder_problem(folder: Path) -> str | None:
    """Why files cannot be written in ``folder``, or None."""
    import os

    shown = str(folder) or "."
    if not folder.exists():
        return f"the folder {shown} does not exist"
    if not folder.is_dir():
        return f"{shown} is not a folder"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"there is no permission to write in the folder {shown}"
    return None


def write_output(path: Path, data: str | bytes) -> None:
    """Write a file a command makes; ProblemsFound, in one sentence, if the disk refuses."""
    try:
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8", newline="\n")
        else:
            path.write_bytes(data)
    except OSError as exc:
        raise ProblemsFound(output_error(path, exc)) from None


def output_error(path: Path, exc: OSError) -> str:
    """One sentence for an OSError met writing ``path``."""
    if isinstance(exc, IsADirectoryError):
        return f"{path} is a folder, not a file"
    if isinstance(exc, PermissionError):
        return f"there is no permission to write {path}"
    if isinstance(exc, FileNotFoundError):
        return f"the folder {path.parent} does not exist"
    if isinstance(exc, NotADirectoryError):
        return f"{path.parent} is not a folder"
    return f"{path} could not be written ({exc.strerror or exc})"
