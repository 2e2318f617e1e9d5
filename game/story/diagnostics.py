"""Diagnostics: every problem found in a file, as data, formatted only at the edges."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    path: str
    line: int | None
    col: int | None
    severity: Severity
    code: str
    message: str
    hint: str | None = None
    # a second, more technical wording (YAML's own words for a syntax error), shown after the hint
    detail: str | None = None

    def format(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        text = f"{where}: {self.severity}[{self.code}]: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        if self.detail:
            text += f"\n    ({self.detail})"
        return text

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    def promoted(self) -> Diagnostic:
        """The same finding as an error (for ``check --strict``)."""
        if self.severity == "error":
            return self
        return replace(self, severity="error")


def has_errors(diags: Iterable[Diagnostic]) -> bool:
    return any(d.severity == "error" for d in diags)


def sort_key(d: Diagnostic) -> tuple[str, int, int, str]:
    return (d.path, d.line or 0, d.col or 0, d.code)


def format_text(diags: Iterable[Diagnostic]) -> str:
    return "\n".join(d.format() for d in sorted(diags, key=sort_key))


def format_json(diags: Iterable[Diagnostic]) -> str:
    import json  # imported here: most runs never format JSON

    return json.dumps([d.as_dict() for d in sorted(diags, key=sort_key)], indent=2, ensure_ascii=False)


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """A hint naming the closest known word, or None when nothing is close."""
    import difflib  # imported here: a clean file never needs a suggestion

    close = difflib.get_close_matches(str(word), sorted(choices), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else None


def summary(diags: Iterable[Diagnostic], files: int) -> str:
    diags = list(diags)
    errors = sum(d.severity == "error" for d in diags)
    warnings = len(diags) - errors
    noun = "file" if files == 1 else "files"
    if not diags:
        return f"{files} {noun} checked: no problems found."
    return (
        f"{files} {noun} checked: {errors} error{'s' if errors != 1 else ''}, "
        f"{warnings} warning{'s' if warnings != 1 else ''}."
    )
