"""The pupil's settings: text size, font, spacing, theme, motion, sound and speech.

Kept in the user's config folder (platformdirs), or $SPOT_THE_SIGNS_HOME/config when that is
set (tests, shared classroom machines), as ``settings.json``, written atomically.

Three layers, lowest first: the built-in defaults below, a classroom's defaults (a dict from a
teacher's classroom file), then the pupil's own choices. Only the pupil's own choices are saved
(what differs from the layers below), so a teacher changing a classroom default reaches every
pupil who has not chosen otherwise.

    settings = load_settings(classroom=classroom_defaults)   # never raises for a bad file
    save_settings(replace(settings, theme="dark"), classroom=classroom_defaults)

Every value is checked: numbers are clamped into range, anything of the wrong type or not one of
the allowed choices falls back to the layer below, unknown keys are ignored. A file that cannot
be read at all is moved aside (``settings.corrupt-<time>.json``) and the defaults are used; a file
with values that could not be used is moved aside too and written again without them. Either way
``read_settings`` gives a sentence for the pupil (the window shows it on the title screen).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from datetime import datetime
from pathlib import Path
from typing import Any

from game.atomic import move_aside, write_atomic
from game.paths import config_dir

SETTINGS_FORMAT = 1
SETTINGS_NAME = "settings.json"
MAX_BYTES = 64 * 1024

FONTS = ("atkinson", "opendyslexic", "lexend")
THEMES = ("light", "dark", "contrast")

# field name -> (lowest, highest) for numbers, or the allowed choices for text
RANGES: dict[str, tuple[float, float]] = {
    "text_scale": (1.0, 2.0),
    "line_spacing": (1.0, 2.0),
    "text_speed": (0.0, 120.0),
    "master_volume": (0.0, 1.0),
    "music_volume": (0.0, 1.0),
    "effects_volume": (0.0, 1.0),
    "speech_rate": (0.5, 2.0),
}
CHOICES: dict[str, tuple[str, ...]] = {"font": FONTS, "theme": THEMES}


@dataclass(frozen=True, slots=True)
class Settings:
    """Every field is checked on creation (``replace`` too): out of range is clamped, a wrong
    type or an unknown choice becomes the built-in default."""

    text_scale: float = 1.0  # 1.0-2.0 times the normal text size
    font: str = "atkinson"  # Atkinson Hyperlegible | OpenDyslexic | Lexend
    line_spacing: float = 1.5  # 1.0-2.0 times the font's height
    theme: str = "light"  # light | dark | contrast (high contrast)
    reduced_motion: bool = False  # no slides, fades or shakes; text appears at once
    text_speed: float = 40.0  # characters a second as a line appears; 0 = the whole line at once
    auto_advance: bool = False  # never move on without the pupil
    captions: bool = True  # sounds described in words
    master_volume: float = 0.8  # 0-1
    music_volume: float = 0.6  # 0-1
    effects_volume: float = 0.8  # 0-1
    mute: bool = False
    read_aloud: bool = False  # text to speech of each line
    speech_rate: float = 1.0  # 0.5-2.0 times the voice's normal pace

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            checked = _check(f.name, value, f.default)
            if checked is not value:
                object.__setattr__(self, f.name, checked)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], base: Settings | None = None) -> Settings:
        """``base`` with the valid values of ``data`` on top; unknown keys are ignored."""
        base = base if base is not None else cls()
        merged = asdict(base)
        for f in fields(cls):
            if f.name in data:
                checked = _check(f.name, data[f.name], None)
                if checked is not None:
                    merged[f.name] = checked
        return cls(**merged)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def changes_from(self, base: Settings) -> dict[str, Any]:
        """The fields where this differs from ``base``: what the pupil chose themselves."""
        mine, theirs = asdict(self), asdict(base)
        return {name: value for name, value in mine.items() if theirs[name] != value}


def settings_path() -> Path:
    return config_dir() / SETTINGS_NAME


def layered_defaults(classroom: Mapping[str, Any] | None = None) -> Settings:
    """The built-in defaults with a classroom's defaults on top (checked the same way)."""
    return Settings.from_dict(classroom or {})


