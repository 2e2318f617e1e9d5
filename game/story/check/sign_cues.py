"""W081: a line that reads like a warning sign carries `sign:`, or its `why:` says why it is not one.

A pupil can flag any line. An untagged line gets "not a warning sign on its own", so a line
that describes a sign ("Jay asked for a secret photo") without `sign:` contradicts the
debrief, which then lists "Asking for pictures". Each sign in scenes/signs.yaml has a few
`cues`; a scene line with a cue of a sign meant for the story's band, and neither `sign:` nor
`why:`, is reported. Lines spoken by trusted adults are left out (they explain and help; the
tactics they name are not new signs), and so are endings (what happened next).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from game.story.check.context import Context
from game.story.diagnostics import Diagnostic
from game.story.model import SignInfo

_WORD_START = r"(?<![\w'])"


def cue_regex(cue: str) -> str:
    """A cue as a regular expression: whole words, any spacing, a final * for any ending."""
    return _WORD_START + _cue_body(cue)


def _cue_body(cue: str) -> str:
    star = cue.endswith("*")
    words = cue.rstrip("*").replace("\u2019", "'").split()
    body = r"\s+".join(re.escape(w) for w in words)
    return body + (r"[\w']*" if star else r"(?![\w'])")


@functools.lru_cache(maxsize=8)
def _cues(signs: tuple[tuple[str, tuple[str, ...]], ...]) -> re.Pattern[str] | None:
    """One pattern for every sign's cues: group s<i> is the i-th sign. Every cue starts a word,
    so that test comes once, before them all: inside a word the search moves on at once instead
    of trying every cue there (the same matches, several times quicker on a library)."""
    groups = [f"(?P<s{i}>{'|'.join(_cue_body(c) for c in cues)})" for i, (_sid, cues) in enumerate(signs) if cues]
    return re.compile(_WORD_START + "(?:" + "|".join(groups) + ")", re.IGNORECASE) if groups else None


def _band_signs(signs: dict[str, SignInfo], band: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((sid, tuple(info.cues)) for sid, info in signs.items() if band in info.bands)


def reads_like(signs: dict[str, SignInfo], band: str, text: str) -> tuple[str, str, int] | None:
    """(sign id, the words that matched, where) when ``text`` has a cue of a sign for ``band``."""
    table = _band_signs(signs, band)
    pattern = _cues(table)
    if pattern is None:
        return None
    m = pattern.search(text.replace("\u2019", "'"))
    if m is None:
        return None
    return table[int(str(m.lastgroup)[1:])][0], m.group(0), m.start()


def lines_that_read_like_signs_are_tagged(ctx: Context) -> Iterator[Diagnostic]:
    signs = ctx.shared.signs
    chars = ctx.scenario.characters
    band = ctx.scenario.band
    for sid, scene in ctx.scenario.scenes.items():
        for i, line in enumerate(scene.lines):
            if line.sign or line.why:
                continue
            who = chars.get(line.speaker)
            if who is not None and who.role == "trusted-adult":
                continue
            found = reads_like(signs, band, line.text)
            if found is None:
                continue
            sign, words, at = found
            name = signs[sign].name
            yield ctx.src.diag(
                ctx.src.text_path(("scenes", sid, "lines", i), "text"), "W081",
                f"this line reads like the warning sign {name!r} ({words!r}), but it has no sign: and no why:, so a "
                "pupil who flags it is told it is not a warning sign",
                f"tag it (sign: {sign}) if it shows the sign, or say in why: why it is not a sign here",
                severity="warning", offset=at)


SIGN_CUE_RULES = (lines_that_read_like_signs_are_tagged,)
