"""The project's own documents follow its language rules: the checker reads .md files too."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_docs_and_readme_pass_the_language_checks():
    docs = sorted(str(p) for p in (ROOT / "docs").glob("*.md"))
    out = subprocess.run([sys.executable, "-m", "game", "check", "--strict", *docs, str(ROOT / "README.md")],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stdout + out.stderr
