"""The condition mini-language: ``told_adult``, ``not told_adult``, ``trust >= 2``,
``and``/``or`` and parentheses.

Parsed by hand into a small AST when a scenario loads, then compiled into plain Python
closures. There is no ``eval``, no attribute access and no function call: a condition can
only read the scenario's own declared flags and counters.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping
from typing import NamedTuple

from game.story import values

State = Mapping[str, bool | int]
Test = Callable[[State], bool]

_TOKEN = re.compile(
    # [0-9], not \d: \d also matches other scripts' digits (a fullwidth １), which int() would accept
    r"\s*(?:(?P<num>-?[0-9]+)|(?P<name>[A-Za-z_][A-Za-z0-9_-]*)|(?P<op>==|!=|<=|>=|<|>|\(|\))|(?P<bad>\S))"
)
_OPS: dict[str, Callable[[object, object], bool]] = {
    "==": operator.eq, "!=": operator.ne, "<": operator.lt,
    "<=": operator.le, ">": operator.gt, ">=": operator.ge,
}
_BAD_HINTS = {
    "=": "use == to compare, e.g. trust == 2",
    "&": "write 'and' instead of &",
    "|": "write 'or' instead of |",
    "!": "write 'not' instead of !, and != for 'is not equal to'",
}
KEYWORDS = frozenset({"and", "or", "not", "true", "false"})
MAX_BRACKETS = 20


class ConditionError(Exception):
    """A condition that cannot be used; ``offset`` is the 0-based column in the condition."""

    def __init__(self, message: str, offset: int, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.hint = hint


# AST nodes are NamedTuples: immutable like frozen dataclasses and several times cheaper to
# define (every command pays that at start-up); they are read only while a file loads, so
# their slower attribute access does not matter.
class Name(NamedTuple):
    name: str
    offset: int


class Const(NamedTuple):
    value: bool | int
    offset: int


class Not(NamedTuple):
    operand: Node


class BoolOp(NamedTuple):
    op: str  # "and" | "or"
    left: Node
    right: Node


class Compare(NamedTuple):
    op: str
    left: Node
    right: Node
    offset: int


Node = Name | Const | Not | BoolOp | Compare


class _Tok(NamedTuple):
    kind: str  # num | name | op | end
    text: str
    offset: int


def _tokens(source: str) -> list[_Tok]:
    toks: list[_Tok] = []
    pos = 0
    while pos < len(source):
        m = _TOKEN.match(source, pos)
        if m is None or m.end() == pos:  # only trailing spaces remain
            break
        kind = m.lastgroup or "bad"
        start = m.start(kind)
        text = m.group(kind)
        if kind == "bad":
            hint = _BAD_HINTS.get(text) or ("type numbers with the digits 0 to 9" if text.isdigit() else None)
            raise ConditionError(f"{text!r} cannot be used in a condition", start, hint)
        toks.append(_Tok(kind, text, start))
        pos = m.end()
    toks.append(_Tok("end", "", len(source.rstrip())))
    return toks


class _Parser:
    def __init__(self, source: str) -> None:
        self.toks = _tokens(source)
        self.i = 0
        self.depth = 0  # brackets inside each other; bounded so parsing never recurses deeply

    def peek(self) -> _Tok:
        return self.toks[self.i]

    def take(self) -> _Tok:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def parse(self) -> Node:
        if self.peek().kind == "end":
            raise ConditionError("the condition is empty", 0, "write a flag name, e.g. told_adult")
        node = self.or_()
        tok = self.peek()
        if tok.kind != "end":
            raise ConditionError(f"unexpected {tok.text!r}", tok.offset, "join conditions with 'and' or 'or'")
        return node

    def or_(self) -> Node:
        node = self.and_()
        while self.peek().text == "or" and self.peek().kind == "name":
            self.take()
            node = BoolOp("or", node, self.and_())
        return node

    def and_(self) -> Node:
        node = self.not_()
        while self.peek().text == "and" and self.peek().kind == "name":
            self.take()
            node = BoolOp("and", node, self.not_())
        return node

    def not_(self) -> Node:
        if self.peek().kind == "name" and self.peek().text == "not":
            self.take()
            return Not(self.not_())
        return self.compare()

    def compare(self) -> Node:
        left = self.atom()
        tok = self.peek()
        if tok.kind == "op" and tok.text in _OPS:
            self.take()
            right = self.atom()
            return Compare(tok.text, left, right, tok.offset)
        return left

    def atom(self) -> Node:
        tok = self.take()
        if tok.kind == "num":
            try:
                return Const(values.decimal_int(tok.text), tok.offset)
            except values.NumberProblem as exc:
                raise ConditionError(f"the number {values.preview(tok.text)} {exc}", tok.offset,
                                     values.NUMBER_RANGE) from None
        if tok.kind == "name":
            if tok.text in ("true", "false"):
                return Const(tok.text == "true", tok.offset)
            if tok.text in KEYWORDS:
                raise ConditionError(f"{tok.text!r} needs something before it", tok.offset)
            return Name(tok.text, tok.offset)
        if tok.text == "(":
            self.depth += 1
            if self.depth > MAX_BRACKETS:
                raise ConditionError("the condition has too many brackets inside each other", tok.offset,
                                     "use at most a few pairs of ( ), e.g. (asked or told_adult) and trust >= 2")
            node = self.or_()
            self.depth -= 1
            close = self.take()
            if close.text != ")":
                raise ConditionError("a '(' is not closed", tok.offset, "add the missing ')'")
            return node
        if tok.kind == "end":
            raise ConditionError("the condition stops too early", tok.offset, "finish it, e.g. trust >= 2")
        raise ConditionError(f"unexpected {tok.text!r}", tok.offset)


def parse(source: str) -> Node:
    """Parse a condition into its AST, or raise ConditionError with the offending column."""
    if len(source) > 500:
        raise ConditionError("the condition is too long (over 500 characters)", 0, "split the story instead")
    return _Parser(source).parse()


def names(node: Node) -> list[Name]:
    if isinstance(node, Name):
        return [node]
    if isinstance(node, Not):
        return names(node.operand)
    if isinstance(node, (BoolOp, Compare)):
        return names(node.left) + names(node.right)
    return []


def check_types(node: Node, state: Mapping[str, bool | int]) -> None:
    """Raise ConditionError for undeclared names and for comparing a flag with a number."""
    for n in names(node):
        if n.name not in state:
            raise ConditionError(f"{n.name!r} is not declared in this scenario's state", n.offset, None)
    _check_compare(node, state)


def _kind(node: Node, state: Mapping[str, bool | int]) -> str:
    if isinstance(node, Name):
        return "flag" if isinstance(state[node.name], bool) else "counter"
    if isinstance(node, Const):
        return "flag" if isinstance(node.value, bool) else "counter"
    return "flag"


def _check_compare(node: Node, state: Mapping[str, bool | int]) -> None:
    if isinstance(node, Not):
        _check_compare(node.operand, state)
    elif isinstance(node, BoolOp):
        _check_compare(node.left, state)
        _check_compare(node.right, state)
    elif isinstance(node, Compare):
        for side in (node.left, node.right):
            if not isinstance(side, (Name, Const)):
                raise ConditionError("compare a name with a number, e.g. trust >= 2", node.offset)
        lk, rk = _kind(node.left, state), _kind(node.right, state)
        if lk != rk or (lk == "flag" and node.op not in ("==", "!=")):
            raise ConditionError(
                f"{node.op!r} cannot compare a flag (true/false) with a number", node.offset,
                "use a flag on its own (told_adult, not told_adult) and numbers for counters (trust >= 2)",
            )


def compile_condition(node: Node) -> Test:
    """Turn an AST into a fast closure over the state mapping."""
    if isinstance(node, Name):
        key = node.name

        def name_test(state: State) -> bool:
            return bool(state[key])

        return name_test
    if isinstance(node, Const):
        value = bool(node.value)
        return lambda state: value
    if isinstance(node, Not):
        inner = compile_condition(node.operand)
        return lambda state: not inner(state)
    if isinstance(node, BoolOp):
        left, right = compile_condition(node.left), compile_condition(node.right)
        if node.op == "and":
            return lambda state: left(state) and right(state)
        return lambda state: left(state) or right(state)
    op = _OPS[node.op]
    lv, rv = _value(node.left), _value(node.right)
    return lambda state: op(lv(state), rv(state))


def _value(node: Node) -> Callable[[State], object]:
    if isinstance(node, Name):
        key = node.name
        return lambda state: state[key]
    if isinstance(node, Const):
        value = node.value
        return lambda state: value
    raise TypeError(node)  # pragma: no cover - check_types refuses this first
