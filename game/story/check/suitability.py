"""Rules about whether a story suits the pupils it is for, and whether teachers can prepare it.

    E053  the target shares the player's name, or is called "you"
    W054  an 11-13 story mentions what the guide keeps for 14-16 (cars, lifts, flats, alcohol, drugs,
          parties, "you owe me")
    W055  a choice written as what the targeted young person does ("Send him the photo")
    W056  a teacher-facing field left blank or as a placeholder (TODO, TBC ...)
    W057  a line far harder to read than its band
    W058  a line or a choice too long for the screen

Distancing, the guide's first design rule, is mostly structural: roles make the player and the
target different characters (E032 wants exactly one player and a target; a character has
one role), so what is left to check is the wording of the pupil's own choices (W055).
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from game.story import readability
from game.story.check.context import Context
from game.story.diagnostics import Diagnostic

# --- where a text stands in the YAML -----------------------------------------------------------


def _pupil_texts(ctx: Context) -> Iterator[tuple[tuple[Any, ...], str | None, str, str | None, bool]]:
    """(model path, field, text, the speaker if a line, whether it carries a sign) for what pupils read.

    The YAML path is worked out (``ctx.src.text_path(path, field)``) only for a text that is reported.
    """
    sc = ctx.scenario
    yield ("title",), None, sc.title, None, False
    if sc.pupil_summary:
        yield ("pupil_summary",), None, sc.pupil_summary, None, False
    for section, parts in (("scenes", sc.scenes), ("endings", sc.endings)):
        for pid, part in parts.items():
            for i, line in enumerate(part.lines):
                path = (section, pid, "lines", i)
                yield path, "text", line.text, line.speaker, line.sign is not None
                if line.why:
                    yield path, "why", line.why, None, line.sign is not None
    for eid, ending in sc.endings.items():
        yield ("endings", eid, "title"), None, ending.title, None, False
    for sid, scene in sc.scenes.items():
        if scene.discuss:
            yield ("scenes", sid, "discuss"), None, scene.discuss, None, False
        for i, choice in enumerate(scene.choices):
            yield ("scenes", sid, "choices", i, "text"), None, choice.text, None, False
            if choice.feedback:
                yield ("scenes", sid, "choices", i, "feedback"), None, choice.feedback, None, False


def _names(ctx: Context, role: str) -> list[str]:
    """The ids and names (and first names) of the characters with ``role``, lower case."""
    out: list[str] = []
    for cid, c in ctx.scenario.characters.items():
        if c.role == role:
            out += [cid.lower(), c.name.lower(), c.name.split()[0].lower()]
    return sorted(set(out), key=len, reverse=True)


def _any_of(words: list[str]) -> str:
    return "(?:" + "|".join(re.escape(w) for w in words) + ")" if words else "(?!)"


# --- E053: the target is not the pupil ------------------------------------------------------------


def target_is_not_the_player(ctx: Context) -> Iterator[Diagnostic]:
    chars = ctx.scenario.characters
    players = {c.name.strip().casefold() for c in chars.values() if c.role == "player"}
    for cid, c in chars.items():
        if c.role != "target":
            continue
        name = c.name.strip().casefold()
        if name in ("you", "me", "yourself", "myself"):
            yield ctx.src.diag(("characters", cid, "name"), "E053",
                               f"the target is called {c.name!r}, so the story would speak to the pupil as the "
                               "young person being targeted",
                               "the pupil plays a friend who notices, never the young person being targeted: give "
                               "the target a name of their own")
        elif name in players:
            yield ctx.src.diag(("characters", cid, "name"), "E053",
                               f"the target has the same name as the player's character ({c.name!r})",
                               "the pupil plays a friend who notices, never the young person being targeted: give "
                               "them different names")


# --- W054: what the guide keeps for 14-16 ---------------------------------------------------------

# The safeguarding guide, rule 8: "Parties, alcohol, drugs, cars and 'you owe me' debt are for
# 14-16 scenarios." Each entry: whole words to find (a regular expression, case-insensitive),
# what they are about, and whether they count only near the manipulator. Car, lift and flat
# are everyday words (a mum's car, the lift in a block of flats, home in a flat); what the guide
# means is an older person's car or flat, so they count only in a line spoken by a manipulator,
# tagged with a sign, or naming a manipulator. The rest count anywhere pupils read them.
YOUNGER_BAND = "11-13"
KEPT_FOR_OLDER: tuple[tuple[str, str, bool], ...] = (
    (r"cars?", "cars and lifts", True),
    (r"lifts?", "cars and lifts", True),
    (r"flats?", "an older person's flat", True),
    (r"vodka|beers?|cider|wine|alcohol|booze|drunk|tipsy", "alcohol", False),
    (r"weed|cannabis|spliffs?|drugs?", "drugs", False),
    (r"part(?:y|ies)", "parties", False),
    (r"(?:you\s+)?owe\s+(?:me|us|him|her|them)", "\"you owe me\" debt", False),
)
_KEPT = re.compile("|".join(rf"\b(?P<w{i}>{words})\b" for i, (words, _t, _n) in enumerate(KEPT_FOR_OLDER)),
                   re.IGNORECASE)


def younger_band_topics(ctx: Context) -> Iterator[Diagnostic]:
    if ctx.scenario.band != YOUNGER_BAND:
        return
    manipulators = {cid for cid, c in ctx.scenario.characters.items() if c.role == "manipulator"}
    naming = re.compile(rf"\b{_any_of(_names(ctx, 'manipulator'))}\b", re.IGNORECASE)
    for path, key, text, speaker, signed in _pupil_texts(ctx):
        near: bool | None = None  # worked out only when needed
        for m in _KEPT.finditer(text):  # one pattern for the whole table: most texts match nothing
            _words, topic, only_near = KEPT_FOR_OLDER[int(str(m.lastgroup)[1:])]
            if only_near:
                if near is None:
                    near = signed or speaker in manipulators or naming.search(text) is not None
                if not near:
                    continue
            yield ctx.src.diag(ctx.src.text_path(path, key), "W054",
                               f"{m.group(0)!r} in an 11-13 story: the guide keeps {topic} for 14-16",
                               "leave it out, or, if the story needs it, make it a 14-16 story (band: \"14-16\")",
                               severity="warning", offset=m.start())
            break  # one message per text is enough


# --- W055: the pupil's choices are the friend's, never the target's --------------------------------

# A choice is what the friend (the pupil's character) does. It reads as the targeted young
# person's own act when a clause of it, outside quoted speech, starts (after "OK,", "just",
# "I'll", "I will", "I'm going to" or the target's name) with one of these.
# {M}: the manipulator: their id, name or first name, or him/her when the manipulator uses
# that pronoun and no target does. {P}: the same as a possessive (Jay's, his, her).
TARGET_ACTS: tuple[tuple[str, str], ...] = (
    ("sending a picture", r"sends?\s+(?:\S+\s+){0,3}?(?:photos?|pictures?|pics?|selfies?|images?|videos?|nudes?)\b"),
    ("agreeing to what is asked", r"agrees?\s+to\s+(?:meet|send|go|get\s+in|keep|delete)\b"),
    ("meeting the manipulator", r"(?:go(?:es)?\s+(?:and\s+|to\s+)?)?meets?\s+(?:up\s+with\s+)?{M}\b"),
    ("deleting the messages",
     r"deletes?\s+(?:(?:all\s+)?(?:the|our|my|your|those|his|her|their)\s+)?(?:messages|chats?|texts|dms)\b"),
    ("keeping the manipulator secret", r"keeps?\s+{M}\s+(?:a\s+)?secret\b"),
    ("keeping a secret as the manipulator asked",
     r"keeps?\s+(?:it|this|everything)\s+(?:a\s+)?secret\b.*\b(?:like|as)\s+{M}\s+"
     r"(?:said|says|asked|asks|told|tells|wants|wanted)\b"),
    ("doing what the manipulator says", r"do(?:es)?\s+(?:what|as)\s+{M}\s+(?:says|said|asks|asked|wants|wanted)\b"),
    ("getting into the manipulator's car", r"gets?\s+in(?:to)?\s+{P}\s+car\b"),
    ("going to the manipulator's place",
     r"go(?:es)?\s+(?:back\s+)?(?:to|round\s+to)\s+{P}\s+(?:flat|house|place|party)\b"),
    ("going off with the manipulator", r"go(?:es)?\s+(?:off\s+|home\s+)?with\s+{M}\b"),
)
_LEAD_INS = (r"(?:(?:ok|okay|fine|yes|just|quickly|secretly|quietly|then)\b,?\s+|i'll\s+|i\s+will\s+"
             r"|i'm\s+(?:going\s+to|gonna)\s+|i\s+am\s+going\s+to\s+|{T}\s+)*")
# "them" and "their" are left out: they so often mean a group ("meet them at the park").
_OBJECT = {"he": "him", "she": "her"}
_POSSESSIVE = {"he": "his", "she": "her"}
_QUOTED = re.compile(r"\"[^\"]*\"?|\u201c[^\u201d]*\u201d?")
# The first word of every act above: a choice without any of them is not looked at further.
_ACT_VERBS = re.compile(r"\b(?:sends?|agrees?|meets?|deletes?|keeps?|do|does|gets?|go|goes)\b", re.IGNORECASE)
_SENTENCES = re.compile(r"[.!?;]+|,?\s+(?:and\s+)?then\s+|,?\s+and\s+")


# Stand-ins for the story's names in a choice: the acts are then made into patterns once, not
# for every story (making them was most of checking a story, in a library where every story has
# names of its own). No text can hold these characters (game/story/values.py).
_MANIPULATOR, _TARGET = "\x01m", "\x01t"


@dataclass(frozen=True, slots=True)
class TargetVoice:
    """What W055 needs of a story: its names, to put the stand-ins in a choice's words, and the
    acts of TARGET_ACTS for its manipulators' pronouns, all in one pattern (``any_act``) and one
    by one (``each``, to name the first that matches)."""

    names: re.Pattern[str] | None  # the manipulators' and the targets' names, where they stand in a clause
    stand_in: dict[str, str]  # each name -> its stand-in
    any_act: re.Pattern[str]
    each: tuple[tuple[str, re.Pattern[str]], ...]

    def in_words(self, clause: str) -> str:
        """The clause with the story's names as their stand-ins."""
        if self.names is None:
            return clause
        return self.names.sub(lambda m: self.stand_in[m.group()], clause)


