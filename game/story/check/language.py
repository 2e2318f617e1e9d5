"""Rules about wording: the avoid list of scenes/language.yaml, applied to every word a pupil or
teacher reads, and the promise that a deliberately blaming line is always answered.

    E040/W040  a phrase on the avoid list (W: the words can be fine in another sense)
    E041/W041  boyfriend, girlfriend, relationship ... in a story with a manipulator
    W042       a blaming line (voice:, or the manipulator using avoid-list words) that nothing answers
    W044       a language-allow block in a .md or .txt file that is never closed (check_document)

E043 and W043 are about language.yaml itself (game/story/phrasebook.py builds them).

Lines spoken by a character with role manipulator, and lines with ``voice: manipulator`` or
``voice: misinformed``, are exempt from the avoid list: dialogue may show what abusers and
misinformed people say. Their ``why:`` is not exempt. Choices and feedback never are: they are
the pupil's own voice and the game's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from game.story.check.context import Context
from game.story.diagnostics import Diagnostic
from game.story.model import NARRATOR, Line
from game.story.phrase_tokens import People
from game.story.phrasebook import Found, Phrasebook

CORRECTION_HINT = (
    "add a later line from a helper, or feedback on a choice in this scene, that says it is wrong, e.g. "
    "\"It's not your fault\", \"That isn't true\", \"You're not in trouble\", \"That's on him, not you\" "
    "(the phrases that count are under corrections: in scenes/language.yaml)"
)


# --- where the words are ---------------------------------------------------------------------


Where = tuple[tuple[Any, ...], str | None]  # a path in the model, and the key of the text in it


def _texts(ctx: Context) -> Iterator[tuple[Where, str, str, Line | None]]:
    """(where, text, place, line) for every piece of text a pupil or teacher reads.
    ``where`` becomes a path in the YAML (ctx.src.text_path) only for the few texts with a finding."""
    sc = ctx.scenario
    yield (("title",), None), sc.title, "metadata", None
    yield (("summary",), None), sc.summary, "metadata", None
    if sc.pupil_summary:
        yield (("pupil_summary",), None), sc.pupil_summary, "metadata", None
    for key in ("content_notes", "teacher_notes", "objectives", "follow_up"):
        for i, text in enumerate(getattr(sc, key)):
            yield ((key, i), None), text, "metadata", None
    for i, q in enumerate(sc.questions):
        yield (("questions", i), "ask"), q.ask, "metadata", None
        if q.notes:
            yield (("questions", i, "notes"), None), q.notes, "metadata", None
    for sid, scene in sc.scenes.items():
        yield from _line_texts(("scenes", sid, "lines"), scene.lines)
        if scene.discuss:
            yield (("scenes", sid, "discuss"), None), scene.discuss, "discuss", None
        if scene.discuss_notes:
            yield (("scenes", sid, "discuss_notes"), None), scene.discuss_notes, "discuss", None
        for i, choice in enumerate(scene.choices):
            yield (("scenes", sid, "choices", i, "text"), None), choice.text, "choices", None
            if choice.feedback:
                yield (("scenes", sid, "choices", i, "feedback"), None), choice.feedback, "feedback", None
    for eid, ending in sc.endings.items():
        yield (("endings", eid, "title"), None), ending.title, "titles", None
        yield from _line_texts(("endings", eid, "lines"), ending.lines)


def _line_texts(base: tuple[Any, ...], lines: list[Line]) -> Iterator[tuple[Where, str, str, Line | None]]:
    for i, line in enumerate(lines):
        place = "narration" if line.speaker == NARRATOR else "speech"
        yield ((*base, i), "text"), line.text, place, line
        if line.why:
            yield ((*base, i), "why"), line.why, "why", None


def _book(ctx: Context) -> Phrasebook | None:
    return ctx.shared.language


def _has_manipulator(ctx: Context) -> bool:
    return any(c.role == "manipulator" for c in ctx.scenario.characters.values())


def people(ctx: Context) -> People | None:
    """Who a blaming phrase can be about in this story: the target, by name or pronoun (and
    you, I, we). Every other character's name is left out, and so is a pronoun no target uses
    ("he", when the target is "she"): the same words about the manipulator are fine. A story
    with no target: anyone (None)."""
    targets = [c for c in ctx.scenario.characters.values() if c.role == "target"]
    if not targets:
        return None
    pronouns = set()
    for c in targets:
        pronouns.update([c.pronouns] if c.pronouns else ("she", "he", "they"))
    target_words = {w.lower() for c in targets for w in _name_words(c.name)}
    others = {w.lower() for c in ctx.scenario.characters.values() if c.role != "target"
              for w in _name_words(c.name)} - target_words
    return People(pronouns, others)


def _name_words(name: str) -> list[str]:
    return name.replace("'s", " ").replace(".", " ").split()


def _exempt(ctx: Context, line: Line | None) -> bool:
    if line is None:
        return False
    if line.voice is not None:
        return True
    who = ctx.scenario.characters.get(line.speaker)
    return who is not None and who.role == "manipulator"


# --- E040 / W040 / E041 / W041 ------------------------------------------------------------------


def _offset(ctx: Context, path: tuple[Any, ...], text: str, found: Found) -> int:
    """How far along the value the phrase starts, for ctx.src.diag; 0 (the value's start) when
    the value is folded, spread over lines or has escapes before the phrase."""
    line, col = ctx.src.at(*path)
    lines = ctx.src.lines()
    if not 0 < line <= len(lines):
        return 0
    raw = lines[line - 1]
    first = raw[col - 1:col]
    if first in ("", "|", ">"):
        return 0
    quote = 1 if first in ("'", '"') else 0
    start = col - 1 + quote + found.start
    if raw[start:start + len(found.phrase)] == found.phrase:
        return found.start
    at = raw.find(found.phrase, col - 1 + quote)
    return max(0, at - (col - 1) - quote) if at >= 0 else 0


def diagnostic_for(found: Found, speaker: str | None = None) -> tuple[str, str, str]:
    """(code, message, hint) for a phrase found: shared by stories and documents."""
    entry = found.avoid
    phrase = " ".join(found.phrase.split())  # a phrase found across a line break, on one line
    if entry.severity == "warning":
        message = f"check {phrase!r}: {entry.why}"
        hint = f"say instead: {entry.prefer}; if the words mean something else here, reword them anyway"
    else:
        message = f"avoid {phrase!r}: {entry.why}"
        hint = f"say instead: {entry.prefer}"
    if speaker is not None:
        hint += (f"; if {speaker} says this on purpose, add 'voice: misinformed' to the line and show "
                 "in the scene that it is wrong")
    return entry.code, message, hint


def avoid_list(ctx: Context) -> Iterator[Diagnostic]:
    book = _book(ctx)
    if book is None:
        return
    manipulator = _has_manipulator(ctx)
    about = people(ctx)
    for where, text, place, line in _texts(ctx):
        if _exempt(ctx, line):
            continue
        found_here = book.find(text, place, manipulator, about)
        if not found_here:
            continue
        path = ctx.src.text_path(*where)
        for found in found_here:
            speaker = None
            if line is not None and line.speaker != NARRATOR and line.speaker in ctx.scenario.characters:
                speaker = ctx.scenario.characters[line.speaker].name
            code, message, hint = diagnostic_for(found, speaker)
            yield ctx.src.diag(path, code, message, hint, offset=_offset(ctx, path, text, found),
                               severity="error" if code.startswith("E") else "warning")


# --- W042: blaming lines must be answered --------------------------------------------------------


def blaming_lines_are_answered(ctx: Context) -> Iterator[Diagnostic]:
    """A line tagged voice:, or a manipulator's line with avoid-list words, must be shown to be
    wrong: by a later line in its scene or ending, by a choice or its feedback in that scene, or
    by an ending the scene leads straight to. A line with a sign: is answered by the debrief,
    which always explains that sign."""
    book = _book(ctx)
    if book is None:
        return
    sc = ctx.scenario
    manipulator = _has_manipulator(ctx)
    about = people(ctx)
    for section, table in (("scenes", sc.scenes), ("endings", sc.endings)):
        for key, block in table.items():
            for i, line in enumerate(block.lines):
                if line.sign is not None or not _exempt(ctx, line):
                    continue
                place = "narration" if line.speaker == NARRATOR else "speech"
                found = book.find(line.text, place, manipulator, about)
                if line.voice is None and not found:
                    continue  # the manipulator says something that is not on the avoid list
                if _answered(ctx, book, block, i, section == "scenes"):
                    continue
                path = ctx.src.text_path((section, key, "lines", i), "text")
                who = sc.characters[line.speaker].name if line.speaker in sc.characters else "the narrator"
                said = f"says {' '.join(found[0].phrase.split())!r}" if found else f"speaks with voice: {line.voice}"
                yield ctx.src.diag(path, "W042", f"{who} {said}, but nothing in the {section[:-1]} shows it is wrong",
                                   CORRECTION_HINT, severity="warning")


def _answered(ctx: Context, book: Phrasebook, block: Any, i: int, is_scene: bool) -> bool:
    for later in block.lines[i + 1:]:
        if not _exempt(ctx, later) and book.corrects(later.text):
            return True
    if not is_scene:
        return False
    for choice in block.choices:
        if book.corrects(choice.text) or (choice.feedback and book.corrects(choice.feedback)):
            return True
    nexts = [c.go for c in block.choices] + ([block.go] if block.go else [])
    for eid in nexts:
        ending = ctx.scenario.endings.get(eid)
        if ending is not None and any(not _exempt(ctx, ln) and book.corrects(ln.text) for ln in ending.lines):
            return True
    return False


def language_rules(ctx: Context) -> list[Diagnostic]:
    """Both rules above, or what they found the last time this story was checked with this
    avoid list and this code (check/language_notes.py): searching every line for every entry
    is the costliest part of checking a story."""
    book = _book(ctx)
    if book is None:
        return []
    if not book.fingerprint:  # made in code, not read from a language.yaml: nothing to key a note by
        return [*avoid_list(ctx), *blaming_lines_are_answered(ctx)]
    from game.story.check import language_notes

    name = language_notes.key(ctx.src.text, book.fingerprint)
    noted = language_notes.read(name, ctx.src.path)
    if noted is not None:
        return noted
    found = [*avoid_list(ctx), *blaming_lines_are_answered(ctx)]
    language_notes.write(name, found)
    return found


LANGUAGE_RULES = (language_rules,)


# --- .md and .txt files ---------------------------------------------------------------------------

ALLOW = re.compile(r"<!--\s*language:\s*allow(?:\s+(start|end))?\s*-->", re.IGNORECASE)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_COMMENT = re.compile(r"<!--.*?-->")
_QUOTE_MARKS = re.compile(r"^(?:\s*>)+")


def check_document(path: str, text: str, book: Phrasebook) -> list[Diagnostic]:
    """The avoid list on a writer's or teacher's document, with line:col locations.

    Not checked: fenced code blocks, `inline code`, HTML comments, a line carrying
    ``<!-- language: allow -->``, and the lines from ``<!-- language: allow start -->`` to
    ``<!-- language: allow end -->``. Documents have no characters, so entries marked
    ``only_with: manipulator`` do not apply.
    """
    diags: list[Diagnostic] = []
    masked: list[str] = []
    fence: str | None = None
    allow_from: int | None = None
    for n, raw in enumerate(text.splitlines(), start=1):
        keep = raw
        m = _FENCE.match(raw)
        if fence is not None:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not raw[m.end():].strip():
                fence = None
            keep = ""
        elif m:
            fence = m.group(1)
            keep = ""
        else:
            marker = ALLOW.search(_blank(_CODE_SPAN, raw))  # a marker shown as `code` is not a marker
            if marker and marker.group(1) and marker.group(1).lower() == "start":
                if allow_from is not None:
                    diags.append(Diagnostic(path, n, marker.start() + 1, "warning", "W044",
                                            f"a second 'language: allow start' before the end of the one on "
                                            f"line {allow_from}", "add <!-- language: allow end --> after the "
                                            "first block"))
                allow_from = n
                keep = ""
            elif marker and marker.group(1):  # end
                if allow_from is None:
                    diags.append(Diagnostic(path, n, marker.start() + 1, "warning", "W044",
                                            "'language: allow end' with no start before it",
                                            "add <!-- language: allow start --> before the lines to allow"))
                allow_from = None
                keep = ""
            elif marker or allow_from is not None:
                keep = ""
        if keep:
            keep = _blank(_COMMENT, _blank(_CODE_SPAN, keep))
            qm = _QUOTE_MARKS.match(keep)
            if qm:
                keep = " " * qm.end() + keep[qm.end():]
        masked.append(keep)
    if allow_from is not None:
        diags.append(Diagnostic(path, allow_from, 1, "warning", "W044",
                                "'language: allow start' is never ended, so the rest of the file is not checked",
                                "add <!-- language: allow end --> after the lines to allow"))
    # One paragraph at a time, so a phrase broken over two lines is still found.
    para: list[tuple[int, str]] = []
    for n, line in enumerate([*masked, ""], start=1):
        if line.strip():
            para.append((n, line))
            continue
        if para:
            diags.extend(_check_paragraph(path, para, book))
            para = []
    return diags


def _blank(rx: re.Pattern[str], line: str) -> str:
    return rx.sub(lambda m: " " * len(m.group()), line)


def _check_paragraph(path: str, para: list[tuple[int, str]], book: Phrasebook) -> Iterator[Diagnostic]:
    joined = "\n".join(line for _, line in para)
    for found in book.find(joined, "docs"):
        row = joined.count("\n", 0, found.start)
        col = found.start - (joined.rfind("\n", 0, found.start) + 1) + 1
        code, message, hint = diagnostic_for(found)
        hint += "; if the page quotes it on purpose, add <!-- language: allow --> to the line"
        yield Diagnostic(path, para[row][0], col, "error" if code.startswith("E") else "warning",
                         code, message, hint)
