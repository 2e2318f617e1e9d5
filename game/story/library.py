"""Finding scenarios in a folder and loading them with the shared data beside them."""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from game.story.diagnostics import Diagnostic
from game.story.folder import is_scenario_file, scenario_files  # noqa: F401 - re-exported
from game.story.load import LoadResult, load_scenario, load_shared
from game.story.safe_yaml import Limits
from game.story.shared import Shared
from game.story.story import Story


@dataclass(slots=True)
class Library:
    """The scenarios in one folder. Shared data comes from that folder, else the built-in one.

    ``lint``: load with the safeguarding linter too (`check`); playing and listing do not.
    """

    folder: Path
    fallback: Path | None = None
    limits: Limits = Limits()
    lint: bool = False
    shared: Shared = field(init=False)
    shared_diagnostics: list[Diagnostic] = field(init=False)

    def __post_init__(self) -> None:
        self.shared, self.shared_diagnostics = load_shared(self.folder, self.fallback, self.limits, self.lint)

    def load(self, path: Path) -> LoadResult:
        return load_scenario(path, self.shared, self.limits, display=library_display(path), lint=self.lint)

    def load_all(self) -> list[tuple[Path, LoadResult]]:
        return [(p, self.load(p)) for p in scenario_files(self.folder)]

    def map(self, each: Callable[[Library, Path], T], paths: list[Path]) -> list[T]:
        """``each(self, path)`` for every path, in order. A long list is shared between the
        computer's cores: each process reads the shared files once (or inherits them) and does
        every n-th path, so a thousand stories take about half as long on two cores. ``each``
        must be a module-level function and its results picklable."""
        workers = min(_cores(), MAX_WORKERS, len(paths) // (PARALLEL_FROM // 2))
        if len(paths) < PARALLEL_FROM or workers < 2:
            return [each(self, path) for path in paths]
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # fork where there is one and nothing else runs in this process (the window has sound and
        # speech threads: a fork would copy their locks as they are): the workers start with this
        # library already read. Else each worker starts afresh and reads it again.
        forkable = "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
        method = "fork" if forkable else "spawn"
        chunks = [paths[i::workers] for i in range(workers)]
        global _WORKER
        _WORKER = self
        # what the workers inherit stays shared: without this the collector's bookkeeping writes
        # to every object it finds, and each page so written is copied into each worker
        gc.freeze()
        try:
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method),
                                     initializer=_start_worker,
                                     initargs=(self.folder, self.fallback, self.limits, self.lint)) as pool:
                done = list(pool.map(_work, [(each, chunk) for chunk in chunks]))
        except (OSError, RuntimeError, ImportError):  # no processes to be had here: one at a time
            return [each(self, path) for path in paths]
        finally:
            _WORKER = None
            gc.unfreeze()
        by_path = {path: result for chunk, results in zip(chunks, done, strict=True)
                   for path, result in zip(chunk, results, strict=True)}
        return [by_path[path] for path in paths]

    def stories(self) -> list[Story]:
        return [r.story for _, r in self.load_all() if r.story is not None]

    def find(self, name: str) -> Path | None:
        """A scenario by id (in this folder) or by path."""
        as_path = Path(name)
        if as_path.suffix in (".yaml", ".yml") or len(as_path.parts) > 1:
            return as_path if as_path.is_file() else None
        for candidate in (self.folder / f"{name}.yaml", self.folder / f"{name}.yml"):
            if candidate.is_file():
                return candidate
        return None


PARALLEL_FROM = 48  # paths in one call of Library.map from which the work is shared between processes
MAX_WORKERS = 8
T = TypeVar("T")
_WORKER: Library | None = None  # in a worker process: the library it works for


def _start_worker(folder: Path, fallback: Path | None, limits: Limits, lint: bool) -> None:
    global _WORKER
    if _WORKER is None:  # spawned, not forked: the shared files are read again in this process
        _WORKER = Library(folder, fallback, limits, lint)


def _work(job: tuple[Callable[[Library, Path], T], list[Path]]) -> list[T]:
    each, chunk = job
    assert _WORKER is not None
    return [each(_WORKER, path) for path in chunk]


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def library_display(path: Path) -> str:
    """Paths in messages: relative to the current folder when that is shorter."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
