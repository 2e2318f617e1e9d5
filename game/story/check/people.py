"""Rules about who is who: the pupil's character is never the one being groomed, and a name is one person.

    E081  a manipulator speaks to the player's character: a chat on the player's own phone with
          a manipulator's messages, or a manipulator's line that names the player
    E082  two characters in one story share a name

Names across the library (W080) are checked in check/library_names.py, with the same name keys.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from game.story.check.context import Context
from game.story.diagnostics import Diagnostic
from game.story.model import Character

# Words before a name that are not the name itself ("Mr Kowalski" is Kowalski, "Auntie Bea" is Bea).
TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "coach", "auntie", "aunty", "aunt", "uncle"})
_POSSESSIVE = re.compile(r"\w's$")
# One-word names that are a relation rather than a person's own name.
_FAMILY = frozenset({"mum", "mam", "mom", "dad", "nan", "nana", "gran", "granny", "grandma", "grandad", "grandpa",
                     "stepmum", "stepdad", "auntie", "uncle", "carer"})


def name_key(name: str) -> tuple[str, bool]:
    """(the name two characters must not share, whether it is a personal name).

    "Mr Kowalski" -> ("kowalski", True); "Priya" -> ("priya", True); "Auntie Bea" -> ("bea", True).
    A name that is a relation, not a person's own name ("Mum", "Grandad", "Kofi's dad"), is kept
    whole and is not personal: every story may have a Mum, but not two.
    """
    words = name.replace("\u2019", "'").split()
    if not words or any(_POSSESSIVE.search(w) for w in words):
        return " ".join(words).lower(), False
    rest = [w for w in words if w.lower().rstrip(".") not in TITLES] if len(words) > 1 else words
    if len(words) == 1 or not rest:
        return " ".join(words).lower(), len(words) == 1 and words[0].lower() not in _FAMILY
    return rest[0].lower(), True



def personal_word(name: str) -> str | None:
    """The word of a personal name as written ("Kowalski" in "Mr Kowalski"), or None for a relation."""
    key, personal = name_key(name)
    if not personal:
        return None
    return next((w for w in name.replace("\u2019", "'").split() if w.lower() == key), None)


def _naming(c: Character, cid: str) -> re.Pattern[str]:
    words = {cid, c.name}
    word = personal_word(c.name)
    if word:
        words.add(word)
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alts})(?![\w-])", re.IGNORECASE)


# --- E081: the abuser never speaks to the pupil's character ------------------------------


def manipulators_never_address_the_player(ctx: Context) -> Iterator[Diagnostic]:
    chars = ctx.scenario.characters
    player = next((cid for cid, c in chars.items() if c.role == "player"), None)
    manipulators = {cid for cid, c in chars.items() if c.role == "manipulator"}
    if player is None or not manipulators:
        return
    you = chars[player].name
    naming = _naming(chars[player], player)
    for section, parts in (("scenes", ctx.scenario.scenes), ("endings", ctx.scenario.endings)):
        for pid, part in parts.items():
            own_phone = section == "scenes" and part.kind == "chat" and (part.phone or player) == player
            sent = [(i, line) for i, line in enumerate(part.lines) if line.speaker in manipulators]
            if own_phone and sent:
                i, line = sent[0]
                who = chars[line.speaker].name
                more = f" ({len(sent)} messages)" if len(sent) > 1 else ""
                yield ctx.src.diag(
                    ctx.src.text_path((section, pid, "lines", i), "text"), "E081",
                    f"in the chat {pid!r}, {who} messages {you} on {you}'s own phone{more}: the pupil's character "
                    "is the one being targeted",
                    "the pupil plays a friend who notices, never the one targeted: show the chat on the target's "
                    f"or another friend's phone (phone: <their id>), who shows {you}" if not part.phone else
                    f"the pupil plays a friend who notices, never the one targeted: {you} sees these messages on "
                    "someone else's phone (phone: <their id>), or hears about them")
                continue
            for i, line in sent:
                if (m := naming.search(line.text)) is not None:
                    who = chars[line.speaker].name
                    yield ctx.src.diag(
                        ctx.src.text_path((section, pid, "lines", i), "text"), "E081",
                        f"{who} speaks to {you}, the pupil's character ({m.group(0)!r})",
                        f"a manipulator never speaks to the pupil's character: let {who} speak to someone else, "
                        f"or say in narration what {you} sees", offset=m.start())


# --- E082: one name, one person ----------------------------------------------------------


def names_are_not_shared(ctx: Context) -> Iterator[Diagnostic]:
    chars = ctx.scenario.characters
    seen: dict[str, str] = {}
    for cid, c in chars.items():
        key, _personal = name_key(c.name)
        first = seen.setdefault(key, cid)
        if first == cid:
            continue
        other = chars[first]
        if {other.role, c.role} == {"player", "target"} and other.name.strip().casefold() == c.name.strip().casefold():
            continue  # E053 says this one, for distancing
        yield ctx.src.diag(("characters", cid, "name"), "E082",
                           f"{c.name!r} ({cid}, {c.role}) has the same name as {other.name!r} ({first}, {other.role})",
                           "pupils tell people apart by name: give one of them another name (one name, one person)")


PEOPLE_RULES = (manipulators_never_address_the_player, names_are_not_shared)
