"""The debrief every route ends in, built by the engine rather than written per ending.

It always says, in plain words, that it was not the young person's fault and that the
abuser is responsible; says what a friend or trusted adult can do; lists where to get help;
and names the signs met on this route (spotted or not, kindly). Leaving early gives the same,
with the signs met so far.

Its words come as ``blocks``, in the order they are read: the window, the terminal and the
transcripts all show these blocks and nothing else, so no screen can say something the engine
did not. Help comes before the signs, so the first screenful is "not their fault", what a
friend can do and where help is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from game.story.model import HelpRoute
from game.story.story import Ending, Line, Story

LEFT_EARLY = "You left the story early. That's fine: you can stop at any time."
IN_SCHOOL = "In school, you can talk to"
_FALLBACK_HELP = (
    HelpRoute(name="Talk to a trusted adult",
              detail="A parent or carer, a teacher or your school's safeguarding lead."),
    HelpRoute(name="Childline", phone="0800 1111", web="childline.org.uk",
              detail="Free and confidential for anyone under 19."),
    HelpRoute(name="Police", phone="999",
              detail="In an emergency, call 999. If it is not an emergency, call 101."),
)
# Pupils need the words to ask for help (safeguarding guide, rule 14): every debrief names it.
NAME_IT = {
    "11-13": "This is called grooming. It is a kind of abuse.",
    "14-16": "This is called grooming. It is a kind of abuse, even when it feels like friendship or love.",
}
_FALLBACK_FRIEND = (
    "Listen, and tell them you believe them.",
    "Tell a trusted adult. You do not have to keep it secret.",
)

# (who, where): the school's own contact from the classroom file, as pupils read it
ContactLines = tuple[str, str | None]


@dataclass(frozen=True, slots=True)
class HelpEntry:
    """One place to get help, as every screen shows it: a name, how to reach it, a note."""

    name: str
    ways: str | None  # "Call 0800 1111 or visit childline.org.uk"
    detail: str | None

    def as_line(self) -> str:
        """'Childline: Call 0800 1111 or visit childline.org.uk. Free and confidential ...'"""
        words = [w if w[-1] in ".!?" else f"{w}." for w in (self.ways, self.detail) if w]
        return f"{self.name}: {' '.join(words)}" if words else self.name


def route_entry(route: HelpRoute) -> HelpEntry:
    ways = []
    if route.phone:
        ways.append(f"Call {route.phone}")
    if route.web:
        ways.append(f"visit {route.web}" if ways else f"Visit {route.web}")
    return HelpEntry(route.name, " or ".join(ways) or None, route.detail)


def help_entries(routes: Sequence[HelpRoute] | None, school: HelpRoute | None = None,
                 contact: ContactLines | None = None) -> tuple[HelpEntry, ...]:
    """Every help route, with the school's own contact second (just after "Talk to a trusted
    adult"): the classroom file's named contact when a school set one, else help.yaml's."""
    entries = [route_entry(r) for r in (routes or _FALLBACK_HELP)]
    if contact is not None:
        entries.insert(1, HelpEntry(IN_SCHOOL, contact[0], contact[1]))
    elif school is not None:
        entries.insert(1, route_entry(school))
    return tuple(entries)


@dataclass(frozen=True, slots=True)
class Block:
    """One piece of the debrief's words. ``kind``: heading (a section), text, note (quieter
    text), item (a point in a list), place (the name of a place to get help). ``section``: fault,
    friend, help or signs (a wide window shows the help beside the rest)."""

    kind: str
    text: str
    section: str = "fault"


@dataclass(frozen=True, slots=True)
class DebriefSign:
    sign: str
    name: str
    explanation: str
    spotted: bool
    lines: tuple[str, ...]  # the lines of this route that showed it


