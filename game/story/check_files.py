"""Checking files and folders: scenarios, the shared data files beside them, and documents
(.md and .txt files given by name, checked against the avoid list of language.yaml)."""

from __future__ import annotations

import os
from pathlib import Path

from game.story.diagnostics import Diagnostic
from game.story.files import FileTooBig, read_file
from game.story.library import Library, is_scenario_file, scenario_files
from game.story.load import load_language, load_model, unreadable
from game.story.model import HelpFile, LanguageFile, SignsFile, ThemesFile
from game.story.safe_yaml import Limits

_SHARED_MODELS = {"signs": SignsFile, "help": HelpFile, "themes": ThemesFile, "language": LanguageFile}
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
            diags.extend(_check_many(lib, scenarios))
            files += len(scenarios)
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
            diags.extend(lib.load(path).diagnostics)
            files += 1
        elif path.suffix.lower() in DOCUMENT_SUFFIXES:
            diags.extend(_check_document(path, fallback_shared, limits, books))
            files += 1
        else:
            diags.append(Diagnostic(str(path), None, None, "error", "E000",
                                    "this is not a scenario file", "scenario files end in .yaml; "
                                    "check also reads .md and .txt files for the language rules"))
    return diags, files


PARALLEL_FROM = 48  # stories in one folder from which checking is shared between processes


def _check_many(lib: Library, scenarios: list[Path]) -> list[Diagnostic]:
    """Every diagnostic for the stories of one folder, in order. A big folder is shared between
    the computer's cores (each process reads the shared files once and checks every n-th story):
    a thousand stories take about half as long on two cores."""
    workers = min(_cores(), 8, len(scenarios) // (PARALLEL_FROM // 2))
    if len(scenarios) < PARALLEL_FROM or workers < 2:
        return [d for scenario in scenarios for d in lib.load(scenario).diagnostics]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork where there is one: the workers start with the shared files already read
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    chunks = [scenarios[i::workers] for i in range(workers)]
    global _WORKER_LIBRARY
    _WORKER_LIBRARY = lib
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method),
                                 initializer=_start_worker, initargs=(lib.folder, lib.fallback, lib.limits)) as pool:
            done = list(pool.map(_check_chunk, chunks))
    except (OSError, RuntimeError, ImportError):  # no processes to be had here: one at a time
        return [d for scenario in scenarios for d in lib.load(scenario).diagnostics]
    finally:
        _WORKER_LIBRARY = None
    by_path = {path: found for chunk, results in zip(chunks, done, strict=True)
               for path, found in zip(chunk, results, strict=True)}
    return [d for scenario in scenarios for d in by_path[scenario]]


_WORKER_LIBRARY: Library | None = None


def _start_worker(folder: Path, fallback: Path | None, limits: Limits) -> None:
    """In a worker: the library of the parent when forked, else read again (spawned)."""
    global _WORKER_LIBRARY
    if _WORKER_LIBRARY is None or _WORKER_LIBRARY.folder != folder:
        _WORKER_LIBRARY = Library(folder, fallback, limits, lint=True)


def _check_chunk(chunk: list[Path]) -> list[list[Diagnostic]]:
    assert _WORKER_LIBRARY is not None
    return [_WORKER_LIBRARY.load(scenario).diagnostics for scenario in chunk]


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


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
