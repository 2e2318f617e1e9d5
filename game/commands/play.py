"""spot-the-signs play: play a scenario (the terminal mode until the window game arrives)."""

from __future__ import annotations

import argparse

from game.commands import EXIT_OK, UsageError, library, load_story


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("play", help="play a scenario")
    p.add_argument("scenario", nargs="?", metavar="SCENARIO", help="a scenario id or a file path")
    p.add_argument("--text", action="store_true", help="play in the terminal")
    p.add_argument("--auto", choices=["first", "random"], help="play by itself and print the transcript")
    p.add_argument("--seed", type=int, default=0, help="the random seed for --auto random")


def run(args: argparse.Namespace) -> int:
    from game.textplay import play_auto, play_interactive

    if args.scenario is None:
        if args.auto:
            raise UsageError("--auto needs a SCENARIO to play")
        story = _pick_in_terminal(args)
        if story is None:
            return EXIT_OK
    else:
        story = load_story(args, args.scenario)
    if args.auto:
        return play_auto(story, args.auto, args.seed, print)
    # The window arrives with its own issue; until then every play is the terminal mode.
    return play_interactive(story, input, print)


def _pick_in_terminal(args: argparse.Namespace):
    stories = library(args).stories()
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
