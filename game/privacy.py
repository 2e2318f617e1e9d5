"""What the game keeps on this computer, and deleting it ("Delete my data").

Pupil data is the settings file and the one autosave (with its spare copy and any damaged
copies put aside). The crash log holds only the program's own tracebacks, never a pupil's
choices, and the library index only what the stories are (titles, ages, minutes), but both are
deleted too: "delete my data" should leave nothing of this user behind.
A classroom file (classroom.yaml) is the school's, set by a teacher or technician, and is kept.

No pygame here: the About screen, the command line and the tests all use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.atomic import TEMP_SUFFIX
from game.paths import user_data_dir


@dataclass(frozen=True)
class Kept:
    what: str  # "Settings", "The place to carry on a story", ...
    path: Path


def _files(folder: Path, pattern: str) -> list[Path]:
    try:
        return sorted(p for p in folder.glob(pattern) if p.is_file())
    except OSError:
        return []


def kept_files() -> list[Kept]:
    """Every file the game has written for this user, that exists now."""
    from game.saves import SaveStore
    from game.settings import settings_path

    store = SaveStore()
    settings = settings_path()
    found = [Kept("Settings", p) for p in _files(settings.parent, "settings*.json")]
    found += [Kept("The place to carry on a story", p) for p in _files(store.path.parent, "autosave*.json")]
    # A write cut off part-way (game.atomic) can leave a hidden copy beside either: it is theirs too.
    found += [Kept("Settings", p) for p in _files(settings.parent, f".settings*{TEMP_SUFFIX}")]
    found += [Kept("The place to carry on a story", p) for p in _files(store.path.parent, f".autosave*{TEMP_SUFFIX}")]
    found += [Kept("The crash log (no pupil data: only the program's own errors)", p)
              for p in _files(user_data_dir() / "logs", "*.log")]
    index = user_data_dir() / "index"  # game/library_index.py
    found += [Kept("The list of stories (no pupil data: only the stories' titles and ages)", p)
              for pattern in ("scenes-*.json", f".scenes-*{TEMP_SUFFIX}") for p in _files(index, pattern)]
    from game.story.check import language_notes

    found += [Kept("The story checker's notes (no pupil data: what it found in story files)", p)
              for p in language_notes.notes()]
    return found


def delete_my_data() -> tuple[list[Path], list[Path]]:
    """Delete every file `kept_files` lists; returns (deleted, could not be deleted).
    Never raises: a file another program holds open is reported, not fatal."""
    deleted, failed = [], []
    for kept in kept_files():
        try:
            kept.path.unlink()
            deleted.append(kept.path)
        except FileNotFoundError:
            continue
        except OSError:
            failed.append(kept.path)
    return deleted, failed
