"""Stage 4, pages: how ratings are shown — words and shapes, never colour alone (the badges
draw the same shapes in clausebook.css)."""

from __future__ import annotations

RATING_LABELS = {"high": "High", "medium": "Medium", "low": "Low"}
RATING_ICONS = {"high": "\u25b2", "medium": "\u25c6", "low": "\u25bd"}
