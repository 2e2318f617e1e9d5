"""Play as you write: reload a scenario when its file is saved, keeping the player's place.

Two parts, both free of any user interface (the terminal mode uses them now, the window
game will too):

- ``reload(result, previous)`` is the decision, pure apart from building a Playthrough: given
  what loading the file gave (a Story or located diagnostics) and the last playthrough that
  worked, it returns what to show now. Tests call it directly.
- ``FileWatcher`` notices saves with ``watchfiles`` in a background thread and only raises a
  flag (and calls ``on_change``); the interactive loop applies the reload at its next prompt,
  so the story never changes under the player mid-step.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from game.story.diagnostics import Diagnostic
from game.story.load import SHARED_FILES, LoadResult
from game.story.runtime import Playthrough, SaveError
from game.story.story import Story

BROKEN = "The story file has problems, shown above. Fix them and save the file: the story carries on from here."
KEPT = "The story was reloaded. Your place was kept."
FRESH = "The story file works again. The story starts from the beginning."
OTHER_STORY = "The story's id changed, so it starts again from the beginning."


@dataclass(frozen=True, slots=True)
class Reloaded:
    """What to show after a reload: a playthrough of the new story, or the file's problems."""

    story: Story | None
    playthrough: Playthrough | None
    diagnostics: tuple[Diagnostic, ...]
    note: str

    @property
    def ok(self) -> bool:
        return self.playthrough is not None


def reload(result: LoadResult, previous: Playthrough | None,
           start: Callable[[Story], Playthrough] = Playthrough) -> Reloaded:
    """The new state after the file changed.

    ``previous`` is the last playthrough that worked (kept while the file is broken), or
    None when there has not been one yet; then ``start`` makes the first one.
    """
    diagnostics = tuple(result.diagnostics)
    story = result.story
    if story is None:
        return Reloaded(None, None, diagnostics, BROKEN)
    if previous is None:
        return Reloaded(story, start(story), diagnostics, FRESH)
    try:
        pt = Playthrough.from_json(story, previous.to_json())
    except SaveError:
        return Reloaded(story, Playthrough(story, previous.seed, shuffle=previous.shuffle), diagnostics, OTHER_STORY)
    return Reloaded(story, pt, diagnostics, _for_writers(pt.notice) if pt.notice else KEPT)


def _for_writers(notice: str) -> str:
    """The restore notices are worded for a pupil coming back later; here the change is seconds old."""
    return (notice.replace("was updated since you last played", "was reloaded")
            .replace("was changed since you last played", "was reloaded"))


class FileWatcher:
    """Raises a flag when a scenario file (or a shared data file beside it) is saved.

    Watches the folder rather than the file, because many editors save by writing a new
    file and renaming it over the old one.
    """

    def __init__(self, path: str | Path, on_change: Callable[[], None] | None = None) -> None:
        self.path = Path(path).resolve()
        self.on_change = on_change
        self._changed = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> FileWatcher:
        import watchfiles  # noqa: F401  (imported here so a missing package is reported at once)

        self._thread = threading.Thread(target=self._run, name="scenario-watcher", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)

    def take(self) -> bool:
        """True once after each save (several quick saves count as one)."""
        if self._changed.is_set():
            self._changed.clear()
            return True
        return False

    def wait(self, timeout: float) -> bool:
        """Block until a save is noticed or ``timeout`` seconds pass (for tests and simple loops)."""
        return self._changed.wait(timeout)

    def _relevant(self, _change: object, path: str) -> bool:
        p = Path(path)
        return p.name == self.path.name or (p.suffix in (".yaml", ".yml") and p.stem in SHARED_FILES)

    def _run(self) -> None:
        from watchfiles import watch

        for _changes in watch(self.path.parent, watch_filter=self._relevant, stop_event=self._stop,
                              recursive=False, raise_interrupt=False, debounce=400):
            self._changed.set()
            if self.on_change is not None:
                self.on_change()
