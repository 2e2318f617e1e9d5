"""What in a scenes folder is a story: standard library only, so listing a folder (and the
library index, game/library_index.py) never loads the engine."""

from __future__ import annotations

from pathlib import Path

SHARED_FILES = ("signs", "help", "themes", "language", "skills")  # the shared data files beside the stories
SUFFIXES = (".yaml", ".yml")


def is_scenario_file(path: Path) -> bool:
    return is_scenario_name(path.name)


def is_scenario_name(name: str) -> bool:
    """The same for a file name (a folder of thousands is listed without a Path for each)."""
    stem, dot, suffix = name.rpartition(".")
    return bool(dot) and f".{suffix}" in SUFFIXES and stem not in SHARED_FILES and not name.startswith(".") \
        and "/" not in name and "\\" not in name


def scenario_files(folder: Path) -> list[Path]:
    """Everything in ``folder`` named like a story, folders aside: a pipe or a link named like one
    is listed too, so that reading it says why it cannot be used (game/story/files.py)."""
    return sorted(p for p in folder.iterdir() if is_scenario_file(p) and not p.is_dir())
