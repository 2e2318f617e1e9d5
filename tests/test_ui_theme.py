"""The design tokens: every text and control colour pair meets WCAG contrast."""

from __future__ import annotations

import pytest

from game.ui.theme import CONTROL_CONTRAST, LIGHT, TEXT_CONTRAST, THEMES, contrast_ratio, hex_colour


def test_contrast_ratio_matches_the_wcag_reference_values():
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast_ratio((255, 255, 255), (255, 255, 255)) == pytest.approx(1.0)
    assert contrast_ratio(hex_colour("#767676"), hex_colour("#FFFFFF")) == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio((10, 20, 30), (200, 210, 220)) == contrast_ratio((200, 210, 220), (10, 20, 30))


@pytest.mark.parametrize("theme", THEMES.values(), ids=list(THEMES))
def test_every_text_pair_the_theme_uses_is_at_least_4_5_to_1(theme):
    for name, (fg, bg) in theme.text_pairs().items():
        assert contrast_ratio(fg, bg) >= TEXT_CONTRAST, name


@pytest.mark.parametrize("theme", THEMES.values(), ids=list(THEMES))
def test_focus_ring_and_control_borders_are_at_least_3_to_1(theme):
    for name, (fg, bg) in theme.control_pairs().items():
        assert contrast_ratio(fg, bg) >= CONTROL_CONTRAST, name


def test_text_scale_scales_every_type_role():
    big = LIGHT.scaled(2.0)
    assert big.font_size("body") == 2 * LIGHT.font_size("body")
    assert big.colours == LIGHT.colours


def test_the_palette_is_the_art_palette():
    c = LIGHT.colours
    assert c.background == hex_colour("#F5EBDD") and c.surface == hex_colour("#EAD8BF")
    assert c.text == hex_colour("#3F3B4A") and c.accent == hex_colour("#4E7372") and c.help == hex_colour("#FFE6B0")
