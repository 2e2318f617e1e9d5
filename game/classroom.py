"""The classroom file: what a school sets once for every pupil on a machine (no pygame here).

    classroom.yaml, in the user config folder (game.paths.config_dir()), or the file given with
    ``spot-the-signs play --classroom FILE`` (or $SPOT_THE_SIGNS_CLASSROOM), so an IT technician
    can deploy one file to every machine:

    scenarios: [new-friend, art-account]     # the stories pupils see (leave out: all of them)
    contact:                                 # shown on every help screen and debrief
      name: Mrs Patel
      role: designated safeguarding lead
      where: Room 12, or ask at the school office
    discussion_pauses: true
    settings: {text_scale: 1.25, theme: dark}   # default accessibility settings (a pupil's own win)

It is read with the same safe YAML reader as scenarios (limits, no aliases or tags) and its
mistakes are the same located diagnostics (file, line, column, hint). A bad file never stops the
game: what cannot be used is left out (a broken value, or the block it is in) and the rest still
applies, so a typo in one setting never shows pupils stories the teacher had hidden. Unknown story
ids are reported (with a did-you-mean) and simply match nothing.

    read_classroom(path) -> ClassroomFile   # never raises
    current() -> ClassroomFile              # the file in use, read again only when it changed
    save_classroom(classroom, path) -> None or the reason it could not be saved (atomic write)
"""

from __future__ import annotations

import copy
import os
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    Field,
    StrictBool,
    StringConstraints,
    ValidationError,
    create_model,
    field_validator,
)

from game.atomic import write_atomic
from game.classroom_path import CLASSROOM_ENV, CLASSROOM_NAME, classroom_path, use_file  # noqa: F401 - re-exported
from game.settings import CHOICES, RANGES, Settings
from game.story.diagnostics import Diagnostic, did_you_mean, has_errors
from game.story.model import Id, Strict
from game.story.safe_yaml import Limits
from game.story.source import Source
from game.story.validate import validate
from game.story.values import clean_text

LIMITS = Limits(max_bytes=64 * 1024, max_depth=8)
DOCS = "docs/classroom.md"
DEFAULT_HEADER = """\
# Spot the Signs: classroom settings, for every pupil who uses this computer.
# The teacher area (press T on the title screen) writes this file; you can also edit it by hand.
# What each line means, and where this file lives: docs/classroom.md
"""

def _plain_text(value: str) -> str:
    """The contact is shown on every help screen: no control characters, however it was written
    (the YAML reader refuses them in the file; this holds for the teacher area too)."""
    if not clean_text(value):
        raise ValueError("should not hold control characters (only letters, numbers, spaces and punctuation)")
    return value


Short = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60),
                  AfterValidator(_plain_text)]
Longer = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120),
                   AfterValidator(_plain_text)]


class Contact(Strict):
    """The school's designated safeguarding lead (DSL) or pastoral contact, for the help screens."""

    name: Short = Field(description="who pupils can talk to, e.g. Mrs Patel")
    role: Short = Field(None, description="e.g. designated safeguarding lead, or Head of Year 8")  # type: ignore
    where: Longer = Field(None, description="where pupils find them, e.g. Room 12, or the office")  # type: ignore

    def lines(self) -> tuple[str, str | None]:
        """(who, where) as pupils read them: 'Mrs Patel, designated safeguarding lead'."""
        who = f"{self.name}, {self.role}" if self.role else self.name
        return who, (f"Where to find them: {self.where}" if self.where else None)


def _settings_model() -> type[Strict]:
    """The settings a classroom may set, one optional key per field of game.settings.Settings, with
    the same ranges and choices (a field added there is accepted here without a change)."""
    spec: dict[str, Any] = {}
    for f in fields(Settings):
        if f.name in RANGES:
            low, high = RANGES[f.name]
            spec[f.name] = (float, Field(None, ge=low, le=high, strict=True))
        elif f.name in CHOICES:
            spec[f.name] = (Literal[CHOICES[f.name]], None)  # type: ignore[valid-type]
        elif isinstance(f.default, bool):
            spec[f.name] = (StrictBool, None)
    return create_model("ClassroomSettings", __base__=Strict, **spec)


