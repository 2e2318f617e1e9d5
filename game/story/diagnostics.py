"""Diagnostics: every problem found in a file, as data, formatted only at the edges."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from typing import Literal

from game.story.values import BAD_TEXT

Severity = Literal["error", "warning"]
# A quoted value in a message (as repr writes one) longer than this is cut short, whoever
# wrote the message: a 5,000-character name must not fill a writer's terminal.
MAX_QUOTED = 120
MAX_MESSAGE = 600  # and no message or hint is longer than this in all
# (a quote after a letter is an apostrophe, as in "can't", and starts nothing)
_LONG_QUOTED = re.compile(rf"(?<!\w)'(?:[^'\\\n]|\\.){{{MAX_QUOTED},}}'(?!\w)"
                          rf"|(?<!\w)\"(?:[^\"\\\n]|\\.){{{MAX_QUOTED},}}\"(?!\w)")


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

    def __post_init__(self) -> None:
        for name in ("path", "message", "hint", "detail"):
            text = getattr(self, name)
            if text is None:
                continue
            short = _shorten(text) if len(text) > MAX_QUOTED + 2 and name != "path" else text
            if BAD_TEXT.search(short):  # a file's name or words can hold them: a terminal must never get one
                short = BAD_TEXT.sub("?", short)
            if short is not text:
                object.__setattr__(self, name, short)

    def format(self) -> str:
        # A finding about the whole file (too big, unreadable) is put at 1:1, where editors'
        # problem matchers, which want a line and a column, still find it.
        where = f"{self.path}:{self.line or 1}:{self.col or 1}"
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


def _shorten(text: str) -> str:
    """``text`` with every long quoted value cut to its first MAX_QUOTED characters, and
    cut to MAX_MESSAGE in all; the same object when nothing needed cutting."""
    short = _LONG_QUOTED.sub(lambda m: m.group()[:MAX_QUOTED] + "..." + m.group()[0], text)
    if len(short) > MAX_MESSAGE:
        short = short[:MAX_MESSAGE] + "..."
    return text if short == text else short


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
