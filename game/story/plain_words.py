"""A story's parts and conditions in a teacher's words, for the read-through and the scene lists.

Writers name scenes and flags with ids (``late-messages``, ``checked_in``); teachers should not
have to read them. A scene is "Part 3" (the third written), an ending is called by its title, and
a condition is said through the choices that make it true, as a pupil would meet them:

    part_name(story, "late-messages")          -> "Part 3"
    condition_words(story, "checked_in")       -> 'you chose “Text Chloe later to check she's OK”'
    condition_words(story, "not checked_in")   -> 'you did not choose “Text Chloe later to check ...”'
    condition_words(story, "trust >= 2")       -> "trust is 2 or more"

A counter (a number the story adds to) is said with its name in plain words. A flag that no choice
changes, or that choices both set and clear, is said plainly too ('“checked in” is true').

Pure Python (no pygame): it reads the compiled Story and parses the condition with the engine's
own parser (game/story/conditions.py), so it says what the engine tests.
"""

from __future__ import annotations

from game.story import conditions
from game.story.conditions import BoolOp, Compare, Const, Name, Node, Not
from game.story.story import Story

CHOSE = "you chose "
QUOTE_LIMIT = 48  # characters of a choice's words before they are cut short with "…"

_NEGATE = {">=": "<", "<": ">=", ">": "<=", "<=": ">", "==": "!=", "!=": "=="}
_FLIP = {">=": "<=", "<=": ">=", ">": "<", "<": ">", "==": "==", "!=": "!="}  # 2 < trust is trust > 2
_COMPARE_WORDS = {">=": "{a} is {b} or more", ">": "{a} is more than {b}", "<=": "{a} is {b} or less",
                  "<": "{a} is less than {b}", "==": "{a} is {b}", "!=": "{a} is not {b}"}


def part_name(story: Story, part_id: str, heading: bool = False) -> str:
    """A scene as "Part N" (the order it is written in); an ending by its title: "the ending “X”"
    in a sentence, or "Ending: X" as a ``heading``."""
    if part_id in story.endings:
        title = story.endings[part_id].title
        return f"Ending: {title}" if heading else f"the ending “{title}”"
    return f"Part {list(story.scenes).index(part_id) + 1}"


def condition_words(story: Story, condition: str) -> str:
    """A checked ``if:`` condition in words that finish "only if ...": no ids, no flag names."""
    return _words(story, conditions.parse(condition), True)


def plain_name(name: str) -> str:
    """A flag's or counter's name as words: ``trust_level`` -> "trust level"."""
    return name.replace("_", " ").replace("-", " ")


# -- the words -----------------------------------------------------------------------------------


def _words(story: Story, node: Node, true: bool) -> str:
    """``node`` said as true (or, with ``true=False``, as false: "not" is pushed inwards)."""
    if isinstance(node, Not):
        return _words(story, node.operand, not true)
    if isinstance(node, BoolOp):
        op = node.op if true else ("or" if node.op == "and" else "and")  # not (a and b) = not a or not b
        parts = [_joined(story, side, true, op) for side in (node.left, node.right)]
        if op == "or" and all(p.startswith(CHOSE + "“") for p in parts):  # you chose “A” or “B”
            return CHOSE + " or ".join(p.removeprefix(CHOSE) for p in parts)
        return f" {op} ".join(parts)
    if isinstance(node, Const):
        return "always" if bool(node.value) == true else "never"
    if isinstance(node, Name):
        if _is_flag(story, node.name):
            return _flag(story, node.name, true)
        return _compare(node.name, "!=" if true else "==", "0")
    return _comparison(story, node, true)


def _joined(story: Story, node: Node, true: bool, op: str) -> str:
    """One side of an "and" or an "or"; a side that joins the other way is set apart with
    "both ... and" or "either ... or" so the sentence says which goes with which."""
    inner = node
    while isinstance(inner, Not):
        inner, true = inner.operand, not true
    words = _words(story, inner, true)
    if isinstance(inner, BoolOp):
        inner_op = inner.op if true else ("or" if inner.op == "and" else "and")
        if inner_op != op:
            return f"{'both' if inner_op == 'and' else 'either'} {words}"
    return words


def _is_flag(story: Story, name: str) -> bool:
    return isinstance(story.initial_state.get(name), bool)


def _comparison(story: Story, node: Compare, true: bool) -> str:
    left, op, right = node.left, node.op, node.right
    if isinstance(left, Const) and isinstance(right, Name):
        left, right, op = right, left, _FLIP[op]
    if not true:
        op = _NEGATE[op]
    if isinstance(left, Const) and isinstance(right, Const):
        return "always" if conditions.compile_condition(Compare(op, left, right, 0))({}) else "never"
    assert isinstance(left, Name)  # the checks allow only names and numbers on either side
    if _is_flag(story, left.name):  # checked_in == true, asked != false
        value = right.value if isinstance(right, Const) else True
        return _flag(story, left.name, bool(value) == (op == "=="))
    other = str(right.value) if isinstance(right, Const) else plain_name(right.name)
    return _compare(left.name, op, other)


def _compare(name: str, op: str, other: str) -> str:
    return _COMPARE_WORDS[op].format(a=plain_name(name), b=other)


def _flag(story: Story, name: str, true: bool) -> str:
    """A flag said through the choices that change it from how the story starts."""
    start = bool(story.initial_state[name])
    changed = _setters(story, name, not start)
    if not changed or _setters(story, name, start):  # never changed, or changed both ways
        return f"“{plain_name(name)}” is {'true' if true else 'false'}"
    quoted = [f"“{_short(text)}”" for text in changed]
    if true != start:
        return CHOSE + _listed(quoted, "or")
    if len(quoted) == 1:
        return f"you did not choose {quoted[0]}"
    if len(quoted) == 2:
        return f"you chose neither {quoted[0]} nor {quoted[1]}"
    return "you chose none of " + _listed(quoted, "or")


def _setters(story: Story, name: str, value: bool) -> list[str]:
    """The words of each choice that sets flag ``name`` to ``value``, in the order written, once each."""
    texts = [choice.text for scene in story.scenes.values() for choice in scene.choices
             if (name, value) in choice.sets]
    return list(dict.fromkeys(texts))


def _listed(items: list[str], last: str) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {last} {items[-1]}"


def _short(text: str) -> str:
    """A choice's words, cut at a word near QUOTE_LIMIT; no full stop at the end (it sits in a sentence)."""
    text = " ".join(text.split()).rstrip(".")
    if len(text) <= QUOTE_LIMIT:
        return text
    cut = text[:QUOTE_LIMIT].rsplit(" ", 1)[0].rstrip(" ,;:.") + "…"
    return cut + '"' if cut.count('"') % 2 else cut  # Say: "It's not… closes what it opened
