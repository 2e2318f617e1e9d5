"""What a number or a text may be, in every file the game reads: the one place that decides.

Scenario files, signs.yaml, help.yaml, themes.yaml, language.yaml, the classroom file (all read
by game/story/safe_yaml.py), and the JSON the game keeps for itself (saves, settings, the
library index) all follow these rules, so no value can reach the rest of the program that
would break it:

* **Numbers** are whole numbers or decimals between -MAX_NUMBER and MAX_NUMBER, finite, and
  written in at most MAX_NUMBER_CHARS characters. A number of thousands of digits would reach
  Python's limit on turning numbers into text (a traceback when a message or a save shows
  it); a YAML 1.1 base-60 number (``1:0:0:...``) costs time in the square of its length to
  read. Both are refused after one look at the text's length, before any conversion.
* **Text** holds no control characters other than newline and tab, whether typed into the
  file or written as an escape (``"\\0"``, ``"\\e"``, ``"\\a"``, ``"\\x1b"``...): they are invisible
  in an editor, make terminals misbehave, break Graphviz and PDF output, and a NUL stops
  pygame drawing text at all. Lone surrogates (``"\\ud800"``) cannot be written as UTF-8 at all.
* **Describing a value** in a message never converts an unbounded one: ``preview`` shows a
  bounded piece of it.

Nothing here imports more than the standard library: the settings and the save reader use it
before the engine loads.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

MAX_NUMBER = 1_000_000  # the largest number (either sign) any file may hold: minutes, counters, settings ...
MAX_NUMBER_CHARS = 32  # a number written with more characters than this is refused unread
# Counters in a save can pass MAX_NUMBER: a story may add to one at every step. A save holds at
# most ~500,000 steps (1 MiB), each adding at most MAX_NUMBER, so this is never reached by a real one.
MAX_COUNTER = 1_000_000_000_000
MAX_JSON_INT_CHARS = 20  # JSON the game writes holds no integer longer than a 64-bit one
NUMBER_RANGE = f"numbers go from -{MAX_NUMBER:,} to {MAX_NUMBER:,}"
PREVIEW_CHARS = 40  # how much of a long value a message shows

# C0 controls but tab and newline, DEL, C1 controls (U+0085 is a line break to YAML but not to
# editors), the Unicode line and paragraph separators, lone surrogates and the two non-characters.
BAD_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
# The same in a whole file's text, where a carriage return is half of a Windows line break.
BAD_IN_FILE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
_ESCAPES = {"\x00": "\\0", "\x07": "\\a", "\x08": "\\b", "\x0b": "\\v", "\x0c": "\\f", "\r": "\\r",
            "\x1b": "\\e", "\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P"}


class NumberProblem(ValueError):
    """A number that cannot be used; the message says why, for a writer."""


# --- numbers ----------------------------------------------------------------------------------


def number_problem(value: Any) -> str | None:
    """Why ``value`` (an int or a float already read) cannot be used, or None when it can."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and math.isnan(value):
        return "is not a number that can be used"
    if abs(value) > MAX_NUMBER:
        return "is too big"
    return None


def yaml_int(text: str) -> int:
    """A YAML 1.1 integer (``12``, ``0x1f``, ``0b101``, ``017``, ``1:30``, ``1_000``) in time
    linear in its length; NumberProblem when it is too long or too big."""
    sign, body = _sign_and_body(text)
    if body[:2] in ("0b", "0x"):
        value = int(_bounded(body[2:]) or "0", 2 if body[1] == "b" else 16)
    elif ":" in body:  # base 60: 1:30 is 90
        value = 0
        for part in _bounded(body).split(":"):
            value = value * 60 + int(part or "0")
    elif body[:1] == "0" and len(body) > 1:
        value = int(_bounded(body[1:]) or "0", 8)
    else:
        value = int(_bounded(body) or "0")
    return _in_range(sign * value)


def decimal_int(text: str) -> int:
    """A whole number written in the digits 0-9 (``12``, ``-3``, ``007``), as conditions and
    the command line write them; NumberProblem when it is too long or too big."""
    sign, body = _sign_and_body(text)
    if not body.isascii() or not body.isdigit():
        raise ValueError(f"not a whole number: {preview(text)}")
    return _in_range(sign * int(_bounded(body) or "0"))


