"""Plain words for the YAML mistakes writers really make, on the line they must change.

libyaml says where it gave up ("mapping values are not allowed in this context", at a colon),
which is often not where the mistake is: a `sign:` under narration written without
`narrator:` is reported on the `sign:` line; a missing space after a colon, on the line after
it. Each rule here recognises one mistake from libyaml's problem, its two marks and the text
around them, and names it in a writer's words with the fix written out. libyaml's own wording
stays in the diagnostic as a second line (``detail``) for the curious.

Only the reading of the text lives here; safe_yaml builds the Diagnostic. Nothing is imported
from safe_yaml, which calls this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

Pos = tuple[int, int]  # (line, column), both 1-based

# `key:` at the start of a line's content, after any "- " list marks
_KEY = re.compile(r"([^\s#'\"\[\]{}:,&*!|>%@`-][^:#]*?|[\w-]+):(?=\s|$)")
_NO_SPACE_AFTER_COLON = re.compile(r"^([A-Za-z_][\w-]*):(\S.*)$")
_NO_SPACE_AFTER_DASH = re.compile(r"^-([^\s-].*)$")


@dataclass(frozen=True, slots=True)
class Plain:
    """A YAML mistake in plain words: where to change the file, what is wrong, how to fix it."""

    line: int
    col: int
    message: str
    hint: str


@dataclass(frozen=True, slots=True)
class _Line:
    number: int  # 1-based
    text: str

    @property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip(" "))

    @property
    def content(self) -> str:
        return self.text.strip()

    @property
    def dash_col(self) -> int | None:
        """The column of a leading list mark '- ', or None."""
        s = self.text[self.indent:]
        return self.indent + 1 if s == "-" or s.startswith("- ") else None

    @property
    def body_col(self) -> int:
        """The column where the line's key or text starts, after any '- ' marks."""
        i = self.indent
        while self.text.startswith("- ", i) or self.text.startswith("-\t", i):
            i += 2
            while i < len(self.text) and self.text[i] == " ":
                i += 1
        return i + 1

    @property
    def body(self) -> str:
        return self.text[self.body_col - 1:].rstrip()

    @property
    def key(self) -> str | None:
        m = _KEY.match(self.body)
        return m.group(1) if m else None


def plain_words(problem: str, context: str, at: Pos | None, context_at: Pos | None, text: str,
                open_quote: tuple[int, int] | None = None) -> Plain | None:
    """The mistake in plain words, or None when it is not one this module knows.

    ``at`` is where libyaml gave up (its problem mark), ``context_at`` where the part it was
    reading began (its context mark); ``open_quote`` the first and last line of the last text
    in quotes read over several lines (an unclosed quote reads on to the next quote mark).
    """
    if at is None:
        return None
    lines = text.split("\n")
    here = _line(lines, at[0])
    if here is None:
        return None
    found = here.text[at[1] - 1:at[1]]
    for rule in (_tab, _unclosed_quote, _quote_ends_early, _no_space_after_dash, _no_space_after_colon,
                 _special_first_character, _narration_with_keys, _colon_in_text, _indented_too_far,
                 _not_lined_up):
        plain = rule(problem, context, at, context_at, lines, here, found, open_quote)
        if plain is not None:
            return plain
    return None


def _line(lines: list[str], number: int) -> _Line | None:
    return _Line(number, lines[number - 1].rstrip("\r")) if 0 < number <= len(lines) else None


def _above(lines: list[str], number: int) -> _Line | None:
    """The nearest line above ``number`` with something on it other than a comment."""
    for n in range(number - 1, 0, -1):
        line = _line(lines, n)
        if line is not None and line.content and not line.content.startswith("#"):
            return line
    return None


def _quoted(value: str) -> str:
    """``value`` in the quotes that need no escaping, as a writer would type it."""
    if '"' in value and "'" not in value:
        return f"'{value}'"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _tab(problem, context, at, context_at, lines, here, found, open_quote) -> Plain | None:
    if found != "\t" and "'\\t'" not in problem:
        return None
    where = "this line is indented with a tab" if at[1] <= here.indent + 1 else "there is a tab here"
    return Plain(at[0], at[1], f"{where}: YAML needs spaces, never tabs",
                 "delete the tab and type spaces instead (most editors can be set to type spaces when you press Tab)")


