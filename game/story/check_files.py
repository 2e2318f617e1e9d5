"""Checking files and folders: scenarios, the shared data files beside them, and nothing else."""

from __future__ import annotations

from pathlib import Path

from game.story.diagnostics import Diagnostic
from game.story.library import Library, is_scenario_file, scenario_files
from game.story.load import load_model
from game.story.model import HelpFile, SignsFile, ThemesFile
from game.story.safe_yaml import Limits

_SHARED_MODELS = {"signs": SignsFile, "help": HelpFile, "themes": ThemesFile}


def check_paths(paths: list[Path], fallback_shared: Path | None = None, limits: Limits = Limits()
                ) -> tuple[list[Diagnostic], int]:
    """Every diagnostic for every file under ``paths``, and how many files were checked."""
    diags: list[Diagnostic] = []
    files = 0
    for path in paths:
        if path.is_dir():
            lib = Library(path, fallback_shared, limits)
            diags.extend(lib.shared_diagnostics)
            files += sum((path / f"{stem}.yaml").is_file() for stem in _SHARED_MODELS)
            for scenario in scenario_files(path):
                diags.extend(lib.load(scenario).diagnostics)
                files += 1
        elif path.stem in _SHARED_MODELS and path.suffix in (".yaml", ".yml"):
            _model, problems = load_model(_SHARED_MODELS[path.stem], path, limits)
            diags.extend(problems)
            files += 1
        elif is_scenario_file(path):
            lib = Library(path.parent, fallback_shared, limits)
            diags.extend(lib.load(path).diagnostics)
            files += 1
        else:
            diags.append(Diagnostic(str(path), None, None, "error", "E000",
                                    "this is not a scenario file", "scenario files end in .yaml"))
    return diags, files
