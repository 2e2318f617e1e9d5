"""Model validation with pydantic, its errors turned into located, writer-friendly diagnostics."""

from __future__ import annotations

import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from game.story.diagnostics import Diagnostic, did_you_mean
from game.story.source import Source
from game.story.values import preview

M = TypeVar("M", bound=BaseModel)

_YAML_BOOL_HINT = (
    "YAML reads yes, no, on, off, true and false as true/false, not as text: "
    "put the text in quotes, e.g. \"No\""
)
_QUOTE_NUMBER_HINT = "YAML read this as a number: put it in quotes, e.g. \"11-13\" or \"007\""
_DASHES = "\u2010\u2011\u2012\u2013\u2014"  # what word processors turn a typed '-' into
_ID_HINT = "ids use lowercase letters, numbers, - and _ only, e.g. bus-stop"


def validate(model: type[M], src: Source) -> tuple[M | None, list[Diagnostic]]:
    if not isinstance(src.data, dict):
        line, col = src.at()
        return None, [Diagnostic(
            src.path, line, col, "error", "E010",
            "the file must be a set of 'key: value' lines at the top level",
            "start from a story that works: spot-the-signs new my-story",
        )]
    try:
        return model.model_validate(src.data), []
    except ValidationError as exc:
        return None, [_diagnostic(model, src, err) for err in exc.errors(include_url=False)]


def _diagnostic(model: type[BaseModel], src: Source, err: Any) -> Diagnostic:
    loc: tuple[Any, ...] = tuple(err["loc"])
    kind: str = err["type"]
    value = err.get("input")
    is_key = bool(loc) and loc[-1] == "[key]"
    path = loc[:-1] if is_key else loc
    if kind == "invalid_key":  # a key that is not text where a model expects its own keys
        is_key = True
    if is_key and path and not isinstance(value, str):
        path = (*path[:-1], value)  # pydantic writes None as 'None' in loc; the data hold the real key
    where = _describe(path)
    if kind == "extra_forbidden":
        known = _known_keys(model, path[:-1])
        return src.diag(path, "E011", f"unknown key {path[-1]!r}{_in(path[:-1])}",
                        did_you_mean(str(path[-1]), known) or _list_known(known), key=True)
    if kind == "missing":
        return src.diag(path[:-1], "E012", f"{_in(path[:-1], lead='')} missing the key {path[-1]!r}".strip(),
                        f"add a line '{path[-1]}: ...'", key=True)
    if is_key:
        if value is None:
            hint = "this key is empty: write a name before the ':'"
        elif isinstance(value, bool):
            hint = _YAML_BOOL_HINT
        else:
            hint = _QUOTE_NUMBER_HINT if isinstance(value, (int, float)) else _ID_HINT
        return src.diag(path, "E014", f"{preview(value)} cannot be used as an id{_in(path[:-1])}", hint, key=True)
    if kind in ("string_type", "literal_error", "string_pattern_mismatch", "int_type", "int_parsing",
                "bool_type", "bool_parsing", "dict_type", "list_type", "model_type", "model_attributes_type"):
        hint = None
        wants_text = kind in ("string_type", "string_pattern_mismatch") or (
            kind == "literal_error" and "'" in str(err.get("ctx", {}).get("expected", "")))
        if isinstance(value, bool) and kind != "bool_type":
            hint = _YAML_BOOL_HINT
        elif value is None and kind in ("string_type", "dict_type", "list_type", "model_type"):
            hint = "this is empty: write it after the ':' (or delete the line)"
        elif isinstance(value, (int, float)) and wants_text:
            hint = _QUOTE_NUMBER_HINT
        elif kind == "literal_error" and path and path[-1] == "tone" and path[0] == "endings":
            hint = "every ending carries hope: use 'open' for one where nobody has been told yet"
        elif kind == "literal_error" and isinstance(value, str) and any(c in value for c in _DASHES):
            hint = "use a plain hyphen (-), not a long dash; word processors change - into – as you type"
        elif kind == "string_pattern_mismatch":
            hint = _ID_HINT
        elif kind in ("dict_type", "model_type", "model_attributes_type"):
            hint = "this needs indented 'key: value' lines under it"
            if path and path[-2:-1] == ("lines",):
                hint = "write a line as text, or as 'name: text' (e.g. - mia: Hello)"
        elif kind == "list_type":
            hint = "this needs a list: one '- item' per line under it"
        elif kind in ("int_type", "int_parsing") and isinstance(value, str):
            hint = "write a whole number in figures, e.g. 10"
        return src.diag(path, "E013", f"{where}: {_message(err)}", hint)
    return src.diag(path, "E013", f"{where}: {_message(err)}")


def _message(err: Any) -> str:
    msg = str(err["msg"])
    if err["type"] == "string_pattern_mismatch":
        return "should be an id: lowercase letters, numbers, - and _ only"
    if err["type"] in ("model_type", "model_attributes_type", "dict_type"):
        return "should be a set of 'key: value' lines"
    replacements = {
        "Input should be": "should be",
        "String should have at least 1 character": "should not be empty",
        "List should have at least 1 item after validation, not 0": "should have at least one item",
        "Dictionary should have at least 1 item after validation, not 0": "should have at least one entry",
        "Value error, ": "",
        # pydantic's words for types, in a writer's
        "a valid string": "text",
        "a valid integer, unable to parse string as an integer": "a whole number",
        "a valid integer": "a whole number",
    }
    for old, new in replacements.items():
        msg = msg.replace(old, new)
    return msg


def _describe(path: tuple[Any, ...]) -> str:
    if not path:
        return "the file"
    return "'" + ".".join(str(p) if not isinstance(p, int) else f"[{p + 1}]" for p in path).replace(".[", "[") + "'"


def _in(path: tuple[Any, ...], lead: str = " ") -> str:
    return f"{lead}in {_describe(path)}" if path else ""


def _list_known(known: list[str]) -> str | None:
    return ("the keys allowed here are: " + ", ".join(known)) if known else None


def _known_keys(model: type[BaseModel], path: tuple[Any, ...]) -> list[str]:
    """The keys the model accepts at ``path``, by walking field annotations."""
    current: Any = model
    for step in path:
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = _field(current, step)
            if field is None:
                return []
            current = field
        else:
            current = _item_type(current)
            if current is None:
                return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return sorted(f.alias or name for name, f in current.model_fields.items())
    return []


def _field(model: type[BaseModel], key: Any) -> Any:
    for name, f in model.model_fields.items():
        if key in (name, f.alias):
            return _unwrap(f.annotation)
    return None


def _unwrap(tp: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(tp):
            inner = _unwrap(arg)
            if (isinstance(inner, type) and issubclass(inner, BaseModel)) or typing.get_origin(inner) in (list, dict):
                return inner
    return tp


def _item_type(tp: Any) -> Any:
    tp = _unwrap(tp)
    origin = typing.get_origin(tp)
    if origin is list:
        return _unwrap(typing.get_args(tp)[0])
    if origin is dict:
        return _unwrap(typing.get_args(tp)[1])
    return None