def yaml_float(text: str) -> float:
    """A YAML 1.1 float (``1.5``, ``1e3``, ``.5``, ``1:30.5``); ``.inf`` and ``.nan`` are refused."""
    sign, body = _sign_and_body(text)
    if body.lower() in (".inf", ".nan"):
        raise NumberProblem("is not a number that can be used")
    body = _bounded(body)
    if ":" in body:
        value = 0.0
        for part in body.split(":"):
            value = value * 60 + float(part or "0")
    else:
        value = float(body or "0")
    return _in_range(sign * value)


def _sign_and_body(text: str) -> tuple[int, str]:
    body = text.strip().replace("_", "")
    sign = -1 if body[:1] == "-" else 1
    return sign, body.lstrip("+-")


def _bounded(digits: str) -> str:
    """The digits without leading zeros (they change nothing), refused when still too long:
    only the length is looked at, so a number of a million digits costs one pass."""
    core = digits.lstrip("0")
    if len(core) > MAX_NUMBER_CHARS:
        raise NumberProblem("is too long")
    return "0" + core if core[:1] == "." else core


def _in_range(value: Any) -> Any:
    problem = number_problem(value)
    if problem is not None:
        raise NumberProblem(problem)
    return value


def counter_problem(value: Any) -> str | None:
    """Why a counter's value in a save cannot be used, or None."""
    if isinstance(value, bool) or not isinstance(value, int):
        return "is not a whole number"
    if abs(value) > MAX_COUNTER:
        return "is too big"
    return None


# --- text --------------------------------------------------------------------------------------


def text_problem(text: str, pattern: re.Pattern[str] = BAD_TEXT) -> tuple[int, str] | None:
    """(where, a description) of the first character that text may not hold, or None.
    ``pattern``: BAD_IN_FILE for a whole file's text."""
    m = pattern.search(text)
    if m is None:
        return None
    char = m.group()
    escape = _ESCAPES.get(char)
    shown = f"U+{ord(char):04X}" + (f", written {escape}" if escape else "")
    return m.start(), shown


def clean_text(value: Any) -> bool:
    """Whether ``value`` is text that follows the rules above."""
    return isinstance(value, str) and BAD_TEXT.search(value) is None


# --- describing values -------------------------------------------------------------------------


def preview(value: Any, limit: int = PREVIEW_CHARS) -> str:
    """A value for a message, never longer than about ``limit`` characters and never converting
    a huge number: text is quoted and cut short; numbers past ~30 digits are described."""
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, int):
        if value.bit_length() > 100:
            return f"a number of about {int(value.bit_length() * 0.30103):,} digits"
        return repr(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        cut = value if len(value) <= limit else value[:limit] + "..."
        return repr(BAD_TEXT.sub("?", cut))
    if isinstance(value, (list, tuple)):
        return f"a list of {len(value):,} items"
    if isinstance(value, dict):
        return f"a mapping of {len(value):,} keys"
    return type(value).__name__


# --- JSON the game keeps -------------------------------------------------------------------------


def load_json(raw: bytes) -> Any:
    """Parse JSON the game wrote itself (a save, the settings, the library index), as untrusted:
    ValueError for anything that is not plain JSON data with bounded numbers (an integer of
    thousands of digits, NaN, Infinity, nesting past Python's recursion limit, not UTF-8)."""
    try:
        return json.loads(raw.decode("utf-8"), parse_int=_json_int, parse_float=_json_float,
                          parse_constant=_json_constant)
    except RecursionError:
        raise ValueError("nested too deeply") from None


def _json_int(text: str) -> int:
    if len(text) > MAX_JSON_INT_CHARS:
        raise ValueError("a number is too long")
    return int(text)


def _json_float(text: str) -> float:
    if len(text) > MAX_NUMBER_CHARS * 2:
        raise ValueError("a number is too long")
    value = float(text)
    if not math.isfinite(value):
        raise ValueError("a number is too big")
    return value


def _json_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number that can be used")
