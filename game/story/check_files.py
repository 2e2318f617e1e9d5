"""Checking files and folders: scenarios, the shared data files beside them, and documents
(.md and .txt files given by name, checked against the avoid list of language.yaml)."""

from __future__ import annotations

from pathlib import Path

from game.story.diagnostics import Diagnostic
from game.story.library import Library, is_scenario_file, scenario_files
from game.story.load import LoadResult, load_language, load_model
from game.story.model import HelpFile, LanguageFile, Scenario, SignsFile, SkillsFile, ThemesFile
from game.story.safe_yaml import Limits

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
            files += sum((path / f"{stem}.yaml").is_file() for stem in _SHARED_MODELS)
            loaded = [result for _p, result in lib.load_all()]
            for result in loaded:
                diags.extend(result.diagnostics)
                files += 1
            diags.extend(_across_the_library(loaded, _library_beside(path, fallback_shared, limits)))
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
            diags.extend(_across_the_library([result], _library_beside(path.parent, fallback_shared, limits, path)))
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


def _across_the_library(checked: list[LoadResult], others: list[Scenario]) -> list[Diagnostic]:
    """The checks that compare stories (check/library_names.py), for the files that loaded.
    A story in ``others`` with the id of a checked one is the same story (a draft of it) and is left out."""
    from game.story.check.library_names import names_across_the_library

    readable = [(r.source, r.scenario) for r in checked if r.source is not None and r.scenario is not None]
    ids = {s.id for _src, s in readable}
    return names_across_the_library(readable, [s for s in others if s.id not in ids])  # type: ignore[arg-type]


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
        raw = path.read_bytes()
    except OSError as exc:
        return [Diagnostic(name, None, None, "error", "E000", f"cannot read the file: {exc.strerror or exc}",
                           "check the file name and that it is not open elsewhere")]
    text, problems = safe_yaml.decode(raw, name)
    if text is None:
        return problems
    if book is None:
        return [Diagnostic(name, None, None, "error", "E000", "there is no language.yaml to check this file with",
                           "put language.yaml in the scenes folder (see scenes/language.yaml)")]
    return check_document(name, text.removeprefix("\ufeff"), book)  # type: ignore[arg-type]
