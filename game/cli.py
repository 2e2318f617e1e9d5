"""The command line: builds the parser from game/commands/ and runs one command.

Bad input gets one clear sentence and a non-zero exit (1 for problems in the input,
2 for a mistake in how the command was called), never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from game import __version__
from game.commands import COMMANDS, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, ProblemsFound, UsageError

# A module a command needs, by the name its package is installed under (where they differ).
PACKAGES = {"re2": "google-re2", "yaml": "PyYAML", "pygame": "pygame-ce", "fontTools": "fonttools",
            "jinja2": "Jinja2"}


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="spot-the-signs",
        description="Spot the Signs: branching stories for PSHE lessons about the warning signs of grooming.",
    )
    p.add_argument("--version", action="version", version=f"spot-the-signs {__version__}")
    p.add_argument("--scenes", metavar="DIR", help="use the scenarios in DIR instead of the built-in ones")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"game.commands.{name}").register(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = _parser()
    args = parser.parse_args(argv)  # argparse prints its own one-line error and exits 2
    if args.command is None:
        args = parser.parse_args([*argv, "play"])
    command = importlib.import_module(f"game.commands.{args.command}")
    try:
        return command.run(args)
    except UsageError as exc:
        print(f"spot-the-signs: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ProblemsFound as exc:
        print(f"spot-the-signs: {exc}.", file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        return EXIT_PROBLEMS
    except BrokenPipeError:  # e.g. `spot-the-signs list | head`
        return EXIT_OK
    except ModuleNotFoundError as exc:  # run from a Python the game was not installed into
        top = (exc.name or "").split(".")[0]
        if not top or top == "game":
            raise
        print(f"spot-the-signs: this needs the package {PACKAGES.get(top, top)}, which this Python does not have. "
              "Install the game as the README says (pip install -e .), then run it from there.", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
