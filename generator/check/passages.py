"""Stage 2 helper, the excerpt rule's hint: the passage of an archived copy closest to an
excerpt that is not in it, how alike the two are word for word, and where they first differ.

Input: a version's plain text (at most 5 MB: source/archive.py) and a normalised excerpt (at
most model.MAX_TEXT characters). Output: a `Passage`, or None when no passage of the copy
shares a word with the excerpt.

Every step is bounded, whatever the two texts are (a copy of one sentence repeated 10,000
times, an excerpt of two letters, one word typed 3,000 times):
- candidate places come from a cheap index: up to PROBES three-word sequences of the excerpt
  (single words if no sequence occurs), each looked up at most HITS times with str.find: at
  most PROBES times HITS passes over the copy, in C, and nothing as long as the copy is built;
- at most WINDOWS places, those most probes agree on, are read (as many words as the excerpt
  has, and SLACK either side) and compared word by word with difflib, on at most COMPARE words
  of the excerpt;
- past COMPARE words, the first difference is found by a linear walk.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

PROBES = 16
HITS = 16
WINDOWS = 6
COMPARE = 400
SLACK = 40  # words of the copy read before where the excerpt would start, and after its end
BUCKET = 256  # characters: probes implying starts this close agree on one place
CONTEXT = 4  # words shown either side of the first difference
SHOWN = 40  # words of the passage shown, around the first difference


@dataclass(frozen=True)
class Passage:
    """The copy's words most like the excerpt's, compared word by word."""

    alike: int
    """How many of the first `compared` words of the excerpt the passage has, in order."""
    compared: int
    words: int
    """Words in the whole excerpt."""
    length: int
    """Words in the whole passage: more than `alike` when the copy has words the excerpt
    leaves out, even if every word of the excerpt is in it."""
    text: str
    """The passage, around the first difference (at most SHOWN words)."""
    at: int
    """The word of the excerpt (1-based) where the two first differ."""
    excerpt: str
    """The excerpt around the first difference: '…will not use…'."""
    archive: str
    """The copy around the first difference: '…will use…'."""


def closest(text: str, excerpt: str) -> Passage | None:
    words = excerpt.split()
    if not words or not text:
        return None
    best: tuple[int, list[str], list[difflib.Match]] | None = None
    for start in _candidates(text, words):
        window = _words_around(text, start, len(words) + SLACK, SLACK)
        matcher = difflib.SequenceMatcher(
            None, words[:COMPARE], window[: COMPARE + 2 * SLACK], autojunk=False
        )
        blocks = [b for b in matcher.get_matching_blocks() if b.size]
        alike = sum(b.size for b in blocks)
        if alike and (best is None or alike > best[0]):
            best = (alike, window, blocks)
    if best is None:
        return None
    alike, window, blocks = best
    i, j = _first_difference(words, window, blocks)
    # The passage: from where the excerpt's first word would be to where its last would be.
    first, last = blocks[0], blocks[-1]
    start = max(first.b - first.a, 0)
    end = last.b + last.size + len(words) - last.a - last.size
    passage = window[start:end]
    # Around the first difference, but never cut a passage that fits whole.
    cut = min(max(j - start - SHOWN // 4, 0), max(len(passage) - SHOWN, 0))
    shown = passage[cut : cut + SHOWN]
    return Passage(
        alike=alike,
        compared=len(words[:COMPARE]),
        words=len(words),
        length=len(passage),
        text=("…" if cut else "") + " ".join(shown) + ("…" if cut + SHOWN < len(passage) else ""),
        at=i + 1,
        excerpt=_around(words, i),
        archive=_around(window, j),
    )


def _candidates(text: str, words: list[str]) -> list[int]:
    """Where in `text` the excerpt might start: the places most probes agree on."""
    offsets, at = [], 0
    for w in words:  # each word's offset in the excerpt, its words joined by single spaces
        offsets.append(at)
        at += len(w) + 1
    starts: dict[int, list[int]] = {}  # bucket → the starts its probes imply
    for size in dict.fromkeys((min(3, len(words)), 1)):
        for i in _spread(len(words) - size + 1, PROBES):
            probe = " ".join(words[i : i + size])
            hit = text.find(probe)
            for _ in range(HITS):
                if hit < 0:
                    break
                start = max(hit - offsets[i], 0)
                starts.setdefault(start // BUCKET, []).append(start)
                hit = text.find(probe, hit + 1)
        if starts:
            break
    ranked = sorted(starts.values(), key=lambda s: (-len(s), min(s)))
    return [min(s) for s in ranked[:WINDOWS]]


def _spread(n: int, k: int) -> list[int]:
    """Up to k indexes spread evenly over range(n), the first and the last among them."""
    if n <= k:
        return list(range(n))
    return sorted({round(j * (n - 1) / (k - 1)) for j in range(k)})


def _words_around(text: str, at: int, count: int, back: int) -> list[str]:
    """`back` words before the word at `at`, and `count` words from it, reading no more of
    `text` than those words span."""
    start = text.rfind(" ", 0, at) + 1
    for _ in range(back):
        if start <= 0:
            break
        start = text.rfind(" ", 0, start - 1) + 1
    words: list[str] = []
    while start < len(text) and len(words) < count + back:
        end = text.find(" ", start)
        end = len(text) if end < 0 else end
        words.append(text[start:end])
        start = end + 1
    return words


def _first_difference(
    words: list[str], window: list[str], blocks: list[difflib.Match]
) -> tuple[int, int]:
    """(excerpt index, window index) of the first word where the two differ, in the
    excerpt's reading order."""
    first = blocks[0]
    if first.a:  # the excerpt's first words are not in the passage
        return 0, max(first.b - first.a, 0)
    i, j = first.size, first.b + first.size
    if i >= min(len(words), COMPARE):  # every compared word alike: walk on past them
        while i < len(words) and j < len(window) and words[i] == window[j]:
            i, j = i + 1, j + 1
    return min(i, len(words) - 1), min(j, max(len(window) - 1, 0))


def _around(words: list[str], at: int) -> str:
    """The words either side of `at`, with '…' where more words are left out."""
    lo, hi = max(at - CONTEXT, 0), at + CONTEXT + 1
    return ("…" if lo else "") + " ".join(words[lo:hi]) + ("…" if hi < len(words) else "")
