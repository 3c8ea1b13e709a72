"""Stage 4 helper: a readable word-level diff of two archived versions, as inert HTML.

diff-match-patch compares the versions line by line first (each distinct line one symbol:
fast on texts of hundreds of KB), then, inside each run of changed lines, word by word (each
distinct word one symbol), and its semantic clean-up merges the small equalities that make a
diff unreadable. Unchanged lines are shown only around a change (CONTEXT lines each side);
longer unchanged stretches are summarised ("12 unchanged lines").

Insertions and deletions are marked by more than colour: <ins> (underlined) and <del> (struck
through), each starting with a label for screen readers ("inserted:", "deleted:") and a
visible + or minus sign. Every character of both texts is written through `markup.escape`.

Bounds: diff-match-patch stops refining after TIMEOUT seconds (its result is still a valid,
coarser diff); a change of more than WORD_DIFF_TOKENS words and spaces a side, or a rewrite
(less than ALIKE of its words in common), is shown as removed and inserted lines, not word by
word; at most MAX_SHOWN_CHANGES changes and MAX_SHOWN_CHARS characters of text are
shown, and the page says how many more there are.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from diff_match_patch import diff_match_patch
from markupsafe import Markup

from generator.site.markup import escape

CONTEXT = 2  # unchanged lines shown before and after a change
TIMEOUT = 1.0  # seconds diff-match-patch may spend on one comparison
# Word by word only up to this many words and spaces a side (diff-match-patch's time grows
# with length times differences): a longer change is compared line by line when it replaced as
# many lines as it removed, else shown as removed and inserted lines.
WORD_DIFF_TOKENS = 3_000
ALIKE = 0.5  # share of words two sides must have in common to be compared word by word
MAX_SHOWN_CHANGES = 200
MAX_SHOWN_CHARS = 200_000
_WORDS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)

DELETE, EQUAL, INSERT = diff_match_patch.DIFF_DELETE, 0, diff_match_patch.DIFF_INSERT


@dataclass(frozen=True)
class Diff:
    html: Markup
    changes: int  # changes in all
    shown: int  # changes shown
    inserted: int  # words inserted
    deleted: int  # words deleted

    @property
    def cut(self) -> bool:
        return self.shown < self.changes


def _engine() -> diff_match_patch:
    dmp = diff_match_patch()
    dmp.Diff_Timeout = TIMEOUT
    return dmp


def _by_words(old: str, new: str) -> list[tuple[int, str]]:
    """diff-match-patch on words: each distinct word (or run of spaces, or sign) one symbol."""
    table: dict[str, str] = {}
    words: list[str] = []

    def encode(text: str) -> str:
        out = []
        for w in _WORDS.findall(text):
            symbol = table.get(w)
            if symbol is None:
                symbol = table[w] = chr(len(words))
                words.append(w)
            out.append(symbol)
        return "".join(out)

    dmp = _engine()
    diffs = dmp.diff_main(encode(old), encode(new), False)
    decoded = [(op, "".join(words[ord(c)] for c in text)) for op, text in diffs]
    dmp.diff_cleanupSemantic(decoded)
    return decoded


def _alike(old: list[str], new: list[str]) -> bool:
    """At least ALIKE of the longer side's words are in the other side too: an edit, which a
    word-level diff makes readable, and which diff-match-patch compares quickly (its time grows
    with the differences). A rewrite is shown as removed and inserted text."""
    a = Counter(t for t in old if not t.isspace())
    b = Counter(t for t in new if not t.isspace())
    longer = max(sum(a.values()), sum(b.values()))
    return longer > 0 and sum((a & b).values()) >= ALIKE * longer


def _words_or_lines(removed: str, added: str) -> list[tuple[int, str]]:
    old, new = _WORDS.findall(removed), _WORDS.findall(added)
    if max(len(old), len(new)) <= WORD_DIFF_TOKENS and _alike(old, new):
        return _by_words(removed, added)
    return [(DELETE, removed), (INSERT, added)]


def _compared(removed: str, added: str) -> list[tuple[int, str]]:
    """A run of changed lines: word by word where that is readable and bounded (see _alike
    and WORD_DIFF_TOKENS), as a whole or line by line when it replaced as many lines as it
    removed; else removed lines, then inserted ones."""
    if removed and added:
        old, new = _WORDS.findall(removed), _WORDS.findall(added)
        if max(len(old), len(new)) <= WORD_DIFF_TOKENS and _alike(old, new):
            return _by_words(removed, added)
        if removed.count("\n") == added.count("\n"):
            out: list[tuple[int, str]] = []
            for n, (a, b) in enumerate(zip(removed.split("\n"), added.split("\n"), strict=True)):
                out += ([(EQUAL, "\n")] if n else []) + _words_or_lines(a, b)
            return out
    parts = [(DELETE, removed)] if removed else []
    return parts + ([(INSERT, added)] if added else [])


def _lines(text: str) -> list[str]:
    return text.splitlines()


def _context(lines: list[str], first: bool, last: bool) -> tuple[list[str], list[str]]:
    """The unchanged lines shown after the change before them and before the next one."""
    if first and last:  # nothing changed
        return [], []
    if first:
        return [], lines[-CONTEXT:]
    if last:
        return lines[:CONTEXT], []
    if len(lines) <= 2 * CONTEXT:
        return lines, []
    return lines[:CONTEXT], lines[-CONTEXT:]


def _count_words(text: str) -> int:
    return len(re.findall(r"\w+", text))


_SIGN = {INSERT: "+", DELETE: "\u2212"}
_LABEL = {INSERT: "inserted:", DELETE: "deleted:"}
_TAG = {INSERT: "ins", DELETE: "del"}


def _marked(op: int, text: str) -> str:
    """One insertion or deletion: its label for screen readers, a visible sign, the words;
    line breaks inside it kept as <br>."""
    body = "<br>".join(escape(part) for part in text.split("\n"))
    return (
        f'<{_TAG[op]}><span class="cb-visually-hidden">{_LABEL[op]} </span>'
        f'<span class="cb-diff-sign" aria-hidden="true">{_SIGN[op]}</span>{body}</{_TAG[op]}>'
    )


def diff(old: str, new: str) -> Diff:
    dmp = _engine()
    a, b, table = dmp.diff_linesToChars(old, new)
    blocks = dmp.diff_main(a, b, False)
    dmp.diff_charsToLines(blocks, table)
    # Runs: ("same", text) or ("changed", deleted text, inserted text)
    html: list[str] = []
    changes = shown = inserted = deleted = chars = 0
    i = 0
    first = True
    while i < len(blocks):
        op, text = blocks[i]
        if op == EQUAL:
            lines = _lines(text)
            last = i == len(blocks) - 1
            head, tail = _context(lines, first, last)
            skipped = len(lines) - len(head) - len(tail)
            if shown < MAX_SHOWN_CHANGES and chars < MAX_SHOWN_CHARS:
                html.extend(f'<p class="cb-diff-same">{escape(x)}</p>' for x in head)
                if skipped > 0 and not (first and last):
                    plural = "s" if skipped != 1 else ""
                    html.append(f'<p class="cb-diff-skip">{skipped:,} unchanged line{plural}</p>')
                html.extend(f'<p class="cb-diff-same">{escape(x)}</p>' for x in tail)
                chars += sum(len(x) for x in head + tail)
            first = False
            i += 1
            continue
        removed = added = ""
        while i < len(blocks) and blocks[i][0] != EQUAL:
            if blocks[i][0] == DELETE:
                removed += blocks[i][1]
            else:
                added += blocks[i][1]
            i += 1
        changes += 1
        first = False
        parts = _compared(removed.rstrip("\n"), added.rstrip("\n"))
        inserted += sum(_count_words(t) for op_, t in parts if op_ == INSERT)
        deleted += sum(_count_words(t) for op_, t in parts if op_ == DELETE)
        if shown >= MAX_SHOWN_CHANGES or chars >= MAX_SHOWN_CHARS:
            continue
        shown += 1
        out = []
        for op_, t in parts:
            chars += len(t)
            if op_ == EQUAL:
                out.append("<br>".join(escape(x) for x in t.split("\n")))
            else:
                out.append(_marked(op_, t))
        html.append(f'<p class="cb-diff-change">{"".join(out)}</p>')
    return Diff(Markup("\n".join(html)), changes, shown, inserted, deleted)
