"""Terminal play: the same Playthrough the window drives, as numbered lines and prompts.

Input and output are passed in, so tests drive it with a list of answers and read the text.
"""

from __future__ import annotations

import random
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field

from game.story.runtime import Playthrough
from game.story.story import Line, Story

Ask = Callable[[str], str]
Say = Callable[[str], None]
COMMANDS = "Type a number to choose · s N flags line N as a warning sign · u undo · h help · q leave"
WIDTH = 78
MAX_AUTO_STEPS = 10_000  # a bound for unattended play, far above any real scenario


@dataclass
class TextPlayer:
    story: Story
    say: Say
    pt: Playthrough = field(init=False)
    numbered: list[Line] = field(default_factory=list)  # every line shown, by its number - 1

    def __post_init__(self) -> None:
        self.pt = Playthrough(self.story)

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
        self.numbered = []
        for line in self.pt.shown_lines():
            self.numbered.append(line)
        self.say("")
        for i, line in enumerate(self.numbered[-len(self.pt.lines):], len(self.numbered) - len(self.pt.lines) + 1):
            self.say(self._line_text(i, line))

    def help(self) -> None:
        self.say("")
        self.say(_help_text(self.story))

    def finish(self) -> None:
        self.say("")
        self.say("══ Debrief ══")
        self.say(self.pt.debrief().as_text())


def _help_text(story: Story) -> str:
    shared = story.shared
    out = ["Get help", ""]
    if shared.help:
        for route in ([shared.help.school_contact] if shared.help.school_contact else []) + list(shared.help.routes):
            extra = ", ".join(x for x in (route.phone, route.web) if x)
            out.append(_wrap(f"{route.name}" + (f" ({extra})" if extra else "") + f": {route.detail}", "  * ", "    "))
    else:
        out.append("  * Childline: 0800 1111")
    return "\n".join(out)


def _wrap(text: str, first: str = "", rest: str = "") -> str:
    return textwrap.fill(text, WIDTH, initial_indent=first, subsequent_indent=rest or " " * len(first))


def play_interactive(story: Story, ask: Ask, say: Say) -> int:
    tp = TextPlayer(story, say)
    tp.intro()
    tp.show_new_lines()
    while not tp.pt.finished:
        tp.show_choices()
        try:
            answer = ask(f"{COMMANDS}\n> ").strip().lower()
        except (EOFError, KeyboardInterrupt):
            answer = "q"
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
            leaving = story.shared.help.leaving_early if story.shared.help else ""
            if leaving:
                say("")
                say(_wrap(leaving))
            tp.finish()  # the debrief opens with "You left the story early..."
            return 0
        else:
            say("Sorry, I didn't understand that.")
    tp.finish()
    return 0


def play_auto(story: Story, mode: str, seed: int, say: Say) -> int:
    """Play unattended, flagging every tagged sign, and print the transcript and debrief."""
    rng = random.Random(seed)
    tp = TextPlayer(story, say)
    tp.pt = Playthrough(story, seed)
    tp.intro()
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