def target_voice_patterns(ctx: Context) -> TargetVoice:
    chars = ctx.scenario.characters
    target_pronouns = {c.pronouns for c in chars.values() if c.role == "target"}
    manipulators = [c for c in chars.values() if c.role == "manipulator"]
    pronouns = tuple(sorted({c.pronouns for c in manipulators
                             if c.pronouns in _OBJECT and c.pronouns not in target_pronouns}))
    theirs, targets = _names(ctx, "manipulator"), _names(ctx, "target")
    if set(theirs) & set(targets):  # one name for both: no stand-in can say which (never in a real story)
        return _acts(pronouns, theirs, targets, None, {})
    stand_in = {**dict.fromkeys(targets, _TARGET), **dict.fromkeys(theirs, _MANIPULATOR)}
    # where a name can stand in an act: after a space (or first), and before a mark, a space or the end
    names = re.compile(r"(?:(?<=\s)|^)" + _any_of(sorted(stand_in, key=len, reverse=True)) + r"(?!\w)") \
        if stand_in else None
    return _acts(pronouns, [_MANIPULATOR] if theirs else [], [_TARGET] if targets else [], names, stand_in)


@functools.lru_cache(maxsize=64)
def _generic(pronouns: tuple[str, ...], theirs: tuple[str, ...], targets: tuple[str, ...]
             ) -> tuple[re.Pattern[str], tuple[tuple[str, re.Pattern[str]], ...]]:
    m = _any_of([*theirs, *(_OBJECT[p] for p in pronouns)])
    p = "(?:" + _any_of(list(theirs)) + "'s|" + _any_of([_POSSESSIVE[p] for p in pronouns]) + ")"
    lead = _LEAD_INS.replace("{T}", _any_of(list(targets)))
    acts = [(what, act.replace("{M}", m).replace("{P}", p)) for what, act in TARGET_ACTS]
    return (re.compile(lead + "(?:" + "|".join(act for _what, act in acts) + ")"),
            tuple((what, re.compile(lead + act)) for what, act in acts))


