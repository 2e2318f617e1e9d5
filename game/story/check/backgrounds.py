"""W059: every scene background names a picture that exists in art/backgrounds/.

A background is a plain name (E015 refuses anything else: folders, '..', absolute paths,
drive letters, URLs), looked up only as art/backgrounds/<name>.svg. The resolved file must
still be inside that folder (a symbolic link out of it does not count), so a scenario can
never make the game read a file anywhere else.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from game.story.check.context import Context
from game.story.diagnostics import Diagnostic
from game.story.files import is_readable_file
from game.story.model import is_id

SUFFIX = ".svg"


def backgrounds_dir() -> Path:
    from game import paths  # looked up when called, so tests can point it at a folder of their own

    return paths.art_dir() / "backgrounds"


def background_file(folder: Path, name: str) -> Path | None:
    """art/backgrounds/<name>.svg when ``name`` is plain and the file is really in the folder, else None."""
    if not is_id(name):
        return None
    path = folder / f"{name}{SUFFIX}"
    return path if is_readable_file(path, within=folder) else None  # what the window would open


def available_backgrounds(folder: Path) -> list[str]:
    try:
        return sorted(p.stem for p in folder.iterdir() if p.suffix == SUFFIX and is_id(p.stem))
    except OSError:
        return []


def backgrounds_exist(ctx: Context) -> Iterator[Diagnostic]:
    wanted = [(sid, s.background) for sid, s in ctx.scenario.scenes.items()
              if s.background is not None and is_id(s.background)]  # E015 reports the rest
    if not wanted:
        return
    folder = backgrounds_dir()
    known: list[str] | None = None
    found = {name: background_file(folder, name) is not None for name in {name for _sid, name in wanted}}
    for sid, name in wanted:
        if found[name]:
            continue
        if known is None:
            known = available_backgrounds(folder)
        hint = ctx.did_you_mean(name, known) if known else None
        if hint is None:
            hint = ("the backgrounds are: " + ", ".join(known)) if known else \
                f"there are no pictures in {folder} yet"
        yield ctx.src.diag(("scenes", sid, "background"), "W059",
                           f"there is no background called {name!r} (art/backgrounds/{name}{SUFFIX})", hint,
                           severity="warning")


BACKGROUND_RULES = (backgrounds_exist,)
