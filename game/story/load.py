"""Loading untrusted scenario files: text → diagnostics, or a checked, compiled Story.

    raw bytes ─ size, UTF-8, control characters
              ─ safe_yaml.parse (depth, aliases, tags, duplicate keys, one document)
              ─ pydantic model (shape, types, unknown keys)
              ─ check rules (references, conditions, graph, metadata)
              ─ compile_story

Nothing here raises for bad input or prints; every problem is a located Diagnostic, and
all the problems of a stage are reported together.
"""

from __future__ import annotations

import os
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from pydantic import BaseModel

from game.story import safe_yaml
from game.story.check import Context, run_checks, run_story_checks
from game.story.diagnostics import Diagnostic, has_errors
from game.story.files import FileProblem, FileTooBig, LinkOut, read_file
from game.story.model import HelpFile, LanguageFile, Scenario, SignsFile, SkillsFile, ThemesFile
from game.story.safe_yaml import Limits
from game.story.shared import SHARED_FILES as SHARED_FILES  # re-exported: library, watch and new read it here
from game.story.shared import Shared
from game.story.source import Source
from game.story.story import Story, compile_story
from game.story.validate import validate

if TYPE_CHECKING:
    from game.story.phrasebook import Phrasebook

M = TypeVar("M", bound=BaseModel)


@dataclass(slots=True)
class LoadResult:
    story: Story | None
    diagnostics: list[Diagnostic]
    # the file as read and validated, for checks across the library (check/library.py)
    source: Source | None = None
    scenario: Scenario | None = None

    @property
    def ok(self) -> bool:
        return self.story is not None


def read_source(path: str | os.PathLike[str], limits: Limits, display: str | None = None, *,
                confine: bool = True, partial: bool = False) -> tuple[Source | None, bytes, list[Diagnostic]]:
    """Read and parse a file safely; a Source when it parsed, else the reasons why not.

    Read only through game/story/files.py: an ordinary file, not over the size limit, and (with
    ``confine``) inside the folder it is in, so a link out of the scenes folder is never
    followed. ``partial``: see parse_bytes."""
    name = display or str(path)
    folder = Path(path).parent if confine else None
    try:
        raw = read_file(path, max_bytes=limits.max_bytes, within=folder)
    except FileTooBig as exc:
        return None, b"", [_too_big(name, exc.size, limits)]
    except OSError as exc:
        return None, b"", [unreadable(name, exc)]
    src, diags = parse_bytes(raw, name, limits, partial)
    return src, raw, diags


def unreadable(name: str, exc: OSError) -> Diagnostic:
    """E000 for a file that could not be opened: missing, no permission, a folder, a pipe, a link out."""
    if isinstance(exc, FileProblem):
        reason = str(exc)
        hint = ("copy the file into the folder instead of linking to it" if isinstance(exc, LinkOut)
                else "only ordinary files are read: move this out of the folder, or rename it")
    else:
        reason = exc.strerror or str(exc)
        hint = "check the file name and that it is not open elsewhere"
    return Diagnostic(name, None, None, "error", "E000", f"cannot read the file: {reason}", hint)


def parse_bytes(raw: bytes, name: str, limits: Limits, partial: bool = False
                ) -> tuple[Source | None, list[Diagnostic]]:
    """The parsed file, or None and why not. ``partial``: when YAML could read the file but some
    values were refused (a number too big, a control character written as an escape), give the
    rest of it too, those values left out (the classroom file uses what it can; a story does not)."""
    if len(raw) > limits.max_bytes:
        return None, [_too_big(name, len(raw), limits)]
    text, diags = safe_yaml.decode(raw, name)
    if text is None:
        return None, diags
    diags = safe_yaml.control_characters(text, name)
    if diags:
        return None, diags
    parsed = safe_yaml.parse(text, name, limits)
    if not parsed.ok and not (partial and parsed.data is not None):
        return None, parsed.diagnostics
    return Source(name, text, parsed.data, parsed.marks), parsed.diagnostics


def _too_big(name: str, size: int, limits: Limits) -> Diagnostic:
    return Diagnostic(name, None, None, "error", "E002",
                      f"the file is {size:,} bytes; the limit is {limits.max_bytes:,}",
                      "split the story into more than one scenario")


def load_model(model: type[M], path: str | os.PathLike[str], limits: Limits = Limits(),
               display: str | None = None) -> tuple[M | None, list[Diagnostic]]:
    """Load any of the project's YAML files (scenarios, signs, help, themes) into its model."""
    src, _raw, diags = read_source(path, limits, display)
    if src is None:
        return None, diags
    value, problems = validate(model, src)
    return value, diags + problems


