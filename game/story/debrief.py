"""The debrief every route ends in, built by the engine rather than written per ending.

It always says, in plain words, that it was not the young person's fault and that the
abuser is responsible; names the signs met on this route (spotted or not, kindly); says
what a friend or trusted adult can do; and lists where to get help. Leaving early gives
the same, with the signs met so far.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.story.model import HelpRoute
from game.story.story import Ending, Line, Story

_FALLBACK_HELP = (
    HelpRoute(name="Talk to a trusted adult",
              detail="A parent or carer, a teacher or your school's safeguarding lead."),
    HelpRoute(name="Childline", phone="0800 1111", web="childline.org.uk",
              detail="Free and confidential for anyone under 19."),
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
    signs: tuple[DebriefSign, ...]
    spotted_summary: str
    not_fault: str
    responsible: str
    friend_can_do: tuple[str, ...]
    school_contact: HelpRoute | None
    help: tuple[HelpRoute, ...]
    helped: int

    def as_text(self) -> str:
        """The whole debrief as plain text (terminal mode, transcripts, copy for screen readers)."""
        out: list[str] = []
        if self.left_early:
            out.append("You left the story early. That's fine: you can stop at any time.")
        elif self.ending_title:
            out.append(f"Ending: {self.ending_title}")
        out.append("")
        out.append(self.not_fault)
        out.append(self.responsible)
        if self.signs:
            out += ["", "Warning signs in this story:", self.spotted_summary]
            for s in self.signs:
                mark = "you spotted this" if s.spotted else "easy to miss"
                out.append(f"  * {s.name} ({mark}): {s.explanation}")
        out += ["", "What a friend or trusted adult can do:"]
        out += [f"  * {item}" for item in self.friend_can_do]
        out += ["", "Where to get help:"]
        for route in ((self.school_contact,) if self.school_contact else ()) + self.help:
            out.append(f"  * {route.as_line()}")
        return "\n".join(out)


def _names(story: Story, role: str) -> str:
    names = [c.name for c in story.characters_with(role)]
    if len(names) <= 1:
        return names[0] if names else ""
    return ", ".join(names[:-1]) + " and " + names[-1]


def build_debrief(story: Story, ending: Ending | None, met: dict[str, list[Line]], spotted: set[str],
                  helped: int) -> Debrief:
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

    target = _names(story, "target") or "the young person"
    abuser = _names(story, "manipulator")
    not_fault = (f"What happened was not {target}'s fault. It is never the young person's fault, "
                 "whatever they said or did.")
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
        signs=signs,
        spotted_summary=summary,
        not_fault=not_fault,
        responsible=responsible,
        friend_can_do=tuple(help_file.friend_can_do) if help_file else _FALLBACK_FRIEND,
        school_contact=help_file.school_contact if help_file else None,
        help=tuple(help_file.routes) if help_file else _FALLBACK_HELP,
        helped=helped,
    )


def _they(story: Story, role: str) -> str:
    chars = story.characters_with(role)
    pronoun = chars[0].pronouns if chars else None
    return {"she": "she", "he": "he"}.get(pronoun or "", "they")
