"""The language checks' notes on the stories they have checked, so that checking an unchanged
story again costs one small file read instead of a search of every line for every entry (a
linter's cache, as ruff and mypy keep).

A note holds the language findings (E040-E042, W040-W042) of one story, under a key made of
everything they depend on: the story's text, the avoid list (language.yaml's text) and the
code that checks (the source of its modules). Change any of them and the key is new, so a
note is never out of date: at worst it is not used. Notes live in the user's data folder,
under cache/language/, hold only the checker's own messages about a story file (no pupil data,
nothing a pupil chose), and are deleted by "Delete my data" (game/privacy.py). A folder that
cannot be written, or a note that cannot be read, just means the story is checked in full.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import json
import os
from pathlib import Path
from typing import Any

from game.paths import user_data_dir
from game.story.diagnostics import Diagnostic

# The notes kept at most; past it, the oldest half are deleted (once per run).
MAX_NOTES = 2000
_FORMAT = 1
_code_key: str | None = None
_pruned = False


def folder() -> Path | None:
    """Where the notes are kept; None when this Python has no user folder to give (the notes are
    only a saving of time: without them, every story is checked afresh)."""
    try:
        return user_data_dir() / "cache" / "language"
    except ImportError:  # platformdirs missing: the game's own install always has it
        return None


def _code() -> str:
    """A fingerprint of the code the findings come from: this package's language modules."""
    global _code_key
    if _code_key is None:
        digest = hashlib.sha256(str(_FORMAT).encode())
        for name in ("game.story.word_forms", "game.story.phrases", "game.story.phrase_tokens",
                     "game.story.phrase_match", "game.story.phrasebook", "game.story.check.language", __name__):
            path = getattr(importlib.import_module(name), "__file__", None)
            try:
                digest.update(Path(path).read_bytes() if path else name.encode())
            except OSError:
                digest.update(name.encode())
        _code_key = digest.hexdigest()
    return _code_key


def key(story_text: str, avoid_list: str) -> str:
    """The note's name: a digest of the story, the avoid list's fingerprint and the code."""
    digest = hashlib.sha256(_code().encode())
    digest.update(avoid_list.encode())
    digest.update(b"\0")
    digest.update(story_text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def read(name: str, path: str) -> list[Diagnostic] | None:
    """The findings noted under ``name``, for the story file shown as ``path``; None if there
    is no usable note."""
    here = folder()
    if here is None:
        return None
    try:
        data = json.loads((here / f"{name}.json").read_text(encoding="utf-8"))
        return [Diagnostic(path, *_fields(item)) for item in data["findings"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _fields(item: Any) -> tuple[Any, ...]:
    line, col, severity, code, message, hint = item
    if not (isinstance(line, int) and isinstance(col, int) and severity in ("error", "warning")
            and all(isinstance(s, str) for s in (code, message)) and (hint is None or isinstance(hint, str))):
        raise TypeError("not a finding")
    return line, col, severity, code, message, hint


def write(name: str, findings: list[Diagnostic]) -> None:
    """Keep the findings under ``name``. Never raises: a note is only a saving of time. Not
    fsynced: a note cut off part-way is unreadable JSON, which ``read`` treats as no note."""
    data = {"findings": [[d.line, d.col, d.severity, d.code, d.message, d.hint] for d in findings]}
    here = folder()
    if here is None:
        return
    target = here / f"{name}.json"
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(temp, target)
    except OSError:
        with contextlib.suppress(OSError):
            temp.unlink()
        return
    _prune()


def _prune() -> None:
    """Past MAX_NOTES notes, delete the oldest half (checked once per run)."""
    global _pruned
    if _pruned:
        return
    _pruned = True
    here = folder()
    if here is None:
        return
    try:
        notes = [entry for entry in os.scandir(here) if entry.name.endswith(".json")]
        if len(notes) <= MAX_NOTES:
            return
        notes.sort(key=lambda entry: entry.stat().st_mtime)
        for entry in notes[:len(notes) // 2]:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
    except OSError:
        return


def notes() -> list[Path]:
    """Every note kept now (for "Delete my data")."""
    here = folder()
    try:
        return sorted(p for p in here.glob("*.json") if p.is_file()) if here is not None else []
    except OSError:
        return []
