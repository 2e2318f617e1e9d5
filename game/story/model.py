"""The scenario file format as pydantic models: the one source of truth for its shape.

Writers are teachers, not programmers, so the format favours short keys, few required
fields and shorthand forms. A line can be written three ways:

    - It is lunchtime.                  # narration
    - mia: Did you see my drawing?      # a character speaks
    - mia: Don't tell anyone.           # ... with extra keys
      sign: secrecy

The shorthand is turned into the full form (``speaker`` + ``text``) before validation, so
everything after this module sees one shape.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=60)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=2000)]
Band = Literal["11-13", "14-16"]
Role = Literal["player", "target", "manipulator", "trusted-adult", "friend", "other"]
Mood = Literal["neutral", "happy", "worried", "sad", "uneasy"]
Voice = Literal["manipulator", "misinformed"]

NARRATOR = "narrator"
# Keys a line may carry besides its speaker; no character may be called one of these.
LINE_KEYS = ("speaker", "text", "sign", "why", "if", "voice", "mood", "via", "discuss")
RESERVED_IDS = frozenset({NARRATOR, "you", *LINE_KEYS})
_ID_RE = re.compile(ID_PATTERN)


class Strict(BaseModel):
    """Every model refuses unknown keys, so a misspelt key is an error, not silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Look(Strict):
    """How the art layer draws a character. Every field is optional; the art picks defaults."""

    skin: Literal[1, 2, 3, 4, 5, 6] | None = Field(None, description="skin tone, 1 (lightest) to 6 (darkest)")
    hair: Literal["short", "long", "curly", "braids", "afro", "bun", "shaved", "ponytail", "covered"] | None = None
    hair_colour: Literal["black", "dark-brown", "brown", "auburn", "blonde", "red", "grey", "dyed"] | None = None
    top: str | None = Field(None, max_length=20, description="clothing colour, e.g. teal, navy, mustard")
    build: Literal["slim", "medium", "broad"] | None = None
    age_cue: Literal["child", "teen", "young-adult", "adult", "older-adult"] | None = None
    accessories: list[
        Literal["glasses", "hijab", "turban", "cap", "hearing-aid", "wheelchair", "headphones", "beard"]
    ] = []


class Character(Strict):
    name: Text = Field(description="the name shown on screen")
    role: Role = Field(description="player = the friend the pupil plays; target = the young person being targeted")
    age: int | None = Field(None, ge=5, le=99, description="only where it matters to the story")
    pronouns: Literal["she", "he", "they"] | None = None
    look: Look = Look()


class Line(Strict):
    speaker: str = Field(NARRATOR, description="a character id, or narrator")
    text: Text
    sign: str | None = Field(None, description="the warning-sign id from scenes/signs.yaml this line shows")
    why: Text | None = Field(None, description="explains this line when a pupil flags it (overrides the sign's own)")
    if_: str | None = Field(None, alias="if", description="show the line only when this condition is true")
    voice: Voice | None = Field(None, description="marks words that are deliberately wrong or blaming")
    mood: Mood | None = Field(None, description="the speaker's face as they say it (none: a calm, neutral face)")
    via: Literal["phone"] | None = Field(None, description="phone: a message or call from someone who is not there "
                                         "in person (they do not stand in the scene)")

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"text": value}
        if isinstance(value, dict) and value and "text" not in value:
            # Writers put the speaker first (`- mia: Hi`); any other unknown key after it is
            # then reported on its own, with a did-you-mean, instead of three puzzling errors.
            who = next(iter(value))
            if who not in LINE_KEYS:
                full = dict(value)
                full["text"] = full.pop(who)
                full["speaker"] = who
                return full
        return value


class Choice(Strict):
    text: Text = Field(description="what the friend (the pupil's character) says or does")
    go: str = Field(description="the scene or ending this choice leads to")
    feedback: Text | None = Field(None, description="shown after choosing: kind, and about what helps")
    if_: str | None = Field(None, alias="if", description="offer the choice only when this condition is true")
    set: dict[str, bool | int] = Field(default_factory=dict, description="flags or counters to set")
    add: dict[str, int] = Field(default_factory=dict, description="numbers to add to counters")
    helps: bool = Field(False, description="true for a helping action (telling a trusted adult, checking in)")
    skills: list[Id] = Field(default_factory=list, description="the skills from scenes/skills.yaml this choice "
                             "practises, e.g. [tell-adult]")


class Scene(Strict):
    kind: Literal["chat", "place"] = Field("place", description="chat = messages on a phone; place = in person")
    background: str | None = Field(None, description="art/backgrounds/<name>.svg for place scenes")
    app: str | None = Field(None, max_length=40, description="the chat app's name shown on the phone")
    phone: str | None = Field(None, description="chat scenes: whose phone we see; their messages sit on the right "
                              "(default: the player's character)")
    present: list[str] = Field(default_factory=list, description="characters on screen (default: the speakers)")
    lines: list[Line] = Field(min_length=1)
    choices: list[Choice] = Field(default_factory=list)
    go: str | None = Field(None, description="where the story goes next when there are no choices")
    discuss: Text | None = Field(None, description="a question for the class (presenter mode)")
    time: str | None = Field(None, pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$",
                             description="chat scenes: the phone's clock at the first message, 24-hour (21:40)")
    discuss_notes: Text | None = Field(None, description="notes for the teacher on good answers to discuss:")

    _one_line_is_a_list = field_validator("lines", mode="before")(lambda value: _as_list(value))


