"""Rating badges and chart bars meet WCAG AA contrast in the light and the dark palette,
computed from the colours written in clausebook.css (axe checks the rendered pages too), and
badges draw their shape there."""

from __future__ import annotations

import re

import pytest

from generator.site.labels import RATING_ICONS
from tests.conftest import REPO

CSS = (REPO / "site_templates/assets/clausebook.css").read_text(encoding="utf-8")
DARK = '[data-md-color-scheme="slate"] '
# Material 9.8's page backgrounds: default is white; slate is hsl(225, 15%, 14%), which
# Chromium renders as #1e2129.
BACKGROUND = {"light": "#ffffff", "dark": "#1e2129"}


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def rule(selector: str) -> dict[str, str]:
    match = re.search(re.escape(selector) + r"\s*\{([^}]*)\}", CSS)
    assert match, f"no rule for {selector!r} in clausebook.css"
    return dict(
        (k.strip(), v.strip())
        for k, v in (d.split(":", 1) for d in match.group(1).split(";") if d.strip())
    )


def test_contrast_formula() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("palette", ["light", "dark"])
@pytest.mark.parametrize("rating", ["high", "medium", "low"])
def test_badge_text_meets_aa(palette: str, rating: str) -> None:
    prefix = DARK if palette == "dark" else ""
    colours = rule(f"{prefix}.cb-badge--{rating}")
    assert contrast(colours["color"], colours["background"]) >= 4.5


@pytest.mark.parametrize("rating", ["high", "medium", "low"])
def test_badge_shape_is_drawn_in_the_badge_colour_and_not_read_out(rating: str) -> None:
    # The markup holds the label only (<span class="cb-badge cb-badge--high">High</span>); the
    # shape is the ::before content, the charts' shape, with empty alternative text (as
    # aria-hidden was) and no colour of its own, so it has the label's contrast.
    before = rule(f".cb-badge--{rating}::before")
    assert before["content"] == f'"{RATING_ICONS[rating]}" / ""'
    assert "color" not in before and "background" not in before


@pytest.mark.parametrize("palette", ["light", "dark"])
@pytest.mark.parametrize("bar", ["high", "medium", "low", "adoption"])
def test_chart_bars_stand_out_from_the_page(palette: str, bar: str) -> None:
    prefix = DARK if palette == "dark" else ""
    fill = rule(f"{prefix}.cb-chart__bar--{bar}")["fill"]
    assert contrast(fill, BACKGROUND[palette]) >= 3  # WCAG 1.4.11, graphical objects
