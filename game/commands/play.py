"""spot-the-signs play: play a scenario in the window, or in the terminal with --text."""

from __future__ import annotations

import argparse

from game.commands import EXIT_OK, UsageError, library, load_story, scenes_folder


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("play", help="play a scenario")
    p.add_argument("scenario", nargs="?", metavar="SCENARIO",
                   help="a scenario id or a file path (without one, the window opens on the title)")
    p.add_argument("--text", action="store_true", help="play in the terminal instead of the window")
    p.add_argument("--fullscreen", action="store_true", help="the window fills the screen (F11 switches back)")
    p.add_argument("--size", metavar="WxH", help="the window's size in pixels, at least 1024x600 (default 1280x720)")
    p.add_argument("--auto", choices=["first", "random"],
                   help="play by itself in the terminal and print the transcript")
    p.add_argument("--seed", type=_seed, default=0, help="the random seed for --auto random")
    p.add_argument("--from", dest="start", metavar="SCENE",
                   help="start at this scene or ending (writers: try one part quickly)")
    p.add_argument("--set", dest="settings", action="append", default=[], metavar="NAME=VALUE",
                   help="start with a flag or counter set, e.g. --set asked=true --set trust=2")
    p.add_argument("--present", action="store_true",
                   help="presenter mode for the whole class: large text, a class vote at each choice, "
                        "discussion pauses, nothing saved")
    p.add_argument("--classroom", metavar="FILE",
                   help="the classroom file to use (default: classroom.yaml in the settings folder; see "
                        "docs/classroom.md)")
    p.add_argument("--watch", action="store_true",
                   help="reload the story each time its file is saved, keeping your place (writers)")
    # For tests and bench/frame.py: draw the first frame and close; or idle, then report CPU and memory.
    p.add_argument("--exit-after-first-frame", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--bench-idle", type=float, metavar="SECONDS", help=argparse.SUPPRESS)


def _seed(text: str) -> int:
    """--seed: a whole number of up to 18 digits (one sentence, never the whole text, if not)."""
    digits = text.strip().removeprefix("-")
    if not (digits.isascii() and digits.isdigit() and len(digits) <= 18):
        from game.story.values import preview

        raise argparse.ArgumentTypeError(f"--seed needs a whole number of up to 18 digits, not {preview(text)}")
    return int(text)


def run(args: argparse.Namespace) -> int:
    if args.classroom:
        _use_classroom(args.classroom)
    terminal = args.text or args.auto  # --auto only makes sense in the terminal
    if not terminal:
        return _window(args)
    if args.size or args.fullscreen or args.present:
        raise UsageError("--size, --fullscreen and --present are for the window: leave out --text to use them")

    from game.textplay import play_auto, play_interactive

    if args.watch:
        return _watch(args)
    if args.scenario is None:
        if args.auto:
            raise UsageError("--auto needs a SCENARIO to play")
        _need_scenario_for_origin(args)
        story = _pick_in_terminal(args)
        if story is None:
            return EXIT_OK
    else:
        story = load_story(args, args.scenario)
    origin = _origin(story, args.start, args.settings)
    if args.auto:
        return play_auto(story, args.auto, args.seed, print, origin)
    return play_interactive(story, input, print, origin)


def _use_classroom(name: str) -> None:
    """--classroom FILE: the classroom file for this run. A missing or faulty file never stops the
    game: what is wrong goes to stderr (for whoever deployed it) and the game starts anyway."""
    import sys

    from game.classroom import read_classroom, use_file
    from game.story.diagnostics import format_text

    path = use_file(name)
    if not path.exists():
        print(f"spot-the-signs: the classroom file {path} does not exist yet, so the built-in settings are "
              "used (the teacher area, T on the title screen, saves one there)", file=sys.stderr)
        return
    state = read_classroom(path)
    if state.diagnostics:
        print(format_text(state.diagnostics), file=sys.stderr)
        print(f"spot-the-signs: {state.status()}", file=sys.stderr)


def _need_scenario_for_origin(args: argparse.Namespace) -> None:
    if args.start or args.settings:
        raise UsageError("--from and --set need a SCENARIO to play")


def _window(args: argparse.Namespace) -> int:
    """The window: the title, or straight into SCENARIO (from --from, with --set, when given).

    pygame is imported only here (through open_window), never by a terminal command.
    """
    import os

    from game.ui.__main__ import DEFAULT_SIZE, open_window, parse_size

    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # the play screen imports pygame first
    try:
        size = parse_size(args.size) if args.size else DEFAULT_SIZE
    except argparse.ArgumentTypeError as exc:
        raise UsageError(str(exc)) from None
    root = None
    watcher = None
    if args.present:
        if args.scenario is None or args.watch:
            raise UsageError("--present needs a SCENARIO to show the class, and cannot be used with --watch")
        from game.ui.screens.present import PresentScreen

        story = load_story(args, args.scenario)
        origin = _origin(story, args.start, args.settings)
        # The teacher area's Present (K) opens this same screen; showing it starts presenter mode.
        root = PresentScreen(story, origin.playthrough(story) if origin is not None else None)
    elif args.watch:
        root, watcher = _watching_screen(args)
    elif args.scenario is None:
        _need_scenario_for_origin(args)
    else:
        story = load_story(args, args.scenario)
        origin = _origin(story, args.start, args.settings)
        root = _play_screen(story, origin)
    try:
        return open_window(size, fullscreen=args.fullscreen, root=root,
                           exit_after_first_frame=args.exit_after_first_frame, idle_seconds=args.bench_idle)
    finally:
        if watcher is not None:
            watcher.stop()


def _watching_screen(args: argparse.Namespace):  # -> (Screen, FileWatcher)
    """The window's --watch: the story (or its file's problems) with a watcher on the file."""
    from game.ui.screens.watching import Watch, WatchingPlayScreen, WatchProblemsScreen
    from game.watch import FileWatcher

    path, load, origin = _watch_source(args)
    watch = Watch(load, start=(lambda story: origin.playthrough(story)) if origin is not None else _fresh)
    try:
        watcher = FileWatcher(path)
        watcher.start()
    except ImportError:
        raise UsageError("--watch needs the watchfiles package: pip install watchfiles") from None
    watch.changed = watcher.take
    first = watch.next(None)
    root = WatchingPlayScreen(watch, first) if first.ok else WatchProblemsScreen(watch, first)
    return root, watcher


def _fresh(story):  # -> Playthrough
    from game.story.runtime import Playthrough, new_seed

    return Playthrough(story, new_seed())


def _play_screen(story, origin):  # -> game.ui.screens.play.PlayScreen
    """The play screen for ``story``; a writer's --from/--set try-out is not saved as the pupil's place."""
    from game.saves import SaveStore
    from game.ui.screens.play import PlayScreen

    if origin is None:
        return PlayScreen(story, None, SaveStore())
    return PlayScreen(story, origin.playthrough(story), None)


def _watch(args: argparse.Namespace) -> int:
    from game.textplay import play_watching
    from game.watch import FileWatcher

    path, load, origin = _watch_source(args)
    try:
        watcher = FileWatcher(path, on_change=lambda: print("\n(The file was saved: press Enter to see it.)"))
        watcher.start()
    except ImportError:
        raise UsageError("--watch needs the watchfiles package: pip install watchfiles") from None
    try:
        return play_watching(load, watcher.take, input, print, origin, display=str(path))
    finally:
        watcher.stop()


def _watch_source(args: argparse.Namespace):  # -> (Path, load, Origin | None)
    """The file --watch follows, how to read it again (the shared files too), and --from/--set checked."""
    from game.commands import ProblemsFound
    from game.story.library import scenario_files

    if args.scenario is None:
        raise UsageError("--watch needs a SCENARIO: the file you are writing")
    if args.auto:
        raise UsageError("--watch cannot be used with --auto: use one or the other")
    lib = library(args)
    path = lib.find(args.scenario)
    if path is None:
        known = ", ".join(p.stem for p in scenario_files(lib.folder)) or "none"
        raise UsageError(f"there is no scenario called {args.scenario!r} (known: {known})")

    def load():  # the shared files are read again too: a writer may be editing signs.yaml
        return library(args).load(path)

    origin = None
    if args.start or args.settings:
        first = load()
        if first.story is None:
            import sys

            from game.story.diagnostics import format_text

            print(format_text(first.diagnostics), file=sys.stderr)
            raise ProblemsFound(f"{path} has problems, so --from and --set cannot be checked yet: "
                                "fix them first, or leave --from and --set out")
        origin = _origin(first.story, args.start, args.settings)
    return path, load, origin


def _origin(story, start: str | None, settings: list[str]):  # -> game.textplay.Origin | None
    """Where --from and --set start the story, checked against the story: one sentence if wrong."""
    from game.story.diagnostics import did_you_mean
    from game.textplay import Origin

    if start is None and not settings:
        return None
    declared = story.initial_state
    state: dict[str, bool | int] = {}
    for item in settings:
        name, equals, raw = (part.strip() for part in item.partition("="))
        if not equals or not name or not raw:
            raise UsageError(f"--set needs NAME=VALUE, e.g. --set trust=2 (not {item!r})")
        if name not in declared:
            hint = did_you_mean(name, declared)
            known = ", ".join(declared) or "nothing"
            raise UsageError(f"{name!r} is not in the state of {story.id!r}: "
                             + (hint or f"it declares {known}"))
        value = _value(raw)
        if isinstance(declared[name], bool) and not isinstance(value, bool):
            raise UsageError(f"{name!r} is a flag: write {name}=true or {name}=false")
        if not isinstance(declared[name], bool) and (isinstance(value, bool) or not isinstance(value, int)):
            raise UsageError(f"{name!r} is a counter: write a whole number, e.g. {name}=2")
        state[name] = value
    part = start or story.start
    if part not in story.scenes and part not in story.endings:
        hint = did_you_mean(part, [*story.scenes, *story.endings])
        raise UsageError(f"there is no scene or ending called {part!r} in {story.id!r}"
                         + (f": {hint}" if hint else f" (it has: {', '.join([*story.scenes, *story.endings])})"))
    return Origin(part, state)


def _value(raw: str) -> bool | int | str:
    from game.story import values

    if raw.lower() in ("true", "false"):
        return raw.lower() == "true"
    try:
        return values.decimal_int(raw)
    except values.NumberProblem as exc:
        raise UsageError(f"the number {values.preview(raw)} {exc}: {values.NUMBER_RANGE}") from None
    except ValueError:
        return raw


def _pick_in_terminal(args: argparse.Namespace):
    from game.classroom import current
    from game.library_index import catalogue, open_story
    from game.paths import scenes_dir

    # the cards come from the library index (game/library_index.py); the story chosen is loaded in full
    stories = current().classroom.visible(catalogue(scenes_folder(args), fallback=scenes_dir()).stories)
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
        if answer.isascii() and answer.isdigit() and len(answer) < 6 and 1 <= int(answer) <= len(stories):
            print()
            story = open_story(stories[int(answer) - 1])
            if story is not None:
                return story
            print("Sorry, that story could not be opened: it was changed since this list was made.")
            continue
        print("Sorry, I didn't understand that.")
