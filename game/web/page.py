"""One story as one self-contained web page.

    html = story_page(compiled)                       # compiled = graph.compile_graph(story)
    html = story_page(compiled, contact=contact)      # with the school's contact (classroom file)

The page holds everything it needs: the graph and the debrief's parts (JSON), the pictures (SVG
text), the fonts (WOFF2 as data: URLs), its styles and its script. A Content-Security-Policy
(csp.py) allows exactly those and nothing else. The colours are the window's own theme tokens
(game/ui/theme.py) as CSS custom properties: light and dark follow the reader's device, and the
high-contrast theme its "more contrast" setting, unless the pupil picks one in Settings.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from game import __version__
from game.story.debrief import help_entries
from game.ui.theme import THEMES, Colours, Theme
from game.web.assets import FONT_NAMES, background_svg, character_art, font_faces
from game.web.csp import with_csp
from game.web.graph import CompiledStory

if TYPE_CHECKING:
    from game.classroom import Contact

STATIC = Path(__file__).resolve().parent / "static"
TEMPLATES = Path(__file__).resolve().parent / "templates"
TEACHER_TEMPLATES = Path(__file__).resolve().parent.parent / "teacher" / "templates"
TITLE_ART = "park"  # the picture on the title, as in the window
LEFT_EARLY = "You left the story early. That's fine: you can stop at any time."
# CSS custom property for each colour token the pages use
TOKENS = {
    "background": "bg", "surface": "surface", "surface_hover": "surface-hover", "text": "text",
    "text_muted": "muted", "accent": "accent", "primary": "primary", "primary_hover": "primary-hover",
    "on_primary": "on-primary", "help": "help", "help_hover": "help-hover", "help_border": "help-border",
    "decor": "decor", "focus_ring": "focus", "rest_background": "rest", "scroll_track": "track",
    "scrim": "scrim", "backdrop_wash": "wash", "art_wash": "art-wash",
}
FONT_STACKS = {
    "atkinson": '"Atkinson Hyperlegible", system-ui, sans-serif',
    "lexend": 'Lexend, system-ui, sans-serif',
    "opendyslexic": 'OpenDyslexic, system-ui, sans-serif',
}


def _colour(value: tuple[int, ...]) -> str:
    if len(value) == 4:
        r, g, b, a = value
        return f"rgba({r},{g},{b},{round(a / 255, 3)})"
    return "#{:02x}{:02x}{:02x}".format(*value)


def theme_properties(theme: Theme) -> str:
    """A theme's colours as custom properties: ``--bg:#f5ebdd;--text:#3f3b4a;...``."""
    return "".join(f"--{TOKENS[f.name]}:{_colour(getattr(theme.colours, f.name))};" for f in fields(Colours))


@functools.cache
def tokens_css() -> str:
    """The window's three themes, chosen by the reader's device or by Settings (data-theme)."""
    light, dark, contrast = (theme_properties(THEMES[n]) for n in ("light", "dark", "contrast"))
    fade = THEMES["light"].motion.fade
    fonts = "".join(f':root[data-font="{name}"]{{--font:{stack}}}' for name, stack in FONT_STACKS.items())
    return (f":root{{{light}--fade:{fade / 1000}s;--font:{FONT_STACKS['atkinson']};color-scheme:light}}"
            f"@media (prefers-color-scheme:dark){{:root[data-theme=auto]{{{dark}color-scheme:dark}}}}"
            f"@media (prefers-contrast:more){{:root[data-theme=auto]{{{contrast}color-scheme:dark}}}}"
            f":root[data-theme=dark]{{{dark}color-scheme:dark}}"
            f":root[data-theme=contrast]{{{contrast}color-scheme:dark}}{fonts}")


@functools.cache
def static_text(name: str) -> str:
    """A file from static/, with whole-line comments and indentation taken out (bytes count here)."""
    text = (STATIC / name).read_text(encoding="utf-8")
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)  # block comments (CSS and the script's header)
    lines = (line.strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//"))


@functools.cache
def environment():  # -> jinja2.Environment
    """One environment for every page: the web templates, which extend the lesson pack's own."""
    import jinja2

    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(TEMPLATES), jinja2.FileSystemLoader(TEACHER_TEMPLATES)])
    return jinja2.Environment(loader=loader, autoescape=True, trim_blocks=True, lstrip_blocks=True,
                              undefined=jinja2.StrictUndefined)


def script_json(data: Any) -> Markup:
    """JSON to put inside a <script> data block: nothing in it can end the block early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def page_text(compiled: CompiledStory) -> str:
    """Every character the page can show, so the fonts keep the glyphs for them."""
    return json.dumps(compiled.data, ensure_ascii=False) + static_text("play.js") + _UI_TEXT


def story_page(compiled: CompiledStory, contact: Contact | None = None, font_text: str | None = None) -> str:
    """The story as one HTML file. ``font_text``: the characters to keep in the fonts (every page of
    a site shares one subset); by default this page's own."""
    story, data = compiled.story, compiled.data
    debrief = data["debrief"]
    help_file = story.shared.help
    help_view = help_entries(help_file.routes if help_file else None, help_file.school_contact if help_file else None,
                             contact.lines() if contact is not None else None)
    art = {
        "title": TITLE_ART,
        "backgrounds": {name: svg for name in _backgrounds(story) if (svg := background_svg(name))},
        "characters": character_art(story),
    }
    fonts = font_faces(font_text if font_text is not None else page_text(compiled))
    css = tokens_css() + fonts + static_text("play.css")
    html = environment().get_template("story.html.j2").render(
        story=data["story"], debrief=debrief, help=help_view, target=data["story"]["target"] or "the young person",
        left_early=LEFT_EARLY, leaving=debrief["leaving_early"] or "", fonts=list(FONT_NAMES.items()),
        version=__version__, css=Markup(css), js=Markup(static_text("play.js")),
        data=script_json(data), art=script_json(art),
    )
    return with_csp(html)


def _backgrounds(story: Any) -> list[str]:
    names = {TITLE_ART} | {s.background for s in story.scenes.values() if s.background and s.kind != "chat"}
    return sorted(names)


# Words of the page's own (buttons, headings, help) that the fonts must draw; the template's
# text is ASCII apart from these.
_UI_TEXT = "·’“”–—…⚑"
