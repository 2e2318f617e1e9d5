"""Terminal play: the same Playthrough the window drives, as numbered lines and prompts.

It is the writers' way to try a story, so choices come in the order they are written in the
file (the window shuffles them for pupils). Input and output are passed in, so tests drive it
with a list of answers and read the text.
"""

from __future__ import annotations

import random
import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from game.story.debrief import help_entries
from game.story.runtime import Playthrough
from game.story.story import Line, Story

if TYPE_CHECKING:
    from game.story.load import LoadResult

Ask = Callable[[str], str]
Say = Callable[[str], None]
COMMANDS = "Type a number to choose · s N flags line N as a warning sign · u undo · h help · q leave"
WIDTH = 78
MAX_AUTO_STEPS = 10_000  # a bound for unattended play, far above any real scenario


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a writer's test play started (--from, --set), when not at the story's start."""

    part: str
    state: Mapping[str, bool | int]

    def playthrough(self, story: Story, seed: int = 0) -> Playthrough:
        return Playthrough.start_at(story, self.part, self.state, seed, shuffle=False)

    def describe(self) -> str:
        settings = ", ".join(f"{k}={str(v).lower()}" for k, v in self.state.items())
        return f"(Starting at '{self.part}'" + (f" with {settings}" if settings else "") + ".)"


@dataclass
class TextPlayer:
    story: Story
    say: Say
    pt: Playthrough = None  # type: ignore[assignment]  # None: a new playthrough from the start
    numbered: list[Line] = field(default_factory=list)  # every line shown, by its number - 1
    origin: Origin | None = None

    def __post_init__(self) -> None:
        if self.pt is None:
            story, origin = self.story, self.origin
            self.pt = Playthrough(story, shuffle=False) if origin is None else origin.playthrough(story)

    def intro(self) -> None:
        s = self.story
        self.say(f"{s.title}  (ages {s.band}, about {s.minutes} minutes)")
        if s.pupil_summary:
            self.say(s.pupil_summary)
        self.say(_wrap("This story is about someone being pressured by a person who wants to harm them. "
                       "You play a friend who notices. You can stop at any time (q). "
                       "Talking to a trusted adult is always OK."))
        self.say("")

    def show_new_lines(self) -> None:
        for line in self.pt.lines:
            self.numbered.append(line)
            self.say(self._line_text(len(self.numbered), line))

    def _line_text(self, number: int, line: Line) -> str:
        name = self.story.speaker_name(line.speaker)
        body = f"{name}: {line.text}" if name else line.text
        return _wrap(body, f"[{number:>2}] ", "      ")

    def show_choices(self) -> None:
        self.say("")
        if self.pt.finished:
            return
        if len(self.pt.choices) == 1 and self.pt.choices[0].is_continue:
            self.say("  1) Continue")
        else:
            self.say("What do you do?")
            for i, choice in enumerate(self.pt.choices, 1):
                self.say(_wrap(choice.text, f"  {i}) ", "     "))

    def choose(self, index: int) -> None:
        choice = self.pt.choose(index)
        if not choice.is_continue:
            self.say(f"> {choice.text}")
        if choice.feedback:
            self.say(_wrap(choice.feedback, "  ✓ " if choice.helps else "  · ", "    "))
        self.say("")
        if choice.ends and self.pt.ending:
            self.say(f"── {self.pt.ending.title} ──")
        self.show_new_lines()

    def spot(self, number: int) -> None:
        if not 1 <= number <= len(self.numbered):
            self.say(f"There is no line {number} yet.")
            return
        result = self.pt.spot(self.numbered[number - 1].id)
        self.say(_wrap(f"{result.title}. {result.text}", "  ⚑ ", "    "))

    def undo(self) -> None:
        if not self.pt.undo():
            self.say("There is nothing to undo yet.")
            return
        self.say("(Went back one step.)")
        self.reshow()

    def reshow(self) -> None:
        """Renumber every line shown so far and show the current scene's lines again."""
        self.numbered = list(self.pt.shown_lines())
        self.say("")
        for i, line in enumerate(self.numbered[-len(self.pt.lines):], len(self.numbered) - len(self.pt.lines) + 1):
            self.say(self._line_text(i, line))

    def help(self) -> None:
        self.say("")
        self.say(_help_text(self.story))

    def finish(self) -> None:
        self.say("")
        self.say("══ Debrief ══")
        from game.classroom_path import contact_lines

        self.say(self.pt.debrief(contact_lines()).as_text())


_NO_HELP_FILE = "Get help\n\n  * Childline: 0800 1111"


def _help_text(story: Story) -> str:
    """Every help route, with the school's own contact second, as the window shows them: the
    classroom file's named contact when the school set one, else help.yaml's school contact."""
    from game.classroom_path import contact_lines

    help_file = story.shared.help
    entries = help_entries(help_file.routes if help_file else None, help_file.school_contact if help_file else None,
                           contact_lines())
    return "\n".join(["Get help", "", *(_wrap(entry.as_line(), "  * ", "    ") for entry in entries)])


def _wrap(text: str, first: str = "", rest: str = "") -> str:
    return textwrap.fill(text, WIDTH, initial_indent=first, subsequent_indent=rest or " " * len(first))