def _acts(pronouns: tuple[str, ...], theirs: list[str], targets: list[str], names: re.Pattern[str] | None,
          stand_in: dict[str, str]) -> TargetVoice:
    any_act, each = _generic(pronouns, tuple(theirs), tuple(targets))
    return TargetVoice(names, stand_in, any_act, each)


def clauses(choice_text: str) -> list[str]:
    """The parts of a choice that are the friend's own act: quoted speech and anything after a
    colon (Say: ..., Message Mia: ...) are what the friend says, so they are left out."""
    text = choice_text.replace("\u2019", "'").lower()
    text = _QUOTED.sub(" ", text).split(":", 1)[0]
    out: list[str] = []
    for sentence in _SENTENCES.split(text):
        parts = [p.strip() for p in sentence.split(",")]
        out += [sentence.strip(), *parts[1:]] if len(parts) > 1 else [sentence.strip()]
    return [c for c in out if c]


def target_act(voice: TargetVoice, choice_text: str) -> str | None:
    """What the choice has the target do (e.g. "sending a picture"), or None for a friend's choice."""
    for clause in clauses(choice_text):
        words = voice.in_words(clause)
        if voice.any_act.match(words) is not None:
            found = next((what for what, pattern in voice.each if pattern.match(words)), None)
            if found is not None:
                return found
    return None