@dataclass(frozen=True, slots=True)
class Debrief:
    story_title: str
    ending_id: str | None
    ending_title: str | None
    ending_tone: str | None
    left_early: bool
    target: str  # "Mia", or "the young person" when a story has several targets
    signs: tuple[DebriefSign, ...]
    spotted_summary: str
    not_fault: str
    responsible: str
    friend_can_do: tuple[str, ...]
    help: tuple[HelpEntry, ...]
    helped: int

    @property
    def heading(self) -> str:
        return self.ending_title if self.ending_title and not self.left_early else self.story_title

    @property
    def blocks(self) -> tuple[Block, ...]:
        """Every word of the debrief in reading order (see the module's note)."""
        out: list[Block] = []
        if self.left_early:
            out.append(Block("text", LEFT_EARLY))
        out += [Block("heading", f"It was not {self.target}'s fault"), Block("text", self.not_fault),
                Block("text", self.responsible)]
        out.append(Block("heading", "What a friend or trusted adult can do", "friend"))
        out += [Block("item", item, "friend") for item in self.friend_can_do]
        out.append(Block("heading", "Where to get help", "help"))
        for entry in self.help:
            out.append(Block("place", entry.name, "help"))
            out += [Block(kind, words, "help") for kind, words in (("text", entry.ways), ("note", entry.detail))
                    if words]
        out.append(Block("heading", "The warning signs on this route", "signs"))
        out.append(Block("text", self.spotted_summary, "signs"))
        for s in self.signs:
            out.append(Block("item", f"{s.name} ({'you spotted this' if s.spotted else 'easy to miss'})", "signs"))
            out.append(Block("note", s.explanation, "signs"))
        return tuple(out)

    def as_text(self) -> str:
        """The whole debrief as plain text (terminal mode, transcripts, copy for screen readers)."""
        out = [f"Ending: {self.ending_title}" if self.ending_title and not self.left_early else self.story_title]
        under_point = False  # the text after a place or a point belongs to it: indented under it
        for block in self.blocks:
            if block.kind == "heading":
                out += ["", f"{block.text}:"]
            elif block.kind in ("item", "place"):
                out.append(f"  * {block.text}")
            else:
                out.append(f"    {block.text}" if under_point else block.text)
            under_point = block.kind in ("item", "place") or (under_point and block.kind != "heading")
        return "\n".join(out)


def _names(story: Story, role: str) -> str:
    names = [c.name for c in story.characters_with(role)]
    if len(names) <= 1:
        return names[0] if names else ""
    return ", ".join(names[:-1]) + " and " + names[-1]


def build_debrief(story: Story, ending: Ending | None, met: dict[str, list[Line]], spotted: set[str],
                  helped: int, contact: ContactLines | None = None) -> Debrief:
    shared = story.shared
    signs = tuple(
        DebriefSign(
            sign=sign,
            name=shared.sign_name(sign),
            # the writer's own why: for this story reads better than the general band text
            explanation=next((line.why for line in lines if line.why), None) or shared.explain(sign, story.band),
            spotted=any(line.id in spotted for line in lines),
            lines=tuple(line.text for line in lines),
        )
        for sign, lines in met.items()
    )
    found = sum(s.spotted for s in signs)
    if not signs:
        summary = "You did not reach any warning signs in this story yet."
    elif found == len(signs):
        summary = ("You spotted it." if found == 1 else f"You spotted all {found}.") + " Noticing is how friends help."
    elif found:
        summary = (f"You spotted {found} of the {len(signs)}. The others are here too: these signs are "
                   "easy to miss, and that is why we practise.")
    else:
        summary = ("Warning signs can be hard to see while it is happening. "
                   f"Here are the {len(signs)} in this story.")

    targets = story.characters_with("target")
    target = targets[0].name if len(targets) == 1 else "the young person"
    abuser = _names(story, "manipulator")
    not_fault = (f"What happened was not {_names(story, 'target') or 'the young person'}'s fault. "
                 "It is never the young person's fault, whatever they said or did.")
    if abuser:
        responsible = (f"{abuser} {'is' if ' and ' not in abuser else 'are'} responsible for what "
                       f"{'they' if ' and ' in abuser else _they(story, 'manipulator')} did.")
    else:
        responsible = "When someone pressures or manipulates a young person, the person doing it is responsible."
    responsible += " " + NAME_IT.get(story.band, NAME_IT["11-13"])
    help_file = shared.help
    return Debrief(
        story_title=story.title,
        ending_id=ending.id if ending else None,
        ending_title=ending.title if ending else None,
        ending_tone=ending.tone if ending else None,
        left_early=ending is None,
        target=target,
        signs=signs,
        spotted_summary=summary,
        not_fault=not_fault,
        responsible=responsible,
        friend_can_do=tuple(help_file.friend_can_do) if help_file else _FALLBACK_FRIEND,
        help=help_entries(help_file.routes if help_file else None, help_file.school_contact if help_file else None,
                          contact),
        helped=helped,
    )


def _they(story: Story, role: str) -> str:
    chars = story.characters_with(role)
    pronoun = chars[0].pronouns if chars else None
    return {"she": "she", "he": "he"}.get(pronoun or "", "they")
