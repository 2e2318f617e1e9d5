"""Where the game's own folders and the user's data live.

The shipped folders (scenes/, art/, audio/, schema/) sit beside the package in a source checkout or
an editable install, and inside it (game/_bundled/) in a built wheel; both are looked for,
so every command works from any folder.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
HOME_ENV = "SPOT_THE_SIGNS_HOME"


def project_dir(name: str) -> Path:
    for base in (PACKAGE_DIR / "_bundled", PACKAGE_DIR.parent):
        candidate = base / name
        if candidate.is_dir():
            return candidate
    return PACKAGE_DIR.parent / name


def scenes_dir() -> Path:
    return project_dir("scenes")


def art_dir() -> Path:
    return project_dir("art")


def audio_dir() -> Path:
    return project_dir("audio")


def user_data_dir() -> Path:
    """Saves and logs: $SPOT_THE_SIGNS_HOME when set (tests, shared classroom machines)."""
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override)
    import platformdirs  # imported here: most commands never need it

    return Path(platformdirs.user_data_dir("spot-the-signs", appauthor=False))


def config_dir() -> Path:
    """Settings: $SPOT_THE_SIGNS_HOME/config when set, else the platform's user config folder."""
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override) / "config"
    import platformdirs

    return Path(platformdirs.user_config_dir("spot-the-signs", appauthor=False))
