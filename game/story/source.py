"""A parsed file with everything needed to point at a place in it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.story.diagnostics import Diagnostic, Severity
from game.story.safe_yaml import Marks


@dataclass(slots=True)
class Source:
    path: str
    text: str
    data: Any
    marks: Marks

    def at(self, *path: Any, key: bool = False) -> tuple[int, int]:
        return self.marks.find(self.data, path, want_key=key)

    def diag(
        self,
        path: tuple[Any, ...],
        code: str,
        message: str,
        hint: str | None = None,
        *,
        severity: Severity = "error",
        key: bool = False,
        offset: int = 0,
    ) -> Diagnostic:
        """A diagnostic at ``path``; ``offset`` moves it along a text value (for conditions)."""
        line, col = self.at(*path, key=key)
        if offset:
            col += offset + (1 if self._quoted(line, col) else 0)
        return Diagnostic(self.path, line, col, severity, code, message, hint)

    def _quoted(self, line: int, col: int) -> bool:
        lines = self.text.splitlines()
        if 0 < line <= len(lines) and 0 < col <= len(lines[line - 1]):
            return lines[line - 1][col - 1] in "'\""
        return False
