"""The published site in a real browser (Chromium through Playwright): played from file:// with the keyboard
alone and with taps, with the network cut off; axe-core finds no accessibility problem on any screen;
it reflows to 320 CSS px, follows forced colours and reduced motion, and asks for nothing over a network.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from webtools import HERE, axe_source

from game.paths import scenes_dir
from game.story.library import scenario_files

STORY = "example"  # a short story that has a place scene, a chat scene and feedback on every choice
AXE_SHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"
LINE = "#lines > li"


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 1366, "height": 800})
    yield ctx
    ctx.close()


def story_url(published: Path, story: str = STORY, hash_: str = "") -> str:
    return (published / "stories" / f"{story}.html").as_uri() + hash_


def open_story(context, published: Path, story: str = STORY, hash_: str = ""):
    page = context.new_page()
    page.goto(story_url(published, story, hash_))
    page.wait_for_function("performance.getEntriesByName('title-ready').length > 0")
    return page


def visible(page, selector: str) -> bool:
    return page.locator(selector).is_visible()


def read_on(page) -> None:
    """Space until the scene's choices show (as a pupil reads)."""
    for _ in range(100):
        if not visible(page, "#next"):
            return
        page.keyboard.press("Space")
    raise AssertionError("Space did not reach the choices")


def to_play(page) -> None:
    page.keyboard.press("Enter")  # Start
    page.keyboard.press("Enter")  # Carry on (the content note)
    page.keyboard.press("Enter")  # Carry on (how to play)
    assert visible(page, "#v-play")


