"""spot-the-signs coverage: which signs and themes each scenario covers, and what the library lacks."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.commands import EXIT_OK, EXIT_PROBLEMS, check_output, paths_or_scenes, write_output


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("coverage", help="which signs and themes the scenarios cover (and on how many routes)")
    p.add_argument("paths", nargs="*", metavar="PATH", help="scenario files or folders (default: the scenes folder)")
    p.add_argument("--format", choices=["text", "json", "md"], default="text",
                   help="md is the page docs/coverage.md")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of printing")
    p.add_argument("--check", metavar="FILE",
                   help="fail when FILE (e.g. docs/coverage.md) differs from what --format md makes now")
    p.add_argument("--strict", action="store_true", help="fail when a library rule is not met")


def run(args: argparse.Namespace) -> int:
    from game.paths import scenes_dir
    from game.story.coverage import library_coverage, to_json, to_markdown, to_text
    from game.story.explore import explore
    from game.story.library import Library, scenario_files

    paths = paths_or_scenes(args)
    if args.output and not args.check:
        check_output(Path(args.output), "coverage.md")
    items, broken, shared = [], [], None
    for path in paths:
        lib = Library(path if path.is_dir() else path.parent, fallback=scenes_dir())
        shared = shared or lib.shared
        for file in scenario_files(path) if path.is_dir() else [path]:
            story = lib.load(file).story
            if story is None:
                broken.append(str(file))
            else:
                items.append((story, explore(story)))
    assert shared is not None
    cov = library_coverage(items, shared)

    if args.check:
        expected = Path(args.check)
        current = expected.read_text(encoding="utf-8") if expected.is_file() else None
        if current != to_markdown(cov):
            again = " ".join(["spot-the-signs", *(["--scenes", args.scenes] if args.scenes else []), "coverage",
                              *args.paths, "--format", "md", "-o", str(expected)])
            print(f"spot-the-signs: {expected} is out of date; make it again with: {again}", file=sys.stderr)
            return EXIT_PROBLEMS
        print(f"{expected} is up to date.")
    else:
        if args.format == "json":
            import json

            text = json.dumps(to_json(cov), indent=2, ensure_ascii=False) + "\n"
        elif args.format == "md":
            text = to_markdown(cov)
        else:
            text = to_text(cov) + "\n"
        if args.output:
            write_output(Path(args.output), text)
        else:
            sys.stdout.write(text)
    if broken:
        print(f"spot-the-signs: {len(broken)} scenario file{'s' if len(broken) != 1 else ''} could not be loaded "
              f"and {'are' if len(broken) != 1 else 'is'} left out ({', '.join(broken)}); "
              "run 'spot-the-signs check' to see why.", file=sys.stderr)
        return EXIT_PROBLEMS
    if args.strict and not all(r.met for r in cov.rules()):
        return EXIT_PROBLEMS
    return EXIT_OK
