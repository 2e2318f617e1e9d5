"""Time for the play screen's motion: a Timer on the app's clock, and where a line's words end
(a line types in a whole word at a time)."""

from __future__ import annotations

import re


def word_ends(text: str) -> list[int]:
    """Where each word of ``text`` ends (an index into it): a line types in a whole word at a time,
    so a word is never shown broken and the words already shown never move."""
    return [m.end() for m in re.finditer(r"\S+", text)]


class Timer:
    """A stretch of time on the app's clock. A screen has no clock of its own, so one that
    ``begin``s now is ``stamp``ed with the time by the next tick."""

    def __init__(self) -> None:
        self.length = 0
        self.start: int | None = None
        self.on = False

    def begin(self, length: int) -> None:
        self.length, self.start, self.on = length, None, length > 0

    def stop(self) -> None:
        self.on, self.start = False, None

    @property
    def pending(self) -> bool:
        return self.on and self.start is None

    def stamp(self, now_ms: int) -> None:
        if self.pending:
            self.start = now_ms

    def elapsed(self, now_ms: int) -> int:
        return 0 if self.start is None else max(0, now_ms - self.start)

    def progress(self, now_ms: int) -> float:
        return min(1.0, self.elapsed(now_ms) / self.length) if self.on else 1.0

    def left(self, now_ms: int) -> int:
        return max(0, self.length - self.elapsed(now_ms))
