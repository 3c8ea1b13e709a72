"""Archived copies of platform documents, and whether an excerpt occurs in them.

Input: the paths of `analyses/<platform>/sources/<document>/<YYYY-MM-DD>.txt` (the text of a
document as it read on that date) and an excerpt. Output: which copy holds the excerpt (its
date and SHA-256), or the closest passage of the newest copy. Used by the excerpt rule
(validate/excerpts.py) and by the index, which shows the verification on the clause page.

Comparison ignores what copying text out of a browser or PDF changes: whitespace and line
breaks, curly versus straight quotes, dash styles, ligatures and non-breaking spaces (NFKC),
soft hyphens and zero-width characters. Case and words must match.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MAX_COPY_BYTES = 20 * 1024 * 1024  # a long terms document is ~1 MB of text

_FOLD = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u0060\u00b4", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
        **dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff", ""),
    }
)
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text).translate(_FOLD)).strip()


@dataclass(frozen=True)
class Copy:
    path: Path
    date: dt.date
    sha256: str
    text: str  # normalised


@dataclass(frozen=True)
class Verification:
    """The excerpt occurs in the archived copy of `date` (file `rel`, SHA-256 `sha256`)."""

    rel: str
    date: dt.date
    sha256: str


def copy_date(path: Path) -> dt.date | None:
    try:
        return dt.date.fromisoformat(path.stem) if len(path.stem) == 10 else None
    except ValueError:
        return None


@lru_cache(maxsize=256)
def _read(path: Path, size: int, mtime_ns: int) -> tuple[str, str]:
    # Keyed on size and mtime too, so that `serve` sees an edited copy.
    raw = path.read_bytes()
    return hashlib.sha256(raw).hexdigest(), normalise(raw.decode("utf-8-sig"))


def read_copy(path: Path) -> Copy:
    """A dated copy; raises ValueError (bad name, too large) or UnicodeDecodeError."""
    date = copy_date(path)
    if date is None:
        raise ValueError(f"'{path.name}' is not named after a date (YYYY-MM-DD.txt)")
    stat = path.stat()
    if stat.st_size > MAX_COPY_BYTES:
        raise ValueError(f"{stat.st_size:,} bytes; the limit is {MAX_COPY_BYTES:,}")
    sha, text = _read(path, stat.st_size, stat.st_mtime_ns)
    return Copy(path, date, sha, text)


def newest_first(copies: list[Copy]) -> list[Copy]:
    return sorted(copies, key=lambda c: c.date, reverse=True)


def find(copies: list[Copy], excerpt: str, root: Path) -> Verification | None:
    """The newest copy that holds the excerpt, or None."""
    wanted = normalise(excerpt)
    for c in newest_first(copies):
        if wanted in c.text:
            return Verification(c.path.relative_to(root).as_posix(), c.date, c.sha256)
    return None


def closest(text: str, excerpt: str) -> tuple[float, str]:
    """The passage of `text` most like `excerpt`, and how alike (0 to 1).

    Windows as long as the excerpt, every half length; `quick_ratio` (a bound that costs no
    alignment) discards most of them before `ratio` runs on the best 20.
    """
    wanted = normalise(excerpt)
    size = max(len(wanted), 1)
    step = max(size // 2, 1)
    starts = range(0, max(len(text) - size, 0) + 1, step)
    if not text:
        return 0.0, ""
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(wanted)
    ranked = []
    for i in starts:
        matcher.set_seq1(text[i : i + size])
        ranked.append((matcher.quick_ratio(), i))
    best = (0.0, "")
    for _, i in sorted(ranked, key=lambda r: (-r[0], r[1]))[:20]:
        # A window may cut the passage: widen it by a step each side, then trim it to the
        # span that actually matches.
        wide = text[max(i - step, 0) : i + size + step]
        matcher.set_seq1(wide)
        blocks = [b for b in matcher.get_matching_blocks() if b.size >= 3]
        if not blocks:
            continue
        passage = wide[blocks[0].a : blocks[-1].a + blocks[-1].size]
        matcher.set_seq1(passage)
        best = max(best, (matcher.ratio(), passage))
    return best
