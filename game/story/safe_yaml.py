"""Safe YAML reading for untrusted scenario files.

One pass over libyaml's event stream builds plain Python data (dict, list, str, int,
float, bool, None) and records where every value stood, so later checks can point at a
line and column. Because we never hand the text to PyYAML's composer or constructor:

* nesting depth is checked event by event, before anything recursive runs (PyYAML's C
  composer overflows the C stack on very deep input; its Python loader raises
  RecursionError);
* anchors and aliases are refused at the first one, so alias bombs cost nothing;
* only the standard tags are accepted and no constructor that could build an object
  exists here at all;
* duplicate keys are reported (PyYAML silently keeps the last one).

The cyclic garbage collector is paused during the build: the data are acyclic trees and
the collector's repeated scans of millions of young objects are most of PyYAML's cost.
"""

from __future__ import annotations

import gc
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.resolver import Resolver

from game.story import values, yaml_errors
from game.story.diagnostics import Diagnostic
from game.story.values import NumberProblem, preview

try:  # the C parser is much faster; the pure-Python one gives the same events
    from yaml import CSafeLoader as _EventSource
except ImportError:  # pragma: no cover - exercised only where libyaml is missing
    from yaml import SafeLoader as _EventSource  # type: ignore[assignment]

TAG = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {
    "!": None,
    TAG + "str": "str",
    TAG + "int": "int",
    TAG + "float": "float",
    TAG + "bool": "bool",
    TAG + "null": "null",
    TAG + "map": "map",
    TAG + "seq": "seq",
}
_QUOTES = ('"', "'")
_TRUE = {"yes", "true", "on"}
_COMMENT_AFTER = re.compile(r"[ \t]+#")
_resolvers = Resolver.yaml_implicit_resolvers


@dataclass(frozen=True)
class Limits:
    """Every limit the loader enforces, in one place so tools and benchmarks can raise them."""

    max_bytes: int = 1024 * 1024
    max_depth: int = 64
    max_scenes: int = 500
    max_lines_per_scene: int = 200
    max_choices: int = 6
    max_text_chars: int = 2000


@dataclass(slots=True)
class Marks:
    """Where each value of a parsed document stood: (line, column), both 1-based.

    ``of[id(container)]`` holds, for a dict, ``{key: (key_pos, value_pos)}`` and, for a
    list, ``[value_pos, ...]``. Keyed by ``id`` because the containers stay alive in ``data``.
    """

    root: tuple[int, int] = (1, 1)
    of: dict[int, Any] = field(default_factory=dict)

    def find(self, data: Any, path: tuple[Any, ...], want_key: bool = False) -> tuple[int, int]:
        """The position of the value at ``path`` in ``data``, or of its nearest ancestor."""
        pos = self.root
        node = data
        for i, step in enumerate(path):
            table = self.of.get(id(node))
            if table is None:
                break
            if isinstance(node, dict):
                entry = table.get(step)
                if entry is None:
                    break
                last = i == len(path) - 1
                pos = entry[0] if (want_key and last) else entry[1]
                node = node[step]
            elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(table):
                pos = table[step]
                node = node[step]
            else:
                break
        return pos


@dataclass(slots=True)
class Parsed:
    data: Any
    marks: Marks
    diagnostics: list[Diagnostic]

    @property
    def ok(self) -> bool:
        return not any(d.severity == "error" for d in self.diagnostics)