def choices_are_the_friends(ctx: Context) -> Iterator[Diagnostic]:
    if not any(c.role == "target" for c in ctx.scenario.characters.values()):
        return
    patterns = target_voice_patterns(ctx)
    target = next(c.name for c in ctx.scenario.characters.values() if c.role == "target")
    player = next((c.name for c in ctx.scenario.characters.values() if c.role == "player"), "the friend")
    for sid, scene in ctx.scenario.scenes.items():
        for i, choice in enumerate(scene.choices):
            if _ACT_VERBS.search(choice.text) is None:
                continue
            what = target_act(patterns, choice.text)
            if what is None:
                continue
            shown = choice.text if len(choice.text) <= 60 else choice.text[:57] + "..."
            yield ctx.src.diag(
                ("scenes", sid, "choices", i, "text"), "W055",
                f"the choice {shown!r} reads as what {target} does ({what}), not what {player} does",
                f"the pupil plays {player}, a friend, never the young person being targeted: write what {player} "
                f"can do or say, e.g. Ask {target} what happened, or Tell a trusted adult (words in quotes are "
                f"{player} speaking and are not checked)", severity="warning")


# --- W056: teacher notes that are really there ---------------------------------------------------

_PLACEHOLDER_START = re.compile(r"^\W*(?:todo|to do|tbc|tbd|fixme|xxx+|placeholder|lorem ipsum|coming soon)\b",
                                re.IGNORECASE)
_PLACEHOLDER_ANYWHERE = re.compile(r"\b(?:TODO|TBC|TBD|FIXME|XXX)\b")


def is_placeholder(text: str) -> bool:
    """Blank, only punctuation (..., ?, -), or a TODO/TBC/FIXME note instead of the real thing."""
    return (not any(ch.isalnum() for ch in text) or _PLACEHOLDER_START.search(text) is not None
            or _PLACEHOLDER_ANYWHERE.search(text) is not None)


