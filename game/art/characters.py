"""Characters drawn from their ``look``: a flat, calm head-and-shoulders figure as an SVG string.

    character_svg(look, mood, width, height)                  # the figure, half-body crop
    character_svg(look, mood, 96, 96, framing="face")         # the face and shoulders, for avatars

Pure Python (no pygame): the UI rasterises the string (game/ui/portraits.py). The drawing uses
only what pygame-ce's SVG loader draws (rect, circle, ellipse, path, gradients-free flat fills)
and never text, scripts, images or links, in the style of art/backgrounds (see art/README.md).

Everything comes from the ``Look``: skin tone 1-6, hair style and colour, the top's colour word,
build, age cue and accessories. A character's role is never an input, so a manipulator is drawn
exactly like anyone else with the same look. Expressions (``mood``) are gentle: neutral, happy,
worried, sad and uneasy change only the eyebrows, eyes and mouth.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

MOODS = ("neutral", "happy", "worried", "sad", "uneasy")
FRAMINGS = ("bust", "face")
VIEW_W, VIEW_H = 200, 250  # the figure's own coordinates ("bust" shows all of it)

Colour = tuple[int, int, int]

# Six warm, realistic skin tones, lightest to darkest.
SKIN: dict[int, str] = {
    1: "#F4D5BF",
    2: "#E5B793",
    3: "#CD976D",
    4: "#AC7750",
    5: "#87573A",
    6: "#5F3D2A",
}
# The mouth's line for each skin tone: always clearly darker than the skin, so a mood shows on every face.
LIPS: dict[str, str] = {
    "#F4D5BF": "#B0605A", "#E5B793": "#A0554B", "#CD976D": "#86463A",
    "#AC7750": "#66362B", "#87573A": "#43251F", "#5F3D2A": "#2B1816",
}
HAIR: dict[str, str] = {
    "black": "#3A3336",
    "dark-brown": "#5A3F31",
    "brown": "#85593A",
    "auburn": "#9A4B30",
    "blonde": "#DDB873",
    "red": "#BF6A3D",
    "grey": "#B8B4B0",
    "dyed": "#A77DB5",
}
GREY = "#B8B4B0"
# Clothing colour words a writer may use, as soft, slightly desaturated colours.
TOPS: dict[str, str] = {
    "red": "#B8574B", "maroon": "#7E3B3F", "burgundy": "#7A3442", "wine": "#7A3442",
    "pink": "#D98FA0", "rose": "#D7A3A0", "coral": "#E08A6E", "salmon": "#E39A82",
    "orange": "#D98247", "peach": "#EDC3A4", "rust": "#B0613F", "terracotta": "#C9826A",
    "mustard": "#D1A23F", "yellow": "#E6C255", "gold": "#D4A84A", "ochre": "#D9B36C",
    "olive": "#8A8A4E", "khaki": "#B3A275", "green": "#6E9A6A", "sage": "#B5C2A3",
    "mint": "#A8D1B8", "moss": "#8EA487", "forest": "#4F7355", "emerald": "#3F8F6B",
    "teal": "#3F7F7C", "turquoise": "#4FA3A0", "aqua": "#79BDB8",
    "blue": "#5D86B5", "sky": "#8FB8D8", "denim": "#5A7595", "cobalt": "#4566A3",
    "navy": "#3D4E72", "indigo": "#4B4F8A",
    "purple": "#7D5A93", "plum": "#6E4A6B", "violet": "#8466A8", "lilac": "#B9A2CF",
    "lavender": "#B7A8D6", "mauve": "#A98299",
    "grey": "#8C8C94", "gray": "#8C8C94", "silver": "#B3B3BA", "charcoal": "#55555F",
    "black": "#44404C", "white": "#EFE8DF", "cream": "#F2E6D3", "beige": "#D8C3A5",
    "brown": "#8A5E44", "tan": "#C49A6C", "chocolate": "#6B4A38", "camel": "#BE9567",
}
NEUTRAL_TOP = "#9C958D"  # any colour word the art does not know
INK = "#3F3B4A"
CREAM = "#F5EBDD"
LIGHT = "#FBF4EA"  # the whites of the eyes: the lightest colour in the figure
# Headscarves, turbans, caps: picked to go with the top, never by role.
SCARVES = ("#C9826A", "#7F9BAE", "#D9B36C", "#8EA487", "#B9A2CF", "#D7A3A0", "#6E6079", "#4E7372",
           "#3D4E72", "#B8574B", "#E6C255", "#5F7F70")
AID = "#6F93B8"  # a hearing aid: a soft blue that shows on every skin tone and hair colour
METAL = "#5C6B80"
RIM = "#8A8D9C"


def _hex(colour: str) -> Colour:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _str(c: Colour) -> str:
    return "#{:02X}{:02X}{:02X}".format(*(max(0, min(255, round(v))) for v in c))


def mix(a: str, b: str, t: float) -> str:
    """The colour ``t`` of the way from ``a`` to ``b``."""
    ca, cb = _hex(a), _hex(b)
    return _str(tuple(x + (y - x) * t for x, y in zip(ca, cb, strict=True)))  # type: ignore[arg-type]


def shade(colour: str, t: float) -> str:
    """Darker by ``t`` (0..1), towards a warm brown-ink rather than black."""
    return mix(colour, "#2E2228", t)


def _distance(a: str, b: str) -> float:
    ca, cb = _hex(a), _hex(b)
    return sum((x - y) ** 2 for x, y in zip(ca, cb, strict=True)) ** 0.5


def top_colour(word: str | None) -> str:
    """The fill for a clothing colour word: 'navy', 'light blue', 'dark-green', 'Teal'.
    Unknown words, and none, give a calm neutral."""
    if not word:
        return NEUTRAL_TOP
    words = word.strip().lower().replace("-", " ").replace("_", " ").split()
    if not words:
        return NEUTRAL_TOP
    tone = None
    if len(words) > 1 and words[0] in ("light", "pale", "dark", "deep", "bright", "soft"):
        tone, words = words[0], words[1:]
    name = "".join(words)
    base = TOPS.get(name) or TOPS.get(words[-1])
    if base is None:
        return NEUTRAL_TOP
    if tone in ("light", "pale", "soft"):
        return mix(base, CREAM, 0.45)
    if tone in ("dark", "deep"):
        return shade(base, 0.35)
    return base


def skin_colour(skin: int | None) -> str:
    return SKIN.get(skin or 3, SKIN[3])


def _partner(colour: str, salt: int, skin: str | None = None) -> str:
    """A scarf or cap colour that goes with ``colour`` but is clearly different from it (and from
    the ``skin``, so a headscarf never blends into the face)."""
    choices = [c for c in SCARVES if _distance(c, colour) > 70 and (skin is None or _distance(c, skin) > 60)]
    r, g, b = _hex(colour)
    index = (3 * r + 5 * g + 7 * b + salt) % len(choices)
    return choices[index]


def _get(look: Any, name: str, default: Any = None) -> Any:
    value = getattr(look, name, None) if look is not None else None
    return default if value is None else value


@dataclass(frozen=True)
class Figure:
    """Everything the drawing needs, worked out once from a look."""

    skin: str
    hair: str  # style
    hair_colour: str
    brow: str
    top: str
    build: str
    age: str
    accessories: frozenset[str]
    cx: float
    cy: float  # the centre of the face
    rx: float  # the face's half width
    ry: float  # the face's half height
    jaw: float  # 0..1, how square the jaw is
    neck: float  # the neck's half width
    shoulders: float  # half the shoulders' width
    sy: float  # where the shoulders start

    @property
    def scarf(self) -> str:
        return _partner(self.top, 3, self.skin)

    @property
    def cap(self) -> str:
        return _partner(self.top, 7, self.skin)


AGE_HEAD = {"child": 1.08, "teen": 1.03, "young-adult": 1.0, "adult": 1.0, "older-adult": 0.99}
AGE_SHOULDERS = {"child": 0.76, "teen": 0.87, "young-adult": 0.95, "adult": 1.0, "older-adult": 0.97}
AGE_DROP = {"child": 26, "teen": 13, "young-adult": 4, "adult": 0, "older-adult": 3}  # shorter people stand lower
AGE_JAW = {"child": 0.5, "teen": 0.58, "young-adult": 0.66, "adult": 0.7, "older-adult": 0.7}
BUILD = {"slim": 0.88, "medium": 1.0, "broad": 1.15}
SEATED_DROP = 22  # a wheelchair user sits: their head is lower than a standing person's


def figure(look: Any) -> Figure:
    age = _get(look, "age_cue", "teen")
    build = _get(look, "build", "medium")
    accessories = frozenset(_get(look, "accessories", ()) or ())
    style = _get(look, "hair", "short")
    if style == "covered" and not accessories & {"hijab", "turban"}:
        style = "wrap"
    named = _get(look, "hair_colour")
    hair = HAIR.get(named or ("grey" if age == "older-adult" else "dark-brown"), HAIR["dark-brown"])
    if age == "older-adult" and named not in (None, "grey"):
        hair = mix(hair, GREY, 0.45)  # greying
    skin = skin_colour(_get(look, "skin"))
    top = top_colour(_get(look, "top"))
    if _distance(top, skin) < 30:  # a top the colour of the skin would look like none: a shade deeper
        top = shade(top, 0.22)
    if named in ("blonde", "grey", "dyed", "red", "auburn") or style in ("shaved", "wrap", "covered"):
        brow = shade(mix(hair, skin, 0.2), 0.35) if named else shade(skin, 0.55)
    else:
        brow = shade(hair, 0.1)
    hs = AGE_HEAD.get(age, 1.0)
    b = BUILD.get(build, 1.0)
    drop = AGE_DROP.get(age, 0) + (SEATED_DROP if "wheelchair" in accessories else 0)
    rx, ry = 33 * hs, {"child": 37, "teen": 39}.get(age, 40.5) * hs
    cy = 84 + drop
    jaw = min(0.82, AGE_JAW.get(age, 0.66) + (0.08 if build == "broad" else 0))
    return Figure(
        skin=skin, hair=style, hair_colour=hair, brow=brow, top=top, build=build,
        age=age, accessories=accessories, cx=100, cy=cy, rx=rx, ry=ry, jaw=jaw,
        neck=11 * hs * (0.92 if build == "slim" else 1.12 if build == "broad" else 1.0),
        shoulders=60 * AGE_SHOULDERS.get(age, 1.0) * b, sy=cy + ry + 17)


# -- a tiny SVG writer --------------------------------------------------------------------------

def _n(v: float) -> str:
    text = f"{v:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _attrs(attrs: dict[str, Any]) -> str:
    return "".join(f' {k.replace("_", "-")}="{_n(v) if isinstance(v, float | int) else v}"'
                   for k, v in attrs.items() if v is not None)


def path(d: str, fill: str = "none", **attrs: Any) -> str:
    return f'<path d="{d}"{_attrs({"fill": fill, **attrs})}/>'


def circle(x: float, y: float, r: float, fill: str, **attrs: Any) -> str:
    return f"<circle{_attrs({'cx': x, 'cy': y, 'r': r, 'fill': fill, **attrs})}/>"


def ellipse(x: float, y: float, rx: float, ry: float, fill: str, **attrs: Any) -> str:
    return f"<ellipse{_attrs({'cx': x, 'cy': y, 'rx': rx, 'ry': ry, 'fill': fill, **attrs})}/>"


def rect(x: float, y: float, w: float, h: float, fill: str, r: float = 0, **attrs: Any) -> str:
    return f"<rect{_attrs({'x': x, 'y': y, 'width': w, 'height': h, 'rx': r or None, 'fill': fill, **attrs})}/>"


def d(*parts: Any) -> str:
    """Path data from commands and numbers: d('M', x, y, 'Q', ...)."""
    return " ".join(p if isinstance(p, str) else _n(p) for p in parts)


def line(points: Iterable[tuple[float, float]], stroke: str, width: float, **attrs: Any) -> str:
    pts = list(points)
    data = d("M", *pts[0], *[v for p in pts[1:] for v in ("L", *p)])
    return path(data, stroke=stroke, stroke_width=width, stroke_linecap="round", stroke_linejoin="round", **attrs)


# -- the parts, back to front -------------------------------------------------------------------

def _wheelchair(f: Figure) -> list[str]:
    """Push handles rising behind the shoulders, and the tops of the big wheels at the sides."""
    out: list[str] = []
    for side in (-1, 1):
        x = f.cx + side * (f.shoulders - 9)
        out.append(line([(x, f.sy + 40), (x, f.sy - 16)], METAL, 6))
        out.append(rect(x - 4.5, f.sy - 27, 9, 14, INK, 4))
        wx = f.cx + side * (f.shoulders + 4)
        out.append(circle(wx, 255, 46, "none", stroke=METAL, stroke_width=7))
        out.append(circle(wx, 255, 38, "none", stroke=RIM, stroke_width=3))
        for dx, dy in ((0, -1), (0.7, -0.7), (-0.7, -0.7)):
            out.append(line([(wx, 255), (wx + 38 * dx, 255 + 38 * dy)], RIM, 2))
    return out


def _hair_back(f: Figure) -> list[str]:
    """Hair behind the head: volume around it, long hair down the back, a ponytail, a bun."""
    cx, cy, rx, ry, hc = f.cx, f.cy, f.rx, f.ry, f.hair_colour
    s = f.hair
    out: list[str] = []
    if s == "long":
        out.append(path(d("M", cx - rx - 8, f.sy + 26, "L", cx - rx - 8, cy, "A", rx + 8, ry + 11, 0, 0, 1,
                          cx + rx + 8, cy, "L", cx + rx + 8, f.sy + 26, "Q", cx, f.sy + 34, cx - rx - 8, f.sy + 26,
                          "Z"), hc))
    elif s == "braids":
        out.append(path(d("M", cx - rx - 3, cy + 4, "A", rx + 4, ry + 6, 0, 0, 1, cx + rx + 3, cy + 4, "Z"), hc))
        for i in range(9):
            x = cx - rx - 2 + i * (2 * rx + 4) / 8
            out.append(line([(x, cy), (x + (i - 4) * 0.8, f.sy + 30)], hc, 7))
    elif s == "afro":
        out.append(circle(cx, cy - 12, rx + 21, hc))
    elif s == "curly":
        for i in range(11):
            t = 3.14159 * (0.95 + 1.1 * i / 10)  # round the top, from ear to ear
            x = cx + (rx + 5) * math.cos(t)
            y = cy - 4 + (ry + 6) * math.sin(t)
            out.append(circle(x, y, 12.5, hc))
        out.append(ellipse(cx, cy - 8, rx + 6, ry + 4, hc))
    elif s == "ponytail":
        out.append(path(d("M", cx + rx - 10, cy - ry + 6, "C", cx + rx + 22, cy - ry + 2, cx + rx + 22, cy + 30,
                          cx + rx + 8, f.sy + 16, "C", cx + rx + 10, cy + 30, cx + rx + 4, cy - 10,
                          cx + rx - 12, cy - ry + 16, "Z"), hc))
        out.append(path(d("M", cx - rx - 2, cy, "A", rx + 2, ry + 4, 0, 0, 1, cx + rx + 2, cy, "Z"), hc))
    elif s == "bun":
        out.append(ellipse(cx, cy - ry - 8, 15, 12.5, hc))
        out.append(path(d("M", cx - 9, cy - ry - 12, "Q", cx, cy - ry - 18, cx + 9, cy - ry - 12),
                        stroke=shade(hc, 0.18), stroke_width=1.5, stroke_linecap="round", opacity=0.8))
        out.append(path(d("M", cx - rx - 2, cy, "A", rx + 2, ry + 4, 0, 0, 1, cx + rx + 2, cy, "Z"), hc))
    elif s == "short":
        out.append(path(d("M", cx - rx - 2, cy + 1, "A", rx + 2.5, ry + 4, 0, 0, 1, cx + rx + 2, cy + 1, "Z"), hc))
    elif s == "wrap":
        scarf = f.scarf
        out.append(path(d("M", cx - rx - 5, cy - 2, "A", rx + 6, ry + 10, 0, 0, 1, cx + rx + 5, cy - 2, "Z"), scarf))
        out.append(circle(cx + 6, cy - ry - 12, 11, shade(scarf, 0.12)))
    return out


def _torso(f: Figure) -> list[str]:
    """The neck, the shoulders and a top that suits the age: a hoodie, a T-shirt, a shirt, a cardigan."""
    cx, sy, S, nw, top = f.cx, f.sy, f.shoulders, f.neck, f.top
    neck = shade(f.skin, 0.12)
    deep = shade(top, 0.18)
    out = [rect(cx - nw, f.cy + f.ry - 18, 2 * nw, sy - f.cy - f.ry + 26, neck, 6)]
    out.append(path(d("M", cx - S - 5, 262, "L", cx - S, sy + 30, "Q", cx - S, sy + 3, cx - S + 24, sy,
                      "L", cx - nw - 5, sy - 5, "L", cx + nw + 5, sy - 5, "L", cx + S - 24, sy,
                      "Q", cx + S, sy + 3, cx + S, sy + 30, "L", cx + S + 5, 262, "Z"), top))
    for side in (-1, 1):  # where the arms meet the body: a soft fold
        x = cx + side * (S - 15)
        out.append(path(d("M", x, sy + 36, "Q", x - side * 2, sy + 70, x - side * 1, 262), stroke=deep,
                        stroke_width=2.5, opacity=0.45))
    if f.age in ("child", "teen"):  # a hoodie: the hood round the neck and two cords
        out.append(path(d("M", cx - nw - 16, sy - 3, "Q", cx, sy + 34, cx + nw + 16, sy - 3,
                          "Q", cx + nw + 6, sy - 12, cx + nw + 1, sy - 7, "Q", cx, sy + 14, cx - nw - 1, sy - 7,
                          "Q", cx - nw - 6, sy - 12, cx - nw - 16, sy - 3, "Z"), deep))
        out.append(path(d("M", cx - nw - 1, sy - 7, "Q", cx, sy + 14, cx + nw + 1, sy - 7, "Z"), neck))
        for side in (-1, 1):
            x = cx + side * 7
            out.append(line([(x, sy + 13), (x + side * 1.5, sy + 42)], mix(top, CREAM, 0.6), 2.5))
            out.append(circle(x + side * 1.5, sy + 44, 2.6, mix(top, CREAM, 0.6)))
    elif f.age == "young-adult":  # a T-shirt with a crew neck
        out.append(path(d("M", cx - nw - 3, sy - 6, "Q", cx, sy + 16, cx + nw + 3, sy - 6, "Z"), neck))
        out.append(path(d("M", cx - nw - 3, sy - 6, "Q", cx, sy + 16, cx + nw + 3, sy - 6), stroke=deep,
                        stroke_width=4))
    elif f.age == "adult":  # a shirt: collar points and a button placket
        collar = mix(top, CREAM, 0.25)
        out.append(path(d("M", cx - nw - 3, sy - 7, "L", cx, sy + 18, "L", cx + nw + 3, sy - 7, "Z"), neck))
        out.append(path(d("M", cx - nw - 4, sy - 8, "L", cx - 1, sy + 18, "L", cx - nw - 14, sy + 10, "Z"), collar))
        out.append(path(d("M", cx + nw + 4, sy - 8, "L", cx + 1, sy + 18, "L", cx + nw + 14, sy + 10, "Z"), collar))
        out.append(line([(cx, sy + 19), (cx, 262)], deep, 2, opacity=0.6))
        for y in (sy + 32, sy + 52, sy + 72):
            out.append(circle(cx + 4, y, 2, collar))
    else:  # older adult: a cardigan open over a light shirt
        shirt = max(("#C5D3DB", "#DCE3CF", "#F2E6D3"), key=lambda c: min(_distance(c, top), _distance(c, f.skin)))
        out.append(path(d("M", cx - 16, sy - 4, "L", cx + 16, sy - 4, "L", cx + 12, 262, "L", cx - 12, 262, "Z"),
                        shirt))
        out.append(path(d("M", cx - nw - 2, sy - 6, "L", cx, sy + 12, "L", cx + nw + 2, sy - 6, "Z"), neck))
        edge = shade(shirt, 0.18)
        for side in (-1, 1):
            out.append(path(d("M", cx + side * (nw + 3), sy - 8, "L", cx + side * 1, sy + 13,
                              "L", cx + side * (nw + 11), sy + 8, "Z"), shirt, stroke=edge, stroke_width=1.2,
                            stroke_linejoin="round"))
        for side in (-1, 1):
            out.append(path(d("M", cx + side * (nw + 7), sy - 6, "L", cx + side * 13, 262), stroke=deep,
                            stroke_width=5, stroke_linecap="round"))
        for y in (sy + 40, sy + 62, sy + 84):
            out.append(circle(cx - 17, y, 2.4, deep))
    return out


def _front_locks(f: Figure) -> list[str]:
    """Long hair and braids falling in front of the shoulders, below the ears."""
    cx, cy, rx, hc = f.cx, f.cy, f.rx, f.hair_colour
    out: list[str] = []
    if f.hair == "long":
        for side in (-1, 1):
            x = cx + side * rx
            out.append(path(d("M", x + side * 6, cy + 6, "Q", x + side * 11, cy + 42, x + side * 7, f.sy + 36,
                              "Q", x - side * 1, f.sy + 42, x - side * 6, f.sy + 30, "Q", x - side * 3, cy + 44,
                              x - side * 3, cy + 16, "Z"), hc))
    elif f.hair == "braids":
        tick = shade(hc, 0.25)
        for side in (-1, 1):
            for k in (0, 1):
                x0 = cx + side * (rx - 3 + 7 * k)
                x1 = x0 + side * (5 + 3 * k)
                y0, y1 = f.cy + 14, f.sy + 40 - 8 * k
                out.append(line([(x0, y0), (x1, y1)], hc, 7))
                steps = 6
                for i in range(1, steps):
                    t = i / steps
                    x, y = x0 + (x1 - x0) * t, y0 + (y1 - y0) * t
                    out.append(line([(x - 2.5, y - 1.5), (x + 2.5, y + 1.5)], tick, 1.4))
                out.append(circle(x1, y1 + 2, 3.2, mix(hc, CREAM, 0.55)))
    return out


def _hijab(f: Figure) -> list[str]:
    cx, cy, rx, ry, S, sy = f.cx, f.cy, f.rx, f.ry, f.shoulders, f.sy
    scarf = f.scarf
    return [
        path(d("M", cx - rx - 10, cy, "A", rx + 10, ry + 11, 0, 0, 1, cx + rx + 10, cy,
               "C", cx + rx + 11, cy + ry + 4, cx + S * 0.55, sy - 4, cx + S * 0.66, sy + 26,
               "Q", cx, sy + 50, cx - S * 0.66, sy + 26,
               "C", cx - S * 0.55, sy - 4, cx - rx - 11, cy + ry + 4, cx - rx - 10, cy, "Z"), scarf),
        path(d("M", cx - rx + 2, cy + ry + 9, "Q", cx, cy + ry + 26, cx + rx - 2, cy + ry + 9),
             stroke=shade(scarf, 0.16), stroke_width=3, opacity=0.7),
        path(d("M", cx + S * 0.3, sy + 8, "Q", cx + S * 0.45, sy + 24, cx + S * 0.4, sy + 38),
             stroke=shade(scarf, 0.16), stroke_width=2.5, opacity=0.6),
    ]


def _ears(f: Figure) -> list[str]:
    out: list[str] = []
    inner = shade(f.skin, 0.14)
    for side in (-1, 1):
        ex, ey = f.cx + side * (f.rx + 1), f.cy + 4
        out.append(ellipse(ex, ey, 6.5, 9.5, f.skin))
        out.append(path(d("M", ex + side * 1.5, ey - 5, "Q", ex + side * 4.5, ey, ex + side * 1, ey + 5),
                        stroke=inner, stroke_width=2, stroke_linecap="round"))
        if "hearing-aid" in f.accessories:  # behind the ear, with its thin tube into the ear
            out.append(path(d("M", ex + side * 1, ey - 11, "Q", ex + side * 10.5, ey - 11.5, ex + side * 10, ey + 2,
                              "L", ex + side * 6.5, ey + 2, "Q", ex + side * 7, ey - 7, ex + side * 1, ey - 7.5, "Z"),
                            AID))
            out.append(path(d("M", ex + side * 1, ey - 9, "Q", ex - side * 3.5, ey - 8, ex - side * 1.5, ey - 1.5),
                            stroke=shade(AID, 0.2), stroke_width=1.6, stroke_linecap="round"))
            out.append(circle(ex - side * 1.5, ey - 1, 2, shade(AID, 0.2)))
    return out


def _face(f: Figure) -> list[str]:
    cx, cy, rx, ry, jw = f.cx, f.cy, f.rx, f.ry, f.jaw
    return [path(d("M", cx - rx, cy, "A", rx, ry, 0, 0, 1, cx + rx, cy,
                   "C", cx + rx, cy + ry * 0.55, cx + rx * jw, cy + ry, cx, cy + ry,
                   "C", cx - rx * jw, cy + ry, cx - rx, cy + ry * 0.55, cx - rx, cy, "Z"), f.skin)]


# Brows: (inner end's height, outer end's height, arch) above the eye line, for the left and the right
# brow; the inner end is the one nearer the nose. Gentle: nothing frowns hard.
BROWS: dict[str, tuple[tuple[float, float, float], tuple[float, float, float]]] = {
    "neutral": ((13, 13, 2.2), (13, 13, 2.2)),
    "happy": ((15.5, 15, 3.6), (15.5, 15, 3.6)),
    "worried": ((17.5, 12.5, 1.0), (17.5, 12.5, 1.0)),
    "sad": ((16.5, 11, -0.2), (16.5, 11, -0.2)),
    "uneasy": ((15, 12.5, 1.0), (13.5, 13, 1.6)),
}
# Eyes: (where the iris looks: dx, dy), how far the upper lid comes down, whether the cheeks lift.
EYES: dict[str, tuple[float, float, float, bool]] = {
    "neutral": (0, 0.4, 0, False),
    "happy": (0, 0, 0, True),
    "worried": (0, -0.3, -0.6, False),
    "sad": (0, 1.6, 2.4, False),
    "uneasy": (2.3, 1.1, 0, False),
}


def _features(f: Figure, mood: str) -> list[str]:
    cx, cy, skin = f.cx, f.cy, f.skin
    hs = f.rx / 33
    out: list[str] = []
    fold = shade(skin, 0.2)
    ey, ex = cy + 3, 13.5 * hs
    big = 1.08 if f.age == "child" else 1.0
    look_dx, look_dy, lid, cheeks = EYES.get(mood, EYES["neutral"])
    if f.age == "older-adult":  # laughter lines, softly
        for side in (-1, 1):
            x = cx + side * (ex + 9)
            out.append(path(d("M", x, ey - 1, "L", x + side * 3.5, ey - 2.5,
                              "M", x, ey + 2, "L", x + side * 3.5, ey + 3),
                            stroke=fold, stroke_width=1.3, stroke_linecap="round", opacity=0.7))
            out.append(path(d("M", cx + side * 13, cy + 15, "Q", cx + side * 17, cy + 21, cx + side * 14, cy + 27),
                            stroke=fold, stroke_width=1.5, stroke_linecap="round", opacity=0.55))
    if cheeks:
        for side in (-1, 1):
            out.append(circle(cx + side * (ex + 6), ey + 12, 5.5 * hs, mix(skin, "#C8584A", 0.5), opacity=0.4))
    # the nose
    out.append(path(d("M", cx - 3, cy + 14, "Q", cx, cy + 17, cx + 3, cy + 14), stroke=fold, stroke_width=2.2,
                    stroke_linecap="round"))
    for side in (-1, 1):
        x = cx + side * ex
        wx, wy = 6.4 * hs * big, (5.6 if mood == "worried" else 5.0) * hs * big
        out.append(ellipse(x, ey, wx, wy, LIGHT))
        out.append(circle(x + look_dx, ey + look_dy, 3.9 * hs * big, "#3B2E2C"))
        out.append(circle(x + look_dx + 1.3, ey + look_dy - 1.4, 1.2 * hs * big, LIGHT))
        top = ey - wy - 0.6 + lid
        if lid > 0:  # a heavier upper lid: tired, sad or uneasy
            out.append(path(d("M", x - wx - 1, ey - wy - 2, "L", x + wx + 1, ey - wy - 2, "L", x + wx + 1, ey - 1,
                              "Q", x, top - 0.5, x - wx - 1, ey - 1, "Z"), skin))
            out.append(path(d("M", x - wx - 0.5, ey - 0.5, "Q", x, top - 0.5, x + wx + 0.5, ey - 0.5), stroke=INK,
                            stroke_width=1.8, stroke_linecap="round"))
        else:
            out.append(path(d("M", x - wx - 0.5, ey, "Q", x, ey - 2 * wy - 1 + lid, x + wx + 0.5, ey), stroke=INK,
                            stroke_width=1.8, stroke_linecap="round"))
        if cheeks:  # smiling eyes: the lower lid lifts
            out.append(path(d("M", x - wx - 1, ey + wy + 1.5, "Q", x, ey + 0.6, x + wx + 1, ey + wy + 1.5, "Z"), skin))
        inner, outer, arch = BROWS.get(mood, BROWS["neutral"])[0 if side < 0 else 1]
        xi, xo = x - side * 7 * hs, x + side * 8 * hs
        yi, yo = ey - inner * hs, ey - outer * hs
        out.append(path(d("M", xo, yo, "Q", (xi + xo) / 2, (yi + yo) / 2 - arch * hs, xi, yi), stroke=f.brow,
                        stroke_width=3.6 * hs, stroke_linecap="round"))
    return out


def _beard(f: Figure, mouth_y: float) -> list[str]:
    cx, cy, rx, ry, jw = f.cx, f.cy, f.rx, f.ry, f.jaw
    hc = f.hair_colour
    outer = d("M", cx - rx, cy + 6, "C", cx - rx, cy + ry * 0.75, cx - rx * jw - 3, cy + ry + 7, cx, cy + ry + 8,
              "C", cx + rx * jw + 3, cy + ry + 7, cx + rx, cy + ry * 0.75, cx + rx, cy + 6,
              "L", cx + rx - 4, cy + 12, "C", cx + rx - 6, cy + 24, cx + 16, mouth_y - 3, cx, mouth_y - 6,
              "C", cx - 16, mouth_y - 3, cx - rx + 6, cy + 24, cx - rx + 4, cy + 12, "Z")
    w = 9 * rx / 33 + 2.5
    hole = d("M", cx - w, mouth_y + 1.5, "A", w, 4.5, 0, 1, 0, cx + w, mouth_y + 1.5,
             "A", w, 4.5, 0, 1, 0, cx - w, mouth_y + 1.5, "Z")
    return [path(outer + " " + hole, hc, fill_rule="evenodd")]


NEUTRAL_MOUTH_CURVE = 1.6  # how far the middle of a neutral mouth dips below its corners (a smile is 4+)


def _mouth(f: Figure, mood: str, my: float) -> list[str]:
    cx = f.cx
    hs = f.rx / 33
    mw = 9 * hs
    lip = LIPS.get(f.skin) or shade(f.skin, 0.5)
    kw: dict[str, Any] = {"stroke": lip, "stroke_width": 2.7, "stroke_linecap": "round", "stroke_linejoin": "round"}
    if mood == "happy":
        return [path(d("M", cx - mw - 2, my - 1, "Q", cx, my + 1.5, cx + mw + 2, my - 1,
                       "Q", cx, my + 13, cx - mw - 2, my - 1, "Z"), shade(lip, 0.1)),
                path(d("M", cx - mw + 0.5, my + 0.2, "Q", cx, my + 2.2, cx + mw - 0.5, my + 0.2,
                       "L", cx + mw - 2, my + 2.6, "Q", cx, my + 4.4, cx - mw + 2, my + 2.6, "Z"), LIGHT)]
    if mood == "worried":
        return [path(d("M", cx - mw + 1, my + 2, "Q", cx - mw / 2, my - 1.2, cx, my + 1, "Q", cx + mw / 2, my + 3,
                       cx + mw - 1, my + 0.5), **kw)]
    if mood == "sad":
        return [path(d("M", cx - mw + 1, my + 3.5, "Q", cx, my - 2.5, cx + mw - 1, my + 3.5), **kw)]
    if mood == "uneasy":
        return [path(d("M", cx - mw + 3, my + 2, "Q", cx + 1, my + 2.6, cx + mw, my + 0.2), **kw)]
    # neutral: calm and level, never a smile (a line without a mood must not look pleased)
    return [path(d("M", cx - mw + 1, my + 1, "Q", cx, my + NEUTRAL_MOUTH_CURVE, cx + mw - 1, my + 1), **kw)]


def _fringe(f: Figure) -> list[str]:
    """Hair over the top of the forehead (always above the eyebrows, which carry the mood)."""
    cx, cy, rx, ry, hc = f.cx, f.cy, f.rx, f.ry, f.hair_colour
    s = f.hair
    out: list[str] = []
    if s == "short":
        # a side parting, the fringe swept across with a soft flick
        out.append(path(d("M", cx - rx - 1.5, cy - 1, "Q", cx - rx, cy - ry - 8, cx + 2, cy - ry - 6,
                          "Q", cx + rx + 2, cy - ry - 7, cx + rx + 1.5, cy - 1,
                          "L", cx + rx - 2.5, cy - 6, "Q", cx + rx - 5, cy - 19, cx + 10, cy - 22,
                          "Q", cx - 2, cy - 23, cx - 6, cy - 19.5, "Q", cx - 8, cy - 25, cx - 12, cy - 27,
                          "Q", cx - rx + 2, cy - 22, cx - rx + 2.5, cy - 7, "Z"), hc))
        out.append(path(d("M", cx - 12, cy - 27, "Q", cx - 10, cy - ry - 2, cx - 6, cy - ry - 5),
                        stroke=shade(hc, 0.2), stroke_width=1.5, stroke_linecap="round", opacity=0.8))
    elif s == "long":
        out.append(path(d("M", cx - rx - 2, cy - 4, "Q", cx - rx - 1, cy - ry - 9, cx + 6, cy - ry - 6,
                          "Q", cx + rx + 3, cy - ry - 7, cx + rx + 2, cy - 4,
                          "L", cx + rx - 3, cy - 6, "Q", cx + rx - 8, cy - 20, cx + 8, cy - 25,
                          "Q", cx - 8, cy - 18, cx - rx + 3, cy - 4, "Z"), hc))
    elif s == "curly":
        for i in range(6):
            x = cx - rx + 6 + i * (2 * rx - 12) / 5
            y = cy - 27 - 3 * (1 - abs(i - 2.5) / 2.5)
            out.append(circle(x, y, 8.5, hc))
    elif s == "afro":
        out.append(path(d("M", cx - rx - 1, cy - 2, "Q", cx - rx, cy - ry - 6, cx, cy - ry - 5,
                          "Q", cx + rx, cy - ry - 6, cx + rx + 1, cy - 2,
                          "L", cx + rx - 3, cy - 8, "Q", cx, cy - 34, cx - rx + 3, cy - 8, "Z"), hc))
    elif s == "braids":
        out.append(path(d("M", cx - rx - 1, cy - 2, "Q", cx - rx, cy - ry - 5, cx, cy - ry - 4,
                          "Q", cx + rx, cy - ry - 5, cx + rx + 1, cy - 2,
                          "L", cx + rx - 3, cy - 9, "Q", cx, cy - 34, cx - rx + 3, cy - 9, "Z"), hc))
        for k in (-2, -1, 0, 1, 2):
            x = cx + k * 8
            out.append(path(d("M", x, cy - 24 + abs(k) * 1.5, "Q", x + k * 2, cy - ry, x + k * 4, cy - ry - 3),
                            stroke=shade(hc, 0.25), stroke_width=1.4, stroke_linecap="round"))
    elif s in ("bun", "ponytail"):
        out.append(path(d("M", cx - rx - 1, cy - 2, "Q", cx - rx, cy - ry - 6, cx, cy - ry - 5,
                          "Q", cx + rx, cy - ry - 6, cx + rx + 1, cy - 2,
                          "L", cx + rx - 3, cy - 10, "Q", cx, cy - 32, cx - rx + 3, cy - 10, "Z"), hc))
        out.append(path(d("M", cx - 10, cy - 25, "Q", cx, cy - ry + 4, cx + 4, cy - ry - 3), stroke=shade(hc, 0.18),
                        stroke_width=1.5, stroke_linecap="round", opacity=0.8))
        if s == "ponytail":
            out.append(rect(cx + f.rx - 8, cy - f.ry + 2, 8, 7, shade(f.top, 0.1), 2))
    elif s == "shaved":
        out.append(path(d("M", cx - rx - 0.5, cy - 4, "A", rx + 1, ry + 1.5, 0, 0, 1, cx + rx + 0.5, cy - 4,
                          "L", cx + rx - 3, cy - 11, "Q", cx, cy - 32, cx - rx + 3, cy - 11, "Z"),
                        mix(hc, f.skin, 0.35)))
    elif s == "wrap":
        scarf = f.scarf
        out.append(path(d("M", cx - rx - 3, cy - 6, "Q", cx - rx - 2, cy - ry - 12, cx, cy - ry - 11,
                          "Q", cx + rx + 2, cy - ry - 12, cx + rx + 3, cy - 6,
                          "Q", cx, cy - 30, cx - rx - 3, cy - 6, "Z"), scarf))
        out.append(path(d("M", cx - rx + 2, cy - 12, "Q", cx, cy - 34, cx + rx - 2, cy - 12), stroke=shade(scarf, 0.15),
                        stroke_width=3, opacity=0.7))
    return out


def _glasses(f: Figure) -> list[str]:
    cx, hs = f.cx, f.rx / 33
    ey, ex = f.cy + 3, 13.5 * hs
    frame = "#B08565" if f.skin in (SKIN[5], SKIN[6]) else INK  # warm wood frames show on darker skin
    w, h = 18 * hs, 14 * hs
    out = []
    for side in (-1, 1):
        x = cx + side * ex
        out.append(rect(x - w / 2, ey - h / 2, w, h, CREAM, 5 * hs, opacity=0.12))
        out.append(rect(x - w / 2, ey - h / 2, w, h, "none", 5 * hs, stroke=frame, stroke_width=2.1))
        out.append(line([(x + side * w / 2, ey - 2), (cx + side * (f.rx - 0.5), ey - 3)], frame, 2.2))
    out.append(path(d("M", cx - ex + w / 2, ey - 1.5, "Q", cx, ey - 5, cx + ex - w / 2, ey - 1.5), stroke=frame,
                    stroke_width=2.2))
    return out


def _hijab_front(f: Figure) -> list[str]:
    """The edge of the headscarf round the face: it covers the hair and the ears."""
    cx, cy, rx, ry = f.cx, f.cy, f.rx, f.ry
    scarf = f.scarf
    return [path(d("M", cx - rx - 2, cy + 10, "L", cx - rx - 2, cy, "A", rx + 2, ry + 2, 0, 0, 1, cx + rx + 2, cy,
                   "L", cx + rx + 2, cy + 10, "L", cx + rx - 2.5, cy + 10, "Q", cx + rx - 2, cy - 20, cx, cy - 25,
                   "Q", cx - rx + 2, cy - 20, cx - rx + 2.5, cy + 10, "Z"), scarf),
            path(d("M", cx - rx + 2.5, cy + 8, "Q", cx - rx + 2, cy - 20, cx, cy - 25, "Q", cx + rx - 2, cy - 20,
                   cx + rx - 2.5, cy + 8), stroke=shade(scarf, 0.14), stroke_width=2.5, opacity=0.6)]


def _turban(f: Figure) -> list[str]:
    cx, cy, rx, ry = f.cx, f.cy, f.rx, f.ry
    cloth = f.scarf
    fold = shade(cloth, 0.18)
    return [path(d("M", cx - rx - 3, cy - 6, "C", cx - rx - 8, cy - ry - 30, cx + rx + 8, cy - ry - 30,
                   cx + rx + 3, cy - 6, "L", cx + rx - 2, cy - 12, "Q", cx + 12, cy - 16, cx, cy - 27,
                   "Q", cx - 12, cy - 16, cx - rx + 2, cy - 12, "Z"), cloth),
            path(d("M", cx - rx + 1, cy - 18, "Q", cx - 6, cy - 30, cx + 2, cy - ry - 14), stroke=fold,
                 stroke_width=2.4, stroke_linecap="round", opacity=0.8),
            path(d("M", cx + rx - 1, cy - 18, "Q", cx + 6, cy - 30, cx - 2, cy - ry - 14), stroke=fold,
                 stroke_width=2.4, stroke_linecap="round", opacity=0.8),
            path(d("M", cx - rx + 4, cy - 28, "Q", cx, cy - ry - 22, cx + rx - 4, cy - 28), stroke=fold,
                 stroke_width=2.2, stroke_linecap="round", opacity=0.6)]


def _cap(f: Figure) -> list[str]:
    cx, cy, rx, ry = f.cx, f.cy, f.rx, f.ry
    cap = f.cap
    return [path(d("M", cx - rx - 3, cy - 16, "C", cx - rx - 3, cy - ry - 24, cx + rx + 3, cy - ry - 24,
                   cx + rx + 3, cy - 16, "Z"), cap),
            path(d("M", cx, cy - ry - 12, "L", cx, cy - 17), stroke=shade(cap, 0.15), stroke_width=1.6),
            circle(cx, cy - ry - 12, 3, shade(cap, 0.15)),
            path(d("M", cx - rx - 6, cy - 18, "Q", cx, cy - 11, cx + rx + 6, cy - 18,
                   "Q", cx, cy - 27, cx - rx - 6, cy - 18, "Z"), shade(cap, 0.2))]


def _headphones(f: Figure) -> list[str]:
    cx, cy, rx, ry = f.cx, f.cy, f.rx, f.ry
    band, cushion = "#4E5A6E", "#7F8AA0"
    out = [path(d("M", cx - rx - 6, cy - 2, "A", rx + 7, ry + 13, 0, 0, 1, cx + rx + 6, cy - 2), stroke=band,
                stroke_width=6, stroke_linecap="round")]
    for side in (-1, 1):
        x = cx + side * (rx + 3)
        out.append(rect(x - 7, cy - 8, 14, 24, band, 6))
        out.append(rect(x - 7 + (4 if side < 0 else 0), cy - 5, 3, 18, cushion, 1.5))
    return out


def character_svg(look: Any, mood: str | None, width: int, height: int, framing: str = "bust") -> str:
    """The character with ``look`` (a game.story.model.Look, or None for the defaults) showing
    ``mood``, as an SVG of ``width`` x ``height`` pixels. ``framing`` is 'bust' (head and body
    to the waist, for figures standing in a place) or 'face' (a square on the face, for avatars).
    """
    mood = mood if mood in MOODS else "neutral"
    f = figure(look)
    acc = f.accessories
    hijab, turban = "hijab" in acc, "turban" in acc
    hair_shown = not hijab and not turban and f.hair != "covered"
    my = f.cy + 23 * f.rx / 33 - (1.5 if f.age == "child" else 0)
    parts: list[str] = []
    if "wheelchair" in acc:
        parts += _wheelchair(f)
    if hair_shown:
        parts += _hair_back(f)
    parts += _torso(f)
    if hair_shown:
        parts += _front_locks(f)
    if hijab:
        parts += _hijab(f)
    else:
        parts += _ears(f)
    parts += _face(f)
    parts += _features(f, mood)
    if "beard" in acc:
        parts += _beard(f, my)
    parts += _mouth(f, mood, my)
    if hair_shown:
        parts += _fringe(f)
    if hijab:
        parts += _hijab_front(f)
    elif turban:
        parts += _turban(f)
    if "glasses" in acc:
        parts += _glasses(f)
    if "cap" in acc and not hijab and not turban:
        parts += _cap(f)
    if "headphones" in acc:
        parts += _headphones(f)
    if framing == "face":
        side = 116
        view = f"{_n(f.cx - side / 2)} {_n(f.cy - 54)} {side} {side}"
    else:
        view = f"0 0 {VIEW_W} {VIEW_H}"
    body = "".join(parts)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{view}" width="{int(width)}" height="{int(height)}" '
            f'preserveAspectRatio="xMidYMax meet">{body}</svg>')
