"""Checking files and folders: scenarios, the shared data files beside them, and documents
(.md and .txt files given by name, checked against the avoid list of language.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from game.story.diagnostics import Diagnostic
from game.story.files import FileTooBig, read_file
from game.story.library import Library, is_scenario_file, library_display, scenario_files
from game.story.load import load_language, load_model, read_source, unreadable
from game.story.model import HelpFile, LanguageFile, Scenario, SignsFile, SkillsFile, ThemesFile
from game.story.safe_yaml import Limits, Marks
from game.story.source import Source

_SHARED_MODELS = {"signs": SignsFile, "help": HelpFile, "themes": ThemesFile, "language": LanguageFile,
                  "skills": SkillsFile}
DOCUMENT_SUFFIXES = (".md", ".txt")


def check_paths(paths: list[Path], fallback_shared: Path | None = None, limits: Limits = Limits()
                ) -> tuple[list[Diagnostic], int]:
    """Every diagnostic for every file under ``paths``, and how many files were checked."""
    diags: list[Diagnostic] = []
    files = 0
    books: dict[Path, object] = {}  # the avoid list for documents, per folder
    for path in paths:
        if path.is_dir():
            lib = Library(path, fallback_shared, limits, lint=True)
            diags.extend(lib.shared_diagnostics)
            files += sum((path / f"{stem}.yaml").exists() for stem in _SHARED_MODELS)
            scenarios = scenario_files(path)
            checked = lib.map(_checked, scenarios)  # on every core, for a big folder
            for found, _scenario in checked:
                diags.extend(found)
            files += len(scenarios)
            readable = [(_SourceLater(p, limits), scenario)
                        for p, (_found, scenario) in zip(scenarios, checked, strict=True) if scenario is not None]
            diags.extend(_across_the_library(readable, _library_beside(path, fallback_shared, limits)))
            for saved_as_text in sorted(path.glob("*.y*ml.txt")):
                diags.append(_saved_as_text(saved_as_text))
                files += 1
        elif path.stem == "language" and path.suffix in (".yaml", ".yml"):
            _book, problems = load_language(path, limits, self_test=True)
            diags.extend(problems)
            files += 1
        elif path.stem == "classroom" and path.suffix in (".yaml", ".yml"):
            from game.classroom import read_classroom  # a school's classroom file (docs/classroom.md)

            diags.extend(read_classroom(path, lint=True).diagnostics)
            files += 1
        elif path.stem in _SHARED_MODELS and path.suffix in (".yaml", ".yml"):
            _model, problems = load_model(_SHARED_MODELS[path.stem], path, limits)
            diags.extend(problems)
            files += 1
        elif is_scenario_file(path):
            lib = Library(path.parent, fallback_shared, limits, lint=True)
            result = lib.load(path)
            diags.extend(result.diagnostics)
            files += 1
            readable = [(result.source, result.scenario)] if result.source and result.scenario else []
            diags.extend(_across_the_library(readable, _library_beside(path.parent, fallback_shared, limits, path)))
        elif path.suffix.lower() == ".txt" and Path(path.stem).suffix.lower() in (".yaml", ".yml"):
            diags.append(_saved_as_text(path))
            files += 1
        elif path.suffix.lower() in DOCUMENT_SUFFIXES:
            diags.extend(_check_document(path, fallback_shared, limits, books))
            files += 1
        else:
            diags.append(Diagnostic(str(path), None, None, "error", "E000",
                                    "this is not a scenario file", "scenario files end in .yaml; "
                                    "check also reads .md and .txt files for the language rules"))
    return diags, files


def _checked(lib: Library, scenario: Path) -> tuple[list[Diagnostic], Scenario | None]:
    """A story's diagnostics, and what the checks across the library need of it (its Scenario, which
    can travel back from a worker process; its Source cannot, and is read again if needed)."""
    result = lib.load(scenario)
    return result.diagnostics, result.scenario if result.source is not None else None


class _SourceLater:
    """A checked story's Source, read again only when a check across the library has something
    to say about it (it locates the message): the story was checked in another process."""

    def __init__(self, path: Path, limits: Limits) -> None:
        self.path, self.limits, self._source = path, limits, None

    def _read(self) -> Source:
        if self._source is None:
            display = library_display(self.path)
            self._source = read_source(self.path, self.limits, display)[0] or Source(display, "", {}, Marks())
        return self._source

    def diag(self, *args: Any, **kwargs: Any) -> Diagnostic:
        return self._read().diag(*args, **kwargs)

    def text_path(self, *args: Any, **kwargs: Any) -> tuple[Any, ...]:
        return self._read().text_path(*args, **kwargs)


def _across_the_library(checked: list[tuple[Any, Scenario]], others: list[Scenario]) -> list[Diagnostic]:
    """The checks that compare stories (check/library_names.py), for the files that loaded
    (each with its Source, or a _SourceLater). A story in ``others`` with the id of a checked one
    is the same story (a draft of it) and is left out."""
    from game.story.check.library_names import names_across_the_library

    ids = {s.id for _src, s in checked}
    return names_across_the_library(checked, [s for s in others if s.id not in ids])


def _library_beside(folder: Path, library: Path | None, limits: Limits, checked: Path | None = None
                    ) -> list[Scenario]:
    """The stories a checked story joins, read for their names only (quick: no linter): with a file
    (``checked``), the others in its folder; and the library folder's, when it is checked from elsewhere
    (a draft in drafts/ joins scenes/)."""
    folders = [folder] if checked is not None else []
    if library is not None and library.is_dir() and library.resolve() != folder.resolve():
        folders.append(library)
    found: list[Scenario] = []
    for where in folders:
        lib = Library(where, library, limits)
        for path in scenario_files(where):
            if checked is None or path.resolve() != checked.resolve():
                scenario = lib.load(path).scenario
                if scenario is not None:
                    found.append(scenario)
    return found


def _saved_as_text(path: Path) -> Diagnostic:
    """Notepad's "Save as" adds .txt unless "All files" is chosen: the game never sees such a
    story, and checked as a document it would pass."""
    return Diagnostic(str(path), None, None, "error", "E000",
                      f"this file's name ends in {Path(path.stem).suffix}.txt, so it is a text document, not a story",
                      f"rename it to {path.stem} (in Notepad, choose 'All files' as the type when you save)")


def _check_document(path: Path, fallback: Path | None, limits: Limits, books: dict[Path, object]
                    ) -> list[Diagnostic]:
    """A .md or .txt file against the avoid list in language.yaml beside it (else the built-in one)."""
    from game.story import safe_yaml
    from game.story.check.language import check_document

    folder = path.parent
    if folder not in books:
        where = folder / "language.yaml"
        if not where.exists() and fallback is not None:
            where = fallback / "language.yaml"
        books[folder] = load_language(where, limits)[0] if where.exists() else None
    book = books[folder]
    name = str(path)
    try:
        raw = read_file(path, max_bytes=limits.max_bytes, within=path.parent)
    except FileTooBig as exc:
        return [Diagnostic(name, None, None, "error", "E002", str(exc), "check a shorter document, or split it")]
    except OSError as exc:
        return [unreadable(name, exc)]
    text, problems = safe_yaml.decode(raw, name)
    if text is None:
        return problems
    if book is None:
        return [Diagnostic(name, None, None, "error", "E000", "there is no language.yaml to check this file with",
                           "put language.yaml in the scenes folder (see scenes/language.yaml)")]
    return check_document(name, text.removeprefix("\ufeff"), book)  # type: ignore[arg-type]