ClassroomSettings = _settings_model()


class Classroom(Strict):
    """classroom.yaml. A key left out keeps the built-in behaviour; an empty value is a mistake."""

    scenarios: list[Id] = Field(None, description="the story ids pupils see; leave out to show all")  # type: ignore
    contact: Contact = Field(None, description="the school's safeguarding lead or pastoral contact")  # type: ignore
    discussion_pauses: StrictBool = Field(False, description="pause at each scene's discussion question")
    settings: ClassroomSettings = Field(  # type: ignore[valid-type]
        default_factory=ClassroomSettings, description="default accessibility settings (see game/settings.py)")

    _one_id_is_a_list = field_validator("scenarios", mode="before")(
        lambda value: [value] if isinstance(value, str) else value)

    def allows(self, story_id: str) -> bool:
        return self.scenarios is None or story_id in self.scenarios

    def visible(self, stories: Iterable[Any]) -> list[Any]:
        """The stories (anything with an ``id``) pupils see, in the order given."""
        return [s for s in stories if self.allows(s.id)]

    def settings_layer(self) -> dict[str, Any]:
        """The classroom's settings for game.settings.load_settings(classroom=...): only those set."""
        return self.settings.model_dump(exclude_unset=True)

    def to_data(self) -> dict[str, Any]:
        """Plain data for the file: only what differs from the built-in behaviour."""
        data: dict[str, Any] = {}
        if self.scenarios is not None:
            data["scenarios"] = list(self.scenarios)
        if self.contact is not None:
            data["contact"] = self.contact.model_dump(exclude_none=True)
        if self.discussion_pauses:
            data["discussion_pauses"] = True
        layer = self.settings_layer()
        if layer:
            data["settings"] = layer
        return data

    def changed(self, **values: Any) -> Classroom:
        """A checked copy with ``values`` replaced (a ValidationError if one does not fit)."""
        data = self.to_data()
        for key, value in values.items():
            if value is None or value == {}:
                data.pop(key, None)
            else:
                data[key] = value
        return Classroom.model_validate(data)


SETTING_KEYS = tuple(ClassroomSettings.model_fields)


@dataclass(frozen=True)
class ClassroomFile:
    """What was read: the classroom that applies, and every problem found, located."""

    path: Path
    classroom: Classroom = field(default_factory=Classroom)
    diagnostics: tuple[Diagnostic, ...] = ()
    exists: bool = False
    header: str = DEFAULT_HEADER

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)

    def status(self) -> str:
        """One sentence for the teacher area."""
        if not self.exists:
            return "There is no classroom file yet: pupils see every story and the built-in settings."
        errors = sum(d.severity == "error" for d in self.diagnostics)
        warnings = len(self.diagnostics) - errors
        if not self.diagnostics:
            return "The classroom file is in use and has no problems."
        parts = [f"{n} {word}{'s' if n != 1 else ''}" for n, word in ((errors, "mistake"), (warnings, "warning")) if n]
        return (f"The classroom file has {' and '.join(parts)}. "
                + ("What could not be read is left out; the rest is in use." if errors else "It is in use."))


def known_story_ids() -> list[str]:
    """The ids of the stories in the built-in scenes folder (ids are their file names)."""
    from game.paths import scenes_dir
    from game.story.library import scenario_files

    try:
        return [p.stem for p in scenario_files(scenes_dir())]
    except OSError:
        return []


# -- reading ------------------------------------------------------------------------------------


