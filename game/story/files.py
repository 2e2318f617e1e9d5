"""The one way the game opens a file it did not write itself: bounded, regular, confined.

    raw = read_file(path, within=scenes_folder, max_bytes=1 << 20)   # bytes, or a FileProblem

Every file the game reads (stories and the shared files beside them, the classroom file, saves,
settings, pictures, fonts and sounds) comes through here, so these hold everywhere at once:

* **Only ordinary files.** A folder, a named pipe (FIFO), a device or a socket is refused
  before it is opened: reading a pipe waits for a writer that never comes, and a device can
  be endless. The file is opened non-blocking and checked again once open, so a file swapped
  for a pipe in between is refused too.
* **Confined.** ``within`` is the folder the file belongs to (the scenes folder, art/, audio/):
  the file's real path, links resolved, must be inside that folder's real path. A link to a
  file elsewhere on the computer is refused, not followed.
* **Bounded.** Never more than ``max_bytes`` is read (FileTooBig, with the size, when there
  is more).

No pygame, no engine: the settings and the title screen use it before anything else loads.
"""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

ASSET_MAX_BYTES = 8 << 20  # a picture, font or sound from art/ or audio/: the biggest shipped is 0.5 MB
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
_CHUNK = 1 << 16


class FileProblem(OSError):
    """A file that was not read; ``str()`` is one plain sentence for a writer or a log."""


class LinkOut(FileProblem):
    """A link to a file outside the folder it belongs to."""


class FileTooBig(FileProblem):
    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"the file is {size:,} bytes; the limit is {limit:,}")
        self.size = size
        self.limit = limit


def kind_problem(mode: int) -> str | None:
    """Why a file of this mode (from os.stat) cannot be read as a file, or None for an ordinary file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "this is a folder, not a file"
    return "this is not an ordinary file (it is a pipe, a device or a socket)"


def confined(path: str | os.PathLike[str], within: str | os.PathLike[str]) -> bool:
    """Whether ``path``, every link in it followed, is inside the folder ``within`` (links followed too)."""
    try:
        real = os.path.realpath(path, strict=True)
        base = os.path.realpath(within, strict=True)
    except (OSError, ValueError):
        return False
    return os.path.commonpath([real, base]) == base and real != base


def is_readable_file(path: str | os.PathLike[str], within: str | os.PathLike[str] | None = None) -> bool:
    """Whether ``path`` is an ordinary file (inside ``within`` when given): what read_file would open."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
    except (OSError, ValueError):
        return False
    return within is None or confined(path, within)


def open_asset(path: str | os.PathLike[str], within: str | os.PathLike[str]) -> io.BytesIO:
    """A picture, font or sound from art/ or audio/ (``within``), read through read_file into
    memory for pygame, which would otherwise open the path itself. Its ``name`` is the path."""
    data = io.BytesIO(read_file(path, max_bytes=ASSET_MAX_BYTES, within=within))
    data.name = str(path)
    return data


def read_file(path: str | os.PathLike[str], *, max_bytes: int,
              within: str | os.PathLike[str] | None = None) -> bytes:
    """The bytes of ``path``: an ordinary file, inside ``within`` when given, at most ``max_bytes``.

    Raises FileProblem (FileTooBig when it is bigger) with one plain sentence, or the OSError
    of the system (no such file, no permission) as it is.
    """
    try:
        before = os.stat(path)
    except ValueError:  # a NUL in the name
        raise FileProblem("this file name cannot be used") from None
    problem = kind_problem(before.st_mode)
    if problem is not None:
        raise FileProblem(problem)
    if within is not None and not confined(path, within):
        raise LinkOut(f"this is a link to a file outside the folder {Path(within).name or within}")
    if before.st_size > max_bytes:
        raise FileTooBig(before.st_size, max_bytes)
    fd = os.open(path, _FLAGS)
    try:
        now = os.fstat(fd)
        if not stat.S_ISREG(now.st_mode) or (now.st_dev, now.st_ino) != (before.st_dev, before.st_ino):
            raise FileProblem("the file changed while it was being opened")
        chunks: list[bytes] = []
        got = 0
        while got <= max_bytes:
            chunk = os.read(fd, min(_CHUNK, max_bytes + 1 - got))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
    finally:
        os.close(fd)
    if got > max_bytes:
        raise FileTooBig(max(got, now.st_size), max_bytes)
    return b"".join(chunks)
