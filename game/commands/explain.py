"""spot-the-signs explain CODE: what a message's code means, with an example and the fix."""

from __future__ import annotations

import argparse

from game.commands import EXIT_OK, UsageError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("explain", help="what a message's code means, with an example and the fix (e.g. E024)")
    p.add_argument("code", nargs="?", metavar="CODE",
                   help="a code from check's messages, such as E024 (with none: every code, with its title)")


def run(args: argparse.Namespace) -> int:
    from game import code_pages

    if args.code is None:
        for code, title in code_pages.titles():
            print(f"{code}  {title}")
        print("\nFor one of them: spot-the-signs explain E024 (any code above).")
        return EXIT_OK
    code = code_pages.normalise(args.code)
    path = code_pages.page(code) if code else None
    if path is None:
        raise UsageError(f"{args.code!r} is not a code the checker gives: codes look like E024 or W053 "
                         "(run 'spot-the-signs explain' to list them)")
    print(code_pages.for_terminal(path.read_text(encoding="utf-8")), end="")
    return EXIT_OK
