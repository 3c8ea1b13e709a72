"""Generated HTML blocks skip Python-Markdown and come back unchanged
(generator/engine/rawhtml.py)."""

from __future__ import annotations

import markdown
import pytest

from generator.engine import rawhtml

BLOCK = '<ul class="x">\n<li><a href="a/">A &amp; B</a> *not emphasis*</li>\n</ul>\n'
MARKED = f"<!-- clausebook:html -->\n{BLOCK}<!-- /clausebook:html -->\n"


def convert(text: str) -> str:
    return markdown.Markdown(extensions=["md_in_html"]).convert(text)


def test_a_marked_block_is_held_and_restored_verbatim() -> None:
    page = f"# Title\n\nBefore.\n\n{MARKED}\nAfter *this*.\n"
    held_md, held = rawhtml.hold(page)
    assert held is not None and "<ul" not in held_md
    html = rawhtml.restore(convert(held_md), held)
    assert BLOCK in html  # the block exactly as generated: Markdown never saw it
    assert "<em>this</em>" in html and "<h1" in html  # the rest is converted as before


def test_pages_without_blocks_are_untouched() -> None:
    assert rawhtml.hold("# Title\n\ntext\n") == ("# Title\n\ntext\n", None)
    assert rawhtml.restore("<p>x</p>", None) == "<p>x</p>"


def test_text_cannot_stand_for_a_placeholder() -> None:
    # Authored text that looks like a placeholder is not one: the token is drawn per page.
    page = f"clausebook0000000000000000x0\n\n{MARKED}"
    held_md, held = rawhtml.hold(page)
    html = rawhtml.restore(convert(held_md), held)
    assert html.count("<ul") == 1 and "clausebook0000000000000000x0" in html


def test_a_lost_placeholder_is_an_error() -> None:
    _, held = rawhtml.hold(MARKED)
    with pytest.raises(ValueError, match="lost"):
        rawhtml.restore("<p>nothing</p>", held)