def load_shared(folder: str | os.PathLike[str], fallback: str | os.PathLike[str] | None = None,
                limits: Limits = Limits(), lint: bool = False) -> tuple[Shared, list[Diagnostic]]:
    """signs.yaml, help.yaml, themes.yaml, skills.yaml and (for the linter) language.yaml from
    ``folder``, each falling back to ``fallback``."""
    diags: list[Diagnostic] = []
    found: dict[str, BaseModel | None] = {}
    for stem, model in (("signs", SignsFile), ("help", HelpFile), ("themes", ThemesFile), ("skills", SkillsFile)):
        path = Path(folder) / f"{stem}.yaml"
        if not path.exists() and fallback is not None:
            path = Path(fallback) / f"{stem}.yaml"
        if not path.exists():
            found[stem] = None
            continue
        value, problems = load_model(model, path, limits)
        diags.extend(problems)
        found[stem] = value
    signs = found["signs"]
    themes = found["themes"]
    skills = found["skills"]
    language = None
    path = Path(folder) / "language.yaml"
    if not path.exists() and fallback is not None:
        path = Path(fallback) / "language.yaml"
    if lint and path.exists():
        language, problems = load_language(path, limits)
        diags.extend(problems)
    return Shared(
        signs=dict(signs.signs) if isinstance(signs, SignsFile) else {},
        help=found["help"] if isinstance(found["help"], HelpFile) else None,
        themes=dict(themes.themes) if isinstance(themes, ThemesFile) else {},
        language=language,
        skills=dict(skills.skills) if isinstance(skills, SkillsFile) else {},
    ), diags


def load_language(path: str | os.PathLike[str], limits: Limits = Limits(), display: str | None = None,
                  self_test: bool = False) -> tuple[Phrasebook | None, list[Diagnostic]]:
    """language.yaml, its patterns read: a pattern that cannot be read is a located E043.
    ``self_test``: also try every entry on its own examples (W043; slower, for `check language.yaml`)."""
    from game.story import phrasebook  # only the linter needs it: playing and listing never load it

    src, _raw, diags = read_source(path, limits, display)
    if src is None:
        return None, diags
    value, problems = validate(LanguageFile, src)
    if value is None:
        return None, diags + problems
    book, problems = phrasebook.build(value, src)
    if self_test:
        problems += phrasebook.self_test(value, book, src)
    return book, diags + problems


def load_scenario(path: str | os.PathLike[str], shared: Shared, limits: Limits = Limits(),
                  display: str | None = None, lint: bool = False) -> LoadResult:
    """``lint``: also run the safeguarding linter (see check/__init__.py); `check` does."""
    src, raw, diags = read_source(path, limits, display)
    if src is None:
        return LoadResult(None, diags)
    return _finish(src, raw, Path(path).stem, shared, limits, diags, lint)


def load_text(text: str | bytes, name: str, shared: Shared, limits: Limits = Limits(),
              lint: bool = False) -> LoadResult:
    """The same as load_scenario, for text held in memory (tests, tools, benchmarks)."""
    raw = text.encode("utf-8") if isinstance(text, str) else text
    src, diags = parse_bytes(raw, name, limits)
    if src is None:
        return LoadResult(None, diags)
    return _finish(src, raw, Path(name).stem, shared, limits, diags, lint)


def _finish(src: Source, raw: bytes, stem: str, shared: Shared, limits: Limits,
            diags: list[Diagnostic], lint: bool) -> LoadResult:
    scenario, problems = validate(Scenario, src)
    diags = diags + problems
    if scenario is None:
        return LoadResult(None, diags)
    ctx = Context(src, scenario, shared, limits, stem)
    diags += run_checks(ctx, lint)
    if has_errors(diags):
        return LoadResult(None, diags, src, scenario)
    # Only "has this file changed since the save?": a checksum and the length do (and zlib
    # imports in a fraction of hashlib's time, which every command pays).
    fingerprint = f"{zlib.crc32(raw):08x}-{len(raw):x}"
    story = compile_story(scenario, shared, src.path, fingerprint)
    if lint:
        # The route rules follow the compiled story through every state a pupil can reach;
        # a story in which a pupil could be trapped (E050) fails the check.
        diags += run_story_checks(ctx, story)
        if has_errors(diags):
            return LoadResult(None, diags, src, scenario)
    return LoadResult(story, diags, src, scenario)
