"""The story map: a scenario's scenes, choices and endings as data, and as Graphviz or Mermaid text.

``build_map`` turns a compiled Story into a ``StoryMap`` (plain frozen data: easy to test);
``to_dot`` and ``to_mermaid`` render it. Nothing here runs Graphviz or touches a file: the
``graph`` command does that at the edge.

Reachability comes in two layers: the scene graph ignoring conditions (every choice counted
as possible, like the check rules), and, when an ``Exploration`` is given, what conditions
really allow: scenes no state reaches, choices never offered, states that trap a pupil.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from dataclasses import dataclass, replace

from game.story import model
from game.story.explore import Exploration
from game.story.scene_graph import reachable_from, reaching
from game.story.story import Line, Story

# How much text a box or an arrow shows; the whole text is in the scenario file.
FIRST_LINE_CHARS, FIRST_LINE_WIDTH = 70, 30
CHOICE_CHARS, CHOICE_WIDTH = 48, 24
CONDITION_CHARS = 40
SIGNS_WIDTH = 30

SIGN_MARK = "⚑"
WARN_MARK = "⚠"

# Colours: calm for ordinary boxes, green and amber for the endings' tones, red for trouble.
COLOURS = {
    "scene": ("#ffffff", "#5d6d7e"),
    "chat": ("#eaf2fb", "#2e86c1"),
    "hopeful": ("#d5f5e3", "#1e8449"),
    "open": ("#fdebd0", "#b9770e"),
    "warning": ("#fadbd8", "#c0392b"),
}
SIGN_COLOUR = "#a04000"
HELP_COLOUR = "#1e8449"
EDGE_COLOUR = "#566573"
FONT = "DejaVu Sans"


@dataclass(frozen=True, slots=True)
class MapNode:
    id: str
    kind: str  # "scene" or "ending"
    heading: str  # "lunch", "messages (chat)", "told-teacher (hopeful)"
    text: str  # a scene's first line (shortened), an ending's title
    signs: tuple[str, ...]  # the warning signs on its lines, in order
    style: str  # a key of COLOURS
    start: bool
    reachable: bool  # some route from the start leads here
    can_end: bool  # some route from here reaches an ending (always true for an ending)
    # what the exploration (conditions taken into account) found; False when not explored
    never_reached: bool = False  # a route leads here, but the conditions never let a pupil take it
    can_trap: bool = False  # in some state reached here no ending can be reached
    all_hidden: bool = False  # in some state reached here conditions hide every choice

    @property
    def warnings(self) -> tuple[str, ...]:
        found = []
        if not self.reachable:
            found.append("no route leads here")
        elif self.never_reached:
            found.append("conditions never let a pupil get here")
        if not self.can_end:
            found.append("no way on to an ending")
        elif self.can_trap:
            found.append("conditions can trap a pupil here")
        if self.all_hidden:
            found.append("conditions can hide every choice here")
        return tuple(found)


@dataclass(frozen=True, slots=True)
class MapEdge:
    source: str
    target: str
    label: str  # the choice text, shortened; "" for a scene that simply goes on
    condition: str | None  # the choice's `if:`, shortened
    helps: bool
    never_offered: bool = False  # the exploration found no state in which its condition is true


@dataclass(frozen=True, slots=True)
class StoryMap:
    id: str
    title: str
    nodes: tuple[MapNode, ...]
    edges: tuple[MapEdge, ...]

    @property
    def trouble(self) -> tuple[MapNode, ...]:
        return tuple(n for n in self.nodes if n.warnings)

    @property
    def never_offered(self) -> tuple[MapEdge, ...]:
        return tuple(e for e in self.edges if e.never_offered)


def choice_conditions(scenario: model.Scenario) -> dict[str, str]:
    """Choice id -> the text of its `if:` (the compiled Story keeps only the compiled test)."""
    return {f"{sid}.c{i}": ch.if_ for sid, sc in scenario.scenes.items()
            for i, ch in enumerate(sc.choices) if ch.if_}


def build_map(story: Story, conditions: Mapping[str, str] | None = None,
              exploration: Exploration | None = None) -> StoryMap:
    """The map of ``story``; ``conditions`` (choice id -> `if:` text) labels arrows, and an
    ``exploration`` adds what the conditions allow (only a complete one can say what is never reached)."""
    conditions = conditions or {}
    graph = {sid: [c.go for c in scene.choices] for sid, scene in story.scenes.items()}
    reachable = reachable_from(story.start, graph)
    can_end = reaching(story.endings, graph)
    ex = exploration
    reached = (ex.scenes_reached | ex.endings_reached) if ex is not None and ex.complete else None
    trapped = {sid for sid, _ in ex.trapped} if ex is not None else set()
    hidden = {sid for sid, _ in ex.all_hidden} if ex is not None else set()
    never = set(ex.never_offered) if ex is not None and ex.complete else set()
    nodes: list[MapNode] = []
    edges: list[MapEdge] = []
    for sid, scene in story.scenes.items():
        node = MapNode(
            id=sid, kind="scene", heading=f"{sid} (chat)" if scene.kind == "chat" else sid,
            text=shorten(_spoken(story, scene.lines[0]), FIRST_LINE_CHARS), signs=_signs(scene.lines),
            style="chat" if scene.kind == "chat" else "scene",
            start=sid == story.start, reachable=sid in reachable, can_end=sid in can_end,
            never_reached=reached is not None and sid not in reached, can_trap=sid in trapped,
            all_hidden=sid in hidden,
        )
        nodes.append(replace(node, style="warning") if node.warnings else node)
        for choice in scene.choices:
            cond = conditions.get(choice.id)
            edges.append(MapEdge(
                source=sid, target=choice.go,
                label="" if choice.is_continue else shorten(choice.text, CHOICE_CHARS),
                condition=shorten(cond, CONDITION_CHARS) if cond else None, helps=choice.helps,
                never_offered=choice.id in never,
            ))
    for eid, ending in story.endings.items():
        node = MapNode(
            id=eid, kind="ending", heading=f"{eid} ({ending.tone})", text=shorten(ending.title, FIRST_LINE_CHARS),
            signs=_signs(ending.lines), style=ending.tone, start=False, reachable=eid in reachable, can_end=True,
            never_reached=reached is not None and eid not in reached,
        )
        nodes.append(replace(node, style="warning") if node.warnings else node)
    return StoryMap(story.id, story.title, tuple(nodes), tuple(edges))


def _spoken(story: Story, line: Line) -> str:
    name = story.speaker_name(line.speaker)
    return f"{name}: {line.text}" if name else line.text


def _signs(lines: tuple[Line, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ln.sign for ln in lines if ln.sign))


def shorten(text: str, limit: int) -> str:
    """One line of at most ``limit`` characters, cut at a word and ended with … when cut."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,.;:-") + "…"


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_on_hyphens=False) or [""]


