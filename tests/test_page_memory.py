"""Generated pages reach the site engine one byte a character (site/render.py `narrow`), and
the published HTML has the characters back (postbuild/minify.py)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from generator.engine import rawhtml
from generator.pipeline import generate
from generator.postbuild.minify import compact_html
from generator.site.render import narrow
from tests.conftest import make_project

TEMPLATES = Path(__file__).resolve().parent.parent / "site_templates"
# Written as escapes: ruff flags these look-alikes of ` and > in source.
QUOTE, ARROW, OPEN, CLOSE = "\u2019", "\u203a", "\u201c", "\u201d"


def test_narrow_writes_references_beyond_latin1_in_the_body_only() -> None:
    front_matter = f'---\ntitle: "Don{QUOTE}t · Acme"\n---\n'
    page = f"{front_matter}\n# Don{QUOTE}t train {ARROW} on {OPEN}data{CLOSE} — café\n"
    out = narrow(page)
    front, body = out.split("\n---\n", 1)
    assert front == f'---\ntitle: "Don{QUOTE}t · Acme"'  # YAML: a reference would be shown as text
    assert body == "\n# Don&#8217;t train &#8250; on &#8220;data&#8221; &#8212; café\n"
    # Every character Latin-1: CPython holds the string one byte a character, as MkDocs
    # holds every page's Markdown and HTML; the original takes two. (Fresh strings of 40
    # lines: no cached UTF-8 copy, and the header is small beside the characters.)
    assert max(map(ord, body)) <= 0xFF
    long_page = front_matter + body * 40
    narrowed, wide = narrow(long_page).split("\n---\n", 1)[1], page.split("\n---\n", 1)[1] * 40
    assert len(narrowed) < sys.getsizeof(narrowed) < len(narrowed) + 100
    assert sys.getsizeof(wide) > 2 * len(wide)
    assert narrow(f"no front {ARROW} matter") == "no front &#8250; matter"


def test_the_published_html_has_the_characters_back() -> None:
    html = '<p title="a &#8212; b">Don&#8217;t &#128512; &#233; &#60;b&#62; &amp;#8212;</p>'
    assert compact_html(html) == f'<p title="a — b">Don{QUOTE}t 😀 é &#60;b&#62; &amp;#8212;</p>'
    # Inside a script the text is not HTML: a reference there is what its author wrote.
    script = '<script type="application/ld+json">{"a":"&#8212;"}</script>'
    assert compact_html(script) == script
    # References to no character stay as they are.
    assert compact_html("<p>&#55296; &#9999999;</p>") == "<p>&#55296; &#9999999;</p>"


def test_no_template_writes_a_character_beyond_latin1_in_a_code_span() -> None:
    """In a Markdown code span a reference is shown as written: `narrow` would break it."""
    found = []
    for template in sorted(TEMPLATES.rglob("*.md.j2")):
        text = template.read_text(encoding="utf-8")
        for span in re.findall(r"(`+)(.+?)\1", text, re.S):
            if any(ord(c) > 0xFF for c in span[1]) or "{{" in span[1]:
                found.append(f"{template.name}: `{span[1]}`")
    assert not found, found


def test_a_clause_page_leaves_python_markdown_its_headings_only(tmp_path: Path) -> None:
    """clause.md.j2 marks everything between headings as finished HTML (engine/rawhtml.py):
    MkDocs converts and keeps a few lines per analysis page, not the whole page."""
    root = make_project(tmp_path / "project")
    generate(root)
    for page in sorted((root / "build/docs/platforms").glob("*/*/index.md")):
        body = page.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        held, blocks = rawhtml.hold(body)
        assert blocks is not None
        left = [
            line
            for line in held.splitlines()
            if line and not line.startswith("#") and not line.startswith("clausebook")
        ]
        assert left == [], (page, left)
        assert len(held) < len(body) / 5


def test_the_marks_of_finished_html_do_not_reach_the_site() -> None:
    """Zensical has no adapter to take them out: the compaction does."""
    html = "<h2>A</h2>\n<!-- clausebook:html -->\n<p>b</p>\n<!-- /clausebook:html -->\n<p>c</p>"
    assert compact_html(html) == "<h2>A</h2><p>b</p><p>c</p>"
