"""Finding scenarios in a folder and loading them with the shared data beside them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

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