def decode(raw: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    """Strict UTF-8 decoding; on failure, name the line and column of the first bad byte."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        # count characters, not bytes, as an editor does: everything before the bad byte is valid UTF-8
        before = raw[line_start:exc.start].decode("utf-8")
        col = len(before.removeprefix("\ufeff") if line_start == 0 else before) + 1
        return None, [
            Diagnostic(
                path, line, col, "error", "E003",
                f"this file is not UTF-8 text (byte 0x{raw[exc.start]:02x} cannot be read)",
                "save the file as UTF-8 in your editor (\"Save with encoding\" → UTF-8)",
            )
        ]
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, []


def control_characters(text: str, path: str) -> list[Diagnostic]:
    """E004 at the first character game/story/values.py does not allow in a file. U+0085, U+2028
    and U+2029 are line breaks to YAML but not to editors, so every line number after one would
    be wrong: they are refused with the others."""
    found = values.text_problem(text, values.BAD_IN_FILE)
    if found is None:
        return []
    at, shown = found
    line = text.count("\n", 0, at) + 1
    col = at - (text.rfind("\n", 0, at) + 1) + 1
    return [
        Diagnostic(
            path, line, col, "error", "E004",
            f"the file contains an invisible control character ({shown.partition(',')[0]})",
            "delete it; it often comes from copying text out of another program",
        )
    ]


def _syntax_hint(problem: str, context: str, found: str = "") -> str | None:
    """A hint for a YAML syntax error. The messages differ between libyaml and PyYAML's
    pure-Python reader, so both wordings are matched; ``found`` is the character at the error."""
    text = f"{problem} {context}"
    if found == "\t" or "'\\t'" in text or "tab" in text:
        return "use spaces, not tabs, to indent"
    if "mapping values are not allowed" in text:
        return ("quote text that contains ': ' (put the whole text in \"double quotes\"); "
                "narration with a sign or condition is written '- narrator: text'")
    if "end of stream" in text and "quoted" in text:
        return "a quoted text is not closed: add the closing quote"
    if "cannot start any token" in text and found in ("@", "`", "%"):
        return f"text cannot start with {found}: put the whole text in quotes"
    if "found character" in text and ("'@'" in text or "'`'" in text):
        return "text cannot start with @ or `: put the whole text in quotes"
    if "alias" in text or "anchor" in text:
        return "text cannot start with * or &: put the whole text in quotes"
    if "block scalar" in text:
        return "nothing may follow | or > on its line: start the text on the next line, or put it in quotes"
    if "flow mapping" in text or "flow sequence" in text:
        return "text that starts with { or [ must be in quotes; a [list] needs its closing ]"
    if any(s in text for s in ("expected ':'", "expected key", "expected '-' indicator", "expected <block end>")):
        return ("check the indentation of this line and the one before it; "
                "text that starts with a quote must end with one")
    return None


def _syntax_error(exc: yaml.YAMLError, path: str, text: str = "",
                  open_quote: tuple[int, int] | None = None) -> Diagnostic:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None) or ""
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
    if "maximum nesting depth" in problem:
        # libyaml 0.2.5+ (PyYAML >= 6.0.4 wheels) refuses very deep flow nesting itself, while
        # scanning ahead of the events we count: the same finding as our own depth limit.
        return Diagnostic(path, line, col, "error", "E005", "the file is nested far too many levels deep",
                          "a scenario never needs this much nesting; check the brackets and indentation")
    found = ""
    if line is not None and col is not None:
        lines = text.split("\n")
        if line <= len(lines) and col <= len(lines[line - 1]):
            found = lines[line - 1][col - 1]
    yaml_words = problem + (f" ({context})" if context else "")
    at_context = getattr(exc, "context_mark", None)
    plain = yaml_errors.plain_words(problem, context, (line, col) if line is not None else None,
                                    (at_context.line + 1, at_context.column + 1) if at_context else None,
                                    text, open_quote)
    if plain is not None:  # the writer's words first; YAML's own as a second line
        return Diagnostic(path, plain.line, plain.col, "error", "E001", plain.message, plain.hint,
                          detail=f"YAML's own words: {yaml_words}")
    message = f"YAML cannot read this: {yaml_words}"
    hint = _syntax_hint(problem, context, found)
    if open_quote is not None and open_quote[1] == line:
        # an unclosed quote swallows text up to the next quote mark, and YAML stumbles only there
        hint = (f"the text in quotes that starts on line {open_quote[0]} runs on to line {line}: "
                "check that it has its closing quote")
    return Diagnostic(path, line, col, "error", "E001", message, hint)


def _scalar(value: str, tag: str | None, implicit: tuple[bool, bool], style: str | None) -> Any:
    """Resolve a scalar the way YAML 1.1 (and so PyYAML's SafeLoader) does, minus dates."""
    if tag is not None and tag != "!":
        kind = _ALLOWED_TAGS[tag]
        if kind == "str":
            return value
        return _typed(value, kind)
    if not implicit[0] or style:  # quoted or block text: always a string
        return value
    candidates = _resolvers.get(value[:1] if value else "")
    if candidates is None:
        return value
    for rtag, regexp in candidates:
        if regexp.match(value):
            kind = rtag[len(TAG):]
            if kind in ("bool", "int", "float", "null"):
                return _typed(value, kind)
            return value  # timestamps, merge and value keys stay text: nothing here wants them
    return value


def _typed(value: str, kind: str) -> Any:
    """A scalar of a known kind. Numbers are read by game/story/values.py, which refuses one too
    long or too big (NumberProblem) after looking only at its length, whatever form it is in."""
    if kind == "null":
        return None
    if kind == "bool":
        return value.lower() in _TRUE
    if kind == "int":
        return values.yaml_int(value)
    if kind == "float":
        return values.yaml_float(value)
    raise ValueError(kind)


def parse(text: str, path: str, limits: Limits = Limits()) -> Parsed:
    """Parse one YAML document from untrusted text into plain data plus marks.

    Never raises for bad input: every problem becomes a located diagnostic.
    """
    diags: list[Diagnostic] = []
    marks = Marks()
    enabled = gc.isenabled()
    gc.disable()
    try:
        data = _build(text, path, limits, marks, diags)
    except yaml.YAMLError as exc:
        diags.append(_syntax_error(exc, path, text, _last_multiline_quote(text)))
        data = None
    finally:
        if enabled:
            gc.enable()
    if data is None and not diags:
        diags.append(Diagnostic(path, 1, 1, "error", "E008", "the file is empty",
                                "start from a story that works: spot-the-signs new my-story"))
    return Parsed(data, marks, diags)


def _last_multiline_quote(text: str) -> tuple[int, int] | None:
    """After a syntax error: the first and last line of the last quoted text read before it
    that ran over several lines (an unclosed quote reads on to the next quote mark).

    A second pass over the events, paid only when the file cannot be read."""
    found = None
    source = _EventSource(text)
    try:
        while True:
            ev = source.get_event()
            if ev is None or type(ev) is yaml.StreamEndEvent:
                break
            if type(ev) is yaml.ScalarEvent and ev.style in _QUOTES and ev.end_mark.line != ev.start_mark.line:
                found = (ev.start_mark.line + 1, ev.end_mark.line + 1)
    except yaml.YAMLError:
        pass
    finally:
        dispose = getattr(source, "dispose", None)
        if dispose is not None:
            dispose()
    return found


class _Stop(Exception):
    pass


def _refuse(diags: list[Diagnostic], d: Diagnostic) -> None:
    diags.append(d)
    raise _Stop


def _build(text: str, path: str, limits: Limits, marks: Marks, diags: list[Diagnostic]) -> Any:
    # Event classes, bound once: this loop runs once per YAML event.
    ScalarEvent = yaml.ScalarEvent
    MappingStart = yaml.MappingStartEvent
    SequenceStart = yaml.SequenceStartEvent
    CollectionEnd = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    DocumentStart = yaml.DocumentStartEvent
    StreamEnd = yaml.StreamEndEvent
    AliasEvent = yaml.AliasEvent
    allowed = _ALLOWED_TAGS
    comment_after = _COMMENT_AFTER
    table_of = marks.of
    max_depth = limits.max_depth

    source = _EventSource(text)
    get_event = source.get_event
    # stack entries: [container, table, pending_key, pending_key_pos]
    stack: list[list[Any]] = []
    root: Any = None
    documents = 0
    try:
        while True:
            ev = get_event()
            cls = type(ev)
            if cls is ScalarEvent or cls is MappingStart or cls is SequenceStart:
                anchor = ev.anchor
                if anchor is not None:
                    m = ev.start_mark
                    _refuse(diags, Diagnostic(
                        path, m.line + 1, m.column + 1, "error", "E006",
                        f"anchors and aliases (&{anchor}, *{anchor}) are not allowed in scenario files",
                        "write the text out again where you need it; if the text starts with & or *, put it in quotes",
                    ))
                tag = ev.tag
                if tag is not None and tag not in allowed:
                    m = ev.start_mark
                    _refuse(diags, Diagnostic(
                        path, m.line + 1, m.column + 1, "error", "E007",
                        f"the tag {preview(tag)} is not allowed in scenario files",
                        "remove it; if the text starts with !, put it in quotes",
                    ))
                m = ev.start_mark
                pos = (m.line + 1, m.column + 1)
                if cls is ScalarEvent:
                    try:
                        value: Any = _scalar(ev.value, tag, ev.implicit, ev.style)
                    except NumberProblem as exc:  # reported, left out, and reading goes on
                        diags.append(Diagnostic(path, pos[0], pos[1], "error", "E013",
                                                f"the number {preview(ev.value)} {exc}",
                                                f"{values.NUMBER_RANGE}; if this is text, put it in quotes"))
                        value = _DROP
                    except (ValueError, TypeError, OverflowError):  # e.g. "!!int abc"
                        _refuse(diags, Diagnostic(path, pos[0], pos[1], "error", "E007",
                                                  f"the tag {preview(tag)} does not fit {preview(ev.value)}",
                                                  "remove the tag"))
                    if ev.style == '"' and (bad := values.text_problem(ev.value)) is not None:
                        # raw control characters were refused before parsing; these were written as escapes
                        diags.append(Diagnostic(
                            path, pos[0], pos[1], "error", "E004",
                            f"this text holds an invisible control character ({bad[1]})",
                            "remove the \\ and the letter after it; in text only \\n (a new line) and \\t (a tab) "
                            "may be written that way",
                        ))
                        value = _DROP
                    if not ev.style and " " in ev.value and comment_after.match(text, ev.end_mark.index):
                        # `- mia: I'm his #1 fan` shows pupils only "I'm his": YAML read the rest as a comment
                        diags.append(Diagnostic(
                            path, pos[0], pos[1], "warning", "W004",
                            f"the text stops at '#': everything after it is a comment, so pupils see only "
                            f"{preview(ev.value)}",
                            "put the whole text in quotes if the # is part of it, or move the comment to its own line",
                        ))
                    child_table = None
                else:
                    if len(stack) >= max_depth:
                        _refuse(diags, Diagnostic(
                            path, pos[0], pos[1], "error", "E005",
                            f"the file is nested more than {max_depth} levels deep",
                            "a scenario never needs this much nesting; check the indentation",
                        ))
                    if cls is MappingStart:
                        if tag is not None and tag != "!" and allowed[tag] != "map":
                            _refuse(diags, Diagnostic(path, pos[0], pos[1], "error", "E007",
                                                      f"the tag {preview(tag)} does not fit a mapping",
                                                      "remove the tag"))
                        value = {}
                        child_table = {}
                    else:
                        if tag is not None and tag != "!" and allowed[tag] != "seq":
                            _refuse(diags, Diagnostic(path, pos[0], pos[1], "error", "E007",
                                                      f"the tag {preview(tag)} does not fit a list", "remove the tag"))
                        value = []
                        child_table = []
                    table_of[id(value)] = child_table
                if stack:
                    top = stack[-1]
                    container = top[0]
                    if type(container) is list:
                        if value is not _DROP:
                            container.append(value)
                            top[1].append(pos)
                    elif top[2] is _NO_KEY:
                        if child_table is not None:
                            _refuse(diags, Diagnostic(
                                path, pos[0], pos[1], "error", "E001",
                                "a key must be a single word or text, not a list or mapping",
                                "check the indentation and the '-' and ':' on this line",
                            ))
                        top[2] = value
                        top[3] = pos
                    elif top[2] is _DROP or value is _DROP:  # a key or value refused above: left out
                        top[2] = _NO_KEY
                    else:
                        key = top[2]
                        try:
                            duplicate = key in container
                        except TypeError:  # pragma: no cover - keys are scalars, always hashable
                            duplicate = False
                        if duplicate:
                            kpos = top[3]
                            first = top[1][key][0]
                            diags.append(Diagnostic(
                                path, kpos[0], kpos[1], "error", "E009",
                                f"the key {preview(key)} appears twice in the same block (first on line {first[0]})",
                                "YAML keeps only one of them: remove or rename one",
                            ))
                        else:
                            container[key] = value
                            top[1][key] = (top[3], pos)
                        top[2] = _NO_KEY
                else:
                    if documents > 1:
                        _refuse(diags, Diagnostic(
                            path, pos[0], pos[1], "error", "E008",
                            "a scenario file must hold exactly one YAML document",
                            "remove the '---' line, or split the file into one file per scenario",
                        ))
                    root = None if value is _DROP else value
                    marks.root = pos
                if child_table is not None:
                    stack.append([value, child_table, _NO_KEY, None])
            elif cls in CollectionEnd:
                stack.pop()
            elif cls is AliasEvent:
                m = ev.start_mark
                _refuse(diags, Diagnostic(
                    path, m.line + 1, m.column + 1, "error", "E006",
                    f"anchors and aliases (*{ev.anchor}) are not allowed in scenario files",
                    "write the text out again where you need it; if the text starts with * or &, put it in quotes",
                ))
            elif cls is DocumentStart:
                documents += 1
                if documents > 1:
                    m = ev.start_mark
                    _refuse(diags, Diagnostic(
                        path, m.line + 1, m.column + 1, "error", "E008",
                        "a scenario file must hold exactly one YAML document",
                        "remove the '---' line, or split the file into one file per scenario",
                    ))
            elif cls is StreamEnd:
                break
    except _Stop:
        return None
    finally:
        dispose = getattr(source, "dispose", None)
        if dispose is not None:
            dispose()
    return root


_NO_KEY = object()
_DROP = object()  # a value refused with a diagnostic: it is left out of the data, and reading goes on
