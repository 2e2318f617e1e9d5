"""The library index: what `list` and the story picker show of each story in a scenes folder,
kept beside the user's data so that a folder of thousands of stories is not read again each time.

    found = catalogue(folder, fallback)   # every story file in the folder, read only if it changed
    found.stories                         # StoryInfo for each story that loads (id, title, band ...)
    found.broken                          # the files that do not load (`check` says why)
    found.read                            # how many files had to be read this time
    open_story(found.stories[0])          # the Story itself, when it is chosen

One JSON file per scenes folder, in ``<user data>/index/``. Each story's entry is keyed by its
file's name, size and modification time: a file whose size or time changed is read again, a
new one is read, a removed one is dropped. The whole index is thrown away when anything a story's
loading depends on changes: the shared files (signs.yaml, help.yaml, themes.yaml) that would be
used, or the engine's own code. The index is a cache: it is written atomically, read as
untrusted JSON (game/story/values.py), checked field by field, and rebuilt when anything in it
does not fit, so a damaged index costs one slower listing and nothing else.

Reading an unchanged folder imports neither YAML nor pydantic: it costs one ``stat`` a file.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from game.story.folder import SHARED_FILES, is_scenario_name
from game.story.values import clean_text, load_json

INDEX_FORMAT = 1
MAX_INDEX_BYTES = 64 << 20  # ~1 KB a story: room for tens of thousands
_ENGINE = Path(__file__).resolve().parent / "story"


@dataclass(frozen=True, slots=True)
class StoryInfo:
    """What a story shows before it is opened: its card in the picker, its row in `list`."""

    id: str
    title: str
    band: str
    minutes: int
    setting: str
    themes: tuple[str, ...]
    signs: tuple[str, ...]
    pupil_summary: str | None
    content_notes: tuple[str, ...]
    path: Path  # the story's file: load it with game.story.library.Library(...).load(path)


@dataclass(frozen=True, slots=True)
class Catalogue:
    stories: list[StoryInfo]
    broken: list[Path]
    read: int  # files read this time (0 when nothing changed)


@dataclass(frozen=True, slots=True)
class _Entry:
    size: int
    mtime_ns: int
    info: dict[str, Any] | None  # StoryInfo's fields but the path; None: the file does not load


def catalogue(folder: Path, fallback: Path | None = None, index_folder: Path | None = None) -> Catalogue:
    """The stories in ``folder`` (shared files from it, else from ``fallback``), read from the
    index where the files have not changed. Never raises for a bad index; a folder that cannot be
    listed raises OSError as listing it would."""
    folder = Path(folder)
    files = _scan(folder)
    where = _index_path(folder, index_folder)
    stamp = _stamp(folder, fallback)
    known = _read_index(where, stamp)
    stale = [(name, size, mtime_ns) for name, size, mtime_ns in files
             if (e := known.get(name)) is None or (e.size, e.mtime_ns) != (size, mtime_ns)]
    fresh: dict[str, _Entry] = {}
    if stale:
        from game.story.library import Library  # the engine loads only when a file changed

        found = Library(folder, fallback).map(_info_of, [folder / name for name, _size, _time in stale])
        fresh = {name: _Entry(size, mtime_ns, info) for (name, size, mtime_ns), info in zip(stale, found, strict=True)}
    entries = {name: fresh.get(name) or known[name] for name, _size, _time in files}
    read = len(stale)
    if read or set(known) != set(entries):
        _write_index(where, stamp, folder, entries)
    stories = [StoryInfo(**e.info, path=folder / name) for name, e in entries.items() if e.info is not None]
    broken = [folder / name for name, e in entries.items() if e.info is None]
    return Catalogue(stories, broken, read)


def open_story(info: StoryInfo) -> Any:  # -> game.story.story.Story | None
    """The story behind an entry, loaded in full from its file (shared files from its folder,
    else the shipped ones); None if it no longer loads, or is no longer that story."""
    from game.paths import scenes_dir
    from game.story.library import Library

    found = Library(info.path.parent, fallback=scenes_dir()).load(info.path).story
    return found if found is not None and found.id == info.id else None


def _info_of(library: Any, path: Path) -> dict[str, Any] | None:
    """What the index keeps of the story in ``path`` (None when it does not load)."""
    story = library.load(path).story
    return None if story is None else _info(story)


def _info(story: Any) -> dict[str, Any]:
    return {"id": story.id, "title": story.title, "band": story.band, "minutes": story.minutes,
            "setting": story.setting, "themes": tuple(story.themes), "signs": tuple(story.signs),
            "pupil_summary": story.pupil_summary, "content_notes": tuple(story.content_notes)}


def _scan(folder: Path) -> list[tuple[str, int, int]]:
    """(file name, size, modification time) of everything named like a story, in name order. A
    name that cannot be looked at, or is not an ordinary file, gets a size of -1: it is read (and
    fails to load, saying why) each time."""
    found = []
    with os.scandir(folder) as listing:
        for item in listing:
            if not is_scenario_name(item.name):
                continue
            try:
                st = item.stat()  # follows a link, as reading the file would
            except OSError:
                found.append((item.name, -1, -1))
                continue
            if stat.S_ISDIR(st.st_mode):
                continue
            found.append((item.name, st.st_size if stat.S_ISREG(st.st_mode) else -1, st.st_mtime_ns))
    return sorted(found)


def _index_path(folder: Path, index_folder: Path | None) -> Path:
    if index_folder is None:
        from game.paths import user_data_dir

        index_folder = user_data_dir() / "index"
    key = hashlib.sha256(os.fsencode(os.path.abspath(folder))).hexdigest()[:20]
    return index_folder / f"scenes-{key}.json"


def _stamp(folder: Path, fallback: Path | None) -> list[Any]:
    """Everything besides a story's own file that decides whether it loads, and what the index
    holds of it: the index's format, the shared files that would be used, the engine's code."""
    shared = []
    for stem in SHARED_FILES:
        if stem == "language":  # read by the writers' checker only, never by loading
            continue
        path = folder / f"{stem}.yaml"
        if not path.exists() and fallback is not None:
            path = Path(fallback) / f"{stem}.yaml"
        shared.append([str(path), *_size_and_time(path)])
    return [INDEX_FORMAT, shared, _engine_stamp()]


def _engine_stamp() -> str:
    """The engine's own code (game/story/): a new version, or an edited file, is a new stamp."""
    parts = []
    for path in sorted(_ENGINE.rglob("*.py")):
        parts.append(f"{path.relative_to(_ENGINE)}:{':'.join(map(str, _size_and_time(path)))}")
    from game import __version__

    return hashlib.sha256("|".join([__version__, *parts]).encode()).hexdigest()[:20]


