"""spot-the-signs new: start a new scenario from a small, valid, commented skeleton."""

from __future__ import annotations

import argparse
from pathlib import Path

from game.commands import EXIT_OK, ProblemsFound, UsageError, output_error


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("new", help="start a new scenario file from a working skeleton")
    p.add_argument("id", metavar="ID", help="the new story's id and file name, e.g. leo-and-max")
    p.add_argument("--band", choices=["11-13", "14-16"], default="11-13", help="the age band (default: 11-13)")
    p.add_argument("--dir", metavar="DIR", help="the folder to write into (default: the scenes folder)")


def run(args: argparse.Namespace) -> int:
    import os

    from game.paths import PACKAGE_DIR, project_dir, scenes_dir
    from game.story.load import SHARED_FILES
    from game.story.model import is_id
    from game.story.schema import MODELINE, SCHEMA_FILE
    from game.story.skeleton import skeleton

    sid = args.id
    if not is_id(sid):
        raise UsageError(f"{sid!r} cannot be a story id: use lowercase letters, numbers, - and _ only "
                         "(starting with a letter or number), e.g. leo-and-max")
    if sid in SHARED_FILES:
        raise UsageError(f"{sid!r} is the name of a shared data file ({sid}.yaml): choose another id")
    if args.dir:
        folder = Path(args.dir)
    elif args.scenes:
        folder = Path(args.scenes)
    else:
        folder = scenes_dir()
        if PACKAGE_DIR in folder.parents:  # an installed game: write beside the writer, not into it
            folder = Path("scenes")
    if folder.exists() and not folder.is_dir():
        raise ProblemsFound(f"{folder} is a file, not a folder")
    path = folder / f"{sid}.yaml"
    if path.exists() or (folder / f"{sid}.yml").exists():
        raise UsageError(f"{path} already exists: choose another id, or edit that file")

    schema = project_dir("schema") / Path(SCHEMA_FILE).name
    modeline = MODELINE
    if schema.is_file():
        try:
            relative = Path(os.path.relpath(schema, folder.resolve())).as_posix()
            modeline = f"# yaml-language-server: $schema={relative}"
        except ValueError:  # another drive (Windows): keep the usual ../schema/ path
            pass
    shown = _shown(path)
    text = skeleton(sid, args.band, modeline, shown)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ProblemsFound(f"the folder {folder} could not be made ({exc.strerror or exc})") from None
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as fh:  # "x": never overwrite
            fh.write(text)
    except FileExistsError:
        raise UsageError(f"{path} already exists: choose another id, or edit that file") from None
    except OSError as exc:
        raise ProblemsFound(output_error(path, exc)) from None
    # by id when `play` will find it there (the scenes folder it reads), else by its path
    found_by_id = folder.resolve() == (Path(args.scenes) if args.scenes else scenes_dir()).resolve()
    scenes = f"--scenes {args.scenes} " if args.scenes else ""
    print(f"Wrote {shown} (ages {args.band}). It already passes the checker.")
    print("Next: open it in your editor, change one part at a time, and after each change run")
    print(f"  spot-the-signs check --strict {shown}")
    print(f"Play it: spot-the-signs {scenes}play --text {sid if found_by_id else shown}")
    return EXIT_OK


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)
