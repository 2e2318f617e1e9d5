"""The JSON Schema of a scenario file, built from the pydantic model (never written by hand).

Editors use it to complete keys and flag mistakes while a writer types: a scenario file
names it on its first line,

    # yaml-language-server: $schema=../schema/scenario.schema.json

and `spot-the-signs schema -o schema/scenario.schema.json` writes it (a test fails when the
committed copy is stale).

It is JSON Schema **draft-07**, not 2020-12: the YAML extension for VS Code (and every editor
that uses the same YAML language server) validates with draft-07, and warns that 2020-12
"is not yet fully supported". So the definitions live under ``definitions`` (not ``$defs``),
and a ``$ref`` never has sibling keywords (draft-07 ignores them): they are wrapped in
``allOf``.

pydantic describes the full form of everything; the shorthand forms writers actually use are
added here from the same field definitions, so the two cannot drift apart:

- a line is text (narration), the full form (``text:`` and optional keys), or the speaker
  form ``- mia: Hello`` (one key that is not a line key, whose value is the text, plus
  optional line keys);
- ``lines:`` can be one piece of text instead of a list;
- a discussion question can be plain text instead of ``ask:`` / ``notes:``.

Pure: imports the model, never writes files.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from game.story.model import LINE_KEYS, Scenario

DRAFT = "http://json-schema.org/draft-07/schema#"
SCHEMA_ID = "urn:spot-the-signs:scenario-schema"
SCHEMA_FILE = "schema/scenario.schema.json"  # where the project keeps it, from the project folder
MODELINE = "# yaml-language-server: $schema=../schema/scenario.schema.json"  # for files in scenes/ or drafts/
REFRESH = "python -m game schema -o schema/scenario.schema.json"

_REF = "#/definitions/"
# Keys pydantic writes that only add noise in an editor's tooltips.
_NOISE = ("title",)


def scenario_schema() -> dict[str, Any]:
    """The JSON Schema (draft-07) of a scenario file, shorthand forms included."""
    raw = Scenario.model_json_schema(mode="validation", by_alias=True, ref_template=_REF + "{model}")
    defs: dict[str, Any] = raw.pop("$defs")
    body = _clean(raw, top=True)
    defs = {name: _clean(schema) for name, schema in defs.items()}

    text = copy.deepcopy(defs["Line"]["properties"]["text"])
    defs["LineFull"] = defs.pop("Line")
    defs["LineSpoken"] = _spoken_line(defs["LineFull"], text)
    defs["Line"] = {
        "description": "a line: narration as plain text, '- mia: Hello' for a character, "
                       "or the full form with 'text:'",
        "anyOf": [dict(text, description="narration"), {"$ref": _REF + "LineSpoken"},
                  {"$ref": _REF + "LineFull"}],
    }
    for owner in ("Scene", "Ending"):
        lines = defs[owner]["properties"]["lines"]
        defs[owner]["properties"]["lines"] = {
            "description": "the lines, in order (one line can be written without a list)",
            "anyOf": [dict(text, description="a single line of narration"), lines],
        }
    ask = copy.deepcopy(defs["Question"]["properties"]["ask"])
    defs["QuestionFull"] = defs.pop("Question")
    defs["Question"] = {
        "description": "a discussion question: plain text, or 'ask:' with the teacher's 'notes:'",
        "anyOf": [ask, {"$ref": _REF + "QuestionFull"}],
    }

    schema: dict[str, Any] = {
        "$schema": DRAFT,
        "$id": SCHEMA_ID,
        "title": "Spot the Signs scenario",
        "description": "One branching story for Spot the Signs (a file in scenes/). "
                       "docs/writing.md explains every key; 'spot-the-signs check' explains every mistake.",
    }
    schema.update(body)
    schema["definitions"] = dict(sorted(defs.items()))
    return schema


def schema_text() -> str:
    """The schema as the committed file holds it: stable key order, two-space indent, final newline."""
    return json.dumps(scenario_schema(), indent=2, ensure_ascii=False) + "\n"


def _spoken_line(full: dict[str, Any], text: dict[str, Any]) -> dict[str, Any]:
    """`- mia: Hello` with optional line keys: exactly one key that is not a line key, holding the text."""
    optional = {k: v for k, v in full["properties"].items() if k not in ("speaker", "text")}
    known = list(optional)
    not_speakers = sorted(set(LINE_KEYS) - set(known))  # speaker, text and other reserved keys
    return {
        "description": "a character speaks: '- mia: Hello' (the first key is the character's id), "
                       "with optional keys such as sign, why, if, voice, mood",
        "type": "object",
        "properties": optional,
        "propertyNames": {"not": {"enum": not_speakers}},
        "additionalProperties": dict(text, description="what the character says"),
        # at least one key besides the optional ones: the speaker ...
        "not": {"propertyNames": {"enum": known}},
        # ... and at most one, so a misspelt key (`sing: flattery`) is not taken for a second speaker
        **_at_most_one_more(known, 0),
    }


def _at_most_one_more(keys: list[str], present: int) -> dict[str, Any]:
    """At most one key besides those of ``keys`` that are present, as draft-07 if/then/else.

    JSON Schema cannot count the keys outside a set, so this branches on which optional keys
    are present (2**len(keys) small leaves) and bounds the total at each leaf.
    """
    if not keys:
        return {"maxProperties": present + 1}
    first, rest = keys[0], keys[1:]
    return {"if": {"required": [first]},
            "then": _at_most_one_more(rest, present + 1),
            "else": _at_most_one_more(rest, present)}


def _clean(node: Any, top: bool = False) -> Any:
    """Drop noise and null defaults; wrap $ref with siblings in allOf (draft-07 ignores siblings)."""
    if isinstance(node, list):
        return [_clean(item) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in ("properties", "patternProperties", "definitions"):
            out[key] = {name: _clean(sub) for name, sub in value.items()}
        elif key in _NOISE and not top:
            continue
        elif key == "default" and not _simple(value):
            continue  # editors insert defaults on completion: a null or an object of nulls helps nobody
        else:
            out[key] = _clean(value)
    if top:
        out.pop("title", None)
    if "$ref" in out and len(out) > 1:
        ref = out.pop("$ref")
        out = {"allOf": [{"$ref": ref}], **out}
    return out


def _simple(value: Any) -> bool:
    return isinstance(value, (str, int, float, bool)) and value is not None
