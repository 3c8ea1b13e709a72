"""Reading a built page's structure as a browser's parser would: elements, attributes, scripts,
headings, table rows, comments, visible text (entities decoded, whitespace folded)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

URL_ATTRS = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "srcset",
    "background",
    "cite",
    "srcdoc",
}
# How deep a page is shows in its relative links ("../../", ".."): not part of what a script is.
_RELATIVE = re.compile(r'(?:\.\./)+|\.\.(?:/\.\.)*|(?<=")\.(?=")')


def fold(text: str) -> str:
    return " ".join(text.split())


@dataclass
class Page:
    tags: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)  # src, or inline text; depth normalised
    data_blocks: list[str] = field(default_factory=list)  # <script type="application/ld+json">
    headings: list[str] = field(default_factory=list)
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # (table no., cell texts)
    comments: list[str] = field(default_factory=list)
    title: str = ""
    text: str = ""

    def attrs(self) -> list[tuple[str, str, str]]:
        return [(tag, k, v) for tag, a in self.tags for k, v in a.items()]


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._text: list[str] = []
        self._capture: list[list[str]] = []  # open heading / cell / title / script buffers
        self._kind: list[str] = []
        self._tables = 0
        self._row: list[str] | None = None
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.page.tags.append((tag, a))
        if tag == "table":
            self._tables += 1
        elif tag == "tr":
            self._row = []
        if tag in ("script", "style"):
            self._skip += 1
        if tag == "script" and "src" in a:
            self.page.scripts.append("src:" + _RELATIVE.sub("", a["src"]))
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "title", "script"):
            self._capture.append([])
            self._kind.append("ld+json" if a.get("type") == "application/ld+json" else tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1
        if tag == "script" and self._kind and self._kind[-1] == "ld+json":
            self._kind.pop()  # data, not code: kept whole so a test can parse it as JSON
            self.page.data_blocks.append("".join(self._capture.pop()))
            return
        if self._kind and self._kind[-1] == tag:
            self._kind.pop()
            text = fold("".join(self._capture.pop()))
            if tag in ("td", "th") and self._row is not None:
                self._row.append(text)
            elif tag == "title":
                self.page.title = text
            elif tag == "script":
                if text:
                    self.page.scripts.append("inline:" + _RELATIVE.sub("", text))
            else:
                self.page.headings.append(text.rstrip("¶").strip())
        if tag == "tr" and self._row is not None:
            self.page.rows.append((self._tables, self._row))
            self._row = None

    def handle_data(self, data: str) -> None:
        for buffer in self._capture:
            buffer.append(data)
        if not self._skip:
            self._text.append(data)

    def handle_comment(self, data: str) -> None:
        self.page.comments.append(data)


def parse(html: str) -> Page:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    reader.page.text = fold(" ".join(reader._text))
    return reader.page


def is_script_url(value: str) -> bool:
    """What a browser would run or render as a document: javascript:, vbscript:, data:."""
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", value).lower()
    return cleaned.startswith(("javascript:", "vbscript:", "data:"))
