"""The browser edition: a story compiled by the engine into a page that only walks it.

    graph.py    the story's reachable state graph and the debrief's parts, from the explorer,
                Playthrough and Debrief (pure Python, no pygame)
    assets.py   what a page embeds: the fonts (subset), the backgrounds and character pictures
    csp.py      the Content-Security-Policy that lets a page run only its own script and styles
    page.py     one story as one self-contained HTML file (templates/story.html.j2, static/)
    site.py     the teacher's site: the catalogue, a lesson page per story, the story files

The page never evaluates a condition: every choice it offers and every line it shows is read
from the graph the Python engine compiled. ``tests/test_web_browser.py`` plays the same walks
through the page in Chromium and through ``Playthrough`` and compares the words.
"""
