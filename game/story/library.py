"""Finding scenarios in a folder and loading them with the shared data beside them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from game.story.diagnostics import Diagnostic
from game.story.load import SHARED_FILES, LoadResult, load_scenario, load_shared
from game.story.safe_yaml import Limits
from game.story.shared import Shared
from game.story.story import Story


def is_scenario_file(path: Path) -> bool:
    return path.suffix in (".yaml", ".yml") and path.stem not in SHARED_FILES and not path.name.startswith(".")


def scenario_files(folder: Path) -> list[Path]:
    """Everything in ``folder`` named like a story, folders aside: a pipe or a link named like one
    is listed too, so that reading it says why it cannot be used (game/story/files.py)."""
    return sorted(p for p in folder.iterdir() if is_scenario_file(p) and not p.is_dir())


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
        return load_scenario(path, self.shared, self.limits, display=_display(path), lint=self.lint)

    def load_all(self) -> list[tuple[Path, LoadResult]]:
        return [(p, self.load(p)) for p in scenario_files(self.folder)]

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


def _display(path: Path) -> str:
    """Paths in messages: relative to the current folder when that is shorter."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
