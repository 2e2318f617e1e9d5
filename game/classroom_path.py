"""Where the classroom file is (no pydantic, no YAML): the window asks this first, so a computer
without a classroom file starts without loading the classroom model at all."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from game.paths import config_dir

if TYPE_CHECKING:
    from game.classroom import Contact

CLASSROOM_NAME = "classroom.yaml"
CLASSROOM_ENV = "SPOT_THE_SIGNS_CLASSROOM"


def classroom_path() -> Path:
    """$SPOT_THE_SIGNS_CLASSROOM (set by --classroom FILE) when set, else config_dir()/classroom.yaml."""
    chosen = os.environ.get(CLASSROOM_ENV)
    return Path(chosen) if chosen else config_dir() / CLASSROOM_NAME


def use_file(path: str | os.PathLike[str]) -> Path:
    """Make ``path`` the classroom file for this run (``--classroom FILE``)."""
    resolved = Path(path).expanduser().resolve()
    os.environ[CLASSROOM_ENV] = str(resolved)
    return resolved


def contact_lines() -> tuple[str, str | None] | None:
    """The school's contact in use as pupils read it, (who, where), for the engine's debrief and help."""
    contact = contact_in_use()
    return contact.lines() if contact is not None else None


def contact_in_use() -> Contact | None:
    """The school's contact from the classroom file in use, if the school set one (the help
    screens, the debrief, terminal help); the classroom model loads only when there is a file."""
    if not classroom_path().exists():
        return None
    from game.classroom import school_contact

    return school_contact()