def _size_and_time(path: Path) -> tuple[int, int]:
    try:
        st = path.stat()
    except OSError:
        return (-1, -1)
    return (st.st_size, st.st_mtime_ns)


def _read_index(where: Path, stamp: list[Any]) -> dict[str, _Entry]:
    """The entries of the index for this stamp; empty when there is none, or it does not fit."""
    from game.story.files import read_file

    try:
        data = load_json(read_file(where, max_bytes=MAX_INDEX_BYTES, within=where.parent))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("stamp") != stamp or not isinstance(data.get("stories"), dict):
        return {}
    out = {}
    for name, raw in data["stories"].items():
        entry = _checked_entry(name, raw)
        if entry is None:
            return {}  # edited or damaged: read everything again
        out[name] = entry
    return out


_INFO_KEYS = {f.name for f in fields(StoryInfo)} - {"path"}
_TEXTS = ("id", "title", "band", "setting")
_LISTS = ("themes", "signs", "content_notes")


def _checked_entry(name: str, raw: Any) -> _Entry | None:
    """An index entry, every field checked (it is a file on the pupil's computer), or None."""
    if not (isinstance(raw, dict) and is_scenario_name(name)):
        return None
    size, mtime_ns, info = raw.get("size"), raw.get("mtime_ns"), raw.get("info")
    if not (_whole(size) and _whole(mtime_ns)):
        return None
    if info is None:
        return _Entry(size, mtime_ns, None)
    if not isinstance(info, dict) or info.keys() != _INFO_KEYS:
        return None
    if not all(clean_text(info[k]) for k in _TEXTS) or not _whole(info["minutes"]):
        return None
    if not (info["pupil_summary"] is None or clean_text(info["pupil_summary"])):
        return None
    if not all(isinstance(info[k], list) and all(clean_text(v) for v in info[k]) for k in _LISTS):
        return None
    return _Entry(size, mtime_ns, {**info, **{k: tuple(info[k]) for k in _LISTS}})


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _write_index(where: Path, stamp: list[Any], folder: Path, entries: dict[str, _Entry]) -> None:
    import json

    from game.atomic import write_atomic

    data = {"kind": "spot-the-signs library index", "folder": os.path.abspath(folder), "stamp": stamp,
            "stories": {name: {"size": e.size, "mtime_ns": e.mtime_ns, "info": e.info}
                        for name, e in entries.items() if e.size >= 0}}
    with contextlib.suppress(OSError):  # a cache that cannot be written only makes the next listing slower
        write_atomic(where, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def as_rows(stories: Iterable[StoryInfo]) -> list[dict[str, Any]]:
    """The stories as `list --json` prints them."""
    return [{**{k: v for k, v in asdict(s).items() if k in ("id", "title", "band", "minutes", "setting")},
             "signs": list(s.signs), "themes": list(s.themes), "path": str(s.path)} for s in stories]