def read_classroom(path: str | os.PathLike[str] | None = None, known: Collection[str] | None = None,
                   lint: bool = False, display: str | None = None) -> ClassroomFile:
    """The classroom in ``path`` (default: classroom_path()). Never raises.

    ``known``: the story ids that exist (default: the built-in library's); ``lint``: also check
    the contact's words against the avoid list in scenes/language.yaml (`check` and the teacher area).
    """
    from game.story.load import read_source

    where = Path(path) if path is not None else classroom_path()
    name = display or str(where)
    if not where.exists():
        return ClassroomFile(where)
    # A technician may link the file in from a shared place: it is only read as settings, so the
    # link is followed (the scenes, art and audio folders never follow one out).
    src, _raw, diags = read_source(where, LIMITS, name, confine=False, partial=True)
    header = _header(src.text) if src is not None else _header_of(where)
    if src is None:
        if _only_comments(diags):
            return ClassroomFile(where, exists=True, header=header)
        return ClassroomFile(where, diagnostics=tuple(_for_classroom(diags)), exists=True, header=header)
    classroom, problems = classroom_from(src, known if known is not None else known_story_ids(), lint)
    return ClassroomFile(where, classroom, tuple(_for_classroom(diags + problems)), True, header)


def parse_classroom(text: str, name: str = CLASSROOM_NAME, known: Collection[str] | None = None,
                    lint: bool = False) -> ClassroomFile:
    """The same as read_classroom for text held in memory (tests, tools)."""
    from game.story.load import parse_bytes

    src, diags = parse_bytes(text.encode("utf-8"), name, LIMITS, partial=True)
    if src is None:
        if _only_comments(diags):
            return ClassroomFile(Path(name), exists=True, header=_header(text))
        return ClassroomFile(Path(name), diagnostics=tuple(_for_classroom(diags)), exists=True, header=_header(text))
    classroom, problems = classroom_from(src, known if known is not None else known_story_ids(), lint)
    return ClassroomFile(Path(name), classroom, tuple(_for_classroom(diags + problems)), True, _header(text))


def classroom_from(src: Source, known: Collection[str], lint: bool = False) -> tuple[Classroom, list[Diagnostic]]:
    """The usable classroom in a parsed file, and every problem in it."""
    if src.data is None:  # only comments: every default
        return Classroom(), []
    value, diags = validate(Classroom, src)
    if value is None:
        value = _usable(src.data)
    diags = [_with_hint(d, src) for d in diags]
    diags += _story_ids(src, known)
    if lint:
        diags += _contact_words(src)
    return value, diags


def _usable(data: Any) -> Classroom:
    """What can be used of a file that did not validate: each broken value is left out (then, if
    that is not enough, the block it is in), so the rest of the teacher's file still applies."""
    if not isinstance(data, dict):
        return Classroom()
    data = copy.deepcopy(data)
    for depth in (2, 1):
        try:
            return Classroom.model_validate(data)
        except ValidationError as exc:
            for loc in sorted({tuple(e["loc"][:depth]) for e in exc.errors()}, key=_deepest_last, reverse=True):
                _remove(data, loc)
    try:
        return Classroom.model_validate(data)
    except ValidationError:
        return Classroom()


