"""Archived copies of platform documents, and whether an excerpt occurs in them.

Input: the paths of `analyses/<platform>/sources/<document>/<YYYY-MM-DD>.txt` (the text of a
document as it read on that date) and an excerpt. Output: which copy holds the excerpt (its
date and SHA-256). Used by the excerpt rule (validate/excerpts.py), which passes each result
on to the index (the clause page shows it); generator/passages.py finds the closest passage
when there is none.

Comparison ignores what copying text out of a browser or PDF changes: whitespace and line
breaks, curly versus straight quotes, dash styles, ligatures and non-breaking spaces (NFKC),
soft hyphens and zero-width characters. Case and words must match, and so must word
boundaries: "enforceable in its entirety" is not in "unenforceable in its entirety", nor
"exclusive licence" in "non-exclusive licence".

Bounds: a copy is at most MAX_COPY_BYTES (read no further), a document keeps at most
MAX_COPIES, and the normalised texts kept between checks (serve) take at most CACHE_CHARS.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from generator import clock

# A long terms document is ~1 MB of text (AWS's Service Terms: 0.6 MB); a copy four times
# that is no document, and each copy is searched for every excerpt that quotes it.
MAX_COPY_BYTES = 4 * 1024 * 1024
MAX_COPIES = 50  # per document; older versions stay in git's history and in Open Terms Archive
CACHE_CHARS = 64 * 1024 * 1024  # normalised text kept for the next check (serve)
MIN_WORDS = 4  # a shorter excerpt occurs by chance: "verified" would mean nothing
EARLIEST = dt.date(1991, 8, 6)  # the first web page: no platform's terms are older

_FOLD = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u0060\u00b4", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
        **dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff", ""),
    }
)
_SPACE = re.compile(r"\s+")
_DATED = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})\.txt")  # ASCII digits only


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


def copy_date(name: str) -> dt.date:
    """The date a copy is named after; ValueError saying why its name is not one."""
    match = _DATED.fullmatch(name)
    if match is None:
        raise ValueError(f"'{name}' is not named after a date (YYYY-MM-DD.txt)")
    try:
        date = dt.date(*map(int, match.groups()))
    except ValueError:
        raise ValueError(f"'{name}' is named after a day that does not exist") from None
    if date > clock.newest_date():
        raise ValueError(f"'{name}' is dated in the future")
    if date < EARLIEST:
        raise ValueError(f"'{name}' is dated before the first web page ({EARLIEST})")
    return date


class _Texts:
    """Normalised texts by (path, size, mtime), the least recently used dropped first once
    they hold more than CACHE_CHARS characters: `serve` sees an edited copy, and 300 copies
    of 4 MB cannot fill the memory."""

    def __init__(self) -> None:
        self.entries: OrderedDict[tuple[Path, int, int], tuple[str, str]] = OrderedDict()
        self.chars = 0

    def get(self, path: Path, size: int, mtime_ns: int) -> tuple[str, str]:
        key = (path, size, mtime_ns)
        found = self.entries.get(key)
        if found is not None:
            self.entries.move_to_end(key)
            return found
        with path.open("rb") as stream:  # no further than the limit, whatever stat said
            raw = stream.read(MAX_COPY_BYTES + 1)
        if len(raw) > MAX_COPY_BYTES:
            raise ValueError(f"over {MAX_COPY_BYTES:,} bytes (the limit)")
        found = hashlib.sha256(raw).hexdigest(), normalise(raw.decode("utf-8-sig"))
        self.entries[key] = found
        self.chars += len(found[1])
        while self.chars > CACHE_CHARS and len(self.entries) > 1:
            self.chars -= len(self.entries.popitem(last=False)[1][1])
        return found


_TEXTS = _Texts()


def read_copy(path: Path) -> Copy:
    """A dated copy; raises ValueError (bad name or date, too large) or UnicodeDecodeError."""
    date = copy_date(path.name)
    stat = path.stat()
    if stat.st_size > MAX_COPY_BYTES:
        raise ValueError(f"{stat.st_size:,} bytes; the limit is {MAX_COPY_BYTES:,}")
    sha, text = _TEXTS.get(path, stat.st_size, stat.st_mtime_ns)
    return Copy(path, date, sha, text)


def newest_first(copies: list[Copy]) -> list[Copy]:
    return sorted(copies, key=lambda c: c.date, reverse=True)


def find(copies: list[Copy], excerpt: str, root: Path) -> Verification | None:
    """The newest copy that holds the excerpt, on word boundaries, or None."""
    wanted = normalise(excerpt)
    for c in newest_first(copies):
        if wanted in c.text and _bounded(wanted).search(c.text):
            return Verification(c.path.relative_to(root).as_posix(), c.date, c.sha256)
    return None


def only_within_words(copies: list[Copy], excerpt: str) -> bool:
    """True when the excerpt occurs in a copy, but only as part of longer words."""
    wanted = normalise(excerpt)
    return any(wanted in c.text for c in copies)


@lru_cache(maxsize=1024)
def _bounded(wanted: str) -> re.Pattern[str]:
    """`wanted` where it neither starts nor ends inside a word. A letter or digit next to it,
    or a hyphen or apostrophe and then one ("non-exclusive", "Customer's"), continues a word.
    The search runs in the regular expression engine: linear, even in a copy of one word
    repeated a million times."""
    head = r"(?<![^\W_])(?<![^\W_][-'])" if wanted[:1].isalnum() else ""
    tail = r"(?![^\W_])(?![-'][^\W_])" if wanted[-1:].isalnum() else ""
    return re.compile(head + re.escape(wanted) + tail)
