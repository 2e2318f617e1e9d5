"""The background art: safe, self-contained SVG that the game can load (see art/README.md)."""

from __future__ import annotations

import io
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from game.story.model import is_id

ROOT = Path(__file__).resolve().parent.parent
BACKGROUNDS = ROOT / "art" / "backgrounds"
ICON = ROOT / "art" / "icon.svg"
SCENES = ROOT / "scenes"
SVG_NS = "{http://www.w3.org/2000/svg}"

REQUIRED = (
    "bedroom", "kitchen", "school-corridor", "classroom", "park",
    "bus-stop", "youth-club", "cafe", "street-dusk", "car-park",
)
FORBIDDEN_ELEMENTS = {"script", "image", "text", "foreignObject", "use", "iframe", "audio", "video"}
MAX_BYTES = 20 * 1024
PLAIN_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

SVGS = sorted(BACKGROUNDS.glob("*.svg"))
ARTWORK = [*SVGS, ICON]  # every SVG the game draws: the same safety and palette rules for all
MAX_ICON_BYTES = 4 * 1024


def palette() -> set[str]:
    """The hex colours in the palette table of art/README.md: the only colours the art uses."""
    readme = (ROOT / "art" / "README.md").read_text(encoding="utf-8")
    return {h.upper() for h in re.findall(r"^\|[^|]+\| `(#[0-9A-Fa-f]{6})` \|", readme, re.MULTILINE)}


def local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def parse(path: Path) -> ET.Element:
    text = path.read_text(encoding="utf-8")
    # No DTD means no entities to expand: nothing but plain elements to parse.
    assert "<!DOCTYPE" not in text and "<!ENTITY" not in text, f"{path.name}: no DOCTYPE or entities"
    return ET.fromstring(text)


def test_every_required_background_exists():
    names = {p.stem for p in SVGS}
    missing = [n for n in REQUIRED if n not in names]
    assert not missing, f"missing art/backgrounds/<name>.svg for {missing}"


def test_backgrounds_used_by_the_shipped_scenes_exist():
    names = {p.stem for p in SVGS}
    used = set()
    for scenario in SCENES.glob("*.yaml"):
        used |= set(re.findall(r"^\s*background:\s*['\"]?([A-Za-z0-9_-]+)", scenario.read_text(encoding="utf-8"),
                               re.MULTILINE))
    assert used <= names, f"scenes name backgrounds with no art: {sorted(used - names)}"


@pytest.mark.parametrize("path", SVGS, ids=lambda p: p.stem)
def test_name_is_a_plain_lowercase_hyphen_name(path: Path):
    assert PLAIN_NAME.match(path.stem) and is_id(path.stem), f"{path.name}: use lowercase words joined by hyphens"


@pytest.mark.parametrize("path", SVGS, ids=lambda p: p.stem)
def test_svg_is_small_and_has_the_16_by_9_viewbox(path: Path):
    assert path.stat().st_size < MAX_BYTES, f"{path.name} is {path.stat().st_size} bytes; keep it under 20 KB"
    root = parse(path)
    assert root.tag == f"{SVG_NS}svg", f"{path.name}: the root must be an <svg> in the SVG namespace"
    assert root.get("viewBox", "").split() == ["0", "0", "1920", "1080"]


def test_the_icon_is_small_and_square():
    assert ICON.is_file(), "art/icon.svg is the window icon and the title's mark"
    assert ICON.stat().st_size < MAX_ICON_BYTES
    root = parse(ICON)
    assert root.tag == f"{SVG_NS}svg"
    assert root.get("viewBox", "").split() == ["0", "0", "256", "256"]
    assert root.get("width") == root.get("height") == "256"


@pytest.mark.parametrize("path", ARTWORK, ids=lambda p: p.stem)
def test_svg_is_self_contained_with_no_text_scripts_or_bitmaps(path: Path):
    root = parse(path)
    for element in root.iter():
        name = local_name(element.tag)
        assert name not in FORBIDDEN_ELEMENTS, f"{path.name}: <{name}> is not allowed in background art"
        for attr, value in element.attrib.items():
            attr_name = local_name(attr).lower()
            where = f"{path.name}: <{name} {attr_name}={value!r}>"
            assert not attr_name.startswith("on"), f"{where}: no event handlers (scripts)"
            if attr_name == "href":
                assert value.startswith("#"), f"{where}: links may only point inside the file"
            for target in re.findall(r"url\(\s*['\"]?([^)'\"]*)", value):
                assert target.startswith("#"), f"{where}: url() may only point inside the file"
            low = value.lower()
            assert not re.search(r"\b(https?|file|data|javascript):", low), f"{where}: no external or data URIs"
        if name == "style" and element.text:
            assert "@import" not in element.text and "url(" not in element.text.replace("url(#", "")


def test_art_readme_lists_a_palette():
    assert len(palette()) >= 10


@pytest.mark.parametrize("path", ARTWORK, ids=lambda p: p.stem)
def test_svg_uses_only_the_palette(path: Path):
    used = {h.upper() for h in re.findall(r"#[0-9A-Fa-f]{6}\b", path.read_text(encoding="utf-8"))}
    extra = sorted(used - palette())
    assert not extra, f"{path.name} uses {extra}, which are not in the palette in art/README.md"
    for element in parse(path).iter():
        for attr in ("fill", "stroke", "stop-color"):
            value = element.get(attr)
            if value is not None:
                assert re.fullmatch(r"#[0-9A-Fa-f]{6}|none|url\(#[\w-]+\)", value), (
                    f"{path.name}: write colours as #RRGGBB, not {attr}={value!r}")


@pytest.fixture(scope="module")
def pygame_svg():
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    pygame = pytest.importorskip("pygame")
    probe = (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4" width="4" height="4">'
             b'<rect width="4" height="4"/></svg>')
    try:
        pygame.image.load(io.BytesIO(probe), "probe.svg")
    except (pygame.error, NotImplementedError) as exc:
        pytest.skip(f"this pygame cannot load SVG ({exc})")
    return pygame


@pytest.mark.parametrize("path", SVGS, ids=lambda p: p.stem)
def test_svg_loads_in_pygame_at_full_and_loader_size(path: Path, pygame_svg):
    surface = pygame_svg.image.load(str(path))
    assert surface.get_size() == (1920, 1080)
    if hasattr(pygame_svg.image, "load_sized_svg"):
        assert pygame_svg.image.load_sized_svg(str(path), (1024, 576)).get_size() == (1024, 576)


def test_the_icon_loads_in_pygame_at_the_window_icon_size(pygame_svg):
    if not hasattr(pygame_svg.image, "load_sized_svg"):
        pytest.skip("this pygame cannot load SVG at a chosen size")
    image = pygame_svg.image.load_sized_svg(str(ICON), (64, 64))
    assert image.get_size() == (64, 64)
    assert pygame_svg.mask.from_surface(image, 127).count() > 0.75 * 64 * 64