def _deepest_last(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple((1, p) if isinstance(p, int) else (0, str(p)) for p in loc)  # list items from the end


def _remove(data: Any, loc: tuple[Any, ...]) -> None:
    node = data
    for step in loc[:-1]:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return
    last = loc[-1] if loc else None
    if isinstance(node, dict):
        node.pop(last, None)
    elif isinstance(node, list) and isinstance(last, int) and 0 <= last < len(node):
        del node[last]


def _story_ids(src: Source, known: Collection[str]) -> list[Diagnostic]:
    """E060 for a story id that is not in the library, W060 for one listed twice, W061 for none."""
    listed = src.data.get("scenarios") if isinstance(src.data, dict) else None
    if not isinstance(listed, list):
        return []
    out: list[Diagnostic] = []
    seen: set[str] = set()
    for i, item in enumerate(listed):
        if not isinstance(item, str):
            continue
        if known and item not in known:
            out.append(src.diag(("scenarios", i), "E060", f"there is no story called {item!r}",
                                did_you_mean(item, known) or "the stories are: " + ", ".join(sorted(known))))
        elif item in seen:
            out.append(src.diag(("scenarios", i), "W060", f"the story {item!r} is listed twice",
                                "delete one of the two lines", severity="warning"))
        seen.add(item)
    if not listed:
        out.append(src.diag(("scenarios",), "W061", "pupils will see no stories: the list is empty",
                            "list the story ids pupils may play, or delete 'scenarios:' to show them all",
                            severity="warning"))
    return out


@lru_cache(maxsize=2)
def _phrasebook(path: Path):  # -> Phrasebook | None
    from game.story.load import load_language

    return load_language(path)[0] if path.exists() else None


def _contact_words(src: Source) -> list[Diagnostic]:
    """The avoid list of scenes/language.yaml on what the contact says (the same rule as teacher notes)."""
    from game.paths import scenes_dir
    from game.story.check.language import diagnostic_for

    contact = src.data.get("contact") if isinstance(src.data, dict) else None
    if not isinstance(contact, dict):
        return []
    book = _phrasebook(scenes_dir() / "language.yaml")
    if book is None:
        return []
    out = []
    for key in ("name", "role", "where"):
        text = contact.get(key)
        if not isinstance(text, str):
            continue
        for found in book.find(text, "metadata"):
            code, message, hint = diagnostic_for(found)
            out.append(src.diag(("contact", key), code, message, hint,
                                severity="error" if code.startswith("E") else "warning"))
    return out


_RANGE_HINTS = {name: f"{name} goes from {low:{'.1f' if high <= 10 else 'g'}} to {high:{'.1f' if high <= 10 else 'g'}}"
                for name, (low, high) in RANGES.items()}


def _with_hint(d: Diagnostic, src: Source) -> Diagnostic:
    """Hints that fit this file: the ranges of settings, and where to read about the file."""
    hint = d.hint
    if _points_at_a_story(hint):
        hint = f"see {DOCS} for an example"
    if hint is None:
        for name, text in _RANGE_HINTS.items():
            if f"'settings.{name}'" in d.message:
                hint = text + (" (a number without quotes)" if "valid number" in d.message else "")
                break
    if hint is None:
        for name, choices in CHOICES.items():
            if d.message.startswith(f"'settings.{name}'"):
                block = src.data.get("settings") if isinstance(src.data, dict) else None
                hint = did_you_mean(str(block.get(name)), choices) if isinstance(block, dict) else None
    if hint is None and "'discussion_pauses'" in d.message:
        hint = "write true or false"
    if hint is None and "'settings." in d.message and "valid boolean" in d.message:
        hint = "write true or false"
    if hint == d.hint:
        return d
    return replace(d, hint=hint)


def _points_at_a_story(hint: str | None) -> bool:
    """A reader's hint that sends the writer to a story file, which does not fit a classroom file."""
    return bool(hint) and ("scenes/example.yaml" in hint or "spot-the-signs new" in hint)


def _for_classroom(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The reader's own messages name scenario files and stories; say classroom file instead."""
    out = []
    for d in diags:
        hint = f"see {DOCS} for an example" if _points_at_a_story(d.hint) else d.hint
        if d.code == "E002":
            hint = f"a classroom file is a few lines long: check that this is the right file (see {DOCS})"
        message = d.message.replace("scenario files", "the classroom file").replace("a scenario file", "the file")
        out.append(replace(d, message=message, hint=hint))
    return out


def _only_comments(diags: list[Diagnostic]) -> bool:
    """The reader found nothing but comments and blank lines: a classroom file may be just that."""
    return bool(diags) and all(d.code == "E008" and d.message == "the file is empty" for d in diags)


def _header(text: str) -> str:
    """The comment lines at the top of the file (kept when the teacher area saves it)."""
    lines = []
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            break
        lines.append(line)
    while lines and not lines[-1].strip():
        lines.pop()
    return ("\n".join(lines) + "\n") if lines else DEFAULT_HEADER


def _header_of(path: Path) -> str:
    from game.story.files import read_file

    try:
        return _header(read_file(path, max_bytes=LIMITS.max_bytes).decode("utf-8"))
    except (OSError, UnicodeDecodeError):
        return DEFAULT_HEADER


# -- the file in use ------------------------------------------------------------------------------

_cache: dict[Path, tuple[tuple[int, int, int] | None, ClassroomFile]] = {}


def current() -> ClassroomFile:
    """The classroom file in use (classroom_path()), read again only when the file changed:
    the help screen and the picker ask for it each time they open, at the cost of a stat."""
    path = classroom_path()
    try:
        st = path.stat()
        stamp: tuple[int, int, int] | None = (st.st_mtime_ns, st.st_size, st.st_ino)
    except OSError:
        stamp = None
    cached = _cache.get(path)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    result = read_classroom(path)
    _cache.clear()  # one file is in use at a time
    _cache[path] = (stamp, result)
    return result


def school_contact() -> Contact | None:
    """The contact in the classroom file in use, if the school set one. Reading the file never
    raises for a bad file; should anything else go wrong, help is shown without the school's
    contact rather than not at all."""
    try:
        return current().classroom.contact
    except Exception:
        return None


def classroom_defaults() -> dict[str, Any]:
    """The classroom's default settings, for load_settings(classroom=...) and save_settings."""
    return current().classroom.settings_layer()


# -- writing ----------------------------------------------------------------------------------------


def to_yaml(classroom: Classroom, header: str = DEFAULT_HEADER) -> str:
    import yaml

    data = classroom.to_data()
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100) if data \
        else ""
    return header.rstrip("\n") + "\n\n" + body


def save_classroom(classroom: Classroom, path: str | os.PathLike[str] | None = None,
                   header: str | None = None, keep_old: bool = False) -> str | None:
    """Write ``classroom`` atomically, keeping the comment lines at the top of the file.

    ``keep_old``: first move the old file to classroom.yaml.bak (the teacher area does when the old
    file had mistakes, so nothing the teacher typed is lost). Returns None, or one sentence saying
    why the file could not be written (it is then unchanged).
    """
    where = Path(path) if path is not None else classroom_path()
    if header is None:
        header = _header_of(where) if where.exists() else DEFAULT_HEADER
    text = to_yaml(classroom, header)
    try:
        write_atomic(where, text.encode("utf-8"),
                     backup=where.with_name(where.name + ".bak") if keep_old and where.exists() else None)
    except OSError as exc:
        return f"The classroom file could not be saved ({exc.strerror or exc}): {where}"
    return None


# -- changes from the teacher area --------------------------------------------------------------------


def with_story(classroom: Classroom, story_id: str, shown: bool, known: Sequence[str]) -> Classroom:
    """``classroom`` with ``story_id`` shown to pupils or hidden. The list is rebuilt in the
    library's order from the stories that exist (an id that matches no story is dropped)."""
    before = set(known) if classroom.scenarios is None else set(classroom.scenarios)
    after = (before | {story_id}) if shown else (before - {story_id})
    return classroom.changed(scenarios=[s for s in known if s in after])


def save_change(classroom: Classroom, state: ClassroomFile | None = None, lint: bool = False,
                known: Sequence[str] | None = None) -> tuple[ClassroomFile, str]:
    """Save ``classroom`` over the file ``state`` was read from (default: the one in use); the file
    as read back, and one sentence for the teacher. A file that had mistakes is kept beside it
    first (classroom.yaml.bak), so nothing typed by hand is lost. ``known``: the stories that
    exist; the list of stories pupils see is saved in their order, without ids that match none."""
    state = state if state is not None else current()
    if known is not None and classroom.scenarios is not None:
        classroom = classroom.changed(scenarios=[s for s in known if s in set(classroom.scenarios)])
    keep_old = state.exists and not state.ok
    problem = save_classroom(classroom, state.path, header=state.header, keep_old=keep_old)
    if problem is not None:
        return state, problem
    after = read_classroom(state.path, lint=lint)
    note = f" The old file, with its mistakes, is kept as {state.path.name}.bak." if keep_old else ""
    return after, f"Saved.{note}"
