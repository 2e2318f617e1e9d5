"""What a published page carries inside it: fonts, backgrounds and characters, never a link to a file.

    font_faces(text)            @font-face rules with the fonts as data: URLs, subset to ``text``
    background_svg(name)        art/backgrounds/<name>.svg, without its comments and line breaks
    character_art(story)        each character's figure in the moods its lines use, drawn by
                                game/art/characters.py exactly as the window draws them

Fonts are subset with fontTools to the characters the pages use (plus all of printable ASCII) and
written as WOFF2: the whole of Atkinson Hyperlegible's two weights is 108 KB as TTF, about 23 KB
subset. The name table (copyright and the SIL Open Font License notice) is kept in every subset.
"""

from __future__ import annotations

import base64
import functools
import io
import re
from dataclasses import dataclass
from typing import Any

from game.art.characters import character_svg
from game.paths import art_dir
from game.story.story import Story


@dataclass(frozen=True, slots=True)
class WebFont:
    setting: str  # the window's settings name (game/settings.py FONTS)
    family: str  # the CSS family name
    file: str  # in art/fonts/
    weight: int


FONT_NAMES = {"atkinson": "Atkinson Hyperlegible", "lexend": "Lexend", "opendyslexic": "OpenDyslexic"}
# The window's three font choices; Atkinson Hyperlegible is the default everywhere.
WEB_FONTS = (
    WebFont("atkinson", "Atkinson Hyperlegible", "AtkinsonHyperlegible-Regular.ttf", 400),
    WebFont("atkinson", "Atkinson Hyperlegible", "AtkinsonHyperlegible-Bold.ttf", 700),
    # The other two in their regular weight only (the browser thickens it for the few bold
    # headings): each weight is about 13 KB in a page, and every page carries its own fonts.
    WebFont("lexend", "Lexend", "Lexend-Regular.ttf", 400),
    WebFont("opendyslexic", "OpenDyslexic", "OpenDyslexic-Regular.otf", 400),
)
# Printable ASCII is always kept, so text added to a page later never falls back to another font.
ALWAYS = "".join(chr(c) for c in range(0x20, 0x7F))


def font_faces(text: str, settings: tuple[str, ...] = tuple(FONT_NAMES)) -> str:
    """@font-face rules for the fonts of ``settings`` (all three by default), subset to ``text`` and
    printable ASCII."""
    return _font_faces(frozenset(text) | frozenset(ALWAYS), settings)


@functools.cache  # publishing a whole library subsets each font once (about 0.1 s a font)
def _font_faces(chars: frozenset[str], settings: tuple[str, ...]) -> str:
    keep = "".join(sorted(chars))
    rules = []
    for font in (f for f in WEB_FONTS if f.setting in settings):
        data = base64.b64encode(subset_font(font.file, keep)).decode("ascii")
        rules.append(f'@font-face{{font-family:"{font.family}";font-weight:{font.weight};font-style:normal;'
                     f'font-display:block;src:url(data:font/woff2;base64,{data}) format("woff2")}}')
    return "".join(rules)


def subset_font(file: str, text: str) -> bytes:
    """art/fonts/<file> as WOFF2 with only the glyphs ``text`` needs (and their kerning)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["kern", "liga", "calt"]
    options.name_IDs = ["*"]  # keep the copyright and licence records
    options.name_languages = ["*"]
    options.notdef_outline = True
    font = TTFont(str(art_dir() / "fonts" / file))
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out)
    return out.getvalue()


_COMMENT = re.compile(r"<!--.*?-->", re.S)
_BETWEEN_TAGS = re.compile(r">\s+<")


@functools.cache
def background_svg(name: str) -> str | None:
    """A background as compact SVG text, or None if there is no such picture."""
    path = art_dir() / "backgrounds" / f"{name}.svg"
    if not path.is_file():
        return None
    text = _COMMENT.sub("", path.read_text(encoding="utf-8"))
    return _BETWEEN_TAGS.sub("><", text).strip()


def character_art(story: Story) -> dict[str, dict[str, Any]]:
    """Per character: the opening tags for a figure ("bust") and an avatar ("face"), and its drawing
    split into what every mood shares ("before", "after") and what each mood changes ("moods").

    The page puts a picture together as ``open + before + moods[mood] + after``.
    """
    moods: dict[str, set[str]] = {cid: {"neutral"} for cid in story.characters}
    for part in (*story.scenes.values(), *story.endings.values()):
        for line in part.lines:
            if line.speaker in moods and line.mood:
                moods[line.speaker].add(line.mood)
    out: dict[str, dict[str, Any]] = {}
    for cid, character in story.characters.items():
        drawn = {mood: character_svg(character.look, mood, 200, 250) for mood in sorted(moods[cid])}
        bust_open, _, _ = drawn["neutral"].partition(">")
        face = character_svg(character.look, "neutral", 96, 96, framing="face")
        face_open, _, face_body = face.partition(">")
        bodies = {mood: svg.partition(">")[2] for mood, svg in drawn.items()}
        if face_body != bodies["neutral"]:  # the framings share one drawing; if not, keep the face whole
            raise ValueError(f"{cid}: the face is not the figure's drawing")
        before, after = _shared_ends(list(bodies.values()))
        out[cid] = {
            "bust": _sized_open(bust_open) + ">",
            "face": _sized_open(face_open) + ">",
            "before": before,
            "after": after,
            "moods": {mood: body[len(before):len(body) - len(after)] for mood, body in bodies.items()},
        }
    return out


def _sized_open(tag: str) -> str:
    """The page sizes pictures with CSS: the width and height attributes go, the viewBox stays."""
    return re.sub(r' (width|height)="[^"]*"', "", tag)


def _shared_ends(texts: list[str]) -> tuple[str, str]:
    """The longest start and end every text shares (not overlapping in the shortest)."""
    first = texts[0]
    start = 0
    while start < len(first) and all(start < len(t) and t[start] == first[start] for t in texts):
        start += 1
    end = 0
    shortest = min(len(t) for t in texts)
    while end < shortest - start and all(t[-1 - end] == first[-1 - end] for t in texts):
        end += 1
    return first[:start], first[len(first) - end:] if end else ""