def _unclosed_quote(problem, context, at, context_at, lines, here, found, open_quote) -> Plain | None:
    if "end of stream" in problem and "quoted" in context and context_at is not None:
        opened = _line(lines, context_at[0])
        quote = (opened.text[context_at[1] - 1:context_at[1]] if opened else "") or '"'
        return Plain(context_at[0], context_at[1], "the text in quotes that starts here is never closed, so YAML reads "
                     "the rest of the file as part of it",
                     f"add the closing {quote} at the end of the text on this line")
    if open_quote is None or open_quote[1] != at[0] or open_quote[0] == at[0]:
        return None
    start = _line(lines, open_quote[0])
    if start is None:
        return None
    col = next((i + 1 for i, ch in enumerate(start.text) if ch in "\"'" and i >= start.body_col - 1), None)
    if col is None:
        return None
    quote = start.text[col - 1]
    return Plain(start.number, col, f"the text in quotes that starts here has no closing {quote}, so YAML reads "
                 f"on to line {at[0]}", f"add the closing {quote} at the end of the text on this line")


def _quote_ends_early(problem, context, at, context_at, lines, here, found, open_quote) -> Plain | None:
    if "expected key" not in problem and "expected '-'" not in problem and "block end" not in problem:
        return None
    key = here.key
    start = here.body_col - 1 + (len(key) + 2 if key else 0)
    while start < len(here.text) and here.text[start] == " ":
        start += 1
    value = here.text[start:].rstrip()
    if not value or value[0] not in "\"'" or at[1] - 1 <= start:
        return None
    quote = value[0]
    if quote == "'" and value.endswith("'") and len(value) > 1:
        inner = value[1:-1].replace("''", "'")
        better = '"' + inner.replace('"', '\\"') + '"'
        why = "is in single quotes ('), so the apostrophe inside it ends the text early"
    else:
        inner = value
        better = _quoted(value) if quote == '"' else '"' + value.replace('"', '\\"') + '"'
        why = f"starts with a quote mark ({quote}), so YAML ends the text at the next {quote} and cannot read the rest"
    prefix = here.text[:start].strip()
    return Plain(here.number, start + 1, f"this text {why}",
                 f"write it as: {prefix} {better}".replace("  ", " "))


def _no_space_after_dash(problem, context, at, context_at, lines, here, found, open_quote) -> Plain | None:
    if not any(s in problem for s in ("expected key", "expected '-'", "expected ':'", "block end", "mapping values")):
        return None
    above = _above(lines, at[0])
    first = context_at[0] if context_at is not None else above.number if above is not None else at[0]
    for n in range(first, at[0] + 1):
        line = _line(lines, n)
        if line is None:
            continue
        m = _NO_SPACE_AFTER_DASH.match(line.content)
        if m:
            return Plain(n, line.indent + 1, "a list item needs a space after its '-'",
                         f"write it as: - {m.group(1)}")
    return None


def _no_space_after_colon(problem, context, at, context_at, lines, here, found, open_quote) -> Plain | None:
    if "mapping values" in problem and found == ":":
        line = _above(lines, at[0])
        if here.key is None or here.body_col - 1 + len(here.key) != at[1] - 1:
            return None  # the colon that stopped YAML is not this line's key
    elif "expected ':'" in problem and context_at is not None:
        line = _line(lines, context_at[0])
    else:
        return None
    if line is None:
        return None
    m = _NO_SPACE_AFTER_COLON.match(line.body)
    if not m or m.group(2).startswith("//"):  # a web address is not a key
        return None
    return Plain(line.number, line.body_col + len(m.group(1)), f"'{m.group(1)}:{m.group(2)[:20]}' needs a space "
                 "after the colon", f"write it as: {m.group(1)}: {m.group(2)}")