SETTINGS_RESET = "Your settings could not be read, so the usual settings are back. You can change them in Settings."
SOME_RESET = ("Some of your settings could not be read, so they are back to how they started. "
              "You can change them in Settings.")


@dataclass(frozen=True, slots=True)
class SettingsRead:
    """What reading the settings file gave: the settings, and a sentence for the pupil (or None)
    when something in the file could not be used (the file was then moved aside)."""

    settings: Settings
    notice: str | None = None
    moved_to: Path | None = None


def load_settings(path: Path | None = None, classroom: Mapping[str, Any] | None = None,
                  now: datetime | None = None) -> Settings:
    """The pupil's settings over the classroom's over the built-in ones. Never raises (see read_settings)."""
    return read_settings(path, classroom, now).settings


def read_settings(path: Path | None = None, classroom: Mapping[str, Any] | None = None,
                  now: datetime | None = None) -> SettingsRead:
    """The pupil's settings over the classroom's over the built-in ones. Never raises.

    A missing file gives the defaults. A file that cannot be read (not JSON, too big, a number
    of hundreds of digits, a pipe or a folder in its place) is moved aside and gives the
    defaults. A file with some values that cannot be used (the wrong kind, out of range) is
    moved aside too, and what could be used is written back without them. Either way ``notice``
    says so, once.
    """
    from game.story.files import FileProblem, read_file
    from game.story.values import load_json

    path = path if path is not None else settings_path()
    base = layered_defaults(classroom)
    when = now or datetime.now()
    try:
        raw = read_file(path, max_bytes=MAX_BYTES, within=path.parent)
        data: Any = load_json(raw)
    except FileNotFoundError:
        return SettingsRead(base)
    except FileProblem:  # too big, or a pipe, folder or link where the file should be
        return SettingsRead(base, SETTINGS_RESET, move_aside(path, when))
    except OSError:  # no permission: nothing to move aside safely, and nothing lost
        return SettingsRead(base, SETTINGS_RESET)
    except ValueError:
        data = None
    if not isinstance(data, dict):
        return SettingsRead(base, SETTINGS_RESET, move_aside(path, when))
    good, wrong = _usable(data)
    settings = Settings.from_dict(good, base)
    if not wrong:
        return SettingsRead(settings)
    aside = move_aside(path, when)
    save_settings(settings, path, classroom)  # what could be used, without what could not
    return SettingsRead(settings, SOME_RESET, aside)


def _usable(data: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The fields of ``data`` that can be used (numbers clamped into range), and the names of
    those that could not be used as they were (the wrong kind, an unknown choice, out of range)."""
    good: dict[str, Any] = {}
    wrong: list[str] = []
    for f in fields(Settings):
        if f.name not in data:
            continue
        value = data[f.name]
        checked = _check(f.name, value, None)
        if checked is not None:
            good[f.name] = checked
        if checked is None or (f.name in RANGES and checked != value):
            wrong.append(f.name)
    return good, wrong


def save_settings(settings: Settings, path: Path | None = None,
                  classroom: Mapping[str, Any] | None = None) -> bool:
    """Save the pupil's own choices (what differs from the classroom and built-in defaults).

    Returns False if the disk refused; the previous file is then unchanged.
    """
    path = path if path is not None else settings_path()
    data = {"format": SETTINGS_FORMAT, **settings.changes_from(layered_defaults(classroom))}
    try:
        write_atomic(path, (json.dumps(data, indent=2) + "\n").encode("utf-8"))
    except OSError:
        return False
    return True


def _check(name: str, value: Any, fallback: Any) -> Any:
    """``value`` made valid for field ``name``, or ``fallback`` if it cannot be."""
    if name in RANGES:
        # an int is never turned into a float before it is in range: 10**400 would overflow
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (
                isinstance(value, float) and not math.isfinite(value)):
            return fallback
        low, high = RANGES[name]
        return float(min(max(value, low), high))
    if name in CHOICES:
        if not isinstance(value, str):
            return fallback
        choice = value.strip().lower()
        return choice if choice in CHOICES[name] else fallback
    return value if isinstance(value, bool) else fallback