class Ending(Strict):
    title: Text
    tone: Literal["hopeful", "open"] = Field(description="never a doomed ending")
    lines: list[Line] = Field(min_length=1)

    _one_line_is_a_list = field_validator("lines", mode="before")(lambda value: _as_list(value))


def _as_list(value: Any) -> Any:
    """`lines: It was a sunny day.` means a list of one line."""
    return [value] if isinstance(value, str) else value


class Question(Strict):
    ask: Text
    notes: Text | None = Field(None, description="notes for the teacher on good answers")

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        return {"ask": value} if isinstance(value, str) else value


class Scenario(Strict):
    id: Id = Field(description="the same as the file name without .yaml")
    title: Text
    band: Band = Field(description="the age band: '11-13' or '14-16' (in quotes)")
    minutes: int = Field(ge=1, le=120)
    setting: Literal["online", "in-person", "both"]
    summary: Text = Field(description="one paragraph for teachers")
    pupil_summary: Text | None = Field(None, max_length=160, description="one line shown to pupils on the card")
    content_notes: list[Text] = Field(default_factory=list)
    teacher_notes: list[Text] = Field(default_factory=list, description="what the teacher should know or do "
                                      "before the lesson (printed with the content notes)")
    objectives: list[Text] = Field(default_factory=list)
    questions: list[Question] = Field(default_factory=list, description="discussion questions for the class")
    follow_up: list[Text] = Field(default_factory=list)
    themes: list[Id] = Field(default_factory=list)
    state: dict[str, bool | int] = Field(default_factory=dict, description="flags (true/false) and counters (numbers)")
    start: str | None = Field(None, description="the first scene (default: the first one written)")
    characters: dict[str, Character] = Field(min_length=1)
    scenes: dict[str, Scene] = Field(min_length=1)
    endings: dict[str, Ending] = Field(min_length=1)


def is_id(value: object) -> bool:
    return isinstance(value, str) and _ID_RE.match(value) is not None and len(value) <= 60


# --- shared data files -------------------------------------------------------------


class SignInfo(Strict):
    kind: Literal["tactic", "noticed"]
    name: Text = Field(description="a short pupil-friendly name")
    looks_like: Text
    bands: list[Band] = ["11-13", "14-16"]
    explain: dict[Band, Text] = Field(description="one or two sentences for each band")
    urgent: bool = Field(False, description="a moment of immediate danger: a choice should offer telling an "
                         "adult now (W082)")
    cues: list[Annotated[str, StringConstraints(min_length=2, max_length=60)]] = Field(
        default_factory=list, description="words that make a line read like this sign (W081); a * at the end "
        "matches any ending, e.g. photo*")


class SignsFile(Strict):
    signs: dict[str, SignInfo]


class SkillInfo(Strict):
    name: Text = Field(description="a short name teachers and pupils read")
    looks_like: Text = Field(description="what practising it looks like in a story")
    tells: bool = Field(False, description="true when it gets a trusted adult's help (E080, W082)")


class SkillsFile(Strict):
    skills: dict[Id, SkillInfo] = Field(min_length=1)


class HelpRoute(Strict):
    name: Text
    detail: Text
    phone: str | None = None
    web: str | None = None


class HelpFile(Strict):
    school_contact: HelpRoute | None = Field(None, description="your school's own contact (edit this)")
    routes: list[HelpRoute] = Field(min_length=1)
    friend_can_do: list[Text] = Field(min_length=1)
    spot_not_a_sign: Text
    leaving_early: Text


class Theme(Strict):
    name: Text
    tag: str | None = Field(None, min_length=1, max_length=24,
                            description="a word or two for the teacher's catalogue cards (default: the name)")

    @property
    def short(self) -> str:
        return self.tag or self.name


class ThemesFile(Strict):
    themes: dict[str, Theme]


# scenes/language.yaml: the avoid list. game/story/phrasebook.py reads it; phrases.py, the patterns.
Place = Literal["all", "narration", "speech", "choices", "feedback", "why", "discuss", "titles", "metadata", "docs"]


class AvoidEntry(Strict):
    pattern: Text | None = Field(None, description="the phrase to find, e.g. put {themselves} at risk")
    regex: Text | None = Field(None, description="a Python regular expression, instead of a pattern")
    why: Text = Field(description="the safeguarding reason, shown in the message")
    prefer: Text = Field(description="what to say instead, shown in the hint")
    applies_to: list[Place] = Field(default_factory=lambda: ["all"], min_length=1)
    severity: Literal["error", "warning"] = Field("error", description="warning: the words can be fine in "
                                                  "another sense, so the writer decides")
    only_with: Literal["manipulator"] | None = Field(None, description="only in stories with a manipulator")
    unless: list[Text] = Field(default_factory=list, description="phrases that make a match fine")
    examples: list[Text] = Field(default_factory=list, description="sentences the entry must find")
    fine: list[Text] = Field(default_factory=list, description="sentences the entry must not find")

    _one_place_is_a_list = field_validator("applies_to", mode="before")(
        lambda value: [value] if isinstance(value, str) else value)

    @model_validator(mode="after")
    def _pattern_or_regex(self) -> AvoidEntry:
        if (self.pattern is None) == (self.regex is None):
            raise ValueError("write either 'pattern:' or 'regex:' (one of them, not both)")
        return self


class LanguageFile(Strict):
    words: dict[str, list[Text]] = Field(default_factory=dict, description="lists of words a pattern can use as "
                                         "{name}, e.g. young-person: [{they}, the child, young people]")
    avoid: list[AvoidEntry] = Field(min_length=1)
    corrections: list[Text] = Field(default_factory=list, description="phrases that show a blaming line is wrong")
