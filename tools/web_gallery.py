"""Draw the README's pictures of the published site (docs/web/) from a page published now.

    python tools/web_gallery.py            # publish the example story and photograph it in Chromium
    python tools/web_gallery.py --list     # the pictures it makes, one a line

Needs Chromium and Playwright (the test extras). Look at the pictures before committing them.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "web"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync"]
# name: (caption, viewport, colour scheme, the scene to show)
PICTURES = {
    "desktop": ("A story in a browser on a laptop: a place, the people in it, a line flagged", (1366, 768), "light",
                "place"),
    "phone": ("The same story on a phone, in the dark theme: a chat", (390, 844), "dark", "chat"),
}


def shoot(folder: Path) -> None:
    from playwright.sync_api import sync_playwright

    from game.cli import main
    from game.teacher.pdf import find_browser

    assert main(["publish", "example", "-o", str(folder / "example.html")]) == 0
    url = (folder / "example.html").as_uri()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(find_browser()), args=ARGS)
        for name, (_caption, (w, h), scheme, scene) in PICTURES.items():
            phone = name == "phone"
            page = browser.new_page(viewport={"width": w, "height": h}, color_scheme=scheme, reduced_motion="reduce",
                                    is_mobile=phone, has_touch=phone)
            page.goto(url)
            page.wait_for_function("performance.getEntriesByName('title-ready').length > 0")
            for _ in range(3):
                page.keyboard.press("Enter")
            if scene == "place":
                for _ in range(3):
                    page.keyboard.press("Space")
                page.keyboard.press("s")
                page.keyboard.press("Enter")
            else:
                while page.locator("#next").is_visible():
                    page.keyboard.press("Space")
                page.keyboard.press("1")
                page.keyboard.press("Enter")
                for _ in range(5):
                    page.keyboard.press("Space")
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=str(OUT / f"{name}.png"))
            page.close()
        browser.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="only list the pictures")
    args = parser.parse_args()
    if args.list:
        for name, (caption, *_rest) in PICTURES.items():
            print(f"docs/web/{name}.png  {caption}")
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        shoot(Path(folder))
    return 0


if __name__ == "__main__":
    sys.exit(main())