def axe(page) -> list[dict]:
    """axe-core's violations (every rule, every impact) on the page as it is now."""
    page.evaluate("document.getAnimations().forEach(a => a.finish())")  # a line half faded in is not the page
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(axe_source())  # run through the debugger protocol, so the page's own CSP allows it
    return page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']})).violations
        .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3)}))""")


def test_the_vendored_axe_core_is_the_one_its_readme_names():
    data = (HERE / "axe-core" / "axe.min.js").read_bytes()
    assert hashlib.sha256(data).hexdigest() == AXE_SHA256
    assert data.startswith(b"/*! axe v4.14.1")
    assert AXE_SHA256 in (HERE / "axe-core" / "README.md").read_text(encoding="utf-8")
    assert "Mozilla Public License" in (HERE / "axe-core" / "LICENSE").read_text(encoding="utf-8")


def test_a_story_plays_to_its_debrief_from_disk_with_the_keyboard_alone_and_no_network(browser, published):
    ctx = browser.new_context(viewport={"width": 1024, "height": 600}, offline=True)
    requests: list[str] = []
    ctx.on("request", lambda r: requests.append(r.url))
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    page.goto(story_url(published))
    page.wait_for_function("performance.getEntriesByName('title-ready').length > 0")
    assert page.evaluate("document.activeElement.id") == "start"
    to_play(page)
    steps = 0
    while not visible(page, "#v-debrief"):
        read_on(page)
        page.keyboard.press("1" if visible(page, "#choices") else "Enter")
        if page.locator("#card").is_visible():
            page.keyboard.press("Enter")
        steps += 1
        assert steps < 50
    assert page.locator("#d-not-fault").inner_text().startswith("What happened was not Mia's fault")
    assert "0800 1111" in page.locator("#d-help").inner_text()
    assert requests == [story_url(published)], requests  # the file itself, and nothing else
    assert errors == []
    assert page.evaluate("document.cookie") == ""
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    ctx.close()


def test_every_key_does_what_it_does_in_the_window(context, published):
    page = open_story(context, published)
    to_play(page)
    assert page.locator(LINE).count() == 1
    page.keyboard.press("Space")
    assert page.locator(LINE).count() == 2
    page.keyboard.press("Enter")  # Enter reads on too
    assert page.locator(LINE).count() == 3
    assert page.locator("#live").inner_text() == page.evaluate(
        "(() => { const li = document.querySelector('#lines > li:last-child');"
        " const n = li.querySelector('.name'); return (n ? n.firstChild.textContent.replace(' (you)', '') + ': ' : '')"
        " + li.querySelector('.text').textContent })()")
    page.keyboard.press("ArrowUp")
    assert page.locator(f"{LINE}.picked").get_attribute("data-line") == page.locator(LINE).nth(1).get_attribute(
        "data-line")
    page.keyboard.press("s")  # flag the picked line: kind feedback at once
    assert page.locator("#card").is_visible()
    page.keyboard.press("Enter")
    assert page.locator(f"{LINE}.flagged").count() == 1
    for key, dialog in (("h", "#help"), ("b", "#rest"), ("l", "#history"), ("Escape", "#menu")):
        page.keyboard.press(key)
        assert page.locator(dialog).is_visible(), key
        page.keyboard.press("Escape")
        assert not page.locator(dialog).is_visible(), key
    read_on(page)
    first = page.locator("#lines").inner_text()
    page.keyboard.press("2")  # a choice by its number
    page.keyboard.press("Enter")  # its feedback
    assert page.locator("#lines").inner_text() != first
    page.keyboard.press("Backspace")  # back a step: the scene as it was, every line shown
    assert page.locator("#lines").inner_text().replace("(flagged)", "").split() == first.replace(
        "(flagged)", "").split()
    page.keyboard.press("2")
    page.keyboard.press("Enter")
    page.keyboard.press("z")  # Z goes back too
    assert page.locator("#choices").is_visible()


def test_a_story_plays_to_its_debrief_with_taps(browser, published):
    ctx = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True, offline=True)
    page = ctx.new_page()
    page.goto(story_url(published))
    page.wait_for_function("performance.getEntriesByName('title-ready').length > 0")
    for button in ("#start", "#note-on", "#howto-on"):
        page.tap(button)
    for _ in range(3):
        page.tap("#next")
    page.tap(f"{LINE} >> nth=1")  # a line picked with a tap ...
    page.tap(f"{LINE} >> nth=3")  # ... or another
    page.tap("#flag")  # ... and flagged
    assert page.locator("#card-title").inner_text() == "Well spotted: Too good to be true"
    page.tap("#card-ok")
    for _ in range(50):
        if visible(page, "#v-debrief"):
            break
        if visible(page, "#next"):
            page.tap("#next")
        elif visible(page, "#continue"):
            page.tap("#continue")
        else:
            page.tap("#choice-list button >> nth=0")
        if page.locator("#card").is_visible():
            page.tap("#card-ok")
    assert visible(page, "#v-debrief")
    assert "Too good to be true (you spotted this)" in page.locator("#d-signs").inner_text()
    ctx.close()


def screens(page, published: Path):
    """Go through every screen of a story, yielding each one's name once it shows."""
    yield "title"
    page.keyboard.press("Enter")
    yield "content note"
    page.keyboard.press("Enter")
    yield "how to play"
    page.keyboard.press("Enter")
    page.keyboard.press("Space")
    yield "a place scene"
    page.keyboard.press("s")
    yield "flag feedback"
    page.keyboard.press("Enter")
    read_on(page)
    yield "a choice"
    page.keyboard.press("l")
    yield "the story so far"
    page.keyboard.press("Escape")
    page.keyboard.press("h")
    yield "help"
    page.keyboard.press("b")
    yield "the break screen"
    page.keyboard.press("x")
    page.keyboard.press("Escape")
    yield "pause"
    page.keyboard.press("Escape")
    page.keyboard.press("1")
    yield "choice feedback"
    page.keyboard.press("Enter")
    read_on(page)
    assert page.locator("#v-play.mode-chat").count() == 1
    yield "a chat scene"
    page.keyboard.press("Escape")
    page.locator("#menu-settings").click()
    yield "settings"
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    while not visible(page, "#v-debrief"):
        read_on(page)
        page.keyboard.press("1" if visible(page, "#choices") else "Enter")
        if page.locator("#card").is_visible():
            page.keyboard.press("Enter")
    yield "the debrief"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_on_any_screen_of_a_story(browser, published, scheme):
    ctx = browser.new_context(viewport={"width": 1366, "height": 800}, color_scheme=scheme)
    page = open_story(ctx, published)
    found = {name: axe(page) for name in screens(page, published)}
    assert {name: v for name, v in found.items() if v} == {}
    assert len(found) == 14
    ctx.close()


