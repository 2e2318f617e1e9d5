"""The teacher's site: a catalogue, each story's lesson page, and each story as one playable file.

    site = build_site(stories)                  # -> Site, with the problems (W052) of stories that cannot be
    site.write(folder)                          #    published

    folder/index.html                           the catalogue: filter by age band, theme and length
    folder/lessons/ID.html                      the lesson pack (the same template as `spot-the-signs lesson`)
                                                with Play and Present to the class
    folder/stories/ID.html                      the story; stories/ID.html#present is presenter mode

Every page is self-contained and static (no server, nothing fetched): the folder can go on a
shared drive, into a VLE or onto any web host as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from game import __version__
from game.story.diagnostics import Diagnostic
from game.story.story import Story
from game.web.assets import font_faces
from game.web.csp import with_csp
from game.web.graph import CompiledStory, compile_graph
from game.web.page import environment, page_text, static_text, story_page, tokens_css

if TYPE_CHECKING:
    from game.classroom import Contact

LENGTHS = (10, 15, 20, 30)  # the catalogue's "up to N minutes", as in the teacher area
SETTINGS = {"online": "online", "in-person": "in person", "both": "online and in person"}


@dataclass
class Site:
    pages: dict[str, str] = field(default_factory=dict)  # path in the folder -> HTML
    problems: list[Diagnostic] = field(default_factory=list)

    def write(self, folder: Path) -> list[Path]:
        written = []
        for name, html in self.pages.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(html, encoding="utf-8")
            written.append(path)
        return written


def compile_all(stories: Sequence[Story]) -> tuple[list[CompiledStory], list[Diagnostic]]:
    compiled, problems = [], []
    for story in stories:
        result = compile_graph(story)
        if isinstance(result, Diagnostic):
            problems.append(result)
        else:
            compiled.append(result)
    return compiled, problems


def shared_font_text(compiled: Sequence[CompiledStory]) -> str:
    """Every character any page of the site shows: one font subset for the whole site."""
    return "".join(sorted(set("".join(page_text(c) for c in compiled))))


def build_site(stories: Sequence[Story], contact: Contact | None = None) -> Site:
    from game.teacher.lesson import build_pack

    compiled, problems = compile_all(stories)
    site = Site(problems=problems)
    text = shared_font_text(compiled)
    cards = []
    for c in sorted(compiled, key=lambda c: c.story.title.casefold()):
        story = c.story
        site.pages[f"stories/{story.id}.html"] = story_page(c, contact, text)
        site.pages[f"lessons/{story.id}.html"] = lesson_page(build_pack(story))
        cards.append(_card(story))
    site.pages["index.html"] = catalogue(cards, text)
    return site


def lesson_page(pack: Any) -> str:
    """The lesson pack as it prints today, with the site's buttons: the pack's own template, extended."""
    html = environment().get_template("lesson_page.html.j2").render(
        pack=pack, index=None, catalogue="../index.html", play=f"../stories/{pack.story.id}.html")
    return with_csp(html)


def catalogue(cards: list[dict[str, Any]], font_text: str) -> str:
    themes = sorted({(t, name) for c in cards for t, name in zip(c["theme_ids"], c["themes"], strict=True)},
                    key=lambda pair: pair[1].casefold())
    bands = sorted({c["band"] for c in cards})
    css = tokens_css() + font_faces(font_text, ("atkinson",)) + static_text("catalogue.css")
    html = environment().get_template("catalogue.html.j2").render(
        cards=cards, themes=themes, bands=bands, lengths=LENGTHS, version=__version__,
        css=Markup(css), js=Markup(static_text("catalogue.js")))
    return with_csp(html)


def _card(story: Story) -> dict[str, Any]:
    themes = story.shared.themes
    return {
        "title": story.title, "band": story.band, "minutes": story.minutes,
        "setting": SETTINGS.get(story.setting, story.setting),
        "summary": story.pupil_summary or story.summary,
        "theme_ids": list(story.themes),
        "themes": [themes[t].name if t in themes else t for t in story.themes],
        "play": f"stories/{story.id}.html", "lesson": f"lessons/{story.id}.html",
    }

