"""Stage 6 helper: generated HTML that Python-Markdown need not read.

A template marks a block of finished HTML, every authored string in it already escaped by
render.py, with `<!-- clausebook:html -->` … `<!-- /clausebook:html -->` lines. Before MkDocs
converts the page, `hold` swaps each block for a placeholder paragraph; after, `restore` puts
the block back. Python-Markdown would only have passed the HTML through, after parsing it with
html.parser: seconds for the explorer's list of 10,000 analyses, on every build and on every
`serve` rebuild that touches it.

Authored text cannot open a block (`<` is always escaped), and the placeholder carries a
random token drawn per page, so no text can stand for one.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

_BLOCK = re.compile(
    r"^<!-- clausebook:html -->\n(.*?)^<!-- /clausebook:html -->$", re.MULTILINE | re.DOTALL
)


@dataclass(frozen=True)
class Held:
    token: str
    blocks: tuple[str, ...]


def hold(markdown: str) -> tuple[str, Held | None]:
    """Markdown → (Markdown with placeholders, what `restore` needs) or (unchanged, None)."""
    blocks: list[str] = []
    token = secrets.token_hex(8)

    def park(match: re.Match[str]) -> str:
        blocks.append(match.group(1))
        return f"\nclausebook{token}x{len(blocks) - 1}\n"

    held = _BLOCK.sub(park, markdown)
    return (held, Held(token, tuple(blocks))) if blocks else (markdown, None)


def restore(html: str, held: Held | None) -> str:
    if held is None:
        return html
    for i, block in enumerate(held.blocks):
        placeholder = f"<p>clausebook{held.token}x{i}</p>"
        if html.count(placeholder) != 1:
            raise ValueError(f"generated HTML block {i} was lost in conversion")
        html = html.replace(placeholder, block)
    return html