def test_axe_finds_no_violations_in_presenter_mode_the_catalogue_and_a_story_page(context, published):
    page = open_story(context, published, hash_="#present")
    assert axe(page) == []
    to_play(page)
    read_on(page)
    page.keyboard.press("1")
    assert page.locator("#vote").is_visible()
    page.keyboard.press("1")
    page.keyboard.press("2")
    page.keyboard.press("1")
    assert page.locator("#vote-rows .count").all_inner_texts() == ["2 votes", "1 vote"]
    assert axe(page) == []
    page.keyboard.press("Backspace")  # the last vote taken back
    assert page.locator("#vote-rows .count").all_inner_texts() == ["1 vote", "1 vote"]
    page.keyboard.press("Enter")  # follow the focused choice: its feedback, as a pupil's would be
    assert page.locator("#card").is_visible()
    for url in ((published / "index.html").as_uri(), (published / "lessons" / f"{STORY}.html").as_uri()):
        other = context.new_page()
        other.goto(url)
        assert axe(other) == [], url
        other.close()


@pytest.mark.parametrize("width", [320, 768, 1366])
def test_every_screen_reflows_with_no_sideways_scrolling_and_big_enough_targets(browser, published, width):
    ctx = browser.new_context(viewport={"width": width, "height": 700})
    page = open_story(ctx, published)
    small = page.evaluate("""() => Array.from(document.querySelectorAll('button, a, select, label'))
        .filter(e => e.offsetParent !== null && !e.closest('dialog:not([open])'))
        .map(e => [e.id || e.textContent.trim().slice(0, 30), e.getBoundingClientRect()])
        .filter(([, r]) => r.width < 44 || r.height < 44)""")
    assert small == []
    for name in screens(page, published):
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= width, f"{name} is {wide} CSS px wide at {width}"
        small = page.evaluate("""() => Array.from(document.querySelectorAll('button, a, select'))
            .filter(e => e.getClientRects().length && !e.hidden)
            .filter(e => !e.closest('dialog') || e.closest('dialog').open)
            .map(e => [e.id || e.textContent.trim().slice(0, 30), e.getBoundingClientRect()])
            .filter(([, r]) => r.width < 44 || r.height < 44)""")
        assert small == [], name
    ctx.close()


def test_the_play_screen_reflows_at_200_percent_text_in_a_narrow_window(browser, published):
    ctx = browser.new_context(viewport={"width": 640, "height": 700})
    page = open_story(ctx, published)
    page.locator("#open-settings").click()
    page.locator("input[name=scale][value='2']").check()
    page.keyboard.press("Escape")
    page.focus("#start")
    assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "32px"
    for name in screens(page, published):
        assert page.evaluate("document.documentElement.scrollWidth") <= 640, name
    ctx.close()


def test_forced_colours_keep_every_control_and_the_picked_line_visible(browser, published):
    ctx = browser.new_context(viewport={"width": 1024, "height": 700}, forced_colors="active")
    page = open_story(ctx, published)
    assert page.evaluate("matchMedia('(forced-colors: active)').matches")
    to_play(page)
    page.keyboard.press("s")
    page.keyboard.press("Enter")
    styles = page.evaluate("""() => Array.from(document.querySelectorAll('button'))
        .filter(b => b.getClientRects().length)
        .map(b => { const s = getComputedStyle(b); return [b.id, s.borderTopStyle, parseFloat(s.borderTopWidth)] })""")
    assert styles and all(style == "solid" and width >= 2 for _, style, width in styles), styles
    picked = page.evaluate("getComputedStyle(document.querySelector('#lines > li.picked')).outlineStyle")
    flagged = page.evaluate("getComputedStyle(document.querySelector('#lines > li.flagged')).outlineStyle")
    assert (picked, flagged) == ("solid", "solid") or "dashed" in (picked, flagged)
    page.keyboard.press("Tab")
    ring = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert ring == "solid"
    ctx.close()


