"""spot-the-signs check: every problem in scenario files, each with its line and a hint."""

from __future__ import annotations

import argparse

from game.commands import EXIT_OK, EXIT_PROBLEMS, paths_or_scenes


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="check scenario files and report every problem with its line")
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="files or folders (default: the scenes folder); .md and .txt files get the language rules")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument("--format", choices=["text", "json"], default="text")


def run(args: argparse.Namespace) -> int:
    from game.paths import scenes_dir
    from game.story.check_files import check_paths
    from game.story.diagnostics import format_json, format_text, has_errors, sort_key, summary

    paths = paths_or_scenes(args)
    diags, files = check_paths(paths, fallback_shared=scenes_dir())
    if args.strict:
        diags = [d.promoted() for d in diags]
    if args.format == "json":
        print(format_json(diags))
    else:
        if diags:
            print(format_text(diags))
        print(summary(diags, files))
        if diags:
            first = min(diags, key=sort_key).code
            print(f"What a message means, with an example and the fix: spot-the-signs explain {first}")
    return EXIT_PROBLEMS if has_errors(diags) else EXIT_OK
