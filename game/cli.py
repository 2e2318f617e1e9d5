"""The command line: argument parsing and one small function per sub-command.

Commands that never open a window (list, check, play --text) import nothing from pygame,
so they start fast. Bad input gets one clear sentence and a non-zero exit, not a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from game import __version__

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A mistake in how a command was called: reported in one sentence, exit 2."""


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="spot-the-signs",
        description="Spot the Signs: branching stories for PSHE lessons about the warning signs of grooming.",
    )
    p.add_argument("--version", action="version", version=f"spot-the-signs {__version__}")
    p.add_argument("--scenes", metavar="DIR", help="use the scenarios in DIR instead of the built-in ones")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    ls = sub.add_parser("list", help="list the scenarios")
    ls.add_argument("--json", action="store_true", help="print a JSON array")
    ls.add_argument("--band", choices=["11-13", "14-16"], help="only this age band")

    ck = sub.add_parser("check", help="check scenario files and report every problem with its line")
    ck.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the scenes folder)")
    ck.add_argument("--strict", action="store_true", help="treat warnings as errors")
    ck.add_argument("--format", choices=["text", "json"], default="text")

    pl = sub.add_parser("play", help="play a scenario")
    pl.add_argument("scenario", nargs="?", metavar="SCENARIO", help="a scenario id or a file path")
    pl.add_argument("--text", action="store_true", help="play in the terminal")
    pl.add_argument("--auto", choices=["first", "random"], help="play by itself and print the transcript")
    pl.add_argument("--seed", type=int, default=0, help="the random seed for --auto random")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)  # argparse prints its own one-line error and exits 2
    if args.command is None:
        args = parser.parse_args([*(argv or []), "play"])
    try:
        return _COMMANDS[args.command](args)
    except UsageError as exc:
        print(f"spot-the-signs: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_PROBLEMS
    except BrokenPipeError:  # e.g. `spot-the-signs list | head`
        return EXIT_OK


def _scenes_folder(args: argparse.Namespace) -> Path:
    from game.paths import scenes_dir

    folder = Path(args.scenes) if args.scenes else scenes_dir()
    if not folder.is_dir():
        raise UsageError(f"the scenes folder {str(folder)!r} does not exist")
    return folder


def _library(args: argparse.Namespace):  # -> Library; imported lazily to keep --help fast
    from game.paths import scenes_dir
    from game.story.library import Library

    return Library(_scenes_folder(args), fallback=scenes_dir())


def cmd_list(args: argparse.Namespace) -> int:
    lib = _library(args)
    rows = []
    broken = 0
    for path, result in lib.load_all():
        story = result.story
        if story is None:
            broken += 1
            continue
        if args.band and story.band != args.band:
            continue
        rows.append({"id": story.id, "title": story.title, "band": story.band, "minutes": story.minutes,
                     "setting": story.setting, "signs": list(story.signs), "path": str(path)})
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        if not rows:
            print("No scenarios found.")
        width = max((len(r["id"]) for r in rows), default=2)
        for r in rows:
            print(f"{r['id']:<{width}}  {r['band']}  {r['minutes']:>3} min  {r['title']}  "
                  f"({len(r['signs'])} signs: {', '.join(r['signs'])})")
    if broken:
        print(f"{broken} scenario file{'s' if broken != 1 else ''} could not be loaded; "
              "run 'spot-the-signs check' to see why.", file=sys.stderr)
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from game.story.check_files import check_paths
    from game.story.diagnostics import format_json, format_text, has_errors, summary

    folder = _scenes_folder(args)
    paths = [Path(p) for p in args.paths] or [folder]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise UsageError(f"no such file or folder: {missing[0]}")
    diags, files = check_paths(paths, fallback_shared=folder)
    if args.strict:
        diags = [d.promoted() for d in diags]
    if args.format == "json":
        print(format_json(diags))
    else:
        if diags:
            print(format_text(diags))
        print(summary(diags, files))
    return EXIT_PROBLEMS if has_errors(diags) else EXIT_OK


def cmd_play(args: argparse.Namespace) -> int:
    from game.story.diagnostics import format_text
    from game.textplay import play_auto, play_interactive

    lib = _library(args)
    if args.scenario is None:
        if args.auto:
            raise UsageError("--auto needs a SCENARIO to play")
        story = _pick_in_terminal(lib)
        if story is None:
            return EXIT_OK
    else:
        path = lib.find(args.scenario)
        if path is None:
            known = ", ".join(p.stem for p in _scenario_paths(lib)) or "none"
            raise UsageError(f"there is no scenario called {args.scenario!r} (known: {known})")
        result = lib.load(path)
        if result.story is None:
            print(format_text(result.diagnostics), file=sys.stderr)
            print(f"spot-the-signs: {path} has problems, so it cannot be played yet.", file=sys.stderr)
            return EXIT_PROBLEMS
        story = result.story
    if args.auto:
        return play_auto(story, args.auto, args.seed, print)
    # The window arrives with its own issue; until then every play is the terminal mode.
    return play_interactive(story, input, print)


def _scenario_paths(lib) -> list[Path]:
    from game.story.library import scenario_files

    return scenario_files(lib.folder)


def _pick_in_terminal(lib):
    stories = lib.stories()
    if not stories:
        raise UsageError("there are no playable scenarios in the scenes folder")
    print("Spot the Signs: choose a story.\n")
    for i, s in enumerate(stories, 1):
        print(f"  {i}) {s.title}  (ages {s.band}, about {s.minutes} minutes)")
        if s.pupil_summary:
            print(f"     {s.pupil_summary}")
    while True:
        try:
            answer = input(f"\nType a number from 1 to {len(stories)}, or q to quit.\n> ").strip().lower()
        except (EOFError, KeyboardInterrupt):
            return None
        if answer == "q":
            return None
        if answer.isdigit() and 1 <= int(answer) <= len(stories):
            print()
            return stories[int(answer) - 1]
        print("Sorry, I didn't understand that.")


_COMMANDS = {"list": cmd_list, "check": cmd_check, "play": cmd_play}


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
