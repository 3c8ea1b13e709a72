"""Stage 6a, page size: a built HTML page → the same page without indentation whitespace.

Input: the HTML MkDocs and Material wrote for one page. Output: the same document with every
run of whitespace that starts at a line break cut to one line break, outside <pre>, <textarea>,
<script> and <style>, where whitespace can matter. Outside them a browser renders any run of
whitespace as one space, so the page looks the same; Material's deeply indented templates
are about an eighth of a clause page.
"""

from __future__ import annotations

import re

_KEEP = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
_INDENT = re.compile(r"\n\s+")


def compact_html(html: str) -> str:
    parts = _KEEP.split(html)
    # split() yields: text, kept block, its tag name, text, kept block, tag name, ...
    out = []
    for i, part in enumerate(parts):
        kind = i % 3
        if kind == 0:
            out.append(_INDENT.sub("\n", part))
        elif kind == 1:
            out.append(part)
    return "".join(out)
