"""Stage 4a helper, charts: counts from the index → inline SVG, drawn at build time.

No chart library reaches the reader's browser: each chart is a small SVG with a <title>, a
<desc> that states every number, and text labels on every bar, so no value is told by colour
alone. Colours come from CSS classes (clausebook.css), which follow the light/dark palette.
Authored labels (platform names, topic titles) pass through `markup.escape`.

Each chart is returned as one `<figure>` on lines without blank lines, so Python-Markdown
keeps it as a single raw HTML block.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from markupsafe import Markup

from generator.site import markup
from generator.site.labels import RATING_ICONS, RATING_LABELS

_WIDTH = 400  # viewBox units; the SVG scales to the column, so ~1 unit per CSS pixel on phones
_ROW = 28
_LABEL_W = 96
_MAX_LABEL = 46  # characters of a topic title drawn on the chart; the full title is in <desc>


def _svg(chart_id: str, title: str, desc: str, height: int, body: list[str]) -> Markup:
    t, d = f"{chart_id}-title", f"{chart_id}-desc"
    lines = [
        f'<figure class="cb-chart" id="{chart_id}">',
        f'<svg class="cb-chart__svg" viewBox="0 0 {_WIDTH} {height}" width="100%" '
        f'role="img" aria-labelledby="{t} {d}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{t}">{markup.escape(title)}</title>',
        f'<desc id="{d}">{markup.escape(desc)}</desc>',
        *body,
        "</svg>",
        f'<figcaption class="cb-chart__caption">{markup.escape(title)}</figcaption>',
        "</figure>",
    ]
    return Markup("\n".join(lines))


def _bar_width(n: int, most: int, room: int) -> int:
    if n == 0 or most == 0:
        return 0
    return max(2, round(room * n / most))  # a non-zero count always shows a visible sliver


def rating_distribution(chart_id: str, counts: Mapping[str, int], subject: str) -> Markup:
    """Horizontal bars, one per rating (most exposed first), each labelled with shape, word
    and count; bar lengths share one scale (the largest count)."""
    total = sum(counts.values())
    most = max(counts.values(), default=0)
    room = _WIDTH - _LABEL_W - 48
    body = []
    for i, (rating, n) in enumerate(counts.items()):
        y = i * _ROW
        w = _bar_width(n, most, room)
        label = f"{RATING_ICONS[rating]} {RATING_LABELS[rating]}"
        body.append(
            f'<g class="cb-chart__row"><text class="cb-chart__label" x="0" y="{y + 19}">'
            f"{label}</text>"
            f'<rect class="cb-chart__bar cb-chart__bar--{rating}" x="{_LABEL_W}" y="{y + 5}" '
            f'width="{w}" height="{_ROW - 10}" rx="2"></rect>'
            f'<text class="cb-chart__value" x="{_LABEL_W + w + 6}" y="{y + 19}">{n}</text></g>'
        )
    parts = ", ".join(f"{RATING_LABELS[r]} {n}" for r, n in counts.items())
    return _svg(
        chart_id,
        f"Exposure ratings of {subject}",
        f"{total} analyses by governance exposure: {parts}.",
        _ROW * len(counts),
        body,
    )


def topic_adoption(chart_id: str, rows: Sequence[tuple[str, int]], platforms: int) -> Markup:
    """For each topic (title, platforms analysed on it): a bar out of all platforms,
    the title above it and "n of N" beside it."""
    room = _WIDTH - 96
    body = []
    for i, (title, n) in enumerate(rows):
        y = i * (_ROW + 18)
        shown = title if len(title) <= _MAX_LABEL else title[: _MAX_LABEL - 1].rstrip() + "…"
        w = _bar_width(n, platforms, room)
        body.append(
            f'<g class="cb-chart__row"><text class="cb-chart__label" x="0" y="{y + 14}">'
            f"{markup.escape(shown)}</text>"
            f'<rect class="cb-chart__track" x="0" y="{y + 20}" width="{room}" height="14" '
            f'rx="2"></rect>'
            f'<rect class="cb-chart__bar cb-chart__bar--adoption" x="0" y="{y + 20}" '
            f'width="{w}" height="14" rx="2"></rect>'
            f'<text class="cb-chart__value" x="{room + 6}" y="{y + 32}">{n} of {platforms}</text>'
            "</g>"
        )
    # "Analysed for", never "found in": a platform without an analysis may well have the
    # clause; we have not analysed it yet (issue 16).
    desc = "; ".join(f"{title}: analysed for {n} of {platforms} platforms" for title, n in rows)
    return _svg(
        chart_id,
        "Coverage: platforms analysed per topic",
        f"For how many platforms each topic is analysed. {desc}.",
        max(1, len(rows)) * (_ROW + 18),
        body,
    )
