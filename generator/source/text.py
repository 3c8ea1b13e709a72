"""Stage 1 helper, text: the one normalisation of authored text, done at load.

Input: the data of a parsed YAML file, or the text of a Markdown page. Output: the same with
every string in Unicode NFC (so "é" typed as e + U+0301 and as U+00E9 is one text, one search
term, one sort key), or the characters that no authored text may hold, with where they are.

Rejected, with an error (rule bad-character), never replaced: C0 and C1 control characters
other than tab and line feed (a carriage return too: YAML has turned every line end into a
line feed, so one left came from an escape), Unicode noncharacters (U+FDD0 to U+FDEF, U+xFFFE,
U+xFFFF) and lone surrogates. YAML refuses most of them written as they are, but not written
as escapes (`"\\x9b"`, `"\\uFFFE"`), and they break what reads the pages: a C1 control made
the page's front matter unreadable, so the page showed `title: …` as text. A replacement
character instead would change a quotation without telling its author.

Bidirectional controls (embeddings and overrides U+202A to U+202E, isolates U+2066 to U+2069) are
kept, as right-to-left text may need them, but they never reach beyond their text: `isolate`
wraps a text that leaves one open in FSI … PDI wherever the pages show it inline (and the stylesheet
isolates the elements that show authored text inline), and `check` warns of an unbalanced one
(`unbalanced_bidi`, rule bidi-control), the "Trojan source" trick.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17)
)
BAD = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff{_NONCHARACTERS}]")
# BAD without the 34 noncharacters beyond U+FFFF, and what says a text may hold one: Python's
# regex tests every character against each range of a class, so BAD scans a text ten times
# slower than these two (0.23 ms of a cold `check`'s 0.48 ms an analysis).
_BAD_BMP = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_OPENERS = {
    "\u202a": "LRE",
    "\u202b": "RLE",
    "\u202d": "LRO",
    "\u202e": "RLO",
    "\u2066": "LRI",
    "\u2067": "RLI",
    "\u2068": "FSI",
}
_PDF, _PDI = "\u202c", "\u2069"
# Unicode's bidirectional algorithm ends every embedding at a paragraph separator.
_PARAGRAPH_END = frozenset("\n\r\x1c\x1d\x1e\x85\u2029")
# The YAML escapes that write one of the rejected characters, for pointing at it.
_YAML_ESCAPES = {0: "0", 7: "a", 8: "b", 0x0B: "v", 0x0C: "f", 0x0D: "r", 0x1B: "e", 0x85: "N"}

Path = tuple[str | int, ...]


def bad_character(char: str) -> str | None:
    """What `char` is, if authored text may not hold it."""
    if not BAD.match(char):
        return None
    code = ord(char)
    if code < 0x20 or code == 0x7F:
        return "a control character"
    if code < 0xA0:
        return "a C1 control character"
    if 0xD800 <= code <= 0xDFFF:
        return "a lone surrogate (not a character)"
    return "a Unicode noncharacter"


def bidi_control(char: str) -> bool:
    return BIDI.match(char) is not None


def find_bad(text: str) -> re.Match[str] | None:
    """The first rejected character in `text`: `BAD.search(text)`, faster."""
    return (_BAD_BMP if _ASTRAL.search(text) is None else BAD).search(text)


def clean(text: str) -> bool:
    """True when `text` is NFC and holds no rejected character (most texts: no copy made)."""
    return find_bad(text) is None and unicodedata.is_normalized("NFC", text)


def normalise(data: Any) -> tuple[Any, list[tuple[Path, bool, str, int]]]:
    """`data` with every string (keys too) in NFC, and each rejected character found:
    (YAML path, whether it is in a key, the character, its index in the string)."""
    found: list[tuple[Path, bool, str, int]] = []

    def walk(node: Any, path: Path) -> Any:
        if isinstance(node, str):
            return _string(node, path, False)
        if isinstance(node, dict):
            return {
                _string(k, (*path, k), True) if isinstance(k, str) else k: walk(v, (*path, k))
                for k, v in node.items()
            }
        if isinstance(node, list):
            return [walk(item, (*path, i)) for i, item in enumerate(node)]
        return node

    def _string(text: str, path: Path, key: bool) -> str:
        bad = find_bad(text)
        if bad is not None:
            found.append((path, key, bad.group(), bad.start()))
            return text
        if unicodedata.is_normalized("NFC", text):
            return text
        return unicodedata.normalize("NFC", text)

    return walk(data, ()), found


def written_at(text: str, offset: int, char: str, nth: int = 0) -> int | None:
    """Where the `nth` occurrence of `char` (0: the first), as typed or as a YAML escape, is
    in `text` at or after `offset`; None if it is not written there."""
    code = ord(char)
    spellings = [re.escape(char), f"\\\\x{code:02x}", f"\\\\u{code:04x}", f"\\\\U{code:08x}"]
    if code in _YAML_ESCAPES:
        spellings.append(f"\\\\{_YAML_ESCAPES[code]}")
    pattern = re.compile("|".join(spellings), re.IGNORECASE if code > 0x7F else 0)
    for i, match in enumerate(pattern.finditer(text, offset)):
        if i == nth:
            return match.start()
    return None


def unbalanced_bidi(text: str) -> tuple[int, str] | None:
    """The first bidirectional control of `text` that is opened and never closed before its
    paragraph ends, or closes nothing: (its index, what it is). None when all are balanced."""
    if BIDI.search(text) is None:
        return None
    stack: list[tuple[int, str]] = []
    for i, char in enumerate(text):
        if char in _OPENERS:
            stack.append((i, char))
        elif char == _PDF:
            if not stack or stack[-1][1] not in "\u202a\u202b\u202d\u202e":
                return i, "PDF (U+202C) that closes no embedding"
            stack.pop()
        elif char == _PDI:
            # A PDI closes its isolate and every embedding opened inside it (UAX #9, X6a).
            while stack and stack[-1][1] not in "\u2066\u2067\u2068":
                stack.pop()
            if not stack:
                return i, "PDI (U+2069) that closes no isolate"
            stack.pop()
        elif char in _PARAGRAPH_END and stack:
            break
    if stack:
        i, char = stack[0]
        return i, f"{_OPENERS[char]} (U+{ord(char):04X}) that is never closed"
    return None


def isolate(text: str) -> str:
    """`text` wrapped in FSI … PDI if a bidirectional control in it is left open (or closes
    nothing): whatever it opens ends with the text, and the text around it keeps its order
    (plain text's <bdi>). Balanced controls reorder only their own text: left as they are."""
    if unbalanced_bidi(text) is None:
        return text
    # An isolate left open would take the closing PDI for its own: close those too.
    left_open = sum(text.count(c) for c in "\u2066\u2067\u2068") - text.count(_PDI)
    return f"\u2068{text}{_PDI * (1 + max(left_open, 0))}"


def offset_of(text: str, line: int, col: int) -> int:
    """The index in `text` of a 1-based line and column."""
    start = 0
    for _ in range(line - 1):
        start = text.index("\n", start) + 1
    return start + col - 1


def position_of(raw: bytes, offset: int) -> tuple[int, int]:
    """The 1-based line and column (in bytes) of `offset` in `raw`: where an undecodable
    byte stands, for a problem's location."""
    line = raw.count(b"\n", 0, offset) + 1
    return line, offset - (raw.rfind(b"\n", 0, offset) + 1) + 1
