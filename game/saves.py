"""The autosave: the one place a pupil can come back to.

One slot, not a history. It holds what resuming needs and nothing else: which story (its id,
file name and where the file is), the Playthrough's own save (game/story/runtime.py) and a
little screen state (``extra``, for example how many lines of the scene were revealed). No
names, no dates, no record of choices beyond the replay the engine needs to resume.

    store = SaveStore()                      # <user data>/saves, or $SPOT_THE_SIGNS_HOME/saves
    store.write(pt, {"revealed": 3})         # after every step; atomic, previous save kept as backup
    result = store.read(library_lookup(library))
    match result:
        case None: ...                       # nothing to resume
        case Resumed(): result.playthrough, result.extra, result.notice
        case Problem(): show result.message  # one plain sentence; the bad file was moved aside

Reading never raises for a bad file. A save that cannot be used (not JSON, the wrong shape, a
newer format, a story that is no longer there, a SaveError from the engine) is renamed
``autosave.corrupt-<time>.json`` (the newest few are kept, for a technician) and the backup is
tried next.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.atomic import move_aside, moved_aside, remove_stale_temps, write_atomic
from game.story.values import preview

if TYPE_CHECKING:  # the engine (and pydantic) load only when a save is read or written:
    # the title screen asks exists() before anything else, and must start fast
    from game.story.library import Library
    from game.story.runtime import Playthrough
    from game.story.story import Story

SAVE_STORE_FORMAT = 1  # the outer file; the Playthrough inside carries its own format
KIND = "spot-the-signs autosave"
SAVE_NAME = "autosave.json"
BACKUP_NAME = "autosave.bak.json"
KEEP_CORRUPT = 3
MAX_BYTES = 1 << 20  # a real save is a few kilobytes
MAX_PATH = 4096  # the longest story path a save may name

COULD_NOT_CONTINUE = "Sorry, your last story could not be continued, so please choose a story to start again."
EARLIER_PLACE = "Your last save could not be read, so you are back a step or two earlier in the story."

_PLAIN_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")


@dataclass(frozen=True, slots=True)
class StoryRef:
    """How a save names its story: the scenario id, the file's stem and the file's full path."""

    id: str
    stem: str | None = None
    path: str | None = None


StoryLookup = Callable[[StoryRef], "Story | None"]


@dataclass(frozen=True, slots=True)
class Resumed:
    """A save that can be continued.

    ``notice``: a sentence to show the pupil, or None: the engine's (the story was edited since)
    and/or that an older copy was used because the latest could not be read.
    """

    playthrough: Playthrough
    extra: dict[str, Any]
    notice: str | None = None
    from_backup: bool = False


@dataclass(frozen=True, slots=True)
class Problem:
    """Nothing could be resumed. ``message`` is for the pupil; ``reasons`` for logs, never the screen."""

    message: str
    reasons: tuple[str, ...] = ()
    moved_to: tuple[Path, ...] = ()


@dataclass(slots=True)
class SaveStore:
    folder: Path | None = None
    now: Callable[[], datetime] = field(default=datetime.now, repr=False)

    def __post_init__(self) -> None:
        if self.folder is None:
            from game.paths import user_data_dir

            self.folder = user_data_dir() / "saves"
        self.folder = Path(self.folder)

    @property
    def path(self) -> Path:
        return self._folder / SAVE_NAME

    @property
    def backup_path(self) -> Path:
        return self._folder / BACKUP_NAME

    @property
    def _folder(self) -> Path:
        assert self.folder is not None
        return self.folder

    # --- writing ---------------------------------------------------------------------------

    def write(self, pt: Playthrough, extra: Mapping[str, Any] | None = None) -> bool:
        """Save ``pt`` as the one place to resume; the previous save becomes the backup.

        Returns False (and leaves the previous save as it was) if the disk refused: an autosave
        that fails must never stop the game. ``extra`` must be JSON data (a TypeError if not).
        """
        story = pt.story
        data = {
            "kind": KIND,
            "save_format": SAVE_STORE_FORMAT,
            "scenario": story.id,
            "stem": Path(story.path).stem,
            "path": _absolute(story.path),
            "playthrough": pt.to_json(),
            "extra": dict(extra or {}),
        }
        encoded = json.dumps(data, ensure_ascii=False, allow_nan=False).encode("utf-8")
        try:
            remove_stale_temps(self.path)
            write_atomic(self.path, encoded, backup=self.backup_path)
        except OSError:
            return False
        return True

    def clear(self) -> None:
        """Forget the place (the story was finished or left): the save and its backup go."""
        for path in (self.path, self.backup_path):
            with contextlib.suppress(OSError):
                path.unlink()
        remove_stale_temps(self.path, older_than=0)

    def set_aside(self) -> list[Path]:
        """Move the save and its backup aside (``autosave.corrupt-<time>.json``): resuming them
        made the game fail, so they must never be offered again; kept for a technician."""
        moved = []
        for path in (self.path, self.backup_path):
            if path.is_file():
                aside = move_aside(path, self.now(), KEEP_CORRUPT)
                if aside is not None:
                    moved.append(aside)
        return moved

    def exists(self) -> bool:
        """Whether there is something to try resuming (it may still turn out unusable)."""
        return self.path.is_file() or self.backup_path.is_file()

    # --- reading ---------------------------------------------------------------------------

    def read(self, lookup: StoryLookup) -> Resumed | Problem | None:
        """The place to resume, None if there is none, or a Problem. Never raises for a bad file.

        ``lookup`` finds the story a save names (see ``library_lookup``), or returns None.
        """
        reasons: list[str] = []
        moved: list[Path] = []
        latest_was_bad = False
        for path, is_backup in ((self.path, False), (self.backup_path, True)):
            try:
                if not path.is_file():
                    continue
            except OSError:
                continue
            outcome = _load(path, lookup)
            if isinstance(outcome, Resumed):
                notices = [EARLIER_PLACE] if latest_was_bad else []
                if outcome.notice:
                    notices.append(outcome.notice)
                return Resumed(outcome.playthrough, outcome.extra, " ".join(notices) or None, is_backup)
            reasons.append(f"{path.name}: {outcome}")
            latest_was_bad = True
            aside = move_aside(path, self.now(), KEEP_CORRUPT)
            if aside is not None:
                moved.append(aside)
        if not reasons:
            return None
        return Problem(COULD_NOT_CONTINUE, tuple(reasons), tuple(moved))

    def corrupt_files(self) -> list[Path]:
        """Saves moved aside, oldest first."""
        return moved_aside(self._folder)


def library_lookup(library: Library) -> StoryLookup:
    """A lookup that finds a saved story in ``library`` by id, then by file name, then by the
    saved path (a story played from its own file); the story found must have the saved id."""
    from game.story.library import is_scenario_file

    def lookup(ref: StoryRef) -> Story | None:
        candidates: list[Path] = []
        for name in (ref.id, ref.stem):
            if name and _PLAIN_NAME.fullmatch(name):  # plain names only: never a path from the save
                found = library.find(name)
                if found is not None:
                    candidates.append(found)
        if ref.path:
            path = Path(ref.path)
            if path.is_absolute() and is_scenario_file(path) and path.is_file():
                candidates.append(path)
        for path in dict.fromkeys(candidates):
            story = library.load(path).story
            if story is not None and story.id == ref.id:
                return story
        return None

    return lookup


# --- internals ---------------------------------------------------------------------------------


def _read(path: Path) -> tuple[Any, str | None]:
    """(the save's data, None), or (None, the reason for logs it cannot be used); never raises.
    Read through game/story/files.py (an ordinary file in the saves folder, bounded) and
    game/story/values.py (no number of thousands of digits, no NaN)."""
    from game.story.files import read_file
    from game.story.values import load_json

    try:
        raw = read_file(path, max_bytes=MAX_BYTES, within=path.parent)
    except OSError as exc:
        return None, f"cannot be read ({exc.strerror or exc})"
    try:
        data = load_json(raw)
    except ValueError:
        return None, "not valid JSON"
    return data, _check_shape(data)


def _load(path: Path, lookup: StoryLookup) -> Resumed | str:
    """A Resumed, or the reason (for logs) this file cannot be used."""
    data, problem = _read(path)
    if problem:
        return problem
    ref = StoryRef(data["scenario"], _text_or_none(data.get("stem")), _text_or_none(data.get("path")))
    extra = _usable_extra(data["extra"])
    # The lookup loads story files and the engine replays the save: whatever goes wrong in
    # either, a bad save must never stop the game, so every error here becomes a reason.
    try:
        story = lookup(ref)
    except Exception as exc:
        return f"the story {preview(ref.id)} could not be loaded ({type(exc).__name__})"
    if story is None:
        return f"the story {preview(ref.id)} is no longer in the library"
    try:
        from game.story.runtime import Playthrough

        pt = Playthrough.from_json(story, data["playthrough"])
    except Exception as exc:
        return f"the engine refused it: {preview(str(exc), 200)}"
    return Resumed(pt, extra, pt.notice)


def _check_shape(data: Any) -> str | None:
    if not isinstance(data, dict) or data.get("kind") != KIND:
        return "not an autosave"
    fmt = data.get("save_format")
    if not isinstance(fmt, int) or isinstance(fmt, bool):
        return "no format version"
    if fmt > SAVE_STORE_FORMAT:
        return f"made by a newer version of the game (format {fmt})"
    if _text_or_none(data.get("scenario")) is None:
        return "no scenario id"
    if not isinstance(data.get("playthrough"), dict):
        return "no playthrough"
    if not isinstance(data.get("extra"), dict):
        return "the screen state is damaged"
    return None


def _text_or_none(value: Any) -> str | None:
    """Plain text of a sensible length (a story id, a file name, a path), or None."""
    from game.story.values import clean_text

    return value if clean_text(value) and 0 < len(value) <= MAX_PATH else None


# The screen state in a save: each key the play screen reads, and what it may be. Anything else,
# or a value that does not fit, is left out (the screen then starts the scene from its top).
EXTRA_FIELDS: dict[str, Callable[[Any], bool]] = {
    "revealed": lambda v: isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 1000,
}


def _usable_extra(extra: Mapping[str, Any]) -> dict[str, Any]:
    return {key: extra[key] for key, fits in EXTRA_FIELDS.items() if key in extra and fits(extra[key])}


def _absolute(path: str) -> str | None:
    try:
        return str(Path(path).resolve())
    except (OSError, RuntimeError):
        return None


def autosave_exists() -> bool:
    """Whether there is a place to continue (cheap: no engine import; an unreadable folder is no)."""
    try:
        return SaveStore().exists()
    except OSError:
        return False


def autosave_story_id() -> str | None:
    """The id of the story the autosave (or its spare copy) is in, read cheaply (no engine
    import); None when neither can be read."""
    store = SaveStore()
    for path in (store.path, store.backup_path):
        data, problem = _read(path)
        if problem is None:
            return data["scenario"]
    return None


def continuable() -> bool:
    """Whether to offer Continue (the title, the crash screen): there is a save, and it is not in
    a story the classroom file now hides from pupils. The save is kept either way: if the
    teacher shows the story again, Continue comes back."""
    if not autosave_exists():
        return False
    from game.classroom_path import classroom_path

    if not classroom_path().exists():  # no file: no need to load the classroom model
        return True
    from game.classroom import current

    story_id = autosave_story_id()
    return story_id is None or current().classroom.allows(story_id)
