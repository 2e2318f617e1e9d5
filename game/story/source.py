"""A parsed file with everything needed to point at a place in it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from game.story.diagnostics import Diagnostic, Severity
from game.story.safe_yaml import Marks


@dataclass(slots=True)
class Source:
    path: str
    text: str
    data: Any
    marks: Marks
    _lines: list[str] | None = field(default=None, repr=False, compare=False)

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
            first = self._char(line, col)
            moved = col + offset + (1 if first in ("'", '"') else 0)
            # Only along the value's own first line (or just past its end, where a condition that
            # stops too early stops): a value written over several lines, or after | or >, is
            # folded, so a column further on would point at nothing; the value's start is kept.
            if first not in ("", "|", ">") and moved <= len(self.lines()[line - 1]) + 1:
                col = moved
        return Diagnostic(self.path, line, col, severity, code, message, hint)

    def _char(self, line: int, col: int) -> str:
        lines = self.lines()
        if 0 < line <= len(lines) and 0 < col <= len(lines[line - 1]):
            return lines[line - 1][col - 1]
        return ""

    def lines(self) -> list[str]:
        """The text's lines, split once: a file with thousands of diagnostics must not split it each time."""
        if self._lines is None:
            self._lines = self.text.splitlines()
        return self._lines

    def text_path(self, path: tuple[Any, ...], key: str | None = None) -> tuple[Any, ...]:
        """The YAML path of the text at the model ``path``, whichever way the writer wrote it.

        A line may be plain text (``- Hello``), ``- mia: Hello`` or ``text: Hello``, and
        ``lines:`` may be one text instead of a list; ``key`` is the model's field (text, why,
        feedback ...).
        """
        node = self.data
        for i, step in enumerate(path):
            if (isinstance(node, dict) and step in node) or (
                    isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node)):
                node = node[step]
            else:
                return path[:i]  # `lines: one line` is a list of one in the model, text in the file
        if key is None or isinstance(node, str):
            return path
        if isinstance(node, dict):
            if key in node:
                return (*path, key)
            if key == "text" and node:
                return (*path, next(iter(node)))  # - mia: Hello
        return path