def test_reduced_motion_stills_every_animation(browser, published):
    ctx = browser.new_context(reduced_motion="reduce")
    page = open_story(ctx, published)
    to_play(page)
    page.keyboard.press("Space")
    assert page.evaluate("getComputedStyle(document.querySelector('#lines > li.new')).animationDuration") == "0s"
    ctx.close()
    ctx = browser.new_context(reduced_motion="no-preference")
    page = open_story(ctx, published)
    to_play(page)
    page.keyboard.press("Space")
    assert page.evaluate("getComputedStyle(document.querySelector('#lines > li.new')).animationDuration") != "0s"
    page.keyboard.press("Escape")
    page.locator("#menu-settings").click()
    page.locator("input[name=motion][value=reduce]").check()  # or the pupil's own choice in Settings
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    assert page.evaluate("getComputedStyle(document.querySelector('#lines > li.new')).animationDuration") == "0s"
    ctx.close()


def test_the_policy_lets_only_the_pages_own_script_run(browser, published, tmp_path):
    """Every page carries a CSP; a page whose script was changed after publishing does not run it."""
    for page_file in published.rglob("*.html"):
        assert "Content-Security-Policy" in page_file.read_text(encoding="utf-8"), page_file
    html = (published / "stories" / f"{STORY}.html").read_text(encoding="utf-8")
    changed = tmp_path / "changed.html"
    changed.write_text(html.replace("performance.mark(\"title-ready\")", "performance.mark(\"changed\")"),
                       encoding="utf-8")
    ctx = browser.new_context()
    page = ctx.new_page()
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text))
    page.goto(changed.as_uri())
    page.wait_for_load_state("load")
    assert page.locator("#start").is_disabled()  # the script never ran
    assert page.locator("#no-script").is_visible()
    assert any("Content Security Policy" in v for v in violations)
    ok = ctx.new_page()
    seen: list[str] = []
    ok.on("console", lambda m: seen.append(m.text))
    ok.goto(story_url(published))
    ok.wait_for_function("performance.getEntriesByName('title-ready').length > 0")
    assert not any("Content Security Policy" in v for v in seen)
    ctx.close()


def test_the_catalogue_filters_by_age_length_and_theme_from_disk(context, published):
    page = context.new_page()
    page.goto((published / "index.html").as_uri())
    cards = page.locator(".story-card")
    total = cards.count()
    assert total == len(scenario_files(scenes_dir()))
    page.select_option("select[name=band]", "14-16")
    shown = [c for c in cards.all() if c.is_visible()]
    assert 0 < len(shown) < total and all("Ages 14-16" in c.inner_text() for c in shown)
    assert re.match(rf"{len(shown)} of {total} stories", page.locator("#count").inner_text())
    page.select_option("select[name=band]", "")
    page.select_option("select[name=length]", "10")
    assert all(int(c.get_attribute("data-minutes")) <= 10 for c in cards.all() if c.is_visible())
    page.select_option("select[name=length]", "")
    theme = page.locator("select[name=theme] option").nth(1).get_attribute("value")
    page.select_option("select[name=theme]", theme)
    assert all(theme in c.get_attribute("data-themes").split() for c in cards.all() if c.is_visible())
    page.locator(".story-card:visible a.button.primary").first.click()  # Play, from disk
    page.wait_for_function("performance.getEntriesByName('title-ready').length > 0")
    assert page.url.startswith((published / "stories").as_uri())
