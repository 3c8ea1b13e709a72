"""Stage 4 helper: an archived version's text → inert HTML, with analysed excerpts marked.

The archived Markdown is untrusted (it is whatever a platform published): it is never passed
to a Markdown converter nor written as HTML. Each line loses the Markdown that Open Terms
Archive writes around the words, as excerpt matching reads it (links keep their labels,
emphasis marks and escapes go, heading marks and bullets become plain text), and every
character is then written through `markup.escape` (punctuation as numeric references), in
paragraphs at blank lines and <br> at line breaks.

An excerpt is found as `check` finds it (generator/check/matching.py): in the text normalised
character by character (NFKC, quotes and dashes folded, whitespace collapsed), each normalised
character remembering the line and column it came from, so a match maps back onto the text as
shown and is marked there (`<mark id="excerpt-<clause>">`, closed and reopened at line ends).
An excerpt that the character-wise normalisation cannot place (NFKC composing across
characters) is listed as not highlighted, never marked somewhere else. A list item's bullet
is shown as "•" but is not one of its words (matching drops list marks), so a quote over
several items is found and marked in each.

Bound: at most MAX_SHOWN_CHARS characters of a version are shown; the page says when it cuts.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from generator.check import matching
from generator.site.markup import escape

MAX_SHOWN_CHARS = 1_000_000
_HEADING = re.compile(r"^[ \t]*(#{1,6})[ \t]+")
_BULLET = re.compile(r"^([ \t]*)[-+*][ \t]+")


@dataclass(frozen=True)
class Quote:
    """An excerpt to mark: the id its <mark> gets, its text, and the link after it."""

    anchor: str
    text: str
    href: str
    label: str


@dataclass(frozen=True)
class Shown:
    html: Markup
    marked: tuple[str, ...]  # anchors of the quotes marked
    unmarked: tuple[str, ...]  # anchors of the quotes not found in the text shown
    cut: bool  # the text was longer than MAX_SHOWN_CHARS


@dataclass(frozen=True)
class _Line:
    text: str  # as shown: its words without Markdown
    heading: bool
    words: int  # where its words start: after the "• " that shows a list item's bullet


def _clean(line: str) -> _Line:
    heading = _HEADING.match(line) is not None
    line = _HEADING.sub("", line)
    bullet = _BULLET.match(line)
    if bullet:
        line = f"{bullet.group(1)}• {line[bullet.end() :]}"
    line = matching._LINK.sub(r"\1", line)
    line = matching._ESCAPE.sub(r"\1", line)
    line = matching._UNDERSCORES.sub("", line)
    words = len(bullet.group(1)) + 2 if bullet else 0
    return _Line(line.replace("*", "").rstrip(), heading, words)


def _paragraphs(markdown: str) -> list[list[_Line]]:
    blocks: list[list[_Line]] = [[]]
    for raw in markdown.splitlines():
        if matching._UNDERLINE.match(raw):  # a setext heading's underline
            if blocks[-1]:
                blocks[-1][-1] = dataclasses.replace(blocks[-1][-1], heading=True)
            continue
        if not raw.strip():
            if blocks[-1]:
                blocks.append([])
            continue
        blocks[-1].append(_clean(raw))
    return [b for b in blocks if b]


def _fold(line: str) -> tuple[str, list[int]]:
    """A line normalised as matching.normalise does, character by character (spaces collapsed,
    none at either end), and for each normalised character the column it came from."""
    out: list[str] = []
    cols: list[int] = []
    for col, ch in enumerate(line):
        for f in unicodedata.normalize("NFKC", ch).translate(matching._FOLD):
            if not f.isspace():
                out.append(f)
                cols.append(col)
            elif out and out[-1] != " ":
                out.append(" ")
                cols.append(col)
    while out and out[-1] == " ":
        out.pop()
        cols.pop()
    return "".join(out), cols


def _fold_fast(line: str) -> str:
    """`_fold(line)[0]`; without walking the line character by character when NFKC changes
    none of its characters (ASCII, or a line already in NFKC: each of its characters is then
    in NFKC on its own too)."""
    if line.isascii() or unicodedata.is_normalized("NFKC", line):
        return " ".join(line.translate(matching._FOLD).split())
    return _fold(line)[0]


class _Located:
    """The lines' words, normalised and joined by spaces, and where each character is."""

    def __init__(self, lines: Sequence[_Line]) -> None:
        self.lines = lines
        self.offsets: list[int] = []  # of each line's text in `text`
        self.numbers: list[int] = []  # which line
        parts: list[str] = []
        at = 0
        for i, line in enumerate(lines):
            folded = _fold_fast(line.text[line.words :])
            if folded:
                self.offsets.append(at)
                self.numbers.append(i)
                parts.append(folded)
                at += len(folded) + 1
        self.text = " ".join(parts)

    def where(self, index: int) -> tuple[int, int]:
        """(line, column) of the normalised character at `index` (not a joining space)."""
        k = bisect.bisect_right(self.offsets, index) - 1
        number = self.numbers[k]
        line = self.lines[number]
        return number, line.words + _fold(line.text[line.words :])[1][index - self.offsets[k]]


def render(markdown: str, quotes: Sequence[Quote]) -> Shown:
    cut = len(markdown) > MAX_SHOWN_CHARS
    blocks = _paragraphs(markdown[:MAX_SHOWN_CHARS])
    lines = [line for block in blocks for line in block]
    located = _Located(lines)
    # line → [(column, order, html)]: a quote's end (order 0) before another's start (1)
    events: dict[int, list[tuple[int, int, str]]] = {}
    marked, unmarked = [], []
    taken: list[tuple[int, int]] = []
    for q in quotes:
        wanted = matching.plain(q.text)
        found = matching.bounded(wanted).search(located.text) if wanted else None
        if found is None or any(a < found.end() and found.start() < b for a, b in taken):
            unmarked.append(q.anchor)  # not found, or overlapping a quote already marked
            continue
        taken.append((found.start(), found.end()))
        (l1, c1), (l2, c2) = located.where(found.start()), located.where(found.end() - 1)
        link = f'<a class="cb-excerpt-link" href="{escape(q.href)}">{escape(q.label)}</a>'
        events.setdefault(l1, []).append((c1, 1, f'<mark id="{escape(q.anchor)}">'))
        events.setdefault(l2, []).append((c2 + 1, 0, "</mark>" + link))
        for middle in range(l1, l2):  # a quote over lines: closed at each end, reopened
            events.setdefault(middle, []).append((len(lines[middle].text), 0, "</mark>"))
            events.setdefault(middle + 1, []).append((lines[middle + 1].words, 1, "<mark>"))
        marked.append(q.anchor)
    html: list[str] = []
    li = 0
    for block in blocks:
        heading = all(line.heading for line in block)
        html.append('<p class="cb-archived-heading">' if heading else "<p>")
        for bi, line in enumerate(block):
            text = line.text
            if bi:
                html.append("<br>")
            at = 0
            for col, _order, tag in sorted(events.get(li, ())):
                html.append(escape(text[at:col]))
                html.append(tag)
                at = col
            html.append(escape(text[at:]))
            li += 1
        html.append("</p>\n")
    return Shown(Markup("".join(html).strip()), tuple(marked), tuple(unmarked), cut)