def _signs_text(signs: tuple[str, ...]) -> list[str]:
    return _wrap(f"{SIGN_MARK} " + ", ".join(signs), SIGNS_WIDTH) if signs else []


# --- Graphviz -------------------------------------------------------------------------------


def dot_string(text: str) -> str:
    """A double-quoted DOT string: backslashes and quotes escaped, newlines as \\n."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n") + '"'


def html_text(text: str) -> str:
    """Text inside a Graphviz HTML-like label."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("\n", " "))


def _html_rows(rows: list[tuple[list[str], str]]) -> str:
    cells = []
    for lines, attrs in rows:
        body = '<BR ALIGN="LEFT"/>'.join(html_text(t) for t in lines)
        cells.append(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{attrs.format(body)}</TD></TR>')
    return '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="1" CELLPADDING="2">' + "".join(cells) + "</TABLE>>"


def _dot_label(node: MapNode) -> str:
    rows: list[tuple[list[str], str]] = [([node.heading], "<B>{}</B>"), (_wrap(node.text, FIRST_LINE_WIDTH), "{}")]
    if node.signs:
        rows.append((_signs_text(node.signs), f'<FONT COLOR="{SIGN_COLOUR}">{{}}</FONT>'))
    for warning in node.warnings:
        rows.append(([f"{WARN_MARK} {warning}"], f'<FONT COLOR="{COLOURS["warning"][1]}"><B>{{}}</B></FONT>'))
    return _html_rows(rows)


def _edge_text(edge: MapEdge, width: int) -> list[str]:
    lines = _wrap(edge.label, width) if edge.label else []
    if edge.never_offered:
        lines.append(f"{WARN_MARK} never offered")
    if edge.condition:
        lines += _wrap(f"[if {edge.condition}]", width)
    return lines


def to_dot(smap: StoryMap, direction: str = "TB") -> str:
    title = f"{smap.title} ({smap.id})"
    legend = (f"{SIGN_MARK} warning signs on a scene's lines · green arrows: helping choices · "
              "[if …]: offered only when true · red: a problem to fix")
    heading = _html_rows([([title], "<B>{}</B>"), ([legend], '<FONT POINT-SIZE="11">{}</FONT>')])
    out = [
        f"digraph {dot_string(smap.id)} {{",
        f"  graph [rankdir={direction}, fontname={dot_string(FONT)}, fontsize=16, labelloc=t, label={heading}, "
        'nodesep=0.35, ranksep=0.55, pad=0.3, newrank=true];',
        f'  node [shape=box, style="rounded,filled", fontname={dot_string(FONT)}, fontsize=12, margin="0.12,0.06"];',
        f"  edge [fontname={dot_string(FONT)}, fontsize=10, color={dot_string(EDGE_COLOUR)}, "
        f"fontcolor={dot_string('#34495e')}, arrowsize=0.8];",
        f'  "__start__" [label="start", shape=circle, style=filled, fillcolor={dot_string("#34495e")}, '
        'fontcolor="white", fontsize=11, width=0.6, fixedsize=true];',
    ]
    for node in smap.nodes:
        fill, line = COLOURS[node.style]
        attrs = [f"label={_dot_label(node)}", f"fillcolor={dot_string(fill)}", f"color={dot_string(line)}"]
        if node.kind == "ending":
            attrs += ["peripheries=2", 'style="rounded,filled,bold"']
        elif node.start or node.warnings:
            attrs.append("penwidth=2.5")
        out.append(f"  {dot_string(node.id)} [{', '.join(attrs)}];")
    endings = [n for n in smap.nodes if n.kind == "ending"]
    if endings:
        out.append("  { rank=sink; " + " ".join(dot_string(n.id) + ";" for n in endings) + " }")
    start = next((n for n in smap.nodes if n.start), None)
    if start is not None:
        out.append(f'  "__start__" -> {dot_string(start.id)} [penwidth=2];')
    for edge in smap.edges:
        attrs = []
        text = _edge_text(edge, CHOICE_WIDTH)
        if text:
            attrs.append("label=" + _html_rows([(text, "{}")]))
        if edge.never_offered:
            colour = dot_string(COLOURS["warning"][1])
            attrs += [f"color={colour}", "penwidth=1.8", f"fontcolor={colour}"]
        elif edge.helps:
            attrs += [f"color={dot_string(HELP_COLOUR)}", "penwidth=1.8", f"fontcolor={dot_string(HELP_COLOUR)}"]
        if edge.condition:
            attrs.append('style="dashed"')
        out.append(f"  {dot_string(edge.source)} -> {dot_string(edge.target)}"
                   + (f" [{', '.join(attrs)}]" if attrs else "") + ";")
    out.append("}")
    return "\n".join(out) + "\n"


# --- Mermaid --------------------------------------------------------------------------------

_MERMAID_ENTITIES = {"#": "#35;", '"': "#quot;", "&": "#amp;", "<": "#lt;", ">": "#gt;", "|": "#124;",
                     "`": "#96;", "\n": " ", "\r": " "}


def mermaid_text(text: str) -> str:
    """Text inside a quoted Mermaid label: the characters Mermaid reads as syntax become entities."""
    return "".join(_MERMAID_ENTITIES.get(ch, ch) for ch in text)


def _mermaid_ids(smap: StoryMap) -> dict[str, str]:
    """Scene ids as Mermaid node ids: letters, digits and _ only, and never a keyword like `end`."""
    ids: dict[str, str] = {}
    used: set[str] = set()
    for node in smap.nodes:
        base = "n_" + "".join(ch if ch.isascii() and ch.isalnum() else "_" for ch in node.id)
        name, n = base, 2
        while name in used:
            name, n = f"{base}_{n}", n + 1
        used.add(name)
        ids[node.id] = name
    return ids


def to_mermaid(smap: StoryMap, direction: str = "TB") -> str:
    ids = _mermaid_ids(smap)
    out = [
        f"flowchart {direction}",
        f"  %% Story map of {mermaid_text(smap.title)} ({smap.id}), made by spot-the-signs graph.",
        '  start_(["start"]):::start',
    ]
    for node in smap.nodes:
        rows = [node.heading, *_wrap(node.text, FIRST_LINE_WIDTH), *_signs_text(node.signs),
                *(f"{WARN_MARK} {w}" for w in node.warnings)]
        label = "<br/>".join(mermaid_text(r) for r in rows)
        shape = ('(["', '"])') if node.kind == "ending" else ('["', '"]')
        out.append(f"  {ids[node.id]}{shape[0]}{label}{shape[1]}:::{node.style}")
    start = next((n for n in smap.nodes if n.start), None)
    if start is not None:
        out.append(f"  start_ --> {ids[start.id]}")
    help_links, never_links = [], []
    for i, edge in enumerate(smap.edges):
        text = "<br/>".join(mermaid_text(t) for t in _edge_text(edge, CHOICE_WIDTH))
        arrow = "-.->" if edge.condition else "-->"
        out.append(f"  {ids[edge.source]} {arrow}" + (f'|"{text}"|' if text else "") + f" {ids[edge.target]}")
        link = str(i + 1 if start is not None else i)
        if edge.never_offered:
            never_links.append(link)
        elif edge.helps:
            help_links.append(link)
    for style, (fill, line) in COLOURS.items():
        out.append(f"  classDef {style} fill:{fill},stroke:{line},color:#1b2631")
    out.append("  classDef start fill:#34495e,stroke:#34495e,color:#ffffff")
    if help_links:
        out.append(f"  linkStyle {','.join(help_links)} stroke:{HELP_COLOUR},stroke-width:2px")
    if never_links:
        out.append(f"  linkStyle {','.join(never_links)} stroke:{COLOURS['warning'][1]},stroke-width:2px")
    return "\n".join(out) + "\n"
