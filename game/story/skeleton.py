"""The starting file that `spot-the-signs new ID` writes: small, valid, and commented to teach.

It passes `spot-the-signs check --strict` unchanged for both age bands (a test makes sure),
so a writer starts from something that works and changes one thing at a time.
"""

from __future__ import annotations

from game.story.schema import MODELINE

BANDS = ("11-13", "14-16")

# What differs between the bands. Everything else is the same story.
_BY_BAND = {
    "11-13": {"@age@": "12", "@claims@": "13", "@year@": "Year 8"},
    "14-16": {"@age@": "15", "@claims@": "16", "@year@": "Year 11"},
}

_TEMPLATE = """\
@modeline@
#
# A new story. It already works: try it with
#     spot-the-signs check --strict @path@
#     spot-the-signs play --text @path@
# then change one part at a time and check again. docs/writing.md explains every key,
# and scenes/example.yaml is a longer example. Lines starting with # are notes for you:
# the game ignores them, so you can delete them when you no longer need them.
#
# Safeguarding, in short (read the whole guide, docs/safeguarding.md, before you write):
#   - The pupil plays a FRIEND who notices. Never the young person being targeted.
#   - It is never the young person's fault. Feedback talks about what the abuser did and
#     what a friend or trusted adult can do, never about what the young person "should" do.
#   - No sexual content. Requests for pictures are described, never shown.
#   - Every ending is hopeful or open, and telling a trusted adult helps.

# --- About the story (teachers read this part) ---------------------------------------
@idline@# the same as the file name, without .yaml
title: Leo's new gaming friend
band: "@band@"                # the age band, in quotes: "11-13" or "14-16"
minutes: 5                   # about how long one play takes
setting: online              # online, in-person or both
summary: >-
  Leo, @age@, meets someone called Max in an online game. Max says he is @claims@, sends Leo
  game credit and lots of compliments, then asks to move to a private app and keep it
  secret. The pupil plays Ava, Leo's friend, who notices the signs and can help Leo tell
  a trusted adult.
pupil_summary: Leo has a new friend in his game. Ava notices something isn't right.
content_notes:               # what the story touches on, so teachers can prepare the class
  - Online grooming of a @age@-year-old by someone who may be lying about their age
objectives:                  # what pupils can do afterwards
  - Recognise gifts, flattery, secrecy and moving to a private chat as warning signs
  - Know that it is never the young person's fault, and that telling a trusted adult helps
questions:                   # for the class after playing: ask what the abuser did and how to help
  # each question has notes for the teacher: what good answers include
  - ask: What did Max do to make Leo trust him so quickly?
    notes: Compliments, game credit, saying they had lots in common, asking for secrecy.
  - ask: How could a friend or a trusted adult help Leo?
    notes: Listen, say it is not Leo's fault, keep the messages, and tell a trusted adult together.
follow_up:
  - Show pupils how to report and block someone in the games they play.
themes: [online-contact, gifts-attention]   # ids from scenes/themes.yaml

# --- What the story remembers --------------------------------------------------------
# Flags are true/false, counters are whole numbers. Each starts with the value given here.
state:
  asked: false

# --- Who is in it --------------------------------------------------------------------
# Each character has an id (used in the lines below), a name shown on screen and a role.
characters:
  ava:
    name: Ava
    role: player             # the friend the pupil plays
    pronouns: she
  leo:
    name: Leo
    role: target             # the young person being targeted
    age: @age@
    pronouns: he
  max:
    name: Max
    role: manipulator        # the person grooming Leo
    pronouns: he
  mr-shah:
    name: Mr Shah
    role: trusted-adult
    pronouns: he

# --- The scenes ----------------------------------------------------------------------
# The story starts at the first scene. Each scene has lines, then choices (or 'go:').
scenes:
  lunch:
    kind: place              # in person (a 'chat' scene shows messages on a phone)
    lines:
      # plain text is narration; 'name: text' is a character speaking
      - It's lunchtime. You and Leo are sitting together.
      - leo: Someone called Max plays my game. He says I'm the best player he's seen.
        sign: flattery       # a warning sign from scenes/signs.yaml: pupils can flag this line
      - leo: He sent me game credit. For nothing!
        sign: gifts
        why: Gifts from someone new can come with strings attached later.
    choices:
      - text: Ask Leo what else Max has said.
        set: {asked: true}   # change what the story remembers
        feedback: Asking kindly keeps Leo talking to you.
        skills: [check-in]   # what the friend practises (scenes/skills.yaml): at least two in a story
        go: messages         # the scene (or ending) this choice leads to
      - text: Say that's cool and talk about something else.
        feedback: That's a normal thing to do. Warning signs are often hard to see at first.
        go: messages

  messages:
    kind: chat
    app: GameChat            # the app's name shown on the phone
    phone: leo               # whose phone we see
    lines:
      - Later, Leo shows you his messages from Max.
      - max: ur so much better than the others in @year@
        sign: special-status
      - max: lets talk on a private app. the messages disappear
        sign: private-chat
      - max: dont tell anyone about us ok?
        sign: secrecy
      - leo: You're the only one I've shown.
        if: asked            # this line only appears if the friend asked earlier
    choices:
      - text: "Say: \\"Keeping secrets like that isn't OK. Let's tell Mr Shah together.\\""
        helps: true          # a helping action: the debrief counts these
        feedback: Telling a trusted adult is the most helpful thing a friend can do.
        skills: [tell-adult]
        go: teacher
      - text: Say nothing for now.
        feedback: It can be hard to know what to say. Noticing is a good start.
        go: not-yet

  teacher:
    kind: place
    lines:
      - mr-shah: Thank you both for telling me. You did the right thing.
      - mr-shah: This is not your fault, Leo. Max is the one doing something wrong.
      - mr-shah: People online aren't always who they say they are.
        sign: fake-identity
    go: believed             # no choices here: the story goes straight on

# --- The endings ---------------------------------------------------------------------
# Every ending is hopeful or open. After it, the game shows the debrief and where to get help.
endings:
  believed:
    title: Leo is believed
    tone: hopeful
    lines:
      - Mr Shah keeps the messages, and helps Leo report Max's account. Then they block it.
      - leo: I'm glad we told someone.
  not-yet:
    title: It's not too late
    tone: open
    lines:
      - You haven't told an adult yet. Lots of people wait, because it's hard to know what to do.
      - But this is too big to keep to yourself. Tomorrow you could talk to a teacher with Leo, or call Childline.
"""


def skeleton(scenario_id: str, band: str = "11-13", modeline: str = MODELINE, path: str | None = None) -> str:
    """The text of a new scenario file with this id and band."""
    if band not in _BY_BAND:
        raise ValueError(f"band must be one of {', '.join(BANDS)}")
    text = _TEMPLATE
    for token, value in {**_BY_BAND[band], "@band@": band, "@modeline@": modeline,
                         "@path@": path or f"scenes/{scenario_id}.yaml"}.items():
        text = text.replace(token, value)
    return text.replace("@idline@", f"id: {scenario_id} ".ljust(29))
