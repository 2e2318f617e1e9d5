"""Writing a small file so that a crash, a kill or a power cut never leaves half of it, and
moving aside a file that turned out to be unusable.

Used by the autosave (game/saves.py) and the settings (game/settings.py). The new text goes to
a temporary file in the same folder, is flushed and fsynced, and only then renamed over the
old file with os.replace (atomic on Windows, macOS and Linux when both are in one folder).
Until that rename the old file is untouched; after it the new one is complete.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from datetime import datetime
from pathlib import Path

TEMP_SUFFIX = ".tmp"
_ASIDE = re.compile(r"\.corrupt-(\d{8}T\d{6})(?:-(\d+))?\.json$")


def write_atomic(path: Path, data: bytes, *, backup: Path | None = None) -> None:
    """Replace ``path`` with ``data`` atomically, creating its folder if needed.

    ``backup``: where the previous file goes first (os.replace too), so a good copy of the last
    version is kept. Between the two renames only the backup exists; readers that fall back to
    the backup when ``path`` is missing always find a complete file.

    Raises OSError if the disk refuses; the temporary file is removed and ``path`` is unchanged.
    """
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if backup is not None and path.exists():
            os.replace(path, backup)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    _sync_folder(folder)


def remove_stale_temps(path: Path, older_than: float = 60.0) -> None:
    """Delete temporary files left beside ``path`` by a write that was killed part-way."""
    cutoff = time.time() - older_than
    for temp in path.parent.glob(f".{path.name}.*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            if temp.stat().st_mtime < cutoff:
                temp.unlink()


def move_aside(path: Path, when: datetime, keep: int = 3) -> Path | None:
    """Rename a file that cannot be used to ``<stem>.corrupt-<YYYYmmddTHHMMSS>.json`` beside it,
    so it is never tried again but a technician can still look at it. Only the newest ``keep``
    files moved aside in that folder are kept. Returns the new path, or None if the rename
    failed (the file is then deleted if possible). Never raises.
    """
    stamp = when.strftime("%Y%m%dT%H%M%S")
    base = path.name.removesuffix(".json")
    # several in one second are numbered, always upwards (a number freed by pruning is not reused)
    same = [_aside_order(p)[1] for p in moved_aside(path.parent) if p.name.startswith(f"{base}.corrupt-{stamp}")]
    counter = max(same, default=0) + 1
    target = _aside_name(path, base, stamp, counter)
    while target.exists():
        counter += 1
        target = _aside_name(path, base, stamp, counter)
    try:
        os.replace(path, target)
    except OSError:
        with contextlib.suppress(OSError):
            path.unlink()
        return None
    for old in moved_aside(path.parent)[:-keep]:
        with contextlib.suppress(OSError):
            old.unlink()
    return target


def moved_aside(folder: Path) -> list[Path]:
    """The files ``move_aside`` left in ``folder``, oldest first."""
    try:
        found = [p for p in folder.glob("*.corrupt-*.json") if _ASIDE.search(p.name)]
    except OSError:
        return []
    return sorted(found, key=_aside_order)


def _aside_name(path: Path, base: str, stamp: str, counter: int) -> Path:
    return path.with_name(f"{base}.corrupt-{stamp}{'' if counter == 1 else f'-{counter}'}.json")


def _aside_order(path: Path) -> tuple[str, int]:
    match = _ASIDE.search(path.name)
    assert match is not None
    return match.group(1), int(match.group(2) or 1)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows cannot open a folder, and needs no fsync."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