def play_interactive(story: Story, ask: Ask, say: Say, origin: Origin | None = None) -> int:
    tp = TextPlayer(story, say, origin=origin)
    tp.intro()
    if origin is not None:
        say(origin.describe())
    tp.show_new_lines()
    while not tp.pt.finished:
        tp.show_choices()
        try:
            answer = ask(f"{COMMANDS}\n> ").strip().lower()
        except (EOFError, KeyboardInterrupt):
            answer = "q"
        if _answer(tp, answer):
            return 0
    tp.finish()
    return 0


def _answer(tp: TextPlayer, answer: str) -> bool:
    """Act on one answer at the prompt; True when the player left the story."""
    say = tp.say
    if answer == "" and len(tp.pt.choices) == 1:
        answer = "1"
    if answer.isdigit():
        n = int(answer)
        if 1 <= n <= len(tp.pt.choices):
            tp.choose(n - 1)
        else:
            say(f"Choose a number from 1 to {len(tp.pt.choices)}.")
    elif answer.startswith("s") and answer[1:].strip().isdigit():
        tp.spot(int(answer[1:].strip()))
    elif answer == "u":
        tp.undo()
    elif answer == "h":
        tp.help()
    elif answer == "q":
        leaving = tp.story.shared.help.leaving_early if tp.story.shared.help else ""
        if leaving:
            say("")
            say(_wrap(leaving))
        tp.finish()  # the debrief opens with "You left the story early..."
        return True
    else:
        say("Sorry, I didn't understand that.")
    return False


def play_watching(load: Callable[[], LoadResult], changed: Callable[[], bool], ask: Ask, say: Say,
                  origin: Origin | None = None, display: str = "the story file") -> int:
    """Play while the writer edits: each save reloads the story at the next prompt.

    ``load`` reads the file again; ``changed`` says (once) that it was saved since it was
    last asked. While the file is broken its problems are shown in place of the story, and
    play carries on from the same place once it is fixed.
    """
    from game.story.diagnostics import format_text
    from game.watch import reload

    def start(story: Story) -> Playthrough:
        return Playthrough(story, shuffle=False) if origin is None else origin.playthrough(story)

    tp: TextPlayer | None = None
    last_good: Playthrough | None = None
    pending = True  # the first load
    ended_shown = problems_shown = False
    say(_wrap(f"Watching {display}: save it and your changes show here."))
    while True:
        if pending or changed():
            pending = False
            now = reload(load(), last_good, start)
            if now.playthrough is None:
                tp = None
                problems_shown = True
                say("")
                say(format_text(list(now.diagnostics)))
                say(_wrap(now.note))
            else:
                assert now.story is not None
                keep = origin if origin is not None and origin.part in _parts(now.story) else None
                tp = TextPlayer(now.story, say, now.playthrough, origin=keep)
                if last_good is None:
                    if problems_shown:
                        say("")
                        say(f"── {now.note} ──")
                    tp.intro()
                    if origin is not None:
                        say(origin.describe())
                    tp.show_new_lines()
                else:
                    say("")
                    say(f"── {now.note} ──")
                    if tp.pt.ending:
                        say(f"── {tp.pt.ending.title} ──")
                    tp.reshow()
                ended_shown = False
        if tp is None:
            prompt = "Fix the file and save it, then press Enter · h help · q leave\n> "
        elif tp.pt.finished:
            if not ended_shown:
                tp.finish()
                ended_shown = True
            prompt = "The end · u goes back a step · r plays again from the start · q leave\n> "
        else:
            tp.show_choices()
            prompt = f"{COMMANDS}\n> "
        try:
            answer = ask(prompt).strip().lower()
        except (EOFError, KeyboardInterrupt):
            answer = "q"
        if changed():  # saved while the prompt waited: reload first; the answer was for the old text
            pending = True
            continue
        if tp is None or tp.pt.finished:
            if answer == "h" or (answer == "q" and tp is None):  # leaving shows where help is, as in the story
                say("")
                say(_help_text(tp.story) if tp else _help_text(last_good.story) if last_good else _NO_HELP_FILE)
            if answer == "q":
                return 0
            elif tp is not None and answer == "r":
                tp = TextPlayer(tp.story, say, start(tp.story), origin=tp.origin)
                say("")
                tp.show_new_lines()
            elif tp is not None and answer == "u":
                tp.undo()
            if tp is None or not tp.pt.finished:
                ended_shown = False
        elif _answer(tp, answer):
            return 0
        if tp is not None:
            last_good = tp.pt


def _parts(story: Story) -> set[str]:
    return {*story.scenes, *story.endings}


def play_auto(story: Story, mode: str, seed: int, say: Say, origin: Origin | None = None) -> int:
    """Play unattended, flagging every tagged sign, and print the transcript and debrief."""
    rng = random.Random(seed)
    # "first" is the first choice in the file, and transcripts list them as written.
    pt = Playthrough(story, seed, shuffle=False) if origin is None else origin.playthrough(story, seed)
    tp = TextPlayer(story, say, pt, origin=origin)
    tp.intro()
    if origin is not None:
        say(origin.describe())
    tp.show_new_lines()
    steps = 0
    while not tp.pt.finished:
        for number, line in enumerate(tp.numbered, 1):
            if line.sign and line.id not in tp.pt.spotted:
                tp.spot(number)
        tp.show_choices()
        index = 0 if mode == "first" else rng.randrange(len(tp.pt.choices))
        tp.choose(index)
        steps += 1
        if steps >= MAX_AUTO_STEPS:
            say(f"Stopped after {MAX_AUTO_STEPS} steps without reaching an ending.")
            tp.finish()
            return 1
    tp.finish()
    return 0