def _special_first_character(problem, context, at, context_at, lines, here, found, open_quote) -> Plain | None:
    if "alias" in context or "anchor" in context:
        mark = context_at or at
        first = "*" if "alias" in context else "&"
    elif "cannot start any token" in problem and found in ("@", "`", "%"):
        mark, first = at, found
    else:
        return None
    line = _line(lines, mark[0])
    if line is None:
        return None
    value = line.text[mark[1] - 1:].rstrip()
    prefix = line.text[:mark[1] - 1].strip()
    return Plain(mark[0], mark[1], f"text cannot start with {first} unless it is in quotes: YAML reads {first} "
                 "at the start as a special mark", f"put the whole text in quotes: {prefix} {_quoted(value)}".strip())


def _narration_with_keys(problem, context, at, context_at, lines, here, found, open_quote) -> Plain | None:
    if "mapping values" not in problem or here.key is None or here.dash_col is not None:
        return None
    above = _above(lines, at[0])
    if above is None or above.dash_col is None or above.key is not None or here.indent + 1 != above.body_col:
        return None
    narration = above.body
    return Plain(above.number, above.body_col, f"narration that has '{here.key}:' under it must start with 'narrator:'",
                 f"write it as: - narrator: {narration}")


def _colon_in_text(problem, context, at, context_at, lines, here, found, open_quote) -> Plain | None:
    if "mapping values" not in problem:
        return None
    key = here.key
    if key is None:
        return None
    key_end = here.body_col - 1 + len(key)  # 0-based index of the key's colon
    if at[1] - 1 <= key_end:
        return None
    start = key_end + 1
    while start < len(here.text) and here.text[start] == " ":
        start += 1
    value = here.text[start:].rstrip()
    prefix = here.text[:start].strip()
    return Plain(here.number, start + 1, "this text has a colon and a space (': ') in it, which YAML reads as "
                 "the start of a new key", f"put the whole text in quotes: {prefix} {_quoted(value)}")


def _indented_too_far(problem, context, at, context_at, lines, here, found, open_quote) -> Plain | None:
    if "mapping values" not in problem or here.key is None:
        return None
    above = _above(lines, at[0])
    if above is None or above.key is None or here.body_col <= above.body_col:
        return None
    return Plain(here.number, here.body_col, f"this line is indented further than '{above.key}:' on line "
                 f"{above.number}, so YAML reads it as more of that line's text",
                 f"move '{here.key}:' left so that it starts in column {above.body_col}, the same as "
                 f"'{above.key}:' (with spaces, never tabs)")


def _not_lined_up(problem, context, at, context_at, lines, here, found, open_quote) -> Plain | None:
    if not any(s in problem for s in ("expected key", "expected '-'", "block end")):
        return None
    if here.dash_col is not None:
        mine, label = here.dash_col, "'-'"
        theirs = [(ln.dash_col, ln, "'-'") for ln in _previous(lines, here.number) if ln.dash_col is not None]
    else:
        mine, label = here.body_col, f"'{here.key}:'" if here.key else "this line"
        theirs = [(ln.body_col, ln, f"'{ln.key}:'" if ln.key else "the text") for ln in _previous(lines, here.number)]
    near = [(abs(col - mine), i, col, line, name) for i, (col, line, name) in enumerate(theirs)
            if col != mine and abs(col - mine) <= 3]
    for _diff, _i, col, line, name in sorted(near)[:1]:
        return Plain(here.number, mine, "this line is not lined up with the lines above it",
                         f"{label} starts in column {mine}, and {name} on line {line.number} in column {col}: "
                     "lines that belong together start in exactly the same column (use spaces, never tabs)")
    return Plain(here.number, mine, "this line is not lined up with the lines above it",
                 "lines that belong together start in exactly the same column: check how far this line is "
                 "moved in, and the line above it (use spaces, never tabs)")


def _previous(lines: list[str], number: int, reach: int = 12):
    """Up to ``reach`` lines with content above ``number``, nearest first."""
    n = number
    for _ in range(reach):
        line = _above(lines, n)
        if line is None:
            return
        yield line
        n = line.number