def teacher_notes_are_written(ctx: Context) -> Iterator[Diagnostic]:
    sc = ctx.scenario
    fields: list[tuple[tuple[Any, ...], str, str]] = [(("title",), sc.title, "title"),
                                                      (("summary",), sc.summary, "summary")]
    if sc.pupil_summary is not None:
        fields.append((("pupil_summary",), sc.pupil_summary, "one-line summary for pupils"))
    fields += [(("content_notes", i), t, "content note") for i, t in enumerate(sc.content_notes)]
    fields += [(("objectives", i), t, "learning objective") for i, t in enumerate(sc.objectives)]
    fields += [(ctx.src.text_path(("questions", i), "ask"), q.ask, "discussion question")
               for i, q in enumerate(sc.questions)]
    for path, text, what in fields:
        if is_placeholder(text):
            shown = text.strip() or "blank"
            yield ctx.src.diag(path, "W056", f"the {what} is not written yet ({shown!r})",
                               "teachers read this to prepare the lesson: write it, or delete the line",
                               severity="warning")


# --- W057, W058: can pupils read it -----------------------------------------------------------

# Reading grades (US; + 5 is roughly the age) above which a line is reported. Each is a few
# grades above the oldest pupils in the band, so only lines far above it are: long sentences
# of long words. Tuned on the eight drafted scenarios, whose hardest lines score 7.4 (11-13)
# and 9.5 (14-16).
MAX_GRADE = {"11-13": 9.0, "14-16": 11.0}
MAX_LINE_CHARS = 280  # about six lines of the play screen's text box at the default size
MAX_CHOICE_CHARS = 160  # about three lines of a choice button
YOUNGEST = {"11-13": "about age 11, Year 7", "14-16": "about age 14, Year 10"}
# How far over the limit (in grades) a line is, and what to say: the further, the plainer the fix.
_OVER = (
    (2.0, "a little hard for", "split the longest sentence in two, or use a shorter word or two"),
    (5.0, "too hard for", "use shorter sentences and everyday words, for the youngest pupils in the band "
                          "({youngest})"),
    (math.inf, "far too hard for", "rewrite it as two or three short sentences in everyday words, for the "
                                   "youngest pupils in the band ({youngest})"),
)


def lines_are_readable(ctx: Context) -> Iterator[Diagnostic]:
    band = ctx.scenario.band
    limit = MAX_GRADE[band]
    for section, parts in (("scenes", ctx.scenario.scenes), ("endings", ctx.scenario.endings)):
        for pid, part in parts.items():
            for i, line in enumerate(part.lines):
                if len(line.text) < 2 * readability.MIN_WORDS - 1:
                    continue  # too short to hold enough words to judge: skip counting
                counts = readability.counts(line.text)
                if counts.words < readability.MIN_WORDS:
                    continue
                level = counts.grade
                if level is not None and level > limit:
                    how, fix = next((how, fix) for top, how, fix in _OVER if level - limit <= top)
                    path = ctx.src.text_path((section, pid, "lines", i), "text")
                    yield ctx.src.diag(
                        path, "W057", f"this line reads like a text for {readability.reader(level)}: {how} "
                        f"a story for ages {band}", fix.format(youngest=YOUNGEST[band]), severity="warning")


def texts_fit_the_screen(ctx: Context) -> Iterator[Diagnostic]:
    for section, parts in (("scenes", ctx.scenario.scenes), ("endings", ctx.scenario.endings)):
        for pid, part in parts.items():
            for i, line in enumerate(part.lines):
                if len(line.text) > MAX_LINE_CHARS:
                    yield ctx.src.diag(ctx.src.text_path((section, pid, "lines", i), "text"), "W058",
                                       f"this line is {len(line.text)} characters long; at most {MAX_LINE_CHARS} "
                                       "fit on the screen at once", "split it into two lines", severity="warning")
    for sid, scene in ctx.scenario.scenes.items():
        for i, choice in enumerate(scene.choices):
            if len(choice.text) > MAX_CHOICE_CHARS:
                yield ctx.src.diag(("scenes", sid, "choices", i, "text"), "W058",
                                   f"this choice is {len(choice.text)} characters long; at most {MAX_CHOICE_CHARS} "
                                   "fit on a choice button", "say it more briefly; the feedback can explain more",
                                   severity="warning")


SUITABILITY_RULES = (
    target_is_not_the_player, younger_band_topics, choices_are_the_friends, teacher_notes_are_written,
    lines_are_readable, texts_fit_the_screen,
)
