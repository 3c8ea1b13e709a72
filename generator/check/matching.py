"""Stage 2 helper, excerpt matching: an excerpt against the archived versions of its document.

Input: a document's `Archive` (versions.yml and one Markdown file per version; see
generator/source/archive.py) and an excerpt. Output: a `Verification`: the newest version that
holds the excerpt and what that says about the analysis (its excerpt is current, or it was
current once and the document has changed since), or None when no version holds it. Used by
the excerpt rule (generator/check/excerpts.py), which passes each result on to the index; the
clause page, the API and the feeds show it. generator/check/passages.py finds the closest
passage when there is none.

Comparison ignores what copying text out of a browser or PDF changes: whitespace and line
breaks, curly versus straight quotes, dash styles, ligatures and non-breaking spaces (NFKC),
soft hyphens and zero-width characters; and the Markdown that Open Terms Archive writes around
the words (emphasis marks, link targets, heading underlines, escapes). Case and words must
match, and so must word boundaries: "enforceable in its entirety" is not in "unenforceable in
its entirety", nor "exclusive licence" in "non-exclusive licence".

Bounds: a version is at most 5 MB (source/archive.py, read no further); an excerpt is looked
for in the newest versions first and in at most MAX_SEARCHED versions; the normalised texts
kept between checks (serve) take at most CACHE_CHARS.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections import OrderedDict
from functools import lru_cache

from generator.model.verification import Verification
from generator.source.archive import Archive, Version

# An excerpt missing from the newest versions is looked for in older ones, newest first, to tell
# when it vanished; a document that changed daily for years is searched no further back.
MAX_SEARCHED = 400
CACHE_CHARS = 64 * 1024 * 1024  # normalised text kept for the next check (serve)
MIN_WORDS = 4  # a shorter excerpt occurs by chance: "verified" would mean nothing

_FOLD = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u0060\u00b4", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
        **dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff", ""),
        "*": "",  # Markdown emphasis in an archived text; never a word of a clause
    }
)
# Open Terms Archive's Markdown around the words of a document: [label](target) and
# ![alt](src) keep their words, a backslash escape its character; heading underlines, heading
# marks and list bullets at a line's start go; _emphasis_ loses its underscores (not snake_case).
_LINK = re.compile(r"!?\[([^\[\]\n]{0,2000})\]\([^()\s]{0,2000}(?:\s+\"[^\"\n]{0,500}\")?\)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_UNDERLINE = re.compile(r"^[ \t]*(?:=+|-{3,})[ \t]*$", re.M)
_LINE_MARK = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+|[-+][ \t]+)", re.M)
# The lookbehind after the first underscore, not before it: the same matches, but the engine
# then only stops at underscores (before, it tried the lookbehind at every character).
_UNDERSCORES = re.compile(r"_(?<![^\W_]_)_*|_+(?![^\W_])")


def normalise(text: str) -> str:
    """Text as compared: NFKC, quotes, dashes and spaces folded, invisible characters gone.
    (str.split() splits on the characters of str.isspace(), which a regular expression's
    whitespace class matches, ten times faster than re.sub on a long text; NFKC is skipped
    where it would change nothing: ASCII, or a text its quick check finds normalised.)"""
    stable = text.isascii() or unicodedata.is_normalized("NFKC", text)
    folded = text if stable else unicodedata.normalize("NFKC", text)
    return " ".join(folded.translate(_FOLD).split())


def plain(markdown: str) -> str:
    """An archived version's words without its Markdown (see the module docstring), then
    `normalise`d: what an excerpt is looked for in."""
    text = _LINK.sub(r"\1", markdown)
    text = _UNDERLINE.sub("", text)
    text = _LINE_MARK.sub("", text)
    text = _ESCAPE.sub(r"\1", text)
    return normalise(_UNDERSCORES.sub("", text))


class _Texts:
    """Plain texts of versions by SHA-256 (a version's text never changes under its hash),
    the least recently used dropped first once they hold more than CACHE_CHARS characters."""

    def __init__(self) -> None:
        self.clear()

    def clear(self) -> None:
        self.entries: OrderedDict[str, str] = OrderedDict()
        self.chars = 0

    def get(self, archive: Archive, version: Version) -> str:
        found = self.entries.get(version.sha256)
        if found is not None:
            self.entries.move_to_end(version.sha256)
            return found
        found = plain(archive.text_bytes(version).decode("utf-8", errors="replace"))
        self.entries[version.sha256] = found
        self.chars += len(found)
        while self.chars > CACHE_CHARS and len(self.entries) > 1:
            self.chars -= len(self.entries.popitem(last=False)[1])
        return found


_TEXTS = _Texts()


def forget() -> None:
    """Drop the texts kept for the next check: a build checks once (pipeline.generate)."""
    _TEXTS.clear()


def text_of(archive: Archive, version: Version) -> str:
    """A version's plain text; OSError or ValueError when its file cannot be read."""
    return _TEXTS.get(archive, version)


def verify(archive: Archive, excerpt: str) -> Verification | None:
    """The newest version holding `excerpt` (on word boundaries), and what that means.

    The newest complete version is searched first, then partial copies newer than it, then
    older versions newest first (at most MAX_SEARCHED in all): an excerpt found only there
    is `outdated`, and `vanished` is the first complete version after it."""
    wanted = plain(excerpt)
    pattern = bounded(wanted)
    versions = archive.versions
    newest = archive.newest_complete
    cut = versions.index(newest) if newest is not None else len(versions)
    order = [*([cut] if newest is not None else []), *range(len(versions) - 1, cut, -1)]
    order += range(cut - 1, -1, -1)
    for searched, i in enumerate(order):
        if searched >= MAX_SEARCHED:
            break
        version = versions[i]
        try:
            text = text_of(archive, version)
        except (OSError, ValueError):  # the archive rules report an unreadable file
            continue
        if wanted not in text or not pattern.search(text):
            continue
        rel = f"{archive.rel}/{version.file}"
        if newest is None or i >= cut:
            return Verification("current", version, rel, newest=newest)
        after = next(v for v in versions[i + 1 :] if v.partial is None)
        return Verification("outdated", version, rel, after, newest)
    return None


def since(archive: Archive, found: Verification, excerpt: str) -> Verification:
    """`found` with `since`: the oldest version of the run ending at the version holding the
    excerpt whose complete versions all hold it too (a partial copy without it proves nothing
    and is passed over); at most MAX_SEARCHED versions back.

    Not part of `verify`, which `check` runs: this reads every version of the run, which
    `check` does not need (50 documents of 100 versions: 5,000 texts); the build asks for it
    (pipeline.generate), for the pages and the API."""
    versions = archive.versions
    at = next(i for i, v in enumerate(versions) if v.file == found.version.file)
    wanted = plain(excerpt)
    pattern = bounded(wanted)
    earliest = versions[at]
    for i in range(at - 1, max(at - 1 - MAX_SEARCHED, -1), -1):
        version = versions[i]
        try:
            text = text_of(archive, version)
        except (OSError, ValueError):
            break
        if wanted in text and pattern.search(text):
            earliest = version
        elif version.partial is None:
            break
    return dataclasses.replace(found, since=earliest)


def within_words(archive: Archive, excerpt: str) -> bool:
    """True when the newest complete (or newest) version holds the excerpt only as part of
    longer words."""
    version = archive.newest_complete or archive.newest
    if version is None:
        return False
    try:
        return plain(excerpt) in text_of(archive, version)
    except (OSError, ValueError):
        return False


@lru_cache(maxsize=1024)
def bounded(wanted: str) -> re.Pattern[str]:
    """`wanted` (normalised) where it neither starts nor ends inside a word. A letter or digit
    next to it, or a hyphen or apostrophe and then one ("non-exclusive", "Customer's"),
    continues a word. The search runs in the regular expression engine: linear, even in a copy
    of one word repeated a million times."""
    head = r"(?<![^\W_])(?<![^\W_][-'])" if wanted[:1].isalnum() else ""
    tail = r"(?![^\W_])(?![-'][^\W_])" if wanted[-1:].isalnum() else ""
    return re.compile(head + re.escape(wanted) + tail)
