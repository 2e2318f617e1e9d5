"""The game finds its folders from a source checkout and from an installed wheel."""

from __future__ import annotations

from pathlib import Path

from game import paths


def test_a_source_checkout_uses_the_folders_beside_the_package():
    assert paths.scenes_dir() == paths.PACKAGE_DIR.parent / "scenes"
    assert (paths.scenes_dir() / "example.yaml").is_file()


def test_a_wheel_uses_the_folders_bundled_inside_the_package(tmp_path, monkeypatch):
    package = tmp_path / "site-packages" / "game"
    (package / "_bundled" / "scenes").mkdir(parents=True)
    monkeypatch.setattr(paths, "PACKAGE_DIR", package)
    assert paths.scenes_dir() == package / "_bundled" / "scenes"


def test_the_wheel_build_bundles_scenes_art_and_audio():
    text = (paths.PACKAGE_DIR.parent / "pyproject.toml").read_text()
    for name in ("scenes", "art", "audio", "schema"):
        assert f'"{name}" = "game/_bundled/{name}"' in text


def test_user_data_can_be_redirected_for_tests_and_shared_machines(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.HOME_ENV, str(tmp_path))
    assert paths.user_data_dir() == Path(tmp_path)


def test_user_data_defaults_to_the_platform_folder(monkeypatch):
    monkeypatch.delenv(paths.HOME_ENV, raising=False)
    assert "spot-the-signs" in str(paths.user_data_dir())
