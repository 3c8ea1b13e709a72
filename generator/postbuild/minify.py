"""Stage 6a, page size: a built HTML page → the same page in fewer bytes.

Input: the HTML MkDocs and Material wrote for one page. Output: the same document, smaller,
by two means:

- Theme icons. Material writes each icon as an inline `<svg>` on every page (logo, menu,
  palette, search, repository, edit, back to top: about 4.6 KB of a clause page). Each is
  written once into a sprite file, `assets/clausebook/icons.svg`, and the page refers to it
  with `<use xlink:href=…#id>`; the browser fetches the sprite once and caches it. Only an
  `<svg>` that is exactly one `<path>` (Material's icon shape; Zensical's Font Awesome icons
  add `fill="currentColor"`) is moved; charts and anything
  else stay inline. Authored text cannot reach here as markup: it is escaped long before.
  The reference is `xlink:href`, because Material's instant navigation rewrites every
  relative `[href]` of a page it loads by assigning to `.href`, which an SVG `<use>` does not
  allow (a script error on every navigation); and it is a path from the server's root, because
  instant navigation keeps the header of the first page, whose relative paths would then
  point elsewhere. So the site must be served at its site_url's path, as `serve` and GitHub
  Pages do.
- Marks: the comments that mark blocks of finished HTML in the generated Markdown go.
- Whitespace: every run of whitespace that starts at a line break is cut to one line break,
  and a line break before a block-level tag (div, li, p, table rows …), where a browser shows
  no space, goes too. Inside `<pre>`, `<textarea>`, `<script>` and `<style>` nothing changes.
- Navigation titles: Material wraps each title of the navigation and of the table of contents
  in `<span class="md-ellipsis">`, which only clips a title wider than the sidebar (and
  Material's script then gives the link a tooltip); their titles are short section names, so
  the span goes and a title wraps if ever it must (1 KB of an analysis page: 13 navigation and
  15 table-of-contents entries). The header's title keeps its span: it does clip.
- Numeric references: authored text reaches the Markdown converter with its punctuation as
  numeric references (generator/site/markup.py), so that no Markdown syntax can come of it,
  and every character beyond Latin-1 as one (site/render.py `narrow`, to halve what MkDocs
  holds). In the finished HTML the ones that mean nothing to HTML (`&#45;` for "-", `&#58;`
  for ":", `&#8217;` for a closing quote …) are written as the characters; `<`, `>`, `&`, quotes and
  braces stay references.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

SPRITE = "assets/clausebook/icons.svg"
_ICON = re.compile(
    r'<svg xmlns="http://www\.w3\.org/2000/svg" viewBox="([0-9. ]+)">'
    r'((?:<!--![^<>]*-->)?<path (?:fill="currentColor" )?d="[^"<>]*"/>)</svg>'
)
_KEEP = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
_INDENT = re.compile(r"\n\s+")
# The marks of finished HTML in the generated Markdown (engine/rawhtml.py): MkDocs' adapter
# takes them out; an engine without it (Zensical) leaves them as comments.
_HELD_MARK = re.compile(r"<!-- /?clausebook:html -->\n?")
_BLOCK = (
    "address|article|aside|blockquote|body|details|dialog|div|dl|dd|dt|fieldset|figcaption"
    "|figure|footer|form|h[1-6]|head|header|hr|html|li|link|main|meta|nav|ol|p|section"
    "|summary|table|tbody|td|tfoot|th|thead|title|tr|ul"
)
_BLOCK_GAP = re.compile(rf"\n(?=</?(?:{_BLOCK})[\s/>])", re.I)
# A link or section label of the navigation or the table of contents (never the header's
# title) and its title's span; Zensical's holds a second one (`md-typeset`, whose font size
# its stylesheet sets to the navigation's own there).
_NAV_TITLE = re.compile(
    r'(<(?:a|label) [^<>]*class="md-nav__link[^"<>]*"[^<>]*>)\n?'
    r'<span class="md-ellipsis">\n?(<span class="md-typeset">\n?)?([^<>]*?)\n?'
    r"(?(2)</span>\n?)</span>\n?"
)
# Markdown syntax characters that are plain characters to HTML (never < > & " ' { }), and
# characters beyond Latin-1 (render.narrow wrote them as references).
_HARMLESS = re.compile(r"&#(33|35|40|41|42|43|45|58|91|93|95|124|126|[2-9]\d\d|\d{4,6});")


def _character(match: re.Match[str]) -> str:
    code = int(match.group(1))
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:  # no character: leave the reference
        return match.group(0)
    return chr(code)


def compact_html(html: str) -> str:
    parts = _KEEP.split(html)
    # split() yields: text, kept block, its tag name, text, kept block, tag name, ...
    out = []
    for i, part in enumerate(parts):
        kind = i % 3
        if kind == 0:
            part = _HELD_MARK.sub("", part)
            part = _NAV_TITLE.sub(r"\1\3", _BLOCK_GAP.sub("", _INDENT.sub("\n", part)))
            out.append(_HARMLESS.sub(_character, part))
        elif kind == 1:
            out.append(part)
    return "".join(out)


class Icons:
    """The theme icons seen so far, by id; `link` rewrites a page, `refs` names icons for a
    script, `write` makes the sprite."""

    def __init__(self) -> None:
        self.symbols: dict[str, tuple[str, str]] = {}  # id → (viewBox, inner SVG)
        self._ids: dict[str, str] = {}  # an icon's inline SVG → its id

    def _key(self, match: re.Match[str]) -> str:
        key = self._ids.get(match.group(0))
        if key is None:
            key = "i" + hashlib.sha1(match.group(0).encode()).hexdigest()[:10]
            self._ids[match.group(0)] = key
            self.symbols[key] = (match.group(1), match.group(2))
        return key

    def link(self, html: str, sprite_url: str) -> str:
        """`html` with every theme icon replaced by a reference into the sprite at
        `sprite_url` (relative to the page, or the sprite's path from the server's root)."""

        def use(match: re.Match[str]) -> str:
            href = f"{sprite_url}#{self._key(match)}"
            return f'<svg viewBox="{match.group(1)}"><use xlink:href="{href}"/></svg>'

        return _ICON.sub(use, html)

    def refs(self, icons: str) -> str:
        """Theme icons for a script to draw: `icons` (inline SVGs, one after another) as
        "viewBox#id" for each, joined by commas; each is put in the sprite (the search box's
        icons, which partials/header.html names and assets/search.js draws)."""
        found = list(_ICON.finditer(icons))
        if not found or _ICON.sub("", icons).strip():
            raise ValueError(f"not theme icons of one path each: {icons.strip()[:80]!r}")
        return ",".join(f"{m.group(1)}#{self._key(m)}" for m in found)

    def sprite(self) -> str:
        symbols = "".join(
            f'<symbol id="{key}" viewBox="{view_box}">{inner}</symbol>'
            for key, (view_box, inner) in sorted(self.symbols.items())
        )
        return f'<svg xmlns="http://www.w3.org/2000/svg">{symbols}</svg>\n'

    def write(self, site_dir: Path) -> None:
        target = site_dir / SPRITE
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(self.sprite(), encoding="utf-8")
