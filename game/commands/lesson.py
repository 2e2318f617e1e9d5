"""spot-the-signs lesson: a printable HTML lesson pack for one scenario, or for all of them."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.commands import EXIT_OK, EXIT_PROBLEMS, UsageError, library, load_story


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("lesson", help="write a printable lesson pack (HTML) for a scenario, or for all of them")
    p.add_argument("scenario", nargs="?", metavar="SCENARIO", help="a scenario id or a file path")
    p.add_argument("--all", action="store_true", help="one pack per scenario, plus index.html, in the folder -o DIR")
    p.add_argument("-o", "--output", required=True, metavar="FILE|DIR",
                   help="the .html file to write (with --all: the folder to write the packs in)")


def run(args: argparse.Namespace) -> int:
    if args.all and args.scenario:
        raise UsageError("give either a SCENARIO or --all, not both")
    if not args.all and not args.scenario:
        raise UsageError("say which scenario to make a lesson pack for, or use --all")
    if args.all:
        return _run_all(args, Path(args.output))
    from game.teacher.lesson import build_pack, render_pack

    out = Path(args.output)
    if out.suffix.lower() not in (".html", ".htm"):
        raise UsageError(f"a lesson pack is written as an .html file; {out.name!r} is not one")
    if not out.parent.is_dir():
        raise UsageError(f"the folder {str(out.parent)!r} does not exist")
    story = load_story(args, args.scenario)
    out.write_text(render_pack(build_pack(story)), encoding="utf-8")
    print(f"wrote {out}")
    return EXIT_OK


def _run_all(args: argparse.Namespace, folder: Path) -> int:
    from game.story.diagnostics import format_text
    from game.teacher.lesson import build_pack, render_index, render_pack

    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{str(folder)!r} is a file; with --all, -o names a folder")
    if not folder.parent.is_dir():
        raise UsageError(f"the folder {str(folder.parent)!r} does not exist")
    lib = library(args)
    folder.mkdir(exist_ok=True)
    written = []
    failed = 0
    for path, result in lib.load_all():
        if result.story is None:
            print(format_text(result.diagnostics), file=sys.stderr)
            print(f"spot-the-signs: {path} has problems, so it has no lesson pack.", file=sys.stderr)
            failed += 1
            continue
        pack = build_pack(result.story)
        name = f"{pack.story.id}.html"
        (folder / name).write_text(render_pack(pack), encoding="utf-8")
        written.append((pack, name))
    (folder / "index.html").write_text(render_index(written), encoding="utf-8")
    print(f"wrote {len(written)} lesson pack{'' if len(written) == 1 else 's'} and index.html to {folder}")
    return EXIT_PROBLEMS if failed else EXIT_OK
